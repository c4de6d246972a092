-- rolecoord: a structural coordinate, a taxonomy path (a rolecode) and a
-- grade, written TECH.DEI.GEN@1; a <-> b is the adjacency distance in
-- [0, 1].  matchband names the three bands of a distance.  See
-- doc/rolecoord.md.

CREATE TYPE rolecoord;

CREATE FUNCTION rolecoord_in(cstring) RETURNS rolecoord
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rolecoord_out(rolecoord) RETURNS cstring
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rolecoord_recv(internal) RETURNS rolecoord
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rolecoord_send(rolecoord) RETURNS bytea
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE rolecoord (
  INPUT = rolecoord_in,
  OUTPUT = rolecoord_out,
  RECEIVE = rolecoord_recv,
  SEND = rolecoord_send,
  INTERNALLENGTH = VARIABLE,
  ALIGNMENT = int4,
  STORAGE = extended
);

COMMENT ON TYPE rolecoord IS
  'A structural coordinate: a taxonomy path, superfunction first, and a grade on the cross-track level scale, written TECH.DEI.GEN@1 or TECH.DEI.GEN@2.5. a <-> b is the adjacency distance in [0, 1].';
COMMENT ON FUNCTION rolecoord_in(cstring) IS 'Text input of rolecoord: PATH@GRADE, case-insensitive, trimmed.';
COMMENT ON FUNCTION rolecoord_out(rolecoord) IS 'Text output of rolecoord: upper-case path, @, the shortest exact text of the grade.';
COMMENT ON FUNCTION rolecoord_recv(internal) IS 'Binary input of rolecoord: a float8 grade, then the canonical path text; checked.';
COMMENT ON FUNCTION rolecoord_send(rolecoord) IS 'Binary output of rolecoord: a float8 grade, then the canonical path text.';

CREATE TYPE matchband AS ENUM ('strong', 'partial', 'weak');
COMMENT ON TYPE matchband IS
  'The match band of an adjacency distance, closest first: strong, partial, weak (see match_band).';

-- Constructor and accessors.

CREATE FUNCTION make_coord(path rolecode, grade float8) RETURNS rolecoord
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION make_coord(rolecode, float8) IS
  'Build a coordinate from a taxonomy path (superfunction first) and a finite grade: make_coord(''tech.dei.gen'', 1) = ''TECH.DEI.GEN@1''. A NaN or infinite grade raises 22023.';

CREATE FUNCTION coord_path(rolecoord) RETURNS rolecode
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION coord_path(rolecoord) IS 'The taxonomy path of a coordinate: coord_path(''TECH.DEI.GEN@1'') = ''TECH.DEI.GEN''.';

CREATE FUNCTION coord_grade(rolecoord) RETURNS float8
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION coord_grade(rolecoord) IS 'The grade of a coordinate: coord_grade(''TECH.DEI.GEN@2.5'') = 2.5.';

-- The adjacency distance and its bands.

CREATE FUNCTION coord_distance(a rolecoord, b rolecoord) RETURNS float8
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION coord_distance(rolecoord, rolecoord) IS
  'Adjacency distance in [0, 1] with taxonomy weight 0.5 and level span 4; implements <->.';

CREATE FUNCTION coord_distance(a rolecoord, b rolecoord, taxonomy_weight float8,
                               level_span float8 DEFAULT 4) RETURNS float8
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION coord_distance(rolecoord, rolecoord, float8, float8) IS
  'Adjacency distance in [0, 1]: w * (1 - lcp/max depth) + (1 - w) * min(1, |grade a - grade b| / span), w = taxonomy_weight in [0, 1], span = level_span > 0 (default 4); coord_distance(a, b) is w = 0.5, span = 4. Bad weights raise 22023.';

CREATE OPERATOR <-> (
  LEFTARG = rolecoord, RIGHTARG = rolecoord, FUNCTION = coord_distance,
  COMMUTATOR = <->
);
COMMENT ON OPERATOR <->(rolecoord, rolecoord) IS
  'Adjacency distance in [0, 1] (taxonomy weight 0.5, level span 4); ORDER BY coord <-> x LIMIT k uses a GiST index.';

