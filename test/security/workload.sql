-- What an administrator and the README's users do with roleext, as the
-- superuser, after the attacker has planted look-alikes (test/db/security.sh,
-- doc/security.md): writes that fire every trigger of the tables, the card
-- round trip, reviews, title resolution and autocoding over the HRIS sample,
-- index paths through the planner support functions, the grants.  Every
-- name is qualified, and the operators are OPERATOR(schema.op): only what
-- runs inside roleext can reach a planted object, whatever this session's
-- search_path.  Runs twice in a row, so it leaves the rows as it found them.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

-- level: a new level and its grade (tg_level_changes, tg_level_coords and
-- its WHEN, the CHECKs, the range of years)
INSERT INTO roleext.level (code, name, grade, experience) VALUES ('P7', 'Distinguished Professional', 7, '[12,)');
UPDATE roleext.level SET grade = 7.5 WHERE code OPERATOR(roleext.=) 'P7';
UPDATE roleext.level SET grade = 1.25 WHERE code OPERATOR(roleext.=) 'P1';
UPDATE roleext.level SET grade = 1 WHERE code OPERATOR(roleext.=) 'P1';

-- role and its lists written directly (tg_role_coord, tg_role_touch, the
-- generated columns, the CHECKs, the foreign keys)
INSERT INTO roleext.role (code, title, story_plan) VALUES ('DEI.GEN.P7', 'DevOps Distinguished', '{one,two}');
UPDATE roleext.role SET title = 'DevOps Distinguished Engineer', summary = 'x' WHERE code OPERATOR(roleext.=) 'DEI.GEN.P7';
INSERT INTO roleext.component (kind, name) VALUES ('skill', 'Security suite skill');
INSERT INTO roleext.role_component (role, kind, name, position) VALUES ('DEI.GEN.P7', 'skill', 'Security suite skill', 1);
INSERT INTO roleext.role_alias (role, alias, confidence) VALUES ('DEI.GEN.P7', 'Distinguished DevOps Eng', '0.7');
INSERT INTO roleext.mapping (role, scheme, soc, confidence) VALUES ('DEI.GEN.P7', 'soc2018', '15-1252', '0.9');
INSERT INTO roleext.mapping (role, scheme, isco08) VALUES ('DEI.GEN.P7', 'isco08', '2512');
INSERT INTO roleext.mapping (node, scheme, soc) VALUES ('DEI.GEN', 'onet2019', '15-1252.00');
UPDATE roleext.level SET grade = 7 WHERE code OPERATOR(roleext.=) 'P7';

-- taxonomy: rename a node there and back (tg_taxonomy_node, tg_taxonomy_coords
-- and its WHEN, ON UPDATE CASCADE into roles, components, aliases, mappings)
SELECT roleext.rename_taxonomy_node('DEI.GEN', 'DEI.GENERAL');
SELECT roleext.rename_taxonomy_node('DEI.GENERAL', 'DEI.GEN');
UPDATE roleext.taxonomy SET description = 'renamed twice' WHERE code OPERATOR(roleext.=) 'DEI.GEN';

-- the title dictionary: a SOC 2018 code becomes its .00 occupation (trigger
-- WHEN), and every backend's autocode index is invalidated
INSERT INTO roleext.title_dictionary (title, code) VALUES ('Chaos Engineer', '15-1252');
SELECT pg_catalog.count(*) FROM roleext.soc_autocode('Chaos Engineer', 3);
UPDATE roleext.title_dictionary SET code = '15-1253' WHERE title OPERATOR(pg_catalog.=) 'Chaos Engineer';

-- role cards: validation, export, import (every card again), batch and one
SELECT pg_catalog.count(*) FROM roleext.validate_role_cards(roleext.role_cards_json(NULL));
SELECT pg_catalog.count(*) FROM roleext.import_role_cards(roleext.role_cards_json(NULL));
SELECT roleext.import_role_card(roleext.role_card_json('DEI.GEN.P1'));
SELECT pg_catalog.length(CAST(roleext.role_card_json(c.code) AS pg_catalog.text)) FROM roleext.role c
 ORDER BY c.code LIMIT 5;
SELECT pg_catalog.count(*) FROM roleext.validate_role_card(CAST('{"format": "roleext.role_card/1", "code": "x"}' AS pg_catalog.jsonb));

