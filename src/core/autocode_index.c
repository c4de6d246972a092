/*
 * autocode_index.c — the autocoder index (see autocode_int.h): the
 * registry of its arrays; create, free, parameters and sizes; adding and
 * removing entries, which keeps every inverted list current; compaction of
 * dead entries and packing of the list pools.
 */
#include "autocode_int.h"

#include <stdlib.h>
#include <string.h>

/* libc allocation hooks. */
static void *
rx_autocode_libc_alloc(void *ctx, size_t size)
{
	(void) ctx;
	return malloc(size);
}

/* libc reallocation hook. */
static void *
rx_autocode_libc_realloc(void *ctx, void *ptr, size_t size)
{
	(void) ctx;
	return realloc(ptr, size);
}

/* libc free hook. */
static void
rx_autocode_libc_free(void *ctx, void *ptr)
{
	(void) ctx;
	free(ptr);
}

static const rx_autocode_allocator rx_autocode_libc = {rx_autocode_libc_alloc, rx_autocode_libc_realloc, rx_autocode_libc_free, NULL};

/* The registry of the index's arrays (autocode_int.h), in image order. */
const rx_autocode_blockdef rx_autocode_blocks[RX_AUTOCODE_NBLOCKS] = {
#define RX_AUTOCODE_X_ARRAY(name, type, count, cap) \
	{#name, offsetof(rx_autocode_index, name), sizeof(type), \
	 offsetof(rx_autocode_index, count), offsetof(rx_autocode_index, cap)},
#define RX_AUTOCODE_X_MAP(name, target) \
	{#name ".keys", offsetof(rx_autocode_index, name.keys), sizeof(uint64_t), \
	 offsetof(rx_autocode_index, name.cap), offsetof(rx_autocode_index, name.cap)}, \
	{#name ".vals", offsetof(rx_autocode_index, name.vals), sizeof(uint32_t), \
	 offsetof(rx_autocode_index, name.cap), offsetof(rx_autocode_index, name.cap)},
	RX_AUTOCODE_ARRAYS(RX_AUTOCODE_X_ARRAY)
	RX_AUTOCODE_MAPS(RX_AUTOCODE_X_MAP)
#undef RX_AUTOCODE_X_ARRAY
#undef RX_AUTOCODE_X_MAP
};

/* The default scoring parameters (chosen on the development split). */
rx_autocode_params
rx_autocode_params_default(void)
{
	rx_autocode_params	p;

	p.w_vote = 0.70;
	p.w_prior = 0.05;
	p.w_exact = 0.50;
	p.exact_typo = 0.5;
	p.head_weight = 0.7;
	p.head_miss = 0.85;
	p.head_first = 0.5;
	p.match_common = 2000;
	p.gram_weight = 0.3;
	p.gram_codes_max = 100;
	p.bm25_k1 = 1.0;
	p.bm25_b = 0.75;
	p.fuzzy_weight = 0.7;
	p.fuzzy_min = 0.4;
	p.split_weight = 1.0;
	p.edit_weight = 0.9;
	p.w_group[0] = 0.1;			/* the detailed SOC occupation */
	p.w_group[1] = 0;
	p.w_group[2] = 0;
	p.w_group[3] = 0.2;			/* the major group */
	p.w_headshare = 0.1;
	p.w_class = 0.3;
	p.w_class_major = 0.1;
	p.class_rate = 1.0;
	p.class_epochs = 6;
	p.temperature = 0.08;
	p.null_score = 0.50;
	p.calib_a = 0.8320;
	p.calib_b = -0.1861;
	p.calib_c = 0.3678;
	p.calib_typo = -0.0989;
	p.calib_split = 0.0313;
	p.stem_level = 2;
	p.head_window = true;
	return p;
}

/* The default weight of an entry of a kind. */
double
rx_autocode_default_weight(rx_autocode_kind kind)
{
	return kind == RX_AUTOCODE_DESCRIPTION ? 0.5 : 1.0;
}

/* Report running out of memory. */
rx_status
rx_autocode_oom(rx_error *err)
{
	return rx_fail(err, RX_RANGE,
				   "The autocoding index could not allocate the memory it needs.");
}

