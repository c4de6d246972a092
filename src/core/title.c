/*
 * title.c — job-title normalization and level inference (see title.h and
 * doc/titles.md).
 *
 * The title goes through these steps, all over one array of words in the
 * scratch memory, without allocating:
 *
 *  1. lexing: UTF-8 is validated and decoded, letters are folded or
 *     lower-cased, punctuation becomes word and segment breaks;
 *  2. words are looked up in the lexicon (title_lexicon.c); requisition
 *     numbers go; abbreviations expand;
 *  3. segment rules: a bracketed or separated segment made only of noise
 *     (remote, contract, …) goes, so does a trailing location, and a
 *     numeral that ends a segment is a grade;
 *  4. rounds of word rules over the remaining words: grade words go,
 *     phrases (vice president, full time) are grouped, noise and numerals
 *     at the end go, positional grade words (staff, lead, principal …) go
 *     unless they are the head noun, rank modifiers go.  The first round
 *     also expands positional abbreviations (eng -> engineer/engineering)
 *     and collects the level evidence.  Rounds repeat until nothing
 *     changes, which makes normalization idempotent;
 *  5. the surviving words are written out, separated by single spaces.
 */
#include "title.h"
#include "title_tables.h"

#include <stdlib.h>
#include <string.h>

/* rolelevel encodings (level.h): track key * 100 + rank; P is key 1. */
#define RX_TITLE_P(n)			(100 + (n))
#define RX_TITLE_P1			RX_TITLE_P(1)

/*
 * A safety bound on the rounds of word rules.  Each round is linear in the
 * title; no input is known to need more than three.
 */
#define RX_TITLE_MAX_ROUNDS	32

/* Scratch memory on the stack of rx_title_normalize/rx_title_level. */
#define RX_TITLE_STACK_SCRATCH 16384

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
	rx_title_word    *w;
	size_t		n;
	bool		grade_found;
	int32_t		grade;
	bool		rank_found;
	int32_t		rank;
	bool		trainee;
	/* the intern-class word taken out in the current round */
	bool		intern_have;
	rx_title_word		intern_word;
	size_t		intern_pos;
} rx_title_state;

/* ------------------------------------------------------------------ */
/* Lookups in the generated tables                                     */

/* The lexicon index of word w[0..n) (lower-case ASCII), or -1. */
int
rx_title_lookup(const char *w, size_t n)
{
	size_t		lo,
				hi;

	if (n == 0 || n > RX_TITLE_LEX_MAXLEN)
		return -1;
	lo = rx_title_lex_first[(unsigned char) w[0]];
	hi = rx_title_lex_first[(unsigned char) w[0] + 1];
	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;
		const rx_title_lexeme *e = &rx_title_lexicon[mid];
		size_t		m = e->len < n ? e->len : n,
					i = 1;		/* the first byte is the bucket's */
		int			c = 0;

		while (i < m && e->word[i] == w[i])
			i++;
		if (i < m)
			c = (unsigned char) e->word[i] - (unsigned char) w[i];
		else
			c = (e->len > n) - (e->len < n);
		if (c == 0)
			return (int) mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The class of a non-ASCII code point; *fold gets a Latin table entry. */
static int
rx_title_classify(uint32_t cp, const rx_title_fold_entry **fold, uint32_t *lower)
{
	size_t		lo,
				hi;
	int			cls = TC_WORD;

	*fold = NULL;
	if (cp < 0x00A0)
		return TC_SPACE;		/* C1 controls */
	if (cp < 0x0250)
	{
		*fold = &rx_title_fold_latin[cp - 0x00A0];
		if ((*fold)->cls == TC_LOWER)
			*lower = (*fold)->lower;
		return (*fold)->cls;
	}
	if (cp >= 0x1E00 && cp <= 0x1EFF)
	{
		*fold = &rx_title_fold_latin_ext[cp - 0x1E00];
		if ((*fold)->cls == TC_LOWER)
			*lower = (*fold)->lower;
		return (*fold)->cls;
	}
	lo = 0;
	hi = rx_title_class_nranges;
	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (cp < rx_title_class_ranges[mid].lo)
			hi = mid;
		else if (cp > rx_title_class_ranges[mid].hi)
			lo = mid + 1;
		else
		{
			cls = rx_title_class_ranges[mid].cls;
			break;
		}
	}
	if (cls == TC_WORD && ((cp >= 0x0370 && cp <= 0x0556) ||
						   (cp >= 0x1C90 && cp <= 0x1CBF) ||
						   (cp >= 0x1F00 && cp <= 0x1FFF)))
	{
		lo = 0;
		hi = rx_title_lower_npairs;
		while (lo < hi)
		{
			size_t		mid = lo + (hi - lo) / 2;

			if (cp < rx_title_lower_pairs[mid].upper)
				hi = mid;
			else if (cp > rx_title_lower_pairs[mid].upper)
				lo = mid + 1;
			else
			{
				*lower = rx_title_lower_pairs[mid].lower;
				return TC_LOWER;
			}
		}
	}
	return cls;
}

/* ------------------------------------------------------------------ */
/* UTF-8                                                               */

/*
 * Decode the UTF-8 sequence at s[0..avail) (pos: its offset in the title),
 * into *cp; returns its length, or 0 with err filled when it is invalid.
 */
