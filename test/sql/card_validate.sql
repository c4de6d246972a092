-- Role card validation (src/card_*.c, sql/60_card_validate.sql): every check,
-- every path kind, wrong JSON types at every level, odd text, huge and deep
-- junk, a randomized run that must never raise, and validation inside a
-- parallel worker.  Rows are asserted exactly: path, problem, and detail.
\i test/setup.sql
SELECT plan(131);

-- 'path: problem' lines of validate_role_card(doc), in order.
CREATE FUNCTION pg_temp.p(doc jsonb) RETURNS text LANGUAGE sql AS $$
  SELECT coalesce(string_agg(v.path || ': ' || v.problem, E'\n' ORDER BY v.n), '(none)')
  FROM roleext.validate_role_card(doc) WITH ORDINALITY v(path, problem, detail, n)
$$;
-- The same with the detail: 'path: problem / detail'.
CREATE FUNCTION pg_temp.pd(doc jsonb) RETURNS text LANGUAGE sql AS $$
  SELECT coalesce(string_agg(v.path || ': ' || v.problem || ' / ' || v.detail, E'\n' ORDER BY v.n), '(none)')
  FROM roleext.validate_role_card(doc) WITH ORDINALITY v(path, problem, detail, n)
$$;
-- Does timestamptz input accept s?
CREATE FUNCTION pg_temp.ts_ok(s text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  PERFORM s::timestamptz;
  RETURN true;
EXCEPTION WHEN OTHERS THEN
  RETURN false;
END $$;
-- The errdetail the input function of a type gives for a literal.
CREATE FUNCTION pg_temp.input_detail(typ text, lit text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  det text;
BEGIN
  EXECUTE format('SELECT %L::%s', lit, typ);
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS det = PG_EXCEPTION_DETAIL;
  RETURN det;
END $$;

-- a good card, and the nodes and levels the database checks look at
CREATE TEMP TABLE good (doc jsonb);
INSERT INTO good VALUES ($j$
{
  "format": "roleext.role_card/1",
  "code": "dei.cld.aws.p2",
  "title": "Cloud Engineer (AWS)",
  "level": "P2",
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
    "skills": [{"name": "Terraform", "prevalence": "core", "scope": "specialization", "description": "IaC"},
               {"name": "Cloud networking"}],
    "tasks": [{"name": "Provision accounts", "scope": "role"}],
    "outputs": [],
    "knowledge": null
  },
  "aliases": [
    {"alias": "AWS Engineer", "type": "common", "confidence": 0.7},
    {"alias": "Cloud Eng II", "type": "abbreviation", "confidence": ".55", "approved": true, "approved_by": "ann",
     "approved_at": "2026-01-02T03:04:05Z"}
  ],
  "mappings": [{"scheme": "soc2018", "code": "151244", "source": "manual", "review_status": "needs_review",
                "confidence": 0.9, "note": "checked", "reviewed_at": null},
               {"scheme": "isco08", "code": "2512"}, {"scheme": "soc2010", "code": "15-1132"}]
}
$j$);
INSERT INTO taxonomy (code, kind, name, parent) VALUES ('TECH', 'superfunction', 'Technology', NULL),
  ('DEI', 'function', 'DevOps', 'TECH'), ('DEI.GEN', 'specialization', 'General', 'DEI');

-- the functions
SELECT is((SELECT format('%s %s %s %s', provolatile, proisstrict, proparallel, (SELECT lanname FROM pg_language l WHERE l.oid = prolang))
             FROM pg_proc WHERE oid = 'roleext.card_parse(jsonb, boolean, boolean)'::regprocedure),
          's f s c', 'card_parse is C, STABLE (times follow the session''s settings), PARALLEL SAFE, not strict');
SELECT is((SELECT format('%s %s %s %s %s', provolatile, proisstrict, proparallel, (SELECT lanname FROM pg_language l WHERE l.oid = prolang), prosqlbody IS NOT NULL)
             FROM pg_proc WHERE oid = 'roleext.validate_role_card(jsonb)'::regprocedure),
          's f s sql t', 'validate_role_card is SQL with a bound body, STABLE PARALLEL SAFE, not strict');
SELECT is((SELECT string_agg(proname, ', ') FROM pg_proc
            WHERE pronamespace = 'roleext'::regnamespace
              AND proname IN ('card_cast_problem', 'card_typeof', 'card_mapping_problems')), NULL,
          'the PL/pgSQL helpers are gone');
SELECT is(pg_temp.p(doc), '(none)', 'the good card has no problems') FROM good;
SELECT is(pg_temp.p(doc - 'format' - 'level' - 'summary' - 'story' - 'components' - 'aliases' - 'mappings'), '(none)',
          'optional members may be left out') FROM good;
SELECT is(pg_temp.p(jsonb_build_object('format', null, 'code', 'DEI.CLD.AWS.P2', 'title', 'x', 'level', null, 'summary', null,
                                       'taxonomy', doc->'taxonomy', 'story', null, 'components', null, 'aliases', null,
                                       'mappings', null)), '(none)', 'optional members may be null') FROM good;

-- the document itself
SELECT is(pg_temp.pd('[]'), '$: expected an object, got array / A role card is a JSON object with at least a code and a title.', 'an array');
SELECT is(pg_temp.p('[{"code": "X.P1"}]'), '$: expected an object, got array', 'an array holding a card');
SELECT is(pg_temp.p('"DEI.GEN.P1"'), '$: expected an object, got string', 'a string');
SELECT is(pg_temp.p('42'), '$: expected an object, got number', 'a number');
SELECT is(pg_temp.p('true'), '$: expected an object, got boolean', 'a boolean');
SELECT is(pg_temp.p('null'), '$: expected an object, got null', 'JSON null');
SELECT is(pg_temp.pd(NULL), '$: expected an object, got missing / A role card is a JSON object with at least a code and a title.', 'SQL NULL');
SELECT is(pg_temp.pd('{}'), E'code: expected a string, got missing / A role card needs its role code, such as "DEI.GEN.P1".\n'
                            'title: expected a string, got missing / A role card needs a non-blank title.', 'an empty object');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "zz": 1, "a": {}, "titel": [], "": null, "Code": 1}'),
  E': unknown field / A role card has the fields format, code, title, level, summary, taxonomy, story, components, aliases and mappings.\n'
   'a: unknown field / A role card has the fields format, code, title, level, summary, taxonomy, story, components, aliases and mappings.\n'
   'zz: unknown field / A role card has the fields format, code, title, level, summary, taxonomy, story, components, aliases and mappings.\n'
   'Code: unknown field / A role card has the fields format, code, title, level, summary, taxonomy, story, components, aliases and mappings.\n'
   'titel: unknown field / A role card has the fields format, code, title, level, summary, taxonomy, story, components, aliases and mappings.',
  'unknown fields, in jsonb key order (shorter keys first), case-sensitive, the empty key too');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "ключ": 1, "clé \"x\"": 2}'),
  E'clé "x": unknown field\nключ: unknown field', 'unknown fields with non-ASCII names and quotes, in byte order');

