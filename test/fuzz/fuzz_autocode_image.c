/*
 * fuzz_autocode_image.c — libFuzzer harness of the autocoder's image
 * validator (src/core/autocode_image.c).
 *
 * An image file on disk may be torn, truncated or corrupted; opening one
 * must refuse it or give an index every query can read safely.  Random
 * bytes rarely get past the checksums, so the harness reseals what it
 * opens (recomputes both checksums) to reach the structural checks, in
 * two modes chosen by the first byte:
 *
 *   even: the input itself is the image (after the mode byte);
 *   odd:  the input is a list of pokes (4-byte offset, 1-byte length,
 *         then that many bytes) into a valid image of a small index, so
 *         that the mutations stay close to real images.
 *
 * Invariants: open returns RX_OK or RX_SYNTAX (RX_ARGUMENT only for a
 * misaligned buffer, which the harness never passes), and never crashes;
 * an index it accepts answers queries (raw titles of every kind, k up to
 * 40) without a crash, with well-formed hits, and refuses every change.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/autocode.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t *fz_base;		/* a valid image of a small index */
static size_t fz_base_len;

/* The valid image the poke mode mutates, built once. */
static void
fz_build_base(void)
{
	static const struct
	{
		const char *t;
		int32_t		c;
	}			d[] = {
		{"software engineer", 15125200}, {"software developer", 15125200},
		{"engineering technician", 17302300}, {"electrical engineer", 17207100},
		{"registered nurse", 29114100}, {"staff nurse", 29114100},
		{"licensed practical nurse", 29206100}, {"director of nursing", 11911100},
		{"customer service representative", 43405100}, {"analyst", 15121100},
		{"analyst", 13111100}, {"machine operator", 51919900}, {"pipelayer", 47215100}
	};
	static const int32_t groups[][RX_AUTOCODE_GROUP_LEVELS] = {
		{151252, 151250, 151200, 150000}, {173023, 173020, 173000, 170000},
		{172071, 172070, 172000, 170000}, {291141, 291140, 291100, 290000}
	};
	static const int32_t gcodes[] = {15125200, 17302300, 17207100, 29114100};
	rx_autocode_index *ix = rx_autocode_index_create(NULL, NULL);
	rx_autocode_image_meta meta;
	size_t		i;
	rx_error	err;

	if (ix == NULL)
		abort();
	for (i = 0; i < sizeof(d) / sizeof(d[0]); i++)
	{
		rx_autocode_entry_in in = {d[i].t, strlen(d[i].t), d[i].t, strlen(d[i].t), d[i].c, RX_AUTOCODE_TITLE, 1.0, 0};

		if (rx_autocode_add(ix, &in, &err) != RX_OK)
			abort();
	}
	for (i = 0; i < sizeof(gcodes) / sizeof(gcodes[0]); i++)
		if (rx_autocode_set_groups(ix, gcodes[i], groups[i], &err) != RX_OK)
			abort();
	memset(&meta, 0, sizeof(meta));
	if (rx_autocode_image_prepare(ix, 5, &fz_base_len, &err) != RX_OK)
		abort();
	fz_base = calloc(fz_base_len / 8 + 1, 8);
	if (fz_base == NULL ||
		rx_autocode_image_write(ix, &meta, "extra", 5, fz_base, fz_base_len, &err) != RX_OK)
		abort();
	rx_autocode_index_free(ix);
}

/* Query an accepted index with titles of every kind and check the answers. */
static void
fz_use(rx_autocode_index *ix, const uint8_t *data, size_t size)
{
	static const char *const q[] = {
		"software engineer", "registered nurse", "sofware enginer", "pipelaying", "analyst",
		"machine operator nurse engineer technician", "", "of the"
	};
	rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
	rx_autocode_hit h[40];
	rx_autocode_entry_in in = {"nurse", 5, "nurse", 5, 29114100, RX_AUTOCODE_TITLE, 1.0, 0};
	bool		found = false;
	size_t		i;
	int			n,
				j;
	rx_error	err;

	if (sc == NULL)
		abort();
	for (i = 0; i < sizeof(q) / sizeof(q[0]) + 1; i++)
	{
		const char *s = i < sizeof(q) / sizeof(q[0]) ? q[i] : (const char *) data;
		size_t		len = i < sizeof(q) / sizeof(q[0]) ? strlen(s) : size;

		if (rx_autocode_query(ix, sc, s, len, (int) (i * 5 + 1), h, &n, &err) != RX_OK)
			abort();
		if (n < 0 || n > (int) (i * 5 + 1))
			abort();
		for (j = 0; j < n; j++)
			if (!(h[j].score >= 0 && h[j].score <= 1) || (h[j].evidence_len > 0 && h[j].evidence == NULL))
				abort();
	}
	if (rx_autocode_add(ix, &in, &err) != RX_ARGUMENT || rx_autocode_remove(ix, &in, &found, &err) != RX_ARGUMENT)
		abort();
	rx_autocode_scratch_free(sc);
}

/* Open the image buf[0..len), resealed; use it if it is accepted. */
static void
fz_open(uint64_t *buf, size_t len, const uint8_t *data, size_t size)
{
	rx_autocode_index *ix = NULL;
	rx_status	st;
	rx_error	err;

	rx_autocode_image_seal(buf, len);
	st = rx_autocode_image_open(buf, len, NULL, &ix, NULL, NULL, NULL, &err);
	if (st == RX_OK)
	{
		if (ix == NULL)
			abort();
		fz_use(ix, data, size);
		rx_autocode_index_free(ix);
	}
	else if (st != RX_SYNTAX || ix != NULL)
		abort();
}

/* One input: an image, or pokes into the valid one (see the top of this file). */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t   *buf;

	if (fz_base == NULL)
		fz_build_base();
	if (size == 0)
		return 0;
	if ((data[0] & 1) == 0)
	{
		/* the input as an image */
		buf = calloc((size - 1) / 8 + 1, 8);
		if (buf == NULL)
			abort();
		memcpy(buf, data + 1, size - 1);
		fz_open(buf, size - 1, data, size);
	}
	else
	{
		/* pokes into the valid image */
		size_t		i = 1;

		buf = malloc(fz_base_len);
		if (buf == NULL)
			abort();
		memcpy(buf, fz_base, fz_base_len);
		while (i + 5 <= size)
		{
			uint32_t	off;
			size_t		n = data[i + 4];

			memcpy(&off, data + i, 4);
			i += 5;
			if (n > size - i)
				n = size - i;
			off %= (uint32_t) fz_base_len;
			if (n > fz_base_len - off)
				n = fz_base_len - off;
			memcpy((char *) buf + off, data + i, n);
			i += n;
		}
		fz_open(buf, fz_base_len, data, size);
	}
	free(buf);
	return 0;
}