/* Refuse to change an index opened from an image. */
rx_status
rx_autocode_readonly(rx_error *err)
{
	return rx_fail(err, RX_ARGUMENT,
				   "An autocoding index opened from an image is read-only; build a new index to change it.");
}

/* Check a parameter set; RX_ARGUMENT with a sentence when one is out of range. */
rx_status
rx_autocode_params_check(const rx_autocode_params *p, rx_error *err)
{
	if (!(p->w_vote >= 0 && p->w_vote <= 1) || !(p->exact_typo >= 0 && p->exact_typo <= 1))
		return rx_fail(err, RX_ARGUMENT, "The vote share and the typo factor must lie between 0 and 1.");
	if (!(p->w_prior >= 0 && p->w_prior <= 10) || !(p->w_exact >= 0 && p->w_exact <= 10) ||
		!(p->head_weight >= 0 && p->head_weight <= 10) ||
		!(p->head_miss >= 0 && p->head_miss <= 1) ||
		!(p->head_first >= 0 && p->head_first <= 1) ||
		!(p->gram_weight >= 0 && p->gram_weight <= 10) ||
		!(p->fuzzy_weight >= 0 && p->fuzzy_weight <= 10) ||
		!(p->split_weight >= 0 && p->split_weight <= 10) ||
		!(p->edit_weight >= 0 && p->edit_weight <= 10) ||
		!(p->w_group[0] >= 0 && p->w_group[0] <= 10) ||
		!(p->w_group[1] >= 0 && p->w_group[1] <= 10) ||
		!(p->w_group[2] >= 0 && p->w_group[2] <= 10) ||
		!(p->w_group[3] >= 0 && p->w_group[3] <= 10) ||
		!(p->w_headshare >= 0 && p->w_headshare <= 10) ||
		!(p->w_class >= 0 && p->w_class <= 10) ||
		!(p->w_class_major >= 0 && p->w_class_major <= 10))
		return rx_fail(err, RX_ARGUMENT, "Scoring weights must lie between 0 and 10.");
	if (!(p->bm25_k1 > 0 && p->bm25_k1 <= 100) || !(p->bm25_b >= 0 && p->bm25_b <= 1))
		return rx_fail(err, RX_ARGUMENT, "BM25 needs k1 in (0, 100] and b in [0, 1].");
	if (!(p->fuzzy_min > 0 && p->fuzzy_min <= 1))
		return rx_fail(err, RX_ARGUMENT, "The fuzzy similarity threshold must lie in (0, 1].");
	if (!(p->temperature >= 0.001 && p->temperature <= 100) ||
		!(p->null_score >= -100 && p->null_score <= 100))
		return rx_fail(err, RX_ARGUMENT,
					   "The temperature must lie in [0.001, 100] and the null score in [-100, 100].");
	if (!(p->calib_a > 0 && p->calib_a <= 10) || !(p->calib_b >= -10 && p->calib_b <= 10) ||
		!(p->calib_c >= 0 && p->calib_c <= 10) || !(p->calib_typo >= -10 && p->calib_typo <= 10) ||
		!(p->calib_split >= -10 && p->calib_split <= 10))
		return rx_fail(err, RX_ARGUMENT,
					   "The calibration needs slopes a in (0, 10] and c in [0, 10] and the other terms in [-10, 10].");
	if (!(p->class_rate > 0 && p->class_rate <= 10) || p->class_epochs < 0 ||
		p->class_epochs > 100)
		return rx_fail(err, RX_ARGUMENT,
					   "The classifier needs a learning rate in (0, 10] and 0 to 100 epochs.");
	if (p->gram_codes_max < 0 || p->match_common < 0)
		return rx_fail(err, RX_ARGUMENT, "The most codes of a gram and titles of a feature must not be negative.");
	if (p->stem_level < 0 || p->stem_level > 2)
		return rx_fail(err, RX_ARGUMENT, "The stem level must be 0, 1 or 2.");
	return RX_OK;
}

