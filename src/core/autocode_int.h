/*
 * autocode_int.h — what the files of the autocoder share (internal; the
 * API is autocode.h, the scoring is described in doc/autocode.md).
 *
 * ====================================================================
 * THE RULE OF THE INDEX'S STORAGE — read this before adding any state.
 *
 * The whole state of an index is (1) the scalar fields of struct
 * rx_autocode_index (counts, statistics, parameters: plain values, never
 * pointers) and (2) flat arrays of pointer-free elements, each listed
 * ONCE in RX_AUTOCODE_ARRAYS or RX_AUTOCODE_MAPS below.  Elements refer
 * to each other by index or offset (uint32_t), never by pointer: a
 * variable-length list is a span {off, n, cap} into a pool array (see
 * rx_autocode_span), a string an {off, len} into a character array.
 *
 * That is what lets an index be written to an image file and used in
 * place by every backend (autocode_image.c, doc/autocode.md "One index
 * for the whole cluster"): the image is the struct with its pointers
 * zeroed, then every registered array; opening it points the arrays into
 * the mapping.  Freeing, sizing, serializing, mapping and validating all
 * walk the registry, so:
 *
 *   To add an array: add its pointer, count and capacity fields to the
 *   struct, then ONE line to RX_AUTOCODE_ARRAYS (name, element type,
 *   count field, capacity field).  It is then freed, counted in
 *   rx_autocode_index_bytes, written, mapped and bounds-checked with no
 *   other change.  If its elements hold indexes or offsets into other
 *   arrays that a query follows, list them in RX_AUTOCODE_REFS /
 *   RX_AUTOCODE_IDS / RX_AUTOCODE_SPANS too, and its bool members in
 *   RX_AUTOCODE_BOOLS (a bool scalar of the struct: in
 *   rx_autocode_image_invariants): an image is validated
 *   against those lists before any query reads it, so that a corrupt file
 *   is refused instead of crashing a backend.
 *
 *   An index opened from an image is read-only (ix->readonly): every
 *   function that changes an index refuses it, and a query must not write
 *   to the index (statistics are refreshed before an image is written).
 *
 *   Changing the layout of an element or of the struct changes the
 *   layout hash written into images (rx_autocode_layout_hash), so images
 *   of an older layout are refused and rebuilt; also bump
 *   RX_AUTOCODE_IMAGE_FORMAT when the meaning of a field changes.
 * ====================================================================
 *
 * The autocoder is split by the phase of an index's life, as pgvector
 * splits HNSW into build, insert, scan and vacuum:
 *
 *   autocode_index.c    the index: create, free, parameters, sizes; add and
 *                       remove entries, keeping the inverted lists; compaction
 *   autocode_intern.c   interning: tokens and their trigram lists, features,
 *                       codes, groups; the hashes that identify an entry
 *   autocode_train.c    the statistics refresh and the two classifiers
 *   autocode_scratch.c  per-caller query memory
 *   autocode_fuzzy.c    unknown query words: split compounds, fuzzy stand-ins
 *   autocode_query.c    the query, step by step
 *   autocode_calib.c    raw scores to calibrated confidences
 *   autocode_head.c     where the head noun of a raw title is
 *   autocode_code.c     the pipelines over raw titles (normalize, head
 *                       window, add or query, the review rule)
 *   autocode_text.c     words, stop words, stemming, trigrams, hashing
 *   autocode_map.c      the hash map, growable arrays and pooled lists
 *   autocode_image.c    the index as an image: write, validate, open in place
 *
 * Layout.  Words are interned as tokens (ids), each with the list of its
 * character trigrams for fuzzy look-up.  A feature (id) is a token seen as
 * an ordinary word (WORD) or as the head noun of a title (HEAD), or a
 * character 4-gram of a title's word (GRAM).  Each feature has two inverted
 * lists: the TITLE entries that have it (title-to-title matching; not for
 * grams) and the codes whose entries have it with a weighted count (the
 * per-code vote), spans of two pool arrays (elpool, clpool) as the
 * trigram lists are of tripool.  Entries keep their WORD and HEAD feature ids in one pool
 * (their grams follow from the words), labels live in one string arena.
 * Removal marks an entry dead and takes it out of the lists; when dead
 * entries outnumber live ones by RX_AUTOCODE_COMPACT_SLACK, the entries,
 * pool and arena are compacted.  Global statistics (inverse frequencies,
 * entry norms, per-code BM25 and prior terms) are recomputed, and two
 * classifiers (logistic regressions of a title's code and of its major
 * group on its words and head noun) are retrained, lazily by the next
 * query after a change or by rx_autocode_index_refresh.
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
 * bonus is the raw score; a softmax over the best candidates and a "none
 * of these" score, then a beta calibration, turn it into a confidence.
 */
