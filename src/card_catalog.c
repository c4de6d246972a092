/*
 * card_catalog.c — the card vocabularies, read from the catalog.
 *
 * The values a card may give for a kind, prevalence, scope, alias type,
 * scheme, source or review status are the labels of the SQL enums of
 * sql/50_schema.sql; this file reads them from pg_enum, in the enums'
 * order, so that the validator and the tables cannot disagree on them.
 * It also finds the composite types card_parse returns.  What it reads is
 * kept per backend, for the schema the calling function lives in, until a
 * type or an enum label changes (a syscache invalidation).
 */
#include "card_glue.h"

#include "access/htup_details.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_type.h"
#include "utils/catcache.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

/* The enums, by CardVocabId. */
static const char *const vocab_types[CV_COUNT] = {
	"node_kind", "component_kind", "component_prevalence", "component_scope",
	"alias_type", "mapping_scheme", "mapping_source", "review_status"
};

/* The composite types, by CardTypeId. */
static const char *const composite_types[CT_COUNT] = {
	"card_problem", "card_node", "card_role", "card_component", "card_alias",
	"card_mapping", "card_batch"
};

static CardCatalog *catalog;	/* NULL until built */
static MemoryContext catalog_cxt;
static uint64 catalog_generation;	/* bumped by every invalidation */
static uint64 catalog_built;	/* the generation catalog was built in */
static bool catalog_callbacks;

/* Any change to a type or an enum label: read the catalog again. */
static void
card_catalog_invalidate(Datum arg, int cacheid, uint32 hashvalue)
{
	catalog_generation++;
}

/* The OID of type name in schema nsp; an error when it is missing. */
static Oid
card_type_oid(Oid nsp, const char *name)
{
	Oid			typid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
										CStringGetDatum(name), ObjectIdGetDatum(nsp));

	if (!OidIsValid(typid))
		elog(ERROR, "roleext: type %s.%s does not exist", get_namespace_name(nsp), name);
	return typid;
}

/* Order of two pg_enum rows by enumsortorder. */
static int
enum_row_cmp(const void *a, const void *b)
{
	const Form_pg_enum p = (Form_pg_enum) GETSTRUCT(*(const HeapTuple *) a);
	const Form_pg_enum q = (Form_pg_enum) GETSTRUCT(*(const HeapTuple *) b);

	return p->enumsortorder < q->enumsortorder ? -1 : (p->enumsortorder > q->enumsortorder ? 1 : 0);
}

/* Read the labels of enum typid into v (in the current memory context). */
static void
card_read_vocab(CardVocab *v, Oid typid)
{
	CatCList   *list = SearchSysCacheList1(ENUMTYPOIDNAME, ObjectIdGetDatum(typid));
	HeapTuple  *rows = palloc(Max(list->n_members, 1) * sizeof(HeapTuple));
	StringInfoData buf;

	for (int i = 0; i < list->n_members; i++)
		rows[i] = &list->members[i]->tuple;
	qsort(rows, list->n_members, sizeof(HeapTuple), enum_row_cmp);
	v->typid = typid;
	v->n = list->n_members;
	v->labels = palloc(Max(v->n, 1) * sizeof(char *));
	v->lens = palloc(Max(v->n, 1) * sizeof(int));
	v->oids = palloc(Max(v->n, 1) * sizeof(Oid));
	initStringInfo(&buf);
	for (int i = 0; i < v->n; i++)
	{
		Form_pg_enum e = (Form_pg_enum) GETSTRUCT(rows[i]);

		v->labels[i] = pstrdup(NameStr(e->enumlabel));
		v->lens[i] = strlen(v->labels[i]);
		v->oids[i] = e->oid;
		appendStringInfo(&buf, "%s%s", i > 0 ? ", " : "", v->labels[i]);
	}
	v->list = buf.data;
	ReleaseSysCacheList(list);
}

/* The index of a label the card format itself names; an error when missing. */
static int
card_format_label(const CardCatalog *c, CardVocabId vocab, const char *label)
{
	int			i = card_label_index(&c->vocab[vocab], label, strlen(label));

	if (i < 0)
		elog(ERROR, "roleext: \"%s\" is not a label of enum %s", label, vocab_types[vocab]);
	return i;
}

/* Read everything the card glue needs from schema nsp. */
static CardCatalog *
card_catalog_build(Oid nsp)
{
	CardCatalog *c = palloc0(sizeof(CardCatalog));
	const CardVocab *schemes;

	c->nsp = nsp;
	for (int v = 0; v < CV_COUNT; v++)
		card_read_vocab(&c->vocab[v], card_type_oid(nsp, vocab_types[v]));
	for (int t = 0; t < CT_COUNT; t++)
	{
		c->types[t] = card_type_oid(nsp, composite_types[t]);
		c->descs[t] = lookup_rowtype_tupdesc_copy(c->types[t], -1);
	}
	c->rolecode_oid = card_type_oid(nsp, "rolecode");

	for (int i = 0; i < RX_CARD_COMPONENT_KINDS; i++)
		c->component_kind[i] = card_format_label(c, CV_COMPONENT_KIND, rx_card_component_label(i));
	schemes = &c->vocab[CV_SCHEME];
	c->scheme_rule = palloc(Max(schemes->n, 1) * sizeof(rx_card_scheme));
	for (int i = 0; i < schemes->n; i++)
		c->scheme_rule[i] = rx_card_scheme_of(schemes->labels[i], schemes->lens[i]);

	/* the format's defaults for members a card leaves out */
	c->default_prevalence = card_format_label(c, CV_PREVALENCE, "common");
	c->default_scope = card_format_label(c, CV_SCOPE, "role");
	c->default_alias_type = card_format_label(c, CV_ALIAS_TYPE, "common");
	c->default_scheme = card_format_label(c, CV_SCHEME, "soc2018");
	c->default_source = card_format_label(c, CV_SOURCE, "manual");
	c->default_review_status = card_format_label(c, CV_REVIEW_STATUS, "needs_review");
	return c;
}

/*
 * The catalog of the schema the calling function lives in (the extension's
 * schema), built on first use and after any invalidation.
 */
const CardCatalog *
card_catalog(FunctionCallInfo fcinfo)
{
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	MemoryContext old;
	uint64		generation;

	if (catalog != NULL && catalog_built == catalog_generation && catalog->nsp == nsp)
		return catalog;
	if (!catalog_callbacks)
	{
		CacheRegisterSyscacheCallback(TYPEOID, card_catalog_invalidate, (Datum) 0);
		CacheRegisterSyscacheCallback(ENUMOID, card_catalog_invalidate, (Datum) 0);
		catalog_callbacks = true;
	}
	if (catalog_cxt == NULL)
		catalog_cxt = AllocSetContextCreate(CacheMemoryContext, "roleext card catalog",
											ALLOCSET_SMALL_SIZES);
	catalog = NULL;
	MemoryContextReset(catalog_cxt);
	generation = catalog_generation;
	old = MemoryContextSwitchTo(catalog_cxt);
	catalog = card_catalog_build(nsp);
	MemoryContextSwitchTo(old);
	/* an invalidation while reading leaves it to be read again next time */
	catalog_built = generation;
	return catalog;
}

/* The index of label s[0..len) in v, or -1. */
int
card_label_index(const CardVocab *v, const char *s, int len)
{
	for (int i = 0; i < v->n; i++)
		if (v->lens[i] == len && memcmp(v->labels[i], s, len) == 0)
			return i;
	return -1;
}
