-- Adjacent roles: the nearest roles by structural coordinate (level +
-- taxonomy), distance 0 -> 1 with a match band; and renaming a taxonomy
-- node, which moves codes and coordinates together.

-- Structural coordinates (role.coord) -----------------------------------------

-- The coordinate of a role code: the taxonomy chain of its node, superfunction
-- first (TECH.DEI.GEN for DEI.GEN under DEI under TECH), and its level's grade.
-- NULL when the node or the level does not exist (the foreign keys report it).
CREATE FUNCTION role_coord(code rolecode) RETURNS rolecoord
  LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  c roleext.rolecoord;
BEGIN
  -- PL/pgSQL rather than SQL: a SQL function that cannot be inlined is
  -- planned again at every call, and this one runs for every role written.
  -- The chain is read from the tables by their keys (not through
  -- taxonomy_tree(), whose inlined body Citus cannot plan over reference
  -- tables, doc/citus.md): the node, its parent and so on up, at most four.
  SELECT roleext.make_coord(CASE WHEN t0.kind = 'superfunction' THEN t0.code
                                 WHEN t1.kind = 'superfunction' THEN (t1.code::text || '.' || t0.code::text)::roleext.rolecode
                                 WHEN t2.kind = 'superfunction' THEN (t2.code::text || '.' || t0.code::text)::roleext.rolecode
                                 WHEN t3.kind = 'superfunction' THEN (t3.code::text || '.' || t0.code::text)::roleext.rolecode
                                 ELSE t0.code END,
                            l.grade)
    INTO c
    FROM roleext.taxonomy t0
    LEFT JOIN roleext.taxonomy t1 ON t1.code OPERATOR(roleext.=) t0.parent
    LEFT JOIN roleext.taxonomy t2 ON t2.code OPERATOR(roleext.=) t1.parent
    LEFT JOIN roleext.taxonomy t3 ON t3.code OPERATOR(roleext.=) t2.parent
    JOIN roleext.level l ON l.code OPERATOR(roleext.=) roleext.code_level(role_coord.code)
   WHERE t0.code OPERATOR(roleext.=) roleext.code_family(role_coord.code);
  RETURN c;
END $$;
COMMENT ON FUNCTION role_coord(rolecode) IS
  'The structural coordinate a role code has now: its node''s taxonomy chain (superfunction first) and its level''s grade, e.g. TECH.DEI.GEN@1; NULL when its node or level does not exist.';

-- role: coord follows the code.
CREATE FUNCTION tg_role_coord() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, roleext, pg_temp AS $$
BEGIN
  NEW.coord := roleext.role_coord(NEW.code);
  IF NEW.coord IS NULL THEN
    -- leave the error to the foreign keys, with a placeholder that passes NOT NULL
    NEW.coord := roleext.make_coord(roleext.code_family(NEW.code), 0);
  END IF;
  RETURN NEW;
END $$;
COMMENT ON FUNCTION tg_role_coord() IS 'Trigger of table role: sets coord from the role''s taxonomy chain and level grade.';
CREATE TRIGGER tg_role_coord BEFORE INSERT OR UPDATE OF code, coord ON role
  FOR EACH ROW EXECUTE FUNCTION tg_role_coord();

-- taxonomy: a node whose code or parent changes moves the coordinates of
-- every role in its subtree.  The WHEN clause names its operators (code is
-- never NULL; parent IS DISTINCT FROM spelled out): PostgreSQL prints IS
-- DISTINCT FROM without the operator's schema, and Citus creates the
-- trigger on the shards of a reference table from that text, on
-- connections whose search_path is pg_catalog (doc/citus.md).
CREATE FUNCTION tg_taxonomy_coords() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, roleext, pg_temp AS $$
BEGIN
  -- role and taxonomy here: the tables themselves, or their shards on a
  -- Citus node (table_here), so that the statement is this node's own; the
  -- nodes below NEW found by their parents, not through
  -- taxonomy_ancestors() (doc/citus.md)
  EXECUTE pg_catalog.format(
    'UPDATE %1$s r SET coord = roleext.role_coord(r.code)
      WHERE r.node OPERATOR(roleext.=) ANY (
              SELECT t0.code FROM %2$s t0
                LEFT JOIN %2$s t1 ON t1.code OPERATOR(roleext.=) t0.parent
                LEFT JOIN %2$s t2 ON t2.code OPERATOR(roleext.=) t1.parent
               WHERE $1 OPERATOR(roleext.=) ANY (ARRAY[t0.code, t0.parent, t1.parent, t2.parent]))
        AND NOT coalesce(r.coord OPERATOR(roleext.=) roleext.role_coord(r.code), false)',
    roleext.table_here('roleext.role'), roleext.table_here('roleext.taxonomy')) USING NEW.code;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION tg_taxonomy_coords() IS
  'Trigger of table taxonomy: when a node''s code or parent changes, recomputes the coordinates of the roles below it.';
