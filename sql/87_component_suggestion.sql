-- Component suggestions from O*NET content (doc/content.md): the workflow of
-- suggest_mappings for components.  suggest_components(role) stores, for
-- review, the O*NET components of the role's occupations that its card
-- lacks; approving one puts it on the card, rejecting one keeps it from
-- being suggested again.  The table holds user decisions, so pg_dump keeps
-- it.

CREATE TABLE component_suggestion (
  role          rolecode NOT NULL REFERENCES role (code) ON UPDATE CASCADE ON DELETE CASCADE,
  kind          component_kind NOT NULL,
  name          text NOT NULL CONSTRAINT component_suggestion_name_not_blank CHECK (pg_catalog.btrim(name) OPERATOR(pg_catalog.<>) ''),
  description   text,
  prevalence    component_prevalence NOT NULL DEFAULT 'common',
  score         float8 NOT NULL CONSTRAINT component_suggestion_score_range
                CHECK (score OPERATOR(pg_catalog.>=) 0 AND score OPERATOR(pg_catalog.<=) 1),
  evidence      text,
  review_status review_status NOT NULL DEFAULT 'needs_review',
  reviewer      text,
  reviewed_at   timestamptz,
  suggested_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
  CONSTRAINT component_suggestion_pkey PRIMARY KEY (role, kind, name)
);
COMMENT ON TABLE component_suggestion IS
  'Components that O*NET content suggests for a role (suggest_components) and the review decisions on them: needs_review until approve_component or reject_component; an approved one is on the card, a rejected one is not suggested again.';
COMMENT ON COLUMN component_suggestion.role IS 'The role.';
COMMENT ON COLUMN component_suggestion.kind IS 'The component kind.';
COMMENT ON COLUMN component_suggestion.name IS 'The component name, as O*NET writes it.';
COMMENT ON COLUMN component_suggestion.description IS 'Where in O*NET 27.0 it comes from (the description the component gets when approved, unless the catalogue has one).';
COMMENT ON COLUMN component_suggestion.prevalence IS 'The prevalence it gets on the card when approved.';
COMMENT ON COLUMN component_suggestion.score IS 'How strongly the role''s occupations have it, 0 to 1 (the ranking).';
COMMENT ON COLUMN component_suggestion.evidence IS 'The O*NET-SOC occupations behind the suggestion.';
COMMENT ON COLUMN component_suggestion.review_status IS 'needs_review, approved or rejected.';
COMMENT ON COLUMN component_suggestion.reviewer IS 'Who reviewed it.';
COMMENT ON COLUMN component_suggestion.reviewed_at IS 'When it was reviewed.';
COMMENT ON COLUMN component_suggestion.suggested_at IS 'When it was last suggested.';
CREATE INDEX component_suggestion_pending_idx ON component_suggestion (role, score DESC) WHERE review_status OPERATOR(pg_catalog.=) 'needs_review';
COMMENT ON INDEX component_suggestion_pending_idx IS 'The review work list of a role.';
SELECT pg_catalog.pg_extension_config_dump('component_suggestion', '');

CREATE FUNCTION suggest_components(role rolecode, min_score float8 DEFAULT 0.3)
RETURNS SETOF component_suggestion
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM roleext.role r WHERE r.code OPERATOR(roleext.=) suggest_components.role) THEN
    RAISE EXCEPTION 'role % does not exist', suggest_components.role USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'suggest_components takes the code of a role in table roleext.role.';
  END IF;
  IF NOT EXISTS (SELECT FROM roleext.content_role_occupations(suggest_components.role)) THEN
    RAISE EXCEPTION 'role % has no occupation with O*NET content', suggest_components.role
      USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'A role gets suggestions through an effective soc2018 or onet2019 mapping (its own or its nearest mapped ancestor''s, view role_mappings) to a code with O*NET content; map it first (suggest_mappings).';
  END IF;
  -- pending suggestions the card has meanwhile taken are done with
  DELETE FROM roleext.component_suggestion s
  WHERE s.role OPERATOR(roleext.=) suggest_components.role AND s.review_status OPERATOR(pg_catalog.=) 'needs_review'
    AND EXISTS (SELECT FROM roleext.role_component rc
                WHERE rc.role OPERATOR(roleext.=) s.role AND rc.kind OPERATOR(pg_catalog.=) s.kind
                  AND rc.name OPERATOR(pg_catalog.=) s.name);
  INSERT INTO roleext.component_suggestion AS s (role, kind, name, description, prevalence, score, evidence)
  SELECT suggest_components.role, c.kind, c.name, c.description, c.prevalence, LEAST(c.score, 1::float8),
         'O*NET 27.0: ' OPERATOR(pg_catalog.||) c.occupations
  FROM roleext.content_role_components(suggest_components.role) c
  WHERE c.score OPERATOR(pg_catalog.>=) min_score
    AND NOT EXISTS (SELECT FROM roleext.role_component rc
                    WHERE rc.role OPERATOR(roleext.=) suggest_components.role
                      AND rc.kind OPERATOR(pg_catalog.=) c.kind AND rc.name OPERATOR(pg_catalog.=) c.name)
  ON CONFLICT ON CONSTRAINT component_suggestion_pkey DO UPDATE
    SET description = excluded.description, prevalence = excluded.prevalence, score = excluded.score,
        evidence = excluded.evidence, suggested_at = excluded.suggested_at
    WHERE s.review_status OPERATOR(pg_catalog.=) 'needs_review';
  RETURN QUERY
    SELECT s.* FROM roleext.component_suggestion s
    WHERE s.role OPERATOR(roleext.=) suggest_components.role AND s.review_status OPERATOR(pg_catalog.=) 'needs_review'
    ORDER BY s.score DESC, s.kind, s.name;
