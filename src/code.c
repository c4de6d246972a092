/*
 * rolecode.c — PostgreSQL glue for the rolecode type (see core/code.h).
 *
 * Text and binary I/O, comparison and hashing (never raising errors), the
 * containment operators and the accessors.  The planner support that turns
 * <@ and @> into btree index conditions is in tree_support.c.
 */
#include "code_glue.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/sortsupport.h"

#include "core/level.h"

#define RC_BINARY_VERSION	1	/* first byte of the binary form */

/* A new rolecode varlena (4-byte header) holding a core value. */
struct varlena *
code_make_datum(const rx_code *c)
{
	struct varlena *v = (struct varlena *) palloc(VARHDRSZ + 1 + c->len);

	SET_VARSIZE(v, VARHDRSZ + 1 + c->len);
	((uint8 *) VARDATA(v))[0] = c->info;
	memcpy(VARDATA(v) + 1, c->text, c->len);
	return v;
}

/* The canonical text of a rolecode as a palloc'd C string. */
static char *
code_cstring(const struct varlena *v)
{
	return pnstrdup(CODE_VAL_TEXT(v), CODE_VAL_LEN(v));
}

/* Parse a role code literal. */
PG_FUNCTION_INFO_V1(rolecode_in);
Datum
rolecode_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	rx_code		c;
	rx_error	err;

	if (rx_code_parse(str, strlen(str), &c, &err) != RX_OK)
	{
		rx_input_error(RX_ESCONTEXT(fcinfo), "rolecode", str, &err);
		PG_RETURN_NULL();
	}
	PG_RETURN_POINTER(code_make_datum(&c));
}

/* Canonical text of a code: upper case, dot-separated. */
PG_FUNCTION_INFO_V1(rolecode_out);
Datum
rolecode_out(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);

	PG_RETURN_CSTRING(code_cstring(v));
}

/*
 * Binary input: a version byte (1) and the canonical text, which is what
 * send writes.  Anything text input would reject, and any text it would
 * change (lower case, white space around it), raises 22P03: binary input
 * takes the canonical form only, as rolecoord's does.
 */
PG_FUNCTION_INFO_V1(rolecode_recv);
Datum
rolecode_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	int			nbytes;
	const char *s;
	rx_code		c;
	rx_error	err;

	if (version != RC_BINARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary rolecode version %d", version),
				 errdetail("A binary rolecode is the version byte %d followed by the code's text.",
						   RC_BINARY_VERSION)));
	nbytes = buf->len - buf->cursor;
	s = pq_getmsgbytes(buf, nbytes);
	if (rx_code_parse(s, (size_t) nbytes, &c, &err) != RX_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external rolecode value"),
				 errdetail("%s", err.detail)));
	if (c.len != (size_t) nbytes || memcmp(c.text, s, c.len) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external rolecode value"),
				 errdetail("A binary rolecode carries the canonical text, \"%s\": upper case, without white space around it.",
						   c.text)));
	PG_RETURN_POINTER(code_make_datum(&c));
}

/* Binary output: the version byte, then the canonical text. */
PG_FUNCTION_INFO_V1(rolecode_send);
Datum
rolecode_send(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, RC_BINARY_VERSION);
	pq_sendbytes(&buf, CODE_VAL_TEXT(v), (int) CODE_VAL_LEN(v));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Order of two rolecode values (byte order of their canonical texts). */
static inline int
code_compare(const struct varlena *a, const struct varlena *b)
{
	return rx_code_compare(CODE_VAL_TEXT(a), CODE_VAL_LEN(a), CODE_VAL_TEXT(b), CODE_VAL_LEN(b));
}

/*
 * Compare the two rolecode arguments of fcinfo and free any detoasted
 * copies (btree support functions must not leak).
 */
static int
code_compare_args(FunctionCallInfo fcinfo)
{
	struct varlena *a = PG_GETARG_VARLENA_PP(0);
	struct varlena *b = PG_GETARG_VARLENA_PP(1);
	int			c = code_compare(a, b);

	PG_FREE_IF_COPY(a, 0);
	PG_FREE_IF_COPY(b, 1);
	return c;
}

