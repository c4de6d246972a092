/*
 * card_walk.c — the machinery of the card walk: paths, problems, JSON
 * values and the checks every member uses (card_glue.h).
 *
 * The walk never raises an error for any document: a bad value is a
 * problem row with the path users see (components.skills[3].name, $ for
 * the document itself) and a sentence saying what was expected.  The
 * texts are those the tests hold.
 */
#include "card_glue.h"

#include "catalog/pg_collation_d.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/json.h"
#include "utils/varlena.h"

#include "core/confidence.h"

#define CONFIDENCE_FORM \
	"A confidence is a number from 0 to 1 or a string such as \"60%\"."
#define TIME_FORM \
	"A time is an ISO 8601 string such as \"2026-11-26T10:00:00Z\"."

/* An empty list of items of the given size. */
void
card_list_init(CardList *l, Size size)
{
	l->items = NULL;
	l->n = 0;
	l->max = 0;
	l->size = size;
}

/* A new zeroed item at the end of l; pointers into l last until the next add. */
void *
card_list_add(CardList *l)
{
	void	   *item;

	if (l->n == l->max)
	{
		l->max = l->max ? l->max * 2 : 16;
		l->items = l->items ? repalloc(l->items, l->max * l->size) : palloc(l->max * l->size);
	}
	item = l->items + l->n++ * l->size;
	memset(item, 0, l->size);
	return item;
}

/* Extend the path by ".member" (by "member" at the top); returns the mark. */
int
card_path_push(CardWalk *w, const char *member, int len)
{
	int			mark = w->path.len;

	if (mark > 0)
		appendStringInfoChar(&w->path, '.');
	appendBinaryStringInfo(&w->path, member, len);
	return mark;
}

/* Extend the path by "[i]"; returns the mark. */
int
card_path_push_index(CardWalk *w, int i)
{
	int			mark = w->path.len;

	appendStringInfo(&w->path, "[%d]", i);
	return mark;
}

/* Cut the path back to a mark. */
void
card_path_pop(CardWalk *w, int mark)
{
	w->path.len = mark;
	w->path.data[mark] = '\0';
}

/* The current path, followed by ".member" when member is given. */
char *
card_path_of(CardWalk *w, const char *member)
{
	if (member == NULL)
		return pstrdup(w->path.data);
	if (w->path.len == 0)
		return pstrdup(member);
	return psprintf("%s.%s", w->path.data, member);
}

/* Append a problem of the current card; the strings must outlive the walk. */
static CardProblem *
card_add(CardWalk *w, char *path, char *message, const char *detail, CardLookup lookup)
{
	CardProblem *p = card_list_add(&w->problems);

	p->card = w->card;
	p->path = path;
	p->problem = message;
	p->detail = detail;
	p->lookup = lookup;
	if (lookup == CL_NONE)
		w->card_problems++;
	return p;
}

/* Record a problem of the document at the current path (+ ".member"). */
void
card_problem(CardWalk *w, const char *member, char *message, const char *detail)
{
	card_add(w, card_path_of(w, member), message, detail, CL_NONE);
}

/*
 * Record a problem that holds unless its key is found by lookup; the caller
 * fills in the key.
 */
CardProblem *
card_lookup_problem(CardWalk *w, const char *member, char *message, const char *detail,
					CardLookup lookup)
{
	return card_add(w, card_path_of(w, member), message, detail, lookup);
}

/* The JSON type name of v as jsonb_typeof() gives it; "missing" for NULL. */
const char *
card_json_type(const JsonbValue *v)
{
	if (v == NULL)
		return "missing";
	switch (v->type)
	{
		case jbvNull:
			return "null";
		case jbvString:
			return "string";
		case jbvNumeric:
			return "number";
		case jbvBool:
			return "boolean";
		case jbvBinary:
			return JsonContainerIsObject(v->val.binary.data) ? "object" : "array";
		default:
			return "unknown";
	}
}

/* The string value of v as a palloc'd C string (jsonb strings hold no NUL). */
char *
card_cstr(const JsonbValue *v)
{
	return pnstrdup(v->val.string.val, v->val.string.len);
}

/* A C string as a JSON string literal: to_jsonb(s)::text in SQL. */
char *
card_json_quote(const char *s)
{
	StringInfoData buf;

	initStringInfo(&buf);
	escape_json(&buf, s);
	return buf.data;
}

