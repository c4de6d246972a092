-- SOC / O*NET reference data: tables filled by CREATE EXTENSION from the
-- files under data/ (sql/23_soc_data.sql is generated from them by
-- tools/gen_soc_data.pl; see data/PROVENANCE.md), the functions that look
-- titles up and walk crosswalks, and the soc_hierarchy view.  The tables
-- are part of the extension, not user data: they are not dumped, and
-- ALTER EXTENSION UPDATE replaces them.

CREATE TABLE soc2018_code (
  code        soccode PRIMARY KEY,
  level       text NOT NULL CHECK (level IN ('major', 'minor', 'broad', 'detailed')),
  title       text NOT NULL,
  definition  text,
  parent      soccode REFERENCES soc2018_code,
  CHECK (level = soc_level(code)),
  -- parent IS NOT DISTINCT FROM soc_parent(code), written with the operator
  -- named: PostgreSQL prints IS DISTINCT FROM without its operator's schema,
  -- so a copy of the constraint made from its text (Citus's shards, on
  -- connections whose search_path is pg_catalog) would not find soccode's =
  CHECK (coalesce(parent OPERATOR(roleext.=) roleext.soc_parent(code),
                  parent IS NULL AND roleext.soc_parent(code) IS NULL)),
  CHECK ((definition IS NOT NULL) = (level = 'detailed'))
);
COMMENT ON TABLE soc2018_code IS
  'SOC 2018: the 1447 groups and occupations (23 major, 98 minor, 459 broad, 867 detailed) with titles and, for detailed occupations, definitions. Source: U.S. Bureau of Labor Statistics, 2018 SOC, soc_2018_definitions.xlsx (November 2017 final structure and definitions); parents from soc2018_all.csv (danielruss/codingsystems). Public domain.';
COMMENT ON COLUMN soc2018_code.code IS 'The SOC 2018 code, such as 15-1252.';
COMMENT ON COLUMN soc2018_code.level IS 'major, minor, broad or detailed (equals soc_level(code)).';
COMMENT ON COLUMN soc2018_code.title IS 'The official title, verbatim (typographic apostrophes kept).';
COMMENT ON COLUMN soc2018_code.definition IS 'The official definition of a detailed occupation; null for groups.';
COMMENT ON COLUMN soc2018_code.parent IS 'The group one level up from the official structure (equals soc_parent(code)); null for a major group.';

CREATE TABLE soc2010_code (
  code   soccode PRIMARY KEY CHECK (soc_level(code) = 'detailed'),
  title  text NOT NULL
);
COMMENT ON TABLE soc2010_code IS
  'SOC 2010: the 840 detailed occupations with titles. Source: U.S. Bureau of Labor Statistics, soc_2010_to_2018_crosswalk.xlsx (November 2017), its 2010 side, with the crosswalk''s " (#)" markers removed from the titles. Public domain.';
COMMENT ON COLUMN soc2010_code.code IS 'The SOC 2010 code, such as 15-1132.';
COMMENT ON COLUMN soc2010_code.title IS 'The SOC 2010 title.';

CREATE TABLE onet_job_zone (
  job_zone      int2 PRIMARY KEY CHECK (job_zone BETWEEN 1 AND 5),
  name          text NOT NULL,
  experience    text NOT NULL,
  education     text NOT NULL,
  job_training  text NOT NULL,
  examples      text NOT NULL,
  svp_range     text NOT NULL
);
COMMENT ON TABLE onet_job_zone IS
  'O*NET job zones 1-5 (how much preparation an occupation needs). Source: O*NET 27.0 Database (August 2022), Job Zone Reference.txt, USDOL/ETA, CC BY 4.0.';
COMMENT ON COLUMN onet_job_zone.job_zone IS 'The job zone, 1 (little or no preparation) to 5 (extensive preparation).';
COMMENT ON COLUMN onet_job_zone.svp_range IS 'The Specific Vocational Preparation range of the zone.';

