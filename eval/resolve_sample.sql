-- make eval-resolve, second part: the sample HRIS table as the README and
-- doc/titles.md measure it (sample/load.sql, the 83-role sample taxonomy;
-- sample/hris.sql, 5,000 employees whose messy titles were generated from
-- those roles' own names, each with its source_role), with the nearest
-- alias by pg_trgm on the same rows: on the raw alias as bench/resolve.sql
-- does, and on the normalized alias as the SOC-derived part does (ties
-- broken by the alias, then the role, among the nearest 50, as there).  Run in
-- a fresh database with roleext by eval/resolve_run.sh; one core.
\set ON_ERROR_STOP 1
\pset pager off
\pset footer off
SET client_min_messages = warning;
\o /dev/null
\i sample/load.sql
\i sample/hris.sql
\o
SET search_path = roleext, public;
SET max_parallel_workers_per_gather = 0;
SET jit = off;
CREATE INDEX eval_alias_raw_trgm ON role_alias USING gist (alias gist_trgm_ops);
VACUUM ANALYZE;

CREATE TEMP TABLE answer (method text, employee_id int8, role rolecode, needs_review boolean);
CREATE TEMP TABLE timing (method text, seconds float8);
CREATE FUNCTION pg_temp.run(m text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz := clock_timestamp();
BEGIN
  IF m = 'resolve_title' THEN
    INSERT INTO answer SELECT m, e.employee_id, r.role, r.needs_review
    FROM hris_employee e CROSS JOIN LATERAL resolve_title(e.title, 1) r;
  ELSIF m = 'pg_trgm, normalized alias' THEN
    INSERT INTO answer SELECT m, e.employee_id,
      (SELECT n.role FROM (SELECT a.role, a.alias_norm, a.alias_norm <-> t.norm AS d FROM role_alias a
                           ORDER BY a.alias_norm <-> t.norm LIMIT 50) n
       ORDER BY n.d, n.alias_norm COLLATE "C", n.role LIMIT 1), NULL
    FROM hris_employee e CROSS JOIN LATERAL (SELECT title_normalize(e.title) AS norm) t;
  ELSE
    INSERT INTO answer SELECT m, e.employee_id,
      (SELECT n.role FROM (SELECT a.role, a.alias, a.alias <-> e.title AS d FROM role_alias a
                           ORDER BY a.alias <-> e.title LIMIT 50) n
       ORDER BY n.d, n.alias COLLATE "C", n.role LIMIT 1), NULL
    FROM hris_employee e;
  END IF;
  INSERT INTO timing VALUES (m, extract(epoch FROM clock_timestamp() - t0));
END $$;
DO $$
DECLARE m text;
BEGIN
  FOREACH m IN ARRAY ARRAY['resolve_title', 'pg_trgm, normalized alias', 'pg_trgm, raw alias'] LOOP
    PERFORM pg_temp.run(m);
  END LOOP;
END $$;

\echo
\echo 'The sample HRIS table (83 roles, 5,000 employees): right = the role the title was generated from'
SELECT a.method, count(*) AS titles,
       round(100.0 * avg((a.role IS NOT DISTINCT FROM e.source_role)::int), 1) AS "right %",
       -- pg_trgm has no review flag: its columns stay empty
       CASE WHEN bool_or(a.needs_review IS NOT NULL) THEN count(*) FILTER (WHERE a.needs_review) END AS flagged,
       round(100.0 * avg((a.role IS NOT DISTINCT FROM e.source_role)::int) FILTER (WHERE NOT a.needs_review), 1)
         AS "right among unflagged %",
       CASE WHEN bool_or(a.needs_review IS NOT NULL)
            THEN count(*) FILTER (WHERE NOT a.needs_review AND a.role IS DISTINCT FROM e.source_role) END
         AS "wrong unflagged",
       round((count(*) / max(t.seconds))::numeric) AS "titles/s"
FROM answer a JOIN hris_employee e USING (employee_id) JOIN timing t USING (method)
GROUP BY a.method
ORDER BY array_position(ARRAY['resolve_title', 'pg_trgm, normalized alias', 'pg_trgm, raw alias'], a.method);