/* A new empty index; NULL when out of memory or the parameters are bad. */
rx_autocode_index *
rx_autocode_index_create(const rx_autocode_allocator *alloc, const rx_autocode_params *params)
{
	rx_autocode_index   *ix;
	rx_autocode_params	p = params != NULL ? *params : rx_autocode_params_default();

	if (alloc == NULL)
		alloc = &rx_autocode_libc;
	if (rx_autocode_params_check(&p, NULL) != RX_OK)
		return NULL;
	ix = alloc->alloc(alloc->ctx, sizeof(rx_autocode_index));
	if (ix == NULL)
		return NULL;
	memset(ix, 0, sizeof(*ix));
	ix->alloc = *alloc;
	ix->params = p;
	ix->dirty = true;
	return ix;
}

/* Free an index and everything it owns (an opened image's arrays are not its own). */
void
rx_autocode_index_free(rx_autocode_index *ix)
{
	const rx_autocode_allocator *a;
	int			b;

	if (ix == NULL)
		return;
	a = &ix->alloc;
	if (!ix->readonly)
	{
		/* a map's two halves are one block each */
		for (b = 0; b < RX_AUTOCODE_NBLOCKS; b++)
			rx_autocode_mem_free(a, *rx_autocode_block_ptr(ix, b));
	}
	a->free(a->ctx, ix);
}

/* Replace the scoring parameters (stem_level only while the index is empty). */
rx_status
rx_autocode_index_set_params(rx_autocode_index *ix, const rx_autocode_params *params, rx_error *err)
{
	rx_status	st = rx_autocode_params_check(params, err);

	if (st != RX_OK)
		return st;
	if (ix->readonly)
		return rx_autocode_readonly(err);
	if (params->stem_level != ix->params.stem_level && ix->nentries > 0)
		return rx_fail(err, RX_ARGUMENT,
					   "The stem level of an index cannot change once it holds entries.");
	ix->params = *params;
	ix->dirty = true;
	return RX_OK;
}

/* The scoring parameters in use. */
rx_autocode_params
rx_autocode_index_params(const rx_autocode_index *ix)
{
	return ix->params;
}

/* Live entries. */
uint32_t
rx_autocode_index_size(const rx_autocode_index *ix)
{
	return ix->live[RX_AUTOCODE_TITLE] + ix->live[RX_AUTOCODE_DESCRIPTION];
}

/* Live entries of a kind. */
uint32_t
rx_autocode_index_count(const rx_autocode_index *ix, rx_autocode_kind kind)
{
	return (kind == RX_AUTOCODE_TITLE || kind == RX_AUTOCODE_DESCRIPTION) ? ix->live[kind] : 0;
}

/* Distinct codes with a live entry. */
uint32_t
rx_autocode_index_codes(const rx_autocode_index *ix)
{
	uint32_t	i,
				n = 0;

	for (i = 0; i < ix->ncodes; i++)
		if (ix->codes[i].entries > 0)
			n++;
	return n;
}

/* Bytes held by the index: its struct and the room of every registered array. */
size_t
rx_autocode_index_bytes(const rx_autocode_index *ix)
{
	size_t		n = sizeof(*ix);
	int			b;

	for (b = 0; b < RX_AUTOCODE_NBLOCKS; b++)
	{
		uint32_t	cap;

		memcpy(&cap, (const char *) ix + rx_autocode_blocks[b].cap, sizeof(cap));
		if (*rx_autocode_block_ptr(ix, b) != NULL)
			n += (size_t) cap * rx_autocode_blocks[b].elsize;
	}
	return n;
}

/* The pool of the entry lists (entries) or of the code lists of the features. */
static rx_autocode_pool
rx_autocode_feat_pool(rx_autocode_index *ix, bool entries)
{
	rx_autocode_pool p;

	if (entries)
	{
		p.arr = (void **) &ix->elpool;
		p.n = &ix->nelpool;
		p.cap = &ix->capelpool;
		p.junk = &ix->junkelpool;
		p.elsize = sizeof(uint32_t);
	}
	else
	{
		p.arr = (void **) &ix->clpool;
		p.n = &ix->nclpool;
		p.cap = &ix->capclpool;
		p.junk = &ix->junkclpool;
		p.elsize = sizeof(rx_autocode_vote);
	}
	return p;
}

