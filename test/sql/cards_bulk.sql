-- Role cards in batches: import_role_cards and validate_role_cards.  The
-- batch must leave the database exactly as importing its cards one by one
-- with import_role_card would, however the cards overlap.
\i test/setup.sql
SELECT plan(38);

-- The whole user-data state, table by table, as JSON.
CREATE FUNCTION pg_temp.state() RETURNS jsonb LANGUAGE sql AS $$
  SELECT jsonb_build_object(
    'taxonomy', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.code) FROM roleext.taxonomy t),
    'role', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.code) FROM roleext.role t),
    'component', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.kind, t.name) FROM roleext.component t),
    'role_component', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.role, t.kind, t.name) FROM roleext.role_component t),
    'role_alias', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.role, t.alias) FROM roleext.role_alias t),
    'mapping', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.role, t.node, t.scheme, t.code) FROM roleext.mapping t))
$$;

-- The tables where two states differ ('' when none does).
CREATE FUNCTION pg_temp.state_diff(a jsonb, b jsonb) RETURNS text LANGUAGE sql AS $$
  SELECT coalesce(string_agg(k, ',' ORDER BY k), '') FROM jsonb_each(a) e(k, v) WHERE v IS DISTINCT FROM b->k
$$;

-- The physical row versions of every table: a rewrite changes them.
CREATE FUNCTION pg_temp.versions() RETURNS text LANGUAGE sql AS $$
  SELECT concat_ws('|',
    (SELECT string_agg(ctid::text, ',' ORDER BY ctid) FROM roleext.taxonomy),
    (SELECT string_agg(ctid::text, ',' ORDER BY ctid) FROM roleext.role),
    (SELECT string_agg(ctid::text, ',' ORDER BY ctid) FROM roleext.component),
    (SELECT string_agg(ctid::text, ',' ORDER BY ctid) FROM roleext.role_component),
    (SELECT string_agg(ctid::text, ',' ORDER BY ctid) FROM roleext.role_alias),
    (SELECT string_agg(ctid::text, ',' ORDER BY ctid) FROM roleext.mapping))
$$;

-- Empty every user-data table (leaf nodes first).
CREATE FUNCTION pg_temp.reset() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM roleext.mapping; DELETE FROM roleext.role_alias; DELETE FROM roleext.role_component;
  DELETE FROM roleext.role; DELETE FROM roleext.component;
  LOOP
    DELETE FROM roleext.taxonomy t WHERE NOT EXISTS (SELECT FROM roleext.taxonomy c WHERE c.parent = t.code);
    EXIT WHEN NOT FOUND;
  END LOOP;
END $$;

-- One of three values at random.
CREATE FUNCTION pg_temp.pick(a jsonb, b jsonb, c jsonb) RETURNS jsonb LANGUAGE sql AS $$
  SELECT (ARRAY[a, b, c])[1 + floor(random() * 3)::int]
$$;

