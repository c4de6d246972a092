/*
 * card_rules.c — the card rules as SQL functions, for the tables.
 *
 * The constraints of mapping, role, component and role_alias and the
 * taxonomy trigger (sql/50_schema.sql, sql/51_schema_rules.sql) call these,
 * so that the tables apply the same rules (core/card.h) as the card
 * validator, with the same vocabularies (card_catalog.c).
 */
#include "card_glue.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "code_glue.h"
#include "core/soc.h"

/* The label index of enum value oid in a vocabulary; an error when unknown. */
static int
card_enum_index(const CardVocab *v, Oid oid)
{
	for (int i = 0; i < v->n; i++)
		if (v->oids[i] == oid)
			return i;
	elog(ERROR, "roleext: enum value %u is not a label of type %u", oid, v->typid);
	return -1;
}

/* A rolecode argument as a core value. */
static void
card_code_arg(FunctionCallInfo fcinfo, int n, rx_code *out)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(n);

	out->info = CODE_VAL_INFO(v);
	out->len = CODE_VAL_LEN(v);
	memcpy(out->text, CODE_VAL_TEXT(v), out->len);
	out->text[out->len] = '\0';
}

/* The rule of the mapping scheme whose label is t. */
static rx_card_scheme
card_scheme_arg(text *t)
{
	return rx_card_scheme_of(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

/* Does a SOC code fit the scheme labelled scheme (a SOC scheme)? */
PG_FUNCTION_INFO_V1(card_soc_fits);
Datum
card_soc_fits(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(rx_card_soc_fits(card_scheme_arg(PG_GETARG_TEXT_PP(0)), PG_GETARG_INT32(1)));
}

/* Is code an ISCO-08 code, and the scheme labelled scheme ISCO-08? */
PG_FUNCTION_INFO_V1(card_isco_fits);
Datum
card_isco_fits(PG_FUNCTION_ARGS)
{
	text	   *code = PG_GETARG_TEXT_PP(1);

	PG_RETURN_BOOL(card_scheme_arg(PG_GETARG_TEXT_PP(0)) == RX_CARD_ISCO08 &&
				   rx_card_isco_valid(VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code)));
}

/*
 * Is a required text of a card row good: not blank and, when limited, at
 * most RX_CARD_TEXT_MAX characters (titles, component names, aliases)?
 */
PG_FUNCTION_INFO_V1(card_text_valid);
Datum
card_text_valid(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	bool		limited = PG_GETARG_BOOL(1);
	const char *s = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);
	size_t		max = limited ? RX_CARD_TEXT_MAX : 0;
	size_t		nchars = max > 0 && (size_t) len > max ? (size_t) pg_mbstrlen_with_len(s, len) : (size_t) len;

	PG_RETURN_BOOL(rx_card_text_fault_of(s, len, nchars, max) == RX_CARD_TEXT_OK);
}

/* The longest title, component name or alias, in characters. */
PG_FUNCTION_INFO_V1(card_text_max);
Datum
card_text_max(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(RX_CARD_TEXT_MAX);
}

/*
 * What is wrong with a taxonomy node (code, kind) under its parent (parent,
 * parent_kind; NULL, NULL at the top), as the message and detail of a
 * 23514 error; false when it may sit there.  as_child words a kind fault
 * from the parent's side: the parent has just changed its kind.
 */
