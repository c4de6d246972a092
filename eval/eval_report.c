/*
 * eval_report.c — the figures of the offline evaluation (see
 * eval_report.h): accuracy at each SOC level, coverage, the slices side
 * by side with the clean titles and with pg_trgm, calibration, and the
 * beta calibration fit of the confidence.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "eval_data.h"
#include "eval_report.h"

const char *const level_names[LEVELS] = {"detailed", "broad", "minor", "major"};

/* Does any code of a held-out title share pred's group at a level? */
bool
hit_at(const devtitle *d, int32_t pred, int level)
{
	int32_t		g = group_of(pred, level);
	int			i;

	for (i = 0; i < d->ncodes; i++)
		if (group_of(d->codes[i], level) == g && g > 0)
			return true;
	return false;
}

/* Percentage of a in b. */
double
pct(int a, int b)
{
	return b > 0 ? 100.0 * a / b : 0;
}

/* The calibration of a slice's top-1 answers. */
typedef struct calib
{
	int			n[BINS];
	int			ok[BINS];
	double		conf[BINS];
	double		ece;			/* expected calibration error */
	double		worst;			/* largest |share right - mean score| of a bin of 50 answers or more */
	double		logloss;
} calib;

/* The reliability of the answers of a run (titles with an answer). */
static calib
calibration_of(const slice_run *r, int ndev)
{
	calib		c;
	int			i,
				b,
				total = 0;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < ndev; i++)
	{
		const outcome *o = &r->o[i];
		double		s = o->score < 1e-6 ? 1e-6 : (o->score > 1 - 1e-6 ? 1 - 1e-6 : o->score);

		if (!o->in)
			continue;
		b = (int) (o->score * BINS);
		b = b < 0 ? 0 : (b >= BINS ? BINS - 1 : b);
		c.n[b]++;
		c.ok[b] += o->ok1[0];
		c.conf[b] += o->score;
		c.logloss -= o->ok1[0] ? log(s) : log(1 - s);
		total++;
	}
	for (b = 0; b < BINS; b++)
		if (c.n[b] > 0)
		{
			double		gap = fabs((double) c.ok[b] / c.n[b] - c.conf[b] / c.n[b]);

			c.ece += gap * c.n[b] / total;
			if (c.n[b] >= 50 && gap > c.worst)
				c.worst = gap;
		}
	c.logloss /= total > 0 ? total : 1;
	return c;
}

/* The classic report of one slice. */
void
report_slice(const char *name, const slice_run *r, const devtitle *dev, int ndev, bool calibration)
{
	int			top1[LEVELS] = {0},
				top5[LEVELS] = {0},
				cov_ok[LEVELS] = {0},
				un1[LEVELS] = {0},
				un5[LEVELS] = {0},
				covered = 0,
				seen = 0,
				unseen = 0,
				off_n = 0,
				off_ok = 0,
				i,
				lv,
				b;
	calib		c = calibration_of(r, ndev);

	for (i = 0; i < ndev; i++)
	{
		const outcome *o = &r->o[i];

		if (!o->in)
			continue;
		for (lv = 0; lv < LEVELS; lv++)
		{
			top1[lv] += o->ok1[lv];
			top5[lv] += o->ok5[lv];
			cov_ok[lv] += o->covered && o->ok1[lv];
			if (!o->exact)
			{
				un1[lv] += o->ok1[lv];
				un5[lv] += o->ok5[lv];
			}
		}
		covered += o->covered;
		seen += o->exact;
		unseen += !o->exact;
		if (dev[i].official)
		{
			off_n++;
			off_ok += o->ok1[0];
		}
	}
	printf("%s (%d titles)\n", name, r->n);
	printf("  %-34s", "");
	for (lv = 0; lv < LEVELS; lv++)
		printf(" %9s", level_names[lv]);
	printf("\n  %-34s", "top-1 accuracy %");
	for (lv = 0; lv < LEVELS; lv++)
		printf(" %9.1f", pct(top1[lv], r->n));
	printf("\n  %-34s", "top-5 accuracy %");
	for (lv = 0; lv < LEVELS; lv++)
		printf(" %9.1f", pct(top5[lv], r->n));
	printf("\n  %-34s", "top-1 within coverage %");
	for (lv = 0; lv < LEVELS; lv++)
		printf(" %9.1f", pct(cov_ok[lv], covered));
	printf("\n  %-34s", "top-1 unseen only %");
	for (lv = 0; lv < LEVELS; lv++)
		printf(" %9.1f", pct(un1[lv], unseen));
	printf("\n  %-34s", "top-5 unseen only %");
	for (lv = 0; lv < LEVELS; lv++)
		printf(" %9.1f", pct(un5[lv], unseen));
	printf("\n  coverage (not needs_review) %.1f%%; seen (normalized title in the dictionary) %.1f%%,"
		   " unseen %d\n", pct(covered, r->n), pct(seen, r->n), unseen);
	if (off_n > 0)
		printf("  equal to an O*NET-SOC occupation title: %d, top-1 detailed among them %.1f%%\n",
			   off_n, pct(off_ok, off_n));
	printf("  %.0f titles/s (normalize + code, one core; %.1f us of CPU a title in rx_autocode_code_title),"
		   " log loss of top-1 confidence %.3f, ECE %.3f\n",
		   r->seconds > 0 ? r->n / r->seconds : 0, 1e6 * r->query_seconds / (r->n > 0 ? r->n : 1),
		   c.logloss, c.ece);
	if (calibration)
	{
		printf("  calibration: confidence bin, titles, mean confidence, top-1 detailed accuracy\n");
		for (b = 0; b < BINS; b++)
			if (c.n[b] > 0)
				printf("    [%.1f, %.1f)  %5d  %.2f  %.2f\n", (double) b / BINS, (double) (b + 1) / BINS,
					   c.n[b], c.conf[b] / c.n[b], (double) c.ok[b] / c.n[b]);
	}
}

