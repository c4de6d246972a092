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

#include "catalog/pg_enum.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/sortsupport.h"
#include "utils/syscache.h"

/* A new rolecoord varlena holding point p. */
struct varlena *
rcg_make_point(const rco_point *p)
{
	size_t		n = rco_point_size(p);
	struct varlena *v = (struct varlena *) palloc(VARHDRSZ + n);

	SET_VARSIZE(v, VARHDRSZ + n);
	rco_encode_point(p, (unsigned char *) VARDATA(v));
	return v;
}

/* A new rolecoord varlena holding box b (GiST internal keys only). */
struct varlena *
rcg_make_box(const rco_box *b)
{
	size_t		n = rco_box_size(b);
	struct varlena *v = (struct varlena *) palloc0(VARHDRSZ + n);

	SET_VARSIZE(v, VARHDRSZ + n);
	rco_encode_box(b, (unsigned char *) VARDATA(v));
	return v;
}

/* Read the point in v; anything else is a can't-happen error. */
void
rcg_get_point(const struct varlena *v, rco_point *out)
{
	if (!rco_decode_point((const unsigned char *) VARDATA_ANY(v),
						  VARSIZE_ANY_EXHDR(v), out))
		elog(ERROR, "rolecoord value is not a coordinate (kind %d, %zu bytes)",
			 rco_kind((const unsigned char *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v)),
			 (size_t) VARSIZE_ANY_EXHDR(v));
}

/* Read v as a box: a box as is, a point as the box of that point. */
void
rcg_get_box(const struct varlena *v, rco_box *out)
{
	const unsigned char *p = (const unsigned char *) VARDATA_ANY(v);
	size_t		n = VARSIZE_ANY_EXHDR(v);

	if (rco_kind(p, n) == RCO_KIND_BOX)
	{
		if (!rco_decode_box(p, n, out))
			elog(ERROR, "corrupt rolecoord index key (%zu bytes)", n);
	}
	else
	{
		rco_point	pt;

		rcg_get_point(v, &pt);
		rco_box_of_point(&pt, out);
	}
}

/* Parse a coordinate literal PATH@GRADE. */
PG_FUNCTION_INFO_V1(rolecoord_in);
Datum
rolecoord_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	rc_code		path;
	rco_point	p;
	rx_error	err;

	if (rco_parse(str, strlen(str), &path, &p, &err) != RX_OK)
	{
		rx_input_error(RX_ESCONTEXT(fcinfo), "rolecoord", str, &err);
		PG_RETURN_NULL();
	}
	PG_RETURN_POINTER(rcg_make_point(&p));
}

/* Canonical text PATH@GRADE (an index-internal box prints as a description). */
PG_FUNCTION_INFO_V1(rolecoord_out);
Datum
rolecoord_out(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	const unsigned char *bytes = (const unsigned char *) VARDATA_ANY(v);
	char	   *buf;

	if (rco_kind(bytes, VARSIZE_ANY_EXHDR(v)) == RCO_KIND_BOX)
	{
		rco_box		b;

		rcg_get_box(v, &b);
		buf = palloc(RCO_BOX_TEXT_MAX);
		rco_format_box(&b, buf);
	}
	else
	{
		rco_point	p;

		rcg_get_point(v, &p);
		buf = palloc(RCO_TEXT_MAX);
		rco_format(&p, buf);
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
	rc_code		path;
	rco_point	p;
	rx_error	err;

	if (rco_check_grade(grade, &grade, &err) != RX_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external rolecoord value"),
				 errdetail("%s", err.detail)));
	if (rc_parse(bytes, (size_t) nbytes, &path, &err) != RX_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external rolecoord value"),
				 errdetail("The path is not a valid code. %s", err.detail)));
	if (path.len != (size_t) nbytes || memcmp(path.text, bytes, path.len) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external rolecoord value"),
				 errdetail("A binary rolecoord carries its path in canonical form: upper case, without spaces.")));
	rco_point_of(path.text, path.len, path.info, grade, &p);
	PG_RETURN_POINTER(rcg_make_point(&p));
}

/* Binary output: the grade as float8, then the canonical path text. */
PG_FUNCTION_INFO_V1(rolecoord_send);
Datum
rolecoord_send(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	rco_point	p;
	StringInfoData buf;

	rcg_get_point(v, &p);
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
	rco_point	p;
	rx_error	err;

	if (rco_check_grade(grade, &grade, &err) != RX_OK)
		rx_raise("invalid coordinate grade", &err);
	rco_point_of(RC_VAL_TEXT(path), RC_VAL_LEN(path), RC_VAL_INFO(path), grade, &p);
	PG_RETURN_POINTER(rcg_make_point(&p));
}

/* The taxonomy path of a coordinate, as a role code. */
PG_FUNCTION_INFO_V1(coord_path);
Datum
coord_path(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	rco_point	p;
	rc_code		c;

	rcg_get_point(v, &p);
	memcpy(c.text, p.path, p.len);
	c.text[p.len] = '\0';
	c.len = p.len;
	c.info = rc_info(p.path, p.len);
	PG_RETURN_POINTER(rolecode_from_core(&c));
}

/* The grade of a coordinate. */
PG_FUNCTION_INFO_V1(coord_grade);
Datum
coord_grade(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	rco_point	p;

	rcg_get_point(v, &p);
	PG_RETURN_FLOAT8(p.grade);
}

