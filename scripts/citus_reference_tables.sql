-- Make roleext's tables Citus reference tables (doc/citus.md): run once, as
-- a superuser, on the coordinator of a Citus cluster whose nodes all have
-- roleext (CREATE EXTENSION roleext CASCADE on the coordinator creates it on
-- every node).  Afterwards resolve_title, soc_autocode, the views, the role
-- card functions and the review functions give the same answer on every
-- node, and an edit made on the coordinator reaches every node in the same
-- transaction.  Run again, it converts what is left (nothing, the second
-- time); after ALTER EXTENSION roleext UPDATE from 1.2.0, which converted
-- the coding tables only, it converts the taxonomy's.
--
--     psql -v ON_ERROR_STOP=1 -1 -f scripts/citus_reference_tables.sql
--
-- The tables, in foreign-key order: the SOC and O*NET reference tables,
-- the crosswalks, the title dictionary, and the taxonomy (level, taxonomy,
-- role, component, role_component, role_alias, mapping).
-- title_dictionary_version stays each node's own: every node moves its
-- version on when its copy of the dictionary changes, and publishes its own
-- index image.
--
-- citus.enable_unsafe_triggers: Citus copies the tables' triggers onto
-- every node's shard, where they fire for the rows written there (the
-- dictionary's version trigger, the .00 code trigger, the taxonomy's
-- triggers, which write the shard of their own node: table_here).
-- citus.enable_local_reference_table_foreign_keys off: while the tables are
-- converted one by one, a table not yet converted keeps its foreign keys to
-- the converted ones, without Citus turning the rest into Citus local
-- tables (which would try to drop the extension's views).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET citus.enable_unsafe_triggers = on;
SET citus.enable_local_reference_table_foreign_keys = off;
SELECT count(pg_catalog.create_reference_table(t.name::pg_catalog.regclass)) AS reference_tables
  FROM unnest(ARRAY['roleext.soc2010_code', 'roleext.soc2018_code',
                    'roleext.onet_job_zone', 'roleext.onet2019_occupation',
                    'roleext.crosswalk_soc2010_soc2018', 'roleext.crosswalk_onet2019_soc2018',
                    'roleext.crosswalk_onet2010_onet2019', 'roleext.crosswalk_isco08_soc2010',
                    'roleext.title_dictionary',
                    'roleext.level', 'roleext.taxonomy', 'roleext.role', 'roleext.component',
                    'roleext.role_component', 'roleext.role_alias', 'roleext.mapping']) WITH ORDINALITY t(name, o)
 WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_dist_partition p
                   WHERE p.logicalrelid OPERATOR(pg_catalog.=) t.name::pg_catalog.regclass);
-- The coordinator's own rows now live in its shard of each table; free the
-- space the extension's tables kept (a table another table refers to
-- cannot be truncated before it, so in reverse foreign-key order).
SELECT count(pg_catalog.truncate_local_data_after_distributing_table(t.name::pg_catalog.regclass)) AS emptied
  FROM unnest(ARRAY['roleext.mapping', 'roleext.role_alias', 'roleext.role_component', 'roleext.component',
                    'roleext.role', 'roleext.taxonomy', 'roleext.level', 'roleext.title_dictionary',
                    'roleext.crosswalk_isco08_soc2010', 'roleext.crosswalk_onet2010_onet2019',
                    'roleext.crosswalk_onet2019_soc2018', 'roleext.crosswalk_soc2010_soc2018',
                    'roleext.onet2019_occupation', 'roleext.onet_job_zone', 'roleext.soc2018_code',
                    'roleext.soc2010_code']) t(name);
RESET citus.enable_local_reference_table_foreign_keys;
RESET citus.enable_unsafe_triggers;
