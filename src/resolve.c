/*
 * resolve.c — resolve_title: from HRIS job titles to roles (doc/titles.md,
 * "Resolving titles to roles").
 *
 * resolve_title(title, k) reads the title's level claims and job phrase
 * (title_claims: the core's rx_title_claims_of), asks the database for the
 * names that match the phrase and the roles of their families
 * (resolve_names, resolve_family_roles in sql/66_resolve.sql, through the
 * indexes on the normalized aliases and titles), and ranks the roles in the
 * core (core/resolve.h).  Over an HRIS table titles repeat far more once
 * normalized than as written ("Sr. Backend Eng (Remote)" and "SENIOR
 * BACKEND ENGINEER - Boston, MA" are both "backend engineer"), so what the
 * database says about a normalized title is kept for the rest of the query,
 * keyed by it (and the pool size, from k): the lookups run once per
 * distinct normalized title; every other title costs a parse, a hash probe
 * and the ranking, which depends on its level and takes microseconds.
 *
 * What is kept is reused only under the snapshot it was read with (same
 * xmin, xmax and command id), so the function, STABLE, sees what a fresh
 * lookup would.  It lives in the function's per-query memory and is
 * dropped as a whole when it outgrows hash_mem (work_mem x
 * hash_mem_multiplier), as a Memoize node's cache would be.
 *
 * The SPI queries name their functions and table by the schema
 * resolve_title lives in and pass arguments by type OID, so no search_path
 * can redirect them; the SQL functions' bodies were bound at CREATE
 * EXTENSION.
 */
#include "roleext.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "core/confidence.h"
#include "core/resolve.h"
#include "band_glue.h"
#include "title_glue.h"

#define RT_K_MAX		20		/* most candidates resolve_title returns */
#define RT_NATTS		7		/* columns of its result */

/*
 * What the database says about one normalized title: the names that match
 * it and the roles of their families (all in the state's memory).
 */
typedef struct resolve_found
{
	uint64		hash;			/* hash of key: the hash table's key */
	char	   *key;			/* the pool size and the normalized title */
	Size		keylen;
	int			nnames;
	rx_resolve_name    *names;
	Datum	   *name_text;		/* each name as written */
	int			nroles;
	rx_resolve_role    *roles;			/* .code points into role_code */
	Datum	   *role_code;
	Datum	   *role_title;
} resolve_found;

/* What resolve_title keeps in fn_extra for the rest of the query. */
typedef struct resolve_state
{
	TupleDesc	tupdesc;		/* the result row */
	Oid			band[BAND_LABELS];	/* confband labels low, medium, high */
	MemoryContext memo_cxt;		/* what was found, its table and the grades */
	HTAB	   *found;			/* resolve_found by the hash of their key */
	rx_resolve_grade   *grades;			/* the level table's grades, NULL until read */
	int			ngrades;
	TransactionId xmin;			/* the snapshot they were read with */
	TransactionId xmax;
	CommandId	curcid;
	bool		have_snapshot;
} resolve_state;

/* The SPI plans, kept for the backend's life, and the function they serve. */
static SPIPlanPtr resolve_names_plan = NULL;
static SPIPlanPtr resolve_family_plan = NULL;
static SPIPlanPtr resolve_grades_plan = NULL;
static Oid	resolve_plans_fn = InvalidOid;

/* The state kept in fn_extra, made on the first call of the query. */
static resolve_state *
resolve_state_get(FunctionCallInfo fcinfo)
{
	resolve_state   *st = (resolve_state *) fcinfo->flinfo->fn_extra;
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
	st->memo_cxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt, "resolve_title lookups",
										 ALLOCSET_DEFAULT_SIZES);
	MemoryContextSwitchTo(old);
	fcinfo->flinfo->fn_extra = st;
	return st;
}

/*
 * The table of what was found, emptied first (with the grades) when the
 * snapshot has moved on or it has outgrown hash_mem; NULL when there is no
 * active snapshot to tie it to, and nothing is kept.
 */
