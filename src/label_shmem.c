/*
 * label_shmem.c
 *	  The shared label indexes (see label_shmem.h): the area, the registry
 *	  of images, the build lock, and freeing what nobody reads.
 *
 * The registry is an array of slots in the main shared memory (one per
 * 64 kB of the area, at least 64), under one LWLock.  A slot holds one
 * image: its database, version, the DSA pointers of the index and its
 * lazily shared parts, and how many sessions read it.  When every slot is
 * taken, the oldest image nobody reads gives up its slot.  "Newest" marks
 * the image of its database built with the latest snapshot, the one a new
 * version is copied from.  Each session that attaches to the area releases
 * it when it exits (its reference count), and frees at (sub)transaction
 * abort the slots it was writing.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/parallel.h"
#include "access/transam.h"
#include "access/xact.h"
#include "catalog/objectaccess.h"
#include "catalog/pg_database.h"
#include "catalog/pg_extension.h"
#include "commands/extension.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "storage/ipc.h"
#include "storage/lmgr.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "utils/builtins.h"
#include "utils/dsa.h"
#include "utils/guc.h"
#include "utils/memutils.h"

#include "fault_inject.h"
#include "label_cache_int.h"
#include "label_image.h"
#include "label_shmem.h"

PG_FUNCTION_INFO_V1(glossary_shared_index_stats);
PG_FUNCTION_INFO_V1(glossary_shared_area_stats);

/*
 * The registry has a slot per SLOT_AREA_BYTES of the area, and at least
 * MIN_SLOTS: the smallest images take a few kB, a lookup scans the slots.
 */
#define SLOT_AREA_BYTES	(64 * 1024)
#define MIN_SLOTS		64
#define SHARED_SLOTS	(shared->nslots)

typedef struct SharedImage
{
	Oid			dboid;			/* InvalidOid: the slot is free */
	bool		newest;			/* the newest image of its database */
	bool		dropped;		/* its database or extension was dropped */
	bool		writing;		/* taken by a session still writing the image */
	int			writer;			/* that session's pid */
	uint64		serial;			/* tells a reused slot from the image a session read */
	GlossaryVersion version;
	int64		committed;
	uint64		snap_xmax;		/* its builder's snapshot's xmax, with epoch */
	int			readers;		/* sessions reading it */
	dsa_pointer core;
	Size		core_bytes;
	dsa_pointer parts[LABEL_NPARTS];
	Size		part_bytes[LABEL_NPARTS];
} SharedImage;

typedef struct GlossaryShared
{
	LWLock	   *lock;
	int			dsa_tranche;
	Size		area_bytes;
	uint64		next_serial;
	int64		published;		/* images shared so far */
	int64		refused;		/* images and parts that found no room */
	int64		evicted;		/* unread images freed for room or a slot */
	int64		no_slot;		/* images refused because every slot was in use */
	int64		part_builds;	/* parts built by sessions of shared images */
	int			sessions;		/* backends attached to the area */
	int			nslots;
	SharedImage slots[FLEXIBLE_ARRAY_MEMBER];
} GlossaryShared;

/* the advisory-lock class of the build lock (pg_advisory_lock uses 1 and 2) */
#define BUILD_LOCK_CLASS	3
#define BUILD_LOCK_KEY		0x676C6F73	/* "glos" */

static int	shared_index_size_mb = 64;
static bool shared_index_on = true;

static GlossaryShared *shared = NULL;
static dsa_area *area = NULL;
static int *held = NULL;		/* this session's readers of each slot */
static bool refusal_logged = false;
static bool no_slot_logged = false;
static int	writing_here = 0;	/* slots this session is writing */
static bool callbacks_registered = false;	/* attach_area's, once a session */

/*
 * The subtransaction that took each slot this session is writing (invalid:
 * it writes none there).  Only that subtransaction's abort, or one of its
 * parents', ends the writing: a subtransaction started and aborted while
 * the image is written (a policy's or a function's EXCEPTION block in the
 * queries of an update) leaves it to its writer.
 */
static SubTransactionId *writing_subid = NULL;

static shmem_request_hook_type prev_shmem_request_hook = NULL;
static shmem_startup_hook_type prev_shmem_startup_hook = NULL;
static object_access_hook_type prev_object_access_hook = NULL;

