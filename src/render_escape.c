/*
 * render_escape.c
 *	  Escaping for HTML and XML, the URL check, entry URLs and the encoding
 *	  conversions of the render functions.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "render.h"

/* longest base_url accepted, as for source URLs */
#define MAX_BASE_URL	2000

void
html_escape(StringInfo out, const char *s, size_t len, bool drop_controls)
{
	const char *run = s;
	const char *end = s + len;
	const char *p;

	for (p = s; p < end; p++)
	{
		const char *rep;
		unsigned char c = (unsigned char) *p;

		switch (c)
		{
			case '&':
				rep = "&amp;";
				break;
			case '<':
				rep = "&lt;";
				break;
			case '>':
				rep = "&gt;";
				break;
			case '"':
				rep = "&quot;";
				break;
			case '\'':
				rep = "&#39;";
				break;
			default:
				if (!drop_controls || c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
					continue;
				rep = "";		/* not allowed in XML 1.0: dropped */
				break;
		}
		appendBinaryStringInfo(out, run, p - run);
		appendStringInfoString(out, rep);
		run = p + 1;
	}
	appendBinaryStringInfo(out, run, end - run);
}

void
render_escape(StringInfo out, const char *s, size_t len)
{
	html_escape(out, s, len, true);
}

void
render_escape_cstr(StringInfo out, const char *s)
{
	render_escape(out, s, strlen(s));
}

/*
 * The scheme of url in lower case (at most 15 bytes) into scheme[16], or ""
 * for a relative URL.  Browsers skip leading spaces and control characters
 * and ignore tabs and line breaks anywhere, so "  Java\tScript:" is
 * "javascript".
 */
static void
url_scheme(const char *url, size_t len, char *scheme)
{
	size_t		i = 0,
				n = 0;

	while (i < len && (unsigned char) url[i] <= 0x20)
		i++;
	for (; i < len; i++)
	{
		unsigned char c = (unsigned char) url[i];

		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == ':')
		{
			scheme[n] = '\0';
			return;
		}
		/* the first byte that cannot be in a scheme: a relative URL */
		if (!(isalnum(c) || c == '+' || c == '-' || c == '.') || n == 15)
			break;
		scheme[n++] = pg_ascii_tolower(c);
	}
	scheme[0] = '\0';
}

bool
render_url_allowed(const char *url, size_t len)
{
	char		scheme[16];

	url_scheme(url, len, scheme);
	return scheme[0] == '\0' || strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0;
}

bool
render_url_absolute(const char *url)
{
	char		scheme[16];

	url_scheme(url, strlen(url), scheme);
	return (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0) &&
		(unsigned char) url[0] > 0x20;
}

void
render_check_base_url(const char *base_url, bool absolute)
{
	size_t		len = strlen(base_url);

	if (len > MAX_BASE_URL)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("\"base_url\" is too long (%zu bytes, at most %d)", len, MAX_BASE_URL)));
	if (absolute && !render_url_absolute(base_url))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("\"base_url\" must be an absolute http or https URL"),
				 errdetail("Atom feed and entry ids must be absolute; \"%s\" is not.", base_url),
				 errhint("Pass the address the site is published at, such as 'https://example.org/glossary/'.")));
	if (!render_url_allowed(base_url, len))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("\"base_url\" must be a relative, http or https URL"),
				 errdetail("Page links are built from it, and \"%s\" has another scheme.", base_url),
				 errhint("Use a path such as '/glossary/' or an address such as 'https://example.org/glossary/'.")));
}

void
render_entry_url(StringInfo out, const char *base_url, const char *slug)
{
	const char *p = base_url;
	const char *hole;
	bool		found = false;

	while ((hole = strstr(p, "{slug}")) != NULL)
	{
		appendBinaryStringInfo(out, p, hole - p);
		appendStringInfoString(out, slug);
		p = hole + 6;
		found = true;
	}
	appendStringInfoString(out, p);
	if (!found)
		appendStringInfoString(out, slug);
}

void
render_entry_open_tag(StringInfo out, const EntryText *e, const char *base_url)
{
	StringInfoData url;

	initStringInfo(&url);
	render_entry_url(&url, base_url, e->slug);
	appendStringInfoString(out, "<a class=\"glossary-link\" href=\"");
	render_escape(out, url.data, url.len);
	appendStringInfoString(out, "\" title=\"");
	render_escape_cstr(out, e->summary);
	appendStringInfoString(out, "\" data-glossary-slug=\"");
	render_escape_cstr(out, e->slug);
	appendStringInfoString(out, "\" data-glossary-term=\"");
	render_escape_cstr(out, e->term);
	appendStringInfoString(out, "\" data-glossary-category=\"");
	render_escape_cstr(out, e->category);
	appendStringInfoString(out, "\">");
	pfree(url.data);
}

char *
render_to_utf8(const char *s, int len)
{
	char	   *utf8 = pg_server_to_any(s, len, PG_UTF8);

	/* same encoding: a NUL-terminated copy */
	return utf8 == s ? pnstrdup(s, len) : utf8;
}

char *
render_column_text(HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);
	text	   *t;

	if (isnull)
		return NULL;
	t = DatumGetTextPP(d);
	return render_to_utf8(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

text *
render_result(const char *s, int len)
{
	char	   *server = pg_any_to_server(s, len, PG_UTF8);

	return server == s ? cstring_to_text_with_len(s, len) : cstring_to_text(server);
}
