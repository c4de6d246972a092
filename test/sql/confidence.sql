-- confidence: literals, errors, output, order, & and |, bands, aggregates
-- (serial and parallel), casts, round trips, hashing, indexes.
\i test/setup.sql
SELECT plan(207);

-- the type and its functions exist and are documented
SELECT has_type('roleext', 'confidence', 'type confidence exists');
SELECT has_type('roleext', 'confband', 'type confband exists');
SELECT is(obj_description('roleext.confidence'::regtype, 'pg_type') IS NOT NULL, true, 'confidence has a comment');
SELECT is((SELECT typlen FROM pg_type WHERE oid = 'confidence'::regtype), 2::int2, 'confidence is 2 bytes');
SELECT is((SELECT typbyval FROM pg_type WHERE oid = 'confidence'::regtype), true, 'confidence is passed by value');
SELECT is(
  (SELECT string_agg(oid::regprocedure::text, ', ' ORDER BY oid::regprocedure::text) FROM pg_proc
    WHERE pronamespace = 'roleext'::regnamespace AND prokind = 'f'
      AND ('confidence'::regtype::oid = ANY (proargtypes) OR prorettype = 'confidence'::regtype
           OR proname LIKE 'confidence%')
      AND proname NOT IN ('confidence_all_trans', 'confidence_any_trans')
      AND NOT (provolatile = 'i' AND proisstrict AND proparallel = 's')), NULL,
  'confidence functions are IMMUTABLE STRICT PARALLEL SAFE');
SELECT is(
  (SELECT string_agg(format('%s %s%s%s', proname, provolatile, proisstrict, proparallel), ', ' ORDER BY proname)
     FROM pg_proc WHERE pronamespace = 'roleext'::regnamespace
      AND proname IN ('confidence_all_trans', 'confidence_any_trans')),
  'confidence_all_trans ifs, confidence_any_trans ifs',
  'the transition functions are IMMUTABLE PARALLEL SAFE and deliberately not strict');
SELECT is(
  (SELECT string_agg(format('%s:%s:%s', p.proname, a.aggcombinefn, p.proparallel), ', ' ORDER BY p.proname)
     FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
    WHERE p.pronamespace = 'roleext'::regnamespace AND p.proname LIKE 'confidence\_%'),
  'confidence_all:confidence_agg_combine:s, confidence_any:confidence_agg_combine:s',
  'both aggregates are PARALLEL SAFE with a combine function');

-- valid literals, one by one
SELECT is('0.6'::confidence::text, '0.60', '0.6');
SELECT is('0.60'::confidence::text, '0.60', '0.60');
SELECT is('.6'::confidence::text, '0.60', '.6');
SELECT is('60%'::confidence::text, '0.60', '60%');
SELECT is('60.5%'::confidence::text, '0.605', '60.5%');
SELECT is('60.51%'::confidence::text, '0.6051', '60.51%');
SELECT is('60 %'::confidence::text, '0.60', 'a space before %');
SELECT is('1'::confidence::text, '1.00', '1');
SELECT is('0'::confidence::text, '0.00', '0');
SELECT is('1.0000'::confidence::text, '1.00', '1.0000');
SELECT is('1.'::confidence::text, '1.00', '1.');
SELECT is('100%'::confidence::text, '1.00', '100%');
SELECT is('0%'::confidence::text, '0.00', '0%');
SELECT is('0.01%'::confidence::text, '0.0001', '0.01%');
SELECT is('0.0001'::confidence::text, '0.0001', 'the smallest step');
SELECT is('0.6051'::confidence::text, '0.6051', 'four decimals');
SELECT is('0.60000'::confidence::text, '0.60', 'extra zero decimals are accepted');
SELECT is('0.605000000000000000000'::confidence::text, '0.605', 'many extra zero decimals are accepted');
SELECT is(E' \t0.5\n'::confidence::text, '0.50', 'white space is trimmed');
SELECT is('+0.5'::confidence::text, '0.50', 'a plus sign');
SELECT is('-0'::confidence::text, '0.00', 'minus zero is zero');
SELECT is((repeat('0', 5000) || '.25')::confidence::text, '0.25', '5000 leading zeros');

-- out of range: 22003 with the text quoted and a detail sentence
SELECT throws_ok($$SELECT '1.01'::confidence$$, '22003', 'value "1.01" is out of range for type confidence', 'above 1');
SELECT throws_ok($$SELECT '101%'::confidence$$, '22003', 'value "101%" is out of range for type confidence', 'above 100%');
SELECT throws_ok($$SELECT '-0.1'::confidence$$, '22003', 'value "-0.1" is out of range for type confidence', 'below 0');
SELECT throws_ok($$SELECT '-1%'::confidence$$, '22003', 'value "-1%" is out of range for type confidence', 'below 0%');
SELECT throws_ok($$SELECT '1.00001'::confidence$$, '22003', 'value "1.00001" is out of range for type confidence', 'just above 1, in the 5th decimal');
SELECT throws_ok($$SELECT '2'::confidence$$, '22003', 'value "2" is out of range for type confidence', '2');
SELECT throws_ok($$SELECT '$$ || repeat('9', 5000) || $$'::confidence$$, '22003', NULL, 'a 5000-digit number does not wrap around');
SELECT is(pg_temp.error_of($$SELECT '1.01'::confidence$$),
  '22003: value "1.01" is out of range for type confidence / A confidence is at most 1.', 'above 1: detail');
