-- Make roleext's coding tables Citus reference tables (doc/citus.md): run
-- once, as a superuser, on the coordinator of a Citus cluster whose nodes
-- all have roleext (CREATE EXTENSION roleext CASCADE on the coordinator
-- creates it on every node).  Afterwards soc_autocode gives the same answer
-- on every node, and a title added to title_dictionary on the coordinator
-- reaches every node in the same transaction.
--
--     psql -v ON_ERROR_STOP=1 -1 -f scripts/citus_reference_tables.sql
--
-- The tables, in foreign-key order: the SOC and O*NET reference tables,
-- the crosswalks, and the title dictionary.  The taxonomy's tables (level,
-- taxonomy, role, ...) stay on the coordinator: resolve_title runs there
-- (doc/citus.md, "What does not work").  title_dictionary_version stays
-- each node's own: every node moves its version on when its copy of the
-- dictionary changes, and publishes its own index image.
--
-- citus.enable_unsafe_triggers: Citus copies the tables' triggers onto
-- every node's shard, where they fire for the rows written there (the
-- dictionary's version trigger, the .00 code trigger).
-- citus.enable_local_reference_table_foreign_keys off: mapping, on the
-- coordinator, keeps its foreign keys to the SOC tables without Citus
-- turning the taxonomy into Citus local tables.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET citus.enable_unsafe_triggers = on;
SET citus.enable_local_reference_table_foreign_keys = off;
SELECT count(pg_catalog.create_reference_table(t.name::pg_catalog.regclass)) AS reference_tables
  FROM unnest(ARRAY['roleext.soc2010_code', 'roleext.soc2018_code',
                    'roleext.onet_job_zone', 'roleext.onet2019_occupation',
                    'roleext.crosswalk_soc2010_soc2018', 'roleext.crosswalk_onet2019_soc2018',
                    'roleext.crosswalk_onet2010_onet2019', 'roleext.crosswalk_isco08_soc2010',
                    'roleext.title_dictionary']) WITH ORDINALITY t(name, o)
 WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_dist_partition p
                   WHERE p.logicalrelid OPERATOR(pg_catalog.=) t.name::pg_catalog.regclass);
-- The coordinator's own rows now live in its shard of each table; free the
-- space the extension's table kept (the tables mapping refers to keep it:
-- Citus cannot truncate a table a local table's foreign key refers to).
SELECT pg_catalog.truncate_local_data_after_distributing_table('roleext.title_dictionary');
RESET citus.enable_local_reference_table_foreign_keys;
RESET citus.enable_unsafe_triggers;
