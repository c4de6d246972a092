/*
 * fuzz_autocode.c — libFuzzer harness of the autocoder core.
 *
 * Invariants: coding any bytes as a title (with any head window) never
 * crashes and returns RX_OK with at most k candidates, each scored in
 * [0, 1], best first, with evidence of bounded length; rx_autocode_head_window stays
 * inside the text; the pipeline for raw titles (rx_autocode_code_title)
 * takes any bytes: RX_OK, or RX_ENCODING for invalid UTF-8, at most k hits
 * whose confidences are their rounded scores, and the review flag of the
 * rule; any bytes can be added as a title (raw, through
 * rx_autocode_add_title, or as normalized text) and removed again, after
 * which the index holds what it held before; splitting any bytes into
 * words (with the index qualifiers: exclusions, n.e.c.) marks at most one
 * head, never a stop word, and keeps every word inside the text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/autocode.h"
#include "core/autocode_text.h"
#include "core/confidence.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rx_autocode_index *fz_ix;
static rx_autocode_scratch *fz_sc;

/* The small dictionary every input is coded against, built once. */
static void
fz_build(void)
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
		{"analyst", 13111100}, {"machine operator", 51919900}, {"pipelayer", 47215100},
		/* words the repairs of unknown words read: typos, cut, run-together, head first */
		{"machine setter supervisor", 51101100}, {"meteorology teacher", 25203100},
		{"police dispatcher", 43503100}, {"private household worker", 37201200}
	};
	size_t		i;
	rx_error	err;

	fz_ix = rx_autocode_index_create(NULL, NULL);
	if (fz_ix == NULL)
		abort();
	for (i = 0; i < sizeof(d) / sizeof(d[0]); i++)
	{
		rx_autocode_entry_in in = {d[i].t, strlen(d[i].t), d[i].t, strlen(d[i].t), d[i].c, RX_AUTOCODE_TITLE, 1.0};

		if (rx_autocode_add(fz_ix, &in, &err) != RX_OK)
			abort();
	}
	{
		const char *desc = "Operate machines that cut, press and shape metal and plastic parts.";
		rx_autocode_entry_in in = {desc, strlen(desc), "machine operator", 16, 51919900,
		RX_AUTOCODE_DESCRIPTION, 0.5};

		if (rx_autocode_add(fz_ix, &in, &err) != RX_OK)
			abort();
	}
	/* SOC groups for some codes (detailed, broad, minor, major), none for others */
	{
		static const int32_t codes[] = {15125200, 17302300, 17207100, 29114100, 29206100};
		static const int32_t groups[][RX_AUTOCODE_GROUP_LEVELS] = {
			{151252, 151250, 151200, 150000}, {173023, 173020, 173000, 170000},
			{172071, 172070, 172000, 170000}, {291141, 291140, 291100, 290000},
			{292061, 292060, 292000, 290000}
		};

		for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
			if (rx_autocode_set_groups(fz_ix, codes[i], groups[i], &err) != RX_OK)
				abort();
	}
	fz_sc = rx_autocode_scratch_create(fz_ix);
	if (fz_sc == NULL)
		abort();
}

/* Code text with k candidates and check every invariant of the answer. */
static void
fz_check_query(const char *text, size_t len, int k)
{
	rx_autocode_hit		h[32];
	int			n = -1,
				i;
	rx_error	err;

	if (rx_autocode_query(fz_ix, fz_sc, text, len, k, h, &n, &err) != RX_OK)
		abort();
	if (n < 0 || n > k)
		abort();
	for (i = 0; i < n; i++)
	{
		if (!(h[i].score >= 0 && h[i].score <= 1))
			abort();
		if (i > 0 && (h[i].raw > h[i - 1].raw || h[i].score > h[i - 1].score))
			abort();
		if (h[i].evidence_len > 0 && h[i].evidence == NULL)
			abort();
		if (h[i].evidence_len > RX_AUTOCODE_TEXT_MAX + RX_AUTOCODE_LABEL_MAX)
			abort();
	}
}

/*
 * Split the bytes into words, with the head anywhere and in a window: at
 * most one head, never a stop word (qualifiers are stop words), every word
 * inside the text and no longer than it was.
 */
