-- make eval: soc_autocode on titles its dictionary has never seen, against
-- the plain pg_trgm approach, in one run on one split (doc/autocode.md).
--
-- The development split: every distinct alternate title t (compared
-- lower-cased) with substr(md5(lower(t)), 1, 8) < '33333333', about 20% of
-- them (the split `make eval-offline` uses too), itself cut in two halves by
-- the 9th hex digit of the same md5: 0-7 the tuning half (every choice of
-- the engine was made there, offline), 8-f the test half (reported here and
-- looked at once).  Inside one transaction, which is rolled back at the
-- end, their rows leave title_dictionary (the statement trigger invalidates
-- the index, so the next call rebuilds it without them), and every held-out
-- title is coded as written, as a messy HRIS variant and in six styles
-- (inverted, qualifier, truncated, typo, glued, upper case with a
-- requisition number).  The variants are made by eval/eval_slices.c and
-- eval/eval_messy.c (`eval_autocode --dump-slices`, run by eval/run.sh:
-- one generator for the SQL and the C evaluation) and read by the server
-- (COPY: a superuser, as in make eval's cluster) from the CSV file named by
-- the psql variable `slices`.  A prediction counts at a level
-- (detailed 6-digit SOC, broad, minor, major) when its group at that level
-- is the group of any code the title is listed under.  Both approaches run
-- on one core (no parallel workers) so that titles/s compare.
--
-- The pg_trgm approach: the remaining dictionary titles (alternate titles,
-- O*NET-SOC and SOC titles) in a table with a GiST gist_trgm_ops index;
-- the nearest title by <-> gives the code, the distinct codes of the 20
-- nearest titles the top 5, 1 - distance the score.  It codes every title
-- clean and messy, and the test half of the style slices.

\set ON_ERROR_STOP 1
-- psql -v half=tune: report the tuning half instead of the test half (for trying the script out)
\if :{?half}
\else
\set half test
\endif
\pset pager off
\pset footer off
SET client_min_messages = warning;
SET search_path = roleext, public;
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SELECT set_config('eval.half', :'half', false) \gset
BEGIN;

-- the held-out titles and the codes each is listed under
CREATE TEMP TABLE dev AS
SELECT lower(d.title) AS lt, (array_agg(d.title ORDER BY d.code, d.title))[1] AS title,
       array_agg(DISTINCT d.code ORDER BY d.code) AS codes,
       CASE WHEN substr(md5(lower(d.title)), 9, 1) COLLATE "C" < '8' THEN 'tune' ELSE 'test' END AS half
FROM title_dictionary d
WHERE d.source = 'onet_alternate' AND substr(md5(lower(d.title)), 1, 8) < '33333333'
GROUP BY lower(d.title);

-- every title's variant in every slice (eval_autocode --dump-slices)
CREATE TEMP TABLE variants (slice text, half text, lt text, q text);
COPY variants FROM :'slices' WITH (FORMAT csv);
-- psql -v sample=N: a quick run on N of the titles (the figures then are not the record)
\if :{?sample}
DELETE FROM dev WHERE lt NOT IN (SELECT lt FROM dev ORDER BY md5(lt) LIMIT :sample);
\endif
DELETE FROM variants v WHERE NOT EXISTS (SELECT 1 FROM dev d WHERE d.lt = v.lt);
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM variants v JOIN dev d USING (lt) WHERE v.half <> d.half)
     OR (SELECT count(*) FROM variants WHERE slice = 'clean') <> (SELECT count(*) FROM dev) THEN
    RAISE EXCEPTION 'the slices file does not match the development split';
  END IF;
END $$;
ANALYZE dev;
ANALYZE variants;

-- the dictionary without them: the trigger drops the cached index
DELETE FROM title_dictionary d USING dev
WHERE d.source = 'onet_alternate' AND lower(d.title) = dev.lt;

CREATE TEMP TABLE results (approach text, slice text, lt text, rank int, code soccode, score float8,
                           needs_review boolean);
