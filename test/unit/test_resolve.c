/*
 * test_resolve.c — unit tests of the ranking of candidate roles
 * (src/core/resolve.c): level fit, moves, best name per role, order, the
 * review rule (core/confidence.h).
 */
#include "unit.h"

#include "core/confidence.h"
#include "core/level.h"
#include "core/resolve.h"

/* The encoding of a level literal ("P3"). */
static int32_t
L(const char *s)
{
	int32_t		v = -1;
	rx_error	err;

	if (rx_level_parse(s, strlen(s), &v, &err) != RX_OK)
		return -1;
	return v;
}

/* The default ladder of table level: P n = n, M n = n + 2, E n = n + 6, S n = (n - 1) / 2. */
static const rx_resolve_grade *
ladder(size_t *n)
{
	static rx_resolve_grade g[20];
	static size_t count = 0;
	int			i;

	if (count == 0)
	{
		for (i = 1; i <= 5; i++)
		{
			g[count].level = i;	/* S i */
			g[count++].grade = (i - 1) / 2.0;
		}
		for (i = 1; i <= 6; i++)
		{
			g[count].level = 100 + i;	/* P i */
			g[count++].grade = i;
		}
		for (i = 1; i <= 6; i++)
		{
			g[count].level = 200 + i;	/* M i */
			g[count++].grade = i + 2;
		}
		for (i = 1; i <= 3; i++)
		{
			g[count].level = 300 + i;	/* E i */
			g[count++].grade = i + 6;
		}
	}
	*n = count;
	return g;
}

/* A role of family f at level lvl, code as given. */
static rx_resolve_role
R(const char *code, int32_t f, const char *lvl)
{
	rx_resolve_role		r;

	r.code = code;
	r.codelen = strlen(code);
	r.family = f;
	r.level = L(lvl);
	return r;
}

/* A name of role index role: trust, similarity, exact, its level words and base ("" = none). */
static rx_resolve_name
N(int32_t role, double trust, double sim, bool exact, const char *words, const char *base)
{
	rx_resolve_name		n;

	memset(&n, 0, sizeof(n));
	n.role = role;
	n.trust = trust;
	n.sim = sim;
	n.exact = exact;
	n.claims.has_words = words[0] != '\0';
	n.claims.words = n.claims.has_words ? L(words) : 0;
	n.claims.has_base = base[0] != '\0';
	n.claims.base = n.claims.has_base ? L(base) : 0;
	return n;
}

/* A title's level, level words and base ("" = none). */
static rx_title_claims
T(const char *lvl, const char *words, const char *base)
{
	rx_title_claims	t;

	t.has_level = lvl[0] != '\0';
	t.level = t.has_level ? L(lvl) : 0;
	t.has_words = words[0] != '\0';
	t.words = t.has_words ? L(words) : 0;
	t.has_base = base[0] != '\0';
	t.base = t.has_base ? L(base) : 0;
	return t;
}

/* The fit of name n for title t among roles[], and the role it lands on. */
static double
fit(rx_title_claims t, rx_resolve_name n, const rx_resolve_role *roles, size_t nroles, int32_t *target)
{
	size_t		ng;
	const rx_resolve_grade *g = ladder(&ng);

	return rx_resolve_fit(&t, &n, roles, nroles, g, ng, target);
}