SELECT is(pg_temp.error_of($$SELECT '101%'::confidence$$),
  '22003: value "101%" is out of range for type confidence / A confidence is at most 100%.', 'above 100%: detail');
SELECT is(pg_temp.error_of($$SELECT '-0.1'::confidence$$),
  '22003: value "-0.1" is out of range for type confidence / A confidence is at least 0.', 'below 0: detail');

-- malformed: 22P02 with the text quoted and a detail sentence
SELECT throws_ok($$SELECT ''::confidence$$, '22P02', 'invalid input syntax for type confidence: ""', 'empty');
SELECT throws_ok($$SELECT '   '::confidence$$, '22P02', 'invalid input syntax for type confidence: "   "', 'blank');
SELECT throws_ok($$SELECT 'NaN'::confidence$$, '22P02', 'invalid input syntax for type confidence: "NaN"', 'NaN');
SELECT throws_ok($$SELECT 'Infinity'::confidence$$, '22P02', 'invalid input syntax for type confidence: "Infinity"', 'Infinity');
SELECT throws_ok($$SELECT '-Infinity'::confidence$$, '22P02', 'invalid input syntax for type confidence: "-Infinity"', '-Infinity');
SELECT throws_ok($$SELECT 'abc'::confidence$$, '22P02', 'invalid input syntax for type confidence: "abc"', 'garbage');
SELECT throws_ok($$SELECT 'high'::confidence$$, '22P02', 'invalid input syntax for type confidence: "high"', 'a band is not a confidence');
SELECT throws_ok($$SELECT '0.6x'::confidence$$, '22P02', 'invalid input syntax for type confidence: "0.6x"', 'trailing garbage');
SELECT throws_ok($$SELECT '0,6'::confidence$$, '22P02', 'invalid input syntax for type confidence: "0,6"', 'decimal comma');
SELECT throws_ok($$SELECT '0.6.1'::confidence$$, '22P02', 'invalid input syntax for type confidence: "0.6.1"', 'two points');
SELECT throws_ok($$SELECT '6e-1'::confidence$$, '22P02', 'invalid input syntax for type confidence: "6e-1"', 'exponent');
SELECT throws_ok($$SELECT '.'::confidence$$, '22P02', 'invalid input syntax for type confidence: "."', 'a point alone');
SELECT throws_ok($$SELECT '%'::confidence$$, '22P02', 'invalid input syntax for type confidence: "%"', 'a percent sign alone');
SELECT throws_ok($$SELECT '60%%'::confidence$$, '22P02', 'invalid input syntax for type confidence: "60%%"', 'two percent signs');
SELECT throws_ok($$SELECT '0.60001'::confidence$$, '22P02', 'invalid input syntax for type confidence: "0.60001"', 'five decimals');
SELECT throws_ok($$SELECT '0.00001'::confidence$$, '22P02', 'invalid input syntax for type confidence: "0.00001"', 'below the smallest step');
SELECT throws_ok($$SELECT '60.123%'::confidence$$, '22P02', 'invalid input syntax for type confidence: "60.123%"', 'three decimals in a percentage');
SELECT throws_ok($$SELECT E'0.5\u00a0'::confidence$$, '22P02', NULL, 'a no-break space is not trimmed');
SELECT is(pg_temp.error_of($$SELECT ''::confidence$$),
  '22P02: invalid input syntax for type confidence: "" / A confidence is a number from 0 to 1 with at most four decimals, such as 0.6, .6, 0.60 or 60%.',
  'empty: detail says what a confidence is');
SELECT is(pg_temp.error_of($$SELECT 'NaN'::confidence$$),
  '22P02: invalid input syntax for type confidence: "NaN" / NaN is not a confidence. A confidence is a number from 0 to 1.', 'NaN: detail');
SELECT is(pg_temp.error_of($$SELECT 'Infinity'::confidence$$),
  '22P02: invalid input syntax for type confidence: "Infinity" / Infinity is not a confidence. A confidence is a number from 0 to 1.', 'Infinity: detail');
SELECT is(pg_temp.error_of($$SELECT '0.6x'::confidence$$),
  '22P02: invalid input syntax for type confidence: "0.6x" / Unexpected character "x" at position 4; A confidence is a number from 0 to 1 with at most four decimals, such as 0.6, .6, 0.60 or 60%.',
  'garbage: detail names the character and its position');
SELECT is(pg_temp.error_of($$SELECT '0.60001'::confidence$$),
  '22P02: invalid input syntax for type confidence: "0.60001" / A confidence has at most four decimals, such as 0.6051; text input never rounds.',
  'five decimals: detail');
SELECT is(pg_temp.error_of($$SELECT '60.123%'::confidence$$),
  '22P02: invalid input syntax for type confidence: "60.123%" / A percentage has at most two decimals, such as 60.51%; text input never rounds.',
  'percentage decimals: detail');
