-- soccode: literals, errors, the hierarchy against every code of SOC 2018,
-- order, containment, round trips, hashing, and btree index use of <@.
\i test/setup.sql
SELECT plan(170);

-- the type and its functions exist and are documented
SELECT has_type('roleext', 'soccode', 'type soccode exists');
SELECT is(obj_description('roleext.soccode'::regtype, 'pg_type') IS NOT NULL, true, 'soccode has a comment');
SELECT is((SELECT typlen FROM pg_type WHERE oid = 'soccode'::regtype), 4::int2, 'soccode is 4 bytes');
SELECT is((SELECT typbyval FROM pg_type WHERE oid = 'soccode'::regtype), true, 'soccode is passed by value');
SELECT is(
  (SELECT string_agg(p.oid::regprocedure::text, ', ') FROM pg_proc p
    WHERE p.pronamespace = 'roleext'::regnamespace
      AND ('soccode'::regtype = ANY (p.proargtypes) OR p.prorettype = 'soccode'::regtype
           OR p.proname IN ('soc_contains_support', 'soc_contained_by_support'))
      AND p.prolang <> (SELECT oid FROM pg_language WHERE lanname = 'plpgsql')
      AND p.prolang <> (SELECT oid FROM pg_language WHERE lanname = 'sql')
      AND NOT (p.provolatile = 'i' AND p.proisstrict AND p.proparallel = 's')), NULL,
  'soccode functions are IMMUTABLE STRICT PARALLEL SAFE');
SELECT is(
  (SELECT count(*) FROM pg_cast WHERE (castsource, casttarget) IN
     (('soccode'::regtype, 'text'::regtype), ('text'::regtype, 'soccode'::regtype))), 2::bigint,
  'casts soccode <-> text exist');

-- valid literals, one by one: the issue's forms, with and without hyphen
SELECT is('15-0000'::soccode::text, '15-0000', '15-0000 major group');
SELECT is('15-1200'::soccode::text, '15-1200', '15-1200 minor group');
SELECT is('15-1250'::soccode::text, '15-1250', '15-1250 broad group');
SELECT is('15-1252'::soccode::text, '15-1252', '15-1252 detailed occupation');
SELECT is('15-1252.00'::soccode::text, '15-1252.00', '15-1252.00 O*NET-SOC');
SELECT is('15-1252.01'::soccode::text, '15-1252.01', '15-1252.01 O*NET-SOC');
SELECT is('150000'::soccode::text, '15-0000', '150000 without hyphen');
SELECT is('151200'::soccode::text, '15-1200', '151200 without hyphen');
SELECT is('151250'::soccode::text, '15-1250', '151250 without hyphen');
SELECT is('151252'::soccode::text, '15-1252', '151252 without hyphen');
SELECT is('151252.00'::soccode::text, '15-1252.00', '151252.00 without hyphen');
SELECT is('151252.01'::soccode::text, '15-1252.01', '151252.01 without hyphen');
SELECT is(E' 15-1252\t'::soccode::text, '15-1252', 'surrounding white space is trimmed');
SELECT is('11-0000'::soccode::text, '11-0000', 'first major group 11');
SELECT is('55-3019'::soccode::text, '55-3019', 'last major group 55');
SELECT is('53-7199.99'::soccode::text, '53-7199.99', 'suffix .99');
SELECT is('31-1100'::soccode::text, '31-1100', 'four-digit minor group 31-1100');
SELECT is('51-5100'::soccode::text, '51-5100', 'four-digit minor group 51-5100');

