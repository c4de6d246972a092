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
 * occupation titles and the occupation descriptions.  The held-out titles
 * are split again in two halves by the 9th hex digit of the same md5: 0-7
 * the tuning half (--half tune: every choice of the matching was made
 * there), 8-f the test half (--half test: the final report).  Each held-out
 * title is coded as written, as a messy HRIS-style variant and in every
 * style slice (eval_slices.c), by soc_autocode and by the plain pg_trgm
 * approach (eval_trgm.c); a prediction counts at a level (detailed 6-digit
 * SOC, broad, minor, major; parents from soc2018_all.csv) when it equals
 * that level's group of any code the title is listed under.
 *
 * usage: eval_autocode [--data DIR] [--half all|tune|test] [--set NAME=VALUE]...
 *        [--official-weight W] [--soc-titles W] [--descriptions W] [--definitions W]
 *        [--group-titles W] [--no-messy] [--no-slices] [--no-trgm] [--no-head-window] [--no-change]
 *        [--errors N] [--slice NAME] [--trgm-wins N] [--examples N] [--apart N]
 *        [--calibrate] [--fit-calibration] [--split-parens] [--major-errors] [--tune]
 *        [--dump-split FILE] [--dump-norm FILE] [--dump-slices FILE] [--trgm-sample N]
 *        [--compare SLICE] [--code TITLE] [--quiet]
 */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/autocode.h"
#include "core/confidence.h"
#include "core/title.h"
#include "eval_data.h"
#include "eval_dict.h"
#include "eval_report.h"

static bool major_errors;
static int show_apart = 0;		/* messy variants that normalize apart, to print */
static bool tune_split = false;	/* --tune: evaluate on the tuning split */

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
	P(w_vote) P(w_prior) P(w_exact) P(exact_typo) P(head_weight) P(head_miss) P(head_first) P(gram_weight) P(bm25_k1) P(bm25_b)
	P(fuzzy_weight) P(fuzzy_min) P(split_weight) P(edit_weight) P(temperature) P(null_score)
	P(calib_a) P(calib_b) P(calib_c) P(calib_typo) P(calib_split) P(w_headshare) P(w_class) P(w_class_major) P(class_rate)
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
	if (n == 12 && strncmp(arg, "match_common", n) == 0)
	{
		p->match_common = (int) v;
		return true;
	}
	if (n == 14 && strncmp(arg, "gram_codes_max", n) == 0)
	{
		p->gram_codes_max = (int) v;
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
	const char *dump_slices;	/* --dump-slices FILE */
	const char *code_text;		/* --code TITLE */
	dict_options d;				/* what the dictionary holds, the scoring parameters */
	int			half;			/* 0 all, 1 tune, 2 test */
	int			show_errors,
				error_slice,
				trgm_wins,
				show_examples,
				trgm_sample,
				compare;		/* --compare SLICE */
	bool		calibrate,
				quiet,
				fit,
				no_messy,
				no_slices,
				no_trgm,
				no_change;		/* --no-change: skip timing one change (profiling) */
} options;

/* The slice called name, or die. */
static int
slice_named(const char *name)
{
	int			s;

	for (s = 0; s < SLICES; s++)
		if (strcmp(slice_names[s], name) == 0)
			return s;
	die("unknown slice", name);
	return 0;
}

/* Read a flag without a value into *o; false when a is not one. */
static bool
parse_flag(const char *a, options *o)
{
	static const struct
	{
		const char *name;
		size_t		off;
	}			flags[] = {
		{"--no-messy", offsetof(options, no_messy)}, {"--no-slices", offsetof(options, no_slices)},
		{"--no-trgm", offsetof(options, no_trgm)}, {"--calibrate", offsetof(options, calibrate)},
		{"--fit-calibration", offsetof(options, fit)}, {"--quiet", offsetof(options, quiet)},
		{"--no-change", offsetof(options, no_change)}
	};
	size_t		i;

	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (strcmp(a, flags[i].name) == 0)
		{
			*(bool *) ((char *) o + flags[i].off) = true;
			return true;
		}
	if (strcmp(a, "--no-head-window") == 0)
		o->d.params.head_window = false;
	else if (strcmp(a, "--tune") == 0)
		tune_split = true;
	else if (strcmp(a, "--split-parens") == 0)
		o->d.split_parens = true;
	else if (strcmp(a, "--major-errors") == 0)
		major_errors = true;
	else
		return false;
	return true;
}

