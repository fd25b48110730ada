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
 * mode), so no invalidation message is needed anywhere.  A row also lists
 * the entries its transaction changed, so a reader can update its index
 * instead of rebuilding it.
 */
#ifndef GLOSSARY_CACHE_INVAL_H
#define GLOSSARY_CACHE_INVAL_H

#include "postgres.h"

#include "access/transam.h"
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
	FullTransactionId own_xid;	/* this transaction, if it wrote the glossary */
	uint64		own_writes;		/* its write statements (and savepoint rollbacks) */
} GlossaryVersion;

/* one row of glossary.changes: the labels part only (what the label index needs) */
typedef struct ChangeRow
{
	uint64		xact;
	bool		labels;			/* this transaction wrote entries or aliases */
	int64		merged_n;		/* transactions folded into this row */
	uint64		merged_x;
	int			nslugs;			/* entries its own transaction changed, -1 if not known */
	char	  **slugs;
	int			nmerged;		/* entries the folded transactions changed, -1 if not known */
	char	  **merged_slugs;
} ChangeRow;

typedef struct ChangeRows
{
	int			n;
	ChangeRow  *rows;
} ChangeRows;

/*
 * The version the snapshot sees (reads glossary.changes with it); with rows
 * not NULL, also the rows themselves, palloc'd.
 */
extern void glossary_read_version(Snapshot snap, GlossaryVersion *v, ChangeRows *rows);

/*
 * The entries this transaction's own writes changed so far, sorted; -1 when
 * not known.  Valid until the next write.
 */
extern int	glossary_own_changes(char ***slugs);

/* most entries a transaction's row lists; more are recorded as "not known" */
#define CHANGE_MAX_SLUGS	1000

/* equal label parts (the label index) or equal links parts (the backlink graph) */
extern bool glossary_labels_equal(const GlossaryVersion *a, const GlossaryVersion *b);
extern bool glossary_links_equal(const GlossaryVersion *a, const GlossaryVersion *b);

/*
 * Oid of glossary.entries in this database; an ERROR naming the fix when
 * the extension is not installed.
 */
extern Oid	glossary_entries_relid(void);

#endif							/* GLOSSARY_CACHE_INVAL_H */
