/*
 * eval_autocode.c — offline evaluation of the autocoder (src/core/autocode*.c)
 * on a development split of the O*NET alternate titles.  Titles go through
 * the engine's pipelines for raw titles (rx_autocode_add_title,
 * rx_autocode_code_title), as in SQL, so both read a title the same way and
 * apply the same review rule.
 *
 * The split is the one `make eval` uses in SQL: a distinct title t (compared
 * case-insensitively) is held out iff substr(md5(lower(t)), 1, 8) <
 * '33333333'.  Every row of a held-out title stays out of the dictionary;
 * the dictionary is the other alternate titles, the O*NET-SOC and SOC 2018
 * occupation titles and the occupation descriptions.  Each held-out title is
 * coded, clean and as a messy HRIS-style variant, and a prediction counts at
 * a level (detailed 6-digit SOC, broad, minor, major; parents from
 * soc2018_all.csv) when it equals that level's group of any code the title
 * is listed under.
 *
 * usage: eval_autocode [--data DIR] [--set NAME=VALUE]... [--official-weight W]
 *        [--soc-titles W] [--descriptions W] [--definitions W] [--group-titles W] [--no-messy] [--no-head-window] [--errors N]
 *        [--examples N] [--apart N] [--calibrate] [--fit-calibration] [--split-parens]
 *        [--major-errors] [--tune] [--dump-split FILE] [--dump-norm FILE] [--code TITLE] [--quiet]
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/autocode.h"
#include "core/confidence.h"
#include "core/title.h"
#include "eval_data.h"

#define K			5
#define LEVELS		4

static const char *const level_names[LEVELS] = {"detailed", "broad", "minor", "major"};
static bool major_errors;
static bool split_parens = false;
static int show_apart = 0;		/* messy variants that normalize apart, to print */
static bool tune_split = false;	/* --tune: evaluate on the tuning split */
static bool no_messy = false;	/* --no-messy: skip the messy variants */

/* Top-1 confidence and correctness of each title, for fitting the calibration. */
static double *fit_x;
static int *fit_y;




/* One held-out title and the codes it is listed under. */
typedef struct devtitle
{
	const char *title;
	const char *lower;
	int32_t    *codes;
	int			ncodes;
	bool		official;		/* equals an O*NET-SOC occupation title */
} devtitle;

typedef struct tally
{
	int			n;
	int			top1[LEVELS];
	int			top5[LEVELS];
	int			covered;
	int			covered_ok[LEVELS];
	int			seen;			/* an exact (normalized) dictionary match */
	int			unseen_n;
	int			unseen_top1[LEVELS];
	int			unseen_top5[LEVELS];
	int			normalized_apart;	/* messy: normalizes unlike the clean title */
	int			official_n;
	int			official_top1;
	double		seconds;
	double		query_seconds;	/* inside rx_autocode_code_title only */
	double		logloss;
	int			bins_n[10];
	int			bins_ok[10];
	double		bins_conf[10];
} tally;















/*
 * Normalize with rx_title_normalize into a static buffer: for the
 * diagnostics only (dumps, messy variants that normalize apart); coding
 * and adding go through the engine's pipelines.
 */
static const char *
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
static void
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
static void
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



/* Does any code of a held-out title share pred's group at a level? */
static bool
hit_at(const devtitle *d, int32_t pred, int level)
{
	int32_t		g = group_of(pred, level);
	int			i;

	for (i = 0; i < d->ncodes; i++)
		if (group_of(d->codes[i], level) == g && g > 0)
			return true;
	return false;
}

/*
 * Count the answer (hits[0..coding->n)) to held-out title d, the i-th:
 * accuracy at every level, top-1 and top-5, seen and unseen, coverage,
 * calibration bins and log loss; print it when it is a miss to show.
 */