-- A node of the chain of specialization sp: its kind, a name and a
-- description that vary from card to card (the description sometimes
-- absent, sometimes null), and on superfunctions sometimes a mapping.
CREATE FUNCTION pg_temp.random_node(code text, kind text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  n jsonb := jsonb_build_object('code', code, 'kind', kind, 'name', code || ' name v' || (1 + floor(random() * 2)));
  d jsonb := pg_temp.pick('null', to_jsonb('about ' || code), to_jsonb('more about ' || code));
BEGIN
  IF random() < 0.6 THEN n := n || jsonb_build_object('description', d); END IF;
  IF kind = 'superfunction' AND random() < 0.5 THEN
    n := n || jsonb_build_object('mappings', jsonb_build_array(jsonb_build_object(
           'code', pg_temp.pick('"15-0000"', '"13-0000"', '"15-0000"'),
           'review_status', pg_temp.pick('"approved"', '"needs_review"', '"rejected"'))));
  END IF;
  RETURN n;
END $$;

-- The chain of specialization sp (FA.SA): whole (superfunction, function,
-- specialization), from the function down, the specialization alone, or
-- absent.  The function's superfunction varies too.
CREATE FUNCTION pg_temp.random_chain(sp text, mode int) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  fn text := split_part(sp, '.', 1);
  sf text := 'SF' || (1 + floor(random() * 2));
BEGIN
  RETURN CASE mode
    WHEN 3 THEN jsonb_build_array(pg_temp.random_node(sf, 'superfunction'), pg_temp.random_node(fn, 'function'),
                                  pg_temp.random_node(sp, 'specialization'))
    WHEN 2 THEN jsonb_build_array(pg_temp.random_node(fn, 'function'), pg_temp.random_node(sp, 'specialization'))
    WHEN 1 THEN jsonb_build_array(pg_temp.random_node(sp, 'specialization'))
  END;
END $$;

-- Up to three components of one kind from a pool of five names, with
-- varying descriptions, prevalence and scope.
CREATE FUNCTION pg_temp.random_components(prefix text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  start int := floor(random() * 5);
  out jsonb := '[]';
  c jsonb;
BEGIN
  FOR j IN 0 .. floor(random() * 4)::int - 1 LOOP
    c := jsonb_build_object('name', prefix || ' ' || ((start + j) % 5),
                            'prevalence', pg_temp.pick('"core"', '"common"', '"common"'),
                            'scope', pg_temp.pick('"role"', '"level"', '"specialization"'));
    IF random() < 0.5 THEN
      c := c || jsonb_build_object('description', pg_temp.pick('null', to_jsonb(prefix || ' text v1'), to_jsonb(prefix || ' text v2')));
    END IF;
    out := out || jsonb_build_array(c);
  END LOOP;
  RETURN out;
END $$;

-- n random cards over four specializations and three levels (so codes
-- repeat), after one anchor card per specialization with its whole chain
-- (so that any card may start its chain lower or leave it out).
CREATE FUNCTION pg_temp.random_cards(seed float8, n int) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  specs text[] := '{FA.SA,FA.SB,FB.SA,FC.SA}';
  out jsonb := '[]';
  sp text;
  card jsonb;
  mode int;
BEGIN
  PERFORM setseed(seed);
  FOREACH sp IN ARRAY specs LOOP
    out := out || jsonb_build_array(jsonb_build_object('code', sp || '.P1', 'title', 'Anchor ' || sp,
                                                       'taxonomy', pg_temp.random_chain(sp, 3)));
  END LOOP;
  FOR i IN 1 .. n LOOP
    sp := specs[1 + floor(random() * 4)::int];
    mode := floor(random() * 4)::int;
    card := jsonb_build_object(
      'code', CASE WHEN random() < 0.2 THEN lower(sp) ELSE sp END || '.P' || (1 + floor(random() * 3)),
      'title', 'Title v' || (1 + floor(random() * 3)),
      'story', jsonb_build_object('who', pg_temp.pick('null', '"who v1"', '"who v2"'), 'plan', pg_temp.pick('[]', '["a"]', '["a", "b"]')),
      'components', jsonb_build_object('skills', pg_temp.random_components('Skill'),
                                       'tasks', pg_temp.random_components('Task')),
      'aliases', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                          'alias', 'Alias ' || a, 'confidence', pg_temp.pick('0.5', '0.7', '"90%"'),
                          'approved', pg_temp.pick('null', 'true', 'false'))), '[]')
                  FROM generate_series(1, floor(random() * 3)::int) a),
      'mappings', CASE WHEN random() < 0.5 THEN '[]'::jsonb
                       ELSE jsonb_build_array(jsonb_build_object('code', pg_temp.pick('"15-1252"', '"151253"', '"15-1211"'),
                                                                 'source', pg_temp.pick('"manual"', '"autocoded"', '"crosswalk"'))) END);
    IF mode > 0 THEN
      card := card || jsonb_build_object('taxonomy', pg_temp.random_chain(sp, mode));
    END IF;
    out := out || jsonb_build_array(card);
  END LOOP;
  RETURN out;
END $$;

-- Import base one by one, then batch one by one; then again from empty
-- with batch through import_role_cards: the tables that differ.
CREATE FUNCTION pg_temp.bulk_vs_sequential(base jsonb, batch jsonb) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  one_by_one jsonb;
  c jsonb;
