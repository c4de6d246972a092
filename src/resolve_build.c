/*
 * resolve_build.c — the taxonomy as a source of the title engine's index
 * (autocode_glue.h; doc/titles.md, "One engine for roles and occupations").
 *
 * resolve_title codes a title against an index the autocoder's engine
 * builds from the taxonomy, held and shared exactly as soc_autocode's is
 * (one image per taxonomy version, mapped by every backend;
 * autocode_cache.c, autocode_store.c), under the version in the one-row
 * table taxonomy_version, which the statement triggers of role,
 * role_alias, taxonomy and mapping move on.  Unlike the dictionary's, the
 * image of a new taxonomy version is built by its first reader, not by
 * the writer at commit: importing cards one transaction at a time must
 * not pay for an index build each.
 *
 * What the index holds: one engine "code" per role (its position in the
 * role table below, plus one); as its titles, the role's title (weight
 * 1) and its aliases, rejected ones aside (weight 0.5 + 0.5 x the alias's
 * confidence, so that a surer alias counts for more); as its groups, fine
 * to coarse, its taxonomy node (the family: the roles of one family pool
 * their evidence), the node's parent and grandparent.  Every role of a
 * family is in the index, whatever its level: the level a title claims
 * moves the match within the family afterwards (src/core/resolve.h).
 *
 * The glue's data of an image (its "extra" bytes) is the role table:
 * the roles sorted by family then code, with their family number, level,
 * SOC 2018 detailed occupation (its effective soc2018 mapping, inherited
 * or its own, as role_mappings_internal says: for the occupation evidence,
 * resolve.c)
 * and the offsets of their code (the rolecode's bytes) and title; the
 * first role of every family; and the characters.  It is read in place
 * (resolve_roles_view), checked whole when an image is opened.
 *
 * Whose view: as for the dictionary (autocode_build.c), the tables are
 * read as their owner, restricted, with search_path pinned, with the
 * active snapshot; every call checks the caller's SELECT privilege on
 * role.
 */
#include "roleext.h"

#include "commands/trigger.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "access/htup_details.h"
#include "utils/timestamp.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "core/autocode.h"
#include "core/soc.h"
#include "autocode_glue.h"
#include "resolve_glue.h"
#include "title_glue.h"

#define RB_MAGIC		0x52786f6cU	/* "Rxol": the role table's first word */
#define RB_FETCH		2048		/* names read per SPI fetch */

/* The head of the role table. */
typedef struct resolve_roles_head
{
	uint32		magic;
	uint32		nroles;
	uint32		nfamilies;
	uint32		nchars;
	uint32		ngrades;
	uint32		nsoc;
} resolve_roles_head;

/* The offsets of the parts of a role table, and its length. */
static size_t
resolve_roles_layout(const resolve_roles_head *h, size_t *recs, size_t *starts, size_t *grades, size_t *socs)
{
	*recs = sizeof(resolve_roles_head);
	*starts = *recs + sizeof(resolve_role_rec) * (size_t) h->nroles;
	*grades = MAXALIGN(*starts + sizeof(uint32) * ((size_t) h->nfamilies + 1));
	*socs = *grades + sizeof(rx_resolve_grade) * (size_t) h->ngrades;
	return MAXALIGN(*socs + sizeof(uint32) * (size_t) h->nsoc) + h->nchars;
}

/*
 * A view of role table buf[0..len) (no check: a private build's, or one
 * resolve_roles_unpack accepted).
 */
void
resolve_roles_view(const void *buf, size_t len, resolve_roles *out)
{
	resolve_roles_head h;
	size_t		recs,
				starts,
				grades,
				socs,
				total;

	memcpy(&h, buf, sizeof(h));
	total = resolve_roles_layout(&h, &recs, &starts, &grades, &socs);
	out->r = (const resolve_role_rec *) ((const char *) buf + recs);
	out->n = h.nroles;
	out->fstart = (const uint32 *) ((const char *) buf + starts);
	out->nf = h.nfamilies;
	out->grades = (const rx_resolve_grade *) ((const char *) buf + grades);
	out->ngrades = h.ngrades;
	out->by_soc = (const uint32 *) ((const char *) buf + socs);
	out->nsoc = h.nsoc;
	out->chars = (const char *) buf + (total - h.nchars);
	out->nchars = h.nchars;
}