-- format
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "format": "v2"}'),
  'format: unsupported format "v2" / This version of roleext reads role cards of format "roleext.role_card/1".', 'another format');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "format": "ROLEEXT.ROLE_CARD/1"}'),
  'format: unsupported format "ROLEEXT.ROLE_CARD/1"', 'the format is case-sensitive');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "format": {"v": [1, 2.50]}}'),
  'format: unsupported format {"v": [1, 2.50]}', 'a format that is an object is quoted as JSON');

-- code
SELECT is(pg_temp.p('{"code": 151244, "title": "x"}'), 'code: expected a string, got number', 'a code as a number');
SELECT is(pg_temp.p('{"code": null, "title": "x"}'), 'code: expected a string, got null', 'a null code');
SELECT is(pg_temp.p('{"code": ["DEI.GEN.P1"], "title": "x"}'), 'code: expected a string, got array', 'a code in an array');
SELECT is(pg_temp.p('{"code": {"code": "DEI.GEN.P1"}, "title": "x"}'), 'code: expected a string, got object', 'a code in an object');
SELECT is(pg_temp.pd('{"code": "DEI..P1", "title": "x"}'),
  'code: invalid role code "DEI..P1" / ' || pg_temp.input_detail('rolecode', 'DEI..P1'),
  'a malformed code: the detail is rolecode''s own');
SELECT is(pg_temp.pd('{"code": "DEI.G€N.P1", "title": "x"}'),
  'code: invalid role code "DEI.G€N.P1" / ' || pg_temp.input_detail('rolecode', 'DEI.G€N.P1'), 'a non-ASCII code');
SELECT is(pg_temp.pd('{"code": "", "title": "x"}'),
  'code: invalid role code "" / ' || pg_temp.input_detail('rolecode', ''), 'an empty code');
SELECT is(pg_temp.pd('{"code": "DEI.GEN", "title": "x"}'),
  'code: role code "DEI.GEN" has no level / A role code ends in a level label, such as the P1 in DEI.GEN.P1.', 'a code without a level');
SELECT is(pg_temp.p('{"code": "P1", "title": "x"}'), 'code: role code "P1" has no level', 'a one-label code has no level');
SELECT is(pg_temp.p('{"code": "  dei.gen.p1 ", "title": "x"}'), '(none)', 'codes are trimmed and case-insensitive');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P9", "title": "x"}'),
  'code: unknown level P9 / The level of a role must exist in table roleext.level; add it there first.', 'a level not in table level');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P09", "title": "x", "level": "P9"}'), 'code: unknown level P9',
          'the level is named canonically, and the level member is compared with it');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P9", "title": ""}'), E'title: blank title\ncode: unknown level P9',
          'problems that depend on the database come after the structural ones');

-- title
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "   "}'), 'title: blank title / A role card needs a non-blank title.', 'a blank title');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": ""}'), 'title: blank title', 'an empty title');
SELECT is(pg_temp.p(E'{"code": "DEI.GEN.P1", "title": "\\t"}'), '(none)', 'a tab is not blank (only spaces are trimmed)');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": 7}'), 'title: expected a string, got number', 'a title as a number');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": false}'), 'title: expected a string, got boolean', 'a title as a boolean');

-- level
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "level": "  p1 "}'), '(none)', 'the level member is trimmed and upper-cased');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "level": "P2"}'),
  'level: level "P2" is not the code''s level P1 / The level member repeats the level label of the code; leave it out or make them agree.',
  'a level that disagrees');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "level": 1}'), 'level: level 1 is not the code''s level P1', 'a level as a number');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "level": ["P1"]}'), 'level: level ["P1"] is not the code''s level P1', 'a level in an array');
SELECT is(pg_temp.p('{"code": "DEI.GEN", "title": "x", "level": "P2"}'), 'code: role code "DEI.GEN" has no level',
          'the level member is not compared when the code has no level');

-- summary
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "summary": {"text": "y"}}'),
  'summary: expected a string, got object / The summary is free text or null.', 'a summary as an object');

-- taxonomy: the member
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": {"code": "DEI"}}'),
  'taxonomy: expected an array, got object / The taxonomy is the chain of nodes above the role, top first, such as [{"code": "TECH", ...}, {"code": "DEI", ...}].',
  'a taxonomy that is an object');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": "TECH > DEI"}'), 'taxonomy: expected an array, got string',
          'a taxonomy that is a string');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": []}'),
  'taxonomy: empty chain / The taxonomy chain lists at least the role''s own node; leave the member out to use nodes already in the database.',
  'an empty chain');
SELECT is(pg_temp.pd('{"code": "DEI.NEW.P1", "title": "x"}'),
  'taxonomy: missing, and node DEI.NEW is not in the database / A card without a taxonomy chain can only name a node that already exists.',
  'no chain, and the node is not in the database');
SELECT is(pg_temp.p('{"code": "DEI.NEW.P1", "title": "x", "taxonomy": null}'), 'taxonomy: missing, and node DEI.NEW is not in the database',
          'a null chain is a missing chain');
SELECT is(pg_temp.p('{"code": "dei.gen.p3", "title": "x"}'), '(none)', 'no chain, and the node is in the database');

-- taxonomy: nodes
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": ["DEI", 1, null, [], true, {"code": "DEI.GEN", "kind": "specialization", "name": "G"}]}'),
  E'taxonomy[0]: expected an object, got string / A taxonomy node is an object with a code, a kind and a name.\n'
   'taxonomy[1]: expected an object, got number / A taxonomy node is an object with a code, a kind and a name.\n'
   'taxonomy[2]: expected an object, got null / A taxonomy node is an object with a code, a kind and a name.\n'
   'taxonomy[3]: expected an object, got array / A taxonomy node is an object with a code, a kind and a name.\n'
   'taxonomy[4]: expected an object, got boolean / A taxonomy node is an object with a code, a kind and a name.\n'
   'taxonomy[5].code: node code "DEI.GEN" must be a single label / Superfunctions, and nodes at the top or directly under a superfunction, have one-label codes such as TECH or DEI.',
  'nodes that are not objects (after them, a node is the first of the chain)');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": [{}]}'),
  E'taxonomy[0].code: expected a string, got missing / A taxonomy node needs its code, such as "DEI" or "DEI.GEN".\n'
   'taxonomy[0].kind: unknown kind missing / The kind is one of superfunction, function, family, specialization.\n'
   'taxonomy[0].name: expected a string, got missing / A taxonomy node needs a non-blank name.',
  'an empty node');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": [{"code": "DEI.GEN", "kind": "specialization", "name": "G", "parent": "DEI", "mapping": []}]}'),
  E'taxonomy[0].parent: unknown field / A taxonomy node has the fields code, kind, name, description and mappings.\n'
   'taxonomy[0].mapping: unknown field / A taxonomy node has the fields code, kind, name, description and mappings.',
  'unknown fields of a node');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": [{"code": 7, "kind": null, "name": " ", "description": 1}]}'),
  E'taxonomy[0].code: expected a string, got number\ntaxonomy[0].kind: unknown kind null\ntaxonomy[0].name: blank name\n'
   'taxonomy[0].description: expected a string, got number',
  'wrong types in a node');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": [{"code": "DEI.GEN", "kind": "Specialization", "name": "G", "description": "d"}]}'),
  'taxonomy[0].kind: unknown kind "Specialization" / The kind is one of superfunction, function, family, specialization.',
  'kinds are case-sensitive');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": [{"code": "DEI.-", "kind": "specialization", "name": "G"}]}'),
  'taxonomy[0].code: invalid node code "DEI.-" / ' || pg_temp.input_detail('rolecode', 'DEI.-'), 'a malformed node code');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": [{"code": "DEI.GEN.P1", "kind": "specialization", "name": "G"}]}'),
  'taxonomy[0].code: node code "DEI.GEN.P1" ends in a level / Taxonomy node codes name functions, families and specializations; only role codes end in a level.',
  'a node code ending in a level');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": [{"code": "TECH", "kind": "superfunction", "name": "T"}]}'),
  'taxonomy[0].code: the last node "TECH" is not the role''s node DEI.GEN / The taxonomy chain ends at the node the role code names: the code without its level.',
  'a chain ending elsewhere');
