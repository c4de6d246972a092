-- The role taxonomy: levels, taxonomy nodes, roles, components, aliases and
-- classification mappings (DESIGN.md §4).  These tables hold user data:
-- each is registered with pg_extension_config_dump so pg_dump keeps it.
-- Nothing is granted to PUBLIC; see grant_reader() and grant_editor().

-- Enumerations -------------------------------------------------------------

CREATE TYPE node_kind AS ENUM ('superfunction', 'function', 'family', 'specialization');
COMMENT ON TYPE node_kind IS
  'Kind of a taxonomy node, highest first: superfunction > function > family > specialization.';

CREATE TYPE component_kind AS ENUM
  ('responsibility', 'task', 'skill', 'knowledge', 'competency', 'qualification', 'output');
COMMENT ON TYPE component_kind IS
  'Kind of a role component: responsibility, task, skill, knowledge, competency, qualification, output (core output).';

CREATE TYPE component_prevalence AS ENUM ('core', 'common', 'occasional');
COMMENT ON TYPE component_prevalence IS
  'How widely a component holds for the role: core (always), common (usually), occasional (sometimes).';

CREATE TYPE component_scope AS ENUM
  ('role', 'level', 'specialization', 'family', 'function', 'superfunction');
COMMENT ON TYPE component_scope IS
  'The scope a component is defined at: the role itself, its level, or a taxonomy node kind above it.';

CREATE TYPE alias_type AS ENUM ('official', 'common', 'abbreviation', 'legacy', 'internal', 'posting');
COMMENT ON TYPE alias_type IS
  'Kind of a title alias: official, common, abbreviation, legacy, internal or posting (job ad) title.';

CREATE TYPE mapping_scheme AS ENUM ('soc2018', 'onet2019', 'soc2010', 'isco08');
COMMENT ON TYPE mapping_scheme IS
  'Classification a mapping points into: US SOC 2018, O*NET-SOC 2019, US SOC 2010 or ISCO-08.';

CREATE TYPE mapping_source AS ENUM
  ('manual', 'inferred_from_superfunction', 'inferred_from_function', 'inferred_from_family',
   'inferred_from_specialization', 'crosswalk', 'autocoded');
COMMENT ON TYPE mapping_source IS
  'Where a mapping came from: set by hand, inherited from a taxonomy node of the named kind, a crosswalk, or the autocoder.';

CREATE TYPE review_status AS ENUM ('needs_review', 'approved', 'rejected');
COMMENT ON TYPE review_status IS 'Review state of a mapping: needs_review, approved or rejected.';

-- The card rules, for the tables ----------------------------------------------
-- The rules of role cards are written once, in C (src/core/card.c): the
-- card validator applies them, and so do the constraints below and the
-- taxonomy trigger (51_schema_rules.sql), through these functions.

CREATE FUNCTION card_text_valid(value text, limited boolean) RETURNS boolean
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION card_text_valid(text, boolean) IS
  'Internal to the tables of role cards: true when a required text is not blank (empty or only spaces) and, when limited, has at most card_text_max() characters (role titles, component names, aliases).';

CREATE FUNCTION card_text_max() RETURNS int4
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION card_text_max() IS
  'The most characters a role title, a component name or an alias may have (500): longer ones would not fit the indexes that hold them.';

CREATE FUNCTION card_soc_fits(scheme text, soc soccode) RETURNS boolean
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION card_soc_fits(text, soccode) IS
  'Internal to table mapping: true when the scheme (a mapping_scheme label) takes SOC codes and soc is one of its form: an O*NET-SOC code (15-1252.00) for onet2019, a SOC group or occupation for soc2018 and soc2010.';

CREATE FUNCTION card_isco_fits(scheme text, code text) RETURNS boolean
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION card_isco_fits(text, text) IS
  'Internal to table mapping: true when the scheme (a mapping_scheme label) is isco08 and code is an ISCO-08 code: 1-4 digits.';

