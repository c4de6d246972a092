-- Included at the top of every regression file (\i test/setup.sql).
-- pgTAP output only; each file runs in one transaction that is rolled back.
\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
\set ON_ERROR_STOP true
SET client_min_messages = warning;
SET search_path = roleext, public;
SET jit = off;
BEGIN;

-- 'SQLSTATE: message / detail' of the error q raises, or 'no error'.
CREATE FUNCTION pg_temp.error_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  st text; msg text; det text;
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
                          det = PG_EXCEPTION_DETAIL;
  RETURN st || ': ' || msg || ' / ' || coalesce(nullif(det, ''), '(no detail)');
END $$;

-- The EXPLAIN (COSTS OFF) text of q, one string.
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  r text; acc text := '';
BEGIN
  FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
    acc := acc || r || E'\n';
  END LOOP;
  RETURN acc;
END $$;
