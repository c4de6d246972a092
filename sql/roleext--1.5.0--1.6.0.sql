-- roleext 1.5.0 -> 1.6.0.  The full script of 1.6.0 is sql/NN_*.sql; this
-- step makes a 1.5.0 database equal to it.  Each change of the step is one
-- block below, between its BEGIN and END lines, so that blocks written on
-- separate branches can be put one after the other.
\echo Use "ALTER EXTENSION roleext UPDATE TO '1.6.0'" to load this file. \quit

-- Names resolve in roleext and pg_catalog only (doc/security.md).
SELECT pg_catalog.set_config('search_path', 'roleext, pg_catalog, pg_temp', true);


-- ==== BEGIN views: one owner per rule (branch views) =======================
-- The rules behind the BI views and their typed twins were written out in
-- each of them (1.5.0): the inheritance of mappings three times, a node's
-- ancestors five.  Each rule now lives once, in an internal view of
-- roleext's types (<view>_internal); the BI view casts it to standard types
-- and the twin selects from it (doc/views.md).  The internal views are new;
-- the twins and the BI views keep their names, columns, comments and
-- privileges, and get their new definitions by CREATE OR REPLACE.  Nothing
-- here grants: roles granted with grant_reader / grant_editor before the
-- upgrade read the BI views as before (a view reads with its owner's
-- rights), and call the typed twins again once the grant is run again
-- (the twins read the internal views with the caller's rights).
-- Dependencies first: soc_hierarchy_internal and taxonomy_ancestors_internal
-- before role_mappings_internal, each internal view before its readers.

-- (a) The SOC 2018 drill-down (sql/22_soc_reference.sql).

CREATE VIEW soc_hierarchy_internal AS
SELECT c.code, c.level, c.title,
       ma.code AS major_code, ma.title AS major_title,
       mi.code AS minor_code, mi.title AS minor_title,
       br.code AS broad_code, br.title AS broad_title,
       de.code AS detailed_code, de.title AS detailed_title,
       CASE WHEN c.level = 'onet' THEN c.code END AS onet_code,
       CASE WHEN c.level = 'onet' THEN c.title END AS onet_title
FROM (SELECT s.code, s.level, s.title FROM roleext.soc2018_code s
      UNION ALL
      SELECT o.code, 'onet', o.title FROM roleext.onet2019_occupation o) c
LEFT JOIN roleext.soc2018_code ma ON ma.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'major')
LEFT JOIN roleext.soc2018_code mi ON mi.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'minor')
LEFT JOIN roleext.soc2018_code br ON br.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'broad')
LEFT JOIN roleext.soc2018_code de ON de.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'detailed');
COMMENT ON VIEW soc_hierarchy_internal IS
  'Internal to the views soc_hierarchy and role_soc and the twin soc_hierarchy(): the one definition of the SOC 2018 drill-down (each SOC 2018 code and O*NET-SOC 2019 occupation with its major, minor, broad and detailed groups), in roleext''s types. Read the view soc_hierarchy (standard SQL types) or the function soc_hierarchy() instead; this view''s name and columns may change in any version.';
COMMENT ON COLUMN soc_hierarchy_internal.code IS 'The SOC 2018 or O*NET-SOC 2019 code of the row (soccode).';
COMMENT ON COLUMN soc_hierarchy_internal.level IS 'major, minor, broad, detailed or onet.';
COMMENT ON COLUMN soc_hierarchy_internal.title IS 'The title of the row''s code.';
COMMENT ON COLUMN soc_hierarchy_internal.major_code IS 'The major group (soccode).';
COMMENT ON COLUMN soc_hierarchy_internal.major_title IS 'The title of the major group.';
COMMENT ON COLUMN soc_hierarchy_internal.minor_code IS 'The minor group (soccode); null for a major group.';
COMMENT ON COLUMN soc_hierarchy_internal.minor_title IS 'The title of the minor group.';
COMMENT ON COLUMN soc_hierarchy_internal.broad_code IS 'The broad group (soccode); null above the broad level.';
COMMENT ON COLUMN soc_hierarchy_internal.broad_title IS 'The title of the broad group.';
COMMENT ON COLUMN soc_hierarchy_internal.detailed_code IS 'The detailed occupation (soccode); null above the detailed level.';
COMMENT ON COLUMN soc_hierarchy_internal.detailed_title IS 'The title of the detailed occupation.';
COMMENT ON COLUMN soc_hierarchy_internal.onet_code IS 'The O*NET-SOC 2019 occupation (soccode); set on onet rows only.';
COMMENT ON COLUMN soc_hierarchy_internal.onet_title IS 'The title of the O*NET-SOC 2019 occupation.';

