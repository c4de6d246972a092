/*
 * autocode_map.c — open-addressing multi-map, growable arrays and pooled
 * lists of the autocoder index (see autocode_map.h).
 */
#include "autocode_map.h"

#include <string.h>

#include "autocode_int.h"
#include "autocode_text.h"

#define RX_AUTOCODE_MAP_EMPTY	0
#define RX_AUTOCODE_MAP_DELETED	1
#define RX_AUTOCODE_MAP_MIN_CAP	16

/* Allocate size bytes through the allocator. */
void *
rx_autocode_mem_alloc(const rx_autocode_allocator *a, size_t size)
{
	return a->alloc(a->ctx, size == 0 ? 1 : size);
}

/*
 * Make room for `need` elements of elsize bytes in *ptr (capacity *cap),
 * growing by half again; false (and nothing changed) when out of memory.
 */
bool
rx_autocode_mem_grow(const rx_autocode_allocator *a, void **ptr, uint32_t *cap, uint32_t need,
			size_t elsize)
{
	uint64_t	ncap;
	void	   *p;

	if (need <= *cap)
		return true;
	ncap = *cap < 8 ? 8 : (uint64_t) *cap + *cap / 2;
	if (ncap < need)
		ncap = need;
	if (ncap > UINT32_MAX || ncap * elsize > SIZE_MAX / 2)
		return false;
	p = *ptr == NULL ? a->alloc(a->ctx, (size_t) ncap * elsize)
		: a->realloc(a->ctx, *ptr, (size_t) ncap * elsize);
	if (p == NULL)
		return false;
	*ptr = p;
	*cap = (uint32_t) ncap;
	return true;
}

/* Free memory from the allocator (NULL is ignored). */
void
rx_autocode_mem_free(const rx_autocode_allocator *a, void *ptr)
{
	if (ptr != NULL)
		a->free(a->ctx, ptr);
}

/* Make room for need elements in span s of pool p. */
bool
rx_autocode_span_reserve(const rx_autocode_allocator *a, const rx_autocode_pool *p, rx_autocode_span *s,
						 uint32_t need)
{
	uint64_t	ncap;
	uint32_t	room;
	bool		at_end;

	if (need <= s->cap)
		return true;
	ncap = s->cap < 4 ? 4 : (uint64_t) s->cap + s->cap / 2;
	if (ncap < need)
		ncap = need;
	at_end = s->cap > 0 && (uint64_t) s->off + s->cap == *p->n;
	room = at_end ? (uint32_t) (ncap - s->cap) : (uint32_t) ncap;
	if ((uint64_t) *p->n + room > UINT32_MAX / 2 ||
		!rx_autocode_mem_grow(a, p->arr, p->cap, *p->n + room, p->elsize))
		return false;
	if (!at_end)
	{
		char	   *base = *p->arr;

		if (s->n > 0)
			memcpy(base + (size_t) *p->n * p->elsize, base + (size_t) s->off * p->elsize,
				   (size_t) s->n * p->elsize);
		*p->junk += s->cap;
		s->off = *p->n;
	}
	*p->n += room;
	s->cap = (uint32_t) ncap;
	return true;
}

/* Rewrite pool p with its spans in order and no junk. */
bool
rx_autocode_pool_pack(const rx_autocode_allocator *a, const rx_autocode_pool *p, rx_autocode_span *first,
					  uint32_t nspans, size_t stride, bool tight)
{
	uint64_t	total = 0;
	uint32_t	i,
				n = 0;
	char	   *old = *p->arr,
			   *nw;

	for (i = 0; i < nspans; i++)
	{
		const rx_autocode_span *s = (const rx_autocode_span *) ((const char *) first + (size_t) i * stride);

		total += tight ? s->n : s->cap;
	}
	if (total > UINT32_MAX / 2)
		return false;
	nw = rx_autocode_mem_alloc(a, (size_t) (total > 0 ? total : 1) * p->elsize);
	if (nw == NULL)
		return false;
	for (i = 0; i < nspans; i++)
	{
		rx_autocode_span *s = (rx_autocode_span *) ((char *) first + (size_t) i * stride);

		if (s->n > 0)
			memcpy(nw + (size_t) n * p->elsize, old + (size_t) s->off * p->elsize,
				   (size_t) s->n * p->elsize);
		s->off = n;
		if (tight)
			s->cap = s->n;
		n += s->cap;
	}
	rx_autocode_mem_free(a, old);
	*p->arr = nw;
	*p->n = n;
	*p->cap = (uint32_t) (total > 0 ? total : 1);
	*p->junk = 0;
	return true;
}

/* Remap a caller's key away from the two reserved slot markers. */
static uint64_t
rx_autocode_map_key(uint64_t key)
{
	return key <= RX_AUTOCODE_MAP_DELETED ? key + UINT64_C(0x9e3779b97f4a7c15) : key;
}

