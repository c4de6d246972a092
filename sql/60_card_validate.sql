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

-- Every problem of a batch of role cards (a JSON array of card documents,
-- as import_role_cards reads it).  Paths start with the card's index in the
-- array, from 0: [3].components.skills[0].name.  A card may name a node that
-- another card of the batch defines in its taxonomy chain, as it could if
-- the cards were imported one by one; a chain may start below the top at a
-- node that exists or that another card of the batch places under a parent.
CREATE FUNCTION validate_role_cards(cards jsonb)
RETURNS TABLE (path text, problem text, detail text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  WITH c AS MATERIALIZED (
         SELECT e.o - 1 AS i, e.x AS card
         FROM jsonb_array_elements(CASE WHEN jsonb_typeof(cards) = 'array' THEN cards ELSE '[]' END)
              WITH ORDINALITY e(x, o)),
       p AS MATERIALIZED (
         SELECT c.i, q.n, q.path, q.problem, q.detail, q.lookup, q.key
         FROM c, roleext.card_problems(c.card) WITH ORDINALITY q(path, problem, detail, lookup, key, n)),
       -- the nodes the chains of the structurally sound cards hold, and
       -- whether some card places the node under a parent.  (The IN
       -- subqueries here and below are hashed: no plan may scan the batch
       -- once per card.)
       batch_node AS MATERIALIZED (
         SELECT (t.x->>'code')::roleext.rolecode AS code, bool_or(t.o > 1) AS placed
         FROM c, jsonb_array_elements(CASE WHEN jsonb_typeof(c.card->'taxonomy') = 'array'
                                           THEN c.card->'taxonomy' ELSE '[]' END) WITH ORDINALITY t(x, o)
         WHERE c.i NOT IN (SELECT p.i FROM p WHERE p.lookup IS NULL)
         GROUP BY 1)
  SELECT q.path, q.problem, q.detail
  FROM (SELECT -1::int8, 1, 0::int8, '$',
               'expected an array, got ' || coalesce(jsonb_typeof(cards), 'missing'),
               'A batch of role cards is a JSON array of role card objects.'
         WHERE jsonb_typeof(cards) IS DISTINCT FROM 'array'
        UNION ALL
        SELECT p.i, CASE WHEN p.lookup IS NULL THEN 2 ELSE 3 END, p.n,
               '[' || p.i || ']' || CASE WHEN p.path = '$' THEN '' ELSE '.' || p.path END, p.problem, p.detail
          FROM p
         WHERE p.lookup IS NULL OR NOT CASE p.lookup
                 WHEN 'level' THEN EXISTS (SELECT FROM roleext.level x WHERE x.code = p.key::roleext.rolelevel)
                 WHEN 'taxonomy' THEN EXISTS (SELECT FROM roleext.taxonomy x WHERE x.code = p.key::roleext.rolecode)
                                      OR CASE WHEN p.path LIKE 'taxonomy[%'
                                              THEN p.key::roleext.rolecode IN (SELECT b.code FROM batch_node b WHERE b.placed)
                                              ELSE p.key::roleext.rolecode IN (SELECT b.code FROM batch_node b) END
                 WHEN 'soc2018' THEN EXISTS (SELECT FROM roleext.soc2018_code x WHERE x.code = p.key::roleext.soccode)
                 WHEN 'onet2019' THEN EXISTS (SELECT FROM roleext.onet2019_occupation x WHERE x.code = p.key::roleext.soccode)
                 WHEN 'soc2010' THEN EXISTS (SELECT FROM roleext.soc2010_code x WHERE x.code = p.key::roleext.soccode)
               END) q(i, part, n, path, problem, detail)
  ORDER BY q.i, q.part, q.n;
END;
COMMENT ON FUNCTION validate_role_cards(jsonb) IS
  'Every problem of a batch of role cards (a JSON array of card documents) as (path, problem, detail), card by card; paths start with the card''s index from 0, e.g. [3].components.skills[0].name. No rows when import_role_cards would accept the batch. A card may rely on nodes another card of the batch defines.';
