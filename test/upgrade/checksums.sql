-- Writes, as psql statements, one checksum query per table that holds user
-- rows: every ordinary table outside the system schemas that is not a member
-- of roleext, and of roleext's member tables those pg_dump keeps rows of
-- (pg_extension_config_dump), restricted to those rows.  Columns are listed
-- by name as they are now, so the same statements can run after an upgrade
-- that added columns.  Usage: psql -f checksums.sql -o queries.sql; then
-- psql -f queries.sql, before and after ALTER EXTENSION ... UPDATE.
\set ON_ERROR_STOP on
\pset format unaligned
\pset tuples_only on
WITH ext AS (
  SELECT e.oid, e.extconfig, e.extcondition FROM pg_catalog.pg_extension e WHERE e.extname = 'roleext'
), tables AS (
  SELECT c.oid, coalesce(x.cond, '') AS cond
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN (SELECT u.cfg, u.cond FROM ext, ROWS FROM (pg_catalog.unnest(ext.extconfig), pg_catalog.unnest(ext.extcondition)) AS u(cfg, cond)) x
         ON x.cfg = c.oid
  WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
    AND (x.cfg IS NOT NULL
         OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d, ext
                        WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
                          AND d.refobjid = ext.oid AND d.deptype = 'e'))
)
SELECT pg_catalog.format(
         'SELECT %L, count(*), md5(coalesce(string_agg(r, E''\n'' ORDER BY r), '''')) FROM (SELECT ROW(%s)::text AS r FROM %s t %s) s;',
         t.oid::regclass::text,
         (SELECT pg_catalog.string_agg('t.' || pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)
            FROM pg_catalog.pg_attribute a WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped),
         t.oid::regclass::text, t.cond)
FROM tables t
ORDER BY t.oid::regclass::text;
