/*
 * title_lex.c — step 1 of the title normalizer (see title_int.h): UTF-8
 * is validated and decoded, letters are folded to ASCII or lower-cased,
 * punctuation becomes word and segment breaks; and the lexicon look-up
 * the later steps use.
 */
#include "title_int.h"

#include <string.h>

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
		*fold = &rx_title_fold_latin[cp - 0x00A0];
	else if (cp >= 0x1E00 && cp <= 0x1EFF)
		*fold = &rx_title_fold_latin_ext[cp - 0x1E00];
	if (*fold != NULL)
	{
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

/* Roman numeral signs one to five (U+2160..U+2164, U+2170..U+2174): read as letters. */
#define LX_ROMAN		(-2)

/* One character of the title as the lexer reads it. */
typedef struct lx_char
{
	unsigned char c;			/* the ASCII byte (fullwidth ASCII read as ASCII) */
	uint32_t	cp;				/* the code point */
	size_t		n;				/* its length in bytes */
	int			cls;			/* TC_* or LX_ROMAN */
	const rx_title_fold_entry *fold;	/* TC_FOLD: its table entry */
	uint32_t	lower;			/* TC_LOWER: its lower case */
} lx_char;

/* Read the character at s[i] into *ch; false (err filled) for invalid UTF-8. */
static bool
lx_read(const rx_title_lexer *lx, size_t i, lx_char *ch, rx_error *err)
{
	ch->c = lx->s[i];
	ch->cp = ch->c;
	ch->n = 1;
	ch->fold = NULL;
	ch->lower = 0;
	if (ch->c < 0x80)
	{
		ch->cls = rx_title_ascii_class[ch->c];
		return true;
	}
	ch->n = rx_title_decode(lx->s + i, lx->len - i, i, &ch->cp, err);
	if (ch->n == 0)
		return false;
	if (ch->cp >= 0xFF01 && ch->cp <= 0xFF5E)
	{
		/* fullwidth ASCII reads as ASCII */
		ch->c = (unsigned char) (ch->cp - 0xFF01 + 0x21);
		ch->cp = ch->c;
		ch->cls = rx_title_ascii_class[ch->c];
	}
	else if ((ch->cp >= 0x2160 && ch->cp <= 0x2164) || (ch->cp >= 0x2170 && ch->cp <= 0x2174))
		ch->cls = LX_ROMAN;
	else
		ch->cls = rx_title_classify(ch->cp, &ch->fold, &ch->lower);
	return true;
}

/* End the current word and open a new segment. */
static void
lx_segment(rx_title_lexer *lx)
{
	lx_end(lx);
	lx->seg++;
	lx->pending = 0;
}

/* End the current word; the next word is tied to it (flag W_ATTACHED). */
static void
lx_attach(rx_title_lexer *lx)
{
	bool		was = lx->inword;

	lx_end(lx);
	lx->pending = was ? W_ATTACHED : 0;
}

/*
 * A run of hyphens and dashes that starts at s[i] (its first character n
 * bytes long): spaced, or with a dash in it, it separates segments, else
 * it ties two words ("REQ-123").  Returns the bytes of the run.
 */
static size_t
lx_hyphen(rx_title_lexer *lx, size_t i, size_t n)
{
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
		lx_segment(lx);
	else
		lx_attach(lx);
	return j - i;
}

/*
 * A '.' at s[i] (n bytes: fullwidth dots are three): ".NET", a dotted
 * initial ("V.P."), or a word break.  Returns the bytes read.
 */
static size_t
lx_dot(rx_title_lexer *lx, size_t i, size_t n)
{
	if (i + 3 < lx->len &&
		(lx->s[i + 1] | 0x20) == 'n' && (lx->s[i + 2] | 0x20) == 'e' &&
		(lx->s[i + 3] | 0x20) == 't' &&
		(i + 4 == lx->len || !rx_title_is_alnum(lx->s[i + 4])))
	{
		lx_static(lx, RX_TITLE_LEX_DOTNET, 0);
		return 4;
	}
	if (lx->inword && lx->piece == 1 && lx->ascii_last &&
		i + 1 < lx->len && rx_title_is_alpha(lx->s[i + 1]) &&
		(i + 2 == lx->len || !rx_title_is_alnum(lx->s[i + 2])))
	{
		/* V.P., S.V.P.: the letters join */
		lx->piece = 0;
		return n;
	}
	/*
	 * 15-1199.09, 1234.01: a number of 4+ digits keeps the digits after its
	 * dot (a SOC or O*NET-SOC code, a reference), so that it goes whole
	 */
	if (lx->inword && lx->ndig >= 4 && i + 1 < lx->len && lx->s[i + 1] >= '0' && lx->s[i + 1] <= '9')
		return n;
	lx_end(lx);
	lx->pending = 0;
	return n;
}

/* A '#': "C#" and "F#" are words, otherwise it marks the number after it. */
static void
lx_hash(rx_title_lexer *lx)
{
	if (lx_word_is(lx, 'c') || lx_word_is(lx, 'f'))
	{
		uint32_t	f = lx->wflags;
		bool		isc = lx->tb[lx->wstart] == 'c';

		lx->tl = lx->wstart;
		lx->inword = false;
		lx_static(lx, isc ? RX_TITLE_LEX_CSHARP : RX_TITLE_LEX_FSHARP, f);
		return;
	}
	lx_end(lx);
	lx->pending = W_HASH;
}

/* A '+' at s[i] (n bytes): "C++" is a word, otherwise a word break.  Returns the bytes read. */
static size_t
lx_plus(rx_title_lexer *lx, size_t i, size_t n)
{
	if (lx_word_is(lx, 'c') && i + 1 < lx->len && lx->s[i + 1] == '+')
	{
		uint32_t	f = lx->wflags;

		lx->tl = lx->wstart;
		lx->inword = false;
		lx_static(lx, RX_TITLE_LEX_CPP, f);
		return 2;
	}
	lx_end(lx);
	lx->pending = 0;
	return n;
}

/* Put the character ch at s[i] into the words; returns the bytes it took. */
static size_t
lx_take(rx_title_lexer *lx, const lx_char *ch, size_t i)
{
	const char *a;
	char		buf[4];

	switch (ch->cls)
	{
		case LX_ROMAN:
			for (a = rx_title_roman_text[ch->cp >= 0x2170 ? ch->cp - 0x2170 : ch->cp - 0x2160]; *a; a++)
				lx_put(lx, *a);
			break;
		case TC_WORD:
			if (ch->cp < 0x80)
				lx_put(lx, (char) (ch->c >= 'A' && ch->c <= 'Z' ? ch->c + ('a' - 'A') : ch->c));
			else
				lx_put_bytes(lx, (const char *) lx->s + i, ch->n);
			break;
		case TC_DIGIT:
			lx_put(lx, (char) ch->c);
			break;
		case TC_FOLD:
			for (a = ch->fold->ascii; *a; a++)
				lx_put(lx, *a);
			break;
		case TC_LOWER:
			lx_put_bytes(lx, buf, rx_title_encode(ch->lower, buf));
			break;
		case TC_COMBINING:
			/* an accent written apart after a Latin letter: drop it */
			if (!(lx->inword && lx->ascii_last))
				lx_put_bytes(lx, (const char *) lx->s + i, ch->n);
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
			lx_segment(lx);
			break;
		case TC_HYPHEN:
			return lx_hyphen(lx, i, ch->n);
		case TC_DOT:
			return lx_dot(lx, i, ch->n);
		case TC_HASH:
			lx_hash(lx);
			break;
		case TC_PLUS:
			return lx_plus(lx, i, ch->n);
		case TC_UNDERSCORE:
			lx_attach(lx);
			break;
		default:				/* TC_SPACE, TC_BREAK */
			lx_end(lx);
			lx->pending = 0;
			break;
	}
	return ch->n;
}

/* Split s[0..len) into words (step 1; see title_int.h). */
rx_status
rx_title_lex(const char *s, size_t len, rx_title_word *w, char *tb, size_t *n, rx_error *err)
{
	rx_title_lexer lx;
	size_t		i = 0;

	memset(&lx, 0, sizeof(lx));
	lx.s = (const unsigned char *) s;
	lx.len = len;
	lx.w = w;
	lx.tb = tb;
	lx.space_before = true;
	while (i < lx.len)
	{
		lx_char		ch;

		if (!lx_read(&lx, i, &ch, err))
			return RX_ENCODING;
		i += lx_take(&lx, &ch, i);
		if (ch.cls != TC_DROP)
			lx.space_before = (ch.cls == TC_SPACE);
	}
	lx_end(&lx);
	*n = lx.n;
	return RX_OK;
}
