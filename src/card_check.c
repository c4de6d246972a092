/*
 * card_check.c — the checks of a role card's members, in document order,
 * and the rows a card holds (card_glue.h).
 *
 * Members are checked in the order doc/role-card.md lists them; the
 * members of an object in jsonb's key order; array elements by position.
 * Each check records its problems and, for a good value, the typed value in
 * the card's rows.  A card with any problem of its own has rows that are
 * never written: the batch refuses it first.
 */
#include "card_glue.h"

#include "catalog/pg_collation_d.h"
#include "utils/formatting.h"

#include "core/confidence.h"
#include "core/level.h"
#include "core/soc.h"

/* The card format's default alias confidence (doc/role-card.md): 0.50. */
#define CARD_DEFAULT_CONFIDENCE (RX_CONFIDENCE_ONE / 2)

/*
 * Member names of each kind of object, NULL-terminated; the F_ constants
 * index them.  Members are read once per object into an array by index.
 */
static const char *const card_fields[] = {
	"format", "code", "title", "level", "summary", "taxonomy", "story",
	"components", "aliases", "mappings", NULL
};
enum
{
	F_CARD_FORMAT, F_CARD_CODE, F_CARD_TITLE, F_CARD_LEVEL, F_CARD_SUMMARY,
	F_CARD_TAXONOMY, F_CARD_STORY, F_CARD_COMPONENTS, F_CARD_ALIASES,
	F_CARD_MAPPINGS, N_CARD_FIELDS
};
static const char *const node_fields[] = {
	"code", "kind", "name", "description", "mappings", NULL
};
enum
{
	F_NODE_CODE, F_NODE_KIND, F_NODE_NAME, F_NODE_DESCRIPTION, F_NODE_MAPPINGS,
	N_NODE_FIELDS
};
/* the story's members: role.story_* in this order, plan last */
static const char *const story_fields[] = {
	"who", "external_problem", "internal_problem", "why_it_matters", "stakes",
	"success", "plan", NULL
};
#define F_STORY_PLAN 6
static const char *const component_fields[] = {
	"name", "prevalence", "scope", "description", NULL
};
enum
{
	F_COMP_NAME, F_COMP_PREVALENCE, F_COMP_SCOPE, F_COMP_DESCRIPTION,
	N_COMP_FIELDS
};
static const char *const alias_fields[] = {
	"alias", "type", "confidence", "approved", "approved_by", "approved_at", NULL
};
enum
{
	F_ALIAS_ALIAS, F_ALIAS_TYPE, F_ALIAS_CONFIDENCE, F_ALIAS_APPROVED,
	F_ALIAS_APPROVED_BY, F_ALIAS_APPROVED_AT, N_ALIAS_FIELDS
};
static const char *const mapping_fields[] = {
	"scheme", "code", "source", "review_status", "confidence", "reviewer",
	"reviewed_at", "note", NULL
};
enum
{
	F_MAP_SCHEME, F_MAP_CODE, F_MAP_SOURCE, F_MAP_REVIEW_STATUS,
	F_MAP_CONFIDENCE, F_MAP_REVIEWER, F_MAP_REVIEWED_AT, F_MAP_NOTE,
	N_MAP_FIELDS
};

/* The role code as far as it was read: the chain checks compare with it. */
typedef struct CardCode
{
	bool		valid;			/* a role code ending in a level */
	rx_code		code;
	rx_code		family;			/* the code without its level */
	int32		level;
	char		level_text[RX_LEVEL_TEXT_MAX];
} CardCode;

/* What the chain remembers of the node before the current one. */
typedef struct ChainState
{
	int			n;				/* nodes in the chain */
	bool		have_prev_code; /* the previous node's code was read */
	rx_code		prev_code;
	int			prev_kind;		/* rank in node_kind; -1 before any */
} ChainState;

/* "a, b, … and z" of the component members, for a detail sentence. */
static const char *
component_members_detail(void)
{
	static char buf[256];

	if (buf[0] == '\0')
	{
		StringInfoData s;

		initStringInfo(&s);
		appendStringInfoString(&s, "Component kinds are ");
		for (int i = 0; i < RX_CARD_COMPONENT_KINDS; i++)
			appendStringInfo(&s, "%s%s", i == 0 ? "" : (i == RX_CARD_COMPONENT_KINDS - 1 ? " and " : ", "),
							 rx_card_component_member(i));
		appendStringInfoChar(&s, '.');
		strlcpy(buf, s.data, sizeof(buf));
		pfree(s.data);
	}
	return buf;
}

