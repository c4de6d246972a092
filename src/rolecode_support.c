/*
 * rolecode_support.c — planner support: <@ and @> as btree index conditions.
 *
 * rolecode's btree order is byte order of the canonical text, in which the
 * subtree of a code X is one range (see core/code.h).  The support
 * functions of code_contained_by (<@) and code_contains (@>) answer
 * SupportRequestIndexCondition with exact (non-lossy) conditions on a
 * column in rolecode's default btree opfamily:
 *
 *   col <@ X   ->  col >= X AND col < succ(X)        X a constant
 *              ->  col >= X AND col <= code_subtree_max(X)   otherwise
 *   col @> X   ->  col = ANY ('{ancestors of X}')     X a constant
 *              ->  col = ANY (code_ancestors(X))     otherwise
 *
 * succ(X) (rx_code_subtree_end) is itself a valid code, so the plan never holds
 * a value that would not re-parse; for the rare X with no valid code above
 * its subtree, the lower bound alone is exact.  "Otherwise" covers
 * parameters and outer references, so a nested loop join
 * "e.code <@ t.code" probes an index on e.code once per outer row.
 *
 * The ancestor form is offered only on an index's first column: a
 * = ANY condition on a later column would make btree return rows out of
 * index order, which the planner does not know for conditions made here.
 */
#include "code_glue.h"

#include "access/stratnum.h"
#include "catalog/pg_am.h"
#include "catalog/pg_type.h"
#include "commands/defrem.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "nodes/supportnodes.h"
#include "parser/parse_func.h"
#include "utils/array.h"
#include "utils/lsyscache.h"

/*
 * The OID of the one-argument function `name`(typid) in the schema of the
 * function funcid (rolecode's own schema), or InvalidOid.
 */
static Oid
code_sibling_function(Oid funcid, const char *name, Oid typid)
{
	char	   *nsp = get_namespace_name(get_func_namespace(funcid));

	if (nsp == NULL)
		return InvalidOid;
	return LookupFuncName(list_make2(makeString(nsp), makeString(pstrdup(name))),
						  1, &typid, true);
}

/* The btree operator of strategy `strategy` on (typid, typid) in opfamily. */
static Oid
code_btree_operator(Oid opfamily, Oid typid, int16 strategy)
{
	return get_opfamily_member(opfamily, typid, typid, strategy);
}

/* indexop <op> arg as an index condition. */
static Expr *
code_index_opclause(Oid opno, Node *indexop, Node *arg)
{
	return make_opclause(opno, BOOLOID, false, (Expr *) indexop, (Expr *) arg,
						 InvalidOid, InvalidOid);
}

/* A rolecode constant of type typid. */
static Const *
code_const(Oid typid, const rx_code *c)
{
	return makeConst(typid, -1, InvalidOid, -1,
					 PointerGetDatum(code_make_datum(c)), false, false);
}

/* Conditions for "indexop <@ x" (see the file comment), or NIL. */
static List *
code_subtree_conditions(Oid funcid, Oid opfamily, Oid typid, Node *indexop, Node *x)
{
	Oid			ge = code_btree_operator(opfamily, typid, BTGreaterEqualStrategyNumber);
	Oid			lt = code_btree_operator(opfamily, typid, BTLessStrategyNumber);
	Oid			le = code_btree_operator(opfamily, typid, BTLessEqualStrategyNumber);
	List	   *conds;

	if (!OidIsValid(ge) || !OidIsValid(lt) || !OidIsValid(le))
		return NIL;
	if (IsA(x, Const))
	{
		Const	   *k = (Const *) x;
		struct varlena *v;
		rx_code		end;

		if (k->constisnull)
			return NIL;
		v = PG_DETOAST_DATUM_PACKED(k->constvalue);
		conds = list_make1(code_index_opclause(ge, indexop, x));
		if (rx_code_subtree_end(CODE_VAL_TEXT(v), CODE_VAL_LEN(v), &end))
			conds = lappend(conds, code_index_opclause(lt, copyObject(indexop),
													   (Node *) code_const(typid, &end)));
		return conds;
	}
	else
	{
		Oid			maxfn = code_sibling_function(funcid, "code_subtree_max", typid);
		Expr	   *max;

		if (!OidIsValid(maxfn))
			return NIL;
		max = (Expr *) makeFuncExpr(maxfn, typid, list_make1(copyObject(x)),
									InvalidOid, InvalidOid, COERCE_EXPLICIT_CALL);
		return list_make2(code_index_opclause(ge, indexop, x),
						  code_index_opclause(le, copyObject(indexop), (Node *) max));
	}
}

