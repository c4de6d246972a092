-- confidence: the aggregates confidence_all and confidence_any over 10
-- million rows, against the same folds written as SQL aggregates over
-- float8 (a SQL transition function, as a user would write without
-- roleext).  Issue #4 goal: at least 3x faster.  For information: built-in
-- C aggregates over float8 (sum, max), the floor of any aggregate over the
-- same rows, and the tables' sizes (the float8 table is wider).
\i bench/lib.sql
SET max_parallel_workers_per_gather = 0;
\o /dev/null

DROP TABLE IF EXISTS bc_conf, bc_f8;
DROP AGGREGATE IF EXISTS bench.f8_all(float8);
DROP AGGREGATE IF EXISTS bench.f8_any(float8);
DROP FUNCTION IF EXISTS bench.f8_all_step(float8, float8), bench.f8_any_step(float8, float8),
  bench.f8_all_final(float8), bench.f8_any_final(float8);

-- the baseline folds: product, and 1 - product of complements, rounded
-- once to 4 decimals at the end, combinable like the subject
CREATE FUNCTION bench.f8_all_step(float8, float8) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT $1 * $2';
CREATE FUNCTION bench.f8_any_step(float8, float8) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT $1 * (1 - $2)';
CREATE FUNCTION bench.f8_all_final(float8) RETURNS numeric
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT round($1::numeric, 4)';
CREATE FUNCTION bench.f8_any_final(float8) RETURNS numeric
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT round((1 - $1)::numeric, 4)';
CREATE AGGREGATE bench.f8_all(float8) (SFUNC = bench.f8_all_step, STYPE = float8, INITCOND = '1',
  FINALFUNC = bench.f8_all_final, COMBINEFUNC = float8mul, PARALLEL = SAFE);
CREATE AGGREGATE bench.f8_any(float8) (SFUNC = bench.f8_any_step, STYPE = float8, INITCOND = '1',
  FINALFUNC = bench.f8_any_final, COMBINEFUNC = float8mul, PARALLEL = SAFE);

-- 10 million rows in random order, in 100,000 groups of about 100.  c is
-- any confidence 0.0001 ... 1.0000 (for the grouped runs).  The whole-table
-- runs fold all 10 million rows into one product, which the baseline's
-- float8 * must not underflow (it raises an error where confidence_all
-- quietly reaches 0): hi is 0.9999 or 1, lo is 0 or 0.0001.  The values do
-- not change the speed of a multiplication.
CREATE TABLE bc_conf AS
  SELECT (h % 100000)::int4 AS g, ((1 + (h / 7) % 10000) / 10000.0)::confidence AS c,
         ((9999 + (h / 3) % 2) / 10000.0)::confidence AS hi,
         (((h / 5) % 2) / 10000.0)::confidence AS lo
  FROM (SELECT abs(hashint4(i)) AS h FROM generate_series(1, 10000000) i) s;
CREATE TABLE bc_f8 AS SELECT g, c::float8 AS x, hi::float8 AS xhi, lo::float8 AS xlo FROM bc_conf;
VACUUM ANALYZE bc_conf, bc_f8;

-- The SQL folds are 10-20x slower than the subject, so they are timed once
-- after their warm-up rather than best of three: the difference cannot
-- decide a 3x goal, and it saves minutes.

SELECT bench.time('confidence all', 'confidence_all', 'SELECT confidence_all(hi) FROM bc_conf') IS NOT NULL AS timed;
SELECT bench.time('confidence all', 'SQL fold over float8', 'SELECT bench.f8_all(xhi) FROM bc_f8', 1) IS NOT NULL AS timed;
SELECT bench.time('confidence all', 'sum(float8)', 'SELECT sum(xhi) FROM bc_f8') IS NOT NULL AS timed;

SELECT bench.time('confidence any', 'confidence_any', 'SELECT confidence_any(lo) FROM bc_conf') IS NOT NULL AS timed;
SELECT bench.time('confidence any', 'SQL fold over float8', 'SELECT bench.f8_any(xlo) FROM bc_f8', 1) IS NOT NULL AS timed;

SELECT bench.time('confidence grouped', 'confidence_all+any',
  'SELECT g, confidence_all(c), confidence_any(c) FROM bc_conf GROUP BY g') IS NOT NULL AS timed;
SELECT bench.time('confidence grouped', 'SQL folds over float8',
  'SELECT g, bench.f8_all(x), bench.f8_any(x) FROM bc_f8 GROUP BY g', 1) IS NOT NULL AS timed;
SELECT bench.time('confidence grouped', 'sum+max(float8)',
  'SELECT g, sum(x), max(x) FROM bc_f8 GROUP BY g') IS NOT NULL AS timed;

SELECT bench.size('confidence table', 'confidence', pg_table_size('bc_conf'));
SELECT bench.size('confidence table', 'float8', pg_table_size('bc_f8'));

\o
SELECT * FROM bench.compare('confidence all', 'confidence_all', 'SQL fold over float8', 1 / 3.0, 'at least 3x faster than the SQL fold')
UNION ALL SELECT * FROM bench.compare('confidence all', 'confidence_all', 'sum(float8)', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('confidence any', 'confidence_any', 'SQL fold over float8', 1 / 3.0, 'at least 3x faster than the SQL fold')
UNION ALL SELECT * FROM bench.compare('confidence grouped', 'confidence_all+any', 'SQL folds over float8', 1 / 3.0, 'at least 3x faster than the SQL folds')
UNION ALL SELECT * FROM bench.compare('confidence grouped', 'confidence_all+any', 'sum+max(float8)', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('confidence table', 'confidence', 'float8', 'Infinity', '(for information)', 'size');

DROP TABLE bc_conf, bc_f8;
DROP AGGREGATE bench.f8_all(float8);
DROP AGGREGATE bench.f8_any(float8);
DROP FUNCTION bench.f8_all_step(float8, float8), bench.f8_any_step(float8, float8),
  bench.f8_all_final(float8), bench.f8_any_final(float8);
