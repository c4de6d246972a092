-- Views for people and BI tools: flat columns of standard SQL types
-- (text, numeric, integer, double precision, boolean, timestamptz), stable
-- names, a comment on every column.  Every view that is about roles names
-- its role column "role".
--
-- Why standard types: a BI tool or client library (JDBC, ODBC, psycopg,
-- node-pg) connects as a reader with the default search_path.  A column of
-- a roleext type there has no usable operators (rolecode = unknown, LIKE,
-- upper(), avg(confidence), confidence >= 0.8 all fail), is reported as
-- Types.OTHER / USER-DEFINED and arrives as a string.  Codes are therefore
-- their canonical text (upper case: 'DEI.GEN.P1', '15-1252'), levels text,
-- enums text, confidences numeric(5,4), ranges two integers.  The typed
-- world (operators, containment, GiST/btree indexes) stays on the tables
-- and functions.
--
-- Each view that other SQL builds on has a typed twin, a function of the
-- same name returning roleext types: taxonomy_tree(), taxonomy_ancestors(),
-- role_mappings(), soc_hierarchy().  They are SQL functions with bodies
-- bound at creation and a SET clause, so that the planner does not inline
-- them: Citus cannot plan an inlined SQL function over its tables (the
-- taxonomy as reference tables, doc/citus.md), and plans a function's body
-- as a query of its own.  Each rule behind them is written once, in an
-- internal view of roleext's types named <view>_internal
-- (taxonomy_tree_internal, taxonomy_ancestors_internal,
-- role_mappings_internal, soc_hierarchy_internal): the BI view casts its
-- columns to standard types and the twin selects from it.  A view is
-- rewritten into the query that reads it, never inlined as a function is,
-- so a filter on a BI view reaches the tables' indexes through the internal
-- view, and Citus plans it over its reference tables; the extension's own
-- functions read the tables by their keys.  The internal views are members
-- like the others: grant_reader grants them (the twins read them with the
-- caller's rights), and the BI views read them with their owner's.

-- Filters on a view's role column: the column is r.code::text, and the
-- expression index role_code_text_idx serves "role = 'DEI.GEN.P1'" (and
-- IN lists); the per-role parts of each view are reached from the role row
-- through the tables' own indexes (LATERAL or nested-loop joins on the
-- typed code), so a one-role filter never reads the whole taxonomy.

-- '0–2 yrs' for [0,3), '10+ yrs' for [10,), 'up to 2 yrs' for (,3).
CREATE FUNCTION level_experience_text(int4range) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN CASE
    WHEN $1 IS NULL OR isempty($1) THEN NULL
    WHEN lower_inf($1) AND upper_inf($1) THEN 'any'
    WHEN upper_inf($1) THEN lower($1) || '+ yrs'
    WHEN lower_inf($1) THEN 'up to ' || (upper($1) - 1) || ' yrs'
    WHEN lower($1) = upper($1) - 1 THEN lower($1) || ' yrs'
    ELSE lower($1) || '–' || (upper($1) - 1) || ' yrs'
  END;
COMMENT ON FUNCTION level_experience_text(int4range) IS
  'Typical experience as written on a card: [0,3) -> ''0–2 yrs'', [10,) -> ''10+ yrs''.';

-- Functions that take a role code answer an unknown one the same way:
-- 22023 "role X does not exist" (role_card_json, adjacent_roles).
CREATE FUNCTION role_must_exist(code rolecode, caller text) RETURNS rolecode
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM roleext.role r WHERE r.code OPERATOR(roleext.=) role_must_exist.code) THEN
    RAISE EXCEPTION 'role % does not exist', code USING ERRCODE = 'invalid_parameter_value',
      DETAIL = format('%s takes the code of a role in table roleext.role.', caller);
  END IF;
  RETURN code;
END $$;
COMMENT ON FUNCTION role_must_exist(rolecode, text) IS
  'Internal to role_card_json, adjacent_roles and the DOT exports: the code itself when the role exists, else 22023 "role ... does not exist" naming the caller in the detail.';

-- A filter on a view's text role column (role = 'DEI.GEN.P1') is an index
-- scan through this index instead of a scan of every role.
CREATE INDEX role_code_text_idx ON role ((code::text));
COMMENT ON INDEX role_code_text_idx IS
  'The role code as text: serves filters on the role column of the BI views (role_card.role = ''DEI.GEN.P1'').';

