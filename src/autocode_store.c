/*
 * autocode_store.c — the image files of the autocoder (see autocode_glue.h
 * and doc/autocode.md, "One index for the whole cluster").
 *
 * Where.  $PGDATA/pg_roleext/autocode/<database oid>/<instance>-<version>.img:
 * one file per dictionary version of a database (the instance is the
 * random number CREATE EXTENSION chose, in hex; the version is decimal).
 * The files are a cache: deleting any of them, or the whole directory, at
 * any time is safe (a backend that mapped a file keeps it; the next one to
 * need it builds it again).  Linux only (mmap, flock, MAP_POPULATE).
 *
 * Writing.  An image is written to <name>.tmp.<pid>, fsynced, renamed
 * over its name and the directory fsynced (durable_rename): a reader sees
 * a whole file or none, and a crash during the write leaves only a
 * temporary file, removed by the next publication.  A write that fails
 * (disk full …) is a WARNING, never an error: the caller keeps its private
 * index.
 *
 * Reading.  A file is mapped read-only (MAP_SHARED, so the page cache holds
 * one copy for every backend) and checked whole before use
 * (rx_autocode_image_open: checksums, layout, every index) and against
 * what it must be: this build of roleext, this database, instance and
 * version.  A file that fails is logged and refused; the caller builds the
 * version again and the new file replaces it.  Files are never written in
 * place, so a mapping never changes under a backend.
 *
 * Cleaning up, at every publication (the only writer of the directory):
 * files of another instance of the extension (a dropped and re-created
 * extension), files of versions older than the newest older one (a
 * statement whose snapshot still sees an older version builds it again
 * if it needs it), temporary files of processes that are gone, and the
 * directories of databases that no longer exist.
 *
 * The build lock.  A reader that finds no image for its version takes
 * <dir>/build.lock (flock) before building it, so that the others wait for
 * one build instead of each doing their own.
 */
#include "roleext.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "miscadmin.h"
#include "pgstat.h"
#include "storage/fd.h"
#include "storage/latch.h"
#include "utils/memutils.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "core/gen/autocode_build.h"
#include "autocode_glue.h"

#define AC_ROOT		"pg_roleext"

/* What an image is an index of (its meta.ident): the dictionary of a database at a version. */
typedef struct autocode_ident
{
	char		tag[8];			/* the source's tag: "titledic", "taxonomy" */
	uint32		dboid;
	uint32		zero;
	int64		instance;
	int64		version;
} autocode_ident;

static int	autocode_lock_fd = -1;

/* The directory of this database's images of a source. */
static void
autocode_store_dir(int source, char *buf, size_t n)
{
	snprintf(buf, n, "%s/%u", autocode_ops(source)->dir, MyDatabaseId);
}

/* The file of version v. */
static void
autocode_store_path(char *buf, size_t n, const autocode_version *v)
{
	snprintf(buf, n, "%s/%u/%016llx-%lld.img", autocode_ops(v->source)->dir, MyDatabaseId,
			 (unsigned long long) v->instance, (long long) v->version);
}

/* The identity bytes of version v of this database. */
static void
autocode_store_ident(const autocode_version *v, unsigned char ident[RX_AUTOCODE_IMAGE_IDENT_MAX])
{
	autocode_ident id;

	StaticAssertStmt(sizeof(autocode_ident) <= RX_AUTOCODE_IMAGE_IDENT_MAX, "identity too large");
	memset(&id, 0, sizeof(id));
	memcpy(id.tag, autocode_ops(v->source)->tag, sizeof(id.tag));
	id.dboid = MyDatabaseId;
	id.instance = v->instance;
	id.version = v->version;
	memset(ident, 0, RX_AUTOCODE_IMAGE_IDENT_MAX);
	memcpy(ident, &id, sizeof(id));
}

/* Make the image directory of this database for a source; false (logged) when it cannot be. */
static bool
autocode_store_mkdirs(int source)
{
	char		dir[MAXPGPATH];

	autocode_store_dir(source, dir, sizeof(dir));
	if ((MakePGDirectory(AC_ROOT) < 0 && errno != EEXIST) ||
		(MakePGDirectory(autocode_ops(source)->dir) < 0 && errno != EEXIST) ||
		(MakePGDirectory(dir) < 0 && errno != EEXIST))
	{
		ereport(WARNING,
				(errcode_for_file_access(),
				 errmsg("could not create directory \"%s\" for the shared %s index: %m", dir,
						autocode_ops(source)->fn)));
		return false;
	}
	return true;
}

