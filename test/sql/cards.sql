-- Role cards as JSON: import, export, round trip, idempotence, bad documents.
\i test/setup.sql
SELECT plan(75);

CREATE TEMP TABLE card (doc jsonb);
INSERT INTO card VALUES ($j$
{
  "code": "dei.cld.aws.p2",
  "title": "Cloud Engineer (AWS)",
  "summary": "Builds and runs AWS accounts.",
  "taxonomy": [
    {"code": "TECH", "kind": "superfunction", "name": "Technology",
     "mappings": [{"code": "15-0000", "review_status": "approved", "reviewer": "ann"}]},
    {"code": "DEI", "kind": "function", "name": "DevOps Engineering and Infrastructure"},
    {"code": "DEI.CLD", "kind": "family", "name": "Cloud", "description": "Cloud platforms"},
    {"code": "DEI.CLD.AWS", "kind": "specialization", "name": "AWS",
     "mappings": [{"scheme": "onet2019", "code": "15-1244.00", "source": "crosswalk", "confidence": "80%"}]}
  ],
  "story": {"who": "Engineers who run the cloud.", "plan": ["Assess", "Automate"], "stakes": null},
  "components": {
    "skills": [{"name": "Terraform", "prevalence": "core", "scope": "specialization", "description": "Infrastructure as code tool"},
               {"name": "Cloud networking"}],
    "tasks": [{"name": "Provision accounts", "scope": "role"}],
    "outputs": []
  },
  "aliases": [
    {"alias": "AWS Engineer", "type": "common", "confidence": 0.7},
    {"alias": "Cloud Eng II", "type": "abbreviation", "confidence": ".55", "approved": true, "approved_by": "ann",
     "approved_at": "2026-01-02T03:04:05Z"}
  ],
  "mappings": [{"scheme": "soc2018", "code": "151244", "source": "manual", "review_status": "needs_review",
                "confidence": 0.9, "note": "checked against O*NET"}]
}
$j$);

-- import
SELECT is(import_role_card(doc), 'DEI.CLD.AWS.P2'::rolecode, 'import returns the role code') FROM card;
SELECT results_eq($$SELECT code::text, kind::text, parent::text FROM taxonomy ORDER BY code$$,
  $$VALUES ('DEI', 'function', 'TECH'), ('DEI.CLD', 'family', 'DEI'), ('DEI.CLD.AWS', 'specialization', 'DEI.CLD'),
           ('TECH', 'superfunction', NULL)$$, 'the taxonomy chain is created top first');
SELECT results_eq($$SELECT title, summary, story_who, story_plan FROM role$$,
  $$VALUES ('Cloud Engineer (AWS)', 'Builds and runs AWS accounts.', 'Engineers who run the cloud.', '{Assess,Automate}'::text[])$$,
  'role fields and story');
SELECT results_eq($$SELECT kind::text, name, prevalence::text, scope::text, position FROM role_component ORDER BY 1, 5$$,
  $$VALUES ('skill', 'Terraform', 'core', 'specialization', 1), ('skill', 'Cloud networking', 'common', 'role', 2),
           ('task', 'Provision accounts', 'common', 'role', 1)$$, 'components with defaults for prevalence and scope');
SELECT is((SELECT description FROM component WHERE name = 'Terraform'), 'Infrastructure as code tool', 'component description');
SELECT results_eq($$SELECT alias, alias_type::text, confidence::text, approved, approved_by, approved_at FROM role_alias ORDER BY alias$$,
  $$VALUES ('AWS Engineer', 'common', '0.70', NULL::boolean, NULL, NULL::timestamptz),
           ('Cloud Eng II', 'abbreviation', '0.55', true, 'ann', '2026-01-02T03:04:05Z'::timestamptz)$$, 'aliases');
SELECT results_eq($$SELECT coalesce(role, node)::text, scheme::text, code, source::text, review_status::text, confidence::text
                      FROM mapping ORDER BY 1, 2$$,
  $$VALUES ('DEI.CLD.AWS', 'onet2019', '15-1244.00', 'crosswalk', 'needs_review', '0.80'),
           ('DEI.CLD.AWS.P2', 'soc2018', '15-1244', 'manual', 'needs_review', '0.90'),
           ('TECH', 'soc2018', '15-0000', 'manual', 'approved', NULL)$$,
  'mappings on nodes and role, codes in canonical form, defaults');

