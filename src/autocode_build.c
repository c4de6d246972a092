/*
 * autocode_build.c — building an autocoder index from the tables (see
 * autocode_glue.h and doc/autocode.md, "One index for the whole cluster").
 *
 * The rows of title_dictionary are read through SPI in batches of 2,048
 * and added through the engine's pipeline for raw titles
 * (rx_autocode_add_title: normalization, head window, entry); description
 * sources are added as weaker, vote-only entries; every O*NET-SOC
 * occupation gets its SOC detailed, broad, minor and major group and its
 * title (the `title` column of soc_autocode's result).  The build ends with
 * the statistics refresh, the classifiers' training and the packing of the
 * lists, so that the first query pays for none of them.
 *
 * Whose view.  An index is shared by every user of a backend and, as an
 * image, of the cluster, so its content must not depend on who built it:
 * the tables are read as their owner (the extension's owner), in a
 * security-restricted operation with search_path pinned, with the active
 * snapshot (the statement's, or the committing writer's).  Each caller's
 * own SELECT privilege is checked at every call (autocode_cache.c).
 */
#include "roleext.h"

#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"
#include "catalog/pg_class.h"

#include "core/autocode.h"
#include "core/soc.h"
#include "autocode_glue.h"
#include "title_glue.h"

#define AC_FETCH			2048	/* dictionary rows read per SPI fetch */

/* Engine allocation hook: memory of a context; throws when out of memory. */
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

/* Engine allocator over a memory context. */
rx_autocode_allocator
autocode_allocator(MemoryContext cxt)
{
	rx_autocode_allocator a;

	a.alloc = autocode_pg_alloc;
	a.realloc = autocode_pg_realloc;
	a.free = autocode_pg_free;
	a.ctx = cxt;
	return a;
}

/* Report a failure of the engine on a title; always throws. */
void
autocode_raise(const char *s, size_t len, const rx_error *err)
{
	if (err->status == RX_ENCODING || err->status == RX_LIMIT)
		title_raise(s, len, err);
	rx_raise("could not code the job title", err);
}

/* Room in w for the pipelines to read a raw title of len bytes. */
void *
autocode_work_for(autocode_work *w, size_t len, size_t *need)
{
	*need = rx_autocode_work_size(len);
	if (*need > w->cap)
	{
		char	   *nb = palloc(*need);

		if (w->palloced)
			pfree(w->buf);
		w->buf = nb;
		w->cap = *need;
		w->palloced = true;
	}
	return w->buf;
}

/* The owner of a relation (an error when it does not exist). */
Oid
autocode_rel_owner(Oid relid)
{
	HeapTuple	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	Oid			owner;

	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tup))->relowner;
	ReleaseSysCache(tup);
	return owner;
}

/* Enter the owner's view of the tables (autocode_glue.h). */
void
autocode_as_owner_enter(Oid relid, bool citus_nested, autocode_as_owner *o)
{
	GetUserIdAndSecContext(&o->save_user, &o->save_sec);
	SetUserIdAndSecContext(autocode_rel_owner(relid),
						   o->save_sec | SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION);
	o->save_nest = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	if (citus_nested && GetConfigOption("citus.allow_nested_distributed_execution", true, false) != NULL)
		(void) set_config_option("citus.allow_nested_distributed_execution", "on", PGC_USERSET,
								 PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "roleext: SPI_connect failed");
}

/* Leave it (autocode_glue.h). */
void
autocode_as_owner_leave(autocode_as_owner *o)
{
	SPI_finish();
	AtEOXact_GUC(false, o->save_nest);
	SetUserIdAndSecContext(o->save_user, o->save_sec);
}

/* Is a title_dictionary source a description (vote-only, weaker evidence)? */
static bool
autocode_source_is_description(const char *s)
{
	return strcmp(s, "onet_description") == 0 || strcmp(s, "soc_definition") == 0;
}

/*
 * Read the O*NET-SOC occupations (in code order) into *titles and give
 * every code its SOC groups.  Runs inside the build's SPI connection.
 */