static Size
area_size(void)
{
	return (Size) shared_index_size_mb * 1024 * 1024;
}

static int
registry_slots(void)
{
	return (int) Max(area_size() / SLOT_AREA_BYTES, MIN_SLOTS);
}

static Size
registry_size(void)
{
	return BUFFERALIGN(add_size(offsetof(GlossaryShared, slots),
								mul_size(registry_slots(), sizeof(SharedImage))));
}

static Size
shared_size(void)
{
	return add_size(registry_size(), area_size());
}

static char *
area_place(void)
{
	return (char *) shared + registry_size();
}

static void
request_shmem(void)
{
	if (prev_shmem_request_hook)
		prev_shmem_request_hook();
	RequestAddinShmemSpace(shared_size());
	RequestNamedLWLockTranche("glossary", 1);
}

static void
startup_shmem(void)
{
	bool		found;

	if (prev_shmem_startup_hook)
		prev_shmem_startup_hook();
	LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
	shared = ShmemInitStruct("glossary label indexes", shared_size(), &found);
	if (!found)
	{
		dsa_area   *a;

		memset(shared, 0, registry_size());
		shared->nslots = registry_slots();
		shared->lock = &(GetNamedLWLockTranche("glossary"))->lock;
		shared->dsa_tranche = LWLockNewTrancheId();
		shared->area_bytes = area_size();
		shared->next_serial = 1;
		a = dsa_create_in_place(area_place(), area_size(), shared->dsa_tranche, NULL);
		/* the area is the preallocated memory only: no DSM segments are added */
		dsa_set_size_limit(a, area_size());
		dsa_pin(a);
		dsa_detach(a);
	}
	LWLockRelease(AddinShmemInitLock);
}

static void
free_slot(SharedImage *s)
{
	int			p;

	dsa_free(area, s->core);
	for (p = 0; p < LABEL_NPARTS; p++)
		if (DsaPointerIsValid(s->parts[p]))
			dsa_free(area, s->parts[p]);
	memset(s, 0, sizeof(SharedImage));
	s->dboid = InvalidOid;
}

/* a slot this session was writing, given up (lock held) */
static void
abandon_slot(int i)
{
	held[i]--;
	writing_here--;
	writing_subid[i] = InvalidSubTransactionId;
	free_slot(&shared->slots[i]);
}

/* free the image if nobody reads it and it is not what new sessions want */
static void
free_if_unread(SharedImage *s)
{
	if (OidIsValid(s->dboid) && s->readers == 0 && (!s->newest || s->dropped))
		free_slot(s);
}

/* every image of the database goes (its readers keep theirs until they let go) */
static void
drop_database_images(Oid dboid)
{
	int			i;

	if (shared == NULL || area == NULL)
		return;
	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	for (i = 0; i < SHARED_SLOTS; i++)
	{
		SharedImage *s = &shared->slots[i];

		if (s->dboid != dboid)
			continue;
		s->dropped = true;
		s->newest = false;
		free_if_unread(s);
	}
	LWLockRelease(shared->lock);
}

static void release_all(int code, Datum arg);
static void abort_callback(XactEvent event, void *arg);
static void subxact_callback(SubXactEvent event, SubTransactionId mySubid,
							 SubTransactionId parentSubid, void *arg);

static void
attach_area(void)
{
	MemoryContext old;

	if (area != NULL)
		return;
	LWLockRegisterTranche(shared->dsa_tranche, "glossary_index_area");
	GLOSSARY_FAULT_POINT("attach.alloc");
	if (held == NULL)
	{
		held = MemoryContextAllocZero(TopMemoryContext, sizeof(int) * SHARED_SLOTS);
		writing_subid = MemoryContextAllocZero(TopMemoryContext, sizeof(SubTransactionId) * SHARED_SLOTS);
	}
	/*
	 * The callbacks come first: an error while registering them (out of
	 * memory) must not leave the area attached and counted with nobody to
	 * release it at exit.  Before the area is attached they do nothing.
	 */
	if (!callbacks_registered)
	{
		GLOSSARY_FAULT_POINT("attach.callbacks");
		RegisterXactCallback(abort_callback, NULL);
		RegisterSubXactCallback(subxact_callback, NULL);
		before_shmem_exit(release_all, (Datum) 0);
		callbacks_registered = true;
	}
	GLOSSARY_FAULT_POINT("attach.dsa");
	old = MemoryContextSwitchTo(TopMemoryContext);
	area = dsa_attach_in_place(area_place(), NULL);
	MemoryContextSwitchTo(old);
	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	shared->sessions++;
	LWLockRelease(shared->lock);
}

