/*
 * card_batch.c — a document of role cards read once: card_parse().
 *
 * card_parse(doc, single, rows) walks one card (single) or a JSON array of
 * cards and returns a card_batch (sql/60_card_validate.sql): the problems
 * of the document, and the rows the import writes.  The rows are those the
 * cards leave when imported one by one, in order (doc/role-card.md,
 * "Batches"): a role is its last card; a node takes the kind and name of
 * its last mention, the parent and the description of the last mention
 * that gives them; a catalogue component keeps the last description given;
 * a node's mapping is the last card's that lists it.
 *
 * Every row set that other imports may also write (nodes, catalogue
 * components, roles, node mappings) comes sorted by its key, so that the
 * importer takes its row locks in one global order (see import_role_cards
 * in sql/61_card_import.sql).
 */
#include "card_glue.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "code_glue.h"

/* What a parse produces, besides the walk's own lists. */
typedef struct CardOut
{
	const CardCatalog *cat;
	CardWalk   *w;
	bool		single;
	int			ncards;
	bool	   *sound;			/* per card: no problem of its own */
	bool		all_sound;		/* neither the batch nor any card has one */
	bool	   *last;			/* per card: the last card of its code */
	const rx_code **codes;		/* per card: its role code */
} CardOut;

/* ---- reading the document ---------------------------------------------- */

/* The root of a jsonb as a value: a scalar, or the container. */
static void
card_root(Jsonb *jb, JsonbValue *v)
{
	if (JB_ROOT_IS_SCALAR(jb))
		JsonbExtractScalar(&jb->root, v);
	else
	{
		v->type = jbvBinary;
		v->val.binary.data = &jb->root;
		v->val.binary.len = VARSIZE(jb) - VARHDRSZ;
	}
}

/* Walk one card: its problems, then whether it is sound. */
static void
card_walk_one(CardOut *o, int i, const JsonbValue *v)
{
	CardWalk   *w = o->w;

	w->card = i;
	w->card_problems = 0;
	card_path_pop(w, 0);
	card_check_card(w, v);
	o->sound[i] = w->card_problems == 0;
}

/* Walk the document: one card, or every element of a batch. */
static void
card_walk_document(CardOut *o, Jsonb *jb)
{
	CardWalk   *w = o->w;
	JsonbValue	root;

	if (jb == NULL || (!o->single && !JB_ROOT_IS_ARRAY(jb)) || (!o->single && JB_ROOT_IS_SCALAR(jb)))
	{
		const char *type = "missing";

		if (jb != NULL)
		{
			card_root(jb, &root);
			type = card_json_type(&root);
		}
		w->card = -1;
		card_problem(w, "$", psprintf("expected %s, got %s", o->single ? "an object" : "an array", type),
					 o->single ? "A role card is a JSON object with at least a code and a title."
					 : "A batch of role cards is a JSON array of role card objects.");
		o->ncards = 0;
		return;
	}
	if (o->single)
	{
		o->ncards = 1;
		o->sound = palloc(sizeof(bool));
		card_root(jb, &root);
		card_walk_one(o, 0, &root);
	}
	else
	{
		JsonbIterator *it = JsonbIteratorInit(&jb->root);
		JsonbValue	e;

		o->ncards = JB_ROOT_COUNT(jb);
		o->sound = palloc(Max(o->ncards, 1) * sizeof(bool));
		for (int i = 0; card_next_element(&it, &e); i++)
			card_walk_one(o, i, &e);
	}
}

/* ---- sorting and merging ---------------------------------------------- */

/* Order of two texts: bytes, then length. */
static int
text_cmp(CardText a, CardText b)
{
	int			c = memcmp(a.s, b.s, Min(a.len, b.len));

	if (c != 0)
		return c;
	return a.len < b.len ? -1 : (a.len > b.len ? 1 : 0);
}

/* Order of two codes. */
static int
code_cmp(const rx_code *a, const rx_code *b)
{
	return rx_code_compare(a->text, a->len, b->text, b->len);
}

#define INT_CMP(a, b) ((a) < (b) ? -1 : ((a) > (b) ? 1 : 0))