/* Implements = (equal lengths first: the common unequal case is cheap). */
PG_FUNCTION_INFO_V1(code_eq);
Datum
code_eq(PG_FUNCTION_ARGS)
{
	struct varlena *a = PG_GETARG_VARLENA_PP(0);
	struct varlena *b = PG_GETARG_VARLENA_PP(1);
	bool		eq = CODE_VAL_LEN(a) == CODE_VAL_LEN(b) &&
		memcmp(CODE_VAL_TEXT(a), CODE_VAL_TEXT(b), CODE_VAL_LEN(a)) == 0;

	PG_FREE_IF_COPY(a, 0);
	PG_FREE_IF_COPY(b, 1);
	PG_RETURN_BOOL(eq);
}

/* Implements <>. */
PG_FUNCTION_INFO_V1(code_ne);
Datum
code_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(code_compare_args(fcinfo) != 0);
}

/* Implements <. */
PG_FUNCTION_INFO_V1(code_lt);
Datum
code_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(code_compare_args(fcinfo) < 0);
}

/* Implements <=. */
PG_FUNCTION_INFO_V1(code_le);
Datum
code_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(code_compare_args(fcinfo) <= 0);
}

/* Implements >. */
PG_FUNCTION_INFO_V1(code_gt);
Datum
code_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(code_compare_args(fcinfo) > 0);
}

/* Implements >=. */
PG_FUNCTION_INFO_V1(code_ge);
Datum
code_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(code_compare_args(fcinfo) >= 0);
}

/* Btree comparison: -1, 0 or 1.  Never raises an error. */
PG_FUNCTION_INFO_V1(code_cmp);
Datum
code_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(code_compare_args(fcinfo));
}

/* Sort comparator: the same order without the fmgr call. */
static int
code_fastcmp(Datum x, Datum y, SortSupport ssup)
{
	struct varlena *a = PG_DETOAST_DATUM_PACKED(x);
	struct varlena *b = PG_DETOAST_DATUM_PACKED(y);
	int			c = code_compare(a, b);

	if ((Pointer) a != DatumGetPointer(x))
		pfree(a);
	if ((Pointer) b != DatumGetPointer(y))
		pfree(b);
	return c;
}

/* Btree sort support: install the direct comparator. */
PG_FUNCTION_INFO_V1(code_sortsupport);
Datum
code_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = code_fastcmp;
	PG_RETURN_VOID();
}

/* Hash of the canonical text (equal codes have equal texts). */
PG_FUNCTION_INFO_V1(code_hash);
Datum
code_hash(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	Datum		h = hash_any((const unsigned char *) CODE_VAL_TEXT(v), (int) CODE_VAL_LEN(v));

	PG_FREE_IF_COPY(v, 0);
	PG_RETURN_DATUM(h);
}

/* Seeded 64-bit hash of the canonical text. */
PG_FUNCTION_INFO_V1(code_hash_extended);
Datum
code_hash_extended(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	Datum		h = hash_any_extended((const unsigned char *) CODE_VAL_TEXT(v),
									  (int) CODE_VAL_LEN(v), PG_GETARG_INT64(1));

	PG_FREE_IF_COPY(v, 0);
	PG_RETURN_DATUM(h);
}

/* a @> b: a is an ancestor of b, or b itself. */
PG_FUNCTION_INFO_V1(code_contains);
Datum
code_contains(PG_FUNCTION_ARGS)
{
	struct varlena *a = PG_GETARG_VARLENA_PP(0);
	struct varlena *b = PG_GETARG_VARLENA_PP(1);

	PG_RETURN_BOOL(rx_code_descends(CODE_VAL_TEXT(b), CODE_VAL_LEN(b),
							   CODE_VAL_TEXT(a), CODE_VAL_LEN(a)));
}

/* a <@ b: a is a descendant of b, or b itself. */
PG_FUNCTION_INFO_V1(code_contained_by);
Datum
code_contained_by(PG_FUNCTION_ARGS)
{
	struct varlena *a = PG_GETARG_VARLENA_PP(0);
	struct varlena *b = PG_GETARG_VARLENA_PP(1);

	PG_RETURN_BOOL(rx_code_descends(CODE_VAL_TEXT(a), CODE_VAL_LEN(a),
							   CODE_VAL_TEXT(b), CODE_VAL_LEN(b)));
}

