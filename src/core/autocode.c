/*
 * autocode.c — the autocoder index and its query (see autocode.h and
 * doc/autocode.md).
 *
 * Layout.  Words are interned as tokens (ids), each with the list of its
 * character trigrams for fuzzy look-up.  A feature (id) is a token seen as
 * an ordinary word (WORD) or as the head noun of a title (HEAD), or a
 * character 4-gram of a title's word (GRAM).  Each feature has two inverted
 * lists: the TITLE entries that have it (title-to-title matching; not for
 * grams) and the codes whose entries have it with a weighted count (the
 * per-code vote).  Entries keep their WORD and HEAD feature ids in one pool
 * (their grams follow from the words), labels live in one string arena.
 * Removal marks an entry dead and takes it out of the lists; when dead
 * entries outnumber live ones by RX_AUTOCODE_COMPACT_SLACK, the entries, pool and
 * arena are compacted.  Global statistics (inverse frequencies, entry
 * norms, per-code BM25 and prior terms) are recomputed, and two classifiers
 * (logistic regressions of a title's code and of its major group on its
 * words and head noun) are retrained, lazily by the next query after a
 * change or by rx_autocode_index_refresh.
 *
 * Query.  Words of the query become weighted features (unknown words are
 * replaced by the two known halves of a compound or by known words of
 * similar spelling).  One pass over the features' entry lists accumulates,
 * per entry, the weight of the features it shares with the query; the Dice
 * coefficient of the two weighted sets (lowered when the entry misses the
 * query's head noun) is the entry's similarity, and the best entry of each
 * code is its match.  One pass over the features' code lists gives each
 * code a BM25 vote and accumulates its classifier score.  The blend of
 * match, vote, the votes of its groups, head share, the classifiers'
 * probabilities, a prior (how many titles the code has) and an exact-match
 * bonus is the raw score; a softmax over the
 * best candidates and a "none of these" score, then Platt scaling, turn it
 * into a confidence.
 */
#include "autocode.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "autocode_map.h"
#include "autocode_text.h"

#define RX_AUTOCODE_FEAT_MAX			1024	/* features of one entry */
#define RX_AUTOCODE_QFEAT_MAX		(8 * RX_AUTOCODE_TOKENS_MAX)
#define RX_AUTOCODE_FUZZY_MAX		3	/* stand-ins for one unknown word */
#define RX_AUTOCODE_SOFTMAX_MIN		32	/* candidates in the softmax at least */
#define RX_AUTOCODE_COMPACT_SLACK	4096	/* dead entries tolerated before compaction */
#define RX_AUTOCODE_WEIGHT_MIN		0.001	/* least weight of an entry */

#define RX_AUTOCODE_TOUCHED			1	/* scratch code flags */
#define RX_AUTOCODE_EXACT			2
#define RX_AUTOCODE_MAJOR_MAX		64	/* classes of the major-group classifier */
#define RX_AUTOCODE_TRAIN_CUT		15	/* training ignores codes below e^-15 of the best */

/* A code's entry in one feature's code list. */
typedef struct rx_autocode_vote
{
	uint32_t	code;			/* code index */
	float		tf;				/* weighted count of the code's entries */
	float		lw;				/* the classifier's weight of (feature, code), set by refresh */
} rx_autocode_vote;

typedef struct rx_autocode_idlist
{
	uint32_t   *v;
	uint32_t	n;
	uint32_t	cap;
} rx_autocode_idlist;

typedef struct rx_autocode_votelist
{
	rx_autocode_vote    *v;
	uint32_t	n;
	uint32_t	cap;
} rx_autocode_votelist;

typedef struct rx_autocode_token
{
	uint32_t	off;			/* spelling in the token arena */
	uint8_t		len;
} rx_autocode_token;

/* Kinds of features. */
typedef enum rx_autocode_fkind
{
	RX_AUTOCODE_F_WORD = 0,				/* a word of the text */
	RX_AUTOCODE_F_HEAD = 1,				/* the head noun of a title */
	RX_AUTOCODE_F_GRAM = 2				/* a character 4-gram of a word (votes only) */
} rx_autocode_fkind;

#define RX_AUTOCODE_FKINDS 3

typedef struct rx_autocode_feat
{
	uint32_t	token;			/* the word (WORD, HEAD) */
	uint8_t		kind;
	float		idf;			/* title matching (0 for grams) */
	float		cidf;			/* code vote */
	float		gidf[RX_AUTOCODE_GROUP_LEVELS];	/* group votes */
	uint32_t	row;			/* its row of major-group classifier weights, or UINT32_MAX */
	rx_autocode_idlist	el;				/* TITLE entries with the feature */
	rx_autocode_votelist cl;				/* codes with the feature */
} rx_autocode_feat;

typedef struct rx_autocode_code
{
	int32_t		code;
	uint32_t	entries;		/* live entries of any kind */
	double		titles;			/* summed weight of live TITLE entries */
	float		prior;			/* w_prior * log(1 + titles), set by refresh */
	float		k;				/* BM25 k1 * (1 - b + b * titles / average), ditto */
	uint32_t	grp[RX_AUTOCODE_GROUP_LEVELS];	/* group indexes, UINT32_MAX for none */
} rx_autocode_code;

/* A group of codes at one level (a SOC broad, minor or major group). */
typedef struct rx_autocode_group
{
	int32_t		code;
	uint8_t		level;
	double		titles;			/* summed title weight of its codes, set by refresh */
	float		k;				/* BM25 length term, set by refresh */
	uint32_t	stamp;			/* refresh: the last feature that counted it */
} rx_autocode_group;

/* What title matching reads of an entry, packed apart for the cache. */
typedef struct rx_autocode_hot
{
	uint32_t	code;			/* code index */
	float		norm;			/* summed idf of its features, set by refresh */
	float		scale;			/* min(1, weight) */
} rx_autocode_hot;

typedef struct rx_autocode_entry
{
	uint64_t	sig;			/* hash of the stemmed word sequence */
	uint64_t	ident;			/* hash of label, code and kind */
	uint32_t	code;			/* code index */
	uint32_t	label_off;
	uint32_t	label_len;
	uint32_t	feat_off;		/* features in the pool */
	uint16_t	nfeat;
	uint8_t		kind;
	bool		alive;
	float		weight;
} rx_autocode_entry;

struct rx_autocode_index
{
	rx_autocode_allocator alloc;
	rx_autocode_params	params;

	/* tokens and their spellings */
	rx_autocode_token   *tokens;
	uint32_t	ntokens,
				captokens;
	char	   *tokchars;
	uint32_t	ntokchars,
				captokchars;
	rx_autocode_map		tokmap;			/* hash of spelling -> token */
	rx_autocode_map		trimap;			/* trigram -> its list of tokens */
	rx_autocode_idlist  *trilists;
	uint32_t	ntri,
				captri;

	/* features */
	rx_autocode_feat    *feats;
	uint32_t	nfeats,
				capfeats;
	rx_autocode_map		featmap;		/* key -> feature */

	/* codes */
	rx_autocode_code    *codes;
	uint32_t	ncodes,
				capcodes;
	rx_autocode_map		codemap;		/* code -> code index */

	/* groups of codes */
	rx_autocode_group   *groups;
	uint32_t	ngroups,
				capgroups;
	rx_autocode_map		groupmap;		/* level << 32 | group code -> group index */

	/* entries, their feature pool and labels */
	rx_autocode_entry   *entries;
	rx_autocode_hot	   *hot;			/* parallel to entries */
	uint32_t	nentries,
				capentries,
				caphot;
	uint32_t   *pool;
	uint32_t	npool,
				cappool;
	char	   *labels;
	uint32_t	nlabels,
				caplabels;
	rx_autocode_map		identmap;		/* ident -> entry */
	rx_autocode_map		sigmap;			/* sig -> TITLE entry */
	uint32_t	live[2];		/* live entries by kind */
	uint32_t	dead;

	/* statistics, valid unless dirty */
	bool		dirty;
	double		avg_titles;
	double		live_codes;		/* codes with a live entry */

	/* the major-group classifier, set by refresh */
	float	   *mw;				/* rows of nmajor weights, the last row the biases */
	uint32_t	capmw;
	uint8_t    *gclass;			/* per group: its class (major groups), else 255 */
	uint32_t	capgclass;
	int			nmajor;			/* 0: not trained */
	uint32_t	mbias;			/* the row of the biases */
};

struct rx_autocode_scratch
{
	rx_autocode_allocator alloc;
	float	   *eacc;			/* per entry: shared feature weight */
	uint8_t    *ehead;			/* per entry: shares the query's head noun */
	uint32_t   *etouched;
	uint32_t	capentries;
	float	   *cmatch;			/* per code: best entry similarity */
	uint32_t   *cbest;			/* per code: that entry */
	float	   *cvote;
	uint8_t    *cflag;			/* RX_AUTOCODE_TOUCHED, RX_AUTOCODE_EXACT */
	uint32_t   *ctouched;
	float	   *chead;			/* per code: weight of its titles with the query's head */
	float	   *cclass;			/* per code: the classifier's score */
	uint32_t	capcodes;
	float	   *gtf;			/* per group: pooled weight of one feature */
	float	   *gvote;
	uint8_t    *gflag;			/* voted in this query */
	uint32_t   *gtouched;		/* groups of one feature */
	uint32_t   *gvoted;			/* groups voted for in this query */
	uint32_t	capgroups;
	uint16_t   *tcount;			/* per token: shared trigrams */
	uint32_t   *ttouched;
	uint32_t	captokens;
	uint32_t   *cand;			/* candidate code indexes, best first */
	double	   *candraw;
	uint32_t	capcand;
	char	   *evbuf;			/* matched-word evidence */
	uint32_t	capev;
	rx_autocode_words	words;
};

