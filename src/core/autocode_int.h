/*
 * autocode_int.h — what the files of the autocoder share (internal; the
 * API is autocode.h, the scoring is described in doc/autocode.md).
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
 *   autocode_map.c      the hash map and growable arrays
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

	/*
	 * ==== matching: the group votes of each feature (autocode_train.c) ====
	 * Flat arrays of fixed-size elements indexed by integers, no pointers
	 * between them; rebuilt by rx_autocode_group_votes_build at every
	 * refresh from the code lists, the groups and the parameters (so a
	 * change never has to keep them current):
	 *   gv_start[0 .. gv_nfeats]  the votes of feature f < gv_nfeats (nfeats, or 0 before a
	 *                           build): gv_group and gv_val [gv_start[f] .. gv_start[f + 1])
	 *   gv_group[0 .. gv_n)     a group index (groups of the levels whose w_group is not 0)
	 *   gv_val[0 .. gv_n)       the group's vote per unit of query weight: gidf * T / (T + k),
	 *                           T the feature's weight pooled over the group's codes (BM25)
	 * Grams have none (they vote for codes only).
	 */
	uint32_t   *gv_start;
	uint32_t	gv_capstart;
	uint32_t   *gv_group;
	float	   *gv_val;
	uint32_t	gv_n,
				gv_nfeats,
				gv_capgroup,
				gv_capval;
	/* ==== end matching ==== */
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

/* Free the group votes; their bytes. */
void		rx_autocode_group_votes_free(rx_autocode_index *ix);
size_t		rx_autocode_group_votes_bytes(const rx_autocode_index *ix);

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
