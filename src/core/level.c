/*
 * level.c — parse, format and encode rolelevel values (see level.h).
 */
#include "level.h"

#include <string.h>

#define RX_LEVEL_KEY_OTHER	4		/* first track key after S, P, M, E */

static const char rx_level_named_tracks[] = "SPME";

static const char rx_level_expected[] =
"A level is a track of one to three letters followed by a rank from 0 to 99, such as P1, M3 or IC3.";

/* Is c an ASCII letter? */
static bool
rx_level_is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Is c an ASCII digit? */
static bool
rx_level_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Upper-case an ASCII letter. */
static char
rx_level_upper(char c)
{
	return (c >= 'a' && c <= 'z') ? (char) (c - 'a' + 'A') : c;
}

/* Track key of 1–3 upper-case letters (see level.h). */
static int32_t
rx_level_track_key(const char *t, size_t n)
{
	int32_t		c[3] = {0, 0, 0};
	size_t		i;

	if (n == 1)
	{
		const char *p = strchr(rx_level_named_tracks, t[0]);

		if (p != NULL)
			return (int32_t) (p - rx_level_named_tracks);
	}
	for (i = 0; i < n; i++)
		c[i] = t[i] - 'A' + 1;
	return RX_LEVEL_KEY_OTHER + c[0] * 27 * 27 + c[1] * 27 + c[2];
}

/*
 * Validate a track of letters (already trimmed) and compute its key; on
 * failure fill err with status st and a sentence naming what is wrong.
 */
static rx_status
rx_level_read_track(const char *s, size_t n, int32_t *key, rx_status st, rx_error *err)
{
	char		t[RX_LEVEL_TRACK_MAX];
	size_t		i;

	if (n == 0)
		return rx_fail(err, st, "A level's track is one to three letters, such as P or IC.");
	if (n > RX_LEVEL_TRACK_MAX)
		return rx_fail(err, st, "A level's track has at most three letters.");
	for (i = 0; i < n; i++)
	{
		if (!rx_level_is_alpha(s[i]))
			return rx_fail(err, st, "A level's track is made of the letters A to Z only.");
		t[i] = rx_level_upper(s[i]);
	}
	*key = rx_level_track_key(t, n);
	return RX_OK;
}

/* Parse a level literal (trimmed, case-insensitive) into its encoding. */
rx_status
rx_level_parse(const char *s, size_t len, int32_t *out, rx_error *err)
{
	size_t		nletters = 0,
				ndigits = 0,
				i;
	int32_t		key;
	int32_t		rank = 0;
	rx_status	st;

	rx_clear(err);
	s = rx_trim(s, &len);
	if (len == 0)
		return rx_fail(err, RX_SYNTAX, "%s", rx_level_expected);
	if (rx_level_is_digit(s[0]))
		return rx_fail(err, RX_SYNTAX,
					   "A level starts with its track letters, such as the P in P1.");
	while (nletters < len && rx_level_is_alpha(s[nletters]))
		nletters++;
	if (nletters == 0)
		return rx_fail(err, RX_SYNTAX,
					   "A level starts with its track letters; \"%c\" is not a letter.",
					   s[0]);
	if (nletters > RX_LEVEL_TRACK_MAX)
		return rx_fail(err, RX_SYNTAX, "A level's track has at most three letters.");
	i = nletters;
	while (i < len && rx_level_is_digit(s[i]))
	{
		if (ndigits < 3)
			rank = rank * 10 + (s[i] - '0');
		ndigits++;
		i++;
	}
	if (i < len)
	{
		unsigned char c = (unsigned char) s[i];

		if (c >= 0x20 && c < 0x7f)
			return rx_fail(err, RX_SYNTAX,
						   "Unexpected character \"%c\" at position %zu; %s",
						   (char) c, i + 1, rx_level_expected);
		return rx_fail(err, RX_SYNTAX,
					   "Unexpected byte 0x%02X at position %zu; %s", c, i + 1,
					   rx_level_expected);
	}
	if (ndigits == 0)
		return rx_fail(err, RX_SYNTAX,
					   "A level needs a rank after its track, such as the 1 in P1.");
	if (ndigits > 2 || rank > RX_LEVEL_RANK_MAX)
		return rx_fail(err, RX_SYNTAX, "A level's rank is a number from 0 to 99.");
	st = rx_level_read_track(s, nletters, &key, RX_SYNTAX, err);
	if (st != RX_OK)
		return st;
	*out = key * 100 + rank;
	return RX_OK;
}

