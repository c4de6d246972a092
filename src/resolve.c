/*
 * resolve.c — resolve_title: from HRIS job titles to roles (doc/titles.md,
 * "Resolving titles to roles").
 *
 * resolve_title(title, k) codes the title with the title engine (the
 * autocoder's, core/autocode.h) against the taxonomy's index — every
 * role's title and aliases, one engine code per role, the roles of a
 * family pooling their evidence (resolve_build.c) — shared by every
 * backend as one image per taxonomy version (autocode_cache.c).  Where the
 * roles are mapped to SOC occupations, the same engine codes the title
 * against the title dictionary too (soc_autocode's index), and a role's
 * score is blended with its occupation's (rx_resolve_blend).  The hits
 * become names of their roles (rx_resolve_name_of_hit), and the core
 * ranks the roles with the level the title claims (rx_resolve_rank: level
 * moves within a family, the review rule).  A title a person decided
 * (title_decision, title_decision.c) is answered by the decision alone.
 * This file only converts and reports.
 */
#include "roleext.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "common/hashfn.h"
#include "utils/acl.h"
#include "utils/memutils.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/tuplestore.h"

#include "core/autocode.h"
#include "core/confidence.h"
#include "core/resolve.h"
#include "core/soc.h"
#include "autocode_glue.h"
#include "band_glue.h"
#include "citus_glue.h"
#include "resolve_glue.h"
#include "title_decision_glue.h"
#include "title_glue.h"

#define RT_K_MAX		20		/* most candidates resolve_title returns */
#define RT_NATTS		7		/* columns of its result */
#define RT_HITS			40		/* most engine hits read of each index */
#define RT_STACK_WORK	16384	/* engine work memory on the stack */

/* What resolve_title keeps in fn_extra for the rest of the query. */
typedef struct resolve_state
{
	TupleDesc	tupdesc;		/* the result row */
	Oid			band[BAND_LABELS];	/* confband labels low, medium, high */
	Oid			nspid;			/* the extension's schema */
	Oid			role_relid;		/* its role table */
	Oid			dict_relid;		/* its title_dictionary */
	MemoryContext memo_cxt;		/* what was found, by what the engine read (resolve_found) */
	HTAB	   *memo;
	autocode_version memo_v;	/* the taxonomy version it was found in */
} resolve_state;

/* The state kept in fn_extra, made on the first call of the query. */
static resolve_state *
resolve_state_get(FunctionCallInfo fcinfo)
{
	resolve_state *st = (resolve_state *) fcinfo->flinfo->fn_extra;
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
	st->nspid = get_func_namespace(fcinfo->flinfo->fn_oid);
	st->role_relid = get_relname_relid("role", st->nspid);
	st->dict_relid = get_relname_relid("title_dictionary", st->nspid);
	st->memo_cxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt, "resolve_title found", ALLOCSET_DEFAULT_SIZES);
	MemoryContextSwitchTo(old);
	if (!OidIsValid(st->role_relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table %s.role does not exist", get_namespace_name(st->nspid)),
				 errdetail("resolve_title resolves titles against the table role of the roleext schema.")));
	/*
	 * on Citus, the taxonomy is the coordinator's, or a reference table
	 * (doc/citus.md)
	 */
	citus_check_table("resolve_title", st->role_relid,
					  "Make the taxonomy's tables reference tables (scripts/citus_reference_tables.sql), or call resolve_title on the coordinator (doc/citus.md).");
	fcinfo->flinfo->fn_extra = st;
	return st;
}

/* A result row, formed in the current memory context. */
static HeapTuple
resolve_row(resolve_state *st, Datum role, Datum role_title, Datum alias, int16 conf, const char *method,
			bool needs_review, bool none, bool no_alias)
{
	Datum		values[RT_NATTS];
	bool		nulls[RT_NATTS];

	memset(nulls, none, sizeof(nulls));
	values[0] = role;
	values[1] = role_title;
	values[2] = alias;
	nulls[2] = none || no_alias;
	values[3] = Int16GetDatum(conf);
	values[4] = ObjectIdGetDatum(st->band[rx_confidence_band(conf)]);
	values[5] = CStringGetTextDatum(method);
	nulls[5] = false;
	values[6] = BoolGetDatum(needs_review);
	nulls[6] = false;
	return heap_form_tuple(st->tupdesc, values, nulls);
}

/* A family the title's hits point to: the evidence it gathered. */
typedef struct resolve_family
{
	int32		family;
	double		score;			/* the sum of its roles' confidences in the role index */
	double		occupation;		/* the sum of its occupations' confidences in the dictionary */
	int			occ_hit;		/* the last occupation hit (from 1) counted for it */
	double		blend;			/* the two blended, as if the family were mapped */
} resolve_family;