/* A weighted query feature. */
typedef struct rx_autocode_qfeat
{
	uint32_t	f;
	float		w;
	int			word;			/* the query word it came from */
} rx_autocode_qfeat;

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

/* The default scoring parameters (chosen on the development split). */
rx_autocode_params
rx_autocode_params_default(void)
{
	rx_autocode_params	p;

	p.w_vote = 0.70;
	p.w_prior = 0.05;
	p.w_exact = 0.50;
	p.head_weight = 0.7;
	p.head_miss = 0.85;
	p.gram_weight = 0.3;
	p.bm25_k1 = 1.0;
	p.bm25_b = 0.75;
	p.fuzzy_weight = 0.7;
	p.fuzzy_min = 0.4;
	p.split_weight = 0.5;
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
	p.calib_a = 0.4377;
	p.calib_b = -0.4901;
	p.stem_level = 2;
	return p;
}

/* The default weight of an entry of a kind. */
double
rx_autocode_default_weight(rx_autocode_kind kind)
{
	return kind == RX_AUTOCODE_DESCRIPTION ? 0.5 : 1.0;
}

/* Report running out of memory. */
static rx_status
rx_autocode_oom(rx_error *err)
{
	return rx_fail(err, RX_RANGE,
				   "The autocoding index could not allocate the memory it needs.");
}

