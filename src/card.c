/*
 * card.c — the checks of a role card document (doc/role-card.md), in C.
 *
 * validate_role_card() (sql/60_card_validate.sql) lists every problem of a
 * card.  Everything that can be decided from the document alone is decided
 * here, in one walk over the jsonb, with the pure-C core parsing codes and
 * confidences: no input functions, no subtransactions, and no error raised
 * for any document.  What needs a table (does the level exist, is the node
 * already in the taxonomy, is the SOC code one of its scheme's) is left to
 * SQL: the walk emits such a problem with a lookup (the table) and a key
 * (the canonical code), and validate_role_card() keeps it unless the key is
 * found.
 *
 * card_problems(jsonb) returns both kinds in document order; paths are the
 * ones users see in errors, such as components.skills[3].name or
 * taxonomy[0].mappings[1].scheme, and $ for the document itself.  The texts
 * and their order are those of the PL/pgSQL validator this replaces; the
 * tests hold them.
 */
#include "roleext.h"

#include <ctype.h>

#include "catalog/pg_collation_d.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/formatting.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"
#include "utils/varlena.h"

#include "core/confidence.h"
#include "core/level.h"
#include "core/code.h"
#include "core/soc.h"

/* The table a problem depends on (see the file comment). */
typedef enum CardLookup
{
	CL_NONE = 0,				/* a problem of the document alone */
	CL_LEVEL,					/* holds unless the level is in roleext.level */
	CL_TAXONOMY,				/* ... the node is in roleext.taxonomy */
	CL_SOC2018,					/* ... the code is in roleext.soc2018_code */
	CL_ONET2019,				/* ... in roleext.onet2019_occupation */
	CL_SOC2010					/* ... in roleext.soc2010_code */
} CardLookup;

static const char *const lookup_names[] = {
	NULL, "level", "taxonomy", "soc2018", "onet2019", "soc2010"
};

/* One problem found by the walk. */
typedef struct CardRow
{
	char	   *path;
	char	   *problem;
	const char *detail;
	CardLookup	lookup;
	char	   *key;			/* canonical text looked up, or NULL */
} CardRow;

/* The problems found so far, and the path of the value being checked. */
typedef struct CardWalk
{
	CardRow    *rows;
	int			nrows;
	int			maxrows;
	StringInfoData path;		/* "" at the top, "taxonomy[0]" in a node */
} CardWalk;

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
static const char *const story_fields[] = {
	"who", "external_problem", "internal_problem", "why_it_matters", "plan",
	"stakes", "success", NULL
};
static const char *const component_kinds[] = {
	"responsibilities", "tasks", "skills", "knowledge", "competencies",
	"qualifications", "outputs", NULL
};
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

/* Enum labels in enum order (sql/50_schema.sql; the tests compare them). */
static const char *const node_kinds[] = {
	"superfunction", "function", "family", "specialization", NULL
};
static const char *const prevalences[] = {"core", "common", "occasional", NULL};
static const char *const scopes[] = {
	"role", "level", "specialization", "family", "function", "superfunction", NULL
};
static const char *const alias_types[] = {
	"official", "common", "abbreviation", "legacy", "internal", "posting", NULL
};
static const char *const schemes[] = {"soc2018", "onet2019", "soc2010", "isco08", NULL};
static const char *const sources[] = {
	"manual", "inferred_from_superfunction", "inferred_from_function",
	"inferred_from_family", "inferred_from_specialization", "crosswalk",
	"autocoded", "onet_content", NULL
};
static const char *const review_statuses[] = {"needs_review", "approved", "rejected", NULL};

#define KIND_SUPERFUNCTION	0
#define SCHEME_SOC2018		0
#define SCHEME_ONET2019		1
#define SCHEME_SOC2010		2
#define SCHEME_ISCO08		3

#define CONFIDENCE_FORM \
	"A confidence is a number from 0 to 1 or a string such as \"60%\"."
#define TIME_FORM \
	"A time is an ISO 8601 string such as \"2026-11-26T10:00:00Z\"."
#define SINGLE_LABEL_DETAIL \
	"Superfunctions, and nodes at the top or directly under a superfunction, have one-label codes such as TECH or DEI."

/* Append a row; the strings must live as long as the walk. */
static void
card_add(CardWalk *w, char *path, char *message, const char *detail,
		 CardLookup lookup, char *key)
{
	CardRow    *r;

	if (w->nrows == w->maxrows)
	{
		w->maxrows = w->maxrows ? w->maxrows * 2 : 16;
		w->rows = w->rows ? repalloc(w->rows, w->maxrows * sizeof(CardRow))
			: palloc(w->maxrows * sizeof(CardRow));
	}
	r = &w->rows[w->nrows++];
	r->path = path;
	r->problem = message;
	r->detail = detail;
	r->lookup = lookup;
	r->key = key;
}

/* The current path, followed by ".member" when member is given. */
static char *
path_of(CardWalk *w, const char *member)
{
	if (member == NULL)
		return pstrdup(w->path.data);
	if (w->path.len == 0)
		return pstrdup(member);
	return psprintf("%s.%s", w->path.data, member);
}

/* Record a problem of the document at the current path (+ ".member"). */
static void
problem(CardWalk *w, const char *member, char *message, const char *detail)
{
	card_add(w, path_of(w, member), message, detail, CL_NONE, NULL);
}

/* Record a problem that holds unless key is found by lookup. */
static void
lookup_problem(CardWalk *w, const char *member, char *message, const char *detail,
			   CardLookup lookup, const char *key)
{
	card_add(w, path_of(w, member), message, detail, lookup, pstrdup(key));
}

/* Extend the path by ".member" (by "member" at the top); returns the mark. */
static int
path_push(CardWalk *w, const char *member, int len)
{
	int			mark = w->path.len;

	if (mark > 0)
		appendStringInfoChar(&w->path, '.');
	appendBinaryStringInfo(&w->path, member, len);
	return mark;
}