-- export, round trip, idempotence
CREATE TEMP TABLE exported AS SELECT role_card_json('DEI.CLD.AWS.P2') AS doc;
SELECT is((SELECT doc->>'format' FROM exported), 'roleext.role_card/1', 'export names its format');
SELECT is((SELECT doc->>'code' FROM exported), 'DEI.CLD.AWS.P2', 'export carries the canonical code');
SELECT is((SELECT doc->>'level' FROM exported), 'P2', 'export carries the level');
SELECT is((SELECT jsonb_array_length(doc->'taxonomy') FROM exported), 4, 'export carries the chain');
SELECT is((SELECT doc->'components'->'skills'->0 FROM exported),
          '{"name": "Terraform", "scope": "specialization", "prevalence": "core", "description": "Infrastructure as code tool"}'::jsonb,
          'export of a component');
SELECT is((SELECT doc->'components'->'responsibilities' FROM exported), '[]'::jsonb, 'every component kind is exported, empty ones as []');
SELECT is((SELECT doc->'aliases'->1->>'approved_at' FROM exported), '2026-01-02T03:04:05.000000Z', 'times are exported in UTC');
SET LOCAL TimeZone = 'Asia/Kolkata';
SELECT is(role_card_json('DEI.CLD.AWS.P2'), (SELECT doc FROM exported), 'export does not depend on the session time zone');
RESET TimeZone;
SELECT is(import_role_card(doc), 'DEI.CLD.AWS.P2'::rolecode, 'the export imports') FROM exported;
SELECT is(role_card_json('DEI.CLD.AWS.P2'), (SELECT doc FROM exported), 'export -> import -> export is identical');
CREATE TEMP TABLE counts AS
  SELECT (SELECT count(*) FROM role) r, (SELECT count(*) FROM taxonomy) t, (SELECT count(*) FROM component) c,
         (SELECT count(*) FROM role_component) rc, (SELECT count(*) FROM role_alias) a, (SELECT count(*) FROM mapping) m;
SELECT import_role_card(doc) FROM card;
SELECT import_role_card(doc) FROM card;
SELECT results_eq($$SELECT (SELECT count(*) FROM role), (SELECT count(*) FROM taxonomy), (SELECT count(*) FROM component),
                           (SELECT count(*) FROM role_component), (SELECT count(*) FROM role_alias), (SELECT count(*) FROM mapping)$$,
                  $$SELECT r, t, c, rc, a, m FROM counts$$, 'importing the same card again changes nothing');
SELECT is(role_card_json('DEI.CLD.AWS.P2'), (SELECT doc FROM exported), 'and the export is still the same');
SELECT throws_ok($$SELECT role_card_json('DEI.CLD.AWS.P9')$$, '22023', 'role DEI.CLD.AWS.P9 does not exist',
                 'export of an unknown role: 22023, as adjacent_roles');