static void
object_access(ObjectAccessType access, Oid classId, Oid objectId, int subId, void *arg)
{
	if (prev_object_access_hook)
		prev_object_access_hook(access, classId, objectId, subId, arg);
	if (access != OAT_DROP || shared == NULL)
		return;
	/* the dropping session may never have read an index: it frees the images all the same */
	if (classId == DatabaseRelationId)
	{
		attach_area();
		drop_database_images(objectId);
	}
	else if (classId == ExtensionRelationId && objectId == get_extension_oid("glossary", true))
	{
		attach_area();
		drop_database_images(MyDatabaseId);
	}
}

/*
 * Images this session left half-written (an error while it wrote one): those
 * taken by subtransaction subid or one started after it (its children), or
 * every one for InvalidSubTransactionId (the transaction ends).
 */
static void
abandon_own_slots(SubTransactionId subid)
{
	int			i;

	if (writing_here == 0)
		return;
	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	for (i = 0; i < SHARED_SLOTS; i++)
		if (writing_subid[i] != InvalidSubTransactionId && writing_subid[i] >= subid)
		{
			Assert(shared->slots[i].writing && shared->slots[i].writer == MyProcPid);
			abandon_slot(i);
		}
	LWLockRelease(shared->lock);
}

static void
abort_callback(XactEvent event, void *arg)
{
	if ((event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT) && area != NULL)
		abandon_own_slots(InvalidSubTransactionId);
}

/*
 * An error caught by a savepoint or an EXCEPTION block ends the writing of
 * the slots its subtransaction took; a subtransaction that commits hands
 * them to its parent.
 */
static void
subxact_callback(SubXactEvent event, SubTransactionId mySubid, SubTransactionId parentSubid, void *arg)
{
	int			i;

	if (area == NULL || writing_here == 0)
		return;
	if (event == SUBXACT_EVENT_ABORT_SUB)
		abandon_own_slots(mySubid);
	else if (event == SUBXACT_EVENT_COMMIT_SUB)
		for (i = 0; i < SHARED_SLOTS; i++)
			if (writing_subid[i] == mySubid)
				writing_subid[i] = parentSubid;
}

/* at exit: what this session still reads, and the area (its reference count too) */
static void
release_all(int code, Datum arg)
{
	int			i;

	if (area == NULL)
		return;
	abandon_own_slots(InvalidSubTransactionId);
	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	for (i = 0; i < SHARED_SLOTS; i++)
	{
		if (held[i] == 0)
			continue;
		shared->slots[i].readers -= held[i];
		held[i] = 0;
		free_if_unread(&shared->slots[i]);
	}
	shared->sessions--;
	LWLockRelease(shared->lock);
	dsa_detach(area);
	/* an area made in place counts its sessions until they release it */
	dsa_release_in_place(area_place());
	area = NULL;
}

void
label_shmem_init(void)
{
	DefineCustomBoolVariable("glossary.shared_index",
							 "Reads and shares the label index in shared memory.",
							 "Takes effect only with glossary in shared_preload_libraries; "
							 "off keeps an index in this session.",
							 &shared_index_on, true, PGC_USERSET, 0, NULL, NULL, NULL);
	if (!process_shared_preload_libraries_in_progress)
		return;
	DefineCustomIntVariable("glossary.shared_index_size",
							"Size of the shared memory area for label indexes.",
							"One image per database and glossary version; "
							"0 turns the shared index off.",
							&shared_index_size_mb, 64, 0, 1024 * 1024, PGC_POSTMASTER,
							GUC_UNIT_MB, NULL, NULL, NULL);
	MarkGUCPrefixReserved("glossary");
	if (shared_index_size_mb == 0)
		return;
	/* at least what an empty DSA area needs, plus room */
	if (area_size() < dsa_minimum_size() + 1024 * 1024)
		shared_index_size_mb = (int) ((dsa_minimum_size() + 1024 * 1024) / (1024 * 1024)) + 1;
	prev_shmem_request_hook = shmem_request_hook;
	shmem_request_hook = request_shmem;
	prev_shmem_startup_hook = shmem_startup_hook;
	shmem_startup_hook = startup_shmem;
	prev_object_access_hook = object_access_hook;
	object_access_hook = object_access;
}