/* Rehash into a table of ncap slots (a power of two); false when out of memory. */
static bool
rx_autocode_map_rehash(const rx_autocode_allocator *a, rx_autocode_map *m, uint32_t ncap)
{
	uint64_t   *keys = rx_autocode_mem_alloc(a, (size_t) ncap * sizeof(uint64_t));
	uint32_t   *vals = rx_autocode_mem_alloc(a, (size_t) ncap * sizeof(uint32_t));
	uint32_t	i;

	if (keys == NULL || vals == NULL)
	{
		rx_autocode_mem_free(a, keys);
		rx_autocode_mem_free(a, vals);
		return false;
	}
	memset(keys, 0, (size_t) ncap * sizeof(uint64_t));
	for (i = 0; i < m->cap; i++)
	{
		uint64_t	k = m->keys[i];
		uint32_t	pos;

		if (k == RX_AUTOCODE_MAP_EMPTY || k == RX_AUTOCODE_MAP_DELETED)
			continue;
		pos = (uint32_t) rx_autocode_mix(k) & (ncap - 1);
		while (keys[pos] != RX_AUTOCODE_MAP_EMPTY)
			pos = (pos + 1) & (ncap - 1);
		keys[pos] = k;
		vals[pos] = m->vals[i];
	}
	rx_autocode_mem_free(a, m->keys);
	rx_autocode_mem_free(a, m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = ncap;
	m->used = m->live;
	return true;
}

/* Add the pair (key, val); false when out of memory. */
bool
rx_autocode_map_put(const rx_autocode_allocator *a, rx_autocode_map *m, uint64_t key, uint32_t val)
{
	uint32_t	pos;

	key = rx_autocode_map_key(key);
	if ((uint64_t) (m->used + 1) * 2 > m->cap)
	{
		/* at most half full after the rehash; tombstones are dropped */
		uint32_t	ncap = RX_AUTOCODE_MAP_MIN_CAP;

		while ((uint64_t) (m->live + 2) * 2 > ncap)
			ncap *= 2;
		if (ncap > (UINT32_C(1) << 30) || !rx_autocode_map_rehash(a, m, ncap))
			return false;
	}
	pos = (uint32_t) rx_autocode_mix(key) & (m->cap - 1);
	while (m->keys[pos] != RX_AUTOCODE_MAP_EMPTY && m->keys[pos] != RX_AUTOCODE_MAP_DELETED)
		pos = (pos + 1) & (m->cap - 1);
	if (m->keys[pos] == RX_AUTOCODE_MAP_EMPTY)
		m->used++;
	m->keys[pos] = key;
	m->vals[pos] = val;
	m->live++;
	return true;
}

/* Walk the values stored under key, from slot cursor *pos (0 to start). */
bool
rx_autocode_map_next(const rx_autocode_map *m, uint64_t key, uint32_t *pos, uint32_t *val)
{
	uint32_t	mask,
				start,
				i;

	if (m->cap == 0)
		return false;
	key = rx_autocode_map_key(key);
	mask = m->cap - 1;
	start = (uint32_t) rx_autocode_mix(key) & mask;
	/* *pos counts the slots already probed */
	for (i = *pos; i < m->cap; i++)
	{
		uint32_t	slot = (start + i) & mask;

		if (m->keys[slot] == RX_AUTOCODE_MAP_EMPTY)
			break;
		if (m->keys[slot] == key)
		{
			*val = m->vals[slot];
			*pos = i + 1;
			return true;
		}
	}
	*pos = m->cap;
	return false;
}

/* Remove the pair (key, val) if present; returns whether it was. */
bool
rx_autocode_map_del(rx_autocode_map *m, uint64_t key, uint32_t val)
{
	uint32_t	mask,
				start,
				i;

	if (m->cap == 0)
		return false;
	key = rx_autocode_map_key(key);
	mask = m->cap - 1;
	start = (uint32_t) rx_autocode_mix(key) & mask;
	for (i = 0; i < m->cap; i++)
	{
		uint32_t	slot = (start + i) & mask;

		if (m->keys[slot] == RX_AUTOCODE_MAP_EMPTY)
			break;
		if (m->keys[slot] == key && m->vals[slot] == val)
		{
			m->keys[slot] = RX_AUTOCODE_MAP_DELETED;
			m->live--;
			return true;
		}
	}
	return false;
}

/* Empty the map, keeping its memory. */
void
rx_autocode_map_clear(rx_autocode_map *m)
{
	if (m->cap > 0)
		memset(m->keys, 0, (size_t) m->cap * sizeof(uint64_t));
	m->used = 0;
	m->live = 0;
}

/* Free the map's memory. */
void
rx_autocode_map_free(const rx_autocode_allocator *a, rx_autocode_map *m)
{
	rx_autocode_mem_free(a, m->keys);
	rx_autocode_mem_free(a, m->vals);
	memset(m, 0, sizeof(*m));
}

/* Bytes held by the map. */
size_t
rx_autocode_map_bytes(const rx_autocode_map *m)
{
	return (size_t) m->cap * (sizeof(uint64_t) + sizeof(uint32_t));
}
