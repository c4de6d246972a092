/*
 * title_rounds.c — step 4 of the title normalizer (see title_int.h): the
 * rounds of word rules.  Grade words go, phrases (vice president, full
 * time) are grouped, noise and numerals at the end go, positional grade
 * words (staff, lead, principal …) go unless they are the head noun, rank
 * modifiers go.  The first round also expands positional abbreviations
 * (eng -> engineer/engineering) and collects the level evidence.  Rounds
 * repeat until nothing changes, which makes normalization idempotent.
 */
#include "title_int.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* Step 4: the rounds of word rules                                    */

/*
 * Is wd (to/of/for) the middle word of a three-word phrase with the unit on
 * top of the stack w[0..k) and the next word nx (chief of staff)?  If so,
 * *keep is the stack size that ends with the phrase's first word.
 */
static bool
rx_title_phrase_middle(const rx_title_word *w, size_t k, const rx_title_word *wd, const rx_title_word *nx,
				 size_t *keep)
{
	size_t		p,
				u;

	if (k == 0 || nx == NULL)
		return false;
	u = rx_title_unit_start(w, k);
	/*
	 * Look past positional grade words: right before to/of/for one is never
	 * the head, so this round would remove it anyway ("Chief Staff of Staff"
	 * reads as "chief of staff").  Deciding otherwise would let each round
	 * move the complement by one phrase.
	 */
	while (u > 0 && w[u].ulen == 1 && w[u].pid < 0 && (rx_title_wcls(&w[u]) & TL_POSGRADE))
		u = rx_title_unit_start(w, u);
	if (w[u].ulen != 1 || w[u].pid >= 0)
		return false;
	for (p = 0; p < rx_title_nphrases; p++)
	{
		const rx_title_phrase *ph = &rx_title_phrases[p];

		if (ph->nwords == 3 && ph->words[0] == w[u].lex && ph->words[1] == wd->lex &&
			ph->words[2] == nx->lex)
		{
			*keep = u + 1;
			return true;
		}
	}
	return false;
}

/*
 * The word on top of the stack w[0..*k) may end a phrase: group the
 * phrase into one unit; take out a grade phrase (entry level).
 */
static void
rx_title_match_phrase(rx_title_state *st, size_t *k, int round)
{
	rx_title_word    *w = st->w;
	size_t		p;

	for (p = 0; p < rx_title_nphrases; p++)
	{
		const rx_title_phrase *ph = &rx_title_phrases[p];
		size_t		m = ph->nwords,
					j,
					u;
		bool		ok = true;

		if (*k < m || ph->words[m - 1] != w[*k - 1].lex)
			continue;
		u = *k - m;
		for (j = 0; j < m && ok; j++)
			ok = w[u + j].ulen == 1 && w[u + j].pid < 0 && w[u + j].lex == ph->words[j];
		if (!ok)
			continue;
		w[u].ulen = (uint8_t) m;
		w[u].pid = (int16_t) p;
		for (j = 1; j < m; j++)
			w[u + j].ulen = 0;
		if ((ph->cls & (TL_GRADE | TL_ANY)) && !(w[u].flags & W_COMPL))
		{
			if (round == 1)
				rx_title_note_grade(st, ph->grade);
			*k = u;
		}
		return;
	}
}

/*
 * The stack pass: grade words go (recording the senior/junior context of
 * what follows), intern-class words are set aside, phrases are grouped.
 * Returns the new number of words.
 */
