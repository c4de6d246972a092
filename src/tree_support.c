/*
 * tree_support.c — planner support for tree containment, one mechanism for
 * soccode and rolecode.
 *
 * Both types sort a node before its members, so a node's subtree is one
 * btree range, and a node's ancestors are a handful of values.  The support
 * functions of the containment functions (code_contains, code_contained_by,
 * soc_contains, soc_contained_by, hence also of @> and <@) answer
 * SupportRequestIndexCondition with btree conditions on an index column:
 *
 *   col <@ x, x @> col   ->  col >= lo(x) AND col <(=) hi(x)   the subtree
 *   col @> x, x <@ col   ->  col = ANY (x and its ancestors)
 *
 * x must be known before the scan starts: a constant, a parameter, a Var
 * of another relation (the inner side of a nested loop), or an expression
 * of those.  PostgreSQL checks that for an operator, but not for a function
 * call, whose other argument may be a Var of the indexed relation itself;
 * an index condition holding such a Var crashes the executor, so it is
 * checked here for every form.  The index must be a btree in the type's
 * default operator family (a reversed family would turn the range inside
 * out).  The ancestor list is offered on an index's first column only: an
 * = ANY on a later column makes btree return rows out of index order,
 * which the planner, judging by the original clause, would not know.
 *
 * A constant x is turned into its range or ancestor list here, by the
 * type's callbacks; any other x is handed to the type's SQL helper
 * functions (soc_subtree_max(x), code_ancestors(x) …), evaluated once per
 * scan.  What differs between the types is the small TreeType table at the
 * end of the file; everything above it is shared.
 */
#include "code_glue.h"

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
#include "utils/datum.h"
#include "utils/lsyscache.h"

#include "core/soc.h"

/* The most values a node and its ancestors can be, over both trees. */
#define TREE_PATH_MAX	Max(RX_CODE_LABELS_MAX, RX_SOC_PATH_MAX)

/* How a subtree range ends. */
typedef enum TreeUpper
{
	TREE_UPPER_NONE,			/* no bound: every value >= lo is inside */
	TREE_UPPER_INCLUSIVE,		/* col <= hi */
	TREE_UPPER_EXCLUSIVE		/* col < hi */
} TreeUpper;

/* The btree range holding the subtree of a constant node. */
typedef struct TreeRange
{
	Datum		lo;				/* col >= lo */
	Datum		hi;				/* see upper */
	TreeUpper	upper;
	bool		exact;			/* the range holds members only */
} TreeRange;

/* What one tree type contributes to the shared mechanism. */
typedef struct TreeType
{
	int16		typlen;			/* the type's length: a sanity check */
	/* the subtree range of the constant node x */
	void		(*subtree) (Datum x, TreeRange *range);
	/* x and its ancestors into path[] (at most TREE_PATH_MAX); the count */
	int			(*path) (Datum x, Datum *path);
	/* SQL functions for an x known at run time: name(x) in roleext */
	const char *subtree_min;	/* lower bound; NULL: x itself */
	const char *subtree_max;	/* inclusive upper bound */
	bool		runtime_exact;	/* [min, max] holds members only */
	const char *path_array;		/* x and its ancestors as an array */
} TreeType;

/* One index-condition request, with what the mechanism has learned of it. */
typedef struct TreeRequest
{
	SupportRequestIndexCondition *req;
	const TreeType *tree;
	Oid			typid;			/* the tree type */
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Node	   *key;			/* the indexed argument */
	Node	   *other;			/* the argument known before the scan */
} TreeRequest;

/* key <op> arg, where op is the btree operator of `strategy`, or NULL. */
static Expr *
tree_compare(TreeRequest *t, int16 strategy, Expr *arg)
{
	Oid			opno = get_opfamily_member(t->req->opfamily, t->typid,
										   t->typid, strategy);

	if (!OidIsValid(opno))
		return NULL;
	return make_opclause(opno, BOOLOID, false, (Expr *) copyObject(t->key),
						 arg, InvalidOid, InvalidOid);
}

/* A constant of the tree type. */
static Expr *
tree_const(TreeRequest *t, Datum value)
{
	return (Expr *) makeConst(t->typid, -1, InvalidOid, t->typlen, value,
							  false, t->typbyval);
}

/*
 * A call name(other) of the helper function in the schema of the function
 * the request is about (roleext's own), returning rettype; NULL when there
 * is no such function.
 */
static Expr *
tree_helper_call(TreeRequest *t, const char *name, Oid rettype)
{
	char	   *nsp = get_namespace_name(get_func_namespace(t->req->funcid));
	Oid			fn;

	if (nsp == NULL)
		return NULL;
	fn = LookupFuncName(list_make2(makeString(nsp), makeString(pstrdup(name))),
						1, &t->typid, true);
	if (!OidIsValid(fn) || get_func_rettype(fn) != rettype)
		return NULL;
	return (Expr *) makeFuncExpr(fn, rettype, list_make1(copyObject(t->other)),
								 InvalidOid, InvalidOid, COERCE_EXPLICIT_CALL);
}