SELECT is(pg_temp.p('{"code": "DEI..P1", "title": "x", "taxonomy": [{"code": "TECH", "kind": "superfunction", "name": "T"}]}'),
  'code: invalid role code "DEI..P1"', 'the last node is not compared with an invalid role code');
SELECT is(pg_temp.pd('{"code": "NEW.X.P1", "title": "x", "taxonomy": [{"code": "NEW.X", "kind": "specialization", "name": "X"}]}'),
  'taxonomy[0].code: node code "NEW.X" must be a single label / Superfunctions, and nodes at the top or directly under a superfunction, have one-label codes such as TECH or DEI.',
  'a new first node needs a one-label code');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": [{"code": "dei.gen", "kind": "specialization", "name": "G"}]}'),
  '(none)', 'a first node already in the database keeps its parent');
SELECT is(pg_temp.p('{"code": "A.B.C.P1", "title": "x", "taxonomy": [{"code": "A", "kind": "superfunction", "name": "A"},
                      {"code": "A.B", "kind": "function", "name": "B"}, {"code": "A.B.C", "kind": "family", "name": "C"}]}'),
  'taxonomy[1].code: node code "A.B" must be a single label', 'a node under a superfunction has a one-label code');
SELECT is(pg_temp.pd('{"code": "SWE.X.P1", "title": "x", "taxonomy": [{"code": "DEI", "kind": "function", "name": "D"},
                      {"code": "SWE.X", "kind": "family", "name": "X"}]}'),
  'taxonomy[1].code: node code "SWE.X" does not extend DEI / Below a function, a node''s code is its parent''s code plus one label, e.g. DEI.GEN under DEI.',
  'a node code that does not extend its parent');
SELECT is(pg_temp.p('{"code": "DEI.A.B.P1", "title": "x", "taxonomy": [{"code": "DEI", "kind": "function", "name": "D"},
                      {"code": "DEI.A.B", "kind": "family", "name": "X"}]}'),
  'taxonomy[1].code: node code "DEI.A.B" does not extend DEI', 'a node code two labels below its parent');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": [{"code": "DEI", "kind": "family", "name": "D"},
                      {"code": "DEI.GEN", "kind": "function", "name": "G"}]}'),
  'taxonomy[1].kind: function cannot sit under a family / The chain runs from the highest kind down: superfunction, function, family, specialization.',
  'kinds out of order');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": [{"code": "DEI", "kind": "function", "name": "D"},
                      {"code": "DEI.GEN", "kind": "function", "name": "G"}]}'),
  'taxonomy[1].kind: function cannot sit under a function', 'the same kind twice');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": [{"code": "DEI", "kind": "function", "name": "D"}, "junk",
                      {"code": "DEI.GEN", "kind": "function", "name": "G"}]}'),
  E'taxonomy[1]: expected an object, got string\ntaxonomy[2].kind: function cannot sit under a function',
  'a node that is not an object does not reset the chain');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": [{"code": "DEI", "kind": "fn", "name": "D"},
                      {"code": "TECH.X", "kind": "function", "name": "G"}, {"code": "DEI.GEN", "kind": "specialization", "name": "G"}]}'),
  E'taxonomy[0].kind: unknown kind "fn"\ntaxonomy[2].code: node code "DEI.GEN" does not extend TECH.X',
  'after a node of unknown kind, codes are not compared; then they are again');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": [{"code": "TECH", "kind": "superfunction", "name": "T"},
                      {"code": "x.y", "kind": "function", "name": "F"}, {"code": "DEI.GEN", "kind": "specialization", "name": "G"}]}'),
  E'taxonomy[1].code: node code "x.y" must be a single label\ntaxonomy[2].code: node code "DEI.GEN" does not extend X.Y',
  'codes are compared in canonical form');

-- taxonomy: node mappings
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": [{"code": "DEI.GEN", "kind": "specialization", "name": "G", "mappings": {"code": "15-0000"}}]}'),
  'taxonomy[0].mappings: expected an array, got object / The mappings of a node are an array of mapping objects.', 'node mappings as an object');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": [{"code": "DEI", "kind": "function", "name": "D"},
                      {"code": "DEI.GEN", "kind": "specialization", "name": "G",
                       "mappings": [{"code": "15-0000"}, {"code": "15-1252", "scheme": "soc1999"}, "15-0000", {"code": "15-0000"},
                                    {"code": "2512", "scheme": "isco08"}, {"code": "2512", "scheme": "isco08"}]}]}'),
  E'taxonomy[1].mappings[1].scheme: unknown scheme "soc1999"\ntaxonomy[1].mappings[2]: expected an object, got string\n'
   'taxonomy[1].mappings[4]: duplicate mapping isco08 2512\ntaxonomy[1].mappings[0]: duplicate mapping soc2018 15-0000',
  'node mappings: paths, and duplicates at their first place, in order of scheme then code');

-- story
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "story": "once upon a time"}'),
  'story: expected an object, got string / The story is an object with who, external_problem, internal_problem, why_it_matters, plan, stakes and success.',
  'a story as a string');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "story": {"who": 1, "plan": "do it", "ending": "happy", "stakes": null, "success": []}}'),
  E'story.who: expected a string, got number / Story fields are free text or null.\n'
   'story.plan: expected an array, got string / The plan is an array of steps, each a string.\n'
   'story.ending: unknown field / The story has the fields who, external_problem, internal_problem, why_it_matters, plan, stakes and success.\n'
   'story.success: expected a string, got array / Story fields are free text or null.',
  'story fields, in key order');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "story": {"plan": ["a", 1, null, ["b"], {"step": "c"}, "d", true]}}'),
  E'story.plan[1]: expected a string, got number / Each step of the plan is a string.\n'
   'story.plan[2]: expected a string, got null / Each step of the plan is a string.\n'
   'story.plan[3]: expected a string, got array / Each step of the plan is a string.\n'
   'story.plan[4]: expected a string, got object / Each step of the plan is a string.\n'
   'story.plan[6]: expected a string, got boolean / Each step of the plan is a string.',
  'plan steps that are not strings');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "story": {"plan": null, "who": null}}'), '(none)', 'a null plan');

