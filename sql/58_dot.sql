-- Pictures: the taxonomy tree with its roles, and a role's nearest
-- neighbours, as Graphviz DOT text (dot -Tsvg renders them; make demo does).
-- The output is deterministic: nodes and edges in code order, numbers
-- rounded, so that a picture changes only when the taxonomy does.

-- A DOT quoted string: backslash, double quote and line breaks escaped, so
-- that any name is one label and never DOT syntax.
CREATE FUNCTION dot_quote(s text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN '"' || pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
                  s, '\', '\\'), '"', '\"'), E'\r', ''), E'\n', '\n') || '"';
COMMENT ON FUNCTION dot_quote(text) IS
  'Internal to taxonomy_dot and adjacency_dot: a Graphviz DOT quoted string (backslash, double quote and line breaks escaped): dot_quote(''say "hi"'') = ''"say \"hi\""''.';

CREATE FUNCTION taxonomy_dot(root rolecode DEFAULT NULL) RETURNS text
  LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  body text;
BEGIN
  IF root IS NOT NULL AND NOT EXISTS (SELECT FROM roleext.taxonomy t WHERE t.code OPERATOR(roleext.=) root) THEN
    RAISE EXCEPTION 'taxonomy node % does not exist', root USING ERRCODE = 'invalid_parameter_value',
      DETAIL = 'taxonomy_dot draws the subtree of an existing taxonomy node, or the whole taxonomy when root is NULL.';
  END IF;
  WITH nodes AS (
    SELECT t.code, t.kind, t.name, t.parent
    FROM roleext.taxonomy t
    WHERE root IS NULL
       OR EXISTS (SELECT FROM roleext.taxonomy_ancestors() a
                  WHERE a.node OPERATOR(roleext.=) t.code AND a.ancestor OPERATOR(roleext.=) root)
  ), roles AS (
    SELECT r.code, r.title, r.node FROM roleext.role r JOIN nodes n ON n.code OPERATOR(roleext.=) r.node
  ), lines AS (
    SELECT 1 AS part, n.code AS k1, NULL::roleext.rolecode AS k2,
           format('  %s [label=%s, fillcolor=%s%s];', roleext.dot_quote(n.code::text),
                  roleext.dot_quote(n.code::text || E'\n' || n.name),
                  CASE n.kind WHEN 'superfunction' THEN '"#9ecae1"' WHEN 'function' THEN '"#c6dbef"'
                              WHEN 'family' THEN '"#deebf7"' ELSE '"#eff3ff"' END,
                  CASE n.kind WHEN 'superfunction' THEN ', penwidth=2' ELSE '' END) AS line
    FROM nodes n
    UNION ALL
    SELECT 2, r.code, NULL,
           format('  %s [label=%s, shape=note, fillcolor="#fff7bc"];', roleext.dot_quote(r.code::text),
                  roleext.dot_quote(r.code::text || E'\n' || r.title))
    FROM roles r
    UNION ALL
    SELECT 3, n.parent, n.code, format('  %s -> %s;', roleext.dot_quote(n.parent::text), roleext.dot_quote(n.code::text))
    FROM nodes n JOIN nodes p ON p.code OPERATOR(roleext.=) n.parent
    UNION ALL
    SELECT 4, r.node, r.code, format('  %s -> %s;', roleext.dot_quote(r.node::text), roleext.dot_quote(r.code::text))
    FROM roles r
  )
  SELECT string_agg(l.line, E'\n' ORDER BY l.part, l.k1, l.k2) INTO body FROM lines l;
  RETURN 'digraph taxonomy {' || E'\n'
      || '  graph [rankdir=LR, fontname="Helvetica", nodesep=0.15, ranksep=0.4];' || E'\n'
      || '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];' || E'\n'
      || '  edge [color="#6b6b6b", arrowsize=0.6];' || E'\n'
      || coalesce(body || E'\n', '')
      || '}' || E'\n';
END $$;
COMMENT ON FUNCTION taxonomy_dot(rolecode) IS
  'The taxonomy tree with its roles as a Graphviz DOT digraph (text; render with dot -Tsvg): nodes coloured by kind, roles as notes with their titles, edges parent -> child; only the subtree of root when given. Deterministic. 22023 for an unknown root.';

CREATE FUNCTION adjacency_dot(role rolecode, k int4 DEFAULT 10) RETURNS text
  LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  me record;
  body text;
BEGIN
  PERFORM roleext.role_must_exist(adjacency_dot.role, 'adjacency_dot');
  SELECT r.code, r.title INTO me FROM roleext.role r WHERE r.code OPERATOR(roleext.=) adjacency_dot.role;
  SELECT string_agg(x.line, E'\n' ORDER BY x.part, x.n) INTO body
  FROM (
    SELECT 1 AS part, 0::int8 AS n,
           format('  %s [label=%s, fillcolor="#fdae6b", penwidth=2];', roleext.dot_quote(me.code::text),
                  roleext.dot_quote(me.code::text || E'\n' || me.title)) AS line
    UNION ALL
    SELECT 2, a.n, format('  %s [label=%s, fillcolor=%s];', roleext.dot_quote(a.role::text),
                          roleext.dot_quote(a.role::text || E'\n' || a.title || E'\n'
                                            || to_char(a.distance, 'FM0.000') || ' ' || a.band::text),
                          CASE a.band WHEN 'strong' THEN '"#a1d99b"' WHEN 'partial' THEN '"#fff7bc"' ELSE '"#eeeeee"' END)
    FROM roleext.adjacent_roles(me.code, k) WITH ORDINALITY a(role, title, distance, band, n)
    UNION ALL
    SELECT 3, a.n, format('  %s -- %s [len=%s, style=%s, penwidth=%s];', roleext.dot_quote(me.code::text),
                          roleext.dot_quote(a.role::text),
                          to_char(1.5 + 6 * a.distance, 'FM0.00'),
                          CASE a.band WHEN 'weak' THEN 'dashed' ELSE 'solid' END,
                          CASE a.band WHEN 'strong' THEN '2.5' WHEN 'partial' THEN '1.5' ELSE '1' END)
    FROM roleext.adjacent_roles(me.code, k) WITH ORDINALITY a(role, title, distance, band, n)
  ) x;
  RETURN 'graph adjacency {' || E'\n'
      || '  graph [layout=neato, overlap=false, sep="+8", fontname="Helvetica"];' || E'\n'
      || '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];' || E'\n'
      || '  edge [fontname="Helvetica", fontsize=9, color="#6b6b6b"];' || E'\n'
      || body || E'\n'
      || '}' || E'\n';
END $$;
COMMENT ON FUNCTION adjacency_dot(rolecode, int4) IS
  'A role and its k (default 10) nearest roles (adjacent_roles) as a Graphviz DOT graph (text; render with neato -Tsvg): each neighbour labelled with its distance (3 decimals) and band and coloured by band, edges as long as the distance (len), thicker for strong, dashed for weak. Deterministic. 22023 for an unknown role or k outside 0..10000.';
