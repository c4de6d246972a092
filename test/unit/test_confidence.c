/*
 * test_confidence.c — unit tests of the confidence core
 * (src/core/confidence.c).
 */
#include "unit.h"

#include <math.h>
#include <stdio.h>

#include "core/confidence.h"

/* Parse s strictly and return its canonical text in buf ("" on failure). */
static const char *
roundtrip(const char *s, char *buf)
{
	int16_t		v;
	rx_error	err;

	buf[0] = '\0';
	if (rx_confidence_parse(s, strlen(s), &v, &err) != RX_OK)
		return buf;
	rx_confidence_format(v, buf);
	return buf;
}

/* Parse s strictly; return its status. */
static rx_status
parse_status(const char *s)
{
	int16_t		v;
	rx_error	err;

	return rx_confidence_parse(s, strlen(s), &v, &err);
}

/* The detail sentence of a strict parse of s ("" when it parses). */
static const char *
parse_detail(const char *s, rx_error *err)
{
	int16_t		v;

	if (rx_confidence_parse(s, strlen(s), &v, err) == RX_OK)
		return "";
	return err->detail;
}

/* Round s as a number; -1 on failure, else the encoding. */
static int
rounded(const char *s)
{
	int16_t		v;
	rx_error	err;

	if (rx_confidence_round_decimal(s, strlen(s), &v, &err) != RX_OK)
		return -1;
	return v;
}

/* Round s as a number; return its status. */
static rx_status
round_status(const char *s)
{
	int16_t		v;
	rx_error	err;

	return rx_confidence_round_decimal(s, strlen(s), &v, &err);
}

/* A double to an encoding; -1 on failure. */
static int
from_double(double x)
{
	int16_t		v;
	rx_error	err;

	if (rx_confidence_from_double(x, &v, &err) != RX_OK)
		return -1;
	return v;
}

/* The exact value n / 10^scale (n >= 0) rounded half up to ten-thousandths. */
static int64_t
ref_round(int64_t n, int64_t scale_pow)
{
	int64_t		d = 1;

	while (scale_pow-- > 0)
		d *= 10;
	return n / d + ((n % d) * 2 >= d ? 1 : 0);
}