CREATE OR REPLACE FUNCTION soc_hierarchy()
RETURNS TABLE (code soccode, level text, title text,
               major_code soccode, major_title text, minor_code soccode, minor_title text,
               broad_code soccode, broad_title text, detailed_code soccode, detailed_title text,
               onet_code soccode, onet_title text)
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, roleext, pg_temp
BEGIN ATOMIC
  SELECT h.code, h.level, h.title, h.major_code, h.major_title, h.minor_code, h.minor_title,
         h.broad_code, h.broad_title, h.detailed_code, h.detailed_title, h.onet_code, h.onet_title
  FROM roleext.soc_hierarchy_internal h;
END;

CREATE OR REPLACE VIEW soc_hierarchy AS
SELECT h.code::text AS code, h.level, h.title,
       h.major_code::text AS major_code, h.major_title,
       h.minor_code::text AS minor_code, h.minor_title,
       h.broad_code::text AS broad_code, h.broad_title,
       h.detailed_code::text AS detailed_code, h.detailed_title,
       h.onet_code::text AS onet_code, h.onet_title
FROM roleext.soc_hierarchy_internal h;


-- (b) A node's chain (sql/55_views.sql).

CREATE VIEW taxonomy_tree_internal AS
SELECT t0.code AS node, t0.kind, t0.name, t0.parent,
       CASE 'superfunction'::roleext.node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
            WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END AS superfunction_code,
       CASE 'superfunction'::roleext.node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
            WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END AS superfunction_name,
       CASE 'function'::roleext.node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
            WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END AS function_code,
       CASE 'function'::roleext.node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
            WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END AS function_name,
       CASE 'family'::roleext.node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
            WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END AS family_code,
       CASE 'family'::roleext.node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
            WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END AS family_name,
       CASE 'specialization'::roleext.node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
            WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END AS specialization_code,
       CASE 'specialization'::roleext.node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
            WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END AS specialization_name,
       1 + (t1.code IS NOT NULL)::int4 + (t2.code IS NOT NULL)::int4 + (t3.code IS NOT NULL)::int4 AS chain_length
FROM roleext.taxonomy t0
LEFT JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
LEFT JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
LEFT JOIN roleext.taxonomy t3 ON t3.code OPERATOR(roleext.=) t2.parent;
COMMENT ON VIEW taxonomy_tree_internal IS
  'Internal to the view taxonomy_tree, its twin taxonomy_tree() and the view role_card: the one definition of a taxonomy node''s chain, in roleext''s types. Read the view taxonomy_tree (standard SQL types) or the function taxonomy_tree() instead; this view''s name and columns may change in any version.';
