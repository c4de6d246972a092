-- Role cards as JSON, part 2: import_role_card() and role_card_json().
-- The document format is specified in doc/role-card.md.

-- The component kind a components member names.
CREATE FUNCTION card_component_kind(member text) RETURNS component_kind
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE member
    WHEN 'responsibilities' THEN 'responsibility'::component_kind
    WHEN 'tasks' THEN 'task'
    WHEN 'skills' THEN 'skill'
    WHEN 'knowledge' THEN 'knowledge'
    WHEN 'competencies' THEN 'competency'
    WHEN 'qualifications' THEN 'qualification'
    WHEN 'outputs' THEN 'output'
  END;
COMMENT ON FUNCTION card_component_kind(text) IS
  'Internal to role cards: the component kind of a components member (skills -> skill); NULL for anything else.';

-- The rows a (valid) card holds, one function per table, so that the
-- importer's statements stay short.  All are inlined into the statements
-- that use them.

CREATE FUNCTION card_components(card jsonb)
RETURNS TABLE (kind component_kind, name text, prevalence component_prevalence,
               scope component_scope, "position" int4, description text)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT card_component_kind(g.k), a.x->>'name', coalesce(a.x->>'prevalence', 'common')::component_prevalence,
         coalesce(a.x->>'scope', 'role')::component_scope, a.o::int4, a.x->>'description'
  FROM jsonb_each(coalesce(card->'components', '{}')) g(k, arr),
       jsonb_array_elements(CASE WHEN jsonb_typeof(g.arr) = 'array' THEN g.arr ELSE '[]' END)
         WITH ORDINALITY a(x, o);
END;
COMMENT ON FUNCTION card_components(jsonb) IS
  'Internal to import_role_card: the components of a valid card as rows (kind, name, prevalence, scope, position, description).';

CREATE FUNCTION card_aliases(card jsonb)
RETURNS TABLE (alias text, alias_type alias_type, confidence confidence, approved boolean,
               approved_by text, approved_at timestamptz)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT x->>'alias', coalesce(x->>'type', 'common')::alias_type, coalesce((x->>'confidence')::confidence, '0.50'),
         (x->>'approved')::boolean, x->>'approved_by', (x->>'approved_at')::timestamptz
  FROM jsonb_array_elements(CASE WHEN jsonb_typeof(card->'aliases') = 'array' THEN card->'aliases' ELSE '[]' END) x;
END;
COMMENT ON FUNCTION card_aliases(jsonb) IS
  'Internal to import_role_card: the aliases of a valid card as rows, defaults applied.';

CREATE FUNCTION card_mappings(card jsonb)
RETURNS TABLE (role rolecode, node rolecode, scheme mapping_scheme, code text, source mapping_source,
               review_status review_status, confidence confidence, reviewer text, reviewed_at timestamptz, note text)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT s.role, s.node, coalesce(m->>'scheme', 'soc2018')::mapping_scheme,
         CASE WHEN m->>'scheme' = 'isco08' THEN m->>'code' ELSE ((m->>'code')::soccode)::text END,
         coalesce(m->>'source', 'manual')::mapping_source, coalesce(m->>'review_status', 'needs_review')::review_status,
         (m->>'confidence')::confidence, m->>'reviewer', (m->>'reviewed_at')::timestamptz, m->>'note'
  FROM (SELECT (card->>'code')::rolecode AS role, NULL::rolecode AS node, card->'mappings' AS ms
        UNION ALL
        SELECT NULL, (t->>'code')::rolecode, t->'mappings'
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(card->'taxonomy') = 'array' THEN card->'taxonomy' ELSE '[]' END) t) s,
       jsonb_array_elements(CASE WHEN jsonb_typeof(s.ms) = 'array' THEN s.ms ELSE '[]' END) m;
END;
COMMENT ON FUNCTION card_mappings(jsonb) IS
  'Internal to import_role_card: the mappings of a valid card (the role''s and its taxonomy nodes'') as rows, codes canonical, defaults applied.';

