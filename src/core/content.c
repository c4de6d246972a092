/*
 * content.c — sparse vectors, top-k selection, the occupations' similarity
 * matrix and the role index of similarity by content (see content.h).
 */
#include "core/content.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * The dot product of two sparse vectors whose features are ascending; 0
 * when they share none.
 */
double
rx_content_dot(const int32_t *ta, const float *wa, size_t na,
			   const int32_t *tb, const float *wb, size_t nb)
{
	size_t		i = 0,
				j = 0;
	double		s = 0;

	while (i < na && j < nb)
	{
		if (ta[i] < tb[j])
			i++;
		else if (ta[i] > tb[j])
			j++;
		else
			s += (double) wa[i++] * (double) wb[j++];
	}
	return s;
}

/* True when the n features are non-negative and strictly ascending. */
bool
rx_content_ascending(const int32_t *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (t[i] < 0 || (i > 0 && t[i] <= t[i - 1]))
			return false;
	return true;
}

/* Is hit a better than hit b?  Higher score first, then the lower id. */
static bool
hit_better(const rx_content_hit *a, const rx_content_hit *b)
{
	return a->score > b->score || (a->score == b->score && a->id < b->id);
}

/* Move the hit at i down the heap (worst on top) to its place. */
static void
heap_down(rx_content_topk *t, int i)
{
	for (;;)
	{
		int			l = 2 * i + 1,
					r = l + 1,
					w = i;
		rx_content_hit tmp;

		if (l < t->n && hit_better(&t->hits[w], &t->hits[l]))
			w = l;
		if (r < t->n && hit_better(&t->hits[w], &t->hits[r]))
			w = r;
		if (w == i)
			return;
		tmp = t->hits[i];
		t->hits[i] = t->hits[w];
		t->hits[w] = tmp;
		i = w;
	}
}

/* Start an empty selection of the best k (k >= 0) in buf (k slots). */
void
rx_content_topk_init(rx_content_topk *t, rx_content_hit *buf, int k)
{
	t->hits = buf;
	t->k = k < 0 ? 0 : k;
	t->n = 0;
}

/* Offer an item; NaN scores are ignored. */
void
rx_content_topk_add(rx_content_topk *t, double score, int32_t id)
{
	rx_content_hit h = {score, id};

	if (isnan(score) || t->k == 0)
		return;
	if (t->n < t->k)
	{
		int			i = t->n++;

		t->hits[i] = h;
		while (i > 0 && hit_better(&t->hits[(i - 1) / 2], &t->hits[i]))
		{
			rx_content_hit tmp = t->hits[i];

			t->hits[i] = t->hits[(i - 1) / 2];
			t->hits[(i - 1) / 2] = tmp;
			i = (i - 1) / 2;
		}
	}
	else if (hit_better(&h, &t->hits[0]))
	{
		t->hits[0] = h;
		heap_down(t, 0);
	}
}

/* qsort order of hits: best first. */
static int
hit_cmp(const void *a, const void *b)
{
	const rx_content_hit *x = a;
	const rx_content_hit *y = b;

	if (hit_better(x, y))
		return -1;
	return hit_better(y, x) ? 1 : 0;
}

/* Sort the selection best first; returns how many items it holds. */
int
rx_content_topk_finish(rx_content_topk *t)
{
	qsort(t->hits, t->n, sizeof(rx_content_hit), hit_cmp);
	return t->n;
}

/*
 * The transpose of m: for each feature f, tstart[f] .. tstart[f+1] index the
 * rows that have it (ascending) in trow, with their values in tval.  tstart
 * has ncols + 1 slots, trow and tval one per entry of m.
 */
void
rx_content_transpose(const rx_content_matrix *m, int64_t *tstart,
					 int32_t *trow, float *tval)
{
	int64_t		nnz = m->start[m->nrows];

	memset(tstart, 0, sizeof(int64_t) * (m->ncols + 1));
	for (int64_t e = 0; e < nnz; e++)
		tstart[m->col[e] + 1]++;
	for (int32_t f = 0; f < m->ncols; f++)
		tstart[f + 1] += tstart[f];
	for (int32_t i = 0; i < m->nrows; i++)
	{
		for (int64_t e = m->start[i]; e < m->start[i + 1]; e++)
		{
			int64_t		at = tstart[m->col[e]]++;

			trow[at] = i;
			tval[at] = m->val[e];
		}
	}
	/* the fill moved each start to the next one's: shift back */
	for (int32_t f = m->ncols; f > 0; f--)
		tstart[f] = tstart[f - 1];
	tstart[0] = 0;
}

/*
 * Row i of the Gram matrix of m (the dot products of row i with every row)
 * into out[0 .. nrows - 1], through the transpose of m.
 */
void
rx_content_gram_row(const rx_content_matrix *m, const int64_t *tstart,
					const int32_t *trow, const float *tval,
					int32_t i, float *out)
{
	memset(out, 0, sizeof(float) * m->nrows);
	for (int64_t e = m->start[i]; e < m->start[i + 1]; e++)
	{
		int32_t		f = m->col[e];
		float		v = m->val[e];

		for (int64_t p = tstart[f]; p < tstart[f + 1]; p++)
			out[trow[p]] += v * tval[p];
	}
}

/*
 * The occupation mix of role r against every occupation: row[p] = sum over
 * the role's occupations a of w_a * S[a][p].
 */
