/*
 * fuzz_title.c — libFuzzer harness of the job-title normalizer.
 *
 * Invariants, for any bytes:
 *  - nothing crashes (ASan, UBSan);
 *  - the title is rejected with RX_ENCODING exactly when it is not valid
 *    UTF-8 (checked by an independent validator here), with a detail
 *    sentence, and rx_title_level agrees;
 *  - the output is shorter than rx_title_out_capacity(len), NUL-terminated, valid
 *    UTF-8, with single spaces between words and none at either end, and
 *    no ASCII upper-case letter or punctuation;
 *  - normalization is idempotent: normalizing the output gives it back;
 *  - a found level is a valid rolelevel encoding of track P, M or E;
 *  - the word rules settle within 4 rounds (a cascade that needs one round
 *    per repetition would make long titles quadratic);
 *  - the claims (rx_title_claims_of) agree with rx_title_level, their job
 *    phrase is the normalized title cut at a word boundary to at most
 *    RX_TITLE_PHRASE_MAX bytes, and words and base are valid levels;
 *  - rx_title_word_form of any bytes gives a kind, and an expansion of
 *    lower-case words that fits its buffer.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "core/title.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Strict UTF-8 validation (RFC 3629), written apart from the normalizer's. */
static bool
valid_utf8(const uint8_t *s, size_t n)
{
	size_t		i = 0;

	while (i < n)
	{
		uint8_t		c = s[i];
		size_t		need;
		uint32_t	v;

		if (c < 0x80)
		{
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			need = 1, v = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 2, v = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 3, v = c & 0x07;
		else
			return false;
		if (i + need >= n)		/* continuation bytes are s[i + 1 .. i + need] */
			return false;
		for (size_t k = 1; k <= need; k++)
		{
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			v = (v << 6) | (s[i + k] & 0x3F);
		}
		if ((need == 2 && v < 0x800) || (need == 3 && v < 0x10000) ||
			(v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
			return false;
		i += need + 1;
	}
	return true;
}

/* One fuzz input: check every invariant above, abort() on a violation. */
/*
 * The claims of a valid title whose normalized text is out[0..outlen) and
 * level (found, level): the same level, the phrase a prefix of out at a
 * word boundary, at most RX_TITLE_PHRASE_MAX bytes.
 */
static void
check_claims(const uint8_t *data, size_t size, const char *out, size_t outlen, bool found, int32_t level)
{
	size_t		need = rx_title_claims_work_size(size),
				plen = 0;
	void	   *work = malloc(need);
	const char *phrase = NULL;
	rx_title_claims c;
	rx_error	err;

	if (work == NULL ||
		rx_title_claims_of((const char *) data, size, work, need, &phrase, &plen, &c, &err) != RX_OK)
		abort();
	if (c.has_level != found || (found && c.level != level))
		abort();
	if (plen > RX_TITLE_PHRASE_MAX || plen > outlen || memcmp(phrase, out, plen) != 0 ||
		(plen < outlen && out[plen] != ' ' && plen != rx_title_phrase_len(out, outlen)))
		abort();
	if (outlen <= RX_TITLE_PHRASE_MAX && plen != outlen)
		abort();
	if ((c.has_words && !rx_level_valid(c.words)) || (c.has_base && !rx_level_valid(c.base)))
		abort();
	free(work);
}

/*
 * rx_title_word_form of any bytes (the first 32 at most): a kind of the
 * enum; an expansion is lower-case ASCII words separated by single spaces
 * that fits the buffer (no NUL is written), anything else has no output.
 */
static void
fz_check_word_form(const char *w, size_t size)
{
	char		out[16];
	size_t		n = 99,
				i;
	rx_title_word_kind k = rx_title_word_form(w, size > 32 ? 32 : size, out, sizeof(out), &n);

	if (k == RX_TITLE_WORD_EXPANDS)
	{
		if (n == 0 || n > sizeof(out) || out[0] == ' ' || out[n - 1] == ' ')
			abort();
		for (i = 0; i < n; i++)
			if (!((out[i] >= 'a' && out[i] <= 'z') || (out[i] == ' ' && out[i + 1] != ' ')))
				abort();
	}
	else if ((k != RX_TITLE_WORD_PLAIN && k != RX_TITLE_WORD_DROPPED) || n != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t		cap = rx_title_out_capacity(size),
				outlen = 0,
				again_len = 0;
	char	   *out,
			   *again;
	rx_error	err;
	rx_status	st;
	bool		found;
	int32_t		level;

	if (size > 4096)
		return 0;
	fz_check_word_form((const char *) data, size);
	out = malloc(cap);
	st = rx_title_normalize((const char *) data, size, out, cap, &outlen, &err);
	if (st != RX_OK)
	{
		if (st != RX_ENCODING || valid_utf8(data, size) || err.detail[0] == '\0')
			abort();
		if (rx_title_level((const char *) data, size, &found, &level, &err) != RX_ENCODING)
			abort();
		free(out);
		return 0;
	}
	if (!valid_utf8(data, size))
		abort();
	if (outlen >= cap || out[outlen] != '\0' || strlen(out) != outlen)
		abort();
	if (!valid_utf8((const uint8_t *) out, outlen))
		abort();
	if (outlen > 0 && (out[0] == ' ' || out[outlen - 1] == ' '))
		abort();
	for (size_t i = 0; i < outlen; i++)
	{
		unsigned char c = (unsigned char) out[i];

		if (c == ' ' && i + 1 < outlen && out[i + 1] == ' ')
			abort();
		if (c < 0x80 && c != ' ' && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			abort();
	}

	again = malloc(rx_title_out_capacity(outlen));
	if (rx_title_normalize(out, outlen, again, rx_title_out_capacity(outlen), &again_len, &err) != RX_OK)
		abort();
	if (again_len != outlen || memcmp(again, out, outlen) != 0)
		abort();

	if (rx_title_level((const char *) data, size, &found, &level, &err) != RX_OK)
		abort();
	{
		static char scratch[4096 * 40];
		rx_title_info		info;

		if (rx_title_analyze((const char *) data, size, scratch, sizeof(scratch), NULL, 0, NULL,
					   &info, &err) != RX_OK || info.rounds > 4 ||
			info.has_level != found || (found && info.level != level))
			abort();
	}
	if (found)
	{
		char		buf[RX_LEVEL_TEXT_MAX];

		if (!rx_level_valid(level))
			abort();
		rx_level_track(level, buf);
		if (strcmp(buf, "P") != 0 && strcmp(buf, "M") != 0 && strcmp(buf, "E") != 0)
			abort();
	}
	check_claims(data, size, out, outlen, found, level);
	free(again);
	free(out);
	return 0;
}