/*
 * Make room for need elements in a list of feature f; when the pool's
 * junk outweighs its lists, pack it first (keeping every list's room, so
 * that room reserved before stays reserved).
 */
bool
rx_autocode_feat_reserve(rx_autocode_index *ix, uint32_t f, bool entries, uint32_t need)
{
	rx_autocode_pool p = rx_autocode_feat_pool(ix, entries);
	rx_autocode_span *s = entries ? &ix->feats[f].el : &ix->feats[f].cl;

	if (need <= s->cap)
		return true;
	if (*p.junk > 4096 && *p.junk > *p.n - *p.junk)
		(void) rx_autocode_pool_pack(&ix->alloc, &p, entries ? &ix->feats[0].el : &ix->feats[0].cl,
									 ix->nfeats, sizeof(rx_autocode_feat), false);
	return rx_autocode_span_reserve(&ix->alloc, &p, s, need);
}

/*
 * Pack the list pools: every list exactly as long as it is, no junk (what
 * an image holds; an index that grows again moves lists as it needs).
 */
rx_status
rx_autocode_index_pack(rx_autocode_index *ix, rx_error *err)
{
	rx_autocode_pool el = rx_autocode_feat_pool(ix, true),
				cl = rx_autocode_feat_pool(ix, false),
				tri = {(void **) &ix->tripool, &ix->ntripool, &ix->captripool, &ix->junktripool,
	sizeof(uint32_t)};

	if (ix->readonly)
		return RX_OK;
	if (ix->nfeats > 0 &&
		(!rx_autocode_pool_pack(&ix->alloc, &el, &ix->feats[0].el, ix->nfeats, sizeof(rx_autocode_feat), true) ||
		 !rx_autocode_pool_pack(&ix->alloc, &cl, &ix->feats[0].cl, ix->nfeats, sizeof(rx_autocode_feat), true)))
		return rx_autocode_oom(err);
	if (ix->ntri > 0 &&
		!rx_autocode_pool_pack(&ix->alloc, &tri, &ix->trilists[0], ix->ntri, sizeof(rx_autocode_span), true))
		return rx_autocode_oom(err);
	return RX_OK;
}

/* Set the groups of a code (0: none at that level). */
rx_status
rx_autocode_set_groups(rx_autocode_index *ix, int32_t code, const int32_t groups[RX_AUTOCODE_GROUP_LEVELS], rx_error *err)
{
	uint32_t	c,
				g[RX_AUTOCODE_GROUP_LEVELS];
	int			l;

	if (ix->readonly)
		return rx_autocode_readonly(err);
	for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
	{
		g[l] = UINT32_MAX;
		if (groups[l] != 0 && !rx_autocode_group_intern(ix, l, groups[l], &g[l]))
			return rx_autocode_oom(err);
	}
	if (!rx_autocode_code_intern(ix, code, &c))
		return rx_autocode_oom(err);
	for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
		ix->codes[c].grp[l] = g[l];
	ix->dirty = true;
	return RX_OK;
}

/* The identity hash of an entry: its label, code and kind. */
static uint64_t
rx_autocode_ident(const char *label, size_t len, int32_t code, rx_autocode_kind kind)
{
	uint64_t	h = rx_autocode_hash(RX_AUTOCODE_HASH_INIT, label, len);
	uint32_t	ck[2];

	ck[0] = (uint32_t) code;
	ck[1] = (uint32_t) kind;
	return rx_autocode_hash(h, ck, sizeof(ck));
}

/* Add the pair (id, weight) to code list f, merging with the code's pair. */
static bool
rx_autocode_vote_add(rx_autocode_index *ix, uint32_t f, uint32_t code, float tf)
{
	rx_autocode_votes l = rx_autocode_feat_codes(ix, f);
	uint32_t	i;

	for (i = 0; i < l.n; i++)
		if (l.v[i].code == code)
		{
			l.v[i].tf += tf;
			return true;
		}
	if (!rx_autocode_feat_reserve(ix, f, false, l.n + 1))
		return false;
	l = rx_autocode_feat_codes(ix, f);
	l.v[l.n].code = code;
	l.v[l.n].tf = tf;
	l.v[l.n].lw = 0;
	ix->feats[f].cl.n++;
	return true;
}

