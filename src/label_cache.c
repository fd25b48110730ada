/*
 * label_cache.c
 *	  Which label index a statement uses (see label_cache.h): the one of the
 *	  glossary version its snapshot sees, from this backend's cache, from
 *	  shared memory (label_shmem.h), updated from an older one when the
 *	  changes are known (glossary.changes), or built; and the per-statement
 *	  handle through which every SQL function reads it.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "miscadmin.h"
#include "storage/proc.h"
#include "utils/acl.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"

#include "cache_inval.h"
#include "fault_inject.h"
#include "label_cache_int.h"
#include "label_image.h"
#include "label_shmem.h"
#include "normalize.h"

/* the index of the version this backend saw last; holds one pin */
static LabelIndex *current = NULL;

int64		label_index_builds = 0;

/*
 * What a function call site (fn_extra) keeps for its statement: the index
 * it pinned, and for which snapshot and user it was checked, so later calls
 * of the same statement neither read glossary.changes nor check privileges.
 */
typedef struct CallIndex
{
	LocalTransactionId lxid;
	Snapshot	snap;
	TransactionId xmin;
	TransactionId xmax;
	uint32		xcnt;
	CommandId	curcid;
	uint64		completion;
	Oid			userid;
	int			flags;
	GlossaryVersion version;
	LabelIndex *idx;			/* pinned */
	void	   *extra;			/* the caller's, valid for this statement */
	void	   *scratch;		/* the caller's, kept across statements */
	MemoryContextCallback release;
} CallIndex;

/*
 * An updated index is rebuilt once more than a quarter of its labels are
 * dead, and at least this many (a small glossary is cheap to carry).
 */
#define MAX_DEAD_SHARE	4
#define MIN_DEAD_REBUILD 256

static void
pin_index(LabelIndex *idx)
{
	idx->pins++;
}

static void
unpin_index(LabelIndex *idx)
{
	Assert(idx->pins > 0);
	if (--idx->pins == 0)
	{
		label_shmem_release(idx);
		MemoryContextDelete(idx->cxt);
	}
}

/* the call site's memory goes (end of query, error): its pin goes with it */
static void
call_index_release(void *arg)
{
	CallIndex  *ci = arg;

	if (ci->idx != NULL)
		unpin_index(ci->idx);
	ci->idx = NULL;
}

Snapshot
label_index_snapshot(void)
{
	return ActiveSnapshotSet() ? GetActiveSnapshot() : GetTransactionSnapshot();
}

/* the statement (snapshot, command, user) the call site last checked */
static bool
same_statement(const CallIndex *ci, Snapshot snap, int flags)
{
	return ci->idx != NULL &&
		ci->lxid == MyLocalTransactionId_compat() &&
		ci->xmin == snap->xmin && ci->xmax == snap->xmax && ci->xcnt == snap->xcnt &&
		ci->curcid == snap->curcid &&
		ci->completion == snap->snapXactCompletionCount &&
		/* a restored snapshot (parallel worker) has no completion count */
		(snap->snapXactCompletionCount != 0 || ci->snap == snap) &&
		ci->userid == GetUserId() &&
		(ci->flags & flags) == flags;
}

/*
 * SELECT on the tables the answer comes from, as the SPI build would need;
 * true when row-level security filters what the caller reads of the table
 * (check_enable_rls: the table has RLS enabled, and the caller is neither
 * a superuser, nor BYPASSRLS, nor its owner unless FORCE).  With
 * row_security = off such a caller gets the error a SELECT would get.
 */
static bool
check_table(Oid nsp, const char *name)
{
	Oid			relid = get_relname_relid(name, nsp);
	AclResult	acl;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table glossary.%s does not exist", name),
				 errhint("Run ALTER EXTENSION glossary UPDATE.")));
	acl = pg_class_aclcheck(relid, GetUserId(), ACL_SELECT);
	if (acl != ACLCHECK_OK)
		aclcheck_error(acl, OBJECT_TABLE, name);
	return check_enable_rls(relid, InvalidOid, false) == RLS_ENABLED;
}

/* committed transactions a version counts: every row's folded ones, and
 * the own labels part of rows other than this transaction's */
static int64
committed_count(const ChangeRows *rows, FullTransactionId own)
{
	int64		n = 0;
	int			i;

	for (i = 0; i < rows->n; i++)
		n += rows->rows[i].merged_n +
			((rows->rows[i].labels &&
			  (!FullTransactionIdIsValid(own) || rows->rows[i].xact != U64FromFullTransactionId(own))) ? 1 : 0);
	return n;
}

