/*
 * autocode.h — the occupation autocoder: a title dictionary index and the
 * query "job title -> ranked O*NET-SOC codes with a confidence".
 *
 * The index is built from dictionary entries: a normalized text (what
 * title_normalize() made of the title), a label shown as evidence (usually
 * the original title), an occupation code and a kind.  TITLE entries (O*NET
 * alternate titles, official titles, users' titles) are matched one by one
 * and also vote for their code; DESCRIPTION entries (occupation
 * descriptions) are weaker evidence and only vote.  Entries can be added and
 * removed at any time; statistics are brought up to date lazily by the next
 * query.
 *
 * The code is an opaque int32 to the index; the SQL layer passes the
 * soccode's encoding, the offline evaluation the O*NET-SOC digits
 * (15-1252.00 -> 15125200).  The scoring is described in doc/autocode.md.
 *
 * Memory: every allocation goes through the allocator given at creation
 * (libc by default) and happens when entries are added or when a scratch
 * area first grows; a query on a warmed-up scratch allocates nothing.  The
 * allocator may report failure by returning NULL (the call then fails with
 * RX_RANGE) or by not returning at all (palloc's ereport): every allocation
 * comes before the change it serves, so the index and the scratch stay
 * usable either way.  An index is not safe for concurrent use; give each
 * thread its own scratch and serialize access to the index.
 */
#ifndef RX_AUTOCODE_H
#define RX_AUTOCODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rx_error.h"

#define RX_AUTOCODE_TEXT_MAX			4096	/* bytes of text read from an entry or a query */
#define RX_AUTOCODE_LABEL_MAX		1024	/* bytes of a label kept as evidence */
#define RX_AUTOCODE_TOKENS_MAX		256 /* tokens read from one text */
#define RX_AUTOCODE_TOKEN_LEN_MAX	48	/* longer tokens are ignored */
#define RX_AUTOCODE_ENTRIES_MAX		(1u << 24)	/* live and dead entries of one index */
#define RX_AUTOCODE_K_MAX			1000	/* most candidates one query returns */
#define RX_AUTOCODE_GROUP_LEVELS		4	/* groups of a code, fine to coarse (SOC detailed, broad, minor, major) */

typedef enum rx_autocode_kind
{
	RX_AUTOCODE_TITLE = 0,				/* a job title: matched and votes */
	RX_AUTOCODE_DESCRIPTION = 1			/* a description: votes only, weakly */
} rx_autocode_kind;

/* Allocation hooks; alloc/realloc return NULL on failure. */
typedef struct rx_autocode_allocator
{
	void	   *(*alloc) (void *ctx, size_t size);
	void	   *(*realloc) (void *ctx, void *ptr, size_t size);
	void		(*free) (void *ctx, void *ptr);
	void	   *ctx;
} rx_autocode_allocator;

/*
 * Tuning knobs of the scoring (see doc/autocode.md).  rx_autocode_params_default()
 * gives the values the evaluation chose; changing stem_level after entries
 * were added is refused.
 */
typedef struct rx_autocode_params
{
	double		w_vote;			/* share of the per-code vote in the blend */
	double		w_prior;		/* weight of log(1 + titles of the code) */
	double		w_exact;		/* bonus of an exact (normalized) title match */
	double		exact_typo;		/* factor on it when a word was read as a typo or a cut word */
	double		head_weight;	/* weight of the head-noun feature */
	double		head_miss;		/* factor on a title match that misses the head */
	double		head_first;		/* a query's first word is its head when the chosen one heads below this share of its headness */
	int			match_common;	/* title matching walks features of at most this many titles (0: all) */
	double		gram_weight;	/* weight of character 4-grams in the vote */
	int			gram_codes_max;	/* grams of more codes than this are not looked at (0: all) */
	double		bm25_k1;		/* saturation of the per-code vote */
	double		bm25_b;			/* length normalization of the per-code vote */
	double		fuzzy_weight;	/* weight of a fuzzy stand-in for an unknown word */
	double		fuzzy_min;		/* least trigram similarity of a fuzzy stand-in */
	double		split_weight;	/* weight of the parts of a split compound */
	double		edit_weight;	/* weight of a known word one typo away from an unknown one, or completing it */
	double		w_group[RX_AUTOCODE_GROUP_LEVELS];	/* weight of the vote of a code's group at each level */
	double		w_headshare;	/* weight of the share of a code's titles with the query's head */
	double		w_class;		/* weight of the classifier's probability of the code */
	double		w_class_major;	/* weight of the major-group classifier's probability of its group */
	double		class_rate;		/* the classifier's learning rate */
	int			class_epochs;	/* the classifier's passes over the titles */
	double		temperature;	/* softmax temperature of the confidence */
	double		null_score;		/* raw score of "none of these" in the softmax */
	double		calib_a;		/* confidence = logistic(a ln p - c ln(1 - p) + b), p the softmax */
	double		calib_b;
	double		calib_c;
	double		calib_typo;		/* ... + calib_typo * (share of words read as a typo) */
	double		calib_split;	/* ... + calib_split * (share read as run-together words) */
	int			stem_level;		/* 0 none, 1 plurals, 2 plurals and suffixes */
	bool		head_window;	/* raw titles: the head noun in the first segment (rx_autocode_head_window) */
} rx_autocode_params;

