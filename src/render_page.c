/*
 * render_page.c
 *	  glossary.render_html(slug, base_url): an entry's page as an HTML
 *	  fragment, and glossary.markdown_html(doc): CommonMark alone.
 *
 * The page data comes from one prepared query; the label index (for the
 * body's links and the "Mentioned in" terms and summaries) is fetched after
 * it, because the query itself may rebuild the index.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "render.h"

PG_FUNCTION_INFO_V1(glossary_render_html);
PG_FUNCTION_INFO_V1(glossary_markdown_html);
PG_FUNCTION_INFO_V1(glossary_render_site);

/* what the page shows, in UTF-8; NULL where the database has NULL */
typedef struct EntryPage
{
	char	   *term;
	char	   *category;
	char	   *category_title;
	char	   *summary;
	char	   *body;
	char	   *updated;
	int			nalso;
	char	  **also;			/* slug, title, slug, title, ... */
	int			naliases;
	char	  **aliases;
	int			nsources;
	char	  **sources;		/* title, url, publisher, date, ... */
	int			nmentioned;
	char	  **mentioned;
} EntryPage;

/* column numbers of the page queries */
enum
{
	COL_TERM = 1, COL_CATEGORY, COL_CATEGORY_TITLE, COL_SUMMARY, COL_BODY, COL_UPDATED,
	COL_ALSO, COL_ALIASES, COL_SOURCES, COL_MENTIONED, COL_SLUG
};

/*
 * What a page shows of one entry e, every name and operator qualified (the
 * caller's search_path is not ours).  Secondary categories come as pairs
 * (slug, title) and sources as quadruples (title, url, publisher, date) in
 * one array each: fewer subplans, a cheaper query.
 */
#define PAGE_COLUMNS \
"SELECT e.term, e.category, c.title, e.summary, e.body, e.updated::pg_catalog.text," \
" ARRAY(SELECT f.v FROM glossary.entry_categories ec" \
"   JOIN glossary.categories sc ON sc.slug OPERATOR(pg_catalog.=) ec.category" \
"   CROSS JOIN LATERAL (VALUES (1, sc.slug::pg_catalog.text), (2, sc.title)) AS f(k, v)" \
"   WHERE ec.entry OPERATOR(pg_catalog.=) e.slug ORDER BY sc.position, sc.slug, f.k)," \
" ARRAY(SELECT a.alias FROM glossary.aliases a WHERE a.entry OPERATOR(pg_catalog.=) e.slug" \
"   ORDER BY pg_catalog.lower(a.alias), a.alias)," \
" ARRAY(SELECT f.v FROM glossary.sources s" \
"   CROSS JOIN LATERAL (VALUES (1, s.title), (2, s.url), (3, s.publisher), (4, s.published::pg_catalog.text)) AS f(k, v)" \
"   WHERE s.entry OPERATOR(pg_catalog.=) e.slug ORDER BY s.position, f.k)," \
" ARRAY(SELECT b.slug FROM glossary.backlinks(e.slug::pg_catalog.text) WITH ORDINALITY AS b(slug, term, category, links, n)" \
"   ORDER BY b.n)," \
" e.slug::pg_catalog.text" \
" FROM glossary.entries e JOIN glossary.categories c ON c.slug OPERATOR(pg_catalog.=) e.category"

static const char *const page_query = PAGE_COLUMNS " WHERE e.slug OPERATOR(pg_catalog.=) $1";

