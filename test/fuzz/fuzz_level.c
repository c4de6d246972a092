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
	char		buf[RL_TEXT_MAX];
	const char *s = (const char *) data;

	if (rl_parse(s, size, &v, &err) == RX_OK)
	{
		if (!rl_valid(v))
			abort();
		rl_format(v, buf);
		if (rl_parse(buf, strlen(buf), &back, &err) != RX_OK || back != v)
			abort();
	}
	else if (err.detail[0] == '\0')
		abort();

	if (rl_parse_span(s, size, &lo, &hi, &err) == RX_OK)
	{
		if (lo > hi || !rl_valid(lo) || !rl_valid(hi))
			abort();
	}
	else if (err.detail[0] == '\0')
		abort();

	if (size >= 1)
	{
		if (rl_make(s + 1, size - 1, (int8_t) data[0], &v, &err) == RX_OK && !rl_valid(v))
			abort();
	}
	return 0;
}