SELECT is(pg_temp.error_of($$SELECT '.'::confidence$$),
  '22P02: invalid input syntax for type confidence: "." / A confidence needs at least one digit. A confidence is a number from 0 to 1 with at most four decimals, such as 0.6, .6, 0.60 or 60%.',
  'no digit: detail');

-- output: two decimals, more only when needed
SELECT is(
  (SELECT string_agg(c::text, ' ' ORDER BY c) FROM unnest('{0.6051,1,0,0.605,0.6,0.0001,0.05,0.005,0.99}'::confidence[]) c),
  '0.00 0.0001 0.005 0.05 0.60 0.605 0.6051 0.99 1.00', 'output forms, in order');

-- text round trip of every one of the 10001 values
SELECT is(
  (SELECT count(*) FROM generate_series(0, 10000) i
    WHERE (i / 10000.0)::confidence::text::confidence <> (i / 10000.0)::confidence
       OR (i / 10000.0)::confidence::numeric <> i / 10000.0), 0::bigint,
  'text round trip of all 10001 confidences');
SELECT is((SELECT count(DISTINCT (i / 10000.0)::confidence::text) FROM generate_series(0, 10000) i), 10001::bigint,
  'the 10001 confidences have 10001 distinct texts');

-- order and comparison
SELECT ok('0.5'::confidence < '0.6', '0.5 < 0.6');
SELECT ok('0.6'::confidence = '60%', '0.6 = 60%');
SELECT ok('0.6'::confidence = '0.60', '0.6 = 0.60');
SELECT ok('0.6'::confidence <> '0.6001', '0.6 <> 0.6001');
SELECT ok('0.6'::confidence <= '0.6', '<= on equal');
SELECT ok('0.6001'::confidence > '0.6', '>');
SELECT ok('1'::confidence >= '0.9999', '>=');
SELECT ok(NOT ('0.6'::confidence < '0.6'), 'not < on equal');
SELECT is(sign(confidence_cmp('0.5', '0.6'))::int, -1, 'cmp negative');
SELECT is(confidence_cmp('0.6', '60%'), 0, 'cmp zero');
SELECT is(sign(confidence_cmp('1', '0'))::int, 1, 'cmp positive');
SELECT is(
  (SELECT string_agg(c::text, ' ' ORDER BY c DESC) FROM unnest('{0.5,1,0,0.0001,0.9999,0.6}'::confidence[]) c),
  '1.00 0.9999 0.60 0.50 0.0001 0.00', 'ORDER BY DESC');
SELECT is(
  (SELECT count(*) FROM generate_series(0, 9999) i
    WHERE NOT ((i / 10000.0)::confidence < ((i + 1) / 10000.0)::confidence)
       OR NOT (confidence_cmp((i / 10000.0)::confidence, ((i + 1) / 10000.0)::confidence) < 0)), 0::bigint,
  'each of the 10001 confidences is below the next');
SELECT is((SELECT min(c)::text || ' ' || max(c)::text FROM unnest('{0.6,0.0001,NULL,0.9999,0.5}'::confidence[]) c),
  '0.0001 0.9999', 'min and max');
SELECT is((SELECT min(c) FROM unnest('{}'::confidence[]) c), NULL, 'min of no rows is NULL');

-- & and |: the exact result rounded to 4 decimals, ties up
SELECT is('0.6'::confidence & '0.5', '0.30'::confidence, '0.6 & 0.5 = 0.30');
SELECT is('0.6'::confidence | '0.5', '0.80'::confidence, '0.6 | 0.5 = 0.80');
SELECT is('0.0001'::confidence & '0.5', '0.0001'::confidence, '& rounds the tie 0.00005 up');
SELECT is('0.0001'::confidence & '0.4999', '0'::confidence, '& rounds 0.00004999 down');
SELECT is('0.5001'::confidence & '0.5001', '0.2501'::confidence, '& rounds 0.25010001 down');
SELECT is('0.5'::confidence | '0.0001', '0.5001'::confidence, '| rounds the tie 0.50005 up');
SELECT is('0.4999'::confidence | '0.0001', '0.50'::confidence, '| rounds 0.49995001 up');
SELECT is('0.0001'::confidence | '0.0001', '0.0002'::confidence, '| rounds 0.00019999 up');
SELECT is('0.6'::confidence & '1', '0.6'::confidence, '1 is the identity of &');
SELECT is('0.6'::confidence & '0', '0'::confidence, '0 absorbs &');
SELECT is('0.6'::confidence | '0', '0.6'::confidence, '0 is the identity of |');
SELECT is('0.6'::confidence | '1', '1'::confidence, '1 absorbs |');
SELECT is('0.6'::confidence & '0.5' | '0.5', '0.65'::confidence, '& and | are left-associative at equal precedence');
CREATE TEMP TABLE cf_grid AS
  SELECT DISTINCT v::confidence AS c FROM (
    SELECT i / 10000.0 AS v FROM generate_series(0, 10000, 97) i
    UNION ALL SELECT i / 10000.0 FROM generate_series(0, 30) i
    UNION ALL SELECT i / 10000.0 FROM generate_series(9970, 10000) i
    UNION ALL SELECT unnest('{0.5,0.4999,0.5001,0.25,0.125,0.0625,0.2,0.8,0.3333,0.6667}'::numeric[])) s;
