-- Occupation content as role-card components (doc/content.md): the one
-- place that says which O*NET content becomes which component, with what
-- prevalence, provenance and rank.  draft_role_card, suggest_components and
-- skill_gap all read it.  A component's description depends on its kind and
-- name only (never on the occupation it is drafted for), so cards drafted
-- from different occupations agree on the shared catalogue (component).

CREATE TABLE onet_component (
  code        soccode NOT NULL,
  kind        component_kind NOT NULL,
  name        text NOT NULL,
  description text NOT NULL,
  prevalence  component_prevalence NOT NULL,
  score       float8 NOT NULL CHECK (score > 0 AND score <= 1),
  position    int4 NOT NULL,
  in_draft    boolean NOT NULL,
  ete_scale   text,
  ete_category int4
);
COMMENT ON TABLE onet_component IS
  'O*NET 27.0 content as role-card components of each occupation: tasks (task statements, emerging tasks), responsibilities (the detailed work activities of its tasks), skills (technologies, hot ones first, and tools), competencies (work styles) and qualifications (education, work experience, training, certification). Built by CREATE EXTENSION from the O*NET tables; read by draft_role_card, suggest_components and skill_gap. See doc/content.md for the rules. Source: derived from the O*NET 27.0 Database (August 2022), USDOL/ETA, CC BY 4.0.';
COMMENT ON COLUMN onet_component.code IS 'The O*NET-SOC 2019 occupation.';
COMMENT ON COLUMN onet_component.kind IS 'The component kind.';
COMMENT ON COLUMN onet_component.name IS 'The component name: the task statement, DWA title, technology or tool, work style, or "<element>: <category>" for a qualification.';
COMMENT ON COLUMN onet_component.description IS 'Where it comes from in O*NET 27.0 (task ids and occupations, DWA id, UNSPSC commodity, element id, scale and category); the same for every occupation that has the component.';
COMMENT ON COLUMN onet_component.prevalence IS 'How widely it holds for the occupation: core (core task, importance >= 4, >= 50 % of respondents), common, occasional (supplemental or emerging task, importance < 3, < 20 %).';
COMMENT ON COLUMN onet_component.score IS 'Its strength for the occupation, 0 to 1: task 1 core or untyped, 0.5 supplemental, 0.3 emerging; activity the best weight of its tasks; hot technology 1, other technology 0.6, tool 0.5; work style (importance - 1) / 4; qualification the share of respondents.';
COMMENT ON COLUMN onet_component.position IS 'Its rank among the occupation''s components of its kind, from 1 (the order of a drafted card).';
COMMENT ON COLUMN onet_component.ete_scale IS 'For a qualification: the education, training and experience scale it comes from (RL, RW, PT, OJ, or IM for certification and apprenticeship); NULL for other kinds.';
COMMENT ON COLUMN onet_component.ete_category IS 'For a qualification of a category scale: the category on it (see onet_ete_category).';
COMMENT ON COLUMN onet_component.in_draft IS 'True when draft_role_card puts it on the card: core tasks (every task when the occupation has no typed ones), the 10 activities of those tasks linked most often, 20 technologies (hot first) and 10 tools, work styles of importance >= 3.5 (at most 8), and the most frequent category of each education, experience and training scale plus any education category of >= 25 %.';