static void
tally_title(tally *t, const devtitle *d, int i, const char *q, const rx_autocode_hit *hits,
			const rx_autocode_coding *coding, bool messy_variant, int *shown, int show_errors)
{
	int			n = coding->n,
				lv,
				r,
				b;
	bool		seen = false,
				ok1[LEVELS],
				ok5[LEVELS];
	double		c = n > 0 ? hits[0].score : 0;

	t->n++;
	for (r = 0; r < n; r++)
		seen |= hits[r].exact;
	for (lv = 0; lv < LEVELS; lv++)
	{
		ok1[lv] = n > 0 && hit_at(d, hits[0].code, lv);
		ok5[lv] = false;
		for (r = 0; r < n && !ok5[lv]; r++)
			ok5[lv] = hit_at(d, hits[r].code, lv);
		t->top1[lv] += ok1[lv];
		t->top5[lv] += ok5[lv];
		if (!seen)
		{
			t->unseen_top1[lv] += ok1[lv];
			t->unseen_top5[lv] += ok5[lv];
		}
	}
	t->seen += seen;
	t->unseen_n += !seen;
	if (d->official)
	{
		t->official_n++;
		t->official_top1 += ok1[0];
	}
	if (!coding->needs_review)
	{
		t->covered++;
		for (lv = 0; lv < LEVELS; lv++)
			t->covered_ok[lv] += ok1[lv];
	}
	b = (int) (c * 10);
	if (b > 9)
		b = 9;
	if (fit_x != NULL && !messy_variant)
	{
		fit_x[i] = c;
		fit_y[i] = ok1[0];
	}
	t->bins_n[b]++;
	t->bins_ok[b] += ok1[0];
	t->bins_conf[b] += c;
	c = c < 1e-6 ? 1e-6 : (c > 1 - 1e-6 ? 1 - 1e-6 : c);
	t->logloss -= ok1[0] ? log(c) : log(1 - c);
	if (!ok1[major_errors ? 3 : 0] && *shown < show_errors && (i * 7919) % 5 == 0)
	{
		printf("  miss: %-45s gold %08d  got", q, d->codes[0]);
		for (r = 0; r < n && r < 3; r++)
			printf(" %08d %.2f (%.*s)", hits[r].code, hits[r].score,
				   (int) hits[r].evidence_len, hits[r].evidence);
		printf("\n");
		(*shown)++;
	}
}

/* Code every held-out title (messy variants when messy) and tally the results. */
static void
evaluate(rx_autocode_index *ix, rx_autocode_scratch *sc, const devtitle *dev, int ndev, bool messy_variant,
		 tally *t, int show_errors, int show_examples)
{
	rx_autocode_hit hits[K];
	rx_autocode_coding coding;
	struct timespec t0,
				t1,
				q0,
				q1;
	int			i,
				shown = 0,
				examples = 0;
	char		buf[2048];

	memset(t, 0, sizeof(*t));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < ndev; i++)
	{
		const devtitle *d = &dev[i];
		const char *q = d->title;

		if (messy_variant)
		{
			size_t		len;
			const char *norm = normalize(d->title, &len);
			char	   *clean = xstrndup(norm, len);

			messy(d->title, d->lower, buf, sizeof(buf));
			q = buf;
			norm = normalize(q, &len);
			if (strcmp(clean, norm) != 0)
			{
				if (t->normalized_apart < show_apart)
					printf("  apart: %-50s -> %-35s (clean: %s)\n", q, norm, clean);
				t->normalized_apart++;
			}
			free(clean);
		}
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &q0);
		code_title(ix, sc, q, hits, &coding);
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &q1);
		t->query_seconds += (double) (q1.tv_sec - q0.tv_sec) + (double) (q1.tv_nsec - q0.tv_nsec) / 1e9;
		if (examples < show_examples)
		{
			printf("  %-50s -> %-40s -> %.*s\n", q, coding.norm, coding.n > 0 ? (int) hits[0].evidence_len : 6,
				   coding.n > 0 ? hits[0].evidence : "(none)");
			examples++;
		}
		tally_title(t, d, i, q, hits, &coding, messy_variant, &shown, show_errors);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	t->seconds = (double) (t1.tv_sec - t0.tv_sec) + (double) (t1.tv_nsec - t0.tv_nsec) / 1e9;
	t->logloss /= t->n > 0 ? t->n : 1;
}