/* Nodes by code, then card, then place in the chain. */
static int
node_cmp(const void *x, const void *y)
{
	const CardNodeRow *a = *(CardNodeRow *const *) x;
	const CardNodeRow *b = *(CardNodeRow *const *) y;
	int			c = code_cmp(&a->code, &b->code);

	if (c == 0)
		c = INT_CMP(a->card, b->card);
	return c != 0 ? c : INT_CMP(a->pos, b->pos);
}

/* Roles by code, then card. */
static int
role_cmp(const void *x, const void *y)
{
	const CardRoleRow *a = *(CardRoleRow *const *) x;
	const CardRoleRow *b = *(CardRoleRow *const *) y;
	int			c = code_cmp(&a->code, &b->code);

	return c != 0 ? c : INT_CMP(a->card, b->card);
}

/* Components by kind and name, then card. */
static int
component_cmp(const void *x, const void *y)
{
	const CardComponentRow *a = *(CardComponentRow *const *) x;
	const CardComponentRow *b = *(CardComponentRow *const *) y;
	int			c = INT_CMP(a->kind, b->kind);

	if (c == 0)
		c = text_cmp(a->name, b->name);
	return c != 0 ? c : INT_CMP(a->card, b->card);
}

/* Node mappings by node, scheme and code (without the card). */
static int
node_mapping_key_cmp(const CardMappingRow *a, const CardMappingRow *b, const CardList *nodes)
{
	int			c = code_cmp(&CARD_ITEM(nodes, CardNodeRow, a->node)->code,
							 &CARD_ITEM(nodes, CardNodeRow, b->node)->code);

	if (c == 0)
		c = INT_CMP(a->scheme, b->scheme);
	if (c == 0)
		c = a->has_soc ? INT_CMP(a->soc, b->soc) : text_cmp(a->isco08, b->isco08);
	return c;
}

/* Node mappings by key, then card. */
static int
node_mapping_cmp(const void *x, const void *y, void *arg)
{
	const CardMappingRow *a = *(CardMappingRow *const *) x;
	const CardMappingRow *b = *(CardMappingRow *const *) y;
	int			c = node_mapping_key_cmp(a, b, arg);

	return c != 0 ? c : INT_CMP(a->card, b->card);
}

/* Pointers to the items of l that keep() accepts, sorted by cmp. */
static void **
card_sorted(const CardList *l, bool (*keep) (const CardOut *, const void *), const CardOut *o,
			int (*cmp) (const void *, const void *), int *n)
{
	void	  **p = palloc(Max(l->n, 1) * sizeof(void *));

	*n = 0;
	for (int i = 0; i < l->n; i++)
	{
		void	   *item = l->items + i * l->size;

		if (keep == NULL || keep(o, item))
			p[(*n)++] = item;
	}
	if (cmp != NULL)
		qsort(p, *n, sizeof(void *), cmp);
	return p;
}

/*
 * Which card of each code is the last, and each card's code.  Every card
 * of a sound batch has a role row.
 */
static void
card_find_last(CardOut *o)
{
	int			n;
	CardRoleRow **roles = (CardRoleRow **) card_sorted(&o->w->roles, NULL, o, role_cmp, &n);

	o->last = palloc0(Max(o->ncards, 1) * sizeof(bool));
	o->codes = palloc0(Max(o->ncards, 1) * sizeof(rx_code *));
	for (int i = 0; i < n; i++)
	{
		o->codes[roles[i]->card] = &roles[i]->code;
		if (i == n - 1 || code_cmp(&roles[i]->code, &roles[i + 1]->code) != 0)
			o->last[roles[i]->card] = true;
	}
}

/* ---- building the composite values ------------------------------------ */

/* A text Datum, or null. */
static Datum
text_datum(CardText t, bool *isnull)
{
	*isnull = t.s == NULL;
	return t.s == NULL ? (Datum) 0 : PointerGetDatum(cstring_to_text_with_len(t.s, t.len));
}

/* The Datum of label i of an enum. */
static Datum
enum_datum(const CardOut *o, CardVocabId v, int i)
{
	return ObjectIdGetDatum(o->cat->vocab[v].oids[i]);
}

/* The path a user sees: the card's index in front of it in a batch. */
static char *
display_path(const CardOut *o, int card, const char *path)
{
	if (o->single || card < 0)
		return (char *) path;
	if (strcmp(path, "$") == 0)
		return psprintf("[%d]", card);
	return psprintf("[%d].%s", card, path);
}

