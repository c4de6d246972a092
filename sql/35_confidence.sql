-- confidence: an alias or match confidence in [0, 1], to 4 decimals.
-- Two bytes, passed by value; its Datum is an int16 count of ten-thousandths
-- (0 ... 10000) whose order is the confidence order, so comparison, hashing
-- and sorting reuse built-in int2 functions.

CREATE TYPE confidence;

CREATE FUNCTION confidence_in(cstring) RETURNS confidence
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION confidence_out(confidence) RETURNS cstring
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION confidence_recv(internal) RETURNS confidence
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION confidence_send(confidence) RETURNS bytea
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE confidence (
  INPUT = confidence_in,
  OUTPUT = confidence_out,
  RECEIVE = confidence_recv,
  SEND = confidence_send,
  INTERNALLENGTH = 2,
  PASSEDBYVALUE,
  ALIGNMENT = int2,
  STORAGE = plain
);

COMMENT ON TYPE confidence IS
  'An alias or match confidence in [0, 1], to 4 decimals: in 0.6, .6, 0.60, 60%; out 0.60 (two decimals, more when needed).';
COMMENT ON FUNCTION confidence_in(cstring) IS
  'Text input of confidence: 0.6, .6, 0.60, 60%, 60.5%, 1, 0; trimmed; never rounds (at most 4 decimals, extra zeros allowed).';
COMMENT ON FUNCTION confidence_out(confidence) IS 'Text output of confidence: two decimals, more only when needed (0.60, 1.00, 0.605).';
COMMENT ON FUNCTION confidence_recv(internal) IS 'Binary input of confidence: a 2-byte count of ten-thousandths, checked to be 0-10000.';
COMMENT ON FUNCTION confidence_send(confidence) IS 'Binary output of confidence: a 2-byte count of ten-thousandths.';

-- Comparison: the built-in int2 functions work on the encoding directly.

CREATE FUNCTION confidence_eq(confidence, confidence) RETURNS bool
  AS 'int2eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION confidence_ne(confidence, confidence) RETURNS bool
  AS 'int2ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION confidence_lt(confidence, confidence) RETURNS bool
  AS 'int2lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION confidence_le(confidence, confidence) RETURNS bool
  AS 'int2le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION confidence_gt(confidence, confidence) RETURNS bool
  AS 'int2gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION confidence_ge(confidence, confidence) RETURNS bool
  AS 'int2ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION confidence_cmp(confidence, confidence) RETURNS int4
  AS 'btint2cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION confidence_sortsupport(internal) RETURNS void
  AS 'btint2sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION confidence_hash(confidence) RETURNS int4
  AS 'hashint2' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION confidence_hash_extended(confidence, int8) RETURNS int8
  AS 'hashint2extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION confidence_eq(confidence, confidence) IS 'Implements = for confidence.';
COMMENT ON FUNCTION confidence_ne(confidence, confidence) IS 'Implements <> for confidence.';
COMMENT ON FUNCTION confidence_lt(confidence, confidence) IS 'Implements < for confidence.';
COMMENT ON FUNCTION confidence_le(confidence, confidence) IS 'Implements <= for confidence.';
COMMENT ON FUNCTION confidence_gt(confidence, confidence) IS 'Implements > for confidence.';
COMMENT ON FUNCTION confidence_ge(confidence, confidence) IS 'Implements >= for confidence.';
COMMENT ON FUNCTION confidence_cmp(confidence, confidence) IS 'Btree comparison of confidence: negative, zero or positive.';
COMMENT ON FUNCTION confidence_sortsupport(internal) IS 'Btree sort support of confidence (the int2 fast path).';
COMMENT ON FUNCTION confidence_hash(confidence) IS 'Hash of confidence.';
COMMENT ON FUNCTION confidence_hash_extended(confidence, int8) IS 'Seeded 64-bit hash of confidence.';