/*
 * Fit confidence = logistic(a * logit(p) + b) to the top-1 correctness of
 * the n titles by Newton's method on the log loss.
 */
/* The log loss of confidence = logistic(a * logit(p) + b) on the n titles. */
static double
calib_loss(const double *p, const int *y, int n, double a, double b)
{
	double		loss = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		double		q = p[i] < 1e-9 ? 1e-9 : (p[i] > 1 - 1e-9 ? 1 - 1e-9 : p[i]);
		double		z = a * log(q / (1 - q)) + b;

		/* log(1 + e^-z) or log(1 + e^z), computed without overflow */
		loss += y[i] ? (z > 0 ? log1p(exp(-z)) : -z + log1p(exp(z)))
			: (z > 0 ? z + log1p(exp(-z)) : log1p(exp(z)));
	}
	return loss;
}

static void
fit_calibration(const double *p, const int *y, int n, double *a, double *b)
{
	int			it,
				i;

	*a = 1;
	*b = 0;
	for (it = 0; it < 50; it++)
	{
		double		g0 = 0,
					g1 = 0,
					h00 = 0,
					h01 = 0,
					h11 = 0,
					det,
					da,
					db;

		for (i = 0; i < n; i++)
		{
			double		q = p[i] < 1e-9 ? 1e-9 : (p[i] > 1 - 1e-9 ? 1 - 1e-9 : p[i]);
			double		x = log(q / (1 - q));
			double		m = 1 / (1 + exp(-(*a * x + *b)));
			double		w = m * (1 - m);

			g0 += (m - y[i]) * x;
			g1 += m - y[i];
			h00 += w * x * x;
			h01 += w * x;
			h11 += w;
		}
		det = h00 * h11 - h01 * h01;
		if (fabs(det) < 1e-12)
			break;
		da = (h11 * g0 - h01 * g1) / det;
		db = (h00 * g1 - h01 * g0) / det;
		/* halve the Newton step until the log loss does not grow */
		{
			double		before = calib_loss(p, y, n, *a, *b);
			int			half;

			for (half = 0; half < 40 && calib_loss(p, y, n, *a - da, *b - db) > before; half++)
			{
				da /= 2;
				db /= 2;
			}
		}
		*a -= da;
		*b -= db;
		if (fabs(da) + fabs(db) < 1e-9)
			break;
	}
}

/* Percentage of a in b. */
static double
pct(int a, int b)
{
	return b > 0 ? 100.0 * a / b : 0;
}

