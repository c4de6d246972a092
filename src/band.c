/*
 * band.c — the pg_enum OIDs of the band enums (see band_glue.h).
 */
#include "roleext.h"

#include "catalog/pg_enum.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "core/confidence.h"
#include "core/coord.h"
#include "band_glue.h"

/* The labels of each enum, in the order of the core's band values. */
static const char *const band_labels[2][BAND_LABELS] = {
	{"low", "medium", "high"},
	{"strong", "partial", "weak"}
};

StaticAssertDecl(RX_CONFIDENCE_BAND_LOW == 0 && RX_CONFIDENCE_BAND_MEDIUM == 1 &&
				 RX_CONFIDENCE_BAND_HIGH == BAND_LABELS - 1,
				 "confband labels follow rx_confidence_band_t");
StaticAssertDecl(RX_COORD_BAND_STRONG == 0 && RX_COORD_BAND_PARTIAL == 1 &&
				 RX_COORD_BAND_WEAK == BAND_LABELS - 1,
				 "matchband labels follow rx_coord_band");

/* The OIDs of an enum's band labels, indexed by the core's band. */
void
band_oids(band_enum which, Oid enumtype, Oid oids[BAND_LABELS])
{
	int			i;

	for (i = 0; i < BAND_LABELS; i++)
	{
		oids[i] = GetSysCacheOid2(ENUMTYPOIDNAME, Anum_pg_enum_oid,
								  ObjectIdGetDatum(enumtype),
								  CStringGetDatum(band_labels[which][i]));
		if (!OidIsValid(oids[i]))
			elog(ERROR, "enum %s has no label \"%s\"", format_type_be(enumtype),
				 band_labels[which][i]);
	}
}

/* The band label OIDs of the called function's result type, once per call site. */
const Oid *
band_result_oids(FunctionCallInfo fcinfo, band_enum which)
{
	Oid		   *oids = (Oid *) fcinfo->flinfo->fn_extra;

	if (oids == NULL)
	{
		oids = (Oid *) MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, BAND_LABELS * sizeof(Oid));
		band_oids(which, get_func_rettype(fcinfo->flinfo->fn_oid), oids);
		fcinfo->flinfo->fn_extra = oids;
	}
	return oids;
}
