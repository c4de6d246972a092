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

-- rolecoord: a role's taxonomy path and grade; <-> is the adjacency distance
-- (0 = same coordinate, 1 = unrelated) and match_band names it.
SELECT c AS neighbour, 'TECH.DEI.GEN@1'::rolecoord <-> c AS distance,
       match_band('TECH.DEI.GEN@1'::rolecoord <-> c) AS band
FROM unnest('{TECH.DEI.GEN@2,TECH.DEI.SRE@1,TECH.DEI.SRE@2,TECH.DEI@3,OPS.DEI.GEN@1}'::rolecoord[]) c
ORDER BY 2;