/*
 * Is buf[0..len) a well-formed role table?  Sizes; families in order,
 * each starting where the last ended; every role's family right; every
 * code a whole varlena and every title NUL-terminated inside the
 * characters.
 */
static bool
resolve_roles_check(const void *buf, size_t len)
{
	resolve_roles_head h;
	resolve_roles v;
	size_t		recs,
				starts,
				grades,
				socs;
	uint32		f,
				i;

	if (buf == NULL || len < sizeof(h) || ((uintptr_t) buf & 7) != 0)
		return false;
	memcpy(&h, buf, sizeof(h));
	if (h.magic != RB_MAGIC || h.nroles > RX_AUTOCODE_ENTRIES_MAX || h.nfamilies > h.nroles ||
		h.ngrades > 100000 || h.nsoc > h.nroles ||
		resolve_roles_layout(&h, &recs, &starts, &grades, &socs) != len)
		return false;
	resolve_roles_view(buf, len, &v);
	if (v.fstart[0] != 0 || v.fstart[v.nf] != v.n)
		return false;
	for (i = 0; i < v.nsoc; i++)
		if (v.by_soc[i] >= v.n || v.r[v.by_soc[i]].soc == 0 ||
			(i > 0 && v.r[v.by_soc[i - 1]].soc > v.r[v.by_soc[i]].soc))
			return false;
	for (f = 0; f < v.nf; f++)
	{
		if (v.fstart[f] >= v.fstart[f + 1])
			return false;
		for (i = v.fstart[f]; i < v.fstart[f + 1]; i++)
			if (v.r[i].family != (int32) f)
				return false;
	}
	for (i = 0; i < v.n; i++)
	{
		const resolve_role_rec *r = &v.r[i];
		uint32		clen;

		if ((r->code_off & 3) != 0 || (uint64) r->code_off + VARHDRSZ > v.nchars)
			return false;
		clen = VARSIZE(v.chars + r->code_off);
		if (clen < VARHDRSZ || VARATT_IS_EXTENDED(v.chars + r->code_off) ||
			(uint64) r->code_off + clen > v.nchars)
			return false;
		if ((uint64) r->title_off + r->title_len >= v.nchars ||
			v.chars[r->title_off + r->title_len] != '\0')
			return false;
	}
	return true;
}

/* The glue data of a taxonomy slot: its role table as built. */
static char *
resolve_pack_slot(const autocode_slot *s, size_t *len)
{
	char	   *buf = palloc_extended(s->extra_len, MCXT_ALLOC_HUGE);

	memcpy(buf, s->extra, s->extra_len);
	*len = s->extra_len;
	return buf;
}

/* Take the role table of an image (checked whole). */
static bool
resolve_unpack_slot(const void *buf, size_t len, autocode_slot *out)
{
	if (!resolve_roles_check(buf, len))
		return false;
	out->extra = buf;
	out->extra_len = len;
	return true;
}

/* The roles being sorted by occupation (resolve_soc_cmp). */
static const resolve_role_rec *resolve_sort_recs;

/* Order role positions by their occupation, then position. */
static int
resolve_soc_cmp(const void *a, const void *b)
{
	uint32		x = *(const uint32 *) a;
	uint32		y = *(const uint32 *) b;
	int32		sx = resolve_sort_recs[x].soc;
	int32		sy = resolve_sort_recs[y].soc;

	if (sx != sy)
		return sx < sy ? -1 : 1;
	return (x > y) - (x < y);
}

/* Append n bytes to a StringInfo at an offset aligned to a; the offset. */
static uint32
resolve_append(StringInfo s, const void *p, size_t n, int a)
{
	uint32		off;

	while ((s->len % a) != 0)
		appendStringInfoChar(s, '\0');
	off = (uint32) s->len;
	appendBinaryStringInfo(s, p, (int) n);
	return off;
}