/* The code of a mapping whose scheme is known; fills the row's code. */
static void
check_mapping_code(CardWalk *w, const JsonbValue *v, int scheme, CardMappingRow *row)
{
	rx_card_scheme rule = w->cat->scheme_rule[scheme];
	const char *label = w->cat->vocab[CV_SCHEME].labels[scheme];
	rx_error	err;
	char	   *s;
	CardProblem *p;

	if (!card_is_string(v))
	{
		card_problem(w, "code", psprintf("expected a string, got %s", card_json_type(v)),
					 "A mapping needs the code it maps to, such as \"15-1252\".");
		return;
	}
	if (rule == RX_CARD_ISCO08)
	{
		if (!rx_card_isco_valid(v->val.string.val, v->val.string.len))
			card_problem(w, "code", psprintf("invalid ISCO-08 code %s", card_json_text(v)),
						 "An ISCO-08 code is one to four digits, such as \"2512\".");
		row->isco08 = card_text(v);
		return;
	}
	s = card_cstr(v);
	rx_clear(&err);
	if (rx_soc_parse(s, strlen(s), &row->soc, &err) != RX_OK)
	{
		card_problem(w, "code", psprintf("invalid SOC code %s", card_json_text(v)),
					 card_parse_detail(&err, "soccode", s));
		return;
	}
	row->has_soc = true;
	if (!rx_card_soc_fits(rule, row->soc))
	{
		card_problem(w, "code", psprintf("code %s does not fit scheme %s", card_json_text(v), label),
					 rx_card_scheme_detail());
		return;
	}
	if (rule == RX_CARD_SOC2018)
		p = card_lookup_problem(w, "code", psprintf("%s is not a code of soc2018", card_json_text(v)),
								"A soc2018 mapping names one of the 1447 SOC 2018 groups and occupations (table soc2018_code).",
								CL_SOC2018);
	else if (rule == RX_CARD_ONET2019)
		p = card_lookup_problem(w, "code", psprintf("%s is not a code of onet2019", card_json_text(v)),
								"An onet2019 mapping names one of the 1016 O*NET-SOC 2019 occupations (table onet2019_occupation).",
								CL_ONET2019);
	else
		p = card_lookup_problem(w, "code", psprintf("%s is not a code of soc2010", card_json_text(v)),
								"A soc2010 mapping names one of the 840 SOC 2010 detailed occupations (table soc2010_code).",
								CL_SOC2010);
	p->soc = row->soc;
}

/* The duplicate key of mapping f: coalesce(m->>'scheme', 'soc2018'), m->>'code'. */
static void
mapping_dup_key(CardWalk *w, JsonbValue **f, CardDupList *dups, int index)
{
	const CardVocab *schemes = &w->cat->vocab[CV_SCHEME];
	const char *s = schemes->labels[w->cat->default_scheme];
	int			slen = schemes->lens[w->cat->default_scheme];

	if (!card_is_string(f[F_MAP_CODE]))
		return;
	if (card_is_string(f[F_MAP_SCHEME]))
	{
		s = f[F_MAP_SCHEME]->val.string.val;
		slen = f[F_MAP_SCHEME]->val.string.len;
	}
	else if (!card_is_absent(f[F_MAP_SCHEME]))
	{
		s = card_json_text(f[F_MAP_SCHEME]);
		slen = strlen(s);
	}
	card_dup_add(dups, s, slen, f[F_MAP_CODE]->val.string.val, f[F_MAP_CODE]->val.string.len, index);
}