/* Conditions for "key in the subtree of a constant node", or NIL. */
static List *
tree_subtree_of_const(TreeRequest *t, Const *x)
{
	TreeRange	r;
	Expr	   *lo,
			   *hi = NULL;

	t->tree->subtree(x->constvalue, &r);
	if (r.upper == TREE_UPPER_INCLUSIVE &&
		datumIsEqual(r.lo, r.hi, t->typbyval, t->typlen))
	{
		Expr	   *eq = tree_compare(t, BTEqualStrategyNumber, tree_const(t, r.lo));

		if (eq == NULL)
			return NIL;
		t->req->lossy = !r.exact;
		return list_make1(eq);
	}
	lo = tree_compare(t, BTGreaterEqualStrategyNumber, tree_const(t, r.lo));
	if (r.upper != TREE_UPPER_NONE)
		hi = tree_compare(t, r.upper == TREE_UPPER_INCLUSIVE ?
						  BTLessEqualStrategyNumber : BTLessStrategyNumber,
						  tree_const(t, r.hi));
	if (lo == NULL || (r.upper != TREE_UPPER_NONE && hi == NULL))
		return NIL;
	t->req->lossy = !r.exact;
	return hi ? list_make2(lo, hi) : list_make1(lo);
}

/*
 * Conditions for "key in the subtree of other": from the constant's range,
 * or [subtree_min(other), subtree_max(other)] at run time; NIL if none.
 */
static List *
tree_subtree_condition(TreeRequest *t)
{
	Expr	   *min,
			   *max,
			   *lo,
			   *hi;

	if (IsA(t->other, Const))
		return tree_subtree_of_const(t, (Const *) t->other);
	min = t->tree->subtree_min ?
		tree_helper_call(t, t->tree->subtree_min, t->typid) :
		(Expr *) copyObject(t->other);
	max = tree_helper_call(t, t->tree->subtree_max, t->typid);
	if (min == NULL || max == NULL)
		return NIL;
	lo = tree_compare(t, BTGreaterEqualStrategyNumber, min);
	hi = tree_compare(t, BTLessEqualStrategyNumber, max);
	if (lo == NULL || hi == NULL)
		return NIL;
	t->req->lossy = !t->tree->runtime_exact;
	return list_make2(lo, hi);
}

/*
 * Conditions for "key is other or one of its ancestors": key = ANY of the
 * constant's path, or of path_array(other) at run time; NIL if none.
 */
static List *
tree_ancestor_condition(TreeRequest *t)
{
	Oid			eq = get_opfamily_member(t->req->opfamily, t->typid, t->typid,
										 BTEqualStrategyNumber);
	Oid			arraytype = get_array_type(t->typid);
	Expr	   *array;
	ScalarArrayOpExpr *saop;

	if (t->req->indexcol != 0 || !OidIsValid(eq) || !OidIsValid(arraytype))
		return NIL;
	if (IsA(t->other, Const))
	{
		Datum		path[TREE_PATH_MAX];
		int			n = t->tree->path(((Const *) t->other)->constvalue, path);

		if (n < 1 || n > TREE_PATH_MAX)
			elog(ERROR, "tree path of %d nodes is out of range", n);
		t->req->lossy = false;
		if (n == 1)
			return list_make1(tree_compare(t, BTEqualStrategyNumber,
										   tree_const(t, path[0])));
		array = (Expr *) makeConst(arraytype, -1, InvalidOid, -1,
								   PointerGetDatum(construct_array(path, n, t->typid, t->typlen,
																   t->typbyval, t->typalign)),
								   false, false);
	}
	else if ((array = tree_helper_call(t, t->tree->path_array, arraytype)) == NULL)
		return NIL;
	saop = makeNode(ScalarArrayOpExpr);
	saop->opno = eq;
	saop->opfuncid = get_opcode(eq);
	saop->useOr = true;
	saop->inputcollid = InvalidOid;
	saop->args = list_make2(copyObject(t->key), array);
	saop->location = -1;
	t->req->lossy = false;
	return list_make1(saop);
}

/*
 * Can the request be answered at all?  Fills t with the arguments and the
 * type; false when the call, the other argument or the index does not
 * qualify (see the file comment).
 */
