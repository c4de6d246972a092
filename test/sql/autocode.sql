-- Occupation autocoding: title_dictionary, soc_autocode, soc_autocode_index,
-- suggest_mappings (doc/autocode.md).
\i test/setup.sql
SELECT plan(65);

-- the objects --------------------------------------------------------------

SELECT has_table('roleext', 'title_dictionary', 'title_dictionary exists');
SELECT has_function('roleext', 'soc_autocode', ARRAY['text', 'integer'], 'soc_autocode(text, int) exists');
SELECT has_function('roleext', 'suggest_mappings', ARRAY['boolean'], 'suggest_mappings(boolean) exists');
SELECT is((SELECT provolatile::text || proisstrict::text || proparallel::text FROM pg_proc
            WHERE oid = 'soc_autocode(text, int)'::regprocedure), 'strues',
          'soc_autocode is STABLE STRICT PARALLEL SAFE (it reads a table)');
SELECT is((SELECT provolatile::text || proparallel::text FROM pg_proc
            WHERE oid = 'suggest_mappings(boolean)'::regprocedure), 'vu',
          'suggest_mappings is VOLATILE PARALLEL UNSAFE (it writes)');
SELECT ok(NOT has_function_privilege('public', 'suggest_mappings(boolean)', 'EXECUTE'),
          'PUBLIC cannot run suggest_mappings');

-- the dictionary as CREATE EXTENSION fills it --------------------------------

SELECT results_eq(
  $$SELECT source, count(*)::int FROM title_dictionary GROUP BY source ORDER BY source$$,
  $$VALUES ('onet_alternate', 42082), ('onet_description', 1016), ('onet_title', 1016),
           ('soc_definition', 867), ('soc_title', 867)$$,
  'the dictionary holds the alternate titles (42,084 lines, 2 repeated), and the O*NET-SOC and SOC 2018 titles and descriptions');
SELECT is((SELECT count(DISTINCT code)::int FROM title_dictionary
            WHERE source IN ('onet_alternate', 'onet_title', 'soc_title')), 1016,
          'every O*NET-SOC 2019 occupation has titles');
SELECT is((SELECT count(*)::int FROM title_dictionary d JOIN onet2019_occupation o USING (code)
            WHERE d.source = 'onet_title' AND d.title = o.title), 1016,
          'the onet_title rows are the occupations'' own titles');
SELECT is((SELECT count(*)::int FROM title_dictionary
            WHERE source = 'soc_title' AND soc_level(code) = 'onet' AND code::text LIKE '%.00'), 867,
          'SOC 2018 titles are coded as their .00 occupation');
SELECT is((SELECT entries FROM soc_autocode_index()), (SELECT count(*)::int FROM title_dictionary),
          'the index holds every row of the dictionary');
SELECT is((SELECT descriptions FROM soc_autocode_index()),
          (SELECT count(*)::int FROM title_dictionary WHERE source IN ('onet_description', 'soc_definition')),
          'description sources are indexed as descriptions');

-- known titles, clean and messy -----------------------------------------------

SELECT results_eq(
  $$SELECT t, (SELECT c.code FROM soc_autocode(t) c LIMIT 1)
    FROM unnest(ARRAY['Registered Nurse', 'Accountant', 'Dental Hygienist', 'Elementary School Teacher',
                      'Chief Executive Officer', 'Pharmacist', 'Welder', 'Janitor', 'Plumber', 'Paralegal',
                      'Cashier', 'Licensed Practical Nurse', 'Forklift Operator', 'Truck Driver']) WITH ORDINALITY u(t, i)
    ORDER BY i$$,
  $$VALUES ('Registered Nurse', '29-1141.00'::soccode), ('Accountant', '13-2011.00'), ('Dental Hygienist', '29-1292.00'),
           ('Elementary School Teacher', '25-2021.00'), ('Chief Executive Officer', '11-1011.00'),
           ('Pharmacist', '29-1051.00'), ('Welder', '51-4121.00'), ('Janitor', '37-2011.00'),
           ('Plumber', '47-2152.00'), ('Paralegal', '23-2011.00'), ('Cashier', '41-2011.00'),
           ('Licensed Practical Nurse', '29-2061.00'), ('Forklift Operator', '53-7051.00'),
           ('Truck Driver', '53-3032.00')$$,
  'known titles resolve to their occupations');