static void
fz_check_split(const char *s, size_t size, size_t head_end)
{
	static rx_autocode_words w;
	size_t		len = size > RX_AUTOCODE_TEXT_MAX ? RX_AUTOCODE_TEXT_MAX : size;
	int			i,
				heads = 0;

	rx_autocode_split_head(s, len, head_end, 2, &w);
	if (w.n < 0 || w.n > RX_AUTOCODE_TOKENS_MAX)
		abort();
	for (i = 0; i < w.n; i++)
	{
		if (w.w[i].head && w.w[i].stop)
			abort();
		heads += w.w[i].head;
		if ((size_t) w.w[i].orig_off + w.w[i].orig_len > len || w.w[i].len > w.w[i].orig_len ||
			w.w[i].len == 0)
			abort();
	}
	if (heads > 1)
		abort();
}

/* Code the bytes as a raw title through the pipeline and check its answer. */
static void
fz_check_pipeline(const char *s, size_t size, int k)
{
	rx_autocode_hit h[32];
	rx_autocode_coding coding;
	size_t		need = rx_autocode_work_size(size);
	void	   *work = malloc(need);
	rx_error	err;
	rx_status	st;
	int			i;

	if (work == NULL)
		abort();
	st = rx_autocode_code_title(fz_ix, fz_sc, s, size, work, need, k, h, &coding, &err);
	if (st != RX_OK && st != RX_ENCODING)
		abort();
	if (coding.n < 0 || coding.n > k || (st != RX_OK && coding.n != 0))
		abort();
	for (i = 0; i < coding.n; i++)
	{
		int16_t		c;

		if (rx_confidence_from_double(h[i].score, &c, &err) != RX_OK || c != h[i].confidence)
			abort();
	}
	if (coding.n == 0 && !coding.needs_review)
		abort();
	free(work);
}

/* Add the bytes as a raw title through the pipeline and remove them again. */
static void
fz_check_add_raw(const char *s, size_t size)
{
	rx_autocode_entry_in in = {s, size, s, size, 99999800, RX_AUTOCODE_TITLE, 1.0, 0};
	size_t		need = rx_autocode_work_size(size);
	void	   *work = malloc(need);
	uint32_t	before = rx_autocode_index_size(fz_ix);
	bool		found = false;
	rx_error	err;
	rx_status	st;

	if (work == NULL)
		abort();
	st = rx_autocode_add_title(fz_ix, &in, work, need, &err);
	if (st == RX_OK)
	{
		if (rx_autocode_remove(fz_ix, &in, &found, &err) != RX_OK || !found)
			abort();
	}
	else if (st != RX_ENCODING)
		abort();
	if (rx_autocode_index_size(fz_ix) != before)
		abort();
	free(work);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *) data;
	int			k;
	uint32_t	before;
	bool		found = false;
	rx_error	err;
	rx_autocode_entry_in in;

	if (fz_ix == NULL)
		fz_build();
	k = size > 0 ? data[0] % 33 : 5;
	fz_check_query(s, size, k);

	/* any bytes as a raw title and as its normalized text: a window inside it */
	if (rx_autocode_head_window(s, size, s, size) > size)
		abort();
	{
		rx_autocode_hit		h[8];
		int			n;
		rx_error	err;

		if (rx_autocode_query_head(fz_ix, fz_sc, s, size, size > 0 ? data[size - 1] % (size + 1) : 0, 8, h,
						  &n, &err) != RX_OK || n < 0 || n > 8)
			abort();
	}

	fz_check_split(s, size, 0);
	fz_check_split(s, size, size > 0 ? data[0] % (size + 1) : 0);

	/* the bytes as a raw title: coded and added through the pipelines */
	fz_check_pipeline(s, size, k);
	fz_check_add_raw(s, size);

	/* the bytes as a user's title: added, coded, removed */
	before = rx_autocode_index_size(fz_ix);
	in.text = s;
	in.text_len = size;
	in.label = s;
	in.label_len = size;
	in.code = 99999900;
	in.kind = RX_AUTOCODE_TITLE;
	in.weight = 1.0;
	if (rx_autocode_add(fz_ix, &in, &err) != RX_OK)
		abort();
	fz_check_query(s, size, 5);
	if (rx_autocode_remove(fz_ix, &in, &found, &err) != RX_OK || !found)
		abort();
	if (rx_autocode_index_size(fz_ix) != before)
		abort();
	fz_check_query(s, size, k);
	return 0;
}