/*
 * Keep the rows of glossary.changes an index's version had, in its context:
 * the other transactions' rows only, so that this transaction's row, once
 * committed, counts as new and its entries are read again.
 */
static void
remember_rows(LabelIndex *idx, const GlossaryVersion *v, const ChangeRows *rows)
{
	ChangeRow  *old = idx->known.rows;
	int			i;

	/* the new array first: an error here (out of memory) leaves the old one in place */
	GLOSSARY_FAULT_POINT("cache.remember_rows");
	idx->known.rows = MemoryContextAlloc(idx->cxt, sizeof(ChangeRow) * Max(rows->n, 1));
	if (old != NULL)
		pfree(old);
	idx->known.n = 0;
	for (i = 0; i < rows->n; i++)
	{
		if (FullTransactionIdIsValid(v->own_xid) && rows->rows[i].xact == U64FromFullTransactionId(v->own_xid))
		{
			/*
			 * The committed transactions our row folded are in the index:
			 * keep them as a row of their own (no transaction has id 0), so
			 * that once our row is committed they count as known.
			 */
			idx->known.rows[idx->known.n] = rows->rows[i];
			idx->known.rows[idx->known.n].xact = 0;
			idx->known.rows[idx->known.n].labels = false;
			idx->known.rows[idx->known.n].nslugs = 0;
			idx->known.rows[idx->known.n].slugs = NULL;
			idx->known.rows[idx->known.n].nmerged = 0;
			idx->known.rows[idx->known.n].merged_slugs = NULL;
			idx->known.n++;
			continue;
		}
		idx->known.rows[idx->known.n] = rows->rows[i];
		idx->known.rows[idx->known.n].nslugs = 0;
		idx->known.rows[idx->known.n].slugs = NULL;
		idx->known.rows[idx->known.n].nmerged = 0;
		idx->known.rows[idx->known.n].merged_slugs = NULL;
		idx->known.n++;
	}
	idx->committed = committed_count(rows, v->own_xid);

	/* this transaction's changes it holds: read again once the transaction ends */
	idx->nown = 0;
	idx->own_unknown = false;
	if (FullTransactionIdIsValid(v->own_xid))
	{
		char	  **own;
		int			k = glossary_own_changes(&own);

		if (k < 0)
			idx->own_unknown = true;
		else
		{
			idx->own_slugs = MemoryContextAlloc(idx->cxt, sizeof(char *) * Max(k, 1));
			for (i = 0; i < k; i++)
				idx->own_slugs[i] = MemoryContextStrdup(idx->cxt, own[i]);
			idx->nown = k;
		}
	}
}

static bool
row_known(const ChangeRows *rows, uint64 xact)
{
	int			i;

	for (i = 0; i < rows->n; i++)
		if (rows->rows[i].xact == xact)
			return true;
	return false;
}

static void
add_slugs(char ***out, int *n, int *cap, char **slugs, int nslugs)
{
	int			j;

	for (j = 0; j < nslugs; j++)
	{
		if (*n >= *cap)
		{
			*cap *= 2;
			*out = repalloc(*out, *cap * sizeof(char *));
		}
		(*out)[(*n)++] = slugs[j];
	}
}

/*
 * The entries changed between the index's version and v, or -1 when an
 * update cannot tell.  Snapshots see a chain of committed sets, so v is
 * later than the index when it counts at least as many committed
 * transactions (fewer: an older snapshot, rebuilt).  Every committed
 * transaction the index lacks is then in a row it has not seen, on its own
 * or folded; the known rows that are gone were folded into such rows.  When
 * the transactions folded into new rows are exactly the gone ones (counted,
 * ids XORed), only the new rows' own entries changed; otherwise their
 * merged lists are needed too.  This transaction's own changes come from
 * this backend's list, those of an earlier transaction of this backend
 * that the index held from the index.
 */
