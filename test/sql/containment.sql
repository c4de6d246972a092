-- Containment (<@, @>) of both trees, rolecode and soccode, through the one
-- planner support in src/tree_support.c: every call form, every place of
-- the index and every kind of other operand answers what a sequential scan
-- answers, uses the index where it can and never where it must not.
\i test/setup.sql
SELECT plan(72);

-- 1. The crash of issue "One owner for every rule": the function form with
-- a Var of the same relation on the other side used to become an index
-- condition on that Var, and the executor died on it (signal 11).
CREATE TEMP TABLE crash_t (a rolecode, b rolecode);
INSERT INTO crash_t SELECT ('F' || (i % 50) || '.S' || (i % 7) || '.P' || (i % 5))::rolecode, ('F' || (i % 50))::rolecode
  FROM generate_series(1, 20000) i;
CREATE INDEX ON crash_t (a);
ANALYZE crash_t;
CREATE FUNCTION pg_temp.forced(q text) RETURNS text[] LANGUAGE plpgsql
  SET enable_seqscan = off AS $$
DECLARE a text;
BEGIN
  EXECUTE q INTO a;
  RETURN ARRAY[a, pg_temp.plan_of(q)];
END $$;
SELECT is((pg_temp.forced('SELECT count(*) FROM crash_t WHERE code_contained_by(a, b)'))[1], '20000',
  'code_contained_by(a, b), a indexed, seqscan off: every row, no crash');
SELECT ok((pg_temp.forced('SELECT count(*) FROM crash_t WHERE code_contained_by(a, b)'))[2] !~ 'Index Cond',
  '... and no index condition on a Var of the same relation');
SELECT is((pg_temp.forced('SELECT count(*) FROM crash_t WHERE code_contains(b, a)'))[1], '20000',
  'code_contains(b, a), the commuted function form: every row');
SELECT is((pg_temp.forced('SELECT count(*) FROM crash_t WHERE code_contains(a, b)'))[1], '0',
  'code_contains(a, b): no row (a is deeper than b)');
SELECT is((pg_temp.forced('SELECT count(*) FROM crash_t WHERE code_contained_by(a, a)'))[1], '20000',
  'code_contained_by(a, a): the index column on both sides');
SELECT ok((pg_temp.forced('SELECT count(*) FROM crash_t WHERE code_contained_by(a, a)'))[2] !~ 'Index Cond',
  '... without an index condition');
CREATE TEMP TABLE crash_s AS SELECT soc_ancestor(code, 'minor') AS a, code AS b FROM soc2018_code;
CREATE INDEX ON crash_s (a);
CREATE INDEX ON crash_s (b);
ANALYZE crash_s;
SELECT is((pg_temp.forced('SELECT count(*) FROM crash_s WHERE soc_contained_by(b, a)'))[1],
  (SELECT count(*)::text FROM soc2018_code WHERE level <> 'major'),
  'soc_contained_by(b, a), both indexed: every code below a major group');
SELECT ok((pg_temp.forced('SELECT count(*) FROM crash_s WHERE soc_contains(a, b)'))[2] !~ 'Index Cond',
  'soc_contains(a, b) of one relation: no index condition');

-- 2. The matrix.  Per type: a table whose column c is indexed, d is
-- indexed too (a second column of the same relation) and e, a copy of c,
-- is not; probe values with every awkward case of the type.
CREATE TEMP TABLE cm_type (typ text PRIMARY KEY, contains_fn text, contained_by_fn text,
                           expr text, probes text[]);
INSERT INTO cm_type VALUES
  ('rolecode', 'code_contains', 'code_contained_by', 'code_prefix({x}, 2)',
   ARRAY['A', 'A.AB', 'A.AB.A0', 'A.AB.A0.A_', 'B.B.B.B', 'A_', 'AB.A', 'NOPE',
         repeat('_', 16), repeat('Q', 16), 'A.B.C.D.E.F.G.H']),
  ('soccode', 'soc_contains', 'soc_contained_by', 'coalesce(soc_parent({x}), {x})',
   ARRAY['15-0000', '15-1200', '15-1250', '15-1252', '15-1252.01', '29-1210', '29-1220',
         '29-1229', '31-1100', '15-1000', '55-1011']);