-- the card's lists replace the role's; node data is merged
SELECT import_role_card(((doc #- '{components,skills,1}' #- '{aliases,0}' #- '{taxonomy,2,description}') - 'mappings')
                        || '{"title": "AWS Cloud Engineer"}') FROM card;
SELECT is((SELECT string_agg(name, ',' ORDER BY kind, position) FROM role_component), 'Provision accounts,Terraform',
          'a component left out of the card is removed from the role');
SELECT is((SELECT count(*) FROM component WHERE name = 'Cloud networking'), 1::bigint, '... but stays in the catalogue');
SELECT is((SELECT string_agg(alias, ',') FROM role_alias), 'Cloud Eng II', 'an alias left out is removed');
SELECT is((SELECT count(*) FROM mapping WHERE role IS NOT NULL), 0::bigint, 'a card without mappings leaves the role without own mappings');
SELECT is((SELECT count(*) FROM mapping WHERE node IS NOT NULL), 2::bigint, 'node mappings not listed are kept');
SELECT is((SELECT description FROM taxonomy WHERE code = 'DEI.CLD'), 'Cloud platforms', 'a node field left out keeps its value');
SELECT is((SELECT title FROM role), 'AWS Cloud Engineer', 'role fields are replaced');
SELECT import_role_card(jsonb_set(doc, '{taxonomy,2,description}', 'null')) FROM card;
SELECT is((SELECT description FROM taxonomy WHERE code = 'DEI.CLD'), NULL, 'an explicit null clears a node field');

-- a minimal card under an existing node
SELECT is(import_role_card('{"code": "DEI.CLD.AWS.P3", "title": "Senior Cloud Engineer"}'), 'DEI.CLD.AWS.P3'::rolecode,
          'a card without a chain can name an existing node');
SELECT is((SELECT parent FROM taxonomy WHERE code = 'DEI'), 'TECH'::rolecode, 'the chain''s first node keeps its parent');
SELECT import_role_card('{"code": "DEI.CLD.AWS.P4", "title": "Staff Cloud Engineer",
                          "taxonomy": [{"code": "DEI.CLD", "kind": "family", "name": "Cloud"},
                                       {"code": "DEI.CLD.AWS", "kind": "specialization", "name": "AWS"}]}');
SELECT is((SELECT parent FROM taxonomy WHERE code = 'DEI.CLD'), 'DEI'::rolecode, 'a chain starting below the top does not detach it');

-- bad documents: 22023, the path of the first bad field, an errdetail sentence
SELECT throws_ok($$SELECT import_role_card('[]')$$, '22023', 'invalid role card: $: expected an object, got array', 'not an object');
SELECT throws_ok($$SELECT import_role_card('{"title": "x"}')$$, '22023', 'invalid role card: code: expected a string, got missing', 'missing code');
SELECT throws_ok($$SELECT import_role_card('{"code": "DEI..P1", "title": "x"}')$$, '22023', 'invalid role card: code: invalid role code "DEI..P1"', 'malformed code');
SELECT throws_ok($$SELECT import_role_card('{"code": "DEI.CLD", "title": "x"}')$$, '22023', 'invalid role card: code: role code "DEI.CLD" has no level', 'code without a level');
SELECT throws_ok($$SELECT import_role_card('{"code": "DEI.CLD.P9", "title": "x"}')$$, '22023', 'invalid role card: code: unknown level P9', 'unknown level');
SELECT throws_ok($$SELECT import_role_card('{"code": "DEI.CLD.AWS.P1"}')$$, '22023', 'invalid role card: title: expected a string, got missing', 'missing title');
SELECT throws_ok($$SELECT import_role_card('{"code": "DEI.CLD.AWS.P1", "title": "x", "titel": "y"}')$$, '22023', 'invalid role card: titel: unknown field', 'unknown field');
SELECT throws_ok($$SELECT import_role_card('{"code": "DEI.CLD.AWS.P1", "title": "x", "level": "P2"}')$$, '22023',
                 'invalid role card: level: level "P2" is not the code''s level P1', 'level disagrees with code');
SELECT throws_ok($$SELECT import_role_card('{"code": "DEI.CLD.AWS.P1", "title": "x", "format": "v2"}')$$, '22023',
                 'invalid role card: format: unsupported format "v2"', 'unknown format');
SELECT throws_ok($$SELECT import_role_card('{"code": "DEI.X.P1", "title": "x"}')$$, '22023',
                 'invalid role card: taxonomy: missing, and node DEI.X is not in the database', 'no chain and no node');
SELECT throws_ok($$SELECT import_role_card(jsonb_set(doc, '{taxonomy,1,kind}', '"department"')) FROM card$$, '22023',
                 'invalid role card: taxonomy[1].kind: unknown kind "department"', 'bad node kind');
SELECT throws_ok($$SELECT import_role_card(jsonb_set(doc, '{taxonomy,2,kind}', '"function"')) FROM card$$, '22023',
                 'invalid role card: taxonomy[2].kind: function cannot sit under a function', 'chain out of kind order');
SELECT throws_ok($$SELECT import_role_card(doc #- '{taxonomy,3}') FROM card$$, '22023',
                 'invalid role card: taxonomy[2].code: the last node "DEI.CLD" is not the role''s node DEI.CLD.AWS', 'chain ends elsewhere');
SELECT throws_ok($$SELECT import_role_card(jsonb_set(doc, '{taxonomy,2,code}', '"SWE.CLD"')) FROM card$$, '22023',
                 'invalid role card: taxonomy[2].code: node code "SWE.CLD" does not extend DEI', 'node code does not extend its parent');
SELECT throws_ok($$SELECT import_role_card(jsonb_set(doc, '{story,plan,1}', '7')) FROM card$$, '22023',
                 'invalid role card: story.plan[1]: expected a string, got number', 'plan step not a string');
SELECT throws_ok($$SELECT import_role_card(jsonb_set(doc, '{components,skills}',
                   '[{"name": "a"}, {"name": "b"}, {"name": "c"}, {"prevalence": "core"}]')) FROM card$$, '22023',
                 'invalid role card: components.skills[3].name: expected a string, got missing', 'component without a name');
SELECT is(pg_temp.error_of($$SELECT import_role_card(jsonb_set(doc, '{components,skills}',
                   '[{"name": "a"}, {"name": "b"}, {"name": "c"}, {"prevalence": "core"}]')) FROM card$$),
  '22023: invalid role card: components.skills[3].name: expected a string, got missing / A component needs a non-blank name.',
  'the error has an errdetail sentence');
SELECT throws_ok($$SELECT import_role_card(jsonb_set(doc, '{components,skillz}', '[]')) FROM card$$, '22023',
                 'invalid role card: components.skillz: unknown component kind', 'unknown component kind');
SELECT throws_ok($$SELECT import_role_card(jsonb_set(doc, '{components,tasks,0,prevalence}', '"always"')) FROM card$$, '22023',
                 'invalid role card: components.tasks[0].prevalence: unknown prevalence "always"', 'bad prevalence');
SELECT throws_ok($$SELECT import_role_card(jsonb_set(doc, '{components,skills,1,name}', '"Terraform"')) FROM card$$, '22023',
                 'invalid role card: components.skills[1].name: duplicate component "Terraform"', 'duplicate component');
SELECT throws_ok($$SELECT import_role_card(jsonb_set(doc, '{aliases,1,confidence}', '"1.5"')) FROM card$$, '22023',
                 'invalid role card: aliases[1].confidence: invalid confidence "1.5"', 'confidence out of range');
SELECT throws_ok($$SELECT import_role_card(jsonb_set(doc, '{aliases,0,approved}', '"yes"')) FROM card$$, '22023',
                 'invalid role card: aliases[0].approved: expected true, false or null, got string', 'approved not a boolean');
SELECT throws_ok($$SELECT import_role_card(jsonb_set(doc, '{aliases,1,approved_at}', '"yesterday-ish"')) FROM card$$, '22023',
                 'invalid role card: aliases[1].approved_at: invalid time "yesterday-ish"', 'bad time');
SELECT throws_ok($$SELECT import_role_card(jsonb_set(doc, '{mappings,0,code}', '"16-0000"')) FROM card$$, '22023',
                 'invalid role card: mappings[0].code: invalid SOC code "16-0000"', 'bad SOC code');
SELECT throws_ok($$SELECT import_role_card(jsonb_set(doc, '{mappings,0,code}', '"15-1244.00"')) FROM card$$, '22023',
                 'invalid role card: mappings[0].code: code "15-1244.00" does not fit scheme soc2018', 'O*NET code on a SOC mapping');
SELECT throws_ok($$SELECT import_role_card(jsonb_set(doc, '{taxonomy,0,mappings,0,scheme}', '"soc1999"')) FROM card$$, '22023',
                 'invalid role card: taxonomy[0].mappings[0].scheme: unknown scheme "soc1999"', 'bad scheme on a node mapping');
SELECT is((SELECT count(*) FROM validate_role_card('{"code": 7, "title": "", "aliases": [{"alias": 1}], "x": 1}')), 4::bigint,
          'validate_role_card lists every problem');
SELECT is((SELECT count(*) FROM validate_role_card(doc)), 0::bigint, 'a good card has no problems') FROM card;

-- validation and import agree on what the tables could not hold: each is
-- refused with 22023 and the path, as validation reports it
SELECT is(pg_temp.error_of($$SELECT import_role_card(jsonb_set(doc, '{title}', to_jsonb(repeat('x', 1048577)))) FROM card$$),
  '22023: invalid role card: title: title too long: 1048577 characters / A role''s title, a component''s name and an alias have at most 500 characters.',
  'a 1 MiB title is refused with its path (it raised 54000)');
SELECT throws_ok($$SELECT import_role_card(jsonb_set(doc, '{components,skills,1,name}', to_jsonb(repeat('é', 9000)))) FROM card$$,
  '22023', 'invalid role card: components.skills[1].name: name too long: 9000 characters',
  'a component name over 8 kB is refused with its path (it raised an index-row error)');
SELECT throws_ok($$SELECT import_role_card(jsonb_set(doc, '{aliases,0,alias}', to_jsonb(repeat('é', 9000)))) FROM card$$,
  '22023', 'invalid role card: aliases[0].alias: alias too long: 9000 characters', 'an alias over 8 kB is refused with its path');
SELECT throws_ok($$SELECT import_role_card(jsonb_set(doc, '{aliases,1,approved_at}', '"infinity"')) FROM card$$,
  '22023', 'invalid role card: aliases[1].approved_at: invalid time "infinity"', 'an infinite review time is refused (it was dropped on export)');
SELECT throws_ok($$SELECT import_role_card(jsonb_set(doc, '{mappings,0,reviewed_at}', '"-infinity"')) FROM card$$,
  '22023', 'invalid role card: mappings[0].reviewed_at: invalid time "-infinity"', 'so is -infinity');
SELECT throws_ok($$SELECT import_role_card('{"code": "TOP.P1", "title": "x", "taxonomy": [{"code": "TOP", "kind": "superfunction", "name": "t"},
                                                                                  {"code": "TOP", "kind": "function", "name": "t"}]}')$$,
  '22023', 'invalid role card: taxonomy[1].code: node code "TOP" repeats the node above it',
  'a node under itself is refused with its path (it raised 21000)');
SELECT is((SELECT count(*) FROM validate_role_card(jsonb_set(doc, '{title}', to_jsonb(repeat('x', 1048577))))), 1::bigint,
          'and validation reports each of them') FROM card;
-- at the limits every index still holds the rows: 500 characters of four
-- bytes each, and an alias whose normalized form writes out abbreviations
CREATE TEMP TABLE at_limits AS
SELECT jsonb_set(jsonb_set(jsonb_set(jsonb_set(doc, '{title}', to_jsonb(repeat('𝔱', 500))),
                 '{components,skills,1,name}', to_jsonb(repeat('𝔰', 500))),
                 '{aliases,0,alias}', to_jsonb(repeat('ai ', 166) || 'ai')),
                 '{aliases,1,alias}', to_jsonb(repeat('𝔞', 500))) AS doc FROM card;
SELECT is((SELECT count(*) FROM at_limits, validate_role_card(at_limits.doc)), 0::bigint, 'a card at the limits is valid');
SELECT is(import_role_card(doc), 'DEI.CLD.AWS.P2'::rolecode, '... and imports') FROM at_limits;
SELECT is((SELECT length(title) FROM role WHERE code = 'DEI.CLD.AWS.P2'), 500, '... all of it');
SELECT is(import_role_card(doc), 'DEI.CLD.AWS.P2'::rolecode, '... and imports again') FROM card;

-- a card that would break the taxonomy is refused before anything is
-- written, naming the node (DEI.GEN would become a specialization while
-- DEI.GEN.X sits under it)
INSERT INTO taxonomy (code, kind, name, parent) VALUES ('DEI.GEN', 'family', 'General', 'DEI'),
  ('DEI.GEN.X', 'specialization', 'X', 'DEI.GEN');
CREATE TEMP TABLE breaking (doc jsonb);
INSERT INTO breaking VALUES ('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": [
                                {"code": "NEWSF", "kind": "superfunction", "name": "New"},
                                {"code": "DEI", "kind": "function", "name": "DevOps"},
                                {"code": "DEI.GEN", "kind": "specialization", "name": "General"}]}');
SELECT is(pg_temp.error_of($$SELECT import_role_card(doc) FROM breaking$$),
  '22023: invalid role card: taxonomy[2].kind: taxonomy node DEI.GEN cannot become a specialization while DEI.GEN.X sits under it / A node''s children must be of a lower kind than the node.',
  'a card that would break the taxonomy is refused with the path of the node');
SELECT results_eq($$SELECT v.path, v.problem FROM breaking, validate_role_card(breaking.doc) v$$,
  $$VALUES ('taxonomy[2].kind', 'taxonomy node DEI.GEN cannot become a specialization while DEI.GEN.X sits under it')$$,
  'validation reports it: the taxonomy the import would leave');
SELECT is((SELECT count(*) FROM taxonomy WHERE code = 'NEWSF'), 0::bigint, '... and nothing is written');

-- nothing half-written: a failure while writing undoes the whole card
CREATE FUNCTION pg_temp.refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'refused by a test trigger' USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER refuse BEFORE INSERT ON role FOR EACH ROW WHEN (NEW.code::text = 'NEWFN.S.P1') EXECUTE FUNCTION pg_temp.refuse();
SELECT throws_ok($$SELECT import_role_card('{"code": "NEWFN.S.P1", "title": "x", "components": {"skills": [{"name": "Brand new skill"}]},
                     "taxonomy": [{"code": "NEWSF", "kind": "superfunction", "name": "New"},
                                  {"code": "NEWFN", "kind": "function", "name": "New function"},
                                  {"code": "NEWFN.S", "kind": "specialization", "name": "S"}]}')$$,
                 'P0001', 'refused by a test trigger', 'a card whose role row fails while writing fails');
SELECT is((SELECT count(*) FROM taxonomy WHERE code IN ('NEWSF', 'NEWFN', 'NEWFN.S'))
          + (SELECT count(*) FROM component WHERE name = 'Brand new skill'), 0::bigint,
          '... and leaves nothing behind: not its nodes, not its components');
DROP TRIGGER refuse ON role;

SELECT * FROM finish();
ROLLBACK;