/*
 * Read the roles (sorted by family then code) into a role table in cxt,
 * and give each its groups in ix.  Inside the build's SPI connection.
 */
static void
resolve_build_roles(const char *nsp, MemoryContext cxt, rx_autocode_index *ix, autocode_slot *out)
{
	char	   *sql = psprintf("SELECT r.code, r.level, r.title, "
							   "(pg_catalog.dense_rank() OVER (ORDER BY r.node))::pg_catalog.int4, "
							   "CASE WHEN t1.parent IS NULL THEN 0 ELSE "
							   "(pg_catalog.dense_rank() OVER (ORDER BY t1.parent))::pg_catalog.int4 END, "
							   "CASE WHEN t2.parent IS NULL THEN 0 ELSE "
							   "(pg_catalog.dense_rank() OVER (ORDER BY t2.parent))::pg_catalog.int4 END, "
							   "s.soc "
							   "FROM %s.role r "
							   "LEFT JOIN %s.taxonomy t1 ON t1.code OPERATOR(%s.=) r.node "
							   "LEFT JOIN %s.taxonomy t2 ON t2.code OPERATOR(%s.=) t1.parent "
							   "LEFT JOIN (SELECT DISTINCT ON (m.role) m.role, m.soc FROM %s.role_mappings_internal m "
							   "            WHERE m.scheme OPERATOR(pg_catalog.=) 'soc2018' AND m.soc IS NOT NULL "
							   "            ORDER BY m.role, m.inherited_from IS NULL DESC, m.confidence DESC) s "
							   "  ON s.role OPERATOR(%s.=) r.code "
							   "ORDER BY r.node, r.code",
							   nsp, nsp, nsp, nsp, nsp, nsp, nsp);
	StringInfoData chars;
	resolve_role_rec *recs;
	uint32	   *starts;
	uint32		n,
				nf = 0,
				i;
	resolve_roles_head h;
	size_t		roff,
				soff,
				goff,
				ooff,
				total;
	uint32	   *by_soc;
	uint32		nsoc = 0;
	char	   *buf;
	TupleDesc	td;
	rx_resolve_grade *grades;
	uint32		ngrades = 0;

	if (SPI_execute(sql, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "resolve_title: could not read the roles");
	if (SPI_processed >= RX_AUTOCODE_ENTRIES_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the taxonomy has too many roles for resolve_title"),
				 errdetail("resolve_title's index holds at most %u roles.", RX_AUTOCODE_ENTRIES_MAX - 1)));
	n = (uint32) SPI_processed;
	td = SPI_tuptable->tupdesc;
	recs = palloc0(sizeof(resolve_role_rec) * (n + 1));
	starts = palloc0(sizeof(uint32) * (n + 1));
	initStringInfo(&chars);
	for (i = 0; i < n; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		bool		isnull;
		struct varlena *code = PG_DETOAST_DATUM_COPY(SPI_getbinval(tup, td, 1, &isnull));
		int32		level = DatumGetInt32(SPI_getbinval(tup, td, 2, &isnull));
		char	   *title = SPI_getvalue(tup, td, 3);
		int32		fam = DatumGetInt32(SPI_getbinval(tup, td, 4, &isnull));
		int32		up1 = DatumGetInt32(SPI_getbinval(tup, td, 5, &isnull));
		int32		up2 = DatumGetInt32(SPI_getbinval(tup, td, 6, &isnull));
		Datum		dsoc = SPI_getbinval(tup, td, 7, &isnull);
		int32		soc = isnull ? 0 : DatumGetInt32(dsoc);
		int32		det;
		int32		groups[RX_AUTOCODE_GROUP_LEVELS];
		rx_error	err;

		/* only a detailed occupation (or an O*NET one under it) is evidence: not a group */
		if (soc != 0 && rx_soc_level_of(soc) != RX_SOC_DETAILED)
			soc = rx_soc_ancestor(soc, RX_SOC_DETAILED, &det) ? det : 0;
		if (title == NULL)
			title = "";
		if (i == 0 || fam != (int32) (nf))
		{
			/* fam counts from 1 in order: a new family, with its groups */
			starts[nf] = i;
			nf++;
		}
		/* the groups: family, its parent, its grandparent (distinct ranges) */
		groups[0] = (int32) nf;
		groups[1] = up1 > 0 ? 1000000 + up1 : 0;
		groups[2] = up2 > 0 ? 2000000 + up2 : 0;
		groups[3] = 0;
		if (rx_autocode_set_groups(ix, (int32) i + 1, groups, &err) != RX_OK)
			rx_raise("could not build resolve_title's index", &err);
		recs[i].family = (int32) nf - 1;
		recs[i].level = level;
		recs[i].soc = soc;
		recs[i].code_off = resolve_append(&chars, code, VARSIZE(code), 4);
		recs[i].title_len = (uint32) strlen(title);
		recs[i].title_off = resolve_append(&chars, title, recs[i].title_len + 1, 1);
		pfree(code);
	}
	starts[nf] = n;
	SPI_freetuptable(SPI_tuptable);

	/* the level table's grades (the cross-track scale of level moves) */
	sql = psprintf("SELECT l.code, l.grade FROM %s.level l ORDER BY l.code", nsp);
	if (SPI_execute(sql, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "resolve_title: could not read the level table");
	grades = palloc0(sizeof(rx_resolve_grade) * (SPI_processed + 1));
	for (i = 0; i < SPI_processed && i < 100000; i++)
	{
		bool		n1,
					n2;
		Datum		code = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &n1);
		Datum		grade = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &n2);

		if (n1 || n2)
			continue;
		grades[ngrades].level = DatumGetInt32(code);
		grades[ngrades].grade = DatumGetFloat8(grade);
		ngrades++;
	}
	SPI_freetuptable(SPI_tuptable);

	/* the roles with an occupation, by occupation (then position) */
	by_soc = palloc(sizeof(uint32) * (n + 1));
	for (i = 0; i < n; i++)
		if (recs[i].soc != 0)
			by_soc[nsoc++] = i;
	resolve_sort_recs = recs;
	qsort(by_soc, nsoc, sizeof(uint32), resolve_soc_cmp);

	memset(&h, 0, sizeof(h));
	h.magic = RB_MAGIC;
	h.nsoc = nsoc;
	h.nroles = n;
	h.nfamilies = nf;
	h.nchars = (uint32) chars.len;
	h.ngrades = ngrades;
	total = resolve_roles_layout(&h, &roff, &soff, &goff, &ooff);
	buf = MemoryContextAllocHuge(cxt, total);
	memset(buf, 0, total);
	memcpy(buf, &h, sizeof(h));
	if (n > 0)
		memcpy(buf + roff, recs, sizeof(resolve_role_rec) * n);
	memcpy(buf + soff, starts, sizeof(uint32) * (nf + 1));
	if (ngrades > 0)
		memcpy(buf + goff, grades, sizeof(rx_resolve_grade) * ngrades);
	if (nsoc > 0)
		memcpy(buf + ooff, by_soc, sizeof(uint32) * nsoc);
	pfree(by_soc);
	memcpy(buf + (total - h.nchars), chars.data, h.nchars);
	pfree(grades);
	out->extra = buf;
	out->extra_len = total;
	pfree(recs);
	pfree(starts);
	pfree(chars.data);
}

