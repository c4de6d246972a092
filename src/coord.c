/*
 * coord.c — PostgreSQL glue for the rolecoord type (see core/coord.h):
 * text and binary I/O, constructor and accessors, the adjacency distance,
 * match bands, and the btree and hash support.
 *
 * The stored form is canonical (upper-case path, -0 stored as 0), so two
 * coordinates are equal exactly when their bytes are: = and hashing work on
 * the bytes, and btree deduplication is safe (btequalimage).
 */
#include "coord_glue.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/sortsupport.h"

#include "band_glue.h"

/* A new rolecoord varlena holding point p. */
struct varlena *
coord_make_point(const rx_coord_point *p)
{
	size_t		n = rx_coord_point_size(p);
	struct varlena *v = (struct varlena *) palloc(VARHDRSZ + n);

	SET_VARSIZE(v, VARHDRSZ + n);
	rx_coord_encode_point(p, (unsigned char *) VARDATA(v));
	return v;
}

/* A new rolecoord varlena holding box b (GiST internal keys only). */
struct varlena *
coord_make_box(const rx_coord_box *b)
{
	size_t		n = rx_coord_box_size(b);
	struct varlena *v = (struct varlena *) palloc0(VARHDRSZ + n);

	SET_VARSIZE(v, VARHDRSZ + n);
	rx_coord_encode_box(b, (unsigned char *) VARDATA(v));
	return v;
}

/* Read the point in v; anything else is a can't-happen error. */
void
coord_get_point(const struct varlena *v, rx_coord_point *out)
{
	if (!rx_coord_decode_point((const unsigned char *) VARDATA_ANY(v),
						  VARSIZE_ANY_EXHDR(v), out))
		elog(ERROR, "rolecoord value is not a coordinate (kind %d, %zu bytes)",
			 rx_coord_kind((const unsigned char *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v)),
			 (size_t) VARSIZE_ANY_EXHDR(v));
}

/* Read v as a box: a box as is, a point as the box of that point. */
void
coord_get_box(const struct varlena *v, rx_coord_box *out)
{
	const unsigned char *p = (const unsigned char *) VARDATA_ANY(v);
	size_t		n = VARSIZE_ANY_EXHDR(v);

	if (rx_coord_kind(p, n) == RX_COORD_KIND_BOX)
	{
		if (!rx_coord_decode_box(p, n, out))
			elog(ERROR, "corrupt rolecoord index key (%zu bytes)", n);
	}
	else
	{
		rx_coord_point	pt;

		coord_get_point(v, &pt);
		rx_coord_box_of_point(&pt, out);
	}
}

/* Parse a coordinate literal PATH@GRADE. */
PG_FUNCTION_INFO_V1(rolecoord_in);
Datum
rolecoord_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	rx_code		path;
	rx_coord_point	p;
	rx_error	err;

	if (rx_coord_parse(str, strlen(str), &path, &p, &err) != RX_OK)
	{
		rx_input_error(RX_ESCONTEXT(fcinfo), "rolecoord", str, &err);
		PG_RETURN_NULL();
	}
	PG_RETURN_POINTER(coord_make_point(&p));
}

/* Canonical text PATH@GRADE (an index-internal box prints as a description). */
PG_FUNCTION_INFO_V1(rolecoord_out);
Datum
rolecoord_out(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	const unsigned char *bytes = (const unsigned char *) VARDATA_ANY(v);
	char	   *buf;

	if (rx_coord_kind(bytes, VARSIZE_ANY_EXHDR(v)) == RX_COORD_KIND_BOX)
	{
		rx_coord_box		b;

		coord_get_box(v, &b);
		buf = palloc(RX_COORD_BOX_TEXT_MAX);
		rx_coord_format_box(&b, buf);
	}
	else
	{
		rx_coord_point	p;

		coord_get_point(v, &p);
		buf = palloc(RX_COORD_TEXT_MAX);
		rx_coord_format(&p, buf);
	}
	PG_RETURN_CSTRING(buf);
}

/*
 * Binary input: a float8 grade, then the canonical path text.  Checked like
 * text input, and the path must already be canonical (upper case, no
 * spaces), so that every value has one binary form.
 */