/* Build a level from a track (trimmed, case-insensitive) and a rank. */
rx_status
rx_level_make(const char *track, size_t len, int64_t rank, int32_t *out, rx_error *err)
{
	int32_t		key;
	rx_status	st;

	rx_clear(err);
	track = rx_trim(track, &len);
	st = rx_level_read_track(track, len, &key, RX_ARGUMENT, err);
	if (st != RX_OK)
		return st;
	if (rank < 0 || rank > RX_LEVEL_RANK_MAX)
		return rx_fail(err, RX_RANGE,
					   "A level's rank is a number from 0 to 99; %lld is out of range.",
					   (long long) rank);
	*out = key * 100 + (int32_t) rank;
	return RX_OK;
}

/* Is v the encoding of some level? (binary input checks with this) */
bool
rx_level_valid(int32_t v)
{
	int32_t		key,
				c1,
				c2,
				c3;

	if (v < 0 || v > RX_LEVEL_VALUE_MAX)
		return false;
	key = v / 100;
	if (key < RX_LEVEL_KEY_OTHER)
		return true;
	key -= RX_LEVEL_KEY_OTHER;
	c1 = key / (27 * 27);
	c2 = (key / 27) % 27;
	c3 = key % 27;
	if (c1 < 1 || c1 > 26)
		return false;
	if (c2 == 0 && c3 != 0)
		return false;
	/* single-letter S, P, M, E have their own keys */
	if (c2 == 0 && strchr(rx_level_named_tracks, 'A' + c1 - 1) != NULL)
		return false;
	return true;
}

/* Write the track letters of a valid level into buf; returns their count. */
size_t
rx_level_track(int32_t v, char *buf)
{
	int32_t		key = v / 100;
	size_t		n = 0;

	if (key < RX_LEVEL_KEY_OTHER)
		buf[n++] = rx_level_named_tracks[key];
	else
	{
		int32_t		c[3];
		int			i;

		key -= RX_LEVEL_KEY_OTHER;
		c[0] = key / (27 * 27);
		c[1] = (key / 27) % 27;
		c[2] = key % 27;
		for (i = 0; i < 3 && c[i] != 0; i++)
			buf[n++] = (char) ('A' + c[i] - 1);
	}
	buf[n] = '\0';
	return n;
}

/* The rank of a valid level. */
int
rx_level_rank(int32_t v)
{
	return (int) (v % 100);
}

/* Write the canonical text of a valid level into buf; returns its length. */
size_t
rx_level_format(int32_t v, char *buf)
{
	size_t		n = rx_level_track(v, buf);
	int			rank = rx_level_rank(v);

	if (rank >= 10)
		buf[n++] = (char) ('0' + rank / 10);
	buf[n++] = (char) ('0' + rank % 10);
	buf[n] = '\0';
	return n;
}

/*
 * Find the separator of a span: en dash, em dash, "..", or "-".  Returns its
 * offset in s and its byte length, or false when there is none.
 */
static bool
rx_level_find_separator(const char *s, size_t len, size_t *at, size_t *seplen)
{
	size_t		i;

	for (i = 0; i < len; i++)
	{
		if (i + 2 < len && (unsigned char) s[i] == 0xE2 &&
			(unsigned char) s[i + 1] == 0x80 &&
			((unsigned char) s[i + 2] == 0x93 || (unsigned char) s[i + 2] == 0x94))
		{
			*at = i;
			*seplen = 3;
			return true;
		}
		if (s[i] == '.' && i + 1 < len && s[i + 1] == '.')
		{
			*at = i;
			*seplen = 2;
			return true;
		}
		if (s[i] == '-')
		{
			*at = i;
			*seplen = 1;
			return true;
		}
	}
	return false;
}

/* Parse a span of levels into its closed ends (see level.h). */
rx_status
rx_level_parse_span(const char *s, size_t len, int32_t *lo, int32_t *hi, rx_error *err)
{
	size_t		at,
				seplen;
	rx_status	st;
	rx_error	inner;

	rx_clear(err);
	s = rx_trim(s, &len);
	if (len == 0)
		return rx_fail(err, RX_SYNTAX,
					   "A level span is two levels joined by a dash or \"..\", such as P1–P4, P1-P4 or P1..P4.");
	if (!rx_level_find_separator(s, len, &at, &seplen))
	{
		st = rx_level_parse(s, len, lo, err);
		if (st == RX_OK)
			*hi = *lo;
		return st;
	}
	st = rx_level_parse(s, at, lo, &inner);
	if (st != RX_OK)
		return rx_fail(err, st, "The lower end of the span is not a level. %s",
					   inner.detail);
	st = rx_level_parse(s + at + seplen, len - at - seplen, hi, &inner);
	if (st != RX_OK)
		return rx_fail(err, st, "The upper end of the span is not a level. %s",
					   inner.detail);
	if (*lo > *hi)
		return rx_fail(err, RX_SYNTAX,
					   "The lower end of a span must not come after its upper end in level order.");
	return RX_OK;
}
