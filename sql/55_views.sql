-- Views for people and BI tools: flat columns, stable names.  Every view
-- that is about roles names its role column "role" (type rolecode).

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

CREATE VIEW taxonomy_tree AS
SELECT t0.code AS node,
       t0.kind,
       t0.name,
       t0.parent,
       CASE 'superfunction'::node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
            WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END AS superfunction_code,
       CASE 'superfunction'::node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
            WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END AS superfunction_name,
       CASE 'function'::node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
            WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END AS function_code,
       CASE 'function'::node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
            WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END AS function_name,
       CASE 'family'::node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
            WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END AS family_code,
       CASE 'family'::node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
            WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END AS family_name,
       CASE 'specialization'::node_kind WHEN t0.kind THEN t0.code WHEN t1.kind THEN t1.code
            WHEN t2.kind THEN t2.code WHEN t3.kind THEN t3.code END AS specialization_code,
       CASE 'specialization'::node_kind WHEN t0.kind THEN t0.name WHEN t1.kind THEN t1.name
            WHEN t2.kind THEN t2.name WHEN t3.kind THEN t3.name END AS specialization_name,
       1 + (t1.code IS NOT NULL)::int + (t2.code IS NOT NULL)::int + (t3.code IS NOT NULL)::int AS chain_length
FROM taxonomy t0
LEFT JOIN taxonomy t1 ON t1.code = t0.parent
LEFT JOIN taxonomy t2 ON t2.code = t1.parent
LEFT JOIN taxonomy t3 ON t3.code = t2.parent;
COMMENT ON VIEW taxonomy_tree IS
  'Each taxonomy node with the code and name of its superfunction, function, family and specialization (NULL where the chain has none): drill-down columns for BI tools.';

CREATE VIEW taxonomy_ancestors AS
SELECT t0.code AS node, t0.code AS ancestor, t0.kind AS ancestor_kind, 0 AS distance FROM taxonomy t0
UNION ALL
SELECT t0.code, t1.code, t1.kind, 1 FROM taxonomy t0 JOIN taxonomy t1 ON t1.code = t0.parent
UNION ALL
SELECT t0.code, t2.code, t2.kind, 2 FROM taxonomy t0 JOIN taxonomy t1 ON t1.code = t0.parent
  JOIN taxonomy t2 ON t2.code = t1.parent
UNION ALL
SELECT t0.code, t3.code, t3.kind, 3 FROM taxonomy t0 JOIN taxonomy t1 ON t1.code = t0.parent
  JOIN taxonomy t2 ON t2.code = t1.parent JOIN taxonomy t3 ON t3.code = t2.parent;
COMMENT ON VIEW taxonomy_ancestors IS
  'Every (node, ancestor) pair of the taxonomy, the node itself at distance 0, its parent at 1 and so on up.';

CREATE VIEW role_card AS
SELECT r.code AS role,
       r.title,
       r.level,
       l.name AS level_name,
       l.description AS level_description,
       l.grade AS level_grade,
       l.scope AS level_scope,
       l.autonomy AS level_autonomy,
       l.complexity AS level_complexity,
       l.impact AS level_impact,
       l.decision_rights AS level_decision_rights,
       l.leadership AS level_leadership,
       level_experience_text(l.experience) AS level_typical_experience,
       l.experience AS level_experience_years,
       r.node,
       tt.kind AS node_kind,
       tt.name AS node_name,
       tt.superfunction_code, tt.superfunction_name,
       tt.function_code, tt.function_name,
       tt.family_code, tt.family_name,
       tt.specialization_code, tt.specialization_name,
       r.summary,
       r.story_who,
       r.story_external_problem,
       r.story_internal_problem,
       r.story_why_it_matters,
       array_to_string(r.story_plan, E'\n') AS story_plan,
       cardinality(r.story_plan) AS story_plan_steps,
       r.story_stakes,
       r.story_success,
       coalesce(c.responsibilities, 0) AS responsibilities,
       coalesce(c.tasks, 0) AS tasks,
       coalesce(c.skills, 0) AS skills,
       coalesce(c.knowledge, 0) AS knowledge,
       coalesce(c.competencies, 0) AS competencies,
       coalesce(c.qualifications, 0) AS qualifications,
       coalesce(c.outputs, 0) AS outputs,
       coalesce(a.aliases, 0) AS aliases,
       r.updated_at
FROM role r
JOIN level l ON l.code = r.level
JOIN taxonomy_tree tt ON tt.node = r.node
LEFT JOIN (
  SELECT rc.role,
         count(*) FILTER (WHERE rc.kind = 'responsibility') AS responsibilities,
         count(*) FILTER (WHERE rc.kind = 'task') AS tasks,
         count(*) FILTER (WHERE rc.kind = 'skill') AS skills,
         count(*) FILTER (WHERE rc.kind = 'knowledge') AS knowledge,
         count(*) FILTER (WHERE rc.kind = 'competency') AS competencies,
         count(*) FILTER (WHERE rc.kind = 'qualification') AS qualifications,
         count(*) FILTER (WHERE rc.kind = 'output') AS outputs
  FROM role_component rc GROUP BY rc.role
) c ON c.role = r.code
LEFT JOIN (SELECT ra.role, count(*) AS aliases FROM role_alias ra GROUP BY ra.role) a ON a.role = r.code;
COMMENT ON VIEW role_card IS
  'One row per role: title, code, level with its name and seven descriptors, taxonomy names up the chain, the story, and the count of each component kind and of aliases.';

CREATE VIEW role_components AS
SELECT rc.role, rc.kind, rc.name, rc.prevalence, rc.scope, rc.position, c.description
FROM role_component rc
JOIN component c ON c.kind = rc.kind AND c.name = rc.name;
COMMENT ON VIEW role_components IS
  'One row per component of a role: kind (responsibility, task, skill, knowledge, competency, qualification, output), name, prevalence, scope and position on the card.';

CREATE VIEW role_aliases AS
SELECT ra.role, ra.alias, ra.alias_type, ra.confidence, confidence_band(ra.confidence) AS band,
       ra.approved, ra.approved_by, ra.approved_at
FROM role_alias ra;
COMMENT ON VIEW role_aliases IS
  'One row per title alias of a role, with its type, confidence, confidence band and review state (approved NULL = not reviewed).';
