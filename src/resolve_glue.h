/*
 * resolve_glue.h — what the two glue files of resolve_title share:
 * resolve_lookup.c asks the database about a title's job phrase and keeps
 * the answer for the rest of the query; resolve.c is the SQL function.
 */
#ifndef ROLEEXT_RESOLVE_GLUE_H
#define ROLEEXT_RESOLVE_GLUE_H

#include "roleext.h"

#include "access/transam.h"
#include "utils/hsearch.h"

#include "core/resolve.h"

/*
 * What the database says about one job phrase: the names that match it
 * and the roles of their families (all in the memo's memory, or the
 * caller's for a lookup that is not kept).
 */
typedef struct resolve_found
{
	uint64		hash;			/* hash of key: the hash table's key */
	char	   *key;			/* the pool size and the job phrase */
	Size		keylen;
	int			nnames;
	rx_resolve_name *names;		/* each with its claims (rx_title_claims_of) */
	Datum	   *name_text;		/* each name as written */
	int			nroles;
	rx_resolve_role *roles;		/* .code points into role_code */
	Datum	   *role_code;
	Datum	   *role_title;
} resolve_found;

/*
 * What the lookups keep for the rest of a query: what was found by job
 * phrase, and the level table's grades, under the snapshot they were read
 * with.
 */
typedef struct resolve_memo
{
	MemoryContext cxt;			/* what was found, its table and the grades */
	HTAB	   *found;			/* resolve_found by the hash of their key */
	rx_resolve_grade *grades;	/* the level table's grades, NULL until read */
	int			ngrades;
	TransactionId xmin;			/* the snapshot they were read with */
	TransactionId xmax;
	CommandId	curcid;
	bool		have_snapshot;
	bool		citus;			/* the taxonomy is a Citus table (doc/citus.md) */
} resolve_memo;

/* An empty memo whose memory lives under parent (the function's fn_mcxt). */
void		resolve_memo_init(resolve_memo *m, MemoryContext parent);

/*
 * What the database says about job phrase `phrase` (not empty) of the
 * resolve_title whose OID is fn_oid, at most pool names of each kind by
 * trigram distance: from the memo when it was asked before under this
 * snapshot, else asked now and kept; when no snapshot is active, asked
 * into *fresh (current memory) and not kept.  The grades are in m.
 */
const resolve_found *resolve_lookup(resolve_memo *m, Oid fn_oid, text *phrase, int32 pool,
									resolve_found *fresh);

#endif							/* ROLEEXT_RESOLVE_GLUE_H */
