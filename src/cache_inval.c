/*
 * cache_inval.c
 *	  The glossary's version (see cache_inval.h): the trigger that records a
 *	  writing transaction in glossary.changes, and the reader.
 *
 * glossary.changes holds one row per writing transaction, keyed by its id,
 * inserted by the first write of each part (statement triggers; row
 * triggers enabled for replica mode, where statement triggers do not fire,
 * and statement triggers for a TRUNCATE there).  In replica mode the row
 * triggers note each row's entry after the write, so an applied
 * transaction lists its entries too.
 * Concurrent writers insert different rows, so they never wait for each
 * other here.  The first write of a READ COMMITTED transaction also folds
 * the committed rows of other transactions into its own row (counts added,
 * ids XORed into the merged_* columns), skipping rows another folder holds:
 * every snapshot then still computes the same version, and the table stays
 * a few rows long.  A row lists the entries its own transaction changed
 * (slugs) apart from those of the rows it folded (merged_slugs), so a
 * reader that knew the folded rows reads only the new transaction's.
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
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/xid8.h"

#include "cache_inval.h"
#include "glossary.h"

#define PART_LABELS 0
#define PART_LINKS	1

/* this transaction's own writes (readers add them to the version) */
static FullTransactionId own_xid = {InvalidTransactionId};
static uint64 own_writes = 0;

/* the subtransaction whose row records each part, if any */
static SubTransactionId recorded_in[2] = {InvalidSubTransactionId, InvalidSubTransactionId};
static bool folded = false;

/*
 * The entries this transaction changed (slugs, in TopTransactionContext),
 * noted by the row triggers and written to its row by the statement
 * triggers, so a reader can update its index instead of rebuilding it.
 * Rows of a rolled-back savepoint stay noted: a superset is harmless.
 */
static char **noted = NULL;
static int	nnoted = 0;
static int	noted_cap = 0;
static bool noted_unknown = false;	/* too many, or a TRUNCATE */
static bool noted_dirty = false;	/* noted since the row was last written */

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
			own_xid = InvalidFullTransactionId;
			recorded_in[PART_LABELS] = recorded_in[PART_LINKS] = InvalidSubTransactionId;
			folded = false;
			noted = NULL;
			nnoted = noted_cap = 0;
			noted_unknown = noted_dirty = false;
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
run_as_owner(Relation ledger, const char *sql, int nargs, Oid *types, Datum *args,
			 const char *nulls, int expect, void (*read_result) (void))
{
	Oid			save_user;
	int			save_sec;

	GetUserIdAndSecContext(&save_user, &save_sec);
	SetUserIdAndSecContext(ledger->rd_rel->relowner,
						   save_sec | SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args(sql, nargs, types, args, nulls, false, 0) != expect)
		elog(ERROR, "could not record a change in glossary.changes");
	if (read_result != NULL)
		read_result();
	SPI_finish();
	SetUserIdAndSecContext(save_user, save_sec);
}

static void
note_string(const char *slug)
{
	if (noted_unknown)
		return;
	if (nnoted >= CHANGE_MAX_SLUGS * 4)
	{
		/* the row, if written already, must say so */
		noted_unknown = noted_dirty = true;
		return;
	}
	if (nnoted >= noted_cap)
	{
		noted_cap = Max(noted_cap * 2, 16);
		noted = noted == NULL ? MemoryContextAlloc(TopTransactionContext, noted_cap * sizeof(char *))
			: repalloc(noted, noted_cap * sizeof(char *));
	}
	noted[nnoted++] = MemoryContextStrdup(TopTransactionContext, slug);
	noted_dirty = true;
}

static void
note_slug(HeapTuple tup, TupleDesc desc)
{
	const char *column = desc->natts > 0 ? NameStr(TupleDescAttr(desc, 0)->attname) : "";
	bool		isnull;
	Datum		d;

	if (tup == NULL || noted_unknown)
		return;
	/* entries.slug and aliases.entry: the first column of both */
	if (strcmp(column, "slug") != 0 && strcmp(column, "entry") != 0)
		elog(ERROR, "unexpected first column \"%s\" of a glossary table", column);
	d = heap_getattr(tup, 1, desc, &isnull);
	if (isnull)
		return;
	note_string(TextDatumGetCString(d));
}

static int
cstring_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* sort the noted slugs and keep each once */
static void
unique_noted(void)
{
	int			i,
				n = 0;

	if (noted_unknown || nnoted == 0)
		return;
	qsort(noted, nnoted, sizeof(char *), cstring_cmp);
	for (i = 0; i < nnoted; i++)
		if (n == 0 || strcmp(noted[n - 1], noted[i]) != 0)
			noted[n++] = noted[i];
	nnoted = n;
	if (n > CHANGE_MAX_SLUGS)
		noted_unknown = true;
}

