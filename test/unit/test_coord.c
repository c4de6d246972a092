/*
 * test_coord.c — unit tests of the rolecoord core (src/core/coord.c).
 */
#include "unit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/coord.h"

/* A pool of parsed paths, so that pt() results stay valid for a while. */
static rx_code pool[64];
static int	pool_next;

/* Parse a literal that must parse; the path lives in the rotating pool. */
static rx_coord_point
pt(const char *s)
{
	rx_coord_point	p = {"", 0, 0, 0.0};
	rx_error	err;
	rx_code    *buf = &pool[pool_next++ % 64];

	if (rx_coord_parse(s, strlen(s), buf, &p, &err) != RX_OK)
	{
		fprintf(stderr, "test_coord: bad literal in a test: %s (%s)\n", s, err.detail);
		exit(2);
	}
	return p;
}

/* Parse s and return its canonical text in buf ("" on failure). */
static const char *
roundtrip(const char *s, char *buf)
{
	rx_coord_point	p;
	rx_code		path;
	rx_error	err;

	buf[0] = '\0';
	if (rx_coord_parse(s, strlen(s), &path, &p, &err) != RX_OK)
		return buf;
	rx_coord_format(&p, buf);
	return buf;
}

/* Parse s; return its status and leave its detail in err. */
static rx_status
parse_err(const char *s, rx_error *err)
{
	rx_coord_point	p;
	rx_code		path;

	return rx_coord_parse(s, strlen(s), &path, &p, err);
}

/* The text of a grade. */
static const char *
gtext(double g, char *buf)
{
	rx_coord_format_grade(g, buf);
	return buf;
}

/* Distance with the operator's weights. */
static double
dist(const char *a, const char *b)
{
	rx_coord_point	pa = pt(a),
				pb = pt(b);

	return rx_coord_distance(&pa, &pb, RX_COORD_DEFAULT_WEIGHT, RX_COORD_DEFAULT_SPAN);
}

/* xorshift64: a deterministic pseudo-random sequence. */
static uint64_t
rnd(uint64_t *state)
{
	uint64_t	x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x;
}

/* A random canonical path of labels from a small alphabet, into buf. */
static rx_coord_point
random_point(uint64_t *st, char *buf)
{
	static const char *const labels[] = {"A", "B", "C", "AB", "A_1"};
	rx_coord_point	p;
	int			depth = 1 + (int) (rnd(st) % 5);
	size_t		n = 0;
	int			i;

	for (i = 0; i < depth; i++)
	{
		const char *l = labels[rnd(st) % 5];

		if (i > 0)
			buf[n++] = '.';
		memcpy(buf + n, l, strlen(l));
		n += strlen(l);
	}
	p.path = buf;
	p.len = n;
	p.depth = depth;
	p.grade = (double) (rnd(st) % 25) / 2.0 - 1.0;
	return p;
}

