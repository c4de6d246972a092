-- Role cards as JSON, part 2: import_role_card() and role_card_json().
-- The document format is specified in doc/role-card.md.

-- The component kind a components member names.
CREATE FUNCTION card_component_kind(member text) RETURNS component_kind
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
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
  'Internal to role cards: the component kind of a components member (skills -> skill).';

-- The components of a (valid) card as rows.
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

-- Upsert one mapping object m of a role (r) or a node (n).
CREATE FUNCTION card_upsert_mapping(r rolecode, n rolecode, m jsonb) RETURNS void
  LANGUAGE sql VOLATILE PARALLEL UNSAFE
  BEGIN ATOMIC
    INSERT INTO mapping AS t (role, node, scheme, code, source, review_status, confidence, reviewer, reviewed_at, note)
    VALUES (r, n, coalesce(m->>'scheme', 'soc2018')::mapping_scheme,
            CASE WHEN coalesce(m->>'scheme', 'soc2018') = 'isco08' THEN m->>'code'
                 ELSE ((m->>'code')::soccode)::text END,
            coalesce(m->>'source', 'manual')::mapping_source,
            coalesce(m->>'review_status', 'needs_review')::review_status,
            (m->>'confidence')::confidence, m->>'reviewer', (m->>'reviewed_at')::timestamptz, m->>'note')
    ON CONFLICT (role, node, scheme, code) DO UPDATE
      SET source = excluded.source, review_status = excluded.review_status, confidence = excluded.confidence,
          reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at, note = excluded.note
      WHERE (t.source, t.review_status, t.confidence, t.reviewer, t.reviewed_at, t.note)
            IS DISTINCT FROM (excluded.source, excluded.review_status, excluded.confidence,
                              excluded.reviewer, excluded.reviewed_at, excluded.note);
  END;
COMMENT ON FUNCTION card_upsert_mapping(rolecode, rolecode, jsonb) IS
  'Internal to import_role_card: insert or update one mapping of a role or a taxonomy node.';

CREATE FUNCTION import_role_card(card jsonb) RETURNS rolecode
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  bad record;
  c rolecode;
  e jsonb;
  m jsonb;
  parent_code rolecode;
  st jsonb := coalesce(card->'story', '{}');
