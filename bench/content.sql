-- Occupation content: benchmarks of the content issue, each against a
-- plain-SQL version of the same computation in the same run.
--
-- (a) similar_occupations(code, 10) for every one of the 923 occupations
--     with content, and for every 10th (92) against the same top 10 computed in SQL from the
--     content vectors (unnest the two arrays, join on the term, sum the
--     products, order, limit) — goal: <= 5 ms a call.
-- (b) similar_roles(role, 10) on a taxonomy of 20,000 roles drafted from
--     O*NET content (the 923 occupations at up to 22 levels, every card as
--     draft_role_card writes it), for 200 roles, against the same
--     similarity in SQL over precomputed tables (each role's occupation
--     weights, each component's IDF, the full occupation similarity matrix;
--     precomputation not timed) — goal: <= 5 ms a call.  The per-backend
--     index is built before the timing; its build time is reported.
-- (c) draft_role_card for all 923 occupations — goal: under 10 s.
\i bench/lib.sql
SET max_parallel_workers_per_gather = 0;
\o /dev/null

-- (c) drafting -------------------------------------------------------------------
SELECT bench.time('content_draft', 'draft_role_card x 923',
  $$SELECT sum(pg_column_size(roleext.draft_role_card(v.code, 'P1'))) FROM roleext.onet_content_vector v$$, 1);

-- (a) occupations ----------------------------------------------------------------
SELECT bench.time('content_occupations', 'similar_occupations x 923',
  $$SELECT count(*) FROM roleext.onet_content_vector v, roleext.similar_occupations(v.code, 10) s$$, 1);
CREATE TEMP TABLE bco_vec AS
  SELECT v.code, t.term, t.w FROM roleext.onet_content_vector v, unnest(v.terms, v.weights) t(term, w);
CREATE INDEX ON bco_vec (code);
CREATE INDEX ON bco_vec (term);
ANALYZE bco_vec;
-- the plain-SQL top 10 of one occupation; timed on every 10th occupation
CREATE FUNCTION pg_temp.sql_similar(c roleext.soccode) RETURNS SETOF roleext.soccode LANGUAGE sql STABLE AS $$
  SELECT b.code FROM bco_vec a JOIN bco_vec b ON b.term = a.term
  WHERE a.code = c AND b.code <> c
  GROUP BY b.code ORDER BY sum(a.w * b.w) DESC, b.code LIMIT 10
$$;
CREATE TEMP TABLE bco_sample AS
  SELECT x.code FROM (SELECT v.code, row_number() OVER (ORDER BY v.code) AS rn FROM roleext.onet_content_vector v) x
  WHERE x.rn % 10 = 0;
SELECT bench.time('content_occupations', 'plain SQL x 92',
  $$SELECT count(*) FROM bco_sample v, pg_temp.sql_similar(v.code) s$$, 1);
SELECT bench.time('content_occupations', 'similar_occupations x 92',
  $$SELECT count(*) FROM bco_sample v, roleext.similar_occupations(v.code, 10) s$$);

-- (b) roles ----------------------------------------------------------------------
-- 20,000 roles: each occupation's draft at P1 imported, then copied to the
-- other levels (same taxonomy chain, components and mapping) until 20,000
SELECT count(*) FROM roleext.import_role_cards(
  (SELECT jsonb_agg(roleext.draft_role_card(v.code, 'P1') ORDER BY v.code) FROM roleext.onet_content_vector v));
CREATE TEMP TABLE bcr_new AS
SELECT r.code AS src, (roleext.code_family(r.code)::text || '.' || l.code::text)::roleext.rolecode AS code
FROM roleext.role r CROSS JOIN roleext.level l
WHERE r.code::text LIKE 'ONET%' AND l.code <> 'P1'
ORDER BY hashtext(r.code::text || l.code::text)
LIMIT 20000 - 923;
INSERT INTO roleext.role (code, title, summary)
SELECT n.code, r.title, r.summary FROM bcr_new n JOIN roleext.role r ON r.code = n.src;
INSERT INTO roleext.role_component (role, kind, name, prevalence, scope, position)
SELECT n.code, c.kind, c.name, c.prevalence, c.scope, c.position
FROM bcr_new n JOIN roleext.role_component c ON c.role = n.src;
INSERT INTO roleext.mapping (role, scheme, soc, isco08, source, review_status, note)
SELECT n.code, m.scheme, m.soc, m.isco08, m.source, m.review_status, m.note
FROM bcr_new n JOIN roleext.mapping m ON m.role = n.src;
ANALYZE;
CREATE TEMP TABLE bcr_sample AS
SELECT r.code FROM roleext.role r ORDER BY hashtext(r.code::text) LIMIT 200;

SELECT bench.time('content_index', 'index build, 20,000 roles',
  $$SELECT roleext.content_role_index()$$, 0);
UPDATE bench.result SET ms = (SELECT build_ms FROM roleext.content_role_index())
WHERE bench = 'content_index';
SELECT bench.time('content_roles', 'similar_roles x 200',
  $$SELECT count(*) FROM bcr_sample s, roleext.similar_roles(s.code, 10) n$$);

-- the same similarity in SQL: role -> occupation weights, component IDF,
-- the full occupation matrix (precomputed)
CREATE TEMP TABLE bcr_occ AS SELECT * FROM roleext.content_role_occupations();
CREATE INDEX ON bcr_occ (role);
CREATE INDEX ON bcr_occ (code);
ANALYZE bcr_occ;
CREATE TEMP TABLE bcr_S AS
  SELECT a.code AS a, b.code AS b, CASE WHEN a.code = b.code THEN 1 ELSE sum(a.w * b.w) END AS s
  FROM bco_vec a JOIN bco_vec b ON b.term = a.term GROUP BY a.code, b.code;