-- malformed literals: 22P02 with the text quoted, and an errdetail sentence
SELECT throws_ok($$SELECT '16-0000'::soccode$$, '22P02', 'invalid input syntax for type soccode: "16-0000"', 'no major group 16');
SELECT throws_ok($$SELECT '15-125'::soccode$$, '22P02', 'invalid input syntax for type soccode: "15-125"', 'three digits after the hyphen');
SELECT throws_ok($$SELECT '15-12520'::soccode$$, '22P02', 'invalid input syntax for type soccode: "15-12520"', 'five digits after the hyphen');
SELECT throws_ok($$SELECT '15-1250.01'::soccode$$, '22P02', 'invalid input syntax for type soccode: "15-1250.01"', 'suffix on a broad group');
SELECT throws_ok($$SELECT '15_1252'::soccode$$, '22P02', 'invalid input syntax for type soccode: "15_1252"', 'underscore');
SELECT throws_ok($$SELECT 'abc'::soccode$$, '22P02', 'invalid input syntax for type soccode: "abc"', 'letters');
SELECT throws_ok($$SELECT '15-12S2'::soccode$$, '22P02', 'invalid input syntax for type soccode: "15-12S2"', 'a letter among digits');
SELECT throws_ok($$SELECT ''::soccode$$, '22P02', 'invalid input syntax for type soccode: ""', 'empty');
SELECT throws_ok($$SELECT '   '::soccode$$, '22P02', 'invalid input syntax for type soccode: "   "', 'white space only');
SELECT throws_ok($$SELECT '10-0000'::soccode$$, '22P02', NULL, 'even major group 10');
SELECT throws_ok($$SELECT '57-0000'::soccode$$, '22P02', NULL, 'major group 57');
SELECT throws_ok($$SELECT '15-0000.00'::soccode$$, '22P02', NULL, 'suffix on a major group');
SELECT throws_ok($$SELECT '15-1200.01'::soccode$$, '22P02', NULL, 'suffix on a minor group');
SELECT throws_ok($$SELECT '15-1252.1'::soccode$$, '22P02', NULL, 'one-digit suffix');
SELECT throws_ok($$SELECT '15-1252.'::soccode$$, '22P02', NULL, 'dot without suffix');
SELECT throws_ok($$SELECT '15-1252.001'::soccode$$, '22P02', NULL, 'three-digit suffix');
SELECT throws_ok($$SELECT '1512520'::soccode$$, '22P02', NULL, 'seven digits');
SELECT throws_ok($$SELECT '15-12-52'::soccode$$, '22P02', NULL, 'two hyphens');
SELECT throws_ok($$SELECT '15 1252'::soccode$$, '22P02', NULL, 'space inside');
SELECT throws_ok($$SELECT '15–1252'::soccode$$, '22P02', NULL, 'en dash');
SELECT throws_ok($$SELECT '15-0100'::soccode$$, '22P02', NULL, 'zero after the hyphen');
SELECT throws_ok($$SELECT '11-3100'::soccode$$, '22P02', NULL, 'no minor group 11-3100');
SELECT throws_ok($$SELECT '15-1201'::soccode$$, '22P02', NULL, 'detailed code without a broad digit');
SELECT is(pg_temp.error_of($$SELECT '16-0000'::soccode$$),
  '22P02: invalid input syntax for type soccode: "16-0000" / There is no SOC major group 16; the major groups are the odd numbers 11 to 53, and 55.',
  'no major group 16: detail');
SELECT is(pg_temp.error_of($$SELECT '15-125'::soccode$$),
  '22P02: invalid input syntax for type soccode: "15-125" / A SOC code has four digits after its hyphen, such as the 1252 in 15-1252; found 3.',
  '15-125: detail');
SELECT is(pg_temp.error_of($$SELECT '15-12520'::soccode$$),
  '22P02: invalid input syntax for type soccode: "15-12520" / A SOC code has four digits after its hyphen, such as the 1252 in 15-1252; found 5.',
  '15-12520: detail');
SELECT is(pg_temp.error_of($$SELECT '15-1250.01'::soccode$$),
  '22P02: invalid input syntax for type soccode: "15-1250.01" / An O*NET-SOC suffix belongs only to a detailed occupation; 15-1250 is a broad group.',
  'suffix on a broad group: detail');
SELECT is(pg_temp.error_of($$SELECT '15_1252'::soccode$$),
  '22P02: invalid input syntax for type soccode: "15_1252" / Unexpected character "_" at position 3; A SOC code is a two-digit major group, a hyphen and four digits, such as 15-1252 (the hyphen may be left out), optionally followed by an O*NET-SOC suffix such as .01.',
  '15_1252: detail names the character');
SELECT is(pg_temp.error_of($$SELECT ''::soccode$$),
  '22P02: invalid input syntax for type soccode: "" / A SOC code is a two-digit major group, a hyphen and four digits, such as 15-1252 (the hyphen may be left out), optionally followed by an O*NET-SOC suffix such as .01.',
  'empty: detail says what a code is');
SELECT is(pg_temp.error_of($$SELECT '11-3100'::soccode$$),
  '22P02: invalid input syntax for type soccode: "11-3100" / There is no SOC minor group 11-3100; a minor group is written NN-N000, such as 11-3000, except 15-1100, 15-1200, 31-1100 and 51-5100.',
  '11-3100: detail');
