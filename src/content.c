/*
 * content.c — PostgreSQL glue of similarity by content (core/content.h,
 * doc/content.md): content_dot(), content_neighbours(), role_similarity(),
 * content_role_neighbours(), content_role_index() and the trigger that keeps
 * the cached role index current.
 *
 * The role index.  Each backend builds one index of the taxonomy on first
 * use, in a memory context of its own under TopMemoryContext, as the
 * autocode index does (src/autocode.c, whose comment explains the
 * snapshot and parallel-mode rules followed here): the occupations'
 * similarity matrix from onet_content_vector, the roles with their grades,
 * their occupations (content_role_occupations()) and their components.  A
 * statement trigger on role, role_component, mapping, taxonomy and level
 * invalidates the table's relcache entry; the relcache callback counts the
 * invalidations of those tables, and the index is current while the count is
 * the one it was built at.
 */
#include "roleext.h"

#include <math.h>

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "portability/instr_time.h"
#include "storage/lmgr.h"
#include "storage/proc.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/tuplestore.h"

#include "core/content.h"

#define CONTENT_WATCHED 5		/* tables whose changes make the index stale */
#define CONTENT_FETCH	10000	/* rows read per SPI fetch */

static const char *const content_watched_names[CONTENT_WATCHED] = {
	"role", "role_component", "mapping", "taxonomy", "level"
};

/* The occupations with content: their vectors, codes and similarity matrix. */
typedef struct content_occupations
{
	rx_content_matrix m;
	Datum	   *codes;			/* soccode, in code order */
	float	   *S;				/* nrows x nrows */
} content_occupations;

/* A role code and its index, for lookups by code. */
typedef struct content_role_key
{
	char	   *code;
	int32		index;
} content_role_key;

/* The backend's role index. */
typedef struct content_cache
{
	MemoryContext cxt;			/* owns everything below; NULL when none */
	content_occupations occ;
	rx_content_roles ix;
	content_role_key *keys;		/* sorted by code text */
	char	  **codes;			/* role codes by index */
	double	   *grade;			/* level grade by index */
	int32		ncomp_used;		/* components some role has */
	Oid			watched[CONTENT_WATCHED];
	uint64		built_at;
	bool		xact_bound;
	LocalTransactionId lxid;
	double		build_ms;
	int64		builds;
} content_cache;

static content_cache cache;
static uint64 content_invals = 1;
static bool content_callback_registered = false;

/* Relcache callback: a change of a watched table makes the index stale. */
static void
content_relcache_callback(Datum arg, Oid relid)
{
	if (relid == InvalidOid)
	{
		content_invals++;
		return;
	}
	for (int i = 0; i < CONTENT_WATCHED; i++)
		if (relid == cache.watched[i] || cache.watched[i] == InvalidOid)
		{
			content_invals++;
			return;
		}
}

/* The elements of a one-dimensional array without NULLs, or an error. */
static void *
content_array(Datum d, Oid elemtype, const char *what, int *n)
{
	ArrayType  *a = DatumGetArrayTypeP(d);

	if (ARR_ELEMTYPE(a) != elemtype || ARR_HASNULL(a) || ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid content vector %s", what),
				 errdetail("A content vector is a one-dimensional array of terms (int4) and one of weights (float4), without NULLs.")));
	*n = ARR_NDIM(a) == 0 ? 0 : ARR_DIMS(a)[0];
	return ARR_DATA_PTR(a);
}

/*
 * content_dot(terms_a, weights_a, terms_b, weights_b): the dot product of
 * two content vectors (terms ascending).
 */
PG_FUNCTION_INFO_V1(content_dot);
Datum
content_dot(PG_FUNCTION_ARGS)
{
	int			na,
				nwa,
				nb,
				nwb;
	int32	   *ta = content_array(PG_GETARG_DATUM(0), INT4OID, "terms", &na);
	float4	   *wa = content_array(PG_GETARG_DATUM(1), FLOAT4OID, "weights", &nwa);
	int32	   *tb = content_array(PG_GETARG_DATUM(2), INT4OID, "terms", &nb);
	float4	   *wb = content_array(PG_GETARG_DATUM(3), FLOAT4OID, "weights", &nwb);

	if (na != nwa || nb != nwb || !rx_content_ascending(ta, na) || !rx_content_ascending(tb, nb))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid content vector"),
				 errdetail("A content vector has one weight for each term, and its terms are non-negative and ascending.")));
	PG_RETURN_FLOAT8(rx_content_dot(ta, wa, na, tb, wb, nb));
}

