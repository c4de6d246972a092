-- roleext 1.5.0 -> 1.6.0.  The full script of 1.6.0 is sql/NN_*.sql; this
-- step makes a 1.5.0 database equal to it.  Each change of the step is one
-- block below, between its BEGIN and END lines, so that blocks written on
-- separate branches can be put one after the other.
\echo Use "ALTER EXTENSION roleext UPDATE TO '1.6.0'" to load this file. \quit

-- Names resolve in roleext and pg_catalog only (doc/security.md).
SELECT pg_catalog.set_config('search_path', 'roleext, pg_catalog, pg_temp', true);