-- rolecode rows: every code of 1-4 labels over A, AB, A0, A_, B (780), and
-- codes at the ends of the order; d is an ancestor, the code itself or an
-- unrelated code
CREATE TEMP TABLE cm_rolecode_codes AS
  SELECT row_number() OVER (ORDER BY code)::int AS id, code FROM (
    SELECT DISTINCT (a || coalesce('.' || b, '') || coalesce('.' || c, '') || coalesce('.' || d, ''))::rolecode AS code
    FROM unnest('{A,AB,A0,A_,B}'::text[]) a, unnest('{A,AB,A0,A_,B,NULL}'::text[]) b,
         unnest('{A,AB,A0,A_,B,NULL}'::text[]) c, unnest('{A,AB,A0,A_,B,NULL}'::text[]) d
    WHERE (b IS NOT NULL OR c IS NULL) AND (c IS NOT NULL OR d IS NULL)
    UNION SELECT unnest(ARRAY[repeat('_', 16), repeat('_', 16) || '.A', repeat('Q', 16) || '.' || repeat('_', 16),
                              'A.B.C.D.E.F.G.H', 'A.B.C.D.E.F.G'])::rolecode) s;
CREATE TEMP TABLE cm_rolecode AS
  SELECT s.id, s.code AS c,
         CASE s.id % 4 WHEN 0 THEN code_prefix(s.code, 1) WHEN 1 THEN code_prefix(s.code, 2) WHEN 2 THEN s.code
                       ELSE (SELECT o.code FROM cm_rolecode_codes o WHERE o.id = (s.id * 7) % 785 + 1) END AS d,
         s.code AS e
  FROM cm_rolecode_codes s;
-- soccode rows: SOC 2018, O*NET-SOC 2019 and codes whose ranges are lossy
CREATE TEMP TABLE cm_soccode AS
  SELECT s.id, s.code AS c,
         CASE s.id % 4 WHEN 0 THEN soc_ancestor(s.code, 'major') WHEN 1 THEN coalesce(soc_parent(s.code), s.code)
                       WHEN 2 THEN s.code ELSE soc_ancestor(s.code, 'major') END AS d,
         s.code AS e
  FROM (SELECT row_number() OVER (ORDER BY code)::int AS id, code FROM (
          SELECT code FROM soc2018_code UNION SELECT code FROM onet2019_occupation
          UNION SELECT unnest('{29-1220,15-1000,15-1100,15-1111,31-1000,31-1011,51-5000,51-5011}'::soccode[])) u) s;
UPDATE cm_soccode SET d = '17-0000' WHERE id % 8 = 7;
CREATE TEMP TABLE cm_probe_rolecode AS
  SELECT o AS id, p::rolecode AS v FROM cm_type, unnest(probes) WITH ORDINALITY u(p, o) WHERE typ = 'rolecode';
CREATE TEMP TABLE cm_probe_soccode AS
  SELECT o AS id, p::soccode AS v FROM cm_type, unnest(probes) WITH ORDINALITY u(p, o) WHERE typ = 'soccode';
CREATE INDEX ON cm_rolecode (c);
CREATE INDEX ON cm_rolecode (d);
CREATE INDEX ON cm_soccode (c);
CREATE INDEX ON cm_soccode (d);
ANALYZE cm_rolecode;
ANALYZE cm_soccode;
ANALYZE cm_probe_rolecode;
ANALYZE cm_probe_soccode;

-- The kinds of other operand, how each is written, and whether an index
-- condition is expected on the indexed column c:
--   const     a literal                                     yes
--   param     $1 of a prepared statement, generic plan      yes
--   subquery  an uncorrelated scalar subquery (initplan)    yes
--   outer     p.v of the outer side of a nested loop        yes
--   expr      an expression of p.v (code_prefix, soc_parent) yes
--   join      y.c of the same table joined again: both sides indexed; the
--             index on y.c serves even when x's column is the unindexed e
--   same      x.d, a Var of the same relation (indexed too)  no
--   volatile  a volatile expression (random())              no
CREATE TEMP TABLE cm_kind (kind text PRIMARY KEY, ord int, per_probe bool);
INSERT INTO cm_kind VALUES ('const', 1, true), ('param', 2, true), ('subquery', 3, true), ('outer', 4, false),
  ('expr', 5, false), ('join', 6, false), ('same', 7, false), ('volatile', 8, true);