/* The number of labels. */
PG_FUNCTION_INFO_V1(code_depth);
Datum
code_depth(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);

	PG_RETURN_INT32(rx_code_depth(CODE_VAL_INFO(v)));
}

/* The level a code ends in, as a rolelevel; null when it has none. */
PG_FUNCTION_INFO_V1(code_level);
Datum
code_level(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	int32_t		level;

	if (!rx_code_level(CODE_VAL_TEXT(v), CODE_VAL_LEN(v), CODE_VAL_INFO(v), &level))
		PG_RETURN_NULL();
	PG_RETURN_INT32(level);
}

/* The code without its level (the code itself when it has none). */
PG_FUNCTION_INFO_V1(code_family);
Datum
code_family(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	rx_code		c;

	if (!rx_code_has_level(CODE_VAL_INFO(v)))
		PG_RETURN_POINTER(v);
	rx_code_family(CODE_VAL_TEXT(v), CODE_VAL_LEN(v), CODE_VAL_INFO(v), &c);
	PG_RETURN_POINTER(code_make_datum(&c));
}

/* The first n labels (the whole code when n >= depth; 22023 when n < 1). */
PG_FUNCTION_INFO_V1(code_prefix);
Datum
code_prefix(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	int32		n = PG_GETARG_INT32(1);
	rx_code		c;
	rx_error	err;

	if (rx_code_prefix(CODE_VAL_TEXT(v), CODE_VAL_LEN(v), n, &c, &err) != RX_OK)
		rx_raise(psprintf("invalid prefix length %d for role code \"%s\"", n,
						  code_cstring(v)), &err);
	PG_RETURN_POINTER(code_make_datum(&c));
}

/*
 * code || level: append a level label.  22023 when the code already ends
 * in a level or already has 8 labels.
 */
PG_FUNCTION_INFO_V1(code_append_level);
Datum
code_append_level(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	int32		level = PG_GETARG_INT32(1);
	rx_code		c;
	rx_error	err;

	if (rx_code_append_level(CODE_VAL_TEXT(v), CODE_VAL_LEN(v), CODE_VAL_INFO(v), level,
						&c, &err) != RX_OK)
	{
		char		lv[RX_LEVEL_TEXT_MAX] = "?";

		if (rx_level_valid(level))
			rx_level_format(level, lv);
		rx_raise(psprintf("cannot append level \"%s\" to role code \"%s\"", lv,
						  code_cstring(v)), &err);
	}
	PG_RETURN_POINTER(code_make_datum(&c));
}

/* The ancestors of a code, root first, as rolecode Datums (see the header). */
int
code_ancestor_datums(const struct varlena *code, Datum *elems)
{
	int			n = rx_code_depth(CODE_VAL_INFO(code));
	int			i;
	rx_code		c;

	for (i = 0; i < n; i++)
	{
		rx_code_prefix(CODE_VAL_TEXT(code), CODE_VAL_LEN(code), i + 1, &c, NULL);
		elems[i] = PointerGetDatum(code_make_datum(&c));
	}
	return n;
}

/* The ancestors of a code, root first, the code itself last. */
PG_FUNCTION_INFO_V1(code_ancestors);
Datum
code_ancestors(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	Oid			typid = get_fn_expr_argtype(fcinfo->flinfo, 0);
	Datum		elems[RX_CODE_LABELS_MAX];
	int			n;

	if (!OidIsValid(typid))
		elog(ERROR, "could not determine the argument type of code_ancestors");
	n = code_ancestor_datums(v, elems);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, n, typid, -1, false, TYPALIGN_INT));
}

/*
 * The greatest code in the subtree of a code, so that c <@ x exactly when
 * x <= c <= code_subtree_max(x).  Used by the planner support for index
 * scans whose bound is only known at run time.
 */
PG_FUNCTION_INFO_V1(code_subtree_max);
Datum
code_subtree_max(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	rx_code		c;

	rx_code_subtree_max(CODE_VAL_TEXT(v), CODE_VAL_LEN(v), &c);
	PG_RETURN_POINTER(code_make_datum(&c));
}
