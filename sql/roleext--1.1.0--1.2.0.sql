-- roleext 1.1.0 -> 1.2.0: roleext on a Citus cluster (issue #18,
-- doc/citus.md): constraints and trigger conditions that Citus can re-create
-- on a shard from their text, and triggers that write the table of their
-- own node.  The full script of 1.2.0 is sql/NN_*.sql; this step makes a
-- 1.1.0 database equal to it.
\echo Use "ALTER EXTENSION roleext UPDATE TO '1.2.0'" to load this file. \quit

-- Names resolve in roleext and pg_catalog only (doc/security.md).
SELECT pg_catalog.set_config('search_path', 'roleext, pg_catalog, pg_temp', true);

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