static size_t
rx_title_stack_pass(rx_title_state *st, int round)
{
	rx_title_word    *w = st->w;
	size_t		n = st->n,
				r,
				k = 0;
	bool		compl = false,
				senior = false,
				junior = false;

	st->intern_have = false;
	for (r = 0; r < n; r++)
	{
		rx_title_word		wd = w[r];
		uint32_t	cls = rx_title_wcls(&wd);

		wd.flags &= ~W_ROUND;
		wd.ulen = 1;
		wd.pid = -1;
		if (compl)
			wd.flags |= W_COMPL;
		else if (cls & TL_COMPL)
		{
			size_t		keep;

			if (!rx_title_phrase_middle(w, k, &wd, r + 1 < n ? &w[r + 1] : NULL, &keep))
				compl = true;
			else
				for (; k > keep; k--)	/* the grade words it looked past */
					if (round == 1)
						rx_title_note_grade(st, rx_title_lexicon[w[k - 1].lex].grade);
		}
		else if (cls & TL_INTERN)
		{
			if (!(r + 1 < n && (rx_title_wcls(&w[r + 1]) & TL_OFINTERNS)))
			{
				if (round == 1)
					rx_title_note_grade(st, rx_title_lexicon[wd.lex].grade);
				st->intern_have = true;
				st->intern_word = wd;
				st->intern_pos = k;
				continue;
			}
		}
		else if (cls & TL_ANY)
			continue;
		else if (cls & TL_GRADE)
		{
			if (round == 1)
				rx_title_note_grade(st, rx_title_lexicon[wd.lex].grade);
			if (cls & TL_UP)
			{
				senior = true;
				if (k > 0)
					w[rx_title_unit_start(w, k)].flags |= W_SENIOR_AFTER;
			}
			if (cls & TL_DOWN)
				junior = true;
			continue;
		}
		if (wd.ndig > 0 && k > 0 && w[k - 1].ulen == 1 && w[k - 1].pid < 0 &&
			rx_title_is_reference(rx_title_wcls(&w[k - 1]), &wd))
		{
			/* a requisition prefix and its number, next to each other now */
			k--;
			if (k > 0 && w[k - 1].ulen == 1 && (rx_title_wcls(&w[k - 1]) & TL_REQLEAD))
				k--;
			continue;
		}
		if (senior)
			wd.flags |= W_SENIOR_BEFORE;
		if (junior)
			wd.flags |= W_JUNIOR_BEFORE;
		w[k++] = wd;
		if (cls & TL_PHRASE_END)
			rx_title_match_phrase(st, &k, round);
	}
	return k;
}

/*
 * Take the tail off the stack w[0..k): noise at the end, numerals after
 * a word of the job, grade words kept in a complement.  Returns the new k.
 */
static size_t
rx_title_strip_tail(rx_title_state *st, size_t k, int round)
{
	rx_title_word    *w = st->w;
	size_t		first_word = k,
				u;

	/* the first unit that is not a numeral: numerals after it are grades */
	for (u = 0; u < k; u += w[u].ulen)
		if (rx_title_numeral(w, u) == 0)
		{
			first_word = u;
			break;
		}
	while (k > 0)
	{
		uint32_t	cls;
		int			g;

		u = rx_title_unit_start(w, k);
		cls = rx_title_ucls(w, u);
		g = rx_title_numeral(w, u);
		if (g > 0 && u > first_word)
		{
			if (round == 1)
				rx_title_note_grade(st, g);
			/* "Engineer Level 2": the grade word before it goes too */
			if (u > first_word + 1 && w[u - 1].ulen == 1 &&
				(rx_title_wcls(&w[u - 1]) & TL_GRADEWORD))
				u--;
		}
		else if ((cls & TL_GRADE) && (w[u].flags & W_COMPL))
		{
			if (round == 1)
				rx_title_note_grade(st, w[u].pid >= 0 ? rx_title_phrases[w[u].pid].grade :
							  rx_title_lexicon[w[u].lex].grade);
		}
		else if (!(cls & TL_TAIL))
			break;
		k = u;
	}
	return k;
}

/*
 * Put the intern-class word taken out back when nothing but noise is left
 * ("Intern (Remote)" -> "intern").  Returns the new k.
 */