CREATE OPERATOR = (
  LEFTARG = confidence, RIGHTARG = confidence, FUNCTION = confidence_eq,
  COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel,
  HASHES, MERGES
);
CREATE OPERATOR <> (
  LEFTARG = confidence, RIGHTARG = confidence, FUNCTION = confidence_ne,
  COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR < (
  LEFTARG = confidence, RIGHTARG = confidence, FUNCTION = confidence_lt,
  COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
  LEFTARG = confidence, RIGHTARG = confidence, FUNCTION = confidence_le,
  COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
  LEFTARG = confidence, RIGHTARG = confidence, FUNCTION = confidence_gt,
  COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
  LEFTARG = confidence, RIGHTARG = confidence, FUNCTION = confidence_ge,
  COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);

COMMENT ON OPERATOR =(confidence, confidence) IS 'Equal confidences.';
COMMENT ON OPERATOR <>(confidence, confidence) IS 'Different confidences.';
COMMENT ON OPERATOR <(confidence, confidence) IS 'Lower confidence.';
COMMENT ON OPERATOR <=(confidence, confidence) IS 'Lower or equal confidence.';
COMMENT ON OPERATOR >(confidence, confidence) IS 'Higher confidence.';
COMMENT ON OPERATOR >=(confidence, confidence) IS 'Higher or equal confidence.';

CREATE OPERATOR CLASS confidence_ops
  DEFAULT FOR TYPE confidence USING btree AS
    OPERATOR 1 <,
    OPERATOR 2 <=,
    OPERATOR 3 =,
    OPERATOR 4 >=,
    OPERATOR 5 >,
    FUNCTION 1 confidence_cmp(confidence, confidence),
    FUNCTION 2 confidence_sortsupport(internal),
    FUNCTION 4 btequalimage(oid);
COMMENT ON OPERATOR CLASS confidence_ops USING btree IS 'Default btree order of confidence.';

CREATE OPERATOR CLASS confidence_hash_ops
  DEFAULT FOR TYPE confidence USING hash AS
    OPERATOR 1 =,
    FUNCTION 1 confidence_hash(confidence),
    FUNCTION 2 confidence_hash_extended(confidence, int8);
COMMENT ON OPERATOR CLASS confidence_hash_ops USING hash IS 'Default hash opclass of confidence (hash joins, GROUP BY, hash partitioning).';

-- min and max, with the btree order's sort operators (so an index can
-- answer them).

CREATE FUNCTION confidence_smaller(confidence, confidence) RETURNS confidence
  AS 'int2smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION confidence_larger(confidence, confidence) RETURNS confidence
  AS 'int2larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION confidence_smaller(confidence, confidence) IS 'The smaller of two confidences (min''s transition).';
COMMENT ON FUNCTION confidence_larger(confidence, confidence) IS 'The larger of two confidences (max''s transition).';

CREATE AGGREGATE min(confidence) (
  SFUNC = confidence_smaller, STYPE = confidence, COMBINEFUNC = confidence_smaller,
  SORTOP = <, PARALLEL = SAFE
);
CREATE AGGREGATE max(confidence) (
  SFUNC = confidence_larger, STYPE = confidence, COMBINEFUNC = confidence_larger,
  SORTOP = >, PARALLEL = SAFE
);
COMMENT ON AGGREGATE min(confidence) IS 'The lowest confidence of a group.';
COMMENT ON AGGREGATE max(confidence) IS 'The highest confidence of a group.';

-- Combining: a & b (both hold) and a | b (either holds), rounded half up.

CREATE FUNCTION confidence_and(confidence, confidence) RETURNS confidence
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION confidence_and(confidence, confidence) IS
  'Implements & for confidence: the product a*b rounded to 4 decimals, ties up.';
CREATE FUNCTION confidence_or(confidence, confidence) RETURNS confidence
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION confidence_or(confidence, confidence) IS
  'Implements | for confidence: 1 - (1 - a)(1 - b) rounded to 4 decimals, ties up.';

CREATE OPERATOR & (
  LEFTARG = confidence, RIGHTARG = confidence, FUNCTION = confidence_and,
  COMMUTATOR = &
);
CREATE OPERATOR | (
  LEFTARG = confidence, RIGHTARG = confidence, FUNCTION = confidence_or,
  COMMUTATOR = |
);
COMMENT ON OPERATOR &(confidence, confidence) IS
  'Both hold: a & b = a*b, rounded to 4 decimals (0.60 & 0.50 = 0.30).';
COMMENT ON OPERATOR |(confidence, confidence) IS
  'Either holds: a | b = 1 - (1 - a)(1 - b), rounded to 4 decimals (0.60 | 0.50 = 0.80).';

-- Bands: low < 0.50 <= medium < 0.80 <= high.

CREATE TYPE confband AS ENUM ('low', 'medium', 'high');
COMMENT ON TYPE confband IS 'The band of a confidence: low (< 0.50), medium (0.50 to < 0.80), high (>= 0.80); ordered low < medium < high.';

CREATE FUNCTION confidence_band(confidence) RETURNS confband
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION confidence_band(confidence) IS
  'The band of a confidence: low below 0.50, medium from 0.50 to below 0.80, high from 0.80: confidence_band(''0.60'') = ''medium''.';