BEGIN
  SELECT * INTO bad FROM roleext.validate_role_card(card) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'invalid role card: %: %', bad.path, bad.problem
      USING ERRCODE = 'invalid_parameter_value', DETAIL = bad.detail,
            HINT = 'validate_role_card(card) lists every problem; the format is in doc/role-card.md.';
  END IF;
  c := (card->>'code')::rolecode;

  -- the taxonomy chain, top first: nodes are upserted, their mappings
  -- upserted (mappings a node has beyond those listed are kept)
  -- (the first node of the chain keeps the parent it has in the database,
  -- so a chain that starts below the top never detaches a subtree)
  SELECT t.parent INTO parent_code FROM taxonomy t WHERE t.code = (card->'taxonomy'->0->>'code')::rolecode;
  FOR e IN SELECT x FROM jsonb_array_elements(coalesce(card->'taxonomy', '[]')) x LOOP
    INSERT INTO taxonomy AS t (code, kind, name, parent, description)
    VALUES ((e->>'code')::rolecode, (e->>'kind')::node_kind, e->>'name', parent_code, e->>'description')
    ON CONFLICT (code) DO UPDATE
      SET kind = excluded.kind, name = excluded.name, parent = excluded.parent,
          description = CASE WHEN e ? 'description' THEN excluded.description ELSE t.description END
      WHERE (t.kind, t.name, t.parent, t.description)
            IS DISTINCT FROM (excluded.kind, excluded.name, excluded.parent,
                              CASE WHEN e ? 'description' THEN excluded.description ELSE t.description END);
    FOR m IN SELECT x FROM jsonb_array_elements(coalesce(e->'mappings', '[]')) x LOOP
      PERFORM card_upsert_mapping(NULL, (e->>'code')::rolecode, m);
    END LOOP;
    parent_code := (e->>'code')::rolecode;
  END LOOP;

  INSERT INTO role AS r (code, title, summary, story_who, story_external_problem, story_internal_problem,
                         story_why_it_matters, story_plan, story_stakes, story_success)
  VALUES (c, card->>'title', card->>'summary', st->>'who', st->>'external_problem', st->>'internal_problem',
          st->>'why_it_matters',
          coalesce((SELECT array_agg(x ORDER BY o) FROM jsonb_array_elements_text(
                      CASE WHEN jsonb_typeof(st->'plan') = 'array' THEN st->'plan' ELSE '[]' END)
                      WITH ORDINALITY p(x, o)), '{}'),
          st->>'stakes', st->>'success')
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

  -- components: the card's list is the role's list
  INSERT INTO component AS t (kind, name, description)
  SELECT x.kind, x.name, x.description FROM card_components(card) x
  ON CONFLICT (kind, name) DO UPDATE SET description = excluded.description
    WHERE excluded.description IS NOT NULL AND t.description IS DISTINCT FROM excluded.description;
  DELETE FROM role_component rc WHERE rc.role = c
    AND NOT EXISTS (SELECT 1 FROM card_components(card) x
                    WHERE (x.kind, x.name, x.prevalence, x.scope, x.position)
                        = (rc.kind, rc.name, rc.prevalence, rc.scope, rc.position));
  INSERT INTO role_component (role, kind, name, prevalence, scope, position)
  SELECT c, x.kind, x.name, x.prevalence, x.scope, x.position FROM card_components(card) x
  WHERE NOT EXISTS (SELECT 1 FROM role_component rc WHERE rc.role = c AND rc.kind = x.kind AND rc.name = x.name);

  -- aliases: the card's list is the role's list
  DELETE FROM role_alias ra WHERE ra.role = c
    AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(card->'aliases', '[]')) x
                    WHERE x->>'alias' = ra.alias
                      AND coalesce(x->>'type', 'common')::alias_type = ra.alias_type
                      AND coalesce((x->>'confidence')::confidence, '0.50') = ra.confidence
                      AND (x->>'approved')::boolean IS NOT DISTINCT FROM ra.approved
                      AND x->>'approved_by' IS NOT DISTINCT FROM ra.approved_by
                      AND (x->>'approved_at')::timestamptz IS NOT DISTINCT FROM ra.approved_at);
  INSERT INTO role_alias (role, alias, alias_type, confidence, approved, approved_by, approved_at)
  SELECT c, x->>'alias', coalesce(x->>'type', 'common')::alias_type,
         coalesce((x->>'confidence')::confidence, '0.50'), (x->>'approved')::boolean, x->>'approved_by',
         (x->>'approved_at')::timestamptz
  FROM jsonb_array_elements(coalesce(card->'aliases', '[]')) x
  WHERE NOT EXISTS (SELECT 1 FROM role_alias ra WHERE ra.role = c AND ra.alias = x->>'alias');

  -- the role's own mappings: the card's list is the role's list
  DELETE FROM mapping mp WHERE mp.role = c
    AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(card->'mappings', '[]')) x
                    WHERE coalesce(x->>'scheme', 'soc2018')::mapping_scheme = mp.scheme
                      AND CASE WHEN mp.scheme = 'isco08' THEN x->>'code'
                               ELSE ((x->>'code')::soccode)::text END = mp.code);
  FOR m IN SELECT x FROM jsonb_array_elements(coalesce(card->'mappings', '[]')) x LOOP
    PERFORM card_upsert_mapping(c, NULL, m);
  END LOOP;
  RETURN c;
END $$;
COMMENT ON FUNCTION import_role_card(jsonb) IS
  'Insert or update one whole role card (role, taxonomy chain with node mappings, story, components, aliases, mappings) and return its code. Idempotent. The card''s components, aliases and role mappings replace the role''s; taxonomy nodes and their listed mappings are upserted. A malformed card raises 22023 naming the path of the first bad field, and nothing is written.';

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
  SELECT jsonb_strip_nulls(jsonb_build_object(
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
      FROM taxonomy_ancestors a JOIN taxonomy t ON t.code = a.ancestor
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
  FROM role r WHERE r.code = role_card_json.code;
END;
COMMENT ON FUNCTION role_card_json(rolecode) IS
  'The role card of a role as a JSON document (format roleext.role_card/1); import_role_card() reads it back, so export -> import -> export is identical. NULL for an unknown role.';
