/*
 * test_autocode.c — unit tests of the autocoder core (src/core/autocode*.c)
 * on small synthetic dictionaries.
 */
#include "unit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/autocode.h"
#include "core/autocode_int.h"
#include "core/autocode_text.h"
#include "core/confidence.h"
#include "core/title.h"

#define SWE		15125200		/* software developers */
#define ETECH	17302300		/* electrical and electronic engineering technicians */
#define EENG	17207100		/* electrical engineers */
#define RN		29114100		/* registered nurses */
#define LPN		29206100		/* licensed practical nurses */
#define MGR		11911100		/* medical and health services managers */
#define CSR		43405100		/* customer service representatives */
#define CSA		15121100		/* computer systems analysts */
#define MA		13111100		/* management analysts */

/* The stem of a word at a level, in a static buffer. */
static const char *
stem(const char *w, int level)
{
	static char buf[RX_AUTOCODE_TOKEN_LEN_MAX + 1];
	size_t		n = strlen(w);

	memcpy(buf, w, n);
	n = rx_autocode_stem(buf, n, level);
	buf[n] = '\0';
	return buf;
}

/* The head noun of a text as split at stem level 0 ("" when none). */
static const char *
head_of(const char *text)
{
	static rx_autocode_words w;
	int			i;

	rx_autocode_split(text, strlen(text), 0, &w);
	for (i = 0; i < w.n; i++)
		if (w.w[i].head)
			return w.w[i].s;
	return "";
}

/* rx_autocode_head_window of a raw title and its rx_title_normalize text. */
static size_t
window(const char *title)
{
	static char norm[4096];
	size_t		n = 0;
	rx_error	err;

	if (rx_title_normalize(title, strlen(title), norm, sizeof(norm), &n, &err) != RX_OK)
		return (size_t) -1;
	return rx_autocode_head_window(title, strlen(title), norm, n);
}

/* Add a title (label = text) or fail the case. */
static void
add(rx_autocode_index *ix, const char *text, int32_t code, rx_autocode_kind kind)
{
	rx_autocode_entry_in in;
	rx_error	err;

	in.text = text;
	in.text_len = strlen(text);
	in.label = text;
	in.label_len = strlen(text);
	in.code = code;
	in.kind = kind;
	in.weight = rx_autocode_default_weight(kind);
	in.head_end = 0;
	UT_INT(rx_autocode_add(ix, &in, &err), RX_OK);
}

/* Remove a title by label; returns whether one was found. */
static bool
del(rx_autocode_index *ix, const char *label, int32_t code, rx_autocode_kind kind)
{
	rx_autocode_entry_in in;
	rx_error	err;
	bool		found = false;

	memset(&in, 0, sizeof(in));
	in.label = label;
	in.label_len = strlen(label);
	in.code = code;
	in.kind = kind;
	UT_INT(rx_autocode_remove(ix, &in, &found, &err), RX_OK);
	return found;
}

/* The toy dictionary: 22 titles of 9 codes ("analyst" under two). */
#define TOY_N 22
static const char *const toy_title[TOY_N] = {
	"software engineer", "software developer", "application developer",
	"programmer analyst", "engineering technician",
	"electronics engineering technician", "electrical technician",
	"electrical engineer", "power engineer", "registered nurse", "staff nurse",
	"charge nurse", "licensed practical nurse", "vocational nurse",
	"director of nursing", "health services manager",
	"customer service representative", "call center representative", "analyst",
	"analyst", "systems analyst", "process improvement consultant"};
static const int32_t toy_code[TOY_N] = {SWE, SWE, SWE, SWE, ETECH, ETECH, ETECH, EENG, EENG,
	RN, RN, RN, LPN, LPN, MGR, MGR, CSR, CSR, CSA, MA, CSA, MA};

/* A small dictionary of the codes above. */
static rx_autocode_index *
build(void)
{
	rx_autocode_index   *ix = rx_autocode_index_create(NULL, NULL);

	for (int i = 0; i < TOY_N; i++)
		add(ix, toy_title[i], toy_code[i], RX_AUTOCODE_TITLE);
	return ix;
}

/*
 * Titles of a data engineer and of a team: "data engineer emea team" is
 * one or the other depending on where its head noun is looked for.
 */
static rx_autocode_index *
team_index(const rx_autocode_params *p)
{
	rx_autocode_index *ix = rx_autocode_index_create(NULL, p);

	add(ix, "data engineer", 15124300, RX_AUTOCODE_TITLE);
	add(ix, "data architect", 15124300, RX_AUTOCODE_TITLE);
	add(ix, "emea team", 55101700, RX_AUTOCODE_TITLE);
	add(ix, "data team", 55101700, RX_AUTOCODE_TITLE);
	return ix;
}

/* Code text with k candidates; returns the count (-1 on a failed status). */
static int
code(rx_autocode_index *ix, rx_autocode_scratch *sc, const char *text, int k, rx_autocode_hit *out)
{
	int			n = -1;
	rx_error	err;

	if (rx_autocode_query(ix, sc, text, strlen(text), k, out, &n, &err) != RX_OK)
		return -1;
	return n;
}

/* The best code for text, or 0 when there is no candidate. */
static int32_t
best(rx_autocode_index *ix, rx_autocode_scratch *sc, const char *text)
{
	rx_autocode_hit		h[5];

	return code(ix, sc, text, 5, h) > 0 ? h[0].code : 0;
}

/* Do the n hits have scores in [0, 1], best first? */
static bool
well_formed(const rx_autocode_hit *h, int n)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		if (!(h[i].score >= 0 && h[i].score <= 1))
			return false;
		if (i > 0 && (h[i].score > h[i - 1].score || h[i].raw > h[i - 1].raw))
			return false;
	}
	return true;
}

/*
 * An allocator that fails once `budget` allocations have been made, or
 * (budget < 0) only the allocation numbered `only`.
 */
typedef struct failing
{
	long		budget;
	long		live;
	long		only;
	long		count;
} failing;

/* Should the failing allocator fail this call? */
static bool
f_fails(failing *f)
{
	if (f->budget >= 0)
		return f->budget-- <= 0;
	return f->count++ == f->only;
}

/* Allocation hook of the failing allocator. */
static void *
f_alloc(void *ctx, size_t size)
{
	failing    *f = ctx;
	void	   *p;

	if (f_fails(f))
		return NULL;
	p = malloc(size);
	f->live += p != NULL;
	return p;
}

/* Reallocation hook of the failing allocator. */
static void *
f_realloc(void *ctx, void *ptr, size_t size)
{
	failing    *f = ctx;

	if (f_fails(f))
		return NULL;
	return realloc(ptr, size);
}

/* Free hook of the failing allocator. */
static void
f_free(void *ctx, void *ptr)
{
	failing    *f = ctx;

	f->live--;
	free(ptr);
}

