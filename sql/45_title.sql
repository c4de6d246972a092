-- Job titles: normalization, level inference and level claims for HRIS titles
-- (doc/titles.md).  Pure functions of their argument: no table, setting or
-- locale is read, so they are IMMUTABLE and safe in parallel workers,
-- indexes and generated columns.

CREATE FUNCTION title_normalize(title text) RETURNS text
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION title_normalize(text) IS
  'The words of a job title without its level and noise: lower case, accents folded, punctuation gone, abbreviations expanded, work arrangements, contract terms, requisition numbers and a trailing location removed: title_normalize(''Sr. DevOps Eng II (Remote)'') = ''devops engineer''. Invalid UTF-8 raises 22021.';

CREATE FUNCTION title_level(title text) RETURNS rolelevel
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION title_level(text) IS
  'The level a job title names, or NULL: title_level(''Sr. DevOps Eng II (Remote)'') = ''P3'', title_level(''Senior Director'') = ''M5'', title_level(''SVP Sales'') = ''E2''. Rules in doc/titles.md.';

CREATE FUNCTION title_parse(title text, OUT normalized text, OUT level rolelevel)
  RETURNS record
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION title_parse(text) IS
  'title_normalize and title_level of a job title from one pass: SELECT * FROM title_parse(''Jr Site Reliability Engr'') gives (''site reliability engineer'', ''P1'').';

CREATE FUNCTION title_level_words(title text) RETURNS rolelevel
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION title_level_words(text) IS
  'The level a job title''s level words name beyond its job words, or NULL: title_level when it differs from the level of the normalized title alone, else the grade of its grade words. title_level_words(''Senior Customer Success Manager'') = ''M3'', title_level_words(''Customer Success Manager III'') = ''P3'', title_level_words(''Customer Success Manager'') IS NULL (manager is part of the job). resolve_title compares it between a title and the names of roles; the base is read from the first 256 bytes of the normalized title (its job phrase).';