-- components
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "components": [{"name": "a"}]}'),
  'components: expected an object, got array / Components are an object of arrays keyed by kind: responsibilities, tasks, skills, knowledge, competencies, qualifications, outputs.',
  'components as an array');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "components": {"skillz": [], "skills": {"name": "a"}, "tasks": "t", "outputs": null}}'),
  E'components.tasks: expected an array, got string / Each component kind holds an array of components such as {"name": "Automation scripting"}.\n'
   'components.skills: expected an array, got object / Each component kind holds an array of components such as {"name": "Automation scripting"}.\n'
   'components.skillz: unknown component kind / Component kinds are responsibilities, tasks, skills, knowledge, competencies, qualifications and outputs.',
  'component kinds: unknown, not arrays, null (none), in key order');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "components": {"skills": [1, "Terraform", null, [], {}]}}'),
  E'components.skills[0]: expected an object, got number / A component is an object with a name, and optionally prevalence, scope and description.\n'
   'components.skills[1]: expected an object, got string / A component is an object with a name, and optionally prevalence, scope and description.\n'
   'components.skills[2]: expected an object, got null / A component is an object with a name, and optionally prevalence, scope and description.\n'
   'components.skills[3]: expected an object, got array / A component is an object with a name, and optionally prevalence, scope and description.\n'
   'components.skills[4].name: expected a string, got missing / A component needs a non-blank name.',
  'components that are not objects');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "components": {"tasks": [{"name": " ", "prevalence": "always", "scope": "team", "description": 5, "level": "P1"}]}}'),
  E'components.tasks[0].level: unknown field / A component has the fields name, prevalence, scope and description.\n'
   'components.tasks[0].name: blank name / A component needs a non-blank name.\n'
   'components.tasks[0].prevalence: unknown prevalence "always" / The prevalence is one of core, common, occasional.\n'
   'components.tasks[0].scope: unknown scope "team" / The scope is one of role, level, specialization, family, function, superfunction.\n'
   'components.tasks[0].description: expected a string, got number / The description is free text or null.',
  'every problem of one component, in order');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "components": {"skills": [{"name": 1, "prevalence": 1, "scope": ["role"]}, {"name": "a", "prevalence": null, "scope": null, "description": null}]}}'),
  E'components.skills[0].name: expected a string, got number\ncomponents.skills[0].prevalence: unknown prevalence 1\n'
   'components.skills[0].scope: unknown scope ["role"]', 'wrong types in a component; nulls are fine');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "components": {"skills": [{"name": "b"}, {"name": "a"}, {"name": "b"}, {"name": "A"},
                       {"name": "a"}, {"name": "zz"}, {"name": "c"}, {"name": "c"}, {"name": "zz"}, {"name": "b"}, {"name": "a "}]}}'),
  E'components.skills[4].name: duplicate component "a" / A role lists each component of a kind once.\n'
   'components.skills[9].name: duplicate component "b" / A role lists each component of a kind once.\n'
   'components.skills[7].name: duplicate component "c" / A role lists each component of a kind once.\n'
   'components.skills[8].name: duplicate component "zz" / A role lists each component of a kind once.',
  'duplicate components: once each, at the last place, in order of the name; case and spaces count');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "components": {"skills": [{"name": "Terraform"}], "tasks": [{"name": "Terraform"}]}}'),
  '(none)', 'the same name under two kinds is no duplicate');
SELECT is(pg_temp.p(E'{"code": "DEI.GEN.P1", "title": "x", "components": {"skills": [{"name": "\\"q\\" \\\\ ☃"}, {"name": "\\"q\\" \\\\ ☃"}]}}'),
  E'components.skills[1].name: duplicate component "\\"q\\" \\\\ ☃"', 'a duplicate name is quoted as JSON');

-- aliases
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "aliases": {"alias": "a"}}'),
  'aliases: expected an array, got object / Aliases are an array of objects such as {"alias": "DevOps Engineer", "type": "common", "confidence": 0.6}.',
  'aliases as an object');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "aliases": ["AWS Engineer", {"alias": "", "type": "nickname", "confidence": 2, "approved": "yes", "approved_by": 1, "approved_at": "soon", "note": "n"}]}'),
  E'aliases[0]: expected an object, got string / An alias is an object with at least the alias text.\n'
   'aliases[1].note: unknown field / An alias has the fields alias, type, confidence, approved, approved_by and approved_at.\n'
   'aliases[1].alias: blank alias / An alias needs its non-blank text.\n'
   'aliases[1].type: unknown alias type "nickname" / The alias type is one of official, common, abbreviation, legacy, internal, posting.\n'
   'aliases[1].confidence: invalid confidence 2 / ' || pg_temp.input_detail('confidence', '2') || E'\n'
   'aliases[1].approved: expected true, false or null, got string / approved is null until the alias is reviewed, then true or false.\n'
   'aliases[1].approved_by: expected a string, got number / approved_by names the reviewer.\n'
   'aliases[1].approved_at: invalid time "soon" / invalid input syntax for type timestamp with time zone: "soon". A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".',
  'every problem of one alias, in order');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "aliases": [{"alias": "a", "approved_by": "ann"}, {"alias": "b", "approved_at": "2026-01-02", "approved": null},
                      {"alias": "c", "approved": false, "approved_by": "ann", "approved_at": "2026-01-02"}, {"alias": "d", "approved_by": null}]}'),
  E'aliases[0].approved: reviewer or review time given without a review / approved_by and approved_at record a review: give approved (true or false) with them, or leave them out.\n'
   'aliases[1].approved: reviewer or review time given without a review / approved_by and approved_at record a review: give approved (true or false) with them, or leave them out.',
  'a reviewer or review time needs a review');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "aliases": [{"alias": "q"}, {"alias": "p"}, {"alias": "q"}, {"alias": "p"}, {"alias": "P"}]}'),
  E'aliases[3].alias: duplicate alias "p" / A role lists each alias once.\naliases[2].alias: duplicate alias "q" / A role lists each alias once.',
  'duplicate aliases: at the last place, in order of the text');

-- confidences (aliases and mappings share the check)
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "aliases": [{"alias": "a", "confidence": 0.6}, {"alias": "b", "confidence": "0.6"},
                      {"alias": "c", "confidence": "60%"}, {"alias": "d", "confidence": ".6"}, {"alias": "e", "confidence": 1},
                      {"alias": "f", "confidence": 0}, {"alias": "g", "confidence": "0.60000"}, {"alias": "h", "confidence": 6E-1},
                      {"alias": "i", "confidence": null}]}'),
  '(none)', 'confidences as numbers and as strings');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "aliases": [{"alias": "a", "confidence": "1.5"}, {"alias": "b", "confidence": 1.5},
                      {"alias": "c", "confidence": "high"}, {"alias": "d", "confidence": 0.60001}, {"alias": "e", "confidence": 1e-5},
                      {"alias": "f", "confidence": -0.1}]}'),
  'aliases[0].confidence: invalid confidence "1.5" / ' || pg_temp.input_detail('confidence', '1.5') || E'\n'
  'aliases[1].confidence: invalid confidence 1.5 / ' || pg_temp.input_detail('confidence', '1.5') || E'\n'
  'aliases[2].confidence: invalid confidence "high" / ' || pg_temp.input_detail('confidence', 'high') || E'\n'
  'aliases[3].confidence: invalid confidence 0.60001 / ' || pg_temp.input_detail('confidence', '0.60001') || E'\n'
  'aliases[4].confidence: invalid confidence 0.00001 / ' || pg_temp.input_detail('confidence', '0.00001') || E'\n'
  'aliases[5].confidence: invalid confidence -0.1 / ' || pg_temp.input_detail('confidence', '-0.1'),
  'bad confidences: the detail is confidence''s own (numbers as their numeric text)');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "aliases": [{"alias": "a", "confidence": true}, {"alias": "b", "confidence": [0.5]}, {"alias": "c", "confidence": {}}]}'),
  E'aliases[0].confidence: invalid confidence true / A confidence is a number from 0 to 1 or a string such as "60%".\n'
   'aliases[1].confidence: invalid confidence [0.5] / A confidence is a number from 0 to 1 or a string such as "60%".\n'
   'aliases[2].confidence: invalid confidence {} / A confidence is a number from 0 to 1 or a string such as "60%".',
  'confidences of other JSON types');

