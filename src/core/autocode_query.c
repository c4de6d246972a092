/*
 * autocode_query.c — coding a normalized title against the index (see
 * autocode_int.h and doc/autocode.md, "Scoring"), one function a step:
 * the query's features (1), title matching (2), the code and group votes
 * and the classifier's scores (3), exact matches (4), the classifiers'
 * probabilities (4a, 4b), the blend and the ranking (5), the hits (6).
 */
#include "autocode_int.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

/*
 * Add feature f (from query word `word`) with weight w to the query
 * features, keeping the larger weight of a repeated feature.
 */
void
rx_autocode_qfeat_add(rx_autocode_qfeat *q, int *n, uint32_t f, float w, int word)
{
	int			i;

	if (f == UINT32_MAX || !(w > 0))
		return;
	for (i = 0; i < *n; i++)
		if (q[i].f == f)
		{
			if (w > q[i].w)
				q[i].w = w;
			return;
		}
	if (*n < RX_AUTOCODE_QFEAT_MAX)
	{
		q[*n].f = f;
		q[*n].w = w;
		q[*n].word = word;
		(*n)++;
	}
}

/* Is candidate a (raw ra, code ca) ranked before b? */
static bool
rx_autocode_before(double ra, int32_t ca, double rb, int32_t cb)
{
	return ra > rb || (ra == rb && ca < cb);
}

/*
 * Write into buf the query's words (as they stand in text) that have some
 * feature voting for code c, separated by spaces; returns the length.
 */
static size_t
rx_autocode_word_evidence(const rx_autocode_index *ix, const rx_autocode_words *w, const char *text,
				 const rx_autocode_qfeat *q, int nq, uint32_t c, char *buf, size_t cap)
{
	size_t		n = 0;
	int			i,
				k;

	for (i = 0; i < w->n; i++)
	{
		bool		votes = false;

		for (k = 0; k < nq && !votes; k++)
		{
			rx_autocode_votes l = rx_autocode_feat_codes(ix, q[k].f);
			uint32_t	j;

			if (q[k].word != i)
				continue;
			for (j = 0; j < l.n && !votes; j++)
				votes = l.v[j].code == c;
		}
		if (!votes || n + 1 + w->w[i].orig_len > cap)
			continue;
		if (n > 0)
			buf[n++] = ' ';
		memcpy(buf + n, text + w->w[i].orig_off, w->w[i].orig_len);
		n += w->w[i].orig_len;
	}
	return n;
}

/*
 * The group votes of a query: each word or head feature adds its weight
 * times its precomputed vote for each group (rx_autocode_group_votes_build);
 * gvote of the groups voted for (listed in gvoted[0..*nvoted), flagged in
 * gflag) sums over the features, gmax[level] is the best a group could
 * reach.
 */
static void
rx_autocode_group_votes(const rx_autocode_index *ix, rx_autocode_scratch *sc, const rx_autocode_qfeat *q, int nq,
			   double gmax[RX_AUTOCODE_GROUP_LEVELS], uint32_t *nvoted)
{
	int			i,
				l;

	for (i = 0; i < nq; i++)
	{
		const rx_autocode_feat *ft = &ix->feats[q[i].f];
		float		w = q[i].w;
		uint32_t	j,
					end;

		if (ft->kind == RX_AUTOCODE_F_GRAM || (uint64_t) q[i].f + 1 >= ix->gv_nstart)
			continue;
		end = ix->gv_start[q[i].f + 1];
		for (j = ix->gv_start[q[i].f]; j < end; j++)
		{
			uint32_t	g = ix->gv_group[j];

			if (!sc->gflag[g])
			{
				sc->gflag[g] = 1;
				sc->gvote[g] = 0;
				sc->gvoted[(*nvoted)++] = g;
			}
			sc->gvote[g] += w * ix->gv_val[j];
		}
		for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
			if (ft->gidf[l] > 0)
				gmax[l] += w * ft->gidf[l];
	}
}

