/*
 * autocode_map.h — the containers of the autocoder index: an open-addressing
 * multi-map from 64-bit keys to 32-bit values, and growable arrays, all
 * allocating through an ac_allocator.
 *
 * The map does not own or compare the things its keys stand for: callers
 * look a key up, walk every value stored under it and check each one (the
 * index keeps hashes of strings as keys and verifies the strings).  Keys 0
 * and 1 are reserved internally; any 64-bit key may be passed.
 */
#ifndef AC_AUTOCODE_MAP_H
#define AC_AUTOCODE_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "autocode.h"

typedef struct ac_map
{
	uint64_t   *keys;			/* 0 empty, 1 deleted, else key (remapped) */
	uint32_t   *vals;
	uint32_t	cap;			/* a power of two, or 0 */
	uint32_t	used;			/* live plus deleted slots */
	uint32_t	live;
} ac_map;

/* Allocate, grow and free through the allocator; NULL/false on failure. */
void	   *ac_mem_alloc(const ac_allocator *a, size_t size);
bool		ac_mem_grow(const ac_allocator *a, void **ptr, uint32_t *cap,
						uint32_t need, size_t elsize);
void		ac_mem_free(const ac_allocator *a, void *ptr);

/* Add the pair (key, val); false when out of memory. */
bool		ac_map_put(const ac_allocator *a, ac_map *m, uint64_t key, uint32_t val);

/*
 * Walk the values stored under key: start with *pos = 0 and call until it
 * returns false; each true return gives one value in *val.
 */
bool		ac_map_next(const ac_map *m, uint64_t key, uint32_t *pos, uint32_t *val);

/* Remove the pair (key, val) if present; returns whether it was. */
bool		ac_map_del(ac_map *m, uint64_t key, uint32_t val);

/* Empty the map, keeping its memory. */
void		ac_map_clear(ac_map *m);

/* Free the map's memory. */
void		ac_map_free(const ac_allocator *a, ac_map *m);

/* Bytes held by the map. */
size_t		ac_map_bytes(const ac_map *m);

#endif							/* AC_AUTOCODE_MAP_H */