COMMENT ON COLUMN taxonomy_tree_internal.node IS 'The node''s code (rolecode).';
COMMENT ON COLUMN taxonomy_tree_internal.kind IS 'The node''s kind (node_kind).';
COMMENT ON COLUMN taxonomy_tree_internal.name IS 'The node''s display name.';
COMMENT ON COLUMN taxonomy_tree_internal.parent IS 'The code of the node above (rolecode); NULL at the top.';
COMMENT ON COLUMN taxonomy_tree_internal.superfunction_code IS 'The superfunction in the node''s chain (the node itself if it is one); NULL if none.';
COMMENT ON COLUMN taxonomy_tree_internal.superfunction_name IS 'The superfunction''s name.';
COMMENT ON COLUMN taxonomy_tree_internal.function_code IS 'The function in the node''s chain; NULL if none.';
COMMENT ON COLUMN taxonomy_tree_internal.function_name IS 'The function''s name.';
COMMENT ON COLUMN taxonomy_tree_internal.family_code IS 'The family in the node''s chain; NULL if none.';
COMMENT ON COLUMN taxonomy_tree_internal.family_name IS 'The family''s name.';
COMMENT ON COLUMN taxonomy_tree_internal.specialization_code IS 'The specialization in the node''s chain; NULL if none.';
COMMENT ON COLUMN taxonomy_tree_internal.specialization_name IS 'The specialization''s name.';
COMMENT ON COLUMN taxonomy_tree_internal.chain_length IS 'Number of nodes from the top of the chain down to this node, this node included (1 to 4).';

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
  SELECT t.node, t.kind, t.name, t.parent, t.superfunction_code, t.superfunction_name,
         t.function_code, t.function_name, t.family_code, t.family_name,
         t.specialization_code, t.specialization_name, t.chain_length
  FROM roleext.taxonomy_tree_internal t;
END;

CREATE OR REPLACE VIEW taxonomy_tree AS
SELECT t.node::text AS node, t.kind::text AS kind, t.name, t.parent::text AS parent,
       t.superfunction_code::text AS superfunction_code, t.superfunction_name,
       t.function_code::text AS function_code, t.function_name,
       t.family_code::text AS family_code, t.family_name,
       t.specialization_code::text AS specialization_code, t.specialization_name,
       t.chain_length
FROM roleext.taxonomy_tree_internal t;


-- (c) A node's ancestors (sql/55_views.sql).

CREATE VIEW taxonomy_ancestors_internal AS
SELECT t0.code AS node, t0.code AS ancestor, t0.kind AS ancestor_kind, 0 AS distance FROM roleext.taxonomy t0
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
COMMENT ON VIEW taxonomy_ancestors_internal IS
  'Internal to the view taxonomy_ancestors, its twin taxonomy_ancestors() and the inheritance of mappings (role_mappings_internal): the one definition of a taxonomy node''s ancestors, in roleext''s types. Read the view taxonomy_ancestors (standard SQL types) or the function taxonomy_ancestors() instead; this view''s name and columns may change in any version.';
COMMENT ON COLUMN taxonomy_ancestors_internal.node IS 'A taxonomy node''s code (rolecode).';
COMMENT ON COLUMN taxonomy_ancestors_internal.ancestor IS 'The code of the node itself or of a node above it (rolecode).';
COMMENT ON COLUMN taxonomy_ancestors_internal.ancestor_kind IS 'The ancestor''s kind (node_kind).';
COMMENT ON COLUMN taxonomy_ancestors_internal.distance IS '0 for the node itself, 1 for its parent, and so on up.';

CREATE OR REPLACE FUNCTION taxonomy_ancestors()
RETURNS TABLE (node rolecode, ancestor rolecode, ancestor_kind node_kind, distance int4)
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, roleext, pg_temp
BEGIN ATOMIC
  SELECT a.node, a.ancestor, a.ancestor_kind, a.distance FROM roleext.taxonomy_ancestors_internal a;
END;

CREATE OR REPLACE VIEW taxonomy_ancestors AS
SELECT a.node::text AS node, a.ancestor::text AS ancestor, a.ancestor_kind::text AS ancestor_kind, a.distance
FROM roleext.taxonomy_ancestors_internal a;


-- (d) role_card joins the chain's internal view (sql/55_views.sql).

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
-- the node's chain (the rule of taxonomy_tree)
JOIN roleext.taxonomy_tree_internal tt ON tt.node OPERATOR(roleext.=) r.node
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


-- (e) The inheritance of mappings (sql/56_role_soc.sql).