CREATE FUNCTION card_check_node(code rolecode, kind node_kind, parent rolecode, parent_kind node_kind,
                                as_child boolean) RETURNS void
  AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION card_check_node(rolecode, node_kind, rolecode, node_kind, boolean) IS
  'Internal to the taxonomy rules: raises 23514 unless a node may sit under its parent (NULL, NULL at the top): a code not ending in a level, not its parent''s, of one label at the top and directly under a superfunction, else its parent''s code plus one label; a kind lower than the parent''s. as_child words a kind fault as the parent''s (its kind just changed).';

CREATE FUNCTION card_node_problem(code rolecode, kind node_kind, parent rolecode, parent_kind node_kind,
                                  as_child boolean, OUT problem text, OUT detail text) RETURNS record
  AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION card_node_problem(rolecode, node_kind, rolecode, node_kind, boolean) IS
  'Internal to role card validation: the error card_check_node would raise, as (problem, detail), or NULL.';

CREATE FUNCTION card_component_member(kind component_kind) RETURNS text
  AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION card_component_member(component_kind) IS
  'Internal to role cards: the member of a card''s components that holds a kind (skill -> skills).';

-- level ----------------------------------------------------------------------

CREATE TABLE level (
  code            rolelevel PRIMARY KEY,
  name            text NOT NULL CONSTRAINT level_name_not_blank CHECK (btrim(name) <> ''),
  description     text,
  grade           float8 NOT NULL
                  CONSTRAINT level_grade_finite CHECK (grade > '-Infinity' AND grade < 'Infinity'),
  scope           text,
  autonomy        text,
  complexity      text,
  impact          text,
  decision_rights text,
  leadership      text,
  experience      int4range CONSTRAINT level_experience_nonnegative
                  CHECK (experience IS NULL OR lower_inf(experience) OR lower(experience) >= 0),
  is_default      boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE level IS
  'Levels of the career ladder: name, grade on the cross-track scale (default P n = n, M n = n + 2, E n = n + 6, S n = (n - 1) / 2), the seven descriptor dimensions and typical experience. Filled with S1-S5, P1-P6, M1-M6, E1-E5 by CREATE EXTENSION; editable.';
COMMENT ON COLUMN level.code IS 'The level coordinate, e.g. P1.';
COMMENT ON COLUMN level.name IS 'Display name, e.g. Entry-Level Professional.';
COMMENT ON COLUMN level.description IS 'One-line description of the level.';
COMMENT ON COLUMN level.grade IS 'Position on the cross-track scale: how levels of different tracks line up (M1 = P3 by default).';
COMMENT ON COLUMN level.scope IS 'Descriptor: the scope of work at this level.';
COMMENT ON COLUMN level.autonomy IS 'Descriptor: how much supervision the level works under.';
COMMENT ON COLUMN level.complexity IS 'Descriptor: the complexity of problems handled.';
COMMENT ON COLUMN level.impact IS 'Descriptor: the reach of the level''s impact.';
COMMENT ON COLUMN level.decision_rights IS 'Descriptor: which decisions the level takes alone.';
COMMENT ON COLUMN level.leadership IS 'Descriptor: leadership expected at this level.';
COMMENT ON COLUMN level.experience IS 'Typical experience in whole years, e.g. [0,3) for "0–2 yrs".';
COMMENT ON COLUMN level.is_default IS
  'True while the row is exactly as CREATE EXTENSION shipped it; pg_dump keeps only rows where it is false (user rows and edited defaults).';

-- taxonomy ---------------------------------------------------------------------

-- Where a node may sit (its code and kind against its parent's) is checked
-- by the constraint trigger tg_taxonomy_node (51_schema_rules.sql).
CREATE TABLE taxonomy (
  code        rolecode PRIMARY KEY,
  kind        node_kind NOT NULL,
  name        text NOT NULL CONSTRAINT taxonomy_name_not_blank CHECK (roleext.card_text_valid(name, false)),
  parent      rolecode REFERENCES taxonomy (code) ON UPDATE CASCADE,
  description text
);
COMMENT ON TABLE taxonomy IS
  'Taxonomy nodes (superfunction > function > family > specialization). A function''s code is one label (DEI); a family or specialization extends its parent''s code by one label (DEI.GEN). A role''s coordinate path is its chain of ancestors, superfunction first (TECH.DEI.GEN).';
COMMENT ON COLUMN taxonomy.code IS 'Node code: one label for superfunctions and functions, the parent''s code plus one label below a function.';
COMMENT ON COLUMN taxonomy.kind IS 'superfunction, function, family or specialization.';
COMMENT ON COLUMN taxonomy.name IS 'Display name.';
COMMENT ON COLUMN taxonomy.parent IS 'The node above, of a higher kind; NULL at the top.';
COMMENT ON COLUMN taxonomy.description IS 'Free-text description.';

-- role ---------------------------------------------------------------------------

CREATE TABLE role (
  code                   rolecode PRIMARY KEY,
  title                  text NOT NULL CONSTRAINT role_title_valid CHECK (roleext.card_text_valid(title, true)),
  level                  rolelevel GENERATED ALWAYS AS (code_level(code)) STORED
                         CONSTRAINT role_code_has_level NOT NULL
                         REFERENCES level (code),
  node                   rolecode GENERATED ALWAYS AS (code_family(code)) STORED
                         CONSTRAINT role_node_fkey REFERENCES taxonomy (code) DEFERRABLE,
  coord                  rolecoord NOT NULL,
  summary                text,
  story_who              text,
  story_external_problem text,
  story_internal_problem text,
  story_why_it_matters   text,
  story_plan             text[] NOT NULL DEFAULT '{}',
  story_stakes           text,
  story_success          text,
  updated_at             timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE role IS
  'Roles: one row per role card. The level and taxonomy node are derived from the code (DEI.GEN.P1 -> level P1, node DEI.GEN), so they always agree with it.';
COMMENT ON COLUMN role.code IS 'Role code: the taxonomy node''s code plus a level label, e.g. DEI.GEN.P1.';
COMMENT ON COLUMN role.title IS 'Role title as shown on the card: not blank, at most card_text_max() (500) characters.';
COMMENT ON COLUMN role.level IS 'The code''s level (generated); must exist in table level.';
COMMENT ON COLUMN role.node IS 'The code without its level (generated); must exist in table taxonomy.';
COMMENT ON COLUMN role.coord IS
  'The role''s structural coordinate: its taxonomy chain, superfunction first, and its level''s grade (TECH.DEI.GEN@1). Kept current by the database when the role, its taxonomy chain or its level''s grade changes.';
COMMENT ON COLUMN role.summary IS 'One-paragraph summary of the role.';
COMMENT ON COLUMN role.story_who IS 'Story: who does this work.';
COMMENT ON COLUMN role.story_external_problem IS 'Story: the external problem the role solves.';
COMMENT ON COLUMN role.story_internal_problem IS 'Story: the internal problem (how it feels to the people in the role).';
COMMENT ON COLUMN role.story_why_it_matters IS 'Story: why it matters.';
COMMENT ON COLUMN role.story_plan IS 'Story: the plan, as ordered steps.';
COMMENT ON COLUMN role.story_stakes IS 'Story: what is at stake.';
COMMENT ON COLUMN role.story_success IS 'Story: what success looks like.';
COMMENT ON COLUMN role.updated_at IS 'When the role row was last written.';

CREATE INDEX role_coord_idx ON role USING gist (coord);
COMMENT ON INDEX role_coord_idx IS 'Nearest roles by structural coordinate: ORDER BY coord <-> x (adjacent_roles).';
CREATE INDEX role_node_idx ON role (node);
COMMENT ON INDEX role_node_idx IS 'The roles of a taxonomy node.';
CREATE INDEX role_level_idx ON role (level);
COMMENT ON INDEX role_level_idx IS 'The roles of a level.';

-- components ---------------------------------------------------------------------

CREATE TABLE component (
  kind        component_kind NOT NULL,
  name        text NOT NULL CONSTRAINT component_name_valid CHECK (roleext.card_text_valid(name, true)),
  description text,
  PRIMARY KEY (kind, name)
);
COMMENT ON TABLE component IS
  'The catalogue of components (responsibilities, tasks, skills, knowledge, competencies, qualifications, outputs), shared between roles.';
COMMENT ON COLUMN component.kind IS 'Component kind.';
COMMENT ON COLUMN component.name IS 'Component name, unique within its kind: not blank, at most card_text_max() (500) characters.';
COMMENT ON COLUMN component.description IS 'Free-text description.';

CREATE TABLE role_component (
  role       rolecode NOT NULL REFERENCES role (code) ON UPDATE CASCADE ON DELETE CASCADE,
  kind       component_kind NOT NULL,
  name       text NOT NULL,
  prevalence component_prevalence NOT NULL DEFAULT 'common',
  scope      component_scope NOT NULL DEFAULT 'role',
  position   int4 NOT NULL CONSTRAINT role_component_position_positive CHECK (position >= 1),
  PRIMARY KEY (role, kind, name),
  CONSTRAINT role_component_position_unique UNIQUE (role, kind, position),
  FOREIGN KEY (kind, name) REFERENCES component (kind, name) ON UPDATE CASCADE
);
COMMENT ON TABLE role_component IS 'Which components a role has, with prevalence, scope and position on the card.';
COMMENT ON COLUMN role_component.role IS 'The role.';
COMMENT ON COLUMN role_component.kind IS 'Component kind.';
COMMENT ON COLUMN role_component.name IS 'Component name.';
COMMENT ON COLUMN role_component.prevalence IS 'core, common or occasional.';
COMMENT ON COLUMN role_component.scope IS 'The scope the component is defined at (role, level, or a taxonomy kind).';
COMMENT ON COLUMN role_component.position IS 'Order within its kind on the card, from 1.';

-- aliases ------------------------------------------------------------------------

CREATE TABLE role_alias (
  role        rolecode NOT NULL REFERENCES role (code) ON UPDATE CASCADE ON DELETE CASCADE,
  alias       text NOT NULL CONSTRAINT role_alias_valid CHECK (roleext.card_text_valid(alias, true)),
  alias_type  alias_type NOT NULL DEFAULT 'common',
  confidence  confidence NOT NULL DEFAULT '0.50',
  approved    boolean,
  approved_by text,
  approved_at timestamptz CONSTRAINT role_alias_approved_at_finite CHECK (pg_catalog.isfinite(approved_at)),
  PRIMARY KEY (role, alias),
  CONSTRAINT role_alias_review_consistent
    CHECK (approved IS NOT NULL OR (approved_by IS NULL AND approved_at IS NULL))
);
COMMENT ON TABLE role_alias IS
  'Title aliases of roles with their type and confidence; approved is NULL until reviewed (approve_alias, reject_alias).';
COMMENT ON COLUMN role_alias.role IS 'The role.';
COMMENT ON COLUMN role_alias.alias IS 'The alias as written: not blank, at most card_text_max() (500) characters.';
COMMENT ON COLUMN role_alias.alias_type IS 'official, common, abbreviation, legacy, internal or posting.';
COMMENT ON COLUMN role_alias.confidence IS 'How surely the alias names the role, 0 to 1.';
COMMENT ON COLUMN role_alias.approved IS 'NULL = not reviewed, true = approved, false = rejected.';
COMMENT ON COLUMN role_alias.approved_by IS 'Who reviewed the alias.';
COMMENT ON COLUMN role_alias.approved_at IS 'When the alias was reviewed (a finite time).';

-- mappings -----------------------------------------------------------------------

-- A mapping's code is stored typed, in the column of its scheme: soc (a
-- soccode) for SOC 2018, O*NET-SOC 2019 and SOC 2010, isco08 (text) for
-- ISCO-08, so that a SOC code is parsed once, when it is written.  code is
-- the code as text for display (generated).  That a SOC code exists in its
-- scheme is checked by foreign keys on the generated soc2018/onet2019/
-- soc2010 columns; ISCO-08 codes are checked for form only (roleext ships
-- no full ISCO-08 list).
CREATE TABLE mapping (
  role        rolecode REFERENCES role (code) ON UPDATE CASCADE ON DELETE CASCADE,
  node        rolecode REFERENCES taxonomy (code) ON UPDATE CASCADE ON DELETE CASCADE,
  scheme      mapping_scheme NOT NULL DEFAULT 'soc2018',
  soc         soccode,
  isco08      text,
  code        text NOT NULL GENERATED ALWAYS AS (coalesce(soc::text, isco08)) STORED,
  source      mapping_source NOT NULL DEFAULT 'manual',
  review_status review_status NOT NULL DEFAULT 'needs_review',
  confidence  confidence,
  reviewer    text,
  reviewed_at timestamptz CONSTRAINT mapping_reviewed_at_finite CHECK (pg_catalog.isfinite(reviewed_at)),
  note        text,
  soc2018     soccode GENERATED ALWAYS AS (CASE WHEN scheme = 'soc2018' THEN soc END) STORED
              CONSTRAINT mapping_soc2018_exists REFERENCES soc2018_code (code),
  onet2019    soccode GENERATED ALWAYS AS (CASE WHEN scheme = 'onet2019' THEN soc END) STORED
              CONSTRAINT mapping_onet2019_exists REFERENCES onet2019_occupation (code),
  soc2010     soccode GENERATED ALWAYS AS (CASE WHEN scheme = 'soc2010' THEN soc END) STORED
              CONSTRAINT mapping_soc2010_exists REFERENCES soc2010_code (code),
  CONSTRAINT mapping_one_subject CHECK (num_nonnulls(role, node) = 1),
  -- exactly the scheme's column is set, with a code of the scheme's form
  CONSTRAINT mapping_code_fits_scheme CHECK (CASE WHEN soc IS NOT NULL
                                                  THEN isco08 IS NULL AND roleext.card_soc_fits(scheme::text, soc)
                                                  ELSE roleext.card_isco_fits(scheme::text, isco08) END),
  CONSTRAINT mapping_unique UNIQUE NULLS NOT DISTINCT (role, node, scheme, soc, isco08)
);
COMMENT ON TABLE mapping IS
  'Classifications of roles and taxonomy nodes (SOC 2018, O*NET-SOC 2019, SOC 2010, ISCO-08) with source and review status. The code is stored in the column of its scheme: soc (a soccode) for the SOC schemes, isco08 for ISCO-08; code shows it as text. A role without its own mapping inherits its nearest mapped ancestor''s (view role_soc).';
COMMENT ON COLUMN mapping.role IS 'The role classified (NULL when the mapping sits on a taxonomy node).';
COMMENT ON COLUMN mapping.node IS 'The taxonomy node classified (NULL when the mapping sits on a role).';
COMMENT ON COLUMN mapping.scheme IS 'soc2018, onet2019, soc2010 or isco08.';
COMMENT ON COLUMN mapping.soc IS 'The code when the scheme is soc2018, soc2010 (a SOC group or occupation, 15-1252) or onet2019 (an O*NET-SOC occupation, 15-1252.00); NULL for isco08.';
COMMENT ON COLUMN mapping.isco08 IS 'The code when the scheme is isco08: 1-4 digits (2512); NULL for the SOC schemes.';
COMMENT ON COLUMN mapping.code IS 'The code as text, canonical (15-1252, 15-1252.00, 2512): soc or isco08 (generated).';
COMMENT ON COLUMN mapping.source IS 'manual, inferred_from_<kind>, crosswalk or autocoded.';
COMMENT ON COLUMN mapping.review_status IS 'needs_review, approved or rejected.';
COMMENT ON COLUMN mapping.confidence IS 'Confidence of the mapping (e.g. the autocoder''s score).';
COMMENT ON COLUMN mapping.reviewer IS 'Who reviewed it.';
COMMENT ON COLUMN mapping.reviewed_at IS 'When it was reviewed (a finite time).';
COMMENT ON COLUMN mapping.note IS 'Free-text note.';
COMMENT ON COLUMN mapping.soc2018 IS 'soc when the scheme is soc2018 (generated); it must be one of the SOC 2018 codes in soc2018_code.';
COMMENT ON COLUMN mapping.onet2019 IS 'soc when the scheme is onet2019 (generated); it must be one of the O*NET-SOC 2019 occupations in onet2019_occupation.';
COMMENT ON COLUMN mapping.soc2010 IS 'soc when the scheme is soc2010 (generated); it must be one of the SOC 2010 occupations in soc2010_code.';
CREATE INDEX mapping_node_idx ON mapping (node) WHERE node IS NOT NULL;
COMMENT ON INDEX mapping_node_idx IS 'Finds the mappings of a taxonomy node (inheritance in role_soc).';
