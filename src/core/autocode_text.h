/*
 * autocode_text.h — the words of a normalized title as the autocoder sees
 * them: tokens, stop words, a light stemmer, the head noun, character
 * trigrams and hashing.
 *
 * Input is normalized text (title_normalize()): lower-case words separated
 * by spaces.  The tokenizer is defensive all the same: ASCII letters are
 * lower-cased, every byte that is not an ASCII letter or digit and below
 * 0x80 separates words, and bytes of 0x80 and above belong to words, so
 * text in other scripts passes through whole.
 */
#ifndef AC_AUTOCODE_TEXT_H
#define AC_AUTOCODE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "autocode.h"

/* One word of a text, stemmed, in a caller's buffer. */
typedef struct ac_word
{
	const char *s;
	uint8_t		len;
	uint8_t		orig_len;		/* the word as it stands in the text */
	uint16_t	orig_off;
	bool		stop;			/* a stop word: no evidence of its own */
	bool		head;			/* the head noun of the title */
} ac_word;

/* Room for the words of one text and their stemmed spellings. */
typedef struct ac_words
{
	int			n;
	ac_word		w[AC_TOKENS_MAX];
	char		buf[AC_TOKENS_MAX * (AC_TOKEN_LEN_MAX + 1)];
} ac_words;

/*
 * Split text into words, stem them (stem_level as in ac_params), mark stop
 * words and the head noun.  At most AC_TOKENS_MAX words are read and words
 * longer than AC_TOKEN_LEN_MAX bytes are skipped; len must not exceed
 * AC_TEXT_MAX (word offsets are 16-bit).
 */
void		ac_split(const char *text, size_t len, int stem_level, ac_words *out);

/*
 * ac_split with the head noun looked for among the words that start before
 * byte head_end only (0: anywhere; when no content word starts before it,
 * anywhere): the head of the title's first segment (ac_head_window).
 */
void		ac_split_head(const char *text, size_t len, size_t head_end, int stem_level,
						  ac_words *out);

/* Stem the word w[0..len) in place; returns the new length (>= 1). */
size_t		ac_stem(char *w, size_t len, int stem_level);

/* Is w[0..len) a stop word? */
bool		ac_is_stop(const char *w, size_t len);

/* 64-bit FNV-1a hash of s[0..len), continued from h (start with AC_HASH_INIT). */
#define AC_HASH_INIT UINT64_C(14695981039346656037)
uint64_t	ac_hash(uint64_t h, const void *s, size_t len);

/* Final mixing of a hash so that its low bits are usable as a table index. */
uint64_t	ac_mix(uint64_t h);

/*
 * The character trigrams of a word padded with one boundary mark at each
 * end ("^ab", "abc", …, "yz$"), each as a 24-bit key; returns how many
 * (len of them, not necessarily distinct).
 */
int			ac_trigrams(const char *w, size_t len, uint32_t *keys);

#endif							/* AC_AUTOCODE_TEXT_H */
