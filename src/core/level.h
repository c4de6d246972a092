/*
 * level.h — the rolelevel coordinate: track letters plus a rank (P1, M3, IC3).
 *
 * A level is encoded in one non-negative int32 whose integer order is the
 * order of levels: track first (S, P, M, E, then any other track
 * alphabetically), then rank.  The encoding is
 *
 *     value = track_key * 100 + rank
 *
 * where track_key is 0, 1, 2, 3 for S, P, M, E and, for any other track of
 * letters c1 c2 c3 (A = 1 … Z = 26, a missing letter = 0),
 * 4 + c1·27² + c2·27 + c3.  The largest value is 1,968,699.  The encoding is
 * on disk and on the wire (binary send/recv); it must never change.
 */
#ifndef RX_LEVEL_H
#define RX_LEVEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rx_error.h"

#define RX_LEVEL_TRACK_MAX	3		/* letters in a track */
#define RX_LEVEL_RANK_MAX		99		/* highest rank */
#define RX_LEVEL_TEXT_MAX		8		/* enough for "ABC99" and its NUL */
#define RX_LEVEL_VALUE_MAX	1968699 /* largest valid encoding */

/* Parse a level literal (trimmed, case-insensitive) into its encoding. */
rx_status	rx_level_parse(const char *s, size_t len, int32_t *out, rx_error *err);

/* Build a level from a track (trimmed, case-insensitive) and a rank. */
rx_status	rx_level_make(const char *track, size_t len, int64_t rank, int32_t *out,
					rx_error *err);

/* Is v the encoding of some level? (binary input checks with this) */
bool		rx_level_valid(int32_t v);

/* Write the canonical text of a valid level into buf; returns its length. */
size_t		rx_level_format(int32_t v, char *buf);

/* Write the track letters of a valid level into buf; returns their count. */
size_t		rx_level_track(int32_t v, char *buf);

/* The rank of a valid level. */
int			rx_level_rank(int32_t v);

/*
 * Parse a span of levels, "P1–P4" (en or em dash), "P1-P4", "P1..P4" or a
 * single level "P3", into its closed ends.  A span whose lower end is above
 * its upper end is a syntax error.
 */
rx_status	rx_level_parse_span(const char *s, size_t len, int32_t *lo, int32_t *hi,
						  rx_error *err);

#endif							/* RX_LEVEL_H */
