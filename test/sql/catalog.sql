-- The extension as a whole: every object documented, functions safe for
-- parallel query, nothing granted to PUBLIC that should not be.
\i test/setup.sql
SELECT plan(6);

CREATE TEMP VIEW ext_objects AS
  SELECT d.classid::regclass AS catalog, d.objid
  FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'roleext'
  WHERE d.deptype = 'e';

SELECT is(
  (SELECT string_agg(objid::regprocedure::text, ', ' ORDER BY objid::regprocedure::text)
     FROM ext_objects WHERE catalog = 'pg_proc'::regclass
      AND obj_description(objid, 'pg_proc') IS NULL), NULL,
  'every function has a comment');
SELECT is(
  (SELECT string_agg(objid::regoperator::text, ', ' ORDER BY objid::regoperator::text)
     FROM ext_objects WHERE catalog = 'pg_operator'::regclass
      AND obj_description(objid, 'pg_operator') IS NULL), NULL,
  'every operator has a comment');
SELECT is(
  (SELECT string_agg(objid::regtype::text, ', ' ORDER BY objid::regtype::text)
     FROM ext_objects WHERE catalog = 'pg_type'::regclass
      AND obj_description(objid, 'pg_type') IS NULL), NULL,
  'every type has a comment');
SELECT is(
  (SELECT string_agg(objid::regclass::text, ', ' ORDER BY objid::regclass::text)
     FROM ext_objects WHERE catalog = 'pg_class'::regclass
      AND obj_description(objid, 'pg_class') IS NULL), NULL,
  'every table, view and sequence has a comment');
SELECT is(
  (SELECT string_agg(c.opcname || ' ' || am.amname, ', ' ORDER BY c.opcname)
     FROM ext_objects o JOIN pg_opclass c ON c.oid = o.objid JOIN pg_am am ON am.oid = c.opcmethod
    WHERE o.catalog = 'pg_opclass'::regclass
      AND obj_description(o.objid, 'pg_opclass') IS NULL), NULL,
  'every operator class has a comment');
SELECT is(
  (SELECT string_agg(objid::regprocedure::text, ', ' ORDER BY objid::regprocedure::text)
     FROM ext_objects o JOIN pg_proc p ON p.oid = o.objid
    WHERE o.catalog = 'pg_proc'::regclass
      AND p.proparallel <> 's'), NULL,
  'every function is PARALLEL SAFE');

SELECT * FROM finish();
ROLLBACK;
