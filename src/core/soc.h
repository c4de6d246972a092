/*
 * soc.h — the soccode type: US SOC 2018 and O*NET-SOC 2019 codes.
 *
 * A code NN-ABCD is a major group (NN-0000), a minor group (NN-AB00), a
 * broad group (NN-ABC0) or a detailed occupation (NN-ABCD, D not 0); a
 * detailed occupation may carry an O*NET-SOC suffix .SS (15-1252.01).  The
 * level follows from the digits.  Valid major groups are the odd numbers
 * 11 to 53 and 55.  Below a major group the digit A is 1–9, and a detailed
 * occupation's C is 1–9, so that every code has a complete chain of groups
 * above it.
 *
 * A code is encoded in one non-negative int32 whose integer order is the
 * wanted order (numeric, a group before its members, 15-1252 before
 * 15-1252.00 before 15-1252.01):
 *
 *     value = NNABCD * 1000 + (SS + 1, or 0 without a suffix)
 *
 * so 15-1252 is 151252000 and 15-1252.01 is 151252002.  The largest value
 * is 559999100.  The encoding is on disk and on the wire (binary send/recv);
 * it must never change.
 *
 * The hierarchy follows SOC 2018, whose structure has places where the
 * digits alone mislead:
 *   - a minor group is NN-A000, except the three SOC 2018 minor groups
 *     with four significant digits (15-1200, 31-1100, 51-5100), which hold
 *     the codes NN-AB00 … NN-AB99;
 *   - a detailed occupation sits in broad group NN-ABC0, except
 *     29-1221 … 29-1229, which sit in broad group 29-1210 (Physicians).
 * Both exceptions are the small tables in soc.c; the unit and regression
 * tests prove them complete against every code of SOC 2018.  Codes that do
 * not exist in SOC 2018 but are well formed follow the same rules.
 */
#ifndef RX_SOC_H
#define RX_SOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rx_error.h"

#define RX_SOC_SCALE		1000	/* value = six digits * RX_SOC_SCALE + suffix key */
#define RX_SOC_TEXT_MAX	16		/* enough for "15-1252.01" and its NUL */
#define RX_SOC_VALUE_MIN	110000000	/* 11-0000 */
#define RX_SOC_VALUE_MAX	559999100	/* 55-9999.99 */
#define RX_SOC_PATH_MAX	5		/* major, minor, broad, detailed, O*NET */

/* Levels, in depth order: a major group is at depth 0. */
typedef enum rx_soc_level
{
	RX_SOC_MAJOR = 0,
	RX_SOC_MINOR,
	RX_SOC_BROAD,
	RX_SOC_DETAILED,
	RX_SOC_ONET
} rx_soc_level;

/* Parse a SOC or O*NET-SOC code (trimmed; hyphen optional) into its value. */
rx_status	rx_soc_parse(const char *s, size_t len, int32_t *out, rx_error *err);

/* Is v the value of some valid code? (binary input checks with this) */
bool		rx_soc_valid(int32_t v);

/* Write the canonical text of a valid code into buf; returns its length. */
size_t		rx_soc_format(int32_t v, char *buf);

/* The level of a valid code. */
rx_soc_level	rx_soc_level_of(int32_t v);

/* The name of a level: "major", "minor", "broad", "detailed", "onet". */
const char *rx_soc_level_name(rx_soc_level level);

/* Read a level name (case-insensitive, trimmed); RX_ARGUMENT if unknown. */
rx_status	rx_soc_level_parse(const char *s, size_t len, rx_soc_level *out,
							rx_error *err);

/* The parent group of a valid code; false for a major group. */
bool		rx_soc_parent(int32_t v, int32_t *parent);

/*
 * The ancestor-or-self of v at the given level; false when v sits above
 * that level (a broad group has no detailed ancestor).
 */
bool		rx_soc_ancestor(int32_t v, rx_soc_level level, int32_t *out);

/* Is g an ancestor of v, or v itself? (the <@ / @> relation) */
bool		rx_soc_contains(int32_t g, int32_t v);

/*
 * Edges on the tree path between a and b through their lowest common
 * ancestor; codes of different major groups meet at an implicit root
 * above the major groups.
 */
int			rx_soc_distance(int32_t a, int32_t b);

/*
 * The path from v's major group down to v itself into path[0..n); returns
 * n, which is v's level + 1.
 */
int			rx_soc_path(int32_t v, int32_t path[RX_SOC_PATH_MAX]);

/*
 * The closed range [lo, hi] of values that holds every code g contains.
 * exact is true when every valid code in the range is contained in g, so
 * that the range alone decides containment; it is false when an exception
 * of the hierarchy puts non-members inside the range.
 */
void		rx_soc_subtree(int32_t g, int32_t *lo, int32_t *hi, bool *exact);

#endif							/* RX_SOC_H */
