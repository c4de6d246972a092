/*
 * rolecode.h — role and taxonomy codes: DEI, DEI.GEN, DEI.GEN.P1.
 *
 * A code is 1 to 8 labels separated by dots; a label is 1 to 16 characters
 * of [A-Z0-9_].  Input is case-insensitive (and trimmed of white space
 * around it); the canonical text is upper case.  When a code has two or
 * more labels and its last label has the level form (the rolelevel grammar:
 * 1-3 letters then 1-2 digits), that label is the code's level.
 *
 * A value is its canonical text plus one info byte:
 *
 *     bits 0-3  number of labels (1-8)
 *     bit  4    the last label is a level (RX_CODE_INFO_LEVEL)
 *     bits 5-7  zero
 *
 * The info byte is derived from the text (rx_code_info), so two values are equal
 * exactly when their texts are.  Order is label by label, a code before its
 * extensions; because '.' (0x2E) sorts below every label character
 * ('0'-'9' 0x30-0x39, 'A'-'Z' 0x41-0x5A, '_' 0x5F), that order is plain
 * byte order of the canonical text (memcmp, then length), and the
 * descendants of a code X are exactly the codes c with X <= c < succ(X)
 * (rx_code_subtree_end).  The text and the info byte are on disk; their meaning
 * must never change.
 */
#ifndef RX_CODE_H
#define RX_CODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rx_error.h"

#define RX_CODE_LABELS_MAX	8		/* labels in a code */
#define RX_CODE_LABEL_MAX	16		/* characters in a label */
#define RX_CODE_TEXT_MAX		(RX_CODE_LABELS_MAX * (RX_CODE_LABEL_MAX + 1) - 1)	/* 135 */

#define RX_CODE_INFO_DEPTH	0x0F	/* mask: number of labels */
#define RX_CODE_INFO_LEVEL	0x10	/* flag: the last label is the level */

/* A code built by the core: info byte and NUL-terminated canonical text. */
typedef struct rx_code
{
	uint8_t		info;
	size_t		len;
	char		text[RX_CODE_TEXT_MAX + 1];
} rx_code;

/* Parse a code literal (trimmed, case-insensitive) into its canonical form. */
rx_status	rx_code_parse(const char *s, size_t len, rx_code *out, rx_error *err);

/* The info byte of a canonical text (depth and level flag). */
uint8_t		rx_code_info(const char *text, size_t len);

/* The number of labels of a code, from its info byte. */
int			rx_code_depth(uint8_t info);

/* Does the code end in a level? (from its info byte) */
bool		rx_code_has_level(uint8_t info);

/* Is c a label character of the canonical text ([A-Z0-9_])? */
bool		rx_code_is_label_char(char c);

/* Order of two canonical texts: negative, zero or positive. */
int			rx_code_compare(const char *a, size_t alen, const char *b, size_t blen);

/* Is a a descendant of b, or b itself (a <@ b)? */
bool		rx_code_descends(const char *a, size_t alen, const char *b, size_t blen);

/* The level of a code ending in one (rolelevel encoding); false if none. */
bool		rx_code_level(const char *text, size_t len, uint8_t info, int32_t *level);

/* The code without its level (the code itself when it has none). */
void		rx_code_family(const char *text, size_t len, uint8_t info, rx_code *out);

/*
 * The first n labels of a code; n greater than the depth gives the whole
 * code.  n < 1 is an RX_ARGUMENT error.
 */
rx_status	rx_code_prefix(const char *text, size_t len, int64_t n, rx_code *out,
					  rx_error *err);

/*
 * The code with a level label appended.  RX_ARGUMENT when the code already
 * ends in a level or already has 8 labels.
 */
rx_status	rx_code_append_level(const char *text, size_t len, uint8_t info,
							int32_t level, rx_code *out, rx_error *err);

/*
 * succ(X): the least valid code above every descendant of X, so that the
 * subtree of X is exactly { c : X <= c < succ(X) } over valid codes.
 * Usually X followed by "0" (DEI.GEN -> DEI.GEN0); when the last label is
 * full, the next code by carrying.  Returns false when no valid code is
 * above the subtree (every label of X is sixteen underscores): the subtree
 * is then { c : c >= X }.
 */
bool		rx_code_subtree_end(const char *text, size_t len, rx_code *out);

/*
 * The greatest code in the subtree of X: X extended to 8 labels with labels
 * of sixteen underscores, so that the subtree is { c : X <= c <= max(X) }.
 */
void		rx_code_subtree_max(const char *text, size_t len, rx_code *out);

#endif							/* RX_CODE_H */