CREATE TABLE onet2019_occupation (
  code         soccode PRIMARY KEY CHECK (soc_level(code) = 'onet'),
  title        text NOT NULL,
  description  text NOT NULL,
  job_zone     int2 REFERENCES onet_job_zone
);
COMMENT ON TABLE onet2019_occupation IS
  'O*NET-SOC 2019: the 1016 occupations (867 .00 codes, one per SOC 2018 detailed occupation, and 149 more specific ones) with titles, descriptions and job zones (923 have one). Source: O*NET 27.0 Database (August 2022), Occupation Data.txt and Job Zones.txt, USDOL/ETA, CC BY 4.0.';
COMMENT ON COLUMN onet2019_occupation.code IS 'The O*NET-SOC 2019 code, such as 15-1252.00.';
COMMENT ON COLUMN onet2019_occupation.title IS 'The O*NET-SOC 2019 title.';
COMMENT ON COLUMN onet2019_occupation.description IS 'The O*NET description of the occupation.';
COMMENT ON COLUMN onet2019_occupation.job_zone IS 'The O*NET job zone (see onet_job_zone); null for the 93 occupations without one in O*NET 27.0.';

CREATE TABLE crosswalk_soc2010_soc2018 (
  soc2010  soccode NOT NULL REFERENCES soc2010_code,
  soc2018  soccode NOT NULL REFERENCES soc2018_code,
  PRIMARY KEY (soc2010, soc2018)
);
CREATE INDEX ON crosswalk_soc2010_soc2018 (soc2018);
COMMENT ON TABLE crosswalk_soc2010_soc2018 IS
  'SOC 2010 to SOC 2018 crosswalk, 900 pairs of detailed occupations (42 SOC 2010 codes split, 31 SOC 2018 codes merge several). Source: U.S. Bureau of Labor Statistics, soc_2010_to_2018_crosswalk.xlsx, sheet "Sorted by 2010" (November 2017). Public domain.';
COMMENT ON COLUMN crosswalk_soc2010_soc2018.soc2010 IS 'The SOC 2010 detailed occupation.';
COMMENT ON COLUMN crosswalk_soc2010_soc2018.soc2018 IS 'A SOC 2018 detailed occupation it maps to.';

CREATE TABLE crosswalk_onet2019_soc2018 (
  onet2019  soccode NOT NULL REFERENCES onet2019_occupation,
  soc2018   soccode NOT NULL REFERENCES soc2018_code,
  PRIMARY KEY (onet2019, soc2018)
);
CREATE INDEX ON crosswalk_onet2019_soc2018 (soc2018);
COMMENT ON TABLE crosswalk_onet2019_soc2018 IS
  'O*NET-SOC 2019 to SOC 2018 crosswalk, 1016 pairs (each O*NET-SOC code maps to its six-digit SOC code). Source: O*NET Resource Center, O*NET-SOC 2019 Occupation Listings, 2019_to_SOC_Crosswalk.xlsx, USDOL/ETA, CC BY 4.0.';
COMMENT ON COLUMN crosswalk_onet2019_soc2018.onet2019 IS 'The O*NET-SOC 2019 occupation.';
COMMENT ON COLUMN crosswalk_onet2019_soc2018.soc2018 IS 'The SOC 2018 detailed occupation it belongs to.';

CREATE TABLE crosswalk_onet2010_onet2019 (
  onet2010        text NOT NULL CHECK (onet2010 ~ '^[0-9]{2}-[0-9]{4}\.[0-9]{2}$'),
  onet2010_title  text NOT NULL,
  onet2019        soccode NOT NULL REFERENCES onet2019_occupation,
  PRIMARY KEY (onet2010, onet2019)
);
CREATE INDEX ON crosswalk_onet2010_onet2019 (onet2019);
COMMENT ON TABLE crosswalk_onet2010_onet2019 IS
  'O*NET-SOC 2010 to O*NET-SOC 2019 crosswalk, 1164 pairs, with the O*NET-SOC 2010 titles. Source: O*NET Resource Center, O*NET-SOC 2019 Occupation Listings, 2010_to_2019_Crosswalk.xlsx, USDOL/ETA, CC BY 4.0. The O*NET-SOC 2010 code is text: one of them, 19-1020.01 (Biologists), carries an O*NET suffix on a broad group, which soccode rejects.';
