-- rolelevel: literals, errors, order, accessors, spans, round trips, indexes.
\i test/setup.sql
SELECT plan(99);

-- the type and its functions exist and are documented
SELECT has_type('roleext', 'rolelevel', 'type rolelevel exists');
SELECT is((SELECT typtype FROM pg_type WHERE oid = 'roleext.rolelevelrange'::regtype), 'r', 'type rolelevelrange is a range type');
SELECT is(obj_description('roleext.rolelevel'::regtype, 'pg_type') IS NOT NULL, true, 'rolelevel has a comment');
SELECT is(
  (SELECT string_agg(oid::regprocedure::text, ', ') FROM pg_proc
    WHERE pronamespace = 'roleext'::regnamespace
      AND (proname LIKE 'level\_%' OR proname LIKE 'rolelevel\_%' OR proname = 'make_level')
      AND NOT (provolatile = 'i' AND proisstrict AND proparallel = 's')), NULL,
  'rolelevel functions are IMMUTABLE STRICT PARALLEL SAFE');
SELECT is((SELECT typlen FROM pg_type WHERE oid = 'rolelevel'::regtype), 4::int2, 'rolelevel is 4 bytes');
SELECT is((SELECT typbyval FROM pg_type WHERE oid = 'rolelevel'::regtype), true, 'rolelevel is passed by value');

-- valid literals, one by one
SELECT is('P1'::rolelevel::text, 'P1', 'P1');
SELECT is('p1'::rolelevel::text, 'P1', 'lower case is accepted');
SELECT is('  M3 '::rolelevel::text, 'M3', 'surrounding spaces are trimmed');
SELECT is(E'\tE2\n'::rolelevel::text, 'E2', 'tabs and newlines are trimmed');
SELECT is('S4'::rolelevel::text, 'S4', 'S4');
SELECT is('IC3'::rolelevel::text, 'IC3', 'two-letter track');
SELECT is('l5'::rolelevel::text, 'L5', 'L5');
SELECT is('abc99'::rolelevel::text, 'ABC99', 'three letters, rank 99');
SELECT is('P0'::rolelevel::text, 'P0', 'rank 0');
SELECT is('P07'::rolelevel::text, 'P7', 'a leading zero is dropped');

-- malformed literals: 22P02 with the text quoted, and an errdetail sentence
SELECT throws_ok($$SELECT ''::rolelevel$$, '22P02', 'invalid input syntax for type rolelevel: ""', 'empty');
SELECT throws_ok($$SELECT '   '::rolelevel$$, '22P02', 'invalid input syntax for type rolelevel: "   "', 'blank');
SELECT throws_ok($$SELECT 'P'::rolelevel$$, '22P02', 'invalid input syntax for type rolelevel: "P"', 'missing rank');
SELECT throws_ok($$SELECT 'P100'::rolelevel$$, '22P02', 'invalid input syntax for type rolelevel: "P100"', 'rank over 99');
SELECT throws_ok($$SELECT 'ABCD1'::rolelevel$$, '22P02', 'invalid input syntax for type rolelevel: "ABCD1"', 'four track letters');
SELECT throws_ok($$SELECT '1P'::rolelevel$$, '22P02', 'invalid input syntax for type rolelevel: "1P"', 'digits first');
SELECT throws_ok($$SELECT 'P1x'::rolelevel$$, '22P02', 'invalid input syntax for type rolelevel: "P1x"', 'stray letter after rank');
SELECT throws_ok($$SELECT 'P-1'::rolelevel$$, '22P02', 'invalid input syntax for type rolelevel: "P-1"', 'stray sign');
SELECT throws_ok($$SELECT 'P 1'::rolelevel$$, '22P02', 'invalid input syntax for type rolelevel: "P 1"', 'space inside');
SELECT throws_ok($$SELECT 'Pé1'::rolelevel$$, '22P02', 'invalid input syntax for type rolelevel: "Pé1"', 'non-ASCII letter');
SELECT is(pg_temp.error_of($$SELECT ''::rolelevel$$),
  '22P02: invalid input syntax for type rolelevel: "" / A level is a track of one to three letters followed by a rank from 0 to 99, such as P1, M3 or IC3.',
  'empty: detail says what a level is');
