/*
 * roleext.h — shared declarations of the PostgreSQL glue.
 *
 * The glue converts between Datums and the pure-C core (src/core) and turns
 * core failures into ereport() calls.  Nothing here knows how a value is
 * parsed: that is the core's job.
 */
#ifndef ROLEEXT_H
#define ROLEEXT_H

#include "postgres.h"

#include "fmgr.h"
#include "nodes/nodes.h"

#include "core/rx_error.h"

/*
 * Soft input errors.  PostgreSQL 16 lets an input function report a bad
 * literal to a caller such as pg_input_is_valid() instead of throwing; on
 * older servers the error is thrown.  Input functions call rx_input_error()
 * and then return (Datum) 0, which is only reached on PostgreSQL 16+.
 */
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#define RX_ESCONTEXT(fcinfo)	((fcinfo)->context)
#else
#define RX_ESCONTEXT(fcinfo)	((Node *) NULL)
#endif

/*
 * Report a failed parse of the literal `input` of type `typname`: SQLSTATE
 * from err->status, the literal quoted in the message, err->detail as the
 * errdetail sentence.  Throws unless escontext accepts soft errors.
 */
void		rx_input_error(Node *escontext, const char *typname,
						   const char *input, const rx_error *err);

/*
 * Report a core failure that is not about a literal (a bad function
 * argument or an out-of-range number): errmsg is the message, err->detail
 * the errdetail sentence.  Always throws.
 */
pg_attribute_noreturn()
void		rx_raise(const char *errmsg_text, const rx_error *err);

/* The SQLSTATE for a core status. */
int			rx_sqlstate(rx_status status);

#endif							/* ROLEEXT_H */