/* Print one tally as rows of the report. */
static void
report(const char *name, const tally *t, bool calibration)
{
	int			lv,
				b;

	printf("%s (%d titles)\n", name, t->n);
	printf("  %-34s", "");
	for (lv = 0; lv < LEVELS; lv++)
		printf(" %9s", level_names[lv]);
	printf("\n  %-34s", "top-1 accuracy %");
	for (lv = 0; lv < LEVELS; lv++)
		printf(" %9.1f", pct(t->top1[lv], t->n));
	printf("\n  %-34s", "top-5 accuracy %");
	for (lv = 0; lv < LEVELS; lv++)
		printf(" %9.1f", pct(t->top5[lv], t->n));
	printf("\n  %-34s", "top-1 within coverage %");
	for (lv = 0; lv < LEVELS; lv++)
		printf(" %9.1f", pct(t->covered_ok[lv], t->covered));
	printf("\n  %-34s", "top-1 unseen only %");
	for (lv = 0; lv < LEVELS; lv++)
		printf(" %9.1f", pct(t->unseen_top1[lv], t->unseen_n));
	printf("\n  %-34s", "top-5 unseen only %");
	for (lv = 0; lv < LEVELS; lv++)
		printf(" %9.1f", pct(t->unseen_top5[lv], t->unseen_n));
	printf("\n  coverage (not needs_review) %.1f%%; seen (normalized title in the dictionary) %.1f%%,"
		   " unseen %d\n", pct(t->covered, t->n), pct(t->seen, t->n), t->unseen_n);
	if (t->normalized_apart > 0 || strncmp(name, "messy", 5) == 0)
		printf("  variants whose normalized text differs from the clean title's: %d\n",
			   t->normalized_apart);
	printf("  equal to an O*NET-SOC occupation title: %d (%.1f%%), top-1 detailed among them %.1f%%\n",
		   t->official_n, pct(t->official_n, t->n), pct(t->official_top1, t->official_n));
	printf("  %.0f titles/s (normalize + code, one core; %.1f us of CPU a title in rx_autocode_code_title),"
		   " log loss of top-1 confidence %.3f\n",
		   t->seconds > 0 ? t->n / t->seconds : 0, 1e6 * t->query_seconds / (t->n > 0 ? t->n : 1),
		   t->logloss);
	if (calibration)
	{
		printf("  calibration: confidence bin, titles, mean confidence, top-1 detailed accuracy\n");
		for (b = 0; b < 10; b++)
			if (t->bins_n[b] > 0)
				printf("    [%.1f, %.1f)  %5d  %.2f  %.2f\n", b / 10.0, (b + 1) / 10.0,
					   t->bins_n[b], t->bins_conf[b] / t->bins_n[b],
					   (double) t->bins_ok[b] / t->bins_n[b]);
	}
}

/* Apply NAME=VALUE to the parameters; false for an unknown name. */
static bool
set_param(rx_autocode_params *p, const char *arg)
{
	const char *eq = strchr(arg, '=');
	double		v;
	size_t		n;

	if (eq == NULL)
		return false;
	n = (size_t) (eq - arg);
	v = atof(eq + 1);
#define P(name) if (n == strlen(#name) && strncmp(arg, #name, n) == 0) { p->name = v; return true; }
	P(w_vote) P(w_prior) P(w_exact) P(head_weight) P(head_miss) P(gram_weight) P(bm25_k1) P(bm25_b)
	P(fuzzy_weight) P(fuzzy_min) P(split_weight) P(temperature) P(null_score)
	P(calib_a) P(calib_b) P(w_headshare) P(w_class) P(w_class_major) P(class_rate)
#undef P
	if (n == 10 && strncmp(arg, "w_detailed", n) == 0)
	{
		p->w_group[0] = v;
		return true;
	}
	if (n == 7 && strncmp(arg, "w_broad", n) == 0)
	{
		p->w_group[1] = v;
		return true;
	}
	if (n == 7 && strncmp(arg, "w_minor", n) == 0)
	{
		p->w_group[2] = v;
		return true;
	}
	if (n == 7 && strncmp(arg, "w_major", n) == 0)
	{
		p->w_group[3] = v;
		return true;
	}
	if (n == 12 && strncmp(arg, "class_epochs", n) == 0)
	{
		p->class_epochs = (int) v;
		return true;
	}
	if (n == 10 && strncmp(arg, "stem_level", n) == 0)
	{
		p->stem_level = (int) v;
		return true;
	}
	return false;
}

/* The CPU model from /proc/cpuinfo, for the report. */
static void
print_machine(void)
{
	FILE	   *f = fopen("/proc/cpuinfo", "r");
	char		line[512];
	int			cpus = 0;
	char		model[256] = "unknown CPU";

	if (f != NULL)
	{
		while (fgets(line, sizeof(line), f))
		{
			if (strncmp(line, "model name", 10) == 0 && strcmp(model, "unknown CPU") == 0)
			{
				char	   *c = strchr(line, ':');

				if (c)
				{
					snprintf(model, sizeof(model), "%s", c + 2);
					model[strcspn(model, "\n")] = '\0';
				}
			}
			if (strncmp(line, "processor", 9) == 0)
				cpus++;
		}
		fclose(f);
	}
	printf("machine: %s, %d CPUs\n", model, cpus);
}