END $$;
COMMENT ON FUNCTION suggest_components(rolecode, float8) IS
  'Store for review the O*NET components of a role''s occupations (its effective soc2018 / onet2019 mapping, content_role_occupations) that its card lacks, scoring min_score (default 0.3) or more, and return the role''s review work list: every suggestion still needing review, strongest first. Suggestions already decided are kept as they are (a rejected one is not suggested again); pending ones the card has taken meanwhile are dropped. 22023 for an unknown role or one without an occupation with O*NET content. Editors only.';

CREATE FUNCTION review_component(role rolecode, kind component_kind, name text, decision review_status,
                                 reviewer text DEFAULT current_user)
RETURNS component_suggestion
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  result roleext.component_suggestion;
BEGIN
  UPDATE roleext.component_suggestion s
     SET review_status = decision, reviewer = review_component.reviewer, reviewed_at = pg_catalog.now()
   WHERE s.role OPERATOR(roleext.=) review_component.role AND s.kind OPERATOR(pg_catalog.=) review_component.kind
     AND s.name OPERATOR(pg_catalog.=) review_component.name
  RETURNING * INTO result;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'role % has no suggested % "%"', role, kind, name USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'Only a component suggest_components has suggested for the role can be reviewed; names are matched exactly.';
  END IF;
  IF decision OPERATOR(pg_catalog.=) 'approved' THEN
    INSERT INTO roleext.component (kind, name, description) VALUES (result.kind, result.name, result.description)
    ON CONFLICT DO NOTHING;
    INSERT INTO roleext.role_component (role, kind, name, prevalence, scope, position)
    SELECT result.role, result.kind, result.name, result.prevalence, 'role',
           coalesce(pg_catalog.max(rc.position), 0) OPERATOR(pg_catalog.+) 1
    FROM roleext.role_component rc
    WHERE rc.role OPERATOR(roleext.=) result.role AND rc.kind OPERATOR(pg_catalog.=) result.kind
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN result;
END $$;
COMMENT ON FUNCTION review_component(rolecode, component_kind, text, review_status, text) IS
  'Record a review decision on a component suggested for a role, with reviewer and time; approving it puts it on the card (last of its kind, scope role, the suggested prevalence; the catalogue entry is created with the O*NET description unless it exists). 22023 for a component not suggested for the role.';

CREATE FUNCTION approve_component(role rolecode, kind component_kind, name text, reviewer text DEFAULT current_user)
RETURNS component_suggestion
  LANGUAGE sql VOLATILE PARALLEL UNSAFE
  RETURN roleext.review_component(role, kind, name, 'approved', reviewer);
COMMENT ON FUNCTION approve_component(rolecode, component_kind, text, text) IS
  'Approve a component suggested for a role: it goes on the card. Records reviewer and time.';

CREATE FUNCTION reject_component(role rolecode, kind component_kind, name text, reviewer text DEFAULT current_user)
RETURNS component_suggestion
  LANGUAGE sql VOLATILE PARALLEL UNSAFE
  RETURN roleext.review_component(role, kind, name, 'rejected', reviewer);
COMMENT ON FUNCTION reject_component(rolecode, component_kind, text, text) IS
  'Reject a component suggested for a role: it is not suggested again. Records reviewer and time.';

REVOKE EXECUTE ON FUNCTION suggest_components(rolecode, float8) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION review_component(rolecode, component_kind, text, review_status, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION approve_component(rolecode, component_kind, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION reject_component(rolecode, component_kind, text, text) FROM PUBLIC;
