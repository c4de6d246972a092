/*
 * soc.c — parse, format and walk soccode values (see soc.h).
 */
#include "soc.h"

#include <string.h>

/*
 * Minor groups written with four significant digits, NN-AB00.  Every other
 * minor group is NN-A000.  15-1200, 31-1100 and 51-5100 are the SOC 2018
 * ones; 15-1100 is SOC 2010's "Computer Occupations", kept so that SOC
 * 2010 codes (15-1111 … 15-1199) still find their minor group.  No other
 * code of the form NN-AB00 with B not 0 is a valid code.
 */
static const int32_t rx_soc_wide_minors[] = {151100, 151200, 311100, 515100};

#define RX_SOC_N_WIDE_MINORS	((int) (sizeof(rx_soc_wide_minors) / sizeof(rx_soc_wide_minors[0])))

/*
 * Detailed occupations whose broad group is not NN-ABC0: in SOC 2018,
 * 29-1221 … 29-1229 belong to broad group 29-1210 "Physicians" (there is
 * no broad group 29-1220).
 */
static const struct
{
	int32_t		first;			/* six digits of the first detailed code */
	int32_t		last;			/* six digits of the last detailed code */
	int32_t		broad;			/* six digits of their broad group */
}			rx_soc_broad_exceptions[] =
{
	{291221, 291229, 291210},
};

#define RX_SOC_N_BROAD_EXCEPTIONS	((int) (sizeof(rx_soc_broad_exceptions) / sizeof(rx_soc_broad_exceptions[0])))

static const char rx_soc_expected[] =
"A SOC code is a two-digit major group, a hyphen and four digits, such as 15-1252 (the hyphen may be left out), optionally followed by an O*NET-SOC suffix such as .01.";

static const char *const rx_soc_level_names[] = {
	"major", "minor", "broad", "detailed", "onet"
};

/* Is c an ASCII digit? */
static bool
rx_soc_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Is nn one of the 23 major groups (odd 11–53, and 55)? */
static bool
rx_soc_major_ok(int32_t nn)
{
	return (nn >= 11 && nn <= 53 && nn % 2 == 1) || nn == 55;
}

/* Is six (NNAB00) one of the minor groups with four significant digits? */
static bool
rx_soc_is_wide_minor(int32_t six)
{
	int			i;

	for (i = 0; i < RX_SOC_N_WIDE_MINORS; i++)
		if (rx_soc_wide_minors[i] == six)
			return true;
	return false;
}

/* Level of six digits and a suffix key (0 = no suffix). */
static rx_soc_level
rx_soc_level_of_parts(int32_t six, int32_t key)
{
	int32_t		d = six % 10000;

	if (key > 0)
		return RX_SOC_ONET;
	if (d == 0)
		return RX_SOC_MAJOR;
	if (d % 100 == 0)
		return RX_SOC_MINOR;
	if (d % 10 == 0)
		return RX_SOC_BROAD;
	return RX_SOC_DETAILED;
}

/*
 * Check the structure of six digits and a suffix key; on failure fill err
 * with status st and a sentence.  Shared by text and binary input.
 */
static rx_status
rx_soc_check(int32_t six, int32_t key, rx_status st, rx_error *err)
{
	int32_t		nn = six / 10000;
	int32_t		d = six % 10000;
	char		buf[RX_SOC_TEXT_MAX];
	rx_soc_level	level;

	if (!rx_soc_major_ok(nn))
		return rx_fail(err, st,
					   "There is no SOC major group %02d; the major groups are the odd numbers 11 to 53, and 55.",
					   (int) nn);
	if (d != 0 && d / 1000 == 0)
		return rx_fail(err, st,
					   "The first digit after the hyphen is 1 to 9, as in 15-1252; only a major group such as %02d-0000 has 0 there.",
					   (int) nn);
	if (d % 100 == 0 && d % 1000 != 0 && !rx_soc_is_wide_minor(six))
		return rx_fail(err, st,
					   "There is no SOC minor group %02d-%04d; a minor group is written NN-N000, such as %02d-%d000, except 15-1100, 15-1200, 31-1100 and 51-5100.",
					   (int) nn, (int) d, (int) nn, (int) (d / 1000));
	if (d % 10 != 0 && (d / 10) % 10 == 0)
		return rx_fail(err, st,
					   "The third digit after the hyphen of a detailed occupation is 1 to 9 (its broad group), as in 15-1252; %02d-%04d has 0 there.",
					   (int) nn, (int) d);
	level = rx_soc_level_of_parts(six, 0);
	if (key > 0 && level != RX_SOC_DETAILED)
	{
		rx_soc_format(six * RX_SOC_SCALE, buf);
		return rx_fail(err, st,
					   "An O*NET-SOC suffix belongs only to a detailed occupation; %s is a %s group.",
					   buf, rx_soc_level_names[level]);
	}
	return RX_OK;
}