CREATE INDEX ON bcr_S (a, b);
ANALYZE bcr_S;
CREATE TEMP TABLE bcr_comp AS
  SELECT rc.role, rc.kind, rc.name,
         ln(1 + (SELECT count(*) FROM roleext.role)::float8 / count(*) OVER (PARTITION BY rc.kind, rc.name)) AS w
  FROM roleext.role_component rc;
CREATE INDEX ON bcr_comp (role);
CREATE INDEX ON bcr_comp (kind, name);
ANALYZE bcr_comp;
CREATE TEMP TABLE bcr_norm AS
  SELECT r.code AS role, o.n AS on_, c.n AS cn
  FROM roleext.role r
  LEFT JOIN (SELECT x.role, sqrt(sum(x.weight * y.weight * s.s)) AS n
             FROM bcr_occ x JOIN bcr_occ y ON y.role = x.role JOIN bcr_S s ON s.a = x.code AND s.b = y.code
             GROUP BY x.role) o ON o.role = r.code
  LEFT JOIN (SELECT c.role, sqrt(sum(c.w * c.w)) AS n FROM bcr_comp c GROUP BY c.role) c ON c.role = r.code;
CREATE INDEX ON bcr_norm (role);
ANALYZE bcr_norm;
CREATE FUNCTION pg_temp.sql_similar_roles(q roleext.rolecode) RETURNS SETOF text LANGUAGE sql STABLE AS $$
  WITH me AS (SELECT * FROM bcr_norm WHERE role = q),
  occ AS (SELECT y.role, sum(x.weight * y.weight * s.s) AS d
          FROM bcr_occ x JOIN bcr_S s ON s.a = x.code JOIN bcr_occ y ON y.code = s.b
          WHERE x.role = q GROUP BY y.role),
  comp AS (SELECT y.role, sum(x.w * y.w) AS d
           FROM bcr_comp x JOIN bcr_comp y ON y.kind = x.kind AND y.name = x.name
           WHERE x.role = q GROUP BY y.role),
  sc AS (SELECT n.role,
                (0.5 * coalesce(o.d / nullif(me.on_ * n.on_, 0), 0) + 0.5 * coalesce(c.d / nullif(me.cn * n.cn, 0), 0))
                / sqrt((CASE WHEN me.on_ > 0 THEN 0.5 ELSE 0 END + CASE WHEN me.cn > 0 THEN 0.5 ELSE 0 END)
                       * (CASE WHEN n.on_ > 0 THEN 0.5 ELSE 0 END + CASE WHEN n.cn > 0 THEN 0.5 ELSE 0 END)) AS sim
         FROM me, bcr_norm n LEFT JOIN occ o ON o.role = n.role LEFT JOIN comp c ON c.role = n.role
         WHERE n.role <> q AND (o.role IS NOT NULL OR c.role IS NOT NULL))
  SELECT sc.role::text FROM sc WHERE sc.sim > 0 ORDER BY sc.sim DESC, sc.role LIMIT 10
$$;
SELECT bench.time('content_roles', 'plain SQL x 20',
  $$SELECT count(*) FROM (SELECT code FROM bcr_sample LIMIT 20) s, pg_temp.sql_similar_roles(s.code) n$$, 1);
SELECT bench.time('content_roles', 'similar_roles x 20',
  $$SELECT count(*) FROM (SELECT code FROM bcr_sample LIMIT 20) s, roleext.similar_roles(s.code, 10) n$$);
-- the two agree on the sample
CREATE TEMP TABLE bcr_agree AS
SELECT (SELECT count(*) FROM (SELECT code FROM bcr_sample LIMIT 20) s,
          LATERAL (SELECT array_agg(n.role::text ORDER BY n.rank) a FROM roleext.similar_roles(s.code, 10) n) x,
          LATERAL (SELECT array_agg(t ORDER BY o) b FROM pg_temp.sql_similar_roles(s.code) WITH ORDINALITY q(t, o)) y
        WHERE x.a IS NOT DISTINCT FROM y.b) AS same;

\o
SELECT 'content_draft' AS bench, round(ms::numeric, 0) || ' ms' AS "draft_role_card for all 923",
       CASE WHEN ms < 10000 THEN 'yes' ELSE 'NO' END AS "under 10 s"
FROM bench.result WHERE bench = 'content_draft';
SELECT variant, round(ms::numeric, 1) || ' ms' AS total,
       round((ms / CASE WHEN variant LIKE '%x 923' THEN 923 WHEN variant LIKE '%x 92' THEN 92
                        WHEN variant LIKE '%x 200' THEN 200 WHEN variant LIKE '%x 20' THEN 20 END)::numeric, 3) || ' ms' AS "per call"
FROM bench.result WHERE bench IN ('content_occupations', 'content_roles', 'content_index') ORDER BY bench, variant;
SELECT * FROM bench.compare('content_occupations', 'similar_occupations x 92', 'plain SQL x 92', 1,
                            'similar_occupations faster than plain SQL; <= 5 ms a call');
SELECT * FROM bench.compare('content_roles', 'similar_roles x 20', 'plain SQL x 20', 1,
                            'similar_roles faster than plain SQL; <= 5 ms a call on 20,000 roles');
SELECT same AS "similar_roles = plain SQL (of 20 roles)" FROM bcr_agree;
