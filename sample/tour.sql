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

-- soc_autocode: free-text job titles to O*NET-SOC occupations, with the
-- evidence and a review flag; your own titles count from the next statement.
SELECT t AS job_title, c.code, c.title, c.score, c.matched, c.needs_review
FROM unnest(ARRAY['Sr. Software Eng II (Remote)', 'RN - Med/Surg, Night Shift', 'Cust Svc Rep',
                  'Ninja Rockstar']) t
LEFT JOIN LATERAL soc_autocode(t, 1) c ON true;
BEGIN;
INSERT INTO title_dictionary (title, code) VALUES ('Member Success Associate', '43-4051');
SELECT code, title, score, matched FROM soc_autocode('Member Success Associate', 1);
ROLLBACK;