/* The problems of mapping m at the current path (node: its node's index, or -1). */
static void
check_mapping(CardWalk *w, const JsonbValue *m, CardDupList *dups, int index, int node)
{
	const CardCatalog *cat = w->cat;
	JsonbValue	store[N_MAP_FIELDS];
	JsonbValue *f[N_MAP_FIELDS];
	CardMappingRow row = {0};
	int			scheme = cat->default_scheme;

	if (!card_is_object(m))
	{
		card_problem(w, NULL, psprintf("expected an object, got %s", card_json_type(m)),
					 "A mapping is an object with at least a code, such as {\"scheme\": \"soc2018\", \"code\": \"15-1252\"}.");
		return;
	}
	card_read_fields(w, m->val.binary.data, mapping_fields, store, f,
					 "A mapping has the fields scheme, code, source, review_status, confidence, reviewer, reviewed_at and note.");
	mapping_dup_key(w, f, dups, index);
	if (!card_is_absent(f[F_MAP_SCHEME]))
	{
		scheme = card_is_string(f[F_MAP_SCHEME])
			? card_label_index(&cat->vocab[CV_SCHEME], f[F_MAP_SCHEME]->val.string.val,
							   f[F_MAP_SCHEME]->val.string.len)
			: -1;
		if (scheme < 0 || cat->scheme_rule[scheme] == RX_CARD_SCHEME_UNKNOWN)
		{
			card_problem(w, "scheme", psprintf("unknown scheme %s", card_json_text(f[F_MAP_SCHEME])),
						 psprintf("The scheme is one of %s.", cat->vocab[CV_SCHEME].list));
			return;
		}
	}
	row.card = w->card;
	row.node = node;
	row.scheme = scheme;
	check_mapping_code(w, f[F_MAP_CODE], scheme, &row);
	row.source = card_check_optional_enum(w, f[F_MAP_SOURCE], "source", CV_SOURCE, cat->default_source,
										  "source", "The source is one of");
	row.review_status = card_check_optional_enum(w, f[F_MAP_REVIEW_STATUS], "review_status", CV_REVIEW_STATUS,
												 cat->default_review_status, "review status",
												 "The review status is one of");
	row.has_confidence = card_check_confidence(w, f[F_MAP_CONFIDENCE], &row.confidence);
	card_check_optional_string(w, f[F_MAP_REVIEWER], "reviewer", "The reviewer of a mapping is free text or null.");
	card_check_optional_string(w, f[F_MAP_NOTE], "note", "The note of a mapping is free text or null.");
	row.has_reviewed_at = card_check_time(w, f[F_MAP_REVIEWED_AT], "reviewed_at", &row.reviewed_at);
	row.reviewer = card_text(f[F_MAP_REVIEWER]);
	row.note = card_text(f[F_MAP_NOTE]);
	*(CardMappingRow *) card_list_add(&w->mappings) = row;
}

/* A mappings member v of a node (its index) or of the role (node -1). */
static void
check_mappings(CardWalk *w, const JsonbValue *v, int node)
{
	JsonbIterator *it;
	JsonbValue	e;
	CardDupList dups;
	int			mark;

	if (card_is_absent(v))
		return;
	mark = card_path_push(w, "mappings", 8);
	if (!card_is_array(v))
		card_problem(w, NULL, psprintf("expected an array, got %s", card_json_type(v)),
					 node >= 0 ? "The mappings of a node are an array of mapping objects."
					 : "Mappings are an array of objects such as {\"scheme\": \"soc2018\", \"code\": \"15-1252\"}.");
	else
	{
		card_dup_init(&dups, JsonContainerSize(v->val.binary.data));
		it = JsonbIteratorInit(v->val.binary.data);
		for (int i = 0; card_next_element(&it, &e); i++)
		{
			int			m = card_path_push_index(w, i);

			check_mapping(w, &e, &dups, i, node);
			card_path_pop(w, m);
		}
		card_report_duplicates(w, &dups, node >= 0 ? DUP_NODE_MAPPINGS : DUP_ROLE_MAPPINGS);
	}
	card_path_pop(w, mark);
}

/*
 * The code of node i of the chain.  The rule is the core's, as the
 * taxonomy trigger applies it; a chain's first node keeps the parent it
 * has, so its one-label rule holds unless the node is already in the
 * database (a lookup).  A node after one whose code is unreadable is judged
 * as if at the top.
 */
