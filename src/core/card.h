/*
 * card.h — the rules of role cards and of the tables they fill, once.
 *
 * The card validator (src/card_walk.c and its helpers) and the tables'
 * constraints and triggers (sql/50_schema.sql, sql/51_schema_rules.sql,
 * through the SQL functions of src/card_rules.c) both decide with these
 * functions, so a card the validator passes is a card the tables take:
 *
 *   - the taxonomy rule: where a node may sit (its code against its
 *     parent's, its kind against its parent's kind);
 *   - which code a mapping scheme takes (a SOC code, an O*NET-SOC code,
 *     an ISCO-08 code of 1-4 digits);
 *   - the texts every card row needs (non-blank) and the longest ones the
 *     tables' indexes can hold;
 *   - the component kinds as a card names them ("skills" for skill).
 *
 * Vocabularies are not here: the labels of the SQL enums (node_kind,
 * mapping_scheme, …) are read from the catalog by the glue.  Node kinds
 * reach the core as ranks, the position of the label in node_kind's order:
 * rank 0 is the top kind (superfunction), higher ranks are lower kinds.
 * Schemes reach it as their label, which names the rule a scheme follows.
 */
#ifndef RX_CARD_H
#define RX_CARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "code.h"

/* The top node kind's rank (superfunction: the first label of node_kind). */
#define RX_CARD_TOP_KIND	0

/*
 * The longest texts, in characters, of the card fields that the tables
 * index: a role's title, a component's name and an alias.  At 500
 * characters of up to four bytes each, every btree entry that holds one
 * (with a role code of up to 135 bytes beside it) stays under the 2,704
 * bytes a btree entry may take, and the trigram GiST entries of the
 * normalized title or alias under the 8 kB a GiST entry may take.
 */
#define RX_CARD_TEXT_MAX	500

/* What is wrong with where a taxonomy node sits. */
typedef enum rx_card_node_fault
{
	RX_CARD_NODE_OK = 0,
	RX_CARD_NODE_LEVEL,			/* the code ends in a level */
	RX_CARD_NODE_OWN_PARENT,	/* the node sits under itself */
	RX_CARD_NODE_KIND,			/* the parent is not of a higher kind */
	RX_CARD_NODE_ONE_LABEL,		/* the code must be one label */
	RX_CARD_NODE_EXTEND			/* the code is not the parent's plus one label */
} rx_card_node_fault;

/*
 * The fault of a node's code under its parent: parent NULL for a node at
 * the top, parent_kind its rank (negative when it is not known: then only
 * the first two rules apply).  Checked in the order of the enum: a code
 * ending in a level, then a code equal to the parent's, then the code's
 * form: one label at the top and directly under the top kind, else the
 * parent's code plus one label.
 */
rx_card_node_fault rx_card_node_code_fault(const rx_code *code, const rx_code *parent,
										   int parent_kind);

/* RX_CARD_NODE_KIND when a node of rank kind cannot sit under parent_kind. */
rx_card_node_fault rx_card_node_kind_fault(int kind, int parent_kind);

/*
 * The sentence saying what the rule wants, for RX_CARD_NODE_LEVEL,
 * _OWN_PARENT, _ONE_LABEL and _EXTEND (the kind order's sentence names the
 * kinds, which the glue reads from the catalog); "" for the others.
 */
const char *rx_card_node_fault_detail(rx_card_node_fault fault);

/* The rule a mapping scheme follows, from its label. */
typedef enum rx_card_scheme
{
	RX_CARD_SCHEME_UNKNOWN = -1,	/* a label no rule is known for */
	RX_CARD_SOC2018 = 0,		/* US SOC 2018: SOC groups and occupations */
	RX_CARD_ONET2019,			/* O*NET-SOC 2019: O*NET-SOC codes only */
	RX_CARD_SOC2010,			/* US SOC 2010: like SOC 2018 */
	RX_CARD_ISCO08				/* ISCO-08: 1-4 digits */
} rx_card_scheme;

/* The scheme whose label is s[0..len), or RX_CARD_SCHEME_UNKNOWN. */
rx_card_scheme rx_card_scheme_of(const char *s, size_t len);

/* Does the scheme take soccode values (every scheme but ISCO-08)? */
bool		rx_card_scheme_is_soc(rx_card_scheme scheme);

/*
 * Does the soccode value soc fit a SOC scheme: an O*NET-SOC code for
 * onet2019, and any other code for soc2018 and soc2010?  False for ISCO-08
 * and unknown schemes.
 */
bool		rx_card_soc_fits(rx_card_scheme scheme, int32_t soc);

/* Is s[0..len) an ISCO-08 code: one to four ASCII digits? */
bool		rx_card_isco_valid(const char *s, size_t len);

/* The sentence saying what code each scheme takes. */
const char *rx_card_scheme_detail(void);

/* What is wrong with a required text. */
typedef enum rx_card_text_fault
{
	RX_CARD_TEXT_OK = 0,
	RX_CARD_TEXT_BLANK,			/* empty or only spaces */
	RX_CARD_TEXT_LONG			/* more than max characters */
} rx_card_text_fault;

/*
 * The fault of a required text s[0..len) of nchars characters (counted by
 * the caller in the database encoding): blank when it is empty or only
 * ASCII spaces (what btrim() removes), long past max characters (max 0:
 * no limit).
 */
rx_card_text_fault rx_card_text_fault_of(const char *s, size_t len, size_t nchars,
										 size_t max);

/* The number of component kinds a card knows. */
#define RX_CARD_COMPONENT_KINDS 7

/*
 * The member of a card's components object that holds the components of
 * kind i (0 .. RX_CARD_COMPONENT_KINDS - 1, in the order of the SQL enum
 * component_kind): "responsibilities" for responsibility.
 */
const char *rx_card_component_member(int i);

/* The component_kind label of kind i: "responsibility". */
const char *rx_card_component_label(int i);

/* The kind whose member name is s[0..len), or -1. */
int			rx_card_component_of_member(const char *s, size_t len);

#endif							/* RX_CARD_H */
