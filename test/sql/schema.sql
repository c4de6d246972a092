-- The role taxonomy tables: defaults, constraints and the rules triggers keep.
\i test/setup.sql
SELECT plan(90);

-- tables, registration for pg_dump
SELECT has_table('roleext', t, 'table ' || t) FROM unnest('{level,taxonomy,role,component,role_component,role_alias,mapping}'::name[]) t;
SELECT is(
  (SELECT array_agg(c::regclass::text ORDER BY c::regclass::text) FROM pg_extension e, unnest(e.extconfig) c WHERE e.extname = 'roleext'
     AND c::regclass::text IN ('level', 'taxonomy', 'role', 'component', 'role_component', 'role_alias', 'mapping')),
  '{component,level,mapping,role,role_alias,role_component,taxonomy}'::text[],
  'every taxonomy table is registered with pg_extension_config_dump');
SELECT is(
  (SELECT extcondition[array_position(extconfig, 'roleext.level'::regclass)] FROM pg_extension WHERE extname = 'roleext'),
  'WHERE NOT is_default', 'pg_dump keeps only levels that are not untouched defaults');
SELECT is((SELECT count(*) FROM information_schema.table_privileges
            WHERE table_schema = 'roleext' AND grantee = 'PUBLIC'), 0::bigint,
          'nothing in schema roleext is granted to PUBLIC');

-- the default ladder
SELECT is((SELECT string_agg(code::text, ' ' ORDER BY code) FROM level),
          'S1 S2 S3 S4 S5 P1 P2 P3 P4 P5 P6 M1 M2 M3 M4 M5 M6 E1 E2 E3 E4 E5', 'S1-S5, P1-P6, M1-M6, E1-E5');
SELECT is((SELECT count(*) FROM level WHERE NOT is_default), 0::bigint, 'all shipped levels are defaults');
SELECT is((SELECT count(*) FROM level WHERE grade <> CASE level_track(code)
             WHEN 'P' THEN level_rank(code) WHEN 'M' THEN level_rank(code) + 2
             WHEN 'E' THEN level_rank(code) + 6 WHEN 'S' THEN (level_rank(code) - 1) / 2.0 END), 0::bigint,
          'grades follow the default ladder P n = n, M n = n + 2, E n = n + 6, S n = (n - 1) / 2');
SELECT is((SELECT grade FROM level WHERE code = 'M1'), 3::float8, 'M1 lines up with P3');
SELECT is((SELECT grade FROM level WHERE code = 'S1'), 0::float8, 'S1 has grade 0');
SELECT results_eq(
  $$SELECT name, description, scope, autonomy, complexity, impact, decision_rights, leadership, level_experience_text(experience)
      FROM level WHERE code = 'P1'$$,
  $$VALUES ('Entry-Level Professional', 'New to role or field; performs basic tasks under supervision',
            'Own tasks within a defined component', 'Close supervision; work reviewed frequently',
            'Routine problems with known solutions', 'Own deliverables',
            'Few independent decisions; escalates the rest', 'None — building the craft', '0–2 yrs')$$,
  'P1 carries the seed card''s descriptors');
SELECT is(level_experience_text('[10,)'), '10+ yrs', 'level_experience_text open-ended');
SELECT is(level_experience_text('[3,4)'), '3 yrs', 'level_experience_text single year');

-- level rows stop being defaults when written; INSERT over an untouched default replaces it
UPDATE level SET grade = 3.5 WHERE code = 'M1';
SELECT is((SELECT is_default FROM level WHERE code = 'M1'), false, 'an edited default is no longer a default');
UPDATE level SET grade = grade WHERE code = 'M2';
SELECT is((SELECT is_default FROM level WHERE code = 'M2'), true, 'a no-op update keeps the default flag');
INSERT INTO level (code, name, grade) VALUES ('P2', 'Professional II', 2.25);
SELECT results_eq($$SELECT name, grade, is_default FROM level WHERE code = 'P2'$$,
                  $$VALUES ('Professional II', 2.25::float8, false)$$, 'INSERT of a default level''s code replaces the default');
SELECT throws_ok($$INSERT INTO level (code, name, grade) VALUES ('P2', 'Again', 2)$$, '23505', NULL,
                 'a user level cannot be inserted twice');
