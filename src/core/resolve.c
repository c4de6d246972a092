/*
 * resolve.c — ranking the candidate roles of a job title (see resolve.h).
 */
#include "resolve.h"

#include <math.h>
#include <string.h>

#include "confidence.h"

/* The track key of a level encoding: 0 S, 1 P, 2 M, 3 E, 4+ others (level.h). */
#define RX_RESOLVE_TRACK(v)		((v) / 100)

/* Do two optional levels agree (both absent, or both present and equal)? */
static bool
rx_resolve_same(bool has_a, int32_t a, bool has_b, int32_t b)
{
	return has_a == has_b && (!has_a || a == b);
}

/* The grade of level v from the level table, or false when it has none. */
static bool
rx_resolve_grade_of(int32_t v, const rx_resolve_grade *grades, size_t ngrades, double *grade)
{
	size_t		i;

	for (i = 0; i < ngrades; i++)
	{
		if (grades[i].level == v && isfinite(grades[i].grade))
		{
			*grade = grades[i].grade;
			return true;
		}
	}
	return false;
}

/* The index of the role of family f at level v, or -1. */
static int32_t
rx_resolve_role_at(int32_t f, int32_t v, const rx_resolve_role *roles, size_t nroles)
{
	size_t		i;

	for (i = 0; i < nroles; i++)
	{
		if (roles[i].family == f && roles[i].level == v)
			return (int32_t) i;
	}
	return -1;
}

/*
 * The level fit of a name for a title, and the role the match lands on.
 * The rules and factors are in resolve.h.
 */
double
rx_resolve_fit(const rx_title_claims *t, const rx_resolve_name *n, const rx_resolve_role *roles, size_t nroles,
	   const rx_resolve_grade *grades, size_t ngrades, int32_t *target)
{
	const rx_resolve_role *named = &roles[n->role];
	const rx_title_claims *nc = &n->claims;
	bool		has_ct,
				has_cn,
				ignored = false;
	int32_t		ct,
				cn,
				at;
	double		g_said,
				g_named,
				fit;

	*target = n->role;

	/* the claims: level words, else the base when the job phrases differ */
	if (rx_resolve_same(t->has_base, t->base, nc->has_base, nc->base))
	{
		has_ct = t->has_words;
		ct = t->words;
		has_cn = nc->has_words;
		cn = nc->words;
	}
	else
	{
		has_ct = t->has_words || t->has_base;
		ct = t->has_words ? t->words : t->base;
		has_cn = nc->has_words || nc->has_base;
		cn = nc->has_words ? nc->words : nc->base;
	}

	/*
	 * The title claims a grade (its level words differ from its level:
	 * "Customer Success Manager III" is M2 with words P3) that the name does
	 * not, and the named role is on a rank track: no grade moves it.
	 */
	if (has_ct && t->has_words && ct == t->words &&
		!rx_resolve_same(true, t->words, t->has_level, t->level) &&
		!rx_resolve_same(has_ct, ct, has_cn, cn) &&
		(RX_RESOLVE_TRACK(named->level) == 2 || RX_RESOLVE_TRACK(named->level) == 3))
	{
		ignored = true;
		has_ct = has_cn;
		ct = cn;
	}

	if (rx_resolve_same(has_ct, ct, has_cn, cn))
		return ignored ? 0.9 : 1.0;
	if (!has_ct)
		return 0.8;				/* only the name claims a level */

	at = rx_resolve_role_at(named->family, ct, roles, nroles);
	if (at == n->role)
		return 0.95;
	if (at >= 0)
	{
		*target = at;
		return 0.9;
	}

	/* no role of the family at that level: the named role, by its distance */
	if (rx_resolve_grade_of(ct, grades, ngrades, &g_said) &&
		rx_resolve_grade_of(named->level, grades, ngrades, &g_named))
		fit = 0.9 - 0.1 * fabs(g_said - g_named);
	else
		fit = 0.9 - 0.1 * 4;
	if (RX_RESOLVE_TRACK(ct) != RX_RESOLVE_TRACK(named->level))
		fit -= 0.1;
	return fit < 0.5 ? 0.5 : fit;
}

/*
 * Does candidate a rank before b?  Confidence, then exact matches, then the
 * order of their names (the database lists the closest first; two
 * candidates never share a name).
 */
static bool
rx_resolve_before(const rx_resolve_candidate *a, const rx_resolve_candidate *b)
{
	if (a->confidence != b->confidence)
		return a->confidence > b->confidence;
	if (a->exact != b->exact)
		return a->exact;
	return a->name < b->name;
}

/* Is names[i] an exact match of a role in roles[]? */
static bool
rx_resolve_exact_at(const rx_resolve_name *names, size_t i, size_t nroles)
{
	return names[i].exact && names[i].role >= 0 && (size_t) names[i].role < nroles;
}

/*
 * The share of family f among the families that exact names point to: the
 * best trust of f's exact names over the sum of every such family's best;
 * 1 when all exact names point into one family (resolve.h).
 */
static double
rx_resolve_exact_share(const rx_resolve_name *names, size_t nnames, const rx_resolve_role *roles, size_t nroles,
					   int32_t f)
{
	double		mine = 0,
				total = 0;
	size_t		j,
				k;

	for (j = 0; j < nnames; j++)
	{
		int32_t		fj;
		double		best = 0;
		bool		seen = false;

		if (!rx_resolve_exact_at(names, j, nroles))
			continue;
		fj = roles[names[j].role].family;
		/* each family once, at its first exact name, with its best trust */
		for (k = 0; k < j && !seen; k++)
			seen = rx_resolve_exact_at(names, k, nroles) && roles[names[k].role].family == fj;
		if (seen)
			continue;
		for (k = j; k < nnames; k++)
			if (rx_resolve_exact_at(names, k, nroles) && roles[names[k].role].family == fj &&
				names[k].trust > best)
				best = names[k].trust;
		total += best;
		if (fj == f)
			mine = best;
	}
	return total > 0 ? mine / total : 1.0;
}

