/*
 * title.c — PostgreSQL glue for job-title normalization, level inference
 * and level claims (see core/title.h and doc/titles.md): title_normalize,
 * title_level, title_parse, title_level_words.
 *
 * The core reads UTF-8.  In a UTF8 or SQL_ASCII database the text bytes go
 * to it as they are (so in SQL_ASCII invalid UTF-8 raises 22021); in any
 * other database encoding the title is converted to UTF-8 first and the
 * result back.  The result text is allocated once, at its upper bound, and
 * the core writes into it directly; short titles need no other allocation.
 */
#include "roleext.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "core/title.h"
#include "title_glue.h"

#define TITLE_STACK_WORK	16384	/* work memory on the stack: titles up to ~250 bytes */
#define TITLE_QUOTE_MAX		200		/* bytes of the title quoted in an error */

/*
 * Title bytes s[0..*len) of the server encoding as UTF-8: s itself in a UTF8
 * or SQL_ASCII database (or when the conversion changes nothing), else a
 * palloc'd conversion, *len updated.  Shared with autocode.c.
 */
const char *
title_to_utf8(const char *s, size_t *len)
{
	int			enc = GetDatabaseEncoding();

	if (enc != PG_UTF8 && enc != PG_SQL_ASCII)
	{
		char	   *c = pg_server_to_any(s, (int) *len, PG_UTF8);

		if (c != s)
		{
			*len = strlen(c);
			return c;
		}
	}
	return s;
}

/* The reverse of title_to_utf8: UTF-8 bytes s[0..*len) in the server encoding. */
const char *
title_from_utf8(const char *s, size_t *len)
{
	int			enc = GetDatabaseEncoding();

	if (enc != PG_UTF8 && enc != PG_SQL_ASCII)
	{
		char	   *c = pg_any_to_server(s, (int) *len, PG_UTF8);

		if (c != s)
		{
			*len = strlen(c);
			return c;
		}
	}
	return s;
}

/* The title for an error message: bytes outside printable ASCII as \xNN, cut at max bytes. */
static char *
title_quote(const char *s, size_t len, size_t max)
{
	StringInfoData buf;
	size_t		i;

	initStringInfo(&buf);
	for (i = 0; i < len && i < max; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c >= 0x20 && c < 0x7F && c != '\\')
			appendStringInfoChar(&buf, (char) c);
		else
			appendStringInfo(&buf, "\\x%02X", c);
	}
	if (len > max)
		appendStringInfoString(&buf, "...");
	return buf.data;
}

/*
 * Report a failure of the core on title s[0..len) (UTF-8); always throws.
 * Shared with autocode.c.
 */
void
title_raise(const char *s, size_t len, const rx_error *err)
{
	if (err->status == RX_ENCODING)
		ereport(ERROR,
				(errcode(rx_sqlstate(err->status)),
				 errmsg("job title is not valid UTF-8: \"%s\"", title_quote(s, len, TITLE_QUOTE_MAX)),
				 errdetail("%s", err->detail)));
	if (err->status == RX_LIMIT)
		ereport(ERROR,
				(errcode(rx_sqlstate(err->status)),
				 errmsg("job title is too long: \"%s\"", title_quote(s, len, 40)),
				 errdetail("%s", err->detail)));
	rx_raise("could not read job title", err);
}

/* Raise 54000 unless title s[0..len) fits what the core reads.  Shared with autocode.c. */
void
title_check_length(const char *s, size_t len)
{
	rx_error	err;

	if (len > RX_TITLE_MAX_LEN)
	{
		rx_fail(&err, RX_LIMIT, "A job title is read up to %d bytes; this one has %zu bytes.",
				RX_TITLE_MAX_LEN, len);
		title_raise(s, len, &err);
	}
}

/* Work memory on the stack, for the titles that fit. */
typedef union title_stack
{
	double		align;
	char		bytes[TITLE_STACK_WORK];
} title_stack;

/*
 * Read title t: its UTF-8 bytes (converted when the database encoding is
 * not UTF-8), checked against the 1 MiB limit (54000), and work memory of
 * need_of(len) bytes in *work — the stack memory st when it fits, else
 * palloc'd (free it when *work != st->bytes).
 */
