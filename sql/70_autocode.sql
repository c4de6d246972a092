-- Occupation autocoding: job title -> ranked O*NET-SOC 2019 occupations
-- (doc/autocode.md).  The title dictionary is a table filled by CREATE
-- EXTENSION (sql/71_title_dictionary_data.sql, generated from data/ by
-- tools/gen_title_dictionary.pl) to which users add their own titles.
-- soc_autocode() codes a title against the index of the dictionary version
-- its statement's snapshot sees: one image per version, a file under
-- $PGDATA/pg_roleext/autocode that every backend of the cluster maps
-- read-only, built by the transaction that wrote the version before it
-- commits (src/autocode_*.c; doc/autocode.md, "One index for the whole
-- cluster").  The version is a one-row table that a statement trigger of
-- title_dictionary moves on for every INSERT, UPDATE, DELETE and TRUNCATE.

CREATE TABLE title_dictionary (
  title   text NOT NULL
          CONSTRAINT title_dictionary_title_not_blank CHECK (btrim(title) <> '')
          -- raises 22021 for text that is not UTF-8 (possible only in a
          -- SQL_ASCII database) and 54000 for a title over 1 MB, so that
          -- every row can be indexed
          CONSTRAINT title_dictionary_title_readable CHECK (title_normalize(title) IS NOT NULL),
  code    soccode NOT NULL
          CONSTRAINT title_dictionary_code_exists REFERENCES onet2019_occupation (code),
  source  text NOT NULL DEFAULT 'user'
          CONSTRAINT title_dictionary_source_known CHECK (source IN
            ('onet_alternate', 'onet_title', 'soc_title', 'onet_description', 'soc_definition', 'user')),
  CONSTRAINT title_dictionary_pkey PRIMARY KEY (code, title, source)
);
COMMENT ON TABLE title_dictionary IS
  'What soc_autocode knows: job titles and occupation descriptions, each with the O*NET-SOC 2019 occupation it names. Filled by CREATE EXTENSION from the O*NET 27.0 alternate titles (onet_alternate), the O*NET-SOC 2019 and SOC 2018 titles (onet_title, soc_title) and their descriptions (onet_description, soc_definition, weaker evidence: they vote for their code but are never matched as titles). Add your own titles with source user (the default); they count from your next statement on, in every session. Only rows with source user are kept by pg_dump.';
COMMENT ON COLUMN title_dictionary.title IS 'The job title as written (for description sources, the description text).';
COMMENT ON COLUMN title_dictionary.code IS 'The O*NET-SOC 2019 occupation, such as 15-1252.00; a SOC 2018 detailed code (15-1252) is stored as its .00 occupation.';
COMMENT ON COLUMN title_dictionary.source IS 'onet_alternate, onet_title, soc_title, onet_description, soc_definition, or user (your own titles, the default).';

-- The dictionary's version: one row, moved on by every statement that writes
-- title_dictionary to the next value of a sequence (a rolled-back number is
-- never used again, so a number names one content of the dictionary; VACUUM,
-- ANALYZE and GRANT do not move it).  instance is drawn at random when the
-- extension is created, so that the numbers of a dropped and re-created
-- extension are never taken for each other's.  Not dumped: CREATE EXTENSION
-- makes a new one, and restoring the user's titles moves it on.
CREATE SEQUENCE title_dictionary_version_seq;
COMMENT ON SEQUENCE title_dictionary_version_seq IS
  'The numbers of title_dictionary_version.version: each writing statement of title_dictionary takes the next one.';
CREATE TABLE title_dictionary_version (
  id       boolean PRIMARY KEY DEFAULT true
           CONSTRAINT title_dictionary_version_one_row CHECK (id),
  instance bigint NOT NULL,
  version  bigint NOT NULL
);
COMMENT ON TABLE title_dictionary_version IS
  'The version of title_dictionary that soc_autocode codes against (one row): every statement that writes title_dictionary moves version on, in its own transaction, so that a statement sees the version of the dictionary its snapshot sees. Each version has one shared index image (doc/autocode.md). Written only by the trigger of title_dictionary; never edit it.';
COMMENT ON COLUMN title_dictionary_version.id IS 'Always true: the table holds one row.';
COMMENT ON COLUMN title_dictionary_version.instance IS 'A random number chosen when the extension was created; names this installation''s versions.';
COMMENT ON COLUMN title_dictionary_version.version IS 'The dictionary''s version: the last value of title_dictionary_version_seq a writing statement took.';
INSERT INTO title_dictionary_version (instance, version)
  VALUES (pg_catalog.hashtextextended(pg_catalog.textcat(pg_catalog.random()::pg_catalog.text,
                                                         pg_catalog.clock_timestamp()::pg_catalog.text), 0),
          pg_catalog.nextval('roleext.title_dictionary_version_seq'::pg_catalog.regclass));

-- Move the version on after every write; the image of the new version is
-- built by the writing backend just before its transaction commits.  ENABLE
-- ALWAYS: also when rows arrive by logical replication (replica role).
CREATE FUNCTION tg_title_dictionary_changed() RETURNS trigger
  AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION tg_title_dictionary_changed() IS
  'Statement trigger of title_dictionary: moves title_dictionary_version on (the writing transaction codes against its change from its next statement, other sessions once it commits) and has the shared soc_autocode index of the new version built just before the transaction commits.';
CREATE TRIGGER tg_title_dictionary_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON title_dictionary
  FOR EACH STATEMENT EXECUTE FUNCTION tg_title_dictionary_changed();
ALTER TABLE title_dictionary ENABLE ALWAYS TRIGGER tg_title_dictionary_changed;

-- A SOC 2018 detailed code names the occupation's .00 O*NET-SOC code.
CREATE FUNCTION tg_title_dictionary_code() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, roleext, pg_temp AS $$
BEGIN
  NEW.code := (NEW.code::text || '.00')::roleext.soccode;
  RETURN NEW;
END $$;
COMMENT ON FUNCTION tg_title_dictionary_code() IS
  'Trigger of title_dictionary and title_decision: a SOC 2018 detailed code (15-1252) is stored as its .00 O*NET-SOC 2019 occupation (15-1252.00).';
CREATE TRIGGER tg_title_dictionary_code BEFORE INSERT OR UPDATE OF code ON title_dictionary
  FOR EACH ROW WHEN (soc_level(NEW.code) = 'detailed') EXECUTE FUNCTION tg_title_dictionary_code();

SELECT pg_catalog.pg_extension_config_dump('title_dictionary', 'WHERE source = ''user''');

CREATE FUNCTION soc_autocode(title text, k int DEFAULT 5)
RETURNS TABLE (code soccode, title text, score confidence, band confband, matched text,
               needs_review boolean)
  AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 5 COST 1000;
COMMENT ON FUNCTION soc_autocode(text, int) IS
  'The O*NET-SOC 2019 occupations a free-text job title most likely names, best first, at most k (1 to 1000, default 5): code, its O*NET title, a calibrated score, its band, matched (the dictionary title or the words that decided the code) and needs_review (true on every row when the best score is below 0.30 or the top two are within 0.10). The title is normalized with title_normalize first; a blank, noise-only or unknown title gives no rows. A title decided in title_decision with an occupation gives its decision alone: score 1, matched the title as decided, needs_review false. Reads title_dictionary (SELECT privilege needed). See doc/autocode.md.';

CREATE FUNCTION soc_autocode_index(OUT entries int, OUT titles int, OUT descriptions int,
                                   OUT codes int, OUT bytes bigint, OUT build_ms float8,
                                   OUT builds bigint, OUT version bigint, OUT shared boolean,
                                   OUT mapped_bytes bigint, OUT private_bytes bigint,
                                   OUT built_at timestamptz)
RETURNS record
  AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION soc_autocode_index() IS
  'The soc_autocode index this statement codes against (opened or built first): entries (titles and descriptions), codes, bytes (the index''s size), build_ms (how long its build took), builds (indexes this backend has built), version (the dictionary version it indexes), shared (a shared image mapped from a file, else a private index), mapped_bytes (the size of the mapped image), private_bytes (this backend''s own memory for soc_autocode) and built_at. For monitoring and tests.';

-- suggest_mappings: autocode every role that has no effective SOC mapping.
-- Every suggestion is inserted with review_status needs_review, whatever its
-- score: a person approves each one, so no threshold applies here and the
-- review rule (rx_confidence_needs_review, behind soc_autocode's
-- needs_review) is not written again.
CREATE FUNCTION suggest_mappings(include_inherited boolean DEFAULT false)
RETURNS SETOF mapping
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
BEGIN
  RETURN QUERY
  WITH todo AS (
    -- roles without an effective SOC 2018 / O*NET-SOC 2019 mapping (with
    -- include_inherited, also those whose only SOC mappings are inherited)
    SELECT r.code AS role, r.title
    FROM roleext.role r
    -- (the view, not the typed twin, which is not inlined: doc/citus.md)
    WHERE NOT EXISTS (SELECT 1 FROM roleext.role_mappings m
                      WHERE m.role = r.code::text AND m.scheme IN ('soc2018', 'onet2019')
                        AND (NOT include_inherited OR m.inherited_from IS NULL))
  ), texts AS (
    -- the role's title, and its aliases not rejected, weighted by their confidence
    SELECT t.role, t.title AS text, 1.0::float8 AS w FROM todo t
    UNION ALL
    SELECT a.role, a.alias, a.confidence::float8
    FROM roleext.role_alias a JOIN todo t ON t.role = a.role
    WHERE a.approved IS DISTINCT FROM false AND a.confidence::float8 > 0
  ), coded AS (
    SELECT x.role, x.text, x.w, c.code, c.score::float8 AS score, c.matched
    FROM texts x CROSS JOIN LATERAL roleext.soc_autocode(x.text, 10) c
  ), weight AS (
    -- the texts that gave any candidate share the evidence
    SELECT c.role, sum(w) AS total FROM (SELECT DISTINCT role, text, w FROM coded) c GROUP BY c.role
  ), ranked AS (
    SELECT c.role, c.code,
           sum(c.w * c.score) / max(wt.total) AS score,
           (array_agg(format('%s -> %s', c.text, c.matched) ORDER BY c.w * c.score DESC, c.text))[1] AS evidence
    FROM coded c JOIN weight wt ON wt.role = c.role
    GROUP BY c.role, c.code
  ), best AS (
    -- the best code the role does not already have a mapping to (one that
    -- was rejected stays rejected)
    SELECT DISTINCT ON (r.role) r.role, r.code, r.score, r.evidence
    FROM ranked r
    WHERE NOT EXISTS (SELECT 1 FROM roleext.mapping m
                      WHERE m.role = r.role AND m.scheme = 'onet2019' AND m.soc = r.code)
    ORDER BY r.role, r.score DESC, r.code
  )
  INSERT INTO roleext.mapping AS m (role, scheme, soc, source, review_status, confidence, note)
  SELECT b.role, 'onet2019', b.code, 'autocoded', 'needs_review',
         b.score::roleext.confidence,
         'soc_autocode: ' || b.evidence
  FROM best b
  ORDER BY b.role
  ON CONFLICT ON CONSTRAINT mapping_unique DO NOTHING
  RETURNING m.*;
END $$;
COMMENT ON FUNCTION suggest_mappings(boolean) IS
  'Autocode every role that has no effective SOC 2018 or O*NET-SOC 2019 mapping (with include_inherited => true, also roles whose only SOC mappings are inherited from their taxonomy): its title and its aliases not rejected are coded with soc_autocode, each code''s scores averaged with weight 1 for the title and the alias confidence for an alias, and the best code the role has no mapping to yet is inserted as an onet2019 mapping with source autocoded, status needs_review, the averaged score as confidence and the evidence as note. Returns the mappings inserted; running it again inserts nothing (the roles are mapped now).';
REVOKE EXECUTE ON FUNCTION suggest_mappings(boolean) FROM PUBLIC;