static void
autocode_build_codes(const char *nsp, MemoryContext cxt, rx_autocode_index *ix, autocode_titles *titles)
{
	char	   *sql = psprintf("SELECT o.code, o.title FROM %s.onet2019_occupation o ORDER BY o.code",
							   quote_identifier(nsp));
	static const rx_soc_level levels[RX_AUTOCODE_GROUP_LEVELS] = {RX_SOC_DETAILED, RX_SOC_BROAD, RX_SOC_MINOR, RX_SOC_MAJOR};
	autocode_code_title *v;
	StringInfoData chars;
	uint64		i;
	uint32		n = 0;

	if (SPI_execute(sql, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "soc_autocode: could not read onet2019_occupation");
	v = MemoryContextAllocHuge(cxt, sizeof(autocode_code_title) * (SPI_processed + 1));
	initStringInfo(&chars);
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		bool		isnull;
		int32		code = DatumGetInt32(SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &isnull));
		char	   *title = SPI_getvalue(tup, SPI_tuptable->tupdesc, 2);
		int32		groups[RX_AUTOCODE_GROUP_LEVELS];
		int			l;
		rx_error	err;

		if (isnull || title == NULL || (n > 0 && code <= v[n - 1].code))
			continue;
		for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
			if (!rx_soc_ancestor(code, levels[l], &groups[l]))
				groups[l] = 0;
		if (rx_autocode_set_groups(ix, code, groups, &err) != RX_OK)
			rx_raise("could not code the job title", &err);
		v[n].code = code;
		v[n].off = (uint32) chars.len;
		v[n].len = (uint32) strlen(title);
		appendBinaryStringInfo(&chars, title, (int) v[n].len + 1);
		n++;
	}
	SPI_freetuptable(SPI_tuptable);
	titles->v = v;
	titles->n = n;
	titles->chars = MemoryContextAllocHuge(cxt, chars.len + 1);
	memcpy((char *) titles->chars, chars.data, chars.len + 1);
	titles->nchars = (uint32) chars.len;
	pfree(chars.data);
}

/*
 * Add the rows of one SPI fetch (title, code, source) to the index through
 * the engine's pipeline for raw titles; w is its work memory.
 */
static void
autocode_build_rows(rx_autocode_index *ix, autocode_work *w)
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
		const char *s;
		size_t		len,
					need;
		void	   *work;
		rx_autocode_entry_in in;
		rx_error	err;

		if (n1 || n2 || n3)
			continue;			/* the table's NOT NULLs make this unreachable */
		title = DatumGetTextPP(dtitle);
		len = VARSIZE_ANY_EXHDR(title);
		s = title_to_utf8(VARDATA_ANY(title), &len);
		title_check_length(s, len);
		src = TextDatumGetCString(dsource);
		in.kind = autocode_source_is_description(src) ? RX_AUTOCODE_DESCRIPTION : RX_AUTOCODE_TITLE;
		in.text = s;
		in.text_len = len;
		in.head_end = 0;
		in.code = DatumGetInt32(dcode);
		in.weight = rx_autocode_default_weight(in.kind);
		/* the label is the evidence shown for a title match; descriptions never are */
		in.label = in.kind == RX_AUTOCODE_TITLE ? s : "";
		in.label_len = in.kind == RX_AUTOCODE_TITLE ? len : 0;
		work = autocode_work_for(w, len, &need);
		if (rx_autocode_add_title(ix, &in, work, need, &err) != RX_OK)
			autocode_raise(s, len, &err);
		if (s != VARDATA_ANY(title))
			pfree((char *) s);
		pfree(src);
		if ((i & 255) == 0)
			CHECK_FOR_INTERRUPTS();
	}
}

