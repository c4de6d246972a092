/*
 * autocode_cache.c — the backend's index of title_dictionary for
 * soc_autocode (see autocode_glue.h, core/autocode.h and doc/autocode.md).
 *
 * The index.  Each backend builds one index of title_dictionary on first
 * use, in a memory context of its own under TopMemoryContext ("roleext
 * autocode index"), and keeps it across statements and transactions.  The
 * rows are read through SPI and added through the engine's pipeline for
 * raw titles (rx_autocode_add_title: normalization, head window, entry);
 * description sources are added as weaker, vote-only entries; every
 * O*NET-SOC occupation gets its SOC detailed, broad, minor and major group,
 * and its title (the `title` column of the result).
 *
 * Keeping it current.  A statement trigger on title_dictionary calls
 * CacheInvalidateRelcache() on the table for every INSERT, UPDATE, DELETE
 * and TRUNCATE.  A relcache callback registered by this module counts the
 * invalidations that name the table (or all relations); the index is
 * current while the count is the one it was built at.  PostgreSQL applies
 * a transaction's invalidations to its own backend at the next command and
 * sends them to the others at commit, which they read at their next
 * transaction or lock; a rolled-back change invalidates the writer's index
 * again.  So the writing transaction sees its change from its next
 * statement on and every other session once it commits.
 *
 * Snapshots.  The index is shared by the statements and transactions of a
 * backend, like a catalog cache, so it is read with a fresh snapshot taken
 * after the pending invalidations were accepted: everything whose
 * invalidation the backend has seen is in it, plus the transaction's own
 * earlier changes.  A REPEATABLE READ transaction therefore codes against
 * the latest committed dictionary, not its snapshot's.  In parallel mode
 * (a worker, or the leader of a parallel query) no fresh snapshot may be
 * taken: the index is built from the statement's snapshot and trusted only
 * until the transaction ends.  Each parallel worker builds its own index.
 *
 * Memory.  The index is built in a context under the caller's context and
 * moved under TopMemoryContext only when complete, so an error or a cancel
 * during the build frees it with the failed query.  Queries allocate in
 * the index's context only when the engine's scratch must grow (the first
 * query, a larger k): it is reused, never freed per call.
 */
#include "roleext.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "portability/instr_time.h"
#include "storage/lmgr.h"
#include "storage/proc.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "core/autocode.h"
#include "core/soc.h"
#include "autocode_glue.h"
#include "title_glue.h"

#define AC_FETCH			2048	/* dictionary rows read per SPI fetch */

static autocode_cache cache;
static uint64 autocode_invals = 1;	/* invalidations of the dictionary seen */
static bool autocode_callback_registered = false;

/*
 * Relcache invalidation callback: a change of title_dictionary (or of
 * every relation) makes the index stale.
 */
static void
autocode_relcache_callback(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == cache.relid || cache.relid == InvalidOid)
		autocode_invals++;
}

/* Engine allocation hook: memory of the index's context; throws when out of memory. */
static void *
autocode_pg_alloc(void *ctx, size_t size)
{
	return MemoryContextAllocHuge((MemoryContext) ctx, size);
}

/* Engine reallocation hook. */
static void *
autocode_pg_realloc(void *ctx, void *ptr, size_t size)
{
	return repalloc_huge(ptr, size);
}

/* Engine free hook. */
static void
autocode_pg_free(void *ctx, void *ptr)
{
	pfree(ptr);
}

/* Report a failure of the engine on a title; always throws. */
void
autocode_raise(const char *s, size_t len, const rx_error *err)
{
	if (err->status == RX_ENCODING || err->status == RX_LIMIT)
		title_raise(s, len, err);
	rx_raise("could not code the job title", err);
}

/* Room in w for the pipelines to read a raw title of len bytes. */
void *
autocode_work_for(autocode_work *w, size_t len, size_t *need)
{
	*need = rx_autocode_work_size(len);
	if (*need > w->cap)
	{
		char	   *nb = palloc(*need);

		if (w->palloced)
			pfree(w->buf);
		w->buf = nb;
		w->cap = *need;
		w->palloced = true;
	}
	return w->buf;
}

/* Is a title_dictionary source a description (vote-only, weaker evidence)? */
static bool
autocode_source_is_description(const char *s)
{
	return strcmp(s, "onet_description") == 0 || strcmp(s, "soc_definition") == 0;
}

/* Order code titles by code (qsort and bsearch). */
static int
autocode_code_title_cmp(const void *a, const void *b)
{
	int32		x = ((const autocode_code_title *) a)->code;
	int32		y = ((const autocode_code_title *) b)->code;

	return (x > y) - (x < y);
}

