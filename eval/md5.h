/*
 * md5.h — MD5 (RFC 1321) for the evaluation harness: the development split
 * is defined with PostgreSQL's md5(), so the harness computes the same.
 */
#ifndef EVAL_MD5_H
#define EVAL_MD5_H

#include <stddef.h>
#include <stdint.h>

/* The 16-byte MD5 digest of data[0..len). */
void		md5_digest(const void *data, size_t len, uint8_t digest[16]);

/* The digest as 32 lower-case hex digits and a NUL. */
void		md5_hex(const void *data, size_t len, char hex[33]);

#endif							/* EVAL_MD5_H */