CREATE TEMP TABLE timing (approach text, slice text, seconds float8);
CREATE TEMP TABLE mark (t timestamptz);

-- soc_autocode: the first call rebuilds the index (timed apart); then each slice, timed
INSERT INTO mark VALUES (clock_timestamp());
CREATE TEMP TABLE build AS SELECT * FROM soc_autocode_index();
INSERT INTO timing SELECT 'soc_autocode', 'index build', extract(epoch FROM clock_timestamp() - t) FROM mark;

CREATE FUNCTION pg_temp.code_soc(s text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz := clock_timestamp();
BEGIN
  INSERT INTO results
  SELECT 'soc_autocode', v.slice, v.lt, c.rank, c.code, c.score::float8, c.needs_review
  FROM variants v
  CROSS JOIN LATERAL soc_autocode(v.q, 5) WITH ORDINALITY c(code, title, score, band, matched, needs_review, rank)
  WHERE v.slice = s;
  INSERT INTO timing VALUES ('soc_autocode', s, extract(epoch FROM clock_timestamp() - t0));
END $$;
DO $$ DECLARE s text; BEGIN FOR s IN SELECT DISTINCT slice FROM variants ORDER BY 1 LOOP PERFORM pg_temp.code_soc(s); END LOOP; END $$;

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

CREATE FUNCTION pg_temp.code_trgm(s text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz := clock_timestamp();
BEGIN
  INSERT INTO results
  SELECT 'pg_trgm', v.slice, v.lt, x.rank, x.code, x.score, x.needs_review
  FROM variants v CROSS JOIN LATERAL pg_temp.trgm_code(v.q) x
  WHERE v.slice = s AND (s IN ('clean', 'messy') OR v.half = current_setting('eval.half'));
  INSERT INTO timing VALUES ('pg_trgm', s, extract(epoch FROM clock_timestamp() - t0));
END $$;
DO $$ DECLARE s text; BEGIN FOR s IN SELECT DISTINCT slice FROM variants ORDER BY 1 LOOP PERFORM pg_temp.code_trgm(s); END LOOP; END $$;
ANALYZE results;

-- each coded title: right at each level at rank 1 and in the top 5, covered, top-1 score
CREATE TEMP TABLE outcome AS
SELECT a.approach, v.slice, v.half, v.lt, l.level,
       coalesce(bool_or(r.rank = 1 AND ok.ok), false) AS top1,
       coalesce(bool_or(ok.ok), false) AS top5,
       coalesce(bool_or(r.rank = 1 AND NOT r.needs_review), false) AS covered,
       coalesce(max(r.score) FILTER (WHERE r.rank = 1), 0) AS score
FROM variants v
CROSS JOIN (VALUES ('soc_autocode'), ('pg_trgm')) a(approach)
CROSS JOIN (VALUES ('detailed'), ('broad'), ('minor'), ('major')) l(level)
JOIN dev d ON d.lt = v.lt
LEFT JOIN results r ON r.approach = a.approach AND r.slice = v.slice AND r.lt = v.lt
LEFT JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM unnest(d.codes) g
                                  WHERE soc_ancestor(g, l.level) = soc_ancestor(r.code, l.level)) AS ok) ok ON true
WHERE a.approach = 'soc_autocode' OR v.slice IN ('clean', 'messy') OR v.half = :'half'
GROUP BY a.approach, v.slice, v.half, v.lt, l.level;
ANALYZE outcome;

\echo
SELECT 'held-out titles' AS split, count(*) AS titles, count(*) FILTER (WHERE half = 'test') AS "test half",
       (SELECT count(*) FROM variants WHERE slice = 'messy' AND lower(q) <> lt) AS messy_variants_differing,
       (SELECT entries FROM build) AS dictionary_entries,
       (SELECT round(build_ms::numeric) FROM build) AS index_build_ms
FROM dev;