INSERT INTO level (code, name, grade) VALUES ('IC3', 'Individual Contributor 3', 3);
SELECT is((SELECT is_default FROM level WHERE code = 'IC3'), false, 'a user level is not a default');
INSERT INTO level (code, name, grade, is_default) VALUES ('IC4', 'Individual Contributor 4', 4, true);
SELECT is((SELECT is_default FROM level WHERE code = 'IC4'), false, 'is_default cannot be set by a user');
SELECT throws_ok($$INSERT INTO level (code, name, grade) VALUES ('IC5', ' ', 5)$$, '23514', NULL, 'blank level name');
SELECT throws_ok($$INSERT INTO level (code, name, grade) VALUES ('IC5', 'x', 'Infinity')$$, '23514', NULL, 'infinite grade');
SELECT throws_ok($$INSERT INTO level (code, name, grade, experience) VALUES ('IC5', 'x', 5, '[-1,2)')$$, '23514', NULL, 'negative experience');

-- taxonomy structure
INSERT INTO taxonomy (code, kind, name) VALUES ('TECH', 'superfunction', 'Technology');
INSERT INTO taxonomy (code, kind, name, parent) VALUES ('DEI', 'function', 'DevOps', 'TECH');
INSERT INTO taxonomy (code, kind, name, parent) VALUES ('DEI.CLD', 'family', 'Cloud', 'DEI');
INSERT INTO taxonomy (code, kind, name, parent) VALUES ('DEI.CLD.AWS', 'specialization', 'AWS', 'DEI.CLD');
INSERT INTO taxonomy (code, kind, name, parent) VALUES ('DEI.GEN', 'specialization', 'General', 'DEI');
SELECT is((SELECT count(*) FROM taxonomy), 5::bigint, 'a valid chain of every kind inserts');
SELECT throws_ok($$INSERT INTO taxonomy (code, kind, name, parent) VALUES ('BIZ', 'superfunction', 'x', 'TECH')$$,
                 '23514', NULL, 'a superfunction has no parent');
SELECT throws_ok($$INSERT INTO taxonomy (code, kind, name, parent) VALUES ('DEI.X', 'function', 'x', 'DEI')$$,
                 '23514', 'taxonomy node DEI.X (function) cannot sit under DEI (function)', 'a parent must be of a higher kind');
SELECT is(pg_temp.error_of($$INSERT INTO taxonomy (code, kind, name, parent) VALUES ('DEI.X', 'function', 'x', 'DEI')$$),
  '23514: taxonomy node DEI.X (function) cannot sit under DEI (function) / A node''s parent must be of a higher kind: superfunction > function > family > specialization.',
  'parent kind: errdetail');
SELECT throws_ok($$INSERT INTO taxonomy (code, kind, name, parent) VALUES ('SWE.BE', 'specialization', 'x', 'DEI')$$,
                 '23514', 'taxonomy node code SWE.BE does not extend its parent''s code DEI', 'below a function, codes extend the parent''s');
SELECT throws_ok($$INSERT INTO taxonomy (code, kind, name, parent) VALUES ('DEI.CLD.AWS.X', 'specialization', 'x', 'DEI')$$,
                 '23514', NULL, 'a code extends its parent by exactly one label');
SELECT throws_ok($$INSERT INTO taxonomy (code, kind, name, parent) VALUES ('TECH.SWE', 'function', 'x', 'TECH')$$,
                 '23514', 'taxonomy node code TECH.SWE must be a single label', 'a function under a superfunction has a one-label code');
SELECT throws_ok($$INSERT INTO taxonomy (code, kind, name) VALUES ('DEI.P1X', 'function', 'x')$$,
                 '23514', NULL, 'a top node has a one-label code');
SELECT throws_ok($$INSERT INTO taxonomy (code, kind, name, parent) VALUES ('DEI.P3', 'specialization', 'x', 'DEI')$$,
                 '23514', NULL, 'a node code does not end in a level');
SELECT throws_ok($$INSERT INTO taxonomy (code, kind, name, parent) VALUES ('OPS', 'function', 'x', 'NOPE')$$,
                 '23503', NULL, 'the parent must exist');
SELECT throws_ok($$UPDATE taxonomy SET kind = 'specialization' WHERE code = 'DEI.CLD'$$,
                 '23514', 'taxonomy node DEI.CLD cannot become a specialization while DEI.CLD.AWS sits under it',
                 'a kind change must keep children lower');