/* What one query works on besides the scratch: its features and running sums. */
typedef struct rx_autocode_qstate
{
	rx_autocode_qfeat q[RX_AUTOCODE_QFEAT_MAX];
	int			nq;
	bool		has_head;		/* a HEAD feature is among q */
	bool		read;			/* an unknown word was read as known ones (sc->reading) */
	double		qn;				/* summed idf of q: the query's norm in title matching */
	double		qmax;			/* the best code vote q could give */
	uint32_t	nctouched;		/* codes touched (sc->ctouched) */
	double		gmax[RX_AUTOCODE_GROUP_LEVELS];	/* the best group vote at each level */
	uint32_t	ngvoted;		/* groups voted for (sc->gvoted) */
	double		pmajor[RX_AUTOCODE_MAJOR_MAX];	/* the major-group classifier's probabilities */
	bool		use_major;
	double		zclass;			/* the code classifier's normalizer; 0 when unused */
	double		kvote;			/* w_vote / qmax, or 0 */
	double		wexact;			/* the exact-match bonus of this query */
	bool		read_typo;		/* a word was read as a typo or a cut word */
	double		kclass;			/* w_class / zclass, or 0 */
	double		kgroup[RX_AUTOCODE_GROUP_LEVELS];	/* w_group / gmax at each level, or 0 */
	int			ncand;			/* candidates ranked in sc->cand */
	size_t		evlen;			/* room for one hit's word evidence */
} rx_autocode_qstate;

/*
 * How often word wd heads the titles it occurs in: the titles with it as
 * their head noun over the titles with it; -1 when it is unknown.
 */
static double
rx_autocode_headness(const rx_autocode_index *ix, const rx_autocode_word *wd)
{
	uint32_t	t = rx_autocode_token_find(ix, wd->s, wd->len),
				fw,
				fh;

	if (t == UINT32_MAX || (fw = rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, t)) == UINT32_MAX ||
		ix->feats[fw].el.n == 0)
		return -1;
	fh = rx_autocode_token_feature(ix, RX_AUTOCODE_F_HEAD, t);
	return fh == UINT32_MAX ? 0 : (double) ix->feats[fh].el.n / ix->feats[fw].el.n;
}

/*
 * 0. An index entry written head first ("Teacher meteorology", "Operator
 * bar finish"; a comma after the head is the head window's case): when
 * the first content word heads its titles far more often than the word
 * the head rule chose (headness at least 0.3, the other's below head_first
 * times it), the first word is the head.
 */
static void
rx_autocode_head_first(const rx_autocode_index *ix, rx_autocode_words *w, size_t head_end)
{
	int			first = -1,
				head = -1,
				i;
	double		hf,
				hd;

	if (ix->params.head_first <= 0 || head_end > 0)
		return;
	for (i = 0; i < w->n; i++)
	{
		if (first < 0 && !w->w[i].stop)
			first = i;
		if (w->w[i].head)
			head = i;
	}
	if (first < 0 || head <= first)
		return;
	hf = rx_autocode_headness(ix, &w->w[first]);
	hd = rx_autocode_headness(ix, &w->w[head]);
	if (hf >= 0.3 && hd >= 0 && hd < ix->params.head_first * hf)
	{
		w->w[head].head = false;
		w->w[first].head = true;
	}
}

/*
 * Append to the reading of a query (its words with each unknown word
 * replaced by the known words it was read as, for the exact match): word
 * wd itself when ix is NULL, nothing when ix is given with a word (it was
 * read: its reading follows), or token `tok` of ix when wd is NULL.
 */
static void
rx_autocode_reading_add(rx_autocode_words *r, const rx_autocode_word *wd, const rx_autocode_index *ix, uint32_t tok)
{
	rx_autocode_word *o;

	if ((wd != NULL && ix != NULL) || r->n >= RX_AUTOCODE_TOKENS_MAX)
		return;
	o = &r->w[r->n++];
	if (wd != NULL)
	{
		*o = *wd;
		return;
	}
	memset(o, 0, sizeof(*o));
	o->s = ix->tokchars + ix->tokens[tok].off;
	o->len = ix->tokens[tok].len;
}

/*
 * Add the spelling grams of s[0..len) (from query word `word`) to the query
 * features; a gram of many codes is weak evidence that costs a long walk,
 * and is left out.
 */