CREATE FUNCTION card_role(card jsonb)
RETURNS TABLE (code rolecode, title text, summary text, story_who text, story_external_problem text,
               story_internal_problem text, story_why_it_matters text, story_plan text[], story_stakes text,
               story_success text)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT (card->>'code')::rolecode, card->>'title', card->>'summary', s.st->>'who', s.st->>'external_problem',
         s.st->>'internal_problem', s.st->>'why_it_matters',
         CASE WHEN jsonb_typeof(s.st->'plan') = 'array'
              THEN ARRAY(SELECT jsonb_array_elements_text(s.st->'plan')) ELSE '{}' END,
         s.st->>'stakes', s.st->>'success'
  FROM (SELECT CASE WHEN jsonb_typeof(card->'story') = 'object' THEN card->'story' ELSE '{}' END) s(st);
END;
COMMENT ON FUNCTION card_role(jsonb) IS
  'Internal to the importers: the role row of a valid card (code, title, summary, story).';

-- The last card of each role code in a batch (a JSON array of cards), as
-- (code, card): of every code (existing NULL), of the codes in existing
-- (existing true) or of the others (false).
CREATE FUNCTION card_batch_last(cards jsonb, existing rolecode[], want_existing boolean)
RETURNS TABLE (code rolecode, card jsonb)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT DISTINCT ON (1) (e.x->>'code')::rolecode, e.x
  FROM jsonb_array_elements(cards) WITH ORDINALITY e(x, o)
  WHERE want_existing IS NULL OR ((e.x->>'code')::rolecode IN (SELECT unnest(existing))) = want_existing
  ORDER BY 1, e.o DESC;
END;
COMMENT ON FUNCTION card_batch_last(jsonb, rolecode[], boolean) IS
  'Internal to import_role_cards: the last card of each role code of a batch, of all codes, of those in existing, or of the others.';

CREATE FUNCTION import_role_card(card jsonb) RETURNS rolecode
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  bad record;
  c rolecode;
  chain jsonb := CASE WHEN jsonb_typeof(card->'taxonomy') = 'array' THEN card->'taxonomy' ELSE '[]' END;
  is_new boolean;