CREATE FUNCTION match_band(distance float8, strong_below float8 DEFAULT 0.25,
                           partial_below float8 DEFAULT 0.5) RETURNS matchband
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION match_band(float8, float8, float8) IS
  'The band of a distance in [0, 1]: strong below strong_below (default 0.25), partial below partial_below (default 0.5), else weak. Thresholds must be in [0, 1] and in order; a distance outside [0, 1] or NaN raises 22023.';

-- Comparison: path label by label (a path before its extensions), then grade.

CREATE FUNCTION coord_eq(rolecoord, rolecoord) RETURNS bool
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION coord_ne(rolecoord, rolecoord) RETURNS bool
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION coord_lt(rolecoord, rolecoord) RETURNS bool
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION coord_le(rolecoord, rolecoord) RETURNS bool
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION coord_gt(rolecoord, rolecoord) RETURNS bool
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION coord_ge(rolecoord, rolecoord) RETURNS bool
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION coord_cmp(rolecoord, rolecoord) RETURNS int4
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION coord_sortsupport(internal) RETURNS void
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION coord_hash(rolecoord) RETURNS int4
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION coord_hash_extended(rolecoord, int8) RETURNS int8
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION coord_eq(rolecoord, rolecoord) IS 'Implements = for rolecoord.';
COMMENT ON FUNCTION coord_ne(rolecoord, rolecoord) IS 'Implements <> for rolecoord.';
COMMENT ON FUNCTION coord_lt(rolecoord, rolecoord) IS 'Implements < for rolecoord.';
COMMENT ON FUNCTION coord_le(rolecoord, rolecoord) IS 'Implements <= for rolecoord.';
COMMENT ON FUNCTION coord_gt(rolecoord, rolecoord) IS 'Implements > for rolecoord.';
COMMENT ON FUNCTION coord_ge(rolecoord, rolecoord) IS 'Implements >= for rolecoord.';
COMMENT ON FUNCTION coord_cmp(rolecoord, rolecoord) IS 'Btree comparison of rolecoord: -1, 0 or 1 (path label by label, then grade).';
COMMENT ON FUNCTION coord_sortsupport(internal) IS 'Sort support of rolecoord (btree sorts and sorted GiST builds).';
COMMENT ON FUNCTION coord_hash(rolecoord) IS 'Hash of rolecoord.';
COMMENT ON FUNCTION coord_hash_extended(rolecoord, int8) IS 'Seeded 64-bit hash of rolecoord.';

