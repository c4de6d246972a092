/*
 * fuzz_level.c — libFuzzer harness of the rolelevel core parser.
 *
 * Invariants: parsing never crashes; a parsed value is a valid encoding, its
 * text parses back to the same value, and a failure always carries a detail
 * sentence.  Spans obey lo <= hi.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int32_t		v,
				back,
				lo,
				hi;
	rx_error	err;
	char		buf[RX_LEVEL_TEXT_MAX];
	const char *s = (const char *) data;

	if (rx_level_parse(s, size, &v, &err) == RX_OK)
	{
		if (!rx_level_valid(v))
			abort();
		rx_level_format(v, buf);
		if (rx_level_parse(buf, strlen(buf), &back, &err) != RX_OK || back != v)
			abort();
	}
	else if (err.detail[0] == '\0')
		abort();

	if (rx_level_parse_span(s, size, &lo, &hi, &err) == RX_OK)
	{
		if (lo > hi || !rx_level_valid(lo) || !rx_level_valid(hi))
			abort();
	}
	else if (err.detail[0] == '\0')
		abort();

	if (size >= 1)
	{
		if (rx_level_make(s + 1, size - 1, (int8_t) data[0], &v, &err) == RX_OK && !rx_level_valid(v))
			abort();
	}
	return 0;
}