static void
rx_autocode_gram_feats(const rx_autocode_index *ix, const char *s, size_t len, int word, rx_autocode_qstate *qs)
{
	const rx_autocode_params *p = &ix->params;
	uint32_t	g[RX_AUTOCODE_TOKEN_LEN_MAX + 1],
				f;
	int			ng = rx_autocode_grams(s, len, g),
				m;

	for (m = 0; m < ng; m++)
	{
		f = rx_autocode_feature_find(ix, rx_autocode_feature_key(RX_AUTOCODE_F_GRAM, g[m]));
		if (rx_autocode_feature_live(ix, f) &&
			(p->gram_codes_max == 0 || ix->feats[f].cl.n <= (uint32_t) p->gram_codes_max))
			rx_autocode_qfeat_add(qs->q, &qs->nq, f, 1.0f, word);
	}
}

/*
 * 1. The query's weighted features: each known word and, for the head
 * noun, its HEAD feature; an unknown word's split compound or fuzzy
 * stand-ins; the 4-grams of every word.  Then the sums the later steps
 * divide by.
 */
static void
rx_autocode_query_features(const rx_autocode_index *ix, rx_autocode_scratch *sc, const char *text,
						   const rx_autocode_words *w, rx_autocode_qstate *qs)
{
	const rx_autocode_params *p = &ix->params;
	int			i,
				nw;

	sc->reading.n = 0;
	sc->read_typo = sc->read_split = 0;
	for (i = 0; i < w->n; i++)
	{
		const rx_autocode_word *wd = &w->w[i];
		uint32_t	t,
					f,
					read[RX_AUTOCODE_READ_MAX];
		int			nread = 0,
					r;

		if (wd->stop)
		{
			rx_autocode_reading_add(&sc->reading, wd, NULL, 0);
			continue;
		}
		t = rx_autocode_token_find(ix, wd->s, wd->len);
		f = t == UINT32_MAX ? UINT32_MAX : rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, t);
		if (f != UINT32_MAX)
		{
			rx_autocode_qfeat_add(qs->q, &qs->nq, f, 1.0f, i);
			if (wd->head)
				rx_autocode_qfeat_add(qs->q, &qs->nq, rx_autocode_token_feature(ix, RX_AUTOCODE_F_HEAD, t), 1.0f, i);
		}
		else
		{
			bool		split;
			int			nq0 = qs->nq;

			nread = rx_autocode_fuzzy(ix, sc, wd, i, text + wd->orig_off, wd->orig_len, i == w->n - 1, qs->q,
									  &qs->nq, read, &split);
			/* what was guessed, for the confidence */
			if (split)
				sc->read_split++;
			else if (qs->nq > nq0)
				sc->read_typo++;
			qs->read_typo |= nread > 0 && !split;
		}
		rx_autocode_reading_add(&sc->reading, wd, nread > 0 ? ix : NULL, nread);
		for (r = 0; r < nread; r++)
			rx_autocode_reading_add(&sc->reading, NULL, ix, read[r]);
		qs->read |= nread > 0;
		if (p->gram_weight <= 0)
			continue;
		/* the spelling grams of the word, or of the words a typo or run-together word was read as */
		if (nread == 0)
			rx_autocode_gram_feats(ix, wd->s, wd->len, i, qs);
		for (r = 0; r < nread; r++)
			rx_autocode_gram_feats(ix, ix->tokchars + ix->tokens[read[r]].off, ix->tokens[read[r]].len, i, qs);
	}
	for (i = 0, nw = 0; i < w->n; i++)
		nw += !w->w[i].stop;
	if (nw > 0)
	{
		sc->read_typo /= nw;
		sc->read_split /= nw;
	}
	for (i = 0; i < qs->nq; i++)
	{
		qs->has_head |= ix->feats[qs->q[i].f].kind == RX_AUTOCODE_F_HEAD;
		qs->qn += ix->feats[qs->q[i].f].idf * qs->q[i].w;
		qs->qmax += ix->feats[qs->q[i].f].cidf * qs->q[i].w;
	}
}

/*
 * 2. Title matching: the weight each entry shares with the query, its
 * Dice similarity (lowered by head_miss when it misses the query's head),
 * and the best entry of each code.
 */
