-- Similarity by content (doc/content.md): occupations compared by their
-- content vectors, roles by their occupations and components, career steps
-- and skill gaps.  Beside the structural adjacency of rolecoord
-- (adjacent_roles), not in its place.

CREATE FUNCTION content_dot(terms_a int4[], weights_a float4[], terms_b int4[], weights_b float4[])
RETURNS float8
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION content_dot(int4[], float4[], int4[], float4[]) IS
  'The dot product of two sparse content vectors (terms ascending, one weight per term); 22023 for a malformed vector.';

CREATE FUNCTION content_similarity(a soccode, b soccode) RETURNS float8
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT roleext.content_dot(va.terms, va.weights, vb.terms, vb.weights)
  FROM roleext.onet_content_vector va, roleext.onet_content_vector vb
  WHERE va.code OPERATOR(roleext.=) a AND vb.code OPERATOR(roleext.=) b;
END;
COMMENT ON FUNCTION content_similarity(soccode, soccode) IS
  'The content similarity of two O*NET-SOC 2019 occupations: the cosine of their content vectors (tasks and their words, work activities, technologies, tools, work styles, interests), 0 to 1; NULL when either has no O*NET content (93 occupations have none).';

CREATE FUNCTION content_neighbours(k int4)
RETURNS TABLE (code soccode, neighbour soccode, similarity float8, rank int4)
  AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE
  SET search_path = pg_catalog, roleext, pg_temp;
COMMENT ON FUNCTION content_neighbours(int4) IS
  'Internal to CREATE EXTENSION: for every occupation with content, its k most similar occupations by content (similarity above 0), best first, computed in C from onet_content_vector.';

CREATE TABLE onet_content_neighbour (
  code       soccode NOT NULL,
  neighbour  soccode NOT NULL,
  similarity float8 NOT NULL,
  rank       int4 NOT NULL
);
COMMENT ON TABLE onet_content_neighbour IS
  'The 50 occupations most similar by content to each of the 923 occupations with O*NET content (content_similarity), ranked from 1, ties by code. Built by CREATE EXTENSION with content_neighbours(50). Source: derived from the O*NET 27.0 Database (August 2022), USDOL/ETA, CC BY 4.0.';
COMMENT ON COLUMN onet_content_neighbour.code IS 'The O*NET-SOC 2019 occupation.';
COMMENT ON COLUMN onet_content_neighbour.neighbour IS 'An occupation similar to it by content.';
COMMENT ON COLUMN onet_content_neighbour.similarity IS 'Their content similarity, 0 to 1.';
COMMENT ON COLUMN onet_content_neighbour.rank IS '1 for the most similar occupation.';
INSERT INTO onet_content_neighbour (code, neighbour, similarity, rank)
SELECT n.code, n.neighbour, n.similarity, n.rank FROM roleext.content_neighbours(50) n;
-- keys after the load (one join each rather than a check per row)
ALTER TABLE onet_content_neighbour ADD PRIMARY KEY (code, rank);
ALTER TABLE onet_content_neighbour ADD CONSTRAINT onet_content_neighbour_code_fkey
  FOREIGN KEY (code) REFERENCES onet2019_occupation (code);
ALTER TABLE onet_content_neighbour ADD CONSTRAINT onet_content_neighbour_neighbour_fkey
  FOREIGN KEY (neighbour) REFERENCES onet2019_occupation (code);

CREATE FUNCTION similar_occupations(of_code soccode, k int4 DEFAULT 10)
RETURNS TABLE (code soccode, title text, similarity float8, rank int4)
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE ROWS 10
  SET search_path = pg_catalog, roleext, pg_temp AS $$
BEGIN
  IF k < 0 OR k > 50 THEN
    RAISE EXCEPTION 'k must be between 0 and 50, not %', k USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'similar_occupations reads the 50 nearest occupations of each, precomputed in onet_content_neighbour.';
  END IF;
  IF NOT EXISTS (SELECT FROM roleext.onet_content_vector v WHERE v.code OPERATOR(roleext.=) of_code) THEN
    RAISE EXCEPTION 'occupation % has no O*NET content', of_code USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'Similarity by content compares the 923 O*NET-SOC 2019 occupations with O*NET 27.0 content (a SOC 2018 detailed code such as 15-1252 is written 15-1252.00).';
  END IF;
  RETURN QUERY
    SELECT n.neighbour, o.title, n.similarity, n.rank
    FROM roleext.onet_content_neighbour n
    JOIN roleext.onet2019_occupation o ON o.code OPERATOR(roleext.=) n.neighbour
    WHERE n.code OPERATOR(roleext.=) of_code AND n.rank OPERATOR(pg_catalog.<=) k
    ORDER BY n.rank;