-- times (approved_at and reviewed_at share the check): what timestamptz
-- input accepts under the session's settings, and is finite; the detail of
-- a bad one is PostgreSQL's own message, then the form cards use
CREATE TEMP TABLE times (t jsonb, ok boolean, detail text);
INSERT INTO times VALUES
  ('"2026-01-02T03:04:05Z"', true, NULL), ('"2026-01-02T03:04:05.123456+05:30"', true, NULL), ('"2026-01-02"', true, NULL),
  ('"2026-01-02 03:04"', true, NULL), ('"2026-01-02 10:00 America/New_York"', true, NULL), ('"2026-01-02 10:00 EST"', true, NULL),
  ('"20260102T030405Z"', true, NULL), ('"epoch"', true, NULL),
  ('"now"', true, NULL), ('"Jan 2 2026"', true, NULL), ('"2026 jan-02"', true, NULL), ('"jan-02-2026 EST"', true, NULL), ('"EST jan-02-2026"', true, NULL),
  ('"infinity"', false, 'A time is finite: infinity and -infinity are not times. A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".'),
  ('"-infinity"', false, 'A time is finite: infinity and -infinity are not times. A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".'),
  ('"today jan-02-2026"', false, 'time zone "jan-02-2026" not recognized. A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".'),
  ('"2026 jan/02 10:00 EST"', true, NULL), ('"10:00 EST jan-02-2026"', false, 'invalid input syntax for type timestamp with time zone: "10:00 EST jan-02-2026". A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".'),
  ('"yesterday-ish"', false, 'invalid input syntax for type timestamp with time zone: "yesterday-ish". A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".'),
  ('"2026-01-02 Mars/Olympus"', false, 'time zone "mars/olympus" not recognized. A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".'),
  ('"2026-13-01"', false, 'date/time field value out of range: "2026-13-01". A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".'),
  ('"2026-01-02T25:00:00"', false, 'date/time field value out of range: "2026-01-02T25:00:00". A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".'),
  ('"2026-01-02 03:04+25:00"', false, 'time zone displacement out of range: "2026-01-02 03:04+25:00". A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".'),
  ('"294277-01-01"', false, 'timestamp out of range: "294277-01-01". A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".'),
  ('"4714-11-23 BC"', false, 'timestamp out of range: "4714-11-23 BC". A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".'),
  ('""', false, 'invalid input syntax for type timestamp with time zone: "". A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".'),
  ('"   "', false, 'invalid input syntax for type timestamp with time zone: "   ". A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".'),
  ('"invalid"', false, 'invalid input syntax for type timestamp with time zone: "invalid". A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".'),
  ('"allballs"', false, 'invalid input syntax for type timestamp with time zone: "allballs". A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".'),
  ('"10:00"', false, 'invalid input syntax for type timestamp with time zone: "10:00". A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".'),
  (to_jsonb(repeat('2026', 100)), false, 'invalid input syntax for type timestamp with time zone: "' || repeat('2026', 100) || '". A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".'),
  ('1767323045', false, 'A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".'),
  ('{"t": "2026-01-02"}', false, 'A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".');
SELECT is((SELECT string_agg(t::text, ', ') FROM times
            WHERE (SELECT count(*) FROM validate_role_card(jsonb_build_object('code', 'DEI.GEN.P1', 'title', 'x',
                     'aliases', jsonb_build_array(jsonb_build_object('alias', 'a', 'approved', true, 'approved_at', t))))) <> (NOT ok)::int),
          NULL, 'approved_at: what timestamptz input accepts, finite, is a time, and nothing else');
SELECT is((SELECT string_agg(t::text, ', ') FROM times
            WHERE NOT ok AND pg_temp.pd(jsonb_build_object('code', 'DEI.GEN.P1', 'title', 'x',
                     'mappings', jsonb_build_array(jsonb_build_object('code', '15-0000', 'reviewed_at', t))))
                  IS DISTINCT FROM format('mappings[0].reviewed_at: invalid time %s / %s', t, detail)),
          NULL, 'reviewed_at: a bad time is named with a sentence saying why');
SELECT is((SELECT string_agg(t::text, ', ') FROM times WHERE jsonb_typeof(t) = 'string'
             AND CASE WHEN pg_temp.ts_ok(t->>0) THEN pg_catalog.isfinite((t->>0)::timestamptz) ELSE false END
                 IS DISTINCT FROM ok), NULL,
          'the times judged valid are those timestamptz accepts and finite');


