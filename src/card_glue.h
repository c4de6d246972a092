/*
 * card_glue.h — what the card glue files share (doc/role-card.md).
 *
 * A role card document (or a batch of them) is read once, by one walk over
 * the jsonb (card_walk.c, card_check.c).  The walk records every problem of
 * the document and, for each card, the rows it holds, typed: codes, enum
 * labels, confidences and times are parsed there and nowhere else.  The
 * batch (card_batch.c) then merges the cards' rows as importing them one by
 * one would leave them, sorts every row set by key (the order the importer
 * takes its locks in) and hands problems and rows to SQL as arrays of
 * composite values (card_parse).  The rules every check applies live in the
 * core (core/card.h); the vocabularies, the labels of the SQL enums, are
 * read from the catalog (card_catalog.c).
 */
#ifndef CARD_GLUE_H
#define CARD_GLUE_H

#include "roleext.h"

#include "access/tupdesc.h"
#include "lib/stringinfo.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

#include "core/card.h"
#include "core/code.h"

/* ---- the catalog: enum vocabularies and the composite types (card_catalog.c) */

/* The SQL enums a card's values come from. */
typedef enum CardVocabId
{
	CV_NODE_KIND,
	CV_COMPONENT_KIND,
	CV_PREVALENCE,
	CV_SCOPE,
	CV_ALIAS_TYPE,
	CV_SCHEME,
	CV_SOURCE,
	CV_REVIEW_STATUS,
	CV_COUNT
} CardVocabId;

/* The labels of one enum, in the enum's order. */
typedef struct CardVocab
{
	Oid			typid;
	int			n;
	const char **labels;
	int		   *lens;
	Oid		   *oids;			/* the label's pg_enum OID: its Datum */
	const char *list;			/* "a, b, c" for details */
} CardVocab;

/* The composite types card_parse builds (sql/60_card_validate.sql). */
typedef enum CardTypeId
{
	CT_PROBLEM,
	CT_NODE,
	CT_ROLE,
	CT_COMPONENT,
	CT_ALIAS,
	CT_MAPPING,
	CT_BATCH,
	CT_COUNT
} CardTypeId;

/* What the glue reads from the extension's schema, once per backend. */
typedef struct CardCatalog
{
	Oid			nsp;
	CardVocab	vocab[CV_COUNT];
	int			component_kind[RX_CARD_COMPONENT_KINDS];	/* label index of each core kind */
	rx_card_scheme *scheme_rule;	/* the core's rule of each mapping_scheme label */
	Oid			types[CT_COUNT];
	TupleDesc	descs[CT_COUNT];
	Oid			rolecode_oid;
	/* the card format's defaults (doc/role-card.md), as label indexes */
	int			default_prevalence;
	int			default_scope;
	int			default_alias_type;
	int			default_scheme;
	int			default_source;
	int			default_review_status;
} CardCatalog;

/* The catalog of the schema fcinfo's function lives in. */
const CardCatalog *card_catalog(FunctionCallInfo fcinfo);

/* The index of label s[0..len) in v, or -1. */
int			card_label_index(const CardVocab *v, const char *s, int len);

/* ---- what a walk finds (card_walk.c) -------------------------------------- */

/* The table a problem depends on: it holds unless the key is found there. */
typedef enum CardLookup
{
	CL_NONE = 0,				/* a problem of the document alone */
	CL_LEVEL,					/* the level, in roleext.level */
	CL_TAXONOMY,				/* the node, in roleext.taxonomy */
	CL_SOC2018,					/* the code, in roleext.soc2018_code */
	CL_ONET2019,				/* in roleext.onet2019_occupation */
	CL_SOC2010					/* in roleext.soc2010_code */
} CardLookup;

/* One problem. */
typedef struct CardProblem
{
	int			card;			/* the card's index; -1 for the batch itself */
	char	   *path;			/* within the card: "code", "aliases[1].alias", "$" */
	char	   *problem;
	const char *detail;
	CardLookup	lookup;
	int32		level;			/* the key of CL_LEVEL */
	rx_code    *node;			/* of CL_TAXONOMY */
	int32		soc;			/* of the SOC lookups */
	bool		chain_start;	/* CL_TAXONOMY of a chain's first node (else: no chain) */
	bool		resolved;		/* the batch itself has the node */
} CardProblem;

/* A string of the document (not NUL-terminated); s == NULL for null. */
typedef struct CardText
{
	const char *s;
	int			len;
} CardText;

/* A taxonomy node as one card's chain mentions it. */
typedef struct CardNodeRow
{
	int			card;
	int			pos;			/* 0 for the first node of the chain */
	rx_code		code;
	int			kind;			/* label index in node_kind: the core's rank */
	CardText	name;
	rx_code		parent;			/* the node before it, when pos > 0 */
	bool		has_description;
	CardText	description;
	char	   *path;			/* "taxonomy[2]" */
} CardNodeRow;

/* A card's role row. */
typedef struct CardRoleRow
{
	int			card;
	rx_code		code;
	CardText	title;
	CardText	summary;
	CardText	story[6];		/* who, external_problem, internal_problem, why_it_matters, stakes, success */
	CardText   *plan;
	int			nplan;
} CardRoleRow;

/* A component of a card. */
typedef struct CardComponentRow
{
	int			card;
	int			kind;			/* label index in component_kind */
	CardText	name;
	int			prevalence;
	int			scope;
	int			position;		/* from 1 */
	CardText	description;
} CardComponentRow;

