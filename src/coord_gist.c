/*
 * coord_gist.c — the GiST operator class of rolecoord: equality searches
 * and exact nearest-neighbour (KNN) ordering by <->.
 *
 * Leaf entries are the coordinates themselves (no compress or decompress
 * function, so index-only scans return them as they are).  An internal entry
 * is a box (core/coord.h): the first and last of its members' paths in
 * coordinate order, the range of their depths and the range of their
 * grades.  From a box the core computes a lower bound of <-> to every member
 * (the proof is beside rx_coord_box_lower_bound); GiST visits subtrees in order
 * of that bound, so the k nearest coordinates come out exactly and in order.
 *
 * Subtrees hold runs of neighbouring paths, as in a btree: sorted builds
 * (CREATE INDEX on a filled table) go through the sort support function;
 * inserts go where the path range stretches least (penalty); splits sort
 * the entries in path order and cut near the middle where neighbouring
 * paths share the fewest labels, so each side keeps a long common prefix.
 */
#include "coord_glue.h"

#include "access/gist.h"
#include "access/stratnum.h"

/* The key of a GiST entry, detoasted (packed keys are read in place). */
static struct varlena *
coord_gist_entry_key(const GISTENTRY *entry)
{
	return (struct varlena *) PG_DETOAST_DATUM_PACKED(entry->key);
}

/*
 * Consistent: can the entry (or its subtree) match "= query"?  Exact on
 * leaves, so no recheck.
 */
PG_FUNCTION_INFO_V1(coord_gist_consistent);
Datum
coord_gist_consistent(PG_FUNCTION_ARGS)
{
	GISTENTRY  *entry = (GISTENTRY *) PG_GETARG_POINTER(0);
	struct varlena *query = PG_GETARG_VARLENA_PP(1);
	StrategyNumber strategy = (StrategyNumber) PG_GETARG_UINT16(2);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(4);
	struct varlena *key = coord_gist_entry_key(entry);
	rx_coord_point	q;
	rx_coord_box		b;

	if (strategy != RTEqualStrategyNumber)
		elog(ERROR, "rolecoord GiST: unrecognized strategy number %d", strategy);
	*recheck = false;
	coord_get_point(query, &q);
	if (GIST_LEAF(entry))
	{
		rx_coord_point	p;

		coord_get_point(key, &p);
		PG_RETURN_BOOL(rx_coord_compare(&p, &q) == 0);
	}
	coord_get_box(key, &b);
	PG_RETURN_BOOL(rx_coord_box_may_hold(&b, &q));
}

/*
 * Distance for ORDER BY coord <-> query: the exact distance on a leaf, a
 * lower bound of it on an internal entry.  Never needs a recheck.
 */
PG_FUNCTION_INFO_V1(coord_gist_distance);
Datum
coord_gist_distance(PG_FUNCTION_ARGS)
{
	GISTENTRY  *entry = (GISTENTRY *) PG_GETARG_POINTER(0);
	struct varlena *query = PG_GETARG_VARLENA_PP(1);
	StrategyNumber strategy = (StrategyNumber) PG_GETARG_UINT16(2);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(4);
	struct varlena *key = coord_gist_entry_key(entry);
	rx_coord_point	q;

	if (strategy != RTKNNSearchStrategyNumber)
		elog(ERROR, "rolecoord GiST: unrecognized ordering strategy number %d", strategy);
	*recheck = false;
	coord_get_point(query, &q);
	if (GIST_LEAF(entry))
	{
		rx_coord_point	p;

		coord_get_point(key, &p);
		PG_RETURN_FLOAT8(rx_coord_distance(&p, &q, RX_COORD_DEFAULT_WEIGHT, RX_COORD_DEFAULT_SPAN));
	}
	else
	{
		rx_coord_box		b;

		coord_get_box(key, &b);
		PG_RETURN_FLOAT8(rx_coord_box_lower_bound(&b, &q, RX_COORD_DEFAULT_WEIGHT, RX_COORD_DEFAULT_SPAN));
	}
}

/* Union: the box of a set of entries (points or boxes). */
PG_FUNCTION_INFO_V1(coord_gist_union);
Datum
coord_gist_union(PG_FUNCTION_ARGS)
{
	GistEntryVector *entryvec = (GistEntryVector *) PG_GETARG_POINTER(0);
	int		   *sizep = (int *) PG_GETARG_POINTER(1);
	rx_coord_box		acc;
	int			i;
	struct varlena *result;

	/* acc's paths point into the keys, which outlive this call */
	coord_get_box(coord_gist_entry_key(&entryvec->vector[0]), &acc);
	for (i = 1; i < entryvec->n; i++)
	{
		rx_coord_box		b,
					u;

		coord_get_box(coord_gist_entry_key(&entryvec->vector[i]), &b);
		rx_coord_box_union(&acc, &b, &u);
		acc = u;
	}
	result = coord_make_box(&acc);
	*sizep = VARSIZE(result);
	PG_RETURN_POINTER(result);
}

