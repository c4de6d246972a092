-- Draft upgrade step from main's roleext to branch `matching` (issue 17,
-- robust matching).  Not concatenated into the extension script (make reads
-- sql/*.sql only); the lead folds it into the release's version step.
--
-- The SQL surface does not change: no function, type, column, index,
-- comment or privilege is added, dropped or altered.  What changes is the C
-- library behind two IMMUTABLE functions: title_normalize expands 18 more
-- abbreviations (acctg, maint, dept, oper, pres, mfg, whse, equip, mech,
-- elec, supt, mgt, insp, instr, tchr, clk, supvr, svcs) and drops "job" /
-- "posting" before a number of three or more digits, and title_level_words
-- reads its job phrase from that text.  Stored generated columns computed
-- with the old library keep the old values, and the indexes on them
-- (role_title_norm_idx, role_title_norm_trgm_idx, role_alias_norm_idx,
-- role_alias_norm_trgm_idx) index those, so resolve_title would miss an
-- exact match such as role "Maint Tech" against the HRIS title
-- "Maintenance Technician".  The step recomputes the rows whose stored value
-- differs from what the new library computes; every other row is left
-- alone.  (soc_autocode's index lives in each backend's memory and is built
-- by the new library at its first call; title_dictionary stores no
-- normalized text.)
--
-- Run ALTER EXTENSION roleext UPDATE in a fresh session after installing the
-- new library: a backend that has already loaded the old roleext.so keeps
-- calling it.
--
-- The script runs with search_path roleext, pg_catalog, pg_temp; every name
-- below is qualified all the same, operators included.

\echo Use "ALTER EXTENSION roleext UPDATE" to load this file. \quit

-- Recomputing a derived column is not an edit of the role: updated_at keeps
-- its value (tg_role_touch would set it to now()).  SET title = title names
-- no column of tg_role_coord's UPDATE OF list, so coordinates are untouched.
ALTER TABLE roleext.role DISABLE TRIGGER tg_role_touch;

UPDATE roleext.role AS r
   SET title = r.title
 WHERE (r.title_norm OPERATOR(pg_catalog.=) roleext.title_normalize(r.title)) IS NOT TRUE
    OR (r.title_level_words OPERATOR(roleext.=) roleext.title_level_words(r.title)) IS NOT TRUE
       AND NOT (r.title_level_words IS NULL AND roleext.title_level_words(r.title) IS NULL);

ALTER TABLE roleext.role ENABLE TRIGGER tg_role_touch;

UPDATE roleext.role_alias AS a
   SET alias = a.alias
 WHERE (a.alias_norm OPERATOR(pg_catalog.=) roleext.title_normalize(a.alias)) IS NOT TRUE
    OR (a.alias_level_words OPERATOR(roleext.=) roleext.title_level_words(a.alias)) IS NOT TRUE
       AND NOT (a.alias_level_words IS NULL AND roleext.title_level_words(a.alias) IS NULL);
