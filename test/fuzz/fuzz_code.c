/*
 * fuzz_rolecode.c — libFuzzer harness of the rolecode core parser.
 *
 * Invariants: parsing never crashes or overruns; a failure always carries a
 * detail sentence; a parsed code is canonical (its text parses back to
 * itself, its info byte is rx_code_info of its text, depth 1-8, labels 1-16
 * characters of [A-Z0-9_]); family, prefix and appended level are valid
 * codes that contain or are contained as they should; both subtree bounds
 * are valid codes that bracket the code and its own extensions.  When the
 * input splits at its first NUL into two codes, their order and
 * containment must match the label-by-label definition.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "core/code.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort unless c is a canonical code. */
static void
check_canonical(const rx_code *c)
{
	rx_code		back;
	rx_error	err;
	size_t		i,
				lablen = 0;
	int			depth = 1;

	if (c->len == 0 || c->len > RX_CODE_TEXT_MAX || c->text[c->len] != '\0')
		abort();
	for (i = 0; i < c->len; i++)
	{
		if (c->text[i] == '.')
		{
			if (lablen == 0)
				abort();
			depth++;
			lablen = 0;
		}
		else if (!rx_code_is_label_char(c->text[i]) || ++lablen > RX_CODE_LABEL_MAX)
			abort();
	}
	if (lablen == 0 || depth > RX_CODE_LABELS_MAX || rx_code_depth(c->info) != depth)
		abort();
	if (c->info != rx_code_info(c->text, c->len) || (c->info & 0xE0) != 0)
		abort();
	if (rx_code_parse(c->text, c->len, &back, &err) != RX_OK ||
		back.len != c->len || memcmp(back.text, c->text, c->len) != 0 ||
		back.info != c->info)
		abort();
}

/* Reference order: label by label, bytes within a label, prefix first. */
static int
ref_compare(const rx_code *a, const rx_code *b)
{
	size_t		i = 0,
				j = 0;

	for (;;)
	{
		size_t		la = strcspn(a->text + i, "."),
					lb = strcspn(b->text + j, "."),
					n = la < lb ? la : lb;
		int			c = memcmp(a->text + i, b->text + j, n);

		if (c != 0)
			return c < 0 ? -1 : 1;
		if (la != lb)
			return la < lb ? -1 : 1;
		i += la;
		j += lb;
		if (i == a->len || j == b->len)
			return (i == a->len) == (j == b->len) ? 0 : (i == a->len ? -1 : 1);
		i++;
		j++;
	}
}

/* One input: the invariants in the file comment, or abort(). */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *) data;
	const uint8_t *nul = memchr(data, 0, size);
	rx_code		c,
				d,
				out,
				end,
				max;
	rx_error	err;
	int32_t		level;

	if (rx_code_parse(s, size, &c, &err) != RX_OK)
	{
		if (err.detail[0] == '\0' || err.status != RX_SYNTAX)
			abort();
	}
	else
	{
		bool		has_end;

		check_canonical(&c);

		rx_code_family(c.text, c.len, c.info, &out);
		check_canonical(&out);
		if (!rx_code_descends(c.text, c.len, out.text, out.len))
			abort();
		if (rx_code_level(c.text, c.len, c.info, &level))
		{
			if (!rx_level_valid(level) || rx_code_depth(out.info) != rx_code_depth(c.info) - 1)
				abort();
		}
		else if (out.len != c.len)
			abort();

		if (rx_code_prefix(c.text, c.len, 1 + (int64_t) (size % 9), &out, &err) != RX_OK)
			abort();
		check_canonical(&out);
		if (!rx_code_descends(c.text, c.len, out.text, out.len))
			abort();
		if (rx_code_prefix(c.text, c.len, 0, &out, &err) != RX_ARGUMENT || err.detail[0] == '\0')
			abort();

		level = (int32_t) (size * 101 % 1000);	/* valid below 400 */
		if (rx_code_append_level(c.text, c.len, c.info, level, &out, &err) == RX_OK)
		{
			check_canonical(&out);
			if (!rx_code_has_level(out.info) ||
				!rx_code_descends(out.text, out.len, c.text, c.len) ||
				rx_code_depth(out.info) != rx_code_depth(c.info) + 1)
				abort();
		}
		else if (err.detail[0] == '\0' ||
				 (rx_level_valid(level) && !rx_code_has_level(c.info) &&
				  rx_code_depth(c.info) < RX_CODE_LABELS_MAX))
			abort();

		has_end = rx_code_subtree_end(c.text, c.len, &end);
		rx_code_subtree_max(c.text, c.len, &max);
		check_canonical(&max);
		if (!rx_code_descends(max.text, max.len, c.text, c.len) ||
			rx_code_compare(max.text, max.len, c.text, c.len) < 0)
			abort();
		if (has_end)
		{
			check_canonical(&end);
			if (rx_code_descends(end.text, end.len, c.text, c.len) ||
				rx_code_compare(end.text, end.len, max.text, max.len) <= 0)
				abort();
		}
	}

	/* two codes separated by a NUL: order and containment */
	if (nul != NULL &&
		rx_code_parse(s, (size_t) (nul - data), &c, &err) == RX_OK &&
		rx_code_parse((const char *) nul + 1, size - (size_t) (nul - data) - 1, &d, &err) == RX_OK)
	{
		bool		has_end = rx_code_subtree_end(d.text, d.len, &end);
		bool		in = rx_code_descends(c.text, c.len, d.text, d.len);

		if (rx_code_compare(c.text, c.len, d.text, d.len) != ref_compare(&c, &d))
			abort();
		if (rx_code_compare(c.text, c.len, d.text, d.len) != -rx_code_compare(d.text, d.len, c.text, c.len))
			abort();
		rx_code_subtree_max(d.text, d.len, &max);
		if (in != (rx_code_compare(c.text, c.len, d.text, d.len) >= 0 &&
				   rx_code_compare(c.text, c.len, max.text, max.len) <= 0))
			abort();
		if (in != (rx_code_compare(c.text, c.len, d.text, d.len) >= 0 &&
				   (!has_end || rx_code_compare(c.text, c.len, end.text, end.len) < 0)))
			abort();
	}
	return 0;
}