static HTAB *
resolve_found_table(resolve_state *st)
{
	Snapshot	snap;
	bool		same;

	if (!ActiveSnapshotSet())
		return NULL;
	snap = GetActiveSnapshot();
	same = st->have_snapshot && st->xmin == snap->xmin && st->xmax == snap->xmax &&
		st->curcid == snap->curcid;
	if (!same || (st->found != NULL &&
				  MemoryContextMemAllocated(st->memo_cxt, true) > get_hash_memory_limit()))
	{
		MemoryContextReset(st->memo_cxt);
		st->found = NULL;
		st->grades = NULL;
	}
	if (st->found == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(uint64);
		ctl.entrysize = sizeof(resolve_found);
		ctl.hcxt = st->memo_cxt;
		st->found = hash_create("resolve_title lookups", 256, &ctl,
								HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
		st->xmin = snap->xmin;
		st->xmax = snap->xmax;
		st->curcid = snap->curcid;
		st->have_snapshot = true;
	}
	return st->found;
}

/* Prepare and keep one SPI plan. */
static SPIPlanPtr
resolve_prepare(const char *query, int nargs, Oid *argtypes)
{
	SPIPlanPtr	plan = SPI_prepare(query, nargs, argtypes);

	if (plan == NULL)
		elog(ERROR, "resolve_title could not prepare \"%s\": %s", query,
			 SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "resolve_title could not keep \"%s\"", query);
	return plan;
}

/* Make the three SPI plans for the resolve_title whose OID is fn_oid, once. */
static void
resolve_plans(Oid fn_oid)
{
	Oid			nsp;
	const char *schema;
	Oid			codetype,
				arraytype;
	Oid			args[2];

	if (resolve_plans_fn == fn_oid)
		return;
	if (resolve_names_plan != NULL)
		SPI_freeplan(resolve_names_plan);
	if (resolve_family_plan != NULL)
		SPI_freeplan(resolve_family_plan);
	if (resolve_grades_plan != NULL)
		SPI_freeplan(resolve_grades_plan);
	resolve_names_plan = resolve_family_plan = resolve_grades_plan = NULL;
	resolve_plans_fn = InvalidOid;

	nsp = get_func_namespace(fn_oid);
	schema = quote_identifier(get_namespace_name(nsp));
	codetype = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
							   CStringGetDatum("rolecode"), ObjectIdGetDatum(nsp));
	arraytype = OidIsValid(codetype) ? get_array_type(codetype) : InvalidOid;
	if (!OidIsValid(arraytype))
		elog(ERROR, "type rolecode[] is missing from the schema of resolve_title");

	args[0] = TEXTOID;
	args[1] = INT4OID;
	resolve_names_plan = resolve_prepare(psprintf("SELECT role, name, trust, sim, exact "
												  "FROM %s.resolve_names($1, $2)", schema),
										 2, args);
	args[0] = arraytype;
	resolve_family_plan = resolve_prepare(psprintf("SELECT role, family, level, title "
										 "FROM %s.resolve_family_roles($1)", schema), 1, args);
	resolve_grades_plan = resolve_prepare(psprintf("SELECT code, grade FROM %s.level", schema), 0, NULL);
	resolve_plans_fn = fn_oid;
}

/* Run a kept plan read-only; its rows are in SPI_tuptable. */
static void
resolve_run(SPIPlanPtr plan, Datum *values, const char *nulls, int natts)
{
	int			ret = SPI_execute_plan(plan, values, nulls, true, 0);

	if (ret != SPI_OK_SELECT || SPI_tuptable == NULL || SPI_tuptable->tupdesc->natts != natts)
		elog(ERROR, "a lookup of resolve_title failed: %s", SPI_result_code_string(ret));
}

/* Column c (1-based) of SPI row i, and whether it is NULL. */
static Datum
resolve_col(uint64 i, int c, bool *isnull)
{
	return SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, c, isnull);
}

/* Do two varlenas (role codes) hold the same bytes? */
static bool
resolve_same_code(Datum a, Datum b)
{
	struct varlena *x = (struct varlena *) DatumGetPointer(a);
	struct varlena *y = (struct varlena *) DatumGetPointer(b);

	return VARSIZE_ANY_EXHDR(x) == VARSIZE_ANY_EXHDR(y) &&
		memcmp(VARDATA_ANY(x), VARDATA_ANY(y), VARSIZE_ANY_EXHDR(x)) == 0;
}

