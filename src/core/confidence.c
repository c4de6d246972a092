/*
 * confidence.c — parse, round, format and combine confidences (see
 * confidence.h).
 *
 * Every conversion goes through one decimal reader: a number is taken apart
 * into its sign, integer digits, fraction digits and exponent, without ever
 * accumulating more digits than a confidence can hold, so inputs of any
 * length (a million leading zeros, an exponent of 10^30) cannot overflow.
 */
#include "confidence.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char rx_confidence_expected[] =
"A confidence is a number from 0 to 1 with at most four decimals, such as 0.6, .6, 0.60 or 60%.";

/* Magnitudes are clamped here: far beyond any digit count or useful exponent. */
#define RX_CONFIDENCE_CLAMP		((int64_t) 1000000000000000)

/*
 * A double whose value in ten-thousandths is further than this from a
 * rounding tie is rounded directly; nearer ones are read digit by digit.
 */
#define RX_CONFIDENCE_TIE_MARGIN	1e-6

/* A decimal number taken apart (digits are not copied). */
typedef struct rx_confidence_number
{
	bool		neg;			/* a minus sign */
	const char *ip;				/* integer digits */
	size_t		ilen;
	const char *fp;				/* fraction digits */
	size_t		flen;
	int64_t		exp;			/* decimal exponent, clamped */
	bool		percent;		/* a trailing % */
} rx_confidence_number;

/* The value of a decimal number scaled to ten-thousandths, split for rounding. */
typedef struct rx_confidence_scaled
{
	bool		zero;			/* every digit is 0 */
	bool		huge;			/* 10^8 ten-thousandths or more */
	int64_t		whole;			/* the integer part, when not huge */
	int			next;			/* the first digit dropped (0-9) */
	bool		sticky;			/* a nonzero digit after it */
} rx_confidence_scaled;

/* Is c an ASCII digit? */
static bool
rx_confidence_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Does s[0..len) equal the lower-case ASCII word w, ignoring case? */
static bool
rx_confidence_word(const char *s, size_t len, const char *w)
{
	size_t		i;

	if (strlen(w) != len)
		return false;
	for (i = 0; i < len; i++)
	{
		char		c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char) (c - 'A' + 'a');
		if (c != w[i])
			return false;
	}
	return true;
}

/*
 * Is s[0..len) a spelling of NaN (0) or an infinity (+1, -1)?  Returns 2
 * when it is neither.
 */
static int
rx_confidence_special(const char *s, size_t len)
{
	int			sign = 1;

	if (rx_confidence_word(s, len, "nan"))
		return 0;
	if (len > 0 && (s[0] == '+' || s[0] == '-'))
	{
		sign = s[0] == '-' ? -1 : 1;
		s++;
		len--;
	}
	if (rx_confidence_word(s, len, "infinity") || rx_confidence_word(s, len, "inf"))
		return sign;
	return 2;
}

/* Report an unexpected byte at offset at of the caller's original text. */
static rx_status
rx_confidence_unexpected(rx_error *err, const char *s, size_t at)
{
	unsigned char c = (unsigned char) s[at];

	if (c >= 0x20 && c < 0x7f)
		return rx_fail(err, RX_SYNTAX,
					   "Unexpected character \"%c\" at position %zu; %s",
					   (char) c, at + 1, rx_confidence_expected);
	return rx_fail(err, RX_SYNTAX, "Unexpected byte 0x%02X at position %zu; %s",
				   c, at + 1, rx_confidence_expected);
}

/*
 * Take apart the number in s[0..len) (already trimmed; base is the start of
 * the untrimmed text, for positions in messages).  allow_exp admits an
 * exponent, allow_percent a trailing % (white space may precede it).
 */