PG_FUNCTION_INFO_V1(rolecoord_recv);
Datum
rolecoord_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	double		grade = pq_getmsgfloat8(buf);
	int			nbytes = buf->len - buf->cursor;
	const char *bytes = pq_getmsgbytes(buf, nbytes);
	rx_code		path;
	rx_coord_point	p;
	rx_error	err;

	if (rx_coord_check_grade(grade, &grade, &err) != RX_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external rolecoord value"),
				 errdetail("%s", err.detail)));
	if (rx_code_parse(bytes, (size_t) nbytes, &path, &err) != RX_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external rolecoord value"),
				 errdetail("The path is not a valid code. %s", err.detail)));
	if (path.len != (size_t) nbytes || memcmp(path.text, bytes, path.len) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external rolecoord value"),
				 errdetail("A binary rolecoord carries its path in canonical form: upper case, without spaces.")));
	rx_coord_point_of(path.text, path.len, path.info, grade, &p);
	PG_RETURN_POINTER(coord_make_point(&p));
}

/* Binary output: the grade as float8, then the canonical path text. */
PG_FUNCTION_INFO_V1(rolecoord_send);
Datum
rolecoord_send(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	rx_coord_point	p;
	StringInfoData buf;

	coord_get_point(v, &p);
	pq_begintypsend(&buf);
	pq_sendfloat8(&buf, p.grade);
	pq_sendbytes(&buf, p.path, (int) p.len);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Build a coordinate from a path (a role code) and a grade (22023 if bad). */
PG_FUNCTION_INFO_V1(make_coord);
Datum
make_coord(PG_FUNCTION_ARGS)
{
	struct varlena *path = PG_GETARG_VARLENA_PP(0);
	double		grade = PG_GETARG_FLOAT8(1);
	rx_coord_point	p;
	rx_error	err;

	if (rx_coord_check_grade(grade, &grade, &err) != RX_OK)
		rx_raise("invalid coordinate grade", &err);
	rx_coord_point_of(CODE_VAL_TEXT(path), CODE_VAL_LEN(path), CODE_VAL_INFO(path), grade, &p);
	PG_RETURN_POINTER(coord_make_point(&p));
}

/* The taxonomy path of a coordinate, as a role code. */
PG_FUNCTION_INFO_V1(coord_path);
Datum
coord_path(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	rx_coord_point	p;
	rx_code		c;

	coord_get_point(v, &p);
	memcpy(c.text, p.path, p.len);
	c.text[p.len] = '\0';
	c.len = p.len;
	c.info = rx_code_info(p.path, p.len);
	PG_RETURN_POINTER(code_make_datum(&c));
}

/* The grade of a coordinate. */
PG_FUNCTION_INFO_V1(coord_grade);
Datum
coord_grade(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	rx_coord_point	p;

	coord_get_point(v, &p);
	PG_RETURN_FLOAT8(p.grade);
}

/*
 * coord_distance(a, b) -- the <-> operator, weight 0.5 and span 4 -- and
 * coord_distance(a, b, taxonomy_weight, level_span); bad weights raise
 * 22023.  One C function serves both SQL overloads.
 */
PG_FUNCTION_INFO_V1(coord_distance);
Datum
coord_distance(PG_FUNCTION_ARGS)
{
	struct varlena *a = PG_GETARG_VARLENA_PP(0);
	struct varlena *b = PG_GETARG_VARLENA_PP(1);
	double		weight = RX_COORD_DEFAULT_WEIGHT;
	double		span = RX_COORD_DEFAULT_SPAN;
	rx_coord_point pa,
				pb;
	rx_error	err;

	if (PG_NARGS() == 4)
	{
		weight = PG_GETARG_FLOAT8(2);
		span = PG_GETARG_FLOAT8(3);
		if (rx_coord_check_weights(weight, span, &err) != RX_OK)
			rx_raise("invalid coordinate distance weights", &err);
	}
	coord_get_point(a, &pa);
	coord_get_point(b, &pb);
	PG_RETURN_FLOAT8(rx_coord_distance(&pa, &pb, weight, span));
}

/* match_band(d, strong_below, partial_below): strong, partial or weak. */
PG_FUNCTION_INFO_V1(match_band);
Datum
match_band(PG_FUNCTION_ARGS)
{
	double		d = PG_GETARG_FLOAT8(0);
	double		strong_below = PG_GETARG_FLOAT8(1);
	double		partial_below = PG_GETARG_FLOAT8(2);
	rx_error	err;

	if (rx_coord_check_bands(strong_below, partial_below, &err) != RX_OK)
		rx_raise("invalid match band thresholds", &err);
	if (rx_coord_check_distance(d, &err) != RX_OK)
		rx_raise("invalid distance for a match band", &err);
	PG_RETURN_OID(band_result_oids(fcinfo, BAND_MATCHBAND)[rx_coord_band_of(d, strong_below, partial_below)]);
}

/* Compare two rolecoord varlenas in coordinate order. */
static int
coord_compare(const struct varlena *a, const struct varlena *b)
{
	rx_coord_point	pa,
				pb;

	coord_get_point(a, &pa);
	coord_get_point(b, &pb);
	return rx_coord_compare(&pa, &pb);
}

/* Are two rolecoord varlenas equal?  (canonical bytes: compare them) */
static bool
coord_equal(const struct varlena *a, const struct varlena *b)
{
	size_t		n = VARSIZE_ANY_EXHDR(a);

	return n == VARSIZE_ANY_EXHDR(b) && memcmp(VARDATA_ANY(a), VARDATA_ANY(b), n) == 0;
}

/* a = b */
PG_FUNCTION_INFO_V1(coord_eq);
Datum
coord_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(coord_equal(PG_GETARG_VARLENA_PP(0), PG_GETARG_VARLENA_PP(1)));
}

