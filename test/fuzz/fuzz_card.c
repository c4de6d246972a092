/*
 * fuzz_card.c — libFuzzer harness of the card rules (src/core/card.c).
 *
 * The input is a selector byte, then up to three NUL-separated parts: a
 * node code, a parent code and a text.  Invariants: no rule crashes or
 * overruns; a node's code fault agrees with the code functions it is
 * defined by (a level ends the code, equal codes are an own parent, one
 * label at the top and under the top kind, the parent's code plus one label
 * below it, nothing but the level and own-parent rules under a parent of
 * unknown kind); the kind rule is the order of ranks; the scheme rules and
 * the ISCO-08 form agree with the SOC levels and with digits; the text rule
 * is blank exactly for spaces and long exactly past the limit.  The glue
 * (src/card_*.c) and the SQL-level agreement check (test/db/card_fuzz.sh)
 * cover the walk over whole documents.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/card.h"
#include "core/soc.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Part i (0-2) of the input after the selector byte: bytes up to a NUL. */
static const char *
part(const uint8_t *data, size_t size, int i, size_t *len)
{
	size_t		start = 1;

	for (; i > 0; i--)
	{
		const uint8_t *nul = start < size ? memchr(data + start, 0, size - start) : NULL;

		if (nul == NULL)
		{
			*len = 0;
			return "";
		}
		start = (size_t) (nul - data) + 1;
	}
	if (start >= size)
	{
		*len = 0;
		return "";
	}
	{
		const uint8_t *nul = memchr(data + start, 0, size - start);

		*len = (nul ? (size_t) (nul - data) : size) - start;
	}
	return (const char *) data + start;
}

/* The node rules on a code and a parent code of the input. */
static void
check_node(const rx_code *c, const rx_code *p, int parent_kind)
{
	rx_card_node_fault f = rx_card_node_code_fault(c, p, parent_kind);
	int			depth = rx_code_depth(c->info);
	bool		same = p != NULL && rx_code_compare(c->text, c->len, p->text, p->len) == 0;

	if ((f == RX_CARD_NODE_LEVEL) != rx_code_has_level(c->info))
		abort();
	if (f != RX_CARD_NODE_LEVEL && (f == RX_CARD_NODE_OWN_PARENT) != same)
		abort();
	if (f == RX_CARD_NODE_OK || f == RX_CARD_NODE_ONE_LABEL || f == RX_CARD_NODE_EXTEND)
	{
		if (p == NULL || parent_kind == RX_CARD_TOP_KIND)
		{
			if ((f == RX_CARD_NODE_OK) != (depth == 1) || f == RX_CARD_NODE_EXTEND)
				abort();
		}
		else if (parent_kind < 0)
		{
			if (f != RX_CARD_NODE_OK)
				abort();
		}
		else if ((f == RX_CARD_NODE_OK) !=
				 (rx_code_descends(c->text, c->len, p->text, p->len) &&
				  depth == rx_code_depth(p->info) + 1) || f == RX_CARD_NODE_ONE_LABEL)
			abort();
	}
	if (f != RX_CARD_NODE_OK && f != RX_CARD_NODE_KIND && rx_card_node_fault_detail(f)[0] == '\0')
		abort();
}

/* One input: the invariants in the file comment, or abort(). */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t		clen,
				plen,
				tlen;
	const char *cs,
			   *ps,
			   *ts;
	rx_code		c,
				p;
	rx_error	err;
	int			parent_kind,
				kind;
	int32_t		soc;
	size_t		spaces = 0;

	if (size == 0)
		return 0;
	parent_kind = (int) (data[0] % 5) - 1;	/* -1 (unknown) .. 3 */
	kind = (int) (data[0] / 5 % 4);
	cs = part(data, size, 0, &clen);
	ps = part(data, size, 1, &plen);
	ts = part(data, size, 2, &tlen);

	if (rx_code_parse(cs, clen, &c, &err) == RX_OK)
	{
		check_node(&c, NULL, parent_kind);
		if (rx_code_parse(ps, plen, &p, &err) == RX_OK)
			check_node(&c, &p, parent_kind);
	}
	if (parent_kind >= 0 &&
		(rx_card_node_kind_fault(kind, parent_kind) == RX_CARD_NODE_KIND) != (kind <= parent_kind))
		abort();

	/* schemes: a label has a rule exactly when it is one of the four */
	{
		rx_card_scheme s = rx_card_scheme_of(ts, tlen);

		if (s != RX_CARD_SCHEME_UNKNOWN && rx_card_scheme_of(ts, tlen) != s)
			abort();
		if (rx_soc_parse(cs, clen, &soc, &err) == RX_OK)
			for (int i = RX_CARD_SOC2018; i <= RX_CARD_ISCO08; i++)
				if (rx_card_soc_fits((rx_card_scheme) i, soc) !=
					(rx_card_scheme_is_soc((rx_card_scheme) i) &&
					 (rx_soc_level_of(soc) == RX_SOC_ONET) == (i == RX_CARD_ONET2019)))
					abort();
	}

	/* ISCO-08: one to four ASCII digits */
	{
		bool		digits = tlen >= 1 && tlen <= 4;

		for (size_t i = 0; i < tlen; i++)
			digits = digits && ts[i] >= '0' && ts[i] <= '9';
		if (rx_card_isco_valid(ts, tlen) != digits)
			abort();
	}

	/* required texts: counted in bytes here, which the rule does not care about */
	while (spaces < tlen && ts[spaces] == ' ')
		spaces++;
	{
		size_t		max = data[0] % 7;
		rx_card_text_fault f = rx_card_text_fault_of(ts, tlen, tlen, max);

		if ((f == RX_CARD_TEXT_BLANK) != (spaces == tlen) ||
			(f == RX_CARD_TEXT_LONG) != (spaces < tlen && max > 0 && tlen > max))
			abort();
	}

	/* component members */
	{
		int			k = rx_card_component_of_member(ts, tlen);

		if (k >= 0 && (strlen(rx_card_component_member(k)) != tlen ||
					   memcmp(rx_card_component_member(k), ts, tlen) != 0 ||
					   rx_card_component_label(k) == NULL))
			abort();
	}
	return 0;
}
