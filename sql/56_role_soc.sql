-- role_mappings and role_soc: each role's effective mappings, for BI.

-- The effective mapping of every role in every scheme: its own (not
-- rejected) mappings, else those of its nearest ancestor node that has some,
-- marked inferred_from_<kind> and needs_review; a code rejected on the role
-- itself is not inherited.  The typed twin of view role_mappings (below):
-- SQL that wants the roleext types and operators reads this function (not
-- inlined: see 55_views.sql); the views carry its body written out.
CREATE FUNCTION role_mappings()
RETURNS TABLE (role rolecode, scheme mapping_scheme, code text, source mapping_source,
               review_status review_status, confidence confidence, reviewer text,
               reviewed_at timestamptz, note text, inherited_from rolecode, soc soccode)
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, roleext, pg_temp
BEGIN ATOMIC
WITH candidate AS (
  SELECT r.code AS role, 0 AS distance, NULL::rolecode AS inherited_from,
         m.scheme, m.code, m.source, m.review_status, m.confidence, m.reviewer, m.reviewed_at, m.note, m.soc
  FROM role r JOIN mapping m ON m.role = r.code
  WHERE m.review_status <> 'rejected'
  UNION ALL
  SELECT r.code, 1 + a.distance, a.ancestor,
         m.scheme, m.code, ('inferred_from_' || a.ancestor_kind)::mapping_source, 'needs_review'::review_status,
         m.confidence, NULL, NULL, m.note, m.soc
  FROM role r
  -- the body of taxonomy_ancestors(), written out
  JOIN (
      SELECT t0.code, t0.code, t0.kind, 0 FROM roleext.taxonomy t0
      UNION ALL
      SELECT t0.code, t1.code, t1.kind, 1 FROM roleext.taxonomy t0
        JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
      UNION ALL
      SELECT t0.code, t2.code, t2.kind, 2 FROM roleext.taxonomy t0
        JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
        JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
      UNION ALL
      SELECT t0.code, t3.code, t3.kind, 3 FROM roleext.taxonomy t0
        JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
        JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
        JOIN roleext.taxonomy t3 ON t3.code OPERATOR(roleext.=) t2.parent
  ) a(node, ancestor, ancestor_kind, distance) ON a.node = r.node
  JOIN mapping m ON m.node = a.ancestor
  WHERE m.review_status <> 'rejected'
    AND NOT EXISTS (SELECT 1 FROM mapping x
                    WHERE x.role = r.code AND x.scheme = m.scheme AND x.code = m.code
                      AND x.review_status = 'rejected')
)
SELECT role, scheme, code, source, review_status, confidence, reviewer, reviewed_at, note, inherited_from, soc
FROM (SELECT c.*, rank() OVER (PARTITION BY c.role, c.scheme ORDER BY c.distance) AS rk FROM candidate c) s
WHERE rk = 1;
END;
COMMENT ON FUNCTION role_mappings() IS
  'Typed twin of view role_mappings: the effective mappings of every role in every scheme (its own unless rejected, else its nearest mapped ancestor''s with source inferred_from_<kind>, status needs_review and inherited_from naming the node), with roleext types; soc is the code typed for the SOC schemes. Not inlined (a SET clause), so that Citus can plan it over its reference tables; it returns every row, and the view of the same name is the one a filter reaches the indexes through.';

CREATE VIEW role_mappings AS
SELECT m.role::text AS role, m.scheme::text AS scheme, m.code, m.source::text AS source,
       m.review_status::text AS review_status, m.confidence::numeric(5,4) AS confidence,
       m.reviewer, m.reviewed_at, m.note, m.inherited_from::text AS inherited_from