/* Read an option with a value (argv[*i + 1]) into *o; false when a is not one. */
static bool
parse_option(const char *a, const char *v, options *o)
{
	if (strcmp(a, "--data") == 0)
		o->dir = v;
	else if (strcmp(a, "--set") == 0)
	{
		if (!set_param(&o->d.params, v))
			die("unknown parameter", v);
	}
	else if (strcmp(a, "--half") == 0)
		o->half = strcmp(v, "tune") == 0 ? 1 : strcmp(v, "test") == 0 ? 2 :
			strcmp(v, "all") == 0 ? 0 : (die("--half takes all, tune or test", v), 0);
	else if (strcmp(a, "--official-weight") == 0)
		o->d.official_weight = atof(v);
	else if (strcmp(a, "--soc-titles") == 0)
		o->d.soc_weight = atof(v);
	else if (strcmp(a, "--descriptions") == 0)
		o->d.desc_weight = atof(v);
	else if (strcmp(a, "--group-titles") == 0)
		o->d.group_title_weight = atof(v);
	else if (strcmp(a, "--definitions") == 0)
		o->d.def_weight = atof(v);
	else if (strcmp(a, "--errors") == 0)
		o->show_errors = atoi(v);
	else if (strcmp(a, "--slice") == 0)
		o->error_slice = slice_named(v);
	else if (strcmp(a, "--compare") == 0)
		o->compare = slice_named(v);
	else if (strcmp(a, "--trgm-wins") == 0)
		o->trgm_wins = atoi(v);
	else if (strcmp(a, "--trgm-sample") == 0)
		o->trgm_sample = atoi(v);
	else if (strcmp(a, "--examples") == 0)
		o->show_examples = atoi(v);
	else if (strcmp(a, "--apart") == 0)
		show_apart = atoi(v);
	else if (strcmp(a, "--dump-norm") == 0)
		o->dump_norm = v;
	else if (strcmp(a, "--dump-split") == 0)
		o->dump = v;
	else if (strcmp(a, "--dump-slices") == 0)
		o->dump_slices = v;
	else if (strcmp(a, "--code") == 0)
		o->code_text = v;
	else
		return false;
	return true;
}

/* Read the command line into *o (see the comment at the top); dies on an unknown argument. */
static void
parse_args(int argc, char **argv, options *o)
{
	int			i;

	memset(o, 0, sizeof(*o));
	o->dir = "data";
	o->d.dir = o->dir;
	o->d.params = rx_autocode_params_default();
	o->d.official_weight = 1.0;
	o->d.soc_weight = 1.0;
	o->d.desc_weight = o->d.def_weight = rx_autocode_default_weight(RX_AUTOCODE_DESCRIPTION);
	for (i = 1; i < argc; i++)
	{
		if (parse_flag(argv[i], o))
			continue;
		if (i + 1 < argc && parse_option(argv[i], argv[i + 1], o))
		{
			i++;
			continue;
		}
		die("unknown argument (see the comment at the top of eval_autocode.c)", argv[i]);
	}
}

/*
 * The held-out titles: the distinct lower-cased titles of the split (rows
 * sorted by lower-cased title) in the half asked for, each with every code
 * it is listed under.
 */
