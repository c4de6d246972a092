-- Structural coordinates of roles kept current, adjacent_roles, role_adjacency,
-- rename_taxonomy_node.
\i test/setup.sql
\o /dev/null
\i sample/load.sql
\o
SELECT plan(41);

-- coordinates of the sample
SELECT is((SELECT coord::text FROM role WHERE code = 'DEI.GEN.P1'), 'TECH.DEI.GEN@1', 'the seed role''s coordinate');
SELECT is((SELECT coord::text FROM role WHERE code = 'ITS.HD.S3'), 'TECH.ITS.HD@1', 'an S-track role sits at its grade');
SELECT is((SELECT coord::text FROM role WHERE code = 'SAL.AE.E1'), 'GTM.SAL.AE@7', 'an E-track role');
SELECT is((SELECT count(*) FROM role WHERE coord IS DISTINCT FROM role_coord(code)), 0::bigint, 'every coordinate is current');

-- kept current: the role changes
UPDATE role SET coord = 'X@9' WHERE code = 'DEI.GEN.P1';
SELECT is((SELECT coord::text FROM role WHERE code = 'DEI.GEN.P1'), 'TECH.DEI.GEN@1', 'coord cannot be set by hand');
INSERT INTO role (code, title) VALUES ('DEI.CLD.P5', 'Principal Cloud Engineer');
SELECT is((SELECT coord::text FROM role WHERE code = 'DEI.CLD.P5'), 'TECH.DEI.CLD@5', 'a new role gets its coordinate');
UPDATE role SET code = 'DEI.SRE.P6' WHERE code = 'DEI.CLD.P5';
SELECT is((SELECT coord::text FROM role WHERE code = 'DEI.SRE.P6'), 'TECH.DEI.SRE@6', 'a role whose code changes moves');

-- kept current: a level's grade changes
UPDATE level SET grade = 1.5 WHERE code = 'P1';
SELECT is((SELECT coord::text FROM role WHERE code = 'DEI.GEN.P1'), 'TECH.DEI.GEN@1.5', 'a new grade moves the level''s roles');
SELECT is((SELECT count(*) FROM role WHERE level = 'P1' AND coord_grade(coord) <> 1.5), 0::bigint, '... all of them');
UPDATE level SET grade = 1 WHERE code = 'P1';

-- kept current: a node is re-parented, a superfunction renamed
UPDATE taxonomy SET parent = 'BIZ' WHERE code = 'DEI';
SELECT is((SELECT coord::text FROM role WHERE code = 'DEI.GEN.P1'), 'BIZ.DEI.GEN@1', 're-parenting a function moves its roles');
SELECT is((SELECT count(*) FROM role WHERE node::text LIKE 'DEI.%' AND coord_path(coord)::text NOT LIKE 'BIZ.DEI.%'), 0::bigint,
          '... every role below it');
UPDATE taxonomy SET parent = 'TECH' WHERE code = 'DEI';
UPDATE taxonomy SET code = 'TEC' WHERE code = 'TECH';
SELECT is((SELECT parent::text FROM taxonomy WHERE code = 'DEI'), 'TEC', 'renaming a superfunction cascades to its children');
SELECT is((SELECT coord::text FROM role WHERE code = 'DEI.GEN.P1'), 'TEC.DEI.GEN@1', '... and moves its roles');
SELECT is((SELECT count(*) FROM role WHERE coord IS DISTINCT FROM role_coord(code)), 0::bigint, 'every coordinate is still current');

-- renaming a node below the top: rename_taxonomy_node
SELECT is(rename_taxonomy_node('DEI.GEN', 'DEI.GENERAL'), 5, 'renaming a specialization renames its 5 roles');
SELECT is((SELECT coord::text FROM role WHERE code = 'DEI.GENERAL.P1'), 'TEC.DEI.GENERAL@1', 'the renamed role''s coordinate');
SELECT is((SELECT count(*) FROM role_components WHERE role = 'DEI.GENERAL.P1'), 38::bigint, 'its components follow');
SELECT is((SELECT count(*) FROM role_aliases WHERE role = 'DEI.GENERAL.P1'), 2::bigint, 'its aliases follow');
SELECT is((SELECT count(*) FROM role WHERE code::text LIKE 'DEI.GEN.%'), 0::bigint, 'no role keeps the old code');
SELECT is(rename_taxonomy_node('DEI', 'DEVOPS'), 13, 'renaming a function renames the roles of its specializations');
SELECT results_eq($$SELECT code::text, parent::text FROM taxonomy WHERE code <@ 'DEVOPS' ORDER BY code$$,
  $$VALUES ('DEVOPS', 'TEC'), ('DEVOPS.CLD', 'DEVOPS'), ('DEVOPS.GENERAL', 'DEVOPS'), ('DEVOPS.SRE', 'DEVOPS')$$,
  'the nodes below are renamed, parents included');
