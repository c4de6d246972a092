-- From occupation to role card (doc/content.md): draft_role_card drafts a
-- card (doc/role-card.md) from an occupation's O*NET content, skill_gap
-- lists what a role lacks of another, career_steps the roles one grade up
-- that are closest in content.

-- The O*NET-SOC occupation with content that code names: itself, or the .00
-- occupation of a SOC 2018 detailed code; 22023 otherwise.
CREATE FUNCTION content_occupation(code soccode) RETURNS soccode
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
  SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  c roleext.soccode := code;
BEGIN
  IF roleext.soc_level(c) OPERATOR(pg_catalog.=) 'detailed' THEN
    c := (c::text OPERATOR(pg_catalog.||) '.00')::roleext.soccode;
  END IF;
  IF NOT EXISTS (SELECT FROM roleext.onet_content_vector v WHERE v.code OPERATOR(roleext.=) c) THEN
    RAISE EXCEPTION 'occupation % has no O*NET content', code USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'O*NET 27.0 describes 923 O*NET-SOC 2019 occupations (such as 15-1252.00, or the SOC 2018 detailed code 15-1252 for its .00 occupation); groups and the 93 occupations without data have no content.';
  END IF;
  RETURN c;
END $$;
COMMENT ON FUNCTION content_occupation(soccode) IS
  'Internal to the content functions: the O*NET-SOC 2019 occupation with O*NET content a code names (itself, or the .00 occupation of a SOC 2018 detailed code); 22023 when there is none.';

-- The role code of a drafted card: the SOC groups of the occupation as
-- superfunction, function, family and specialization, then the level:
-- ONET15 . ONET15_1200 (function) . 1250 (family) . 1252_00 (specialization) . P2
CREATE FUNCTION content_draft_code(code soccode, level rolelevel) RETURNS rolecode
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN (pg_catalog.format('ONET%s_%s.%s.%s.%s',
            pg_catalog.substr(code::text, 1, 2),
            pg_catalog.substr(roleext.soc_ancestor(code, 'minor')::text, 4, 4),
            pg_catalog.substr(roleext.soc_ancestor(code, 'broad')::text, 4, 4),
            pg_catalog.translate(pg_catalog.substr(code::text, 4), '.', '_'),
            level::text))::roleext.rolecode;
COMMENT ON FUNCTION content_draft_code(soccode, rolelevel) IS
  'The role code draft_role_card gives an O*NET-SOC occupation at a level: ONET<major>_<minor> (function, under superfunction ONET<major>), <broad> (family), <detailed>_<suffix> (specialization), the level; e.g. 15-1252.00 at P2 -> ONET15_1200.1250.1252_00.P2.';

-- The years of related work experience (O*NET scale RW) a category covers.
CREATE FUNCTION content_rw_years(category int4) RETURNS numrange
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN CASE category
    WHEN 1 THEN '[0,0]'::pg_catalog.numrange          -- None
    WHEN 2 THEN '(0,0.0834]'::pg_catalog.numrange     -- up to 1 month
    WHEN 3 THEN '(0.0834,0.25]'::pg_catalog.numrange  -- over 1 month, up to 3 months
    WHEN 4 THEN '(0.25,0.5]'::pg_catalog.numrange
    WHEN 5 THEN '(0.5,1]'::pg_catalog.numrange
    WHEN 6 THEN '(1,2]'::pg_catalog.numrange
    WHEN 7 THEN '(2,4]'::pg_catalog.numrange
    WHEN 8 THEN '(4,6]'::pg_catalog.numrange
    WHEN 9 THEN '(6,8]'::pg_catalog.numrange
    WHEN 10 THEN '(8,10]'::pg_catalog.numrange
    WHEN 11 THEN '(10,)'::pg_catalog.numrange        -- over 10 years
  END;
COMMENT ON FUNCTION content_rw_years(int4) IS
  'Internal to draft_role_card: the years of experience a category of O*NET''s Related Work Experience scale (RW, onet_ete_category) covers, e.g. 7 -> (2,4]; NULL for another number.';