/* Extend the path by "[i]"; returns the mark. */
static int
path_push_index(CardWalk *w, int i)
{
	int			mark = w->path.len;

	appendStringInfo(&w->path, "[%d]", i);
	return mark;
}

/* Cut the path back to a mark. */
static void
path_pop(CardWalk *w, int mark)
{
	w->path.len = mark;
	w->path.data[mark] = '\0';
}

/* The JSON type name of v as jsonb_typeof() gives it; "missing" for NULL. */
static const char *
json_type(const JsonbValue *v)
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

/* Is v (possibly NULL) an object? */
static inline bool
is_object(const JsonbValue *v)
{
	return v != NULL && v->type == jbvBinary && JsonContainerIsObject(v->val.binary.data);
}

/* Is v (possibly NULL) an array? */
static inline bool
is_array(const JsonbValue *v)
{
	return v != NULL && v->type == jbvBinary && JsonContainerIsArray(v->val.binary.data);
}

/* Is v absent or a JSON null (the members the format lets you leave out)? */
static inline bool
is_absent(const JsonbValue *v)
{
	return v == NULL || v->type == jbvNull;
}

/* Is v (possibly NULL) a string? */
static inline bool
is_string(const JsonbValue *v)
{
	return v != NULL && v->type == jbvString;
}

/* The string value of v as a palloc'd C string (jsonb strings hold no NUL). */
static char *
cstr(const JsonbValue *v)
{
	return pnstrdup(v->val.string.val, v->val.string.len);
}

/* A C string as a JSON string literal: to_jsonb(s)::text in SQL. */
static char *
json_quote(const char *s)
{
	StringInfoData buf;

	initStringInfo(&buf);
	escape_json(&buf, s);
	return buf.data;
}

/* The text jsonb output gives for v: (m->'code')::text in SQL. */
static char *
json_text(const JsonbValue *v)
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
			return json_quote(cstr(v));
		case jbvBinary:
			return JsonbToCString(NULL, v->val.binary.data, v->val.binary.len);
		default:
			return pstrdup("?");
	}
}

/* The index of s[0..len) in a NULL-terminated list, or -1. */
static int
label_index(const char *const *list, const char *s, int len)
{
	if (len == 0)
		return -1;				/* no label is empty */
	for (int i = 0; list[i] != NULL; i++)
		if (list[i][0] == s[0] && strncmp(list[i], s, len) == 0 && list[i][len] == '\0')
			return i;
	return -1;
}

/* The index of string value v in list, or -1 when v is not such a string. */
static int
value_index(const char *const *list, const JsonbValue *v)
{
	if (!is_string(v))
		return -1;
	return label_index(list, v->val.string.val, v->val.string.len);
}

/* Is a string value blank: empty or only spaces (btrim(x) = '')? */
static bool
is_blank(const JsonbValue *v)
{
	for (int i = 0; i < v->val.string.len; i++)
		if (v->val.string.val[i] != ' ')
			return false;
	return true;
}

/*
 * Read the members of object obj into vals[] by their index in fields
 * (NULL when absent; store holds the values), reporting every member not in
 * fields as an unknown field, in key order.  Returns nothing else: callers
 * check the members they read.
 */
static void
read_fields(CardWalk *w, JsonbContainer *obj, const char *const *fields,
			JsonbValue *store, JsonbValue **vals, const char *detail)
{
	JsonbIterator *it = JsonbIteratorInit(obj);
	JsonbValue	k;
	JsonbValue	v;
	JsonbIteratorToken tok;
	int			n = 0;

	while (fields[n] != NULL)
		vals[n++] = NULL;
	while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		int			i;

		if (tok != WJB_KEY)
			continue;
		tok = JsonbIteratorNext(&it, &v, true);
		Assert(tok == WJB_VALUE);
		i = label_index(fields, k.val.string.val, k.val.string.len);
		if (i >= 0)
		{
			store[i] = v;
			vals[i] = &store[i];
		}
		else
			problem(w, cstr(&k), "unknown field", detail);
	}
}

/* The next element of an array being iterated; false at the end. */
static bool
next_element(JsonbIterator **it, JsonbValue *v)
{
	JsonbIteratorToken tok;

	while ((tok = JsonbIteratorNext(it, v, true)) != WJB_DONE)
		if (tok == WJB_ELEM)
			return true;
	return false;
}

/*
 * A member that must be a non-blank string: "blank <what>" or "expected a
 * string, got <type>".
 */
static void
check_nonblank(CardWalk *w, const JsonbValue *v, const char *member,
			   const char *what, const char *detail)
{
	if (is_string(v) && !is_blank(v))
		return;
	if (is_string(v))
		problem(w, member, psprintf("blank %s", what), detail);
	else
		problem(w, member, psprintf("expected a string, got %s", json_type(v)), detail);
}

/* A member that may be left out, null or a string. */
static void
check_optional_string(CardWalk *w, const JsonbValue *v, const char *member,
					  const char *detail)
{
	if (!is_absent(v) && v->type != jbvString)
		problem(w, member, psprintf("expected a string, got %s", json_type(v)), detail);
}

/* A member that may be left out or null, else one of the labels of list. */
static void
check_optional_enum(CardWalk *w, const JsonbValue *v, const char *member,
					const char *const *list, const char *what, const char *detail)
{
	if (!is_absent(v) && value_index(list, v) < 0)
		problem(w, member, psprintf("unknown %s %s", what, json_text(v)), detail);
}

/*
 * The detail of a failed core parse: the core's sentence (the errdetail of
 * the type's input function), or its message should the core give none.
 */
static const char *
parse_detail(const rx_error *err, const char *typname, const char *input)
{
	if (err->detail[0] != '\0')
		return pstrdup(err->detail);
	return psprintf("invalid input syntax for type %s: \"%s\"", typname, input);
}