bool
label_shmem_enabled(void)
{
	if (shared == NULL || !shared_index_on)
		return false;
	attach_area();
	return true;
}

bool
label_shmem_may_share(void)
{
	/* parallel workers read images; what they build serves their part of one statement */
	return !IsParallelWorker();
}

static bool
same_version(const SharedImage *s, const GlossaryVersion *v)
{
	return s->dboid == MyDatabaseId && !s->dropped && !s->writing &&
		glossary_labels_equal(&s->version, v);
}

/* an index reading slot i, which the caller has counted as read (lock held) */
static LabelIndex *
attach_slot(int i, MemoryContext cxt)
{
	SharedImage *s = &shared->slots[i];
	LabelIndex *idx;

	GLOSSARY_FAULT_POINT("image.attach");
	idx = label_image_attach(dsa_get_address(area, s->core), cxt);

	idx->shared_slot = i;
	idx->shared_serial = s->serial;
	return idx;
}

/* this session reads slot i, or no longer does (lock held) */
static void
read_slot(int i)
{
	shared->slots[i].readers++;
	held[i]++;
}

static void
unread_slot(int i)
{
	shared->slots[i].readers--;
	held[i]--;
	free_if_unread(&shared->slots[i]);
}

static void
unread_slot_locking(int i)
{
	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	unread_slot(i);
	LWLockRelease(shared->lock);
}

/*
 * An index reading slot i, which this session has counted as read (lock
 * not held): an error while attaching (out of memory) counts it unread.
 */
static LabelIndex *
attach_read_slot(int i, MemoryContext cxt)
{
	LabelIndex *idx = NULL;

	PG_TRY();
	{
		idx = attach_slot(i, cxt);
	}
	PG_CATCH();
	{
		unread_slot_locking(i);
		PG_RE_THROW();
	}
	PG_END_TRY();
	return idx;
}

/* the slot of version v, or of the newest image of this database's relid; -1 if none (lock held) */
static int
version_slot(const GlossaryVersion *v)
{
	int			i;

	for (i = 0; i < SHARED_SLOTS; i++)
		if (same_version(&shared->slots[i], v))
			return i;
	return -1;
}

static int
newest_slot(Oid relid)
{
	int			i;

	for (i = 0; i < SHARED_SLOTS; i++)
	{
		SharedImage *s = &shared->slots[i];

		if (s->dboid == MyDatabaseId && s->newest && !s->dropped && !s->writing &&
			s->version.relid == relid)
			return i;
	}
	return -1;
}

LabelIndex *
label_shmem_find(const GlossaryVersion *v, MemoryContext cxt)
{
	LabelIndex *idx = NULL;
	int			i;

	if (!v->valid || FullTransactionIdIsValid(v->own_xid))
		return NULL;
	GLOSSARY_FAULT_POINT("find.lwlock");
	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	if ((i = version_slot(v)) >= 0)
		read_slot(i);
	LWLockRelease(shared->lock);
	/* outside the lock: an error here (out of memory) must not leave it held */
	if (i >= 0)
		idx = attach_read_slot(i, cxt);
	return idx;
}

static void
build_locktag(LOCKTAG *tag)
{
	SET_LOCKTAG_ADVISORY(*tag, MyDatabaseId, BUILD_LOCK_KEY, 0, BUILD_LOCK_CLASS);
}

void
label_shmem_lock_build(void)
{
	LOCKTAG		tag;

	build_locktag(&tag);
	GLOSSARY_FAULT_POINT("build_lock.wait");
	(void) LockAcquire(&tag, ExclusiveLock, false, false);
	GLOSSARY_FAULT_POINT("build_lock.held");
}

void
label_shmem_unlock_build(void)
{
	LOCKTAG		tag;

	build_locktag(&tag);
	LockRelease(&tag, ExclusiveLock, false);
}