SELECT results_eq(
  $$SELECT t, (SELECT c.code FROM soc_autocode(t) c LIMIT 1)
    FROM unnest(ARRAY['Sr. Software Eng II (Remote)', 'DEVOPS ENGINEER - CONTRACT', 'registered nurse - Boston, MA',
                      'Customer Service Rep', 'Jr Accountant (Req #4432)', 'PHARMACIST, PART-TIME']) WITH ORDINALITY u(t, i)
    ORDER BY i$$,
  $$VALUES ('Sr. Software Eng II (Remote)', '15-1252.00'::soccode), ('DEVOPS ENGINEER - CONTRACT', '15-1252.00'),
           ('registered nurse - Boston, MA', '29-1141.00'), ('Customer Service Rep', '43-4051.00'),
           ('Jr Accountant (Req #4432)', '13-2011.00'), ('PHARMACIST, PART-TIME', '29-1051.00')$$,
  'messy HRIS variants (abbreviations, level words, noise, case) resolve like the clean titles');
SELECT is((SELECT matched FROM soc_autocode('Registered Nurse') LIMIT 1), 'Registered Nurses',
          'matched names the dictionary title that decided the code');
SELECT is((SELECT c.title FROM soc_autocode('Dental Hygienist') c LIMIT 1),
          (SELECT o.title FROM onet2019_occupation o WHERE o.code = '29-1292.00'),
          'title is the occupation''s O*NET-SOC title');

-- the shape of a result ---------------------------------------------------------

CREATE TEMP TABLE probe AS
  SELECT t, i AS rank, c.*
  FROM unnest(ARRAY['Registered Nurse', 'Sales Associate', 'Worker', 'Web Developer', 'Machine Operator',
                    'Senior Data Engineer', 'Bellmaker', 'Manager']) t,
       LATERAL soc_autocode(t, 7) WITH ORDINALITY c(code, title, score, band, matched, needs_review, i);
SELECT is((SELECT count(*)::int FROM probe), 56, 'k = 7 gives 7 candidates for each of 8 common titles');
SELECT is((SELECT count(*)::int FROM probe p JOIN probe q ON q.t = p.t AND q.rank = p.rank + 1
            WHERE q.score > p.score), 0, 'candidates come best first');
SELECT is((SELECT count(*)::int FROM probe WHERE band <> confidence_band(score)), 0,
          'band is the band of the score');
SELECT is((SELECT count(*)::int FROM probe p LEFT JOIN onet2019_occupation o ON o.code = p.code
            WHERE o.title IS DISTINCT FROM p.title), 0,
          'every candidate is an O*NET-SOC 2019 occupation with its title');
SELECT is((SELECT count(*)::int FROM probe WHERE matched IS NULL OR btrim(matched) = ''), 0,
          'every candidate names its evidence');
SELECT is((SELECT count(DISTINCT (t, code))::int FROM probe), 56, 'no code twice for a title');
SELECT is((SELECT count(*)::int FROM (SELECT t FROM probe GROUP BY t HAVING count(DISTINCT needs_review) > 1) x), 0,
          'needs_review is the same on every row of a title');
SELECT is((SELECT count(*)::int FROM probe b JOIN probe s ON s.t = b.t AND s.rank = 2
            WHERE b.rank = 1
              AND b.needs_review <> (b.score::float8 < 0.30 OR b.score::float8 - s.score::float8 <= 0.10)), 0,
          'needs_review: best below 0.30 or the top two within 0.10, 0.10 included');
SELECT ok((SELECT bool_or(needs_review) AND NOT bool_and(needs_review) FROM probe),
          'the probe titles hold flagged and unflagged ones');
SELECT is((SELECT count(*)::int FROM probe p
            WHERE p.rank = 1 AND p.needs_review IS DISTINCT FROM (SELECT c.needs_review FROM soc_autocode(p.t, 1) c)), 0,
          'with k = 1 the rule still compares the top two');
