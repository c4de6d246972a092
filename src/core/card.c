/*
 * card.c — the rules of role cards and of the tables they fill (card.h).
 */
#include "card.h"

#include <string.h>

#include "soc.h"

/* The fault of a node's code under its parent (see card.h for the order). */
rx_card_node_fault
rx_card_node_code_fault(const rx_code *code, const rx_code *parent, int parent_kind)
{
	int			depth = rx_code_depth(code->info);

	if (rx_code_has_level(code->info))
		return RX_CARD_NODE_LEVEL;
	if (parent != NULL && rx_code_compare(code->text, code->len, parent->text, parent->len) == 0)
		return RX_CARD_NODE_OWN_PARENT;
	if (parent != NULL && parent_kind < 0)
		return RX_CARD_NODE_OK;	/* the form depends on a kind not known */
	if (parent == NULL || parent_kind == RX_CARD_TOP_KIND)
		return depth == 1 ? RX_CARD_NODE_OK : RX_CARD_NODE_ONE_LABEL;
	if (!rx_code_descends(code->text, code->len, parent->text, parent->len) ||
		depth != rx_code_depth(parent->info) + 1)
		return RX_CARD_NODE_EXTEND;
	return RX_CARD_NODE_OK;
}

/* A node's kind must be lower (a greater rank) than its parent's. */
rx_card_node_fault
rx_card_node_kind_fault(int kind, int parent_kind)
{
	return kind <= parent_kind ? RX_CARD_NODE_KIND : RX_CARD_NODE_OK;
}

/* What each code rule wants, as one sentence. */
const char *
rx_card_node_fault_detail(rx_card_node_fault fault)
{
	switch (fault)
	{
		case RX_CARD_NODE_LEVEL:
			return "Taxonomy node codes name functions, families and specializations; only role codes end in a level.";
		case RX_CARD_NODE_OWN_PARENT:
			return "A node cannot sit under itself: a node and its parent have different codes.";
		case RX_CARD_NODE_ONE_LABEL:
			return "Superfunctions, and nodes at the top or directly under a superfunction, have one-label codes such as TECH or DEI.";
		case RX_CARD_NODE_EXTEND:
			return "Below a function, a node's code is its parent's code plus one label, e.g. DEI.GEN under DEI.";
		case RX_CARD_NODE_OK:
		case RX_CARD_NODE_KIND:
			break;
	}
	return "";
}

/* The labels of the schemes the core knows a rule for, by rx_card_scheme. */
static const char *const scheme_labels[] = {"soc2018", "onet2019", "soc2010", "isco08"};

/* The scheme whose label is s[0..len). */
rx_card_scheme
rx_card_scheme_of(const char *s, size_t len)
{
	for (int i = 0; i < (int) (sizeof(scheme_labels) / sizeof(scheme_labels[0])); i++)
		if (strlen(scheme_labels[i]) == len && memcmp(scheme_labels[i], s, len) == 0)
			return (rx_card_scheme) i;
	return RX_CARD_SCHEME_UNKNOWN;
}

/* Every known scheme but ISCO-08 takes soccode values. */
bool
rx_card_scheme_is_soc(rx_card_scheme scheme)
{
	return scheme == RX_CARD_SOC2018 || scheme == RX_CARD_ONET2019 || scheme == RX_CARD_SOC2010;
}

/* O*NET-SOC codes belong to onet2019 and only there. */
bool
rx_card_soc_fits(rx_card_scheme scheme, int32_t soc)
{
	if (!rx_card_scheme_is_soc(scheme) || !rx_soc_valid(soc))
		return false;
	return (rx_soc_level_of(soc) == RX_SOC_ONET) == (scheme == RX_CARD_ONET2019);
}

/* One to four ASCII digits. */
bool
rx_card_isco_valid(const char *s, size_t len)
{
	if (len < 1 || len > 4)
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* What code each scheme takes. */
const char *
rx_card_scheme_detail(void)
{
	return "An onet2019 mapping takes an O*NET-SOC code such as 15-1252.00; soc2018 and soc2010 mappings take SOC groups or occupations without the .NN suffix.";
}

/* Blank (only ASCII spaces), too long, or fine. */
rx_card_text_fault
rx_card_text_fault_of(const char *s, size_t len, size_t nchars, size_t max)
{
	size_t		i = 0;

	while (i < len && s[i] == ' ')
		i++;
	if (i == len)
		return RX_CARD_TEXT_BLANK;
	if (max > 0 && nchars > max)
		return RX_CARD_TEXT_LONG;
	return RX_CARD_TEXT_OK;
}

/* A card's components members and the component_kind label of each. */
static const struct
{
	const char *member;
	const char *label;
}			component_kinds[RX_CARD_COMPONENT_KINDS] = {
	{"responsibilities", "responsibility"},
	{"tasks", "task"},
	{"skills", "skill"},
	{"knowledge", "knowledge"},
	{"competencies", "competency"},
	{"qualifications", "qualification"},
	{"outputs", "output"}
};

/* The components member of kind i. */
const char *
rx_card_component_member(int i)
{
	return i >= 0 && i < RX_CARD_COMPONENT_KINDS ? component_kinds[i].member : NULL;
}

/* The component_kind label of kind i. */
const char *
rx_card_component_label(int i)
{
	return i >= 0 && i < RX_CARD_COMPONENT_KINDS ? component_kinds[i].label : NULL;
}

/* The kind whose member is s[0..len). */
int
rx_card_component_of_member(const char *s, size_t len)
{
	for (int i = 0; i < RX_CARD_COMPONENT_KINDS; i++)
		if (strlen(component_kinds[i].member) == len && memcmp(component_kinds[i].member, s, len) == 0)
			return i;
	return -1;
}
