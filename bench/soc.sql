-- soccode: the containment filter code <@ '15-1200' over 10 million codes,
-- by sequential scan, against the same rows as an int4 holding the same
-- value (the floor: a BETWEEN on two integers), as text (LIKE '15-12%')
-- and as an ltree path (<@ on the equivalent path); then the same filter
-- through a btree index.  Issue #3 goals: at most 1.15x the int4 time, at
-- least 1.5x faster than ltree, the table no larger than the int4 one, and
-- the index range scan at least 50x faster than the sequential scan.
\i bench/lib.sql
SET max_parallel_workers_per_gather = 0;
\o /dev/null

DROP TABLE IF EXISTS bs_soc, bs_int4, bs_text, bs_ltree;
-- 10 million codes drawn from the 867 SOC 2018 detailed occupations and the
-- 1016 O*NET-SOC 2019 occupations, in random order (15-1200 holds 43 of them)
CREATE TABLE bs_soc AS
  SELECT c.codes[1 + abs(hashint4(g)) % c.n] AS code
  FROM generate_series(1, 10000000) g,
       (SELECT array_agg(code ORDER BY code) AS codes, count(*)::int AS n
          FROM (SELECT code FROM soc2018_code WHERE level = 'detailed'
                UNION ALL SELECT code FROM onet2019_occupation) s) c;
-- the same values as int4: NNNNNN * 1000 + (O*NET suffix + 1, or 0), the
-- encoding soccode stores, so BETWEEN selects the same rows
CREATE TABLE bs_int4 AS
  SELECT (replace(left(code::text, 7), '-', '')::int4 * 1000
          + CASE WHEN length(code::text) > 7 THEN right(code::text, 2)::int4 + 1 ELSE 0 END) AS code
  FROM bs_soc;
CREATE TABLE bs_text AS SELECT code::text AS code FROM bs_soc;
-- the hierarchy as an ltree path: 15_0000.15_1200.15_1250.15_1252.15_1252_01
CREATE TABLE bs_ltree AS
  SELECT array_to_string(ARRAY(SELECT translate(p::text, '-.', '__') FROM unnest(soc_path(code)) p), '.')::ltree AS path
  FROM bs_soc;
VACUUM ANALYZE bs_soc, bs_int4, bs_text, bs_ltree;

-- the filters select the same rows
\o
SELECT (SELECT count(*) FROM bs_soc) AS rows,
       (SELECT count(*) FROM bs_soc WHERE code <@ '15-1200') AS soccode,
       (SELECT count(*) FROM bs_int4 WHERE code BETWEEN 151200000 AND 151299100) AS int4,
       (SELECT count(*) FROM bs_text WHERE code LIKE '15-12%') AS text,
       (SELECT count(*) FROM bs_ltree WHERE path <@ '15_0000.15_1200') AS ltree;
\o /dev/null

-- sequential scans
SET enable_indexscan = off;
SET enable_indexonlyscan = off;
SET enable_bitmapscan = off;
SELECT bench.time('soc filter', 'soccode <@', $$SELECT count(*) FROM bs_soc WHERE code <@ '15-1200'$$);
SELECT bench.time('soc filter', 'int4 BETWEEN', $$SELECT count(*) FROM bs_int4 WHERE code BETWEEN 151200000 AND 151299100$$);
SELECT bench.time('soc filter', 'text LIKE', $$SELECT count(*) FROM bs_text WHERE code LIKE '15-12%'$$);
SELECT bench.time('soc filter', 'ltree <@', $$SELECT count(*) FROM bs_ltree WHERE path <@ '15_0000.15_1200'$$);
RESET enable_indexscan;
RESET enable_indexonlyscan;
RESET enable_bitmapscan;

SELECT bench.size('soc table', 'soccode', pg_table_size('bs_soc'));
SELECT bench.size('soc table', 'int4', pg_table_size('bs_int4'));
SELECT bench.size('soc table', 'text', pg_table_size('bs_text'));
SELECT bench.size('soc table', 'ltree', pg_table_size('bs_ltree'));

-- the same filter through a btree index: an index (only) range scan
CREATE INDEX bs_soc_code ON bs_soc (code);
VACUUM ANALYZE bs_soc;
SELECT bench.time('soc index', 'index range scan', $$SELECT count(*) FROM bs_soc WHERE code <@ '15-1200'$$, 5);
INSERT INTO bench.result (bench, variant, ms)
  SELECT 'soc index', 'sequential scan', ms FROM bench.result WHERE bench = 'soc filter' AND variant = 'soccode <@'
  ON CONFLICT ON CONSTRAINT result_pkey DO UPDATE SET ms = excluded.ms;
SELECT bench.size('soc index', 'btree index', pg_relation_size('bs_soc_code'));
-- the floor again: the same range on the int4 column through its own btree
-- index (the ratio to a sequential scan is set by the rows the filter keeps)
CREATE INDEX bs_int4_code ON bs_int4 (code);
VACUUM ANALYZE bs_int4;
SELECT bench.time('soc index', 'int4 index range scan', $$SELECT count(*) FROM bs_int4 WHERE code BETWEEN 151200000 AND 151299100$$, 5);
INSERT INTO bench.result (bench, variant, ms)
  SELECT 'soc index', 'int4 sequential scan', ms FROM bench.result WHERE bench = 'soc filter' AND variant = 'int4 BETWEEN'
  ON CONFLICT ON CONSTRAINT result_pkey DO UPDATE SET ms = excluded.ms;

\o
EXPLAIN (COSTS OFF) SELECT count(*) FROM bs_soc WHERE code <@ '15-1200';
SELECT * FROM bench.compare('soc filter', 'soccode <@', 'int4 BETWEEN', 1.15, 'at most 1.15x int4 BETWEEN')
UNION ALL SELECT * FROM bench.compare('soc filter', 'soccode <@', 'ltree <@', 1 / 1.5, 'at least 1.5x faster than ltree')
UNION ALL SELECT * FROM bench.compare('soc filter', 'soccode <@', 'text LIKE', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('soc table', 'soccode', 'int4', 1.0, 'no larger than int4', 'size')
UNION ALL SELECT * FROM bench.compare('soc table', 'soccode', 'text', 'Infinity', '(for information)', 'size')
UNION ALL SELECT * FROM bench.compare('soc table', 'soccode', 'ltree', 'Infinity', '(for information)', 'size')
UNION ALL SELECT * FROM bench.compare('soc index', 'index range scan', 'sequential scan', 1 / 50.0, 'at least 50x faster than the sequential scan')
UNION ALL SELECT * FROM bench.compare('soc index', 'index range scan', 'int4 index range scan', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('soc index', 'int4 index range scan', 'int4 sequential scan', 'Infinity', '(for information: the floor''s ratio)');

DROP TABLE bs_soc, bs_int4, bs_text, bs_ltree;
