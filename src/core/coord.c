/*
 * coord.c — parse, format, compare and measure rolecoord values (see coord.h).
 */
#include "coord.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RX_COORD_GRADE_INPUT_MAX 64	/* characters of a grade literal */

static const char rx_coord_expected[] =
"A coordinate is a taxonomy path and a grade joined by @, such as TECH.DEI.GEN@1 or TECH.DEI.GEN@2.5.";

/* Is c an ASCII digit? */
static bool
rx_coord_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Upper-case an ASCII letter. */
static char
rx_coord_upper(char c)
{
	return (c >= 'a' && c <= 'z') ? (char) (c - 'a' + 'A') : c;
}

/*
 * Write a number for an error sentence: its float8 text when finite, else
 * NaN, Infinity or -Infinity.
 */
static const char *
rx_coord_num_text(double v, char *buf)
{
	if (isnan(v))
		return "NaN";
	if (isinf(v))
		return v > 0 ? "Infinity" : "-Infinity";
	rx_coord_format_grade(v, buf);
	return buf;
}

/* Does s[0..len) spell word, ignoring case? */
static bool
rx_coord_is_word(const char *s, size_t len, const char *word)
{
	size_t		i;

	if (strlen(word) != len)
		return false;
	for (i = 0; i < len; i++)
		if (rx_coord_upper(s[i]) != rx_coord_upper(word[i]))
			return false;
	return true;
}

/* Parse a grade: a finite decimal number (see coord.h). */
rx_status
rx_coord_parse_grade(const char *s, size_t len, double *out, rx_error *err)
{
	size_t		i = 0,
				mantissa = 0;
	char		buf[RX_COORD_GRADE_INPUT_MAX + 1];
	char	   *end;
	double		v;

	rx_clear(err);
	s = rx_trim(s, &len);
	if (len == 0)
		return rx_fail(err, RX_SYNTAX,
					   "A coordinate needs a grade after @, such as the 1 in TECH.DEI.GEN@1.");
	if (s[0] == '+' || s[0] == '-')
		i++;
	if (rx_coord_is_word(s + i, len - i, "nan") || rx_coord_is_word(s + i, len - i, "inf") ||
		rx_coord_is_word(s + i, len - i, "infinity"))
		return rx_fail(err, RX_SYNTAX,
					   "A coordinate's grade is a finite number; NaN and infinity are not grades.");
	while (i < len && rx_coord_is_digit(s[i]))
		i++, mantissa++;
	if (i < len && s[i] == '.')
	{
		i++;
		while (i < len && rx_coord_is_digit(s[i]))
			i++, mantissa++;
	}
	if (mantissa > 0 && i < len && (s[i] == 'e' || s[i] == 'E'))
	{
		size_t		expdigits = 0;

		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		while (i < len && rx_coord_is_digit(s[i]))
			i++, expdigits++;
		if (expdigits == 0)
			mantissa = 0;		/* "1e" is not a number */
	}
	if (mantissa == 0 || i < len)
		return rx_fail(err, RX_SYNTAX,
					   "A coordinate's grade is a decimal number such as 1, 2.5, -0.5 or 1e-3.");
	if (len > RX_COORD_GRADE_INPUT_MAX)
		return rx_fail(err, RX_SYNTAX,
					   "A coordinate's grade is written with at most 64 characters.");
	memcpy(buf, s, len);
	buf[len] = '\0';
	errno = 0;
	v = strtod(buf, &end);
	if (errno == ERANGE && (v == 0.0 || isinf(v)))
		return rx_fail(err, RX_RANGE,
					   "A coordinate's grade must be within the range of double precision (magnitudes from about 1e-308 to 1e308, or 0).");
	if (end != buf + len || !isfinite(v))
		return rx_fail(err, RX_SYNTAX,
					   "A coordinate's grade is a decimal number such as 1, 2.5, -0.5 or 1e-3.");
	*out = v == 0.0 ? 0.0 : v;
	return RX_OK;
}