-- taxonomy_tree --------------------------------------------------------------

-- The rule of a node's chain (its superfunction, function, family and
-- specialization, at most four nodes up), in roleext's types.  Internal: the
-- view taxonomy_tree casts it to standard types, role_card joins it, and
-- the twin taxonomy_tree() selects from it; nothing else writes the chain
-- out (the per-key readers role_coord and role_card_json excepted, which
-- read one node's chain by its keys).
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

CREATE FUNCTION taxonomy_tree()
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
COMMENT ON FUNCTION taxonomy_tree() IS
  'Typed twin of view taxonomy_tree: each taxonomy node with the code (rolecode) and name of its superfunction, function, family and specialization. Not inlined (a SET clause), so that Citus can plan it over its reference tables; it returns every row, and the view of the same name is the one a filter reaches the indexes through.';

CREATE VIEW taxonomy_tree AS
SELECT t.node::text AS node, t.kind::text AS kind, t.name, t.parent::text AS parent,
       t.superfunction_code::text AS superfunction_code, t.superfunction_name,
       t.function_code::text AS function_code, t.function_name,
       t.family_code::text AS family_code, t.family_name,
       t.specialization_code::text AS specialization_code, t.specialization_name,
       t.chain_length
FROM roleext.taxonomy_tree_internal t;
COMMENT ON VIEW taxonomy_tree IS
  'One row per taxonomy node with the code and name of its superfunction, function, family and specialization (NULL where the chain has none): drill-down columns for BI tools. Standard SQL types; the typed twin is the function taxonomy_tree().';
COMMENT ON COLUMN taxonomy_tree.node IS 'The node''s code, canonical upper case (DEI.GEN).';
COMMENT ON COLUMN taxonomy_tree.kind IS 'superfunction, function, family or specialization.';
COMMENT ON COLUMN taxonomy_tree.name IS 'The node''s display name.';
COMMENT ON COLUMN taxonomy_tree.parent IS 'The code of the node above; NULL at the top.';
COMMENT ON COLUMN taxonomy_tree.superfunction_code IS 'The code of the superfunction in the node''s chain (the node itself if it is one); NULL if none.';
COMMENT ON COLUMN taxonomy_tree.superfunction_name IS 'The superfunction''s name.';
COMMENT ON COLUMN taxonomy_tree.function_code IS 'The code of the function in the node''s chain; NULL if none.';
COMMENT ON COLUMN taxonomy_tree.function_name IS 'The function''s name.';
COMMENT ON COLUMN taxonomy_tree.family_code IS 'The code of the family in the node''s chain; NULL if none.';
COMMENT ON COLUMN taxonomy_tree.family_name IS 'The family''s name.';
COMMENT ON COLUMN taxonomy_tree.specialization_code IS 'The code of the specialization in the node''s chain; NULL if none.';
COMMENT ON COLUMN taxonomy_tree.specialization_name IS 'The specialization''s name.';
COMMENT ON COLUMN taxonomy_tree.chain_length IS 'Number of nodes from the top of the chain down to this node, this node included (1 to 4).';

-- taxonomy_ancestors ---------------------------------------------------------

-- The rule of a node's ancestors (the node itself at distance 0, its parent
-- at 1 and so on up, at most three), in roleext's types.  Internal: the view
-- taxonomy_ancestors casts it, role_mappings_internal (the inheritance of
-- mappings) joins it, and the twin taxonomy_ancestors() selects from it.
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

CREATE FUNCTION taxonomy_ancestors()
RETURNS TABLE (node rolecode, ancestor rolecode, ancestor_kind node_kind, distance int4)
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, roleext, pg_temp
BEGIN ATOMIC
  SELECT a.node, a.ancestor, a.ancestor_kind, a.distance FROM roleext.taxonomy_ancestors_internal a;
END;
COMMENT ON FUNCTION taxonomy_ancestors() IS
  'Typed twin of view taxonomy_ancestors: every (node, ancestor) pair of the taxonomy as rolecodes, the node itself at distance 0, its parent at 1 and so on up. Not inlined (a SET clause), so that Citus can plan it over its reference tables; it returns every row, and the view of the same name is the one a filter reaches the indexes through.';

