-- HRIS titles to roles (issue #7, item 5): resolve_title over 100,000 HRIS
-- rows (sample/hris.sql: messy titles of the sample taxonomy's roles, each
-- with the role it was generated from) against the plain pg_trgm approach,
-- the nearest alias as written by <-> over a GiST trigram index on the raw
-- aliases, no normalization.  Both in the same run, one core each (no
-- parallel workers), the planner free to do what it does (it puts a
-- Memoize node on the raw title over both).  Goals: at least 2x the
-- throughput of the pg_trgm approach, at least 15 points more titles
-- resolved to the right role; and any title up to 1 MiB in under a second.
--
-- Runs in a database of its own, so the taxonomy is exactly the sample's.
\set ON_ERROR_STOP true
SELECT current_database() AS bench_home \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS roleext_bench_resolve;
CREATE DATABASE roleext_bench_resolve;
\c roleext_bench_resolve
SET client_min_messages = warning;
CREATE EXTENSION roleext CASCADE;
\i bench/lib.sql
SET max_parallel_workers_per_gather = 0;
\o /dev/null
\i sample/load.sql
\set hris_rows 100000
\i sample/hris.sql
SET search_path = public, roleext;
VACUUM ANALYZE;

-- the baseline's index: trigrams of the aliases as written
CREATE INDEX bench_alias_raw_trgm ON roleext.role_alias USING gist (alias gist_trgm_ops);
ANALYZE roleext.role_alias;

-- the baseline's plan: a KNN scan of that index for every employee
\o
EXPLAIN (COSTS OFF) SELECT count(x.role) FROM hris_employee e
  CROSS JOIN LATERAL (SELECT a.role FROM roleext.role_alias a ORDER BY a.alias <-> e.title LIMIT 1) x;
EXPLAIN (COSTS OFF) SELECT count(r.role) FROM hris_employee e CROSS JOIN LATERAL resolve_title(e.title, 1) r;
\o /dev/null

-- each variant's answer for every employee, to score them
CREATE TABLE bench.resolve_answer AS
SELECT e.employee_id, e.source_role,
       (SELECT a.role FROM roleext.role_alias a ORDER BY a.alias <-> e.title LIMIT 1) AS trgm_role,
       r.role AS resolve_role, r.needs_review
FROM hris_employee e CROSS JOIN LATERAL resolve_title(e.title, 1) r;

SELECT bench.time('resolve 100k', 'resolve_title(title, 1)',
  $$SELECT count(r.role) FROM hris_employee e CROSS JOIN LATERAL resolve_title(e.title, 1) r$$) IS NOT NULL AS timed;
SELECT bench.time('resolve 100k', 'pg_trgm nearest alias',
  $$SELECT count(x.role) FROM hris_employee e
    CROSS JOIN LATERAL (SELECT a.role FROM roleext.role_alias a ORDER BY a.alias <-> e.title LIMIT 1) x$$) IS NOT NULL AS timed;
SELECT bench.time('resolve 100k', 'resolve_title(title), k = 5',
  $$SELECT count(r.role) FROM hris_employee e CROSS JOIN LATERAL resolve_title(e.title) r$$, 1) IS NOT NULL AS timed;
SET enable_memoize = off;
SELECT bench.time('resolve 100k', 'resolve_title(title, 1), no Memoize',
  $$SELECT count(r.role) FROM hris_employee e CROSS JOIN LATERAL resolve_title(e.title, 1) r$$, 1) IS NOT NULL AS timed;
SELECT bench.time('resolve 100k', 'pg_trgm nearest alias, no Memoize',
  $$SELECT count(x.role) FROM hris_employee e
    CROSS JOIN LATERAL (SELECT a.role FROM roleext.role_alias a ORDER BY a.alias <-> e.title LIMIT 1) x$$, 1) IS NOT NULL AS timed;
RESET enable_memoize;
SELECT bench.time('resolve 100k', 'title_parse only (floor)',
  $$SELECT count(p.level) FROM hris_employee e CROSS JOIN LATERAL title_parse(e.title) p$$) IS NOT NULL AS timed;

-- long titles: what is matched is the title's job phrase, the first 256
-- bytes of its normalized words (doc/titles.md), so the cost is bounded;
-- the baseline is pg_trgm over a whole 64 KiB normalized title, as
-- resolve_title matched before the bound (24-35 s for 1 MiB)
SELECT bench.time('resolve long', 'resolve_title, 1 MiB title, k = 20',
  $$SELECT count(*) FROM resolve_title(repeat('devops engineer ', 65536), 20)$$, 1) IS NOT NULL AS timed;
SELECT bench.time('resolve long', 'resolve_title, 64 KiB title, k = 20',
  $$SELECT count(*) FROM resolve_title(repeat('devops engineer ', 4096), 20)$$, 1) IS NOT NULL AS timed;
SELECT bench.time('resolve long', 'pg_trgm nearest 46 aliases of a whole 64 KiB normalized title',
  $$SELECT count(*) FROM (SELECT a.role FROM roleext.role_alias a
      ORDER BY a.alias_norm <-> title_normalize(repeat('devops engineer ', 4096)) LIMIT 46) x$$, 1) IS NOT NULL AS timed;
\o

SELECT * FROM bench.compare('resolve 100k', 'resolve_title(title, 1)', 'pg_trgm nearest alias', 0.5,
                            'at least 2x the throughput of the pg_trgm approach')
UNION ALL SELECT * FROM bench.compare('resolve 100k', 'resolve_title(title, 1), no Memoize',
                            'pg_trgm nearest alias, no Memoize', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('resolve 100k', 'resolve_title(title), k = 5',
                            'pg_trgm nearest alias', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('resolve long', 'resolve_title, 1 MiB title, k = 20',
                            'pg_trgm nearest 46 aliases of a whole 64 KiB normalized title', 'Infinity',
                            '(for information; under a second)');

-- titles a second, one core
SELECT r.variant, round(100000 / (r.ms / 1000))::int8 AS titles_per_second, round(r.ms::numeric) AS ms
FROM bench.result r WHERE r.bench = 'resolve 100k' ORDER BY r.ms;

-- resolved to the role each title was generated from
SELECT 'resolve_title' AS variant, round(100.0 * count(*) FILTER (WHERE resolve_role = source_role) / count(*), 1) AS correct_pct,
       round(100.0 * count(*) FILTER (WHERE needs_review) / count(*), 1) AS needs_review_pct,
       round(100.0 * count(*) FILTER (WHERE resolve_role = source_role AND NOT needs_review)
             / nullif(count(*) FILTER (WHERE NOT needs_review), 0), 1) AS correct_pct_of_unflagged
FROM bench.resolve_answer
UNION ALL
SELECT 'pg_trgm nearest alias', round(100.0 * count(*) FILTER (WHERE trgm_role = source_role) / count(*), 1),
       NULL, NULL
FROM bench.resolve_answer;
SELECT round(100.0 * (count(*) FILTER (WHERE resolve_role = source_role) - count(*) FILTER (WHERE trgm_role = source_role))
             / count(*), 1) AS points_more_correct,
       'at least 15 points more correct' AS goal,
       CASE WHEN count(*) FILTER (WHERE resolve_role = source_role) - count(*) FILTER (WHERE trgm_role = source_role)
                 >= 0.15 * count(*) THEN 'yes' ELSE 'NO' END AS met
FROM bench.resolve_answer;

-- distinct titles as written and once parsed: what the lookups are kept by
SELECT count(DISTINCT title) AS distinct_titles,
       count(DISTINCT title_normalize(title)) AS distinct_normalized
FROM hris_employee;

\c :bench_home
SET client_min_messages = warning;
DROP DATABASE roleext_bench_resolve;

-- the same at realistic scale: the SOC-derived taxonomy and one of 20,000
-- roles, 100,000 HRIS-style titles (issue 20, item 4)
\i bench/resolve/scale.sql