/* Penalty: how much a subtree's box widens to take a new entry. */
PG_FUNCTION_INFO_V1(coord_gist_penalty);
Datum
coord_gist_penalty(PG_FUNCTION_ARGS)
{
	GISTENTRY  *orig = (GISTENTRY *) PG_GETARG_POINTER(0);
	GISTENTRY  *add = (GISTENTRY *) PG_GETARG_POINTER(1);
	float	   *result = (float *) PG_GETARG_POINTER(2);
	rx_coord_box		o,
				a;

	coord_get_box(coord_gist_entry_key(orig), &o);
	coord_get_box(coord_gist_entry_key(add), &a);
	*result = (float) rx_coord_box_penalty(&o, &a);
	PG_RETURN_POINTER(result);
}

/* An entry being split: its offset and its box. */
typedef struct coord_gist_split_item
{
	OffsetNumber off;
	rx_coord_box		box;
} coord_gist_split_item;

/* qsort comparator of split items: box order. */
static int
coord_gist_split_item_cmp(const void *a, const void *b)
{
	return rx_coord_box_compare(&((const coord_gist_split_item *) a)->box,
						   &((const coord_gist_split_item *) b)->box);
}

/* The union of items[from..to) as a new key. */
static Datum
coord_gist_split_union(const coord_gist_split_item *items, int from, int to)
{
	rx_coord_box		acc = items[from].box;
	int			i;

	for (i = from + 1; i < to; i++)
	{
		rx_coord_box		u;

		rx_coord_box_union(&acc, &items[i].box, &u);
		acc = u;
	}
	return PointerGetDatum(coord_make_box(&acc));
}

/*
 * Picksplit: sort the entries in box order (first path, then grade) and cut
 * in the middle third where neighbours share the fewest labels, nearest the
 * middle among equals.  Entries with one path are cut by grade.
 */
PG_FUNCTION_INFO_V1(coord_gist_picksplit);
Datum
coord_gist_picksplit(PG_FUNCTION_ARGS)
{
	GistEntryVector *entryvec = (GistEntryVector *) PG_GETARG_POINTER(0);
	GIST_SPLITVEC *v = (GIST_SPLITVEC *) PG_GETARG_POINTER(1);
	OffsetNumber maxoff = (OffsetNumber) (entryvec->n - 1);
	int			n = maxoff - FirstOffsetNumber + 1;
	coord_gist_split_item *items = palloc(sizeof(coord_gist_split_item) * n);
	int			i,
				k,
				lo,
				hi,
				best = -1,
				best_lcp = RX_CODE_LABELS_MAX + 1;

	for (i = 0; i < n; i++)
	{
		items[i].off = (OffsetNumber) (FirstOffsetNumber + i);
		coord_get_box(coord_gist_entry_key(&entryvec->vector[items[i].off]), &items[i].box);
	}
	qsort(items, n, sizeof(coord_gist_split_item), coord_gist_split_item_cmp);

	lo = Max(1, n / 3);
	hi = Min(n - 1, n - n / 3);
	for (k = lo; k <= hi; k++)
	{
		int			lcp = rx_coord_lcp(items[k - 1].box.last, items[k - 1].box.last_len,
								  items[k].box.first, items[k].box.first_len);

		if (lcp < best_lcp ||
			(lcp == best_lcp && abs(2 * k - n) < abs(2 * best - n)))
		{
			best = k;
			best_lcp = lcp;
		}
	}

	v->spl_left = palloc(sizeof(OffsetNumber) * (n + 1));
	v->spl_right = palloc(sizeof(OffsetNumber) * (n + 1));
	v->spl_nleft = 0;
	v->spl_nright = 0;
	for (i = 0; i < n; i++)
	{
		if (i < best)
			v->spl_left[v->spl_nleft++] = items[i].off;
		else
			v->spl_right[v->spl_nright++] = items[i].off;
	}
	v->spl_ldatum = coord_gist_split_union(items, 0, best);
	v->spl_rdatum = coord_gist_split_union(items, best, n);
	PG_RETURN_POINTER(v);
}

/* Same: are two keys identical?  (canonical bytes) */
PG_FUNCTION_INFO_V1(coord_gist_same);
Datum
coord_gist_same(PG_FUNCTION_ARGS)
{
	struct varlena *a = PG_GETARG_VARLENA_PP(0);
	struct varlena *b = PG_GETARG_VARLENA_PP(1);
	bool	   *result = (bool *) PG_GETARG_POINTER(2);
	size_t		n = VARSIZE_ANY_EXHDR(a);

	*result = n == VARSIZE_ANY_EXHDR(b) && memcmp(VARDATA_ANY(a), VARDATA_ANY(b), n) == 0;
	PG_RETURN_POINTER(result);
}
