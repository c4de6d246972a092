/*
 * resolve_glue.h — what the glue files of resolve_title share:
 * resolve_build.c makes the taxonomy a source of the title engine's
 * shared index (autocode_glue.h) and lays out its role table;
 * resolve.c is the SQL function.
 */
#ifndef ROLEEXT_RESOLVE_GLUE_H
#define ROLEEXT_RESOLVE_GLUE_H

#include "roleext.h"

#include "core/resolve.h"

/* One role of the role table (sorted by family, then code). */
typedef struct resolve_role_rec
{
	int32		family;			/* 0 .. nfamilies - 1 */
	int32		level;			/* the rolelevel's encoding */
	int32		soc;			/* its SOC 2018 occupation (soccode encoding), 0 for none */
	uint32		code_off;		/* its rolecode's bytes (a 4-byte-header varlena) in chars */
	uint32		title_off;		/* its title (NUL-terminated) in chars */
	uint32		title_len;
} resolve_role_rec;

/* A view of a role table (the taxonomy index's glue data). */
typedef struct resolve_roles
{
	const resolve_role_rec *r;
	uint32		n;
	const uint32 *fstart;		/* family f's roles are r[fstart[f] .. fstart[f + 1]) */
	uint32		nf;
	const rx_resolve_grade *grades; /* the level table's grades */
	uint32		ngrades;
	const uint32 *by_soc;		/* the roles with an occupation, by soc then position */
	uint32		nsoc;
	const char *chars;
	uint32		nchars;
} resolve_roles;

/* The index's engine code of a role is its position in the role table plus one. */

/* A view of the role table buf[0..len) of a taxonomy slot. */
void		resolve_roles_view(const void *buf, size_t len, resolve_roles *out);

#endif							/* ROLEEXT_RESOLVE_GLUE_H */
