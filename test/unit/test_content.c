/*
 * test_content.c — unit tests of src/core/content.c: sparse dot products,
 * top-k selection, the Gram matrix through the transpose, and the role
 * index on a toy taxonomy whose similarities are worked out by hand.
 */
#include <math.h>

#include "core/content.h"
#include "unit.h"

UT_SUITE(content)
{
	UT_CASE("dot products of sparse vectors merge on shared features only")
	{
		int32_t		ta[] = {1, 3, 7};
		float		wa[] = {0.5f, 0.5f, 2.0f};
		int32_t		tb[] = {0, 3, 7, 9};
		float		wb[] = {9.0f, 2.0f, 0.25f, 1.0f};

		UT_DBL(rx_content_dot(ta, wa, 3, tb, wb, 4), 1.5, 1e-9);
		UT_DBL(rx_content_dot(ta, wa, 0, tb, wb, 4), 0, 0);
		UT_DBL(rx_content_dot(ta, wa, 3, ta, wa, 3), 4.5, 1e-9);
		UT_CHECK(rx_content_ascending(tb, 4));
		UT_CHECK(rx_content_ascending(tb, 0));
	}
	UT_CASE("features must be non-negative and strictly ascending")
	{
		int32_t		dup[] = {1, 1};
		int32_t		down[] = {2, 1};
		int32_t		neg[] = {-1, 2};

		UT_CHECK(!rx_content_ascending(dup, 2));
		UT_CHECK(!rx_content_ascending(down, 2));
		UT_CHECK(!rx_content_ascending(neg, 2));
	}
	UT_CASE("top-k keeps the best k, best first, ties to the lower id, NaN ignored")
	{
		rx_content_hit buf[3];
		rx_content_topk t;

		rx_content_topk_init(&t, buf, 3);
		rx_content_topk_add(&t, 0.5, 7);
		rx_content_topk_add(&t, 0.9, 2);
		rx_content_topk_add(&t, NAN, 1);
		rx_content_topk_add(&t, 0.5, 4);
		rx_content_topk_add(&t, 0.1, 0);
		rx_content_topk_add(&t, 0.5, 9);
		UT_INT(rx_content_topk_finish(&t), 3);
		UT_INT(buf[0].id, 2);
		UT_INT(buf[1].id, 4);
		UT_INT(buf[2].id, 7);
		rx_content_topk_init(&t, buf, 0);
		rx_content_topk_add(&t, 1, 1);
		UT_INT(rx_content_topk_finish(&t), 0);
	}
	UT_CASE("the Gram matrix through the transpose equals the pairwise dot products")
	{
		int64_t		start[] = {0, 2, 3, 5};
		int32_t		col[] = {0, 2, 1, 0, 1};
		float		val[] = {1, 2, 3, 4, 5};
		rx_content_matrix m = {3, 3, start, col, val};
		int64_t		tstart[4];
		int32_t		trow[5];
		float		tval[5];
		float		row[3];

		rx_content_transpose(&m, tstart, trow, tval);
		UT_INT(tstart[0], 0);
		UT_INT(tstart[1], 2);
		UT_INT(tstart[3], 5);
		rx_content_gram_row(&m, tstart, trow, tval, 0, row);
		UT_DBL(row[0], 5, 1e-6);
		UT_DBL(row[1], 0, 0);
		UT_DBL(row[2], 4, 1e-6);
		rx_content_gram_row(&m, tstart, trow, tval, 2, row);
		UT_DBL(row[1], 15, 1e-6);
		UT_DBL(row[2], 41, 1e-6);
	}
	UT_CASE("roles: occupation and component parts, each counted when both roles have it")
	{
		/* two occupations with similarity 0.5; roles: 0 occ A + comps {0,1}, 1 occ B + comps {1},
		 * 2 comps {0} only, 3 nothing */
		float		S[] = {1, 0.5f, 0.5f, 1};
		int64_t		os[] = {0, 1, 2, 2, 2};
		int32_t		occ[] = {0, 1};
		float		ow[] = {1, 1};
		int64_t		cs[] = {0, 2, 3, 4, 4};
		int32_t		comp[] = {0, 1, 1, 0};
		int64_t		ps[] = {0, 2, 4};
		int32_t		post[] = {0, 2, 0, 1};
		float		cw[] = {1, 1};
		double		on[4],
					cn[4],
					row[2],
					acc[4];
		rx_content_hit hits[4];
		bool		eligible[] = {true, false, true, true};
		rx_content_roles ix = {4, 2, S, os, occ, ow, cs, comp, 2, ps, post, cw, on, cn, RX_CONTENT_ALPHA};

		rx_content_roles_prepare(&ix);
		UT_DBL(on[0], 1, 1e-9);
		UT_DBL(cn[0], sqrt(2), 1e-9);
		UT_DBL(on[3], 0, 0);
		/* 0 vs 1: 0.5 * 0.5 + 0.5 * 1 / sqrt(2) */
		UT_DBL(rx_content_role_similarity(&ix, 0, 1, row), 0.25 + 0.5 / sqrt(2), 1e-6);
		/* 0 vs 2: only components: 0.5 * (1 / sqrt(2)) / sqrt(1 * 0.5) */
		UT_DBL(rx_content_role_similarity(&ix, 0, 2, row), 0.5, 1e-6);
		UT_DBL(rx_content_role_similarity(&ix, 0, 3, row), 0, 0);
		UT_INT(rx_content_role_neighbours(&ix, 0, NULL, 4, row, acc, hits), 2);
		UT_INT(hits[0].id, 1);
		UT_INT(hits[1].id, 2);
		UT_INT(rx_content_role_neighbours(&ix, 0, eligible, 4, row, acc, hits), 1);
		UT_INT(hits[0].id, 2);
	}
}
