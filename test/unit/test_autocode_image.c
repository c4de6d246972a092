/*
 * test_autocode_image.c — unit tests of the autocoder's images
 * (src/core/autocode_image.c): an index and its image answer every query
 * identically; an opened image is read-only; a truncated, corrupted or
 * foreign image is refused, never read; packing changes no answer.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/autocode.h"
#include "core/autocode_int.h"

/* A vocabulary for generated titles: modifiers, then head nouns. */
static const char *const im_mod[] = {
	"software", "data", "senior", "clinical", "registered", "electrical", "power", "mechanical",
	"customer", "service", "sales", "retail", "warehouse", "forklift", "truck", "school",
	"elementary", "dental", "medical", "billing", "payroll", "network", "security", "quality",
	"assurance", "field", "production", "machine", "welding", "pipeline", "marine", "aircraft"};
static const char *const im_head[] = {
	"engineer", "developer", "nurse", "technician", "analyst", "manager", "operator", "driver",
	"teacher", "hygienist", "clerk", "assistant", "inspector", "welder", "mechanic", "specialist"};

#define IM_NMOD (int) (sizeof(im_mod) / sizeof(im_mod[0]))
#define IM_NHEAD (int) (sizeof(im_head) / sizeof(im_head[0]))

/* A small deterministic generator (xorshift). */
static uint32_t
im_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Add one entry of text (label = text) or fail the case. */
static void
im_add(rx_autocode_index *ix, const char *text, int32_t code, rx_autocode_kind kind)
{
	rx_autocode_entry_in in;
	rx_error	err;

	memset(&in, 0, sizeof(in));
	in.text = text;
	in.text_len = strlen(text);
	in.label = text;
	in.label_len = strlen(text);
	in.code = code;
	in.kind = kind;
	in.weight = rx_autocode_default_weight(kind);
	UT_INT(rx_autocode_add(ix, &in, &err), RX_OK);
}

/*
 * An index of n generated titles over 40 codes in 8 major groups, a few
 * descriptions, and some titles removed again (dead entries, moved lists).
 */
static rx_autocode_index *
im_build(int n, uint32_t seed)
{
	rx_autocode_index *ix = rx_autocode_index_create(NULL, NULL);
	char		t[256];
	int			i;
	rx_error	err;

	for (i = 0; i < n; i++)
	{
		uint32_t	r = im_rand(&seed);
		int32_t		code = 11000000 + (int32_t) (r % 40) * 10100;

		snprintf(t, sizeof(t), "%s %s %s", im_mod[r % IM_NMOD], im_mod[(r >> 8) % IM_NMOD],
				 im_head[(r >> 16) % IM_NHEAD]);
		im_add(ix, t, code, RX_AUTOCODE_TITLE);
	}
	im_add(ix, "operate machines that weld and cut metal parts", 11030300, RX_AUTOCODE_DESCRIPTION);
	im_add(ix, "care for patients in hospitals and clinics", 11020200, RX_AUTOCODE_DESCRIPTION);
	for (i = 0; i < 40; i++)
	{
		int32_t		code = 11000000 + i * 10100;
		int32_t		g[RX_AUTOCODE_GROUP_LEVELS] = {110000 + i, 110000 + i / 2 * 2, 110000 + i / 4 * 4,
		100000 + (i % 8) * 1000};

		UT_INT(rx_autocode_set_groups(ix, code, g, &err), RX_OK);
	}
	return ix;
}

/* The queries both indexes answer: known, messy, misspelt, compound, unknown, empty. */
static const char *const im_queries[] = {
	"software engineer", "data analyst", "registered nurse", "senior clinical nurse",
	"forklift operator", "truck driver", "elementary school teacher", "dental hygienist",
	"sofware enginer", "warehouseclerk", "quality assurance inspector", "marine mechanic",
	"payroll billing clerk", "xyzzy plugh", "", "the of and", "welding", "power",
	"machine operator production welding technician specialist", "aircraft pipeline manager"};

#define IM_NQ (int) (sizeof(im_queries) / sizeof(im_queries[0]))