/* the same columns for every entry, the lists aggregated in one pass each */
static const char *const site_query =
"SELECT e.term, e.category, c.title, e.summary, e.body, e.updated::pg_catalog.text,"
" COALESCE(ec.v, '{}'::pg_catalog.text[]), COALESCE(al.v, '{}'::pg_catalog.text[]), COALESCE(so.v, '{}'::pg_catalog.text[]),"
" ARRAY(SELECT b.slug FROM glossary.backlinks(e.slug::pg_catalog.text) WITH ORDINALITY AS b(slug, term, category, links, n)"
"   ORDER BY b.n),"
" e.slug::pg_catalog.text"
" FROM glossary.entries e JOIN glossary.categories c ON c.slug OPERATOR(pg_catalog.=) e.category"
" LEFT JOIN (SELECT ec.entry, pg_catalog.array_agg(f.v ORDER BY sc.position, sc.slug, f.k) AS v"
"   FROM glossary.entry_categories ec"
"   JOIN glossary.categories sc ON sc.slug OPERATOR(pg_catalog.=) ec.category"
"   CROSS JOIN LATERAL (VALUES (1, sc.slug::pg_catalog.text), (2, sc.title)) AS f(k, v)"
"   GROUP BY ec.entry) ec ON ec.entry OPERATOR(pg_catalog.=) e.slug"
" LEFT JOIN (SELECT a.entry, pg_catalog.array_agg(a.alias ORDER BY pg_catalog.lower(a.alias), a.alias) AS v"
"   FROM glossary.aliases a GROUP BY a.entry) al ON al.entry OPERATOR(pg_catalog.=) e.slug"
" LEFT JOIN (SELECT s.entry, pg_catalog.array_agg(f.v ORDER BY s.position, f.k) AS v"
"   FROM glossary.sources s"
"   CROSS JOIN LATERAL (VALUES (1, s.title), (2, s.url), (3, s.publisher), (4, s.published::pg_catalog.text)) AS f(k, v)"
"   GROUP BY s.entry) so ON so.entry OPERATOR(pg_catalog.=) e.slug"
" ORDER BY e.slug";

static SPIPlanPtr page_plan = NULL;

