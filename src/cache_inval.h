/*
 * cache_inval.h
 *	  The glossary's version: what a per-backend cache built from the
 *	  glossary tables must match to be reused.
 *
 * Every transaction that writes glossary.entries or glossary.aliases (the
 * labels part) or glossary.links (the links part) records itself, once, in
 * glossary.changes, inside that transaction.  A reader reads the table with
 * its own snapshot: the number of recorded transactions it sees and the XOR
 * of their ids identify the set of writing transactions it sees, hence the
 * glossary contents it sees (snapshots of one server see prefixes of one
 * commit order, so two different visible sets differ in their count, or at
 * equal count in one id, which the XOR shows).  Writes of the reader's own
 * transaction are counted in this backend (own_writes), since they do not
 * change the set.  Physical standbys replay the table, logical subscribers
 * record their own apply transactions (the row triggers fire in replica
 * mode), so no invalidation message is needed anywhere.
 */
#ifndef GLOSSARY_CACHE_INVAL_H
#define GLOSSARY_CACHE_INVAL_H

#include "postgres.h"

#include "utils/snapshot.h"

/* one part of the version: the transactions a snapshot sees */
typedef struct ChangeSet
{
	int64		n;				/* how many */
	uint64		x;				/* XOR of their ids */
} ChangeSet;

typedef struct GlossaryVersion
{
	bool		valid;			/* false: no glossary.changes (1.1 schema) */
	Oid			relid;			/* glossary.entries, so a reinstall differs */
	ChangeSet	labels;			/* entries and aliases */
	ChangeSet	links;			/* links */
	TransactionId own_xid;		/* this transaction, if it wrote the glossary */
	uint64		own_writes;		/* its write statements (and savepoint rollbacks) */
} GlossaryVersion;

/* the version the snapshot sees (reads glossary.changes with it) */
extern void glossary_read_version(Snapshot snap, GlossaryVersion *v);

/* equal label parts (the label index) or equal links parts (the backlink graph) */
extern bool glossary_labels_equal(const GlossaryVersion *a, const GlossaryVersion *b);
extern bool glossary_links_equal(const GlossaryVersion *a, const GlossaryVersion *b);

/*
 * Oid of glossary.entries in this database; an ERROR naming the fix when
 * the extension is not installed.
 */
extern Oid	glossary_entries_relid(void);

#endif							/* GLOSSARY_CACHE_INVAL_H */
