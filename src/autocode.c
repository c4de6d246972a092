/*
 * autocode.c — the SQL functions of the occupation autocoder (see
 * core/autocode.h and doc/autocode.md): soc_autocode(), soc_autocode_index()
 * and the trigger that moves the dictionary's version on.
 *
 * soc_autocode converts the title to UTF-8, hands it to the engine's
 * pipeline for raw titles (rx_autocode_code_title: normalization, head
 * window, query, confidences, the review rule) against the index of the
 * dictionary version its statement sees (autocode_cache.c: the shared
 * image, or a private index), and turns the hits into rows.  Memory: the
 * result rows go into a tuplestore the executor frees; the work memory of
 * the pipeline is on the stack for titles up to about 300 bytes and
 * palloc'd (and freed) for longer ones; the engine's query scratch belongs
 * to the index's slot.  A title a person decided (title_decision,
 * title_decision.c) is answered by the decision alone.
 */
#include "roleext.h"

#include "access/htup_details.h"
#include "commands/trigger.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "core/autocode.h"
#include "core/confidence.h"
#include "autocode_glue.h"
#include "band_glue.h"
#include "citus_glue.h"
#include "title_decision_glue.h"
#include "title_glue.h"

#define AC_RESULT_COLS		6
#define AC_INDEX_COLS		12	/* soc_autocode_index()'s columns */
#define AC_STACK_HITS		64	/* candidates kept on the stack; more are palloc'd */
#define AC_STACK_WORK		16384	/* pipeline work memory on the stack: titles up to ~300 bytes */

/* What one call site of soc_autocode keeps between calls (fn_extra). */
typedef struct autocode_fn_state
{
	TupleDesc	desc;			/* the result's row type */
	Oid			band[BAND_LABELS];	/* confband labels low, medium, high */
	Oid			nspid;			/* the extension's schema */
	Oid			relid;			/* its title_dictionary */
} autocode_fn_state;

/*
 * The schema of the called function (the extension's) and its
 * title_dictionary; an error when the table is missing.
 */
static void
autocode_fn_tables(FunctionCallInfo fcinfo, Oid *nspid, Oid *relid)
{
	*nspid = get_func_namespace(fcinfo->flinfo->fn_oid);
	*relid = get_relname_relid("title_dictionary", *nspid);
	if (!OidIsValid(*relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table %s.title_dictionary does not exist", get_namespace_name(*nspid)),
				 errdetail("soc_autocode codes titles against the table title_dictionary of the roleext schema.")));
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
		autocode_fn_tables(fcinfo, &st->nspid, &st->relid);
		MemoryContextSwitchTo(old);
		/* on Citus, the dictionary is the coordinator's (doc/citus.md) */
		citus_check_table("soc_autocode", st->relid,
						  "Make title_dictionary and the tables it refers to Citus reference tables (doc/citus.md), or call soc_autocode on the coordinator.");
		fcinfo->flinfo->fn_extra = st;
	}
	return st;
}

/* Check that soc_autocode may run here and that k is in range. */
static void
autocode_check_call(FunctionCallInfo fcinfo, int32 k)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

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
}

/* Put one row per hit into store: (code, title, score, band, matched, needs_review). */
static void
autocode_put_rows(const autocode_fn_state *st, const autocode_slot *c, const rx_autocode_hit *hits,
				  const rx_autocode_coding *coding, Tuplestorestate *store)
{
	int			i;

	for (i = 0; i < coding->n; i++)
	{
		Datum		values[AC_RESULT_COLS];
		bool		nulls[AC_RESULT_COLS] = {false, false, false, false, false, false};
		const char *otitle = autocode_code_title_of(c, hits[i].code);
		size_t		evlen = hits[i].evidence_len;
		const char *ev = title_from_utf8(hits[i].evidence, &evlen);

		values[0] = Int32GetDatum(hits[i].code);
		values[1] = otitle != NULL ? CStringGetTextDatum(otitle) : (Datum) 0;
		nulls[1] = otitle == NULL;
		values[2] = Int16GetDatum(hits[i].confidence);
		values[3] = ObjectIdGetDatum(st->band[rx_confidence_band(hits[i].confidence)]);
		values[4] = PointerGetDatum(cstring_to_text_with_len(ev, (int) evlen));
		values[5] = BoolGetDatum(coding->needs_review);
		tuplestore_putvalues(store, st->desc, values, nulls);
	}
}

