-- make eval: soc_autocode on titles its dictionary has never seen, against
-- the plain pg_trgm approach, in one run on one split (doc/autocode.md).
--
-- The development split: every distinct alternate title t (compared
-- lower-cased) with substr(md5(lower(t)), 1, 8) < '33333333', about 20% of
-- them (the split `make eval-offline` uses too).  Inside one transaction,
-- which is rolled back at the end, their rows leave title_dictionary (the
-- statement trigger invalidates the index, so the next call rebuilds it
-- without them), and every held-out title is coded, as written and as a
-- messy HRIS variant (abbreviations, a level word, noise, case; made
-- deterministically from the title's md5).  A prediction counts at a level
-- (detailed 6-digit SOC, broad, minor, major) when its group at that level
-- is the group of any code the title is listed under.  Both approaches run
-- on one core (no parallel workers) so that titles/s compare.
--
-- The pg_trgm approach: the remaining dictionary titles (alternate titles,
-- O*NET-SOC and SOC titles) in a table with a GiST gist_trgm_ops index;
-- the nearest title by <-> gives the code, the distinct codes of the 20
-- nearest titles the top 5, 1 - distance the score.

\set ON_ERROR_STOP 1
\pset pager off
\pset footer off
SET client_min_messages = warning;
SET search_path = roleext, public;
SET max_parallel_workers_per_gather = 0;
SET jit = off;
BEGIN;

-- the held-out titles and the codes each is listed under
CREATE TEMP TABLE dev AS
SELECT lower(d.title) AS lt, (array_agg(d.title ORDER BY d.code, d.title))[1] AS title,
       array_agg(DISTINCT d.code ORDER BY d.code) AS codes
FROM title_dictionary d
WHERE d.source = 'onet_alternate' AND substr(md5(lower(d.title)), 1, 8) < '33333333'
GROUP BY lower(d.title);
-- psql -v sample=N: a quick run on N of them (the figures then are not the record)
\if :{?sample}
DELETE FROM dev WHERE lt NOT IN (SELECT lt FROM dev ORDER BY md5(lt) LIMIT :sample);
\endif
ANALYZE dev;

-- a deterministic pseudo-random number for decision n about title lt
CREATE FUNCTION pg_temp.rnd(lt text, n int) RETURNS int LANGUAGE sql IMMUTABLE
  RETURN ('x' || substr(md5(lt || '#' || n), 1, 7))::bit(28)::int;

-- a messy HRIS variant of a title
CREATE FUNCTION pg_temp.messy(title text, lt text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  abbr constant text[] := ARRAY['senior', 'Sr.', 'manager', 'Mgr', 'engineer', 'Eng', 'assistant', 'Asst',
    'technician', 'Tech', 'administrator', 'Admin', 'associate', 'Assoc', 'director', 'Dir',
    'coordinator', 'Coord', 'representative', 'Rep', 'specialist', 'Spec', 'supervisor', 'Supv',
    'customer', 'Cust', 'service', 'Svc', 'executive', 'Exec', 'operations', 'Ops',
    'developer', 'Dev', 'junior', 'Jr'];
  out text := '';
  piece text;
  repl text;
  i int := 0;
  mode int;
BEGIN
  IF pg_temp.rnd(lt, 0) % 100 < 40 THEN
    out := (ARRAY['Sr. ', 'Senior ', 'Jr ', 'Junior ', 'SR '])[1 + pg_temp.rnd(lt, 1) % 5];
  END IF;
  FOR piece IN SELECT m[1] FROM regexp_matches(title, '[A-Za-z]+|[^A-Za-z]+', 'g') m LOOP
    i := i + 1;
    repl := NULL;
    FOR j IN 1 .. array_length(abbr, 1) / 2 LOOP
      IF lower(piece) = abbr[2 * j - 1] AND pg_temp.rnd(lt, 100 + i) % 100 < 75 THEN
        repl := abbr[2 * j];
      END IF;
    END LOOP;
    out := out || coalesce(repl, piece);
  END LOOP;
  IF pg_temp.rnd(lt, 2) % 100 < 25 THEN
    out := out || (ARRAY[' II', ' III', ' IV', ' - Senior'])[1 + pg_temp.rnd(lt, 3) % 4];
  END IF;
  mode := pg_temp.rnd(lt, 4) % 100;
  IF mode < 45 THEN
    out := out || (ARRAY[' (Remote)', ' - Remote', ' (Contract)', ' - Hybrid', ' (Part Time)',
                         ' - Full Time', ' (Temp)', ' - Onsite'])[1 + pg_temp.rnd(lt, 5) % 8];
  ELSIF mode < 65 THEN
    out := out || ' - Req #' || (10000 + pg_temp.rnd(lt, 6) % 90000);
  ELSIF mode < 75 THEN
    out := out || ' (Req ' || (100000 + pg_temp.rnd(lt, 6) % 900000) || ')';
  END IF;
  CASE pg_temp.rnd(lt, 7) % 3
    WHEN 0 THEN out := upper(out);
    WHEN 1 THEN out := lower(out);
    ELSE NULL;
  END CASE;
  RETURN out;
END $$;
ALTER TABLE dev ADD COLUMN messy text;
UPDATE dev SET messy = pg_temp.messy(title, lt);

-- the dictionary without them: the trigger drops the cached index
DELETE FROM title_dictionary d USING dev
WHERE d.source = 'onet_alternate' AND lower(d.title) = dev.lt;

CREATE TEMP TABLE results (approach text, variant text, lt text, rank int, code soccode, score float8,
                           needs_review boolean);
CREATE TEMP TABLE timing (approach text, variant text, seconds float8);
CREATE TEMP TABLE mark (t timestamptz);

-- soc_autocode: the first call rebuilds the index (timed apart)
INSERT INTO mark VALUES (clock_timestamp());
CREATE TEMP TABLE build AS SELECT * FROM soc_autocode_index();
INSERT INTO timing SELECT 'soc_autocode', 'index build', extract(epoch FROM clock_timestamp() - t) FROM mark;

TRUNCATE mark; INSERT INTO mark VALUES (clock_timestamp());
INSERT INTO results
SELECT 'soc_autocode', 'clean', d.lt, c.rank, c.code, c.score::float8, c.needs_review
FROM dev d CROSS JOIN LATERAL soc_autocode(d.title, 5) WITH ORDINALITY c(code, title, score, band, matched, needs_review, rank);
INSERT INTO timing SELECT 'soc_autocode', 'clean', extract(epoch FROM clock_timestamp() - t) FROM mark;

TRUNCATE mark; INSERT INTO mark VALUES (clock_timestamp());
INSERT INTO results
SELECT 'soc_autocode', 'messy', d.lt, c.rank, c.code, c.score::float8, c.needs_review
FROM dev d CROSS JOIN LATERAL soc_autocode(d.messy, 5) WITH ORDINALITY c(code, title, score, band, matched, needs_review, rank);
INSERT INTO timing SELECT 'soc_autocode', 'messy', extract(epoch FROM clock_timestamp() - t) FROM mark;

-- the plain pg_trgm approach
CREATE TEMP TABLE trgm_dict AS
SELECT title, code FROM title_dictionary WHERE source IN ('onet_alternate', 'onet_title', 'soc_title');
CREATE INDEX ON trgm_dict USING gist (title gist_trgm_ops);
ANALYZE trgm_dict;

-- the review rule for pg_trgm too: best similarity below 0.30 or the top two within 0.10
CREATE FUNCTION pg_temp.trgm_code(q text)
RETURNS TABLE (rank int, code soccode, score float8, needs_review boolean) LANGUAGE sql STABLE AS $$
  SELECT x.rank, x.code, x.score,
         first_value(x.score) OVER w < 0.30 OR first_value(x.score) OVER w - coalesce(nth_value(x.score, 2) OVER w, -1) < 0.10
  FROM (SELECT (row_number() OVER (ORDER BY g.dist, g.code))::int AS rank, g.code, 1 - g.dist AS score
        FROM (SELECT n.code, min(n.dist) AS dist
              FROM (SELECT t.code, t.title <-> q AS dist FROM trgm_dict t ORDER BY t.title <-> q LIMIT 20) n
              GROUP BY n.code) g
        ORDER BY g.dist, g.code
        LIMIT 5) x
  WINDOW w AS (ORDER BY x.rank ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
$$;

TRUNCATE mark; INSERT INTO mark VALUES (clock_timestamp());
INSERT INTO results
SELECT 'pg_trgm', 'clean', d.lt, x.rank, x.code, x.score, x.needs_review
FROM dev d CROSS JOIN LATERAL pg_temp.trgm_code(d.title) x;
INSERT INTO timing SELECT 'pg_trgm', 'clean', extract(epoch FROM clock_timestamp() - t) FROM mark;

TRUNCATE mark; INSERT INTO mark VALUES (clock_timestamp());
INSERT INTO results
SELECT 'pg_trgm', 'messy', d.lt, x.rank, x.code, x.score, x.needs_review
FROM dev d CROSS JOIN LATERAL pg_temp.trgm_code(d.messy) x;
INSERT INTO timing SELECT 'pg_trgm', 'messy', extract(epoch FROM clock_timestamp() - t) FROM mark;

ANALYZE results;

-- figures
CREATE TEMP TABLE hits AS
SELECT r.approach, r.variant, r.lt, r.rank, r.needs_review, l.level,
       EXISTS (SELECT 1 FROM unnest(d.codes) g WHERE soc_ancestor(g, l.level) = soc_ancestor(r.code, l.level)) AS ok
FROM results r JOIN dev d USING (lt)
CROSS JOIN (VALUES ('detailed'), ('broad'), ('minor'), ('major')) l(level);
ANALYZE hits;

CREATE TEMP TABLE figures AS
WITH n AS (SELECT count(*)::float8 AS n FROM dev),
runs AS (SELECT DISTINCT approach, variant FROM results),
per_title AS (
  SELECT approach, variant, lt, level,
         bool_or(ok AND rank = 1) AS top1, bool_or(ok) AS top5,
         bool_or(rank = 1 AND NOT needs_review) AS covered
  FROM hits GROUP BY approach, variant, lt, level)
SELECT p.approach, p.variant, p.level,
       round((100 * count(*) FILTER (WHERE top1) / n.n)::numeric, 1) AS top1,
       round((100 * count(*) FILTER (WHERE top5) / n.n)::numeric, 1) AS top5,
       round((100 * count(*) FILTER (WHERE covered) / n.n)::numeric, 1) AS coverage,
       round((100.0 * count(*) FILTER (WHERE covered AND top1) / nullif(count(*) FILTER (WHERE covered), 0))::numeric, 1)
         AS top1_covered
FROM per_title p, n GROUP BY p.approach, p.variant, p.level, n.n;

\echo
SELECT 'held-out titles' AS split, count(*) AS titles,
       (SELECT count(*) FROM dev WHERE lower(messy) <> lt) AS messy_variants_differing,
       (SELECT entries FROM build) AS dictionary_entries,
       (SELECT round(build_ms::numeric) FROM build) AS index_build_ms
FROM dev;

\echo
\echo 'Accuracy on the held-out titles (%), coverage = share not flagged needs_review, titles/s on one core'
SELECT f.approach || CASE f.variant WHEN 'messy' THEN ', messy variants' ELSE '' END AS run,
       max(f.top1) FILTER (WHERE level = 'detailed') AS "top-1 detailed",
       max(f.top1) FILTER (WHERE level = 'broad') AS "top-1 broad",
       max(f.top1) FILTER (WHERE level = 'minor') AS "top-1 minor",
       max(f.top1) FILTER (WHERE level = 'major') AS "top-1 major",
       max(f.top5) FILTER (WHERE level = 'detailed') AS "top-5 detailed",
       max(f.top5) FILTER (WHERE level = 'major') AS "top-5 major",
       max(f.coverage) FILTER (WHERE level = 'detailed') AS coverage,
       max(f.top1_covered) FILTER (WHERE level = 'detailed') AS "top-1 detailed in coverage",
       max(f.top1_covered) FILTER (WHERE level = 'major') AS "top-1 major in coverage",
       (SELECT round((count(*) / t.seconds)::numeric) FROM dev) AS "titles/s"
FROM figures f JOIN timing t ON t.approach = f.approach AND t.variant = f.variant
GROUP BY f.approach, f.variant, t.seconds
ORDER BY f.approach DESC, f.variant;

\echo
\echo 'Goals of issue #8 (on titles the dictionary has never seen)'
WITH a AS (SELECT * FROM figures WHERE approach = 'soc_autocode'),
speed AS (SELECT (SELECT seconds FROM timing WHERE approach = 'pg_trgm' AND variant = 'clean')
                 / (SELECT seconds FROM timing WHERE approach = 'soc_autocode' AND variant = 'clean') AS ratio)
SELECT goal, round(value::numeric, 1) AS value, target,
       CASE WHEN value >= target THEN 'met' ELSE 'short by ' || round((target - value)::numeric, 1) END AS verdict
FROM (
  SELECT 'top-1 detailed %' AS goal, (SELECT top1 FROM a WHERE variant = 'clean' AND level = 'detailed')::float8 AS value, 55 AS target
  UNION ALL SELECT 'top-1 major %', (SELECT top1 FROM a WHERE variant = 'clean' AND level = 'major'), 85
  UNION ALL SELECT 'top-5 detailed %', (SELECT top5 FROM a WHERE variant = 'clean' AND level = 'detailed'), 75
  UNION ALL SELECT 'throughput, x pg_trgm', (SELECT ratio FROM speed), 20
  UNION ALL SELECT 'messy variants: top-1 detailed %, at least clean - 10',
    (SELECT top1 FROM a WHERE variant = 'messy' AND level = 'detailed'),
    (SELECT top1 - 10 FROM a WHERE variant = 'clean' AND level = 'detailed')
) g;

ROLLBACK;
