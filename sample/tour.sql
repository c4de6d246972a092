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
