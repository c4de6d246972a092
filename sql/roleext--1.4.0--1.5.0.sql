-- roleext 1.4.0 -> 1.5.0: the taxonomy's tables as Citus reference tables
-- (issue #18, doc/citus.md).  Nothing Citus cannot plan is left in the SQL
-- that reads the taxonomy where it runs on Citus: the views' typed twins are
-- no longer inlined and the views carry their bodies; role_coord, the
-- coordinate trigger and role_card_json read the tables by their keys;
-- card_holding is called in the select list where Citus plans it; the
-- importer and review_mapping compare roleext values in forms Citus sends
-- to the nodes intact.  The full script of 1.5.0 is sql/NN_*.sql; this
-- step makes a 1.4.0 database equal to it.
\echo Use "ALTER EXTENSION roleext UPDATE TO '1.5.0'" to load this file. \quit

-- Names resolve in roleext and pg_catalog only (doc/security.md).
SELECT pg_catalog.set_config('search_path', 'roleext, pg_catalog, pg_temp', true);


-- 1. The typed twins: not inlined (SET search_path), so that Citus plans
-- their bodies as queries of their own.

CREATE OR REPLACE FUNCTION soc_hierarchy()
RETURNS TABLE (code soccode, level text, title text,
               major_code soccode, major_title text, minor_code soccode, minor_title text,
               broad_code soccode, broad_title text, detailed_code soccode, detailed_title text,
               onet_code soccode, onet_title text)
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, roleext, pg_temp
BEGIN ATOMIC
  SELECT c.code, c.level, c.title,
         ma.code, ma.title,
         mi.code, mi.title,
         br.code, br.title,
         de.code, de.title,
         CASE WHEN c.level = 'onet' THEN c.code END,
         CASE WHEN c.level = 'onet' THEN c.title END
  FROM (SELECT s.code, s.level, s.title FROM roleext.soc2018_code s
        UNION ALL
        SELECT o.code, 'onet', o.title FROM roleext.onet2019_occupation o) c
  LEFT JOIN roleext.soc2018_code ma ON ma.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'major')
  LEFT JOIN roleext.soc2018_code mi ON mi.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'minor')
  LEFT JOIN roleext.soc2018_code br ON br.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'broad')
  LEFT JOIN roleext.soc2018_code de ON de.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'detailed');
END;

COMMENT ON FUNCTION soc_hierarchy() IS
  'Typed twin of view soc_hierarchy: every SOC 2018 code and O*NET-SOC 2019 occupation with its major, minor, broad and detailed groups as soccodes. Not inlined (a SET clause), so that Citus can plan it over its reference tables; it returns every row, and the view of the same name is the one a filter reaches the indexes through.';

CREATE OR REPLACE FUNCTION taxonomy_tree()
RETURNS TABLE (node rolecode, kind node_kind, name text, parent rolecode,
               superfunction_code rolecode, superfunction_name text,
               function_code rolecode, function_name text,
               family_code rolecode, family_name text,
               specialization_code rolecode, specialization_name text,
               chain_length int4)
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, roleext, pg_temp
BEGIN ATOMIC
  SELECT t0.code, t0.kind, t0.name, t0.parent,
         CASE 'superfunction'::roleext.node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
              WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END,
         CASE 'superfunction'::roleext.node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
              WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END,
         CASE 'function'::roleext.node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
              WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END,
         CASE 'function'::roleext.node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
              WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END,
         CASE 'family'::roleext.node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
              WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END,
         CASE 'family'::roleext.node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
              WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END,
         CASE 'specialization'::roleext.node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
              WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END,
         CASE 'specialization'::roleext.node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
              WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END,
         1 + (t1.code IS NOT NULL)::int4 + (t2.code IS NOT NULL)::int4 + (t3.code IS NOT NULL)::int4
  FROM roleext.taxonomy t0
  LEFT JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
  LEFT JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
  LEFT JOIN roleext.taxonomy t3 ON t3.code OPERATOR(roleext.=) t2.parent;
END;

COMMENT ON FUNCTION taxonomy_tree() IS
  'Typed twin of view taxonomy_tree: each taxonomy node with the code (rolecode) and name of its superfunction, function, family and specialization. Not inlined (a SET clause), so that Citus can plan it over its reference tables; it returns every row, and the view of the same name is the one a filter reaches the indexes through.';

CREATE OR REPLACE FUNCTION taxonomy_ancestors()
RETURNS TABLE (node rolecode, ancestor rolecode, ancestor_kind node_kind, distance int4)
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, roleext, pg_temp
BEGIN ATOMIC
  SELECT t0.code, t0.code, t0.kind, 0 FROM roleext.taxonomy t0
  UNION ALL
  SELECT t0.code, t1.code, t1.kind, 1 FROM roleext.taxonomy t0
    JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
  UNION ALL
  SELECT t0.code, t2.code, t2.kind, 2 FROM roleext.taxonomy t0
    JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
    JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
  UNION ALL
  SELECT t0.code, t3.code, t3.kind, 3 FROM roleext.taxonomy t0
    JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
    JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
    JOIN roleext.taxonomy t3 ON t3.code OPERATOR(roleext.=) t2.parent;
END;

COMMENT ON FUNCTION taxonomy_ancestors() IS
  'Typed twin of view taxonomy_ancestors: every (node, ancestor) pair of the taxonomy as rolecodes, the node itself at distance 0, its parent at 1 and so on up. Not inlined (a SET clause), so that Citus can plan it over its reference tables; it returns every row, and the view of the same name is the one a filter reaches the indexes through.';

CREATE OR REPLACE FUNCTION role_mappings()
RETURNS TABLE (role rolecode, scheme mapping_scheme, code text, source mapping_source,
               review_status review_status, confidence confidence, reviewer text,
               reviewed_at timestamptz, note text, inherited_from rolecode, soc soccode)
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, roleext, pg_temp
BEGIN ATOMIC
WITH candidate AS (
  SELECT r.code AS role, 0 AS distance, NULL::rolecode AS inherited_from,
         m.scheme, m.code, m.source, m.review_status, m.confidence, m.reviewer, m.reviewed_at, m.note, m.soc
  FROM role r JOIN mapping m ON m.role = r.code
  WHERE m.review_status <> 'rejected'
  UNION ALL
  SELECT r.code, 1 + a.distance, a.ancestor,
         m.scheme, m.code, ('inferred_from_' || a.ancestor_kind)::mapping_source, 'needs_review'::review_status,
         m.confidence, NULL, NULL, m.note, m.soc
  FROM role r
  -- the body of taxonomy_ancestors(), written out
  JOIN (
      SELECT t0.code, t0.code, t0.kind, 0 FROM roleext.taxonomy t0
      UNION ALL
      SELECT t0.code, t1.code, t1.kind, 1 FROM roleext.taxonomy t0
        JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
      UNION ALL
      SELECT t0.code, t2.code, t2.kind, 2 FROM roleext.taxonomy t0
        JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
        JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
      UNION ALL
      SELECT t0.code, t3.code, t3.kind, 3 FROM roleext.taxonomy t0
        JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
        JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
        JOIN roleext.taxonomy t3 ON t3.code OPERATOR(roleext.=) t2.parent
  ) a(node, ancestor, ancestor_kind, distance) ON a.node = r.node
  JOIN mapping m ON m.node = a.ancestor
  WHERE m.review_status <> 'rejected'
    AND NOT EXISTS (SELECT 1 FROM mapping x
                    WHERE x.role = r.code AND x.scheme = m.scheme AND x.code = m.code
                      AND x.review_status = 'rejected')
)
SELECT role, scheme, code, source, review_status, confidence, reviewer, reviewed_at, note, inherited_from, soc
FROM (SELECT c.*, rank() OVER (PARTITION BY c.role, c.scheme ORDER BY c.distance) AS rk FROM candidate c) s
WHERE rk = 1;
END;

