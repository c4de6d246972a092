-- Reviewed title decisions (doc/titles.md, "Decided titles"): a person has
-- read an HRIS title and said which role and/or which O*NET-SOC occupation
-- it names.  resolve_title and soc_autocode consult this table first, by
-- the normalized title and the level it names (title_parse: "Sr. Data
-- Engineer (Remote)" and "SENIOR DATA ENGINEER" are one title, "Data
-- Engineer" another, whose role is another), so that a title a person has
-- coded is never coded differently again: a decided title gives the
-- decision (method 'decided', confidence 1, needs_review false) and
-- nothing else.  The glue reads it
-- in src/title_decision.c.  User data: pg_dump keeps it, and
-- export_user_data / import_user_data carry it.

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

