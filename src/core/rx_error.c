/*
 * rx_error.c — failure records shared by every core parser.
 */
#include "rx_error.h"

#include <stdarg.h>
#include <stdio.h>

/* Record a failure with a printf-style detail sentence; returns status. */
rx_status
rx_fail(rx_error *err, rx_status status, const char *fmt,...)
{
	va_list		ap;

	if (err == NULL)
		return status;
	err->status = status;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
	return status;
}

/* Reset an error record to RX_OK with an empty detail. */
void
rx_clear(rx_error *err)
{
	if (err == NULL)
		return;
	err->status = RX_OK;
	err->detail[0] = '\0';
}

/* Trim ASCII white space from both ends of s[0..*len); returns the new start. */
const char *
rx_trim(const char *s, size_t *len)
{
	size_t		n = *len;

	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
					 *s == '\f' || *s == '\v'))
	{
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
					 s[n - 1] == '\r' || s[n - 1] == '\f' || s[n - 1] == '\v'))
		n--;
	*len = n;
	return s;
}