COMMENT ON FUNCTION role_mappings() IS
  'Typed twin of view role_mappings: the effective mappings of every role in every scheme (its own unless rejected, else its nearest mapped ancestor''s with source inferred_from_<kind>, status needs_review and inherited_from naming the node), with roleext types; soc is the code typed for the SOC schemes. Not inlined (a SET clause), so that Citus can plan it over its reference tables; it returns every row, and the view of the same name is the one a filter reaches the indexes through.';

-- 2. The views carry the twins' bodies: a filter on them still reaches the
-- tables' indexes on one node, and Citus sees its tables.

CREATE OR REPLACE VIEW soc_hierarchy AS
SELECT h.code::text AS code, h.level, h.title,
       h.major_code::text AS major_code, h.major_title,
       h.minor_code::text AS minor_code, h.minor_title,
       h.broad_code::text AS broad_code, h.broad_title,
       h.detailed_code::text AS detailed_code, h.detailed_title,
       h.onet_code::text AS onet_code, h.onet_title
FROM (
    SELECT c.code, c.level, c.title,
           ma.code, ma.title,
           mi.code, mi.title,
           br.code, br.title,
           de.code, de.title,
           CASE WHEN c.level = 'onet' THEN c.code END,
           CASE WHEN c.level = 'onet' THEN c.title END
    FROM (SELECT s.code, s.level, s.title FROM roleext.soc2018_code s
          UNION ALL
          SELECT o.code, 'onet', o.title FROM roleext.onet2019_occupation o) c
    LEFT JOIN roleext.soc2018_code ma ON ma.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'major')
    LEFT JOIN roleext.soc2018_code mi ON mi.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'minor')
    LEFT JOIN roleext.soc2018_code br ON br.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'broad')
    LEFT JOIN roleext.soc2018_code de ON de.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'detailed')
) h(code, level, title, major_code, major_title, minor_code, minor_title, broad_code, broad_title,
       detailed_code, detailed_title, onet_code, onet_title);

CREATE OR REPLACE VIEW taxonomy_tree AS
SELECT t.node::text AS node, t.kind::text AS kind, t.name, t.parent::text AS parent,
       t.superfunction_code::text AS superfunction_code, t.superfunction_name,
       t.function_code::text AS function_code, t.function_name,
       t.family_code::text AS family_code, t.family_name,
       t.specialization_code::text AS specialization_code, t.specialization_name,
       t.chain_length
FROM (
    SELECT t0.code, t0.kind, t0.name, t0.parent,
           CASE 'superfunction'::roleext.node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
                WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END,
           CASE 'superfunction'::roleext.node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
                WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END,
           CASE 'function'::roleext.node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
                WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END,
           CASE 'function'::roleext.node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
                WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END,
           CASE 'family'::roleext.node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
                WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END,
           CASE 'family'::roleext.node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
                WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END,
           CASE 'specialization'::roleext.node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
                WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END,
           CASE 'specialization'::roleext.node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
                WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END,
           1 + (t1.code IS NOT NULL)::int4 + (t2.code IS NOT NULL)::int4 + (t3.code IS NOT NULL)::int4
    FROM roleext.taxonomy t0
    LEFT JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
    LEFT JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
    LEFT JOIN roleext.taxonomy t3 ON t3.code OPERATOR(roleext.=) t2.parent
) t(node, kind, name, parent, superfunction_code, superfunction_name, function_code, function_name,
       family_code, family_name, specialization_code, specialization_name, chain_length);

CREATE OR REPLACE VIEW taxonomy_ancestors AS
SELECT a.node::text AS node, a.ancestor::text AS ancestor, a.ancestor_kind::text AS ancestor_kind, a.distance
FROM (
    SELECT t0.code, t0.code, t0.kind, 0 FROM roleext.taxonomy t0
    UNION ALL
    SELECT t0.code, t1.code, t1.kind, 1 FROM roleext.taxonomy t0
      JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
    UNION ALL
    SELECT t0.code, t2.code, t2.kind, 2 FROM roleext.taxonomy t0
      JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
      JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
    UNION ALL
    SELECT t0.code, t3.code, t3.kind, 3 FROM roleext.taxonomy t0
      JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
      JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
      JOIN roleext.taxonomy t3 ON t3.code OPERATOR(roleext.=) t2.parent
) a(node, ancestor, ancestor_kind, distance);

CREATE OR REPLACE VIEW role_card AS
SELECT r.code::text AS role,
       r.title,
       r.level::text AS level,
       l.name AS level_name,
       l.description AS level_description,
       l.grade AS level_grade,
       l.scope AS level_scope,
       l.autonomy AS level_autonomy,
       l.complexity AS level_complexity,
       l.impact AS level_impact,
       l.decision_rights AS level_decision_rights,
       l.leadership AS level_leadership,
       roleext.level_experience_text(l.experience) AS level_typical_experience,
       CASE WHEN NOT lower_inf(l.experience) THEN lower(l.experience) END AS level_experience_min_years,
       CASE WHEN NOT upper_inf(l.experience) THEN upper(l.experience) - 1 END AS level_experience_max_years,
       r.node::text AS node,
       tt.kind::text AS node_kind,
       tt.name AS node_name,
       tt.superfunction_code::text AS superfunction_code, tt.superfunction_name,
       tt.function_code::text AS function_code, tt.function_name,
       tt.family_code::text AS family_code, tt.family_name,
       tt.specialization_code::text AS specialization_code, tt.specialization_name,
       r.summary,
       r.story_who,
       r.story_external_problem,
       r.story_internal_problem,
       r.story_why_it_matters,
       array_to_string(r.story_plan, E'\n') AS story_plan,
       cardinality(r.story_plan) AS story_plan_steps,
       r.story_stakes,
       r.story_success,
       c.responsibilities,
       c.tasks,
       c.skills,
       c.knowledge,
       c.competencies,
       c.qualifications,
       c.outputs,
       a.aliases,
       r.updated_at
