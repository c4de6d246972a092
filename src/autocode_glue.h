/*
 * autocode_glue.h — what the two glue files of the autocoder share:
 * autocode_cache.c keeps the backend's index of title_dictionary (build,
 * invalidation, privileges), autocode.c implements the SQL functions.
 */
#ifndef ROLEEXT_AUTOCODE_GLUE_H
#define ROLEEXT_AUTOCODE_GLUE_H

#include "roleext.h"

#include "core/autocode.h"

/* The O*NET-SOC title of a code, for the result's title column. */
typedef struct autocode_code_title
{
	int32		code;
	char	   *title;			/* server encoding */
} autocode_code_title;

/* The backend's index of title_dictionary and what it was built from. */
typedef struct autocode_cache
{
	MemoryContext cxt;			/* owns everything below; NULL when none */
	rx_autocode_index *ix;
	rx_autocode_scratch *sc;
	autocode_code_title *titles;	/* sorted by code */
	int			ntitles;
	Oid			relid;			/* title_dictionary when built */
	uint64		built_at;		/* invalidations seen when the build began */
	bool		xact_bound;		/* built from a statement snapshot: ... */
	LocalTransactionId lxid;	/* ... trusted only in this transaction */
	double		build_ms;
	int64		builds;
} autocode_cache;

/* Work memory for the engine's pipelines: a buffer, palloc'd when a title needs more. */
typedef struct autocode_work
{
	char	   *buf;
	size_t		cap;
	bool		palloced;		/* buf is palloc'd (else the caller's) */
} autocode_work;

/*
 * The backend's index, built or rebuilt first if it is not current, from
 * the title_dictionary of the called function's schema.
 */
const autocode_cache *autocode_cache_get(FunctionCallInfo fcinfo);

/* The O*NET title of a code in the index's table, or NULL. */
const char *autocode_code_title_of(const autocode_cache *c, int32 code);

/*
 * The index is shared by every user of the backend: check that the
 * current user may read what it was built from, once per (user, build):
 * *checked_user and *checked_build remember the last check.
 */
void		autocode_check_privileges(const autocode_cache *c, Oid *checked_user, int64 *checked_build);

/*
 * Room in w for the pipelines to read a raw title of len bytes
 * (rx_autocode_work_size); returns the buffer, *need its size.
 */
void	   *autocode_work_for(autocode_work *w, size_t len, size_t *need);

/*
 * Report a failure of the engine on UTF-8 title s[0..len): an unreadable
 * title as title_normalize reports it (22021, 54000), anything else as
 * "could not code the job title".  Always throws.
 */
pg_attribute_noreturn() void autocode_raise(const char *s, size_t len, const rx_error *err);

#endif							/* ROLEEXT_AUTOCODE_GLUE_H */
