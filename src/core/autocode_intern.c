/*
 * autocode_intern.c — interning in the autocoder index (see
 * autocode_int.h): words as tokens with their trigram lists, features,
 * codes and groups of codes, each looked up through an open-addressing map;
 * and the signature that identifies a title's words.
 */
#include "autocode_int.h"

#include <string.h>

/* The token id of a spelling, or UINT32_MAX when it was never seen. */
uint32_t
rx_autocode_token_find(const rx_autocode_index *ix, const char *s, size_t len)
{
	uint64_t	h = rx_autocode_hash(RX_AUTOCODE_HASH_INIT, s, len);
	uint32_t	pos = 0,
				t;

	while (rx_autocode_map_next(&ix->tokmap, h, &pos, &t))
		if (ix->tokens[t].len == len && memcmp(ix->tokchars + ix->tokens[t].off, s, len) == 0)
			return t;
	return UINT32_MAX;
}

/* The index of the token list of a trigram, or UINT32_MAX when there is none. */
uint32_t
rx_autocode_trigram_find(const rx_autocode_index *ix, uint32_t key)
{
	uint32_t	pos = 0,
				l;

	return rx_autocode_map_next(&ix->trimap, key, &pos, &l) ? l : UINT32_MAX;
}

/* The index of the token list of a trigram, made if need be; UINT32_MAX when out of memory. */
static uint32_t
rx_autocode_trigram_list(rx_autocode_index *ix, uint32_t key)
{
	uint32_t	l = rx_autocode_trigram_find(ix, key);

	if (l != UINT32_MAX)
		return l;
	l = ix->ntri;
	if (!rx_autocode_mem_grow(&ix->alloc, (void **) &ix->trilists, &ix->captri, l + 1,
					 sizeof(rx_autocode_span)) ||
		!rx_autocode_map_put(&ix->alloc, &ix->trimap, key, l))
		return UINT32_MAX;
	memset(&ix->trilists[l], 0, sizeof(rx_autocode_span));
	ix->ntri++;
	return l;
}

/*
 * Make room for one more token in trigram list l, packing the pool first
 * when its junk outweighs its lists.  False when out of memory.
 */
static bool
rx_autocode_trigram_reserve(rx_autocode_index *ix, uint32_t l)
{
	rx_autocode_pool p = {(void **) &ix->tripool, &ix->ntripool, &ix->captripool, &ix->junktripool,
	sizeof(uint32_t)};

	if (ix->trilists[l].n < ix->trilists[l].cap)
		return true;
	if (ix->junktripool > 4096 && ix->junktripool > ix->ntripool - ix->junktripool)
		(void) rx_autocode_pool_pack(&ix->alloc, &p, &ix->trilists[0], ix->ntri, sizeof(rx_autocode_span),
									 false);
	return rx_autocode_span_reserve(&ix->alloc, &p, &ix->trilists[l], ix->trilists[l].n + 1);
}

/* Intern a spelling; its token id in *out.  False when out of memory. */
bool
rx_autocode_token_intern(rx_autocode_index *ix, const char *s, size_t len, uint32_t *out)
{
	const rx_autocode_allocator *a = &ix->alloc;
	uint32_t	t = rx_autocode_token_find(ix, s, len);
	uint32_t	tri[RX_AUTOCODE_TOKEN_LEN_MAX],
				lists[RX_AUTOCODE_TOKEN_LEN_MAX];
	int			ntri,
				i;

	if (t != UINT32_MAX)
	{
		*out = t;
		return true;
	}
	t = ix->ntokens;
	if (!rx_autocode_mem_grow(a, (void **) &ix->tokens, &ix->captokens, t + 1, sizeof(rx_autocode_token)) ||
		!rx_autocode_mem_grow(a, (void **) &ix->tokchars, &ix->captokchars,
					 ix->ntokchars + (uint32_t) len, 1))
		return false;
	/* make room in the list of every trigram first: then nothing fails */
	ntri = rx_autocode_trigrams(s, len, tri);
	for (i = 0; i < ntri; i++)
	{
		uint32_t	l = rx_autocode_trigram_list(ix, tri[i]);

		if (l == UINT32_MAX || !rx_autocode_trigram_reserve(ix, l))
			return false;
		lists[i] = l;
	}
	if (!rx_autocode_map_put(a, &ix->tokmap, rx_autocode_hash(RX_AUTOCODE_HASH_INIT, s, len), t))
		return false;
	/* the token once in the list of each distinct trigram */
	for (i = 0; i < ntri; i++)
	{
		rx_autocode_span *l = &ix->trilists[lists[i]];
		uint32_t   *v = ix->tripool + l->off;

		if (l->n == 0 || v[l->n - 1] != t)
			v[l->n++] = t;
	}
	memcpy(ix->tokchars + ix->ntokchars, s, len);
	ix->tokens[t].off = ix->ntokchars;
	ix->tokens[t].len = (uint8_t) len;
	ix->ntokchars += (uint32_t) len;
	ix->ntokens++;
	*out = t;
	return true;
}

