-- What the catalog must say about roleext's functions (test/db/security.sh,
-- doc/security.md): one line per fault, none when all is well.
--
-- 1. A function whose body is parsed when it is called (PL/pgSQL, or SQL
--    written as a string rather than BEGIN ATOMIC / RETURN) pins
--    search_path to pg_catalog, roleext, pg_temp: otherwise it resolves its
--    names through the caller's path.
-- 2. No function is SECURITY DEFINER (none needs to be).
-- 3. The schema roleext is a member of the extension, owned by a superuser,
--    and nobody else may create in it.
SET search_path = pg_catalog;
WITH m AS (
  SELECT d.classid, d.objid FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
  WHERE d.refclassid = 'pg_extension'::regclass AND e.extname = 'roleext' AND d.deptype = 'e')
SELECT 'unpinned search_path: ' || p.oid::regprocedure || ' (' || l.lanname || ', '
       || coalesce(array_to_string(p.proconfig, ' '), 'no SET') || ')'
FROM pg_proc p JOIN m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
JOIN pg_language l ON l.oid = p.prolang
WHERE (l.lanname NOT IN ('c', 'internal', 'sql') OR (l.lanname = 'sql' AND p.prosqlbody IS NULL))
  AND NOT coalesce('search_path=pg_catalog, roleext, pg_temp' = ANY (p.proconfig), false)
UNION ALL
SELECT 'SECURITY DEFINER: ' || p.oid::regprocedure
FROM pg_proc p JOIN m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
WHERE p.prosecdef
UNION ALL
SELECT 'schema roleext: ' || x
FROM (SELECT CASE
        WHEN NOT EXISTS (SELECT FROM m WHERE m.classid = 'pg_namespace'::regclass
                           AND m.objid = 'roleext'::regnamespace) THEN 'not a member of the extension'
        WHEN NOT (SELECT r.rolsuper FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner
                   WHERE n.nspname = 'roleext') THEN 'not owned by a superuser'
        WHEN EXISTS (SELECT FROM pg_roles r WHERE NOT r.rolsuper
                       AND has_schema_privilege(r.oid, 'roleext', 'CREATE')) THEN
          'CREATE granted to ' || (SELECT string_agg(r.rolname, ', ') FROM pg_roles r
                                    WHERE NOT r.rolsuper AND has_schema_privilege(r.oid, 'roleext', 'CREATE'))
      END AS x) s
WHERE x IS NOT NULL;
