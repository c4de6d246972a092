/*
 * eval_trgm.c — the plain pg_trgm approach in C, for the offline
 * evaluation (see eval_data.h): the nearest dictionary title by pg_trgm's
 * similarity gives the code, the distinct codes of the 20 nearest titles
 * the top 5, the similarity the score — what eval/eval.sql does with a
 * GiST gist_trgm_ops index and `<->`, computed exhaustively over an
 * inverted index so that every slice can be compared in seconds.
 *
 * The similarity is pg_trgm's (contrib/pg_trgm/trgm_op.c, PostgreSQL 15):
 * the text is lower-cased and split into words of letters and digits;
 * each word, padded with two spaces in front and one behind, gives its
 * three-character substrings; the trigram sets A and B of two texts have
 * similarity |A ∩ B| / |A ∪ B| (as a float4), and `<->` is 1 minus it.
 * Titles are ASCII, so every trigram is three bytes.  Ties between equally
 * near titles are broken by dictionary order here and arbitrarily by the
 * GiST scan in SQL: that is the one place where the two may differ
 * (`eval_autocode --trgm-sample N` prints a sample to compare with SQL).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval_data.h"

#define TRGM_NEAREST	20		/* titles whose codes make the top 5 */
#define TRGM_MAX		4096	/* trigrams of one text */

struct trgm_index
{
	int			ntitles;
	int32_t    *code;			/* per title */
	int		   *ntrgm;			/* per title: distinct trigrams */
	uint32_t   *keys;			/* distinct trigram keys, sorted */
	uint32_t   *start;			/* postings of keys[i]: post[start[i] .. start[i + 1]) */
	uint32_t   *post;			/* title ids */
	int			nkeys;
	uint16_t   *count;			/* query scratch: shared trigrams per title */
	uint32_t   *touched;
};

/* Order 32-bit keys (qsort). */
static int
u32_cmp(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *) a,
				y = *(const uint32_t *) b;

	return (x > y) - (x < y);
}

/* Order 64-bit (key, title) pairs (qsort). */
static int
u64_cmp(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *) a,
				y = *(const uint64_t *) b;

	return (x > y) - (x < y);
}

/* pg_trgm's distinct trigrams of s as 24-bit keys, sorted; returns how many. */
int
trgm_of(const char *s, uint32_t *keys, int max)
{
	size_t		i = 0,
				n = strlen(s);
	int			k = 0,
				u = 0,
				j;

	while (i < n)
	{
		char		buf[256 + 3];
		size_t		st,
					len,
					m;

		while (i < n && !isalnum((unsigned char) s[i]))
			i++;
		st = i;
		while (i < n && isalnum((unsigned char) s[i]))
			i++;
		len = i - st;
		if (len == 0)
			continue;
		if (len > 256)
			len = 256;
		buf[0] = buf[1] = ' ';
		for (m = 0; m < len; m++)
			buf[2 + m] = (char) tolower((unsigned char) s[st + m]);
		buf[2 + len] = ' ';
		for (m = 0; m + 3 <= len + 3 && k < max; m++)
			keys[k++] = (uint32_t) (unsigned char) buf[m] << 16 | (uint32_t) (unsigned char) buf[m + 1] << 8 |
				(unsigned char) buf[m + 2];
	}
	qsort(keys, (size_t) k, sizeof(uint32_t), u32_cmp);
	for (j = 0; j < k; j++)
		if (u == 0 || keys[u - 1] != keys[j])
			keys[u++] = keys[j];
	return u;
}

/* pg_trgm's similarity of two texts (for checks). */
double
trgm_similarity(const char *a, const char *b)
{
	uint32_t	ka[TRGM_MAX],
				kb[TRGM_MAX];
	int			na = trgm_of(a, ka, TRGM_MAX),
				nb = trgm_of(b, kb, TRGM_MAX),
				i = 0,
				j = 0,
				c = 0;

	if (na == 0 || nb == 0)
		return 0;
	while (i < na && j < nb)
	{
		if (ka[i] == kb[j])
		{
			c++;
			i++;
			j++;
		}
		else if (ka[i] < kb[j])
			i++;
		else
			j++;
	}
	return (float) c / (float) (na + nb - c);
}