/*
 * Read onet_content_vector of schema nsp into occ (allocated in cxt) and
 * compute the occupations' similarity matrix.  SPI must be connected.
 */
static void
content_occupations_load(const char *nsp, MemoryContext cxt, content_occupations *occ)
{
	const char *q = quote_identifier(nsp);
	char	   *sql = psprintf("SELECT v.code, v.terms, v.weights FROM %s.onet_content_vector v "
							   "ORDER BY v.code USING OPERATOR(%s.<)", q, q);
	int64		nnz = 0;
	int64	   *start;
	int32	   *col;
	float	   *val;
	int64	   *tstart;
	int32	   *trow;
	float	   *tval;
	int32		ncols = 0;
	uint64		n;

	if (SPI_execute(sql, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "content: reading onet_content_vector failed");
	n = SPI_processed;
	for (uint64 i = 0; i < n; i++)
	{
		bool		isnull;
		int			k;

		content_array(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &isnull), INT4OID, "terms", &k);
		nnz += k;
	}
	occ->codes = MemoryContextAlloc(cxt, sizeof(Datum) * (n + 1));
	start = MemoryContextAllocHuge(cxt, sizeof(int64) * (n + 1));
	col = MemoryContextAllocHuge(cxt, sizeof(int32) * (nnz + 1));
	val = MemoryContextAllocHuge(cxt, sizeof(float) * (nnz + 1));
	start[0] = 0;
	for (uint64 i = 0; i < n; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	td = SPI_tuptable->tupdesc;
		bool		isnull;
		int			k,
					kw;
		int32	   *t = content_array(SPI_getbinval(tup, td, 2, &isnull), INT4OID, "terms", &k);
		float4	   *w = content_array(SPI_getbinval(tup, td, 3, &isnull), FLOAT4OID, "weights", &kw);

		if (k != kw || !rx_content_ascending(t, k))
			elog(ERROR, "content: a vector of onet_content_vector is malformed");
		occ->codes[i] = SPI_getbinval(tup, td, 1, &isnull);
		memcpy(col + start[i], t, sizeof(int32) * k);
		memcpy(val + start[i], w, sizeof(float) * k);
		start[i + 1] = start[i] + k;
		if (k > 0 && t[k - 1] + 1 > ncols)
			ncols = t[k - 1] + 1;
	}
	occ->m.nrows = (int32) n;
	occ->m.ncols = ncols;
	occ->m.start = start;
	occ->m.col = col;
	occ->m.val = val;

	tstart = palloc(sizeof(int64) * (ncols + 1));
	trow = palloc(sizeof(int32) * (nnz + 1));
	tval = palloc(sizeof(float) * (nnz + 1));
	rx_content_transpose(&occ->m, tstart, trow, tval);
	occ->S = MemoryContextAllocHuge(cxt, sizeof(float) * (n * n + 1));
	for (uint64 i = 0; i < n; i++)
	{
		rx_content_gram_row(&occ->m, tstart, trow, tval, (int32) i, occ->S + i * n);
		occ->S[i * n + i] = 1;
		CHECK_FOR_INTERRUPTS();
	}
	pfree(tstart);
	pfree(trow);
	pfree(tval);
}

/*
 * content_neighbours(k): for every occupation with content, its k most
 * similar occupations (similarity above 0), best first, ranked from 1.
 */
