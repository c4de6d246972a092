/*
 * autocode_code.c — the pipelines over raw job titles (see autocode.h):
 * a dictionary row is normalized, its head window found and added; a
 * title to code is normalized, its head window found, queried, and the
 * review rule applied.  The SQL glue and the offline evaluation both go
 * through these, so a title is read one way everywhere.
 */
#include "autocode_int.h"

#include <string.h>

#include "confidence.h"
#include "title.h"

/* Bytes of work memory the pipelines need for a raw title of len bytes. */
size_t
rx_autocode_work_size(size_t len)
{
	if (len > RX_TITLE_MAX_LEN)
		len = RX_TITLE_MAX_LEN;
	return rx_title_out_capacity(len) + rx_title_scratch_size(len);
}

/*
 * Normalize raw title s[0..len) into the front of work and find where its
 * head noun may be (*head_end, 0: anywhere; only when want_head and the
 * index's params ask for it).  *norm and *normlen give the normalized
 * text.
 */
static rx_status
rx_autocode_read_title(const rx_autocode_index *ix, const char *s, size_t len, void *work, size_t workcap,
					   bool want_head, const char **norm, size_t *normlen, size_t *head_end, rx_error *err)
{
	char	   *out = work;
	size_t		outcap;
	rx_status	st;

	*head_end = 0;
	if (len > RX_TITLE_MAX_LEN)
		return rx_title_analyze(s, len, NULL, 0, NULL, 0, NULL, NULL, err);
	if (s == NULL && len > 0)
		return rx_fail(err, RX_ARGUMENT, "The title to code is missing.");
	if (work == NULL || workcap < rx_autocode_work_size(len))
		return rx_fail(err, RX_ARGUMENT,
					   "The work memory for a title of %zu bytes must hold %zu bytes.",
					   len, rx_autocode_work_size(len));
	outcap = rx_title_out_capacity(len);
	st = rx_title_analyze(s == NULL ? "" : s, len, out + outcap, workcap - outcap, out, outcap, normlen,
						  NULL, err);
	if (st != RX_OK)
		return st;
	*norm = out;
	if (want_head && ix->params.head_window)
		*head_end = rx_autocode_head_window(s, len, out, *normlen);
	return RX_OK;
}

/* Add one raw dictionary row (see autocode.h). */
rx_status
rx_autocode_add_title(rx_autocode_index *ix, const rx_autocode_entry_in *in, void *work, size_t workcap,
					  rx_error *err)
{
	rx_autocode_entry_in e = *in;
	rx_status	st = rx_autocode_read_title(ix, in->text, in->text_len, work, workcap,
											in->kind == RX_AUTOCODE_TITLE, &e.text, &e.text_len,
											&e.head_end, err);

	if (st != RX_OK)
		return st;
	return rx_autocode_add(ix, &e, err);
}

/* Code one raw job title (see autocode.h). */
rx_status
rx_autocode_code_title(rx_autocode_index *ix, rx_autocode_scratch *sc, const char *s, size_t len,
				 void *work, size_t workcap, int k, rx_autocode_hit *out,
				 rx_autocode_coding *coding, rx_error *err)
{
	rx_autocode_hit two[2];
	rx_autocode_hit *hits = k < 2 ? two : out;
	size_t		head_end;
	rx_status	st;
	int			n = 0;

	memset(coding, 0, sizeof(*coding));
	coding->needs_review = true;
	coding->norm = "";
	if (k < 0 || k > RX_AUTOCODE_K_MAX)
		return rx_fail(err, RX_ARGUMENT, "The number of candidates must lie between 0 and %d.",
					   RX_AUTOCODE_K_MAX);
	st = rx_autocode_read_title(ix, s, len, work, workcap, true, &coding->norm, &coding->normlen,
								&head_end, err);
	if (st != RX_OK)
		return st;
	coding->head_end = head_end;
	if (k == 0)
		return RX_OK;
	/* two candidates at least: the review rule compares the top two */
	st = rx_autocode_query_head(ix, sc, coding->norm, coding->normlen, head_end, k < 2 ? 2 : k, hits, &n, err);
	if (st != RX_OK)
		return st;
	coding->needs_review = rx_confidence_needs_review((size_t) n, n > 0 ? hits[0].confidence : 0,
													  n > 1 ? hits[1].confidence : 0);
	coding->read_typo = n > 0 ? sc->read_typo : 0;
	coding->read_split = n > 0 ? sc->read_split : 0;
	if (n > k)
		n = k;
	if (hits != out && n > 0)
		memcpy(out, hits, sizeof(rx_autocode_hit) * (size_t) n);
	coding->n = n;
	return RX_OK;
}
