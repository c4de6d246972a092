-- make eval-resolve: resolve_title on the SOC-derived taxonomy, against the
-- nearest alias by pg_trgm and soc_autocode, on the same held-out titles in
-- the same run (doc/titles.md, "Measuring resolve_title").  Run by
-- eval/resolve_run.sh in a database of its own, as a superuser (it reads
-- the files it is given with pg_read_file and COPY).
--
-- psql variables:
--   cards   the SOC-derived taxonomy's role cards, one JSON array
--           (eval/resolve_taxonomy.py soc): 867 roles at P2, aliases from
--           the training split
--   slices  every held-out title in every style slice
--           (eval_autocode --dump-slices, as make eval reads it)
--   titles  how many held-out titles are coded (default 1500), each in
--           every slice it is in; the same titles for every method
--   half    test (default; the record) or tune: the half of the
--           development split the titles come from (doc/autocode.md)
--
-- The development split is make eval's: every distinct O*NET alternate
-- title t (lower-cased) with substr(md5(lower(t)), 1, 8) < '33333333'; none
-- of them is an alias of the taxonomy, and their rows leave
-- title_dictionary here, so soc_autocode has not seen them either.  The
-- titles are the first `titles` of the half by md5('resolve#' || t): a
-- fixed choice, the same on every run.  A title is listed under one or
-- more O*NET-SOC codes; an answer is right when its SOC 2018 detailed
-- occupation is the detailed occupation of any of them (for resolve_title
-- and pg_trgm: the occupation the role is mapped to).
--
-- The control slice `exact` holds role titles as written (the SOC titles,
-- which are also official aliases): all three methods should get nearly
-- all of them right; it checks the pipeline, not an engine.
--
-- Methods, one core each (no parallel workers, JIT off), top-1 only:
--   resolve_title(q, 1)
--   pg_trgm: the role of the nearest alias by <-> between the stored
--            normalized alias (role_alias.alias_norm, its GiST trigram
--            index) and title_normalize(q); ties broken by the alias, then
--            the role, among the nearest 50 by the index (at most 36 roles
--            share an alias), so that the answer does not depend on the
--            index's layout
--   soc_autocode(q, 1), its index built before the clock starts
-- needs_review is read from resolve_title and soc_autocode (no answer counts
-- as flagged); the plain pg_trgm approach has no review flag.
\set ON_ERROR_STOP 1
\pset pager off
\pset footer off
\if :{?titles}
\else
\set titles 1500
\endif
\if :{?half}
\else
\set half test
\endif
SET client_min_messages = warning;
SET search_path = roleext, public;
SET max_parallel_workers_per_gather = 0;
SET jit = off;

-- 1. the taxonomy, imported as a user would
SELECT clock_timestamp() AS t0 \gset
SELECT count(*) AS cards_imported FROM import_role_cards(pg_read_file(:'cards')::jsonb) \gset
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 1) AS import_s \gset
VACUUM ANALYZE role;
VACUUM ANALYZE role_alias;
VACUUM ANALYZE taxonomy;
VACUUM ANALYZE mapping;

-- each role's occupation: its own SOC 2018 mapping
CREATE TEMP TABLE role_occ AS
SELECT m.role, m.soc AS occ FROM mapping m WHERE m.role IS NOT NULL AND m.scheme = 'soc2018';
CREATE UNIQUE INDEX ON role_occ (role);
ANALYZE role_occ;

-- 2. the held-out titles and the detailed occupations each is listed under
CREATE TEMP TABLE dev AS
SELECT lower(d.title) AS lt, array_agg(DISTINCT soc_ancestor(d.code, 'detailed')) AS occs,
       CASE WHEN substr(md5(lower(d.title)), 9, 1) COLLATE "C" < '8' THEN 'tune' ELSE 'test' END AS half
FROM title_dictionary d
WHERE d.source = 'onet_alternate' AND substr(md5(lower(d.title)), 1, 8) < '33333333'
GROUP BY lower(d.title);
ANALYZE dev;

DO $$
BEGIN
  -- a count, not EXISTS: the planner would nest the loop to stop early, and never does
  IF (SELECT count(*) FROM role_alias a JOIN dev ON dev.lt = lower(a.alias) WHERE a.alias_type = 'common') > 0 THEN
    RAISE EXCEPTION 'a held-out title is an alias of the taxonomy: the cards are not of the training split';
  END IF;
END $$;

-- soc_autocode without them: the statement trigger drops the cached index
DELETE FROM title_dictionary d USING dev
WHERE d.source = 'onet_alternate' AND lower(d.title) = dev.lt;
VACUUM ANALYZE title_dictionary;

CREATE TEMP TABLE pick AS
SELECT lt, occs FROM dev WHERE half = :'half' ORDER BY md5('resolve#' || lt) LIMIT :titles;

