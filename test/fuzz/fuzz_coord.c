/*
 * fuzz_coord.c — libFuzzer harness of the rolecoord core.
 *
 * Invariants: parsing never crashes; a failure always carries a detail
 * sentence; a parsed coordinate's text fits RX_COORD_TEXT_MAX and parses back to
 * the same coordinate; its stored form decodes to it.  The input split at
 * its first newline gives two coordinates, whose distance is in [0, 1],
 * symmetric, 0 exactly when they are equal (for weights strictly between 0
 * and 1), and never below the lower bound from the box of either.  The
 * first 8 bytes read as a double: a finite grade prints and reads back to
 * the same bits.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/coord.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Parse s[0..n) and check everything a parsed coordinate must satisfy. */
static bool
check_one(const char *s, size_t n, rx_code *path, rx_coord_point *p)
{
	char		text[RX_COORD_TEXT_MAX];
	rx_code		back_path;
	unsigned char bytes[RX_COORD_POINT_HDR + RX_CODE_TEXT_MAX];
	rx_coord_point	back;
	rx_error	err;
	size_t		len;

	if (rx_coord_parse(s, n, path, p, &err) != RX_OK)
	{
		if (err.detail[0] == '\0' || err.status == RX_OK)
			abort();
		return false;
	}
	if (p->depth < 1 || p->depth > RX_CODE_LABELS_MAX || p->len > RX_CODE_TEXT_MAX ||
		!isfinite(p->grade) || signbit(p->grade) != (p->grade < 0))
		abort();
	len = rx_coord_format(p, text);
	if (len >= RX_COORD_TEXT_MAX || len != strlen(text))
		abort();
	if (rx_coord_parse(text, len, &back_path, &back, &err) != RX_OK ||
		rx_coord_compare(p, &back) != 0 || back.depth != p->depth ||
		memcmp(&back.grade, &p->grade, sizeof(double)) != 0)
		abort();
	rx_coord_encode_point(p, bytes);
	if (!rx_coord_decode_point(bytes, rx_coord_point_size(p), &back) || rx_coord_compare(p, &back) != 0)
		abort();
	return true;
}

/* One input: a coordinate, optionally a newline and a second one. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *) data;
	const char *nl = memchr(s, '\n', size);
	rx_code		pa,
				pb;
	rx_coord_point	a,
				b;
	bool		oka,
				okb = false;

	oka = check_one(s, nl ? (size_t) (nl - s) : size, &pa, &a);
	if (nl)
		okb = check_one(nl + 1, size - (size_t) (nl - s) - 1, &pb, &b);
	if (oka && okb)
	{
		static const double weights[] = {0.0, 0.3, 0.5, 1.0};
		int			i;

		for (i = 0; i < 4; i++)
		{
			double		w = weights[i],
						span = 0.5 + i;
			double		d = rx_coord_distance(&a, &b, w, span);
			rx_coord_box		box;

			if (!(d >= 0.0 && d <= 1.0) || d != rx_coord_distance(&b, &a, w, span))
				abort();
			if (w > 0.0 && w < 1.0 && (d == 0.0) != (rx_coord_compare(&a, &b) == 0))
				abort();
			rx_coord_box_of_point(&a, &box);
			if (rx_coord_box_lower_bound(&box, &b, w, span) > d)
				abort();
			rx_coord_box_of_point(&b, &box);
			if (rx_coord_box_lower_bound(&box, &a, w, span) > d)
				abort();
		}
	}

	/* any 8 bytes as a grade */
	if (size >= 8)
	{
		double		g,
					back;
		char		text[RX_COORD_GRADE_MAX];
		rx_error	err;

		memcpy(&g, data, sizeof(g));
		if (rx_coord_check_grade(g, &g, &err) == RX_OK)
		{
			size_t		n = rx_coord_format_grade(g, text);

			if (n >= RX_COORD_GRADE_MAX ||
				rx_coord_parse_grade(text, n, &back, &err) != RX_OK ||
				memcmp(&back, &g, sizeof(g)) != 0)
				abort();
		}
		else if (isfinite(g) || err.detail[0] == '\0')
			abort();
	}
	return 0;
}