CREATE VIEW role_mappings_internal AS
WITH candidate AS (
  SELECT r.code AS role, 0 AS distance, NULL::roleext.rolecode AS inherited_from,
         m.scheme, m.code, m.source, m.review_status, m.confidence, m.reviewer, m.reviewed_at, m.note, m.soc
  FROM roleext.role r JOIN roleext.mapping m ON m.role OPERATOR(roleext.=) r.code
  WHERE m.review_status <> 'rejected'
  UNION ALL
  SELECT r.code, 1 + a.distance, a.ancestor,
         m.scheme, m.code, ('inferred_from_' || a.ancestor_kind)::roleext.mapping_source, 'needs_review'::roleext.review_status,
         m.confidence, NULL, NULL, m.note, m.soc
  FROM roleext.role r
  JOIN roleext.taxonomy_ancestors_internal a ON a.node OPERATOR(roleext.=) r.node
  JOIN roleext.mapping m ON m.node OPERATOR(roleext.=) a.ancestor
  WHERE m.review_status <> 'rejected'
    AND NOT EXISTS (SELECT 1 FROM roleext.mapping x
                    WHERE x.role OPERATOR(roleext.=) r.code AND x.scheme = m.scheme AND x.code = m.code
                      AND x.review_status = 'rejected')
)
SELECT s.role, s.scheme, s.code, s.source, s.review_status, s.confidence, s.reviewer, s.reviewed_at, s.note,
       s.inherited_from, s.soc
FROM (SELECT c.*, rank() OVER (PARTITION BY c.role, c.scheme ORDER BY c.distance) AS rk FROM candidate c) s
WHERE s.rk = 1;
COMMENT ON VIEW role_mappings_internal IS
  'Internal to the views role_mappings and role_soc and the twin role_mappings(): the one definition of a role''s effective mappings (its own unless rejected, else its nearest mapped ancestor''s with source inferred_from_<kind>, status needs_review and inherited_from naming the node), in roleext''s types. Read the view role_mappings (standard SQL types) or the function role_mappings() instead; this view''s name and columns may change in any version.';
COMMENT ON COLUMN role_mappings_internal.role IS 'The role code (rolecode).';
COMMENT ON COLUMN role_mappings_internal.scheme IS 'The scheme (mapping_scheme): soc2018, onet2019, soc2010 or isco08.';
COMMENT ON COLUMN role_mappings_internal.code IS 'The code in that scheme, canonical form (15-1252, 15-1252.00, 2512).';
COMMENT ON COLUMN role_mappings_internal.source IS 'The source (mapping_source); inferred_from_<kind> for an inherited mapping.';
COMMENT ON COLUMN role_mappings_internal.review_status IS 'needs_review or approved (review_status); inherited mappings need review.';
COMMENT ON COLUMN role_mappings_internal.confidence IS 'The mapping''s confidence (confidence); NULL if none.';
COMMENT ON COLUMN role_mappings_internal.reviewer IS 'Who reviewed the role''s own mapping; NULL for an inherited one.';
COMMENT ON COLUMN role_mappings_internal.reviewed_at IS 'When the role''s own mapping was reviewed.';
COMMENT ON COLUMN role_mappings_internal.note IS 'Free-text note of the mapping.';
COMMENT ON COLUMN role_mappings_internal.inherited_from IS 'The taxonomy node the mapping is inherited from (rolecode); NULL for the role''s own.';
COMMENT ON COLUMN role_mappings_internal.soc IS 'The code typed (soccode) for the SOC schemes; NULL for isco08.';

CREATE OR REPLACE FUNCTION role_mappings()
RETURNS TABLE (role rolecode, scheme mapping_scheme, code text, source mapping_source,
               review_status review_status, confidence confidence, reviewer text,
               reviewed_at timestamptz, note text, inherited_from rolecode, soc soccode)
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, roleext, pg_temp
BEGIN ATOMIC
  SELECT m.role, m.scheme, m.code, m.source, m.review_status, m.confidence, m.reviewer, m.reviewed_at, m.note,
         m.inherited_from, m.soc
  FROM roleext.role_mappings_internal m;
