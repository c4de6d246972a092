/*
 * eval_slices.c — the style slices of the evaluation (see eval_data.h):
 * each held-out title rewritten in one of the styles real title data comes
 * in — inverted index entries ("Engineer, Software", "Teacher
 * meteorology"), an index qualifier ("… exc. private household", ", n.e.c."),
 * truncated to 30 characters, one typo, abbreviations with no spaces
 * around them ("Sr.SoftwareEng"), upper case with a requisition number.
 *
 * Every rewrite is deterministic: its random choices come from a
 * generator seeded with the md5 of the lower-cased title and the slice's
 * name, so every run (and `make eval`, which loads the slices written by
 * `eval_autocode --dump-slices`) codes the same variants.  A title a style
 * cannot change (one word to invert, 30 characters or fewer to truncate,
 * no word to abbreviate) is not in that slice; each slice is compared with
 * the clean titles of the same subset.
 */
#include <ctype.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval_data.h"
#include "md5.h"

const char *const slice_names[SLICES] = {
	"clean", "messy", "inverted", "qualifier", "truncated", "typo", "glued", "upper_req"
};

#define WORDS_MAX	64

/* xorshift32 step. */
static uint32_t
rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* The generator's seed for a title and a slice: bits of md5(lower#slice). */
static uint32_t
seed_of(const char *lower, int slice)
{
	char		buf[2048];
	char		hex[33];

	snprintf(buf, sizeof(buf), "%s#%s", lower, slice_names[slice]);
	md5_hex(buf, strlen(buf), hex);
	hex[8] = '\0';
	return (uint32_t) strtoul(hex, NULL, 16) | 1;
}

/* Is w[0..n) (any case) one of the prepositions that end a head-noun search? */
static bool
is_prep(const char *w, size_t n)
{
	static const char *const preps[] = {"of", "for", "in", "at", "to", "on", "with", "by", "from", NULL};
	int			i;

	for (i = 0; preps[i] != NULL; i++)
		if (strlen(preps[i]) == n && strncasecmp(w, preps[i], n) == 0)
			return true;
	return false;
}

/* Is w[0..n) a word that is not a head candidate (a conjunction or article)? */
static bool
is_function_word(const char *w, size_t n)
{
	static const char *const fw[] = {"and", "or", "the", "a", "an", "&", NULL};
	int			i;

	for (i = 0; fw[i] != NULL; i++)
		if (strlen(fw[i]) == n && strncasecmp(w, fw[i], n) == 0)
			return true;
	return false;
}

/* The space-separated words of s[0..len): starts and lengths; returns the count. */
static int
split_words(const char *s, size_t len, const char **ws, size_t *wl)
{
	size_t		i = 0;
	int			n = 0;

	while (i < len && n < WORDS_MAX)
	{
		size_t		st;

		while (i < len && s[i] == ' ')
			i++;
		st = i;
		while (i < len && s[i] != ' ')
			i++;
		if (i > st)
		{
			ws[n] = s + st;
			wl[n] = i - st;
			n++;
		}
	}
	return n;
}

/* Append s[0..n) to out at *o (bounded by cap). */
static void
put(char *out, size_t cap, size_t *o, const char *s, size_t n)
{
	if (*o + n + 1 > cap)
		n = *o + 1 < cap ? cap - *o - 1 : 0;
	memcpy(out + *o, s, n);
	*o += n;
	out[*o] = '\0';
}

/*
 * Inverted, as coders' indexes write titles: the head noun first, then
 * what follows it, then (after a comma, or for a title with nothing after
 * its head, half the time without one) the words before it, in sentence
 * case: "Machine Setter Supervisor" -> "Supervisor, machine setter" or
 * "Supervisor machine setter"; "Assistant Director of Nursing" ->
 * "Director of nursing, assistant".  The head is the last word of the part
 * before any parenthesis or comma, or the last before the first
 * preposition that follows a word.
 */
static bool
make_inverted(const char *title, uint32_t *s, char *out, size_t cap)
{
	const char *ws[WORDS_MAX];
	size_t		wl[WORDS_MAX],
				mainlen = strcspn(title, "(,/"),
				o = 0,
				i;
	int			n = split_words(title, mainlen, ws, wl),
				head = -1,
				k;
	bool		comma;

	for (k = 0; k < n; k++)
	{
		if (head >= 0 && is_prep(ws[k], wl[k]))
			break;
		if (!is_function_word(ws[k], wl[k]))
			head = k;
	}
	if (head <= 0)
		return false;
	comma = head < n - 1 || title[mainlen] != '\0' || rnd(s) % 2 == 0;
	put(out, cap, &o, ws[head], wl[head]);
	for (k = head + 1; k < n; k++)
	{
		put(out, cap, &o, " ", 1);
		put(out, cap, &o, ws[k], wl[k]);
	}
	if (title[mainlen] != '\0')
	{
		/* the rest of the title (a parenthesis, another segment) stays after the head's part */
		put(out, cap, &o, " ", 1);
		put(out, cap, &o, title + mainlen, strlen(title + mainlen));
	}
	put(out, cap, &o, comma ? ", " : " ", comma ? 2 : 1);
	for (k = 0; k < head; k++)
	{
		if (k > 0)
			put(out, cap, &o, " ", 1);
		put(out, cap, &o, ws[k], wl[k]);
	}
	/* sentence case */
	for (i = 0; i < o; i++)
		out[i] = (char) (i == 0 ? toupper((unsigned char) out[i]) : tolower((unsigned char) out[i]));
	return true;
}