COMMENT ON COLUMN crosswalk_onet2010_onet2019.onet2010 IS 'The O*NET-SOC 2010 code as published (text; compare with code::text).';
COMMENT ON COLUMN crosswalk_onet2010_onet2019.onet2010_title IS 'The O*NET-SOC 2010 title.';
COMMENT ON COLUMN crosswalk_onet2010_onet2019.onet2019 IS 'An O*NET-SOC 2019 occupation it maps to.';

CREATE TABLE crosswalk_isco08_soc2010 (
  isco08           text NOT NULL CHECK (isco08 ~ '^[0-9]{3,4}$'),
  isco08_title     text NOT NULL,
  soc2010          soccode NOT NULL REFERENCES soc2010_code,
  part_of_isco08   bool NOT NULL,
  part_of_soc2010  bool NOT NULL,
  comment          text,
  PRIMARY KEY (isco08, soc2010)
);
CREATE INDEX ON crosswalk_isco08_soc2010 (soc2010);
COMMENT ON TABLE crosswalk_isco08_soc2010 IS
  'ISCO-08 to SOC 2010 crosswalk, 1125 pairs (438 ISCO-08 codes, 840 SOC 2010 occupations). Source: U.S. Bureau of Labor Statistics, isco_soc_crosswalk.xls, sheets "ISCO-08 to 2010 SOC" and "2010 SOC to ISCO-08" (August 2012, updated June 2015); ISCO-08 titles from the ILO''s ISCO-08. Public domain. Reach SOC 2018 through crosswalk_soc2010_soc2018 (soc_from_isco08 does).';
COMMENT ON COLUMN crosswalk_isco08_soc2010.isco08 IS 'The ISCO-08 code: four digits (a unit group), or three for the two pairs that match a minor group (211, 315).';
COMMENT ON COLUMN crosswalk_isco08_soc2010.isco08_title IS 'The ISCO-08 title (English).';
COMMENT ON COLUMN crosswalk_isco08_soc2010.soc2010 IS 'A SOC 2010 detailed occupation it maps to.';
COMMENT ON COLUMN crosswalk_isco08_soc2010.part_of_isco08 IS 'The "ISCO-08 to 2010 SOC" sheet marks the pair with * in its part column: the SOC occupation covers only part of the ISCO-08 code.';
COMMENT ON COLUMN crosswalk_isco08_soc2010.part_of_soc2010 IS 'The "2010 SOC to ISCO-08" sheet marks the pair with * in its part column: the ISCO-08 code covers only part of the SOC occupation.';
COMMENT ON COLUMN crosswalk_isco08_soc2010.comment IS 'The BLS comment on the pair (8/17/11), if any.';

-- Version names.  '2018', '2010', 'onet2019' and 'onet2010'; the mapping
-- scheme spellings 'soc2018' and 'soc2010' are accepted too.

