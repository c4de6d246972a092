/*
 * confidence.c — PostgreSQL glue for the confidence type (see
 * core/confidence.h).
 *
 * confidence is a 2-byte pass-by-value type whose Datum is the core's int16
 * count of ten-thousandths, so comparison, hashing and sorting reuse the
 * built-in int2 functions (declared LANGUAGE internal in
 * sql/35_confidence.sql).  This file holds what int2 cannot do: text and
 * binary I/O, & and |, the band, the aggregates and the casts.
 */
#include "roleext.h"

#include "catalog/pg_type_d.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/numeric.h"

#include "core/confidence.h"
#include "band_glue.h"

#define PG_GETARG_CONFIDENCE(n)		DatumGetInt16(PG_GETARG_DATUM(n))
#define PG_RETURN_CONFIDENCE(v)		return Int16GetDatum(v)

/* Parse a confidence literal: 0.6, .6, 0.60, 60%, 1, 0. */
PG_FUNCTION_INFO_V1(confidence_in);
Datum
confidence_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	int16		v;
	rx_error	err;

	if (rx_confidence_parse(str, strlen(str), &v, &err) != RX_OK)
	{
		rx_input_error(RX_ESCONTEXT(fcinfo), "confidence", str, &err);
		PG_RETURN_NULL();
	}
	PG_RETURN_CONFIDENCE(v);
}

/* Canonical text of a confidence: 0.60, 1.00, 0.605, 0.6051. */
PG_FUNCTION_INFO_V1(confidence_out);
Datum
confidence_out(PG_FUNCTION_ARGS)
{
	int16		v = PG_GETARG_CONFIDENCE(0);
	char	   *buf = palloc(RX_CONFIDENCE_TEXT_MAX);

	rx_confidence_format(v, buf);
	PG_RETURN_CSTRING(buf);
}

/* Binary input: the 2-byte count of ten-thousandths, checked to be 0-10000. */
PG_FUNCTION_INFO_V1(confidence_recv);
Datum
confidence_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	uint32		v = pq_getmsgint(buf, 2);

	if (!rx_confidence_valid((int32) v))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external confidence value %d", (int) (int16) v),
				 errdetail("A binary confidence is a 2-byte count of ten-thousandths from 0 to %d.",
						   RX_CONFIDENCE_ONE)));
	PG_RETURN_CONFIDENCE((int16) v);
}