-- Every case: type x form (operator, function) x operator (<@, @>) x
-- position of x's column (left, right operand) x column (c indexed, e not)
-- x kind of the other operand: 2 x 2 x 2 x 2 x 2 x 8 = 256.
CREATE TEMP TABLE cm_case AS
  SELECT typ, form, op, pos, col, kind,
         kind NOT IN ('same', 'volatile') AND (col = 'c' OR kind = 'join') AS want_index
  FROM cm_type, unnest('{operator,function}'::text[]) form, unnest('{<@,@>}'::text[]) op,
       unnest('{left,right}'::text[]) pos, unnest('{c,e}'::text[]) col, cm_kind;

-- The queries of one case (one per probe value for the per-probe kinds):
-- prep is a PREPARE to run first (param), q the query.  Each answers
-- "count/checksum" over the matching rows (pairs, for joins).
CREATE FUNCTION pg_temp.cm_queries(typ text, form text, op text, pos text, col text, kind text)
RETURNS TABLE (prep text, q text) LANGUAGE plpgsql AS $$
DECLARE
  t cm_type;
  probe text;
  o text;          -- the other operand
  x text := 'x.' || col;
  cond text;
  from_list text := format('cm_%s x', typ);
  outer_id text := '0';
  extra text := '';
BEGIN
  SELECT * INTO t FROM cm_type WHERE cm_type.typ = cm_queries.typ;
  IF kind IN ('outer', 'expr') THEN
    from_list := format('cm_probe_%s p, cm_%s x', typ, typ); outer_id := 'p.id';
  ELSIF kind = 'join' THEN
    from_list := format('cm_%s y, cm_%s x', typ, typ); outer_id := 'y.id'; extra := ' AND y.id % 61 = 0';
  END IF;
  FOR probe IN SELECT unnest(CASE WHEN (SELECT per_probe FROM cm_kind k WHERE k.kind = cm_queries.kind)
                                  THEN t.probes ELSE ARRAY[NULL] END) LOOP
    o := CASE kind
      WHEN 'const' THEN format('%L::%s', probe, typ)
      WHEN 'param' THEN '$1'
      WHEN 'subquery' THEN format('(SELECT v FROM cm_probe_%s WHERE v = %L)', typ, probe)
      WHEN 'outer' THEN 'p.v'
      WHEN 'expr' THEN replace(t.expr, '{x}', 'p.v')
      WHEN 'join' THEN 'y.c'
      WHEN 'same' THEN 'x.d'
      WHEN 'volatile' THEN format('(CASE WHEN random() < 2 THEN %L::%s END)', probe, typ)
    END;
    IF form = 'operator' THEN
      cond := CASE pos WHEN 'left' THEN format('%s %s %s', x, op, o) ELSE format('%s %s %s', o, op, x) END;
    ELSE
      cond := format(CASE pos WHEN 'left' THEN '%1$s(%2$s, %3$s)' ELSE '%1$s(%3$s, %2$s)' END,
                     CASE op WHEN '@>' THEN t.contains_fn ELSE t.contained_by_fn END, x, o);
    END IF;
    q := format('SELECT count(*) || ''/'' || coalesce(sum(x.id::int8 * 100003 + %s), 0) FROM %s WHERE %s%s',
                outer_id, from_list, cond, extra);
    prep := NULL;
    IF kind = 'param' THEN
      prep := format('PREPARE cm_q(%s) AS %s', typ, q);
      q := format('EXECUTE cm_q(%L)', probe);
    END IF;
    RETURN NEXT;
  END LOOP;
END $$;

-- Run one query: its answer and its plan.  The callers below fix the scan
-- settings; a prepared statement is made and dropped inside them, so that
-- its generic plan is made under those settings.
CREATE FUNCTION pg_temp.cm_run(prep text, q text) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
  a text;
  p text;
BEGIN
  IF prep IS NOT NULL THEN EXECUTE prep; END IF;
  EXECUTE q INTO a;
  p := pg_temp.plan_of(q);
  IF prep IS NOT NULL THEN EXECUTE 'DEALLOCATE cm_q'; END IF;
  RETURN ARRAY[a, p];
END $$;
CREATE FUNCTION pg_temp.cm_by_index(prep text, q text) RETURNS text[] LANGUAGE sql
  SET enable_seqscan = off SET enable_bitmapscan = off SET plan_cache_mode = force_generic_plan
  AS $$ SELECT pg_temp.cm_run(prep, q) $$;
