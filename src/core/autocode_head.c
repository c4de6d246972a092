/*
 * autocode_head.c — where the head noun of a raw job title is
 * (rx_autocode_head_window, see autocode.h).
 *
 * Normalization joins a title's segments into one run of words, so the head
 * rule of rx_autocode_split (the last content word) would take "po" as the head of
 * "Parole Officer (PO)" and "team" as the head of "Data Engr - EMEA Team".
 * The job is named by the first segment; this file finds it in the raw
 * title, normalizes it alone and, when the normalized title starts with it,
 * returns its length so that the head is looked for there.
 */
#include "autocode.h"

#include <stdbool.h>
#include <string.h>

#include "title.h"

#define RX_AUTOCODE_HEAD_PREFIX_MAX	4096	/* normalized first segments longer than this are not looked at */

/* Kinds of segment breaks. */
typedef enum rx_autocode_break
{
	RX_AUTOCODE_BREAK_NONE = 0,
	RX_AUTOCODE_BREAK_STRONG,			/* ( [ | or a spaced dash: what follows qualifies */
	RX_AUTOCODE_BREAK_COMMA				/* , ; : — what follows may be the job's second half */
} rx_autocode_break;

/* Is c ASCII white space? */
static bool
rx_autocode_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Does the title list things ("and", "&")? Then a comma separates items of a list. */
static bool
rx_autocode_has_list(const char *s, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
	{
		if (s[i] == '&')
			return true;
		if (i + 5 <= len && rx_autocode_space(s[i]) && rx_autocode_space(s[i + 4]) &&
			(s[i + 1] | 0x20) == 'a' && (s[i + 2] | 0x20) == 'n' && (s[i + 3] | 0x20) == 'd')
			return true;
	}
	return false;
}

/*
 * The first segment break of title s[0..len): its byte offset in *at and
 * its kind; RX_AUTOCODE_BREAK_NONE when there is none.  A dash breaks only with white
 * space on both sides ("Data Engr - EMEA", not "Set-Up"); UTF-8 en and em
 * dashes count as dashes.
 */
static rx_autocode_break
rx_autocode_first_break(const char *s, size_t len, size_t *at)
{
	size_t		i;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '(' || c == '[' || c == '|')
		{
			*at = i;
			return RX_AUTOCODE_BREAK_STRONG;
		}
		if (c == ',' || c == ';' || c == ':')
		{
			*at = i;
			return RX_AUTOCODE_BREAK_COMMA;
		}
		if (i > 0 && rx_autocode_space(s[i - 1]))
		{
			size_t		n = 0;

			if (c == '-')
				n = 1;
			else if (c == 0xE2 && i + 2 < len && (unsigned char) s[i + 1] == 0x80 &&
					 ((unsigned char) s[i + 2] == 0x93 || (unsigned char) s[i + 2] == 0x94))
				n = 3;			/* U+2013 en dash, U+2014 em dash */
			if (n > 0 && i + n < len && rx_autocode_space(s[i + n]))
			{
				*at = i;
				return RX_AUTOCODE_BREAK_STRONG;
			}
		}
	}
	return RX_AUTOCODE_BREAK_NONE;
}

/* Where the head noun of a raw title may be in its normalized text (0: anywhere). */
size_t
rx_autocode_head_window(const char *title, size_t len, const char *norm, size_t normlen)
{
	char		buf[RX_AUTOCODE_HEAD_PREFIX_MAX];
	size_t		at = 0,
				plen = 0,
				i;
	rx_autocode_break	kind;
	rx_error	err;

	if (title == NULL || norm == NULL || normlen == 0)
		return 0;
	kind = rx_autocode_first_break(title, len, &at);
	if (kind == RX_AUTOCODE_BREAK_NONE || at == 0 || rx_title_out_capacity(at) > sizeof(buf))
		return 0;
	if (rx_title_normalize(title, at, buf, sizeof(buf), &plen, &err) != RX_OK || plen == 0)
		return 0;
	/* the normalized title must start with the normalized segment, word for word */
	if (plen > normlen || memcmp(norm, buf, plen) != 0 || (plen < normlen && norm[plen] != ' '))
		return 0;
	if (plen == normlen)
		return 0;				/* nothing after it: no window needed */
	if (kind == RX_AUTOCODE_BREAK_COMMA)
	{
		/* "Manager, Client Success": one job word before the comma, no list */
		for (i = 0; i < plen; i++)
			if (buf[i] == ' ')
				return 0;
		if (rx_autocode_has_list(title, len))
			return 0;
	}
	return plen;
}