SELECT is(pg_temp.error_of($$SELECT 'P'::rolelevel$$),
  '22P02: invalid input syntax for type rolelevel: "P" / A level needs a rank after its track, such as the 1 in P1.',
  'missing rank: detail');
SELECT is(pg_temp.error_of($$SELECT 'P100'::rolelevel$$),
  '22P02: invalid input syntax for type rolelevel: "P100" / A level''s rank is a number from 0 to 99.',
  'rank over 99: detail');
SELECT is(pg_temp.error_of($$SELECT 'ABCD1'::rolelevel$$),
  '22P02: invalid input syntax for type rolelevel: "ABCD1" / A level''s track has at most three letters.',
  'four letters: detail');
SELECT is(pg_temp.error_of($$SELECT '1P'::rolelevel$$),
  '22P02: invalid input syntax for type rolelevel: "1P" / A level starts with its track letters, such as the P in P1.',
  'digits first: detail');
SELECT is(pg_temp.error_of($$SELECT 'P1x'::rolelevel$$),
  '22P02: invalid input syntax for type rolelevel: "P1x" / Unexpected character "x" at position 3; A level is a track of one to three letters followed by a rank from 0 to 99, such as P1, M3 or IC3.',
  'stray character: detail names it and its position');

-- order: track S, P, M, E, then others alphabetically; rank within a track
SELECT is(
  (SELECT string_agg(l::text, ' ' ORDER BY l) FROM unnest(
     '{E1,P2,IC3,S1,M1,P10,L5,P1,AB1,A9,S0,E6,ZZZ1}'::rolelevel[]) l),
  'S0 S1 P1 P2 P10 M1 E1 E6 A9 AB1 IC3 L5 ZZZ1', 'ORDER BY follows the level order');
SELECT ok('P1'::rolelevel < 'P2', 'P1 < P2');
SELECT ok('P9'::rolelevel < 'P10', 'P9 < P10 (numeric rank)');
SELECT ok('S5'::rolelevel < 'P1', 'S before P');
SELECT ok('P6'::rolelevel < 'M1', 'P before M');
SELECT ok('M6'::rolelevel < 'E1', 'M before E');
SELECT ok('E5'::rolelevel < 'A1', 'E before other tracks');
SELECT ok('IC3'::rolelevel < 'L1', 'other tracks alphabetically');
SELECT ok('P1'::rolelevel <= 'P1', '<= on equal');
SELECT ok('P2'::rolelevel > 'P1', '>');
SELECT ok('P2'::rolelevel >= 'P2', '>= on equal');
SELECT ok('p2'::rolelevel = 'P2', '= is case-insensitive through input');
SELECT ok('P2'::rolelevel <> 'M2', '<>');
SELECT ok(NOT ('P2'::rolelevel = 'M2'), '= false across tracks');
SELECT is(level_cmp('P1', 'P2'), -1, 'cmp -1');
SELECT is(level_cmp('P2', 'P2'), 0, 'cmp 0');
SELECT is(level_cmp('M1', 'P2'), 1, 'cmp 1');

-- accessors and constructor
SELECT is(level_track('IC3'), 'IC', 'level_track');
SELECT is(level_rank('IC3'), 3, 'level_rank');
SELECT is(level_track('e2'), 'E', 'level_track of a named track');
SELECT is(make_level('p', 1), 'P1'::rolelevel, 'make_level is case-insensitive');
SELECT is(make_level('IC', 0), 'IC0'::rolelevel, 'make_level rank 0');
SELECT is(make_level('S', 99), 'S99'::rolelevel, 'make_level rank 99');
SELECT throws_ok($$SELECT make_level('P', 100)$$, '22003', 'level rank 100 is out of range', 'make_level rank 100');
SELECT throws_ok($$SELECT make_level('P', -1)$$, '22003', 'level rank -1 is out of range', 'make_level negative rank');
SELECT throws_ok($$SELECT make_level('ABCD', 1)$$, '22023', 'invalid level track "ABCD"', 'make_level four letters');
SELECT throws_ok($$SELECT make_level('', 1)$$, '22023', 'invalid level track ""', 'make_level empty track');
SELECT throws_ok($$SELECT make_level('P1', 1)$$, '22023', 'invalid level track "P1"', 'make_level digit in track');
SELECT is(pg_temp.error_of($$SELECT make_level('P', 100)$$),
  '22003: level rank 100 is out of range / A level''s rank is a number from 0 to 99; 100 is out of range.',
  'make_level rank: detail');