BEGIN
  SELECT * INTO bad FROM roleext.validate_role_card(card) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'invalid role card: %: %', bad.path, bad.problem
      USING ERRCODE = 'invalid_parameter_value', DETAIL = bad.detail,
            HINT = 'validate_role_card(card) lists every problem; the format is in doc/role-card.md.';
  END IF;
  c := (card->>'code')::rolecode;

  -- The taxonomy chain, top first, in one statement (a row's trigger sees
  -- the rows before it).  The first node keeps the parent it has in the
  -- database, so a chain that starts below the top never detaches a
  -- subtree; a member a node leaves out (description) keeps its value.
  IF jsonb_array_length(chain) > 0 THEN
    INSERT INTO taxonomy AS t (code, kind, name, parent, description)
    SELECT n.code, (e.x->>'kind')::node_kind, e.x->>'name',
           CASE WHEN e.o = 1 THEN old.parent ELSE (chain->(e.o::int - 2)->>'code')::rolecode END,
           CASE WHEN e.x ? 'description' THEN e.x->>'description' ELSE old.description END
    FROM jsonb_array_elements(chain) WITH ORDINALITY e(x, o)
    CROSS JOIN LATERAL (SELECT (e.x->>'code')::rolecode AS code) n
    LEFT JOIN taxonomy old ON old.code = n.code
    ORDER BY e.o
    ON CONFLICT (code) DO UPDATE
      SET kind = excluded.kind, name = excluded.name, parent = excluded.parent, description = excluded.description
      WHERE (t.kind, t.name, t.parent, t.description)
            IS DISTINCT FROM (excluded.kind, excluded.name, excluded.parent, excluded.description);
  END IF;

  is_new := NOT EXISTS (SELECT 1 FROM role r WHERE r.code = c);
  INSERT INTO role AS r (code, title, summary, story_who, story_external_problem, story_internal_problem,
                         story_why_it_matters, story_plan, story_stakes, story_success)
  SELECT * FROM card_role(card)
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

  -- components: the shared catalogue is upserted; the card's list is the
  -- role's list
  INSERT INTO component AS t (kind, name, description)
  SELECT x.kind, x.name, x.description FROM card_components(card) x
  ON CONFLICT (kind, name) DO UPDATE SET description = excluded.description
    WHERE excluded.description IS NOT NULL AND t.description IS DISTINCT FROM excluded.description;
  IF is_new THEN
    INSERT INTO role_component (role, kind, name, prevalence, scope, position)
    SELECT c, x.kind, x.name, x.prevalence, x.scope, x.position FROM card_components(card) x;
    INSERT INTO role_alias (role, alias, alias_type, confidence, approved, approved_by, approved_at)
    SELECT c, a.alias, a.alias_type, a.confidence, a.approved, a.approved_by, a.approved_at FROM card_aliases(card) a;
  ELSE
    DELETE FROM role_component rc WHERE rc.role = c
      AND (rc.kind, rc.name, rc.prevalence, rc.scope, rc.position) NOT IN
          (SELECT x.kind, x.name, x.prevalence, x.scope, x.position FROM card_components(card) x);
    INSERT INTO role_component (role, kind, name, prevalence, scope, position)
    SELECT c, x.kind, x.name, x.prevalence, x.scope, x.position FROM card_components(card) x
    ON CONFLICT (role, kind, name) DO NOTHING;
    DELETE FROM role_alias ra WHERE ra.role = c
      AND NOT EXISTS (SELECT 1 FROM card_aliases(card) a
                      WHERE a.alias = ra.alias AND a.alias_type = ra.alias_type AND a.confidence = ra.confidence
                        AND a.approved IS NOT DISTINCT FROM ra.approved
                        AND a.approved_by IS NOT DISTINCT FROM ra.approved_by
                        AND a.approved_at IS NOT DISTINCT FROM ra.approved_at);
    INSERT INTO role_alias (role, alias, alias_type, confidence, approved, approved_by, approved_at)
    SELECT c, a.alias, a.alias_type, a.confidence, a.approved, a.approved_by, a.approved_at FROM card_aliases(card) a
    ON CONFLICT (role, alias) DO NOTHING;
    -- the role's own mappings: the card's list is the role's list
    DELETE FROM mapping mp WHERE mp.role = c
      AND (mp.scheme, mp.code) NOT IN (SELECT m.scheme, m.code FROM card_mappings(card) m WHERE m.role IS NOT NULL);
  END IF;

  -- mappings of the role and of its nodes (a node's other mappings are kept)
  INSERT INTO mapping AS t (role, node, scheme, code, source, review_status, confidence, reviewer, reviewed_at, note)
  SELECT m.role, m.node, m.scheme, m.code, m.source, m.review_status, m.confidence, m.reviewer, m.reviewed_at, m.note
  FROM card_mappings(card) m
  ON CONFLICT (role, node, scheme, code) DO UPDATE
    SET source = excluded.source, review_status = excluded.review_status, confidence = excluded.confidence,
        reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at, note = excluded.note
    WHERE (t.source, t.review_status, t.confidence, t.reviewer, t.reviewed_at, t.note)
          IS DISTINCT FROM (excluded.source, excluded.review_status, excluded.confidence,
                            excluded.reviewer, excluded.reviewed_at, excluded.note);
  RETURN c;
END $$;
COMMENT ON FUNCTION import_role_card(jsonb) IS
  'Insert or update one whole role card (role, taxonomy chain with node mappings, story, components, aliases, mappings) and return its code. Idempotent. The card''s components, aliases and role mappings replace the role''s; taxonomy nodes and their listed mappings are upserted. A malformed card raises 22023 naming the path of the first bad field, and nothing is written.';

-- Many cards in one call: the same result as import_role_card over the
-- cards one after the other, in set-based statements (a dozen statements
-- for the batch rather than a dozen for each card).  Where cards of the
-- batch say different things about one row, the later card wins, field by
-- field as it would one by one: a node takes the kind and name of its last
-- mention, the parent and description of the last mention that gives them
-- (else it keeps its own); a component keeps the last description given; a
-- role code given twice is the later card.  Every card is validated first
-- (validate_role_cards); one bad card and nothing is written.
CREATE FUNCTION import_role_cards(cards jsonb) RETURNS SETOF rolecode
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  bad record;
  old_roles rolecode[];  -- the batch's roles that exist already
BEGIN
  SELECT * INTO bad FROM roleext.validate_role_cards(cards) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'invalid role card: %: %', bad.path, bad.problem
      USING ERRCODE = 'invalid_parameter_value', DETAIL = bad.detail,
            HINT = 'validate_role_cards(cards) lists every problem; the format is in doc/role-card.md.';
  END IF;

  -- The taxonomy: every node any chain mentions, once, as the last mention
  -- leaves it.  The checks of the node trigger run at the end of the
  -- statement, on the whole batch.
  WITH c AS (SELECT e.o AS i, e.x AS card FROM jsonb_array_elements(cards) WITH ORDINALITY e(x, o)),
  mention AS (
    SELECT c.i, t.o AS pos, (t.x->>'code')::rolecode AS code, (t.x->>'kind')::node_kind AS kind, t.x->>'name' AS name,
           CASE WHEN t.o > 1 THEN (c.card->'taxonomy'->(t.o::int - 2)->>'code')::rolecode END AS parent,
           t.x ? 'description' AS has_description, t.x->>'description' AS description
    FROM c, jsonb_array_elements(CASE WHEN jsonb_typeof(c.card->'taxonomy') = 'array'
                                      THEN c.card->'taxonomy' ELSE '[]' END) WITH ORDINALITY t(x, o)),
  node AS (
    SELECT m.code, (array_agg(m.kind ORDER BY m.i DESC))[1] AS kind, (array_agg(m.name ORDER BY m.i DESC))[1] AS name,
           bool_or(m.pos > 1) AS placed, (array_agg(m.parent ORDER BY m.i DESC) FILTER (WHERE m.pos > 1))[1] AS parent,
           bool_or(m.has_description) AS has_description,
           (array_agg(m.description ORDER BY m.i DESC) FILTER (WHERE m.has_description))[1] AS description
    FROM mention m GROUP BY m.code)
  INSERT INTO taxonomy AS t (code, kind, name, parent, description)
  SELECT n.code, n.kind, n.name, CASE WHEN n.placed THEN n.parent ELSE old.parent END,
         CASE WHEN n.has_description THEN n.description ELSE old.description END
  FROM node n LEFT JOIN taxonomy old ON old.code = n.code
  ON CONFLICT (code) DO UPDATE
    SET kind = excluded.kind, name = excluded.name, parent = excluded.parent, description = excluded.description
    WHERE (t.kind, t.name, t.parent, t.description)
          IS DISTINCT FROM (excluded.kind, excluded.name, excluded.parent, excluded.description);

  -- The components' shared catalogue, from every card: the last
  -- description given wins.
  INSERT INTO component AS t (kind, name, description)
  SELECT x.kind, x.name, (array_agg(x.description ORDER BY e.o DESC) FILTER (WHERE x.description IS NOT NULL))[1]
  FROM jsonb_array_elements(cards) WITH ORDINALITY e(card, o), card_components(e.card) x
  GROUP BY x.kind, x.name
  ON CONFLICT (kind, name) DO UPDATE SET description = excluded.description
    WHERE excluded.description IS NOT NULL AND t.description IS DISTINCT FROM excluded.description;

  -- The roles: each code's last card.
  SELECT array_agg(r.code) INTO old_roles
  FROM (SELECT DISTINCT (e.x->>'code')::rolecode AS code FROM jsonb_array_elements(cards) e(x)) l
  JOIN role r ON r.code = l.code;
  old_roles := coalesce(old_roles, '{}');

  INSERT INTO role AS r (code, title, summary, story_who, story_external_problem, story_internal_problem,
                         story_why_it_matters, story_plan, story_stakes, story_success)
  SELECT x.* FROM card_batch_last(cards, NULL, NULL) l, card_role(l.card) x
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

  -- Roles that existed: their components, aliases and own mappings become
  -- their last card's lists (what stays unchanged is not rewritten).
  IF cardinality(old_roles) > 0 THEN
    WITH last AS (SELECT * FROM card_batch_last(cards, old_roles, true)),
    want AS (SELECT l.code AS role, x.* FROM last l, card_components(l.card) x)
    DELETE FROM role_component rc USING last l
    WHERE rc.role = l.code
      AND NOT EXISTS (SELECT FROM want w
                      WHERE (w.role, w.kind, w.name, w.prevalence, w.scope, w.position)
                            = (rc.role, rc.kind, rc.name, rc.prevalence, rc.scope, rc.position));
    WITH last AS (SELECT * FROM card_batch_last(cards, old_roles, true))
    INSERT INTO role_component (role, kind, name, prevalence, scope, position)
    SELECT l.code, x.kind, x.name, x.prevalence, x.scope, x.position FROM last l, card_components(l.card) x
    ON CONFLICT (role, kind, name) DO NOTHING;

    WITH last AS (SELECT * FROM card_batch_last(cards, old_roles, true)),
    want AS (SELECT l.code AS role, a.* FROM last l, card_aliases(l.card) a)
    DELETE FROM role_alias ra USING last l
    WHERE ra.role = l.code
      AND NOT EXISTS (SELECT FROM want a
                      WHERE a.role = ra.role AND a.alias = ra.alias AND a.alias_type = ra.alias_type
                        AND a.confidence = ra.confidence AND a.approved IS NOT DISTINCT FROM ra.approved
                        AND a.approved_by IS NOT DISTINCT FROM ra.approved_by
                        AND a.approved_at IS NOT DISTINCT FROM ra.approved_at);
    WITH last AS (SELECT * FROM card_batch_last(cards, old_roles, true))
    INSERT INTO role_alias (role, alias, alias_type, confidence, approved, approved_by, approved_at)
    SELECT l.code, a.alias, a.alias_type, a.confidence, a.approved, a.approved_by, a.approved_at
    FROM last l, card_aliases(l.card) a
    ON CONFLICT (role, alias) DO NOTHING;

    WITH last AS (SELECT * FROM card_batch_last(cards, old_roles, true)),
    want AS (SELECT m.role, m.scheme, m.code FROM last l, card_mappings(l.card) m WHERE m.role IS NOT NULL)
    DELETE FROM mapping mp USING last l
    WHERE mp.role = l.code
      AND NOT EXISTS (SELECT FROM want w WHERE w.role = mp.role AND w.scheme = mp.scheme AND w.code = mp.code);
  END IF;

  -- New roles: their lists as they are.
  WITH last AS (SELECT * FROM card_batch_last(cards, old_roles, false))
  INSERT INTO role_component (role, kind, name, prevalence, scope, position)
  SELECT l.code, x.kind, x.name, x.prevalence, x.scope, x.position FROM last l, card_components(l.card) x;
  WITH last AS (SELECT * FROM card_batch_last(cards, old_roles, false))
  INSERT INTO role_alias (role, alias, alias_type, confidence, approved, approved_by, approved_at)
  SELECT l.code, a.alias, a.alias_type, a.confidence, a.approved, a.approved_by, a.approved_at
  FROM last l, card_aliases(l.card) a;

  -- Mappings: each role's from its last card, each node's from every card
  -- that lists them (the last wins; a node's other mappings are kept).
  WITH c AS (
    SELECT e.x AS card, e.o, e.o = max(e.o) OVER (PARTITION BY (e.x->>'code')::rolecode) AS is_last
    FROM jsonb_array_elements(cards) WITH ORDINALITY e(x, o)),
  m AS (
    SELECT DISTINCT ON (m.role, m.node, m.scheme, m.code) m.*
    FROM c, card_mappings(c.card) m
    WHERE m.role IS NULL OR c.is_last
    ORDER BY m.role, m.node, m.scheme, m.code, c.o DESC)
  INSERT INTO mapping AS t (role, node, scheme, code, source, review_status, confidence, reviewer, reviewed_at, note)
  SELECT m.role, m.node, m.scheme, m.code, m.source, m.review_status, m.confidence, m.reviewer, m.reviewed_at, m.note
  FROM m
  ON CONFLICT (role, node, scheme, code) DO UPDATE
    SET source = excluded.source, review_status = excluded.review_status, confidence = excluded.confidence,
        reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at, note = excluded.note
    WHERE (t.source, t.review_status, t.confidence, t.reviewer, t.reviewed_at, t.note)
          IS DISTINCT FROM (excluded.source, excluded.review_status, excluded.confidence,
                            excluded.reviewer, excluded.reviewed_at, excluded.note);

  RETURN QUERY SELECT (e.x->>'code')::rolecode FROM jsonb_array_elements(cards) WITH ORDINALITY e(x, o) ORDER BY e.o;
END $$;
COMMENT ON FUNCTION import_role_cards(jsonb) IS
  'Insert or update a batch of role cards (a JSON array of card documents) in set-based statements and return their codes in order; the same result as import_role_card over the cards one after the other (where two cards say different things about a node, component or role, the later wins). Every card is validated first: one bad card raises 22023 naming its path, e.g. [3].components.skills[0].name, and nothing is written.';

-- The UTC ISO 8601 text of a time, as cards carry it.
CREATE FUNCTION card_time(t timestamptz) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
COMMENT ON FUNCTION card_time(timestamptz) IS
  'Internal to role cards: a time as UTC ISO 8601 text with microseconds, independent of the session time zone.';

-- One mapping row as a card's mapping object.
CREATE FUNCTION card_mapping_json(m mapping) RETURNS jsonb
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN jsonb_strip_nulls(jsonb_build_object(
    'scheme', m.scheme, 'code', m.code, 'source', m.source, 'review_status', m.review_status,
    'confidence', (m.confidence::text)::numeric, 'reviewer', m.reviewer,
    'reviewed_at', card_time(m.reviewed_at), 'note', m.note));
COMMENT ON FUNCTION card_mapping_json(mapping) IS 'Internal to role cards: one mapping as a JSON object.';

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
               'mappings', (SELECT jsonb_agg(card_mapping_json(m) ORDER BY m.scheme, m.code)
                              FROM mapping m WHERE m.node = t.code))
             ORDER BY a.distance DESC)
      FROM taxonomy_ancestors() a JOIN taxonomy t ON t.code = a.ancestor
      WHERE a.node = r.node),
    'story', jsonb_build_object(
      'who', r.story_who, 'external_problem', r.story_external_problem,
      'internal_problem', r.story_internal_problem, 'why_it_matters', r.story_why_it_matters,
      'plan', to_jsonb(r.story_plan), 'stakes', r.story_stakes, 'success', r.story_success),
    'components', (
      SELECT jsonb_object_agg(k.member, coalesce((
               SELECT jsonb_agg(jsonb_build_object('name', rc.name, 'prevalence', rc.prevalence,
                                                   'scope', rc.scope, 'description', cp.description)
                                ORDER BY rc.position)
               FROM role_component rc JOIN component cp ON cp.kind = rc.kind AND cp.name = rc.name
               WHERE rc.role = r.code AND rc.kind = card_component_kind(k.member)), '[]'))
      FROM unnest('{responsibilities,tasks,skills,knowledge,competencies,qualifications,outputs}'::text[]) k(member)),
    'aliases', coalesce((
      SELECT jsonb_agg(jsonb_build_object(
               'alias', ra.alias, 'type', ra.alias_type, 'confidence', (ra.confidence::text)::numeric,
               'approved', ra.approved, 'approved_by', ra.approved_by, 'approved_at', card_time(ra.approved_at))
             ORDER BY ra.confidence DESC, ra.alias)
      FROM role_alias ra WHERE ra.role = r.code), '[]'),
    'mappings', coalesce((
      SELECT jsonb_agg(card_mapping_json(m) ORDER BY m.scheme, m.code)
      FROM mapping m WHERE m.role = r.code), '[]')))
  FROM role r WHERE r.code = role_card_json.code)
  WHERE role_must_exist(role_card_json.code, 'role_card_json') IS NOT NULL;
END;
COMMENT ON FUNCTION role_card_json(rolecode) IS
  'The role card of a role as a JSON document (format roleext.role_card/1); import_role_card() reads it back, so export -> import -> export is identical. 22023 for an unknown role, as adjacent_roles.';