CREATE VIEW taxonomy_ancestors AS
SELECT a.node::text AS node, a.ancestor::text AS ancestor, a.ancestor_kind::text AS ancestor_kind, a.distance
FROM roleext.taxonomy_ancestors_internal a;
COMMENT ON VIEW taxonomy_ancestors IS
  'Every (node, ancestor) pair of the taxonomy, the node itself at distance 0, its parent at 1 and so on up: a closure table for BI roll-ups. Standard SQL types; the typed twin is the function taxonomy_ancestors().';
COMMENT ON COLUMN taxonomy_ancestors.node IS 'A taxonomy node''s code.';
COMMENT ON COLUMN taxonomy_ancestors.ancestor IS 'The code of the node itself or of a node above it.';
COMMENT ON COLUMN taxonomy_ancestors.ancestor_kind IS 'The ancestor''s kind: superfunction, function, family or specialization.';
COMMENT ON COLUMN taxonomy_ancestors.distance IS '0 for the node itself, 1 for its parent, and so on up.';

-- role_card --------------------------------------------------------------------

CREATE VIEW role_card AS
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
COMMENT ON VIEW role_card IS
  'One row per role: title, code, level with its name and seven descriptors, taxonomy names up the chain, the story, and the count of each component kind and of aliases. Standard SQL types: codes and levels are canonical text.';
COMMENT ON COLUMN role_card.role IS 'The role code, canonical upper case (DEI.GEN.P1); joins the role column of every other view.';
COMMENT ON COLUMN role_card.title IS 'The role''s title as shown on the card.';
COMMENT ON COLUMN role_card.level IS 'The role''s level, the last label of its code (P1).';
COMMENT ON COLUMN role_card.level_name IS 'The level''s display name (Entry-Level Professional).';
COMMENT ON COLUMN role_card.level_description IS 'One-line description of the level.';
COMMENT ON COLUMN role_card.level_grade IS 'The level''s position on the cross-track scale (P n = n, M n = n + 2, E n = n + 6, S n = (n - 1) / 2 by default).';
COMMENT ON COLUMN role_card.level_scope IS 'Level descriptor: the scope of work.';
COMMENT ON COLUMN role_card.level_autonomy IS 'Level descriptor: how much supervision the level works under.';
COMMENT ON COLUMN role_card.level_complexity IS 'Level descriptor: the complexity of problems handled.';
COMMENT ON COLUMN role_card.level_impact IS 'Level descriptor: the reach of the level''s impact.';
COMMENT ON COLUMN role_card.level_decision_rights IS 'Level descriptor: which decisions the level takes alone.';
COMMENT ON COLUMN role_card.level_leadership IS 'Level descriptor: leadership expected at the level.';
COMMENT ON COLUMN role_card.level_typical_experience IS 'Typical experience as written on a card (0–2 yrs, 10+ yrs).';
COMMENT ON COLUMN role_card.level_experience_min_years IS 'Typical experience: the fewest whole years; NULL when unbounded or not set.';
COMMENT ON COLUMN role_card.level_experience_max_years IS 'Typical experience: the most whole years, inclusive (2 for 0–2 yrs); NULL when open-ended or not set.';
COMMENT ON COLUMN role_card.node IS 'The role''s taxonomy node: its code without the level (DEI.GEN).';
COMMENT ON COLUMN role_card.node_kind IS 'The node''s kind: superfunction, function, family or specialization.';
COMMENT ON COLUMN role_card.node_name IS 'The node''s name.';
COMMENT ON COLUMN role_card.superfunction_code IS 'The superfunction in the role''s chain (TECH); NULL if none.';
COMMENT ON COLUMN role_card.superfunction_name IS 'The superfunction''s name.';
COMMENT ON COLUMN role_card.function_code IS 'The function in the role''s chain (DEI); NULL if none.';
COMMENT ON COLUMN role_card.function_name IS 'The function''s name.';
COMMENT ON COLUMN role_card.family_code IS 'The family in the role''s chain; NULL if none.';
COMMENT ON COLUMN role_card.family_name IS 'The family''s name.';
COMMENT ON COLUMN role_card.specialization_code IS 'The specialization in the role''s chain (DEI.GEN); NULL if none.';
COMMENT ON COLUMN role_card.specialization_name IS 'The specialization''s name.';
COMMENT ON COLUMN role_card.summary IS 'One-paragraph summary of the role.';
COMMENT ON COLUMN role_card.story_who IS 'Story: who does this work.';
COMMENT ON COLUMN role_card.story_external_problem IS 'Story: the external problem the role solves.';
COMMENT ON COLUMN role_card.story_internal_problem IS 'Story: the internal problem (how it feels to the people in the role).';
COMMENT ON COLUMN role_card.story_why_it_matters IS 'Story: why it matters.';
COMMENT ON COLUMN role_card.story_plan IS 'Story: the plan, one step a line.';
COMMENT ON COLUMN role_card.story_plan_steps IS 'Story: the number of steps of the plan.';
COMMENT ON COLUMN role_card.story_stakes IS 'Story: what is at stake.';
COMMENT ON COLUMN role_card.story_success IS 'Story: what success looks like.';
COMMENT ON COLUMN role_card.responsibilities IS 'Number of responsibilities on the card.';
COMMENT ON COLUMN role_card.tasks IS 'Number of tasks on the card.';
COMMENT ON COLUMN role_card.skills IS 'Number of skills on the card.';
COMMENT ON COLUMN role_card.knowledge IS 'Number of knowledge areas on the card.';
COMMENT ON COLUMN role_card.competencies IS 'Number of competencies on the card.';
COMMENT ON COLUMN role_card.qualifications IS 'Number of qualifications on the card.';
COMMENT ON COLUMN role_card.outputs IS 'Number of core outputs on the card.';
COMMENT ON COLUMN role_card.aliases IS 'Number of title aliases of the role (see role_aliases).';
COMMENT ON COLUMN role_card.updated_at IS 'When the role row was last written.';