-- mappings of the role
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "mappings": {"code": "15-0000"}}'),
  'mappings: expected an array, got object / Mappings are an array of objects such as {"scheme": "soc2018", "code": "15-1252"}.',
  'mappings as an object');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "mappings": ["15-0000", {}, {"code": 151252}]}'),
  E'mappings[0]: expected an object, got string / A mapping is an object with at least a code, such as {"scheme": "soc2018", "code": "15-1252"}.\n'
   'mappings[1].code: expected a string, got missing / A mapping needs the code it maps to, such as "15-1252".\n'
   'mappings[2].code: expected a string, got number / A mapping needs the code it maps to, such as "15-1252".',
  'mappings that are not objects, and codes that are not strings');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "mappings": [{"code": "15-0000", "weight": 1, "source": "guess", "review_status": "ok",
                      "confidence": "x", "reviewer": 1, "note": [], "reviewed_at": 5}]}'),
  E'mappings[0].weight: unknown field / A mapping has the fields scheme, code, source, review_status, confidence, reviewer, reviewed_at and note.\n'
   'mappings[0].source: unknown source "guess" / The source is one of manual, inferred_from_superfunction, inferred_from_function, inferred_from_family, inferred_from_specialization, crosswalk, autocoded, onet_content.\n'
   'mappings[0].review_status: unknown review status "ok" / The review status is one of needs_review, approved, rejected.\n'
   'mappings[0].confidence: invalid confidence "x" / ' || pg_temp.input_detail('confidence', 'x') || E'\n'
   'mappings[0].reviewer: expected a string, got number / The reviewer of a mapping is free text or null.\n'
   'mappings[0].note: expected a string, got array / The note of a mapping is free text or null.\n'
   'mappings[0].reviewed_at: invalid time 5 / A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".',
  'every problem of one mapping, in order');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "mappings": [{"scheme": "SOC2018", "code": "nonsense", "source": "guess"}]}'),
  'mappings[0].scheme: unknown scheme "SOC2018" / The scheme is one of soc2018, onet2019, soc2010, isco08.',
  'after an unknown scheme the mapping is not checked further');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "mappings": [{"scheme": 2018, "code": "15-0000"}]}'),
  'mappings[0].scheme: unknown scheme 2018', 'a scheme as a number');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "mappings": [{"code": "16-0000"}, {"code": "15-1244.00"}, {"scheme": "onet2019", "code": "15-1244"},
                      {"scheme": "soc2010", "code": "15-1132.00"}, {"scheme": "isco08", "code": "25120"}, {"scheme": "isco08", "code": "25a"},
                      {"scheme": "isco08", "code": ""}, {"scheme": null, "code": "15-1252"}]}'),
  'mappings[0].code: invalid SOC code "16-0000" / ' || pg_temp.input_detail('soccode', '16-0000') || E'\n'
  'mappings[1].code: code "15-1244.00" does not fit scheme soc2018 / An onet2019 mapping takes an O*NET-SOC code such as 15-1252.00; soc2018 and soc2010 mappings take SOC groups or occupations without the .NN suffix.\n'
  'mappings[2].code: code "15-1244" does not fit scheme onet2019 / An onet2019 mapping takes an O*NET-SOC code such as 15-1252.00; soc2018 and soc2010 mappings take SOC groups or occupations without the .NN suffix.\n'
  'mappings[3].code: code "15-1132.00" does not fit scheme soc2010 / An onet2019 mapping takes an O*NET-SOC code such as 15-1252.00; soc2018 and soc2010 mappings take SOC groups or occupations without the .NN suffix.\n'
  'mappings[4].code: invalid ISCO-08 code "25120" / An ISCO-08 code is one to four digits, such as "2512".' || E'\n'
  'mappings[5].code: invalid ISCO-08 code "25a" / An ISCO-08 code is one to four digits, such as "2512".' || E'\n'
  'mappings[6].code: invalid ISCO-08 code "" / An ISCO-08 code is one to four digits, such as "2512".',
  'codes of each scheme: malformed, of the wrong kind; a null scheme is soc2018');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "", "mappings": [{"code": "15-9999"}, {"scheme": "onet2019", "code": "15-1252.99"},
                      {"scheme": "soc2010", "code": "15-1252"}, {"scheme": "isco08", "code": "9999"}, {"code": "151252"}, {"scheme": "soc2010", "code": "15-1132"}]}'),
  E'title: blank title / A role card needs a non-blank title.\n'
   'mappings[0].code: "15-9999" is not a code of soc2018 / A soc2018 mapping names one of the 1447 SOC 2018 groups and occupations (table soc2018_code).\n'
   'mappings[1].code: "15-1252.99" is not a code of onet2019 / An onet2019 mapping names one of the 1016 O*NET-SOC 2019 occupations (table onet2019_occupation).\n'
   'mappings[2].code: "15-1252" is not a code of soc2010 / A soc2010 mapping names one of the 840 SOC 2010 detailed occupations (table soc2010_code).',
  'SOC codes must exist in their scheme (after the structural problems); ISCO-08 codes are checked for form only');
SELECT is(pg_temp.p('{"code": "DEI.GEN.P1", "title": "x", "taxonomy": [{"code": "DEI", "kind": "function", "name": "D", "mappings": [{"code": "15-9990"}]},
                      {"code": "DEI.GEN", "kind": "specialization", "name": "G", "mappings": [{"code": "151252"}, {"code": "15-9991"}]}],
                      "mappings": [{"code": "15-9992"}]}'),
  E'taxonomy[0].mappings[0].code: "15-9990" is not a code of soc2018\ntaxonomy[1].mappings[1].code: "15-9991" is not a code of soc2018\n'
   'mappings[0].code: "15-9992" is not a code of soc2018', 'SOC codes of node and role mappings, in document order');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "mappings": [{"code": "15-1252"}, {"code": "151252"}, {"code": "15-1252", "scheme": "soc2018"},
                      {"code": "15-1252", "scheme": "soc2010"}, {"code": "15-1252", "scheme": "soc2010"}, {"code": "9", "scheme": "isco08"}, {"code": "9", "scheme": "isco08"}]}'),
  E'mappings[6]: duplicate mapping isco08 9 / A role maps to each code of a scheme once.\n'
   'mappings[4]: duplicate mapping soc2010 15-1252 / A role maps to each code of a scheme once.\n'
   'mappings[2]: duplicate mapping soc2018 15-1252 / A role maps to each code of a scheme once.\n'
   'mappings[3].code: "15-1252" is not a code of soc2010 / A soc2010 mapping names one of the 840 SOC 2010 detailed occupations (table soc2010_code).\n'
   'mappings[4].code: "15-1252" is not a code of soc2010 / A soc2010 mapping names one of the 840 SOC 2010 detailed occupations (table soc2010_code).',
  'duplicate role mappings: by scheme (left out = soc2018) and code as written, at the last place, in order of scheme then code');

-- the enum lists in the details are the enums'
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "mappings": [{"scheme": "x", "code": "1"}]}'),
  'mappings[0].scheme: unknown scheme "x" / The scheme is one of ' || array_to_string(enum_range(NULL::mapping_scheme)::text[], ', ') || '.',
  'the schemes named are mapping_scheme''s');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "mappings": [{"code": "15-0000", "source": "x", "review_status": "x"}]}'),
  'mappings[0].source: unknown source "x" / The source is one of ' || array_to_string(enum_range(NULL::mapping_source)::text[], ', ') || E'.\n'
  'mappings[0].review_status: unknown review status "x" / The review status is one of ' || array_to_string(enum_range(NULL::review_status)::text[], ', ') || '.',
  'the sources and review statuses named are the enums''');
SELECT is(pg_temp.pd('{"code": "DEI.GEN.P1", "title": "x", "components": {"skills": [{"name": "a", "prevalence": "x", "scope": "x"}]}, "aliases": [{"alias": "a", "type": "x"}]}'),
  'components.skills[0].prevalence: unknown prevalence "x" / The prevalence is one of ' || array_to_string(enum_range(NULL::component_prevalence)::text[], ', ') || E'.\n'
  'components.skills[0].scope: unknown scope "x" / The scope is one of ' || array_to_string(enum_range(NULL::component_scope)::text[], ', ') || E'.\n'
  'aliases[0].type: unknown alias type "x" / The alias type is one of ' || array_to_string(enum_range(NULL::alias_type)::text[], ', ') || '.',
  'the prevalences, scopes and alias types named are the enums''');
SELECT is((SELECT string_agg(k, ', ') FROM unnest(enum_range(NULL::node_kind)::text[]) k
            WHERE pg_temp.p(jsonb_build_object('code', 'DEI.GEN.P1', 'title', 'x', 'taxonomy',
                   jsonb_build_array(jsonb_build_object('code', 'DEI.GEN', 'kind', k, 'name', 'G')))) LIKE '%unknown kind%'),
          NULL, 'every node_kind is a kind');
