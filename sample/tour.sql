-- The roleext tour, run by `make demo`.  Every statement is echoed before
-- its result.
\pset pager off
SET search_path = roleext, public;

-- rolelevel: a level coordinate, track letters + rank, case-insensitive in.
SELECT 'p1'::rolelevel AS level, level_track('IC3') AS track, level_rank('IC3') AS rank;

-- Levels sort by track (S, P, M, E, then others alphabetically), then rank.
SELECT string_agg(l::text, ' < ' ORDER BY l) AS level_order
FROM unnest('{E1,M2,P10,P2,S1,IC3}'::rolelevel[]) l;

-- A span written on a role card ("P1–P4") is a range of levels.
SELECT level_span('P1–P4') AS span, level_span('P1–P4') @> 'P3'::rolelevel AS covers_p3;

-- Job titles from an HRIS: the words of the job, and the level they name.
SELECT t AS title, p.normalized, p.level
FROM unnest(ARRAY['Sr. DevOps Eng II (Remote)', 'DEVOPS ENGINEER - CONTRACT',
                  'Jr Site Reliability Engr', 'Senior Director, Engineering',
                  'Registered Nurse - Boston, MA 02115', 'Café Manager']) t
CROSS JOIN LATERAL title_parse(t) p;

-- Bad input is rejected with a reason.
\set ON_ERROR_STOP off
SELECT 'P100'::rolelevel;
\set ON_ERROR_STOP on

-- rolecode: a role or taxonomy code; the last label may be the level.
SELECT 'dei.gen.p1'::rolecode AS code, code_family('DEI.GEN.P1') AS family,
       code_level('DEI.GEN.P1') AS level, code_depth('DEI.GEN.P1') AS depth;

-- Codes sort label by label, a code before its descendants; @> is "ancestor of".
SELECT string_agg(c::text, ' < ' ORDER BY c) AS code_order,
       bool_and('DEI'::rolecode @> c) FILTER (WHERE c::text LIKE 'DEI.%') AS all_under_dei
FROM unnest('{DEI.GEN_X,DEI.GEN.P1,DEI,DEI.GEN,A.B,AB}'::rolecode[]) c;

-- Building a code from a family and a level.
SELECT 'DEI.GEN'::rolecode || 'P2'::rolelevel AS code;

-- Bad input is rejected with a reason.
\set ON_ERROR_STOP off
SELECT 'DEI..P1'::rolecode;
\set ON_ERROR_STOP on

-- soccode: SOC 2018 / O*NET-SOC codes; the hierarchy knows the exceptions.
SELECT soc_level('15-1252.01') AS level, soc_parent('29-1221') AS parent,
       soc_ancestor('15-1252.01', 'minor') AS minor, soc_path('15-1252.01') AS path;

-- A group contains its members: an index range scan on an indexed column.
SELECT code, title FROM soc2018_code WHERE code <@ '15-1250' ORDER BY code;

-- Titles and crosswalks between SOC 2010, SOC 2018 and O*NET-SOC.
SELECT soc_title('15-1132', '2010') AS title_2010,
       array(SELECT soc_crosswalk('15-1132', '2010', '2018')) AS in_2018,
       array(SELECT soc_crosswalk('15-1252', '2018', 'onet2019')) AS in_onet2019;

-- Drill-down for BI tools.
SELECT minor_code, minor_title, count(*) AS occupations
FROM soc_hierarchy WHERE level = 'detailed' AND major_code = '15-0000'
GROUP BY 1, 2 ORDER BY 1;

\set ON_ERROR_STOP off
SELECT '15-1250.01'::soccode;
\set ON_ERROR_STOP on

-- confidence: an alias confidence in [0, 1]; 60% and .6 are the same value.
SELECT '60%'::confidence AS pct, '.6'::confidence AS dot, confidence_band('0.60') AS band;

-- Both hold (&) and either holds (|), and the same over a group.
SELECT '0.6'::confidence & '0.5' AS all_hold, '0.6'::confidence | '0.5' AS any_holds,
       (SELECT confidence_any(c) FROM unnest('{0.9,0.8,0.5}'::confidence[]) c) AS any_of_three;