CREATE FUNCTION draft_role_card(code soccode, level rolelevel) RETURNS jsonb
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
  SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  occ roleext.soccode := roleext.content_occupation(code);
  rc roleext.rolecode;
  fn text;
  mapping jsonb;
  years int4range;
  rw text;
  by_level boolean;
BEGIN
  SELECT l.experience INTO years FROM roleext.level l WHERE l.code OPERATOR(roleext.=) draft_role_card.level;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'level % does not exist', draft_role_card.level USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'A drafted card is for a level of table roleext.level, such as P2.';
  END IF;
  -- typical experience: the most frequent category of related work
  -- experience within the level's experience range, if it has one and
  -- O*NET reports any, else the most frequent overall
  SELECT c.name, years IS NOT NULL AND o.overlaps INTO rw, by_level
  FROM roleext.onet_component c
  CROSS JOIN LATERAL (SELECT coalesce(roleext.content_rw_years(c.ete_category) OPERATOR(pg_catalog.&&)
                        pg_catalog.numrange(pg_catalog.lower(years)::numeric, pg_catalog.upper(years)::numeric, '[)'),
                        false) AS overlaps) o
  WHERE c.code OPERATOR(roleext.=) occ AND c.ete_scale OPERATOR(pg_catalog.=) 'RW'
  ORDER BY (years IS NOT NULL AND o.overlaps) DESC, c.score DESC, c.ete_category
  LIMIT 1;
  rc := roleext.content_draft_code(occ, draft_role_card.level);
  fn := pg_catalog.split_part(rc::text, '.', 1);
  mapping := pg_catalog.jsonb_build_object('source', 'onet_content', 'review_status', 'needs_review');
  RETURN (
    SELECT pg_catalog.jsonb_build_object(
      'format', 'roleext.role_card/1',
      'code', rc::text,
      'title', pg_catalog.format('%s (%s)', o.title, draft_role_card.level::text),
      'level', draft_role_card.level::text,
      'summary', o.description,
      'taxonomy', pg_catalog.jsonb_build_array(
        pg_catalog.jsonb_build_object('code', 'ONET' OPERATOR(pg_catalog.||) pg_catalog.substr(occ::text, 1, 2),
          'kind', 'superfunction', 'name', ma.title,
          'mappings', pg_catalog.jsonb_build_array(mapping OPERATOR(pg_catalog.||)
            pg_catalog.jsonb_build_object('scheme', 'soc2018', 'code', ma.code::text))),
        pg_catalog.jsonb_build_object('code', fn, 'kind', 'function', 'name', mi.title,
          'mappings', pg_catalog.jsonb_build_array(mapping OPERATOR(pg_catalog.||)
            pg_catalog.jsonb_build_object('scheme', 'soc2018', 'code', mi.code::text))),
        pg_catalog.jsonb_build_object('code', roleext.code_prefix(rc, 2)::text, 'kind', 'family', 'name', br.title,
          'mappings', pg_catalog.jsonb_build_array(mapping OPERATOR(pg_catalog.||)
            pg_catalog.jsonb_build_object('scheme', 'soc2018', 'code', br.code::text))),
        pg_catalog.jsonb_build_object('code', roleext.code_prefix(rc, 3)::text, 'kind', 'specialization', 'name', o.title,
          'mappings', pg_catalog.jsonb_build_array(mapping OPERATOR(pg_catalog.||)
            pg_catalog.jsonb_build_object('scheme', 'onet2019', 'code', occ::text)))),
      'story', pg_catalog.jsonb_build_object('plan', '[]'::jsonb),
      'components', (
        SELECT pg_catalog.jsonb_object_agg(roleext.card_component_member(k.kind), coalesce((
                 SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                          'name', c.name, 'prevalence', c.prevalence,
                          'scope', CASE WHEN c.ete_scale OPERATOR(pg_catalog.=) 'RW' AND by_level THEN 'level' ELSE 'specialization' END,
                          'description', c.description) ORDER BY c.position)
                 FROM roleext.onet_component c
                 WHERE c.code OPERATOR(roleext.=) occ
                   AND c.kind OPERATOR(pg_catalog.=) k.kind
                   AND CASE WHEN c.ete_scale OPERATOR(pg_catalog.=) 'RW' THEN c.name OPERATOR(pg_catalog.=) rw
                            ELSE c.in_draft END), '[]'::jsonb))
        FROM pg_catalog.unnest(pg_catalog.enum_range(NULL::roleext.component_kind)) k(kind)),
      'aliases', '[]'::jsonb,
      'mappings', pg_catalog.jsonb_build_array(mapping OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object(
        'scheme', 'onet2019', 'code', occ::text,
        'note', 'Drafted by draft_role_card from the O*NET 27.0 Database (USDOL/ETA, CC BY 4.0).')))
    FROM roleext.onet2019_occupation o
    JOIN roleext.soc2018_code ma ON ma.code OPERATOR(roleext.=) roleext.soc_ancestor(occ, 'major')
    JOIN roleext.soc2018_code mi ON mi.code OPERATOR(roleext.=) roleext.soc_ancestor(occ, 'minor')
    JOIN roleext.soc2018_code br ON br.code OPERATOR(roleext.=) roleext.soc_ancestor(occ, 'broad')
    WHERE o.code OPERATOR(roleext.=) occ);
