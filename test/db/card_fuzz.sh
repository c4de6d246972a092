#!/usr/bin/env bash
# Validation and import agree on every card.  Over the sample taxonomy,
# generated cards (the exported cards mutated one to three times with
# values that probe every rule: kinds, codes of every form, SOC and ISCO
# codes, times finite and not, texts blank and at and past the length
# limit, duplicates, existing nodes in other places; and random JSON
# documents) are validated and imported, each import rolled back:
#   - a card validate_role_card passes imports, and its export validates and
#     imports back unchanged;
#   - a card it refuses makes import_role_card raise 22023 "invalid role
#     card: <path>: <problem>" with validation's first problem.
# The same for batches of five cards with validate_role_cards and
# import_role_cards.  A fixed seed: the same cards every run.  CARDS,
# BATCHES and SEED set how many and which (make test: 600, 60, 0.3141);
# a longer hunt: CARDS=5000 BATCHES=500 SEED=0.77 bash test/db/card_fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$("${PG_CONFIG:-pg_config}" --bindir)
db=roleext_card_fuzz
trap '"$BIN/dropdb" --if-exists $db' EXIT
"$BIN/dropdb" --if-exists $db
"$BIN/createdb" $db
psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -d $db "$@"; }
psql -c 'CREATE EXTENSION roleext CASCADE' >/dev/null
psql -1 -f sample/load.sql >/dev/null