/* Counts of one slice against the clean titles of the same subset and against pg_trgm. */
typedef struct slice_counts
{
	int			n,
				top1,
				major,
				top5,
				clean_top1,
				clean_major,
				clean_top5,
				t_top1,
				t_major,
				t_top5,
				t_clean_top1,
				soc_only,
				trgm_only,
				either,
				covered;
} slice_counts;

/* The counts of slice s (runs[0] is the clean run). */
static slice_counts
counts_of(const slice_run *runs, int s, int ndev)
{
	slice_counts k;
	int			i;

	memset(&k, 0, sizeof(k));
	for (i = 0; i < ndev; i++)
	{
		const outcome *o = &runs[s].o[i],
				   *c = &runs[SLICE_CLEAN].o[i];

		if (!o->in)
			continue;
		k.n++;
		k.top1 += o->ok1[0];
		k.major += o->ok1[3];
		k.top5 += o->ok5[0];
		k.clean_top1 += c->ok1[0];
		k.clean_major += c->ok1[3];
		k.clean_top5 += c->ok5[0];
		k.t_top1 += o->t_ok1[0];
		k.t_major += o->t_ok1[3];
		k.t_top5 += o->t_ok5[0];
		k.t_clean_top1 += c->t_ok1[0];
		k.soc_only += o->ok1[0] && !o->t_ok1[0];
		k.trgm_only += !o->ok1[0] && o->t_ok1[0];
		k.either += o->ok1[0] || o->t_ok1[0];
		k.covered += o->covered;
	}
	return k;
}

