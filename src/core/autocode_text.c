/*
 * autocode_text.c — words, stems, head nouns, trigrams and hashes for the
 * autocoder (see autocode_text.h).
 */
#include "autocode_text.h"

#include <string.h>

/*
 * Stop words: function words that carry no occupation of their own.  The
 * prepositions among them also end the head-noun search ("director of
 * nursing" has the head "director").
 */
static const char *const rx_autocode_stop_words[] = {
	"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of",
	"on", "or", "the", "to", "with", NULL
};
static const char *const rx_autocode_head_breaks[] = {
	"at", "by", "for", "from", "in", "into", "of", "on", "to", "with", NULL
};

/*
 * Qualifiers of coders' indexes: a word that starts an exclusion ("Cleaner,
 * exc. private household", "Architects, Except Landscape and Naval": the
 * words after it name other work), and the words that say "not elsewhere
 * classified" (nec, "not otherwise specified").
 */
static const char *const rx_autocode_exclusions[] = {
	"exc", "except", "excl", "excluding", "exclusive", NULL
};
static const char *const rx_autocode_nec[] = {"nec", "nos", NULL};
static const char *const rx_autocode_nec_phrase[] = {"not", "elsewhere", "otherwise", "classified",
"specified", NULL};

/* Is w[0..len) one of the NULL-terminated list? */
static bool
rx_autocode_in_list(const char *const *list, const char *w, size_t len)
{
	int			i;

	for (i = 0; list[i] != NULL; i++)
		if (strlen(list[i]) == len && memcmp(list[i], w, len) == 0)
			return true;
	return false;
}

/* Is w[0..len) a stop word? */
bool
rx_autocode_is_stop(const char *w, size_t len)
{
	return rx_autocode_in_list(rx_autocode_stop_words, w, len);
}

/* Does w[0..len) end with the NUL-terminated suffix? */
static bool
rx_autocode_ends(const char *w, size_t len, const char *suffix)
{
	size_t		n = strlen(suffix);

	return len >= n && memcmp(w + len - n, suffix, n) == 0;
}

/* Is c an ASCII vowel (y counts)? */
static bool
rx_autocode_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Strip a plural ending: secretaries -> secretary, boxes -> box, nurses -> nurse. */
static size_t
rx_autocode_stem_plural(char *w, size_t len)
{
	if (len > 4 && rx_autocode_ends(w, len, "ies"))
	{
		w[len - 3] = 'y';
		return len - 2;
	}
	if (rx_autocode_ends(w, len, "sses"))
		return len - 2;
	if (len > 4 && (rx_autocode_ends(w, len, "xes") || rx_autocode_ends(w, len, "ches") ||
					rx_autocode_ends(w, len, "shes") || rx_autocode_ends(w, len, "zes")))
		return len - 2;
	if (len > 3 && w[len - 1] == 's' && !rx_autocode_ends(w, len, "ss") &&
		!rx_autocode_ends(w, len, "us") && !rx_autocode_ends(w, len, "is"))
		return len - 1;
	return len;
}

/*
 * Strip agent and action endings so that the forms of one occupation meet:
 * cutter/cutting -> cut, engineer/engineering/engine -> engin,
 * operator/operating -> operat.  Stems keep at least four letters.
 */
static size_t
rx_autocode_stem_suffix(char *w, size_t len)
{
	static const char *const suffixes[] = {"ation", "ment", "ing", "ist", "er", "or", NULL};
	int			round;

	for (round = 0; round < 2; round++)
	{
		size_t		before = len;
		int			i;

		for (i = 0; suffixes[i] != NULL; i++)
		{
			size_t		n = strlen(suffixes[i]);

			if (len >= n + 4 && rx_autocode_ends(w, len, suffixes[i]))
			{
				len -= n;
				/* cutt -> cut, but roll and press keep their double letter */
				if (len >= 4 && w[len - 1] == w[len - 2] && !rx_autocode_vowel(w[len - 1]) &&
					w[len - 1] != 'l' && w[len - 1] != 's' && w[len - 1] != 'z')
					len--;
				break;
			}
		}
		if (len > 4 && w[len - 1] == 'e')
			len--;
		if (len == before)
			break;
	}
	return len;
}

/* Stem the word w[0..len) in place; returns the new length (>= 1). */
size_t
rx_autocode_stem(char *w, size_t len, int stem_level)
{
	if (len == 0 || stem_level <= 0)
		return len;
	/* words with digits or non-ASCII bytes are codes or foreign: keep them */
	{
		size_t		i;

		for (i = 0; i < len; i++)
			if (w[i] < 'a' || w[i] > 'z')
				return len;
	}
	len = rx_autocode_stem_plural(w, len);
	if (stem_level >= 2)
		len = rx_autocode_stem_suffix(w, len);
	return len;
}

/* Is byte c part of a word? */
static bool
rx_autocode_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') || c >= 0x80;
}

/* Split text into words with the head anywhere (rx_autocode_split_head with head_end 0). */
void
rx_autocode_split(const char *text, size_t len, int stem_level, rx_autocode_words *out)
{
	rx_autocode_split_head(text, len, 0, stem_level, out);
}

