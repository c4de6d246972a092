-- resolve_title: HRIS job titles to roles (doc/titles.md, "Resolving titles
-- to roles"), on the sample taxonomy and the sample HRIS table.
\i test/setup.sql
SELECT plan(55);

-- the functions: documented, parallel safe; pg_trgm is required
SELECT has_function('roleext', 'resolve_title', ARRAY['text', 'integer'], 'resolve_title(text, int) exists');
SELECT is(
  (SELECT string_agg(p.oid::regprocedure::text || ' ' || p.provolatile::text || left(p.proisstrict::text, 1) || p.proparallel::text || left(p.proretset::text, 1), ', '
                     ORDER BY p.oid::regprocedure::text)
     FROM pg_proc p WHERE p.pronamespace = 'roleext'::regnamespace
      AND p.proname IN ('resolve_title', 'resolve_names', 'resolve_family_roles', 'resolve_names_within')),
  'resolve_title(text,integer) sfst',
  'resolve_title is a STABLE, not strict, PARALLEL SAFE set, with no SQL helpers (the title engine reads its index)');
SELECT ok((SELECT 'pg_trgm' = ANY (requires) FROM pg_available_extension_versions
            WHERE name = 'roleext' AND installed), 'roleext requires pg_trgm');

\i sample/load.sql
\i sample/hris.sql

-- the normalized names the indexes serve, kept by the database
SELECT results_eq(
  $$SELECT alias_norm, alias_level_words::text FROM role_alias WHERE role = 'SWE.BE.P3' ORDER BY alias$$,
  $$VALUES ('backend engineer', 'P3'), ('backend engineer', 'P3'), ('backend engineer', 'P3')$$,
  'role_alias.alias_norm and alias_level_words are generated from the alias');
SELECT results_eq(
  $$SELECT title_norm, title_level_words::text FROM role WHERE code IN ('CSM.GEN.P2', 'CSM.GEN.P3') ORDER BY code$$,
  $$VALUES ('customer success manager', NULL), ('customer success manager', 'M3')$$,
  'role.title_norm and title_level_words are generated from the title');

-- exact matches on the normalized title
SELECT results_eq(
  $$SELECT role::text, role_title, matched_alias, confidence::text, band::text, method, needs_review
      FROM resolve_title('Senior Backend Engineer', 1)$$,
  $$VALUES ('SWE.BE.P3', 'Senior Backend Engineer', 'Senior Backend Engineer', '1.00', 'high', 'exact', false)$$,
  'an exact match on a role title: confidence 1, no review');
SELECT results_eq(
  $$SELECT t, role::text, confidence::text, method, needs_review
      FROM unnest(ARRAY['Sr. DevOps Eng II (Remote)', 'DEVOPS ENGINEER - CONTRACT', 'SR. BACKEND ENG II (Remote) - Boston, MA 02115',
                        'Backend Engineer IV', 'SENIOR DATA SCIENTIST - NEW YORK, NY']) WITH ORDINALITY u(t, o)
      CROSS JOIN LATERAL resolve_title(t, 1) ORDER BY o$$,
  $$VALUES ('Sr. DevOps Eng II (Remote)', 'DEI.GEN.P3', '1.00', 'exact', false),
           ('DEVOPS ENGINEER - CONTRACT', 'DEI.GEN.P2', '1.00', 'exact', false),
           ('SR. BACKEND ENG II (Remote) - Boston, MA 02115', 'SWE.BE.P3', '1.00', 'exact', false),
           ('Backend Engineer IV', 'SWE.BE.P4', '1.00', 'exact', false),
           ('SENIOR DATA SCIENTIST - NEW YORK, NY', 'DAT.SCI.P3', '1.00', 'exact', false)$$,
  'abbreviations, level words, noise, locations and case do not stop an exact match');
SELECT results_eq(
  $$SELECT role::text, matched_alias, confidence::text, band::text, method FROM resolve_title('DevOps Engineer', 2)$$,
  $$VALUES ('DEI.GEN.P2', 'DevOps Engineer', '1.00', 'high', 'exact'),
           ('DEI.GEN.P3', 'Senior DevOps Engineer', '0.80', 'high', 'exact')$$,
  'a name that claims a level the title does not counts 0.8');

-- the title's level moves the match within the family
SELECT results_eq(
  $$SELECT role::text, role_title, matched_alias, confidence::text, method, needs_review
      FROM resolve_title('Junior DevOps Engineer', 1)$$,
  $$VALUES ('DEI.GEN.P1', 'DevOps Engineering and Infrastructure Entry/Mid', 'DevOps Engineer', '0.90', 'exact+level', false)$$,
  'exact+level: "DevOps Engineer" moved to the family''s P1 role (0.9)');
SELECT results_eq(
  $$SELECT role::text, matched_alias, method FROM resolve_title('Junior DevOps Engineer - Platform', 1)$$,
  $$VALUES ('DEI.GEN.P1', 'DevOps Engineering and Infrastructure Entry/Mid', 'trigram')$$,
  'trigram: a near name of the level the title claims (the P1 title, 0.95) beats one moved there (0.90)');
SELECT results_eq(
  $$SELECT role::text, matched_alias, method FROM resolve_title('Sr. DevOps Engr - Platform Team', 1)$$,
  $$VALUES ('DEI.GEN.P3', 'Senior DevOps Engineer', 'trigram')$$,
  'trigram: a near name, level words and all');
SELECT results_eq(
  $$SELECT role::text, matched_alias, method FROM resolve_title('VP HRBP - Platform', 1)$$,
  $$VALUES ('HRM.HRBP.E1', 'HR Business Partner', 'trigram+level')$$,
  'trigram+level: a near name moved to the level the title claims');
SELECT results_eq(
  $$SELECT role::text, matched_alias, confidence::text, method FROM resolve_title('Backend Engineering Manager', 1)$$,
  $$VALUES ('SWE.BE.M2', 'Backend Engineer Manager', '1.00', 'exact')$$,
  'the engine reads "Engineering" as "Engineer": an exact name');
SELECT results_eq(
  $$SELECT t, role::text, confidence::text FROM unnest(ARRAY['Customer Success Manager', 'Customer Success Manager III',
        'Sr Customer Success Mgr', 'Jr. Customer Success Manager', 'CUSTOMER SUCCESS MANAGER II (Remote)']) WITH ORDINALITY u(t, o)
      CROSS JOIN LATERAL resolve_title(t, 1) ORDER BY o$$,
  $$VALUES ('Customer Success Manager', 'CSM.GEN.P2', '1.00'), ('Customer Success Manager III', 'CSM.GEN.P3', '0.95'),
           ('Sr Customer Success Mgr', 'CSM.GEN.P3', '1.00'), ('Jr. Customer Success Manager', 'CSM.GEN.P1', '1.00'),
           ('CUSTOMER SUCCESS MANAGER II (Remote)', 'CSM.GEN.P2', '0.95')$$,
  'a family named with a rank noun: manager is the job, the level words pick the role');
SELECT results_eq(
  $$SELECT role::text, confidence::text, needs_review FROM resolve_title('Principal Data Engineer', 3)$$,
  $$VALUES ('DAT.ENG.P4', '0.80', true), ('DAT.ENG.P3', '0.70', true), ('DAT.ENG.P2', '0.60', true)$$,
  'no role at the title''s level: the nearest by the level ladder, and a review (top two within 0.10)');

-- the review rule
SELECT results_eq(
  $$SELECT role::text, matched_alias, confidence::text, needs_review FROM resolve_title('Buyer II', 2)$$,
  $$VALUES ('PRC.GEN.S2', 'Buyer II', '1.00', true), ('PRC.GEN.P2', 'Buyer', '0.95', true)$$,
  'two roles within 0.10: needs_review on every row');
SELECT results_eq(
  $$SELECT confidence < '0.30', needs_review FROM resolve_title('Chief Vibes Officer', 1)$$,
  $$VALUES (true, true)$$,
  'a best confidence below 0.30: needs_review');
SELECT is((SELECT count(DISTINCT needs_review) FROM resolve_title('DevOps Engineer', 20)), 1::bigint,
          'needs_review is one verdict for the whole answer');
SELECT is((SELECT bool_or(needs_review) FROM resolve_title('DevOps Engineer', 20)), false,
          'a clear best (1.00 against 0.80) needs no review');

-- blank, garbage, NULL: one row, no role, method none, needs_review
SELECT results_eq(
  $$SELECT coalesce(t, '<null>'), role::text, role_title, matched_alias, confidence::text, band::text, method, needs_review
      FROM unnest(ARRAY[NULL, '', '   ', '(Remote)', 'REQ-48213', 'zzzz qqq', '☃☃☃', 'Главный инженер']) WITH ORDINALITY u(t, o)
      CROSS JOIN LATERAL resolve_title(t) ORDER BY o$$,
  $$VALUES ('<null>', NULL, NULL, NULL, NULL, NULL, 'none', true), ('', NULL, NULL, NULL, NULL, NULL, 'none', true),
           ('   ', NULL, NULL, NULL, NULL, NULL, 'none', true), ('(Remote)', NULL, NULL, NULL, NULL, NULL, 'none', true),
           ('REQ-48213', NULL, NULL, NULL, NULL, NULL, 'none', true), ('zzzz qqq', NULL, NULL, NULL, NULL, NULL, 'none', true),
           ('☃☃☃', NULL, NULL, NULL, NULL, NULL, 'none', true), ('Главный инженер', NULL, NULL, NULL, NULL, NULL, 'none', true)$$,
  'NULL, blank, noise-only, garbage and unknown titles: one row, method none, needs_review');
SELECT is((SELECT count(*) FROM (VALUES (1), (2)) v(i) CROSS JOIN LATERAL resolve_title(NULL, 1)), 2::bigint,
          'a NULL title keeps its row in CROSS JOIN LATERAL');

-- long titles: what is matched is the job phrase, the first 256 bytes of the
-- normalized title at a word boundary (RX_TITLE_PHRASE_MAX), so any title up to
-- the 1 MiB limit costs about the same (the timing is in bench/README.md)
SELECT results_eq(
  $$SELECT role::text, matched_alias, confidence::text, method, needs_review
      FROM resolve_title(repeat('devops engineer ', 65536), 3)$$,
  $$SELECT role::text, matched_alias, confidence::text, method, needs_review
      FROM resolve_title(repeat('devops engineer ', 16), 3)$$,
  'a 1 MiB title resolves as the words of its first 4,096 bytes');
SELECT results_eq(
  $$SELECT n, role::text, method FROM (VALUES (10), (90)) v(n)
      CROSS JOIN LATERAL resolve_title(repeat('zz ', n) || 'DevOps Engineer', 1) ORDER BY n$$,
  $$VALUES (10, 'DEI.GEN.P2', 'trigram'), (90, 'DEI.GEN.P2', 'trigram')$$,
  'words of the first 4,096 bytes of a title are read (RX_AUTOCODE_TEXT_MAX)');
SELECT results_eq(
  $$SELECT role::text, method FROM resolve_title(repeat('zz ', 1400) || 'DevOps Engineer', 1)$$,
  $$VALUES (NULL::text, 'none')$$,
  'words past them are not');
SELECT lives_ok($$SELECT * FROM resolve_title(repeat('eng ', 262144), 1)$$,
  'a title that normalizes to more than 1 MiB (abbreviations expand) resolves, no 54000');

-- k: how many roles, 1 to 20
SELECT is((SELECT count(*) FROM resolve_title('Backend Engineer')), 5::bigint, 'k defaults to 5');
SELECT is((SELECT count(*) FROM resolve_title('Backend Engineer', 1)), 1::bigint, 'k = 1: one row');
SELECT results_eq(
  $$SELECT count(*) <= 20, count(*) >= 5, bool_and(confidence > '0'), bool_and(role::text LIKE 'SWE.BE.%') FILTER (WHERE o <= 5)
      FROM resolve_title('Backend Engineer', 20) WITH ORDINALITY r(role, role_title, matched_alias, confidence, band, method, needs_review, o)$$,
  $$VALUES (true, true, true, true)$$,
  'k = 20: every candidate whose confidence is above 0, the five roles of the Backend family first');
SELECT is((SELECT array_agg(role::text ORDER BY o) FROM resolve_title('Backend Engineer', 3) WITH ORDINALITY r(role, a, b, c, d, e, f, o)),
          (SELECT (array_agg(role::text ORDER BY o))[1:3] FROM resolve_title('Backend Engineer', 20) WITH ORDINALITY r(role, a, b, c, d, e, f, o)),
          'a smaller k gives the first rows of a larger one');
SELECT is(pg_temp.error_of($$SELECT * FROM resolve_title('Backend Engineer', 0)$$),
          '22023: resolve_title: k = 0 is out of range / k is how many candidate roles to return, from 1 to 20.', 'k = 0: 22023');
SELECT is(pg_temp.error_of($$SELECT * FROM resolve_title('Backend Engineer', -1)$$),
          '22023: resolve_title: k = -1 is out of range / k is how many candidate roles to return, from 1 to 20.', 'k < 0: 22023');
SELECT is(pg_temp.error_of($$SELECT * FROM resolve_title('Backend Engineer', 21)$$),
          '22023: resolve_title: k = 21 is out of range / k is how many candidate roles to return, from 1 to 20.', 'k = 21: 22023');
SELECT is(pg_temp.error_of($$SELECT * FROM resolve_title('Backend Engineer', NULL)$$),
          '22023: resolve_title: k must not be NULL / k is how many candidate roles to return, from 1 to 20.', 'k NULL: 22023');
SELECT is(pg_temp.error_of($$SELECT * FROM resolve_title(NULL, 0)$$),
          '22023: resolve_title: k = 0 is out of range / k is how many candidate roles to return, from 1 to 20.',
          'k is checked for a NULL title too');
SELECT is((SELECT (resolve_title('Senior Backend Engineer', 1)).role::text), 'SWE.BE.P3', 'callable in a SELECT list');

-- the HRIS sample: every employee gets an answer or a review, and most the right role
CREATE TEMP TABLE resolved AS
  SELECT e.employee_id, e.source_role, r.* FROM hris_employee e CROSS JOIN LATERAL resolve_title(e.title, 1) r;
SELECT is((SELECT count(*) FROM resolved), (SELECT count(*) FROM hris_employee), 'CROSS JOIN LATERAL keeps every employee, one row each');
SELECT is((SELECT count(*) FROM hris_employee), 5000::bigint, 'the sample has 5,000 employees');
SELECT is((SELECT count(*) FROM resolved WHERE role IS NULL AND NOT needs_review), 0::bigint,
          'every employee gets a role or needs_review');
SELECT cmp_ok((SELECT count(*) FILTER (WHERE role = source_role) FROM resolved), '>=', 4454::bigint,
              'at least 89.1% of the sample resolves to the role its title was generated from (recorded with the title engine of 1.6.0: 4,454 of 5,000; 1.5.0: 4,369)');
SELECT cmp_ok((SELECT count(*) FILTER (WHERE role = source_role AND NOT needs_review)::numeric
                      / count(*) FILTER (WHERE NOT needs_review) FROM resolved), '>=', 0.97,
              'answers not flagged for review are right at least 97% of the time (recorded: 97.3%; 1.5.0: 100%)');
SELECT is((SELECT string_agg(DISTINCT method, ',' ORDER BY method) FROM resolved),
          'exact,exact+level,none,trigram,trigram+level', 'the sample takes every path');

-- aliases: their own confidence, the next statement sees new ones, rejected ones are out
INSERT INTO role_alias (role, alias, alias_type, confidence) VALUES ('SWE.BE.P2', 'Server Wrangler', 'internal', '0.60');
SELECT results_eq(
  $$SELECT t, role::text, matched_alias, confidence::text, band::text, method
      FROM unnest(ARRAY['Server Wrangler', 'Sr. Server Wrangler (Remote)']) WITH ORDINALITY u(t, o)
      CROSS JOIN LATERAL resolve_title(t, 1) ORDER BY o$$,
  $$VALUES ('Server Wrangler', 'SWE.BE.P2', 'Server Wrangler', '0.60', 'medium', 'exact'),
           ('Sr. Server Wrangler (Remote)', 'SWE.BE.P3', 'Server Wrangler', '0.54', 'medium', 'exact+level')$$,
  'a new alias is found with its own confidence (0.60, moved: 0.60 x 0.9)');
UPDATE role_alias SET alias = 'Server Herder' WHERE alias = 'Server Wrangler';
SELECT is((SELECT alias_norm FROM role_alias WHERE alias = 'Server Herder'), 'server herder', 'an edited alias is normalized again');
SELECT is((SELECT role::text FROM resolve_title('server herder', 1)), 'SWE.BE.P2', 'and found by its new name');
SELECT is((reject_alias('SWE.BE.P2', 'Server Herder', 'test')).approved, false, 'reject the alias');
SELECT is((SELECT method FROM resolve_title('Server Herder', 1)), 'none', 'a rejected alias names no role');

-- a parallel plan gives the serial answers
SELECT is((SELECT md5(string_agg(employee_id || ':' || r::text, ',' ORDER BY employee_id, r.ordinality))
             FROM hris_employee e CROSS JOIN LATERAL resolve_title(e.title, 2) WITH ORDINALITY r),
          (SELECT md5(string_agg(employee_id || ':' || r::text, ',' ORDER BY employee_id, r.ordinality))
             FROM hris_employee e CROSS JOIN LATERAL resolve_title(e.title, 2) WITH ORDINALITY r),
          'the same answers twice in one transaction');
CREATE TEMP TABLE serial_answers AS
  SELECT md5(string_agg(employee_id || ':' || r::text, ',' ORDER BY employee_id, r.ordinality)) AS h
  FROM hris_employee e CROSS JOIN LATERAL resolve_title(e.title, 2) WITH ORDINALITY r;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SELECT ok(pg_temp.plan_of($$SELECT e.employee_id, r.* FROM hris_employee e CROSS JOIN LATERAL resolve_title(e.title, 2) r$$)
          ~ 'Gather', 'the join over the HRIS table gets a parallel plan');
SELECT is((SELECT md5(string_agg(employee_id || ':' || r::text, ',' ORDER BY employee_id, r.ordinality))
             FROM hris_employee e CROSS JOIN LATERAL resolve_title(e.title, 2) WITH ORDINALITY r),
          (SELECT h FROM serial_answers), 'parallel workers give the serial answers');
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
-- the kept lookups are dropped whenever they outgrow work_mem x hash_mem_multiplier
SET LOCAL work_mem = '64kB';
SET LOCAL hash_mem_multiplier = 1;
SET LOCAL enable_memoize = off;
SELECT is((SELECT md5(string_agg(employee_id || ':' || r::text, ',' ORDER BY employee_id, r.ordinality))
             FROM hris_employee e CROSS JOIN LATERAL resolve_title(e.title, 2) WITH ORDINALITY r),
          (SELECT h FROM serial_answers), 'the same answers when the kept lookups are dropped every 64 kB');
RESET work_mem;
RESET hash_mem_multiplier;
RESET enable_memoize;

-- privileges: resolve_title reads the taxonomy as the caller
CREATE ROLE roleext_test_resolve_reader;
CREATE ROLE roleext_test_resolve_nobody;
SELECT lives_ok($$SELECT grant_reader('roleext_test_resolve_reader')$$, 'grant_reader for a reader');
SET LOCAL ROLE roleext_test_resolve_reader;
SELECT is((SELECT role::text FROM roleext.resolve_title('Senior Backend Engineer', 1)), 'SWE.BE.P3', 'a reader resolves titles');
RESET ROLE;
SET LOCAL ROLE roleext_test_resolve_nobody;
SELECT throws_ok($$SELECT * FROM roleext.resolve_title('Senior Backend Engineer', 1)$$, '42501', NULL,
                 'PUBLIC cannot read the taxonomy through resolve_title');
SELECT is((SELECT count(*) FROM roleext.resolve_title(NULL, 1)), 1::bigint, 'a NULL title reads nothing, so anyone gets the none row');
RESET ROLE;

-- a hostile search_path: look-alikes of every function, operator and table the lookups use
CREATE SCHEMA roleext_test_evil;
CREATE FUNCTION roleext_test_evil.similarity(text, text) RETURNS real LANGUAGE sql AS 'SELECT 1::real';
CREATE FUNCTION roleext_test_evil.title_level(text) RETURNS roleext.rolelevel LANGUAGE sql AS 'SELECT ''E3''::roleext.rolelevel';
CREATE FUNCTION roleext_test_evil.resolve_names(text, int)
  RETURNS TABLE (role roleext.rolecode, name text, trust float8, sim float8, exact boolean)
  LANGUAGE sql AS $$SELECT 'FIN.ACC.P1'::roleext.rolecode, 'evil', 1::float8, 1::float8, true$$;
CREATE FUNCTION roleext_test_evil.text_eq_evil(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE OPERATOR roleext_test_evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = roleext_test_evil.text_eq_evil);
CREATE TABLE roleext_test_evil.level (code roleext.rolelevel, grade float8);
CREATE TABLE roleext_test_evil.role_alias (role roleext.rolecode, alias text);
SET LOCAL search_path = roleext_test_evil, pg_catalog;
CREATE TEMP TABLE hostile AS
  SELECT string_agg(r.role::text || ' ' || r.confidence::text || ' ' || r.method, ', ' ORDER BY u.o, r.ordinality) AS answer
  FROM unnest(ARRAY['Principal Data Engineer', 'Backend Engineering Manager']) WITH ORDINALITY u(t, o)
  CROSS JOIN LATERAL roleext.resolve_title(u.t, 2) WITH ORDINALITY r;
RESET search_path;
SELECT is((SELECT answer FROM hostile),
          'DAT.ENG.P4 0.80 exact, DAT.ENG.P3 0.70 exact, SWE.BE.M2 1.00 exact, FIN.ACC.M2 0.0078 trigram',
          'resolve_title ignores look-alikes on the search_path');

SELECT * FROM finish();
ROLLBACK;
