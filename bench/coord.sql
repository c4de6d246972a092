-- rolecoord: issue #6 benchmarks, each against its baseline in the same run.
--
-- (a) coord_distance over 10 million pairs of coordinates from the generated
--     20,000-role taxonomy (test/fixtures/coord_taxonomy.sql):
--     - against the same formula written in SQL over arrays and numbers
--       (labels as text[], grades as float8), the way it is written without
--       this extension: lcp by a subquery — goal: at least 20x faster.  That
--       costs about 40 µs a pair, 7 minutes for 10 million, so both sides
--       are timed on the first 200,000 pairs;
--     - against the same formula hand-tuned so that PostgreSQL inlines it
--       (lcp as a CASE over the 8 possible labels), over all 10 million
--       pairs, for information: that form runs within about 8x of a float8
--       subtraction, so no function within 3x of the floor can be 20x
--       faster than it;
--     - against a plain float8 subtraction over the same 10 million rows
--       (the floor) — goal: within 3x.
-- (b) the 10 nearest neighbours of roles in that taxonomy (the role itself
--     excluded, ties broken by code), through the GiST index against brute
--     force (the same query with index scans off: a sequential scan and a
--     sort per role) — goal: at least 10x faster.  Brute force costs about
--     15 ms a role, 5 minutes for all 20,000, so both are timed on every
--     20th role (1,000 roles; \set knn_every 1 before \i for all of them),
--     and the index also on all 20,000.
\i bench/lib.sql
SET max_parallel_workers_per_gather = 0;
-- scans of the big tables start at block 0, so LIMIT 200000 takes the same
-- pairs from each (a synchronized scan starts where the last one stopped)
SET synchronize_seqscans = off;
\if :{?knn_every}
\else
\set knn_every 20
\endif
\o /dev/null

\i test/fixtures/coord_taxonomy.sql
DROP TABLE IF EXISTS bc_tax, bc_pairs, bc_pairs_sql, bc_pairs_f8;
CREATE TABLE bc_tax AS
  SELECT id, code, coord, string_to_array(coord_path(coord)::text, '.') AS labels, coord_grade(coord) AS grade
  FROM coord_tax;
ALTER TABLE bc_tax ADD PRIMARY KEY (id);

-- 10 million pairs of roles drawn by hash; three tables hold the same pairs
-- in the same order (so their first 200,000 rows are the same pairs): as
-- coordinates, as label arrays and grades, and as the two grades alone
CREATE TABLE bc_pairs AS
  SELECT a.coord AS a, b.coord AS b
  FROM generate_series(1, 10000000) g
  JOIN bc_tax a ON a.id = 1 + abs(hashint4(g)) % 20000
  JOIN bc_tax b ON b.id = 1 + abs(hashint4(-g)) % 20000
  ORDER BY g;
CREATE TABLE bc_pairs_sql AS
  SELECT a.labels AS a_labels, a.grade AS a_grade, b.labels AS b_labels, b.grade AS b_grade
  FROM generate_series(1, 10000000) g
  JOIN bc_tax a ON a.id = 1 + abs(hashint4(g)) % 20000
  JOIN bc_tax b ON b.id = 1 + abs(hashint4(-g)) % 20000
  ORDER BY g;
CREATE TABLE bc_pairs_f8 AS
  SELECT a.grade AS x, b.grade AS y
  FROM generate_series(1, 10000000) g
  JOIN bc_tax a ON a.id = 1 + abs(hashint4(g)) % 20000
  JOIN bc_tax b ON b.id = 1 + abs(hashint4(-g)) % 20000
  ORDER BY g;
VACUUM ANALYZE bc_tax, bc_pairs, bc_pairs_sql, bc_pairs_f8;

-- The formula in SQL as it is written without this extension: lcp by a
-- subquery over the label positions.
CREATE OR REPLACE FUNCTION bench.coord_distance_sql(a_labels text[], a_grade float8,
    b_labels text[], b_grade float8, w float8 DEFAULT 0.5, span float8 DEFAULT 4)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT w * (1 - coalesce((SELECT min(i) - 1 FROM generate_series(1, least(cardinality(a_labels), cardinality(b_labels))) i
                            WHERE a_labels[i] <> b_labels[i]),
                           least(cardinality(a_labels), cardinality(b_labels)))::float8
                  / greatest(cardinality(a_labels), cardinality(b_labels)))
       + (1 - w) * least(1, abs(a_grade - b_grade) / span)
$$;

-- The same formula hand-tuned: lcp unrolled over the 8 possible labels, so
-- that the function is a single expression PostgreSQL inlines into the query.
CREATE OR REPLACE FUNCTION bench.coord_distance_sql_inlined(a_labels text[], a_grade float8,
    b_labels text[], b_grade float8, w float8 DEFAULT 0.5, span float8 DEFAULT 4)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT w * (1 - (CASE
      WHEN least(cardinality(a_labels), cardinality(b_labels)) < 1 OR a_labels[1] <> b_labels[1] THEN 0
      WHEN least(cardinality(a_labels), cardinality(b_labels)) < 2 OR a_labels[2] <> b_labels[2] THEN 1
      WHEN least(cardinality(a_labels), cardinality(b_labels)) < 3 OR a_labels[3] <> b_labels[3] THEN 2
      WHEN least(cardinality(a_labels), cardinality(b_labels)) < 4 OR a_labels[4] <> b_labels[4] THEN 3
      WHEN least(cardinality(a_labels), cardinality(b_labels)) < 5 OR a_labels[5] <> b_labels[5] THEN 4
      WHEN least(cardinality(a_labels), cardinality(b_labels)) < 6 OR a_labels[6] <> b_labels[6] THEN 5
      WHEN least(cardinality(a_labels), cardinality(b_labels)) < 7 OR a_labels[7] <> b_labels[7] THEN 6
      WHEN least(cardinality(a_labels), cardinality(b_labels)) < 8 OR a_labels[8] <> b_labels[8] THEN 7
      ELSE 8 END)::float8 / greatest(cardinality(a_labels), cardinality(b_labels)))
    + (1 - w) * least(1, abs(a_grade - b_grade) / span)
