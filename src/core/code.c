/*
 * rolecode.c — parse, compare and take apart role codes (see rolecode.h).
 */
#include "code.h"

#include <string.h>

#include "level.h"

static const char rx_code_expected[] =
"A role code is one to eight labels of letters, digits and underscores separated by dots, such as DEI.GEN.P1.";

static const char rx_code_label_chars[] =
"a label is made of the letters A to Z, the digits 0 to 9 and the underscore.";

/* Is c a label character of the canonical text ([A-Z0-9_])? */
bool
rx_code_is_label_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Upper-case an ASCII letter. */
static char
rx_code_upper(char c)
{
	return (c >= 'a' && c <= 'z') ? (char) (c - 'a' + 'A') : c;
}

/* Does the label t[0..n) have the level form (the rolelevel grammar)? */
static bool
rx_code_is_level_label(const char *t, size_t n)
{
	int32_t		v;

	return rx_level_parse(t, n, &v, NULL) == RX_OK;
}

/* Offset of the last label of a canonical text. */
static size_t
rx_code_last_label_start(const char *text, size_t len)
{
	size_t		i = len;

	while (i > 0 && text[i - 1] != '.')
		i--;
	return i;
}

/* The info byte of a canonical text (depth and level flag). */
uint8_t
rx_code_info(const char *text, size_t len)
{
	size_t		i;
	int			depth = 1;
	uint8_t		info;

	for (i = 0; i < len; i++)
		if (text[i] == '.')
			depth++;
	info = (uint8_t) depth;
	if (depth >= 2)
	{
		size_t		start = rx_code_last_label_start(text, len);

		if (rx_code_is_level_label(text + start, len - start))
			info |= RX_CODE_INFO_LEVEL;
	}
	return info;
}

/* Fill out with a copy of a canonical text and its info byte. */
static void
rx_code_set(rx_code *out, const char *text, size_t len)
{
	memmove(out->text, text, len);
	out->text[len] = '\0';
	out->len = len;
	out->info = rx_code_info(out->text, len);
}

/* The number of labels of a code, from its info byte. */
int
rx_code_depth(uint8_t info)
{
	return info & RX_CODE_INFO_DEPTH;
}

/* Does the code end in a level? (from its info byte) */
bool
rx_code_has_level(uint8_t info)
{
	return (info & RX_CODE_INFO_LEVEL) != 0;
}

/*
 * Report an unexpected byte at 1-based position pos: quoted when it is a
 * printable ASCII character, in hex otherwise.
 */
static rx_status
rx_code_fail_char(rx_error *err, unsigned char c, size_t pos)
{
	if (c >= 0x20 && c < 0x7f)
		return rx_fail(err, RX_SYNTAX,
					   "Unexpected character \"%c\" at position %zu; %s",
					   (char) c, pos, rx_code_label_chars);
	return rx_fail(err, RX_SYNTAX, "Unexpected byte 0x%02X at position %zu; %s",
				   c, pos, rx_code_label_chars);
}

/*
 * Parse a code literal (trimmed, case-insensitive) into its canonical form.
 * Positions in error sentences count from 1 in the untrimmed input.
 */
rx_status
rx_code_parse(const char *s, size_t len, rx_code *out, rx_error *err)
{
	const char *start = s;
	size_t		base,
				i,
				o = 0,
				lablen = 0;
	int			labels = 1;

	rx_clear(err);
	s = rx_trim(s, &len);
	base = (size_t) (s - start) + 1;
	if (len == 0)
		return rx_fail(err, RX_SYNTAX, "%s", rx_code_expected);
	if (s[0] == '.')
		return rx_fail(err, RX_SYNTAX,
					   "A role code cannot start with a dot; it starts with its first label, such as DEI in DEI.GEN.P1.");
	for (i = 0; i < len; i++)
	{
		char		c = rx_code_upper(s[i]);

		if (c == '.')
		{
			if (lablen == 0)
				return rx_fail(err, RX_SYNTAX,
							   "Two dots in a row at position %zu leave an empty label; labels are separated by single dots.",
							   base + i - 1);
			if (i == len - 1)
				return rx_fail(err, RX_SYNTAX, "A role code cannot end with a dot.");
			if (++labels > RX_CODE_LABELS_MAX)
			{
				size_t		j;

				for (j = i + 1; j < len; j++)
					if (s[j] == '.')
						labels++;
				return rx_fail(err, RX_SYNTAX,
							   "A role code has at most %d labels; this one has %d.",
							   RX_CODE_LABELS_MAX, labels);
			}
			lablen = 0;
			out->text[o++] = '.';
		}
		else if (rx_code_is_label_char(c))
		{
			if (++lablen > RX_CODE_LABEL_MAX)
			{
				size_t		j = i;

				while (j < len && s[j] != '.')
					j++;
				return rx_fail(err, RX_SYNTAX,
							   "Label %d has %zu characters; a label has at most %d.",
							   labels, lablen - 1 + (j - i), RX_CODE_LABEL_MAX);
			}
			out->text[o++] = c;
		}
		else
			return rx_code_fail_char(err, (unsigned char) s[i], base + i);
	}
	out->text[o] = '\0';
	out->len = o;
	out->info = rx_code_info(out->text, o);
	return RX_OK;
}

