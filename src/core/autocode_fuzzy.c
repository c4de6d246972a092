/*
 * autocode_fuzzy.c — query words the index does not know (see
 * autocode_int.h).  An unknown word is read, in this order, as
 *
 *   1. a known word with one typo (one letter dropped, added, replaced, or
 *      two neighbours swapped: "enginer", "acountant"), or, for the last
 *      word of the title, a known word it is the start of ("Machine Ope",
 *      cut short by a fixed-width field) — the most frequent such words;
 *   2. known words and abbreviations run together ("callcenter",
 *      "plantoper", "acctgassoc": up to four parts, the fewest that cover
 *      it, abbreviations expanded by the title normalizer's lexicon);
 *   3. else known words of similar spelling by the Jaccard similarity of
 *      their padded character trigrams ("sofware").
 */
#include "autocode_int.h"

#include <string.h>

#include "title.h"

#define RX_AUTOCODE_PARTS_MAX	4	/* parts of a run-together word */
#define RX_AUTOCODE_NEAR_MAX	2	/* typo or prefix readings kept */
#define RX_AUTOCODE_CLOSE_MAX	64	/* known words close enough in spelling to test for one edit */

/* The candidates for an unknown word found in one pass over its trigram lists. */
typedef struct rx_autocode_cands
{
	uint32_t	best[RX_AUTOCODE_FUZZY_MAX];	/* by trigram similarity */
	double		bests[RX_AUTOCODE_FUZZY_MAX];
	int			nbest;
	uint32_t	near[RX_AUTOCODE_NEAR_MAX];	/* stems one edit away or completed, by frequency */
	double		nears[RX_AUTOCODE_NEAR_MAX];
	int			nnear;
	uint32_t	form[RX_AUTOCODE_NEAR_MAX];	/* forms one edit away, by frequency */
	double		forms[RX_AUTOCODE_NEAR_MAX];
	int			nform;
	uint32_t	close[RX_AUTOCODE_CLOSE_MAX];	/* enough shared trigrams for one edit */
	int			nclose;
} rx_autocode_cands;

/* Insert token t with score s into a list kept best first (ties: lower id), of at most max. */
static void
rx_autocode_keep(uint32_t *ids, double *sc, int *n, int max, uint32_t t, double s)
{
	int			pos = *n,
				j;

	while (pos > 0 && (sc[pos - 1] < s || (sc[pos - 1] == s && ids[pos - 1] > t)))
		pos--;
	if (pos >= max)
		return;
	for (j = (*n < max ? *n : max - 1); j > pos; j--)
	{
		ids[j] = ids[j - 1];
		sc[j] = sc[j - 1];
	}
	ids[pos] = t;
	sc[pos] = s;
	if (*n < max)
		(*n)++;
}

/*
 * Is a[0..na) one edit from b[0..nb): one letter dropped, added or
 * replaced, or two neighbours swapped (optimal string alignment distance 1)?
 */
static bool
rx_autocode_one_edit(const char *a, size_t na, const char *b, size_t nb)
{
	size_t		i = 0;

	if (na > nb + 1 || nb > na + 1 || (na == nb && memcmp(a, b, na) == 0))
		return false;
	while (i < na && i < nb && a[i] == b[i])
		i++;
	if (na == nb)
		return memcmp(a + i + 1, b + i + 1, na - i - 1) == 0 ||
			(i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] &&
			 memcmp(a + i + 2, b + i + 2, na - i - 2) == 0);
	if (na > nb)
		return memcmp(a + i + 1, b + i, nb - i) == 0;
	return memcmp(a + i, b + i + 1, na - i) == 0;
}

/*
 * Is orig[0..n) (a word as typed) one edit from a word whose stem is token
 * s[0..len): from the stem itself or the stem with an ending the stemmer
 * strips ("dispatcehr" from dispatch + er, "welderr" from weld + er), the
 * stem's last letter doubled before it ("cuter" from cut + ter)?
 */
