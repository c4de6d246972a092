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

-- roleext on Citus (issue #18, doc/citus.md): the statements of
-- sql/upgrade-draft/citus.sql, which takes a 1.1.0 database of the shared
-- index's surface to these objects; 1.0.0 had them as 1.1.0 before it.

-- 1. soc2018_code's parent check names soccode's = (Citus re-creates a
-- shard's CHECKs from their printed text, where IS NOT DISTINCT FROM has
-- no operator schema).  Same rows accepted; the name a fresh install gives.
ALTER TABLE soc2018_code DROP CONSTRAINT soc2018_code_check1;
ALTER TABLE soc2018_code ADD CONSTRAINT soc2018_code_check1
  CHECK (coalesce(parent OPERATOR(roleext.=) roleext.soc_parent(code),
                  parent IS NULL AND roleext.soc_parent(code) IS NULL));

-- 2. The table a trigger of the schema writes: the table, or its shard on
-- this Citus node.
CREATE FUNCTION table_here(t regclass) RETURNS regclass
  LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  here regclass;
BEGIN
  IF pg_catalog.to_regclass('pg_catalog.pg_dist_shard') IS NULL THEN
    RETURN t;
  END IF;
  EXECUTE 'SELECT pg_catalog.shard_name(s.logicalrelid, s.shardid)::pg_catalog.regclass
             FROM pg_catalog.pg_dist_shard s
            WHERE s.logicalrelid OPERATOR(pg_catalog.=) $1
              AND s.shardminvalue IS NULL'
     INTO here USING t;
  RETURN coalesce(here, t);
END $$;
COMMENT ON FUNCTION table_here(regclass) IS
  'Internal to the schema''s triggers: the table that holds t''s rows in this database, t itself or, when t is a Citus reference table, its shard here (doc/citus.md).';

-- 3. The triggers that write a table write the one table_here names (or
-- the one they fire on), so that they work on every node's shard.
CREATE OR REPLACE FUNCTION tg_level_changes() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  n int8;
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.is_default := false;
    -- the table the trigger fires on: level, or its shard on a Citus node
    EXECUTE pg_catalog.format(
      'UPDATE %I.%I l
          SET name = $1.name, description = $1.description, grade = $1.grade,
              scope = $1.scope, autonomy = $1.autonomy, complexity = $1.complexity,
              impact = $1.impact, decision_rights = $1.decision_rights,
              leadership = $1.leadership, experience = $1.experience
        WHERE l.code OPERATOR(roleext.=) $1.code AND l.is_default',
      TG_TABLE_SCHEMA, TG_TABLE_NAME) USING NEW;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n > 0 THEN
      RETURN NULL;
    END IF;
    RETURN NEW;
  END IF;
  IF NEW IS DISTINCT FROM OLD THEN
    NEW.is_default := false;
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION tg_taxonomy_coords() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, roleext, pg_temp AS $$
BEGIN
  -- role here: the table itself, or its shard on a Citus node (table_here)
  EXECUTE pg_catalog.format(
    'UPDATE %s r SET coord = roleext.role_coord(r.code)
      WHERE r.node OPERATOR(roleext.=) ANY (SELECT a.node FROM roleext.taxonomy_ancestors() a
                                            WHERE a.ancestor OPERATOR(roleext.=) $1)
        AND r.coord IS DISTINCT FROM roleext.role_coord(r.code)',
    roleext.table_here('roleext.role')) USING NEW.code;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION tg_level_coords() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, roleext, pg_temp AS $$
BEGIN
  -- role here: the table itself, or its shard on a Citus node (table_here)
  EXECUTE pg_catalog.format(
    'UPDATE %s r SET coord = roleext.make_coord(roleext.coord_path(r.coord), $1)
      WHERE r.level OPERATOR(roleext.=) $2',
    roleext.table_here('roleext.role')) USING NEW.grade, NEW.code;
  RETURN NULL;
END $$;

-- 4. tg_taxonomy_coords's WHEN clause names rolecode's operators.
DROP TRIGGER tg_taxonomy_coords ON taxonomy;
CREATE TRIGGER tg_taxonomy_coords AFTER UPDATE OF code, parent ON taxonomy
  FOR EACH ROW WHEN (OLD.code OPERATOR(roleext.<>) NEW.code
                     OR NOT coalesce(OLD.parent OPERATOR(roleext.=) NEW.parent, OLD.parent IS NULL AND NEW.parent IS NULL))
  EXECUTE FUNCTION tg_taxonomy_coords();
