/*
 * autocode_version.c — the version of the title dictionary (see
 * autocode_glue.h and doc/autocode.md, "One index for the whole cluster").
 *
 * The version is a one-row table, title_dictionary_version (instance,
 * version), next to the dictionary.  The statement trigger of
 * title_dictionary (INSERT, UPDATE, DELETE, TRUNCATE) sets version to the
 * next value of a sequence: a rolled-back version number is never used
 * again, so a version number names one content of the dictionary, and
 * only writes move it (VACUUM, ANALYZE, GRANT do not).  instance is chosen
 * at random by CREATE EXTENSION, so that the versions of a dropped and
 * re-created extension are never taken for each other.
 *
 * Reading.  A statement codes against the version its snapshot sees: the
 * row is read with the active snapshot, once per snapshot (remembered by
 * the snapshot's identity and reset when a subtransaction or transaction
 * ends).  The row says whether this transaction wrote it (own: its xmin is
 * one of this transaction's ids), in which case no image of it exists and
 * the caller builds a private index.
 *
 * Writing.  The trigger updates the row as the table's owner (so that an
 * editor needs no privilege on it); the row lock makes dictionary writers
 * wait for each other's commit, and a REPEATABLE READ or SERIALIZABLE
 * writer whose snapshot predates another writer's commit fails with a
 * serialization error, as for any concurrently updated row.
 *
 * Building at commit.  When a transaction that bumped the version is about
 * to commit (XACT_EVENT_PRE_COMMIT), this backend builds the image of its
 * final version from its own view of the dictionary (all of it: it holds
 * the version row, so no other change can commit in between) and
 * publishes it, before the commit makes the version visible.  So no other
 * session ever sees a version without its image; the writer pays for the
 * build, once per transaction.  The build runs in a subtransaction: a
 * failure (disk full, a cancel) is a WARNING, the commit goes on, and the
 * first reader of the version builds the image instead.  Not done for a
 * prepared transaction (PREPARE TRANSACTION), whose version readers build.
 */
#include "roleext.h"

#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/resowner.h"
#include "utils/snapmgr.h"

#include "autocode_glue.h"

/* The version last read, and the snapshot it was read with. */
typedef struct autocode_version_memo
{
	bool		valid;
	Oid			nspid;
	Snapshot	snap;
	TransactionId xmin;
	TransactionId xmax;
	CommandId	curcid;
	uint64		completions;
	uint64		epoch;
	autocode_version v;
} autocode_version_memo;

static autocode_version_memo memos[AC_SOURCES];
static uint64 autocode_epoch = 1;	/* moves when a (sub)transaction ends */
static bool autocode_callbacks = false;
static bool autocode_pending = false;	/* this transaction bumped the version */
static Oid	autocode_pending_nsp = InvalidOid;

static void autocode_xact_callback(XactEvent event, void *arg);

/* Transaction ends forget the remembered version. */
static void
autocode_subxact_callback(SubXactEvent event, SubTransactionId mySubid, SubTransactionId parentSubid,
						  void *arg)
{
	if (event == SUBXACT_EVENT_ABORT_SUB || event == SUBXACT_EVENT_COMMIT_SUB)
		autocode_epoch++;
}

/* Register the transaction callbacks once. */
static void
autocode_register_callbacks(void)
{
	if (autocode_callbacks)
		return;
	RegisterXactCallback(autocode_xact_callback, NULL);
	RegisterSubXactCallback(autocode_subxact_callback, NULL);
	autocode_callbacks = true;
}

/* The version table of a source in schema nspid; an error when it is missing. */
static Oid
autocode_version_relid(int source, Oid nspid)
{
	const autocode_source_ops *ops = autocode_ops(source);
	Oid			relid = get_relname_relid(ops->version_table, nspid);

	if (!OidIsValid(relid) || get_rel_relkind(relid) != RELKIND_RELATION)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table %s.%s does not exist", get_namespace_name(nspid), ops->version_table),
				 errdetail("%s needs the %s version table of roleext %s or later.", ops->fn, ops->what,
						   source == AC_DICTIONARY ? "1.1.0" : "1.6.0"),
				 errhint("Update the extension with ALTER EXTENSION roleext UPDATE.")));
	return relid;
}

/* Read the version row of a source's version table relid with snapshot snap. */
static void
autocode_version_read(int source, Oid relid, Snapshot snap, autocode_version *out)
{
	const autocode_source_ops *ops = autocode_ops(source);

	Relation	rel = table_open(relid, AccessShareLock);
	TableScanDesc scan = table_beginscan(rel, snap, 0, NULL);
	TupleDesc	desc = RelationGetDescr(rel);
	HeapTuple	tup;
	int			n = 0;

	while ((tup = heap_getnext(scan, ForwardScanDirection)) != NULL)
	{
		bool		n1,
					n2;
		Datum		inst = heap_getattr(tup, 2, desc, &n1);
		Datum		ver = heap_getattr(tup, 3, desc, &n2);

		if (n1 || n2 || desc->natts < 3 || TupleDescAttr(desc, 1)->atttypid != INT8OID ||
			TupleDescAttr(desc, 2)->atttypid != INT8OID)
			break;
		out->source = source;
		out->instance = DatumGetInt64(inst);
		out->version = DatumGetInt64(ver);
		out->own = TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetXmin(tup->t_data));
		n++;
	}
	table_endscan(scan);
	table_close(rel, AccessShareLock);
	if (n != 1 || tup != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("table %s must hold one row of two bigints", ops->version_table),
				 errdetail("It holds the version of the %s that %s reads.", ops->what, ops->fn),
				 errhint("Re-create the extension, or restore the row: (true, any bigint, any bigint).")));
}

