/*
 * content.h — similarity by occupation content (doc/content.md).
 *
 * Occupations are sparse vectors of length 1 over numbered features
 * (sql/80_onet_content.sql, built by tools/gen_onet_content.pl); their dot
 * product is their cosine similarity.  Roles are compared by two parts:
 *
 *   - the occupation part: the weighted mix of the role's occupations (its
 *     effective SOC / O*NET-SOC mappings), compared through the occupations'
 *     similarity matrix S;
 *   - the component part: the set of the role's components, each weighted
 *     by its IDF over the roles of the taxonomy.
 *
 * Each part is a unit vector; a role's vector is the two parts scaled by
 * sqrt(alpha) and sqrt(1 - alpha), and then to length 1, so a role with one
 * part only is compared by that part alone.  Plain C: no PostgreSQL headers,
 * no allocation; the caller passes every buffer.
 */
#ifndef RX_CONTENT_H
#define RX_CONTENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The share of the occupation part in a role's vector. */
#define RX_CONTENT_ALPHA 0.5

/* A scored item: an occupation or a role, by index. */
typedef struct rx_content_hit
{
	double		score;
	int32_t		id;
} rx_content_hit;

/* The best k items seen, in a heap; ties go to the lower id. */
typedef struct rx_content_topk
{
	rx_content_hit *hits;		/* k slots, owned by the caller */
	int			k;
	int			n;
} rx_content_topk;

/* A matrix of sparse rows: row i has start[i+1] - start[i] entries. */
typedef struct rx_content_matrix
{
	int32_t		nrows;
	int32_t		ncols;			/* feature numbers are 0 .. ncols - 1 */
	const int64_t *start;		/* nrows + 1 */
	const int32_t *col;			/* ascending within a row */
	const float *val;
} rx_content_matrix;

/*
 * A role index: n roles with their occupations (indexes into S, nocc x nocc,
 * S[i][i] = 1) and their components (numbered 0 .. ncomp - 1, ascending per
 * role), the components' postings (the roles that have each), the IDF
 * weight of each component and the per-role norms filled by
 * rx_content_roles_prepare.
 */
typedef struct rx_content_roles
{
	int32_t		nroles;
	int32_t		nocc;
	const float *S;
	const int64_t *occ_start;	/* nroles + 1 */
	const int32_t *occ;
	const float *occ_w;
	const int64_t *comp_start;	/* nroles + 1 */
	const int32_t *comp;
	int32_t		ncomp;
	const int64_t *post_start;	/* ncomp + 1 */
	const int32_t *post;		/* roles, ascending per component */
	const float *comp_w;		/* ncomp: IDF of each component */
	double	   *occ_norm;		/* nroles: length of the occupation mix, 0 if none */
	double	   *comp_norm;		/* nroles: length of the component set, 0 if none */
	double		alpha;
} rx_content_roles;

extern double rx_content_dot(const int32_t *ta, const float *wa, size_t na,
							 const int32_t *tb, const float *wb, size_t nb);
extern bool rx_content_ascending(const int32_t *t, size_t n);

extern void rx_content_topk_init(rx_content_topk *t, rx_content_hit *buf, int k);
extern void rx_content_topk_add(rx_content_topk *t, double score, int32_t id);
extern int	rx_content_topk_finish(rx_content_topk *t);

extern void rx_content_transpose(const rx_content_matrix *m, int64_t *tstart,
								 int32_t *trow, float *tval);
extern void rx_content_gram_row(const rx_content_matrix *m, const int64_t *tstart,
								const int32_t *trow, const float *tval,
								int32_t i, float *out);

extern void rx_content_roles_prepare(rx_content_roles *ix);
extern double rx_content_role_similarity(const rx_content_roles *ix, int32_t a,
										 int32_t b, double *row);
extern int	rx_content_role_neighbours(const rx_content_roles *ix, int32_t r,
									   const bool *eligible, int k, double *row,
									   double *acc, rx_content_hit *out);

#endif							/* RX_CONTENT_H */
