/*
 * backlinks.c
 *	  The backlink graph ("Mentioned in"): for every entry, the entries whose
 *	  bodies link to it, resolved through aliases and variants exactly as
 *	  resolve() does, each once, sorted by term case-insensitively.
 *
 * Built lazily from glossary.links, read with the statement's snapshot,
 * into the label index's memory context, and kept with the links part of
 * the glossary version it saw: a change to glossary.links alone rebuilds
 * the graph, not the label index.  A graph that another version replaced
 * stays until its index is freed, because a statement may still use it.
 * A call is then a lookup.  A session lets go of a shared index between
 * transactions (label_cache.c), so it keeps a copy of the last graph it
 * built for a shared image, for the next transaction that reads the same
 * image and links.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "mentions.h"
#include "normalize.h"

PG_FUNCTION_INFO_V1(glossary_backlinks);
PG_FUNCTION_INFO_V1(glossary_link_status);

typedef struct Pair
{
	int			to;
	int			from;
} Pair;

/* arg: each entry's place in "Mentioned in" order (folded term, term, slug) */
static int
pair_cmp(const void *a, const void *b, void *arg)
{
	const Pair *x = a;
	const Pair *y = b;
	const int  *term_rank = arg;

	if (x->to != y->to)
		return x->to < y->to ? -1 : 1;
	if (term_rank[x->from] != term_rank[y->from])
		return term_rank[x->from] < term_rank[y->from] ? -1 : 1;
	return 0;
}

typedef struct TermKey
{
	int			entry;
	char	   *folded;
	int			len;
	const char *term;
	const char *slug;
} TermKey;

static int
termkey_cmp(const void *a, const void *b)
{
	const TermKey *x = a;
	const TermKey *y = b;
	int			c = memcmp(x->folded, y->folded, Min(x->len, y->len));

	if (c != 0)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	c = strcmp(x->term, y->term);
	return c != 0 ? c : strcmp(x->slug, y->slug);
}

/* the session's copy of the graph of a shared image: which image, and the graph */
static MemoryContext kept_cxt = NULL;
static uint64 kept_serial = 0;
static int	kept_nentries = 0;
static BacklinkIndex *kept = NULL;

/* a copy of a graph over n entries, in cxt */
static BacklinkIndex *
copy_graph(const BacklinkIndex *src, int n, MemoryContext cxt)
{
	BacklinkIndex *bl = MemoryContextAlloc(cxt, sizeof(BacklinkIndex));
	int			m = src->start[n];

	bl->version = src->version;
	bl->start = MemoryContextAllocHuge(cxt, sizeof(int) * (n + 1));
	memcpy(bl->start, src->start, sizeof(int) * (n + 1));
	bl->from = MemoryContextAllocHuge(cxt, sizeof(int) * Max(m, 1));
	memcpy(bl->from, src->from, sizeof(int) * m);
	bl->count = MemoryContextAllocHuge(cxt, sizeof(int) * Max(m, 1));
	memcpy(bl->count, src->count, sizeof(int) * m);
	return bl;
}

static void
keep_graph(LabelIndex *idx, const BacklinkIndex *bl)
{
	if (kept_cxt == NULL)
		kept_cxt = AllocSetContextCreate(CacheMemoryContext, "glossary backlink graph", ALLOCSET_DEFAULT_SIZES);
	MemoryContextReset(kept_cxt);
	kept = NULL;				/* until the copy is whole: an error leaves none */
	kept = copy_graph(bl, idx->nentries, kept_cxt);
	kept_serial = idx->shared_serial;
	kept_nentries = idx->nentries;
}

