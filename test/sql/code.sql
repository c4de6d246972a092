-- rolecode: literals, errors, order, containment, accessors, round trips,
-- hashing, index conditions from the planner support.
\i test/setup.sql
SELECT plan(190);
-- enable_seqscan = off below prices the reference scans at 10^10, which
-- would make every one of them pay for JIT compilation
SET LOCAL jit = off;

-- the type and its functions exist and are documented
SELECT has_type('roleext', 'rolecode', 'type rolecode exists');
SELECT is(obj_description('roleext.rolecode'::regtype, 'pg_type') IS NOT NULL, true, 'rolecode has a comment');
SELECT is(
  (SELECT string_agg(oid::regprocedure::text, ', ') FROM pg_proc
    WHERE pronamespace = 'roleext'::regnamespace
      AND (proname LIKE 'code\_%' OR proname LIKE 'rolecode\_%' OR proname = 'text_cat_level')
      AND NOT (provolatile = 'i' AND proisstrict AND proparallel = 's')), NULL,
  'rolecode functions are IMMUTABLE STRICT PARALLEL SAFE');
SELECT is((SELECT typlen FROM pg_type WHERE oid = 'rolecode'::regtype), -1::int2, 'rolecode is variable length');
SELECT is((SELECT typstorage FROM pg_type WHERE oid = 'rolecode'::regtype), 'x', 'rolecode storage is extended (1-byte headers on disk)');

-- valid literals, one by one
SELECT is('DEI'::rolecode::text, 'DEI', 'one label');
SELECT is('DEI.GEN'::rolecode::text, 'DEI.GEN', 'two labels');
SELECT is('DEI.GEN.P1'::rolecode::text, 'DEI.GEN.P1', 'three labels');
SELECT is('dei.gen.p1'::rolecode::text, 'DEI.GEN.P1', 'lower case is accepted, output is upper case');
SELECT is('Dei.Gen.p1'::rolecode::text, 'DEI.GEN.P1', 'mixed case');
SELECT is('  DEI.GEN '::rolecode::text, 'DEI.GEN', 'surrounding spaces are trimmed');
SELECT is(E'\tDEI.GEN\n'::rolecode::text, 'DEI.GEN', 'tabs and newlines around it are trimmed');
SELECT is('A'::rolecode::text, 'A', 'one character');
SELECT is('_'::rolecode::text, '_', 'an underscore alone is a label');
SELECT is('0.9'::rolecode::text, '0.9', 'digits alone are labels');
SELECT is('a_1.b_2'::rolecode::text, 'A_1.B_2', 'underscores and digits inside labels');
SELECT is('abcdefghijklmnop'::rolecode::text, 'ABCDEFGHIJKLMNOP', 'a label of 16 characters');
SELECT is('a.b.c.d.e.f.g.h'::rolecode::text, 'A.B.C.D.E.F.G.H', 'eight labels');
SELECT is(length(repeat('ABCDEFGHIJKLMNOP.', 7) || 'ABCDEFGHIJKLMNOP'), 135, 'the longest code has 135 characters');
SELECT is((repeat('ABCDEFGHIJKLMNOP.', 7) || 'ABCDEFGHIJKLMNOP')::rolecode::text,
  repeat('ABCDEFGHIJKLMNOP.', 7) || 'ABCDEFGHIJKLMNOP', 'the longest code: eight labels of 16');

-- malformed literals: 22P02 with the text quoted, and an errdetail sentence
SELECT throws_ok($$SELECT ''::rolecode$$, '22P02', 'invalid input syntax for type rolecode: ""', 'empty');
SELECT throws_ok($$SELECT '   '::rolecode$$, '22P02', 'invalid input syntax for type rolecode: "   "', 'blank');
SELECT throws_ok($$SELECT 'DEI..P1'::rolecode$$, '22P02', 'invalid input syntax for type rolecode: "DEI..P1"', 'empty label');
SELECT throws_ok($$SELECT 'DEI.ABCDEFGHIJKLMNOPQ'::rolecode$$, '22P02', 'invalid input syntax for type rolecode: "DEI.ABCDEFGHIJKLMNOPQ"', 'label of 17 characters');
SELECT throws_ok($$SELECT 'A.B.C.D.E.F.G.H.I'::rolecode$$, '22P02', 'invalid input syntax for type rolecode: "A.B.C.D.E.F.G.H.I"', 'nine labels');
SELECT throws_ok($$SELECT '.DEI'::rolecode$$, '22P02', 'invalid input syntax for type rolecode: ".DEI"', 'leading dot');
SELECT throws_ok($$SELECT 'DEI.'::rolecode$$, '22P02', 'invalid input syntax for type rolecode: "DEI."', 'trailing dot');
SELECT throws_ok($$SELECT '.'::rolecode$$, '22P02', 'invalid input syntax for type rolecode: "."', 'a dot alone');
SELECT throws_ok($$SELECT 'DEI-GEN'::rolecode$$, '22P02', 'invalid input syntax for type rolecode: "DEI-GEN"', 'hyphen');
SELECT throws_ok($$SELECT 'DEI GEN'::rolecode$$, '22P02', 'invalid input syntax for type rolecode: "DEI GEN"', 'space inside');
SELECT throws_ok($$SELECT 'DEI/GEN'::rolecode$$, '22P02', 'invalid input syntax for type rolecode: "DEI/GEN"', 'slash (the byte after the dot)');
SELECT throws_ok($$SELECT 'DEI.GÉN'::rolecode$$, '22P02', 'invalid input syntax for type rolecode: "DEI.GÉN"', 'non-ASCII letter');
SELECT throws_ok($$SELECT 'DEI.GEN%'::rolecode$$, '22P02', 'invalid input syntax for type rolecode: "DEI.GEN%"', 'a LIKE wildcard');
SELECT is(pg_temp.error_of($$SELECT ''::rolecode$$),
  '22P02: invalid input syntax for type rolecode: "" / A role code is one to eight labels of letters, digits and underscores separated by dots, such as DEI.GEN.P1.',
  'empty: detail says what a code is');