typedef struct rx_autocode_index rx_autocode_index;
typedef struct rx_autocode_scratch rx_autocode_scratch;

/* One dictionary entry to add or remove. */
typedef struct rx_autocode_entry_in
{
	const char *text;			/* normalized text, not NUL-terminated */
	size_t		text_len;
	const char *label;			/* evidence label; with code and kind the identity */
	size_t		label_len;
	int32_t		code;
	rx_autocode_kind		kind;
	double		weight;			/* 0.001 to 100; rx_autocode_default_weight(kind) */
	size_t		head_end;		/* the head noun starts before this byte; 0: anywhere */
} rx_autocode_entry_in;

/* One candidate code of a query, best first. */
typedef struct rx_autocode_hit
{
	int32_t		code;
	double		score;			/* calibrated confidence in [0, 1] */
	double		raw;			/* the uncalibrated score, for diagnostics */
	int16_t		confidence;		/* score rounded to a confidence encoding (confidence.h) */
	const char *evidence;		/* the deciding title's label or the matched words */
	size_t		evidence_len;	/* valid until the next query or change */
	bool		exact;			/* an entry's normalized text equals the query's */
	bool		titled;			/* evidence is the label of the title that decided (else the query's words) */
	double		weight;			/* that title's entry weight (titled hits; else 0) */
} rx_autocode_hit;

/* What rx_autocode_code_title found out about a title besides its hits. */
typedef struct rx_autocode_coding
{
	int			n;				/* hits written to out */
	bool		needs_review;	/* the review rule over the best two (rx_confidence_needs_review) */
	const char *norm;			/* the normalized title, in the work memory (NUL-terminated) */
	size_t		normlen;
	size_t		head_end;		/* its head window (rx_autocode_head_window; 0: anywhere) */
	double		read_typo;		/* share of its words read as a typo or a cut word, or by spelling */
	double		read_split;		/* share of its words read as run-together words and abbreviations */
} rx_autocode_coding;

/* The default scoring parameters. */
rx_autocode_params	rx_autocode_params_default(void);

/* The default weight of an entry of a kind (1 for titles). */
double		rx_autocode_default_weight(rx_autocode_kind kind);

/* A new empty index; alloc NULL means libc.  NULL when out of memory. */
rx_autocode_index   *rx_autocode_index_create(const rx_autocode_allocator *alloc, const rx_autocode_params *params);

/* Free an index and everything it owns (NULL is ignored). */
void		rx_autocode_index_free(rx_autocode_index *ix);

/* Replace the scoring parameters (stem_level only while the index is empty). */
rx_status	rx_autocode_index_set_params(rx_autocode_index *ix, const rx_autocode_params *params, rx_error *err);

/* The scoring parameters in use. */
rx_autocode_params	rx_autocode_index_params(const rx_autocode_index *ix);

/*
 * Set the groups of a code, fine to coarse (for O*NET-SOC: the detailed SOC
 * occupation, the broad, minor and major groups),
 * 0 for none.  Entries pool their evidence in their code's groups too, and
 * a code's score takes part of its groups' votes (w_group).  Groups may be
 * set before or after the code's entries are added, and changed.
 */