UT_SUITE(resolve_fit)
{
	/* a backend family: P1 .. P5, M1, M2 */
	rx_resolve_role		be[] = {R("SWE.BE.M1", 0, "M1"), R("SWE.BE.M2", 0, "M2"), R("SWE.BE.P1", 0, "P1"),
	R("SWE.BE.P2", 0, "P2"), R("SWE.BE.P3", 0, "P3"), R("SWE.BE.P4", 0, "P4"), R("SWE.BE.P5", 0, "P5")};
	size_t		nbe = sizeof(be) / sizeof(be[0]);

	/* a customer success family named with a rank noun: P1 .. P3 and M2 */
	rx_resolve_role		csm[] = {R("CSM.GEN.M2", 0, "M2"), R("CSM.GEN.P1", 0, "P1"), R("CSM.GEN.P2", 0, "P2"),
	R("CSM.GEN.P3", 0, "P3")};
	size_t		ncsm = sizeof(csm) / sizeof(csm[0]);

	/* a data engineering family without P1 or P5 */
	rx_resolve_role		de[] = {R("DAT.ENG.P2", 0, "P2"), R("DAT.ENG.P3", 0, "P3"), R("DAT.ENG.P4", 0, "P4")};
	size_t		nde = sizeof(de) / sizeof(de[0]);
	int32_t		target;

	UT_CASE("the same claim: 1, no move")
	{
		/* "Senior Backend Engineer" against the alias "Sr. Backend Engineer" of P3 */
		UT_DBL(fit(T("P3", "P3", ""), N(4, 0.7, 1, true, "P3", ""), be, nbe, &target), 1.0, 1e-12);
		UT_INT(target, 4);
		/* "Backend Engineer" against the alias "Backend Engineer" of P2: no claim on either side */
		UT_DBL(fit(T("", "", ""), N(3, 0.95, 1, true, "", ""), be, nbe, &target), 1.0, 1e-12);
		UT_INT(target, 3);
		/* "Backend Engineering Manager" against "Backend Engineer Manager": both M2 by their words */
		UT_DBL(fit(T("M2", "", "M2"), N(1, 1, 0.8, false, "", "M2"), be, nbe, &target), 1.0, 1e-12);
		UT_INT(target, 1);
	}
	UT_CASE("the title's claim moves the match to the family's role at that level: 0.9")
	{
		/* "Sr. Backend Eng" against "Backend Engineer" of P2: moves to P3 */
		UT_DBL(fit(T("P3", "P3", ""), N(3, 0.95, 1, true, "", ""), be, nbe, &target), 0.9, 1e-12);
		UT_INT(target, 4);
		/* "Backend Engineer IV" against "Senior Backend Engineer" of P3: moves to P4 */
		UT_DBL(fit(T("P4", "P4", ""), N(4, 0.95, 1, true, "P3", ""), be, nbe, &target), 0.9, 1e-12);
		UT_INT(target, 5);
		/* the job phrases differ: "Backend Engineering Manager" claims M2 against "Backend Engineer" */
		UT_DBL(fit(T("M2", "", "M2"), N(3, 0.95, 0.6, false, "", ""), be, nbe, &target), 0.9, 1e-12);
		UT_INT(target, 1);
		/* ... and against "Junior Backend Engineer" */
		UT_DBL(fit(T("M2", "", "M2"), N(2, 0.7, 0.6, false, "P1", ""), be, nbe, &target), 0.9, 1e-12);
		UT_INT(target, 1);
	}
	UT_CASE("the title claims the named role's own level: 0.95, no move")
	{
		/* "Backend Engineer II" against "Backend Engineer" of P2 */
		UT_DBL(fit(T("P2", "P2", ""), N(3, 0.95, 1, true, "", ""), be, nbe, &target), 0.95, 1e-12);
		UT_INT(target, 3);
	}
	UT_CASE("the name claims a level, the title none: 0.8, no move")
	{
		/* "Backend Engineer" against "Senior Backend Engineer" of P3 */
		UT_DBL(fit(T("", "", ""), N(4, 0.95, 1, true, "P3", ""), be, nbe, &target), 0.8, 1e-12);
		UT_INT(target, 4);
		/* "Backend Engineer" against "Backend Engineer Manager": the name's words claim M2 */
		UT_DBL(fit(T("", "", ""), N(1, 0.95, 0.7, false, "", "M2"), be, nbe, &target), 0.8, 1e-12);
		UT_INT(target, 1);
		/* "Customer Success Manager" against "Customer Success Manager III" */
		UT_DBL(fit(T("M2", "", "M2"), N(3, 0.8, 1, true, "P3", "M2"), csm, ncsm, &target), 0.8, 1e-12);
		UT_INT(target, 3);
		/* ... and against "Junior Customer Success Manager": manager is the job, not a claim */
		UT_DBL(fit(T("M2", "", "M2"), N(1, 0.95, 1, true, "M1", "M2"), csm, ncsm, &target), 0.8, 1e-12);
		UT_INT(target, 1);
	}
	UT_CASE("rank noun in the job: the grade decides (Customer Success Manager III)")
	{
		/* against "Customer Success Manager" of P2: the grade P3 moves it */
		UT_DBL(fit(T("M2", "P3", "M2"), N(2, 1, 1, true, "", "M2"), csm, ncsm, &target), 0.9, 1e-12);
		UT_INT(target, 3);
		/* against "Senior Customer Success Manager" of P3 (claims M3): P3 is its own level */
		UT_DBL(fit(T("M2", "P3", "M2"), N(3, 1, 1, true, "M3", "M2"), csm, ncsm, &target), 0.95, 1e-12);
		UT_INT(target, 3);
		/* against "Customer Success Manager III" itself */
		UT_DBL(fit(T("M2", "P3", "M2"), N(3, 0.8, 1, true, "P3", "M2"), csm, ncsm, &target), 1.0, 1e-12);
		UT_INT(target, 3);
		/* against the M2 role's title: no grade moves a manager, and the grade is not said: 0.9 */
		UT_DBL(fit(T("M2", "P3", "M2"), N(0, 1, 0.9, false, "", "M2"), csm, ncsm, &target), 0.9, 1e-12);
		UT_INT(target, 0);
	}
	UT_CASE("a grade on a manager's title does not move it to an individual contributor")
	{
		/* "Backend Engineer Manager II" (M2, words P2) against "Backend Engineer Manager" of M2 */
		UT_DBL(fit(T("M2", "P2", "M2"), N(1, 0.95, 1, true, "", "M2"), be, nbe, &target), 0.9, 1e-12);
		UT_INT(target, 1);
	}
	UT_CASE("no role at the title's level: the named role, by distance on the ladder")
	{
		/* "Principal Data Engineer" (P5): P4 is 1 away, P3 2, P2 3 */
		UT_DBL(fit(T("P5", "P5", ""), N(2, 1, 1, true, "P4", ""), de, nde, &target), 0.8, 1e-12);
		UT_INT(target, 2);
		UT_DBL(fit(T("P5", "P5", ""), N(1, 1, 1, true, "P3", ""), de, nde, &target), 0.7, 1e-12);
		UT_DBL(fit(T("P5", "P5", ""), N(0, 1, 1, true, "", ""), de, nde, &target), 0.6, 1e-12);
		UT_INT(target, 0);
		/* across tracks, 0.1 less: M2 (grade 4) against P4 (grade 4) */
		UT_DBL(fit(T("M2", "", "M2"), N(2, 1, 0.7, false, "P4", ""), de, nde, &target), 0.8, 1e-12);
		/* never below 0.5: E3 (grade 9) against P2 (grade 2) */
		UT_DBL(fit(T("E3", "", "E3"), N(0, 1, 0.7, false, "", ""), de, nde, &target), 0.5, 1e-12);
	}
	UT_CASE("a level missing from the level table counts as 4 apart")
	{
		rx_title_claims	t = T("P5", "P5", "");
		rx_resolve_name		n = N(2, 1, 1, true, "P4", "");

		UT_DBL(rx_resolve_fit(&t, &n, de, nde, NULL, 0, &target), 0.5, 1e-12);
		UT_INT(target, 2);
	}
}

