-- Role cards as JSON, part 1: validate_role_card() and its helpers.
-- (import_role_card and role_card_json are in 61_card_import.sql.)  The document format is specified in doc/role-card.md
-- and doc/role-card.schema.json.

-- Why text v cannot be read as type typ ('rolecode', 'soccode',
-- 'confidence', 'timestamptz'): the input function's errdetail (or its
-- message), or NULL when it can.
CREATE FUNCTION card_cast_problem(typ text, v text) RETURNS text
  LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  msg text;
  det text;
BEGIN
  CASE typ
    WHEN 'rolecode' THEN PERFORM v::roleext.rolecode;
    WHEN 'soccode' THEN PERFORM v::roleext.soccode;
    WHEN 'confidence' THEN PERFORM v::roleext.confidence;
    WHEN 'timestamptz' THEN PERFORM v::timestamptz;
    ELSE RAISE EXCEPTION 'card_cast_problem: unknown type %', typ;
  END CASE;
  RETURN NULL;
EXCEPTION
  WHEN invalid_text_representation OR numeric_value_out_of_range OR invalid_datetime_format
       OR datetime_field_overflow OR invalid_parameter_value THEN
    GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
    RETURN coalesce(nullif(det, ''), msg);
END $$;
COMMENT ON FUNCTION card_cast_problem(text, text) IS
  'Internal to role card validation: why a JSON string cannot be read as a rolecode, soccode, confidence or timestamptz, or NULL when it can.';