/* The version of a source the active snapshot sees (remembered for the snapshot). */
void
autocode_version_get(int source, Oid nspid, autocode_version *out)
{
	Snapshot	snap = ActiveSnapshotSet() ? GetActiveSnapshot() : GetTransactionSnapshot();
	autocode_version_memo *m = &memos[source];

	autocode_register_callbacks();
	if (m->valid && m->nspid == nspid && m->snap == snap && m->xmin == snap->xmin &&
		m->xmax == snap->xmax && m->curcid == snap->curcid &&
		m->completions == snap->snapXactCompletionCount && m->epoch == autocode_epoch)
	{
		*out = m->v;
		return;
	}
	m->valid = false;
	autocode_version_read(source, autocode_version_relid(source, nspid), snap, out);
	m->nspid = nspid;
	m->snap = snap;
	m->xmin = snap->xmin;
	m->xmax = snap->xmax;
	m->curcid = snap->curcid;
	m->completions = snap->snapXactCompletionCount;
	m->epoch = autocode_epoch;
	m->v = *out;
	m->valid = true;
}

/*
 * Bump the version of a source whose table `rel` a statement writes (its
 * statement trigger): the row is updated by the owner of the version
 * table, with a safe search_path, to the next value of its sequence.
 */
void
autocode_version_bump(int source, Relation rel)
{
	const autocode_source_ops *ops = autocode_ops(source);
	Oid			nspid = RelationGetNamespace(rel);
	Oid			relid = get_relname_relid(ops->version_table, nspid);
	Oid			seqid = get_relname_relid(ops->version_seq, nspid);
	autocode_as_owner o;
	Oid			argtypes[1] = {REGCLASSOID};
	Datum		args[1];
	char	   *sql;

	if (!OidIsValid(relid) || !OidIsValid(seqid))
		return;					/* an older schema: nothing to bump */
	autocode_register_callbacks();
	sql = psprintf("UPDATE %s.%s SET version = pg_catalog.nextval($1)",
				   quote_identifier(get_namespace_name(nspid)), quote_identifier(ops->version_table));
	args[0] = ObjectIdGetDatum(seqid);
	autocode_as_owner_enter(relid, false, &o);
	if (SPI_execute_with_args(sql, 1, argtypes, args, NULL, false, 0) != SPI_OK_UPDATE || SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("table %s must hold one row", ops->version_table),
				 errdetail("The version of the %s could not be moved on.", ops->what)));
	autocode_as_owner_leave(&o);
	/* the taxonomy's image is built by its first reader (resolve_build.c) */
	if (ops->publish_at_commit)
	{
		autocode_pending = true;
		autocode_pending_nsp = nspid;
	}
}

/*
 * Build and publish the image of the version this committing transaction
 * wrote (see the top of this file), with a fresh snapshot that sees its
 * last statement.  Throws on failure; the caller runs it in a
 * subtransaction.
 */
static void
autocode_publish_own(Oid nspid)
{
	autocode_version v;
	autocode_slot slot;
	int			key = autocode_test_wait_key();

	CommandCounterIncrement();
	PushActiveSnapshot(GetLatestSnapshot());
	autocode_version_read(AC_DICTIONARY, autocode_version_relid(AC_DICTIONARY, nspid), GetActiveSnapshot(), &v);
	if (v.own)
	{
		autocode_slot *mine = autocode_cache_private_of(&v);

		/* the private index its own statements used is the one to write, if there is one */
		if (mine != NULL)
			(void) autocode_store_publish(mine);
		else
		{
			autocode_cache_build_slot(nspid, &v, CurrentMemoryContext, &slot);
			(void) autocode_store_publish(&slot);
			autocode_slot_free(&slot);
		}
		/* the tests hold the committing writer here, its image published, its commit not */
		if (key != 0)
		{
			(void) DirectFunctionCall1(pg_advisory_xact_lock_int8, Int64GetDatum(key));
		}
	}
	PopActiveSnapshot();
}

/*
 * Run autocode_publish_own in a subtransaction: any error becomes a
 * WARNING and the commit goes on (the image is an optimization; the write
 * must not be lost for it).
 */
static void
autocode_publish_at_commit(Oid nspid)
{
	MemoryContext oldcxt = CurrentMemoryContext;
	ResourceOwner oldowner = CurrentResourceOwner;

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(oldcxt);
	PG_TRY();
	{
		autocode_publish_own(nspid);
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(oldcxt);
		CurrentResourceOwner = oldowner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(oldcxt);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(oldcxt);
		CurrentResourceOwner = oldowner;
		ereport(WARNING,
				(errmsg("could not build the shared soc_autocode index of the new dictionary version: %s",
						edata->message),
				 errdetail("The change commits; the first call of soc_autocode that sees it builds the index.")));
		FreeErrorData(edata);
	}
	PG_END_TRY();
}

/* Transaction callback: build the image of a new version before commit; forget state at the end. */
static void
autocode_xact_callback(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_PRE_COMMIT:
			if (autocode_pending && autocode_shared_enabled())
			{
				autocode_pending = false;
				autocode_publish_at_commit(autocode_pending_nsp);
			}
			break;
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PREPARE:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_PARALLEL_ABORT:
			autocode_pending = false;
			autocode_epoch++;
			memos[AC_DICTIONARY].valid = false;
			memos[AC_TAXONOMY].valid = false;
			break;
		default:
			break;
	}
}
