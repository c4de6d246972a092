/*
 * rx_error.h — how the pure-C core of roleext reports a failure.
 *
 * The core never prints and never aborts: a parser returns a status and
 * fills an rx_error with one full sentence saying what was expected.  The
 * PostgreSQL glue turns that into ereport() with the matching SQLSTATE
 * (RX_SYNTAX -> 22P02, RX_RANGE -> 22003, RX_ARGUMENT -> 22023,
 * RX_ENCODING -> 22021, RX_LIMIT -> 54000).
 */
#ifndef RX_ERROR_H
#define RX_ERROR_H

#include <stddef.h>

typedef enum rx_status
{
	RX_OK = 0,
	RX_SYNTAX,					/* malformed text: invalid_text_representation */
	RX_RANGE,					/* a number out of range: numeric_value_out_of_range */
	RX_ARGUMENT,				/* a bad function argument: invalid_parameter_value */
	RX_ENCODING,				/* invalid UTF-8: character_not_in_repertoire */
	RX_LIMIT					/* input too large: program_limit_exceeded */
} rx_status;

#define RX_DETAIL_MAX 256

typedef struct rx_error
{
	rx_status	status;
	char		detail[RX_DETAIL_MAX];
} rx_error;

/* Record a failure with a printf-style detail sentence; returns status. */
rx_status	rx_fail(rx_error *err, rx_status status, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));

/* Reset an error record to RX_OK with an empty detail. */
void		rx_clear(rx_error *err);

/* Trim ASCII white space from both ends of s[0..*len); returns the new start. */
const char *rx_trim(const char *s, size_t *len);

#endif							/* RX_ERROR_H */