-- The JSON type name of v for messages: "string", "number", "object", ...,
-- "missing" for SQL NULL.
CREATE FUNCTION card_typeof(v jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN coalesce(jsonb_typeof(v), 'missing');
COMMENT ON FUNCTION card_typeof(jsonb) IS
  'Internal to role card validation: the JSON type of a member, or ''missing''.';

-- Problems of one mapping object m found at path p (a taxonomy node's or
-- the role's).
CREATE FUNCTION card_mapping_problems(m jsonb, p text)
RETURNS TABLE (path text, problem text, detail text)
  LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  k text;
  why text;
BEGIN
  IF card_typeof(m) <> 'object' THEN
    RETURN QUERY SELECT p, 'expected an object, got ' || card_typeof(m),
      'A mapping is an object with at least a code, such as {"scheme": "soc2018", "code": "15-1252"}.';
    RETURN;
  END IF;
  FOR k IN SELECT jsonb_object_keys(m) LOOP
    IF k <> ALL ('{scheme,code,source,review_status,confidence,reviewer,reviewed_at,note}') THEN
      RETURN QUERY SELECT p || '.' || k, 'unknown field',
        'A mapping has the fields scheme, code, source, review_status, confidence, reviewer, reviewed_at and note.';
    END IF;
  END LOOP;
  IF card_typeof(m->'scheme') NOT IN ('missing', 'null') AND
     (card_typeof(m->'scheme') <> 'string' OR (m->>'scheme') <> ALL (enum_range(NULL::mapping_scheme)::text[])) THEN
    RETURN QUERY SELECT p || '.scheme', 'unknown scheme ' || (m->'scheme')::text,
      'The scheme is one of ' || array_to_string(enum_range(NULL::mapping_scheme)::text[], ', ') || '.';
    RETURN;
  END IF;
  IF card_typeof(m->'code') <> 'string' THEN
    RETURN QUERY SELECT p || '.code', 'expected a string, got ' || card_typeof(m->'code'),
      'A mapping needs the code it maps to, such as "15-1252".';
  ELSIF coalesce(m->>'scheme', 'soc2018') = 'isco08' THEN
    IF (m->>'code') !~ '^[0-9]{1,4}$' THEN
      RETURN QUERY SELECT p || '.code', 'invalid ISCO-08 code ' || (m->'code')::text,
        'An ISCO-08 code is one to four digits, such as "2512".';
    END IF;
  ELSE
    why := card_cast_problem('soccode', m->>'code');
    IF why IS NOT NULL THEN
      RETURN QUERY SELECT p || '.code', 'invalid SOC code ' || (m->'code')::text, why;
    ELSIF NOT mapping_code_valid(coalesce(m->>'scheme', 'soc2018')::mapping_scheme, m->>'code') THEN
      RETURN QUERY SELECT p || '.code', 'code ' || (m->'code')::text || ' does not fit scheme ' || coalesce(m->>'scheme', 'soc2018'),
        'An onet2019 mapping takes an O*NET-SOC code such as 15-1252.00; soc2018 and soc2010 mappings take SOC groups or occupations without the .NN suffix.';
    END IF;
  END IF;
  IF card_typeof(m->'source') NOT IN ('missing', 'null') AND
     (card_typeof(m->'source') <> 'string' OR (m->>'source') <> ALL (enum_range(NULL::mapping_source)::text[])) THEN
    RETURN QUERY SELECT p || '.source', 'unknown source ' || (m->'source')::text,
      'The source is one of ' || array_to_string(enum_range(NULL::mapping_source)::text[], ', ') || '.';
  END IF;
  IF card_typeof(m->'review_status') NOT IN ('missing', 'null') AND
     (card_typeof(m->'review_status') <> 'string' OR (m->>'review_status') <> ALL (enum_range(NULL::review_status)::text[])) THEN
    RETURN QUERY SELECT p || '.review_status', 'unknown review status ' || (m->'review_status')::text,
      'The review status is one of ' || array_to_string(enum_range(NULL::review_status)::text[], ', ') || '.';
  END IF;
  IF card_typeof(m->'confidence') NOT IN ('missing', 'null') THEN
    why := CASE WHEN card_typeof(m->'confidence') IN ('number', 'string')
                THEN card_cast_problem('confidence', m->>'confidence')
                ELSE 'A confidence is a number from 0 to 1 or a string such as "60%".' END;
    IF why IS NOT NULL THEN
      RETURN QUERY SELECT p || '.confidence', 'invalid confidence ' || (m->'confidence')::text, why;
    END IF;
  END IF;
  FOREACH k IN ARRAY '{reviewer,note}'::text[] LOOP
    IF card_typeof(m->k) NOT IN ('missing', 'null', 'string') THEN
      RETURN QUERY SELECT p || '.' || k, 'expected a string, got ' || card_typeof(m->k),
        'The ' || k || ' of a mapping is free text or null.';
    END IF;
  END LOOP;
  IF card_typeof(m->'reviewed_at') NOT IN ('missing', 'null') THEN
    why := CASE WHEN card_typeof(m->'reviewed_at') = 'string' THEN card_cast_problem('timestamptz', m->>'reviewed_at')
                ELSE 'A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".' END;
    IF why IS NOT NULL THEN
      RETURN QUERY SELECT p || '.reviewed_at', 'invalid time ' || (m->'reviewed_at')::text, why;
    END IF;
  END IF;
END $$;
COMMENT ON FUNCTION card_mapping_problems(jsonb, text) IS
  'Internal to role card validation: the problems of one mapping object found at the given path.';

-- Every problem of a role card document, in document order.  Empty when the
-- card can be imported.
CREATE FUNCTION validate_role_card(card jsonb)
RETURNS TABLE (path text, problem text, detail text)
  LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  k text;
  v jsonb;
  e jsonb;
  i int;
  n int;
  why text;
  v_code rolecode;
  p text;
  prev_kind node_kind;
  prev_code rolecode;
  node_code rolecode;
  kinds constant text[] := '{responsibilities,tasks,skills,knowledge,competencies,qualifications,outputs}';
BEGIN
  IF card_typeof(card) <> 'object' THEN
    RETURN QUERY SELECT '$'::text, 'expected an object, got ' || card_typeof(card),
      'A role card is a JSON object with at least a code and a title.';
    RETURN;
  END IF;
  FOR k IN SELECT jsonb_object_keys(card) LOOP
    IF k <> ALL ('{format,code,title,level,summary,taxonomy,story,components,aliases,mappings}') THEN
      RETURN QUERY SELECT k, 'unknown field',
        'A role card has the fields format, code, title, level, summary, taxonomy, story, components, aliases and mappings.';
    END IF;
  END LOOP;
  IF card_typeof(card->'format') NOT IN ('missing', 'null') AND card->'format' <> '"roleext.role_card/1"' THEN
    RETURN QUERY SELECT 'format', 'unsupported format ' || (card->'format')::text,
      'This version of roleext reads role cards of format "roleext.role_card/1".';
  END IF;

  -- code, level
  IF card_typeof(card->'code') <> 'string' THEN
    RETURN QUERY SELECT 'code', 'expected a string, got ' || card_typeof(card->'code'),
      'A role card needs its role code, such as "DEI.GEN.P1".';
  ELSE
    why := card_cast_problem('rolecode', card->>'code');
    IF why IS NOT NULL THEN
      RETURN QUERY SELECT 'code', 'invalid role code ' || (card->'code')::text, why;
    ELSE
      v_code := (card->>'code')::rolecode;
      IF code_level(v_code) IS NULL THEN
        RETURN QUERY SELECT 'code', 'role code ' || (card->'code')::text || ' has no level',
          'A role code ends in a level label, such as the P1 in DEI.GEN.P1.';
        v_code := NULL;
      ELSIF NOT EXISTS (SELECT 1 FROM roleext.level l WHERE l.code = code_level(v_code)) THEN
        RETURN QUERY SELECT 'code', 'unknown level ' || code_level(v_code)::text,
          'The level of a role must exist in table roleext.level; add it there first.';
      END IF;
    END IF;
  END IF;
  IF card_typeof(card->'title') <> 'string' OR btrim(card->>'title') = '' THEN
    RETURN QUERY SELECT 'title', CASE WHEN card_typeof(card->'title') = 'string' THEN 'blank title'
                                      ELSE 'expected a string, got ' || card_typeof(card->'title') END,
      'A role card needs a non-blank title.';
  END IF;
  IF card_typeof(card->'level') NOT IN ('missing', 'null') AND v_code IS NOT NULL AND
     (card_typeof(card->'level') <> 'string' OR upper(btrim(card->>'level')) IS DISTINCT FROM code_level(v_code)::text) THEN
    RETURN QUERY SELECT 'level', 'level ' || (card->'level')::text || ' is not the code''s level ' || code_level(v_code)::text,
      'The level member repeats the level label of the code; leave it out or make them agree.';
  END IF;
  IF card_typeof(card->'summary') NOT IN ('missing', 'null', 'string') THEN
    RETURN QUERY SELECT 'summary', 'expected a string, got ' || card_typeof(card->'summary'),
      'The summary is free text or null.';
  END IF;

  -- taxonomy chain, top first, ending at the role's node
  v := card->'taxonomy';
  IF card_typeof(v) NOT IN ('missing', 'null', 'array') THEN
    RETURN QUERY SELECT 'taxonomy', 'expected an array, got ' || card_typeof(v),
      'The taxonomy is the chain of nodes above the role, top first, such as [{"code": "TECH", ...}, {"code": "DEI", ...}].';
  ELSIF card_typeof(v) = 'array' THEN
    n := jsonb_array_length(v);
    FOR i IN 0 .. n - 1 LOOP
      e := v->i;
      p := 'taxonomy[' || i || ']';
      IF card_typeof(e) <> 'object' THEN
        RETURN QUERY SELECT p, 'expected an object, got ' || card_typeof(e),
          'A taxonomy node is an object with a code, a kind and a name.';
        CONTINUE;
      END IF;
      FOR k IN SELECT jsonb_object_keys(e) LOOP
        IF k <> ALL ('{code,kind,name,description,mappings}') THEN
          RETURN QUERY SELECT p || '.' || k, 'unknown field',
            'A taxonomy node has the fields code, kind, name, description and mappings.';
        END IF;
      END LOOP;
      node_code := NULL;
      IF card_typeof(e->'code') <> 'string' THEN
        RETURN QUERY SELECT p || '.code', 'expected a string, got ' || card_typeof(e->'code'),
          'A taxonomy node needs its code, such as "DEI" or "DEI.GEN".';
      ELSE
        why := card_cast_problem('rolecode', e->>'code');
        IF why IS NOT NULL THEN
          RETURN QUERY SELECT p || '.code', 'invalid node code ' || (e->'code')::text, why;
        ELSE
          node_code := (e->>'code')::rolecode;
          IF code_level(node_code) IS NOT NULL THEN
            RETURN QUERY SELECT p || '.code', 'node code ' || (e->'code')::text || ' ends in a level',
              'Taxonomy node codes name functions, families and specializations; only role codes end in a level.';
          ELSIF i = n - 1 AND v_code IS NOT NULL AND node_code <> code_family(v_code) THEN
            RETURN QUERY SELECT p || '.code', 'the last node ' || (e->'code')::text || ' is not the role''s node ' || code_family(v_code)::text,
              'The taxonomy chain ends at the node the role code names: the code without its level.';
          ELSIF ((i = 0 AND NOT EXISTS (SELECT 1 FROM roleext.taxonomy t WHERE t.code = node_code))
                 OR (i > 0 AND (prev_code IS NULL OR prev_kind = 'superfunction')))
                AND code_depth(node_code) <> 1 THEN
            RETURN QUERY SELECT p || '.code', 'node code ' || (e->'code')::text || ' must be a single label',
              'Superfunctions, and nodes at the top or directly under a superfunction, have one-label codes such as TECH or DEI.';
          ELSIF prev_code IS NOT NULL AND prev_kind <> 'superfunction'
                AND NOT (prev_code OPERATOR(roleext.@>) node_code AND code_depth(node_code) = code_depth(prev_code) + 1) THEN
            RETURN QUERY SELECT p || '.code', 'node code ' || (e->'code')::text || ' does not extend ' || prev_code::text,
              'Below a function, a node''s code is its parent''s code plus one label, e.g. DEI.GEN under DEI.';
          END IF;
        END IF;
      END IF;
      IF card_typeof(e->'kind') <> 'string' OR (e->>'kind') <> ALL (enum_range(NULL::node_kind)::text[]) THEN
        RETURN QUERY SELECT p || '.kind', 'unknown kind ' || coalesce((e->'kind')::text, 'missing'),
          'The kind is one of superfunction, function, family, specialization.';
      ELSE
        IF prev_kind IS NOT NULL AND (e->>'kind')::node_kind <= prev_kind THEN
          RETURN QUERY SELECT p || '.kind', (e->>'kind') || ' cannot sit under a ' || prev_kind,
            'The chain runs from the highest kind down: superfunction, function, family, specialization.';
        END IF;
        prev_kind := (e->>'kind')::node_kind;
      END IF;
      prev_code := node_code;
      IF card_typeof(e->'name') <> 'string' OR btrim(e->>'name') = '' THEN
        RETURN QUERY SELECT p || '.name', CASE WHEN card_typeof(e->'name') = 'string' THEN 'blank name'
                                              ELSE 'expected a string, got ' || card_typeof(e->'name') END,
          'A taxonomy node needs a non-blank name.';
      END IF;
      IF card_typeof(e->'description') NOT IN ('missing', 'null', 'string') THEN
        RETURN QUERY SELECT p || '.description', 'expected a string, got ' || card_typeof(e->'description'),
          'The description is free text or null.';
      END IF;
      IF card_typeof(e->'mappings') NOT IN ('missing', 'null', 'array') THEN
        RETURN QUERY SELECT p || '.mappings', 'expected an array, got ' || card_typeof(e->'mappings'),
          'The mappings of a node are an array of mapping objects.';
      ELSIF card_typeof(e->'mappings') = 'array' THEN
        FOR i2 IN 0 .. jsonb_array_length(e->'mappings') - 1 LOOP
          RETURN QUERY SELECT * FROM card_mapping_problems(e->'mappings'->i2, p || '.mappings[' || i2 || ']');
        END LOOP;
        RETURN QUERY
          SELECT p || '.mappings[' || (min(o) - 1) || ']', 'duplicate mapping ' || coalesce(x->>'scheme', 'soc2018') || ' ' || (x->>'code'),
                 'A node maps to each code of a scheme once.'
          FROM jsonb_array_elements(e->'mappings') WITH ORDINALITY t(x, o)
          WHERE card_typeof(x->'code') = 'string'
          GROUP BY coalesce(x->>'scheme', 'soc2018'), x->>'code' HAVING count(*) > 1;
      END IF;
    END LOOP;
    IF n = 0 THEN
      RETURN QUERY SELECT 'taxonomy', 'empty chain',
        'The taxonomy chain lists at least the role''s own node; leave the member out to use nodes already in the database.';
    END IF;
  ELSIF v_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM roleext.taxonomy t WHERE t.code = code_family(v_code)) THEN
    RETURN QUERY SELECT 'taxonomy', 'missing, and node ' || code_family(v_code)::text || ' is not in the database',
      'A card without a taxonomy chain can only name a node that already exists.';
  END IF;

  -- story
  v := card->'story';
  IF card_typeof(v) NOT IN ('missing', 'null', 'object') THEN
    RETURN QUERY SELECT 'story', 'expected an object, got ' || card_typeof(v),
      'The story is an object with who, external_problem, internal_problem, why_it_matters, plan, stakes and success.';
  ELSIF card_typeof(v) = 'object' THEN
    FOR k IN SELECT jsonb_object_keys(v) LOOP
      IF k <> ALL ('{who,external_problem,internal_problem,why_it_matters,plan,stakes,success}') THEN
        RETURN QUERY SELECT 'story.' || k, 'unknown field',
          'The story has the fields who, external_problem, internal_problem, why_it_matters, plan, stakes and success.';
      ELSIF k = 'plan' THEN
        IF card_typeof(v->k) NOT IN ('null', 'array') THEN
          RETURN QUERY SELECT 'story.plan', 'expected an array, got ' || card_typeof(v->k),
            'The plan is an array of steps, each a string.';
        ELSIF card_typeof(v->k) = 'array' THEN
          RETURN QUERY SELECT 'story.plan[' || (o - 1) || ']', 'expected a string, got ' || card_typeof(x),
                              'Each step of the plan is a string.'
                       FROM jsonb_array_elements(v->k) WITH ORDINALITY t(x, o) WHERE card_typeof(x) <> 'string';
        END IF;
      ELSIF card_typeof(v->k) NOT IN ('null', 'string') THEN
        RETURN QUERY SELECT 'story.' || k, 'expected a string, got ' || card_typeof(v->k),
          'Story fields are free text or null.';
      END IF;
    END LOOP;
  END IF;

  -- components
  v := card->'components';
  IF card_typeof(v) NOT IN ('missing', 'null', 'object') THEN
    RETURN QUERY SELECT 'components', 'expected an object, got ' || card_typeof(v),
      'Components are an object of arrays keyed by kind: responsibilities, tasks, skills, knowledge, competencies, qualifications, outputs.';
  ELSIF card_typeof(v) = 'object' THEN
    FOR k IN SELECT jsonb_object_keys(v) LOOP
      p := 'components.' || k;
      IF k <> ALL (kinds) THEN
        RETURN QUERY SELECT p, 'unknown component kind',
          'Component kinds are responsibilities, tasks, skills, knowledge, competencies, qualifications and outputs.';
        CONTINUE;
      END IF;
      IF card_typeof(v->k) NOT IN ('null', 'array') THEN
        RETURN QUERY SELECT p, 'expected an array, got ' || card_typeof(v->k),
          'Each component kind holds an array of components such as {"name": "Automation scripting"}.';
        CONTINUE;
      END IF;
      RETURN QUERY
        SELECT p || '[' || (o - 1) || ']' || sub.path, sub.problem, sub.detail
        FROM jsonb_array_elements(coalesce(v->k, '[]')) WITH ORDINALITY t(x, o),
        LATERAL (
          SELECT '', 'expected an object, got ' || card_typeof(x),
                 'A component is an object with a name, and optionally prevalence, scope and description.'
           WHERE card_typeof(x) <> 'object'
          UNION ALL
          SELECT '.' || f, 'unknown field', 'A component has the fields name, prevalence, scope and description.'
            FROM jsonb_object_keys(CASE WHEN card_typeof(x) = 'object' THEN x ELSE '{}' END) f
           WHERE f <> ALL ('{name,prevalence,scope,description}')
          UNION ALL
          SELECT '.name', CASE WHEN card_typeof(x->'name') = 'string' THEN 'blank name'
                               ELSE 'expected a string, got ' || card_typeof(x->'name') END,
                 'A component needs a non-blank name.'
           WHERE card_typeof(x) = 'object' AND (card_typeof(x->'name') <> 'string' OR btrim(x->>'name') = '')
          UNION ALL
          SELECT '.prevalence', 'unknown prevalence ' || (x->'prevalence')::text,
                 'The prevalence is one of ' || array_to_string(enum_range(NULL::component_prevalence)::text[], ', ') || '.'
           WHERE card_typeof(x->'prevalence') NOT IN ('missing', 'null')
             AND (card_typeof(x->'prevalence') <> 'string' OR (x->>'prevalence') <> ALL (enum_range(NULL::component_prevalence)::text[]))
          UNION ALL
          SELECT '.scope', 'unknown scope ' || (x->'scope')::text,
                 'The scope is one of ' || array_to_string(enum_range(NULL::component_scope)::text[], ', ') || '.'
           WHERE card_typeof(x->'scope') NOT IN ('missing', 'null')
             AND (card_typeof(x->'scope') <> 'string' OR (x->>'scope') <> ALL (enum_range(NULL::component_scope)::text[]))
          UNION ALL
          SELECT '.description', 'expected a string, got ' || card_typeof(x->'description'),
                 'The description is free text or null.'
           WHERE card_typeof(x->'description') NOT IN ('missing', 'null', 'string')
        ) sub(path, problem, detail)
        ORDER BY o;
      RETURN QUERY
        SELECT p || '[' || (max(o) - 1) || '].name', 'duplicate component ' || to_jsonb(x->>'name')::text,
               'A role lists each component of a kind once.'
        FROM jsonb_array_elements(coalesce(v->k, '[]')) WITH ORDINALITY t(x, o)
        WHERE card_typeof(x->'name') = 'string'
        GROUP BY x->>'name' HAVING count(*) > 1;
    END LOOP;
  END IF;

  -- aliases
  v := card->'aliases';
  IF card_typeof(v) NOT IN ('missing', 'null', 'array') THEN
    RETURN QUERY SELECT 'aliases', 'expected an array, got ' || card_typeof(v),
      'Aliases are an array of objects such as {"alias": "DevOps Engineer", "type": "common", "confidence": 0.6}.';
  ELSIF card_typeof(v) = 'array' THEN
    FOR i IN 0 .. jsonb_array_length(v) - 1 LOOP
      e := v->i;
      p := 'aliases[' || i || ']';
      IF card_typeof(e) <> 'object' THEN
        RETURN QUERY SELECT p, 'expected an object, got ' || card_typeof(e),
          'An alias is an object with at least the alias text.';
        CONTINUE;
      END IF;
      FOR k IN SELECT jsonb_object_keys(e) LOOP
        IF k <> ALL ('{alias,type,confidence,approved,approved_by,approved_at}') THEN
          RETURN QUERY SELECT p || '.' || k, 'unknown field',
            'An alias has the fields alias, type, confidence, approved, approved_by and approved_at.';
        END IF;
      END LOOP;
      IF card_typeof(e->'alias') <> 'string' OR btrim(e->>'alias') = '' THEN
        RETURN QUERY SELECT p || '.alias', CASE WHEN card_typeof(e->'alias') = 'string' THEN 'blank alias'
                                               ELSE 'expected a string, got ' || card_typeof(e->'alias') END,
          'An alias needs its non-blank text.';
      END IF;
      IF card_typeof(e->'type') NOT IN ('missing', 'null') AND
         (card_typeof(e->'type') <> 'string' OR (e->>'type') <> ALL (enum_range(NULL::alias_type)::text[])) THEN
        RETURN QUERY SELECT p || '.type', 'unknown alias type ' || (e->'type')::text,
          'The alias type is one of ' || array_to_string(enum_range(NULL::alias_type)::text[], ', ') || '.';
      END IF;
      IF card_typeof(e->'confidence') NOT IN ('missing', 'null') THEN
        why := CASE WHEN card_typeof(e->'confidence') IN ('number', 'string')
                    THEN card_cast_problem('confidence', e->>'confidence')
                    ELSE 'A confidence is a number from 0 to 1 or a string such as "60%".' END;
        IF why IS NOT NULL THEN
          RETURN QUERY SELECT p || '.confidence', 'invalid confidence ' || (e->'confidence')::text, why;
        END IF;
      END IF;
      IF card_typeof(e->'approved') NOT IN ('missing', 'null', 'boolean') THEN
        RETURN QUERY SELECT p || '.approved', 'expected true, false or null, got ' || card_typeof(e->'approved'),
          'approved is null until the alias is reviewed, then true or false.';
      END IF;
      IF card_typeof(e->'approved_by') NOT IN ('missing', 'null', 'string') THEN
        RETURN QUERY SELECT p || '.approved_by', 'expected a string, got ' || card_typeof(e->'approved_by'),
          'approved_by names the reviewer.';
      END IF;
      IF card_typeof(e->'approved_at') NOT IN ('missing', 'null') THEN
        why := CASE WHEN card_typeof(e->'approved_at') = 'string' THEN card_cast_problem('timestamptz', e->>'approved_at')
                    ELSE 'A time is an ISO 8601 string such as "2026-11-26T10:00:00Z".' END;
        IF why IS NOT NULL THEN
          RETURN QUERY SELECT p || '.approved_at', 'invalid time ' || (e->'approved_at')::text, why;
        END IF;
      END IF;
      IF card_typeof(e->'approved') IN ('missing', 'null') AND
         (card_typeof(e->'approved_by') NOT IN ('missing', 'null') OR card_typeof(e->'approved_at') NOT IN ('missing', 'null')) THEN
        RETURN QUERY SELECT p || '.approved', 'reviewer or review time given without a review',
          'approved_by and approved_at record a review: give approved (true or false) with them, or leave them out.';
      END IF;
    END LOOP;
    RETURN QUERY
      SELECT 'aliases[' || (max(o) - 1) || '].alias', 'duplicate alias ' || to_jsonb(x->>'alias')::text,
             'A role lists each alias once.'
      FROM jsonb_array_elements(v) WITH ORDINALITY t(x, o)
      WHERE card_typeof(x->'alias') = 'string'
      GROUP BY x->>'alias' HAVING count(*) > 1;
  END IF;

  -- the role's own mappings
  v := card->'mappings';
  IF card_typeof(v) NOT IN ('missing', 'null', 'array') THEN
    RETURN QUERY SELECT 'mappings', 'expected an array, got ' || card_typeof(v),
      'Mappings are an array of objects such as {"scheme": "soc2018", "code": "15-1252"}.';
  ELSIF card_typeof(v) = 'array' THEN
    FOR i IN 0 .. jsonb_array_length(v) - 1 LOOP
      RETURN QUERY SELECT * FROM card_mapping_problems(v->i, 'mappings[' || i || ']');
    END LOOP;
    RETURN QUERY
      SELECT 'mappings[' || (max(o) - 1) || ']', 'duplicate mapping ' || coalesce(x->>'scheme', 'soc2018') || ' ' || (x->>'code'),
             'A role maps to each code of a scheme once.'
      FROM jsonb_array_elements(v) WITH ORDINALITY t(x, o)
      WHERE card_typeof(x->'code') = 'string'
      GROUP BY coalesce(x->>'scheme', 'soc2018'), x->>'code' HAVING count(*) > 1;
  END IF;
END $$;
COMMENT ON FUNCTION validate_role_card(jsonb) IS
  'Every problem of a role card document as (path, problem, detail), in document order; no rows when import_role_card would accept it. Paths look like components.skills[3].name (arrays count from 0).';