LabelIndex *
label_shmem_thaw_newest(Oid relid, MemoryContext cxt)
{
	LabelIndex *idx = NULL;
	int			i;

	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	if ((i = newest_slot(relid)) >= 0)
		read_slot(i);
	LWLockRelease(shared->lock);
	if (i < 0)
		return NULL;
	PG_TRY();
	{
		GLOSSARY_FAULT_POINT("thaw.copy");
		idx = label_image_thaw(dsa_get_address(area, shared->slots[i].core), cxt);
	}
	PG_FINALLY();
	{
		unread_slot_locking(i);
	}
	PG_END_TRY();
	return idx;
}

/* the image to free for room or for a slot: the oldest nobody reads or writes; -1 if none (lock held) */
static int
victim_slot(void)
{
	SharedImage *victim = NULL;
	int			victim_i = -1;
	int			i;

	for (i = 0; i < SHARED_SLOTS; i++)
	{
		SharedImage *s = &shared->slots[i];

		if (OidIsValid(s->dboid) && s->readers == 0 && !s->writing &&
			(victim == NULL || s->serial < victim->serial))
		{
			victim = s;
			victim_i = i;
		}
	}
	return victim_i;
}

/*
 * Room for size bytes: images nobody reads go first, oldest first; none
 * goes for what could not fit in the whole area (lock held).
 */
static dsa_pointer
allocate_with_room(Size size)
{
	if (size >= shared->area_bytes)
		return InvalidDsaPointer;
	for (;;)
	{
		dsa_pointer dp;
		int			victim;

		GLOSSARY_FAULT_POINT("dsa.allocate");
		dp = dsa_allocate_extended(area, size, DSA_ALLOC_HUGE | DSA_ALLOC_NO_OOM);

		if (DsaPointerIsValid(dp))
			return dp;
		if ((victim = victim_slot()) < 0)
			return InvalidDsaPointer;
		free_slot(&shared->slots[victim]);
		shared->evicted++;
	}
}

static void
note_refusal(Size size)
{
	shared->refused++;
	if (!refusal_logged)
		ereport(LOG,
				(errmsg("glossary label index of %zu kB does not fit in glossary.shared_index_size",
						size / 1024),
				 errdetail("This session keeps an index of its own."),
				 errhint("Raise glossary.shared_index_size (now %d MB) and restart the server.",
						 shared_index_size_mb)));
	refusal_logged = true;
}

/* every slot holds an image someone reads or writes: not the area's size */
static void
note_no_slot(void)
{
	shared->no_slot++;
	if (!no_slot_logged)
		ereport(LOG,
				(errmsg("glossary label index registry has no free slot"),
				 errdetail("All %d slots of the shared area hold images that sessions are reading or writing; this session keeps an index of its own.",
						   SHARED_SLOTS),
				 errhint("The registry has a slot per %d kB of glossary.shared_index_size (now %d MB), and at least %d: raise the setting and restart the server.",
						 SLOT_AREA_BYTES / 1024, shared_index_size_mb, MIN_SLOTS)));
	no_slot_logged = true;
}

static LabelIndex *finish_slot(int free_i, MemoryContext cxt);

/*
 * A slot taken for an image this session writes into dp: a free one, else
 * that of the oldest image nobody reads (freed); -1 if every slot is read
 * or written (lock held).
 */
static int
take_slot(dsa_pointer dp, Size size)
{
	int			i;

	for (i = 0; i < SHARED_SLOTS; i++)
		if (!OidIsValid(shared->slots[i].dboid))
			break;
	if (i == SHARED_SLOTS)
	{
		if ((i = victim_slot()) < 0)
			return -1;
		free_slot(&shared->slots[i]);
		shared->evicted++;
	}
	{
		SharedImage *s = &shared->slots[i];

		memset(s, 0, sizeof(SharedImage));
		s->dboid = MyDatabaseId;
		s->writing = true;
		s->writer = MyProcPid;
		s->serial = shared->next_serial++;
		s->core = dp;
		s->core_bytes = size;
		s->readers = 1;
		held[i]++;
		writing_here++;
		writing_subid[i] = GetCurrentSubTransactionId();
	}
	return i;
}

