-- A generated 20,000-role taxonomy of coordinates, shared by
-- test/sql/coord_gist.sql and bench/coord.sql (\i test/coord_taxonomy.sql)
-- so that the test and the benchmark measure the same thing.
--
-- 5 superfunctions × 8 functions × 6 families × 4 specializations; the
-- specializations of the first family of each function hang directly under
-- the function (paths of 3 labels, the others have 4), and each function
-- also has its own executive roles E1–E5 (paths of 2 labels).  Every
-- specialization has the 22 levels P1–P6, M1–M6, E1–E5, S1–S5 on the
-- default grade ladder (Pn = n, Mn = n + 2, En = n + 6, Sn = (n − 1) / 2),
-- so many roles share a coordinate (P3 and M1 both sit at grade 3).  Of the
-- 21,320 roles, 20,000 are kept, chosen by a hash of their codes, so not
-- every specialization has every level.
--
-- Creates temporary table coord_tax (id 1..20000 in code order, code,
-- coord) with a primary key on id.
CREATE TEMP TABLE coord_tax AS
WITH ladder(level, grade) AS (
  SELECT 'P' || n, n::float8 FROM generate_series(1, 6) n
  UNION ALL SELECT 'M' || n, n + 2.0 FROM generate_series(1, 6) n
  UNION ALL SELECT 'E' || n, n + 6.0 FROM generate_series(1, 5) n
  UNION ALL SELECT 'S' || n, (n - 1) / 2.0 FROM generate_series(1, 5) n
), func(path) AS (
  SELECT sf || '.FN' || chr(64 + f)
  FROM unnest('{TECH,OPS,FIN,PEOPLE,SALES}'::text[]) sf, generate_series(1, 8) f
), spec(path) AS (
  SELECT func.path || CASE WHEN fam = 1 THEN '' ELSE '.FAM' || chr(64 + fam) END
         || '.SP' || chr(64 + sp)
  FROM func, generate_series(1, 6) fam, generate_series(1, 4) sp
), role(code, coord) AS (
  SELECT spec.path || '.' || level, (spec.path || '@' || grade)::rolecoord
  FROM spec, ladder
  UNION ALL
  SELECT func.path || '.' || level, (func.path || '@' || grade)::rolecoord
  FROM func, ladder WHERE level LIKE 'E%'
), kept AS (
  SELECT code, coord FROM role ORDER BY md5(code) LIMIT 20000
)
SELECT (row_number() OVER (ORDER BY code))::int AS id, code, coord FROM kept;
ALTER TABLE coord_tax ADD PRIMARY KEY (id);
ANALYZE coord_tax;
