/*
 * unit.c — the runner of the unit tests (see unit.h).
 */
#include "unit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define UT_MAX_SUITES 64
#define UT_MAX_NOTES 4096

static struct
{
	const char *name;
	ut_suite_fn fn;
}			ut_suites[UT_MAX_SUITES];
static int	ut_nsuites;
static const char *ut_suite_name;
static const char *ut_case_name;
static int	ut_case_failures;
static char ut_notes[UT_MAX_NOTES];
static size_t ut_notes_len;
static int	ut_passed;
static int	ut_failed;

/* Called by UT_SUITE's constructor. */
void
ut_register(const char *name, ut_suite_fn fn)
{
	if (ut_nsuites >= UT_MAX_SUITES)
	{
		fprintf(stderr, "unit: too many suites\n");
		exit(2);
	}
	ut_suites[ut_nsuites].name = name;
	ut_suites[ut_nsuites].fn = fn;
	ut_nsuites++;
}

/* Open a case: reset its failure count and notes. */
bool
ut_case_begin(const char *name)
{
	ut_case_name = name;
	ut_case_failures = 0;
	ut_notes_len = 0;
	ut_notes[0] = '\0';
	return true;
}

/* Close a case: print its line and count it. */
void
ut_case_end(void)
{
	if (ut_case_failures == 0)
	{
		printf("ok - %s: %s\n", ut_suite_name, ut_case_name);
		ut_passed++;
	}
	else
	{
		printf("not ok - %s: %s\n%s", ut_suite_name, ut_case_name, ut_notes);
		ut_failed++;
	}
}

/* Append a note about a failed check to the current case. */
static void
ut_note(const char *file, int line, const char *what)
{
	int			n;

	ut_case_failures++;
	if (ut_notes_len >= UT_MAX_NOTES - 1)
		return;
	n = snprintf(ut_notes + ut_notes_len, UT_MAX_NOTES - ut_notes_len,
				 "    %s:%d: %s\n", file, line, what);
	if (n > 0)
		ut_notes_len += (size_t) n;
	if (ut_notes_len > UT_MAX_NOTES - 1)
		ut_notes_len = UT_MAX_NOTES - 1;
}

/* A boolean check. */
void
ut_check(bool ok, const char *expr, const char *file, int line)
{
	char		buf[512];

	if (ok)
		return;
	snprintf(buf, sizeof(buf), "failed: %s", expr);
	ut_note(file, line, buf);
}

/* A string equality check (NULL equals only NULL). */
void
ut_check_str(const char *got, const char *want, const char *expr,
			 const char *file, int line)
{
	char		buf[1024];

	if ((got == NULL && want == NULL) ||
		(got != NULL && want != NULL && strcmp(got, want) == 0))
		return;
	snprintf(buf, sizeof(buf), "%s is \"%s\", want \"%s\"", expr,
			 got ? got : "(null)", want ? want : "(null)");
	ut_note(file, line, buf);
}

/* An integer equality check. */
void
ut_check_int(long long got, long long want, const char *expr,
			 const char *file, int line)
{
	char		buf[512];

	if (got == want)
		return;
	snprintf(buf, sizeof(buf), "%s is %lld, want %lld", expr, got, want);
	ut_note(file, line, buf);
}

/* A floating-point check within an absolute tolerance. */
void
ut_check_dbl(double got, double want, double tol, const char *expr,
			 const char *file, int line)
{
	char		buf[512];

	if (fabs(got - want) <= tol)
		return;
	snprintf(buf, sizeof(buf), "%s is %.17g, want %.17g (within %g)", expr, got,
			 want, tol);
	ut_note(file, line, buf);
}

/* Run every registered suite, print the summary; exit 1 on any failure. */
int
main(void)
{
	int			i;

	for (i = 0; i < ut_nsuites; i++)
	{
		ut_suite_name = ut_suites[i].name;
		ut_suites[i].fn();
	}
	printf("unit: %d passed, %d failed\n", ut_passed, ut_failed);
	return ut_failed == 0 ? 0 : 1;
}