-- reviews: own, inherited, rejected mappings; aliases
SELECT (roleext.approve_mapping('DEI.GEN.P1', '15-0000')).review_status;
SELECT (roleext.reject_mapping('DEI.GEN.P7', '15-1252')).review_status;
SELECT (roleext.review_mapping('DEI.GEN.P7', '2512', 'approved', 'isco08')).review_status;
SELECT (roleext.approve_alias('DEI.GEN.P7', 'Distinguished DevOps Eng')).approved;
SELECT (roleext.reject_alias('DEI.GEN.P7', 'Distinguished DevOps Eng')).approved;
SELECT pg_catalog.count(*) FROM roleext.suggest_mappings(true);

-- the BI views and their typed twins, whole
SELECT pg_catalog.count(*) FROM roleext.role_card x WHERE CAST(x AS pg_catalog.text) IS NOT NULL;
SELECT pg_catalog.count(*) FROM roleext.role_soc x WHERE CAST(x AS pg_catalog.text) IS NOT NULL;
SELECT pg_catalog.count(*) FROM roleext.role_adjacency x WHERE CAST(x AS pg_catalog.text) IS NOT NULL;
SELECT pg_catalog.count(*) FROM roleext.role_mappings() x WHERE CAST(x AS pg_catalog.text) IS NOT NULL;
SELECT pg_catalog.length(roleext.taxonomy_dot(NULL)), pg_catalog.length(roleext.adjacency_dot('DEI.GEN.P1', 10));

-- index paths: the planner support functions of <@ and @>, the GiST KNN
SET enable_seqscan = off;
SELECT pg_catalog.count(*) FROM roleext.role r WHERE r.code OPERATOR(roleext.<@) CAST('DEI' AS roleext.rolecode);
SELECT pg_catalog.count(*) FROM roleext.role r WHERE CAST('DEI.GEN' AS roleext.rolecode) OPERATOR(roleext.@>) r.code;
SELECT pg_catalog.count(*) FROM roleext.soc2018_code s WHERE s.code OPERATOR(roleext.<@) CAST('15-0000' AS roleext.soccode);
SELECT r.code FROM roleext.role r ORDER BY r.coord OPERATOR(roleext.<->) CAST('TECH.DEI.GEN@1' AS roleext.rolecoord) LIMIT 3;
RESET enable_seqscan;

-- titles over the HRIS sample, when it is loaded: resolve_title (SPI) and
-- soc_autocode (the backend's index)
SELECT pg_catalog.to_regclass('public.hris_employee') IS NOT NULL AS has_hris \gset
\if :has_hris
SELECT pg_catalog.count(r.role) FROM public.hris_employee e CROSS JOIN LATERAL roleext.resolve_title(e.title, 3) r;
SELECT pg_catalog.count(c.code) FROM (SELECT h.title FROM public.hris_employee h ORDER BY h.employee_id LIMIT 300) e
  CROSS JOIN LATERAL roleext.soc_autocode(e.title, 2) c;
\endif
SELECT r.role, r.method FROM roleext.resolve_title('Sr. DevOps Eng II (Remote)', 3) r;

-- user data out (the export is kept by the caller for an import elsewhere)
SELECT pg_catalog.length(CAST(roleext.export_user_data() AS pg_catalog.text)) > 0 AS exported;

-- privileges
SELECT roleext.grant_reader(:'analyst');
SELECT roleext.grant_editor(:'editor');

-- and back: the rows this file wrote go
DELETE FROM roleext.title_dictionary WHERE title OPERATOR(pg_catalog.=) 'Chaos Engineer';
DELETE FROM roleext.mapping WHERE node OPERATOR(roleext.=) 'DEI.GEN' AND scheme OPERATOR(pg_catalog.=) 'onet2019';
DELETE FROM roleext.role WHERE code OPERATOR(roleext.=) 'DEI.GEN.P7';
DELETE FROM roleext.role_component WHERE name OPERATOR(pg_catalog.=) 'Security suite skill';
DELETE FROM roleext.component WHERE name OPERATOR(pg_catalog.=) 'Security suite skill';
DELETE FROM roleext.level WHERE code OPERATOR(roleext.=) 'P7';