/* Check a parameter set; RX_ARGUMENT with a sentence when one is out of range. */
static rx_status
rx_autocode_check_params(const rx_autocode_params *p, rx_error *err)
{
	if (!(p->w_vote >= 0 && p->w_vote <= 1))
		return rx_fail(err, RX_ARGUMENT, "The vote share must lie between 0 and 1.");
	if (!(p->w_prior >= 0 && p->w_prior <= 10) || !(p->w_exact >= 0 && p->w_exact <= 10) ||
		!(p->head_weight >= 0 && p->head_weight <= 10) ||
		!(p->head_miss >= 0 && p->head_miss <= 1) ||
		!(p->gram_weight >= 0 && p->gram_weight <= 10) ||
		!(p->fuzzy_weight >= 0 && p->fuzzy_weight <= 10) ||
		!(p->split_weight >= 0 && p->split_weight <= 10) ||
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
	if (!(p->calib_a > 0 && p->calib_a <= 10) || !(p->calib_b >= -10 && p->calib_b <= 10))
		return rx_fail(err, RX_ARGUMENT,
					   "The calibration needs a slope in (0, 10] and an intercept in [-10, 10].");
	if (!(p->class_rate > 0 && p->class_rate <= 10) || p->class_epochs < 0 ||
		p->class_epochs > 100)
		return rx_fail(err, RX_ARGUMENT,
					   "The classifier needs a learning rate in (0, 10] and 0 to 100 epochs.");
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
	if (rx_autocode_check_params(&p, NULL) != RX_OK)
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

/* Free an index and everything it owns. */
void
rx_autocode_index_free(rx_autocode_index *ix)
{
	const rx_autocode_allocator *a;
	uint32_t	f;

	if (ix == NULL)
		return;
	a = &ix->alloc;
	for (f = 0; f < ix->nfeats; f++)
	{
		rx_autocode_mem_free(a, ix->feats[f].el.v);
		rx_autocode_mem_free(a, ix->feats[f].cl.v);
	}
	rx_autocode_mem_free(a, ix->tokens);
	rx_autocode_mem_free(a, ix->tokchars);
	rx_autocode_map_free(a, &ix->tokmap);
	rx_autocode_map_free(a, &ix->trimap);
	for (f = 0; f < ix->ntri; f++)
		rx_autocode_mem_free(a, ix->trilists[f].v);
	rx_autocode_mem_free(a, ix->trilists);
	rx_autocode_mem_free(a, ix->feats);
	rx_autocode_map_free(a, &ix->featmap);
	rx_autocode_mem_free(a, ix->codes);
	rx_autocode_map_free(a, &ix->codemap);
	rx_autocode_mem_free(a, ix->groups);
	rx_autocode_map_free(a, &ix->groupmap);
	rx_autocode_mem_free(a, ix->mw);
	rx_autocode_mem_free(a, ix->gclass);
	rx_autocode_mem_free(a, ix->entries);
	rx_autocode_mem_free(a, ix->hot);
	rx_autocode_mem_free(a, ix->pool);
	rx_autocode_mem_free(a, ix->labels);
	rx_autocode_map_free(a, &ix->identmap);
	rx_autocode_map_free(a, &ix->sigmap);
	a->free(a->ctx, ix);
}

/* Replace the scoring parameters (stem_level only while the index is empty). */
rx_status
rx_autocode_index_set_params(rx_autocode_index *ix, const rx_autocode_params *params, rx_error *err)
{
	rx_status	st = rx_autocode_check_params(params, err);

	if (st != RX_OK)
		return st;
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

/* Bytes held by the index. */
size_t
rx_autocode_index_bytes(const rx_autocode_index *ix)
{
	size_t		n = sizeof(*ix);
	uint32_t	f;

	n += (size_t) ix->captokens * sizeof(rx_autocode_token) + ix->captokchars;
	n += rx_autocode_map_bytes(&ix->tokmap) + rx_autocode_map_bytes(&ix->trimap) +
		(size_t) ix->captri * sizeof(rx_autocode_idlist);
	for (f = 0; f < ix->ntri; f++)
		n += (size_t) ix->trilists[f].cap * sizeof(uint32_t);
	n += (size_t) ix->capfeats * sizeof(rx_autocode_feat) + rx_autocode_map_bytes(&ix->featmap);
	for (f = 0; f < ix->nfeats; f++)
		n += (size_t) ix->feats[f].el.cap * sizeof(uint32_t) +
			(size_t) ix->feats[f].cl.cap * sizeof(rx_autocode_vote);
	n += (size_t) ix->capcodes * sizeof(rx_autocode_code) + rx_autocode_map_bytes(&ix->codemap);
	n += (size_t) ix->capgroups * sizeof(rx_autocode_group) + rx_autocode_map_bytes(&ix->groupmap);
	n += (size_t) ix->capentries * sizeof(rx_autocode_entry) + (size_t) ix->caphot * sizeof(rx_autocode_hot) +
		(size_t) ix->cappool * sizeof(uint32_t);
	n += ix->caplabels + rx_autocode_map_bytes(&ix->identmap) + rx_autocode_map_bytes(&ix->sigmap);
	n += (size_t) ix->capmw * sizeof(float) + ix->capgclass;
	return n;
}

/* The token id of a spelling, or UINT32_MAX when it was never seen. */
static uint32_t
rx_autocode_token_find(const rx_autocode_index *ix, const char *s, size_t len)
{
	uint64_t	h = rx_autocode_hash(RX_AUTOCODE_HASH_INIT, s, len);
	uint32_t	pos = 0,
				t;

	while (rx_autocode_map_next(&ix->tokmap, h, &pos, &t))
		if (ix->tokens[t].len == len && memcmp(ix->tokchars + ix->tokens[t].off, s, len) == 0)
			return t;
	return UINT32_MAX;
}

/* The index of the token list of a trigram, or UINT32_MAX when there is none. */
static uint32_t
rx_autocode_trigram_find(const rx_autocode_index *ix, uint32_t key)
{
	uint32_t	pos = 0,
				l;

	return rx_autocode_map_next(&ix->trimap, key, &pos, &l) ? l : UINT32_MAX;
}

/* The index of the token list of a trigram, made if need be; UINT32_MAX when out of memory. */
static uint32_t
rx_autocode_trigram_list(rx_autocode_index *ix, uint32_t key)
{
	uint32_t	l = rx_autocode_trigram_find(ix, key);

	if (l != UINT32_MAX)
		return l;
	l = ix->ntri;
	if (!rx_autocode_mem_grow(&ix->alloc, (void **) &ix->trilists, &ix->captri, l + 1,
					 sizeof(rx_autocode_idlist)) ||
		!rx_autocode_map_put(&ix->alloc, &ix->trimap, key, l))
		return UINT32_MAX;
	memset(&ix->trilists[l], 0, sizeof(rx_autocode_idlist));
	ix->ntri++;
	return l;
}

/* Intern a spelling; its token id in *out.  False when out of memory. */
static bool
rx_autocode_token_intern(rx_autocode_index *ix, const char *s, size_t len, uint32_t *out)
{
	const rx_autocode_allocator *a = &ix->alloc;
	uint32_t	t = rx_autocode_token_find(ix, s, len);
	uint32_t	tri[RX_AUTOCODE_TOKEN_LEN_MAX],
				lists[RX_AUTOCODE_TOKEN_LEN_MAX];
	int			ntri,
				i;

	if (t != UINT32_MAX)
	{
		*out = t;
		return true;
	}
	t = ix->ntokens;
	if (!rx_autocode_mem_grow(a, (void **) &ix->tokens, &ix->captokens, t + 1, sizeof(rx_autocode_token)) ||
		!rx_autocode_mem_grow(a, (void **) &ix->tokchars, &ix->captokchars,
					 ix->ntokchars + (uint32_t) len, 1))
		return false;
	/* make room in the list of every trigram first: then nothing fails */
	ntri = rx_autocode_trigrams(s, len, tri);
	for (i = 0; i < ntri; i++)
	{
		uint32_t	l = rx_autocode_trigram_list(ix, tri[i]);

		if (l == UINT32_MAX ||
			!rx_autocode_mem_grow(a, (void **) &ix->trilists[l].v, &ix->trilists[l].cap,
						 ix->trilists[l].n + 1, sizeof(uint32_t)))
			return false;
		lists[i] = l;
	}
	if (!rx_autocode_map_put(a, &ix->tokmap, rx_autocode_hash(RX_AUTOCODE_HASH_INIT, s, len), t))
		return false;
	/* the token once in the list of each distinct trigram */
	for (i = 0; i < ntri; i++)
	{
		rx_autocode_idlist  *l = &ix->trilists[lists[i]];

		if (l->n == 0 || l->v[l->n - 1] != t)
			l->v[l->n++] = t;
	}
	memcpy(ix->tokchars + ix->ntokchars, s, len);
	ix->tokens[t].off = ix->ntokchars;
	ix->tokens[t].len = (uint8_t) len;
	ix->ntokchars += (uint32_t) len;
	ix->ntokens++;
	*out = t;
	return true;
}

/* The map key of a feature: its kind in the top byte, then its payload. */
static uint64_t
rx_autocode_feature_key(rx_autocode_fkind kind, uint64_t payload)
{
	return ((uint64_t) kind << 56) | (payload & ((UINT64_C(1) << 56) - 1));
}

/* The id of the feature with a key, or UINT32_MAX. */
static uint32_t
rx_autocode_feature_find(const rx_autocode_index *ix, uint64_t key)
{
	uint32_t	pos = 0,
				f;

	/* the key is the feature itself, not a hash: one value at most */
	if (rx_autocode_map_next(&ix->featmap, key, &pos, &f))
		return f;
	return UINT32_MAX;
}

/* Does feature f (UINT32_MAX: none) carry evidence now (a live entry has it)? */
static bool
rx_autocode_feature_live(const rx_autocode_index *ix, uint32_t f)
{
	return f != UINT32_MAX && ix->feats[f].cl.n > 0;
}

/* The live WORD or HEAD feature of token t, or UINT32_MAX. */
static uint32_t
rx_autocode_token_feature(const rx_autocode_index *ix, rx_autocode_fkind kind, uint32_t t)
{
	uint32_t	f = rx_autocode_feature_find(ix, rx_autocode_feature_key(kind, t));

	return rx_autocode_feature_live(ix, f) ? f : UINT32_MAX;
}

/* Intern a feature; its id in *out.  False when out of memory. */
static bool
rx_autocode_feature_intern(rx_autocode_index *ix, uint64_t key, rx_autocode_fkind kind, uint32_t token, uint32_t *out)
{
	uint32_t	f = rx_autocode_feature_find(ix, key);
	rx_autocode_feat    *ft;

	if (f != UINT32_MAX)
	{
		*out = f;
		return true;
	}
	f = ix->nfeats;
	if (f >= UINT32_MAX - 1 ||
		!rx_autocode_mem_grow(&ix->alloc, (void **) &ix->feats, &ix->capfeats, f + 1, sizeof(rx_autocode_feat)) ||
		!rx_autocode_map_put(&ix->alloc, &ix->featmap, key, f))
		return false;
	ft = &ix->feats[f];
	memset(ft, 0, sizeof(*ft));
	ft->kind = (uint8_t) kind;
	ft->token = token;
	ix->nfeats++;
	*out = f;
	return true;
}

/* The padded character 4-grams of a word as 32-bit keys; returns the count. */
static int
rx_autocode_grams(const char *w, size_t len, uint32_t *keys)
{
	unsigned char p[RX_AUTOCODE_TOKEN_LEN_MAX + 2];
	size_t		i;
	int			n = 0;

	if (len < 2)
		return 0;
	p[0] = 0;
	memcpy(p + 1, w, len);
	p[len + 1] = 0;
	for (i = 0; i + 4 <= len + 2; i++)
		keys[n++] = (uint32_t) p[i] << 24 | (uint32_t) p[i + 1] << 16 |
			(uint32_t) p[i + 2] << 8 | p[i + 3];
	return n;
}

/* The code index of a code, interning it; false when out of memory. */
static bool
rx_autocode_code_intern(rx_autocode_index *ix, int32_t code, uint32_t *out)
{
	uint64_t	key = (uint64_t) (uint32_t) code;
	uint32_t	pos = 0,
				c;
	int			l;

	while (rx_autocode_map_next(&ix->codemap, key, &pos, &c))
		if (ix->codes[c].code == code)
		{
			*out = c;
			return true;
		}
	c = ix->ncodes;
	if (!rx_autocode_mem_grow(&ix->alloc, (void **) &ix->codes, &ix->capcodes, c + 1, sizeof(rx_autocode_code)) ||
		!rx_autocode_map_put(&ix->alloc, &ix->codemap, key, c))
		return false;
	ix->codes[c].code = code;
	ix->codes[c].entries = 0;
	ix->codes[c].titles = 0;
	for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
		ix->codes[c].grp[l] = UINT32_MAX;
	ix->ncodes++;
	*out = c;
	return true;
}

/* The group index of a group code at a level, interning it; false when out of memory. */
static bool
rx_autocode_group_intern(rx_autocode_index *ix, int level, int32_t code, uint32_t *out)
{
	uint64_t	key = (uint64_t) level << 32 | (uint32_t) code;
	uint32_t	pos = 0,
				g;

	/* the key is the group itself: one value at most */
	if (rx_autocode_map_next(&ix->groupmap, key, &pos, &g))
	{
		*out = g;
		return true;
	}
	g = ix->ngroups;
	if (!rx_autocode_mem_grow(&ix->alloc, (void **) &ix->groups, &ix->capgroups, g + 1,
					 sizeof(rx_autocode_group)) ||
		!rx_autocode_map_put(&ix->alloc, &ix->groupmap, key, g))
		return false;
	memset(&ix->groups[g], 0, sizeof(rx_autocode_group));
	ix->groups[g].code = code;
	ix->groups[g].level = (uint8_t) level;
	ix->ngroups++;
	*out = g;
	return true;
}

/* Set the groups of a code (0: none at that level). */
rx_status
rx_autocode_set_groups(rx_autocode_index *ix, int32_t code, const int32_t groups[RX_AUTOCODE_GROUP_LEVELS], rx_error *err)
{
	uint32_t	c,
				g[RX_AUTOCODE_GROUP_LEVELS];
	int			l;

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

/* The signature of a split text: the hash of its non-stop words in order. */
static uint64_t
rx_autocode_signature(const rx_autocode_words *w)
{
	uint64_t	h = RX_AUTOCODE_HASH_INIT;
	int			i;
	bool		any = false;

	for (i = 0; i < w->n; i++)
	{
		if (w->w[i].stop)
			continue;
		h = rx_autocode_hash(h, w->w[i].s, w->w[i].len);
		h = rx_autocode_hash(h, " ", 1);
		any = true;
	}
	return any ? h : 0;
}

/* Add the pair (id, weight) to code list f, merging with the code's pair. */
static bool
rx_autocode_vote_add(rx_autocode_index *ix, uint32_t f, uint32_t code, float tf)
{
	rx_autocode_votelist *l = &ix->feats[f].cl;
	uint32_t	i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].code == code)
		{
			l->v[i].tf += tf;
			return true;
		}
	if (!rx_autocode_mem_grow(&ix->alloc, (void **) &l->v, &l->cap, l->n + 1, sizeof(rx_autocode_vote)))
		return false;
	l->v[l->n].code = code;
	l->v[l->n].tf = tf;
	l->v[l->n].lw = 0;
	l->n++;
	return true;
}

/* Take tf off a code's pair in code list f, dropping the pair at zero. */
static void
rx_autocode_vote_sub(rx_autocode_index *ix, uint32_t f, uint32_t code, float tf)
{
	rx_autocode_votelist *l = &ix->feats[f].cl;
	uint32_t	i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].code == code)
		{
			l->v[i].tf -= tf;
			if (l->v[i].tf <= 1e-4f)
				l->v[i] = l->v[--l->n];
			return;
		}
}