/*
 * Check an opened image against what it must be (this build, this
 * database, instance and version) and read its titles; the reason it
 * fails in *why.
 */
static bool
autocode_store_check(const autocode_version *v, const rx_autocode_image_meta *meta, const void *extra,
					 size_t extra_len, autocode_slot *out, const char **why, int *elevel)
{
	unsigned char ident[RX_AUTOCODE_IMAGE_IDENT_MAX];

	autocode_store_ident(v, ident);
	*elevel = WARNING;
	if (strncmp(meta->build, RX_AUTOCODE_BUILD, sizeof(meta->build)) != 0)
	{
		/* expected once after an upgrade of roleext: no WARNING */
		*why = "it was written by another build of roleext";
		*elevel = LOG;
	}
	else if (memcmp(meta->ident, ident, sizeof(ident)) != 0)
		*why = "it is the index of another database or version";
	else if (!autocode_ops(v->source)->unpack(extra, extra_len, out))
		*why = "the glue's data in it is malformed";
	else
		return true;
	return false;
}

/* Map the file of version v read-only; NULL (logged unless missing) when it cannot be. */
static void *
autocode_store_map(const char *path, size_t *len)
{
	int			fd = OpenTransientFile(path, O_RDONLY | PG_BINARY);
	struct stat st;
	void	   *map;

	if (fd < 0)
	{
		if (errno != ENOENT)
			ereport(LOG, (errcode_for_file_access(), errmsg("could not open file \"%s\": %m", path)));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || st.st_size <= 0 || (uint64) st.st_size > ((uint64) 1 << 40))
	{
		CloseTransientFile(fd);
		ereport(WARNING, (errmsg("refusing roleext index image \"%s\": it is empty or cannot be read", path)));
		return NULL;
	}
	*len = (size_t) st.st_size;
	map = mmap(NULL, *len, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0);
	CloseTransientFile(fd);
	if (map == MAP_FAILED)
	{
		ereport(LOG, (errcode_for_file_access(), errmsg("could not map file \"%s\": %m", path)));
		return NULL;
	}
	return map;
}

/*
 * Open the mapped image map[0..len) as version v into slot out (its
 * struct in cxt); false with the reason in *why when it is not valid.
 */
static bool
autocode_store_validate(void *map, size_t len, MemoryContext cxt, const autocode_version *v,
						autocode_slot *out, const char **why, int *elevel)
{
	rx_autocode_allocator alloc = autocode_allocator(cxt);
	rx_autocode_index *ix = NULL;
	rx_autocode_image_meta meta;
	const void *extra = NULL;
	size_t		extra_len = 0;
	static rx_error err;

	*elevel = WARNING;
	if (rx_autocode_image_open(map, len, &alloc, &ix, &meta, &extra, &extra_len, &err) != RX_OK)
	{
		*why = err.detail;
		return false;
	}
	memset(out, 0, sizeof(*out));
	if (!autocode_store_check(v, &meta, extra, extra_len, out, why, elevel))
		return false;
	out->cxt = cxt;
	out->ix = ix;
	out->v = *v;
	out->v.own = false;
	out->shared = true;
	out->map = map;
	out->maplen = len;
	out->build_ms = meta.build_ms;
	out->built_at = (TimestampTz) meta.built_at;
	return true;
}

