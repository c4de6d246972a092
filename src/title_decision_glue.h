/*
 * title_decision_glue.h — the reviewed title decisions as resolve_title and
 * soc_autocode read them (src/title_decision.c; the table is
 * sql/72_title_decision.sql).
 */
#ifndef ROLEEXT_TITLE_DECISION_GLUE_H
#define ROLEEXT_TITLE_DECISION_GLUE_H

#include "roleext.h"

/* The decision of one title, its values in the caller's memory context. */
typedef struct title_decision
{
	bool		has_role;		/* role and role_title are set */
	Datum		role;			/* rolecode */
	Datum		role_title;		/* text */
	bool		has_code;		/* code and code_title are set */
	int32		code;			/* soccode */
	Datum		code_title;		/* text, or 0 when the occupation has none */
	Datum		title;			/* text: the title as decided */
} title_decision;

/*
 * Look up the decision of a raw title (by its title_normalize form and
 * title_level) in
 * the title_decision table of the schema of the calling function fn_oid;
 * false when there is none (or the extension's script has no such table).
 */
bool		title_decision_find(Oid fn_oid, text *title, title_decision *d);

#endif							/* ROLEEXT_TITLE_DECISION_GLUE_H */