/* What the command line asks for. */
typedef struct options
{
	const char *dir;
	const char *dump;			/* --dump-split FILE */
	const char *dump_norm;		/* --dump-norm FILE */
	const char *code_text;		/* --code TITLE */
	rx_autocode_params params;
	double		official_weight,
				soc_weight,
				desc_weight,
				def_weight,
				group_title_weight;
	int			show_errors,
				show_examples;
	bool		calibrate,
				quiet,
				fit;
} options;

/* Read the command line into *o (see the comment at the top); dies on an unknown argument. */
static void
parse_args(int argc, char **argv, options *o)
{
	int			i;

	memset(o, 0, sizeof(*o));
	o->dir = "data";
	o->params = rx_autocode_params_default();
	o->official_weight = 1.0;
	o->soc_weight = 1.0;
	o->desc_weight = o->def_weight = rx_autocode_default_weight(RX_AUTOCODE_DESCRIPTION);
	for (i = 1; i < argc; i++)
	{
		const char *a = argv[i];
		bool		more = i + 1 < argc;

		if (strcmp(a, "--data") == 0 && more)
			o->dir = argv[++i];
		else if (strcmp(a, "--set") == 0 && more)
		{
			if (!set_param(&o->params, argv[++i]))
				die("unknown parameter", argv[i]);
		}
		else if (strcmp(a, "--official-weight") == 0 && more)
			o->official_weight = atof(argv[++i]);
		else if (strcmp(a, "--soc-titles") == 0 && more)
			o->soc_weight = atof(argv[++i]);
		else if (strcmp(a, "--descriptions") == 0 && more)
			o->desc_weight = atof(argv[++i]);
		else if (strcmp(a, "--group-titles") == 0 && more)
			o->group_title_weight = atof(argv[++i]);
		else if (strcmp(a, "--definitions") == 0 && more)
			o->def_weight = atof(argv[++i]);
		else if (strcmp(a, "--errors") == 0 && more)
			o->show_errors = atoi(argv[++i]);
		else if (strcmp(a, "--examples") == 0 && more)
			o->show_examples = atoi(argv[++i]);
		else if (strcmp(a, "--apart") == 0 && more)
			show_apart = atoi(argv[++i]);
		else if (strcmp(a, "--dump-norm") == 0 && more)
			o->dump_norm = argv[++i];
		else if (strcmp(a, "--dump-split") == 0 && more)
			o->dump = argv[++i];
		else if (strcmp(a, "--code") == 0 && more)
			o->code_text = argv[++i];
		else if (strcmp(a, "--no-messy") == 0)
			no_messy = true;
		else if (strcmp(a, "--no-head-window") == 0)
			o->params.head_window = false;
		else if (strcmp(a, "--tune") == 0)
			tune_split = true;
		else if (strcmp(a, "--split-parens") == 0)
			split_parens = true;
		else if (strcmp(a, "--major-errors") == 0)
			major_errors = true;
		else if (strcmp(a, "--calibrate") == 0)
			o->calibrate = true;
		else if (strcmp(a, "--fit-calibration") == 0)
			o->fit = true;
		else if (strcmp(a, "--quiet") == 0)
			o->quiet = true;
		else
			die("unknown argument (see the comment at the top of eval_autocode.c)", a);
	}
}

/*
 * The held-out titles: the distinct lower-cased titles of the split (rows
 * sorted by lower-cased title), each with every code it is listed under.
 */