CREATE FUNCTION soc_version(version text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, roleext, pg_temp AS $$
BEGIN
  CASE lower(btrim(version))
    WHEN '2018', 'soc2018' THEN RETURN '2018';
    WHEN '2010', 'soc2010' THEN RETURN '2010';
    WHEN 'onet2019' THEN RETURN 'onet2019';
    WHEN 'onet2010' THEN RETURN 'onet2010';
    ELSE
      RAISE EXCEPTION USING ERRCODE = '22023',
        MESSAGE = format('invalid SOC version "%s"', version),
        DETAIL = 'A SOC version is one of 2018, 2010, onet2019 or onet2010 (soc2018 and soc2010 are accepted too).';
  END CASE;
END $$;
COMMENT ON FUNCTION soc_version(text) IS
  'The canonical name of a classification version: 2018 (or soc2018), 2010 (or soc2010), onet2019, onet2010; 22023 for any other name.';

CREATE FUNCTION soc_title(code soccode, version text DEFAULT '2018') RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, roleext, pg_temp AS $$
BEGIN
  CASE roleext.soc_version(version)
    WHEN '2018' THEN
      RETURN (SELECT s.title FROM roleext.soc2018_code s WHERE s.code OPERATOR(roleext.=) soc_title.code);
    WHEN '2010' THEN
      RETURN (SELECT s.title FROM roleext.soc2010_code s WHERE s.code OPERATOR(roleext.=) soc_title.code);
    WHEN 'onet2019' THEN
      RETURN (SELECT o.title FROM roleext.onet2019_occupation o WHERE o.code OPERATOR(roleext.=) soc_title.code);
    ELSE
      RETURN (SELECT min(x.onet2010_title) FROM roleext.crosswalk_onet2010_onet2019 x
               WHERE x.onet2010 = soc_title.code::text);
  END CASE;
END $$;
COMMENT ON FUNCTION soc_title(soccode, text) IS
  'The title of a code in a classification version (default 2018; also 2010, onet2019, onet2010): soc_title(''15-1252'') = ''Software Developers''; null when the version has no such code; 22023 for an unknown version.';

-- Crosswalks.  The versions form a chain, 2010 - 2018 - onet2019 - onet2010,
-- and a walk between two versions takes every step between them.

CREATE FUNCTION soc_crosswalk(code soccode, from_version text, to_version text)
RETURNS SETOF soccode
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE ROWS 4
SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  chain constant text[] := ARRAY['2010', '2018', 'onet2019', 'onet2010'];
  a int := array_position(chain, roleext.soc_version(from_version));
  b int := array_position(chain, roleext.soc_version(to_version));
  codes roleext.soccode[];
  i int;
BEGIN
  -- the code itself, if its version has it
  CASE chain[a]
    WHEN '2010' THEN
      codes := ARRAY(SELECT s.code FROM roleext.soc2010_code s WHERE s.code OPERATOR(roleext.=) soc_crosswalk.code);
    WHEN '2018' THEN
      codes := ARRAY(SELECT s.code FROM roleext.soc2018_code s WHERE s.code OPERATOR(roleext.=) soc_crosswalk.code);
    WHEN 'onet2019' THEN
      codes := ARRAY(SELECT o.code FROM roleext.onet2019_occupation o WHERE o.code OPERATOR(roleext.=) soc_crosswalk.code);
    ELSE
      NULL;
  END CASE;
  IF a = 4 THEN
    -- O*NET-SOC 2010 codes are text in their table; step to onet2019 now
    IF b = 4 THEN
      RETURN QUERY SELECT soc_crosswalk.code WHERE EXISTS
        (SELECT FROM roleext.crosswalk_onet2010_onet2019 x WHERE x.onet2010 = soc_crosswalk.code::text);
      RETURN;
    END IF;
    codes := ARRAY(SELECT DISTINCT x.onet2019 FROM roleext.crosswalk_onet2010_onet2019 x
                    WHERE x.onet2010 = soc_crosswalk.code::text);
    a := 3;
  END IF;
  i := a;
  WHILE i <> b LOOP
    IF i < b THEN
      CASE i
        WHEN 1 THEN codes := ARRAY(SELECT DISTINCT x.soc2018 FROM roleext.crosswalk_soc2010_soc2018 x
                                    WHERE x.soc2010 OPERATOR(roleext.=) ANY (codes));
        WHEN 2 THEN codes := ARRAY(SELECT DISTINCT x.onet2019 FROM roleext.crosswalk_onet2019_soc2018 x
                                    WHERE x.soc2018 OPERATOR(roleext.=) ANY (codes));
        ELSE
          -- to O*NET-SOC 2010, the end of the chain; 19-1020.01 is not a soccode
          RETURN QUERY SELECT DISTINCT x.onet2010::roleext.soccode FROM roleext.crosswalk_onet2010_onet2019 x
                        WHERE x.onet2019 OPERATOR(roleext.=) ANY (codes)
                          AND x.onet2010 !~ '^[0-9]{2}-[0-9]{3}0\.'
                        ORDER BY 1;
          RETURN;
      END CASE;
      i := i + 1;
    ELSE
      CASE i
        WHEN 2 THEN codes := ARRAY(SELECT DISTINCT x.soc2010 FROM roleext.crosswalk_soc2010_soc2018 x
                                    WHERE x.soc2018 OPERATOR(roleext.=) ANY (codes));
        ELSE codes := ARRAY(SELECT DISTINCT x.soc2018 FROM roleext.crosswalk_onet2019_soc2018 x
                             WHERE x.onet2019 OPERATOR(roleext.=) ANY (codes));
      END CASE;
      i := i - 1;
    END IF;
  END LOOP;
  RETURN QUERY SELECT DISTINCT c FROM unnest(codes) c ORDER BY 1;
END $$;
COMMENT ON FUNCTION soc_crosswalk(soccode, text, text) IS
  'The codes of to_version that a code of from_version maps to, in code order. Versions: 2010, 2018, onet2019, onet2010, walked along the chain 2010 - 2018 - onet2019 - onet2010 (2010 to onet2019 goes through 2018). Crosswalks join occupations, not groups: a group code gives no rows. 22023 for an unknown version.';

CREATE FUNCTION soc_to_isco08(code soccode, version text DEFAULT '2018') RETURNS SETOF text
LANGUAGE sql STABLE STRICT PARALLEL SAFE ROWS 4
BEGIN ATOMIC
  SELECT DISTINCT i.isco08
  FROM roleext.soc_crosswalk(soc_to_isco08.code, soc_to_isco08.version, '2010') c
  JOIN roleext.crosswalk_isco08_soc2010 i ON i.soc2010 OPERATOR(roleext.=) c
  ORDER BY 1;
END;
COMMENT ON FUNCTION soc_to_isco08(soccode, text) IS
  'The ISCO-08 codes a SOC code of a version (default 2018, as soc_from_isco08; also 2010, onet2019, onet2010) maps to through the BLS ISCO-08 / SOC 2010 crosswalk; a code of a version other than 2010 is first walked to SOC 2010 with soc_crosswalk. 22023 for an unknown version.';

CREATE FUNCTION soc_from_isco08(isco08 text, version text DEFAULT '2018') RETURNS SETOF soccode
LANGUAGE sql STABLE STRICT PARALLEL SAFE ROWS 4
BEGIN ATOMIC
  SELECT DISTINCT c
  FROM roleext.crosswalk_isco08_soc2010 i,
       roleext.soc_crosswalk(i.soc2010, '2010', soc_from_isco08.version) c
  WHERE i.isco08 = btrim(soc_from_isco08.isco08)
  ORDER BY 1;
END;
COMMENT ON FUNCTION soc_from_isco08(text, text) IS
  'The SOC codes of a version (default 2018; also 2010, onet2019, onet2010) that an ISCO-08 code maps to, through the BLS ISCO-08 / SOC 2010 crosswalk and then soc_crosswalk. 22023 for an unknown version.';

-- Is a code an official one?  soccode checks the form of a code (its major
-- group, its level's digits), not that the BLS or O*NET published it:
-- '15-9999'::soccode is well formed, and no occupation.  This function
-- answers from the reference tables.
CREATE FUNCTION soc_is_official(code soccode, version text DEFAULT '2018') RETURNS boolean
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, roleext, pg_temp AS $$
BEGIN
  CASE roleext.soc_version(version)
    WHEN '2018' THEN
      RETURN EXISTS (SELECT FROM roleext.soc2018_code s WHERE s.code OPERATOR(roleext.=) soc_is_official.code);
    WHEN '2010' THEN
      RETURN EXISTS (SELECT FROM roleext.soc2010_code s WHERE s.code OPERATOR(roleext.=) soc_is_official.code);
    WHEN 'onet2019' THEN
      RETURN EXISTS (SELECT FROM roleext.onet2019_occupation o WHERE o.code OPERATOR(roleext.=) soc_is_official.code);
    ELSE
      RETURN EXISTS (SELECT FROM roleext.crosswalk_onet2010_onet2019 x WHERE x.onet2010 = soc_is_official.code::text);
  END CASE;
END $$;
COMMENT ON FUNCTION soc_is_official(soccode, text) IS
  'True when a well-formed code is one the classification version published (default 2018; also 2010, onet2019, onet2010): soc_is_official(''15-1252'') is true, soc_is_official(''15-9999'') false although ''15-9999''::soccode is accepted (the type checks the form, not the list). SOC 2010 holds detailed occupations only. 22023 for an unknown version.';

-- BI drill-down: every SOC 2018 code and every O*NET-SOC 2019 occupation
-- with the code and title of each group above it.  The rule is written once,
-- in the internal view soc_hierarchy_internal (soccode columns); the view
-- soc_hierarchy casts it to standard types, so that a filter on it reaches
-- the tables' indexes, and the typed twin soc_hierarchy() selects from it
-- for SQL that wants the types (doc/views.md).

CREATE VIEW soc_hierarchy_internal AS
SELECT c.code, c.level, c.title,
       ma.code AS major_code, ma.title AS major_title,
       mi.code AS minor_code, mi.title AS minor_title,
       br.code AS broad_code, br.title AS broad_title,
       de.code AS detailed_code, de.title AS detailed_title,
       CASE WHEN c.level = 'onet' THEN c.code END AS onet_code,
       CASE WHEN c.level = 'onet' THEN c.title END AS onet_title
FROM (SELECT s.code, s.level, s.title FROM roleext.soc2018_code s
      UNION ALL
      SELECT o.code, 'onet', o.title FROM roleext.onet2019_occupation o) c
LEFT JOIN roleext.soc2018_code ma ON ma.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'major')
LEFT JOIN roleext.soc2018_code mi ON mi.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'minor')
LEFT JOIN roleext.soc2018_code br ON br.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'broad')
LEFT JOIN roleext.soc2018_code de ON de.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'detailed');
COMMENT ON VIEW soc_hierarchy_internal IS
  'Internal to the views soc_hierarchy and role_soc and the twin soc_hierarchy(): the one definition of the SOC 2018 drill-down (each SOC 2018 code and O*NET-SOC 2019 occupation with its major, minor, broad and detailed groups), in roleext''s types. Read the view soc_hierarchy (standard SQL types) or the function soc_hierarchy() instead; this view''s name and columns may change in any version.';