SELECT is(pg_temp.error_of($$SELECT 'text 15-1252'::text::soccode$$),
  '22P02: invalid input syntax for type soccode: "text 15-1252" / Unexpected character "t" at position 1; A SOC code is a two-digit major group, a hyphen and four digits, such as 15-1252 (the hyphen may be left out), optionally followed by an O*NET-SOC suffix such as .01.',
  'the text cast reports like input');

-- levels
SELECT is(soc_level('15-0000'), 'major', 'level major');
SELECT is(soc_level('15-1200'), 'minor', 'level minor');
SELECT is(soc_level('15-2000'), 'minor', 'level minor NN-N000');
SELECT is(soc_level('15-1250'), 'broad', 'level broad');
SELECT is(soc_level('15-1252'), 'detailed', 'level detailed');
SELECT is(soc_level('15-1252.00'), 'onet', 'level onet .00');
SELECT is(soc_level('15-1252.01'), 'onet', 'level onet .01');

-- parents and ancestors, the exceptions included
SELECT is(soc_parent('15-0000'), NULL, 'a major group has no parent');
SELECT is(soc_parent('15-1200'), '15-0000'::soccode, 'parent of a minor group');
SELECT is(soc_parent('15-1250'), '15-1200'::soccode, 'parent of a broad group in a four-digit minor group');
SELECT is(soc_parent('15-1252'), '15-1250'::soccode, 'parent of a detailed occupation');
SELECT is(soc_parent('15-1252.01'), '15-1252'::soccode, 'parent of an O*NET-SOC code');
SELECT is(soc_parent('11-3131'), '11-3130'::soccode, 'parent of 11-3131');
SELECT is(soc_parent('11-3130'), '11-3000'::soccode, 'parent of broad 11-3130 is minor 11-3000');
SELECT is(soc_parent('29-1221'), '29-1210'::soccode, '29-1221 sits in broad group 29-1210');
SELECT is(soc_parent('29-1229'), '29-1210'::soccode, '29-1229 sits in broad group 29-1210');
SELECT is(soc_parent('29-1211'), '29-1210'::soccode, '29-1211 sits in broad group 29-1210');
SELECT is(soc_parent('29-1231'), '29-1230'::soccode, '29-1231 follows the digits');
SELECT is(soc_parent('15-1299.08'), '15-1299'::soccode, 'a well-formed code not in O*NET follows the digits');
SELECT is(soc_ancestor('29-1223.01', 'major'), '29-0000'::soccode, 'ancestor major');
SELECT is(soc_ancestor('29-1223.01', 'minor'), '29-1000'::soccode, 'ancestor minor');
SELECT is(soc_ancestor('29-1223.01', 'broad'), '29-1210'::soccode, 'ancestor broad (exception)');
SELECT is(soc_ancestor('29-1223.01', 'detailed'), '29-1223'::soccode, 'ancestor detailed');
SELECT is(soc_ancestor('29-1223.01', 'onet'), '29-1223.01'::soccode, 'ancestor onet is the code itself');
SELECT is(soc_ancestor('15-1250', 'Broad'), '15-1250'::soccode, 'level names are case-insensitive; own level');
SELECT is(soc_ancestor('15-1250', 'detailed'), NULL, 'no detailed ancestor of a broad group');
SELECT is(soc_ancestor('15-1252', 'onet'), NULL, 'no onet ancestor of a detailed occupation');
SELECT throws_ok($$SELECT soc_ancestor('15-1252', 'group')$$, '22023', 'invalid SOC level "group"', 'unknown level name');
SELECT is(pg_temp.error_of($$SELECT soc_ancestor('15-1252', '')$$),
  '22023: invalid SOC level "" / A SOC level is one of major, minor, broad, detailed or onet.',
  'unknown level name: detail');
SELECT is(soc_ancestor('15-1252', NULL), NULL, 'soc_ancestor is strict');
SELECT is(soc_path('15-1252.01')::text, '{15-0000,15-1200,15-1250,15-1252,15-1252.01}', 'path from the major group down');
SELECT is(soc_path('29-1221')::text, '{29-0000,29-1000,29-1210,29-1221}', 'path through the exception');
SELECT is(soc_path('15-0000')::text, '{15-0000}', 'path of a major group');

