-- Occupation content (doc/content.md): the O*NET tables, similarity by
-- content, draft_role_card, suggest_components and its review, skill_gap,
-- career_steps.
\i test/setup.sql
SELECT plan(42);

-- the reference tables as CREATE EXTENSION fills them -------------------------

SELECT is((SELECT count(*)::int FROM onet_task), 19265, 'onet_task: every task statement');
SELECT is((SELECT count(*)::int FROM onet_task WHERE task_type = 'core'), 13225, 'onet_task: 13,225 core tasks');
SELECT is((SELECT count(*)::int FROM onet_technology WHERE hot), (SELECT count(*)::int FROM onet_technology WHERE hot IS TRUE),
          'onet_technology: hot is never NULL');
SELECT is((SELECT count(*)::int FROM onet_technology) + (SELECT count(*)::int FROM onet_tool), 30826 + 41644,
          'onet_technology and onet_tool: every example');
SELECT is((SELECT count(*)::int FROM onet_related_occupation WHERE tier = 'Primary-Short'), 4615,
          'onet_related_occupation: five Primary-Short for each of 923 occupations');
SELECT is((SELECT count(*)::int FROM onet_content_vector), 923, 'a content vector for each occupation with tasks');
SELECT ok((SELECT bool_and(abs(content_dot(terms, weights, terms, weights) - 1) < 1e-5) FROM onet_content_vector),
          'every content vector has length 1');
SELECT is((SELECT count(*)::int FROM pg_class c JOIN pg_extension e ON e.extname = 'roleext'
           WHERE c.relname LIKE 'onet\_%' AND c.relkind = 'r' AND c.oid = ANY (e.extconfig)), 0,
          'the O*NET tables are reference data, not dumped');

-- similarity of occupations ---------------------------------------------------------

SELECT is(content_similarity('15-1252.00', '15-1252.00')::numeric(6,4), 1.0000, 'an occupation is similar to itself');
SELECT is(content_similarity('15-1252.00', '29-1141.00'), content_similarity('29-1141.00', '15-1252.00'),
          'content_similarity is symmetric');
SELECT ok(content_similarity('15-1252.00', '15-1253.00') > content_similarity('15-1252.00', '29-1141.00'),
          'software developers are closer to software testers than to registered nurses');
SELECT is(content_similarity('15-1252.00', (SELECT o.code FROM onet2019_occupation o
                                           WHERE NOT EXISTS (SELECT FROM onet_content_vector v WHERE v.code = o.code) ORDER BY o.code LIMIT 1)),
          NULL, 'content_similarity is NULL for an occupation without content');
SELECT results_eq($$SELECT code::text FROM similar_occupations('15-1252.00', 3)$$,
                  $$VALUES ('15-1253.00'), ('15-1211.00'), ('15-1299.08')$$,
                  'similar_occupations: the three nearest to software developers');
SELECT is(pg_temp.error_of($$SELECT * FROM similar_occupations('15-1252.00', 51)$$),
          '22023: k must be between 0 and 50, not 51 / similar_occupations reads the 50 nearest occupations of each, precomputed in onet_content_neighbour.',
          'similar_occupations: k is checked');
SELECT matches(pg_temp.error_of($$SELECT * FROM similar_occupations('15-0000')$$),
               '^22023: occupation 15-0000 has no O\*NET content / Similarity by content compares',
               'similar_occupations: a group has no content');
SELECT is((SELECT count(*)::int FROM onet_related_by_content), 9230, 'onet_related_by_content: ten for each occupation');

-- drafts: every occupation, imported as they are, exported back identical -------------

CREATE TEMP TABLE draft AS
SELECT v.code, draft_role_card(v.code, 'P2') AS card FROM onet_content_vector v;
SELECT is((SELECT count(*)::int FROM draft d, validate_role_card(d.card)), 0,
          'every one of the 923 drafts is a valid card');
SELECT is((SELECT count(*)::int FROM import_role_cards((SELECT jsonb_agg(card ORDER BY code) FROM draft))), 923,
          'import_role_cards takes all 923 drafts');
-- (statistics for the planner: the tables grew by 70,000 rows in this transaction)
ANALYZE taxonomy, role, component, role_component, mapping;
SELECT is((SELECT count(*)::int FROM draft d WHERE role_card_json((d.card->>'code')::rolecode) = d.card), 923,
          'each draft exports back identical');
SELECT is(draft_role_card('15-1252', 'P2'), draft_role_card('15-1252.00', 'P2'),
          'a SOC 2018 detailed code drafts its .00 occupation');
SELECT is((SELECT card->>'code' FROM draft WHERE code = '29-1221.00'), 'ONET29_1000.1210.1221_00.P2',
          'the draft code follows the SOC structure (29-1221 is under broad group 29-1210 of minor group 29-1000)');
SELECT is((SELECT card->'mappings'->0->>'source' FROM draft WHERE code = '15-1252.00'), 'onet_content',
          'the draft''s mapping has source onet_content');
SELECT is((SELECT card->'components'->'tasks'->0->>'description' FROM draft WHERE code = '11-1011.00'),
          'O*NET 27.0 task 8823 (core), 11-1011.00', 'a task says where it comes from');
SELECT ok((SELECT bool_and(c->>'description' LIKE 'O*NET 27.0 %') FROM draft d, jsonb_each(d.card->'components') k,
                  jsonb_array_elements(k.value) c), 'every drafted component carries its O*NET provenance');
SELECT is((SELECT q->>'name' || ' / ' || (q->>'scope') FROM jsonb_array_elements(draft_role_card('11-1011.00', 'P2')->'components'->'qualifications') q
           WHERE q->>'name' LIKE 'Related Work Experience:%'), 'Related Work Experience: Over 10 years / specialization',
          'typical experience: the most frequent category of related work experience ...');
