-- rolelevel: a level coordinate, track letters plus a rank (P1, M3, IC3).
-- Four bytes, passed by value; its Datum is an int32 whose order is the level
-- order, so comparison, hashing and sorting reuse built-in int4 functions.

CREATE TYPE rolelevel;

CREATE FUNCTION rolelevel_in(cstring) RETURNS rolelevel
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rolelevel_out(rolelevel) RETURNS cstring
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rolelevel_recv(internal) RETURNS rolelevel
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rolelevel_send(rolelevel) RETURNS bytea
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE rolelevel (
  INPUT = rolelevel_in,
  OUTPUT = rolelevel_out,
  RECEIVE = rolelevel_recv,
  SEND = rolelevel_send,
  INTERNALLENGTH = 4,
  PASSEDBYVALUE,
  ALIGNMENT = int4,
  STORAGE = plain
);

COMMENT ON TYPE rolelevel IS
  'A level coordinate: 1-3 track letters and a rank 0-99 (P1, M3, IC3). Ordered by track (S, P, M, E, then others alphabetically), then rank.';
COMMENT ON FUNCTION rolelevel_in(cstring) IS 'Text input of rolelevel: case-insensitive, trimmed.';
COMMENT ON FUNCTION rolelevel_out(rolelevel) IS 'Text output of rolelevel: upper-case track, then rank.';
COMMENT ON FUNCTION rolelevel_recv(internal) IS 'Binary input of rolelevel: the 4-byte encoding, checked.';
COMMENT ON FUNCTION rolelevel_send(rolelevel) IS 'Binary output of rolelevel: the 4-byte encoding.';

-- Accessors and constructors.

CREATE FUNCTION level_track(rolelevel) RETURNS text
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION level_track(rolelevel) IS 'The track letters of a level: level_track(''IC3'') = ''IC''.';

CREATE FUNCTION level_rank(rolelevel) RETURNS int4
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION level_rank(rolelevel) IS 'The rank of a level: level_rank(''IC3'') = 3.';

CREATE FUNCTION make_level(track text, rank int4) RETURNS rolelevel
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION make_level(text, int4) IS
  'Build a level from a track of 1-3 letters and a rank 0-99: make_level(''p'', 1) = ''P1''. A bad track raises 22023, a bad rank 22003.';

-- Comparison: the built-in int4 functions work on the encoding directly.

CREATE FUNCTION level_eq(rolelevel, rolelevel) RETURNS bool
  AS 'int4eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION level_ne(rolelevel, rolelevel) RETURNS bool
  AS 'int4ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION level_lt(rolelevel, rolelevel) RETURNS bool
  AS 'int4lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION level_le(rolelevel, rolelevel) RETURNS bool
  AS 'int4le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION level_gt(rolelevel, rolelevel) RETURNS bool
  AS 'int4gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION level_ge(rolelevel, rolelevel) RETURNS bool
  AS 'int4ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION level_cmp(rolelevel, rolelevel) RETURNS int4
  AS 'btint4cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION level_sortsupport(internal) RETURNS void
  AS 'btint4sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION level_hash(rolelevel) RETURNS int4
  AS 'hashint4' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION level_hash_extended(rolelevel, int8) RETURNS int8
  AS 'hashint4extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION level_eq(rolelevel, rolelevel) IS 'Implements = for rolelevel.';
COMMENT ON FUNCTION level_ne(rolelevel, rolelevel) IS 'Implements <> for rolelevel.';
COMMENT ON FUNCTION level_lt(rolelevel, rolelevel) IS 'Implements < for rolelevel.';
COMMENT ON FUNCTION level_le(rolelevel, rolelevel) IS 'Implements <= for rolelevel.';
COMMENT ON FUNCTION level_gt(rolelevel, rolelevel) IS 'Implements > for rolelevel.';
COMMENT ON FUNCTION level_ge(rolelevel, rolelevel) IS 'Implements >= for rolelevel.';
COMMENT ON FUNCTION level_cmp(rolelevel, rolelevel) IS 'Btree comparison of rolelevel: -1, 0 or 1.';
COMMENT ON FUNCTION level_sortsupport(internal) IS 'Btree sort support of rolelevel (the int4 fast path).';
COMMENT ON FUNCTION level_hash(rolelevel) IS 'Hash of rolelevel.';
COMMENT ON FUNCTION level_hash_extended(rolelevel, int8) IS 'Seeded 64-bit hash of rolelevel.';