LabelIndex *
label_shmem_update_newest(const GlossaryVersion *v, MemoryContext cxt,
						  bool (*prepare) (LabelIndex *src, void *arg, LabelRoom *room),
						  bool (*update) (LabelIndex *idx, void *arg), void *arg)
{
	int			src_i,
				dst_i = -1;
	Size		size;
	dsa_pointer dp = InvalidDsaPointer;
	LabelIndex *src,
			   *idx = NULL;
	LabelRoom	room;
	bool		ready;
	MemoryContext wcxt;

	/* the source stays while it is read and copied: it counts this session as a reader */
	GLOSSARY_FAULT_POINT("update.lwlock");
	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	if ((src_i = newest_slot(v->relid)) >= 0)
		read_slot(src_i);
	LWLockRelease(shared->lock);
	if (src_i < 0)
		return NULL;

	/* the change, read before any room is taken: the room is what it needs */
	wcxt = AllocSetContextCreate(CurrentMemoryContext, "glossary label index update", ALLOCSET_SMALL_SIZES);
	memset(&room, 0, sizeof(room));
	PG_TRY();
	{
		GLOSSARY_FAULT_POINT("update.attach_source");
		src = label_image_attach(dsa_get_address(area, shared->slots[src_i].core), wcxt);
		ready = prepare(src, arg, &room);

		/* the room, under the lock: an error while taking it gives the source back too */
		GLOSSARY_FAULT_POINT("update.take_lwlock");
		LWLockAcquire(shared->lock, LW_EXCLUSIVE);
		if (ready)
		{
			size = label_image_room_size(src->image, &room);
			dp = allocate_with_room(size);
			if (DsaPointerIsValid(dp) && (dst_i = take_slot(dp, size)) < 0)
				dsa_free(area, dp);
		}
		if (dst_i < 0)
			unread_slot(src_i);
		LWLockRelease(shared->lock);
	}
	PG_CATCH();
	{
		/* an error under the lock (allocating the room) still holds it */
		if (!LWLockHeldByMe(shared->lock))
			LWLockAcquire(shared->lock, LW_EXCLUSIVE);
		unread_slot(src_i);
		LWLockRelease(shared->lock);
		PG_RE_THROW();
	}
	PG_END_TRY();
	if (dst_i < 0)
	{
		MemoryContextDelete(wcxt);
		return NULL;
	}

	/* an error from here on (out of memory, a cancel) frees the slot at abort */
	PG_TRY();
	{
		GLOSSARY_FAULT_POINT("update.copy");
		idx = label_image_copy(src->image, dsa_get_address(area, dp), &room, wcxt);
	}
	PG_FINALLY();
	{
		unread_slot_locking(src_i);
	}
	PG_END_TRY();

	GLOSSARY_FAULT_POINT("update.apply");
	if (!update(idx, arg))
	{
		LWLockAcquire(shared->lock, LW_EXCLUSIVE);
		abandon_slot(dst_i);
		LWLockRelease(shared->lock);
		MemoryContextDelete(wcxt);
		return NULL;
	}
	GLOSSARY_FAULT_POINT("update.seal");
	label_image_seal(idx);
	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	shared->slots[dst_i].version = idx->version;
	shared->slots[dst_i].committed = idx->committed;
	LWLockRelease(shared->lock);
	MemoryContextDelete(wcxt);
	GLOSSARY_FAULT_POINT("update.finish");
	return finish_slot(dst_i, cxt);
}

LabelIndex *
label_shmem_publish(LabelIndex *idx, MemoryContext cxt)
{
	Size		size = label_image_size(idx);
	dsa_pointer dp;
	int			i,
				free_i = -1;

	GLOSSARY_FAULT_POINT("publish.lwlock");
	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	if ((i = version_slot(&idx->version)) >= 0)
	{
		/* another session shared this version first */
		read_slot(i);
		LWLockRelease(shared->lock);
		return attach_read_slot(i, cxt);
	}
	dp = allocate_with_room(size);
	if (!DsaPointerIsValid(dp))
	{
		note_refusal(size);
		LWLockRelease(shared->lock);
		return NULL;
	}
	if ((free_i = take_slot(dp, size)) < 0)
	{
		dsa_free(area, dp);
		note_no_slot();
		LWLockRelease(shared->lock);
		return NULL;
	}
	/* the slot is taken, but nobody finds it before the image is whole */
	shared->slots[free_i].version = idx->version;
	shared->slots[free_i].committed = idx->committed;
	LWLockRelease(shared->lock);

	GLOSSARY_FAULT_POINT("publish.write");
	label_image_write(idx, dsa_get_address(area, dp));
	GLOSSARY_FAULT_POINT("publish.finish");
	return finish_slot(free_i, cxt);
}

