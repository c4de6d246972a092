-- rolelevel: sort and compare 10 million levels, against the same values
-- as text and as an int2 encoding (the floor).  Issue #2 goals: rolelevel
-- at most 1.2x the int2 time, at least 1.5x faster than text, and its
-- table no larger than the int2 one.
\i bench/lib.sql
SET max_parallel_workers_per_gather = 0;
\o /dev/null

DROP TABLE IF EXISTS bl_level, bl_text, bl_text_c, bl_text_icu, bl_int2;
-- 10 million levels over five tracks and ranks 0-9, in random order
CREATE TABLE bl_level AS
  SELECT make_level((ARRAY['S','P','M','E','IC'])[1 + (h % 5)], (h / 5) % 10) AS l
  FROM (SELECT abs(hashint4(g)) AS h FROM generate_series(1, 10000000) g) s;
-- the same values as text (database collation) and as text COLLATE "C"
CREATE TABLE bl_text AS SELECT l::text AS l FROM bl_level;
CREATE TABLE bl_text_c AS SELECT l::text COLLATE "C" AS l FROM bl_level;
-- and as text in an en_US collation (ICU), what a database created with an
-- en_US locale compares with (for information: the cluster here is C.UTF-8)
CREATE TABLE bl_text_icu AS SELECT l::text COLLATE "en-US-x-icu" AS l FROM bl_level;
-- the same order as an int2: track index * 100 + rank
CREATE TABLE bl_int2 AS
  SELECT ((array_position(ARRAY['S','P','M','E','IC'], level_track(l)) - 1) * 100
          + level_rank(l))::int2 AS l FROM bl_level;
VACUUM ANALYZE bl_level, bl_text, bl_text_c, bl_text_icu, bl_int2;

SELECT bench.time('level sort', 'rolelevel', 'SELECT l FROM bl_level ORDER BY l OFFSET 9999999') IS NOT NULL AS timed;
SELECT bench.time('level sort', 'int2', 'SELECT l FROM bl_int2 ORDER BY l OFFSET 9999999') IS NOT NULL AS timed;
SELECT bench.time('level sort', 'text', 'SELECT l FROM bl_text ORDER BY l OFFSET 9999999') IS NOT NULL AS timed;
SELECT bench.time('level sort', 'text "C"', 'SELECT l FROM bl_text_c ORDER BY l OFFSET 9999999') IS NOT NULL AS timed;
SELECT bench.time('level sort', 'text en-US ICU', 'SELECT l FROM bl_text_icu ORDER BY l OFFSET 9999999') IS NOT NULL AS timed;

SELECT bench.time('level compare', 'rolelevel', $$SELECT count(*) FROM bl_level WHERE l >= 'P3' AND l < 'M2'$$) IS NOT NULL AS timed;
SELECT bench.time('level compare', 'int2', $$SELECT count(*) FROM bl_int2 WHERE l >= 103::int2 AND l < 202::int2$$) IS NOT NULL AS timed;
SELECT bench.time('level compare', 'text', $$SELECT count(*) FROM bl_text WHERE l >= 'P3' AND l < 'M2'$$) IS NOT NULL AS timed;
SELECT bench.time('level compare', 'text "C"', $$SELECT count(*) FROM bl_text_c WHERE l >= 'P3' AND l < 'M2'$$) IS NOT NULL AS timed;
SELECT bench.time('level compare', 'text en-US ICU', $$SELECT count(*) FROM bl_text_icu WHERE l >= 'P3' AND l < 'M2'$$) IS NOT NULL AS timed;

SELECT bench.size('level table', 'rolelevel', pg_table_size('bl_level'));
SELECT bench.size('level table', 'int2', pg_table_size('bl_int2'));
SELECT bench.size('level table', 'text', pg_table_size('bl_text'));

\o
SELECT * FROM bench.compare('level sort', 'rolelevel', 'int2', 1.2, 'at most 1.2x int2')
UNION ALL SELECT * FROM bench.compare('level sort', 'rolelevel', 'text', 1 / 1.5, 'at least 1.5x faster than text')
UNION ALL SELECT * FROM bench.compare('level sort', 'rolelevel', 'text "C"', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('level sort', 'rolelevel', 'text en-US ICU', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('level compare', 'rolelevel', 'int2', 1.2, 'at most 1.2x int2')
UNION ALL SELECT * FROM bench.compare('level compare', 'rolelevel', 'text', 1 / 1.5, 'at least 1.5x faster than text')
UNION ALL SELECT * FROM bench.compare('level compare', 'rolelevel', 'text "C"', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('level compare', 'rolelevel', 'text en-US ICU', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('level table', 'rolelevel', 'int2', 1.0, 'no larger than int2', 'size')
UNION ALL SELECT * FROM bench.compare('level table', 'rolelevel', 'text', 'Infinity', '(for information)', 'size');

DROP TABLE bl_level, bl_text, bl_text_c, bl_text_icu, bl_int2;