/* Drop entry e from entry list f (order is not kept). */
static void
rx_autocode_elist_del(rx_autocode_index *ix, uint32_t f, uint32_t e)
{
	rx_autocode_idlist  *l = &ix->feats[f].el;
	uint32_t	i;

	for (i = l->n; i-- > 0;)
		if (l->v[i] == e)
		{
			l->v[i] = l->v[--l->n];
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

/* Add one entry. */
rx_status
rx_autocode_add(rx_autocode_index *ix, const rx_autocode_entry_in *in, rx_error *err)
{
	const rx_autocode_allocator *a = &ix->alloc;
	rx_autocode_words   *w;
	uint32_t	feats[RX_AUTOCODE_FEAT_MAX];
	int			nfeat = 0,
				nkept,
				i;
	uint32_t	code,
				e;
	size_t		label_len;
	rx_autocode_entry   *ent;

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
		rx_autocode_idlist  *el = &ix->feats[feats[i]].el;
		rx_autocode_votelist *cl = &ix->feats[feats[i]].cl;

		if ((in->kind == RX_AUTOCODE_TITLE && rx_autocode_matches(ix, feats[i]) &&
			 !rx_autocode_mem_grow(a, (void **) &el->v, &el->cap, el->n + 1, sizeof(uint32_t))) ||
			!rx_autocode_mem_grow(a, (void **) &cl->v, &cl->cap, cl->n + 1, sizeof(rx_autocode_vote)))
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
			rx_autocode_idlist  *el = &ix->feats[feats[i]].el;

			el->v[el->n++] = e;
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
			rx_autocode_idlist  *el = &ix->feats[f2].el;

			/* each list held these entries before, so it has the room */
			if (rx_autocode_matches(ix, f2))
				el->v[el->n++] = e;
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

/*
 * The statistics of the groups: their pooled title weight and BM25 length
 * term, and into ngl[] the number of groups of each level with a live
 * entry.  Clears the groups' stamps for the feature pass.
 */
static void
rx_autocode_refresh_groups(rx_autocode_index *ix, double ngl[RX_AUTOCODE_GROUP_LEVELS])
{
	double		sum[RX_AUTOCODE_GROUP_LEVELS] = {0};
	uint32_t	c,
				g;
	int			l;

	for (g = 0; g < ix->ngroups; g++)
	{
		ix->groups[g].titles = 0;
		ix->groups[g].stamp = UINT32_MAX;	/* "live" marker for the count below */
	}
	for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
		ngl[l] = 0;
	for (c = 0; c < ix->ncodes; c++)
		for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
		{
			g = ix->codes[c].grp[l];
			if (g == UINT32_MAX || ix->codes[c].entries == 0)
				continue;
			ix->groups[g].titles += ix->codes[c].titles;
			sum[l] += ix->codes[c].titles;
			if (ix->groups[g].stamp == UINT32_MAX)
			{
				ix->groups[g].stamp = 0;
				ngl[l]++;
			}
		}
	for (g = 0; g < ix->ngroups; g++)
	{
		rx_autocode_group   *gr = &ix->groups[g];
		double		avg = ngl[gr->level] > 0 && sum[gr->level] > 0
			? sum[gr->level] / ngl[gr->level] : 1;

		gr->k = (float) (ix->params.bm25_k1 * (1 - ix->params.bm25_b +
											   ix->params.bm25_b * gr->titles / avg));
		gr->stamp = 0;
	}
}

/*
 * The classifiers learn from the live titles.  Titles with the same words
 * (and so the same features) are one example whose target is shared among
 * their codes, so that a title listed under two codes alike leaves the two
 * tied.  Examples are visited in the order of their word hash, then of
 * their entries' identity, which does not depend on the order the entries
 * were added in.
 */
typedef struct rx_autocode_example
{
	uint64_t	sig;
	uint64_t	ident;
	uint32_t	e;
} rx_autocode_example;

static int
rx_autocode_example_cmp(const void *a, const void *b)
{
	const rx_autocode_example *x = a,
			   *y = b;

	if (x->sig != y->sig)
		return x->sig < y->sig ? -1 : 1;
	if (x->ident != y->ident)
		return x->ident < y->ident ? -1 : 1;
	return x->e < y->e ? -1 : (x->e > y->e);
}

/* Do entries a and b have the same features? */
static bool
rx_autocode_same_features(const rx_autocode_index *ix, uint32_t a, uint32_t b)
{
	const rx_autocode_entry *x = &ix->entries[a],
			   *y = &ix->entries[b];

	return x->nfeat == y->nfeat &&
		memcmp(ix->pool + x->feat_off, ix->pool + y->feat_off,
			   (size_t) x->nfeat * sizeof(uint32_t)) == 0;
}

/*
 * Sort the live titles into examples: ex[] is reordered so that each
 * example's entries are consecutive, and start[0..*nstart] are the
 * examples' first positions (start[*nstart] = the number of titles).
 */
static void
rx_autocode_examples(const rx_autocode_index *ix, rx_autocode_example *ex, uint32_t nex, uint32_t *start, uint32_t *nstart)
{
	uint32_t	i = 0,
				n = 0;

	qsort(ex, nex, sizeof(rx_autocode_example), rx_autocode_example_cmp);
	while (i < nex)
	{
		uint32_t	end = i + 1,
					j;

		/* entries of the same words with the same features join entry i */
		for (j = i + 1; j < nex && ex[j].sig == ex[i].sig; j++)
			if (rx_autocode_same_features(ix, ex[i].e, ex[j].e))
			{
				rx_autocode_example	t = ex[j];

				memmove(ex + end + 1, ex + end, (size_t) (j - end) * sizeof(rx_autocode_example));
				ex[end++] = t;
			}
		start[n++] = i;
		i = end;
	}
	start[n] = nex;
	*nstart = n;
}

/*
 * Train the major-group classifier: a multinomial logistic regression of
 * a title's major group (the level-3 group of its code) on its words and
 * head noun, dense over the groups, by stochastic gradient descent.
 * False when out of memory; nmajor stays 0 (unused) then, or when there
 * are more than RX_AUTOCODE_MAJOR_MAX major groups.
 */
static bool
rx_autocode_train_major(rx_autocode_index *ix, const rx_autocode_example *ex, const uint32_t *start, uint32_t nstart)
{
	const rx_autocode_params *p = &ix->params;
	uint32_t	f,
				g,
				nrows = 0,
				s;
	int			m = 0,
				ep,
				k;

	if (p->w_class_major <= 0)
		return true;
	if (!rx_autocode_mem_grow(&ix->alloc, (void **) &ix->gclass, &ix->capgclass, ix->ngroups + 1, 1))
		return false;
	for (g = 0; g < ix->ngroups; g++)
	{
		ix->gclass[g] = 255;
		if (ix->groups[g].level == RX_AUTOCODE_GROUP_LEVELS - 1 && ix->groups[g].titles > 0)
		{
			if (m >= RX_AUTOCODE_MAJOR_MAX)
				return true;
			ix->gclass[g] = (uint8_t) m++;
		}
	}
	if (m < 2)
		return true;
	for (f = 0; f < ix->nfeats; f++)
	{
		rx_autocode_feat    *ft = &ix->feats[f];

		ft->row = (ft->kind == RX_AUTOCODE_F_WORD || ft->kind == RX_AUTOCODE_F_HEAD) && ft->cl.n > 0
			? nrows++ : UINT32_MAX;
	}
	if (!rx_autocode_mem_grow(&ix->alloc, (void **) &ix->mw, &ix->capmw, (nrows + 1) * (uint32_t) m,
					 sizeof(float)))
		return false;
	memset(ix->mw, 0, sizeof(float) * (size_t) (nrows + 1) * (size_t) m);
	for (ep = 0; ep < p->class_epochs; ep++)
	{
		double		eta = p->class_rate / (1 + ep);

		for (s = 0; s < nstart; s++)
		{
			const rx_autocode_entry *ent = &ix->entries[ex[start[s]].e];
			const uint32_t *fs = ix->pool + ent->feat_off;
			double		z[RX_AUTOCODE_MAJOR_MAX],
						t[RX_AUTOCODE_MAJOR_MAX],
						mx = -1e300,
						zsum = 0,
						wsum = 0;
			uint32_t	j;

			/* the target: each entry's weight on its major group */
			for (k = 0; k < m; k++)
				t[k] = 0;
			for (j = start[s]; j < start[s + 1]; j++)
			{
				const rx_autocode_entry *en = &ix->entries[ex[j].e];
				uint32_t	gy = ix->codes[en->code].grp[RX_AUTOCODE_GROUP_LEVELS - 1];
				double		w = en->weight < 1 ? en->weight : 1;

				if (gy != UINT32_MAX && ix->gclass[gy] != 255)
				{
					t[ix->gclass[gy]] += w;
					wsum += w;
				}
			}
			if (!(wsum > 0))
				continue;
			for (k = 0; k < m; k++)
				z[k] = ix->mw[(size_t) nrows * m + k];
			for (j = 0; j < ent->nfeat; j++)
			{
				uint32_t	r = ix->feats[fs[j]].row;

				if (r != UINT32_MAX)
					for (k = 0; k < m; k++)
						z[k] += ix->mw[(size_t) r * m + k];
			}
			for (k = 0; k < m; k++)
				if (z[k] > mx)
					mx = z[k];
			for (k = 0; k < m; k++)
				zsum += (z[k] = exp(z[k] - mx));
			for (k = 0; k < m; k++)
				z[k] = eta * (wsum * z[k] / zsum - t[k]);
			for (k = 0; k < m; k++)
				ix->mw[(size_t) nrows * m + k] -= (float) z[k];
			for (j = 0; j < ent->nfeat; j++)
			{
				uint32_t	r = ix->feats[fs[j]].row;

				if (r != UINT32_MAX)
					for (k = 0; k < m; k++)
						ix->mw[(size_t) r * m + k] -= (float) z[k];
			}
		}
	}
	ix->mbias = nrows;
	ix->nmajor = m;
	return true;
}

/*
 * Train the code classifier: a multinomial logistic regression of a
 * title's code on its words and head noun, with one weight per (feature,
 * code) pair of the code lists (lw), by stochastic gradient descent; a code
 * that no feature of a title reaches scores 0.  Codes below e^-RX_AUTOCODE_TRAIN_CUT
 * of the best are given no gradient (it is negligible), which saves most
 * exp() calls and updates once the weights have settled.
 */
static void
rx_autocode_train_codes(rx_autocode_index *ix, const rx_autocode_example *ex, const uint32_t *start, uint32_t nstart,
			   double *z, double *tgt, uint32_t *touched, uint8_t *mark)
{
	const rx_autocode_params *p = &ix->params;
	int			ep;

	for (ep = 0; ep < p->class_epochs; ep++)
	{
		double		eta = p->class_rate / (1 + ep);
		uint32_t	s;

		for (s = 0; s < nstart; s++)
		{
			const rx_autocode_entry *ent = &ix->entries[ex[start[s]].e];
			const uint32_t *fs = ix->pool + ent->feat_off;
			uint32_t	nt = 0,
						k,
						j;
			double		m = 0,
						zsum,
						wsum = 0;

			for (k = 0; k < ent->nfeat; k++)
			{
				const rx_autocode_votelist *l = &ix->feats[fs[k]].cl;

				for (j = 0; j < l->n; j++)
				{
					uint32_t	c = l->v[j].code;

					if (!mark[c])
					{
						mark[c] = 1;
						z[c] = 0;
						touched[nt++] = c;
					}
					z[c] += l->v[j].lw;
				}
			}
			/* the target: each entry's weight on its code (all touched) */
			for (j = start[s]; j < start[s + 1]; j++)
			{
				const rx_autocode_entry *en = &ix->entries[ex[j].e];
				double		w = en->weight < 1 ? en->weight : 1;

				tgt[en->code] += w;
				wsum += w;
			}
			for (k = 0; k < nt; k++)
				if (z[touched[k]] > m)
					m = z[touched[k]];
			zsum = (ix->live_codes - nt) * exp(-m);
			for (k = 0; k < nt; k++)
			{
				uint32_t	c = touched[k];

				z[c] = z[c] - m > -RX_AUTOCODE_TRAIN_CUT ? exp(z[c] - m) : 0;
				zsum += z[c];
			}
			/* z becomes the step along the gradient of the log loss */
			for (k = 0; k < nt; k++)
			{
				uint32_t	c = touched[k];

				z[c] = eta * (wsum * z[c] / zsum - tgt[c]);
				tgt[c] = 0;
			}
			for (k = 0; k < ent->nfeat; k++)
			{
				rx_autocode_votelist *l = &ix->feats[fs[k]].cl;

				for (j = 0; j < l->n; j++)
				{
					double		g = z[l->v[j].code];

					if (g != 0)
						l->v[j].lw -= (float) g;
				}
			}
			for (k = 0; k < nt; k++)
				mark[touched[k]] = 0;
		}
	}
}

/* Train both classifiers from scratch.  False when out of memory. */
static bool
rx_autocode_train(rx_autocode_index *ix)
{
	const rx_autocode_params *p = &ix->params;
	const rx_autocode_allocator *a = &ix->alloc;
	rx_autocode_example *ex;
	uint32_t   *start,
			   *touched;
	double	   *z,
			   *tgt;
	uint8_t    *mark;
	uint32_t	nex = 0,
				nstart = 0,
				e,
				f,
				j;
	bool		ok = true;

	for (f = 0; f < ix->nfeats; f++)
		for (j = 0; j < ix->feats[f].cl.n; j++)
			ix->feats[f].cl.v[j].lw = 0;
	ix->nmajor = 0;
	if ((p->w_class <= 0 && p->w_class_major <= 0) || p->class_epochs == 0 ||
		ix->live[RX_AUTOCODE_TITLE] == 0)
		return true;
	ex = rx_autocode_mem_alloc(a, sizeof(rx_autocode_example) * (size_t) ix->live[RX_AUTOCODE_TITLE]);
	start = rx_autocode_mem_alloc(a, sizeof(uint32_t) * ((size_t) ix->live[RX_AUTOCODE_TITLE] + 1));
	z = rx_autocode_mem_alloc(a, sizeof(double) * ((size_t) ix->ncodes + 1));
	tgt = rx_autocode_mem_alloc(a, sizeof(double) * ((size_t) ix->ncodes + 1));
	touched = rx_autocode_mem_alloc(a, sizeof(uint32_t) * ((size_t) ix->ncodes + 1));
	mark = rx_autocode_mem_alloc(a, (size_t) ix->ncodes + 1);
	if (ex != NULL && start != NULL && z != NULL && tgt != NULL && touched != NULL &&
		mark != NULL)
	{
		memset(mark, 0, (size_t) ix->ncodes + 1);
		for (e = 0; e < ix->ncodes; e++)
			tgt[e] = 0;
		for (e = 0; e < ix->nentries; e++)
			if (ix->entries[e].alive && ix->entries[e].kind == RX_AUTOCODE_TITLE &&
				ix->entries[e].nfeat > 0)
			{
				ex[nex].sig = ix->entries[e].sig;
				ex[nex].ident = ix->entries[e].ident;
				ex[nex].e = e;
				nex++;
			}
		rx_autocode_examples(ix, ex, nex, start, &nstart);
		ok = rx_autocode_train_major(ix, ex, start, nstart);
		if (p->w_class > 0)
			rx_autocode_train_codes(ix, ex, start, nstart, z, tgt, touched, mark);
	}
	else
		ok = false;
	rx_autocode_mem_free(a, ex);
	rx_autocode_mem_free(a, start);
	rx_autocode_mem_free(a, z);
	rx_autocode_mem_free(a, tgt);
	rx_autocode_mem_free(a, touched);
	rx_autocode_mem_free(a, mark);
	return ok;
}

/*
 * Recompute inverse frequencies and entry norms and train the classifiers
 * after a change.  False when out of memory: the index stays dirty, so the
 * next query tries again.
 */
static bool
rx_autocode_refresh(rx_autocode_index *ix)
{
	double		n = ix->live[RX_AUTOCODE_TITLE];
	double		nc = 0,
				sum = 0;
	double		kw[RX_AUTOCODE_FKINDS];
	double		ngl[RX_AUTOCODE_GROUP_LEVELS];
	uint32_t	c,
				f,
				e;

	for (c = 0; c < ix->ncodes; c++)
		if (ix->codes[c].entries > 0)
		{
			nc++;
			sum += ix->codes[c].titles;
		}
	kw[RX_AUTOCODE_F_WORD] = 1.0;
	kw[RX_AUTOCODE_F_HEAD] = ix->params.head_weight;
	kw[RX_AUTOCODE_F_GRAM] = ix->params.gram_weight;
	ix->avg_titles = nc > 0 && sum > 0 ? sum / nc : 1;
	ix->live_codes = nc;
	for (c = 0; c < ix->ncodes; c++)
	{
		rx_autocode_code    *cd = &ix->codes[c];

		cd->prior = (float) (ix->params.w_prior * log1p(cd->titles));
		cd->k = (float) (ix->params.bm25_k1 * (1 - ix->params.bm25_b +
											   ix->params.bm25_b * cd->titles / ix->avg_titles));
	}
	rx_autocode_refresh_groups(ix, ngl);
	for (f = 0; f < ix->nfeats; f++)
	{
		rx_autocode_feat    *ft = &ix->feats[f];
		double		fw = kw[ft->kind];
		uint32_t	gcount[RX_AUTOCODE_GROUP_LEVELS] = {0};
		uint32_t	j;
		int			l;

		ft->idf = ft->kind == RX_AUTOCODE_F_GRAM ? 0 : (float) (fw * log((n + 1) / (ft->el.n + 0.5)));
		ft->cidf = (float) (fw * log((nc + 1) / (ft->cl.n + 0.5)));
		/* in how many groups of each level the feature occurs */
		for (j = 0; j < ft->cl.n && ix->ngroups > 0; j++)
			for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
			{
				uint32_t	g = ix->codes[ft->cl.v[j].code].grp[l];

				if (g != UINT32_MAX && ix->groups[g].stamp != f + 1)
				{
					ix->groups[g].stamp = f + 1;
					gcount[l]++;
				}
			}
		for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
			ft->gidf[l] = (float) (fw * log((ngl[l] + 1) / (gcount[l] + 0.5)));
	}
	for (e = 0; e < ix->nentries; e++)
	{
		rx_autocode_entry   *ent = &ix->entries[e];
		double		norm = 0;
		uint32_t	i;

		if (!ent->alive || ent->kind != RX_AUTOCODE_TITLE)
			continue;
		for (i = 0; i < ent->nfeat; i++)
			norm += ix->feats[ix->pool[ent->feat_off + i]].idf;
		ix->hot[e].norm = (float) norm;
	}
	if (!rx_autocode_train(ix))
		return false;
	ix->dirty = false;
	return true;
}

/* A scratch area for queries on ix. */
rx_autocode_scratch *
rx_autocode_scratch_create(const rx_autocode_index *ix)
{
	rx_autocode_scratch *sc = ix->alloc.alloc(ix->alloc.ctx, sizeof(rx_autocode_scratch));

	if (sc == NULL)
		return NULL;
	memset(sc, 0, sizeof(*sc));
	sc->alloc = ix->alloc;
	return sc;
}

/* Free a scratch area. */
void
rx_autocode_scratch_free(rx_autocode_scratch *sc)
{
	const rx_autocode_allocator *a;

	if (sc == NULL)
		return;
	a = &sc->alloc;
	rx_autocode_mem_free(a, sc->eacc);
	rx_autocode_mem_free(a, sc->ehead);
	rx_autocode_mem_free(a, sc->etouched);
	rx_autocode_mem_free(a, sc->cmatch);
	rx_autocode_mem_free(a, sc->cbest);
	rx_autocode_mem_free(a, sc->cvote);
	rx_autocode_mem_free(a, sc->cflag);
	rx_autocode_mem_free(a, sc->ctouched);
	rx_autocode_mem_free(a, sc->chead);
	rx_autocode_mem_free(a, sc->cclass);
	rx_autocode_mem_free(a, sc->gtf);
	rx_autocode_mem_free(a, sc->gvote);
	rx_autocode_mem_free(a, sc->gflag);
	rx_autocode_mem_free(a, sc->gtouched);
	rx_autocode_mem_free(a, sc->gvoted);
	rx_autocode_mem_free(a, sc->tcount);
	rx_autocode_mem_free(a, sc->ttouched);
	rx_autocode_mem_free(a, sc->cand);
	rx_autocode_mem_free(a, sc->candraw);
	rx_autocode_mem_free(a, sc->evbuf);
	a->free(a->ctx, sc);
}

/*
 * Grow the zero-filled per-item arrays of a scratch area from cap to need
 * items: one array of elsize-byte items per pointer in arrays.
 */
static bool
rx_autocode_scratch_arrays(rx_autocode_scratch *sc, void **arrays[], const size_t *elsizes, int narrays,
				  uint32_t *cap, uint32_t need)
{
	uint32_t	ncap;
	int			i;

	if (need <= *cap)
		return true;
	ncap = need + need / 2 + 64;
	for (i = 0; i < narrays; i++)
	{
		void	   *p = *arrays[i] == NULL
			? sc->alloc.alloc(sc->alloc.ctx, (size_t) ncap * elsizes[i])
			: sc->alloc.realloc(sc->alloc.ctx, *arrays[i], (size_t) ncap * elsizes[i]);

		if (p == NULL)
			return false;
		memset((char *) p + (size_t) *cap * elsizes[i], 0,
			   (size_t) (ncap - *cap) * elsizes[i]);
		*arrays[i] = p;
	}
	*cap = ncap;
	return true;
}

/* Make a scratch area big enough for the index as it is now. */
static bool
rx_autocode_scratch_fit(rx_autocode_scratch *sc, const rx_autocode_index *ix, int k)
{
	void	  **earr[] = {(void **) &sc->eacc, (void **) &sc->etouched, (void **) &sc->ehead};
	size_t		esz[] = {sizeof(float), sizeof(uint32_t), 1};
	void	  **carr[] = {(void **) &sc->cmatch, (void **) &sc->cbest, (void **) &sc->cvote,
	(void **) &sc->cflag, (void **) &sc->ctouched, (void **) &sc->chead, (void **) &sc->cclass};
	size_t		csz[] = {sizeof(float), sizeof(uint32_t), sizeof(float), 1, sizeof(uint32_t),
	sizeof(float), sizeof(float)};
	void	  **garr[] = {(void **) &sc->gtf, (void **) &sc->gvote, (void **) &sc->gflag,
	(void **) &sc->gtouched, (void **) &sc->gvoted};
	size_t		gsz[] = {sizeof(float), sizeof(float), 1, sizeof(uint32_t), sizeof(uint32_t)};
	void	  **tarr[] = {(void **) &sc->tcount, (void **) &sc->ttouched};
	size_t		tsz[] = {sizeof(uint16_t), sizeof(uint32_t)};
	uint32_t	ncand = (uint32_t) (k > RX_AUTOCODE_SOFTMAX_MIN ? k : RX_AUTOCODE_SOFTMAX_MIN);
	uint32_t	capcand = sc->capcand;

	if (!rx_autocode_scratch_arrays(sc, earr, esz, 3, &sc->capentries, ix->nentries) ||
		!rx_autocode_scratch_arrays(sc, carr, csz, 7, &sc->capcodes, ix->ncodes) ||
		!rx_autocode_scratch_arrays(sc, garr, gsz, 5, &sc->capgroups, ix->ngroups) ||
		!rx_autocode_scratch_arrays(sc, tarr, tsz, 2, &sc->captokens, ix->ntokens))
		return false;
	if (ncand > capcand)
	{
		void	  **karr[] = {(void **) &sc->cand, (void **) &sc->candraw};
		size_t		ksz[] = {sizeof(uint32_t), sizeof(double)};

		if (!rx_autocode_scratch_arrays(sc, karr, ksz, 2, &sc->capcand, ncand))
			return false;
	}
	return true;
}

/*
 * Add feature f (from query word `word`) with weight w to the query
 * features, keeping the larger weight of a repeated feature.
 */
static void
rx_autocode_qfeat_add(rx_autocode_qfeat *q, int *n, uint32_t f, float w, int word)
{
	int			i;

	if (f == UINT32_MAX || !(w > 0))
		return;
	for (i = 0; i < *n; i++)
		if (q[i].f == f)
		{
			if (w > q[i].w)
				q[i].w = w;
			return;
		}
	if (*n < RX_AUTOCODE_QFEAT_MAX)
	{
		q[*n].f = f;
		q[*n].w = w;
		q[*n].word = word;
		(*n)++;
	}
}

/*
 * Stand-ins for an unknown word: the known words sharing the most trigrams
 * with it (Jaccard similarity at least fuzzy_min), at most RX_AUTOCODE_FUZZY_MAX of
 * them, each added with weight fuzzy_weight times its similarity.
 */
static void
rx_autocode_fuzzy(const rx_autocode_index *ix, rx_autocode_scratch *sc, const rx_autocode_word *w, int word, rx_autocode_qfeat *q,
		 int *nq)
{
	uint32_t	tri[RX_AUTOCODE_TOKEN_LEN_MAX];
	int			ntri,
				i,
				j,
				nuniq = 0;
	uint32_t	ntouched = 0;
	uint32_t	best[RX_AUTOCODE_FUZZY_MAX];
	double		bests[RX_AUTOCODE_FUZZY_MAX];
	int			nbest = 0;
	uint32_t	k;

	ntri = rx_autocode_trigrams(w->s, w->len, tri);
	for (i = 0; i < ntri; i++)
	{
		uint32_t	l,
					m;
		bool		seen = false;

		for (j = 0; j < i && !seen; j++)
			seen = tri[j] == tri[i];
		if (seen)
			continue;
		nuniq++;
		l = rx_autocode_trigram_find(ix, tri[i]);
		if (l == UINT32_MAX)
			continue;
		for (m = 0; m < ix->trilists[l].n; m++)
		{
			uint32_t	t = ix->trilists[l].v[m];

			if (sc->tcount[t] == 0)
				sc->ttouched[ntouched++] = t;
			sc->tcount[t]++;
		}
	}
	for (k = 0; k < ntouched; k++)
	{
		uint32_t	t = sc->ttouched[k];
		uint32_t	other[RX_AUTOCODE_TOKEN_LEN_MAX];
		int			nother,
					uother = 0;
		double		sim;

		if (rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, t) != UINT32_MAX)
		{
			nother = rx_autocode_trigrams(ix->tokchars + ix->tokens[t].off, ix->tokens[t].len, other);
			for (i = 0; i < nother; i++)
			{
				bool		seen = false;

				for (j = 0; j < i && !seen; j++)
					seen = other[j] == other[i];
				uother += !seen;
			}
			sim = (double) sc->tcount[t] / (nuniq + uother - sc->tcount[t]);
			if (sim >= ix->params.fuzzy_min)
			{
				/* insert into the best few, by similarity then token id */
				int			pos = nbest;

				while (pos > 0 && (bests[pos - 1] < sim ||
								   (bests[pos - 1] == sim && best[pos - 1] > t)))
					pos--;
				if (pos < RX_AUTOCODE_FUZZY_MAX)
				{
					int			m = nbest < RX_AUTOCODE_FUZZY_MAX ? nbest : RX_AUTOCODE_FUZZY_MAX - 1;

					for (j = m; j > pos; j--)
					{
						best[j] = best[j - 1];
						bests[j] = bests[j - 1];
					}
					best[pos] = t;
					bests[pos] = sim;
					if (nbest < RX_AUTOCODE_FUZZY_MAX)
						nbest++;
				}
			}
		}
		sc->tcount[t] = 0;
	}
	for (i = 0; i < nbest; i++)
	{
		float		fw = (float) (ix->params.fuzzy_weight * bests[i]);

		rx_autocode_qfeat_add(q, nq, rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, best[i]), fw, word);
		if (w->head)
			rx_autocode_qfeat_add(q, nq, rx_autocode_token_feature(ix, RX_AUTOCODE_F_HEAD, best[i]), fw, word);
	}
}

/*
 * An unknown word that is two known words run together (pipelaying,
 * floorperson): the split with the longest known first part, each part
 * stemmed; both added with split_weight, the second as head if the word was.
 * Returns whether a split was found.
 */
static bool
rx_autocode_split_compound(const rx_autocode_index *ix, const rx_autocode_word *w, int word, rx_autocode_qfeat *q, int *nq)
{
	size_t		cut;

	if (ix->params.split_weight <= 0 || w->len < 6)
		return false;
	for (cut = (size_t) w->len - 3; cut >= 3; cut--)
	{
		char		a[RX_AUTOCODE_TOKEN_LEN_MAX + 1],
					b[RX_AUTOCODE_TOKEN_LEN_MAX + 1];
		size_t		na = cut,
					nb = w->len - cut;
		uint32_t	ta,
					tb;
		float		sw = (float) ix->params.split_weight;

		memcpy(a, w->s, na);
		memcpy(b, w->s + cut, nb);
		na = rx_autocode_stem(a, na, ix->params.stem_level);
		nb = rx_autocode_stem(b, nb, ix->params.stem_level);
		ta = rx_autocode_token_find(ix, a, na);
		tb = rx_autocode_token_find(ix, b, nb);
		if (ta == UINT32_MAX || tb == UINT32_MAX ||
			rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, ta) == UINT32_MAX ||
			rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, tb) == UINT32_MAX)
			continue;
		rx_autocode_qfeat_add(q, nq, rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, ta), sw, word);
		rx_autocode_qfeat_add(q, nq, rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, tb), sw, word);
		if (w->head)
			rx_autocode_qfeat_add(q, nq, rx_autocode_token_feature(ix, RX_AUTOCODE_F_HEAD, tb), sw, word);
		return true;
	}
	return false;
}