/* Binary output: the 2-byte count of ten-thousandths, network byte order. */
PG_FUNCTION_INFO_V1(confidence_send);
Datum
confidence_send(PG_FUNCTION_ARGS)
{
	int16		v = PG_GETARG_CONFIDENCE(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, (uint16) v);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* a & b: both hold, the product rounded to 4 decimals. */
PG_FUNCTION_INFO_V1(confidence_and);
Datum
confidence_and(PG_FUNCTION_ARGS)
{
	PG_RETURN_CONFIDENCE(rx_confidence_and(PG_GETARG_CONFIDENCE(0), PG_GETARG_CONFIDENCE(1)));
}

/* a | b: either holds, 1 - (1 - a)(1 - b) rounded to 4 decimals. */
PG_FUNCTION_INFO_V1(confidence_or);
Datum
confidence_or(PG_FUNCTION_ARGS)
{
	PG_RETURN_CONFIDENCE(rx_confidence_or(PG_GETARG_CONFIDENCE(0), PG_GETARG_CONFIDENCE(1)));
}

/*
 * The band of a confidence as a value of the confband enum (this function's
 * result type).
 */
PG_FUNCTION_INFO_V1(confidence_band);
Datum
confidence_band(PG_FUNCTION_ARGS)
{
	const Oid  *oids = band_result_oids(fcinfo, BAND_CONFBAND);

	PG_RETURN_OID(oids[rx_confidence_band(PG_GETARG_CONFIDENCE(0))]);
}

/*
 * Transition of confidence_all: the running product as a float8.  Not
 * strict: a NULL state means no row yet (so an empty group gives NULL), a
 * NULL confidence is skipped.
 */
PG_FUNCTION_INFO_V1(confidence_all_trans);
Datum
confidence_all_trans(PG_FUNCTION_ARGS)
{
	float8		f;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	f = PG_GETARG_CONFIDENCE(1) / (float8) RX_CONFIDENCE_ONE;
	if (PG_ARGISNULL(0))
		PG_RETURN_FLOAT8(f);
	PG_RETURN_FLOAT8(PG_GETARG_FLOAT8(0) * f);
}

/*
 * Transition of confidence_any: the running product of the complements
 * 1 - c as a float8; NULLs as in confidence_all_trans.
 */
PG_FUNCTION_INFO_V1(confidence_any_trans);
Datum
confidence_any_trans(PG_FUNCTION_ARGS)
{
	float8		f;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	f = (RX_CONFIDENCE_ONE - PG_GETARG_CONFIDENCE(1)) / (float8) RX_CONFIDENCE_ONE;
	if (PG_ARGISNULL(0))
		PG_RETURN_FLOAT8(f);
	PG_RETURN_FLOAT8(PG_GETARG_FLOAT8(0) * f);
}

/*
 * Combine two partial products (parallel aggregation).  Not float8mul: that
 * raises "value out of range: underflow" when two tiny partial products
 * multiply to 0, where 0 is the right answer here.
 */
PG_FUNCTION_INFO_V1(confidence_agg_combine);
Datum
confidence_agg_combine(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(PG_GETARG_FLOAT8(0) * PG_GETARG_FLOAT8(1));
}

/* Final step of confidence_all: the product, rounded once. */
PG_FUNCTION_INFO_V1(confidence_all_final);
Datum
confidence_all_final(PG_FUNCTION_ARGS)
{
	float8		p = PG_GETARG_FLOAT8(0);
	int16		v = 0;
	rx_error	err;

	if (rx_confidence_from_double(p, &v, &err) != RX_OK)
		rx_raise(psprintf("aggregate state %s is not a product of confidences",
						  float8out_internal(p)), &err);
	PG_RETURN_CONFIDENCE(v);
}

/* Final step of confidence_any: 1 - the product of complements, rounded once. */
PG_FUNCTION_INFO_V1(confidence_any_final);
Datum
confidence_any_final(PG_FUNCTION_ARGS)
{
	float8		p = PG_GETARG_FLOAT8(0);
	int16		v = 0;
	rx_error	err;

	if (rx_confidence_from_double_complement(p, &v, &err) != RX_OK)
		rx_raise(psprintf("aggregate state %s is not a product of confidences",
						  float8out_internal(p)), &err);
	PG_RETURN_CONFIDENCE(v);
}

/* Cast to numeric: exact, with 4 decimals (0.6 -> 0.6000). */
PG_FUNCTION_INFO_V1(confidence_to_numeric);
Datum
confidence_to_numeric(PG_FUNCTION_ARGS)
{
	PG_RETURN_NUMERIC(int64_div_fast_to_numeric(PG_GETARG_CONFIDENCE(0), RX_CONFIDENCE_DECIMALS));
}

/*
 * Cast from numeric: rounded to 4 decimals (half away from zero), then
 * checked to lie in [0, 1] (22003 otherwise, NaN and infinities included).
 */
PG_FUNCTION_INFO_V1(confidence_from_numeric);
Datum
confidence_from_numeric(PG_FUNCTION_ARGS)
{
	Numeric		num = PG_GETARG_NUMERIC(0);
	char	   *str = DatumGetCString(DirectFunctionCall1(numeric_out,
														  NumericGetDatum(num)));
	int16		v = 0;
	rx_error	err;

	if (rx_confidence_round_decimal(str, strlen(str), &v, &err) != RX_OK)
		rx_input_error(NULL, "confidence", str, &err);
	PG_RETURN_CONFIDENCE(v);
}

/* Cast to float8: the nearest double (0.6 -> 0.6). */
PG_FUNCTION_INFO_V1(confidence_to_float8);
Datum
confidence_to_float8(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(PG_GETARG_CONFIDENCE(0) / (float8) RX_CONFIDENCE_ONE);
}

/*
 * Cast from float8: read at 15 significant digits (as float8::numeric),
 * rounded and checked as the numeric cast is.
 */
PG_FUNCTION_INFO_V1(confidence_from_float8);
Datum
confidence_from_float8(PG_FUNCTION_ARGS)
{
	float8		x = PG_GETARG_FLOAT8(0);
	int16		v = 0;
	rx_error	err;

	if (rx_confidence_from_double(x, &v, &err) != RX_OK)
		rx_input_error(NULL, "confidence", float8out_internal(x), &err);
	PG_RETURN_CONFIDENCE(v);
}