static rx_status
rx_confidence_scan(const char *base, const char *s, size_t len, bool allow_exp,
		bool allow_percent, rx_confidence_number *n, rx_error *err)
{
	size_t		i = 0;
	size_t		off = (size_t) (s - base);

	memset(n, 0, sizeof(*n));
	if (i < len && (s[i] == '+' || s[i] == '-'))
		n->neg = s[i++] == '-';
	n->ip = s + i;
	while (i < len && rx_confidence_is_digit(s[i]))
		i++;
	n->ilen = (size_t) (s + i - n->ip);
	n->fp = s + i;
	if (i < len && s[i] == '.')
	{
		i++;
		n->fp = s + i;
		while (i < len && rx_confidence_is_digit(s[i]))
			i++;
		n->flen = (size_t) (s + i - n->fp);
	}
	if (n->ilen == 0 && n->flen == 0)
	{
		if (i < len && s[i] != '%')
			return rx_confidence_unexpected(err, base, off + i);
		return rx_fail(err, RX_SYNTAX, "A confidence needs at least one digit. %s",
					   rx_confidence_expected);
	}
	if (allow_exp && i < len && (s[i] == 'e' || s[i] == 'E'))
	{
		bool		eneg = false;
		size_t		start;

		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		start = i;
		while (i < len && rx_confidence_is_digit(s[i]))
		{
			if (n->exp < RX_CONFIDENCE_CLAMP)
				n->exp = n->exp * 10 + (s[i] - '0');
			i++;
		}
		if (i == start)
			return rx_fail(err, RX_SYNTAX, "An exponent needs at least one digit.");
		if (eneg)
			n->exp = -n->exp;
	}
	if (allow_percent)
	{
		size_t		j = i;

		while (j < len && (s[j] == ' ' || s[j] == '\t'))
			j++;
		if (j < len && s[j] == '%')
		{
			n->percent = true;
			i = j + 1;
		}
	}
	if (i < len)
		return rx_confidence_unexpected(err, base, off + i);
	return RX_OK;
}

/* The i-th digit (0-9) of a number's integer digits followed by its fraction. */
static int
rx_confidence_digit(const rx_confidence_number *n, size_t i)
{
	if (i < n->ilen)
		return n->ip[i] - '0';
	if (i < n->ilen + n->flen)
		return n->fp[i - n->ilen] - '0';
	return 0;
}

/*
 * Scale |n| by 10^shift (4 for ten-thousandths, 2 for a percentage on top
 * of the exponent) and split it at the point into whole, next, sticky.
 */
static void
rx_confidence_split(const rx_confidence_number *n, int shift, rx_confidence_scaled *sc)
{
	size_t		total = n->ilen + n->flen;
	size_t		z = 0,
				i;
	int64_t		p;

	memset(sc, 0, sizeof(*sc));
	while (z < total && rx_confidence_digit(n, z) == 0)
		z++;
	if (z == total)
	{
		sc->zero = true;
		return;
	}

	/*
	 * The value is 0.d(z) d(z+1) ... × 10^p after scaling: p digits from z on
	 * are the whole part.  Digit counts are clamped so p cannot overflow.
	 */
	p = (int64_t) (n->ilen < (size_t) RX_CONFIDENCE_CLAMP ? n->ilen : (size_t) RX_CONFIDENCE_CLAMP)
		- (int64_t) (z < (size_t) RX_CONFIDENCE_CLAMP ? z : (size_t) RX_CONFIDENCE_CLAMP)
		+ n->exp + shift;
	if (p > 8)
	{
		sc->huge = true;
		return;
	}
	if (p < 0)
	{
		/* the first dropped digit is a leading zero; the value is not zero */
		sc->sticky = true;
		return;
	}
	for (i = 0; i < (size_t) p; i++)
		sc->whole = sc->whole * 10 + rx_confidence_digit(n, z + i);
	sc->next = rx_confidence_digit(n, z + (size_t) p);
	for (i = z + (size_t) p + 1; i < total && !sc->sticky; i++)
		sc->sticky = rx_confidence_digit(n, i) != 0;
}

/* Parse a confidence literal (see confidence.h). */
rx_status
rx_confidence_parse(const char *s, size_t len, int16_t *out, rx_error *err)
{
	const char *base = s;
	rx_confidence_number	n;
	rx_confidence_scaled	sc;
	rx_status	st;
	int			special;

	rx_clear(err);
	s = rx_trim(s, &len);
	if (len == 0)
		return rx_fail(err, RX_SYNTAX, "%s", rx_confidence_expected);
	special = rx_confidence_special(s, len);
	if (special == 0)
		return rx_fail(err, RX_SYNTAX,
					   "NaN is not a confidence. A confidence is a number from 0 to 1.");
	if (special != 2)
		return rx_fail(err, RX_SYNTAX,
					   "Infinity is not a confidence. A confidence is a number from 0 to 1.");
	st = rx_confidence_scan(base, s, len, false, true, &n, err);
	if (st != RX_OK)
		return st;
	rx_confidence_split(&n, n.percent ? RX_CONFIDENCE_DECIMALS - 2 : RX_CONFIDENCE_DECIMALS, &sc);
	if (sc.zero)
	{
		*out = 0;
		return RX_OK;
	}
	if (n.neg)
		return rx_fail(err, RX_RANGE, "A confidence is at least 0.");
	if (sc.huge || sc.whole > RX_CONFIDENCE_ONE ||
		(sc.whole == RX_CONFIDENCE_ONE && (sc.next != 0 || sc.sticky)))
		return rx_fail(err, RX_RANGE, "%s", n.percent ?
					   "A confidence is at most 100%." :
					   "A confidence is at most 1.");
	if (sc.next != 0 || sc.sticky)
		return rx_fail(err, RX_SYNTAX, "%s", n.percent ?
					   "A percentage has at most two decimals, such as 60.51%; text input never rounds." :
					   "A confidence has at most four decimals, such as 0.6051; text input never rounds.");
	*out = (int16_t) sc.whole;
	return RX_OK;
}

