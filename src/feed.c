/*
 * feed.c
 *	  glossary.feed_atom(base_url, lim, title): an Atom feed (RFC 4287) of
 *	  the most recently updated entries.
 *
 * Ids are the entries' page URLs (base_url with the slug), so base_url must
 * be absolute.  Dates are days; they are written as midnight UTC (RFC 3339
 * date-times).  Entries without an updated date, or with one outside the
 * years 1 to 9999, are not in the feed.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"

#include "render.h"

PG_FUNCTION_INFO_V1(glossary_feed_atom);

static const char *const feed_query =
"SELECT e.slug::pg_catalog.text, e.term, e.summary, e.category, c.title,"
" pg_catalog.to_char(e.updated, 'YYYY-MM-DD\"T00:00:00Z\"')"
" FROM glossary.entries e JOIN glossary.categories c ON c.slug OPERATOR(pg_catalog.=) e.category"
" WHERE e.updated OPERATOR(pg_catalog.>=) '0001-01-01'::pg_catalog.date"
"   AND e.updated OPERATOR(pg_catalog.<=) '9999-12-31'::pg_catalog.date"
" ORDER BY e.updated DESC, pg_catalog.lower(e.term), e.slug"
" LIMIT $1";

/* column col of row row of the last query, UTF-8 */
static char *
value(int row, int col)
{
	return render_column_text(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col);
}

/* the site's address for the feed: base_url up to "{slug}", if it has one */
static char *
site_url(const char *base_url)
{
	const char *hole = strstr(base_url, "{slug}");

	return hole ? pnstrdup(base_url, hole - base_url) : pstrdup(base_url);
}

/* only spaces and control characters: nothing render_escape() would show */
static bool
is_blank(const char *s)
{
	for (; *s; s++)
		if ((unsigned char) *s > 0x20)
			return false;
	return true;
}

static void
append_element(StringInfo out, const char *indent, const char *name, const char *text)
{
	appendStringInfo(out, "%s<%s>", indent, name);
	render_escape_cstr(out, text);
	appendStringInfo(out, "</%s>\n", name);
}

Datum
glossary_feed_atom(PG_FUNCTION_ARGS)
{
	char	   *base_url = text_to_cstring(PG_GETARG_TEXT_PP(0));
	int32		lim = PG_GETARG_INT32(1);
	char	   *title = text_to_cstring(PG_GETARG_TEXT_PP(2));
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext spi;
	StringInfoData out;
	char	   *site;
	Oid			argtype = INT4OID;
	Datum		arg = Int32GetDatum(lim);
	uint64		r;

	render_check_base_url(base_url, true);
	if (lim < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("\"lim\" must not be negative"),
				 errhint("Pass the number of entries the feed lists, such as 50.")));
	if (is_blank(title))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("\"title\" must not be blank"),
				 errdetail("An Atom feed needs a title.")));
	base_url = render_to_utf8(base_url, strlen(base_url));
	title = render_to_utf8(title, strlen(title));
	site = site_url(base_url);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args(feed_query, 1, &argtype, &arg, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "the feed query failed");
	spi = MemoryContextSwitchTo(caller);

	initStringInfo(&out);
	appendStringInfoString(&out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
						   "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
	append_element(&out, "  ", "id", site);
	append_element(&out, "  ", "title", title);
	/* the feed changed when its newest entry did; an empty feed: the epoch */
	append_element(&out, "  ", "updated",
				   SPI_processed > 0 ? value(0, 6) : "1970-01-01T00:00:00Z");
	appendStringInfoString(&out, "  <link rel=\"alternate\" type=\"text/html\" href=\"");
	render_escape_cstr(&out, site);
	appendStringInfoString(&out, "\"/>\n  <author>\n");
	append_element(&out, "    ", "name", title);
	appendStringInfoString(&out, "  </author>\n  <generator>glossary (PostgreSQL extension)</generator>\n");
	for (r = 0; r < SPI_processed; r++)
	{
		StringInfoData url;

		initStringInfo(&url);
		render_entry_url(&url, base_url, value(r, 1));
		appendStringInfoString(&out, "  <entry>\n");
		append_element(&out, "    ", "id", url.data);
		append_element(&out, "    ", "title", value(r, 2));
		append_element(&out, "    ", "updated", value(r, 6));
		appendStringInfoString(&out, "    <link rel=\"alternate\" type=\"text/html\" href=\"");
		render_escape(&out, url.data, url.len);
		appendStringInfoString(&out, "\"/>\n    <category term=\"");
		render_escape_cstr(&out, value(r, 4));
		appendStringInfoString(&out, "\" label=\"");
		render_escape_cstr(&out, value(r, 5));
		appendStringInfoString(&out, "\"/>\n    <summary type=\"text\">");
		render_escape_cstr(&out, value(r, 3));
		appendStringInfoString(&out, "</summary>\n  </entry>\n");
		pfree(url.data);
	}
	appendStringInfoString(&out, "</feed>\n");
	MemoryContextSwitchTo(spi);
	SPI_finish();
	PG_RETURN_TEXT_P(render_result(out.data, out.len));
}