/* The text jsonb output gives for v: (m->'code')::text in SQL. */
char *
card_json_text(const JsonbValue *v)
{
	switch (v->type)
	{
		case jbvNull:
			return pstrdup("null");
		case jbvBool:
			return pstrdup(v->val.boolean ? "true" : "false");
		case jbvNumeric:
			return DatumGetCString(DirectFunctionCall1(numeric_out,
													   NumericGetDatum(v->val.numeric)));
		case jbvString:
			return card_json_quote(card_cstr(v));
		case jbvBinary:
			return JsonbToCString(NULL, v->val.binary.data, v->val.binary.len);
		default:
			return pstrdup("?");
	}
}

/* The index of s[0..len) in a NULL-terminated list of names, or -1. */
int
card_name_index(const char *const *list, const char *s, int len)
{
	for (int i = 0; list[i] != NULL; i++)
		if (strncmp(list[i], s, len) == 0 && list[i][len] == '\0')
			return i;
	return -1;
}

/*
 * Read the members of object obj into vals[] by their index in fields
 * (NULL when absent; store holds the values), reporting every member not in
 * fields as an unknown field, in key order.
 */
void
card_read_fields(CardWalk *w, JsonbContainer *obj, const char *const *fields,
				 JsonbValue *store, JsonbValue **vals, const char *detail)
{
	JsonbIterator *it = JsonbIteratorInit(obj);
	JsonbValue	k;
	JsonbValue	v;
	int			n = 0;

	while (fields[n] != NULL)
		vals[n++] = NULL;
	while (card_next_member(&it, &k, &v))
	{
		int			i = card_name_index(fields, k.val.string.val, k.val.string.len);

		if (i >= 0)
		{
			store[i] = v;
			vals[i] = &store[i];
		}
		else
			card_problem(w, card_cstr(&k), "unknown field", detail);
	}
}

/* The next member (key k, value v) of an object being iterated; false at the end. */
bool
card_next_member(JsonbIterator **it, JsonbValue *k, JsonbValue *v)
{
	JsonbIteratorToken tok;

	while ((tok = JsonbIteratorNext(it, k, true)) != WJB_DONE)
		if (tok == WJB_KEY)
		{
			tok = JsonbIteratorNext(it, v, true);
			Assert(tok == WJB_VALUE);
			return true;
		}
	return false;
}

/* The next element of an array being iterated; false at the end. */
bool
card_next_element(JsonbIterator **it, JsonbValue *v)
{
	JsonbIteratorToken tok;

	while ((tok = JsonbIteratorNext(it, v, true)) != WJB_DONE)
		if (tok == WJB_ELEM)
			return true;
	return false;
}

/*
 * A member that must be a non-blank string of at most max characters (0:
 * no limit): "blank <what>", "<what> too long" or "expected a string, got
 * <type>".  The rule is the core's, as in the tables' constraints.
 */
bool
card_check_text(CardWalk *w, const JsonbValue *v, const char *member,
				const char *what, const char *detail, size_t max)
{
	rx_card_text_fault f;
	size_t		nchars;

	if (!card_is_string(v))
	{
		card_problem(w, member, psprintf("expected a string, got %s", card_json_type(v)), detail);
		return false;
	}
	/* a text of no more bytes than max has no more characters */
	nchars = max > 0 && (size_t) v->val.string.len > max
		? (size_t) pg_mbstrlen_with_len(v->val.string.val, v->val.string.len)
		: (size_t) v->val.string.len;
	f = rx_card_text_fault_of(v->val.string.val, v->val.string.len, nchars, max);
	if (f == RX_CARD_TEXT_BLANK)
		card_problem(w, member, psprintf("blank %s", what), detail);
	else if (f == RX_CARD_TEXT_LONG)
		card_problem(w, member, psprintf("%s too long: %zu characters", what, nchars),
					 psprintf("A role's title, a component's name and an alias have at most %zu characters.",
							  max));
	return f == RX_CARD_TEXT_OK;
}

/* A member that may be left out, null or a string. */
bool
card_check_optional_string(CardWalk *w, const JsonbValue *v, const char *member,
						   const char *detail)
{
	if (!card_is_absent(v) && v->type != jbvString)
	{
		card_problem(w, member, psprintf("expected a string, got %s", card_json_type(v)), detail);
		return false;
	}
	return true;
}

/*
 * A member that may be left out or null (then dflt), else one of the labels
 * of an enum: its label index, or -1 after recording "unknown <what> <v>"
 * with the detail "<detail_lead> <the labels>.".
 */