FROM roleext.role r
JOIN roleext.level l ON l.code OPERATOR(roleext.=) r.level
-- the body of taxonomy_tree(), written out (doc/views.md, "Views on Citus")
JOIN (
    SELECT t0.code, t0.kind, t0.name, t0.parent,
           CASE 'superfunction'::roleext.node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
                WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END,
           CASE 'superfunction'::roleext.node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
                WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END,
           CASE 'function'::roleext.node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
                WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END,
           CASE 'function'::roleext.node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
                WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END,
           CASE 'family'::roleext.node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
                WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END,
           CASE 'family'::roleext.node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
                WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END,
           CASE 'specialization'::roleext.node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
                WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END,
           CASE 'specialization'::roleext.node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
                WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END,
           1 + (t1.code IS NOT NULL)::int4 + (t2.code IS NOT NULL)::int4 + (t3.code IS NOT NULL)::int4
    FROM roleext.taxonomy t0
    LEFT JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
    LEFT JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
    LEFT JOIN roleext.taxonomy t3 ON t3.code OPERATOR(roleext.=) t2.parent
) tt(node, kind, name, parent, superfunction_code, superfunction_name, function_code, function_name,
       family_code, family_name, specialization_code, specialization_name, chain_length) ON tt.node OPERATOR(roleext.=) r.node
-- per role, through the primary keys (role, ...): a filter on one role
-- counts that role's components only
CROSS JOIN LATERAL (
  SELECT count(*) FILTER (WHERE rc.kind = 'responsibility')::int4 AS responsibilities,
         count(*) FILTER (WHERE rc.kind = 'task')::int4 AS tasks,
         count(*) FILTER (WHERE rc.kind = 'skill')::int4 AS skills,
         count(*) FILTER (WHERE rc.kind = 'knowledge')::int4 AS knowledge,
         count(*) FILTER (WHERE rc.kind = 'competency')::int4 AS competencies,
         count(*) FILTER (WHERE rc.kind = 'qualification')::int4 AS qualifications,
         count(*) FILTER (WHERE rc.kind = 'output')::int4 AS outputs
  FROM roleext.role_component rc WHERE rc.role OPERATOR(roleext.=) r.code
) c
CROSS JOIN LATERAL (
  SELECT count(*)::int4 AS aliases FROM roleext.role_alias ra WHERE ra.role OPERATOR(roleext.=) r.code
) a;

CREATE OR REPLACE VIEW role_mappings AS
SELECT m.role::text AS role, m.scheme::text AS scheme, m.code, m.source::text AS source,
       m.review_status::text AS review_status, m.confidence::numeric(5,4) AS confidence,
       m.reviewer, m.reviewed_at, m.note, m.inherited_from::text AS inherited_from
FROM (
  WITH candidate AS (
    SELECT r.code AS role, 0 AS distance, NULL::rolecode AS inherited_from,
           m.scheme, m.code, m.source, m.review_status, m.confidence, m.reviewer, m.reviewed_at, m.note, m.soc
    FROM role r JOIN mapping m ON m.role = r.code
    WHERE m.review_status <> 'rejected'
    UNION ALL
    SELECT r.code, 1 + a.distance, a.ancestor,
           m.scheme, m.code, ('inferred_from_' || a.ancestor_kind)::mapping_source, 'needs_review'::review_status,
           m.confidence, NULL, NULL, m.note, m.soc
    FROM role r
    -- the body of taxonomy_ancestors(), written out
    JOIN (
        SELECT t0.code, t0.code, t0.kind, 0 FROM roleext.taxonomy t0
        UNION ALL
        SELECT t0.code, t1.code, t1.kind, 1 FROM roleext.taxonomy t0
          JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
        UNION ALL
        SELECT t0.code, t2.code, t2.kind, 2 FROM roleext.taxonomy t0
          JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
          JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
        UNION ALL
        SELECT t0.code, t3.code, t3.kind, 3 FROM roleext.taxonomy t0
          JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
          JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
          JOIN roleext.taxonomy t3 ON t3.code OPERATOR(roleext.=) t2.parent
    ) a(node, ancestor, ancestor_kind, distance) ON a.node = r.node
    JOIN mapping m ON m.node = a.ancestor
    WHERE m.review_status <> 'rejected'
      AND NOT EXISTS (SELECT 1 FROM mapping x
                      WHERE x.role = r.code AND x.scheme = m.scheme AND x.code = m.code
                        AND x.review_status = 'rejected')
  )
  SELECT role, scheme, code, source, review_status, confidence, reviewer, reviewed_at, note, inherited_from, soc
  FROM (SELECT c.*, rank() OVER (PARTITION BY c.role, c.scheme ORDER BY c.distance) AS rk FROM candidate c) s
  WHERE rk = 1
) m(role, scheme, code, source, review_status, confidence, reviewer, reviewed_at, note, inherited_from, soc);

CREATE OR REPLACE VIEW role_soc AS
SELECT r.code::text AS role,
       m.scheme::text AS scheme,
       m.soc::text AS code,
       h.title,
       m.source::text AS source,
       m.review_status::text AS review_status,
       m.confidence::numeric(5,4) AS confidence,
       m.reviewer,
       m.reviewed_at,
       m.inherited_from::text AS inherited_from,
       h.major_code::text AS major_code, h.major_title,
       h.minor_code::text AS minor_code, h.minor_title,
       h.broad_code::text AS broad_code, h.broad_title,
       h.detailed_code::text AS detailed_code, h.detailed_title
FROM role r
-- joined on the text of the code, so that a filter on the view's role column
-- (role = 'DEI.GEN.P1') reaches role_mappings() and its index scans
-- (the bodies of role_mappings() and soc_hierarchy(), written out)
LEFT JOIN (
  WITH candidate AS (
    SELECT r.code AS role, 0 AS distance, NULL::rolecode AS inherited_from,
           m.scheme, m.code, m.source, m.review_status, m.confidence, m.reviewer, m.reviewed_at, m.note, m.soc
    FROM role r JOIN mapping m ON m.role = r.code
    WHERE m.review_status <> 'rejected'
    UNION ALL
    SELECT r.code, 1 + a.distance, a.ancestor,
           m.scheme, m.code, ('inferred_from_' || a.ancestor_kind)::mapping_source, 'needs_review'::review_status,
           m.confidence, NULL, NULL, m.note, m.soc
    FROM role r
    -- the body of taxonomy_ancestors(), written out
    JOIN (
        SELECT t0.code, t0.code, t0.kind, 0 FROM roleext.taxonomy t0
        UNION ALL
        SELECT t0.code, t1.code, t1.kind, 1 FROM roleext.taxonomy t0
          JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
        UNION ALL
        SELECT t0.code, t2.code, t2.kind, 2 FROM roleext.taxonomy t0
          JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
          JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
        UNION ALL
        SELECT t0.code, t3.code, t3.kind, 3 FROM roleext.taxonomy t0
          JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
          JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
          JOIN roleext.taxonomy t3 ON t3.code OPERATOR(roleext.=) t2.parent
    ) a(node, ancestor, ancestor_kind, distance) ON a.node = r.node
    JOIN mapping m ON m.node = a.ancestor
    WHERE m.review_status <> 'rejected'
      AND NOT EXISTS (SELECT 1 FROM mapping x
                      WHERE x.role = r.code AND x.scheme = m.scheme AND x.code = m.code
                        AND x.review_status = 'rejected')
  )
  SELECT role, scheme, code, source, review_status, confidence, reviewer, reviewed_at, note, inherited_from, soc
  FROM (SELECT c.*, rank() OVER (PARTITION BY c.role, c.scheme ORDER BY c.distance) AS rk FROM candidate c) s
  WHERE rk = 1
) m(role, scheme, code, source, review_status, confidence, reviewer, reviewed_at, note, inherited_from, soc) ON m.role::text = r.code::text AND m.scheme IN ('soc2018', 'onet2019')
LEFT JOIN (
    SELECT c.code, c.level, c.title,
           ma.code, ma.title,
           mi.code, mi.title,
           br.code, br.title,
           de.code, de.title,
           CASE WHEN c.level = 'onet' THEN c.code END,
           CASE WHEN c.level = 'onet' THEN c.title END
    FROM (SELECT s.code, s.level, s.title FROM roleext.soc2018_code s
          UNION ALL
          SELECT o.code, 'onet', o.title FROM roleext.onet2019_occupation o) c
    LEFT JOIN roleext.soc2018_code ma ON ma.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'major')
    LEFT JOIN roleext.soc2018_code mi ON mi.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'minor')
    LEFT JOIN roleext.soc2018_code br ON br.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'broad')
    LEFT JOIN roleext.soc2018_code de ON de.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'detailed')
) h(code, level, title, major_code, major_title, minor_code, minor_title, broad_code, broad_title,
       detailed_code, detailed_title, onet_code, onet_title) ON h.code = m.soc;