/* Open the image of version v, if there is a valid one, into a new slot. */
bool
autocode_store_open(const autocode_version *v, MemoryContext parent, autocode_slot *out)
{
	char		path[MAXPGPATH];
	size_t		len = 0;
	void	   *map;
	MemoryContext cxt;
	const char *why = NULL;
	int			elevel = WARNING;
	bool		ok;

	autocode_store_path(path, sizeof(path), v);
	if ((map = autocode_store_map(path, &len)) == NULL)
		return false;
	cxt = AllocSetContextCreate(parent, "roleext autocode image", ALLOCSET_SMALL_SIZES);
	PG_TRY();
	{
		ok = autocode_store_validate(map, len, cxt, v, out, &why, &elevel);
	}
	PG_CATCH();
	{
		munmap(map, len);
		PG_RE_THROW();
	}
	PG_END_TRY();
	if (ok)
		ereport(DEBUG1,
				(errmsg_internal("%s: mapped the image of %s version %lld (%zu bytes)",
								 autocode_ops(v->source)->fn, autocode_ops(v->source)->what,
								 (long long) v->version, len)));
	else
	{
		munmap(map, len);
		MemoryContextDelete(cxt);
		ereport(elevel,
				(errmsg("refusing %s image \"%s\": %s", autocode_ops(v->source)->fn, path, why),
				 errdetail("The index of this %s version is built again.", autocode_ops(v->source)->what)));
	}
	return ok;
}

/* Write all of buf to fd; false with errno set when it could not be. */
static bool
autocode_store_write_all(int fd, const char *buf, size_t len)
{
	if (autocode_test_fault_write())
	{
		errno = ENOSPC;
		return false;
	}
	while (len > 0)
	{
		ssize_t		n = write(fd, buf, len > (1 << 20) ? (1 << 20) : len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
		{
			if (n == 0)
				errno = ENOSPC;
			return false;
		}
		buf += n;
		len -= (size_t) n;
	}
	return true;
}

/* Write buf[0..len) as the file path: a temporary file, fsynced, renamed. */
static bool
autocode_store_write_file(const char *path, const char *buf, size_t len)
{
	char		tmp[MAXPGPATH];
	int			fd;
	bool		ok;
	int			save_errno;

	snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, MyProcPid);
	fd = OpenTransientFile(tmp, O_WRONLY | O_CREAT | O_TRUNC | PG_BINARY);
	if (fd < 0)
		return false;
	ok = autocode_store_write_all(fd, buf, len) && pg_fsync(fd) == 0;
	save_errno = errno;
	CloseTransientFile(fd);
	if (ok && durable_rename(tmp, path, LOG) == 0)
		return true;
	if (ok)
		save_errno = errno;
	(void) unlink(tmp);
	errno = save_errno;
	return false;
}

/* Parse an image file name: instance and version; false for another name. */
static bool
autocode_store_parse(const char *name, uint64 *instance, int64 *version)
{
	unsigned long long i;
	long long	v;
	int			end = 0;

	if (sscanf(name, "%16llx-%lld.img%n", &i, &v, &end) != 2 || end == 0 || name[end] != '\0')
		return false;
	*instance = i;
	*version = v;
	return true;
}

/* Is the temporary file name one of a process that is gone? */
static bool
autocode_store_orphan(const char *name)
{
	const char *p = strstr(name, ".tmp.");
	int			pid;

	if (p == NULL || sscanf(p + 5, "%d", &pid) != 1 || pid <= 0)
		return false;
	return pid != MyProcPid && kill(pid, 0) != 0 && errno == ESRCH;
}

/* Remove a file of the image directory dir. */
static void
autocode_store_unlink(const char *dir, const char *name)
{
	char		path[MAXPGPATH];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (unlink(path) < 0 && errno != ENOENT)
		ereport(LOG, (errcode_for_file_access(), errmsg("could not remove file \"%s\": %m", path)));
}

/*
 * Remove what is stale after version v was published: see the top of
 * this file.  Two passes over the directory: the newest version older
 * than v is found first.
 */