/* Parse a coordinate literal PATH@GRADE (see coord.h). */
rx_status
rx_coord_parse(const char *s, size_t len, rx_code *path, rx_coord_point *out, rx_error *err)
{
	const char *at;
	size_t		tlen = len;
	double		grade;
	rx_error	inner;
	rx_status	st;

	rx_clear(err);
	(void) rx_trim(s, &tlen);
	if (tlen == 0)
		return rx_fail(err, RX_SYNTAX, "%s", rx_coord_expected);
	at = memchr(s, '@', len);
	if (at == NULL)
		return rx_fail(err, RX_SYNTAX,
					   "A coordinate needs @ and a grade after its path, such as the @1 in TECH.DEI.GEN@1.");
	if (memchr(at + 1, '@', len - (size_t) (at - s) - 1) != NULL)
		return rx_fail(err, RX_SYNTAX,
					   "A coordinate has exactly one @, between its path and its grade.");
	/* the path from the literal's first byte, so positions count from it */
	st = rx_code_parse(s, (size_t) (at - s), path, &inner);
	if (st != RX_OK)
		return rx_fail(err, st, "The path before @ is not a valid code. %s", inner.detail);
	st = rx_coord_parse_grade(at + 1, len - (size_t) (at - s) - 1, &grade, err);
	if (st != RX_OK)
		return st;
	rx_coord_point_of(path->text, path->len, path->info, grade, out);
	return RX_OK;
}

/* The point of a canonical path (a role code) and a checked grade. */
void
rx_coord_point_of(const char *path, size_t len, uint8_t info, double grade, rx_coord_point *out)
{
	out->path = path;
	out->len = len;
	out->depth = rx_code_depth(info);
	out->grade = grade;
}

/* Check a grade given as a number (see coord.h). */
rx_status
rx_coord_check_grade(double g, double *out, rx_error *err)
{
	char		num[RX_COORD_GRADE_MAX];

	rx_clear(err);
	if (!isfinite(g))
		return rx_fail(err, RX_ARGUMENT,
					   "A coordinate's grade is a finite number; %s is not a grade.",
					   rx_coord_num_text(g, num));
	*out = g == 0.0 ? 0.0 : g;
	return RX_OK;
}

/*
 * The significant digits of v > 0 correctly rounded to p digits, as a
 * string of p digits in dig and the decimal exponent of the first in *e10.
 */
static void
rx_coord_digits_at(double v, int p, char *dig, int *e10)
{
	char		tmp[48];
	int			i,
				n = 0;

	snprintf(tmp, sizeof(tmp), "%.*e", p - 1, v);
	for (i = 0; tmp[i] != 'e'; i++)
		if (rx_coord_is_digit(tmp[i]))
			dig[n++] = tmp[i];
	dig[n] = '\0';
	*e10 = atoi(tmp + i + 1);
}

/*
 * Read the decimal dig[0].dig[1..]<tail> × 10^e10 as a double (strtod is
 * correctly rounded).
 */
static double
rx_coord_read_digits(const char *dig, const char *tail, int e10)
{
	char		tmp[96];
	size_t		nd = strlen(dig),
				nt = strlen(tail),
				n = 0;

	tmp[n++] = dig[0];
	tmp[n++] = '.';
	memcpy(tmp + n, dig + 1, nd - 1);
	n += nd - 1;
	memcpy(tmp + n, tail, nt);
	n += nt;
	snprintf(tmp + n, sizeof(tmp) - n, "e%d", e10);
	return strtod(tmp, NULL);
}

/*
 * Where the decimal dig[0].dig[1..] × 10^e10 lies against v: 0 when strictly
 * inside v's rounding interval (it and everything near it reads back as v),
 * -1 when below v (outside, or on the lower edge), 1 when above.  A decimal
 * exactly halfway between v and a neighbour reads back as v only by the
 * ties-to-even rule; like PostgreSQL's float8 output we do not use one.
 * "Near" is 10^-26 of a unit in the last digit, far below half an ulp.
 */