CREATE OPERATOR = (
  LEFTARG = rolecoord, RIGHTARG = rolecoord, FUNCTION = coord_eq,
  COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel,
  HASHES, MERGES
);
CREATE OPERATOR <> (
  LEFTARG = rolecoord, RIGHTARG = rolecoord, FUNCTION = coord_ne,
  COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR < (
  LEFTARG = rolecoord, RIGHTARG = rolecoord, FUNCTION = coord_lt,
  COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
  LEFTARG = rolecoord, RIGHTARG = rolecoord, FUNCTION = coord_le,
  COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
  LEFTARG = rolecoord, RIGHTARG = rolecoord, FUNCTION = coord_gt,
  COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
  LEFTARG = rolecoord, RIGHTARG = rolecoord, FUNCTION = coord_ge,
  COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);

COMMENT ON OPERATOR =(rolecoord, rolecoord) IS 'Equal coordinates: same path and same grade.';
COMMENT ON OPERATOR <>(rolecoord, rolecoord) IS 'Different coordinates.';
COMMENT ON OPERATOR <(rolecoord, rolecoord) IS 'Before in coordinate order (path label by label, then grade).';
COMMENT ON OPERATOR <=(rolecoord, rolecoord) IS 'Before or equal in coordinate order.';
COMMENT ON OPERATOR >(rolecoord, rolecoord) IS 'After in coordinate order.';
COMMENT ON OPERATOR >=(rolecoord, rolecoord) IS 'After or equal in coordinate order.';

CREATE OPERATOR CLASS rolecoord_ops
  DEFAULT FOR TYPE rolecoord USING btree AS
    OPERATOR 1 <,
    OPERATOR 2 <=,
    OPERATOR 3 =,
    OPERATOR 4 >=,
    OPERATOR 5 >,
    FUNCTION 1 coord_cmp(rolecoord, rolecoord),
    FUNCTION 2 coord_sortsupport(internal),
    FUNCTION 4 btequalimage(oid);
COMMENT ON OPERATOR CLASS rolecoord_ops USING btree IS 'Default btree order of rolecoord: path label by label, then grade.';

CREATE OPERATOR CLASS rolecoord_hash_ops
  DEFAULT FOR TYPE rolecoord USING hash AS
    OPERATOR 1 =,
    FUNCTION 1 coord_hash(rolecoord),
    FUNCTION 2 coord_hash_extended(rolecoord, int8);
COMMENT ON OPERATOR CLASS rolecoord_hash_ops USING hash IS 'Default hash opclass of rolecoord (hash joins, GROUP BY, hash partitioning).';

-- GiST: equality and exact nearest-neighbour search (ORDER BY coord <-> x).

CREATE FUNCTION coord_gist_consistent(internal, rolecoord, int2, oid, internal) RETURNS bool
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION coord_gist_union(internal, internal) RETURNS rolecoord
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION coord_gist_penalty(internal, internal, internal) RETURNS internal
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION coord_gist_picksplit(internal, internal) RETURNS internal
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION coord_gist_same(rolecoord, rolecoord, internal) RETURNS internal
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION coord_gist_distance(internal, rolecoord, int2, oid, internal) RETURNS float8
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION coord_gist_consistent(internal, rolecoord, int2, oid, internal) IS 'GiST support of rolecoord: can an entry match = (exact on leaves).';
COMMENT ON FUNCTION coord_gist_union(internal, internal) IS 'GiST support of rolecoord: the box (shared path prefix, depth and grade ranges) of a set of entries.';
COMMENT ON FUNCTION coord_gist_penalty(internal, internal, internal) IS 'GiST support of rolecoord: how much a subtree''s box widens to take an entry.';
COMMENT ON FUNCTION coord_gist_picksplit(internal, internal) IS 'GiST support of rolecoord: split a page in path order where neighbours share the fewest labels.';
COMMENT ON FUNCTION coord_gist_same(rolecoord, rolecoord, internal) IS 'GiST support of rolecoord: are two keys identical.';
COMMENT ON FUNCTION coord_gist_distance(internal, rolecoord, int2, oid, internal) IS 'GiST support of rolecoord: <-> to a leaf, or a proven lower bound of it to a subtree (exact KNN).';

CREATE OPERATOR CLASS rolecoord_gist_ops
  DEFAULT FOR TYPE rolecoord USING gist AS
    OPERATOR 15 <-> (rolecoord, rolecoord) FOR ORDER BY float_ops,
    OPERATOR 18 = (rolecoord, rolecoord),
    FUNCTION 1 coord_gist_consistent(internal, rolecoord, int2, oid, internal),
    FUNCTION 2 coord_gist_union(internal, internal),
    FUNCTION 5 coord_gist_penalty(internal, internal, internal),
    FUNCTION 6 coord_gist_picksplit(internal, internal),
    FUNCTION 7 coord_gist_same(rolecoord, rolecoord, internal),
    FUNCTION 8 coord_gist_distance(internal, rolecoord, int2, oid, internal),
    FUNCTION 11 coord_sortsupport(internal);
COMMENT ON OPERATOR CLASS rolecoord_gist_ops USING gist IS
  'Default GiST opclass of rolecoord: = and exact nearest-neighbour ordering, ORDER BY coord <-> x LIMIT k.';