CREATE OPERATOR = (
  LEFTARG = rolelevel, RIGHTARG = rolelevel, FUNCTION = level_eq,
  COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel,
  HASHES, MERGES
);
CREATE OPERATOR <> (
  LEFTARG = rolelevel, RIGHTARG = rolelevel, FUNCTION = level_ne,
  COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR < (
  LEFTARG = rolelevel, RIGHTARG = rolelevel, FUNCTION = level_lt,
  COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
  LEFTARG = rolelevel, RIGHTARG = rolelevel, FUNCTION = level_le,
  COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
  LEFTARG = rolelevel, RIGHTARG = rolelevel, FUNCTION = level_gt,
  COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
  LEFTARG = rolelevel, RIGHTARG = rolelevel, FUNCTION = level_ge,
  COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);

COMMENT ON OPERATOR =(rolelevel, rolelevel) IS 'Equal levels.';
COMMENT ON OPERATOR <>(rolelevel, rolelevel) IS 'Different levels.';
COMMENT ON OPERATOR <(rolelevel, rolelevel) IS 'Lower in level order (track S, P, M, E, others; then rank).';
COMMENT ON OPERATOR <=(rolelevel, rolelevel) IS 'Lower or equal in level order.';
COMMENT ON OPERATOR >(rolelevel, rolelevel) IS 'Higher in level order.';
COMMENT ON OPERATOR >=(rolelevel, rolelevel) IS 'Higher or equal in level order.';

CREATE OPERATOR CLASS rolelevel_ops
  DEFAULT FOR TYPE rolelevel USING btree AS
    OPERATOR 1 <,
    OPERATOR 2 <=,
    OPERATOR 3 =,
    OPERATOR 4 >=,
    OPERATOR 5 >,
    FUNCTION 1 level_cmp(rolelevel, rolelevel),
    FUNCTION 2 level_sortsupport(internal),
    FUNCTION 4 btequalimage(oid);
COMMENT ON OPERATOR CLASS rolelevel_ops USING btree IS 'Default btree order of rolelevel.';

CREATE OPERATOR CLASS rolelevel_hash_ops
  DEFAULT FOR TYPE rolelevel USING hash AS
    OPERATOR 1 =,
    FUNCTION 1 level_hash(rolelevel),
    FUNCTION 2 level_hash_extended(rolelevel, int8);
COMMENT ON OPERATOR CLASS rolelevel_hash_ops USING hash IS 'Default hash opclass of rolelevel (hash joins, GROUP BY, hash partitioning).';

-- Spans of levels, such as the alias "P1–P4".

CREATE TYPE rolelevelrange AS RANGE (subtype = rolelevel);
COMMENT ON TYPE rolelevelrange IS
  'A range of levels, such as [P1,P4]; level_span() reads the written forms P1–P4, P1-P4 and P1..P4.';

CREATE FUNCTION level_span(text) RETURNS rolelevelrange
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION level_span(text) IS
  'Read a span written P1–P4 (en dash), P1-P4, P1..P4 or a single level into a range closed at both ends: level_span(''P1–P4'') = ''[P1,P4]''.';
COMMENT ON TYPE rolelevelmultirange IS 'A set of disjoint level ranges (the multirange of rolelevelrange).';
COMMENT ON FUNCTION rolelevelrange(rolelevel, rolelevel) IS 'Construct a rolelevelrange [lower, upper).';
COMMENT ON FUNCTION rolelevelrange(rolelevel, rolelevel, text) IS 'Construct a rolelevelrange with the given bounds, such as ''[]''.';
COMMENT ON FUNCTION rolelevelmultirange() IS 'Construct an empty rolelevelmultirange.';
COMMENT ON FUNCTION rolelevelmultirange(rolelevelrange) IS 'Construct a rolelevelmultirange of one range.';
COMMENT ON FUNCTION rolelevelmultirange(rolelevelrange[]) IS 'Construct a rolelevelmultirange of several ranges.';