SELECT is(pg_temp.error_of($$SELECT 'DEI..P1'::rolecode$$),
  '22P02: invalid input syntax for type rolecode: "DEI..P1" / Two dots in a row at position 4 leave an empty label; labels are separated by single dots.',
  'empty label: detail');
SELECT is(pg_temp.error_of($$SELECT 'DEI.ABCDEFGHIJKLMNOPQ'::rolecode$$),
  '22P02: invalid input syntax for type rolecode: "DEI.ABCDEFGHIJKLMNOPQ" / Label 2 has 17 characters; a label has at most 16.',
  'long label: detail');
SELECT is(pg_temp.error_of($$SELECT 'A.B.C.D.E.F.G.H.I'::rolecode$$),
  '22P02: invalid input syntax for type rolecode: "A.B.C.D.E.F.G.H.I" / A role code has at most 8 labels; this one has 9.',
  'nine labels: detail');
SELECT is(pg_temp.error_of($$SELECT '.DEI'::rolecode$$),
  '22P02: invalid input syntax for type rolecode: ".DEI" / A role code cannot start with a dot; it starts with its first label, such as DEI in DEI.GEN.P1.',
  'leading dot: detail');
SELECT is(pg_temp.error_of($$SELECT 'DEI.'::rolecode$$),
  '22P02: invalid input syntax for type rolecode: "DEI." / A role code cannot end with a dot.',
  'trailing dot: detail');
SELECT is(pg_temp.error_of($$SELECT 'DEI-GEN'::rolecode$$),
  '22P02: invalid input syntax for type rolecode: "DEI-GEN" / Unexpected character "-" at position 4; a label is made of the letters A to Z, the digits 0 to 9 and the underscore.',
  'bad character: detail names it and its position');
SELECT is(pg_temp.error_of($$SELECT 'DEI.GÉN'::rolecode$$),
  '22P02: invalid input syntax for type rolecode: "DEI.GÉN" / Unexpected byte 0xC3 at position 6; a label is made of the letters A to Z, the digits 0 to 9 and the underscore.',
  'non-ASCII: detail names the byte');
SELECT is(pg_temp.error_of($$SELECT ' DEI..X'::rolecode$$),
  '22P02: invalid input syntax for type rolecode: " DEI..X" / Two dots in a row at position 5 leave an empty label; labels are separated by single dots.',
  'positions count in the text as written');
SELECT is(pg_temp.error_of($$SELECT 'DEI..P1'::text::rolecode$$),
  '22P02: invalid input syntax for type rolecode: "DEI..P1" / Two dots in a row at position 4 leave an empty label; labels are separated by single dots.',
  'a cast from text checks the same way');

-- order: label by label, a code before its descendants
SELECT is(
  (SELECT string_agg(c::text, ' ' ORDER BY c) FROM unnest(
     '{DEI.GEN_X,AB,DEI.GEN.P1,A.B,DEI,DEI.GEN,A,DEI.GEN0,A_,A0,A.B.C,DE,DEI.GEN.P10,DEI.GEN.P2}'::rolecode[]) c),
  'A A.B A.B.C A0 AB A_ DE DEI DEI.GEN DEI.GEN.P1 DEI.GEN.P10 DEI.GEN.P2 DEI.GEN0 DEI.GEN_X',
  'ORDER BY is label by label');
SELECT ok('A.B'::rolecode < 'AB', 'A.B < AB (label A before label AB)');
SELECT ok('DEI.GEN'::rolecode < 'DEI.GEN.P1', 'a code before its descendants');
SELECT ok('DEI.GEN.P1'::rolecode < 'DEI.GEN_X', 'DEI.GEN.P1 < DEI.GEN_X (label GEN before label GEN_X)');
SELECT ok('DEI.GEN.ZZZ'::rolecode < 'DEI.GEN0', 'a whole subtree before the next label');
SELECT ok('A9'::rolecode < 'AA', 'digits before letters');
SELECT ok('AZ'::rolecode < 'A_', 'letters before the underscore');
SELECT ok('DEI.P10'::rolecode < 'DEI.P2', 'labels compare as text, not as levels');
SELECT ok('DEI'::rolecode <= 'DEI', '<= on equal');
SELECT ok('DEI.GEN'::rolecode > 'DEI', '>');
SELECT ok('DEI'::rolecode >= 'DEI', '>= on equal');
SELECT ok('dei.gen'::rolecode = 'DEI.GEN', '= is case-insensitive through input');
SELECT ok('DEI.GEN'::rolecode <> 'DEI.GEN.P1', '<>');
SELECT ok(NOT ('DEI.GEN'::rolecode = 'DEI.GEN.P1'), '= is false for an ancestor');
SELECT is(code_cmp('DEI', 'DEI.GEN'), -1, 'cmp -1');
SELECT is(code_cmp('DEI.GEN', 'dei.gen'), 0, 'cmp 0');
SELECT is(code_cmp('DEI_X', 'DEI.GEN'), 1, 'cmp 1');

