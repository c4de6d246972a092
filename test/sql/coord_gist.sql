-- rolecoord GiST: the planner answers ORDER BY coord <-> x LIMIT k from the
-- index, and the index's answers equal brute force on a generated
-- 20,000-role taxonomy, for an index built by sorting and one built by
-- inserts (penalty and picksplit).  Equality searches use the index too.
\i test/setup.sql
SELECT plan(24);

SELECT is((SELECT opcdefault FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
            WHERE opcname = 'rolecoord_gist_ops' AND amname = 'gist'), true,
  'rolecoord_gist_ops is the default GiST opclass of rolecoord');
SELECT is((SELECT count(*) FROM pg_amproc p JOIN pg_opclass c ON c.opcfamily = p.amprocfamily
            WHERE c.opcname = 'rolecoord_gist_ops' AND p.amprocnum IN (3, 4)), 0::bigint,
  'no compress or decompress function: leaves hold the coordinates');

\i test/fixtures/coord_taxonomy.sql
SELECT is((SELECT count(*) FROM coord_tax), 20000::bigint, 'the generated taxonomy has 20,000 roles');
SELECT is((SELECT array_agg(DISTINCT code_depth(coord_path(coord)))
             FROM coord_tax), '{2,3,4}'::int[], 'its paths have 2, 3 and 4 labels');

-- an index built on the filled table (sorted build) and one built by inserts
CREATE INDEX coord_tax_gist ON coord_tax USING gist (coord);
CREATE TEMP TABLE coord_ins (LIKE coord_tax);
CREATE INDEX coord_ins_gist ON coord_ins USING gist (coord);
INSERT INTO coord_ins SELECT * FROM coord_tax ORDER BY md5(code || 'shuffle');
ANALYZE coord_ins;
SELECT cmp_ok((SELECT count(*) FROM coord_ins), '=', 20000::bigint, 'all roles inserted one by one into an indexed table');

-- the query points: every 40th role, grades around and beyond one path,
-- paths the taxonomy does not have, shallower and deeper than its own
CREATE TEMP TABLE qp AS
  SELECT coord AS q FROM coord_tax WHERE id % 40 = 0
  UNION ALL SELECT make_coord('TECH.FNA.FAMB.SPA', g / 2.0) FROM generate_series(-6, 30) g
  UNION ALL SELECT unnest('{TECH@5,TECH.FNA@2.5,ZZZ@1,TECH.FNA.FAMB.SPA.X.Y.Z.W@4,SALES.FNH.SPD@100,OPS.FNC.FAMC@-1,TECH.FNA.SPA@1,A.B.C@0}'::rolecoord[]);
SELECT is((SELECT count(*) FROM qp), 545::bigint, '545 query points');
-- a fifth of them for the costlier checks
CREATE TEMP TABLE qp_some AS SELECT q FROM qp WHERE abs(hashtext(q::text)) % 5 = 0;

-- the planner orders by distance through the index
SET LOCAL enable_seqscan = off;
SELECT ok(pg_temp.plan_of($$SELECT code FROM coord_tax ORDER BY coord <-> 'TECH.FNA.FAMB.SPA@3' LIMIT 10$$)
            ~ 'Index Scan using coord_tax_gist on coord_tax\s+Order By: \(coord <-> ''TECH.FNA.FAMB.SPA@3''::(roleext\.)?rolecoord\)',
  'EXPLAIN: Index Scan with Order By coord <-> x');
SELECT ok(pg_temp.plan_of($$SELECT q, (SELECT array_agg(coord <-> q) FROM (SELECT coord FROM coord_tax ORDER BY coord <-> q LIMIT 10) s) FROM qp$$)
            ~ 'Index (Only )?Scan using coord_tax_gist on coord_tax\s+Order By: \((coord_tax\.)?coord <-> qp\.q\)',
  'EXPLAIN: the per-query-point nearest neighbours come from the index');
SELECT ok(pg_temp.plan_of($$SELECT coord FROM coord_tax ORDER BY coord <-> 'TECH@1' LIMIT 5$$) ~ 'Index Only Scan',
  'an index-only scan can return the coordinates');