/* Is candidate a (raw ra, code ca) ranked before b? */
static bool
rx_autocode_before(double ra, int32_t ca, double rb, int32_t cb)
{
	return ra > rb || (ra == rb && ca < cb);
}

/*
 * Write into buf the query's words (as they stand in text) that have some
 * feature voting for code c, separated by spaces; returns the length.
 */
static size_t
rx_autocode_word_evidence(const rx_autocode_index *ix, const rx_autocode_words *w, const char *text,
				 const rx_autocode_qfeat *q, int nq, uint32_t c, char *buf, size_t cap)
{
	size_t		n = 0;
	int			i,
				k;

	for (i = 0; i < w->n; i++)
	{
		bool		votes = false;

		for (k = 0; k < nq && !votes; k++)
		{
			const rx_autocode_votelist *l = &ix->feats[q[k].f].cl;
			uint32_t	j;

			if (q[k].word != i)
				continue;
			for (j = 0; j < l->n && !votes; j++)
				votes = l->v[j].code == c;
		}
		if (!votes || n + 1 + w->w[i].orig_len > cap)
			continue;
		if (n > 0)
			buf[n++] = ' ';
		memcpy(buf + n, text + w->w[i].orig_off, w->w[i].orig_len);
		n += w->w[i].orig_len;
	}
	return n;
}