static int
rx_coord_place(const char *dig, int e10, double v)
{
	char		below[24];
	double		x = rx_coord_read_digits(dig, "", e10);
	int			i;

	if (x != v)
		return x < v ? -1 : 1;

	/*
	 * Below 2^53 the decimal cannot be such a midpoint.  For an ulp of 2^k
	 * the midpoints are (2m+1)·2^(k−1): for k < 0 that is (2m+1)·5^(1−k) /
	 * 10^(1−k), whose significant digits are those of the odd number
	 * (2m+1)·5^(1−k): at least 18 for normal numbers (2m+1 > 2^53, 1−k >=
	 * 2), hundreds for subnormals, more than any candidate has.  For k = 0,
	 * v is an integer of 16 digits, which reads back before any 17-digit
	 * candidate is tried.
	 */
	if (v < 9007199254740992.0)
		return 0;
	/* a little above the decimal */
	if (rx_coord_read_digits(dig, "00000000000000000000000001", e10) != v)
		return 1;
	/* a little below: one unit in the last place less, then nines */
	strcpy(below, dig);
	for (i = (int) strlen(below) - 1; i >= 0 && below[i] == '0'; i--)
		below[i] = '9';
	if (i >= 0)
		below[i]--;
	if (rx_coord_read_digits(below, "99999999999999999999999999", e10) != v)
		return -1;
	return 0;
}

/*
 * Step the p-digit decimal dig × 10^e10 one unit in its last place up
 * (up = true) or down, keeping it p digits long where it can; false when
 * stepping down reaches zero.
 */
static bool
rx_coord_digits_step(char *dig, int *e10, bool up)
{
	int			p = (int) strlen(dig);
	int			i;

	if (up)
	{
		for (i = p - 1; i >= 0 && dig[i] == '9'; i--)
			dig[i] = '0';
		if (i >= 0)
			dig[i]++;
		else
		{
			/* 99…9 + 1 = 100…0: one more power of ten, same digit count */
			dig[0] = '1';
			(*e10)++;
		}
		return true;
	}
	for (i = p - 1; i >= 0 && dig[i] == '0'; i--)
		dig[i] = '9';
	if (i < 0)
		return false;
	dig[i]--;
	if (dig[0] == '0')
	{
		/* 10…0 − 1 = 9…9: one digit fewer, one power of ten less */
		if (p == 1)
			return false;
		memmove(dig, dig + 1, (size_t) p);
		(*e10)--;
	}
	return true;
}

/*
 * Fast path of rx_coord_shortest for the usual grades, v < 1e9 with at most six
 * decimals (1, 2.5, 0.125, 3.333): the digits of v rounded to k = 0..6
 * decimals, checked like any candidate.  There v's rounding interval is
 * narrower than 10^-6, so a k-decimal inside it is the nearest one, which
 * the product v·10^k (below 2^53, off by far less than 0.5) finds; and
 * fewer decimals mean fewer digits, so the first k that fits is the
 * shortest.  Integers need no check: below 2^53 they are exact.
 */
static bool
rx_coord_shortest_simple(double v, char *dig, int *e10)
{
	static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
	int			k;

	if (!(v < 1e9))
		return false;
	for (k = 0; k <= 6; k++)
	{
		double		scaled = v * pow10[k];
		double		n = nearbyint(scaled);
		char		tmp[24];
		int			nd;

		if (n == 0.0 || fabs(scaled - n) > 1e-9 * scaled)
			continue;
		nd = snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long) n);
		*e10 = nd - 1 - k;
		while (nd > 1 && tmp[nd - 1] == '0')
			tmp[--nd] = '\0';
		strcpy(dig, tmp);
		if ((k == 0 && scaled == n) || rx_coord_place(dig, *e10, v) == 0)
			return true;
	}
	return false;
}