#ifndef RX_AUTOCODE_INT_H
#define RX_AUTOCODE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "autocode.h"
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

/*
 * The image format (autocode_image.c): bump it when the meaning of a
 * field changes; a change of layout changes rx_autocode_layout_hash by
 * itself.
 */
#define RX_AUTOCODE_IMAGE_FORMAT	2

/* A code's entry in one feature's code list. */
typedef struct rx_autocode_vote
{
	uint32_t	code;			/* code index */
	float		tf;				/* weighted count of the code's entries */
	float		lw;				/* the classifier's weight of (feature, code), set by refresh */
} rx_autocode_vote;

/*
 * A list inside a pool array: elements [off, off + n) of the pool, with
 * room for cap (autocode_map.c grows it, moving it to the pool's end when
 * it is not there already).
 */
typedef struct rx_autocode_span
{
	uint32_t	off;
	uint32_t	n;
	uint32_t	cap;
} rx_autocode_span;

/* A list of ids as a query reads it: the pool's elements and their count. */
typedef struct rx_autocode_ids
{
	uint32_t   *v;
	uint32_t	n;
} rx_autocode_ids;

/* A code list as a query reads it. */
typedef struct rx_autocode_votes
{
	rx_autocode_vote *v;
	uint32_t	n;
} rx_autocode_votes;

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
	rx_autocode_span el;		/* TITLE entries with the feature, in elpool */
	rx_autocode_span cl;		/* codes with the feature, in clpool */
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
	/* runtime only: zeroed in an image, set when one is opened */
	rx_autocode_allocator alloc;
	bool		readonly;		/* the arrays are an image's: no change allowed */

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
	rx_autocode_span    *trilists;		/* lists of tokens in tripool */
	uint32_t	ntri,
				captri;
	uint32_t   *tripool;
	uint32_t	ntripool,
				captripool,
				junktripool;	/* pool elements no list owns */

	/* features and their lists */
	rx_autocode_feat    *feats;
	uint32_t	nfeats,
				capfeats;
	rx_autocode_map		featmap;		/* key -> feature */
	uint32_t   *elpool;			/* the features' entry lists */
	uint32_t	nelpool,
				capelpool,
				junkelpool;
	rx_autocode_vote    *clpool;	/* the features' code lists */
	uint32_t	nclpool,
				capclpool,
				junkclpool;

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

	/*
	 * The group votes of each feature (autocode_train.c), rebuilt by
	 * rx_autocode_group_votes_build at every refresh from the code lists,
	 * the groups and the parameters (so a change never has to keep them
	 * current):
	 *   gv_start[0 .. gv_nstart)  gv_nstart is nfeats + 1 after a build, else 0;
	 *                           the votes of feature f are gv_group and gv_val
	 *                           [gv_start[f] .. gv_start[f + 1])
	 *   gv_group[0 .. gv_n)     a group index (groups of the levels whose w_group is not 0)
	 *   gv_val[0 .. gv_n)       the group's vote per unit of query weight: gidf * T / (T + k),
	 *                           T the feature's weight pooled over the group's codes (BM25)
	 * Grams have none (they vote for codes only).
	 */
	uint32_t   *gv_start;
	uint32_t	gv_nstart,
				gv_capstart;
	uint32_t   *gv_group;
	float	   *gv_val;
	uint32_t	gv_n,
				gv_capgroup,
				gv_capval;
};

/*
 * THE REGISTRY (see the rule at the top of this file).
 *
 * RX_AUTOCODE_ARRAYS: every array of the index, as X(name, element type,
 * count field, capacity field); ix->name points to count elements, room
 * for capacity.  The order is the order in an image.
 */
