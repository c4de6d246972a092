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