/*
 * The p-digit decimal of v > 0 that lies strictly inside v's rounding
 * interval, nearest v first: the correctly rounded one, else its neighbour
 * on the other side of v (the interval is not symmetric at powers of two).
 * False when neither is inside.
 */
static bool
rx_coord_digits_inside(double v, int p, char *dig, int *e10)
{
	int			place;

	rx_coord_digits_at(v, p, dig, e10);
	place = rx_coord_place(dig, *e10, v);
	if (place == 0)
		return true;
	return rx_coord_digits_step(dig, e10, place < 0) && rx_coord_place(dig, *e10, v) == 0;
}

/*
 * The shortest digit string that reads back as exactly v > 0 (finite), and
 * the exponent of its first digit: the digits PostgreSQL's shortest float8
 * output (Ryu) prints.  If a p-digit decimal lies inside v's interval, so
 * does a (p+1)-digit one (it, with a trailing zero), and rx_coord_digits_inside
 * finds one; so the least p is found by bisection.  p = 17 always works.
 */
static void
rx_coord_shortest(double v, char *dig, int *e10)
{
	int			lo = 1,
				hi = 17;

	if (rx_coord_shortest_simple(v, dig, e10))
		return;
	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (rx_coord_digits_inside(v, mid, dig, e10))
			hi = mid;
		else
			lo = mid + 1;
	}
	if (!rx_coord_digits_inside(v, lo, dig, e10))
		rx_coord_digits_at(v, 17, dig, e10);
}

/* Write the shortest exact text of a grade (see coord.h). */
size_t
rx_coord_format_grade(double g, char *buf)
{
	char		dig[24];
	int			e10,
				nd,
				i;
	size_t		n = 0;

	if (g == 0.0 || !isfinite(g))
	{
		/* callers pass finite grades; anything else prints as 0 */
		buf[0] = '0';
		buf[1] = '\0';
		return 1;
	}
	if (g < 0)
	{
		buf[n++] = '-';
		g = -g;
	}
	rx_coord_shortest(g, dig, &e10);
	nd = (int) strlen(dig);
	while (nd > 1 && dig[nd - 1] == '0')
		nd--;
	if (e10 >= -4 && e10 < 15)
	{
		if (e10 < 0)
		{
			buf[n++] = '0';
			buf[n++] = '.';
			for (i = 0; i < -e10 - 1; i++)
				buf[n++] = '0';
			for (i = 0; i < nd; i++)
				buf[n++] = dig[i];
		}
		else
		{
			for (i = 0; i <= e10; i++)
				buf[n++] = i < nd ? dig[i] : '0';
			if (nd > e10 + 1)
			{
				buf[n++] = '.';
				for (i = e10 + 1; i < nd; i++)
					buf[n++] = dig[i];
			}
		}
		buf[n] = '\0';
		return n;
	}
	buf[n++] = dig[0];
	if (nd > 1)
	{
		buf[n++] = '.';
		for (i = 1; i < nd; i++)
			buf[n++] = dig[i];
	}
	n += (size_t) snprintf(buf + n, RX_COORD_GRADE_MAX - n, "e%c%02d",
						   e10 < 0 ? '-' : '+', e10 < 0 ? -e10 : e10);
	return n;
}

/* Write PATH@GRADE (see coord.h). */
size_t
rx_coord_format(const rx_coord_point *p, char *buf)
{
	memcpy(buf, p->path, p->len);
	buf[p->len] = '@';
	return p->len + 1 + rx_coord_format_grade(p->grade, buf + p->len + 1);
}

/* The number of leading labels two canonical paths share. */
int
rx_coord_lcp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t		n = alen < blen ? alen : blen;
	size_t		i = 0;
	int			dots = 0;

	while (i < n && a[i] == b[i])
	{
		if (a[i] == '.')
			dots++;
		i++;
	}
	/* the label in progress counts when it ended in both paths */
	if (i > 0 && (i == alen || a[i] == '.') && (i == blen || b[i] == '.'))
		return dots + 1;
	return dots;
}

