/*
 * autocode_cache.c — which index a call of soc_autocode codes against
 * (see autocode_glue.h and doc/autocode.md, "One index for the whole
 * cluster").
 *
 * The rule.  A statement codes against the dictionary version its snapshot
 * sees (autocode_version.c).  For a committed version that is the version's
 * image, a file every backend maps read-only (autocode_store.c): the
 * backend holds the mapping, the index's struct and its query scratch,
 * under a megabyte of its own memory.  The image of a version is built by
 * the transaction that wrote it, before it commits; when there is none
 * (that build failed, the image was removed, a hot standby, a database
 * copied from a template), the first backend that needs it builds and
 * publishes it under the database's build lock while the others wait for
 * it, and then everybody maps it.
 *
 * A private index, built here from the statement's snapshot and kept in
 * this backend, serves the rest:
 *   - the version a transaction wrote itself and has not committed (its
 *     own statements code against its own changes from the next statement
 *     on; the index is dropped when the transaction ends);
 *   - roleext.autocode_shared = off (the per-backend index of roleext
 *     1.0.0: for comparison and debugging);
 *   - a version whose image could not be written (disk full: a WARNING).
 *
 * Memory.  Everything lives under one context, "roleext autocode index"
 * (TopMemoryContext): one child per index held (an image's is a few
 * kilobytes plus the scratch, a private index's 20 to 30 MB).  At most two
 * images stay mapped (a cursor of an older snapshot may alternate with new
 * statements) and one private index.  A private index is built in a
 * context under the caller's and moved here only when complete, so an
 * error or a cancel during the build frees it with the failed query.
 *
 * Privileges.  Every call checks the caller's SELECT privilege on
 * title_dictionary: an index is shared by all users of a backend and, as
 * an image, of the cluster (it is built as the table's owner).
 */
#include "roleext.h"

#include <limits.h>
#include <sys/mman.h>

#include "access/parallel.h"
#include "access/xact.h"
#include "miscadmin.h"
#include "portability/instr_time.h"
#include "utils/acl.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "autocode_glue.h"

#define AC_IMAGES	2			/* images kept mapped */

static MemoryContext autocode_cxt = NULL;
static autocode_slot images[AC_SOURCES][AC_IMAGES];
static autocode_slot privs[AC_SOURCES];
static int64 autocode_builds = 0;
static uint64 autocode_calls = 0;
static bool autocode_callback = false;

/* Settings. */
static bool autocode_shared = true;
static int	autocode_fault = 0;
static int	autocode_wait = 0;

static const struct config_enum_entry autocode_fault_options[] = {
	{"none", 0, false},
	{"write", 1, false},
	{NULL, 0, false}
};

/* Define the settings (from _PG_init). */
void
autocode_init(void)
{
	DefineCustomBoolVariable("roleext.autocode_shared",
							 "soc_autocode uses the shared image of the dictionary's index.",
							 "Off: every backend builds and keeps its own index (roleext 1.0.0's behaviour), "
							 "for comparison and debugging.",
							 &autocode_shared, true, PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomEnumVariable("roleext.autocode_test_fault",
							 "Simulates a failure in writing soc_autocode images (tests only).",
							 "write: every image write fails as if the disk were full.",
							 &autocode_fault, 0, autocode_fault_options, PGC_SUSET,
							 GUC_NO_SHOW_ALL | GUC_NOT_IN_SAMPLE, NULL, NULL, NULL);
	DefineCustomIntVariable("roleext.autocode_test_wait",
							"An advisory lock a committing dictionary writer waits for after publishing its image (tests only).",
							NULL, &autocode_wait, 0, 0, INT_MAX, PGC_SUSET,
							GUC_NO_SHOW_ALL | GUC_NOT_IN_SAMPLE, NULL, NULL, NULL);
	MarkGUCPrefixReserved("roleext");
}

/* Is roleext.autocode_shared on? */
bool
autocode_shared_enabled(void)
{
	return autocode_shared;
}

/* Should image writes fail (roleext.autocode_test_fault = write)? */
bool
autocode_test_fault_write(void)
{
	return autocode_fault == 1;
}

/* The advisory lock a committing writer waits for (roleext.autocode_test_wait), 0 for none. */
int
autocode_test_wait_key(void)
{
	return autocode_wait;
}

/* The context of everything the autocoder keeps in this backend. */
static MemoryContext
autocode_context(void)
{
	if (autocode_cxt == NULL)
		autocode_cxt = AllocSetContextCreate(TopMemoryContext, "roleext autocode index",
											 ALLOCSET_SMALL_SIZES);
	return autocode_cxt;
}

/* Free a slot (unmapping an image) and empty it. */
void
autocode_slot_free(autocode_slot *s)
{
	if (s->cxt != NULL)
	{
		if (s->shared && s->map != NULL)
			munmap(s->map, s->maplen);
		MemoryContextDelete(s->cxt);
	}
	memset(s, 0, sizeof(*s));
}

/* Transaction callback: the private index of this transaction's own version goes at its end. */
static void
autocode_cache_xact_callback(XactEvent event, void *arg)
{
	int			i;

	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT || event == XACT_EVENT_PREPARE ||
		event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT)
		for (i = 0; i < AC_SOURCES; i++)
			if (privs[i].cxt != NULL && privs[i].v.own)
				autocode_slot_free(&privs[i]);
}