static bool
rx_autocode_one_edit_form(const char *orig, size_t n, const char *s, size_t len)
{
	static const char *const endings[] = {
		"", "e", "s", "es", "er", "ers", "or", "ors", "ing", "ings", "ist", "ists", "ation", "ations",
		"ment", "ments", "ed", "y", "ies", NULL
	};
	char		form[RX_AUTOCODE_TOKEN_LEN_MAX + 8];
	int			i,
				dbl;

	/* short stems take too many words one edit away ("em" + "es" is one from "emea") */
	if (len < 4 || len > RX_AUTOCODE_TOKEN_LEN_MAX || n + 1 < len)
		return false;
	memcpy(form, s, len);
	for (dbl = 0; dbl < 2; dbl++)
	{
		size_t		base = len;

		if (dbl)
			form[base++] = s[len - 1];
		for (i = 0; endings[i] != NULL; i++)
		{
			size_t		m = strlen(endings[i]);

			if (base + m + 1 < n || base + m > n + 1)
				continue;
			memcpy(form + base, endings[i], m);
			if (rx_autocode_one_edit(orig, n, form, base + m))
				return true;
		}
	}
	return false;
}

/* How often a token occurs: titles with the word, plus one (descriptions only: 1). */
static double
rx_autocode_token_df(const rx_autocode_index *ix, uint32_t t)
{
	uint32_t	f = rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, t);

	return f == UINT32_MAX ? 0 : ix->feats[f].el.n + 1.0;
}

/*
 * Is token t a completion of orig[0..n), a word cut short: orig is the
 * start of t, or t (four letters at least) is the start of orig and the
 * rest of orig starts an ending the stemmer strips (an inflected form
 * cut: "operato", "engineeri")?
 */
static bool
rx_autocode_completes(const rx_autocode_index *ix, uint32_t t, const char *orig, size_t n)
{
	static const char *const endings[] = {"ation", "ment", "ing", "ist", "er", "or", "es", "ed", "ies", NULL};
	const char *s = ix->tokchars + ix->tokens[t].off;
	size_t		len = ix->tokens[t].len;
	int			i;

	size_t		d;

	if (len > n)
		return memcmp(s, orig, n) == 0;
	if (len < 4 || len >= n || memcmp(s, orig, len) != 0)
		return false;
	/* the rest starts an ending, after the stem's last letter doubled or not ("planni") */
	for (d = 0; d < 2; d++)
	{
		const char *rest = orig + len + d;
		size_t		nrest = n - len - d;

		if (d == 1 && (n == len + 1 || orig[len] != s[len - 1]))
			break;
		for (i = 0; endings[i] != NULL; i++)
			if (nrest <= strlen(endings[i]) && memcmp(rest, endings[i], nrest) == 0)
				return true;
	}
	return false;
}

/*
 * Completions of the last word orig[0..n) (two letters at least): the
 * tokens that start with its first two letters (the list of its first
 * padded trigram) and complete it, into the near list by frequency (for
 * the head noun, by how many titles they head).
 */
static void
rx_autocode_completions(const rx_autocode_index *ix, const char *orig, size_t n, bool head, rx_autocode_cands *c)
{
	uint32_t	key,
				l,
				m;
	rx_autocode_ids toks;

	if (n < 2)
		return;
	key = (uint32_t) (unsigned char) orig[0] << 8 | (unsigned char) orig[1];
	l = rx_autocode_trigram_find(ix, key);
	if (l == UINT32_MAX)
		return;
	toks = rx_autocode_trigram_tokens(ix, l);
	for (m = 0; m < toks.n; m++)
	{
		uint32_t	t = toks.v[m];
		double		df;

		if (!rx_autocode_completes(ix, t, orig, n) || (df = rx_autocode_token_df(ix, t)) <= 0)
			continue;
		/* a cut head noun is most likely a word that heads many titles */
		if (head)
		{
			uint32_t	fh = rx_autocode_token_feature(ix, RX_AUTOCODE_F_HEAD, t);

			df = fh == UINT32_MAX ? 0.5 : ix->feats[fh].el.n + 1.0;
		}
		rx_autocode_keep(c->near, c->nears, &c->nnear, RX_AUTOCODE_NEAR_MAX, t, df);
	}
}

