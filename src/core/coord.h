/*
 * coord.h — the rolecoord structural coordinate: a taxonomy path and a grade.
 *
 * A coordinate is written PATH@GRADE, e.g. TECH.DEI.GEN@1 or TECH.DEI.GEN@2.5:
 * the role's taxonomy chain, superfunction first, and its grade on the
 * cross-track level scale (any finite number; -0 is stored as 0).  The path
 * is a role code (core/rolecode.h parses, orders and measures it: 1–8
 * dot-separated labels of A–Z, 0–9 and _, case-insensitive in, upper case
 * out).
 *
 * The adjacency distance of two coordinates a and b is
 *
 *     d     = w·d_tax + (1 − w)·d_lvl
 *     d_tax = (max(depth a, depth b) − lcp(a, b)) / max(depth a, depth b)
 *     d_lvl = min(1, |grade a − grade b| / span)
 *
 * where lcp is the number of leading labels the two paths share, w is in
 * [0, 1] and span > 0 (the operator <-> uses w = 0.5, span = 4).  d is in
 * [0, 1], symmetric, and exactly 0 for equal coordinates.
 *
 * Stored form (the bytes after PostgreSQL's varlena header; on disk and in
 * GiST index pages, it must never change):
 *
 *   point  [0] RCO_KIND_POINT  [1] depth  [2..9] grade (float8, native order)
 *          [10..] path (canonical text, no NUL)
 *   box    [0] RCO_KIND_BOX  [1] min depth  [2] max depth  [3] n = bytes of
 *          the first path  [4..11] lowest grade  [12..19] highest grade
 *          [20..20+n) first path  [20+n..] last path
 *
 * A box is the GiST union key of a set of points: the first and the last of
 * their paths in coordinate order (every member's path lies between them,
 * and the labels all members share are the labels those two share), the
 * range of their depths and the range of their grades.  It only ever lives
 * in internal index pages.
 */
#ifndef RCO_COORD_H
#define RCO_COORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rolecode.h"
#include "rx_error.h"

#define RCO_GRADE_MAX	32		/* text of a grade, with its NUL */
#define RCO_TEXT_MAX	(RC_TEXT_MAX + 1 + RCO_GRADE_MAX)	/* PATH@GRADE, NUL */
#define RCO_BOX_TEXT_MAX	(2 * RC_TEXT_MAX + 2 * RCO_GRADE_MAX + 40)

#define RCO_KIND_POINT	1
#define RCO_KIND_BOX	2
#define RCO_POINT_HDR	10		/* stored bytes of a point before its path */
#define RCO_BOX_HDR		20		/* stored bytes of a box before its paths */

/* Default weight of the taxonomy term and span of the level term (<->). */
#define RCO_DEFAULT_WEIGHT	0.5
#define RCO_DEFAULT_SPAN	4.0

/* A coordinate: a view of a canonical path (not NUL-terminated) and a grade. */
typedef struct rco_point
{
	const char *path;
	size_t		len;			/* bytes of path, 1..RC_TEXT_MAX */
	int			depth;			/* labels, 1..RC_LABELS_MAX */
	double		grade;			/* finite, never -0 */
} rco_point;

/* A GiST union key: path range, depth range, grade range (see above). */
typedef struct rco_box
{
	const char *first;			/* the lowest member path, canonical text */
	size_t		first_len;
	const char *last;			/* the highest member path */
	size_t		last_len;
	int			min_depth;		/* shallowest member, >= 1 */
	int			max_depth;		/* deepest member */
	double		lo;				/* lowest grade of a member */
	double		hi;				/* highest grade of a member */
} rco_box;

/* The three match bands, in order. */
typedef enum rco_band
{
	RCO_BAND_STRONG = 0,
	RCO_BAND_PARTIAL = 1,
	RCO_BAND_WEAK = 2
} rco_band;

/* Parse a grade (trimmed): a finite decimal number; -0 becomes 0. */
rx_status	rco_parse_grade(const char *s, size_t len, double *out, rx_error *err);

/*
 * Parse a coordinate literal PATH@GRADE (trimmed, case-insensitive).  The
 * path is parsed as a role code into *path, and out->path points into it.
 */
rx_status	rco_parse(const char *s, size_t len, rc_code *path, rco_point *out,
					  rx_error *err);