SELECT is((SELECT coord::text FROM role WHERE code = 'DEVOPS.GENERAL.P1'), 'TEC.DEVOPS.GENERAL@1', 'coordinates follow the rename');
SELECT is((SELECT code FROM role_soc WHERE role = 'DEVOPS.SRE.P3' AND scheme = 'soc2018'), '15-1244',
          'node mappings follow the rename');
SELECT throws_ok($$SELECT rename_taxonomy_node('NOPE', 'X')$$, '22023', 'taxonomy node NOPE does not exist', 'rename of an unknown node');
SELECT throws_ok($$SELECT rename_taxonomy_node('SWE', 'DEVOPS')$$, '23505', 'taxonomy node DEVOPS already exists', 'rename onto a taken code');
SELECT throws_ok($$SELECT rename_taxonomy_node('SWE.BE', 'DAT.BE')$$, '22023', 'cannot rename SWE.BE to DAT.BE', 'a rename is not a move');
SELECT throws_ok($$SELECT rename_taxonomy_node('SWE.BE', 'SWE.BE.X')$$, '22023', 'cannot rename SWE.BE to SWE.BE.X', 'a rename keeps the depth');
SELECT throws_ok($$SELECT rename_taxonomy_node('SWE.BE', 'SWE.P3')$$, '22023', 'cannot rename SWE.BE to SWE.P3', 'a node code has no level');

-- adjacent_roles
SELECT results_eq($$SELECT role::text, distance, band::text FROM adjacent_roles('SWE.BE.P3', 3)$$,
  $$VALUES ('SWE.BE.M1', 0::float8, 'strong'), ('SWE.BE.M2', 0.125, 'strong'), ('SWE.BE.P2', 0.125, 'strong')$$,
  'nearest first: same path and grade (M1 sits at P3''s grade), then one grade away; ties by code');
SELECT is((SELECT count(*) FROM adjacent_roles('SWE.BE.P3', 10)), 10::bigint, 'k rows');
SELECT is((SELECT count(*) FROM adjacent_roles('SWE.BE.P3', 10) WHERE role = 'SWE.BE.P3'), 0::bigint, 'the role itself is left out');
SELECT is((SELECT count(*) FROM adjacent_roles('SWE.BE.P3', 0)), 0::bigint, 'k = 0 gives nothing');
SELECT is((SELECT count(*) FROM adjacent_roles('SWE.BE.P3', 1000)), (SELECT count(*) - 1 FROM role), 'k beyond the taxonomy gives every other role');
SELECT throws_ok($$SELECT * FROM adjacent_roles('SWE.BE.P3', -1)$$, '22023', 'k must be between 0 and 10000, not -1', 'negative k');
SELECT throws_ok($$SELECT * FROM adjacent_roles('SWE.BE.P9')$$, '22023', 'role SWE.BE.P9 does not exist', 'unknown role');
SELECT is((SELECT count(*) FROM adjacent_roles(NULL)), 0::bigint, 'NULL role gives nothing');
-- the same as brute force, for every role of the sample
SELECT is(
  (SELECT count(*) FROM role r, LATERAL (
     SELECT array_agg(a.role ORDER BY a.distance, a.role) AS idx FROM adjacent_roles(r.code, 10) a) i, LATERAL (
     SELECT array_agg(b.code ORDER BY b.d, b.code) AS brute FROM (
       SELECT o.code, o.coord <-> r.coord AS d FROM role o WHERE o.code <> r.code ORDER BY 2, 1 LIMIT 10) b) bf
   WHERE i.idx IS DISTINCT FROM bf.brute), 0::bigint,
  'adjacent_roles equals brute force for every role');
SET LOCAL enable_seqscan = off;
SELECT ok(pg_temp.plan_of($$SELECT code FROM role ORDER BY coord <-> 'TECH.SWE.BE@3'::rolecoord FETCH FIRST 10 ROWS WITH TIES$$)
          ~ 'Index Scan using role_coord_idx on role\s+Order By: \(coord <-> ', 'the nearest roles come from the GiST index');
RESET enable_seqscan;

-- role_adjacency
SELECT is((SELECT count(*) FROM role_adjacency), (SELECT 10 * count(*) FROM role), 'role_adjacency: 10 neighbours a role');
SELECT results_eq($$SELECT neighbour, distance, band, rank FROM role_adjacency WHERE role = 'SWE.BE.P3' ORDER BY rank$$,
                  $$SELECT role::text, distance, band::text, row_number() OVER (ORDER BY distance, role)::int4 FROM adjacent_roles('SWE.BE.P3')$$,
                  'role_adjacency agrees with adjacent_roles, ranked 1 to 10');
SELECT is((SELECT neighbour_title FROM role_adjacency WHERE role = 'DEVOPS.GENERAL.P1' AND rank = 1), 'DevOps Engineer',
          'the seed role''s nearest neighbour is the next level up');

SELECT * FROM finish();
ROLLBACK;
