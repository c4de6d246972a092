/*
 * eval_messy.c — messy HRIS variants of the held-out titles (see
 * eval_data.h): abbreviations (Sr, Mgr, Eng, Asst, Tech …), a level word,
 * work-arrangement or requisition noise and a changed case, chosen by a
 * generator seeded from the title's md5, so every run codes the same
 * variants.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval_data.h"
#include "md5.h"

/* xorshift32 step. */
static uint32_t
rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/*
 * A messy HRIS variant of a title, deterministic per title: abbreviations
 * (Sr, Mgr, Eng, Asst, Tech …), a level word, work-arrangement or
 * requisition noise, and a changed case.
 */
void
messy(const char *title, const char *lower, char *out, size_t cap)
{
	static const char *const abbr[][2] = {
		{"senior", "Sr."}, {"manager", "Mgr"}, {"engineer", "Eng"}, {"assistant", "Asst"},
		{"technician", "Tech"}, {"administrator", "Admin"}, {"associate", "Assoc"},
		{"director", "Dir"}, {"coordinator", "Coord"}, {"representative", "Rep"},
		{"specialist", "Spec"}, {"supervisor", "Supv"}, {"customer", "Cust"},
		{"service", "Svc"}, {"executive", "Exec"}, {"operations", "Ops"},
		{"developer", "Dev"}, {"junior", "Jr"}, {NULL, NULL}
	};
	static const char *const levels_pre[] = {"Sr. ", "Senior ", "Jr ", "Junior ", "SR "};
	static const char *const levels_post[] = {" II", " III", " IV", " - Senior"};
	static const char *const noise[] = {" (Remote)", " - Remote", " (Contract)", " - Hybrid",
	" (Part Time)", " - Full Time", " (Temp)", " - Onsite"};
	char		hex[33];
	uint32_t	s;
	size_t		o = 0,
				i = 0,
				n = strlen(title);
	char		tmp[2048];
	int			mode;

	md5_hex(lower, strlen(lower), hex);
	hex[16] = '\0';
	s = (uint32_t) strtoul(hex + 8, NULL, 16) | 1;
	tmp[0] = '\0';

	if (rnd(&s) % 100 < 40)
		o += (size_t) snprintf(tmp + o, sizeof(tmp) - o, "%s", levels_pre[rnd(&s) % 5]);
	while (i < n && o + 64 < sizeof(tmp))
	{
		size_t		st = i;
		int			a;
		bool		done = false;

		while (i < n && ((title[i] >= 'a' && title[i] <= 'z') || (title[i] >= 'A' && title[i] <= 'Z')))
			i++;
		if (i > st)
		{
			for (a = 0; abbr[a][0] != NULL && !done; a++)
				if (strlen(abbr[a][0]) == i - st && strncmp(lower + st, abbr[a][0], i - st) == 0 &&
					rnd(&s) % 100 < 75)
				{
					o += (size_t) snprintf(tmp + o, sizeof(tmp) - o, "%s", abbr[a][1]);
					done = true;
				}
			if (!done)
			{
				memcpy(tmp + o, title + st, i - st);
				o += i - st;
			}
		}
		else
			tmp[o++] = title[i++];
	}
	tmp[o] = '\0';
	if (rnd(&s) % 100 < 25)
		o += (size_t) snprintf(tmp + o, sizeof(tmp) - o, "%s", levels_post[rnd(&s) % 4]);
	mode = (int) (rnd(&s) % 100);
	if (mode < 45)
		o += (size_t) snprintf(tmp + o, sizeof(tmp) - o, "%s", noise[rnd(&s) % 8]);
	else if (mode < 65)
		o += (size_t) snprintf(tmp + o, sizeof(tmp) - o, " - Req #%u", 10000 + rnd(&s) % 90000);
	else if (mode < 75)
		o += (size_t) snprintf(tmp + o, sizeof(tmp) - o, " (Req %u)", 100000 + rnd(&s) % 900000);
	(void) o;
	mode = (int) (rnd(&s) % 3);
	for (i = 0; tmp[i] && i + 1 < cap; i++)
	{
		char		c = tmp[i];

		if (mode == 0 && c >= 'a' && c <= 'z')
			c = (char) (c - 'a' + 'A');
		else if (mode == 1 && c >= 'A' && c <= 'Z')
			c = (char) (c - 'A' + 'a');
		out[i] = c;
	}
	out[i] = '\0';
}
