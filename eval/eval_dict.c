/*
 * eval_dict.c — the offline evaluation's dictionary (see eval_dict.h): the
 * index of everything but the held-out titles, built as the SQL build
 * builds it, through the engine's pipeline for raw titles; the titles of
 * the pg_trgm approach beside it; coding one title; the cost of a change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/title.h"
#include "eval_data.h"
#include "eval_dict.h"
#include "eval_report.h"

/* The dictionary titles of the pg_trgm approach (alternate, O*NET-SOC and SOC titles). */
const char **trgm_titles;
int32_t    *trgm_codes;
int			ntrgm;
static int	captrgm;

/* Remember a dictionary title for the pg_trgm approach. */
static void
trgm_add(const char *title, int32_t code)
{
	if (ntrgm == captrgm)
	{
		captrgm = captrgm ? 2 * captrgm : 65536;
		trgm_titles = realloc(trgm_titles, sizeof(char *) * (size_t) captrgm);
		trgm_codes = realloc(trgm_codes, sizeof(int32_t) * (size_t) captrgm);
		if (trgm_titles == NULL || trgm_codes == NULL)
			die("out of memory", NULL);
	}
	trgm_titles[ntrgm] = title;
	trgm_codes[ntrgm++] = code;
}

/*
 * Normalize with rx_title_normalize into a static buffer: for the
 * diagnostics only (dumps, messy variants that normalize apart); coding
 * and adding go through the engine's pipelines.
 */
const char *
normalize(const char *s, size_t *len)
{
	static char *buf;
	static size_t cap;
	size_t		need = rx_title_out_capacity(strlen(s));
	rx_error	err;

	if (need > cap)
	{
		free(buf);
		cap = need * 2;
		buf = xmalloc(cap);
	}
	if (rx_title_normalize(s, strlen(s), buf, cap, len, &err) != RX_OK)
		die("normalization failed", s);
	return buf;
}

/* Work memory for the engine's pipelines, grown as a title of len bytes needs. */
static void *
work_for(size_t len, size_t *need)
{
	static void *buf;
	static size_t cap;

	*need = rx_autocode_work_size(len);
	if (*need > cap)
	{
		free(buf);
		cap = *need;
		buf = xmalloc(cap);
	}
	return buf;
}

/* Add one dictionary row (raw text) through the engine's pipeline, or die. */
void
add_entry(rx_autocode_index *ix, const char *text, const char *label, int32_t code, rx_autocode_kind kind,
		  double weight)
{
	rx_autocode_entry_in in;
	size_t		need;
	void	   *work = work_for(strlen(text), &need);
	rx_error	err;

	in.text = text;
	in.text_len = strlen(text);
	in.label = label;
	in.label_len = strlen(label);
	in.code = code;
	in.kind = kind;
	in.weight = weight;
	in.head_end = 0;
	if (rx_autocode_add_title(ix, &in, work, need, &err) != RX_OK)
		die("rx_autocode_add_title failed", err.detail);
}

/* Code raw title q through the engine's pipeline: K hits at most, or die. */
void
code_title(rx_autocode_index *ix, rx_autocode_scratch *sc, const char *q, rx_autocode_hit *hits,
		   rx_autocode_coding *coding)
{
	size_t		need;
	void	   *work = work_for(strlen(q), &need);
	rx_error	err;

	if (rx_autocode_code_title(ix, sc, q, strlen(q), work, need, K, hits, coding, &err) != RX_OK)
		die("rx_autocode_code_title failed", err.detail);
}

/*
 * Add an alternate title.  With split, a title "Main Part (Other Form)" is
 * added as its two forms, each labelled with the whole title, so that the
 * abbreviation or spelled-out form in parentheses does not stand where the
 * head noun belongs.
 */
static void
add_title(rx_autocode_index *ix, const char *title, int32_t code, bool split)
{
	const char *open = strchr(title, '(');
	const char *close = open ? strchr(open, ')') : NULL;
	char		buf[1024];
	size_t		n;

	if (!split || open == NULL || close == NULL || open == title ||
		(size_t) (close - title) >= sizeof(buf))
	{
		add_entry(ix, title, title, code, RX_AUTOCODE_TITLE, 1.0);
		return;
	}
	n = (size_t) (open - title);
	memcpy(buf, title, n);
	snprintf(buf + n, sizeof(buf) - n, "%s", close + 1);
	add_entry(ix, buf, title, code, RX_AUTOCODE_TITLE, 1.0);
	n = (size_t) (close - open - 1);
	memcpy(buf, open + 1, n);
	buf[n] = '\0';
	add_entry(ix, buf, title, code, RX_AUTOCODE_TITLE, 1.0);
}