/* Read the dictionary of schema nsp into ix, with the titles; inside an SPI connection. */
static void
autocode_build_read(const char *nsp, MemoryContext cxt, rx_autocode_index *ix, autocode_titles *titles)
{
	autocode_work w = {NULL, 0, false};
	char	   *sql;
	Portal		portal;

	autocode_build_codes(nsp, cxt, ix, titles);
	sql = psprintf("SELECT d.title, d.code, d.source FROM %s.title_dictionary d", quote_identifier(nsp));
	portal = SPI_cursor_open_with_args(NULL, sql, 0, NULL, NULL, NULL, true, 0);
	for (;;)
	{
		SPI_cursor_fetch(portal, true, AC_FETCH);
		if (SPI_processed == 0)
			break;
		autocode_build_rows(ix, &w);
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	if (w.palloced)
		pfree(w.buf);
}

/*
 * Build an index of the title_dictionary of schema nspid as its owner sees
 * it with the active snapshot.
 */
void
autocode_build_index(Oid nspid, MemoryContext cxt, rx_autocode_index **out, autocode_titles *titles)
{
	char	   *nsp = get_namespace_name(nspid);
	Oid			relid = get_relname_relid("title_dictionary", nspid);
	autocode_as_owner o;
	rx_autocode_allocator alloc = autocode_allocator(cxt);
	rx_autocode_index *ix;
	rx_error	err;

	if (nsp == NULL || !OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table title_dictionary does not exist"),
				 errdetail("soc_autocode codes titles against the table title_dictionary of the roleext schema.")));
	ix = rx_autocode_index_create(&alloc, NULL);
	if (ix == NULL)
		elog(ERROR, "soc_autocode: the default scoring parameters were refused");

	/*
	 * As the owner: the same index for every caller.  On a Citus worker,
	 * soc_autocode runs inside a query the coordinator pushed down, and the
	 * dictionary's tables are reference tables, read from this node's copy.
	 */
	autocode_as_owner_enter(relid, true, &o);
	autocode_build_read(nsp, cxt, ix, titles);
	autocode_as_owner_leave(&o);

	/* statistics, classifiers and tight lists now, so that no query pays for them */
	if (rx_autocode_index_refresh(ix, &err) != RX_OK || rx_autocode_index_pack(ix, &err) != RX_OK)
		rx_raise("could not code the job title", &err);
	*out = ix;
}

/* The dictionary's build for a slot: the index and the occupations' titles. */
static void
autocode_build_slot(Oid nspid, MemoryContext cxt, autocode_slot *out)
{
	autocode_build_index(nspid, cxt, &out->ix, &out->titles);
}

/* The dictionary's glue data of a slot: its titles. */
static char *
autocode_pack_slot(const autocode_slot *s, size_t *len)
{
	return autocode_titles_pack(&s->titles, len);
}

/* Read the titles of an image into a slot. */
static bool
autocode_unpack_slot(const void *buf, size_t len, autocode_slot *out)
{
	return autocode_titles_unpack(buf, len, &out->titles);
}

/* The title dictionary as a source of an index (autocode_glue.h). */
const autocode_source_ops autocode_dictionary_ops = {
	.fn = "soc_autocode",
	.what = "dictionary",
	.table = "title_dictionary",
	.version_table = "title_dictionary_version",
	.version_seq = "title_dictionary_version_seq",
	.dir = "pg_roleext/autocode",
	.tag = {'t', 'i', 't', 'l', 'e', 'd', 'i', 'c'},
	.publish_at_commit = true,
	.build = autocode_build_slot,
	.pack = autocode_pack_slot,
	.unpack = autocode_unpack_slot,
};

/* The titles as one block: n, nchars, the entries, the text. */
char *
autocode_titles_pack(const autocode_titles *t, size_t *len)
{
	size_t		head = 2 * sizeof(uint32),
				ents = sizeof(autocode_code_title) * (size_t) t->n;
	char	   *buf;

	*len = head + ents + t->nchars + 1;
	buf = palloc_extended(*len, MCXT_ALLOC_HUGE);
	memcpy(buf, &t->n, sizeof(uint32));
	memcpy(buf + sizeof(uint32), &t->nchars, sizeof(uint32));
	if (ents > 0)
		memcpy(buf + head, t->v, ents);
	memcpy(buf + head + ents, t->chars, t->nchars + 1);
	return buf;
}

/*
 * A view of a block made by autocode_titles_pack (in an image: aligned to
 * 8 bytes); false when it is malformed: sizes, codes in increasing order,
 * every title inside the text and NUL-terminated.
 */
bool
autocode_titles_unpack(const void *buf, size_t len, autocode_titles *out)
{
	const char *b = buf;
	uint32		n,
				nchars,
				i;
	size_t		head = 2 * sizeof(uint32);

	if (len < head)
		return false;
	memcpy(&n, b, sizeof(uint32));
	memcpy(&nchars, b + sizeof(uint32), sizeof(uint32));
	if ((uint64) n * sizeof(autocode_code_title) + head + nchars + 1 != len)
		return false;
	out->v = (const autocode_code_title *) (b + head);
	out->n = n;
	out->chars = b + head + (size_t) n * sizeof(autocode_code_title);
	out->nchars = nchars;
	if (out->chars[nchars] != '\0')
		return false;
	for (i = 0; i < n; i++)
		if ((i > 0 && out->v[i].code <= out->v[i - 1].code) ||
			(uint64) out->v[i].off + out->v[i].len >= (uint64) nchars + 1 ||
			out->chars[out->v[i].off + out->v[i].len] != '\0')
			return false;
	return true;
}