-- distance: edges through the lowest common ancestor
SELECT is(soc_distance('15-1252', '15-1252'), 0, 'distance to itself');
SELECT is(soc_distance('15-1252', '15-1250'), 1, 'distance to the parent');
SELECT is(soc_distance('15-1252', '15-1253'), 2, 'siblings');
SELECT is(soc_distance('15-1252', '15-1241'), 4, 'cousins in one minor group');
SELECT is(soc_distance('15-1252', '15-2011'), 6, 'same major group, different minor groups');
SELECT is(soc_distance('15-1252.01', '15-1252.02'), 2, 'O*NET siblings');
SELECT is(soc_distance('29-1221', '29-1211'), 2, 'siblings through the exception');
SELECT is(soc_distance('15-0000', '17-0000'), 2, 'major groups meet at the implicit root');
SELECT is(soc_distance('15-1252', '17-2011'), 8, 'detailed codes in different major groups');
SELECT is(soc_distance('17-2011', '15-1252'), soc_distance('15-1252', '17-2011'), 'distance is symmetric');

-- containment: a group contains its members and itself
SELECT ok('15-1252'::soccode <@ '15-1200', '15-1252 <@ 15-1200');
SELECT ok('15-1200'::soccode @> '15-1252', '15-1200 @> 15-1252');
SELECT ok('15-1252.01'::soccode <@ '15-0000', 'O*NET code in its major group');
SELECT ok('15-1252'::soccode <@ '15-1252', 'a code is contained in itself');
SELECT ok('15-1252.00'::soccode <@ '15-1252', 'O*NET .00 in its detailed occupation');
SELECT ok(NOT '15-1252'::soccode <@ '15-1252.00', 'a detailed occupation is not in its O*NET code');
SELECT ok(NOT '15-1252.01'::soccode <@ '15-1252.00', 'O*NET codes do not contain each other');
SELECT ok(NOT '15-1250'::soccode <@ '15-1252', 'a group is not in its member');
SELECT ok(NOT '15-2011'::soccode <@ '15-1200', 'another minor group');
SELECT ok(NOT '17-2011'::soccode <@ '15-0000', 'another major group');
SELECT ok('29-1221'::soccode <@ '29-1210', '29-1221 <@ 29-1210 (exception)');
SELECT ok(NOT '29-1221'::soccode <@ '29-1220', '29-1221 is not in 29-1220');
SELECT ok(NOT '29-1220'::soccode <@ '29-1210', '29-1220 is not in 29-1210 though between its members');
SELECT is(soc_contains('15-1200', NULL), NULL, 'containment is strict');

-- the hierarchy agrees with every row of data/soc2018/soc2018_all.csv
CREATE TEMP TABLE soc_file (code text, title text, lvl text, structure text, parent text,
                            soc2d text, soc3d text, soc5d text, soc6d text);
\copy soc_file FROM 'data/soc2018/soc2018_all.csv' WITH (FORMAT csv, HEADER true)
SELECT is((SELECT count(*) FROM soc_file), 1447::bigint, 'the file has 1447 codes');
SELECT is(
  (SELECT string_agg(code, ' ') FROM soc_file WHERE code::soccode::text <> code), NULL,
  'every code of the file reads and prints back unchanged');
CREATE TEMP TABLE soc_codes AS SELECT code, code::soccode AS c FROM soc_file;
SELECT is(
  (SELECT string_agg(code, ' ') FROM soc_file WHERE soc_level(code::soccode) <> lower(structure)), NULL,
  'soc_level agrees with the file for every code');
SELECT is(
  (SELECT string_agg(code, ' ') FROM soc_file
    WHERE soc_parent(code::soccode) IS DISTINCT FROM nullif(parent, 'NA')::soccode), NULL,
  'soc_parent agrees with the file''s parent column for every code');
SELECT is(
  (SELECT string_agg(code, ' ') FROM soc_file
    WHERE soc_ancestor(code::soccode, 'major') IS DISTINCT FROM nullif(soc2d, 'NA')::soccode
       OR soc_ancestor(code::soccode, 'minor') IS DISTINCT FROM nullif(soc3d, 'NA')::soccode
       OR soc_ancestor(code::soccode, 'broad') IS DISTINCT FROM nullif(soc5d, 'NA')::soccode
       OR soc_ancestor(code::soccode, 'detailed') IS DISTINCT FROM nullif(soc6d, 'NA')::soccode), NULL,
  'soc_ancestor agrees with the file''s soc2d/soc3d/soc5d/soc6d columns for every code');