/* Take tf off a code's pair in code list f, dropping the pair at zero. */
static void
rx_autocode_vote_sub(rx_autocode_index *ix, uint32_t f, uint32_t code, float tf)
{
	rx_autocode_votes l = rx_autocode_feat_codes(ix, f);
	uint32_t	i;

	for (i = 0; i < l.n; i++)
		if (l.v[i].code == code)
		{
			l.v[i].tf -= tf;
			if (l.v[i].tf <= 1e-4f)
				l.v[i] = l.v[--ix->feats[f].cl.n];
			return;
		}
}

/* Drop entry e from entry list f (order is not kept). */
static void
rx_autocode_elist_del(rx_autocode_index *ix, uint32_t f, uint32_t e)
{
	rx_autocode_ids l = rx_autocode_feat_entries(ix, f);
	uint32_t	i;

	for (i = l.n; i-- > 0;)
		if (l.v[i] == e)
		{
			l.v[i] = l.v[--ix->feats[f].el.n];
			return;
		}
}

/* Add feature f to the list feats[0..*n) unless it is there or the list is full. */
static void
rx_autocode_feat_push(uint32_t *feats, int *n, uint32_t f)
{
	int			j;

	for (j = 0; j < *n; j++)
		if (feats[j] == f)
			return;
	if (*n < RX_AUTOCODE_FEAT_MAX)
		feats[(*n)++] = f;
}

/*
 * The features of an entry's split words, interned: every non-stop word,
 * and for titles the head noun.  False when out of memory.
 */
static bool
rx_autocode_entry_features(rx_autocode_index *ix, const rx_autocode_words *w, rx_autocode_kind kind, uint32_t *feats,
				  int *nfeat)
{
	int			i,
				n = 0;
	uint32_t	f;

	for (i = 0; i < w->n; i++)
	{
		uint32_t	t;

		if (w->w[i].stop)
			continue;
		if (!rx_autocode_token_intern(ix, w->w[i].s, w->w[i].len, &t) ||
			!rx_autocode_feature_intern(ix, rx_autocode_feature_key(RX_AUTOCODE_F_WORD, t), RX_AUTOCODE_F_WORD, t, &f))
			return false;
		rx_autocode_feat_push(feats, &n, f);
		if (kind == RX_AUTOCODE_TITLE && w->w[i].head)
		{
			if (!rx_autocode_feature_intern(ix, rx_autocode_feature_key(RX_AUTOCODE_F_HEAD, t), RX_AUTOCODE_F_HEAD, t, &f))
				return false;
			rx_autocode_feat_push(feats, &n, f);
		}
	}
	*nfeat = n;
	return true;
}

/*
 * Append to feats[0..*n) the 4-gram features of the WORD features among
 * them: interned when intern (false when out of memory), else looked up
 * (grams that are missing are skipped).  Grams are not kept with an entry:
 * they follow from its words, so removal derives the same set again.
 */
static bool
rx_autocode_gram_features(rx_autocode_index *ix, uint32_t *feats, int *n, bool intern)
{
	int			nbase = *n,
				i,
				j;

	for (i = 0; i < nbase; i++)
	{
		const rx_autocode_feat *ft = &ix->feats[feats[i]];
		const rx_autocode_token *t;
		uint32_t	g[RX_AUTOCODE_TOKEN_LEN_MAX + 1],
					f;
		int			ng;

		if (ft->kind != RX_AUTOCODE_F_WORD)
			continue;
		t = &ix->tokens[ft->token];
		ng = rx_autocode_grams(ix->tokchars + t->off, t->len, g);
		for (j = 0; j < ng; j++)
		{
			uint64_t	key = rx_autocode_feature_key(RX_AUTOCODE_F_GRAM, g[j]);

			if (intern)
			{
				if (!rx_autocode_feature_intern(ix, key, RX_AUTOCODE_F_GRAM, UINT32_MAX, &f))
					return false;
			}
			else if ((f = rx_autocode_feature_find(ix, key)) == UINT32_MAX)
				continue;
			rx_autocode_feat_push(feats, n, f);
		}
	}
	return true;
}

