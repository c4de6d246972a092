-- resolve_title's index: the taxonomy as a source of the title engine's
-- shared index (doc/titles.md, "One engine for roles and occupations"):
-- the version table and its triggers, resolve_title_index(), and a writer
-- that resolves against its own change from its next statement.  Sharing
-- between sessions is test/db/resolve_shared.sh.
\i test/setup.sql
SELECT plan(21);

SELECT has_table('roleext', 'taxonomy_version', 'taxonomy_version exists');
SELECT is((SELECT count(*)::int FROM taxonomy_version), 1, 'the version table holds one row');
SELECT is((SELECT string_agg(c.relname || ' ' || t.tgenabled::text || ' ' || (t.tgtype & 2 = 2)::text, ', ' ORDER BY c.relname)
             FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = 'tg_taxonomy_changed'),
          'level A true, mapping A true, role A true, role_alias A true, taxonomy A true',
          'the version triggers: BEFORE, on the five tables the index reads, firing always');
SELECT is((SELECT count(*)::int FROM pg_trigger t WHERE t.tgname = 'tg_taxonomy_changed' AND (t.tgtype & 1) = 0
             AND (t.tgtype & (4 | 8 | 16 | 32)) = (4 | 8 | 16 | 32)), 5,
          'each is a statement trigger on INSERT, DELETE, UPDATE and TRUNCATE');
SELECT is((SELECT count(*)::int FROM pg_extension e, unnest(e.extconfig) c
            WHERE e.extname = 'roleext' AND c IN ('taxonomy_version'::regclass, 'taxonomy_version_seq'::regclass)), 0,
          'the version is not dumped (CREATE EXTENSION makes a new one)');
SELECT is(pg_temp.error_of($$SELECT roleext.tg_taxonomy_changed()$$),
          '39P01: tg_taxonomy_changed must be called as a trigger / It is the statement trigger of the taxonomy''s tables (role, role_alias, taxonomy, mapping, level).',
          'the trigger function is only a trigger');

-- an empty taxonomy: an index of nothing, and no answer
SELECT results_eq($$SELECT entries, roles, families FROM resolve_title_index()$$, $$VALUES (0, 0, 0)$$,
                  'an empty taxonomy: an empty index');
SELECT results_eq($$SELECT role::text, method FROM resolve_title('DevOps Engineer')$$, $$VALUES (NULL::text, 'none')$$,
                  'an empty taxonomy resolves nothing');

\i sample/load.sql
SELECT results_eq(
  $$SELECT roles, families, entries, shared, version = (SELECT version FROM taxonomy_version) FROM resolve_title_index()$$,
  $$SELECT (SELECT count(*)::int FROM role), (SELECT count(DISTINCT node)::int FROM role),
           (SELECT count(*)::int FROM (SELECT code, title FROM role UNION SELECT role, alias FROM role_alias WHERE approved IS NOT FALSE) n),
           false, true$$,
  'the writer''s own version: a private index of every role, family and distinct name (rejected aliases aside)');

-- every table the index reads moves the version on, from the next statement
CREATE TEMP TABLE v AS SELECT version FROM taxonomy_version;
UPDATE level SET name = name WHERE false;
SELECT cmp_ok((SELECT version FROM taxonomy_version), '>', (SELECT version FROM v), 'a statement on level moves the version, rows or not');
UPDATE v SET version = (SELECT version FROM taxonomy_version);
UPDATE mapping SET note = note WHERE false;
SELECT cmp_ok((SELECT version FROM taxonomy_version), '>', (SELECT version FROM v), 'so does one on mapping');
UPDATE v SET version = (SELECT version FROM taxonomy_version);
UPDATE taxonomy SET description = description WHERE false;
SELECT cmp_ok((SELECT version FROM taxonomy_version), '>', (SELECT version FROM v), 'and on taxonomy');
UPDATE v SET version = (SELECT version FROM taxonomy_version);
INSERT INTO role_alias (role, alias, confidence) VALUES ('SWE.BE.P2', 'Byte Shepherd', '0.80');
SELECT cmp_ok((SELECT version FROM taxonomy_version), '>', (SELECT version FROM v), 'and on role_alias');
SELECT results_eq($$SELECT role::text, matched_alias, confidence::text, method FROM resolve_title('Byte Shepherd', 1)$$,
                  $$VALUES ('SWE.BE.P2', 'Byte Shepherd', '0.80', 'exact')$$,
                  'the next statement resolves against the new alias, at its own confidence');
SELECT results_eq($$SELECT role::text, matched_alias, method FROM resolve_title('Sr Byte Shepherd', 1)$$,
                  $$VALUES ('SWE.BE.P3', 'Byte Shepherd', 'exact+level')$$,
                  'and moves it by the title''s level');
UPDATE role_alias SET approved = false WHERE alias = 'Byte Shepherd';
SELECT isnt((SELECT matched_alias FROM resolve_title('Byte Shepherd', 1)), 'Byte Shepherd', 'a rejected alias names no role');
UPDATE v SET version = (SELECT version FROM taxonomy_version);
UPDATE role SET summary = summary WHERE code = 'SWE.BE.P2';
SELECT cmp_ok((SELECT version FROM taxonomy_version), '>', (SELECT version FROM v), 'and on role');

-- a role's occupation lends it the dictionary's evidence
SELECT is((SELECT count(*)::int FROM role_mappings() m WHERE m.role = 'DAT.SCI.P2' AND m.scheme = 'soc2018'
                                                          AND soc_level(m.soc) = 'detailed'), 1,
          'DAT.SCI.P2 has a detailed SOC mapping');
SELECT results_eq($$SELECT role::text FROM resolve_title('Machine Learning Scientist II', 1)$$,
                  $$VALUES ('DAT.SCI.P2')$$,
                  'a title none of the family''s names hold reaches it through its occupation');

-- reading the index needs SELECT on role, as reading the table does
CREATE ROLE roleext_rti_nobody;
SET LOCAL ROLE roleext_rti_nobody;
SELECT is(pg_temp.error_of($$SELECT * FROM roleext.resolve_title_index()$$),
          '42501: permission denied for table role / (no detail)', 'resolve_title_index checks SELECT on role');
SELECT is(pg_temp.error_of($$SELECT * FROM roleext.resolve_title('DevOps Engineer')$$),
          '42501: permission denied for table role / (no detail)', 'and so does resolve_title');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