END $$;
COMMENT ON FUNCTION draft_role_card(soccode, rolelevel) IS
  'A role card (format roleext.role_card/1, doc/role-card.md) drafted from the O*NET 27.0 content of an O*NET-SOC 2019 occupation (or the .00 occupation of a SOC 2018 detailed code) at a level, for import_role_card: code ONET<major>_<minor>.<broad>.<detailed>_<suffix>.<level> under a taxonomy chain of the occupation''s SOC groups, responsibilities and tasks from its core tasks and their work activities, skills from its technologies (hot first) and tools, competencies from its work styles, qualifications from its education, training and experience (the typical experience within the level''s experience range when it has one); every component says in its description where in O*NET it comes from; the role''s mapping has source onet_content and needs review. 22023 for an occupation without content or an unknown level. See doc/content.md.';

-- What a role's occupations bring as components, scored: the weighted
-- mean of onet_component.score over the role's occupations (an occupation
-- without the component counts 0), with the prevalence of its strongest
-- occupation and its description.
CREATE FUNCTION content_role_components(of_role rolecode)
RETURNS TABLE (kind component_kind, name text, description text, prevalence component_prevalence,
               score float8, occupations text)
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT c.kind, c.name, pg_catalog.min(c.description),
         (pg_catalog.array_agg(c.prevalence ORDER BY c.score DESC, c.prevalence))[1],
         pg_catalog.sum(o.weight OPERATOR(pg_catalog.*) c.score),
         pg_catalog.string_agg(c.code::text, ', ' ORDER BY c.code)
  FROM roleext.content_role_occupations(of_role) o
  JOIN roleext.onet_component c ON c.code OPERATOR(roleext.=) o.code
  GROUP BY c.kind, c.name;
END;
COMMENT ON FUNCTION content_role_components(rolecode) IS
  'Internal to suggest_components and skill_gap: the O*NET components of a role''s occupations (content_role_occupations) with their score (the weighted mean of onet_component.score, 0 to 1), the prevalence in the occupation where it is strongest, the description and the occupations that have it.';

