-- The negative control of the security suite (test/db/security.sh): appended
-- to the built script to make a test version of roleext with two weaknesses
-- of the kinds the suite hunts, which it must find.
--
-- 1. Bound at install with an unqualified name while the path holds the
--    schema of pg_trgm, as the script did before doc/security.md: lower()
--    of an int4range, where pg_catalog's lower(anyrange) is polymorphic, so
--    a lower(int4range) planted in public is the better match.
SELECT pg_catalog.set_config('search_path', 'roleext, pg_catalog, public', true);
CREATE FUNCTION roleext.security_control_bound(r pg_catalog.int4range) RETURNS pg_catalog.int4
  LANGUAGE sql IMMUTABLE RETURN lower(r);
COMMENT ON FUNCTION roleext.security_control_bound(pg_catalog.int4range) IS 'Negative control of test/db/security.sh.';
-- 2. Parsed at call time without a pinned search_path: a caller whose path
--    has public before roleext reaches a code_depth planted in public.
CREATE FUNCTION roleext.security_control_runtime(c roleext.rolecode) RETURNS pg_catalog.int4
  LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN code_depth(c); END $$;
COMMENT ON FUNCTION roleext.security_control_runtime(roleext.rolecode) IS 'Negative control of test/db/security.sh.';
