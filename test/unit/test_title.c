/*
 * test_title.c — unit tests of the job-title normalizer (src/core/title.c)
 * and its generated tables.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/level.h"
#include "core/title.h"
#include "core/title_tables.h"

static char norm_buf[1 << 16];
static char lvl_buf[RX_LEVEL_TEXT_MAX + 8];

/* Normalize s[0..len): the text, or "ERR <status>" on failure. */
static const char *
norm_n(const char *s, size_t len)
{
	size_t		outlen = 0;
	rx_error	err;
	rx_status	st;

	if (rx_title_out_capacity(len) > sizeof(norm_buf))
		return "ERR too long for the test buffer";
	st = rx_title_normalize(s, len, norm_buf, sizeof(norm_buf), &outlen, &err);
	if (st != RX_OK)
		snprintf(norm_buf, sizeof(norm_buf), "ERR %d", (int) st);
	else if (outlen != strlen(norm_buf))
		return "ERR outlen";
	return norm_buf;
}

/* Normalize a NUL-terminated title. */
static const char *
norm(const char *s)
{
	return norm_n(s, strlen(s));
}

/* The level of s as text, "" when none, "ERR <status>" on failure. */
static const char *
lvl_n(const char *s, size_t len)
{
	bool		found;
	int32_t		v;
	rx_error	err;
	rx_status	st = rx_title_level(s, len, &found, &v, &err);

	if (st != RX_OK)
		snprintf(lvl_buf, sizeof(lvl_buf), "ERR %d", (int) st);
	else if (!found)
		lvl_buf[0] = '\0';
	else
		rx_level_format(v, lvl_buf);
	return lvl_buf;
}

/* The level of a NUL-terminated title (see lvl_n). */
static const char *
lvl(const char *s)
{
	return lvl_n(s, strlen(s));
}

/* The detail sentence of a failed normalization of s[0..len). */
static const char *
detail_of(const char *s, size_t len)
{
	static rx_error err;
	size_t		outlen;

	if (rx_title_normalize(s, len, norm_buf, sizeof(norm_buf), &outlen, &err) == RX_OK)
		return "(no error)";
	return err.detail;
}

/* Is normalization of s idempotent? */
static bool
idempotent(const char *s)
{
	static char once[1 << 16];
	const char *r = norm(s);

	if (strncmp(r, "ERR", 3) == 0 || strlen(r) >= sizeof(once))
		return false;
	strcpy(once, r);
	return strcmp(norm(once), once) == 0;
}

