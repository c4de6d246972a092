/*
 * title_glue.h — the job-title claims of title.c, shared with resolve.c,
 * and its reading of a title's bytes, shared with autocode.c.
 */
#ifndef TITLE_GLUE_H
#define TITLE_GLUE_H

#include "roleext.h"

#include "core/title.h"

/*
 * The level claims of title t (any database encoding; rx_title_claims_of)
 * and, when want_phrase, its job phrase (the first RX_TITLE_PHRASE_MAX
 * bytes of its normalized text, at a word boundary) as a fresh text, else
 * NULL.  Invalid UTF-8 raises 22021, a title over 1 MiB 54000.
 */
text	   *title_claims(text *t, bool want_phrase, rx_title_claims *claims);

/*
 * Title bytes s[0..*len) of the server encoding as UTF-8: s itself in a UTF8
 * or SQL_ASCII database (or when nothing changes), else a palloc'd copy.
 */
const char *title_to_utf8(const char *s, size_t *len);

/* The reverse: UTF-8 bytes s[0..*len) in the server encoding. */
const char *title_from_utf8(const char *s, size_t *len);

/* Raise 54000 (with the title quoted) unless s[0..len) fits what the core reads. */
void		title_check_length(const char *s, size_t len);

/* Raise a failure of the core on UTF-8 title s[0..len): 22021, 54000 or its status's. */
pg_attribute_noreturn() void title_raise(const char *s, size_t len, const rx_error *err);

#endif							/* TITLE_GLUE_H */