/* Read the level table's grades into the state's memory (once a snapshot). */
static void
resolve_load_grades(resolve_state *st)
{
	uint64		i;
	int			n = 0;

	resolve_run(resolve_grades_plan, NULL, NULL, 2);
	st->grades = MemoryContextAlloc(st->memo_cxt, sizeof(rx_resolve_grade) * Max(SPI_processed, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		bool		null_code,
					null_grade;
		Datum		code = resolve_col(i, 1, &null_code);
		Datum		grade = resolve_col(i, 2, &null_grade);

		if (null_code || null_grade)
			continue;
		st->grades[n].level = DatumGetInt32(code);
		st->grades[n].grade = DatumGetFloat8(grade);
		n++;
	}
	st->ngrades = n;
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

/* A copy of varlena datum d, detoasted, in the current memory context. */
static Datum
resolve_copy(Datum d)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(d);
	Size		n = VARSIZE_ANY(v);
	struct varlena *c = palloc(n);

	memcpy(c, v, n);
	return PointerGetDatum(c);
}

/*
 * Ask the database about normalized title norm (not empty): the names that
 * match it, at most pool of each kind by trigram distance, and the roles of
 * their families; copied into cxt as *f.
 */
static void
resolve_find(resolve_state *st, Oid fn_oid, text *norm, int32 pool, MemoryContext cxt, resolve_found *f)
{
	Datum		args[2];
	uint64		nnames,
				nroles = 0,
				i,
				j;
	SPITupleTable *name_rows;
	Datum	   *name_code;
	MemoryContext old;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "resolve_title could not connect to SPI");
	resolve_plans(fn_oid);
	if (st->grades == NULL)
		resolve_load_grades(st);

	/* the names */
	args[0] = PointerGetDatum(norm);
	args[1] = Int32GetDatum(pool);
	resolve_run(resolve_names_plan, args, NULL, 5);
	name_rows = SPI_tuptable;
	nnames = SPI_processed;
	old = MemoryContextSwitchTo(cxt);
	f->names = palloc0(sizeof(rx_resolve_name) * Max(nnames, 1));
	f->name_text = palloc(sizeof(Datum) * Max(nnames, 1));
	MemoryContextSwitchTo(old);
	name_code = palloc(sizeof(Datum) * Max(nnames, 1));
	for (i = 0; i < nnames; i++)
	{
		rx_resolve_name    *n = &f->names[i];
		bool		isnull;

		name_code[i] = resolve_col(i, 1, &isnull);
		old = MemoryContextSwitchTo(cxt);
		f->name_text[i] = resolve_copy(resolve_col(i, 2, &isnull));
		MemoryContextSwitchTo(old);
		n->trust = DatumGetFloat8(resolve_col(i, 3, &isnull));
		n->sim = DatumGetFloat8(resolve_col(i, 4, &isnull));
		n->exact = DatumGetBool(resolve_col(i, 5, &isnull));
		/* the name's claims, by the rule that reads the title's */
		title_claims((text *) DatumGetPointer(f->name_text[i]), false, &n->claims);
		n->role = -1;
	}

	/* the roles of their families */
	if (nnames > 0)
	{
		Oid			codetype = SPI_gettypeid(name_rows->tupdesc, 1);
		int16		typlen;
		bool		typbyval;
		char		typalign;
		Datum	   *distinct = palloc(sizeof(Datum) * nnames);
		int			ndistinct = 0;
		Datum	   *family_code;
		int32		nfamilies = 0;

		for (i = 0; i < nnames; i++)
		{
			for (j = 0; j < (uint64) ndistinct && !resolve_same_code(distinct[j], name_code[i]); j++)
				;
			if (j == (uint64) ndistinct)
				distinct[ndistinct++] = name_code[i];
		}
		get_typlenbyvalalign(codetype, &typlen, &typbyval, &typalign);
		args[0] = PointerGetDatum(construct_array(distinct, ndistinct, codetype,
												  typlen, typbyval, typalign));
		resolve_run(resolve_family_plan, args, NULL, 4);
		nroles = SPI_processed;
		family_code = palloc(sizeof(Datum) * Max(nroles, 1));
		old = MemoryContextSwitchTo(cxt);
		f->roles = palloc0(sizeof(rx_resolve_role) * Max(nroles, 1));
		f->role_code = palloc(sizeof(Datum) * Max(nroles, 1));
		f->role_title = palloc(sizeof(Datum) * Max(nroles, 1));
		MemoryContextSwitchTo(old);
		for (i = 0; i < nroles; i++)
		{
			bool		isnull;
			Datum		family = resolve_col(i, 2, &isnull);
			struct varlena *code;
			int32		fam;

			old = MemoryContextSwitchTo(cxt);
			f->role_code[i] = resolve_copy(resolve_col(i, 1, &isnull));
			f->role_title[i] = resolve_copy(resolve_col(i, 4, &isnull));
			MemoryContextSwitchTo(old);
			code = (struct varlena *) DatumGetPointer(f->role_code[i]);
			f->roles[i].code = VARDATA_ANY(code);
			f->roles[i].codelen = VARSIZE_ANY_EXHDR(code);
			f->roles[i].level = DatumGetInt32(resolve_col(i, 3, &isnull));
			for (fam = 0; fam < nfamilies && !resolve_same_code(family_code[fam], family); fam++)
				;
			if (fam == nfamilies)
				family_code[nfamilies++] = family;
			f->roles[i].family = fam;
		}
		for (i = 0; i < nnames; i++)
			for (j = 0; j < nroles; j++)
				if (resolve_same_code(name_code[i], f->role_code[j]))
				{
					f->names[i].role = (int32) j;
					break;
				}
	}
	f->nnames = (int) nnames;
	f->nroles = (int) nroles;
	SPI_finish();
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
		ncand = rx_resolve_rank(t, f->names, f->nnames, f->roles, f->nroles, st->grades, st->ngrades,
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
	resolve_state   *st;
	int32		k,
				pool;
	text	   *norm = NULL;
	rx_title_claims t;
	resolve_found   *f = NULL;
	resolve_found	fresh;
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

	memset(&t, 0, sizeof(t));
	if (!PG_ARGISNULL(0))
		norm = title_claims(PG_GETARG_TEXT_PP(0), true, &t);

	if (norm != NULL && VARSIZE_ANY_EXHDR(norm) > 0)
	{
		HTAB	   *table = resolve_found_table(st);
		Size		n = VARSIZE_ANY_EXHDR(norm);
		Size		keylen = sizeof(int32) + n;
		char	   *key = palloc(keylen);
		uint64		hash;
		bool		hit = false;

		memcpy(key, &pool, sizeof(int32));
		memcpy(key + sizeof(int32), VARDATA_ANY(norm), n);
		hash = hash_bytes_extended((const unsigned char *) key, (int) keylen, 0);
		if (table != NULL)
		{
			f = hash_search(table, &hash, HASH_ENTER, &hit);
			if (hit && (f->keylen != keylen || memcmp(f->key, key, keylen) != 0))
				hit = false;	/* another title with the same hash: replace it */
			if (!hit)
			{
				f->key = NULL;	/* matches nothing until complete */
				f->keylen = 0;
				f->nnames = f->nroles = 0;
				resolve_find(st, fcinfo->flinfo->fn_oid, norm, pool, st->memo_cxt, f);
				f->key = MemoryContextAlloc(st->memo_cxt, keylen);
				memcpy(f->key, key, keylen);
				f->keylen = keylen;
			}
		}
		else
		{
			memset(&fresh, 0, sizeof(fresh));
			resolve_find(st, fcinfo->flinfo->fn_oid, norm, pool, CurrentMemoryContext, &fresh);
			f = &fresh;
		}
	}

	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	store = tuplestore_begin_heap((rsinfo->allowedModes & SFRM_Materialize_Random) != 0,
								  false, work_mem);
	rsinfo->setDesc = CreateTupleDescCopy(st->tupdesc);	/* the executor frees it */
	MemoryContextSwitchTo(old);
	resolve_answer(st, &t, f, k, store);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = store;
	return (Datum) 0;
}