SELECT is((SELECT array_agg(c.code ORDER BY c.code) FROM soc_autocode('Registered Nurse', 3) c),
          (SELECT array_agg(p.code ORDER BY p.code) FROM probe p WHERE p.t = 'Registered Nurse' AND p.rank <= 3),
          'a smaller k gives the first candidates of a larger one');
SELECT is((SELECT (soc_autocode('Registered Nurse', 1)).code), '29-1141.00'::soccode,
          'soc_autocode works in the select list too');

-- empty, blank, garbage, NULL: no rows or rows flagged, never an error ------------

SELECT is((SELECT count(*)::int FROM soc_autocode('')), 0, 'an empty title gives no rows');
SELECT is((SELECT count(*)::int FROM soc_autocode(E'   \t ')), 0, 'a blank title gives no rows');
SELECT is((SELECT count(*)::int FROM soc_autocode('(Remote) - Req #4432')), 0, 'a noise-only title gives no rows');
SELECT is((SELECT count(*)::int FROM soc_autocode('!!! ??? ###')), 0, 'punctuation gives no rows');
SELECT is((SELECT count(*)::int FROM soc_autocode(NULL)), 0, 'NULL gives no rows (STRICT)');
SELECT is((SELECT count(*)::int FROM soc_autocode('Nurse', NULL)), 0, 'a NULL k gives no rows (STRICT)');
SELECT is((SELECT count(*)::int FROM unnest(ARRAY['xqzzt vvrrk', 'ГЛАВНЫЙ ИНЖЕНЕР', '招聘经理', 'a b c d e f',
                                                  repeat('zz9 ', 20000), 'of the and for']) t,
                   LATERAL soc_autocode(t, 3) c
            WHERE NOT c.needs_review), 0,
          'garbage, unknown scripts, stop words and a 80 kB title: no rows or only rows flagged');

-- ties: equal scores come in code order and need review ------------------------------

-- two sibling occupations with as many titles each: nothing tells them apart
INSERT INTO title_dictionary (title, code) VALUES ('Zorblax Wrangler', '15-1299.08'), ('Zorblax Wrangler', '15-1299.04');
SELECT results_eq(
  $$SELECT code, score = first_value(score) OVER (ORDER BY score DESC), needs_review
    FROM soc_autocode('zorblax wrangler', 2)$$,
  $$VALUES ('15-1299.04'::soccode, true, true), ('15-1299.08'::soccode, true, true)$$,
  'a title two codes share equally: both, tied, in code order, needing review');

-- user titles take effect at once, and stop counting when removed ---------------------

SELECT isnt((SELECT code FROM soc_autocode('Member Success Wizard') LIMIT 1), '43-4051.00'::soccode,
            'an unknown title is coded from its words');
INSERT INTO title_dictionary (title, code) VALUES ('Member Success Wizard', '43-4051');
SELECT is((SELECT code::text || ' ' || source FROM title_dictionary WHERE title = 'Member Success Wizard'),
          '43-4051.00 user', 'a user title defaults to source user; a SOC detailed code is stored as its .00 occupation');
SELECT results_eq($$SELECT code, matched, band FROM soc_autocode('Sr Member Success Wizard (Remote)', 1)$$,
                  $$VALUES ('43-4051.00'::soccode, 'Member Success Wizard', 'high'::confband)$$,
                  'a user title counts from the next statement, in the same transaction');
UPDATE title_dictionary SET code = '13-1071.00' WHERE title = 'Member Success Wizard';
SELECT is((SELECT code FROM soc_autocode('Member Success Wizard') LIMIT 1), '13-1071.00'::soccode,
          'an updated code counts at once');
SAVEPOINT before_delete;
DELETE FROM title_dictionary WHERE title = 'Member Success Wizard';
SELECT isnt((SELECT code FROM soc_autocode('Member Success Wizard') LIMIT 1), '13-1071.00'::soccode,
            'a deleted title stops counting at once');