END;

CREATE OR REPLACE VIEW role_mappings AS
SELECT m.role::text AS role, m.scheme::text AS scheme, m.code, m.source::text AS source,
       m.review_status::text AS review_status, m.confidence::numeric(5,4) AS confidence,
       m.reviewer, m.reviewed_at, m.note, m.inherited_from::text AS inherited_from
FROM roleext.role_mappings_internal m;

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
FROM roleext.role r
-- joined on the text of the code, so that a filter on the view's role column
-- (role = 'DEI.GEN.P1') reaches role_mappings_internal and its index scans
LEFT JOIN roleext.role_mappings_internal m
  ON m.role::text = r.code::text AND m.scheme IN ('soc2018', 'onet2019')
LEFT JOIN roleext.soc_hierarchy_internal h ON h.code OPERATOR(roleext.=) m.soc;

-- ==== END views ==============================================================

-- ==== BEGIN citus: rename on Citus, the guard of DROP ... CASCADE (issue #18) ====
-- rename_taxonomy_node no longer defers constraints by name (the shards of a
-- Citus reference table carry other names): it inserts the renamed
-- subtree, moves the mappings and roles, and deletes the old nodes
-- (sql/57_adjacency.sql).  The event trigger roleext_citus_drop_guard
-- refuses DROP EXTENSION/SCHEMA ... CASCADE that would drop roleext while
-- a Citus table has a column of its types (sql/90_citus.sql).
CREATE OR REPLACE FUNCTION rename_taxonomy_node(old_code rolecode, new_code rolecode) RETURNS int4
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  n int4;
  oldlen int4 := length(old_code::text);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM roleext.taxonomy t WHERE t.code = old_code) THEN
    RAISE EXCEPTION 'taxonomy node % does not exist', old_code USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'rename_taxonomy_node renames an existing node.';
  END IF;
  IF EXISTS (SELECT 1 FROM roleext.taxonomy t WHERE t.code = new_code) THEN
    RAISE EXCEPTION 'taxonomy node % already exists', new_code USING ERRCODE = 'unique_violation',
      DETAIL = 'A node can only be renamed to a code no other node has.';
  END IF;
  IF code_depth(new_code) <> code_depth(old_code) OR code_level(new_code) IS NOT NULL
     OR (code_depth(old_code) > 1 AND code_prefix(new_code, code_depth(old_code) - 1)
                                      OPERATOR(roleext.<>) code_prefix(old_code, code_depth(old_code) - 1)) THEN
    RAISE EXCEPTION 'cannot rename % to %', old_code, new_code USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'A rename changes the last label of the code only (DEI.GEN to DEI.GENERAL); to move a node, change its parent.';
  END IF;
  -- Copy, move, delete: the renamed nodes are inserted beside the old ones
  -- (one statement, so the new chain's foreign keys and tg_taxonomy_node
  -- are checked once it is whole), the node mappings and the roles move to
  -- them (their components, aliases and other rows follow role.code through
  -- ON UPDATE CASCADE; tg_role_coord recomputes their coordinates), and the
  -- old nodes go.  Every statement leaves every foreign key satisfied, so
  -- nothing is deferred: SET CONSTRAINTS names a constraint, and on a Citus
  -- node the shards' copies of it carry other names (doc/citus.md).
  INSERT INTO roleext.taxonomy (code, kind, name, parent, description)
  SELECT (new_code::text || substr(t.code::text, oldlen + 1))::roleext.rolecode, t.kind, t.name,
         CASE WHEN t.code OPERATOR(roleext.=) old_code THEN t.parent
              ELSE (new_code::text || substr(t.parent::text, oldlen + 1))::roleext.rolecode END,
         t.description
    FROM roleext.taxonomy t
   WHERE t.code OPERATOR(roleext.<@) old_code;
  UPDATE roleext.mapping m
     SET node = (new_code::text || substr(m.node::text, oldlen + 1))::roleext.rolecode
   WHERE m.node OPERATOR(roleext.<@) old_code;
  UPDATE roleext.role r
     SET code = (new_code::text || substr(r.code::text, oldlen + 1))::roleext.rolecode
   WHERE r.code OPERATOR(roleext.<@) old_code;
  GET DIAGNOSTICS n = ROW_COUNT;
  DELETE FROM roleext.taxonomy t WHERE t.code OPERATOR(roleext.<@) old_code;
  RETURN n;
