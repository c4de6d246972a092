-- roleext on Citus (issue #18, item 5): coding a distributed table of HRIS
-- titles (sample/hris.sql, :titles rows, default 10^6) with soc_autocode,
-- the codes written back by a co-located INSERT ... SELECT (each shard into
-- the shard beside it, on the worker), against the same coding of the
-- same rows in a plain table on the coordinator, the single-node plan, in
-- the same run.  One run each, no warm-up (a run codes every title once).
-- Goal: parity (ratio <= 1.0): the coordinator and the two workers share
-- the machine's cores, so more nodes cannot be faster here; the bar is
-- that distributing costs nothing.
--
-- Needs a Citus coordinator with workers (bench/citus_cluster.sh starts
-- one and runs this file there); elsewhere it says so and stops.
-- Connection settings: Citus's defaults (citus.max_adaptive_executor_pool_size
-- 16, citus.max_cached_conns_per_worker 1), 8 shards; the single node may
-- use max_parallel_workers_per_gather parallel workers (the server's, 2 in
-- bench/citus_cluster.sh).
\set ON_ERROR_STOP true
SELECT (SELECT count(*) FROM pg_catalog.pg_extension WHERE extname = 'citus') AS has_citus \gset
\if :has_citus
\else
\echo 'bench/citus.sql: no Citus in this database (bench/citus_cluster.sh runs it on a Citus cluster)'
\quit
\endif
\if :{?titles}
\else
\set titles 1000000
\endif
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS roleext CASCADE;
\i bench/lib.sql
\o /dev/null
\i sample/load.sql
\set hris_rows :titles
\i sample/hris.sql
\i scripts/citus_reference_tables.sql
SET search_path = public, roleext;
DROP TABLE IF EXISTS public.hris_dist, public.hris_dist_soc, public.hris_local_soc;
CREATE TABLE public.hris_dist (LIKE public.hris_employee);
SELECT create_distributed_table('public.hris_dist', 'source_role', shard_count => 8);
INSERT INTO public.hris_dist SELECT * FROM public.hris_employee;
CREATE TABLE public.hris_dist_soc (employee_id int, source_role roleext.rolecode, code roleext.soccode,
                                   score roleext.confidence, needs_review boolean);
SELECT create_distributed_table('public.hris_dist_soc', 'source_role', colocate_with => 'public.hris_dist');
CREATE TABLE public.hris_local_soc (LIKE public.hris_dist_soc);
VACUUM ANALYZE public.hris_employee;
VACUUM ANALYZE public.hris_dist;
\o

-- the coding itself, into an empty table (TRUNCATE first, not timed apart:
-- it costs milliseconds)
CREATE OR REPLACE FUNCTION bench.citus_code(distributed boolean) RETURNS int8
  LANGUAGE plpgsql SET search_path = public, roleext AS $$
DECLARE
  n int8;
BEGIN
  IF distributed THEN
    TRUNCATE public.hris_dist_soc;
    INSERT INTO public.hris_dist_soc
    SELECT s.employee_id, s.source_role, (s.a).code, (s.a).score, (s.a).needs_review
      FROM (SELECT h.employee_id, h.source_role, soc_autocode(h.title, 3) AS a FROM public.hris_dist h) s;
  ELSE
    TRUNCATE public.hris_local_soc;
    INSERT INTO public.hris_local_soc
    SELECT s.employee_id, s.source_role, (s.a).code, (s.a).score, (s.a).needs_review
      FROM (SELECT h.employee_id, h.source_role, soc_autocode(h.title, 3) AS a FROM public.hris_employee h) s;
  END IF;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;

\o /dev/null
SELECT bench.time('citus', 'single node', 'SELECT bench.citus_code(false)', 1, false);
SELECT bench.time('citus', 'distributed', 'SELECT bench.citus_code(true)', 1, false);
\o
-- the two agree row for row
SELECT count(*) AS titles, (SELECT count(*) FROM public.hris_local_soc) AS codes,
       (SELECT count(*) FROM (SELECT employee_id, code::text, score::text FROM public.hris_local_soc
                              EXCEPT ALL
                              SELECT employee_id, code::text, score::text FROM public.hris_dist_soc) d) AS differing
  FROM public.hris_employee;
SELECT * FROM bench.compare('citus', 'distributed', 'single node', 1.0,
                            'coding a distributed table no slower than one node (same machine)');