SELECT cmp_ok((SELECT count(*) FROM cf_grid), '>', 150::bigint, 'the grid has over 150 values');
SELECT is(
  (SELECT count(*) FROM cf_grid a, cf_grid b
    WHERE (a.c & b.c)::numeric <> round(a.c::numeric * b.c::numeric, 4)), 0::bigint,
  'a & b equals round(a * b, 4) in numeric on every pair of the grid');
SELECT is(
  (SELECT count(*) FROM cf_grid a, cf_grid b
    WHERE (a.c | b.c)::numeric <> round(1 - (1 - a.c::numeric) * (1 - b.c::numeric), 4)), 0::bigint,
  'a | b equals round(1 - (1 - a)(1 - b), 4) in numeric on every pair of the grid');
SELECT is(
  (SELECT count(*) FROM cf_grid a, cf_grid b
    WHERE a.c & b.c <> b.c & a.c OR a.c | b.c <> b.c | a.c
       OR a.c & b.c > least(a.c, b.c) OR a.c | b.c < greatest(a.c, b.c)), 0::bigint,
  '& and | commute; a & b is at most the smaller, a | b at least the larger');

-- bands
SELECT is(confidence_band('0'), 'low'::confband, '0 is low');
SELECT is(confidence_band('0.4999'), 'low'::confband, '0.4999 is low');
SELECT is(confidence_band('0.5'), 'medium'::confband, '0.50 is medium');
SELECT is(confidence_band('0.6'), 'medium'::confband, '0.60 is medium (the seed card''s alias)');
SELECT is(confidence_band('0.7999'), 'medium'::confband, '0.7999 is medium');
SELECT is(confidence_band('0.8'), 'high'::confband, '0.80 is high');
SELECT is(confidence_band('1'), 'high'::confband, '1 is high');
SELECT is(confidence_band(NULL), NULL, 'confidence_band is strict');
SELECT ok('low'::confband < 'medium' AND 'medium'::confband < 'high', 'bands are ordered low < medium < high');
SELECT is(
  (SELECT string_agg(b::text || '=' || n, ' ' ORDER BY b)
     FROM (SELECT confidence_band((i / 10000.0)::confidence) b, count(*) n FROM generate_series(0, 10000) i GROUP BY 1) s),
  'low=5000 medium=3000 high=2001', 'bands over all 10001 values');

-- aggregates: small groups, NULLs, empty groups
SELECT is((SELECT confidence_all(c) FROM unnest('{0.6,0.5}'::confidence[]) c), '0.30'::confidence, 'confidence_all of 0.6, 0.5');
SELECT is((SELECT confidence_any(c) FROM unnest('{0.6,0.5}'::confidence[]) c), '0.80'::confidence, 'confidence_any of 0.6, 0.5');
SELECT is((SELECT confidence_all(c) FROM unnest('{0.9,0.9,0.9}'::confidence[]) c), '0.729'::confidence, 'confidence_all of three 0.9');
SELECT is((SELECT confidence_any(c) FROM unnest('{0.5,0.5,0.5}'::confidence[]) c), '0.875'::confidence, 'confidence_any of three 0.5');
SELECT is((SELECT confidence_all(c) FROM unnest('{0.5,0.5,0.5,0.5,0.5}'::confidence[]) c), '0.0313'::confidence, 'confidence_all rounds the tie 0.03125 up');
SELECT is((SELECT confidence_any(c) FROM unnest('{0.5,0.5,0.5,0.5,0.5}'::confidence[]) c), '0.9688'::confidence, 'confidence_any rounds the tie 0.96875 up');
SELECT is((SELECT confidence_all(c) FROM unnest('{0.0001,0.5}'::confidence[]) c), '0.0001'::confidence, 'confidence_all rounds the tie 0.00005 up, as & does');
SELECT is((SELECT confidence_any(c) FROM unnest('{0.5,0.0001}'::confidence[]) c), '0.5001'::confidence, 'confidence_any rounds the tie 0.50005 up, as | does');
SELECT is((SELECT confidence_all(c) FROM unnest('{0.7}'::confidence[]) c), '0.7'::confidence, 'one value: itself (all)');
SELECT is((SELECT confidence_any(c) FROM unnest('{0.7}'::confidence[]) c), '0.7'::confidence, 'one value: itself (any)');
SELECT is((SELECT confidence_all(c) FROM unnest('{0.6,NULL,0.5}'::confidence[]) c), '0.30'::confidence, 'confidence_all skips NULLs');
SELECT is((SELECT confidence_any(c) FROM unnest('{NULL,0.6,0.5}'::confidence[]) c), '0.80'::confidence, 'confidence_any skips NULLs');
SELECT is((SELECT confidence_all(c) FROM unnest('{}'::confidence[]) c), NULL, 'confidence_all of no rows is NULL');
SELECT is((SELECT confidence_any(c) FROM unnest('{}'::confidence[]) c), NULL, 'confidence_any of no rows is NULL');
SELECT is((SELECT confidence_all(c) FROM unnest('{NULL,NULL}'::confidence[]) c), NULL, 'confidence_all of NULLs only is NULL');
SELECT is((SELECT confidence_any(c) FROM unnest('{NULL}'::confidence[]) c), NULL, 'confidence_any of NULLs only is NULL');
SELECT is((SELECT confidence_all(c) FROM unnest('{0.6,0,0.5}'::confidence[]) c), '0'::confidence, 'a 0 makes confidence_all 0');
SELECT is((SELECT confidence_any(c) FROM unnest('{0.6,1,0.5}'::confidence[]) c), '1'::confidence, 'a 1 makes confidence_any 1');
SELECT is((SELECT confidence_all('0.5') FROM generate_series(1, 100000)), '0'::confidence,
  'confidence_all of 100000 halves underflows quietly to 0');