UT_SUITE(coord)
{
	char		buf[RX_COORD_TEXT_MAX];
	rx_error	err;

	UT_CASE("valid literals parse to their canonical text")
	{
		UT_STR(roundtrip("TECH.DEI.GEN@1", buf), "TECH.DEI.GEN@1");
		UT_STR(roundtrip("tech.dei.gen@2.5", buf), "TECH.DEI.GEN@2.5");
		UT_STR(roundtrip("  Tech.Dei.Gen@1  ", buf), "TECH.DEI.GEN@1");
		UT_STR(roundtrip("TECH.DEI.GEN @ 1", buf), "TECH.DEI.GEN@1");
		UT_STR(roundtrip("\tA@0\n", buf), "A@0");
		UT_STR(roundtrip("A@-0", buf), "A@0");
		UT_STR(roundtrip("A@-0.5", buf), "A@-0.5");
		UT_STR(roundtrip("A@+3", buf), "A@3");
		UT_STR(roundtrip("A@3.", buf), "A@3");
		UT_STR(roundtrip("A@.5", buf), "A@0.5");
		UT_STR(roundtrip("A@2.50", buf), "A@2.5");
		UT_STR(roundtrip("A@1e3", buf), "A@1000");
		UT_STR(roundtrip("A@1E-3", buf), "A@0.001");
		UT_STR(roundtrip("A@007", buf), "A@7");
		UT_STR(roundtrip("x_1.Y2.__@1", buf), "X_1.Y2.__@1");
		UT_STR(roundtrip("A.B.C.D.E.F.G.H@1", buf), "A.B.C.D.E.F.G.H@1");
		UT_STR(roundtrip("ABCDEFGHIJKLMNOP@1", buf), "ABCDEFGHIJKLMNOP@1");
		UT_STR(roundtrip("DEI.GEN.P1@1", buf), "DEI.GEN.P1@1");
	}

	UT_CASE("the longest coordinate fits its buffers")
	{
		char		lit[RX_COORD_TEXT_MAX + 8];
		size_t		n = 0;
		int			i;

		for (i = 0; i < RX_CODE_LABELS_MAX; i++)
		{
			if (i > 0)
				lit[n++] = '.';
			memcpy(lit + n, "abcdefghijklmnop", 16);
			n += 16;
		}
		strcpy(lit + n, "@-1.2345678901234567e-300");
		UT_INT(strlen(roundtrip(lit, buf)), RX_CODE_TEXT_MAX + 1 + 24);
		UT_INT(n, RX_CODE_TEXT_MAX);
	}

	UT_CASE("malformed literals are syntax errors with a sentence")
	{
		UT_INT(parse_err("", &err), RX_SYNTAX);
		UT_STR(err.detail, "A coordinate is a taxonomy path and a grade joined by @, such as TECH.DEI.GEN@1 or TECH.DEI.GEN@2.5.");
		UT_INT(parse_err("   ", &err), RX_SYNTAX);
		UT_INT(parse_err("TECH.DEI.GEN", &err), RX_SYNTAX);
		UT_STR(err.detail, "A coordinate needs @ and a grade after its path, such as the @1 in TECH.DEI.GEN@1.");
		UT_INT(parse_err("TECH@1@2", &err), RX_SYNTAX);
		UT_STR(err.detail, "A coordinate has exactly one @, between its path and its grade.");
		UT_INT(parse_err("@1", &err), RX_SYNTAX);
		UT_CHECK(strncmp(err.detail, "The path before @ is not a valid code. ", 39) == 0);
		UT_INT(parse_err("TECH@", &err), RX_SYNTAX);
		UT_STR(err.detail, "A coordinate needs a grade after @, such as the 1 in TECH.DEI.GEN@1.");
		UT_INT(parse_err(".TECH@1", &err), RX_SYNTAX);
		UT_INT(parse_err("TECH.@1", &err), RX_SYNTAX);
		UT_STR(err.detail, "The path before @ is not a valid code. A role code cannot end with a dot.");
		UT_INT(parse_err("TECH..DEI@1", &err), RX_SYNTAX);
		UT_STR(err.detail, "The path before @ is not a valid code. Two dots in a row at position 5 leave an empty label; labels are separated by single dots.");
		UT_INT(parse_err("  TECH..DEI@1", &err), RX_SYNTAX);
		UT_STR(err.detail, "The path before @ is not a valid code. Two dots in a row at position 7 leave an empty label; labels are separated by single dots.");
		UT_INT(parse_err("A.B.C.D.E.F.G.H.I@1", &err), RX_SYNTAX);
		UT_INT(parse_err("A.ABCDEFGHIJKLMNOPQ@1", &err), RX_SYNTAX);
		UT_INT(parse_err("TECH-DEI@1", &err), RX_SYNTAX);
		UT_INT(parse_err("TECH DEI@1", &err), RX_SYNTAX);
		UT_INT(parse_err("T\xc3\x89" "CH@1", &err), RX_SYNTAX);
		UT_INT(parse_err("A@x", &err), RX_SYNTAX);
		UT_STR(err.detail, "A coordinate's grade is a decimal number such as 1, 2.5, -0.5 or 1e-3.");
		UT_INT(parse_err("A@1.2.3", &err), RX_SYNTAX);
		UT_INT(parse_err("A@1e", &err), RX_SYNTAX);
		UT_INT(parse_err("A@1e+", &err), RX_SYNTAX);
		UT_INT(parse_err("A@e5", &err), RX_SYNTAX);
		UT_INT(parse_err("A@.", &err), RX_SYNTAX);
		UT_INT(parse_err("A@-", &err), RX_SYNTAX);
		UT_INT(parse_err("A@--1", &err), RX_SYNTAX);
		UT_INT(parse_err("A@0x10", &err), RX_SYNTAX);
		UT_INT(parse_err("A@1 2", &err), RX_SYNTAX);
		UT_INT(parse_err("A@1,5", &err), RX_SYNTAX);
		UT_INT(parse_err("A@NaN", &err), RX_SYNTAX);
		UT_STR(err.detail, "A coordinate's grade is a finite number; NaN and infinity are not grades.");
		UT_INT(parse_err("A@-Infinity", &err), RX_SYNTAX);
		UT_INT(parse_err("A@inf", &err), RX_SYNTAX);
		UT_INT(parse_err("A@00000000000000000000000000000000000000000000000000000000000000001", &err), RX_SYNTAX);
		UT_STR(err.detail, "A coordinate's grade is written with at most 64 characters.");
	}

	UT_CASE("grades beyond double precision are range errors; subnormals are kept")
	{
		double		g;

		UT_INT(rx_coord_parse_grade("1e309", 5, &g, &err), RX_RANGE);
		UT_INT(rx_coord_parse_grade("-1e309", 6, &g, &err), RX_RANGE);
		UT_INT(rx_coord_parse_grade("1e-400", 6, &g, &err), RX_RANGE);
		UT_INT(rx_coord_parse_grade("0e-400", 6, &g, &err), RX_OK);
		UT_CHECK(g == 0.0 && !signbit(g));
		UT_INT(rx_coord_parse_grade("5e-324", 6, &g, &err), RX_OK);
		UT_CHECK(g > 0.0);
		UT_INT(rx_coord_parse_grade("-0.0", 4, &g, &err), RX_OK);
		UT_CHECK(g == 0.0 && !signbit(g));
		UT_INT(rx_coord_parse_grade("1.7976931348623157e308", 22, &g, &err), RX_OK);
	}

	UT_CASE("grades given as numbers: finite only, -0 becomes 0")
	{
		double		g = 7.0;

		UT_INT(rx_coord_check_grade(NAN, &g, &err), RX_ARGUMENT);
		UT_STR(err.detail, "A coordinate's grade is a finite number; NaN is not a grade.");
		UT_INT(rx_coord_check_grade(INFINITY, &g, &err), RX_ARGUMENT);
		UT_STR(err.detail, "A coordinate's grade is a finite number; Infinity is not a grade.");
		UT_INT(rx_coord_check_grade(-INFINITY, &g, &err), RX_ARGUMENT);
		UT_CHECK(g == 7.0);
		UT_INT(rx_coord_check_grade(-0.0, &g, &err), RX_OK);
		UT_CHECK(g == 0.0 && !signbit(g));
		UT_INT(rx_coord_check_grade(-2.5, &g, &err), RX_OK);
		UT_CHECK(g == -2.5);
	}

	UT_CASE("grades print as PostgreSQL prints float8")
	{
		char		g[RX_COORD_GRADE_MAX];

		UT_STR(gtext(0.0, g), "0");
		UT_STR(gtext(1.0, g), "1");
		UT_STR(gtext(2.5, g), "2.5");
		UT_STR(gtext(-0.5, g), "-0.5");
		UT_STR(gtext(0.1, g), "0.1");
		UT_STR(gtext(0.125, g), "0.125");
		UT_STR(gtext(100.0, g), "100");
		UT_STR(gtext(1.0 / 3.0, g), "0.3333333333333333");
		UT_STR(gtext(2.0 / 3.0, g), "0.6666666666666666");
		UT_STR(gtext(0.1 + 0.2, g), "0.30000000000000004");
		UT_STR(gtext(0.0001, g), "0.0001");
		UT_STR(gtext(0.00001, g), "1e-05");
		UT_STR(gtext(0.000123, g), "0.000123");
		UT_STR(gtext(1.5e-5, g), "1.5e-05");
		UT_STR(gtext(123456789012345.0, g), "123456789012345");
		UT_STR(gtext(1e14, g), "100000000000000");
		UT_STR(gtext(1e15, g), "1e+15");
		UT_STR(gtext(1.5e15, g), "1.5e+15");
		UT_STR(gtext(1e100, g), "1e+100");
		UT_STR(gtext(-1e-100, g), "-1e-100");
		UT_STR(gtext(5e-324, g), "5e-324");
		UT_STR(gtext(1.7976931348623157e308, g), "1.7976931348623157e+308");
		UT_STR(gtext(2.2250738585072014e-308, g), "2.2250738585072014e-308");
		UT_STR(gtext(9007199254740993.0, g), "9.007199254740992e+15");
		/* a halfway decimal reads back only by ties-to-even: not used */
		UT_STR(gtext(24296089186956552.0, g), "2.4296089186956552e+16");
		UT_STR(gtext(999999.999, g), "999999.999");
		UT_STR(gtext(0.001, g), "0.001");
		UT_STR(gtext(123456.789, g), "123456.789");
	}

	UT_CASE("grade text reads back exactly (400,000 bit patterns)")
	{
		uint64_t	st = 0x9E3779B97F4A7C15ULL;
		int			bad = 0,
					i;
		char		g[RX_COORD_GRADE_MAX];

		for (i = 0; i < 400000; i++)
		{
			uint64_t	bits = rnd(&st);
			double		v,
						back;

			if (i % 2)
				v = (double) (int64_t) (bits % 2000001) / (double) (1 + (bits >> 40) % 1000) - 1000.0;
			else
				memcpy(&v, &bits, sizeof(v));
			if (!isfinite(v))
				continue;
			if (v == 0.0)
				v = 0.0;
			rx_coord_format_grade(v, g);
			if (strlen(g) >= RX_COORD_GRADE_MAX ||
				rx_coord_parse_grade(g, strlen(g), &back, &err) != RX_OK ||
				memcmp(&back, &v, sizeof(v)) != 0)
				bad++;
		}
		UT_INT(bad, 0);
	}

	UT_CASE("labels in common")
	{
		UT_INT(rx_coord_lcp("TECH.DEI.GEN", 12, "TECH.DEI.GEN", 12), 3);
		UT_INT(rx_coord_lcp("TECH.DEI.GEN", 12, "TECH.DEI.SRE", 12), 2);
		UT_INT(rx_coord_lcp("TECH.DEI.GEN", 12, "TECH.DEI", 8), 2);
		UT_INT(rx_coord_lcp("TECH.DEI", 8, "TECH.DEI.GEN", 12), 2);
		UT_INT(rx_coord_lcp("TECH.DEI.GEN", 12, "TECH.DEIX.GEN", 13), 1);
		UT_INT(rx_coord_lcp("TECH.DE", 7, "TECH.DEI", 8), 1);
		UT_INT(rx_coord_lcp("TECH", 4, "OPS", 3), 0);
		UT_INT(rx_coord_lcp("A", 1, "AB", 2), 0);
		UT_INT(rx_coord_lcp("", 0, "A", 1), 0);
		UT_INT(rx_coord_lcp("", 0, "", 0), 0);
		UT_INT(rx_coord_lcp("A.B", 3, "A.C", 3), 1);
	}

	UT_CASE("order: path label by label, a prefix first, then grade")
	{
		rx_coord_point	a,
					b;

		a = pt("A@5");
		b = pt("A.B@0");
		UT_INT(rx_coord_compare(&a, &b), -1);
		a = pt("A.B@9");
		b = pt("AB@0");
		UT_INT(rx_coord_compare(&a, &b), -1);
		a = pt("A.Z@9");
		b = pt("A_@0");
		UT_INT(rx_coord_compare(&a, &b), -1);
		a = pt("A.B@1");
		b = pt("A.B@2");
		UT_INT(rx_coord_compare(&a, &b), -1);
		UT_INT(rx_coord_compare(&b, &a), 1);
		a = pt("a.b@-0");
		b = pt("A.B@0");
		UT_INT(rx_coord_compare(&a, &b), 0);
		a = pt("TECH.DEI@1");
		b = pt("TECH.DEI.GEN@0");
		UT_INT(rx_coord_compare(&a, &b), -1);
	}

	UT_CASE("distance: hand-worked pairs")
	{
		/* same path, one grade apart: 0.5 * 0 + 0.5 * 1/4 */
		UT_DBL(dist("TECH.DEI.GEN@1", "TECH.DEI.GEN@2"), 0.125, 0);
		/* sibling specialization, same grade: 0.5 * 1/3 */
		UT_DBL(dist("TECH.DEI.GEN@1", "TECH.DEI.SRE@1"), 1.0 / 6.0, 1e-15);
		/* another superfunction, same grade: 0.5 * 1 */
		UT_DBL(dist("TECH.DEI.GEN@1", "OPS.DEI.GEN@1"), 0.5, 0);
		/* another superfunction, four grades apart: 0.5 + 0.5 */
		UT_DBL(dist("TECH.DEI.GEN@1", "OPS.DEI.GEN@5"), 1.0, 0);
		/* the level term is capped at 1 */
		UT_DBL(dist("TECH.DEI.GEN@0", "TECH.DEI.GEN@100"), 0.5, 0);
		/* parent and child: 1 - 2/3 */
		UT_DBL(dist("TECH.DEI@3", "TECH.DEI.GEN@3"), 1.0 / 6.0, 1e-15);
		/* sibling specialization, half a grade apart: 0.5/3 + 0.5 * 0.125 */
		UT_DBL(dist("TECH.DEI.GEN@1", "TECH.DEI.SRE@1.5"), 1.0 / 6.0 + 0.0625, 1e-15);
		/* same function, other family, two grades apart: 0.5 * 2/4 + 0.5 * 2/4 */
		UT_DBL(dist("TECH.DEI.FAM.GEN@1", "TECH.DEI.OPS.GEN@3"), 0.5, 0);
		UT_DBL(dist("A.B@1", "A.B@1"), 0.0, 0);
		UT_DBL(dist("a.b@1", "A.B@1.0"), 0.0, 0);
	}

	UT_CASE("distance: custom weights")
	{
		rx_coord_point	a = pt("TECH.DEI.GEN@1"),
					b = pt("TECH.DEI.SRE@3");

		/* taxonomy only: 1/3; levels only: 2/4 */
		UT_DBL(rx_coord_distance(&a, &b, 1.0, 4.0), 1.0 / 3.0, 1e-15);
		UT_DBL(rx_coord_distance(&a, &b, 0.0, 4.0), 0.5, 0);
		/* a wider span: 2/8 */
		UT_DBL(rx_coord_distance(&a, &b, 0.0, 8.0), 0.25, 0);
		/* weight 0.25: 0.25/3 + 0.75 * 0.5 */
		UT_DBL(rx_coord_distance(&a, &b, 0.25, 4.0), 0.25 / 3.0 + 0.375, 1e-15);
		UT_INT(rx_coord_check_weights(0.0, 1e-300, &err), RX_OK);
		UT_INT(rx_coord_check_weights(1.0, 1e300, &err), RX_OK);
	}

	UT_CASE("distance: bad weights and spans are argument errors")
	{
		UT_INT(rx_coord_check_weights(-0.1, 4.0, &err), RX_ARGUMENT);
		UT_STR(err.detail, "The taxonomy weight is a number from 0 to 1; -0.1 is not.");
		UT_INT(rx_coord_check_weights(1.5, 4.0, &err), RX_ARGUMENT);
		UT_INT(rx_coord_check_weights(NAN, 4.0, &err), RX_ARGUMENT);
		UT_STR(err.detail, "The taxonomy weight is a number from 0 to 1; NaN is not.");
		UT_INT(rx_coord_check_weights(0.5, 0.0, &err), RX_ARGUMENT);
		UT_STR(err.detail, "The level span is a positive finite number of grades; 0 is not.");
		UT_INT(rx_coord_check_weights(0.5, -4.0, &err), RX_ARGUMENT);
		UT_INT(rx_coord_check_weights(0.5, NAN, &err), RX_ARGUMENT);
		UT_INT(rx_coord_check_weights(0.5, INFINITY, &err), RX_ARGUMENT);
		UT_STR(err.detail, "The level span is a positive finite number of grades; Infinity is not.");
	}

	UT_CASE("distance: symmetric, in [0, 1], 0 exactly for equal coordinates")
	{
		uint64_t	st = 12345;
		char		b1[RX_CODE_TEXT_MAX],
					b2[RX_CODE_TEXT_MAX];
		static const double weights[] = {0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0};
		int			bad_sym = 0,
					bad_range = 0,
					bad_zero = 0,
					i;

		for (i = 0; i < 200000; i++)
		{
			rx_coord_point	a = random_point(&st, b1),
						b = random_point(&st, b2);
			double		w = weights[i % 7];
			double		span = (double) (1 + i % 9) / 2.0;
			double		d = rx_coord_distance(&a, &b, w, span);

			if (d != rx_coord_distance(&b, &a, w, span))
				bad_sym++;
			if (!(d >= 0.0 && d <= 1.0))
				bad_range++;
			if ((d == 0.0) != (rx_coord_compare(&a, &b) == 0) && w > 0.0 && w < 1.0)
				bad_zero++;
			if (rx_coord_distance(&a, &a, w, span) != 0.0)
				bad_zero++;
		}
		UT_INT(bad_sym, 0);
		UT_INT(bad_range, 0);
		UT_INT(bad_zero, 0);
	}

	UT_CASE("match bands: edges and custom thresholds")
	{
		UT_INT(rx_coord_band_of(0.0, 0.25, 0.5), RX_COORD_BAND_STRONG);
		UT_INT(rx_coord_band_of(0.125, 0.25, 0.5), RX_COORD_BAND_STRONG);
		UT_INT(rx_coord_band_of(0.2499999, 0.25, 0.5), RX_COORD_BAND_STRONG);
		UT_INT(rx_coord_band_of(0.25, 0.25, 0.5), RX_COORD_BAND_PARTIAL);
		UT_INT(rx_coord_band_of(0.4999999, 0.25, 0.5), RX_COORD_BAND_PARTIAL);
		UT_INT(rx_coord_band_of(0.5, 0.25, 0.5), RX_COORD_BAND_WEAK);
		UT_INT(rx_coord_band_of(1.0, 0.25, 0.5), RX_COORD_BAND_WEAK);
		UT_INT(rx_coord_band_of(0.3, 0.4, 0.4), RX_COORD_BAND_STRONG);
		UT_INT(rx_coord_band_of(0.4, 0.4, 0.4), RX_COORD_BAND_WEAK);
		UT_INT(rx_coord_band_of(0.0, 0.0, 0.0), RX_COORD_BAND_WEAK);
		UT_INT(rx_coord_band_of(0.99, 1.0, 1.0), RX_COORD_BAND_STRONG);
		UT_INT(rx_coord_check_bands(0.25, 0.5, &err), RX_OK);
		UT_INT(rx_coord_check_bands(0.0, 1.0, &err), RX_OK);
		UT_INT(rx_coord_check_bands(0.5, 0.25, &err), RX_ARGUMENT);
		UT_STR(err.detail, "strong_below (0.5) must not be greater than partial_below (0.25).");
		UT_INT(rx_coord_check_bands(-0.1, 0.5, &err), RX_ARGUMENT);
		UT_STR(err.detail, "Band thresholds are numbers from 0 to 1; strong_below is -0.1.");
		UT_INT(rx_coord_check_bands(0.25, 1.5, &err), RX_ARGUMENT);
		UT_STR(err.detail, "Band thresholds are numbers from 0 to 1; partial_below is 1.5.");
		UT_INT(rx_coord_check_bands(NAN, 0.5, &err), RX_ARGUMENT);
		UT_INT(rx_coord_check_bands(0.25, NAN, &err), RX_ARGUMENT);
		UT_INT(rx_coord_check_distance(0.0, &err), RX_OK);
		UT_INT(rx_coord_check_distance(1.0, &err), RX_OK);
		UT_INT(rx_coord_check_distance(-0.01, &err), RX_ARGUMENT);
		UT_STR(err.detail, "A distance is a number from 0 to 1; -0.01 is not.");
		UT_INT(rx_coord_check_distance(1.01, &err), RX_ARGUMENT);
		UT_INT(rx_coord_check_distance(NAN, &err), RX_ARGUMENT);
		UT_STR(err.detail, "A distance is a number from 0 to 1; NaN is not.");
	}

	UT_CASE("stored form: points and boxes round-trip; other bytes are refused")
	{
		rx_coord_point	p = pt("tech.dei.gen@2.5"),
					r = pt("TECH.OPS@-1"),
					q;
		rx_coord_box		b,
					c,
					u;
		unsigned char bytes[RX_COORD_BOX_HDR + 2 * RX_CODE_TEXT_MAX];

		UT_INT(rx_coord_point_size(&p), RX_COORD_POINT_HDR + 12);
		rx_coord_encode_point(&p, bytes);
		UT_INT(rx_coord_kind(bytes, rx_coord_point_size(&p)), RX_COORD_KIND_POINT);
		UT_CHECK(rx_coord_decode_point(bytes, rx_coord_point_size(&p), &q));
		UT_INT(rx_coord_compare(&p, &q), 0);
		UT_INT(q.depth, 3);
		UT_CHECK(!rx_coord_decode_point(bytes, RX_COORD_POINT_HDR, &q));
		UT_CHECK(!rx_coord_decode_box(bytes, rx_coord_point_size(&p), &c));
		bytes[1] = 9;
		UT_CHECK(!rx_coord_decode_point(bytes, rx_coord_point_size(&p), &q));
		UT_INT(rx_coord_kind(bytes, 0), 0);

		rx_coord_box_of_point(&p, &b);
		rx_coord_box_of_point(&r, &c);
		rx_coord_box_union(&b, &c, &u);
		UT_INT(rx_coord_box_size(&u), RX_COORD_BOX_HDR + 12 + 8);
		rx_coord_encode_box(&u, bytes);
		UT_INT(rx_coord_kind(bytes, rx_coord_box_size(&u)), RX_COORD_KIND_BOX);
		UT_CHECK(rx_coord_decode_box(bytes, rx_coord_box_size(&u), &c));
		UT_INT(rx_coord_box_compare(&u, &c), 0);
		UT_INT(c.first_len, 12);
		UT_INT(c.last_len, 8);
		UT_CHECK(c.lo == -1.0 && c.hi == 2.5);
		UT_CHECK(!rx_coord_decode_point(bytes, rx_coord_box_size(&u), &q));
		/* both paths must be there */
		UT_CHECK(!rx_coord_decode_box(bytes, RX_COORD_BOX_HDR + 12, &c));
		bytes[3] = 0;
		UT_CHECK(!rx_coord_decode_box(bytes, rx_coord_box_size(&u), &c));
	}

	UT_CASE("boxes: union, membership, penalty")
	{
		rx_coord_point	a = pt("TECH.DEI.GEN@1"),
					b = pt("TECH.DEI.SRE@3"),
					c = pt("TECH.OPS@7"),
					d = pt("FIN.X@0"),
					e = pt("TECH.DEI.OPS@2"),
					f = pt("TECH.DEI.A@2");
		rx_coord_box		ba,
					bb,
					bc,
					bx,
					u,
					v;
		char		text[RX_COORD_BOX_TEXT_MAX];

		rx_coord_box_of_point(&a, &ba);
		rx_coord_box_of_point(&b, &bb);
		rx_coord_box_of_point(&c, &bc);
		rx_coord_box_union(&ba, &bb, &u);
		UT_INT(rx_code_compare(u.first, u.first_len, "TECH.DEI.GEN", 12), 0);
		UT_INT(rx_code_compare(u.last, u.last_len, "TECH.DEI.SRE", 12), 0);
		UT_CHECK(u.lo == 1.0 && u.hi == 3.0);
		UT_INT(u.min_depth, 3);
		UT_INT(u.max_depth, 3);
		UT_CHECK(rx_coord_box_may_hold(&u, &a));
		UT_CHECK(rx_coord_box_may_hold(&u, &b));
		UT_CHECK(rx_coord_box_may_hold(&u, &e));
		UT_CHECK(!rx_coord_box_may_hold(&u, &f));
		UT_CHECK(!rx_coord_box_may_hold(&u, &c));
		rx_coord_format_box(&u, text);
		UT_STR(text, "(TECH.DEI.GEN .. TECH.DEI.SRE, depth 3-3, grade 1-3)");
		rx_coord_box_union(&u, &bc, &v);
		UT_INT(v.min_depth, 2);
		UT_CHECK(v.hi == 7.0);
		UT_CHECK(rx_coord_box_may_hold(&v, &c));
		rx_coord_box_of_point(&d, &bx);
		rx_coord_box_union(&bx, &v, &u);
		UT_CHECK(rx_coord_box_may_hold(&u, &d));
		rx_coord_format_box(&u, text);
		UT_STR(text, "(FIN.X .. TECH.OPS, depth 2-3, grade 0-7)");
		/* adding what a box already holds costs nothing; stretching costs */
		rx_coord_box_of_point(&e, &bx);
		UT_DBL(rx_coord_box_penalty(&v, &bx), 0.0, 0);
		rx_coord_box_of_point(&d, &bx);
		UT_DBL(rx_coord_box_penalty(&v, &bx), 0.5 * 1.0 + 0.5 * 1.0 / 4.0, 1e-15);
		/* stretching to a sibling costs less than to another superfunction */
		rx_coord_box_of_point(&f, &bx);
		UT_DBL(rx_coord_box_penalty(&v, &bx), 0.5 / 3.0, 1e-15);
		rx_coord_box_union(&ba, &ba, &u);
		UT_DBL(rx_coord_box_penalty(&ba, &u), 0.0, 0);
	}

	UT_CASE("box lower bound: never above a member's distance, exact for one point")
	{
		uint64_t	st = 777;
		char		paths[40][RX_CODE_TEXT_MAX],
					qb[RX_CODE_TEXT_MAX];
		static const double weights[] = {0.0, 0.25, 0.5, 0.8, 1.0};
		int			over = 0,
					inexact = 0,
					tight = 0,
					trial;

		for (trial = 0; trial < 20000; trial++)
		{
			rx_coord_point	pts[40],
						q;
			rx_coord_box		box,
						one,
						u;
			int			n = 1 + (int) (rnd(&st) % 40),
						i;
			double		w = weights[trial % 5],
						span = (double) (1 + trial % 8),
						best = 2.0,
						lb;

			for (i = 0; i < n; i++)
			{
				pts[i] = random_point(&st, paths[i]);
				rx_coord_box_of_point(&pts[i], &one);
				if (i == 0)
					box = one;
				else
				{
					rx_coord_box_union(&box, &one, &u);
					box = u;
				}
			}
			q = random_point(&st, qb);
			lb = rx_coord_box_lower_bound(&box, &q, w, span);
			for (i = 0; i < n; i++)
			{
				double		d = rx_coord_distance(&pts[i], &q, w, span);

				if (d < best)
					best = d;
				rx_coord_box_of_point(&pts[i], &one);
				if (rx_coord_box_lower_bound(&one, &q, w, span) != d)
					inexact++;
			}
			if (lb > best)
				over++;
			if (lb == best)
				tight++;
		}
		UT_INT(over, 0);
		UT_INT(inexact, 0);
		/* the bound is useful: often it is the true minimum */
		UT_CHECK(tight > 2000);
	}

	UT_CASE("box lower bound: hand-worked subtrees")
	{
		rx_coord_point	a = pt("TECH.DEI.GEN@1"),
					b = pt("TECH.DEI.SRE.X@3"),
					q;
		rx_coord_box		ba,
					bb,
					u;

		rx_coord_box_of_point(&a, &ba);
		rx_coord_box_of_point(&b, &bb);
		rx_coord_box_union(&ba, &bb, &u);	/* TECH.DEI.GEN .. TECH.DEI.SRE.X, depth 3-4, grade 1-3 */
		/* inside: q could be a member */
		q = pt("TECH.DEI.GEN@2");
		UT_DBL(rx_coord_box_lower_bound(&u, &q, 0.5, 4.0), 0.0, 0);
		/* after the last path, another function: lcp 1, depth at least 3 */
		q = pt("TECH.OPS.GEN@2");
		UT_DBL(rx_coord_box_lower_bound(&u, &q, 0.5, 4.0), 0.5 * 2.0 / 3.0, 1e-15);
		/* above the grade range by 5: the level term is capped */
		q = pt("TECH.DEI.GEN@8");
		UT_DBL(rx_coord_box_lower_bound(&u, &q, 0.5, 4.0), 0.5, 0);
		/* the function itself, before the first path: a label short of all */
		q = pt("TECH.DEI@2");
		UT_DBL(rx_coord_box_lower_bound(&u, &q, 0.5, 4.0), 0.5 / 3.0, 1e-15);
		/* another superfunction */
		q = pt("OPS@0");
		UT_DBL(rx_coord_box_lower_bound(&u, &q, 0.5, 4.0), 0.5 + 0.125, 0);
		/* before the first path, sharing 2 labels with it: 1 − 2/3 */
		q = pt("TECH.DEI.A@1");
		UT_DBL(rx_coord_box_lower_bound(&u, &q, 0.5, 4.0), 0.5 / 3.0, 1e-15);
		/* after the last path, sharing 3 labels with it: 1 − 3/4 */
		q = pt("TECH.DEI.SRE.Y@3");
		UT_DBL(rx_coord_box_lower_bound(&u, &q, 0.5, 4.0), 0.5 / 4.0, 1e-15);
	}

	UT_CASE("box lower bound: a wide range with no common prefix still bounds")
	{
		rx_coord_point	a = pt("FIN.A.B@0"),
					b = pt("OPS.Z@11"),
					q;
		rx_coord_box		ba,
					bb,
					u;

		rx_coord_box_of_point(&a, &ba);
		rx_coord_box_of_point(&b, &bb);
		rx_coord_box_union(&ba, &bb, &u);
		/* TECH sorts after OPS: no member shares a label with it */
		q = pt("TECH.A.B@5");
		UT_DBL(rx_coord_box_lower_bound(&u, &q, 0.5, 4.0), 0.5, 0);
		/* inside the range, no label is known to differ */
		q = pt("GOV.X.Y@5");
		UT_DBL(rx_coord_box_lower_bound(&u, &q, 0.5, 4.0), 0.0, 0);
	}
}
