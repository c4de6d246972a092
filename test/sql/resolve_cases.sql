-- resolve_title on the titles issue 20 found it getting wrong, one case
-- each, on a small taxonomy of occupations at P2 (as the SOC-derived one
-- of issue 20 has them) beside the sample.
\i test/setup.sql
SELECT plan(17);

\i sample/load.sql

INSERT INTO taxonomy (code, kind, name) VALUES ('OCC', 'function', 'Occupations');
INSERT INTO taxonomy (code, kind, name, parent) VALUES
  ('OCC.GOM', 'specialization', 'General and Operations Managers', 'OCC'),
  ('OCC.GEN', 'specialization', 'Generation', 'OCC'),
  ('OCC.PGM', 'specialization', 'Program Management', 'OCC'),
  ('OCC.RPM', 'specialization', 'Recycling Programs', 'OCC'),
  ('OCC.CFL', 'specialization', 'Clinical Fellowships', 'OCC'),
  ('OCC.AUD', 'specialization', 'Audiology', 'OCC'),
  ('OCC.BUS', 'specialization', 'Bus Drivers, Transit', 'OCC'),
  ('OCC.SCH', 'specialization', 'Bus Drivers, School', 'OCC'),
  ('OCC.NAN', 'specialization', 'Childcare', 'OCC');
INSERT INTO role (code, title) VALUES
  ('OCC.GOM.P2', 'General and Operations Managers'),
  ('OCC.GEN.P2', 'Generation Manager'),
  ('OCC.PGM.P2', 'Program Manager'),
  ('OCC.RPM.P2', 'Recycling Program Manager'),
  ('OCC.CFL.P2', 'Clinical Fellow'),
  ('OCC.AUD.P2', 'Clinical Audiologist'),
  ('OCC.BUS.P2', 'Transit Bus Driver'),
  ('OCC.SCH.P2', 'School Bus Driver'),
  ('OCC.NAN.P2', 'Childcare Worker');
INSERT INTO role_alias (role, alias, confidence) VALUES
  ('OCC.BUS.P2', 'Bus Driver', '0.9'), ('OCC.SCH.P2', 'Bus Driver', '0.9'), ('OCC.NAN.P2', 'Nanny', '0.9');

-- 1. a plural official title names its rank noun like the singular
SELECT is(title_level('General and Operations Managers')::text, 'M2', 'a plural rank noun claims its rank');
SELECT is((SELECT title_norm FROM role WHERE code = 'OCC.GOM.P2'), 'general and operations managers',
          'and stays in the normalized title as written');
SELECT is((SELECT role::text FROM resolve_title('GENERAL AND OPERATION MANAGER', 1)), 'OCC.GOM.P2',
          'a plural official title is not beaten by a manager title of other words');

-- 2. a SOC code written into a title goes whole
SELECT is(title_normalize('PROGRAM MANAGER (15-1199.09)'), 'program manager', 'an O*NET-SOC code in a title goes whole');
SELECT results_eq($$SELECT role::text, method FROM resolve_title('PROGRAM MANAGER (15-1199.09)', 1)$$,
                  $$VALUES ('OCC.PGM.P2', 'exact')$$,
                  'a title with a SOC code matches its job exactly');

-- 3. "Fellow" after a training qualifier is the job, not a level
SELECT results_eq($$SELECT normalized, level::text FROM title_parse('CLINICAL FELLOW RADIOLOGY')$$,
                  $$VALUES ('clinical fellow radiology', NULL::text)$$,
                  'a clinical fellow names no level and keeps the word');
SELECT results_eq($$SELECT role::text, method FROM resolve_title('CLINICAL FELLOW RADIOLOGY', 1)$$,
                  $$VALUES ('OCC.CFL.P2', 'trigram')$$,
                  'a clinical fellow is not read as a P6 audiologist');
SELECT is(title_level('Technical Fellow')::text, 'P6', 'a technical fellow is still P6');

-- 4. an alias several families share: the confidence says so, and the flag
SELECT results_eq(
  $$SELECT role::text, confidence::text, method, needs_review FROM resolve_title('Bus Driver', 2) ORDER BY role$$,
  $$VALUES ('OCC.BUS.P2', '0.45', 'exact', true), ('OCC.SCH.P2', '0.45', 'exact', true)$$,
  'an exact alias of two families gives each half the confidence, and needs review');
SELECT results_eq(
  $$SELECT role::text, confidence::text, needs_review FROM resolve_title('School Bus Driver', 1)$$,
  $$VALUES ('OCC.SCH.P2', '1.00', false)$$,
  'a name only one family has is as sure as before');
SELECT results_eq(
  $$SELECT role::text, confidence::text, needs_review FROM resolve_title('Sr DevOps Engineer', 1)$$,
  $$VALUES ('DEI.GEN.P3', '1.00', false)$$,
  'names of one family at several levels are no ambiguity');

-- 5. the ambiguity counts the best alias of each family once
INSERT INTO role_alias (role, alias, confidence) VALUES ('OCC.BUS.P2', 'Coach Driver', '1.0'), ('OCC.SCH.P2', 'Coach Driver', '0.5');
SELECT results_eq(
  $$SELECT role::text, confidence::text FROM resolve_title('Coach Driver', 2)$$,
  $$VALUES ('OCC.BUS.P2', '0.6667'), ('OCC.SCH.P2', '0.1667')$$,
  'each family''s share is its best alias''s confidence over the sum of the families''');
SELECT is((SELECT needs_review FROM resolve_title('Coach Driver', 1)), false,
          'a clear favourite among the families needs no review');

-- 6. a title that holds a whole alias plus other words is answered by it
SELECT is((SELECT count(*)::int FROM role_alias WHERE alias_norm = title_normalize('Dutch-speaking Nanny')), 0,
          'no name is "Dutch-speaking Nanny"');
SELECT results_eq(
  $$SELECT role::text, matched_alias, confidence > '0.5', method, needs_review FROM resolve_title('Dutch-speaking Nanny', 1)$$,
  $$VALUES ('OCC.NAN.P2', 'Nanny', true, 'trigram', false)$$,
  'the alias it holds answers it: the engine weighs the job noun above the qualifier');
SELECT results_eq(
  $$SELECT role::text, method FROM resolve_title('xyzzy plugh', 1)$$,
  $$VALUES (NULL::text, 'none')$$,
  'a title that holds no name still gets none');

-- the sample's answers are unchanged: no alias of the sample names two families
SELECT is((SELECT count(*)::int FROM (SELECT n FROM (SELECT a.alias_norm AS n, r.node FROM role_alias a JOIN role r ON r.code = a.role
                                                     WHERE r.code::text NOT LIKE 'OCC.%'
                                                     UNION SELECT title_norm, node FROM role WHERE code::text NOT LIKE 'OCC.%') x
                                      GROUP BY n HAVING count(DISTINCT node) > 1) y), 0,
          'the sample taxonomy has no name in two families');

SELECT * FROM finish();
ROLLBACK;
