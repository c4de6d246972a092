-- Role cards as JSON, part 1: reading a document, and validate_role_card().
-- (import_role_card and role_card_json are in 61_card_import.sql.)  The
-- document format is specified in doc/role-card.md and
-- doc/role-card.schema.json.
--
-- A document (one card, or a JSON array of cards) is read once, in C
-- (src/card_*.c): card_parse walks it without input functions or
-- subtransactions and returns its problems and the rows an import writes,
-- typed.  Only the checks that need a table are made here (card_holding).

-- What card_parse returns ------------------------------------------------------

CREATE TYPE card_problem AS (card int4, path text, problem text, detail text,
                             lookup text, level rolelevel, node rolecode, soc soccode);
COMMENT ON TYPE card_problem IS
  'Internal to role cards: a problem of a document. card is the card''s index (-1 for the batch); path as users see it. lookup is null for a problem of the document alone; otherwise the problem holds unless the table it names (level, taxonomy, soc2018, onet2019, soc2010) has the key in level, node or soc.';

CREATE TYPE card_node AS (card int4, path text, code rolecode, kind node_kind, name text,
                          placed boolean, parent rolecode, has_description boolean, description text);
COMMENT ON TYPE card_node IS
  'Internal to role cards: a taxonomy node as the cards of a document leave it: the kind and name of its last mention (card, path), the parent of the last mention that places it under one (placed), the description of the last mention that has the member (has_description).';

CREATE TYPE card_role AS (code rolecode, title text, summary text, story_who text, story_external_problem text,
                          story_internal_problem text, story_why_it_matters text, story_plan text[],
                          story_stakes text, story_success text);
COMMENT ON TYPE card_role IS 'Internal to role cards: the role row of the last card of a code (the columns of table role an import writes, in its order).';

CREATE TYPE card_component AS (role rolecode, kind component_kind, name text, prevalence component_prevalence,
                               scope component_scope, "position" int4, description text);
COMMENT ON TYPE card_component IS
  'Internal to role cards: a component of a role (role set), or of the catalogue (role, prevalence and scope null; the last description given).';

CREATE TYPE card_alias AS (role rolecode, alias text, alias_type alias_type, confidence confidence,
                           approved boolean, approved_by text, approved_at timestamptz);
COMMENT ON TYPE card_alias IS 'Internal to role cards: an alias of a role, defaults applied.';

CREATE TYPE card_mapping AS (role rolecode, node rolecode, scheme mapping_scheme, soc soccode, isco08 text,
                             source mapping_source, review_status review_status, confidence confidence,
                             reviewer text, reviewed_at timestamptz, note text);
COMMENT ON TYPE card_mapping IS 'Internal to role cards: a mapping of a role or of a node, the code typed, defaults applied.';

CREATE TYPE card_batch AS (problems card_problem[], codes rolecode[], nodes card_node[], roles card_role[],
                           catalogue card_component[], components card_component[], aliases card_alias[],
                           mappings card_mapping[]);
COMMENT ON TYPE card_batch IS
  'Internal to role cards: a document read once (card_parse): its problems; when it has none of its own, each card''s code and the merged nodes; with rows, what the import writes: roles, the component catalogue, the roles'' components, aliases and mappings. Nodes, catalogue, roles and node mappings come sorted by key: the order the import locks them in.';

-- Reading a document -------------------------------------------------------------

CREATE FUNCTION card_parse(doc jsonb, single boolean, rows boolean) RETURNS card_batch
  AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION card_parse(jsonb, boolean, boolean) IS
  'Internal to role cards: read a card (single) or a JSON array of cards once, in document order, without raising an error for any document: its problems (paths with the card''s index in front for a batch) and, when it has none of its own, its codes and merged nodes and, with rows, the rows an import writes. STABLE: times are read under the session''s settings.';

-- The problems of a parsed document that hold, card by card: those of the
-- document itself, in document order; then those that depend on the
-- database (an unknown level, a missing node, a SOC code its scheme does
-- not have), in document order; then those of the taxonomy the import
-- would leave, where the document's nodes meet the database's (a node whose
-- kind or parent changes must still sit where the taxonomy rules let it, and
-- so must the children it has), by the node's code.  Each lookup is one
-- index probe (OFFSET 0 keeps the planner from hashing a whole reference
-- table instead), whatever the tables' statistics say.
--
-- An inlinable SQL function, the fast path on one node.  Citus cannot plan
-- an inlined SQL function over its tables (doc/citus.md), so its callers
-- call it in a select list where it must run on Citus: there it is never
-- inlined, and Citus plans its body.
CREATE FUNCTION card_holding(b card_batch) RETURNS SETOF card_problem
  LANGUAGE sql STABLE PARALLEL SAFE
  ROWS 2  -- a good card has none