BEGIN
  PERFORM pg_temp.reset();
  FOR c IN SELECT x FROM jsonb_array_elements(base || batch) WITH ORDINALITY e(x, o) ORDER BY o LOOP
    PERFORM roleext.import_role_card(c);
  END LOOP;
  one_by_one := pg_temp.state();
  PERFORM pg_temp.reset();
  FOR c IN SELECT x FROM jsonb_array_elements(base) WITH ORDINALITY e(x, o) ORDER BY o LOOP
    PERFORM roleext.import_role_card(c);
  END LOOP;
  PERFORM roleext.import_role_cards(batch);
  RETURN pg_temp.state_diff(one_by_one, pg_temp.state());
END $$;

-- the generator makes overlapping batches: repeated codes, nodes named
-- differently, descriptions given, nulled and left out
SELECT cmp_ok((SELECT count(*) - count(DISTINCT upper(x->>'code')) FROM jsonb_array_elements(pg_temp.random_cards(0.1, 60)) x),
              '>=', 20::bigint, 'the random batches repeat role codes');
SELECT cmp_ok((SELECT count(DISTINCT t->>'name') FROM jsonb_array_elements(pg_temp.random_cards(0.1, 60)) x,
                      jsonb_array_elements(x->'taxonomy') t WHERE t->>'code' = 'FA'), '>', 1::bigint,
              'the random batches name a node in more than one way');

-- a batch into an empty database, and a batch over cards already there
SELECT is(pg_temp.bulk_vs_sequential('[]', pg_temp.random_cards(0.1, 60)), '', 'seed 0.1: a batch equals its cards one by one');
SELECT is(pg_temp.bulk_vs_sequential('[]', pg_temp.random_cards(-0.3, 60)), '', 'seed -0.3: a batch equals its cards one by one');
SELECT is(pg_temp.bulk_vs_sequential(pg_temp.random_cards(0.2, 30), pg_temp.random_cards(0.7, 60)), '',
          'seeds 0.2, 0.7: a batch over existing roles equals its cards one by one');
SELECT is(pg_temp.bulk_vs_sequential(pg_temp.random_cards(-0.8, 30), pg_temp.random_cards(0.45, 60)), '',
          'seeds -0.8, 0.45: a batch over existing roles equals its cards one by one');
SELECT is(pg_temp.bulk_vs_sequential(pg_temp.random_cards(0.5, 40), pg_temp.random_cards(0.5, 40)), '',
          'seed 0.5 twice: the same batch again equals its cards one by one');

-- the sample taxonomy's exported cards, as one batch into an empty database
\o /dev/null
\i sample/load.sql
\o
CREATE TEMP TABLE sample_cards AS SELECT jsonb_agg(role_card_json(code) ORDER BY code) AS cards FROM role;
SELECT pg_temp.reset();
SELECT is((SELECT count(*) FROM import_role_cards((SELECT cards FROM sample_cards))),
          (SELECT jsonb_array_length(cards)::bigint FROM sample_cards), 'the sample taxonomy''s cards import as one batch');
SELECT is((SELECT jsonb_agg(role_card_json(code) ORDER BY code) FROM role), (SELECT cards FROM sample_cards),
          '... and export again exactly as they were');
SELECT pg_temp.reset();

-- a batch by hand: card 0 names a node only card 1 defines; card 2 is
-- card 0's role again and renames the node without repeating its parent
-- or description
CREATE TEMP TABLE b (cards jsonb);
INSERT INTO b VALUES ($j$[
  {"code": "dei.gen.p1", "title": "DevOps I"},
  {"code": "DEI.GEN.P2", "title": "DevOps II",
   "taxonomy": [{"code": "TECH", "kind": "superfunction", "name": "Technology"},
                {"code": "DEI", "kind": "function", "name": "DevOps"},
                {"code": "DEI.GEN", "kind": "specialization", "name": "General", "description": "first"}],
   "components": {"skills": [{"name": "Linux", "description": "the OS"}]},
   "aliases": [{"alias": "SRE", "confidence": 0.7}]},
  {"code": "DEI.GEN.P1", "title": "DevOps I (final)",
   "taxonomy": [{"code": "DEI.GEN", "kind": "specialization", "name": "General (renamed)"}],
   "components": {"skills": [{"name": "Linux"}, {"name": "Bash", "prevalence": "core"}]}}
]$j$);
SELECT throws_ok($$SELECT import_role_card(cards->0) FROM b$$, '22023', NULL,
                 'one by one, card 0 would need its node in the database first');
