-- The extension as a whole: every object documented, functions safe for
-- parallel query, nothing granted to PUBLIC that should not be.
\i test/setup.sql
SELECT plan(10);

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
-- Functions that write (import, review, grants) are VOLATILE and PARALLEL
-- UNSAFE; trigger and event trigger functions are VOLATILE; every other function is PARALLEL
-- SAFE, so parallel query can use both cores.
CREATE TEMP TABLE writers (name name);
INSERT INTO writers VALUES ('import_role_card'), ('import_role_cards'), ('review_mapping'), ('approve_mapping'),
  ('reject_mapping'), ('review_alias'), ('approve_alias'), ('reject_alias'), ('grant_reader'), ('grant_editor'), ('reader_search_path'), ('rename_taxonomy_node'),
  ('suggest_mappings'), ('import_user_data'), ('suggest_components'), ('review_component'), ('approve_component'), ('reject_component'),
  ('record_title_decision'), ('remove_title_decision');
SELECT is(
  (SELECT string_agg(objid::regprocedure::text, ', ' ORDER BY objid::regprocedure::text)
     FROM ext_objects o JOIN pg_proc p ON p.oid = o.objid
    WHERE o.catalog = 'pg_proc'::regclass AND p.prorettype NOT IN ('trigger'::regtype, 'event_trigger'::regtype)
      AND p.proname NOT IN (SELECT name FROM writers)
      AND p.proparallel <> 's'), NULL,
  'every function that writes nothing is PARALLEL SAFE');
SELECT is(
  (SELECT string_agg(objid::regprocedure::text, ', ' ORDER BY objid::regprocedure::text)
     FROM ext_objects o JOIN pg_proc p ON p.oid = o.objid
    WHERE o.catalog = 'pg_proc'::regclass AND (p.proname IN (SELECT name FROM writers) OR p.prorettype IN ('trigger'::regtype, 'event_trigger'::regtype))
      AND (p.provolatile <> 'v' OR p.proparallel <> 'u')), NULL,
  'functions that write are VOLATILE and PARALLEL UNSAFE');
SELECT is(
  (SELECT string_agg(objid::regprocedure::text, ', ' ORDER BY objid::regprocedure::text)
     FROM ext_objects o JOIN pg_proc p ON p.oid = o.objid
    WHERE o.catalog = 'pg_proc'::regclass AND p.prosecdef), NULL,
  'no function is SECURITY DEFINER');
SELECT is(
  (SELECT string_agg(objid::regprocedure::text, ', ' ORDER BY objid::regprocedure::text)
     FROM ext_objects o JOIN pg_proc p ON p.oid = o.objid
    WHERE o.catalog = 'pg_proc'::regclass
      AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'plpgsql')
      AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%')), NULL,
  'every PL/pgSQL function sets its search_path');
SELECT is(
  (SELECT string_agg(objid::regprocedure::text, ', ' ORDER BY objid::regprocedure::text)
     FROM ext_objects o JOIN pg_proc p ON p.oid = o.objid
    WHERE o.catalog = 'pg_proc'::regclass
      AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'sql')
      AND p.prosqlbody IS NULL
      AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%')), NULL,
  'every SQL function has a body bound at creation (RETURN / BEGIN ATOMIC) or sets its search_path');

SELECT * FROM finish();
ROLLBACK;