CREATE FUNCTION pg_temp.cm_by_bitmap(prep text, q text) RETURNS text[] LANGUAGE sql
  SET enable_seqscan = off SET enable_indexscan = off SET plan_cache_mode = force_generic_plan
  AS $$ SELECT pg_temp.cm_run(prep, q) $$;
CREATE FUNCTION pg_temp.cm_by_seq(prep text, q text) RETURNS text[] LANGUAGE sql
  SET enable_seqscan = on SET enable_indexscan = off SET enable_indexonlyscan = off SET enable_bitmapscan = off
  SET plan_cache_mode = force_generic_plan
  AS $$ SELECT pg_temp.cm_run(prep, q) $$;

CREATE TEMP TABLE cm_result AS
  SELECT c.*, q.prep, q.q, i.r AS by_index, b.r AS by_bitmap, s.r AS by_seq,
         i.r[2] ~ 'Index Cond' AS index_used, b.r[2] ~ 'Index Cond' AS bitmap_used
  FROM cm_case c
  CROSS JOIN LATERAL pg_temp.cm_queries(c.typ, c.form, c.op, c.pos, c.col, c.kind) q
  CROSS JOIN LATERAL pg_temp.cm_by_index(q.prep, q.q) i(r)
  CROSS JOIN LATERAL pg_temp.cm_by_bitmap(q.prep, q.q) b(r)
  CROSS JOIN LATERAL pg_temp.cm_by_seq(q.prep, q.q) s(r);

-- the case names of the rows that fail a test, or NULL
CREATE FUNCTION pg_temp.cm_name(r cm_result) RETURNS text LANGUAGE sql AS
  $$ SELECT concat_ws(' ', r.form, r.op, r.pos, r.col, r.kind, r.q) $$;

SELECT is((SELECT count(*) FROM cm_result), 2 * 16 * (4 * 11 + 4)::bigint, 'the matrix ran 1536 queries, each three ways');
SELECT is((SELECT count(*) FROM cm_result WHERE NOT (by_seq[2] ~ 'Seq Scan' AND by_seq[2] !~ 'Index')), 0::bigint,
  'the reference answers come from sequential scans only');

-- index and bitmap scans answer what sequential scans answer, kind by kind
SELECT is((SELECT string_agg(pg_temp.cm_name(r), E'\n') FROM cm_result r
            WHERE r.typ = t.typ AND r.kind = k.kind
              AND (r.by_index[1] IS DISTINCT FROM r.by_seq[1] OR r.by_bitmap[1] IS DISTINCT FROM r.by_seq[1])),
          NULL, format('%s, other operand %s: index and bitmap scans answer as the sequential scan in all 16 forms', t.typ, k.kind))
  FROM cm_type t, cm_kind k ORDER BY t.typ, k.ord;

-- an index condition exactly where one is expected
SELECT is((SELECT string_agg(pg_temp.cm_name(r), E'\n') FROM cm_result r
            WHERE r.typ = t.typ AND r.kind = k.kind
              AND (r.index_used <> r.want_index OR r.bitmap_used <> r.want_index)),
          NULL, format('%s, other operand %s: %s', t.typ, k.kind,
                       CASE WHEN k.kind IN ('same', 'volatile') THEN 'never an index condition'
                            WHEN k.kind = 'join' THEN 'an index condition on one of the two sides'
                            ELSE 'an index condition on the indexed column, none on the unindexed one' END))
  FROM cm_type t, cm_kind k ORDER BY t.typ, k.ord;

-- the answers are right, not merely equal: two cases per type against
-- counts made without the operators
CREATE FUNCTION pg_temp.cm_answer(typ text, cond text) RETURNS text LANGUAGE sql AS
  $$ SELECT by_index[1] FROM cm_result r WHERE r.typ = cm_answer.typ AND r.kind = 'const' AND r.q LIKE '%WHERE ' || cond $$;
SELECT is(split_part(pg_temp.cm_answer('rolecode', $$x.c <@ 'A.AB'::rolecode$$), '/', 1), '31',
  'rolecode: x.c <@ A.AB finds A.AB, its 5 children and 25 grandchildren');
