/*
 * test_card.c — unit tests of the card rules (src/core/card.c): where a
 * taxonomy node may sit, which code a mapping scheme takes, required texts
 * and the component kinds a card names.
 */
#include "unit.h"

#include "core/card.h"
#include "core/soc.h"

/* Kind ranks in the order of node_kind. */
enum
{
	SUPERFUNCTION, FUNCTION, FAMILY, SPECIALIZATION
};

/* A code literal that must parse. */
static rx_code
code(const char *s)
{
	rx_code		c;
	rx_error	err;

	if (rx_code_parse(s, strlen(s), &c, &err) != RX_OK)
		UT_STR(err.detail, "(a valid code)");
	return c;
}

/* The fault of node code n under parent p (NULL: at the top) of kind pk. */
static rx_card_node_fault
fault(const char *n, const char *p, int pk)
{
	rx_code		nc = code(n),
				pc;

	if (p == NULL)
		return rx_card_node_code_fault(&nc, NULL, pk);
	pc = code(p);
	return rx_card_node_code_fault(&nc, &pc, pk);
}

/* A SOC literal's value. */
static int32_t
soc(const char *s)
{
	int32_t		v = 0;
	rx_error	err;

	if (rx_soc_parse(s, strlen(s), &v, &err) != RX_OK)
		UT_STR(err.detail, "(a valid SOC code)");
	return v;
}

/* The text fault of an ASCII literal (one byte a character). */
static rx_card_text_fault
text(const char *s, size_t max)
{
	return rx_card_text_fault_of(s, strlen(s), strlen(s), max);
}