int
glossary_own_changes(char ***slugs)
{
	unique_noted();
	if (noted_unknown)
		return -1;
	*slugs = noted;
	return nnoted;
}

/* the noted slugs, each once, as text[]; NULL when they are not known */
static Datum
noted_slugs(bool *isnull)
{
	Datum	   *elems;
	int			i;

	unique_noted();
	*isnull = noted_unknown;
	if (noted_unknown)
		return (Datum) 0;
	elems = palloc(sizeof(Datum) * Max(nnoted, 1));
	for (i = 0; i < nnoted; i++)
		elems[i] = CStringGetTextDatum(noted[i]);
	return PointerGetDatum(construct_array(elems, nnoted, TEXTOID, -1, false, TYPALIGN_INT));
}

/* our row: the parts written so far and the entries noted so far */
static void
write_row(Relation ledger, int part)
{
	Oid			types[3] = {BOOLOID, BOOLOID, TEXTARRAYOID};
	Datum		args[3];
	char		nulls[3] = {' ', ' ', ' '};
	bool		isnull;

	args[0] = BoolGetDatum(part == PART_LABELS);
	args[1] = BoolGetDatum(part == PART_LINKS);
	args[2] = noted_slugs(&isnull);
	if (isnull)
		nulls[2] = 'n';
	run_as_owner(ledger,
				 "INSERT INTO glossary.changes AS c (xact, labels, links, slugs) "
				 "VALUES (pg_catalog.pg_current_xact_id(), $1, $2, $3) "
				 "ON CONFLICT (xact) DO UPDATE SET labels = c.labels OR excluded.labels, "
				 "links = c.links OR excluded.links, slugs = excluded.slugs",
				 3, types, args, nulls, SPI_OK_INSERT, NULL);
	recorded_in[part] = GetCurrentSubTransactionId();
	noted_dirty = false;
}

static void
record_change(Relation rel, int part)
{
	Oid			ledger_relid = get_relname_relid("changes", RelationGetNamespace(rel));
	Relation	ledger;

	/* the full id: glossary.changes.xact is an xid8, epoch and all */
	own_xid = GetTopFullTransactionId();
	own_writes++;
	if (!OidIsValid(ledger_relid))
		return;					/* 1.1's schema: readers rebuild per statement */
	if (recorded_in[part] != InvalidSubTransactionId && !noted_dirty)
		return;

	ledger = table_open(ledger_relid, RowExclusiveLock);
	write_row(ledger, part);

	/*
	 * Fold the others' committed rows into ours, the entries they list into
	 * merged_slugs.  Only under READ COMMITTED: a REPEATABLE READ writer would fail on a row
	 * another folder deleted.
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
					 "   OPERATOR(pg_catalog.#) merged_links_xor) AS xk,"
					 "  pg_catalog.bool_or((labels AND slugs IS NULL)"
					 "   OR (merged_labels OPERATOR(pg_catalog.>) 0 AND merged_slugs IS NULL)) AS unknown,"
					 "  (SELECT pg_catalog.array_agg(DISTINCT u) FROM gone g2,"
					 "   pg_catalog.unnest(g2.slugs OPERATOR(pg_catalog.||) g2.merged_slugs) u) AS slugs"
					 " FROM gone HAVING pg_catalog.count(*) OPERATOR(pg_catalog.>) 0) "
					 "UPDATE glossary.changes c SET merged_labels = c.merged_labels OPERATOR(pg_catalog.+) s.nl,"
					 " merged_labels_xor = c.merged_labels_xor OPERATOR(pg_catalog.#) s.xl,"
					 " merged_links = c.merged_links OPERATOR(pg_catalog.+) s.nk,"
					 " merged_links_xor = c.merged_links_xor OPERATOR(pg_catalog.#) s.xk,"
					 " merged_slugs = CASE WHEN s.unknown OR c.merged_slugs IS NULL"
					 "  OR pg_catalog.cardinality(s.slugs) OPERATOR(pg_catalog.>) " CppAsString2(CHANGE_MAX_SLUGS) " THEN NULL"
					 "  ELSE (SELECT pg_catalog.array_agg(DISTINCT x) FROM"
					 "   pg_catalog.unnest(c.merged_slugs OPERATOR(pg_catalog.||) s.slugs) x) END "
					 "FROM sums s WHERE c.xact OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id()",
					 0, NULL, NULL, NULL, SPI_OK_UPDATE, NULL);
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
	int			part;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("glossary_invalidate_trigger() was not called by the trigger manager")));
	table = RelationGetRelationName(trigdata->tg_relation);

	/* row triggers before the write: note the entry (entries, aliases) */
	if (TRIGGER_FIRED_BEFORE(trigdata->tg_event) && TRIGGER_FIRED_FOR_ROW(trigdata->tg_event))
	{
		TupleDesc	desc = RelationGetDescr(trigdata->tg_relation);

		note_slug(trigdata->tg_trigtuple, desc);
		if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		{
			note_slug(trigdata->tg_newtuple, desc);
			return PointerGetDatum(trigdata->tg_newtuple);
		}
		return PointerGetDatum(trigdata->tg_trigtuple);
	}
	part = strcmp(table, "links") == 0 ? PART_LINKS : PART_LABELS;
	if (TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event))
	{
		/*
		 * A TRUNCATE: which entries is not known.  The row must say so even
		 * when an earlier write of the transaction wrote it already.
		 */
		if (!noted_unknown)
			noted_unknown = noted_dirty = true;
	}
	else if (TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) && part == PART_LABELS)
	{
		/*
		 * A row written in replica mode (the logical replication apply
		 * worker), where the BEFORE row triggers that note entries do not
		 * fire: noted here, after the write, so the row lists the entries
		 * and a subscriber updates its index instead of building it.  The
		 * row is written again whenever a row notes a new entry.
		 */
		TupleDesc	desc = RelationGetDescr(trigdata->tg_relation);

		note_slug(trigdata->tg_trigtuple, desc);
		if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
			note_slug(trigdata->tg_newtuple, desc);
	}
	record_change(trigdata->tg_relation, part);
	PG_RETURN_POINTER(NULL);
}

