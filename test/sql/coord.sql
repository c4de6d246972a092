-- rolecoord: literals, errors, accessors, the distance, match bands, order,
-- hashing, round trips text and binary, btree use.  (GiST: coord_gist.sql.)
\i test/setup.sql
SELECT plan(173);

-- the types and their functions exist and are documented
SELECT has_type('roleext', 'rolecoord', 'type rolecoord exists');
SELECT has_type('roleext', 'matchband', 'type matchband exists');
SELECT is(enum_range(NULL::matchband)::text, '{strong,partial,weak}', 'matchband: strong < partial < weak');
SELECT is(
  (SELECT string_agg(oid::regprocedure::text, ', ') FROM pg_proc
    WHERE pronamespace = 'roleext'::regnamespace
      AND (proname LIKE 'coord\_%' OR proname LIKE 'rolecoord\_%' OR proname IN ('make_coord', 'match_band'))
      AND NOT (provolatile = 'i' AND proisstrict AND proparallel = 's')), NULL,
  'rolecoord functions are IMMUTABLE STRICT PARALLEL SAFE');
SELECT is((SELECT typlen FROM pg_type WHERE oid = 'rolecoord'::regtype), -1::int2, 'rolecoord is variable-length');

-- valid literals, one by one
SELECT is('TECH.DEI.GEN@1'::rolecoord::text, 'TECH.DEI.GEN@1', 'TECH.DEI.GEN@1');
SELECT is('TECH.DEI.GEN@2.5'::rolecoord::text, 'TECH.DEI.GEN@2.5', 'fractional grade');
SELECT is('tech.dei.gen@1'::rolecoord::text, 'TECH.DEI.GEN@1', 'lower case is accepted');
SELECT is('  Tech.Dei.Gen@1  '::rolecoord::text, 'TECH.DEI.GEN@1', 'surrounding spaces are trimmed');
SELECT is('TECH.DEI.GEN @ 1'::rolecoord::text, 'TECH.DEI.GEN@1', 'spaces around @ are trimmed');
SELECT is(E'\tTECH@3\n'::rolecoord::text, 'TECH@3', 'tabs and newlines are trimmed');
SELECT is('TECH@0'::rolecoord::text, 'TECH@0', 'grade 0 (S1 on the default ladder)');
SELECT is('TECH@-0'::rolecoord::text, 'TECH@0', '-0 is stored as 0');
SELECT is('TECH@-0.5'::rolecoord::text, 'TECH@-0.5', 'negative grades are allowed');
SELECT is('TECH@+3'::rolecoord::text, 'TECH@3', 'a plus sign');
SELECT is('TECH@2.50'::rolecoord::text, 'TECH@2.5', 'trailing zeros are dropped');
SELECT is('TECH@.5'::rolecoord::text, 'TECH@0.5', 'no leading digit');
SELECT is('TECH@1e3'::rolecoord::text, 'TECH@1000', 'exponent');
SELECT is('TECH@1e15'::rolecoord::text, 'TECH@1e+15', 'large grades print like float8');
SELECT is('TECH@0.00001'::rolecoord::text, 'TECH@1e-05', 'small grades print like float8');
SELECT is('x_1.Y2.__@1'::rolecoord::text, 'X_1.Y2.__@1', 'digits and underscores in labels');
SELECT is('A.B.C.D.E.F.G.H@1'::rolecoord::text, 'A.B.C.D.E.F.G.H@1', 'eight labels');
SELECT is('ABCDEFGHIJKLMNOP@1'::rolecoord::text, 'ABCDEFGHIJKLMNOP@1', 'a 16-character label');
SELECT is('DEI.GEN.P1@1'::rolecoord::text, 'DEI.GEN.P1@1', 'a level-like label is just a label');

