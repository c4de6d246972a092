-- roleext 1.0.0 -> 1.1.0: one soc_autocode index per dictionary version,
-- shared by every backend of the cluster (CHANGELOG.md, doc/autocode.md,
-- "One index for the whole cluster").  The full script of 1.1.0 is
-- sql/70_autocode.sql; this step makes a 1.0.0 database equal to it.
\echo Use "ALTER EXTENSION roleext UPDATE TO '1.1.0'" to load this file. \quit

-- Names resolve in roleext and pg_catalog only (doc/security.md).
SELECT pg_catalog.set_config('search_path', 'roleext, pg_catalog, pg_temp', true);

-- The dictionary's version: a sequence and a one-row table.
CREATE SEQUENCE title_dictionary_version_seq;
COMMENT ON SEQUENCE title_dictionary_version_seq IS
  'The numbers of title_dictionary_version.version: each writing statement of title_dictionary takes the next one.';
CREATE TABLE title_dictionary_version (
  id       boolean PRIMARY KEY DEFAULT true
           CONSTRAINT title_dictionary_version_one_row CHECK (id),
  instance bigint NOT NULL,
  version  bigint NOT NULL
);
COMMENT ON TABLE title_dictionary_version IS
  'The version of title_dictionary that soc_autocode codes against (one row): every statement that writes title_dictionary moves version on, in its own transaction, so that a statement sees the version of the dictionary its snapshot sees. Each version has one shared index image (doc/autocode.md). Written only by the trigger of title_dictionary; never edit it.';
COMMENT ON COLUMN title_dictionary_version.id IS 'Always true: the table holds one row.';
COMMENT ON COLUMN title_dictionary_version.instance IS 'A random number chosen when the extension was created; names this installation''s versions.';
COMMENT ON COLUMN title_dictionary_version.version IS 'The dictionary''s version: the last value of title_dictionary_version_seq a writing statement took.';
INSERT INTO title_dictionary_version (instance, version)
  VALUES (pg_catalog.hashtextextended(pg_catalog.textcat(pg_catalog.random()::pg_catalog.text,
                                                         pg_catalog.clock_timestamp()::pg_catalog.text), 0),
          pg_catalog.nextval('roleext.title_dictionary_version_seq'::pg_catalog.regclass));

-- The statement trigger now moves the version on (same C symbol, new work),
-- also for rows that arrive by logical replication.
COMMENT ON FUNCTION tg_title_dictionary_changed() IS
  'Statement trigger of title_dictionary: moves title_dictionary_version on (the writing transaction codes against its change from its next statement, other sessions once it commits) and has the shared soc_autocode index of the new version built just before the transaction commits.';
ALTER TABLE title_dictionary ENABLE ALWAYS TRIGGER tg_title_dictionary_changed;

-- soc_autocode_index() reports the version and whether the index is shared:
-- new OUT columns change its result type, so it is dropped and created.
DROP FUNCTION soc_autocode_index();
CREATE FUNCTION soc_autocode_index(OUT entries int, OUT titles int, OUT descriptions int,
                                   OUT codes int, OUT bytes bigint, OUT build_ms float8,
                                   OUT builds bigint, OUT version bigint, OUT shared boolean,
                                   OUT mapped_bytes bigint, OUT private_bytes bigint,
                                   OUT built_at timestamptz)
RETURNS record
  AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION soc_autocode_index() IS
  'The soc_autocode index this statement codes against (opened or built first): entries (titles and descriptions), codes, bytes (the index''s size), build_ms (how long its build took), builds (indexes this backend has built), version (the dictionary version it indexes), shared (a shared image mapped from a file, else a private index), mapped_bytes (the size of the mapped image), private_bytes (this backend''s own memory for soc_autocode) and built_at. For monitoring and tests.';

-- The library's title normalizer reads more (issue 17, robust matching):
-- title_normalize expands 18 more abbreviations (acctg, maint, dept, oper,
-- pres, mfg, whse, equip, mech, elec, supt, mgt, insp, instr, tchr, clk,
-- supvr, svcs) and drops "job" / "posting" before a number of three or more
-- digits, and title_level_words reads its job phrase from that text.  No
-- object changes; stored generated columns computed with the old library
-- keep the old values (and the indexes on them, role_title_norm_idx,
-- role_title_norm_trgm_idx, role_alias_norm_idx, role_alias_norm_trgm_idx,
-- index those), so resolve_title would miss an exact match such as role
-- "Maint Tech" against the HRIS title "Maintenance Technician".  The rows
-- whose stored value differs from what the new library computes are
-- recomputed; every other row is left alone.  soc_autocode's index images
-- carry the build that wrote them and are rebuilt by the new library;
-- title_dictionary stores no normalized text.  Run ALTER EXTENSION roleext
-- UPDATE in a fresh session after installing the new library: a backend
-- that has already loaded the old roleext.so keeps calling it.

-- Recomputing a derived column is not an edit of the role: updated_at keeps
-- its value (tg_role_touch would set it to now()).  SET title = title names
-- no column of tg_role_coord's UPDATE OF list, so coordinates are untouched.
ALTER TABLE roleext.role DISABLE TRIGGER tg_role_touch;

UPDATE roleext.role AS r
   SET title = r.title
 WHERE (r.title_norm OPERATOR(pg_catalog.=) roleext.title_normalize(r.title)) IS NOT TRUE
    OR (r.title_level_words OPERATOR(roleext.=) roleext.title_level_words(r.title)) IS NOT TRUE
       AND NOT (r.title_level_words IS NULL AND roleext.title_level_words(r.title) IS NULL);

ALTER TABLE roleext.role ENABLE TRIGGER tg_role_touch;

UPDATE roleext.role_alias AS a
   SET alias = a.alias
 WHERE (a.alias_norm OPERATOR(pg_catalog.=) roleext.title_normalize(a.alias)) IS NOT TRUE
    OR (a.alias_level_words OPERATOR(roleext.=) roleext.title_level_words(a.alias)) IS NOT TRUE
       AND NOT (a.alias_level_words IS NULL AND roleext.title_level_words(a.alias) IS NULL);