SELECT is((SELECT confidence_any('0.5') FROM generate_series(1, 100000)), '1'::confidence,
  'confidence_any of 100000 halves is 1');
SELECT is(confidence_agg_combine(1e-200, 1e-200), 0::float8, 'the combine function lets two tiny partial products underflow to 0');
SELECT throws_ok($$SELECT float8mul(1e-200, 1e-200)$$, '22003', NULL, '(float8mul, which it replaces, would raise an error there)');
SELECT is(pg_temp.error_of($$SELECT confidence_all_final(1.5)$$),
  '22003: aggregate state 1.5 is not a product of confidences / A confidence is at most 1; this number rounds to 1.5000.',
  'the final step rejects a state that no group can produce');
SELECT throws_ok($$SELECT confidence_any_final(-0.5)$$, '22003', 'aggregate state -0.5 is not a product of confidences', 'confidence_any_final rejects a negative state');

-- aggregates against an exact numeric oracle, groups of one to three values
CREATE FUNCTION pg_temp.nmul(numeric, numeric) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT AS 'SELECT $1 * $2';
CREATE AGGREGATE pg_temp.nprod(numeric) (SFUNC = pg_temp.nmul, STYPE = numeric, INITCOND = '1');
-- (row i joins group (i - 1) / (1 + i % 3): every group gets one to three rows)
CREATE TEMP TABLE cf_small AS
  SELECT g, ((abs(hashint4(i)) % 10001) / 10000.0)::confidence AS c
  FROM generate_series(1, 60000) i, LATERAL (SELECT (i - 1) / (1 + i % 3) AS g) s;
ANALYZE cf_small;
SELECT is(
  (SELECT count(*) FROM (
     SELECT g, confidence_all(c) a, confidence_any(c) o,
            round(pg_temp.nprod(c::numeric), 4) na, round(1 - pg_temp.nprod(1 - c::numeric), 4) no
     FROM cf_small GROUP BY g) s
    WHERE a::numeric <> na OR o::numeric <> no), 0::bigint,
  'confidence_all and confidence_any equal the exactly rounded numeric products on every group');
SELECT is(
  (SELECT count(*) FROM (SELECT g, count(*) n FROM cf_small GROUP BY g) s WHERE n BETWEEN 1 AND 3), (SELECT count(DISTINCT g) FROM cf_small),
  '(the groups have one to three values)');
SELECT is(
  (SELECT count(*) FROM (SELECT confidence_all(c) a, confidence_any(c) o, min(c) x, max(c) y
                          FROM cf_small GROUP BY g HAVING count(*) = 2) s
    WHERE a <> x & y OR o <> x | y), 0::bigint,
  'on two values the aggregates equal & and |');

-- aggregates under parallel query give the serial answers.  A plain (not
-- temporary) table, since parallel workers cannot read temporary ones;
-- the transaction is rolled back at the end.
CREATE TABLE cf_par AS
  SELECT i % 1000 AS g,
         ((9900 + abs(hashint4(i)) % 101) / 10000.0)::confidence AS hi,
         ((abs(hashint4(-i)) % 101) / 10000.0)::confidence AS lo,
         CASE WHEN i % 50000 = 0 THEN '0.1'::confidence WHEN i % 7 = 0 THEN NULL ELSE '0'::confidence END AS sparse,
         CASE WHEN i % 50000 = 0 THEN '0.9'::confidence WHEN i % 7 = 0 THEN NULL ELSE '1'::confidence END AS dense
  FROM generate_series(1, 200000) i;
ANALYZE cf_par;
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE cf_serial AS
  SELECT g, confidence_all(hi) a, confidence_any(lo) o, count(*) n FROM cf_par GROUP BY g;
CREATE TEMP TABLE cf_serial_total AS
  SELECT confidence_all(hi) a, confidence_any(lo) o, confidence_any(sparse) s, confidence_all(dense) t FROM cf_par;