/* The operations of a source. */
const autocode_source_ops *
autocode_ops(int source)
{
	if (source == AC_TAXONOMY)
		return &resolve_taxonomy_ops;
	Assert(source == AC_DICTIONARY);
	return &autocode_dictionary_ops;
}

/* Does slot s hold version v? */
static bool
autocode_slot_is(const autocode_slot *s, const autocode_version *v)
{
	return s->cxt != NULL && s->v.source == v->source && s->v.instance == v->instance &&
		s->v.version == v->version && s->v.own == v->own;
}

/* Build a private index of version v into a new slot (in a context under parent when complete). */
void
autocode_cache_build_slot(Oid nspid, const autocode_version *v, MemoryContext parent, autocode_slot *out)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "roleext autocode private index",
											  ALLOCSET_DEFAULT_SIZES);
	instr_time	t0,
				t1;

	INSTR_TIME_SET_CURRENT(t0);
	memset(out, 0, sizeof(*out));
	autocode_ops(v->source)->build(nspid, cxt, out);
	INSTR_TIME_SET_CURRENT(t1);
	INSTR_TIME_SUBTRACT(t1, t0);
	MemoryContextSetParent(cxt, parent);
	out->cxt = cxt;
	out->v = *v;
	out->shared = false;
	out->build_ms = INSTR_TIME_GET_MILLISEC(t1);
	out->built_at = GetCurrentTimestamp();
	autocode_builds++;
	ereport(DEBUG1,
			(errmsg_internal("%s: built the index of %s version %lld in %.0f ms%s",
							 autocode_ops(v->source)->fn, autocode_ops(v->source)->what,
							 (long long) v->version, out->build_ms,
							 IsParallelWorker() ? " (parallel worker)" : "")));
}

/* The private index for version v, built first unless it is the one held. */
static autocode_slot *
autocode_cache_private(Oid nspid, const autocode_version *v)
{
	autocode_slot *priv = &privs[v->source];

	if (!autocode_slot_is(priv, v))
	{
		autocode_slot_free(priv);
		autocode_cache_build_slot(nspid, v, autocode_context(), priv);
	}
	return priv;
}

/*
 * No image of version v could be opened: build it under the database's
 * build lock (unless another backend published it while this one waited),
 * publish it and map it.  When it cannot be published, the private index
 * serves instead.  Returns the slot to use.
 */
static autocode_slot *
autocode_cache_publish(Oid nspid, const autocode_version *v, autocode_slot *into)
{
	autocode_slot *volatile use = into;
	autocode_slot *priv = &privs[v->source];

	autocode_store_lock(v->source);
	PG_TRY();
	{
		if (!autocode_store_open(v, autocode_context(), into))
		{
			autocode_slot built;

			autocode_cache_build_slot(nspid, v, autocode_context(), &built);
			if (autocode_store_publish(&built) && autocode_store_open(v, autocode_context(), into))
				autocode_slot_free(&built);
			else
			{
				/* keep the private index for this version */
				autocode_slot_free(priv);
				*priv = built;
				use = priv;
			}
		}
	}
	PG_FINALLY();
	{
		autocode_store_unlock();
	}
	PG_END_TRY();
	return use;
}