/* Do two indexes give the same answer, hit for hit, to every query at k = 1, 7 and 40? */
static bool
im_same_answers(rx_autocode_index *a, rx_autocode_index *b)
{
	rx_autocode_scratch *sa = rx_autocode_scratch_create(a),
			   *sb = rx_autocode_scratch_create(b);
	static const int ks[] = {1, 7, 40};
	rx_autocode_hit ha[40],
				hb[40];
	bool		same = true;
	int			q,
				ki,
				i;

	for (q = 0; q < IM_NQ && same; q++)
		for (ki = 0; ki < 3 && same; ki++)
		{
			int			na = -1,
						nb = -2;
			rx_error	err;
			const char *s = im_queries[q];

			if (rx_autocode_query(a, sa, s, strlen(s), ks[ki], ha, &na, &err) != RX_OK ||
				rx_autocode_query(b, sb, s, strlen(s), ks[ki], hb, &nb, &err) != RX_OK || na != nb)
				same = false;
			for (i = 0; i < na && same; i++)
				same = ha[i].code == hb[i].code && ha[i].score == hb[i].score && ha[i].raw == hb[i].raw &&
					ha[i].confidence == hb[i].confidence && ha[i].exact == hb[i].exact &&
					ha[i].evidence_len == hb[i].evidence_len &&
					memcmp(ha[i].evidence, hb[i].evidence, ha[i].evidence_len) == 0;
			if (!same)
				printf("# differs on \"%s\" at k = %d\n", s, ks[ki]);
		}
	rx_autocode_scratch_free(sa);
	rx_autocode_scratch_free(sb);
	return same;
}

/* A memory image: its bytes (8-aligned) and length. */
typedef struct im_image
{
	uint64_t   *words;
	size_t		len;
} im_image;

/* The image of ix with meta tag and extra bytes, or one with len 0 on failure. */
static im_image
im_write(rx_autocode_index *ix, const char *tag, const char *extra)
{
	im_image	im = {NULL, 0};
	rx_autocode_image_meta meta;
	size_t		size;
	rx_error	err;

	memset(&meta, 0, sizeof(meta));
	snprintf(meta.build, sizeof(meta.build), "unit %s", tag);
	memcpy(meta.ident, tag, strlen(tag) < sizeof(meta.ident) ? strlen(tag) : sizeof(meta.ident));
	meta.built_at = 1234567;
	meta.build_ms = 12.5;
	if (rx_autocode_image_prepare(ix, strlen(extra), &size, &err) != RX_OK)
		return im;
	im.words = calloc(size / 8 + 1, 8);
	if (rx_autocode_image_write(ix, &meta, extra, strlen(extra), im.words, size, &err) == RX_OK)
		im.len = size;
	return im;
}

/* Open an image; the status, the index in *out (NULL on failure). */
static rx_status
im_open(const void *buf, size_t len, rx_autocode_index **out)
{
	rx_error	err;

	return rx_autocode_image_open(buf, len, NULL, out, NULL, NULL, NULL, &err);
}

/* Is the image buf[0..len), resealed, refused without a crash? */
static bool
im_refused_sealed(void *buf, size_t len)
{
	rx_autocode_index *ix = NULL;
	rx_status	st;

	rx_autocode_image_seal(buf, len);
	st = im_open(buf, len, &ix);
	rx_autocode_index_free(ix);
	return st == RX_SYNTAX && ix == NULL;
}

/* The byte offset of array pointer p of an opened image from its start. */
static size_t
im_off(const void *image, const void *p)
{
	return (size_t) ((const char *) p - (const char *) image);
}

/*
 * Poke bad values into a valid image (base[0..len), opened as op) one at
 * a time, each resealed so that its checksums match: each must be
 * refused.  Returns how many were accepted.
 */