COMMENT ON COLUMN soc_hierarchy_internal.code IS 'The SOC 2018 or O*NET-SOC 2019 code of the row (soccode).';
COMMENT ON COLUMN soc_hierarchy_internal.level IS 'major, minor, broad, detailed or onet.';
COMMENT ON COLUMN soc_hierarchy_internal.title IS 'The title of the row''s code.';
COMMENT ON COLUMN soc_hierarchy_internal.major_code IS 'The major group (soccode).';
COMMENT ON COLUMN soc_hierarchy_internal.major_title IS 'The title of the major group.';
COMMENT ON COLUMN soc_hierarchy_internal.minor_code IS 'The minor group (soccode); null for a major group.';
COMMENT ON COLUMN soc_hierarchy_internal.minor_title IS 'The title of the minor group.';
COMMENT ON COLUMN soc_hierarchy_internal.broad_code IS 'The broad group (soccode); null above the broad level.';
COMMENT ON COLUMN soc_hierarchy_internal.broad_title IS 'The title of the broad group.';
COMMENT ON COLUMN soc_hierarchy_internal.detailed_code IS 'The detailed occupation (soccode); null above the detailed level.';
COMMENT ON COLUMN soc_hierarchy_internal.detailed_title IS 'The title of the detailed occupation.';
COMMENT ON COLUMN soc_hierarchy_internal.onet_code IS 'The O*NET-SOC 2019 occupation (soccode); set on onet rows only.';
COMMENT ON COLUMN soc_hierarchy_internal.onet_title IS 'The title of the O*NET-SOC 2019 occupation.';