out=$(psql -At -v cards="${CARDS:-600}" -v batches="${BATCHES:-60}" -v seed="${SEED:-0.3141}" <<'SQL'
SET search_path = roleext, public;
SET client_min_messages = warning;
SELECT setseed(:seed) \g /dev/null

-- Values that probe the rules, to put anywhere in a card.
CREATE TEMP TABLE pool AS
SELECT v::jsonb AS v FROM unnest(ARRAY[
  'null', 'true', 'false', '0', '1', '-1', '0.5', '1.5', '1e-5', '""', '"   "', '"x"', '[]', '{}', '[1, "a"]',
  '{"x": 1}', '"60%"', '"0.60"', '"101%"', '"infinity"', '"-infinity"', '"2026-01-02T03:04:05Z"',
  '"2026-02-30"', '"now"', '"2026-01-02 Mars/Olympus"', '"15-0000"', '"151252"', '"15-1252.00"',
  '"15-9999"', '"16-0000"', '"15-1132"', '"2512"', '"25120"', '"soc2018"', '"onet2019"', '"soc2010"',
  '"isco08"', '"superfunction"', '"function"', '"family"', '"specialization"', '"core"', '"common"',
  '"occasional"', '"role"', '"level"', '"official"', '"posting"', '"manual"', '"autocoded"',
  '"inferred_from_family"', '"needs_review"', '"approved"', '"rejected"', '"P1"', '"P9"', '"M3"',
  '"roleext.role_card/1"', '"DEI.GEN.P1"', '"dei..p1"', '"X.P1"']) v
UNION ALL SELECT to_jsonb(code::text) FROM taxonomy
UNION ALL SELECT to_jsonb(code::text || '.' || l) FROM taxonomy, unnest('{P2,M1}'::text[]) l WHERE random() < 0.3
UNION ALL SELECT to_jsonb(t) FROM unnest(ARRAY[repeat('x', 500), repeat('x', 501), repeat('𝔞', 500), repeat('𝔞', 501),
                                                repeat('é', 9000), repeat('ai ', 166) || 'ai', '  ' || repeat('y', 499)]) t;
CREATE TEMP TABLE pool_n AS SELECT row_number() OVER () AS i, v FROM pool;

CREATE FUNCTION pg_temp.any_value() RETURNS jsonb LANGUAGE sql AS $$
  SELECT v FROM pool_n WHERE i = (SELECT 1 + floor(random() * count(*))::int FROM pool_n)
$$;

-- A random JSON document, depth at most d.
CREATE FUNCTION pg_temp.random_json(d int) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  r float8 := random();
  keys text[] := '{code,title,level,summary,taxonomy,story,components,aliases,mappings,format,kind,name,skills,alias,scheme,x}';
  o jsonb := '{}';
BEGIN
  IF d <= 0 OR r < 0.4 THEN
    RETURN pg_temp.any_value();
  ELSIF r < 0.7 THEN
    SELECT coalesce(jsonb_agg(pg_temp.random_json(d - 1)), '[]') INTO o FROM generate_series(1, floor(random() * 3)::int);
    RETURN o;
  END IF;
  FOR i IN 1 .. floor(random() * 4)::int LOOP
    o := o || jsonb_build_object(keys[1 + floor(random() * array_length(keys, 1))], pg_temp.random_json(d - 1));
  END LOOP;
  RETURN o;
END $$;

-- Every path of a document, as text[].
CREATE FUNCTION pg_temp.paths(d jsonb) RETURNS SETOF text[] LANGUAGE sql AS $$
  WITH RECURSIVE t(path, v) AS (
    SELECT '{}'::text[], d
    UNION ALL
    SELECT t.path || e.k, e.v FROM t, LATERAL (
      SELECT k, v FROM jsonb_each(CASE WHEN jsonb_typeof(t.v) = 'object' THEN t.v ELSE '{}' END) x(k, v)
      UNION ALL
      SELECT (o - 1)::text, v FROM jsonb_array_elements(CASE WHEN jsonb_typeof(t.v) = 'array' THEN t.v ELSE '[]' END)
        WITH ORDINALITY y(v, o)) e)
  SELECT path FROM t WHERE path <> '{}'
$$;

-- One mutation: a value replaced (by a probing value or another part of the
-- card), removed, or an array element repeated; or a targeted change: a
-- chain node's kind or code, the chain cut at the top, the card moved to
-- another node or level, an alias with a review time, a mapping's code.
CREATE FUNCTION pg_temp.mutate(d jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  ps text[];
  p text[];
  q text[];
  r float8 := random();
  chain int := CASE WHEN jsonb_typeof(d->'taxonomy') = 'array' THEN jsonb_array_length(d->'taxonomy') ELSE 0 END;
  i int := floor(random() * greatest(chain, 1))::int;
BEGIN
  SELECT array_agg(array_to_string(x, chr(1))) INTO ps FROM pg_temp.paths(d) x;
  IF ps IS NULL THEN
    RETURN d;
  END IF;
  p := string_to_array(ps[1 + floor(random() * array_length(ps, 1))::int], chr(1));
  q := string_to_array(ps[1 + floor(random() * array_length(ps, 1))::int], chr(1));
  IF r < 0.35 THEN
    RETURN jsonb_set(d, p, pg_temp.any_value());
  ELSIF r < 0.45 THEN
    RETURN d #- p;
  ELSIF r < 0.52 THEN
    RETURN jsonb_set(d, p, coalesce(d #> q, 'null'));
  ELSIF r < 0.57 AND jsonb_typeof(d #> p[1:array_length(p, 1) - 1]) = 'array' THEN
    RETURN jsonb_set(d, p[1:array_length(p, 1) - 1], (d #> p[1:array_length(p, 1) - 1]) || jsonb_build_array(d #> p));
  ELSIF jsonb_typeof(d) <> 'object' THEN
    RETURN d;
  ELSIF r < 0.67 AND chain > 0 THEN
    RETURN jsonb_set(d, ARRAY['taxonomy', i::text, 'kind'],
                     to_jsonb((ARRAY['superfunction', 'function', 'family', 'specialization'])[1 + floor(random() * 4)::int]));
  ELSIF r < 0.72 AND chain > 0 THEN
    RETURN jsonb_set(d, ARRAY['taxonomy', i::text, 'code'], to_jsonb((SELECT code::text FROM taxonomy ORDER BY random() LIMIT 1)));
  ELSIF r < 0.77 AND chain > 1 THEN
    RETURN jsonb_set(d, '{taxonomy}', (SELECT jsonb_agg(x ORDER BY o) FROM jsonb_array_elements(d->'taxonomy') WITH ORDINALITY e(x, o)
                                       WHERE o > 1 + i % (chain - 1)));
  ELSIF r < 0.82 THEN
    RETURN jsonb_set(d - 'level' - CASE WHEN random() < 0.5 THEN 'taxonomy' ELSE '' END, '{code}',
                     to_jsonb((SELECT code::text FROM taxonomy ORDER BY random() LIMIT 1)
                              || '.' || (ARRAY['P1', 'P3', 'M2', 'P9'])[1 + floor(random() * 4)::int]));
  ELSIF r < 0.9 THEN
    RETURN jsonb_set(d, '{aliases}', coalesce(CASE WHEN jsonb_typeof(d->'aliases') = 'array' THEN d->'aliases' END, '[]')
                                     || jsonb_build_array(jsonb_build_object('alias', pg_temp.any_value(), 'approved', true,
                                                                             'approved_at', pg_temp.any_value())));
  END IF;
  RETURN jsonb_set(d, '{mappings}', jsonb_build_array(jsonb_build_object(
           'scheme', (ARRAY['soc2018', 'onet2019', 'soc2010', 'isco08'])[1 + floor(random() * 4)::int],
           'code', pg_temp.any_value(), 'reviewed_at', pg_temp.any_value())));
END $$;

CREATE TEMP TABLE card (n int, doc jsonb);
INSERT INTO card
SELECT i, CASE WHEN random() < 0.1 THEN pg_temp.random_json(3) ELSE base END
FROM (SELECT i, (SELECT role_card_json(code) FROM role ORDER BY random() LIMIT 1) AS base
      FROM generate_series(1, :cards) i) s;
DO $$
DECLARE
  c record;
  d jsonb;
BEGIN
  FOR c IN SELECT n, doc FROM card WHERE random() < 0.85 ORDER BY n LOOP
    d := c.doc;
    FOR k IN 1 .. 1 + floor(random() * 3)::int LOOP
      d := pg_temp.mutate(d);
    END LOOP;
    UPDATE card SET doc = d WHERE n = c.n;
  END LOOP;
END $$;
-- What importing does, rolled back: 'imported' or 'SQLSTATE: message'.
-- A card that imports must export a card that validates and imports
-- back to the same export.
CREATE FUNCTION pg_temp.outcome(doc jsonb, single boolean) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  st text;
  msg text;
  code rolecode;
  exported jsonb;
BEGIN
  IF single THEN
    code := import_role_card(doc);
    exported := role_card_json(code);
    IF EXISTS (SELECT FROM validate_role_card(exported)) THEN
      RAISE SQLSTATE 'RXF01' USING MESSAGE = 'the export of ' || code || ' does not validate';
    END IF;
    PERFORM import_role_card(exported);
    IF role_card_json(code) IS DISTINCT FROM exported THEN
      RAISE SQLSTATE 'RXF01' USING MESSAGE = 'the export of ' || code || ' does not import back unchanged';
    END IF;
  ELSE
    PERFORM import_role_cards(doc);
  END IF;
  RAISE SQLSTATE 'RXF00';                    -- roll the import back
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
  RETURN CASE WHEN st = 'RXF00' THEN 'imported' ELSE st || ': ' || msg END;
END $$;

-- The kind of a problem: its text without paths, quoted values and numbers.
CREATE FUNCTION pg_temp.kind_of(problem text) RETURNS text LANGUAGE sql AS $$
  SELECT regexp_replace(regexp_replace(problem, '^22023: invalid role card: [^ ]*: ', ''),
                        '("[^"]*"|\m[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)*\M|[0-9]+|\{.*\}|\[.*\])', '#', 'g')
$$;

CREATE TEMP TABLE result AS
SELECT 'card ' || n AS what, doc,
       coalesce((SELECT '22023: invalid role card: ' || v.path || ': ' || v.problem FROM validate_role_card(doc) v LIMIT 1),
                'imported') AS expected,
       pg_temp.outcome(doc, true) AS got
FROM card;

-- Batches of five cards, mostly valid ones (one in four batches holds a
-- card that is not), in a random order.
CREATE TEMP TABLE batch AS
SELECT b, jsonb_agg(doc ORDER BY random()) AS doc
FROM (SELECT 1 + (row_number() OVER (ORDER BY random()) - 1) % :batches AS b, doc
      FROM result WHERE expected = 'imported' OR random() < 0.05) s
GROUP BY b;
INSERT INTO result
SELECT 'batch ' || b, doc,
       coalesce((SELECT '22023: invalid role card: ' || v.path || ': ' || v.problem FROM validate_role_cards(doc) v LIMIT 1),
                'imported'),
       pg_temp.outcome(doc, false)
FROM batch;

SELECT 'cards: ' || count(*) FILTER (WHERE what LIKE 'card %')
       || ', valid ' || count(*) FILTER (WHERE what LIKE 'card %' AND expected = 'imported')
       || '; batches: ' || count(*) FILTER (WHERE what LIKE 'batch %')
       || ', valid ' || count(*) FILTER (WHERE what LIKE 'batch %' AND expected = 'imported')
       || '; kinds of problem: ' || count(DISTINCT pg_temp.kind_of(expected))
       || '; disagreements: ' || count(*) FILTER (WHERE expected IS DISTINCT FROM got)
FROM result;
SELECT count(*) || ' x ' || pg_temp.kind_of(expected) FROM result GROUP BY pg_temp.kind_of(expected) ORDER BY count(*) DESC;
SELECT 'DISAGREE ' || what || E'\n  validation: ' || expected || E'\n  import:     ' || got
       || E'\n  document:   ' || left(doc::text, 600)
FROM result WHERE expected IS DISTINCT FROM got LIMIT 10;
SQL
)
echo "$out"
summary=$(echo "$out" | grep '^cards: ')
# agreement on every card and batch, and enough of both kinds to mean something
echo "$summary" | grep -q '; disagreements: 0$'
valid=$(echo "$summary" | sed -n 's/^cards: [0-9]*, valid \([0-9]*\);.*/\1/p')
batches=$(echo "$summary" | sed -n 's/.*batches: [0-9]*, valid \([0-9]*\);.*/\1/p')
kinds=$(echo "$summary" | sed -n 's/.*kinds of problem: \([0-9]*\);.*/\1/p')
[ "$valid" -ge 50 ] && [ "$batches" -ge 10 ] && [ "$kinds" -ge 40 ]