/* Order of coordinates: path, then grade. */
int
rx_coord_compare(const rx_coord_point *a, const rx_coord_point *b)
{
	int			c = rx_code_compare(a->path, a->len, b->path, b->len);

	if (c != 0)
		return c;
	if (a->grade < b->grade)
		return -1;
	if (a->grade > b->grade)
		return 1;
	return 0;
}

/* Check a taxonomy weight and a level span (see coord.h). */
rx_status
rx_coord_check_weights(double weight, double span, rx_error *err)
{
	char		num[RX_COORD_GRADE_MAX];

	rx_clear(err);
	if (!(weight >= 0.0 && weight <= 1.0))
		return rx_fail(err, RX_ARGUMENT,
					   "The taxonomy weight is a number from 0 to 1; %s is not.",
					   rx_coord_num_text(weight, num));
	if (!(span > 0.0) || isinf(span))
		return rx_fail(err, RX_ARGUMENT,
					   "The level span is a positive finite number of grades; %s is not.",
					   rx_coord_num_text(span, num));
	return RX_OK;
}

/*
 * The distance from its parts: the larger depth, the labels in common, the
 * grade gap.  Both the distance and the GiST lower bound go through here, so
 * that the bound and the distance are the same float expression.
 */
static double
rx_coord_combine(int maxdepth, int lcp, double gap, double weight, double span)
{
	double		tax = (double) (maxdepth - lcp) / (double) maxdepth;
	double		lvl = gap / span;
	double		d;

	if (!(lvl < 1.0))
		lvl = 1.0;
	d = weight * tax + (1.0 - weight) * lvl;
	/* a convex mix of two numbers in [0, 1]; rounding may step past 1 */
	return d > 1.0 ? 1.0 : d;
}

/* The distance of two coordinates under checked weights. */
double
rx_coord_distance(const rx_coord_point *a, const rx_coord_point *b, double weight, double span)
{
	int			lcp = rx_coord_lcp(a->path, a->len, b->path, b->len);
	int			maxdepth = a->depth > b->depth ? a->depth : b->depth;

	return rx_coord_combine(maxdepth, lcp, fabs(a->grade - b->grade), weight, span);
}

/* Check band thresholds (see coord.h). */
rx_status
rx_coord_check_bands(double strong_below, double partial_below, rx_error *err)
{
	char		n1[RX_COORD_GRADE_MAX],
				n2[RX_COORD_GRADE_MAX];

	rx_clear(err);
	if (!(strong_below >= 0.0 && strong_below <= 1.0))
		return rx_fail(err, RX_ARGUMENT,
					   "Band thresholds are numbers from 0 to 1; strong_below is %s.",
					   rx_coord_num_text(strong_below, n1));
	if (!(partial_below >= 0.0 && partial_below <= 1.0))
		return rx_fail(err, RX_ARGUMENT,
					   "Band thresholds are numbers from 0 to 1; partial_below is %s.",
					   rx_coord_num_text(partial_below, n1));
	if (strong_below > partial_below)
		return rx_fail(err, RX_ARGUMENT,
					   "strong_below (%s) must not be greater than partial_below (%s).",
					   rx_coord_num_text(strong_below, n1), rx_coord_num_text(partial_below, n2));
	return RX_OK;
}

/* Check that d is a distance: a number in [0, 1] (see coord.h). */
rx_status
rx_coord_check_distance(double d, rx_error *err)
{
	char		num[RX_COORD_GRADE_MAX];

	rx_clear(err);
	if (!(d >= 0.0 && d <= 1.0))
		return rx_fail(err, RX_ARGUMENT,
					   "A distance is a number from 0 to 1; %s is not.",
					   rx_coord_num_text(d, num));
	return RX_OK;
}

