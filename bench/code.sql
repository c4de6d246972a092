-- rolecode: subtree search over 10 million codes, against the same paths
-- as ltree and as text.  Issue #4 goals: rolecode <@ at least 1.5x faster
-- than ltree <@ and no slower than text LIKE 'DEI.GEN.%', with storage no
-- larger than ltree.  The index figures are for information: rolecode's
-- <@ becomes a btree range, ltree's needs GiST, LIKE a "C" btree.
\i bench/lib.sql
SET max_parallel_workers_per_gather = 0;
\o /dev/null

DROP TABLE IF EXISTS bc_code, bc_ltree, bc_text;
-- 10 million role codes: 20 functions x 10 specializations x 12 levels,
-- a quarter with a sub-specialization (DEI.GEN.CORE.P1), in random order
CREATE TABLE bc_code AS
  SELECT (f || '.' || s || CASE WHEN h % 4 = 0 THEN '.' || sub ELSE '' END || '.' || l)::rolecode AS code
  FROM (SELECT h,
          (ARRAY['DEI','SWE','DATA','SEC','PM','UX','HR','FIN','OPS','MKT',
                 'SALES','LEGAL','IT','QA','ML','CS','BD','PR','ADMIN','RND'])[1 + (h / 4) % 20] AS f,
          (ARRAY['GEN','CLOUD','PLATFORM','SRE','NET','DB','SECOPS','MOBILE','WEB','EMBEDDED'])[1 + (h / 80) % 10] AS s,
          (ARRAY['CORE','EDGE','INFRA'])[1 + (h / 800) % 3] AS sub,
          (ARRAY['P1','P2','P3','P4','P5','P6','M1','M2','M3','M4','E1','E2'])[1 + (h / 2400) % 12] AS l
        FROM (SELECT abs(hashint4(g)) AS h FROM generate_series(1, 10000000) g) x) y;
-- the same paths, in the same row order, as ltree and as text
CREATE TABLE bc_ltree AS SELECT code::text::ltree AS path FROM bc_code;
CREATE TABLE bc_text AS SELECT code::text AS path FROM bc_code;
VACUUM ANALYZE bc_code, bc_ltree, bc_text;

-- every variant must find the same rows, or the timings mean nothing
DO $$
DECLARE
  a bigint; b bigint; c bigint;
BEGIN
  SELECT count(*) INTO a FROM bc_code WHERE code <@ 'DEI.GEN';
  SELECT count(*) INTO b FROM bc_ltree WHERE path <@ 'DEI.GEN';
  SELECT count(*) INTO c FROM bc_text WHERE path LIKE 'DEI.GEN.%';
  IF a <> b OR a <> c OR a = 0 THEN
    RAISE EXCEPTION 'subtree counts differ: rolecode %, ltree %, text %', a, b, c;
  END IF;
END $$;

-- sequential scan, no index: the operator itself
SELECT bench.time('subtree scan', 'rolecode <@', $$SELECT count(*) FROM bc_code WHERE code <@ 'DEI.GEN'$$) IS NOT NULL AS timed;
SELECT bench.time('subtree scan', 'ltree <@', $$SELECT count(*) FROM bc_ltree WHERE path <@ 'DEI.GEN'$$) IS NOT NULL AS timed;
SELECT bench.time('subtree scan', 'text LIKE', $$SELECT count(*) FROM bc_text WHERE path LIKE 'DEI.GEN.%'$$) IS NOT NULL AS timed;
SELECT bench.time('ancestor scan', 'rolecode @>', $$SELECT count(*) FROM bc_code WHERE code @> 'DEI.GEN.CORE.P1'$$) IS NOT NULL AS timed;
SELECT bench.time('ancestor scan', 'ltree @>', $$SELECT count(*) FROM bc_ltree WHERE path @> 'DEI.GEN.CORE.P1'$$) IS NOT NULL AS timed;

SELECT bench.size('table', 'rolecode', pg_table_size('bc_code'));
SELECT bench.size('table', 'ltree', pg_table_size('bc_ltree'));
SELECT bench.size('table', 'text', pg_table_size('bc_text'));

-- with an index: rolecode btree (range), ltree GiST, text btree COLLATE "C"
CREATE INDEX bc_code_idx ON bc_code (code);
CREATE INDEX bc_ltree_idx ON bc_ltree USING gist (path);
CREATE INDEX bc_text_idx ON bc_text (path COLLATE "C");
VACUUM ANALYZE bc_code, bc_ltree, bc_text;
SET enable_seqscan = off;
SELECT bench.time('subtree index', 'rolecode <@', $$SELECT count(*) FROM bc_code WHERE code <@ 'DEI.GEN'$$) IS NOT NULL AS timed;
SELECT bench.time('subtree index', 'ltree <@', $$SELECT count(*) FROM bc_ltree WHERE path <@ 'DEI.GEN'$$) IS NOT NULL AS timed;
SELECT bench.time('subtree index', 'text LIKE', $$SELECT count(*) FROM bc_text WHERE path COLLATE "C" LIKE 'DEI.GEN.%'$$) IS NOT NULL AS timed;
RESET enable_seqscan;

SELECT bench.size('index', 'rolecode btree', pg_relation_size('bc_code_idx'));
SELECT bench.size('index', 'ltree gist', pg_relation_size('bc_ltree_idx'));
SELECT bench.size('index', 'text btree', pg_relation_size('bc_text_idx'));

\o
SELECT * FROM bench.compare('subtree scan', 'rolecode <@', 'ltree <@', 1 / 1.5, 'at least 1.5x faster than ltree')
UNION ALL SELECT * FROM bench.compare('subtree scan', 'rolecode <@', 'text LIKE', 1.0, 'no slower than LIKE')
UNION ALL SELECT * FROM bench.compare('ancestor scan', 'rolecode @>', 'ltree @>', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('table', 'rolecode', 'ltree', 1.0, 'no larger than ltree', 'size')
UNION ALL SELECT * FROM bench.compare('table', 'rolecode', 'text', 'Infinity', '(for information)', 'size')
UNION ALL SELECT * FROM bench.compare('subtree index', 'rolecode <@', 'ltree <@', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('subtree index', 'rolecode <@', 'text LIKE', 'Infinity', '(for information)')
UNION ALL SELECT * FROM bench.compare('index', 'rolecode btree', 'ltree gist', 'Infinity', '(for information)', 'size')
UNION ALL SELECT * FROM bench.compare('index', 'rolecode btree', 'text btree', 'Infinity', '(for information)', 'size');

DROP TABLE bc_code, bc_ltree, bc_text;
