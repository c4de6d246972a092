-- Writes one checksum query per table that is a member of roleext, over all
-- its rows (reference data included): an upgrade must leave the tables as a
-- fresh install of the new version fills them.  Tables that hold the
-- state of one installation rather than data are compared by their row
-- count only: title_dictionary_version and taxonomy_version (a random
-- instance number, and a version that counts the writes seen).
\set ON_ERROR_STOP on
\pset format unaligned
\pset tuples_only on
SELECT CASE WHEN c.relname IN ('title_dictionary_version', 'taxonomy_version')
            THEN pg_catalog.format('SELECT %L, count(*), ''(installation state)'' FROM %s t;',
                                   c.oid::regclass::text, c.oid::regclass::text)
            ELSE pg_catalog.format('SELECT %L, count(*), md5(coalesce(string_agg(t::text, E''\n'' ORDER BY t::text), '''')) FROM %s t;',
                                   c.oid::regclass::text, c.oid::regclass::text)
       END
FROM pg_catalog.pg_depend d
JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'roleext'
JOIN pg_catalog.pg_class c ON c.oid = d.objid
WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.deptype = 'e' AND c.relkind IN ('r', 'p')
ORDER BY 1;
