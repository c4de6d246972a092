/*
 * autocode_glue.h — what the glue files of the autocoder share
 * (doc/autocode.md, "One index for the whole cluster"):
 *
 *   autocode.c          the SQL functions and the trigger
 *   autocode_cache.c    the backend's view: which index a call uses (the
 *                       shared image of the visible dictionary version, or
 *                       a private index), the memory they live in,
 *                       privileges, the setting roleext.autocode_shared
 *   autocode_version.c  the dictionary version: read with the statement's
 *                       snapshot, bumped by the trigger, and the image of a
 *                       new version built by its writer before it commits
 *   autocode_build.c    building an index from the tables through SPI
 *   autocode_store.c    image files under $PGDATA/pg_roleext/autocode:
 *                       open and map, write and publish, the build lock,
 *                       cleanup
 */
#ifndef ROLEEXT_AUTOCODE_GLUE_H
#define ROLEEXT_AUTOCODE_GLUE_H

#include "roleext.h"

#include "datatype/timestamp.h"
#include "utils/palloc.h"
#include "utils/relcache.h"

#include "core/autocode.h"

/* One occupation's O*NET-SOC title, for the result's title column. */
typedef struct autocode_code_title
{
	int32		code;
	uint32		off;			/* its title in the character array, NUL-terminated */
	uint32		len;
} autocode_code_title;

/*
 * The occupations' titles, sorted by code: a private build's arrays, or
 * an image's (the glue's extra bytes: a count, the entries, the text).
 */
typedef struct autocode_titles
{
	const autocode_code_title *v;
	uint32		n;
	const char *chars;
	uint32		nchars;
} autocode_titles;

/*
 * What an index is built from: the title dictionary (soc_autocode) or the
 * taxonomy's role titles and aliases (resolve_title, resolve_build.c).
 * Each source has its own version table, image directory and slots; the
 * machinery of this header is the same for both.
 */
typedef enum autocode_source
{
	AC_DICTIONARY = 0,
	AC_TAXONOMY = 1
} autocode_source;
#define AC_SOURCES 2

/* What a version of a source is: the extension's instance and the version number. */
typedef struct autocode_version
{
	int			source;			/* autocode_source */
	int64		instance;		/* random, chosen by CREATE EXTENSION */
	int64		version;		/* from a sequence, bumped by every writing statement */
	bool		own;			/* written by this (uncommitted) transaction */
} autocode_version;

/* An index a backend holds: a mapped image, or built privately. */
typedef struct autocode_slot
{
	MemoryContext cxt;			/* owns the struct, the scratch and a private index; NULL: empty */
	rx_autocode_index *ix;
	rx_autocode_scratch *sc;	/* made at the first query */
	autocode_titles titles;		/* AC_DICTIONARY: the occupations' titles */
	const void *extra;			/* AC_TAXONOMY: the roles (resolve_build.c), packed */
	size_t		extra_len;
	autocode_version v;
	bool		shared;			/* ix is an image mapped from a file */
	void	   *map;			/* the mapping */
	size_t		maplen;
	double		build_ms;
	TimestampTz built_at;
	uint64		used;			/* the call counter when last used (LRU) */
} autocode_slot;

/* Work memory for the engine's pipelines: a buffer, palloc'd when a title needs more. */
typedef struct autocode_work
{
	char	   *buf;
	size_t		cap;
	bool		palloced;		/* buf is palloc'd (else the caller's) */
} autocode_work;

/*
 * What differs between the sources: names, the version table, the image
 * directory, whether the writer builds the image at commit, and the
 * build and the glue's bytes of an image.
 */
typedef struct autocode_source_ops
{
	const char *fn;				/* the function that reads it, for messages */
	const char *what;			/* "dictionary", "taxonomy" */
	const char *table;			/* the table whose SELECT privilege every call checks */
	const char *version_table;	/* one row: (true, instance, version) */
	const char *version_seq;
	const char *dir;			/* image directory under $PGDATA */
	char		tag[8];			/* the images' identity tag */
	bool		publish_at_commit;	/* the writer builds the image before it commits */
	/* build an index of the source as seen by the active snapshot: ix and the glue's data in out */
	void		(*build) (Oid nspid, MemoryContext cxt, autocode_slot *out);
	/* the glue's data of a built slot as one block (palloc'd) */
	char	   *(*pack) (const autocode_slot *s, size_t *len);
	/* read the block of an image into the slot; false when it is malformed */
	bool		(*unpack) (const void *buf, size_t len, autocode_slot *out);
} autocode_source_ops;

/* The sources' operations, by autocode_source. */
extern const autocode_source_ops autocode_dictionary_ops;
extern const autocode_source_ops resolve_taxonomy_ops;
const autocode_source_ops *autocode_ops(int source);

/* ---- autocode_cache.c ---- */

/* Define the settings (from _PG_init). */
void		autocode_init(void);

/*
 * The index a call codes against: the one of the dictionary version the
 * statement's snapshot sees, of the extension in schema nspid whose
 * title_dictionary is relid.  Checks the caller's SELECT privilege on
 * relid first.
 */