static devtitle *
held_out(const row *rows, int nrows, const occupation *occ, int nocc, int half, int *ndev)
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
		if (rows[i].dev && (!tune_split || rows[i].tune) &&
			(half == 0 || (half == 2) == rows[i].test_half))
		{
			devtitle   *d = &dev[n++];

			d->title = rows[i].title;
			d->lower = rows[i].lower;
			d->test_half = rows[i].test_half;
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

/* Print a title of the slice that soc_autocode got wrong (or pg_trgm alone got right). */
static void
print_miss(const char *what, const char *q, const devtitle *d, const rx_autocode_hit *hits, int n,
		   const int32_t *tcodes, int nt)
{
	int			r;

	printf("  %s: %-45s gold %08d  got", what, q, d->codes[0]);
	for (r = 0; r < n && r < 3; r++)
		printf(" %08d %.2f (%.*s)", hits[r].code, hits[r].score,
			   (int) hits[r].evidence_len, hits[r].evidence);
	if (nt > 0)
		printf("  trgm %08d", tcodes[0]);
	printf("\n");
}

/* Fill outcome o of held-out title d from soc_autocode's answer. */
static void
fill_outcome(outcome *o, const devtitle *d, const rx_autocode_hit *hits, const rx_autocode_coding *coding)
{
	int			lv,
				r;

	o->in = true;
	o->answered = coding->n > 0;
	o->score = coding->n > 0 ? hits[0].score : 0;
	o->read_typo = coding->read_typo;
	o->read_split = coding->read_split;
	o->covered = !coding->needs_review;
	for (r = 0; r < coding->n; r++)
		o->exact |= hits[r].exact;
	for (lv = 0; lv < LEVELS; lv++)
	{
		o->ok1[lv] = coding->n > 0 && hit_at(d, hits[0].code, lv);
		for (r = 0; r < coding->n && !o->ok5[lv]; r++)
			o->ok5[lv] = hit_at(d, hits[r].code, lv);
	}
}

/* Code q the pg_trgm way and fill the pg_trgm side of outcome o; returns its codes. */
static int
fill_trgm(trgm_index *tx, outcome *o, const devtitle *d, const char *q, int32_t *tc)
{
	double		ts[K];
	bool		review;
	int			nt = trgm_code(tx, q, tc, ts, &review),
				lv,
				r;

	o->t_covered = !review;
	for (lv = 0; lv < LEVELS; lv++)
	{
		o->t_ok1[lv] = nt > 0 && hit_at(d, tc[0], lv);
		for (r = 0; r < nt && !o->t_ok5[lv]; r++)
			o->t_ok5[lv] = hit_at(d, tc[r], lv);
	}
	return nt;
}

/* Count a messy variant that normalizes unlike its clean title (and print the first few). */
static void
note_apart(const devtitle *d, const char *q, int *apart)
{
	size_t		len;
	const char *norm = normalize(d->title, &len);
	char	   *clean = xstrndup(norm, len);

	norm = normalize(q, &len);
	if (strcmp(clean, norm) != 0)
	{
		if (*apart < show_apart)
			printf("  apart: %-50s -> %-35s (clean: %s)\n", q, norm, clean);
		(*apart)++;
	}
	free(clean);
}

/*
 * Code the variant of every held-out title in slice s by soc_autocode
 * (timed) and, with tx, by pg_trgm; print misses as asked.
 */
static void
evaluate(rx_autocode_index *ix, rx_autocode_scratch *sc, trgm_index *tx, const devtitle *dev, int ndev,
		 int s, const options *opt, slice_run *r)
{
	rx_autocode_hit hits[K];
	rx_autocode_coding coding;
	struct timespec t0,
				t1,
				q0,
				q1;
	int			i,
				shown = 0,
				wins = 0,
				examples = 0,
				apart = 0;
	char		q[2048];

	memset(r->o, 0, sizeof(outcome) * (size_t) ndev);
	r->n = 0;
	r->trgm = tx != NULL;
	r->query_seconds = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < ndev; i++)
	{
		const devtitle *d = &dev[i];

		if (!slice_variant(s, d->title, d->lower, q, sizeof(q)))
			continue;
		if (s == SLICE_MESSY && show_apart > 0)
			note_apart(d, q, &apart);
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &q0);
		code_title(ix, sc, q, hits, &coding);
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &q1);
		r->query_seconds += (double) (q1.tv_sec - q0.tv_sec) + (double) (q1.tv_nsec - q0.tv_nsec) / 1e9;
		r->n++;
		fill_outcome(&r->o[i], d, hits, &coding);
		if (examples < opt->show_examples && s == opt->error_slice)
		{
			printf("  %-50s -> %-40s -> %.*s\n", q, coding.norm, coding.n > 0 ? (int) hits[0].evidence_len : 6,
				   coding.n > 0 ? hits[0].evidence : "(none)");
			examples++;
		}
		if (s == opt->error_slice && !r->o[i].ok1[major_errors ? 3 : 0] && shown < opt->show_errors &&
			(i * 7919) % 5 == 0)
		{
			print_miss("miss", q, d, hits, coding.n, NULL, 0);
			shown++;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	r->seconds = (double) (t1.tv_sec - t0.tv_sec) + (double) (t1.tv_nsec - t0.tv_nsec) / 1e9;
	for (i = 0; i < ndev && tx != NULL; i++)
	{
		int32_t		tc[K];
		int			nt;

		if (!r->o[i].in)
			continue;
		slice_variant(s, dev[i].title, dev[i].lower, q, sizeof(q));
		nt = fill_trgm(tx, &r->o[i], &dev[i], q, tc);
		if (s == opt->error_slice && wins < opt->trgm_wins && r->o[i].t_ok1[0] && !r->o[i].ok1[0])
		{
			code_title(ix, sc, q, hits, &coding);
			print_miss("trgm wins", q, &dev[i], hits, coding.n, tc, nt);
			wins++;
		}
	}
}