SELECT throws_ok($$DELETE FROM taxonomy WHERE code = 'DEI'$$, '23503', NULL, 'a node with children cannot be deleted');
SELECT throws_ok($$INSERT INTO taxonomy (code, kind, name) VALUES ('OPS', 'function', '  ')$$, '23514', NULL, 'blank node name');
SELECT throws_ok($$INSERT INTO taxonomy (code, kind, name, parent) VALUES ('OPS', 'function', 'x', 'OPS')$$, '23514',
                 'taxonomy node OPS cannot sit under itself', 'a node does not sit under itself');
INSERT INTO taxonomy (code, kind, name) VALUES ('TOPF', 'function', 'Top function');
INSERT INTO taxonomy (code, kind, name, parent) VALUES ('TOPF.A', 'family', 'A', 'TOPF');
SELECT throws_ok($$UPDATE taxonomy SET kind = 'superfunction' WHERE code = 'TOPF'$$, '23514',
                 'taxonomy node code TOPF.A must be a single label',
                 'a kind change keeps the children''s codes of the form their parent''s kind wants');
SELECT is(pg_temp.error_of($$UPDATE taxonomy SET name = repeat('n', 5000) WHERE code = 'TOPF'$$), 'no error',
          'node names have no length limit (no index holds them)');

-- role: level and node derive from the code
INSERT INTO role (code, title) VALUES ('dei.gen.p1', 'DevOps Engineer I');
SELECT results_eq($$SELECT code::text, level::text, node::text FROM role$$, $$VALUES ('DEI.GEN.P1', 'P1', 'DEI.GEN')$$,
                  'a role''s level and node are its code''s level and family');
SELECT throws_ok($$INSERT INTO role (code, title) VALUES ('DEI.GEN', 'x')$$, '23502', NULL, 'a role code must end in a level');
SELECT throws_ok($$INSERT INTO role (code, title) VALUES ('DEI.GEN.P9', 'x')$$, '23503', NULL, 'the level must exist');
SELECT throws_ok($$INSERT INTO role (code, title) VALUES ('SWE.BE.P1', 'x')$$, '23503', NULL, 'the node must exist');
SELECT throws_ok($$INSERT INTO role (code, title, level) VALUES ('DEI.GEN.P2', 'x', 'P3')$$, '428C9', NULL,
                 'level cannot be set apart from the code');
SELECT throws_ok($$INSERT INTO role (code, title) VALUES ('DEI.GEN.P2', '')$$, '23514', NULL, 'blank role title');
SELECT is(card_text_max(), 500, 'titles, component names and aliases have at most 500 characters');
SELECT throws_ok($$INSERT INTO role (code, title) VALUES ('DEI.GEN.P2', repeat('t', 501))$$, '23514', NULL, 'a title of 501 characters');
SELECT lives_ok($$INSERT INTO role (code, title) VALUES ('DEI.GEN.P2', repeat('☃', 500))$$,
                'a title of 500 characters of three bytes each');
DELETE FROM role WHERE code = 'DEI.GEN.P2';
SELECT throws_ok($$DELETE FROM level WHERE code = 'P1'$$, '23503', NULL, 'a level in use cannot be deleted');

-- components
INSERT INTO component (kind, name) VALUES ('skill', 'Automation scripting'), ('skill', 'Monitoring tools');
INSERT INTO role_component (role, kind, name, prevalence, scope, position)
VALUES ('DEI.GEN.P1', 'skill', 'Automation scripting', 'common', 'level', 1);
SELECT throws_ok($$INSERT INTO role_component (role, kind, name, position) VALUES ('DEI.GEN.P1', 'skill', 'Monitoring tools', 1)$$,
                 '23505', NULL, 'positions are unique within a kind');
SELECT throws_ok($$INSERT INTO role_component (role, kind, name, position) VALUES ('DEI.GEN.P1', 'skill', 'Monitoring tools', 0)$$,
                 '23514', NULL, 'positions start at 1');
SELECT throws_ok($$INSERT INTO role_component (role, kind, name, position) VALUES ('DEI.GEN.P1', 'task', 'Monitoring tools', 2)$$,
                 '23503', NULL, 'a role component must be in the catalogue');
SELECT throws_ok($$INSERT INTO component (kind, name) VALUES ('skill', repeat('s', 501))$$, '23514', NULL,
                 'a component name of 501 characters');