PG_FUNCTION_INFO_V1(content_neighbours);
Datum
content_neighbours(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int32		k = PG_GETARG_INT32(0);
	char	   *nsp = get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid));
	content_occupations occ;
	rx_content_hit *hits;
	MemoryContext cxt = CurrentMemoryContext;

	if (k < 0 || k > 10000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k must be between 0 and 10000, not %d", k),
				 errdetail("content_neighbours returns the k most similar occupations of each.")));
	InitMaterializedSRF(fcinfo, 0);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "content: SPI_connect failed");
	content_occupations_load(nsp, cxt, &occ);
	SPI_finish();
	hits = palloc(sizeof(rx_content_hit) * (k + 1));
	for (int32 i = 0; i < occ.m.nrows; i++)
	{
		rx_content_topk top;
		int			n;

		rx_content_topk_init(&top, hits, k);
		for (int32 j = 0; j < occ.m.nrows; j++)
			if (j != i && occ.S[(size_t) i * occ.m.nrows + j] > 0)
				rx_content_topk_add(&top, occ.S[(size_t) i * occ.m.nrows + j], j);
		n = rx_content_topk_finish(&top);
		for (int r = 0; r < n; r++)
		{
			Datum		values[4];
			bool		nulls[4] = {false, false, false, false};

			values[0] = occ.codes[i];
			values[1] = occ.codes[hits[r].id];
			values[2] = Float8GetDatum(hits[r].score);
			values[3] = Int32GetDatum(r + 1);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
	return (Datum) 0;
}

/* qsort order of role keys: by code text. */
static int
content_key_cmp(const void *a, const void *b)
{
	return strcmp(((const content_role_key *) a)->code, ((const content_role_key *) b)->code);
}

/* One entry of a sparse row: a column and its weight. */
typedef struct content_entry
{
	int32		col;
	float		w;
} content_entry;

/* qsort order of entries: by column. */
static int
content_entry_cmp(const void *a, const void *b)
{
	int32		x = ((const content_entry *) a)->col;
	int32		y = ((const content_entry *) b)->col;

	return (x > y) - (x < y);
}

/*
 * Run a query of (row int4, column int4[, weight float8]) rows in any order,
 * through a cursor, and return them as CSR rows over n rows, columns
 * ascending within a row: start (n + 1), columns, weights (or 1) -- all in
 * cxt.  Rows are placed by a counting sort, so the query need not sort
 * (1.2 million component links of 20,000 roles would sort on disk).
 */
static void
content_read_pairs(const char *sql, int32 n, MemoryContext cxt, int64 **start,
				   int32 **col, float **w)
{
	Portal		portal;
	uint64		m = 0;
	uint64		cap = 1024;
	int32	   *rows = palloc(sizeof(int32) * cap);
	content_entry *ent = palloc(sizeof(content_entry) * cap);
	content_entry *sorted;
	int64	   *fill;

	portal = SPI_cursor_open_with_args(NULL, sql, 0, NULL, NULL, NULL, true, 0);
	for (;;)
	{
		SPI_cursor_fetch(portal, true, CONTENT_FETCH);
		if (SPI_processed == 0)
			break;
		while (m + SPI_processed > cap)
		{
			cap *= 2;
			rows = repalloc_huge(rows, sizeof(int32) * cap);
			ent = repalloc_huge(ent, sizeof(content_entry) * cap);
		}
		for (uint64 i = 0; i < SPI_processed; i++, m++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			TupleDesc	td = SPI_tuptable->tupdesc;
			bool		isnull;

			rows[m] = DatumGetInt32(SPI_getbinval(tup, td, 1, &isnull));
			if (rows[m] < 0 || rows[m] >= n)
				elog(ERROR, "content: the role index query returned a row out of range");
			ent[m].col = DatumGetInt32(SPI_getbinval(tup, td, 2, &isnull));
			ent[m].w = td->natts > 2 ? (float) DatumGetFloat8(SPI_getbinval(tup, td, 3, &isnull)) : 1.0f;
		}
		SPI_freetuptable(SPI_tuptable);
		CHECK_FOR_INTERRUPTS();
	}
	SPI_cursor_close(portal);

	/* counting sort by row, then each row by column */
	*start = MemoryContextAllocHuge(cxt, sizeof(int64) * (n + 1));
	memset(*start, 0, sizeof(int64) * (n + 1));
	for (uint64 e = 0; e < m; e++)
		(*start)[rows[e] + 1]++;
	for (int32 r = 0; r < n; r++)
		(*start)[r + 1] += (*start)[r];
	fill = palloc(sizeof(int64) * (n + 1));
	memcpy(fill, *start, sizeof(int64) * (n + 1));
	sorted = palloc(sizeof(content_entry) * (m + 1));
	for (uint64 e = 0; e < m; e++)
		sorted[fill[rows[e]]++] = ent[e];
	*col = MemoryContextAllocHuge(cxt, sizeof(int32) * (m + 1));
	*w = MemoryContextAllocHuge(cxt, sizeof(float) * (m + 1));
	for (int32 r = 0; r < n; r++)
	{
		int64		len = (*start)[r + 1] - (*start)[r];

		qsort(sorted + (*start)[r], len, sizeof(content_entry), content_entry_cmp);
		for (int64 e = (*start)[r]; e < (*start)[r + 1]; e++)
		{
			(*col)[e] = sorted[e].col;
			(*w)[e] = sorted[e].w;
		}
	}
	pfree(rows);
	pfree(ent);
	pfree(sorted);
	pfree(fill);
}

/* Read the roles, their grades and their codes into the cache. */
static void
content_read_roles(const char *nsp, MemoryContext cxt)
{
	const char *q = quote_identifier(nsp);
	char	   *sql = psprintf("SELECT r.code::pg_catalog.text, l.grade FROM %s.role r JOIN %s.level l "
							   "ON l.code OPERATOR(%s.=) r.level ORDER BY r.code USING OPERATOR(%s.<)",
							   q, q, q, q);
	uint64		n;

	if (SPI_execute(sql, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "content: reading the roles failed");
	n = SPI_processed;
	cache.codes = MemoryContextAllocHuge(cxt, sizeof(char *) * (n + 1));
	cache.grade = MemoryContextAllocHuge(cxt, sizeof(double) * (n + 1));
	cache.keys = MemoryContextAllocHuge(cxt, sizeof(content_role_key) * (n + 1));
	for (uint64 i = 0; i < n; i++)
	{
		bool		isnull;

		cache.codes[i] = MemoryContextStrdup(cxt, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
		cache.grade[i] = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &isnull));
		cache.keys[i].code = cache.codes[i];
		cache.keys[i].index = (int32) i;
	}
	qsort(cache.keys, n, sizeof(content_role_key), content_key_cmp);
	cache.ix.nroles = (int32) n;
}

/* Read the roles' occupations and components into the index. */
static void
content_read_links(const char *nsp, MemoryContext cxt)
{
	const char *q = quote_identifier(nsp);
	rx_content_roles *ix = &cache.ix;
	int64	   *start;
	int32	   *col;
	float	   *w;
	int32	   *post;
	int64	   *pstart;
	float	   *idf;

	content_read_pairs(psprintf("WITH r AS (SELECT r.code, (pg_catalog.row_number() OVER (ORDER BY r.code USING OPERATOR(%s.<)) - 1)::pg_catalog.int4 AS i FROM %s.role r), "
								"v AS (SELECT v.code, (pg_catalog.row_number() OVER (ORDER BY v.code USING OPERATOR(%s.<)) - 1)::pg_catalog.int4 AS i FROM %s.onet_content_vector v) "
								"SELECT r.i, v.i, o.weight FROM %s.content_role_occupations() o "
								"JOIN r ON r.code OPERATOR(%s.=) o.role JOIN v ON v.code OPERATOR(%s.=) o.code",
								q, q, q, q, q, q, q),
					   ix->nroles, cxt, &start, &col, &w);
	ix->occ_start = start;
	ix->occ = col;
	ix->occ_w = w;
	content_read_pairs(psprintf("WITH r AS (SELECT r.code, (pg_catalog.row_number() OVER (ORDER BY r.code USING OPERATOR(%s.<)) - 1)::pg_catalog.int4 AS i FROM %s.role r), "
								"k AS (SELECT k.kind, k.name, (pg_catalog.row_number() OVER (ORDER BY k.kind, k.name COLLATE pg_catalog.\"C\") - 1)::pg_catalog.int4 AS i FROM %s.component k) "
								"SELECT r.i, k.i FROM %s.role_component c JOIN r ON r.code OPERATOR(%s.=) c.role "
								"JOIN k ON k.kind OPERATOR(pg_catalog.=) c.kind AND k.name OPERATOR(pg_catalog.=) c.name",
								q, q, q, q, q),
					   ix->nroles, cxt, &start, &col, &w);
	ix->comp_start = start;
	ix->comp = col;
	ix->ncomp = 0;
	for (int64 e = 0; e < start[ix->nroles]; e++)
		ix->ncomp = Max(ix->ncomp, col[e] + 1);

	/* postings and IDF: ln(1 + N / df) over the N roles (components of the
	 * catalogue no role has get no posting) */
	pstart = MemoryContextAllocHuge(cxt, sizeof(int64) * (ix->ncomp + 1));
	post = MemoryContextAllocHuge(cxt, sizeof(int32) * (start[ix->nroles] + 1));
	idf = MemoryContextAllocHuge(cxt, sizeof(float) * (ix->ncomp + 1));
	memset(pstart, 0, sizeof(int64) * (ix->ncomp + 1));
	for (int64 e = 0; e < start[ix->nroles]; e++)
		pstart[col[e] + 1]++;
	cache.ncomp_used = 0;
	for (int32 c = 0; c < ix->ncomp; c++)
	{
		idf[c] = pstart[c + 1] == 0 ? 0.0f : (float) log(1.0 + (double) ix->nroles / (double) pstart[c + 1]);
		cache.ncomp_used += pstart[c + 1] > 0;
		pstart[c + 1] += pstart[c];
	}
	for (int32 r = 0; r < ix->nroles; r++)
		for (int64 e = start[r]; e < start[r + 1]; e++)
			post[pstart[col[e]]++] = r;
	for (int32 c = ix->ncomp; c > 0; c--)
		pstart[c] = pstart[c - 1];
	pstart[0] = 0;
	ix->post_start = pstart;
	ix->post = post;
	ix->comp_w = idf;
}

/* Forget the backend's role index. */
static void
content_cache_drop(void)
{
	if (cache.cxt != NULL)
		MemoryContextDelete(cache.cxt);
	cache.cxt = NULL;
}

/* Build the role index (tables of the calling function's schema). */
static void
content_cache_build(FunctionCallInfo fcinfo)
{
	Oid			nspid = get_func_namespace(fcinfo->flinfo->fn_oid);
	char	   *nsp = get_namespace_name(nspid);
	bool		fresh = !IsInParallelMode();
	uint64		start_invals;
	MemoryContext cxt;
	instr_time	t0,
				t1;

	INSTR_TIME_SET_CURRENT(t0);
	content_cache_drop();
	for (int i = 0; i < CONTENT_WATCHED; i++)
	{
		cache.watched[i] = get_relname_relid(content_watched_names[i], nspid);
		if (OidIsValid(cache.watched[i]))
			LockRelationOid(cache.watched[i], AccessShareLock);
	}
	AcceptInvalidationMessages();
	start_invals = content_invals;
	cxt = AllocSetContextCreate(CurrentMemoryContext, "roleext content role index", ALLOCSET_DEFAULT_SIZES);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "content: SPI_connect failed");
	if (fresh)
		PushActiveSnapshot(GetLatestSnapshot());
	content_occupations_load(nsp, cxt, &cache.occ);
	content_read_roles(nsp, cxt);
	content_read_links(nsp, cxt);
	if (fresh)
		PopActiveSnapshot();
	SPI_finish();

	cache.ix.nocc = cache.occ.m.nrows;
	cache.ix.S = cache.occ.S;
	cache.ix.alpha = RX_CONTENT_ALPHA;
	cache.ix.occ_norm = MemoryContextAllocHuge(cxt, sizeof(double) * (cache.ix.nroles + 1));
	cache.ix.comp_norm = MemoryContextAllocHuge(cxt, sizeof(double) * (cache.ix.nroles + 1));
	rx_content_roles_prepare(&cache.ix);

	MemoryContextSetParent(cxt, TopMemoryContext);
	cache.cxt = cxt;
	cache.built_at = start_invals;
	cache.xact_bound = !fresh;
	cache.lxid = MyProc->lxid;
	cache.builds++;
	INSTR_TIME_SET_CURRENT(t1);
	INSTR_TIME_SUBTRACT(t1, t0);
	cache.build_ms = INSTR_TIME_GET_MILLISEC(t1);
}