/* Does a feature of this kind go into the entry lists (title matching)? */
static bool
rx_autocode_matches(const rx_autocode_index *ix, uint32_t f)
{
	return ix->feats[f].kind != RX_AUTOCODE_F_GRAM;
}

/* Check an entry to add; RX_ARGUMENT (RX_RANGE when the index is full) with a sentence. */
static rx_status
rx_autocode_check_entry(const rx_autocode_index *ix, const rx_autocode_entry_in *in, rx_error *err)
{
	if (in->kind != RX_AUTOCODE_TITLE && in->kind != RX_AUTOCODE_DESCRIPTION)
		return rx_fail(err, RX_ARGUMENT, "An entry's kind must be a title or a description.");
	if (!(in->weight >= RX_AUTOCODE_WEIGHT_MIN && in->weight <= 100))
		return rx_fail(err, RX_ARGUMENT,
					   "An entry's weight must lie between 0.001 and 100.");
	if (in->text == NULL && in->text_len > 0)
		return rx_fail(err, RX_ARGUMENT, "An entry's text is missing.");
	if (in->label == NULL && in->label_len > 0)
		return rx_fail(err, RX_ARGUMENT, "An entry's label is missing.");
	if (ix->nentries >= RX_AUTOCODE_ENTRIES_MAX)
		return rx_fail(err, RX_RANGE, "The autocoding index holds at most %u entries.",
					   (unsigned) RX_AUTOCODE_ENTRIES_MAX);
	return RX_OK;
}

/*
 * Add one entry: its features, interned; room in every list and array it
 * goes into, reserved first so that nothing fails half-way; then the entry
 * and its place in the lists.
 */