-- the nearest 10 of every query point, from each index and by brute force
CREATE TEMP TABLE knn_sorted AS
  SELECT q, (SELECT array_agg(coord <-> q) FROM (SELECT coord FROM coord_tax ORDER BY coord <-> q LIMIT 10) s) AS ds FROM qp;
CREATE TEMP TABLE knn_inserted AS
  SELECT q, (SELECT array_agg(coord <-> q) FROM (SELECT coord FROM coord_ins ORDER BY coord <-> q LIMIT 10) s) AS ds FROM qp;
CREATE TEMP TABLE knn_codes AS
  SELECT q, (SELECT array_agg(code) FROM (SELECT code FROM coord_tax ORDER BY coord <-> q LIMIT 10) s) AS codes FROM qp;
CREATE TEMP TABLE knn_all AS
  SELECT q, (SELECT array_agg(coord <-> q) FROM (SELECT coord FROM coord_tax ORDER BY coord <-> q) s) AS ds
  FROM qp WHERE q IN ('TECH.FNA.FAMB.SPA@3', 'ZZZ@1', 'TECH@5', 'SALES.FNH.SPD@100');
SELECT ok(pg_temp.plan_of($$SELECT coord FROM coord_tax ORDER BY coord <-> 'ZZZ@1'$$) ~ 'Order By', 'a full ordering can use the index too');
SELECT is((SELECT count(*) FROM coord_tax WHERE coord = 'TECH.FNA.FAMB.SPA@3'), 2::bigint, 'GiST equality search finds P3 and M1');
SELECT ok(pg_temp.plan_of($$SELECT * FROM coord_tax WHERE coord = 'TECH.FNA.FAMB.SPA@3'$$) ~ 'Index Cond: \(coord = ', 'equality uses the GiST index');
SELECT is((SELECT count(*) FROM coord_tax t WHERE (SELECT count(*) FROM coord_tax u WHERE u.coord = t.coord) < 1), 0::bigint,
  'GiST equality search finds every role''s coordinate');
RESET enable_seqscan;

SET LOCAL enable_indexscan = off;
SET LOCAL enable_bitmapscan = off;
SET LOCAL enable_indexonlyscan = off;
SELECT ok(pg_temp.plan_of($$SELECT code FROM coord_tax ORDER BY coord <-> 'TECH.FNA.FAMB.SPA@3' LIMIT 10$$) ~ 'Seq Scan',
  'brute force: a sequential scan and a sort');
CREATE TEMP TABLE knn_brute AS
  SELECT q, (SELECT array_agg(coord <-> q) FROM (SELECT coord FROM coord_tax ORDER BY coord <-> q LIMIT 10) s) AS ds FROM qp;
CREATE TEMP TABLE knn_brute_all AS
  SELECT q, (SELECT array_agg(d ORDER BY d) FROM (SELECT coord <-> q AS d FROM coord_tax) s) AS ds
  FROM qp WHERE q IN ('TECH.FNA.FAMB.SPA@3', 'ZZZ@1', 'TECH@5', 'SALES.FNH.SPD@100');
RESET enable_indexscan;
RESET enable_bitmapscan;
RESET enable_indexonlyscan;

SELECT is((SELECT count(*) FROM knn_brute WHERE cardinality(ds) = 10), 545::bigint, 'brute force: 10 neighbours for each point');
SELECT is((SELECT count(*) FROM knn_brute b JOIN knn_sorted i USING (q) WHERE b.ds = i.ds), 545::bigint,
  'sorted-build index: the 10 nearest distances equal brute force for all 545 points');
SELECT is((SELECT count(*) FROM knn_brute b JOIN knn_inserted i USING (q) WHERE b.ds = i.ds), 545::bigint,
  'insert-built index: the 10 nearest distances equal brute force for all 545 points');
SELECT is((SELECT count(*) FROM knn_brute_all b JOIN knn_all i USING (q) WHERE b.ds = i.ds AND cardinality(i.ds) = 20000), 4::bigint,
  'a full ordering through the index returns all 20,000 roles in distance order');