static int
changed_slugs(LabelIndex *idx, const GlossaryVersion *v, const ChangeRows *rows, char ***slugs)
{
	const ChangeRows *known = &idx->known;
	int64		gone_n = 0,
				folded_n = 0;
	uint64		gone_x = 0,
				folded_x = 0;
	bool		exact;
	int			i,
				n = 0,
				cap = 16;
	char	  **out;

	if (!v->valid || !idx->version.valid || v->relid != idx->version.relid)
		return -1;
	if (committed_count(rows, v->own_xid) < idx->committed)
		return -1;
	for (i = 0; i < known->n; i++)
	{
		const ChangeRow *r = &known->rows[i];

		if (row_known(rows, r->xact))
			continue;
		gone_n += (r->labels ? 1 : 0) + r->merged_n;
		gone_x ^= (r->labels ? r->xact : 0) ^ r->merged_x;
	}
	for (i = 0; i < rows->n; i++)
	{
		const ChangeRow *r = &rows->rows[i];

		if (row_known(known, r->xact))
			continue;
		folded_n += r->merged_n;
		folded_x ^= r->merged_x;
	}
	exact = gone_n == folded_n && gone_x == folded_x;

	out = palloc(cap * sizeof(char *));
	for (i = 0; i < rows->n; i++)
	{
		const ChangeRow *r = &rows->rows[i];
		bool		own = FullTransactionIdIsValid(v->own_xid) && r->xact == U64FromFullTransactionId(v->own_xid);

		if (row_known(known, r->xact))
			continue;
		if (r->labels && !own)
		{
			if (r->nslugs < 0)
				return -1;
			add_slugs(&out, &n, &cap, r->slugs, r->nslugs);
		}
		if (!exact && r->merged_n > 0)
		{
			if (r->nmerged < 0)
				return -1;
			add_slugs(&out, &n, &cap, r->merged_slugs, r->nmerged);
		}
		if (n > CHANGE_MAX_SLUGS)
			return -1;
	}
	/* the changes of a transaction that has ended since, committed or not */
	if (FullTransactionIdIsValid(idx->version.own_xid) &&
		!FullTransactionIdEquals(idx->version.own_xid, v->own_xid))
	{
		if (idx->own_unknown)
			return -1;
		add_slugs(&out, &n, &cap, idx->own_slugs, idx->nown);
	}
	if (FullTransactionIdIsValid(v->own_xid))
	{
		char	  **own;
		int			k = glossary_own_changes(&own);

		if (k < 0)
			return -1;
		add_slugs(&out, &n, &cap, own, k);
	}
	if (n > CHANGE_MAX_SLUGS)
		return -1;
	*slugs = out;
	return n;
}

static bool
too_many_dead(const LabelIndex *idx)
{
	return idx->dead_labels >= MIN_DEAD_REBUILD &&
		(int64) idx->dead_labels * MAX_DEAD_SHARE > idx->nlabels;
}

/* bring an updatable index to version v if the changes allow it; false: rebuild */
static bool
update_to_version(LabelIndex *idx, const GlossaryVersion *v, const ChangeRows *rows, Snapshot snap)
{
	char	  **slugs;
	int			n;

	if (idx->frozen || !v->valid || too_many_dead(idx))
		return false;
	n = changed_slugs(idx, v, rows, &slugs);
	if (n < 0)
		return false;
	/* an image being updated keeps the rows it knows in room it has */
	if (idx->fixed && rows->n > idx->known_cap)
		return false;
	idx->updating = true;
	if (!label_index_apply_changes(idx, slugs, n, snap))
	{
		idx->updating = false;
		return false;
	}
	idx->updating = false;
	idx->version = *v;
	remember_rows(idx, v, rows);
	return true;
}

/* the new current index (or an index for this statement only, when v is not valid) */
static LabelIndex *
make_current(LabelIndex *idx, const GlossaryVersion *v)
{
	if (v->valid && idx != current)
	{
		if (current != NULL)
			unpin_index(current);
		current = idx;
		pin_index(idx);
	}
	return idx;
}

/* a new index of version v, read with snap into cxt */
static LabelIndex *
build_version(MemoryContext cxt, const GlossaryVersion *v, const ChangeRows *rows, Snapshot snap)
{
	LabelIndex *idx = label_index_build(cxt, snap);

	idx->version = *v;
	remember_rows(idx, v, rows);
	label_index_builds++;
	return idx;
}

typedef struct UpdateArgs
{
	const GlossaryVersion *v;
	const ChangeRows *rows;
	Snapshot	snap;
	LabelChanges *changes;		/* read by prepare_shared_copy */
} UpdateArgs;

/*
 * label_shmem_update_newest()'s prepare: the entries changed between the
 * newest image (src) and the version, read, and the room they need in the
 * copy; false when the changes cannot be told (a rebuild).
 */
static bool
prepare_shared_copy(LabelIndex *src, void *arg, LabelRoom *room)
{
	UpdateArgs *upd = arg;
	char	  **slugs;
	int			n;

	if (!upd->v->valid || too_many_dead(src))
		return false;
	if ((n = changed_slugs(src, upd->v, upd->rows, &slugs)) < 0)
		return false;
	upd->changes = label_index_read_changes(slugs, n, upd->snap);
	label_changes_room(upd->changes, room);
	/* the copy keeps the version's rows of glossary.changes (remember_rows) */
	room->nknown = upd->rows->n;
	return true;
}