SELECT is(split_part(pg_temp.cm_answer('rolecode', $$x.c @> 'A.AB.A0'::rolecode$$), '/', 1), '3',
  'rolecode: x.c @> A.AB.A0 finds A, A.AB and A.AB.A0');
SELECT is(split_part(pg_temp.cm_answer('soccode', $$x.c <@ '15-1250'::soccode$$), '/', 1),
  (SELECT count(*)::text FROM cm_soccode WHERE c::text LIKE '15-125%'),
  'soccode: x.c <@ 15-1250 finds the codes that start 15-125');
SELECT is(split_part(pg_temp.cm_answer('soccode', $$x.c @> '15-1252.01'::soccode$$), '/', 1),
  (SELECT count(*)::text FROM cm_soccode WHERE c::text IN ('15-0000', '15-1200', '15-1250', '15-1252', '15-1252.01')),
  'soccode: x.c @> 15-1252.01 finds the code and its four groups');

-- 3. What the index conditions look like, one readable case per form.
CREATE FUNCTION pg_temp.index_plan(q text) RETURNS text LANGUAGE sql
  SET enable_seqscan = off SET enable_bitmapscan = off SET plan_cache_mode = force_generic_plan
  AS $$ SELECT pg_temp.plan_of(q) $$;
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_rolecode x WHERE code_contained_by(x.c, 'A.AB')$$)
  ~ $$Index Cond: \(\(c >= 'A\.AB'::(roleext\.)?rolecode\) AND \(c < 'A\.AB0'::(roleext\.)?rolecode\)\)$$,
  'rolecode, function, constant: the range [A.AB, A.AB0)');
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_rolecode x WHERE code_contains(x.c, 'A.AB.A0')$$)
  ~ $$Index Cond: \(c = ANY \('\{A,A\.AB,A\.AB\.A0\}'::(roleext\.)?rolecode\[\]\)\)$$,
  'rolecode, function, constant: = ANY of the ancestors');
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_rolecode x WHERE (SELECT v FROM cm_probe_rolecode WHERE id = 2) @> x.c$$)
  ~ $$Index Cond: \(\(c >= \$0\) AND \(c <= (roleext\.)?code_subtree_max\(\$0\)\)\)$$,
  'rolecode, subquery @> column: the range computed from the initplan''s value');
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_probe_rolecode p, cm_rolecode x WHERE code_contains(code_prefix(p.v, 2), x.c)$$)
  ~ $$Index Cond: \(\(c >= (roleext\.)?code_prefix\(p\.v, 2\)\) AND \(c <= (roleext\.)?code_subtree_max\((roleext\.)?code_prefix\(p\.v, 2\)\)\)\)$$,
  'rolecode, function, expression of an outer Var: the range of the expression');
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_probe_rolecode p, cm_rolecode x WHERE p.v <@ x.c$$)
  ~ $$Index Cond: \(c = ANY \((roleext\.)?code_ancestors\(p\.v\)\)\)$$,
  'rolecode, outer Var <@ column: = ANY (code_ancestors(p.v))');
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_soccode x WHERE soc_contains('15-1200', x.c)$$)
  ~ $$Index Cond: \(\(c >= '15-1200'::(roleext\.)?soccode\) AND \(c <= '15-1299\.99'::(roleext\.)?soccode\)\)$$,
  'soccode, function, constant @> column: the range of 15-1200');
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_soccode x WHERE soc_contained_by('15-1252.01', x.c)$$)
  ~ $$Index Cond: \(c = ANY \('\{15-0000,15-1200,15-1250,15-1252,15-1252\.01\}'::(roleext\.)?soccode\[\]\)\)$$,
  'soccode, function, constant <@ column: = ANY of the path');
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_soccode x WHERE soc_contained_by(x.c, '29-1210')$$) ~ 'Filter: soc_contained_by\(c, ',
  'soccode, function, lossy range of 29-1210: the call is kept as a recheck');
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_probe_soccode p, cm_soccode x WHERE soc_contained_by(x.c, p.v)$$)
  ~ $$Index Cond: \(\(c >= (roleext\.)?soc_subtree_min\(p\.v\)\) AND \(c <= (roleext\.)?soc_subtree_max\(p\.v\)\)\)$$,
  'soccode, function, outer Var: [soc_subtree_min(p.v), soc_subtree_max(p.v)]');
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_soccode x WHERE soc_contained_by(x.c, x.d)$$) !~ 'Index Cond',
  'soccode, function, Var of the same relation: no index condition');

