-- Role cards as JSON, part 2: import_role_card(s) and role_card_json().
-- The document format is specified in doc/role-card.md.

-- The one importer.  A document (a card when single, else a JSON array of
-- cards) is read once by card_parse, which gives its problems and, typed,
-- the rows its cards leave when imported one by one, in order; the first
-- problem that holds raises 22023 naming its path, and nothing is written.
-- Then the rows are written, skipping what is already as the cards say, so
-- that importing the same document again writes nothing:
--   - the taxonomy nodes and node mappings, when any differs;
--   - the component catalogue and the roles that are new, with their
--     components, aliases and mappings (plain inserts: nobody else can
--     have rows of a role this import inserts);
--   - when some role already exists, its row and its lists.
--
-- Lock order.  Imports of overlapping cards, one by one or in batches, in
-- any number of sessions, never deadlock each other, because every import
-- takes its locks in one global order:
--   0. an advisory lock on the taxonomy's shape: shared, or exclusive when
--      the document moves a node to another parent (a move rewrites the
--      coordinates of every role below the node, rows no order could
--      foresee, so moves run alone);
--   1. taxonomy nodes, by code;
--   2. node mappings, by node, scheme and code;
--   3. catalogue components, by kind and name;
--   4. new roles, inserted by code (waiting only on another import that
--      inserts the same new role); then
--   5. existing roles, locked by code (waiting only on another import that
--      holds the same role's lock);
-- and then each role's components, aliases and mappings, rows only an import
-- holding the role's lock (or its uncommitted insert) writes, which never
-- wait on another import.  card_parse returns every row set sorted by its
-- key, and each step writes in that order (ORDER BY the position in the
-- array, or the role code, which sorts the same: byte order); within a
-- statement a step starts when the one before it has finished (its one-time
-- filter reads the result of the one before).  Rows already as the cards say
-- are left alone and not locked (WHERE NOT EXISTS an equal row), except
-- existing roles, whose lock guards their lists.  An import waiting at step
-- k holds locks of steps <= k only, and at step k only on keys below the one
-- it waits for, so no two imports can wait on each other.  Foreign-key
-- checks take KEY SHARE locks, which no step conflicts with: imports never
-- delete or re-key taxonomy nodes, components or roles.
--
-- Plans.  The importer reaches every existing row by its key: one index
-- probe per row of the document (OFFSET 0 keeps a lookup a parameterized
-- subquery), and never scans a whole table (enable_seqscan = off while it
-- plans: the roles' own rows are found through the index on their role),
-- so that a plan stays right however much the tables have grown since it
-- was made, even within one transaction that imports cards into empty
-- tables; and the cards' own rows are matched in hashed NOT IN subplans, so
-- that no plan depends on how many rows a document has.  So the statements
-- are planned once per session (generic plans): planning them again for
-- each card would cost more than running them.  (JIT is off: these are
-- small statements, and a plan with a disabled seq scan in it, as some
-- trigger's may have, would otherwise be compiled for every card.)
--
-- Citus (doc/citus.md) sends a write of a reference table to every node as
-- text, in which IS [NOT] DISTINCT FROM and a row's IN print no operator
-- schema: there the codes and confidences are compared as their canonical
-- text (equal exactly when the values are), so that every operator is
-- pg_catalog's.
--
-- One function of some 250 lines, on purpose: its steps are one sequence of
-- statements whose order is the lock order, and they share its variables
-- (the parsed document, the roles it inserted) and its plan cache; each
-- step is a commented section.
CREATE FUNCTION import_role_cards(cards jsonb, single boolean) RETURNS SETOF rolecode
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SET search_path = pg_catalog, roleext, pg_temp SET enable_seqscan = off SET jit = off
  SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  b roleext.card_batch;
  bad_path text;
  bad_problem text;
  bad_detail text;
  moving boolean;      -- the document moves a node to another parent
  changed boolean;     -- a node or a node mapping differs from the document
  fresh roleext.rolecode[];  -- the roles this import inserted
  written int8;        -- rows a statement wrote (not used)
  each_code roleext.rolecode;
  citus boolean;       -- the taxonomy is a Citus table (doc/citus.md)
BEGIN
  -- Citus plans a statement over its tables with the parameters' values,
  -- and cannot make a generic plan of these: on a Citus cluster (the
  -- taxonomy a reference table, doc/citus.md) the statements are planned
  -- as PostgreSQL chooses; the SET clause restores the setting on return.
  citus := roleext.table_here('roleext.role') OPERATOR(pg_catalog.<>) 'roleext.role'::pg_catalog.regclass;
  IF citus THEN
    PERFORM pg_catalog.set_config('plan_cache_mode', 'auto', true);
  END IF;
  b := roleext.card_parse(cards, single, true);

  -- The first problem that holds, if any; whether the document moves a
  -- node, and whether a node or a node mapping differs.  Read before
  -- locking: once the shared lock is held no move can start, and the
  -- taxonomy upsert changes a parent only under the exclusive one.
  -- (card_holding inlined on one node; on Citus, which cannot plan it
  -- inlined, called in the select list)
  IF citus THEN
    SELECT (h.p).path, (h.p).problem, (h.p).detail INTO bad_path, bad_problem, bad_detail
      FROM (SELECT roleext.card_holding(b) AS p OFFSET 0) h LIMIT 1;
  ELSE
    SELECT h.path, h.problem, h.detail INTO bad_path, bad_problem, bad_detail
      FROM roleext.card_holding(b) h LIMIT 1;
  END IF;
  SELECT coalesce(x.moving, false), coalesce(x.changed OR y.changed, false)
    INTO moving, changed
    FROM (SELECT bool_or(t.code IS NOT NULL AND n.placed AND t.parent::text IS DISTINCT FROM n.parent::text) AS moving,
                 bool_or(t.code IS NULL OR t.kind <> n.kind OR t.name <> n.name
                         OR (n.placed AND t.parent::text IS DISTINCT FROM n.parent::text)
                         OR (n.has_description AND t.description IS DISTINCT FROM n.description)) AS changed
          FROM unnest(b.nodes) n
          LEFT JOIN LATERAL (SELECT t.* FROM roleext.taxonomy t WHERE t.code = n.code OFFSET 0) t ON true) x,
         (SELECT bool_or(NOT EXISTS (SELECT FROM roleext.mapping m
                                     WHERE m.node = w.node AND m.role IS NULL AND m.scheme = w.scheme
                                       AND m.soc::text IS NOT DISTINCT FROM w.soc::text AND m.isco08 IS NOT DISTINCT FROM w.isco08
                                       AND (m.source, m.review_status, m.confidence::text, m.reviewer, m.reviewed_at, m.note)
                                           IS NOT DISTINCT FROM
                                           (w.source, w.review_status, w.confidence::text, w.reviewer, w.reviewed_at, w.note)
                                     OFFSET 0)) AS changed
          FROM unnest(b.mappings) w WHERE w.node IS NOT NULL) y;
  IF bad_path IS NOT NULL THEN
    RAISE EXCEPTION 'invalid role card: %: %', bad_path, bad_problem
      USING ERRCODE = 'invalid_parameter_value', DETAIL = bad_detail,
            HINT = CASE WHEN single THEN 'validate_role_card(card) lists every problem; the format is in doc/role-card.md.'
                        ELSE 'validate_role_cards(cards) lists every problem; the format is in doc/role-card.md.' END;
  END IF;

  -- 0.
  IF moving THEN
    PERFORM pg_catalog.pg_advisory_xact_lock('roleext.taxonomy'::pg_catalog.regclass::pg_catalog.oid::int4, 0);
  ELSE
    PERFORM pg_catalog.pg_advisory_xact_lock_shared('roleext.taxonomy'::pg_catalog.regclass::pg_catalog.oid::int4, 0);
  END IF;

  IF changed THEN
    WITH
    -- 1. The nodes that differ from the cards (the node trigger checks them
    -- at the end of the statement, whatever their order).  The first node
    -- of a chain keeps the parent it has (a chain that starts below the top
    -- never detaches a subtree); a member a node leaves out (description)
    -- keeps its value.
    nodes AS (
      INSERT INTO roleext.taxonomy AS t (code, kind, name, parent, description)
      SELECT n.code, n.kind, n.name, n.parent, n.description
      FROM (SELECT n.o, n.code, n.kind, n.name,
                   CASE WHEN n.placed THEN n.parent ELSE old.parent END AS parent,
                   CASE WHEN n.has_description THEN n.description ELSE old.description END AS description,
                   old.code IS NULL AS is_new, old.kind AS old_kind, old.name AS old_name,
                   old.parent AS old_parent, old.description AS old_description
            FROM unnest(b.nodes) WITH ORDINALITY n(card, path, code, kind, name, placed, parent,
                                                    has_description, description, o)
            LEFT JOIN LATERAL (SELECT t.* FROM roleext.taxonomy t WHERE t.code = n.code OFFSET 0) old ON true) n
      WHERE n.is_new OR (n.old_kind, n.old_name, n.old_parent::text, n.old_description)
                        IS DISTINCT FROM (n.kind, n.name, n.parent::text, n.description)
      ORDER BY n.o
      ON CONFLICT (code) DO UPDATE
        SET kind = excluded.kind, name = excluded.name,
            parent = CASE WHEN moving THEN excluded.parent ELSE t.parent END,
            description = excluded.description
        WHERE (t.kind, t.name, t.parent::text, t.description)
              IS DISTINCT FROM (excluded.kind, excluded.name, (CASE WHEN moving THEN excluded.parent ELSE t.parent END)::text,
                                excluded.description)
      RETURNING 1),
    -- 2. The mappings the cards list on nodes (a node's others are kept).
    node_mappings AS (
      INSERT INTO roleext.mapping AS t (role, node, scheme, soc, isco08, source, review_status, confidence, reviewer, reviewed_at, note)
      SELECT w.role, w.node, w.scheme, w.soc, w.isco08, w.source, w.review_status, w.confidence, w.reviewer, w.reviewed_at, w.note
      FROM unnest(b.mappings) WITH ORDINALITY w
      WHERE w.node IS NOT NULL AND (SELECT count(*) FROM nodes) >= 0
        AND NOT EXISTS (SELECT FROM roleext.mapping x
                        WHERE x.node = w.node AND x.role IS NULL AND x.scheme = w.scheme
                          AND x.soc::text IS NOT DISTINCT FROM w.soc::text AND x.isco08 IS NOT DISTINCT FROM w.isco08
                          AND (x.source, x.review_status, x.confidence::text, x.reviewer, x.reviewed_at, x.note)
                              IS NOT DISTINCT FROM (w.source, w.review_status, w.confidence::text, w.reviewer, w.reviewed_at, w.note)
                        OFFSET 0)
      ORDER BY w.ordinality
      ON CONFLICT (role, node, scheme, soc, isco08) DO UPDATE
        SET source = excluded.source, review_status = excluded.review_status, confidence = excluded.confidence,
            reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at, note = excluded.note
      RETURNING 1)
    SELECT count(*) INTO written FROM node_mappings;
  END IF;

  WITH
  -- 3. The shared catalogue of components: the last description given wins.
  catalogue AS (
    INSERT INTO roleext.component AS t (kind, name, description)
    SELECT c.kind, c.name, c.description
    FROM unnest(b.catalogue) WITH ORDINALITY c(role, kind, name, prevalence, scope, "position", description, o)
    WHERE NOT EXISTS (SELECT FROM roleext.component x
                      WHERE x.kind = c.kind AND x.name = c.name
                        AND (c.description IS NULL OR x.description = c.description) OFFSET 0)
    ORDER BY c.o
    ON CONFLICT (kind, name) DO UPDATE SET description = excluded.description
      WHERE excluded.description IS NOT NULL AND t.description IS DISTINCT FROM excluded.description
    RETURNING 1),
  -- 4. The new roles (each code's last card), and their lists.
  roles AS (
    INSERT INTO roleext.role AS r (code, title, summary, story_who, story_external_problem, story_internal_problem,
                                   story_why_it_matters, story_plan, story_stakes, story_success)
    SELECT x.* FROM unnest(b.roles) x
    WHERE (SELECT count(*) FROM catalogue) >= 0
      AND NOT EXISTS (SELECT FROM roleext.role y WHERE y.code = x.code OFFSET 0)
    ORDER BY x.code
    ON CONFLICT (code) DO NOTHING
    RETURNING r.code),
  components AS (
    INSERT INTO roleext.role_component (role, kind, name, prevalence, scope, "position")
    SELECT w.role, w.kind, w.name, w.prevalence, w.scope, w."position" FROM unnest(b.components) w
    WHERE w.role IN (SELECT code FROM roles)
    RETURNING 1),
  aliases AS (
    INSERT INTO roleext.role_alias (role, alias, alias_type, confidence, approved, approved_by, approved_at)
    SELECT a.* FROM unnest(b.aliases) a WHERE a.role IN (SELECT code FROM roles)
    RETURNING 1),
  mappings AS (
    INSERT INTO roleext.mapping (role, node, scheme, soc, isco08, source, review_status, confidence, reviewer, reviewed_at, note)
    SELECT w.* FROM unnest(b.mappings) w WHERE w.role IN (SELECT code FROM roles)
    RETURNING 1)
  -- (reading the last steps runs them, and every step before them)
  SELECT (SELECT array_agg(code) FROM roles), c.n + a.n + m.n INTO fresh, written
    FROM (SELECT count(*) AS n FROM components) c, (SELECT count(*) AS n FROM aliases) a,
         (SELECT count(*) AS n FROM mappings) m;

  -- 5. The roles that exist: their rows and their lists become their last
  -- cards'.  Rows the cards no longer hold go (matched against the cards'
  -- rows in a hashed NOT IN), the missing ones come, what is unchanged stays
  -- untouched.  A component that changes is deleted and inserted again (an
  -- update could collide with a position another component still holds); an
  -- alias or a mapping that changes is updated.
  IF coalesce(cardinality(fresh), 0) < cardinality(b.roles) THEN
    -- their locks first, in a statement of their own: the statement after
    -- it takes its snapshot once it holds them, and so sees every list as
    -- the import it may have waited for left it
    INSERT INTO roleext.role AS r (code, title, summary, story_who, story_external_problem, story_internal_problem,
                                   story_why_it_matters, story_plan, story_stakes, story_success)
    SELECT x.* FROM unnest(b.roles) x
    WHERE x.code <> ALL (coalesce(fresh, '{}'))
    ORDER BY x.code
    ON CONFLICT (code) DO UPDATE
      SET title = excluded.title, summary = excluded.summary, story_who = excluded.story_who,
          story_external_problem = excluded.story_external_problem,
          story_internal_problem = excluded.story_internal_problem,
          story_why_it_matters = excluded.story_why_it_matters, story_plan = excluded.story_plan,
          story_stakes = excluded.story_stakes, story_success = excluded.story_success
      WHERE (r.title, r.summary, r.story_who, r.story_external_problem, r.story_internal_problem,
             r.story_why_it_matters, r.story_plan, r.story_stakes, r.story_success)
            IS DISTINCT FROM
            (excluded.title, excluded.summary, excluded.story_who, excluded.story_external_problem,
             excluded.story_internal_problem, excluded.story_why_it_matters, excluded.story_plan,
             excluded.story_stakes, excluded.story_success);
    WITH
    components_gone AS (
      DELETE FROM roleext.role_component rc
      WHERE rc.role = ANY (b.codes) AND rc.role <> ALL (coalesce(fresh, '{}'))
        AND (rc.role::text, rc.kind, rc.name, rc.prevalence, rc.scope, rc."position") NOT IN
            (SELECT w.role::text, w.kind, w.name, w.prevalence, w.scope, w."position" FROM unnest(b.components) w)
      RETURNING 1),
    components AS (
      INSERT INTO roleext.role_component (role, kind, name, prevalence, scope, "position")
      SELECT w.role, w.kind, w.name, w.prevalence, w.scope, w."position" FROM unnest(b.components) w
      WHERE w.role <> ALL (coalesce(fresh, '{}')) AND (SELECT count(*) FROM components_gone) >= 0
      ON CONFLICT (role, kind, name) DO NOTHING
      RETURNING 1),
    aliases_gone AS (
      DELETE FROM roleext.role_alias ra
      WHERE ra.role = ANY (b.codes) AND ra.role <> ALL (coalesce(fresh, '{}'))
        AND (ra.role::text, ra.alias) NOT IN (SELECT a.role::text, a.alias FROM unnest(b.aliases) a)
      RETURNING 1),
    aliases AS (
      INSERT INTO roleext.role_alias AS t (role, alias, alias_type, confidence, approved, approved_by, approved_at)
      SELECT a.* FROM unnest(b.aliases) a
      WHERE a.role <> ALL (coalesce(fresh, '{}')) AND (SELECT count(*) FROM aliases_gone) >= 0
      ON CONFLICT (role, alias) DO UPDATE
        SET alias_type = excluded.alias_type, confidence = excluded.confidence, approved = excluded.approved,
            approved_by = excluded.approved_by, approved_at = excluded.approved_at
        WHERE (t.alias_type, t.confidence::text, t.approved, t.approved_by, t.approved_at)
              IS DISTINCT FROM (excluded.alias_type, excluded.confidence::text, excluded.approved,
                                excluded.approved_by, excluded.approved_at)
      RETURNING 1),
    mappings_gone AS (
      DELETE FROM roleext.mapping m
      WHERE m.role = ANY (b.codes) AND m.role <> ALL (coalesce(fresh, '{}'))
        AND (m.role::text, m.scheme, m.code) NOT IN
            (SELECT w.role::text, w.scheme, coalesce(w.soc::text, w.isco08) FROM unnest(b.mappings) w WHERE w.role IS NOT NULL)
      RETURNING 1),
    mappings AS (
      INSERT INTO roleext.mapping AS t (role, node, scheme, soc, isco08, source, review_status, confidence, reviewer, reviewed_at, note)
      SELECT w.* FROM unnest(b.mappings) w
      WHERE w.role IS NOT NULL AND w.role <> ALL (coalesce(fresh, '{}')) AND (SELECT count(*) FROM mappings_gone) >= 0
      ON CONFLICT (role, node, scheme, soc, isco08) DO UPDATE
        SET source = excluded.source, review_status = excluded.review_status, confidence = excluded.confidence,
            reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at, note = excluded.note
        WHERE (t.source, t.review_status, t.confidence::text, t.reviewer, t.reviewed_at, t.note)
              IS DISTINCT FROM (excluded.source, excluded.review_status, excluded.confidence::text,
                                excluded.reviewer, excluded.reviewed_at, excluded.note)
      RETURNING 1)
    SELECT c.n + a.n + m.n INTO written
      FROM (SELECT count(*) AS n FROM components) c, (SELECT count(*) AS n FROM aliases) a,
           (SELECT count(*) AS n FROM mappings) m;
  END IF;

  FOREACH each_code IN ARRAY b.codes LOOP
    RETURN NEXT each_code;
  END LOOP;
  RETURN;
END $$;
COMMENT ON FUNCTION import_role_cards(jsonb, boolean) IS
  'Internal to import_role_card and import_role_cards, the one importer: a card (single) or a JSON array of cards, validated first (the first problem raises 22023 naming its path; nothing is written), then written in set-based statements that take their locks in one global order, so that concurrent imports never deadlock. Returns the codes in card order.';
REVOKE EXECUTE ON FUNCTION import_role_cards(jsonb, boolean) FROM PUBLIC;

-- One card: the batch of one.
CREATE FUNCTION import_role_card(card jsonb) RETURNS rolecode
  LANGUAGE sql VOLATILE PARALLEL UNSAFE
  RETURN (SELECT c FROM roleext.import_role_cards(card, true) c);
COMMENT ON FUNCTION import_role_card(jsonb) IS
  'Insert or update one whole role card (role, taxonomy chain with node mappings, story, components, aliases, mappings) and return its code. Idempotent. The card''s components, aliases and role mappings replace the role''s; taxonomy nodes and their listed mappings are upserted. A malformed card raises 22023 naming the path of the first bad field, and nothing is written. The batch of one: import_role_cards over [card].';

-- Many cards in one call: the same result as import_role_card over the
-- cards one after the other.
CREATE FUNCTION import_role_cards(cards jsonb) RETURNS SETOF rolecode
  LANGUAGE sql VOLATILE PARALLEL UNSAFE
BEGIN ATOMIC
  SELECT c FROM roleext.import_role_cards(cards, false) c;
END;
COMMENT ON FUNCTION import_role_cards(jsonb) IS
  'Insert or update a batch of role cards (a JSON array of card documents) in set-based statements and return their codes in order; the same result as import_role_card over the cards one after the other (where two cards say different things about a node, component or role, the later wins). Every card is validated first: one bad card raises 22023 naming its path, e.g. [3].components.skills[0].name, and nothing is written.';

-- The UTC ISO 8601 text of a time, as cards carry it.
CREATE FUNCTION card_time(t timestamptz) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
COMMENT ON FUNCTION card_time(timestamptz) IS
  'Internal to role cards: a time as UTC ISO 8601 text with microseconds, independent of the session time zone.';

-- One mapping row as a card's mapping object.  It takes the columns, not
-- the row: Citus names a reference table's row by its shard's row type,
-- which no function takes (doc/citus.md).
CREATE FUNCTION card_mapping_json(scheme mapping_scheme, code text, source mapping_source,
                                  review_status review_status, confidence text, reviewer text,
                                  reviewed_at timestamptz, note text) RETURNS jsonb
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN jsonb_strip_nulls(jsonb_build_object(
    'scheme', scheme, 'code', code, 'source', source, 'review_status', review_status,
    'confidence', confidence::numeric, 'reviewer', reviewer,
    'reviewed_at', card_time(reviewed_at), 'note', note));
COMMENT ON FUNCTION card_mapping_json(mapping_scheme, text, mapping_source, review_status, text, text, timestamptz, text) IS
  'Internal to role cards: one mapping (its columns scheme, code, source, review_status, confidence as text, reviewer, reviewed_at, note) as a JSON object.';

CREATE FUNCTION role_card_json(code rolecode) RETURNS jsonb
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  -- an unknown role raises 22023 before anything is read, as in adjacent_roles
  SELECT (SELECT jsonb_strip_nulls(jsonb_build_object(
    'format', 'roleext.role_card/1',
    'code', r.code::text,
    'title', r.title,
    'level', r.level::text,
    'summary', r.summary,
    'taxonomy', (
      SELECT jsonb_agg(jsonb_build_object(
               'code', t.code::text, 'kind', t.kind, 'name', t.name, 'description', t.description,
               'mappings', (SELECT jsonb_agg(card_mapping_json(m.scheme, m.code, m.source, m.review_status, m.confidence::text, m.reviewer,
                                              m.reviewed_at, m.note) ORDER BY m.scheme, m.code)
                              FROM mapping m WHERE m.node = t.code))
             ORDER BY a.distance DESC)
      -- the node and its ancestors, read by their keys (not through
      -- taxonomy_ancestors(), which is not inlined: doc/citus.md)
      FROM taxonomy t0
      LEFT JOIN taxonomy t1 ON t1.code = t0.parent
      LEFT JOIN taxonomy t2 ON t2.code = t1.parent
      LEFT JOIN taxonomy t3 ON t3.code = t2.parent
      CROSS JOIN LATERAL (VALUES (0, t0.code), (1, t1.code), (2, t2.code), (3, t3.code)) a(distance, ancestor)
      JOIN taxonomy t ON t.code = a.ancestor
      WHERE t0.code = r.node),
    'story', jsonb_build_object(
      'who', r.story_who, 'external_problem', r.story_external_problem,
      'internal_problem', r.story_internal_problem, 'why_it_matters', r.story_why_it_matters,
      'plan', to_jsonb(r.story_plan), 'stakes', r.story_stakes, 'success', r.story_success),
    'components', (
      SELECT jsonb_object_agg(card_component_member(k.kind), coalesce((
               SELECT jsonb_agg(jsonb_build_object('name', rc.name, 'prevalence', rc.prevalence,
                                                   'scope', rc.scope, 'description', cp.description)
                                ORDER BY rc.position)
               FROM role_component rc JOIN component cp ON cp.kind = rc.kind AND cp.name = rc.name
               WHERE rc.role = r.code AND rc.kind = k.kind), '[]'))
      FROM unnest(enum_range(NULL::component_kind)) k(kind)),
    'aliases', coalesce((
      SELECT jsonb_agg(jsonb_build_object(
               'alias', ra.alias, 'type', ra.alias_type, 'confidence', (ra.confidence::text)::numeric,
               'approved', ra.approved, 'approved_by', ra.approved_by, 'approved_at', card_time(ra.approved_at))
             ORDER BY ra.confidence DESC, ra.alias)
      FROM role_alias ra WHERE ra.role = r.code), '[]'),
    'mappings', coalesce((
      SELECT jsonb_agg(card_mapping_json(m.scheme, m.code, m.source, m.review_status, m.confidence::text, m.reviewer,
                                              m.reviewed_at, m.note) ORDER BY m.scheme, m.code)
      FROM mapping m WHERE m.role = r.code), '[]')))
  FROM role r WHERE r.code = role_card_json.code)
  WHERE role_must_exist(role_card_json.code, 'role_card_json') IS NOT NULL;
END;
COMMENT ON FUNCTION role_card_json(rolecode) IS
  'The role card of a role as a JSON document (format roleext.role_card/1); import_role_card() reads it back, so export -> import -> export is identical. 22023 for an unknown role, as adjacent_roles.';
