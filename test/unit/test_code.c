/*
 * test_rolecode.c — unit tests of the rolecode core (src/core/rolecode.c).
 */
#include "unit.h"

#include <stdio.h>

#include "core/level.h"
#include "core/code.h"

/* Parse s and return its canonical text in buf ("" on failure). */
static const char *
canon(const char *s, char *buf)
{
	rx_code		c;
	rx_error	err;

	buf[0] = '\0';
	if (rx_code_parse(s, strlen(s), &c, &err) != RX_OK)
		return buf;
	memcpy(buf, c.text, c.len + 1);
	return buf;
}

/* Parse s; return its status and leave the detail in err. */
static rx_status
parse_status(const char *s, rx_error *err)
{
	rx_code		c;

	return rx_code_parse(s, strlen(s), &c, err);
}

/* Parse a literal that must be valid (the test fails otherwise). */
static rx_code
code(const char *s)
{
	rx_code		c;
	rx_error	err;

	if (rx_code_parse(s, strlen(s), &c, &err) != RX_OK)
	{
		UT_STR(err.detail, "(a valid code)");
		c.len = 0;
		c.text[0] = '\0';
		c.info = 0;
	}
	return c;
}

/* rx_code_compare of two literals, as -1, 0 or 1. */
static int
cmp(const char *a, const char *b)
{
	rx_code		x = code(a),
				y = code(b);

	return rx_code_compare(x.text, x.len, y.text, y.len);
}

/* Is literal a a descendant of literal b (or b itself)? */
static bool
desc(const char *a, const char *b)
{
	rx_code		x = code(a),
				y = code(b);

	return rx_code_descends(x.text, x.len, y.text, y.len);
}

/*
 * Reference order, written the slow way: split both codes into labels,
 * compare label by label (bytes, a label before its extensions), and a code
 * before its extensions.
 */
static int
ref_compare(const char *a, const char *b)
{
	for (;;)
	{
		size_t		la = strcspn(a, "."),
					lb = strcspn(b, "."),
					n = la < lb ? la : lb;
		int			c = memcmp(a, b, n);

		if (c != 0)
			return c < 0 ? -1 : 1;
		if (la != lb)
			return la < lb ? -1 : 1;
		a += la;
		b += lb;
		if (*a == '\0' || *b == '\0')
			return (*a == '\0') == (*b == '\0') ? 0 : (*a == '\0' ? -1 : 1);
		a++;
		b++;
	}
}

/* Reference containment: the labels of anc are the leading labels of a. */
static bool
ref_descends(const char *a, const char *anc)
{
	for (;;)
	{
		size_t		la = strcspn(a, "."),
					lb = strcspn(anc, ".");

		if (la != lb || memcmp(a, anc, la) != 0)
			return false;
		a += la;
		anc += lb;
		if (*anc == '\0')
			return true;
		if (*a == '\0')
			return false;
		a++;
		anc++;
	}
}

/* A small deterministic generator (xorshift64). */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

/* The next pseudo-random number below n. */
static unsigned
rng(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned) (rng_state % n);
}

/*
 * A random valid code into buf.  Labels are drawn from a tiny alphabet that
 * includes the extremes ('0', '9', 'A', 'Z', '_') and are often short or a
 * full sixteen characters, so that prefixes, shared labels and carries are
 * common.
 */
static void
random_code(char *buf)
{
	static const char alphabet[] = "09AZ_";
	int			depth = 1 + (int) rng(RX_CODE_LABELS_MAX),
				d;
	size_t		o = 0;

	for (d = 0; d < depth; d++)
	{
		unsigned	kind = rng(4);
		size_t		n = kind == 0 ? RX_CODE_LABEL_MAX : 1 + rng(kind == 1 ? 3 : 2),
					i;

		if (d > 0)
			buf[o++] = '.';
		for (i = 0; i < n; i++)
			buf[o++] = alphabet[rng(kind == 0 ? 2 : 5) + (kind == 0 ? 3 : 0)];
	}
	buf[o] = '\0';
}