-- the file's ancestor-or-self pairs, from its parent column alone
CREATE TEMP TABLE soc_file_anc AS
WITH RECURSIVE anc(code, anc) AS (
  SELECT code, code FROM soc_file
  UNION ALL
  SELECT a.code, f.parent FROM anc a JOIN soc_file f ON f.code = a.anc WHERE f.parent <> 'NA'
)
SELECT code, anc FROM anc;
SELECT is((SELECT count(*) FROM soc_file_anc), (23 + 98 * 2 + 459 * 3 + 867 * 4)::bigint,
  'the file''s hierarchy puts every code at its depth');
CREATE TEMP TABLE soc_file_anc_c AS SELECT code::soccode AS c, anc::soccode AS a FROM soc_file_anc;
ANALYZE soc_codes, soc_file_anc, soc_file_anc_c;
SELECT is(
  (SELECT count(*) FROM soc_codes a CROSS JOIN soc_codes g
     LEFT JOIN soc_file_anc_c x ON x.c = a.c AND x.a = g.c
    WHERE (a.c <@ g.c) <> (x.c IS NOT NULL)), 0::bigint,
  '<@ agrees with the file for all 1447 x 1447 pairs of codes');
SELECT is(
  (SELECT count(*) FROM soc_codes a JOIN soc_codes g ON left(g.code, 2) = left(a.code, 2)
    WHERE (g.c @> a.c) <> (a.c <@ g.c)), 0::bigint,
  '@> is the commutator of <@ on every pair of codes in one major group');
SELECT is(
  (WITH depth AS (SELECT code, count(*) - 1 AS d FROM soc_file_anc GROUP BY code),
        common AS (SELECT x.code AS a, y.code AS b, count(*) AS n
                   FROM soc_file_anc x JOIN soc_file_anc y USING (anc) GROUP BY 1, 2)
   SELECT count(*) FROM soc_codes a JOIN soc_codes b ON left(b.code, 2) = left(a.code, 2)
     JOIN depth da ON da.code = a.code JOIN depth db ON db.code = b.code
     JOIN common m ON m.a = a.code AND m.b = b.code
    WHERE soc_distance(a.c, b.c) <> da.d + db.d - 2 * (m.n - 1)), 0::bigint,
  'soc_distance agrees with the file''s tree for all pairs of codes in one major group');
SELECT is(
  (WITH depth AS (SELECT code, count(*) - 1 AS d FROM soc_file_anc GROUP BY code)
   SELECT count(*) FROM soc_codes a JOIN soc_codes b ON left(b.code, 2) <> left(a.code, 2)
     JOIN depth da ON da.code = a.code JOIN depth db ON db.code = b.code
    WHERE soc_distance(a.c, b.c) <> da.d + db.d + 2), 0::bigint,
  'codes of different major groups are as far apart as their depths + 2 (the implicit root)');

-- order: numeric, a group before its members, O*NET codes after their occupation
SELECT is(
  (SELECT string_agg(c::text, ' ' ORDER BY c) FROM unnest(
     '{15-1252.01,17-0000,15-1252,15-1200,151252.00,15-0000,15-1250,15-2011,11-1011,15-1253}'::soccode[]) c),
  '11-1011 15-0000 15-1200 15-1250 15-1252 15-1252.00 15-1252.01 15-1253 15-2011 17-0000',
  'ORDER BY: numeric, groups first');
SELECT ok('15-1252'::soccode < '15-1252.00', '15-1252 < 15-1252.00');
SELECT ok('15-1252.00'::soccode < '15-1252.01', '15-1252.00 < 15-1252.01');
SELECT ok('15-1252.99'::soccode < '15-1253', '15-1252.99 < 15-1253');
SELECT ok('15-1252'::soccode <= '15-1252', '<= on equal');
SELECT ok('15-1253'::soccode > '15-1252', '>');
SELECT ok('15-1252'::soccode >= '15-1252', '>= on equal');
SELECT ok('151252'::soccode = '15-1252', '= across the hyphenless form');
SELECT ok('15-1252'::soccode <> '15-1252.00', '<>');
SELECT is(soc_cmp('15-1252', '15-1253'), -1, 'cmp -1');
SELECT is(soc_cmp('15-1252', '15-1252'), 0, 'cmp 0');
SELECT is(soc_cmp('15-1252.01', '15-1252'), 1, 'cmp 1');
SELECT is(
  (SELECT count(*) FROM (SELECT row_number() OVER (ORDER BY c) AS by_value,
                                row_number() OVER (ORDER BY code COLLATE "C") AS by_text
                           FROM soc_codes) o
    WHERE by_value <> by_text), 0::bigint,
  'soccode order equals the order of the canonical text for all of SOC 2018');

