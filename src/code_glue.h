/*
 * code_glue.h — the rolecode Datum, shared by code.c, coord.c and
 * tree_support.c.
 *
 * A rolecode is a varlena: header, one info byte (see core/code.h),
 * then the canonical text, no NUL.  "DEI.GEN.P1" is 1 + 10 bytes after the
 * header, which on disk is a 1-byte short header: 12 bytes in all (ltree
 * takes 29 for the same path).  Read values with PG_GETARG_VARLENA_PP and
 * these macros, which accept short headers, so nothing is copied.
 */
#ifndef CODE_GLUE_H
#define CODE_GLUE_H

#include "roleext.h"

#include "core/code.h"

#define CODE_VAL_INFO(p)	(((const uint8 *) VARDATA_ANY(p))[0])
#define CODE_VAL_TEXT(p)	((const char *) VARDATA_ANY(p) + 1)
#define CODE_VAL_LEN(p)	((size_t) VARSIZE_ANY_EXHDR(p) - 1)

/* A new rolecode varlena (4-byte header) holding a core value. */
struct varlena *code_make_datum(const rx_code *c);

/*
 * The ancestors of a code, root first and the code itself last, as new
 * rolecode Datums in elems[] (room for RX_CODE_LABELS_MAX); returns how many.
 */
int			code_ancestor_datums(const struct varlena *code, Datum *elems);

#endif							/* CODE_GLUE_H */
