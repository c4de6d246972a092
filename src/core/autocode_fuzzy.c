/*
 * autocode_fuzzy.c — query words the index does not know (see
 * autocode_int.h): two known words run together ("callcenter",
 * "pipelaying"), else known words of similar spelling by the Jaccard
 * similarity of their padded character trigrams ("sofware").
 */
#include "autocode_int.h"

#include <string.h>

/*
 * Stand-ins for an unknown word: the known words sharing the most trigrams
 * with it (Jaccard similarity at least fuzzy_min), at most RX_AUTOCODE_FUZZY_MAX of
 * them, each added with weight fuzzy_weight times its similarity.
 */
void
rx_autocode_fuzzy(const rx_autocode_index *ix, rx_autocode_scratch *sc, const rx_autocode_word *w, int word, rx_autocode_qfeat *q,
		 int *nq)
{
	uint32_t	tri[RX_AUTOCODE_TOKEN_LEN_MAX];
	int			ntri,
				i,
				j,
				nuniq = 0;
	uint32_t	ntouched = 0;
	uint32_t	best[RX_AUTOCODE_FUZZY_MAX];
	double		bests[RX_AUTOCODE_FUZZY_MAX];
	int			nbest = 0;
	uint32_t	k;

	ntri = rx_autocode_trigrams(w->s, w->len, tri);
	for (i = 0; i < ntri; i++)
	{
		uint32_t	l,
					m;
		bool		seen = false;
		rx_autocode_ids toks;

		for (j = 0; j < i && !seen; j++)
			seen = tri[j] == tri[i];
		if (seen)
			continue;
		nuniq++;
		l = rx_autocode_trigram_find(ix, tri[i]);
		if (l == UINT32_MAX)
			continue;
		toks = rx_autocode_trigram_tokens(ix, l);
		for (m = 0; m < toks.n; m++)
		{
			uint32_t	t = toks.v[m];

			if (sc->tcount[t] == 0)
				sc->ttouched[ntouched++] = t;
			sc->tcount[t]++;
		}
	}
	for (k = 0; k < ntouched; k++)
	{
		uint32_t	t = sc->ttouched[k];
		uint32_t	other[RX_AUTOCODE_TOKEN_LEN_MAX];
		int			nother,
					uother = 0;
		double		sim;

		if (rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, t) != UINT32_MAX)
		{
			nother = rx_autocode_trigrams(ix->tokchars + ix->tokens[t].off, ix->tokens[t].len, other);
			for (i = 0; i < nother; i++)
			{
				bool		seen = false;

				for (j = 0; j < i && !seen; j++)
					seen = other[j] == other[i];
				uother += !seen;
			}
			sim = (double) sc->tcount[t] / (nuniq + uother - sc->tcount[t]);
			if (sim >= ix->params.fuzzy_min)
			{
				/* insert into the best few, by similarity then token id */
				int			pos = nbest;

				while (pos > 0 && (bests[pos - 1] < sim ||
								   (bests[pos - 1] == sim && best[pos - 1] > t)))
					pos--;
				if (pos < RX_AUTOCODE_FUZZY_MAX)
				{
					int			m = nbest < RX_AUTOCODE_FUZZY_MAX ? nbest : RX_AUTOCODE_FUZZY_MAX - 1;

					for (j = m; j > pos; j--)
					{
						best[j] = best[j - 1];
						bests[j] = bests[j - 1];
					}
					best[pos] = t;
					bests[pos] = sim;
					if (nbest < RX_AUTOCODE_FUZZY_MAX)
						nbest++;
				}
			}
		}
		sc->tcount[t] = 0;
	}
	for (i = 0; i < nbest; i++)
	{
		float		fw = (float) (ix->params.fuzzy_weight * bests[i]);

		rx_autocode_qfeat_add(q, nq, rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, best[i]), fw, word);
		if (w->head)
			rx_autocode_qfeat_add(q, nq, rx_autocode_token_feature(ix, RX_AUTOCODE_F_HEAD, best[i]), fw, word);
	}
}

/*
 * An unknown word that is two known words run together (pipelaying,
 * floorperson): the split with the longest known first part, each part
 * stemmed; both added with split_weight, the second as head if the word was.
 * Returns whether a split was found.
 */
bool
rx_autocode_split_compound(const rx_autocode_index *ix, const rx_autocode_word *w, int word, rx_autocode_qfeat *q, int *nq)
{
	size_t		cut;

	if (ix->params.split_weight <= 0 || w->len < 6)
		return false;
	for (cut = (size_t) w->len - 3; cut >= 3; cut--)
	{
		char		a[RX_AUTOCODE_TOKEN_LEN_MAX + 1],
					b[RX_AUTOCODE_TOKEN_LEN_MAX + 1];
		size_t		na = cut,
					nb = w->len - cut;
		uint32_t	ta,
					tb;
		float		sw = (float) ix->params.split_weight;

		memcpy(a, w->s, na);
		memcpy(b, w->s + cut, nb);
		na = rx_autocode_stem(a, na, ix->params.stem_level);
		nb = rx_autocode_stem(b, nb, ix->params.stem_level);
		ta = rx_autocode_token_find(ix, a, na);
		tb = rx_autocode_token_find(ix, b, nb);
		if (ta == UINT32_MAX || tb == UINT32_MAX ||
			rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, ta) == UINT32_MAX ||
			rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, tb) == UINT32_MAX)
			continue;
		rx_autocode_qfeat_add(q, nq, rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, ta), sw, word);
		rx_autocode_qfeat_add(q, nq, rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, tb), sw, word);
		if (w->head)
			rx_autocode_qfeat_add(q, nq, rx_autocode_token_feature(ix, RX_AUTOCODE_F_HEAD, tb), sw, word);
		return true;
	}
	return false;
}
