/*
 * fuzz_confidence.c — libFuzzer harness of the confidence core parsers.
 *
 * Invariants: nothing crashes or overflows; a parsed value is a valid
 * encoding whose text parses back to it; whatever strict text input accepts
 * (without a %) rounding accepts too, with the same value; a failure always
 * carries a detail sentence.  Doubles built from the input bytes convert to a
 * valid confidence or fail with a reason, as their 15-digit text does when
 * rounded; & and | stay in range, commute and bound their operands.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/confidence.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int16_t		v,
				back,
				r;
	rx_error	err;
	char		buf[RX_CONFIDENCE_TEXT_MAX];
	const char *s = (const char *) data;
	bool		strict_ok,
				has_percent = memchr(data, '%', size) != NULL;

	strict_ok = rx_confidence_parse(s, size, &v, &err) == RX_OK;
	if (strict_ok)
	{
		if (!rx_confidence_valid(v))
			abort();
		if (rx_confidence_format(v, buf) >= RX_CONFIDENCE_TEXT_MAX)
			abort();
		if (rx_confidence_parse(buf, strlen(buf), &back, &err) != RX_OK || back != v)
			abort();
	}
	else if (err.detail[0] == '\0' || err.status == RX_OK)
		abort();

	if (rx_confidence_round_decimal(s, size, &r, &err) == RX_OK)
	{
		if (!rx_confidence_valid(r))
			abort();
	}
	else
	{
		if (err.detail[0] == '\0' || err.status == RX_OK)
			abort();
		if (strict_ok && !has_percent)
			abort();
	}
	if (strict_ok && !has_percent && r != v)
		abort();

	if (size >= sizeof(double))
	{
		double		x;

		memcpy(&x, data, sizeof(x));
		if (rx_confidence_from_double(x, &r, &err) == RX_OK)
		{
			if (!rx_confidence_valid(r) || !(x > -0.00005 && x < 1.00005))
				abort();
		}
		else if (err.detail[0] == '\0')
			abort();
		if (isfinite(x))
		{
			/* the direct path agrees with reading 15 significant digits */
			char		txt[64];
			int16_t		r2;
			rx_status	st1 = rx_confidence_from_double(x, &r, &err);

			snprintf(txt, sizeof(txt), "%.15g", x);
			if (rx_confidence_round_decimal(txt, strlen(txt), &r2, &err) != st1 ||
				(st1 == RX_OK && r != r2))
				abort();
		}
		if (rx_confidence_from_double_complement(x, &r, &err) == RX_OK)
		{
			if (!rx_confidence_valid(r) || !(x >= 0 && x <= 1))
				abort();
		}
		else if (x >= 0 && x <= 1)
			abort();
	}

	if (size >= 4)
	{
		int16_t		a = (int16_t) ((data[0] | (data[1] << 8)) % (RX_CONFIDENCE_ONE + 1));
		int16_t		b = (int16_t) ((data[2] | (data[3] << 8)) % (RX_CONFIDENCE_ONE + 1));
		int16_t		x = rx_confidence_and(a, b),
					y = rx_confidence_or(a, b);

		if (!rx_confidence_valid(x) || !rx_confidence_valid(y) || x != rx_confidence_and(b, a) || y != rx_confidence_or(b, a))
			abort();
		if (x > a || x > b || y < a || y < b)
			abort();
	}
	return 0;
}