/* An alias of a card. */
typedef struct CardAliasRow
{
	int			card;
	CardText	alias;
	int			type;
	int16		confidence;
	int			approved;		/* -1 null, 0 false, 1 true */
	CardText	approved_by;
	bool		has_approved_at;
	TimestampTz approved_at;
} CardAliasRow;

/* A mapping of a card's role or of a node of its chain. */
typedef struct CardMappingRow
{
	int			card;
	int			node;			/* index of its node in the walk's nodes; -1 for the role */
	int			scheme;			/* label index in mapping_scheme */
	bool		has_soc;
	int32		soc;
	CardText	isco08;
	int			source;
	int			review_status;
	bool		has_confidence;
	int16		confidence;
	CardText	reviewer;
	bool		has_reviewed_at;
	TimestampTz reviewed_at;
	CardText	note;
} CardMappingRow;

/* A growing array of rows of one kind. */
typedef struct CardList
{
	char	   *items;
	int			n;
	int			max;
	Size		size;			/* of one item */
} CardList;

/* The whole walk: problems, rows, and where it is in the document. */
typedef struct CardWalk
{
	const CardCatalog *cat;
	CardList	problems;		/* CardProblem */
	CardList	nodes;			/* CardNodeRow */
	CardList	roles;			/* CardRoleRow */
	CardList	components;		/* CardComponentRow */
	CardList	aliases;		/* CardAliasRow */
	CardList	mappings;		/* CardMappingRow */
	int			card;			/* the card being walked */
	int			card_problems;	/* problems of the document alone in this card */
	StringInfoData path;		/* "" at a card's top, "taxonomy[0]" in a node */
} CardWalk;

#define CARD_ITEM(list, type, i) (&((type *) (list)->items)[i])

void		card_list_init(CardList *l, Size size);
void	   *card_list_add(CardList *l);

/* Paths: extend by ".member" or "[i]", returning a mark to cut back to. */
int			card_path_push(CardWalk *w, const char *member, int len);
int			card_path_push_index(CardWalk *w, int i);
void		card_path_pop(CardWalk *w, int mark);
char	   *card_path_of(CardWalk *w, const char *member);

/* Record a problem at the current path (+ ".member"). */
void		card_problem(CardWalk *w, const char *member, char *message, const char *detail);
CardProblem *card_lookup_problem(CardWalk *w, const char *member, char *message,
								 const char *detail, CardLookup lookup);

/* JSON values. */
const char *card_json_type(const JsonbValue *v);
char	   *card_json_text(const JsonbValue *v);
char	   *card_json_quote(const char *s);
char	   *card_cstr(const JsonbValue *v);

static inline bool
card_is_object(const JsonbValue *v)
{
	return v != NULL && v->type == jbvBinary && JsonContainerIsObject(v->val.binary.data);
}

static inline bool
card_is_array(const JsonbValue *v)
{
	return v != NULL && v->type == jbvBinary && JsonContainerIsArray(v->val.binary.data);
}

static inline bool
card_is_absent(const JsonbValue *v)
{
	return v == NULL || v->type == jbvNull;
}

static inline bool
card_is_string(const JsonbValue *v)
{
	return v != NULL && v->type == jbvString;
}

/* The text of a string value, or null for an absent or null one. */
static inline CardText
card_text(const JsonbValue *v)
{
	CardText	t = {NULL, 0};

	if (card_is_string(v))
	{
		t.s = v->val.string.val;
		t.len = v->val.string.len;
	}
	return t;
}

void		card_read_fields(CardWalk *w, JsonbContainer *obj, const char *const *fields,
							 JsonbValue *store, JsonbValue **vals, const char *detail);
bool		card_next_member(JsonbIterator **it, JsonbValue *k, JsonbValue *v);
bool		card_next_element(JsonbIterator **it, JsonbValue *v);
int			card_name_index(const char *const *list, const char *s, int len);

/* Checks of one value; each returns true when the value is good. */
bool		card_check_text(CardWalk *w, const JsonbValue *v, const char *member,
							const char *what, const char *detail, size_t max);
bool		card_check_optional_string(CardWalk *w, const JsonbValue *v, const char *member,
									   const char *detail);
int			card_check_optional_enum(CardWalk *w, const JsonbValue *v, const char *member,
									 CardVocabId vocab, int dflt, const char *what,
									 const char *detail_lead);
bool		card_check_confidence(CardWalk *w, const JsonbValue *v, int16 *out);
bool		card_check_time(CardWalk *w, const JsonbValue *v, const char *member,
							TimestampTz *out);
const char *card_parse_detail(const rx_error *err, const char *typname, const char *input);

/* Duplicates within one array: collected while its elements are checked. */
typedef enum CardDupKind
{
	DUP_COMPONENTS,
	DUP_ALIASES,
	DUP_NODE_MAPPINGS,
	DUP_ROLE_MAPPINGS
} CardDupKind;

typedef struct CardDupKey
{
	const char *a;				/* name, alias, or mapping scheme */
	int			alen;
	const char *b;				/* mapping code, or NULL */
	int			blen;
	int			index;			/* position in the array, from 0 */
} CardDupKey;

typedef struct CardDupList
{
	CardDupKey *keys;
	int			nkeys;
} CardDupList;

void		card_dup_init(CardDupList *d, int n);
void		card_dup_add(CardDupList *d, const char *a, int alen, const char *b, int blen, int index);
void		card_report_duplicates(CardWalk *w, CardDupList *d, CardDupKind kind);

/* ---- the checks of a card's members (card_check.c) ------------------------ */

/* Walk card i of a document (v: the card value), recording problems and rows. */
void		card_check_card(CardWalk *w, const JsonbValue *v);

#endif							/* CARD_GLUE_H */