static size_t
rx_title_restore_intern(rx_title_state *st, size_t k, int round)
{
	rx_title_word    *w = st->w;
	size_t		u,
				pos;
	bool		only_noise = true;

	if (!st->intern_have)
		return k;
	if (round == 1 && k <= st->intern_pos)
		st->trainee = true;
	for (u = 0; u < k && only_noise; u += w[u].ulen)
		only_noise = (rx_title_ucls(w, u) & TL_NOISE) != 0;
	if (!only_noise)
		return k;
	if (round == 1)
		st->trainee = true;
	pos = st->intern_pos < k ? st->intern_pos : k;
	memmove(&w[pos + 1], &w[pos], (k - pos) * sizeof(rx_title_word));
	w[pos] = st->intern_word;
	return k + 1;
}

/*
 * Expand the positional abbreviations (round 1): the head form for a head
 * noun — the last word of the title or of its segment — unless a rank noun
 * or to/of/for comes just before it ("Sr Eng" -> engineer, "VP Eng" ->
 * engineering), else the modifier form.  Returns the new k.
 */
static size_t
rx_title_expand_positional(rx_title_state *st, size_t k)
{
	rx_title_word    *w = st->w;
	size_t		u,
				prev = k,
				total = 0,
				head,
				i,
				j;
	bool		any = false;

	if (k == 0)
		return 0;
	head = rx_title_unit_start(w, k);
	for (u = 0; u < k; prev = u, u += w[u].ulen)
	{
		if (w[u].ulen != 1 || !(rx_title_wcls(&w[u]) & TL_POSABBR))
		{
			total += w[u].ulen;
			continue;
		}
		any = true;
		/* the head noun: the last word, or the last of its segment ("Dev, Payments") */
		if ((u == head || w[u + 1].seg != w[u].seg) &&
			(prev == k || !(rx_title_ucls(w, prev) & (TL_RANK | TL_COMPL))))
		{
			w[u].flags |= W_HEADFORM;
			total += rx_title_lexicon[w[u].lex].head_n;
		}
		else
			total += rx_title_lexicon[w[u].lex].mod_n;
	}
	if (!any)
		return k;
	j = total;
	for (i = k; i-- > 0;)
	{
		rx_title_word		wd = w[i];

		if (wd.ulen == 1 && wd.pid < 0 && (rx_title_wcls(&wd) & TL_POSABBR))
		{
			const rx_title_lexeme *e = &rx_title_lexicon[wd.lex];
			bool		hf = (wd.flags & W_HEADFORM) != 0;
			int			cnt = hf ? e->head_n : e->mod_n;
			int			off = hf ? e->head_off : e->mod_off;
			int			c;

			for (c = cnt; c-- > 0;)
			{
				int16_t		x = rx_title_exp_words[off + c];
				rx_title_word    *o = &w[--j];

				*o = wd;
				o->lex = x;
				o->text = rx_title_lexicon[x].word;
				o->len = rx_title_lexicon[x].len;
				o->ndig = 0;
				if (c != cnt - 1)
					o->flags &= ~W_SENIOR_AFTER;
			}
		}
		else
			w[--j] = wd;
	}
	return total;
}

/*
 * Right to left over the units: positional grade words before the head
 * go, so do assistant/associate/junior before a rank noun and executive
 * before vice president; in round 1 the level evidence is recorded.
 */