/* The id of the feature with a key, or UINT32_MAX. */
uint32_t
rx_autocode_feature_find(const rx_autocode_index *ix, uint64_t key)
{
	uint32_t	pos = 0,
				f;

	/* the key is the feature itself, not a hash: one value at most */
	if (rx_autocode_map_next(&ix->featmap, key, &pos, &f))
		return f;
	return UINT32_MAX;
}

/* The live WORD or HEAD feature of token t, or UINT32_MAX. */
uint32_t
rx_autocode_token_feature(const rx_autocode_index *ix, rx_autocode_fkind kind, uint32_t t)
{
	uint32_t	f = rx_autocode_feature_find(ix, rx_autocode_feature_key(kind, t));

	return rx_autocode_feature_live(ix, f) ? f : UINT32_MAX;
}

/* Intern a feature; its id in *out.  False when out of memory. */
bool
rx_autocode_feature_intern(rx_autocode_index *ix, uint64_t key, rx_autocode_fkind kind, uint32_t token, uint32_t *out)
{
	uint32_t	f = rx_autocode_feature_find(ix, key);
	rx_autocode_feat    *ft;

	if (f != UINT32_MAX)
	{
		*out = f;
		return true;
	}
	f = ix->nfeats;
	if (f >= UINT32_MAX - 1 ||
		!rx_autocode_mem_grow(&ix->alloc, (void **) &ix->feats, &ix->capfeats, f + 1, sizeof(rx_autocode_feat)) ||
		!rx_autocode_map_put(&ix->alloc, &ix->featmap, key, f))
		return false;
	ft = &ix->feats[f];
	memset(ft, 0, sizeof(*ft));
	ft->kind = (uint8_t) kind;
	ft->token = token;
	ix->nfeats++;
	*out = f;
	return true;
}

/* The padded character 4-grams of a word as 32-bit keys; returns the count. */
int
rx_autocode_grams(const char *w, size_t len, uint32_t *keys)
{
	unsigned char p[RX_AUTOCODE_TOKEN_LEN_MAX + 2];
	size_t		i;
	int			n = 0;

	if (len < 2)
		return 0;
	p[0] = 0;
	memcpy(p + 1, w, len);
	p[len + 1] = 0;
	for (i = 0; i + 4 <= len + 2; i++)
		keys[n++] = (uint32_t) p[i] << 24 | (uint32_t) p[i + 1] << 16 |
			(uint32_t) p[i + 2] << 8 | p[i + 3];
	return n;
}

/* The code index of a code, interning it; false when out of memory. */
bool
rx_autocode_code_intern(rx_autocode_index *ix, int32_t code, uint32_t *out)
{
	uint64_t	key = (uint64_t) (uint32_t) code;
	uint32_t	pos = 0,
				c;
	int			l;

	while (rx_autocode_map_next(&ix->codemap, key, &pos, &c))
		if (ix->codes[c].code == code)
		{
			*out = c;
			return true;
		}
	c = ix->ncodes;
	if (!rx_autocode_mem_grow(&ix->alloc, (void **) &ix->codes, &ix->capcodes, c + 1, sizeof(rx_autocode_code)) ||
		!rx_autocode_map_put(&ix->alloc, &ix->codemap, key, c))
		return false;
	ix->codes[c].code = code;
	ix->codes[c].entries = 0;
	ix->codes[c].titles = 0;
	for (l = 0; l < RX_AUTOCODE_GROUP_LEVELS; l++)
		ix->codes[c].grp[l] = UINT32_MAX;
	ix->ncodes++;
	*out = c;
	return true;
}

/* The group index of a group code at a level, interning it; false when out of memory. */
bool
rx_autocode_group_intern(rx_autocode_index *ix, int level, int32_t code, uint32_t *out)
{
	uint64_t	key = (uint64_t) level << 32 | (uint32_t) code;
	uint32_t	pos = 0,
				g;

	/* the key is the group itself: one value at most */
	if (rx_autocode_map_next(&ix->groupmap, key, &pos, &g))
	{
		*out = g;
		return true;
	}
	g = ix->ngroups;
	if (!rx_autocode_mem_grow(&ix->alloc, (void **) &ix->groups, &ix->capgroups, g + 1,
					 sizeof(rx_autocode_group)) ||
		!rx_autocode_map_put(&ix->alloc, &ix->groupmap, key, g))
		return false;
	memset(&ix->groups[g], 0, sizeof(rx_autocode_group));
	ix->groups[g].code = code;
	ix->groups[g].level = (uint8_t) level;
	ix->ngroups++;
	*out = g;
	return true;
}

/* The signature of a split text: the hash of its non-stop words in order. */
uint64_t
rx_autocode_signature(const rx_autocode_words *w)
{
	uint64_t	h = RX_AUTOCODE_HASH_INIT;
	int			i;
	bool		any = false;

	for (i = 0; i < w->n; i++)
	{
		if (w->w[i].stop)
			continue;
		h = rx_autocode_hash(h, w->w[i].s, w->w[i].len);
		h = rx_autocode_hash(h, " ", 1);
		any = true;
	}
	return any ? h : 0;
}