/* its update: the copy in the area brought to the version with the changes read */
static bool
update_shared_copy(LabelIndex *idx, void *arg)
{
	UpdateArgs *upd = arg;

	if (idx->fixed && upd->rows->n > idx->known_cap)
		return false;
	idx->updating = true;
	if (!label_index_apply_read_changes(idx, upd->changes))
	{
		idx->updating = false;
		return false;
	}
	idx->updating = false;
	idx->version = *upd->v;
	remember_rows(idx, upd->v, upd->rows);
	return true;
}

/*
 * The shared index of version v: found, or made by this session (the
 * newest shared image copied and updated, or a build) and shared.  NULL
 * when it does not fit the area: then *local_out gets the index made here
 * (also NULL for a parallel worker that found no image).
 */
static LabelIndex *
shared_index_of_version(const GlossaryVersion *v, const ChangeRows *rows, Snapshot snap,
						LabelIndex **local_out)
{
	MemoryContext hdr = AllocSetContextCreate(CurrentMemoryContext, "glossary shared label index",
											  ALLOCSET_SMALL_SIZES);
	MemoryContext cxt;
	LabelIndex *idx,
			   *local;
	UpdateArgs	upd;

	upd.v = v;
	upd.rows = rows;
	upd.snap = snap;
	upd.changes = NULL;
	*local_out = NULL;
	GLOSSARY_FAULT_POINT("cache.shared_lookup");
	if ((idx = label_shmem_find(v, hdr)) == NULL && label_shmem_may_share())
	{
		/* one builder at a time: the others then find its image */
		label_shmem_lock_build();
		if ((idx = label_shmem_find(v, hdr)) == NULL &&
			current != NULL && !current->frozen && current->pins == 1 &&
			update_to_version(current, v, rows, snap))
		{
			/*
			 * This session's own copy (its transaction's writes, now
			 * committed), brought to v: shared without another copy.  The
			 * caller's make_current() then lets it go.
			 */
			idx = label_shmem_publish(current, hdr);
			if (idx == NULL)
				*local_out = current;
		}
		else if (idx == NULL &&
				 (idx = label_shmem_update_newest(v, hdr, prepare_shared_copy, update_shared_copy, &upd)) == NULL)
		{
			/*
			 * No room in the area for the update: a copy in this session,
			 * which can grow; no image to start from, or changes it cannot
			 * tell: a build.
			 */
			GLOSSARY_FAULT_POINT("cache.session_copy");
			cxt = AllocSetContextCreate(CurrentMemoryContext, "glossary label index",
										ALLOCSET_DEFAULT_SIZES);
			local = label_shmem_thaw_newest(v->relid, cxt);
			if (local == NULL || !update_to_version(local, v, rows, snap))
			{
				elog(DEBUG1, "glossary: building the label index (%s)",
					 local == NULL ? "no shared image to start from" : "the changes since the newest image are not known");
				MemoryContextReset(cxt);
				local = build_version(cxt, v, rows, snap);
			}
			idx = label_shmem_publish(local, hdr);
			if (idx != NULL)
				MemoryContextDelete(cxt);
			else
			{
				MemoryContextSetParent(cxt, CacheMemoryContext);
				*local_out = local;
			}
		}
		label_shmem_unlock_build();
	}
	if (idx == NULL)
	{
		MemoryContextDelete(hdr);
		return NULL;
	}
	MemoryContextSetParent(hdr, CacheMemoryContext);
	return idx;
}

/* the index of version v: the current one, updated, or a new one read with snap */
static LabelIndex *
index_of_version(const GlossaryVersion *v, const ChangeRows *rows, Snapshot snap)
{
	MemoryContext cxt;
	LabelIndex *idx;

	/* an update that failed half-way (an error, a cancel) left it unusable */
	if (current != NULL && current->updating)
	{
		unpin_index(current);
		current = NULL;
	}

	/* the links part may differ: the backlink graph follows it on its own */
	if (current != NULL && glossary_labels_equal(&current->version, v))
		return current;

	/* committed changes only: the shared index of that version */
	if (v->valid && !FullTransactionIdIsValid(v->own_xid) && label_shmem_enabled())
	{
		LabelIndex *local;

		idx = shared_index_of_version(v, rows, snap, &local);
		if (idx != NULL || local != NULL)
			return make_current(idx != NULL ? idx : local, v);
		/* a parallel worker that found no image: an index of its own */
	}

	/* this transaction's own writes: a copy of the shared index, updated */
	if (v->valid && (current != NULL ? current->frozen : label_shmem_enabled()))
	{
		cxt = AllocSetContextCreate(CurrentMemoryContext, "glossary label index",
									ALLOCSET_DEFAULT_SIZES);
		idx = current != NULL ? label_image_thaw(current->image, cxt) : label_shmem_thaw_newest(v->relid, cxt);
		if (idx != NULL && update_to_version(idx, v, rows, snap))
		{
			MemoryContextSetParent(cxt, CacheMemoryContext);
			return make_current(idx, v);
		}
		MemoryContextDelete(cxt);
	}

	/* a few entries changed and no statement uses the index: update it */
	if (current != NULL && current->pins == 1 && update_to_version(current, v, rows, snap))
		return current;

	/* built under the caller's context, so an error frees it */
	cxt = AllocSetContextCreate(CurrentMemoryContext, "glossary label index",
								ALLOCSET_DEFAULT_SIZES);
	idx = build_version(cxt, v, rows, snap);
	MemoryContextSetParent(cxt, CacheMemoryContext);

	/* without a version (1.1's schema) it serves this statement only */
	return make_current(idx, v);
}