/* Round a decimal number to a confidence (see confidence.h). */
rx_status
rx_confidence_round_decimal(const char *s, size_t len, int16_t *out, rx_error *err)
{
	const char *base = s;
	rx_confidence_number	n;
	rx_confidence_scaled	sc;
	rx_status	st;
	int			special;
	int64_t		v;

	rx_clear(err);
	s = rx_trim(s, &len);
	if (len == 0)
		return rx_fail(err, RX_SYNTAX, "%s", rx_confidence_expected);
	special = rx_confidence_special(s, len);
	if (special == 0)
		return rx_fail(err, RX_RANGE,
					   "NaN is not a confidence. A confidence is a number from 0 to 1.");
	if (special != 2)
		return rx_fail(err, RX_RANGE, "%s", special < 0 ?
					   "A confidence is at least 0." :
					   "A confidence is at most 1.");
	st = rx_confidence_scan(base, s, len, true, false, &n, err);
	if (st != RX_OK)
		return st;
	rx_confidence_split(&n, RX_CONFIDENCE_DECIMALS, &sc);
	if (sc.zero)
	{
		*out = 0;
		return RX_OK;
	}
	if (sc.huge)
		return rx_fail(err, RX_RANGE, "%s", n.neg ?
					   "A confidence is at least 0." :
					   "A confidence is at most 1.");
	v = sc.whole + (sc.next >= 5 ? 1 : 0);
	if (v == 0)
	{
		*out = 0;
		return RX_OK;
	}
	if (n.neg)
		return rx_fail(err, RX_RANGE,
					   "A confidence is at least 0; this number rounds to -%lld.%04lld.",
					   (long long) (v / RX_CONFIDENCE_ONE), (long long) (v % RX_CONFIDENCE_ONE));
	if (v > RX_CONFIDENCE_ONE)
		return rx_fail(err, RX_RANGE,
					   "A confidence is at most 1; this number rounds to %lld.%04lld.",
					   (long long) (v / RX_CONFIDENCE_ONE), (long long) (v % RX_CONFIDENCE_ONE));
	*out = (int16_t) v;
	return RX_OK;
}

/* A double to a confidence, read at 15 significant digits (see confidence.h). */
rx_status
rx_confidence_from_double(double x, int16_t *out, rx_error *err)
{
	char		buf[64];
	int			n;

	rx_clear(err);
	if (x >= 0 && x <= 1)
	{
		double		y = x * RX_CONFIDENCE_ONE;
		double		whole = floor(y);
		double		frac = y - whole;

		/*
		 * Away from a tie the 15-digit reading cannot change the rounding
		 * (it moves y by less than 10^-10), so round directly.
		 */
		if (frac < 0.5 - RX_CONFIDENCE_TIE_MARGIN || frac > 0.5 + RX_CONFIDENCE_TIE_MARGIN)
		{
			*out = (int16_t) (whole + (frac > 0.5 ? 1 : 0));
			return RX_OK;
		}
	}
	if (isnan(x))
		return rx_fail(err, RX_RANGE,
					   "NaN is not a confidence. A confidence is a number from 0 to 1.");
	if (isinf(x))
		return rx_fail(err, RX_RANGE, "%s", x < 0 ?
					   "A confidence is at least 0." :
					   "A confidence is at most 1.");
	n = snprintf(buf, sizeof(buf), "%.15g", x);
	if (n <= 0 || (size_t) n >= sizeof(buf))
		return rx_fail(err, RX_RANGE, "The number could not be converted.");
	return rx_confidence_round_decimal(buf, (size_t) n, out, err);
}

/*
 * 1 - p, rounded half up, for p in [0, 1] read at 15 significant digits as
 * M × 10^(e - 14): then p × 10^4 = M / 10^(10 - e), and the subtraction is
 * done on that exact quotient and remainder.
 */