/* A confidence member: absent, null, or a number or string rx_confidence_parse reads. */
static void
check_confidence(CardWalk *w, const JsonbValue *v)
{
	char	   *s;
	int16_t		c;
	rx_error	err;

	if (is_absent(v))
		return;
	if (v->type != jbvString && v->type != jbvNumeric)
	{
		problem(w, "confidence", psprintf("invalid confidence %s", json_text(v)), CONFIDENCE_FORM);
		return;
	}
	/* the text ->> gives: the string, or the number's numeric output */
	s = v->type == jbvString ? cstr(v) : json_text(v);
	rx_clear(&err);
	if (rx_confidence_parse(s, strlen(s), &c, &err) != RX_OK)
		problem(w, "confidence", psprintf("invalid confidence %s", json_text(v)),
				parse_detail(&err, "confidence", s));
}

/*
 * Why s cannot be read as a timestamptz, or NULL when it can: what
 * timestamptz input accepts, decided with ParseDateTime and DecodeDateTime,
 * which report failures by return code.  On PostgreSQL 15 DecodeDateTime
 * raises an error for a time zone name it does not know, so the text is
 * first decoded without a time zone (which never looks a name up); when
 * that fails, a field that DecodeDateTime could take for a time zone name
 * (date form, not starting with a digit, after a field that may have set
 * the day) and that pg_tzset() does not know makes the time invalid before
 * the full decoding is tried.
 */
static const char *
time_problem(const char *s)
{
	char		workbuf[MAXDATELEN + MAXDATEFIELDS];
	char	   *field[MAXDATEFIELDS];
	int			ftype[MAXDATEFIELDS];
	int			nf;
	int			dtype = 0;
	int			tz = 0;
	struct pg_tm tt;
	fsec_t		fsec;
	Timestamp	ts;
	int			dterr;

	dterr = ParseDateTime(s, workbuf, sizeof(workbuf), field, ftype, MAXDATEFIELDS, &nf);
	if (dterr == 0)
	{
		bool		plain = DecodeDateTime(field, ftype, nf, &dtype, &tt, &fsec, NULL) == 0;

		/* DecodeDateTime writes into the fields: parse again */
		dterr = ParseDateTime(s, workbuf, sizeof(workbuf), field, ftype, MAXDATEFIELDS, &nf);
		for (int i = 0, dated = 0; dterr == 0 && !plain && i < nf; i++)
		{
			/*
			 * only after a field that may set the day (a date, a number, or
			 * now/today/tomorrow/yesterday) is such a word a zone name
			 */
			if (dated && ftype[i] == DTK_DATE && !isdigit((unsigned char) field[i][0]) &&
				pg_tzset(field[i]) == NULL)
				return psprintf("\"%s\" is neither a date nor a time zone name. %s",
								field[i], TIME_FORM);
			if (ftype[i] == DTK_DATE || ftype[i] == DTK_NUMBER ||
				((ftype[i] == DTK_STRING || ftype[i] == DTK_SPECIAL) &&
				 (strcmp(field[i], "now") == 0 || strcmp(field[i], "today") == 0 ||
				  strcmp(field[i], "tomorrow") == 0 || strcmp(field[i], "yesterday") == 0)))
				dated = 1;
		}
		if (dterr == 0)
			dterr = DecodeDateTime(field, ftype, nf, &dtype, &tt, &fsec, &tz);
	}
	switch (dterr)
	{
		case 0:
			break;
		case DTERR_FIELD_OVERFLOW:
		case DTERR_MD_FIELD_OVERFLOW:
		case DTERR_INTERVAL_OVERFLOW:
			return "A field of the date or time is out of range, such as month 13 or hour 25. " TIME_FORM;
		case DTERR_TZDISP_OVERFLOW:
			return "The time zone offset is out of range. " TIME_FORM;
		default:
			return "The text is not a date and time. " TIME_FORM;
	}
	switch (dtype)
	{
		case DTK_DATE:
			if (tm2timestamp(&tt, fsec, &tz, &ts) != 0)
				return "The time is outside the range of timestamp with time zone (4713 BC to 294276 AD).";
			return NULL;
		case DTK_EPOCH:
		case DTK_LATE:
		case DTK_EARLY:
			return NULL;
		default:
			return "The text is not a date and time. " TIME_FORM;
	}
}

/* A time member (reviewed_at, approved_at): absent, null or a valid time. */
static void
check_time(CardWalk *w, const JsonbValue *v, const char *member)
{
	const char *why;

	if (is_absent(v))
		return;
	why = v->type == jbvString ? time_problem(cstr(v)) : TIME_FORM;
	if (why != NULL)
		problem(w, member, psprintf("invalid time %s", json_text(v)), why);
}

/* One array element's key for the duplicate checks. */
typedef struct DupKey
{
	const char *a;				/* name, alias, or mapping scheme */
	int			alen;
	const char *b;				/* mapping code, or NULL */
	int			blen;
	int			index;			/* position in the array, from 0 */
} DupKey;

/* The keys of one array, collected while its elements are checked. */
typedef struct DupList
{
	DupKey	   *keys;
	int			nkeys;
} DupList;

typedef enum DupKind
{
	DUP_COMPONENTS,
	DUP_ALIASES,
	DUP_NODE_MAPPINGS,
	DUP_ROLE_MAPPINGS
} DupKind;

/* Room for the keys of an array of n elements. */
static void
dup_init(DupList *d, int n)
{
	d->keys = palloc(Max(n, 1) * sizeof(DupKey));
	d->nkeys = 0;
}

/* Add the key (a, or a and b) of element index. */
static void
dup_add(DupList *d, const char *a, int alen, const char *b, int blen, int index)
{
	DupKey	   *k = &d->keys[d->nkeys++];

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
	const DupKey *p = x;
	const DupKey *q = y;
	int			c = bytes_cmp(p->a, p->alen, q->a, q->alen);

	if (c == 0 && p->b != NULL)
		c = bytes_cmp(p->b, p->blen, q->b, q->blen);
	if (c == 0)
		c = p->index < q->index ? -1 : (p->index > q->index ? 1 : 0);
	return c;
}

