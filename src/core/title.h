/*
 * title.h — job-title normalization and level inference (HRIS titles).
 *
 * tn_normalize() turns a free-text job title into the words of the job:
 * lower case, accents folded, punctuation gone, abbreviations expanded,
 * noise (work arrangements, contract terms, requisition numbers, a trailing
 * location) removed and the level words taken out:
 *
 *     "Sr. DevOps Eng II (Remote)"  ->  "devops engineer"
 *
 * tn_level() reads the level the title names as a rolelevel encoding
 * (level.h): "Sr. DevOps Eng II (Remote)" -> P3.  The rules, the word lists
 * and worked examples are in doc/titles.md.
 *
 * Both read UTF-8 and are pure functions of their input: no locale, no
 * setting, no allocation except, for titles longer than a few hundred
 * bytes, one scratch block (see tn_analyze for a caller-provided one).
 * Normalization is idempotent: tn_normalize of a normalized title returns
 * it unchanged.
 */
#ifndef TN_TITLE_H
#define TN_TITLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rx_error.h"

/* Every output byte comes from at most 1/TN_GROWTH input bytes. */
#define TN_GROWTH		12

/* Longest title read, in bytes; a longer one fails with RX_LIMIT. */
#define TN_MAX_LEN		1048576

/* Upper bound of the normalized length for an input of len bytes. */
size_t		tn_out_capacity(size_t len);

/*
 * Normalize title s[0..len) into out (capacity >= tn_out_capacity(len)),
 * NUL-terminated; *outlen = bytes written without the NUL.  Words are
 * separated by single ASCII spaces, no leading/trailing space; a blank or
 * all-noise title gives "".  Invalid UTF-8 -> RX_ENCODING with a detail
 * sentence; longer than TN_MAX_LEN -> RX_LIMIT; outcap too small ->
 * RX_ARGUMENT.
 */
rx_status	tn_normalize(const char *s, size_t len, char *out, size_t outcap,
						 size_t *outlen, rx_error *err);

/*
 * The level the title names, as a rolelevel encoding (src/core/level.h):
 * *found = false when none.  Invalid UTF-8 -> RX_ENCODING.
 */
rx_status	tn_level(const char *s, size_t len, bool *found, int32_t *level,
					 rx_error *err);

/* What tn_analyze found out about a title besides its normalized text. */
typedef struct tn_info
{
	bool		has_level;		/* the level tn_level returns */
	int32_t		level;
	bool		has_grade;		/* strongest grade word or numeral (P track) */
	int32_t		grade;
	bool		has_rank;		/* strongest rank noun (M or E track) */
	int32_t		rank;
	bool		trainee;		/* the title ends with intern/trainee/apprentice */
	int			rounds;			/* rounds of word rules run (for tests: 2 or 3) */
} tn_info;

/* Bytes of scratch memory tn_analyze needs for an input of len bytes. */
size_t		tn_scratch_size(size_t len);

/*
 * Both results in one pass, with caller-provided scratch memory
 * (scratchcap >= tn_scratch_size(len), any alignment).  out may be NULL
 * (then outcap and outlen are ignored) and so may info.  Errors as for
 * tn_normalize.
 */
rx_status	tn_analyze(const char *s, size_t len, void *scratch, size_t scratchcap,
					   char *out, size_t outcap, size_t *outlen, tn_info *info,
					   rx_error *err);

#endif							/* TN_TITLE_H */