CREATE TRIGGER tg_taxonomy_coords AFTER UPDATE OF code, parent ON taxonomy
  FOR EACH ROW WHEN (OLD.code OPERATOR(roleext.<>) NEW.code
                     OR NOT coalesce(OLD.parent OPERATOR(roleext.=) NEW.parent, OLD.parent IS NULL AND NEW.parent IS NULL))
  EXECUTE FUNCTION tg_taxonomy_coords();

-- level: a new grade moves the coordinates of the level's roles.
CREATE FUNCTION tg_level_coords() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, roleext, pg_temp AS $$
BEGIN
  -- role here: the table itself, or its shard on a Citus node (table_here)
  EXECUTE pg_catalog.format(
    'UPDATE %s r SET coord = roleext.make_coord(roleext.coord_path(r.coord), $1)
      WHERE r.level OPERATOR(roleext.=) $2',
    roleext.table_here('roleext.role')) USING NEW.grade, NEW.code;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION tg_level_coords() IS 'Trigger of table level: when a level''s grade changes, regrades the coordinates of its roles.';
CREATE TRIGGER tg_level_coords AFTER UPDATE OF grade ON level
  FOR EACH ROW WHEN (OLD.grade IS DISTINCT FROM NEW.grade)
  EXECUTE FUNCTION tg_level_coords();

-- The k roles nearest to a role, nearest first, ties broken by code, the
-- role itself left out.  The GiST index on role.coord answers the inner
-- ORDER BY ... FETCH FIRST ... WITH TIES; only the ties at the k-th distance
-- are sorted by code.
CREATE FUNCTION adjacent_roles(of_role rolecode, k int4 DEFAULT 10)
RETURNS TABLE (role rolecode, title text, distance float8, band matchband)
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE ROWS 10
  SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  me roleext.rolecoord;
BEGIN
  IF k < 0 OR k > 10000 THEN
    RAISE EXCEPTION 'k must be between 0 and 10000, not %', k USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'adjacent_roles returns the k nearest roles; ask for 0 to 10000 of them.';
  END IF;
  PERFORM roleext.role_must_exist(of_role, 'adjacent_roles');
  SELECT r.coord INTO me FROM roleext.role r WHERE r.code = of_role;
  RETURN QUERY
    SELECT n.code, n.title, n.d, roleext.match_band(n.d)
    FROM (SELECT r.code, r.title, r.coord OPERATOR(roleext.<->) me AS d
          FROM roleext.role r
          WHERE r.code OPERATOR(roleext.<>) of_role
          ORDER BY r.coord OPERATOR(roleext.<->) me
          FETCH FIRST k ROWS WITH TIES) n
    ORDER BY n.d, n.code
    LIMIT k;
END $$;
COMMENT ON FUNCTION adjacent_roles(rolecode, int4) IS
  'The k (default 10) roles nearest to a role by structural coordinate (coord <-> coord, distance 0 to 1), nearest first, ties broken by code, the role itself left out, each with its match band (strong < 0.25 <= partial < 0.5 <= weak). Uses the GiST index on role.coord. 22023 for an unknown role or k outside 0..10000.';

CREATE VIEW role_adjacency AS
SELECT r.code::text AS role, a.role::text AS neighbour, a.title AS neighbour_title, a.distance,
       a.band::text AS band, a.rank::int4 AS rank
FROM roleext.role r
CROSS JOIN LATERAL roleext.adjacent_roles(r.code, 10) WITH ORDINALITY a(role, title, distance, band, rank);
COMMENT ON VIEW role_adjacency IS
  'For every role, its 10 nearest roles by structural coordinate: neighbour, its title, distance (0 to 1), match band and rank (1 = nearest; ties broken by code). Standard SQL types; adjacent_roles() is the typed function.';
