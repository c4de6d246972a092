/*
 * autocode.c — PostgreSQL glue of the occupation autocoder (see
 * core/autocode.h and doc/autocode.md): soc_autocode(), soc_autocode_index()
 * and the trigger that keeps the cached index current.
 *
 * The index.  Each backend builds one index of title_dictionary on first
 * use, in a memory context of its own under TopMemoryContext ("roleext
 * autocode index"), and keeps it across statements and transactions.  The
 * rows are read through SPI: titles are normalized with rx_title_normalize (the
 * core of title_normalize) and added with their code; description sources
 * are added as weaker, vote-only entries; every O*NET-SOC occupation gets
 * its SOC detailed, broad, minor and major group, and its title (the
 * `title` column of the result).
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
 * query, a larger k): it is reused, never freed per call.  The result rows
 * go into a tuplestore the executor frees, the per-call buffers are freed
 * before returning.
 */
#include "roleext.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
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
#include "utils/tuplestore.h"

#include "core/autocode.h"
#include "core/confidence.h"
#include "core/soc.h"
#include "core/title.h"
#include "band_glue.h"
#include "title_glue.h"

#define AC_FETCH			2048	/* dictionary rows read per SPI fetch */
#define AC_STACK_TEXT		1024	/* titles up to this many bytes normalize on the stack */
#define AC_RESULT_COLS		6
#define AC_STACK_HITS		64	/* candidates kept on the stack; more are palloc'd */

/* The O*NET-SOC title of a code, for the result's title column. */
typedef struct autocode_code_title
{
	int32		code;
	char	   *title;			/* server encoding */
} autocode_code_title;

/* The backend's index of title_dictionary and what it was built from. */
typedef struct autocode_cache
{
	MemoryContext cxt;			/* owns everything below; NULL when none */
	rx_autocode_index   *ix;
	rx_autocode_scratch *sc;
	autocode_code_title *titles;		/* sorted by code */
	int			ntitles;
	Oid			relid;			/* title_dictionary when built */
	uint64		built_at;		/* autocode_invals when the build began */
	bool		xact_bound;		/* built from a statement snapshot: ... */
	LocalTransactionId lxid;	/* ... trusted only in this transaction */
	double		build_ms;
	int64		builds;
} autocode_cache;

static autocode_cache cache;
static uint64 autocode_invals = 1;	/* invalidations of the dictionary seen */
static bool autocode_callback_registered = false;

/* What one call site of soc_autocode keeps between calls (fn_extra). */
typedef struct autocode_fn_state
{
	TupleDesc	desc;			/* the result's row type */
	Oid			band[BAND_LABELS];	/* confband labels low, medium, high */
	Oid			checked_user;	/* privileges checked for this user ... */
	int64		checked_build;	/* ... on this build */
} autocode_fn_state;

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

/* Report a failure of the engine; always throws. */
pg_attribute_noreturn()
static void
autocode_raise(const rx_error *err)
{
	rx_raise("could not code the job title", err);
}

/* Is a title_dictionary source a description (vote-only, weaker evidence)? */
static bool
autocode_source_is_description(const char *s)
{
	return strcmp(s, "onet_description") == 0 || strcmp(s, "soc_definition") == 0;
}

/*
 * Normalize title s[0..len) (server encoding) into *buf (capacity *cap,
 * grown in CurrentMemoryContext when need be); returns the UTF-8 length,
 * and when head_end is not NULL where the head noun may be in it
 * (rx_autocode_head_window).  Errors of the core (invalid UTF-8 in a SQL_ASCII
 * database, too long) are raised as title_normalize raises them, the title
 * quoted.
 */
static size_t
autocode_normalize(const char *s, size_t len, char **buf, size_t *cap, bool *palloced,
			 size_t *head_end)
{
	size_t		need,
				outlen = 0;
	char	   *converted = NULL;
	rx_error	err;

	{
		const char *u = title_to_utf8(s, &len);

		if (u != s)
			s = converted = (char *) u;
	}
	title_check_length(s, len);
	need = rx_title_out_capacity(len);
	if (need > *cap)
	{
		char	   *nb = palloc(need);

		if (*palloced)
			pfree(*buf);
		*buf = nb;
		*cap = need;
		*palloced = true;
	}
	if (rx_title_normalize(s, len, *buf, *cap, &outlen, &err) != RX_OK)
		title_raise(s, len, &err);
	if (head_end != NULL)
		*head_end = rx_autocode_head_window(s, len, *buf, outlen);
	if (converted != NULL)
		pfree(converted);
	return outlen;
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
			autocode_raise(&err);
		cache.titles[n].code = code;
		cache.titles[n].title = MemoryContextStrdup(cxt, title);
		n++;
	}
	cache.ntitles = n;
	SPI_freetuptable(SPI_tuptable);
}

/*
 * Add the rows of one SPI fetch (title, code, source) to the index; buf
 * and cap are the normalization buffer.
 */