SELECT is((SELECT string_agg(k, ', ') FROM unnest(enum_range(NULL::mapping_source)::text[]) k
            WHERE pg_temp.p(jsonb_build_object('code', 'DEI.GEN.P1', 'title', 'x', 'mappings',
                   jsonb_build_array(jsonb_build_object('code', '15-0000', 'source', k)))) <> '(none)'),
          NULL, 'every mapping_source is a source');
SELECT is((SELECT string_agg(k, ', ') FROM unnest(enum_range(NULL::review_status)::text[]) k
            WHERE pg_temp.p(jsonb_build_object('code', 'DEI.GEN.P1', 'title', 'x', 'mappings',
                   jsonb_build_array(jsonb_build_object('code', '15-0000', 'review_status', k)))) <> '(none)'),
          NULL, 'every review_status is a review status');

-- paths of every kind, deep in a card
SELECT is(pg_temp.p(jsonb_set(jsonb_set(jsonb_set(jsonb_set(doc, '{taxonomy,3,mappings,0,code}', '"1"'), '{components,skills,1,scope}', '"x"'),
                    '{aliases,1,approved_by}', '7'), '{story,plan,1}', '{}')), E'taxonomy[3].mappings[0].code: invalid SOC code "1"\n'
   'story.plan[1]: expected a string, got object\ncomponents.skills[1].scope: unknown scope "x"\naliases[1].approved_by: expected a string, got number',
  'paths into nodes, mappings, the story, components and aliases') FROM good;
SELECT is(pg_temp.p(jsonb_set(doc, '{components,skills}', (SELECT jsonb_agg(jsonb_build_object('name', 'S' || i)) || '[{"name": ""}]' FROM generate_series(1, 1234) i))),
  'components.skills[1234].name: blank name', 'indexes past a thousand') FROM good;

-- the longest texts the tables' indexes hold: titles, component names and
-- aliases of at most card_text_max() characters, counted as characters
SELECT is(pg_temp.p(jsonb_build_object('code', 'DEI.GEN.P1', 'title', repeat('𝔱', 500),
                      'components', jsonb_build_object('skills', jsonb_build_array(jsonb_build_object('name', repeat('𝔰', 500)))),
                      'aliases', jsonb_build_array(jsonb_build_object('alias', repeat('𝔞', 500))))),
          '(none)', '500 characters (of four bytes each) in a title, a component name and an alias');
SELECT is(pg_temp.pd(jsonb_build_object('code', 'DEI.GEN.P1', 'title', repeat('t', 501),
                       'components', jsonb_build_object('skills', jsonb_build_array(jsonb_build_object('name', repeat('s', 501)))),
                       'aliases', jsonb_build_array(jsonb_build_object('alias', repeat('a', 501))))),
  E'title: title too long: 501 characters / A role''s title, a component''s name and an alias have at most 500 characters.\n'
   'components.skills[0].name: name too long: 501 characters / A role''s title, a component''s name and an alias have at most 500 characters.\n'
   'aliases[0].alias: alias too long: 501 characters / A role''s title, a component''s name and an alias have at most 500 characters.',
  '501 characters are too many, with the path of each');
SELECT is(pg_temp.p(jsonb_build_object('code', 'DEI.GEN.P1', 'title', repeat('x', 1048577))), 'title: title too long: 1048577 characters',
          'a title of 1 MiB');
SELECT is(pg_temp.p(jsonb_build_object('code', 'DEI.GEN.P1', 'title', 'x',
                      'components', jsonb_build_object('tasks', jsonb_build_array(jsonb_build_object('name', repeat('é', 9000)))),
                      'aliases', jsonb_build_array(jsonb_build_object('alias', repeat('é', 9000))))),
  E'components.tasks[0].name: name too long: 9000 characters\naliases[0].alias: alias too long: 9000 characters',
  'a component name and an alias over 8 kB');
SELECT is(pg_temp.p(jsonb_build_object('code', 'DEI.GEN.P1', 'title', '   ' || repeat('x', 600))), 'title: title too long: 603 characters',
          'spaces count toward the limit');
SELECT is(pg_temp.p(jsonb_build_object('code', 'DEI.GEN.P1', 'title', 'x', 'summary', repeat('s', 100000),
                      'taxonomy', jsonb_build_array(jsonb_build_object('code', 'DEI.GEN', 'kind', 'specialization', 'name', repeat('n', 9000),
                                                                       'description', repeat('d', 100000))),
                      'story', jsonb_build_object('who', repeat('w', 100000)))),
          '(none)', 'texts no index holds have no limit: summaries, node names, descriptions, stories');

-- a chain where a node sits under itself
SELECT is(pg_temp.pd('{"code": "X.P1", "title": "x", "taxonomy": [{"code": "X", "kind": "superfunction", "name": "x"}, {"code": "X", "kind": "function", "name": "x"}]}'),
  'taxonomy[1].code: node code "X" repeats the node above it / A node cannot sit under itself: a node and its parent have different codes.',
  'a node under itself');

-- import_role_card reports the first problem
SELECT throws_ok($$SELECT import_role_card('{"code": "DEI.GEN.P1", "title": "x", "mappings": [{"code": "15-9999"}]}')$$, '22023',
  'invalid role card: mappings[0].code: "15-9999" is not a code of soc2018', 'import: a SOC code not in its scheme');
SELECT is(pg_temp.error_of($$SELECT import_role_card('{"code": "DEI.GEN.P1", "title": "x", "aliases": [{"alias": "a", "approved": true, "approved_at": "2026-02-30"}]}')$$),
  '22023: invalid role card: aliases[0].approved_at: invalid time "2026-02-30" / date/time field value out of range: "2026-02-30". A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".',
  'import: a bad time, with its sentence');
SELECT is(import_role_card('{"code": "DEI.GEN.P1", "title": "x", "components": {"knowledge": null, "skills": [{"name": "a"}]}}'),
          'DEI.GEN.P1'::rolecode, 'import: a null component kind is no components (the PL/pgSQL validator raised 22023 on it)');

-- huge and deep junk
SELECT is(pg_temp.p(jsonb_build_object('code', 'DEI.GEN.P1', 'title', 'x', 'summary', repeat('[', 2000) || repeat(']', 2000))), '(none)',
          'a summary of brackets is text');
SELECT is(pg_temp.p(jsonb_build_object('code', 'DEI.GEN.P1', 'title', 'x', 'junk', (repeat('[', 3000) || '1' || repeat(']', 3000))::jsonb)),
          'junk: unknown field', 'an unknown field 3000 arrays deep');
SELECT is(length(pg_temp.p(jsonb_build_object('code', 'DEI.GEN.P1', 'title', 'x', 'components',
                   jsonb_build_object('skills', jsonb_build_array(jsonb_build_object('name', 'a', 'scope', (repeat('{"a": ', 1000) || '1' || repeat('}', 1000))::jsonb)))))),
          length('components.skills[0].scope: unknown scope ') + length(repeat('{"a": ', 1000) || '1' || repeat('}', 1000)),
          'a scope 1000 objects deep is quoted in full');
SELECT is((SELECT count(*) FROM validate_role_card(jsonb_build_object('code', 'DEI.GEN.P1', 'title', 'x', 'aliases',
            (SELECT jsonb_agg(jsonb_build_object('alias', 'A' || (i % 5000), 'confidence', i)) FROM generate_series(1, 20000) i)))),
          (19999 + 5000)::bigint, '20,000 aliases: 19,999 bad confidences (only 1 passes) and 5,000 duplicates');