FROM (
  WITH candidate AS (
    SELECT r.code AS role, 0 AS distance, NULL::rolecode AS inherited_from,
           m.scheme, m.code, m.source, m.review_status, m.confidence, m.reviewer, m.reviewed_at, m.note, m.soc
    FROM role r JOIN mapping m ON m.role = r.code
    WHERE m.review_status <> 'rejected'
    UNION ALL
    SELECT r.code, 1 + a.distance, a.ancestor,
           m.scheme, m.code, ('inferred_from_' || a.ancestor_kind)::mapping_source, 'needs_review'::review_status,
           m.confidence, NULL, NULL, m.note, m.soc
    FROM role r
    -- the body of taxonomy_ancestors(), written out
    JOIN (
        SELECT t0.code, t0.code, t0.kind, 0 FROM roleext.taxonomy t0
        UNION ALL
        SELECT t0.code, t1.code, t1.kind, 1 FROM roleext.taxonomy t0
          JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
        UNION ALL
        SELECT t0.code, t2.code, t2.kind, 2 FROM roleext.taxonomy t0
          JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
          JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
        UNION ALL
        SELECT t0.code, t3.code, t3.kind, 3 FROM roleext.taxonomy t0
          JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
          JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
          JOIN roleext.taxonomy t3 ON t3.code OPERATOR(roleext.=) t2.parent
    ) a(node, ancestor, ancestor_kind, distance) ON a.node = r.node
    JOIN mapping m ON m.node = a.ancestor
    WHERE m.review_status <> 'rejected'
      AND NOT EXISTS (SELECT 1 FROM mapping x
                      WHERE x.role = r.code AND x.scheme = m.scheme AND x.code = m.code
                        AND x.review_status = 'rejected')
  )
  SELECT role, scheme, code, source, review_status, confidence, reviewer, reviewed_at, note, inherited_from, soc
  FROM (SELECT c.*, rank() OVER (PARTITION BY c.role, c.scheme ORDER BY c.distance) AS rk FROM candidate c) s
  WHERE rk = 1
) m(role, scheme, code, source, review_status, confidence, reviewer, reviewed_at, note, inherited_from, soc);
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
FROM role r
-- joined on the text of the code, so that a filter on the view's role column
-- (role = 'DEI.GEN.P1') reaches role_mappings() and its index scans
-- (the bodies of role_mappings() and soc_hierarchy(), written out)
LEFT JOIN (
  WITH candidate AS (
    SELECT r.code AS role, 0 AS distance, NULL::rolecode AS inherited_from,
           m.scheme, m.code, m.source, m.review_status, m.confidence, m.reviewer, m.reviewed_at, m.note, m.soc
    FROM role r JOIN mapping m ON m.role = r.code
    WHERE m.review_status <> 'rejected'
    UNION ALL
    SELECT r.code, 1 + a.distance, a.ancestor,
           m.scheme, m.code, ('inferred_from_' || a.ancestor_kind)::mapping_source, 'needs_review'::review_status,
           m.confidence, NULL, NULL, m.note, m.soc
    FROM role r
    -- the body of taxonomy_ancestors(), written out
    JOIN (
        SELECT t0.code, t0.code, t0.kind, 0 FROM roleext.taxonomy t0
        UNION ALL
        SELECT t0.code, t1.code, t1.kind, 1 FROM roleext.taxonomy t0
          JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
        UNION ALL
        SELECT t0.code, t2.code, t2.kind, 2 FROM roleext.taxonomy t0
          JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
          JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
        UNION ALL
        SELECT t0.code, t3.code, t3.kind, 3 FROM roleext.taxonomy t0
          JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
          JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
          JOIN roleext.taxonomy t3 ON t3.code OPERATOR(roleext.=) t2.parent
    ) a(node, ancestor, ancestor_kind, distance) ON a.node = r.node
    JOIN mapping m ON m.node = a.ancestor
    WHERE m.review_status <> 'rejected'
      AND NOT EXISTS (SELECT 1 FROM mapping x
                      WHERE x.role = r.code AND x.scheme = m.scheme AND x.code = m.code
                        AND x.review_status = 'rejected')
  )
  SELECT role, scheme, code, source, review_status, confidence, reviewer, reviewed_at, note, inherited_from, soc
  FROM (SELECT c.*, rank() OVER (PARTITION BY c.role, c.scheme ORDER BY c.distance) AS rk FROM candidate c) s
  WHERE rk = 1
) m(role, scheme, code, source, review_status, confidence, reviewer, reviewed_at, note, inherited_from, soc) ON m.role::text = r.code::text AND m.scheme IN ('soc2018', 'onet2019')
LEFT JOIN (
    SELECT c.code, c.level, c.title,
           ma.code, ma.title,
           mi.code, mi.title,
           br.code, br.title,
           de.code, de.title,
           CASE WHEN c.level = 'onet' THEN c.code END,
           CASE WHEN c.level = 'onet' THEN c.title END
    FROM (SELECT s.code, s.level, s.title FROM roleext.soc2018_code s
          UNION ALL
          SELECT o.code, 'onet', o.title FROM roleext.onet2019_occupation o) c
    LEFT JOIN roleext.soc2018_code ma ON ma.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'major')
    LEFT JOIN roleext.soc2018_code mi ON mi.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'minor')
    LEFT JOIN roleext.soc2018_code br ON br.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'broad')
    LEFT JOIN roleext.soc2018_code de ON de.code OPERATOR(roleext.=) roleext.soc_ancestor(c.code, 'detailed')
) h(code, level, title, major_code, major_title, minor_code, minor_title, broad_code, broad_title,
       detailed_code, detailed_title, onet_code, onet_title) ON h.code = m.soc;
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
