-- Job titles: title_normalize + title_level over realistic, messy HRIS
-- titles, against the same work done in plain SQL (lower(), regexp_replace,
-- a word-by-word CASE, no unaccent) as the baseline.  The baseline is a
-- simplified equivalent: it knows the common abbreviations, level words and
-- noise forms, but not accents, other scripts, locations beyond
-- "- City, ST", or the positional rules, so it does less work than the C
-- functions.  Both are compared on the same 100,000 titles; the C functions
-- are also timed over a million.  No parallel workers: one core each.
\i bench/lib.sql
SET max_parallel_workers_per_gather = 0;
\o /dev/null

-- The SQL baseline: normalization, as one would write it in SQL: five
-- regexp_replace for noise, requisitions and punctuation, then the words
-- split and each one looked up in a CASE (abbreviations expand, level words
-- drop).  Twenty regular expressions in all (with the level's), so
-- PostgreSQL's cache of 32 compiled expressions holds them.
CREATE OR REPLACE FUNCTION bench.sql_title_normalize(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(x, ' ' ORDER BY n), '') FROM (
    SELECT n, CASE w
      WHEN 'sr' THEN NULL WHEN 'snr' THEN NULL WHEN 'senior' THEN NULL WHEN 'jr' THEN NULL
      WHEN 'junior' THEN NULL WHEN 'staff' THEN NULL WHEN 'lead' THEN NULL WHEN 'principal' THEN NULL
      WHEN 'associate' THEN NULL WHEN 'intern' THEN NULL WHEN 'trainee' THEN NULL
      WHEN 'i' THEN NULL WHEN 'ii' THEN NULL WHEN 'iii' THEN NULL WHEN 'iv' THEN NULL WHEN 'v' THEN NULL
      WHEN 'eng' THEN 'engineer' WHEN 'engr' THEN 'engineer' WHEN 'mgr' THEN 'manager'
      WHEN 'dev' THEN 'developer' WHEN 'admin' THEN 'administrator' WHEN 'tech' THEN 'technician'
      WHEN 'coord' THEN 'coordinator' WHEN 'rep' THEN 'representative' WHEN 'hr' THEN 'human resources'
      WHEN 'qa' THEN 'quality assurance' WHEN 'sw' THEN 'software' WHEN 'ux' THEN 'user experience'
      WHEN 'ml' THEN 'machine learning' WHEN 'vp' THEN 'vice president' WHEN 'svc' THEN 'service'
      WHEN 'cust' THEN 'customer' WHEN 'sys' THEN 'systems' WHEN 'dba' THEN 'database administrator'
      WHEN 'ceo' THEN 'chief executive officer' WHEN 'cto' THEN 'chief technology officer'
      ELSE w END AS x
    FROM regexp_split_to_table(btrim(
      -- punctuation to spaces
      regexp_replace(
      -- requisition numbers
      regexp_replace(
      -- trailing "- City, ST [zip]"
      regexp_replace(
      -- noise after a dash or a comma
      regexp_replace(
      -- noise in brackets
      regexp_replace(lower(t),
        '[(\[][^)\]]*\m(remote|hybrid|onsite|on-site|contract|contractor|temp|temporary|full[- ]time|part[- ]time|req)\M[^)\]]*[)\]]', ' ', 'g'),
        '\s*[-,|/]\s*(remote|hybrid|onsite|on-site|contract|contractor|temp|temporary|full[- ]time|part[- ]time)\s*$', ''),
        '\s+-\s+[a-z .]+,\s*[a-z]{2}( [0-9]{5})?$', ''),
        '\m(req|requisition|jr|r)?[-# ]*[0-9]{4,}\M', ' ', 'g'),
        '[^a-z0-9]+', ' ', 'g')), ' ') WITH ORDINALITY s(w, n)) s
$$;

-- ... and the level
CREATE OR REPLACE FUNCTION bench.sql_title_level(t text) RETURNS rolelevel
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (CASE
    WHEN x ~ '\m(chief|ceo|cto|cfo|coo|cio|president)\M' AND x !~ '\mvice president\M|\mvp\M' THEN 'E3'
    WHEN x ~ '\m(svp|evp)\M|\m(senior|executive) vice president\M' THEN 'E2'
    WHEN x ~ '\m(vp|vice president)\M' THEN 'E1'
    WHEN x ~ '\m(senior|sr) director\M' THEN 'M5'
    WHEN x ~ '\mdirector\M' THEN 'M4'
    WHEN x ~ '\m(senior|sr) (manager|mgr)\M' THEN 'M3'
    WHEN x ~ '\m(manager|mgr)\M' THEN 'M2'
    WHEN x ~ '\m(supervisor|team lead)\M' THEN 'M1'
    WHEN x ~ '\m(distinguished|fellow)\M' THEN 'P6'
    WHEN x ~ '\m(principal|v)\M' THEN 'P5'
    WHEN x ~ '\m(staff|lead|iv)\M' THEN 'P4'
    WHEN x ~ '\m(senior|sr|iii)\M' THEN 'P3'
    WHEN x ~ '\mii\M' THEN 'P2'
    WHEN x ~ '\m(intern|trainee|apprentice|junior|jr|entry level|associate|i)\M' THEN 'P1'
  END)::rolelevel
  FROM (SELECT lower(t) AS x) s
$$;

-- 1 million titles: a job, a level word, an abbreviation, noise, a location,
-- a requisition number, in mixed case, drawn by hash from small lists
DROP TABLE IF EXISTS bt_title;
CREATE TABLE bt_title AS
WITH job(i, j) AS (SELECT row_number() OVER (), j FROM unnest(ARRAY[
       'Software Engineer', 'Sw Eng', 'DevOps Engineer', 'Site Reliability Engr', 'Data Analyst',
       'Product Manager', 'Project Mgr', 'HR Business Partner', 'Customer Svc Rep', 'Registered Nurse',
       'Staff Accountant', 'Sales Associate', 'Marketing Coord', 'QA Tester', 'Sys Admin', 'DBA',
       'UX Designer', 'ML Engineer', 'Pharmacy Tech', 'Admin Assistant', 'Director of Engineering',
       'VP Sales', 'Store Manager', 'Warehouse Associate', 'Financial Analyst', 'Recruiter',
       'Café Manager', 'Électricien', 'Dev Ops Engineer', 'Network Eng', 'Help Desk Tech',
       'Business Dev Manager', 'Supervisor, Customer Service', 'Team Lead - Support',
       'Chief Technology Officer', 'Executive Assistant to the CEO']) j),
     lvl(i, l) AS (SELECT row_number() OVER (), l FROM unnest(ARRAY[
       '', '', '', 'Sr. ', 'Senior ', 'Jr ', 'Junior ', 'Lead ', 'Principal ', 'Associate ', 'SR ', 'Snr ']) l),
     suf(i, s) AS (SELECT row_number() OVER (), s FROM unnest(ARRAY[
       '', '', '', ' II', ' III', ' I', ' (Remote)', ' - Contract', ' - New York, NY', ' (Req #48213)',
       ' - Full Time', ', Hybrid', ' REQ-4432', ' - Boston, MA 02115', ' [Temp]', ' IV (Remote)']) s)
SELECT CASE WHEN h % 5 = 0 THEN upper(l || j || s) ELSE l || j || s END AS t
FROM (SELECT abs(hashint4(g)) AS h FROM generate_series(1, 1000000) g) x
JOIN job ON job.i = 1 + x.h % 36
JOIN lvl ON lvl.i = 1 + (x.h / 36) % 12
JOIN suf ON suf.i = 1 + (x.h / 432) % 16;
VACUUM ANALYZE bt_title;

-- the same first 100,000 titles for the comparison with the SQL chain (a
-- million would keep the SQL chain busy for ten minutes)
CREATE TABLE bt_title_100k AS SELECT * FROM bt_title LIMIT 100000;
VACUUM ANALYZE bt_title_100k;

SELECT bench.time('title 100k', 'roleext C',
  'SELECT sum(length(title_normalize(t))), count(title_level(t)) FROM bt_title_100k') IS NOT NULL AS timed;
SELECT bench.time('title 100k', 'title_parse (one pass)',
  'SELECT sum(length(p.normalized)), count(p.level) FROM bt_title_100k, LATERAL title_parse(t) p') IS NOT NULL AS timed;
SELECT bench.time('title 100k', 'SQL regexp chain',
  'SELECT sum(length(bench.sql_title_normalize(t))), count(bench.sql_title_level(t)) FROM bt_title_100k', 1) IS NOT NULL AS timed;
SELECT bench.time('title 1M', 'roleext C',
  'SELECT sum(length(title_normalize(t))), count(title_level(t)) FROM bt_title') IS NOT NULL AS timed;
SELECT bench.time('title 1M', 'title_parse (one pass)',
  'SELECT sum(length(p.normalized)), count(p.level) FROM bt_title, LATERAL title_parse(t) p') IS NOT NULL AS timed;
SELECT bench.time('title 1M', 'scan only',
  'SELECT sum(length(t)) FROM bt_title') IS NOT NULL AS timed;

\o
SELECT * FROM bench.compare('title 100k', 'roleext C', 'SQL regexp chain', 1 / 10.0,
                            'at least 10x faster than the SQL chain')
UNION ALL SELECT * FROM bench.compare('title 100k', 'title_parse (one pass)', 'SQL regexp chain',
                            1 / 10.0, 'at least 10x faster than the SQL chain')
UNION ALL SELECT * FROM bench.compare('title 1M', 'title_parse (one pass)', 'roleext C',
                            'Infinity', '(for information)');

-- titles a second, one core
SELECT r.bench, r.variant, round(n / (r.ms / 1000))::int8 AS titles_per_second
FROM bench.result r
JOIN (VALUES ('title 100k', 100000), ('title 1M', 1000000)) v(b, n) ON v.b = r.bench
WHERE r.variant <> 'scan only'
ORDER BY r.bench, r.ms;

-- what the titles and the two normalizations look like
SELECT t AS title, title_normalize(t) AS roleext, title_level(t) AS level,
       bench.sql_title_normalize(t) AS sql_chain, bench.sql_title_level(t) AS sql_level
FROM bt_title LIMIT 8;

DROP TABLE bt_title, bt_title_100k;
