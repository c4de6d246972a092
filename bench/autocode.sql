-- Occupation autocoding.
--
-- 1. soc_autocode against the plain pg_trgm approach (the nearest
--    dictionary title by <-> over a GiST trigram index, no normalization),
--    on the same HRIS-style titles, one core each.  Issue #8's goal: at
--    least 20x the throughput of the pg_trgm approach.  The pg_trgm
--    approach takes tens of milliseconds a title, so the comparison runs on
--    2,000 titles; soc_autocode alone is also timed over 100,000, and an
--    index build (what a dictionary writer pays at its commit) by forcing
--    one.
-- 2. Many connections (issue "The autocoder for many connections"): the
--    first call in a new connection and the private memory it leaves, with
--    the shared image (roleext.autocode_shared = on) against the
--    per-backend index of roleext 1.0.0 (off), in fresh connections opened
--    with dblink; and a parallel plan over 10^6 HRIS rows, serial, with the
--    shared image and with a private index in each worker.  Throughput
--    under concurrent writes: bench/autocode_concurrency.sh (pgbench).
-- Accuracy is `make eval`'s business.
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

-- force a build and return its time: a statement that writes no row still
-- moves the dictionary's version on, and the writing transaction codes with
-- a private index of its own version
CREATE OR REPLACE FUNCTION bench.ac_rebuild() RETURNS float8 LANGUAGE plpgsql AS $$
BEGIN
  UPDATE roleext.title_dictionary SET title = title WHERE false;  -- fires the version trigger
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
SELECT 'index build (a dictionary writer pays it at its commit; 1.0.0: every backend and worker)',
       round(ms::numeric) || ' ms, ' || pg_size_pretty((SELECT bytes FROM roleext.soc_autocode_index()))
FROM bench.result WHERE bench = 'autocode' AND variant = 'index build (45,848 entries)';

-- 2. Many connections ---------------------------------------------------------

CREATE EXTENSION IF NOT EXISTS dblink;
-- two calls of soc_autocode in each of n fresh connections (with
-- roleext.autocode_shared as given): the first call's time on the server
-- (library load, version read, mapping or build, query), the second's, the
-- backend's RssAnon before and after (kB, /proc/self/status), the
-- autocoder's memory contexts, its private_bytes and its builds
CREATE OR REPLACE FUNCTION bench.ac_connections(shared boolean, n int)
RETURNS TABLE (first_ms float8, second_ms float8, rss_before int8, rss_after int8, ctx_bytes int8,
               private_bytes int8, builds int8)
LANGUAGE plpgsql AS $$
DECLARE
  conn text := format('host=%s port=%s dbname=%s options=''-c roleext.autocode_shared=%s''',
                      split_part(current_setting('unix_socket_directories'), ',', 1),
                      current_setting('port'), current_database(), CASE WHEN shared THEN 'on' ELSE 'off' END);
  rss text := $q$SELECT (regexp_match(pg_read_file('/proc/self/status'), 'RssAnon:\s+(\d+)'))[1]::int8$q$;
  call text := $q$SELECT 1000 * extract(epoch FROM clock_timestamp() - statement_timestamp())::float8
                  FROM (SELECT count(*) FROM roleext.soc_autocode('Sr. Registered Nurse II (Remote)', 5)) x$q$;
BEGIN
  FOR i IN 1 .. n LOOP
    PERFORM dblink_connect('ac_bench', conn);
    SELECT v INTO rss_before FROM dblink('ac_bench', rss) AS t(v int8);
    SELECT v INTO first_ms FROM dblink('ac_bench', call) AS t(v float8);
    SELECT v INTO second_ms FROM dblink('ac_bench', call) AS t(v float8);
    SELECT a, b, c, d INTO rss_after, ctx_bytes, private_bytes, builds
    FROM dblink('ac_bench', rss || $q$, (SELECT sum(total_bytes)::int8 FROM pg_backend_memory_contexts
                                          WHERE name LIKE 'roleext autocode%'),
                                    i.private_bytes, i.builds FROM roleext.soc_autocode_index() i$q$)
         AS t(a int8, b int8, c int8, d int8);
    PERFORM dblink_disconnect('ac_bench');
    RETURN NEXT;
  END LOOP;
END $$;

