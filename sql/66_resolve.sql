-- pg_trgm is a required extension (roleext.control), installed in whatever
-- schema the user chose.  That schema is not on the path while this script
-- runs (sql/00_head.sql, doc/security.md): its objects -- the operator
-- class gist_trgm_ops, similarity() and <-> -- are named with it, through
-- the statements that EXECUTE below.  The function body is SQL-standard
-- (BEGIN ATOMIC), so they are bound here, by OID, once: no search_path at
-- call time can replace them, and moving pg_trgm to another schema later
-- breaks nothing.

-- Runs one statement of this script with pg_trgm's schema in place of %I
-- (%1$I): the one way the script names pg_trgm's objects.  Dropped at the
-- end of this file; it is no part of the installed extension.
CREATE FUNCTION roleext_trgm_exec(stmt text) RETURNS void
  LANGUAGE plpgsql SET search_path = roleext, pg_catalog, pg_temp AS $f$
DECLARE
  trgm name;
BEGIN
  SELECT n.nspname INTO STRICT trgm
    FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) e.extnamespace
   WHERE e.extname OPERATOR(pg_catalog.=) 'pg_trgm';
  EXECUTE pg_catalog.format(stmt, trgm);
END $f$;

-- The normalized form and level words of every alias and role title, kept
-- current by the database, where the indexes below can use them.
ALTER TABLE role_alias
  ADD COLUMN alias_norm text GENERATED ALWAYS AS (title_normalize(alias)) STORED,
  ADD COLUMN alias_level_words rolelevel GENERATED ALWAYS AS (title_level_words(alias)) STORED;
COMMENT ON COLUMN role_alias.alias_norm IS 'title_normalize(alias) (generated): what resolve_title matches a normalized HRIS title against.';
COMMENT ON COLUMN role_alias.alias_level_words IS 'title_level_words(alias) (generated): the level the alias''s level words name beyond its job words, or NULL.';

ALTER TABLE role
  ADD COLUMN title_norm text GENERATED ALWAYS AS (title_normalize(title)) STORED,
  ADD COLUMN title_level_words rolelevel GENERATED ALWAYS AS (title_level_words(title)) STORED;
COMMENT ON COLUMN role.title_norm IS 'title_normalize(title) (generated): what resolve_title matches a normalized HRIS title against.';
COMMENT ON COLUMN role.title_level_words IS 'title_level_words(title) (generated): the level the title''s level words name beyond its job words, or NULL.';

CREATE INDEX role_alias_norm_idx ON role_alias (alias_norm);
COMMENT ON INDEX role_alias_norm_idx IS 'Exact match of a normalized title against the aliases (resolve_title).';
SELECT roleext_trgm_exec($sql$CREATE INDEX role_alias_norm_trgm_idx ON role_alias USING gist (alias_norm %I.gist_trgm_ops)$sql$);
COMMENT ON INDEX role_alias_norm_trgm_idx IS 'The aliases nearest a normalized title by trigram distance (pg_trgm <->, resolve_title).';
CREATE INDEX role_title_norm_idx ON role (title_norm);
COMMENT ON INDEX role_title_norm_idx IS 'Exact match of a normalized title against the role titles (resolve_title).';
SELECT roleext_trgm_exec($sql$CREATE INDEX role_title_norm_trgm_idx ON role USING gist (title_norm %I.gist_trgm_ops)$sql$);
COMMENT ON INDEX role_title_norm_trgm_idx IS 'The role titles nearest a normalized title by trigram distance (pg_trgm <->, resolve_title).';

-- The roles of a family are found through role_node_idx (sql/50_schema.sql).

