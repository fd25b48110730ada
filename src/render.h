/*
 * render.h
 *	  HTML and XML output for the site: escaping, URL checks, entry URLs and
 *	  the CommonMark rendering of bodies (cmark).
 *
 * Everything here works on UTF-8.  The SQL entry points convert from and to
 * the database encoding (render_to_utf8, render_result).
 */
#ifndef GLOSSARY_RENDER_H
#define GLOSSARY_RENDER_H

#include "postgres.h"

#include "access/htup.h"
#include "access/tupdesc.h"
#include "lib/stringinfo.h"

#include "label_cache.h"

/*
 * Append s escaped for HTML/XML text and attribute values: & < > " ' become
 * entities; control characters that XML 1.0 forbids (all of U+0000..U+001F
 * but tab, line feed and carriage return) are dropped.
 */
extern void render_escape(StringInfo out, const char *s, size_t len);

/* the same escaping; control characters are kept unless drop_controls */
extern void html_escape(StringInfo out, const char *s, size_t len, bool drop_controls);
extern void render_escape_cstr(StringInfo out, const char *s);

/*
 * true for a URL that may be put in an href: http:, https: or relative (no
 * scheme).  The scheme is read as browsers read it: leading spaces and
 * control characters skipped, tabs and line breaks inside ignored, case
 * folded.  javascript:, data:, vbscript:, file: and every other scheme are
 * refused.
 */
extern bool render_url_allowed(const char *url, size_t len);

/* true when url is absolute http: or https: (what Atom ids and links need) */
extern bool render_url_absolute(const char *url);

/*
 * Check a base_url argument: an allowed URL (relative or http/https; with
 * absolute = true only http/https) of at most 2,000 bytes, else an error
 * naming the argument.
 */
extern void render_check_base_url(const char *base_url, bool absolute);

/*
 * Append the URL of the page of slug: base_url with every "{slug}" replaced
 * by the slug, or base_url followed by the slug when it has no "{slug}".
 * Not escaped: escape it where it goes into HTML.
 */
extern void render_entry_url(StringInfo out, const char *base_url, const char *slug);

/*
 * Append the open tag of a link to entry e: <a class="glossary-link"
 * href="URL" title="SUMMARY" data-glossary-slug/term/category="...">, every
 * value escaped.
 */
extern void render_entry_open_tag(StringInfo out, const EntryText *e, const char *base_url);

/*
 * The open tags of links to the entries of one label index, each built on
 * first use and kept for the call (in the memory context current at
 * render_links_new).  idx must stay valid while they are used.
 */
typedef struct RenderLinks
{
	LabelIndex *idx;
	const char *base_url;
	MemoryContext cxt;
	char	  **tags;			/* per entry, NULL until first used */
	int		   *lens;			/* their lengths */
} RenderLinks;

extern RenderLinks *render_links_new(LabelIndex *idx, const char *base_url);
extern const char *render_link_tag(RenderLinks *links, int entry);
extern void render_append_link_tag(StringInfo out, RenderLinks *links, int entry);

/* UTF-8 copy (or s itself) of len bytes in the database encoding */
extern char *render_to_utf8(const char *s, int len);

/* column col (1-based, of a text type) of a tuple as UTF-8, NULL for NULL */
extern char *render_column_text(HeapTuple tup, TupleDesc desc, int col);

/* a text datum in the database encoding from UTF-8 */
extern text *render_result(const char *s, int len);

/*
 * Append the HTML of a Markdown body, rendered by cmark in its safe mode.
 *
 * With links = NULL: what cmark gives, nothing else (markdown_html()).
 * Otherwise glossary links ([[target]], [[target|text]], <G term=..>)
 * become anchors to the page (links->base_url) of the entry they resolve to, with its
 * summary as hover text, or spans marked dangling or ambiguous; raw HTML is
 * dropped (not replaced by a comment); links and images whose URL is not
 * allowed (render_url_allowed) keep only their text; MDX import/export
 * statements are dropped.  body must be UTF-8.
 */
extern void render_markdown(StringInfo out, const char *body, size_t len, RenderLinks *links);

/* Limit on the Markdown given to markdown_html() (bodies are at most 1 MiB) */
#define RENDER_MAX_MARKDOWN (16 * 1024 * 1024)

#endif							/* GLOSSARY_RENDER_H */