/* Rank names for title t; returns the count and fills out[], *review. */
static size_t
rank(rx_title_claims t, const rx_resolve_name *names, size_t nnames, const rx_resolve_role *roles, size_t nroles,
	 rx_resolve_candidate *out, bool *review)
{
	size_t		ng;
	const rx_resolve_grade *g = ladder(&ng);

	return rx_resolve_rank(&t, names, nnames, roles, nroles, g, ng, out, review);
}

UT_SUITE(resolve_rank)
{
	rx_resolve_role		de[] = {R("DAT.ENG.P2", 0, "P2"), R("DAT.ENG.P3", 0, "P3"), R("DAT.ENG.P4", 0, "P4"),
	R("DAT.SCI.P2", 1, "P2")};
	rx_resolve_candidate out[8];
	bool		review;
	size_t		n;

	UT_CASE("each role keeps its best name; best first")
	{
		/* "Data Engineer": every name of the family matched exactly */
		rx_resolve_name		names[] = {
			N(0, 0.95, 1, true, "", ""),	/* Data Engineer (P2) */
			N(0, 0.80, 1, true, "P2", ""),	/* Data Engineer II (P2) */
			N(1, 0.95, 1, true, "P3", ""),	/* Senior Data Engineer */
			N(2, 0.95, 1, true, "P4", ""),	/* Staff Data Engineer */
		};

		n = rank(T("", "", ""), names, 4, de, 4, out, &review);
		UT_INT(n, 3);
		UT_INT(out[0].role, 0);
		UT_INT(out[0].name, 0);
		UT_INT(out[0].confidence, 9500);
		UT_CHECK(out[0].exact && !out[0].moved);
		UT_INT(out[1].confidence, 7600);	/* 0.95 x 0.8 */
		UT_INT(out[1].role, 1);		/* P3 before P4 at equal confidence: by name order */
		UT_INT(out[2].role, 2);
		UT_CHECK(!review);
	}
	UT_CASE("moves land on one role, which keeps the best")
	{
		/* "Sr Data Engineer": P2's name moves to P3 (0.9 x 0.95), P3's own alias fits 1 x 0.7 */
		rx_resolve_name		names[] = {
			N(0, 0.95, 1, true, "", ""),
			N(1, 0.70, 1, true, "P3", ""),
		};

		n = rank(T("P3", "P3", ""), names, 2, de, 4, out, &review);
		UT_INT(n, 1);
		UT_INT(out[0].role, 1);
		UT_INT(out[0].name, 0);
		UT_INT(out[0].confidence, 8550);
		UT_CHECK(out[0].moved && out[0].exact);
		UT_CHECK(!review);
	}
	UT_CASE("review: best below 0.30")
	{
		rx_resolve_name		names[] = {N(3, 0.5, 0.9 * 0.6, false, "", "")};	/* 0.27 */

		n = rank(T("", "", ""), names, 1, de, 4, out, &review);
		UT_INT(n, 1);
		UT_INT(out[0].confidence, 2700);
		UT_CHECK(review);
	}
	UT_CASE("review: exactly 0.30 is not below")
	{
		rx_resolve_name		names[] = {N(3, 0.5, 0.6, false, "", "")};

		n = rank(T("", "", ""), names, 1, de, 4, out, &review);
		UT_INT(out[0].confidence, 3000);
		UT_CHECK(!review);
	}
	UT_CASE("review: the top two within 0.10, 0.10 included")
	{
		/* trigram names of two families (exact ones would share their confidence) */
		rx_resolve_name		within[] = {N(0, 0.90, 1, false, "", ""), N(3, 0.80, 1, false, "", "")};
		rx_resolve_name		apart[] = {N(0, 0.90, 1, false, "", ""), N(3, 0.7999, 1, false, "", "")};
		rx_resolve_name		close[] = {N(0, 0.90, 1, false, "", ""), N(3, 0.85, 1, false, "", "")};

		n = rank(T("", "", ""), within, 2, de, 4, out, &review);
		UT_INT(out[0].confidence - out[1].confidence, 1000);
		UT_CHECK(review);
		n = rank(T("", "", ""), apart, 2, de, 4, out, &review);
		UT_INT(out[0].confidence - out[1].confidence, 1001);
		UT_CHECK(!review);
		n = rank(T("", "", ""), close, 2, de, 4, out, &review);
		UT_CHECK(review);
		UT_INT(n, 2);
	}
	UT_CASE("an exact name several families share: each family's share of the confidence, review")
	{
		/* "Bus Driver", an alias of two occupations alike */
		rx_resolve_name		two[] = {N(0, 0.90, 1, true, "", ""), N(3, 0.90, 1, true, "", "")};
		/* a role title (trust 1) and another family's alias of 0.5 */
		rx_resolve_name		uneven[] = {N(3, 1, 1, true, "", ""), N(0, 0.5, 1, true, "", "")};
		/* one family at several levels is no ambiguity; a trigram name of another family takes no share */
		rx_resolve_name		one[] = {N(0, 0.95, 1, true, "", ""), N(1, 0.95, 1, true, "P3", ""),
		N(3, 1, 0.8, false, "", "")};

		n = rank(T("", "", ""), two, 2, de, 4, out, &review);
		UT_INT(n, 2);
		UT_INT(out[0].confidence, 4500);
		UT_INT(out[1].confidence, 4500);
		UT_CHECK(review);
		n = rank(T("", "", ""), uneven, 2, de, 4, out, &review);
		UT_INT(out[0].role, 3);
		UT_INT(out[0].confidence, 6667);	/* 1 x 1 / 1.5 */
		UT_INT(out[1].confidence, 1667);	/* 0.5 x 0.5 / 1.5 */
		UT_CHECK(!review);
		n = rank(T("", "", ""), one, 3, de, 4, out, &review);
		UT_INT(out[0].role, 0);
		UT_INT(out[0].confidence, 9500);
		UT_CHECK(!review);
	}
	UT_CASE("ties: exact first, then the order of names")
	{
		rx_resolve_name		exact_last[] = {N(3, 1, 0.8, false, "", ""), N(0, 0.8, 1, true, "", "")};
		rx_resolve_name		by_name[] = {N(3, 1, 0.9, false, "", ""), N(0, 1, 0.9, false, "", "")};

		n = rank(T("", "", ""), exact_last, 2, de, 4, out, &review);
		UT_INT(out[0].role, 0);
		UT_CHECK(out[0].exact);
		UT_CHECK(review);
		n = rank(T("", "", ""), by_name, 2, de, 4, out, &review);
		UT_INT(out[0].role, 3);		/* DAT.SCI.P2 came first in names[] */
		UT_INT(out[1].role, 0);
	}
	UT_CASE("a role keeps the exact name over a trigram one of the same score")
	{
		rx_resolve_name		names[] = {N(0, 1, 0.9, false, "", ""), N(0, 0.9, 1, true, "", "")};

		n = rank(T("", "", ""), names, 2, de, 4, out, &review);
		UT_INT(n, 1);
		UT_INT(out[0].name, 1);
		UT_CHECK(out[0].exact);
	}
	UT_CASE("nothing to rank: no candidate, review")
	{
		n = rank(T("P3", "P3", ""), NULL, 0, de, 4, out, &review);
		UT_INT(n, 0);
		UT_CHECK(review);
	}
	UT_CASE("names of unknown roles are skipped")
	{
		rx_resolve_name		names[] = {N(-1, 1, 1, true, "", ""), N(9, 1, 1, true, "", ""), N(0, 0.9, 1, true, "", "")};

		n = rank(T("", "", ""), names, 3, de, 4, out, &review);
		UT_INT(n, 1);
		UT_INT(out[0].role, 0);
		UT_INT(out[0].name, 2);
	}
	UT_CASE("scores are clamped to [0, 1]")
	{
		rx_resolve_name		high[] = {N(0, 1.5, 1, true, "", "")};
		rx_resolve_name		low[] = {N(0, -1, 1, true, "", "")};

		n = rank(T("", "", ""), high, 1, de, 4, out, &review);
		UT_INT(out[0].confidence, 10000);
		n = rank(T("", "", ""), low, 1, de, 4, out, &review);
		UT_INT(out[0].confidence, 0);
		UT_CHECK(review);
	}
}

UT_SUITE(review_rule)
{
	UT_CASE("rx_confidence_needs_review: no answer, a weak best, a close second")
	{
		UT_CHECK(rx_confidence_needs_review(0, 0, 0));
		UT_CHECK(rx_confidence_needs_review(0, 10000, 0));
		UT_CHECK(rx_confidence_needs_review(1, 2999, 0));
		UT_CHECK(!rx_confidence_needs_review(1, 3000, 0));
		UT_CHECK(!rx_confidence_needs_review(1, 9000, 8999));	/* one candidate: no second */
		UT_CHECK(rx_confidence_needs_review(2, 9000, 8000));	/* 0.10 apart: within */
		UT_CHECK(!rx_confidence_needs_review(2, 9000, 7999));
		UT_CHECK(rx_confidence_needs_review(2, 2999, 0));
		UT_CHECK(rx_confidence_needs_review(5, 6000, 6000));
	}
}
