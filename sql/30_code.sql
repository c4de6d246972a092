-- rolecode: a role or taxonomy code, 1-8 dot-separated labels of [A-Z0-9_]
-- (DEI, DEI.GEN, DEI.GEN.P1).  A varlena holding an info byte and the
-- canonical upper-case text; ordered label by label, which is byte order of
-- that text, so a subtree is one btree range and <@ / @> on a btree-indexed
-- column become index conditions through planner support functions
-- (src/tree_support.c, one mechanism shared with soccode).

CREATE TYPE rolecode;

CREATE FUNCTION rolecode_in(cstring) RETURNS rolecode
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rolecode_out(rolecode) RETURNS cstring
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rolecode_recv(internal) RETURNS rolecode
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rolecode_send(rolecode) RETURNS bytea
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Variable length, int4-aligned as every varlena must be; extended storage
-- so that short values get PostgreSQL's 1-byte header on disk.
CREATE TYPE rolecode (
  INPUT = rolecode_in,
  OUTPUT = rolecode_out,
  RECEIVE = rolecode_recv,
  SEND = rolecode_send,
  INTERNALLENGTH = VARIABLE,
  ALIGNMENT = int4,
  STORAGE = extended
);

COMMENT ON TYPE rolecode IS
  'A role or taxonomy code: 1-8 dot-separated labels of A-Z, 0-9 and _, 1-16 characters each (DEI, DEI.GEN, DEI.GEN.P1). Case-insensitive in, upper case out. A last label of the level form (on codes of two or more labels) is the level. Ordered label by label, a code before its descendants.';
COMMENT ON FUNCTION rolecode_in(cstring) IS 'Text input of rolecode: case-insensitive, trimmed.';
COMMENT ON FUNCTION rolecode_out(rolecode) IS 'Text output of rolecode: upper case, dot-separated.';
COMMENT ON FUNCTION rolecode_recv(internal) IS 'Binary input of rolecode: a version byte (1) and the text, checked like text input.';
COMMENT ON FUNCTION rolecode_send(rolecode) IS 'Binary output of rolecode: a version byte (1) and the canonical text.';

-- Comparison.  Never raises an error.

CREATE FUNCTION code_eq(rolecode, rolecode) RETURNS bool
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION code_ne(rolecode, rolecode) RETURNS bool
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION code_lt(rolecode, rolecode) RETURNS bool
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION code_le(rolecode, rolecode) RETURNS bool
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION code_gt(rolecode, rolecode) RETURNS bool
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION code_ge(rolecode, rolecode) RETURNS bool
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION code_cmp(rolecode, rolecode) RETURNS int4
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION code_sortsupport(internal) RETURNS void
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION code_hash(rolecode) RETURNS int4
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION code_hash_extended(rolecode, int8) RETURNS int8
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION code_eq(rolecode, rolecode) IS 'Implements = for rolecode.';
COMMENT ON FUNCTION code_ne(rolecode, rolecode) IS 'Implements <> for rolecode.';
COMMENT ON FUNCTION code_lt(rolecode, rolecode) IS 'Implements < for rolecode.';
COMMENT ON FUNCTION code_le(rolecode, rolecode) IS 'Implements <= for rolecode.';
COMMENT ON FUNCTION code_gt(rolecode, rolecode) IS 'Implements > for rolecode.';
COMMENT ON FUNCTION code_ge(rolecode, rolecode) IS 'Implements >= for rolecode.';
COMMENT ON FUNCTION code_cmp(rolecode, rolecode) IS 'Btree comparison of rolecode, label by label: -1, 0 or 1.';
COMMENT ON FUNCTION code_sortsupport(internal) IS 'Btree sort support of rolecode (a direct comparator).';
COMMENT ON FUNCTION code_hash(rolecode) IS 'Hash of rolecode.';
COMMENT ON FUNCTION code_hash_extended(rolecode, int8) IS 'Seeded 64-bit hash of rolecode.';

