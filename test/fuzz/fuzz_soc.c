/*
 * fuzz_soc.c — libFuzzer harness of the soccode core parser.
 *
 * Invariants: parsing never crashes; a parsed value is valid, its text
 * parses back to the same value, and a failure always carries a detail
 * sentence.  For a parsed value, the path runs down level by level, every
 * ancestor contains it and its subtree range holds it, and the distance to
 * each ancestor is the difference of levels.  Level names never crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/soc.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int32_t		v,
				back,
				path[RX_SOC_PATH_MAX];
	rx_error	err;
	char		buf[RX_SOC_TEXT_MAX];
	const char *s = (const char *) data;
	rx_soc_level	level;
	int			n,
				k;

	if (rx_soc_level_parse(s, size, &level, &err) == RX_OK)
	{
		if (level > RX_SOC_ONET)
			abort();
	}
	else if (err.detail[0] == '\0' || err.status != RX_ARGUMENT)
		abort();

	if (rx_soc_parse(s, size, &v, &err) != RX_OK)
	{
		if (err.detail[0] == '\0' || err.status != RX_SYNTAX)
			abort();
		return 0;
	}
	if (!rx_soc_valid(v))
		abort();
	if (rx_soc_format(v, buf) >= RX_SOC_TEXT_MAX)
		abort();
	if (rx_soc_parse(buf, strlen(buf), &back, &err) != RX_OK || back != v)
		abort();

	n = rx_soc_path(v, path);
	if (n != (int) rx_soc_level_of(v) + 1 || path[n - 1] != v)
		abort();
	for (k = 0; k < n; k++)
	{
		int32_t		lo,
					hi,
					a;
		bool		exact;

		if (!rx_soc_valid(path[k]) || (int) rx_soc_level_of(path[k]) != k)
			abort();
		if (!rx_soc_contains(path[k], v))
			abort();
		if (!rx_soc_ancestor(v, (rx_soc_level) k, &a) || a != path[k])
			abort();
		if (rx_soc_distance(v, path[k]) != n - 1 - k || rx_soc_distance(path[k], v) != n - 1 - k)
			abort();
		rx_soc_subtree(path[k], &lo, &hi, &exact);
		if (v < lo || v > hi || lo > hi)
			abort();
		if (k > 0 && !rx_soc_parent(path[k], &a))
			abort();
		if (k > 0 && a != path[k - 1])
			abort();
	}
	if (rx_soc_parent(path[0], &back))
		abort();
	return 0;
}