/* Put the one row of a decided title into store: score 1, matched the title as decided. */
static void
autocode_put_decision(const autocode_fn_state *st, const title_decision *d, Tuplestorestate *store)
{
	Datum		values[AC_RESULT_COLS];
	bool		nulls[AC_RESULT_COLS] = {false, false, false, false, false, false};

	values[0] = Int32GetDatum(d->code);
	values[1] = d->code_title;
	nulls[1] = d->code_title == (Datum) 0;
	values[2] = Int16GetDatum(RX_CONFIDENCE_ONE);
	values[3] = ObjectIdGetDatum(st->band[rx_confidence_band(RX_CONFIDENCE_ONE)]);
	values[4] = d->title;
	values[5] = BoolGetDatum(false);
	tuplestore_putvalues(store, st->desc, values, nulls);
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
	autocode_slot *c;
	MemoryContext old;
	Tuplestorestate *store;
	union
	{
		double		align;
		char		bytes[AC_STACK_WORK];
	}			stackwork;
	autocode_work w = {stackwork.bytes, sizeof(stackwork), false};
	size_t		len = VARSIZE_ANY_EXHDR(title),
				need;
	const char *s;
	void	   *work;
	rx_autocode_hit stackhits[AC_STACK_HITS];
	rx_autocode_hit *hits = stackhits;
	rx_autocode_coding coding;
	rx_error	err;
	title_decision decision;

	autocode_check_call(fcinfo, k);
	st = autocode_fn_state_get(fcinfo);
	c = autocode_cache_get(st->nspid, st->relid);

	/* the result: a tuplestore in per-query memory, freed by the executor */
	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	store = tuplestore_begin_heap(false, false, work_mem);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = store;
	rsinfo->setDesc = CreateTupleDescCopy(st->desc);
	MemoryContextSwitchTo(old);

	/* a title a person decided gets the decision, and nothing else */
	if (title_decision_find(fcinfo->flinfo->fn_oid, title, &decision) && decision.has_code)
	{
		autocode_put_decision(st, &decision, store);
		return (Datum) 0;
	}

	s = title_to_utf8(VARDATA_ANY(title), &len);
	title_check_length(s, len);
	work = autocode_work_for(&w, len, &need);
	if (k > AC_STACK_HITS)
		hits = palloc(sizeof(rx_autocode_hit) * k);
	if (rx_autocode_code_title(c->ix, autocode_slot_scratch(c), s, len, work, need, k, hits, &coding,
							   &err) != RX_OK)
		autocode_raise(s, len, &err);
	autocode_put_rows(st, c, hits, &coding, store);
	if (w.palloced)
		pfree(w.buf);
	if (hits != stackhits)
		pfree(hits);
	if (s != VARDATA_ANY(title))
		pfree((char *) s);
	return (Datum) 0;
}

/*
 * The soc_autocode index this statement codes against (built or opened
 * first): entries, titles, descriptions, codes, bytes, build_ms, builds,
 * version, shared, mapped_bytes, private_bytes, built_at.  A declaration
 * with fewer columns (an extension script older than the library) gets its
 * first ones.
 */
PG_FUNCTION_INFO_V1(soc_autocode_index);
Datum
soc_autocode_index(PG_FUNCTION_ARGS)
{
	TupleDesc	desc;
	Datum		values[AC_INDEX_COLS];
	bool		nulls[AC_INDEX_COLS];
	autocode_slot *c;
	Oid			nspid,
				relid;
	int			i;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE || desc->natts > AC_INDEX_COLS)
		elog(ERROR, "soc_autocode_index must return a row of at most %d columns", AC_INDEX_COLS);
	desc = BlessTupleDesc(desc);
	autocode_fn_tables(fcinfo, &nspid, &relid);
	c = autocode_cache_get(nspid, relid);
	(void) autocode_slot_scratch(c);
	memset(nulls, 0, sizeof(nulls));
	values[0] = Int32GetDatum((int32) rx_autocode_index_size(c->ix));
	values[1] = Int32GetDatum((int32) rx_autocode_index_count(c->ix, RX_AUTOCODE_TITLE));
	values[2] = Int32GetDatum((int32) rx_autocode_index_count(c->ix, RX_AUTOCODE_DESCRIPTION));
	values[3] = Int32GetDatum((int32) rx_autocode_index_codes(c->ix));
	values[4] = Int64GetDatum((int64) rx_autocode_index_bytes(c->ix));
	values[5] = Float8GetDatum(c->build_ms);
	values[6] = Int64GetDatum(autocode_cache_builds());
	values[7] = Int64GetDatum(c->v.version);
	values[8] = BoolGetDatum(c->shared);
	values[9] = Int64GetDatum(c->shared ? (int64) c->maplen : 0);
	values[10] = Int64GetDatum((int64) autocode_cache_private_bytes());
	values[11] = TimestampTzGetDatum(c->built_at);
	for (i = desc->natts; i < AC_INDEX_COLS; i++)
		nulls[i] = true;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}

/*
 * Statement trigger of title_dictionary: move the dictionary's version on
 * (the statement's own transaction sees it from its next statement, the
 * others once it commits), and have the image of the new version built
 * before the transaction commits.
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
	autocode_version_bump(AC_DICTIONARY, td->tg_relation);
	return PointerGetDatum(NULL);
}
