/*
 * citus.c — roleext on a Citus cluster (see citus_glue.h, doc/citus.md).
 *
 * CREATE EXTENSION roleext on the coordinator creates the extension on
 * every worker, each with its own tables.  Citus pushes a query over a
 * distributed table down to the workers, with the roleext functions in it;
 * a function that reads roleext's tables there reads the worker's copy.
 * That copy is the coordinator's only when the table is a Citus (reference)
 * table; otherwise it holds what CREATE EXTENSION put there, and the
 * function would answer differently than on the coordinator, silently.
 * citus_check_table turns that into an error.
 *
 * The queries name Citus's functions and catalog in pg_catalog, so no
 * search_path can redirect them.
 */
#include "roleext.h"

#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "utils/lsyscache.h"

#include "citus_glue.h"

/* See citus_glue.h. */
void
citus_check_table(const char *function, Oid relid, const char *hint)
{
	Oid			argtypes[1] = {OIDOID};
	Datum		args[1];
	bool		isnull;
	bool		here;

	if (!OidIsValid(get_extension_oid("citus", true)))
		return;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "%s could not connect to SPI", function);
	args[0] = ObjectIdGetDatum(relid);
	if (SPI_execute_with_args("SELECT pg_catalog.citus_is_coordinator() "
							  "OR EXISTS (SELECT FROM pg_catalog.pg_dist_partition p "
							  "WHERE p.logicalrelid OPERATOR(pg_catalog.=) $1::pg_catalog.regclass)",
							  1, argtypes, args, NULL, true, 1) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "%s could not ask Citus where it runs", function);
	here = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	SPI_finish();
	if (isnull || here)
		return;
	ereport(ERROR,
			(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			 errmsg("%s cannot run on a Citus worker node", function),
			 errdetail("Table %s.%s is not a Citus reference table, so this worker's copy of it is not the coordinator's.",
					   get_namespace_name(get_rel_namespace(relid)), get_rel_name(relid)),
			 errhint("%s", hint)));
}

/* See citus_glue.h. */
bool
citus_is_table(Oid relid)
{
	Oid			argtypes[1] = {OIDOID};
	Datum		args[1];
	bool		isnull;
	bool		found;

	if (!OidIsValid(get_extension_oid("citus", true)))
		return false;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "could not connect to SPI");
	args[0] = ObjectIdGetDatum(relid);
	if (SPI_execute_with_args("SELECT EXISTS (SELECT FROM pg_catalog.pg_dist_partition p "
							  "WHERE p.logicalrelid OPERATOR(pg_catalog.=) $1::pg_catalog.regclass)",
							  1, argtypes, args, NULL, true, 1) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "could not ask Citus about a table");
	found = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	SPI_finish();
	return !isnull && found;
}
