/*
 * cache_inval.c
 *	  The glossary's version (see cache_inval.h): the trigger that records a
 *	  writing transaction in glossary.changes, and the reader.
 *
 * glossary.changes holds one row per writing transaction, keyed by its id,
 * inserted by the first write of each part (statement triggers; row
 * triggers enabled for replica mode, where statement triggers do not fire).
 * Concurrent writers insert different rows, so they never wait for each
 * other here.  The first write of a READ COMMITTED transaction also folds
 * the committed rows of other transactions into its own row (counts added,
 * ids XORed into the merged_* columns), skipping rows another folder holds:
 * every snapshot then still computes the same version, and the table stays
 * a few rows long.
 */
#include "postgres.h"

#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/xid8.h"

#include "cache_inval.h"
#include "glossary.h"

#define PART_LABELS 0
#define PART_LINKS	1

/* this transaction's own writes (readers add them to the version) */
static TransactionId own_xid = InvalidTransactionId;
static uint64 own_writes = 0;

/* the subtransaction whose row records each part, if any */
static SubTransactionId recorded_in[2] = {InvalidSubTransactionId, InvalidSubTransactionId};
static bool folded = false;

PG_FUNCTION_INFO_V1(glossary_invalidate_trigger);

static void
xact_callback(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_PREPARE:
			own_xid = InvalidTransactionId;
			recorded_in[PART_LABELS] = recorded_in[PART_LINKS] = InvalidSubTransactionId;
			folded = false;
			break;
		default:
			break;
	}
}

static void
subxact_callback(SubXactEvent event, SubTransactionId mySubid,
				 SubTransactionId parentSubid, void *arg)
{
	int			p;

	for (p = 0; p < 2; p++)
	{
		if (recorded_in[p] != mySubid)
			continue;
		if (event == SUBXACT_EVENT_ABORT_SUB)
			recorded_in[p] = InvalidSubTransactionId;
		else if (event == SUBXACT_EVENT_COMMIT_SUB)
			recorded_in[p] = parentSubid;
	}
	/* a rolled-back savepoint undid own writes: the contents changed again */
	if (event == SUBXACT_EVENT_ABORT_SUB)
		own_writes++;
}

void
glossary_cache_init(void)
{
	RegisterXactCallback(xact_callback, NULL);
	RegisterSubXactCallback(subxact_callback, NULL);
}

Oid
glossary_entries_relid(void)
{
	Oid			nsp;
	Oid			relid;

	/* the schema is fixed by the control file */
	nsp = get_namespace_oid("glossary", true);
	relid = OidIsValid(nsp) ? get_relname_relid("entries", nsp) : InvalidOid;
	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table glossary.entries does not exist"),
				 errhint("Run CREATE EXTENSION glossary.")));
	return relid;
}

/* run one statement on glossary.changes as its owner: writers need no grant on it */
static void
run_as_owner(Relation ledger, const char *sql, int nargs, Oid *types, Datum *args, int expect)
{
	Oid			save_user;
	int			save_sec;

	GetUserIdAndSecContext(&save_user, &save_sec);
	SetUserIdAndSecContext(ledger->rd_rel->relowner,
						   save_sec | SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args(sql, nargs, types, args, NULL, false, 0) != expect)
		elog(ERROR, "could not record a change in glossary.changes");
	SPI_finish();
	SetUserIdAndSecContext(save_user, save_sec);
}