-- a set of codes with every tricky neighbour: labels A, AB, A0, A_, B, Z9, _
CREATE TEMP TABLE rc_set AS
  SELECT (a || coalesce('.' || b, '') || coalesce('.' || c, ''))::rolecode AS code
  FROM unnest('{A,AB,A0,A_,B,Z9,_}'::text[]) a,
       unnest('{A,AB,A0,A_,B,Z9,_,NULL}'::text[]) b,
       unnest('{A,AB,A0,A_,B,Z9,_,NULL}'::text[]) c
  WHERE b IS NOT NULL OR c IS NULL;
SELECT is((SELECT count(*) FROM rc_set), 399::bigint, 'the tricky set has 7 + 49 + 343 codes');
SELECT is(
  (SELECT array_agg(code ORDER BY code) FROM rc_set),
  (SELECT array_agg(code ORDER BY string_to_array(code::text, '.') COLLATE "C") FROM rc_set),
  'ORDER BY equals comparing the label arrays in byte order');
SELECT is(
  (SELECT count(*) FROM rc_set a, rc_set b
    WHERE (a.code < b.code) <> (string_to_array(a.code::text, '.') COLLATE "C" < string_to_array(b.code::text, '.'))
       OR (a.code = b.code) <> (a.code::text = b.code::text)
       OR code_cmp(a.code, b.code) <> sign(btarraycmp(string_to_array(a.code::text, '.') COLLATE "C", string_to_array(b.code::text, '.')))),
  0::bigint, '<, = and code_cmp agree with the label arrays on 159201 pairs');

-- containment
SELECT ok('DEI'::rolecode @> 'DEI.GEN.P1', 'DEI @> DEI.GEN.P1');
SELECT ok('DEI.GEN'::rolecode @> 'DEI.GEN.P1', 'DEI.GEN @> DEI.GEN.P1');
SELECT ok('DEI.GEN.P1'::rolecode <@ 'DEI', 'DEI.GEN.P1 <@ DEI');
SELECT ok('DEI'::rolecode @> 'DEI', 'a code is its own ancestor');
SELECT ok('DEI'::rolecode <@ 'DEI', 'a code is its own descendant');
SELECT ok(NOT 'DEI.GEN'::rolecode @> 'DEI', 'a descendant is not an ancestor');
SELECT ok(NOT 'DEI.GEN_X'::rolecode <@ 'DEI.GEN', 'DEI.GEN_X is not under DEI.GEN');
SELECT ok(NOT 'DEI.GEN0'::rolecode <@ 'DEI.GEN', 'DEI.GEN0 is not under DEI.GEN');
SELECT ok(NOT 'DEIX.GEN'::rolecode <@ 'DEI', 'a longer first label is not under the shorter one');
SELECT ok(NOT 'X.DEI'::rolecode <@ 'DEI', 'containment is anchored at the root');
SELECT is(
  (SELECT string_agg(a::text || ':' || (SELECT string_agg(CASE WHEN a @> b THEN '1' ELSE '0' END, '' ORDER BY o)
                                          FROM unnest('{DEI,DEI.GEN,DEI.GEN.P1,DEI.GEN_X,DEI_X,DE}'::rolecode[]) WITH ORDINALITY v(b, o)),
                    ' ' ORDER BY ao)
     FROM unnest('{DEI,DEI.GEN,DEI.GEN.P1,DEI.GEN_X,DEI_X,DE}'::rolecode[]) WITH ORDINALITY u(a, ao)),
  'DEI:111100 DEI.GEN:011000 DEI.GEN.P1:001000 DEI.GEN_X:000100 DEI_X:000010 DE:000001',
  'truth table of @> (row @> column)');
SELECT is(
  (SELECT count(*) FROM rc_set a, rc_set b
    WHERE (a.code <@ b.code) <> ((string_to_array(a.code::text, '.'))[1:code_depth(b.code)] = string_to_array(b.code::text, '.'))),
  0::bigint, '<@ agrees with the label arrays on 159201 pairs');
SELECT is(
  (SELECT count(*) FROM rc_set a, rc_set b WHERE (a.code <@ b.code) <> (b.code @> a.code)),
  0::bigint, '@> is <@ commuted');
SELECT is(
  (SELECT count(*) FROM rc_set a, rc_set b WHERE a.code <@ b.code AND a.code @> b.code AND a.code <> b.code),
  0::bigint, 'only equal codes contain each other');
SELECT is(code_contained_by('DEI.GEN', 'DEI'), true, 'code_contained_by is <@');
SELECT is(code_contains('DEI', 'DEI.GEN'), true, 'code_contains is @>');
SELECT is('DEI'::rolecode @> NULL::rolecode, NULL, '@> is strict');

