/*
 * test_level.c — unit tests of the rolelevel core (src/core/level.c).
 */
#include "unit.h"

#include "core/level.h"

/* Parse s and return its canonical text in buf ("" on failure). */
static const char *
roundtrip(const char *s, char *buf)
{
	int32_t		v;
	rx_error	err;

	buf[0] = '\0';
	if (rx_level_parse(s, strlen(s), &v, &err) != RX_OK)
		return buf;
	rx_level_format(v, buf);
	return buf;
}

/* Parse s; return its status. */
static rx_status
parse_status(const char *s)
{
	int32_t		v;
	rx_error	err;

	return rx_level_parse(s, strlen(s), &v, &err);
}

/* Encoding of a literal that must parse. */
static int32_t
enc(const char *s)
{
	int32_t		v = -1;
	rx_error	err;

	if (rx_level_parse(s, strlen(s), &v, &err) != RX_OK)
		return -1;
	return v;
}

UT_SUITE(level)
{
	char		buf[RX_LEVEL_TEXT_MAX];

	UT_CASE("valid literals parse to their canonical text")
	{
		UT_STR(roundtrip("P1", buf), "P1");
		UT_STR(roundtrip("p1", buf), "P1");
		UT_STR(roundtrip("  m3\t", buf), "M3");
		UT_STR(roundtrip("IC3", buf), "IC3");
		UT_STR(roundtrip("ic03", buf), "IC3");
		UT_STR(roundtrip("L5", buf), "L5");
		UT_STR(roundtrip("E2", buf), "E2");
		UT_STR(roundtrip("S4", buf), "S4");
		UT_STR(roundtrip("P0", buf), "P0");
		UT_STR(roundtrip("ABC99", buf), "ABC99");
		UT_STR(roundtrip("zzz99", buf), "ZZZ99");
		UT_STR(roundtrip("A0", buf), "A0");
	}

	UT_CASE("malformed literals are syntax errors")
	{
		UT_INT(parse_status(""), RX_SYNTAX);
		UT_INT(parse_status("   "), RX_SYNTAX);
		UT_INT(parse_status("P"), RX_SYNTAX);
		UT_INT(parse_status("P100"), RX_SYNTAX);
		UT_INT(parse_status("P001"), RX_SYNTAX);
		UT_INT(parse_status("ABCD1"), RX_SYNTAX);
		UT_INT(parse_status("1P"), RX_SYNTAX);
		UT_INT(parse_status("P1x"), RX_SYNTAX);
		UT_INT(parse_status("P 1"), RX_SYNTAX);
		UT_INT(parse_status("P-1"), RX_SYNTAX);
		UT_INT(parse_status("P1.5"), RX_SYNTAX);
		UT_INT(parse_status("-P1"), RX_SYNTAX);
		UT_INT(parse_status("\xc3\x89" "1"), RX_SYNTAX);
		UT_INT(parse_status("P\xc3\xa9"), RX_SYNTAX);
	}

	UT_CASE("error details are sentences")
	{
		int32_t		v;
		rx_error	err;

		rx_level_parse("ABCD1", 5, &v, &err);
		UT_STR(err.detail, "A level's track has at most three letters.");
		rx_level_parse("P", 1, &v, &err);
		UT_STR(err.detail, "A level needs a rank after its track, such as the 1 in P1.");
		rx_level_parse("P100", 4, &v, &err);
		UT_STR(err.detail, "A level's rank is a number from 0 to 99.");
		rx_level_parse("1P", 2, &v, &err);
		UT_STR(err.detail, "A level starts with its track letters, such as the P in P1.");
	}

	UT_CASE("order: S, P, M, E, then other tracks alphabetically, then rank")
	{
		UT_CHECK(enc("S5") < enc("P0"));
		UT_CHECK(enc("P1") < enc("P2"));
		UT_CHECK(enc("P9") < enc("P10"));
		UT_CHECK(enc("P99") < enc("M0"));
		UT_CHECK(enc("M6") < enc("E1"));
		UT_CHECK(enc("E99") < enc("A0"));
		UT_CHECK(enc("A99") < enc("AB0"));
		UT_CHECK(enc("AB1") < enc("B0"));
		UT_CHECK(enc("IC3") < enc("L5"));
		UT_CHECK(enc("L5") < enc("SA0"));
		UT_CHECK(enc("ZZ9") < enc("ZZA0"));
		UT_CHECK(enc("ZZZ99") == RX_LEVEL_VALUE_MAX);
		UT_CHECK(enc("S0") == 0);
	}

	UT_CASE("track and rank accessors")
	{
		char		t[RX_LEVEL_TEXT_MAX];

		UT_INT(rx_level_track(enc("IC3"), t), 2);
		UT_STR(t, "IC");
		UT_INT(rx_level_rank(enc("IC3")), 3);
		UT_INT(rx_level_track(enc("E2"), t), 1);
		UT_STR(t, "E");
		UT_INT(rx_level_rank(enc("P99")), 99);
	}

	UT_CASE("make: track checked as an argument, rank as a range")
	{
		int32_t		v;
		rx_error	err;

		UT_INT(rx_level_make("p", 1, 1, &v, &err), RX_OK);
		UT_INT(v, enc("P1"));
		UT_INT(rx_level_make(" ic ", 4, 3, &v, &err), RX_OK);
		UT_INT(v, enc("IC3"));
		UT_INT(rx_level_make("P", 1, 100, &v, &err), RX_RANGE);
		UT_INT(rx_level_make("P", 1, -1, &v, &err), RX_RANGE);
		UT_INT(rx_level_make("", 0, 1, &v, &err), RX_ARGUMENT);
		UT_INT(rx_level_make("ABCD", 4, 1, &v, &err), RX_ARGUMENT);
		UT_INT(rx_level_make("P1", 2, 1, &v, &err), RX_ARGUMENT);
	}

	UT_CASE("every valid encoding round-trips through text; no other does")
	{
		int32_t		v,
					back;
		int			nvalid = 0,
					bad = 0;
		rx_error	err;

		for (v = -5; v <= RX_LEVEL_VALUE_MAX + 5; v++)
		{
			if (!rx_level_valid(v))
				continue;
			nvalid++;
			rx_level_format(v, buf);
			if (rx_level_parse(buf, strlen(buf), &back, &err) != RX_OK || back != v)
				bad++;
		}
		UT_INT(bad, 0);
		/* 4 named tracks + 26 + 26*26 + 26*26*26 - 4 letters, 100 ranks */
		UT_INT(nvalid, (4 + 26 + 676 + 17576 - 4) * 100);
		UT_CHECK(!rx_level_valid(-1));
		UT_CHECK(!rx_level_valid(RX_LEVEL_VALUE_MAX + 1));
		/* "P" spelled through the generic key is not a valid encoding */
		UT_CHECK(!rx_level_valid((4 + 16 * 729) * 100 + 1));
	}

	UT_CASE("spans: en dash, em dash, hyphen, dots, single level")
	{
		int32_t		lo,
					hi;
		rx_error	err;

		UT_INT(rx_level_parse_span("P1\xe2\x80\x93P4", 7, &lo, &hi, &err), RX_OK);
		UT_INT(lo, enc("P1"));
		UT_INT(hi, enc("P4"));
		UT_INT(rx_level_parse_span("P1\xe2\x80\x94P4", 7, &lo, &hi, &err), RX_OK);
		UT_INT(rx_level_parse_span("p1-p4", 5, &lo, &hi, &err), RX_OK);
		UT_INT(hi, enc("P4"));
		UT_INT(rx_level_parse_span(" P1 .. P4 ", 10, &lo, &hi, &err), RX_OK);
		UT_INT(lo, enc("P1"));
		UT_INT(rx_level_parse_span("P3", 2, &lo, &hi, &err), RX_OK);
		UT_INT(lo, hi);
		UT_INT(rx_level_parse_span("P4-P4", 5, &lo, &hi, &err), RX_OK);
		UT_INT(rx_level_parse_span("P4-P1", 5, &lo, &hi, &err), RX_SYNTAX);
		UT_STR(err.detail, "The lower end of a span must not come after its upper end in level order.");
		UT_INT(rx_level_parse_span("P1-", 3, &lo, &hi, &err), RX_SYNTAX);
		UT_INT(rx_level_parse_span("-P1", 3, &lo, &hi, &err), RX_SYNTAX);
		UT_INT(rx_level_parse_span("", 0, &lo, &hi, &err), RX_SYNTAX);
		UT_INT(rx_level_parse_span("P1-P2-P3", 8, &lo, &hi, &err), RX_SYNTAX);
		UT_INT(rx_level_parse_span("P1...P4", 7, &lo, &hi, &err), RX_SYNTAX);
		UT_INT(rx_level_parse_span("P1\xe2\x80", 4, &lo, &hi, &err), RX_SYNTAX);
	}
}
