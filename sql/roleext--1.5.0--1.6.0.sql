-- roleext 1.5.0 -> 1.6.0.  The full script of 1.6.0 is sql/NN_*.sql; this
-- step makes a 1.5.0 database equal to it.  Each part of the step is one
-- block below, between its BEGIN and END lines, written on its own branch:
-- the blocks are independent and may be concatenated in any order.
\echo Use "ALTER EXTENSION roleext UPDATE TO '1.6.0'" to load this file. \quit

-- Names resolve in roleext and pg_catalog only (doc/security.md).
SELECT pg_catalog.set_config('search_path', 'roleext, pg_catalog, pg_temp', true);

-- ==== BEGIN citus: rename on Citus, the guard of DROP ... CASCADE (issue #18) ====
-- rename_taxonomy_node no longer defers constraints by name (the shards of a
-- Citus reference table carry other names): it inserts the renamed
-- subtree, moves the mappings and roles, and deletes the old nodes
-- (sql/57_adjacency.sql).  The event trigger roleext_citus_drop_guard
-- refuses DROP EXTENSION/SCHEMA ... CASCADE that would drop roleext while
-- a Citus table has a column of its types (sql/90_citus.sql).
CREATE OR REPLACE FUNCTION rename_taxonomy_node(old_code rolecode, new_code rolecode) RETURNS int4
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  n int4;
  oldlen int4 := length(old_code::text);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM roleext.taxonomy t WHERE t.code = old_code) THEN
    RAISE EXCEPTION 'taxonomy node % does not exist', old_code USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'rename_taxonomy_node renames an existing node.';
  END IF;
  IF EXISTS (SELECT 1 FROM roleext.taxonomy t WHERE t.code = new_code) THEN
    RAISE EXCEPTION 'taxonomy node % already exists', new_code USING ERRCODE = 'unique_violation',
      DETAIL = 'A node can only be renamed to a code no other node has.';
  END IF;
  IF code_depth(new_code) <> code_depth(old_code) OR code_level(new_code) IS NOT NULL
     OR (code_depth(old_code) > 1 AND code_prefix(new_code, code_depth(old_code) - 1)
                                      OPERATOR(roleext.<>) code_prefix(old_code, code_depth(old_code) - 1)) THEN
    RAISE EXCEPTION 'cannot rename % to %', old_code, new_code USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'A rename changes the last label of the code only (DEI.GEN to DEI.GENERAL); to move a node, change its parent.';
  END IF;
  -- Copy, move, delete: the renamed nodes are inserted beside the old ones
  -- (one statement, so the new chain's foreign keys and tg_taxonomy_node
  -- are checked once it is whole), the node mappings and the roles move to
  -- them (their components, aliases and other rows follow role.code through
  -- ON UPDATE CASCADE; tg_role_coord recomputes their coordinates), and the
  -- old nodes go.  Every statement leaves every foreign key satisfied, so
  -- nothing is deferred: SET CONSTRAINTS names a constraint, and on a Citus
  -- node the shards' copies of it carry other names (doc/citus.md).
  INSERT INTO roleext.taxonomy (code, kind, name, parent, description)
  SELECT (new_code::text || substr(t.code::text, oldlen + 1))::roleext.rolecode, t.kind, t.name,
         CASE WHEN t.code OPERATOR(roleext.=) old_code THEN t.parent
              ELSE (new_code::text || substr(t.parent::text, oldlen + 1))::roleext.rolecode END,
         t.description
    FROM roleext.taxonomy t
   WHERE t.code OPERATOR(roleext.<@) old_code;
  UPDATE roleext.mapping m
     SET node = (new_code::text || substr(m.node::text, oldlen + 1))::roleext.rolecode
   WHERE m.node OPERATOR(roleext.<@) old_code;
  UPDATE roleext.role r
     SET code = (new_code::text || substr(r.code::text, oldlen + 1))::roleext.rolecode
   WHERE r.code OPERATOR(roleext.<@) old_code;
  GET DIAGNOSTICS n = ROW_COUNT;
  DELETE FROM roleext.taxonomy t WHERE t.code OPERATOR(roleext.<@) old_code;
  RETURN n;
END $$;
COMMENT ON FUNCTION rename_taxonomy_node(rolecode, rolecode) IS
  'Rename a taxonomy node (the last label of its code): the codes of the nodes and roles below it change with it, their components, aliases and mappings follow, their coordinates are recomputed. Returns the number of roles renamed. 22023 unless only the last label changes; 23505 if the new code is taken.';

CREATE FUNCTION citus_drop_guard() RETURNS event_trigger
  AS 'MODULE_PATHNAME' LANGUAGE C
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION citus_drop_guard() IS
  'Internal to the event trigger roleext_citus_drop_guard: on a Citus node, raises 2BP01 for a DROP EXTENSION or DROP SCHEMA ... CASCADE that would drop roleext while a Citus table has a column of a roleext type (the error names the tables and the columns); does nothing without Citus.';
CREATE EVENT TRIGGER roleext_citus_drop_guard ON ddl_command_start
  WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA')
  EXECUTE FUNCTION citus_drop_guard();
COMMENT ON EVENT TRIGGER roleext_citus_drop_guard IS
  'roleext on Citus: refuses DROP EXTENSION or DROP SCHEMA ... CASCADE that would drop roleext while a Citus table has a column of a roleext type (doc/citus.md, "Lifecycle").';
-- ==== END citus ====