/* The band of a checked distance under checked thresholds. */
rx_coord_band
rx_coord_band_of(double d, double strong_below, double partial_below)
{
	if (d < strong_below)
		return RX_COORD_BAND_STRONG;
	if (d < partial_below)
		return RX_COORD_BAND_PARTIAL;
	return RX_COORD_BAND_WEAK;
}

/* Stored size of a point. */
size_t
rx_coord_point_size(const rx_coord_point *p)
{
	return RX_COORD_POINT_HDR + p->len;
}

/* Stored size of a box. */
size_t
rx_coord_box_size(const rx_coord_box *b)
{
	return RX_COORD_BOX_HDR + b->first_len + b->last_len;
}

/* Write the stored form of a point (see coord.h). */
void
rx_coord_encode_point(const rx_coord_point *p, unsigned char *buf)
{
	buf[0] = RX_COORD_KIND_POINT;
	buf[1] = (unsigned char) p->depth;
	memcpy(buf + 2, &p->grade, sizeof(double));
	memcpy(buf + RX_COORD_POINT_HDR, p->path, p->len);
}

/* Write the stored form of a box (see coord.h). */
void
rx_coord_encode_box(const rx_coord_box *b, unsigned char *buf)
{
	buf[0] = RX_COORD_KIND_BOX;
	buf[1] = (unsigned char) b->min_depth;
	buf[2] = (unsigned char) b->max_depth;
	buf[3] = (unsigned char) b->first_len;
	memcpy(buf + 4, &b->lo, sizeof(double));
	memcpy(buf + 12, &b->hi, sizeof(double));
	memcpy(buf + RX_COORD_BOX_HDR, b->first, b->first_len);
	memcpy(buf + RX_COORD_BOX_HDR + b->first_len, b->last, b->last_len);
}

/* The kind byte of a stored value. */
int
rx_coord_kind(const unsigned char *buf, size_t n)
{
	return n > 0 ? buf[0] : 0;
}

/* Read a stored point (see coord.h). */
bool
rx_coord_decode_point(const unsigned char *buf, size_t n, rx_coord_point *out)
{
	if (n <= RX_COORD_POINT_HDR || n > RX_COORD_POINT_HDR + RX_CODE_TEXT_MAX ||
		buf[0] != RX_COORD_KIND_POINT || buf[1] < 1 || buf[1] > RX_CODE_LABELS_MAX)
		return false;
	out->path = (const char *) buf + RX_COORD_POINT_HDR;
	out->len = n - RX_COORD_POINT_HDR;
	out->depth = buf[1];
	memcpy(&out->grade, buf + 2, sizeof(double));
	return true;
}

/* Read a stored box (see coord.h). */
bool
rx_coord_decode_box(const unsigned char *buf, size_t n, rx_coord_box *out)
{
	size_t		first_len;

	if (n < RX_COORD_BOX_HDR + 2 || buf[0] != RX_COORD_KIND_BOX ||
		buf[1] < 1 || buf[2] < buf[1] || buf[2] > RX_CODE_LABELS_MAX)
		return false;
	first_len = buf[3];
	if (first_len < 1 || first_len > RX_CODE_TEXT_MAX ||
		n - RX_COORD_BOX_HDR <= first_len || n - RX_COORD_BOX_HDR - first_len > RX_CODE_TEXT_MAX)
		return false;
	out->first = (const char *) buf + RX_COORD_BOX_HDR;
	out->first_len = first_len;
	out->last = out->first + first_len;
	out->last_len = n - RX_COORD_BOX_HDR - first_len;
	out->min_depth = buf[1];
	out->max_depth = buf[2];
	memcpy(&out->lo, buf + 4, sizeof(double));
	memcpy(&out->hi, buf + 12, sizeof(double));
	return true;
}