/* a <> b */
PG_FUNCTION_INFO_V1(coord_ne);
Datum
coord_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!coord_equal(PG_GETARG_VARLENA_PP(0), PG_GETARG_VARLENA_PP(1)));
}

/* a < b */
PG_FUNCTION_INFO_V1(coord_lt);
Datum
coord_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(coord_compare(PG_GETARG_VARLENA_PP(0), PG_GETARG_VARLENA_PP(1)) < 0);
}

/* a <= b */
PG_FUNCTION_INFO_V1(coord_le);
Datum
coord_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(coord_compare(PG_GETARG_VARLENA_PP(0), PG_GETARG_VARLENA_PP(1)) <= 0);
}

/* a > b */
PG_FUNCTION_INFO_V1(coord_gt);
Datum
coord_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(coord_compare(PG_GETARG_VARLENA_PP(0), PG_GETARG_VARLENA_PP(1)) > 0);
}

/* a >= b */
PG_FUNCTION_INFO_V1(coord_ge);
Datum
coord_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(coord_compare(PG_GETARG_VARLENA_PP(0), PG_GETARG_VARLENA_PP(1)) >= 0);
}

/* Btree comparison: -1, 0 or 1. */
PG_FUNCTION_INFO_V1(coord_cmp);
Datum
coord_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(coord_compare(PG_GETARG_VARLENA_PP(0), PG_GETARG_VARLENA_PP(1)));
}

/* Sort comparator on Datums, without the fmgr call of coord_cmp. */
static int
coord_fastcmp(Datum x, Datum y, SortSupport ssup)
{
	struct varlena *a = PG_DETOAST_DATUM_PACKED(x);
	struct varlena *b = PG_DETOAST_DATUM_PACKED(y);
	int			c = coord_compare(a, b);

	if ((Pointer) a != DatumGetPointer(x))
		pfree(a);
	if ((Pointer) b != DatumGetPointer(y))
		pfree(b);
	return c;
}

/* Btree (and GiST build) sort support: the direct comparator. */
PG_FUNCTION_INFO_V1(coord_sortsupport);
Datum
coord_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = coord_fastcmp;
	PG_RETURN_VOID();
}

/* Hash of the canonical bytes. */
PG_FUNCTION_INFO_V1(coord_hash);
Datum
coord_hash(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);

	return hash_any((const unsigned char *) VARDATA_ANY(v), (int) VARSIZE_ANY_EXHDR(v));
}

/* Seeded 64-bit hash of the canonical bytes. */
PG_FUNCTION_INFO_V1(coord_hash_extended);
Datum
coord_hash_extended(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);

	return hash_any_extended((const unsigned char *) VARDATA_ANY(v),
							 (int) VARSIZE_ANY_EXHDR(v), (uint64) PG_GETARG_INT64(1));
}
