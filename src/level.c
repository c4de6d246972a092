/*
 * level.c — PostgreSQL glue for the rolelevel type (see core/level.h).
 *
 * rolelevel is a 4-byte pass-by-value type whose Datum is the core's int32
 * encoding, so comparison, hashing and sorting reuse the built-in int4
 * functions (declared LANGUAGE internal in sql/10_level.sql).  This file
 * holds only what int4 cannot do: text and binary I/O and the accessors.
 */
#include "roleext.h"

#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

#include "core/level.h"

/* Parse a level literal. */
PG_FUNCTION_INFO_V1(rolelevel_in);
Datum
rolelevel_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	int32		v;
	rx_error	err;

	if (rx_level_parse(str, strlen(str), &v, &err) != RX_OK)
	{
		rx_input_error(RX_ESCONTEXT(fcinfo), "rolelevel", str, &err);
		PG_RETURN_NULL();
	}
	PG_RETURN_INT32(v);
}

/* Canonical text of a level: upper-case track, then rank. */
PG_FUNCTION_INFO_V1(rolelevel_out);
Datum
rolelevel_out(PG_FUNCTION_ARGS)
{
	int32		v = PG_GETARG_INT32(0);
	char	   *buf = palloc(RX_LEVEL_TEXT_MAX);

	rx_level_format(v, buf);
	PG_RETURN_CSTRING(buf);
}

/* Binary input: the 4-byte encoding, checked like text input. */
PG_FUNCTION_INFO_V1(rolelevel_recv);
Datum
rolelevel_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int32		v = (int32) pq_getmsgint(buf, 4);

	if (!rx_level_valid(v))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external rolelevel value %d", v),
				 errdetail("A binary rolelevel is the 4-byte encoding of a track and a rank, between 0 and %d.",
						   RX_LEVEL_VALUE_MAX)));
	PG_RETURN_INT32(v);
}

/* Binary output: the 4-byte encoding, network byte order. */
PG_FUNCTION_INFO_V1(rolelevel_send);
Datum
rolelevel_send(PG_FUNCTION_ARGS)
{
	int32		v = PG_GETARG_INT32(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, (uint32) v);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* The track letters of a level, upper case. */
PG_FUNCTION_INFO_V1(level_track);
Datum
level_track(PG_FUNCTION_ARGS)
{
	int32		v = PG_GETARG_INT32(0);
	char		buf[RX_LEVEL_TEXT_MAX];
	size_t		n = rx_level_track(v, buf);

	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf, (int) n));
}

/* The rank of a level. */
PG_FUNCTION_INFO_V1(level_rank);
Datum
level_rank(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(rx_level_rank(PG_GETARG_INT32(0)));
}

/* Build a level from a track and a rank (22023 bad track, 22003 bad rank). */
PG_FUNCTION_INFO_V1(make_level);
Datum
make_level(PG_FUNCTION_ARGS)
{
	text	   *track = PG_GETARG_TEXT_PP(0);
	int32		rank = PG_GETARG_INT32(1);
	int32		v;
	rx_error	err;

	if (rx_level_make(VARDATA_ANY(track), VARSIZE_ANY_EXHDR(track), rank, &v, &err) != RX_OK)
	{
		if (err.status == RX_RANGE)
			rx_raise(psprintf("level rank %d is out of range", rank), &err);
		rx_raise(psprintf("invalid level track \"%s\"", text_to_cstring(track)), &err);
	}
	PG_RETURN_INT32(v);
}

/*
 * Read a span "P1–P4", "P1-P4", "P1..P4" or "P3" into a rolelevelrange
 * closed at both ends.  The range type is this function's declared result
 * type, looked up once per call site.
 */
PG_FUNCTION_INFO_V1(level_span);
Datum
level_span(PG_FUNCTION_ARGS)
{
	text	   *arg = PG_GETARG_TEXT_PP(0);
	TypeCacheEntry *typcache = (TypeCacheEntry *) fcinfo->flinfo->fn_extra;
	RangeBound	lower,
				upper;
	int32		lo,
				hi;
	rx_error	err;

	if (rx_level_parse_span(VARDATA_ANY(arg), VARSIZE_ANY_EXHDR(arg), &lo, &hi, &err) != RX_OK)
		rx_input_error(NULL, "rolelevelrange", text_to_cstring(arg), &err);

	if (typcache == NULL)
	{
		Oid			rngtypid = get_func_rettype(fcinfo->flinfo->fn_oid);

		typcache = lookup_type_cache(rngtypid, TYPECACHE_RANGE_INFO);
		if (typcache->rngelemtype == NULL)
			elog(ERROR, "type %u is not a range type", rngtypid);
		fcinfo->flinfo->fn_extra = typcache;
	}
	lower.val = Int32GetDatum(lo);
	lower.infinite = false;
	lower.inclusive = true;
	lower.lower = true;
	upper.val = Int32GetDatum(hi);
	upper.infinite = false;
	upper.inclusive = true;
	upper.lower = false;
#if PG_VERSION_NUM >= 160000
	PG_RETURN_RANGE_P(make_range(typcache, &lower, &upper, false, NULL));
#else
	PG_RETURN_RANGE_P(make_range(typcache, &lower, &upper, false));
#endif
}
