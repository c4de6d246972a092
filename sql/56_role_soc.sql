-- role_mappings and role_soc: each role's effective mappings, for BI.

-- The rule of inherited mappings, written once: the effective mapping of
-- every role in every scheme is its own (not rejected) mappings, else those
-- of its nearest ancestor node that has some (taxonomy_ancestors_internal),
-- marked inferred_from_<kind> and needs_review; a code rejected on the role
-- itself is not inherited.  Internal, in roleext's types: the view
-- role_mappings casts it to standard types, role_soc joins it, and the
-- typed twin role_mappings() selects from it (see 55_views.sql).
CREATE VIEW role_mappings_internal AS
WITH candidate AS (
  SELECT r.code AS role, 0 AS distance, NULL::roleext.rolecode AS inherited_from,
         m.scheme, m.code, m.source, m.review_status, m.confidence, m.reviewer, m.reviewed_at, m.note, m.soc
  FROM roleext.role r JOIN roleext.mapping m ON m.role OPERATOR(roleext.=) r.code
  WHERE m.review_status <> 'rejected'
  UNION ALL
  SELECT r.code, 1 + a.distance, a.ancestor,
         m.scheme, m.code, ('inferred_from_' || a.ancestor_kind)::roleext.mapping_source, 'needs_review'::roleext.review_status,
         m.confidence, NULL, NULL, m.note, m.soc
  FROM roleext.role r
  JOIN roleext.taxonomy_ancestors_internal a ON a.node OPERATOR(roleext.=) r.node
  JOIN roleext.mapping m ON m.node OPERATOR(roleext.=) a.ancestor
  WHERE m.review_status <> 'rejected'
    AND NOT EXISTS (SELECT 1 FROM roleext.mapping x
                    WHERE x.role OPERATOR(roleext.=) r.code AND x.scheme = m.scheme AND x.code = m.code
                      AND x.review_status = 'rejected')
)
SELECT s.role, s.scheme, s.code, s.source, s.review_status, s.confidence, s.reviewer, s.reviewed_at, s.note,
       s.inherited_from, s.soc
FROM (SELECT c.*, rank() OVER (PARTITION BY c.role, c.scheme ORDER BY c.distance) AS rk FROM candidate c) s
WHERE s.rk = 1;
COMMENT ON VIEW role_mappings_internal IS
  'Internal to the views role_mappings and role_soc and the twin role_mappings(): the one definition of a role''s effective mappings (its own unless rejected, else its nearest mapped ancestor''s with source inferred_from_<kind>, status needs_review and inherited_from naming the node), in roleext''s types. Read the view role_mappings (standard SQL types) or the function role_mappings() instead; this view''s name and columns may change in any version.';
COMMENT ON COLUMN role_mappings_internal.role IS 'The role code (rolecode).';
COMMENT ON COLUMN role_mappings_internal.scheme IS 'The scheme (mapping_scheme): soc2018, onet2019, soc2010 or isco08.';
COMMENT ON COLUMN role_mappings_internal.code IS 'The code in that scheme, canonical form (15-1252, 15-1252.00, 2512).';
COMMENT ON COLUMN role_mappings_internal.source IS 'The source (mapping_source); inferred_from_<kind> for an inherited mapping.';
COMMENT ON COLUMN role_mappings_internal.review_status IS 'needs_review or approved (review_status); inherited mappings need review.';
COMMENT ON COLUMN role_mappings_internal.confidence IS 'The mapping''s confidence (confidence); NULL if none.';
COMMENT ON COLUMN role_mappings_internal.reviewer IS 'Who reviewed the role''s own mapping; NULL for an inherited one.';
COMMENT ON COLUMN role_mappings_internal.reviewed_at IS 'When the role''s own mapping was reviewed.';
COMMENT ON COLUMN role_mappings_internal.note IS 'Free-text note of the mapping.';
COMMENT ON COLUMN role_mappings_internal.inherited_from IS 'The taxonomy node the mapping is inherited from (rolecode); NULL for the role''s own.';
COMMENT ON COLUMN role_mappings_internal.soc IS 'The code typed (soccode) for the SOC schemes; NULL for isco08.';

-- The typed twin of view role_mappings: SQL that wants the roleext types
-- and operators reads this function (not inlined: see 55_views.sql).
CREATE FUNCTION role_mappings()
RETURNS TABLE (role rolecode, scheme mapping_scheme, code text, source mapping_source,
               review_status review_status, confidence confidence, reviewer text,
               reviewed_at timestamptz, note text, inherited_from rolecode, soc soccode)
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, roleext, pg_temp
BEGIN ATOMIC
  SELECT m.role, m.scheme, m.code, m.source, m.review_status, m.confidence, m.reviewer, m.reviewed_at, m.note,
         m.inherited_from, m.soc
  FROM roleext.role_mappings_internal m;
END;
COMMENT ON FUNCTION role_mappings() IS
  'Typed twin of view role_mappings: the effective mappings of every role in every scheme (its own unless rejected, else its nearest mapped ancestor''s with source inferred_from_<kind>, status needs_review and inherited_from naming the node), with roleext types; soc is the code typed for the SOC schemes. Not inlined (a SET clause), so that Citus can plan it over its reference tables; it returns every row, and the view of the same name is the one a filter reaches the indexes through.';

