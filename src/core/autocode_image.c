/*
 * autocode_image.c — an autocoder index as an image: one block of bytes
 * that holds the whole index, written once and used in place (mapped
 * read-only from a file by every backend of a cluster; see autocode.h and
 * doc/autocode.md, "One index for the whole cluster").
 *
 * Layout (every offset a multiple of 64, little or big endian as written,
 * refused elsewhere):
 *
 *   header      magic, format, byte order, layout hash, sizes, the
 *               caller's meta (build, identity, time), checksums
 *   table       one entry a registered array: offset, count, element size
 *   struct      rx_autocode_index with its pointers and allocator zeroed
 *   arrays      every registered array (autocode_int.h), in registry order
 *   extra       the caller's bytes (the SQL glue's occupation titles)
 *
 * Opening an image checks, before anything reads it, that it is whole
 * (its length, a checksum of the header and one of the rest), that it was
 * written by this layout, and that every index a query follows stays
 * inside the array it indexes (the REFS, IDS and SPANS lists of
 * autocode_int.h, plus the few invariants below that are not a plain
 * index): a torn, truncated, foreign or corrupted image is refused with
 * RX_SYNTAX, never used.  The opened index's arrays point into the caller's
 * bytes, which must stay mapped as long as the index lives.
 */
#include "autocode_int.h"

#include <math.h>
#include <string.h>

#define RX_AUTOCODE_IMAGE_MAGIC		"RXACIMG\n"
#define RX_AUTOCODE_IMAGE_ENDIAN	UINT32_C(0x01020304)
#define RX_AUTOCODE_IMAGE_ALIGN		64

/* The header at offset 0. */
typedef struct rx_autocode_image_header
{
	char		magic[8];
	uint32_t	format;			/* RX_AUTOCODE_IMAGE_FORMAT */
	uint32_t	endian;			/* RX_AUTOCODE_IMAGE_ENDIAN as written */
	uint32_t	header_size;	/* sizeof(rx_autocode_image_header) */
	uint32_t	nblocks;		/* RX_AUTOCODE_NBLOCKS */
	uint64_t	layout;			/* rx_autocode_layout_hash() */
	uint64_t	file_size;
	uint64_t	index_off;		/* the struct */
	uint64_t	index_size;		/* sizeof(rx_autocode_index) */
	uint64_t	extra_off;
	uint64_t	extra_len;
	rx_autocode_image_meta meta;
	uint64_t	body_sum;		/* checksum of [header_size, file_size) */
	uint64_t	head_sum;		/* checksum of the header before this field */
} rx_autocode_image_header;

/* One entry of the table: where a registered array is. */
typedef struct rx_autocode_image_block
{
	uint64_t	off;
	uint64_t	count;
	uint64_t	elsize;
} rx_autocode_image_block;

#define RX_AUTOCODE_P1 UINT64_C(0x9E3779B185EBCA87)
#define RX_AUTOCODE_P2 UINT64_C(0xC2B2AE3D27D4EB4F)
#define RX_AUTOCODE_P3 UINT64_C(0x165667B19E3779F9)
#define RX_AUTOCODE_P4 UINT64_C(0x85EBCA77C2B2AE63)
#define RX_AUTOCODE_P5 UINT64_C(0x27D4EB2F165667C5)

/* Rotate x left by r bits. */
static inline uint64_t
rx_autocode_rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/* One round of the checksum: fold 8 bytes into a lane. */
static inline uint64_t
rx_autocode_round(uint64_t acc, uint64_t in)
{
	acc += in * RX_AUTOCODE_P2;
	return rx_autocode_rotl(acc, 31) * RX_AUTOCODE_P1;
}