static void
rx_autocode_match_titles(const rx_autocode_index *ix, rx_autocode_scratch *sc, rx_autocode_qstate *qs)
{
	float		qn = (float) qs->qn,
				miss = (float) ix->params.head_miss;
	uint32_t	netouched = 0,
				common = ix->params.match_common > 0 ? (uint32_t) ix->params.match_common : UINT32_MAX,
				rare = UINT32_MAX,
				j;
	int			i,
				rarest = -1;

	/* the rarest feature is walked even when it is common: it finds the titles */
	for (i = 0; i < qs->nq; i++)
		if (ix->feats[qs->q[i].f].idf * qs->q[i].w > 0 && ix->feats[qs->q[i].f].el.n < rare)
		{
			rare = ix->feats[qs->q[i].f].el.n;
			rarest = i;
		}
	for (i = 0; i < qs->nq; i++)
	{
		rx_autocode_ids l = rx_autocode_feat_entries(ix, qs->q[i].f);
		float		add = ix->feats[qs->q[i].f].idf * qs->q[i].w;
		bool		head = ix->feats[qs->q[i].f].kind == RX_AUTOCODE_F_HEAD;

		if (!(add > 0) || (l.n > common && i != rarest))
			continue;
		for (j = 0; j < l.n; j++)
		{
			uint32_t	e = l.v[j];

			if (sc->eacc[e] == 0)
				sc->etouched[netouched++] = e;
			sc->eacc[e] += add;
			if (head)
				sc->ehead[e] = 1;
		}
	}
	/* a common feature adds to the titles the others found, not to the thousands that have only it */
	for (i = 0; i < qs->nq && rare < UINT32_MAX; i++)
	{
		uint32_t	f = qs->q[i].f;
		float		add = ix->feats[f].idf * qs->q[i].w;
		bool		head = ix->feats[f].kind == RX_AUTOCODE_F_HEAD;
		uint32_t	ne = netouched;

		if (!(add > 0) || ix->feats[f].el.n <= common || i == rarest)
			continue;
		for (j = 0; j < ne; j++)
		{
			const rx_autocode_entry *ent = &ix->entries[sc->etouched[j]];
			const uint32_t *fs = ix->pool + ent->feat_off;
			uint32_t	m;

			for (m = 0; m < ent->nfeat; m++)
				if (fs[m] == f)
				{
					sc->eacc[sc->etouched[j]] += add;
					if (head)
						sc->ehead[sc->etouched[j]] = 1;
					break;
				}
		}
	}
	for (j = 0; j < netouched; j++)
	{
		uint32_t	e = sc->etouched[j];
		const rx_autocode_hot *h = &ix->hot[e];
		float		sim = 2.0f * sc->eacc[e] * h->scale / (qn + h->norm);
		uint32_t	c = h->code;

		if (!sc->ehead[e] && qs->has_head)
			sim *= miss;
		sc->eacc[e] = 0;
		sc->ehead[e] = 0;
		rx_autocode_touch(sc, c, &qs->nctouched);
		if (sim > sc->cmatch[c] || (sim == sc->cmatch[c] && e < sc->cbest[c]))
		{
			sc->cmatch[c] = sim;
			sc->cbest[c] = e;
		}
	}
}

/*
 * 3. The per-code vote (BM25 over the codes' pooled entries), the code
 * classifier's scores and the head share; then the votes of the codes'
 * groups.
 */
