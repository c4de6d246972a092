/*
 * autocode_train.c — what the autocoder index recomputes after a change
 * (see autocode_int.h): the statistics that depend on the whole
 * dictionary (inverse frequencies for titles, codes and groups, entry
 * norms, BM25 length terms, priors) and the two classifiers, multinomial
 * logistic regressions of a title's code and of its major group on its
 * words and head noun, trained by stochastic gradient descent.
 */
#include "autocode_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RX_AUTOCODE_TRAIN_CUT		15	/* training ignores codes below e^-15 of the best */

/*
 * The statistics of the groups: their pooled title weight and BM25 length
 * term, and into ngl[] the number of groups of each level with a live
 * entry.  Clears the groups' stamps for the feature pass.
 */
static void
rx_autocode_refresh_groups(rx_autocode_index *ix, double ngl[RX_AUTOCODE_GROUP_LEVELS])
{
	double		sum[RX_AUTOCODE_GROUP_LEVELS] = {0};
	uint32_t	c,
				g;
	int			l;

	for (g = 0; g < ix->ngroups; g++)
	{
		ix->groups[g].titles = 0;
		ix->groups[g].stamp = UINT32_MAX;	/* "live" marker for the count below */
	}
	for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
		ngl[l] = 0;
	for (c = 0; c < ix->ncodes; c++)
		for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
		{
			g = ix->codes[c].grp[l];
			if (g == UINT32_MAX || ix->codes[c].entries == 0)
				continue;
			ix->groups[g].titles += ix->codes[c].titles;
			sum[l] += ix->codes[c].titles;
			if (ix->groups[g].stamp == UINT32_MAX)
			{
				ix->groups[g].stamp = 0;
				ngl[l]++;
			}
		}
	for (g = 0; g < ix->ngroups; g++)
	{
		rx_autocode_group   *gr = &ix->groups[g];
		double		avg = ngl[gr->level] > 0 && sum[gr->level] > 0
			? sum[gr->level] / ngl[gr->level] : 1;

		gr->k = (float) (ix->params.bm25_k1 * (1 - ix->params.bm25_b +
											   ix->params.bm25_b * gr->titles / avg));
		gr->stamp = 0;
	}
}

/*
 * The classifiers learn from the live titles.  Titles with the same words
 * (and so the same features) are one example whose target is shared among
 * their codes, so that a title listed under two codes alike leaves the two
 * tied.  Examples are visited in the order of their word hash, then of
 * their entries' identity, which does not depend on the order the entries
 * were added in.
 */
typedef struct rx_autocode_example
{
	uint64_t	sig;
	uint64_t	ident;
	uint32_t	e;
} rx_autocode_example;

/* Order examples by word hash, then entry identity, then entry (qsort). */
static int
rx_autocode_example_cmp(const void *a, const void *b)
{
	const rx_autocode_example *x = a,
			   *y = b;

	if (x->sig != y->sig)
		return x->sig < y->sig ? -1 : 1;
	if (x->ident != y->ident)
		return x->ident < y->ident ? -1 : 1;
	return x->e < y->e ? -1 : (x->e > y->e);
}

/* Do entries a and b have the same features? */
static bool
rx_autocode_same_features(const rx_autocode_index *ix, uint32_t a, uint32_t b)
{
	const rx_autocode_entry *x = &ix->entries[a],
			   *y = &ix->entries[b];

	return x->nfeat == y->nfeat &&
		memcmp(ix->pool + x->feat_off, ix->pool + y->feat_off,
			   (size_t) x->nfeat * sizeof(uint32_t)) == 0;
}

/*
 * Sort the live titles into examples: ex[] is reordered so that each
 * example's entries are consecutive, and start[0..*nstart] are the
 * examples' first positions (start[*nstart] = the number of titles).
 */
static void
rx_autocode_examples(const rx_autocode_index *ix, rx_autocode_example *ex, uint32_t nex, uint32_t *start, uint32_t *nstart)
{
	uint32_t	i = 0,
				n = 0;

	qsort(ex, nex, sizeof(rx_autocode_example), rx_autocode_example_cmp);
	while (i < nex)
	{
		uint32_t	end = i + 1,
					j;

		/* entries of the same words with the same features join entry i */
		for (j = i + 1; j < nex && ex[j].sig == ex[i].sig; j++)
			if (rx_autocode_same_features(ix, ex[i].e, ex[j].e))
			{
				rx_autocode_example	t = ex[j];

				memmove(ex + end + 1, ex + end, (size_t) (j - end) * sizeof(rx_autocode_example));
				ex[end++] = t;
			}
		start[n++] = i;
		i = end;
	}
	start[n] = nex;
	*nstart = n;
}