rx_status
rx_confidence_from_double_complement(double p, int16_t *out, rx_error *err)
{
	char		buf[64];
	int64_t		m = 0,
				e = 0,
				d = 1,
				k,
				whole,
				rem;
	int			i = 0;
	bool		eneg = false;

	rx_clear(err);
	if (isnan(p) || p < 0 || p > 1)
		return rx_fail(err, RX_RANGE,
					   "The complement of a number outside [0, 1] is not a confidence.");
	{
		double		y = p * RX_CONFIDENCE_ONE;
		double		w = floor(y);
		double		frac = y - w;

		/* away from a tie, as in rx_confidence_from_double */
		if (frac < 0.5 - RX_CONFIDENCE_TIE_MARGIN || frac > 0.5 + RX_CONFIDENCE_TIE_MARGIN)
		{
			*out = (int16_t) (RX_CONFIDENCE_ONE - w - (frac > 0.5 ? 1 : 0));
			return RX_OK;
		}
	}
	if (snprintf(buf, sizeof(buf), "%.14e", p) <= 0)
		return rx_fail(err, RX_RANGE, "The number could not be converted.");
	for (; buf[i] != '\0' && buf[i] != 'e'; i++)
		if (rx_confidence_is_digit(buf[i]))
			m = m * 10 + (buf[i] - '0');
	if (buf[i] == 'e')
	{
		i++;
		if (buf[i] == '-' || buf[i] == '+')
			eneg = buf[i++] == '-';
		for (; rx_confidence_is_digit(buf[i]); i++)
			e = e * 10 + (buf[i] - '0');
		if (eneg)
			e = -e;
	}
	if (m == 0 || e < -8)
	{
		/* p × 10^4 is below 10^-4: 1 - p rounds to 1 */
		*out = RX_CONFIDENCE_ONE;
		return RX_OK;
	}
	k = 10 - e;					/* 10 … 18: 10^k fits in int64 */
	while (k-- > 0)
		d *= 10;
	whole = m / d;
	rem = m % d;
	/* 10^4 - whole - rem/d, ties (rem = d/2) rounding up */
	*out = (int16_t) (RX_CONFIDENCE_ONE - whole - (2 * rem > d ? 1 : 0));
	return RX_OK;
}

/* Is v the encoding of some confidence? */
bool
rx_confidence_valid(int32_t v)
{
	return v >= 0 && v <= RX_CONFIDENCE_ONE;
}

/* Canonical text: 0.60, 1.00, 0.605, 0.6051. */
size_t
rx_confidence_format(int16_t v, char *buf)
{
	int			frac = v % RX_CONFIDENCE_ONE;
	int			digits[RX_CONFIDENCE_DECIMALS];
	int			keep = 2,
				i;
	size_t		n = 0;

	for (i = RX_CONFIDENCE_DECIMALS - 1; i >= 0; i--)
	{
		digits[i] = frac % 10;
		frac /= 10;
	}
	for (i = 2; i < RX_CONFIDENCE_DECIMALS; i++)
		if (digits[i] != 0)
			keep = i + 1;
	buf[n++] = (char) ('0' + v / RX_CONFIDENCE_ONE);
	buf[n++] = '.';
	for (i = 0; i < keep; i++)
		buf[n++] = (char) ('0' + digits[i]);
	buf[n] = '\0';
	return n;
}

/* a & b: the product, rounded to 4 decimals, ties up. */
int16_t
rx_confidence_and(int16_t a, int16_t b)
{
	return (int16_t) (((int32_t) a * b + RX_CONFIDENCE_ONE / 2) / RX_CONFIDENCE_ONE);
}

/*
 * a | b: 1 - (1 - a)(1 - b).  With q = (1 - a)(1 - b) in units of 10^-8,
 * the exact result is 10^4 - q / 10^4; rounding it half up is rounding
 * q / 10^4 half down, hence the + 4999.
 */
int16_t
rx_confidence_or(int16_t a, int16_t b)
{
	int32_t		q = (int32_t) (RX_CONFIDENCE_ONE - a) * (RX_CONFIDENCE_ONE - b);

	return (int16_t) (RX_CONFIDENCE_ONE - (q + RX_CONFIDENCE_ONE / 2 - 1) / RX_CONFIDENCE_ONE);
}

/* The band of a valid confidence. */
rx_confidence_band_t
rx_confidence_band(int16_t v)
{
	if (v >= RX_CONFIDENCE_HIGH_MIN)
		return RX_CONFIDENCE_BAND_HIGH;
	if (v >= RX_CONFIDENCE_MEDIUM_MIN)
		return RX_CONFIDENCE_BAND_MEDIUM;
	return RX_CONFIDENCE_BAND_LOW;
}

/* The review rule (see confidence.h): no answer, a weak best, or a close second. */
bool
rx_confidence_needs_review(size_t n, int16_t best, int16_t second)
{
	if (n == 0 || best < RX_CONFIDENCE_REVIEW_BELOW)
		return true;
	return n >= 2 && best - second <= RX_CONFIDENCE_REVIEW_WITHIN;
}
