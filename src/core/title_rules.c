/*
 * title_rules.c — steps 2 and 3 of the title normalizer (see
 * title_int.h): words are looked up in the lexicon, requisition numbers
 * go and abbreviations expand; then the segment rules remove noise
 * segments, a trailing location and repeated segments, and read a numeral
 * that ends a segment as a grade.
 */
#include "title_int.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* Step 2: lookup, requisition numbers, abbreviations                   */

/* Remove requisition and reference numbers and their prefixes. */
static void
rx_title_drop_references(rx_title_state *st)
{
	rx_title_word    *w = st->w;
	size_t		i;

	for (i = 0; i < st->n; i++)
	{
		rx_title_word    *wd = &w[i];

		/* REQ-1234, ENG_2231: a number of 3+ digits tied to the word before, and a short such word */
		if ((wd->flags & W_ATTACHED) && wd->ndig >= 3)
		{
			wd->flags |= W_REMOVED;
			if (i > 0 && w[i - 1].len <= 5 && !(w[i - 1].flags & W_NONASCII))
				w[i - 1].flags |= W_REMOVED;
		}
		/* any number of 4+ digits, anything after '#' with a digit */
		if (wd->ndig >= 4 || ((wd->flags & W_HASH) && wd->ndig > 0))
			wd->flags |= W_REMOVED;
	}
	/* Req 1234, Job ID 12345, JR 123456 (before jr would read as junior) */
	for (i = 0; i < st->n; i++)
	{
		uint32_t	cls = rx_title_wcls(&w[i]);
		size_t		nx;

		if ((w[i].flags & W_REMOVED) || !(cls & (TL_REQ | TL_REQ3)))
			continue;
		/* the number right after it (even if it went already), else the next one left */
		nx = i + 1;
		if (nx < st->n && !rx_title_is_reference(cls, &w[nx]))
			while (nx < st->n && (w[nx].flags & W_REMOVED))
				nx++;
		if (nx < st->n && rx_title_is_reference(cls, &w[nx]))
		{
			w[i].flags |= W_REMOVED;
			w[nx].flags |= W_REMOVED;
			if (i > 0 && (rx_title_wcls(&w[i - 1]) & TL_REQLEAD))
				w[i - 1].flags |= W_REMOVED;
		}
	}
}

/*
 * Look words up, drop references, join "dev ops", and expand the
 * (non-positional) abbreviations in place.  Every abbreviation of n bytes
 * expands to at most n words, so the array never outgrows the title.
 */
void
rx_title_expand(rx_title_state *st)
{
	rx_title_word    *w = st->w;
	size_t		i,
				total = 0,
				j;

	for (i = 0; i < st->n; i++)
		if (w[i].lex < 0 && !(w[i].flags & W_NONASCII))
		{
			w[i].lex = (int16_t) rx_title_lookup(w[i].text, w[i].len);
			/* "Managers", "Directors": a plural rank noun ranks as its singular, and stays plural */
			if (w[i].lex < 0 && w[i].len > 3 && w[i].text[w[i].len - 1] == 's')
			{
				int			l = rx_title_lookup(w[i].text, w[i].len - 1);

				if (l >= 0 && (rx_title_lexicon[l].cls & TL_RANK))
					w[i].lex = (int16_t) l;
			}
		}
	rx_title_drop_references(st);
	for (i = 0, j = 0; i < st->n; i++)
	{
		if (w[i].flags & W_REMOVED)
			continue;
		if (w[i].lex == RX_TITLE_LEX_DEV && i + 1 < st->n && w[i + 1].lex == RX_TITLE_LEX_OPS &&
			!(w[i + 1].flags & W_REMOVED))
		{
			w[i].lex = RX_TITLE_LEX_DEVOPS;
			w[i].text = rx_title_lexicon[RX_TITLE_LEX_DEVOPS].word;
			w[i].len = rx_title_lexicon[RX_TITLE_LEX_DEVOPS].len;
			w[i + 1].flags |= W_REMOVED;
		}
		total += (rx_title_wcls(&w[i]) & TL_ABBR) ? rx_title_lexicon[w[i].lex].head_n : 1;
		w[j++] = w[i];
	}
	st->n = j;
	/* back to front: every word yields at least one, so none is overwritten unread */
	j = total;
	for (i = st->n; i-- > 0;)
	{
		rx_title_word		wd = w[i];

		if (rx_title_wcls(&wd) & TL_ABBR)
		{
			const rx_title_lexeme *e = &rx_title_lexicon[wd.lex];
			int			k;

			for (k = e->head_n; k-- > 0;)
			{
				int16_t		x = rx_title_exp_words[e->head_off + k];
				rx_title_word    *o = &w[--j];

				*o = wd;
				o->lex = x;
				o->text = rx_title_lexicon[x].word;
				o->len = rx_title_lexicon[x].len;
				o->ndig = 0;
				if (k > 0)
					o->flags &= ~(W_HASH | W_ATTACHED);
			}
		}
		else
			w[--j] = wd;
	}
	st->n = total;
}

/* ------------------------------------------------------------------ */
/* Step 3: segment rules                                               */

enum
{
	CAT_X,						/* a word of the job */
	CAT_N,						/* noise */
	CAT_Q,						/* a reference number */
	CAT_L,						/* a place name */
	CAT_W,						/* a weak location word */
	CAT_G						/* glue */
};