/*
 * One step of stochastic gradient descent of the major-group classifier
 * (m classes, the biases in row nrows of ix->mw) on the example whose
 * entries are ex[from..to), at learning rate eta.
 */
static void
rx_autocode_major_step(rx_autocode_index *ix, const rx_autocode_example *ex, uint32_t from, uint32_t to,
					   uint32_t nrows, int m, double eta)
{
	const rx_autocode_entry *ent = &ix->entries[ex[from].e];
	const uint32_t *fs = ix->pool + ent->feat_off;
	double		z[RX_AUTOCODE_MAJOR_MAX],
				t[RX_AUTOCODE_MAJOR_MAX],
				mx = -1e300,
				zsum = 0,
				wsum = 0;
	uint32_t	j;
	int			k;

	/* the target: each entry's weight on its major group */
	for (k = 0; k < m; k++)
		t[k] = 0;
	for (j = from; j < to; j++)
	{
		const rx_autocode_entry *en = &ix->entries[ex[j].e];
		uint32_t	gy = ix->codes[en->code].grp[RX_AUTOCODE_GROUP_LEVELS - 1];
		double		w = en->weight < 1 ? en->weight : 1;

		if (gy != UINT32_MAX && ix->gclass[gy] != 255)
		{
			t[ix->gclass[gy]] += w;
			wsum += w;
		}
	}
	if (!(wsum > 0))
		return;
	for (k = 0; k < m; k++)
		z[k] = ix->mw[(size_t) nrows * m + k];
	for (j = 0; j < ent->nfeat; j++)
	{
		uint32_t	r = ix->feats[fs[j]].row;

		if (r != UINT32_MAX)
			for (k = 0; k < m; k++)
				z[k] += ix->mw[(size_t) r * m + k];
	}
	for (k = 0; k < m; k++)
		if (z[k] > mx)
			mx = z[k];
	for (k = 0; k < m; k++)
		zsum += (z[k] = exp(z[k] - mx));
	for (k = 0; k < m; k++)
		z[k] = eta * (wsum * z[k] / zsum - t[k]);
	for (k = 0; k < m; k++)
		ix->mw[(size_t) nrows * m + k] -= (float) z[k];
	for (j = 0; j < ent->nfeat; j++)
	{
		uint32_t	r = ix->feats[fs[j]].row;

		if (r != UINT32_MAX)
			for (k = 0; k < m; k++)
				ix->mw[(size_t) r * m + k] -= (float) z[k];
	}
}

/*
 * Train the major-group classifier: a multinomial logistic regression of
 * a title's major group (the level-3 group of its code) on its words and
 * head noun, dense over the groups, by stochastic gradient descent.
 * False when out of memory; nmajor stays 0 (unused) then, or when there
 * are more than RX_AUTOCODE_MAJOR_MAX major groups.
 */
static bool
rx_autocode_train_major(rx_autocode_index *ix, const rx_autocode_example *ex, const uint32_t *start, uint32_t nstart)
{
	const rx_autocode_params *p = &ix->params;
	uint32_t	f,
				g,
				nrows = 0,
				s;
	int			m = 0,
				ep;

	if (p->w_class_major <= 0)
		return true;
	if (!rx_autocode_mem_grow(&ix->alloc, (void **) &ix->gclass, &ix->capgclass, ix->ngroups + 1, 1))
		return false;
	for (g = 0; g < ix->ngroups; g++)
	{
		ix->gclass[g] = 255;
		if (ix->groups[g].level == RX_AUTOCODE_GROUP_LEVELS - 1 && ix->groups[g].titles > 0)
		{
			if (m >= RX_AUTOCODE_MAJOR_MAX)
				return true;
			ix->gclass[g] = (uint8_t) m++;
		}
	}
	if (m < 2)
		return true;
	for (f = 0; f < ix->nfeats; f++)
	{
		rx_autocode_feat *ft = &ix->feats[f];

		ft->row = (ft->kind == RX_AUTOCODE_F_WORD || ft->kind == RX_AUTOCODE_F_HEAD) && ft->cl.n > 0
			? nrows++ : UINT32_MAX;
	}
	if (!rx_autocode_mem_grow(&ix->alloc, (void **) &ix->mw, &ix->capmw, (nrows + 1) * (uint32_t) m,
							  sizeof(float)))
		return false;
	memset(ix->mw, 0, sizeof(float) * (size_t) (nrows + 1) * (size_t) m);
	for (ep = 0; ep < p->class_epochs; ep++)
		for (s = 0; s < nstart; s++)
			rx_autocode_major_step(ix, ex, start[s], start[s + 1], nrows, m, p->class_rate / (1 + ep));
	ix->mbias = nrows;
	ix->nmajor = m;
	return true;
}

