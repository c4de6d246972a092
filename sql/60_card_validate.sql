-- Role cards as JSON, part 1: validate_role_card().
-- (import_role_card and role_card_json are in 61_card_import.sql.)  The document format is specified in doc/role-card.md
-- and doc/role-card.schema.json.
--
-- The structure of a card is checked in C (src/card.c) in one walk over the
-- jsonb, without input functions or subtransactions; only the checks that
-- need a table are made here.

CREATE FUNCTION card_problems(card jsonb)
RETURNS TABLE (path text, problem text, detail text, lookup text, key text)
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
  ROWS 2;  -- a good card has none: keeps the lookups below index probes, not hashed subplans
COMMENT ON FUNCTION card_problems(jsonb) IS
  'Internal to role card validation: the problems of a card document in document order. lookup and key are null for a problem of the document alone; otherwise the problem holds unless key (a canonical code) is in the table lookup names: level, taxonomy, soc2018, onet2019 or soc2010.';

-- Every problem of a role card document: first those of its structure, in
-- document order, then those that depend on the database (an unknown level,
-- a missing node, a SOC code its scheme does not have), in document order.
-- Empty when the card can be imported.
CREATE FUNCTION validate_role_card(card jsonb)
RETURNS TABLE (path text, problem text, detail text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT q.path, q.problem, q.detail
  FROM (SELECT 1, 0::int8, '$', 'expected an object, got missing',
               'A role card is a JSON object with at least a code and a title.'
         WHERE card IS NULL
        UNION ALL
        SELECT CASE WHEN p.lookup IS NULL THEN 2 ELSE 3 END, p.n, p.path, p.problem, p.detail
          FROM roleext.card_problems(card) WITH ORDINALITY p(path, problem, detail, lookup, key, n)
         WHERE p.lookup IS NULL OR NOT CASE p.lookup
                 WHEN 'level' THEN EXISTS (SELECT FROM roleext.level x WHERE x.code = p.key::roleext.rolelevel)
                 WHEN 'taxonomy' THEN EXISTS (SELECT FROM roleext.taxonomy x WHERE x.code = p.key::roleext.rolecode)
                 WHEN 'soc2018' THEN EXISTS (SELECT FROM roleext.soc2018_code x WHERE x.code = p.key::roleext.soccode)
                 WHEN 'onet2019' THEN EXISTS (SELECT FROM roleext.onet2019_occupation x WHERE x.code = p.key::roleext.soccode)
                 WHEN 'soc2010' THEN EXISTS (SELECT FROM roleext.soc2010_code x WHERE x.code = p.key::roleext.soccode)
               END) q(part, n, path, problem, detail)
  ORDER BY q.part, q.n;
END;
COMMENT ON FUNCTION validate_role_card(jsonb) IS
  'Every problem of a role card document as (path, problem, detail): structural problems first, in document order, then those that depend on the database; no rows when import_role_card would accept it. Paths look like components.skills[3].name (arrays count from 0).';