/* Are two keys the same text (text equality is byte equality)? */
static bool
dupkey_same(const DupKey *p, const DupKey *q)
{
	return bytes_cmp(p->a, p->alen, q->a, q->alen) == 0 &&
		(p->b == NULL || bytes_cmp(p->b, p->blen, q->b, q->blen) == 0);
}

/*
 * Order of two keys in the database's default collation: the order in
 * which the SQL validator's GROUP BY (a sort) listed the duplicates.
 */
static int
dupkey_cmp_collation(const void *x, const void *y)
{
	const DupKey *p = x;
	const DupKey *q = y;
	int			c = varstr_cmp(p->a, p->alen, q->a, q->alen, DEFAULT_COLLATION_OID);

	if (c == 0 && p->b != NULL)
		c = varstr_cmp(p->b, p->blen, q->b, q->blen, DEFAULT_COLLATION_OID);
	return c;
}

/*
 * Report the duplicates of the array at the current path: a component
 * name, alias text or mapping (scheme, code) given twice or more is
 * reported once, at its last place (its first for node mappings), groups in
 * collation order of their keys.
 */
static void
report_duplicates(CardWalk *w, DupList *d, DupKind kind)
{
	DupKey	   *groups;
	int			ngroups = 0;

	if (d->nkeys < 2)
		return;
	qsort(d->keys, d->nkeys, sizeof(DupKey), dupkey_cmp_bytes);
	groups = palloc(d->nkeys * sizeof(DupKey));
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
		qsort(groups, ngroups, sizeof(DupKey), dupkey_cmp_collation);

	for (int g = 0; g < ngroups; g++)
	{
		DupKey	   *k = &groups[g];
		char	   *a = pnstrdup(k->a, k->alen);

		switch (kind)
		{
			case DUP_COMPONENTS:
				card_add(w, psprintf("%s[%d].name", w->path.data, k->index),
						 psprintf("duplicate component %s", json_quote(a)),
						 "A role lists each component of a kind once.", CL_NONE, NULL);
				break;
			case DUP_ALIASES:
				card_add(w, psprintf("%s[%d].alias", w->path.data, k->index),
						 psprintf("duplicate alias %s", json_quote(a)),
						 "A role lists each alias once.", CL_NONE, NULL);
				break;
			case DUP_NODE_MAPPINGS:
			case DUP_ROLE_MAPPINGS:
				card_add(w, psprintf("%s[%d]", w->path.data, k->index),
						 psprintf("duplicate mapping %s %s", a, pnstrdup(k->b, k->blen)),
						 kind == DUP_NODE_MAPPINGS ? "A node maps to each code of a scheme once."
						 : "A role maps to each code of a scheme once.",
						 CL_NONE, NULL);
				break;
		}
	}
}