/* An array of composite values of type t. */
static Datum
composite_array(const CardOut *o, CardTypeId t, Datum *elems, int n)
{
	return PointerGetDatum(construct_array(elems, n, o->cat->types[t], -1, false, TYPALIGN_DOUBLE));
}

/* One composite value of type t. */
static Datum
composite(const CardOut *o, CardTypeId t, Datum *values, bool *nulls)
{
	return HeapTupleGetDatum(heap_form_tuple(o->cat->descs[t], values, nulls));
}

/* The problems that still hold: card_problem[]. */
static Datum
out_problems(const CardOut *o)
{
	const CardList *l = &o->w->problems;
	Datum	   *elems = palloc(Max(l->n, 1) * sizeof(Datum));
	int			n = 0;

	for (int i = 0; i < l->n; i++)
	{
		CardProblem *p = CARD_ITEM(l, CardProblem, i);
		Datum		v[8];
		bool		nulls[8] = {false, false, false, false, true, true, true, true};

		if (p->resolved)
			continue;
		v[0] = Int32GetDatum(p->card);
		v[1] = CStringGetTextDatum(display_path(o, p->card, p->path));
		v[2] = CStringGetTextDatum(p->problem);
		v[3] = CStringGetTextDatum(p->detail);
		if (p->lookup != CL_NONE)
		{
			static const char *const names[] = {NULL, "level", "taxonomy", "soc2018", "onet2019", "soc2010"};

			v[4] = CStringGetTextDatum(names[p->lookup]);
			nulls[4] = false;
		}
		if (p->lookup == CL_LEVEL)
			v[5] = Int32GetDatum(p->level), nulls[5] = false;
		if (p->lookup == CL_TAXONOMY)
			v[6] = PointerGetDatum(code_make_datum(p->node)), nulls[6] = false;
		if (p->lookup >= CL_SOC2018)
			v[7] = Int32GetDatum(p->soc), nulls[7] = false;
		elems[n++] = composite(o, CT_PROBLEM, v, nulls);
	}
	return composite_array(o, CT_PROBLEM, elems, n);
}

/*
 * The nodes of the batch, one per code, merged: card_node[].  A node's
 * card and path are those of its last mention.
 */
static Datum
out_nodes(const CardOut *o)
{
	int			n;
	CardNodeRow **m = (CardNodeRow **) card_sorted(&o->w->nodes, NULL, o, node_cmp, &n);
	Datum	   *elems = palloc(Max(n, 1) * sizeof(Datum));
	int			ne = 0;

	for (int i = 0; i < n;)
	{
		int			j = i + 1;
		CardNodeRow *last,
				   *placed = NULL,
				   *described = NULL;
		Datum		v[9];
		bool		nulls[9] = {false};

		while (j < n && code_cmp(&m[i]->code, &m[j]->code) == 0)
			j++;
		last = m[j - 1];
		for (int k = i; k < j; k++)
		{
			if (m[k]->pos > 0)
				placed = m[k];
			if (m[k]->has_description)
				described = m[k];
		}
		v[0] = Int32GetDatum(last->card);
		v[1] = CStringGetTextDatum(display_path(o, last->card, last->path));
		v[2] = PointerGetDatum(code_make_datum(&last->code));
		v[3] = enum_datum(o, CV_NODE_KIND, last->kind);
		v[4] = text_datum(last->name, &nulls[4]);
		v[5] = BoolGetDatum(placed != NULL);
		nulls[6] = placed == NULL;
		v[6] = placed ? PointerGetDatum(code_make_datum(&placed->parent)) : (Datum) 0;
		v[7] = BoolGetDatum(described != NULL);
		if (described != NULL)
			v[8] = text_datum(described->description, &nulls[8]);
		else
			nulls[8] = true;
		elems[ne++] = composite(o, CT_NODE, v, nulls);
		i = j;
	}
	return composite_array(o, CT_NODE, elems, ne);
}