/* The box of one point. */
void
rx_coord_box_of_point(const rx_coord_point *p, rx_coord_box *out)
{
	out->first = p->path;
	out->first_len = p->len;
	out->last = p->path;
	out->last_len = p->len;
	out->min_depth = p->depth;
	out->max_depth = p->depth;
	out->lo = p->grade;
	out->hi = p->grade;
}

/* The smallest box holding a and b (see coord.h). */
void
rx_coord_box_union(const rx_coord_box *a, const rx_coord_box *b, rx_coord_box *out)
{
	if (rx_code_compare(b->first, b->first_len, a->first, a->first_len) < 0)
	{
		out->first = b->first;
		out->first_len = b->first_len;
	}
	else
	{
		out->first = a->first;
		out->first_len = a->first_len;
	}
	if (rx_code_compare(b->last, b->last_len, a->last, a->last_len) > 0)
	{
		out->last = b->last;
		out->last_len = b->last_len;
	}
	else
	{
		out->last = a->last;
		out->last_len = a->last_len;
	}
	out->min_depth = a->min_depth < b->min_depth ? a->min_depth : b->min_depth;
	out->max_depth = a->max_depth > b->max_depth ? a->max_depth : b->max_depth;
	out->lo = a->lo < b->lo ? a->lo : b->lo;
	out->hi = a->hi > b->hi ? a->hi : b->hi;
}

/* Could box b hold point p? */
bool
rx_coord_box_may_hold(const rx_coord_box *b, const rx_coord_point *p)
{
	return p->depth >= b->min_depth && p->depth <= b->max_depth &&
		p->grade >= b->lo && p->grade <= b->hi &&
		rx_code_compare(b->first, b->first_len, p->path, p->len) <= 0 &&
		rx_code_compare(p->path, p->len, b->last, b->last_len) <= 0;
}

/*
 * A lower bound of the distance from q to any member x of box b.
 *
 * Proof.  The two terms of the distance are bounded apart; a sum of lower
 * bounds of its terms bounds the sum, since weight and 1 − weight are >= 0.
 *
 * Taxonomy term, 1 − L/M with L = lcp(q, x) and M = max(depth q, depth x).
 * (1) L <= U for every member, where U = lcp(q, first) when q's path sorts
 *     before the box's first path, lcp(q, last) when after its last, and
 *     depth q otherwise.  Take q < first <= x and u = lcp(q, first); if q
 *     has only u labels, L <= u at once.  Else were L > u, x would share
 *     label u+1 with q.  The first u labels of q, first and x agree; first
 *     has a label u+1 (a prefix of q would sort before q) and it differs
 *     from q's, and sorts after it since q < first; so x's label u+1, which
 *     is q's, sorts before first's, making x < first.  The case after last
 *     is the mirror image.
 * (2) L <= depth x, and U <= depth q.
 * So the term is at least f(d) = 1 − min(U, d) / max(depth q, d) at d =
 * depth x, a member depth in [min, max].  f is 1 − d/depth q for d <= U
 * (falling), 1 − U/depth q on [U, depth q] (its least value) and 1 − U/d
 * for d >= depth q (rising); so over [min, max] f is least at d* =
 * clamp(depth q, min, max): inside [U, depth q] when those meet, else the
 * end of [min, max] nearest to them.  The bound is f(d*).
 * Level term, min(1, |grade q − grade x| / span): grows with the gap; the
 * gap is at least the distance from grade q to [lo, hi] (0 inside).
 *
 * In floating point: the bound is computed by rx_coord_combine, the same
 * expression as the distance, from integers and a gap no larger than the
 * real ones; every step (exact integer division, subtraction, products,
 * sum, min) is correctly rounded and so monotone, hence the float bound
 * never exceeds the float distance.  KNN searches through the index are
 * therefore exact.
 */