/* Parse a SOC or O*NET-SOC code (trimmed; hyphen optional) into its value. */
rx_status
rx_soc_parse(const char *s, size_t len, int32_t *out, rx_error *err)
{
	size_t		i,
				ndig,
				pos;
	int32_t		six = 0,
				key = 0;
	rx_status	st;

	rx_clear(err);
	s = rx_trim(s, &len);
	if (len == 0)
		return rx_fail(err, RX_SYNTAX, "%s", rx_soc_expected);

	/* any character other than a digit, hyphen or dot is named first */
	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (rx_soc_is_digit((char) c) || c == '-' || c == '.')
			continue;
		if (c >= 0x20 && c < 0x7f)
			return rx_fail(err, RX_SYNTAX,
						   "Unexpected character \"%c\" at position %zu; %s",
						   (char) c, i + 1, rx_soc_expected);
		return rx_fail(err, RX_SYNTAX,
					   "Unexpected byte 0x%02X at position %zu; %s", c, i + 1,
					   rx_soc_expected);
	}

	/* the major group, then the hyphen and four digits, or six digits */
	for (ndig = 0; ndig < len && rx_soc_is_digit(s[ndig]); ndig++)
		;
	pos = ndig;
	if (pos < len && s[pos] == '-')
	{
		size_t		n2;

		if (ndig != 2)
			return rx_fail(err, RX_SYNTAX,
						   "A SOC code starts with its two-digit major group, such as the 15 in 15-1252.");
		for (n2 = 0; pos + 1 + n2 < len && rx_soc_is_digit(s[pos + 1 + n2]); n2++)
			;
		if (n2 != 4)
			return rx_fail(err, RX_SYNTAX,
						   "A SOC code has four digits after its hyphen, such as the 1252 in 15-1252; found %zu.",
						   n2);
		for (i = 0; i < 2; i++)
			six = six * 10 + (s[i] - '0');
		for (i = 0; i < 4; i++)
			six = six * 10 + (s[pos + 1 + i] - '0');
		pos += 5;
	}
	else
	{
		if (ndig != 6)
		{
			if (ndig == 0)
				return rx_fail(err, RX_SYNTAX,
							   "A SOC code starts with its two-digit major group, such as the 15 in 15-1252.");
			return rx_fail(err, RX_SYNTAX,
						   "A SOC code written without its hyphen has six digits, such as 151252; found %zu.",
						   ndig);
		}
		for (i = 0; i < 6; i++)
			six = six * 10 + (s[i] - '0');
	}

	/* an optional O*NET-SOC suffix: a dot and two digits */
	if (pos < len && s[pos] == '.')
	{
		size_t		n3;

		for (n3 = 0; pos + 1 + n3 < len && rx_soc_is_digit(s[pos + 1 + n3]); n3++)
			;
		if (n3 != 2 || pos + 1 + n3 != len)
			return rx_fail(err, RX_SYNTAX,
						   "An O*NET-SOC suffix is a dot and two digits, such as the .01 in 15-1252.01.");
		key = (s[pos + 1] - '0') * 10 + (s[pos + 2] - '0') + 1;
		pos += 3;
	}
	if (pos < len)
		return rx_fail(err, RX_SYNTAX,
					   "Unexpected character \"%c\" at position %zu; %s",
					   s[pos], pos + 1, rx_soc_expected);

	st = rx_soc_check(six, key, RX_SYNTAX, err);
	if (st != RX_OK)
		return st;
	*out = six * RX_SOC_SCALE + key;
	return RX_OK;
}

