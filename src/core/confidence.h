/*
 * confidence.h — an alias or match confidence in [0, 1], to 4 decimals.
 *
 * A confidence is encoded as an int16 count of ten-thousandths, 0 … 10000,
 * so 0.6 is 6000 and 1 is 10000.  Integer order is confidence order.  The
 * encoding is on disk and on the wire (binary send/recv); it must never
 * change.
 *
 * Text input is strict: it never rounds.  Conversions from numbers (numeric,
 * float8, aggregate results) round to the nearest ten-thousandth, ties away
 * from zero, and are range-checked after rounding.
 */
#ifndef RX_CONFIDENCE_H
#define RX_CONFIDENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rx_error.h"

#define RX_CONFIDENCE_ONE			10000	/* the encoding of 1 */
#define RX_CONFIDENCE_DECIMALS		4		/* decimals kept */
#define RX_CONFIDENCE_TEXT_MAX		8		/* enough for "0.6051" and its NUL */

/* Bands of a confidence: low < 0.50 <= medium < 0.80 <= high. */
#define RX_CONFIDENCE_MEDIUM_MIN	5000
#define RX_CONFIDENCE_HIGH_MIN		8000
typedef enum rx_confidence_band_t
{
	RX_CONFIDENCE_BAND_LOW = 0,
	RX_CONFIDENCE_BAND_MEDIUM,
	RX_CONFIDENCE_BAND_HIGH
} rx_confidence_band_t;

/*
 * Parse a confidence literal (trimmed): 0.6, 0.60, .6, 1, 0, 60%, 60.5%.
 * Never rounds: a nonzero digit past the 4th decimal (the 2nd of a
 * percentage) is a syntax error; extra zeros (0.60000) are accepted.
 * Below 0 or above 1 is RX_RANGE, anything malformed RX_SYNTAX.
 */
rx_status	rx_confidence_parse(const char *s, size_t len, int16_t *out, rx_error *err);

/*
 * Round a decimal number — optional sign, digits with an optional point,
 * optional exponent (e.g. 1e-05), or NaN / Infinity / -Infinity — to the
 * nearest ten-thousandth, ties away from zero, and range-check the result.
 * NaN, infinities and results outside [0, 1] are RX_RANGE.
 */
rx_status	rx_confidence_round_decimal(const char *s, size_t len, int16_t *out,
							 rx_error *err);

/*
 * A double to a confidence: read at 15 significant digits (as PostgreSQL's
 * float8-to-numeric cast does), then rounded as rx_confidence_round_decimal does.
 */
rx_status	rx_confidence_from_double(double x, int16_t *out, rx_error *err);

/*
 * 1 - p for a double p in [0, 1], rounded as rx_confidence_from_double would round
 * it, but computed from p's own digits so that an exact tie in 1 - p stays
 * a tie (the confidence_any final step).
 */
rx_status	rx_confidence_from_double_complement(double p, int16_t *out, rx_error *err);

/* Is v the encoding of some confidence? (binary input checks with this) */
bool		rx_confidence_valid(int32_t v);

/* Canonical text of a valid confidence: 2 decimals, more when needed. */
size_t		rx_confidence_format(int16_t v, char *buf);

/* a & b: the product, rounded to 4 decimals, ties up. */
int16_t		rx_confidence_and(int16_t a, int16_t b);

/* a | b: 1 - (1 - a)(1 - b), rounded to 4 decimals, ties up. */
int16_t		rx_confidence_or(int16_t a, int16_t b);

/* The band of a valid confidence. */
rx_confidence_band_t	rx_confidence_band(int16_t v);

/*
 * The review rule of every ranked answer roleext gives (resolve_title,
 * soc_autocode and the offline evaluation): a person should look at it
 * when the best confidence is below 0.30, or when the best two are within
 * 0.10 of each other, 0.10 included ("within" as doc/titles.md says it).
 * It reads confidences, so callers round their scores first.
 */
#define RX_CONFIDENCE_REVIEW_BELOW	3000	/* best below 0.30 */
#define RX_CONFIDENCE_REVIEW_WITHIN	1000	/* the best two at most 0.10 apart */

/*
 * Does an answer of n candidates whose best two confidences are best and
 * second (second is ignored when n < 2) need review?  No candidate does.
 */
bool		rx_confidence_needs_review(size_t n, int16_t best, int16_t second);

#endif							/* RX_CONFIDENCE_H */