-- text round trip and casts
SELECT is('15-1252.01'::soccode::text::soccode, '15-1252.01'::soccode, 'text round trip');
CREATE TEMP TABLE soc_assign (c soccode, t text);
INSERT INTO soc_assign (c, t) VALUES ('151252'::text, '15-1252.01'::soccode);
SELECT is((SELECT c::text || ' ' || t FROM soc_assign), '15-1252 15-1252.01', 'assignment casts to and from text');

-- binary round trip through COPY (FORMAT binary)
CREATE TEMP TABLE soc_src AS
  SELECT code FROM soc2018_code UNION ALL SELECT code FROM onet2019_occupation
  UNION ALL SELECT '53-7199.99'::soccode;
COPY soc_src TO '/tmp/roleext_soc_test.bin' (FORMAT binary);
CREATE TEMP TABLE soc_dst (code soccode);
COPY soc_dst FROM '/tmp/roleext_soc_test.bin' (FORMAT binary);
SELECT results_eq('SELECT code FROM soc_src ORDER BY code', 'SELECT code FROM soc_dst ORDER BY code', 'binary COPY round trip');
COPY (SELECT 160000000) TO '/tmp/roleext_soc_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY soc_dst FROM '/tmp/roleext_soc_bad.bin' (FORMAT binary)$$, '22P03',
  'invalid external soccode value 160000000', 'binary input rejects major group 16');
COPY (SELECT 151250001) TO '/tmp/roleext_soc_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY soc_dst FROM '/tmp/roleext_soc_bad.bin' (FORMAT binary)$$, '22P03',
  'invalid external soccode value 151250001', 'binary input rejects a suffix on a broad group');
COPY (SELECT 151252101) TO '/tmp/roleext_soc_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY soc_dst FROM '/tmp/roleext_soc_bad.bin' (FORMAT binary)$$, '22P03',
  NULL, 'binary input rejects a suffix key over 100');
COPY (SELECT -1) TO '/tmp/roleext_soc_bad.bin' (FORMAT binary);
SELECT throws_ok($$COPY soc_dst FROM '/tmp/roleext_soc_bad.bin' (FORMAT binary)$$, '22P03',
  NULL, 'binary input rejects a negative value');
SELECT is(soccode_send('15-1252.01'), '\x0903ec22'::bytea, 'send writes the 4-byte value in network order');

-- hashing: GROUP BY by hash, hash join
SET LOCAL enable_sort = off;
SELECT ok(pg_temp.plan_of('SELECT code, count(*) FROM soc_src GROUP BY code') ~ 'HashAggregate', 'GROUP BY uses a hash aggregate');
SELECT is((SELECT count(*) FROM (SELECT code FROM soc_src UNION SELECT code FROM soc_dst) u), 2464::bigint, 'UNION by hash finds 1447 + 1016 + 1 codes');
RESET enable_sort;
SET LOCAL enable_mergejoin = off;
SET LOCAL enable_nestloop = off;
SELECT ok(pg_temp.plan_of('SELECT * FROM soc_src a JOIN soc_dst b USING (code)') ~ 'Hash Join', 'join on soccode can hash');
SELECT is((SELECT count(*) FROM soc_src a JOIN soc_dst b USING (code)), 2464::bigint, 'hash join matches every code once');
RESET enable_mergejoin;
RESET enable_nestloop;
SELECT is(soc_hash('15-1252'), soc_hash('151252'::soccode), 'equal codes hash equally');
SELECT isnt(soc_hash_extended('15-1252', 0), soc_hash_extended('15-1252', 1), 'extended hash depends on its seed');
SELECT is(soc_hash_extended('15-1252', 0), soc_hash_extended('151252', 0), 'extended hash of equal codes');

-- btree index: <@ becomes a range scan through the planner support function.
-- Index paths are forced by settings on these helpers (pgTAP's own queries
-- are slow with enable_seqscan off, so the settings stay inside them).
CREATE TEMP TABLE soc_idx AS
  SELECT code, n FROM (SELECT code FROM soc2018_code UNION ALL SELECT code FROM onet2019_occupation
                       UNION ALL SELECT code FROM soc2010_code
                       UNION ALL SELECT unnest('{29-1220,15-1000,15-1100,15-1111,31-1000,31-1011,51-5000,51-5011}'::soccode[])) c,
                      generate_series(1, 4) n;