/* The backend's role index, built or rebuilt first if it is not current. */
static void
content_cache_ensure(FunctionCallInfo fcinfo)
{
	if (!content_callback_registered)
	{
		CacheRegisterRelcacheCallback(content_relcache_callback, (Datum) 0);
		content_callback_registered = true;
	}
	if (cache.cxt != NULL && cache.xact_bound && cache.lxid != MyProc->lxid)
		content_cache_drop();
	if (cache.cxt == NULL || cache.built_at != content_invals)
		content_cache_build(fcinfo);
}

/* The index of the role of argument argno, or an error for an unknown role. */
static int32
content_role_of(FunctionCallInfo fcinfo, int argno)
{
	Oid			typoutput;
	bool		isvarlena;
	content_role_key key;
	content_role_key *hit;

	getTypeOutputInfo(get_fn_expr_argtype(fcinfo->flinfo, argno), &typoutput, &isvarlena);
	key.code = OidOutputFunctionCall(typoutput, PG_GETARG_DATUM(argno));
	hit = bsearch(&key, cache.keys, cache.ix.nroles, sizeof(content_role_key), content_key_cmp);
	if (hit == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("role %s does not exist", key.code),
				 errdetail("Similarity by content compares roles of table roleext.role.")));
	return hit->index;
}