END $$;
COMMENT ON FUNCTION rename_taxonomy_node(rolecode, rolecode) IS
  'Rename a taxonomy node (the last label of its code): the codes of the nodes and roles below it change with it, their components, aliases and mappings follow, their coordinates are recomputed. Returns the number of roles renamed. 22023 unless only the last label changes; 23505 if the new code is taken.';

CREATE FUNCTION citus_drop_guard() RETURNS event_trigger
  AS 'MODULE_PATHNAME' LANGUAGE C
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION citus_drop_guard() IS
  'Internal to the event trigger roleext_citus_drop_guard: on a Citus node, raises 2BP01 for a DROP EXTENSION or DROP SCHEMA ... CASCADE that would drop roleext while a Citus table has a column of a roleext type (the error names the tables and the columns); does nothing without Citus.';
CREATE EVENT TRIGGER roleext_citus_drop_guard ON ddl_command_start
  WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA')
  EXECUTE FUNCTION citus_drop_guard();
COMMENT ON EVENT TRIGGER roleext_citus_drop_guard IS
  'roleext on Citus: refuses DROP EXTENSION or DROP SCHEMA ... CASCADE that would drop roleext while a Citus table has a column of a roleext type (doc/citus.md, "Lifecycle").';
-- ==== END citus ====

-- ==== BEGIN engine: one title engine for roles and occupations (issue #20, doc/titles.md) ====
-- resolve_title codes titles with the autocoder's engine against a shared
-- index of the taxonomy (src/resolve_build.c), versioned like the
-- dictionary's; the SQL lookups of 1.4.0 it replaces go.
DROP FUNCTION resolve_names(text, int);
DROP FUNCTION resolve_names_within(text);
DROP FUNCTION resolve_family_roles(rolecode[]);

-- The taxonomy's version: one row, moved on by every statement that writes
-- the tables resolve_title's index is built from (role, role_alias,
-- taxonomy, mapping, level) to the next value of a sequence, as
-- title_dictionary_version is for soc_autocode (sql/70_autocode.sql).  The
-- trigger runs BEFORE the statement, so a writer takes the version row's
-- lock before any row of the taxonomy: writers of the taxonomy queue for
-- each other's commit in one order and never deadlock on it.  Not dumped.
CREATE SEQUENCE taxonomy_version_seq;
COMMENT ON SEQUENCE taxonomy_version_seq IS
  'The numbers of taxonomy_version.version: each writing statement of role, role_alias, taxonomy, mapping or level takes the next one.';
CREATE TABLE taxonomy_version (
  id       boolean PRIMARY KEY DEFAULT true
           CONSTRAINT taxonomy_version_one_row CHECK (id),
  instance bigint NOT NULL,
  version  bigint NOT NULL
);
COMMENT ON TABLE taxonomy_version IS
  'The version of the taxonomy that resolve_title resolves against (one row): every statement that writes role, role_alias, taxonomy, mapping or level moves version on, in its own transaction, so that a statement sees the version of the taxonomy its snapshot sees. Each version has one shared index image, built by its first reader (doc/titles.md). Written only by the triggers; never edit it.';