/* The distinct trigrams of w[0..len) into tri; returns how many. */
static int
rx_autocode_unique_trigrams(const char *w, size_t len, uint32_t *tri)
{
	int			n = rx_autocode_trigrams(w, len, tri),
				u = 0,
				i,
				j;

	for (i = 0; i < n; i++)
	{
		bool		seen = false;

		for (j = 0; j < u && !seen; j++)
			seen = tri[j] == tri[i];
		if (!seen)
			tri[u++] = tri[i];
	}
	return u;
}

/*
 * One pass over the trigram lists of an unknown word (w stemmed, norig
 * letters as typed): the known words sharing the most trigrams with it
 * (Jaccard similarity at least fuzzy_min), the stems one edit away (by
 * frequency) and the other words close enough to be one edit from a form
 * of it (tested only when needed).
 */
static void
rx_autocode_candidates(const rx_autocode_index *ix, rx_autocode_scratch *sc, const rx_autocode_word *w,
					   size_t norig, rx_autocode_cands *c)
{
	uint32_t	tri[RX_AUTOCODE_TOKEN_LEN_MAX];
	int			nuniq = rx_autocode_unique_trigrams(w->s, w->len, tri),
				i;
	uint32_t	ntouched = 0,
				k;

	for (i = 0; i < nuniq; i++)
	{
		uint32_t	l = rx_autocode_trigram_find(ix, tri[i]),
					m;
		rx_autocode_ids toks = {NULL, 0};

		if (l != UINT32_MAX)
			toks = rx_autocode_trigram_tokens(ix, l);
		for (m = 0; m < toks.n; m++)
		{
			uint32_t	t = toks.v[m];

			if (sc->tcount[t]++ == 0)
				sc->ttouched[ntouched++] = t;
		}
	}
	for (k = 0; k < ntouched; k++)
	{
		uint32_t	t = sc->ttouched[k],
					other[RX_AUTOCODE_TOKEN_LEN_MAX];
		const char *s = ix->tokchars + ix->tokens[t].off;
		size_t		len = ix->tokens[t].len;
		double		sim,
					df;

		/* one edit from the stem, or from a form of it as typed */
		if (sc->tcount[t] + 3 >= (int) (len < (size_t) nuniq ? len : (size_t) nuniq) && norig >= 4)
		{
			if (rx_autocode_one_edit(w->s, w->len, s, len))
			{
				if ((df = rx_autocode_token_df(ix, t)) > 0)
					rx_autocode_keep(c->near, c->nears, &c->nnear, RX_AUTOCODE_NEAR_MAX, t, df);
			}
			else if (c->nclose < RX_AUTOCODE_CLOSE_MAX)
				c->close[c->nclose++] = t;
		}
		if (ix->params.fuzzy_weight > 0 && rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, t) != UINT32_MAX)
		{
			int			uother = rx_autocode_unique_trigrams(s, len, other);

			sim = (double) sc->tcount[t] / (nuniq + uother - sc->tcount[t]);
			if (sim >= ix->params.fuzzy_min)
				rx_autocode_keep(c->best, c->bests, &c->nbest, RX_AUTOCODE_FUZZY_MAX, t, sim);
		}
		sc->tcount[t] = 0;
	}
}

/* Add token t's WORD feature (and HEAD feature, for the head) with weight fw. */
static void
rx_autocode_stand_in(const rx_autocode_index *ix, uint32_t t, bool head, float fw, int word,
					 rx_autocode_qfeat *q, int *nq)
{
	rx_autocode_qfeat_add(q, nq, rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, t), fw, word);
	if (head)
		rx_autocode_qfeat_add(q, nq, rx_autocode_token_feature(ix, RX_AUTOCODE_F_HEAD, t), fw, word);
}