-- Aggregates: & and | folded over a group.  The state is a float8 running
-- product (of the confidences, or of their complements), combined across
-- parallel workers by multiplying; the final step rounds once.  An empty
-- group (or one of NULLs only) gives NULL, as sum() and bool_and() do.

CREATE FUNCTION confidence_all_trans(float8, confidence) RETURNS float8
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION confidence_all_trans(float8, confidence) IS
  'Transition of confidence_all: multiplies the running product by the confidence. Not strict: NULL state = no row yet; NULL confidences are skipped.';
CREATE FUNCTION confidence_any_trans(float8, confidence) RETURNS float8
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION confidence_any_trans(float8, confidence) IS
  'Transition of confidence_any: multiplies the running product by 1 - confidence. Not strict: NULL state = no row yet; NULL confidences are skipped.';
CREATE FUNCTION confidence_agg_combine(float8, float8) RETURNS float8
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION confidence_agg_combine(float8, float8) IS
  'Combine function of confidence_all and confidence_any: the product of two partial products (without float8mul''s underflow error).';
CREATE FUNCTION confidence_all_final(float8) RETURNS confidence
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION confidence_all_final(float8) IS
  'Final step of confidence_all: the product rounded once to 4 decimals, ties up.';
CREATE FUNCTION confidence_any_final(float8) RETURNS confidence
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION confidence_any_final(float8) IS
  'Final step of confidence_any: 1 - the product of complements, rounded once to 4 decimals, ties up.';

CREATE AGGREGATE confidence_all(confidence) (
  SFUNC = confidence_all_trans,
  STYPE = float8,
  COMBINEFUNC = confidence_agg_combine,
  FINALFUNC = confidence_all_final,
  PARALLEL = SAFE
);
COMMENT ON AGGREGATE confidence_all(confidence) IS
  'All of a group hold: the product of its confidences (& folded), rounded once; NULLs are skipped, an empty group gives NULL.';

CREATE AGGREGATE confidence_any(confidence) (
  SFUNC = confidence_any_trans,
  STYPE = float8,
  COMBINEFUNC = confidence_agg_combine,
  FINALFUNC = confidence_any_final,
  PARALLEL = SAFE
);
COMMENT ON AGGREGATE confidence_any(confidence) IS
  'Any of a group holds: 1 - the product of 1 - confidence (| folded), rounded once; NULLs are skipped, an empty group gives NULL.';

-- Casts.  From confidence: exact, AS ASSIGNMENT (they never fail).  To
-- confidence: explicit only, since they round to 4 decimals and can fail
-- (22003 outside [0, 1] after rounding, NaN and infinities included).

CREATE FUNCTION confidence_to_numeric(confidence) RETURNS numeric
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION confidence_to_numeric(confidence) IS 'Cast confidence to numeric, exactly, with 4 decimals: 0.60 -> 0.6000.';
CREATE FUNCTION confidence_to_float8(confidence) RETURNS float8
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION confidence_to_float8(confidence) IS 'Cast confidence to float8: the nearest double (0.60 -> 0.6).';
CREATE FUNCTION confidence_from_numeric(numeric) RETURNS confidence
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION confidence_from_numeric(numeric) IS
  'Cast numeric to confidence: rounded to 4 decimals (half away from zero), then 22003 unless in [0, 1]; NaN and infinities raise 22003.';
CREATE FUNCTION confidence_from_float8(float8) RETURNS confidence
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION confidence_from_float8(float8) IS
  'Cast float8 to confidence: read at 15 significant digits as float8::numeric is, rounded to 4 decimals (half away from zero), then 22003 unless in [0, 1]; NaN and infinities raise 22003.';

CREATE CAST (confidence AS numeric) WITH FUNCTION confidence_to_numeric(confidence) AS ASSIGNMENT;
CREATE CAST (confidence AS float8) WITH FUNCTION confidence_to_float8(confidence) AS ASSIGNMENT;
CREATE CAST (numeric AS confidence) WITH FUNCTION confidence_from_numeric(numeric);
CREATE CAST (float8 AS confidence) WITH FUNCTION confidence_from_float8(float8);
COMMENT ON CAST (confidence AS numeric) IS 'Exact; an assignment cast.';
COMMENT ON CAST (confidence AS float8) IS 'The nearest double; an assignment cast.';
COMMENT ON CAST (numeric AS confidence) IS 'Rounds to 4 decimals and range-checks; explicit only.';
COMMENT ON CAST (float8 AS confidence) IS 'Rounds to 4 decimals and range-checks; explicit only.';
