/*
 * title_stand_in.c — the evaluation's stand-in for title_normalize() (see
 * title_stand_in.h).  Deliberately small: it is replaced by the real one.
 */
#include "title_stand_in.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define SN_WORDS_MAX 256

/* Abbreviations and their expansions (issue #7's list). */
static const char *const sn_abbrev[][2] = {
	{"sr", "senior"}, {"snr", "senior"}, {"jr", "junior"}, {"eng", "engineer"},
	{"engr", "engineer"}, {"mgr", "manager"}, {"mngr", "manager"}, {"dev", "developer"},
	{"ops", "operations"}, {"admin", "administrator"}, {"assoc", "associate"},
	{"asst", "assistant"}, {"dir", "director"}, {"vp", "vice president"},
	{"svp", "senior vice president"}, {"evp", "executive vice president"},
	{"avp", "assistant vice president"}, {"exec", "executive"}, {"tech", "technician"},
	{"spec", "specialist"}, {"coord", "coordinator"}, {"rep", "representative"},
	{"acct", "accountant"}, {"hr", "human resources"}, {"it", "information technology"},
	{"qa", "quality assurance"}, {"sw", "software"}, {"swe", "software engineer"},
	{"sre", "site reliability engineer"}, {"pm", "project manager"},
	{"ui", "user interface"}, {"ux", "user experience"}, {"ml", "machine learning"},
	{"ai", "artificial intelligence"}, {"db", "database"},
	{"dba", "database administrator"}, {"sys", "systems"},
	{"sysadmin", "system administrator"}, {"infra", "infrastructure"},
	{"cust", "customer"}, {"svc", "service"}, {"sup", "supervisor"},
	{"supv", "supervisor"}, {"trnee", "trainee"}, {NULL, NULL}
};

/* Level words kept out of the normalized title. */
static const char *const sn_level[] = {"senior", "junior", "ii", "iii", "iv", NULL};

/* Work-arrangement words: noise inside parentheses or after " - ". */
static const char *const sn_noise[] = {
	"remote", "hybrid", "onsite", "on", "site", "contract", "contractor", "temp",
	"temporary", "full", "part", "time", "fulltime", "parttime", "wfh", "req",
	"requisition", "job", "id", "no", "ref", NULL
};

/* Is w[0..n) in the NULL-terminated list? */
static bool
sn_in(const char *const *list, const char *w, size_t n)
{
	int			i;

	for (i = 0; list[i] != NULL; i++)
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
			return true;
	return false;
}

/* Is w[0..n) a requisition-like number: 4+ digits, perhaps after a letter? */
static bool
sn_number(const char *w, size_t n)
{
	size_t		i,
				digits = 0;

	for (i = 0; i < n; i++)
		digits += (w[i] >= '0' && w[i] <= '9');
	return (digits == n && n >= 4) || (digits >= 4 && digits + 1 >= n);
}

/* Is c part of a word after folding? */
static bool
sn_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (unsigned char) c >= 0x80;
}

/* Fold ASCII upper case and the Latin-1 letters of U+00C0..U+00FF. */
static size_t
sn_fold(const char *s, size_t len, char *out)
{
	static const char latin[] = "aaaaaaaceeeeiiiidnooooo*ouuuuyps"
		"aaaaaaaceeeeiiiidnooooo/ouuuuypy";
	size_t		i,
				n = 0;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c >= 'A' && c <= 'Z')
			out[n++] = (char) (c - 'A' + 'a');
		else if (c == 0xC3 && i + 1 < len && ((unsigned char) s[i + 1] & 0xC0) == 0x80)
		{
			unsigned	cp = 0xC0 + ((unsigned char) s[i + 1] & 0x3F);

			out[n++] = latin[cp - 0xC0];
			i++;
		}
		else
			out[n++] = (char) c;
	}
	return n;
}

