/*
 * autocode_map.h — the containers of the autocoder index: an open-addressing
 * multi-map from 64-bit keys to 32-bit values, and growable arrays, all
 * allocating through an rx_autocode_allocator.
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