-- The names -- aliases, rejected ones aside, and role titles -- that match a
-- title's job phrase (its normalized words, title_claims): those whose
-- normalized form is the phrase (similarity 1); only when there are none,
-- the pool nearest aliases and the pool nearest role titles by trigram
-- distance (with any tied with the last, so that the pool does not depend
-- on the index's layout) whose pg_trgm similarity is at least 0.3, counted
-- at 0.9 x similarity so that no trigram match is worth an exact one.  A
-- role's title counts as an alias of confidence 1.  Closest first: exact,
-- then by similarity, then by how near the name's length is to the
-- phrase's (pg_trgm similarity does not see a repeated word: "customer
-- success manager manager").  Internal to resolve_title, which reads the
-- names' level claims by the title's rule and ranks them
-- (src/core/resolve.h).
SELECT roleext_trgm_exec($sql$
CREATE FUNCTION resolve_names(normalized text, pool int)
RETURNS TABLE (role rolecode, name text, trust float8, sim float8, exact boolean)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  WITH exact AS (
    SELECT a.role AS named, a.alias AS name, a.confidence::float8 AS trust, 1::float8 AS sim,
           true AS exact, 0 AS gap
      FROM role_alias a
     WHERE a.alias_norm = resolve_names.normalized AND resolve_names.normalized <> ''
       AND a.approved IS NOT FALSE
    UNION ALL
    SELECT r.code, r.title, 1::float8, 1::float8, true, 0
      FROM role r
     WHERE r.title_norm = resolve_names.normalized AND resolve_names.normalized <> ''
  )
  SELECT n.named, n.name, n.trust, n.sim, n.exact
    FROM (SELECT * FROM exact
          UNION ALL
          SELECT s.named, s.name, s.trust, 0.9 * s.sim, false, s.gap
            FROM (SELECT a.role AS named, a.alias AS name, a.confidence::float8 AS trust,
                         %1$I.similarity(a.alias_norm, resolve_names.normalized)::float8 AS sim,
                         abs(length(a.alias_norm) - length(resolve_names.normalized)) AS gap
                    FROM role_alias a
                   WHERE a.approved IS NOT FALSE
                   ORDER BY a.alias_norm OPERATOR(%1$I.<->) resolve_names.normalized
                   FETCH FIRST resolve_names.pool ROWS WITH TIES) s
           WHERE s.sim >= 0.3 AND NOT EXISTS (SELECT 1 FROM exact)
          UNION ALL
          SELECT s.named, s.name, 1::float8, 0.9 * s.sim, false, s.gap
            FROM (SELECT r.code AS named, r.title AS name,
                         %1$I.similarity(r.title_norm, resolve_names.normalized)::float8 AS sim,
                         abs(length(r.title_norm) - length(resolve_names.normalized)) AS gap
                    FROM role r
                   ORDER BY r.title_norm OPERATOR(%1$I.<->) resolve_names.normalized
                   FETCH FIRST resolve_names.pool ROWS WITH TIES) s
           WHERE s.sim >= 0.3 AND NOT EXISTS (SELECT 1 FROM exact)) n
   ORDER BY n.exact DESC, n.sim DESC, n.gap, n.named, n.name;
END;
$sql$);
COMMENT ON FUNCTION resolve_names(text, int) IS
  'Internal to resolve_title: the aliases and role titles that match a title''s job phrase, exactly, else the pool nearest of each by trigram distance (pg_trgm similarity at least 0.3), with their confidence and similarity.';

-- The names -- aliases, rejected ones aside, and role titles -- that are a
-- run of a job phrase's words, shorter than the phrase ("nanny" in "dutch
-- speaking nanny"), through the btree indexes, each counted at 0.9 x its
-- share of the phrase's words (a role's title as an alias of confidence
-- 1); longest first, then as resolve_names orders.  Internal to
-- resolve_title, which asks it only when resolve_names finds no name: a
-- title that holds a whole name plus other words is then answered, with a
-- confidence by the share of its words the name is, instead of not at all.
CREATE FUNCTION resolve_names_within(normalized text)
RETURNS TABLE (role rolecode, name text, trust float8, sim float8, exact boolean)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  WITH words AS (
    SELECT string_to_array(resolve_names_within.normalized, ' ') AS w
  ), runs AS (
    SELECT DISTINCT array_to_string(x.w[i.i:j.j], ' ') AS run, (j.j - i.i + 1)::float8 / cardinality(x.w) AS share
      FROM words x, generate_series(1, cardinality(x.w)) i, generate_series(i.i, cardinality(x.w)) j
     WHERE j.j - i.i + 1 < cardinality(x.w)
  )
  SELECT n.named, n.name, n.trust, n.sim, false
    FROM (SELECT a.role AS named, a.alias AS name, a.confidence::float8 AS trust, 0.9 * u.share AS sim,
                 abs(length(a.alias_norm) - length(resolve_names_within.normalized)) AS gap
            FROM role_alias a JOIN runs u ON u.run = a.alias_norm
           WHERE a.approved IS NOT FALSE
          UNION ALL
          SELECT r.code, r.title, 1::float8, 0.9 * u.share,
                 abs(length(r.title_norm) - length(resolve_names_within.normalized))
            FROM role r JOIN runs u ON u.run = r.title_norm) n
   ORDER BY n.sim DESC, n.gap, n.named, n.name;
END;
COMMENT ON FUNCTION resolve_names_within(text) IS
  'Internal to resolve_title: the aliases and role titles that are a run of a title''s job phrase shorter than the phrase, counted at 0.9 x their share of its words; asked only when resolve_names finds no name.';

-- Every role of the families of the given roles.  Internal to resolve_title.
CREATE FUNCTION resolve_family_roles(roles rolecode[])
RETURNS TABLE (role rolecode, family rolecode, level rolelevel, title text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT r.code, r.node, r.level, r.title
    FROM role r
   WHERE r.node IN (SELECT o.node FROM role o WHERE o.code = ANY (resolve_family_roles.roles))
   ORDER BY r.code;
END;
COMMENT ON FUNCTION resolve_family_roles(rolecode[]) IS
  'Internal to resolve_title: every role of the families (taxonomy nodes) of the given roles, with its level and title.';

-- The k most likely roles of an HRIS job title (src/resolve.c).
CREATE FUNCTION resolve_title(title text, k int DEFAULT 5)
RETURNS TABLE (role rolecode, role_title text, matched_alias text, confidence confidence,
               band confband, method text, needs_review boolean)
  AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION resolve_title(text, int) IS
  'The k roles (1 to 20, default 5) an HRIS job title most likely names, best first: role, its title, the alias that matched, a confidence and its band, the method (exact, exact+level, trigram, trigram+level) and needs_review (best confidence below 0.30, or the top two within 0.10). A title decided in title_decision gives its decision alone: method decided, confidence 1, needs_review false. Always at least one row: a NULL, blank or unmatched title gives role NULL, method none, needs_review true. For CROSS JOIN LATERAL over an HRIS table; see doc/titles.md.';

DROP FUNCTION roleext_trgm_exec(text);
