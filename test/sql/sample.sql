-- The sample taxonomy: the seed card DEI.GEN.P1 read back through the BI
-- views field by field, inheritance and review of SOC mappings.
\i test/setup.sql
\i sample/load.sql
SELECT plan(47);

-- the illustrative taxonomy around the seed
SELECT ok((SELECT count(*) FROM taxonomy WHERE kind = 'superfunction') >= 3, 'at least 3 superfunctions');
SELECT ok((SELECT count(*) FROM taxonomy WHERE kind = 'function') >= 10, 'at least 10 functions');
SELECT ok((SELECT count(*) FROM role) >= 40, 'at least 40 roles');
SELECT is((SELECT string_agg(DISTINCT level_track(level), '' ORDER BY level_track(level)) FROM role), 'EMPS',
          'roles on the S, P, M and E tracks');
SELECT ok((SELECT count(*) FROM role_alias) > 100, 'aliases on every role');
SELECT ok((SELECT count(*) FROM mapping WHERE node IS NOT NULL) >= 5 AND (SELECT count(*) FROM mapping WHERE role IS NOT NULL) >= 3,
          'SOC mappings on nodes and on roles');

-- role_card: the seed card field by field
SELECT results_eq(
  $$SELECT role::text, title, level::text, level_name, level_description FROM role_card WHERE role = 'DEI.GEN.P1'$$,
  $$VALUES ('DEI.GEN.P1', 'DevOps Engineering and Infrastructure Entry/Mid', 'P1', 'Entry-Level Professional',
            'New to role or field; performs basic tasks under supervision')$$, 'role_card: code, title, level');
SELECT results_eq(
  $$SELECT level_scope, level_autonomy, level_complexity, level_impact, level_decision_rights, level_leadership,
           level_typical_experience FROM role_card WHERE role = 'DEI.GEN.P1'$$,
  $$VALUES ('Own tasks within a defined component', 'Close supervision; work reviewed frequently',
            'Routine problems with known solutions', 'Own deliverables', 'Few independent decisions; escalates the rest',
            'None — building the craft', '0–2 yrs')$$, 'role_card: the seven level descriptors');
SELECT results_eq(
  $$SELECT function_code::text, function_name, specialization_code::text, superfunction_code::text FROM role_card WHERE role = 'DEI.GEN.P1'$$,
  $$VALUES ('DEI', 'DevOps Engineering and Infrastructure', 'DEI.GEN', 'TECH')$$, 'role_card: the taxonomy chain');
SELECT is((SELECT summary FROM role_card WHERE role = 'DEI.GEN.P1'),
          'Early-career DevOps engineers concentrate on learning existing processes and gradually improving them.', 'summary');
SELECT is((SELECT story_who FROM role_card WHERE role = 'DEI.GEN.P1'),
          'DevOps Engineers and Infrastructure Engineers who want to streamline software delivery and optimize cloud infrastructure.', 'story: who');
SELECT is((SELECT story_external_problem FROM role_card WHERE role = 'DEI.GEN.P1'),
          'Inconsistent deployment processes and frequent downtime lead to delays in software release.', 'story: external problem');
SELECT is((SELECT story_internal_problem FROM role_card WHERE role = 'DEI.GEN.P1'),
          'They feel overwhelmed by complex systems and the pressure to deliver rapidly and reliably.', 'story: internal problem');
SELECT is((SELECT story_why_it_matters FROM role_card WHERE role = 'DEI.GEN.P1'),
          'They believe that efficient automation and solid infrastructure are critical for business success and innovation.', 'story: why it matters');
SELECT is((SELECT story_plan_steps FROM role_card WHERE role = 'DEI.GEN.P1'), 5, 'story: five plan steps');
SELECT is((SELECT split_part(story_plan, E'\n', 4) FROM role_card WHERE role = 'DEI.GEN.P1'),
          'Train team members on critical thinking and complex problem-solving skills.', 'story: the fourth step');
SELECT is((SELECT story_stakes FROM role_card WHERE role = 'DEI.GEN.P1'),
          'Increased delays in software delivery that frustrate stakeholders. Frequent outages and downtime that undermine user trust and business reputation.', 'story: stakes');
SELECT is((SELECT story_success FROM role_card WHERE role = 'DEI.GEN.P1'),
          'Faster and more reliable software releases that meet user needs. A robust and scalable infrastructure that supports growth and innovation.', 'story: success');