/*
 * Add the names of the roles — titles and aliases, rejected ones aside,
 * each (role, name) once at its greatest weight — through the engine's
 * pipeline for raw titles.  Inside the build's SPI connection.
 */
static void
resolve_build_names(const char *nsp, rx_autocode_index *ix)
{
	char	   *sql = psprintf("SELECT x.i, n.name, pg_catalog.max(n.w) "
							   "FROM (SELECT r.code, r.title AS name, 1::pg_catalog.float8 AS w FROM %s.role r "
							   "      UNION ALL "
							   "      SELECT a.role, a.alias, 0.5::pg_catalog.float8 OPERATOR(pg_catalog.+) "
							   "             (0.5::pg_catalog.float8 OPERATOR(pg_catalog.*) a.confidence::pg_catalog.float8) "
							   "        FROM %s.role_alias a WHERE a.approved IS NOT FALSE) n "
							   "JOIN (SELECT r.code, (pg_catalog.row_number() OVER (ORDER BY r.node, r.code))::pg_catalog.int4 AS i "
							   "        FROM %s.role r) x ON x.code OPERATOR(%s.=) n.code "
							   "GROUP BY x.i, n.name",
							   nsp, nsp, nsp, nsp);
	autocode_work w = {NULL, 0, false};
	Portal		portal = SPI_cursor_open_with_args(NULL, sql, 0, NULL, NULL, NULL, true, 0);

	for (;;)
	{
		uint64		i;
		TupleDesc	td;

		SPI_cursor_fetch(portal, true, RB_FETCH);
		if (SPI_processed == 0)
			break;
		td = SPI_tuptable->tupdesc;
		for (i = 0; i < SPI_processed; i++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			bool		n1,
						n2,
						n3;
			int32		pos = DatumGetInt32(SPI_getbinval(tup, td, 1, &n1));
			Datum		dname = SPI_getbinval(tup, td, 2, &n2);
			double		weight = DatumGetFloat8(SPI_getbinval(tup, td, 3, &n3));
			text	   *name;
			const char *s;
			size_t		len,
						need;
			void	   *work;
			rx_autocode_entry_in in;
			rx_error	err;

			if (n1 || n2 || n3)
				continue;
			name = DatumGetTextPP(dname);
			len = VARSIZE_ANY_EXHDR(name);
			s = title_to_utf8(VARDATA_ANY(name), &len);
			title_check_length(s, len);
			in.kind = RX_AUTOCODE_TITLE;
			in.text = s;
			in.text_len = len;
			in.head_end = 0;
			in.weight = weight < 0.001 ? 0.001 : (weight > 100 ? 100 : weight);
			/* the evidence: the name as written */
			in.label = s;
			in.label_len = len;
			in.code = pos;
			work = autocode_work_for(&w, len, &need);
			if (rx_autocode_add_title(ix, &in, work, need, &err) != RX_OK)
				autocode_raise(s, len, &err);
			if (s != VARDATA_ANY(name))
				pfree((char *) s);
			if ((i & 255) == 0)
				CHECK_FOR_INTERRUPTS();
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	if (w.palloced)
		pfree(w.buf);
}

/*
 * Build the index of the taxonomy of schema nspid as the owner of role
 * sees it with the active snapshot, into slot out (allocated in cxt).
 */
static void
resolve_build_slot(Oid nspid, MemoryContext cxt, autocode_slot *out)
{
	char	   *nsp = get_namespace_name(nspid);
	Oid			relid = get_relname_relid("role", nspid);
	autocode_as_owner o;
	rx_autocode_allocator alloc = autocode_allocator(cxt);
	rx_autocode_index *ix;
	rx_autocode_params params;
	rx_error	err;
	char	   *qnsp;

	if (nsp == NULL || !OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table role does not exist"),
				 errdetail("resolve_title resolves titles against the table role of the roleext schema.")));
	qnsp = (char *) quote_identifier(nsp);
	/*
	 * No classifiers: training them is most of a build (24 s for 20,000
	 * roles against 0.4 s without, for 867 roles 1.3 s against 0.4 s), a
	 * taxonomy version's first reader pays for it after every edit, and
	 * they bought no accuracy on the taxonomy (make eval-resolve, tuning
	 * half: -0.5 to +0.9 points a slice, unflagged answers more often
	 * right).  The dictionary's index keeps them.
	 */
	params = rx_autocode_params_default();
	params.w_class = 0;
	params.w_class_major = 0;
	ix = rx_autocode_index_create(&alloc, &params);
	if (ix == NULL)
		elog(ERROR, "resolve_title: the scoring parameters were refused");

	/* as the owner; on a Citus worker the taxonomy's tables are reference tables (doc/citus.md) */
	autocode_as_owner_enter(relid, true, &o);
	resolve_build_roles(qnsp, cxt, ix, out);
	resolve_build_names(qnsp, ix);
	autocode_as_owner_leave(&o);

	if (rx_autocode_index_refresh(ix, &err) != RX_OK || rx_autocode_index_pack(ix, &err) != RX_OK)
		rx_raise("could not build resolve_title's index", &err);
	out->ix = ix;
}

/* The taxonomy as a source of an index (autocode_glue.h). */
const autocode_source_ops resolve_taxonomy_ops = {
	.fn = "resolve_title",
	.what = "taxonomy",
	.table = "role",
	.version_table = "taxonomy_version",
	.version_seq = "taxonomy_version_seq",
	.dir = "pg_roleext/resolve",
	.tag = {'t', 'a', 'x', 'o', 'n', 'o', 'm', 'y'},
	.publish_at_commit = false,
	.build = resolve_build_slot,
	.pack = resolve_pack_slot,
	.unpack = resolve_unpack_slot,
};

/*
 * Statement trigger (BEFORE) of the tables the taxonomy's index is built
 * from: move the taxonomy's version on (autocode_version_bump), so that
 * the writer's next statement and, once it commits, every session resolve
 * against the new content.
 */
PG_FUNCTION_INFO_V1(tg_taxonomy_changed);
Datum
tg_taxonomy_changed(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("tg_taxonomy_changed must be called as a trigger"),
				 errdetail("It is the statement trigger of the taxonomy's tables (role, role_alias, taxonomy, mapping, level).")));
	autocode_version_bump(AC_TAXONOMY, td->tg_relation);
	return PointerGetDatum(NULL);
}