rx_status
rx_autocode_add(rx_autocode_index *ix, const rx_autocode_entry_in *in, rx_error *err)
{
	const rx_autocode_allocator *a = &ix->alloc;
	rx_autocode_words *w;
	uint32_t	feats[RX_AUTOCODE_FEAT_MAX];
	int			nfeat = 0,
				nkept,
				i;
	uint32_t	code,
				e;
	size_t		label_len;
	rx_autocode_entry *ent;
	rx_status	st = rx_autocode_check_entry(ix, in, err);

	if (st != RX_OK)
		return st;
	if (ix->readonly)
		return rx_autocode_readonly(err);
	label_len = in->label_len > RX_AUTOCODE_LABEL_MAX ? RX_AUTOCODE_LABEL_MAX : in->label_len;

	w = rx_autocode_mem_alloc(a, sizeof(rx_autocode_words));
	if (w == NULL)
		return rx_autocode_oom(err);
	rx_autocode_split_head(in->text, in->text_len > RX_AUTOCODE_TEXT_MAX ? RX_AUTOCODE_TEXT_MAX : in->text_len,
				  in->kind == RX_AUTOCODE_TITLE ? in->head_end : 0, ix->params.stem_level, w);
	if (!rx_autocode_entry_features(ix, w, in->kind, feats, &nfeat) ||
		!((nkept = nfeat) >= 0) ||
		(in->kind == RX_AUTOCODE_TITLE && !rx_autocode_gram_features(ix, feats, &nfeat, true)) ||
		!rx_autocode_code_intern(ix, in->code, &code) ||
		!rx_autocode_mem_grow(a, (void **) &ix->entries, &ix->capentries, ix->nentries + 1,
					 sizeof(rx_autocode_entry)) ||
		!rx_autocode_mem_grow(a, (void **) &ix->hot, &ix->caphot, ix->nentries + 1, sizeof(rx_autocode_hot)) ||
		!rx_autocode_mem_grow(a, (void **) &ix->pool, &ix->cappool, ix->npool + (uint32_t) nkept,
					 sizeof(uint32_t)) ||
		!rx_autocode_mem_grow(a, (void **) &ix->labels, &ix->caplabels,
					 ix->nlabels + (uint32_t) label_len, 1))
	{
		rx_autocode_mem_free(a, w);
		return rx_autocode_oom(err);
	}

	/* reserve room in every list first, so that nothing fails half-way */
	for (i = 0; i < nfeat; i++)
	{
		const rx_autocode_feat *ft = &ix->feats[feats[i]];

		if ((in->kind == RX_AUTOCODE_TITLE && rx_autocode_matches(ix, feats[i]) &&
			 !rx_autocode_feat_reserve(ix, feats[i], true, ft->el.n + 1)) ||
			!rx_autocode_feat_reserve(ix, feats[i], false, ft->cl.n + 1))
		{
			rx_autocode_mem_free(a, w);
			return rx_autocode_oom(err);
		}
	}
	e = ix->nentries;
	ent = &ix->entries[e];
	ent->sig = in->kind == RX_AUTOCODE_TITLE ? rx_autocode_signature(w) : 0;
	ent->ident = rx_autocode_ident(in->label, label_len, in->code, in->kind);
	rx_autocode_mem_free(a, w);
	if (!rx_autocode_map_put(a, &ix->identmap, ent->ident, e) ||
		(ent->sig != 0 && !rx_autocode_map_put(a, &ix->sigmap, ent->sig, e)))
	{
		rx_autocode_map_del(&ix->identmap, ent->ident, e);
		return rx_autocode_oom(err);
	}
	ent->code = code;
	ent->label_off = ix->nlabels;
	ent->label_len = (uint32_t) label_len;
	if (label_len > 0)
		memcpy(ix->labels + ix->nlabels, in->label, label_len);
	ix->nlabels += (uint32_t) label_len;
	/* words and head only: the grams follow from the words */
	ent->feat_off = ix->npool;
	ent->nfeat = (uint16_t) nkept;
	memcpy(ix->pool + ix->npool, feats, (size_t) nkept * sizeof(uint32_t));
	ix->npool += (uint32_t) nkept;
	ent->kind = (uint8_t) in->kind;
	ent->alive = true;
	ent->weight = (float) in->weight;
	ix->hot[e].code = code;
	ix->hot[e].norm = 0;
	ix->hot[e].scale = in->weight < 1 ? (float) in->weight : 1.0f;
	for (i = 0; i < nfeat; i++)
	{
		if (in->kind == RX_AUTOCODE_TITLE && rx_autocode_matches(ix, feats[i]))
		{
			rx_autocode_span *el = &ix->feats[feats[i]].el;

			ix->elpool[el->off + el->n++] = e;
		}
		/* room was reserved above, so this cannot fail */
		(void) rx_autocode_vote_add(ix, feats[i], code, (float) in->weight);
	}
	ix->codes[code].entries++;
	if (in->kind == RX_AUTOCODE_TITLE)
		ix->codes[code].titles += in->weight;
	ix->live[in->kind]++;
	ix->nentries++;
	ix->dirty = true;
	return RX_OK;
}

/* Take a live entry out of every list and statistic. */
static void
rx_autocode_kill(rx_autocode_index *ix, uint32_t e)
{
	rx_autocode_entry   *ent = &ix->entries[e];
	uint32_t	feats[RX_AUTOCODE_FEAT_MAX];
	int			n = ent->nfeat,
				i;

	memcpy(feats, ix->pool + ent->feat_off, (size_t) n * sizeof(uint32_t));
	if (ent->kind == RX_AUTOCODE_TITLE)
		(void) rx_autocode_gram_features(ix, feats, &n, false);
	for (i = 0; i < n; i++)
	{
		if (ent->kind == RX_AUTOCODE_TITLE && rx_autocode_matches(ix, feats[i]))
			rx_autocode_elist_del(ix, feats[i], e);
		rx_autocode_vote_sub(ix, feats[i], ent->code, ent->weight);
	}
	rx_autocode_map_del(&ix->identmap, ent->ident, e);
	if (ent->sig != 0)
		rx_autocode_map_del(&ix->sigmap, ent->sig, e);
	ix->codes[ent->code].entries--;
	if (ent->kind == RX_AUTOCODE_TITLE)
	{
		ix->codes[ent->code].titles -= ent->weight;
		if (ix->codes[ent->code].entries == 0 || ix->codes[ent->code].titles < 1e-6)
			ix->codes[ent->code].titles = 0;
	}
	ix->live[ent->kind]--;
	ent->alive = false;
	ix->dead++;
	ix->dirty = true;
}