SELECT results_eq(
  $$SELECT responsibilities, tasks, skills, knowledge, competencies, qualifications, outputs, aliases
      FROM role_card WHERE role = 'DEI.GEN.P1'$$,
  $$VALUES (8, 3, 8, 8, 7, 4, 0, 2)$$,
  'component counts: 8 responsibilities, 3 tasks, 8 skills, 8 knowledge, 7 competencies, 4 qualifications, 0 outputs');

-- role_components
SELECT results_eq(
  $$SELECT kind::text, count(*), bool_and(prevalence = 'common'), bool_and(scope = 'level')
      FROM role_components WHERE role = 'DEI.GEN.P1' GROUP BY kind ORDER BY kind$$,
  $$VALUES ('competency', 7::bigint, true, true), ('knowledge', 8::bigint, true, true), ('qualification', 4::bigint, true, true),
           ('responsibility', 8::bigint, true, true), ('skill', 8::bigint, true, true), ('task', 3::bigint, true, true)$$,
  'role_components: every component common at level scope');
SELECT is((SELECT string_agg(name, ' | ' ORDER BY position) FROM role_components WHERE role = 'DEI.GEN.P1' AND kind = 'responsibility'),
  'Assist in deployments | Monitor pipeline success | Improve automation | Participate in team meetings | Document processes and improvements | Collaborate with software development teams | Support infrastructure maintenance | Troubleshoot deployment issues',
  'responsibilities in card order');
SELECT is((SELECT string_agg(name, ' | ' ORDER BY position) FROM role_components WHERE role = 'DEI.GEN.P1' AND kind = 'task'),
  'Assist in software deployments | Monitor and report on pipeline health | Implement small automation scripts', 'tasks in card order');
SELECT is((SELECT string_agg(name, ' | ' ORDER BY position) FROM role_components WHERE role = 'DEI.GEN.P1' AND kind = 'skill'),
  'CI/CD tools | Basic cloud platform usage | Automation scripting | Monitoring tools | Version control systems | Basic networking | Linux/Unix systems | Containerization basics',
  'skills in card order');
SELECT is((SELECT string_agg(name, ' | ' ORDER BY position) FROM role_components WHERE role = 'DEI.GEN.P1' AND kind = 'knowledge'),
  'Continuous integration | Continuous deployment | Cloud infrastructure basics | Automation frameworks | Software development lifecycle | Basic security practices | System monitoring | Configuration management',
  'knowledge in card order');
SELECT is((SELECT string_agg(name, ' | ' ORDER BY position) FROM role_components WHERE role = 'DEI.GEN.P1' AND kind = 'competency'),
  'Deployment frequency | Change failure rate | Pipeline reliability | Problem-solving | Team collaboration | Technical documentation | Basic scripting',
  'competencies in card order');
SELECT is((SELECT string_agg(name, ' | ' ORDER BY position) FROM role_components WHERE role = 'DEI.GEN.P1' AND kind = 'qualification'),
  'Basic understanding of CI/CD processes | Bachelor''s degree in Computer Science or related field | 0-2 years of experience in DevOps or related field | Experience with version control systems',
  'qualifications in card order');

-- role_aliases
SELECT results_eq(
  $$SELECT alias, alias_type::text, confidence::text, band::text, approved FROM role_aliases WHERE role = 'DEI.GEN.P1' ORDER BY confidence DESC$$,
  $$VALUES ('DevOps Engineering and Infrastructure Entry/Mid', 'common', '0.6000', 'medium', NULL::boolean),
           ('P1–P4', 'common', '0.5000', 'medium', NULL::boolean)$$,
  'aliases: confidence 0.60 and 0.50, band medium, not yet reviewed');
SELECT is(level_span((SELECT alias FROM role_alias WHERE role = 'DEI.GEN.P1' AND alias LIKE 'P1%')), '[P1,P4]'::rolelevelrange,
          'the P1–P4 alias reads as a level span');

-- role_soc: the 15-0000 mapping comes from the superfunction
SELECT results_eq(
  $$SELECT scheme::text, code::text, title, source::text, review_status::text, inherited_from::text, major_code::text, major_title,
           minor_code::text, detailed_code::text
      FROM role_soc WHERE role = 'DEI.GEN.P1'$$,
  $$VALUES ('soc2018', '15-0000', 'Computer and Mathematical Occupations', 'inferred_from_superfunction', 'needs_review',
            'TECH', '15-0000', 'Computer and Mathematical Occupations', NULL, NULL)$$,
  'role_soc: 15-0000, inferred_from_superfunction, needs_review');