CREATE INDEX soc_idx_code ON soc_idx (code);
ANALYZE soc_idx;
CREATE FUNCTION pg_temp.index_plan(q text) RETURNS text LANGUAGE sql
  SET enable_seqscan = off SET enable_bitmapscan = off SET plan_cache_mode = force_generic_plan
  AS $$ SELECT pg_temp.plan_of(q) $$;
CREATE FUNCTION pg_temp.index_count(q text) RETURNS bigint LANGUAGE plpgsql
  SET enable_seqscan = off SET enable_bitmapscan = off
  AS $$ DECLARE n bigint; BEGIN EXECUTE q INTO n; RETURN n; END $$;
SELECT ok(pg_temp.index_plan($$SELECT * FROM soc_idx WHERE code <@ '15-1200'$$)
          ~ 'Index Cond: \(\(code >= ''15-1200''::(roleext\.)?soccode\) AND \(code <= ''15-1299\.99''::(roleext\.)?soccode\)\)',
          'code <@ 15-1200 is an index range scan');
SELECT ok(pg_temp.index_plan($$SELECT * FROM soc_idx WHERE code <@ '15-1200'$$) !~ 'Filter',
          'the range of 15-1200 is exact: no recheck');
SELECT ok(pg_temp.index_plan($$SELECT * FROM soc_idx WHERE code <@ '29-1210'$$)
          ~ 'Index Cond: \(\(code >= ''29-1210''::(roleext\.)?soccode\) AND \(code <= ''29-1229\.99''::(roleext\.)?soccode\)\)',
          'code <@ 29-1210 is widened to hold 29-1221 ... 29-1229');
SELECT ok(pg_temp.index_plan($$SELECT * FROM soc_idx WHERE code <@ '29-1210'$$) ~ 'Filter: \(code <@ ''29-1210''',
          'the range of 29-1210 is lossy: the operator is kept as a recheck');
SELECT ok(pg_temp.index_plan($$SELECT * FROM soc_idx WHERE '15-0000' @> code$$)
          ~ 'Index Cond: \(\(code >= ''15-0000''::(roleext\.)?soccode\) AND \(code <= ''15-9999\.99''::(roleext\.)?soccode\)\)',
          'group @> code is the same range');
SELECT ok(pg_temp.index_plan($$SELECT * FROM soc_idx WHERE soc_contained_by(code, '15-1250')$$)
          ~ 'Index Cond: \(\(code >= ''15-1250''::(roleext\.)?soccode\) AND \(code <= ''15-1259\.99''::(roleext\.)?soccode\)\)',
          'the function soc_contained_by(code, group) uses the index too');
SELECT ok(pg_temp.index_plan($$SELECT * FROM soc_idx WHERE code <@ '15-1252.01'$$)
          ~ 'Index Cond: \(code = ''15-1252\.01''::(roleext\.)?soccode\)',
          'code <@ an O*NET code is an equality');
SELECT ok(pg_temp.index_plan($$SELECT * FROM soc_idx WHERE code @> '15-1252.01'$$)
          ~ 'Index Cond: \(code = ANY \(''\{15-0000,15-1200,15-1250,15-1252,15-1252\.01\}''::(roleext\.)?soccode\[\]\)\)',
          'code @> c looks up the path of c');
SELECT ok(pg_temp.index_plan($$SELECT * FROM soc_idx WHERE code @> '15-1252.01'$$) !~ 'Filter',
          'the path lookup is exact');
PREPARE soc_q(soccode) AS SELECT count(*) FROM soc_idx WHERE code <@ $1;
PREPARE soc_p(soccode) AS SELECT count(*) FROM soc_idx WHERE code @> $1;
SELECT ok(pg_temp.index_plan('EXECUTE soc_q(''15-1200'')')
          ~ 'Index Cond: \(\(code >= (roleext\.)?soc_subtree_min\(\$1\)\) AND \(code <= (roleext\.)?soc_subtree_max\(\$1\)\)\)',
          'a generic plan for code <@ $1 computes the range at run time');
SELECT ok(pg_temp.index_plan('EXECUTE soc_p(''15-1252'')') ~ 'Index Cond: \(code = ANY \((roleext\.)?soc_path\(\$1\)\)\)',
          'a generic plan for code @> $1 looks up soc_path($1)');