UT_SUITE(autocode_text)
{
	UT_CASE("plural and suffix stems meet")
	{
		UT_STR(stem("nurses", 1), "nurse");
		UT_STR(stem("secretaries", 1), "secretary");
		UT_STR(stem("boxes", 1), "box");
		UT_STR(stem("press", 1), "press");
		UT_STR(stem("bus", 1), "bus");
		UT_STR(stem("analysis", 1), "analysis");
		UT_STR(stem("engineer", 2), "engin");
		UT_STR(stem("engineering", 2), "engin");
		UT_STR(stem("engineers", 2), "engin");
		UT_STR(stem("cutter", 2), "cut");
		UT_STR(stem("cutting", 2), "cut");
		UT_STR(stem("roller", 2), "roll");
		UT_STR(stem("operator", 2), "operat");
		UT_STR(stem("operating", 2), "operat");
		UT_STR(stem("nursing", 2), "nurs");
		UT_STR(stem("nurse", 2), "nurs");
		UT_STR(stem("order", 2), "order");
		UT_STR(stem("engineer", 0), "engineer");
	}

	UT_CASE("words with digits or other scripts are not stemmed")
	{
		UT_STR(stem("3ds", 2), "3ds");
		UT_STR(stem("m\xc3\xa9" "decins", 2), "m\xc3\xa9" "decins");
	}

	UT_CASE("the head noun is the last word, or the last before a preposition")
	{
		UT_STR(head_of("software engineer"), "engineer");
		UT_STR(head_of("engineering technician"), "technician");
		UT_STR(head_of("director of nursing"), "director");
		UT_STR(head_of("first line supervisors of production workers"), "supervisors");
		UT_STR(head_of("chief of police"), "chief");
		UT_STR(head_of("writers and authors"), "authors");
		UT_STR(head_of("of counsel"), "counsel");
		UT_STR(head_of("nurse"), "nurse");
		UT_STR(head_of("of the and"), "");
		UT_STR(head_of(""), "");
	}

	UT_CASE("splitting folds ASCII case, keeps other scripts whole, skips overlong words")
	{
		static rx_autocode_words w;
		char		longw[80];

		rx_autocode_split("Nurse, ICU/CCU", 14, 0, &w);
		UT_INT(w.n, 3);
		UT_STR(w.w[0].s, "nurse");
		UT_STR(w.w[1].s, "icu");
		UT_STR(w.w[2].s, "ccu");
		UT_INT(w.w[1].orig_off, 7);
		UT_INT(w.w[1].orig_len, 3);
		rx_autocode_split("\xe7\x9c\x8b\xe6\x8a\xa4 nurse", 12, 2, &w);
		UT_INT(w.n, 2);
		UT_STR(w.w[0].s, "\xe7\x9c\x8b\xe6\x8a\xa4");
		memset(longw, 'a', sizeof(longw));
		memcpy(longw + 60, " nurse", 6);
		rx_autocode_split(longw, 66, 0, &w);
		UT_INT(w.n, 1);
		UT_STR(w.w[0].s, "nurse");
	}

	UT_CASE("stop words are marked and carry no head")
	{
		static rx_autocode_words w;

		rx_autocode_split("the director of the nursing", 27, 0, &w);
		UT_INT(w.n, 5);
		UT_CHECK(w.w[0].stop && !w.w[1].stop && w.w[2].stop && w.w[3].stop);
		UT_CHECK(w.w[1].head && !w.w[4].head);
		UT_CHECK(rx_autocode_is_stop("and", 3) && !rx_autocode_is_stop("andy", 4));
	}

	UT_CASE("the head of a title is in its first segment when it has one")
	{
		static rx_autocode_words w;

		/* the normalized first segment: "parole officer", "data engineer", "manager" */
		UT_INT((int) window("Parole Officer (PO)"), 14);
		UT_INT((int) window("Data Engr - EMEA Team"), 13);
		UT_INT((int) window("Manager, Client Success Team"), 7);
		UT_INT((int) window("Sr. Manager, Client Success"), 7);
		UT_INT((int) window("Night Nurse | ICU"), 11);
		UT_INT((int) window("Nurse \xe2\x80\x93 Night Shift Float Pool"), 5);
		/* no window: no break, a list, several words before a comma, nothing after */
		UT_INT((int) window("Software Engineer"), 0);
		UT_INT((int) window("Set-Up Mechanic"), 0);
		UT_INT((int) window("Health, Safety, and Environmental Manager"), 0);
		UT_INT((int) window("Sales & Marketing, Director"), 0);
		UT_INT((int) window("Director of Engineering, Platform"), 0);
		UT_INT((int) window("Nurse (Remote)"), 0);
		UT_INT((int) window("(Remote) Nurse"), 0);
		UT_INT((int) window(""), 0);
		/* a normalized text that does not start with the segment gives no window */
		UT_INT((int) rx_autocode_head_window("Parole Officer (PO)", 19, "officer po", 10), 0);
		UT_INT((int) rx_autocode_head_window("Parole Officer (PO)", 19, NULL, 0), 0);
		/* the split honours it */
		rx_autocode_split_head("data engineer emea team", 23, 13, 0, &w);
		UT_INT(w.n, 4);
		UT_CHECK(w.w[1].head && !w.w[3].head);
		rx_autocode_split_head("data engineer emea team", 23, 0, 0, &w);
		UT_CHECK(!w.w[1].head && w.w[3].head);
		/* a window before every content word: the head anywhere */
		rx_autocode_split_head("of the team", 11, 2, 0, &w);
		UT_CHECK(w.w[2].head);
	}

	UT_CASE("trigrams are padded at both ends")
	{
		uint32_t	k[8];

		UT_INT(rx_autocode_trigrams("abc", 3, k), 3);
		UT_INT(k[0], ('a' << 8) | 'b');
		UT_INT(k[1], ('a' << 16) | ('b' << 8) | 'c');
		UT_INT(k[2], ('b' << 16) | ('c' << 8));
		UT_INT(rx_autocode_trigrams("", 0, k), 0);
	}
}