/* The image of committed version v: mapped already, opened, or built and published. */
static autocode_slot *
autocode_cache_shared(Oid nspid, const autocode_version *v)
{
	autocode_slot *mine = images[v->source];
	autocode_slot *priv = &privs[v->source];
	autocode_slot *victim = &mine[0];
	autocode_slot *use;
	int			i;

	for (i = 0; i < AC_IMAGES; i++)
	{
		if (autocode_slot_is(&mine[i], v))
			return &mine[i];
		if (mine[i].cxt == NULL || (victim->cxt != NULL && mine[i].used < victim->used))
			victim = &mine[i];
	}
	if (autocode_slot_is(priv, v))
		return priv;			/* its image could not be written */
	autocode_slot_free(victim);
	if (autocode_store_open(v, autocode_context(), victim))
		use = victim;
	else
		use = autocode_cache_publish(nspid, v, victim);
	if (use != priv && priv->cxt != NULL && !priv->v.own)
		autocode_slot_free(priv);	/* a private index of an older version */
	return use;
}

/*
 * The index a call codes against: the caller's SELECT privilege on the
 * dictionary (relid) checked, the version the statement sees, then its
 * image or a private index (see the top of this file).
 */
autocode_slot *
autocode_cache_get(Oid nspid, Oid relid)
{
	return autocode_cache_get_source(AC_DICTIONARY, nspid, relid);
}

/* The index of a source a call reads: see autocode_cache_get. */
autocode_slot *
autocode_cache_get_source(int source, Oid nspid, Oid relid)
{
	AclResult	r = pg_class_aclcheck(relid, GetUserId(), ACL_SELECT);
	autocode_version v;
	autocode_slot *s;

	if (r != ACLCHECK_OK)
		aclcheck_error(r, OBJECT_TABLE, get_rel_name(relid));
	if (!autocode_callback)
	{
		RegisterXactCallback(autocode_cache_xact_callback, NULL);
		autocode_callback = true;
	}
	autocode_version_get(source, nspid, &v);
	s = v.own || !autocode_shared ? autocode_cache_private(nspid, &v) : autocode_cache_shared(nspid, &v);
	s->used = ++autocode_calls;
	return s;
}

/* The private index of version v if this backend holds one (the committing writer's own). */
autocode_slot *
autocode_cache_private_of(const autocode_version *v)
{
	return autocode_slot_is(&privs[v->source], v) ? &privs[v->source] : NULL;
}

/* The scratch of a slot, made at its first use. */
rx_autocode_scratch *
autocode_slot_scratch(autocode_slot *s)
{
	if (s->sc == NULL)
	{
		s->sc = rx_autocode_scratch_create(s->ix);
		if (s->sc == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory"),
					 errdetail("The soc_autocode index could not allocate its query memory.")));
	}
	return s->sc;
}

/* Order code titles by code (bsearch). */
static int
autocode_code_title_cmp(const void *a, const void *b)
{
	int32		x = ((const autocode_code_title *) a)->code;
	int32		y = ((const autocode_code_title *) b)->code;

	return (x > y) - (x < y);
}

/* The O*NET title of a code in a slot's table, or NULL. */
const char *
autocode_code_title_of(const autocode_slot *s, int32 code)
{
	autocode_code_title key;
	const autocode_code_title *hit;

	key.code = code;
	hit = bsearch(&key, s->titles.v, s->titles.n, sizeof(autocode_code_title), autocode_code_title_cmp);
	return hit != NULL ? s->titles.chars + hit->off : NULL;
}

/* Builds done by this backend. */
int64
autocode_cache_builds(void)
{
	return autocode_builds;
}

/* The memory this backend's autocoder holds (every index, scratch and struct). */
Size
autocode_cache_private_bytes(void)
{
	return autocode_cxt != NULL ? MemoryContextMemAllocated(autocode_cxt, true) : 0;
}