/*
 * Map a softmax probability to a confidence: logistic(a * logit(p) + b),
 * kept inside [0, 1] (Platt scaling fitted on the development split).
 */
static double
rx_autocode_calibrate(const rx_autocode_params *params, double p)
{
	double		z;

	if (!(p > 1e-12))
		return 0;
	if (!(p < 1 - 1e-12))
		p = 1 - 1e-12;
	z = params->calib_a * log(p / (1 - p)) + params->calib_b;
	return 1 / (1 + exp(-z));
}

/* Recompute the statistics now if a change left them stale. */
rx_status
rx_autocode_index_refresh(rx_autocode_index *ix, rx_error *err)
{
	if (ix->dirty && !rx_autocode_refresh(ix))
		return rx_autocode_oom(err);
	return RX_OK;
}

/* Note code c as touched by this query (first touch resets its slots). */
static inline void
rx_autocode_touch(rx_autocode_scratch *sc, uint32_t c, uint32_t *n)
{
	if (sc->cflag[c] & RX_AUTOCODE_TOUCHED)
		return;
	sc->cflag[c] = RX_AUTOCODE_TOUCHED;
	sc->cmatch[c] = 0;
	sc->cvote[c] = 0;
	sc->chead[c] = 0;
	sc->cclass[c] = 0;
	sc->cbest[c] = UINT32_MAX;
	sc->ctouched[(*n)++] = c;
}

