/*
 * eval_data.c — reading the evaluation's data (see eval_data.h): the
 * O*NET alternate titles and their split (the one `make eval` uses in SQL:
 * a title is held out iff substr(md5(lower(t)), 1, 8) < '33333333'), the
 * occupations, and the SOC 2018 hierarchy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval_data.h"
#include "md5.h"

/* Parents of each detailed SOC code (6 digits as an int), 0 when unknown. */
char	  **soc_group_title;
int32_t    *soc_broad,
		   *soc_minor,
		   *soc_major;

/* Print a message and exit with status 2. */
void
die(const char *msg, const char *arg)
{
	fprintf(stderr, "eval_autocode: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	exit(2);
}

/* malloc or die. */
void *
xmalloc(size_t n)
{
	void	   *p = malloc(n == 0 ? 1 : n);

	if (p == NULL)
		die("out of memory", NULL);
	return p;
}

/* A copy of s[0..n) with a NUL. */
char *
xstrndup(const char *s, size_t n)
{
	char	   *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* The whole file, NUL-terminated. */
char *
slurp(const char *dir, const char *name)
{
	char		path[4096];
	FILE	   *f;
	long		n;
	char	   *buf;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (f == NULL)
		die("cannot open", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc((size_t) n + 1);
	if (fread(buf, 1, (size_t) n, f) != (size_t) n)
		die("cannot read", path);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Split a line in place at tabs into at most max fields; returns the count. */
int
split_tabs(char *line, char **fields, int max)
{
	int			n = 0;

	fields[n++] = line;
	for (; *line && n < max; line++)
		if (*line == '\t')
		{
			*line = '\0';
			fields[n++] = line + 1;
		}
	return n;
}

/*
 * Split a CSV line in place into at most max fields, removing the quotes of
 * quoted fields ("" inside quotes is a quote).
 */
static int
split_csv(char *line, char **fields, int max)
{
	int			n = 0;
	char	   *r = line,
			   *w = line;

	while (n < max)
	{
		fields[n++] = w;
		if (*r == '"')
		{
			r++;
			while (*r)
			{
				if (*r == '"' && r[1] == '"')
				{
					*w++ = '"';
					r += 2;
				}
				else if (*r == '"')
				{
					r++;
					break;
				}
				else
					*w++ = *r++;
			}
		}
		while (*r && *r != ',')
			*w++ = *r++;
		if (*r == ',')
		{
			*w++ = '\0';
			r++;
			continue;
		}
		*w = '\0';
		break;
	}
	return n;
}

/* "15-1252.00" or "15-1252" -> 15125200 or 151252; -1 when malformed. */
int32_t
parse_code(const char *s, bool onet)
{
	int32_t		v = 0;
	int			i,
				digits = 0;

	for (i = 0; s[i] && s[i] != '\t'; i++)
	{
		if (s[i] >= '0' && s[i] <= '9')
		{
			v = v * 10 + (s[i] - '0');
			digits++;
		}
		else if (s[i] != '-' && s[i] != '.')
			return -1;
	}
	return digits == (onet ? 8 : 6) ? v : -1;
}

/* Read soc2018_all.csv into the parent arrays. */
void
load_soc(const char *dir)
{
	char	   *buf = slurp(dir, "soc2018/soc2018_all.csv");
	char	   *line = buf,
			   *next;
	bool		header = true;

	soc_broad = calloc(SOC6_MAX, sizeof(int32_t));
	soc_minor = calloc(SOC6_MAX, sizeof(int32_t));
	soc_major = calloc(SOC6_MAX, sizeof(int32_t));
	soc_group_title = calloc(SOC6_MAX, sizeof(char *));
	if (!soc_broad || !soc_minor || !soc_major || !soc_group_title)
		die("out of memory", NULL);
	for (; *line; line = next)
	{
		char	   *f[12];
		int			nf;

		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		if (header)
		{
			header = false;
			continue;
		}
		nf = split_csv(line, f, 12);
		/* code,title,Level,Hierarchical_structure,parent,soc2d,soc3d,soc5d,soc6d */
		if (nf >= 9 && strcmp(f[3], "Detailed") != 0)
		{
			int32_t		c = parse_code(f[0], false);

			if (c < 0)
				die("bad code in soc2018_all.csv", f[0]);
			soc_group_title[c] = xstrndup(f[1], strlen(f[1]));
		}
		if (nf >= 9 && strcmp(f[3], "Detailed") == 0)
		{
			int32_t		c = parse_code(f[0], false);

			if (c < 0)
				die("bad code in soc2018_all.csv", f[0]);
			soc_broad[c] = parse_code(f[7], false);
			soc_minor[c] = parse_code(f[6], false);
			soc_major[c] = parse_code(f[5], false);
		}
	}
	free(buf);
}

/* The group of an O*NET-SOC code at a level (0 detailed … 3 major). */
int32_t
group_of(int32_t onet, int level)
{
	int32_t		d = onet / 100;

	if (d < 0 || d >= SOC6_MAX)
		return -1;
	switch (level)
	{
		case 0:
			return d;
		case 1:
			return soc_broad[d];
		case 2:
			return soc_minor[d];
		default:
			return soc_major[d];
	}
}

/* ASCII lower-case copy. */
char *
lower_dup(const char *s)
{
	size_t		n = strlen(s),
				i;
	char	   *p = xmalloc(n + 1);

	for (i = 0; i <= n; i++)
		p[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char) (s[i] - 'A' + 'a') : s[i];
	return p;
}

/*
 * Which split the lower-cased title is in: 0 development (md5 prefix below
 * 33333333), 1 tuning (below 66666666), 2 the rest.  *test_half says
 * whether a development title is in the half kept for the final report
 * (the 9th hex digit of the md5 is 8 or above; the tuning half is 0-7).
 */
static int
split_of(const char *lower, bool *test_half)
{
	char		hex[33];

	md5_hex(lower, strlen(lower), hex);
	*test_half = hex[8] >= '8';
	if (memcmp(hex, "33333333", 8) < 0)
		return 0;
	return memcmp(hex, "66666666", 8) < 0 ? 1 : 2;
}

/*
 * Read the alternate titles; returns the rows.  With tune, the tuning
 * split is held out too (both stay out of the dictionary).
 */
row *
load_titles(const char *dir, bool tune, int *nrows)
{
	char	   *buf = slurp(dir, "onet/onet_27_0_alternate_titles_train.tsv");
	char	   *line = buf,
			   *next;
	int			n = 0,
				cap = 1024;
	row		   *rows = xmalloc(sizeof(row) * (size_t) cap);
	bool		header = true;

	for (; *line; line = next)
	{
		char	   *f[4];
		int32_t		c;

		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		if (header)
		{
			header = false;
			continue;
		}
		if (split_tabs(line, f, 4) < 2)
			continue;
		c = parse_code(f[0], true);
		if (c < 0)
			die("bad code in the alternate titles", f[0]);
		if (n == cap)
		{
			cap *= 2;
			rows = realloc(rows, sizeof(row) * (size_t) cap);
			if (rows == NULL)
				die("out of memory", NULL);
		}
		rows[n].code = c;
		rows[n].title = xstrndup(f[1], strlen(f[1]));
		rows[n].lower = lower_dup(f[1]);
		rows[n].dev = split_of(rows[n].lower, &rows[n].test_half) == 0;
		rows[n].tune = split_of(rows[n].lower, &rows[n].test_half) == 1;
		/* tuning: code the tuning split, keep both out of the dictionary */
		if (tune)
			rows[n].dev = rows[n].dev || rows[n].tune;
		n++;
	}
	free(buf);
	*nrows = n;
	return rows;
}

/* Read the O*NET occupation titles and descriptions. */
occupation *
load_occupations(const char *dir, int *nocc)
{
	char	   *buf = slurp(dir, "onet/onet_27_0_occupation_data.tsv");
	char	   *line = buf,
			   *next;
	int			n = 0;
	occupation *occ = xmalloc(sizeof(occupation) * 2000);
	bool		header = true;

	for (; *line; line = next)
	{
		char	   *f[3];

		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		if (header)
		{
			header = false;
			continue;
		}
		if (split_tabs(line, f, 3) < 3 || n >= 2000)
			continue;
		occ[n].code = parse_code(f[0], true);
		if (occ[n].code < 0)
			die("bad code in the occupation data", f[0]);
		occ[n].title = xstrndup(f[1], strlen(f[1]));
		occ[n].desc = xstrndup(f[2], strlen(f[2]));
		n++;
	}
	free(buf);
	*nocc = n;
	return occ;
}

/* Compare rows by lower-cased title, then code. */
int
row_cmp(const void *a, const void *b)
{
	const row  *x = a,
			   *y = b;
	int			c = strcmp(x->lower, y->lower);

	return c != 0 ? c : (x->code > y->code) - (x->code < y->code);
}
