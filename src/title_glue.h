/*
 * title_glue.h — the job-title analysis of title.c, shared with resolve.c.
 */
#ifndef TITLE_GLUE_H
#define TITLE_GLUE_H

#include "roleext.h"

#include "core/title.h"

/*
 * Analyze title t (any database encoding): its normalized text as a fresh
 * text when want_text (else NULL), and what else the core found into *info.
 * Invalid UTF-8 raises 22021, a title over 1 MiB 54000.
 */
text	   *title_run(text *t, bool want_text, tn_info *info);

#endif							/* TITLE_GLUE_H */