COMMENT ON COLUMN role_adjacency.role IS 'The role code, canonical upper case (DEI.GEN.P1).';
COMMENT ON COLUMN role_adjacency.neighbour IS 'The code of a role near it.';
COMMENT ON COLUMN role_adjacency.neighbour_title IS 'The neighbour''s title.';
COMMENT ON COLUMN role_adjacency.distance IS 'coord <-> coord: 0.5 * taxonomy distance + 0.5 * level distance (span 4), in [0, 1], double precision.';
COMMENT ON COLUMN role_adjacency.band IS 'strong (< 0.25), partial (< 0.5) or weak.';
COMMENT ON COLUMN role_adjacency.rank IS '1 for the nearest neighbour, up to 10.';

-- Rename a taxonomy node: its code's last label changes, and with it the
-- codes of every node and role below it (their components, aliases and
-- mappings follow through ON UPDATE CASCADE) and their coordinates.
CREATE FUNCTION rename_taxonomy_node(old_code rolecode, new_code rolecode) RETURNS int4
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  n int4;
  oldlen int4 := length(old_code::text);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM roleext.taxonomy t WHERE t.code = old_code) THEN
    RAISE EXCEPTION 'taxonomy node % does not exist', old_code USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'rename_taxonomy_node renames an existing node.';
  END IF;
  IF EXISTS (SELECT 1 FROM roleext.taxonomy t WHERE t.code = new_code) THEN
    RAISE EXCEPTION 'taxonomy node % already exists', new_code USING ERRCODE = 'unique_violation',
      DETAIL = 'A node can only be renamed to a code no other node has.';
  END IF;
  IF code_depth(new_code) <> code_depth(old_code) OR code_level(new_code) IS NOT NULL
     OR (code_depth(old_code) > 1 AND code_prefix(new_code, code_depth(old_code) - 1)
                                      OPERATOR(roleext.<>) code_prefix(old_code, code_depth(old_code) - 1)) THEN
    RAISE EXCEPTION 'cannot rename % to %', old_code, new_code USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'A rename changes the last label of the code only (DEI.GEN to DEI.GENERAL); to move a node, change its parent.';
  END IF;
  -- Copy, move, delete: the renamed nodes are inserted beside the old ones
  -- (one statement, so the new chain's foreign keys and tg_taxonomy_node
  -- are checked once it is whole), the node mappings and the roles move to
  -- them (their components, aliases and other rows follow role.code through
  -- ON UPDATE CASCADE; tg_role_coord recomputes their coordinates), and the
  -- old nodes go.  Every statement leaves every foreign key satisfied, so
  -- nothing is deferred: SET CONSTRAINTS names a constraint, and on a Citus
  -- node the shards' copies of it carry other names (doc/citus.md).
  INSERT INTO roleext.taxonomy (code, kind, name, parent, description)
  SELECT (new_code::text || substr(t.code::text, oldlen + 1))::roleext.rolecode, t.kind, t.name,
         CASE WHEN t.code OPERATOR(roleext.=) old_code THEN t.parent
              ELSE (new_code::text || substr(t.parent::text, oldlen + 1))::roleext.rolecode END,
         t.description
    FROM roleext.taxonomy t
   WHERE t.code OPERATOR(roleext.<@) old_code;
  UPDATE roleext.mapping m
     SET node = (new_code::text || substr(m.node::text, oldlen + 1))::roleext.rolecode
   WHERE m.node OPERATOR(roleext.<@) old_code;
  UPDATE roleext.role r
     SET code = (new_code::text || substr(r.code::text, oldlen + 1))::roleext.rolecode
   WHERE r.code OPERATOR(roleext.<@) old_code;
  GET DIAGNOSTICS n = ROW_COUNT;
  DELETE FROM roleext.taxonomy t WHERE t.code OPERATOR(roleext.<@) old_code;
  RETURN n;
END $$;
COMMENT ON FUNCTION rename_taxonomy_node(rolecode, rolecode) IS
  'Rename a taxonomy node (the last label of its code): the codes of the nodes and roles below it change with it, their components, aliases and mappings follow, their coordinates are recomputed. Returns the number of roles renamed. 22023 unless only the last label changes; 23505 if the new code is taken.';