CREATE FUNCTION soc_hierarchy()
RETURNS TABLE (code soccode, level text, title text,
               major_code soccode, major_title text, minor_code soccode, minor_title text,
               broad_code soccode, broad_title text, detailed_code soccode, detailed_title text,
               onet_code soccode, onet_title text)
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, roleext, pg_temp
BEGIN ATOMIC
  SELECT h.code, h.level, h.title, h.major_code, h.major_title, h.minor_code, h.minor_title,
         h.broad_code, h.broad_title, h.detailed_code, h.detailed_title, h.onet_code, h.onet_title
  FROM roleext.soc_hierarchy_internal h;
END;
COMMENT ON FUNCTION soc_hierarchy() IS
  'Typed twin of view soc_hierarchy: every SOC 2018 code and O*NET-SOC 2019 occupation with its major, minor, broad and detailed groups as soccodes. Not inlined (a SET clause), so that Citus can plan it over its reference tables; it returns every row, and the view of the same name is the one a filter reaches the indexes through.';

CREATE VIEW soc_hierarchy AS
SELECT h.code::text AS code, h.level, h.title,
       h.major_code::text AS major_code, h.major_title,
       h.minor_code::text AS minor_code, h.minor_title,
       h.broad_code::text AS broad_code, h.broad_title,
       h.detailed_code::text AS detailed_code, h.detailed_title,
       h.onet_code::text AS onet_code, h.onet_title
