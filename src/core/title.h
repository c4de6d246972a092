/*
 * title.h — job-title normalization and level inference (HRIS titles).
 *
 * rx_title_normalize() turns a free-text job title into the words of the job:
 * lower case, accents folded, punctuation gone, abbreviations expanded,
 * noise (work arrangements, contract terms, requisition numbers, a trailing
 * location) removed and the level words taken out:
 *
 *     "Sr. DevOps Eng II (Remote)"  ->  "devops engineer"
 *
 * rx_title_level() reads the level the title names as a rolelevel encoding
 * (level.h): "Sr. DevOps Eng II (Remote)" -> P3.  The rules, the word lists
 * and worked examples are in doc/titles.md.
 *
 * Both read UTF-8 and are pure functions of their input: no locale, no
 * setting, no allocation except, for titles longer than a few hundred
 * bytes, one scratch block (see rx_title_analyze for a caller-provided one).
 * Normalization is idempotent: rx_title_normalize of a normalized title returns
 * it unchanged.
 */
#ifndef RX_TITLE_H
#define RX_TITLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rx_error.h"

/* Every output byte comes from at most 1/RX_TITLE_GROWTH input bytes. */
#define RX_TITLE_GROWTH		12

/* Longest title read, in bytes; a longer one fails with RX_LIMIT. */
#define RX_TITLE_MAX_LEN		1048576

/* Upper bound of the normalized length for an input of len bytes. */
size_t		rx_title_out_capacity(size_t len);

/*
 * Normalize title s[0..len) into out (capacity >= rx_title_out_capacity(len)),
 * NUL-terminated; *outlen = bytes written without the NUL.  Words are
 * separated by single ASCII spaces, no leading/trailing space; a blank or
 * all-noise title gives "".  Invalid UTF-8 -> RX_ENCODING with a detail
 * sentence; longer than RX_TITLE_MAX_LEN -> RX_LIMIT; outcap too small ->
 * RX_ARGUMENT.
 */
rx_status	rx_title_normalize(const char *s, size_t len, char *out, size_t outcap,
						 size_t *outlen, rx_error *err);

/*
 * The level the title names, as a rolelevel encoding (src/core/level.h):
 * *found = false when none.  Invalid UTF-8 -> RX_ENCODING.
 */
rx_status	rx_title_level(const char *s, size_t len, bool *found, int32_t *level,
					 rx_error *err);

/* What rx_title_analyze found out about a title besides its normalized text. */
typedef struct rx_title_info
{
	bool		has_level;		/* the level rx_title_level returns */
	int32_t		level;
	bool		has_grade;		/* strongest grade word or numeral (P track) */
	int32_t		grade;
	bool		has_rank;		/* strongest rank noun (M or E track) */
	int32_t		rank;
	bool		trainee;		/* the title ends with intern/trainee/apprentice */
	int			rounds;			/* rounds of word rules run (for tests: 2 or 3) */
} rx_title_info;

/* Bytes of scratch memory rx_title_analyze needs for an input of len bytes. */
size_t		rx_title_scratch_size(size_t len);

/*
 * Both results in one pass, with caller-provided scratch memory
 * (scratchcap >= rx_title_scratch_size(len), any alignment).  out may be NULL
 * (then outcap and outlen are ignored) and so may info.  Errors as for
 * rx_title_normalize.
 */
rx_status	rx_title_analyze(const char *s, size_t len, void *scratch, size_t scratchcap,
					   char *out, size_t outcap, size_t *outlen, rx_title_info *info,
					   rx_error *err);

/*
 * The job phrase of a normalized title: its first RX_TITLE_PHRASE_MAX bytes,
 * cut at the last word boundary within them (inside a longer first word:
 * at the last character boundary).  It is what resolve_title matches
 * against the names of roles, and what the base level of rx_title_claims
 * is read from; every job title known fits whole (the longest O*NET title
 * normalizes to 128 bytes), and it bounds the cost of both for any input.
 */
#define RX_TITLE_PHRASE_MAX	256

/* The length of the job phrase of normalized title norm[0..len) (UTF-8). */
size_t		rx_title_phrase_len(const char *norm, size_t len);

/*
 * What a job title says about its level, for comparing two titles
 * (resolve_title compares an HRIS title with the names of roles):
 *
 *  level  the level it names (rx_title_level);
 *  base   the level its job phrase names on its own: the rank noun of the
 *         job, if any ("manager" in "Customer Success Manager");
 *  words  its level words: the level when it differs from the base, else
 *         the grade of its grade words (title_level_words in SQL).
 *         "Senior Customer Success Manager": M3; "Customer Success
 *         Manager III": P3; "Customer Success Manager": none.
 */
typedef struct rx_title_claims
{
	bool		has_level;
	int32_t		level;
	bool		has_base;
	int32_t		base;
	bool		has_words;
	int32_t		words;
} rx_title_claims;

/* Bytes of work memory rx_title_claims_of needs for a title of len bytes. */
size_t		rx_title_claims_work_size(size_t len);

/*
 * The claims of title s[0..len) and its job phrase, from one analysis of
 * the title and one of its phrase, in caller-provided work memory
 * (workcap >= rx_title_claims_work_size(len), any alignment).  *phrase
 * points into work (UTF-8, NUL-terminated) and *phraselen is its length;
 * phrase may be NULL.  Errors as for rx_title_normalize.
 */
rx_status	rx_title_claims_of(const char *s, size_t len, void *work, size_t workcap,
							   const char **phrase, size_t *phraselen, rx_title_claims *claims,
							   rx_error *err);

/* What the normalizer makes of one word on its own (rx_title_word_form). */
typedef enum rx_title_word_kind
{
	RX_TITLE_WORD_PLAIN = 0,	/* kept as it is (unknown to the lexicon, or a word of the job) */
	RX_TITLE_WORD_EXPANDS,		/* an abbreviation: its words in out */
	RX_TITLE_WORD_DROPPED		/* a grade, level or noise word: removed */
} rx_title_word_kind;

/*
 * What the normalizer's lexicon makes of the single word w[0..len) (lower
 * case ASCII), without its context: an abbreviation expands to its head
 * form ("mgr" -> "manager", "acctg" -> "accounting"; the words, separated
 * by spaces, into out, no NUL, and their length into *outlen, when they fit in
 * cap); a grade or noise word, or the abbreviation of one, goes ("sr",
 * "remote").  For readers that meet a word the normalizer never saw
 * alone, such as the parts of a run-together word ("AcctgAssoc"); no
 * allocation, no error.
 */
rx_title_word_kind rx_title_word_form(const char *w, size_t len, char *out, size_t cap, size_t *outlen);

#endif							/* RX_TITLE_H */
