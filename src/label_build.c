/*
 * label_build.c
 *	  Reading glossary.entries and glossary.aliases into a label index with
 *	  a snapshot: the whole index (label_index_build), or the entries a
 *	  change lists (label_index_apply_changes: read, then applied), into an
 *	  index that may not be able to grow (an image being updated in the
 *	  shared area: its room is sized from the changes read, and checked
 *	  before anything changes).
 */
#include "postgres.h"
#include "pg_compat.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "fault_inject.h"
#include "label_cache_int.h"
#include "normalize.h"

static int
entry_cmp(const void *a, const void *b, void *arg)
{
	const char *strings = arg;

	return strcmp(strings + ((const GlossaryEntry *) a)->slug, strings + ((const GlossaryEntry *) b)->slug);
}

/*
 * What both reads of glossary.entries select: the label fields, and the key
 * autolink() knows a body by (as label_body_key() computes it), columns 5-7.
 */
#define ENTRY_COLUMNS \
	"SELECT slug::pg_catalog.text, term, summary, category," \
	" pg_catalog.hashtextextended(body, 0), pg_catalog.hashtextextended(body, 1)," \
	" pg_catalog.octet_length(body) FROM glossary.entries"

static BodyKey
spi_body_key(HeapTuple tup, TupleDesc desc)
{
	BodyKey		k;
	bool		isnull;

	k.h0 = DatumGetUInt64(SPI_getbinval(tup, desc, 5, &isnull));
	k.h1 = DatumGetUInt64(SPI_getbinval(tup, desc, 6, &isnull));
	k.len = DatumGetInt32(SPI_getbinval(tup, desc, 7, &isnull));
	return k;
}

static char *
spi_string(HeapTuple tup, TupleDesc desc, int col, MemoryContext cxt)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	if (isnull)
		return MemoryContextStrdup(cxt, "");
	return MemoryContextStrdup(cxt, TextDatumGetCString(d));
}

/* a column of the row into the string pool ("" for NULL) */
static LabelStr
spi_pool_string(LabelIndex *idx, HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);
	text	   *t;
	LabelStr	s;

	if (isnull)
		return label_pool_add(idx, "", 0);
	t = DatumGetTextPP(d);
	s = label_pool_add(idx, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
	if ((Pointer) t != DatumGetPointer(d))
		pfree(t);
	return s;
}

