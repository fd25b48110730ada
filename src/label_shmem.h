/*
 * label_shmem.h
 *	  One label index per database for every backend, in shared memory.
 *
 * With shared_preload_libraries = 'glossary', the postmaster sets aside an
 * area of glossary.shared_index_size megabytes of the main shared memory
 * (a DSA area made in place, never grown).  An index there is an image
 * (label_image.h) of one glossary version of one database.  The first
 * session that needs a version builds it (or copies the newest image of
 * its database, updates the copy and shares that) under a lock other
 * builders of the database wait on; every other session reads the image
 * where it is.  An image is published whole, under the registry's lock, so
 * nobody sees one half-written; it is freed when no session reads it and a
 * newer version of its database has replaced it, or its database or the
 * extension is dropped.  Without preloading, or when the area is full, a
 * session keeps an index of its own (label_cache.c); a part of a shared
 * image that does not fit (label_index_part) is kept by the session for
 * that image, across transactions.
 */
#ifndef GLOSSARY_LABEL_SHMEM_H
#define GLOSSARY_LABEL_SHMEM_H

#include "label_cache.h"

/* the parts built lazily on top of an index, shared like the index */
typedef enum LabelPart
{
	LABEL_PART_FUZZY,			/* suggest()'s bigram index */
	LABEL_PART_MENTIONS			/* the automaton of mentions() and autolink() */
} LabelPart;

#define LABEL_NPARTS 2

/* from _PG_init: GUCs, and the shared area when preloading */
extern void label_shmem_init(void);

/* may this session read shared indexes?  And build and share them (not a parallel worker)? */
extern bool label_shmem_enabled(void);
extern bool label_shmem_may_share(void);

/* an index reading the shared image of version v (its header in cxt), or NULL */
extern LabelIndex *label_shmem_find(const GlossaryVersion *v, MemoryContext cxt);

/*
 * Wait for other sessions building an index of this database, then keep
 * them waiting until label_shmem_unlock_build() or the end of the
 * transaction.
 */
extern void label_shmem_lock_build(void);
extern void label_shmem_unlock_build(void);

/*
 * A new image copied from the newest of this database straight into the
 * area and updated there, then shared: an index reading it (header in
 * cxt).  prepare(src, arg, room) first reads the change against the newest
 * image (src reads it in place) and says how much room the copy needs;
 * update(idx, arg) then applies it to the copy.  NULL when there is no
 * newest image, prepare() or update() returns false (nothing changed), or
 * the area has no room.
 */
struct LabelRoom;
extern LabelIndex *label_shmem_update_newest(const GlossaryVersion *v, MemoryContext cxt,
											 bool (*prepare) (LabelIndex *src, void *arg, struct LabelRoom *room),
											 bool (*update) (LabelIndex *idx, void *arg), void *arg);

/* an updatable copy of the newest shared image of this database (glossary.entries relid), or NULL */
extern LabelIndex *label_shmem_thaw_newest(Oid relid, MemoryContext cxt);

/*
 * Share idx (built by this session, no own writes in it): an index reading
 * the shared copy, its header in cxt; NULL when the area has no room.
 */
extern LabelIndex *label_shmem_publish(LabelIndex *idx, MemoryContext cxt);

/* the session no longer reads the shared image of idx */
extern void label_shmem_release(LabelIndex *idx);

/* how a part is built, measured, written as a block and read in place */
typedef struct LabelPartOps
{
	void	   *(*build) (LabelIndex *idx, MemoryContext cxt);
	Size		(*size) (const void *part);
	void		(*write) (const void *part, char *buf);
	void	   *(*attach) (char *buf, MemoryContext cxt);
} LabelPartOps;

/*
 * A part of idx, allocated in (or pointing from) idx->derived: the shared
 * copy if there is one; else built here and, when idx is a shared image,
 * shared (then only the shared copy is kept).
 */
extern void *label_index_part(LabelIndex *idx, LabelPart part, const LabelPartOps *ops);

#endif							/* GLOSSARY_LABEL_SHMEM_H */
