/*
 * autocode_calib.c — raw scores to confidences (see autocode_int.h): a
 * softmax at a temperature over the best candidates and a "none of these"
 * score, then a beta calibration that also reads the shares of guessed
 * words, fitted on the tuning half (`make eval-offline EVAL_ARGS="--half
 * tune --fit-calibration"`), so that a confidence tracks the share of right
 * answers.  Each hit also carries its score rounded to a
 * confidence, which is what SQL shows and the review rule reads.
 */
#include "autocode_int.h"

#include <math.h>

#include "confidence.h"

/*
 * Map a softmax probability to a confidence: logistic(a ln p - c ln(1 - p)
 * + b + shift), kept inside [0, 1] (beta calibration, which is Platt
 * scaling of logit p when a = c; fitted on the tuning half).
 */
static double
rx_autocode_calibrate(const rx_autocode_params *params, double p, double shift)
{
	double		z;

	if (!(p > 1e-12))
		return 0;
	if (!(p < 1 - 1e-12))
		p = 1 - 1e-12;
	z = params->calib_a * log(p) - params->calib_c * log(1 - p) + params->calib_b + shift;
	return 1 / (1 + exp(-z));
}

/*
 * The calibrated confidences of the first nhit ranked candidates; the
 * shares of the query's words read as a typo (or by spelling) and as
 * run-together words shift them (a guessed word is evidence of its own
 * reliability).
 */
void
rx_autocode_calibrate_hits(const rx_autocode_params *p, const double *raw, int ncand, double read_typo,
						   double read_split, rx_autocode_hit *out, int nhit)
{
	double		top = ncand > 0 ? raw[0] : 0;
	double		denom = exp((p->null_score - top) / p->temperature);
	double		shift = p->calib_typo * read_typo + p->calib_split * read_split;
	int			i;

	for (i = 0; i < ncand; i++)
		denom += exp((raw[i] - top) / p->temperature);
	for (i = 0; i < nhit; i++)
	{
		double		s = rx_autocode_calibrate(p, exp((raw[i] - top) / p->temperature) / denom, shift);

		rx_error	err;

		out[i].raw = raw[i];
		out[i].score = s >= 0 && s <= 1 ? s : (s > 1 ? 1 : 0);
		/* a number in [0, 1] always rounds to a confidence */
		if (rx_confidence_from_double(out[i].score, &out[i].confidence, &err) != RX_OK)
			out[i].confidence = 0;
	}
}