/*
 * Train the code classifier: a multinomial logistic regression of a
 * title's code on its words and head noun, with one weight per (feature,
 * code) pair of the code lists (lw), by stochastic gradient descent; a code
 * that no feature of a title reaches scores 0.  Codes below e^-RX_AUTOCODE_TRAIN_CUT
 * of the best are given no gradient (it is negligible), which saves most
 * exp() calls and updates once the weights have settled.
 */
static void
rx_autocode_train_codes(rx_autocode_index *ix, const rx_autocode_example *ex, const uint32_t *start, uint32_t nstart,
			   double *z, double *tgt, uint32_t *touched, uint8_t *mark)
{
	const rx_autocode_params *p = &ix->params;
	int			ep;

	for (ep = 0; ep < p->class_epochs; ep++)
	{
		double		eta = p->class_rate / (1 + ep);
		uint32_t	s;

		for (s = 0; s < nstart; s++)
		{
			const rx_autocode_entry *ent = &ix->entries[ex[start[s]].e];
			const uint32_t *fs = ix->pool + ent->feat_off;
			uint32_t	nt = 0,
						k,
						j;
			double		m = 0,
						zsum,
						wsum = 0;

			for (k = 0; k < ent->nfeat; k++)
			{
				rx_autocode_votes l = rx_autocode_feat_codes(ix, fs[k]);

				for (j = 0; j < l.n; j++)
				{
					uint32_t	c = l.v[j].code;

					if (!mark[c])
					{
						mark[c] = 1;
						z[c] = 0;
						touched[nt++] = c;
					}
					z[c] += l.v[j].lw;
				}
			}
			/* the target: each entry's weight on its code (all touched) */
			for (j = start[s]; j < start[s + 1]; j++)
			{
				const rx_autocode_entry *en = &ix->entries[ex[j].e];
				double		w = en->weight < 1 ? en->weight : 1;

				tgt[en->code] += w;
				wsum += w;
			}
			for (k = 0; k < nt; k++)
				if (z[touched[k]] > m)
					m = z[touched[k]];
			zsum = (ix->live_codes - nt) * exp(-m);
			for (k = 0; k < nt; k++)
			{
				uint32_t	c = touched[k];

				z[c] = z[c] - m > -RX_AUTOCODE_TRAIN_CUT ? exp(z[c] - m) : 0;
				zsum += z[c];
			}
			/* z becomes the step along the gradient of the log loss */
			for (k = 0; k < nt; k++)
			{
				uint32_t	c = touched[k];

				z[c] = eta * (wsum * z[c] / zsum - tgt[c]);
				tgt[c] = 0;
			}
			for (k = 0; k < ent->nfeat; k++)
			{
				rx_autocode_votes l = rx_autocode_feat_codes(ix, fs[k]);

				for (j = 0; j < l.n; j++)
				{
					double		g = z[l.v[j].code];

					if (g != 0)
						l.v[j].lw -= (float) g;
				}
			}
			for (k = 0; k < nt; k++)
				mark[touched[k]] = 0;
		}
	}
}