/* Clear the flags of the n touched codes for the next query. */
static void
rx_autocode_untouch(rx_autocode_scratch *sc, uint32_t n)
{
	uint32_t	j;

	for (j = 0; j < n; j++)
		sc->cflag[sc->ctouched[j]] = 0;
}

/*
 * The group votes of a query: for each feature, the weight of the codes
 * that have it is pooled per group and saturated as BM25 does; gvote of
 * the groups voted for (listed in gvoted[0..*nvoted), flagged in gflag)
 * sums over the features, gmax[level] is the best a group could reach.
 */
static void
rx_autocode_group_votes(const rx_autocode_index *ix, rx_autocode_scratch *sc, const rx_autocode_qfeat *q, int nq,
			   double gmax[RX_AUTOCODE_GROUP_LEVELS], uint32_t *nvoted)
{
	const rx_autocode_params *p = &ix->params;
	int			i,
				l;

	for (i = 0; i < nq; i++)
	{
		const rx_autocode_feat *ft = &ix->feats[q[i].f];
		const rx_autocode_votelist *cl = &ft->cl;
		uint32_t	ntouched = 0,
					j;

		for (j = 0; j < cl->n; j++)
		{
			const rx_autocode_code *cd = &ix->codes[cl->v[j].code];

			for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
			{
				uint32_t	g = cd->grp[l];

				if (g == UINT32_MAX || p->w_group[l] <= 0)
					continue;
				if (sc->gtf[g] == 0)
					sc->gtouched[ntouched++] = g;
				sc->gtf[g] += cl->v[j].tf;
			}
		}
		for (j = 0; j < ntouched; j++)
		{
			uint32_t	g = sc->gtouched[j];
			const rx_autocode_group *gr = &ix->groups[g];
			double		w = q[i].w * ft->gidf[gr->level];
			float		tf = sc->gtf[g];

			sc->gtf[g] = 0;
			if (!(w > 0))
				continue;
			if (!sc->gflag[g])
			{
				sc->gflag[g] = 1;
				sc->gvote[g] = 0;
				sc->gvoted[(*nvoted)++] = g;
			}
			sc->gvote[g] += (float) (w * tf / (tf + gr->k));
		}
		for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
			if (ft->gidf[l] > 0)
				gmax[l] += q[i].w * ft->gidf[l];
	}
}

/* Code a normalized title: up to k candidates, best first. */
rx_status
rx_autocode_query(rx_autocode_index *ix, rx_autocode_scratch *sc, const char *text, size_t len, int k,
		 rx_autocode_hit *out, int *nout, rx_error *err)
{
	return rx_autocode_query_head(ix, sc, text, len, 0, k, out, nout, err);
}

