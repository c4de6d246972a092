/*
 * resolve_lookup.c — what resolve_title asks the database (see
 * resolve_glue.h): the names that match a title's job phrase (resolve_names
 * in sql/66_resolve.sql, through the indexes on the normalized aliases and
 * titles; only when it finds none, resolve_names_within: the names that are
 * a run of the phrase's words), the roles of their families
 * (resolve_family_roles) and the level table's grades.
 *
 * Over an HRIS table titles repeat far more once normalized than as
 * written ("Sr. Backend Eng (Remote)" and "SENIOR BACKEND ENGINEER -
 * Boston, MA" are both "backend engineer"), so what the database says
 * about a job phrase is kept for the rest of the query, keyed by it (and
 * the pool size, from k): the lookups run once per distinct phrase.  What
 * is kept is reused only under the snapshot it was read with (same xmin,
 * xmax and command id), so the function, STABLE, sees what a fresh lookup
 * would.  It lives in the function's per-query memory and is dropped as a
 * whole when it outgrows hash_mem (work_mem x hash_mem_multiplier), as a
 * Memoize node's cache would be.
 *
 * The SPI queries name their functions and table by the schema
 * resolve_title lives in and pass arguments by type OID, so no search_path
 * can redirect them; the SQL functions' bodies were bound at CREATE
 * EXTENSION.
 */
#include "roleext.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "nodes/makefuncs.h"
#include "parser/parse_func.h"

#include "resolve_glue.h"
#include "title_glue.h"

/* The SPI plans, kept for the backend's life, and the function they serve. */
static SPIPlanPtr resolve_names_plan = NULL;
static SPIPlanPtr resolve_family_plan = NULL;
static SPIPlanPtr resolve_grades_plan = NULL;
static SPIPlanPtr resolve_within_plan = NULL;	/* NULL: the script has no resolve_names_within */
static Oid	resolve_plans_fn = InvalidOid;
static bool resolve_plans_citus = false;

/*
 * The table of what was found, emptied first (with the grades) when the
 * snapshot has moved on or it has outgrown hash_mem; NULL when there is no
 * active snapshot to tie it to, and nothing is kept.
 */