SELECT is(make_level(level_track(l), level_rank(l)), l, 'make_level(track, rank) rebuilds ' || l)
  FROM unnest('{P1,IC3,ZZZ99}'::rolelevel[]) l;
SELECT is(make_level('P', NULL), NULL, 'make_level is strict');

-- spans
SELECT is(level_span('P1–P4'), '[P1,P4]'::rolelevelrange, 'en dash');
SELECT is(level_span('P1-P4'), '[P1,P4]'::rolelevelrange, 'hyphen');
SELECT is(level_span('P1..P4'), '[P1,P4]'::rolelevelrange, 'two dots');
SELECT is(level_span(' p1 – p4 '), '[P1,P4]'::rolelevelrange, 'spaces and case');
SELECT is(level_span('P3'), '[P3,P3]'::rolelevelrange, 'single level');
SELECT is(level_span('P1–P4')::text, '[P1,P4]', 'text of a span');
SELECT ok(level_span('P1–P4') @> 'P3'::rolelevel, 'span contains P3');
SELECT ok(NOT level_span('P1–P4') @> 'P5'::rolelevel, 'span does not contain P5');
SELECT ok(level_span('P1–P4') @> 'P4'::rolelevel, 'span is closed at its upper end');
SELECT throws_ok($$SELECT level_span('P4–P1')$$, '22P02', 'invalid input syntax for type rolelevelrange: "P4–P1"', 'reversed span');
SELECT is(pg_temp.error_of($$SELECT level_span('P4-P1')$$),
  '22P02: invalid input syntax for type rolelevelrange: "P4-P1" / The lower end of a span must not come after its upper end in level order.',
  'reversed span: detail');
SELECT throws_ok($$SELECT level_span('P1-')$$, '22P02', 'invalid input syntax for type rolelevelrange: "P1-"', 'span without upper end');
SELECT throws_ok($$SELECT level_span('')$$, '22P02', 'invalid input syntax for type rolelevelrange: ""', 'empty span');
SELECT throws_ok($$SELECT level_span('P1-P2-P3')$$, '22P02', 'invalid input syntax for type rolelevelrange: "P1-P2-P3"', 'three ends');

-- text round trip of every rank on several tracks
SELECT is(
  (SELECT count(*) FROM generate_series(0, 99) r, unnest('{S,P,M,E,IC,ZZZ}'::text[]) t
    WHERE make_level(t, r)::text::rolelevel <> make_level(t, r)
       OR make_level(t, r)::text <> t || r), 0::bigint,
  'text round trip of 600 levels');

-- binary round trip through COPY (FORMAT binary)
CREATE TEMP TABLE lv_src (l rolelevel);
INSERT INTO lv_src SELECT make_level(t, r) FROM generate_series(0, 99) r, unnest('{S,P,M,E,IC,ZZZ,A}'::text[]) t;
COPY lv_src TO '/tmp/roleext_level_test.bin' (FORMAT binary);
CREATE TEMP TABLE lv_dst (l rolelevel);
COPY lv_dst FROM '/tmp/roleext_level_test.bin' (FORMAT binary);
SELECT results_eq('SELECT l FROM lv_src ORDER BY l', 'SELECT l FROM lv_dst ORDER BY l', 'binary COPY round trip');
COPY (SELECT 2000000::int4) TO '/tmp/roleext_level_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY lv_dst FROM '/tmp/roleext_level_bad.bin' (FORMAT binary)$$, '22P03',
  'invalid external rolelevel value 2000000', 'binary input is checked');