-- depth, level, family, prefix
SELECT is(code_depth('DEI'), 1, 'depth 1');
SELECT is(code_depth('DEI.GEN.P1'), 3, 'depth 3');
SELECT is(code_depth('a.b.c.d.e.f.g.h'), 8, 'depth 8');
SELECT is(code_level('DEI.GEN.P1'), 'P1'::rolelevel, 'the level of DEI.GEN.P1 is P1');
SELECT is(code_level('DEI.IC3'), 'IC3'::rolelevel, 'a two-letter track');
SELECT is(code_level('dei.gen.m2'), 'M2'::rolelevel, 'the level is read case-insensitively');
SELECT is(code_level('DEI.GEN.P07'), 'P7'::rolelevel, 'P07 is the level P7');
SELECT is(pg_typeof(code_level('DEI.GEN.P1'))::text, 'rolelevel', 'code_level returns a rolelevel');
SELECT is(code_level('DEI.GEN'), NULL, 'no level: GEN is not of the level form');
SELECT is(code_level('P1'), NULL, 'no level: a one-label code never has one');
SELECT is(code_level('DEI.P1.GEN'), NULL, 'no level: only the last label counts');
SELECT is(code_level('DEI.P100'), NULL, 'no level: rank over 99');
SELECT is(code_level('DEI.ABCD1'), NULL, 'no level: four letters');
SELECT is(code_level('DEI.P_1'), NULL, 'no level: an underscore');
SELECT is(code_family('DEI.GEN.P1'), 'DEI.GEN'::rolecode, 'family drops the level');
SELECT is(code_family('DEI.GEN'), 'DEI.GEN'::rolecode, 'family of a code without a level is itself');
SELECT is(code_family('P1'), 'P1'::rolecode, 'family of a one-label code is itself');
SELECT is(code_family('DEI.P1'), 'DEI'::rolecode, 'family of DEI.P1 is DEI');
SELECT is(code_prefix('DEI.GEN.P1', 1), 'DEI'::rolecode, 'prefix 1');
SELECT is(code_prefix('DEI.GEN.P1', 2), 'DEI.GEN'::rolecode, 'prefix 2');
SELECT is(code_prefix('DEI.GEN.P1', 3), 'DEI.GEN.P1'::rolecode, 'prefix 3 = depth');
SELECT is(code_prefix('DEI.GEN.P1', 4), 'DEI.GEN.P1'::rolecode, 'prefix beyond the depth is the whole code');
SELECT is(code_prefix('DEI.GEN.P1', 2147483647), 'DEI.GEN.P1'::rolecode, 'prefix of int4 max');
SELECT is(code_level(code_prefix('DEI.P1.GEN', 2)), 'P1'::rolelevel, 'a prefix may end in a level');
SELECT throws_ok($$SELECT code_prefix('DEI.GEN.P1', 0)$$, '22023', 'invalid prefix length 0 for role code "DEI.GEN.P1"', 'prefix 0');
SELECT throws_ok($$SELECT code_prefix('DEI.GEN.P1', -1)$$, '22023', 'invalid prefix length -1 for role code "DEI.GEN.P1"', 'negative prefix');
SELECT is(pg_temp.error_of($$SELECT code_prefix('DEI.GEN.P1', 0)$$),
  '22023: invalid prefix length 0 for role code "DEI.GEN.P1" / A prefix has at least one label, so n must be 1 or more; it is 0.',
  'prefix 0: detail');
SELECT is(
  (SELECT count(*) FROM rc_set s, generate_series(1, 4) n
    WHERE NOT (code_prefix(s.code, n) @> s.code)
       OR code_depth(code_prefix(s.code, n)) <> least(n, code_depth(s.code))),
  0::bigint, 'every prefix is an ancestor of the right depth');
SELECT is(
  (SELECT count(*) FROM rc_set s WHERE code_level(s.code) IS NOT NULL
      AND code_level(code_family(s.code)) IS NULL
      AND NOT (code_family(s.code) || code_level(s.code) = s.code
               AND code_depth(code_family(s.code)) = code_depth(s.code) - 1)),
  0::bigint, 'family || level rebuilds every code of the tricky set that has a level (A0, Z9) and whose family has none');
SELECT is(code_family('A.A0.A0'), 'A.A0'::rolecode, 'family removes one label at most: A.A0.A0 -> A.A0');
SELECT is(code_level(code_family('A.A0.A0')), 'A0'::rolelevel, '... and A.A0 ends in the level A0 itself');
SELECT is(
  (SELECT count(*) FROM rc_set s WHERE code_level(s.code) IS NULL AND code_family(s.code) <> s.code),
  0::bigint, 'a code without a level is its own family');

-- appending a level
SELECT is('DEI.GEN'::rolecode || 'P1'::rolelevel, 'DEI.GEN.P1'::rolecode, 'DEI.GEN || P1');
SELECT is('DEI.GEN'::rolecode || 'p1', 'DEI.GEN.P1'::rolecode, 'an untyped level after a code');
SELECT is('DEI'::rolecode || 'IC3'::rolelevel, 'DEI.IC3'::rolecode, 'DEI || IC3');
SELECT is(code_level('DEI'::rolecode || 'M2'::rolelevel), 'M2'::rolelevel, 'the appended label is the level');
SELECT is('P1'::rolecode || 'P2'::rolelevel, 'P1.P2'::rolecode, 'a one-label code has no level, so a level may follow');
SELECT is('A.B.C.D.E.F.G'::rolecode || 'P1'::rolelevel, 'A.B.C.D.E.F.G.P1'::rolecode, 'up to eight labels');
SELECT is(code_family(c) || code_level(c), c, 'family || level rebuilds ' || c::text)
  FROM unnest('{DEI.GEN.P1,DEI.IC3,A.B.ZZZ99}'::rolecode[]) c;
SELECT throws_ok($$SELECT 'DEI.GEN.P1'::rolecode || 'P2'::rolelevel$$, '22023',
  'cannot append level "P2" to role code "DEI.GEN.P1"', 'a code that ends in a level takes no second one');