-- 3. Coordinates from the tables, by their keys.

CREATE OR REPLACE FUNCTION role_coord(code rolecode) RETURNS rolecoord
  LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  c roleext.rolecoord;
BEGIN
  -- PL/pgSQL rather than SQL: a SQL function that cannot be inlined is
  -- planned again at every call, and this one runs for every role written.
  -- The chain is read from the tables by their keys (not through
  -- taxonomy_tree(), whose inlined body Citus cannot plan over reference
  -- tables, doc/citus.md): the node, its parent and so on up, at most four.
  SELECT roleext.make_coord(CASE WHEN t0.kind = 'superfunction' THEN t0.code
                                 WHEN t1.kind = 'superfunction' THEN (t1.code::text || '.' || t0.code::text)::roleext.rolecode
                                 WHEN t2.kind = 'superfunction' THEN (t2.code::text || '.' || t0.code::text)::roleext.rolecode
                                 WHEN t3.kind = 'superfunction' THEN (t3.code::text || '.' || t0.code::text)::roleext.rolecode
                                 ELSE t0.code END,
                            l.grade)
    INTO c
    FROM roleext.taxonomy t0
    LEFT JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
    LEFT JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
    LEFT JOIN roleext.taxonomy t3 ON t3.code OPERATOR(roleext.=) t2.parent
    JOIN roleext.level l ON l.code OPERATOR(roleext.=) roleext.code_level(role_coord.code)
   WHERE t0.code OPERATOR(roleext.=) roleext.code_family(role_coord.code);
  RETURN c;
END $$;

CREATE OR REPLACE FUNCTION tg_taxonomy_coords() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, roleext, pg_temp AS $$
BEGIN
  -- role and taxonomy here: the tables themselves, or their shards on a
  -- Citus node (table_here), so that the statement is this node's own; the
  -- nodes below NEW found by their parents, not through
  -- taxonomy_ancestors() (doc/citus.md)
  EXECUTE pg_catalog.format(
    'UPDATE %1$s r SET coord = roleext.role_coord(r.code)
      WHERE r.node OPERATOR(roleext.=) ANY (
              SELECT t0.code FROM %2$s t0
                LEFT JOIN %2$s t1 ON t1.code OPERATOR(roleext.=) t0.parent
                LEFT JOIN %2$s t2 ON t2.code OPERATOR(roleext.=) t1.parent
               WHERE $1 OPERATOR(roleext.=) ANY (ARRAY[t0.code, t0.parent, t1.parent, t2.parent]))
        AND NOT coalesce(r.coord OPERATOR(roleext.=) roleext.role_coord(r.code), false)',
    roleext.table_here('roleext.role'), roleext.table_here('roleext.taxonomy')) USING NEW.code;
  RETURN NULL;
END $$;

-- 4. Role cards: card_holding names rolecode's =, the validators call it in
-- the select list, card_mapping_json takes the columns, role_card_json reads
-- the chain by its keys, the importer's comparisons.

CREATE OR REPLACE FUNCTION card_holding(b card_batch) RETURNS SETOF card_problem
  LANGUAGE sql STABLE PARALLEL SAFE
  ROWS 2  -- a good card has none