SELECT lives_ok($$INSERT INTO component (kind, name) VALUES ('skill', repeat('𝔰', 500));
                  INSERT INTO role_component (role, kind, name, position) VALUES ('DEI.GEN.P1', 'skill', repeat('𝔰', 500), 9)$$,
                'a component name of 500 characters of four bytes each fits the indexes');
DELETE FROM role_component WHERE "position" = 9;
SELECT throws_ok($$INSERT INTO role_component (role, kind, name, position, prevalence) VALUES ('DEI.GEN.P1', 'skill', 'Monitoring tools', 2, 'always')$$,
                 '22P02', NULL, 'prevalence is an enum');
UPDATE component SET name = 'Automation scripting (Python)' WHERE name = 'Automation scripting';
SELECT is((SELECT name FROM role_component), 'Automation scripting (Python)', 'renaming a component renames it on every role');

-- aliases
INSERT INTO role_alias (role, alias, alias_type, confidence) VALUES ('DEI.GEN.P1', 'Junior DevOps Engineer', 'common', '0.8');
SELECT is((SELECT confidence::text FROM role_alias), '0.80', 'alias confidence is a confidence');
SELECT throws_ok($$INSERT INTO role_alias (role, alias) VALUES ('DEI.GEN.P1', ' ')$$, '23514', NULL, 'blank alias');
SELECT throws_ok($$INSERT INTO role_alias (role, alias, approved_by) VALUES ('DEI.GEN.P1', 'DevOps Eng I', 'ann')$$,
                 '23514', NULL, 'a reviewer needs a review');
SELECT throws_ok($$INSERT INTO role_alias (role, alias) VALUES ('DEI.GEN.P1', 'Junior DevOps Engineer')$$,
                 '23505', NULL, 'an alias is listed once per role');
SELECT throws_ok($$INSERT INTO role_alias (role, alias) VALUES ('DEI.GEN.P1', repeat('a', 501))$$, '23514', NULL,
                 'an alias of 501 characters');
SELECT lives_ok($$INSERT INTO role_alias (role, alias) VALUES ('DEI.GEN.P1', repeat('𝔞', 500))$$,
                'an alias of 500 characters of four bytes each fits the indexes');
SELECT throws_ok($$INSERT INTO role_alias (role, alias, approved, approved_at) VALUES ('DEI.GEN.P1', 'x', true, '-infinity')$$,
                 '23514', NULL, 'a review time is finite');

-- mappings: the code typed in its scheme's column (soc or isco08); code shows it
INSERT INTO mapping (node, scheme, soc) VALUES ('TECH', 'soc2018', '15-0000');
INSERT INTO mapping (role, scheme, soc) VALUES ('DEI.GEN.P1', 'onet2019', '15-1244.00');
INSERT INTO mapping (role, scheme, isco08) VALUES ('DEI.GEN.P1', 'isco08', '2522');
SELECT is((SELECT count(*) FROM mapping), 3::bigint, 'mappings on a node and a role, SOC, O*NET and ISCO');
SELECT results_eq($$SELECT scheme::text, soc::text, isco08, code FROM mapping ORDER BY 1$$,
  $$VALUES ('isco08', NULL, '2522', '2522'), ('onet2019', '15-1244.00', NULL, '15-1244.00'), ('soc2018', '15-0000', NULL, '15-0000')$$,
  'code is the code as text, from its scheme''s column');
SELECT is(pg_temp.error_of($$INSERT INTO mapping (role, scheme, soc) VALUES ('DEI.GEN.P1', 'soc2018', '15-1259')$$),
  '23503: insert or update on table "mapping" violates foreign key constraint "mapping_soc2018_exists" / Key (soc2018)=(15-1259) is not present in table "soc2018_code".',
  'unknown SOC code: detail');
SELECT throws_ok($$INSERT INTO mapping (role, node, soc) VALUES ('DEI.GEN.P1', 'TECH', '15-1252')$$, '23514', NULL,
                 'a mapping has one subject, not two');
SELECT throws_ok($$INSERT INTO mapping (soc) VALUES ('15-1252')$$, '23514', NULL, 'a mapping has a subject');
SELECT throws_ok($$INSERT INTO mapping (role, scheme) VALUES ('DEI.GEN.P1', 'soc2018')$$, '23502', NULL, 'a mapping has a code');
SELECT throws_ok($$INSERT INTO mapping (role, scheme, code) VALUES ('DEI.GEN.P1', 'soc2018', '15-1252')$$, '428C9', NULL,
                 'code is generated: the code is written in its scheme''s column');