SELECT is(pg_temp.error_of($$SELECT 'DEI.GEN.P1'::rolecode || 'P2'::rolelevel$$),
  '22023: cannot append level "P2" to role code "DEI.GEN.P1" / The code already ends in the level P1; append to its family, code_family(code), to replace it.',
  'ends in a level: detail');
SELECT throws_ok($$SELECT 'A.B.C.D.E.F.G.H'::rolecode || 'P1'::rolelevel$$, '22023',
  'cannot append level "P1" to role code "A.B.C.D.E.F.G.H"', 'a code of eight labels takes no ninth');
SELECT is(pg_temp.error_of($$SELECT 'A.B.C.D.E.F.G.H'::rolecode || 'P1'::rolelevel$$),
  '22023: cannot append level "P1" to role code "A.B.C.D.E.F.G.H" / A role code has at most 8 labels, and this one already has 8.',
  'eight labels: detail');
SELECT is('Level ' || 'P1'::rolelevel, 'Level P1', 'an untyped literal before a level is still text concatenation');
SELECT is(pg_typeof('Level ' || 'P1'::rolelevel)::text, 'text', '... and its type is text');
SELECT is('DEI'::rolecode || 'x'::text, 'DEIx', 'rolecode || text is text concatenation');

-- ancestors and the subtree's greatest code
SELECT is(code_ancestors('DEI.GEN.P1'), '{DEI,DEI.GEN,DEI.GEN.P1}'::rolecode[], 'ancestors, root first');
SELECT is(code_ancestors('DEI'), '{DEI}'::rolecode[], 'a root is its own only ancestor');
SELECT is(
  (SELECT count(*) FROM rc_set a, rc_set b WHERE (a.code @> b.code) <> (a.code = ANY (code_ancestors(b.code)))),
  0::bigint, 'x @> c exactly when x is in code_ancestors(c)');
SELECT is(code_subtree_max('A.B.C.D.E.F.G'), 'A.B.C.D.E.F.G.________________'::rolecode, 'subtree max of seven labels');
SELECT is(code_subtree_max('A.B.C.D.E.F.G.H'), 'A.B.C.D.E.F.G.H'::rolecode, 'subtree max of eight labels is the code');
SELECT is(
  (SELECT count(*) FROM rc_set a, rc_set b
    WHERE (a.code <@ b.code) <> (a.code BETWEEN b.code AND code_subtree_max(b.code))),
  0::bigint, 'c <@ x exactly when c is between x and code_subtree_max(x)');

-- text round trip
SELECT is(
  (SELECT count(*) FROM rc_set WHERE code::text::rolecode <> code OR lower(code::text)::rolecode <> code),
  0::bigint, 'text round trip of 399 codes');

-- binary round trip through COPY (FORMAT binary)
CREATE TEMP TABLE rc_src (code rolecode);
INSERT INTO rc_src SELECT code FROM rc_set;
INSERT INTO rc_src VALUES ((repeat('ABCDEFGHIJKLMNOP.', 7) || 'ABCDEFGHIJKLMNOP')::rolecode), ('DEI.GEN.P1');
COPY rc_src TO '/tmp/roleext_rolecode_test.bin' (FORMAT binary);
CREATE TEMP TABLE rc_dst (code rolecode);
COPY rc_dst FROM '/tmp/roleext_rolecode_test.bin' (FORMAT binary);
SELECT results_eq('SELECT code FROM rc_src ORDER BY code', 'SELECT code FROM rc_dst ORDER BY code', 'binary COPY round trip');
SELECT is(rolecode_send('DEI.GEN'), '\x014445492e47454e'::bytea, 'binary form: version byte 1, then the text');
-- binary input takes the canonical text only (what send writes), as rolecoord's does
COPY (SELECT '\x01444549'::bytea) TO '/tmp/roleext_rolecode_bad.bin' (FORMAT binary);
COPY rc_dst FROM '/tmp/roleext_rolecode_bad.bin' (FORMAT binary);
SELECT is((SELECT count(*) FROM rc_dst WHERE code = 'DEI'), 1::bigint, 'binary input reads the canonical text DEI');
COPY (SELECT '\x01646569'::bytea) TO '/tmp/roleext_rolecode_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY rc_dst FROM '/tmp/roleext_rolecode_bad.bin' (FORMAT binary)$$, '22P03',
  'invalid external rolecode value', 'binary input rejects lower case (dei)');
SELECT is(pg_temp.error_of($$COPY rc_dst FROM '/tmp/roleext_rolecode_bad.bin' (FORMAT binary)$$),
  '22P03: invalid external rolecode value / A binary rolecode carries the canonical text, "DEI": upper case, without white space around it.',
  'lower case: detail names the canonical text');
COPY (SELECT '\x0164656920'::bytea) TO '/tmp/roleext_rolecode_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY rc_dst FROM '/tmp/roleext_rolecode_bad.bin' (FORMAT binary)$$, '22P03',
  'invalid external rolecode value', 'binary input rejects lower case with a trailing space (dei )');
COPY (SELECT '\x0120444549'::bytea) TO '/tmp/roleext_rolecode_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY rc_dst FROM '/tmp/roleext_rolecode_bad.bin' (FORMAT binary)$$, '22P03',
  'invalid external rolecode value', 'binary input rejects a leading space ( DEI)');