static void
autocode_build_rows(rx_autocode_index *ix, char **buf, size_t *cap, bool *palloced)
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
		rx_autocode_entry_in in;
		rx_error	err;

		if (n1 || n2 || n3)
			continue;			/* the table's NOT NULLs make this unreachable */
		title = DatumGetTextPP(dtitle);
		src = TextDatumGetCString(dsource);
		in.kind = autocode_source_is_description(src) ? RX_AUTOCODE_DESCRIPTION : RX_AUTOCODE_TITLE;
		in.head_end = 0;
		in.text_len = autocode_normalize(VARDATA_ANY(title), VARSIZE_ANY_EXHDR(title), buf, cap, palloced,
								   in.kind == RX_AUTOCODE_TITLE ? &in.head_end : NULL);
		in.text = *buf;
		in.code = DatumGetInt32(dcode);
		in.weight = rx_autocode_default_weight(in.kind);
		/* the label is the evidence shown for a title match; descriptions never are */
		if (in.kind == RX_AUTOCODE_TITLE)
		{
			in.label_len = VARSIZE_ANY_EXHDR(title);
			in.label = title_to_utf8(VARDATA_ANY(title), &in.label_len);
		}
		else
		{
			in.label = "";
			in.label_len = 0;
		}
		if (rx_autocode_add(ix, &in, &err) != RX_OK)
			autocode_raise(&err);
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
	char	   *buf;
	size_t		cap = AC_STACK_TEXT;
	rx_error	err;
	bool		palloced = true;
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
	buf = palloc(cap);

	autocode_build_codes(nsp, cxt, ix);
	sql = psprintf("SELECT d.title, d.code, d.source FROM %s.title_dictionary d",
				   quote_identifier(nsp));
	portal = SPI_cursor_open_with_args(NULL, sql, 0, NULL, NULL, NULL, true, 0);
	for (;;)
	{
		SPI_cursor_fetch(portal, true, AC_FETCH);
		if (SPI_processed == 0)
			break;
		autocode_build_rows(ix, &buf, &cap, &palloced);
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	if (fresh)
		PopActiveSnapshot();
	SPI_finish();

	/* statistics and classifiers now, so that the first query does not pay for them */
	if (rx_autocode_index_refresh(ix, &err) != RX_OK)
		autocode_raise(&err);

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
static void
autocode_cache_ensure(FunctionCallInfo fcinfo)
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
}

/* The O*NET title of a code from the index's table, or NULL. */
static const char *
autocode_code_title_of(int32 code)
{
	autocode_code_title key,
			   *hit;

	key.code = code;
	hit = bsearch(&key, cache.titles, cache.ntitles, sizeof(autocode_code_title), autocode_code_title_cmp);
	return hit != NULL ? hit->title : NULL;
}

/*
 * The call site's state: the result row type and the confband labels,
 * looked up once per call site.
 */
static autocode_fn_state *
autocode_fn_state_get(FunctionCallInfo fcinfo)
{
	autocode_fn_state *st = (autocode_fn_state *) fcinfo->flinfo->fn_extra;

	if (st == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		TupleDesc	desc;

		st = palloc0(sizeof(autocode_fn_state));
		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE ||
			desc->natts != AC_RESULT_COLS)
			elog(ERROR, "soc_autocode must return a row of %d columns", AC_RESULT_COLS);
		st->desc = CreateTupleDescCopy(desc);
		band_oids(BAND_CONFBAND, TupleDescAttr(desc, 3)->atttypid, st->band);
		st->checked_build = -1;
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = st;
	}
	return st;
}

/*
 * The index is shared by every user of the backend: check that this user
 * may read what it was built from, once per call site and build.
 */
static void
autocode_check_privileges(autocode_fn_state *st)
{
	Oid			user = GetUserId();
	AclResult	r;

	if (st->checked_user == user && st->checked_build == cache.builds)
		return;
	r = pg_class_aclcheck(cache.relid, user, ACL_SELECT);
	if (r != ACLCHECK_OK)
		aclcheck_error(r, OBJECT_TABLE, get_rel_name(cache.relid));
	st->checked_user = user;
	st->checked_build = cache.builds;
}

/*
 * Code a free-text job title: the k most likely O*NET-SOC 2019
 * occupations, best first, as (code, title, score, band, matched,
 * needs_review).  A title with no known word gives no rows.
 */
