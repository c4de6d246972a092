/*
 * autocode_scratch.c — the per-caller query memory of the autocoder (see
 * autocode_int.h): per-entry, per-code, per-group and per-token
 * accumulators, grown to the index's size on first use and reused; a
 * query resets only what it touched.
 */
#include "autocode_int.h"

#include <string.h>

/* A scratch area for queries on ix. */
rx_autocode_scratch *
rx_autocode_scratch_create(const rx_autocode_index *ix)
{
	rx_autocode_scratch *sc = ix->alloc.alloc(ix->alloc.ctx, sizeof(rx_autocode_scratch));

	if (sc == NULL)
		return NULL;
	memset(sc, 0, sizeof(*sc));
	sc->alloc = ix->alloc;
	return sc;
}

/* Free a scratch area. */
void
rx_autocode_scratch_free(rx_autocode_scratch *sc)
{
	const rx_autocode_allocator *a;

	if (sc == NULL)
		return;
	a = &sc->alloc;
	rx_autocode_mem_free(a, sc->eacc);
	rx_autocode_mem_free(a, sc->ehead);
	rx_autocode_mem_free(a, sc->etouched);
	rx_autocode_mem_free(a, sc->cmatch);
	rx_autocode_mem_free(a, sc->cbest);
	rx_autocode_mem_free(a, sc->cvote);
	rx_autocode_mem_free(a, sc->cflag);
	rx_autocode_mem_free(a, sc->ctouched);
	rx_autocode_mem_free(a, sc->chead);
	rx_autocode_mem_free(a, sc->cclass);
	rx_autocode_mem_free(a, sc->gtf);
	rx_autocode_mem_free(a, sc->gvote);
	rx_autocode_mem_free(a, sc->gflag);
	rx_autocode_mem_free(a, sc->gtouched);
	rx_autocode_mem_free(a, sc->gvoted);
	rx_autocode_mem_free(a, sc->tcount);
	rx_autocode_mem_free(a, sc->ttouched);
	rx_autocode_mem_free(a, sc->cand);
	rx_autocode_mem_free(a, sc->candraw);
	rx_autocode_mem_free(a, sc->evbuf);
	a->free(a->ctx, sc);
}

/*
 * Grow the zero-filled per-item arrays of a scratch area from cap to need
 * items: one array of elsize-byte items per pointer in arrays.
 */
static bool
rx_autocode_scratch_arrays(rx_autocode_scratch *sc, void **arrays[], const size_t *elsizes, int narrays,
				  uint32_t *cap, uint32_t need)
{
	uint32_t	ncap;
	int			i;

	if (need <= *cap)
		return true;
	ncap = need + need / 2 + 64;
	for (i = 0; i < narrays; i++)
	{
		void	   *p = *arrays[i] == NULL
			? sc->alloc.alloc(sc->alloc.ctx, (size_t) ncap * elsizes[i])
			: sc->alloc.realloc(sc->alloc.ctx, *arrays[i], (size_t) ncap * elsizes[i]);

		if (p == NULL)
			return false;
		memset((char *) p + (size_t) *cap * elsizes[i], 0,
			   (size_t) (ncap - *cap) * elsizes[i]);
		*arrays[i] = p;
	}
	*cap = ncap;
	return true;
}

/* Make a scratch area big enough for the index as it is now. */
bool
rx_autocode_scratch_fit(rx_autocode_scratch *sc, const rx_autocode_index *ix, int k)
{
	void	  **earr[] = {(void **) &sc->eacc, (void **) &sc->etouched, (void **) &sc->ehead};
	size_t		esz[] = {sizeof(float), sizeof(uint32_t), 1};
	void	  **carr[] = {(void **) &sc->cmatch, (void **) &sc->cbest, (void **) &sc->cvote,
	(void **) &sc->cflag, (void **) &sc->ctouched, (void **) &sc->chead, (void **) &sc->cclass};
	size_t		csz[] = {sizeof(float), sizeof(uint32_t), sizeof(float), 1, sizeof(uint32_t),
	sizeof(float), sizeof(float)};
	void	  **garr[] = {(void **) &sc->gtf, (void **) &sc->gvote, (void **) &sc->gflag,
	(void **) &sc->gtouched, (void **) &sc->gvoted};
	size_t		gsz[] = {sizeof(float), sizeof(float), 1, sizeof(uint32_t), sizeof(uint32_t)};
	void	  **tarr[] = {(void **) &sc->tcount, (void **) &sc->ttouched};
	size_t		tsz[] = {sizeof(uint16_t), sizeof(uint32_t)};
	uint32_t	ncand = (uint32_t) (k > RX_AUTOCODE_SOFTMAX_MIN ? k : RX_AUTOCODE_SOFTMAX_MIN);
	uint32_t	capcand = sc->capcand;

	if (!rx_autocode_scratch_arrays(sc, earr, esz, 3, &sc->capentries, ix->nentries) ||
		!rx_autocode_scratch_arrays(sc, carr, csz, 7, &sc->capcodes, ix->ncodes) ||
		!rx_autocode_scratch_arrays(sc, garr, gsz, 5, &sc->capgroups, ix->ngroups) ||
		!rx_autocode_scratch_arrays(sc, tarr, tsz, 2, &sc->captokens, ix->ntokens))
		return false;
	if (ncand > capcand)
	{
		void	  **karr[] = {(void **) &sc->cand, (void **) &sc->candraw};
		size_t		ksz[] = {sizeof(uint32_t), sizeof(double)};

		if (!rx_autocode_scratch_arrays(sc, karr, ksz, 2, &sc->capcand, ncand))
			return false;
	}
	return true;
}

/* Clear the flags of the n touched codes for the next query. */
void
rx_autocode_untouch(rx_autocode_scratch *sc, uint32_t n)
{
	uint32_t	j;

	for (j = 0; j < n; j++)
		sc->cflag[sc->ctouched[j]] = 0;
}