/* Is v the value of some valid code? (binary input checks with this) */
bool
rx_soc_valid(int32_t v)
{
	int32_t		key;

	if (v < RX_SOC_VALUE_MIN || v > RX_SOC_VALUE_MAX)
		return false;
	key = v % RX_SOC_SCALE;
	if (key > 100)
		return false;
	return rx_soc_check(v / RX_SOC_SCALE, key, RX_SYNTAX, NULL) == RX_OK;
}

/* Write the canonical text of a valid code into buf; returns its length. */
size_t
rx_soc_format(int32_t v, char *buf)
{
	int32_t		six = v / RX_SOC_SCALE;
	int32_t		key = v % RX_SOC_SCALE;
	size_t		n = 0;
	int			i;
	char		dig[6];

	for (i = 5; i >= 0; i--)
	{
		dig[i] = (char) ('0' + six % 10);
		six /= 10;
	}
	buf[n++] = dig[0];
	buf[n++] = dig[1];
	buf[n++] = '-';
	for (i = 2; i < 6; i++)
		buf[n++] = dig[i];
	if (key > 0)
	{
		buf[n++] = '.';
		buf[n++] = (char) ('0' + (key - 1) / 10);
		buf[n++] = (char) ('0' + (key - 1) % 10);
	}
	buf[n] = '\0';
	return n;
}

/* The level of a valid code. */
rx_soc_level
rx_soc_level_of(int32_t v)
{
	return rx_soc_level_of_parts(v / RX_SOC_SCALE, v % RX_SOC_SCALE);
}

/* The name of a level: "major", "minor", "broad", "detailed", "onet". */
const char *
rx_soc_level_name(rx_soc_level level)
{
	if ((int) level < 0 || level > RX_SOC_ONET)
		return "unknown";
	return rx_soc_level_names[level];
}

/* Read a level name (case-insensitive, trimmed); RX_ARGUMENT if unknown. */
rx_status
rx_soc_level_parse(const char *s, size_t len, rx_soc_level *out, rx_error *err)
{
	int			l;
	size_t		i;

	rx_clear(err);
	s = rx_trim(s, &len);
	for (l = RX_SOC_MAJOR; l <= RX_SOC_ONET; l++)
	{
		const char *name = rx_soc_level_names[l];

		if (strlen(name) != len)
			continue;
		for (i = 0; i < len; i++)
		{
			char		c = s[i];

			if (c >= 'A' && c <= 'Z')
				c = (char) (c - 'A' + 'a');
			if (c != name[i])
				break;
		}
		if (i == len)
		{
			*out = (rx_soc_level) l;
			return RX_OK;
		}
	}
	return rx_fail(err, RX_ARGUMENT,
				   "A SOC level is one of major, minor, broad, detailed or onet.");
}

/* Six digits of the broad group of a detailed occupation's six digits. */
static int32_t
rx_soc_broad_of(int32_t six)
{
	int			i;

	for (i = 0; i < RX_SOC_N_BROAD_EXCEPTIONS; i++)
		if (six >= rx_soc_broad_exceptions[i].first && six <= rx_soc_broad_exceptions[i].last)
			return rx_soc_broad_exceptions[i].broad;
	return six - six % 10;
}

/* Six digits of the minor group of a broad group's six digits. */
static int32_t
rx_soc_minor_of(int32_t six)
{
	int32_t		wide = six - six % 100;

	if (rx_soc_is_wide_minor(wide))
		return wide;
	return six - six % 1000;
}

/* The parent group of a valid code; false for a major group. */
bool
rx_soc_parent(int32_t v, int32_t *parent)
{
	int32_t		six = v / RX_SOC_SCALE;

	switch (rx_soc_level_of(v))
	{
		case RX_SOC_MAJOR:
			return false;
		case RX_SOC_MINOR:
			*parent = (six - six % 10000) * RX_SOC_SCALE;
			return true;
		case RX_SOC_BROAD:
			*parent = rx_soc_minor_of(six) * RX_SOC_SCALE;
			return true;
		case RX_SOC_DETAILED:
			*parent = rx_soc_broad_of(six) * RX_SOC_SCALE;
			return true;
		case RX_SOC_ONET:
			*parent = six * RX_SOC_SCALE;
			return true;
	}
	return false;
}

