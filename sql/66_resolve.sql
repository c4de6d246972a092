-- pg_trgm is a required extension (roleext.control), installed in whatever
-- schema the user chose.  That schema is not on the path while this script
-- runs (sql/00_head.sql, doc/security.md): its operator class
-- gist_trgm_ops is named with it, through the statements that EXECUTE
-- below.  resolve_title itself does not use pg_trgm since 1.6.0 (it codes
-- with the title engine, src/resolve_build.c); the trigram indexes stay for
-- users' own queries of the nearest alias.

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

-- The taxonomy's version: one row, moved on by every statement that writes
-- the tables resolve_title's index is built from (role, role_alias,
-- taxonomy, mapping, level) to the next value of a sequence, as
-- title_dictionary_version is for soc_autocode (sql/70_autocode.sql).  The
-- trigger runs BEFORE the statement, so a writer takes the version row's
-- lock before any row of the taxonomy: writers of the taxonomy queue for
-- each other's commit in one order and never deadlock on it.  Not dumped.
CREATE SEQUENCE taxonomy_version_seq;
COMMENT ON SEQUENCE taxonomy_version_seq IS
  'The numbers of taxonomy_version.version: each writing statement of role, role_alias, taxonomy, mapping or level takes the next one.';
CREATE TABLE taxonomy_version (
  id       boolean PRIMARY KEY DEFAULT true
           CONSTRAINT taxonomy_version_one_row CHECK (id),
  instance bigint NOT NULL,
  version  bigint NOT NULL
);
COMMENT ON TABLE taxonomy_version IS
  'The version of the taxonomy that resolve_title resolves against (one row): every statement that writes role, role_alias, taxonomy, mapping or level moves version on, in its own transaction, so that a statement sees the version of the taxonomy its snapshot sees. Each version has one shared index image, built by its first reader (doc/titles.md). Written only by the triggers; never edit it.';
COMMENT ON COLUMN taxonomy_version.id IS 'Always true: the table holds one row.';
COMMENT ON COLUMN taxonomy_version.instance IS 'A random number chosen when the extension was created; names this installation''s versions.';
COMMENT ON COLUMN taxonomy_version.version IS 'The taxonomy''s version: the last value of taxonomy_version_seq a writing statement took.';
INSERT INTO taxonomy_version (instance, version)
  VALUES (pg_catalog.hashtextextended(pg_catalog.textcat(pg_catalog.random()::pg_catalog.text,
                                                         pg_catalog.clock_timestamp()::pg_catalog.text), 1),
          pg_catalog.nextval('roleext.taxonomy_version_seq'::pg_catalog.regclass));

CREATE FUNCTION tg_taxonomy_changed() RETURNS trigger
  AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION tg_taxonomy_changed() IS
  'Statement trigger (BEFORE) of role, role_alias, taxonomy, mapping and level: moves taxonomy_version on; the writing transaction resolves against its change from its next statement, other sessions once it commits, and the first resolve_title that sees the new version builds its shared index.';
CREATE TRIGGER tg_taxonomy_changed
  BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON role
  FOR EACH STATEMENT EXECUTE FUNCTION tg_taxonomy_changed();
ALTER TABLE role ENABLE ALWAYS TRIGGER tg_taxonomy_changed;
CREATE TRIGGER tg_taxonomy_changed
  BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_alias
  FOR EACH STATEMENT EXECUTE FUNCTION tg_taxonomy_changed();
ALTER TABLE role_alias ENABLE ALWAYS TRIGGER tg_taxonomy_changed;
CREATE TRIGGER tg_taxonomy_changed
  BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON taxonomy
  FOR EACH STATEMENT EXECUTE FUNCTION tg_taxonomy_changed();
ALTER TABLE taxonomy ENABLE ALWAYS TRIGGER tg_taxonomy_changed;
CREATE TRIGGER tg_taxonomy_changed
  BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON mapping
  FOR EACH STATEMENT EXECUTE FUNCTION tg_taxonomy_changed();
ALTER TABLE mapping ENABLE ALWAYS TRIGGER tg_taxonomy_changed;
CREATE TRIGGER tg_taxonomy_changed
  BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON level
  FOR EACH STATEMENT EXECUTE FUNCTION tg_taxonomy_changed();
ALTER TABLE level ENABLE ALWAYS TRIGGER tg_taxonomy_changed;

-- The k most likely roles of an HRIS job title (src/resolve.c).
CREATE FUNCTION resolve_title(title text, k int DEFAULT 5)
RETURNS TABLE (role rolecode, role_title text, matched_alias text, confidence confidence,
               band confband, method text, needs_review boolean)
  AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION resolve_title(text, int) IS
  'The k roles (1 to 20, default 5) an HRIS job title most likely names, best first: role, its title, the alias or title that decided (NULL when the title''s words did rather than one name), a confidence and its band, the method (exact, exact+level, trigram: a close name, trigram+level) and needs_review (best confidence below 0.30, or the top two within 0.10). A title decided in title_decision gives its decision alone: method decided, confidence 1, needs_review false. Always at least one row: a NULL, blank or unmatched title gives role NULL, method none, needs_review true. For CROSS JOIN LATERAL over an HRIS table; see doc/titles.md.';

-- The index resolve_title resolves against, for monitoring and tests (src/resolve_build.c).
CREATE FUNCTION resolve_title_index(OUT entries int, OUT roles int, OUT families int, OUT bytes bigint,
                                    OUT build_ms float8, OUT builds bigint, OUT version bigint,
                                    OUT shared boolean, OUT mapped_bytes bigint, OUT private_bytes bigint,
                                    OUT built_at timestamptz)
RETURNS record
  AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION resolve_title_index() IS
  'The taxonomy index resolve_title resolves against in this statement (opened or built first): entries (role titles and aliases), roles, families (taxonomy nodes with roles), bytes (the index and its role table), build_ms (how long its build took), builds (indexes this backend has built, of the dictionary and the taxonomy), version (the taxonomy version it indexes), shared (a shared image mapped from a file, else a private index), mapped_bytes (the size of the mapped image), private_bytes (this backend''s own memory for both indexes) and built_at. For monitoring and tests.';

DROP FUNCTION roleext_trgm_exec(text);