PG_FUNCTION_INFO_V1(soc_autocode);
Datum
soc_autocode(PG_FUNCTION_ARGS)
{
	text	   *title = PG_GETARG_TEXT_PP(0);
	int32		k = PG_GETARG_INT32(1);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	autocode_fn_state *st;
	MemoryContext old;
	Tuplestorestate *store;
	char		stackbuf[AC_STACK_TEXT];
	char	   *buf = stackbuf;
	size_t		cap = sizeof(stackbuf),
				len,
				head_end = 0;
	bool		palloced = false;
	rx_autocode_hit		stackhits[AC_STACK_HITS];
	int16		stackscores[AC_STACK_HITS];
	rx_autocode_hit	   *hits = stackhits;
	int16	   *scores = stackscores;
	int			n,
				i;
	bool		review;
	rx_error	err;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		(rsinfo->allowedModes & SFRM_Materialize) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("soc_autocode must be called where a set of rows is accepted"),
				 errdetail("Call it in FROM, for instance SELECT * FROM soc_autocode('Registered Nurse').")));
	if (k < 1 || k > RX_AUTOCODE_K_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of candidates out of range: %d", k),
				 errdetail("soc_autocode returns at most k candidates; k must lie between 1 and %d.",
						   RX_AUTOCODE_K_MAX)));
	st = autocode_fn_state_get(fcinfo);
	autocode_cache_ensure(fcinfo);
	autocode_check_privileges(st);

	/* the result: a tuplestore in per-query memory, freed by the executor */
	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	store = tuplestore_begin_heap(false, false, work_mem);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = store;
	rsinfo->setDesc = CreateTupleDescCopy(st->desc);
	MemoryContextSwitchTo(old);

	len = autocode_normalize(VARDATA_ANY(title), VARSIZE_ANY_EXHDR(title), &buf, &cap, &palloced,
					   &head_end);
	if (k > AC_STACK_HITS)
	{
		hits = palloc(sizeof(rx_autocode_hit) * k);
		scores = palloc(sizeof(int16) * k);
	}
	/* two candidates at least: the review rule compares the top two */
	if (rx_autocode_query_head(cache.ix, cache.sc, buf, len, head_end, k < 2 ? 2 : k, hits, &n, &err) != RX_OK)
		autocode_raise(&err);
	for (i = 0; i < n; i++)
		if (rx_confidence_from_double(hits[i].score, &scores[i], &err) != RX_OK)
			autocode_raise(&err);
	review = rx_confidence_needs_review(n, n > 0 ? scores[0] : 0, n > 1 ? scores[1] : 0);
	for (i = 0; i < n && i < k; i++)
	{
		Datum		values[AC_RESULT_COLS];
		bool		nulls[AC_RESULT_COLS] = {false, false, false, false, false, false};
		const char *otitle = autocode_code_title_of(hits[i].code);
		size_t		evlen = hits[i].evidence_len;
		const char *ev = title_from_utf8(hits[i].evidence, &evlen);
		values[0] = Int32GetDatum(hits[i].code);
		values[1] = otitle != NULL ? CStringGetTextDatum(otitle) : (Datum) 0;
		nulls[1] = otitle == NULL;
		values[2] = Int16GetDatum(scores[i]);
		values[3] = ObjectIdGetDatum(st->band[rx_confidence_band(scores[i])]);
		values[4] = PointerGetDatum(cstring_to_text_with_len(ev, (int) evlen));
		values[5] = BoolGetDatum(review);
		tuplestore_putvalues(store, st->desc, values, nulls);
	}
	if (palloced)
		pfree(buf);
	if (hits != stackhits)
	{
		pfree(hits);
		pfree(scores);
	}
	return (Datum) 0;
}

/*
 * The backend's soc_autocode index (built first if it is not current):
 * entries, titles, descriptions, codes, bytes, build_ms, builds.
 */
PG_FUNCTION_INFO_V1(soc_autocode_index);
Datum
soc_autocode_index(PG_FUNCTION_ARGS)
{
	TupleDesc	desc;
	Datum		values[7];
	bool		nulls[7] = {false, false, false, false, false, false, false};
	autocode_fn_state st;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "soc_autocode_index must return a row");
	desc = BlessTupleDesc(desc);
	autocode_cache_ensure(fcinfo);
	memset(&st, 0, sizeof(st));
	st.checked_build = -1;
	autocode_check_privileges(&st);
	values[0] = Int32GetDatum((int32) rx_autocode_index_size(cache.ix));
	values[1] = Int32GetDatum((int32) rx_autocode_index_count(cache.ix, RX_AUTOCODE_TITLE));
	values[2] = Int32GetDatum((int32) rx_autocode_index_count(cache.ix, RX_AUTOCODE_DESCRIPTION));
	values[3] = Int32GetDatum((int32) rx_autocode_index_codes(cache.ix));
	values[4] = Int64GetDatum((int64) rx_autocode_index_bytes(cache.ix));
	values[5] = Float8GetDatum(cache.build_ms);
	values[6] = Int64GetDatum(cache.builds);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}

/*
 * Statement trigger of title_dictionary: invalidate the table's relcache
 * entry, so that every backend's index is rebuilt before its next use.
 */
PG_FUNCTION_INFO_V1(tg_title_dictionary_changed);
Datum
tg_title_dictionary_changed(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("tg_title_dictionary_changed must be called as a trigger"),
				 errdetail("It is the statement trigger of table title_dictionary.")));
	CacheInvalidateRelcache(td->tg_relation);
	return PointerGetDatum(NULL);
}