/* A name a hit gave: its role, the name, its family's evidence. */
typedef struct resolve_pick
{
	uint32		role;			/* position in the role table */
	int			fam;			/* index in the families */
	bool		exact;
	const char *label;			/* the deciding name (UTF-8), or NULL: the role's title stands in */
	size_t		label_len;
	double		weight;			/* its entry weight (RX_RESOLVE_ALIAS_WEIGHT) */
} resolve_pick;

/* The index of family f among fams[0..*nfams), added when new; -1 when there is no room. */
static int
resolve_family_of(resolve_family *fams, int *nfams, int room, int32 f)
{
	int			i;

	for (i = 0; i < *nfams; i++)
		if (fams[i].family == f)
			return i;
	if (*nfams >= room)
		return -1;
	memset(&fams[*nfams], 0, sizeof(resolve_family));
	fams[*nfams].family = f;
	return (*nfams)++;
}

/*
 * What the engine found for one reading of a title (its normalized text
 * and head window): the names of the best families, with their families'
 * scores and their claims, and the roles of those families.  It depends
 * on nothing else of the title (its claims are applied afterwards, by
 * rx_resolve_rank), so it is kept for the rest of the query by that
 * reading: over an HRIS table, titles that read the same cost a hash probe
 * and the ranking.  Labels are copied into the memo's memory.
 */
typedef struct resolve_found
{
	uint64		hash;			/* of key: the hash table's key */
	char	   *key;			/* nhits, head_end and the normalized text */
	size_t		keylen;
	int			npicks;
	resolve_pick *picks;
	rx_resolve_name *names;
	int			nroles;
	rx_resolve_role *roles;
	uint32	   *role_pos;		/* the role table position of each of roles[] */
} resolve_found;

/*
 * The occupation evidence: code the title (as the engine read it) against
 * the dictionary's index and add each occupation's confidence to the
 * families of the roles mapped to its SOC detailed occupation (once a
 * family), proposing a role of each such family the role index did not.
 */
static void
resolve_occupations(autocode_slot *d, const resolve_roles *v, const char *norm, size_t normlen,
					size_t head_end, resolve_family *fams, int *nfams, resolve_pick *picks, int *npicks,
					int room)
{
	rx_autocode_hit hits[RT_HITS];
	rx_error	err;
	int			i,
				n = 0,
				before_occ = *nfams;	/* the families the role index proposed */

	if (rx_autocode_query_head(d->ix, autocode_slot_scratch(d), norm, normlen, head_end, 10, hits, &n,
							   &err) != RX_OK)
		autocode_raise(norm, normlen, &err);
	for (i = 0; i < n; i++)
	{
		int32		det;
		uint32		lo = 0,
					hi = v->nsoc,
					q,
					nfam;
		double		rsum;

		if (!rx_soc_ancestor(hits[i].code, RX_SOC_DETAILED, &det))
			continue;
		/* the first role of that occupation */
		while (lo < hi)
		{
			uint32		mid = lo + (hi - lo) / 2;

			if (v->r[v->by_soc[mid]].soc < det)
				lo = mid + 1;
			else
				hi = mid;
		}

		/*
		 * The families mapped to it share its confidence by their own
		 * evidence in the role index (evenly when none has any): the
		 * occupation says which job, the role index which family.
		 */
		nfam = 0;
		rsum = 0;
		for (q = lo; q < v->nsoc && v->r[v->by_soc[q]].soc == det; q++)
			if (q == lo || v->r[v->by_soc[q]].family != v->r[v->by_soc[q - 1]].family)
			{
				int			j;

				nfam++;
				for (j = 0; j < before_occ; j++)
					if (fams[j].family == v->r[v->by_soc[q]].family)
						rsum += fams[j].score;
			}
		/* each family of the occupation's roles once: its pick, else a new one for the role */
		for (; lo < v->nsoc && v->r[v->by_soc[lo]].soc == det; lo++)
		{
			uint32		r = v->by_soc[lo];
			int			before = *nfams;
			int			at = resolve_family_of(fams, nfams, room, v->r[r].family);

			if (at < 0 || fams[at].occ_hit == i + 1)
				continue;		/* no room, or counted for this family already */
			fams[at].occupation += rsum > 0 ? hits[i].score * fams[at].score / rsum : hits[i].score / nfam;
			fams[at].occ_hit = i + 1;
			if (at == before && *npicks < room)
			{
				/* a family only the occupations propose: this role, by its title */
				memset(&picks[*npicks], 0, sizeof(resolve_pick));
				picks[*npicks].role = r;
				picks[*npicks].fam = at;
				(*npicks)++;
			}
		}
	}
}