/*
 * The known tokens a part p[0..n) of a run-together word stands for: the
 * words of the abbreviation it is, all known; none for a grade or noise
 * word ("sr"); else itself stemmed, when known (three letters at least).  Returns the number of tokens (0 for a dropped word), or -1
 * when the part is not a reading.
 */
static int
rx_autocode_part(const rx_autocode_index *ix, const char *p, size_t n, uint32_t *toks)
{
	char		buf[RX_AUTOCODE_TOKEN_LEN_MAX + 1],
				exp[64];
	size_t		m = n,
				elen,
				i = 0;
	int			nt = 0;
	uint32_t	t;

	if (n < 2 || n > RX_AUTOCODE_TOKEN_LEN_MAX)
		return -1;
	/* an abbreviation means what the normalizer makes of it, even when its letters are a stem */
	if (n <= 6)
		switch (rx_title_word_form(p, n, exp, sizeof(exp), &elen))
		{
			case RX_TITLE_WORD_DROPPED:
				return 0;
			case RX_TITLE_WORD_EXPANDS:
				while (i < elen && nt < 3)
				{
					size_t		st = i;

					while (i < elen && exp[i] != ' ')
						i++;
					memcpy(buf, exp + st, i - st);
					m = rx_autocode_stem(buf, i - st, ix->params.stem_level);
					t = rx_autocode_token_find(ix, buf, m);
					if (t == UINT32_MAX || rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, t) == UINT32_MAX)
						return -1;
					toks[nt++] = t;
					i++;
				}
				return nt;
			default:
				break;
		}
	if (n < 3)
		return -1;
	memcpy(buf, p, n);
	m = rx_autocode_stem(buf, n, ix->params.stem_level);
	t = rx_autocode_token_find(ix, buf, m);
	if (t == UINT32_MAX || rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, t) == UINT32_MAX)
		return -1;
	toks[0] = t;
	return 1;
}

/*
 * An unknown word orig[0..norig) (as it stands, not stemmed: each part is
 * stemmed) that is known words and abbreviations run together
 * (pipelaying, plantoper, acctgassoc): the reading with the fewest parts
 * (up to RX_AUTOCODE_PARTS_MAX, each of two letters at least, one with
 * words), ties to the longest first part; its words added with
 * split_weight, the last as head if the word was.  The words read go to
 * read (room for RX_AUTOCODE_READ_MAX); returns how many (0: no reading).
 */
int
rx_autocode_split_compound(const rx_autocode_index *ix, const rx_autocode_word *w, const char *orig, size_t norig,
						   int word, rx_autocode_qfeat *q, int *nq, uint32_t *read)
{
	int			n = (int) norig,
				parts[RX_AUTOCODE_TOKEN_LEN_MAX + 1],	/* fewest parts covering w[0..i) */
				from[RX_AUTOCODE_TOKEN_LEN_MAX + 1],
				i,
				j,
				k,
				cuts[RX_AUTOCODE_PARTS_MAX + 1],
				nc = 0;
	uint32_t	toks[3],
				last = UINT32_MAX;
	float		sw = (float) ix->params.split_weight;
	int			nread = 0;

	if (sw <= 0 || n < 5 || n > RX_AUTOCODE_TOKEN_LEN_MAX)
		return 0;
	parts[0] = 0;
	for (i = 1; i <= n; i++)
	{
		parts[i] = RX_AUTOCODE_PARTS_MAX + 1;
		/* of equally few parts, the one whose words before the last reach furthest */
		for (j = i - 2; j >= 0; j--)
			if (parts[j] + 1 < parts[i] && !(j == 0 && i == n) &&
				rx_autocode_part(ix, orig + j, (size_t) (i - j), toks) >= 0)
			{
				parts[i] = parts[j] + 1;
				from[i] = j;
			}
	}
	if (parts[n] > RX_AUTOCODE_PARTS_MAX)
		return 0;
	for (i = n; i > 0; i = from[i])
		cuts[nc++] = i;
	cuts[nc] = 0;
	/* parts in order: w[cuts[k + 1] .. cuts[k]) for k from nc - 1 down */
	for (k = nc - 1; k >= 0; k--)
	{
		int			nt = rx_autocode_part(ix, orig + cuts[k + 1], (size_t) (cuts[k] - cuts[k + 1]), toks);

		for (j = 0; j < nt; j++)
		{
			rx_autocode_qfeat_add(q, nq, rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, toks[j]), sw, word);
			last = toks[j];
			read[nread++] = toks[j];
		}
	}
	if (last == UINT32_MAX)
		return 0;
	if (w->head)
		rx_autocode_qfeat_add(q, nq, rx_autocode_token_feature(ix, RX_AUTOCODE_F_HEAD, last), sw, word);
	return nread;
}

