-- roleext on a Citus cluster (doc/citus.md): the guard of DROP ... CASCADE.
--
-- DROP EXTENSION roleext CASCADE drops every column of a roleext type
-- (PostgreSQL's rule for a dropped type).  When the column is the
-- distribution column of a Citus table, Citus's metadata of that table is
-- left pointing at a column that is gone ("cache lookup failed for type"),
-- on every node.  The event trigger refuses such a drop before anything is
-- dropped: DROP EXTENSION or DROP SCHEMA with CASCADE that reaches roleext
-- (roleext itself, an extension it requires, or that extension's schema)
-- while a Citus table other than roleext's own has a column of its types.
-- Without Citus it returns at once, so nothing changes on one node.  An
-- event trigger rather than a ProcessUtility hook: a hook runs only in a
-- session that has loaded roleext's library, and a DROP need not have.
-- Its query names everything in pg_catalog; the path is pg_catalog alone so
-- that the error prints types and tables with their schemas.
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