SELECT is((SELECT q->>'name' || ' / ' || (q->>'scope') FROM jsonb_array_elements(draft_role_card('11-1011.00', 'P1')->'components'->'qualifications') q
           WHERE q->>'name' LIKE 'Related Work Experience:%'), 'Related Work Experience: Over 2 years, up to and including 4 years / level',
          '... or, for a level with an experience range (P1: 0-2 years), the most frequent one within it');
SELECT is(pg_temp.error_of($$SELECT draft_role_card('15-1252.00', 'X9')$$),
          '22023: level X9 does not exist / A drafted card is for a level of table roleext.level, such as P2.',
          'draft_role_card: an unknown level');
SELECT matches(pg_temp.error_of($$SELECT draft_role_card('15-1250', 'P2')$$),
               '^22023: occupation 15-1250 has no O\*NET content / O\*NET 27.0 describes 923',
               'draft_role_card: a group has no content');
SELECT is(draft_role_card(NULL, 'P2'), NULL, 'draft_role_card is strict');

-- roles: similarity, career steps, skill gaps ----------------------------------------

SELECT is(role_similarity('ONET15_1200.1250.1252_00.P2', 'ONET15_1200.1250.1252_00.P2'), 1::float8,
          'a role is similar to itself');
SELECT ok((SELECT code_prefix(role, 2) = 'ONET15_1200.1250' FROM similar_roles('ONET15_1200.1250.1252_00.P2', 1)),
          'the most similar role to a software developer is in its broad group');
SELECT is(pg_temp.error_of($$SELECT role_similarity('NOPE.X.P1', 'ONET15_1200.1250.1252_00.P2')$$),
          '22023: role NOPE.X.P1 does not exist / Similarity by content compares roles of table roleext.role.',
          'role_similarity: an unknown role');
SELECT import_role_card(draft_role_card(c, 'P3')) FROM (VALUES ('15-1252.00'::soccode), ('15-1253.00'), ('29-1141.00')) v(c);
SELECT results_eq($$SELECT step::text, level::text FROM career_steps('ONET15_1200.1250.1252_00.P2', 2)$$,
                  $$VALUES ('ONET15_1200.1250.1252_00.P3', 'P3'), ('ONET15_1200.1250.1253_00.P3', 'P3')$$,
                  'career_steps: the same occupation one level up, then the closest other');
SELECT ok((SELECT to_acquire > 0 FROM career_steps('ONET15_1200.1250.1252_00.P2', 2) WHERE step = 'ONET15_1200.1250.1253_00.P3'),
          'career_steps: a move to another occupation has components to acquire');
SELECT is((SELECT count(*)::int FROM skill_gap('ONET15_1200.1250.1252_00.P2', 'ONET15_1200.1250.1253_00.P3') g
           JOIN role_component rc ON rc.role = 'ONET15_1200.1250.1252_00.P2' AND rc.kind = g.kind AND rc.name = g.name), 0,
          'skill_gap never lists what the first role has');
SELECT is(pg_temp.error_of($$SELECT * FROM career_steps('NOPE.X.P1')$$),
          '22023: role NOPE.X.P1 does not exist / career_steps takes the code of a role in table roleext.role.',
          'career_steps: an unknown role');

-- suggestions and their review ------------------------------------------------------

SELECT import_role_card('{"code": "DEV.WEB.P1", "title": "Web developer",
  "taxonomy": [{"code": "DEV", "kind": "function", "name": "Development",
                "mappings": [{"scheme": "soc2018", "code": "15-1254", "review_status": "approved"}]},
               {"code": "DEV.WEB", "kind": "specialization", "name": "Web"}],
  "components": {"skills": [{"name": "JavaScript"}]}}');
SELECT ok((SELECT count(*) > 20 AND bool_and(name <> 'JavaScript') FROM suggest_components('DEV.WEB.P1')),
          'suggest_components: an inherited SOC mapping gives suggestions, never what the card has');
SELECT is((SELECT review_status::text FROM reject_component('DEV.WEB.P1', 'skill', 'Microsoft Excel')), 'rejected',
          'reject_component records the decision');
SELECT is((SELECT count(*)::int FROM suggest_components('DEV.WEB.P1') WHERE name = 'Microsoft Excel'), 0,
          'a rejected component is not suggested again');
SELECT FROM approve_component('DEV.WEB.P1', 'skill', 'Hypertext markup language HTML');
SELECT is((SELECT position FROM role_component WHERE role = 'DEV.WEB.P1' AND name = 'Hypertext markup language HTML'), 2,
          'approve_component puts it on the card, last of its kind');
SELECT import_role_card('{"code": "DEV.WEB.P2", "title": "Lonely", "components": {"skills": [{"name": "JavaScript"}]}}'::jsonb
                        || '{"taxonomy": [{"code": "LONE", "kind": "function", "name": "Unmapped"}, {"code": "LONE.X", "kind": "specialization", "name": "X"}]}'::jsonb
                        || '{"code": "LONE.X.P2"}'::jsonb);
SELECT is(pg_temp.error_of($$SELECT * FROM suggest_components('LONE.X.P2')$$),
          '22023: role LONE.X.P2 has no occupation with O*NET content / A role gets suggestions through an effective soc2018 or onet2019 mapping (its own or its nearest mapped ancestor''s, view role_mappings) to a code with O*NET content; map it first (suggest_mappings).',
          'suggest_components: an unmapped role');
SELECT ok(NOT has_function_privilege('public', 'suggest_components(rolecode, float8)', 'EXECUTE')
          AND 'suggest_components' = ANY (editor_functions()), 'suggest_components is for editors');

SELECT * FROM finish();
ROLLBACK;