-- 4. Indexes the support must leave alone, and ones it may use.
-- A hash index serves = only.
CREATE INDEX cm_rolecode_e_hash ON cm_rolecode USING hash (e);
CREATE INDEX cm_soccode_e_hash ON cm_soccode USING hash (e);
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_rolecode x WHERE code_contained_by(x.e, 'A')$$) !~ 'Index Cond',
  'rolecode: a hash index gets no containment condition');
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_soccode x WHERE x.e @> '15-1252'$$) !~ 'Index Cond',
  'soccode: a hash index gets no containment condition');
DROP INDEX cm_rolecode_e_hash;
DROP INDEX cm_soccode_e_hash;
-- A btree of another operator family (here: the reverse order) is left alone.
CREATE OPERATOR FAMILY pg_temp.cm_rev USING btree;
CREATE FUNCTION pg_temp.cm_rev_cmp(a rolecode, b rolecode) RETURNS int4 LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT code_cmp(b, a) $$;
CREATE FUNCTION pg_temp.cm_rev_lt(a rolecode, b rolecode) RETURNS bool LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT a > b $$;
CREATE FUNCTION pg_temp.cm_rev_le(a rolecode, b rolecode) RETURNS bool LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT a >= b $$;
CREATE FUNCTION pg_temp.cm_rev_eq(a rolecode, b rolecode) RETURNS bool LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT a = b $$;
CREATE FUNCTION pg_temp.cm_rev_ge(a rolecode, b rolecode) RETURNS bool LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT a <= b $$;
CREATE FUNCTION pg_temp.cm_rev_gt(a rolecode, b rolecode) RETURNS bool LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT a < b $$;
CREATE OPERATOR pg_temp.<<< (LEFTARG = rolecode, RIGHTARG = rolecode, FUNCTION = pg_temp.cm_rev_lt);
CREATE OPERATOR pg_temp.<<= (LEFTARG = rolecode, RIGHTARG = rolecode, FUNCTION = pg_temp.cm_rev_le);
CREATE OPERATOR pg_temp.=== (LEFTARG = rolecode, RIGHTARG = rolecode, FUNCTION = pg_temp.cm_rev_eq);
CREATE OPERATOR pg_temp.>>= (LEFTARG = rolecode, RIGHTARG = rolecode, FUNCTION = pg_temp.cm_rev_ge);
CREATE OPERATOR pg_temp.>>> (LEFTARG = rolecode, RIGHTARG = rolecode, FUNCTION = pg_temp.cm_rev_gt);
CREATE OPERATOR CLASS pg_temp.cm_rev_ops FOR TYPE rolecode USING btree FAMILY pg_temp.cm_rev AS
  OPERATOR 1 pg_temp.<<<, OPERATOR 2 pg_temp.<<=, OPERATOR 3 pg_temp.===, OPERATOR 4 pg_temp.>>=,
  OPERATOR 5 pg_temp.>>>, FUNCTION 1 pg_temp.cm_rev_cmp(rolecode, rolecode);
CREATE INDEX cm_rolecode_e_rev ON cm_rolecode (e pg_temp.cm_rev_ops);
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_rolecode x WHERE x.e <@ 'A.AB'$$) !~ 'Index Cond',
  'rolecode: a btree of a reversed operator family gets no containment condition');
SELECT is((pg_temp.cm_by_index(NULL, $$SELECT count(*) FROM cm_rolecode x WHERE x.e <@ 'A.AB'$$))[1],
  (SELECT count(*)::text FROM cm_rolecode WHERE e <@ 'A.AB'), '... and still answers right');
DROP INDEX cm_rolecode_e_rev;
-- A descending btree column is the same family: it gets the conditions.
CREATE INDEX cm_rolecode_e_desc ON cm_rolecode (e DESC);
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_rolecode x WHERE x.e <@ 'A.AB'$$) ~ 'Index Cond: \(\(e >= ',
  'rolecode: a DESC btree column gets the range');