UT_SUITE(confidence)
{
	char		buf[RX_CONFIDENCE_TEXT_MAX];

	UT_CASE("valid literals parse to their canonical text")
	{
		UT_STR(roundtrip("0.6", buf), "0.60");
		UT_STR(roundtrip("0.60", buf), "0.60");
		UT_STR(roundtrip(".6", buf), "0.60");
		UT_STR(roundtrip("60%", buf), "0.60");
		UT_STR(roundtrip("60.5%", buf), "0.605");
		UT_STR(roundtrip("60.51%", buf), "0.6051");
		UT_STR(roundtrip("60 %", buf), "0.60");
		UT_STR(roundtrip("1", buf), "1.00");
		UT_STR(roundtrip("0", buf), "0.00");
		UT_STR(roundtrip("1.0000", buf), "1.00");
		UT_STR(roundtrip("1.", buf), "1.00");
		UT_STR(roundtrip("0.6051", buf), "0.6051");
		UT_STR(roundtrip("0.605", buf), "0.605");
		UT_STR(roundtrip("0.0001", buf), "0.0001");
		UT_STR(roundtrip("0.01%", buf), "0.0001");
		UT_STR(roundtrip("100%", buf), "1.00");
		UT_STR(roundtrip("0%", buf), "0.00");
		UT_STR(roundtrip("  0.5\t", buf), "0.50");
		UT_STR(roundtrip("+0.5", buf), "0.50");
		UT_STR(roundtrip("-0", buf), "0.00");
		UT_STR(roundtrip("-0.000", buf), "0.00");
		UT_STR(roundtrip("00000.25", buf), "0.25");
		UT_STR(roundtrip("0.60000", buf), "0.60");
		UT_STR(roundtrip("0.6000000000000000000000000", buf), "0.60");
		UT_STR(roundtrip("1.000000000000000000000000", buf), "1.00");
		UT_STR(roundtrip("60.5000%", buf), "0.605");
	}

	UT_CASE("out-of-range literals are range errors")
	{
		UT_INT(parse_status("1.01"), RX_RANGE);
		UT_INT(parse_status("1.0001"), RX_RANGE);
		UT_INT(parse_status("1.00001"), RX_RANGE);
		UT_INT(parse_status("101%"), RX_RANGE);
		UT_INT(parse_status("100.01%"), RX_RANGE);
		UT_INT(parse_status("-0.1"), RX_RANGE);
		UT_INT(parse_status("-0.00001"), RX_RANGE);
		UT_INT(parse_status("-1%"), RX_RANGE);
		UT_INT(parse_status("2"), RX_RANGE);
		UT_INT(parse_status("99999999999999999999999999999999999999"), RX_RANGE);
		UT_INT(parse_status("-99999999999999999999999999999999999999"), RX_RANGE);
	}

	UT_CASE("malformed literals are syntax errors")
	{
		UT_INT(parse_status(""), RX_SYNTAX);
		UT_INT(parse_status("   "), RX_SYNTAX);
		UT_INT(parse_status("."), RX_SYNTAX);
		UT_INT(parse_status("%"), RX_SYNTAX);
		UT_INT(parse_status("-"), RX_SYNTAX);
		UT_INT(parse_status("+"), RX_SYNTAX);
		UT_INT(parse_status("NaN"), RX_SYNTAX);
		UT_INT(parse_status("nan"), RX_SYNTAX);
		UT_INT(parse_status("Infinity"), RX_SYNTAX);
		UT_INT(parse_status("-Infinity"), RX_SYNTAX);
		UT_INT(parse_status("inf"), RX_SYNTAX);
		UT_INT(parse_status("abc"), RX_SYNTAX);
		UT_INT(parse_status("0.6x"), RX_SYNTAX);
		UT_INT(parse_status("0,6"), RX_SYNTAX);
		UT_INT(parse_status("0.6.1"), RX_SYNTAX);
		UT_INT(parse_status("6e-1"), RX_SYNTAX);
		UT_INT(parse_status("0x1"), RX_SYNTAX);
		UT_INT(parse_status("60%%"), RX_SYNTAX);
		UT_INT(parse_status("%60"), RX_SYNTAX);
		UT_INT(parse_status("0.6 0"), RX_SYNTAX);
		UT_INT(parse_status("--0.5"), RX_SYNTAX);
		UT_INT(parse_status("0.60001"), RX_SYNTAX);
		UT_INT(parse_status("0.00001"), RX_SYNTAX);
		UT_INT(parse_status("0.123456789"), RX_SYNTAX);
		UT_INT(parse_status("60.123%"), RX_SYNTAX);
		UT_INT(parse_status("0.001%"), RX_SYNTAX);
		UT_INT(parse_status("0.5\xc2\xa0"), RX_SYNTAX);
		UT_INT(parse_status("\xef\xbc\x90.5"), RX_SYNTAX);
	}

	UT_CASE("error details are sentences")
	{
		rx_error	err;

		UT_STR(parse_detail("", &err),
			   "A confidence is a number from 0 to 1 with at most four decimals, such as 0.6, .6, 0.60 or 60%.");
		UT_STR(parse_detail("1.01", &err), "A confidence is at most 1.");
		UT_STR(parse_detail("101%", &err), "A confidence is at most 100%.");
		UT_STR(parse_detail("-0.1", &err), "A confidence is at least 0.");
		UT_STR(parse_detail("NaN", &err),
			   "NaN is not a confidence. A confidence is a number from 0 to 1.");
		UT_STR(parse_detail("-inf", &err),
			   "Infinity is not a confidence. A confidence is a number from 0 to 1.");
		UT_STR(parse_detail("0.60001", &err),
			   "A confidence has at most four decimals, such as 0.6051; text input never rounds.");
		UT_STR(parse_detail("60.123%", &err),
			   "A percentage has at most two decimals, such as 60.51%; text input never rounds.");
		UT_STR(parse_detail(" 0.6x", &err),
			   "Unexpected character \"x\" at position 5; A confidence is a number from 0 to 1 with at most four decimals, such as 0.6, .6, 0.60 or 60%.");
		UT_STR(parse_detail("0.5\xc2\xa0", &err),
			   "Unexpected byte 0xC2 at position 4; A confidence is a number from 0 to 1 with at most four decimals, such as 0.6, .6, 0.60 or 60%.");
		UT_STR(parse_detail(".", &err),
			   "A confidence needs at least one digit. A confidence is a number from 0 to 1 with at most four decimals, such as 0.6, .6, 0.60 or 60%.");
		UT_INT(err.status, RX_SYNTAX);
	}

	UT_CASE("long digit strings neither overflow nor lose digits")
	{
		char		big[4096];

		/* a thousand leading zeros, then 0.5 */
		memset(big, '0', 1000);
		strcpy(big + 1000, ".5");
		UT_STR(roundtrip(big, buf), "0.50");
		/* 0.000…0001 with a thousand zeros: too many decimals, not zero */
		strcpy(big, "0.");
		memset(big + 2, '0', 1000);
		strcpy(big + 1002, "1");
		UT_INT(parse_status(big), RX_SYNTAX);
		/* a 4000-digit integer is above 1, not a wrapped-around small number */
		memset(big, '9', 4000);
		big[4000] = '\0';
		UT_INT(parse_status(big), RX_RANGE);
		big[0] = '1';
		memset(big + 1, '0', 3999);
		UT_INT(parse_status(big), RX_RANGE);
		/* 2^64 + 1, which would wrap a 64-bit accumulator to 1 */
		UT_INT(parse_status("18446744073709551617"), RX_RANGE);
		UT_INT(rounded("18446744073709551617e-20"), 1845);	/* 0.18446… */
	}

	UT_CASE("every encoding round-trips through text and through rounding")
	{
		int			v,
					bad = 0,
					badround = 0,
					baddouble = 0;
		int16_t		back;
		rx_error	err;

		for (v = 0; v <= RX_CONFIDENCE_ONE; v++)
		{
			rx_confidence_format((int16_t) v, buf);
			if (rx_confidence_parse(buf, strlen(buf), &back, &err) != RX_OK || back != v)
				bad++;
			if (rounded(buf) != v)
				badround++;
			if (from_double(v / 10000.0) != v)
				baddouble++;
		}
		UT_INT(bad, 0);
		UT_INT(badround, 0);
		UT_INT(baddouble, 0);
		UT_CHECK(rx_confidence_valid(0));
		UT_CHECK(rx_confidence_valid(RX_CONFIDENCE_ONE));
		UT_CHECK(!rx_confidence_valid(-1));
		UT_CHECK(!rx_confidence_valid(RX_CONFIDENCE_ONE + 1));
		UT_CHECK(!rx_confidence_valid(32767));
	}

	UT_CASE("output: two decimals, more only when needed")
	{
		rx_confidence_format(6000, buf);
		UT_STR(buf, "0.60");
		rx_confidence_format(10000, buf);
		UT_STR(buf, "1.00");
		rx_confidence_format(0, buf);
		UT_STR(buf, "0.00");
		rx_confidence_format(6050, buf);
		UT_STR(buf, "0.605");
		rx_confidence_format(6051, buf);
		UT_STR(buf, "0.6051");
		rx_confidence_format(1, buf);
		UT_STR(buf, "0.0001");
		rx_confidence_format(50, buf);
		UT_STR(buf, "0.005");
		rx_confidence_format(500, buf);
		UT_STR(buf, "0.05");
		UT_INT(rx_confidence_format(9999, buf), 6);
	}

	UT_CASE("rounding numbers: half away from zero, checked after rounding")
	{
		UT_INT(rounded("0.60004"), 6000);
		UT_INT(rounded("0.60005"), 6001);
		UT_INT(rounded("0.600049999999999999999"), 6000);
		UT_INT(rounded("0.600050000000000000001"), 6001);
		UT_INT(rounded("0.00005"), 1);
		UT_INT(rounded("0.000049"), 0);
		UT_INT(rounded("1.00004"), 10000);
		UT_INT(rounded("1.00005"), -1);
		UT_INT(rounded("-0.00004"), 0);
		UT_INT(rounded("-0.00005"), -1);
		UT_INT(rounded("-0"), 0);
		UT_INT(rounded("6e-1"), 6000);
		UT_INT(rounded("6E-1"), 6000);
		UT_INT(rounded("0.06e1"), 6000);
		UT_INT(rounded("60000e-5"), 6000);
		UT_INT(rounded("1e-05"), 0);
		UT_INT(rounded("5e-05"), 1);
		UT_INT(rounded("1e0"), 10000);
		UT_INT(rounded("0e999999999999999999999"), 0);
		UT_INT(rounded("1e-999999999999999999999"), 0);
		UT_INT(round_status("1e999999999999999999999"), RX_RANGE);
		UT_INT(round_status("-1e999999999999999999999"), RX_RANGE);
		UT_INT(round_status("NaN"), RX_RANGE);
		UT_INT(round_status("Infinity"), RX_RANGE);
		UT_INT(round_status("-Infinity"), RX_RANGE);
		UT_INT(round_status("1.5"), RX_RANGE);
		UT_INT(round_status("-0.5"), RX_RANGE);
		UT_INT(round_status("1e"), RX_SYNTAX);
		UT_INT(round_status("60%"), RX_SYNTAX);
		UT_INT(round_status(""), RX_SYNTAX);
		UT_INT(round_status("x"), RX_SYNTAX);
	}

	UT_CASE("rounding details say what the number rounds to")
	{
		int16_t		v;
		rx_error	err;

		rx_confidence_round_decimal("1.00005", 7, &v, &err);
		UT_STR(err.detail, "A confidence is at most 1; this number rounds to 1.0001.");
		rx_confidence_round_decimal("-0.00005", 8, &v, &err);
		UT_STR(err.detail, "A confidence is at least 0; this number rounds to -0.0001.");
		rx_confidence_round_decimal("12.5", 4, &v, &err);
		UT_STR(err.detail, "A confidence is at most 1; this number rounds to 12.5000.");
		rx_confidence_round_decimal("1e30", 4, &v, &err);
		UT_STR(err.detail, "A confidence is at most 1.");
	}

	UT_CASE("doubles are read at 15 significant digits, as float8::numeric does")
	{
		UT_INT(from_double(0.6), 6000);
		UT_INT(from_double(0.60005), 6001);	/* binary 0.6000499999… */
		UT_INT(from_double(0.60004999), 6000);
		UT_INT(from_double(0.00005), 1);
		UT_INT(from_double(1e-300), 0);
		UT_INT(from_double(-0.0), 0);
		UT_INT(from_double(1.0), 10000);
		UT_INT(from_double(1.0000000000000002), 10000);
		UT_INT(from_double(1.00005), -1);
		UT_INT(from_double(-1e-9), 0);
		UT_INT(from_double(0.1 + 0.2), 3000);
		UT_INT(from_double(1e300), -1);
		UT_INT(from_double(NAN), -1);
		UT_INT(from_double(INFINITY), -1);
		UT_INT(from_double(-INFINITY), -1);
	}

	UT_CASE("the direct rounding of doubles agrees with the 15-digit reading")
	{
		uint64_t	seed = 42;
		int			i,
					k,
					bad = 0;
		char		txt[64];
		static const double nudges[] = {0, 1e-9, -1e-9, 1e-11, -1e-11, 1e-13, -1e-13,
		1e-15, -1e-15};

		for (i = 0; i < 1000000; i++)
		{
			double		x;

			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			x = (double) (seed >> 11) / 9007199254740992.0;	/* [0, 1) */
			snprintf(txt, sizeof(txt), "%.15g", x);
			if (from_double(x) != rounded(txt))
				bad++;
		}
		/* doubles at and around every tie (k + 0.5) / 10^4 */
		for (k = 0; k < RX_CONFIDENCE_ONE; k++)
			for (i = 0; i < (int) (sizeof(nudges) / sizeof(nudges[0])); i++)
			{
				double		x = (k + 0.5) / 10000.0 + nudges[i];

				snprintf(txt, sizeof(txt), "%.15g", x);
				if (from_double(x) != rounded(txt))
					bad++;
			}
		UT_INT(bad, 0);
	}

	UT_CASE("a & b and a | b are the exact results rounded half up")
	{
		int			a,
					b,
					bad_and = 0,
					bad_or = 0;

		for (a = 0; a <= RX_CONFIDENCE_ONE; a++)
			for (b = 0; b <= RX_CONFIDENCE_ONE; b += (b < 200 || b > 9800) ? 1 : 37)
			{
				int64_t		exact_and = (int64_t) a * b;	/* units of 10^-8 */
				int64_t		exact_or = (int64_t) 100000000 -
					(int64_t) (RX_CONFIDENCE_ONE - a) * (RX_CONFIDENCE_ONE - b);

				if (rx_confidence_and((int16_t) a, (int16_t) b) != ref_round(exact_and, 4))
					bad_and++;
				if (rx_confidence_or((int16_t) a, (int16_t) b) != ref_round(exact_or, 4))
					bad_or++;
			}
		UT_INT(bad_and, 0);
		UT_INT(bad_or, 0);
		/* the tie edges, spelled out */
		UT_INT(rx_confidence_and(1, 5000), 1);		/* 0.00005 -> 0.0001 */
		UT_INT(rx_confidence_and(1, 4999), 0);		/* 0.00004999 -> 0 */
		UT_INT(rx_confidence_and(5001, 5001), 2501); /* 0.25010001 -> 0.2501 */
		UT_INT(rx_confidence_and(6000, 6000), 3600);
		UT_INT(rx_confidence_or(5000, 1), 5001);	/* 0.50005 -> 0.5001 */
		UT_INT(rx_confidence_or(4999, 1), 5000);	/* 0.49995001 -> 0.5000 */
		UT_INT(rx_confidence_or(1, 1), 2);			/* 0.00019999 -> 0.0002 */
		UT_INT(rx_confidence_or(6000, 5000), 8000);
		UT_INT(rx_confidence_or(0, 0), 0);
		UT_INT(rx_confidence_or(RX_CONFIDENCE_ONE, 0), RX_CONFIDENCE_ONE);
		UT_INT(rx_confidence_and(RX_CONFIDENCE_ONE, RX_CONFIDENCE_ONE), RX_CONFIDENCE_ONE);
		UT_INT(rx_confidence_and(0, RX_CONFIDENCE_ONE), 0);
	}

	UT_CASE("aggregate finals: products of two or three factors round exactly")
	{
		static const int some[] = {0, 1, 2, 5, 25, 125, 625, 1250, 2500, 3333,
			4999, 5000, 5001, 6000, 6667, 7500, 8000, 9375, 9998, 9999, 10000};
		int			nsome = (int) (sizeof(some) / sizeof(some[0]));
		int			a,
					i,
					j,
					bad_all2 = 0,
					bad_any2 = 0,
					bad_all3 = 0,
					bad_any3 = 0;
		int16_t		v;
		rx_error	err;

		for (a = 0; a <= RX_CONFIDENCE_ONE; a++)
			for (i = 0; i < nsome; i++)
			{
				int			b = some[i];
				double		pall = 1.0,
							pany = 1.0;

				/* the same steps as the transition functions take */
				pall *= a / 10000.0;
				pall *= b / 10000.0;
				pany *= (RX_CONFIDENCE_ONE - a) / 10000.0;
				pany *= (RX_CONFIDENCE_ONE - b) / 10000.0;
				if (rx_confidence_from_double(pall, &v, &err) != RX_OK || v != rx_confidence_and((int16_t) a, (int16_t) b))
					bad_all2++;
				if (rx_confidence_from_double_complement(pany, &v, &err) != RX_OK || v != rx_confidence_or((int16_t) a, (int16_t) b))
					bad_any2++;
			}
		UT_INT(bad_all2, 0);
		UT_INT(bad_any2, 0);

		for (a = 0; a <= RX_CONFIDENCE_ONE; a += 7)
			for (i = 0; i < nsome; i++)
				for (j = 0; j < nsome; j++)
				{
					int			b = some[i],
								c = some[j];
					int64_t		exact_all = (int64_t) a * b * c;	/* 10^-12 */
					int64_t		exact_any = (int64_t) 1000000000000 -
						(int64_t) (RX_CONFIDENCE_ONE - a) * (RX_CONFIDENCE_ONE - b) * (RX_CONFIDENCE_ONE - c);
					double		pall = 1.0,
								pany = 1.0;

					pall *= a / 10000.0;
					pall *= b / 10000.0;
					pall *= c / 10000.0;
					pany *= (RX_CONFIDENCE_ONE - a) / 10000.0;
					pany *= (RX_CONFIDENCE_ONE - b) / 10000.0;
					pany *= (RX_CONFIDENCE_ONE - c) / 10000.0;
					if (rx_confidence_from_double(pall, &v, &err) != RX_OK || v != ref_round(exact_all, 8))
						bad_all3++;
					if (rx_confidence_from_double_complement(pany, &v, &err) != RX_OK || v != ref_round(exact_any, 8))
						bad_any3++;
				}
		UT_INT(bad_all3, 0);
		UT_INT(bad_any3, 0);
	}

	UT_CASE("complement: edges and out-of-range products")
	{
		int16_t		v;
		rx_error	err;

		UT_INT(rx_confidence_from_double_complement(1.0, &v, &err), RX_OK);
		UT_INT(v, 0);
		UT_INT(rx_confidence_from_double_complement(0.0, &v, &err), RX_OK);
		UT_INT(v, RX_CONFIDENCE_ONE);
		UT_INT(rx_confidence_from_double_complement(1e-300, &v, &err), RX_OK);
		UT_INT(v, RX_CONFIDENCE_ONE);
		UT_INT(rx_confidence_from_double_complement(0.99995, &v, &err), RX_OK);
		UT_INT(v, 1);			/* 0.00005 ties up */
		UT_INT(rx_confidence_from_double_complement(0.99995000000001, &v, &err), RX_OK);
		UT_INT(v, 0);
		UT_INT(rx_confidence_from_double_complement(0.00005, &v, &err), RX_OK);
		UT_INT(v, RX_CONFIDENCE_ONE);		/* 0.99995 ties up */
		UT_INT(rx_confidence_from_double_complement(0.00015, &v, &err), RX_OK);
		UT_INT(v, 9999);		/* 0.99985 ties up */
		UT_INT(rx_confidence_from_double_complement(1.5, &v, &err), RX_RANGE);
		UT_INT(rx_confidence_from_double_complement(-0.5, &v, &err), RX_RANGE);
		UT_INT(rx_confidence_from_double_complement(NAN, &v, &err), RX_RANGE);
	}

	UT_CASE("bands: low < 0.50 <= medium < 0.80 <= high")
	{
		UT_INT(rx_confidence_band(0), RX_CONFIDENCE_BAND_LOW);
		UT_INT(rx_confidence_band(4999), RX_CONFIDENCE_BAND_LOW);
		UT_INT(rx_confidence_band(5000), RX_CONFIDENCE_BAND_MEDIUM);
		UT_INT(rx_confidence_band(7999), RX_CONFIDENCE_BAND_MEDIUM);
		UT_INT(rx_confidence_band(8000), RX_CONFIDENCE_BAND_HIGH);
		UT_INT(rx_confidence_band(RX_CONFIDENCE_ONE), RX_CONFIDENCE_BAND_HIGH);
	}
}
