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

#endif							/* RX_TITLE_H */