#define RB_INDEX_COLS	11			/* columns of resolve_title_index() */

/*
 * resolve_title_index(): the taxonomy index this statement resolves
 * against (opened or built first): entries (role titles and aliases),
 * roles, families, bytes, build_ms, builds, version, shared, mapped_bytes,
 * private_bytes, built_at.
 */
PG_FUNCTION_INFO_V1(resolve_title_index);
Datum
resolve_title_index(PG_FUNCTION_ARGS)
{
	TupleDesc	desc;
	Datum		values[RB_INDEX_COLS];
	bool		nulls[RB_INDEX_COLS];
	autocode_slot *c;
	Oid			nspid = get_func_namespace(fcinfo->flinfo->fn_oid);
	Oid			relid = get_relname_relid("role", nspid);
	resolve_roles v;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE || desc->natts != RB_INDEX_COLS)
		elog(ERROR, "resolve_title_index must return a row of %d columns", RB_INDEX_COLS);
	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table %s.role does not exist", get_namespace_name(nspid)),
				 errdetail("resolve_title resolves titles against the table role of the roleext schema.")));
	desc = BlessTupleDesc(desc);
	c = autocode_cache_get_source(AC_TAXONOMY, nspid, relid);
	(void) autocode_slot_scratch(c);
	resolve_roles_view(c->extra, c->extra_len, &v);
	memset(nulls, 0, sizeof(nulls));
	values[0] = Int32GetDatum((int32) rx_autocode_index_size(c->ix));
	values[1] = Int32GetDatum((int32) v.n);
	values[2] = Int32GetDatum((int32) v.nf);
	values[3] = Int64GetDatum((int64) (rx_autocode_index_bytes(c->ix) + c->extra_len));
	values[4] = Float8GetDatum(c->build_ms);
	values[5] = Int64GetDatum(autocode_cache_builds());
	values[6] = Int64GetDatum(c->v.version);
	values[7] = BoolGetDatum(c->shared);
	values[8] = Int64GetDatum(c->shared ? (int64) c->maplen : 0);
	values[9] = Int64GetDatum((int64) autocode_cache_private_bytes());
	values[10] = TimestampTzGetDatum(c->built_at);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
