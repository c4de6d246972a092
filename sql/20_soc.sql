-- soccode: a US SOC 2018 or O*NET-SOC 2019 code (15-0000, 15-1200, 15-1250,
-- 15-1252, 15-1252.01).  Four bytes, passed by value; its Datum is an int32
-- whose order is numeric with a group before its members, so comparison,
-- hashing and sorting reuse built-in int4 functions, and a group's members
-- are one btree range.

CREATE TYPE soccode;

CREATE FUNCTION soccode_in(cstring) RETURNS soccode
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION soccode_out(soccode) RETURNS cstring
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION soccode_recv(internal) RETURNS soccode
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION soccode_send(soccode) RETURNS bytea
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE soccode (
  INPUT = soccode_in,
  OUTPUT = soccode_out,
  RECEIVE = soccode_recv,
  SEND = soccode_send,
  INTERNALLENGTH = 4,
  PASSEDBYVALUE,
  ALIGNMENT = int4,
  STORAGE = plain
);

COMMENT ON TYPE soccode IS
  'A US SOC 2018 or O*NET-SOC 2019 code: major group 15-0000, minor 15-1200, broad 15-1250, detailed 15-1252, O*NET-SOC 15-1252.01; the hyphen may be left out on input. Ordered numerically, a group before its members.';
COMMENT ON FUNCTION soccode_in(cstring) IS 'Text input of soccode: NN-NNNN or NNNNNN, optionally .NN on a detailed code; trimmed.';
COMMENT ON FUNCTION soccode_out(soccode) IS 'Text output of soccode: NN-NNNN, and .NN for an O*NET-SOC code.';
COMMENT ON FUNCTION soccode_recv(internal) IS 'Binary input of soccode: the 4-byte value, checked.';
COMMENT ON FUNCTION soccode_send(soccode) IS 'Binary output of soccode: the 4-byte value.';

-- Casts to and from text (the same as the I/O functions).