/* Does the span t[0..n) hold only noise words and numbers? */
static bool
sn_all_noise(const char *t, size_t n)
{
	size_t		i = 0;
	bool		any = false;

	while (i < n)
	{
		size_t		st;

		while (i < n && !sn_alnum(t[i]))
			i++;
		st = i;
		while (i < n && sn_alnum(t[i]))
			i++;
		if (i == st)
			continue;
		any = true;
		if (!sn_in(sn_noise, t + st, i - st) && !sn_number(t + st, i - st))
			return false;
	}
	return any;
}

/* Bytes of output room that tn_normalize needs for len bytes of input. */
size_t
tn_out_capacity(size_t len)
{
	/* the longest expansion ("information technology", 22) of a 2-byte word */
	return len * 12 + 1;
}

/* Normalize a title: fold, drop noise, expand abbreviations, drop level words. */
rx_status
tn_normalize(const char *s, size_t len, char *out, size_t outcap, size_t *outlen,
			 rx_error *err)
{
	char	   *t = malloc(len + 1);
	size_t		n,
				i,
				o = 0;
	const char *words[SN_WORDS_MAX];
	size_t		lens[SN_WORDS_MAX];
	int			nw = 0,
				k;

	if (t == NULL)
		return rx_fail(err, RX_RANGE, "Out of memory.");
	if (outcap < tn_out_capacity(len))
	{
		free(t);
		return rx_fail(err, RX_ARGUMENT, "The output buffer is too small.");
	}
	n = sn_fold(s, len, t);

	/* noise in parentheses: blank it; other parentheses become spaces */
	for (i = 0; i < n; i++)
		if (t[i] == '(')
		{
			size_t		j = i + 1;

			while (j < n && t[j] != ')')
				j++;
			if (sn_all_noise(t + i + 1, j - i - 1))
				memset(t + i, ' ', (j < n ? j + 1 : n) - i);
		}
	/* noise after " - " (or " – "): blank the segment */
	for (i = 0; i + 2 < n; i++)
		if (t[i] == ' ' && (t[i + 1] == '-' || t[i + 1] == '|') && t[i + 2] == ' ')
		{
			size_t		j = i + 3;

			while (j + 2 < n && !(t[j] == ' ' && (t[j + 1] == '-' || t[j + 1] == '|') &&
								   t[j + 2] == ' '))
				j++;
			if (j + 2 >= n)
				j = n;
			if (sn_all_noise(t + i + 3, j - i - 3))
				memset(t + i, ' ', j - i);
		}
	/* '#' numbers: "#12345" */
	for (i = 0; i < n;)
	{
		size_t		st;

		while (i < n && !sn_alnum(t[i]))
			i++;
		st = i;
		while (i < n && sn_alnum(t[i]))
			i++;
		if (i > st && nw < SN_WORDS_MAX)
		{
			words[nw] = t + st;
			lens[nw] = i - st;
			nw++;
		}
	}
	for (k = 0; k < nw; k++)
	{
		const char *w = words[k];
		size_t		wl = lens[k];
		int			a;

		if (sn_number(w, wl) && nw > 1)
			continue;
		if ((wl == 3 && memcmp(w, "req", 3) == 0) && k + 1 < nw &&
			sn_number(words[k + 1], lens[k + 1]))
			continue;
		for (a = 0; sn_abbrev[a][0] != NULL; a++)
			if (strlen(sn_abbrev[a][0]) == wl && memcmp(sn_abbrev[a][0], w, wl) == 0)
			{
				w = sn_abbrev[a][1];
				wl = strlen(w);
				break;
			}
		/* drop level words (also inside a multi-word expansion's head) */
		{
			const char *p = w;
			const char *end = w + wl;

			while (p < end)
			{
				const char *q = p;

				while (q < end && *q != ' ')
					q++;
				if (!sn_in(sn_level, p, (size_t) (q - p)) &&
					!(k == nw - 1 && nw > 1 && q - p == 1 && (*p == 'i' || *p == 'v')))
				{
					if (o > 0)
						out[o++] = ' ';
					memcpy(out + o, p, (size_t) (q - p));
					o += (size_t) (q - p);
				}
				p = q < end ? q + 1 : q;
			}
		}
	}
	out[o] = '\0';
	*outlen = o;
	free(t);
	return RX_OK;
}