static bool
check_node_code(CardWalk *w, const JsonbValue *v, int i, const CardCode *role,
				ChainState *st, rx_code *node)
{
	rx_error	err;
	char	   *s;
	rx_card_node_fault f;

	if (!card_is_string(v))
	{
		card_problem(w, "code", psprintf("expected a string, got %s", card_json_type(v)),
					 "A taxonomy node needs its code, such as \"DEI\" or \"DEI.GEN\".");
		return false;
	}
	s = card_cstr(v);
	rx_clear(&err);
	if (rx_code_parse(s, strlen(s), node, &err) != RX_OK)
	{
		card_problem(w, "code", psprintf("invalid node code %s", card_json_text(v)),
					 card_parse_detail(&err, "rolecode", s));
		return false;
	}
	if (i > 0 && st->have_prev_code)
		f = rx_card_node_code_fault(node, &st->prev_code, st->prev_kind);
	else
		f = rx_card_node_code_fault(node, NULL, RX_CARD_TOP_KIND);

	if (f == RX_CARD_NODE_LEVEL)
		card_problem(w, "code", psprintf("node code %s ends in a level", card_json_text(v)),
					 rx_card_node_fault_detail(f));
	else if (i == st->n - 1 && role->valid &&
			 rx_code_compare(node->text, node->len, role->family.text, role->family.len) != 0)
		card_problem(w, "code", psprintf("the last node %s is not the role's node %s",
										 card_json_text(v), role->family.text),
					 "The taxonomy chain ends at the node the role code names: the code without its level.");
	else if (i == 0)
	{
		if (f == RX_CARD_NODE_ONE_LABEL)
		{
			CardProblem *p = card_lookup_problem(w, "code",
												 psprintf("node code %s must be a single label", card_json_text(v)),
												 rx_card_node_fault_detail(f), CL_TAXONOMY);

			p->node = palloc(sizeof(rx_code));
			*p->node = *node;
			p->chain_start = true;
		}
	}
	else if (f == RX_CARD_NODE_OWN_PARENT)
		card_problem(w, "code", psprintf("node code %s repeats the node above it", card_json_text(v)),
					 rx_card_node_fault_detail(f));
	else if (f == RX_CARD_NODE_ONE_LABEL)
		card_problem(w, "code", psprintf("node code %s must be a single label", card_json_text(v)),
					 rx_card_node_fault_detail(f));
	else if (f == RX_CARD_NODE_EXTEND)
		card_problem(w, "code", psprintf("node code %s does not extend %s", card_json_text(v), st->prev_code.text),
					 rx_card_node_fault_detail(f));
	return true;
}

/* Node i of the taxonomy chain, at the current path. */
static void
check_node(CardWalk *w, const JsonbValue *e, int i, const CardCode *role, ChainState *st)
{
	const CardVocab *kinds = &w->cat->vocab[CV_NODE_KIND];
	JsonbValue	store[N_NODE_FIELDS];
	JsonbValue *f[N_NODE_FIELDS];
	CardNodeRow *row;
	int			node_index;
	int			kind = -1;
	rx_code		code;
	bool		have_code;

	if (!card_is_object(e))
	{
		card_problem(w, NULL, psprintf("expected an object, got %s", card_json_type(e)),
					 "A taxonomy node is an object with a code, a kind and a name.");
		return;
	}
	card_read_fields(w, e->val.binary.data, node_fields, store, f,
					 "A taxonomy node has the fields code, kind, name, description and mappings.");
	have_code = check_node_code(w, f[F_NODE_CODE], i, role, st, &code);

	if (card_is_string(f[F_NODE_KIND]))
		kind = card_label_index(kinds, f[F_NODE_KIND]->val.string.val, f[F_NODE_KIND]->val.string.len);
	if (kind < 0)
		card_problem(w, "kind",
					 psprintf("unknown kind %s", f[F_NODE_KIND] ? card_json_text(f[F_NODE_KIND]) : "missing"),
					 psprintf("The kind is one of %s.", kinds->list));
	else if (st->prev_kind >= 0 &&
			 rx_card_node_kind_fault(kind, st->prev_kind) == RX_CARD_NODE_KIND)
		card_problem(w, "kind",
					 psprintf("%s cannot sit under a %s", kinds->labels[kind], kinds->labels[st->prev_kind]),
					 psprintf("The chain runs from the highest kind down: %s.", kinds->list));

	card_check_text(w, f[F_NODE_NAME], "name", "name", "A taxonomy node needs a non-blank name.", 0);
	card_check_optional_string(w, f[F_NODE_DESCRIPTION], "description", "The description is free text or null.");

	/* the node's row, which its mappings point to */
	node_index = w->nodes.n;
	row = card_list_add(&w->nodes);
	row->card = w->card;
	row->pos = i;
	row->code = code;
	row->kind = kind;
	row->name = card_text(f[F_NODE_NAME]);
	if (i > 0 && st->have_prev_code)
		row->parent = st->prev_code;
	row->has_description = f[F_NODE_DESCRIPTION] != NULL;
	row->description = card_text(f[F_NODE_DESCRIPTION]);
	row->path = card_path_of(w, NULL);

	if (kind >= 0)
		st->prev_kind = kind;
	st->have_prev_code = have_code;
	if (have_code)
		st->prev_code = code;
	check_mappings(w, f[F_NODE_MAPPINGS], node_index);
}