/*
 * Find, in memory cxt, what the engine says about a title it read as
 * norm[0..normlen) with head window head_end: the steps of doc/titles.md,
 * "How a title is resolved", 3 to 5 but the ranking.
 */
static void
resolve_find(resolve_state *st, autocode_slot *slot, const resolve_roles *v, const char *norm, size_t normlen,
			 size_t head_end, int nhits, int k, MemoryContext cxt, resolve_found *f)
{
	rx_autocode_hit hits[RT_HITS];
	rx_error	err;
	resolve_family fams[2 * RT_HITS];
	resolve_pick picks[2 * RT_HITS];
	int			nfams = 0,
				npicks = 0,
				n = 0,
				i,
				maxroles = 0;
	double		cutoff;
	void	   *cw = NULL;		/* work memory for the names' claims */
	size_t		cwcap = 0;
	MemoryContext old;

	if (v->n > 0)
	{
		if (rx_autocode_query_head(slot->ix, autocode_slot_scratch(slot), norm, normlen, head_end, nhits, hits,
								   &n, &err) != RX_OK)
			autocode_raise(norm, normlen, &err);

		/*
		 * A family's score is the sum of its roles' confidences: the engine
		 * reads no level words, so it splits its confidence between the
		 * levels of one job; which level is meant is the title's claims'
		 * business (rx_resolve_rank).  Every hit is a name of its role.
		 */
		for (i = 0; i < n; i++)
		{
			uint32		role = (uint32) hits[i].code - 1;
			int			at;

			if (hits[i].code < 1 || role >= v->n)
				continue;
			at = resolve_family_of(fams, &nfams, lengthof(fams), v->r[role].family);
			if (at < 0)
				continue;
			fams[at].score += hits[i].score;
			memset(&picks[npicks], 0, sizeof(resolve_pick));
			picks[npicks].role = role;
			picks[npicks].fam = at;
			picks[npicks].exact = hits[i].exact;
			if (hits[i].titled)
			{
				picks[npicks].label = hits[i].evidence;
				picks[npicks].label_len = hits[i].evidence_len;
				picks[npicks].weight = hits[i].weight;
			}
			npicks++;
		}
		if (v->nsoc > 0 && OidIsValid(st->dict_relid) &&
			pg_class_aclcheck(st->dict_relid, GetUserId(), ACL_SELECT) == ACLCHECK_OK)
			resolve_occupations(autocode_cache_get(st->nspid, st->dict_relid), v, norm, normlen, head_end,
								fams, &nfams, picks, &npicks, lengthof(picks));
	}

	/*
	 * Only the names of families that can reach the first k + 2 places are
	 * read (claims cost a parse each): a family whose evidence is below
	 * half the (k + 2)th best family's cannot rank above it after level
	 * fit, which at most halves a score.
	 */
	{
		double		best[RT_K_MAX + 2];
		int			nb = 0,
					j;

		for (i = 0; i < nfams; i++)
		{
			double		sc = rx_resolve_blend(fams[i].score, true, fams[i].occupation);

			fams[i].blend = sc;
			for (j = nb; j > 0 && best[j - 1] < sc; j--)
				if (j < k + 2)
					best[j] = best[j - 1];
			if (j < k + 2)
			{
				best[j] = sc;
				if (nb < k + 2)
					nb++;
			}
		}
		cutoff = nb == k + 2 ? 0.5 * best[nb - 1] : 0.0;
	}

	old = MemoryContextSwitchTo(cxt);
	memset(f, 0, sizeof(*f));
	f->npicks = npicks;
	f->picks = palloc(sizeof(resolve_pick) * Max(npicks, 1));
	memcpy(f->picks, picks, sizeof(resolve_pick) * npicks);
	for (i = 0; i < npicks; i++)
		if (picks[i].label != NULL)
			f->picks[i].label = pnstrdup(picks[i].label, picks[i].label_len);
	for (i = 0; i < nfams; i++)
		if (fams[i].blend >= cutoff)
			maxroles += (int) (v->fstart[fams[i].family + 1] - v->fstart[fams[i].family]);
	f->roles = palloc(sizeof(rx_resolve_role) * Max(maxroles, 1));
	f->role_pos = palloc(sizeof(uint32) * Max(maxroles, 1));
	f->names = palloc(sizeof(rx_resolve_name) * Max(npicks, 1));
	MemoryContextSwitchTo(old);

	/* the roles of the families that count */
	for (i = 0; i < nfams; i++)
	{
		uint32		q;

		if (fams[i].blend < cutoff)
			continue;
		for (q = v->fstart[fams[i].family]; q < v->fstart[fams[i].family + 1]; q++)
		{
			f->roles[f->nroles].code = NULL;
			f->roles[f->nroles].codelen = 0;
			f->roles[f->nroles].family = fams[i].family;
			f->roles[f->nroles].level = v->r[q].level;
			f->role_pos[f->nroles] = q;
			f->nroles++;
		}
	}

	/* the names, with their claims */
	for (i = 0; i < npicks; i++)
	{
		const resolve_pick *p = &f->picks[i];
		const resolve_family *fa = &fams[p->fam];
		const resolve_role_rec *r = &v->r[p->role];
		size_t		wneed = rx_resolve_hit_work_size(Max(p->label_len, r->title_len));
		int			j;

		if (fa->blend < cutoff)
		{
			memset(&f->names[i], 0, sizeof(rx_resolve_name));
			f->names[i].role = -1;	/* skipped by the ranking */
			continue;
		}
		for (j = 0; j < f->nroles; j++)
			if (f->role_pos[j] == p->role)
				break;
		if (wneed > cwcap)
		{
			if (cw != NULL)
				pfree(cw);
			cwcap = Max(wneed, 16384);
			cw = palloc(cwcap);
		}
		if (rx_resolve_name_of_hit(rx_resolve_blend(fa->score, r->soc != 0, fa->occupation), p->exact,
								   j < f->nroles ? j : -1, p->label, p->label_len, v->chars + r->title_off,
								   r->title_len, cw, cwcap, &f->names[i], &err) != RX_OK)
			title_raise(p->label != NULL ? p->label : v->chars + r->title_off,
						p->label != NULL ? p->label_len : r->title_len, &err);
		/* a name the title is, word for word, is sure but for names shared across families */
		if (p->exact && p->label != NULL)
			rx_resolve_name_exact(&f->names[i], rx_resolve_trust_of_weight(p->weight));
	}
	if (cw != NULL)
		pfree(cw);
}