int
card_check_optional_enum(CardWalk *w, const JsonbValue *v, const char *member,
						 CardVocabId vocab, int dflt, const char *what,
						 const char *detail_lead)
{
	const CardVocab *voc = &w->cat->vocab[vocab];
	int			i;

	if (card_is_absent(v))
		return dflt;
	i = card_is_string(v) ? card_label_index(voc, v->val.string.val, v->val.string.len) : -1;
	if (i < 0)
		card_problem(w, member, psprintf("unknown %s %s", what, card_json_text(v)),
					 psprintf("%s %s.", detail_lead, voc->list));
	return i;
}

/*
 * The detail of a failed core parse: the core's sentence (the errdetail of
 * the type's input function), or its message should the core give none.
 */
const char *
card_parse_detail(const rx_error *err, const char *typname, const char *input)
{
	if (err->detail[0] != '\0')
		return pstrdup(err->detail);
	return psprintf("invalid input syntax for type %s: \"%s\"", typname, input);
}

/*
 * A confidence member: absent or null (false, nothing to store), or a
 * number or string the confidence type reads, into *out.
 */
bool
card_check_confidence(CardWalk *w, const JsonbValue *v, int16 *out)
{
	char	   *s;
	rx_error	err;

	if (card_is_absent(v))
		return false;
	if (v->type != jbvString && v->type != jbvNumeric)
	{
		card_problem(w, "confidence", psprintf("invalid confidence %s", card_json_text(v)), CONFIDENCE_FORM);
		return false;
	}
	/* the text ->> gives: the string, or the number's numeric output */
	s = v->type == jbvString ? card_cstr(v) : card_json_text(v);
	rx_clear(&err);
	if (rx_confidence_parse(s, strlen(s), out, &err) != RX_OK)
	{
		card_problem(w, "confidence", psprintf("invalid confidence %s", card_json_text(v)),
					 card_parse_detail(&err, "confidence", s));
		return false;
	}
	return true;
}

/*
 * Read s as timestamptz input reads it, into *out: NULL, or why it is not a
 * time (its error message).  PostgreSQL's own input function decides, under
 * the session's DateStyle and TimeZone, as the cast at import would.
 *
 * On PostgreSQL 16 the input function reports softly.  On 15 its error is
 * caught: timestamptz_in holds no lock, buffer or open file when it raises
 * (it parses in local memory and loads time zone files before it decides),
 * so nothing but memory is left to clean up, and the walk's memory context
 * holds it.  Only data exceptions (class 22) are caught; anything else, a
 * query cancel or an out-of-memory error, is thrown again.
 */
static char *
card_time_read(const char *s, TimestampTz *out)
{
#if PG_VERSION_NUM >= 160000
	ErrorSaveContext escontext = {T_ErrorSaveContext};
	Datum		d;

	escontext.details_wanted = true;
	if (!DirectInputFunctionCallSafe(timestamptz_in, (char *) s, InvalidOid, -1,
									 (Node *) &escontext, &d))
		return pstrdup(escontext.error_data->message);
	*out = DatumGetTimestampTz(d);
	return NULL;
#else
	MemoryContext cxt = CurrentMemoryContext;
	char	   *volatile why = NULL;

	PG_TRY();
	{
		*out = DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in, CStringGetDatum(s),
													   ObjectIdGetDatum(InvalidOid),
													   Int32GetDatum(-1)));
	}
	PG_CATCH();
	{
		ErrorData  *e;

		MemoryContextSwitchTo(cxt);
		e = CopyErrorData();
		if (ERRCODE_TO_CATEGORY(e->sqlerrcode) != ERRCODE_DATA_EXCEPTION)
			PG_RE_THROW();
		FlushErrorState();
		why = e->message;
	}
	PG_END_TRY();
	return why;
#endif
}

/*
 * A time member (reviewed_at, approved_at): absent or null (false), or a
 * finite time, into *out.  Infinite times are refused as the tables refuse
 * them, so that an export never has to leave one out.
 */
bool
card_check_time(CardWalk *w, const JsonbValue *v, const char *member, TimestampTz *out)
{
	char	   *why;

	if (card_is_absent(v))
		return false;
	if (v->type != jbvString)
	{
		card_problem(w, member, psprintf("invalid time %s", card_json_text(v)), TIME_FORM);
		return false;
	}
	why = card_time_read(card_cstr(v), out);
	if (why != NULL)
		card_problem(w, member, psprintf("invalid time %s", card_json_text(v)),
					 psprintf("%s. %s", why, TIME_FORM));
	else if (TIMESTAMP_NOT_FINITE(*out))
		card_problem(w, member, psprintf("invalid time %s", card_json_text(v)),
					 "A time is finite: infinity and -infinity are not times. " TIME_FORM);
	return why == NULL && !TIMESTAMP_NOT_FINITE(*out);
}

