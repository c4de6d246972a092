-- What a user writes into a database with roleext, for the upgrade proof
-- (test/upgrade/lib.sh) and the export/import check: the sample taxonomy
-- (cards: roles, nodes, components, aliases, mappings), a node without
-- roles, reviews, an edited default level and a user level, user titles in
-- title_dictionary, reviewed title decisions (where the version has them),
-- and HRIS tables of the user's own with columns of every
-- roleext type, indexes on them and a view over a roleext function.
-- Uses only what every released version has, and what a later one has
-- only where it is there.  psql -1 -f user_data.sql
\set ON_ERROR_STOP on
\set hris_rows 300
\ir ../../sample/load.sql
\ir ../../sample/hris.sql
SET client_min_messages = warning;
SET search_path = roleext, public;

UPDATE level SET grade = 3.5, scope = 'Edited scope' WHERE code = 'M1';
INSERT INTO level (code, name, grade) VALUES ('IC3', 'Individual Contributor 3', 3);
INSERT INTO taxonomy (code, kind, name, parent, description)
VALUES ('DEI.CHAOS', 'specialization', 'Chaos Engineering', 'DEI', 'A node without roles yet.');
INSERT INTO mapping (node, scheme, soc, source, review_status, note)
VALUES ('DEI.CHAOS', 'soc2018', '15-1244', 'manual', 'needs_review', 'a mapping on a node without roles');
SELECT approve_alias('DEI.GEN.P1', 'P1–P4', 'ann');
SELECT reject_mapping('DEI.GEN.P2', '15-0000', 'soc2018', 'bob', 'too broad');
SELECT approve_mapping('DEI.GEN.P1', '15-0000', 'soc2018', 'ann');
INSERT INTO title_dictionary (title, code)
VALUES ('Platform Reliability Wrangler', '15-1244.00'), ('Chief Happiness Officer', '11-3121');
-- reviewed title decisions, where this version has them (1.1.0 on)
SELECT pg_catalog.to_regclass('roleext.title_decision') IS NOT NULL AS has_title_decision \gset
\if :has_title_decision
SELECT record_title_decision('Sr. Backend Engineer (Remote)', 'SWE.BE.P2', '15-1252', 'ann', 'our P2s say senior');
SELECT record_title_decision('Platform Reliability Wrangler', code => '15-1244');
\endif

CREATE TABLE public.hris_typed (
  id    int PRIMARY KEY,
  role  roleext.rolecode,
  level roleext.rolelevel,
  span  roleext.rolelevelrange,
  soc   roleext.soccode,
  conf  roleext.confidence,
  coord roleext.rolecoord,
  band  roleext.matchband
);
INSERT INTO public.hris_typed
SELECT row_number() OVER (ORDER BY r.code), r.code, r.level,
       roleext.rolelevelrange('P1', r.level, '[]'),
       '15-1252.01', (0.5 + (row_number() OVER (ORDER BY r.code) % 50) / 100.0)::numeric::roleext.confidence,
       r.coord, roleext.match_band(r.coord OPERATOR(roleext.<->) 'TECH.DEI.GEN@1')
FROM roleext.role r
WHERE r.level OPERATOR(roleext.>=) 'P1' AND r.level OPERATOR(roleext.<) 'M1';
CREATE INDEX hris_typed_role_idx ON public.hris_typed (role);
CREATE INDEX hris_typed_soc_idx ON public.hris_typed USING hash (soc);
CREATE INDEX hris_typed_coord_idx ON public.hris_typed USING gist (coord);
CREATE VIEW public.hris_coded AS
  SELECT e.employee_id, roleext.title_normalize(e.title) AS title_norm, e.source_role
  FROM public.hris_employee e;
RESET client_min_messages;
