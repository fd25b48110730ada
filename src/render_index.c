/*
 * render_index.c
 *	  glossary.render_index_html(base_url): the glossary's index page as an
 *	  HTML fragment: counts, entries by category (under the primary and
 *	  every secondary category), and A-Z.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"

#include "render.h"

PG_FUNCTION_INFO_V1(glossary_render_index_html);

/* one row per (category, entry listed in it); categories without entries once */
static const char *const by_category_query =
"SELECT c.slug::pg_catalog.text, c.title, c.description, x.slug, x.term, x.summary, x.category, x.is_primary"
" FROM glossary.categories c LEFT JOIN ("
"   SELECT e.category AS listed_in, e.slug::pg_catalog.text AS slug, e.term, e.summary, e.category, true AS is_primary"
"   FROM glossary.entries e"
"   UNION ALL"
"   SELECT ec.category, e.slug::pg_catalog.text, e.term, e.summary, e.category, false"
"   FROM glossary.entry_categories ec JOIN glossary.entries e ON e.slug OPERATOR(pg_catalog.=) ec.entry"
" ) x ON x.listed_in OPERATOR(pg_catalog.=) c.slug"
" ORDER BY c.position, c.slug, pg_catalog.lower(x.term), x.term, x.slug";

static const char *const a_z_query =
"SELECT e.slug::pg_catalog.text, e.term, e.summary, e.category,"
" pg_catalog.upper(pg_catalog.left(e.term, 1))"
" FROM glossary.entries e ORDER BY pg_catalog.lower(e.term), e.term, e.slug";

/* column col of row row of the last query, UTF-8 */
static char *
value(int row, int col)
{
	return render_column_text(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col);
}

/* <li><a ...>term</a></li> for the entry in columns first.. (slug, term, summary, category) */
static void
append_entry_item(StringInfo out, int row, int first, const char *base_url, bool secondary)
{
	EntryText	e;

	e.slug = value(row, first);
	e.term = value(row, first + 1);
	e.summary = value(row, first + 2);
	e.category = value(row, first + 3);
	appendStringInfoString(out, secondary ? "<li class=\"glossary-secondary\">" : "<li>");
	render_entry_open_tag(out, &e, base_url);
	render_escape_cstr(out, e.term);
	appendStringInfoString(out, "</a></li>\n");
}

static void
append_by_category(StringInfo out, const char *base_url, uint64 *ncategories)
{
	StringInfoData list;
	uint64		r = 0;
	uint64		nrows;

	if (SPI_execute(by_category_query, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "the index query failed");
	nrows = SPI_processed;
	*ncategories = 0;
	initStringInfo(&list);
	appendStringInfoString(out, "<section class=\"glossary-by-category\" id=\"by-category\">\n<h2>By category</h2>\n");
	while (r < nrows)
	{
		char	   *slug = value(r, 1);
		char	   *title = value(r, 2);
		char	   *description = value(r, 3);
		int			count = 0;

		resetStringInfo(&list);
		for (; r < nrows && strcmp(value(r, 1), slug) == 0; r++)
		{
			bool		isnull;
			bool		primary;

			if (value(r, 4) == NULL)
				continue;		/* a category without entries */
			primary = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 8, &isnull));
			append_entry_item(&list, r, 4, base_url, !primary);
			count++;
		}
		(*ncategories)++;
		appendStringInfoString(out, "<section class=\"glossary-category\" id=\"category-");
		render_escape_cstr(out, slug);
		appendStringInfoString(out, "\" data-glossary-category=\"");
		render_escape_cstr(out, slug);
		appendStringInfoString(out, "\">\n<h3>");
		render_escape_cstr(out, title);
		appendStringInfo(out, " <span class=\"glossary-count\">%d</span></h3>\n", count);
		if (description && description[0])
		{
			appendStringInfoString(out, "<p class=\"glossary-category-description\">");
			render_escape_cstr(out, description);
			appendStringInfoString(out, "</p>\n");
		}
		if (count > 0)
			appendStringInfo(out, "<ul>\n%s</ul>\n", list.data);
		else
			appendStringInfoString(out, "<p class=\"glossary-empty\">No entries yet.</p>\n");
		appendStringInfoString(out, "</section>\n");
	}
	appendStringInfoString(out, "</section>\n");
	pfree(list.data);
}

static void
append_a_z(StringInfo out, const char *base_url, uint64 *nentries)
{
	uint64		r;
	char	   *letter = NULL;

	if (SPI_execute(a_z_query, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "the index query failed");
	*nentries = SPI_processed;
	appendStringInfoString(out, "<section class=\"glossary-a-z\" id=\"a-z\">\n<h2>A\xE2\x80\x93Z</h2>\n");
	for (r = 0; r < SPI_processed; r++)
	{
		char	   *first = value(r, 5);

		if (letter == NULL || strcmp(letter, first) != 0)
		{
			if (letter)
				appendStringInfoString(out, "</ul>\n");
			appendStringInfoString(out, "<h3>");
			render_escape_cstr(out, first);
			appendStringInfoString(out, "</h3>\n<ul>\n");
			letter = first;
		}
		append_entry_item(out, r, 1, base_url, false);
	}
	if (letter)
		appendStringInfoString(out, "</ul>\n");
	appendStringInfoString(out, "</section>\n");
}

Datum
glossary_render_index_html(PG_FUNCTION_ARGS)
{
	char	   *base_url = text_to_cstring(PG_GETARG_TEXT_PP(0));
	MemoryContext caller = CurrentMemoryContext;
	StringInfoData by_category,
				a_z,
				out;
	uint64		ncategories,
				nentries;
	MemoryContext spi;

	render_check_base_url(base_url, false);
	base_url = render_to_utf8(base_url, strlen(base_url));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	spi = MemoryContextSwitchTo(caller);
	initStringInfo(&by_category);
	initStringInfo(&a_z);
	append_by_category(&by_category, base_url, &ncategories);
	append_a_z(&a_z, base_url, &nentries);
	MemoryContextSwitchTo(spi);
	SPI_finish();

	initStringInfo(&out);
	appendStringInfo(&out, "<div class=\"glossary-index\">\n<p class=\"glossary-counts\">"
					 UINT64_FORMAT " %s \xC2\xB7 " UINT64_FORMAT " %s</p>\n"
					 "<nav class=\"glossary-index-nav\"><a href=\"#by-category\">By category</a>"
					 " \xC2\xB7 <a href=\"#a-z\">A\xE2\x80\x93Z</a></nav>\n",
					 nentries, nentries == 1 ? "entry" : "entries",
					 ncategories, ncategories == 1 ? "category" : "categories");
	appendBinaryStringInfo(&out, by_category.data, by_category.len);
	appendBinaryStringInfo(&out, a_z.data, a_z.len);
	appendStringInfoString(&out, "</div>\n");
	PG_RETURN_TEXT_P(render_result(out.data, out.len));
}