\o /dev/null
SELECT * FROM roleext.soc_autocode('Registered Nurse', 1);   -- the image of the current version exists
\o
CREATE TEMP TABLE ac_conn AS
  SELECT true AS shared, c.* FROM bench.ac_connections(true, 10) c
  UNION ALL
  SELECT false, c.* FROM bench.ac_connections(false, 5) c;
SELECT CASE WHEN shared THEN 'shared image' ELSE 'per-backend index (1.0.0)' END AS "new connection",
       count(*) AS connections,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY first_ms)::numeric, 1) || ' ms (' ||
         round(min(first_ms)::numeric, 1) || '-' || round(max(first_ms)::numeric, 1) || ')' AS "first call, median (range)",
       round(avg(second_ms)::numeric, 2) || ' ms' AS "second call",
       pg_size_pretty(avg(ctx_bytes)::int8) AS "autocoder contexts",
       pg_size_pretty(avg((rss_after - rss_before) * 1024)::int8) AS "RssAnon grown",
       pg_size_pretty(avg(rss_after * 1024)::int8) AS "RssAnon",
       max(builds) AS builds
FROM ac_conn GROUP BY shared ORDER BY shared DESC;
SELECT 'first call in a new connection, median' AS goal,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY first_ms) FILTER (WHERE shared))::numeric, 1) || ' ms against ' ||
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY first_ms) FILTER (WHERE NOT shared))::numeric, 1) || ' ms' AS figure,
       '<= 20 ms' AS target,
       CASE WHEN percentile_cont(0.5) WITHIN GROUP (ORDER BY first_ms) FILTER (WHERE shared) <= 20 THEN 'yes' ELSE 'NO' END AS met
FROM ac_conn
UNION ALL
SELECT 'private memory per backend (autocoder contexts; RssAnon grown)',
       pg_size_pretty((avg(ctx_bytes) FILTER (WHERE shared))::int8) || ', ' ||
       pg_size_pretty((avg((rss_after - rss_before) * 1024) FILTER (WHERE shared))::int8) || ' against ' ||
       pg_size_pretty((avg(ctx_bytes) FILTER (WHERE NOT shared))::int8) || ', ' ||
       pg_size_pretty((avg((rss_after - rss_before) * 1024) FILTER (WHERE NOT shared))::int8),
       '<= 2 MB',
       CASE WHEN avg(greatest(ctx_bytes, (rss_after - rss_before) * 1024)) FILTER (WHERE shared) <= 2 * 1024 * 1024
            THEN 'yes' ELSE 'NO' END
FROM ac_conn;

-- a parallel plan over 10^6 HRIS rows (k = 1, memoize off): serial, two
-- workers and the leader mapping the image, the same building a private
-- index each (each timed once, no warm-up)
DROP TABLE IF EXISTS ba_hris;
CREATE TABLE ba_hris AS
SELECT i AS id, t.title
FROM generate_series(1, 1000000) i
JOIN ba_title t ON t.id = 1 + (i::int8 * 7919) % 100000;
ANALYZE ba_hris;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
\o /dev/null
SET max_parallel_workers_per_gather = 0;
SELECT bench.time('autocode', 'parallel 10^6: serial',
  $$SELECT count(c.code) FROM ba_hris h CROSS JOIN LATERAL soc_autocode(h.title, 1) c$$, 1, false);
SET max_parallel_workers_per_gather = 2;
SELECT bench.time('autocode', 'parallel 10^6: 2 workers, shared image',
  $$SELECT count(c.code) FROM ba_hris h CROSS JOIN LATERAL soc_autocode(h.title, 1) c$$, 1, false);
SET roleext.autocode_shared = off;
SELECT bench.time('autocode', 'parallel 10^6: 2 workers, private indexes',
  $$SELECT count(c.code) FROM ba_hris h CROSS JOIN LATERAL soc_autocode(h.title, 1) c$$, 1, false);
RESET roleext.autocode_shared;
\o
SELECT * FROM bench.compare('autocode', 'parallel 10^6: 2 workers, shared image', 'parallel 10^6: serial',
                            1, 'a parallel plan over 10^6 rows beats the serial one');
SELECT * FROM bench.compare('autocode', 'parallel 10^6: 2 workers, shared image',
                            'parallel 10^6: 2 workers, private indexes',
                            1, 'workers that map the image beat workers that build their own');

DROP TABLE ba_title, ba_trgm, ba_hris;