static const char *
title_begin(text *t, size_t *len, title_stack *st, size_t (*need_of) (size_t), void **work, size_t *need)
{
	const char *s;

	*len = VARSIZE_ANY_EXHDR(t);
	s = title_to_utf8(VARDATA_ANY(t), len);
	title_check_length(s, *len);
	*need = need_of(*len);
	*work = *need > sizeof(st->bytes) ? palloc(*need) : st->bytes;
	return s;
}

/*
 * Analyze title t: its normalized text into a fresh text (when want_text)
 * and what else the core found into *info.
 */
static text *
title_run(text *t, bool want_text, rx_title_info *info)
{
	title_stack st;
	size_t		len,
				need,
				cap = 0,
				outlen = 0;
	void	   *scratch;
	const char *s = title_begin(t, &len, &st, rx_title_scratch_size, &scratch, &need);
	bool		converted = s != VARDATA_ANY(t);
	text	   *result = NULL;
	char	   *out = NULL;
	rx_error	err;

	if (want_text)
	{
		cap = rx_title_out_capacity(len);
		if (converted)
			out = palloc(cap);
		else
		{
			result = (text *) palloc(VARHDRSZ + cap);
			out = VARDATA(result);
		}
	}
	if (rx_title_analyze(s, len, scratch, need, out, cap, &outlen, info, &err) != RX_OK)
		title_raise(s, len, &err);
	if (scratch != st.bytes)
		pfree(scratch);
	if (!want_text)
		return NULL;
	if (converted)
	{
		const char *back = title_from_utf8(out, &outlen);

		return cstring_to_text_with_len(back, (int) outlen);
	}
	SET_VARSIZE(result, VARHDRSZ + outlen);
	return result;
}

/* The normalized job title: the words of the job, without level and noise. */
PG_FUNCTION_INFO_V1(title_normalize);
Datum
title_normalize(PG_FUNCTION_ARGS)
{
	rx_title_info		info;

	PG_RETURN_TEXT_P(title_run(PG_GETARG_TEXT_PP(0), true, &info));
}

/* The level a job title names, or NULL. */
PG_FUNCTION_INFO_V1(title_level);
Datum
title_level(PG_FUNCTION_ARGS)
{
	rx_title_info		info;

	title_run(PG_GETARG_TEXT_PP(0), false, &info);
	if (!info.has_level)
		PG_RETURN_NULL();
	PG_RETURN_INT32(info.level);
}

/* Both at once: (normalized text, level rolelevel), from one pass over the title. */
PG_FUNCTION_INFO_V1(title_parse);
Datum
title_parse(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc = (TupleDesc) fcinfo->flinfo->fn_extra;
	rx_title_info		info;
	Datum		values[2];
	bool		nulls[2] = {false, false};
	text	   *norm = title_run(PG_GETARG_TEXT_PP(0), true, &info);

	if (tupdesc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "title_parse must return a composite type");
		tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = tupdesc;
	}
	values[0] = PointerGetDatum(norm);
	values[1] = Int32GetDatum(info.level);
	nulls[1] = !info.has_level;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/*
 * The level claims of title t (rx_title_claims_of) into *claims and, when
 * want_phrase, its job phrase as a fresh text (else NULL).  Shared with
 * resolve.c, which compares the claims of a title and of the names of
 * roles, and matches the phrase.
 */
text *
title_claims(text *t, bool want_phrase, rx_title_claims *claims)
{
	title_stack st;
	size_t		len,
				need,
				plen = 0;
	void	   *work;
	const char *s = title_begin(t, &len, &st, rx_title_claims_work_size, &work, &need);
	const char *phrase = NULL;
	text	   *result = NULL;
	rx_error	err;

	if (rx_title_claims_of(s, len, work, need, &phrase, &plen, claims, &err) != RX_OK)
		title_raise(s, len, &err);
	if (want_phrase)
	{
		const char *back = title_from_utf8(phrase, &plen);

		result = cstring_to_text_with_len(back, (int) plen);
	}
	if (work != st.bytes)
		pfree(work);
	return result;
}

/* The level a job title's level words name beyond its job words, or NULL. */
PG_FUNCTION_INFO_V1(title_level_words);
Datum
title_level_words(PG_FUNCTION_ARGS)
{
	rx_title_claims claims;

	title_claims(PG_GETARG_TEXT_PP(0), false, &claims);
	if (!claims.has_words)
		PG_RETURN_NULL();
	PG_RETURN_INT32(claims.words);
}