rx_status	rx_autocode_set_groups(rx_autocode_index *ix, int32_t code, const int32_t groups[RX_AUTOCODE_GROUP_LEVELS],
						  rx_error *err);

/* Add one entry.  Texts without any word are accepted and never match. */
rx_status	rx_autocode_add(rx_autocode_index *ix, const rx_autocode_entry_in *in, rx_error *err);

/*
 * Remove one live entry with the same label, code and kind as `in` (its
 * text and weight are not compared); *found says whether there was one.
 */
rx_status	rx_autocode_remove(rx_autocode_index *ix, const rx_autocode_entry_in *in, bool *found, rx_error *err);

/* Live entries, live entries of a kind, and distinct codes with any entry. */
uint32_t	rx_autocode_index_size(const rx_autocode_index *ix);
uint32_t	rx_autocode_index_count(const rx_autocode_index *ix, rx_autocode_kind kind);
uint32_t	rx_autocode_index_codes(const rx_autocode_index *ix);

/* Bytes held by the index (its arrays, tables and strings). */
size_t		rx_autocode_index_bytes(const rx_autocode_index *ix);

/*
 * Pack the index's lists: each exactly as long as it is, with no room
 * left between them (what an image holds; it saves memory once an index
 * is built).  The index stays usable and can still change.  RX_RANGE when
 * memory runs out (nothing changed).
 */
rx_status	rx_autocode_index_pack(rx_autocode_index *ix, rx_error *err);

/*
 * Recompute the statistics that depend on the whole dictionary (and train
 * the classifiers) now, if a change left them stale; otherwise the next
 * query does.  Lets a caller pay for it when it builds the index.
 * RX_RANGE when memory runs out (the index stays usable and stale).
 */
rx_status	rx_autocode_index_refresh(rx_autocode_index *ix, rx_error *err);

/*
 * Images.  An index can be written as one block of bytes, pointer-free,
 * and opened in place from it: a read-only index whose arrays are the
 * image's (autocode_image.c; the SQL glue maps an image file into every
 * backend).  Opening checks the image whole — length, checksums, layout,
 * every index a query follows — and refuses (RX_SYNTAX, with a sentence)
 * one that is truncated, corrupted or written by another layout.
 */
#define RX_AUTOCODE_IMAGE_BUILD_MAX	64
#define RX_AUTOCODE_IMAGE_IDENT_MAX	64

/* What the writer says about an image (kept in it, returned by open). */
typedef struct rx_autocode_image_meta
{
	char		build[RX_AUTOCODE_IMAGE_BUILD_MAX];	/* the writer's build, NUL-padded */
	unsigned char ident[RX_AUTOCODE_IMAGE_IDENT_MAX];	/* what it is an index of (caller-defined) */
	int64_t		built_at;		/* when (caller's clock) */
	double		build_ms;		/* how long the build took */
} rx_autocode_image_meta;

/*
 * Bring ix up to date (rx_autocode_index_refresh) and pack it
 * (rx_autocode_index_pack); *size is the size of its image with extra_len
 * bytes of the caller's data.
 */
rx_status	rx_autocode_image_prepare(rx_autocode_index *ix, size_t extra_len, size_t *size, rx_error *err);

/*
 * Write the image of a prepared ix, with meta and the caller's extra
 * bytes, into buf (cap bytes, at least the size prepare gave; any memory
 * aligned to 8 bytes).
 */
rx_status	rx_autocode_image_write(const rx_autocode_index *ix, const rx_autocode_image_meta *meta,
									const void *extra, size_t extra_len, void *buf, size_t cap,
									rx_error *err);

/*
 * Open the image buf[0..len) in place: buf must be aligned to 8 bytes and
 * stay unchanged and readable while the index lives (rx_autocode_index_free
 * frees only what open allocated).  alloc (NULL: libc) allocates the
 * index's struct and the scratch areas made for it.  *meta, *extra and
 * *extra_len (each may be NULL) get the writer's meta and data.
 */