/* the elements of a text[] datum, -1 for NULL */
static int
text_array(Datum d, bool isnull, char ***out)
{
	Datum	   *elems;
	bool	   *enulls;
	int			n,
				i;

	*out = NULL;
	if (isnull)
		return -1;
	deconstruct_array(DatumGetArrayTypeP(d), TEXTOID, -1, false, TYPALIGN_INT, &elems, &enulls, &n);
	*out = palloc(sizeof(char *) * Max(n, 1));
	for (i = 0; i < n; i++)
		(*out)[i] = enulls[i] ? pstrdup("") : TextDatumGetCString(elems[i]);
	return n;
}

void
glossary_read_version(Snapshot snap, GlossaryVersion *v, ChangeRows *rows)
{
	Oid			relid = glossary_entries_relid();
	Oid			ledger_relid = get_relname_relid("changes", get_rel_namespace(relid));
	Relation	ledger;
	TableScanDesc scan;
	HeapTuple	tup;

	memset(v, 0, sizeof(GlossaryVersion));
	v->relid = relid;
	if (FullTransactionIdIsValid(own_xid) && FullTransactionIdEquals(own_xid, GetTopFullTransactionIdIfAny()))
	{
		v->own_xid = own_xid;
		v->own_writes = own_writes;
	}
	if (rows != NULL)
	{
		rows->n = 0;
		rows->rows = NULL;
	}
	if (!OidIsValid(ledger_relid))
		return;					/* not valid: never reused */

	ledger = table_open(ledger_relid, AccessShareLock);
	if (RelationGetDescr(ledger)->natts != 9)
		elog(ERROR, "glossary.changes has an unexpected shape");
	scan = table_beginscan(ledger, snap, 0, NULL);
	while ((tup = heap_getnext(scan, ForwardScanDirection)) != NULL)
	{
		Datum		d[9];
		bool		nulls[9];
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
		if (rows != NULL)
		{
			ChangeRow  *r;

			if (rows->n % 16 == 0)
				rows->rows = rows->rows == NULL ? palloc(16 * sizeof(ChangeRow))
					: repalloc(rows->rows, (rows->n + 16) * sizeof(ChangeRow));
			r = &rows->rows[rows->n++];
			r->xact = xact;
			r->labels = DatumGetBool(d[1]);
			r->merged_n = DatumGetInt64(d[3]);
			r->merged_x = (uint64) DatumGetInt64(d[4]);
			r->nslugs = text_array(d[7], nulls[7], &r->slugs);
			r->nmerged = text_array(d[8], nulls[8], &r->merged_slugs);
		}
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
		FullTransactionIdEquals(a->own_xid, b->own_xid) && a->own_writes == b->own_writes;
}

bool
glossary_links_equal(const GlossaryVersion *a, const GlossaryVersion *b)
{
	return glossary_labels_equal(a, b) &&
		a->links.n == b->links.n && a->links.x == b->links.x;
}