/* The point of a canonical path (a role code) and a checked grade. */
void		rco_point_of(const char *path, size_t len, uint8_t info, double grade,
						 rco_point *out);

/* Check a grade given as a number (finite); -0 becomes 0.  RX_ARGUMENT. */
rx_status	rco_check_grade(double g, double *out, rx_error *err);

/*
 * Write the shortest decimal text that reads back as exactly g, laid out as
 * PostgreSQL writes float8 (fixed notation for exponents -4..14, else
 * d.ddde±XX), with a NUL, into buf (RCO_GRADE_MAX); returns its length.
 */
size_t		rco_format_grade(double g, char *buf);

/* Write PATH@GRADE with a NUL into buf (RCO_TEXT_MAX); returns its length. */
size_t		rco_format(const rco_point *p, char *buf);

/* The number of leading labels two canonical paths share (0 if either is empty). */
int			rco_lcp(const char *a, size_t alen, const char *b, size_t blen);

/* Order of coordinates: path (rc_compare: label by label), then grade. */
int			rco_compare(const rco_point *a, const rco_point *b);

/* Check a taxonomy weight (in [0, 1]) and a level span (finite, > 0). */
rx_status	rco_check_weights(double weight, double span, rx_error *err);

/* The distance of two coordinates under checked weights (see above). */
double		rco_distance(const rco_point *a, const rco_point *b, double weight,
						 double span);

/*
 * Check band thresholds: both in [0, 1] and strong_below <= partial_below
 * (equal thresholds leave no partial band).  NaN fails.  RX_ARGUMENT.
 */
rx_status	rco_check_bands(double strong_below, double partial_below,
							rx_error *err);

/* Check that d is a distance: a number in [0, 1] (NaN fails).  RX_ARGUMENT. */
rx_status	rco_check_distance(double d, rx_error *err);

/*
 * The band of a checked distance: strong below strong_below, partial below
 * partial_below, else weak.
 */
rco_band	rco_band_of(double d, double strong_below, double partial_below);

/* Stored size of a point / box. */
size_t		rco_point_size(const rco_point *p);
size_t		rco_box_size(const rco_box *b);

/* Write the stored form of a point / box into buf (rco_*_size bytes). */
void		rco_encode_point(const rco_point *p, unsigned char *buf);
void		rco_encode_box(const rco_box *b, unsigned char *buf);

/* The kind byte of a stored value (0 when there are no bytes). */
int			rco_kind(const unsigned char *buf, size_t n);

/*
 * Read a stored point / box: a view into buf.  Returns false (and leaves
 * out alone) when the bytes are not a well-formed value of that kind.
 */
bool		rco_decode_point(const unsigned char *buf, size_t n, rco_point *out);
bool		rco_decode_box(const unsigned char *buf, size_t n, rco_box *out);

/* The box of one point. */
void		rco_box_of_point(const rco_point *p, rco_box *out);

/*
 * The smallest box holding a and b; out's paths point into a's or b's, so
 * out lives no longer than they do.
 */
void		rco_box_union(const rco_box *a, const rco_box *b, rco_box *out);

/* Could box b hold point p?  (GiST equality search.) */
bool		rco_box_may_hold(const rco_box *b, const rco_point *p);

/*
 * A lower bound of the distance from q to every point in box b, under
 * checked weights: never more than rco_distance(q, x) for any member x
 * (the proof is at the definition).
 */
double		rco_box_lower_bound(const rco_box *b, const rco_point *q,
								double weight, double span);

/* GiST insertion cost of adding box add to box orig (>= 0). */
double		rco_box_penalty(const rco_box *orig, const rco_box *add);

/* Order of boxes for splitting: first path, lo, last path, hi. */
int			rco_box_compare(const rco_box *a, const rco_box *b);

/*
 * Write a box as text for diagnostics,
 * "(TECH.DEI.GEN .. TECH.DEI.SRE, depth 3-4, grade 1-11)",
 * with a NUL, into buf (RCO_BOX_TEXT_MAX); returns its length.  Boxes are
 * GiST-internal: no input accepts this text.
 */
size_t		rco_format_box(const rco_box *b, char *buf);

#endif							/* RCO_COORD_H */