static void
rx_autocode_vote_codes(const rx_autocode_index *ix, rx_autocode_scratch *sc, rx_autocode_qstate *qs)
{
	const rx_autocode_params *p = &ix->params;
	uint32_t	j;
	int			i;

	for (i = 0; i < qs->nq; i++)
	{
		const rx_autocode_qfeat *qf = &qs->q[i];
		rx_autocode_votes l = rx_autocode_feat_codes(ix, qf->f);
		double		wt = ix->feats[qf->f].cidf * qf->w;

		/* grams have no classifier weights */
		bool		cls = p->w_class > 0 && ix->feats[qf->f].kind != RX_AUTOCODE_F_GRAM;

		if (!(wt > 0))
			continue;
		for (j = 0; j < l.n; j++)
		{
			uint32_t	c = l.v[j].code;
			float		tf = l.v[j].tf;

			rx_autocode_touch(sc, c, &qs->nctouched);
			sc->cvote[c] += (float) wt * tf / (tf + ix->codes[c].k);
			if (cls)
				sc->cclass[c] += qf->w * l.v[j].lw;
			if (ix->feats[qf->f].kind == RX_AUTOCODE_F_HEAD && tf * qf->w > sc->chead[c])
				sc->chead[c] = tf * qf->w;
		}
	}
	if (p->w_group[0] + p->w_group[1] + p->w_group[2] + p->w_group[3] > 0 && ix->ngroups > 0)
		rx_autocode_group_votes(ix, sc, qs->q, qs->nq, qs->gmax, &qs->ngvoted);
}

/* 4. The codes with a title whose words are the query's, exactly. */
static void
rx_autocode_mark_exact(const rx_autocode_index *ix, rx_autocode_scratch *sc, const rx_autocode_words *w,
					   rx_autocode_qstate *qs)
{
	uint64_t	sig = rx_autocode_signature(qs->read ? &sc->reading : w);
	uint32_t	pos = 0,
				e;

	if (sig == 0)
		return;
	while (rx_autocode_map_next(&ix->sigmap, sig, &pos, &e))
		if (ix->entries[e].alive && ix->entries[e].kind == RX_AUTOCODE_TITLE)
		{
			rx_autocode_touch(sc, ix->entries[e].code, &qs->nctouched);
			sc->cflag[ix->entries[e].code] |= RX_AUTOCODE_EXACT;
		}
}

/* 4a. The major-group classifier's probabilities of every major group. */
static void
rx_autocode_major_probs(const rx_autocode_index *ix, rx_autocode_qstate *qs)
{
	int			m = ix->nmajor,
				kk,
				i;
	double		mx = -1e300,
				zs = 0;

	if (ix->params.w_class_major <= 0 || ix->nmajor <= 0)
		return;
	for (kk = 0; kk < m; kk++)
		qs->pmajor[kk] = ix->mw[(size_t) ix->mbias * m + kk];
	for (i = 0; i < qs->nq; i++)
	{
		uint32_t	r = ix->feats[qs->q[i].f].row;

		if (r != UINT32_MAX && ix->feats[qs->q[i].f].kind != RX_AUTOCODE_F_GRAM)
			for (kk = 0; kk < m; kk++)
				qs->pmajor[kk] += qs->q[i].w * ix->mw[(size_t) r * m + kk];
	}
	for (kk = 0; kk < m; kk++)
		if (qs->pmajor[kk] > mx)
			mx = qs->pmajor[kk];
	for (kk = 0; kk < m; kk++)
		zs += (qs->pmajor[kk] = exp(qs->pmajor[kk] - mx));
	for (kk = 0; kk < m; kk++)
		qs->pmajor[kk] /= zs;
	qs->use_major = true;
}

/*
 * 4b. The code classifier's probabilities (unnormalized in sc->cclass,
 * the normalizer in qs->zclass): a code no feature reaches scores 0.
 */
static void
rx_autocode_class_probs(const rx_autocode_index *ix, rx_autocode_scratch *sc, rx_autocode_qstate *qs)
{
	double		m = 0,
				e0;
	uint32_t	j;

	if (ix->params.w_class <= 0)
		return;
	for (j = 0; j < qs->nctouched; j++)
		if (sc->cclass[sc->ctouched[j]] > m)
			m = sc->cclass[sc->ctouched[j]];
	e0 = exp(-m);

	/* most touched codes (reached by grams only) have score 0: exp(0 - m) */
	qs->zclass = ix->live_codes * e0;
	for (j = 0; j < qs->nctouched; j++)
	{
		uint32_t	c = sc->ctouched[j];
		double		x = sc->cclass[c];

		if (x == 0)
			sc->cclass[c] = (float) e0;
		else
		{
			double		v = x - m > -60 ? expf((float) (x - m)) : 0;

			sc->cclass[c] = (float) v;
			qs->zclass += v - e0;
		}
	}
}

