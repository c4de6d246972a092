/*
 * title.c — job-title normalization and level inference (see title.h and
 * doc/titles.md): the API, which runs the steps of title_int.h and reads
 * the level from the evidence they collect.
 *
 * rx_title_analyze runs the four steps listed in title_int.h (lexing,
 * words, segments, rounds) over one array of words in the caller's
 * scratch memory, without allocating, writes the surviving words out
 * separated by single spaces, and reads the level from the evidence the
 * rounds collected: a trainee word, else the strongest rank noun, else the
 * strongest grade.
 */
#include "title_int.h"

#include <stdlib.h>
#include <string.h>

/*
 * A safety bound on the rounds of word rules.  Each round is linear in the
 * title; no input is known to need more than three.
 */
#define RX_TITLE_MAX_ROUNDS	32

/* Scratch memory on the stack of rx_title_normalize/rx_title_level. */
#define RX_TITLE_STACK_SCRATCH 16384

/* Upper bound of the normalized length for an input of len bytes. */
size_t
rx_title_out_capacity(size_t len)
{
	if (len > (SIZE_MAX - 1) / RX_TITLE_GROWTH)
		return SIZE_MAX;
	return len * RX_TITLE_GROWTH + 1;
}

/* Bytes of scratch memory rx_title_analyze needs for an input of len bytes. */
size_t
rx_title_scratch_size(size_t len)
{
	if (len > RX_TITLE_MAX_LEN)
		len = RX_TITLE_MAX_LEN;
	return (len + 1) * sizeof(rx_title_word) + len + 1 + sizeof(rx_title_word);
}

/* Both results in one pass, with caller-provided scratch memory. */
rx_status
rx_title_analyze(const char *s, size_t len, void *scratch, size_t scratchcap,
		   char *out, size_t outcap, size_t *outlen, rx_title_info *info,
		   rx_error *err)
{
	rx_title_state st;
	rx_title_word *w;
	uintptr_t	p;
	size_t		o = 0,
				u,
				i,
				before;
	rx_status	rc;
	int			round;

	rx_clear(err);
	if (len > RX_TITLE_MAX_LEN)
		return rx_fail(err, RX_LIMIT,
					   "A job title is read up to %d bytes; this one has %zu bytes.",
					   RX_TITLE_MAX_LEN, len);
	if (scratch == NULL || scratchcap < rx_title_scratch_size(len))
		return rx_fail(err, RX_ARGUMENT,
					   "The scratch memory for a title of %zu bytes must hold %zu bytes.",
					   len, rx_title_scratch_size(len));
	if (out != NULL && outcap < rx_title_out_capacity(len))
		return rx_fail(err, RX_ARGUMENT,
					   "The output buffer for a title of %zu bytes must hold %zu bytes.",
					   len, rx_title_out_capacity(len));

	p = ((uintptr_t) scratch + sizeof(rx_title_word) - 1) & ~(uintptr_t) (sizeof(rx_title_word) - 1);
	w = (rx_title_word *) p;
	memset(&st, 0, sizeof(st));
	st.w = w;
	rc = rx_title_lex(s, len, w, (char *) (w + len + 1), &st.n, err);
	if (rc != RX_OK)
		return rc;
	rx_title_expand(&st);
	rx_title_segments(&st);
	/* rounds until nothing changes (three on every input known), at most RX_TITLE_MAX_ROUNDS */
	for (round = 1; round <= RX_TITLE_MAX_ROUNDS; round++)
	{
		before = st.n;
		rx_title_round(&st, round);
		if (round > 1 && st.n == before)
			break;
	}

	if (out != NULL)
	{
		for (u = 0; u < st.n; u += st.w[u].ulen)
		{
			for (i = 0; i < st.w[u].ulen; i++)
			{
				if (o > 0)
					out[o++] = ' ';
				memcpy(out + o, st.w[u + i].text, st.w[u + i].len);
				o += st.w[u + i].len;
			}
		}
		out[o] = '\0';
		if (outlen != NULL)
			*outlen = o;
	}
	if (info != NULL)
	{
		info->has_grade = st.grade_found;
		info->grade = st.grade;
		info->has_rank = st.rank_found;
		info->rank = st.rank;
		info->trainee = st.trainee;
		info->rounds = round > RX_TITLE_MAX_ROUNDS ? RX_TITLE_MAX_ROUNDS : round;
		info->has_level = true;
		if (st.trainee)
			info->level = RX_TITLE_P1;
		else if (st.rank_found)
			info->level = st.rank;
		else if (st.grade_found)
			info->level = st.grade;
		else
		{
			info->has_level = false;
			info->level = 0;
		}
	}
	return RX_OK;
}

/* Run rx_title_analyze with scratch on the stack, or from malloc when the title is long. */
static rx_status
rx_title_run(const char *s, size_t len, char *out, size_t outcap, size_t *outlen,
	   rx_title_info *info, rx_error *err)
{
	union
	{
		rx_title_word		align;
		char		bytes[RX_TITLE_STACK_SCRATCH];
	}			stackbuf;
	void	   *scratch = stackbuf.bytes;
	size_t		need;
	rx_status	rc;

	if (len > RX_TITLE_MAX_LEN)
		return rx_title_analyze(s, len, NULL, 0, out, outcap, outlen, info, err);
	need = rx_title_scratch_size(len);
	if (need > sizeof(stackbuf))
	{
		scratch = malloc(need);
		if (scratch == NULL)
			return rx_fail(err, RX_LIMIT,
						   "There is not enough memory to read a job title of %zu bytes.",
						   len);
	}
	rc = rx_title_analyze(s, len, scratch, need, out, outcap, outlen, info, err);
	if (scratch != stackbuf.bytes)
		free(scratch);
	return rc;
}