SET LOCAL work_mem = '64MB';
INSERT INTO onet_component (code, kind, name, description, prevalence, score, position, in_draft, ete_scale, ete_category)
WITH typed AS (
  SELECT t.code, pg_catalog.bool_or(t.task_type IS NOT NULL) AS any_typed
  FROM roleext.onet_task t GROUP BY t.code
), task_ref AS (
  -- every O*NET mention of a task statement, for its description
  SELECT t.task COLLATE "C" AS name,
         pg_catalog.string_agg(pg_catalog.format('%s (%s), %s', t.task_id, coalesce(t.task_type, 'untyped'), t.code::text),
                               '; ' ORDER BY t.code, t.task_id) AS refs
  FROM roleext.onet_task t GROUP BY t.task COLLATE "C"
), emerging_ref AS (
  SELECT e.task COLLATE "C" AS name,
         pg_catalog.string_agg(pg_catalog.format('emerging (%s, %s write-ins), %s', e.category, e.write_in_total, e.code::text),
                               '; ' ORDER BY e.code) AS refs
  FROM roleext.onet_emerging_task e GROUP BY e.task COLLATE "C"
), task_desc AS (
  SELECT coalesce(a.name, b.name) AS name,
         'O*NET 27.0 task ' OPERATOR(pg_catalog.||) pg_catalog.concat_ws('; ', a.refs, b.refs) AS description
  FROM task_ref a FULL JOIN emerging_ref b ON b.name OPERATOR(pg_catalog.=) a.name
), tasks AS (
  SELECT t.code, 'task'::roleext.component_kind AS kind, t.task AS name,
         CASE t.task_type WHEN 'core' THEN 'core' WHEN 'supplemental' THEN 'occasional' ELSE 'common' END::roleext.component_prevalence AS prevalence,
         CASE WHEN t.task_type OPERATOR(pg_catalog.=) 'supplemental' THEN 0.5::float8 ELSE 1::float8 END AS score,
         t.position::float8 AS ord,
         (coalesce(t.task_type OPERATOR(pg_catalog.=) 'core', false) OR NOT y.any_typed) AS in_draft
  FROM roleext.onet_task t JOIN typed y ON y.code OPERATOR(roleext.=) t.code
  UNION ALL
  SELECT e.code, 'task', e.task, 'occasional', 0.3::float8, 100000::float8, false
  FROM roleext.onet_emerging_task e
  WHERE NOT EXISTS (SELECT FROM roleext.onet_task t WHERE t.code OPERATOR(roleext.=) e.code AND t.task OPERATOR(pg_catalog.=) e.task)
), activities AS (
  SELECT t.code, d.title COLLATE "C" AS name,
         CASE WHEN pg_catalog.bool_or(t.task_type OPERATOR(pg_catalog.=) 'core') THEN 'core'
              WHEN pg_catalog.bool_or(t.task_type IS NULL) THEN 'common' ELSE 'occasional' END::roleext.component_prevalence AS prevalence,
         pg_catalog.max(CASE WHEN t.task_type OPERATOR(pg_catalog.=) 'supplemental' THEN 0.5::float8 ELSE 1::float8 END) AS score,
         pg_catalog.count(*) FILTER (WHERE t.task_type OPERATOR(pg_catalog.=) 'core' OR NOT y.any_typed) AS draft_links,
         pg_catalog.count(*) AS links
  FROM roleext.onet_task_dwa l
  JOIN roleext.onet_task t ON t.task_id OPERATOR(pg_catalog.=) l.task_id
  JOIN roleext.onet_dwa d ON d.dwa_id OPERATOR(pg_catalog.=) l.dwa_id
  JOIN typed y ON y.code OPERATOR(roleext.=) t.code
  GROUP BY t.code, d.title COLLATE "C"
), activity_desc AS (
  SELECT d.title COLLATE "C" AS name,
         'O*NET 27.0 detailed work activity ' OPERATOR(pg_catalog.||) pg_catalog.string_agg(d.dwa_id, ', ' ORDER BY d.dwa_id) AS description
  FROM roleext.onet_dwa d GROUP BY d.title COLLATE "C"
), activities_ranked AS (
  SELECT a.*, pg_catalog.row_number() OVER (PARTITION BY a.code ORDER BY a.draft_links DESC, a.links DESC, a.name COLLATE "C") AS rk
  FROM activities a
), tech AS (
  SELECT g.code, g.example AS name, g.hot,
         pg_catalog.count(*) OVER (PARTITION BY g.code, g.commodity_code) AS emphasis
  FROM roleext.onet_technology g
), tech_desc AS (
  SELECT g.example COLLATE "C" AS name,
         pg_catalog.format('O*NET 27.0 technology skill; UNSPSC %s; hot technology in %s of %s occupations',
                           pg_catalog.string_agg(DISTINCT g.commodity_code::text OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) g.commodity_title, ', '),
                           pg_catalog.count(*) FILTER (WHERE g.hot), pg_catalog.count(*)) AS description
  FROM roleext.onet_technology g GROUP BY g.example COLLATE "C"
), tech_ranked AS (
  SELECT t.*, pg_catalog.row_number() OVER (PARTITION BY t.code ORDER BY t.hot DESC, t.emphasis DESC, t.name COLLATE "C") AS rk
  FROM tech t
), tool_emphasis AS (
  SELECT g.code, g.example AS name, pg_catalog.count(*) OVER (PARTITION BY g.code, g.commodity_code) AS emphasis
  FROM roleext.onet_tool g
), tool AS (
  SELECT g.code, g.name, pg_catalog.row_number() OVER (PARTITION BY g.code ORDER BY g.emphasis DESC, g.name COLLATE "C") AS rk
  FROM tool_emphasis g
), tool_desc AS (
  SELECT g.example COLLATE "C" AS name,
         'O*NET 27.0 tool; UNSPSC ' OPERATOR(pg_catalog.||)
           pg_catalog.string_agg(DISTINCT g.commodity_code::text OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) g.commodity_title, ', ') AS description
  FROM roleext.onet_tool g GROUP BY g.example COLLATE "C"
), styles AS (
  SELECT s.code, s.element_name AS name, s.importance::float8 AS importance, e.description AS element_description, s.element_id,
         pg_catalog.row_number() OVER (PARTITION BY s.code ORDER BY s.importance DESC, s.element_name COLLATE "C") AS rk
  FROM roleext.onet_work_style s JOIN roleext.onet_content_element e ON e.element_id OPERATOR(pg_catalog.=) s.element_id
), ete AS (
  SELECT x.code, c.element_name OPERATOR(pg_catalog.||) ': ' OPERATOR(pg_catalog.||) pg_catalog.split_part(c.description, ' - ', 1) AS name,
         pg_catalog.format('O*NET 27.0 education, training and experience %s (%s) category %s: %s',
                           c.element_id, c.scale_id, c.category, c.description) AS description,
         x.scale_id, x.data_value::float8 AS pct,
         pg_catalog.row_number() OVER (PARTITION BY x.code, x.scale_id ORDER BY x.data_value DESC, x.category) AS rk,
         c.category
  FROM roleext.onet_ete x
  JOIN roleext.onet_ete_category c ON c.scale_id OPERATOR(pg_catalog.=) x.scale_id AND c.category OPERATOR(pg_catalog.=) x.category
  WHERE x.data_value OPERATOR(pg_catalog.>) 0::numeric
), important AS (
  SELECT x.code, e.name AS name, x.data_value::float8 AS importance,
         pg_catalog.format('O*NET 27.0 education, training and experience %s (IM, importance 1-5): %s', e.element_id, e.description) AS description
  FROM roleext.onet_ete x JOIN roleext.onet_content_element e ON e.element_id OPERATOR(pg_catalog.=) x.element_id
  WHERE x.scale_id OPERATOR(pg_catalog.=) 'IM'
), comp AS (
  SELECT t.code, t.kind, t.name, d.description, t.prevalence, t.score, t.ord, t.in_draft, NULL::text AS ete_scale,
         NULL::int4 AS ete_category
  FROM tasks t JOIN task_desc d ON d.name OPERATOR(pg_catalog.=) t.name
  UNION ALL
  SELECT a.code, 'responsibility', a.name, d.description, a.prevalence, a.score, a.rk::float8,
         a.draft_links OPERATOR(pg_catalog.>) 0 AND a.rk OPERATOR(pg_catalog.<=) 10, NULL, NULL
  FROM activities_ranked a JOIN activity_desc d ON d.name OPERATOR(pg_catalog.=) a.name
  UNION ALL
  SELECT t.code, 'skill', t.name, d.description, 'common', CASE WHEN t.hot THEN 1::float8 ELSE 0.6::float8 END,
         t.rk::float8, t.rk OPERATOR(pg_catalog.<=) 20, NULL, NULL
  FROM tech_ranked t JOIN tech_desc d ON d.name OPERATOR(pg_catalog.=) t.name
  UNION ALL
  SELECT t.code, 'skill', t.name, d.description, 'common', 0.5::float8, 1000::float8 OPERATOR(pg_catalog.+) t.rk::float8,
         t.rk OPERATOR(pg_catalog.<=) 10, NULL, NULL
  FROM tool t JOIN tool_desc d ON d.name OPERATOR(pg_catalog.=) t.name
  UNION ALL
  SELECT s.code, 'competency', s.name,
         pg_catalog.format('O*NET 27.0 work style %s: %s', s.element_id, s.element_description),
         CASE WHEN s.importance OPERATOR(pg_catalog.>=) 4 THEN 'core' WHEN s.importance OPERATOR(pg_catalog.>=) 3 THEN 'common'
              ELSE 'occasional' END::roleext.component_prevalence,
         GREATEST((s.importance OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog./) 4, 0.01::float8),
         s.rk::float8, s.importance OPERATOR(pg_catalog.>=) 3.5 AND s.rk OPERATOR(pg_catalog.<=) 8, NULL, NULL
  FROM styles s
  UNION ALL
  SELECT e.code, 'qualification', e.name, e.description,
         CASE WHEN e.pct OPERATOR(pg_catalog.>=) 50 THEN 'core' WHEN e.pct OPERATOR(pg_catalog.>=) 20 THEN 'common'
              ELSE 'occasional' END::roleext.component_prevalence,
         LEAST(e.pct OPERATOR(pg_catalog./) 100, 1::float8),
         (CASE e.scale_id WHEN 'RL' THEN 0 WHEN 'RW' THEN 100 WHEN 'PT' THEN 200 ELSE 300 END
            OPERATOR(pg_catalog.+) e.rk)::float8,
         e.rk OPERATOR(pg_catalog.=) 1 OR (e.scale_id OPERATOR(pg_catalog.=) 'RL' AND e.pct OPERATOR(pg_catalog.>=) 25),
         e.scale_id, e.category
  FROM ete e
  UNION ALL
  SELECT i.code, 'qualification', i.name, i.description,
         CASE WHEN i.importance OPERATOR(pg_catalog.>=) 4 THEN 'core' WHEN i.importance OPERATOR(pg_catalog.>=) 3 THEN 'common'
              ELSE 'occasional' END::roleext.component_prevalence,
         GREATEST((i.importance OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog./) 4, 0.01::float8),
         400::float8, i.importance OPERATOR(pg_catalog.>=) 3, 'IM', NULL
  FROM important i
)
SELECT c.code, c.kind, c.name, c.description, c.prevalence, c.score,
       pg_catalog.row_number() OVER (PARTITION BY c.code, c.kind ORDER BY c.ord, c.name COLLATE "C")::int4, c.in_draft,
       c.ete_scale, c.ete_category
FROM comp c;
-- keys after the load, as for the O*NET tables (sql/82_onet_content_keys.sql)
ALTER TABLE onet_component ADD PRIMARY KEY (code, kind, name);
ALTER TABLE onet_component ADD CONSTRAINT onet_component_code_fkey FOREIGN KEY (code) REFERENCES onet2019_occupation (code);
