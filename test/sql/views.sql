-- The views BI tools read: standard SQL types only, every column commented,
-- each rule in one internal view that the BI view and its typed twin read,
-- the typed twins agree with them, one-role filters go through indexes;
-- and the small promises the tour makes (soc_is_official, the ISCO-08
-- defaults, unknown roles, the || operator).
\i test/setup.sql
SELECT plan(36);

\o /dev/null
\i sample/load.sql
\o

CREATE TEMP VIEW ext_views AS
  SELECT c.oid AS view_oid, c.relname
  FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'roleext'
  JOIN pg_class c ON c.oid = d.objid AND d.classid = 'pg_class'::regclass
  WHERE d.deptype = 'e' AND c.relkind IN ('v', 'm');
-- the internal views (<view>_internal, roleext's types) and the BI views
CREATE TEMP VIEW ext_internal_views AS SELECT * FROM ext_views WHERE relname LIKE '%\_internal';
CREATE TEMP VIEW ext_bi_views AS SELECT * FROM ext_views WHERE relname NOT LIKE '%\_internal';
CREATE TEMP VIEW ext_view_columns AS
  SELECT v.relname, a.attname, a.atttypid, col_description(v.view_oid, a.attnum) AS remark
  FROM ext_views v JOIN pg_attribute a ON a.attrelid = v.view_oid AND a.attnum > 0 AND NOT a.attisdropped;
CREATE TEMP VIEW ext_bi_view_columns AS
  SELECT c.* FROM ext_view_columns c JOIN ext_bi_views v USING (relname);
-- what a view (its rewrite rule) or a function (its SQL body) reads directly
-- (pg_depend: the relation, or its columns)
CREATE TEMP VIEW reads AS
  SELECT DISTINCT coalesce(v.relname, p.proname) AS reader, CASE WHEN v.relname IS NULL THEN 'function' ELSE 'view' END AS kind,
         t.relname AS reads
  FROM pg_depend d
  JOIN pg_class t ON t.oid = d.refobjid AND d.refclassid = 'pg_class'::regclass
  LEFT JOIN pg_rewrite w ON d.classid = 'pg_rewrite'::regclass AND w.oid = d.objid
  LEFT JOIN pg_class v ON v.oid = w.ev_class
  LEFT JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND p.oid = d.objid
  WHERE t.relnamespace = 'roleext'::regnamespace AND t.relkind IN ('r', 'v') AND d.deptype = 'n'
    AND coalesce(v.oid, p.oid) IS NOT NULL AND v.oid IS DISTINCT FROM t.oid;

SELECT cmp_ok((SELECT count(*) FROM ext_bi_views), '>=', 9::bigint, 'the extension has its BI views');
SELECT is((SELECT string_agg(relname || '.' || attname, ', ' ORDER BY relname, attname)
             FROM ext_view_columns WHERE remark IS NULL OR btrim(remark) = ''), NULL,
          'every column of every view, internal ones too, has a comment (JDBC REMARKS, dbt docs)');
SELECT is((SELECT round(100.0 * count(*) FILTER (WHERE remark IS NOT NULL) / count(*)) FROM ext_view_columns), 100::numeric,
          '100 % of view columns commented');
SELECT is((SELECT string_agg(relname || '.' || attname || ' ' || format_type(atttypid, NULL), ', ' ORDER BY relname, attname)
             FROM ext_bi_view_columns
            WHERE atttypid NOT IN ('text'::regtype, 'varchar'::regtype, 'numeric'::regtype, 'int2'::regtype, 'int4'::regtype,
                                   'int8'::regtype, 'bool'::regtype, 'float4'::regtype, 'float8'::regtype, 'date'::regtype,
                                   'timestamptz'::regtype, 'timestamp'::regtype)), NULL,
          'no BI view column has a roleext type, an enum, a range, an array or any other non-standard type');
SELECT is((SELECT count(*) FROM information_schema.columns c JOIN ext_bi_views v ON v.relname = c.table_name
            WHERE c.table_schema = 'roleext' AND c.data_type IN ('USER-DEFINED', 'ARRAY')), 0::bigint,
          'information_schema.columns: no USER-DEFINED or ARRAY BI view column');

-- one owner per rule: the internal views, each named after its BI view and
-- commented as internal, are what the BI views and the typed twins read
SELECT is((SELECT string_agg(relname, ', ' ORDER BY relname) FROM ext_internal_views),
          'role_mappings_internal, soc_hierarchy_internal, taxonomy_ancestors_internal, taxonomy_tree_internal',
          'the internal views');
SELECT is((SELECT string_agg(i.relname, ', ' ORDER BY i.relname) FROM ext_internal_views i
            WHERE obj_description(i.view_oid, 'pg_class') NOT LIKE 'Internal to %'
               OR NOT EXISTS (SELECT FROM ext_bi_views b WHERE b.relname || '_internal' = i.relname)
               OR to_regprocedure('roleext.' || replace(i.relname, '_internal', '') || '()') IS NULL),
          NULL, 'each is named <BI view>_internal, has a BI view and a typed twin of that name, and says "Internal to" in its comment');
SELECT is((SELECT string_agg(reader || ' ' || kind, ', ' ORDER BY reader, kind) FROM reads
            WHERE reads = replace(reader, '_internal', '') || '_internal' AND reader NOT LIKE '%\_internal'),
          'role_mappings function, role_mappings view, soc_hierarchy function, soc_hierarchy view, taxonomy_ancestors function, taxonomy_ancestors view, taxonomy_tree function, taxonomy_tree view',
          'each BI view and each typed twin reads its internal view');
SELECT is((SELECT string_agg(reader || ' ' || kind || ' reads ' || reads, ', ' ORDER BY reader, kind, reads) FROM reads
            WHERE reader IN ('role_mappings', 'soc_hierarchy', 'taxonomy_ancestors', 'taxonomy_tree', 'role_soc', 'role_card')
              AND reads NOT LIKE '%\_internal'),
          'role_card view reads level, role_card view reads role, role_card view reads role_alias, role_card view reads role_component, role_soc view reads role',
          '... and no table of its rule: the BI views and twins read no rule''s tables but through the internal views');
SELECT is((SELECT string_agg(reader || ' reads ' || reads, ', ' ORDER BY reader, reads) FROM reads
            WHERE reader LIKE '%\_internal'),
          'role_mappings_internal reads mapping, role_mappings_internal reads role, role_mappings_internal reads taxonomy_ancestors_internal, '
          'soc_hierarchy_internal reads onet2019_occupation, soc_hierarchy_internal reads soc2018_code, '
          'taxonomy_ancestors_internal reads taxonomy, taxonomy_tree_internal reads taxonomy',
          'the internal views read the tables, and the inheritance of mappings reads the ancestors'' rule');
SELECT is((SELECT string_agg(reader || ' ' || kind || ' reads ' || reads, ', ' ORDER BY reader, kind, reads) FROM reads
            WHERE reads = 'taxonomy_ancestors_internal'),
          'role_mappings_internal view reads taxonomy_ancestors_internal, taxonomy_ancestors function reads taxonomy_ancestors_internal, taxonomy_ancestors view reads taxonomy_ancestors_internal',
          'the rule of a node''s ancestors has one owner, read by its view, its twin and the inheritance of mappings');

-- the BI queries of the issue, with no search_path and no casts
SET LOCAL search_path = public;
SELECT lives_ok($$SELECT c.function_name, c.level, a.alias, a.band FROM roleext.role_card c
                  JOIN roleext.role_aliases a USING (role) WHERE a.approved IS NULL$$, 'view-to-view join on role (the README''s analyst query)');
SELECT is((SELECT count(*) FROM roleext.role_card WHERE role = 'SWE.BE.P3'), 1::bigint, 'role = unknown literal');
SELECT is((SELECT count(*) FROM roleext.role_card WHERE role = 'SWE.BE.P3'::varchar), 1::bigint, 'role = varchar (JDBC setString)');
SELECT is((SELECT count(*) FROM roleext.role_card WHERE role LIKE 'SWE.%' AND upper(role) = role AND role IN ('SWE.BE.P3', 'SWE.BE.P4')),
          2::bigint, 'LIKE, upper(), IN');
SELECT is((SELECT count(*) FROM roleext.role_card WHERE COALESCE(family_code, '(none)') = '(none)'),
          (SELECT count(*) FROM roleext.role_card), 'COALESCE(family_code, ''(none)'')');
SELECT lives_ok($$SELECT avg(confidence), sum(confidence), min(confidence) FROM roleext.role_aliases WHERE confidence >= 0.8$$,
                'avg/sum on confidence, confidence >= 0.8');
SELECT is((SELECT count(*) FROM roleext.soc_hierarchy WHERE code LIKE '15-%' AND level = 'detailed'),
          (SELECT count(*) FROM roleext.soc2018_code WHERE code OPERATOR(roleext.<@) '15-0000' AND level = 'detailed'),
          'soc_hierarchy: LIKE on a code');
CREATE TEMP TABLE hris (employee_id int, job_code text);
INSERT INTO hris VALUES (1, 'SWE.BE.P3'), (2, 'SWE.BE.P4'), (3, 'NOPE.P1');
SELECT is((SELECT count(*) FROM hris h JOIN roleext.role_card c ON c.role = h.job_code), 2::bigint,
          'join to an HRIS table''s text column');
SET LOCAL search_path = roleext, public;

-- typed twins agree with their views (both read the internal view: this
-- checks the casts and the column lists)
SELECT is((SELECT count(*) FROM (SELECT node::text, ancestor::text, ancestor_kind::text, distance FROM taxonomy_ancestors()
                                  EXCEPT ALL SELECT * FROM taxonomy_ancestors) x), 0::bigint, 'taxonomy_ancestors() = view');
SELECT is((SELECT count(*) FROM (SELECT node::text, kind::text, name, parent::text, superfunction_code::text, superfunction_name,
                                        function_code::text, function_name, family_code::text, family_name,
                                        specialization_code::text, specialization_name, chain_length FROM taxonomy_tree()
                                  EXCEPT ALL SELECT * FROM taxonomy_tree) x), 0::bigint, 'taxonomy_tree() = view');
SELECT is((SELECT count(*) FROM (SELECT role::text, scheme::text, code, source::text, review_status::text, confidence::numeric,
                                        reviewer, reviewed_at, note, inherited_from::text FROM role_mappings()
                                  EXCEPT ALL SELECT * FROM role_mappings) x), 0::bigint, 'role_mappings() = view');
SELECT is((SELECT count(*) FROM soc_hierarchy()), (SELECT count(*) FROM soc_hierarchy), 'soc_hierarchy() = view (rows)');

-- a one-role filter on the text column goes through indexes (with fresh
-- statistics: on 83 rows, without them, any index is about as cheap)
ANALYZE role, role_alias, role_component, mapping, taxonomy;
SET LOCAL enable_seqscan = off;
SELECT matches(pg_temp.plan_of($$SELECT * FROM role_card WHERE role = 'SWE.BE.P3'$$), 'role_code_text_idx',
               'role_card WHERE role = ...: index scan on the role code''s text');
SELECT matches(pg_temp.plan_of($$SELECT * FROM role_aliases WHERE role = 'SWE.BE.P3'$$), 'role_code_text_idx',
               'role_aliases WHERE role = ...: the same');
SELECT matches(pg_temp.plan_of($$SELECT * FROM role_soc WHERE role = 'SWE.BE.P3'$$),
               'role_code_text_idx(.|\n)*role_code_text_idx(.|\n)*role_code_text_idx',
               'role_soc WHERE role = ...: the filter reaches role_mappings_internal too');
SELECT matches(pg_temp.plan_of($$SELECT * FROM role_mappings WHERE role = 'SWE.BE.P3'$$),
               'role_code_text_idx(.|\n)*role_code_text_idx',
               'role_mappings WHERE role = ...: through role_mappings_internal to both kinds of mapping, the role''s own and inherited');
RESET enable_seqscan;

-- soc_is_official: the form is the type's business, the list the tables'
SELECT is('15-9999'::soccode::text, '15-9999', '15-9999 is a well-formed soccode ...');
SELECT results_eq($$SELECT soc_is_official('15-9999'), soc_is_official('15-1252'), soc_is_official('15-1252.00', 'onet2019'),
                           soc_is_official('15-1252', '2010'), soc_is_official('15-1132', '2010'), soc_is_official('15-0000')$$,
                  $$VALUES (false, true, true, false, true, true)$$,
                  '... and soc_is_official says it is no occupation; 15-1252 is one in 2018, not in 2010');
SELECT throws_ok($$SELECT soc_is_official('15-1252', '1999')$$, '22023', 'invalid SOC version "1999"', 'soc_is_official: unknown version');

-- soc_to_isco08 and soc_from_isco08 both default to SOC 2018
SELECT is(pg_get_function_arguments('soc_to_isco08'::regproc) || ' / ' || pg_get_function_arguments('soc_from_isco08'::regproc),
          'code soccode, version text DEFAULT ''2018''::text / isco08 text, version text DEFAULT ''2018''::text',
          'soc_to_isco08 and soc_from_isco08 default to 2018');
SELECT ok('2512' IN (SELECT soc_to_isco08('15-1252')) AND '15-1252'::soccode IN (SELECT soc_from_isco08('2512')),
          '15-1252 (SOC 2018) <-> 2512 both ways with the defaults');

-- an unknown role: the same answer from role_card_json and adjacent_roles
SELECT is(pg_temp.error_of($$SELECT role_card_json('SWE.BE.P9')$$),
          '22023: role SWE.BE.P9 does not exist / role_card_json takes the code of a role in table roleext.role.',
          'role_card_json of an unknown role: 22023');
SELECT is(pg_temp.error_of($$SELECT * FROM adjacent_roles('SWE.BE.P9')$$),
          '22023: role SWE.BE.P9 does not exist / adjacent_roles takes the code of a role in table roleext.role.',
          'adjacent_roles of an unknown role: the same');

-- the || operator does what its comment says
SELECT is(('DEI.GEN'::rolecode || 'P1')::text, 'DEI.GEN.P1', 'rolecode || untyped level literal');
SELECT matches(obj_description('roleext.||(roleext.rolecode, roleext.rolelevel)'::regoperator, 'pg_operator'),
               '''DEI.GEN''::rolecode \|\| ''P1'' = ''DEI.GEN.P1''', '... as its comment says');

SELECT * FROM finish();
ROLLBACK;