/*
 * What the engine says about the title read as norm/head_end: from the
 * memo when this query asked it before of the same index versions, else
 * found now and kept (the memo is emptied when it outgrows hash_mem, as a
 * Memoize node's cache would be).
 */
static const resolve_found *
resolve_lookup(resolve_state *st, autocode_slot *slot, const resolve_roles *v, const char *norm, size_t normlen,
			   size_t head_end, int nhits, int k)
{
	size_t		keylen = 2 * sizeof(int32) + sizeof(uint64) + normlen;
	char	   *key = palloc(keylen);
	int32		kk = k;
	uint64		he = head_end;
	uint64		hash;
	bool		found = false;
	resolve_found *f;

	if (st->memo == NULL || st->memo_v.instance != slot->v.instance || st->memo_v.version != slot->v.version ||
		st->memo_v.own != slot->v.own ||
		MemoryContextMemAllocated(st->memo_cxt, true) > get_hash_memory_limit())
	{
		HASHCTL		ctl;

		MemoryContextReset(st->memo_cxt);
		ctl.keysize = sizeof(uint64);
		ctl.entrysize = sizeof(resolve_found);
		ctl.hcxt = st->memo_cxt;
		st->memo = hash_create("resolve_title found", 256, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
		st->memo_v = slot->v;
	}
	memcpy(key, &nhits, sizeof(int32));
	memcpy(key + sizeof(int32), &kk, sizeof(int32));
	memcpy(key + 2 * sizeof(int32), &he, sizeof(uint64));
	memcpy(key + 2 * sizeof(int32) + sizeof(uint64), norm, normlen);
	hash = hash_bytes_extended((const unsigned char *) key, (int) keylen, 0);
	f = hash_search(st->memo, &hash, HASH_ENTER, &found);
	if (found && (f->keylen != keylen || memcmp(f->key, key, keylen) != 0))
		found = false;			/* another reading with the same hash: replace it */
	if (!found)
	{
		resolve_found built;

		f->key = NULL;			/* matches nothing until complete */
		f->keylen = 0;
		f->npicks = f->nroles = 0;
		resolve_find(st, slot, v, norm, normlen, head_end, nhits, k, st->memo_cxt, &built);
		built.hash = hash;
		built.key = MemoryContextAlloc(st->memo_cxt, keylen);
		memcpy(built.key, key, keylen);
		built.keylen = keylen;
		*f = built;
	}
	pfree(key);
	return f;
}

/*
 * The rows of resolve_title for title text s[0..len) (UTF-8) with claims
 * t, into store: the first k ranked roles, or the one 'none' row.
 */
static void
resolve_answer(resolve_state *st, const rx_title_claims *t, const char *s, size_t len, int32 k,
			   Tuplestorestate *store)
{
	autocode_slot *slot = autocode_cache_get_source(AC_TAXONOMY, st->nspid, st->role_relid);
	resolve_roles v;
	union
	{
		double		align;
		char		bytes[RT_STACK_WORK];
	}			stackwork;
	autocode_work w = {stackwork.bytes, sizeof(stackwork), false};
	void	   *work;
	size_t		need;
	rx_autocode_coding coding;
	rx_error	err;
	const resolve_found *f;
	rx_resolve_candidate *cand;
	size_t		ncand = 0;
	bool		review = true;
	int			i;

	resolve_roles_view(slot->extra, slot->extra_len, &v);
	work = autocode_work_for(&w, len, &need);
	/* read the title as the engine does (k = 0: no query) */
	if (rx_autocode_code_title(slot->ix, autocode_slot_scratch(slot), s, len, work, need, 0, NULL, &coding,
							   &err) != RX_OK)
		autocode_raise(s, len, &err);
	f = resolve_lookup(st, slot, &v, coding.norm, coding.normlen, coding.head_end, Min(RT_HITS, 2 * k + 10), k);
	if (f->npicks > 0)
	{
		cand = palloc(sizeof(rx_resolve_candidate) * Max(f->nroles, 1));
		ncand = rx_resolve_rank(t, f->names, f->npicks, f->roles, f->nroles, v.grades, v.ngrades, cand, &review);
	}
	if (ncand == 0)
		tuplestore_puttuple(store, resolve_row(st, (Datum) 0, (Datum) 0, (Datum) 0, 0, "none",
											   true, true, true));
	/* candidates whose confidence rounds to 0 are noise, not answers (the first stays) */
	while (ncand > 1 && cand[ncand - 1].confidence == 0)
		ncand--;
	for (i = 0; (size_t) i < ncand && i < k; i++)
	{
		const rx_resolve_candidate *c = &cand[i];
		const resolve_role_rec *r = &v.r[f->role_pos[c->role]];
		const resolve_pick *p = &f->picks[c->name];
		const char *method = c->exact ? (c->moved ? "exact+level" : "exact")
		: (c->moved ? "trigram+level" : "trigram");
		Datum		alias = (Datum) 0;

		if (p->label != NULL)
		{
			size_t		alen = p->label_len;
			const char *a = title_from_utf8(p->label, &alen);

			alias = PointerGetDatum(cstring_to_text_with_len(a, (int) alen));
		}
		tuplestore_puttuple(store, resolve_row(st, PointerGetDatum(v.chars + r->code_off),
											   PointerGetDatum(cstring_to_text_with_len(v.chars + r->title_off,
																						(int) r->title_len)),
											   alias, c->confidence, method, review, false, p->label == NULL));
	}
	if (w.palloced)
		pfree(w.buf);
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
	int32		k;
	text	   *phrase = NULL;
	rx_title_claims t;
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
	st = resolve_state_get(fcinfo);

	/* a title a person decided gets the decision, and nothing else */
	decided = !PG_ARGISNULL(0) &&
		title_decision_find(fcinfo->flinfo->fn_oid, PG_GETARG_TEXT_PP(0), &d) && d.has_role;
	memset(&t, 0, sizeof(t));
	if (!decided && !PG_ARGISNULL(0))
		phrase = title_claims(PG_GETARG_TEXT_PP(0), true, &t);

	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	store = tuplestore_begin_heap((rsinfo->allowedModes & SFRM_Materialize_Random) != 0,
								  false, work_mem);
	rsinfo->setDesc = CreateTupleDescCopy(st->tupdesc);	/* the executor frees it */
	MemoryContextSwitchTo(old);
	if (decided)
		tuplestore_puttuple(store, resolve_row(st, d.role, d.role_title, d.title, RX_CONFIDENCE_ONE,
											   "decided", false, false, false));
	else if (phrase != NULL && VARSIZE_ANY_EXHDR(phrase) > 0)
	{
		text	   *title = PG_GETARG_TEXT_PP(0);
		size_t		len = VARSIZE_ANY_EXHDR(title);
		const char *s = title_to_utf8(VARDATA_ANY(title), &len);

		title_check_length(s, len);
		resolve_answer(st, &t, s, len, k, store);
		if (s != VARDATA_ANY(title))
			pfree((char *) s);
	}
	else
		tuplestore_puttuple(store, resolve_row(st, (Datum) 0, (Datum) 0, (Datum) 0, 0, "none",
											   true, true, true));
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = store;
	return (Datum) 0;
}