SELECT ok(pg_temp.plan_of('SELECT g, confidence_all(hi) FROM cf_par GROUP BY g') !~ 'Gather', 'serial plan has no Gather');
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
-- Run the parallel queries as CREATE TABLE AS under EXPLAIN ANALYZE: that
-- both shows the plan that ran and keeps the answers (pgTAP's functions
-- are not parallel safe, so a query that calls them never runs in parallel).
CREATE TEMP TABLE cf_plans AS SELECT
  pg_temp.analyze_of('CREATE TEMP TABLE cf_parallel AS
    SELECT g, confidence_all(hi) a, confidence_any(lo) o, count(*) n FROM cf_par GROUP BY g') AS grouped,
  pg_temp.analyze_of('CREATE TEMP TABLE cf_parallel_total AS
    SELECT confidence_all(hi) a, confidence_any(lo) o, confidence_any(sparse) s, confidence_all(dense) t FROM cf_par') AS total;
SELECT ok((SELECT grouped FROM cf_plans) ~ 'Finalize \w*Aggregate.*Gather.*Workers Launched: [1-9].*Partial \w*Aggregate',
  'grouped: workers ran and aggregated partially, the leader combined');
SELECT ok((SELECT total FROM cf_plans) ~ 'Finalize Aggregate.*Gather.*Workers Launched: [1-9].*Partial Aggregate',
  'whole table: workers ran Partial Aggregate under Gather');
SELECT results_eq('SELECT g, a, o, n FROM cf_parallel ORDER BY g', 'SELECT g, a, o, n FROM cf_serial ORDER BY g',
  'grouped aggregates: parallel answers equal serial ones');
SELECT results_eq('SELECT a, o, s, t FROM cf_parallel_total', 'SELECT a, o, s, t FROM cf_serial_total',
  'whole-table aggregates: parallel answers equal serial ones');
SELECT cmp_ok((SELECT count(DISTINCT a) + count(DISTINCT o) FROM cf_serial), '>', 100::bigint, '(the grouped answers are varied, not all 0 or 1)');
SELECT is((SELECT s FROM cf_serial_total), '0.3439'::confidence, 'sparse data: any of four 0.1 among zeros and NULLs = 1 - 0.9^4');
SELECT is((SELECT t FROM cf_serial_total), '0.6561'::confidence, 'sparse data: all of four 0.9 among ones = 0.9^4');
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- casts from numeric: round half away from zero, then check the range
SELECT is(0.6::confidence, '0.6'::confidence, '0.6::numeric');
SELECT is(0.60004::confidence, '0.6'::confidence, '0.60004 rounds down');
SELECT is(0.60005::confidence, '0.6001'::confidence, '0.60005 rounds up');
SELECT is(0.600049999999999999::confidence, '0.6'::confidence, '0.600049999999999999 rounds down');
SELECT is(1.00004::confidence, '1'::confidence, '1.00004 rounds to 1');
SELECT is((-0.00004)::confidence, '0'::confidence, '-0.00004 rounds to 0');
SELECT is(0::numeric::confidence, '0'::confidence, '0');
SELECT is(1::numeric::confidence, '1'::confidence, '1');
SELECT is(1e-1000::confidence, '0'::confidence, '1e-1000 rounds to 0');
SELECT throws_ok($$SELECT 1.00005::confidence$$, '22003', 'value "1.00005" is out of range for type confidence', '1.00005 rounds above 1');
SELECT throws_ok($$SELECT (-0.00005)::confidence$$, '22003', 'value "-0.00005" is out of range for type confidence', '-0.00005 rounds below 0');
SELECT throws_ok($$SELECT 1.5::confidence$$, '22003', 'value "1.5" is out of range for type confidence', '1.5');
SELECT throws_ok($$SELECT 1e100::confidence$$, '22003', NULL, '1e100');
SELECT throws_ok($$SELECT 'NaN'::numeric::confidence$$, '22003', 'value "NaN" is out of range for type confidence', 'numeric NaN');
SELECT throws_ok($$SELECT 'Infinity'::numeric::confidence$$, '22003', 'value "Infinity" is out of range for type confidence', 'numeric Infinity');
SELECT throws_ok($$SELECT '-Infinity'::numeric::confidence$$, '22003', 'value "-Infinity" is out of range for type confidence', 'numeric -Infinity');
SELECT is(pg_temp.error_of($$SELECT 1.00005::confidence$$),
  '22003: value "1.00005" is out of range for type confidence / A confidence is at most 1; this number rounds to 1.0001.', '1.00005: detail');
SELECT is(pg_temp.error_of($$SELECT 'NaN'::numeric::confidence$$),
  '22003: value "NaN" is out of range for type confidence / NaN is not a confidence. A confidence is a number from 0 to 1.', 'NaN: detail');

-- casts from float8: read at 15 significant digits, as float8::numeric is
SELECT is(0.6::float8::confidence, '0.6'::confidence, '0.6::float8');
SELECT is(0.60005::float8::confidence, '0.6001'::confidence, '0.60005::float8 rounds up (its 15-digit reading is 0.60005)');
SELECT is((0.1::float8 + 0.2::float8)::confidence, '0.3'::confidence, '0.1 + 0.2 in float8 is 0.3');
SELECT is(1.0000000000000002::float8::confidence, '1'::confidence, 'float8 noise above 1 rounds to 1');
SELECT is('-0'::float8::confidence, '0'::confidence, 'float8 -0');
SELECT is(1e-300::float8::confidence, '0'::confidence, 'float8 1e-300');
SELECT throws_ok($$SELECT 1.00005::float8::confidence$$, '22003', 'value "1.00005" is out of range for type confidence', 'float8 1.00005');
SELECT throws_ok($$SELECT 'NaN'::float8::confidence$$, '22003', 'value "NaN" is out of range for type confidence', 'float8 NaN');
SELECT throws_ok($$SELECT 'Infinity'::float8::confidence$$, '22003', 'value "Infinity" is out of range for type confidence', 'float8 Infinity');
SELECT throws_ok($$SELECT '-Infinity'::float8::confidence$$, '22003', 'value "-Infinity" is out of range for type confidence', 'float8 -Infinity');
SELECT throws_ok($$SELECT 1e300::float8::confidence$$, '22003', 'value "1e+300" is out of range for type confidence', 'float8 1e300');
SELECT is(
  (SELECT count(*) FROM generate_series(0, 100000) i
    WHERE (i / 100000.0)::float8::confidence <> (i / 100000.0)::confidence), 0::bigint,
  'float8 and numeric casts agree on all 100001 five-decimal values in [0, 1], ties included');
SELECT is(
  (SELECT string_agg(x::text, ' ' ORDER BY x)
     FROM (SELECT i / 100000.0 x FROM generate_series(-8, 0) i UNION ALL SELECT i / 100000.0 FROM generate_series(100000, 100008) i) s
    WHERE regexp_replace(pg_temp.error_of(format('SELECT %s::float8::confidence', x)), '"[^"]*"', '""')
          <> regexp_replace(pg_temp.error_of(format('SELECT %s::numeric::confidence', x)), '"[^"]*"', '""')), NULL,
  'float8 and numeric casts succeed and fail alike at and just outside 0 and 1 (same SQLSTATE and detail)');
SELECT is(pg_temp.error_of($$SELECT (-0.00005)::float8::confidence$$),
  '22003: value "-5e-05" is out of range for type confidence / A confidence is at least 0; this number rounds to -0.0001.',
  'a float8 is quoted as float8 prints it');

-- casts to numeric and float8: exact; assignment casts
SELECT is('0.6'::confidence::numeric::text, '0.6000', 'to numeric: four decimals');
SELECT is('1'::confidence::numeric, 1::numeric, 'to numeric: 1');
SELECT is('0.6'::confidence::float8, 0.6::float8, 'to float8: the nearest double');
SELECT is(
  (SELECT count(*) FROM generate_series(0, 10000) i, LATERAL (SELECT (i / 10000.0)::confidence c) s
    WHERE c::numeric::confidence <> c OR c::float8::confidence <> c OR c::float8 <> i / 10000.0::float8), 0::bigint,
  'all 10001 values round-trip through numeric and float8');
SELECT is(
  (SELECT string_agg(format('%s->%s:%s', castsource::regtype, casttarget::regtype, castcontext), ' ' ORDER BY castsource::regtype::text, casttarget::regtype::text)
     FROM pg_cast WHERE 'roleext.confidence'::regtype IN (castsource, casttarget)),
  'confidence->double precision:a confidence->numeric:a double precision->confidence:e numeric->confidence:e',
  'casts from confidence are assignment casts, casts to it explicit');
CREATE TEMP TABLE cf_assign (n numeric, f float8, c confidence);
INSERT INTO cf_assign (n, f) VALUES ('0.6'::confidence, '0.6'::confidence);
SELECT is((SELECT n::text || ' ' || f::text FROM cf_assign), '0.6000 0.6', 'a confidence stores into numeric and float8 columns');
SELECT throws_ok($$INSERT INTO cf_assign (c) VALUES (0.6)$$, '42804', NULL, 'a numeric does not store into a confidence column without a cast');
SELECT lives_ok($$INSERT INTO cf_assign (c) VALUES ('0.6')$$, 'a quoted literal stores into a confidence column');

-- binary round trip through COPY (FORMAT binary)
CREATE TEMP TABLE cf_src (c confidence);
INSERT INTO cf_src SELECT (i / 10000.0)::confidence FROM generate_series(0, 10000) i;
COPY cf_src TO '/tmp/roleext_confidence_test.bin' (FORMAT binary);
CREATE TEMP TABLE cf_dst (c confidence);
COPY cf_dst FROM '/tmp/roleext_confidence_test.bin' (FORMAT binary);
SELECT results_eq('SELECT c FROM cf_src ORDER BY c', 'SELECT c FROM cf_dst ORDER BY c', 'binary COPY round trip of all 10001 values');
SELECT is(confidence_send('0.6'), '\x1770'::bytea, 'binary form of 0.6 is 6000 as a big-endian int2');
COPY (SELECT 10001::int2) TO '/tmp/roleext_confidence_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY cf_dst FROM '/tmp/roleext_confidence_bad.bin' (FORMAT binary)$$, '22P03',
  'invalid external confidence value 10001', 'binary input above 10000 is rejected');
COPY (SELECT (-1)::int2) TO '/tmp/roleext_confidence_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY cf_dst FROM '/tmp/roleext_confidence_bad.bin' (FORMAT binary)$$, '22P03',
  'invalid external confidence value -1', 'negative binary input is rejected');