/* The role rows of the last card of each code, by code: card_role[]. */
static Datum
out_roles(const CardOut *o)
{
	int			n;
	CardRoleRow **r = (CardRoleRow **) card_sorted(&o->w->roles, NULL, o, role_cmp, &n);
	Datum	   *elems = palloc(Max(n, 1) * sizeof(Datum));
	int			ne = 0;

	for (int i = 0; i < n; i++)
	{
		CardRoleRow *row = r[i];
		Datum		v[10];
		bool		nulls[10] = {false};
		Datum	   *plan;

		if (!o->last[row->card])
			continue;
		/* code, title, summary, who .. why_it_matters, plan, stakes, success */
		v[0] = PointerGetDatum(code_make_datum(&row->code));
		v[1] = text_datum(row->title, &nulls[1]);
		v[2] = text_datum(row->summary, &nulls[2]);
		for (int s = 0; s < 6; s++)
			v[s < 4 ? 3 + s : 4 + s] = text_datum(row->story[s], &nulls[s < 4 ? 3 + s : 4 + s]);
		plan = palloc(Max(row->nplan, 1) * sizeof(Datum));
		for (int s = 0; s < row->nplan; s++)
			plan[s] = PointerGetDatum(cstring_to_text_with_len(row->plan[s].s, row->plan[s].len));
		v[7] = PointerGetDatum(construct_array(plan, row->nplan, TEXTOID, -1, false, TYPALIGN_INT));
		elems[ne++] = composite(o, CT_ROLE, v, nulls);
	}
	return composite_array(o, CT_ROLE, elems, ne);
}

/* A card_component value; role NULL for the catalogue. */
static Datum
component_value(const CardOut *o, const CardComponentRow *c, bool catalogue, CardText description)
{
	Datum		v[7];
	bool		nulls[7] = {catalogue, false, false, catalogue, catalogue, catalogue, false};

	v[0] = catalogue ? (Datum) 0 : PointerGetDatum(code_make_datum(o->codes[c->card]));
	v[1] = enum_datum(o, CV_COMPONENT_KIND, c->kind);
	v[2] = text_datum(c->name, &nulls[2]);
	v[3] = catalogue ? (Datum) 0 : enum_datum(o, CV_PREVALENCE, c->prevalence);
	v[4] = catalogue ? (Datum) 0 : enum_datum(o, CV_SCOPE, c->scope);
	v[5] = Int32GetDatum(c->position);
	v[6] = text_datum(description, &nulls[6]);
	return composite(o, CT_COMPONENT, v, nulls);
}

/* The catalogue: every component of the batch once, by kind and name, with the last description given. */
static Datum
out_catalogue(const CardOut *o)
{
	int			n;
	CardComponentRow **c = (CardComponentRow **) card_sorted(&o->w->components, NULL, o, component_cmp, &n);
	Datum	   *elems = palloc(Max(n, 1) * sizeof(Datum));
	int			ne = 0;

	for (int i = 0; i < n;)
	{
		int			j = i + 1;
		CardText	description = {NULL, 0};

		while (j < n && c[i]->kind == c[j]->kind && text_cmp(c[i]->name, c[j]->name) == 0)
			j++;
		for (int k = i; k < j; k++)
			if (c[k]->description.s != NULL)
				description = c[k]->description;
		elems[ne++] = component_value(o, c[i], true, description);
		i = j;
	}
	return composite_array(o, CT_COMPONENT, elems, ne);
}

/* Keep the rows of the last card of each code. */
static bool
of_last_card(const CardOut *o, const void *row)
{
	/* every row struct starts with its card */
	return o->last[*(const int *) row];
}

/* The components of the roles: card_component[]. */
static Datum
out_components(const CardOut *o)
{
	int			n;
	CardComponentRow **c = (CardComponentRow **) card_sorted(&o->w->components, of_last_card, o, NULL, &n);
	Datum	   *elems = palloc(Max(n, 1) * sizeof(Datum));

	for (int i = 0; i < n; i++)
		elems[i] = component_value(o, c[i], false, c[i]->description);
	return composite_array(o, CT_COMPONENT, elems, n);
}