static int
im_poke_all(unsigned char *base, size_t len, const rx_autocode_index *op)
{
	uint32_t	big = UINT32_C(0x7fffffff);
	int			bad = 0;
	size_t		o;

/* poke a value into the image at byte offset `off`, check it is refused, put it back */
#define IM_POKE(off, val) \
	do { \
		unsigned char save[sizeof(val)]; \
		memcpy(save, base + (off), sizeof(val)); \
		memcpy(base + (off), &(val), sizeof(val)); \
		if (!im_refused_sealed(base, len)) \
		{ \
			printf("# accepted: %s\n", #off); \
			bad++; \
		} \
		memcpy(base + (off), save, sizeof(val)); \
	} while (0)

	o = im_off(base, op->clpool);
	IM_POKE(o + offsetof(rx_autocode_vote, code), big);			/* a vote for no code */
	{
		float		zero = 0;

		IM_POKE(o + offsetof(rx_autocode_vote, tf), zero);		/* a vote of nothing */
	}
	IM_POKE(im_off(base, op->elpool), big);						/* an entry that is not there */
	IM_POKE(im_off(base, op->pool), big);						/* an entry's unknown feature */
	IM_POKE(im_off(base, op->tripool), big);					/* a trigram's unknown token */
	o = im_off(base, op->feats);
	IM_POKE(o + offsetof(rx_autocode_feat, cl.n), big);			/* a list past its pool */
	IM_POKE(o + offsetof(rx_autocode_feat, el.off), big);
	IM_POKE(o + offsetof(rx_autocode_feat, token), op->ntokens);	/* a word that is not there */
	{
		uint8_t		kind = 9;

		IM_POKE(o + offsetof(rx_autocode_feat, kind), kind);
	}
	o = im_off(base, op->tokens);
	{
		uint8_t		len = RX_AUTOCODE_TOKEN_LEN_MAX + 1;

		IM_POKE(o + offsetof(rx_autocode_token, len), len);		/* longer than a word */
	}
	IM_POKE(o + offsetof(rx_autocode_token, off), op->ntokchars);
	IM_POKE(im_off(base, op->hot) + offsetof(rx_autocode_hot, code), op->ncodes);
	{
		uint8_t		notbool = 110;

		IM_POKE(im_off(base, op->entries) + offsetof(rx_autocode_entry, alive), notbool);
	}
	IM_POKE(im_off(base, op->entries) + offsetof(rx_autocode_entry, label_off), op->nlabels);
	IM_POKE(im_off(base, op->codes) + offsetof(rx_autocode_code, grp[3]), op->ngroups);
	{
		uint8_t		level = RX_AUTOCODE_GROUP_LEVELS;

		IM_POKE(im_off(base, op->groups) + offsetof(rx_autocode_group, level), level);
	}
	{
		/* the value of the first used slot of the token map */
		uint32_t	s = 0;

		while (s < op->tokmap.cap && op->tokmap.keys[s] <= 1)
		s++;
		IM_POKE(im_off(base, op->tokmap.vals) + s * sizeof(uint32_t), op->ntokens);
	}
	{
		/* a trigram list with a repeated token */
		uint32_t	l = 0;

		while (l < op->ntri && op->trilists[l].n < 2)
		l++;
		if (l < op->ntri)
		IM_POKE(im_off(base, op->tripool) + (op->trilists[l].off + 1) * sizeof(uint32_t),
				op->tripool[op->trilists[l].off]);
	}
	if (op->gv_n > 0)
	{
		/* group votes: an unknown group, a start past the votes, starts out of order, a vote of nothing */
		uint32_t	f = 0,
					zero = 0,
					past = op->gv_n + 1;
		float		nothing = 0;

		IM_POKE(im_off(base, op->gv_group), op->ngroups);
		IM_POKE(im_off(base, op->gv_start) + sizeof(uint32_t), past);
		while (f + 1 < op->gv_nstart && op->gv_start[f] == 0)
			f++;
		if (f + 1 < op->gv_nstart)
			IM_POKE(im_off(base, op->gv_start) + (f + 1) * sizeof(uint32_t), zero);
		IM_POKE(im_off(base, op->gv_val), nothing);
	}
	else
		bad++;					/* the index must have group votes to test */
	{
		/* the struct: dirty statistics, flags that are not bools, too many major groups, a bad parameter */
		size_t		so = (size_t) ((const char *) op->tokens - (const char *) base);
		bool		dirty = true;
		uint8_t		notbool = 2;
		int			nmajor = RX_AUTOCODE_MAJOR_MAX + 1;
		double		temp = -1;
		uint32_t	count = op->ntokens + 1;

		/* the struct lies just before the first array */
		so -= (sizeof(rx_autocode_index) + 63) / 64 * 64;
		IM_POKE(so + offsetof(rx_autocode_index, dirty), dirty);
		IM_POKE(so + offsetof(rx_autocode_index, dirty), notbool);
		IM_POKE(so + offsetof(rx_autocode_index, params.head_window), notbool);
		IM_POKE(so + offsetof(rx_autocode_index, nmajor), nmajor);
		IM_POKE(so + offsetof(rx_autocode_index, params.temperature), temp);
		IM_POKE(so + offsetof(rx_autocode_index, ntokens), count);
		IM_POKE(so + offsetof(rx_autocode_index, gv_nstart), op->nfeats);
	}
#undef IM_POKE
	return bad;
}

/* The cases of the image suite. */
UT_SUITE(autocode_image)
{
	UT_CASE("the checksum is XXH64's construction: the empty input's known value, and it sees every byte")
	{
		char		a[100],
					b[100];

		UT_CHECK(rx_autocode_checksum("", 0) == UINT64_C(0xEF46DB3751D8E999));
		memset(a, 'x', sizeof(a));
		memcpy(b, a, sizeof(b));
		UT_CHECK(rx_autocode_checksum(a, sizeof(a)) == rx_autocode_checksum(b, sizeof(b)));
		for (int i = 0; i < 100; i += 7)
		{
			b[i] ^= 1;
			UT_CHECK(rx_autocode_checksum(a, sizeof(a)) != rx_autocode_checksum(b, sizeof(b)));
			b[i] ^= 1;
		}
	}

	UT_CASE("an index and its image answer every query identically (codes, scores, evidence)")
	{
		rx_autocode_index *ix = im_build(3000, 7),
				   *op = NULL;
		im_image	im = im_write(ix, "v1", "");

		UT_CHECK(im.len > 0);
		UT_INT(im_open(im.words, im.len, &op), RX_OK);
		if (op != NULL)
		{
			UT_CHECK(im_same_answers(ix, op));
			UT_INT(rx_autocode_index_size(op), rx_autocode_index_size(ix));
			UT_INT(rx_autocode_index_count(op, RX_AUTOCODE_DESCRIPTION), 2);
			UT_INT(rx_autocode_index_codes(op), rx_autocode_index_codes(ix));
		}
		rx_autocode_index_free(op);
		rx_autocode_index_free(ix);
		free(im.words);
	}

	UT_CASE("an index with removed entries, compacted and moved lists, and its image answer alike")
	{
		rx_autocode_index *ix = im_build(6000, 11),
				   *op = NULL;
		im_image	im;
		char		t[256];
		uint32_t	seed = 11;
		int			i,
					removed = 0;

		/* remove most titles again: dead entries past the compaction threshold */
		for (i = 0; i < 6000; i++)
		{
			uint32_t	r = im_rand(&seed);
			rx_autocode_entry_in in;
			bool		found = false;
			rx_error	err;

			if (i % 10 == 0)
				continue;
			snprintf(t, sizeof(t), "%s %s %s", im_mod[r % IM_NMOD], im_mod[(r >> 8) % IM_NMOD],
					 im_head[(r >> 16) % IM_NHEAD]);
			memset(&in, 0, sizeof(in));
			in.label = t;
			in.label_len = strlen(t);
			in.code = 11000000 + (int32_t) (r % 40) * 10100;
			in.kind = RX_AUTOCODE_TITLE;
			UT_INT(rx_autocode_remove(ix, &in, &found, &err), RX_OK);
			removed += found;
		}
		UT_CHECK(removed > 4000);
		im_add(ix, "software enginer", 11000000, RX_AUTOCODE_TITLE);
		im = im_write(ix, "v2", "");
		UT_INT(im_open(im.words, im.len, &op), RX_OK);
		if (op != NULL)
			UT_CHECK(im_same_answers(ix, op));
		rx_autocode_index_free(op);
		rx_autocode_index_free(ix);
		free(im.words);
	}

	UT_CASE("packing changes no answer, and a packed index still grows and shrinks")
	{
		rx_autocode_index *a = im_build(2000, 3),
				   *b = im_build(2000, 3);
		size_t		before = rx_autocode_index_bytes(b);
		rx_error	err;

		UT_INT(rx_autocode_index_pack(b, &err), RX_OK);
		UT_CHECK(rx_autocode_index_bytes(b) < before);
		UT_CHECK(im_same_answers(a, b));
		im_add(a, "software quality engineer", 11000000, RX_AUTOCODE_TITLE);
		im_add(b, "software quality engineer", 11000000, RX_AUTOCODE_TITLE);
		im_add(a, "junior software developer", 11010100, RX_AUTOCODE_TITLE);
		im_add(b, "junior software developer", 11010100, RX_AUTOCODE_TITLE);
		UT_CHECK(im_same_answers(a, b));
		rx_autocode_index_free(a);
		rx_autocode_index_free(b);
	}

	UT_CASE("an empty index has an image too, which answers nothing")
	{
		rx_autocode_index *ix = rx_autocode_index_create(NULL, NULL),
				   *op = NULL;
		im_image	im = im_write(ix, "empty", "");

		UT_INT(im_open(im.words, im.len, &op), RX_OK);
		if (op != NULL)
		{
			UT_INT(rx_autocode_index_size(op), 0);
			UT_CHECK(im_same_answers(ix, op));
		}
		rx_autocode_index_free(op);
		rx_autocode_index_free(ix);
		free(im.words);
	}

	UT_CASE("the writer's meta and data come back; an opened image is read-only")
	{
		rx_autocode_index *ix = im_build(200, 5),
				   *op = NULL;
		im_image	im = im_write(ix, "meta", "the caller's bytes");
		rx_autocode_image_meta meta;
		const void *extra = NULL;
		size_t		extra_len = 0;
		rx_autocode_params p = rx_autocode_params_default();
		int32_t		g[RX_AUTOCODE_GROUP_LEVELS] = {1, 2, 3, 4};
		rx_autocode_entry_in in = {"nurse", 5, "nurse", 5, 11000000, RX_AUTOCODE_TITLE, 1.0, 0};
		bool		found = true;
		rx_error	err;

		UT_INT(rx_autocode_image_open(im.words, im.len, NULL, &op, &meta, &extra, &extra_len, &err), RX_OK);
		UT_STR(meta.build, "unit meta");
		UT_CHECK(memcmp(meta.ident, "meta", 4) == 0 && meta.ident[4] == 0);
		UT_INT(meta.built_at, 1234567);
		UT_DBL(meta.build_ms, 12.5, 0);
		UT_INT(extra_len, 18);
		UT_CHECK(extra != NULL && memcmp(extra, "the caller's bytes", 18) == 0);
		if (op != NULL)
		{
			UT_INT(rx_autocode_add(op, &in, &err), RX_ARGUMENT);
			UT_INT(rx_autocode_remove(op, &in, &found, &err), RX_ARGUMENT);
			UT_CHECK(!found);
			UT_INT(rx_autocode_set_groups(op, 11000000, g, &err), RX_ARGUMENT);
			UT_INT(rx_autocode_index_set_params(op, &p, &err), RX_ARGUMENT);
			UT_INT(rx_autocode_index_pack(op, &err), RX_OK);
			UT_INT(rx_autocode_index_refresh(op, &err), RX_OK);
			UT_CHECK(rx_autocode_index_bytes(op) < im.len);
		}
		rx_autocode_index_free(op);
		rx_autocode_index_free(ix);
		free(im.words);
	}

	UT_CASE("a truncated, extended, misaligned or torn image is refused")
	{
		rx_autocode_index *ix = im_build(500, 9),
				   *op = NULL;
		im_image	im = im_write(ix, "torn", "");
		unsigned char *bytes = (unsigned char *) im.words;
		size_t		cuts[] = {0, 7, 64, 511, im.len / 2, im.len - 64, im.len - 1};
		uint64_t   *longer = calloc(im.len / 8 + 9, 8);
		rx_error	err;
		size_t		i;
		int			bad = 0;

		for (i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++)
			bad += im_open(im.words, cuts[i], &op) != RX_SYNTAX || op != NULL;
		memcpy(longer, im.words, im.len);
		bad += im_open(longer, im.len + 64, &op) != RX_SYNTAX;
		bad += rx_autocode_image_open(bytes + 4, im.len - 8, NULL, &op, NULL, NULL, NULL, &err) != RX_ARGUMENT;
		/* every byte of the header, and bytes all through the rest */
		for (i = 0; i < im.len; i += i < 1024 ? 1 : 997)
		{
			bytes[i] ^= 0x20;
			bad += im_open(im.words, im.len, &op) != RX_SYNTAX || op != NULL;
			bytes[i] ^= 0x20;
		}
		UT_INT(bad, 0);
		UT_INT(im_open(im.words, im.len, &op), RX_OK);
		rx_autocode_index_free(op);
		rx_autocode_index_free(ix);
		free(longer);
		free(im.words);
	}

	UT_CASE("an image of another layout, format or byte order is refused even with good checksums")
	{
		rx_autocode_index *ix = im_build(300, 13),
				   *op = NULL;
		im_image	im = im_write(ix, "foreign", "");
		unsigned char *h = (unsigned char *) im.words;
		int			bad = 0;

		/* magic, format, byte order, header size, block count, layout hash */
		static const size_t at[] = {0, 8, 12, 16, 20, 24};

		for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++)
		{
			h[at[i]] ^= 1;
			bad += !im_refused_sealed(im.words, im.len);
			h[at[i]] ^= 1;
		}
		rx_autocode_image_seal(im.words, im.len);
		bad += im_open(im.words, im.len, &op) != RX_OK;
		UT_INT(bad, 0);
		rx_autocode_index_free(op);
		rx_autocode_index_free(ix);
		free(im.words);
	}

	UT_CASE("an image whose checksums match but whose indexes do not is refused, never read")
	{
		rx_autocode_index *ix = im_build(800, 17),
				   *op = NULL;
		im_image	im = im_write(ix, "bad", "");
		unsigned char *base = (unsigned char *) im.words;

		UT_INT(im_open(im.words, im.len, &op), RX_OK);
		if (op != NULL)
			UT_INT(im_poke_all(base, im.len, op), 0);

		rx_autocode_index_free(op);
		op = NULL;
		rx_autocode_image_seal(im.words, im.len);
		UT_INT(im_open(im.words, im.len, &op), RX_OK);
		rx_autocode_index_free(op);
		rx_autocode_index_free(ix);
		free(im.words);
	}
}
