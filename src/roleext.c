/*
 * roleext.c — the module's magic block, its initialization and the error
 * glue shared by every type.
 */
#include "roleext.h"

#include "autocode_glue.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* Module load: define the settings (roleext.autocode_*). */
void
_PG_init(void)
{
	autocode_init();
}

/* The SQLSTATE for a core status. */
int
rx_sqlstate(rx_status status)
{
	switch (status)
	{
		case RX_RANGE:
			return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
		case RX_ARGUMENT:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		case RX_ENCODING:
			return ERRCODE_CHARACTER_NOT_IN_REPERTOIRE;
		case RX_LIMIT:
			return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
		case RX_SYNTAX:
		case RX_OK:
			break;
	}
	return ERRCODE_INVALID_TEXT_REPRESENTATION;
}

/*
 * Report a failed parse of a literal: its SQLSTATE from the core status, the
 * literal quoted in the message, the core's sentence as errdetail.
 */
void
rx_input_error(Node *escontext, const char *typname, const char *input,
			   const rx_error *err)
{
	int			code = rx_sqlstate(err->status);

#if PG_VERSION_NUM >= 160000
	if (err->status == RX_RANGE)
		errsave(escontext,
				(errcode(code),
				 errmsg("value \"%s\" is out of range for type %s", input, typname),
				 errdetail("%s", err->detail)));
	else
		errsave(escontext,
				(errcode(code),
				 errmsg("invalid input syntax for type %s: \"%s\"", typname, input),
				 errdetail("%s", err->detail)));
#else
	(void) escontext;
	if (err->status == RX_RANGE)
		ereport(ERROR,
				(errcode(code),
				 errmsg("value \"%s\" is out of range for type %s", input, typname),
				 errdetail("%s", err->detail)));
	else
		ereport(ERROR,
				(errcode(code),
				 errmsg("invalid input syntax for type %s: \"%s\"", typname, input),
				 errdetail("%s", err->detail)));
#endif
}

/* Report a core failure that is not about a literal; always throws. */
void
rx_raise(const char *errmsg_text, const rx_error *err)
{
	ereport(ERROR,
			(errcode(rx_sqlstate(err->status)),
			 errmsg("%s", errmsg_text),
			 errdetail("%s", err->detail)));
	pg_unreachable();
}
