/*
 * coord.h — the rolecoord structural coordinate: a taxonomy path and a grade.
 *
 * A coordinate is written PATH@GRADE, e.g. TECH.DEI.GEN@1 or TECH.DEI.GEN@2.5:
 * the role's taxonomy chain, superfunction first, and its grade on the
 * cross-track level scale (any finite number; -0 is stored as 0).  The path
 * is a role code (core/code.h parses, orders and measures it: 1–8
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
 *   point  [0] RX_COORD_KIND_POINT  [1] depth  [2..9] grade (float8, native order)
 *          [10..] path (canonical text, no NUL)
 *   box    [0] RX_COORD_KIND_BOX  [1] min depth  [2] max depth  [3] n = bytes of
 *          the first path  [4..11] lowest grade  [12..19] highest grade
 *          [20..20+n) first path  [20+n..] last path
 *
 * A box is the GiST union key of a set of points: the first and the last of
 * their paths in coordinate order (every member's path lies between them,
 * and the labels all members share are the labels those two share), the
 * range of their depths and the range of their grades.  It only ever lives
 * in internal index pages.
 */
#ifndef RX_COORD_H
#define RX_COORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "code.h"
#include "rx_error.h"

#define RX_COORD_GRADE_MAX	32		/* text of a grade, with its NUL */
#define RX_COORD_TEXT_MAX	(RX_CODE_TEXT_MAX + 1 + RX_COORD_GRADE_MAX)	/* PATH@GRADE, NUL */
#define RX_COORD_BOX_TEXT_MAX	(2 * RX_CODE_TEXT_MAX + 2 * RX_COORD_GRADE_MAX + 40)

#define RX_COORD_KIND_POINT	1
#define RX_COORD_KIND_BOX	2
#define RX_COORD_POINT_HDR	10		/* stored bytes of a point before its path */
#define RX_COORD_BOX_HDR		20		/* stored bytes of a box before its paths */

/* Default weight of the taxonomy term and span of the level term (<->). */
#define RX_COORD_DEFAULT_WEIGHT	0.5
#define RX_COORD_DEFAULT_SPAN	4.0

/* A coordinate: a view of a canonical path (not NUL-terminated) and a grade. */
typedef struct rx_coord_point
{
	const char *path;
	size_t		len;			/* bytes of path, 1..RX_CODE_TEXT_MAX */
	int			depth;			/* labels, 1..RX_CODE_LABELS_MAX */
	double		grade;			/* finite, never -0 */
} rx_coord_point;

/* A GiST union key: path range, depth range, grade range (see above). */
typedef struct rx_coord_box
{
	const char *first;			/* the lowest member path, canonical text */
	size_t		first_len;
	const char *last;			/* the highest member path */
	size_t		last_len;
	int			min_depth;		/* shallowest member, >= 1 */
	int			max_depth;		/* deepest member */
	double		lo;				/* lowest grade of a member */
	double		hi;				/* highest grade of a member */
} rx_coord_box;

/* The three match bands, in order. */
typedef enum rx_coord_band
{
	RX_COORD_BAND_STRONG = 0,
	RX_COORD_BAND_PARTIAL = 1,
	RX_COORD_BAND_WEAK = 2
} rx_coord_band;

/* Parse a grade (trimmed): a finite decimal number; -0 becomes 0. */
rx_status	rx_coord_parse_grade(const char *s, size_t len, double *out, rx_error *err);

/*
 * Parse a coordinate literal PATH@GRADE (trimmed, case-insensitive).  The
 * path is parsed as a role code into *path, and out->path points into it.
 */
rx_status	rx_coord_parse(const char *s, size_t len, rx_code *path, rx_coord_point *out,
					  rx_error *err);

/* The point of a canonical path (a role code) and a checked grade. */
void		rx_coord_point_of(const char *path, size_t len, uint8_t info, double grade,
						 rx_coord_point *out);

/* Check a grade given as a number (finite); -0 becomes 0.  RX_ARGUMENT. */
rx_status	rx_coord_check_grade(double g, double *out, rx_error *err);

