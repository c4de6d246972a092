/*
 * soc_support.c — planner support for soccode containment.
 *
 * soccode values sort numerically with a group before its members, so the
 * codes a group contains fill one btree range (see rx_soc_subtree in
 * core/soc.h).  These support functions, attached with SUPPORT to the
 * functions behind <@ and @>, let the planner use a btree index:
 *
 *   col <@ g   (or g @> col)  →  col >= lo AND col <= hi   (col = g if lo = hi)
 *   col @> c   (or c <@ col)  →  col = ANY(path of c)      (c and its groups)
 *
 * The range is exact unless an exception of the SOC hierarchy puts
 * non-members inside it (broad group 29-1210, for one); then the condition
 * is lossy and the planner keeps the operator as a recheck.  When g or c is
 * not a constant but a pseudo-constant such as a parameter, the bounds are
 * computed at run time by soc_subtree_min/soc_subtree_max (always lossy) and
 * the path by rx_soc_path (exact).
 */
#include "roleext.h"

#include "access/stratnum.h"
#include "catalog/pg_am.h"
#include "catalog/pg_type.h"
#include "commands/defrem.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "nodes/pathnodes.h"
#include "nodes/supportnodes.h"
#include "optimizer/optimizer.h"
#include "parser/parse_func.h"
#include "utils/array.h"
#include "utils/lsyscache.h"

#include "core/soc.h"

/* A soccode constant. */
static Expr *
soc_const(Oid typid, int32 v)
{
	return (Expr *) makeConst(typid, -1, InvalidOid, sizeof(int32),
							  Int32GetDatum(v), false, true);
}

/*
 * The function <name>(argtype) in the schema of funcid (the extension's
 * schema), or InvalidOid.
 */
static Oid
soc_sibling_func(Oid funcid, const char *name, Oid argtype)
{
	char	   *nsp = get_namespace_name(get_func_namespace(funcid));
	List	   *qname;

	if (nsp == NULL)
		return InvalidOid;
	qname = list_make2(makeString(nsp), makeString(pstrdup(name)));
	return LookupFuncName(qname, 1, &argtype, true);
}

/* A call of the one-argument function fn(arg) returning rettype. */
static Expr *
soc_call(Oid fn, Oid rettype, Node *arg)
{
	return (Expr *) makeFuncExpr(fn, rettype, list_make1(arg), InvalidOid,
								 InvalidOid, COERCE_EXPLICIT_CALL);
}

/*
 * The index column key is the member side: key must lie in the subtree of
 * the group `other`, a btree range.
 */
static List *
soc_range_condition(SupportRequestIndexCondition *req, Node *key, Node *other,
					Oid typid)
{
	Oid			ge = get_opfamily_member(req->opfamily, typid, typid, BTGreaterEqualStrategyNumber);
	Oid			le = get_opfamily_member(req->opfamily, typid, typid, BTLessEqualStrategyNumber);
	Oid			eq = get_opfamily_member(req->opfamily, typid, typid, BTEqualStrategyNumber);
	Oid			fmin,
				fmax;

	if (!OidIsValid(ge) || !OidIsValid(le) || !OidIsValid(eq))
		return NIL;
	if (IsA(other, Const))
	{
		Const	   *c = (Const *) other;
		int32		lo,
					hi;
		bool		exact;

		if (c->constisnull)
			return NIL;
		rx_soc_subtree(DatumGetInt32(c->constvalue), &lo, &hi, &exact);
		req->lossy = !exact;
		if (lo == hi)
			return list_make1(make_opclause(eq, BOOLOID, false, (Expr *) key,
											soc_const(typid, lo), InvalidOid, InvalidOid));
		return list_make2(make_opclause(ge, BOOLOID, false, (Expr *) key,
										soc_const(typid, lo), InvalidOid, InvalidOid),
						  make_opclause(le, BOOLOID, false, (Expr *) key,
										soc_const(typid, hi), InvalidOid, InvalidOid));
	}
	fmin = soc_sibling_func(req->funcid, "soc_subtree_min", typid);
	fmax = soc_sibling_func(req->funcid, "soc_subtree_max", typid);
	if (!OidIsValid(fmin) || !OidIsValid(fmax))
		return NIL;
	req->lossy = true;
	return list_make2(make_opclause(ge, BOOLOID, false, (Expr *) key,
									soc_call(fmin, typid, other), InvalidOid, InvalidOid),
					  make_opclause(le, BOOLOID, false, (Expr *) key,
									soc_call(fmax, typid, other), InvalidOid, InvalidOid));
}