/*
 * role_similarity(a, b): the content similarity of two roles, 0 to 1 (see
 * core/content.h); 0 when either has neither an occupation nor components.
 */
PG_FUNCTION_INFO_V1(role_similarity);
Datum
role_similarity(PG_FUNCTION_ARGS)
{
	int32		a,
				b;
	double	   *row;
	double		s;

	content_cache_ensure(fcinfo);
	a = content_role_of(fcinfo, 0);
	b = content_role_of(fcinfo, 1);
	if (a == b)
		PG_RETURN_FLOAT8(cache.ix.occ_norm[a] > 0 || cache.ix.comp_norm[a] > 0 ? 1.0 : 0.0);
	row = palloc(sizeof(double) * (cache.ix.nocc + 1));
	s = rx_content_role_similarity(&cache.ix, a, b, row);
	pfree(row);
	PG_RETURN_FLOAT8(s);
}

/*
 * content_role_neighbours(role, k, grade_above, grade_upto): the k roles
 * most similar to role by content, best first (ties by code order), only
 * those whose level grade g has grade_above < g <= grade_upto when those
 * are not NULL: (role text, similarity float8).
 */
PG_FUNCTION_INFO_V1(content_role_neighbours);
Datum
content_role_neighbours(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int32		k = PG_GETARG_INT32(1);
	bool	   *eligible = NULL;
	rx_content_hit *hits;
	double	   *row;
	double	   *acc;
	int32		r;
	int			n;

	if (k < 0 || k > 10000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k must be between 0 and 10000, not %d", k),
				 errdetail("Similar roles are the k most similar; ask for 0 to 10000 of them.")));
	content_cache_ensure(fcinfo);
	r = content_role_of(fcinfo, 0);
	InitMaterializedSRF(fcinfo, 0);
	if (!PG_ARGISNULL(2) || !PG_ARGISNULL(3))
	{
		eligible = palloc(sizeof(bool) * (cache.ix.nroles + 1));
		for (int32 s = 0; s < cache.ix.nroles; s++)
			eligible[s] = (PG_ARGISNULL(2) || cache.grade[s] > PG_GETARG_FLOAT8(2)) &&
				(PG_ARGISNULL(3) || cache.grade[s] <= PG_GETARG_FLOAT8(3));
	}
	hits = palloc(sizeof(rx_content_hit) * (k + 1));
	row = palloc(sizeof(double) * (cache.ix.nocc + 1));
	acc = palloc(sizeof(double) * (cache.ix.nroles + 1));
	n = rx_content_role_neighbours(&cache.ix, r, eligible, k, row, acc, hits);
	for (int i = 0; i < n; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = CStringGetTextDatum(cache.codes[hits[i].id]);
		values[1] = Float8GetDatum(hits[i].score);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * content_role_index(): the backend's role index, built first if need be:
 * roles, occupations, components, the time its last build took and how
 * many builds this backend has done.
 */
PG_FUNCTION_INFO_V1(content_role_index);
Datum
content_role_index(PG_FUNCTION_ARGS)
{
	TupleDesc	desc;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "content_role_index: the result type is not a row");
	content_cache_ensure(fcinfo);
	values[0] = Int32GetDatum(cache.ix.nroles);
	values[1] = Int32GetDatum(cache.ix.nocc);
	values[2] = Int32GetDatum(cache.ncomp_used);
	values[3] = Float8GetDatum(cache.build_ms);
	values[4] = Int64GetDatum(cache.builds);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/*
 * Statement trigger of the taxonomy tables: invalidate the table's relcache
 * entry, so that every backend's role index is rebuilt before its next use.
 */
PG_FUNCTION_INFO_V1(tg_content_changed);
Datum
tg_content_changed(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("tg_content_changed must be called as a trigger"),
				 errdetail("It is the statement trigger of the tables role, role_component, mapping, taxonomy and level.")));
	CacheInvalidateRelcache(td->tg_relation);
	return PointerGetDatum(NULL);
}