rx_status	rx_autocode_image_open(const void *buf, size_t len, const rx_autocode_allocator *alloc,
								   rx_autocode_index **out, rx_autocode_image_meta *meta,
								   const void **extra, size_t *extra_len, rx_error *err);

/* (Re)compute the checksums of an image in buf[0..len) (writers and tests). */
void		rx_autocode_image_seal(void *buf, size_t len);

/* The 64-bit checksum images use, of s[0..len). */
uint64_t	rx_autocode_checksum(const void *s, size_t len);

/* A scratch area for queries on ix; NULL when out of memory. */
rx_autocode_scratch *rx_autocode_scratch_create(const rx_autocode_index *ix);

/* Free a scratch area (NULL is ignored). */
void		rx_autocode_scratch_free(rx_autocode_scratch *sc);

/*
 * Code the normalized title text[0..len): fill out[0..*nout) with at most k
 * candidates, best first; ties are ordered by code.  A text with no word the
 * index knows gives no candidate.  k < 0 or k > RX_AUTOCODE_K_MAX is RX_ARGUMENT.
 */
rx_status	rx_autocode_query(rx_autocode_index *ix, rx_autocode_scratch *sc, const char *text, size_t len,
					 int k, rx_autocode_hit *out, int *nout, rx_error *err);

/*
 * rx_autocode_query with the query's head noun looked for before byte head_end of
 * the text only (0: anywhere), as rx_autocode_head_window gives it.
 */
rx_status	rx_autocode_query_head(rx_autocode_index *ix, rx_autocode_scratch *sc, const char *text, size_t len,
						  size_t head_end, int k, rx_autocode_hit *out, int *nout, rx_error *err);

/*
 * Where the head noun of a raw job title may be, in its normalized text
 * norm[0..normlen) (rx_title_normalize of the title): the length of the
 * normalized first segment when the title has one that names the job —
 * the part before a parenthesis or bracket ("Parole Officer (PO)"), a
 * spaced dash ("Data Engr - EMEA Team") or a bar, or a single job word
 * before a comma ("Manager, Client Success Team"; not a list such as
 * "Health, Safety, and Environmental Manager") — and 0 (anywhere)
 * otherwise.  The title is UTF-8.
 */
size_t		rx_autocode_head_window(const char *title, size_t len, const char *norm, size_t normlen);

/*
 * The pipelines over raw job titles (autocode_code.c), one for each use;
 * every caller (the SQL glue, the offline evaluation) goes through them,
 * so that a title is read the same way everywhere.  Both work in
 * caller-provided memory of rx_autocode_work_size(len) bytes (any
 * alignment): the normalized title and the normalizer's scratch.
 */
size_t		rx_autocode_work_size(size_t len);

/*
 * Add one dictionary row: in->text is the raw title (or description),
 * UTF-8; it is normalized (rx_title_normalize's rules), a title's head
 * window found (rx_autocode_head_window, when params.head_window;
 * in->head_end is ignored), and the entry added with in's label, code,
 * kind and weight.  RX_ENCODING or RX_LIMIT when the text is not a
 * readable title (invalid UTF-8, over 1 MiB), else as rx_autocode_add.
 */
rx_status	rx_autocode_add_title(rx_autocode_index *ix, const rx_autocode_entry_in *in, void *work,
								  size_t workcap, rx_error *err);

/*
 * Code one raw job title s[0..len) (UTF-8): normalize it, find its head
 * window (when params.head_window), query the index for at most k
 * candidates into out (room for k; each with its confidence), and apply
 * the review rule to the best two — the second is looked for even when k
 * is 1.  *coding says how many hits, whether they need review, the
 * normalized title and its head window.  k = 0 only reads the title (no
 * query): a caller that keeps answers by what the index reads — the
 * normalized text and the head window — asks rx_autocode_query_head
 * itself.  RX_ENCODING or RX_LIMIT when the title is not readable, else as
 * rx_autocode_query.
 */
rx_status	rx_autocode_code_title(rx_autocode_index *ix, rx_autocode_scratch *sc, const char *s, size_t len,
							 void *work, size_t workcap, int k, rx_autocode_hit *out,
							 rx_autocode_coding *coding, rx_error *err);

#endif							/* RX_AUTOCODE_H */
