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
#ifndef RX_AUTOCODE_TEXT_H
#define RX_AUTOCODE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "autocode.h"

/* One word of a text, stemmed, in a caller's buffer. */
typedef struct rx_autocode_word
{
	const char *s;
	uint8_t		len;
	uint8_t		orig_len;		/* the word as it stands in the text */
	uint16_t	orig_off;
	bool		stop;			/* a stop word: no evidence of its own */
	bool		head;			/* the head noun of the title */
} rx_autocode_word;

/* Room for the words of one text and their stemmed spellings. */
typedef struct rx_autocode_words
{
	int			n;
	rx_autocode_word		w[RX_AUTOCODE_TOKENS_MAX];
	char		buf[RX_AUTOCODE_TOKENS_MAX * (RX_AUTOCODE_TOKEN_LEN_MAX + 1)];
} rx_autocode_words;

/*
 * Split text into words, stem them (stem_level as in rx_autocode_params), mark stop
 * words and the head noun.  At most RX_AUTOCODE_TOKENS_MAX words are read and words
 * longer than RX_AUTOCODE_TOKEN_LEN_MAX bytes are skipped; len must not exceed
 * RX_AUTOCODE_TEXT_MAX (word offsets are 16-bit).
 */
void		rx_autocode_split(const char *text, size_t len, int stem_level, rx_autocode_words *out);

/*
 * rx_autocode_split with the head noun looked for among the words that start before
 * byte head_end only (0: anywhere; when no content word starts before it,
 * anywhere): the head of the title's first segment (rx_autocode_head_window).
 */
void		rx_autocode_split_head(const char *text, size_t len, size_t head_end, int stem_level,
						  rx_autocode_words *out);

/* Stem the word w[0..len) in place; returns the new length (>= 1). */
size_t		rx_autocode_stem(char *w, size_t len, int stem_level);

/* Is w[0..len) a stop word? */
bool		rx_autocode_is_stop(const char *w, size_t len);

/* 64-bit FNV-1a hash of s[0..len), continued from h (start with RX_AUTOCODE_HASH_INIT). */
#define RX_AUTOCODE_HASH_INIT UINT64_C(14695981039346656037)
uint64_t	rx_autocode_hash(uint64_t h, const void *s, size_t len);

/* Final mixing of a hash so that its low bits are usable as a table index. */
uint64_t	rx_autocode_mix(uint64_t h);

/*
 * The character trigrams of a word padded with one boundary mark at each
 * end ("^ab", "abc", …, "yz$"), each as a 24-bit key; returns how many
 * (len of them, not necessarily distinct).
 */
int			rx_autocode_trigrams(const char *w, size_t len, uint32_t *keys);

#endif							/* RX_AUTOCODE_TEXT_H */