/* Is word w (a whole word) in the normalized text t? */
static bool
has_word(const char *t, const char *w)
{
	size_t		n = strlen(w);
	const char *p = t;

	while ((p = strstr(p, w)) != NULL)
	{
		if ((p == t || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return true;
		p += n;
	}
	return false;
}

typedef struct
{
	const char *in;
	const char *out;
} pair;

/*
 * Every abbreviation of the lexicon, in a context, with its normalized
 * form.  test "every abbreviation is tested" fails when the lexicon has an
 * abbreviation that is not the first word of some entry here.
 */
static const pair abbreviations[] = {
	{"sr analyst", "analyst"},
	{"snr analyst", "analyst"},
	{"jr analyst", "analyst"},
	{"jnr analyst", "analyst"},
	{"eng", "engineer"},
	{"eng manager", "engineering manager"},
	{"engr", "engineer"},
	{"engr director", "engineering director"},
	{"mgr", "manager"},
	{"mngr", "manager"},
	{"mgmt consultant", "management consultant"},
	{"dev", "developer"},
	{"dev manager", "development manager"},
	{"devops engineer", "devops engineer"},
	{"ops analyst", "operations analyst"},
	{"admin", "administrator"},
	{"admin assistant", "administrative assistant"},
	{"assoc", "associate"},
	{"asst", "asst"},			/* placeholder replaced below */
	{"dir", "director"},
	{"vp", "vice president"},
	{"svp", "vice president"},
	{"evp", "vice president"},
	{"avp", "vice president"},
	{"exec", "executive"},
	{"tech", "technician"},
	{"tech writer", "technical writer"},
	{"spec", "specialist"},
	{"coord", "coordinator"},
	{"rep", "representative"},
	{"acct", "accountant"},
	{"acct mgr", "account manager"},
	{"hr", "human resources"},
	{"hrbp", "human resources business partner"},
	{"it", "information technology"},
	{"qa", "quality assurance"},
	{"sw architect", "software architect"},
	{"swe", "software engineer"},
	{"swe manager", "software engineering manager"},
	{"sre", "site reliability engineer"},
	{"sre manager", "site reliability engineering manager"},
	{"pm", "project manager"},
	{"pm analyst", "project management analyst"},
	{"ui designer", "user interface designer"},
	{"ux designer", "user experience designer"},
	{"ml engineer", "machine learning engineer"},
	{"ai researcher", "artificial intelligence researcher"},
	{"db developer", "database developer"},
	{"dba", "database administrator"},
	{"dba manager", "database administration manager"},
	{"sys engineer", "systems engineer"},
	{"sysadmin", "systems administrator"},
	{"sysadmin lead", "systems administration lead"},
	{"infra engineer", "infrastructure engineer"},
	{"cust svc rep", "customer service representative"},
	{"svc desk analyst", "service desk analyst"},
	{"sup", "supervisor"},
	{"sup specialist", "support specialist"},
	{"supv", "supervisor"},
	{"trnee", "trainee"},
	{"mktg coordinator", "marketing coordinator"},
	{"gm", "general manager"},
	{"ceo", "chief executive officer"},
	{"cfo", "chief financial officer"},
	{"coo", "chief operating officer"},
	{"cto", "chief technology officer"},
	{"cio", "chief information officer"},
	{"cmo", "chief marketing officer"},
	{"ciso", "chief information security officer"},
	{"chro", "chief human resources officer"},
	{"cno", "chief nursing officer"},
	{"acctg clerk", "accounting clerk"},
	{"maint mechanic", "maintenance mechanic"},
	{"dept head", "department head"},
	{"machine oper", "machine operator"},
	{"oper manager", "operations manager"},
	{"pres", "president"},
	{"mfg engineer", "manufacturing engineer"},
	{"whse associate", "warehouse associate"},
	{"equip operator", "equipment operator"},
	{"auto mech", "auto mechanic"},
	{"mech engineer", "mechanical engineer"},
	{"journeyman elec", "journeyman electrician"},
	{"elec engineer", "electrical engineer"},
	{"supt", "superintendent"},
	{"mgt analyst", "management analyst"},
	{"insp", "inspector"},
	{"instr", "instructor"},
	{"tchr", "teacher"},
	{"clk", "clerk"},
	{"supvr", "supervisor"},
	{"svcs coordinator", "services coordinator"},
};

/*
 * Every level word with the level it gives.  test "every level word is
 * tested" fails when a grade word, rank noun or numeral of the lexicon is
 * not the first word after "x " of some entry here.
 */
static const pair levels[] = {
	{"intern", "P1"},
	{"x intern", "P1"},
	{"x internship", "P1"},
	{"x trainee", "P1"},
	{"x apprentice", "P1"},
	{"x junior analyst", "P1"},
	{"x entry level analyst", "P1"},
	{"x analyst entry/mid", "P1"},
	{"x mid level analyst", "P2"},
	{"x associate analyst", "P1"},
	{"analyst i", "P1"},
	{"analyst ii", "P2"},
	{"x senior analyst", "P3"},
	{"analyst iii", "P3"},
	{"x staff analyst", "P4"},
	{"x lead analyst", "P4"},
	{"analyst iv", "P4"},
	{"x principal analyst", "P5"},
	{"analyst v", "P5"},
	{"x distinguished analyst", "P6"},
	{"x fellow", "P6"},
	{"x supervisor", "M1"},
	{"x team lead", "M1"},
	{"x manager", "M2"},
	{"x senior manager", "M3"},
	{"x director", "M4"},
	{"x senior director", "M5"},
	{"x vice president", "E1"},
	{"x vp", "E1"},
	{"x svp", "E2"},
	{"x evp", "E2"},
	{"x managing director", "E2"},
	{"x chief", "E3"},
	{"x president", "E3"},
	{"x ceo", "E3"},
	{"x cpo", "E3"},
	{"x cdo", "E3"},
	{"x cro", "E3"},
	{"x cso", "E3"},
	{"x cco", "E3"},
	{"x cao", "E3"},
	{"x cxo", "E3"},
};

/* Is word w the first word after an optional "x " of some entry in t[0..n)? */
static bool
covered(const pair *t, size_t n, const char *w)
{
	size_t		i,
				len = strlen(w);

	for (i = 0; i < n; i++)
	{
		const char *p = t[i].in;

		if (strncmp(p, "x ", 2) == 0)
			p += 2;
		if (strncmp(p, w, len) == 0 && (p[len] == ' ' || p[len] == '\0'))
			return true;
	}
	return false;
}

UT_SUITE(title_tables)
{
	UT_CASE("the lexicon is sorted, unique, lower-case ASCII, with the right lengths")
	{
		size_t		i;

		for (i = 0; i < rx_title_lexicon_size; i++)
		{
			const char *w = rx_title_lexicon[i].word;
			size_t		j;

			UT_INT(rx_title_lexicon[i].len, strlen(w));
			UT_CHECK(rx_title_lexicon[i].len > 0 && rx_title_lexicon[i].len <= RX_TITLE_LEX_MAXLEN);
			for (j = 0; w[j]; j++)
				UT_CHECK((w[j] >= 'a' && w[j] <= 'z') || (w[j] >= '0' && w[j] <= '9'));
			if (i > 0)
				UT_CHECK(strcmp(rx_title_lexicon[i - 1].word, w) < 0);
		}
	}

	UT_CASE("rx_title_lookup finds every word of the lexicon and nothing else")
	{
		size_t		i;

		for (i = 0; i < rx_title_lexicon_size; i++)
			UT_INT(rx_title_lookup(rx_title_lexicon[i].word, rx_title_lexicon[i].len), (long long) i);
		UT_INT(rx_title_lookup("zzzz", 4), -1);
		UT_INT(rx_title_lookup("", 0), -1);
		UT_INT(rx_title_lookup("senio", 5), -1);
		UT_INT(rx_title_lookup("seniorx", 7), -1);
		UT_INT(rx_title_lookup("0", 1), -1);
		UT_INT(rx_title_lookup("abcdefghijklmnopqrstuvwxyz", 26), -1);
	}

	UT_CASE("every expansion keeps within RX_TITLE_GROWTH and the word-count bound")
	{
		size_t		i;

		for (i = 0; i < rx_title_lexicon_size; i++)
		{
			const rx_title_lexeme *e = &rx_title_lexicon[i];
			int			form;

			if (!(e->cls & (TL_ABBR | TL_POSABBR)))
			{
				UT_INT(e->head_n, 0);
				continue;
			}
			for (form = 0; form < 2; form++)
			{
				int			off = form ? e->mod_off : e->head_off;
				int			cnt = form ? e->mod_n : e->head_n;
				size_t		bytes = 0;
				int			k;

				UT_CHECK(cnt >= 1 && cnt <= e->len);	/* words <= key bytes */
				for (k = 0; k < cnt; k++)
				{
					int			x = rx_title_exp_words[off + k];

					UT_CHECK(x >= 0 && (size_t) x < rx_title_lexicon_size);
					/* an expansion never expands again, which idempotence needs */
					UT_CHECK(!(rx_title_lexicon[x].cls & (TL_ABBR | TL_POSABBR)));
					bytes += rx_title_lexicon[x].len + 1;
				}
				UT_CHECK(bytes <= (size_t) RX_TITLE_GROWTH * e->len);
			}
		}
	}

	UT_CASE("every phrase is made of lexicon words and ends with a PHRASE_END word")
	{
		size_t		p;

		for (p = 0; p < rx_title_nphrases; p++)
		{
			const rx_title_phrase *ph = &rx_title_phrases[p];
			int			k;

			UT_CHECK(ph->nwords >= 2 && ph->nwords <= 4);
			for (k = 0; k < ph->nwords; k++)
				UT_CHECK(ph->words[k] >= 0 && (size_t) ph->words[k] < rx_title_lexicon_size);
			UT_CHECK(rx_title_lexicon[ph->words[ph->nwords - 1]].cls & TL_PHRASE_END);
		}
	}

	UT_CASE("a place name is never a level, rank or abbreviation word")
	{
		size_t		i;

		for (i = 0; i < rx_title_lexicon_size; i++)
			if (rx_title_lexicon[i].cls & (TL_LOC | TL_LOCWEAK))
				UT_CHECK(!(rx_title_lexicon[i].cls & (TL_GRADE | TL_POSGRADE | TL_RANK | TL_NUMERAL |
												 TL_ABBR | TL_POSABBR | TL_INTERN)));
	}

	UT_CASE("Latin folds are 1-2 lower-case ASCII letters, never longer than the UTF-8 they replace")
	{
		size_t		i;

		for (i = 0; i < 0x0250 - 0x00A0; i++)
		{
			const rx_title_fold_entry *e = &rx_title_fold_latin[i];
			uint32_t	cp = (uint32_t) (0x00A0 + i);

			if (e->cls == TC_FOLD)
			{
				size_t		n = strlen(e->ascii);

				UT_CHECK(n >= 1 && n <= 2);
				UT_CHECK(e->ascii[0] >= 'a' && e->ascii[0] <= 'z');
				UT_CHECK(n == 1 || (e->ascii[1] >= 'a' && e->ascii[1] <= 'z'));
			}
			if (e->cls == TC_LOWER)
				UT_CHECK((cp < 0x800) == (e->lower < 0x800) && e->lower >= 0x80);
		}
		for (i = 0; i < 0x100; i++)
		{
			const rx_title_fold_entry *e = &rx_title_fold_latin_ext[i];

			if (e->cls == TC_FOLD)
				UT_CHECK(strlen(e->ascii) >= 1 && strlen(e->ascii) <= 3);
			if (e->cls == TC_LOWER)
				UT_CHECK(e->lower >= 0x800 && e->lower < 0x10000);
		}
	}

	UT_CASE("every lower-case target is itself left unchanged (output is a fixed point)")
	{
		size_t		i;

		for (i = 0; i < 0x0250 - 0x00A0; i++)
			if (rx_title_fold_latin[i].cls == TC_LOWER)
			{
				uint32_t	t = rx_title_fold_latin[i].lower;

				UT_CHECK(t >= 0x0250 || rx_title_fold_latin[t - 0x00A0].cls == TC_WORD);
			}
		for (i = 0; i < 0x100; i++)
			if (rx_title_fold_latin_ext[i].cls == TC_LOWER)
			{
				uint32_t	t = rx_title_fold_latin_ext[i].lower;

				UT_CHECK(t < 0x1E00 || t > 0x1EFF || rx_title_fold_latin_ext[t - 0x1E00].cls == TC_WORD);
			}
		for (i = 0; i < rx_title_lower_npairs; i++)
		{
			size_t		j;

			for (j = 0; j < rx_title_lower_npairs; j++)
				UT_CHECK(rx_title_lower_pairs[j].upper != rx_title_lower_pairs[i].lower);
		}
		UT_STR(norm("\xc7\xb6"), "hv");	/* U+01F6 HWAIR folds like its lower case U+0195 */
		UT_STR(norm("\xc6\x95"), "hv");
	}

	UT_CASE("lower-case pairs are sorted and keep the UTF-8 length")
	{
		size_t		i;

		UT_CHECK(rx_title_lower_npairs > 100);
		for (i = 0; i < rx_title_lower_npairs; i++)
		{
			uint32_t	a = rx_title_lower_pairs[i].upper,
						b = rx_title_lower_pairs[i].lower;

			UT_CHECK((a < 0x800) == (b < 0x800) && (a < 0x10000) == (b < 0x10000));
			if (i > 0)
				UT_CHECK(rx_title_lower_pairs[i - 1].upper < a);
		}
	}

	UT_CASE("class ranges are sorted, disjoint and cover U+0250..U+10FFFF but the surrogates")
	{
		size_t		i;
		uint32_t	next = 0x0250;

		for (i = 0; i < rx_title_class_nranges; i++)
		{
			const rx_title_class_range *r = &rx_title_class_ranges[i];

			if (next == 0xD800)
				next = 0xE000;
			UT_INT(r->lo, next);
			UT_CHECK(r->hi >= r->lo);
			next = r->hi + 1;
		}
		UT_INT(next, 0x110000);
	}
}

UT_SUITE(title_abbreviations)
{
	UT_CASE("every abbreviation of the lexicon is tested")
	{
		size_t		i;

		for (i = 0; i < rx_title_lexicon_size; i++)
			if (rx_title_lexicon[i].cls & (TL_ABBR | TL_POSABBR))
			{
				bool		ok = covered(abbreviations,
										 sizeof(abbreviations) / sizeof(abbreviations[0]),
										 rx_title_lexicon[i].word);

				if (!ok)
					printf("    untested abbreviation: %s\n", rx_title_lexicon[i].word);
				UT_CHECK(ok);
			}
	}

	UT_CASE("each abbreviation expands (table)")
	{
		size_t		i;

		for (i = 0; i < sizeof(abbreviations) / sizeof(abbreviations[0]); i++)
		{
			if (strcmp(abbreviations[i].in, "asst") == 0)
				continue;
			UT_STR(norm(abbreviations[i].in), abbreviations[i].out);
		}
		/* asst: assistant, which before a rank noun is a rank modifier */
		UT_STR(norm("asst"), "assistant");
		UT_STR(norm("asst professor"), "assistant professor");
		UT_STR(norm("asst mgr"), "manager");
		UT_STR(lvl("asst mgr"), "M1");
	}

	UT_CASE("no abbreviation survives normalization as a word")
	{
		size_t		i;

		for (i = 0; i < rx_title_lexicon_size; i++)
			if (rx_title_lexicon[i].cls & (TL_ABBR | TL_POSABBR))
			{
				char		in[64];

				snprintf(in, sizeof(in), "qqq %s zzz", rx_title_lexicon[i].word);
				UT_CHECK(!has_word(norm(in), rx_title_lexicon[i].word));
				snprintf(in, sizeof(in), "qqq %s", rx_title_lexicon[i].word);
				UT_CHECK(!has_word(norm(in), rx_title_lexicon[i].word));
			}
	}

	UT_CASE("abbreviations are read whatever their case and punctuation")
	{
		UT_STR(norm("Sr. Eng."), "engineer");
		UT_STR(norm("SR ENGR"), "engineer");
		UT_STR(norm("V.P. Sales"), "vice president sales");
		UT_STR(norm("S.V.P., Sales"), "vice president sales");
		UT_STR(norm("Sr.Engineer"), "engineer");
		UT_STR(norm("e.g. analyst"), "eg analyst");
	}

	UT_CASE("positional abbreviations: head form at the end, modifier form before a noun")
	{
		UT_STR(norm("Software Eng"), "software engineer");
		UT_STR(norm("Sr Software Eng II"), "software engineer");
		UT_STR(norm("Eng Manager"), "engineering manager");
		UT_STR(norm("VP Eng"), "vice president engineering");
		UT_STR(norm("Director of Eng"), "director of engineering");
		UT_STR(norm("Head of Eng"), "head of engineering");
		UT_STR(norm("Web Dev"), "web developer");
		UT_STR(norm("Business Dev Manager"), "business development manager");
		UT_STR(norm("Tech Lead"), "technical lead");
		UT_STR(norm("Pharmacy Tech"), "pharmacy technician");
		UT_STR(norm("IT Tech"), "information technology technician");
		UT_STR(norm("Tech Support"), "technical support");
		UT_STR(norm("System Admin"), "system administrator");
		UT_STR(norm("Sys Admin"), "systems administrator");
		UT_STR(norm("Staff Acct"), "accountant");
		UT_STR(norm("Acct Exec"), "account executive");
		UT_STR(norm("Customer Svc Sup"), "customer service supervisor");
		UT_STR(norm("Tech Sup Specialist"), "technical support specialist");
		UT_STR(norm("Software Dev, Payments"), "software developer payments");
		UT_STR(norm("CT Scan Tech (Computed Tomography Scan Technologist)"),
			   "ct scan technician computed tomography scan technologist");
		UT_STR(norm("VP, Eng"), "vice president engineering");
		UT_STR(norm("SWE Intern"), "software engineer");
		UT_STR(norm("Eng Intern"), "engineer");
	}

	UT_CASE("dev ops joins, devops stays, special tokens")
	{
		UT_STR(norm("Dev Ops Engineer"), "devops engineer");
		UT_STR(norm("Dev-Ops Engineer"), "devops engineer");
		UT_STR(norm("DevOps Engineer"), "devops engineer");
		UT_STR(norm("C++ Developer"), "cpp developer");
		UT_STR(norm("C# Developer"), "csharp developer");
		UT_STR(norm("F# Developer"), "fsharp developer");
		UT_STR(norm(".NET Developer"), "dotnet developer");
		UT_STR(norm("ASP.NET Developer"), "asp dotnet developer");
		UT_STR(norm("R&D Engineer"), "r and d engineer");
		UT_STR(norm("Sales & Marketing Manager"), "sales and marketing manager");
		UT_STR(norm("cpp developer"), "cpp developer");
		UT_STR(norm("C + Developer"), "c developer");
		UT_STR(norm("Node.js Developer"), "node js developer");
	}
}

UT_SUITE(title_levels)
{
	UT_CASE("every level word of the lexicon is tested")
	{
		size_t		i;

		for (i = 0; i < rx_title_lexicon_size; i++)
			if (rx_title_lexicon[i].cls & (TL_GRADE | TL_POSGRADE | TL_RANK | TL_NUMERAL))
			{
				const char *w = rx_title_lexicon[i].word;
				bool		ok = covered(levels, sizeof(levels) / sizeof(levels[0]), w);

				/* numerals are tested after "analyst" */
				if (rx_title_lexicon[i].cls & TL_NUMERAL)
				{
					char		t[32];
					size_t		j;

					snprintf(t, sizeof(t), "analyst %s", w);
					for (j = 0; j < sizeof(levels) / sizeof(levels[0]) && !ok; j++)
						ok = strcmp(levels[j].in, t) == 0;
				}
				if (!ok)
					printf("    untested level word: %s\n", w);
				UT_CHECK(ok);
			}
	}

	UT_CASE("each level word gives its level (table)")
	{
		size_t		i;

		for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		{
			const char *got = lvl(levels[i].in);

			if (strcmp(got, levels[i].out) != 0)
				printf("    %s -> %s, want %s\n", levels[i].in, got, levels[i].out);
			UT_STR(got, levels[i].out);
		}
	}

	UT_CASE("a title that names no level has none")
	{
		UT_STR(lvl("Software Engineer"), "");
		UT_STR(lvl(""), "");
		UT_STR(lvl("   "), "");
		UT_STR(lvl("(Remote)"), "");
		UT_STR(lvl("Registered Nurse"), "");
		UT_STR(lvl("Head of Sales"), "");
		UT_STR(lvl("Executive Assistant"), "");
		UT_STR(lvl("Account Executive"), "");
		UT_STR(lvl("Sales Associate"), "");
		UT_STR(lvl("Associate"), "");
		UT_STR(lvl("Principal"), "");
		UT_STR(lvl("School Principal"), "");
		UT_STR(lvl("Nursing Staff"), "");
		UT_STR(lvl("Staff"), "");
		UT_STR(lvl("Chief of Staff"), "");
		UT_STR(lvl("II"), "");
	}

	UT_CASE("level words are taken out of the normalized title")
	{
		UT_STR(norm("Senior DevOps Engineer II (Remote)"), "devops engineer");
		UT_STR(norm("Sr. DevOps Eng II (Remote)"), "devops engineer");
		UT_STR(norm("Jr Site Reliability Engr"), "site reliability engineer");
		UT_STR(norm("Junior Developer"), "developer");
		UT_STR(norm("Staff Engineer"), "engineer");
		UT_STR(norm("Principal Engineer"), "engineer");
		UT_STR(norm("Lead Engineer"), "engineer");
		UT_STR(norm("Distinguished Engineer"), "engineer");
		UT_STR(norm("Associate Software Engineer"), "software engineer");
		UT_STR(norm("Entry-Level Accountant"), "accountant");
		UT_STR(norm("Entry Level Data Entry Clerk"), "data entry clerk");
		UT_STR(norm("DevOps Engineering and Infrastructure Entry/Mid"),
			   "devops engineering and infrastructure");
		UT_STR(lvl("DevOps Engineering and Infrastructure Entry/Mid"), "P1");
		UT_STR(norm("Mid-Level Accountant"), "accountant");
		UT_STR(lvl("Mid-Level Accountant"), "P2");
		UT_STR(norm("Mid-Market Account Executive"), "mid market account executive");
		UT_STR(norm("Data Entry"), "data entry");
		UT_STR(norm("Software Engineering Intern"), "software engineering");
		UT_STR(norm("Apprentice Electrician"), "electrician");
		UT_STR(norm("Electrician Apprentice"), "electrician");
		UT_STR(norm("Management Trainee"), "management");
		UT_STR(norm("Engineer III"), "engineer");
		UT_STR(norm("Engineer 2"), "engineer");
		UT_STR(norm("Engineer Level 2"), "engineer");
		UT_STR(norm("Engineer (Level 3)"), "engineer");
		UT_STR(norm("Engineer II, Payments"), "engineer payments");
		UT_STR(norm("Senior"), "");
	}

	UT_CASE("rank nouns stay in the normalized title; their modifiers go")
	{
		UT_STR(norm("Senior Manager"), "manager");
		UT_STR(norm("Sr Product Manager"), "product manager");
		UT_STR(norm("Senior Director, Engineering"), "director engineering");
		UT_STR(norm("SVP Sales"), "vice president sales");
		UT_STR(norm("Executive Vice President"), "vice president");
		UT_STR(norm("Assistant Store Manager"), "store manager");
		UT_STR(norm("Associate Director of Marketing"), "director of marketing");
		UT_STR(norm("Managing Director"), "managing director");
		UT_STR(norm("Team Lead"), "team lead");
		UT_STR(norm("Engineering Team Lead"), "engineering team lead");
		UT_STR(norm("Supervisor"), "supervisor");
		UT_STR(norm("CEO"), "chief executive officer");
		UT_STR(norm("Chief Executive Officer (CEO)"), "chief executive officer");
	}

	UT_CASE("the job noun stays when a level word is the job")
	{
		UT_STR(norm("Intern"), "intern");
		UT_STR(norm("Intern (Remote)"), "intern");
		UT_STR(norm("Summer Intern"), "summer intern");
		UT_STR(norm("Trainee"), "trainee");
		UT_STR(norm("Sales Associate"), "sales associate");
		UT_STR(norm("Senior Associate"), "associate");
		UT_STR(lvl("Senior Associate"), "P3");
		UT_STR(norm("Nursing Staff"), "nursing staff");
		UT_STR(norm("School Principal"), "school principal");
		UT_STR(norm("Tech Lead"), "technical lead");
		UT_STR(lvl("Tech Lead"), "P4");
		UT_STR(norm("Technical Fellow"), "technical fellow");
		UT_STR(lvl("Technical Fellow"), "P6");
		UT_STR(norm("Associate Professor of Biology"), "associate professor of biology");
		UT_STR(lvl("Associate Professor"), "");
		UT_STR(norm("Lead Generation Specialist"), "lead generation specialist");
		UT_STR(lvl("Lead Generation Specialist"), "");
		UT_STR(norm("Staff Development Coordinator"), "staff development coordinator");
		UT_STR(norm("Intern Coordinator"), "intern coordinator");
		UT_STR(lvl("Intern Coordinator"), "");
		UT_STR(norm("Chief of Staff"), "chief of staff");
	}

	UT_CASE("intern is a whole word: internal and international are no level")
	{
		UT_STR(lvl("Internal Auditor"), "");
		UT_STR(norm("Internal Auditor"), "internal auditor");
		UT_STR(lvl("International Sales Manager"), "M2");
		UT_STR(norm("International Sales Manager"), "international sales manager");
		UT_STR(lvl("Internist"), "");
		UT_STR(lvl("Interns Coordinator"), "");
		UT_STR(lvl("Marketing Internship"), "P1");
	}

	UT_CASE("roman numerals count only at the end of the title or of a segment")
	{
		UT_STR(lvl("Engineer V"), "P5");
		UT_STR(lvl("Engineer IV"), "P4");
		UT_STR(lvl("Engineer V (Remote)"), "P5");
		UT_STR(lvl("Engineer V - Contract"), "P5");
		UT_STR(lvl("Engineer II, Payments"), "P2");
		UT_STR(lvl("Engineer I/II"), "P2");
		UT_STR(lvl("Level I Technician"), "");
		UT_STR(norm("Level I Technician"), "level i technician");
		UT_STR(lvl("V Engineer"), "");
		UT_STR(norm("V Engineer"), "v engineer");
		UT_STR(lvl("Vitamin Specialist"), "");
		UT_STR(lvl("Engineer VI"), "");
		UT_STR(norm("Engineer VI"), "engineer vi");
		UT_STR(lvl("Engineer 6"), "");
		UT_STR(lvl("Grade 3 Teacher"), "");
		UT_STR(norm("Grade 3 Teacher"), "grade 3 teacher");
		UT_STR(lvl("Engineer \xe2\x85\xa1"), "P2");	/* U+2161 ROMAN NUMERAL TWO */
	}
}

UT_SUITE(title_conflicts)
{
	UT_CASE("grade words and numerals: the highest P level wins")
	{
		UT_STR(lvl("Sr. DevOps Eng II"), "P3");
		UT_STR(lvl("Senior Engineer I"), "P3");
		UT_STR(lvl("Junior Engineer II"), "P2");
		UT_STR(lvl("Lead Engineer III"), "P4");
		UT_STR(lvl("Principal Engineer I"), "P5");
		UT_STR(lvl("Staff Engineer V"), "P5");
		UT_STR(lvl("Associate Engineer III"), "P3");
	}

	UT_CASE("a rank noun wins over grade words; senior and assistant change the rank")
	{
		UT_STR(lvl("Senior Manager"), "M3");
		UT_STR(lvl("Manager, Senior"), "M3");
		UT_STR(lvl("Mgr Sr"), "M3");
		UT_STR(lvl("Manager II"), "M2");
		UT_STR(lvl("Lead Manager"), "M2");
		UT_STR(lvl("Sr Product Manager"), "M3");
		UT_STR(lvl("Junior Manager"), "M1");
		UT_STR(lvl("Assistant Manager"), "M1");
		UT_STR(lvl("Assistant Store Manager"), "M1");
		UT_STR(lvl("Associate Director"), "M3");
		UT_STR(lvl("Assistant Director"), "M3");
		UT_STR(lvl("Senior Director"), "M5");
		UT_STR(lvl("AVP Finance"), "M5");
		UT_STR(lvl("Associate Vice President"), "M5");
		UT_STR(lvl("Senior Vice President"), "E2");
		UT_STR(lvl("Executive Vice President"), "E2");
		UT_STR(lvl("EVP, Operations"), "E2");
		UT_STR(lvl("Senior Supervisor"), "M1");
		UT_STR(lvl("Senior Managing Director"), "E2");
	}

	UT_CASE("several rank nouns: the highest wins")
	{
		UT_STR(lvl("Vice President and General Manager"), "E1");
		UT_STR(lvl("General Manager and Vice President"), "E1");
		UT_STR(lvl("President and CEO"), "E3");
		UT_STR(lvl("Director, Product Manager"), "M4");
	}

	UT_CASE("lead vs team lead, manager vs senior manager, director vs senior director")
	{
		UT_STR(lvl("Lead"), "P4");
		UT_STR(lvl("Lead Engineer"), "P4");
		UT_STR(lvl("Team Lead"), "M1");
		UT_STR(lvl("Team Leader"), "M1");
		UT_STR(lvl("Engineering Team Lead"), "M1");
		UT_STR(lvl("Manager"), "M2");
		UT_STR(lvl("Senior Manager"), "M3");
		UT_STR(lvl("Director"), "M4");
		UT_STR(lvl("Senior Director"), "M5");
	}

	UT_CASE("intern, trainee, apprentice at the end mean P1 even beside a rank")
	{
		UT_STR(lvl("Manager Trainee"), "P1");
		UT_STR(lvl("Store Manager Trainee"), "P1");
		UT_STR(lvl("Senior Intern"), "P1");
		UT_STR(lvl("Software Engineering Intern II"), "P1");
		UT_STR(lvl("Intern Manager"), "M2");
		UT_STR(lvl("Intern, Sales Manager"), "M2");
	}

	UT_CASE("words after to, of, for are plain words")
	{
		UT_STR(lvl("Executive Assistant to the CEO"), "");
		UT_STR(norm("Executive Assistant to the CEO"),
			   "executive assistant to the chief executive officer");
		UT_STR(lvl("Assistant to the Regional Manager"), "");
		UT_STR(norm("Assistant to the Senior Director"), "assistant to the senior director");
		UT_STR(lvl("Director of Senior Services"), "M4");
		UT_STR(norm("Director of Senior Services"), "director of senior services");
		UT_STR(lvl("Coordinator for Junior Programs"), "");
		UT_STR(lvl("Director, Office of the CEO"), "M4");
	}

	UT_CASE("chief and C-level abbreviations")
	{
		UT_STR(lvl("Chief Technology Officer"), "E3");
		UT_STR(lvl("CTO"), "E3");
		UT_STR(lvl("CISO"), "E3");
		UT_STR(lvl("CHRO"), "E3");
		UT_STR(lvl("Chief Nursing Officer"), "E3");
		UT_STR(lvl("CPO"), "E3");
		UT_STR(norm("CPO"), "cpo");
		UT_STR(lvl("Chief of Staff"), "");
	}

	UT_CASE("associate: a grade before a noun, the job at the end, academic before professor")
	{
		UT_STR(lvl("Associate Attorney"), "P1");
		UT_STR(norm("Associate Attorney"), "attorney");
		UT_STR(lvl("Sales Associate"), "");
		UT_STR(lvl("Associate Professor"), "");
		UT_STR(lvl("Associate Dean"), "");
		UT_STR(lvl("Associate Director"), "M3");
		UT_STR(norm("Associate Staff Professor"), "associate professor");
		UT_STR(norm("Associate General Counsel"), "associate general counsel");
		UT_STR(lvl("Associate General Counsel"), "");
	}

	UT_CASE("fellow: P6, but not a training fellowship")
	{
		UT_STR(lvl("Fellow"), "P6");
		UT_STR(lvl("Distinguished Fellow"), "P6");
		UT_STR(lvl("Postdoctoral Fellow"), "");
		UT_STR(lvl("Clinical Fellow"), "");
		UT_STR(lvl("Research Fellow"), "");
		/* issue 20: a training fellow before the field is no level either, and stays a word */
		UT_STR(lvl("CLINICAL FELLOW RADIOLOGY"), "");
		UT_STR(norm("CLINICAL FELLOW RADIOLOGY"), "clinical fellow radiology");
		UT_STR(lvl("Research Fellow in Chemistry"), "");
		UT_STR(lvl("Fellow Engineer"), "P6");
	}

	UT_CASE("a plural rank noun ranks as its singular and stays plural (issue 20)")
	{
		UT_STR(norm("General and Operations Managers"), "general and operations managers");
		UT_STR(lvl("General and Operations Managers"), "M2");
		UT_STR(lvl("Financial Managers"), lvl("Financial Manager"));
		UT_STR(lvl("Senior Managers"), "M3");
		UT_STR(lvl("Chief Executives"), "E3");
		UT_STR(lvl("Directors"), "M4");
		UT_STR(lvl("First-Line Supervisors of Retail Sales Workers"), "M1");
		/* only rank nouns: other plurals claim nothing */
		UT_STR(lvl("Sales Engineers"), "");
		UT_STR(lvl("Leads"), "");
	}
}

UT_SUITE(title_noise)
{
	UT_CASE("every noise word goes in brackets, after a dash, after a comma")
	{
		size_t		i;

		for (i = 0; i < rx_title_lexicon_size; i++)
		{
			char		in[96];

			if (!(rx_title_lexicon[i].cls & (TL_NOISE | TL_TAIL)))
				continue;
			snprintf(in, sizeof(in), "Data Analyst (%s)", rx_title_lexicon[i].word);
			UT_STR(norm(in), "data analyst");
			snprintf(in, sizeof(in), "Data Analyst - %s", rx_title_lexicon[i].word);
			UT_STR(norm(in), "data analyst");
			snprintf(in, sizeof(in), "Data Analyst, %s", rx_title_lexicon[i].word);
			UT_STR(norm(in), "data analyst");
			snprintf(in, sizeof(in), "%s - Data Analyst", rx_title_lexicon[i].word);
			UT_STR(norm(in), "data analyst");
		}
	}

	UT_CASE("tail noise goes at the end without punctuation, ANY noise anywhere, other noise stays")
	{
		size_t		i;

		for (i = 0; i < rx_title_lexicon_size; i++)
		{
			char		in[96];
			const char *w = rx_title_lexicon[i].word;

			if (!(rx_title_lexicon[i].cls & (TL_NOISE | TL_TAIL)))
				continue;
			snprintf(in, sizeof(in), "Data Analyst %s", w);
			if (rx_title_lexicon[i].cls & (TL_TAIL | TL_ANY))
				UT_STR(norm(in), "data analyst");
			else
				UT_CHECK(has_word(norm(in), w));
			/* before the job only the ANY words go */
			snprintf(in, sizeof(in), "%s Data Analyst", w);
			if (rx_title_lexicon[i].cls & TL_ANY)
				UT_STR(norm(in), "data analyst");
			else
				UT_CHECK(has_word(norm(in), w));
		}
	}

	UT_CASE("work arrangements and contract terms, each form")
	{
		UT_STR(norm("DEVOPS ENGINEER - CONTRACT"), "devops engineer");
		UT_STR(norm("Engineer (Remote)"), "engineer");
		UT_STR(norm("Engineer [Hybrid]"), "engineer");
		UT_STR(norm("Engineer {Onsite}"), "engineer");
		UT_STR(norm("Engineer - On-Site"), "engineer");
		UT_STR(norm("Engineer \xe2\x80\x93 Remote"), "engineer");	/* en dash */
		UT_STR(norm("Engineer\xe2\x80\x94" "Contract"), "engineer");	/* em dash, unspaced */
		UT_STR(norm("Engineer -Remote"), "engineer");
		UT_STR(norm("Engineer- Remote"), "engineer");
		UT_STR(norm("Engineer / Remote"), "engineer");
		UT_STR(norm("Engineer | Contract"), "engineer");
		UT_STR(norm("Engineer: Temporary"), "engineer");
		UT_STR(norm("Engineer (Contract to Hire)"), "engineer");
		UT_STR(norm("Engineer - Temp to Perm"), "engineer");
		UT_STR(norm("Engineer (12 Month Contract)"), "engineer");
		UT_STR(norm("Engineer (Remote or Hybrid)"), "engineer");
		UT_STR(norm("Engineer (Remote OK)"), "engineer");
		UT_STR(norm("Engineer (Full Time)"), "engineer");
		UT_STR(norm("Engineer, Part-Time"), "engineer");
		UT_STR(norm("Engineer (Contractor)"), "engineer");
		UT_STR(norm("Engineer - Nights"), "engineer");
		UT_STR(norm("Engineer (m/w/d)"), "engineer");
		UT_STR(norm("Ingenieur (m/f/d)"), "ingenieur");
		UT_STR(norm("Engineer (2 positions)"), "engineer");
		UT_STR(norm("Warehouse Associate I - 2nd Shift"), "warehouse associate");
		UT_STR(norm("Cashier (Part-Time) - Store #1234"), "cashier");
		UT_STR(norm("W2 Contract .NET Dev"), "contract dotnet developer");
		UT_STR(norm("Engineer - Head Office"), "engineer head office");
		UT_STR(norm("Nurse - Boston Office"), "nurse");
		UT_STR(norm("Remote - Software Engineer"), "software engineer");
		UT_STR(norm("Engineer Remote"), "engineer");
		UT_STR(norm("Barista Full Time"), "barista");
		UT_STR(norm("Full-Time Barista"), "barista");
		UT_STR(norm("Part Time Cashier"), "cashier");
		UT_STR(norm("PRN Nurse"), "nurse");
		UT_STR(norm("RN Per Diem"), "rn");
		UT_STR(norm("Engineer Intern (Remote)"), "engineer");
		UT_STR(norm("Intern (Remote)"), "intern");
	}

	UT_CASE("noise words that are the job stay")
	{
		UT_STR(norm("Remote Sensing Analyst"), "remote sensing analyst");
		UT_STR(norm("Contract Manager"), "contract manager");
		UT_STR(norm("Contract Specialist"), "contract specialist");
		UT_STR(norm("General Contractor"), "general contractor");
		UT_STR(norm("Contractor"), "contractor");
		UT_STR(norm("Hybrid Cloud Engineer"), "hybrid cloud engineer");
		UT_STR(norm("Temporary Worker"), "temporary worker");
		UT_STR(norm("Engineer (Remote Sensing)"), "engineer remote sensing");
		UT_STR(norm("Time Keeper"), "time keeper");
	}

	UT_CASE("a blank or all-noise title normalizes to the empty string")
	{
		UT_STR(norm(""), "");
		UT_STR(norm("   "), "");
		UT_STR(norm("\t\n"), "");
		UT_STR(norm("(Remote)"), "");
		UT_STR(norm("Remote"), "");
		UT_STR(norm("Full Time"), "");
		UT_STR(norm("- - -"), "");
		UT_STR(norm("!!!"), "");
		UT_STR(norm("Req #12345"), "");
	}

	UT_CASE("SOC and O*NET-SOC codes written into a title go whole (issue 20)")
	{
		UT_STR(norm("PROGRAM MANAGER (15-1199.09)"), "program manager");
		UT_STR(norm("Program Manager 15-1199.00"), "program manager");
		UT_STR(norm("Registered Nurse - 29-1141"), "registered nurse");
		UT_STR(norm("Req 1234.01 Nurse"), "nurse");
		/* short decimals are not codes */
		UT_STR(norm("Teacher 5.01"), "teacher 5 01");
	}

	UT_CASE("requisition and ticket numbers go, with their prefixes")
	{
		UT_STR(norm("Software Engineer (Req #12345)"), "software engineer");
		UT_STR(norm("Data Analyst REQ-4432"), "data analyst");
		UT_STR(norm("Data Analyst REQ_4432"), "data analyst");
		UT_STR(norm("Data Analyst req 12"), "data analyst");
		UT_STR(norm("Engineer, Job ID 123456"), "engineer");
		UT_STR(norm("Engineer - Job ID: 123456"), "engineer");
		UT_STR(norm("Engineer JR-0012345"), "engineer");
		UT_STR(lvl("Engineer JR 123456"), "");
		UT_STR(norm("Engineer JR123456"), "engineer");
		UT_STR(norm("Engineer R12345"), "engineer");
		UT_STR(norm("Engineer R-00123"), "engineer");
		UT_STR(norm("Engineer #12"), "engineer");
		UT_STR(norm("Engineer 2024"), "engineer");
		UT_STR(norm("Engineer Ticket 42"), "engineer");
		UT_STR(norm("Engineer (Ticket TKT 123)"), "engineer");
		UT_STR(norm("Engineer Ref 77"), "engineer");
		UT_STR(norm("Engineer ENG-2231"), "engineer");
		UT_STR(norm("Engineer Requisition Number 555"), "engineer");
		UT_STR(norm("Engineer No. 123"), "engineer");
		UT_STR(norm("Engineer Nr 123"), "engineer");
		UT_STR(norm("Engineer Num 123"), "engineer");
		UT_STR(norm("Engineer Code 123"), "engineer");
		UT_STR(norm("JOB 400183: ACADEMIC DEAN"), "academic dean");
		UT_STR(norm("Posting 553 - Engineer"), "engineer");
		UT_STR(norm("Job 12 Coach"), "job 12 coach");
		UT_STR(norm("Engineer Reference 9"), "engineer");
		UT_STR(norm("Engineer Refno 9"), "engineer");
		UT_STR(norm("Engineer Reqid 9"), "engineer");
		UT_STR(norm("Engineer Jobid 9"), "engineer");
		UT_STR(norm("Engineer Reqs 9"), "engineer");
		UT_STR(norm("Engineer Tkt 9"), "engineer");
		UT_STR(norm("Engineer Id 123"), "engineer");
		UT_STR(norm("911 Dispatcher"), "911 dispatcher");
		UT_STR(norm("401k Administrator"), "401k administrator");
		UT_STR(norm("Engineer No 1"), "engineer no");
		UT_STR(norm("COVID-19 Tester"), "covid 19 tester");
	}

	UT_CASE("a trailing location goes after a separator; weak codes need a place name")
	{
		UT_STR(norm("Software Engineer - New York, NY"), "software engineer");
		UT_STR(norm("Registered Nurse - Boston, MA 02115"), "registered nurse");
		UT_STR(norm("Nurse, Boston, MA"), "nurse");
		UT_STR(norm("Engineer (London)"), "engineer");
		UT_STR(norm("Engineer - EMEA"), "engineer");
		UT_STR(norm("Engineer - San Francisco Bay Area"), "engineer");
		UT_STR(norm("Engineer - Remote, US"), "engineer");
		UT_STR(norm("Software Engineer - Remote (Austin, TX)"), "software engineer");
		UT_STR(norm("Ingeniero - S\xc3\xa3o Paulo"), "ingeniero");
		UT_STR(norm("Engineer - M\xc3\xbcnchen"), "engineer");
		UT_STR(norm("Cashier - Store 123"), "cashier");
		UT_STR(norm("Manager - Multiple Locations"), "manager");
		UT_STR(norm("Engineer - CA"), "engineer ca");
		UT_STR(norm("Clerk AP/AR"), "clerk ap ar");
		UT_STR(norm("Nurse - ICU"), "nurse icu");
		UT_STR(norm("Manager - Sales"), "manager sales");
		UT_STR(norm("Engineer Boston"), "engineer boston");
		UT_STR(norm("Boston - Engineer"), "boston engineer");
		UT_STR(norm("Boston"), "boston");
		UT_STR(norm("Director, Washington Operations"), "director washington operations");
		UT_STR(norm("Engineer - North"), "engineer north");
	}

	UT_CASE("every place name goes as a trailing segment")
	{
		size_t		i;

		for (i = 0; i < rx_title_lexicon_size; i++)
		{
			char		in[96];

			if (!(rx_title_lexicon[i].cls & TL_LOC))
				continue;
			snprintf(in, sizeof(in), "Data Analyst - %s", rx_title_lexicon[i].word);
			UT_STR(norm(in), "data analyst");
			snprintf(in, sizeof(in), "Data Analyst (%s)", rx_title_lexicon[i].word);
			UT_STR(norm(in), "data analyst");
		}
	}

	UT_CASE("a segment that repeats the title goes")
	{
		UT_STR(norm("Chief Executive Officer (CEO)"), "chief executive officer");
		UT_STR(norm("Quality Assurance Engineer (QA Engineer)"), "quality assurance engineer");
		UT_STR(norm("Engineer, Engineer"), "engineer");
		UT_STR(norm("Laboratory Technician (Lab Tech)"), "laboratory technician lab technician");
	}
}

UT_SUITE(title_text)
{
	UT_CASE("case, punctuation and spaces")
	{
		UT_STR(norm("  multiple   spaces\there  "), "multiple spaces here");
		UT_STR(norm("SOFTWARE ENGINEER"), "software engineer");
		UT_STR(norm("Children's Counselor"), "childrens counselor");
		UT_STR(norm("Children\xe2\x80\x99s Counselor"), "childrens counselor");
		UT_STR(norm("Front-End Developer"), "front end developer");
		UT_STR(norm("Engineer!!!"), "engineer");
		UT_STR(norm("\"Engineer\""), "engineer");
		UT_STR(norm("Engineer@Acme"), "engineer acme");
		UT_STR(norm("Engineer_Platform"), "engineer platform");
		UT_STR(norm("a\x01" "b"), "a b");
	}

	UT_CASE("Latin-1 and Latin Extended-A letters fold to ASCII")
	{
		UT_STR(norm("Caf\xc3\xa9 Manager"), "cafe manager");	/* é */
		UT_STR(norm("CAF\xc3\x89"), "cafe");	/* É */
		UT_STR(norm("Stra\xc3\x9f" "enbauer"), "strassenbauer");	/* ß */
		UT_STR(norm("\xc3\x98" "kolog"), "okolog");	/* Ø */
		UT_STR(norm("\xc5\x93" "uvre"), "oeuvre");	/* œ */
		UT_STR(norm("\xc5\x81\xc3\xb3" "d\xc5\xba"), "lodz");	/* Łódź */
		UT_STR(norm("\xc3\x86" "r\xc3\xb8"), "aero");	/* Ærø */
		UT_STR(norm("Se\xc3\xb1or"), "senor");	/* ñ */
		UT_STR(norm("\xc3\x9e" "or"), "thor");	/* Þ */
		UT_STR(norm("\xc3\xb0"), "d");	/* ð */
		UT_STR(norm("\xc4\xb1" "\xc4\xb0"), "ii");	/* ı İ */
		UT_STR(norm("\xc4\xb3"), "ij");	/* ĳ */
		UT_STR(norm("\xc5\x8b"), "ng");	/* ŋ */
		UT_STR(norm("\xc5\xbf"), "s");	/* ſ */
		UT_STR(norm("\xc8\x99" "ef"), "sef");	/* ș (Latin Extended-B) */
		UT_STR(norm("K\xe1\xbb\xb9 s\xc6\xb0"), "ky su");	/* Vietnamese, Latin Extended Additional */
		UT_STR(norm("\xc2\xaa"), "a");	/* ª */
		UT_STR(norm("\xc6\x8f"), "\xc9\x99");	/* Ə -> ə */
		UT_STR(norm("Caf" "e\xcc\x81"), "cafe");	/* e + combining acute */
		UT_STR(norm("\xc3\x97"), "");	/* × */
		UT_STR(norm("\xc2\xb5"), "\xc2\xb5");	/* µ passes */
	}

	UT_CASE("other scripts pass through, lower-cased only where Unicode is sure")
	{
		UT_STR(norm("\xd0\x98\xd0\xbd\xd0\xb6\xd0\xb5\xd0\xbd\xd0\xb5\xd1\x80"),
			   "\xd0\xb8\xd0\xbd\xd0\xb6\xd0\xb5\xd0\xbd\xd0\xb5\xd1\x80");	/* Инженер */
		UT_STR(norm("\xd0\x81"), "\xd1\x91");	/* Ё -> ё */
		UT_STR(norm("\xce\xa3\xce\x9f\xce\xa6\xce\x9f\xce\xa3"),
			   "\xcf\x83\xce\xbf\xcf\x86\xce\xbf\xcf\x83");	/* ΣΟΦΟΣ -> σοφοσ */
		UT_STR(norm("\xd4\xb1"), "\xd5\xa1");	/* Armenian Ա -> ա */
		UT_STR(norm("\xe3\x82\xbd\xe3\x83\x95\xe3\x83\x88"), "\xe3\x82\xbd\xe3\x83\x95\xe3\x83\x88");	/* ソフト */
		UT_STR(norm("\xe5\xb7\xa5\xe7\xa8\x8b\xe5\xb8\x88"), "\xe5\xb7\xa5\xe7\xa8\x8b\xe5\xb8\x88");	/* 工程师 */
		UT_STR(norm("\xd9\x85\xd9\x87\xd9\x86\xd8\xaf\xd8\xb3"), "\xd9\x85\xd9\x87\xd9\x86\xd8\xaf\xd8\xb3");	/* مهندس */
		UT_STR(norm("\xe0\xa4\x87\xe0\xa4\x82\xe0\xa4\x9c\xe0\xa5\x80"), "\xe0\xa4\x87\xe0\xa4\x82\xe0\xa4\x9c\xe0\xa5\x80");	/* Hindi with marks */
		UT_STR(norm("\xd0\xb8\xcc\x86"), "\xd0\xb8\xcc\x86");	/* и + combining breve stays */
		UT_STR(norm("\xd9\x85\xe2\x80\x8c\xd9\x87"), "\xd9\x85\xe2\x80\x8c\xd9\x87");	/* ZWNJ stays */
		UT_STR(norm("\xf0\x90\x90\x80"), "\xf0\x90\x90\x80");	/* Deseret, astral: unchanged */
		UT_STR(norm("\xef\xa3\xbf"), "\xef\xa3\xbf");	/* private use passes */
		UT_STR(norm("\xe4\xb8\x80-\xe4\xba\x8c"), "\xe4\xb8\x80 \xe4\xba\x8c");
		UT_STR(norm("\xd0\x98\xd0\xbd\xd0\xb6\xd0\xb5\xd0\xbd\xd0\xb5\xd1\x80 (Remote)"),
			   "\xd0\xb8\xd0\xbd\xd0\xb6\xd0\xb5\xd0\xbd\xd0\xb5\xd1\x80");
	}

	UT_CASE("Unicode spaces, dashes, format characters, symbols, fullwidth forms")
	{
		UT_STR(norm("Data\xc2\xa0" "Analyst"), "data analyst");	/* NBSP */
		UT_STR(norm("Data\xe3\x80\x80" "Analyst"), "data analyst");	/* ideographic space */
		UT_STR(norm("Ana\xc2\xadlyst"), "analyst");	/* soft hyphen */
		UT_STR(norm("Ana\xe2\x80\x8blyst"), "analyst");	/* zero width space */
		UT_STR(norm("\xef\xbb\xbf" "Analyst"), "analyst");	/* BOM */
		UT_STR(norm("Analyst\xe2\x84\xa2"), "analyst");	/* ™ */
		UT_STR(norm("\xf0\x9f\x9a\x80 Growth Hacker"), "growth hacker");	/* emoji */
		UT_STR(norm("Analyst \xe2\x80\x94 Remote"), "analyst");
		UT_STR(norm("Data\xe2\x80\x90" "Analyst"), "data analyst");	/* U+2010 hyphen */
		UT_STR(norm("\xef\xbc\xb3\xef\xbd\x92\xef\xbc\x8e \xef\xbc\xa5\xef\xbd\x8e\xef\xbd\x87"),
			   "engineer");	/* Ｓｒ． Ｅｎｇ */
		UT_STR(norm("Engineer\xef\xbc\x88Remote\xef\xbc\x89"), "engineer");	/* fullwidth parentheses */
		UT_STR(norm("\xe3\x80\x8c" "Engineer" "\xe3\x80\x8d"), "engineer");	/* CJK brackets */
	}

	UT_CASE("a NUL byte is a word break")
	{
		UT_STR(norm_n("Data\0Analyst", 12), "data analyst");
		UT_STR(norm_n("\0", 1), "");
	}
}

UT_SUITE(title_utf8)
{
	UT_CASE("valid sequences at every boundary pass")
	{
		UT_STR(norm("\xc2\x80"), "");	/* U+0080, a control: a break */
		UT_STR(norm("\xdf\xba"), "\xdf\xba");	/* U+07FA, a letter */
		UT_STR(norm("\xdf\xbf"), "");	/* U+07FF, a currency sign: a break */
		UT_STR(norm("\xe0\xa0\x80"), "\xe0\xa0\x80");	/* U+0800 */
		UT_STR(norm("\xed\x9f\xbf"), "\xed\x9f\xbf");	/* U+D7FF */
		UT_STR(norm("\xee\x80\x80"), "\xee\x80\x80");	/* U+E000 */
		UT_STR(norm("\xef\xbf\xbd"), "");	/* U+FFFD is a symbol: a break */
		UT_STR(norm("\xf0\x90\x80\x80"), "\xf0\x90\x80\x80");	/* U+10000 */
		UT_STR(norm("\xf4\x8f\xbf\xbf"), "\xf4\x8f\xbf\xbf");	/* U+10FFFF */
	}

	UT_CASE("overlong encodings are rejected")
	{
		UT_STR(norm("\xc0\x80"), "ERR 4");
		UT_STR(norm("\xc0\xaf"), "ERR 4");
		UT_STR(norm("\xc1\xbf"), "ERR 4");
		UT_STR(norm("\xe0\x80\x80"), "ERR 4");
		UT_STR(norm("\xe0\x9f\xbf"), "ERR 4");
		UT_STR(norm("\xf0\x80\x80\x80"), "ERR 4");
		UT_STR(norm("\xf0\x8f\xbf\xbf"), "ERR 4");
		UT_STR(detail_of("ab\xe0\x80\xaf", 5),
			   "The 3-byte UTF-8 sequence at byte position 3 is an overlong encoding of U+002F.");
		UT_STR(detail_of("\xc0\xaf", 2), "The byte 0xC0 at byte position 1 never occurs in UTF-8.");
	}

	UT_CASE("UTF-16 surrogates are rejected")
	{
		UT_STR(norm("\xed\xa0\x80"), "ERR 4");
		UT_STR(norm("\xed\xaf\xbf"), "ERR 4");
		UT_STR(norm("\xed\xb0\x80"), "ERR 4");
		UT_STR(norm("\xed\xbf\xbf"), "ERR 4");
		UT_STR(detail_of("x\xed\xa0\xbd", 4),
			   "The UTF-8 sequence at byte position 2 encodes the UTF-16 surrogate U+D83D, which UTF-8 does not allow.");
	}

	UT_CASE("values above U+10FFFF and bytes F5..FF are rejected")
	{
		UT_STR(norm("\xf4\x90\x80\x80"), "ERR 4");
		UT_STR(norm("\xf7\xbf\xbf\xbf"), "ERR 4");
		UT_STR(norm("\xf5\x80\x80\x80"), "ERR 4");
		UT_STR(norm("\xf8\x88\x80\x80\x80"), "ERR 4");
		UT_STR(norm("\xfe"), "ERR 4");
		UT_STR(norm("\xff"), "ERR 4");
		UT_STR(detail_of("\xf4\x90\x80\x80", 4),
			   "The UTF-8 sequence at byte position 1 encodes 0x110000, above the last code point U+10FFFF.");
		UT_STR(detail_of("ok \xff", 4), "The byte 0xFF at byte position 4 never occurs in UTF-8.");
	}

	UT_CASE("truncated sequences and stray continuation bytes are rejected")
	{
		UT_STR(norm("\xc3"), "ERR 4");
		UT_STR(norm("\xe2\x82"), "ERR 4");
		UT_STR(norm("\xf0\x9f\x98"), "ERR 4");
		UT_STR(norm("\xc3" "A"), "ERR 4");
		UT_STR(norm("\xe2\x82" "A"), "ERR 4");
		UT_STR(norm("\xe2 \x82\xac"), "ERR 4");
		UT_STR(norm("\x80"), "ERR 4");
		UT_STR(norm("ab\xbf"), "ERR 4");
		UT_STR(norm("\xc3\xa9\xa9"), "ERR 4");
		UT_STR(detail_of("Caf\xc3", 4),
			   "The UTF-8 sequence that starts with byte 0xC3 at byte position 4 is cut short by the end of the title.");
		UT_STR(detail_of("\xe2\x82" "A", 3),
			   "The UTF-8 sequence that starts with byte 0xE2 at byte position 1 is cut short: byte 0x41 after it is not a continuation byte.");
		UT_STR(detail_of("ab\x80", 3),
			   "The byte 0x80 at byte position 3 is a UTF-8 continuation byte with no lead byte before it.");
	}

	UT_CASE("invalid UTF-8 anywhere fails rx_title_level too, and Latin-1 bytes are not UTF-8")
	{
		UT_STR(lvl("Senior \xff"), "ERR 4");
		UT_STR(lvl("Caf\xe9 Manager"), "ERR 4");
		UT_STR(norm("Caf\xe9 Manager"), "ERR 4");
		UT_STR(norm("Engineer (Remote) \xc3"), "ERR 4");
	}
}

UT_SUITE(title_api)
{
	UT_CASE("rx_title_word_form: what one word is to the lexicon on its own")
	{
		char		out[64];
		size_t		n = 99;

		UT_INT(rx_title_word_form("mgr", 3, out, sizeof(out), &n), RX_TITLE_WORD_EXPANDS);
		UT_INT(n, 7);
		UT_CHECK(memcmp(out, "manager", 7) == 0);
		/* positional abbreviations: the head form */
		UT_INT(rx_title_word_form("eng", 3, out, sizeof(out), &n), RX_TITLE_WORD_EXPANDS);
		UT_CHECK(n == 8 && memcmp(out, "engineer", 8) == 0);
		UT_INT(rx_title_word_form("oper", 4, out, sizeof(out), &n), RX_TITLE_WORD_EXPANDS);
		UT_CHECK(n == 8 && memcmp(out, "operator", 8) == 0);
		/* several words, separated by single spaces */
		UT_INT(rx_title_word_form("hr", 2, out, sizeof(out), &n), RX_TITLE_WORD_EXPANDS);
		UT_CHECK(n == 15 && memcmp(out, "human resources", 15) == 0);
		/* grade and noise words go; other words stay */
		UT_INT(rx_title_word_form("sr", 2, out, sizeof(out), &n), RX_TITLE_WORD_DROPPED);
		UT_INT(n, 0);
		UT_INT(rx_title_word_form("remote", 6, out, sizeof(out), &n), RX_TITLE_WORD_DROPPED);
		UT_INT(rx_title_word_form("nurse", 5, out, sizeof(out), &n), RX_TITLE_WORD_PLAIN);
		UT_INT(rx_title_word_form("manager", 7, out, sizeof(out), &n), RX_TITLE_WORD_PLAIN);
		UT_INT(rx_title_word_form("", 0, out, sizeof(out), &n), RX_TITLE_WORD_PLAIN);
		/* an expansion that does not fit is not given */
		UT_INT(rx_title_word_form("hr", 2, out, 8, &n), RX_TITLE_WORD_PLAIN);
		UT_INT(n, 0);
	}

	UT_CASE("rx_title_out_capacity is RX_TITLE_GROWTH bytes a byte plus the NUL, saturating")
	{
		UT_INT(rx_title_out_capacity(0), 1);
		UT_INT(rx_title_out_capacity(1), RX_TITLE_GROWTH + 1);
		UT_INT(rx_title_out_capacity(100), 100 * RX_TITLE_GROWTH + 1);
		UT_CHECK(rx_title_out_capacity(SIZE_MAX) == SIZE_MAX);
		UT_CHECK(rx_title_out_capacity(SIZE_MAX / RX_TITLE_GROWTH + 1) == SIZE_MAX);
	}

	UT_CASE("the worst expansions stay within the capacity")
	{
		char		in[64 * 3 + 1];
		int			i;

		/* "ai" (2 bytes) -> "artificial intelligence" (23) + a space = 24 = 12 x 2 */
		UT_STR(norm("ai"), "artificial intelligence");
		UT_CHECK(strlen(norm("ai")) < rx_title_out_capacity(2));
		for (i = 0; i < 64; i++)
			memcpy(in + 3 * i, "ai ", 3);
		in[64 * 3 - 1] = '\0';
		UT_CHECK(strlen(norm(in)) == 64 * 24 - 1);
		UT_CHECK(strlen(norm(in)) < rx_title_out_capacity(strlen(in)));
		UT_CHECK(strlen(norm("&&&&")) < rx_title_out_capacity(4));
		UT_STR(norm("&&"), "and and");
	}

	UT_CASE("too small buffers, NULL output and over-long titles are refused")
	{
		char		out[64];
		char		scratch[64];
		size_t		outlen;
		rx_error	err;

		UT_INT(rx_title_normalize("abc", 3, out, rx_title_out_capacity(3) - 1, &outlen, &err), RX_ARGUMENT);
		UT_CHECK(err.detail[0] != '\0');
		UT_INT(rx_title_normalize("abc", 3, NULL, 100, &outlen, &err), RX_ARGUMENT);
		UT_INT(rx_title_analyze("abc", 3, scratch, 8, out, sizeof(out), &outlen, NULL, &err), RX_ARGUMENT);
		UT_INT(rx_title_analyze("abc", 3, NULL, 0, out, sizeof(out), &outlen, NULL, &err), RX_ARGUMENT);
		/* the length is checked before any byte is read */
		UT_INT(rx_title_normalize("x", (size_t) RX_TITLE_MAX_LEN + 1, out, sizeof(out), &outlen, &err), RX_LIMIT);
		UT_STR(err.detail, "A job title is read up to 1048576 bytes; this one has 1048577 bytes.");
		{
			bool		found = true;
			int32_t		level = 7;

			UT_INT(rx_title_level("x", (size_t) RX_TITLE_MAX_LEN + 1, &found, &level, &err), RX_LIMIT);
			UT_CHECK(!found);
		}
	}

	UT_CASE("rx_title_analyze: caller scratch at any alignment, level only, and the details")
	{
		char		scratch[4096 + 8];
		char		out[512];
		size_t		outlen = 0;
		rx_title_info		info;
		rx_error	err;
		const char *t = "Sr. DevOps Eng II (Remote)";
		size_t		need = rx_title_scratch_size(strlen(t));

		UT_CHECK(need <= 4096);
		UT_INT(rx_title_analyze(t, strlen(t), scratch + 3, need, out, sizeof(out), &outlen, &info, &err), RX_OK);
		UT_STR(out, "devops engineer");
		UT_INT(outlen, 15);
		UT_CHECK(info.has_level && info.has_grade && !info.has_rank && !info.trainee);
		UT_INT(info.level, 103);	/* P3 */
		UT_INT(info.grade, 103);
		UT_INT(rx_title_analyze("Senior Manager Trainee", 22, scratch, sizeof(scratch), NULL, 0, NULL, &info, &err), RX_OK);
		UT_CHECK(info.trainee && info.has_rank && info.has_grade);
		UT_INT(info.rank, 203);	/* M3 */
		UT_INT(info.grade, 103);	/* P3 */
		UT_INT(info.level, 101);	/* P1 */
		UT_INT(rx_title_analyze("Nurse", 5, scratch, sizeof(scratch), NULL, 0, NULL, &info, &err), RX_OK);
		UT_CHECK(!info.has_level && !info.has_grade && !info.has_rank);
	}

	UT_CASE("levels are rolelevel encodings")
	{
		bool		found;
		int32_t		v,
					p;
		rx_error	err;

		UT_INT(rx_title_level("Senior Director", 15, &found, &v, &err), RX_OK);
		UT_INT(rx_level_parse("M5", 2, &p, &err), RX_OK);
		UT_INT(v, p);
		UT_INT(rx_title_level("SVP", 3, &found, &v, &err), RX_OK);
		UT_INT(rx_level_parse("E2", 2, &p, &err), RX_OK);
		UT_INT(v, p);
		UT_INT(rx_title_level("Engineer II", 11, &found, &v, &err), RX_OK);
		UT_INT(rx_level_parse("P2", 2, &p, &err), RX_OK);
		UT_INT(v, p);
	}

	UT_CASE("a long title (scratch from the heap) is read like a short one")
	{
		static char big[200000];
		size_t		n = 0;
		const char *r;

		memcpy(big, "Sr. ", 4);
		n = 4;
		memset(big + n, 'a', 150000);
		n += 150000;
		memcpy(big + n, " Eng (Remote) - Boston, MA", 26);
		n += 26;
		UT_CHECK(rx_title_scratch_size(n) > 16384);
		{
			char	   *out = malloc(rx_title_out_capacity(n));
			size_t		outlen = 0;
			rx_error	err;

			UT_INT(rx_title_normalize(big, n, out, rx_title_out_capacity(n), &outlen, &err), RX_OK);
			r = out;
			UT_INT(outlen, 150000 + 9);
			UT_CHECK(r[0] == 'a' && r[149999] == 'a');
			UT_STR(r + 150000, " engineer");
			free(out);
		}
		UT_STR(lvl_n(big, n), "P3");
	}
}

UT_SUITE(title_idempotence)
{
	UT_CASE("normalizing a normalized title changes nothing (corpus)")
	{
		static const char *const corpus[] = {
			"Sr. DevOps Eng II (Remote)", "DEVOPS ENGINEER - CONTRACT",
			"Jr Site Reliability Engr", "Senior Manager", "Manager, Senior",
			"VP of Engineering", "EVP, Operations", "AVP Finance", "CEO",
			"Chief of Staff", "Executive Assistant to the CEO",
			"Assistant Store Manager", "Associate Professor of Biology",
			"Associate Staff Professor", "Sales Associate", "Staff Engineer",
			"Nursing Staff", "Lead Generation Specialist", "Intern",
			"Summer Intern", "Intern Summer", "Intern Coordinator",
			"Entry Entry Level Level", "Executive Executive VP",
			"Executive Staff Vice President", "Full Staff Time Engineer",
			"Engineer Full Staff Time", "Engineer Full Senior Time",
			"Team Staff Lead", "Vice Staff President", "Chief Staff of Staff",
			"Software Engineer - New York, NY", "Engineer R (Remote) 123",
			"Engineer (Sensing Remote)", "Engineer Level 2", "Level 2",
			"II", "II III", "Engineer II III", "Intern Remote Senior",
			"Remote Intern Remote", "Dev Staff Ops", "Assistant - Store Manager",
			"Assistant (Remote to) Senior Manager", "Chief of Senior Staff",
			"Engineer, Job ID 123456", "Caf\xc3\xa9 Manager",
			"\xd0\x98\xd0\xbd\xd0\xb6\xd0\xb5\xd0\xbd\xd0\xb5\xd1\x80",
			"Eng Staff", "Staff Eng", "PM Intern", "Assistant PM",
			"Associate Lead Professor", "Lead Staff", "Senior Staff",
			"Principal Associate Fellow", "Director of Eng", "Of Eng",
			"To Senior", "Req Remote 12", "Job Req 12", "Entry Level",
			"Contract to Hire", "Contract Senior to Hire", "Work From Home",
			"Postdoctoral Staff Fellow", "Level Level 2 2", "Grade 2 Level 3",
		};
		size_t		i;

		for (i = 0; i < sizeof(corpus) / sizeof(corpus[0]); i++)
		{
			bool		ok = idempotent(corpus[i]);

			if (!ok)
				printf("    not idempotent: %s\n", corpus[i]);
			UT_CHECK(ok);
		}
	}

	UT_CASE("repetitions do not make the word rules cascade (rounds stay at most 3)")
	{
		static const char *const units[] = {
			"Chief Staff of Staff ", "Contract Staff to Hire ", "Entry Staff Level ",
			"Executive Staff Vice President ", "Intern Lead Engineer ", "Full Staff Time ",
			"Associate Staff Professor ", "Req Staff 12 ",
		};
		static char big[5000];
		static char scratch[5000 * 40];
		size_t		u;

		for (u = 0; u < sizeof(units) / sizeof(units[0]); u++)
		{
			size_t		n = 0,
						len = strlen(units[u]);
			rx_title_info		info;
			rx_error	err;

			while (n + len < sizeof(big))
			{
				memcpy(big + n, units[u], len);
				n += len;
			}
			big[n] = '\0';
			UT_INT(rx_title_analyze(big, n, scratch, sizeof(scratch), NULL, 0, NULL, &info, &err), RX_OK);
			if (info.rounds > 3)
				printf("    %d rounds for %s x %zu\n", info.rounds, units[u], n / len);
			UT_CHECK(info.rounds <= 3);
			UT_CHECK(idempotent(big));
		}
		UT_STR(norm("Chief Staff of Staff"), "chief of staff");
		UT_STR(lvl("Chief Staff of Staff"), "P4");	/* staff before the head: a grade word */
	}

	UT_CASE("a normalized title is a fixed point of every abbreviation and level table entry")
	{
		size_t		i;

		for (i = 0; i < sizeof(abbreviations) / sizeof(abbreviations[0]); i++)
			UT_CHECK(idempotent(abbreviations[i].in));
		for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
			UT_CHECK(idempotent(levels[i].in));
		for (i = 0; i < rx_title_lexicon_size; i++)
		{
			char		in[96];

			snprintf(in, sizeof(in), "Analyst %s", rx_title_lexicon[i].word);
			UT_CHECK(idempotent(in));
			snprintf(in, sizeof(in), "%s Analyst (%s)", rx_title_lexicon[i].word, rx_title_lexicon[i].word);
			UT_CHECK(idempotent(in));
		}
	}
}

/* The claims of title s as "level/base/words" ("-" for none); "ERR <status>" on failure. */
static const char *
claims_of(const char *s, size_t len, char *phrase_out, size_t phrase_cap)
{
	static char buf[64];
	size_t		need = rx_title_claims_work_size(len),
				plen = 0;
	void	   *work = malloc(need);
	const char *phrase = NULL;
	rx_title_claims c;
	rx_error	err;
	rx_status	st;
	char		a[RX_LEVEL_TEXT_MAX + 1] = "-",
				b[RX_LEVEL_TEXT_MAX + 1] = "-",
				w[RX_LEVEL_TEXT_MAX + 1] = "-";

	if (work == NULL)
		return "ERR malloc";
	st = rx_title_claims_of(s, len, work, need, &phrase, &plen, &c, &err);
	if (st != RX_OK)
	{
		free(work);
		snprintf(buf, sizeof(buf), "ERR %d", (int) st);
		return buf;
	}
	if (c.has_level)
		rx_level_format(c.level, a);
	if (c.has_base)
		rx_level_format(c.base, b);
	if (c.has_words)
		rx_level_format(c.words, w);
	if (phrase_out != NULL)
		snprintf(phrase_out, phrase_cap, "%.*s", (int) plen, phrase);
	free(work);
	snprintf(buf, sizeof(buf), "%s/%s/%s", a, b, w);
	return buf;
}

UT_SUITE(title_claims)
{
	char		phrase[RX_TITLE_PHRASE_MAX + 8];

	UT_CASE("level words: beyond the job words, the grade beside a rank noun of the job")
	{
		UT_STR(claims_of("Senior Backend Engineer", 23, phrase, sizeof(phrase)), "P3/-/P3");
		UT_STR(phrase, "backend engineer");
		UT_STR(claims_of("Backend Engineer", 16, NULL, 0), "-/-/-");
		UT_STR(claims_of("Customer Success Manager", 24, NULL, 0), "M2/M2/-");
		UT_STR(claims_of("Senior Customer Success Manager", 31, NULL, 0), "M3/M2/M3");
		UT_STR(claims_of("Customer Success Manager III", 28, NULL, 0), "M2/M2/P3");
		UT_STR(claims_of("Jr. Customer Success Manager", 28, NULL, 0), "M1/M2/M1");
		UT_STR(claims_of("Backend Engineering Manager", 27, NULL, 0), "M2/M2/-");
		UT_STR(claims_of("Software Engineering Intern", 27, NULL, 0), "P1/-/P1");
		UT_STR(claims_of("(Remote)", 8, phrase, sizeof(phrase)), "-/-/-");
		UT_STR(phrase, "");
		UT_STR(claims_of("", 0, phrase, sizeof(phrase)), "-/-/-");
	}
	UT_CASE("the job phrase: the first 256 bytes at a word boundary")
	{
		char		t[2048];
		size_t		i;

		UT_INT(rx_title_phrase_len("devops engineer", 15), 15);
		for (i = 0; i < 128; i++)
			memcpy(t + 16 * i, "devops engineer ", 16);
		UT_INT(rx_title_phrase_len(t, 16 * 128 - 1), 255);
		UT_INT(rx_title_phrase_len(t, 256), 256);	/* fits whole */
		UT_INT(rx_title_phrase_len(t, 255), 255);
		memset(t, 'a', 300);
		t[256] = ' ';
		UT_INT(rx_title_phrase_len(t, 300), 256);
		memset(t, 'a', 300);
		UT_INT(rx_title_phrase_len(t, 300), 256);	/* one long word: cut inside it */
		for (i = 0; i < 150; i++)
			memcpy(t + 2 * i, "\xc3\xa9", 2);
		t[0] = 'x';				/* shift: byte 256 is a continuation byte */
		memmove(t + 1, t, 300);
		UT_INT(rx_title_phrase_len(t, 301), 255);
	}
	UT_CASE("a long title: the claims and the phrase are read from its first 256 bytes")
	{
		size_t		n = 65536 * 16,
					i;
		char	   *t = malloc(n);

		UT_CHECK(t != NULL);
		if (t == NULL)
			break;
		for (i = 0; i < n; i += 16)
			memcpy(t + i, "devops engineer ", 16);
		UT_STR(claims_of(t, n, phrase, sizeof(phrase)), "-/-/-");
		UT_INT(strlen(phrase), 255);
		for (i = 0; i < n; i += 4)
			memcpy(t + i, "eng ", 4);	/* normalizes to 2.25 MiB: still one claim */
		UT_STR(claims_of(t, n, phrase, sizeof(phrase)), "-/-/-");
		UT_INT(strncmp(phrase, "engineering engineering ", 24), 0);
		UT_STR(claims_of(t, n + 1, NULL, 0), "ERR 5");
		free(t);
	}
	UT_CASE("invalid UTF-8 and a short work area are errors")
	{
		char		w[16];
		rx_title_claims c;
		rx_error	err;

		UT_STR(claims_of("Caf\xe9 Manager", 12, NULL, 0), "ERR 4");
		UT_INT(rx_title_claims_of("Nurse", 5, w, sizeof(w), NULL, NULL, &c, &err), RX_ARGUMENT);
	}
}