SELECT is((pg_temp.cm_by_index(NULL, $$SELECT string_agg(x.e::text, ',' ORDER BY x.e DESC) FROM cm_rolecode x WHERE x.e <@ 'A.AB.A'$$))[1],
  'A.AB.A.B,A.AB.A.A_,A.AB.A.AB,A.AB.A.A0,A.AB.A.A,A.AB.A', '... and reads the subtree in descending order');
DROP INDEX cm_rolecode_e_desc;
-- An index on an expression: the expression is the indexed operand.
CREATE INDEX cm_rolecode_e_prefix ON cm_rolecode (code_prefix(e, 2));
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_rolecode x WHERE code_prefix(x.e, 2) <@ 'A.AB'$$)
  ~ $$Index Cond: \(\((roleext\.)?code_prefix\(e, 2\) >= 'A\.AB'$$, 'rolecode: an expression index gets the range');
SELECT is((pg_temp.cm_by_index(NULL, $$SELECT count(*) FROM cm_rolecode x WHERE code_prefix(x.e, 2) <@ 'A.AB'$$))[1],
  (pg_temp.cm_by_seq(NULL, $$SELECT count(*) FROM cm_rolecode x WHERE code_prefix(x.e, 2) <@ 'A.AB'$$))[1],
  '... and answers as a sequential scan');
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_rolecode x WHERE code_contained_by(code_prefix(x.e, 2), x.e)$$) !~ 'Index Cond',
  'rolecode: an expression index is not given a condition on its own relation''s column');
DROP INDEX cm_rolecode_e_prefix;
-- A second index column: the range is offered, the ancestor list is not
-- (= ANY on a later column would return rows out of index order).
CREATE INDEX cm_soccode_id_e ON cm_soccode ((id % 2), e);
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_soccode x WHERE id % 2 = 0 AND x.e <@ '15-1200'$$)
  ~ 'Index Cond: \(\(\(id % 2\) = 0\) AND \(e >= ', 'soccode: the range on a second index column');
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_soccode x WHERE id % 2 = 0 AND x.e @> '15-1252.01'$$) !~ 'ANY',
  'soccode: no = ANY on a second index column');
SELECT is((pg_temp.cm_by_index(NULL, $$SELECT string_agg(x.e::text, ',' ORDER BY id % 2, e) FROM cm_soccode x WHERE id % 2 = 0 AND x.e @> '15-1252.01'$$))[1],
  (pg_temp.cm_by_seq(NULL, $$SELECT string_agg(x.e::text, ',' ORDER BY id % 2, e) FROM cm_soccode x WHERE id % 2 = 0 AND x.e @> '15-1252.01'$$))[1],
  '... and answers as a sequential scan');
DROP INDEX cm_soccode_id_e;
-- A domain over rolecode: the column reaches the function through a
-- relabeling, which the index still matches.
CREATE DOMAIN pg_temp.cm_code AS rolecode;
CREATE TEMP TABLE cm_domain AS SELECT id, c::pg_temp.cm_code AS c FROM cm_rolecode;
CREATE INDEX ON cm_domain (c);
ANALYZE cm_domain;
SELECT ok(pg_temp.index_plan($$SELECT * FROM cm_domain x WHERE x.c <@ 'A.AB'$$) ~ 'Index Cond: \(\(\(c\)::(roleext\.)?rolecode >= ',
  'a domain over rolecode: the index gets the range');
SELECT is((pg_temp.cm_by_index(NULL, $$SELECT count(*) FROM cm_domain x WHERE code_contains(x.c, 'A.AB.A0')$$))[1],
  (pg_temp.cm_by_seq(NULL, $$SELECT count(*) FROM cm_domain x WHERE code_contains(x.c, 'A.AB.A0')$$))[1],
  '... and answers as a sequential scan');
-- NULL on the other side: no row, through the index or not.
SELECT is((pg_temp.forced($$SELECT count(*) FROM cm_rolecode x WHERE x.c <@ (SELECT NULL::rolecode)$$))[1], '0',
  'rolecode: <@ a NULL from a subquery finds nothing');
PREPARE cm_null(soccode) AS SELECT count(*) FROM cm_soccode x WHERE soc_contains(x.c, $1);
SELECT is((pg_temp.cm_by_index(NULL, 'EXECUTE cm_null(NULL)'))[1], '0', 'soccode: @> a NULL parameter finds nothing');
DEALLOCATE cm_null;

SELECT * FROM finish();
ROLLBACK;