/* A random code near x: a prefix of x, x extended, or x with a byte changed. */
static void
random_near(const char *x, char *buf)
{
	static const char alphabet[] = "09AZ_";
	size_t		len = strlen(x);
	rx_code		c;
	rx_error	err;

	for (;;)
	{
		size_t		cut = 1 + rng((unsigned) len);

		memcpy(buf, x, len + 1);
		switch (rng(4))
		{
			case 0:				/* a prefix, possibly ending mid-label */
				buf[cut] = '\0';
				break;
			case 1:				/* extended by a label or a character */
				buf[len] = rng(2) ? '.' : alphabet[rng(5)];
				buf[len + 1] = alphabet[rng(5)];
				buf[len + 2] = '\0';
				break;
			case 2:				/* one byte changed */
				buf[cut - 1] = alphabet[rng(5)];
				break;
			default:			/* unrelated */
				random_code(buf);
				break;
		}
		if (rx_code_parse(buf, strlen(buf), &c, &err) == RX_OK)
			return;
	}
}

UT_SUITE(rolecode)
{
	char		buf[512];

	UT_CASE("valid literals parse to their canonical text")
	{
		UT_STR(canon("DEI", buf), "DEI");
		UT_STR(canon("DEI.GEN", buf), "DEI.GEN");
		UT_STR(canon("DEI.GEN.P1", buf), "DEI.GEN.P1");
		UT_STR(canon("dei.gen.p1", buf), "DEI.GEN.P1");
		UT_STR(canon("  Dei.Gen \t", buf), "DEI.GEN");
		UT_STR(canon("A", buf), "A");
		UT_STR(canon("_", buf), "_");
		UT_STR(canon("0", buf), "0");
		UT_STR(canon("A_1.b_2", buf), "A_1.B_2");
		UT_STR(canon("ABCDEFGHIJKLMNOP", buf), "ABCDEFGHIJKLMNOP");
		UT_STR(canon("A.B.C.D.E.F.G.H", buf), "A.B.C.D.E.F.G.H");
		UT_STR(canon("AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBB.CCCCCCCCCCCCCCCC.DDDDDDDDDDDDDDDD."
					 "EEEEEEEEEEEEEEEE.FFFFFFFFFFFFFFFF.GGGGGGGGGGGGGGGG.HHHHHHHHHHHHHHHH", buf),
			   "AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBB.CCCCCCCCCCCCCCCC.DDDDDDDDDDDDDDDD."
			   "EEEEEEEEEEEEEEEE.FFFFFFFFFFFFFFFF.GGGGGGGGGGGGGGGG.HHHHHHHHHHHHHHHH");
		UT_INT(strlen(buf), RX_CODE_TEXT_MAX);
	}

	UT_CASE("malformed literals are syntax errors with a sentence each")
	{
		rx_error	err;

		UT_INT(parse_status("", &err), RX_SYNTAX);
		UT_STR(err.detail, "A role code is one to eight labels of letters, digits and underscores separated by dots, such as DEI.GEN.P1.");
		UT_INT(parse_status("  \t ", &err), RX_SYNTAX);
		UT_INT(parse_status("DEI..P1", &err), RX_SYNTAX);
		UT_STR(err.detail, "Two dots in a row at position 4 leave an empty label; labels are separated by single dots.");
		UT_INT(parse_status("  DEI..P1", &err), RX_SYNTAX);
		UT_STR(err.detail, "Two dots in a row at position 6 leave an empty label; labels are separated by single dots.");
		UT_INT(parse_status(".DEI", &err), RX_SYNTAX);
		UT_STR(err.detail, "A role code cannot start with a dot; it starts with its first label, such as DEI in DEI.GEN.P1.");
		UT_INT(parse_status(".", &err), RX_SYNTAX);
		UT_INT(parse_status("..", &err), RX_SYNTAX);
		UT_INT(parse_status("DEI.", &err), RX_SYNTAX);
		UT_STR(err.detail, "A role code cannot end with a dot.");
		UT_INT(parse_status("DEI.GEN. ", &err), RX_SYNTAX);
		UT_STR(err.detail, "A role code cannot end with a dot.");
		UT_INT(parse_status("DEI.ABCDEFGHIJKLMNOPQ", &err), RX_SYNTAX);
		UT_STR(err.detail, "Label 2 has 17 characters; a label has at most 16.");
		UT_INT(parse_status("ABCDEFGHIJKLMNOPQRSTUVWXYZ.X", &err), RX_SYNTAX);
		UT_STR(err.detail, "Label 1 has 26 characters; a label has at most 16.");
		UT_INT(parse_status("A.B.C.D.E.F.G.H.I", &err), RX_SYNTAX);
		UT_STR(err.detail, "A role code has at most 8 labels; this one has 9.");
		UT_INT(parse_status("A.B.C.D.E.F.G.H.I.J.K", &err), RX_SYNTAX);
		UT_STR(err.detail, "A role code has at most 8 labels; this one has 11.");
		UT_INT(parse_status("DEI-GEN", &err), RX_SYNTAX);
		UT_STR(err.detail, "Unexpected character \"-\" at position 4; a label is made of the letters A to Z, the digits 0 to 9 and the underscore.");
		UT_INT(parse_status("DEI GEN", &err), RX_SYNTAX);
		UT_STR(err.detail, "Unexpected character \" \" at position 4; a label is made of the letters A to Z, the digits 0 to 9 and the underscore.");
		UT_INT(parse_status("DEI/GEN", &err), RX_SYNTAX);
		UT_INT(parse_status("D\xc3\x89I", &err), RX_SYNTAX);
		UT_STR(err.detail, "Unexpected byte 0xC3 at position 2; a label is made of the letters A to Z, the digits 0 to 9 and the underscore.");
		UT_INT(parse_status("DEI\tGEN", &err), RX_SYNTAX);
		UT_STR(err.detail, "Unexpected byte 0x09 at position 4; a label is made of the letters A to Z, the digits 0 to 9 and the underscore.");
		UT_INT(rx_code_parse("DE\0I", 4, &(rx_code) {0}, &err), RX_SYNTAX);
		UT_STR(err.detail, "Unexpected byte 0x00 at position 3; a label is made of the letters A to Z, the digits 0 to 9 and the underscore.");
	}

	UT_CASE("the first problem from the left is the one reported")
	{
		rx_error	err;

		UT_INT(parse_status("A..B.C.D.E.F.G.H.I", &err), RX_SYNTAX);
		UT_STR(err.detail, "Two dots in a row at position 2 leave an empty label; labels are separated by single dots.");
		UT_INT(parse_status("A-.", &err), RX_SYNTAX);
		UT_STR(err.detail, "Unexpected character \"-\" at position 2; a label is made of the letters A to Z, the digits 0 to 9 and the underscore.");
	}

	UT_CASE("depth and level flag")
	{
		rx_code		c;

		c = code("DEI");
		UT_INT(rx_code_depth(c.info), 1);
		UT_CHECK(!rx_code_has_level(c.info));
		c = code("P1");
		UT_INT(rx_code_depth(c.info), 1);
		UT_CHECK(!rx_code_has_level(c.info));	/* one label is never a level */
		c = code("DEI.GEN");
		UT_INT(rx_code_depth(c.info), 2);
		UT_CHECK(!rx_code_has_level(c.info));
		c = code("DEI.GEN.P1");
		UT_INT(rx_code_depth(c.info), 3);
		UT_CHECK(rx_code_has_level(c.info));
		UT_INT(c.info, 3 | RX_CODE_INFO_LEVEL);
		c = code("DEI.P1");
		UT_CHECK(rx_code_has_level(c.info));
		c = code("DEI.IC3");
		UT_CHECK(rx_code_has_level(c.info));
		c = code("DEI.ABC99");
		UT_CHECK(rx_code_has_level(c.info));
		c = code("DEI.P1.GEN");
		UT_CHECK(!rx_code_has_level(c.info));	/* only the last label counts */
		c = code("DEI.P100");
		UT_CHECK(!rx_code_has_level(c.info));	/* rank over 99 */
		c = code("DEI.ABCD1");
		UT_CHECK(!rx_code_has_level(c.info));	/* four letters */
		c = code("DEI.P");
		UT_CHECK(!rx_code_has_level(c.info));	/* no rank */
		c = code("DEI.1P");
		UT_CHECK(!rx_code_has_level(c.info));
		c = code("DEI.P_1");
		UT_CHECK(!rx_code_has_level(c.info));
		c = code("A.B.C.D.E.F.G.H");
		UT_INT(rx_code_depth(c.info), 8);
	}

	UT_CASE("order is label by label, a code before its extensions")
	{
		UT_INT(cmp("DEI", "DEI"), 0);
		UT_INT(cmp("dei.gen", "DEI.GEN"), 0);
		UT_INT(cmp("DEI", "DEI.GEN"), -1);
		UT_INT(cmp("DEI.GEN", "DEI.GEN.P1"), -1);
		UT_INT(cmp("DEI.GEN.P1", "DEI.GEN_X"), -1);
		UT_INT(cmp("DEI.GEN", "DEI.GEN_X"), -1);
		UT_INT(cmp("DEI.GEN.ZZZ", "DEI.GEN0"), -1);
		UT_INT(cmp("A.B", "AB"), -1);
		UT_INT(cmp("A.Z", "A0"), -1);
		UT_INT(cmp("A9", "AA"), -1);
		UT_INT(cmp("AZ", "A_"), -1);
		UT_INT(cmp("DEI.P2", "DEI.P10"), 1);	/* labels are text, not levels */
		UT_INT(cmp("ZZZ", "DEI"), 1);
	}

	UT_CASE("byte order equals the label-by-label reference order")
	{
		char		a[RX_CODE_TEXT_MAX + 1],
					b[RX_CODE_TEXT_MAX + 1];
		int			i,
					bad = 0;

		for (i = 0; i < 200000; i++)
		{
			random_code(a);
			if (i % 2)
				random_near(a, b);
			else
				random_code(b);
			if (cmp(a, b) != ref_compare(a, b) || desc(a, b) != ref_descends(a, b))
			{
				if (bad++ < 5)
					UT_STR(a, b);
			}
		}
		UT_INT(bad, 0);
	}

	UT_CASE("containment: a code is its own ancestor; labels must match whole")
	{
		UT_CHECK(desc("DEI.GEN.P1", "DEI"));
		UT_CHECK(desc("DEI.GEN.P1", "DEI.GEN"));
		UT_CHECK(desc("DEI.GEN.P1", "DEI.GEN.P1"));
		UT_CHECK(desc("DEI", "DEI"));
		UT_CHECK(!desc("DEI", "DEI.GEN"));
		UT_CHECK(!desc("DEI.GEN_X", "DEI.GEN"));
		UT_CHECK(!desc("DEI.GEN0", "DEI.GEN"));
		UT_CHECK(!desc("DEIX.GEN", "DEI"));
		UT_CHECK(!desc("AB", "A"));
		UT_CHECK(!desc("A", "AB"));
		UT_CHECK(!desc("DEJ.GEN", "DEI"));
		UT_CHECK(!desc("X.DEI", "DEI"));
	}

	UT_CASE("level, family, prefix")
	{
		rx_code		c,
					out;
		int32_t		lv;
		rx_error	err;

		c = code("DEI.GEN.P1");
		UT_CHECK(rx_code_level(c.text, c.len, c.info, &lv));
		rx_level_format(lv, buf);
		UT_STR(buf, "P1");
		c = code("DEI.GEN.p07");
		UT_CHECK(rx_code_level(c.text, c.len, c.info, &lv));
		rx_level_format(lv, buf);
		UT_STR(buf, "P7");
		UT_STR(c.text, "DEI.GEN.P07");	/* the label itself is kept */
		c = code("DEI.GEN");
		UT_CHECK(!rx_code_level(c.text, c.len, c.info, &lv));
		c = code("P1");
		UT_CHECK(!rx_code_level(c.text, c.len, c.info, &lv));

		c = code("DEI.GEN.P1");
		rx_code_family(c.text, c.len, c.info, &out);
		UT_STR(out.text, "DEI.GEN");
		UT_INT(out.info, 2);
		c = code("DEI.GEN");
		rx_code_family(c.text, c.len, c.info, &out);
		UT_STR(out.text, "DEI.GEN");
		c = code("DEI.P1");
		rx_code_family(c.text, c.len, c.info, &out);
		UT_STR(out.text, "DEI");
		UT_INT(out.info, 1);
		c = code("DEI.P1.P2");	/* one label at most: the result ends in P1 */
		rx_code_family(c.text, c.len, c.info, &out);
		UT_STR(out.text, "DEI.P1");
		UT_CHECK(rx_code_has_level(out.info));

		c = code("DEI.GEN.P1");
		UT_INT(rx_code_prefix(c.text, c.len, 1, &out, &err), RX_OK);
		UT_STR(out.text, "DEI");
		UT_INT(out.info, 1);
		UT_INT(rx_code_prefix(c.text, c.len, 2, &out, &err), RX_OK);
		UT_STR(out.text, "DEI.GEN");
		UT_INT(out.info, 2);
		UT_INT(rx_code_prefix(c.text, c.len, 3, &out, &err), RX_OK);
		UT_STR(out.text, "DEI.GEN.P1");
		UT_INT(out.info, 3 | RX_CODE_INFO_LEVEL);
		UT_INT(rx_code_prefix(c.text, c.len, 4, &out, &err), RX_OK);
		UT_STR(out.text, "DEI.GEN.P1");
		UT_INT(rx_code_prefix(c.text, c.len, INT64_MAX, &out, &err), RX_OK);
		UT_STR(out.text, "DEI.GEN.P1");
		UT_INT(rx_code_prefix(c.text, c.len, 0, &out, &err), RX_ARGUMENT);
		UT_STR(err.detail, "A prefix has at least one label, so n must be 1 or more; it is 0.");
		UT_INT(rx_code_prefix(c.text, c.len, -3, &out, &err), RX_ARGUMENT);
		UT_STR(err.detail, "A prefix has at least one label, so n must be 1 or more; it is -3.");
		c = code("DEI.P1.GEN");
		UT_INT(rx_code_prefix(c.text, c.len, 2, &out, &err), RX_OK);
		UT_STR(out.text, "DEI.P1");
		UT_CHECK(rx_code_has_level(out.info));	/* the prefix ends in a level */
	}

	UT_CASE("appending a level")
	{
		rx_code		c,
					out;
		int32_t		p1,
					ic3;
		rx_error	err;

		rx_level_parse("P1", 2, &p1, NULL);
		rx_level_parse("IC3", 3, &ic3, NULL);
		c = code("DEI.GEN");
		UT_INT(rx_code_append_level(c.text, c.len, c.info, p1, &out, &err), RX_OK);
		UT_STR(out.text, "DEI.GEN.P1");
		UT_INT(out.info, 3 | RX_CODE_INFO_LEVEL);
		c = code("DEI");
		UT_INT(rx_code_append_level(c.text, c.len, c.info, ic3, &out, &err), RX_OK);
		UT_STR(out.text, "DEI.IC3");
		UT_INT(out.info, 2 | RX_CODE_INFO_LEVEL);
		c = code("P1");			/* a one-label code has no level */
		UT_INT(rx_code_append_level(c.text, c.len, c.info, p1, &out, &err), RX_OK);
		UT_STR(out.text, "P1.P1");
		c = code("DEI.GEN.P1");
		UT_INT(rx_code_append_level(c.text, c.len, c.info, ic3, &out, &err), RX_ARGUMENT);
		UT_STR(err.detail, "The code already ends in the level P1; append to its family, code_family(code), to replace it.");
		c = code("A.B.C.D.E.F.G.H");
		UT_INT(rx_code_append_level(c.text, c.len, c.info, p1, &out, &err), RX_ARGUMENT);
		UT_STR(err.detail, "A role code has at most 8 labels, and this one already has 8.");
		c = code("A.B.C.D.E.F.G");
		UT_INT(rx_code_append_level(c.text, c.len, c.info, p1, &out, &err), RX_OK);
		UT_STR(out.text, "A.B.C.D.E.F.G.P1");
		UT_INT(rx_code_append_level(c.text, c.len, c.info, -1, &out, &err), RX_ARGUMENT);
	}

	UT_CASE("subtree end: the least code above a subtree")
	{
		rx_code		c,
					out;

		c = code("DEI.GEN");
		UT_CHECK(rx_code_subtree_end(c.text, c.len, &out));
		UT_STR(out.text, "DEI.GEN0");
		UT_INT(out.info, 2 | RX_CODE_INFO_LEVEL);	/* GEN0 has the level form */
		c = code("A.BBBBBBBBBBBBBBBB");
		UT_CHECK(rx_code_subtree_end(c.text, c.len, &out));
		UT_STR(out.text, "A.BBBBBBBBBBBBBBBC");
		c = code("A.BBBBBBBBBBBBBBB9");
		UT_CHECK(rx_code_subtree_end(c.text, c.len, &out));
		UT_STR(out.text, "A.BBBBBBBBBBBBBBBA");
		c = code("A.BBBBBBBBBBBBBBBZ");
		UT_CHECK(rx_code_subtree_end(c.text, c.len, &out));
		UT_STR(out.text, "A.BBBBBBBBBBBBBBB_");
		c = code("A.BBBBBBBBBBBBBB__");
		UT_CHECK(rx_code_subtree_end(c.text, c.len, &out));
		UT_STR(out.text, "A.BBBBBBBBBBBBBC");
		c = code("A.________________");
		UT_CHECK(rx_code_subtree_end(c.text, c.len, &out));
		UT_STR(out.text, "A0");
		c = code("AAAAAAAAAAAAAAAA.________________");
		UT_CHECK(rx_code_subtree_end(c.text, c.len, &out));
		UT_STR(out.text, "AAAAAAAAAAAAAAAB");
		c = code("________________");
		UT_CHECK(!rx_code_subtree_end(c.text, c.len, &out));
		c = code("________________.________________");
		UT_CHECK(!rx_code_subtree_end(c.text, c.len, &out));
	}

	UT_CASE("subtree max: the greatest code in a subtree")
	{
		rx_code		c,
					out;

		c = code("A.B.C.D.E.F.G");
		rx_code_subtree_max(c.text, c.len, &out);
		UT_STR(out.text, "A.B.C.D.E.F.G.________________");
		UT_INT(rx_code_depth(out.info), 8);
		c = code("A.B.C.D.E.F.G.H");
		rx_code_subtree_max(c.text, c.len, &out);
		UT_STR(out.text, "A.B.C.D.E.F.G.H");
		c = code("A");
		rx_code_subtree_max(c.text, c.len, &out);
		UT_INT(out.len, 1 + 7 * 17);
		UT_INT(rx_code_depth(out.info), 8);
	}

	UT_CASE("the subtree of X is exactly [X, end(X)) and [X, max(X)]")
	{
		char		x[RX_CODE_TEXT_MAX + 1],
					y[RX_CODE_TEXT_MAX + 1];
		int			i,
					j,
					bad = 0;

		for (i = 0; i < 20000; i++)
		{
			rx_code		cx,
						cy,
						end,
						max;
			bool		has_end;

			random_code(x);
			cx = code(x);
			has_end = rx_code_subtree_end(cx.text, cx.len, &end);
			rx_code_subtree_max(cx.text, cx.len, &max);
			/* both bounds are valid codes: they parse to themselves */
			if ((has_end && strcmp(canon(end.text, buf), end.text) != 0) ||
				strcmp(canon(max.text, buf), max.text) != 0 ||
				(has_end && end.info != rx_code_info(end.text, end.len)))
				bad++;
			for (j = 0; j < 20; j++)
			{
				bool		in,
							in_end,
							in_max;

				random_near(x, y);
				cy = code(y);
				in = rx_code_descends(cy.text, cy.len, cx.text, cx.len);
				in_end = rx_code_compare(cy.text, cy.len, cx.text, cx.len) >= 0 &&
					(!has_end || rx_code_compare(cy.text, cy.len, end.text, end.len) < 0);
				in_max = rx_code_compare(cy.text, cy.len, cx.text, cx.len) >= 0 &&
					rx_code_compare(cy.text, cy.len, max.text, max.len) <= 0;
				if (in != in_end || in != in_max)
				{
					if (bad++ < 5)
						UT_STR(y, x);
				}
			}
			if (has_end && !(rx_code_compare(end.text, end.len, max.text, max.len) > 0))
				bad++;
		}
		UT_INT(bad, 0);
	}
}