/* The table of every slice, then (with reliability) each slice's reliability table. */
void
report_slices(const slice_run *runs, const devtitle *dev, int ndev, bool reliability)
{
	int			s,
				b;

	(void) dev;
	printf("\nslices: top-1 detailed %% (major, top-5 detailed) of soc_autocode on the slice, on the clean titles of the\n"
		   "same subset, and of pg_trgm's nearest title; right alone; calibration of soc_autocode's top-1 score\n");
	printf("  %-10s %5s | %-17s %-17s %6s | %-17s %6s %6s | %5s %5s %6s | %5s %5s %5s\n",
		   "slice", "n", "soc_autocode", "clean same", "delta", "pg_trgm", "clean", "lead", "soc", "trgm",
		   "either", "ECE", "worst", "cov");
	for (s = 0; s < SLICES; s++)
	{
		slice_counts k = counts_of(runs, s, ndev);
		calib		c = calibration_of(&runs[s], ndev);

		if (k.n == 0)
			continue;
		printf("  %-10s %5d | %4.1f (%4.1f, %4.1f) %4.1f (%4.1f, %4.1f) %+6.1f | ", slice_names[s], k.n,
			   pct(k.top1, k.n), pct(k.major, k.n), pct(k.top5, k.n),
			   pct(k.clean_top1, k.n), pct(k.clean_major, k.n), pct(k.clean_top5, k.n),
			   pct(k.top1, k.n) - pct(k.clean_top1, k.n));
		if (runs[s].trgm)
			printf("%4.1f (%4.1f, %4.1f) %6.1f %+6.1f | %5.1f %5.1f %6.1f | ",
				   pct(k.t_top1, k.n), pct(k.t_major, k.n), pct(k.t_top5, k.n), pct(k.t_clean_top1, k.n),
				   pct(k.top1, k.n) - pct(k.t_top1, k.n),
				   pct(k.soc_only, k.n), pct(k.trgm_only, k.n), pct(k.either, k.n));
		else
			printf("%-17s %6s %6s | %5s %5s %6s | ", "-", "-", "-", "-", "-", "-");
		printf("%.3f %.3f %5.1f\n", c.ece, c.worst, pct(k.covered, k.n));
	}
	if (!reliability)
		return;
	printf("\nreliability of soc_autocode's top-1 score, by slice: bin: answers, mean score, share right\n");
	for (s = 0; s < SLICES; s++)
	{
		calib		c = calibration_of(&runs[s], ndev);

		if (runs[s].n == 0)
			continue;
		printf("  %-10s", slice_names[s]);
		for (b = 0; b < BINS; b++)
			if (c.n[b] > 0)
				printf(" %.1f: %d %.2f %.2f%s", (double) b / BINS, c.n[b], c.conf[b] / c.n[b],
					   (double) c.ok[b] / c.n[b], b + 1 < BINS ? ";" : "");
		printf("\n");
	}
}

/* One line of figures for tuning: clean, each slice's top-1 detailed, calibration. */
void
report_quiet(const slice_run *runs, int ndev)
{
	slice_counts k = counts_of(runs, SLICE_CLEAN, ndev);
	double		worst_ece = 0,
				worst_gap = 0;
	int			s;

	printf("clean %.1f maj %.1f top5 %.1f |", pct(k.top1, k.n), pct(k.major, k.n), pct(k.top5, k.n));
	for (s = 1; s < SLICES; s++)
	{
		slice_counts ks = counts_of(runs, s, ndev);
		calib		c = calibration_of(&runs[s], ndev);

		if (ks.n == 0)
			continue;
		printf(" %.4s %.1f%s", slice_names[s], pct(ks.top1, ks.n) - pct(ks.clean_top1, ks.n),
			   runs[s].trgm ? "" : "");
		if (runs[s].trgm)
			printf("/%+.1f", pct(ks.top1, ks.n) - pct(ks.t_top1, ks.n));
		if (c.ece > worst_ece)
			worst_ece = c.ece;
		if (c.worst > worst_gap)
			worst_gap = c.worst;
	}
	{
		calib		c = calibration_of(&runs[SLICE_CLEAN], ndev);
		double		qs = 0;
		int			qn = 0;

		for (s = 0; s < SLICES; s++)
		{
			qs += runs[s].query_seconds;
			qn += runs[s].n;
		}
		printf(" | ece %.3f worst %.3f (slices %.3f %.3f) ll %.3f | %.1f us\n", c.ece, c.worst, worst_ece,
			   worst_gap, c.logloss, 1e6 * qs / (qn > 0 ? qn : 1));
	}
}

/* The features of an answer for the calibration: ln p, -ln(1 - p), 1, its typo and run-together shares. */
static void
calib_features(const calib_point *pt, double x[CALIB_K])
{
	double		q = pt->p < 1e-9 ? 1e-9 : (pt->p > 1 - 1e-9 ? 1 - 1e-9 : pt->p);

	x[0] = log(q);
	x[1] = -log(1 - q);
	x[2] = 1;
	x[3] = pt->read_typo;
	x[4] = pt->read_split;
}

