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
-- The tables, in foreign-key order: every table of the extension (the SOC
-- and O*NET reference tables and content, the crosswalks, the title
-- dictionary, the taxonomy, the title decisions and component suggestions).
-- title_dictionary_version and taxonomy_version stay each node's own: every
-- node moves its versions on when its copy of the dictionary or the
-- taxonomy changes, and publishes its own index images.
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
-- Every table of the extension but the two version tables, a table
-- after the tables it refers to (its depth in the foreign-key graph), read
-- from the catalog so that a table a later version adds is converted too.
CREATE TEMP TABLE roleext_citus_order AS
WITH RECURSIVE t AS (
  SELECT c.oid AS rel FROM pg_catalog.pg_class c
   WHERE c.relnamespace OPERATOR(pg_catalog.=) 'roleext'::pg_catalog.regnamespace
     AND c.relkind OPERATOR(pg_catalog.=) 'r'
     AND c.relname OPERATOR(pg_catalog.<>) ALL (ARRAY['title_dictionary_version', 'taxonomy_version'])),
fk AS (
  SELECT k.conrelid AS rel, k.confrelid AS ref FROM pg_catalog.pg_constraint k
   WHERE k.contype OPERATOR(pg_catalog.=) 'f' AND k.conrelid OPERATOR(pg_catalog.<>) k.confrelid
     AND k.conrelid IN (SELECT rel FROM t) AND k.confrelid IN (SELECT rel FROM t)),
d AS (
  SELECT rel, 0 AS depth FROM t
  UNION ALL
  SELECT fk.rel, d.depth OPERATOR(pg_catalog.+) 1 FROM fk JOIN d ON d.rel OPERATOR(pg_catalog.=) fk.ref
   WHERE d.depth OPERATOR(pg_catalog.<) 64)
SELECT d.rel::pg_catalog.regclass AS name, pg_catalog.max(d.depth) AS depth
  FROM d GROUP BY d.rel;
SELECT count(pg_catalog.create_reference_table(o.name)) AS reference_tables
  FROM (SELECT * FROM roleext_citus_order ORDER BY depth, name::pg_catalog.text) o
 WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_dist_partition p
                   WHERE p.logicalrelid OPERATOR(pg_catalog.=) o.name);
-- The coordinator's own rows now live in its shard of each table; free the
-- space the extension's tables kept (a table another table refers to
-- cannot be truncated before it, so in reverse foreign-key order).
SELECT count(pg_catalog.truncate_local_data_after_distributing_table(o.name)) AS emptied
  FROM (SELECT * FROM roleext_citus_order ORDER BY depth DESC, name::pg_catalog.text) o;
DROP TABLE roleext_citus_order;
RESET citus.enable_local_reference_table_foreign_keys;
RESET citus.enable_unsafe_triggers;
