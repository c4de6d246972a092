-- roleext: job-role taxonomies and occupational classification in PostgreSQL.
-- This script is generated: `make` concatenates sql/*.sql in name order.

\echo Use "CREATE EXTENSION roleext" to load this file. \quit

COMMENT ON SCHEMA roleext IS
  'roleext: job-role taxonomy types (rolelevel, rolecode, soccode, confidence, rolecoord), tables, BI views and title coding.';