static void
autocode_store_cleanup(const autocode_version *v)
{
	char		dir[MAXPGPATH];
	DIR		   *d;
	struct dirent *de;
	int64		keep = -1;
	int			pass;

	autocode_store_dir(v->source, dir, sizeof(dir));
	for (pass = 0; pass < 2; pass++)
	{
		if ((d = AllocateDir(dir)) == NULL)
			return;
		while ((de = ReadDirExtended(d, dir, LOG)) != NULL)
		{
			uint64		inst;
			int64		ver;

			if (!autocode_store_parse(de->d_name, &inst, &ver))
			{
				if (pass == 1 && autocode_store_orphan(de->d_name))
					autocode_store_unlink(dir, de->d_name);
				continue;
			}
			if (pass == 0 && inst == (uint64) v->instance && ver < v->version && ver > keep)
				keep = ver;
			if (pass == 1 && (inst != (uint64) v->instance || ver < keep))
				autocode_store_unlink(dir, de->d_name);
		}
		FreeDir(d);
	}

	/* the directories of databases that were dropped */
	if ((d = AllocateDir(autocode_ops(v->source)->dir)) == NULL)
		return;
	while ((de = ReadDirExtended(d, autocode_ops(v->source)->dir, LOG)) != NULL)
	{
		char	   *end;
		unsigned long oid = strtoul(de->d_name, &end, 10);

		if (de->d_name[0] < '0' || de->d_name[0] > '9' || *end != '\0' || oid == 0 ||
			oid > PG_UINT32_MAX || (Oid) oid == MyDatabaseId ||
			SearchSysCacheExists1(DATABASEOID, ObjectIdGetDatum((Oid) oid)))
			continue;
		snprintf(dir, sizeof(dir), "%s/%s", autocode_ops(v->source)->dir, de->d_name);
		if (!rmtree(dir, true))
			ereport(LOG, (errmsg("could not remove directory \"%s\"", dir)));
	}
	FreeDir(d);
}

/* Write the image of private slot s and publish it; false (a WARNING) when it cannot be. */
bool
autocode_store_publish(autocode_slot *s)
{
	char		path[MAXPGPATH];
	rx_autocode_image_meta meta;
	char	   *extra,
			   *buf;
	size_t		extra_len,
				size;
	rx_error	err;
	bool		ok;
	const autocode_source_ops *ops = autocode_ops(s->v.source);

	Assert(!s->shared);
	autocode_store_path(path, sizeof(path), &s->v);
	if (!autocode_store_mkdirs(s->v.source))
		return false;
	extra = ops->pack(s, &extra_len);
	if (rx_autocode_image_prepare(s->ix, extra_len, &size, &err) != RX_OK)
		rx_raise("could not write the index", &err);
	memset(&meta, 0, sizeof(meta));
	strlcpy(meta.build, RX_AUTOCODE_BUILD, sizeof(meta.build));
	autocode_store_ident(&s->v, meta.ident);
	meta.built_at = (int64) s->built_at;
	meta.build_ms = s->build_ms;
	buf = palloc_extended(size, MCXT_ALLOC_HUGE);
	if (rx_autocode_image_write(s->ix, &meta, extra, extra_len, buf, size, &err) != RX_OK)
		rx_raise("could not write the index", &err);
	ok = autocode_store_write_file(path, buf, size);
	if (!ok)
		ereport(WARNING,
				(errcode_for_file_access(),
				 errmsg("could not write the shared %s index \"%s\": %m", ops->fn, path),
				 errdetail("The index of this %s version stays private to the backends that build it until one can write it.",
						   ops->what)));
	pfree(buf);
	pfree(extra);
	if (ok)
		autocode_store_cleanup(&s->v);
	return ok;
}

/* Take this database's build lock of a source, waiting (and answering cancels) while another backend holds it. */
void
autocode_store_lock(int source)
{
	char		path[MAXPGPATH];

	if (autocode_lock_fd >= 0 || !autocode_store_mkdirs(source))
		return;
	snprintf(path, sizeof(path), "%s/%u/build.lock", autocode_ops(source)->dir, MyDatabaseId);
	autocode_lock_fd = OpenTransientFile(path, O_RDWR | O_CREAT | PG_BINARY);
	if (autocode_lock_fd < 0)
	{
		ereport(LOG, (errcode_for_file_access(), errmsg("could not open file \"%s\": %m", path)));
		return;
	}
	while (flock(autocode_lock_fd, LOCK_EX | LOCK_NB) < 0)
	{
		if (errno != EWOULDBLOCK && errno != EINTR)
		{
			ereport(LOG, (errcode_for_file_access(), errmsg("could not lock file \"%s\": %m", path)));
			break;
		}
		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, 5, PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
	}
}

/* Release the build lock. */
void
autocode_store_unlock(void)
{
	if (autocode_lock_fd < 0)
		return;
	(void) flock(autocode_lock_fd, LOCK_UN);
	CloseTransientFile(autocode_lock_fd);
	autocode_lock_fd = -1;
}