/*
 * --fit-calibration: code the clean titles and the style slices once
 * uncalibrated, fit the calibration (with the shares of guessed words) to
 * their top-1 correctness, and set it in *params and the index.  The
 * messy, qualifier and upper-case slices code nearly as the clean titles
 * and are left out, not to count those answers four times.
 */
static void
fit_and_set(rx_autocode_index *ix, rx_autocode_scratch *sc, const devtitle *dev, int ndev,
			const options *opt, rx_autocode_params *params, slice_run *r)
{
	static const int fit_slices[] = {SLICE_CLEAN, SLICE_INVERTED, SLICE_TRUNCATED, SLICE_TYPO, SLICE_GLUED};
	rx_autocode_params uncal = *params;
	calib_point *pts = xmalloc(sizeof(calib_point) * (size_t) ndev * 5);
	double		w[CALIB_K];
	int			i,
				k,
				n = 0;
	rx_error	err;

	uncal.calib_a = uncal.calib_c = 1;
	uncal.calib_b = uncal.calib_typo = uncal.calib_split = 0;
	if (rx_autocode_index_set_params(ix, &uncal, &err) != RX_OK)
		die("bad parameters", err.detail);
	for (k = 0; k < 5; k++)
	{
		evaluate(ix, sc, NULL, dev, ndev, fit_slices[k], opt, r);
		for (i = 0; i < ndev; i++)
			if (r->o[i].in && r->o[i].answered)
			{
				pts[n].p = r->o[i].score;
				pts[n].read_typo = r->o[i].read_typo;
				pts[n].read_split = r->o[i].read_split;
				pts[n++].right = r->o[i].ok1[0];
			}
	}
	fit_calibration(pts, n, w);
	params->calib_a = w[0];
	params->calib_c = w[1];
	params->calib_b = w[2];
	params->calib_typo = w[3];
	params->calib_split = w[4];
	printf("fitted calibration on %d answers: --set calib_a=%.4f --set calib_b=%.4f --set calib_c=%.4f"
		   " --set calib_typo=%.4f --set calib_split=%.4f\n", n, params->calib_a, params->calib_b, params->calib_c,
		   params->calib_typo, params->calib_split);
	if (rx_autocode_index_set_params(ix, params, &err) != RX_OK)
		die("bad parameters", err.detail);
	free(pts);
}

/*
 * --dump-slices: every held-out title's variant in every slice as CSV
 * (slice, half, the lower-cased title, the variant), for eval.sql.
 */
static void
dump_slices(const char *path, const devtitle *dev, int ndev)
{
	FILE	   *f = fopen(path, "w");
	char		q[2048];
	int			s,
				i;

	if (f == NULL)
		die("cannot write", path);
	for (s = 0; s < SLICES; s++)
		for (i = 0; i < ndev; i++)
		{
			const char *c;

			if (!slice_variant(s, dev[i].title, dev[i].lower, q, sizeof(q)))
				continue;
			fprintf(f, "%s,%s,\"", slice_names[s], dev[i].test_half ? "test" : "tune");
			for (c = dev[i].lower; *c; c++)
				fprintf(f, *c == '"' ? "\"\"" : "%c", *c);
			fprintf(f, "\",\"");
			for (c = q; *c; c++)
				fprintf(f, *c == '"' ? "\"\"" : "%c", *c);
			fprintf(f, "\"\n");
		}
	fclose(f);
}

/*
 * --compare SLICE: for every title of the slice, its top-1 score and
 * correctness clean and in the slice, the title and its variant (TSV).
 */
static void
print_compare(const slice_run *runs, const devtitle *dev, int ndev, int s)
{
	char		q[2048];
	int			i;

	for (i = 0; i < ndev; i++)
		if (runs[s].o[i].in)
		{
			slice_variant(s, dev[i].title, dev[i].lower, q, sizeof(q));
			printf("compare\t%.3f\t%d\t%.3f\t%d\t%d\t%s\t%s\n", runs[SLICE_CLEAN].o[i].score,
				   runs[SLICE_CLEAN].o[i].ok1[0], runs[s].o[i].score, runs[s].o[i].ok1[0], runs[s].o[i].ok1[3],
				   dev[i].title, q);
		}
}