/* Drop the index (its context and everything in it). */
static void
autocode_cache_drop(void)
{
	if (cache.cxt != NULL)
		MemoryContextDelete(cache.cxt);
	cache.cxt = NULL;
	cache.ix = NULL;
	cache.sc = NULL;
	cache.titles = NULL;
	cache.ntitles = 0;
}

/*
 * Read the O*NET-SOC occupations into the index's title table and give
 * every code its SOC groups.  Runs inside the build's SPI connection.
 */
static void
autocode_build_codes(const char *nsp, MemoryContext cxt, rx_autocode_index *ix)
{
	char	   *sql = psprintf("SELECT o.code, o.title FROM %s.onet2019_occupation o ORDER BY o.code",
							   quote_identifier(nsp));
	uint64		i;
	int			n = 0;

	if (SPI_execute(sql, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "soc_autocode: could not read onet2019_occupation");
	cache.titles = MemoryContextAllocHuge(cxt, sizeof(autocode_code_title) * (SPI_processed + 1));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		bool		isnull;
		int32		code = DatumGetInt32(SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &isnull));
		char	   *title = SPI_getvalue(tup, SPI_tuptable->tupdesc, 2);
		int32		groups[RX_AUTOCODE_GROUP_LEVELS];
		static const rx_soc_level levels[RX_AUTOCODE_GROUP_LEVELS] = {RX_SOC_DETAILED, RX_SOC_BROAD, RX_SOC_MINOR, RX_SOC_MAJOR};
		int			l;
		rx_error	err;

		if (isnull || title == NULL)
			continue;
		for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
			if (!rx_soc_ancestor(code, levels[l], &groups[l]))
				groups[l] = 0;
		if (rx_autocode_set_groups(ix, code, groups, &err) != RX_OK)
			rx_raise("could not code the job title", &err);
		cache.titles[n].code = code;
		cache.titles[n].title = MemoryContextStrdup(cxt, title);
		n++;
	}
	cache.ntitles = n;
	SPI_freetuptable(SPI_tuptable);
}

/*
 * Add the rows of one SPI fetch (title, code, source) to the index through
 * the engine's pipeline for raw titles; w is its work memory.
 */
static void
autocode_build_rows(rx_autocode_index *ix, autocode_work *w)
{
	uint64		i;
	TupleDesc	td = SPI_tuptable->tupdesc;

	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		bool		n1,
					n2,
					n3;
		Datum		dtitle = SPI_getbinval(tup, td, 1, &n1);
		Datum		dcode = SPI_getbinval(tup, td, 2, &n2);
		Datum		dsource = SPI_getbinval(tup, td, 3, &n3);
		text	   *title;
		char	   *src;
		const char *s;
		size_t		len,
					need;
		void	   *work;
		rx_autocode_entry_in in;
		rx_error	err;

		if (n1 || n2 || n3)
			continue;			/* the table's NOT NULLs make this unreachable */
		title = DatumGetTextPP(dtitle);
		len = VARSIZE_ANY_EXHDR(title);
		s = title_to_utf8(VARDATA_ANY(title), &len);
		title_check_length(s, len);
		src = TextDatumGetCString(dsource);
		in.kind = autocode_source_is_description(src) ? RX_AUTOCODE_DESCRIPTION : RX_AUTOCODE_TITLE;
		in.text = s;
		in.text_len = len;
		in.head_end = 0;
		in.code = DatumGetInt32(dcode);
		in.weight = rx_autocode_default_weight(in.kind);
		/* the label is the evidence shown for a title match; descriptions never are */
		in.label = in.kind == RX_AUTOCODE_TITLE ? s : "";
		in.label_len = in.kind == RX_AUTOCODE_TITLE ? len : 0;
		work = autocode_work_for(w, len, &need);
		if (rx_autocode_add_title(ix, &in, work, need, &err) != RX_OK)
			autocode_raise(s, len, &err);
		if (s != VARDATA_ANY(title))
			pfree((char *) s);
		pfree(src);
		if ((i & 255) == 0)
			CHECK_FOR_INTERRUPTS();
	}
}

/*
 * Build the index of title_dictionary (in the schema of the function being
 * called) and make it the backend's.
 */