static size_t
rx_title_decode(const unsigned char *s, size_t avail, size_t pos, uint32_t *cp,
		  rx_error *err)
{
	unsigned char c = s[0];
	size_t		need,
				i;
	uint32_t	v;

	if (c < 0x80)
	{
		*cp = c;
		return 1;
	}
	if (c < 0xC0)
	{
		rx_fail(err, RX_ENCODING,
				"The byte 0x%02X at byte position %zu is a UTF-8 continuation byte with no lead byte before it.",
				c, pos + 1);
		return 0;
	}
	if (c < 0xC2 || c > 0xF4)
	{
		rx_fail(err, RX_ENCODING,
				"The byte 0x%02X at byte position %zu never occurs in UTF-8.",
				c, pos + 1);
		return 0;
	}
	need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	v = c & (need == 2 ? 0x1F : need == 3 ? 0x0F : 0x07);
	for (i = 1; i < need; i++)
	{
		if (i >= avail)
		{
			rx_fail(err, RX_ENCODING,
					"The UTF-8 sequence that starts with byte 0x%02X at byte position %zu is cut short by the end of the title.",
					c, pos + 1);
			return 0;
		}
		if ((s[i] & 0xC0) != 0x80)
		{
			rx_fail(err, RX_ENCODING,
					"The UTF-8 sequence that starts with byte 0x%02X at byte position %zu is cut short: byte 0x%02X after it is not a continuation byte.",
					c, pos + 1, s[i]);
			return 0;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((need == 3 && v < 0x800) || (need == 4 && v < 0x10000))
	{
		rx_fail(err, RX_ENCODING,
				"The %zu-byte UTF-8 sequence at byte position %zu is an overlong encoding of U+%04X.",
				need, pos + 1, (unsigned) v);
		return 0;
	}
	if (v >= 0xD800 && v <= 0xDFFF)
	{
		rx_fail(err, RX_ENCODING,
				"The UTF-8 sequence at byte position %zu encodes the UTF-16 surrogate U+%04X, which UTF-8 does not allow.",
				pos + 1, (unsigned) v);
		return 0;
	}
	if (v > 0x10FFFF)
	{
		rx_fail(err, RX_ENCODING,
				"The UTF-8 sequence at byte position %zu encodes 0x%X, above the last code point U+10FFFF.",
				pos + 1, (unsigned) v);
		return 0;
	}
	*cp = v;
	return need;
}

/* Write code point cp as UTF-8 into p; returns its length. */
static size_t
rx_title_encode(uint32_t cp, char *p)
{
	if (cp < 0x80)
	{
		p[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		p[0] = (char) (0xC0 | (cp >> 6));
		p[1] = (char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		p[0] = (char) (0xE0 | (cp >> 12));
		p[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		p[2] = (char) (0x80 | (cp & 0x3F));
		return 3;
	}
	p[0] = (char) (0xF0 | (cp >> 18));
	p[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
	p[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
	p[3] = (char) (0x80 | (cp & 0x3F));
	return 4;
}

/* ------------------------------------------------------------------ */
/* Step 1: the lexer                                                   */

typedef struct rx_title_lexer
{
	const unsigned char *s;
	size_t		len;
	rx_title_word    *w;
	size_t		n;
	char	   *tb;				/* folded text of the words */
	size_t		tl;
	bool		inword;
	size_t		wstart;			/* start of the current word in tb */
	uint32_t	wflags;
	uint32_t	ndig;
	uint32_t	piece;			/* characters since the word start or a V.P. join */
	bool		ascii_last;		/* the last character put is an ASCII letter */
	bool		space_before;	/* the last character read is white space, or none yet */
	uint32_t	seg;
	uint32_t	pending;		/* W_HASH / W_ATTACHED for a word that starts next */
} rx_title_lexer;

/* Is c an ASCII letter? */
static inline bool
rx_title_is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Is c an ASCII letter or digit? */
static inline bool
rx_title_is_alnum(unsigned char c)
{
	return rx_title_is_alpha(c) || (c >= '0' && c <= '9');
}

/* Close the current word, if any. */
static void
lx_end(rx_title_lexer *lx)
{
	rx_title_word    *wd;

	if (!lx->inword)
		return;
	wd = &lx->w[lx->n++];
	wd->text = lx->tb + lx->wstart;
	wd->len = (uint32_t) (lx->tl - lx->wstart);
	wd->seg = lx->seg;
	wd->flags = lx->wflags;
	wd->lex = -1;
	wd->pid = -1;
	wd->ulen = 1;
	wd->ndig = (uint8_t) (lx->ndig > 255 ? 255 : lx->ndig);
	lx->inword = false;
}

/* Open a word at the current position unless one is open. */
static inline void
lx_begin(rx_title_lexer *lx)
{
	if (lx->inword)
		return;
	lx->inword = true;
	lx->wstart = lx->tl;
	lx->wflags = lx->pending;
	lx->pending = 0;
	lx->ndig = 0;
	lx->piece = 0;
}

/* Append an ASCII character (already lower case) to the current word. */
static inline void
lx_put(rx_title_lexer *lx, char c)
{
	lx_begin(lx);
	lx->tb[lx->tl++] = c;
	lx->piece++;
	if (c >= '0' && c <= '9')
		lx->ndig++;
	lx->ascii_last = (c >= 'a' && c <= 'z');
}

/* Append the UTF-8 bytes p[0..n) of one non-ASCII character. */
static void
lx_put_bytes(rx_title_lexer *lx, const char *p, size_t n)
{
	lx_begin(lx);
	memcpy(lx->tb + lx->tl, p, n);
	lx->tl += n;
	lx->piece++;
	lx->wflags |= W_NONASCII;
	lx->ascii_last = false;
}

/* Emit a word of the lexicon as its own word ("and" for "&", "cpp" …). */
static void
lx_static(rx_title_lexer *lx, int16_t lex, uint32_t flags)
{
	rx_title_word    *wd;

	lx_end(lx);
	wd = &lx->w[lx->n++];
	wd->text = rx_title_lexicon[lex].word;
	wd->len = rx_title_lexicon[lex].len;
	wd->seg = lx->seg;
	wd->flags = flags;
	wd->lex = lex;
	wd->pid = -1;
	wd->ulen = 1;
	wd->ndig = 0;
	lx->pending = 0;
}

/* Is the current word exactly the one ASCII letter c? */
static bool
lx_word_is(const rx_title_lexer *lx, char c)
{
	return lx->inword && lx->tl - lx->wstart == 1 && lx->tb[lx->wstart] == c;
}

/* Is the character at s[i] white space (or the end of the title)? */
static bool
lx_space_at(const rx_title_lexer *lx, size_t i)
{
	uint32_t	cp,
				lower;
	const rx_title_fold_entry *fold;
	rx_error	ignored;
	size_t		n;

	if (i >= lx->len)
		return true;
	if (lx->s[i] < 0x80)
		return rx_title_ascii_class[lx->s[i]] == TC_SPACE;
	n = rx_title_decode(lx->s + i, lx->len - i, i, &cp, &ignored);
	if (n == 0)
		return false;
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return false;
	return rx_title_classify(cp, &fold, &lower) == TC_SPACE;
}

/* The class of the character at s[i], for runs of dashes; 0 length at the end. */
static int
lx_class_at(const rx_title_lexer *lx, size_t i, size_t *n)
{
	uint32_t	cp,
				lower;
	const rx_title_fold_entry *fold;
	rx_error	ignored;

	*n = 0;
	if (i >= lx->len)
		return TC_SPACE;
	if (lx->s[i] < 0x80)
	{
		*n = 1;
		return rx_title_ascii_class[lx->s[i]];
	}
	*n = rx_title_decode(lx->s + i, lx->len - i, i, &cp, &ignored);
	if (*n == 0)
		return TC_BREAK;
	if (cp == 0xFF0D)
		return TC_HYPHEN;
	return rx_title_classify(cp, &fold, &lower);
}

static const char *const rx_title_roman_text[5] = {"i", "ii", "iii", "iv", "v"};

/*
 * Split s[0..len) into words in scratch (step 1).  Returns RX_OK, or
 * RX_ENCODING for invalid UTF-8.
 */
static rx_status
rx_title_lex(rx_title_lexer *lx, rx_error *err)
{
	size_t		i = 0;

	while (i < lx->len)
	{
		unsigned char c = lx->s[i];
		uint32_t	cp = c,
					lower = 0;
		size_t		n = 1;
		int			cls;
		const rx_title_fold_entry *fold = NULL;

		if (c < 0x80)
			cls = rx_title_ascii_class[c];
		else
		{
			n = rx_title_decode(lx->s + i, lx->len - i, i, &cp, err);
			if (n == 0)
				return RX_ENCODING;
			if (cp >= 0xFF01 && cp <= 0xFF5E)
			{
				/* fullwidth ASCII reads as ASCII */
				c = (unsigned char) (cp - 0xFF01 + 0x21);
				cp = c;
				cls = rx_title_ascii_class[c];
			}
			else if ((cp >= 0x2160 && cp <= 0x2164) || (cp >= 0x2170 && cp <= 0x2174))
			{
				/* Roman numeral signs one to five read as letters */
				const char *r = rx_title_roman_text[cp >= 0x2170 ? cp - 0x2170 : cp - 0x2160];

				while (*r)
					lx_put(lx, *r++);
				lx->space_before = false;
				i += n;
				continue;
			}
			else
				cls = rx_title_classify(cp, &fold, &lower);
		}

		switch (cls)
		{
			case TC_WORD:
				if (cp < 0x80)
					lx_put(lx, (char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
				else
					lx_put_bytes(lx, (const char *) lx->s + i, n);
				break;
			case TC_DIGIT:
				lx_put(lx, (char) c);
				break;
			case TC_FOLD:
				{
					const char *a = fold->ascii;

					while (*a)
						lx_put(lx, *a++);
				}
				break;
			case TC_LOWER:
				{
					char		buf[4];
					size_t		m = rx_title_encode(lower, buf);

					lx_put_bytes(lx, buf, m);
				}
				break;
			case TC_COMBINING:
				/* an accent written apart after a Latin letter: drop it */
				if (!(lx->inword && lx->ascii_last))
					lx_put_bytes(lx, (const char *) lx->s + i, n);
				break;
			case TC_SPACE:
				lx_end(lx);
				lx->pending = 0;
				break;
			case TC_DROP:
			case TC_APOS:
				break;
			case TC_AMP:
				lx_static(lx, RX_TITLE_LEX_AND, 0);
				break;
			case TC_OPEN:
			case TC_CLOSE:
			case TC_SEP:
			case TC_DASH:
				lx_end(lx);
				lx->seg++;
				lx->pending = 0;
				break;
			case TC_HYPHEN:
				{
					/* a run of hyphens and dashes: spaced or with a dash, it separates segments */
					size_t		j = i + n,
								m;
					bool		dash = false;
					int			k;

					while ((k = lx_class_at(lx, j, &m)) == TC_HYPHEN || k == TC_DASH)
					{
						if (m == 0)
							break;
						dash |= (k == TC_DASH);
						j += m;
					}
					if (dash || lx->space_before || lx_space_at(lx, j))
					{
						lx_end(lx);
						lx->seg++;
						lx->pending = 0;
					}
					else
					{
						bool		was = lx->inword;

						lx_end(lx);
						lx->pending = was ? W_ATTACHED : 0;
					}
					lx->space_before = false;
					i = j;
					continue;
				}
			case TC_DOT:
				if (i + 3 < lx->len &&
					(lx->s[i + 1] | 0x20) == 'n' && (lx->s[i + 2] | 0x20) == 'e' &&
					(lx->s[i + 3] | 0x20) == 't' &&
					(i + 4 == lx->len || !rx_title_is_alnum(lx->s[i + 4])))
				{
					lx_static(lx, RX_TITLE_LEX_DOTNET, 0);
					lx->space_before = false;
					i += 4;
					continue;
				}
				if (lx->inword && lx->piece == 1 && lx->ascii_last &&
					i + 1 < lx->len && rx_title_is_alpha(lx->s[i + 1]) &&
					(i + 2 == lx->len || !rx_title_is_alnum(lx->s[i + 2])))
				{
					/* V.P., S.V.P.: the letters join */
					lx->piece = 0;
					break;
				}
				lx_end(lx);
				lx->pending = 0;
				break;
			case TC_HASH:
				if (lx_word_is(lx, 'c') || lx_word_is(lx, 'f'))
				{
					uint32_t	f = lx->wflags;
					bool		isc = lx->tb[lx->wstart] == 'c';

					lx->tl = lx->wstart;
					lx->inword = false;
					lx_static(lx, isc ? RX_TITLE_LEX_CSHARP : RX_TITLE_LEX_FSHARP, f);
					break;
				}
				lx_end(lx);
				lx->pending = W_HASH;
				break;
			case TC_PLUS:
				if (lx_word_is(lx, 'c') && i + 1 < lx->len && lx->s[i + 1] == '+')
				{
					uint32_t	f = lx->wflags;

					lx->tl = lx->wstart;
					lx->inword = false;
					lx_static(lx, RX_TITLE_LEX_CPP, f);
					lx->space_before = false;
					i += 2;
					continue;
				}
				lx_end(lx);
				lx->pending = 0;
				break;
			case TC_UNDERSCORE:
				{
					bool		was = lx->inword;

					lx_end(lx);
					lx->pending = was ? W_ATTACHED : 0;
				}
				break;
			default:			/* TC_BREAK */
				lx_end(lx);
				lx->pending = 0;
				break;
		}
		if (cls != TC_DROP)
			lx->space_before = (cls == TC_SPACE);
		i += n;
	}
	lx_end(lx);
	return RX_OK;
}

/* ------------------------------------------------------------------ */
/* Helpers over words and units                                        */

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
static size_t
rx_title_unit_start(const rx_title_word *w, size_t end)
{
	size_t		j = end - 1;

	while (j > 0 && w[j].ulen == 0)
		j--;
	return j;
}

/* Rank form f (0 base, 1 senior, 2 assistant) of the unit at w[u]. */
static int32_t
rx_title_urank(const rx_title_word *w, size_t u, int f)
{
	return w[u].pid >= 0 ? rx_title_phrases[w[u].pid].rank[f] : rx_title_lexicon[w[u].lex].rank[f];
}

/* Record grade evidence (P rank g). */
static void
rx_title_note_grade(rx_title_state *st, int g)
{
	if (g <= 0)
		return;
	if (!st->grade_found || RX_TITLE_P(g) > st->grade)
		st->grade = RX_TITLE_P(g);
	st->grade_found = true;
}

/* ------------------------------------------------------------------ */
/* Step 2: lookup, requisition numbers, abbreviations                   */

/* Is nx the number a requisition prefix of classes cls refers to? */
static bool
rx_title_is_reference(uint32_t cls, const rx_title_word *nx)
{
	return nx->ndig > 0 && ((cls & TL_REQ) || ((cls & TL_REQ3) && nx->ndig >= 3));
}

/* Remove requisition and reference numbers and their prefixes. */
static void
rx_title_drop_references(rx_title_state *st)
{
	rx_title_word    *w = st->w;
	size_t		i;

	for (i = 0; i < st->n; i++)
	{
		rx_title_word    *wd = &w[i];

		/* REQ-1234, ENG_2231: a number of 3+ digits tied to the word before, and a short such word */
		if ((wd->flags & W_ATTACHED) && wd->ndig >= 3)
		{
			wd->flags |= W_REMOVED;
			if (i > 0 && w[i - 1].len <= 5 && !(w[i - 1].flags & W_NONASCII))
				w[i - 1].flags |= W_REMOVED;
		}
		/* any number of 4+ digits, anything after '#' with a digit */
		if (wd->ndig >= 4 || ((wd->flags & W_HASH) && wd->ndig > 0))
			wd->flags |= W_REMOVED;
	}
	/* Req 1234, Job ID 12345, JR 123456 (before jr would read as junior) */
	for (i = 0; i < st->n; i++)
	{
		uint32_t	cls = rx_title_wcls(&w[i]);
		size_t		nx;

		if ((w[i].flags & W_REMOVED) || !(cls & (TL_REQ | TL_REQ3)))
			continue;
		/* the number right after it (even if it went already), else the next one left */
		nx = i + 1;
		if (nx < st->n && !rx_title_is_reference(cls, &w[nx]))
			while (nx < st->n && (w[nx].flags & W_REMOVED))
				nx++;
		if (nx < st->n && rx_title_is_reference(cls, &w[nx]))
		{
			w[i].flags |= W_REMOVED;
			w[nx].flags |= W_REMOVED;
			if (i > 0 && (rx_title_wcls(&w[i - 1]) & TL_REQLEAD))
				w[i - 1].flags |= W_REMOVED;
		}
	}
}

/*
 * Look words up, drop references, join "dev ops", and expand the
 * (non-positional) abbreviations in place.  Every abbreviation of n bytes
 * expands to at most n words, so the array never outgrows the title.
 */
static void
rx_title_expand(rx_title_state *st)
{
	rx_title_word    *w = st->w;
	size_t		i,
				total = 0,
				j;

	for (i = 0; i < st->n; i++)
		if (w[i].lex < 0 && !(w[i].flags & W_NONASCII))
			w[i].lex = (int16_t) rx_title_lookup(w[i].text, w[i].len);
	rx_title_drop_references(st);
	for (i = 0, j = 0; i < st->n; i++)
	{
		if (w[i].flags & W_REMOVED)
			continue;
		if (w[i].lex == RX_TITLE_LEX_DEV && i + 1 < st->n && w[i + 1].lex == RX_TITLE_LEX_OPS &&
			!(w[i + 1].flags & W_REMOVED))
		{
			w[i].lex = RX_TITLE_LEX_DEVOPS;
			w[i].text = rx_title_lexicon[RX_TITLE_LEX_DEVOPS].word;
			w[i].len = rx_title_lexicon[RX_TITLE_LEX_DEVOPS].len;
			w[i + 1].flags |= W_REMOVED;
		}
		total += (rx_title_wcls(&w[i]) & TL_ABBR) ? rx_title_lexicon[w[i].lex].head_n : 1;
		w[j++] = w[i];
	}
	st->n = j;
	/* back to front: every word yields at least one, so none is overwritten unread */
	j = total;
	for (i = st->n; i-- > 0;)
	{
		rx_title_word		wd = w[i];

		if (rx_title_wcls(&wd) & TL_ABBR)
		{
			const rx_title_lexeme *e = &rx_title_lexicon[wd.lex];
			int			k;

			for (k = e->head_n; k-- > 0;)
			{
				int16_t		x = rx_title_exp_words[e->head_off + k];
				rx_title_word    *o = &w[--j];

				*o = wd;
				o->lex = x;
				o->text = rx_title_lexicon[x].word;
				o->len = rx_title_lexicon[x].len;
				o->ndig = 0;
				if (k > 0)
					o->flags &= ~(W_HASH | W_ATTACHED);
			}
		}
		else
			w[--j] = wd;
	}
	st->n = total;
}

/* ------------------------------------------------------------------ */
/* Step 3: segment rules                                               */

enum
{
	CAT_X,						/* a word of the job */
	CAT_N,						/* noise */
	CAT_Q,						/* a reference number */
	CAT_L,						/* a place name */
	CAT_W,						/* a weak location word */
	CAT_G						/* glue */
};

/* The segment category of word wd. */
static inline int
rx_title_cat(const rx_title_word *wd)
{
	uint32_t	cls;

	if (wd->lex < 0)
	{
		if (rx_title_all_digits(wd))
			return wd->ndig >= 3 ? CAT_Q : CAT_G;
		return CAT_X;
	}
	cls = rx_title_lexicon[wd->lex].cls;
	if (cls & (TL_NOISE | TL_TAIL | TL_REQ))
		return CAT_N;
	if (cls & TL_LOC)
		return CAT_L;
	if (cls & TL_LOCWEAK)
		return CAT_W;
	if (cls & TL_GLUE)
		return CAT_G;
	return CAT_X;
}

/* Do words a and b have the same text? */
static bool
rx_title_same(const rx_title_word *a, const rx_title_word *b)
{
	return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

/*
 * Remove a segment whose words all appear before it: an acronym repeated in
 * brackets, "Chief Executive Officer (CEO)".  Only the first 64 words are
 * compared against, which keeps the cost linear.
 */
static void
rx_title_drop_repeats(rx_title_state *st)
{
	rx_title_word    *w = st->w;
	size_t		n = st->n,
				s,
				end,
				i,
				j;

	for (s = 0; s < n && s < 64; s = end)
	{
		bool		all = true,
					any = false;

		for (end = s; end < n && w[end].seg == w[s].seg; end++)
			;
		if (s == 0)
			continue;
		for (i = s; i < end && all; i++)
		{
			bool		seen = false;

			if (w[i].flags & W_REMOVED)
				continue;
			any = true;
			for (j = 0; j < s && !seen; j++)
				seen = !(w[j].flags & W_REMOVED) && rx_title_same(&w[i], &w[j]);
			all = seen;
		}
		if (all && any)
			for (i = s; i < end; i++)
				w[i].flags |= W_REMOVED;
	}
}

/*
 * Remove noise segments, a trailing location, segments that repeat the
 * title, and numerals that end a segment (a grade), then compact the array.
 */
static void
rx_title_segments(rx_title_state *st)
{
	rx_title_word    *w = st->w;
	size_t		n = st->n,
				i,
				k,
				content = 0,
				last_x = 0;
	bool		any_x = false;

	for (i = 0; i < n; i++)
		if (rx_title_cat(&w[i]) == CAT_X)
		{
			any_x = true;
			break;
		}
	if (any_x)
	{
		size_t		end,
					s;
		bool		run_loc = false;
		size_t		run_start = n;

		/* noise segments, anywhere */
		for (s = 0; s < n; s = end)
		{
			bool		x = false,
						nq = false;

			for (end = s; end < n && w[end].seg == w[s].seg; end++)
			{
				int			c = rx_title_cat(&w[end]);

				x |= (c == CAT_X);
				nq |= (c == CAT_N || c == CAT_Q);
			}
			if (!x && nq)
				for (i = s; i < end; i++)
					w[i].flags |= W_REMOVED;
		}
		/* the trailing run of location segments */
		end = n;
		while (end > 0)
		{
			bool		x = false,
						nq = false,
						loc = false,
						removed = true;

			s = end;
			while (s > 0 && w[s - 1].seg == w[end - 1].seg)
				s--;
			for (i = s; i < end; i++)
			{
				int			c = rx_title_cat(&w[i]);

				removed &= (w[i].flags & W_REMOVED) != 0;
				x |= (c == CAT_X);
				nq |= (c == CAT_N || c == CAT_Q);
				loc |= (c == CAT_L);
			}
			if (!removed)
			{
				if (x || nq)
					break;
				run_loc |= loc;
				run_start = s;
			}
			end = s;
		}
		if (run_loc && end > 0)
			for (i = run_start; i < n; i++)
				w[i].flags |= W_REMOVED;
	}
	rx_title_drop_repeats(st);
	/* a numeral that ends a segment, after some word of the job, is a grade */
	for (i = 0; i < n; i++)
	{
		size_t		nx;

		if (w[i].flags & W_REMOVED)
			continue;
		for (nx = i + 1; nx < n && (w[nx].flags & W_REMOVED); nx++)
			;
		if (content > 0 && (nx == n || w[nx].seg != w[i].seg) && rx_title_numeral(w, i) > 0)
		{
			rx_title_note_grade(st, rx_title_numeral(w, i));
			w[i].flags |= W_REMOVED;
			/* "Level 2": the word before the numeral goes too, if the job is named before it */
			if (content > 1 && last_x < i && w[last_x].seg == w[i].seg &&
				(rx_title_wcls(&w[last_x]) & TL_GRADEWORD))
				w[last_x].flags |= W_REMOVED;
			continue;
		}
		if (rx_title_numeral(w, i) == 0 && rx_title_cat(&w[i]) == CAT_X)
		{
			content++;
			last_x = i;
		}
	}
	for (i = 0, k = 0; i < n; i++)
		if (!(w[i].flags & W_REMOVED))
			w[k++] = w[i];
	st->n = k;
}

/* ------------------------------------------------------------------ */
/* Step 4: the rounds of word rules                                    */

/*
 * Is wd (to/of/for) the middle word of a three-word phrase with the unit on
 * top of the stack w[0..k) and the next word nx (chief of staff)?  If so,
 * *keep is the stack size that ends with the phrase's first word.
 */
static bool
rx_title_phrase_middle(const rx_title_word *w, size_t k, const rx_title_word *wd, const rx_title_word *nx,
				 size_t *keep)
{
	size_t		p,
				u;

	if (k == 0 || nx == NULL)
		return false;
	u = rx_title_unit_start(w, k);
	/*
	 * Look past positional grade words: right before to/of/for one is never
	 * the head, so this round would remove it anyway ("Chief Staff of Staff"
	 * reads as "chief of staff").  Deciding otherwise would let each round
	 * move the complement by one phrase.
	 */
	while (u > 0 && w[u].ulen == 1 && w[u].pid < 0 && (rx_title_wcls(&w[u]) & TL_POSGRADE))
		u = rx_title_unit_start(w, u);
	if (w[u].ulen != 1 || w[u].pid >= 0)
		return false;
	for (p = 0; p < rx_title_nphrases; p++)
	{
		const rx_title_phrase *ph = &rx_title_phrases[p];

		if (ph->nwords == 3 && ph->words[0] == w[u].lex && ph->words[1] == wd->lex &&
			ph->words[2] == nx->lex)
		{
			*keep = u + 1;
			return true;
		}
	}
	return false;
}

/*
 * The word on top of the stack w[0..*k) may end a phrase: group the
 * phrase into one unit; take out a grade phrase (entry level).
 */
static void
rx_title_match_phrase(rx_title_state *st, size_t *k, int round)
{
	rx_title_word    *w = st->w;
	size_t		p;

	for (p = 0; p < rx_title_nphrases; p++)
	{
		const rx_title_phrase *ph = &rx_title_phrases[p];
		size_t		m = ph->nwords,
					j,
					u;
		bool		ok = true;

		if (*k < m || ph->words[m - 1] != w[*k - 1].lex)
			continue;
		u = *k - m;
		for (j = 0; j < m && ok; j++)
			ok = w[u + j].ulen == 1 && w[u + j].pid < 0 && w[u + j].lex == ph->words[j];
		if (!ok)
			continue;
		w[u].ulen = (uint8_t) m;
		w[u].pid = (int16_t) p;
		for (j = 1; j < m; j++)
			w[u + j].ulen = 0;
		if ((ph->cls & (TL_GRADE | TL_ANY)) && !(w[u].flags & W_COMPL))
		{
			if (round == 1)
				rx_title_note_grade(st, ph->grade);
			*k = u;
		}
		return;
	}
}

/*
 * The stack pass: grade words go (recording the senior/junior context of
 * what follows), intern-class words are set aside, phrases are grouped.
 * Returns the new number of words.
 */
static size_t
rx_title_stack_pass(rx_title_state *st, int round)
{
	rx_title_word    *w = st->w;
	size_t		n = st->n,
				r,
				k = 0;
	bool		compl = false,
				senior = false,
				junior = false;

	st->intern_have = false;
	for (r = 0; r < n; r++)
	{
		rx_title_word		wd = w[r];
		uint32_t	cls = rx_title_wcls(&wd);

		wd.flags &= ~W_ROUND;
		wd.ulen = 1;
		wd.pid = -1;
		if (compl)
			wd.flags |= W_COMPL;
		else if (cls & TL_COMPL)
		{
			size_t		keep;

			if (!rx_title_phrase_middle(w, k, &wd, r + 1 < n ? &w[r + 1] : NULL, &keep))
				compl = true;
			else
				for (; k > keep; k--)	/* the grade words it looked past */
					if (round == 1)
						rx_title_note_grade(st, rx_title_lexicon[w[k - 1].lex].grade);
		}
		else if (cls & TL_INTERN)
		{
			if (!(r + 1 < n && (rx_title_wcls(&w[r + 1]) & TL_OFINTERNS)))
			{
				if (round == 1)
					rx_title_note_grade(st, rx_title_lexicon[wd.lex].grade);
				st->intern_have = true;
				st->intern_word = wd;
				st->intern_pos = k;
				continue;
			}
		}
		else if (cls & TL_ANY)
			continue;
		else if (cls & TL_GRADE)
		{
			if (round == 1)
				rx_title_note_grade(st, rx_title_lexicon[wd.lex].grade);
			if (cls & TL_UP)
			{
				senior = true;
				if (k > 0)
					w[rx_title_unit_start(w, k)].flags |= W_SENIOR_AFTER;
			}
			if (cls & TL_DOWN)
				junior = true;
			continue;
		}
		if (wd.ndig > 0 && k > 0 && w[k - 1].ulen == 1 && w[k - 1].pid < 0 &&
			rx_title_is_reference(rx_title_wcls(&w[k - 1]), &wd))
		{
			/* a requisition prefix and its number, next to each other now */
			k--;
			if (k > 0 && w[k - 1].ulen == 1 && (rx_title_wcls(&w[k - 1]) & TL_REQLEAD))
				k--;
			continue;
		}
		if (senior)
			wd.flags |= W_SENIOR_BEFORE;
		if (junior)
			wd.flags |= W_JUNIOR_BEFORE;
		w[k++] = wd;
		if (cls & TL_PHRASE_END)
			rx_title_match_phrase(st, &k, round);
	}
	return k;
}

/*
 * Take the tail off the stack w[0..k): noise at the end, numerals after
 * a word of the job, grade words kept in a complement.  Returns the new k.
 */
static size_t
rx_title_strip_tail(rx_title_state *st, size_t k, int round)
{
	rx_title_word    *w = st->w;
	size_t		first_word = k,
				u;

	/* the first unit that is not a numeral: numerals after it are grades */
	for (u = 0; u < k; u += w[u].ulen)
		if (rx_title_numeral(w, u) == 0)
		{
			first_word = u;
			break;
		}
	while (k > 0)
	{
		uint32_t	cls;
		int			g;

		u = rx_title_unit_start(w, k);
		cls = rx_title_ucls(w, u);
		g = rx_title_numeral(w, u);
		if (g > 0 && u > first_word)
		{
			if (round == 1)
				rx_title_note_grade(st, g);
			/* "Engineer Level 2": the grade word before it goes too */
			if (u > first_word + 1 && w[u - 1].ulen == 1 &&
				(rx_title_wcls(&w[u - 1]) & TL_GRADEWORD))
				u--;
		}
		else if ((cls & TL_GRADE) && (w[u].flags & W_COMPL))
		{
			if (round == 1)
				rx_title_note_grade(st, w[u].pid >= 0 ? rx_title_phrases[w[u].pid].grade :
							  rx_title_lexicon[w[u].lex].grade);
		}
		else if (!(cls & TL_TAIL))
			break;
		k = u;
	}
	return k;
}

/*
 * Put the intern-class word taken out back when nothing but noise is left
 * ("Intern (Remote)" -> "intern").  Returns the new k.
 */
static size_t
rx_title_restore_intern(rx_title_state *st, size_t k, int round)
{
	rx_title_word    *w = st->w;
	size_t		u,
				pos;
	bool		only_noise = true;

	if (!st->intern_have)
		return k;
	if (round == 1 && k <= st->intern_pos)
		st->trainee = true;
	for (u = 0; u < k && only_noise; u += w[u].ulen)
		only_noise = (rx_title_ucls(w, u) & TL_NOISE) != 0;
	if (!only_noise)
		return k;
	if (round == 1)
		st->trainee = true;
	pos = st->intern_pos < k ? st->intern_pos : k;
	memmove(&w[pos + 1], &w[pos], (k - pos) * sizeof(rx_title_word));
	w[pos] = st->intern_word;
	return k + 1;
}

/*
 * Expand the positional abbreviations (round 1): the head form for a head
 * noun — the last word of the title or of its segment — unless a rank noun
 * or to/of/for comes just before it ("Sr Eng" -> engineer, "VP Eng" ->
 * engineering), else the modifier form.  Returns the new k.
 */
static size_t
rx_title_expand_positional(rx_title_state *st, size_t k)
{
	rx_title_word    *w = st->w;
	size_t		u,
				prev = k,
				total = 0,
				head,
				i,
				j;
	bool		any = false;

	if (k == 0)
		return 0;
	head = rx_title_unit_start(w, k);
	for (u = 0; u < k; prev = u, u += w[u].ulen)
	{
		if (w[u].ulen != 1 || !(rx_title_wcls(&w[u]) & TL_POSABBR))
		{
			total += w[u].ulen;
			continue;
		}
		any = true;
		/* the head noun: the last word, or the last of its segment ("Dev, Payments") */
		if ((u == head || w[u + 1].seg != w[u].seg) &&
			(prev == k || !(rx_title_ucls(w, prev) & (TL_RANK | TL_COMPL))))
		{
			w[u].flags |= W_HEADFORM;
			total += rx_title_lexicon[w[u].lex].head_n;
		}
		else
			total += rx_title_lexicon[w[u].lex].mod_n;
	}
	if (!any)
		return k;
	j = total;
	for (i = k; i-- > 0;)
	{
		rx_title_word		wd = w[i];

		if (wd.ulen == 1 && wd.pid < 0 && (rx_title_wcls(&wd) & TL_POSABBR))
		{
			const rx_title_lexeme *e = &rx_title_lexicon[wd.lex];
			bool		hf = (wd.flags & W_HEADFORM) != 0;
			int			cnt = hf ? e->head_n : e->mod_n;
			int			off = hf ? e->head_off : e->mod_off;
			int			c;

			for (c = cnt; c-- > 0;)
			{
				int16_t		x = rx_title_exp_words[off + c];
				rx_title_word    *o = &w[--j];

				*o = wd;
				o->lex = x;
				o->text = rx_title_lexicon[x].word;
				o->len = rx_title_lexicon[x].len;
				o->ndig = 0;
				if (c != cnt - 1)
					o->flags &= ~W_SENIOR_AFTER;
			}
		}
		else
			w[--j] = wd;
	}
	return total;
}

/*
 * Right to left over the units: positional grade words before the head
 * go, so do assistant/associate/junior before a rank noun and executive
 * before vice president; in round 1 the level evidence is recorded.
 */
static void
rx_title_modifiers(rx_title_state *st, size_t k, int round)
{
	rx_title_word    *w = st->w;
	size_t		head,
				end = k;
	long		rank_ahead = -1,
				next = -1;

	if (k == 0)
		return;
	head = rx_title_unit_start(w, k);
	while (end > 0)
	{
		size_t		u = rx_title_unit_start(w, end);
		uint32_t	cls = rx_title_ucls(w, u);
		uint32_t	ncls = next >= 0 ? rx_title_ucls(w, (size_t) next) : 0;
		bool		dead = false;

		end = u;
		if (w[u].flags & W_COMPL)
		{
			next = (long) u;
			continue;
		}
		if (cls & TL_RANK)
		{
			rank_ahead = (long) u;
			next = (long) u;
			continue;
		}
		if ((cls & TL_EXEC) && (ncls & TL_VP) && !(w[next].flags & W_COMPL))
		{
			w[next].flags |= W_UP;
			dead = true;
		}
		else if ((cls & TL_DOWN) && (cls & TL_POSGRADE) && (ncls & TL_ACADEMIC))
			;					/* associate professor, associate dean */
		else if ((cls & TL_DOWN) && rank_ahead >= 0)
		{
			w[rank_ahead].flags |= W_DOWN;
			dead = true;
		}
		else if ((cls & TL_POSGRADE) && u != head)
		{
			bool		keep = (w[u].lex == RX_TITLE_LEX_LEAD && (ncls & TL_NOTLEAD)) ||
				(w[u].lex == RX_TITLE_LEX_STAFF && (ncls & TL_NOTSTAFF));

			if (!keep)
			{
				if (round == 1)
					rx_title_note_grade(st, rx_title_lexicon[w[u].lex].grade);
				dead = true;
			}
		}
		else if (u == head && round == 1 && w[u].pid < 0)
		{
			/* the head noun "lead" or "fellow" still names a level */
			if (w[u].lex == RX_TITLE_LEX_LEAD)
				rx_title_note_grade(st, rx_title_lexicon[w[u].lex].grade);
			else if (w[u].lex == RX_TITLE_LEX_FELLOW &&
					 !(u > 0 && (rx_title_ucls(w, rx_title_unit_start(w, u)) & TL_TRAINING)))
				rx_title_note_grade(st, rx_title_lexicon[w[u].lex].grade);
		}
		if (dead)
			w[u].flags |= W_DEAD;
		else
			next = (long) u;
	}
}

/* Round 1: the strongest rank noun, in its senior or assistant form. */
static void
rx_title_ranks(rx_title_state *st, size_t k)
{
	rx_title_word    *w = st->w;
	size_t		u;

	for (u = 0; u < k; u += w[u].ulen)
	{
		uint32_t	f = w[u].flags;
		int32_t		r;

		if (!(rx_title_ucls(w, u) & TL_RANK) || (f & (W_COMPL | W_DEAD)))
			continue;
		if (f & (W_DOWN | W_JUNIOR_BEFORE))
			r = rx_title_urank(w, u, 2);
		else if (f & (W_UP | W_SENIOR_BEFORE | W_SENIOR_AFTER))
			r = rx_title_urank(w, u, 1);
		else
			r = rx_title_urank(w, u, 0);
		if (!st->rank_found || r > st->rank)
			st->rank = r;
		st->rank_found = true;
	}
}

/* One round of word rules over st->w[0..n); updates st->n. */
static void
rx_title_round(rx_title_state *st, int round)
{
	rx_title_word    *w = st->w;
	size_t		k,
				u,
				i,
				m,
				o = 0;

	k = rx_title_stack_pass(st, round);
	k = rx_title_strip_tail(st, k, round);
	k = rx_title_restore_intern(st, k, round);
	if (round == 1)
		k = rx_title_expand_positional(st, k);
	rx_title_modifiers(st, k, round);
	if (round == 1)
		rx_title_ranks(st, k);
	for (u = 0; u < k; u += m)
	{
		m = w[u].ulen;			/* read before w[u] may be overwritten below */
		if (w[u].flags & W_DEAD)
			continue;
		for (i = 0; i < m; i++)
			w[o++] = w[u + i];
	}
	st->n = o;
}

/* ------------------------------------------------------------------ */
/* The API                                                             */

/* Upper bound of the normalized length for an input of len bytes. */
size_t
rx_title_out_capacity(size_t len)
{
	if (len > (SIZE_MAX - 1) / RX_TITLE_GROWTH)
		return SIZE_MAX;
	return len * RX_TITLE_GROWTH + 1;
}

/* Bytes of scratch memory rx_title_analyze needs for an input of len bytes. */
size_t
rx_title_scratch_size(size_t len)
{
	if (len > RX_TITLE_MAX_LEN)
		len = RX_TITLE_MAX_LEN;
	return (len + 1) * sizeof(rx_title_word) + len + 1 + sizeof(rx_title_word);
}

/* Both results in one pass, with caller-provided scratch memory. */
rx_status
rx_title_analyze(const char *s, size_t len, void *scratch, size_t scratchcap,
		   char *out, size_t outcap, size_t *outlen, rx_title_info *info,
		   rx_error *err)
{
	rx_title_lexer	lx;
	rx_title_state	st;
	uintptr_t	p;
	size_t		o = 0,
				u,
				i,
				before;
	rx_status	rc;
	int			round;

	rx_clear(err);
	if (len > RX_TITLE_MAX_LEN)
		return rx_fail(err, RX_LIMIT,
					   "A job title is read up to %d bytes; this one has %zu bytes.",
					   RX_TITLE_MAX_LEN, len);
	if (scratch == NULL || scratchcap < rx_title_scratch_size(len))
		return rx_fail(err, RX_ARGUMENT,
					   "The scratch memory for a title of %zu bytes must hold %zu bytes.",
					   len, rx_title_scratch_size(len));
	if (out != NULL && outcap < rx_title_out_capacity(len))
		return rx_fail(err, RX_ARGUMENT,
					   "The output buffer for a title of %zu bytes must hold %zu bytes.",
					   len, rx_title_out_capacity(len));

	p = ((uintptr_t) scratch + sizeof(rx_title_word) - 1) & ~(uintptr_t) (sizeof(rx_title_word) - 1);
	memset(&lx, 0, sizeof(lx));
	lx.s = (const unsigned char *) s;
	lx.len = len;
	lx.w = (rx_title_word *) p;
	lx.tb = (char *) (lx.w + len + 1);
	lx.space_before = true;
	rc = rx_title_lex(&lx, err);
	if (rc != RX_OK)
		return rc;

	memset(&st, 0, sizeof(st));
	st.w = lx.w;
	st.n = lx.n;
	rx_title_expand(&st);
	rx_title_segments(&st);
	/* rounds until nothing changes (three on every input known), at most RX_TITLE_MAX_ROUNDS */
	for (round = 1; round <= RX_TITLE_MAX_ROUNDS; round++)
	{
		before = st.n;
		rx_title_round(&st, round);
		if (round > 1 && st.n == before)
			break;
	}

	if (out != NULL)
	{
		for (u = 0; u < st.n; u += st.w[u].ulen)
		{
			for (i = 0; i < st.w[u].ulen; i++)
			{
				if (o > 0)
					out[o++] = ' ';
				memcpy(out + o, st.w[u + i].text, st.w[u + i].len);
				o += st.w[u + i].len;
			}
		}
		out[o] = '\0';
		if (outlen != NULL)
			*outlen = o;
	}
	if (info != NULL)
	{
		info->has_grade = st.grade_found;
		info->grade = st.grade;
		info->has_rank = st.rank_found;
		info->rank = st.rank;
		info->trainee = st.trainee;
		info->rounds = round > RX_TITLE_MAX_ROUNDS ? RX_TITLE_MAX_ROUNDS : round;
		info->has_level = true;
		if (st.trainee)
			info->level = RX_TITLE_P1;
		else if (st.rank_found)
			info->level = st.rank;
		else if (st.grade_found)
			info->level = st.grade;
		else
		{
			info->has_level = false;
			info->level = 0;
		}
	}
	return RX_OK;
}

/* Run rx_title_analyze with scratch on the stack, or from malloc when the title is long. */
static rx_status
rx_title_run(const char *s, size_t len, char *out, size_t outcap, size_t *outlen,
	   rx_title_info *info, rx_error *err)
{
	union
	{
		rx_title_word		align;
		char		bytes[RX_TITLE_STACK_SCRATCH];
	}			stackbuf;
	void	   *scratch = stackbuf.bytes;
	size_t		need;
	rx_status	rc;

	if (len > RX_TITLE_MAX_LEN)
		return rx_title_analyze(s, len, NULL, 0, out, outcap, outlen, info, err);
	need = rx_title_scratch_size(len);
	if (need > sizeof(stackbuf))
	{
		scratch = malloc(need);
		if (scratch == NULL)
			return rx_fail(err, RX_LIMIT,
						   "There is not enough memory to read a job title of %zu bytes.",
						   len);
	}
	rc = rx_title_analyze(s, len, scratch, need, out, outcap, outlen, info, err);
	if (scratch != stackbuf.bytes)
		free(scratch);
	return rc;
}

/* Normalize title s[0..len) into out (see title.h). */
rx_status
rx_title_normalize(const char *s, size_t len, char *out, size_t outcap,
			 size_t *outlen, rx_error *err)
{
	if (out == NULL)
		return rx_fail(err, RX_ARGUMENT, "The output buffer must not be NULL.");
	return rx_title_run(s, len, out, outcap, outlen, NULL, err);
}

/* The level the title names (see title.h). */
rx_status
rx_title_level(const char *s, size_t len, bool *found, int32_t *level, rx_error *err)
{
	rx_title_info		info;
	rx_status	rc = rx_title_run(s, len, NULL, 0, NULL, &info, err);

	*found = false;
	*level = 0;
	if (rc != RX_OK)
		return rc;
	*found = info.has_level;
	*level = info.level;
	return RX_OK;
}