static devtitle *
held_out(const row *rows, int nrows, const occupation *occ, int nocc, int *ndev)
{
	devtitle   *dev = xmalloc(sizeof(devtitle) * (size_t) nrows);
	int			i,
				n = 0;

	for (i = 0; i < nrows;)
	{
		int			j = i,
					o;

		while (j < nrows && strcmp(rows[j].lower, rows[i].lower) == 0)
			j++;
		if (rows[i].dev && (!tune_split || rows[i].tune))
		{
			devtitle   *d = &dev[n++];

			d->title = rows[i].title;
			d->lower = rows[i].lower;
			d->ncodes = j - i;
			d->codes = xmalloc(sizeof(int32_t) * (size_t) (j - i));
			for (o = i; o < j; o++)
				d->codes[o - i] = rows[o].code;
			d->official = false;
			for (o = 0; o < nocc && !d->official; o++)
			{
				char	   *l = lower_dup(occ[o].title);

				d->official = strcmp(l, d->lower) == 0;
				free(l);
			}
		}
		i = j;
	}
	*ndev = n;
	return dev;
}

/* The diagnostics files: --dump-norm (every row normalized) and --dump-split (the held-out titles). */
static void
dump_files(const options *o, const row *rows, int nrows, const occupation *occ, int nocc,
		   const devtitle *dev, int ndev)
{
	FILE	   *f;
	int			i;

	if (o->dump_norm != NULL)
	{
		/* every alternate-title row: split, code, normalized text, title */
		if ((f = fopen(o->dump_norm, "w")) == NULL)
			die("cannot write", o->dump_norm);
		for (i = 0; i < nrows; i++)
		{
			size_t		len;
			const char *norm = normalize(rows[i].title, &len);

			fprintf(f, "%s\t%08d\t%s\t%s\n", rows[i].dev ? "dev" : "train", rows[i].code, norm,
					rows[i].title);
		}
		for (i = 0; i < nocc; i++)
		{
			size_t		len;
			const char *norm = normalize(occ[i].title, &len);

			fprintf(f, "occ\t%08d\t%s\t%s\n", occ[i].code, norm, occ[i].title);
		}
		fclose(f);
	}
	if (o->dump != NULL)
	{
		if ((f = fopen(o->dump, "w")) == NULL)
			die("cannot write", o->dump);
		for (i = 0; i < ndev; i++)
			fprintf(f, "%s\n", dev[i].lower);
		fclose(f);
	}
}