COMMENT ON COLUMN taxonomy_version.id IS 'Always true: the table holds one row.';
COMMENT ON COLUMN taxonomy_version.instance IS 'A random number chosen when the extension was created; names this installation''s versions.';
COMMENT ON COLUMN taxonomy_version.version IS 'The taxonomy''s version: the last value of taxonomy_version_seq a writing statement took.';
INSERT INTO taxonomy_version (instance, version)
  VALUES (pg_catalog.hashtextextended(pg_catalog.textcat(pg_catalog.random()::pg_catalog.text,
                                                         pg_catalog.clock_timestamp()::pg_catalog.text), 1),
          pg_catalog.nextval('roleext.taxonomy_version_seq'::pg_catalog.regclass));

CREATE FUNCTION tg_taxonomy_changed() RETURNS trigger
  AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION tg_taxonomy_changed() IS
  'Statement trigger (BEFORE) of role, role_alias, taxonomy, mapping and level: moves taxonomy_version on; the writing transaction resolves against its change from its next statement, other sessions once it commits, and the first resolve_title that sees the new version builds its shared index.';
CREATE TRIGGER tg_taxonomy_changed
  BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON role
  FOR EACH STATEMENT EXECUTE FUNCTION tg_taxonomy_changed();
ALTER TABLE role ENABLE ALWAYS TRIGGER tg_taxonomy_changed;
CREATE TRIGGER tg_taxonomy_changed
  BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_alias
  FOR EACH STATEMENT EXECUTE FUNCTION tg_taxonomy_changed();
ALTER TABLE role_alias ENABLE ALWAYS TRIGGER tg_taxonomy_changed;
CREATE TRIGGER tg_taxonomy_changed
  BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON taxonomy
  FOR EACH STATEMENT EXECUTE FUNCTION tg_taxonomy_changed();
ALTER TABLE taxonomy ENABLE ALWAYS TRIGGER tg_taxonomy_changed;
CREATE TRIGGER tg_taxonomy_changed
  BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON mapping
  FOR EACH STATEMENT EXECUTE FUNCTION tg_taxonomy_changed();
ALTER TABLE mapping ENABLE ALWAYS TRIGGER tg_taxonomy_changed;
CREATE TRIGGER tg_taxonomy_changed
  BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON level
  FOR EACH STATEMENT EXECUTE FUNCTION tg_taxonomy_changed();
ALTER TABLE level ENABLE ALWAYS TRIGGER tg_taxonomy_changed;

COMMENT ON FUNCTION resolve_title(text, int) IS
  'The k roles (1 to 20, default 5) an HRIS job title most likely names, best first: role, its title, the alias or title that decided (NULL when the title''s words did rather than one name), a confidence and its band, the method (exact, exact+level, trigram: a close name, trigram+level) and needs_review (best confidence below 0.30, or the top two within 0.10). A title decided in title_decision gives its decision alone: method decided, confidence 1, needs_review false. Always at least one row: a NULL, blank or unmatched title gives role NULL, method none, needs_review true. For CROSS JOIN LATERAL over an HRIS table; see doc/titles.md.';
-- The index resolve_title resolves against, for monitoring and tests (src/resolve_build.c).
CREATE FUNCTION resolve_title_index(OUT entries int, OUT roles int, OUT families int, OUT bytes bigint,
                                    OUT build_ms float8, OUT builds bigint, OUT version bigint,
                                    OUT shared boolean, OUT mapped_bytes bigint, OUT private_bytes bigint,
                                    OUT built_at timestamptz)
RETURNS record
  AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION resolve_title_index() IS
  'The taxonomy index resolve_title resolves against in this statement (opened or built first): entries (role titles and aliases), roles, families (taxonomy nodes with roles), bytes (the index and its role table), build_ms (how long its build took), builds (indexes this backend has built, of the dictionary and the taxonomy), version (the taxonomy version it indexes), shared (a shared image mapped from a file, else a private index), mapped_bytes (the size of the mapped image), private_bytes (this backend''s own memory for both indexes) and built_at. For monitoring and tests.';
-- ==== END engine ============================================================