-- rolecoord: a role's taxonomy path and grade; <-> is the adjacency distance
-- (0 = same coordinate, 1 = unrelated) and match_band names it.
SELECT c AS neighbour, 'TECH.DEI.GEN@1'::rolecoord <-> c AS distance,
       match_band('TECH.DEI.GEN@1'::rolecoord <-> c) AS band
FROM unnest('{TECH.DEI.GEN@2,TECH.DEI.SRE@1,TECH.DEI.SRE@2,TECH.DEI@3,OPS.DEI.GEN@1}'::rolecoord[]) c
ORDER BY 2;

-- The sample taxonomy (sample/load.sql): the real seed card DEI.GEN.P1 as the
-- BI views give it.
\x on
SELECT role, title, level, level_name, level_scope, level_autonomy, level_complexity, level_impact,
       level_decision_rights, level_leadership, level_typical_experience,
       superfunction_name, function_name, specialization_name,
       responsibilities, tasks, skills, knowledge, competencies, qualifications, outputs
FROM role_card WHERE role = 'DEI.GEN.P1';
\x off
SELECT kind, position, name, prevalence, scope FROM role_components
WHERE role = 'DEI.GEN.P1' AND kind IN ('task', 'qualification') ORDER BY kind, position;
SELECT alias, alias_type, confidence, band, approved FROM role_aliases WHERE role = 'DEI.GEN.P1';

-- Its SOC mapping is inherited from the superfunction, and needs review.
SELECT role, scheme, code, title, source, review_status, inherited_from FROM role_soc WHERE role = 'DEI.GEN.P1';

-- Its adjacent roles by structural coordinate (level + taxonomy).
SELECT coord FROM role WHERE code = 'DEI.GEN.P1';
SELECT * FROM adjacent_roles('DEI.GEN.P1', 5);

-- From HRIS titles to roles (sample/hris.sql: 5,000 employees whose messy
-- titles were generated from the sample taxonomy's roles, source_role
-- says which).  The best role of each employee, with a confidence:
SELECT e.employee_id, e.title, r.role, r.confidence, r.method, r.needs_review
FROM hris_employee e CROSS JOIN LATERAL resolve_title(e.title, 1) r
ORDER BY e.employee_id LIMIT 10;

-- The share resolved to the right role, and how many a person should look at.
SELECT count(*) AS employees,
       round(100.0 * count(*) FILTER (WHERE r.role = e.source_role) / count(*), 1) AS pct_right_role,
       count(*) FILTER (WHERE r.needs_review) AS needs_review,
       count(*) FILTER (WHERE NOT r.needs_review AND r.role IS DISTINCT FROM e.source_role) AS wrong_unflagged
FROM hris_employee e CROSS JOIN LATERAL resolve_title(e.title, 1) r;

-- The titles the taxonomy has no name for, most frequent first ...
SELECT title_normalize(e.title) AS normalized, count(*) AS employees
FROM hris_employee e CROSS JOIN LATERAL resolve_title(e.title, 1) r
WHERE r.method = 'none' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5;

-- ... an alias fixes them, level words included.
INSERT INTO role_alias (role, alias, alias_type, confidence) VALUES ('CSM.GEN.P2', 'CSM', 'abbreviation', '0.90');
SELECT t AS title, r.role, r.confidence, r.method
FROM unnest(ARRAY['Sr. CSM - Remote', 'CSM II (Contractor)', 'Jr CSM']) t CROSS JOIN LATERAL resolve_title(t, 1) r;

-- soc_autocode: the same HRIS table coded to O*NET-SOC occupations in one
-- query, with the evidence and a review flag ...
SELECT e.employee_id, e.title, c.code, c.title AS occupation, c.score, c.matched, c.needs_review
FROM hris_employee e CROSS JOIN LATERAL soc_autocode(e.title, 1) c
ORDER BY e.employee_id LIMIT 10;

-- ... and the occupations the company employs, most employees first.
SELECT c.code, c.title AS occupation, count(*) AS employees,
       count(*) FILTER (WHERE c.needs_review) AS needs_review
FROM hris_employee e CROSS JOIN LATERAL soc_autocode(e.title, 1) c
GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 8;

-- Your own titles count from the next statement, in every session.
BEGIN;
INSERT INTO title_dictionary (title, code) VALUES ('Member Success Associate', '43-4051');
SELECT code, title, score, matched FROM soc_autocode('Member Success Associate', 1);
ROLLBACK;