/*
 * With an index qualifier: "not elsewhere classified" in one of its
 * spellings, or an exclusion of an industry that names other work
 * ("exc. private household", "except farm").
 */
static bool
make_qualifier(const char *title, uint32_t *s, char *out, size_t cap)
{
	static const char *const nec[] = {", n.e.c.", " n.e.c.", ", nec", " (n.e.c.)", ", not elsewhere classified"};
	static const char *const exc[] = {", exc. ", " exc ", ", except ", " (except ", " excluding "};
	static const char *const what[] = {
		"private household", "amusement and recreation", "farm", "construction", "retail trade",
		"manufacturing", "postal service", "hospital", "mining", "railroad", "motor vehicle",
		"restaurant", "government", "textile mill", "sales"
	};
	uint32_t	r = rnd(s) % 100;

	if (r < 40)
		snprintf(out, cap, "%s%s", title, nec[rnd(s) % 5]);
	else
	{
		int			e = (int) (rnd(s) % 5);

		snprintf(out, cap, "%s%s%s%s", title, exc[e], what[rnd(s) % 15], e == 3 ? ")" : "");
	}
	return true;
}

/* Truncated to 30 characters, as fixed-width fields cut titles. */
static bool
make_truncated(const char *title, char *out, size_t cap)
{
	size_t		n = strlen(title);

	if (n <= 30 || cap < 31)
		return false;
	memcpy(out, title, 30);
	out[30] = '\0';
	return true;
}

/*
 * One typo in one word of four letters or more: a letter dropped,
 * doubled, replaced by its neighbour on the keyboard, or two letters
 * swapped.
 */
static bool
make_typo(const char *title, uint32_t *s, char *out, size_t cap)
{
	static const char *const rows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
	size_t		starts[WORDS_MAX],
				n = strlen(title),
				i = 0,
				st,
				len,
				p;
	int			nw = 0,
				kind;
	char		c;

	while (i < n && nw < WORDS_MAX)
	{
		size_t		b;

		while (i < n && !isalpha((unsigned char) title[i]))
			i++;
		b = i;
		while (i < n && isalpha((unsigned char) title[i]))
			i++;
		if (i - b >= 4)
			starts[nw++] = b;
	}
	if (nw == 0 || n + 2 > cap)
		return false;
	st = starts[rnd(s) % (uint32_t) nw];
	for (len = 0; isalpha((unsigned char) title[st + len]); len++)
		;
	p = st + 1 + rnd(s) % (uint32_t) (len - 1);	/* never the first letter */
	kind = (int) (rnd(s) % 4);
	memcpy(out, title, p);
	switch (kind)
	{
		case 0:					/* dropped */
			strcpy(out + p, title + p + 1);
			break;
		case 1:					/* doubled */
			out[p] = title[p];
			strcpy(out + p + 1, title + p);
			break;
		case 2:					/* a neighbour on the keyboard */
			c = (char) tolower((unsigned char) title[p]);
			out[p] = c;
			for (i = 0; i < 3; i++)
			{
				const char *at = strchr(rows[i], c);

				if (at != NULL)
				{
					size_t		x = (size_t) (at - rows[i]),
								w = strlen(rows[i]);

					out[p] = rows[i][x == 0 ? 1 : (x + 1 == w ? x - 1 : (rnd(s) % 2 ? x + 1 : x - 1))];
				}
			}
			if (isupper((unsigned char) title[p]))
				out[p] = (char) toupper((unsigned char) out[p]);
			strcpy(out + p + 1, title + p + 1);
			break;
		default:				/* swapped with the letter before */
			if (p + 1 - st >= len || title[p] == title[p + 1])
				p--;
			out[p] = title[p + 1];
			out[p + 1] = title[p];
			strcpy(out + p + 2, title + p + 2);
			break;
	}
	return true;
}

/*
 * Abbreviations with no spaces around them, as HRIS exports and badge
 * systems write: every word with a common abbreviation abbreviated, each
 * abbreviation glued to the word before it (the first to the word after),
 * sometimes a glued level: "Sr.SoftwareEng", "AsstStoreMgr".  Titles
 * without such a word are not in the slice.
 */
