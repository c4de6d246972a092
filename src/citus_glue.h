/*
 * citus_glue.h — roleext on a Citus cluster (doc/citus.md): the check that
 * a function reading roleext's tables reads the coordinator's rows.
 */
#ifndef ROLEEXT_CITUS_GLUE_H
#define ROLEEXT_CITUS_GLUE_H

#include "postgres.h"

/*
 * Raise 0A000 when `function`, about to read table `relid`, runs on a
 * Citus worker node and that table is not a Citus table: the worker's own
 * copy of an extension table is not the coordinator's, so the answer would
 * silently differ.  Does nothing without Citus or on the coordinator.  Call
 * it once per query and call site (it runs SPI).
 */
extern void citus_check_table(const char *function, Oid relid, const char *hint);

/* Is relid a Citus table (distributed or reference) of this database? */
extern bool citus_is_table(Oid relid);

#endif