static HTAB *
resolve_found_table(resolve_memo *st)
{
	Snapshot	snap;
	bool		same;

	if (!ActiveSnapshotSet())
		return NULL;
	snap = GetActiveSnapshot();
	same = st->have_snapshot && st->xmin == snap->xmin && st->xmax == snap->xmax &&
		st->curcid == snap->curcid;
	if (!same || (st->found != NULL &&
				  MemoryContextMemAllocated(st->cxt, true) > get_hash_memory_limit()))
	{
		MemoryContextReset(st->cxt);
		st->found = NULL;
		st->grades = NULL;
	}
	if (st->found == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(uint64);
		ctl.entrysize = sizeof(resolve_found);
		ctl.hcxt = st->cxt;
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

/*
 * Make the SPI plans for the resolve_title whose OID is fn_oid, once
 * (again when the taxonomy becomes a Citus table).  On one node the lookup
 * functions are read as FROM items, which the planner inlines, so that their
 * queries are planned once with these plans.  Citus cannot plan an inlined
 * SQL function over its tables: there they are called in the select list,
 * which is never inlined, and each call plans its query through Citus.
 */
static void
resolve_plans(Oid fn_oid, bool citus)
{
	Oid			nsp;
	const char *schema;
	Oid			codetype,
				arraytype;
	Oid			args[2];

	if (resolve_plans_fn == fn_oid && resolve_plans_citus == citus)
		return;
	if (resolve_names_plan != NULL)
		SPI_freeplan(resolve_names_plan);
	if (resolve_family_plan != NULL)
		SPI_freeplan(resolve_family_plan);
	if (resolve_grades_plan != NULL)
		SPI_freeplan(resolve_grades_plan);
	if (resolve_within_plan != NULL)
		SPI_freeplan(resolve_within_plan);
	resolve_names_plan = resolve_family_plan = resolve_grades_plan = resolve_within_plan = NULL;
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
	resolve_names_plan = resolve_prepare(citus ?
										 psprintf("SELECT (n).role, (n).name, (n).trust, (n).sim, (n).exact "
												  "FROM (SELECT %s.resolve_names($1, $2) AS n OFFSET 0) s", schema) :
										 psprintf("SELECT role, name, trust, sim, exact "
												  "FROM %s.resolve_names($1, $2)", schema),
										 2, args);
	args[0] = arraytype;
	resolve_family_plan = resolve_prepare(citus ?
										  psprintf("SELECT (f).role, (f).family, (f).level, (f).title "
												   "FROM (SELECT %s.resolve_family_roles($1) AS f OFFSET 0) s", schema) :
										  psprintf("SELECT role, family, level, title "
												   "FROM %s.resolve_family_roles($1)", schema),
										  1, args);
	resolve_grades_plan = resolve_prepare(psprintf("SELECT code, grade FROM %s.level", schema), 0, NULL);
	/* an extension script older than this library may not have it */
	args[0] = TEXTOID;
	if (OidIsValid(LookupFuncName(list_make2(makeString(get_namespace_name(nsp)),
											 makeString("resolve_names_within")), 1, args, true)))
		resolve_within_plan = resolve_prepare(citus ?
											  psprintf("SELECT (n).role, (n).name, (n).trust, (n).sim, (n).exact "
													   "FROM (SELECT %s.resolve_names_within($1) AS n OFFSET 0) s", schema) :
											  psprintf("SELECT role, name, trust, sim, exact "
													   "FROM %s.resolve_names_within($1)", schema),
											  1, args);
	resolve_plans_fn = fn_oid;
	resolve_plans_citus = citus;
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
resolve_load_grades(resolve_memo *st)
{
	uint64		i;
	int			n = 0;

	resolve_run(resolve_grades_plan, NULL, NULL, 2);
	st->grades = MemoryContextAlloc(st->cxt, sizeof(rx_resolve_grade) * Max(SPI_processed, 1));
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
 * The names that match job phrase `phrase`, at most pool of each kind by
 * trigram distance, into f (its arrays in cxt), each with its claims; the
 * code of the role each names into name_code (current memory).  Inside
 * an SPI connection.
 */
static void
resolve_find_names(text *phrase, int32 pool, MemoryContext cxt, resolve_found *f, Datum **name_code,
				   Oid *codetype)
{
	Datum		args[2];
	uint64		nnames,
				i;
	MemoryContext old;

	args[0] = PointerGetDatum(phrase);
	args[1] = Int32GetDatum(pool);
	resolve_run(resolve_names_plan, args, NULL, 5);
	/* no name near the phrase: the names it holds whole, if any */
	if (SPI_processed == 0 && resolve_within_plan != NULL)
		resolve_run(resolve_within_plan, args, NULL, 5);
	nnames = SPI_processed;
	*codetype = SPI_gettypeid(SPI_tuptable->tupdesc, 1);
	old = MemoryContextSwitchTo(cxt);
	f->names = palloc0(sizeof(rx_resolve_name) * Max(nnames, 1));
	f->name_text = palloc(sizeof(Datum) * Max(nnames, 1));
	MemoryContextSwitchTo(old);
	*name_code = palloc(sizeof(Datum) * Max(nnames, 1));
	for (i = 0; i < nnames; i++)
	{
		rx_resolve_name *n = &f->names[i];
		bool		isnull;

		(*name_code)[i] = resolve_col(i, 1, &isnull);
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
	f->nnames = (int) nnames;
}

/*
 * Every role of the families of the roles the names of f name (their
 * codes name_code[0..f->nnames), of type codetype), into f (its arrays in
 * cxt), and each name pointed to its role.  Inside an SPI connection.
 */
static void
resolve_find_roles(MemoryContext cxt, resolve_found *f, const Datum *name_code, Oid codetype)
{
	Datum		args[1];
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *distinct = palloc(sizeof(Datum) * Max(f->nnames, 1));
	Datum	   *family_code;
	int			ndistinct = 0,
				nfamilies = 0,
				fam;
	uint64		nroles,
				i,
				j;
	MemoryContext old;

	for (i = 0; i < (uint64) f->nnames; i++)
	{
		for (j = 0; j < (uint64) ndistinct && !resolve_same_code(distinct[j], name_code[i]); j++)
			;
		if (j == (uint64) ndistinct)
			distinct[ndistinct++] = name_code[i];
	}
	get_typlenbyvalalign(codetype, &typlen, &typbyval, &typalign);
	args[0] = PointerGetDatum(construct_array(distinct, ndistinct, codetype, typlen, typbyval, typalign));
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
	for (i = 0; i < (uint64) f->nnames; i++)
		for (j = 0; j < nroles; j++)
			if (resolve_same_code(name_code[i], f->role_code[j]))
			{
				f->names[i].role = (int32) j;
				break;
			}
	f->nroles = (int) nroles;
}

/*
 * Ask the database about job phrase `phrase` (not empty): the names that
 * match it and the roles of their families, copied into cxt as *f; the
 * grades too, the first time under this memo's snapshot.
 */
static void
resolve_find(resolve_memo *m, Oid fn_oid, text *phrase, int32 pool, MemoryContext cxt, resolve_found *f)
{
	Datum	   *name_code;
	Oid			codetype;

	int			guc_level = NewGUCNestLevel();

	/*
	 * On Citus, a query over a distributed table runs resolve_title inside
	 * its task on the shard's node, where Citus refuses another distributed
	 * query by default.  The lookups read reference tables only, which every
	 * node holds whole and reads locally, in this transaction: allowed for
	 * them, and only while they run.
	 */
	if (m->citus)
		(void) set_config_option("citus.allow_nested_distributed_execution", "on",
								 PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "resolve_title could not connect to SPI");
	resolve_plans(fn_oid, m->citus);
	if (m->grades == NULL)
		resolve_load_grades(m);
	resolve_find_names(phrase, pool, cxt, f, &name_code, &codetype);
	f->nroles = 0;
	if (f->nnames > 0)
		resolve_find_roles(cxt, f, name_code, codetype);
	SPI_finish();
	AtEOXact_GUC(true, guc_level);
}

/* An empty memo whose memory lives under parent. */
void
resolve_memo_init(resolve_memo *m, MemoryContext parent)
{
	memset(m, 0, sizeof(*m));
	m->cxt = AllocSetContextCreate(parent, "resolve_title lookups", ALLOCSET_DEFAULT_SIZES);
}

/* What the database says about a job phrase, from the memo or asked now (see resolve_glue.h). */
const resolve_found *
resolve_lookup(resolve_memo *m, Oid fn_oid, text *phrase, int32 pool, resolve_found *fresh)
{
	HTAB	   *table = resolve_found_table(m);
	Size		n = VARSIZE_ANY_EXHDR(phrase);
	Size		keylen = sizeof(int32) + n;
	char	   *key;
	uint64		hash;
	bool		hit = false;
	resolve_found *f;

	if (table == NULL)
	{
		memset(fresh, 0, sizeof(*fresh));
		resolve_find(m, fn_oid, phrase, pool, CurrentMemoryContext, fresh);
		return fresh;
	}
	key = palloc(keylen);
	memcpy(key, &pool, sizeof(int32));
	memcpy(key + sizeof(int32), VARDATA_ANY(phrase), n);
	hash = hash_bytes_extended((const unsigned char *) key, (int) keylen, 0);
	f = hash_search(table, &hash, HASH_ENTER, &hit);
	if (hit && (f->keylen != keylen || memcmp(f->key, key, keylen) != 0))
		hit = false;			/* another phrase with the same hash: replace it */
	if (!hit)
	{
		f->key = NULL;			/* matches nothing until complete */
		f->keylen = 0;
		f->nnames = f->nroles = 0;
		resolve_find(m, fn_oid, phrase, pool, m->cxt, f);
		f->key = MemoryContextAlloc(m->cxt, keylen);
		memcpy(f->key, key, keylen);
		f->keylen = keylen;
	}
	pfree(key);
	return f;
}