/* The inverted index of the trigrams of n dictionary titles. */
trgm_index *
trgm_build(const char *const *titles, const int32_t *codes, int n)
{
	trgm_index *t = xmalloc(sizeof(trgm_index));
	uint64_t   *pairs;
	size_t		np = 0,
				cap = 1 << 20,
				i;
	int			k;

	memset(t, 0, sizeof(*t));
	t->ntitles = n;
	t->code = xmalloc(sizeof(int32_t) * (size_t) n);
	t->ntrgm = xmalloc(sizeof(int) * (size_t) n);
	pairs = xmalloc(sizeof(uint64_t) * cap);
	for (k = 0; k < n; k++)
	{
		uint32_t	keys[TRGM_MAX];
		int			m = trgm_of(titles[k], keys, TRGM_MAX),
					j;

		t->code[k] = codes[k];
		t->ntrgm[k] = m;
		if (np + (size_t) m > cap)
		{
			cap = 2 * (np + (size_t) m);
			pairs = realloc(pairs, sizeof(uint64_t) * cap);
			if (pairs == NULL)
				die("out of memory", NULL);
		}
		for (j = 0; j < m; j++)
			pairs[np++] = (uint64_t) keys[j] << 32 | (uint32_t) k;
	}
	qsort(pairs, np, sizeof(uint64_t), u64_cmp);
	t->keys = xmalloc(sizeof(uint32_t) * (np + 1));
	t->start = xmalloc(sizeof(uint32_t) * (np + 2));
	t->post = xmalloc(sizeof(uint32_t) * (np + 1));
	for (i = 0; i < np; i++)
	{
		uint32_t	key = (uint32_t) (pairs[i] >> 32);

		if (t->nkeys == 0 || t->keys[t->nkeys - 1] != key)
		{
			t->keys[t->nkeys] = key;
			t->start[t->nkeys++] = (uint32_t) i;
		}
		t->post[i] = (uint32_t) pairs[i];
	}
	t->start[t->nkeys] = (uint32_t) np;
	free(pairs);
	t->count = calloc((size_t) n + 1, sizeof(uint16_t));
	t->touched = xmalloc(sizeof(uint32_t) * ((size_t) n + 1));
	if (t->count == NULL)
		die("out of memory", NULL);
	return t;
}

/* The postings of a trigram key: their first index, and the count in *len. */
static uint32_t
trgm_postings(const trgm_index *t, uint32_t key, uint32_t *len)
{
	int			lo = 0,
				hi = t->nkeys;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (t->keys[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->nkeys && t->keys[lo] == key)
	{
		*len = t->start[lo + 1] - t->start[lo];
		return t->start[lo];
	}
	*len = 0;
	return 0;
}

/*
 * Code q the pg_trgm way: up to 5 codes (distinct codes of the 20 nearest
 * titles, by their nearest title's distance, then code) with their
 * similarity; *needs_review by the rule of eval.sql (best below 0.30, or
 * the top two within 0.10).  Returns how many codes.
 */
int
trgm_code(trgm_index *t, const char *q, int32_t *codes, double *scores, bool *needs_review)
{
	uint32_t	keys[TRGM_MAX];
	int			nq = trgm_of(q, keys, TRGM_MAX),
				i,
				nn = 0,
				nc = 0;
	uint32_t	nt = 0,
				j;
	uint32_t	best[TRGM_NEAREST];
	float		bests[TRGM_NEAREST];

	for (i = 0; i < nq; i++)
	{
		uint32_t	len,
					at = trgm_postings(t, keys[i], &len);

		for (j = 0; j < len; j++)
		{
			uint32_t	e = t->post[at + j];

			if (t->count[e]++ == 0)
				t->touched[nt++] = e;
		}
	}
	for (j = 0; j < nt; j++)
	{
		uint32_t	e = t->touched[j];
		float		sim = (float) t->count[e] / (float) (nq + t->ntrgm[e] - t->count[e]);
		int			pos = nn;

		t->count[e] = 0;
		while (pos > 0 && (bests[pos - 1] < sim || (bests[pos - 1] == sim && best[pos - 1] > e)))
			pos--;
		if (pos < TRGM_NEAREST)
		{
			int			m = nn < TRGM_NEAREST ? nn : TRGM_NEAREST - 1;

			memmove(best + pos + 1, best + pos, sizeof(uint32_t) * (size_t) (m - pos));
			memmove(bests + pos + 1, bests + pos, sizeof(float) * (size_t) (m - pos));
			best[pos] = e;
			bests[pos] = sim;
			if (nn < TRGM_NEAREST)
				nn++;
		}
	}
	/* distinct codes by their nearest title, then code */
	for (i = 0; i < nn; i++)
	{
		int32_t		c = t->code[best[i]];
		int			k,
					pos;
		bool		seen = false;

		for (k = 0; k < nc && !seen; k++)
			seen = codes[k] == c;
		if (seen)
			continue;
		/* an equally near code with a lower number comes first */
		for (pos = nc; pos > 0 && scores[pos - 1] == bests[i] && codes[pos - 1] > c; pos--)
			;
		if (pos >= 5)
			continue;
		for (k = (nc < 5 ? nc : 4); k > pos; k--)
		{
			codes[k] = codes[k - 1];
			scores[k] = scores[k - 1];
		}
		codes[pos] = c;
		scores[pos] = bests[i];
		if (nc < 5)
			nc++;
	}
	*needs_review = nc == 0 || scores[0] < 0.30 || (nc > 1 && scores[0] - scores[1] < 0.10);
	return nc;
}
