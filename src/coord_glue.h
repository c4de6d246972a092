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
#include "code_glue.h"

/* A new rolecoord varlena holding point p. */
struct varlena *coord_make_point(const rx_coord_point *p);

/* A new rolecoord varlena holding box b (GiST internal keys only). */
struct varlena *coord_make_box(const rx_coord_box *b);

/* Read the point in v (detoasted); a box or corrupt bytes raise XX000. */
void		coord_get_point(const struct varlena *v, rx_coord_point *out);

/* Read v as a box: a box as is, a point as the box of that point. */
void		coord_get_box(const struct varlena *v, rx_coord_box *out);

#endif							/* ROLEEXT_COORD_GLUE_H */
