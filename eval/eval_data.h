/*
 * eval_data.h — what the offline evaluation reads (eval_data.c): the
 * O*NET alternate titles with their split, the occupations, the SOC 2018
 * hierarchy; small helpers that die on failure; the messy HRIS variants
 * of a title (eval_messy.c) and its style slices (eval_slices.c); the
 * plain pg_trgm approach (eval_trgm.c).
 */
#ifndef EVAL_DATA_H
#define EVAL_DATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SOC6_MAX	1000000

/* One row of the alternate titles. */
typedef struct row
{
	int32_t		code;			/* O*NET-SOC as 8 digits */
	char	   *title;
	char	   *lower;
	bool		dev;			/* held out: coded, never in the dictionary */
	bool		tune;			/* in the tuning split (md5 in [33333333, 66666666)) */
	bool		test_half;		/* a development title of the test half (9th md5 digit 8-f) */
} row;

/* One O*NET-SOC occupation. */
typedef struct occupation
{
	int32_t		code;
	char	   *title;
	char	   *desc;
} occupation;

/* Parents of each detailed SOC code (6 digits as an int), 0 when unknown (load_soc). */
extern char **soc_group_title;	/* title of each SOC group (6 digits), NULL if none */
extern int32_t *soc_broad,
		   *soc_minor,
		   *soc_major;

/* Print a message and exit with status 2. */
void		die(const char *msg, const char *arg);

/* malloc, or die. */
void	   *xmalloc(size_t n);

/* A copy of s[0..n) with a NUL. */
char	   *xstrndup(const char *s, size_t n);

/* The whole of file dir/name, NUL-terminated, or die. */
char	   *slurp(const char *dir, const char *name);

/* Split a line at tabs into at most max fields; returns how many. */
int			split_tabs(char *line, char **fields, int max);

/* An O*NET-SOC (8 digits, onet) or SOC (6 digits) code as an int, -1 when malformed. */
int32_t		parse_code(const char *s, bool onet);

/* Read soc2018/soc2018_all.csv into the parent arrays above. */
void		load_soc(const char *dir);

/* The group of an O*NET-SOC code at a level (0 detailed … 3 major). */
int32_t		group_of(int32_t onet, int level);

/* A lower-cased copy of s. */
char	   *lower_dup(const char *s);

/* Read the alternate titles with their split (tune: hold out the tuning split too); returns the rows. */
row		   *load_titles(const char *dir, bool tune, int *nrows);

/* Read the O*NET-SOC occupations with their descriptions. */
occupation *load_occupations(const char *dir, int *nocc);

/* Order rows by lower-cased title, then code (qsort). */
int			row_cmp(const void *a, const void *b);

/*
 * A messy HRIS variant of a title, deterministic per title (its
 * lower-cased form): abbreviations, a level word, noise, a changed case.
 */
void		messy(const char *title, const char *lower, char *out, size_t cap);

/* The slices: the clean titles, the messy variants, and one slice per style. */
enum
{
	SLICE_CLEAN = 0,
	SLICE_MESSY,
	SLICE_INVERTED,				/* "Engineer, Software", "Teacher meteorology" */
	SLICE_QUALIFIER,			/* "Cook, n.e.c.", "Cleaner exc. private household" */
	SLICE_TRUNCATED,			/* cut at 30 characters */
	SLICE_TYPO,					/* one typo in one word */
	SLICE_GLUED,				/* "Sr.SoftwareEng" */
	SLICE_UPPER_REQ,			/* "SOFTWARE ENGINEER - REQ#48213" */
	SLICES
};

extern const char *const slice_names[SLICES];

/*
 * The variant of a title in a slice, deterministic per title and slice,
 * into out; false when the style cannot change the title (it is then not
 * in the slice).
 */
bool		slice_variant(int slice, const char *title, const char *lower, char *out, size_t cap);

/* The plain pg_trgm approach over a dictionary of titles (eval_trgm.c). */
typedef struct trgm_index trgm_index;

/* pg_trgm's distinct trigrams of s as sorted 24-bit keys; returns how many (at most max). */
int			trgm_of(const char *s, uint32_t *keys, int max);

/* pg_trgm's similarity of two texts. */
double		trgm_similarity(const char *a, const char *b);

/* The trigram index of n titles with their codes. */
trgm_index *trgm_build(const char *const *titles, const int32_t *codes, int n);

/*
 * Code q as eval.sql's pg_trgm approach does: up to 5 codes with their
 * similarity, best first, and the review flag of its rule; returns how many.
 */
int			trgm_code(trgm_index *t, const char *q, int32_t *codes, double *scores, bool *needs_review);

#endif							/* EVAL_DATA_H */
