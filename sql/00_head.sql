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

-- Everything below is created in roleext, and every name the script binds
-- into a constraint, default, view, index or SQL-standard function body is
-- resolved in roleext or pg_catalog only (doc/security.md): PostgreSQL
-- put the schema of the required pg_trgm on the path as well, and any user
-- who can create in that schema (public, often) could otherwise plant a
-- better-matching overload there -- lower(int4range) beats pg_catalog's
-- lower(anyrange) -- and have it bound into the extension for good, to run
-- as whoever calls it.  pg_trgm's objects are named with their schema
-- where they are used (sql/66_resolve.sql).  pg_temp comes last, so that
-- not even the installing session's temporary tables can stand in for
-- roleext's.  The setting ends with the script.
SELECT pg_catalog.set_config('search_path', 'roleext, pg_catalog, pg_temp', true);

COMMENT ON SCHEMA roleext IS
  'roleext: job-role taxonomy types (rolelevel, rolecode, soccode, confidence, rolecoord), tables, BI views and title coding.';
