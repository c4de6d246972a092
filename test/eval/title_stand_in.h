/*
 * title_stand_in.h — a stand-in for title_normalize() (src/core/title.h,
 * being written on another branch) so that the offline evaluation can run
 * before it lands.  Same contract; delete this file and include
 * "core/title.h" instead once it is on main.
 *
 * Lower case, Latin-1 accents folded, punctuation removed, abbreviations
 * expanded (sr, mgr, eng, asst, tech …), work-arrangement noise in
 * parentheses or after " - " removed, requisition numbers removed, level
 * words (senior, junior, II, III …) removed.
 */
#ifndef EVAL_TITLE_STAND_IN_H
#define EVAL_TITLE_STAND_IN_H

#include <stddef.h>

#include "core/rx_error.h"

/* Bytes of output room that tn_normalize needs for len bytes of input. */
size_t		tn_out_capacity(size_t len);

/* Normalize the title s[0..len) into out (NUL-terminated, *outlen bytes). */
rx_status	tn_normalize(const char *s, size_t len, char *out, size_t outcap,
						 size_t *outlen, rx_error *err);

#endif							/* EVAL_TITLE_STAND_IN_H */