/* Is word k of out, as it stands in text (lower-cased), one of the NULL-terminated list? */
static bool
rx_autocode_orig_in(const char *text, const rx_autocode_words *out, int k, const char *const *list)
{
	char		buf[16];
	size_t		n = out->w[k].orig_len,
				i;

	if (n >= sizeof(buf))
		return false;
	for (i = 0; i < n; i++)
	{
		char		c = text[out->w[k].orig_off + i];

		buf[i] = (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
	}
	return rx_autocode_in_list(list, buf, n);
}

/*
 * Mark the qualifiers of an index entry as stop words: an exclusion
 * marker after a content word and every word after it; "nec" and "nos";
 * "not elsewhere classified", "not otherwise specified" and their like
 * (three or four words of the phrase from "not" on).
 */
static void
rx_autocode_qualifiers(const char *text, rx_autocode_words *out)
{
	int			k,
				j,
				m;
	bool		content = false;

	for (k = 0; k < out->n; k++)
	{
		rx_autocode_word *w = &out->w[k];

		if (content && rx_autocode_orig_in(text, out, k, rx_autocode_exclusions))
		{
			for (j = k; j < out->n; j++)
				out->w[j].stop = true;
			return;
		}
		if (rx_autocode_orig_in(text, out, k, rx_autocode_nec))
			w->stop = true;
		else if (out->w[k].orig_len == 3 && memcmp(text + out->w[k].orig_off, "not", 3) == 0)
		{
			for (j = k + 1; j < out->n && j <= k + 3 &&
				 rx_autocode_orig_in(text, out, j, rx_autocode_nec_phrase); j++)
				;
			if (j - k >= 3)
			{
				for (m = k; m < j; m++)
					out->w[m].stop = true;
				k = j - 1;
				continue;
			}
		}
		content |= !w->stop;
	}
}

/*
 * Split text into words, stem them, mark stop words and the head noun: the
 * last non-stop word before the first preposition that follows a non-stop
 * word, else the last non-stop word, among the words that start before
 * head_end (0: anywhere; when none does, anywhere).
 */
void
rx_autocode_split_head(const char *text, size_t len, size_t head_end, int stem_level, rx_autocode_words *out)
{
	size_t		i = 0;
	char	   *buf = out->buf;
	int			head = -1;
	int			k;
	bool		broken = false;

	out->n = 0;
	while (i < len && out->n < RX_AUTOCODE_TOKENS_MAX)
	{
		size_t		start,
					n,
					j;
		char	   *w;

		while (i < len && !rx_autocode_word_byte((unsigned char) text[i]))
			i++;
		start = i;
		while (i < len && rx_autocode_word_byte((unsigned char) text[i]))
			i++;
		n = i - start;
		if (n == 0 || n > RX_AUTOCODE_TOKEN_LEN_MAX)
			continue;
		w = buf;
		for (j = 0; j < n; j++)
		{
			char		c = text[start + j];

			w[j] = (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
		}
		out->w[out->n].stop = rx_autocode_is_stop(w, n);
		if (!out->w[out->n].stop)
			n = rx_autocode_stem(w, n, stem_level);
		w[n] = '\0';
		out->w[out->n].s = w;
		out->w[out->n].len = (uint8_t) n;
		out->w[out->n].orig_off = (uint16_t) start;
		out->w[out->n].orig_len = (uint8_t) (i - start);
		out->w[out->n].head = false;
		buf += n + 1;
		out->n++;
	}

	rx_autocode_qualifiers(text, out);
	for (k = 0; k < out->n && !broken; k++)
	{
		if (head_end > 0 && out->w[k].orig_off >= head_end && head >= 0)
			break;
		if (!out->w[k].stop)
			head = k;
		else if (head >= 0 && rx_autocode_in_list(rx_autocode_head_breaks, out->w[k].s, out->w[k].len))
			broken = true;
	}
	if (head >= 0)
		out->w[head].head = true;
}

/* 64-bit FNV-1a hash of s[0..len), continued from h. */
uint64_t
rx_autocode_hash(uint64_t h, const void *s, size_t len)
{
	const unsigned char *p = s;
	size_t		i;

	for (i = 0; i < len; i++)
	{
		h ^= p[i];
		h *= UINT64_C(1099511628211);
	}
	return h;
}

/* Final mixing (the splitmix64 finalizer) so that low bits are usable. */
uint64_t
rx_autocode_mix(uint64_t h)
{
	h ^= h >> 30;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	h ^= h >> 27;
	h *= UINT64_C(0x94d049bb133111eb);
	h ^= h >> 31;
	return h;
}

/* The boundary-padded character trigrams of w[0..len) as 24-bit keys. */
int
rx_autocode_trigrams(const char *w, size_t len, uint32_t *keys)
{
	size_t		i;
	int			n = 0;

	for (i = 0; i < len; i++)
	{
		uint32_t	a = i == 0 ? 0 : (unsigned char) w[i - 1];
		uint32_t	b = (unsigned char) w[i];
		uint32_t	c = i + 1 == len ? 0 : (unsigned char) w[i + 1];

		keys[n++] = (a << 16) | (b << 8) | c;
	}
	return n;
}
