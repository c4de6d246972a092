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
 * citus_drop_guard, an event trigger, refuses a DROP ... CASCADE that would
 * drop roleext while a Citus table has a column of its types.
 *
 * The queries name Citus's functions and catalog in pg_catalog, so no
 * search_path can redirect them.
 */
#include "roleext.h"

#include "catalog/pg_type.h"
#include "commands/event_trigger.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "nodes/parsenodes.h"
#include "utils/array.h"
#include "utils/builtins.h"
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

/*
 * The Citus tables (distributed, reference or Citus local, not roleext's
 * own) with a column whose type is roleext's — a type of the extension, a
 * row type of one of its tables, or an array, domain or range over one —
 * when the statement's CASCADE reaches roleext: it names roleext or an
 * extension roleext requires ($1), or the schema of one of those ($2).
 * Every name is in pg_catalog and every operator named there, so no
 * search_path can redirect the query.
 */
static const char *const drop_guard_sql =
"WITH RECURSIVE ext AS ("
"  SELECT e.oid FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'roleext'"
"  UNION"
"  SELECT d.refobjid FROM pg_catalog.pg_depend d JOIN ext ON d.objid OPERATOR(pg_catalog.=) ext.oid"
"   WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass"
"     AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass),"
" reached AS ("
"  SELECT FROM pg_catalog.pg_extension e JOIN ext ON ext.oid OPERATOR(pg_catalog.=) e.oid"
"   WHERE e.extname OPERATOR(pg_catalog.=) ANY ($1)"
"      OR e.extnamespace OPERATOR(pg_catalog.=) ANY (SELECT n.oid FROM pg_catalog.pg_namespace n"
"                                                    WHERE n.nspname OPERATOR(pg_catalog.=) ANY ($2))),"
" member AS ("
"  SELECT d.classid, d.objid FROM pg_catalog.pg_depend d, pg_catalog.pg_extension e"
"   WHERE e.extname OPERATOR(pg_catalog.=) 'roleext'"
"     AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass"
"     AND d.refobjid OPERATOR(pg_catalog.=) e.oid AND d.deptype OPERATOR(pg_catalog.=) 'e'),"
" typ AS ("
"  SELECT m.objid AS t FROM member m"
"   WHERE m.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass"
"  UNION"
"  SELECT ty.oid FROM pg_catalog.pg_type ty JOIN member m ON m.objid OPERATOR(pg_catalog.=) ty.typrelid"
"   WHERE m.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass"
"  UNION"
"  SELECT d.objid FROM pg_catalog.pg_depend d JOIN typ ON d.refobjid OPERATOR(pg_catalog.=) typ.t"
"   WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass"
"     AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass)"
" SELECT p.logicalrelid::pg_catalog.regclass::pg_catalog.text, a.attname::pg_catalog.text,"
"        pg_catalog.format_type(a.atttypid, a.atttypmod),"
"        CASE WHEN p.partmethod OPERATOR(pg_catalog.<>) 'n' THEN 'distributed'"
"             WHEN p.repmodel OPERATOR(pg_catalog.=) 't' THEN 'reference' ELSE 'Citus local' END,"
"        p.partkey IS NOT NULL AND a.attname OPERATOR(pg_catalog.=)"
"          pg_catalog.column_to_column_name(p.logicalrelid, p.partkey)"
"   FROM pg_catalog.pg_dist_partition p"
"   JOIN pg_catalog.pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) p.logicalrelid"
"        AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped"
"  WHERE EXISTS (SELECT FROM reached)"
"    AND a.atttypid OPERATOR(pg_catalog.=) ANY (SELECT t FROM typ)"
"    AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d"
"                     WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass"
"                       AND d.objid OPERATOR(pg_catalog.=) p.logicalrelid"
"                       AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass"
"                       AND d.deptype OPERATOR(pg_catalog.=) 'e')"
"  ORDER BY 1, a.attnum";

