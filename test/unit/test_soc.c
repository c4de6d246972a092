/*
 * test_soc.c — unit tests of the soccode core (src/core/soc.c).
 *
 * Besides literals and errors, two exhaustive checks: the hierarchy agrees
 * with every row of data/soc2018/soc2018_all.csv (the tests run from the
 * project's top directory), and rx_soc_subtree's ranges are sound (every
 * member inside) and, where called exact, tight (every valid code inside
 * is a member) over every valid code of every major group.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/soc.h"

#define SOC_CSV "data/soc2018/soc2018_all.csv"

/* Parse s and return its canonical text in buf ("" on failure). */
static const char *
roundtrip(const char *s, char *buf)
{
	int32_t		v;
	rx_error	err;

	buf[0] = '\0';
	if (rx_soc_parse(s, strlen(s), &v, &err) != RX_OK)
		return buf;
	rx_soc_format(v, buf);
	return buf;
}

/* Parse s; return its status. */
static rx_status
parse_status(const char *s)
{
	int32_t		v;
	rx_error	err;

	return rx_soc_parse(s, strlen(s), &v, &err);
}

/* The detail sentence of a failed parse of s ("" when it parses). */
static const char *
parse_detail(const char *s, rx_error *err)
{
	int32_t		v;

	if (rx_soc_parse(s, strlen(s), &v, err) == RX_OK)
		return "";
	return err->detail;
}

/* Value of a literal that must parse (-1 otherwise). */
static int32_t
enc(const char *s)
{
	int32_t		v = -1;
	rx_error	err;

	if (rx_soc_parse(s, strlen(s), &v, &err) != RX_OK)
		return -1;
	return v;
}

/* Canonical text of the parent of a literal ("" for none or bad input). */
static const char *
parent_of(const char *s, char *buf)
{
	int32_t		v = enc(s),
				p;

	buf[0] = '\0';
	if (v < 0 || !rx_soc_parent(v, &p))
		return buf;
	rx_soc_format(p, buf);
	return buf;
}

/* Canonical text of the ancestor of s at a level ("" for none). */
static const char *
ancestor_of(const char *s, rx_soc_level level, char *buf)
{
	int32_t		v = enc(s),
				a;

	buf[0] = '\0';
	if (v < 0 || !rx_soc_ancestor(v, level, &a))
		return buf;
	rx_soc_format(a, buf);
	return buf;
}

/*
 * Split one CSV line into at most nf fields in place (double quotes may
 * enclose a field; "" inside quotes is a quote).  Returns the field count.
 */
static int
csv_split(char *line, char **f, int nf)
{
	int			n = 0;
	char	   *r = line,
			   *w;

	while (n < nf)
	{
		f[n++] = w = r;
		if (*r == '"')
		{
			r++;
			for (;;)
			{
				if (*r == '\0')
					break;
				if (*r == '"' && r[1] == '"')
				{
					*w++ = '"';
					r += 2;
				}
				else if (*r == '"')
				{
					r++;
					break;
				}
				else
					*w++ = *r++;
			}
		}
		while (*r != '\0' && *r != ',' && *r != '\n' && *r != '\r')
			*w++ = *r++;
		if (*r != ',')
		{
			*w = '\0';
			break;
		}
		r++;
		*w = '\0';
	}
	return n;
}

/* The valid values of every major group, with suffixes .00 .01 .50 .99. */
static int32_t *
all_codes(size_t *count)
{
	static const int32_t keys[] = {0, 1, 2, 51, 100};
	size_t		cap = 1 << 20,
				n = 0;
	int32_t    *out = malloc(cap * sizeof(int32_t));
	int32_t		six;
	size_t		k;

	for (six = 110000; six <= 559999 && out != NULL; six++)
		for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		{
			int32_t		v = six * RX_SOC_SCALE + keys[k];

			if (!rx_soc_valid(v))
				continue;
			if (n == cap)
			{
				int32_t    *more = realloc(out, 2 * cap * sizeof(int32_t));

				if (more == NULL)
				{
					free(out);
					return NULL;
				}
				out = more;
				cap *= 2;
			}
			out[n++] = v;
		}
	*count = n;
	return out;
}

