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

-- confidence: an alias confidence in [0, 1]; 60% and .6 are the same value.
SELECT '60%'::confidence AS pct, '.6'::confidence AS dot, confidence_band('0.60') AS band;

-- Both hold (&) and either holds (|), and the same over a group.
SELECT '0.6'::confidence & '0.5' AS all_hold, '0.6'::confidence | '0.5' AS any_holds,
       (SELECT confidence_any(c) FROM unnest('{0.9,0.8,0.5}'::confidence[]) c) AS any_of_three;