/*
 * The xmax of this statement's snapshot, with its epoch: a snapshot taken
 * later has one at least as large, and sees every transaction an earlier
 * one sees.
 */
static uint64
snapshot_full_xmax(void)
{
	TransactionId xmax = label_index_snapshot()->xmax;
	FullTransactionId next = ReadNextFullTransactionId();
	uint64		epoch = EpochFromFullTransactionId(next);

	/* xmax is at most the next xid: larger 32 bits mean the epoch before */
	if (xmax > XidFromFullTransactionId(next) && epoch > 0)
		epoch--;
	return (epoch << 32) | xmax;
}

/*
 * A slot written: new sessions use it and the database's older newest goes,
 * unless a session with a later snapshot has already shared the newest (a
 * repeatable-read transaction shares the version it sees, but new sessions
 * see a later one: the image they copy from stays).
 */
static LabelIndex *
finish_slot(int free_i, MemoryContext cxt)
{
	SharedImage *s = &shared->slots[free_i];
	uint64		xmax;
	int			i;

	GLOSSARY_FAULT_POINT("finish.snapshot");
	xmax = snapshot_full_xmax();
	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	s->writing = false;
	writing_here--;
	writing_subid[free_i] = InvalidSubTransactionId;
	s->snap_xmax = xmax;
	s->newest = true;
	for (i = 0; i < SHARED_SLOTS; i++)
	{
		SharedImage *o = &shared->slots[i];

		if (i != free_i && o->dboid == MyDatabaseId && o->newest && o->snap_xmax > xmax)
			s->newest = false;
	}
	for (i = 0; s->newest && i < SHARED_SLOTS; i++)
	{
		SharedImage *o = &shared->slots[i];

		/*
		 * Of snapshots taken as late, the last one shared is the newest: one
		 * from before glossary.changes was emptied is only copied in vain,
		 * since an update checks what it starts from.
		 */
		if (i == free_i || o->dboid != MyDatabaseId || !o->newest)
			continue;
		o->newest = false;
		free_if_unread(o);
	}
	shared->published++;
	LWLockRelease(shared->lock);
	return attach_read_slot(free_i, cxt);
}

void
label_shmem_release(LabelIndex *idx)
{
	int			i = idx->shared_slot;

	if (i < 0 || area == NULL)
		return;
	Assert(shared->slots[i].serial == idx->shared_serial && held[i] > 0);
	unread_slot_locking(i);
	idx->shared_slot = -1;
}

/* the shared copy of part of idx's image, or NULL */
static char *
shared_part(LabelIndex *idx, LabelPart part)
{
	dsa_pointer dp;

	LWLockAcquire(shared->lock, LW_SHARED);
	dp = shared->slots[idx->shared_slot].parts[part];
	LWLockRelease(shared->lock);
	return DsaPointerIsValid(dp) ? dsa_get_address(area, dp) : NULL;
}

/* share a part: the shared copy (another session's if it was first), or NULL when there is no room */
static char *
share_part(LabelIndex *idx, LabelPart part, const LabelPartOps *ops, const void *local, Size *size_out)
{
	SharedImage *s;
	dsa_pointer dp;
	Size		size = ops->size(local);

	*size_out = size;
	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	s = &shared->slots[idx->shared_slot];
	if (!DsaPointerIsValid(s->parts[part]))
	{
		dp = allocate_with_room(size);
		if (!DsaPointerIsValid(dp))
		{
			LWLockRelease(shared->lock);
			return NULL;
		}
		ops->write(local, dsa_get_address(area, dp));
		s->parts[part] = dp;
		s->part_bytes[part] = size;
	}
	dp = s->parts[part];
	LWLockRelease(shared->lock);
	return dsa_get_address(area, dp);
}

/*
 * A part this session built for a shared image but could not share (the
 * area had no room): kept across transactions for that image (slot and
 * serial), as an index of the session's own keeps its parts, so that a
 * full area never makes a session rebuild it in every transaction.
 */
typedef struct KeptPart
{
	int			slot;
	uint64		serial;
	MemoryContext cxt;			/* NULL: none kept */
	void	   *part;
} KeptPart;