-- malformed literals: 22P02 with the text quoted and an errdetail sentence
SELECT throws_ok($$SELECT ''::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: ""', 'empty');
SELECT throws_ok($$SELECT '   '::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "   "', 'blank');
SELECT throws_ok($$SELECT 'TECH.DEI.GEN'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "TECH.DEI.GEN"', 'no grade');
SELECT throws_ok($$SELECT 'TECH@'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "TECH@"', 'empty grade');
SELECT throws_ok($$SELECT '@1'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "@1"', 'empty path');
SELECT throws_ok($$SELECT 'TECH@1@2'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "TECH@1@2"', 'two @');
SELECT throws_ok($$SELECT 'TECH..DEI@1'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "TECH..DEI@1"', 'empty label');
SELECT throws_ok($$SELECT '.TECH@1'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: ".TECH@1"', 'leading dot');
SELECT throws_ok($$SELECT 'TECH.@1'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "TECH.@1"', 'trailing dot');
SELECT throws_ok($$SELECT 'A.B.C.D.E.F.G.H.I@1'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "A.B.C.D.E.F.G.H.I@1"', 'nine labels');
SELECT throws_ok($$SELECT 'ABCDEFGHIJKLMNOPQ@1'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "ABCDEFGHIJKLMNOPQ@1"', 'a 17-character label');
SELECT throws_ok($$SELECT 'TECH-DEI@1'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "TECH-DEI@1"', 'hyphen in a label');
SELECT throws_ok($$SELECT 'TECH DEI@1'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "TECH DEI@1"', 'space in a path');
SELECT throws_ok($$SELECT 'TÉCH@1'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "TÉCH@1"', 'non-ASCII letter');
SELECT throws_ok($$SELECT 'TECH@one'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "TECH@one"', 'grade in words');
SELECT throws_ok($$SELECT 'TECH@1.2.3'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "TECH@1.2.3"', 'two decimal points');
SELECT throws_ok($$SELECT 'TECH@1e'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "TECH@1e"', 'exponent without digits');
SELECT throws_ok($$SELECT 'TECH@0x10'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "TECH@0x10"', 'hexadecimal grade');
SELECT throws_ok($$SELECT 'TECH@1,5'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "TECH@1,5"', 'decimal comma');
SELECT throws_ok($$SELECT 'TECH@NaN'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "TECH@NaN"', 'NaN grade');
SELECT throws_ok($$SELECT 'TECH@Infinity'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "TECH@Infinity"', 'infinite grade');
SELECT throws_ok($$SELECT 'TECH@-inf'::rolecoord$$, '22P02', 'invalid input syntax for type rolecoord: "TECH@-inf"', 'negative infinite grade');
SELECT throws_ok($$SELECT 'TECH@1e400'::rolecoord$$, '22003', 'value "TECH@1e400" is out of range for type rolecoord', 'grade beyond float8');
SELECT throws_ok($$SELECT 'TECH@1e-400'::rolecoord$$, '22003', 'value "TECH@1e-400" is out of range for type rolecoord', 'grade below float8');
SELECT is(pg_temp.error_of($$SELECT ''::rolecoord$$),
  '22P02: invalid input syntax for type rolecoord: "" / A coordinate is a taxonomy path and a grade joined by @, such as TECH.DEI.GEN@1 or TECH.DEI.GEN@2.5.',
  'empty: detail says what a coordinate is');
SELECT is(pg_temp.error_of($$SELECT 'TECH.DEI.GEN'::rolecoord$$),
  '22P02: invalid input syntax for type rolecoord: "TECH.DEI.GEN" / A coordinate needs @ and a grade after its path, such as the @1 in TECH.DEI.GEN@1.',
  'no grade: detail');
SELECT is(pg_temp.error_of($$SELECT 'TECH@'::rolecoord$$),
  '22P02: invalid input syntax for type rolecoord: "TECH@" / A coordinate needs a grade after @, such as the 1 in TECH.DEI.GEN@1.',
  'empty grade: detail');
SELECT is(pg_temp.error_of($$SELECT 'TECH@1@2'::rolecoord$$),
  '22P02: invalid input syntax for type rolecoord: "TECH@1@2" / A coordinate has exactly one @, between its path and its grade.',
  'two @: detail');
SELECT is(pg_temp.error_of($$SELECT 'TECH..DEI@1'::rolecoord$$),
  '22P02: invalid input syntax for type rolecoord: "TECH..DEI@1" / The path before @ is not a valid code. Two dots in a row at position 5 leave an empty label; labels are separated by single dots.',
  'empty label: detail gives the position');
SELECT is(pg_temp.error_of($$SELECT 'A.B.C.D.E.F.G.H.I@1'::rolecoord$$),
  '22P02: invalid input syntax for type rolecoord: "A.B.C.D.E.F.G.H.I@1" / The path before @ is not a valid code. A role code has at most 8 labels; this one has 9.',
  'nine labels: detail');
SELECT is(pg_temp.error_of($$SELECT 'A.ABCDEFGHIJKLMNOPQ@1'::rolecoord$$),
  '22P02: invalid input syntax for type rolecoord: "A.ABCDEFGHIJKLMNOPQ@1" / The path before @ is not a valid code. Label 2 has 17 characters; a label has at most 16.',
  'long label: detail names the label');
SELECT is(pg_temp.error_of($$SELECT 'TECH-DEI@1'::rolecoord$$),
  '22P02: invalid input syntax for type rolecoord: "TECH-DEI@1" / The path before @ is not a valid code. Unexpected character "-" at position 5; a label is made of the letters A to Z, the digits 0 to 9 and the underscore.',
  'bad character: detail names it and its position');
SELECT is(pg_temp.error_of($$SELECT 'TECH@one'::rolecoord$$),
  '22P02: invalid input syntax for type rolecoord: "TECH@one" / A coordinate''s grade is a decimal number such as 1, 2.5, -0.5 or 1e-3.',
  'bad grade: detail');
SELECT is(pg_temp.error_of($$SELECT 'TECH@NaN'::rolecoord$$),
  '22P02: invalid input syntax for type rolecoord: "TECH@NaN" / A coordinate''s grade is a finite number; NaN and infinity are not grades.',
  'NaN grade: detail');
SELECT is(pg_temp.error_of($$SELECT 'TECH@1e400'::rolecoord$$),
  '22003: value "TECH@1e400" is out of range for type rolecoord / A coordinate''s grade must be within the range of double precision (magnitudes from about 1e-308 to 1e308, or 0).',
  'grade out of range: detail');

-- constructor and accessors
SELECT is(make_coord('tech.dei.gen', 1), 'TECH.DEI.GEN@1'::rolecoord, 'make_coord is case-insensitive');
SELECT is(make_coord(' TECH ', 2.5)::text, 'TECH@2.5', 'make_coord trims the path');
SELECT is(make_coord('TECH', '-0'::float8)::text, 'TECH@0', 'make_coord stores -0 as 0');
SELECT is(coord_path('tech.dei.gen@2.5'), 'TECH.DEI.GEN', 'coord_path');
SELECT is(coord_grade('TECH.DEI.GEN@2.5'), 2.5::float8, 'coord_grade');
SELECT is(coord_grade('TECH@-0.5'), -0.5::float8, 'coord_grade of a negative grade');
SELECT is(make_coord(coord_path(c), coord_grade(c)), c, 'make_coord(path, grade) rebuilds ' || c)
  FROM unnest('{TECH.DEI.GEN@1,A@0,A.B.C.D.E.F.G.H@-3.75}'::rolecoord[]) c;
SELECT throws_ok($$SELECT make_coord('TECH..DEI', 1)$$, '22P02', 'invalid input syntax for type rolecode: "TECH..DEI"', 'make_coord: the path is a rolecode');
SELECT throws_ok($$SELECT make_coord('', 1)$$, '22P02', 'invalid input syntax for type rolecode: ""', 'make_coord: an empty path is no rolecode');
SELECT throws_ok($$SELECT make_coord('TECH', 'NaN')$$, '22023', 'invalid coordinate grade', 'make_coord NaN grade');
SELECT throws_ok($$SELECT make_coord('TECH', 'Infinity')$$, '22023', 'invalid coordinate grade', 'make_coord infinite grade');
SELECT is(pg_temp.error_of($$SELECT make_coord('TECH', '-Infinity')$$),
  '22023: invalid coordinate grade / A coordinate''s grade is a finite number; -Infinity is not a grade.',
  'make_coord infinite grade: detail');
SELECT is(pg_temp.error_of($$SELECT coord_path('TECH.DEI.@1')$$),
  '22P02: invalid input syntax for type rolecoord: "TECH.DEI.@1" / The path before @ is not a valid code. A role code cannot end with a dot.',
  'a path ending in a dot: detail');
SELECT is(pg_typeof(coord_path('TECH.DEI@1'))::text, 'rolecode', 'coord_path gives a rolecode');
SELECT is(code_depth(coord_path('TECH.DEI.GEN@1')), 3, 'the path works with rolecode functions');
SELECT ok(coord_path('TECH.DEI.GEN@1') <@ 'TECH.DEI'::rolecode, '... and operators');
SELECT is(make_coord(code_family('TECH.DEI.GEN.P1'), 1), 'TECH.DEI.GEN@1'::rolecoord, 'make_coord takes a rolecode expression');
SELECT is(make_coord(NULL, 1), NULL, 'make_coord is strict');

-- text round trip: the grade prints as float8 prints it and reads back exactly
CREATE TEMP TABLE grades AS
  SELECT x FROM (
    SELECT (random() - 0.5) * 10 ^ (random() * 600 - 300) AS x FROM generate_series(1, 20000)
    UNION ALL SELECT round((random() * 40 - 10)::numeric, (random() * 4)::int)::float8 FROM generate_series(1, 20000)
    UNION ALL SELECT (2::float8 ^ e) * m FROM generate_series(-1074, 1020) e,
                     unnest('{1,-1,1.5,0.9999999999999999,1.0000000000000002,3}'::float8[]) m
    UNION ALL SELECT unnest('{0,1e15,1e-5,0.0001,123456789012345,1.7976931348623157e308,5e-324,2.4296089186956552e16}'::float8[])
  ) s;
SELECT is((SELECT count(*) FROM grades WHERE split_part(make_coord('TECH.DEI', x)::text, '@', 2) <> x::text), 0::bigint,
  'the grade text equals float8 text for ' || (SELECT count(*) FROM grades) || ' values');
SELECT is((SELECT count(*) FROM grades WHERE make_coord('TECH.DEI', x)::text::rolecoord <> make_coord('TECH.DEI', x)
                                         OR coord_grade(make_coord('TECH.DEI', x)::text::rolecoord) <> x), 0::bigint,
  'text round trip is exact');

-- binary round trip through COPY (FORMAT binary), and checked binary input
CREATE TEMP TABLE co_src (c rolecoord);
INSERT INTO co_src SELECT make_coord(p, x) FROM grades,
  unnest('{A,TECH.DEI.GEN,A.B.C.D.E.F.G.H,ABCDEFGHIJKLMNOP.X_1}'::rolecode[]) p WHERE x::text NOT LIKE '%e%';
COPY co_src TO '/tmp/roleext_coord_test.bin' (FORMAT binary);
CREATE TEMP TABLE co_dst (c rolecoord);
COPY co_dst FROM '/tmp/roleext_coord_test.bin' (FORMAT binary);
SELECT is((SELECT count(*) FROM co_dst), (SELECT count(*) FROM co_src), 'binary COPY keeps every row');
SELECT is((SELECT count(*) FROM (SELECT c FROM co_src EXCEPT ALL SELECT c FROM co_dst) d), 0::bigint, 'binary COPY round trip');
SELECT is(rolecoord_send('TECH.DEI@2.5'), float8send(2.5) || convert_to('TECH.DEI', 'UTF8'), 'binary form: float8 grade, then the path');
COPY (SELECT float8send(2.5) || convert_to('TECH.DEI', 'UTF8')) TO '/tmp/roleext_coord_bad.bin' (FORMAT binary);
COPY co_dst FROM '/tmp/roleext_coord_bad.bin' (FORMAT binary);
SELECT ok((SELECT count(*) FROM co_dst WHERE c = 'TECH.DEI@2.5') > 0, 'hand-made binary input is read');
COPY (SELECT float8send(2.5) || convert_to('tech.dei', 'UTF8')) TO '/tmp/roleext_coord_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY co_dst FROM '/tmp/roleext_coord_bad.bin' (FORMAT binary)$$, '22P03',
  'invalid external rolecoord value', 'binary input wants the canonical path');
COPY (SELECT float8send('NaN') || convert_to('TECH', 'UTF8')) TO '/tmp/roleext_coord_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY co_dst FROM '/tmp/roleext_coord_bad.bin' (FORMAT binary)$$, '22P03',
  'invalid external rolecoord value', 'binary input rejects a NaN grade');
COPY (SELECT float8send(1) || convert_to('TECH..X', 'UTF8')) TO '/tmp/roleext_coord_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY co_dst FROM '/tmp/roleext_coord_bad.bin' (FORMAT binary)$$, '22P03',
  'invalid external rolecoord value', 'binary input rejects a bad path');
COPY (SELECT float8send(1)) TO '/tmp/roleext_coord_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY co_dst FROM '/tmp/roleext_coord_bad.bin' (FORMAT binary)$$, '22P03',
  'invalid external rolecoord value', 'binary input rejects an empty path');
COPY (SELECT '\x0102'::bytea) TO '/tmp/roleext_coord_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY co_dst FROM '/tmp/roleext_coord_bad.bin' (FORMAT binary)$$, '08P01',
  NULL, 'binary input rejects a truncated grade');

-- the distance: hand-worked pairs (weight 0.5, span 4)
SELECT is('TECH.DEI.GEN@1'::rolecoord <-> 'TECH.DEI.GEN@2', 0.125::float8, 'same path, one grade apart: 0.125');
SELECT is(match_band('TECH.DEI.GEN@1'::rolecoord <-> 'TECH.DEI.GEN@2'), 'strong', '... strong');
SELECT is('TECH.DEI.GEN@2'::rolecoord <-> 'TECH.DEI.GEN@1', 0.125::float8, 'same path, one grade below: 0.125');
SELECT is(round(('TECH.DEI.GEN@1'::rolecoord <-> 'TECH.DEI.SRE@1')::numeric, 4), 0.1667, 'sibling specialization, same grade: 1/6');
SELECT is('TECH.DEI.GEN@1'::rolecoord <-> 'TECH.DEI.SRE@1', 1 / 6::float8, '... exactly 0.5 * 1/3');
SELECT is(match_band('TECH.DEI.GEN@1'::rolecoord <-> 'TECH.DEI.SRE@1'), 'strong', '... strong');
SELECT is('TECH.DEI.GEN@1'::rolecoord <-> 'OPS.DEI.GEN@1', 0.5::float8, 'different superfunction, same grade: 0.5');
SELECT is(match_band('TECH.DEI.GEN@1'::rolecoord <-> 'OPS.DEI.GEN@1'), 'weak', '... weak');
SELECT is('TECH.DEI.GEN@1'::rolecoord <-> 'OPS.DEI.GEN@5', 1::float8, 'different superfunction, four grades apart: 1');
SELECT is('TECH.DEI.GEN@1'::rolecoord <-> 'TECH.DEI.GEN@9', 0.5::float8, 'same path, eight grades apart: level term capped at 1');
SELECT is('TECH.DEI@3'::rolecoord <-> 'TECH.DEI.GEN@3', 1 / 6::float8, 'parent and child, same grade: 0.5 * 1/3');
SELECT is('TECH.DEI.GEN@1'::rolecoord <-> 'TECH.OPS.GEN@3', 0.5 * 2 / 3 + 0.5 * 2 / 4::float8, 'other function, two grades apart');
SELECT is(match_band('TECH.DEI.GEN@1'::rolecoord <-> 'TECH.OPS.GEN@3'), 'weak', '... weak');
SELECT is('TECH.DEI.GEN@1'::rolecoord <-> 'TECH.DEI.SRE@2', 1 / 6::float8 + 0.125, 'sibling, one grade apart: 0.2917');
SELECT is(match_band('TECH.DEI.GEN@1'::rolecoord <-> 'TECH.DEI.SRE@2'), 'partial', '... partial');
SELECT is('TECH.DEI.GEN@1'::rolecoord <-> 'tech.dei.gen@1.0', 0::float8, 'equal coordinates: exactly 0');
SELECT is(coord_distance('TECH.DEI.GEN@1', 'TECH.DEI.SRE@3'), 'TECH.DEI.GEN@1'::rolecoord <-> 'TECH.DEI.SRE@3', 'coord_distance defaults are those of <->');

-- custom weights
SELECT is(coord_distance('TECH.DEI.GEN@1', 'TECH.DEI.SRE@3', 1, 4), 1 / 3::float8, 'taxonomy only (weight 1): 1/3');
SELECT is(coord_distance('TECH.DEI.GEN@1', 'TECH.DEI.SRE@3', 0, 4), 0.5::float8, 'levels only (weight 0): 2/4');
SELECT is(coord_distance('TECH.DEI.GEN@1', 'TECH.DEI.SRE@3', 0, 8), 0.25::float8, 'a span of 8: 2/8');
SELECT is(coord_distance('TECH.DEI.GEN@1', 'TECH.DEI.SRE@3', 0.25, 4), 0.25 / 3 + 0.75 * 0.5::float8, 'weight 0.25');
SELECT is(round(coord_distance('TECH.DEI.GEN@1', 'TECH.DEI.SRE@3', taxonomy_weight => 0.8, level_span => 2)::numeric, 12), round(0.8 / 3 + 0.2, 12), 'named arguments');
SELECT throws_ok($$SELECT coord_distance('A@1', 'B@1', 1.5)$$, '22023', 'invalid coordinate distance weights', 'weight above 1');
SELECT throws_ok($$SELECT coord_distance('A@1', 'B@1', -0.1)$$, '22023', 'invalid coordinate distance weights', 'negative weight');
SELECT throws_ok($$SELECT coord_distance('A@1', 'B@1', 'NaN')$$, '22023', 'invalid coordinate distance weights', 'NaN weight');
SELECT throws_ok($$SELECT coord_distance('A@1', 'B@1', 0.5, 0)$$, '22023', 'invalid coordinate distance weights', 'span 0');
SELECT throws_ok($$SELECT coord_distance('A@1', 'B@1', 0.5, -4)$$, '22023', 'invalid coordinate distance weights', 'negative span');
SELECT throws_ok($$SELECT coord_distance('A@1', 'B@1', 0.5, 'Infinity')$$, '22023', 'invalid coordinate distance weights', 'infinite span');
SELECT is(pg_temp.error_of($$SELECT coord_distance('A@1', 'B@1', 1.5)$$),
  '22023: invalid coordinate distance weights / The taxonomy weight is a number from 0 to 1; 1.5 is not.',
  'bad weight: detail');
SELECT is(pg_temp.error_of($$SELECT coord_distance('A@1', 'B@1', 0.5, 0)$$),
  '22023: invalid coordinate distance weights / The level span is a positive finite number of grades; 0 is not.',
  'bad span: detail');

-- symmetry and bounds over many pairs of the sample coordinates, all weights
CREATE TEMP TABLE co_pts AS
  SELECT make_coord(p, g) AS c FROM unnest('{TECH,TECH.DEI,TECH.DEI.GEN,TECH.DEI.SRE,TECH.OPS.GEN,OPS,OPS.DEI.GEN,A.B.C.D.E.F.G.H,A.B.C}'::rolecode[]) p,
    unnest('{-1,0,0.5,1,2.5,3,7,11,100}'::float8[]) g;
SELECT is((SELECT count(*) FROM co_pts a, co_pts b, unnest('{0,0.3,0.5,1}'::float8[]) w
            WHERE coord_distance(a.c, b.c, w, 4) <> coord_distance(b.c, a.c, w, 4)), 0::bigint, 'symmetric for every pair and weight');
SELECT is((SELECT count(*) FROM co_pts a, co_pts b, unnest('{0,0.3,0.5,1}'::float8[]) w, unnest('{0.5,4,100}'::float8[]) s
            WHERE NOT coord_distance(a.c, b.c, w, s) BETWEEN 0 AND 1), 0::bigint, 'in [0, 1] for every pair, weight and span');
SELECT is((SELECT count(*) FROM co_pts a, co_pts b WHERE ((a.c <-> b.c) = 0) <> (a.c = b.c)), 0::bigint, '<-> is 0 exactly for equal coordinates');
SELECT is((SELECT max(a.c <-> b.c) FROM co_pts a, co_pts b), 1::float8, 'the largest distance is 1');

-- match bands: edges, custom thresholds, bad arguments
SELECT is(match_band(0), 'strong', '0 is strong');
SELECT is(match_band(0.2499999), 'strong', 'just below 0.25 is strong');
SELECT is(match_band(0.25), 'partial', '0.25 is partial');
SELECT is(match_band(0.4999999), 'partial', 'just below 0.5 is partial');
SELECT is(match_band(0.5), 'weak', '0.5 is weak');
SELECT is(match_band(1), 'weak', '1 is weak');
SELECT is(match_band(0.3, 0.4), 'strong', 'custom strong_below');
SELECT is(match_band(0.45, 0.1, 0.5), 'partial', 'custom thresholds: partial');
SELECT is(match_band(0.3, 0.3, 0.3), 'weak', 'equal thresholds leave no partial band');
SELECT is(match_band(0.99, 1, 1), 'strong', 'thresholds of 1');
SELECT is(match_band(0, 0, 0), 'weak', 'thresholds of 0: nothing is strong');
SELECT is(match_band(distance => 0.3, partial_below => 0.35), 'partial', 'named arguments');
SELECT ok(match_band(0.1) < match_band(0.3) AND match_band(0.3) < match_band(0.7), 'bands sort strong < partial < weak');
SELECT throws_ok($$SELECT match_band(0.3, 0.6, 0.5)$$, '22023', 'invalid match band thresholds', 'thresholds out of order');
SELECT throws_ok($$SELECT match_band(0.3, -0.1, 0.5)$$, '22023', 'invalid match band thresholds', 'negative threshold');
SELECT throws_ok($$SELECT match_band(0.3, 0.25, 1.5)$$, '22023', 'invalid match band thresholds', 'threshold above 1');
SELECT throws_ok($$SELECT match_band(0.3, 'NaN', 0.5)$$, '22023', 'invalid match band thresholds', 'NaN threshold');
SELECT throws_ok($$SELECT match_band('NaN')$$, '22023', 'invalid distance for a match band', 'NaN distance');
SELECT throws_ok($$SELECT match_band(-0.01)$$, '22023', 'invalid distance for a match band', 'negative distance');
SELECT throws_ok($$SELECT match_band(1.01)$$, '22023', 'invalid distance for a match band', 'distance above 1');
SELECT is(pg_temp.error_of($$SELECT match_band(0.3, 0.6, 0.5)$$),
  '22023: invalid match band thresholds / strong_below (0.6) must not be greater than partial_below (0.5).',
  'thresholds out of order: detail');
SELECT is(pg_temp.error_of($$SELECT match_band('NaN')$$),
  '22023: invalid distance for a match band / A distance is a number from 0 to 1; NaN is not.',
  'NaN distance: detail');
SELECT is(match_band(NULL), NULL, 'match_band is strict');

-- order: path label by label (a prefix first), then grade
SELECT is(
  (SELECT string_agg(c::text, ' ' ORDER BY c) FROM unnest(
     '{TECH.DEI@2,AB@0,TECH@5,A.B@9,TECH.DEI.GEN@1,TECH.DEI@-1,A@1,TECH.DEIX@0,A_@0}'::rolecoord[]) c),
  'A@1 A.B@9 AB@0 A_@0 TECH@5 TECH.DEI@-1 TECH.DEI@2 TECH.DEI.GEN@1 TECH.DEIX@0', 'ORDER BY follows the coordinate order');
SELECT ok('TECH@1'::rolecoord < 'TECH@2', 'grade orders equal paths');
SELECT ok('TECH@9'::rolecoord < 'TECH.A@0', 'a path before its extensions');
SELECT ok('A.Z@1'::rolecoord < 'AB@1', 'label by label: A.Z before AB');
SELECT ok('TECH@2'::rolecoord <= 'TECH@2', '<= on equal');
SELECT ok('TECH@2'::rolecoord > 'TECH@1', '>');
SELECT ok('TECH@2'::rolecoord >= 'TECH@2', '>= on equal');
SELECT ok('tech@2'::rolecoord = 'TECH@2.0', '= through input');
SELECT ok('TECH@2'::rolecoord <> 'TECH@2.5', '<>');
SELECT is(coord_cmp('A@1', 'A@2'), -1, 'cmp -1');
SELECT is(coord_cmp('A@1', 'a@1'), 0, 'cmp 0');
SELECT is(coord_cmp('B@1', 'A@2'), 1, 'cmp 1');

-- hashing: GROUP BY by hash, hash join
CREATE TEMP TABLE co_many AS SELECT c, n FROM co_pts, generate_series(1, 3) n;
SET LOCAL enable_sort = off;
SELECT ok(pg_temp.plan_of('SELECT c, count(*) FROM co_many GROUP BY c') ~ 'HashAggregate', 'GROUP BY uses a hash aggregate');
SELECT is((SELECT count(*) FROM (SELECT c, count(*) FROM co_many GROUP BY c) g), (SELECT count(*) FROM co_pts), 'GROUP BY by hash finds every coordinate once');
RESET enable_sort;
SET LOCAL enable_mergejoin = off;
SET LOCAL enable_nestloop = off;
SELECT ok(pg_temp.plan_of('SELECT * FROM co_pts a JOIN co_many b USING (c)') ~ 'Hash Join', 'join on rolecoord can hash');
SELECT is((SELECT count(*) FROM co_pts a JOIN co_many b USING (c)), 3 * (SELECT count(*) FROM co_pts), 'hash join matches each coordinate three times');
RESET enable_mergejoin;
RESET enable_nestloop;
SELECT is(coord_hash('TECH@1'), coord_hash('tech@1.0'), 'equal coordinates hash equally');
SELECT is(coord_hash('TECH@0'), coord_hash('TECH@-0'), '0 and -0 hash equally');
SELECT isnt(coord_hash('TECH@1'), coord_hash('TECH@2'), 'the grade is hashed');
SELECT is(coord_hash_extended('TECH@1', 0), coord_hash_extended('tech@1', 0), 'extended hash of equal coordinates');
SELECT isnt(coord_hash_extended('TECH@1', 0), coord_hash_extended('TECH@1', 1), 'extended hash depends on its seed');

-- btree index: equality, range and order; merge join
CREATE TEMP TABLE co_idx AS SELECT c, n FROM co_pts, generate_series(1, 50) n;
CREATE INDEX ON co_idx (c);
ANALYZE co_idx;
SET LOCAL enable_seqscan = off;
SELECT ok(pg_temp.plan_of($$SELECT * FROM co_idx WHERE c = 'TECH.DEI@3'$$) ~ 'Index Cond: \(c = ''TECH.DEI@3''::(roleext\.)?rolecoord\)', 'equality uses the btree index');
SELECT is((SELECT count(*) FROM co_idx WHERE c = 'tech.dei@3'), 50::bigint, 'index equality finds 50 rows');
SELECT is((SELECT count(*) FROM co_idx WHERE c >= 'TECH.DEI@0' AND c < 'TECH.DEIX@0'), 50 * (8 + 9 + 9)::bigint,
  'index range: TECH.DEI from grade 0, then its descendants, before TECH.DEIX');
RESET enable_seqscan;
SET LOCAL enable_hashjoin = off;
SET LOCAL enable_nestloop = off;
SELECT ok(pg_temp.plan_of('SELECT * FROM co_pts a JOIN co_many b USING (c)') ~ 'Merge Join', 'join on rolecoord can merge');
SELECT is((SELECT count(*) FROM co_pts a JOIN co_many b USING (c)), 3 * (SELECT count(*) FROM co_pts), 'merge join matches each coordinate three times');
RESET enable_hashjoin;
RESET enable_nestloop;

SELECT * FROM finish();
ROLLBACK;