/* Is s one to four ASCII digits (an ISCO-08 code)? */
static bool
isco_form(const char *s, int len)
{
	if (len < 1 || len > 4)
		return false;
	for (int i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The code of a mapping whose scheme is known (index into schemes). */
static void
check_mapping_code(CardWalk *w, const JsonbValue *v, int scheme)
{
	int32_t		code;
	rx_error	err;
	char	   *s;
	char		canonical[RX_SOC_TEXT_MAX];

	if (!is_string(v))
	{
		problem(w, "code", psprintf("expected a string, got %s", json_type(v)),
				"A mapping needs the code it maps to, such as \"15-1252\".");
		return;
	}
	if (scheme == SCHEME_ISCO08)
	{
		if (!isco_form(v->val.string.val, v->val.string.len))
			problem(w, "code", psprintf("invalid ISCO-08 code %s", json_text(v)),
					"An ISCO-08 code is one to four digits, such as \"2512\".");
		return;
	}
	s = cstr(v);
	rx_clear(&err);
	if (rx_soc_parse(s, strlen(s), &code, &err) != RX_OK)
	{
		problem(w, "code", psprintf("invalid SOC code %s", json_text(v)),
				parse_detail(&err, "soccode", s));
		return;
	}
	if ((rx_soc_level_of(code) == RX_SOC_ONET) != (scheme == SCHEME_ONET2019))
	{
		problem(w, "code", psprintf("code %s does not fit scheme %s", json_text(v), schemes[scheme]),
				"An onet2019 mapping takes an O*NET-SOC code such as 15-1252.00; soc2018 and soc2010 mappings take SOC groups or occupations without the .NN suffix.");
		return;
	}
	rx_soc_format(code, canonical);
	switch (scheme)
	{
		case SCHEME_SOC2018:
			lookup_problem(w, "code", psprintf("%s is not a code of soc2018", json_text(v)),
						   "A soc2018 mapping names one of the 1447 SOC 2018 groups and occupations (table soc2018_code).",
						   CL_SOC2018, canonical);
			break;
		case SCHEME_ONET2019:
			lookup_problem(w, "code", psprintf("%s is not a code of onet2019", json_text(v)),
						   "An onet2019 mapping names one of the 1016 O*NET-SOC 2019 occupations (table onet2019_occupation).",
						   CL_ONET2019, canonical);
			break;
		default:
			lookup_problem(w, "code", psprintf("%s is not a code of soc2010", json_text(v)),
						   "A soc2010 mapping names one of the 840 SOC 2010 detailed occupations (table soc2010_code).",
						   CL_SOC2010, canonical);
			break;
	}
}

/* The problems of one mapping m at the current path; collects its key. */
static void
check_mapping(CardWalk *w, const JsonbValue *m, DupList *dups, int index)
{
	JsonbValue	store[N_MAP_FIELDS];
	JsonbValue *f[N_MAP_FIELDS];
	int			scheme = SCHEME_SOC2018;	/* when left out or null */

	if (!is_object(m))
	{
		problem(w, NULL, psprintf("expected an object, got %s", json_type(m)),
				"A mapping is an object with at least a code, such as {\"scheme\": \"soc2018\", \"code\": \"15-1252\"}.");
		return;
	}
	read_fields(w, m->val.binary.data, mapping_fields, store, f,
				"A mapping has the fields scheme, code, source, review_status, confidence, reviewer, reviewed_at and note.");

	/* the duplicate key: coalesce(m->>'scheme', 'soc2018'), m->>'code' */
	if (is_string(f[F_MAP_CODE]))
	{
		const char *s = "soc2018";
		int			slen = 7;

		if (is_string(f[F_MAP_SCHEME]))
		{
			s = f[F_MAP_SCHEME]->val.string.val;
			slen = f[F_MAP_SCHEME]->val.string.len;
		}
		else if (!is_absent(f[F_MAP_SCHEME]))
		{
			s = json_text(f[F_MAP_SCHEME]);
			slen = strlen(s);
		}
		dup_add(dups, s, slen, f[F_MAP_CODE]->val.string.val, f[F_MAP_CODE]->val.string.len, index);
	}

	if (!is_absent(f[F_MAP_SCHEME]))
	{
		scheme = value_index(schemes, f[F_MAP_SCHEME]);
		if (scheme < 0)
		{
			problem(w, "scheme", psprintf("unknown scheme %s", json_text(f[F_MAP_SCHEME])),
					"The scheme is one of soc2018, onet2019, soc2010, isco08.");
			return;
		}
	}
	check_mapping_code(w, f[F_MAP_CODE], scheme);
	check_optional_enum(w, f[F_MAP_SOURCE], "source", sources, "source",
						"The source is one of manual, inferred_from_superfunction, inferred_from_function, inferred_from_family, inferred_from_specialization, crosswalk, autocoded, onet_content.");
	check_optional_enum(w, f[F_MAP_REVIEW_STATUS], "review_status", review_statuses, "review status",
						"The review status is one of needs_review, approved, rejected.");
	check_confidence(w, f[F_MAP_CONFIDENCE]);
	check_optional_string(w, f[F_MAP_REVIEWER], "reviewer", "The reviewer of a mapping is free text or null.");
	check_optional_string(w, f[F_MAP_NOTE], "note", "The note of a mapping is free text or null.");
	check_time(w, f[F_MAP_REVIEWED_AT], "reviewed_at");
}

/* A mappings member v (of a node, or of the role when node is false). */
static void
check_mappings(CardWalk *w, const JsonbValue *v, bool node)
{
	int			mark;
	JsonbIterator *it;
	JsonbValue	e;
	DupList		dups;
	int			i = 0;

	if (is_absent(v))
		return;
	mark = path_push(w, "mappings", 8);
	if (!is_array(v))
		problem(w, NULL, psprintf("expected an array, got %s", json_type(v)),
				node ? "The mappings of a node are an array of mapping objects."
				: "Mappings are an array of objects such as {\"scheme\": \"soc2018\", \"code\": \"15-1252\"}.");
	else
	{
		dup_init(&dups, JsonContainerSize(v->val.binary.data));
		it = JsonbIteratorInit(v->val.binary.data);
		for (; next_element(&it, &e); i++)
		{
			int			m = path_push_index(w, i);

			check_mapping(w, &e, &dups, i);
			path_pop(w, m);
		}
		report_duplicates(w, &dups, node ? DUP_NODE_MAPPINGS : DUP_ROLE_MAPPINGS);
	}
	path_pop(w, mark);
}

/* The role code as far as it was read: the chain checks compare with it. */
typedef struct CardCode
{
	bool		valid;			/* a role code ending in a level */
	rx_code		code;
	rx_code		family;			/* the code without its level */
	char		level[RX_LEVEL_TEXT_MAX];
} CardCode;

/* What the chain remembers of the node before the current one. */
typedef struct ChainState
{
	int			n;				/* nodes in the chain */
	bool		have_prev_code; /* the previous node's code was read */
	rx_code		prev_code;
	int			prev_kind;		/* index into node_kinds; -1 before any */
} ChainState;

/* The code of node i of the chain (the SQL validator's ELSIF chain). */
static void
check_node_code(CardWalk *w, const JsonbValue *v, int i, const CardCode *role,
				ChainState *st, bool *have_node, rx_code *node)
{
	char	   *s;
	rx_error	err;
	int32_t		level;
	int			depth;

	*have_node = false;
	if (!is_string(v))
	{
		problem(w, "code", psprintf("expected a string, got %s", json_type(v)),
				"A taxonomy node needs its code, such as \"DEI\" or \"DEI.GEN\".");
		return;
	}
	s = cstr(v);
	rx_clear(&err);
	if (rx_code_parse(s, strlen(s), node, &err) != RX_OK)
	{
		problem(w, "code", psprintf("invalid node code %s", json_text(v)),
				parse_detail(&err, "rolecode", s));
		return;
	}
	*have_node = true;
	depth = rx_code_depth(node->info);
	if (rx_code_level(node->text, node->len, node->info, &level))
		problem(w, "code", psprintf("node code %s ends in a level", json_text(v)),
				"Taxonomy node codes name functions, families and specializations; only role codes end in a level.");
	else if (i == st->n - 1 && role->valid &&
			 rx_code_compare(node->text, node->len, role->family.text, role->family.len) != 0)
		problem(w, "code", psprintf("the last node %s is not the role's node %s", json_text(v), role->family.text),
				"The taxonomy chain ends at the node the role code names: the code without its level.");
	else if (i == 0)
	{
		/* a new top node has a one-label code; one in the database keeps its parent */
		if (depth != 1)
			lookup_problem(w, "code", psprintf("node code %s must be a single label", json_text(v)),
						   SINGLE_LABEL_DETAIL, CL_TAXONOMY, node->text);
	}
	else if ((!st->have_prev_code || st->prev_kind == KIND_SUPERFUNCTION) && depth != 1)
		problem(w, "code", psprintf("node code %s must be a single label", json_text(v)),
				SINGLE_LABEL_DETAIL);
	else if (st->have_prev_code && st->prev_kind >= 0 && st->prev_kind != KIND_SUPERFUNCTION &&
			 !(rx_code_descends(node->text, node->len, st->prev_code.text, st->prev_code.len) &&
			   depth == rx_code_depth(st->prev_code.info) + 1))
		problem(w, "code", psprintf("node code %s does not extend %s", json_text(v), st->prev_code.text),
				"Below a function, a node's code is its parent's code plus one label, e.g. DEI.GEN under DEI.");
}

/* Node i of the taxonomy chain, at the current path. */
static void
check_node(CardWalk *w, const JsonbValue *e, int i, const CardCode *role, ChainState *st)
{
	JsonbValue	store[N_NODE_FIELDS];
	JsonbValue *f[N_NODE_FIELDS];
	bool		have_node;
	rx_code		node;
	int			kind;

	if (!is_object(e))
	{
		problem(w, NULL, psprintf("expected an object, got %s", json_type(e)),
				"A taxonomy node is an object with a code, a kind and a name.");
		return;
	}
	read_fields(w, e->val.binary.data, node_fields, store, f,
				"A taxonomy node has the fields code, kind, name, description and mappings.");
	check_node_code(w, f[F_NODE_CODE], i, role, st, &have_node, &node);

	kind = value_index(node_kinds, f[F_NODE_KIND]);
	if (kind < 0)
		problem(w, "kind",
				psprintf("unknown kind %s", f[F_NODE_KIND] ? json_text(f[F_NODE_KIND]) : "missing"),
				"The kind is one of superfunction, function, family, specialization.");
	else
	{
		if (st->prev_kind >= 0 && kind <= st->prev_kind)
			problem(w, "kind",
					psprintf("%s cannot sit under a %s", node_kinds[kind], node_kinds[st->prev_kind]),
					"The chain runs from the highest kind down: superfunction, function, family, specialization.");
		st->prev_kind = kind;
	}
	st->have_prev_code = have_node;
	if (have_node)
		st->prev_code = node;

	check_nonblank(w, f[F_NODE_NAME], "name", "name", "A taxonomy node needs a non-blank name.");
	check_optional_string(w, f[F_NODE_DESCRIPTION], "description", "The description is free text or null.");
	check_mappings(w, f[F_NODE_MAPPINGS], true);
}

/* The taxonomy member: the chain of nodes, top first. */
static void
check_taxonomy(CardWalk *w, const JsonbValue *v, const CardCode *role)
{
	ChainState	st;
	JsonbIterator *it;
	JsonbValue	e;
	int			i = 0;
	int			mark;

	if (!is_array(v))
	{
		problem(w, "taxonomy", psprintf("expected an array, got %s", json_type(v)),
				"The taxonomy is the chain of nodes above the role, top first, such as [{\"code\": \"TECH\", ...}, {\"code\": \"DEI\", ...}].");
		return;
	}
	st.n = JsonContainerSize(v->val.binary.data);
	st.have_prev_code = false;
	st.prev_kind = -1;
	mark = path_push(w, "taxonomy", 8);
	it = JsonbIteratorInit(v->val.binary.data);
	for (; next_element(&it, &e); i++)
	{
		int			m = path_push_index(w, i);

		check_node(w, &e, i, role, &st);
		path_pop(w, m);
	}
	path_pop(w, mark);
	if (st.n == 0)
		problem(w, "taxonomy", "empty chain",
				"The taxonomy chain lists at least the role's own node; leave the member out to use nodes already in the database.");
}

/* The story member. */
static void
check_story(CardWalk *w, const JsonbValue *sv)
{
	JsonbIterator *it;
	JsonbValue	k;
	JsonbValue	v;
	JsonbIteratorToken tok;
	int			mark;

	if (!is_object(sv))
	{
		problem(w, "story", psprintf("expected an object, got %s", json_type(sv)),
				"The story is an object with who, external_problem, internal_problem, why_it_matters, plan, stakes and success.");
		return;
	}
	mark = path_push(w, "story", 5);
	it = JsonbIteratorInit(sv->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		if (tok != WJB_KEY)
			continue;
		tok = JsonbIteratorNext(&it, &v, true);
		Assert(tok == WJB_VALUE);
		if (label_index(story_fields, k.val.string.val, k.val.string.len) < 0)
			problem(w, cstr(&k), "unknown field",
					"The story has the fields who, external_problem, internal_problem, why_it_matters, plan, stakes and success.");
		else if (k.val.string.len == 4 && memcmp(k.val.string.val, "plan", 4) == 0)
		{
			if (v.type == jbvNull)
				continue;
			if (!is_array(&v))
				problem(w, "plan", psprintf("expected an array, got %s", json_type(&v)),
						"The plan is an array of steps, each a string.");
			else
			{
				JsonbIterator *pit = JsonbIteratorInit(v.val.binary.data);
				JsonbValue	x;

				for (int i = 0; next_element(&pit, &x); i++)
					if (x.type != jbvString)
						card_add(w, psprintf("%s.plan[%d]", w->path.data, i),
								 psprintf("expected a string, got %s", json_type(&x)),
								 "Each step of the plan is a string.", CL_NONE, NULL);
			}
		}
		else if (v.type != jbvNull && v.type != jbvString)
			problem(w, cstr(&k), psprintf("expected a string, got %s", json_type(&v)),
					"Story fields are free text or null.");
	}
	path_pop(w, mark);
}

/* One component x at the current path; collects its name. */
static void
check_component(CardWalk *w, const JsonbValue *x, DupList *dups, int index)
{
	JsonbValue	store[N_COMP_FIELDS];
	JsonbValue *f[N_COMP_FIELDS];

	if (!is_object(x))
	{
		/* a non-object has no members to check */
		problem(w, NULL, psprintf("expected an object, got %s", json_type(x)),
				"A component is an object with a name, and optionally prevalence, scope and description.");
		return;
	}
	read_fields(w, x->val.binary.data, component_fields, store, f,
				"A component has the fields name, prevalence, scope and description.");
	if (is_string(f[F_COMP_NAME]))
		dup_add(dups, f[F_COMP_NAME]->val.string.val, f[F_COMP_NAME]->val.string.len, NULL, 0, index);
	check_nonblank(w, f[F_COMP_NAME], "name", "name", "A component needs a non-blank name.");
	check_optional_enum(w, f[F_COMP_PREVALENCE], "prevalence", prevalences, "prevalence",
						"The prevalence is one of core, common, occasional.");
	check_optional_enum(w, f[F_COMP_SCOPE], "scope", scopes, "scope",
						"The scope is one of role, level, specialization, family, function, superfunction.");
	check_optional_string(w, f[F_COMP_DESCRIPTION], "description", "The description is free text or null.");
}

/* The components member: arrays of components keyed by kind. */
static void
check_components(CardWalk *w, const JsonbValue *cv)
{
	JsonbIterator *it;
	JsonbValue	k;
	JsonbValue	v;
	JsonbIteratorToken tok;
	int			top;

	if (!is_object(cv))
	{
		problem(w, "components", psprintf("expected an object, got %s", json_type(cv)),
				"Components are an object of arrays keyed by kind: responsibilities, tasks, skills, knowledge, competencies, qualifications, outputs.");
		return;
	}
	top = path_push(w, "components", 10);
	it = JsonbIteratorInit(cv->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		int			mark;

		if (tok != WJB_KEY)
			continue;
		tok = JsonbIteratorNext(&it, &v, true);
		Assert(tok == WJB_VALUE);
		mark = path_push(w, k.val.string.val, k.val.string.len);
		if (label_index(component_kinds, k.val.string.val, k.val.string.len) < 0)
			problem(w, NULL, "unknown component kind",
					"Component kinds are responsibilities, tasks, skills, knowledge, competencies, qualifications and outputs.");
		else if (!is_array(&v) && v.type != jbvNull)
			problem(w, NULL, psprintf("expected an array, got %s", json_type(&v)),
					"Each component kind holds an array of components such as {\"name\": \"Automation scripting\"}.");
		else if (is_array(&v))	/* null: no components of this kind */
		{
			JsonbIterator *cit = JsonbIteratorInit(v.val.binary.data);
			JsonbValue	x;
			DupList		dups;

			dup_init(&dups, JsonContainerSize(v.val.binary.data));
			for (int i = 0; next_element(&cit, &x); i++)
			{
				int			m = path_push_index(w, i);

				check_component(w, &x, &dups, i);
				path_pop(w, m);
			}
			report_duplicates(w, &dups, DUP_COMPONENTS);
		}
		path_pop(w, mark);
	}
	path_pop(w, top);
}

/* One alias e at the current path; collects its text. */
static void
check_alias(CardWalk *w, const JsonbValue *e, DupList *dups, int index)
{
	JsonbValue	store[N_ALIAS_FIELDS];
	JsonbValue *f[N_ALIAS_FIELDS];

	if (!is_object(e))
	{
		problem(w, NULL, psprintf("expected an object, got %s", json_type(e)),
				"An alias is an object with at least the alias text.");
		return;
	}
	read_fields(w, e->val.binary.data, alias_fields, store, f,
				"An alias has the fields alias, type, confidence, approved, approved_by and approved_at.");
	if (is_string(f[F_ALIAS_ALIAS]))
		dup_add(dups, f[F_ALIAS_ALIAS]->val.string.val, f[F_ALIAS_ALIAS]->val.string.len, NULL, 0, index);
	check_nonblank(w, f[F_ALIAS_ALIAS], "alias", "alias", "An alias needs its non-blank text.");
	check_optional_enum(w, f[F_ALIAS_TYPE], "type", alias_types, "alias type",
						"The alias type is one of official, common, abbreviation, legacy, internal, posting.");
	check_confidence(w, f[F_ALIAS_CONFIDENCE]);
	if (!is_absent(f[F_ALIAS_APPROVED]) && f[F_ALIAS_APPROVED]->type != jbvBool)
		problem(w, "approved",
				psprintf("expected true, false or null, got %s", json_type(f[F_ALIAS_APPROVED])),
				"approved is null until the alias is reviewed, then true or false.");
	check_optional_string(w, f[F_ALIAS_APPROVED_BY], "approved_by", "approved_by names the reviewer.");
	check_time(w, f[F_ALIAS_APPROVED_AT], "approved_at");
	if (is_absent(f[F_ALIAS_APPROVED]) &&
		(!is_absent(f[F_ALIAS_APPROVED_BY]) || !is_absent(f[F_ALIAS_APPROVED_AT])))
		problem(w, "approved", "reviewer or review time given without a review",
				"approved_by and approved_at record a review: give approved (true or false) with them, or leave them out.");
}

/* The aliases member. */
static void
check_aliases(CardWalk *w, const JsonbValue *v)
{
	JsonbIterator *it;
	JsonbValue	e;
	DupList		dups;
	int			mark;

	if (!is_array(v))
	{
		problem(w, "aliases", psprintf("expected an array, got %s", json_type(v)),
				"Aliases are an array of objects such as {\"alias\": \"DevOps Engineer\", \"type\": \"common\", \"confidence\": 0.6}.");
		return;
	}
	mark = path_push(w, "aliases", 7);
	dup_init(&dups, JsonContainerSize(v->val.binary.data));
	it = JsonbIteratorInit(v->val.binary.data);
	for (int i = 0; next_element(&it, &e); i++)
	{
		int			m = path_push_index(w, i);

		check_alias(w, &e, &dups, i);
		path_pop(w, m);
	}
	report_duplicates(w, &dups, DUP_ALIASES);
	path_pop(w, mark);
}

/* The code member, and the level it ends in, into *role. */
static void
check_code(CardWalk *w, const JsonbValue *v, CardCode *role)
{
	char	   *s;
	rx_error	err;
	int32_t		level;

	role->valid = false;
	if (!is_string(v))
	{
		problem(w, "code", psprintf("expected a string, got %s", json_type(v)),
				"A role card needs its role code, such as \"DEI.GEN.P1\".");
		return;
	}
	s = cstr(v);
	rx_clear(&err);
	if (rx_code_parse(s, strlen(s), &role->code, &err) != RX_OK)
		problem(w, "code", psprintf("invalid role code %s", json_text(v)),
				parse_detail(&err, "rolecode", s));
	else if (!rx_code_level(role->code.text, role->code.len, role->code.info, &level))
		problem(w, "code", psprintf("role code %s has no level", json_text(v)),
				"A role code ends in a level label, such as the P1 in DEI.GEN.P1.");
	else
	{
		role->valid = true;
		rx_code_family(role->code.text, role->code.len, role->code.info, &role->family);
		rx_level_format(level, role->level);
		lookup_problem(w, "code", psprintf("unknown level %s", role->level),
					   "The level of a role must exist in table roleext.level; add it there first.",
					   CL_LEVEL, role->level);
	}
}

/* The level member repeats the code's: upper(btrim(level)) must equal it. */
static void
check_level(CardWalk *w, const JsonbValue *v, const CardCode *role)
{
	if (is_absent(v) || !role->valid)
		return;
	if (is_string(v))
	{
		const char *s = v->val.string.val;
		int			len = v->val.string.len;

		while (len > 0 && s[0] == ' ')
			s++, len--;
		while (len > 0 && s[len - 1] == ' ')
			len--;
		if (strcmp(str_toupper(s, len, DEFAULT_COLLATION_OID), role->level) == 0)
			return;
	}
	problem(w, "level", psprintf("level %s is not the code's level %s", json_text(v), role->level),
			"The level member repeats the level label of the code; leave it out or make them agree.");
}

/* Walk a whole card document, recording its problems in document order. */
static void
check_card(CardWalk *w, Jsonb *jb)
{
	JsonbValue	store[N_CARD_FIELDS];
	JsonbValue *f[N_CARD_FIELDS];
	CardCode	role;
	const JsonbValue *v;

	if (!JB_ROOT_IS_OBJECT(jb))
	{
		JsonbValue	scalar;
		const char *type = "array";

		if (JB_ROOT_IS_SCALAR(jb) && JsonbExtractScalar(&jb->root, &scalar))
			type = json_type(&scalar);
		problem(w, "$", psprintf("expected an object, got %s", type),
				"A role card is a JSON object with at least a code and a title.");
		return;
	}
	read_fields(w, &jb->root, card_fields, store, f,
				"A role card has the fields format, code, title, level, summary, taxonomy, story, components, aliases and mappings.");

	v = f[F_CARD_FORMAT];
	if (!is_absent(v) &&
		!(is_string(v) && v->val.string.len == strlen("roleext.role_card/1") &&
		  memcmp(v->val.string.val, "roleext.role_card/1", v->val.string.len) == 0))
		problem(w, "format", psprintf("unsupported format %s", json_text(v)),
				"This version of roleext reads role cards of format \"roleext.role_card/1\".");
	check_code(w, f[F_CARD_CODE], &role);
	check_nonblank(w, f[F_CARD_TITLE], "title", "title", "A role card needs a non-blank title.");
	check_level(w, f[F_CARD_LEVEL], &role);
	check_optional_string(w, f[F_CARD_SUMMARY], "summary", "The summary is free text or null.");

	if (!is_absent(f[F_CARD_TAXONOMY]))
		check_taxonomy(w, f[F_CARD_TAXONOMY], &role);
	else if (role.valid)
		lookup_problem(w, "taxonomy",
					   psprintf("missing, and node %s is not in the database", role.family.text),
					   "A card without a taxonomy chain can only name a node that already exists.",
					   CL_TAXONOMY, role.family.text);
	if (!is_absent(f[F_CARD_STORY]))
		check_story(w, f[F_CARD_STORY]);
	if (!is_absent(f[F_CARD_COMPONENTS]))
		check_components(w, f[F_CARD_COMPONENTS]);
	if (!is_absent(f[F_CARD_ALIASES]))
		check_aliases(w, f[F_CARD_ALIASES]);
	check_mappings(w, f[F_CARD_MAPPINGS], false);
}

/*
 * The problems of a role card as (path, problem, detail, lookup, key), in
 * document order.  lookup and key are null for a problem of the document
 * alone; otherwise the problem holds unless key (a canonical code) is found
 * in the table lookup names: level, taxonomy, soc2018, onet2019, soc2010.
 */
PG_FUNCTION_INFO_V1(card_problems);
Datum
card_problems(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Jsonb	   *jb;
	MemoryContext walkcxt;
	MemoryContext oldcxt;
	CardWalk	w = {0};

	/* the caller's expected row type saves a catalog lookup a call */
	InitMaterializedSRF(fcinfo, rsinfo != NULL && IsA(rsinfo, ReturnSetInfo) && rsinfo->expectedDesc != NULL
						? MAT_SRF_USE_EXPECTED_DESC : 0);
	jb = PG_GETARG_JSONB_P(0);
	walkcxt = AllocSetContextCreate(CurrentMemoryContext, "role card walk", ALLOCSET_DEFAULT_SIZES);
	oldcxt = MemoryContextSwitchTo(walkcxt);
	initStringInfo(&w.path);
	check_card(&w, jb);
	for (int i = 0; i < w.nrows; i++)
	{
		CardRow    *r = &w.rows[i];
		Datum		values[5];
		bool		nulls[5] = {false, false, false, r->lookup == CL_NONE, r->lookup == CL_NONE};

		values[0] = CStringGetTextDatum(r->path);
		values[1] = CStringGetTextDatum(r->problem);
		values[2] = CStringGetTextDatum(r->detail);
		values[3] = r->lookup == CL_NONE ? (Datum) 0 : CStringGetTextDatum(lookup_names[r->lookup]);
		values[4] = r->lookup == CL_NONE ? (Datum) 0 : CStringGetTextDatum(r->key);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextSwitchTo(oldcxt);
	MemoryContextDelete(walkcxt);
	PG_FREE_IF_COPY(jb, 0);
	return (Datum) 0;
}