/* The ancestor-or-self of v at the given level; false when v is above it. */
bool
rx_soc_ancestor(int32_t v, rx_soc_level level, int32_t *out)
{
	rx_soc_level	l = rx_soc_level_of(v);

	if (level > l)
		return false;
	while (l > level)
	{
		if (!rx_soc_parent(v, &v))
			return false;		/* cannot happen: only majors lack a parent */
		l--;
	}
	*out = v;
	return true;
}

/* Is g an ancestor of v, or v itself? (the <@ / @> relation) */
bool
rx_soc_contains(int32_t g, int32_t v)
{
	int32_t		a;

	return rx_soc_ancestor(v, rx_soc_level_of(g), &a) && a == g;
}

/* Tree distance through the lowest common ancestor (see soc.h). */
int
rx_soc_distance(int32_t a, int32_t b)
{
	int			la = (int) rx_soc_level_of(a);
	int			lb = (int) rx_soc_level_of(b);
	int			l;
	int32_t		pa[RX_SOC_PATH_MAX],
				pb[RX_SOC_PATH_MAX];

	rx_soc_path(a, pa);
	rx_soc_path(b, pb);
	for (l = (la < lb ? la : lb); l >= 0; l--)
		if (pa[l] == pb[l])
			return la + lb - 2 * l;
	return la + lb + 2;
}

/* The path from v's major group down to v itself; returns its length. */
int
rx_soc_path(int32_t v, int32_t path[RX_SOC_PATH_MAX])
{
	int			l = (int) rx_soc_level_of(v);
	int			n = l + 1;

	path[l] = v;
	while (l > 0)
	{
		if (!rx_soc_parent(path[l], &path[l - 1]))
			break;				/* cannot happen */
		l--;
	}
	return n;
}

/* The closed range of values holding every code g contains (see soc.h). */
void
rx_soc_subtree(int32_t g, int32_t *lo, int32_t *hi, bool *exact)
{
	int32_t		six = g / RX_SOC_SCALE;
	int32_t		d = six % 10000;
	int			i;

	*lo = g;
	*exact = true;
	switch (rx_soc_level_of(g))
	{
		case RX_SOC_ONET:
			*hi = g;
			return;
		case RX_SOC_DETAILED:
			*hi = g + 100;
			return;
		case RX_SOC_BROAD:
			*hi = (six + 9) * RX_SOC_SCALE + 100;
			break;
		case RX_SOC_MINOR:
			if (d % 1000 != 0)	/* a wide minor NN-AB00: NN-AB00 … NN-AB99 */
				*hi = (six + 99) * RX_SOC_SCALE + 100;
			else
			{
				/* NN-A000 … NN-A999, less any wide minor inside */
				*hi = (six + 999) * RX_SOC_SCALE + 100;
				for (i = 0; i < RX_SOC_N_WIDE_MINORS; i++)
					if (rx_soc_wide_minors[i] - rx_soc_wide_minors[i] % 1000 == six)
						*exact = false;
			}
			break;
		case RX_SOC_MAJOR:
			*hi = (six + 9999) * RX_SOC_SCALE + 100;
			break;
	}

	/*
	 * A broad exception moves detailed codes under a broad group whose
	 * digit range does not hold them: widen the range of the groups that
	 * contain them, and mark inexact the ranges they sit in otherwise.
	 */
	for (i = 0; i < RX_SOC_N_BROAD_EXCEPTIONS; i++)
	{
		int32_t		elo = rx_soc_broad_exceptions[i].first * RX_SOC_SCALE;
		int32_t		ehi = rx_soc_broad_exceptions[i].last * RX_SOC_SCALE + 100;

		if (rx_soc_contains(g, elo))
		{
			if (elo < *lo)
			{
				*lo = elo;
				*exact = false;
			}
			if (ehi > *hi)
			{
				*hi = ehi;
				*exact = false;
			}
		}
		else if (!(ehi < *lo || elo > *hi))
			*exact = false;
	}
}