/* The log loss of confidence = logistic(w . x) on the n answers. */
static double
calib_loss(const calib_point *pts, int n, const double w[CALIB_K])
{
	double		loss = 0;
	int			i,
				k;

	for (i = 0; i < n; i++)
	{
		double		x[CALIB_K],
					z = 0;

		calib_features(&pts[i], x);
		for (k = 0; k < CALIB_K; k++)
			z += w[k] * x[k];
		/* log(1 + e^-z) or log(1 + e^z), computed without overflow */
		loss += pts[i].right ? (z > 0 ? log1p(exp(-z)) : -z + log1p(exp(z)))
			: (z > 0 ? z + log1p(exp(-z)) : log1p(exp(z)));
	}
	return loss;
}

/* Solve h d = g (CALIB_K unknowns) by Gaussian elimination with pivoting; false when singular. */
static bool
solve(double h[CALIB_K][CALIB_K], double g[CALIB_K], double d[CALIB_K])
{
	int			i,
				j,
				k;

	for (i = 0; i < CALIB_K; i++)
	{
		int			piv = i;

		for (j = i + 1; j < CALIB_K; j++)
			if (fabs(h[j][i]) > fabs(h[piv][i]))
				piv = j;
		if (fabs(h[piv][i]) < 1e-12)
			return false;
		for (k = 0; k < CALIB_K; k++)
		{
			double		t = h[i][k];

			h[i][k] = h[piv][k];
			h[piv][k] = t;
		}
		{
			double		t = g[i];

			g[i] = g[piv];
			g[piv] = t;
		}
		for (j = i + 1; j < CALIB_K; j++)
		{
			double		f = h[j][i] / h[i][i];

			for (k = i; k < CALIB_K; k++)
				h[j][k] -= f * h[i][k];
			g[j] -= f * g[i];
		}
	}
	for (i = CALIB_K - 1; i >= 0; i--)
	{
		d[i] = g[i];
		for (k = i + 1; k < CALIB_K; k++)
			d[i] -= h[i][k] * d[k];
		d[i] /= h[i][i];
	}
	return true;
}

/*
 * Fit confidence = logistic(a ln p - c ln(1 - p) + b + t r_typo + s
 * r_split) (beta calibration with the shares of guessed words) to the
 * correctness of the n answers, by Newton's method on the log loss,
 * halving a step that would make it worse; w gets a, c, b, t, s.  A small
 * ridge keeps the shares' weights finite when no answer has them.
 */
void
fit_calibration(const calib_point *pts, int n, double w[CALIB_K])
{
	int			it,
				i,
				r,
				k;

	w[0] = w[1] = 1;
	w[2] = w[3] = w[4] = 0;
	for (it = 0; it < 60; it++)
	{
		double		g[CALIB_K] = {0},
					h[CALIB_K][CALIB_K] = {{0}},
					d[CALIB_K],
					before = calib_loss(pts, n, w),
					step = 1;
		int			half;

		for (i = 0; i < n; i++)
		{
			double		x[CALIB_K],
						z = 0,
						m;

			calib_features(&pts[i], x);
			for (k = 0; k < CALIB_K; k++)
				z += w[k] * x[k];
			m = 1 / (1 + exp(-z));
			for (r = 0; r < CALIB_K; r++)
			{
				g[r] += (m - pts[i].right) * x[r];
				for (k = 0; k < CALIB_K; k++)
					h[r][k] += m * (1 - m) * x[r] * x[k];
			}
		}
		for (r = 0; r < CALIB_K; r++)
			h[r][r] += 1e-6;
		if (!solve(h, g, d))
			break;
		for (half = 0; half < 40; half++, step /= 2)
		{
			double		t[CALIB_K];

			for (k = 0; k < CALIB_K; k++)
				t[k] = w[k] - step * d[k];
			if (calib_loss(pts, n, t) <= before)
				break;
		}
		for (k = 0; k < CALIB_K; k++)
			w[k] -= step * d[k];
		if (fabs(step * d[0]) + fabs(step * d[1]) + fabs(step * d[2]) + fabs(step * d[3]) +
			fabs(step * d[4]) < 1e-9)
			break;
	}
}