/* Train both classifiers from scratch.  False when out of memory. */
static bool
rx_autocode_train(rx_autocode_index *ix)
{
	const rx_autocode_params *p = &ix->params;
	const rx_autocode_allocator *a = &ix->alloc;
	rx_autocode_example *ex;
	uint32_t   *start,
			   *touched;
	double	   *z,
			   *tgt;
	uint8_t    *mark;
	uint32_t	nex = 0,
				nstart = 0,
				e,
				f,
				j;
	bool		ok = true;

	for (f = 0; f < ix->nfeats; f++)
	{
		rx_autocode_votes l = rx_autocode_feat_codes(ix, f);

		for (j = 0; j < l.n; j++)
			l.v[j].lw = 0;
	}
	ix->nmajor = 0;
	if ((p->w_class <= 0 && p->w_class_major <= 0) || p->class_epochs == 0 ||
		ix->live[RX_AUTOCODE_TITLE] == 0)
		return true;
	ex = rx_autocode_mem_alloc(a, sizeof(rx_autocode_example) * (size_t) ix->live[RX_AUTOCODE_TITLE]);
	start = rx_autocode_mem_alloc(a, sizeof(uint32_t) * ((size_t) ix->live[RX_AUTOCODE_TITLE] + 1));
	z = rx_autocode_mem_alloc(a, sizeof(double) * ((size_t) ix->ncodes + 1));
	tgt = rx_autocode_mem_alloc(a, sizeof(double) * ((size_t) ix->ncodes + 1));
	touched = rx_autocode_mem_alloc(a, sizeof(uint32_t) * ((size_t) ix->ncodes + 1));
	mark = rx_autocode_mem_alloc(a, (size_t) ix->ncodes + 1);
	if (ex != NULL && start != NULL && z != NULL && tgt != NULL && touched != NULL &&
		mark != NULL)
	{
		memset(mark, 0, (size_t) ix->ncodes + 1);
		for (e = 0; e < ix->ncodes; e++)
			tgt[e] = 0;
		for (e = 0; e < ix->nentries; e++)
			if (ix->entries[e].alive && ix->entries[e].kind == RX_AUTOCODE_TITLE &&
				ix->entries[e].nfeat > 0)
			{
				ex[nex].sig = ix->entries[e].sig;
				ex[nex].ident = ix->entries[e].ident;
				ex[nex].e = e;
				nex++;
			}
		rx_autocode_examples(ix, ex, nex, start, &nstart);
		ok = rx_autocode_train_major(ix, ex, start, nstart);
		if (p->w_class > 0)
			rx_autocode_train_codes(ix, ex, start, nstart, z, tgt, touched, mark);
	}
	else
		ok = false;
	rx_autocode_mem_free(a, ex);
	rx_autocode_mem_free(a, start);
	rx_autocode_mem_free(a, z);
	rx_autocode_mem_free(a, tgt);
	rx_autocode_mem_free(a, touched);
	rx_autocode_mem_free(a, mark);
	return ok;
}

/*
 * Rebuild the group votes of every word and head feature: its code list's
 * weights pooled per group (of each level with a group weight), saturated
 * as BM25 does and scaled by the feature's idf among groups of that level —
 * what a query added up feature by feature before, now once per refresh.
 */
bool
rx_autocode_group_votes_build(rx_autocode_index *ix)
{
	const rx_autocode_allocator *a = &ix->alloc;
	const rx_autocode_params *p = &ix->params;
	float	   *pooled = rx_autocode_mem_alloc(a, sizeof(float) * ((size_t) ix->ngroups + 1));
	uint32_t   *touched = rx_autocode_mem_alloc(a, sizeof(uint32_t) * ((size_t) ix->ngroups + 1));
	uint32_t	f,
				j,
				n = 0;
	bool		ok = pooled != NULL && touched != NULL &&
		rx_autocode_mem_grow(a, (void **) &ix->gv_start, &ix->gv_capstart, ix->nfeats + 1, sizeof(uint32_t));

	for (j = 0; ok && j < ix->ngroups; j++)
		pooled[j] = 0;
	for (f = 0; ok && f < ix->nfeats; f++)
	{
		const rx_autocode_feat *ft = &ix->feats[f];
		rx_autocode_votes cl = rx_autocode_feat_codes(ix, f);
		uint32_t	nt = 0;
		int			l;

		ix->gv_start[f] = n;
		if (ft->kind == RX_AUTOCODE_F_GRAM)
			continue;
		for (j = 0; j < cl.n; j++)
			for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
			{
				uint32_t	g = ix->codes[cl.v[j].code].grp[l];

				if (g == UINT32_MAX || p->w_group[l] <= 0)
					continue;
				if (pooled[g] == 0)
					touched[nt++] = g;
				pooled[g] += cl.v[j].tf;
			}
		if (!rx_autocode_mem_grow(a, (void **) &ix->gv_group, &ix->gv_capgroup, n + nt, sizeof(uint32_t)) ||
			!rx_autocode_mem_grow(a, (void **) &ix->gv_val, &ix->gv_capval, n + nt, sizeof(float)))
			ok = false;
		for (j = 0; j < nt; j++)
		{
			uint32_t	g = touched[j];
			const rx_autocode_group *gr = &ix->groups[g];
			double		v = ft->gidf[gr->level] * pooled[g] / (pooled[g] + gr->k);

			pooled[g] = 0;
			if (ok && v > 0)
			{
				ix->gv_group[n] = g;
				ix->gv_val[n++] = (float) v;
			}
		}
	}
	ix->gv_nstart = ok ? ix->nfeats + 1 : 0;
	ix->gv_n = ok ? n : 0;
	if (ok)
		ix->gv_start[ix->nfeats] = n;
	rx_autocode_mem_free(a, pooled);
	rx_autocode_mem_free(a, touched);
	return ok;
}