/* 8 bytes at p, in the machine's order. */
static inline uint64_t
rx_autocode_read64(const unsigned char *p)
{
	uint64_t	v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/*
 * The checksum of s[0..len): a 64-bit hash in XXH64's construction (four
 * lanes of 8 bytes, then the tail and a final avalanche), several GB/s,
 * so that opening a 15 MB image costs a few milliseconds.
 */
uint64_t
rx_autocode_checksum(const void *s, size_t len)
{
	const unsigned char *p = s,
			   *end = p + len;
	uint64_t	h;

	if (len >= 32)
	{
		uint64_t	v1 = RX_AUTOCODE_P1 + RX_AUTOCODE_P2,
					v2 = RX_AUTOCODE_P2,
					v3 = 0,
					v4 = (uint64_t) 0 - RX_AUTOCODE_P1;
		uint64_t	lanes[4];
		int			i;

		for (; p + 32 <= end; p += 32)
		{
			v1 = rx_autocode_round(v1, rx_autocode_read64(p));
			v2 = rx_autocode_round(v2, rx_autocode_read64(p + 8));
			v3 = rx_autocode_round(v3, rx_autocode_read64(p + 16));
			v4 = rx_autocode_round(v4, rx_autocode_read64(p + 24));
		}
		h = rx_autocode_rotl(v1, 1) + rx_autocode_rotl(v2, 7) + rx_autocode_rotl(v3, 12) +
			rx_autocode_rotl(v4, 18);
		lanes[0] = v1;
		lanes[1] = v2;
		lanes[2] = v3;
		lanes[3] = v4;
		for (i = 0; i < 4; i++)
			h = (h ^ rx_autocode_round(0, lanes[i])) * RX_AUTOCODE_P1 + RX_AUTOCODE_P4;
	}
	else
		h = RX_AUTOCODE_P5;
	h += (uint64_t) len;
	for (; p + 8 <= end; p += 8)
		h = rx_autocode_rotl(h ^ rx_autocode_round(0, rx_autocode_read64(p)), 27) * RX_AUTOCODE_P1 +
			RX_AUTOCODE_P4;
	for (; p < end; p++)
		h = rx_autocode_rotl(h ^ (*p * RX_AUTOCODE_P5), 11) * RX_AUTOCODE_P1;
	h ^= h >> 33;
	h *= RX_AUTOCODE_P2;
	h ^= h >> 29;
	h *= RX_AUTOCODE_P3;
	h ^= h >> 32;
	return h;
}

/*
 * The hash of the layout this code reads: the struct's and every
 * element's size, the registry's names and the places of the fields the
 * validator follows.  An image of another layout is refused.
 */
uint64_t
rx_autocode_layout_hash(void)
{
	uint64_t	h = RX_AUTOCODE_HASH_INIT;
	uint64_t	v[4];
	int			b;

	v[0] = RX_AUTOCODE_IMAGE_FORMAT;
	v[1] = sizeof(rx_autocode_index);
	v[2] = sizeof(rx_autocode_params);
	v[3] = RX_AUTOCODE_NBLOCKS;
	h = rx_autocode_hash(h, v, sizeof(v));
	for (b = 0; b < RX_AUTOCODE_NBLOCKS; b++)
	{
		const rx_autocode_blockdef *d = &rx_autocode_blocks[b];

		h = rx_autocode_hash(h, d->name, strlen(d->name));
		v[0] = d->ptr;
		v[1] = d->elsize;
		v[2] = d->count;
		v[3] = d->cap;
		h = rx_autocode_hash(h, v, sizeof(v));
	}
#define RX_AUTOCODE_X_REF(arr, type, member, target, none) \
	v[0] = RX_AUTOCODE_B_##arr; v[1] = offsetof(type, member); v[2] = sizeof(((type *) 0)->member); \
	v[3] = RX_AUTOCODE_B_##target; h = rx_autocode_hash(h, v, sizeof(v));
#define RX_AUTOCODE_X_SPAN(arr, type, offm, lenm, target) \
	v[0] = offsetof(type, offm); v[1] = offsetof(type, lenm); v[2] = sizeof(((type *) 0)->lenm); \
	v[3] = RX_AUTOCODE_B_##target; h = rx_autocode_hash(h, v, sizeof(v));
	RX_AUTOCODE_REFS(RX_AUTOCODE_X_REF)
	RX_AUTOCODE_SPANS(RX_AUTOCODE_X_SPAN)
#undef RX_AUTOCODE_X_REF
#undef RX_AUTOCODE_X_SPAN
	return h;
}

/* n rounded up to the image's alignment. */
static uint64_t
rx_autocode_align(uint64_t n)
{
	return (n + RX_AUTOCODE_IMAGE_ALIGN - 1) & ~(uint64_t) (RX_AUTOCODE_IMAGE_ALIGN - 1);
}

/* Where everything goes in the image of ix; returns the file size. */
static uint64_t
rx_autocode_image_plan(const rx_autocode_index *ix, size_t extra_len, rx_autocode_image_block *blocks,
					   uint64_t *index_off, uint64_t *extra_off)
{
	uint64_t	off = rx_autocode_align(sizeof(rx_autocode_image_header)) +
		rx_autocode_align(sizeof(rx_autocode_image_block) * RX_AUTOCODE_NBLOCKS);
	int			b;

	*index_off = off;
	off += rx_autocode_align(sizeof(rx_autocode_index));
	for (b = 0; b < RX_AUTOCODE_NBLOCKS; b++)
	{
		blocks[b].off = off;
		blocks[b].count = rx_autocode_block_count(ix, b);
		blocks[b].elsize = rx_autocode_blocks[b].elsize;
		off += rx_autocode_align(blocks[b].count * blocks[b].elsize);
	}
	*extra_off = off;
	return rx_autocode_align(off + extra_len);
}

/* Bring ix up to date and pack it; *size is the size of its image. */
rx_status
rx_autocode_image_prepare(rx_autocode_index *ix, size_t extra_len, size_t *size, rx_error *err)
{
	rx_autocode_image_block blocks[RX_AUTOCODE_NBLOCKS];
	uint64_t	index_off,
				extra_off,
				n;
	rx_status	st;

	*size = 0;
	if ((st = rx_autocode_index_refresh(ix, err)) != RX_OK ||
		(st = rx_autocode_index_pack(ix, err)) != RX_OK)
		return st;
	n = rx_autocode_image_plan(ix, extra_len, blocks, &index_off, &extra_off);
	if (n > SIZE_MAX / 2)
		return rx_fail(err, RX_LIMIT, "The autocoding index is too large for an image.");
	*size = (size_t) n;
	return RX_OK;
}

/* (Re)compute the two checksums of the image buf[0..len). */
void
rx_autocode_image_seal(void *buf, size_t len)
{
	rx_autocode_image_header *h = buf;

	if (len < sizeof(*h))
		return;
	h->body_sum = rx_autocode_checksum((char *) buf + sizeof(*h), len - sizeof(*h));
	h->head_sum = rx_autocode_checksum(buf, offsetof(rx_autocode_image_header, head_sum));
}

/*
 * Write the image of ix (prepared: clean and packed) with meta and the
 * caller's extra bytes into buf (cap bytes, as many as
 * rx_autocode_image_prepare said).
 */
rx_status
rx_autocode_image_write(const rx_autocode_index *ix, const rx_autocode_image_meta *meta, const void *extra,
						size_t extra_len, void *buf, size_t cap, rx_error *err)
{
	rx_autocode_image_block blocks[RX_AUTOCODE_NBLOCKS];
	rx_autocode_image_header *h = buf;
	rx_autocode_index *copy;
	uint64_t	index_off,
				extra_off,
				size;
	char	   *base = buf;
	int			b;

	if (ix->dirty)
		return rx_fail(err, RX_ARGUMENT, "An index must be refreshed before its image is written.");
	size = rx_autocode_image_plan(ix, extra_len, blocks, &index_off, &extra_off);
	if (cap < size)
		return rx_fail(err, RX_ARGUMENT, "The image needs %llu bytes; the buffer holds %llu.",
					   (unsigned long long) size, (unsigned long long) cap);
	memset(buf, 0, (size_t) size);
	memcpy(h->magic, RX_AUTOCODE_IMAGE_MAGIC, sizeof(h->magic));
	h->format = RX_AUTOCODE_IMAGE_FORMAT;
	h->endian = RX_AUTOCODE_IMAGE_ENDIAN;
	h->header_size = sizeof(*h);
	h->nblocks = RX_AUTOCODE_NBLOCKS;
	h->layout = rx_autocode_layout_hash();
	h->file_size = size;
	h->index_off = index_off;
	h->index_size = sizeof(rx_autocode_index);
	h->extra_off = extra_off;
	h->extra_len = extra_len;
	h->meta = *meta;
	memcpy(base + rx_autocode_align(sizeof(*h)), blocks, sizeof(blocks));

	/* the struct, its pointers and allocator zeroed: no address leaves the process */
	copy = (rx_autocode_index *) (base + index_off);
	memcpy(copy, ix, sizeof(*ix));
	memset(&copy->alloc, 0, sizeof(copy->alloc));
	copy->readonly = false;
	for (b = 0; b < RX_AUTOCODE_NBLOCKS; b++)
	{
		const void *src = *rx_autocode_block_ptr(ix, b);

		*rx_autocode_block_ptr(copy, b) = NULL;
		if (blocks[b].count > 0)
			memcpy(base + blocks[b].off, src, (size_t) (blocks[b].count * blocks[b].elsize));
	}
	if (extra_len > 0)
		memcpy(base + extra_off, extra, extra_len);
	rx_autocode_image_seal(buf, (size_t) size);
	return RX_OK;
}

/* Refuse an image: RX_SYNTAX with a sentence saying what is wrong. */
static rx_status
rx_autocode_bad(rx_error *err, const char *what)
{
	return rx_fail(err, RX_SYNTAX, "The autocoding image is not valid: %s.", what);
}

/* Check the header and the table of an image; fills *h and blocks. */
static rx_status
rx_autocode_image_frame(const unsigned char *buf, size_t len, rx_autocode_image_header *h,
						rx_autocode_image_block *blocks, rx_error *err)
{
	uint64_t	next;
	int			b;

	if (((uintptr_t) buf & 7) != 0)
		return rx_fail(err, RX_ARGUMENT, "An image must be read from memory aligned to 8 bytes.");
	if (len < rx_autocode_align(sizeof(*h)) + rx_autocode_align(sizeof(*blocks) * RX_AUTOCODE_NBLOCKS))
		return rx_autocode_bad(err, "it is shorter than its header");
	memcpy(h, buf, sizeof(*h));
	if (memcmp(h->magic, RX_AUTOCODE_IMAGE_MAGIC, sizeof(h->magic)) != 0)
		return rx_autocode_bad(err, "it does not start with the image magic");
	if (h->endian != RX_AUTOCODE_IMAGE_ENDIAN)
		return rx_autocode_bad(err, "it was written on a machine of another byte order");
	if (h->format != RX_AUTOCODE_IMAGE_FORMAT || h->header_size != sizeof(*h) ||
		h->nblocks != RX_AUTOCODE_NBLOCKS || h->index_size != sizeof(rx_autocode_index) ||
		h->layout != rx_autocode_layout_hash())
		return rx_autocode_bad(err, "it was written by another version of the autocoder");
	if (h->file_size != len)
		return rx_autocode_bad(err, "its length is not the length it was written with");
	if (rx_autocode_checksum(buf, offsetof(rx_autocode_image_header, head_sum)) != h->head_sum)
		return rx_autocode_bad(err, "the checksum of its header does not match");
	if (rx_autocode_checksum(buf + sizeof(*h), len - sizeof(*h)) != h->body_sum)
		return rx_autocode_bad(err, "its checksum does not match");

	/* the pieces in order, aligned, inside the file */
	memcpy(blocks, buf + rx_autocode_align(sizeof(*h)), sizeof(*blocks) * RX_AUTOCODE_NBLOCKS);
	next = rx_autocode_align(sizeof(*h)) + rx_autocode_align(sizeof(*blocks) * RX_AUTOCODE_NBLOCKS);
	if (h->index_off != next)
		return rx_autocode_bad(err, "its index is not where it should be");
	next += rx_autocode_align(sizeof(rx_autocode_index));
	for (b = 0; b < RX_AUTOCODE_NBLOCKS; b++)
	{
		if (blocks[b].off != next || blocks[b].elsize != rx_autocode_blocks[b].elsize ||
			blocks[b].count > UINT32_MAX || blocks[b].count * blocks[b].elsize > len ||
			blocks[b].off + blocks[b].count * blocks[b].elsize > len)
			return rx_autocode_bad(err, "an array lies outside the file");
		next += rx_autocode_align(blocks[b].count * blocks[b].elsize);
	}
	if (h->extra_off != next || h->extra_len > len || h->extra_off + h->extra_len > len ||
		rx_autocode_align(h->extra_off + h->extra_len) != len)
		return rx_autocode_bad(err, "the caller's data lies outside the file");
	return RX_OK;
}

/* The uint32_t (or narrower) member at byte off of element i of block b. */
static inline uint32_t
rx_autocode_member(const rx_autocode_index *ix, int b, uint32_t i, size_t off, size_t width)
{
	const unsigned char *p = (const unsigned char *) *rx_autocode_block_ptr(ix, b) +
		(size_t) i * rx_autocode_blocks[b].elsize + off;
	uint32_t	v32;
	uint16_t	v16;

	if (width == 1)
		return *p;
	if (width == 2)
	{
		memcpy(&v16, p, 2);
		return v16;
	}
	memcpy(&v32, p, 4);
	return v32;
}

/* Every index of the REFS, IDS and SPANS lists inside its array. */
static rx_status
rx_autocode_image_refs(const rx_autocode_index *ix, rx_error *err)
{
	uint32_t	i,
				n;

#define RX_AUTOCODE_X_REF(arr, type, member, target, none) \
	n = rx_autocode_block_count(ix, RX_AUTOCODE_B_##arr); \
	for (i = 0; i < n; i++) \
	{ \
		uint32_t	v = rx_autocode_member(ix, RX_AUTOCODE_B_##arr, i, offsetof(type, member), \
										   sizeof(((type *) 0)->member)); \
		if (v >= rx_autocode_block_count(ix, RX_AUTOCODE_B_##target) && !((none) && v == UINT32_MAX)) \
			return rx_autocode_bad(err, #arr "." #member " indexes outside " #target); \
	}
#define RX_AUTOCODE_X_IDS(arr, target) \
	n = rx_autocode_block_count(ix, RX_AUTOCODE_B_##arr); \
	for (i = 0; i < n; i++) \
		if (ix->arr[i] >= rx_autocode_block_count(ix, RX_AUTOCODE_B_##target)) \
			return rx_autocode_bad(err, #arr " indexes outside " #target);
#define RX_AUTOCODE_X_SPAN(arr, type, offm, lenm, target) \
	n = rx_autocode_block_count(ix, RX_AUTOCODE_B_##arr); \
	for (i = 0; i < n; i++) \
	{ \
		uint64_t	o = rx_autocode_member(ix, RX_AUTOCODE_B_##arr, i, offsetof(type, offm), \
										   sizeof(((type *) 0)->offm)); \
		uint64_t	l = rx_autocode_member(ix, RX_AUTOCODE_B_##arr, i, offsetof(type, lenm), \
										   sizeof(((type *) 0)->lenm)); \
		if (o + l > rx_autocode_block_count(ix, RX_AUTOCODE_B_##target)) \
			return rx_autocode_bad(err, #arr "." #lenm " runs outside " #target); \
	}
	RX_AUTOCODE_REFS(RX_AUTOCODE_X_REF)
	RX_AUTOCODE_IDS(RX_AUTOCODE_X_IDS)
	RX_AUTOCODE_SPANS(RX_AUTOCODE_X_SPAN)
#undef RX_AUTOCODE_X_REF
#undef RX_AUTOCODE_X_IDS
#undef RX_AUTOCODE_X_SPAN
	return RX_OK;
}

/* Every map: a power-of-two table whose used slots index their array. */
static rx_status
rx_autocode_image_maps(const rx_autocode_index *ix, rx_error *err)
{
	uint32_t	i;

#define RX_AUTOCODE_X_MAP(name, target) \
	if ((ix->name.cap & (ix->name.cap - 1)) != 0 || ix->name.used > ix->name.cap || \
		ix->name.live > ix->name.used) \
		return rx_autocode_bad(err, #name " is not a hash table"); \
	for (i = 0; i < ix->name.cap; i++) \
		if (ix->name.keys[i] > 1 && ix->name.vals[i] >= rx_autocode_block_count(ix, RX_AUTOCODE_B_##target)) \
			return rx_autocode_bad(err, #name " indexes outside " #target);
	RX_AUTOCODE_MAPS(RX_AUTOCODE_X_MAP)
#undef RX_AUTOCODE_X_MAP
	return RX_OK;
}

/* Is the byte at p a valid bool (0 or 1)?  Read as a byte: any other value read as a bool is undefined. */
static inline bool
rx_autocode_bool_ok(const void *p)
{
	unsigned char b;

	memcpy(&b, p, 1);
	return b <= 1;
}

/* Every bool of the image is 0 or 1: the struct's, then the arrays' (RX_AUTOCODE_BOOLS). */
static rx_status
rx_autocode_image_bools(const rx_autocode_index *ix, rx_error *err)
{
	uint32_t	i,
				n;

	if (!rx_autocode_bool_ok(&ix->dirty) || !rx_autocode_bool_ok(&ix->params.head_window))
		return rx_autocode_bad(err, "a flag of the index is neither true nor false");
#define RX_AUTOCODE_X_BOOL(arr, type, member) \
	n = rx_autocode_block_count(ix, RX_AUTOCODE_B_##arr); \
	for (i = 0; i < n; i++) \
		if (!rx_autocode_bool_ok((const char *) ix->arr + (size_t) i * sizeof(type) + offsetof(type, member))) \
			return rx_autocode_bad(err, #arr "." #member " is neither true nor false");
	RX_AUTOCODE_BOOLS(RX_AUTOCODE_X_BOOL)
#undef RX_AUTOCODE_X_BOOL
	return RX_OK;
}

/*
 * The invariants a query relies on that are not a plain index: sizes of
 * what is read into fixed arrays, the classifier's rows, strictly ordered
 * trigram lists and positive votes (the scratch counts what it touched by
 * them), a clean index, the group votes' starts in order inside their array.
 */
static rx_status
rx_autocode_image_invariants(const rx_autocode_index *ix, rx_error *err)
{
	uint32_t	i,
				j;
	uint64_t	m = ix->nmajor > 0 ? (uint64_t) ix->nmajor : 0;

	if (ix->dirty || rx_autocode_params_check(&ix->params, NULL) != RX_OK ||
		ix->nentries > RX_AUTOCODE_ENTRIES_MAX)
		return rx_autocode_bad(err, "its statistics or parameters are not usable");
	if (ix->nmajor < 0 || ix->nmajor > RX_AUTOCODE_MAJOR_MAX ||
		(m > 0 && (ix->capgclass < ix->ngroups || ((uint64_t) ix->mbias + 1) * m > ix->capmw)))
		return rx_autocode_bad(err, "its major-group classifier does not fit its weights");
	for (i = 0; i < ix->ntokens; i++)
		if (ix->tokens[i].len > RX_AUTOCODE_TOKEN_LEN_MAX)
			return rx_autocode_bad(err, "a token is longer than a word can be");
	for (i = 0; i < ix->ngroups; i++)
		if (ix->groups[i].level >= RX_AUTOCODE_GROUP_LEVELS ||
			(m > 0 && ix->gclass[i] != 255 && ix->gclass[i] >= m))
			return rx_autocode_bad(err, "a group has an unknown level or class");
	for (i = 0; i < ix->nentries; i++)
		if (ix->entries[i].kind > RX_AUTOCODE_DESCRIPTION || ix->entries[i].label_len > RX_AUTOCODE_LABEL_MAX)
			return rx_autocode_bad(err, "an entry has an unknown kind or an overlong label");
	for (i = 0; i < ix->ntri; i++)
	{
		rx_autocode_ids t = rx_autocode_trigram_tokens(ix, i);

		for (j = 1; j < t.n; j++)
			if (t.v[j] <= t.v[j - 1])
				return rx_autocode_bad(err, "a trigram list is out of order");
	}
	for (i = 0; i < ix->nfeats; i++)
	{
		const rx_autocode_feat *ft = &ix->feats[i];
		rx_autocode_votes l = rx_autocode_feat_codes(ix, i);

		if (ft->kind >= RX_AUTOCODE_FKINDS ||
			(m > 0 && ft->row != UINT32_MAX && ((uint64_t) ft->row + 1) * m > ix->capmw))
			return rx_autocode_bad(err, "a feature has an unknown kind or classifier row");
		for (j = 0; j < l.n; j++)
			if (!(l.v[j].tf > 0))
				return rx_autocode_bad(err, "a vote is not positive");
	}
	if (ix->gv_nstart != 0 && ix->gv_nstart != (uint64_t) ix->nfeats + 1)
		return rx_autocode_bad(err, "its group votes do not cover its features");
	for (i = 0; i < ix->gv_nstart; i++)
		if (ix->gv_start[i] > ix->gv_n || (i > 0 && ix->gv_start[i] < ix->gv_start[i - 1]))
			return rx_autocode_bad(err, "a feature's group votes lie outside their array");
	for (i = 0; i < ix->gv_n; i++)
		if (!(ix->gv_val[i] > 0 && ix->gv_val[i] < INFINITY))
			return rx_autocode_bad(err, "a group vote is not a positive number");
	return RX_OK;
}

/*
 * Open the image buf[0..len) (aligned to 8 bytes, kept unchanged and
 * mapped while the index lives): check it whole (see the top of this
 * file) and make a read-only index whose arrays are buf's.  The struct
 * comes from alloc (NULL: libc), which is also the allocator of scratch
 * areas made for it.  *meta gets the writer's meta, *extra and *extra_len
 * the caller's bytes in buf.  RX_SYNTAX for an image that is not valid.
 */
rx_status
rx_autocode_image_open(const void *buf, size_t len, const rx_autocode_allocator *alloc, rx_autocode_index **out,
					   rx_autocode_image_meta *meta, const void **extra, size_t *extra_len, rx_error *err)
{
	rx_autocode_image_header h;
	rx_autocode_image_block blocks[RX_AUTOCODE_NBLOCKS];
	rx_autocode_index *ix;
	rx_autocode_allocator a;
	rx_status	st = RX_OK;
	int			b;

	*out = NULL;
	if ((st = rx_autocode_image_frame(buf, len, &h, blocks, err)) != RX_OK)
		return st;
	ix = rx_autocode_index_create(alloc, NULL);
	if (ix == NULL)
		return rx_autocode_oom(err);
	a = ix->alloc;
	memcpy(ix, (const char *) buf + h.index_off, sizeof(*ix));
	ix->alloc = a;
	for (b = 0; b < RX_AUTOCODE_NBLOCKS; b++)
	{
		const rx_autocode_blockdef *d = &rx_autocode_blocks[b];
		uint32_t	n = (uint32_t) blocks[b].count;

		*rx_autocode_block_ptr(ix, b) = (char *) buf + blocks[b].off;
		if (rx_autocode_block_count(ix, b) != n)
			st = rx_autocode_bad(err, "an array's count is not the index's");
		memcpy((char *) ix + d->cap, &n, sizeof(n));
	}
	ix->readonly = true;
	/* flags and indexes first: the other checks read flags and walk the lists */
	if (st == RX_OK)
		st = rx_autocode_image_bools(ix, err);
	if (st == RX_OK)
		st = rx_autocode_image_refs(ix, err);
	if (st == RX_OK)
		st = rx_autocode_image_maps(ix, err);
	if (st == RX_OK)
		st = rx_autocode_image_invariants(ix, err);
	if (st != RX_OK)
	{
		rx_autocode_index_free(ix);
		return st;
	}
	if (meta != NULL)
		*meta = h.meta;
	if (extra != NULL)
		*extra = (const char *) buf + h.extra_off;
	if (extra_len != NULL)
		*extra_len = (size_t) h.extra_len;
	*out = ix;
	return RX_OK;
}