static void
record_change(Relation rel, int part)
{
	Oid			ledger_relid = get_relname_relid("changes", RelationGetNamespace(rel));
	Relation	ledger;
	Oid			types[2] = {BOOLOID, BOOLOID};
	Datum		args[2];

	own_xid = GetTopTransactionId();
	own_writes++;
	if (!OidIsValid(ledger_relid))
		return;					/* 1.1's schema: readers rebuild per statement */
	if (recorded_in[part] != InvalidSubTransactionId)
		return;

	ledger = table_open(ledger_relid, RowExclusiveLock);
	args[0] = BoolGetDatum(part == PART_LABELS);
	args[1] = BoolGetDatum(part == PART_LINKS);
	run_as_owner(ledger,
				 "INSERT INTO glossary.changes AS c (xact, labels, links) "
				 "VALUES (pg_catalog.pg_current_xact_id(), $1, $2) "
				 "ON CONFLICT (xact) DO UPDATE SET labels = c.labels OR excluded.labels, "
				 "links = c.links OR excluded.links",
				 2, types, args, SPI_OK_INSERT);
	recorded_in[part] = GetCurrentSubTransactionId();

	/*
	 * Fold the others' committed rows into ours.  Only under READ COMMITTED:
	 * a REPEATABLE READ writer would fail on a row another folder deleted.
	 */
	if (!folded && !IsolationUsesXactSnapshot())
	{
		folded = true;
		run_as_owner(ledger,
					 "WITH gone AS ("
					 " DELETE FROM glossary.changes WHERE ctid OPERATOR(pg_catalog.=) ANY (ARRAY("
					 "  SELECT ctid FROM glossary.changes"
					 "  WHERE xact OPERATOR(pg_catalog.<>) pg_catalog.pg_current_xact_id()"
					 "  FOR UPDATE SKIP LOCKED))"
					 " RETURNING *), "
					 "sums AS ("
					 " SELECT pg_catalog.count(*) FILTER (WHERE labels) OPERATOR(pg_catalog.+) pg_catalog.sum(merged_labels) AS nl,"
					 "  pg_catalog.bit_xor(CASE WHEN labels THEN xact::pg_catalog.text::pg_catalog.int8 ELSE 0 END"
					 "   OPERATOR(pg_catalog.#) merged_labels_xor) AS xl,"
					 "  pg_catalog.count(*) FILTER (WHERE links) OPERATOR(pg_catalog.+) pg_catalog.sum(merged_links) AS nk,"
					 "  pg_catalog.bit_xor(CASE WHEN links THEN xact::pg_catalog.text::pg_catalog.int8 ELSE 0 END"
					 "   OPERATOR(pg_catalog.#) merged_links_xor) AS xk"
					 " FROM gone HAVING pg_catalog.count(*) OPERATOR(pg_catalog.>) 0) "
					 "UPDATE glossary.changes c SET merged_labels = c.merged_labels OPERATOR(pg_catalog.+) s.nl,"
					 " merged_labels_xor = c.merged_labels_xor OPERATOR(pg_catalog.#) s.xl,"
					 " merged_links = c.merged_links OPERATOR(pg_catalog.+) s.nk,"
					 " merged_links_xor = c.merged_links_xor OPERATOR(pg_catalog.#) s.xk "
					 "FROM sums s WHERE c.xact OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id()",
					 0, NULL, NULL, SPI_OK_UPDATE);
	}
	table_close(ledger, NoLock);
}

/*
 * Trigger on entries, aliases (the labels part) and links (the links part):
 * statement level for ordinary writes, row level (ENABLE REPLICA) for the
 * logical replication apply worker.
 */
Datum
glossary_invalidate_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	const char *table;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("glossary_invalidate_trigger() was not called by the trigger manager")));
	table = RelationGetRelationName(trigdata->tg_relation);
	record_change(trigdata->tg_relation, strcmp(table, "links") == 0 ? PART_LINKS : PART_LABELS);
	PG_RETURN_POINTER(NULL);
}

void
glossary_read_version(Snapshot snap, GlossaryVersion *v)
{
	Oid			relid = glossary_entries_relid();
	Oid			ledger_relid = get_relname_relid("changes", get_rel_namespace(relid));
	Relation	ledger;
	TableScanDesc scan;
	HeapTuple	tup;

	memset(v, 0, sizeof(GlossaryVersion));
	v->relid = relid;
	if (TransactionIdIsValid(own_xid) && own_xid == GetTopTransactionIdIfAny())
	{
		v->own_xid = own_xid;
		v->own_writes = own_writes;
	}
	if (!OidIsValid(ledger_relid))
		return;					/* not valid: never reused */

	ledger = table_open(ledger_relid, AccessShareLock);
	if (RelationGetDescr(ledger)->natts != 7)
		elog(ERROR, "glossary.changes has an unexpected shape");
	scan = table_beginscan(ledger, snap, 0, NULL);
	while ((tup = heap_getnext(scan, ForwardScanDirection)) != NULL)
	{
		Datum		d[7];
		bool		nulls[7];
		uint64		xact;

		heap_deform_tuple(tup, RelationGetDescr(ledger), d, nulls);
		xact = U64FromFullTransactionId(DatumGetFullTransactionId(d[0]));
		if (DatumGetBool(d[1]))
		{
			v->labels.n++;
			v->labels.x ^= xact;
		}
		if (DatumGetBool(d[2]))
		{
			v->links.n++;
			v->links.x ^= xact;
		}
		v->labels.n += DatumGetInt64(d[3]);
		v->labels.x ^= (uint64) DatumGetInt64(d[4]);
		v->links.n += DatumGetInt64(d[5]);
		v->links.x ^= (uint64) DatumGetInt64(d[6]);
	}
	table_endscan(scan);
	table_close(ledger, AccessShareLock);
	v->valid = true;
}

bool
glossary_labels_equal(const GlossaryVersion *a, const GlossaryVersion *b)
{
	return a->valid && b->valid && a->relid == b->relid &&
		a->labels.n == b->labels.n && a->labels.x == b->labels.x &&
		a->own_xid == b->own_xid && a->own_writes == b->own_writes;
}

bool
glossary_links_equal(const GlossaryVersion *a, const GlossaryVersion *b)
{
	return glossary_labels_equal(a, b) &&
		a->links.n == b->links.n && a->links.x == b->links.x;
}
