/*
 * eval_report.h — what the offline evaluation knows about each coded
 * title and how it reports (eval_report.c): the outcome of soc_autocode
 * and of the plain pg_trgm approach on one title of one slice, the
 * figures of a slice, calibration (reliability table, expected calibration
 * error) and the Platt fit.
 */
#ifndef EVAL_REPORT_H
#define EVAL_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#define K			5
#define LEVELS		4
#define BINS		10

/* One held-out title and the codes it is listed under. */
typedef struct devtitle
{
	const char *title;
	const char *lower;
	int32_t    *codes;
	int			ncodes;
	bool		official;		/* equals an O*NET-SOC occupation title */
	bool		test_half;		/* in the half kept for the final report */
} devtitle;

/* What coding one title of one slice gave, by soc_autocode and by pg_trgm. */
typedef struct outcome
{
	bool		in;				/* the title is in the slice */
	bool		ok1[LEVELS];	/* soc_autocode: top-1 right at each level */
	bool		ok5[LEVELS];
	bool		covered;		/* not needs_review */
	bool		exact;			/* an exact (normalized) dictionary match */
	bool		answered;
	double		score;			/* top-1 confidence, 0 without an answer */
	double		read_typo;		/* shares of the title's words read as a typo, as run-together words */
	double		read_split;
	bool		t_ok1[LEVELS];	/* pg_trgm */
	bool		t_ok5[LEVELS];
	bool		t_covered;
} outcome;

/* The outcomes of one slice and its timing. */
typedef struct slice_run
{
	outcome    *o;				/* per held-out title */
	int			n;				/* titles in the slice */
	double		seconds;		/* wall time of soc_autocode over the slice */
	double		query_seconds;	/* CPU time inside rx_autocode_code_title */
	bool		trgm;			/* pg_trgm outcomes were computed */
} slice_run;

extern const char *const level_names[LEVELS];

/* Does any code of a held-out title share pred's group at a level? */
bool		hit_at(const devtitle *d, int32_t pred, int level);

/* Percentage of a in b. */
double		pct(int a, int b);

/* The classic report of one slice (accuracy at every level, coverage, unseen, calibration bins). */
void		report_slice(const char *name, const slice_run *r, const devtitle *dev, int ndev, bool calibration);

/*
 * The table of every slice: soc_autocode on the slice, on the clean
 * titles of the same subset, pg_trgm on both, who is right alone, and the
 * expected calibration error; then, with reliability, each slice's
 * reliability table.
 */
void		report_slices(const slice_run *runs, const devtitle *dev, int ndev, bool reliability);

/* One line of figures for tuning: clean, and the worst and mean of the style slices. */
void		report_quiet(const slice_run *runs, int ndev);

/* One answer for fitting the calibration: its probability, its guessed words, whether it was right. */
typedef struct calib_point
{
	double		p;
	double		read_typo;
	double		read_split;
	int			right;
} calib_point;

#define CALIB_K		5			/* a, c, b, typo, split */

/*
 * Fit confidence = logistic(a ln p - c ln(1 - p) + b + typo r_typo + split
 * r_split) to the correctness of n answers; w gets a, c, b, typo, split.
 */
void		fit_calibration(const calib_point *pts, int n, double w[CALIB_K]);

#endif							/* EVAL_REPORT_H */
