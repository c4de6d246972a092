-- Occupation autocoding: soc_autocode against the plain pg_trgm approach
-- (the nearest dictionary title by <-> over a GiST trigram index, no
-- normalization), on the same HRIS-style titles, one core each.  Issue #8's
-- goal: at least 20x the throughput of the pg_trgm approach.  The pg_trgm
-- approach takes tens of milliseconds a title, so the comparison runs on
-- 2,000 titles; soc_autocode alone is also timed over 100,000, and the
-- index build (what each backend and each parallel worker pays once) is
-- timed by forcing a rebuild.  Accuracy is `make eval`'s business.
\i bench/lib.sql
SET max_parallel_workers_per_gather = 0;
SET enable_memoize = off;
\o /dev/null

-- 100,000 titles: O*NET alternate titles with HRIS noise (a level word, an
-- abbreviation, a work arrangement or requisition, changed case), by hash
DROP TABLE IF EXISTS ba_title;
CREATE TABLE ba_title AS
WITH t AS (SELECT row_number() OVER (ORDER BY md5(title)) AS n, title
           FROM (SELECT DISTINCT title FROM roleext.title_dictionary WHERE source = 'onet_alternate') d)
SELECT i AS id,
       CASE i % 3 WHEN 0 THEN upper(x) WHEN 1 THEN x ELSE lower(x) END AS title
FROM generate_series(1, 100000) i
CROSS JOIN LATERAL (
  SELECT (ARRAY['', 'Sr. ', 'Junior ', 'Lead '])[1 + i % 4]
         || replace(replace(t.title, 'Manager', 'Mgr'), 'Technician', 'Tech')
         || (ARRAY['', ' II', ' (Remote)', ' - Contract', ' - Req #' || (10000 + i)])[1 + (i / 4) % 5] AS x
  FROM t WHERE t.n = 1 + (i * 7919) % (SELECT count(*) FROM t)) s;
ANALYZE ba_title;

-- the pg_trgm approach's dictionary: the same titles soc_autocode matches
DROP TABLE IF EXISTS ba_trgm;
CREATE TABLE ba_trgm AS
SELECT title, code FROM roleext.title_dictionary WHERE source IN ('onet_alternate', 'onet_title', 'soc_title');
CREATE INDEX ON ba_trgm USING gist (title gist_trgm_ops);
ANALYZE ba_trgm;

-- force a rebuild of this backend's index and return its build time
CREATE OR REPLACE FUNCTION bench.ac_rebuild() RETURNS float8 LANGUAGE plpgsql AS $$
BEGIN
  UPDATE roleext.title_dictionary SET title = title WHERE false;  -- fires the invalidation trigger
  RETURN (SELECT build_ms FROM roleext.soc_autocode_index());
END $$;

SELECT bench.time('autocode', 'soc_autocode, 2,000 titles',
  $$SELECT count(c.code) FROM ba_title b CROSS JOIN LATERAL soc_autocode(b.title, 1) c WHERE b.id <= 2000$$, 3);
SELECT bench.time('autocode', 'pg_trgm nearest title, 2,000 titles',
  $$SELECT count(x.code) FROM ba_title b CROSS JOIN LATERAL
      (SELECT t.code FROM ba_trgm t ORDER BY t.title <-> b.title LIMIT 1) x WHERE b.id <= 2000$$, 1);
SELECT bench.time('autocode', 'soc_autocode, 100,000 titles',
  $$SELECT count(c.code) FROM ba_title b CROSS JOIN LATERAL soc_autocode(b.title, 5) c$$, 1);
SELECT bench.time('autocode', 'index build (45,848 entries)', $$SELECT bench.ac_rebuild()$$, 3);
\o

SELECT * FROM bench.compare('autocode', 'soc_autocode, 2,000 titles', 'pg_trgm nearest title, 2,000 titles',
                            0.05, 'at least 20x the throughput of the pg_trgm approach');
SELECT 'soc_autocode over 100,000 HRIS titles (k = 5), one core' AS what,
       round(100000 / (ms / 1000))::text || ' titles/s' AS figure
FROM bench.result WHERE bench = 'autocode' AND variant = 'soc_autocode, 100,000 titles'
UNION ALL
SELECT 'index build, once per backend and per parallel worker',
       round(ms::numeric) || ' ms, ' || pg_size_pretty((SELECT bytes FROM roleext.soc_autocode_index()))
FROM bench.result WHERE bench = 'autocode' AND variant = 'index build (45,848 entries)';

DROP TABLE ba_title, ba_trgm;