/* The taxonomy member: the chain of nodes, top first. */
static void
check_taxonomy(CardWalk *w, const JsonbValue *v, const CardCode *role)
{
	ChainState	st;
	JsonbIterator *it;
	JsonbValue	e;
	int			mark;

	if (!card_is_array(v))
	{
		card_problem(w, "taxonomy", psprintf("expected an array, got %s", card_json_type(v)),
					 "The taxonomy is the chain of nodes above the role, top first, such as [{\"code\": \"TECH\", ...}, {\"code\": \"DEI\", ...}].");
		return;
	}
	st.n = JsonContainerSize(v->val.binary.data);
	st.have_prev_code = false;
	st.prev_kind = -1;
	mark = card_path_push(w, "taxonomy", 8);
	it = JsonbIteratorInit(v->val.binary.data);
	for (int i = 0; card_next_element(&it, &e); i++)
	{
		int			m = card_path_push_index(w, i);

		check_node(w, &e, i, role, &st);
		card_path_pop(w, m);
	}
	card_path_pop(w, mark);
	if (st.n == 0)
		card_problem(w, "taxonomy", "empty chain",
					 "The taxonomy chain lists at least the role's own node; leave the member out to use nodes already in the database.");
}

/* The plan of the story: an array of strings, into the role row. */
static void
check_plan(CardWalk *w, const JsonbValue *v, CardRoleRow *role)
{
	JsonbIterator *it;
	JsonbValue	x;

	if (v->type == jbvNull)
		return;
	if (!card_is_array(v))
	{
		card_problem(w, "plan", psprintf("expected an array, got %s", card_json_type(v)),
					 "The plan is an array of steps, each a string.");
		return;
	}
	role->plan = palloc(Max(JsonContainerSize(v->val.binary.data), 1) * sizeof(CardText));
	it = JsonbIteratorInit(v->val.binary.data);
	for (int i = 0; card_next_element(&it, &x); i++)
	{
		if (x.type != jbvString)
		{
			int			m = card_path_push(w, "plan", 4);

			card_path_push_index(w, i);
			card_problem(w, NULL, psprintf("expected a string, got %s", card_json_type(&x)),
						 "Each step of the plan is a string.");
			card_path_pop(w, m);
		}
		else
			role->plan[role->nplan++] = card_text(&x);
	}
}

/* The story member, into the role row. */
static void
check_story(CardWalk *w, const JsonbValue *sv, CardRoleRow *role)
{
	JsonbIterator *it;
	JsonbValue	k;
	JsonbValue	v;
	int			mark;

	if (!card_is_object(sv))
	{
		card_problem(w, "story", psprintf("expected an object, got %s", card_json_type(sv)),
					 "The story is an object with who, external_problem, internal_problem, why_it_matters, plan, stakes and success.");
		return;
	}
	mark = card_path_push(w, "story", 5);
	it = JsonbIteratorInit(sv->val.binary.data);
	while (card_next_member(&it, &k, &v))
	{
		int			field = card_name_index(story_fields, k.val.string.val, k.val.string.len);

		if (field < 0)
			card_problem(w, card_cstr(&k), "unknown field",
						 "The story has the fields who, external_problem, internal_problem, why_it_matters, plan, stakes and success.");
		else if (field == F_STORY_PLAN)
			check_plan(w, &v, role);
		else if (v.type != jbvNull && v.type != jbvString)
			card_problem(w, card_cstr(&k), psprintf("expected a string, got %s", card_json_type(&v)),
						 "Story fields are free text or null.");
		else
			role->story[field] = card_text(&v);
	}
	card_path_pop(w, mark);
}