#define RX_AUTOCODE_ARRAYS(X) \
	X(tokens,	rx_autocode_token,	ntokens,	captokens) \
	X(tokchars,	char,				ntokchars,	captokchars) \
	X(trilists,	rx_autocode_span,	ntri,		captri) \
	X(tripool,	uint32_t,			ntripool,	captripool) \
	X(feats,	rx_autocode_feat,	nfeats,		capfeats) \
	X(elpool,	uint32_t,			nelpool,	capelpool) \
	X(clpool,	rx_autocode_vote,	nclpool,	capclpool) \
	X(codes,	rx_autocode_code,	ncodes,		capcodes) \
	X(groups,	rx_autocode_group,	ngroups,	capgroups) \
	X(entries,	rx_autocode_entry,	nentries,	capentries) \
	X(hot,		rx_autocode_hot,	nentries,	caphot) \
	X(pool,		uint32_t,			npool,		cappool) \
	X(labels,	char,				nlabels,	caplabels) \
	X(mw,		float,				capmw,		capmw) \
	X(gclass,	uint8_t,			capgclass,	capgclass) \
	X(gv_start,	uint32_t,			gv_nstart,	gv_capstart) \
	X(gv_group,	uint32_t,			gv_n,		gv_capgroup) \
	X(gv_val,	float,				gv_n,		gv_capval)

/*
 * RX_AUTOCODE_MAPS: every hash map of the index, as X(name, the array its
 * values index).  A map is two arrays of cap slots (keys and values),
 * registered as name.keys and name.vals.
 */
#define RX_AUTOCODE_MAPS(X) \
	X(tokmap,	tokens) \
	X(trimap,	trilists) \
	X(featmap,	feats) \
	X(codemap,	codes) \
	X(groupmap,	groups) \
	X(identmap,	entries) \
	X(sigmap,	entries)

/*
 * What an image is checked against before a query reads it: every index
 * a query follows must lie inside the array it indexes.
 *
 * RX_AUTOCODE_REFS: X(array, element type, member, indexed array,
 * UINT32_MAX allowed): a member of every element indexes another array.
 */
#define RX_AUTOCODE_REFS(X) \
	X(feats,	rx_autocode_feat,	token,	tokens,	true) \
	X(clpool,	rx_autocode_vote,	code,	codes,	false) \
	X(codes,	rx_autocode_code,	grp[0],	groups,	true) \
	X(codes,	rx_autocode_code,	grp[1],	groups,	true) \
	X(codes,	rx_autocode_code,	grp[2],	groups,	true) \
	X(codes,	rx_autocode_code,	grp[3],	groups,	true) \
	X(entries,	rx_autocode_entry,	code,	codes,	false) \
	X(hot,		rx_autocode_hot,	code,	codes,	false)

/*
 * RX_AUTOCODE_BOOLS: X(array, element type, member): a bool member of every
 * element (an image's byte must be 0 or 1 before it is read as a bool).
 */
#define RX_AUTOCODE_BOOLS(X) \
	X(entries,	rx_autocode_entry,	alive)

/* RX_AUTOCODE_IDS: X(array, indexed array): an array of uint32_t ids. */
#define RX_AUTOCODE_IDS(X) \
	X(tripool,	tokens) \
	X(elpool,	entries) \
	X(pool,		feats) \
	X(gv_group,	groups)

/*
 * RX_AUTOCODE_SPANS: X(array, element type, offset member, length member,
 * pool array): every element's [offset, offset + length) lies in the pool.
 */
#define RX_AUTOCODE_SPANS(X) \
	X(tokens,	rx_autocode_token,	off,		len,		tokchars) \
	X(trilists,	rx_autocode_span,	off,		n,			tripool) \
	X(feats,	rx_autocode_feat,	el.off,		el.n,		elpool) \
	X(feats,	rx_autocode_feat,	cl.off,		cl.n,		clpool) \
	X(entries,	rx_autocode_entry,	label_off,	label_len,	labels) \
	X(entries,	rx_autocode_entry,	feat_off,	nfeat,		pool)

/* The registered arrays and map halves, numbered in image order. */
typedef enum rx_autocode_block
{
#define RX_AUTOCODE_X_ARRAY(name, type, count, cap) RX_AUTOCODE_B_##name,
#define RX_AUTOCODE_X_MAP(name, target) RX_AUTOCODE_B_##name##_keys, RX_AUTOCODE_B_##name##_vals,
	RX_AUTOCODE_ARRAYS(RX_AUTOCODE_X_ARRAY)
	RX_AUTOCODE_MAPS(RX_AUTOCODE_X_MAP)
#undef RX_AUTOCODE_X_ARRAY
#undef RX_AUTOCODE_X_MAP
	RX_AUTOCODE_NBLOCKS
} rx_autocode_block;