$$;

SELECT bench.time('coord distance', 'coord_distance', 'SELECT sum(coord_distance(a, b)) FROM bc_pairs') IS NOT NULL AS timed;
SELECT bench.time('coord distance', 'a <-> b', 'SELECT sum(a <-> b) FROM bc_pairs') IS NOT NULL AS timed;
SELECT bench.time('coord distance', 'float8 x - y', 'SELECT sum(x - y) FROM bc_pairs_f8') IS NOT NULL AS timed;
SELECT bench.time('coord distance', 'SQL inlined',
  'SELECT sum(bench.coord_distance_sql_inlined(a_labels, a_grade, b_labels, b_grade)) FROM bc_pairs_sql', 1) IS NOT NULL AS timed;
SELECT bench.time('coord distance 200k', 'coord_distance',
  'SELECT sum(coord_distance(a, b)) FROM (SELECT a, b FROM bc_pairs LIMIT 200000) p') IS NOT NULL AS timed;
SELECT bench.time('coord distance 200k', 'SQL',
  'SELECT sum(bench.coord_distance_sql(a_labels, a_grade, b_labels, b_grade)) FROM (SELECT * FROM bc_pairs_sql LIMIT 200000) p', 1) IS NOT NULL AS timed;

-- (b) the 10 nearest neighbours through the index and by brute force
CREATE INDEX bc_tax_gist ON bc_tax USING gist (coord);
ANALYZE bc_tax;
CREATE TEMP VIEW bc_knn_query(q) AS VALUES ($$
  SELECT sum(k.d), count(*) FROM bc_tax r CROSS JOIN LATERAL (
    SELECT d, code FROM (
      SELECT n.coord <-> r.coord AS d, n.code FROM bc_tax n WHERE n.id <> r.id
      ORDER BY n.coord <-> r.coord FETCH FIRST 10 ROWS WITH TIES) t
    ORDER BY d, code LIMIT 10) k
  WHERE r.id % $$ || :knn_every || $$ = 0$$);

SELECT bench.time('coord knn', 'GiST', (SELECT q FROM bc_knn_query)) IS NOT NULL AS timed;
SELECT bench.time('coord knn', 'GiST, all 20,000 roles',
  (SELECT replace(q, 'r.id % ' || :knn_every || ' = 0', 'true') FROM bc_knn_query)) IS NOT NULL AS timed;
SET enable_indexscan = off;
SET enable_indexonlyscan = off;
SET enable_bitmapscan = off;
SELECT bench.time('coord knn', 'brute force', (SELECT q FROM bc_knn_query), 1) IS NOT NULL AS timed;
RESET enable_indexscan;
RESET enable_indexonlyscan;
RESET enable_bitmapscan;
-- brute force for all 20,000 roles, scaled from the measured share
INSERT INTO bench.result (bench, variant, ms)
  SELECT 'coord knn', 'brute force, all 20,000 roles (scaled)', ms * :knn_every
  FROM bench.result WHERE bench = 'coord knn' AND variant = 'brute force'
  ON CONFLICT (bench, variant) DO UPDATE SET ms = excluded.ms;

\o
-- the SQL formulas compute the same distances (a check, not a timing)
SELECT round((SELECT sum(coord_distance(a, b)) FROM bc_pairs)::numeric, 3) AS sum_coord_distance,
       round((SELECT sum(bench.coord_distance_sql_inlined(a_labels, a_grade, b_labels, b_grade)) FROM bc_pairs_sql)::numeric, 3) AS sum_sql_inlined,
       round((SELECT sum(coord_distance(a, b)) FROM (SELECT a, b FROM bc_pairs LIMIT 200000) p)::numeric, 3) AS sum_200k,
       round((SELECT sum(bench.coord_distance_sql(a_labels, a_grade, b_labels, b_grade)) FROM (SELECT * FROM bc_pairs_sql LIMIT 200000) p)::numeric, 3) AS sum_200k_sql;
SELECT count(*) AS roles, (SELECT count(*) FROM bc_tax WHERE id % :knn_every = 0) AS timed_roles,
       pg_size_pretty(pg_relation_size('bc_tax_gist')) AS gist_size FROM bc_tax;

SELECT * FROM bench.compare('coord distance 200k', 'coord_distance', 'SQL', 1 / 20.0, 'at least 20x faster than SQL')
UNION ALL SELECT * FROM bench.compare('coord distance', 'coord_distance', 'float8 x - y', 3, 'within 3x of float8 subtraction')
UNION ALL SELECT * FROM bench.compare('coord distance', 'coord_distance', 'SQL inlined', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('coord distance', 'a <-> b', 'float8 x - y', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('coord knn', 'GiST', 'brute force', 1 / 10.0, 'at least 10x faster than brute force')
UNION ALL SELECT * FROM bench.compare('coord knn', 'GiST, all 20,000 roles', 'brute force, all 20,000 roles (scaled)', 'Infinity', '(for information)');

DROP TABLE bc_tax, bc_pairs, bc_pairs_sql, bc_pairs_f8;
DROP FUNCTION bench.coord_distance_sql(text[], float8, text[], float8, float8, float8);
DROP FUNCTION bench.coord_distance_sql_inlined(text[], float8, text[], float8, float8, float8);