static void
role_occ_row(const rx_content_roles *ix, int32_t r, double *row)
{
	for (int32_t p = 0; p < ix->nocc; p++)
		row[p] = 0;
	for (int64_t e = ix->occ_start[r]; e < ix->occ_start[r + 1]; e++)
	{
		const float *s = ix->S + (size_t) ix->occ[e] * ix->nocc;
		double		w = ix->occ_w[e];

		for (int32_t p = 0; p < ix->nocc; p++)
			row[p] += w * s[p];
	}
}

/* The unnormalized occupation product of role s with a row of role r. */
static double
role_occ_dot(const rx_content_roles *ix, int32_t s, const double *row)
{
	double		d = 0;

	for (int64_t e = ix->occ_start[s]; e < ix->occ_start[s + 1]; e++)
		d += ix->occ_w[e] * row[ix->occ[e]];
	return d;
}

/*
 * Fill the index's per-role norms: the length of each role's occupation mix
 * (through S, over the pairs of its occupations) and of its IDF-weighted
 * component set.
 */
void
rx_content_roles_prepare(rx_content_roles *ix)
{
	for (int32_t r = 0; r < ix->nroles; r++)
	{
		double		o = 0,
					c = 0;

		for (int64_t e = ix->occ_start[r]; e < ix->occ_start[r + 1]; e++)
			for (int64_t f = ix->occ_start[r]; f < ix->occ_start[r + 1]; f++)
				o += (double) ix->occ_w[e] * ix->occ_w[f] *
					ix->S[(size_t) ix->occ[e] * ix->nocc + ix->occ[f]];
		for (int64_t e = ix->comp_start[r]; e < ix->comp_start[r + 1]; e++)
			c += (double) ix->comp_w[ix->comp[e]] * ix->comp_w[ix->comp[e]];
		ix->occ_norm[r] = sqrt(fmax(0, o));
		ix->comp_norm[r] = sqrt(c);
	}
}

/*
 * The similarity of roles a and b from the cosines of their parts (occ,
 * comp): each part counts when both roles have it, and each role's vector
 * has length 1 over the parts it has.  0 when either role has no part.
 */
static double
role_combine(const rx_content_roles *ix, int32_t a, int32_t b, double occ, double comp)
{
	bool		oa = ix->occ_norm[a] > 0,
				ob = ix->occ_norm[b] > 0,
				ca = ix->comp_norm[a] > 0,
				cb = ix->comp_norm[b] > 0;
	double		la = (oa ? ix->alpha : 0) + (ca ? 1 - ix->alpha : 0);
	double		lb = (ob ? ix->alpha : 0) + (cb ? 1 - ix->alpha : 0);
	double		num = 0;

	if (la <= 0 || lb <= 0)
		return 0;
	if (oa && ob)
		num += ix->alpha * occ / (ix->occ_norm[a] * ix->occ_norm[b]);
	if (ca && cb)
		num += (1 - ix->alpha) * comp / (ix->comp_norm[a] * ix->comp_norm[b]);
	return num / sqrt(la * lb);
}

/* The IDF-weighted overlap of the component sets of roles a and b. */
static double
role_comp_dot(const rx_content_roles *ix, int32_t a, int32_t b)
{
	int64_t		i = ix->comp_start[a],
				j = ix->comp_start[b];
	double		s = 0;

	while (i < ix->comp_start[a + 1] && j < ix->comp_start[b + 1])
	{
		if (ix->comp[i] < ix->comp[j])
			i++;
		else if (ix->comp[i] > ix->comp[j])
			j++;
		else
		{
			double		w = ix->comp_w[ix->comp[i]];

			s += w * w;
			i++;
			j++;
		}
	}
	return s;
}

/*
 * The content similarity of roles a and b, in [0, 1] for the non-negative
 * matrices roleext builds.  row: nocc doubles of scratch.
 */
double
rx_content_role_similarity(const rx_content_roles *ix, int32_t a, int32_t b,
						   double *row)
{
	role_occ_row(ix, a, row);
	return role_combine(ix, a, b, role_occ_dot(ix, b, row), role_comp_dot(ix, a, b));
}

/*
 * The k roles most similar to role r (r left out; eligible, when not NULL,
 * says which roles may be returned), best first, ties to the lower index,
 * only those with a similarity above 0, into out (k slots); returns their
 * number.  row: nocc doubles, acc: nroles doubles of scratch.
 */
int
rx_content_role_neighbours(const rx_content_roles *ix, int32_t r,
						   const bool *eligible, int k, double *row,
						   double *acc, rx_content_hit *out)
{
	rx_content_topk top;

	rx_content_topk_init(&top, out, k);
	memset(acc, 0, sizeof(double) * ix->nroles);
	for (int64_t e = ix->comp_start[r]; e < ix->comp_start[r + 1]; e++)
	{
		int32_t		c = ix->comp[e];
		double		w = (double) ix->comp_w[c] * ix->comp_w[c];

		for (int64_t p = ix->post_start[c]; p < ix->post_start[c + 1]; p++)
			acc[ix->post[p]] += w;
	}
	role_occ_row(ix, r, row);
	for (int32_t s = 0; s < ix->nroles; s++)
	{
		double		sim;

		if (s == r || (eligible != NULL && !eligible[s]))
			continue;
		sim = role_combine(ix, r, s, role_occ_dot(ix, s, row), acc[s]);
		if (sim > 0)
			rx_content_topk_add(&top, sim, s);
	}
	return rx_content_topk_finish(&top);
}