static KeptPart kept_parts[LABEL_NPARTS];

static const char *const part_names[LABEL_NPARTS] = {
	"suggest() index",
	"mentions() automaton"
};

static void
note_part_refusal(LabelPart part, Size size)
{
	static bool logged[LABEL_NPARTS];

	shared->refused++;
	if (!logged[part])
		ereport(LOG,
				(errmsg("glossary label index part (%s) of %zu kB does not fit in glossary.shared_index_size",
						part_names[part], size / 1024),
				 errdetail("This session keeps a copy of its own for this version of the index."),
				 errhint("Raise glossary.shared_index_size (now %d MB) and restart the server.",
						 shared_index_size_mb)));
	logged[part] = true;
}

void *
label_index_part(LabelIndex *idx, LabelPart part, const LabelPartOps *ops)
{
	KeptPart   *kept = &kept_parts[part];
	MemoryContext build;
	void	   *local;
	char	   *copy;
	Size		size;

	if (idx->shared_slot < 0)
		return ops->build(idx, idx->derived);
	GLOSSARY_FAULT_POINT("part.find");
	if ((copy = shared_part(idx, part)) != NULL)
		return ops->attach(copy, idx->derived);
	if (kept->cxt != NULL && kept->slot == idx->shared_slot && kept->serial == idx->shared_serial)
		return kept->part;

	GLOSSARY_FAULT_POINT("part.build");
	build = AllocSetContextCreate(CurrentMemoryContext, "glossary label index part", ALLOCSET_DEFAULT_SIZES);
	local = ops->build(idx, build);
	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	shared->part_builds++;
	LWLockRelease(shared->lock);
	if ((copy = share_part(idx, part, ops, local, &size)) != NULL)
	{
		MemoryContextDelete(build);
		return ops->attach(copy, idx->derived);
	}
	note_part_refusal(part, size);
	/* the part of another image (an older version) goes */
	if (kept->cxt != NULL)
		MemoryContextDelete(kept->cxt);
	MemoryContextSetParent(build, CacheMemoryContext);
	kept->cxt = build;
	kept->slot = idx->shared_slot;
	kept->serial = idx->shared_serial;
	kept->part = local;
	return local;
}

/* shared_index_stats(): the area and its images */
Datum
glossary_shared_index_stats(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	if (shared == NULL)
		PG_RETURN_VOID();
	attach_area();
	LWLockAcquire(shared->lock, LW_SHARED);
	for (i = 0; i < SHARED_SLOTS; i++)
	{
		SharedImage *s = &shared->slots[i];
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};
		Size		bytes = s->core_bytes;
		int			p;

		if (!OidIsValid(s->dboid))
			continue;
		for (p = 0; p < LABEL_NPARTS; p++)
			bytes += s->part_bytes[p];
		values[0] = ObjectIdGetDatum(s->dboid);
		values[1] = Int64GetDatum(s->committed);
		values[2] = BoolGetDatum(s->newest);
		values[3] = Int32GetDatum(s->readers);
		values[4] = Int64GetDatum((int64) bytes);
		values[5] = Int64GetDatum((int64) shared->area_bytes);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	LWLockRelease(shared->lock);
	PG_RETURN_VOID();
}

/* shared_area_stats(): the area as a whole, one row */
Datum
glossary_shared_area_stats(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Datum		values[9];
	bool		nulls[9] = {false, false, false, false, false, false, false, false, false};
	int			images = 0;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	if (shared == NULL)
		PG_RETURN_VOID();
	attach_area();
	LWLockAcquire(shared->lock, LW_SHARED);
	for (i = 0; i < SHARED_SLOTS; i++)
		if (OidIsValid(shared->slots[i].dboid))
			images++;
	values[0] = Int64GetDatum((int64) shared->area_bytes);
	values[1] = Int32GetDatum(SHARED_SLOTS);
	values[2] = Int32GetDatum(images);
	values[3] = Int32GetDatum(shared->sessions);
	values[4] = Int64GetDatum(shared->published);
	values[5] = Int64GetDatum(shared->evicted);
	values[6] = Int64GetDatum(shared->refused);
	values[7] = Int64GetDatum(shared->no_slot);
	values[8] = Int64GetDatum(shared->part_builds);
	LWLockRelease(shared->lock);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	PG_RETURN_VOID();
}
