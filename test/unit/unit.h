/*
 * unit.h — a tiny unit-test harness for src/core.
 *
 * A test file defines suites with UT_SUITE(name) { ... }; each suite holds
 * cases opened with UT_CASE("what it checks") { ... } and checks inside them.
 * A case passes when every check in it holds.  The runner prints one line a
 * case ("ok - suite: case" or "not ok - …" with the failed checks) and ends
 * with "unit: N passed, M failed".  Suites register themselves, so a new
 * test file needs no change elsewhere.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef void (*ut_suite_fn) (void);

void		ut_register(const char *name, ut_suite_fn fn);
bool		ut_case_begin(const char *name);
void		ut_case_end(void);
void		ut_check(bool ok, const char *expr, const char *file, int line);
void		ut_check_str(const char *got, const char *want, const char *expr,
						 const char *file, int line);
void		ut_check_int(long long got, long long want, const char *expr,
						 const char *file, int line);
void		ut_check_dbl(double got, double want, double tol, const char *expr,
						 const char *file, int line);

#define UT_SUITE(name) \
	static void ut_suite_##name(void); \
	__attribute__((constructor)) static void ut_reg_##name(void) \
	{ ut_register(#name, ut_suite_##name); } \
	static void ut_suite_##name(void)

#define UT_CASE(name) \
	for (int ut_once_ = ut_case_begin(name); ut_once_; ut_once_ = 0, ut_case_end())

#define UT_CHECK(cond) ut_check((cond), #cond, __FILE__, __LINE__)
#define UT_STR(got, want) ut_check_str((got), (want), #got, __FILE__, __LINE__)
#define UT_INT(got, want) ut_check_int((long long) (got), (long long) (want), #got, __FILE__, __LINE__)
#define UT_DBL(got, want, tol) ut_check_dbl((got), (want), (tol), #got, __FILE__, __LINE__)

#endif							/* UNIT_H */