/* a <-> b: the distance with the default weight 0.5 and span 4. */
PG_FUNCTION_INFO_V1(coord_dist);
Datum
coord_dist(PG_FUNCTION_ARGS)
{
	struct varlena *a = PG_GETARG_VARLENA_PP(0);
	struct varlena *b = PG_GETARG_VARLENA_PP(1);
	rco_point	pa,
				pb;

	rcg_get_point(a, &pa);
	rcg_get_point(b, &pb);
	PG_RETURN_FLOAT8(rco_distance(&pa, &pb, RCO_DEFAULT_WEIGHT, RCO_DEFAULT_SPAN));
}

/* coord_distance(a, b, taxonomy_weight, level_span); bad weights raise 22023. */
PG_FUNCTION_INFO_V1(coord_distance);
Datum
coord_distance(PG_FUNCTION_ARGS)
{
	struct varlena *a = PG_GETARG_VARLENA_PP(0);
	struct varlena *b = PG_GETARG_VARLENA_PP(1);
	double		weight = PG_GETARG_FLOAT8(2);
	double		span = PG_GETARG_FLOAT8(3);
	rco_point	pa,
				pb;
	rx_error	err;

	if (rco_check_weights(weight, span, &err) != RX_OK)
		rx_raise("invalid coordinate distance weights", &err);
	rcg_get_point(a, &pa);
	rcg_get_point(b, &pb);
	PG_RETURN_FLOAT8(rco_distance(&pa, &pb, weight, span));
}

/*
 * The pg_enum OID of a match band.  The enum type is this function's result
 * type; the three OIDs are looked up once per call site.
 */
static Oid
rcg_band_oid(FunctionCallInfo fcinfo, rco_band band)
{
	static const char *const labels[] = {"strong", "partial", "weak"};
	Oid		   *oids = (Oid *) fcinfo->flinfo->fn_extra;

	if (oids == NULL)
	{
		Oid			typid = get_func_rettype(fcinfo->flinfo->fn_oid);
		int			i;

		oids = (Oid *) MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, 3 * sizeof(Oid));
		for (i = 0; i < 3; i++)
		{
			oids[i] = GetSysCacheOid2(ENUMTYPOIDNAME, Anum_pg_enum_oid,
									  ObjectIdGetDatum(typid),
									  CStringGetDatum(labels[i]));
			if (!OidIsValid(oids[i]))
				elog(ERROR, "enum %s has no label \"%s\"", format_type_be(typid), labels[i]);
		}
		fcinfo->flinfo->fn_extra = oids;
	}
	return oids[band];
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

	if (rco_check_bands(strong_below, partial_below, &err) != RX_OK)
		rx_raise("invalid match band thresholds", &err);
	if (rco_check_distance(d, &err) != RX_OK)
		rx_raise("invalid distance for a match band", &err);
	PG_RETURN_OID(rcg_band_oid(fcinfo, rco_band_of(d, strong_below, partial_below)));
}

/* Compare two rolecoord varlenas in coordinate order. */
static int
rcg_cmp(const struct varlena *a, const struct varlena *b)
{
	rco_point	pa,
				pb;

	rcg_get_point(a, &pa);
	rcg_get_point(b, &pb);
	return rco_compare(&pa, &pb);
}

/* Are two rolecoord varlenas equal?  (canonical bytes: compare them) */
static bool
rcg_eq(const struct varlena *a, const struct varlena *b)
{
	size_t		n = VARSIZE_ANY_EXHDR(a);

	return n == VARSIZE_ANY_EXHDR(b) && memcmp(VARDATA_ANY(a), VARDATA_ANY(b), n) == 0;
}

/* a = b */
PG_FUNCTION_INFO_V1(coord_eq);
Datum
coord_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(rcg_eq(PG_GETARG_VARLENA_PP(0), PG_GETARG_VARLENA_PP(1)));
}

/* a <> b */
PG_FUNCTION_INFO_V1(coord_ne);
Datum
coord_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!rcg_eq(PG_GETARG_VARLENA_PP(0), PG_GETARG_VARLENA_PP(1)));
}

/* a < b */
PG_FUNCTION_INFO_V1(coord_lt);
Datum
coord_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(rcg_cmp(PG_GETARG_VARLENA_PP(0), PG_GETARG_VARLENA_PP(1)) < 0);
}

/* a <= b */
PG_FUNCTION_INFO_V1(coord_le);
Datum
coord_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(rcg_cmp(PG_GETARG_VARLENA_PP(0), PG_GETARG_VARLENA_PP(1)) <= 0);
}

/* a > b */
PG_FUNCTION_INFO_V1(coord_gt);
Datum
coord_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(rcg_cmp(PG_GETARG_VARLENA_PP(0), PG_GETARG_VARLENA_PP(1)) > 0);
}

/* a >= b */
PG_FUNCTION_INFO_V1(coord_ge);
Datum
coord_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(rcg_cmp(PG_GETARG_VARLENA_PP(0), PG_GETARG_VARLENA_PP(1)) >= 0);
}

/* Btree comparison: -1, 0 or 1. */
PG_FUNCTION_INFO_V1(coord_cmp);
Datum
coord_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(rcg_cmp(PG_GETARG_VARLENA_PP(0), PG_GETARG_VARLENA_PP(1)));
}

/* Sort comparator on Datums, without the fmgr call of coord_cmp. */
static int
rcg_fastcmp(Datum x, Datum y, SortSupport ssup)
{
	struct varlena *a = PG_DETOAST_DATUM_PACKED(x);
	struct varlena *b = PG_DETOAST_DATUM_PACKED(y);
	int			c = rcg_cmp(a, b);

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

	ssup->comparator = rcg_fastcmp;
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