/* 5. The factors of the blend that are the same for every code of the query. */
static void
rx_autocode_blend_factors(const rx_autocode_index *ix, rx_autocode_qstate *qs)
{
	const rx_autocode_params *p = &ix->params;
	int			l;

	qs->kvote = qs->qmax > 0 ? p->w_vote / qs->qmax : 0;
	/* a typo's reading can be another title's words exactly: less telling than typed words */
	qs->wexact = p->w_exact * (qs->read_typo ? p->exact_typo : 1);
	qs->kclass = qs->zclass > 0 ? p->w_class / qs->zclass : 0;
	for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
		qs->kgroup[l] = qs->ngvoted > 0 && qs->gmax[l] > 0 ? p->w_group[l] / qs->gmax[l] : 0;
}

/* 5. The raw score of code c: the blend of its evidence (doc/autocode.md, "Scoring"). */
static double
rx_autocode_raw(const rx_autocode_index *ix, const rx_autocode_scratch *sc, const rx_autocode_qstate *qs, uint32_t c)
{
	const rx_autocode_params *p = &ix->params;
	const rx_autocode_code *cd = &ix->codes[c];
	double		raw = (1 - p->w_vote) * sc->cmatch[c] + qs->kvote * sc->cvote[c] + cd->prior +
		qs->kclass * sc->cclass[c] + ((sc->cflag[c] & RX_AUTOCODE_EXACT) ? qs->wexact : 0);
	int			l;

	for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
	{
		uint32_t	g = cd->grp[l];

		if (qs->kgroup[l] > 0 && g != UINT32_MAX && sc->gflag[g])
			raw += qs->kgroup[l] * sc->gvote[g];
	}
	if (qs->use_major)
	{
		uint32_t	g = cd->grp[RX_AUTOCODE_GROUP_LEVELS - 1];

		if (g != UINT32_MAX && ix->gclass[g] != 255)
			raw += p->w_class_major * qs->pmajor[ix->gclass[g]];
	}
	if (p->w_headshare > 0 && cd->titles > 0)
	{
		double		share = sc->chead[c] / cd->titles;

		raw += p->w_headshare * (share < 1 ? share : 1);
	}
	return raw;
}

/* 5. Keep the best mcand touched codes in order of raw score, then code. */
static void
rx_autocode_rank(const rx_autocode_index *ix, rx_autocode_scratch *sc, rx_autocode_qstate *qs, int mcand)
{
	uint32_t	j;

	for (j = 0; j < qs->nctouched; j++)
	{
		uint32_t	c = sc->ctouched[j];
		double		raw = rx_autocode_raw(ix, sc, qs, c);
		int			pos = qs->ncand;

		while (pos > 0 && rx_autocode_before(raw, ix->codes[c].code, sc->candraw[pos - 1],
											 ix->codes[sc->cand[pos - 1]].code))
			pos--;
		if (pos < mcand)
		{
			int			m = qs->ncand < mcand ? qs->ncand : mcand - 1;

			memmove(sc->cand + pos + 1, sc->cand + pos, (size_t) (m - pos) * sizeof(uint32_t));
			memmove(sc->candraw + pos + 1, sc->candraw + pos, (size_t) (m - pos) * sizeof(double));
			sc->cand[pos] = c;
			sc->candraw[pos] = raw;
			if (qs->ncand < mcand)
				qs->ncand++;
		}
	}
}

/*
 * 6. The first nhit candidates as hits: code, calibrated confidence
 * (autocode_calib.c), exact flag and evidence (the deciding title's label,
 * or the query's words that voted for the code).
 */
static void
rx_autocode_hits(const rx_autocode_index *ix, rx_autocode_scratch *sc, const rx_autocode_qstate *qs,
				 const char *text, int nhit, rx_autocode_hit *out)
{
	int			i;

	rx_autocode_calibrate_hits(&ix->params, sc->candraw, qs->ncand, sc->read_typo, sc->read_split, out, nhit);
	for (i = 0; i < nhit; i++)
	{
		uint32_t	c = sc->cand[i];
		rx_autocode_hit *h = &out[i];

		h->code = ix->codes[c].code;
		h->exact = (sc->cflag[c] & RX_AUTOCODE_EXACT) != 0;
		if (sc->cmatch[c] > 0)
		{
			const rx_autocode_entry *ent = &ix->entries[sc->cbest[c]];

			h->evidence = ix->labels + ent->label_off;
			h->evidence_len = ent->label_len;
			h->titled = true;
			h->weight = ent->weight;
		}
		else
		{
			char	   *buf = sc->evbuf + (size_t) i * qs->evlen;

			h->titled = false;
			h->weight = 0;
			h->evidence_len = rx_autocode_word_evidence(ix, &sc->words, text, qs->q, qs->nq, c, buf, qs->evlen);
			h->evidence = buf;
		}
	}
}

