-- Role cards at scale (issue #5): import 20,000 generated cards with
-- import_role_card one by one and with import_role_cards as one batch, then
-- read role_card and role_soc for all of them.
-- Goals: import at least 1,000 cards/s; a full role_soc scan under 1 s.
-- Baselines in the same run: the same cards bulk-inserted with plain
-- set-based INSERTs (no validation, no upsert: the floor), and the
-- role/mapping tables scanned directly.
\i bench/lib.sql
SET search_path = public, roleext;
\o /dev/null
SET max_parallel_workers_per_gather = 0;

DELETE FROM roleext.mapping; DELETE FROM roleext.role_alias; DELETE FROM roleext.role_component;
DELETE FROM roleext.role; DELETE FROM roleext.component;
DELETE FROM roleext.taxonomy WHERE kind = 'specialization'; DELETE FROM roleext.taxonomy WHERE kind = 'function';
DELETE FROM roleext.taxonomy;

-- 5 superfunctions x 20 functions x 20 specializations x 10 levels = 20,000 cards,
-- each with 20 components, 3 aliases and (one in four) a mapping.
DROP TABLE IF EXISTS bc_cards;
CREATE TABLE bc_cards AS
SELECT n, jsonb_build_object(
  'code', fn || '.SPEC' || sp || '.' || lvl,
  'title', 'Role ' || fn || ' ' || sp || ' ' || lvl,
  'summary', 'Generated role ' || n || ' for the benchmark.',
  'taxonomy', jsonb_build_array(
     jsonb_build_object('code', 'SF' || sf, 'kind', 'superfunction', 'name', 'Superfunction ' || sf,
                        'mappings', jsonb_build_array(jsonb_build_object('code', (ARRAY['15-0000','13-0000','41-0000','11-0000','29-0000'])[sf], 'review_status', 'approved'))),
     jsonb_build_object('code', fn, 'kind', 'function', 'name', 'Function ' || fn),
     jsonb_build_object('code', fn || '.SPEC' || sp, 'kind', 'specialization', 'name', 'Specialization ' || sp)),
  'story', jsonb_build_object('who', 'People who do generated work.', 'plan', jsonb_build_array('Step one', 'Step two')),
  'components', jsonb_build_object(
     'responsibilities', (SELECT jsonb_agg(jsonb_build_object('name', 'Responsibility ' || ((n + i) % 500), 'prevalence', 'common', 'scope', 'level')) FROM generate_series(1, 5) i),
     'tasks', (SELECT jsonb_agg(jsonb_build_object('name', 'Task ' || ((n + i) % 500))) FROM generate_series(1, 3) i),
     'skills', (SELECT jsonb_agg(jsonb_build_object('name', 'Skill ' || ((n * 7 + i) % 300), 'prevalence', 'core')) FROM generate_series(1, 5) i),
     'knowledge', (SELECT jsonb_agg(jsonb_build_object('name', 'Knowledge ' || ((n + i) % 200))) FROM generate_series(1, 3) i),
     'competencies', (SELECT jsonb_agg(jsonb_build_object('name', 'Competency ' || ((n + i) % 50))) FROM generate_series(1, 2) i),
     'qualifications', (SELECT jsonb_agg(jsonb_build_object('name', 'Qualification ' || ((n + i) % 40))) FROM generate_series(1, 2) i)),
  'aliases', jsonb_build_array(
     jsonb_build_object('alias', 'Alias A ' || n, 'type', 'official', 'confidence', 0.9),
     jsonb_build_object('alias', 'Alias B ' || n, 'confidence', 0.6),
     jsonb_build_object('alias', 'Alias C ' || n, 'type', 'abbreviation', 'confidence', '45%')),
  'mappings', CASE WHEN n % 4 = 0 THEN jsonb_build_array(jsonb_build_object('code', '15-1252', 'source', 'autocoded', 'confidence', 0.7))
                   ELSE '[]'::jsonb END) AS card
FROM (SELECT row_number() OVER () AS n, sf, 'F' || sf || '_' || fi AS fn, sp, lvl
      FROM generate_series(1, 5) sf, generate_series(1, 20) fi, generate_series(1, 20) sp,
           unnest('{P1,P2,P3,P4,P5,P6,M1,M2,M3,M4}'::text[]) lvl) g;

-- emptying the tables between parts
CREATE OR REPLACE FUNCTION pg_temp.bc_reset() RETURNS void LANGUAGE sql AS $$
  DELETE FROM roleext.mapping; DELETE FROM roleext.role_alias; DELETE FROM roleext.role_component;
  DELETE FROM roleext.role; DELETE FROM roleext.component;
  DELETE FROM roleext.taxonomy WHERE kind = 'specialization'; DELETE FROM roleext.taxonomy WHERE kind = 'function';
  DELETE FROM roleext.taxonomy;
$$;
-- validation alone (card_parse + the lookups of validate_role_card) against
-- reading each card's JSON type: the floor of touching every card
SELECT bench.time('card validation', 'validate_role_card', $$SELECT count(*) FROM bc_cards, roleext.validate_role_card(card)$$);
SELECT bench.time('card validation', 'jsonb_typeof (floor)', $$SELECT count(jsonb_typeof(card)) FROM bc_cards$$);

-- Each timed import starts from empty tables (TRUNCATE inside the timed
-- query, as the baseline does), so that bench.time's warm-up does not turn
-- the timed run into a re-import; re-imports are timed on their own.
CREATE OR REPLACE FUNCTION pg_temp.bc_truncate() RETURNS void LANGUAGE sql AS $$
  TRUNCATE roleext.mapping, roleext.role_alias, roleext.role_component, roleext.role, roleext.component,
           roleext.taxonomy CASCADE;
$$;
CREATE TEMP TABLE bc_batch AS SELECT jsonb_agg(card ORDER BY n) AS cards FROM bc_cards;
CREATE OR REPLACE FUNCTION pg_temp.bc_import_one_by_one() RETURNS bigint LANGUAGE sql AS $$
  SELECT pg_temp.bc_truncate();
  SELECT count(roleext.import_role_card(card)) FROM bc_cards;
$$;
CREATE OR REPLACE FUNCTION pg_temp.bc_import_batch() RETURNS bigint LANGUAGE sql AS $$
  SELECT pg_temp.bc_truncate();
  SELECT count(*) FROM roleext.import_role_cards((SELECT cards FROM bc_batch));
$$;

-- subjects: one import_role_card call per card, in one statement; the same
-- cards as one batch (import_role_cards); then each again over the
-- imported cards, where nothing changes
SELECT bench.time('card import', 'import_role_card', $$SELECT pg_temp.bc_import_one_by_one()$$, 1);
SELECT bench.time('card re-import', 'import_role_card (unchanged cards)', $$SELECT count(roleext.import_role_card(card)) FROM bc_cards$$, 1);
SELECT bench.time('card import', 'import_role_cards (batch)', $$SELECT pg_temp.bc_import_batch()$$, 1);
SELECT bench.time('card re-import', 'import_role_cards (unchanged batch)', $$SELECT count(*) FROM roleext.import_role_cards((SELECT cards FROM bc_batch))$$, 1);

-- baseline: the same rows with plain set-based INSERTs (emptying the tables
-- first, so that bench.time's warm-up and timed run each start empty)
SELECT pg_temp.bc_reset();
CREATE TEMP TABLE bc_kinds AS
  SELECT k AS kind, roleext.card_component_member(k) AS member FROM unnest(enum_range(NULL::roleext.component_kind)) k;
CREATE OR REPLACE FUNCTION pg_temp.bc_bulk() RETURNS void LANGUAGE sql AS $f$
  TRUNCATE roleext.mapping, roleext.role_alias, roleext.role_component, roleext.role, roleext.component,
           roleext.taxonomy CASCADE;
  WITH t AS (
    INSERT INTO roleext.taxonomy (code, kind, name, parent)
    SELECT DISTINCT ON (x->>'code') (x->>'code')::roleext.rolecode, (x->>'kind')::roleext.node_kind, x->>'name', NULL
    FROM bc_cards, jsonb_array_elements(card->'taxonomy') x WHERE x->>'kind' = 'superfunction'
    ON CONFLICT DO NOTHING RETURNING 1)
  SELECT count(*) FROM t;
  INSERT INTO roleext.taxonomy (code, kind, name, parent)
  SELECT DISTINCT ON (card->'taxonomy'->1->>'code') (card->'taxonomy'->1->>'code')::roleext.rolecode, 'function', card->'taxonomy'->1->>'name',
         (card->'taxonomy'->0->>'code')::roleext.rolecode FROM bc_cards ON CONFLICT DO NOTHING;
  INSERT INTO roleext.taxonomy (code, kind, name, parent)
  SELECT DISTINCT ON (card->'taxonomy'->2->>'code') (card->'taxonomy'->2->>'code')::roleext.rolecode, 'specialization', card->'taxonomy'->2->>'name',
         (card->'taxonomy'->1->>'code')::roleext.rolecode FROM bc_cards ON CONFLICT DO NOTHING;
  INSERT INTO roleext.role (code, title, summary, story_who)
  SELECT (card->>'code')::roleext.rolecode, card->>'title', card->>'summary', card->'story'->>'who' FROM bc_cards;
  INSERT INTO roleext.component (kind, name)
  SELECT DISTINCT kinds.kind, x->>'name'
  FROM bc_cards, jsonb_each(card->'components') g(k, a), jsonb_array_elements(a) x, pg_temp.bc_kinds kinds
  WHERE kinds.member = g.k ON CONFLICT DO NOTHING;
  INSERT INTO roleext.role_component (role, kind, name, prevalence, scope, position)
  SELECT (card->>'code')::roleext.rolecode, kinds.kind, x->>'name',
         coalesce(x->>'prevalence', 'common')::roleext.component_prevalence, coalesce(x->>'scope', 'role')::roleext.component_scope, o
  FROM bc_cards, jsonb_each(card->'components') g(k, a), jsonb_array_elements(a) WITH ORDINALITY e(x, o), pg_temp.bc_kinds kinds
  WHERE kinds.member = g.k;
  INSERT INTO roleext.role_alias (role, alias, alias_type, confidence)
  SELECT (card->>'code')::roleext.rolecode, x->>'alias', coalesce(x->>'type', 'common')::roleext.alias_type, (x->>'confidence')::roleext.confidence
  FROM bc_cards, jsonb_array_elements(card->'aliases') x;
  INSERT INTO roleext.mapping (role, soc, source, confidence)
  SELECT (card->>'code')::roleext.rolecode, (x->>'code')::roleext.soccode, (x->>'source')::roleext.mapping_source, (x->>'confidence')::roleext.confidence
  FROM bc_cards, jsonb_array_elements(card->'mappings') x;
  INSERT INTO roleext.mapping (node, soc, review_status)
  SELECT DISTINCT ON (card->'taxonomy'->0->>'code') (card->'taxonomy'->0->>'code')::roleext.rolecode,
         (card->'taxonomy'->0->'mappings'->0->>'code')::roleext.soccode, 'approved' FROM bc_cards;
$f$;
SELECT bench.time('card import', 'bulk INSERT (floor)', $$SELECT pg_temp.bc_bulk()$$, 1);
-- leave the imported state for the reads
SELECT pg_temp.bc_import_batch();
VACUUM ANALYZE roleext.role, roleext.taxonomy, roleext.mapping, roleext.role_component, roleext.role_alias, roleext.component;

SELECT bench.time('role_soc scan', 'role_soc', $$SELECT count(*), count(major_title) FROM roleext.role_soc$$);
SELECT bench.time('role_soc scan', 'role JOIN mapping (floor)', $$SELECT count(*) FROM roleext.role r LEFT JOIN roleext.mapping m ON m.role = r.code$$);
SELECT bench.time('role_card scan', 'role_card', $$SELECT count(*), sum(skills) FROM roleext.role_card$$);
SELECT bench.time('role_card scan', 'role JOIN level (floor)', $$SELECT count(*) FROM roleext.role r JOIN roleext.level l ON l.code = r.level$$);
SELECT bench.time('card export', 'role_card_json', $$SELECT count(roleext.role_card_json(code)) FROM roleext.role$$, 1);
SELECT bench.time('card export', 'row_to_json(role) (floor)', $$SELECT count(row_to_json(r)) FROM roleext.role r$$, 1);

\o
SELECT 'card import: ' || variant AS bench, round(20000 / (ms / 1000))::text || ' cards/s' AS throughput, '>= 1000 cards/s' AS goal,
       CASE WHEN 20000 / (ms / 1000) >= 1000 THEN 'yes' ELSE 'NO' END AS met
FROM bench.result WHERE bench = 'card import' AND variant IN ('import_role_card', 'import_role_cards (batch)')
UNION ALL
SELECT 'card re-import: ' || variant, round(20000 / (ms / 1000))::text || ' cards/s', '(for information)', ''
FROM bench.result WHERE bench = 'card re-import'
UNION ALL
SELECT 'role_soc scan', round(ms::numeric, 1) || ' ms', '< 1000 ms', CASE WHEN ms < 1000 THEN 'yes' ELSE 'NO' END
FROM bench.result WHERE bench = 'role_soc scan' AND variant = 'role_soc'
UNION ALL
SELECT 'card validation', round((1000 * ms / 20000)::numeric, 1) || ' µs/card', '(for information)', ''
FROM bench.result WHERE bench = 'card validation' AND variant = 'validate_role_card';
SELECT * FROM bench.compare('card import', 'import_role_card', 'bulk INSERT (floor)', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('card import', 'import_role_cards (batch)', 'bulk INSERT (floor)', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('card import', 'import_role_cards (batch)', 'import_role_card', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('card validation', 'validate_role_card', 'jsonb_typeof (floor)', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('role_soc scan', 'role_soc', 'role JOIN mapping (floor)', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('role_card scan', 'role_card', 'role JOIN level (floor)', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('card export', 'role_card_json', 'row_to_json(role) (floor)', 'Infinity', '(for information)');

SELECT pg_temp.bc_reset();
DROP TABLE bc_cards;
DROP TABLE bc_batch;