/* The segment category of word wd. */
static inline int
rx_title_cat(const rx_title_word *wd)
{
	uint32_t	cls;

	if (wd->lex < 0)
	{
		if (rx_title_all_digits(wd))
			return wd->ndig >= 3 ? CAT_Q : CAT_G;
		return CAT_X;
	}
	cls = rx_title_lexicon[wd->lex].cls;
	if (cls & (TL_NOISE | TL_TAIL | TL_REQ))
		return CAT_N;
	if (cls & TL_LOC)
		return CAT_L;
	if (cls & TL_LOCWEAK)
		return CAT_W;
	if (cls & TL_GLUE)
		return CAT_G;
	return CAT_X;
}

/* Do words a and b have the same text? */
static bool
rx_title_same(const rx_title_word *a, const rx_title_word *b)
{
	return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

/*
 * Remove a segment whose words all appear before it: an acronym repeated in
 * brackets, "Chief Executive Officer (CEO)".  Only the first 64 words are
 * compared against, which keeps the cost linear.
 */
static void
rx_title_drop_repeats(rx_title_state *st)
{
	rx_title_word    *w = st->w;
	size_t		n = st->n,
				s,
				end,
				i,
				j;

	for (s = 0; s < n && s < 64; s = end)
	{
		bool		all = true,
					any = false;

		for (end = s; end < n && w[end].seg == w[s].seg; end++)
			;
		if (s == 0)
			continue;
		for (i = s; i < end && all; i++)
		{
			bool		seen = false;

			if (w[i].flags & W_REMOVED)
				continue;
			any = true;
			for (j = 0; j < s && !seen; j++)
				seen = !(w[j].flags & W_REMOVED) && rx_title_same(&w[i], &w[j]);
			all = seen;
		}
		if (all && any)
			for (i = s; i < end; i++)
				w[i].flags |= W_REMOVED;
	}
}

/*
 * Mark the segments that hold noise or a reference number and no word of
 * the job, anywhere; then the trailing run of segments without a word of
 * the job when it holds a place name ("- Boston, MA 02115").  Only when
 * the title has some word of the job at all.
 */
static void
rx_title_drop_noise(rx_title_state *st)
{
	rx_title_word *w = st->w;
	size_t		n = st->n,
				i,
				end,
				s,
				run_start = n;
	bool		run_loc = false;

	for (i = 0; i < n && rx_title_cat(&w[i]) != CAT_X; i++)
		;
	if (i == n)
		return;
	/* noise segments, anywhere */
	for (s = 0; s < n; s = end)
	{
		bool		x = false,
					nq = false;

		for (end = s; end < n && w[end].seg == w[s].seg; end++)
		{
			int			c = rx_title_cat(&w[end]);

			x |= (c == CAT_X);
			nq |= (c == CAT_N || c == CAT_Q);
		}
		if (!x && nq)
			for (i = s; i < end; i++)
				w[i].flags |= W_REMOVED;
	}
	/* the trailing run of location segments */
	end = n;
	while (end > 0)
	{
		bool		x = false,
					nq = false,
					loc = false,
					removed = true;

		s = end;
		while (s > 0 && w[s - 1].seg == w[end - 1].seg)
			s--;
		for (i = s; i < end; i++)
		{
			int			c = rx_title_cat(&w[i]);

			removed &= (w[i].flags & W_REMOVED) != 0;
			x |= (c == CAT_X);
			nq |= (c == CAT_N || c == CAT_Q);
			loc |= (c == CAT_L);
		}
		if (!removed)
		{
			if (x || nq)
				break;
			run_loc |= loc;
			run_start = s;
		}
		end = s;
	}
	if (run_loc && end > 0)
		for (i = run_start; i < n; i++)
			w[i].flags |= W_REMOVED;
}

/*
 * Remove noise segments, a trailing location, segments that repeat the
 * title, and numerals that end a segment (a grade), then compact the array.
 */
void
rx_title_segments(rx_title_state *st)
{
	rx_title_word *w = st->w;
	size_t		n = st->n,
				i,
				k,
				content = 0,
				last_x = 0;

	rx_title_drop_noise(st);
	rx_title_drop_repeats(st);
	/* a numeral that ends a segment, after some word of the job, is a grade */
	for (i = 0; i < n; i++)
	{
		size_t		nx;

		if (w[i].flags & W_REMOVED)
			continue;
		for (nx = i + 1; nx < n && (w[nx].flags & W_REMOVED); nx++)
			;
		if (content > 0 && (nx == n || w[nx].seg != w[i].seg) && rx_title_numeral(w, i) > 0)
		{
			rx_title_note_grade(st, rx_title_numeral(w, i));
			w[i].flags |= W_REMOVED;
			/* "Level 2": the word before the numeral goes too, if the job is named before it */
			if (content > 1 && last_x < i && w[last_x].seg == w[i].seg &&
				(rx_title_wcls(&w[last_x]) & TL_GRADEWORD))
				w[last_x].flags |= W_REMOVED;
			continue;
		}
		if (rx_title_numeral(w, i) == 0 && rx_title_cat(&w[i]) == CAT_X)
		{
			content++;
			last_x = i;
		}
	}
	for (i = 0, k = 0; i < n; i++)
		if (!(w[i].flags & W_REMOVED))
			w[k++] = w[i];
	st->n = k;
}