/* Room for the keys of an array of n elements. */
void
card_dup_init(CardDupList *d, int n)
{
	d->keys = palloc(Max(n, 1) * sizeof(CardDupKey));
	d->nkeys = 0;
}

/* Add the key (a, or a and b) of element index. */
void
card_dup_add(CardDupList *d, const char *a, int alen, const char *b, int blen, int index)
{
	CardDupKey *k = &d->keys[d->nkeys++];

	k->a = a;
	k->alen = alen;
	k->b = b;
	k->blen = blen;
	k->index = index;
}

/* Order of byte strings a and b. */
static int
bytes_cmp(const char *a, int alen, const char *b, int blen)
{
	int			c = memcmp(a, b, Min(alen, blen));

	if (c != 0)
		return c;
	return alen < blen ? -1 : (alen > blen ? 1 : 0);
}

/* Byte order of two keys, then position (to find the groups). */
static int
dupkey_cmp_bytes(const void *x, const void *y)
{
	const CardDupKey *p = x;
	const CardDupKey *q = y;
	int			c = bytes_cmp(p->a, p->alen, q->a, q->alen);

	if (c == 0 && p->b != NULL)
		c = bytes_cmp(p->b, p->blen, q->b, q->blen);
	if (c == 0)
		c = p->index < q->index ? -1 : (p->index > q->index ? 1 : 0);
	return c;
}

/* Are two keys the same text (text equality is byte equality)? */
static bool
dupkey_same(const CardDupKey *p, const CardDupKey *q)
{
	return bytes_cmp(p->a, p->alen, q->a, q->alen) == 0 &&
		(p->b == NULL || bytes_cmp(p->b, p->blen, q->b, q->blen) == 0);
}

/*
 * Order of two keys in the database's default collation: the order in
 * which duplicates are listed.
 */
static int
dupkey_cmp_collation(const void *x, const void *y)
{
	const CardDupKey *p = x;
	const CardDupKey *q = y;
	int			c = varstr_cmp(p->a, p->alen, q->a, q->alen, DEFAULT_COLLATION_OID);

	if (c == 0 && p->b != NULL)
		c = varstr_cmp(p->b, p->blen, q->b, q->blen, DEFAULT_COLLATION_OID);
	return c;
}

/* Record the duplicate key k of an array of the given kind. */
static void
report_duplicate(CardWalk *w, const CardDupKey *k, CardDupKind kind)
{
	char	   *a = pnstrdup(k->a, k->alen);

	switch (kind)
	{
		case DUP_COMPONENTS:
			card_add(w, psprintf("%s[%d].name", w->path.data, k->index),
					 psprintf("duplicate component %s", card_json_quote(a)),
					 "A role lists each component of a kind once.", CL_NONE);
			break;
		case DUP_ALIASES:
			card_add(w, psprintf("%s[%d].alias", w->path.data, k->index),
					 psprintf("duplicate alias %s", card_json_quote(a)),
					 "A role lists each alias once.", CL_NONE);
			break;
		case DUP_NODE_MAPPINGS:
		case DUP_ROLE_MAPPINGS:
			card_add(w, psprintf("%s[%d]", w->path.data, k->index),
					 psprintf("duplicate mapping %s %s", a, pnstrdup(k->b, k->blen)),
					 kind == DUP_NODE_MAPPINGS ? "A node maps to each code of a scheme once."
					 : "A role maps to each code of a scheme once.",
					 CL_NONE);
			break;
	}
}

/*
 * Report the duplicates of the array at the current path: a component
 * name, alias text or mapping (scheme, code) given twice or more is
 * reported once, at its last place (its first for node mappings), groups in
 * collation order of their keys.
 */
void
card_report_duplicates(CardWalk *w, CardDupList *d, CardDupKind kind)
{
	CardDupKey *groups;
	int			ngroups = 0;

	if (d->nkeys < 2)
		return;
	qsort(d->keys, d->nkeys, sizeof(CardDupKey), dupkey_cmp_bytes);
	groups = palloc(d->nkeys * sizeof(CardDupKey));
	for (int i = 0; i < d->nkeys;)
	{
		int			j = i + 1;

		while (j < d->nkeys && dupkey_same(&d->keys[i], &d->keys[j]))
			j++;
		if (j - i > 1)
			groups[ngroups++] = d->keys[kind == DUP_NODE_MAPPINGS ? i : j - 1];
		i = j;
	}
	if (ngroups > 1)
		qsort(groups, ngroups, sizeof(CardDupKey), dupkey_cmp_collation);
	for (int g = 0; g < ngroups; g++)
		report_duplicate(w, &groups[g], kind);
}