/* Code a normalized title: up to k candidates, best first. */
rx_status
rx_autocode_query(rx_autocode_index *ix, rx_autocode_scratch *sc, const char *text, size_t len, int k,
				  rx_autocode_hit *out, int *nout, rx_error *err)
{
	return rx_autocode_query_head(ix, sc, text, len, 0, k, out, nout, err);
}

/*
 * Code a normalized title whose head noun starts before head_end (0:
 * anywhere): the steps above, in order, over the scratch.
 */
rx_status
rx_autocode_query_head(rx_autocode_index *ix, rx_autocode_scratch *sc, const char *text, size_t len, size_t head_end,
					   int k, rx_autocode_hit *out, int *nout, rx_error *err)
{
	rx_autocode_words *w = &sc->words;
	rx_autocode_qstate qs;
	uint32_t	j;
	int			i;

	*nout = 0;
	if (k < 0 || k > RX_AUTOCODE_K_MAX)
		return rx_fail(err, RX_ARGUMENT, "The number of candidates must lie between 0 and %d.",
					   RX_AUTOCODE_K_MAX);
	if (text == NULL && len > 0)
		return rx_fail(err, RX_ARGUMENT, "The title to code is missing.");
	if (k == 0 || ix->nentries == 0)
		return RX_OK;
	if (ix->dirty && !rx_autocode_refresh(ix))
		return rx_autocode_oom(err);
	if (!rx_autocode_scratch_fit(sc, ix, k))
		return rx_autocode_oom(err);

	/* everything but the feature array, which is filled as far as qs.nq */
	memset(&qs.nq, 0, sizeof(qs) - offsetof(rx_autocode_qstate, nq));
	rx_autocode_split_head(text, len > RX_AUTOCODE_TEXT_MAX ? RX_AUTOCODE_TEXT_MAX : len, head_end,
						   ix->params.stem_level, w);
	rx_autocode_head_first(ix, w, head_end);
	rx_autocode_query_features(ix, sc, text, w, &qs);
	if (qs.nq == 0)
		return RX_OK;

	/*
	 * Room for word evidence (the query's words, once per hit) now, before
	 * the scratch is touched: an allocator that does not return on failure
	 * (palloc) must not leave it dirty.
	 */
	for (i = 0; i < w->n; i++)
		qs.evlen += (size_t) w->w[i].orig_len + 1;
	if (qs.evlen * (size_t) k > UINT32_MAX / 2 ||
		!rx_autocode_mem_grow(&sc->alloc, (void **) &sc->evbuf, &sc->capev,
							  (uint32_t) (qs.evlen * (size_t) k), 1))
		return rx_autocode_oom(err);

	rx_autocode_match_titles(ix, sc, &qs);
	rx_autocode_vote_codes(ix, sc, &qs);
	rx_autocode_mark_exact(ix, sc, w, &qs);
	rx_autocode_major_probs(ix, &qs);
	rx_autocode_class_probs(ix, sc, &qs);
	rx_autocode_blend_factors(ix, &qs);
	rx_autocode_rank(ix, sc, &qs, k > RX_AUTOCODE_SOFTMAX_MIN ? k : RX_AUTOCODE_SOFTMAX_MIN);
	*nout = k < qs.ncand ? k : qs.ncand;
	rx_autocode_hits(ix, sc, &qs, text, *nout, out);

	rx_autocode_untouch(sc, qs.nctouched);
	for (j = 0; j < qs.ngvoted; j++)
		sc->gflag[sc->gvoted[j]] = 0;
	return RX_OK;
}