BEGIN ATOMIC
  WITH node AS MATERIALIZED (
    SELECT n.card, n.path, n.code, n.kind, n.o,
           CASE WHEN n.placed THEN n.parent ELSE old.parent END AS parent,
           old.code IS NOT NULL AS existed, old.kind AS old_kind, old.parent AS old_parent
    FROM unnest(b.nodes) WITH ORDINALITY n(card, path, code, kind, name, placed, parent, has_description, description, o)
    LEFT JOIN LATERAL (SELECT t.code, t.kind, t.parent FROM roleext.taxonomy t WHERE t.code = n.code OFFSET 0) old ON true),
  -- (a new node at the top is the lookup of a chain's first node above)
  moved AS (
    SELECT x.* FROM node x
    WHERE CASE WHEN x.existed THEN x.old_kind <> x.kind
                                   OR NOT coalesce(x.old_parent OPERATOR(roleext.=) x.parent,
                                                   x.old_parent IS NULL AND x.parent IS NULL)
               ELSE x.parent IS NOT NULL END)
  SELECT q.card, q.path, q.problem, q.detail, q.lookup, q.level, q.node, q.soc
  FROM (SELECT p.card, CASE WHEN p.lookup IS NULL THEN 1 ELSE 2 END AS part, p.n, p.path, p.problem, p.detail,
               p.lookup, p.level, p.node, p.soc
        FROM unnest(b.problems) WITH ORDINALITY p(card, path, problem, detail, lookup, level, node, soc, n)
        WHERE p.lookup IS NULL OR NOT CASE p.lookup
                WHEN 'level' THEN EXISTS (SELECT FROM roleext.level x WHERE x.code = p.level OFFSET 0)
                WHEN 'taxonomy' THEN EXISTS (SELECT FROM roleext.taxonomy x WHERE x.code = p.node OFFSET 0)
                WHEN 'soc2018' THEN EXISTS (SELECT FROM roleext.soc2018_code x WHERE x.code = p.soc OFFSET 0)
                WHEN 'onet2019' THEN EXISTS (SELECT FROM roleext.onet2019_occupation x WHERE x.code = p.soc OFFSET 0)
                WHEN 'soc2010' THEN EXISTS (SELECT FROM roleext.soc2010_code x WHERE x.code = p.soc OFFSET 0)
              END
        UNION ALL
        -- a node the document adds, moves or gives another kind, under its
        -- parent as the document leaves it
        SELECT x.card, 3, x.o, x.path || '.kind', f.problem, f.detail, NULL, NULL, NULL, NULL
        FROM moved x
        LEFT JOIN node pn ON pn.code = x.parent
        LEFT JOIN LATERAL (SELECT t.kind FROM roleext.taxonomy t WHERE t.code = x.parent OFFSET 0) pt ON true
        CROSS JOIN LATERAL roleext.card_node_problem(x.code, x.kind, x.parent, coalesce(pn.kind, pt.kind), false) f
        WHERE f.problem IS NOT NULL
        UNION ALL
        -- the children a node has in the database, when it changes its kind
        -- and they stay under it
        SELECT x.card, 3, x.o, x.path || '.kind', f.problem, f.detail, NULL, NULL, NULL, NULL
        FROM moved x
        CROSS JOIN LATERAL (SELECT c.code, c.kind FROM roleext.taxonomy c WHERE c.parent = x.code OFFSET 0) c
        LEFT JOIN node cn ON cn.code = c.code
        CROSS JOIN LATERAL roleext.card_node_problem(c.code, coalesce(cn.kind, c.kind), x.code, x.kind, true) f
        WHERE x.existed AND x.old_kind <> x.kind AND (cn.code IS NULL OR cn.parent = x.code)
          AND f.problem IS NOT NULL) q
  ORDER BY q.card, q.part, q.n, q.problem;
END;

CREATE OR REPLACE FUNCTION validate_role_card(card jsonb)
RETURNS TABLE (path text, problem text, detail text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT (h.p).path, (h.p).problem, (h.p).detail
    FROM roleext.card_parse(card, true, false) b, LATERAL (SELECT roleext.card_holding(b) AS p) h;
END;

CREATE OR REPLACE FUNCTION validate_role_cards(cards jsonb)
RETURNS TABLE (path text, problem text, detail text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT (h.p).path, (h.p).problem, (h.p).detail
    FROM roleext.card_parse(cards, false, false) b, LATERAL (SELECT roleext.card_holding(b) AS p) h;
END;

CREATE FUNCTION card_mapping_json(scheme mapping_scheme, code text, source mapping_source,
                                  review_status review_status, confidence text, reviewer text,
                                  reviewed_at timestamptz, note text) RETURNS jsonb
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN jsonb_strip_nulls(jsonb_build_object(
    'scheme', scheme, 'code', code, 'source', source, 'review_status', review_status,
    'confidence', confidence::numeric, 'reviewer', reviewer,
    'reviewed_at', card_time(reviewed_at), 'note', note));

COMMENT ON FUNCTION card_mapping_json(mapping_scheme, text, mapping_source, review_status, text, text, timestamptz, text) IS
  'Internal to role cards: one mapping (its columns scheme, code, source, review_status, confidence as text, reviewer, reviewed_at, note) as a JSON object.';

CREATE OR REPLACE FUNCTION role_card_json(code rolecode) RETURNS jsonb
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  -- an unknown role raises 22023 before anything is read, as in adjacent_roles
  SELECT (SELECT jsonb_strip_nulls(jsonb_build_object(
    'format', 'roleext.role_card/1',
    'code', r.code::text,
    'title', r.title,
    'level', r.level::text,
    'summary', r.summary,
    'taxonomy', (
      SELECT jsonb_agg(jsonb_build_object(
               'code', t.code::text, 'kind', t.kind, 'name', t.name, 'description', t.description,
               'mappings', (SELECT jsonb_agg(card_mapping_json(m.scheme, m.code, m.source, m.review_status, m.confidence::text, m.reviewer,
                                              m.reviewed_at, m.note) ORDER BY m.scheme, m.code)
                              FROM mapping m WHERE m.node = t.code))
             ORDER BY a.distance DESC)
      -- the node and its ancestors, read by their keys (not through
      -- taxonomy_ancestors(), which is not inlined: doc/citus.md)
      FROM taxonomy t0
      LEFT JOIN taxonomy t1 ON t1.code = t0.parent
      LEFT JOIN taxonomy t2 ON t2.code = t1.parent
      LEFT JOIN taxonomy t3 ON t3.code = t2.parent
      CROSS JOIN LATERAL (VALUES (0, t0.code), (1, t1.code), (2, t2.code), (3, t3.code)) a(distance, ancestor)
      JOIN taxonomy t ON t.code = a.ancestor
      WHERE t0.code = r.node),
    'story', jsonb_build_object(
      'who', r.story_who, 'external_problem', r.story_external_problem,
      'internal_problem', r.story_internal_problem, 'why_it_matters', r.story_why_it_matters,
      'plan', to_jsonb(r.story_plan), 'stakes', r.story_stakes, 'success', r.story_success),
    'components', (
      SELECT jsonb_object_agg(card_component_member(k.kind), coalesce((
               SELECT jsonb_agg(jsonb_build_object('name', rc.name, 'prevalence', rc.prevalence,
                                                   'scope', rc.scope, 'description', cp.description)
                                ORDER BY rc.position)
               FROM role_component rc JOIN component cp ON cp.kind = rc.kind AND cp.name = rc.name
               WHERE rc.role = r.code AND rc.kind = k.kind), '[]'))
      FROM unnest(enum_range(NULL::component_kind)) k(kind)),
    'aliases', coalesce((
      SELECT jsonb_agg(jsonb_build_object(
               'alias', ra.alias, 'type', ra.alias_type, 'confidence', (ra.confidence::text)::numeric,
               'approved', ra.approved, 'approved_by', ra.approved_by, 'approved_at', card_time(ra.approved_at))
             ORDER BY ra.confidence DESC, ra.alias)
      FROM role_alias ra WHERE ra.role = r.code), '[]'),
    'mappings', coalesce((
      SELECT jsonb_agg(card_mapping_json(m.scheme, m.code, m.source, m.review_status, m.confidence::text, m.reviewer,
                                              m.reviewed_at, m.note) ORDER BY m.scheme, m.code)
      FROM mapping m WHERE m.role = r.code), '[]')))
  FROM role r WHERE r.code = role_card_json.code)
  WHERE role_must_exist(role_card_json.code, 'role_card_json') IS NOT NULL;
END;

DROP FUNCTION card_mapping_json(mapping);

CREATE OR REPLACE FUNCTION import_role_cards(cards jsonb, single boolean) RETURNS SETOF rolecode
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SET search_path = pg_catalog, roleext, pg_temp SET enable_seqscan = off SET jit = off
  SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  b roleext.card_batch;
  bad_path text;
  bad_problem text;
  bad_detail text;
  moving boolean;      -- the document moves a node to another parent
  changed boolean;     -- a node or a node mapping differs from the document
  fresh roleext.rolecode[];  -- the roles this import inserted
  written int8;        -- rows a statement wrote (not used)
  each_code roleext.rolecode;
  citus boolean;       -- the taxonomy is a Citus table (doc/citus.md)
BEGIN
  -- Citus plans a statement over its tables with the parameters' values,
  -- and cannot make a generic plan of these: on a Citus cluster (the
  -- taxonomy a reference table, doc/citus.md) the statements are planned
  -- as PostgreSQL chooses; the SET clause restores the setting on return.
  citus := roleext.table_here('roleext.role') OPERATOR(pg_catalog.<>) 'roleext.role'::pg_catalog.regclass;
  IF citus THEN
    PERFORM pg_catalog.set_config('plan_cache_mode', 'auto', true);
  END IF;
  b := roleext.card_parse(cards, single, true);

  -- The first problem that holds, if any; whether the document moves a
  -- node, and whether a node or a node mapping differs.  Read before
  -- locking: once the shared lock is held no move can start, and the
  -- taxonomy upsert changes a parent only under the exclusive one.
  -- (card_holding inlined on one node; on Citus, which cannot plan it
  -- inlined, called in the select list)
  IF citus THEN
    SELECT (h.p).path, (h.p).problem, (h.p).detail INTO bad_path, bad_problem, bad_detail
      FROM (SELECT roleext.card_holding(b) AS p OFFSET 0) h LIMIT 1;
  ELSE
    SELECT h.path, h.problem, h.detail INTO bad_path, bad_problem, bad_detail
      FROM roleext.card_holding(b) h LIMIT 1;
  END IF;
  SELECT coalesce(x.moving, false), coalesce(x.changed OR y.changed, false)
    INTO moving, changed
    FROM (SELECT bool_or(t.code IS NOT NULL AND n.placed AND t.parent::text IS DISTINCT FROM n.parent::text) AS moving,
                 bool_or(t.code IS NULL OR t.kind <> n.kind OR t.name <> n.name
                         OR (n.placed AND t.parent::text IS DISTINCT FROM n.parent::text)
                         OR (n.has_description AND t.description IS DISTINCT FROM n.description)) AS changed
          FROM unnest(b.nodes) n
          LEFT JOIN LATERAL (SELECT t.* FROM roleext.taxonomy t WHERE t.code = n.code OFFSET 0) t ON true) x,
         (SELECT bool_or(NOT EXISTS (SELECT FROM roleext.mapping m
                                     WHERE m.node = w.node AND m.role IS NULL AND m.scheme = w.scheme
                                       AND m.soc::text IS NOT DISTINCT FROM w.soc::text AND m.isco08 IS NOT DISTINCT FROM w.isco08
                                       AND (m.source, m.review_status, m.confidence::text, m.reviewer, m.reviewed_at, m.note)
                                           IS NOT DISTINCT FROM
                                           (w.source, w.review_status, w.confidence::text, w.reviewer, w.reviewed_at, w.note)
                                     OFFSET 0)) AS changed
          FROM unnest(b.mappings) w WHERE w.node IS NOT NULL) y;
  IF bad_path IS NOT NULL THEN
    RAISE EXCEPTION 'invalid role card: %: %', bad_path, bad_problem
      USING ERRCODE = 'invalid_parameter_value', DETAIL = bad_detail,
            HINT = CASE WHEN single THEN 'validate_role_card(card) lists every problem; the format is in doc/role-card.md.'
                        ELSE 'validate_role_cards(cards) lists every problem; the format is in doc/role-card.md.' END;
  END IF;

  -- 0.
  IF moving THEN
    PERFORM pg_catalog.pg_advisory_xact_lock('roleext.taxonomy'::pg_catalog.regclass::pg_catalog.oid::int4, 0);
  ELSE
    PERFORM pg_catalog.pg_advisory_xact_lock_shared('roleext.taxonomy'::pg_catalog.regclass::pg_catalog.oid::int4, 0);
  END IF;

  IF changed THEN
    WITH
    -- 1. The nodes that differ from the cards (the node trigger checks them
    -- at the end of the statement, whatever their order).  The first node
    -- of a chain keeps the parent it has (a chain that starts below the top
    -- never detaches a subtree); a member a node leaves out (description)
    -- keeps its value.
    nodes AS (
      INSERT INTO roleext.taxonomy AS t (code, kind, name, parent, description)
      SELECT n.code, n.kind, n.name, n.parent, n.description
      FROM (SELECT n.o, n.code, n.kind, n.name,
                   CASE WHEN n.placed THEN n.parent ELSE old.parent END AS parent,
                   CASE WHEN n.has_description THEN n.description ELSE old.description END AS description,
                   old.code IS NULL AS is_new, old.kind AS old_kind, old.name AS old_name,
                   old.parent AS old_parent, old.description AS old_description
            FROM unnest(b.nodes) WITH ORDINALITY n(card, path, code, kind, name, placed, parent,
                                                    has_description, description, o)
            LEFT JOIN LATERAL (SELECT t.* FROM roleext.taxonomy t WHERE t.code = n.code OFFSET 0) old ON true) n
      WHERE n.is_new OR (n.old_kind, n.old_name, n.old_parent::text, n.old_description)
                        IS DISTINCT FROM (n.kind, n.name, n.parent::text, n.description)
      ORDER BY n.o
      ON CONFLICT (code) DO UPDATE
        SET kind = excluded.kind, name = excluded.name,
            parent = CASE WHEN moving THEN excluded.parent ELSE t.parent END,
            description = excluded.description
        WHERE (t.kind, t.name, t.parent::text, t.description)
              IS DISTINCT FROM (excluded.kind, excluded.name, (CASE WHEN moving THEN excluded.parent ELSE t.parent END)::text,
                                excluded.description)
      RETURNING 1),
    -- 2. The mappings the cards list on nodes (a node's others are kept).
    node_mappings AS (
      INSERT INTO roleext.mapping AS t (role, node, scheme, soc, isco08, source, review_status, confidence, reviewer, reviewed_at, note)
      SELECT w.role, w.node, w.scheme, w.soc, w.isco08, w.source, w.review_status, w.confidence, w.reviewer, w.reviewed_at, w.note
      FROM unnest(b.mappings) WITH ORDINALITY w
      WHERE w.node IS NOT NULL AND (SELECT count(*) FROM nodes) >= 0
        AND NOT EXISTS (SELECT FROM roleext.mapping x
                        WHERE x.node = w.node AND x.role IS NULL AND x.scheme = w.scheme
                          AND x.soc::text IS NOT DISTINCT FROM w.soc::text AND x.isco08 IS NOT DISTINCT FROM w.isco08
                          AND (x.source, x.review_status, x.confidence::text, x.reviewer, x.reviewed_at, x.note)
                              IS NOT DISTINCT FROM (w.source, w.review_status, w.confidence::text, w.reviewer, w.reviewed_at, w.note)
                        OFFSET 0)
      ORDER BY w.ordinality
      ON CONFLICT (role, node, scheme, soc, isco08) DO UPDATE
        SET source = excluded.source, review_status = excluded.review_status, confidence = excluded.confidence,
            reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at, note = excluded.note
      RETURNING 1)
    SELECT count(*) INTO written FROM node_mappings;
  END IF;

  WITH
  -- 3. The shared catalogue of components: the last description given wins.
  catalogue AS (
    INSERT INTO roleext.component AS t (kind, name, description)
    SELECT c.kind, c.name, c.description
    FROM unnest(b.catalogue) WITH ORDINALITY c(role, kind, name, prevalence, scope, "position", description, o)
    WHERE NOT EXISTS (SELECT FROM roleext.component x
                      WHERE x.kind = c.kind AND x.name = c.name
                        AND (c.description IS NULL OR x.description = c.description) OFFSET 0)
    ORDER BY c.o
    ON CONFLICT (kind, name) DO UPDATE SET description = excluded.description
      WHERE excluded.description IS NOT NULL AND t.description IS DISTINCT FROM excluded.description
    RETURNING 1),
  -- 4. The new roles (each code's last card), and their lists.
  roles AS (
    INSERT INTO roleext.role AS r (code, title, summary, story_who, story_external_problem, story_internal_problem,
                                   story_why_it_matters, story_plan, story_stakes, story_success)
    SELECT x.* FROM unnest(b.roles) x
    WHERE (SELECT count(*) FROM catalogue) >= 0
      AND NOT EXISTS (SELECT FROM roleext.role y WHERE y.code = x.code OFFSET 0)
    ORDER BY x.code
    ON CONFLICT (code) DO NOTHING
    RETURNING r.code),
  components AS (
    INSERT INTO roleext.role_component (role, kind, name, prevalence, scope, "position")
    SELECT w.role, w.kind, w.name, w.prevalence, w.scope, w."position" FROM unnest(b.components) w
    WHERE w.role IN (SELECT code FROM roles)
    RETURNING 1),
  aliases AS (
    INSERT INTO roleext.role_alias (role, alias, alias_type, confidence, approved, approved_by, approved_at)
    SELECT a.* FROM unnest(b.aliases) a WHERE a.role IN (SELECT code FROM roles)
    RETURNING 1),
  mappings AS (
    INSERT INTO roleext.mapping (role, node, scheme, soc, isco08, source, review_status, confidence, reviewer, reviewed_at, note)
    SELECT w.* FROM unnest(b.mappings) w WHERE w.role IN (SELECT code FROM roles)
    RETURNING 1)
  -- (reading the last steps runs them, and every step before them)
  SELECT (SELECT array_agg(code) FROM roles), c.n + a.n + m.n INTO fresh, written
    FROM (SELECT count(*) AS n FROM components) c, (SELECT count(*) AS n FROM aliases) a,
         (SELECT count(*) AS n FROM mappings) m;

  -- 5. The roles that exist: their rows and their lists become their last
  -- cards'.  Rows the cards no longer hold go (matched against the cards'
  -- rows in a hashed NOT IN), the missing ones come, what is unchanged stays
  -- untouched.  A component that changes is deleted and inserted again (an
  -- update could collide with a position another component still holds); an
  -- alias or a mapping that changes is updated.
  IF coalesce(cardinality(fresh), 0) < cardinality(b.roles) THEN
    -- their locks first, in a statement of their own: the statement after
    -- it takes its snapshot once it holds them, and so sees every list as
    -- the import it may have waited for left it
    INSERT INTO roleext.role AS r (code, title, summary, story_who, story_external_problem, story_internal_problem,
                                   story_why_it_matters, story_plan, story_stakes, story_success)
    SELECT x.* FROM unnest(b.roles) x
    WHERE x.code <> ALL (coalesce(fresh, '{}'))
    ORDER BY x.code
    ON CONFLICT (code) DO UPDATE
      SET title = excluded.title, summary = excluded.summary, story_who = excluded.story_who,
          story_external_problem = excluded.story_external_problem,
          story_internal_problem = excluded.story_internal_problem,
          story_why_it_matters = excluded.story_why_it_matters, story_plan = excluded.story_plan,
          story_stakes = excluded.story_stakes, story_success = excluded.story_success
      WHERE (r.title, r.summary, r.story_who, r.story_external_problem, r.story_internal_problem,
             r.story_why_it_matters, r.story_plan, r.story_stakes, r.story_success)
            IS DISTINCT FROM
            (excluded.title, excluded.summary, excluded.story_who, excluded.story_external_problem,
             excluded.story_internal_problem, excluded.story_why_it_matters, excluded.story_plan,
             excluded.story_stakes, excluded.story_success);
    WITH
    components_gone AS (
      DELETE FROM roleext.role_component rc
      WHERE rc.role = ANY (b.codes) AND rc.role <> ALL (coalesce(fresh, '{}'))
        AND (rc.role::text, rc.kind, rc.name, rc.prevalence, rc.scope, rc."position") NOT IN
            (SELECT w.role::text, w.kind, w.name, w.prevalence, w.scope, w."position" FROM unnest(b.components) w)
      RETURNING 1),
    components AS (
      INSERT INTO roleext.role_component (role, kind, name, prevalence, scope, "position")
      SELECT w.role, w.kind, w.name, w.prevalence, w.scope, w."position" FROM unnest(b.components) w
      WHERE w.role <> ALL (coalesce(fresh, '{}')) AND (SELECT count(*) FROM components_gone) >= 0
      ON CONFLICT (role, kind, name) DO NOTHING
      RETURNING 1),
    aliases_gone AS (
      DELETE FROM roleext.role_alias ra
      WHERE ra.role = ANY (b.codes) AND ra.role <> ALL (coalesce(fresh, '{}'))
        AND (ra.role::text, ra.alias) NOT IN (SELECT a.role::text, a.alias FROM unnest(b.aliases) a)
      RETURNING 1),
    aliases AS (
      INSERT INTO roleext.role_alias AS t (role, alias, alias_type, confidence, approved, approved_by, approved_at)
      SELECT a.* FROM unnest(b.aliases) a
      WHERE a.role <> ALL (coalesce(fresh, '{}')) AND (SELECT count(*) FROM aliases_gone) >= 0
      ON CONFLICT (role, alias) DO UPDATE
        SET alias_type = excluded.alias_type, confidence = excluded.confidence, approved = excluded.approved,
            approved_by = excluded.approved_by, approved_at = excluded.approved_at
        WHERE (t.alias_type, t.confidence::text, t.approved, t.approved_by, t.approved_at)
              IS DISTINCT FROM (excluded.alias_type, excluded.confidence::text, excluded.approved,
                                excluded.approved_by, excluded.approved_at)
      RETURNING 1),
    mappings_gone AS (
      DELETE FROM roleext.mapping m
      WHERE m.role = ANY (b.codes) AND m.role <> ALL (coalesce(fresh, '{}'))
        AND (m.role::text, m.scheme, m.code) NOT IN
            (SELECT w.role::text, w.scheme, coalesce(w.soc::text, w.isco08) FROM unnest(b.mappings) w WHERE w.role IS NOT NULL)
      RETURNING 1),
    mappings AS (
      INSERT INTO roleext.mapping AS t (role, node, scheme, soc, isco08, source, review_status, confidence, reviewer, reviewed_at, note)
      SELECT w.* FROM unnest(b.mappings) w
      WHERE w.role IS NOT NULL AND w.role <> ALL (coalesce(fresh, '{}')) AND (SELECT count(*) FROM mappings_gone) >= 0
      ON CONFLICT (role, node, scheme, soc, isco08) DO UPDATE
        SET source = excluded.source, review_status = excluded.review_status, confidence = excluded.confidence,
            reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at, note = excluded.note
        WHERE (t.source, t.review_status, t.confidence::text, t.reviewer, t.reviewed_at, t.note)
              IS DISTINCT FROM (excluded.source, excluded.review_status, excluded.confidence::text,
                                excluded.reviewer, excluded.reviewed_at, excluded.note)
      RETURNING 1)
    SELECT c.n + a.n + m.n INTO written
      FROM (SELECT count(*) AS n FROM components) c, (SELECT count(*) AS n FROM aliases) a,
           (SELECT count(*) AS n FROM mappings) m;
  END IF;

  FOREACH each_code IN ARRAY b.codes LOOP
    RETURN NEXT each_code;
  END LOOP;
  RETURN;
END $$;

-- 5. review_mapping names soccode's = and reads the view role_mappings.

CREATE OR REPLACE FUNCTION review_mapping(subject rolecode, code text, decision review_status,
                               scheme mapping_scheme DEFAULT 'soc2018',
                               reviewer text DEFAULT current_user, note text DEFAULT NULL)
RETURNS mapping
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  k record;
  is_role boolean := code_level(subject) IS NOT NULL;
  eff record;
  result roleext.mapping;
BEGIN
  k := roleext.card_mapping_code(scheme, code);
  IF is_role AND NOT EXISTS (SELECT 1 FROM roleext.role r WHERE r.code = subject) THEN
    RAISE EXCEPTION 'role % does not exist', subject USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'A mapping is reviewed on an existing role (a code ending in a level) or taxonomy node.';
  END IF;
  IF NOT is_role AND NOT EXISTS (SELECT 1 FROM roleext.taxonomy t WHERE t.code = subject) THEN
    RAISE EXCEPTION 'taxonomy node % does not exist', subject USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'A mapping is reviewed on an existing role (a code ending in a level) or taxonomy node.';
  END IF;
  UPDATE roleext.mapping m
     SET review_status = decision, reviewer = review_mapping.reviewer, reviewed_at = now(),
         note = coalesce(review_mapping.note, m.note)
   WHERE m.scheme = review_mapping.scheme
     -- (soccode's = named: Citus sends IS NOT DISTINCT FROM to the nodes
     -- without its operator's schema, doc/citus.md)
     AND coalesce(m.soc OPERATOR(roleext.=) k.soc, m.soc IS NULL AND k.soc IS NULL)
     AND m.isco08 IS NOT DISTINCT FROM k.isco08
     AND (CASE WHEN is_role THEN m.role ELSE m.node END) = subject
  RETURNING * INTO result;
  IF FOUND THEN
    RETURN result;
  END IF;
  IF is_role THEN
    -- the view, not the typed twin: a filter on the view's role reaches the
    -- indexes, the twin (not inlined, for Citus) would compute every role's
    SELECT * INTO eff FROM roleext.role_mappings e
     WHERE e.role = subject::text AND e.scheme = review_mapping.scheme::text
       AND e.code = coalesce(k.soc::text, k.isco08);
    IF FOUND THEN
      INSERT INTO roleext.mapping (role, scheme, soc, isco08, source, review_status, confidence, reviewer, reviewed_at, note)
      VALUES (subject, review_mapping.scheme, k.soc, k.isco08, eff.source::roleext.mapping_source, decision,
              eff.confidence::roleext.confidence,
              review_mapping.reviewer, now(), coalesce(review_mapping.note, eff.note))
      RETURNING * INTO result;
      RETURN result;
    END IF;
  END IF;
  RAISE EXCEPTION '% has no % mapping to %', subject, scheme, coalesce(k.soc::text, k.isco08)
    USING ERRCODE = 'invalid_parameter_value',
    DETAIL = 'Only a mapping the subject has, or a role inherits from its taxonomy, can be reviewed.';
END $$;

-- 6. suggest_mappings reads the view role_mappings, whose filter reaches
-- the indexes (the twin is no longer inlined).

CREATE OR REPLACE FUNCTION suggest_mappings(include_inherited boolean DEFAULT false)
RETURNS SETOF mapping
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
BEGIN
  RETURN QUERY
  WITH todo AS (
    -- roles without an effective SOC 2018 / O*NET-SOC 2019 mapping (with
    -- include_inherited, also those whose only SOC mappings are inherited)
    SELECT r.code AS role, r.title
    FROM roleext.role r
    -- (the view, not the typed twin, which is not inlined: doc/citus.md)
    WHERE NOT EXISTS (SELECT 1 FROM roleext.role_mappings m
                      WHERE m.role = r.code::text AND m.scheme IN ('soc2018', 'onet2019')
                        AND (NOT include_inherited OR m.inherited_from IS NULL))
  ), texts AS (
    -- the role's title, and its aliases not rejected, weighted by their confidence
    SELECT t.role, t.title AS text, 1.0::float8 AS w FROM todo t
    UNION ALL
    SELECT a.role, a.alias, a.confidence::float8
    FROM roleext.role_alias a JOIN todo t ON t.role = a.role
    WHERE a.approved IS DISTINCT FROM false AND a.confidence::float8 > 0
  ), coded AS (
    SELECT x.role, x.text, x.w, c.code, c.score::float8 AS score, c.matched
    FROM texts x CROSS JOIN LATERAL roleext.soc_autocode(x.text, 10) c
  ), weight AS (
    -- the texts that gave any candidate share the evidence
    SELECT c.role, sum(w) AS total FROM (SELECT DISTINCT role, text, w FROM coded) c GROUP BY c.role
  ), ranked AS (
    SELECT c.role, c.code,
           sum(c.w * c.score) / max(wt.total) AS score,
           (array_agg(format('%s -> %s', c.text, c.matched) ORDER BY c.w * c.score DESC, c.text))[1] AS evidence
    FROM coded c JOIN weight wt ON wt.role = c.role
    GROUP BY c.role, c.code
  ), best AS (
    -- the best code the role does not already have a mapping to (one that
    -- was rejected stays rejected)
    SELECT DISTINCT ON (r.role) r.role, r.code, r.score, r.evidence
    FROM ranked r
    WHERE NOT EXISTS (SELECT 1 FROM roleext.mapping m
                      WHERE m.role = r.role AND m.scheme = 'onet2019' AND m.soc = r.code)
    ORDER BY r.role, r.score DESC, r.code
  )
  INSERT INTO roleext.mapping AS m (role, scheme, soc, source, review_status, confidence, note)
  SELECT b.role, 'onet2019', b.code, 'autocoded', 'needs_review',
         b.score::roleext.confidence,
         'soc_autocode: ' || b.evidence
  FROM best b
  ORDER BY b.role
  ON CONFLICT ON CONSTRAINT mapping_unique DO NOTHING
  RETURNING m.*;
END $$;