UT_SUITE(autocode)
{
	UT_CASE("known titles resolve to their codes, exactly and with their label as evidence")
	{
		rx_autocode_index   *ix = build();
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_autocode_hit		h[5];
		int			n;

		n = code(ix, sc, "registered nurse", 5, h);
		UT_CHECK(n >= 1);
		UT_INT(h[0].code, RN);
		UT_CHECK(h[0].exact);
		UT_CHECK(h[0].evidence_len == 16 && memcmp(h[0].evidence, "registered nurse", 16) == 0);
		UT_CHECK(h[0].score >= 0.5);
		UT_CHECK(n < 2 || h[0].score - h[1].score >= 0.10);
		UT_CHECK(well_formed(h, n));
		UT_INT(best(ix, sc, "software engineer"), SWE);
		UT_INT(best(ix, sc, "director of nursing"), MGR);
		UT_INT(best(ix, sc, "licensed practical nurse"), LPN);
		UT_INT(best(ix, sc, "customer service representative"), CSR);
		/* plural and case differences are the same title */
		n = code(ix, sc, "Registered Nurses", 5, h);
		UT_CHECK(n >= 1 && h[0].code == RN && h[0].exact);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("unseen titles find the code whose titles they resemble")
	{
		rx_autocode_index   *ix = build();
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_autocode_hit		h[5];
		int			n;

		UT_INT(best(ix, sc, "senior electrical engineer"), EENG);
		UT_INT(best(ix, sc, "night shift charge nurse"), RN);
		UT_INT(best(ix, sc, "practical nurse"), LPN);
		UT_INT(best(ix, sc, "electronics technician"), ETECH);
		n = code(ix, sc, "night shift charge nurse", 5, h);
		UT_CHECK(n >= 2 && !h[0].exact && well_formed(h, n));
		UT_CHECK(h[0].evidence_len == 12 && memcmp(h[0].evidence, "charge nurse", 12) == 0);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("the same words with another head noun go to another code")
	{
		rx_autocode_index   *ix = rx_autocode_index_create(NULL, NULL);
		rx_autocode_scratch *sc;
		rx_autocode_params	p = rx_autocode_params_default();
		rx_error	err;

		/* engineer and engineering share a stem: only the head tells them apart */
		add(ix, "software engineer", SWE, RX_AUTOCODE_TITLE);
		add(ix, "engineering technician", ETECH, RX_AUTOCODE_TITLE);
		sc = rx_autocode_scratch_create(ix);
		UT_INT(best(ix, sc, "software engineering technician"), ETECH);
		UT_INT(best(ix, sc, "technician software engineer"), SWE);
		/* without head nouns (and spelling grams) they are one bag of words: a tie */
		p.head_weight = 0;
		p.head_miss = 1;
		p.gram_weight = 0;
		UT_INT(rx_autocode_index_set_params(ix, &p, &err), RX_OK);
		UT_INT(best(ix, sc, "software engineering technician"), SWE);
		UT_INT(best(ix, sc, "technician software engineer"), SWE);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("the classifiers do not depend on the order the titles were added in")
	{
		static const char *const q[] = {"nurse", "engineer", "analyst", "technician developer"};
		rx_autocode_index   *fwd = rx_autocode_index_create(NULL, NULL),
				   *rev = rx_autocode_index_create(NULL, NULL);
		rx_autocode_scratch *sf,
				   *sr;
		rx_autocode_hit		hf[5],
					hr[5];
		int			i,
					r,
					nf,
					nr;

		for (i = 0; i < TOY_N; i++)
		{
			add(fwd, toy_title[i], toy_code[i], RX_AUTOCODE_TITLE);
			add(rev, toy_title[TOY_N - 1 - i], toy_code[TOY_N - 1 - i], RX_AUTOCODE_TITLE);
		}
		sf = rx_autocode_scratch_create(fwd);
		sr = rx_autocode_scratch_create(rev);
		for (i = 0; i < 4; i++)
		{
			nf = code(fwd, sf, q[i], 5, hf);
			nr = code(rev, sr, q[i], 5, hr);
			UT_INT(nf, nr);
			for (r = 0; r < nf && r < nr; r++)
			{
				UT_INT(hf[r].code, hr[r].code);
				UT_DBL(hf[r].score, hr[r].score, 1e-6);
			}
		}
		rx_autocode_scratch_free(sf);
		rx_autocode_scratch_free(sr);
		rx_autocode_index_free(fwd);
		rx_autocode_index_free(rev);
	}

	UT_CASE("a title listed under two codes alike is a tie, ordered by code")
	{
		rx_autocode_index   *ix = build();
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_autocode_hit		h[5];
		int			n;

		add(ix, "utility worker", 47206100, RX_AUTOCODE_TITLE);
		add(ix, "utility worker", 37201100, RX_AUTOCODE_TITLE);
		n = code(ix, sc, "utility worker", 5, h);
		UT_INT(n, 2);
		UT_INT(h[0].code, 37201100);
		UT_INT(h[1].code, 47206100);
		UT_DBL(h[0].score, h[1].score, 1e-12);
		UT_CHECK(h[0].exact && h[1].exact);
		UT_CHECK(h[0].score - h[1].score < 0.10);
		/* a title under two codes of unequal support: both exact, the larger first */
		n = code(ix, sc, "analyst", 5, h);
		UT_CHECK(n >= 2);
		UT_INT(h[0].code, CSA);
		UT_INT(h[1].code, MA);
		UT_CHECK(h[0].exact && h[1].exact && h[0].score > h[1].score);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("k is respected and checked")
	{
		rx_autocode_index   *ix = build();
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_autocode_hit		h[RX_AUTOCODE_K_MAX];
		int			n;
		rx_error	err;

		UT_INT(code(ix, sc, "nurse", 1, h), 1);
		UT_INT(code(ix, sc, "nurse", 0, h), 0);
		n = code(ix, sc, "nurse", RX_AUTOCODE_K_MAX, h);
		UT_CHECK(n >= 3 && n <= 9);
		UT_CHECK(well_formed(h, n));
		UT_INT(rx_autocode_query(ix, sc, "nurse", 5, -1, h, &n, &err), RX_ARGUMENT);
		UT_INT(n, 0);
		UT_STR(err.detail, "The number of candidates must lie between 0 and 1000.");
		UT_INT(rx_autocode_query(ix, sc, "nurse", 5, RX_AUTOCODE_K_MAX + 1, h, &n, &err), RX_ARGUMENT);
		UT_INT(rx_autocode_query(ix, sc, NULL, 3, 5, h, &n, &err), RX_ARGUMENT);
		UT_INT(rx_autocode_query(ix, sc, NULL, 0, 5, h, &n, &err), RX_OK);
		UT_INT(n, 0);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("empty, blank, stop-word and garbage titles give no rows or a low confidence")
	{
		rx_autocode_index   *ix = build();
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_autocode_hit		h[5];
		int			n;
		char		bin[64];
		int			i;

		UT_INT(code(ix, sc, "", 5, h), 0);
		UT_INT(code(ix, sc, "    ", 5, h), 0);
		UT_INT(code(ix, sc, "!!! ??? ---", 5, h), 0);
		UT_INT(code(ix, sc, "of the and", 5, h), 0);
		UT_INT(code(ix, sc, "qqqqqqqq zzzzzzzz", 5, h), 0);
		n = code(ix, sc, "xyzzy 12345 plugh", 5, h);
		UT_CHECK(n == 0 || h[0].score < 0.30);
		for (i = 0; i < 63; i++)
			bin[i] = (char) ((i * 37 + 1) % 255 + 1);
		bin[63] = '\0';
		n = code(ix, sc, bin, 5, h);
		UT_CHECK(n >= 0 && well_formed(h, n));
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("misspellings and run-together words still find the title")
	{
		rx_autocode_index   *ix = build();
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_autocode_params	p = rx_autocode_params_default();
		rx_error	err;
		rx_autocode_hit		h[5];
		int			n;

		UT_INT(best(ix, sc, "registerd nurse"), RN);
		UT_INT(best(ix, sc, "callcenter representative"), CSR);
		/*
		 * On these 22 titles the classifiers learn that "engineer" means
		 * electrical engineer (two of the three engineers), which outweighs
		 * a weak fuzzy stand-in: the stand-in still finds software engineer
		 * among the first two, and first without the classifiers.
		 */
		n = code(ix, sc, "sofware engineer", 5, h);
		UT_CHECK(n >= 2 && (h[0].code == SWE || h[1].code == SWE));
		p.w_class = 0;
		p.w_class_major = 0;
		UT_INT(rx_autocode_index_set_params(ix, &p, &err), RX_OK);
		UT_INT(best(ix, sc, "sofware engineer"), SWE);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("a user-added title takes effect at once; removal takes it away")
	{
		rx_autocode_index   *ix = build();
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_autocode_hit		h[5];
		int			n;
		uint32_t	size = rx_autocode_index_size(ix);

		UT_CHECK(best(ix, sc, "code ninja") != SWE);
		add(ix, "code ninja", SWE, RX_AUTOCODE_TITLE);
		UT_INT(rx_autocode_index_size(ix), size + 1);
		n = code(ix, sc, "code ninja", 5, h);
		UT_CHECK(n >= 1 && h[0].code == SWE && h[0].exact);
		UT_CHECK(h[0].evidence_len == 10 && memcmp(h[0].evidence, "code ninja", 10) == 0);
		UT_CHECK(del(ix, "code ninja", SWE, RX_AUTOCODE_TITLE));
		UT_INT(rx_autocode_index_size(ix), size);
		UT_INT(code(ix, sc, "code ninja", 5, h), 0);
		UT_CHECK(!del(ix, "code ninja", SWE, RX_AUTOCODE_TITLE));
		UT_CHECK(!del(ix, "registered nurse", LPN, RX_AUTOCODE_TITLE));
		UT_CHECK(!del(ix, "registered nurse", RN, RX_AUTOCODE_DESCRIPTION));
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("removing one of two identical entries keeps the other")
	{
		rx_autocode_index   *ix = build();
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_autocode_hit		h[5];
		int			n;

		add(ix, "data wrangler", CSA, RX_AUTOCODE_TITLE);
		add(ix, "data wrangler", CSA, RX_AUTOCODE_TITLE);
		UT_CHECK(del(ix, "data wrangler", CSA, RX_AUTOCODE_TITLE));
		n = code(ix, sc, "data wrangler", 5, h);
		UT_CHECK(n >= 1 && h[0].code == CSA && h[0].exact);
		UT_CHECK(del(ix, "data wrangler", CSA, RX_AUTOCODE_TITLE));
		UT_INT(code(ix, sc, "data wrangler", 5, h), 0);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("removing every title of a code takes the code out of the answers")
	{
		rx_autocode_index   *ix = build();
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_autocode_hit		h[10];
		int			n,
					i;
		bool		seen = false;
		uint32_t	codes = rx_autocode_index_codes(ix);

		UT_CHECK(del(ix, "licensed practical nurse", LPN, RX_AUTOCODE_TITLE));
		UT_CHECK(del(ix, "vocational nurse", LPN, RX_AUTOCODE_TITLE));
		UT_INT(rx_autocode_index_codes(ix), codes - 1);
		n = code(ix, sc, "licensed practical nurse", 10, h);
		for (i = 0; i < n; i++)
			seen |= h[i].code == LPN;
		UT_CHECK(n >= 1 && !seen);
		add(ix, "vocational nurse", LPN, RX_AUTOCODE_TITLE);
		UT_INT(best(ix, sc, "vocational nurse"), LPN);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("many removals compact the index and leave the same answers")
	{
		rx_autocode_index   *ix = build();
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_autocode_hit		before[5],
					after[5];
		int			nb,
					na,
					i;
		char		t[64];
		size_t		bytes;

		nb = code(ix, sc, "electrical engineering technician", 5, before);
		for (i = 0; i < 6000; i++)
		{
			snprintf(t, sizeof(t), "filler title %d", i);
			add(ix, t, 99999900 + i % 7, RX_AUTOCODE_TITLE);
		}
		bytes = rx_autocode_index_bytes(ix);
		for (i = 0; i < 6000; i++)
		{
			snprintf(t, sizeof(t), "filler title %d", i);
			UT_CHECK(del(ix, t, 99999900 + i % 7, RX_AUTOCODE_TITLE));
		}
		UT_INT(rx_autocode_index_size(ix), 22);
		UT_INT(rx_autocode_index_count(ix, RX_AUTOCODE_TITLE), 22);
		UT_INT(rx_autocode_index_codes(ix), 9);
		UT_CHECK(rx_autocode_index_bytes(ix) <= bytes);
		UT_INT(code(ix, sc, "filler title 17", 5, after), 0);
		na = code(ix, sc, "electrical engineering technician", 5, after);
		UT_INT(na, nb);
		for (i = 0; i < na && i < nb; i++)
		{
			UT_INT(after[i].code, before[i].code);
			UT_DBL(after[i].score, before[i].score, 1e-6);
		}
		UT_INT(best(ix, sc, "registered nurse"), RN);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("descriptions vote but are never matched as titles")
	{
		rx_autocode_index   *ix = build();
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_autocode_hit		h[5];
		int			n,
					i;

		add(ix, "Assess patient health problems and maintain medical records.", RN,
			RX_AUTOCODE_DESCRIPTION);
		UT_INT(rx_autocode_index_count(ix, RX_AUTOCODE_DESCRIPTION), 1);
		n = code(ix, sc, "medical records", 5, h);
		UT_CHECK(n >= 1 && h[0].code == RN && !h[0].exact);
		UT_CHECK(h[0].evidence_len == 15 && memcmp(h[0].evidence, "medical records", 15) == 0);
		UT_CHECK(del(ix, "Assess patient health problems and maintain medical records.", RN,
					 RX_AUTOCODE_DESCRIPTION));
		UT_INT(rx_autocode_index_count(ix, RX_AUTOCODE_DESCRIPTION), 0);
		n = code(ix, sc, "medical records", 5, h);
		for (i = 0; i < n; i++)
			UT_CHECK(h[i].code != RN);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("the words of a code's group lift it above an equal code of another group")
	{
		rx_autocode_index   *ix = rx_autocode_index_create(NULL, NULL);
		rx_autocode_scratch *sc;
		rx_autocode_params	p = rx_autocode_params_default();
		rx_autocode_hit		h[5];
		int32_t		g8[RX_AUTOCODE_GROUP_LEVELS] = {0, 0, 0, 8},
					g9[RX_AUTOCODE_GROUP_LEVELS] = {0, 0, 0, 9};
		int			n,
					i,
					pos100 = -1,
					pos200 = -1;
		rx_error	err;

		/* codes 100 and 200 have the same title; only 200's group knows bricklayers */
		add(ix, "crew supervisor", 100, RX_AUTOCODE_TITLE);
		add(ix, "crew supervisor", 200, RX_AUTOCODE_TITLE);
		add(ix, "bricklayer", 300, RX_AUTOCODE_TITLE);
		add(ix, "stone mason", 300, RX_AUTOCODE_TITLE);
		UT_INT(rx_autocode_set_groups(ix, 100, g9, &err), RX_OK);
		UT_INT(rx_autocode_set_groups(ix, 200, g8, &err), RX_OK);
		UT_INT(rx_autocode_set_groups(ix, 300, g8, &err), RX_OK);
		/* a code that has groups but no entry is never an answer */
		UT_INT(rx_autocode_set_groups(ix, 400, g8, &err), RX_OK);
		sc = rx_autocode_scratch_create(ix);
		n = code(ix, sc, "bricklayer crew supervisor", 5, h);
		for (i = 0; i < n; i++)
		{
			pos100 = h[i].code == 100 ? i : pos100;
			pos200 = h[i].code == 200 ? i : pos200;
			UT_CHECK(h[i].code != 400);
		}
		UT_CHECK(pos200 >= 0 && pos100 > pos200);
		UT_CHECK(well_formed(h, n));
		/*
		 * without group votes (nor the major-group classifier, which learns
		 * that bricklayers are group 8) the two are tied, in code order
		 */
		p.w_group[0] = p.w_group[1] = p.w_group[2] = p.w_group[3] = 0;
		p.w_class_major = 0;
		UT_INT(rx_autocode_index_set_params(ix, &p, &err), RX_OK);
		n = code(ix, sc, "bricklayer crew supervisor", 5, h);
		for (i = 0, pos100 = pos200 = -1; i < n; i++)
		{
			pos100 = h[i].code == 100 ? i : pos100;
			pos200 = h[i].code == 200 ? i : pos200;
		}
		UT_CHECK(pos100 >= 0 && pos200 == pos100 + 1);
		/* groups can change after the entries: both in group 8, a tie again */
		p = rx_autocode_params_default();
		UT_INT(rx_autocode_index_set_params(ix, &p, &err), RX_OK);
		UT_INT(rx_autocode_set_groups(ix, 100, g8, &err), RX_OK);
		n = code(ix, sc, "bricklayer crew supervisor", 5, h);
		for (i = 0, pos100 = pos200 = -1; i < n; i++)
		{
			pos100 = h[i].code == 100 ? i : pos100;
			pos200 = h[i].code == 200 ? i : pos200;
		}
		UT_CHECK(pos100 >= 0 && pos200 == pos100 + 1);
		UT_DBL(h[pos100].score, h[pos200].score, 1e-12);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("a query's head in its first segment decides between titles with other heads")
	{
		rx_autocode_index   *ix = team_index(NULL);
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_autocode_hit		h[5];
		int			n;
		rx_error	err;

		/* the head "team" at the end makes it a team title ... */
		UT_INT(rx_autocode_query_head(ix, sc, "data engineer emea team", 23, 0, 5, h, &n, &err), RX_OK);
		UT_CHECK(n >= 2 && h[0].code == 55101700);
		/* ... the head of the first segment, "engineer", makes it a data engineer */
		UT_INT(rx_autocode_query_head(ix, sc, "data engineer emea team", 23, 13, 5, h, &n, &err), RX_OK);
		UT_CHECK(n >= 2 && h[0].code == 15124300 && well_formed(h, n));
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("the same query twice gives the same answer")
	{
		rx_autocode_index   *ix = build();
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_autocode_hit		a[5],
					b[5];
		int			na,
					nb,
					i;

		na = code(ix, sc, "health services nurse manager", 5, a);
		nb = code(ix, sc, "health services nurse manager", 5, b);
		UT_INT(na, nb);
		for (i = 0; i < na && i < nb; i++)
		{
			UT_INT(a[i].code, b[i].code);
			UT_DBL(a[i].score, b[i].score, 0);
		}
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("bad entries and parameters are refused with a sentence")
	{
		rx_autocode_index   *ix = rx_autocode_index_create(NULL, NULL);
		rx_autocode_params	p = rx_autocode_params_default();
		rx_autocode_entry_in in;
		rx_error	err;

		memset(&in, 0, sizeof(in));
		in.text = "nurse";
		in.text_len = 5;
		in.label = "nurse";
		in.label_len = 5;
		in.code = RN;
		in.kind = RX_AUTOCODE_TITLE;
		in.weight = 0;
		UT_INT(rx_autocode_add(ix, &in, &err), RX_ARGUMENT);
		UT_STR(err.detail, "An entry's weight must lie between 0.001 and 100.");
		in.weight = 1;
		in.kind = (rx_autocode_kind) 7;
		UT_INT(rx_autocode_add(ix, &in, &err), RX_ARGUMENT);
		in.kind = RX_AUTOCODE_TITLE;
		in.text = NULL;
		UT_INT(rx_autocode_add(ix, &in, &err), RX_ARGUMENT);
		in.text = "nurse";
		UT_INT(rx_autocode_add(ix, &in, &err), RX_OK);
		UT_INT(rx_autocode_index_size(ix), 1);

		p.w_vote = 1.5;
		UT_INT(rx_autocode_index_set_params(ix, &p, &err), RX_ARGUMENT);
		p = rx_autocode_params_default();
		p.temperature = 0;
		UT_INT(rx_autocode_index_set_params(ix, &p, &err), RX_ARGUMENT);
		p = rx_autocode_params_default();
		p.w_group[3] = 10.5;
		UT_INT(rx_autocode_index_set_params(ix, &p, &err), RX_ARGUMENT);
		UT_STR(err.detail, "Scoring weights must lie between 0 and 10.");
		p = rx_autocode_params_default();
		p.w_headshare = -0.1;
		UT_INT(rx_autocode_index_set_params(ix, &p, &err), RX_ARGUMENT);
		p = rx_autocode_params_default();
		p.stem_level = 1;
		UT_INT(rx_autocode_index_set_params(ix, &p, &err), RX_ARGUMENT);
		UT_STR(err.detail, "The stem level of an index cannot change once it holds entries.");
		p = rx_autocode_params_default();
		p.w_prior = 0.2;
		UT_INT(rx_autocode_index_set_params(ix, &p, &err), RX_OK);
		UT_DBL(rx_autocode_index_params(ix).w_prior, 0.2, 0);
		p.bm25_k1 = 0;
		UT_CHECK(rx_autocode_index_create(NULL, &p) == NULL);
		rx_autocode_index_free(ix);
	}

	UT_CASE("running out of memory fails cleanly and leaves a usable index")
	{
		int			budget;
		int			failures = 0;

		for (budget = 0; budget < 400; budget += 3)
		{
			failing		f = {budget, 0, 0, 0};
			rx_autocode_allocator a = {f_alloc, f_realloc, f_free, &f};
			rx_autocode_index   *ix = rx_autocode_index_create(&a, NULL);
			rx_autocode_scratch *sc;
			rx_autocode_entry_in in;
			rx_error	err;
			const char *titles[] = {"registered nurse", "staff nurse", "software engineer",
			"electrical engineering technician", "director of nursing"};
			int			i,
						n;
			rx_autocode_hit		h[5];

			if (ix == NULL)
			{
				UT_INT(f.live, 0);
				continue;
			}
			for (i = 0; i < 5; i++)
			{
				in.text = titles[i];
				in.text_len = strlen(titles[i]);
				in.label = titles[i];
				in.label_len = strlen(titles[i]);
				in.code = i;
				in.kind = RX_AUTOCODE_TITLE;
				in.weight = 1;
				if (rx_autocode_add(ix, &in, &err) != RX_OK)
				{
					UT_INT(err.status, RX_RANGE);
					failures++;
				}
			}
			sc = rx_autocode_scratch_create(ix);
			if (sc != NULL)
			{
				rx_status	st = rx_autocode_query(ix, sc, "staff nurse", 11, 5, h, &n, &err);

				UT_CHECK(st == RX_OK || st == RX_RANGE);
				UT_CHECK(st != RX_OK || well_formed(h, n));
				rx_autocode_scratch_free(sc);
			}
			rx_autocode_index_free(ix);
			UT_INT(f.live, 0);
		}
		UT_CHECK(failures > 0);
	}

	UT_CASE("a failed allocation in a query leaves index and scratch as they were")
	{
		rx_autocode_index   *ref = build();
		rx_autocode_scratch *rsc = rx_autocode_scratch_create(ref);
		const char *q[] = {"staff nurse", "sofware engineer", "callcenter representative",
		"medical records", "analyst"};
		rx_autocode_hit		want[5][5];
		int			nwant[5],
					i,
					only,
					failures = 0,
					qfailures = 0;

		for (i = 0; i < 5; i++)
			nwant[i] = code(ref, rsc, q[i], 5, want[i]);
		for (only = 0; only < 1000; only += 5)
		{
			failing		f = {-1, 0, only, 0};
			rx_autocode_allocator a = {f_alloc, f_realloc, f_free, &f};
			rx_autocode_index   *ix = rx_autocode_index_create(&a, NULL);
			rx_autocode_scratch *sc;
			rx_autocode_entry_in in;
			rx_error	err;
			rx_autocode_hit		h[5];
			int			n,
						j,
						r;

			if (ix == NULL)
				continue;
			/* the same dictionary as build(), entry by entry, retrying a failed add */
			{
				for (j = 0; j < TOY_N; j++)
				{
					in.text = toy_title[j];
					in.text_len = strlen(toy_title[j]);
					in.label = toy_title[j];
					in.label_len = strlen(toy_title[j]);
					in.code = toy_code[j];
					in.kind = RX_AUTOCODE_TITLE;
					in.weight = 1;
					in.head_end = 0;
					if (rx_autocode_add(ix, &in, &err) != RX_OK)
					{
						failures++;
						UT_INT(rx_autocode_add(ix, &in, &err), RX_OK);
					}
				}
			}
			sc = rx_autocode_scratch_create(ix);
			if (sc == NULL)
				sc = rx_autocode_scratch_create(ix);
			for (i = 0; i < 5; i++)
			{
				if (rx_autocode_query(ix, sc, q[i], strlen(q[i]), 5, h, &n, &err) != RX_OK)
				{
					qfailures++;
					UT_INT(rx_autocode_query(ix, sc, q[i], strlen(q[i]), 5, h, &n, &err), RX_OK);
				}
				UT_INT(n, nwant[i]);
				for (r = 0; r < n && r < nwant[i]; r++)
				{
					UT_INT(h[r].code, want[i][r].code);
					UT_DBL(h[r].score, want[i][r].score, 1e-9);
				}
			}
			rx_autocode_scratch_free(sc);
			rx_autocode_index_free(ix);
			UT_INT(f.live, 0);
		}
		UT_CHECK(failures > 0);
		UT_CHECK(qfailures > 0);
		rx_autocode_scratch_free(rsc);
		rx_autocode_index_free(ref);
	}
}

/*
 * Code raw title s through the pipeline with k candidates; the status.
 * coding->norm stays valid until the next call.
 */
static rx_status
code_raw(rx_autocode_index *ix, rx_autocode_scratch *sc, const char *s, size_t len, int k,
		 rx_autocode_hit *out, rx_autocode_coding *coding)
{
	static void *work;			/* kept: coding->norm points into it */
	static size_t cap;
	size_t		need = rx_autocode_work_size(len);
	rx_error	err;

	if (need > cap)
	{
		free(work);
		cap = need;
		work = malloc(cap);
		if (work == NULL)
		{
			cap = 0;
			return RX_RANGE;
		}
	}
	return rx_autocode_code_title(ix, sc, s, len, work, need, k, out, coding, &err);
}

/* Add raw title s under code through the pipeline; the status. */
static rx_status
add_raw(rx_autocode_index *ix, const char *s, int32_t code)
{
	rx_autocode_entry_in in = {s, strlen(s), s, strlen(s), code, RX_AUTOCODE_TITLE, 1.0, 0};
	size_t		need = rx_autocode_work_size(strlen(s));
	void	   *work = malloc(need);
	rx_error	err;
	rx_status	st;

	if (work == NULL)
		return RX_RANGE;
	st = rx_autocode_add_title(ix, &in, work, need, &err);
	free(work);
	return st;
}

UT_SUITE(autocode_pipeline)
{
	UT_CASE("a raw title is normalized, its head window found, then queried")
	{
		rx_autocode_index *ix = team_index(NULL);
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_autocode_hit h[5],
					q[5];
		rx_autocode_coding coding;
		int			n,
					i;
		rx_error	err;

		UT_INT(code_raw(ix, sc, "Sr. Data Engr - EMEA Team", 25, 5, h, &coding), RX_OK);
		UT_STR(coding.norm, "data engineer emea team");
		UT_INT(coding.normlen, 23);
		UT_CHECK(coding.n >= 2 && h[0].code == 15124300);
		/* the same as the query with the window the pipeline found */
		UT_INT(rx_autocode_query_head(ix, sc, "data engineer emea team", 23, 13, 5, q, &n, &err), RX_OK);
		UT_INT(n, coding.n);
		for (i = 0; i < n && i < coding.n; i++)
		{
			UT_INT(h[i].code, q[i].code);
			UT_DBL(h[i].score, q[i].score, 0);
		}
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}
	UT_CASE("without params.head_window the head is looked for anywhere")
	{
		rx_autocode_params p = rx_autocode_params_default();
		rx_autocode_index *ix;
		rx_autocode_scratch *sc;
		rx_autocode_hit h[5];
		rx_autocode_coding coding;

		p.head_window = false;
		ix = team_index(&p);
		sc = rx_autocode_scratch_create(ix);
		UT_INT(code_raw(ix, sc, "Sr. Data Engr - EMEA Team", 25, 5, h, &coding), RX_OK);
		UT_CHECK(coding.n >= 2 && h[0].code == 55101700);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}
	UT_CASE("confidences are the rounded scores; the review rule reads the best two, even for k = 1")
	{
		rx_autocode_index *ix = build();
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_autocode_hit h[5],
					one[1];
		rx_autocode_coding coding,
					coding1;
		const char *const titles[] = {"Analyst", "Sr. Software Eng", "Staff Nurse (Remote)", "xqzzt", "Manager"};
		size_t		t;
		int			i;

		for (t = 0; t < sizeof(titles) / sizeof(titles[0]); t++)
		{
			int16_t		c;
			rx_error	err;

			UT_INT(code_raw(ix, sc, titles[t], strlen(titles[t]), 5, h, &coding), RX_OK);
			for (i = 0; i < coding.n; i++)
			{
				UT_INT(rx_confidence_from_double(h[i].score, &c, &err), RX_OK);
				UT_INT(h[i].confidence, c);
			}
			UT_CHECK(coding.needs_review ==
					 rx_confidence_needs_review((size_t) coding.n, coding.n > 0 ? h[0].confidence : 0,
												coding.n > 1 ? h[1].confidence : 0));
			UT_INT(code_raw(ix, sc, titles[t], strlen(titles[t]), 1, one, &coding1), RX_OK);
			UT_INT(coding1.n, coding.n > 0 ? 1 : 0);
			UT_CHECK(coding1.needs_review == coding.needs_review);
			if (coding.n > 0)
				UT_INT(one[0].code, h[0].code);
		}
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);

		/* two codes share a title alike: the second ties the best, so review even at k = 1 */
		ix = rx_autocode_index_create(NULL, NULL);
		add(ix, "zorblax wrangler", SWE, RX_AUTOCODE_TITLE);
		add(ix, "zorblax wrangler", RN, RX_AUTOCODE_TITLE);
		add(ix, "software engineer", SWE, RX_AUTOCODE_TITLE);
		add(ix, "registered nurse", RN, RX_AUTOCODE_TITLE);
		sc = rx_autocode_scratch_create(ix);
		UT_INT(code_raw(ix, sc, "Zorblax Wrangler", 16, 1, one, &coding), RX_OK);
		UT_INT(coding.n, 1);
		UT_CHECK(one[0].confidence >= RX_CONFIDENCE_REVIEW_BELOW);	/* the best alone would pass */
		UT_CHECK(coding.needs_review);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}
	UT_CASE("a dictionary row is added as its normalized text with its head window")
	{
		rx_autocode_index *ix = rx_autocode_index_create(NULL, NULL);
		rx_autocode_scratch *sc;
		rx_autocode_hit h[5];
		rx_autocode_coding coding;

		UT_INT(add_raw(ix, "Parole Officer (PO)", 33301200), RX_OK);
		UT_INT(add_raw(ix, "Probation Officer", 21109200), RX_OK);
		UT_INT(add_raw(ix, "PO Box Clerk", 43505100), RX_OK);
		sc = rx_autocode_scratch_create(ix);
		UT_INT(code_raw(ix, sc, "PAROLE OFFICER", 14, 5, h, &coding), RX_OK);
		UT_CHECK(coding.n > 0 && h[0].code == 33301200 && h[0].exact == false);
		UT_INT((int) h[0].evidence_len, 19);
		UT_INT(code_raw(ix, sc, "Parole Officer (PO)", 19, 5, h, &coding), RX_OK);
		UT_CHECK(coding.n > 0 && h[0].code == 33301200 && h[0].exact);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}
	UT_CASE("unreadable titles and short work memory are errors; k is checked")
	{
		rx_autocode_index *ix = build();
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_autocode_hit h[5];
		rx_autocode_coding coding;
		char		small[8];
		size_t		big = RX_TITLE_MAX_LEN + 1;
		char	   *t = malloc(big);
		rx_error	err;

		UT_INT(code_raw(ix, sc, "Caf\xe9 Nurse", 10, 5, h, &coding), RX_ENCODING);
		UT_INT(coding.n, 0);
		UT_CHECK(t != NULL);
		if (t != NULL)
		{
			memset(t, 'a', big);
			UT_INT(code_raw(ix, sc, t, big, 5, h, &coding), RX_LIMIT);
			UT_INT(code_raw(ix, sc, t, big - 1, 5, h, &coding), RX_OK);
			free(t);
		}
		UT_INT(rx_autocode_code_title(ix, sc, "Nurse", 5, small, sizeof(small), 5, h, &coding, &err),
			   RX_ARGUMENT);
		UT_INT(code_raw(ix, sc, "Nurse", 5, RX_AUTOCODE_K_MAX + 1, h, &coding), RX_ARGUMENT);
		UT_INT(code_raw(ix, sc, "", 0, 5, h, &coding), RX_OK);
		UT_INT(coding.n, 0);
		UT_CHECK(coding.needs_review);
		UT_INT(add_raw(ix, "Caf\xe9 Manager", MGR), RX_ENCODING);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}
}

/* ------------------------------------------------------------------ */
/* Matching that does not depend on word order or spelling             */

#define TEACH	25203100		/* teachers */
#define PROF	25105100		/* atmospheric science teachers, postsecondary */
#define METEO	19202100		/* atmospheric scientists */
#define OPER	51404100		/* machinists and machine operators */
#define SUPV	51101100		/* first-line supervisors of production workers */
#define ACCT	13201100		/* accountants */
#define ACLK	43303100		/* bookkeeping and accounting clerks */
#define HOUSE	37201200		/* maids and housekeeping cleaners */
#define DISP	43503100		/* dispatchers */
#define DESENG	17219900		/* engineers, all other */

/* The titles of the matching cases, one code each. */
static const struct
{
	const char *t;
	int32_t		c;
}			style_titles[] = {
	{"meteorology teacher", TEACH}, {"math teacher", TEACH}, {"teacher", TEACH},
	{"meteorology professor", PROF}, {"meteorologist", METEO}, {"weather forecaster", METEO},
	{"machine operator", OPER}, {"press operator", OPER}, {"machine setter", OPER}, {"setter helper", OPER},
	{"machine setter supervisor", SUPV}, {"production supervisor", SUPV},
	{"accountant", ACCT}, {"accounting clerk", ACLK}, {"registered nurse", RN}, {"staff nurse", RN},
	{"private household worker", HOUSE}, {"household cleaner", HOUSE},
	{"dispatcher", DISP}, {"police dispatcher", DISP},
	{"customer service representative", CSR}, {"software engineer", SWE}, {"design engineer", DESENG}
};

/* The dictionary of the matching cases (normalized texts). */
static rx_autocode_index *
style_index(const rx_autocode_params *p)
{
	rx_autocode_index *ix = rx_autocode_index_create(NULL, p);
	size_t		i;

	for (i = 0; i < sizeof(style_titles) / sizeof(style_titles[0]); i++)
		add(ix, style_titles[i].t, style_titles[i].c, RX_AUTOCODE_TITLE);
	return ix;
}

/* Does raw title s code (through the pipeline) to the same best code as raw title clean? */
static bool
codes_like(rx_autocode_index *ix, rx_autocode_scratch *sc, const char *s, const char *clean)
{
	rx_autocode_hit h[5];
	rx_autocode_coding coding;
	int32_t		want;

	if (code_raw(ix, sc, clean, strlen(clean), 5, h, &coding) != RX_OK || coding.n == 0)
		return false;
	want = h[0].code;
	return code_raw(ix, sc, s, strlen(s), 5, h, &coding) == RX_OK && coding.n > 0 && h[0].code == want;
}

UT_SUITE(autocode_matching)
{
	UT_CASE("index qualifiers are stop words: exclusions and not-elsewhere-classified")
	{
		static rx_autocode_words w;
		int			i;

		rx_autocode_split("cleaner exc private household", 29, 2, &w);
		UT_INT(w.n, 4);
		UT_CHECK(!w.w[0].stop && w.w[1].stop && w.w[2].stop && w.w[3].stop);
		UT_CHECK(w.w[0].head);
		rx_autocode_split("architects except landscape and naval", 37, 2, &w);
		for (i = 1; i < w.n; i++)
			UT_CHECK(w.w[i].stop);
		UT_CHECK(w.w[0].head);
		rx_autocode_split("clerk not elsewhere classified", 30, 2, &w);
		UT_CHECK(!w.w[0].stop && w.w[1].stop && w.w[2].stop && w.w[3].stop);
		rx_autocode_split("cook nec", 8, 2, &w);
		UT_CHECK(!w.w[0].stop && w.w[1].stop);
		/* a marker before any content word, a word that only starts like one, "not" in a title */
		rx_autocode_split("exc clerk", 9, 2, &w);
		UT_CHECK(!w.w[1].stop && w.w[1].head);
		rx_autocode_split("exceptional student teacher", 27, 2, &w);
		UT_CHECK(!w.w[0].stop && !w.w[1].stop && !w.w[2].stop);
		rx_autocode_split("not for profit manager", 22, 2, &w);
		UT_CHECK(!w.w[0].stop && !w.w[3].stop);
	}

	UT_CASE("the trigram lists of the vocabulary, by hand")
	{
		rx_autocode_index *ix = style_index(NULL);
		uint32_t	t = rx_autocode_token_find(ix, "nurs", 4),
					keys[4],
					want[4] = {'n' << 8 | 'u', (uint32_t) 'n' << 16 | 'u' << 8 | 'r',
			(uint32_t) 'u' << 16 | 'r' << 8 | 's', (uint32_t) 'r' << 16 | 's' << 8};
		int			i;

		/* "nurse" is kept as its stem "nurs": ^nu, nur, urs, rs$ */
		UT_CHECK(t != UINT32_MAX);
		UT_INT(rx_autocode_trigrams("nurs", 4, keys), 4);
		for (i = 0; i < 4; i++)
		{
			uint32_t	l = rx_autocode_trigram_find(ix, want[i]),
						m;
			bool		has = false;

			UT_INT(keys[i], want[i]);
			UT_CHECK(l != UINT32_MAX);
			for (m = 0; l != UINT32_MAX && m < rx_autocode_trigram_tokens(ix, l).n; m++)
				has |= rx_autocode_trigram_tokens(ix, l).v[m] == t;
			UT_CHECK(has);
		}
		/* ^nu lists the words that start with "nu" only: nurs */
		UT_INT(ix->trilists[rx_autocode_trigram_find(ix, want[0])].n, 1);
		rx_autocode_index_free(ix);
	}

	UT_CASE("the group votes of each feature, by hand")
	{
		rx_autocode_params p = rx_autocode_params_default();
		rx_autocode_index *ix;
		int32_t		g1[RX_AUTOCODE_GROUP_LEVELS] = {0, 0, 0, 510000},
					g2[RX_AUTOCODE_GROUP_LEVELS] = {0, 0, 0, 470000};
		uint32_t	f,
					g;
		rx_error	err;

		p.w_group[0] = 0;
		ix = rx_autocode_index_create(NULL, &p);
		add(ix, "crew supervisor", 100, RX_AUTOCODE_TITLE);
		add(ix, "crew leader", 200, RX_AUTOCODE_TITLE);
		add(ix, "bricklayer", 300, RX_AUTOCODE_TITLE);
		UT_INT(rx_autocode_set_groups(ix, 100, g1, &err), RX_OK);
		UT_INT(rx_autocode_set_groups(ix, 200, g1, &err), RX_OK);
		UT_INT(rx_autocode_set_groups(ix, 300, g2, &err), RX_OK);
		UT_INT(rx_autocode_index_refresh(ix, &err), RX_OK);

		/*
		 * Two major groups, with 2 and 1 titles (average 1.5): BM25 length
		 * terms k = 1.0 * (0.25 + 0.75 * 2 / 1.5) = 1.25 and 0.75.  "crew" is
		 * in one group of two: idf ln(3 / 1.5) = ln 2, pooled weight 2, vote
		 * ln 2 * 2 / 3.25; "bricklay" ln 2 * 1 / 1.75; the head "supervis"
		 * weighs 0.7: 0.7 ln 2 * 1 / 2.25.
		 */
		f = rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, rx_autocode_token_find(ix, "crew", 4));
		UT_INT(ix->gv_start[f + 1] - ix->gv_start[f], 1);
		g = ix->gv_group[ix->gv_start[f]];
		UT_INT(ix->groups[g].code, 510000);
		UT_DBL(ix->gv_val[ix->gv_start[f]], log(2.0) * 2 / 3.25, 1e-6);
		f = rx_autocode_token_feature(ix, RX_AUTOCODE_F_WORD, rx_autocode_token_find(ix, "bricklay", 8));
		UT_INT(ix->gv_start[f + 1] - ix->gv_start[f], 1);
		UT_INT(ix->groups[ix->gv_group[ix->gv_start[f]]].code, 470000);
		UT_DBL(ix->gv_val[ix->gv_start[f]], log(2.0) / 1.75, 1e-6);
		f = rx_autocode_token_feature(ix, RX_AUTOCODE_F_HEAD, rx_autocode_token_find(ix, "supervis", 8));
		UT_DBL(ix->gv_val[ix->gv_start[f]], 0.7 * log(2.0) / 2.25, 1e-6);
		/* grams vote for codes only */
		for (f = 0; f < ix->nfeats; f++)
			if (ix->feats[f].kind == RX_AUTOCODE_F_GRAM)
				UT_INT(ix->gv_start[f + 1] - ix->gv_start[f], 0);
		rx_autocode_index_free(ix);
	}

	UT_CASE("an inverted title codes like the clean one: comma or not, head first")
	{
		rx_autocode_params p = rx_autocode_params_default();
		rx_autocode_index *ix = style_index(NULL);
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_error	err;

		UT_INT(best(ix, sc, "machine setter supervisor"), SUPV);
		UT_INT(best(ix, sc, "supervisor machine setter"), SUPV);
		UT_INT(best(ix, sc, "teacher meteorology"), TEACH);
		UT_CHECK(codes_like(ix, sc, "Supervisor, Machine Setter", "Machine Setter Supervisor"));
		UT_CHECK(codes_like(ix, sc, "Supervisor machine setter", "Machine Setter Supervisor"));
		UT_CHECK(codes_like(ix, sc, "Teacher meteorology", "Meteorology Teacher"));
		/* two head nouns: the rule's choice stands ("accountant", which heads its titles too) */
		UT_INT(best(ix, sc, "clerk accountant"), ACCT);
		/* without the head-first reading the last word is the head */
		p.head_first = 0;
		UT_INT(rx_autocode_index_set_params(ix, &p, &err), RX_OK);
		UT_INT(best(ix, sc, "supervisor machine setter"), OPER);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("a qualified title codes like the clean one")
	{
		rx_autocode_index *ix = style_index(NULL);
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);

		UT_INT(best(ix, sc, "accountant exc private household"), ACCT);
		UT_CHECK(codes_like(ix, sc, "Accountant, exc. private household", "Accountant"));
		UT_CHECK(codes_like(ix, sc, "Registered Nurse (except household)", "Registered Nurse"));
		UT_CHECK(codes_like(ix, sc, "Dispatcher, n.e.c.", "Dispatcher"));
		UT_CHECK(codes_like(ix, sc, "Dispatcher, not elsewhere classified", "Dispatcher"));
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("a typo codes like the clean title: in a stem, in an inflected form")
	{
		rx_autocode_index *ix = style_index(NULL);
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_autocode_hit h[5];
		rx_autocode_coding coding;

		UT_INT(best(ix, sc, "acountant"), ACCT);
		UT_INT(best(ix, sc, "regsitered nurse"), RN);
		/* the dictionary keeps dispatch; the typo is in dispatcher */
		UT_INT(best(ix, sc, "police dispatcehr"), DISP);
		UT_INT(best(ix, sc, "dispatcherr"), DISP);
		UT_CHECK(codes_like(ix, sc, "Meteorology Teahcer", "Meteorology Teacher"));
		/* the corrected reading is exact, with half the bonus of typed words, and the guess is told */
		UT_INT(code_raw(ix, sc, "Machine Operatr", 15, 5, h, &coding), RX_OK);
		UT_CHECK(coding.n > 0 && h[0].code == OPER && h[0].exact);
		UT_DBL(coding.read_typo, 0.5, 1e-12);
		UT_DBL(coding.read_split, 0, 0);
		{
			rx_autocode_hit clean[5];
			rx_autocode_coding cc;

			UT_INT(code_raw(ix, sc, "Machine Operator", 16, 5, clean, &cc), RX_OK);
			UT_CHECK(cc.n > 0 && clean[0].code == OPER && clean[0].exact && clean[0].score > h[0].score);
			UT_CHECK(clean[0].raw - h[0].raw > 0.2);
			UT_DBL(cc.read_typo, 0, 0);
		}
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("a title cut short codes like the whole one")
	{
		rx_autocode_index *ix = style_index(NULL);
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);

		UT_INT(best(ix, sc, "registered nur"), RN);
		UT_INT(best(ix, sc, "machine ope"), OPER);
		UT_INT(best(ix, sc, "meteorology teac"), TEACH);
		/* two letters of a cut head: the word that heads the most titles */
		UT_INT(best(ix, sc, "press op"), OPER);
		/* a cut inflected form: operato is operator cut */
		UT_INT(best(ix, sc, "press operato"), OPER);
		/* only the last word is taken as cut */
		UT_CHECK(best(ix, sc, "reg nurse") == RN);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("run-together words and abbreviations code like the spaced title")
	{
		rx_autocode_index *ix = style_index(NULL);
		rx_autocode_scratch *sc = rx_autocode_scratch_create(ix);
		rx_autocode_hit h[5];
		rx_autocode_coding coding;

		UT_INT(best(ix, sc, "softwareengineer"), SWE);
		UT_INT(best(ix, sc, "softwareeng"), SWE);
		UT_INT(best(ix, sc, "machineoper"), OPER);
		UT_CHECK(codes_like(ix, sc, "CustSvcRep", "Customer Service Representative"));
		UT_CHECK(codes_like(ix, sc, "Sr.SoftwareEng", "Software Engineer"));
		/* what the words were read as is matched exactly */
		UT_INT(code_raw(ix, sc, "CustSvcRep", 10, 5, h, &coding), RX_OK);
		UT_CHECK(coding.n > 0 && h[0].code == CSR && h[0].exact);
		UT_DBL(coding.read_split, 1, 1e-12);
		UT_DBL(coding.read_typo, 0, 0);
		/* run-together words win over a typo in a form: "designeng" is not "designing" */
		UT_INT(code_raw(ix, sc, "DesignEng", 9, 5, h, &coding), RX_OK);
		UT_CHECK(coding.n > 0 && h[0].code == DESENG && h[0].exact);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("a typo in an inflected form needs a stem of four letters")
	{
		rx_autocode_index *ix = rx_autocode_index_create(NULL, NULL);
		rx_autocode_scratch *sc;
		rx_autocode_hit h[5];
		rx_autocode_coding coding;

		/* "emea" is one letter from "emes" (em + es), but em is too short a stem to read it so */
		add(ix, "em technologist", RN, RX_AUTOCODE_TITLE);
		add(ix, "lab technologist", SWE, RX_AUTOCODE_TITLE);
		add(ix, "weld inspector", OPER, RX_AUTOCODE_TITLE);
		sc = rx_autocode_scratch_create(ix);
		UT_INT(code_raw(ix, sc, "EMEA Technologist", 17, 5, h, &coding), RX_OK);
		UT_DBL(coding.read_typo, 0, 0);
		UT_CHECK(coding.n > 0 && !h[0].exact);
		/* weld + er, one letter added: read (one word of two) */
		UT_INT(code_raw(ix, sc, "Welderr Inspector", 17, 5, h, &coding), RX_OK);
		UT_DBL(coding.read_typo, 0.5, 1e-12);
		UT_CHECK(coding.n > 0 && h[0].code == OPER);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("grams of more than gram_codes_max codes are left out of a query")
	{
		rx_autocode_params p = rx_autocode_params_default();
		rx_autocode_index *ix;
		rx_autocode_scratch *sc;
		rx_autocode_hit h[5];
		rx_error	err;

		/* "mannheim" is no word of the dictionary and reads as none: its gram "mann" is its evidence */
		p.gram_codes_max = 0;
		ix = rx_autocode_index_create(NULL, &p);
		add(ix, "hermann", SWE, RX_AUTOCODE_TITLE);
		add(ix, "ottmann", RN, RX_AUTOCODE_TITLE);
		add(ix, "sillmann", OPER, RX_AUTOCODE_TITLE);
		add(ix, "registered nurse", RN, RX_AUTOCODE_TITLE);
		add(ix, "software engineer", SWE, RX_AUTOCODE_TITLE);
		add(ix, "machine operator", OPER, RX_AUTOCODE_TITLE);
		add(ix, "accountant", ACCT, RX_AUTOCODE_TITLE);
		sc = rx_autocode_scratch_create(ix);
		UT_INT(code(ix, sc, "mannheim", 5, h), 3);
		/* "mann" is in three codes: with a cap of two it is not looked at */
		p.gram_codes_max = 2;
		UT_INT(rx_autocode_index_set_params(ix, &p, &err), RX_OK);
		UT_INT(code(ix, sc, "mannheim", 5, h), 0);
		p.gram_codes_max = 3;
		UT_INT(rx_autocode_index_set_params(ix, &p, &err), RX_OK);
		UT_INT(code(ix, sc, "mannheim", 5, h), 3);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("a feature of more than match_common titles matches only the titles others found")
	{
		rx_autocode_params p = rx_autocode_params_default();
		rx_autocode_index *ix;
		rx_autocode_scratch *sc;
		rx_autocode_hit h[5];
		rx_error	err;
		int			n,
					i;
		bool		seen = false;

		p.match_common = 0;
		ix = rx_autocode_index_create(NULL, &p);
		add(ix, "machine operator", OPER, RX_AUTOCODE_TITLE);
		add(ix, "press operator", OPER, RX_AUTOCODE_TITLE);
		add(ix, "switchboard operator", CSR, RX_AUTOCODE_TITLE);
		add(ix, "crane operator", SUPV, RX_AUTOCODE_TITLE);
		add(ix, "crane inspector", DISP, RX_AUTOCODE_TITLE);
		sc = rx_autocode_scratch_create(ix);
		/* every title with "operator" is matched: the machinists' evidence is a title of theirs */
		n = code(ix, sc, "crane operator", 5, h);
		UT_CHECK(n > 0 && h[0].code == SUPV && h[0].exact);
		for (i = 0; i < n; i++)
			if (h[i].code == OPER)
			{
				seen = true;
				UT_CHECK(h[i].evidence_len == 16 || h[i].evidence_len == 14);
				UT_CHECK(strncmp(h[i].evidence + h[i].evidence_len - 8, "operator", 8) == 0 &&
						 strncmp(h[i].evidence, "crane", 5) != 0);
			}
		UT_CHECK(seen);
		/* "operator" is in 4 titles, over a cap of 2: it adds only to the crane titles */
		p.match_common = 2;
		UT_INT(rx_autocode_index_set_params(ix, &p, &err), RX_OK);
		n = code(ix, sc, "crane operator", 5, h);
		UT_CHECK(n > 0 && h[0].code == SUPV && h[0].exact);
		for (i = 0; i < n; i++)
			if (h[i].code == OPER)	/* only voted for: its evidence is the query's words */
				UT_CHECK(h[i].evidence_len != 16 && h[i].evidence_len != 14);
		/* the query's rarest feature is walked whole, however common */
		n = code(ix, sc, "operator", 5, h);
		UT_CHECK(n >= 3);
		for (i = 0; i < n; i++)
			if (h[i].code == OPER)
				UT_CHECK(h[i].evidence_len == 16 || h[i].evidence_len == 14);
		rx_autocode_scratch_free(sc);
		rx_autocode_index_free(ix);
	}

	UT_CASE("the confidence is a beta calibration of the softmax, shifted by the guessed words")
	{
		rx_autocode_params p = rx_autocode_params_default();
		double		raw[2] = {1.0, 0.9},
					denom,
					pr,
					z;
		rx_autocode_hit out[2];

		p.calib_a = 0.8;
		p.calib_b = -0.2;
		p.calib_c = 0.4;
		p.calib_typo = -0.1;
		p.calib_split = 0.05;
		p.temperature = 0.1;
		p.null_score = 0.5;
		rx_autocode_calibrate_hits(&p, raw, 2, 0.5, 0.25, out, 2);
		/* softmax over the two and "none of these" (0.5), at temperature 0.1 */
		denom = 1 + exp(-1.0) + exp(-5.0);
		pr = 1 / denom;
		z = 0.8 * log(pr) - 0.4 * log(1 - pr) - 0.2 - 0.1 * 0.5 + 0.05 * 0.25;
		UT_DBL(out[0].score, 1 / (1 + exp(-z)), 1e-12);
		pr = exp(-1.0) / denom;
		z = 0.8 * log(pr) - 0.4 * log(1 - pr) - 0.2 - 0.1 * 0.5 + 0.05 * 0.25;
		UT_DBL(out[1].score, 1 / (1 + exp(-z)), 1e-12);
		UT_DBL(out[0].raw, 1.0, 0);
		/* Platt scaling is the case a = c */
		p.calib_c = 0.8;
		rx_autocode_calibrate_hits(&p, raw, 2, 0, 0, out, 1);
		pr = 1 / denom;
		UT_DBL(out[0].score, 1 / (1 + exp(-(0.8 * log(pr / (1 - pr)) - 0.2))), 1e-12);
		/* a typo lowers the confidence of the same answer with the fitted terms */
		p = rx_autocode_params_default();
		rx_autocode_calibrate_hits(&p, raw, 2, 0, 0, out, 1);
		z = out[0].score;
		rx_autocode_calibrate_hits(&p, raw, 2, 1, 0, out, 1);
		UT_CHECK(out[0].score < z);
	}
}
