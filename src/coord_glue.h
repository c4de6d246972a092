/*
 * coord_glue.h — rolecoord Datums for the glue (src/coord.c, src/coord_gist.c).
 *
 * A rolecoord Datum is a varlena whose payload is the core's stored form of
 * a point (see core/coord.h).  GiST internal pages hold boxes in the same
 * varlena type; nothing outside the index ever sees one.
 */
#ifndef ROLEEXT_COORD_GLUE_H
#define ROLEEXT_COORD_GLUE_H

#include "roleext.h"

#include "core/coord.h"
#include "rolecode_glue.h"

/* A new rolecoord varlena holding point p. */
struct varlena *rcg_make_point(const rco_point *p);

/* A new rolecoord varlena holding box b (GiST internal keys only). */
struct varlena *rcg_make_box(const rco_box *b);

/* Read the point in v (detoasted); a box or corrupt bytes raise XX000. */
void		rcg_get_point(const struct varlena *v, rco_point *out);

/* Read v as a box: a box as is, a point as the box of that point. */
void		rcg_get_box(const struct varlena *v, rco_box *out);

#endif							/* ROLEEXT_COORD_GLUE_H */