CREATE OPERATOR = (
  LEFTARG = rolecode, RIGHTARG = rolecode, FUNCTION = code_eq,
  COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel,
  HASHES, MERGES
);
CREATE OPERATOR <> (
  LEFTARG = rolecode, RIGHTARG = rolecode, FUNCTION = code_ne,
  COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR < (
  LEFTARG = rolecode, RIGHTARG = rolecode, FUNCTION = code_lt,
  COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
  LEFTARG = rolecode, RIGHTARG = rolecode, FUNCTION = code_le,
  COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
  LEFTARG = rolecode, RIGHTARG = rolecode, FUNCTION = code_gt,
  COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
  LEFTARG = rolecode, RIGHTARG = rolecode, FUNCTION = code_ge,
  COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);

COMMENT ON OPERATOR =(rolecode, rolecode) IS 'Equal codes.';
COMMENT ON OPERATOR <>(rolecode, rolecode) IS 'Different codes.';
COMMENT ON OPERATOR <(rolecode, rolecode) IS 'Before in code order (label by label, a code before its descendants).';
COMMENT ON OPERATOR <=(rolecode, rolecode) IS 'Before or equal in code order.';
COMMENT ON OPERATOR >(rolecode, rolecode) IS 'After in code order.';
COMMENT ON OPERATOR >=(rolecode, rolecode) IS 'After or equal in code order.';

CREATE OPERATOR CLASS rolecode_ops
  DEFAULT FOR TYPE rolecode USING btree AS
    OPERATOR 1 <,
    OPERATOR 2 <=,
    OPERATOR 3 =,
    OPERATOR 4 >=,
    OPERATOR 5 >,
    FUNCTION 1 code_cmp(rolecode, rolecode),
    FUNCTION 2 code_sortsupport(internal),
    FUNCTION 4 btequalimage(oid);
COMMENT ON OPERATOR CLASS rolecode_ops USING btree IS
  'Default btree order of rolecode: label by label, so a subtree is one index range (<@ and @> use it).';

CREATE OPERATOR CLASS rolecode_hash_ops
  DEFAULT FOR TYPE rolecode USING hash AS
    OPERATOR 1 =,
    FUNCTION 1 code_hash(rolecode),
    FUNCTION 2 code_hash_extended(rolecode, int8);
COMMENT ON OPERATOR CLASS rolecode_hash_ops USING hash IS 'Default hash opclass of rolecode (hash joins, GROUP BY, hash partitioning).';

-- Ancestors and descendants.  The functions used to turn a containment
-- test into index conditions when its bound is only known at run time
-- (a parameter, an outer row of a join) come first.

CREATE FUNCTION code_ancestors(rolecode) RETURNS rolecode[]
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION code_ancestors(rolecode) IS
  'The ancestors of a code, root first, the code itself last: code_ancestors(''DEI.GEN.P1'') = {DEI,DEI.GEN,DEI.GEN.P1}.';

CREATE FUNCTION code_subtree_max(rolecode) RETURNS rolecode
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION code_subtree_max(rolecode) IS
  'The greatest code in the subtree of a code (the code extended to 8 labels of sixteen underscores), so that c <@ x exactly when c BETWEEN x AND code_subtree_max(x). Used for index scans.';

CREATE FUNCTION code_contained_by_support(internal) RETURNS internal
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION code_contained_by_support(internal) IS
  'Planner support of code_contained_by (<@): index conditions on a btree-indexed rolecode operand when the other operand is known before the scan (a constant, a parameter, an outer reference).';
CREATE FUNCTION code_contains_support(internal) RETURNS internal
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION code_contains_support(internal) IS
  'Planner support of code_contains (@>): index conditions on a btree-indexed rolecode operand when the other operand is known before the scan (a constant, a parameter, an outer reference).';

CREATE FUNCTION code_contained_by(rolecode, rolecode) RETURNS bool
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
  SUPPORT code_contained_by_support;
COMMENT ON FUNCTION code_contained_by(rolecode, rolecode) IS
  'Implements <@: is the first code a descendant of the second, or the second itself?';
CREATE FUNCTION code_contains(rolecode, rolecode) RETURNS bool
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
  SUPPORT code_contains_support;
COMMENT ON FUNCTION code_contains(rolecode, rolecode) IS
  'Implements @>: is the first code an ancestor of the second, or the second itself?';

CREATE OPERATOR <@ (
  LEFTARG = rolecode, RIGHTARG = rolecode, FUNCTION = code_contained_by,
  COMMUTATOR = @>, RESTRICT = matchingsel, JOIN = matchingjoinsel
);
CREATE OPERATOR @> (
  LEFTARG = rolecode, RIGHTARG = rolecode, FUNCTION = code_contains,
  COMMUTATOR = <@, RESTRICT = matchingsel, JOIN = matchingjoinsel
);
COMMENT ON OPERATOR <@(rolecode, rolecode) IS
  'Is a descendant of, or equal to: ''DEI.GEN.P1'' <@ ''DEI''. A btree index on the left operand serves it as a range, one on the right as = ANY of the ancestors.';
COMMENT ON OPERATOR @>(rolecode, rolecode) IS
  'Is an ancestor of, or equal to: ''DEI'' @> ''DEI.GEN.P1''. A btree index on the left operand serves it as = ANY of the ancestors, one on the right as a range.';

-- Taking a code apart and building one.

CREATE FUNCTION code_depth(rolecode) RETURNS int4
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION code_depth(rolecode) IS 'The number of labels: code_depth(''DEI.GEN.P1'') = 3.';

CREATE FUNCTION code_level(rolecode) RETURNS rolelevel
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION code_level(rolecode) IS
  'The level a code ends in: code_level(''DEI.GEN.P1'') = ''P1''; null when the code has none (one label, or a last label not of the level form).';

CREATE FUNCTION code_family(rolecode) RETURNS rolecode
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION code_family(rolecode) IS
  'The code without its level: code_family(''DEI.GEN.P1'') = ''DEI.GEN''; the code itself when it has no level.';

CREATE FUNCTION code_prefix(rolecode, n int4) RETURNS rolecode
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION code_prefix(rolecode, int4) IS
  'The first n labels: code_prefix(''DEI.GEN.P1'', 2) = ''DEI.GEN''; the whole code when n is at least its depth; n < 1 raises 22023.';

CREATE FUNCTION code_append_level(rolecode, rolelevel) RETURNS rolecode
  AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION code_append_level(rolecode, rolelevel) IS
  'Implements rolecode || rolelevel: the code with a level label appended. Raises 22023 when the code already ends in a level or has 8 labels.';

CREATE OPERATOR || (
  LEFTARG = rolecode, RIGHTARG = rolelevel, FUNCTION = code_append_level
);
COMMENT ON OPERATOR ||(rolecode, rolelevel) IS
  'Append a level: ''DEI.GEN''::rolecode || ''P1'' = ''DEI.GEN.P1'' (the code must be typed: an untyped literal before a level is text, and ''DEI.GEN'' || ''P1''::rolelevel = ''DEI.GENP1''). Raises 22023 when the code already ends in a level or has 8 labels.';

-- rolecode || rolelevel would otherwise capture an untyped literal before a
-- level: PostgreSQL would read 'Level ' || l as rolecode || rolelevel (one
-- exact argument type beats text || anynonarray) and fail to parse 'Level '
-- as a code.  This operator keeps the built-in meaning, text concatenation,
-- because the string category wins for untyped literals.  A code to extend
-- is written typed: 'DEI.GEN'::rolecode || 'P1'.
CREATE FUNCTION text_cat_level(text, rolelevel) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN $1 || $2::text;
COMMENT ON FUNCTION text_cat_level(text, rolelevel) IS
  'Implements text || rolelevel: text concatenation, as for any other type (''Level '' || ''P1''::rolelevel = ''Level P1'').';
CREATE OPERATOR || (
  LEFTARG = text, RIGHTARG = rolelevel, FUNCTION = text_cat_level
);
COMMENT ON OPERATOR ||(text, rolelevel) IS
  'Text concatenation with a level, as for any other type; it keeps an untyped literal before a level (''Level '' || l) from being read as a role code.';