/*
 * Recompute inverse frequencies and entry norms and train the classifiers
 * after a change.  False when out of memory: the index stays dirty, so the
 * next query tries again.
 */
bool
rx_autocode_refresh(rx_autocode_index *ix)
{
	double		n = ix->live[RX_AUTOCODE_TITLE];
	double		nc = 0,
				sum = 0;
	double		kw[RX_AUTOCODE_FKINDS];
	double		ngl[RX_AUTOCODE_GROUP_LEVELS];
	uint32_t	c,
				f,
				e;

	for (c = 0; c < ix->ncodes; c++)
		if (ix->codes[c].entries > 0)
		{
			nc++;
			sum += ix->codes[c].titles;
		}
	kw[RX_AUTOCODE_F_WORD] = 1.0;
	kw[RX_AUTOCODE_F_HEAD] = ix->params.head_weight;
	kw[RX_AUTOCODE_F_GRAM] = ix->params.gram_weight;
	ix->avg_titles = nc > 0 && sum > 0 ? sum / nc : 1;
	ix->live_codes = nc;
	for (c = 0; c < ix->ncodes; c++)
	{
		rx_autocode_code    *cd = &ix->codes[c];

		cd->prior = (float) (ix->params.w_prior * log1p(cd->titles));
		cd->k = (float) (ix->params.bm25_k1 * (1 - ix->params.bm25_b +
											   ix->params.bm25_b * cd->titles / ix->avg_titles));
	}
	rx_autocode_refresh_groups(ix, ngl);
	for (f = 0; f < ix->nfeats; f++)
	{
		rx_autocode_feat    *ft = &ix->feats[f];
		double		fw = kw[ft->kind];
		uint32_t	gcount[RX_AUTOCODE_GROUP_LEVELS] = {0};
		uint32_t	j;
		int			l;

		ft->idf = ft->kind == RX_AUTOCODE_F_GRAM ? 0 : (float) (fw * log((n + 1) / (ft->el.n + 0.5)));
		ft->cidf = (float) (fw * log((nc + 1) / (ft->cl.n + 0.5)));
		/* in how many groups of each level the feature occurs */
		for (j = 0; j < ft->cl.n && ix->ngroups > 0; j++)
			for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
			{
				uint32_t	g = ix->codes[ix->clpool[ft->cl.off + j].code].grp[l];

				if (g != UINT32_MAX && ix->groups[g].stamp != f + 1)
				{
					ix->groups[g].stamp = f + 1;
					gcount[l]++;
				}
			}
		for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
			ft->gidf[l] = (float) (fw * log((ngl[l] + 1) / (gcount[l] + 0.5)));
	}
	for (e = 0; e < ix->nentries; e++)
	{
		rx_autocode_entry   *ent = &ix->entries[e];
		double		norm = 0;
		uint32_t	i;

		if (!ent->alive || ent->kind != RX_AUTOCODE_TITLE)
			continue;
		for (i = 0; i < ent->nfeat; i++)
			norm += ix->feats[ix->pool[ent->feat_off + i]].idf;
		ix->hot[e].norm = (float) norm;
	}
	if (!rx_autocode_train(ix) || !rx_autocode_group_votes_build(ix))
		return false;
	ix->dirty = false;
	return true;
}

/* Recompute the statistics now if a change left them stale. */
rx_status
rx_autocode_index_refresh(rx_autocode_index *ix, rx_error *err)
{
	if (ix->dirty && !rx_autocode_refresh(ix))
		return rx_autocode_oom(err);
	return RX_OK;
}
