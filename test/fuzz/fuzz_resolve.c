/*
 * fuzz_resolve.c — libFuzzer harness of the candidate ranking core
 * (src/core/resolve.c).
 *
 * The input bytes build a title's level, level words and base, up to 16 roles in
 * up to 4 families and up to 32 names (any role index, trust, similarity,
 * levels), and a level table that may lack levels or hold NaN grades.
 * Invariants: nothing crashes; every fit is in [0.5, 1] and lands on a role
 * of the named role's family; the ranking has at most one candidate a role,
 * each pointing to a valid name and role, confidences in [0, 10000] and in
 * non-increasing order; the review flag follows the rule.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/confidence.h"
#include "core/resolve.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next input byte (0 once the input is used up). */
static uint8_t
next(const uint8_t *data, size_t size, size_t *pos)
{
	return *pos < size ? data[(*pos)++] : 0;
}

/* A level from one byte: track S, P, M, E or an other track, rank 0-9. */
static int32_t
level_of(uint8_t b)
{
	static const int32_t tracks[] = {0, 100, 200, 300, 400};

	return tracks[(b >> 4) % 5] + (b & 0x0F) % 10;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t		pos = 0,
				i,
				j,
				nroles,
				nnames,
				ngrades,
				count;
	rx_title_claims	t;
	rx_resolve_role		roles[16];
	rx_resolve_name		names[32];
	rx_resolve_grade	grades[24];
	rx_resolve_candidate out[16];
	bool		review;
	uint8_t		b;

	b = next(data, size, &pos);
	t.has_level = b & 1;
	t.has_words = b & 2;
	t.has_base = b & 4;
	t.level = level_of(next(data, size, &pos));
	t.words = level_of(next(data, size, &pos));
	t.base = level_of(next(data, size, &pos));

	nroles = next(data, size, &pos) % 17;
	for (i = 0; i < nroles; i++)
	{
		roles[i].code = "X";
		roles[i].codelen = 1;
		roles[i].family = next(data, size, &pos) % 4;
		roles[i].level = level_of(next(data, size, &pos));
	}
	nnames = next(data, size, &pos) % 33;
	for (i = 0; i < nnames; i++)
	{
		b = next(data, size, &pos);
		names[i].role = (int32_t) (next(data, size, &pos) % 20) - 2;	/* some out of range */
		names[i].trust = next(data, size, &pos) / 255.0;
		names[i].sim = next(data, size, &pos) / 255.0;
		names[i].exact = b & 1;
		memset(&names[i].claims, 0, sizeof(names[i].claims));
		names[i].claims.has_words = b & 2;
		names[i].claims.has_base = b & 4;
		names[i].claims.words = level_of(next(data, size, &pos));
		names[i].claims.base = level_of(next(data, size, &pos));
	}
	ngrades = next(data, size, &pos) % 25;
	for (i = 0; i < ngrades; i++)
	{
		b = next(data, size, &pos);
		grades[i].level = level_of(next(data, size, &pos));
		grades[i].grade = b == 255 ? NAN : b / 16.0;
	}

	for (i = 0; i < nnames; i++)
	{
		int32_t		target;
		double		fit;

		if (names[i].role < 0 || (size_t) names[i].role >= nroles)
			continue;
		fit = rx_resolve_fit(&t, &names[i], roles, nroles, grades, ngrades, &target);
		if (!(fit >= 0.5 && fit <= 1.0))
			abort();
		if (target < 0 || (size_t) target >= nroles ||
			roles[target].family != roles[names[i].role].family)
			abort();
	}

	count = rx_resolve_rank(&t, names, nnames, roles, nroles, grades, ngrades, out, &review);
	if (count > nroles)
		abort();
	for (i = 0; i < count; i++)
	{
		if (out[i].role < 0 || (size_t) out[i].role >= nroles ||
			out[i].name < 0 || (size_t) out[i].name >= nnames)
			abort();
		if (out[i].confidence < 0 || out[i].confidence > 10000)
			abort();
		if (i > 0 && out[i].confidence > out[i - 1].confidence)
			abort();
		for (j = 0; j < i; j++)
			if (out[j].role == out[i].role)
				abort();
	}
	if (review != rx_confidence_needs_review(count, count > 0 ? out[0].confidence : 0,
											 count > 1 ? out[1].confidence : 0))
		abort();
	return 0;
}