/* Add the SOC 2018 detailed titles and definitions, coded as their .00 occupation. */
static void
add_soc_titles(rx_autocode_index *ix, const dict_options *o)
{
	char	   *buf = slurp(o->dir, "soc2018/soc_2018_definitions.tsv");
	char	   *line = buf,
			   *next;

	for (; *line; line = next)
	{
		char	   *f[4];
		int32_t		c;

		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		if (split_tabs(line, f, 4) < 4 || strcmp(f[0], "Detailed") != 0)
			continue;
		c = parse_code(f[1], false);
		if (c < 0)
			continue;
		trgm_add(xstrndup(f[2], strlen(f[2])), c * 100);
		if (o->soc_weight > 0)
			add_entry(ix, f[2], f[2], c * 100, RX_AUTOCODE_TITLE, o->soc_weight);
		if (o->def_weight > 0)
			add_entry(ix, f[3], f[2], c * 100, RX_AUTOCODE_DESCRIPTION, o->def_weight);
	}
	free(buf);
}

/*
 * The dictionary without the held-out titles, as the SQL build makes it:
 * the other alternate titles, the occupation titles and descriptions, the
 * SOC titles and definitions, every occupation's SOC groups; statistics and
 * classifiers refreshed.
 */
rx_autocode_index *
build_index(const dict_options *o, const row *rows, int nrows, const occupation *occ, int nocc)
{
	rx_autocode_index *ix = rx_autocode_index_create(NULL, &o->params);
	rx_error	err;
	int			i,
				l;

	if (ix == NULL)
		die("bad parameters", NULL);
	for (i = 0; i < nrows; i++)
		if (!rows[i].dev)
		{
			add_title(ix, rows[i].title, rows[i].code, o->split_parens);
			trgm_add(rows[i].title, rows[i].code);
		}
	for (i = 0; i < nocc; i++)
	{
		trgm_add(occ[i].title, occ[i].code);
		if (o->official_weight > 0)
			add_entry(ix, occ[i].title, occ[i].title, occ[i].code, RX_AUTOCODE_TITLE, o->official_weight);
		if (o->desc_weight > 0)
			add_entry(ix, occ[i].desc, occ[i].title, occ[i].code, RX_AUTOCODE_DESCRIPTION, o->desc_weight);
	}
	if (o->soc_weight > 0 || o->def_weight > 0)
		add_soc_titles(ix, o);
	for (i = 0; i < nocc; i++)
	{
		int32_t		d = occ[i].code / 100;
		int32_t		g[RX_AUTOCODE_GROUP_LEVELS] = {d, soc_broad[d], soc_minor[d], soc_major[d]};

		/* the titles of the SOC groups above every occupation, as weak evidence */
		for (l = 1; l < RX_AUTOCODE_GROUP_LEVELS && o->group_title_weight > 0; l++)
			if (g[l] > 0 && soc_group_title[g[l]] != NULL)
				add_entry(ix, soc_group_title[g[l]], soc_group_title[g[l]], occ[i].code,
						  RX_AUTOCODE_DESCRIPTION, o->group_title_weight);
		if (rx_autocode_set_groups(ix, occ[i].code, g, &err) != RX_OK)
			die("rx_autocode_set_groups failed", err.detail);
	}
	/* statistics and classifiers, as the SQL build does */
	if (rx_autocode_index_refresh(ix, &err) != RX_OK)
		die("out of memory", err.detail);
	return ix;
}

/* --code: code one title against the evaluation dictionary and print the answer. */
void
print_code(rx_autocode_index *ix, rx_autocode_scratch *sc, const char *title)
{
	rx_autocode_hit h[K];
	rx_autocode_coding coding;
	int			r;

	code_title(ix, sc, title, h, &coding);
	printf("%s -> \"%s\"%s\n", title, coding.norm, coding.needs_review ? "  (needs review)" : "");
	for (r = 0; r < coding.n; r++)
		printf("  %02d-%04d.%02d  %.2f  %.*s%s\n", h[r].code / 1000000, h[r].code / 100 % 10000,
			   h[r].code % 100, h[r].score, (int) h[r].evidence_len, h[r].evidence,
			   h[r].exact ? "  (exact)" : "");
}

/* The cost of one change in ms: add a title, code it (refresh included), remove it. */
double
measure_change(rx_autocode_index *ix, rx_autocode_scratch *sc)
{
	const char *t = "chief autocoding officer";
	struct timespec c0,
				c1;
	rx_autocode_entry_in in = {t, strlen(t), t, strlen(t), 11101100, RX_AUTOCODE_TITLE, 1.0, 0};
	rx_autocode_hit h[K];
	rx_autocode_coding coding;
	bool		found;
	rx_error	err;

	clock_gettime(CLOCK_MONOTONIC, &c0);
	add_entry(ix, t, t, 11101100, RX_AUTOCODE_TITLE, 1.0);
	code_title(ix, sc, t, h, &coding);
	if (coding.n < 1 || h[0].code != 11101100 || rx_autocode_remove(ix, &in, &found, &err) != RX_OK || !found)
		die("the incremental change did not take effect", NULL);
	clock_gettime(CLOCK_MONOTONIC, &c1);
	return 1000 * ((double) (c1.tv_sec - c0.tv_sec) + (double) (c1.tv_nsec - c0.tv_nsec) / 1e9);
}