/* One component x of kind (a label index) at the current path; collects its name. */
static void
check_component(CardWalk *w, const JsonbValue *x, int kind, CardDupList *dups, int index)
{
	const CardCatalog *cat = w->cat;
	JsonbValue	store[N_COMP_FIELDS];
	JsonbValue *f[N_COMP_FIELDS];
	CardComponentRow *row;

	if (!card_is_object(x))
	{
		card_problem(w, NULL, psprintf("expected an object, got %s", card_json_type(x)),
					 "A component is an object with a name, and optionally prevalence, scope and description.");
		return;
	}
	card_read_fields(w, x->val.binary.data, component_fields, store, f,
					 "A component has the fields name, prevalence, scope and description.");
	if (card_is_string(f[F_COMP_NAME]))
		card_dup_add(dups, f[F_COMP_NAME]->val.string.val, f[F_COMP_NAME]->val.string.len, NULL, 0, index);
	row = card_list_add(&w->components);
	row->card = w->card;
	row->kind = kind;
	row->position = index + 1;
	row->name = card_text(f[F_COMP_NAME]);
	row->description = card_text(f[F_COMP_DESCRIPTION]);
	card_check_text(w, f[F_COMP_NAME], "name", "name", "A component needs a non-blank name.", RX_CARD_TEXT_MAX);
	row->prevalence = card_check_optional_enum(w, f[F_COMP_PREVALENCE], "prevalence", CV_PREVALENCE,
											   cat->default_prevalence, "prevalence", "The prevalence is one of");
	row->scope = card_check_optional_enum(w, f[F_COMP_SCOPE], "scope", CV_SCOPE, cat->default_scope,
										  "scope", "The scope is one of");
	card_check_optional_string(w, f[F_COMP_DESCRIPTION], "description", "The description is free text or null.");
}

/* The components of one kind: member k holding v, at the current path. */
static void
check_component_kind(CardWalk *w, const JsonbValue *k, const JsonbValue *v)
{
	int			core = rx_card_component_of_member(k->val.string.val, k->val.string.len);
	JsonbIterator *it;
	JsonbValue	x;
	CardDupList dups;

	if (core < 0)
	{
		card_problem(w, NULL, "unknown component kind", component_members_detail());
		return;
	}
	if (v->type == jbvNull)
		return;					/* no components of this kind */
	if (!card_is_array(v))
	{
		card_problem(w, NULL, psprintf("expected an array, got %s", card_json_type(v)),
					 "Each component kind holds an array of components such as {\"name\": \"Automation scripting\"}.");
		return;
	}
	it = JsonbIteratorInit(v->val.binary.data);
	card_dup_init(&dups, JsonContainerSize(v->val.binary.data));
	for (int i = 0; card_next_element(&it, &x); i++)
	{
		int			m = card_path_push_index(w, i);

		check_component(w, &x, w->cat->component_kind[core], &dups, i);
		card_path_pop(w, m);
	}
	card_report_duplicates(w, &dups, DUP_COMPONENTS);
}

/* The components member: arrays of components keyed by kind. */
static void
check_components(CardWalk *w, const JsonbValue *cv)
{
	JsonbIterator *it;
	JsonbValue	k;
	JsonbValue	v;
	int			top;

	if (!card_is_object(cv))
	{
		card_problem(w, "components", psprintf("expected an object, got %s", card_json_type(cv)),
					 "Components are an object of arrays keyed by kind: responsibilities, tasks, skills, knowledge, competencies, qualifications, outputs.");
		return;
	}
	top = card_path_push(w, "components", 10);
	it = JsonbIteratorInit(cv->val.binary.data);
	while (card_next_member(&it, &k, &v))
	{
		int			mark = card_path_push(w, k.val.string.val, k.val.string.len);

		check_component_kind(w, &k, &v);
		card_path_pop(w, mark);
	}
	card_path_pop(w, top);
}

