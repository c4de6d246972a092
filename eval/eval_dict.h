/*
 * eval_dict.h — the offline evaluation's dictionary (eval_dict.c): the
 * index built from everything but the held-out titles, as the SQL build
 * builds it, and the titles of the pg_trgm approach beside it.
 */
#ifndef EVAL_DICT_H
#define EVAL_DICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/autocode.h"
#include "eval_data.h"

/* What the dictionary holds and how its entries weigh. */
typedef struct dict_options
{
	const char *dir;			/* the data directory */
	rx_autocode_params params;
	double		official_weight,	/* O*NET-SOC titles */
				soc_weight,		/* SOC 2018 titles */
				desc_weight,	/* O*NET-SOC descriptions */
				def_weight,		/* SOC 2018 definitions */
				group_title_weight;	/* SOC group titles, as descriptions (0: none) */
	bool		split_parens;	/* "Title (Other Form)" as two entries */
} dict_options;

/* The dictionary titles of the pg_trgm approach, filled by build_index. */
extern const char **trgm_titles;
extern int32_t *trgm_codes;
extern int	ntrgm;

/*
 * The dictionary without the held-out titles (rows[i].dev), as the SQL
 * build makes it; statistics and classifiers refreshed.  Dies on failure.
 */
rx_autocode_index *build_index(const dict_options *o, const row *rows, int nrows, const occupation *occ, int nocc);

/* Normalize s with rx_title_normalize into a static buffer (diagnostics only). */
const char *normalize(const char *s, size_t *len);

/* Add one dictionary row (raw text) through the engine's pipeline, or die. */
void		add_entry(rx_autocode_index *ix, const char *text, const char *label, int32_t code, rx_autocode_kind kind,
					  double weight);

/* Code raw title q through the engine's pipeline: K hits at most (eval_report.h), or die. */
void		code_title(rx_autocode_index *ix, rx_autocode_scratch *sc, const char *q, rx_autocode_hit *hits,
					   rx_autocode_coding *coding);

/* --code: code one title against the dictionary and print the answer. */
void		print_code(rx_autocode_index *ix, rx_autocode_scratch *sc, const char *title);

/* The cost of one change in ms: add a title, code it (refresh included), remove it. */
double		measure_change(rx_autocode_index *ix, rx_autocode_scratch *sc);

#endif							/* EVAL_DICT_H */
