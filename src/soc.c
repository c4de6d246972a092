/*
 * soc.c — PostgreSQL glue for the soccode type (see core/soc.h).
 *
 * soccode is a 4-byte pass-by-value type whose Datum is the core's int32
 * value, so comparison, hashing and sorting reuse the built-in int4
 * functions (declared LANGUAGE internal in sql/20_soccode.sql).  This file
 * holds text and binary I/O, the hierarchy functions and containment; the
 * planner support that turns containment into a btree range is in
 * tree_support.c, shared with rolecode.
 */
#include "roleext.h"

#include "catalog/pg_type.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "core/soc.h"

/* Parse a SOC or O*NET-SOC code. */
PG_FUNCTION_INFO_V1(soccode_in);
Datum
soccode_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	int32		v;
	rx_error	err;

	if (rx_soc_parse(str, strlen(str), &v, &err) != RX_OK)
	{
		rx_input_error(RX_ESCONTEXT(fcinfo), "soccode", str, &err);
		PG_RETURN_NULL();
	}
	PG_RETURN_INT32(v);
}

/* Canonical text of a code: NN-NNNN, and .NN for an O*NET-SOC code. */
PG_FUNCTION_INFO_V1(soccode_out);
Datum
soccode_out(PG_FUNCTION_ARGS)
{
	int32		v = PG_GETARG_INT32(0);
	char	   *buf = palloc(RX_SOC_TEXT_MAX);

	rx_soc_format(v, buf);
	PG_RETURN_CSTRING(buf);
}

/* Binary input: the 4-byte value, checked like text input. */
PG_FUNCTION_INFO_V1(soccode_recv);
Datum
soccode_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int32		v = (int32) pq_getmsgint(buf, 4);

	if (!rx_soc_valid(v))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external soccode value %d", v),
				 errdetail("A binary soccode is the 4-byte value NNNNNN * 1000 + suffix key of a valid SOC or O*NET-SOC code, between %d and %d.",
						   RX_SOC_VALUE_MIN, RX_SOC_VALUE_MAX)));
	PG_RETURN_INT32(v);
}

/* Binary output: the 4-byte value, network byte order. */
PG_FUNCTION_INFO_V1(soccode_send);
Datum
soccode_send(PG_FUNCTION_ARGS)
{
	int32		v = PG_GETARG_INT32(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, (uint32) v);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* The level of a code: major, minor, broad, detailed or onet. */
PG_FUNCTION_INFO_V1(soc_level);
Datum
soc_level(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(rx_soc_level_name(rx_soc_level_of(PG_GETARG_INT32(0)))));
}

/* The parent group of a code; null for a major group. */
PG_FUNCTION_INFO_V1(soc_parent);
Datum
soc_parent(PG_FUNCTION_ARGS)
{
	int32		p;

	if (!rx_soc_parent(PG_GETARG_INT32(0), &p))
		PG_RETURN_NULL();
	PG_RETURN_INT32(p);
}

/*
 * The ancestor-or-self of a code at a named level; null when the code is
 * above that level; 22023 for an unknown level name.
 */
PG_FUNCTION_INFO_V1(soc_ancestor);
Datum
soc_ancestor(PG_FUNCTION_ARGS)
{
	int32		v = PG_GETARG_INT32(0);
	text	   *name = PG_GETARG_TEXT_PP(1);
	rx_soc_level	level;
	int32		a;
	rx_error	err;

	if (rx_soc_level_parse(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name), &level, &err) != RX_OK)
		rx_raise(psprintf("invalid SOC level \"%s\"", text_to_cstring(name)), &err);
	if (!rx_soc_ancestor(v, level, &a))
		PG_RETURN_NULL();
	PG_RETURN_INT32(a);
}

/* Edges on the tree path between two codes (see rx_soc_distance in core). */
PG_FUNCTION_INFO_V1(soc_distance);
Datum
soc_distance(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(rx_soc_distance(PG_GETARG_INT32(0), PG_GETARG_INT32(1)));
}

/* Remembered subtree range of the last group a containment call saw. */
typedef struct SocSubtreeCache
{
	int32		group;
	int32		lo;
	int32		hi;
	bool		exact;
} SocSubtreeCache;

/*
 * Is v in the subtree of group g?  The range of g is kept in fn_extra, so a
 * scan against one constant group decides most rows with two comparisons.
 */
static bool
soc_member(FunctionCallInfo fcinfo, int32 g, int32 v)
{
	SocSubtreeCache *c;

	if (fcinfo->flinfo == NULL)
		return rx_soc_contains(g, v);
	c = (SocSubtreeCache *) fcinfo->flinfo->fn_extra;
	if (c == NULL)
	{
		c = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(SocSubtreeCache));
		c->group = -1;
		fcinfo->flinfo->fn_extra = c;
	}
	if (c->group != g)
	{
		rx_soc_subtree(g, &c->lo, &c->hi, &c->exact);
		c->group = g;
	}
	if (v < c->lo || v > c->hi)
		return false;
	return c->exact || rx_soc_contains(g, v);
}

/* a @> b: a is b or one of b's groups. */
PG_FUNCTION_INFO_V1(soc_contains);
Datum
soc_contains(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(soc_member(fcinfo, PG_GETARG_INT32(0), PG_GETARG_INT32(1)));
}

/* a <@ b: a is b or one of b's members. */
PG_FUNCTION_INFO_V1(soc_contained_by);
Datum
soc_contained_by(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(soc_member(fcinfo, PG_GETARG_INT32(1), PG_GETARG_INT32(0)));
}

/*
 * The path from a code's major group down to the code itself, as a
 * soccode[].  The element type is found from the declared result type,
 * once per call site.
 */
PG_FUNCTION_INFO_V1(soc_path);
Datum
soc_path(PG_FUNCTION_ARGS)
{
	int32		path[RX_SOC_PATH_MAX];
	Datum		elems[RX_SOC_PATH_MAX];
	int			n = rx_soc_path(PG_GETARG_INT32(0), path);
	int			i;
	Oid		   *elemtype;

	if (fcinfo->flinfo == NULL)
		elog(ERROR, "soc_path called without function call information");
	elemtype = (Oid *) fcinfo->flinfo->fn_extra;
	if (elemtype == NULL)
	{
		elemtype = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(Oid));
		*elemtype = get_element_type(get_func_rettype(fcinfo->flinfo->fn_oid));
		if (!OidIsValid(*elemtype))
			elog(ERROR, "soc_path must return an array");
		fcinfo->flinfo->fn_extra = elemtype;
	}
	for (i = 0; i < n; i++)
		elems[i] = Int32GetDatum(path[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, n, *elemtype, sizeof(int32),
										  true, TYPALIGN_INT));
}

/* The smallest value in the subtree range of a code (the code itself). */
PG_FUNCTION_INFO_V1(soc_subtree_min);
Datum
soc_subtree_min(PG_FUNCTION_ARGS)
{
	int32		lo,
				hi;
	bool		exact;

	rx_soc_subtree(PG_GETARG_INT32(0), &lo, &hi, &exact);
	PG_RETURN_INT32(lo);
}

/* The largest value in the subtree range of a code. */
PG_FUNCTION_INFO_V1(soc_subtree_max);
Datum
soc_subtree_max(PG_FUNCTION_ARGS)
{
	int32		lo,
				hi;
	bool		exact;

	rx_soc_subtree(PG_GETARG_INT32(0), &lo, &hi, &exact);
	PG_RETURN_INT32(hi);
}