/* Add the SOC 2018 detailed titles and definitions, coded as their .00 occupation. */
static void
add_soc_titles(rx_autocode_index *ix, const options *o)
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
static rx_autocode_index *
build_index(const options *o, const row *rows, int nrows, const occupation *occ, int nocc)
{
	rx_autocode_index *ix = rx_autocode_index_create(NULL, &o->params);
	rx_error	err;
	int			i,
				l;

	if (ix == NULL)
		die("bad parameters", NULL);
	for (i = 0; i < nrows; i++)
		if (!rows[i].dev)
			add_title(ix, rows[i].title, rows[i].code, split_parens);
	for (i = 0; i < nocc; i++)
	{
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
static void
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

/*
 * --fit-calibration: code the titles once uncalibrated, fit the Platt
 * scaling to their top-1 correctness, and set it in *params and the index.
 */
static void
fit_and_set(rx_autocode_index *ix, rx_autocode_scratch *sc, const devtitle *dev, int ndev,
			rx_autocode_params *params)
{
	rx_autocode_params uncal = *params;
	rx_error	err;
	tally		t;

	fit_x = xmalloc(sizeof(double) * (size_t) ndev);
	fit_y = xmalloc(sizeof(int) * (size_t) ndev);
	uncal.calib_a = 1;
	uncal.calib_b = 0;
	if (rx_autocode_index_set_params(ix, &uncal, &err) != RX_OK)
		die("bad parameters", err.detail);
	evaluate(ix, sc, dev, ndev, false, &t, 0, 0);
	fit_calibration(fit_x, fit_y, ndev, &params->calib_a, &params->calib_b);
	printf("fitted calibration: --set calib_a=%.4f --set calib_b=%.4f\n", params->calib_a, params->calib_b);
	if (rx_autocode_index_set_params(ix, params, &err) != RX_OK)
		die("bad parameters", err.detail);
	free(fit_x);
	free(fit_y);
	fit_x = NULL;
}

/* The cost of one change in ms: add a title, code it (refresh included), remove it. */
static double
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

/* The one-line summary of --quiet. */
static void
print_quiet(const tally *clean, const tally *dirty)
{
	printf("top1 %.1f %.1f %.1f %.1f top5 %.1f %.1f %.1f %.1f | messy top1 %.1f major %.1f | cov %.1f acc %.1f | ll %.3f | %.0f/s\n",
		   pct(clean->top1[0], clean->n), pct(clean->top1[1], clean->n), pct(clean->top1[2], clean->n),
		   pct(clean->top1[3], clean->n), pct(clean->top5[0], clean->n), pct(clean->top5[1], clean->n),
		   pct(clean->top5[2], clean->n), pct(clean->top5[3], clean->n),
		   pct(dirty->top1[0], dirty->n), pct(dirty->top1[3], dirty->n),
		   pct(clean->covered, clean->n), pct(clean->covered_ok[0], clean->covered), clean->logloss,
		   clean->n / clean->seconds);
	printf("query %.1f us\n", 1e6 * clean->query_seconds / clean->n);
}

int
main(int argc, char **argv)
{
	options		o;
	row		   *rows;
	occupation *occ;
	devtitle   *dev;
	rx_autocode_index *ix;
	rx_autocode_scratch *sc;
	tally		clean,
				dirty;
	struct timespec t0,
				t1;
	double		build,
				change;
	int			nrows,
				nocc,
				ndev = 0;

	parse_args(argc, argv, &o);
	load_soc(o.dir);
	rows = load_titles(o.dir, tune_split, &nrows);
	occ = load_occupations(o.dir, &nocc);
	qsort(rows, (size_t) nrows, sizeof(row), row_cmp);
	dev = held_out(rows, nrows, occ, nocc, &ndev);
	dump_files(&o, rows, nrows, occ, nocc, dev, ndev);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	ix = build_index(&o, rows, nrows, occ, nocc);
	sc = rx_autocode_scratch_create(ix);
	if (sc == NULL)
		die("out of memory", NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	build = (double) (t1.tv_sec - t0.tv_sec) + (double) (t1.tv_nsec - t0.tv_nsec) / 1e9;

	if (o.code_text != NULL)
	{
		print_code(ix, sc, o.code_text);
		return 0;
	}
	if (o.fit)
		fit_and_set(ix, sc, dev, ndev, &o.params);
	evaluate(ix, sc, dev, ndev, false, &clean, o.show_errors, o.show_examples);
	if (!no_messy)
		evaluate(ix, sc, dev, ndev, true, &dirty, o.show_errors, o.show_examples);
	else
		dirty = clean;
	change = measure_change(ix, sc);

	if (!o.quiet)
	{
		print_machine();
		printf("split: %d alternate-title rows, %d distinct titles held out (md5 < 33333333)\n",
			   nrows, ndev);
		printf("dictionary: %u entries (%u titles, %u descriptions) over %u codes, %.1f MB,"
			   " built in %.0f ms (normalization included)\n",
			   rx_autocode_index_size(ix), rx_autocode_index_count(ix, RX_AUTOCODE_TITLE),
			   rx_autocode_index_count(ix, RX_AUTOCODE_DESCRIPTION),
			   rx_autocode_index_codes(ix), rx_autocode_index_bytes(ix) / 1048576.0, build * 1000);
		printf("one change (add a title, code it with statistics refreshed, remove it): %.2f ms\n", change);
		report("clean held-out titles", &clean, o.calibrate);
		report("messy HRIS variants of the same titles", &dirty, o.calibrate);
	}
	else
		print_quiet(&clean, &dirty);
	rx_autocode_scratch_free(sc);
	rx_autocode_index_free(ix);
	return 0;
}