static bool
node_problem(FunctionCallInfo fcinfo, bool as_child, char **message, char **detail)
{
	const CardVocab *kinds = &card_catalog(fcinfo)->vocab[CV_NODE_KIND];
	bool		top = PG_ARGISNULL(2) || PG_ARGISNULL(3);
	int			kind = card_enum_index(kinds, PG_GETARG_OID(1));
	int			parent_kind = top ? RX_CARD_TOP_KIND : card_enum_index(kinds, PG_GETARG_OID(3));
	rx_code		code;
	rx_code		parent;
	rx_card_node_fault f;

	card_code_arg(fcinfo, 0, &code);
	if (!top)
		card_code_arg(fcinfo, 2, &parent);
	f = rx_card_node_code_fault(&code, top ? NULL : &parent, parent_kind);
	if (f == RX_CARD_NODE_LEVEL)
		*message = psprintf("taxonomy node code %s ends in a level", code.text);
	else if (f == RX_CARD_NODE_OWN_PARENT)
		*message = psprintf("taxonomy node %s cannot sit under itself", code.text);
	else if (!top && rx_card_node_kind_fault(kind, parent_kind) != RX_CARD_NODE_OK)
	{
		StringInfoData order;

		initStringInfo(&order);
		for (int i = 0; i < kinds->n; i++)
			appendStringInfo(&order, "%s%s", i > 0 ? " > " : "", kinds->labels[i]);
		if (as_child)
		{
			*message = psprintf("taxonomy node %s cannot become a %s while %s sits under it",
								parent.text, kinds->labels[parent_kind], code.text);
			*detail = pstrdup("A node's children must be of a lower kind than the node.");
		}
		else
		{
			*message = psprintf("taxonomy node %s (%s) cannot sit under %s (%s)",
								code.text, kinds->labels[kind], parent.text, kinds->labels[parent_kind]);
			*detail = psprintf("A node's parent must be of a higher kind: %s.", order.data);
		}
		return true;
	}
	else if (f == RX_CARD_NODE_EXTEND)
		*message = psprintf("taxonomy node code %s does not extend its parent's code %s", code.text, parent.text);
	else if (f == RX_CARD_NODE_ONE_LABEL)
		*message = psprintf("taxonomy node code %s must be a single label", code.text);
	else
		return false;
	*detail = pstrdup(rx_card_node_fault_detail(f));
	return true;
}

/*
 * Raise 23514 unless a taxonomy node may sit under its parent: its kind
 * lower than the parent's, its code of the form the core's rule wants.
 * The taxonomy trigger's check (as_child: of a child of a node whose kind
 * changed).
 */
PG_FUNCTION_INFO_V1(card_check_node);
Datum
card_check_node(PG_FUNCTION_ARGS)
{
	char	   *message;
	char	   *detail;

	if (node_problem(fcinfo, PG_GETARG_BOOL(4), &message, &detail))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("%s", message),
				 errdetail("%s", detail)));
	PG_RETURN_VOID();
}

/*
 * The problem card_check_node would raise, as (problem, detail), or NULL:
 * validation reports the taxonomy an import would leave with it.
 */
PG_FUNCTION_INFO_V1(card_node_problem);
Datum
card_node_problem(PG_FUNCTION_ARGS)
{
	char	   *message;
	char	   *detail;
	TupleDesc	desc;
	Datum		v[2];
	bool		nulls[2] = {false, false};

	if (!node_problem(fcinfo, PG_GETARG_BOOL(4), &message, &detail))
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "roleext: card_node_problem must return a record");
	v[0] = CStringGetTextDatum(message);
	v[1] = CStringGetTextDatum(detail);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), v, nulls)));
}

/* The member of a role card's components that holds a kind: skill -> skills. */
PG_FUNCTION_INFO_V1(card_component_member);
Datum
card_component_member(PG_FUNCTION_ARGS)
{
	const CardCatalog *cat = card_catalog(fcinfo);
	int			label = card_enum_index(&cat->vocab[CV_COMPONENT_KIND], PG_GETARG_OID(0));

	for (int i = 0; i < RX_CARD_COMPONENT_KINDS; i++)
		if (cat->component_kind[i] == label)
			PG_RETURN_TEXT_P(cstring_to_text(rx_card_component_member(i)));
	PG_RETURN_NULL();
}

/*
 * The typed columns of a mapping code given as text: (soc, NULL) for a SOC
 * scheme, the code parsed as soccode parses it (22P02 when malformed);
 * (NULL, code) for ISCO-08.
 */
PG_FUNCTION_INFO_V1(card_mapping_code);
Datum
card_mapping_code(PG_FUNCTION_ARGS)
{
	const CardCatalog *cat = card_catalog(fcinfo);
	rx_card_scheme rule = cat->scheme_rule[card_enum_index(&cat->vocab[CV_SCHEME], PG_GETARG_OID(0))];
	text	   *code = PG_GETARG_TEXT_PP(1);
	TupleDesc	desc;
	Datum		v[2] = {0, 0};
	bool		nulls[2] = {true, true};

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "roleext: card_mapping_code must return a record");
	if (rx_card_scheme_is_soc(rule))
	{
		char	   *s = text_to_cstring(code);
		int32		soc;
		rx_error	err;

		if (rx_soc_parse(s, strlen(s), &soc, &err) != RX_OK)
			rx_input_error(NULL, "soccode", s, &err);
		v[0] = Int32GetDatum(soc);
		nulls[0] = false;
	}
	else
	{
		v[1] = PointerGetDatum(code);
		nulls[1] = false;
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), v, nulls)));
}
