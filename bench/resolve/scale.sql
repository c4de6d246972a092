-- HRIS titles to roles at realistic scale (issue 20, item 4), the second
-- part of bench/resolve.sql: resolve_title against the plain pg_trgm
-- approach -- the role of the nearest alias by <-> between the stored
-- normalized alias (role_alias.alias_norm, its GiST trigram index) and
-- title_normalize(title) -- in the same run, one core each, on two
-- taxonomies:
--   (a) the SOC-derived taxonomy of make eval-resolve: 867 roles at P2, one
--       per SOC 2018 detailed occupation, about 34,500 aliases (O*NET
--       alternate titles of the training split and official titles);
--   (b) a generated one of 20,000 roles and 100,000 aliases: the same
--       occupations in four specializations at P1-P4, M1 and M2 (it holds
--       (a)'s roles and aliases, imported over them).
-- The titles: 100,000 HRIS-style titles drawn (with replacement, by md5,
-- the same every run) from the development split's held-out titles in all
-- their style slices (messy, inverted, qualifier, truncated, typo, glued,
-- upper case with a requisition number, clean), none of them an alias.
--
-- What is timed, for each taxonomy:
--   * throughput, resolve_title(title, 1) against the nearest pg_trgm alias
--     on the same first `cmp` titles (default 1,000), best of one after a
--     warm-up, the planner free (it may put Memoize over both);
--   * resolve_title(title, 1) over all `titles` titles (default 100,000),
--     in id order, 10,000 titles a query, no warm-up, until they are done
--     or `budget` seconds (default 300) have passed: titles a second;
--   * the first call in a new connection (nothing cached in the backend),
--     an exact title and a title that needs trigram matching, and the
--     second call of the same title in that connection.
-- Environment: RESOLVE_BENCH_TITLES, RESOLVE_BENCH_CMP and
-- RESOLVE_BENCH_BUDGET change the counts and the budget (the engine of
-- 2026-12-07 resolves 10-50 titles a second on these taxonomies: 100,000
-- titles would take hours; at 5,000 titles a second they take 20 s).
-- Goals (issue 20): at least 20x the throughput of the nearest pg_trgm
-- alias on (a); at least 5,000 titles a second on one core on (b).
\set ON_ERROR_STOP true
\getenv resolve_titles RESOLVE_BENCH_TITLES
\getenv resolve_cmp RESOLVE_BENCH_CMP
\if :{?resolve_titles}
\else
\set resolve_titles 100000
\endif
\if :{?resolve_cmp}
\else
\set resolve_cmp 1000
\endif
\getenv resolve_budget RESOLVE_BENCH_BUDGET
\if :{?resolve_budget}
\else
\set resolve_budget 300
\endif
\set resolve_work `bash bench/resolve/prepare.sh`
SELECT current_database() AS bench_home \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS roleext_bench_resolve_scale;
CREATE DATABASE roleext_bench_resolve_scale;
\c roleext_bench_resolve_scale
SET client_min_messages = warning;
CREATE EXTENSION roleext CASCADE;
\i bench/lib.sql
SET max_parallel_workers_per_gather = 0;

-- Record a time in ms measured by the caller.
CREATE FUNCTION bench.record(b text, v text, ms float8) RETURNS float8 LANGUAGE sql AS $$
  INSERT INTO bench.result AS r (bench, variant, ms) VALUES (b, v, ms)
    ON CONFLICT ON CONSTRAINT result_pkey DO UPDATE SET ms = excluded.ms
  RETURNING ms;
$$;

-- Run q once, in this connection as it is, and record its time in ms.
CREATE FUNCTION bench.once(b text, v text, q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz := clock_timestamp();
  ms float8;
BEGIN
  EXECUTE q;
  ms := 1000 * extract(epoch FROM clock_timestamp() - t0);
  INSERT INTO bench.result AS r (bench, variant, ms) VALUES (b, v, ms)
    ON CONFLICT ON CONSTRAINT result_pkey DO UPDATE SET ms = excluded.ms;
  RETURN ms;
END $$;

-- resolve_title over bench.hris_title in id order, until all are done or
-- budget_s seconds have passed; records the time and the titles done.  A
-- query takes 1,000 titles, twice as many after each query that took less
-- than a twentieth of the budget: a fast engine does the whole in a few
-- queries, a slow one stops near the budget.
CREATE TABLE bench.titles_done (bench text, variant text, titles int8, PRIMARY KEY (bench, variant));
CREATE FUNCTION bench.resolve_all(b text, budget_s float8) RETURNS int8 LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz := clock_timestamp();
  done int8 := 0;
  total int8 := (SELECT count(*) FROM bench.hris_title);
  n int8;
  chunk int8 := 1000;
  t1 timestamptz;
BEGIN
  WHILE done < total AND extract(epoch FROM clock_timestamp() - t0) < budget_s LOOP
    t1 := clock_timestamp();
    SELECT count(r.role) INTO n
    FROM bench.hris_title e CROSS JOIN LATERAL resolve_title(e.title, 1) r
    WHERE e.id > done AND e.id <= done + chunk;
    done := least(done + chunk, total);
    IF extract(epoch FROM clock_timestamp() - t1) < budget_s / 20 THEN
      chunk := chunk * 2;
    END IF;
  END LOOP;
  PERFORM bench.record(b, 'resolve_title(title, 1), all titles', 1000 * extract(epoch FROM clock_timestamp() - t0));
  INSERT INTO bench.titles_done VALUES (b, 'resolve_title(title, 1), all titles', done)
    ON CONFLICT (bench, variant) DO UPDATE SET titles = excluded.titles;
  RETURN done;
END $$;

-- the titles
CREATE TEMP TABLE variants (slice text, half text, lt text, q text);
\set slices_file :resolve_work '/slices.csv'
COPY variants FROM :'slices_file' WITH (FORMAT csv);
CREATE TABLE bench.hris_title AS
SELECT row_number() OVER (ORDER BY k)::int AS id, q AS title
FROM (SELECT v.q, md5(g || '#' || v.slice || '#' || v.lt) AS k
      FROM variants v CROSS JOIN generate_series(1, 3) g
      ORDER BY 2 LIMIT :resolve_titles) s;
CREATE TABLE bench.cmp_title AS SELECT * FROM bench.hris_title WHERE id <= :resolve_cmp;
ANALYZE bench.hris_title;
ANALYZE bench.cmp_title;
\o
SELECT (SELECT count(*) FROM bench.hris_title) AS titles, (SELECT count(DISTINCT title) FROM bench.hris_title) AS distinct_titles,
       (SELECT count(DISTINCT title_normalize(title)) FROM bench.hris_title) AS distinct_normalized,
       (SELECT count(*) FROM bench.cmp_title) AS compared_titles;
\o /dev/null

-- Both taxonomies in turn: import, then time.  The first import is the
-- SOC-derived one, the second adds the generated roles over it.
\set tax soc
\set cards :resolve_work '/soc.json'
\ir scale_run.sql
\set tax scale
\set cards :resolve_work '/scale.json'
\ir scale_run.sql
\o

SELECT * FROM bench.compare('resolve soc', 'resolve_title(title, 1)', 'pg_trgm nearest normalized alias', 0.05,
                            'at least 20x the throughput of the nearest pg_trgm alias')
UNION ALL SELECT * FROM bench.compare('resolve scale', 'resolve_title(title, 1)', 'pg_trgm nearest normalized alias',
                            'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('resolve soc', 'first call, new connection, trigram title',
                            'second call, same connection, trigram title', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('resolve scale', 'first call, new connection, trigram title',
                            'second call, same connection, trigram title', 'Infinity', '(for information)');

-- titles a second, one core; first calls
SELECT r.bench AS taxonomy, r.variant, round(r.ms::numeric, 1) AS ms, n.titles,
       round((n.titles / (r.ms / 1000))::numeric, 1) AS titles_per_second
FROM bench.result r
CROSS JOIN LATERAL (SELECT CASE WHEN r.variant = 'import_role_cards' THEN NULL
                                WHEN r.variant LIKE '%call%' THEN 1
                                ELSE coalesce((SELECT d.titles FROM bench.titles_done d
                                               WHERE d.bench = r.bench AND d.variant = r.variant), :resolve_cmp)
                           END AS titles) n
WHERE r.bench IN ('resolve soc', 'resolve scale')
ORDER BY r.bench DESC, r.variant;

SELECT 'resolve_title on 20,000 roles / 100,000 aliases, titles a second, one core' AS what,
       d.titles AS titles, round((d.titles / (r.ms / 1000))::numeric, 1) AS value, 5000 AS goal,
       CASE WHEN d.titles / (r.ms / 1000) >= 5000 THEN 'yes' ELSE 'NO' END AS met
FROM bench.result r JOIN bench.titles_done d USING (bench, variant)
WHERE r.bench = 'resolve scale' AND r.variant = 'resolve_title(title, 1), all titles';

\set resolve_rm `rm -rf :'resolve_work' && echo removed`
\c :bench_home
SET client_min_messages = warning;
DROP DATABASE roleext_bench_resolve_scale;
