/*
 * band_glue.h — the pg_enum OIDs of roleext's two band enums, confband
 * (confidence_band, resolve_title, soc_autocode) and matchband
 * (match_band), for every glue file that returns a band.
 *
 * The core computes a band as a C enum (rx_confidence_band_t,
 * rx_coord_band); the SQL enums list the same labels in the same order.
 * This file is the one place that maps one onto the other.
 */
#ifndef ROLEEXT_BAND_GLUE_H
#define ROLEEXT_BAND_GLUE_H

#include "roleext.h"

#define BAND_LABELS 3			/* labels of each band enum */

/* The band enums of the SQL surface. */
typedef enum band_enum
{
	BAND_CONFBAND = 0,			/* low, medium, high: rx_confidence_band_t */
	BAND_MATCHBAND = 1			/* strong, partial, weak: rx_coord_band */
} band_enum;

/*
 * The OIDs of the labels of enum type enumtype (which), indexed by the
 * core's band; XX000 when the type lacks one of them.
 */
void		band_oids(band_enum which, Oid enumtype, Oid oids[BAND_LABELS]);

/*
 * The label OIDs of the enum the called function returns, looked up once
 * per call site (kept in fn_extra, which the function must not use
 * otherwise).
 */
const Oid  *band_result_oids(FunctionCallInfo fcinfo, band_enum which);

#endif							/* ROLEEXT_BAND_GLUE_H */
