-- roleext: job-role taxonomies and occupational classification in PostgreSQL.
-- This script is generated: `make` concatenates sql/*.sql in name order.

\echo Use "CREATE EXTENSION roleext" to load this file. \quit

-- The schema roleext belongs to the extension (doc/release.md, "The schema").
-- roleext.control names no schema of its own (`schema = pg_catalog`, as
-- plpgsql does), so PostgreSQL neither creates roleext before this script
-- (a schema it creates is no member: DROP EXTENSION would leave it behind)
-- nor silently adopts one that already exists (whose owner could have put
-- objects in it).  The script creates it, which makes it a member:
-- DROP EXTENSION removes it, and CREATE EXTENSION refuses to start when a
-- schema of that name is already there.
DO $$
DECLARE
  owner name;
BEGIN
  SELECT r.rolname INTO owner
    FROM pg_catalog.pg_namespace n JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) n.nspowner
   WHERE n.nspname OPERATOR(pg_catalog.=) 'roleext';
  IF FOUND THEN
    RAISE EXCEPTION 'schema "roleext" already exists'
      USING ERRCODE = 'duplicate_schema',
            DETAIL = pg_catalog.format('roleext creates and owns its schema, so that nobody else''s objects sit among its own and DROP EXTENSION removes it whole; this database already has a schema roleext, owned by %I.', owner),
            HINT = 'Rename or drop that schema (after moving out anything you need), then run CREATE EXTENSION roleext again.';
  END IF;
END $$;
CREATE SCHEMA roleext;

-- Everything below is created in roleext: unqualified names resolve there
-- first (then pg_catalog, as PostgreSQL set the path for this script, and
-- the schema of the required pg_trgm).  The setting ends with the script.
SELECT pg_catalog.set_config('search_path', 'roleext, ' OPERATOR(pg_catalog.||) pg_catalog.current_setting('search_path'), true);

COMMENT ON SCHEMA roleext IS
  'roleext: job-role taxonomy types (rolelevel, rolecode, soccode, confidence, rolecoord), tables, BI views and title coding.';