-- accuracy, coverage and speed of a set of titles (half: 'all' or 'test')
CREATE FUNCTION pg_temp.figures(h text) RETURNS TABLE (run text, "top-1 detailed" numeric, "top-1 broad" numeric,
  "top-1 minor" numeric, "top-1 major" numeric, "top-5 detailed" numeric, "top-5 major" numeric,
  coverage numeric, "top-1 detailed in coverage" numeric, "top-1 major in coverage" numeric, "titles/s" numeric)
LANGUAGE sql AS $$
  SELECT o.approach || CASE o.slice WHEN 'messy' THEN ', messy variants' ELSE '' END,
         round(100.0 * avg(o.top1::int) FILTER (WHERE level = 'detailed'), 1),
         round(100.0 * avg(o.top1::int) FILTER (WHERE level = 'broad'), 1),
         round(100.0 * avg(o.top1::int) FILTER (WHERE level = 'minor'), 1),
         round(100.0 * avg(o.top1::int) FILTER (WHERE level = 'major'), 1),
         round(100.0 * avg(o.top5::int) FILTER (WHERE level = 'detailed'), 1),
         round(100.0 * avg(o.top5::int) FILTER (WHERE level = 'major'), 1),
         round(100.0 * avg(o.covered::int) FILTER (WHERE level = 'detailed'), 1),
         round(100.0 * avg(o.top1::int) FILTER (WHERE level = 'detailed' AND o.covered), 1),
         round(100.0 * avg(o.top1::int) FILTER (WHERE level = 'major' AND o.covered), 1),
         (SELECT round(((SELECT count(*) FROM variants v WHERE v.slice = o.slice) / t.seconds)::numeric)
          FROM timing t WHERE t.approach = o.approach AND t.slice = o.slice)
  FROM outcome o
  WHERE o.slice IN ('clean', 'messy') AND (h = 'all' OR o.half = h)
  GROUP BY o.approach, o.slice
  ORDER BY o.approach DESC, o.slice
$$;

\echo
\echo 'All held-out titles (%), coverage = share not flagged needs_review, titles/s on one core (all titles)'
SELECT * FROM pg_temp.figures('all');

\echo
\echo 'The' :half 'half (%): the record'
SELECT * FROM pg_temp.figures(:'half');

-- the slices on the test half: each against the clean titles of the same subset, and against pg_trgm
CREATE TEMP TABLE slice_figures AS
WITH per AS (
  SELECT s.slice, s.lt,
         bool_or(s.top1) FILTER (WHERE s.level = 'detailed') AS soc,
         bool_or(s.top1) FILTER (WHERE s.level = 'major') AS soc_major,
         bool_or(s.top5) FILTER (WHERE s.level = 'detailed') AS soc5,
         bool_or(c.top1) FILTER (WHERE c.level = 'detailed') AS clean,
         bool_or(t.top1) FILTER (WHERE t.level = 'detailed') AS trgm,
         bool_or(tc.top1) FILTER (WHERE tc.level = 'detailed') AS trgm_clean
  FROM outcome s
  JOIN outcome c ON c.approach = 'soc_autocode' AND c.slice = 'clean' AND c.lt = s.lt AND c.level = s.level
  JOIN outcome t ON t.approach = 'pg_trgm' AND t.slice = s.slice AND t.lt = s.lt AND t.level = s.level
  JOIN outcome tc ON tc.approach = 'pg_trgm' AND tc.slice = 'clean' AND tc.lt = s.lt AND tc.level = s.level
  WHERE s.approach = 'soc_autocode' AND s.half = :'half'
  GROUP BY s.slice, s.lt)
SELECT slice, count(*) AS titles,
       round(100.0 * avg(soc::int), 1) AS "soc_autocode",
       round(100.0 * avg(soc_major::int), 1) AS "major",
       round(100.0 * avg(soc5::int), 1) AS "top-5",
       round(100.0 * avg(clean::int), 1) AS "clean, same titles",
       round(100.0 * (avg(soc::int) - avg(clean::int)), 1) AS "against clean",
       round(100.0 * avg(trgm::int), 1) AS "pg_trgm",
       round(100.0 * avg(trgm_clean::int), 1) AS "pg_trgm clean",
       round(100.0 * (avg(soc::int) - avg(trgm::int)), 1) AS "lead over pg_trgm",
       round(100.0 * avg((trgm AND NOT soc)::int), 1) AS "pg_trgm alone right"
