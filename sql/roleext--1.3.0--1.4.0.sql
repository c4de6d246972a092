-- roleext 1.3.0 -> 1.4.0: title matching that holds on other styles
-- (issue 17), reviewed title decisions consulted first by resolve_title and
-- soc_autocode (issue 15 item 6), resolve_title's fixes of issue 20.  The
-- full script of 1.4.0 is sql/NN_*.sql; this step makes a 1.3.0 database
-- equal to it.
\echo Use "ALTER EXTENSION roleext UPDATE TO '1.4.0'" to load this file. \quit

-- Names resolve in roleext and pg_catalog only (doc/security.md).
SELECT pg_catalog.set_config('search_path', 'roleext, pg_catalog, pg_temp', true);
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

-- Reviewed title decisions (issue 15 item 6; doc/titles.md, "Decided
-- titles"): a table that resolve_title and soc_autocode consult first, its
-- writers and its lookup (sql/72_title_decision.sql), the trigger function
-- that stores a SOC 2018 code as its .00 occupation now serving it too,
-- and the lists of user-data tables and editor functions that name it.
COMMENT ON FUNCTION tg_title_dictionary_code() IS
  'Trigger of title_dictionary and title_decision: a SOC 2018 detailed code (15-1252) is stored as its .00 O*NET-SOC 2019 occupation (15-1252.00).';

CREATE TABLE title_decision (
  title      text NOT NULL
             CONSTRAINT title_decision_title_valid CHECK (roleext.card_text_valid(title, true)),
  title_norm text GENERATED ALWAYS AS (roleext.title_normalize(title)) STORED
             CONSTRAINT title_decision_title_norm_not_blank CHECK (title_norm OPERATOR(pg_catalog.<>) ''),
  title_level rolelevel GENERATED ALWAYS AS (roleext.title_level(title)) STORED,
  role       rolecode REFERENCES role (code) ON UPDATE CASCADE ON DELETE CASCADE,
  code       soccode
             CONSTRAINT title_decision_code_exists REFERENCES onet2019_occupation (code),
  decided_by text NOT NULL DEFAULT CURRENT_USER,
  decided_at timestamptz NOT NULL DEFAULT pg_catalog.now()
             CONSTRAINT title_decision_decided_at_finite CHECK (pg_catalog.isfinite(decided_at)),
  note       text,
  CONSTRAINT title_decision_decides CHECK (role IS NOT NULL OR code IS NOT NULL),
  CONSTRAINT title_decision_title_key UNIQUE NULLS NOT DISTINCT (title_norm, title_level)
);
COMMENT ON TABLE title_decision IS
  'Reviewed title decisions: the role and/or O*NET-SOC 2019 occupation a person decided an HRIS title names, one row per normalized title and level. resolve_title and soc_autocode consult it first: a decided title gives its decision (method decided, confidence 1, needs_review false). Write it with record_title_decision and remove_title_decision. User data: kept by pg_dump and export_user_data.';
COMMENT ON COLUMN title_decision.title IS 'The title as the reviewer decided it (not blank, at most card_text_max() characters).';
COMMENT ON COLUMN title_decision.title_norm IS 'title_normalize(title) (generated): with title_level the key a title is looked up by, so every spelling that normalizes alike and names the same level shares the decision.';
COMMENT ON COLUMN title_decision.title_level IS 'title_level(title) (generated): the level the title names, or NULL; part of the key (a decision on "Senior Data Engineer" is not one on "Data Engineer").';
COMMENT ON COLUMN title_decision.role IS 'The role the title names (resolve_title''s answer), or NULL when only the occupation was decided; the decision goes when the role is deleted.';
COMMENT ON COLUMN title_decision.code IS 'The O*NET-SOC 2019 occupation the title names (soc_autocode''s answer), or NULL when only the role was decided; a SOC 2018 detailed code (15-1252) is stored as its .00 occupation.';
COMMENT ON COLUMN title_decision.decided_by IS 'Who decided (default: the current user).';
COMMENT ON COLUMN title_decision.decided_at IS 'When the decision was recorded (a finite time).';
COMMENT ON COLUMN title_decision.note IS 'Why, in the reviewer''s words, or NULL.';

CREATE TRIGGER tg_title_decision_code BEFORE INSERT OR UPDATE OF code ON title_decision
  FOR EACH ROW WHEN (soc_level(NEW.code) = 'detailed') EXECUTE FUNCTION tg_title_dictionary_code();

SELECT pg_catalog.pg_extension_config_dump('title_decision', '');

-- Record (or replace) the decision of a title: the row of its normalized
-- form and level is written whole, so a later decision on another spelling
-- of the same title replaces the earlier one.
CREATE FUNCTION record_title_decision(title text, role rolecode DEFAULT NULL, code soccode DEFAULT NULL,
                                      decided_by text DEFAULT CURRENT_USER, note text DEFAULT NULL)
RETURNS title_decision
  LANGUAGE sql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp
  AS $$
  INSERT INTO roleext.title_decision AS d (title, role, code, decided_by, note)
  VALUES (record_title_decision.title, record_title_decision.role, record_title_decision.code,
          record_title_decision.decided_by, record_title_decision.note)
  ON CONFLICT ON CONSTRAINT title_decision_title_key DO UPDATE
     SET title = excluded.title, role = excluded.role, code = excluded.code,
         decided_by = excluded.decided_by, decided_at = pg_catalog.now(), note = excluded.note
  RETURNING d.*;
$$;
COMMENT ON FUNCTION record_title_decision(text, rolecode, soccode, text, text) IS
  'Record that a title names a role and/or an O*NET-SOC occupation (at least one), decided by decided_by (default the current user) now, with an optional note; replaces the decision of any title with the same title_normalize form and title_level. From then on resolve_title and soc_autocode answer the decision for that title. Returns the row. Editors only (grant_editor).';
REVOKE EXECUTE ON FUNCTION record_title_decision(text, rolecode, soccode, text, text) FROM PUBLIC;

-- What resolve_title and soc_autocode read (src/title_decision.c): the
-- decision of a raw title, by its normalized form and level, with the
-- role's title and the occupation's.  Internal.
CREATE FUNCTION decision_of_title(title text)
RETURNS TABLE (title_norm text, title_level rolelevel, role rolecode, role_title text, code soccode,
               code_title text, decided text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT d.title_norm, d.title_level, d.role, r.title, d.code, o.title, d.title
    FROM title_parse(decision_of_title.title) p
    JOIN title_decision d ON d.title_norm = p.normalized
                         AND (d.title_level = p.level OR (d.title_level IS NULL AND p.level IS NULL))
    LEFT JOIN role r ON r.code = d.role
    LEFT JOIN onet2019_occupation o ON o.code = d.code;
END;
COMMENT ON FUNCTION decision_of_title(text) IS
  'Internal to resolve_title, soc_autocode and remove_title_decision: the decision of a raw title (the row of its title_normalize form and title_level: the key, role and its title, occupation and its title, the title as decided), or no row.';

-- Remove the decision of a title (by its normalized form and level).
CREATE FUNCTION remove_title_decision(title text) RETURNS boolean
  LANGUAGE sql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp
  AS $$
  WITH gone AS (
    DELETE FROM roleext.title_decision d
     USING roleext.decision_of_title(remove_title_decision.title) k
     WHERE d.title_norm OPERATOR(pg_catalog.=) k.title_norm
       AND d.title_level IS NOT DISTINCT FROM k.title_level
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM gone);
$$;
COMMENT ON FUNCTION remove_title_decision(text) IS
  'Remove the decision of a title (matched by its title_normalize form and title_level): resolve_title and soc_autocode code it by its words again. True when there was one. Editors only (grant_editor).';
REVOKE EXECUTE ON FUNCTION remove_title_decision(text) FROM PUBLIC;

CREATE OR REPLACE FUNCTION taxonomy_tables() RETURNS TABLE (table_oid regclass)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT c.oid::regclass FROM pg_catalog.pg_class c
  WHERE c.relnamespace = 'roleext'::regnamespace
    AND c.relname = ANY ('{level,taxonomy,role,component,role_component,role_alias,mapping,title_dictionary,component_suggestion,title_decision}'::name[])
  ORDER BY c.oid;
END;
COMMENT ON FUNCTION taxonomy_tables() IS 'The user-data tables of roleext, which grant_editor lets a role write.';

CREATE OR REPLACE FUNCTION editor_functions() RETURNS name[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN '{import_role_card,import_role_cards,rename_taxonomy_node,review_mapping,approve_mapping,reject_mapping,review_alias,approve_alias,reject_alias,suggest_mappings,import_user_data,suggest_components,review_component,approve_component,reject_component,record_title_decision,remove_title_decision}'::name[];
COMMENT ON FUNCTION editor_functions() IS 'Names of the functions grant_editor lets a role execute (import, review, rename_taxonomy_node, suggest_mappings, import_user_data, suggest_components and the review of suggested components, record_title_decision, remove_title_decision).';

CREATE OR REPLACE FUNCTION backup_tables()
RETURNS TABLE (step int, table_name name, user_rows text)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT * FROM (VALUES
    (1, 'level'::name, 'NOT t.is_default'),
    (2, 'taxonomy', 'true'),
    (3, 'role', 'true'),
    (4, 'component', 'true'),
    (5, 'role_component', 'true'),
    (6, 'role_alias', 'true'),
    (7, 'mapping', 'true'),
    (8, 'title_dictionary', 't.source OPERATOR(pg_catalog.=) ''user'''),
    (9, 'component_suggestion', 'true'),
    (10, 'title_decision', 'true')) v
  ORDER BY 1;
END;
COMMENT ON FUNCTION export_user_data() IS
  'Every row a user wrote into roleext as one jsonb value (format roleext.user_data/1): roles, taxonomy nodes, components, aliases, mappings, component suggestions and reviews whole, edited and user-defined levels, the user titles of title_dictionary, the reviewed title decisions, and the codes of all levels (so an import deletes the defaults deleted here). Generated columns are left out. Write it to a file before DROP EXTENSION; import_user_data brings it back. Needs SELECT on the tables (grant_reader).';

-- resolve_title and soc_autocode answer a decided title with its decision.
COMMENT ON FUNCTION resolve_title(text, int) IS
  'The k roles (1 to 20, default 5) an HRIS job title most likely names, best first: role, its title, the alias that matched, a confidence and its band, the method (exact, exact+level, trigram, trigram+level) and needs_review (best confidence below 0.30, or the top two within 0.10). A title decided in title_decision gives its decision alone: method decided, confidence 1, needs_review false. Always at least one row: a NULL, blank or unmatched title gives role NULL, method none, needs_review true. For CROSS JOIN LATERAL over an HRIS table; see doc/titles.md.';
COMMENT ON FUNCTION soc_autocode(text, int) IS
  'The O*NET-SOC 2019 occupations a free-text job title most likely names, best first, at most k (1 to 1000, default 5): code, its O*NET title, a calibrated score, its band, matched (the dictionary title or the words that decided the code) and needs_review (true on every row when the best score is below 0.30 or the top two are within 0.10). The title is normalized with title_normalize first; a blank, noise-only or unknown title gives no rows. A title decided in title_decision with an occupation gives its decision alone: score 1, matched the title as decided, needs_review false. Reads title_dictionary (SELECT privilege needed). See doc/autocode.md.';

-- resolve_title: a title that holds a whole alias or role title plus other
-- words ("Dutch-speaking Nanny") is answered by it when no name is near
-- (issue #20).
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