/*
 * Drop dead entries: move live entries down, renumber them in the entry
 * lists and maps, and pack the feature pool and the labels.
 */
static void
rx_autocode_compact(rx_autocode_index *ix)
{
	uint32_t	e,
				n = 0,
				npool = 0,
				nlabels = 0,
				f;

	rx_autocode_map_clear(&ix->identmap);
	rx_autocode_map_clear(&ix->sigmap);
	for (e = 0; e < ix->nentries; e++)
	{
		rx_autocode_entry	ent = ix->entries[e];

		if (!ent.alive)
			continue;
		memmove(ix->pool + npool, ix->pool + ent.feat_off, (size_t) ent.nfeat * sizeof(uint32_t));
		ent.feat_off = npool;
		npool += ent.nfeat;
		memmove(ix->labels + nlabels, ix->labels + ent.label_off, ent.label_len);
		ent.label_off = nlabels;
		nlabels += ent.label_len;
		ix->entries[n] = ent;
		ix->hot[n] = ix->hot[e];
		/* the maps only shrank, so these cannot need memory */
		(void) rx_autocode_map_put(&ix->alloc, &ix->identmap, ent.ident, n);
		if (ent.sig != 0)
			(void) rx_autocode_map_put(&ix->alloc, &ix->sigmap, ent.sig, n);
		n++;
	}
	for (f = 0; f < ix->nfeats; f++)
		ix->feats[f].el.n = 0;
	for (e = 0; e < n; e++)
	{
		rx_autocode_entry   *ent = &ix->entries[e];
		uint32_t	i;

		if (ent->kind != RX_AUTOCODE_TITLE)
			continue;
		for (i = 0; i < ent->nfeat; i++)
		{
			uint32_t	f2 = ix->pool[ent->feat_off + i];
			rx_autocode_span *el = &ix->feats[f2].el;

			/* each list held these entries before, so it has the room */
			if (rx_autocode_matches(ix, f2))
				ix->elpool[el->off + el->n++] = e;
		}
	}
	ix->nentries = n;
	ix->npool = npool;
	ix->nlabels = nlabels;
	ix->dead = 0;
}

/* Remove one live entry with the label, code and kind of `in`. */
rx_status
rx_autocode_remove(rx_autocode_index *ix, const rx_autocode_entry_in *in, bool *found, rx_error *err)
{
	size_t		label_len;
	uint64_t	ident;
	uint32_t	pos = 0,
				e;

	*found = false;
	if (in->label == NULL && in->label_len > 0)
		return rx_fail(err, RX_ARGUMENT, "An entry's label is missing.");
	if (ix->readonly)
		return rx_autocode_readonly(err);
	label_len = in->label_len > RX_AUTOCODE_LABEL_MAX ? RX_AUTOCODE_LABEL_MAX : in->label_len;
	ident = rx_autocode_ident(in->label, label_len, in->code, in->kind);
	while (rx_autocode_map_next(&ix->identmap, ident, &pos, &e))
	{
		rx_autocode_entry   *ent = &ix->entries[e];

		if (ent->alive && ent->kind == (uint8_t) in->kind &&
			ix->codes[ent->code].code == in->code && ent->label_len == label_len &&
			(label_len == 0 || memcmp(ix->labels + ent->label_off, in->label, label_len) == 0))
		{
			rx_autocode_kill(ix, e);
			*found = true;
			break;
		}
	}
	if (ix->dead > rx_autocode_index_size(ix) + RX_AUTOCODE_COMPACT_SLACK)
		rx_autocode_compact(ix);
	return RX_OK;
}