autocode_slot *autocode_cache_get(Oid nspid, Oid relid);

/* The same for a source: the index of the source's version the statement sees. */
autocode_slot *autocode_cache_get_source(int source, Oid nspid, Oid relid);

/* The private index of version v if this backend holds one, else NULL. */
autocode_slot *autocode_cache_private_of(const autocode_version *v);

/* The scratch of a slot, made at its first use. */
rx_autocode_scratch *autocode_slot_scratch(autocode_slot *s);

/* The O*NET title of a code in a slot's table, or NULL. */
const char *autocode_code_title_of(const autocode_slot *s, int32 code);

/* Builds done by this backend, and the memory of its autocoder. */
int64		autocode_cache_builds(void);
Size		autocode_cache_private_bytes(void);

/*
 * Build a private index of dictionary version v of the extension in
 * schema nspid, read with the active snapshot, into a new slot in a
 * context under parent.  Counts as a build of this backend.
 */
void		autocode_cache_build_slot(Oid nspid, const autocode_version *v, MemoryContext parent,
									  autocode_slot *out);

/* Free a slot (unmapping an image) and empty it. */
void		autocode_slot_free(autocode_slot *s);

/* Is roleext.autocode_shared on? */
bool		autocode_shared_enabled(void);

/* The developer settings of the tests: a simulated write fault, an advisory lock to wait for. */
bool		autocode_test_fault_write(void);
int			autocode_test_wait_key(void);

/* ---- autocode_version.c ---- */

/*
 * The dictionary version the active snapshot sees (remembered for the
 * snapshot: one heap read per statement).  Raises an error when the
 * extension's version table is missing.
 */
void		autocode_version_get(int source, Oid nspid, autocode_version *out);

/*
 * Bump the version of the dictionary in relation `dict` (the statement
 * trigger) and arrange for the image of the new version to be built
 * before this transaction commits.
 */
void		autocode_version_bump(int source, Relation rel);

/* ---- autocode_build.c ---- */

/*
 * Build an index of the title_dictionary of schema nspid as its owner
 * sees it with the active snapshot: the index in *ix (allocated in cxt)
 * and the occupations' titles in *titles (in cxt).  Throws on failure.
 */
void		autocode_build_index(Oid nspid, MemoryContext cxt, rx_autocode_index **ix, autocode_titles *titles);

/* The owner of a relation. */
Oid			autocode_rel_owner(Oid relid);

/*
 * Reading and writing the extension's tables as their owner, the same for
 * every caller: autocode_as_owner_enter switches to the owner of relid in
 * a security-restricted operation, pins search_path to pg_catalog,
 * pg_temp, on a Citus node allows the nested read of reference tables when
 * citus_nested (doc/citus.md), and connects to SPI; autocode_as_owner_leave
 * undoes it all.  An error in between is cleaned up by the transaction's
 * abort, as for any SPI caller.
 */
typedef struct autocode_as_owner
{
	Oid			save_user;
	int			save_sec;
	int			save_nest;
} autocode_as_owner;

void		autocode_as_owner_enter(Oid relid, bool citus_nested, autocode_as_owner *o);
void		autocode_as_owner_leave(autocode_as_owner *o);

/* Engine allocator over a memory context (palloc: throws when out of memory). */
rx_autocode_allocator autocode_allocator(MemoryContext cxt);

/*
 * The titles as one block of bytes (an image's extra data), palloc'd;
 * and back: a view of such a block, false when it is malformed.
 */
char	   *autocode_titles_pack(const autocode_titles *t, size_t *len);
bool		autocode_titles_unpack(const void *buf, size_t len, autocode_titles *out);

/* Room in w for the pipelines to read a raw title of len bytes; returns the buffer, *need its size. */
void	   *autocode_work_for(autocode_work *w, size_t len, size_t *need);

/*
 * Report a failure of the engine on UTF-8 title s[0..len): an unreadable
 * title as title_normalize reports it (22021, 54000), anything else as
 * "could not code the job title".  Always throws.
 */
pg_attribute_noreturn() void autocode_raise(const char *s, size_t len, const rx_error *err);

/* ---- autocode_store.c ---- */

/*
 * Open the image of version v of this database's dictionary, if there is
 * a valid one: mapped read-only into a new slot (a context under parent).
 * A file that is there but not valid (corrupt, torn, of another build) is
 * logged and refused.  False when there is none to use.
 */
bool		autocode_store_open(const autocode_version *v, MemoryContext parent, autocode_slot *out);

/*
 * Write the image of private slot s (version s->v) and publish it under
 * its name atomically (temporary file, fsync, rename, fsync of the
 * directory), then remove what is stale (see autocode_store.c).  False,
 * with a WARNING saying why, when it could not be written (disk full …):
 * never an error.
 */
bool		autocode_store_publish(autocode_slot *s);

/* Take and release this database's build lock (waits, answering cancels). */
void		autocode_store_lock(int source);
void		autocode_store_unlock(void);

#endif							/* ROLEEXT_AUTOCODE_GLUE_H */