BEGIN ATOMIC
  WITH node AS MATERIALIZED (
    SELECT n.card, n.path, n.code, n.kind, n.o,
           CASE WHEN n.placed THEN n.parent ELSE old.parent END AS parent,
           old.code IS NOT NULL AS existed, old.kind AS old_kind, old.parent AS old_parent
    FROM unnest(b.nodes) WITH ORDINALITY n(card, path, code, kind, name, placed, parent, has_description, description, o)
    LEFT JOIN LATERAL (SELECT t.code, t.kind, t.parent FROM roleext.taxonomy t WHERE t.code = n.code OFFSET 0) old ON true),
  -- (a new node at the top is the lookup of a chain's first node above)
  moved AS (
    SELECT x.* FROM node x
    WHERE CASE WHEN x.existed THEN x.old_kind <> x.kind
                                   OR NOT coalesce(x.old_parent OPERATOR(roleext.=) x.parent,
                                                   x.old_parent IS NULL AND x.parent IS NULL)
               ELSE x.parent IS NOT NULL END)
  SELECT q.card, q.path, q.problem, q.detail, q.lookup, q.level, q.node, q.soc
  FROM (SELECT p.card, CASE WHEN p.lookup IS NULL THEN 1 ELSE 2 END AS part, p.n, p.path, p.problem, p.detail,
               p.lookup, p.level, p.node, p.soc
        FROM unnest(b.problems) WITH ORDINALITY p(card, path, problem, detail, lookup, level, node, soc, n)
        WHERE p.lookup IS NULL OR NOT CASE p.lookup
                WHEN 'level' THEN EXISTS (SELECT FROM roleext.level x WHERE x.code = p.level OFFSET 0)
                WHEN 'taxonomy' THEN EXISTS (SELECT FROM roleext.taxonomy x WHERE x.code = p.node OFFSET 0)
                WHEN 'soc2018' THEN EXISTS (SELECT FROM roleext.soc2018_code x WHERE x.code = p.soc OFFSET 0)
                WHEN 'onet2019' THEN EXISTS (SELECT FROM roleext.onet2019_occupation x WHERE x.code = p.soc OFFSET 0)
                WHEN 'soc2010' THEN EXISTS (SELECT FROM roleext.soc2010_code x WHERE x.code = p.soc OFFSET 0)
              END
        UNION ALL
        -- a node the document adds, moves or gives another kind, under its
        -- parent as the document leaves it
        SELECT x.card, 3, x.o, x.path || '.kind', f.problem, f.detail, NULL, NULL, NULL, NULL
        FROM moved x
        LEFT JOIN node pn ON pn.code = x.parent
        LEFT JOIN LATERAL (SELECT t.kind FROM roleext.taxonomy t WHERE t.code = x.parent OFFSET 0) pt ON true
        CROSS JOIN LATERAL roleext.card_node_problem(x.code, x.kind, x.parent, coalesce(pn.kind, pt.kind), false) f
        WHERE f.problem IS NOT NULL
        UNION ALL
        -- the children a node has in the database, when it changes its kind
        -- and they stay under it
        SELECT x.card, 3, x.o, x.path || '.kind', f.problem, f.detail, NULL, NULL, NULL, NULL
        FROM moved x
        CROSS JOIN LATERAL (SELECT c.code, c.kind FROM roleext.taxonomy c WHERE c.parent = x.code OFFSET 0) c
        LEFT JOIN node cn ON cn.code = c.code
        CROSS JOIN LATERAL roleext.card_node_problem(c.code, coalesce(cn.kind, c.kind), x.code, x.kind, true) f
        WHERE x.existed AND x.old_kind <> x.kind AND (cn.code IS NULL OR cn.parent = x.code)
          AND f.problem IS NOT NULL) q
  ORDER BY q.card, q.part, q.n, q.problem;
END;
COMMENT ON FUNCTION card_holding(card_batch) IS
  'Internal to role cards: the problems of a parsed document that hold, in the order validation lists them: card by card, those of the document first, then those that depend on the database, then those of the taxonomy the import would leave.';

-- Validation ---------------------------------------------------------------------
-- (The parsed document is a FROM item, read once; card_holding is called in
-- the select list, not inlined, so that Citus can plan it: doc/citus.md.  A
-- subquery with a set-returning function in its select list is never
-- pulled up, so the function runs once per document.)

-- Every problem of a role card document.  Empty when import_role_card
-- accepts it.
CREATE FUNCTION validate_role_card(card jsonb)
RETURNS TABLE (path text, problem text, detail text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT (h.p).path, (h.p).problem, (h.p).detail
    FROM roleext.card_parse(card, true, false) b, LATERAL (SELECT roleext.card_holding(b) AS p) h;
END;
COMMENT ON FUNCTION validate_role_card(jsonb) IS
  'Every problem of a role card document as (path, problem, detail): structural problems first, in document order, then those that depend on the database; no rows when import_role_card would accept it. Paths look like components.skills[3].name (arrays count from 0). The batch validator of one card (validate_role_cards) with paths that leave out the [0].';

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
  SELECT (h.p).path, (h.p).problem, (h.p).detail
    FROM roleext.card_parse(cards, false, false) b, LATERAL (SELECT roleext.card_holding(b) AS p) h;
END;
COMMENT ON FUNCTION validate_role_cards(jsonb) IS
  'Every problem of a batch of role cards (a JSON array of card documents) as (path, problem, detail), card by card; paths start with the card''s index from 0, e.g. [3].components.skills[0].name. No rows when import_role_cards would accept the batch. A card may rely on nodes another card of the batch defines.';