/*
 * Write the shortest decimal text that reads back as exactly g, laid out as
 * PostgreSQL writes float8 (fixed notation for exponents -4..14, else
 * d.ddde±XX), with a NUL, into buf (RX_COORD_GRADE_MAX); returns its length.
 */
size_t		rx_coord_format_grade(double g, char *buf);

/* Write PATH@GRADE with a NUL into buf (RX_COORD_TEXT_MAX); returns its length. */
size_t		rx_coord_format(const rx_coord_point *p, char *buf);

/* The number of leading labels two canonical paths share (0 if either is empty). */
int			rx_coord_lcp(const char *a, size_t alen, const char *b, size_t blen);

/* Order of coordinates: path (rx_code_compare: label by label), then grade. */
int			rx_coord_compare(const rx_coord_point *a, const rx_coord_point *b);

/* Check a taxonomy weight (in [0, 1]) and a level span (finite, > 0). */
rx_status	rx_coord_check_weights(double weight, double span, rx_error *err);

/* The distance of two coordinates under checked weights (see above). */
double		rx_coord_distance(const rx_coord_point *a, const rx_coord_point *b, double weight,
						 double span);

/*
 * Check band thresholds: both in [0, 1] and strong_below <= partial_below
 * (equal thresholds leave no partial band).  NaN fails.  RX_ARGUMENT.
 */
rx_status	rx_coord_check_bands(double strong_below, double partial_below,
							rx_error *err);

/* Check that d is a distance: a number in [0, 1] (NaN fails).  RX_ARGUMENT. */
rx_status	rx_coord_check_distance(double d, rx_error *err);

/*
 * The band of a checked distance: strong below strong_below, partial below
 * partial_below, else weak.
 */
rx_coord_band	rx_coord_band_of(double d, double strong_below, double partial_below);

/* Stored size of a point / box. */
size_t		rx_coord_point_size(const rx_coord_point *p);
size_t		rx_coord_box_size(const rx_coord_box *b);

/* Write the stored form of a point / box into buf (rco_*_size bytes). */
void		rx_coord_encode_point(const rx_coord_point *p, unsigned char *buf);
void		rx_coord_encode_box(const rx_coord_box *b, unsigned char *buf);

/* The kind byte of a stored value (0 when there are no bytes). */
int			rx_coord_kind(const unsigned char *buf, size_t n);

/*
 * Read a stored point / box: a view into buf.  Returns false (and leaves
 * out alone) when the bytes are not a well-formed value of that kind.
 */
bool		rx_coord_decode_point(const unsigned char *buf, size_t n, rx_coord_point *out);
bool		rx_coord_decode_box(const unsigned char *buf, size_t n, rx_coord_box *out);

/* The box of one point. */
void		rx_coord_box_of_point(const rx_coord_point *p, rx_coord_box *out);

/*
 * The smallest box holding a and b; out's paths point into a's or b's, so
 * out lives no longer than they do.
 */
void		rx_coord_box_union(const rx_coord_box *a, const rx_coord_box *b, rx_coord_box *out);

/* Could box b hold point p?  (GiST equality search.) */
bool		rx_coord_box_may_hold(const rx_coord_box *b, const rx_coord_point *p);

/*
 * A lower bound of the distance from q to every point in box b, under
 * checked weights: never more than rx_coord_distance(q, x) for any member x
 * (the proof is at the definition).
 */
double		rx_coord_box_lower_bound(const rx_coord_box *b, const rx_coord_point *q,
								double weight, double span);

/* GiST insertion cost of adding box add to box orig (>= 0). */
double		rx_coord_box_penalty(const rx_coord_box *orig, const rx_coord_box *add);

/* Order of boxes for splitting: first path, lo, last path, hi. */
int			rx_coord_box_compare(const rx_coord_box *a, const rx_coord_box *b);

/*
 * Write a box as text for diagnostics,
 * "(TECH.DEI.GEN .. TECH.DEI.SRE, depth 3-4, grade 1-11)",
 * with a NUL, into buf (RX_COORD_BOX_TEXT_MAX); returns its length.  Boxes are
 * GiST-internal: no input accepts this text.
 */
size_t		rx_coord_format_box(const rx_coord_box *b, char *buf);

#endif							/* RX_COORD_H */