END $$;
COMMENT ON FUNCTION similar_occupations(soccode, int4) IS
  'The k (default 10, at most 50) O*NET-SOC 2019 occupations most similar by content to an occupation, best first: code, title, similarity (0 to 1) and rank. 22023 for an occupation without O*NET content or k outside 0..50.';

CREATE VIEW onet_related_by_content AS
SELECT n.code::text AS code, o.title, n.neighbour::text AS neighbour, p.title AS neighbour_title,
       n.similarity, n.rank
FROM roleext.onet_content_neighbour n
JOIN roleext.onet2019_occupation o ON o.code OPERATOR(roleext.=) n.code
JOIN roleext.onet2019_occupation p ON p.code OPERATOR(roleext.=) n.neighbour
WHERE n.rank OPERATOR(pg_catalog.<=) 10;
COMMENT ON VIEW onet_related_by_content IS
  'For BI: each occupation with O*NET content and its 10 most similar occupations by content, with titles, similarity and rank. Compare with onet_related_occupations, O*NET''s own judgement. Source: derived from the O*NET 27.0 Database (August 2022), USDOL/ETA, CC BY 4.0.';
COMMENT ON COLUMN onet_related_by_content.code IS 'The O*NET-SOC 2019 occupation, such as 15-1252.00.';
COMMENT ON COLUMN onet_related_by_content.title IS 'Its title.';
COMMENT ON COLUMN onet_related_by_content.neighbour IS 'A similar occupation.';
COMMENT ON COLUMN onet_related_by_content.neighbour_title IS 'Its title.';
COMMENT ON COLUMN onet_related_by_content.similarity IS 'Content similarity, 0 to 1.';
COMMENT ON COLUMN onet_related_by_content.rank IS '1 for the most similar, up to 10.';

-- Roles ------------------------------------------------------------------------