/* One registered array: where its pointer, count and capacity are in the struct. */
typedef struct rx_autocode_blockdef
{
	const char *name;
	size_t		ptr;			/* offsetof the pointer field */
	size_t		elsize;
	size_t		count;			/* offsetof its uint32_t count */
	size_t		cap;			/* offsetof its uint32_t capacity */
} rx_autocode_blockdef;

/* The registry, in rx_autocode_block order (autocode_index.c). */
extern const rx_autocode_blockdef rx_autocode_blocks[RX_AUTOCODE_NBLOCKS];

/* The pointer field of block b of ix. */
static inline void **
rx_autocode_block_ptr(const rx_autocode_index *ix, int b)
{
	return (void **) ((char *) ix + rx_autocode_blocks[b].ptr);
}

/* The count (elements in use) of block b of ix. */
static inline uint32_t
rx_autocode_block_count(const rx_autocode_index *ix, int b)
{
	uint32_t	n;

	memcpy(&n, (const char *) ix + rx_autocode_blocks[b].count, sizeof(n));
	return n;
}

/* The entries of feature f that are TITLE entries (title matching). */
static inline rx_autocode_ids
rx_autocode_feat_entries(const rx_autocode_index *ix, uint32_t f)
{
	rx_autocode_ids l = {ix->elpool + ix->feats[f].el.off, ix->feats[f].el.n};

	return l;
}

/* The codes of feature f with their weighted counts (the votes). */
static inline rx_autocode_votes
rx_autocode_feat_codes(const rx_autocode_index *ix, uint32_t f)
{
	rx_autocode_votes l = {ix->clpool + ix->feats[f].cl.off, ix->feats[f].cl.n};

	return l;
}

/* The tokens that have trigram list l (fuzzy look-up). */
static inline rx_autocode_ids
rx_autocode_trigram_tokens(const rx_autocode_index *ix, uint32_t l)
{
	rx_autocode_ids t = {ix->tripool + ix->trilists[l].off, ix->trilists[l].n};

	return t;
}

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
	rx_autocode_words	reading;	/* the words with unknown ones replaced by what they were read as */
	double		read_typo;		/* the last query: share of its words read as a typo or by spelling */
	double		read_split;		/* ... as run-together words */
};

/* A weighted query feature. */
typedef struct rx_autocode_qfeat
{
	uint32_t	f;
	float		w;
	int			word;			/* the query word it came from */
} rx_autocode_qfeat;

/* ---- autocode_index.c ---- */

/* Report running out of memory (RX_RANGE with a sentence). */
rx_status	rx_autocode_oom(rx_error *err);

/* Check a parameter set; RX_ARGUMENT with a sentence when one is out of range. */
rx_status	rx_autocode_params_check(const rx_autocode_params *p, rx_error *err);

/* Refuse to change an index opened from an image (RX_ARGUMENT with a sentence). */
rx_status	rx_autocode_readonly(rx_error *err);

/*
 * Make room for `need` elements in the list of feature f (entry list when
 * entries, else code list); false when out of memory.
 */
bool		rx_autocode_feat_reserve(rx_autocode_index *ix, uint32_t f, bool entries, uint32_t need);

/* ---- autocode_image.c ---- */

/* The hash of the layout this code reads and writes (sizes, registry, the fields validated). */
uint64_t	rx_autocode_layout_hash(void);

/* ---- autocode_intern.c ---- */

/* The token id of a spelling, or UINT32_MAX when it was never seen. */
uint32_t	rx_autocode_token_find(const rx_autocode_index *ix, const char *s, size_t len);

/* Intern a spelling; its token id in *out.  False when out of memory. */
bool		rx_autocode_token_intern(rx_autocode_index *ix, const char *s, size_t len, uint32_t *out);

/* The index of the token list of a trigram, or UINT32_MAX when there is none. */
uint32_t	rx_autocode_trigram_find(const rx_autocode_index *ix, uint32_t key);

/* The map key of a feature: its kind in the top byte, then its payload. */
static inline uint64_t
rx_autocode_feature_key(rx_autocode_fkind kind, uint64_t payload)
{
	return ((uint64_t) kind << 56) | (payload & ((UINT64_C(1) << 56) - 1));
}