/* Normalize title s[0..len) into out (see title.h). */
rx_status
rx_title_normalize(const char *s, size_t len, char *out, size_t outcap,
			 size_t *outlen, rx_error *err)
{
	if (out == NULL)
		return rx_fail(err, RX_ARGUMENT, "The output buffer must not be NULL.");
	return rx_title_run(s, len, out, outcap, outlen, NULL, err);
}

/* The level the title names (see title.h). */
rx_status
rx_title_level(const char *s, size_t len, bool *found, int32_t *level, rx_error *err)
{
	rx_title_info		info;
	rx_status	rc = rx_title_run(s, len, NULL, 0, NULL, &info, err);

	*found = false;
	*level = 0;
	if (rc != RX_OK)
		return rc;
	*found = info.has_level;
	*level = info.level;
	return RX_OK;
}

/* The length of the job phrase of a normalized title (see title.h). */
size_t
rx_title_phrase_len(const char *norm, size_t len)
{
	size_t		cut = RX_TITLE_PHRASE_MAX;

	if (len <= RX_TITLE_PHRASE_MAX)
		return len;
	while (cut > 0 && norm[cut] != ' ')
		cut--;
	if (cut > 0)
		return cut;
	/* one long first word: cut before the character that straddles the bound */
	cut = RX_TITLE_PHRASE_MAX;
	while (cut > 0 && ((unsigned char) norm[cut] & 0xC0) == 0x80)
		cut--;
	return cut;
}

/* Bytes of work memory rx_title_claims_of needs for a title of len bytes. */
size_t
rx_title_claims_work_size(size_t len)
{
	if (len > RX_TITLE_MAX_LEN)
		len = RX_TITLE_MAX_LEN;
	return rx_title_out_capacity(len) +
		rx_title_scratch_size(len > RX_TITLE_PHRASE_MAX ? len : RX_TITLE_PHRASE_MAX);
}

/*
 * The level claims of a title and its job phrase: the title is analyzed
 * into the front of work, its phrase analyzed again (its level is the
 * base) with the rest of work as scratch.
 */
rx_status
rx_title_claims_of(const char *s, size_t len, void *work, size_t workcap,
				   const char **phrase, size_t *phraselen, rx_title_claims *claims,
				   rx_error *err)
{
	char	   *out = work;
	size_t		outcap,
				outlen = 0,
				plen;
	rx_title_info info,
				base;
	rx_status	rc;

	memset(claims, 0, sizeof(*claims));
	if (len > RX_TITLE_MAX_LEN)
		return rx_title_analyze(s, len, NULL, 0, NULL, 0, NULL, NULL, err);
	if (work == NULL || workcap < rx_title_claims_work_size(len))
		return rx_fail(err, RX_ARGUMENT,
					   "The work memory for the claims of a title of %zu bytes must hold %zu bytes.",
					   len, rx_title_claims_work_size(len));
	outcap = rx_title_out_capacity(len);
	rc = rx_title_analyze(s, len, out + outcap, workcap - outcap, out, outcap, &outlen, &info, err);
	if (rc != RX_OK)
		return rc;
	plen = rx_title_phrase_len(out, outlen);
	out[plen] = '\0';
	rc = rx_title_analyze(out, plen, out + outcap, workcap - outcap, NULL, 0, NULL, &base, err);
	if (rc != RX_OK)
		return rc;
	claims->has_level = info.has_level;
	claims->level = info.level;
	claims->has_base = base.has_level;
	claims->base = base.level;
	claims->has_words = true;
	if (info.has_level && (!base.has_level || base.level != info.level))
		claims->words = info.level;
	else if (info.has_grade)
		claims->words = info.grade;
	else
	{
		claims->has_words = false;
		claims->words = 0;
	}
	if (phrase != NULL)
		*phrase = out;
	if (phraselen != NULL)
		*phraselen = plen;
	return RX_OK;
}

/* What the lexicon makes of one word on its own (see title.h). */
rx_title_word_kind
rx_title_word_form(const char *w, size_t len, char *out, size_t cap, size_t *outlen)
{
	int			x = rx_title_lookup(w, len);
	const rx_title_lexeme *e;
	size_t		n = 0;
	int			k;

	*outlen = 0;
	if (x < 0)
		return RX_TITLE_WORD_PLAIN;
	e = &rx_title_lexicon[x];
	if (e->cls & (TL_ABBR | TL_POSABBR))
	{
		bool		job = false;

		/* an abbreviation of a grade word ("sr": senior) goes as the word would */
		for (k = 0; k < e->head_n; k++)
			job |= !(rx_title_lexicon[rx_title_exp_words[e->head_off + k]].cls &
					 (TL_GRADE | TL_NOISE | TL_TAIL | TL_ANY));
		if (!job)
			return RX_TITLE_WORD_DROPPED;
		for (k = 0; k < e->head_n; k++)
		{
			const rx_title_lexeme *h = &rx_title_lexicon[rx_title_exp_words[e->head_off + k]];

			if (n + (k > 0) + h->len > cap)
				return RX_TITLE_WORD_PLAIN;
			if (k > 0)
				out[n++] = ' ';
			memcpy(out + n, h->word, h->len);
			n += h->len;
		}
		*outlen = n;
		return n > 0 ? RX_TITLE_WORD_EXPANDS : RX_TITLE_WORD_PLAIN;
	}
	if (e->cls & (TL_GRADE | TL_NOISE | TL_TAIL | TL_ANY))
		return RX_TITLE_WORD_DROPPED;
	return RX_TITLE_WORD_PLAIN;
}