static bool
make_glued(const char *title, uint32_t *s, char *out, size_t cap)
{
	static const char *const abbr[][2] = {
		{"senior", "Sr."}, {"manager", "Mgr"}, {"engineer", "Eng"}, {"assistant", "Asst"},
		{"technician", "Tech"}, {"administrator", "Admin"}, {"associate", "Assoc"},
		{"director", "Dir"}, {"coordinator", "Coord"}, {"representative", "Rep"},
		{"specialist", "Spec"}, {"supervisor", "Supv"}, {"customer", "Cust"},
		{"service", "Svc"}, {"executive", "Exec"}, {"operations", "Ops"},
		{"developer", "Dev"}, {"junior", "Jr"}, {"department", "Dept"}, {"management", "Mgmt"},
		{"operator", "Oper"}, {"accounting", "Acctg"}, {"maintenance", "Maint"},
		{"president", "Pres"}, {NULL, NULL}
	};
	const char *ws[WORDS_MAX];
	size_t		wl[WORDS_MAX],
				o = 0;
	int			n = split_words(title, strlen(title), ws, wl),
				ab[WORDS_MAX],
				any = 0,
				k,
				a;

	for (k = 0; k < n; k++)
	{
		ab[k] = -1;
		for (a = 0; abbr[a][0] != NULL && ab[k] < 0; a++)
			if (strlen(abbr[a][0]) == wl[k] && strncasecmp(ws[k], abbr[a][0], wl[k]) == 0)
				ab[k] = a;
		any += ab[k] >= 0;
	}
	if (any == 0)
		return false;
	out[0] = '\0';
	if (rnd(s) % 3 == 0)
		put(out, cap, &o, rnd(s) % 2 ? "Sr." : "Jr.", 3);
	for (k = 0; k < n; k++)
	{
		/* a space only between two words neither of which is abbreviated */
		if (k > 0 && ab[k] < 0 && ab[k - 1] < 0)
			put(out, cap, &o, " ", 1);
		if (ab[k] >= 0)
			put(out, cap, &o, abbr[ab[k]][1], strlen(abbr[ab[k]][1]));
		else
			put(out, cap, &o, ws[k], wl[k]);
	}
	return true;
}

/*
 * Upper case with a requisition or job number before or after:
 * "SOFTWARE ENGINEER - REQ#48213", "REQ 553222 SOFTWARE ENGINEER",
 * "SOFTWARE ENGINEER (JOB ID 20931)", "R-10234 SOFTWARE ENGINEER".
 */
static bool
make_upper_req(const char *title, uint32_t *s, char *out, size_t cap)
{
	static const char *const after[] = {" - REQ#%u", " (REQ %u)", " (JOB ID %u)", " REQ-%u", " #%u", " - JR%u"};
	static const char *const before[] = {"REQ %u ", "R-%u ", "#%u - ", "JOB %u: "};
	char		tmp[2048],
				num[64];
	uint32_t	r = rnd(s) % 10;
	uint32_t	v = 10000 + rnd(s) % 900000;
	size_t		i;

	if (r < 6)
	{
		snprintf(num, sizeof(num), after[r], v);
		snprintf(tmp, sizeof(tmp), "%s%s", title, num);
	}
	else
	{
		snprintf(num, sizeof(num), before[r - 6], v);
		snprintf(tmp, sizeof(tmp), "%s%s", num, title);
	}
	for (i = 0; tmp[i] && i + 1 < cap; i++)
		out[i] = (char) toupper((unsigned char) tmp[i]);
	out[i] = '\0';
	return true;
}

/*
 * The variant of a held-out title in a slice, into out; false when the
 * title is not in the slice.  SLICE_CLEAN is the title itself, SLICE_MESSY
 * the messy HRIS variant (eval_messy.c).
 */
bool
slice_variant(int slice, const char *title, const char *lower, char *out, size_t cap)
{
	uint32_t	s = seed_of(lower, slice);

	switch (slice)
	{
		case SLICE_CLEAN:
			snprintf(out, cap, "%s", title);
			return true;
		case SLICE_MESSY:
			messy(title, lower, out, cap);
			return true;
		case SLICE_INVERTED:
			return make_inverted(title, &s, out, cap);
		case SLICE_QUALIFIER:
			return make_qualifier(title, &s, out, cap);
		case SLICE_TRUNCATED:
			return make_truncated(title, out, cap);
		case SLICE_TYPO:
			return make_typo(title, &s, out, cap);
		case SLICE_GLUED:
			return make_glued(title, &s, out, cap);
		case SLICE_UPPER_REQ:
			return make_upper_req(title, &s, out, cap);
	}
	return false;
}