static void
rx_title_modifiers(rx_title_state *st, size_t k, int round)
{
	rx_title_word    *w = st->w;
	size_t		head,
				end = k;
	long		rank_ahead = -1,
				next = -1;

	if (k == 0)
		return;
	head = rx_title_unit_start(w, k);
	while (end > 0)
	{
		size_t		u = rx_title_unit_start(w, end);
		uint32_t	cls = rx_title_ucls(w, u);
		uint32_t	ncls = next >= 0 ? rx_title_ucls(w, (size_t) next) : 0;
		bool		dead = false;

		end = u;
		if (w[u].flags & W_COMPL)
		{
			next = (long) u;
			continue;
		}
		if (cls & TL_RANK)
		{
			rank_ahead = (long) u;
			next = (long) u;
			continue;
		}
		if ((cls & TL_EXEC) && (ncls & TL_VP) && !(w[next].flags & W_COMPL))
		{
			w[next].flags |= W_UP;
			dead = true;
		}
		else if ((cls & TL_DOWN) && (cls & TL_POSGRADE) && (ncls & TL_ACADEMIC))
			;					/* associate professor, associate dean */
		else if ((cls & TL_DOWN) && rank_ahead >= 0)
		{
			w[rank_ahead].flags |= W_DOWN;
			dead = true;
		}
		else if ((cls & TL_POSGRADE) && u != head)
		{
			/* "Clinical Fellow Radiology": a fellow in training names no level, as at the end */
			bool		keep = (w[u].lex == RX_TITLE_LEX_LEAD && (ncls & TL_NOTLEAD)) ||
				(w[u].lex == RX_TITLE_LEX_STAFF && (ncls & TL_NOTSTAFF)) ||
				(w[u].lex == RX_TITLE_LEX_FELLOW && u > 0 &&
				 (rx_title_ucls(w, rx_title_unit_start(w, u)) & TL_TRAINING));

			if (!keep)
			{
				if (round == 1)
					rx_title_note_grade(st, rx_title_lexicon[w[u].lex].grade);
				dead = true;
			}
		}
		else if (u == head && round == 1 && w[u].pid < 0)
		{
			/* the head noun "lead" or "fellow" still names a level */
			if (w[u].lex == RX_TITLE_LEX_LEAD)
				rx_title_note_grade(st, rx_title_lexicon[w[u].lex].grade);
			else if (w[u].lex == RX_TITLE_LEX_FELLOW &&
					 !(u > 0 && (rx_title_ucls(w, rx_title_unit_start(w, u)) & TL_TRAINING)))
				rx_title_note_grade(st, rx_title_lexicon[w[u].lex].grade);
		}
		if (dead)
			w[u].flags |= W_DEAD;
		else
			next = (long) u;
	}
}

/* Rank form f (0 base, 1 senior, 2 assistant) of the unit at w[u]. */
static int32_t
rx_title_urank(const rx_title_word *w, size_t u, int f)
{
	return w[u].pid >= 0 ? rx_title_phrases[w[u].pid].rank[f] : rx_title_lexicon[w[u].lex].rank[f];
}

/* Round 1: the strongest rank noun, in its senior or assistant form. */
static void
rx_title_ranks(rx_title_state *st, size_t k)
{
	rx_title_word    *w = st->w;
	size_t		u;

	for (u = 0; u < k; u += w[u].ulen)
	{
		uint32_t	f = w[u].flags;
		int32_t		r;

		if (!(rx_title_ucls(w, u) & TL_RANK) || (f & (W_COMPL | W_DEAD)))
			continue;
		if (f & (W_DOWN | W_JUNIOR_BEFORE))
			r = rx_title_urank(w, u, 2);
		else if (f & (W_UP | W_SENIOR_BEFORE | W_SENIOR_AFTER))
			r = rx_title_urank(w, u, 1);
		else
			r = rx_title_urank(w, u, 0);
		if (!st->rank_found || r > st->rank)
			st->rank = r;
		st->rank_found = true;
	}
}

/* One round of word rules over st->w[0..n); updates st->n. */
void
rx_title_round(rx_title_state *st, int round)
{
	rx_title_word    *w = st->w;
	size_t		k,
				u,
				i,
				m,
				o = 0;

	k = rx_title_stack_pass(st, round);
	k = rx_title_strip_tail(st, k, round);
	k = rx_title_restore_intern(st, k, round);
	if (round == 1)
		k = rx_title_expand_positional(st, k);
	rx_title_modifiers(st, k, round);
	if (round == 1)
		rx_title_ranks(st, k);
	for (u = 0; u < k; u += m)
	{
		m = w[u].ulen;			/* read before w[u] may be overwritten below */
		if (w[u].flags & W_DEAD)
			continue;
		for (i = 0; i < m; i++)
			w[o++] = w[u + i];
	}
	st->n = o;
}