/* read the tables into a new index, allocated in cxt */
LabelIndex *
label_index_build(MemoryContext cxt, Snapshot snap)
{
	LabelIndex *idx;
	LabelIndexData *data;
	MemoryContext old;
	BuildState	bs;
	SPIPlanPtr	plan;
	uint64		i,
				naliases;
	int			nl = 0;

	GLOSSARY_FAULT_POINT("build.alloc");
	idx = MemoryContextAllocZero(cxt, sizeof(LabelIndex));
	data = MemoryContextAllocZero(cxt, sizeof(LabelIndexData));

	idx->cxt = cxt;
	idx->hash = data;
	idx->shared_slot = -1;
	idx->derived = AllocSetContextCreate(cxt, "glossary label index parts", ALLOCSET_DEFAULT_SIZES);

	GLOSSARY_FAULT_POINT("build.spi_connect");
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	GLOSSARY_FAULT_POINT("build.spi_entries");
	plan = SPI_prepare(ENTRY_COLUMNS, 0, NULL);
	if (plan == NULL || SPI_execute_snapshot(plan, NULL, NULL, snap, InvalidSnapshot, true, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read glossary.entries");
	idx->nentries = idx->nlive = SPI_processed;
	idx->entries_cap = Max(idx->nentries, 16);
	GLOSSARY_FAULT_POINT("build.alloc_entries");
	idx->entries = MemoryContextAllocHuge(cxt, idx->entries_cap * sizeof(GlossaryEntry));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;

		idx->entries[i].slug = spi_pool_string(idx, tup, desc, 1);
		idx->entries[i].term = spi_pool_string(idx, tup, desc, 2);
		idx->entries[i].summary = spi_pool_string(idx, tup, desc, 3);
		idx->entries[i].category = spi_pool_string(idx, tup, desc, 4);
		idx->entries[i].body = spi_body_key(tup, desc);
		idx->entries[i].dead = false;
	}
	qsort_arg(idx->entries, idx->nentries, sizeof(GlossaryEntry), entry_cmp, idx->strings);
	idx->by_slug = MemoryContextAllocHuge(cxt, idx->entries_cap * sizeof(int));
	for (i = 0; i < (uint64) idx->nentries; i++)
		idx->by_slug[i] = i;

	GLOSSARY_FAULT_POINT("build.spi_aliases");
	plan = SPI_prepare("SELECT entry, alias FROM glossary.aliases", 0, NULL);
	if (plan == NULL || SPI_execute_snapshot(plan, NULL, NULL, snap, InvalidSnapshot, true, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read glossary.aliases");
	naliases = SPI_processed;

	old = MemoryContextSwitchTo(cxt);
	idx->labels_cap = Max(2 * idx->nentries + naliases, 16);
	GLOSSARY_FAULT_POINT("build.alloc_labels");
	idx->labels = palloc_extended(idx->labels_cap * sizeof(GlossaryLabel), MCXT_ALLOC_HUGE);
	for (i = 0; i < (uint64) idx->nentries; i++)
	{
		label_index_set_label(idx, nl++, idx->entries[i].slug, i, LABEL_SLUG);
		label_index_set_label(idx, nl++, idx->entries[i].term, i, LABEL_TERM);
	}
	for (i = 0; i < naliases; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *slug = spi_string(tup, desc, 1, CurrentMemoryContext);
		int			e = label_index_find_slug(idx, slug);

		pfree(slug);
		if (e >= 0)
			label_index_set_label(idx, nl++, spi_pool_string(idx, tup, desc, 2), e, LABEL_ALIAS);
	}
	idx->nlabels = nl;

	memset(&bs, 0, sizeof(bs));
	bs.idx = idx;
	bs.data = data;
	data->hits_cap = Max(nl * 3, 16);
	GLOSSARY_FAULT_POINT("build.alloc_keys");
	data->hits = palloc_extended((Size) data->hits_cap * sizeof(KeyHit), MCXT_ALLOC_HUGE);
	label_keys_create(idx, Max(nl * 3, 16));
	bs.tmp = AllocSetContextCreate(CurrentMemoryContext, "glossary label keys", ALLOCSET_SMALL_SIZES);
	for (i = 0; i < (uint64) nl; i++)
		label_index_add_label(&bs, i);
	MemoryContextDelete(bs.tmp);
	label_index_summarize_keys(idx);
	MemoryContextSwitchTo(old);

	GLOSSARY_FAULT_POINT("build.spi_finish");
	SPI_finish();
	return idx;
}

/*
 * At most this many keys come from one written label: itself and two
 * inflected forms; its words joined and their two forms; its accents
 * removed, their two forms and those words joined (label_index_add_label).
 */
#define KEYS_PER_LABEL	10

/* bytes a written label adds to the string pool at most: its text, its key, and its variants */
static Size
label_bytes(const char *text)
{
	int			len = strlen(text);
	char	   *utf8 = pg_server_to_any(text, len, PG_UTF8);
	int			keylen;
	char	   *key = glossary_normalize(utf8, utf8 == text ? len : strlen(utf8), true, &keylen, NULL);

	pfree(key);
	if (utf8 != text)
		pfree(utf8);
	/* a variant drops characters or adds "es"; refolding what is left cannot double it */
	return len + 1 + (Size) KEYS_PER_LABEL * (2 * (Size) keylen + 8);
}

/*
 * What applying the changes adds to an index at most: the changed entries
 * come in again (their old rows stay, dead) with their slug, term and
 * aliases as labels, each label with at most KEYS_PER_LABEL keys and hits.
 */
void
label_changes_room(const LabelChanges *c, LabelRoom *room)
{
	int64		labels = 2 * (int64) c->nents + c->nals;
	Size		strings = 0;
	int			i;

	for (i = 0; i < c->nents; i++)
		strings += label_bytes(c->ents[i].slug) + label_bytes(c->ents[i].term) +
			strlen(c->ents[i].summary) + strlen(c->ents[i].category) + 2;
	for (i = 0; i < c->nals; i++)
		strings += label_bytes(c->als[i].alias);
	room->nentries = c->nents;
	room->nlabels = labels;
	room->nkeys = labels * KEYS_PER_LABEL;
	room->nhits = labels * KEYS_PER_LABEL;
	room->strings = strings;
}

/* does an index that cannot grow (an image being updated in place) have room for the changes? */
static bool
room_for(LabelIndex *idx, const LabelChanges *c)
{
	LabelIndexData *data = idx->hash;
	LabelRoom	room;

	label_changes_room(c, &room);
	return idx->nentries + room.nentries <= idx->entries_cap &&
		idx->nlabels + room.nlabels <= idx->labels_cap &&
		data->nkeys + room.nkeys <= data->keys_cap &&
		(data->nkeys + room.nkeys) * 2 <= (int64) data->slot_mask + 1 &&
		data->nhits + room.nhits <= data->hits_cap &&
		idx->strings_len + room.strings <= idx->strings_cap;
}

/* the entries and their aliases as snap sees them, read into the caller's context */
LabelChanges *
label_index_read_changes(char **slugs, int nslugs, Snapshot snap)
{
	LabelChanges *c;
	Datum	   *elems;
	Oid			argtypes[1] = {TEXTARRAYOID};
	Datum		args[1];
	SPIPlanPtr	plan;
	MemoryContext caller = CurrentMemoryContext;
	uint64		r;
	int			i;

	GLOSSARY_FAULT_POINT("changes.alloc");
	c = palloc0(sizeof(LabelChanges));
	elems = palloc(sizeof(Datum) * Max(nslugs, 1));
	c->slugs = slugs;
	c->nslugs = nslugs;
	for (i = 0; i < nslugs; i++)
		elems[i] = CStringGetTextDatum(slugs[i]);
	args[0] = PointerGetDatum(construct_array(elems, nslugs, TEXTOID, -1, false, TYPALIGN_INT));
	GLOSSARY_FAULT_POINT("changes.spi_connect");
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	GLOSSARY_FAULT_POINT("changes.spi_entries");
	plan = SPI_prepare(ENTRY_COLUMNS " WHERE slug::pg_catalog.text OPERATOR(pg_catalog.=) ANY ($1)",
					   1, argtypes);
	if (plan == NULL || SPI_execute_snapshot(plan, args, NULL, snap, InvalidSnapshot, true, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read glossary.entries");
	/* in the caller's context: SPI_finish() frees SPI's */
	c->nents = (int) SPI_processed;
	GLOSSARY_FAULT_POINT("changes.alloc_entries");
	c->ents = MemoryContextAlloc(caller, sizeof(ChangedEntry) * Max(c->nents, 1));
	for (r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		TupleDesc	desc = SPI_tuptable->tupdesc;

		c->ents[r].slug = spi_string(tup, desc, 1, caller);
		c->ents[r].term = spi_string(tup, desc, 2, caller);
		c->ents[r].summary = spi_string(tup, desc, 3, caller);
		c->ents[r].category = spi_string(tup, desc, 4, caller);
		c->ents[r].body = spi_body_key(tup, desc);
	}
	GLOSSARY_FAULT_POINT("changes.spi_aliases");
	plan = SPI_prepare("SELECT entry, alias FROM glossary.aliases WHERE entry OPERATOR(pg_catalog.=) ANY ($1)",
					   1, argtypes);
	if (plan == NULL || SPI_execute_snapshot(plan, args, NULL, snap, InvalidSnapshot, true, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read glossary.aliases");
	c->nals = (int) SPI_processed;
	GLOSSARY_FAULT_POINT("changes.alloc_aliases");
	c->als = MemoryContextAlloc(caller, sizeof(ChangedAlias) * Max(c->nals, 1));
	for (r = 0; r < SPI_processed; r++)
	{
		c->als[r].entry = spi_string(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, caller);
		c->als[r].alias = spi_string(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 2, caller);
	}
	GLOSSARY_FAULT_POINT("changes.spi_finish");
	SPI_finish();
	return c;
}

bool
label_index_apply_changes(LabelIndex *idx, char **slugs, int nslugs, Snapshot snap)
{
	return label_index_apply_read_changes(idx, label_index_read_changes(slugs, nslugs, snap));
}

/*
 * Bring the index to the version the changes were read for by replacing
 * their entries: their old labels' hits are taken out (gone entries marked
 * dead), the new ones go in, and the keys that were touched get their best
 * level again.  The lazily built parts (fuzzy index, automaton, backlink
 * graph, body order) are dropped and rebuilt when next needed.  Only for an
 * index no statement uses.  False, with nothing changed, when an index that
 * cannot grow has no room for them.
 */
bool
label_index_apply_read_changes(LabelIndex *idx, const LabelChanges *c)
{
	LabelIndexData *data = idx->hash;
	BuildState	bs;
	bool	   *changed;
	int			first_new_label = idx->nlabels;
	int			first_new_entry;
	char	  **slugs = c->slugs;
	int			nslugs = c->nslugs;
	ChangedEntry *ents = c->ents;
	ChangedAlias *als = c->als;
	int			nents = c->nents,
				nals = c->nals;
	int			i,
				l;
	MemoryContext old;

	if (idx->fixed && !room_for(idx, c))
		return false;

	GLOSSARY_FAULT_POINT("apply.alloc");
	memset(&bs, 0, sizeof(bs));
	bs.idx = idx;
	bs.data = data;
	bs.touched_cap = 64;
	bs.touched = palloc(bs.touched_cap * sizeof(int));
	bs.tmp = AllocSetContextCreate(CurrentMemoryContext, "glossary label keys", ALLOCSET_SMALL_SIZES);

	/* out: the labels of the entries that changed, and the entries from by_slug */
	changed = palloc0(sizeof(bool) * Max(idx->nentries, 1));
	for (i = 0; i < nslugs; i++)
	{
		bool		found;
		int			pos = label_index_slug_position(idx, slugs[i], &found);

		if (!found)
			continue;
		changed[idx->by_slug[pos]] = true;
		idx->entries[idx->by_slug[pos]].dead = true;
		memmove(&idx->by_slug[pos], &idx->by_slug[pos + 1], (idx->nlive - pos - 1) * sizeof(int));
		idx->nlive--;
	}
	bs.removing = true;
	for (l = 0; l < idx->nlabels; l++)
	{
		GlossaryLabel *gl = &idx->labels[l];

		if (gl->entry < 0 || !changed[gl->entry])
			continue;
		label_index_add_label(&bs, l);
		gl->entry = -1;
		gl->keylen = 0;
		idx->dead_labels++;
	}
	bs.removing = false;

	/* half-way: the changed entries are out, their new rows not yet in */
	GLOSSARY_FAULT_POINT("apply.add");

	/* in: the entries read above, and their aliases */
	old = MemoryContextSwitchTo(idx->cxt);
	first_new_entry = idx->nentries;
	for (i = 0; i < nents; i++)
	{
		bool		found;
		int			pos = label_index_slug_position(idx, ents[i].slug, &found),
					e;
		GlossaryEntry *ge;

		if (found)
			continue;			/* listed twice */
		label_index_grow_entries(idx);
		e = idx->nentries++;
		ge = &idx->entries[e];
		ge->slug = label_pool_add(idx, ents[i].slug, strlen(ents[i].slug));
		ge->term = label_pool_add(idx, ents[i].term, strlen(ents[i].term));
		ge->summary = label_pool_add(idx, ents[i].summary, strlen(ents[i].summary));
		ge->category = label_pool_add(idx, ents[i].category, strlen(ents[i].category));
		ge->body = ents[i].body;
		ge->dead = false;
		memmove(&idx->by_slug[pos + 1], &idx->by_slug[pos], (idx->nlive - pos) * sizeof(int));
		idx->by_slug[pos] = e;
		idx->nlive++;
		label_index_append_label(idx, ge->slug, e, LABEL_SLUG);
		label_index_append_label(idx, ge->term, e, LABEL_TERM);
	}
	for (i = 0; i < nals; i++)
	{
		int			e = label_index_find_slug(idx, als[i].entry);

		/* the changed entries were appended above; no other keeps an alias here */
		if (e >= first_new_entry)
			label_index_append_label(idx, label_pool_add(idx, als[i].alias, strlen(als[i].alias)), e, LABEL_ALIAS);
	}
	for (l = first_new_label; l < idx->nlabels; l++)
		label_index_add_label(&bs, l);
	MemoryContextSwitchTo(old);

	for (i = 0; i < bs.ntouched; i++)
		label_index_summarize_key(idx, &data->keys[bs.touched[i]]);
	MemoryContextDelete(bs.tmp);

	MemoryContextReset(idx->derived);
	idx->fuzzy = NULL;
	idx->extra = NULL;
	idx->by_body = NULL;
	idx->updates++;
	return true;
}