ROLLBACK TO SAVEPOINT before_delete;
SELECT is((SELECT code FROM soc_autocode('Member Success Wizard') LIMIT 1), '13-1071.00'::soccode,
          'a rolled-back delete counts again');
SAVEPOINT before_truncate;
TRUNCATE title_dictionary;
SELECT is((SELECT count(*)::int FROM soc_autocode('Registered Nurse')), 0, 'TRUNCATE empties the index too');
ROLLBACK TO SAVEPOINT before_truncate;
SELECT is((SELECT code FROM soc_autocode('Registered Nurse') LIMIT 1), '29-1141.00'::soccode,
          'and the rolled-back TRUNCATE brings the dictionary back');
SELECT is((SELECT s.builds - b.builds FROM soc_autocode_index() b,
                  LATERAL (SELECT count(*) FROM soc_autocode('Nurse')) x, soc_autocode_index() s), 0::bigint,
          'reading does not rebuild the index');

-- bad rows and bad arguments ------------------------------------------------------------

SELECT throws_ok($$INSERT INTO title_dictionary (title, code) VALUES ('Foo Bar', '15-1250')$$, '23503', NULL,
                 'a group code is not an occupation');
SELECT throws_ok($$INSERT INTO title_dictionary (title, code) VALUES ('   ', '15-1252.00')$$, '23514', NULL,
                 'a blank title is refused');
SELECT throws_ok($$INSERT INTO title_dictionary (title, code, source) VALUES ('Foo Bar', '15-1252.00', 'web')$$,
                 '23514', NULL, 'an unknown source is refused');
SELECT throws_ok($$SELECT * FROM soc_autocode('Nurse', 0)$$, '22023',
                 'number of candidates out of range: 0', 'k = 0 is out of range');
SELECT throws_ok($$SELECT * FROM soc_autocode('Nurse', 1001)$$, '22023',
                 'number of candidates out of range: 1001', 'k = 1001 is out of range');
SELECT is(pg_temp.error_of($$SELECT * FROM soc_autocode('Nurse', -5)$$),
          '22023: number of candidates out of range: -5 / soc_autocode returns at most k candidates; k must lie between 1 and 1000.',
          'the error says what k may be');
SELECT ok((SELECT count(*) BETWEEN 50 AND 1000 FROM soc_autocode('Machine Operator Helper', 1000)),
          'k = 1000 is allowed (every code with some evidence, up to k)');
SELECT throws_ok($$SELECT tg_title_dictionary_changed()$$, '39P01', NULL,
                 'the trigger function cannot be called directly');

-- parallel query: each worker builds its own index, the answers are the same -----------

CREATE TABLE public.autocode_hris AS
  SELECT i, title FROM (SELECT title, row_number() OVER (ORDER BY md5(title)) AS i
                        FROM title_dictionary WHERE source = 'onet_alternate') x WHERE i <= 400;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;
SET LOCAL enable_memoize = off;
SELECT matches(pg_temp.plan_of($$SELECT h.i, c.code, c.score FROM public.autocode_hris h
                                 CROSS JOIN LATERAL soc_autocode(h.title, 3) c$$),
               'Gather', 'the planner runs soc_autocode in parallel workers');
CREATE TEMP TABLE coded_parallel AS
  SELECT h.i, c.code, c.score, c.matched, c.needs_review
  FROM public.autocode_hris h CROSS JOIN LATERAL soc_autocode(h.title, 3) c;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT bag_eq($$SELECT * FROM coded_parallel$$,
              $$SELECT h.i, c.code, c.score, c.matched, c.needs_review
                FROM public.autocode_hris h CROSS JOIN LATERAL soc_autocode(h.title, 3) c$$,
              'a parallel plan gives the same answers as a serial one');
SELECT is((SELECT count(DISTINCT i)::int FROM coded_parallel), 400, 'every row was coded');
RESET max_parallel_workers_per_gather;

-- privileges: the index is shared by the backend, the table's privileges still hold ------

CREATE ROLE roleext_ac_reader;
CREATE ROLE roleext_ac_nobody;
CREATE ROLE roleext_ac_editor;
DO $$BEGIN
  PERFORM roleext.grant_reader('roleext_ac_reader');
  PERFORM roleext.grant_editor('roleext_ac_editor');