-- role_components --------------------------------------------------------------

CREATE VIEW role_components AS
SELECT r.code::text AS role, rc.kind::text AS kind, rc.name, rc.prevalence::text AS prevalence,
       rc.scope::text AS scope, rc.position, c.description
FROM roleext.role r
JOIN roleext.role_component rc ON rc.role OPERATOR(roleext.=) r.code
JOIN roleext.component c ON c.kind = rc.kind AND c.name = rc.name;
COMMENT ON VIEW role_components IS
  'One row per component of a role: kind (responsibility, task, skill, knowledge, competency, qualification, output), name, prevalence, scope and position on the card. Standard SQL types.';
COMMENT ON COLUMN role_components.role IS 'The role code, canonical upper case (DEI.GEN.P1).';
COMMENT ON COLUMN role_components.kind IS 'responsibility, task, skill, knowledge, competency, qualification or output.';
COMMENT ON COLUMN role_components.name IS 'The component''s name, unique within its kind.';
COMMENT ON COLUMN role_components.prevalence IS 'How widely it holds for the role: core, common or occasional.';
COMMENT ON COLUMN role_components.scope IS 'The scope it is defined at: role, level, or a taxonomy kind (specialization, family, function, superfunction).';
COMMENT ON COLUMN role_components.position IS 'Order within its kind on the card, from 1.';
COMMENT ON COLUMN role_components.description IS 'The component''s description from the catalogue, if any.';

-- role_aliases -----------------------------------------------------------------

CREATE VIEW role_aliases AS
SELECT r.code::text AS role, ra.alias, ra.alias_type::text AS alias_type,
       ra.confidence::numeric(5,4) AS confidence, roleext.confidence_band(ra.confidence)::text AS band,
       ra.approved, ra.approved_by, ra.approved_at
FROM roleext.role r
JOIN roleext.role_alias ra ON ra.role OPERATOR(roleext.=) r.code;
COMMENT ON VIEW role_aliases IS
  'One row per title alias of a role, with its type, confidence, confidence band and review state (approved NULL = not reviewed). Standard SQL types.';
COMMENT ON COLUMN role_aliases.role IS 'The role code, canonical upper case (DEI.GEN.P1).';
COMMENT ON COLUMN role_aliases.alias IS 'The alias as written.';
COMMENT ON COLUMN role_aliases.alias_type IS 'official, common, abbreviation, legacy, internal or posting.';
COMMENT ON COLUMN role_aliases.confidence IS 'How surely the alias names the role, 0 to 1, four decimals (0.6000).';
COMMENT ON COLUMN role_aliases.band IS 'The confidence''s band: low (< 0.50), medium (< 0.80) or high.';
COMMENT ON COLUMN role_aliases.approved IS 'NULL = not reviewed, true = approved, false = rejected.';
COMMENT ON COLUMN role_aliases.approved_by IS 'Who reviewed the alias.';
COMMENT ON COLUMN role_aliases.approved_at IS 'When the alias was reviewed.';