SELECT is(pg_temp.index_count($$SELECT count(*) FROM soc_idx WHERE code <@ '29-1210' AND code IN (SELECT code FROM soc2018_code)$$),
          4 * (SELECT count(*) FROM soc_file_anc WHERE anc = '29-1210'), 'index range of 29-1210 finds its SOC 2018 members, exceptions included');
SELECT is(pg_temp.index_count($$SELECT count(*) FROM soc_idx WHERE code <@ '29-1220'$$), 4::bigint, 'index range of 29-1220 finds only itself');
SELECT is(pg_temp.index_count($$SELECT count(*) FROM soc_idx WHERE code @> '29-1229'$$),
          (SELECT count(*) FROM soc_idx WHERE code::text IN ('29-0000', '29-1000', '29-1210', '29-1229')),
          'index path of 29-1229 finds 29-0000, 29-1000, 29-1210 and 29-1229');

-- index results equal sequential scan results, by constant and by parameter,
-- for every group code and every occupation of major groups 15 and 29
CREATE TEMP TABLE soc_groups AS
  SELECT DISTINCT code FROM soc_idx
   WHERE soc_level(code) IN ('major', 'minor', 'broad') OR code <@ '15-0000' OR code <@ '29-0000';
CREATE FUNCTION pg_temp.counts_by_index() RETURNS TABLE (g soccode, inside bigint, above bigint)
LANGUAGE plpgsql SET enable_seqscan = off SET enable_bitmapscan = off AS $$
BEGIN
  FOR g IN SELECT code FROM soc_groups ORDER BY code LOOP
    EXECUTE format('SELECT count(*) FROM soc_idx WHERE code <@ %L', g) INTO inside;
    EXECUTE format('SELECT count(*) FROM soc_idx WHERE code @> %L', g) INTO above;
    RETURN NEXT;
  END LOOP;
END $$;
CREATE FUNCTION pg_temp.counts_by_parameter() RETURNS TABLE (g soccode, inside bigint, above bigint)
LANGUAGE sql SET enable_seqscan = off SET enable_bitmapscan = off AS $$
  SELECT g.code, (SELECT count(*) FROM soc_idx WHERE code <@ g.code),
         (SELECT count(*) FROM soc_idx WHERE code @> g.code)
  FROM soc_groups g;
$$;
SELECT ok(pg_temp.index_plan('SELECT g.code, (SELECT count(*) FROM soc_idx WHERE code <@ g.code) FROM soc_groups g')
          ~ 'Index Cond: \(\(code >= (roleext\.)?soc_subtree_min\(g\.code\)\)', 'a correlated <@ uses the index');
-- the reference: the operators evaluated on every (row, group) pair, no index
CREATE TEMP TABLE soc_weights AS SELECT code, count(*) AS w FROM soc_idx GROUP BY code;
CREATE TEMP TABLE by_seq AS
  SELECT g.code AS g, coalesce(sum(s.w) FILTER (WHERE s.code <@ g.code), 0)::bigint AS inside,
         coalesce(sum(s.w) FILTER (WHERE s.code @> g.code), 0)::bigint AS above
  FROM soc_groups g CROSS JOIN soc_weights s GROUP BY g.code;
SELECT is((SELECT count(*) FROM by_seq), (SELECT count(*) FROM soc_groups), 'one count per group');
SELECT results_eq('SELECT * FROM pg_temp.counts_by_index() ORDER BY g', 'SELECT * FROM by_seq ORDER BY g',
  'index scans with constants find what sequential scans find');
SELECT results_eq('SELECT * FROM pg_temp.counts_by_parameter() ORDER BY g', 'SELECT * FROM by_seq ORDER BY g',
  'index scans with parameters find what sequential scans find');
SELECT is((SELECT inside FROM by_seq WHERE g = '15-0000'),
          (SELECT count(*) FROM soc_idx WHERE code::text LIKE '15-%'), 'the counts are not trivial: 15-0000 holds every 15- row');

-- merge join uses the btree opclass
SET LOCAL enable_hashjoin = off;
SET LOCAL enable_nestloop = off;
SELECT ok(pg_temp.plan_of('SELECT * FROM soc_src a JOIN soc_dst b USING (code)') ~ 'Merge Join', 'join on soccode can merge');
RESET enable_hashjoin;
RESET enable_nestloop;

SELECT * FROM finish();
ROLLBACK;
