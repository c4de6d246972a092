-- Review of mappings and aliases.  Reviews record who and when; approving
-- or rejecting a mapping a role only inherits makes it the role's own (with
-- the inherited source kept), so the decision sticks to the role.

-- The columns a mapping's code goes in: soc for a SOC scheme, isco08 for
-- ISCO-08 (the card rules know which scheme is which).
CREATE FUNCTION card_mapping_code(scheme mapping_scheme, code text, OUT soc soccode, OUT isco08 text)
  AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION card_mapping_code(mapping_scheme, text) IS
  'Internal to the review functions: the typed columns of a mapping code given as text: soc (parsed; 22P02 for a malformed SOC code) for soc2018, onet2019 and soc2010, isco08 (as given) for isco08.';

-- Record a review decision on the mapping (scheme, code) of subject, a role
-- code or a taxonomy node code.
CREATE FUNCTION review_mapping(subject rolecode, code text, decision review_status,
                               scheme mapping_scheme DEFAULT 'soc2018',
                               reviewer text DEFAULT current_user, note text DEFAULT NULL)
RETURNS mapping
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  k record;
  is_role boolean := code_level(subject) IS NOT NULL;
  eff record;
  result roleext.mapping;
BEGIN
  k := roleext.card_mapping_code(scheme, code);
  IF is_role AND NOT EXISTS (SELECT 1 FROM roleext.role r WHERE r.code = subject) THEN
    RAISE EXCEPTION 'role % does not exist', subject USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'A mapping is reviewed on an existing role (a code ending in a level) or taxonomy node.';
  END IF;
  IF NOT is_role AND NOT EXISTS (SELECT 1 FROM roleext.taxonomy t WHERE t.code = subject) THEN
    RAISE EXCEPTION 'taxonomy node % does not exist', subject USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'A mapping is reviewed on an existing role (a code ending in a level) or taxonomy node.';
  END IF;
  UPDATE roleext.mapping m
     SET review_status = decision, reviewer = review_mapping.reviewer, reviewed_at = now(),
         note = coalesce(review_mapping.note, m.note)
   WHERE m.scheme = review_mapping.scheme
     -- (soccode's = named: Citus sends IS NOT DISTINCT FROM to the nodes
     -- without its operator's schema, doc/citus.md)
     AND coalesce(m.soc OPERATOR(roleext.=) k.soc, m.soc IS NULL AND k.soc IS NULL)
     AND m.isco08 IS NOT DISTINCT FROM k.isco08
     AND (CASE WHEN is_role THEN m.role ELSE m.node END) = subject
  RETURNING * INTO result;
  IF FOUND THEN
    RETURN result;
  END IF;
  IF is_role THEN
    -- the view, not the typed twin: a filter on the view's role reaches the
    -- indexes, the twin (not inlined, for Citus) would compute every role's
    SELECT * INTO eff FROM roleext.role_mappings e
     WHERE e.role = subject::text AND e.scheme = review_mapping.scheme::text
       AND e.code = coalesce(k.soc::text, k.isco08);
    IF FOUND THEN
      INSERT INTO roleext.mapping (role, scheme, soc, isco08, source, review_status, confidence, reviewer, reviewed_at, note)
      VALUES (subject, review_mapping.scheme, k.soc, k.isco08, eff.source::roleext.mapping_source, decision,
              eff.confidence::roleext.confidence,
              review_mapping.reviewer, now(), coalesce(review_mapping.note, eff.note))
      RETURNING * INTO result;
      RETURN result;
    END IF;
  END IF;
  RAISE EXCEPTION '% has no % mapping to %', subject, scheme, coalesce(k.soc::text, k.isco08)
    USING ERRCODE = 'invalid_parameter_value',
    DETAIL = 'Only a mapping the subject has, or a role inherits from its taxonomy, can be reviewed.';
END $$;
COMMENT ON FUNCTION review_mapping(rolecode, text, review_status, mapping_scheme, text, text) IS
  'Record a review decision (approved, rejected, needs_review) on a mapping of a role or taxonomy node, with reviewer and time. A decision on a mapping the role only inherits becomes a mapping of the role itself.';

CREATE FUNCTION approve_mapping(subject rolecode, code text, scheme mapping_scheme DEFAULT 'soc2018',
                                reviewer text DEFAULT current_user, note text DEFAULT NULL)
RETURNS mapping
  LANGUAGE sql VOLATILE PARALLEL UNSAFE
  RETURN review_mapping(subject, code, 'approved', scheme, reviewer, note);
COMMENT ON FUNCTION approve_mapping(rolecode, text, mapping_scheme, text, text) IS
  'Approve a mapping of a role or taxonomy node; approving an inherited mapping makes it the role''s own. Records reviewer and time.';

CREATE FUNCTION reject_mapping(subject rolecode, code text, scheme mapping_scheme DEFAULT 'soc2018',
                               reviewer text DEFAULT current_user, note text DEFAULT NULL)
RETURNS mapping
  LANGUAGE sql VOLATILE PARALLEL UNSAFE
  RETURN review_mapping(subject, code, 'rejected', scheme, reviewer, note);
COMMENT ON FUNCTION reject_mapping(rolecode, text, mapping_scheme, text, text) IS
  'Reject a mapping of a role or taxonomy node; rejecting an inherited mapping stops the role inheriting that code. Records reviewer and time.';

-- Record a review decision on an alias of a role.
CREATE FUNCTION review_alias(role rolecode, alias text, approve boolean,
                             reviewer text DEFAULT current_user)
RETURNS role_alias
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  result roleext.role_alias;
BEGIN
  UPDATE roleext.role_alias a
     SET approved = approve, approved_by = reviewer, approved_at = now()
   WHERE a.role = review_alias.role AND a.alias = review_alias.alias
  RETURNING * INTO result;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'role % has no alias "%"', role, alias USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'Only an alias the role has can be reviewed; aliases are matched exactly as written.';
  END IF;
  RETURN result;
END $$;
COMMENT ON FUNCTION review_alias(rolecode, text, boolean, text) IS
  'Approve (true) or reject (false) an alias of a role, recording reviewer and time.';

CREATE FUNCTION approve_alias(role rolecode, alias text, reviewer text DEFAULT current_user)
RETURNS role_alias
  LANGUAGE sql VOLATILE PARALLEL UNSAFE
  RETURN review_alias(role, alias, true, reviewer);
COMMENT ON FUNCTION approve_alias(rolecode, text, text) IS 'Approve an alias of a role, recording reviewer and time.';

CREATE FUNCTION reject_alias(role rolecode, alias text, reviewer text DEFAULT current_user)
RETURNS role_alias
  LANGUAGE sql VOLATILE PARALLEL UNSAFE
  RETURN review_alias(role, alias, false, reviewer);
COMMENT ON FUNCTION reject_alias(rolecode, text, text) IS 'Reject an alias of a role, recording reviewer and time.';