/* --trgm-sample: the pg_trgm answers of n clean titles, to compare with eval.sql's. */
static void
print_trgm_sample(trgm_index *tx, const devtitle *dev, int ndev, int n)
{
	int			i;

	for (i = 0; i < ndev && i < n; i++)
	{
		int32_t		tc[K];
		double		ts[K];
		bool		review;
		int			nt = trgm_code(tx, dev[i].title, tc, ts, &review),
					r;

		printf("trgm\t%s", dev[i].lower);
		for (r = 0; r < nt; r++)
			printf("\t%02d-%04d.%02d %.4f", tc[r] / 1000000, tc[r] / 100 % 10000, tc[r] % 100, ts[r]);
		printf("\t%s\n", review ? "review" : "ok");
	}
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
	trgm_index *tx = NULL;
	slice_run	runs[SLICES];
	struct timespec t0,
				t1;
	double		build,
				change;
	int			nrows,
				nocc,
				ndev = 0,
				s;

	parse_args(argc, argv, &o);
	load_soc(o.dir);
	rows = load_titles(o.dir, tune_split, &nrows);
	occ = load_occupations(o.dir, &nocc);
	qsort(rows, (size_t) nrows, sizeof(row), row_cmp);
	dev = held_out(rows, nrows, occ, nocc, o.half, &ndev);
	dump_files(&o, rows, nrows, occ, nocc, dev, ndev);
	if (o.dump_slices != NULL)
	{
		dump_slices(o.dump_slices, dev, ndev);
		return 0;
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	o.d.dir = o.dir;
	ix = build_index(&o.d, rows, nrows, occ, nocc);
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
	if (!o.no_trgm || o.trgm_sample > 0)
		tx = trgm_build(trgm_titles, trgm_codes, ntrgm);
	if (o.trgm_sample > 0)
	{
		print_trgm_sample(tx, dev, ndev, o.trgm_sample);
		return 0;
	}
	for (s = 0; s < SLICES; s++)
	{
		runs[s].o = xmalloc(sizeof(outcome) * (size_t) (ndev > 0 ? ndev : 1));
		runs[s].n = 0;
	}
	if (o.fit)
		fit_and_set(ix, sc, dev, ndev, &o, &o.d.params, &runs[SLICE_CLEAN]);
	for (s = 0; s < SLICES; s++)
		if (s == SLICE_CLEAN || (s == SLICE_MESSY ? !o.no_messy : !o.no_slices))
			evaluate(ix, sc, tx, dev, ndev, s, &o, &runs[s]);
		else
			memset(runs[s].o, 0, sizeof(outcome) * (size_t) ndev);
	change = o.no_change ? 0 : measure_change(ix, sc);
	if (o.compare > 0)
		print_compare(runs, dev, ndev, o.compare);

	if (!o.quiet)
	{
		print_machine();
		printf("split: %d alternate-title rows, %d distinct titles held out (md5 < 33333333), half: %s\n",
			   nrows, ndev, o.half == 0 ? "all" : o.half == 1 ? "tune (9th md5 digit 0-7)" : "test (9th md5 digit 8-f)");
		printf("dictionary: %u entries (%u titles, %u descriptions) over %u codes, %.1f MB,"
			   " built in %.0f ms (normalization included)\n",
			   rx_autocode_index_size(ix), rx_autocode_index_count(ix, RX_AUTOCODE_TITLE),
			   rx_autocode_index_count(ix, RX_AUTOCODE_DESCRIPTION),
			   rx_autocode_index_codes(ix), rx_autocode_index_bytes(ix) / 1048576.0, build * 1000);
		printf("one change (add a title, code it with statistics refreshed, remove it): %.2f ms\n", change);
		report_slice("clean held-out titles", &runs[SLICE_CLEAN], dev, ndev, o.calibrate);
		if (!o.no_messy)
			report_slice("messy HRIS variants of the same titles", &runs[SLICE_MESSY], dev, ndev, o.calibrate);
		report_slices(runs, dev, ndev, o.calibrate);
	}
	else
		report_quiet(runs, ndev);
	rx_autocode_scratch_free(sc);
	rx_autocode_index_free(ix);
	return 0;
}