END$$;
SET LOCAL ROLE roleext_ac_nobody;
SELECT throws_ok($$SELECT * FROM roleext.soc_autocode('Registered Nurse')$$, '42501', NULL,
                 'without SELECT on title_dictionary the cached index is not used');
RESET ROLE;
SET LOCAL ROLE roleext_ac_reader;
SELECT is((SELECT code FROM roleext.soc_autocode('Registered Nurse') LIMIT 1), '29-1141.00'::soccode,
          'a reader codes titles');
RESET ROLE;
SET LOCAL ROLE roleext_ac_editor;
SELECT lives_ok($$INSERT INTO roleext.title_dictionary (title, code) VALUES ('Quantum Bee Keeper', '45-2093')$$,
                'an editor adds titles');
RESET ROLE;

-- suggest_mappings -----------------------------------------------------------------------

INSERT INTO taxonomy (code, kind, name) VALUES ('CARE', 'function', 'Care');
INSERT INTO taxonomy (code, kind, name, parent) VALUES ('CARE.NUR', 'specialization', 'Nursing', 'CARE');
INSERT INTO taxonomy (code, kind, name, parent) VALUES ('CARE.PHA', 'specialization', 'Pharmacy', 'CARE');
INSERT INTO taxonomy (code, kind, name) VALUES ('FAC', 'function', 'Facilities');
INSERT INTO taxonomy (code, kind, name, parent) VALUES ('FAC.GEN', 'specialization', 'General', 'FAC');
INSERT INTO role (code, title) VALUES ('CARE.NUR.P1', 'Staff RN'), ('CARE.NUR.P3', 'Senior Charge Nurse'),
  ('CARE.PHA.P2', 'Pharmacist'), ('FAC.GEN.S1', 'Custodian'), ('FAC.GEN.S2', '(Contract)');
INSERT INTO role_alias (role, alias, confidence) VALUES ('CARE.NUR.P1', 'Registered Nurse', '0.9'),
  ('FAC.GEN.S1', 'Janitor', '0.8'), ('FAC.GEN.S1', 'Plumber', '0.7');
UPDATE role_alias SET approved = false WHERE alias = 'Plumber';
INSERT INTO mapping (node, scheme, soc) VALUES ('CARE.PHA', 'soc2018', '29-1051');  -- inherited by CARE.PHA.P2
SELECT results_eq(
  $$SELECT role::text, scheme::text, code, source::text, review_status::text, confidence IS NOT NULL
    FROM suggest_mappings() ORDER BY role$$,
  $$VALUES ('CARE.NUR.P1', 'onet2019', '29-1141.00', 'autocoded', 'needs_review', true),
           ('CARE.NUR.P3', 'onet2019', '29-1141.00', 'autocoded', 'needs_review', true),
           ('FAC.GEN.S1', 'onet2019', '37-2011.00', 'autocoded', 'needs_review', true)$$,
  'suggest_mappings codes the roles without an effective SOC mapping from their titles and aliases (a title without any candidate gets none)');
SELECT is((SELECT count(*)::int FROM suggest_mappings()), 0, 'suggest_mappings is idempotent');
SELECT is((SELECT count(*)::int FROM role_soc WHERE role = 'CARE.PHA.P2' AND source = 'autocoded'), 0,
          'a role with an inherited mapping is left alone by default');
SELECT results_eq($$SELECT role::text, code FROM suggest_mappings(include_inherited => true)$$,
                  $$VALUES ('CARE.PHA.P2', '29-1051.00')$$,
                  'include_inherited also codes roles whose SOC mappings are only inherited');
SELECT lives_ok($$SELECT reject_mapping('FAC.GEN.S1', '37-2011.00', 'onet2019', 'tester', 'wrong')$$,
                'the suggestion is rejected');
SELECT isnt((SELECT code FROM suggest_mappings() WHERE role = 'FAC.GEN.S1'), '37-2011.00',
            'after a rejection the next best code is suggested, never the rejected one');

SELECT * FROM finish();
ROLLBACK;
