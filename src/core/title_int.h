/*
 * title_int.h — what the files of the title normalizer share (internal;
 * the API is title.h).
 *
 * An analysis runs in four steps over one array of words in the caller's
 * scratch memory (title.c drives them):
 *
 *  1. title_lex.c: UTF-8 is validated and decoded, letters are folded or
 *     lower-cased, punctuation becomes word and segment breaks;
 *  2. title_rules.c: words are looked up in the lexicon (title_lexicon.c),
 *     requisition numbers go, abbreviations expand;
 *  3. title_rules.c: segment rules — a bracketed or separated segment made
 *     only of noise goes, so does a trailing location, and a numeral that
 *     ends a segment is a grade;
 *  4. title_rounds.c: rounds of word rules over the remaining words, which
 *     also collect the level evidence (grade words, rank nouns, trainee
 *     words) that title.c reads the level from.
 */
#ifndef RX_TITLE_INT_H
#define RX_TITLE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "title.h"
#include "title_tables.h"

/* rolelevel encodings (level.h): track key * 100 + rank; P is key 1. */
#define RX_TITLE_P(n)			(100 + (n))
#define RX_TITLE_P1			RX_TITLE_P(1)

/* Word flags. */
#define W_HASH			0x0001u /* directly after '#' */
#define W_ATTACHED		0x0002u /* tied to the word before by - or _ without space */
#define W_NONASCII		0x0004u /* has a byte >= 0x80 */
#define W_REMOVED		0x0008u /* gone (before the rounds) */
#define W_COMPL			0x0010u /* after to/of/for: plain words */
#define W_SENIOR_BEFORE 0x0020u /* a senior word came before it */
#define W_SENIOR_AFTER	0x0040u /* a senior word came right after it */
#define W_JUNIOR_BEFORE 0x0080u /* a junior word came before it */
#define W_UP			0x0100u /* rank with "executive" before it */
#define W_DOWN			0x0200u /* rank with assistant/associate before it */
#define W_DEAD			0x0400u /* removed in this round */
#define W_HEADFORM		0x0800u /* positional abbreviation in head position */
#define W_ROUND			(W_COMPL | W_SENIOR_BEFORE | W_SENIOR_AFTER | W_JUNIOR_BEFORE | \
						 W_UP | W_DOWN | W_DEAD | W_HEADFORM)

typedef struct rx_title_word
{
	const char *text;			/* folded text (scratch) or a lexicon word */
	uint32_t	len;
	uint32_t	seg;			/* segment number from the lexer */
	uint32_t	flags;			/* W_* */
	int16_t		lex;			/* lexicon index, or -1 */
	int16_t		pid;			/* phrase index of the unit starting here, or -1 */
	uint8_t		ulen;			/* words in the unit starting here; 0 inside one */
	uint8_t		ndig;			/* ASCII digits in the word (at most 255) */
} rx_title_word;

/* Everything one analysis works on. */
typedef struct rx_title_state
{
	rx_title_word *w;
	size_t		n;
	bool		grade_found;
	int32_t		grade;
	bool		rank_found;
	int32_t		rank;
	bool		trainee;
	/* the intern-class word taken out in the current round */
	bool		intern_have;
	rx_title_word intern_word;
	size_t		intern_pos;
} rx_title_state;

/*
 * Step 1: split s[0..len) into words w[0..*n) (room for len + 1 words),
 * their folded text in tb (room for len bytes).  RX_ENCODING for invalid
 * UTF-8.
 */
rx_status	rx_title_lex(const char *s, size_t len, rx_title_word *w, char *tb, size_t *n,
						 rx_error *err);

/* Step 2: look words up, drop references, expand the abbreviations. */
void		rx_title_expand(rx_title_state *st);

/* Step 3: noise segments, a trailing location, repeats, segment-final grades. */
void		rx_title_segments(rx_title_state *st);

/* Step 4: one round of word rules over st->w[0..n); updates st->n. */
void		rx_title_round(rx_title_state *st, int round);

/* Lexicon classes of word wd (0 when it is not in the lexicon). */
static inline uint32_t
rx_title_wcls(const rx_title_word *wd)
{
	return wd->lex >= 0 ? rx_title_lexicon[wd->lex].cls : 0;
}

/* Classes of the unit starting at w[u]: its phrase's, or its word's. */
static inline uint32_t
rx_title_ucls(const rx_title_word *w, size_t u)
{
	return w[u].pid >= 0 ? rx_title_phrases[w[u].pid].cls : rx_title_wcls(&w[u]);
}

/* Is wd made of ASCII digits only? */
static inline bool
rx_title_all_digits(const rx_title_word *wd)
{
	return wd->ndig == wd->len && wd->len > 0;
}

/* The P rank of the unit at w[u] when it is a numeral (i..v, 1..5), else 0. */
static inline int
rx_title_numeral(const rx_title_word *w, size_t u)
{
	if (w[u].ulen != 1 || w[u].pid >= 0)
		return 0;
	if (w[u].lex >= 0 && (rx_title_lexicon[w[u].lex].cls & TL_NUMERAL))
		return rx_title_lexicon[w[u].lex].grade;
	if (w[u].len == 1 && w[u].text[0] >= '1' && w[u].text[0] <= '5')
		return w[u].text[0] - '0';
	return 0;
}

/* Start of the unit that ends at w[end - 1]. */
static inline size_t
rx_title_unit_start(const rx_title_word *w, size_t end)
{
	size_t		j = end - 1;

	while (j > 0 && w[j].ulen == 0)
		j--;
	return j;
}

/* Record grade evidence (P rank g). */
static inline void
rx_title_note_grade(rx_title_state *st, int g)
{
	if (g <= 0)
		return;
	if (!st->grade_found || RX_TITLE_P(g) > st->grade)
		st->grade = RX_TITLE_P(g);
	st->grade_found = true;
}

/* Is nx the number a requisition prefix of classes cls refers to? */
static inline bool
rx_title_is_reference(uint32_t cls, const rx_title_word *nx)
{
	return nx->ndig > 0 && ((cls & TL_REQ) || ((cls & TL_REQ3) && nx->ndig >= 3));
}

#endif							/* RX_TITLE_INT_H */