/*
 * The similarity of names[i]: an engine name (calibrated) of a family that
 * also has an exact-rule name counts no more than the surest of those
 * ("Café Manager" does not outscore the title's own alias "Café
 * Attendant" by the engine's confidence); resolve.h.
 */
static double
rx_resolve_capped_sim(const rx_resolve_name *names, size_t nnames, const rx_resolve_role *roles, size_t nroles,
					  size_t i)
{
	double		cap = -1;
	size_t		j;

	if (!names[i].calibrated)
		return names[i].sim;
	for (j = 0; j < nnames; j++)
		if (names[j].exact && !names[j].calibrated && names[j].role >= 0 && (size_t) names[j].role < nroles &&
			roles[names[j].role].family == roles[names[i].role].family && names[j].trust > cap)
			cap = names[j].trust;
	return cap >= 0 && names[i].sim > cap ? cap : names[i].sim;
}

/*
 * Score every name, keep each role's best, rank the roles; see resolve.h.
 * A role's best name: the highest score, then an exact match, then the
 * highest confidence, then one without level words, then the first in
 * names[].
 */
size_t
rx_resolve_rank(const rx_title_claims *t, const rx_resolve_name *names, size_t nnames,
		const rx_resolve_role *roles, size_t nroles,
		const rx_resolve_grade *grades, size_t ngrades,
		rx_resolve_candidate *out, bool *needs_review)
{
	size_t		count = 0;
	size_t		i,
				j;

	for (i = 0; i < nnames; i++)
	{
		const rx_resolve_name *n = &names[i];
		int32_t		target;
		double		score;
		rx_resolve_candidate *c = NULL;
		rx_error	err;
		int16_t		conf;

		if (n->role < 0 || (size_t) n->role >= nroles)
			continue;
		score = rx_resolve_capped_sim(names, nnames, roles, nroles, i) * n->trust *
			rx_resolve_fit(t, n, roles, nroles, grades, ngrades, &target);
		if (n->exact && !n->calibrated)
			score *= rx_resolve_exact_share(names, nnames, roles, nroles, roles[n->role].family);
		if (!(score >= 0.0))
			score = 0.0;
		if (score > 1.0)
			score = 1.0;
		if (rx_confidence_from_double(score, &conf, &err) != RX_OK)
			conf = 0;

		for (j = 0; j < count; j++)
		{
			if (out[j].role == target)
			{
				c = &out[j];
				break;
			}
		}
		if (c != NULL)
		{
			const rx_resolve_name *b = &names[c->name];

			if (score < c->score ||
				(score == c->score &&
				 (c->exact > n->exact ||
				  (c->exact == n->exact &&
				   (b->trust > n->trust ||
					(b->trust == n->trust &&
					 (!b->claims.has_words || n->claims.has_words)))))))
				continue;
		}
		else
			c = &out[count++];
		c->role = target;
		c->name = (int32_t) i;
		c->score = score;
		c->confidence = conf;
		c->exact = n->exact;
		c->moved = target != n->role;
	}

	/* insertion sort: a title has a handful of candidates */
	for (i = 1; i < count; i++)
	{
		rx_resolve_candidate x = out[i];

		for (j = i; j > 0 && rx_resolve_before(&x, &out[j - 1]); j--)
			out[j] = out[j - 1];
		out[j] = x;
	}

	*needs_review = rx_confidence_needs_review(count, count > 0 ? out[0].confidence : 0,
											   count > 1 ? out[1].confidence : 0);
	return count;
}

/* Work memory rx_resolve_name_of_hit needs for names up to len bytes. */
size_t
rx_resolve_hit_work_size(size_t len)
{
	return rx_title_claims_work_size(len);
}

/* The name of an engine hit (resolve.h). */
rx_status
rx_resolve_name_of_hit(double score, bool exact, int32_t role, const char *label, size_t label_len,
					   const char *title, size_t title_len, void *work, size_t workcap,
					   rx_resolve_name *out, rx_error *err)
{
	const char *name = label != NULL ? label : title;
	size_t		len = label != NULL ? label_len : title_len;

	memset(out, 0, sizeof(*out));
	out->role = role;
	out->trust = 1.0;
	out->sim = score >= 0.0 && score <= 1.0 ? score : (score > 1.0 ? 1.0 : 0.0);
	out->exact = exact;
	out->calibrated = true;
	return rx_title_claims_of(name, len, work, workcap, NULL, NULL, &out->claims, err);
}

/* A role's score with its occupation's (resolve.h). */
double
rx_resolve_blend(double role_score, bool has_occupation, double occupation_score)
{
	if (!has_occupation)
		return role_score;
	return (1.0 - RX_RESOLVE_W_OCCUPATION) * role_score + RX_RESOLVE_W_OCCUPATION * occupation_score;
}

/* An exact engine hit keeps the rule of exact names (resolve.h). */
void
rx_resolve_name_exact(rx_resolve_name *n, double trust)
{
	n->sim = 1.0;
	n->trust = trust;
	n->calibrated = false;
}

/* An alias's confidence from its entry weight (resolve.h). */
double
rx_resolve_trust_of_weight(double weight)
{
	double		c = (weight - 0.5) / 0.5;

	return c < 0.0 ? 0.0 : (c > 1.0 ? 1.0 : c);
}