/* The aliases of the roles: card_alias[]. */
static Datum
out_aliases(const CardOut *o)
{
	int			n;
	CardAliasRow **a = (CardAliasRow **) card_sorted(&o->w->aliases, of_last_card, o, NULL, &n);
	Datum	   *elems = palloc(Max(n, 1) * sizeof(Datum));

	for (int i = 0; i < n; i++)
	{
		Datum		v[7];
		bool		nulls[7] = {false, false, false, false, a[i]->approved < 0, false, !a[i]->has_approved_at};

		v[0] = PointerGetDatum(code_make_datum(o->codes[a[i]->card]));
		v[1] = text_datum(a[i]->alias, &nulls[1]);
		v[2] = enum_datum(o, CV_ALIAS_TYPE, a[i]->type);
		v[3] = Int16GetDatum(a[i]->confidence);
		v[4] = BoolGetDatum(a[i]->approved > 0);
		v[5] = text_datum(a[i]->approved_by, &nulls[5]);
		v[6] = TimestampTzGetDatum(a[i]->approved_at);
		elems[i] = composite(o, CT_ALIAS, v, nulls);
	}
	return composite_array(o, CT_ALIAS, elems, n);
}

/* A card_mapping value, of a node (role NULL) or of a role. */
static Datum
mapping_value(const CardOut *o, const CardMappingRow *m)
{
	Datum		v[11];
	bool		nulls[11] = {false};

	nulls[0] = m->node >= 0;
	nulls[1] = m->node < 0;
	if (m->node < 0)
		v[0] = PointerGetDatum(code_make_datum(o->codes[m->card]));
	else
		v[1] = PointerGetDatum(code_make_datum(&CARD_ITEM(&o->w->nodes, CardNodeRow, m->node)->code));
	v[2] = enum_datum(o, CV_SCHEME, m->scheme);
	nulls[3] = !m->has_soc;
	v[3] = Int32GetDatum(m->soc);
	v[4] = text_datum(m->isco08, &nulls[4]);
	v[5] = enum_datum(o, CV_SOURCE, m->source);
	v[6] = enum_datum(o, CV_REVIEW_STATUS, m->review_status);
	nulls[7] = !m->has_confidence;
	v[7] = Int16GetDatum(m->confidence);
	v[8] = text_datum(m->reviewer, &nulls[8]);
	nulls[9] = !m->has_reviewed_at;
	v[9] = TimestampTzGetDatum(m->reviewed_at);
	v[10] = text_datum(m->note, &nulls[10]);
	return composite(o, CT_MAPPING, v, nulls);
}

/* Keep node mappings. */
static bool
of_node(const CardOut *o, const void *row)
{
	return ((const CardMappingRow *) row)->node >= 0;
}

/* Keep the role mappings of the last card of each code. */
static bool
of_last_role(const CardOut *o, const void *row)
{
	return ((const CardMappingRow *) row)->node < 0 && of_last_card(o, row);
}

/*
 * The mappings: the nodes' first, one per key (the last card's), sorted by
 * key; then the roles'.  card_mapping[].
 */
static Datum
out_mappings(const CardOut *o)
{
	int			nn,
				nr;
	CardMappingRow **nm = (CardMappingRow **) card_sorted(&o->w->mappings, of_node, o, NULL, &nn);
	CardMappingRow **rm = (CardMappingRow **) card_sorted(&o->w->mappings, of_last_role, o, NULL, &nr);
	Datum	   *elems = palloc(Max(nn + nr, 1) * sizeof(Datum));
	int			ne = 0;

	qsort_arg(nm, nn, sizeof(void *), node_mapping_cmp, (void *) &o->w->nodes);
	for (int i = 0; i < nn; i++)
		if (i == nn - 1 || node_mapping_key_cmp(nm[i], nm[i + 1], &o->w->nodes) != 0)
			elems[ne++] = mapping_value(o, nm[i]);
	for (int i = 0; i < nr; i++)
		elems[ne++] = mapping_value(o, rm[i]);
	return composite_array(o, CT_MAPPING, elems, ne);
}

/* The role code of every card, in card order: rolecode[]. */
static Datum
out_codes(const CardOut *o)
{
	Datum	   *elems = palloc(Max(o->ncards, 1) * sizeof(Datum));
	int16		typlen;
	bool		typbyval;
	char		typalign;

	get_typlenbyvalalign(o->cat->rolecode_oid, &typlen, &typbyval, &typalign);
	for (int i = 0; i < o->ncards; i++)
		elems[i] = PointerGetDatum(code_make_datum(o->codes[i]));
	return PointerGetDatum(construct_array(elems, o->ncards, o->cat->rolecode_oid, typlen, typbyval, typalign));
}