/* Order of two canonical texts: byte order, a prefix first. */
int
rx_code_compare(const char *a, size_t alen, const char *b, size_t blen)
{
	int			c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c < 0 ? -1 : 1;
	if (alen == blen)
		return 0;
	return alen < blen ? -1 : 1;
}

/* Is a a descendant of b, or b itself (a <@ b)? */
bool
rx_code_descends(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen < blen || memcmp(a, b, blen) != 0)
		return false;
	return alen == blen || a[blen] == '.';
}

/* The level of a code ending in one (rolelevel encoding); false if none. */
bool
rx_code_level(const char *text, size_t len, uint8_t info, int32_t *level)
{
	size_t		start;

	if (!rx_code_has_level(info))
		return false;
	start = rx_code_last_label_start(text, len);
	return rx_level_parse(text + start, len - start, level, NULL) == RX_OK;
}

/* The code without its level (the code itself when it has none). */
void
rx_code_family(const char *text, size_t len, uint8_t info, rx_code *out)
{
	if (rx_code_has_level(info))
		len = rx_code_last_label_start(text, len) - 1;
	rx_code_set(out, text, len);
}

/* The first n labels of a code (n >= 1; the whole code when n >= depth). */
rx_status
rx_code_prefix(const char *text, size_t len, int64_t n, rx_code *out, rx_error *err)
{
	size_t		i;
	int64_t		seen = 1;

	rx_clear(err);
	if (n < 1)
		return rx_fail(err, RX_ARGUMENT,
					   "A prefix has at least one label, so n must be 1 or more; it is %lld.",
					   (long long) n);
	for (i = 0; i < len; i++)
	{
		if (text[i] == '.' && seen++ == n)
			break;
	}
	rx_code_set(out, text, i);
	return RX_OK;
}

/* The code with a level label appended (see rolecode.h for the errors). */
rx_status
rx_code_append_level(const char *text, size_t len, uint8_t info, int32_t level,
				rx_code *out, rx_error *err)
{
	char		lv[RX_LEVEL_TEXT_MAX];
	size_t		n;

	rx_clear(err);
	if (!rx_level_valid(level))
		return rx_fail(err, RX_ARGUMENT, "The level is not a valid rolelevel value.");
	if (rx_code_has_level(info))
	{
		size_t		start = rx_code_last_label_start(text, len);

		return rx_fail(err, RX_ARGUMENT,
					   "The code already ends in the level %.*s; append to its family, code_family(code), to replace it.",
					   (int) (len - start), text + start);
	}
	if (rx_code_depth(info) >= RX_CODE_LABELS_MAX)
		return rx_fail(err, RX_ARGUMENT,
					   "A role code has at most %d labels, and this one already has %d.",
					   RX_CODE_LABELS_MAX, rx_code_depth(info));
	n = rx_level_format(level, lv);
	memmove(out->text, text, len);
	out->text[len] = '.';
	memcpy(out->text + len + 1, lv, n);
	rx_code_set(out, out->text, len + 1 + n);
	return RX_OK;
}

/* The least label character above c, or 0 when c is '_' (the greatest). */
static char
rx_code_next_label_char(char c)
{
	if (c == '9')
		return 'A';
	if (c == 'Z')
		return '_';
	if (c == '_')
		return '\0';
	return (char) (c + 1);
}

/* Length of the label of text that ends just before offset end. */
static size_t
rx_code_label_length_before(const char *text, size_t end)
{
	size_t		i = end;

	while (i > 0 && text[i - 1] != '.')
		i--;
	return end - i;
}

/*
 * succ(X), the least valid code above the subtree of X (see rolecode.h).
 *
 * Every valid code above the subtree agrees with X up to some position i
 * and then has a greater byte there (at i = len, any label character beats
 * the '.' of a descendant).  The later that position, the smaller the code,
 * and the smallest code for a position is the prefix plus the least valid
 * greater byte.  So we try positions from the end: extend the last label
 * with '0' if it has room, else raise a label character, else turn a dot
 * into '0' (which lengthens the label before it), carrying leftwards.
 */
bool
rx_code_subtree_end(const char *text, size_t len, rx_code *out)
{
	size_t		i;

	if (rx_code_label_length_before(text, len) < RX_CODE_LABEL_MAX)
	{
		memmove(out->text, text, len);
		out->text[len] = '0';
		rx_code_set(out, out->text, len + 1);
		return true;
	}
	for (i = len; i-- > 0;)
	{
		char		next;

		if (text[i] == '.')
		{
			if (rx_code_label_length_before(text, i) >= RX_CODE_LABEL_MAX)
				continue;
			next = '0';
		}
		else if ((next = rx_code_next_label_char(text[i])) == '\0')
			continue;
		memmove(out->text, text, i);
		out->text[i] = next;
		rx_code_set(out, out->text, i + 1);
		return true;
	}
	return false;
}

/* The greatest code in the subtree of X (see rolecode.h). */
void
rx_code_subtree_max(const char *text, size_t len, rx_code *out)
{
	int			depth = rx_code_depth(rx_code_info(text, len));
	size_t		o = len;

	memmove(out->text, text, len);
	for (; depth < RX_CODE_LABELS_MAX; depth++)
	{
		out->text[o++] = '.';
		memset(out->text + o, '_', RX_CODE_LABEL_MAX);
		o += RX_CODE_LABEL_MAX;
	}
	rx_code_set(out, out->text, o);
}