SELECT results_eq(
  $$SELECT code::text, source::text, review_status::text, major_code::text, minor_code::text, broad_code::text, detailed_code::text, detailed_title
      FROM role_soc WHERE role = 'SWE.BE.P3'$$,
  $$VALUES ('15-1252', 'inferred_from_function', 'needs_review', '15-0000', '15-1200', '15-1250', '15-1252', 'Software Developers')$$,
  'a function''s mapping is inherited with its groups');
SELECT results_eq(
  $$SELECT code::text, source::text, review_status::text FROM role_soc WHERE role = 'SWE.BE.M2'$$,
  $$VALUES ('11-3021', 'manual', 'approved')$$, 'a role''s own mapping wins over inheritance');
SELECT results_eq(
  $$SELECT scheme::text, code::text, source::text FROM role_soc WHERE role = 'SWE.FE.P2' ORDER BY scheme$$,
  $$VALUES ('onet2019', '15-1254.00', 'inferred_from_specialization'), ('soc2018', '15-1252', 'inferred_from_function')$$,
  'each scheme inherits from its nearest mapped ancestor');
SELECT is((SELECT detailed_code::text FROM role_soc WHERE role = 'SWE.FE.P2' AND scheme = 'onet2019'), '15-1254',
          'an O*NET code''s detailed group');
SELECT is((SELECT count(*) FROM role r WHERE NOT EXISTS (SELECT 1 FROM role_soc s WHERE s.role = r.code::text)), 0::bigint,
          'every role appears in role_soc');

-- loading the sample again changes nothing
CREATE TEMP TABLE before AS SELECT code, role_card_json(code) AS doc FROM role;
\i sample/load.sql
SELECT is((SELECT count(*) FROM role r FULL JOIN before b ON b.code = r.code
            WHERE b.doc IS DISTINCT FROM role_card_json(r.code)), 0::bigint, 'sample/load.sql is idempotent');

-- review
SELECT is((approve_mapping('DEI.GEN.P1', '15-0000', 'soc2018', 'ann')).source::text, 'inferred_from_superfunction',
          'approving an inferred mapping keeps its source');
SELECT results_eq($$SELECT source::text, review_status::text, reviewer, inherited_from FROM role_soc WHERE role = 'DEI.GEN.P1'$$,
                  $$VALUES ('inferred_from_superfunction', 'approved', 'ann', NULL::text)$$,
                  '... and makes it the role''s own, approved');
SELECT ok((SELECT reviewed_at FROM mapping WHERE role = 'DEI.GEN.P1') = now(), 'the review time is recorded');
SELECT is((reject_mapping('DEI.GEN.P2', '15-0000', 'soc2018', 'bob', 'too broad')).review_status::text, 'rejected',
          'rejecting an inherited mapping');
SELECT is((SELECT count(*) FROM role_soc WHERE role = 'DEI.GEN.P2' AND code IS NOT NULL), 0::bigint,
          '... stops the role inheriting it');
SELECT is((SELECT note FROM mapping WHERE role = 'DEI.GEN.P2'), 'too broad', 'the review note is kept');
SELECT is((approve_mapping('DEI.SRE', '15-1244')).review_status::text, 'approved', 'a node''s own mapping can be reviewed');
SELECT throws_ok($$SELECT approve_mapping('DEI.GEN.P1', '15-1252')$$, '22023', 'DEI.GEN.P1 has no soc2018 mapping to 15-1252',
                 'reviewing a mapping the role does not have');
SELECT throws_ok($$SELECT approve_mapping('DEI.GEN.P9', '15-0000')$$, '22023', 'role DEI.GEN.P9 does not exist', 'unknown role');
SELECT is((approve_alias('DEI.GEN.P1', 'P1–P4', 'ann')).approved, true, 'approving an alias');
SELECT is((SELECT approved_by FROM role_aliases WHERE role = 'DEI.GEN.P1' AND alias = 'P1–P4'), 'ann', '... records the reviewer');
SELECT throws_ok($$SELECT reject_alias('DEI.GEN.P1', 'No such alias')$$, '22023', 'role DEI.GEN.P1 has no alias "No such alias"',
                 'reviewing an unknown alias');

SELECT * FROM finish();
ROLLBACK;