SELECT results_eq($$SELECT c::text FROM b, import_role_cards(b.cards) c$$,
                  ARRAY['DEI.GEN.P1', 'DEI.GEN.P2', 'DEI.GEN.P1'], 'the codes come back in card order, canonical');
SELECT is((SELECT title FROM role WHERE code = 'DEI.GEN.P1'), 'DevOps I (final)', 'a code given twice is its later card');
SELECT results_eq($$SELECT name, prevalence::text FROM role_component WHERE role = 'DEI.GEN.P1' ORDER BY position$$,
                  $$VALUES ('Linux', 'common'), ('Bash', 'core')$$, '... with the later card''s components');
SELECT results_eq($$SELECT name, description, parent::text FROM taxonomy WHERE code = 'DEI.GEN'$$,
                  $$VALUES ('General (renamed)', 'first', 'DEI')$$,
                  'a node takes its last name, and keeps the parent and description the last mention leaves out');
SELECT is((SELECT description FROM component WHERE kind = 'skill' AND name = 'Linux'), 'the OS',
          'a component keeps the last description given');
SELECT results_eq($$SELECT role::text, alias FROM role_alias ORDER BY role, alias$$, $$VALUES ('DEI.GEN.P2', 'SRE')$$,
                  'aliases land on their roles');

-- idempotent: the same batch again rewrites nothing
CREATE TEMP TABLE before AS SELECT pg_temp.versions() AS v, pg_temp.state() AS s;
SELECT is((SELECT count(*) FROM b, import_role_cards(b.cards)), 3::bigint, 'the same batch again');
SELECT is(pg_temp.versions(), (SELECT v FROM before), '... rewrites no row');
SELECT is(pg_temp.state_diff(pg_temp.state(), (SELECT s FROM before)), '', '... and changes nothing');
SELECT is((SELECT count(*) FROM import_role_cards('[]')), 0::bigint, 'an empty batch imports nothing');
SELECT is(pg_temp.versions(), (SELECT v FROM before), '... and writes nothing');

-- bad batches: 22023 naming the card and the field, and nothing written
SELECT throws_ok($$SELECT import_role_cards('{}')$$, '22023', 'invalid role card: $: expected an array, got object',
                 'a batch that is not an array');
SELECT throws_ok($$SELECT import_role_cards(NULL)$$, '22023', 'invalid role card: $: expected an array, got missing',
                 'a missing batch');