/* Conditions for "indexop @> x" (see the file comment), or NIL. */
static List *
code_ancestor_conditions(Oid funcid, Oid opfamily, Oid typid, Node *indexop, Node *x)
{
	Oid			eq = code_btree_operator(opfamily, typid, BTEqualStrategyNumber);
	Oid			arraytype = get_array_type(typid);
	ScalarArrayOpExpr *saop;
	Node	   *array;

	if (!OidIsValid(eq) || !OidIsValid(arraytype))
		return NIL;
	if (IsA(x, Const))
	{
		Const	   *k = (Const *) x;
		struct varlena *v;

		if (k->constisnull)
			return NIL;
		v = PG_DETOAST_DATUM_PACKED(k->constvalue);
		/* a one-label code has one ancestor, itself: plain equality */
		if (rx_code_depth(CODE_VAL_INFO(v)) == 1)
			return list_make1(code_index_opclause(eq, indexop, x));
		array = (Node *) makeConst(arraytype, -1, InvalidOid, -1,
								   PointerGetDatum(code_ancestors_array(v, typid)),
								   false, false);
	}
	else
	{
		Oid			ancfn = code_sibling_function(funcid, "code_ancestors", typid);

		if (!OidIsValid(ancfn))
			return NIL;
		array = (Node *) makeFuncExpr(ancfn, arraytype, list_make1(copyObject(x)),
									  InvalidOid, InvalidOid, COERCE_EXPLICIT_CALL);
	}
	saop = makeNode(ScalarArrayOpExpr);
	saop->opno = eq;
	saop->opfuncid = get_opcode(eq);
	saop->useOr = true;
	saop->inputcollid = InvalidOid;
	saop->args = list_make2(indexop, array);
	saop->location = -1;
	return list_make1(saop);
}

/*
 * Answer a SupportRequestIndexCondition for fn(a, b), which means
 * a <@ b when descendant is true and a @> b otherwise.
 */
static Node *
code_index_condition(SupportRequestIndexCondition *req, bool descendant)
{
	List	   *args;
	Node	   *indexop,
			   *other;
	Oid			typid,
				opclass;
	bool		want_subtree;

	if (is_opclause(req->node))
		args = ((OpExpr *) req->node)->args;
	else if (is_funcclause(req->node))
		args = ((FuncExpr *) req->node)->args;
	else
		return NULL;
	if (list_length(args) != 2 || req->indexarg < 0 || req->indexarg > 1)
		return NULL;
	indexop = (Node *) list_nth(args, req->indexarg);
	other = (Node *) list_nth(args, 1 - req->indexarg);

	/*
	 * Only rolecode's own default btree opfamily has the byte order the
	 * conditions rely on; a hash index or another btree opfamily (say, a
	 * reversed one) gets nothing.
	 */
	typid = exprType(indexop);
	if (typid != exprType(other))
		return NULL;
	opclass = GetDefaultOpClass(typid, BTREE_AM_OID);
	if (!OidIsValid(opclass) || get_opclass_family(opclass) != req->opfamily)
		return NULL;

	/* col <@ x, or x @> col, is a subtree; col @> x, or x <@ col, ancestors */
	want_subtree = (descendant == (req->indexarg == 0));
	req->lossy = false;
	if (want_subtree)
		return (Node *) code_subtree_conditions(req->funcid, req->opfamily, typid,
												indexop, other);
	if (req->indexcol != 0)
		return NULL;
	return (Node *) code_ancestor_conditions(req->funcid, req->opfamily, typid,
											 indexop, other);
}

/* Planner support of code_contained_by (<@). */
PG_FUNCTION_INFO_V1(code_contained_by_support);
Datum
code_contained_by_support(PG_FUNCTION_ARGS)
{
	Node	   *req = (Node *) PG_GETARG_POINTER(0);

	if (IsA(req, SupportRequestIndexCondition))
		PG_RETURN_POINTER(code_index_condition((SupportRequestIndexCondition *) req, true));
	PG_RETURN_POINTER(NULL);
}

/* Planner support of code_contains (@>). */
PG_FUNCTION_INFO_V1(code_contains_support);
Datum
code_contains_support(PG_FUNCTION_ARGS)
{
	Node	   *req = (Node *) PG_GETARG_POINTER(0);

	if (IsA(req, SupportRequestIndexCondition))
		PG_RETURN_POINTER(code_index_condition((SupportRequestIndexCondition *) req, false));
	PG_RETURN_POINTER(NULL);
}