COPY (SELECT 7::int4) TO '/tmp/roleext_confidence_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY cf_dst FROM '/tmp/roleext_confidence_bad.bin' (FORMAT binary)$$, '22P03',
  NULL, 'binary input of the wrong length is rejected');

-- hashing: GROUP BY by hash, hash join
SET LOCAL enable_sort = off;
SELECT ok(pg_temp.plan_of('SELECT c, count(*) FROM cf_src GROUP BY c') ~ 'HashAggregate', 'GROUP BY uses a hash aggregate');
SELECT is((SELECT count(*) FROM (SELECT c, count(*) FROM (SELECT c FROM cf_src UNION ALL SELECT c FROM cf_dst) u GROUP BY c) g), 10001::bigint,
  'GROUP BY by hash finds 10001 groups');
RESET enable_sort;
SET LOCAL enable_mergejoin = off;
SET LOCAL enable_nestloop = off;
SELECT ok(pg_temp.plan_of('SELECT * FROM cf_src a JOIN cf_dst b USING (c)') ~ 'Hash Join', 'join on confidence can hash');
SELECT is((SELECT count(*) FROM cf_src a JOIN cf_dst b USING (c)), 10001::bigint, 'hash join matches every value once');
RESET enable_mergejoin;
RESET enable_nestloop;
SELECT is(confidence_hash('0.6'), confidence_hash('60%'), 'equal confidences hash equally');
SELECT is(confidence_hash_extended('0.6', 0), confidence_hash_extended('0.60', 0), 'extended hash is stable');
SELECT isnt(confidence_hash_extended('0.6', 0), confidence_hash_extended('0.6', 1), 'extended hash depends on its seed');