BacklinkIndex *
backlink_index_get(LabelIndex *idx, const GlossaryVersion *version, Snapshot snap)
{
	LinksExtra *extra = links_extra(idx);
	BacklinkIndex *bl;
	TermKey    *tk;
	int		   *term_rank;
	Pair	   *pairs;
	int			npairs = 0,
				n = idx->nentries,
				i;
	uint64		r;
	SPIPlanPtr	plan;
	MemoryContext old;
	MemoryContext caller = CurrentMemoryContext;

	if (extra->backlinks != NULL && glossary_links_equal(&extra->backlinks->version, version))
		return extra->backlinks;
	if (idx->shared_slot >= 0 && kept != NULL && kept_serial == idx->shared_serial &&
		kept_nentries == n && glossary_links_equal(&kept->version, version))
		return extra->backlinks = copy_graph(kept, n, idx->derived);

	/* the sort order of "Mentioned in" */
	tk = palloc(sizeof(TermKey) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		const char *term = label_str(idx, idx->entries[i].term);
		char	   *utf8 = pg_server_to_any(term, strlen(term), PG_UTF8);

		tk[i].entry = i;
		tk[i].folded = glossary_normalize(utf8, strlen(utf8), false, &tk[i].len, NULL);
		tk[i].term = term;
		tk[i].slug = label_entry_slug(idx, i);
	}
	qsort(tk, n, sizeof(TermKey), termkey_cmp);
	term_rank = palloc(sizeof(int) * Max(n, 1));
	for (i = 0; i < n; i++)
		term_rank[tk[i].entry] = i;

	/* the statement's snapshot, which saw the same label version as the index */
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	plan = SPI_prepare("SELECT entry, target FROM glossary.links", 0, NULL);
	if (plan == NULL ||
		SPI_execute_snapshot(plan, NULL, NULL, snap, InvalidSnapshot, true, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read glossary.links");
	/* outside SPI's memory, which SPI_finish frees before the sort below */
	pairs = MemoryContextAllocExtended(caller, sizeof(Pair) * Max(SPI_processed, 1), MCXT_ALLOC_HUGE);
	for (r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		char	   *entry;
		text	   *target;
		int			from,
					to;

		entry = TextDatumGetCString(SPI_getbinval(tup, desc, 1, &isnull));
		target = DatumGetTextPP(SPI_getbinval(tup, desc, 2, &isnull));
		from = label_index_find_slug(idx, entry);
		to = mention_resolve_label(idx, VARDATA_ANY(target), VARSIZE_ANY_EXHDR(target));
		/* a link to the entry itself is not a backlink */
		if (from >= 0 && to >= 0 && from != to)
		{
			pairs[npairs].from = from;
			pairs[npairs].to = to;
			npairs++;
		}
	}
	SPI_finish();

	qsort_arg(pairs, npairs, sizeof(Pair), pair_cmp, term_rank);

	old = MemoryContextSwitchTo(idx->derived);
	bl = palloc0(sizeof(BacklinkIndex));
	bl->version = *version;
	bl->start = palloc0(sizeof(int) * (n + 1));
	bl->from = palloc_extended(sizeof(int) * Max(npairs, 1), MCXT_ALLOC_HUGE);
	bl->count = palloc_extended(sizeof(int) * Max(npairs, 1), MCXT_ALLOC_HUGE);
	MemoryContextSwitchTo(old);

	{
		int			m = 0;

		for (i = 0; i < npairs; i++)
		{
			if (m > 0 && pairs[i].to == pairs[i - 1].to && pairs[i].from == pairs[i - 1].from)
			{
				bl->count[m - 1]++;
				continue;
			}
			bl->from[m] = pairs[i].from;
			bl->count[m] = 1;
			bl->start[pairs[i].to + 1]++;
			m++;
		}
		for (i = 0; i < n; i++)
			bl->start[i + 1] += bl->start[i];
	}
	extra->backlinks = bl;
	if (idx->shared_slot >= 0)
		keep_graph(idx, bl);
	return bl;
}

/* the graph for this call's statement, looked up once per statement */
static BacklinkIndex *
backlinks_for_call(FunctionCallInfo fcinfo, LabelIndex *idx)
{
	void	  **slot = label_index_call_extra(fcinfo);

	if (*slot == NULL)
		*slot = backlink_index_get(idx, label_index_call_version(fcinfo), label_index_snapshot());
	return (BacklinkIndex *) *slot;
}

/* backlinks(label): slug, term, category, links */
Datum
glossary_backlinks(PG_FUNCTION_ARGS)
{
	text	   *label = PG_GETARG_TEXT_PP(0);
	ReturnSetInfo *rsinfo;
	LabelIndex *idx;
	BacklinkIndex *bl;
	int			to,
				i;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	idx = label_index_for_call(fcinfo, LABEL_INDEX_LINKS);
	bl = backlinks_for_call(fcinfo, idx);
	to = mention_resolve_label(idx, VARDATA_ANY(label), VARSIZE_ANY_EXHDR(label));
	if (to < 0)
		PG_RETURN_NULL();
	for (i = bl->start[to]; i < bl->start[to + 1]; i++)
	{
		EntryText	e = label_entry_text(idx, bl->from[i]);
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = CStringGetTextDatum(e.slug);
		values[1] = CStringGetTextDatum(e.term);
		values[2] = CStringGetTextDatum(e.category);
		values[3] = Int32GetDatum(bl->count[i]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_NULL();
}

/* link_status(target): 'resolved', 'ambiguous' or 'dangling' */
Datum
glossary_link_status(PG_FUNCTION_ARGS)
{
	text	   *target = PG_GETARG_TEXT_PP(0);
	LabelIndex *idx = label_index_for_call(fcinfo, 0);
	int			e = mention_resolve_label(idx, VARDATA_ANY(target), VARSIZE_ANY_EXHDR(target));

	PG_RETURN_TEXT_P(cstring_to_text(e >= 0 ? "resolved" : e == -2 ? "ambiguous" : "dangling"));
}