-- the roles themselves: everything strictly nearer than the 10th distance
-- must be among the index's 10 (ties at the 10th may be any of them)
SELECT is((SELECT count(*) FROM knn_codes k JOIN knn_brute b USING (q) JOIN qp_some USING (q)
            WHERE NOT (SELECT array_agg(code) FROM coord_tax WHERE (coord <-> k.q) < b.ds[10]) <@ k.codes), 0::bigint,
  'every role strictly nearer than the 10th is among the index''s 10');
SELECT is((SELECT ds FROM knn_sorted WHERE q = 'TECH.FNA.FAMB.SPA@3'),
  ARRAY[0, 0] || array_fill(0.125::float8, ARRAY[8]),
  'nearest to TECH.FNA.FAMB.SPA@3: itself twice (P3, M1), then 0.125');
SELECT is((SELECT ds FROM knn_sorted WHERE q = 'ZZZ@1'), array_fill(0.5::float8, ARRAY[10]),
  'a superfunction the taxonomy does not have: everything at 0.5 or more');
SELECT is((SELECT count(*) FROM knn_sorted WHERE ds[1] = 0 AND q IN (SELECT coord FROM coord_tax)), (SELECT count(*) FROM qp WHERE q IN (SELECT coord FROM coord_tax)),
  'a role''s own coordinate comes first, at 0');

-- the insert-built index stays exact after deletes and more inserts
DELETE FROM coord_ins WHERE id % 3 = 0;
INSERT INTO coord_ins SELECT id + 100000, code || '.X', make_coord((coord_path(coord)::text || '.X')::rolecode, coord_grade(coord) + 0.25)
  FROM coord_tax WHERE id % 5 = 0;
SET LOCAL enable_seqscan = off;
CREATE TEMP TABLE knn_after AS
  SELECT q, (SELECT array_agg(coord <-> q) FROM (SELECT coord FROM coord_ins ORDER BY coord <-> q LIMIT 10) s) AS ds FROM qp_some;
RESET enable_seqscan;
SET LOCAL enable_indexscan = off;
SET LOCAL enable_bitmapscan = off;
SET LOCAL enable_indexonlyscan = off;
CREATE TEMP TABLE knn_after_brute AS
  SELECT q, (SELECT array_agg(coord <-> q) FROM (SELECT coord FROM coord_ins ORDER BY coord <-> q LIMIT 10) s) AS ds FROM qp_some;
RESET enable_indexscan;
RESET enable_bitmapscan;
RESET enable_indexonlyscan;
SELECT is((SELECT count(*) FROM knn_after_brute b JOIN knn_after i USING (q) WHERE b.ds = i.ds), (SELECT count(*) FROM qp_some),
  'after deletes and inserts the index still equals brute force');

-- k = 1 and k = 50
SET LOCAL enable_seqscan = off;
CREATE TEMP TABLE knn_k AS
  SELECT q, (SELECT array_agg(coord <-> q) FROM (SELECT coord FROM coord_tax ORDER BY coord <-> q LIMIT 1) s) AS d1,
            (SELECT array_agg(coord <-> q) FROM (SELECT coord FROM coord_tax ORDER BY coord <-> q LIMIT 50) s) AS d50
  FROM qp_some WHERE q IN (SELECT q FROM qp_some ORDER BY q LIMIT 40);
RESET enable_seqscan;
SET LOCAL enable_indexscan = off;
SET LOCAL enable_bitmapscan = off;
SET LOCAL enable_indexonlyscan = off;
SELECT is((SELECT count(*) FROM knn_k k WHERE k.d1 = (SELECT array_agg(coord <-> k.q) FROM (SELECT coord FROM coord_tax ORDER BY coord <-> k.q LIMIT 1) s)
                                        AND k.d50 = (SELECT array_agg(coord <-> k.q) FROM (SELECT coord FROM coord_tax ORDER BY coord <-> k.q LIMIT 50) s)),
  40::bigint, 'k = 1 and k = 50 equal brute force too');
RESET enable_indexscan;
RESET enable_bitmapscan;
RESET enable_indexonlyscan;

SELECT * FROM finish();
ROLLBACK;