FROM roleext.soc_hierarchy_internal h;
COMMENT ON VIEW soc_hierarchy IS
  'BI drill-down over SOC 2018: one row per SOC 2018 code (1447) and per O*NET-SOC 2019 occupation (1016, level onet), with the code and title of its major, minor, broad and detailed group (the row''s own level included; null below it). Standard SQL types: codes are text (15-1252); the typed twin is the function soc_hierarchy().';
COMMENT ON COLUMN soc_hierarchy.code IS 'The SOC 2018 or O*NET-SOC 2019 code of the row.';
COMMENT ON COLUMN soc_hierarchy.level IS 'major, minor, broad, detailed or onet.';
COMMENT ON COLUMN soc_hierarchy.title IS 'The title of the row''s code.';
COMMENT ON COLUMN soc_hierarchy.major_code IS 'The major group, such as 15-0000.';
COMMENT ON COLUMN soc_hierarchy.major_title IS 'The title of the major group.';
COMMENT ON COLUMN soc_hierarchy.minor_code IS 'The minor group, such as 15-1200; null for a major group.';
COMMENT ON COLUMN soc_hierarchy.minor_title IS 'The title of the minor group.';
COMMENT ON COLUMN soc_hierarchy.broad_code IS 'The broad group, such as 15-1250; null above the broad level.';
COMMENT ON COLUMN soc_hierarchy.broad_title IS 'The title of the broad group.';
COMMENT ON COLUMN soc_hierarchy.detailed_code IS 'The detailed occupation, such as 15-1252; null above the detailed level.';
COMMENT ON COLUMN soc_hierarchy.detailed_title IS 'The title of the detailed occupation.';
COMMENT ON COLUMN soc_hierarchy.onet_code IS 'The O*NET-SOC 2019 occupation, such as 15-1252.00; set on onet rows only.';
COMMENT ON COLUMN soc_hierarchy.onet_title IS 'The title of the O*NET-SOC 2019 occupation.';