/* Code a normalized title whose head noun starts before head_end (0: anywhere). */
rx_status
rx_autocode_query_head(rx_autocode_index *ix, rx_autocode_scratch *sc, const char *text, size_t len, size_t head_end,
			  int k, rx_autocode_hit *out, int *nout, rx_error *err)
{
	const rx_autocode_params *p = &ix->params;
	rx_autocode_words   *w = &sc->words;
	rx_autocode_qfeat	q[RX_AUTOCODE_QFEAT_MAX];
	int			nq = 0,
				i,
				ncand = 0,
				mcand;
	uint32_t	netouched = 0,
				nctouched = 0,
				j;
	double		pmajor[RX_AUTOCODE_MAJOR_MAX];
	bool		use_major = false;
	double		qn = 0,
				qmax = 0,
				zclass = 0,
				denom,
				top;
	uint64_t	sig;
	size_t		evlen = 0;
	int			nhit;
	bool		has_head = false;
	double		gmax[RX_AUTOCODE_GROUP_LEVELS] = {0};
	uint32_t	ngvoted = 0;

	*nout = 0;
	if (k < 0 || k > RX_AUTOCODE_K_MAX)
		return rx_fail(err, RX_ARGUMENT, "The number of candidates must lie between 0 and %d.",
					   RX_AUTOCODE_K_MAX);
	if (text == NULL && len > 0)
		return rx_fail(err, RX_ARGUMENT, "The title to code is missing.");
	if (k == 0 || ix->nentries == 0)
		return RX_OK;
	if (ix->dirty && !rx_autocode_refresh(ix))
		return rx_autocode_oom(err);
	if (!rx_autocode_scratch_fit(sc, ix, k))
		return rx_autocode_oom(err);
	mcand = k > RX_AUTOCODE_SOFTMAX_MIN ? k : RX_AUTOCODE_SOFTMAX_MIN;

	/* 1. the query's weighted features */
	rx_autocode_split_head(text, len > RX_AUTOCODE_TEXT_MAX ? RX_AUTOCODE_TEXT_MAX : len, head_end, p->stem_level, w);
	for (i = 0; i < w->n; i++)
	{
		const rx_autocode_word *wd = &w->w[i];
		uint32_t	t,
					f;

		if (wd->stop)
			continue;
		t = rx_autocode_token_find(ix, wd->s, wd->len);
		f = t == UINT32_MAX ? UINT32_MAX : rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, t);
		if (f != UINT32_MAX)
		{
			rx_autocode_qfeat_add(q, &nq, f, 1.0f, i);
			if (wd->head)
				rx_autocode_qfeat_add(q, &nq, rx_autocode_token_feature(ix, RX_AUTOCODE_F_HEAD, t), 1.0f, i);
		}
		else if (!rx_autocode_split_compound(ix, wd, i, q, &nq) && p->fuzzy_weight > 0)
			rx_autocode_fuzzy(ix, sc, wd, i, q, &nq);
		if (p->gram_weight > 0)
		{
			uint32_t	g[RX_AUTOCODE_TOKEN_LEN_MAX + 1];
			int			ng = rx_autocode_grams(wd->s, wd->len, g),
						m;

			for (m = 0; m < ng; m++)
			{
				f = rx_autocode_feature_find(ix, rx_autocode_feature_key(RX_AUTOCODE_F_GRAM, g[m]));
				if (rx_autocode_feature_live(ix, f))
					rx_autocode_qfeat_add(q, &nq, f, 1.0f, i);
			}
		}
	}
	if (nq == 0)
		return RX_OK;

	/*
	 * Room for word evidence (the query's words, once per hit) now, before
	 * the scratch is touched: an allocator that does not return on failure
	 * (palloc) must not leave it dirty.
	 */
	for (i = 0; i < w->n; i++)
		evlen += (size_t) w->w[i].orig_len + 1;
	if (evlen * (size_t) k > UINT32_MAX / 2 ||
		!rx_autocode_mem_grow(&sc->alloc, (void **) &sc->evbuf, &sc->capev,
					 (uint32_t) (evlen * (size_t) k), 1))
		return rx_autocode_oom(err);

	for (i = 0; i < nq; i++)
	{
		has_head |= ix->feats[q[i].f].kind == RX_AUTOCODE_F_HEAD;
		qn += ix->feats[q[i].f].idf * q[i].w;
		qmax += ix->feats[q[i].f].cidf * q[i].w;
	}

	/* 2. title matching: shared weight per entry, best entry per code */
	for (i = 0; i < nq; i++)
	{
		const rx_autocode_idlist *l = &ix->feats[q[i].f].el;
		float		add = ix->feats[q[i].f].idf * q[i].w;
		bool		head = ix->feats[q[i].f].kind == RX_AUTOCODE_F_HEAD;

		if (!(add > 0))
			continue;
		for (j = 0; j < l->n; j++)
		{
			uint32_t	e = l->v[j];

			if (sc->eacc[e] == 0)
				sc->etouched[netouched++] = e;
			sc->eacc[e] += add;
			if (head)
				sc->ehead[e] = 1;
		}
	}
	for (j = 0; j < netouched; j++)
	{
		uint32_t	e = sc->etouched[j];
		const rx_autocode_hot *h = &ix->hot[e];
		float		sim = (float) (2.0 * sc->eacc[e] * h->scale / (qn + h->norm));
		uint32_t	c = h->code;

		if (!sc->ehead[e] && has_head)
			sim *= (float) p->head_miss;
		sc->eacc[e] = 0;
		sc->ehead[e] = 0;
		rx_autocode_touch(sc, c, &nctouched);
		if (sim > sc->cmatch[c] || (sim == sc->cmatch[c] && e < sc->cbest[c]))
		{
			sc->cmatch[c] = sim;
			sc->cbest[c] = e;
		}
	}

	/* 3. the per-code vote (BM25 over the codes' pooled entries), the classifier */
	for (i = 0; i < nq; i++)
	{
		const rx_autocode_votelist *l = &ix->feats[q[i].f].cl;
		double		wt = ix->feats[q[i].f].cidf * q[i].w;

		/* grams have no classifier weights */
		bool		cls = p->w_class > 0 && ix->feats[q[i].f].kind != RX_AUTOCODE_F_GRAM;

		if (!(wt > 0))
			continue;
		for (j = 0; j < l->n; j++)
		{
			uint32_t	c = l->v[j].code;
			float		tf = l->v[j].tf;

			rx_autocode_touch(sc, c, &nctouched);
			sc->cvote[c] += (float) wt * tf / (tf + ix->codes[c].k);
			if (cls)
				sc->cclass[c] += q[i].w * l->v[j].lw;
			if (ix->feats[q[i].f].kind == RX_AUTOCODE_F_HEAD && tf * q[i].w > sc->chead[c])
				sc->chead[c] = tf * q[i].w;
		}
	}

	/* 3b. the votes of the codes' groups (BM25 over the groups' pooled entries) */
	if (p->w_group[0] + p->w_group[1] + p->w_group[2] + p->w_group[3] > 0 && ix->ngroups > 0)
		rx_autocode_group_votes(ix, sc, q, nq, gmax, &ngvoted);

	/* 4. exact matches of the whole normalized title */
	sig = rx_autocode_signature(w);
	if (sig != 0)
	{
		uint32_t	pos = 0,
					e;

		while (rx_autocode_map_next(&ix->sigmap, sig, &pos, &e))
			if (ix->entries[e].alive && ix->entries[e].kind == RX_AUTOCODE_TITLE)
			{
				rx_autocode_touch(sc, ix->entries[e].code, &nctouched);
				sc->cflag[ix->entries[e].code] |= RX_AUTOCODE_EXACT;
			}
	}

	/* 4a. the major-group classifier's probabilities */
	if (p->w_class_major > 0 && ix->nmajor > 0)
	{
		int			m = ix->nmajor,
					kk;
		double		mx = -1e300,
					zs = 0;

		for (kk = 0; kk < m; kk++)
			pmajor[kk] = ix->mw[(size_t) ix->mbias * m + kk];
		for (i = 0; i < nq; i++)
		{
			uint32_t	r = ix->feats[q[i].f].row;

			if (r != UINT32_MAX && ix->feats[q[i].f].kind != RX_AUTOCODE_F_GRAM)
				for (kk = 0; kk < m; kk++)
					pmajor[kk] += q[i].w * ix->mw[(size_t) r * m + kk];
		}
		for (kk = 0; kk < m; kk++)
			if (pmajor[kk] > mx)
				mx = pmajor[kk];
		for (kk = 0; kk < m; kk++)
			zs += (pmajor[kk] = exp(pmajor[kk] - mx));
		for (kk = 0; kk < m; kk++)
			pmajor[kk] /= zs;
		use_major = true;
	}

	/* 4b. the classifier's probabilities: a code no feature reaches scores 0 */
	if (p->w_class > 0)
	{
		double		m = 0,
					e0;

		for (j = 0; j < nctouched; j++)
			if (sc->cclass[sc->ctouched[j]] > m)
				m = sc->cclass[sc->ctouched[j]];
		e0 = exp(-m);

		/* most touched codes (reached by grams only) have score 0: exp(0 - m) */
		zclass = ix->live_codes * e0;
		for (j = 0; j < nctouched; j++)
		{
			uint32_t	c = sc->ctouched[j];
			double		x = sc->cclass[c];

			if (x == 0)
				sc->cclass[c] = (float) e0;
			else
			{
				double		v = x - m > -60 ? exp(x - m) : 0;

				sc->cclass[c] = (float) v;
				zclass += v - e0;
			}
		}
	}

	/* 5. blend, and keep the best mcand candidates in order */
	for (j = 0; j < nctouched; j++)
	{
		uint32_t	c = sc->ctouched[j];
		double		raw = (1 - p->w_vote) * sc->cmatch[c] +
			(qmax > 0 ? p->w_vote * sc->cvote[c] / qmax : 0) +
			ix->codes[c].prior +
			((sc->cflag[c] & RX_AUTOCODE_EXACT) ? p->w_exact : 0);
		int			pos = ncand,
					l;

		for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS && ngvoted > 0; l++)
		{
			uint32_t	g = ix->codes[c].grp[l];

			if (g != UINT32_MAX && sc->gflag[g] && gmax[l] > 0)
				raw += p->w_group[l] * sc->gvote[g] / gmax[l];
		}
		if (zclass > 0)
			raw += p->w_class * sc->cclass[c] / zclass;
		if (use_major)
		{
			uint32_t	g = ix->codes[c].grp[RX_AUTOCODE_GROUP_LEVELS - 1];

			if (g != UINT32_MAX && ix->gclass[g] != 255)
				raw += p->w_class_major * pmajor[ix->gclass[g]];
		}
		if (p->w_headshare > 0 && ix->codes[c].titles > 0)
		{
			double		share = sc->chead[c] / ix->codes[c].titles;

			raw += p->w_headshare * (share < 1 ? share : 1);
		}

		while (pos > 0 && rx_autocode_before(raw, ix->codes[c].code, sc->candraw[pos - 1],
									ix->codes[sc->cand[pos - 1]].code))
			pos--;
		if (pos < mcand)
		{
			int			m = ncand < mcand ? ncand : mcand - 1;

			memmove(sc->cand + pos + 1, sc->cand + pos, (size_t) (m - pos) * sizeof(uint32_t));
			memmove(sc->candraw + pos + 1, sc->candraw + pos, (size_t) (m - pos) * sizeof(double));
			sc->cand[pos] = c;
			sc->candraw[pos] = raw;
			if (ncand < mcand)
				ncand++;
		}
	}

	/* 6. confidence: softmax over the candidates and "none of these" */
	nhit = k < ncand ? k : ncand;
	top = ncand > 0 ? sc->candraw[0] : 0;
	denom = exp((p->null_score - top) / p->temperature);
	for (i = 0; i < ncand; i++)
		denom += exp((sc->candraw[i] - top) / p->temperature);
	for (i = 0; i < nhit; i++)
	{
		uint32_t	c = sc->cand[i];
		rx_autocode_hit	   *h = &out[i];
		double		s = rx_autocode_calibrate(p, exp((sc->candraw[i] - top) / p->temperature) / denom);

		h->code = ix->codes[c].code;
		h->raw = sc->candraw[i];
		h->score = s >= 0 && s <= 1 ? s : (s > 1 ? 1 : 0);
		h->exact = (sc->cflag[c] & RX_AUTOCODE_EXACT) != 0;
		if (sc->cmatch[c] > 0)
		{
			const rx_autocode_entry *ent = &ix->entries[sc->cbest[c]];

			h->evidence = ix->labels + ent->label_off;
			h->evidence_len = ent->label_len;
		}
		else
		{
			char	   *buf = sc->evbuf + (size_t) i * evlen;

			h->evidence_len = rx_autocode_word_evidence(ix, w, text, q, nq, c, buf, evlen);
			h->evidence = buf;
		}
	}
	*nout = nhit;
	rx_autocode_untouch(sc, nctouched);
	for (j = 0; j < ngvoted; j++)
		sc->gflag[sc->gvoted[j]] = 0;
	return RX_OK;
}