/* a text[] column as UTF-8 strings (NULL elements stay NULL); returns the count */
static int
column_texts(HeapTuple tup, TupleDesc desc, int col, char ***out)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;

	*out = NULL;
	if (isnull)
		return 0;
	deconstruct_array(DatumGetArrayTypeP(d), TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	*out = palloc0(Max(n, 1) * sizeof(char *));
	for (i = 0; i < n; i++)
		if (!nulls[i])
		{
			text	   *t = DatumGetTextPP(elems[i]);

			(*out)[i] = render_to_utf8(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
		}
	return n;
}

/* the page data of one row of a page query, in the current memory context */
static void
fill_page(HeapTuple tup, TupleDesc desc, EntryPage *page)
{
	page->term = render_column_text(tup, desc, COL_TERM);
	page->category = render_column_text(tup, desc, COL_CATEGORY);
	page->category_title = render_column_text(tup, desc, COL_CATEGORY_TITLE);
	page->summary = render_column_text(tup, desc, COL_SUMMARY);
	page->body = render_column_text(tup, desc, COL_BODY);
	page->updated = render_column_text(tup, desc, COL_UPDATED);
	page->nalso = column_texts(tup, desc, COL_ALSO, &page->also) / 2;
	page->naliases = column_texts(tup, desc, COL_ALIASES, &page->aliases);
	page->nsources = column_texts(tup, desc, COL_SOURCES, &page->sources) / 4;
	page->nmentioned = column_texts(tup, desc, COL_MENTIONED, &page->mentioned);
}

/* the page data of slug, in the caller's memory; false if there is no such entry */
static bool
fetch_page(text *slug, EntryPage *page)
{
	MemoryContext caller = CurrentMemoryContext;
	Datum		arg = PointerGetDatum(slug);
	bool		found;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (page_plan == NULL)
	{
		Oid			argtype = TEXTOID;
		SPIPlanPtr	plan = SPI_prepare(page_query, 1, &argtype);

		if (plan == NULL || SPI_keepplan(plan) != 0)
			elog(ERROR, "SPI_prepare failed for the page query: %s", SPI_result_code_string(SPI_result));
		page_plan = plan;
	}
	if (SPI_execute_plan(page_plan, &arg, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "the page query failed");
	found = SPI_processed == 1;
	if (found)
	{
		HeapTuple	tup = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		MemoryContext spi = MemoryContextSwitchTo(caller);

		fill_page(tup, desc, page);
		MemoryContextSwitchTo(spi);
	}
	SPI_finish();
	return found;
}

static void
append_category(StringInfo out, const char *slug, const char *title, bool primary)
{
	appendStringInfoString(out, primary ? "<span class=\"glossary-category glossary-primary\" data-glossary-category=\""
						   : "<span class=\"glossary-category\" data-glossary-category=\"");
	render_escape_cstr(out, slug);
	appendStringInfoString(out, "\">");
	render_escape_cstr(out, title);
	appendStringInfoString(out, "</span>");
}

static void
append_sources(StringInfo out, EntryPage *page)
{
	int			i;

	if (page->nsources == 0)
		return;
	appendStringInfoString(out, "<section class=\"glossary-sources\">\n<h2>Sources</h2>\n<ul>\n");
	for (i = 0; i < page->nsources; i++)
	{
		char	  **source = &page->sources[4 * i];
		const char *url = source[1];

		appendStringInfoString(out, "<li>");
		if (url && render_url_allowed(url, strlen(url)))
		{
			appendStringInfoString(out, "<a href=\"");
			render_escape_cstr(out, url);
			appendStringInfoString(out, "\" rel=\"nofollow noopener noreferrer\">");
			render_escape_cstr(out, source[0]);
			appendStringInfoString(out, "</a>");
		}
		else
		{
			/* a URL with another scheme (javascript:, data:, ...) is not linked */
			appendStringInfoString(out, "<span class=\"glossary-source-unlinked\">");
			render_escape_cstr(out, source[0]);
			appendStringInfoString(out, "</span>");
		}
		if (source[2])
		{
			appendStringInfoString(out, ", ");
			render_escape_cstr(out, source[2]);
		}
		if (source[3])
		{
			appendStringInfoString(out, ", <time>");
			render_escape_cstr(out, source[3]);
			appendStringInfoString(out, "</time>");
		}
		appendStringInfoString(out, "</li>\n");
	}
	appendStringInfoString(out, "</ul>\n</section>\n");
}

static void
append_mentioned_in(StringInfo out, EntryPage *page, RenderLinks *links)
{
	int			i;

	if (page->nmentioned == 0)
		return;
	appendStringInfoString(out, "<section class=\"glossary-mentioned-in\">\n<h2>Mentioned in</h2>\n<ul>\n");
	for (i = 0; i < page->nmentioned; i++)
	{
		int			e = label_index_find_slug(links->idx, page->mentioned[i]);

		if (e < 0)
			continue;			/* deleted since the query: not shown */
		appendStringInfoString(out, "<li>");
		render_append_link_tag(out, links, e);
		render_escape_cstr(out, label_str(links->idx, links->idx->entries[e].term));
		appendStringInfoString(out, "</a></li>\n");
	}
	appendStringInfoString(out, "</ul>\n</section>\n");
}

static void
append_page(StringInfo out, const char *slug, EntryPage *page, RenderLinks *links)
{
	int			i;

	appendStringInfoString(out, "<article class=\"glossary-entry\" data-glossary-slug=\"");
	render_escape_cstr(out, slug);
	if (page->updated)
	{
		appendStringInfoString(out, "\" data-glossary-updated=\"");
		render_escape_cstr(out, page->updated);
	}
	appendStringInfoString(out, "\">\n<h1 class=\"glossary-term\">");
	render_escape_cstr(out, page->term);
	appendStringInfoString(out, "</h1>\n<p class=\"glossary-categories\">");
	append_category(out, page->category, page->category_title, true);
	for (i = 0; i < page->nalso; i++)
	{
		appendStringInfoString(out, i == 0 ? " \xC2\xB7 also: " : ", ");
		append_category(out, page->also[2 * i], page->also[2 * i + 1], false);
	}
	appendStringInfoString(out, "</p>\n");
	if (page->naliases > 0)
	{
		appendStringInfoString(out, "<p class=\"glossary-aka\">aka ");
		for (i = 0; i < page->naliases; i++)
		{
			if (i > 0)
				appendStringInfoString(out, ", ");
			appendStringInfoString(out, "<span class=\"glossary-alias\">");
			render_escape_cstr(out, page->aliases[i]);
			appendStringInfoString(out, "</span>");
		}
		appendStringInfoString(out, "</p>\n");
	}
	appendStringInfoString(out, "<p class=\"glossary-summary\">");
	render_escape_cstr(out, page->summary);
	appendStringInfoString(out, "</p>\n<div class=\"glossary-body\">\n");

	if (strlen(page->body) > RENDER_MAX_MARKDOWN)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("body of entry \"%s\" is too long to render (%zu bytes, at most %d)",
						slug, strlen(page->body), RENDER_MAX_MARKDOWN)));

	render_markdown(out, page->body, strlen(page->body), links);
	appendStringInfoString(out, "</div>\n");
	append_sources(out, page);
	append_mentioned_in(out, page, links);
	appendStringInfoString(out, "</article>\n");
}