/* The names a DROP statement lists (extensions or schemas), as a text[]. */
static Datum
drop_names(DropStmt *stmt, ObjectType type)
{
	ArrayBuildState *names = initArrayResult(TEXTOID, CurrentMemoryContext, false);
	ListCell   *lc;

	if (stmt->removeType == type)
		foreach(lc, stmt->objects)
			accumArrayResult(names, CStringGetTextDatum(strVal(lfirst(lc))), false,
							 TEXTOID, CurrentMemoryContext);
	return makeArrayResult(names, CurrentMemoryContext);
}

/*
 * Event trigger on ddl_command_start of DROP EXTENSION and DROP SCHEMA: on a
 * Citus node, refuse a CASCADE that would drop roleext while a Citus table
 * has a column of its types.  PostgreSQL would drop the columns, and a
 * dropped distribution column leaves Citus's metadata broken on every node.
 * Without Citus, or without CASCADE (PostgreSQL refuses that itself), it
 * does nothing.
 */
PG_FUNCTION_INFO_V1(citus_drop_guard);
Datum
citus_drop_guard(PG_FUNCTION_ARGS)
{
	EventTriggerData *trigdata;
	DropStmt   *stmt;
	Oid			argtypes[2] = {TEXTARRAYOID, TEXTARRAYOID};
	Datum		args[2];
	StringInfoData columns;
	StringInfoData tables;
	const char *first_table = NULL;
	const char *prev_table = NULL;
	uint64		i;

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		elog(ERROR, "citus_drop_guard was not called by an event trigger");
	trigdata = (EventTriggerData *) fcinfo->context;
	if (!OidIsValid(get_extension_oid("citus", true)) ||
		trigdata->parsetree == NULL || !IsA(trigdata->parsetree, DropStmt))
		PG_RETURN_VOID();
	stmt = (DropStmt *) trigdata->parsetree;
	if (stmt->behavior != DROP_CASCADE ||
		(stmt->removeType != OBJECT_EXTENSION && stmt->removeType != OBJECT_SCHEMA))
		PG_RETURN_VOID();

	args[0] = drop_names(stmt, OBJECT_EXTENSION);
	args[1] = drop_names(stmt, OBJECT_SCHEMA);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "citus_drop_guard could not connect to SPI");
	if (SPI_execute_with_args(drop_guard_sql, 2, argtypes, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "citus_drop_guard could not read Citus's tables");
	if (SPI_processed == 0)
	{
		SPI_finish();
		PG_RETURN_VOID();
	}
	initStringInfo(&columns);
	initStringInfo(&tables);
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	row = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *table = SPI_getvalue(row, desc, 1);
		bool		isnull;
		bool		partkey = DatumGetBool(SPI_getbinval(row, desc, 5, &isnull));

		if (i < 10)
			appendStringInfo(&columns, "%sColumn %s of %s table %s is of type %s%s.",
							 i > 0 ? " " : "", SPI_getvalue(row, desc, 2), SPI_getvalue(row, desc, 4),
							 table, SPI_getvalue(row, desc, 3),
							 (!isnull && partkey) ? ", its distribution column" : "");
		/* the rows come ordered by table: each table's call once */
		if (prev_table == NULL || strcmp(prev_table, table) != 0)
		{
			if (prev_table == NULL)
				first_table = table;
			else if (tables.len < 200)
				appendStringInfoString(&tables, ", ");
			if (tables.len < 200)
				appendStringInfo(&tables, "undistribute_table('%s')", table);
			prev_table = table;
		}
	}
	if (SPI_processed > 10)
		appendStringInfo(&columns, " And %llu more.", (unsigned long long) (SPI_processed - 10));
	ereport(ERROR,
			(errcode(ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST),
			 errmsg("cannot drop extension roleext because Citus table %s has a column of a roleext type",
					first_table),
			 errdetail("%s DROP ... CASCADE would drop these columns, and a Citus table whose distribution column is dropped is left with broken metadata on every node.",
					   columns.data),
			 errhint("Undistribute the tables first (SELECT %s) or change the columns' types (ALTER TABLE ... ALTER COLUMN ... TYPE text), then drop roleext.",
					 tables.data)));
	PG_RETURN_VOID();
}