/*
 * At the end of a transaction the session lets go of a shared index, so
 * that an idle session keeps no old version alive; the next transaction
 * finds the shared index again, which costs microseconds.
 */
static void
label_cache_xact_callback(XactEvent event, void *arg)
{
	if ((event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
		 event == XACT_EVENT_PREPARE || event == XACT_EVENT_PARALLEL_COMMIT ||
		 event == XACT_EVENT_PARALLEL_ABORT) &&
		current != NULL && current->frozen)
	{
		unpin_index(current);
		current = NULL;
	}
}

void
label_cache_init(void)
{
	RegisterXactCallback(label_cache_xact_callback, NULL);
}

LabelIndex *
label_index_for_call(FunctionCallInfo fcinfo, int flags)
{
	CallIndex  *ci = fcinfo->flinfo->fn_extra;
	Snapshot	snap = label_index_snapshot();
	Oid			nsp;
	GlossaryVersion v;
	ChangeRows	rows;
	LabelIndex *idx;
	bool		rls;

	if (ci == NULL)
	{
		ci = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(CallIndex));
		ci->release.func = call_index_release;
		ci->release.arg = ci;
		MemoryContextRegisterResetCallback(fcinfo->flinfo->fn_mcxt, &ci->release);
		fcinfo->flinfo->fn_extra = ci;
	}
	else if (same_statement(ci, snap, flags))
		return ci->idx;

	nsp = get_rel_namespace(glossary_entries_relid());
	/* every table checked, so that each error comes first */
	rls = check_table(nsp, "entries");
	rls = check_table(nsp, "aliases") || rls;
	if (flags & LABEL_INDEX_LINKS)
		rls = check_table(nsp, "links") || rls;

	glossary_check_icu_version(nsp, snap);
	glossary_read_version(snap, &v, &rows);

	/*
	 * Row-level security filters what this caller reads: an index of its own,
	 * built under its policies for this statement only.  It is not shared,
	 * not kept for the next statement, and no shared or cached index (built
	 * under no policy) answers it, since a policy may depend on anything
	 * (the role, settings, the time) and ALTER POLICY changes no version.
	 * The shared and cached indexes are built only by callers no policy
	 * applies to, so they hold every row.
	 */
	if (rls)
		v.valid = false;
	/* this call site's old pin goes first, so the index may be updated in place */
	if (ci->idx != NULL)
		unpin_index(ci->idx);
	ci->idx = NULL;
	idx = index_of_version(&v, &rows, snap);
	pin_index(idx);
	ci->extra = NULL;
	ci->idx = idx;
	ci->version = v;
	ci->lxid = MyLocalTransactionId_compat();
	ci->snap = snap;
	ci->xmin = snap->xmin;
	ci->xmax = snap->xmax;
	ci->xcnt = snap->xcnt;
	ci->curcid = snap->curcid;
	ci->completion = snap->snapXactCompletionCount;
	ci->userid = GetUserId();
	ci->flags = flags;
	return idx;
}

const GlossaryVersion *
label_index_call_version(FunctionCallInfo fcinfo)
{
	CallIndex  *ci = fcinfo->flinfo->fn_extra;

	Assert(ci != NULL && ci->idx != NULL);
	return &ci->version;
}

void	  **
label_index_call_extra(FunctionCallInfo fcinfo)
{
	CallIndex  *ci = fcinfo->flinfo->fn_extra;

	Assert(ci != NULL && ci->idx != NULL);
	return &ci->extra;
}

void	  **
label_index_call_scratch(FunctionCallInfo fcinfo)
{
	CallIndex  *ci = fcinfo->flinfo->fn_extra;

	Assert(ci != NULL);
	return &ci->scratch;
}
