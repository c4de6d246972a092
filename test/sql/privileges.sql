-- Privileges: nothing for PUBLIC on the tables, grant_reader / grant_editor,
-- and functions a hostile search_path cannot hijack.
\i test/setup.sql
SELECT plan(29);

INSERT INTO taxonomy (code, kind, name) VALUES ('DEI', 'function', 'DevOps');
INSERT INTO taxonomy (code, kind, name, parent) VALUES ('DEI.GEN', 'specialization', 'General', 'DEI');
INSERT INTO role (code, title) VALUES ('DEI.GEN.P1', 'DevOps Engineer I');

CREATE ROLE roleext_test_reader;
CREATE ROLE roleext_test_editor;
CREATE ROLE roleext_test_nobody;
CREATE ROLE roleext_test_bi;
SELECT lives_ok($$SELECT grant_reader('roleext_test_reader')$$, 'grant_reader runs');
SELECT lives_ok($$SELECT grant_editor('roleext_test_editor')$$, 'grant_editor runs');
SELECT throws_ok($$SELECT grant_reader('no_such_role')$$, '42704', 'role "no_such_role" does not exist', 'grant_reader of an unknown role');

-- PUBLIC: the types, not the tables
SET LOCAL ROLE roleext_test_nobody;
SELECT is('P1'::rolelevel::text, 'P1', 'anyone can use the types');
SELECT throws_ok($$SELECT * FROM roleext.role$$, '42501', NULL, 'PUBLIC cannot read the role table');
SELECT throws_ok($$SELECT * FROM roleext.role_card$$, '42501', NULL, 'PUBLIC cannot read the views');
SELECT throws_ok($$SELECT roleext.import_role_card('{"code": "DEI.GEN.P2", "title": "x"}')$$, '42501', NULL,
                 'PUBLIC cannot import');
SELECT throws_ok($$SELECT roleext.grant_reader('roleext_test_nobody')$$, '42501', NULL, 'PUBLIC cannot grant');
RESET ROLE;

-- a reader reads, and cannot write
SET LOCAL ROLE roleext_test_reader;
SELECT is((SELECT title FROM roleext.role_card WHERE role = 'DEI.GEN.P1'), 'DevOps Engineer I', 'a reader reads role_card');
SELECT is((SELECT count(*) FROM roleext.role_components), 0::bigint, 'a reader reads role_components');
SELECT is((SELECT count(*) FROM roleext.role_aliases), 0::bigint, 'a reader reads role_aliases');
SELECT is((SELECT count(*) FROM roleext.level), 22::bigint, 'a reader reads the level table');
SELECT is(roleext.role_card_json('DEI.GEN.P1')->>'title', 'DevOps Engineer I', 'a reader exports a card');
SELECT throws_ok($$INSERT INTO roleext.role (code, title) VALUES ('DEI.GEN.P2', 'x')$$, '42501', NULL, 'a reader cannot insert');
SELECT throws_ok($$UPDATE roleext.level SET grade = 9$$, '42501', NULL, 'a reader cannot update');
SELECT throws_ok($$DELETE FROM roleext.role$$, '42501', NULL, 'a reader cannot delete');
SELECT throws_ok($$SELECT roleext.import_role_card('{"code": "DEI.GEN.P2", "title": "x"}')$$, '42501', NULL,
                 'a reader cannot import');
RESET ROLE;

-- the internal views (<view>_internal): a BI view reads its internal view
-- with the view owner's rights, so a role granted that BI view alone reads
-- it; the typed twins read them with the caller's, so grant_reader grants
-- them as every other relation of the extension
SET LOCAL ROLE roleext_test_reader;
SELECT lives_ok($$SELECT * FROM roleext.role_mappings(), roleext.taxonomy_tree(), roleext.taxonomy_ancestors(),
                               (SELECT count(*) FROM roleext.soc_hierarchy()) s$$,
                'a reader calls the typed twins, which read the internal views');
SELECT is((SELECT count(*) FROM roleext.role_soc WHERE role = 'DEI.GEN.P1'), 1::bigint, 'a reader reads role_soc');
RESET ROLE;
GRANT SELECT ON roleext.role_mappings, roleext.role_soc TO roleext_test_bi;
SET LOCAL ROLE roleext_test_bi;
SELECT is((SELECT count(*) FROM roleext.role_mappings), 0::bigint,
          'a role granted the view role_mappings alone reads it (the view reads role_mappings_internal as its owner)');
SELECT is((SELECT count(*) FROM roleext.role_soc WHERE role = 'DEI.GEN.P1'), 1::bigint, '... and role_soc');
SELECT throws_ok($$SELECT * FROM roleext.role_mappings_internal$$, '42501', 'permission denied for view role_mappings_internal',
                 '... but not the internal view itself');
SELECT throws_ok($$SELECT * FROM roleext.role_mappings()$$, '42501', 'permission denied for view role_mappings_internal',
                 '... nor the typed twin, which reads the internal view with the caller''s rights');
RESET ROLE;
SET LOCAL ROLE roleext_test_nobody;
SELECT throws_ok($$SELECT * FROM roleext.taxonomy_ancestors_internal$$, '42501', NULL, 'PUBLIC cannot read an internal view');
SELECT throws_ok($$SELECT * FROM roleext.taxonomy_tree()$$, '42501', NULL, 'PUBLIC cannot call a typed twin');
RESET ROLE;

-- an editor imports and reviews
SET LOCAL ROLE roleext_test_editor;
SELECT is(roleext.import_role_card('{"code": "DEI.GEN.P2", "title": "DevOps Engineer II",
                                     "aliases": [{"alias": "DevOps Eng II"}]}'),
          'DEI.GEN.P2'::roleext.rolecode, 'an editor imports a card');
SELECT is((roleext.approve_alias('DEI.GEN.P2', 'DevOps Eng II')).approved_by, 'roleext_test_editor', 'an editor reviews an alias');
RESET ROLE;

-- a hostile search_path: a look-alike of a function the importer uses
CREATE SCHEMA roleext_test_evil;
CREATE FUNCTION roleext_test_evil.jsonb_typeof(jsonb) RETURNS text LANGUAGE plpgsql AS
  $$BEGIN RAISE EXCEPTION 'hijacked'; END$$;
CREATE FUNCTION roleext_test_evil.card_typeof(jsonb) RETURNS text LANGUAGE plpgsql AS
  $$BEGIN RAISE EXCEPTION 'hijacked'; END$$;
SET LOCAL search_path = roleext_test_evil, roleext, public;
SELECT lives_ok($$SELECT roleext.import_role_card('{"code": "DEI.GEN.P3", "title": "Senior DevOps Engineer"}')$$,
                'import ignores look-alike functions on the search_path');
SELECT is(roleext.role_card_json('DEI.GEN.P3')->>'title', 'Senior DevOps Engineer', 'export too');
RESET search_path;

SELECT * FROM finish();
ROLLBACK;