/* One alias e at the current path; collects its text. */
static void
check_alias(CardWalk *w, const JsonbValue *e, CardDupList *dups, int index)
{
	JsonbValue	store[N_ALIAS_FIELDS];
	JsonbValue *f[N_ALIAS_FIELDS];
	CardAliasRow *row;

	if (!card_is_object(e))
	{
		card_problem(w, NULL, psprintf("expected an object, got %s", card_json_type(e)),
					 "An alias is an object with at least the alias text.");
		return;
	}
	card_read_fields(w, e->val.binary.data, alias_fields, store, f,
					 "An alias has the fields alias, type, confidence, approved, approved_by and approved_at.");
	if (card_is_string(f[F_ALIAS_ALIAS]))
		card_dup_add(dups, f[F_ALIAS_ALIAS]->val.string.val, f[F_ALIAS_ALIAS]->val.string.len, NULL, 0, index);
	row = card_list_add(&w->aliases);
	row->card = w->card;
	row->alias = card_text(f[F_ALIAS_ALIAS]);
	row->confidence = CARD_DEFAULT_CONFIDENCE;
	row->approved = card_is_absent(f[F_ALIAS_APPROVED]) ? -1 : f[F_ALIAS_APPROVED]->val.boolean;
	row->approved_by = card_text(f[F_ALIAS_APPROVED_BY]);
	card_check_text(w, f[F_ALIAS_ALIAS], "alias", "alias", "An alias needs its non-blank text.", RX_CARD_TEXT_MAX);
	row->type = card_check_optional_enum(w, f[F_ALIAS_TYPE], "type", CV_ALIAS_TYPE, w->cat->default_alias_type,
										 "alias type", "The alias type is one of");
	card_check_confidence(w, f[F_ALIAS_CONFIDENCE], &row->confidence);
	if (!card_is_absent(f[F_ALIAS_APPROVED]) && f[F_ALIAS_APPROVED]->type != jbvBool)
		card_problem(w, "approved",
					 psprintf("expected true, false or null, got %s", card_json_type(f[F_ALIAS_APPROVED])),
					 "approved is null until the alias is reviewed, then true or false.");
	card_check_optional_string(w, f[F_ALIAS_APPROVED_BY], "approved_by", "approved_by names the reviewer.");
	row->has_approved_at = card_check_time(w, f[F_ALIAS_APPROVED_AT], "approved_at", &row->approved_at);
	if (card_is_absent(f[F_ALIAS_APPROVED]) &&
		(!card_is_absent(f[F_ALIAS_APPROVED_BY]) || !card_is_absent(f[F_ALIAS_APPROVED_AT])))
		card_problem(w, "approved", "reviewer or review time given without a review",
					 "approved_by and approved_at record a review: give approved (true or false) with them, or leave them out.");
}

/* The aliases member. */
static void
check_aliases(CardWalk *w, const JsonbValue *v)
{
	JsonbIterator *it;
	JsonbValue	e;
	CardDupList dups;
	int			mark;

	if (!card_is_array(v))
	{
		card_problem(w, "aliases", psprintf("expected an array, got %s", card_json_type(v)),
					 "Aliases are an array of objects such as {\"alias\": \"DevOps Engineer\", \"type\": \"common\", \"confidence\": 0.6}.");
		return;
	}
	mark = card_path_push(w, "aliases", 7);
	card_dup_init(&dups, JsonContainerSize(v->val.binary.data));
	it = JsonbIteratorInit(v->val.binary.data);
	for (int i = 0; card_next_element(&it, &e); i++)
	{
		int			m = card_path_push_index(w, i);

		check_alias(w, &e, &dups, i);
		card_path_pop(w, m);
	}
	card_report_duplicates(w, &dups, DUP_ALIASES);
	card_path_pop(w, mark);
}

/* The code member, and the level it ends in, into *role. */
static void
check_code(CardWalk *w, const JsonbValue *v, CardCode *role)
{
	char	   *s;
	rx_error	err;
	CardProblem *p;

	role->valid = false;
	if (!card_is_string(v))
	{
		card_problem(w, "code", psprintf("expected a string, got %s", card_json_type(v)),
					 "A role card needs its role code, such as \"DEI.GEN.P1\".");
		return;
	}
	s = card_cstr(v);
	rx_clear(&err);
	if (rx_code_parse(s, strlen(s), &role->code, &err) != RX_OK)
		card_problem(w, "code", psprintf("invalid role code %s", card_json_text(v)),
					 card_parse_detail(&err, "rolecode", s));
	else if (!rx_code_level(role->code.text, role->code.len, role->code.info, &role->level))
		card_problem(w, "code", psprintf("role code %s has no level", card_json_text(v)),
					 "A role code ends in a level label, such as the P1 in DEI.GEN.P1.");
	else
	{
		role->valid = true;
		rx_code_family(role->code.text, role->code.len, role->code.info, &role->family);
		rx_level_format(role->level, role->level_text);
		p = card_lookup_problem(w, "code", psprintf("unknown level %s", role->level_text),
								"The level of a role must exist in table roleext.level; add it there first.",
								CL_LEVEL);
		p->level = role->level;
	}
}