/*
 * The index column key is the group side: key must be `other` or one of
 * its groups, at most five values: key = ANY(path).
 */
static List *
soc_path_condition(SupportRequestIndexCondition *req, Node *key, Node *other,
				   Oid typid)
{
	Oid			eq = get_opfamily_member(req->opfamily, typid, typid, BTEqualStrategyNumber);
	Oid			arraytype = get_array_type(typid);
	ScalarArrayOpExpr *sa;
	Node	   *array;

	if (!OidIsValid(eq) || !OidIsValid(arraytype))
		return NIL;
	if (IsA(other, Const))
	{
		Const	   *c = (Const *) other;
		int32		path[RX_SOC_PATH_MAX];
		Datum		elems[RX_SOC_PATH_MAX];
		int			n,
					i;

		if (c->constisnull)
			return NIL;
		n = rx_soc_path(DatumGetInt32(c->constvalue), path);
		req->lossy = false;
		if (n == 1)
			return list_make1(make_opclause(eq, BOOLOID, false, (Expr *) key,
											soc_const(typid, path[0]), InvalidOid, InvalidOid));
		for (i = 0; i < n; i++)
			elems[i] = Int32GetDatum(path[i]);
		array = (Node *) makeConst(arraytype, -1, InvalidOid, -1,
								   PointerGetDatum(construct_array(elems, n, typid, sizeof(int32),
																   true, TYPALIGN_INT)),
								   false, false);
	}
	else
	{
		Oid			fpath = soc_sibling_func(req->funcid, "soc_path", typid);

		if (!OidIsValid(fpath))
			return NIL;
		req->lossy = false;
		array = (Node *) soc_call(fpath, arraytype, other);
	}
	sa = makeNode(ScalarArrayOpExpr);
	sa->opno = eq;
	sa->opfuncid = get_opcode(eq);
	sa->useOr = true;
	sa->inputcollid = InvalidOid;
	sa->args = list_make2(key, array);
	sa->location = -1;
	return list_make1(sa);
}

/*
 * Index conditions for a containment call whose argument group_arg (0 or 1)
 * is the group and the other the member, or NIL when there are none: the
 * index must be a btree with soccode's default operator family.
 */
static List *
soc_index_condition(SupportRequestIndexCondition *req, int group_arg)
{
	List	   *args;
	Node	   *key,
			   *other;
	Oid			typid,
				opclass;

	if (is_opclause(req->node))
		args = ((OpExpr *) req->node)->args;
	else if (is_funcclause(req->node))
		args = ((FuncExpr *) req->node)->args;
	else
		return NIL;
	if (list_length(args) != 2 || req->indexarg < 0 || req->indexarg > 1)
		return NIL;
	key = (Node *) list_nth(args, req->indexarg);
	other = (Node *) list_nth(args, 1 - req->indexarg);

	/* the planner checked an operator's other side, not a function's */
	if (!is_opclause(req->node) &&
		!is_pseudo_constant_for_index(req->root, other, req->index))
		return NIL;
	if (req->index->relam != BTREE_AM_OID)
		return NIL;
	typid = exprType(key);
	if (exprType(other) != typid)
		return NIL;
	opclass = GetDefaultOpClass(typid, BTREE_AM_OID);
	if (!OidIsValid(opclass) || get_opclass_family(opclass) != req->opfamily)
		return NIL;

	if (req->indexarg == group_arg)
		return soc_path_condition(req, key, other, typid);
	return soc_range_condition(req, key, other, typid);
}

/* Planner support of rx_soc_contains(a, b), the function of a @> b. */
PG_FUNCTION_INFO_V1(soc_contains_support);
Datum
soc_contains_support(PG_FUNCTION_ARGS)
{
	Node	   *rawreq = (Node *) PG_GETARG_POINTER(0);

	if (IsA(rawreq, SupportRequestIndexCondition))
		PG_RETURN_POINTER(soc_index_condition((SupportRequestIndexCondition *) rawreq, 0));
	PG_RETURN_POINTER(NULL);
}

/* Planner support of soc_contained(a, b), the function of a <@ b. */
PG_FUNCTION_INFO_V1(soc_contained_by_support);
Datum
soc_contained_by_support(PG_FUNCTION_ARGS)
{
	Node	   *rawreq = (Node *) PG_GETARG_POINTER(0);

	if (IsA(rawreq, SupportRequestIndexCondition))
		PG_RETURN_POINTER(soc_index_condition((SupportRequestIndexCondition *) rawreq, 1));
	PG_RETURN_POINTER(NULL);
}