static bool
tree_request_usable(TreeRequest *t)
{
	SupportRequestIndexCondition *req = t->req;
	List	   *args;
	Oid		   *argtypes;
	int			nargs;
	Oid			opclass;

	if (is_opclause(req->node))
		args = ((OpExpr *) req->node)->args;
	else if (is_funcclause(req->node))
		args = ((FuncExpr *) req->node)->args;
	else
		return false;
	if (list_length(args) != 2 || req->indexarg < 0 || req->indexarg > 1)
		return false;
	t->key = (Node *) list_nth(args, req->indexarg);
	t->other = (Node *) list_nth(args, 1 - req->indexarg);

	/* no Var of the indexed relation, nothing volatile on the other side */
	if (!is_pseudo_constant_for_index(req->root, t->other, req->index))
		return false;
	if (IsA(t->other, Const) && ((Const *) t->other)->constisnull)
		return false;

	/*
	 * The tree type is the function's declared argument type; both arguments
	 * must have it exactly, and it must be the kind of value the callbacks
	 * read (a support function attached to some other function gets nothing).
	 */
	if (get_func_signature(req->funcid, &argtypes, &nargs) != BOOLOID ||
		nargs != 2 || argtypes[0] != argtypes[1])
		return false;
	t->typid = argtypes[0];
	if (exprType(t->key) != t->typid || exprType(t->other) != t->typid)
		return false;
	get_typlenbyvalalign(t->typid, &t->typlen, &t->typbyval, &t->typalign);
	if (t->typlen != t->tree->typlen)
		return false;

	/* a btree in the type's default family, where a subtree is one range */
	if (req->index->relam != BTREE_AM_OID)
		return false;
	opclass = GetDefaultOpClass(t->typid, BTREE_AM_OID);
	if (!OidIsValid(opclass) || get_opclass_family(opclass) != req->opfamily)
		return false;
	return true;
}

/*
 * Answer a planner support request for the containment function whose
 * argument container_arg (0 or 1) is the containing node: index conditions
 * for SupportRequestIndexCondition, nothing for any other request.
 */
static Node *
tree_support(Node *rawreq, const TreeType *tree, int container_arg)
{
	TreeRequest t;

	if (!IsA(rawreq, SupportRequestIndexCondition))
		return NULL;
	memset(&t, 0, sizeof(t));
	t.req = (SupportRequestIndexCondition *) rawreq;
	t.tree = tree;
	if (!tree_request_usable(&t))
		return NULL;
	if (t.req->indexarg == container_arg)
		return (Node *) tree_ancestor_condition(&t);
	return (Node *) tree_subtree_condition(&t);
}

/* ---- the two trees ------------------------------------------------------ */

/* rolecode: [x, succ(x)) — or x and up when nothing is above the subtree. */
static void
code_tree_subtree(Datum x, TreeRange *range)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(x);
	rx_code		end;

	range->lo = x;
	range->exact = true;
	range->upper = TREE_UPPER_NONE;
	if (rx_code_subtree_end(CODE_VAL_TEXT(v), CODE_VAL_LEN(v), &end))
	{
		range->hi = PointerGetDatum(code_make_datum(&end));
		range->upper = TREE_UPPER_EXCLUSIVE;
	}
}

/* rolecode: the prefixes of x, root first. */
static int
code_tree_path(Datum x, Datum *path)
{
	return code_ancestor_datums(PG_DETOAST_DATUM_PACKED(x), path);
}

static const TreeType code_tree = {
	.typlen = -1,
	.subtree = code_tree_subtree,
	.path = code_tree_path,
	.subtree_min = NULL,
	.subtree_max = "code_subtree_max",
	.runtime_exact = true,
	.path_array = "code_ancestors",
};

/* soccode: the numeric range of a group, inexact where SOC has exceptions. */
static void
soc_tree_subtree(Datum x, TreeRange *range)
{
	int32		lo,
				hi;

	rx_soc_subtree(DatumGetInt32(x), &lo, &hi, &range->exact);
	range->lo = Int32GetDatum(lo);
	range->hi = Int32GetDatum(hi);
	range->upper = TREE_UPPER_INCLUSIVE;
}

/* soccode: the major group down to x. */
static int
soc_tree_path(Datum x, Datum *path)
{
	int32		codes[RX_SOC_PATH_MAX];
	int			n = rx_soc_path(DatumGetInt32(x), codes);
	int			i;

	for (i = 0; i < n; i++)
		path[i] = Int32GetDatum(codes[i]);
	return n;
}

static const TreeType soc_tree = {
	.typlen = sizeof(int32),
	.subtree = soc_tree_subtree,
	.path = soc_tree_path,
	.subtree_min = "soc_subtree_min",
	.subtree_max = "soc_subtree_max",
	.runtime_exact = false,
	.path_array = "soc_path",
};

/* Planner support of code_contains(a, b), a @> b. */
PG_FUNCTION_INFO_V1(code_contains_support);
Datum
code_contains_support(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(tree_support((Node *) PG_GETARG_POINTER(0), &code_tree, 0));
}

/* Planner support of code_contained_by(a, b), a <@ b. */
PG_FUNCTION_INFO_V1(code_contained_by_support);
Datum
code_contained_by_support(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(tree_support((Node *) PG_GETARG_POINTER(0), &code_tree, 1));
}

/* Planner support of soc_contains(a, b), a @> b. */
PG_FUNCTION_INFO_V1(soc_contains_support);
Datum
soc_contains_support(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(tree_support((Node *) PG_GETARG_POINTER(0), &soc_tree, 0));
}

/* Planner support of soc_contained_by(a, b), a <@ b. */
PG_FUNCTION_INFO_V1(soc_contained_by_support);
Datum
soc_contained_by_support(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(tree_support((Node *) PG_GETARG_POINTER(0), &soc_tree, 1));
}
