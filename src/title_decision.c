/*
 * title_decision.c — the reviewed title decisions as resolve_title and
 * soc_autocode read them (title_decision_glue.h; the table and the
 * functions that write it are sql/72_title_decision.sql).
 *
 * A title is looked up by its title_normalize form and title_level through
 * decision_of_title(), a SQL function of the calling function's schema
 * whose body was bound at CREATE EXTENSION, with a plan kept for the
 * backend's life; no search_path can redirect it.  Most databases decide
 * few titles or none: while the table has no page at all, the lookup
 * costs a relation open and no query (a table that never held a row
 * has no page, and a row visible to any snapshot is on one).
 */
#include "roleext.h"

#include "access/table.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "storage/bufmgr.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

#include "title_decision_glue.h"

/* The plan and table of the schema they were made for, kept for the backend's life. */
static SPIPlanPtr title_decision_plan = NULL;
static Oid	title_decision_nsp = InvalidOid;
static Oid	title_decision_rel = InvalidOid;

/*
 * The title_decision table of the schema of fn_oid (InvalidOid when the
 * installed script has none), and the lookup's plan made once for it.
 */
static Oid
title_decision_table(Oid fn_oid)
{
	Oid			nsp = get_func_namespace(fn_oid);
	Oid			arg = TEXTOID;
	SPIPlanPtr	plan;

	if (nsp == title_decision_nsp && OidIsValid(title_decision_rel) &&
		get_rel_relkind(title_decision_rel) == RELKIND_RELATION)
		return title_decision_rel;
	if (title_decision_plan != NULL)
		SPI_freeplan(title_decision_plan);
	title_decision_plan = NULL;
	title_decision_nsp = InvalidOid;
	title_decision_rel = get_relname_relid("title_decision", nsp);
	if (!OidIsValid(title_decision_rel))
		return InvalidOid;
	plan = SPI_prepare(psprintf("SELECT role, role_title, code, code_title, decided FROM %s.decision_of_title($1)",
								quote_identifier(get_namespace_name(nsp))), 1, &arg);
	if (plan == NULL)
		elog(ERROR, "could not prepare the title decision lookup: %s", SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "could not keep the title decision lookup");
	title_decision_plan = plan;
	title_decision_nsp = nsp;
	return title_decision_rel;
}

/* Does relation relid have no page (so no row any snapshot could see)? */
static bool
title_decision_empty(Oid relid)
{
	Relation	rel = table_open(relid, AccessShareLock);
	bool		empty = RelationGetNumberOfBlocks(rel) == 0;

	table_close(rel, AccessShareLock);
	return empty;
}

/* A copy of column c (1-based) of the lookup's row in cxt; *isnull as it is. */
static Datum
title_decision_col(int c, MemoryContext cxt, bool *isnull)
{
	Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, c, isnull);
	Oid			type = SPI_gettypeid(SPI_tuptable->tupdesc, c);
	int16		typlen;
	bool		typbyval;
	MemoryContext old;

	if (*isnull)
		return (Datum) 0;
	get_typlenbyval(type, &typlen, &typbyval);
	old = MemoryContextSwitchTo(cxt);
	d = datumCopy(d, typbyval, typlen);
	MemoryContextSwitchTo(old);
	return d;
}

/* The decision of a raw title (see title_decision_glue.h). */
bool
title_decision_find(Oid fn_oid, text *title, title_decision *d)
{
	MemoryContext caller = CurrentMemoryContext;
	Datum		arg;
	bool		found,
				isnull;
	int			ret;

	memset(d, 0, sizeof(*d));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "the title decision lookup could not connect to SPI");
	if (!OidIsValid(title_decision_table(fn_oid)) || title_decision_empty(title_decision_rel))
	{
		SPI_finish();
		return false;
	}
	arg = PointerGetDatum(title);
	ret = SPI_execute_plan(title_decision_plan, &arg, NULL, true, 1);
	if (ret != SPI_OK_SELECT || SPI_tuptable == NULL || SPI_tuptable->tupdesc->natts != 5)
		elog(ERROR, "the title decision lookup failed: %s", SPI_result_code_string(ret));
	found = SPI_processed > 0;
	if (found)
	{
		d->role = title_decision_col(1, caller, &isnull);
		d->has_role = !isnull;
		d->role_title = title_decision_col(2, caller, &isnull);
		d->code = DatumGetInt32(title_decision_col(3, caller, &isnull));
		d->has_code = !isnull;
		d->code_title = title_decision_col(4, caller, &isnull);
		d->title = title_decision_col(5, caller, &isnull);
	}
	SPI_finish();
	return found;
}