SELECT throws_ok($$INSERT INTO mapping (role, scheme, soc) VALUES ('DEI.GEN.P1', 'onet2019', '15-1252')$$, '23514', NULL,
                 'an O*NET mapping''s code is an O*NET-level code');
SELECT throws_ok($$INSERT INTO mapping (role, scheme, soc) VALUES ('DEI.GEN.P1', 'soc2018', '15-1252.00')$$, '23514', NULL,
                 'a SOC mapping''s code is not an O*NET code');
SELECT throws_ok($$INSERT INTO mapping (role, scheme, soc) VALUES ('DEI.GEN.P1', 'soc2018', '16-0000')$$, '22P02', NULL,
                 'a malformed SOC code is rejected');
SELECT throws_ok($$INSERT INTO mapping (role, scheme, isco08) VALUES ('DEI.GEN.P1', 'isco08', 'x25')$$, '23514', NULL,
                 'an ISCO code is digits');
SELECT throws_ok($$INSERT INTO mapping (role, scheme, isco08) VALUES ('DEI.GEN.P1', 'isco08', '25120')$$, '23514', NULL,
                 'an ISCO code has at most four digits');
SELECT throws_ok($$INSERT INTO mapping (role, scheme, isco08) VALUES ('DEI.GEN.P1', 'soc2018', '2512')$$, '23514', NULL,
                 'a SOC scheme takes its code in soc, not isco08');
SELECT throws_ok($$INSERT INTO mapping (role, scheme, soc) VALUES ('DEI.GEN.P1', 'isco08', '15-1252')$$, '23514', NULL,
                 'ISCO-08 takes its code in isco08, not soc');
SELECT throws_ok($$INSERT INTO mapping (role, scheme, soc, isco08) VALUES ('DEI.GEN.P1', 'soc2018', '15-1252', '2512')$$, '23514', NULL,
                 'only the scheme''s column is set');
SELECT throws_ok($$INSERT INTO mapping (role, scheme, soc) VALUES ('DEI.GEN.P1', 'soc2018', '15-1259')$$, '23503',
                 'insert or update on table "mapping" violates foreign key constraint "mapping_soc2018_exists"', 'a SOC code must exist in SOC 2018');
SELECT throws_ok($$INSERT INTO mapping (role, scheme, soc) VALUES ('DEI.GEN.P1', 'onet2019', '15-1252.07')$$, '23503',
                 'insert or update on table "mapping" violates foreign key constraint "mapping_onet2019_exists"', 'an O*NET code must exist in O*NET-SOC 2019');
SELECT throws_ok($$INSERT INTO mapping (role, scheme, soc) VALUES ('DEI.GEN.P1', 'soc2010', '15-1252')$$, '23503',
                 'insert or update on table "mapping" violates foreign key constraint "mapping_soc2010_exists"', 'a SOC 2010 code must exist in SOC 2010');
SELECT throws_ok($$INSERT INTO mapping (role, scheme, soc, reviewed_at) VALUES ('DEI.GEN.P1', 'soc2018', '15-1252', 'infinity')$$, '23514',
                 NULL, 'a review time is finite');
INSERT INTO mapping (role, scheme, soc) VALUES ('DEI.GEN.P1', 'soc2018', '151252');
SELECT is((SELECT code FROM mapping WHERE role = 'DEI.GEN.P1' AND scheme = 'soc2018'), '15-1252', 'codes are read in any form, shown canonical');
SELECT throws_ok($$INSERT INTO mapping (node, scheme, soc) VALUES ('TECH', 'soc2018', '15-0000')$$, '23505', NULL,
                 'a subject maps to a code once');
SELECT throws_ok($$INSERT INTO mapping (role, scheme, isco08) VALUES ('DEI.GEN.P1', 'isco08', '2522')$$, '23505', NULL,
                 'a subject maps to an ISCO-08 code once');
DELETE FROM role WHERE code = 'DEI.GEN.P1';
SELECT is((SELECT count(*) FROM mapping WHERE role IS NOT NULL) + (SELECT count(*) FROM role_alias)
          + (SELECT count(*) FROM role_component), 0::bigint, 'deleting a role deletes its mappings, aliases and components');

SELECT * FROM finish();
ROLLBACK;