UT_SUITE(card)
{
	UT_CASE("a node at the top has a one-label code")
	{
		UT_INT(fault("TECH", NULL, 0), RX_CARD_NODE_OK);
		UT_INT(fault("DEI.GEN", NULL, 0), RX_CARD_NODE_ONE_LABEL);
	}
	UT_CASE("directly under the top kind, one label; below it, the parent's code plus one label")
	{
		UT_INT(fault("DEI", "TECH", SUPERFUNCTION), RX_CARD_NODE_OK);
		UT_INT(fault("TECH.DEI", "TECH", SUPERFUNCTION), RX_CARD_NODE_ONE_LABEL);
		UT_INT(fault("DEI.GEN", "DEI", FUNCTION), RX_CARD_NODE_OK);
		UT_INT(fault("DEI.CLD.AWS", "DEI.CLD", FAMILY), RX_CARD_NODE_OK);
		UT_INT(fault("SWE.GEN", "DEI", FUNCTION), RX_CARD_NODE_EXTEND);
		UT_INT(fault("DEI.CLD.AWS", "DEI", FUNCTION), RX_CARD_NODE_EXTEND);
		UT_INT(fault("DEIX", "DEI", FUNCTION), RX_CARD_NODE_EXTEND);
		UT_INT(fault("DEI", "DEI.GEN", FAMILY), RX_CARD_NODE_EXTEND);
	}
	UT_CASE("under a parent of unknown kind, only the level and own-parent rules apply")
	{
		UT_INT(fault("SWE.GEN", "DEI", -1), RX_CARD_NODE_OK);
		UT_INT(fault("DEI.P2", "DEI", -1), RX_CARD_NODE_LEVEL);
		UT_INT(fault("DEI", "DEI", -1), RX_CARD_NODE_OWN_PARENT);
	}
	UT_CASE("a node code never ends in a level, wherever it sits")
	{
		UT_INT(fault("DEI.P1", NULL, 0), RX_CARD_NODE_LEVEL);
		UT_INT(fault("DEI.P1", "DEI", FUNCTION), RX_CARD_NODE_LEVEL);
		UT_INT(fault("DEI.GEN.M3", "DEI.GEN", FAMILY), RX_CARD_NODE_LEVEL);
		UT_INT(fault("P1", NULL, 0), RX_CARD_NODE_OK);	/* one label: no level */
	}
	UT_CASE("a node never sits under itself, even where one label is right")
	{
		UT_INT(fault("TECH", "TECH", SUPERFUNCTION), RX_CARD_NODE_OWN_PARENT);
		UT_INT(fault("DEI.GEN", "DEI.GEN", FAMILY), RX_CARD_NODE_OWN_PARENT);
	}
	UT_CASE("a parent is of a higher kind: a lower rank")
	{
		UT_INT(rx_card_node_kind_fault(FUNCTION, SUPERFUNCTION), RX_CARD_NODE_OK);
		UT_INT(rx_card_node_kind_fault(SPECIALIZATION, FUNCTION), RX_CARD_NODE_OK);
		UT_INT(rx_card_node_kind_fault(FUNCTION, FUNCTION), RX_CARD_NODE_KIND);
		UT_INT(rx_card_node_kind_fault(SUPERFUNCTION, SPECIALIZATION), RX_CARD_NODE_KIND);
		UT_INT(rx_card_node_kind_fault(SUPERFUNCTION, SUPERFUNCTION), RX_CARD_NODE_KIND);
	}
	UT_CASE("every code fault has a sentence; the kind order's is the glue's")
	{
		UT_CHECK(strstr(rx_card_node_fault_detail(RX_CARD_NODE_LEVEL), "level") != NULL);
		UT_CHECK(strstr(rx_card_node_fault_detail(RX_CARD_NODE_OWN_PARENT), "itself") != NULL);
		UT_CHECK(strstr(rx_card_node_fault_detail(RX_CARD_NODE_ONE_LABEL), "one-label") != NULL);
		UT_CHECK(strstr(rx_card_node_fault_detail(RX_CARD_NODE_EXTEND), "plus one label") != NULL);
		UT_STR(rx_card_node_fault_detail(RX_CARD_NODE_KIND), "");
		UT_STR(rx_card_node_fault_detail(RX_CARD_NODE_OK), "");
	}
	UT_CASE("schemes by label; an unknown label has no rule")
	{
		UT_INT(rx_card_scheme_of("soc2018", 7), RX_CARD_SOC2018);
		UT_INT(rx_card_scheme_of("onet2019", 8), RX_CARD_ONET2019);
		UT_INT(rx_card_scheme_of("soc2010", 7), RX_CARD_SOC2010);
		UT_INT(rx_card_scheme_of("isco08", 6), RX_CARD_ISCO08);
		UT_INT(rx_card_scheme_of("isco0", 5), RX_CARD_SCHEME_UNKNOWN);
		UT_INT(rx_card_scheme_of("SOC2018", 7), RX_CARD_SCHEME_UNKNOWN);
		UT_INT(rx_card_scheme_of("", 0), RX_CARD_SCHEME_UNKNOWN);
		UT_CHECK(rx_card_scheme_is_soc(RX_CARD_SOC2010));
		UT_CHECK(!rx_card_scheme_is_soc(RX_CARD_ISCO08));
		UT_CHECK(!rx_card_scheme_is_soc(RX_CARD_SCHEME_UNKNOWN));
	}
	UT_CASE("O*NET-SOC codes fit onet2019 and nothing else")
	{
		UT_CHECK(rx_card_soc_fits(RX_CARD_ONET2019, soc("15-1252.00")));
		UT_CHECK(!rx_card_soc_fits(RX_CARD_ONET2019, soc("15-1252")));
		UT_CHECK(rx_card_soc_fits(RX_CARD_SOC2018, soc("15-0000")));
		UT_CHECK(rx_card_soc_fits(RX_CARD_SOC2010, soc("15-1132")));
		UT_CHECK(!rx_card_soc_fits(RX_CARD_SOC2018, soc("15-1252.01")));
		UT_CHECK(!rx_card_soc_fits(RX_CARD_ISCO08, soc("15-1252")));
		UT_CHECK(!rx_card_soc_fits(RX_CARD_SOC2018, -1));
		UT_CHECK(!rx_card_soc_fits(RX_CARD_SCHEME_UNKNOWN, soc("15-1252")));
	}
	UT_CASE("ISCO-08 codes are one to four digits")
	{
		UT_CHECK(rx_card_isco_valid("2", 1));
		UT_CHECK(rx_card_isco_valid("2512", 4));
		UT_CHECK(!rx_card_isco_valid("25120", 5));
		UT_CHECK(!rx_card_isco_valid("", 0));
		UT_CHECK(!rx_card_isco_valid("25a", 3));
		UT_CHECK(!rx_card_isco_valid(" 25", 3));
		UT_CHECK(!rx_card_isco_valid("٢٥", 4));	/* Arabic-Indic digits are not ASCII */
	}
	UT_CASE("every scheme has a sentence saying what code it takes")
	{
		UT_CHECK(strstr(rx_card_scheme_detail(), "O*NET-SOC") != NULL);
	}
	UT_CASE("required texts: not blank (only spaces), at most max characters")
	{
		UT_INT(text("x", 500), RX_CARD_TEXT_OK);
		UT_INT(text("", 500), RX_CARD_TEXT_BLANK);
		UT_INT(text("   ", 500), RX_CARD_TEXT_BLANK);
		UT_INT(text("\t", 500), RX_CARD_TEXT_OK);	/* btrim() removes spaces only */
		UT_INT(text(" x ", 500), RX_CARD_TEXT_OK);
		UT_INT(text("abcd", 4), RX_CARD_TEXT_OK);
		UT_INT(text("abcde", 4), RX_CARD_TEXT_LONG);
		UT_INT(text("  ", 1), RX_CARD_TEXT_BLANK);	/* blank before long */
		UT_INT(text("abcde", 0), RX_CARD_TEXT_OK);	/* no limit */
		/* characters, not bytes: three snowmen are 9 bytes */
		UT_INT(rx_card_text_fault_of("☃☃☃", 9, 3, 3), RX_CARD_TEXT_OK);
		UT_INT(rx_card_text_fault_of("☃☃☃", 9, 3, 2), RX_CARD_TEXT_LONG);
	}
	UT_CASE("component kinds: card members and enum labels, both ways")
	{
		UT_STR(rx_card_component_member(0), "responsibilities");
		UT_STR(rx_card_component_label(0), "responsibility");
		UT_STR(rx_card_component_member(3), "knowledge");
		UT_STR(rx_card_component_label(4), "competency");
		UT_STR(rx_card_component_member(RX_CARD_COMPONENT_KINDS - 1), "outputs");
		UT_CHECK(rx_card_component_member(RX_CARD_COMPONENT_KINDS) == NULL);
		UT_CHECK(rx_card_component_label(-1) == NULL);
		for (int i = 0; i < RX_CARD_COMPONENT_KINDS; i++)
		{
			const char *m = rx_card_component_member(i);

			UT_INT(rx_card_component_of_member(m, strlen(m)), i);
		}
		UT_INT(rx_card_component_of_member("skill", 5), -1);
		UT_INT(rx_card_component_of_member("skillsx", 7), -1);
		UT_INT(rx_card_component_of_member("", 0), -1);
	}
}
