/*
 * markdown.h
 *	  Small Markdown/MDX lexical helpers: where code starts and ends.
 */
#ifndef GLOSSARY_MARKDOWN_H
#define GLOSSARY_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

/*
 * If p starts a fenced code block (``` or ~~~ at the start of a line, after at
 * most three spaces) or an inline code span, return the first byte after it;
 * otherwise return p.  An unterminated fence runs to the end of the text; an
 * unmatched backtick run is ordinary text.  at_line_start tells whether p is at
 * the beginning of a line (or only spaces precede it on its line).  Indented
 * code blocks are md_region()'s to find (they need the blank line before).
 */
extern const char *md_skip_code(const char *p, const char *end, bool at_line_start);

/*
 * Markup whose text must never be linked or counted as a mention: code,
 * existing links of every spelling, HTML tags, comments and elements whose
 * content is not prose, bare URLs, MDX import lines, YAML front matter.
 */
typedef enum MdRegionKind
{
	MD_NONE,
	MD_BREAK,					/* a blank line: a paragraph ends */
	MD_CODE,					/* code span or fenced block */
	MD_WIKI_LINK,				/* [[target]] or [[target|text]] */
	MD_MDX_LINK,				/* <G term="target">text</G> */
	MD_MD_LINK,					/* [text](url), [text][ref], ![alt](url) */
	MD_HTML_LINK,				/* <a href="url">text</a> */
	MD_ELEMENT,					/* <code>, <pre>, <script>, <style>, ... with content */
	MD_TAG,						/* any other HTML/JSX tag, or an autolink <http://...> */
	MD_COMMENT,					/* <!-- ... --> */
	MD_URL,						/* a bare http(s)://... URL */
	MD_META						/* MDX import line, YAML front matter, [ref]: url */
} MdRegionKind;

typedef struct MdRegion
{
	MdRegionKind kind;
	const char *end;			/* first byte after the region */
	const char *target;			/* link target or URL as written, or NULL */
	size_t		target_len;
} MdRegion;

/* memo of searches, so that a scan of a whole text stays linear */
typedef struct MdScanState
{
	const char *text;			/* start of the text (for line starts) */
	const char *end;
	const char *next_close[3];	/* next ']', ')' , '>' at or after near[i] */
	const char *near[3];
	const char *no_tick_run_after[17];	/* no backtick run of length i after this */
} MdScanState;

extern void md_scan_init(MdScanState *st, const char *text, const char *end);

/*
 * Bytes that may start a region: md_region() need only be called at them.
 * Everything else is plain text.
 */
extern const bool md_trigger[256];

/*
 * If p starts a region, fill *r and return true (r->end > p); otherwise
 * return false.  Unterminated constructs are defined: an unterminated code
 * fence, HTML tag, comment or element runs to the end of the text (as a
 * browser would read it); an unmatched bracket or backtick run is text.
 */
extern bool md_region(MdScanState *st, const char *p, MdRegion *r);

#endif							/* GLOSSARY_MARKDOWN_H */