static void
autocode_cache_build(FunctionCallInfo fcinfo)
{
	Oid			nspid = get_func_namespace(fcinfo->flinfo->fn_oid);
	char	   *nsp = get_namespace_name(nspid);
	Oid			relid = get_relname_relid("title_dictionary", nspid);
	rx_autocode_allocator alloc;
	rx_autocode_index   *ix;
	MemoryContext cxt;
	Portal		portal;
	uint64		start_invals;
	bool		fresh = !IsInParallelMode();
	char	   *sql;
	autocode_work w = {NULL, 0, false};
	rx_error	err;
	instr_time	t0,
				t1;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table %s.title_dictionary does not exist", nsp),
				 errdetail("soc_autocode codes titles against the table title_dictionary of the roleext schema.")));
	INSTR_TIME_SET_CURRENT(t0);
	autocode_cache_drop();
	cache.relid = relid;

	/* take the lock first: pending invalidations are read, then the snapshot */
	LockRelationOid(relid, AccessShareLock);
	AcceptInvalidationMessages();
	start_invals = autocode_invals;

	cxt = AllocSetContextCreate(CurrentMemoryContext, "roleext autocode index",
								ALLOCSET_DEFAULT_SIZES);
	alloc.alloc = autocode_pg_alloc;
	alloc.realloc = autocode_pg_realloc;
	alloc.free = autocode_pg_free;
	alloc.ctx = cxt;
	ix = rx_autocode_index_create(&alloc, NULL);
	if (ix == NULL)
		elog(ERROR, "soc_autocode: the default scoring parameters were refused");

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "soc_autocode: SPI_connect failed");
	if (fresh)
		PushActiveSnapshot(GetLatestSnapshot());

	autocode_build_codes(nsp, cxt, ix);
	sql = psprintf("SELECT d.title, d.code, d.source FROM %s.title_dictionary d",
				   quote_identifier(nsp));
	portal = SPI_cursor_open_with_args(NULL, sql, 0, NULL, NULL, NULL, true, 0);
	for (;;)
	{
		SPI_cursor_fetch(portal, true, AC_FETCH);
		if (SPI_processed == 0)
			break;
		autocode_build_rows(ix, &w);
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	if (fresh)
		PopActiveSnapshot();
	SPI_finish();

	/* statistics and classifiers now, so that the first query does not pay for them */
	if (rx_autocode_index_refresh(ix, &err) != RX_OK)
		rx_raise("could not code the job title", &err);

	/* the query scratch, in the index's context like everything the engine allocates */
	cache.sc = rx_autocode_scratch_create(ix);
	if (cache.sc == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory"),
				 errdetail("The soc_autocode index could not allocate its query memory.")));
	qsort(cache.titles, cache.ntitles, sizeof(autocode_code_title), autocode_code_title_cmp);

	/* complete: keep it */
	MemoryContextSetParent(cxt, TopMemoryContext);
	cache.cxt = cxt;
	cache.ix = ix;
	cache.built_at = start_invals;
	cache.xact_bound = !fresh;
	cache.lxid = MyProc->lxid;
	cache.builds++;
	INSTR_TIME_SET_CURRENT(t1);
	INSTR_TIME_SUBTRACT(t1, t0);
	cache.build_ms = INSTR_TIME_GET_MILLISEC(t1);
}

/* The backend's index, built or rebuilt first if it is not current. */
const autocode_cache *
autocode_cache_get(FunctionCallInfo fcinfo)
{
	if (!autocode_callback_registered)
	{
		CacheRegisterRelcacheCallback(autocode_relcache_callback, (Datum) 0);
		autocode_callback_registered = true;
	}
	if (cache.ix != NULL && cache.xact_bound && cache.lxid != MyProc->lxid)
		autocode_cache_drop();
	if (cache.ix == NULL || cache.built_at != autocode_invals)
		autocode_cache_build(fcinfo);
	return &cache;
}

/* The O*NET title of a code from the index's table, or NULL. */
const char *
autocode_code_title_of(const autocode_cache *c, int32 code)
{
	autocode_code_title key,
			   *hit;

	key.code = code;
	hit = bsearch(&key, c->titles, c->ntitles, sizeof(autocode_code_title), autocode_code_title_cmp);
	return hit != NULL ? hit->title : NULL;
}

/*
 * The index is shared by every user of the backend: check that this user
 * may read what it was built from, once per user and build.
 */
void
autocode_check_privileges(const autocode_cache *c, Oid *checked_user, int64 *checked_build)
{
	Oid			user = GetUserId();
	AclResult	r;

	if (*checked_user == user && *checked_build == c->builds)
		return;
	r = pg_class_aclcheck(c->relid, user, ACL_SELECT);
	if (r != ACLCHECK_OK)
		aclcheck_error(r, OBJECT_TABLE, get_rel_name(c->relid));
	*checked_user = user;
	*checked_build = c->builds;
}
