-- Reviewed title decisions (doc/titles.md, "Decided titles"): the table,
-- record_title_decision / remove_title_decision, and resolve_title and
-- soc_autocode answering a decided title with the decision alone.
\i test/setup.sql
SELECT plan(25);

\i sample/load.sql

-- the objects: documented, the writers for editors only
SELECT has_table('roleext', 'title_decision', 'table title_decision exists');
SELECT is(
  (SELECT string_agg(p.oid::regprocedure::text || ' ' || p.provolatile::text || p.proparallel::text, ', '
                     ORDER BY p.oid::regprocedure::text)
     FROM pg_proc p WHERE p.pronamespace = 'roleext'::regnamespace
      AND p.proname IN ('record_title_decision', 'remove_title_decision', 'decision_of_title')),
  'decision_of_title(text) ss, record_title_decision(text,rolecode,soccode,text,text) vu, remove_title_decision(text) vu',
  'the writers are VOLATILE and PARALLEL UNSAFE, the lookup STABLE and PARALLEL SAFE');
SELECT ok(NOT has_function_privilege('public', 'roleext.record_title_decision(text,rolecode,soccode,text,text)', 'EXECUTE')
          AND NOT has_function_privilege('public', 'roleext.remove_title_decision(text)', 'EXECUTE'),
          'PUBLIC may not record or remove decisions');
SELECT ok((SELECT 'record_title_decision' = ANY (editor_functions()) AND 'remove_title_decision' = ANY (editor_functions())),
          'grant_editor gives the writers');
SELECT ok((SELECT 'roleext.title_decision'::regclass IN (SELECT table_oid FROM taxonomy_tables())),
          'grant_editor lets editors write the table');
SELECT ok((SELECT 'roleext.title_decision'::regclass = ANY (e.extconfig) FROM pg_extension e WHERE e.extname = 'roleext'),
          'pg_dump keeps its rows (pg_extension_config_dump)');

-- before any decision: the engines answer
SELECT is((SELECT method FROM resolve_title('Sr Backend Engineer', 1)), 'exact', 'undecided: resolve_title matches by words');

-- record: the key is the normalized title and its level; SOC 2018 codes become their .00 occupation
SELECT is((SELECT row(d.title_norm, d.title_level::text, d.role::text, d.code::text, d.decided_by, d.note)::text
             FROM record_title_decision('SR. BACKEND ENGINEER (Remote)', 'SWE.BE.P2', '15-1252', 'ann', 'our P2s say senior') d),
          '("backend engineer",P3,SWE.BE.P2,15-1252.00,ann,"our P2s say senior")',
          'record_title_decision stores the title''s normalized form, level, role and occupation');
SELECT is((SELECT decided_by FROM record_title_decision('Data Analyst', code => '15-2051.01')),
          current_user::text, 'decided_by defaults to the current user');

-- resolve_title: the decision alone, method decided, confidence 1, no review, whatever k
SELECT results_eq(
  $$SELECT role::text, role_title, matched_alias, confidence::text, band::text, method, needs_review
      FROM resolve_title('Senior Backend Engineer', 5)$$,
  $$VALUES ('SWE.BE.P2', 'Backend Engineer', 'SR. BACKEND ENGINEER (Remote)', '1.00', 'high', 'decided', false)$$,
  'resolve_title answers a decided title (another spelling) with the decision alone');
SELECT is((SELECT method FROM resolve_title('Backend Engineer', 1)), 'exact',
          'a title of another level is not decided by it');
SELECT isnt((SELECT method FROM resolve_title('Data Analyst', 1)), 'decided',
          'a decision without a role leaves resolve_title to the words');

-- soc_autocode: the decision alone, score 1, matched the title as decided
SELECT results_eq(
  $$SELECT code::text, title, score::text, band::text, matched, needs_review FROM soc_autocode('sr backend engineer', 10)$$,
  $$VALUES ('15-1252.00', 'Software Developers', '1.00', 'high', 'SR. BACKEND ENGINEER (Remote)', false)$$,
  'soc_autocode answers a decided title with the decision alone');
SELECT results_eq(
  $$SELECT code::text, score::text, matched FROM soc_autocode('DATA ANALYST')$$,
  $$VALUES ('15-2051.01', '1.00', 'Data Analyst')$$,
  'a SOC-only decision decides soc_autocode');

-- a new decision on the same title replaces the old one
SELECT is((SELECT role::text || ' ' || coalesce(code::text, '-') || ' ' || title
             FROM record_title_decision('Senior Backend Engineer', 'SWE.BE.P3')),
          'SWE.BE.P3 - Senior Backend Engineer', 'recording again replaces the decision of the same title');
SELECT is((SELECT count(*)::int FROM title_decision WHERE title_norm = 'backend engineer'), 1, 'one row per title and level');
SELECT is((SELECT count(*)::int FROM soc_autocode('Senior Backend Engineer', 3) WHERE matched = 'Senior Backend Engineer' AND score = '1'),
          0, 'a decision without an occupation leaves soc_autocode to the words');

-- refused: no answer, a blank title, an unknown role or occupation
SELECT is(left(pg_temp.error_of($$SELECT record_title_decision('Welder')$$), 98),
          '23514: new row for relation "title_decision" violates check constraint "title_decision_decides" / ',
          'a decision names a role or an occupation');
SELECT ok(pg_temp.error_of($$SELECT record_title_decision('(Remote)', code => '15-1252')$$)
          LIKE '23514: % violates check constraint "title_decision_title_norm_not_blank"%',
          'a title with no job words is refused');
SELECT is(left(pg_temp.error_of($$SELECT record_title_decision('Welder', 'NO.SUCH.P1')$$), 5), '23503', 'an unknown role is refused');
SELECT is(left(pg_temp.error_of($$SELECT record_title_decision('Welder', code => '15-1299.99')$$), 5), '23503', 'an unknown occupation is refused');

-- remove: by any spelling of the title; then the engines answer again
SELECT is(remove_title_decision('SENIOR BACKEND ENGINEER - Boston'), true, 'remove_title_decision removes the decision of the title');
SELECT is(remove_title_decision('Senior Backend Engineer'), false, 'and says when there was none');
SELECT is((SELECT method FROM resolve_title('Senior Backend Engineer', 1)), 'exact', 'a removed decision no longer answers');

-- a decision goes with its role
SELECT record_title_decision('Backend Engineer', 'SWE.BE.P2') \g /dev/null
DELETE FROM role WHERE code = 'SWE.BE.P2';
SELECT is((SELECT count(*)::int FROM title_decision WHERE title = 'Backend Engineer'), 0, 'deleting the role deletes its decisions');

SELECT * FROM finish();
ROLLBACK;
