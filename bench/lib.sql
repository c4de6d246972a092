-- Benchmark helpers, loaded at the top of every bench/*.sql (\i bench/lib.sql).
-- bench.time() runs a query several times and keeps its best time;
-- bench.compare() prints a subject against its baseline from the same run,
-- the ratio, and whether the issue's goal is met.
\set ON_ERROR_STOP true
\pset pager off
SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS bench;
CREATE TABLE IF NOT EXISTS bench.result (bench text, variant text, ms float8, bytes int8,
                                         PRIMARY KEY (bench, variant));
SET search_path = public, roleext;
SET jit = off;

-- Run q reps times (after one warm-up run, unless warmup is false) and
-- record the best time in ms.
DROP FUNCTION IF EXISTS bench.time(text, text, text, int);
CREATE OR REPLACE FUNCTION bench.time(b text, v text, q text, reps int DEFAULT 3, warmup boolean DEFAULT true)
RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz; best float8 := 'Infinity'; ms float8;
BEGIN
  IF warmup THEN
    EXECUTE q;
  END IF;
  FOR i IN 1 .. reps LOOP
    t0 := clock_timestamp();
    EXECUTE q;
    ms := 1000 * extract(epoch FROM clock_timestamp() - t0);
    best := least(best, ms);
  END LOOP;
  INSERT INTO bench.result AS r (bench, variant, ms) VALUES (b, v, best)
    ON CONFLICT ON CONSTRAINT result_pkey DO UPDATE SET ms = excluded.ms;
  RETURN best;
END $$;

-- Record a size in bytes (a table or an index).
CREATE OR REPLACE FUNCTION bench.size(b text, v text, nbytes int8)
RETURNS int8 LANGUAGE sql AS $$
  INSERT INTO bench.result (bench, variant, bytes) VALUES (b, v, nbytes)
    ON CONFLICT (bench, variant) DO UPDATE SET bytes = excluded.bytes
  RETURNING bytes;
$$;

-- One line comparing subject with baseline in bench b.  ratio is
-- subject/baseline (times, or sizes when kind = 'size'); the goal holds
-- when ratio <= max_ratio.  goal says it in words.
CREATE OR REPLACE FUNCTION bench.compare(b text, subject text, baseline text,
                                         max_ratio float8, goal text, kind text DEFAULT 'time')
RETURNS TABLE (bench text, subject text, baseline text, subject_val text, baseline_val text,
               ratio text, goal text, met text)
LANGUAGE sql AS $$
  WITH s AS (SELECT * FROM bench.result r WHERE r.bench = b AND r.variant = subject),
       t AS (SELECT * FROM bench.result r WHERE r.bench = b AND r.variant = baseline)
  SELECT b, subject, baseline,
         CASE kind WHEN 'size' THEN pg_size_pretty(s.bytes) ELSE round(s.ms::numeric, 1) || ' ms' END,
         CASE kind WHEN 'size' THEN pg_size_pretty(t.bytes) ELSE round(t.ms::numeric, 1) || ' ms' END,
         CASE kind WHEN 'size' THEN round((s.bytes::float8 / t.bytes)::numeric, 3)::text
              ELSE round((s.ms / t.ms)::numeric, 3)::text
                   || ' (' || round((t.ms / s.ms)::numeric, 2) || 'x faster)' END,
         goal,
         CASE WHEN (CASE kind WHEN 'size' THEN s.bytes::float8 / t.bytes ELSE s.ms / t.ms END) <= max_ratio
              THEN 'yes' ELSE 'NO' END
  FROM s, t;
$$;
