/*
 * card.c
 *	  glossary.card(label, base_url): what a hover card shows for a label.
 *
 * The label is resolved in C with the label index, exactly as resolve()
 * resolves it; the JSON is built by SQL from the one entry (or, for an
 * ambiguous label, from the candidates lookup() reports at the deciding
 * level).
 */
#include "postgres.h"
#include "pg_compat.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "normalize.h"
#include "render.h"

PG_FUNCTION_INFO_V1(glossary_card);

/* keys longer than this name no entry (as in resolve()) */
#define MAX_KEY_BYTES	(64 * 1024)

/* the URL of the entry e.slug from base_url $2, as render_entry_url() builds it */
#define CARD_URL \
	"CASE WHEN pg_catalog.strpos($2, '{slug}') OPERATOR(pg_catalog.>) 0" \
	" THEN pg_catalog.replace($2, '{slug}', e.slug::pg_catalog.text)" \
	" ELSE $2 OPERATOR(pg_catalog.||) e.slug::pg_catalog.text END"

#define CARD_FIELDS \
	"'slug', e.slug, 'term', e.term, 'category', e.category, 'category_title', c.title," \
	" 'summary', e.summary, 'url', " CARD_URL

static const char *const entry_query =
"SELECT pg_catalog.jsonb_build_object(" CARD_FIELDS ", 'ambiguous', false)"
" FROM glossary.entries e JOIN glossary.categories c ON c.slug OPERATOR(pg_catalog.=) e.category"
" WHERE e.slug OPERATOR(pg_catalog.=) $1";

/* the candidates: lookup()'s ambiguous rows at the level of its first row */
static const char *const ambiguous_query =
"WITH l AS MATERIALIZED (SELECT * FROM glossary.lookup($1) WITH ORDINALITY"
"   AS l(slug, term, match, via, note, score, ambiguous, resolved, n))"
" SELECT pg_catalog.jsonb_build_object('label', $1, 'ambiguous', true, 'candidates',"
"   pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(" CARD_FIELDS ", 'match', l.match, 'via', l.via)"
"     ORDER BY l.n))"
" FROM l JOIN glossary.entries e ON e.slug OPERATOR(pg_catalog.=) l.slug"
" JOIN glossary.categories c ON c.slug OPERATOR(pg_catalog.=) e.category"
" WHERE l.ambiguous AND l.match OPERATOR(pg_catalog.=) (SELECT f.match FROM l f WHERE f.n OPERATOR(pg_catalog.=) 1)";

static SPIPlanPtr entry_plan = NULL;
static SPIPlanPtr ambiguous_plan = NULL;

static SPIPlanPtr
card_plan(SPIPlanPtr *cache, const char *query)
{
	if (*cache == NULL)
	{
		Oid			argtypes[2] = {TEXTOID, TEXTOID};
		SPIPlanPtr	plan = SPI_prepare(query, 2, argtypes);

		if (plan == NULL || SPI_keepplan(plan) != 0)
			elog(ERROR, "SPI_prepare failed for the card query: %s", SPI_result_code_string(SPI_result));
		*cache = plan;
	}
	return *cache;
}

Datum
glossary_card(PG_FUNCTION_ARGS)
{
	text	   *label = PG_GETARG_TEXT_PP(0);
	text	   *base_url = PG_GETARG_TEXT_PP(1);
	MemoryContext caller = CurrentMemoryContext;
	int			len = VARSIZE_ANY_EXHDR(label);
	char	   *utf8,
			   *key;
	int			keylen,
				entry;
	LabelKind	kind;
	LabelIndex *idx;
	Datum		args[2];
	bool		isnull;
	Datum		card;

	render_check_base_url(text_to_cstring(base_url), false);
	if (len > MAX_KEY_BYTES)
		PG_RETURN_NULL();
	utf8 = render_to_utf8(VARDATA_ANY(label), len);
	key = glossary_normalize(utf8, strlen(utf8), true, &keylen, NULL);
	if (keylen == 0)
		PG_RETURN_NULL();
	idx = label_index_for_call(fcinfo, 0);
	entry = label_index_resolve(idx, key, keylen, &kind);
	if (entry == -1)
		PG_RETURN_NULL();

	/* the slug is copied: the queries below may rebuild the index */
	args[0] = entry >= 0 ? CStringGetTextDatum(label_entry_slug(idx, entry)) : PointerGetDatum(label);
	args[1] = PointerGetDatum(base_url);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_plan(entry >= 0 ? card_plan(&entry_plan, entry_query)
						 : card_plan(&ambiguous_plan, ambiguous_query),
						 args, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "the card query failed");
	if (SPI_processed != 1)
	{
		SPI_finish();
		PG_RETURN_NULL();
	}
	card = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (!isnull)
	{
		MemoryContext spi = MemoryContextSwitchTo(caller);

		card = PointerGetDatum(DatumGetJsonbPCopy(card));
		MemoryContextSwitchTo(spi);
	}
	SPI_finish();
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(card);
}