-- btree index: equality, range and order served by the index
CREATE TEMP TABLE cf_idx AS SELECT (i % 10001 / 10000.0)::confidence AS c, i FROM generate_series(0, 100009) i;
CREATE INDEX ON cf_idx (c);
ANALYZE cf_idx;
-- (the plans and answers are collected with the index forced, then checked:
-- pgTAP's own catalog queries are slow with enable_seqscan off)
SET LOCAL enable_seqscan = off;
CREATE TEMP TABLE cf_idx_seen AS SELECT
  pg_temp.plan_of($$SELECT * FROM cf_idx WHERE c = '0.6'$$) AS eq_plan,
  (SELECT count(*) FROM cf_idx WHERE c = '0.6') AS eq_n,
  pg_temp.plan_of($$SELECT * FROM cf_idx WHERE c >= '0.8'$$) AS ge_plan,
  (SELECT count(*) FROM cf_idx WHERE c >= '0.8') AS ge_n,
  (SELECT count(*) FROM cf_idx WHERE c BETWEEN '0.5' AND '0.7999') AS between_n,
  pg_temp.plan_of($$SELECT c FROM cf_idx ORDER BY c DESC LIMIT 3$$) AS desc_plan,
  (SELECT string_agg(c::text, ',') FROM (SELECT c FROM cf_idx ORDER BY c DESC LIMIT 3) s) AS desc_top,
  pg_temp.plan_of($$SELECT max(c) FROM cf_idx$$) AS max_plan;
RESET enable_seqscan;
SELECT ok((SELECT eq_plan FROM cf_idx_seen) ~ 'Index Cond: \(c = ''0.60''::(roleext\.)?confidence\)', 'equality uses the btree index');
SELECT is((SELECT eq_n FROM cf_idx_seen), 10::bigint, 'index equality finds 10 rows');
SELECT ok((SELECT ge_plan FROM cf_idx_seen) ~ 'Index Cond: \(c >= ', 'a range uses the btree index');
SELECT is((SELECT ge_n FROM cf_idx_seen), 20010::bigint, 'index range finds the high band');
SELECT is((SELECT between_n FROM cf_idx_seen), 30000::bigint, 'index range finds the medium band');
SELECT ok((SELECT desc_plan FROM cf_idx_seen) ~ 'Index Only Scan Backward|Index Scan Backward', 'ORDER BY DESC uses the index');
SELECT is((SELECT desc_top FROM cf_idx_seen), '1.00,1.00,1.00', 'ORDER BY DESC through the index');
SELECT ok((SELECT max_plan FROM cf_idx_seen) ~ 'Index Only Scan Backward', 'max() is answered from the index');

-- merge join uses the btree opclass
SET LOCAL enable_hashjoin = off;
SET LOCAL enable_nestloop = off;
SELECT ok(pg_temp.plan_of('SELECT * FROM cf_src a JOIN cf_dst b USING (c)') ~ 'Merge Join', 'join on confidence can merge');
SELECT is((SELECT count(*) FROM cf_src a JOIN cf_dst b USING (c)), 10001::bigint, 'merge join matches every value once');
RESET enable_hashjoin;
RESET enable_nestloop;

SELECT * FROM finish();
ROLLBACK;