/* The id of the feature with a key, or UINT32_MAX. */
uint32_t	rx_autocode_feature_find(const rx_autocode_index *ix, uint64_t key);

/* Does feature f (UINT32_MAX: none) carry evidence now (a live entry has it)? */
static inline bool
rx_autocode_feature_live(const rx_autocode_index *ix, uint32_t f)
{
	return f != UINT32_MAX && ix->feats[f].cl.n > 0;
}

/* The live WORD or HEAD feature of token t, or UINT32_MAX. */
uint32_t	rx_autocode_token_feature(const rx_autocode_index *ix, rx_autocode_fkind kind, uint32_t t);

/* Intern a feature; its id in *out.  False when out of memory. */
bool		rx_autocode_feature_intern(rx_autocode_index *ix, uint64_t key, rx_autocode_fkind kind,
									   uint32_t token, uint32_t *out);

/* The padded character 4-grams of a word as 32-bit keys; returns the count. */
int			rx_autocode_grams(const char *w, size_t len, uint32_t *keys);

/* The code index of a code, interning it; false when out of memory. */
bool		rx_autocode_code_intern(rx_autocode_index *ix, int32_t code, uint32_t *out);

/* The group index of a group code at a level, interning it; false when out of memory. */
bool		rx_autocode_group_intern(rx_autocode_index *ix, int level, int32_t code, uint32_t *out);

/* The signature of a split text: the hash of its non-stop words in order (0: none). */
uint64_t	rx_autocode_signature(const rx_autocode_words *w);

/* ---- autocode_train.c ---- */

/*
 * Recompute the statistics and train the classifiers after a change.
 * False when out of memory: the index stays dirty, so the next query
 * tries again.
 */
bool		rx_autocode_refresh(rx_autocode_index *ix);

/*
 * Rebuild the group votes of every feature (the gv_* arrays) from the code
 * lists, the groups' statistics and the parameters.  False when out of
 * memory (no group votes are then given).
 */
bool		rx_autocode_group_votes_build(rx_autocode_index *ix);

/* ---- autocode_scratch.c ---- */

/* Make a scratch area big enough for the index as it is now and k hits. */
bool		rx_autocode_scratch_fit(rx_autocode_scratch *sc, const rx_autocode_index *ix, int k);

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
void		rx_autocode_untouch(rx_autocode_scratch *sc, uint32_t n);

/* ---- autocode_query.c ---- */

/*
 * Add feature f (from query word `word`) with weight w to the query
 * features, keeping the larger weight of a repeated feature.
 */
void		rx_autocode_qfeat_add(rx_autocode_qfeat *q, int *n, uint32_t f, float w, int word);

/* ---- autocode_fuzzy.c ---- */

#define RX_AUTOCODE_READ_MAX		12	/* words one unknown word can be read as */

/*
 * An unknown word that is known words or abbreviations run together (orig:
 * as it stands in the query): the parts' words added and written to read;
 * returns how many (0: none).
 */
int			rx_autocode_split_compound(const rx_autocode_index *ix, const rx_autocode_word *w, const char *orig,
									   size_t norig, int word, rx_autocode_qfeat *q, int *nq, uint32_t *read);

/*
 * Stand-ins for an unknown word: a known word one typo away or, for the
 * last word (last), one it starts (orig[0..norig) is the word unstemmed);
 * else the parts of a run-together word; else known words of similar
 * spelling.  The words a typo, cut or run-together word was read as go to
 * read (room for RX_AUTOCODE_READ_MAX), *split telling run-together words;
 * returns how many.
 */
int			rx_autocode_fuzzy(const rx_autocode_index *ix, rx_autocode_scratch *sc, const rx_autocode_word *w,
							  int word, const char *orig, size_t norig, bool last, rx_autocode_qfeat *q, int *nq,
							  uint32_t *read, bool *split);

/* ---- autocode_calib.c ---- */

/*
 * The raw scores raw[0..ncand) of the ranked candidates (best first) to
 * the calibrated confidences of the first nhit: out[i].raw, out[i].score
 * and out[i].confidence; read_typo and read_split are the shares of the
 * query's words read as a typo (or by spelling) and as run-together words.
 */
void		rx_autocode_calibrate_hits(const rx_autocode_params *p, const double *raw, int ncand,
									   double read_typo, double read_split, rx_autocode_hit *out, int nhit);

#endif							/* RX_AUTOCODE_INT_H */