double
rx_coord_box_lower_bound(const rx_coord_box *b, const rx_coord_point *q, double weight, double span)
{
	int			upper = q->depth;
	int			d = q->depth;
	int			maxdepth,
				lcp;
	double		gap;

	if (rx_code_compare(q->path, q->len, b->first, b->first_len) < 0)
		upper = rx_coord_lcp(q->path, q->len, b->first, b->first_len);
	else if (rx_code_compare(q->path, q->len, b->last, b->last_len) > 0)
		upper = rx_coord_lcp(q->path, q->len, b->last, b->last_len);
	if (d < b->min_depth)
		d = b->min_depth;
	if (d > b->max_depth)
		d = b->max_depth;
	maxdepth = q->depth > d ? q->depth : d;
	lcp = upper < d ? upper : d;
	if (q->grade > b->hi)
		gap = q->grade - b->hi;
	else if (q->grade < b->lo)
		gap = b->lo - q->grade;
	else
		gap = 0.0;
	return rx_coord_combine(maxdepth, lcp, gap, weight, span);
}

/* The taxonomy term of the distance between two paths. */
static double
rx_coord_path_gap(const char *a, size_t alen, const char *b, size_t blen)
{
	int			da = rx_code_depth(rx_code_info(a, alen)),
				db = rx_code_depth(rx_code_info(b, blen)),
				m = da > db ? da : db;

	return (double) (m - rx_coord_lcp(a, alen, b, blen)) / (double) m;
}

/*
 * GiST insertion cost: how far box add stretches box orig, measured like
 * the distance (weight 0.5, span 4): the taxonomy distance by which either
 * end of the path range moves, plus the growth of the grade range (not
 * capped at 1, so that subtrees spanning the whole ladder still prefer not
 * to grow).  A point inside a subtree's ranges costs nothing; so subtrees
 * keep to runs of neighbouring paths, as a sorted build makes them.
 */
double
rx_coord_box_penalty(const rx_coord_box *orig, const rx_coord_box *add)
{
	double		stretch = 0.0,
				grow = 0.0,
				pen;

	if (rx_code_compare(add->first, add->first_len, orig->first, orig->first_len) < 0)
		stretch += rx_coord_path_gap(add->first, add->first_len, orig->first, orig->first_len);
	if (rx_code_compare(add->last, add->last_len, orig->last, orig->last_len) > 0)
		stretch += rx_coord_path_gap(orig->last, orig->last_len, add->last, add->last_len);
	if (add->lo < orig->lo)
		grow += orig->lo - add->lo;
	if (add->hi > orig->hi)
		grow += add->hi - orig->hi;
	pen = RX_COORD_DEFAULT_WEIGHT * stretch +
		(1.0 - RX_COORD_DEFAULT_WEIGHT) * grow / RX_COORD_DEFAULT_SPAN;
	return pen > 0.0 ? pen : 0.0;
}

/* Order of boxes for splitting: first path, lo, last path, hi. */
int
rx_coord_box_compare(const rx_coord_box *a, const rx_coord_box *b)
{
	int			c = rx_code_compare(a->first, a->first_len, b->first, b->first_len);

	if (c != 0)
		return c;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	c = rx_code_compare(a->last, a->last_len, b->last, b->last_len);
	if (c != 0)
		return c;
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	return 0;
}

/* Write a box as text for diagnostics (see coord.h). */
size_t
rx_coord_format_box(const rx_coord_box *b, char *buf)
{
	char		lo[RX_COORD_GRADE_MAX],
				hi[RX_COORD_GRADE_MAX];
	int			n;

	rx_coord_format_grade(b->lo, lo);
	rx_coord_format_grade(b->hi, hi);
	n = snprintf(buf, RX_COORD_BOX_TEXT_MAX, "(%.*s .. %.*s, depth %d-%d, grade %s-%s)",
				 (int) b->first_len, b->first, (int) b->last_len, b->last,
				 b->min_depth, b->max_depth, lo, hi);
	return n > 0 ? (size_t) n : 0;
}