COPY (SELECT '\x014445490a'::bytea) TO '/tmp/roleext_rolecode_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY rc_dst FROM '/tmp/roleext_rolecode_bad.bin' (FORMAT binary)$$, '22P03',
  'invalid external rolecode value', 'binary input rejects a trailing newline (DEI\n)');
COPY (SELECT '\x014445492e47656e'::bytea) TO '/tmp/roleext_rolecode_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY rc_dst FROM '/tmp/roleext_rolecode_bad.bin' (FORMAT binary)$$, '22P03',
  'invalid external rolecode value', 'binary input rejects mixed case in a later label (DEI.Gen)');
SELECT is((SELECT count(*) FROM rc_dst WHERE code = 'DEI'), 1::bigint, '... and none of them added a row');
COPY (SELECT '\x02444549'::bytea) TO '/tmp/roleext_rolecode_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY rc_dst FROM '/tmp/roleext_rolecode_bad.bin' (FORMAT binary)$$, '22P03',
  'unsupported binary rolecode version 2', 'binary input checks the version');
COPY (SELECT '\x014445492e2e5031'::bytea) TO '/tmp/roleext_rolecode_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY rc_dst FROM '/tmp/roleext_rolecode_bad.bin' (FORMAT binary)$$, '22P03',
  'invalid external rolecode value', 'binary input rejects an empty label');
SELECT ok(pg_temp.error_of($$COPY rc_dst FROM '/tmp/roleext_rolecode_bad.bin' (FORMAT binary)$$)
  ~ 'Two dots in a row at position 4 leave an empty label', 'binary input error: detail');
COPY (SELECT '\x01'::bytea) TO '/tmp/roleext_rolecode_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY rc_dst FROM '/tmp/roleext_rolecode_bad.bin' (FORMAT binary)$$, '22P03',
  'invalid external rolecode value', 'binary input rejects an empty code');
COPY (SELECT '\x0144454900'::bytea) TO '/tmp/roleext_rolecode_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY rc_dst FROM '/tmp/roleext_rolecode_bad.bin' (FORMAT binary)$$, '22P03',
  'invalid external rolecode value', 'binary input rejects a NUL byte');
COPY (SELECT ('\x01' || repeat('41', 17))::bytea) TO '/tmp/roleext_rolecode_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY rc_dst FROM '/tmp/roleext_rolecode_bad.bin' (FORMAT binary)$$, '22P03',
  'invalid external rolecode value', 'binary input rejects a label of 17');
COPY (SELECT ''::bytea) TO '/tmp/roleext_rolecode_bad.bin' (FORMAT binary);
SELECT ok(pg_temp.error_of($$COPY rc_dst FROM '/tmp/roleext_rolecode_bad.bin' (FORMAT binary)$$) LIKE '08P01:%',
  'binary input of no bytes at all is a protocol error, not a crash');

-- storage: a 1-byte header, the info byte and the text
CREATE TEMP TABLE rc_disk (code rolecode);
INSERT INTO rc_disk VALUES ('DEI.GEN.P1');
SELECT is((SELECT pg_column_size(code) FROM rc_disk), 12, 'DEI.GEN.P1 takes 12 bytes on disk');
SELECT is(pg_column_size('DEI.GEN.P1'::rolecode), 15, '... and 15 in memory (4-byte header)');

-- hashing: GROUP BY by hash, hash join
SELECT is(code_hash('DEI.GEN'), code_hash('dei.gen'), 'equal codes hash equally');
SELECT isnt(code_hash('DEI.GEN'), code_hash('DEI.GEN.P1'), 'different codes hash differently here');
SELECT is(code_hash_extended('DEI', 0), code_hash_extended('DEI', 0), 'extended hash is stable');
SELECT isnt(code_hash_extended('DEI', 0), code_hash_extended('DEI', 1), 'extended hash depends on its seed');
SELECT is(code_hash_extended('DEI', 0) & x'FFFFFFFF'::int8, code_hash('DEI')::int8 & x'FFFFFFFF'::int8,
  'extended hash with seed 0 has the 4-byte hash in its low bits');
SET LOCAL enable_sort = off;
SELECT ok(pg_temp.plan_of('SELECT code, count(*) FROM rc_src GROUP BY code') ~ 'HashAggregate', 'GROUP BY uses a hash aggregate');
SELECT is((SELECT count(*) FROM (SELECT code, count(*) FROM rc_src GROUP BY code) g), 401::bigint, 'GROUP BY by hash finds 401 groups');
RESET enable_sort;
SET LOCAL enable_mergejoin = off;
SET LOCAL enable_nestloop = off;
SELECT ok(pg_temp.plan_of('SELECT * FROM rc_src a JOIN rc_dst b USING (code)') ~ 'Hash Join', 'join on rolecode can hash');
SELECT is((SELECT count(*) FROM rc_src a JOIN rc_set b USING (code)), 399::bigint, 'hash join matches every code once');
RESET enable_mergejoin;
RESET enable_nestloop;
SET LOCAL enable_hashjoin = off;
SET LOCAL enable_nestloop = off;
SELECT ok(pg_temp.plan_of('SELECT * FROM rc_src a JOIN rc_dst b USING (code)') ~ 'Merge Join', 'join on rolecode can merge');
SELECT is((SELECT count(*) FROM rc_src a JOIN rc_set b USING (code)), 399::bigint, 'merge join matches every code once');
RESET enable_hashjoin;
RESET enable_nestloop;