/* ---- the batch's own nodes ---------------------------------------------- */

/*
 * A taxonomy lookup holds unless the database has the node, or another
 * sound card of the batch does: for a card without a chain, any chain of
 * the batch that holds the node; for the first node of a chain, a chain
 * that places it under a parent.
 */
static void
card_resolve_in_batch(CardOut *o)
{
	CardWalk   *w = o->w;
	int			n;
	CardNodeRow **m;

	if (o->single)
		return;
	m = (CardNodeRow **) card_sorted(&w->nodes, NULL, o, node_cmp, &n);
	for (int i = 0; i < w->problems.n; i++)
	{
		CardProblem *p = CARD_ITEM(&w->problems, CardProblem, i);

		if (p->lookup != CL_TAXONOMY)
			continue;
		for (int k = 0; k < n && !p->resolved; k++)
			if (o->sound[m[k]->card] && code_cmp(&m[k]->code, p->node) == 0 &&
				(!p->chain_start || m[k]->pos > 0))
				p->resolved = true;
	}
}

/* ---- the SQL function --------------------------------------------------- */

/*
 * The problems and rows of a role card (single) or of a JSON array of role
 * cards, as a card_batch: problems in document order, card by card, with
 * the key of the ones that hold unless the database has it; and, when the
 * document has no problem of its own, its merged nodes and (with rows) the
 * rows the import writes.  Never raises an error for any document.
 */
PG_FUNCTION_INFO_V1(card_parse);
Datum
card_parse(PG_FUNCTION_ARGS)
{
	Jsonb	   *jb = PG_ARGISNULL(0) ? NULL : PG_GETARG_JSONB_P(0);
	bool		rows = !PG_ARGISNULL(2) && PG_GETARG_BOOL(2);
	CardOut		o = {0};
	CardWalk	w = {0};
	MemoryContext walkcxt;
	MemoryContext old;
	Datum		result;
	Datum		v[8];
	bool		nulls[8] = {false, true, true, true, true, true, true, true};

	o.cat = card_catalog(fcinfo);
	o.single = !PG_ARGISNULL(1) && PG_GETARG_BOOL(1);
	o.w = &w;
	if (!OidIsValid(o.cat->types[CT_BATCH]))
		elog(ERROR, "roleext: the card types are missing");
	w.cat = o.cat;
	card_list_init(&w.problems, sizeof(CardProblem));
	card_list_init(&w.nodes, sizeof(CardNodeRow));
	card_list_init(&w.roles, sizeof(CardRoleRow));
	card_list_init(&w.components, sizeof(CardComponentRow));
	card_list_init(&w.aliases, sizeof(CardAliasRow));
	card_list_init(&w.mappings, sizeof(CardMappingRow));

	/* the walk's memory goes with it; only the result is copied out */
	walkcxt = AllocSetContextCreate(CurrentMemoryContext, "role card walk", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(walkcxt);
	initStringInfo(&w.path);
	card_walk_document(&o, jb);
	o.all_sound = true;
	for (int i = 0; i < w.problems.n; i++)
		if (CARD_ITEM(&w.problems, CardProblem, i)->lookup == CL_NONE)
			o.all_sound = false;
	card_resolve_in_batch(&o);
	if (o.all_sound)
		card_find_last(&o);

	v[0] = out_problems(&o);
	if (o.all_sound)
	{
		v[1] = out_codes(&o);
		v[2] = out_nodes(&o);
		nulls[1] = nulls[2] = false;
		if (rows)
		{
			v[3] = out_roles(&o);
			v[4] = out_catalogue(&o);
			v[5] = out_components(&o);
			v[6] = out_aliases(&o);
			v[7] = out_mappings(&o);
			for (int i = 3; i < 8; i++)
				nulls[i] = false;
		}
	}
	result = composite(&o, CT_BATCH, v, nulls);
	MemoryContextSwitchTo(old);
	result = datumCopy(result, false, -1);
	MemoryContextDelete(walkcxt);
	PG_RETURN_DATUM(result);
}
