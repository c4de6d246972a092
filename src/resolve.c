/*
 * resolve.c — resolve_title: from HRIS job titles to roles (doc/titles.md,
 * "Resolving titles to roles").
 *
 * resolve_title(title, k) reads the title's level claims and job phrase
 * (title_claims: the core's rx_title_claims_of), asks the database for the
 * names that match the phrase and the roles of their families, which are
 * kept for the rest of the query (resolve_lookup.c), and ranks the roles
 * in the core (core/resolve.h); every other title with the same phrase
 * costs a parse, a hash probe and the ranking, which depends on its level
 * and takes microseconds.  A title a person decided (title_decision,
 * title_decision.c) is answered by the decision alone.  This file only
 * converts and reports.
 */
#include "roleext.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/tuplestore.h"

#include "core/confidence.h"
#include "core/resolve.h"
#include "band_glue.h"
#include "citus_glue.h"
#include "resolve_glue.h"
#include "title_decision_glue.h"
#include "title_glue.h"

#define RT_K_MAX		20		/* most candidates resolve_title returns */
#define RT_NATTS		7		/* columns of its result */

/* What resolve_title keeps in fn_extra for the rest of the query. */
typedef struct resolve_state
{
	TupleDesc	tupdesc;		/* the result row */
	Oid			band[BAND_LABELS];	/* confband labels low, medium, high */
	resolve_memo memo;			/* what the lookups found */
} resolve_state;

/* The state kept in fn_extra, made on the first call of the query. */
static resolve_state *
resolve_state_get(FunctionCallInfo fcinfo)
{
	resolve_state   *st = (resolve_state *) fcinfo->flinfo->fn_extra;
	Oid			role;
	MemoryContext old;
	TupleDesc	tupdesc;

	if (st != NULL)
		return st;
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE ||
		tupdesc->natts != RT_NATTS)
		elog(ERROR, "resolve_title must return a row of %d columns", RT_NATTS);
	st = palloc0(sizeof(resolve_state));
	st->tupdesc = CreateTupleDescCopy(tupdesc);
	band_oids(BAND_CONFBAND, TupleDescAttr(tupdesc, 4)->atttypid, st->band);
	resolve_memo_init(&st->memo, fcinfo->flinfo->fn_mcxt);
	MemoryContextSwitchTo(old);
	/*
	 * on Citus, the taxonomy is the coordinator's, or a reference table
	 * (doc/citus.md)
	 */
	role = get_relname_relid("role", get_func_namespace(fcinfo->flinfo->fn_oid));
	citus_check_table("resolve_title", role,
					  "Make the taxonomy's tables reference tables (scripts/citus_reference_tables.sql), or call resolve_title on the coordinator (doc/citus.md).");
	st->memo.citus = citus_is_table(role);
	fcinfo->flinfo->fn_extra = st;
	return st;
}

/* A result row, formed in the current memory context. */
static HeapTuple
resolve_row(resolve_state *st, Datum role, Datum role_title, Datum alias, int16 conf, const char *method,
	   bool needs_review, bool none)
{
	Datum		values[RT_NATTS];
	bool		nulls[RT_NATTS];

	memset(nulls, none, sizeof(nulls));
	values[0] = role;
	values[1] = role_title;
	values[2] = alias;
	values[3] = Int16GetDatum(conf);
	values[4] = ObjectIdGetDatum(st->band[rx_confidence_band(conf)]);
	values[5] = CStringGetTextDatum(method);
	nulls[5] = false;
	values[6] = BoolGetDatum(needs_review);
	nulls[6] = false;
	return heap_form_tuple(st->tupdesc, values, nulls);
}

/*
 * The rows of resolve_title for title t whose lookup is f (NULL: nothing
 * to look up), into store: the first k ranked roles, or the one 'none' row.
 */
static void
resolve_answer(resolve_state *st, const rx_title_claims *t, const resolve_found *f, int32 k, Tuplestorestate *store)
{
	rx_resolve_candidate *cand = NULL;
	size_t		ncand = 0,
				i;
	bool		review = true;

	if (f != NULL && f->nnames > 0)
	{
		cand = palloc(sizeof(rx_resolve_candidate) * Max(f->nroles, 1));
		ncand = rx_resolve_rank(t, f->names, f->nnames, f->roles, f->nroles, st->memo.grades, st->memo.ngrades,
						cand, &review);
	}
	if (ncand == 0)
	{
		tuplestore_puttuple(store, resolve_row(st, (Datum) 0, (Datum) 0, (Datum) 0, 0, "none",
										  true, true));
		return;
	}
	for (i = 0; i < ncand && i < (size_t) k; i++)
	{
		const rx_resolve_candidate *c = &cand[i];
		const char *method = c->exact ? (c->moved ? "exact+level" : "exact")
		: (c->moved ? "trigram+level" : "trigram");

		tuplestore_puttuple(store, resolve_row(st, f->role_code[c->role], f->role_title[c->role],
										  f->name_text[c->name], c->confidence, method,
										  review, false));
	}
}

/* Check k: how many candidate roles to return. */
static int32
resolve_check_k(FunctionCallInfo fcinfo)
{
	int32		k;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("resolve_title: k must not be NULL"),
				 errdetail("k is how many candidate roles to return, from 1 to %d.", RT_K_MAX)));
	k = PG_GETARG_INT32(1);
	if (k < 1 || k > RT_K_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("resolve_title: k = %d is out of range", k),
				 errdetail("k is how many candidate roles to return, from 1 to %d.", RT_K_MAX)));
	return k;
}

/*
 * resolve_title(title, k): the k most likely roles of an HRIS job title,
 * best first; always at least one row (method 'none' when nothing matches).
 */
PG_FUNCTION_INFO_V1(resolve_title);
Datum
resolve_title(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	resolve_state *st;
	int32		k,
				pool;
	text	   *phrase = NULL;
	rx_title_claims t;
	const resolve_found *f = NULL;
	resolve_found fresh;
	title_decision d;
	bool		decided;
	Tuplestorestate *store;
	MemoryContext old;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		!(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("resolve_title must be called where a set of rows is accepted"),
				 errdetail("Call it in FROM, for example SELECT * FROM resolve_title('Sr. DevOps Eng') or CROSS JOIN LATERAL resolve_title(e.title).")));
	k = resolve_check_k(fcinfo);
	pool = 2 * k + 6;			/* names of each kind from the trigram index */
	st = resolve_state_get(fcinfo);

	/* a title a person decided gets the decision, and nothing else */
	decided = !PG_ARGISNULL(0) &&
		title_decision_find(fcinfo->flinfo->fn_oid, PG_GETARG_TEXT_PP(0), &d) && d.has_role;
	memset(&t, 0, sizeof(t));
	if (!decided && !PG_ARGISNULL(0))
		phrase = title_claims(PG_GETARG_TEXT_PP(0), true, &t);
	if (phrase != NULL && VARSIZE_ANY_EXHDR(phrase) > 0)
		f = resolve_lookup(&st->memo, fcinfo->flinfo->fn_oid, phrase, pool, &fresh);

	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	store = tuplestore_begin_heap((rsinfo->allowedModes & SFRM_Materialize_Random) != 0,
								  false, work_mem);
	rsinfo->setDesc = CreateTupleDescCopy(st->tupdesc);	/* the executor frees it */
	MemoryContextSwitchTo(old);
	if (decided)
		tuplestore_puttuple(store, resolve_row(st, d.role, d.role_title, d.title, RX_CONFIDENCE_ONE,
											   "decided", false, false));
	else
		resolve_answer(st, &t, f, k, store);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = store;
	return (Datum) 0;
}
