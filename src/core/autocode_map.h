/*
 * autocode_map.h — the containers of the autocoder index: an open-addressing
 * multi-map from 64-bit keys to 32-bit values, growable arrays, and lists
 * kept as spans of one pool array, all allocating through an
 * rx_autocode_allocator.  Every one of them is pointer-free apart from the
 * pointers to its arrays (autocode_int.h, "the rule").
 *
 * The map does not own or compare the things its keys stand for: callers
 * look a key up, walk every value stored under it and check each one (the
 * index keeps hashes of strings as keys and verifies the strings).  Keys 0
 * and 1 are reserved internally; any 64-bit key may be passed.
 */
#ifndef RX_AUTOCODE_MAP_H
#define RX_AUTOCODE_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "autocode.h"

typedef struct rx_autocode_map
{
	uint64_t   *keys;			/* 0 empty, 1 deleted, else key (remapped) */
	uint32_t   *vals;
	uint32_t	cap;			/* a power of two, or 0 */
	uint32_t	used;			/* live plus deleted slots */
	uint32_t	live;
} rx_autocode_map;

/* Allocate, grow and free through the allocator; NULL/false on failure. */
void	   *rx_autocode_mem_alloc(const rx_autocode_allocator *a, size_t size);
bool		rx_autocode_mem_grow(const rx_autocode_allocator *a, void **ptr, uint32_t *cap,
						uint32_t need, size_t elsize);
void		rx_autocode_mem_free(const rx_autocode_allocator *a, void *ptr);

/*
 * Lists in a pool: many variable-length lists stored in one array, each a
 * span {off, n, cap} of it (rx_autocode_span, autocode_int.h).  A pool is
 * its array, the elements in use (npool), its room (cap) and the elements
 * no list owns any more (junk: a list that grows and is not at the pool's
 * end moves there).
 */
typedef struct rx_autocode_pool
{
	void	  **arr;			/* the pointer field of the array */
	uint32_t   *n;				/* its count, capacity and junk fields */
	uint32_t   *cap;
	uint32_t   *junk;
	size_t		elsize;
} rx_autocode_pool;

struct rx_autocode_span;

/*
 * Make room for `need` elements in span s of pool p (growing by half
 * again, at least 4): a span at the pool's end grows in place, another
 * moves to the end.  False (nothing changed) when out of memory.
 */
bool		rx_autocode_span_reserve(const rx_autocode_allocator *a, const rx_autocode_pool *p,
									 struct rx_autocode_span *s, uint32_t need);

/*
 * Rewrite pool p with its nspans spans (the first at `first`, each
 * `stride` bytes after the last) in order and no junk, each with room for
 * its cap elements, or exactly its n when tight.  False (nothing changed)
 * when out of memory.
 */
bool		rx_autocode_pool_pack(const rx_autocode_allocator *a, const rx_autocode_pool *p,
								  struct rx_autocode_span *first, uint32_t nspans, size_t stride,
								  bool tight);

/* Add the pair (key, val); false when out of memory. */
bool		rx_autocode_map_put(const rx_autocode_allocator *a, rx_autocode_map *m, uint64_t key, uint32_t val);

/*
 * Walk the values stored under key: start with *pos = 0 and call until it
 * returns false; each true return gives one value in *val.
 */
bool		rx_autocode_map_next(const rx_autocode_map *m, uint64_t key, uint32_t *pos, uint32_t *val);

/* Remove the pair (key, val) if present; returns whether it was. */
bool		rx_autocode_map_del(rx_autocode_map *m, uint64_t key, uint32_t val);

/* Empty the map, keeping its memory. */
void		rx_autocode_map_clear(rx_autocode_map *m);

/* Free the map's memory. */
void		rx_autocode_map_free(const rx_autocode_allocator *a, rx_autocode_map *m);

/* Bytes held by the map. */
size_t		rx_autocode_map_bytes(const rx_autocode_map *m);

#endif							/* RX_AUTOCODE_MAP_H */