/* Index of the first value >= x in sorted a[0..n). */
static size_t
lower_bound(const int32_t *a, size_t n, int32_t x)
{
	size_t		lo = 0,
				hi = n;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (a[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Round trips and subtree ranges over every valid code (see the file comment). */
static void
check_exhaustive(void)
{
	char		buf[RX_SOC_TEXT_MAX];
	rx_error	err;
	size_t		n = 0,
				i,
				j;
	int32_t    *codes = all_codes(&n);
	int			bad_round = 0,
				unsound = 0,
				loose = 0,
				ninexact = 0,
				bad_ancestor = 0,
				bad_bounds = 0;
	char		inexact[256] = "";

	UT_CHECK(codes != NULL);
	if (codes == NULL)
		return;
	for (i = 0; i < n; i++)
	{
		int32_t		v = codes[i],
					back,
					path[RX_SOC_PATH_MAX];
		int			k,
					len;

		rx_soc_format(v, buf);
		if (rx_soc_parse(buf, strlen(buf), &back, &err) != RX_OK || back != v)
			bad_round++;
		len = rx_soc_path(v, path);
		if (len != (int) rx_soc_level_of(v) + 1)
			bad_ancestor++;
		for (k = 0; k < len; k++)
		{
			int32_t		lo,
						hi;
			bool		exact;

			if (!rx_soc_valid(path[k]) || (int) rx_soc_level_of(path[k]) != k ||
				!rx_soc_contains(path[k], v))
				bad_ancestor++;
			rx_soc_subtree(path[k], &lo, &hi, &exact);
			if (v < lo || v > hi)
				unsound++;
		}
	}
	/*
	 * a range starts at its group and ends at a valid code (the planner
	 * writes both ends as soccode constants); every valid code inside an
	 * exact range is a member
	 */
	for (i = 0; i < n; i++)
	{
		int32_t		lo,
					hi;
		bool		exact;

		rx_soc_subtree(codes[i], &lo, &hi, &exact);
		if (!rx_soc_valid(lo) || !rx_soc_valid(hi) || lo != codes[i])
			bad_bounds++;
		if (!exact)
		{
			ninexact++;
			rx_soc_format(codes[i], buf);
			if (strlen(inexact) + strlen(buf) + 2 < sizeof(inexact))
			{
				strcat(inexact, buf);
				strcat(inexact, " ");
			}
			continue;
		}
		for (j = lower_bound(codes, n, lo); j < n && codes[j] <= hi; j++)
			if (!rx_soc_contains(codes[i], codes[j]))
				loose++;
	}
	/* per major: 1 + 9 minors + 810 broad + 7290 detailed with 5 suffix forms */
	UT_INT(n, 23 * (1 + 9 + 810 + 7290 * 5) + 4);
	UT_INT(bad_round, 0);
	UT_INT(bad_ancestor, 0);
	UT_INT(unsound, 0);
	UT_INT(loose, 0);
	UT_INT(bad_bounds, 0);
	UT_INT(ninexact, 5);
	UT_STR(inexact, "15-1000 29-1210 29-1220 31-1000 51-5000 ");
	free(codes);
}

/* Compare the hierarchy with every row of data/soc2018/soc2018_all.csv. */
static void
check_csv(void)
{
	char		buf[RX_SOC_TEXT_MAX];
	rx_error	err;
	FILE	   *fp = fopen(SOC_CSV, "r");
	char		line[4096];
	int			rows = 0,
				bad = 0,
				nlevel[4] = {0, 0, 0, 0};

	UT_CHECK(fp != NULL);
	if (fp == NULL)
		return;
	/* code,title,Level,Hierarchical_structure,parent,soc2d,soc3d,soc5d,soc6d */
	if (fgets(line, sizeof(line), fp) == NULL)
		bad++;
	while (fgets(line, sizeof(line), fp) != NULL)
	{
		char	   *f[9];
		int32_t		v,
					p,
					a;
		rx_soc_level	level;
		int			k;
		static const rx_soc_level col_level[4] = {RX_SOC_MAJOR, RX_SOC_MINOR, RX_SOC_BROAD, RX_SOC_DETAILED};

		if (csv_split(line, f, 9) != 9)
		{
			bad++;
			continue;
		}
		rows++;
		if (rx_soc_parse(f[0], strlen(f[0]), &v, &err) != RX_OK)
		{
			bad++;
			continue;
		}
		rx_soc_format(v, buf);
		level = rx_soc_level_of(v);
		if (strcmp(buf, f[0]) != 0 || level > RX_SOC_DETAILED)
		{
			bad++;
			continue;
		}
		nlevel[level]++;
		/* the level: Major, Minor, Broad, Detailed */
		if (rx_soc_level_parse(f[3], strlen(f[3]), &level, &err) != RX_OK ||
			level != rx_soc_level_of(v))
			bad++;
		/* the parent column, NA for a major group */
		if (strcmp(f[4], "NA") == 0)
		{
			if (rx_soc_parent(v, &p))
				bad++;
		}
		else
		{
			if (!rx_soc_parent(v, &p))
				bad++;
			else
			{
				rx_soc_format(p, buf);
				if (strcmp(buf, f[4]) != 0 || !rx_soc_contains(p, v))
					bad++;
			}
		}
		/* soc2d, soc3d, soc5d, soc6d: the ancestors at each level */
		for (k = 0; k < 4; k++)
		{
			if (strcmp(f[5 + k], "NA") == 0)
			{
				if (rx_soc_ancestor(v, col_level[k], &a))
					bad++;
				continue;
			}
			if (!rx_soc_ancestor(v, col_level[k], &a))
			{
				bad++;
				continue;
			}
			rx_soc_format(a, buf);
			if (strcmp(buf, f[5 + k]) != 0)
				bad++;
		}
	}
	fclose(fp);
	UT_INT(rows, 1447);
	UT_INT(bad, 0);
	UT_INT(nlevel[RX_SOC_MAJOR], 23);
	UT_INT(nlevel[RX_SOC_MINOR], 98);
	UT_INT(nlevel[RX_SOC_BROAD], 459);
	UT_INT(nlevel[RX_SOC_DETAILED], 867);
}

UT_SUITE(soc)
{
	char		buf[RX_SOC_TEXT_MAX];
	rx_error	err;

	UT_CASE("valid literals parse to their canonical text")
	{
		UT_STR(roundtrip("15-0000", buf), "15-0000");
		UT_STR(roundtrip("15-1200", buf), "15-1200");
		UT_STR(roundtrip("15-1250", buf), "15-1250");
		UT_STR(roundtrip("15-1252", buf), "15-1252");
		UT_STR(roundtrip("15-1252.00", buf), "15-1252.00");
		UT_STR(roundtrip("15-1252.01", buf), "15-1252.01");
		UT_STR(roundtrip("150000", buf), "15-0000");
		UT_STR(roundtrip("151200", buf), "15-1200");
		UT_STR(roundtrip("151250", buf), "15-1250");
		UT_STR(roundtrip("151252", buf), "15-1252");
		UT_STR(roundtrip("151252.00", buf), "15-1252.00");
		UT_STR(roundtrip("151252.01", buf), "15-1252.01");
		UT_STR(roundtrip("  15-1252\t\n", buf), "15-1252");
		UT_STR(roundtrip("11-0000", buf), "11-0000");
		UT_STR(roundtrip("55-3019", buf), "55-3019");
		UT_STR(roundtrip("53-7199.99", buf), "53-7199.99");
		UT_STR(roundtrip("29-1229", buf), "29-1229");
		UT_STR(roundtrip("31-1100", buf), "31-1100");
		UT_STR(roundtrip("51-5100", buf), "51-5100");
		UT_STR(roundtrip("15-1100", buf), "15-1100");
	}

	UT_CASE("malformed literals are syntax errors")
	{
		UT_INT(parse_status(""), RX_SYNTAX);
		UT_INT(parse_status("   "), RX_SYNTAX);
		UT_INT(parse_status("16-0000"), RX_SYNTAX);
		UT_INT(parse_status("15-125"), RX_SYNTAX);
		UT_INT(parse_status("15-12520"), RX_SYNTAX);
		UT_INT(parse_status("15-1250.01"), RX_SYNTAX);
		UT_INT(parse_status("15_1252"), RX_SYNTAX);
		UT_INT(parse_status("abc"), RX_SYNTAX);
		UT_INT(parse_status("15-12a2"), RX_SYNTAX);
		UT_INT(parse_status("10-0000"), RX_SYNTAX);
		UT_INT(parse_status("56-0000"), RX_SYNTAX);
		UT_INT(parse_status("00-0000"), RX_SYNTAX);
		UT_INT(parse_status("99-1252"), RX_SYNTAX);
		UT_INT(parse_status("15-0100"), RX_SYNTAX);
		UT_INT(parse_status("15-0001"), RX_SYNTAX);
		UT_INT(parse_status("11-3100"), RX_SYNTAX);
		UT_INT(parse_status("15-1201"), RX_SYNTAX);
		UT_INT(parse_status("15-0000.00"), RX_SYNTAX);
		UT_INT(parse_status("15-1200.01"), RX_SYNTAX);
		UT_INT(parse_status("15-1252."), RX_SYNTAX);
		UT_INT(parse_status("15-1252.1"), RX_SYNTAX);
		UT_INT(parse_status("15-1252.001"), RX_SYNTAX);
		UT_INT(parse_status("15-1252.01.02"), RX_SYNTAX);
		UT_INT(parse_status("15-1252-01"), RX_SYNTAX);
		UT_INT(parse_status("15--1252"), RX_SYNTAX);
		UT_INT(parse_status("-151252"), RX_SYNTAX);
		UT_INT(parse_status("151-252"), RX_SYNTAX);
		UT_INT(parse_status("1512520"), RX_SYNTAX);
		UT_INT(parse_status("15125"), RX_SYNTAX);
		UT_INT(parse_status("15 1252"), RX_SYNTAX);
		UT_INT(parse_status("+15-1252"), RX_SYNTAX);
		UT_INT(parse_status(".01"), RX_SYNTAX);
		UT_INT(parse_status("15-1252 .01"), RX_SYNTAX);
		UT_INT(parse_status("15\xe2\x80\x93" "1252"), RX_SYNTAX);
		UT_INT(parse_status("\xef\xbc\x91\xef\xbc\x95-1252"), RX_SYNTAX);
	}

	UT_CASE("error details are sentences naming the problem")
	{
		UT_STR(parse_detail("16-0000", &err),
			   "There is no SOC major group 16; the major groups are the odd numbers 11 to 53, and 55.");
		UT_STR(parse_detail("15-125", &err),
			   "A SOC code has four digits after its hyphen, such as the 1252 in 15-1252; found 3.");
		UT_STR(parse_detail("15-12520", &err),
			   "A SOC code has four digits after its hyphen, such as the 1252 in 15-1252; found 5.");
		UT_STR(parse_detail("15-1250.01", &err),
			   "An O*NET-SOC suffix belongs only to a detailed occupation; 15-1250 is a broad group.");
		UT_STR(parse_detail("15_1252", &err),
			   "Unexpected character \"_\" at position 3; A SOC code is a two-digit major group, a hyphen and four digits, such as 15-1252 (the hyphen may be left out), optionally followed by an O*NET-SOC suffix such as .01.");
		UT_STR(parse_detail("", &err),
			   "A SOC code is a two-digit major group, a hyphen and four digits, such as 15-1252 (the hyphen may be left out), optionally followed by an O*NET-SOC suffix such as .01.");
		UT_STR(parse_detail("1512520", &err),
			   "A SOC code written without its hyphen has six digits, such as 151252; found 7.");
		UT_STR(parse_detail("151-252", &err),
			   "A SOC code starts with its two-digit major group, such as the 15 in 15-1252.");
		UT_STR(parse_detail("15-1252.1", &err),
			   "An O*NET-SOC suffix is a dot and two digits, such as the .01 in 15-1252.01.");
		UT_STR(parse_detail("15-0100", &err),
			   "The first digit after the hyphen is 1 to 9, as in 15-1252; only a major group such as 15-0000 has 0 there.");
		UT_STR(parse_detail("11-3100", &err),
			   "There is no SOC minor group 11-3100; a minor group is written NN-N000, such as 11-3000, except 15-1100, 15-1200, 31-1100 and 51-5100.");
		UT_STR(parse_detail("15-1201", &err),
			   "The third digit after the hyphen of a detailed occupation is 1 to 9 (its broad group), as in 15-1252; 15-1201 has 0 there.");
		UT_STR(parse_detail("15-0000.00", &err),
			   "An O*NET-SOC suffix belongs only to a detailed occupation; 15-0000 is a major group.");
		UT_STR(parse_detail("15-1252-01", &err),
			   "Unexpected character \"-\" at position 8; A SOC code is a two-digit major group, a hyphen and four digits, such as 15-1252 (the hyphen may be left out), optionally followed by an O*NET-SOC suffix such as .01.");
		UT_STR(parse_detail("15\xe2\x80\x93" "1252", &err),
			   "Unexpected byte 0xE2 at position 3; A SOC code is a two-digit major group, a hyphen and four digits, such as 15-1252 (the hyphen may be left out), optionally followed by an O*NET-SOC suffix such as .01.");
		UT_INT(err.status, RX_SYNTAX);
	}

	UT_CASE("encoding: numeric order, a group before its members")
	{
		UT_INT(enc("15-1252"), 151252000);
		UT_INT(enc("15-1252.00"), 151252001);
		UT_INT(enc("15-1252.01"), 151252002);
		UT_INT(enc("11-0000"), RX_SOC_VALUE_MIN);
		UT_INT(enc("55-9999.99"), RX_SOC_VALUE_MAX);
		UT_CHECK(enc("15-0000") < enc("15-1200"));
		UT_CHECK(enc("15-1200") < enc("15-1250"));
		UT_CHECK(enc("15-1250") < enc("15-1251"));
		UT_CHECK(enc("15-1252") < enc("15-1252.00"));
		UT_CHECK(enc("15-1252.00") < enc("15-1252.01"));
		UT_CHECK(enc("15-1252.99") < enc("15-1253"));
		UT_CHECK(enc("15-2011") < enc("17-0000"));
		UT_INT(enc("151252.01"), enc("15-1252.01"));
	}

	UT_CASE("levels follow the digits")
	{
		UT_INT(rx_soc_level_of(enc("15-0000")), RX_SOC_MAJOR);
		UT_INT(rx_soc_level_of(enc("15-1200")), RX_SOC_MINOR);
		UT_INT(rx_soc_level_of(enc("15-2000")), RX_SOC_MINOR);
		UT_INT(rx_soc_level_of(enc("15-1250")), RX_SOC_BROAD);
		UT_INT(rx_soc_level_of(enc("15-1252")), RX_SOC_DETAILED);
		UT_INT(rx_soc_level_of(enc("15-1252.00")), RX_SOC_ONET);
		UT_INT(rx_soc_level_of(enc("15-1252.01")), RX_SOC_ONET);
		UT_STR(rx_soc_level_name(RX_SOC_MAJOR), "major");
		UT_STR(rx_soc_level_name(RX_SOC_ONET), "onet");
	}

	UT_CASE("level names are read case-insensitively; others are arguments errors")
	{
		rx_soc_level	l;

		UT_INT(rx_soc_level_parse("major", 5, &l, &err), RX_OK);
		UT_INT(l, RX_SOC_MAJOR);
		UT_INT(rx_soc_level_parse(" Detailed ", 10, &l, &err), RX_OK);
		UT_INT(l, RX_SOC_DETAILED);
		UT_INT(rx_soc_level_parse("ONET", 4, &l, &err), RX_OK);
		UT_INT(l, RX_SOC_ONET);
		UT_INT(rx_soc_level_parse("group", 5, &l, &err), RX_ARGUMENT);
		UT_STR(err.detail, "A SOC level is one of major, minor, broad, detailed or onet.");
		UT_INT(rx_soc_level_parse("", 0, &l, &err), RX_ARGUMENT);
		UT_INT(rx_soc_level_parse("majo", 4, &l, &err), RX_ARGUMENT);
		UT_INT(rx_soc_level_parse("majorx", 6, &l, &err), RX_ARGUMENT);
	}

	UT_CASE("parents, including the exceptions the digits do not show")
	{
		UT_STR(parent_of("15-0000", buf), "");
		UT_STR(parent_of("15-1200", buf), "15-0000");
		UT_STR(parent_of("15-1250", buf), "15-1200");
		UT_STR(parent_of("15-1252", buf), "15-1250");
		UT_STR(parent_of("15-1252.00", buf), "15-1252");
		UT_STR(parent_of("15-1252.01", buf), "15-1252");
		UT_STR(parent_of("11-3110", buf), "11-3000");
		UT_STR(parent_of("11-9199", buf), "11-9190");
		UT_STR(parent_of("29-1221", buf), "29-1210");
		UT_STR(parent_of("29-1229", buf), "29-1210");
		UT_STR(parent_of("29-1229.01", buf), "29-1229");
		UT_STR(parent_of("29-1215", buf), "29-1210");
		UT_STR(parent_of("29-1210", buf), "29-1000");
		UT_STR(parent_of("29-1220", buf), "29-1000");
		UT_STR(parent_of("29-1231", buf), "29-1230");
		UT_STR(parent_of("31-1131", buf), "31-1130");
		UT_STR(parent_of("31-1130", buf), "31-1100");
		UT_STR(parent_of("31-1010", buf), "31-1000");
		UT_STR(parent_of("51-5111", buf), "51-5110");
		UT_STR(parent_of("51-5110", buf), "51-5100");
		UT_STR(parent_of("51-5210", buf), "51-5000");
		UT_STR(parent_of("15-1130", buf), "15-1100");
		UT_STR(parent_of("15-1310", buf), "15-1000");
		UT_STR(ancestor_of("29-1223.01", RX_SOC_MAJOR, buf), "29-0000");
		UT_STR(ancestor_of("29-1223.01", RX_SOC_MINOR, buf), "29-1000");
		UT_STR(ancestor_of("29-1223.01", RX_SOC_BROAD, buf), "29-1210");
		UT_STR(ancestor_of("29-1223.01", RX_SOC_DETAILED, buf), "29-1223");
		UT_STR(ancestor_of("29-1223.01", RX_SOC_ONET, buf), "29-1223.01");
		UT_STR(ancestor_of("15-1250", RX_SOC_BROAD, buf), "15-1250");
		UT_STR(ancestor_of("15-1250", RX_SOC_DETAILED, buf), "");
		UT_STR(ancestor_of("15-1252", RX_SOC_ONET, buf), "");
	}

	UT_CASE("containment is the ancestor-or-self relation")
	{
		UT_CHECK(rx_soc_contains(enc("15-1200"), enc("15-1252")));
		UT_CHECK(rx_soc_contains(enc("15-1252"), enc("15-1252")));
		UT_CHECK(rx_soc_contains(enc("15-0000"), enc("15-1252.01")));
		UT_CHECK(rx_soc_contains(enc("15-1252"), enc("15-1252.00")));
		UT_CHECK(!rx_soc_contains(enc("15-1252.00"), enc("15-1252")));
		UT_CHECK(!rx_soc_contains(enc("15-1252.00"), enc("15-1252.01")));
		UT_CHECK(!rx_soc_contains(enc("15-1252"), enc("15-1250")));
		UT_CHECK(!rx_soc_contains(enc("15-2000"), enc("15-1252")));
		UT_CHECK(!rx_soc_contains(enc("17-0000"), enc("15-1252")));
		UT_CHECK(rx_soc_contains(enc("29-1210"), enc("29-1221")));
		UT_CHECK(rx_soc_contains(enc("29-1210"), enc("29-1229.01")));
		UT_CHECK(!rx_soc_contains(enc("29-1220"), enc("29-1221")));
		UT_CHECK(!rx_soc_contains(enc("29-1210"), enc("29-1220")));
		UT_CHECK(rx_soc_contains(enc("11-3000"), enc("11-3131")));
		UT_CHECK(!rx_soc_contains(enc("15-1000"), enc("15-1252")));
	}

	UT_CASE("distance counts edges through the lowest common ancestor")
	{
		UT_INT(rx_soc_distance(enc("15-1252"), enc("15-1252")), 0);
		UT_INT(rx_soc_distance(enc("15-1252"), enc("15-1250")), 1);
		UT_INT(rx_soc_distance(enc("15-1250"), enc("15-1252")), 1);
		UT_INT(rx_soc_distance(enc("15-1252"), enc("15-1253")), 2);
		UT_INT(rx_soc_distance(enc("15-1252"), enc("15-1241")), 4);
		UT_INT(rx_soc_distance(enc("15-1252"), enc("15-2011")), 6);
		UT_INT(rx_soc_distance(enc("15-1252.01"), enc("15-1252.02")), 2);
		UT_INT(rx_soc_distance(enc("15-1252.01"), enc("15-0000")), 4);
		UT_INT(rx_soc_distance(enc("29-1221"), enc("29-1211")), 2);
		UT_INT(rx_soc_distance(enc("29-1221"), enc("29-1210")), 1);
		/* different major groups meet at the implicit root */
		UT_INT(rx_soc_distance(enc("15-0000"), enc("17-0000")), 2);
		UT_INT(rx_soc_distance(enc("15-1252"), enc("17-2011")), 8);
		UT_INT(rx_soc_distance(enc("15-1252.01"), enc("17-2011.00")), 10);
	}

	UT_CASE("paths run from the major group down to the code")
	{
		int32_t		p[RX_SOC_PATH_MAX];

		UT_INT(rx_soc_path(enc("29-1229.01"), p), 5);
		UT_INT(p[0], enc("29-0000"));
		UT_INT(p[1], enc("29-1000"));
		UT_INT(p[2], enc("29-1210"));
		UT_INT(p[3], enc("29-1229"));
		UT_INT(p[4], enc("29-1229.01"));
		UT_INT(rx_soc_path(enc("15-0000"), p), 1);
		UT_INT(p[0], enc("15-0000"));
	}

	UT_CASE("subtree ranges: digit ranges, widened and inexact only at exceptions")
	{
		int32_t		lo,
					hi;
		bool		exact;

		rx_soc_subtree(enc("15-1200"), &lo, &hi, &exact);
		UT_INT(lo, enc("15-1200"));
		UT_INT(hi, enc("15-1299.99"));
		UT_CHECK(exact);
		rx_soc_subtree(enc("15-0000"), &lo, &hi, &exact);
		UT_INT(hi, enc("15-9999.99"));
		UT_CHECK(exact);
		rx_soc_subtree(enc("11-3000"), &lo, &hi, &exact);
		UT_INT(hi, enc("11-3999.99"));
		UT_CHECK(exact);
		rx_soc_subtree(enc("15-1252"), &lo, &hi, &exact);
		UT_INT(hi, enc("15-1252.99"));
		UT_CHECK(exact);
		rx_soc_subtree(enc("15-1252.01"), &lo, &hi, &exact);
		UT_INT(lo, enc("15-1252.01"));
		UT_INT(hi, enc("15-1252.01"));
		UT_CHECK(exact);
		rx_soc_subtree(enc("29-1210"), &lo, &hi, &exact);
		UT_INT(lo, enc("29-1210"));
		UT_INT(hi, enc("29-1229.99"));
		UT_CHECK(!exact);
		rx_soc_subtree(enc("29-1220"), &lo, &hi, &exact);
		UT_CHECK(!exact);
		rx_soc_subtree(enc("29-1000"), &lo, &hi, &exact);
		UT_INT(hi, enc("29-1999.99"));
		UT_CHECK(exact);
		rx_soc_subtree(enc("15-1000"), &lo, &hi, &exact);
		UT_CHECK(!exact);
	}

	UT_CASE("exhaustive: text round trip, subtree soundness and exactness")
	{
		check_exhaustive();
	}

	UT_CASE("binary validity: only values that text input produces")
	{
		static const int32_t keys[] = {0, 1, 2, 100, 101, 999};
		int32_t		six;
		int			mismatch = 0;
		size_t		k;

		for (six = 0; six <= 999999; six += 7)
			for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			{
				int32_t		v = six * RX_SOC_SCALE + keys[k];
				int32_t		back;
				char		txt[32];
				bool		parsed;

				if (keys[k] == 0)
					snprintf(txt, sizeof(txt), "%06d", (int) six);
				else
					snprintf(txt, sizeof(txt), "%06d.%02d", (int) six, (int) (keys[k] - 1));
				parsed = rx_soc_parse(txt, strlen(txt), &back, &err) == RX_OK;
				if (rx_soc_valid(v) != parsed || (parsed && back != v))
					mismatch++;
			}
		UT_INT(mismatch, 0);
		UT_CHECK(!rx_soc_valid(-1));
		UT_CHECK(!rx_soc_valid(0));
		UT_CHECK(!rx_soc_valid(RX_SOC_VALUE_MAX + 1));
		UT_CHECK(!rx_soc_valid(151252101));
		UT_CHECK(!rx_soc_valid(151250001));
		UT_CHECK(rx_soc_valid(151252100));
		UT_CHECK(!rx_soc_valid(2147483647));
	}

	UT_CASE("the hierarchy agrees with every row of " SOC_CSV)
	{
		check_csv();
	}
}