-- btree index: <@ is a range, @> a list of equalities; results equal a seq scan
CREATE TEMP TABLE rc_idx AS
  SELECT s.code, g FROM rc_set s, generate_series(1, 10) g;
INSERT INTO rc_idx SELECT (repeat('Q', 16) || '.' || repeat('_', 16)) :: rolecode, 1;
INSERT INTO rc_idx SELECT repeat('_', 16)::rolecode, g FROM generate_series(1, 3) g;
INSERT INTO rc_idx SELECT (repeat('_', 16) || '.A')::rolecode, 1;
CREATE INDEX rc_idx_code ON rc_idx (code);
ANALYZE rc_idx;
-- the answer of a test computed without any rolecode operator (no index)
CREATE FUNCTION pg_temp.under(c rolecode, x rolecode) RETURNS bool LANGUAGE sql IMMUTABLE AS
  $$ SELECT (string_to_array(c::text, '.'))[1:code_depth(x)] = string_to_array(x::text, '.') $$;
CREATE TEMP TABLE rc_probe (x rolecode);
INSERT INTO rc_probe SELECT code FROM rc_set WHERE code_depth(code) < 3;
INSERT INTO rc_probe SELECT unnest(ARRAY['A.A.A', 'NOPE', 'A.NOPE', 'Z', '0', repeat('_', 16),
  repeat('Q', 16), repeat('Q', 16) || '.' || repeat('_', 16), 'A.B.C.D.E.F.G.H'])::rolecode;
SET LOCAL enable_seqscan = off;
SET LOCAL enable_bitmapscan = off;
SELECT ok(pg_temp.plan_of($$SELECT * FROM rc_idx WHERE code <@ 'A.B'$$)
  ~ $$Index Cond: \(\(code >= 'A\.B'::(roleext\.)?rolecode\) AND \(code < 'A\.B0'::(roleext\.)?rolecode\)\)$$,
  '<@ a constant is the index range [A.B, A.B0)');