CREATE FUNCTION skill_gap(from_role rolecode, to_role rolecode)
RETURNS TABLE (kind component_kind, name text, prevalence component_prevalence, source text, score float8)
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE ROWS 20
  SET search_path = pg_catalog, roleext, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM roleext.role r WHERE r.code OPERATOR(roleext.=) from_role) THEN
    RAISE EXCEPTION 'role % does not exist', from_role USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'skill_gap compares two roles of table roleext.role.';
  END IF;
  IF NOT EXISTS (SELECT FROM roleext.role r WHERE r.code OPERATOR(roleext.=) to_role) THEN
    RAISE EXCEPTION 'role % does not exist', to_role USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'skill_gap compares two roles of table roleext.role.';
  END IF;
  RETURN QUERY
  WITH have AS (
    SELECT rc.kind, rc.name FROM roleext.role_component rc WHERE rc.role OPERATOR(roleext.=) from_role
    UNION
    SELECT c.kind, c.name FROM roleext.content_role_components(from_role) c
  ), card AS (
    SELECT rc.kind, rc.name, rc.prevalence, 'card'::text AS source,
           CASE rc.prevalence WHEN 'core' THEN 1::float8 WHEN 'common' THEN 0.7::float8 ELSE 0.4::float8 END AS score,
           rc.position
    FROM roleext.role_component rc
    WHERE rc.role OPERATOR(roleext.=) to_role
  ), onet AS (
    SELECT c.kind, c.name, c.prevalence, 'onet_content'::text, c.score, 0
    FROM roleext.content_role_components(to_role) c
    WHERE NOT EXISTS (SELECT FROM card x WHERE x.kind OPERATOR(pg_catalog.=) c.kind AND x.name OPERATOR(pg_catalog.=) c.name)
      AND c.kind OPERATOR(pg_catalog.<>) 'task' AND c.score OPERATOR(pg_catalog.>=) 0.5
  )
  SELECT g.kind, g.name, g.prevalence, g.source, g.score
  FROM (SELECT * FROM card UNION ALL SELECT * FROM onet) g
  WHERE NOT EXISTS (SELECT FROM have h WHERE h.kind OPERATOR(pg_catalog.=) g.kind AND h.name OPERATOR(pg_catalog.=) g.name)
  ORDER BY g.kind, g.source, g.score DESC, g.position, g.name;
END $$;
COMMENT ON FUNCTION skill_gap(rolecode, rolecode) IS
  'What a move from one role to another asks to acquire: the components of to_role''s card (source card) and the O*NET components of its occupations scoring 0.5 or more, tasks left out (source onet_content), that from_role has neither on its card nor through its occupations, by kind, strongest first. 22023 for an unknown role.';

CREATE FUNCTION career_steps(role rolecode, k int4 DEFAULT 5)
RETURNS TABLE (step rolecode, title text, level rolelevel, similarity float8, to_acquire int4, components text[])
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE ROWS 5
  SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  g float8;
BEGIN
  SELECT l.grade INTO g FROM roleext.role r JOIN roleext.level l ON l.code OPERATOR(roleext.=) r.level
  WHERE r.code OPERATOR(roleext.=) career_steps.role;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'role % does not exist', career_steps.role USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'career_steps takes the code of a role in table roleext.role.';
  END IF;
  IF k < 0 OR k > 100 THEN
    RAISE EXCEPTION 'k must be between 0 and 100, not %', k USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'career_steps returns the k closest roles one grade up.';
  END IF;
  RETURN QUERY
    SELECT n.code, r.title, r.level, n.similarity, gap.n::int4, gap.names
    FROM roleext.content_role_neighbours(career_steps.role, k, g, g OPERATOR(pg_catalog.+) 1::float8)
           WITH ORDINALITY n0(code, similarity, ord)
    CROSS JOIN LATERAL (SELECT n0.code::roleext.rolecode AS code, n0.similarity, n0.ord) n
    JOIN roleext.role r ON r.code OPERATOR(roleext.=) n.code
    CROSS JOIN LATERAL (
      SELECT pg_catalog.count(*) AS n,
             pg_catalog.array_agg(s.kind::text OPERATOR(pg_catalog.||) ': ' OPERATOR(pg_catalog.||) s.name) AS names
      FROM roleext.skill_gap(career_steps.role, n.code) s) gap
    ORDER BY n.ord;
END $$;
COMMENT ON FUNCTION career_steps(rolecode, int4) IS
  'The k (default 5) roles one step up from a role (level grade above its own, at most one grade higher: P2 -> P3 or M1) that are closest in content (role_similarity), best first, each with the number and the list ("kind: name") of the components to acquire (skill_gap). Beside adjacent_roles, which ranks by structure; see doc/content.md. 22023 for an unknown role or k outside 0..100.';