Datum
glossary_render_html(PG_FUNCTION_ARGS)
{
	text	   *slug = PG_GETARG_TEXT_PP(0);
	char	   *base_url = text_to_cstring(PG_GETARG_TEXT_PP(1));
	EntryPage	page = {0};
	StringInfoData out;
	RenderLinks *links;

	render_check_base_url(base_url, false);
	base_url = render_to_utf8(base_url, strlen(base_url));
	if (!fetch_page(slug, &page))
		PG_RETURN_NULL();
	initStringInfo(&out);
	/* after the query, which may rebuild the index; no catalog access from here on */
	links = render_links_new(label_index_for_call(fcinfo, 0), base_url);
	append_page(&out, render_to_utf8(VARDATA_ANY(slug), VARSIZE_ANY_EXHDR(slug)), &page, links);
	PG_RETURN_TEXT_P(render_result(out.data, out.len));
}

Datum
glossary_markdown_html(PG_FUNCTION_ARGS)
{
	text	   *doc = PG_GETARG_TEXT_PP(0);
	size_t		len = VARSIZE_ANY_EXHDR(doc);
	char	   *utf8;
	StringInfoData out;

	if (len > RENDER_MAX_MARKDOWN)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("\"doc\" is too long (%zu bytes, at most %d)", len, RENDER_MAX_MARKDOWN),
				 errhint("Render the document in parts.")));
	utf8 = render_to_utf8(VARDATA_ANY(doc), (int) len);
	initStringInfo(&out);
	render_markdown(&out, utf8, strlen(utf8), NULL);
	PG_RETURN_TEXT_P(render_result(out.data, out.len));
}

/*
 * render_site(base_url): every page, one row each, from one query: what a
 * site generator publishing the whole glossary calls.
 */
Datum
glossary_render_site(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *base_url = text_to_cstring(PG_GETARG_TEXT_PP(0));
	MemoryContext caller;
	MemoryContext row_cxt;
	uint64		r,
				nrows;
	SPITupleTable *rows;
	RenderLinks *links;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	render_check_base_url(base_url, false);
	base_url = render_to_utf8(base_url, strlen(base_url));
	caller = CurrentMemoryContext;
	row_cxt = AllocSetContextCreate(caller, "render_site row", ALLOCSET_DEFAULT_SIZES);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute(site_query, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "the page query failed");
	rows = SPI_tuptable;
	nrows = SPI_processed;
	/* after the query; the rows are read without further catalog access */
	MemoryContextSwitchTo(caller);
	links = render_links_new(label_index_for_call(fcinfo, 0), base_url);
	for (r = 0; r < nrows; r++)
	{
		HeapTuple	tup = rows->vals[r];
		TupleDesc	desc = rows->tupdesc;
		MemoryContext spi = MemoryContextSwitchTo(row_cxt);
		EntryPage	page = {0};
		StringInfoData out;
		char	   *slug;
		Datum		values[2];
		bool		nulls[2] = {false, false};

		CHECK_FOR_INTERRUPTS();
		fill_page(tup, desc, &page);
		slug = render_column_text(tup, desc, COL_SLUG);
		initStringInfo(&out);
		append_page(&out, slug, &page, links);
		values[0] = PointerGetDatum(render_result(slug, strlen(slug)));
		values[1] = PointerGetDatum(render_result(out.data, out.len));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextSwitchTo(spi);
		MemoryContextReset(row_cxt);
	}
	SPI_finish();
	MemoryContextDelete(row_cxt);
	PG_RETURN_NULL();
}