CREATE VIEW role_mappings AS
SELECT m.role::text AS role, m.scheme::text AS scheme, m.code, m.source::text AS source,
       m.review_status::text AS review_status, m.confidence::numeric(5,4) AS confidence,
       m.reviewer, m.reviewed_at, m.note, m.inherited_from::text AS inherited_from
FROM roleext.role_mappings_internal m;
COMMENT ON VIEW role_mappings IS
  'The effective mappings of every role in every scheme: its own unless rejected, else its nearest mapped ancestor''s with source inferred_from_<kind>, status needs_review and inherited_from naming the node. Roles without any mapping have no row. Standard SQL types; the typed twin is the function role_mappings().';
COMMENT ON COLUMN role_mappings.role IS 'The role code, canonical upper case (DEI.GEN.P1).';
COMMENT ON COLUMN role_mappings.scheme IS 'soc2018, onet2019, soc2010 or isco08.';
COMMENT ON COLUMN role_mappings.code IS 'The code in that scheme, canonical form (15-1252, 15-1252.00, 2512).';
COMMENT ON COLUMN role_mappings.source IS 'manual, crosswalk, autocoded, onet_content (drafted by draft_role_card), or inferred_from_<kind> for an inherited mapping.';
COMMENT ON COLUMN role_mappings.review_status IS 'needs_review or approved (rejected mappings are not effective); inherited mappings need review.';
COMMENT ON COLUMN role_mappings.confidence IS 'The mapping''s confidence, 0 to 1, four decimals; NULL if none.';
COMMENT ON COLUMN role_mappings.reviewer IS 'Who reviewed the role''s own mapping; NULL for an inherited one.';
COMMENT ON COLUMN role_mappings.reviewed_at IS 'When the role''s own mapping was reviewed.';
COMMENT ON COLUMN role_mappings.note IS 'Free-text note of the mapping.';
COMMENT ON COLUMN role_mappings.inherited_from IS 'The taxonomy node the mapping is inherited from; NULL for the role''s own.';


CREATE VIEW role_soc AS
SELECT r.code::text AS role,
       m.scheme::text AS scheme,
       m.soc::text AS code,
       h.title,
       m.source::text AS source,
       m.review_status::text AS review_status,
       m.confidence::numeric(5,4) AS confidence,
       m.reviewer,
       m.reviewed_at,
       m.inherited_from::text AS inherited_from,
       h.major_code::text AS major_code, h.major_title,
       h.minor_code::text AS minor_code, h.minor_title,
       h.broad_code::text AS broad_code, h.broad_title,
       h.detailed_code::text AS detailed_code, h.detailed_title
FROM roleext.role r
-- joined on the text of the code, so that a filter on the view's role column
-- (role = 'DEI.GEN.P1') reaches role_mappings_internal and its index scans
LEFT JOIN roleext.role_mappings_internal m
  ON m.role::text = r.code::text AND m.scheme IN ('soc2018', 'onet2019')
LEFT JOIN roleext.soc_hierarchy_internal h ON h.code OPERATOR(roleext.=) m.soc;
COMMENT ON VIEW role_soc IS
  'Each role''s effective SOC 2018 and O*NET-SOC 2019 mappings (its own, else its nearest mapped ancestor''s, marked inferred_from_<kind> and needs_review) with the code and title of their SOC major, minor, broad and detailed groups. A role without any SOC mapping has one row with NULL code. Standard SQL types: codes are text.';
COMMENT ON COLUMN role_soc.role IS 'The role.';
COMMENT ON COLUMN role_soc.scheme IS 'soc2018 or onet2019; NULL when the role has no SOC mapping.';
COMMENT ON COLUMN role_soc.code IS 'The SOC 2018 or O*NET-SOC 2019 code as text (15-1252, 15-1252.00); NULL when the role has no SOC mapping.';
COMMENT ON COLUMN role_soc.title IS 'The title of the code.';
COMMENT ON COLUMN role_soc.source IS 'manual, crosswalk, autocoded, onet_content (drafted by draft_role_card), or inferred_from_<kind> for an inherited mapping.';
COMMENT ON COLUMN role_soc.review_status IS 'needs_review, approved (rejected mappings are not effective); inherited mappings need review.';
COMMENT ON COLUMN role_soc.confidence IS 'The mapping''s confidence, 0 to 1, four decimals; NULL if none.';
COMMENT ON COLUMN role_soc.reviewer IS 'Who reviewed the role''s own mapping; NULL for an inherited one.';
COMMENT ON COLUMN role_soc.reviewed_at IS 'When the role''s own mapping was reviewed.';
COMMENT ON COLUMN role_soc.inherited_from IS 'The taxonomy node the mapping is inherited from; NULL for the role''s own.';
COMMENT ON COLUMN role_soc.major_code IS 'SOC major group, such as 15-0000.';
COMMENT ON COLUMN role_soc.major_title IS 'Title of the major group.';
COMMENT ON COLUMN role_soc.minor_code IS 'SOC minor group; NULL above it.';
COMMENT ON COLUMN role_soc.minor_title IS 'Title of the minor group.';
COMMENT ON COLUMN role_soc.broad_code IS 'SOC broad group; NULL above it.';
COMMENT ON COLUMN role_soc.broad_title IS 'Title of the broad group.';
COMMENT ON COLUMN role_soc.detailed_code IS 'SOC detailed occupation; NULL above it.';
COMMENT ON COLUMN role_soc.detailed_title IS 'Title of the detailed occupation.';