COPY (SELECT (4 + 16 * 729) * 100 + 1) TO '/tmp/roleext_level_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY lv_dst FROM '/tmp/roleext_level_bad.bin' (FORMAT binary)$$, '22P03',
  NULL, 'binary input rejects a non-canonical track encoding');

-- hashing: GROUP BY by hash, hash join
SET LOCAL enable_sort = off;
SELECT ok(pg_temp.plan_of('SELECT l, count(*) FROM lv_src GROUP BY l') ~ 'HashAggregate', 'GROUP BY uses a hash aggregate');
SELECT is((SELECT count(*) FROM (SELECT l, count(*) FROM lv_src GROUP BY l) g), 700::bigint, 'GROUP BY by hash finds 700 groups');
SELECT is((SELECT count(*) FROM (SELECT DISTINCT l FROM (SELECT l FROM lv_src UNION ALL SELECT l FROM lv_src) u) d), 700::bigint, 'DISTINCT by hash');
RESET enable_sort;
SET LOCAL enable_mergejoin = off;
SET LOCAL enable_nestloop = off;
SELECT ok(pg_temp.plan_of('SELECT * FROM lv_src a JOIN lv_dst b USING (l)') ~ 'Hash Join', 'join on rolelevel can hash');
SELECT is((SELECT count(*) FROM lv_src a JOIN lv_dst b USING (l)), 700::bigint, 'hash join matches every level once');
RESET enable_mergejoin;
RESET enable_nestloop;
SELECT is(level_hash('P1'), level_hash('p1'::rolelevel), 'equal levels hash equally');
SELECT is(level_hash_extended('P1', 0), level_hash_extended('P1', 0), 'extended hash is stable');
SELECT isnt(level_hash_extended('P1', 0), level_hash_extended('P1', 1), 'extended hash depends on its seed');

-- btree index: equality, range and order served by the index
CREATE TEMP TABLE lv_idx AS SELECT make_level(t, r) AS l, r FROM generate_series(0, 99) r,
  unnest('{S,P,M,E,IC,ZZZ,A}'::text[]) t, generate_series(1, 20);
CREATE INDEX ON lv_idx (l);
ANALYZE lv_idx;
SET LOCAL enable_seqscan = off;
SELECT ok(pg_temp.plan_of($$SELECT * FROM lv_idx WHERE l = 'P3'$$) ~ 'Index Cond: \(l = ''P3''::(roleext\.)?rolelevel\)', 'equality uses the btree index');
SELECT is((SELECT count(*) FROM lv_idx WHERE l = 'P3'), 20::bigint, 'index equality finds 20 rows');
SELECT ok(pg_temp.plan_of($$SELECT * FROM lv_idx WHERE l BETWEEN 'P1' AND 'P4'$$) ~ 'Index Cond', 'range uses the btree index');
SELECT is((SELECT count(*) FROM lv_idx WHERE l BETWEEN 'P1' AND 'P4'), 80::bigint, 'index range finds P1..P4');
SELECT is((SELECT count(*) FROM lv_idx WHERE l <@ level_span('P1–P4')), 80::bigint, 'range containment finds P1..P4');
SELECT ok(pg_temp.plan_of($$SELECT l FROM lv_idx ORDER BY l LIMIT 3$$) ~ 'Index Only Scan|Index Scan', 'ORDER BY uses the index');
RESET enable_seqscan;
SELECT is((SELECT string_agg(l::text, ',') FROM (SELECT l FROM lv_idx ORDER BY l DESC LIMIT 2) s), 'ZZZ99,ZZZ99', 'ORDER BY DESC');

-- merge join uses the btree opclass
SET LOCAL enable_hashjoin = off;
SET LOCAL enable_nestloop = off;
SELECT ok(pg_temp.plan_of('SELECT * FROM lv_src a JOIN lv_dst b USING (l)') ~ 'Merge Join', 'join on rolelevel can merge');
RESET enable_hashjoin;
RESET enable_nestloop;

SELECT * FROM finish();
ROLLBACK;