-- The O*NET-SOC occupations with content behind each role's effective SOC
-- 2018 / O*NET-SOC 2019 mappings (role_mappings(): its own, else its nearest
-- mapped ancestor's; its own when it has any, else the inherited ones): an
-- O*NET-SOC code is itself when it has content, else
-- the occupations with content of its SOC detailed code; a SOC 2018 code of
-- any level stands for every occupation with content under it.  Each
-- mapping shares weight 1 among its occupations, and the role's mappings
-- share 1 among themselves.
CREATE FUNCTION content_role_occupations(of_role rolecode DEFAULT NULL)
RETURNS TABLE (role rolecode, code soccode, weight float8)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  WITH eff AS (
    SELECT rm.role, rm.scheme, rm.soc AS code, rm.inherited_from,
           pg_catalog.bool_or(rm.inherited_from IS NULL) OVER (PARTITION BY rm.role) AS has_own
    FROM roleext.role_mappings() rm
    WHERE rm.scheme OPERATOR(pg_catalog.=) ANY ('{soc2018,onet2019}'::roleext.mapping_scheme[])
      AND (of_role IS NULL OR rm.role OPERATOR(roleext.=) of_role)
  ), m AS (
    -- the role's own mappings when it has any, else the inherited ones
    SELECT e.role, e.scheme, e.code, pg_catalog.count(*) OVER (PARTITION BY e.role) AS nmap
    FROM eff e
    WHERE e.inherited_from IS NULL OR NOT e.has_own
  ), under AS (
    -- every occupation with content under each code it can be mapped by:
    -- itself and its SOC detailed, broad, minor and major groups
    SELECT v.code AS occ, v.code AS code FROM roleext.onet_content_vector v
    UNION ALL
    SELECT v.code, roleext.soc_ancestor(v.code, lv.lv)
    FROM roleext.onet_content_vector v, pg_catalog.unnest('{detailed,broad,minor,major}'::text[]) lv(lv)
  ), keyed AS (
    -- an O*NET-SOC code without content stands for its SOC detailed code's
    SELECT m.*, CASE WHEN m.scheme OPERATOR(pg_catalog.=) 'onet2019'
                      AND NOT EXISTS (SELECT FROM roleext.onet_content_vector x WHERE x.code OPERATOR(roleext.=) m.code)
                     THEN roleext.soc_parent(m.code) ELSE m.code END AS key
    FROM m
  ), occ AS (
    SELECT k.role, u.occ AS code, k.nmap, k.scheme, k.code AS mapped
    FROM keyed k JOIN under u ON u.code OPERATOR(roleext.=) k.key
  ), w AS (
    SELECT o.role, o.code,
           1::float8 OPERATOR(pg_catalog./) (o.nmap::float8 OPERATOR(pg_catalog.*)
             (pg_catalog.count(*) OVER (PARTITION BY o.role, o.scheme, o.mapped))::float8) AS w
    FROM occ o
  )
  SELECT w.role, w.code, pg_catalog.sum(w.w)
  FROM w
  GROUP BY w.role, w.code
  ORDER BY w.role, w.code;
END;
COMMENT ON FUNCTION content_role_occupations(rolecode) IS
  'The O*NET-SOC occupations with content behind each role''s (or, given of_role, that role''s) effective SOC 2018 and O*NET-SOC 2019 mappings (role_mappings()), with weights summing to 1 per role; the role''s own mappings when it has any, else the inherited ones: an O*NET-SOC code stands for itself (or, without content, for the occupations of its SOC detailed code), a SOC 2018 code of any level for every occupation with content under it. Roles without such a mapping have no row.';

CREATE FUNCTION role_similarity(a rolecode, b rolecode) RETURNS float8
  AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE
  SET search_path = pg_catalog, roleext, pg_temp;
COMMENT ON FUNCTION role_similarity(rolecode, rolecode) IS
  'The content similarity of two roles, 0 to 1: half from their occupations (content_role_occupations, compared by content_similarity), half from their components (the IDF-weighted overlap of their cards), each part counted when both roles have it; 1 for a role with itself, 0 when either has neither. Reads a per-backend index of the taxonomy, rebuilt after any change. 22023 for an unknown role.';

CREATE FUNCTION content_role_neighbours(role rolecode, k int4, grade_above float8, grade_upto float8)
RETURNS TABLE (role text, similarity float8)
  AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE ROWS 10
  SET search_path = pg_catalog, roleext, pg_temp;
COMMENT ON FUNCTION content_role_neighbours(rolecode, int4, float8, float8) IS
  'Internal to similar_roles and career_steps: the k roles most similar to role by content (role_similarity above 0), best first, ties by code order, only those whose level grade g has grade_above < g <= grade_upto (NULL: no bound).';

CREATE FUNCTION content_role_index(OUT roles int4, OUT occupations int4, OUT components int4,
                                   OUT build_ms float8, OUT builds int8)
RETURNS record
  AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE
  SET search_path = pg_catalog, roleext, pg_temp;
COMMENT ON FUNCTION content_role_index() IS
  'The per-backend index behind role_similarity, similar_roles and career_steps, built first if it is not current: roles, occupations with content, distinct components, the time its last build took and how many builds this backend has done. For monitoring and tests.';

CREATE FUNCTION tg_content_changed() RETURNS trigger
  AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION tg_content_changed() IS
  'Statement trigger of role, role_component, mapping, taxonomy and level: invalidates the table''s relcache entry so that every backend rebuilds its content role index before its next use.';
CREATE TRIGGER tg_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role
  FOR EACH STATEMENT EXECUTE FUNCTION tg_content_changed();
CREATE TRIGGER tg_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_component
  FOR EACH STATEMENT EXECUTE FUNCTION tg_content_changed();
CREATE TRIGGER tg_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON mapping
  FOR EACH STATEMENT EXECUTE FUNCTION tg_content_changed();
CREATE TRIGGER tg_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON taxonomy
  FOR EACH STATEMENT EXECUTE FUNCTION tg_content_changed();
CREATE TRIGGER tg_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON level
  FOR EACH STATEMENT EXECUTE FUNCTION tg_content_changed();

CREATE FUNCTION similar_roles(of_role rolecode, k int4 DEFAULT 10)
RETURNS TABLE (role rolecode, title text, similarity float8, rank int4)
  LANGUAGE sql STABLE STRICT PARALLEL SAFE ROWS 10
BEGIN ATOMIC
  SELECT n.role::roleext.rolecode, r.title, n.similarity, (pg_catalog.row_number() OVER (ORDER BY n.ord))::int4
  FROM roleext.content_role_neighbours(of_role, k, NULL, NULL) WITH ORDINALITY n(role, similarity, ord)
  JOIN roleext.role r ON r.code OPERATOR(roleext.=) n.role::roleext.rolecode
  ORDER BY n.ord;
END;
COMMENT ON FUNCTION similar_roles(rolecode, int4) IS
  'The k (default 10) roles most similar to a role by content (role_similarity: what their occupations do and what their cards list), best first, ties by code, the role itself left out, only roles with a similarity above 0: role, title, similarity (0 to 1), rank. Beside adjacent_roles (structure: taxonomy and level), not in its place; see doc/content.md. 22023 for an unknown role or k outside 0..10000.';