SELECT is((SELECT count(DISTINCT path) FROM validate_role_card(jsonb_build_object('code', 'DEI.GEN.P1', 'title', 'x',
            'story', (SELECT jsonb_object_agg('k' || i, i) FROM generate_series(1, 10000) i)))),
          10000::bigint, '10,000 unknown story fields, each reported');
SELECT is(pg_temp.p(jsonb_build_object('code', 'DEI.GEN.P1', 'title', repeat('☃', 100000))), 'title: title too long: 100000 characters',
          'a title of 100,000 snowmen is too long, counted in characters');
SELECT is(pg_temp.p(jsonb_build_object('code', repeat('A', 100000), 'title', 'x')),
  'code: invalid role code "' || repeat('A', 100000) || '"', 'a code of 100,000 letters');

-- randomized: no document makes validation raise.  Random JSON values,
-- and random mutations of the good card (a member replaced by a random
-- value, removed, or copied elsewhere), with a fixed seed.
CREATE FUNCTION pg_temp.random_json(depth int) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  r float8 := random();
  scalars text[] := '{"null",true,false,0,1,-1,0.5,1.5,1e-5,123456789012345678901234567890,"\"\"","\" \"","\"x\"","\"DEI.GEN.P1\"","\"dei..p1\"","\"15-0000\"","\"15-1252.00\"","\"2512\"","\"60%\"","\"2026-01-02T03:04:05Z\"","\"2026-01-02 x/y\"","\"now\"","\"☃\"","\"P1\"","\"superfunction\"","\"core\"","\"isco08\"","\"onet2019\"","\"approved\""}';
  keys text[] := '{code,title,level,summary,taxonomy,story,components,aliases,mappings,format,kind,name,description,plan,who,skills,tasks,alias,type,confidence,approved,approved_by,approved_at,scheme,source,review_status,reviewer,reviewed_at,note,prevalence,scope,x,""}';
  o jsonb;
BEGIN
  IF depth <= 0 OR r < 0.4 THEN
    RETURN scalars[1 + floor(random() * array_length(scalars, 1))]::jsonb;
  ELSIF r < 0.7 THEN
    SELECT coalesce(jsonb_agg(pg_temp.random_json(depth - 1)), '[]') INTO o FROM generate_series(1, floor(random() * 4)::int);
    RETURN o;
  END IF;
  o := '{}';
  FOR i IN 1 .. floor(random() * 5)::int LOOP
    o := o || jsonb_build_object(keys[1 + floor(random() * array_length(keys, 1))], pg_temp.random_json(depth - 1));
  END LOOP;
  RETURN o;
END $$;
CREATE FUNCTION pg_temp.mutate(d jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  paths text[];
  p text[];
  r float8 := random();
BEGIN
  WITH RECURSIVE t(path, v) AS (
    SELECT '{}'::text[], d
    UNION ALL
    SELECT t.path || e.k, e.v FROM t, LATERAL (
      SELECT k, v FROM jsonb_each(CASE WHEN jsonb_typeof(t.v) = 'object' THEN t.v ELSE '{}' END) x(k, v)
      UNION ALL
      SELECT (o - 1)::text, v FROM jsonb_array_elements(CASE WHEN jsonb_typeof(t.v) = 'array' THEN t.v ELSE '[]' END) WITH ORDINALITY y(v, o)) e)
  SELECT array_agg(array_to_string(path, chr(1))) INTO paths FROM t WHERE path <> '{}';
  IF paths IS NULL THEN
    RETURN d;
  END IF;
  p := string_to_array(paths[1 + floor(random() * array_length(paths, 1))::int], chr(1));
  IF r < 0.5 THEN
    RETURN jsonb_set(d, p, pg_temp.random_json(2));
  ELSIF r < 0.75 THEN
    RETURN d #- p;
  ELSE
    RETURN jsonb_set(d, p, d #> p[1:1]);
  END IF;
END $$;
DO $$ BEGIN PERFORM setseed(0.42); END $$;
CREATE TEMP TABLE fuzz AS SELECT pg_temp.random_json(4) AS doc FROM generate_series(1, 1000);
INSERT INTO fuzz SELECT pg_temp.random_json(3) || (SELECT doc FROM good) FROM generate_series(1, 300);
DO $$
DECLARE
  d jsonb;
BEGIN
  FOR i IN 1 .. 1500 LOOP
    SELECT doc INTO d FROM good;
    FOR k IN 1 .. 1 + floor(random() * 5)::int LOOP
      d := pg_temp.mutate(d);
    END LOOP;
    INSERT INTO fuzz VALUES (d);
  END LOOP;
END $$;
SELECT lives_ok('CREATE TEMP TABLE fuzz_rows AS SELECT f.doc, v.* FROM fuzz f, validate_role_card(f.doc) v',
                'validate_role_card raises for none of 2,800 random documents');
SELECT cmp_ok((SELECT count(DISTINCT regexp_replace(problem, '(".*"|\d+|[\[{].*)', '', 'g')) FROM fuzz_rows), '>=', 50::bigint,
              '(the random documents show at least 50 kinds of problem)');
SELECT cmp_ok((SELECT count(*) FROM fuzz f WHERE NOT EXISTS (SELECT FROM validate_role_card(f.doc))), '>', 0::bigint,
              '(and some of them have no problem)');

-- parallel query: validate_role_card runs in parallel workers, with the
-- serial answers.  A plain table (workers cannot read temporary ones); the
-- transaction is rolled back at the end.
CREATE TABLE cv_par AS SELECT i AS n, doc FROM (SELECT row_number() OVER () AS i, doc FROM fuzz) f;
INSERT INTO cv_par SELECT 10000 + i, doc FROM good, generate_series(1, 20000) i;
ANALYZE cv_par;
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE cv_serial AS SELECT c.n, v.path, v.problem, v.detail FROM cv_par c, validate_role_card(c.doc) v;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
CREATE FUNCTION pg_temp.analyze_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  r text; acc text := '';
BEGIN
  FOR r IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || q LOOP
    acc := acc || r || E'\n';
  END LOOP;
  RETURN acc;
END $$;
CREATE TEMP TABLE cv_plan AS SELECT pg_temp.analyze_of('CREATE TEMP TABLE cv_parallel AS
  SELECT c.n, v.path, v.problem, v.detail FROM cv_par c, validate_role_card(c.doc) v') AS plan;
-- (the parse; since 1.3.0 card_holding's lookups, called in the select
-- list so that Citus can plan them, run in the leader: doc/citus.md)
SELECT ok((SELECT plan FROM cv_plan) ~ 'Gather.*Workers Launched: [1-9].*Parallel Seq Scan on cv_par.*Function Scan on card_parse',
          'validate_role_card ran in parallel workers');
SELECT results_eq('SELECT n, path, problem, detail FROM cv_parallel ORDER BY n, path, problem, detail',
                  'SELECT n, path, problem, detail FROM cv_serial ORDER BY n, path, problem, detail',
                  'parallel answers equal serial ones');
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

SELECT * FROM finish();
ROLLBACK;