-- every picked title in every slice it is in, and the control slice
CREATE TEMP TABLE variants (slice text, half text, lt text, q text);
COPY variants FROM :'slices' WITH (FORMAT csv);
CREATE TEMP TABLE item AS
SELECT v.slice, v.lt, v.q, p.occs FROM variants v JOIN pick p USING (lt)
UNION ALL
SELECT 'exact', lower(r.title), r.title, ARRAY[o.occ]
FROM (SELECT code, title FROM role ORDER BY md5('resolve#' || title) LIMIT :titles) r
JOIN role_occ o ON o.role = r.code;
DO $$
BEGIN
  IF (SELECT count(*) FROM item WHERE slice = 'clean') <> (SELECT count(*) FROM pick) THEN
    RAISE EXCEPTION 'the slices file does not match the development split';
  END IF;
END $$;
ANALYZE item;

-- 3. each method over each slice, timed
CREATE TEMP TABLE answer (method text, slice text, lt text, occ soccode, needs_review boolean);
CREATE TEMP TABLE timing (method text, slice text, titles int, seconds float8);

SELECT entries AS dictionary_entries, round(build_ms::numeric) AS autocode_index_ms FROM soc_autocode_index() \gset

CREATE FUNCTION pg_temp.run(m text, s text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz := clock_timestamp();
BEGIN
  IF m = 'resolve_title' THEN
    INSERT INTO answer
    SELECT m, i.slice, i.lt, o.occ, r.needs_review
    FROM item i CROSS JOIN LATERAL resolve_title(i.q, 1) r LEFT JOIN role_occ o ON o.role = r.role
    WHERE i.slice = s;
  ELSIF m = 'pg_trgm' THEN
    INSERT INTO answer
    SELECT m, i.slice, i.lt, o.occ, NULL
    FROM item i
    CROSS JOIN LATERAL (SELECT title_normalize(i.q) AS norm) t
    LEFT JOIN LATERAL (SELECT n.role
                       FROM (SELECT a.role, a.alias_norm, a.alias_norm <-> t.norm AS d FROM role_alias a
                             ORDER BY a.alias_norm <-> t.norm LIMIT 50) n
                       ORDER BY n.d, n.alias_norm COLLATE "C", n.role LIMIT 1) n ON true
    LEFT JOIN role_occ o ON o.role = n.role
    WHERE i.slice = s;
  ELSE
    INSERT INTO answer
    SELECT m, i.slice, i.lt, soc_ancestor(c.code, 'detailed'), coalesce(c.needs_review, true)
    FROM item i LEFT JOIN LATERAL soc_autocode(i.q, 1) c ON true
    WHERE i.slice = s;
  END IF;
  INSERT INTO timing
  VALUES (m, s, (SELECT count(*) FROM item WHERE slice = s), extract(epoch FROM clock_timestamp() - t0));
END $$;

SELECT clock_timestamp() AS t1 \gset
DO $$
DECLARE s text; m text;
BEGIN
  FOR s IN SELECT DISTINCT slice FROM item ORDER BY 1 LOOP
    FOREACH m IN ARRAY ARRAY['resolve_title', 'pg_trgm', 'soc_autocode'] LOOP
      PERFORM pg_temp.run(m, s);
    END LOOP;
  END LOOP;
END $$;
SELECT round(extract(epoch FROM clock_timestamp() - :'t1'::timestamptz)::numeric) AS coding_s \gset

CREATE TEMP TABLE outcome AS
SELECT a.method, a.slice, a.lt, coalesce(a.occ = ANY (i.occs), false) AS right_, a.needs_review, a.occ IS NULL AS none
FROM answer a JOIN item i USING (slice, lt);
ANALYZE outcome;

-- 4. the figures
\echo
SELECT :cards_imported AS roles, (SELECT count(*) FROM role_alias) AS aliases,
       (SELECT count(*) FROM role_alias WHERE alias_type = 'common') AS "alternate-title aliases",
       (SELECT count(*) FROM taxonomy) AS nodes, :import_s AS "import s",
       (SELECT count(*) FROM dev) AS "held-out titles", :'half' AS half,
       (SELECT count(*) FROM pick) AS "titles coded", :dictionary_entries AS "autocode entries",
       :autocode_index_ms AS "autocode index ms", :coding_s AS "coding s";

CREATE TEMP TABLE figure AS
SELECT o.slice, count(*) / 3 AS titles,
       round(100.0 * avg(o.right_::int) FILTER (WHERE o.method = 'resolve_title'), 1) AS resolve,
       round(100.0 * avg(o.right_::int) FILTER (WHERE o.method = 'pg_trgm'), 1) AS trgm,
       round(100.0 * avg(o.right_::int) FILTER (WHERE o.method = 'soc_autocode'), 1) AS autocode,
       round(100.0 * avg((NOT o.needs_review)::int) FILTER (WHERE o.method = 'resolve_title'), 1) AS resolve_unflagged,
       round(100.0 * avg(o.right_::int) FILTER (WHERE o.method = 'resolve_title' AND NOT o.needs_review), 1)
         AS resolve_unflagged_right,
       round(100.0 * avg((NOT o.needs_review)::int) FILTER (WHERE o.method = 'soc_autocode'), 1) AS autocode_unflagged,
       round(100.0 * avg(o.right_::int) FILTER (WHERE o.method = 'soc_autocode' AND NOT o.needs_review), 1)
         AS autocode_unflagged_right,
       round(100.0 * avg(o.none::int) FILTER (WHERE o.method = 'resolve_title'), 1) AS resolve_none
FROM outcome o GROUP BY o.slice;

\echo 'Top-1 right (%): the role''s occupation (or the code''s) is one of the title''s; the same titles for'
\echo 'each method. unflagged: share with needs_review false; right: share of those right. none: no role.'
SELECT f.slice, f.titles, f.resolve AS "resolve_title", f.trgm AS "pg_trgm alias", f.autocode AS "soc_autocode",
       f.resolve - f.trgm AS "resolve - trgm", f.resolve - f.autocode AS "resolve - autocode",
       f.resolve_unflagged AS "resolve unflagged", f.resolve_unflagged_right AS "resolve right",
       f.autocode_unflagged AS "autocode unflagged", f.autocode_unflagged_right AS "autocode right",
       f.resolve_none AS "resolve none"
FROM figure f
ORDER BY array_position(ARRAY['exact', 'clean', 'messy', 'inverted', 'qualifier', 'truncated', 'typo', 'glued',
                              'upper_req'], f.slice);

\echo
\echo 'Titles a second, one core, the same titles (every slice but exact; exact alone)'
SELECT t.method, sum(t.titles) FILTER (WHERE t.slice <> 'exact') AS titles,
       round(sum(t.seconds) FILTER (WHERE t.slice <> 'exact')::numeric, 1) AS seconds,
       round((sum(t.titles) FILTER (WHERE t.slice <> 'exact') / sum(t.seconds) FILTER (WHERE t.slice <> 'exact'))::numeric, 1)
         AS "titles/s",
       round((sum(t.titles) FILTER (WHERE t.slice = 'exact') / sum(t.seconds) FILTER (WHERE t.slice = 'exact'))::numeric, 1)
         AS "titles/s, exact"
FROM timing t GROUP BY t.method
ORDER BY array_position(ARRAY['resolve_title', 'pg_trgm', 'soc_autocode'], t.method);

\echo
\echo 'Issue 20''s goals for make eval-resolve, on every slice but exact (the weakest slice counts)'
WITH f AS (SELECT * FROM figure WHERE slice <> 'exact'),
speed AS (SELECT sum(seconds) FILTER (WHERE method = 'pg_trgm' AND slice <> 'exact')
                 / sum(seconds) FILTER (WHERE method = 'resolve_title' AND slice <> 'exact') AS ratio
          FROM timing)
SELECT goal, value, target, CASE WHEN value >= target THEN 'met' ELSE 'short by ' || (target - value) END AS verdict
FROM (
  SELECT 'top-1 points above the nearest pg_trgm alias' AS goal, (SELECT min(resolve - trgm) FROM f) AS value, 10 AS target
  UNION ALL SELECT 'top-1 points above soc_autocode', (SELECT min(resolve - autocode) FROM f), 0
  UNION ALL SELECT 'unflagged answers right (%)', (SELECT min(resolve_unflagged_right) FROM f), 90
  UNION ALL SELECT 'throughput, x the nearest pg_trgm alias', (SELECT round(ratio::numeric, 2) FROM speed), 20
) g;

\echo
\echo 'The titles issue 20 quotes: what resolve_title answers (want: the occupation the title is listed under)'
SELECT u.title, u.want, o.occ::text AS got, (o.occ::text = u.want) AS "right", r.needs_review AS flagged,
       r.matched_alias, r.confidence
FROM (VALUES (1, 'GENERAL AND OPERATION MANAGER', '11-1021'), (2, 'Manager explosive ordnance', '47-5032'),
             (3, 'SAP ABAP DEVELOPER (HR)', '15-1252'), (4, 'IT CONSULTANT-DATABASE ADMINISTRATOR', '15-1242'),
             (5, 'PROGRAM MANAGER (15-1199.09)', '15-1299'), (6, 'Dutch-speaking Nanny', '39-9011'),
             (7, 'CLINICAL FELLOW RADIOLOGY', '29-1224')) u(n, title, want)
CROSS JOIN LATERAL resolve_title(u.title, 1) r
LEFT JOIN role_occ o ON o.role = r.role
ORDER BY u.n;