/* The level member repeats the code's: upper(btrim(level)) must equal it. */
static void
check_level(CardWalk *w, const JsonbValue *v, const CardCode *role)
{
	if (card_is_absent(v) || !role->valid)
		return;
	if (card_is_string(v))
	{
		const char *s = v->val.string.val;
		int			len = v->val.string.len;

		while (len > 0 && s[0] == ' ')
			s++, len--;
		while (len > 0 && s[len - 1] == ' ')
			len--;
		if (strcmp(str_toupper(s, len, DEFAULT_COLLATION_OID), role->level_text) == 0)
			return;
	}
	card_problem(w, "level", psprintf("level %s is not the code's level %s", card_json_text(v), role->level_text),
				 "The level member repeats the level label of the code; leave it out or make them agree.");
}

/* The format member: left out, null, or the one this version reads. */
static void
check_format(CardWalk *w, const JsonbValue *v)
{
	static const char format[] = "roleext.role_card/1";

	if (!card_is_absent(v) &&
		!(card_is_string(v) && v->val.string.len == strlen(format) &&
		  memcmp(v->val.string.val, format, v->val.string.len) == 0))
		card_problem(w, "format", psprintf("unsupported format %s", card_json_text(v)),
					 "This version of roleext reads role cards of format \"roleext.role_card/1\".");
}

/*
 * Walk card w->card, value v, recording its problems in document order and
 * its role row, nodes, components, aliases and mappings.
 */
void
card_check_card(CardWalk *w, const JsonbValue *v)
{
	JsonbValue	store[N_CARD_FIELDS];
	JsonbValue *f[N_CARD_FIELDS];
	CardCode	role;
	CardRoleRow row = {0};

	if (!card_is_object(v))
	{
		card_problem(w, "$", psprintf("expected an object, got %s", card_json_type(v)),
					 "A role card is a JSON object with at least a code and a title.");
		return;
	}
	card_read_fields(w, v->val.binary.data, card_fields, store, f,
					 "A role card has the fields format, code, title, level, summary, taxonomy, story, components, aliases and mappings.");
	check_format(w, f[F_CARD_FORMAT]);
	check_code(w, f[F_CARD_CODE], &role);
	card_check_text(w, f[F_CARD_TITLE], "title", "title", "A role card needs a non-blank title.", RX_CARD_TEXT_MAX);
	check_level(w, f[F_CARD_LEVEL], &role);
	card_check_optional_string(w, f[F_CARD_SUMMARY], "summary", "The summary is free text or null.");

	if (!card_is_absent(f[F_CARD_TAXONOMY]))
		check_taxonomy(w, f[F_CARD_TAXONOMY], &role);
	else if (role.valid)
	{
		CardProblem *p = card_lookup_problem(w, "taxonomy",
											 psprintf("missing, and node %s is not in the database", role.family.text),
											 "A card without a taxonomy chain can only name a node that already exists.",
											 CL_TAXONOMY);

		p->node = palloc(sizeof(rx_code));
		*p->node = role.family;
	}
	if (!card_is_absent(f[F_CARD_STORY]))
		check_story(w, f[F_CARD_STORY], &row);
	if (!card_is_absent(f[F_CARD_COMPONENTS]))
		check_components(w, f[F_CARD_COMPONENTS]);
	if (!card_is_absent(f[F_CARD_ALIASES]))
		check_aliases(w, f[F_CARD_ALIASES]);
	check_mappings(w, f[F_CARD_MAPPINGS], -1);

	if (role.valid)
	{
		row.card = w->card;
		row.code = role.code;
		row.title = card_text(f[F_CARD_TITLE]);
		row.summary = card_text(f[F_CARD_SUMMARY]);
		*(CardRoleRow *) card_list_add(&w->roles) = row;
	}
}