FROM per GROUP BY slice;

-- the reliability of soc_autocode's top-1 score by slice (test half)
CREATE TEMP TABLE reliability AS
SELECT slice, least(floor(score * 10), 9)::int AS bin, count(*) AS answers, avg(score)::numeric AS mean_score,
       avg(top1::int)::numeric AS share_right
FROM outcome
WHERE approach = 'soc_autocode' AND half = :'half' AND level = 'detailed'
GROUP BY slice, least(floor(score * 10), 9)::int;

\echo
\echo 'Style slices,' :half 'half: top-1 detailed % of soc_autocode (major, top-5), of the clean titles of the same'
\echo 'subset, of pg_trgm on the slice and on the clean subset; calibration of soc_autocode''s top-1 score'
SELECT f.*, c.ece, c.worst AS "worst bin (50+)"
FROM slice_figures f
JOIN (SELECT slice, round(sum(answers * abs(share_right - mean_score)) / sum(answers), 3) AS ece,
             round(max(abs(share_right - mean_score)) FILTER (WHERE answers >= 50), 3) AS worst
      FROM reliability GROUP BY slice) c USING (slice)
ORDER BY array_position(ARRAY['clean', 'messy', 'inverted', 'qualifier', 'truncated', 'typo', 'glued', 'upper_req'],
                        f.slice);

\echo
\echo 'Reliability,' :half 'half: top-1 score bin: answers, mean score, share right'
SELECT slice, string_agg(format('%s: %s %s %s', round(bin / 10.0, 1), answers, round(mean_score, 2),
                                round(share_right, 2)), '; ' ORDER BY bin) AS bins
FROM reliability
GROUP BY slice
ORDER BY array_position(ARRAY['clean', 'messy', 'inverted', 'qualifier', 'truncated', 'typo', 'glued', 'upper_req'],
                        slice);

\echo
\echo 'Goals (the' :half 'half; throughput on all titles)'
WITH a AS (SELECT * FROM pg_temp.figures(:'half') WHERE run = 'soc_autocode'),
speed AS (SELECT (SELECT seconds FROM timing WHERE approach = 'pg_trgm' AND slice = 'clean')
                 / (SELECT seconds FROM timing WHERE approach = 'soc_autocode' AND slice = 'clean') AS ratio),
worst AS (SELECT min("against clean") AS against_clean, min("lead over pg_trgm") AS lead
          FROM slice_figures WHERE slice NOT IN ('clean', 'messy')),
calib AS (SELECT max(abs(share_right - mean_score)) AS gap FROM reliability WHERE answers >= 50)
SELECT goal, round(value::numeric, 2) AS value, target,
       CASE WHEN value >= target THEN 'met' ELSE 'short by ' || round((target - value)::numeric, 2) END AS verdict
FROM (
  SELECT 'top-1 detailed %' AS goal, (SELECT "top-1 detailed" FROM a)::float8 AS value, 62 AS target
  UNION ALL SELECT 'top-1 major %', (SELECT "top-1 major" FROM a), 85
  UNION ALL SELECT 'top-5 detailed %', (SELECT "top-5 detailed" FROM a), 85
  UNION ALL SELECT 'throughput, x pg_trgm', (SELECT ratio FROM speed), 300
  UNION ALL SELECT 'every style slice against its clean titles, points (at least -5)',
    (SELECT against_clean FROM worst), -5
  UNION ALL SELECT 'every style slice ahead of pg_trgm, points (at least 5)', (SELECT lead FROM worst), 5
  UNION ALL SELECT 'calibration: largest gap of a bin of 50+ answers (at most 0.05), negated',
    -(SELECT gap FROM calib), -0.05
) g;

ROLLBACK;