/*
 * Read an unknown word as the known words ids[0..n) (by frequency fr, best
 * first) one edit away: each added with edit_weight in proportion to its
 * frequency; the first is the reading.  Returns 1.
 */
static int
rx_autocode_near(const rx_autocode_index *ix, const rx_autocode_word *w, int word, const uint32_t *ids,
				 const double *fr, int n, rx_autocode_qfeat *q, int *nq, uint32_t *read)
{
	int			i;

	for (i = 0; i < n; i++)
		rx_autocode_stand_in(ix, ids[i], w->head, (float) (ix->params.edit_weight * fr[i] / fr[0]), word, q, nq);
	read[0] = ids[0];
	return 1;
}

/*
 * Stand-ins for an unknown word (see the top of the file): orig[0..norig)
 * is the word as it stands in the query (lower case, not stemmed), last
 * whether it ends the title.  A typo, cut or run-together word's reading
 * (the known words it stands for) goes to read, *split saying whether it
 * was run-together words; returns how many words (0: none, the word's own
 * spelling stays its best evidence).
 */
int
rx_autocode_fuzzy(const rx_autocode_index *ix, rx_autocode_scratch *sc, const rx_autocode_word *w, int word,
				  const char *orig, size_t norig, bool last, rx_autocode_qfeat *q, int *nq, uint32_t *read,
				  bool *split)
{
	const rx_autocode_params *p = &ix->params;
	rx_autocode_cands c;
	int			i,
				nread;

	memset(&c, 0, sizeof(c));
	*split = false;
	rx_autocode_candidates(ix, sc, w, norig, &c);
	if (last)
		rx_autocode_completions(ix, orig, norig, w->head, &c);
	if (c.nnear > 0 && p->edit_weight > 0)
		return rx_autocode_near(ix, w, word, c.near, c.nears, c.nnear, q, nq, read);
	if ((nread = rx_autocode_split_compound(ix, w, orig, norig, word, q, nq, read)) > 0)
	{
		*split = true;
		return nread;
	}
	/* a typo in an inflected form ("dispatcehr"), unless the word was run-together words */
	for (i = 0; i < c.nclose && p->edit_weight > 0; i++)
	{
		uint32_t	t = c.close[i];
		double		df;

		if (rx_autocode_one_edit_form(orig, norig, ix->tokchars + ix->tokens[t].off, ix->tokens[t].len) &&
			(df = rx_autocode_token_df(ix, t)) > 0)
			rx_autocode_keep(c.form, c.forms, &c.nform, RX_AUTOCODE_NEAR_MAX, t, df);
	}
	if (c.nform > 0 && p->edit_weight > 0)
		return rx_autocode_near(ix, w, word, c.form, c.forms, c.nform, q, nq, read);
	for (i = 0; i < c.nbest; i++)
		rx_autocode_stand_in(ix, c.best[i], w->head, (float) (p->fuzzy_weight * c.bests[i]), word, q, nq);
	return 0;
}