SELECT is(pg_temp.error_of($$SELECT import_role_cards('[{"code": "DEI.GEN.P3", "title": "fine"},
                                                        {"code": "DEI.GEN.P4", "title": "x", "components": {"skills": [{"name": 5}]}}]')$$),
          '22023: invalid role card: [1].components.skills[0].name: expected a string, got number / A component needs a non-blank name.',
          'one bad card: the path starts with its index');
SELECT is((SELECT count(*) FROM role WHERE code = 'DEI.GEN.P3'), 0::bigint, '... and the good card before it is not written');
SELECT throws_ok($$SELECT import_role_cards('[{"code": "DEI.GEN.P3", "title": "fine"}, "DEI.GEN.P4"]')$$, '22023',
                 'invalid role card: [1]: expected an object, got string', 'a batch member that is not an object');
SELECT throws_ok($$SELECT import_role_cards('[{"code": "NOPE.X.P1", "title": "x"}]')$$, '22023',
                 'invalid role card: [0].taxonomy: missing, and node NOPE.X is not in the database',
                 'a node neither the database nor the batch has');
SELECT throws_ok($$SELECT import_role_cards('[{"code": "ZZ.SPA.P1", "title": "x", "taxonomy": [{"code": "ZZ.SPA", "kind": "specialization", "name": "S1"}]}]')$$,
                 '22023', 'invalid role card: [0].taxonomy[0].code: node code "ZZ.SPA" must be a single label',
                 'a chain that starts below the top at a node nothing places');
SELECT lives_ok($$SELECT import_role_cards('[{"code": "ZZ.SPA.P1", "title": "x", "taxonomy": [{"code": "ZZ.SPA", "kind": "specialization", "name": "S1"}]},
                                             {"code": "ZZ.SPA.P2", "title": "y", "taxonomy": [{"code": "ZZ", "kind": "function", "name": "Z"},
                                                                                            {"code": "ZZ.SPA", "kind": "specialization", "name": "S1"}]}]')$$,
                'a chain may start at a node another card of the batch places');
SELECT is((SELECT parent::text FROM taxonomy WHERE code = 'ZZ.SPA'), 'ZZ', '... under the parent that card gives it');
SELECT results_eq($$SELECT path FROM validate_role_cards('[{"code": "DEI.GEN.P3"}, {"code": "DEI.GEN.P3", "title": "ok"},
                                                          {"code": "DEI.GEN.P9", "title": "x", "aliases": [{"alias": ""}]}]')$$,
                  ARRAY['[0].title', '[2].aliases[0].alias', '[2].code'],
                  'validate_role_cards lists every problem, card by card, structure before lookups');
SELECT is((SELECT count(*) FROM b, validate_role_cards(b.cards)), 0::bigint, 'a good batch has no problems');

-- a batch that would break the taxonomy is refused before anything is
-- written, naming the card and the node
INSERT INTO taxonomy (code, kind, name) VALUES ('FAM', 'function', 'F');
INSERT INTO taxonomy (code, kind, name, parent) VALUES ('FAM.F', 'family', 'F', 'FAM'), ('FAM.F.X', 'specialization', 'X', 'FAM.F');
SELECT throws_ok($$SELECT import_role_cards('[{"code": "FAM.F.X.P1", "title": "fine"},
                                              {"code": "FAM.F.P1", "title": "x", "taxonomy": [{"code": "FAM", "kind": "function", "name": "F"},
                                                                                            {"code": "FAM.F", "kind": "specialization", "name": "F"}]}]')$$,
                 '22023', 'invalid role card: [1].taxonomy[1].kind: taxonomy node FAM.F cannot become a specialization while FAM.F.X sits under it',
                 'a batch that would break the taxonomy is refused with the path of the card and the node');
SELECT is((SELECT count(*) FROM role WHERE code = 'FAM.F.X.P1'), 0::bigint, '... and leaves nothing behind');
SELECT is((SELECT kind::text FROM taxonomy WHERE code = 'FAM.F'), 'family', '... not even the node it would change');
SELECT results_eq($$SELECT path FROM validate_role_cards('[{"code": "FAM.F.X.P1", "title": "fine"},
                                     {"code": "FAM.F.P2", "title": "x", "taxonomy": [{"code": "FAM.F", "kind": "family", "name": "F"}]},
                                     {"code": "FAM.F.P1", "title": "x", "taxonomy": [{"code": "FAM.F", "kind": "specialization", "name": "F"}]}]')$$,
                  ARRAY['[2].taxonomy[0].kind'],
                  'in a batch the node''s last mention decides its kind, and is named');

-- editors import batches; readers and PUBLIC do not
CREATE ROLE roleext_bulk_reader;
CREATE ROLE roleext_bulk_editor;
SELECT grant_reader('roleext_bulk_reader');
SELECT grant_editor('roleext_bulk_editor');
SET LOCAL ROLE roleext_bulk_reader;
SELECT throws_ok($$SELECT roleext.import_role_cards('[]')$$, '42501', NULL, 'a reader cannot import a batch');
RESET ROLE;
SET LOCAL ROLE roleext_bulk_editor;
SELECT is((SELECT count(*) FROM roleext.import_role_cards('[{"code": "DEI.GEN.P3", "title": "DevOps III"}]')), 1::bigint,
          'an editor imports a batch');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