SELECT ok(pg_temp.plan_of($$SELECT * FROM rc_idx WHERE code <@ 'A.B'$$) !~ 'Filter', '... exact: no filter left');
SELECT ok(pg_temp.plan_of($$SELECT * FROM rc_idx WHERE 'A.B' @> code$$) ~ $$Index Cond: \(\(code >= 'A\.B'$$,
  'x @> column is the same range');
SELECT ok(pg_temp.plan_of($$SELECT * FROM rc_idx WHERE code_contained_by(code, 'A.B')$$) ~ $$Index Cond: \(\(code >= 'A\.B'$$,
  'the function behind <@ gets the same range');
SELECT ok(pg_temp.plan_of($$SELECT * FROM rc_idx WHERE code <@ '________________'$$)
  ~ $$Index Cond: \(code >= '________________'::(roleext\.)?rolecode\)\n$$,
  'nothing sorts above the subtree of ________________: the lower bound alone');
SELECT ok(pg_temp.plan_of($$SELECT * FROM rc_idx WHERE code @> 'A.B.C'$$)
  ~ $$Index Cond: \(code = ANY \('\{A,A\.B,A\.B\.C\}'::(roleext\.)?rolecode\[\]\)\)$$,
  '@> a constant is = ANY of its ancestors');
SELECT ok(pg_temp.plan_of($$SELECT * FROM rc_idx WHERE code @> 'A'$$) ~ $$Index Cond: \(code = 'A'::(roleext\.)?rolecode\)$$,
  '@> a one-label constant is equality');
SELECT ok(pg_temp.plan_of($$SELECT code FROM rc_idx WHERE code <@ 'A' ORDER BY code$$) !~ 'Sort',
  'a subtree comes out of the index in order');
SELECT is(
  (SELECT count(*) FROM rc_probe p WHERE
     (SELECT array_agg(i.code ORDER BY i.code, i.g) FROM rc_idx i WHERE i.code <@ p.x)
     IS DISTINCT FROM
     (SELECT array_agg(i.code ORDER BY i.code, i.g) FROM rc_idx i WHERE pg_temp.under(i.code, p.x))),
  0::bigint, '<@ through the index (outer reference) equals the label arrays for every probe');
SELECT is(
  (SELECT count(*) FROM rc_probe p WHERE
     (SELECT array_agg(i.code ORDER BY i.code, i.g) FROM rc_idx i WHERE i.code @> p.x)
     IS DISTINCT FROM
     (SELECT array_agg(i.code ORDER BY i.code, i.g) FROM rc_idx i WHERE pg_temp.under(p.x, i.code))),
  0::bigint, '@> through the index (outer reference) equals the label arrays for every probe');
SELECT ok(pg_temp.plan_of($$SELECT (SELECT count(*) FROM rc_idx i WHERE i.code <@ p.x) FROM rc_probe p$$)
  ~ 'Index Cond: \(\(code >= p\.x\) AND \(code <= code_subtree_max\(p\.x\)\)\)',
  '<@ an outer reference is the index range [x, code_subtree_max(x)]');
SELECT ok(pg_temp.plan_of($$SELECT (SELECT count(*) FROM rc_idx i WHERE i.code @> p.x) FROM rc_probe p$$)
  ~ 'Index Cond: \(code = ANY \(code_ancestors\(p\.x\)\)\)',
  '@> an outer reference is = ANY (code_ancestors(x))');

-- constants, one query each, checked against the label arrays
CREATE FUNCTION pg_temp.const_mismatches(op text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  x rolecode; got rolecode[]; want rolecode[]; bad bigint := 0; q text;
BEGIN
  FOR x IN SELECT p.x FROM rc_probe p LOOP
    q := format('SELECT array_agg(code ORDER BY code, g) FROM rc_idx WHERE code %s %L', op, x);
    IF pg_temp.plan_of(q) !~ 'Index (Only )?Scan' THEN
      RAISE EXCEPTION 'no index scan for %', q;
    END IF;
    EXECUTE q INTO got;
    IF op = '<@' THEN
      SELECT array_agg(code ORDER BY code, g) INTO want FROM rc_idx WHERE pg_temp.under(code, x);
    ELSE
      SELECT array_agg(code ORDER BY code, g) INTO want FROM rc_idx WHERE pg_temp.under(x, code);
    END IF;
    IF got IS DISTINCT FROM want THEN
      bad := bad + 1;
    END IF;
  END LOOP;
  RETURN bad;
END $$;
SELECT is(pg_temp.const_mismatches('<@'), 0::bigint, '<@ a constant through the index equals the label arrays for every probe');
SELECT is(pg_temp.const_mismatches('@>'), 0::bigint, '@> a constant through the index equals the label arrays for every probe');

-- a prepared statement's generic plan uses the parameter forms
PREPARE rc_under(rolecode) AS SELECT count(*) FROM rc_idx WHERE code <@ $1;
PREPARE rc_over(rolecode) AS SELECT count(*) FROM rc_idx WHERE code @> $1;
SET LOCAL plan_cache_mode = force_generic_plan;
SELECT ok(pg_temp.plan_of('EXECUTE rc_under(''A'')') ~ 'Index Cond: \(\(code >= \$1\) AND \(code <= code_subtree_max\(\$1\)\)\)',
  'generic plan of <@ $1: [$1, code_subtree_max($1)]');
SELECT ok(pg_temp.plan_of('EXECUTE rc_over(''A.B.C'')') ~ 'Index Cond: \(code = ANY \(code_ancestors\(\$1\)\)\)',
  'generic plan of @> $1: = ANY (code_ancestors($1))');
CREATE TEMP TABLE rc_exec_under AS EXECUTE rc_under('A');
CREATE TEMP TABLE rc_exec_over AS EXECUTE rc_over('A.B.C');
SELECT is((SELECT count FROM rc_exec_under), (SELECT count(*) FROM rc_idx WHERE pg_temp.under(code, 'A')),
  'generic plan of <@ counts what the label arrays count');
SELECT is((SELECT count FROM rc_exec_over), (SELECT count(*) FROM rc_idx WHERE pg_temp.under('A.B.C', code)),
  'generic plan of @> counts what the label arrays count');
RESET plan_cache_mode;
DEALLOCATE rc_under;
DEALLOCATE rc_over;

-- the ancestor form is only offered on an index's first column
DROP INDEX rc_idx_code;
CREATE INDEX rc_idx_g_code ON rc_idx (g, code);
SELECT ok(pg_temp.plan_of($$SELECT * FROM rc_idx WHERE g = 1 AND code <@ 'A.B'$$)
  ~ $$Index Cond: \(\(g = 1\) AND \(code >= 'A\.B'$$, '<@ on a second index column is a range too');
SELECT ok(pg_temp.plan_of($$SELECT * FROM rc_idx WHERE g = 1 AND code @> 'A.B'$$) !~ 'ANY',
  '@> on a second index column is not turned into = ANY');
SELECT is((SELECT count(*) FROM rc_idx WHERE g = 1 AND code @> 'A.B.Z9'),
  (SELECT count(*) FROM rc_idx WHERE g = 1 AND pg_temp.under('A.B.Z9', code)), '... and still answers right');

-- a hash index is not given the range conditions
DROP INDEX rc_idx_g_code;
CREATE INDEX rc_idx_hash ON rc_idx USING hash (code);
SELECT ok(pg_temp.plan_of($$SELECT * FROM rc_idx WHERE code <@ 'A.B'$$) !~ 'Index Cond: \(\(code >=', 'a hash index gets no range');
SELECT ok(pg_temp.plan_of($$SELECT * FROM rc_idx WHERE code = 'A.B'$$) ~ 'rc_idx_hash', 'a hash index serves =');
RESET enable_seqscan;
RESET enable_bitmapscan;

-- estimates: matchingsel reads the statistics (the table is smaller than
-- ANALYZE's sample, so they are exact and the estimates repeatable)
CREATE FUNCTION pg_temp.estimate(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
  j json;
BEGIN
  EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO j;
  RETURN (j -> 0 -> 'Plan' ->> 'Plan Rows')::float8;
END $$;
SELECT ok(pg_temp.estimate($$SELECT * FROM rc_idx WHERE code <@ 'A'$$)
  BETWEEN 0.5 * (SELECT count(*) FROM rc_idx WHERE code <@ 'A') AND 2 * (SELECT count(*) FROM rc_idx WHERE code <@ 'A'),
  '<@ estimate within a factor of 2 of the truth (a big subtree)');
SELECT ok(pg_temp.estimate($$SELECT * FROM rc_idx WHERE code <@ 'B.A'$$)
  BETWEEN 0.5 * (SELECT count(*) FROM rc_idx WHERE code <@ 'B.A') AND 2 * (SELECT count(*) FROM rc_idx WHERE code <@ 'B.A'),
  '<@ estimate within a factor of 2 of the truth (a small subtree)');
SELECT * FROM finish();
ROLLBACK;