CREATE CAST (soccode AS text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (text AS soccode) WITH INOUT AS ASSIGNMENT;
COMMENT ON CAST (soccode AS text) IS 'The canonical text of a SOC code, such as 15-1252.01.';
COMMENT ON CAST (text AS soccode) IS 'Read a SOC code from text, as soccode input does (22P02 on bad input).';

-- The hierarchy.  The functions follow the SOC 2018 structure, exceptions
-- included (29-1221 ... 29-1229 sit in broad group 29-1210); they never
-- read a table.

CREATE FUNCTION soc_level(soccode) RETURNS text
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION soc_level(soccode) IS
  'The level of a SOC code: major, minor, broad, detailed or onet (an O*NET-SOC code such as 15-1252.01).';

CREATE FUNCTION soc_parent(soccode) RETURNS soccode
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION soc_parent(soccode) IS
  'The group one level up: soc_parent(''15-1252'') = ''15-1250'', soc_parent(''29-1221'') = ''29-1210''; null for a major group.';

CREATE FUNCTION soc_ancestor(soccode, level text) RETURNS soccode
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION soc_ancestor(soccode, text) IS
  'The code itself or its group at a level (major, minor, broad, detailed, onet): soc_ancestor(''15-1252.01'', ''minor'') = ''15-1200''; null when the code is above that level; 22023 for another level name.';

CREATE FUNCTION soc_distance(soccode, soccode) RETURNS int4
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION soc_distance(soccode, soccode) IS
  'Edges on the tree path between two codes through their lowest common ancestor: 15-1252 to 15-1253 is 2; codes of different major groups meet at an implicit root above the major groups (15-0000 to 17-0000 is 2).';

CREATE FUNCTION soc_path(soccode) RETURNS soccode[]
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION soc_path(soccode) IS
  'The code and its groups from the major group down: soc_path(''15-1252.01'') = {15-0000,15-1200,15-1250,15-1252,15-1252.01}.';

CREATE FUNCTION soc_subtree_min(soccode) RETURNS soccode
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION soc_subtree_min(soccode) IS
  'The lowest code in the btree range that holds every member of a group (the group itself); used by the planner for code <@ $1.';

CREATE FUNCTION soc_subtree_max(soccode) RETURNS soccode
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION soc_subtree_max(soccode) IS
  'The highest code in the btree range that holds every member of a group: soc_subtree_max(''15-1200'') = ''15-1299.99''; used by the planner for code <@ $1.';

-- Containment: a group contains its members and itself.  The planner
-- support functions (src/tree_support.c, one mechanism shared with
-- rolecode) turn it into btree index conditions: the range of a group, or
-- = ANY of a code's path.

CREATE FUNCTION soc_contains_support(internal) RETURNS internal
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION soc_contained_by_support(internal) RETURNS internal
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION soc_contains_support(internal) IS
  'Planner support of soc_contains (@>): index conditions on a btree-indexed soccode operand when the other operand is known before the scan (a constant, a parameter, an outer reference).';
COMMENT ON FUNCTION soc_contained_by_support(internal) IS
  'Planner support of soc_contained_by (<@): index conditions on a btree-indexed soccode operand when the other operand is known before the scan (a constant, a parameter, an outer reference).';

CREATE FUNCTION soc_contains(soccode, soccode) RETURNS bool
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
  SUPPORT soc_contains_support;
CREATE FUNCTION soc_contained_by(soccode, soccode) RETURNS bool
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
  SUPPORT soc_contained_by_support;
COMMENT ON FUNCTION soc_contains(soccode, soccode) IS
  'Implements @>: the first code is the second or one of its groups.';
COMMENT ON FUNCTION soc_contained_by(soccode, soccode) IS
  'Implements <@: the first code is the second or one of its members.';

CREATE OPERATOR @> (
  LEFTARG = soccode, RIGHTARG = soccode, FUNCTION = soc_contains,
  COMMUTATOR = <@, RESTRICT = matchingsel, JOIN = matchingjoinsel
);
CREATE OPERATOR <@ (
  LEFTARG = soccode, RIGHTARG = soccode, FUNCTION = soc_contained_by,
  COMMUTATOR = @>, RESTRICT = matchingsel, JOIN = matchingjoinsel
);
COMMENT ON OPERATOR @>(soccode, soccode) IS
  'Contains: ''15-1200'' @> ''15-1252.01''; a code contains itself. A btree index on the right operand serves it as a range, one on the left as = ANY of the path.';
COMMENT ON OPERATOR <@(soccode, soccode) IS
  'Is contained in: ''15-1252.01'' <@ ''15-1200''; a code is contained in itself. A btree index on the left operand serves it as a range, one on the right as = ANY of the path.';

-- Comparison: the built-in int4 functions work on the value directly.

CREATE FUNCTION soc_eq(soccode, soccode) RETURNS bool
  AS 'int4eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION soc_ne(soccode, soccode) RETURNS bool
  AS 'int4ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION soc_lt(soccode, soccode) RETURNS bool
  AS 'int4lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION soc_le(soccode, soccode) RETURNS bool
  AS 'int4le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION soc_gt(soccode, soccode) RETURNS bool
  AS 'int4gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION soc_ge(soccode, soccode) RETURNS bool
  AS 'int4ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION soc_cmp(soccode, soccode) RETURNS int4
  AS 'btint4cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION soc_sortsupport(internal) RETURNS void
  AS 'btint4sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION soc_hash(soccode) RETURNS int4
  AS 'hashint4' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION soc_hash_extended(soccode, int8) RETURNS int8
  AS 'hashint4extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION soc_eq(soccode, soccode) IS 'Implements = for soccode.';
COMMENT ON FUNCTION soc_ne(soccode, soccode) IS 'Implements <> for soccode.';
COMMENT ON FUNCTION soc_lt(soccode, soccode) IS 'Implements < for soccode.';
COMMENT ON FUNCTION soc_le(soccode, soccode) IS 'Implements <= for soccode.';
COMMENT ON FUNCTION soc_gt(soccode, soccode) IS 'Implements > for soccode.';
COMMENT ON FUNCTION soc_ge(soccode, soccode) IS 'Implements >= for soccode.';
COMMENT ON FUNCTION soc_cmp(soccode, soccode) IS 'Btree comparison of soccode: -1, 0 or 1.';
COMMENT ON FUNCTION soc_sortsupport(internal) IS 'Btree sort support of soccode (the int4 fast path).';
COMMENT ON FUNCTION soc_hash(soccode) IS 'Hash of soccode.';
COMMENT ON FUNCTION soc_hash_extended(soccode, int8) IS 'Seeded 64-bit hash of soccode.';

CREATE OPERATOR = (
  LEFTARG = soccode, RIGHTARG = soccode, FUNCTION = soc_eq,
  COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel,
  HASHES, MERGES
);
CREATE OPERATOR <> (
  LEFTARG = soccode, RIGHTARG = soccode, FUNCTION = soc_ne,
  COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR < (
  LEFTARG = soccode, RIGHTARG = soccode, FUNCTION = soc_lt,
  COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
  LEFTARG = soccode, RIGHTARG = soccode, FUNCTION = soc_le,
  COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
  LEFTARG = soccode, RIGHTARG = soccode, FUNCTION = soc_gt,
  COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
  LEFTARG = soccode, RIGHTARG = soccode, FUNCTION = soc_ge,
  COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);

COMMENT ON OPERATOR =(soccode, soccode) IS 'Equal SOC codes.';
COMMENT ON OPERATOR <>(soccode, soccode) IS 'Different SOC codes.';
COMMENT ON OPERATOR <(soccode, soccode) IS 'Lower in SOC order (numeric, a group before its members).';
COMMENT ON OPERATOR <=(soccode, soccode) IS 'Lower or equal in SOC order.';
COMMENT ON OPERATOR >(soccode, soccode) IS 'Higher in SOC order.';
COMMENT ON OPERATOR >=(soccode, soccode) IS 'Higher or equal in SOC order.';

CREATE OPERATOR CLASS soccode_ops
  DEFAULT FOR TYPE soccode USING btree AS
    OPERATOR 1 <,
    OPERATOR 2 <=,
    OPERATOR 3 =,
    OPERATOR 4 >=,
    OPERATOR 5 >,
    FUNCTION 1 soc_cmp(soccode, soccode),
    FUNCTION 2 soc_sortsupport(internal),
    FUNCTION 4 btequalimage(oid);
COMMENT ON OPERATOR CLASS soccode_ops USING btree IS
  'Default btree order of soccode; code <@ group on an indexed column becomes a range scan.';

CREATE OPERATOR CLASS soccode_hash_ops
  DEFAULT FOR TYPE soccode USING hash AS
    OPERATOR 1 =,
    FUNCTION 1 soc_hash(soccode),
    FUNCTION 2 soc_hash_extended(soccode, int8);
COMMENT ON OPERATOR CLASS soccode_hash_ops USING hash IS
  'Default hash opclass of soccode (hash joins, GROUP BY, hash partitioning).';
