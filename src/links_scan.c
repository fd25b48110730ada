/*
 * links_scan.c
 *	  Recognise the three link spellings in entry bodies:
 *	  [[target]], [[target|visible text]] and <G term="target">visible text</G>.
 *
 * No PostgreSQL calls, so the fuzz harness can compile this file alone.
 */
#include <stdbool.h>
#include <string.h>

#include "links_scan.h"
#include "markdown.h"

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* trim white space from both ends of [*s, *s + *len) */
static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && is_space(**s))
	{
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && is_space((*s)[*len - 1]))
		(*len)--;
}

/* [[target]] or [[target|text]] at p; returns the byte after it or NULL */
static const char *
scan_wiki(const char *p, const char *end, ScannedLink *link)
{
	const char *q = p + 2;
	const char *bar = NULL;

	for (; q + 1 < end; q++)
	{
		if (*q == ']' && q[1] == ']')
			break;
		/* a wiki link stays on one line and does not nest */
		if (*q == '\n' || *q == '[' || *q == ']')
			return NULL;
		if (*q == '|' && bar == NULL)
			bar = q;
	}
	if (q + 1 >= end)
		return NULL;
	link->target = p + 2;
	link->target_len = (bar ? bar : q) - (p + 2);
	trim(&link->target, &link->target_len);
	if (link->target_len == 0)
		return NULL;
	if (bar)
	{
		link->label = bar + 1;
		link->label_len = q - (bar + 1);
		trim(&link->label, &link->label_len);
	}
	if (!bar || link->label_len == 0)
	{
		link->label = link->target;
		link->label_len = link->target_len;
	}
	link->syntax = LINK_WIKI;
	return q + 2;
}

/* find the byte sequence needle in [p, end) */
static const char *
find(const char *p, const char *end, const char *needle)
{
	size_t		n = strlen(needle);

	while (p + n <= end)
	{
		const char *c = memchr(p, needle[0], end - p);

		if (c == NULL || c + n > end)
			return NULL;
		if (memcmp(c, needle, n) == 0)
			return c;
		p = c + 1;
	}
	return NULL;
}

/* <G term="target">text</G> or <G term="target" /> at p */
static const char *
scan_mdx(const char *p, const char *end, ScannedLink *link)
{
	const char *q = p + 2;
	const char *tag_end;
	const char *close;
	bool		self_closing;

	if (q >= end || !is_space(*q))
		return NULL;
	tag_end = memchr(q, '>', end - q);
	if (tag_end == NULL)
		return NULL;
	self_closing = tag_end[-1] == '/';

	/* the term attribute, with double or single quotes */
	link->target = NULL;
	while (q < tag_end)
	{
		while (q < tag_end && is_space(*q))
			q++;
		if (tag_end - q > 5 && memcmp(q, "term=", 5) == 0 && (q[5] == '"' || q[5] == '\''))
		{
			const char *v = q + 6;
			const char *vend = memchr(v, q[5], tag_end - v);

			if (vend == NULL)
				return NULL;
			link->target = v;
			link->target_len = vend - v;
			break;
		}
		/* skip some other attribute: name, optional ="..." */
		while (q < tag_end && !is_space(*q) && *q != '=')
			q++;
		if (q < tag_end && *q == '=')
		{
			q++;
			if (q < tag_end && (*q == '"' || *q == '\''))
			{
				const char *vend = memchr(q + 1, *q, tag_end - (q + 1));

				if (vend == NULL)
					return NULL;
				q = vend + 1;
			}
			else
				while (q < tag_end && !is_space(*q))
					q++;
		}
		else if (q == tag_end || *q != '/')
			continue;
		else
			q++;
	}
	if (link->target == NULL)
		return NULL;
	trim(&link->target, &link->target_len);
	if (link->target_len == 0)
		return NULL;
	link->syntax = LINK_MDX;
	if (self_closing)
	{
		link->label = link->target;
		link->label_len = link->target_len;
		return tag_end + 1;
	}
	close = find(tag_end + 1, end, "</G>");
	if (close == NULL)
		return NULL;
	link->label = tag_end + 1;
	link->label_len = close - (tag_end + 1);
	trim(&link->label, &link->label_len);
	if (link->label_len == 0)
	{
		link->label = link->target;
		link->label_len = link->target_len;
	}
	return close + 4;
}

/*
 * Links inside code are not links.  Code is what md_region() calls code
 * (fenced blocks, code spans, indented blocks after a blank line), the same
 * rule mentions() and autolink() follow; regions of code can only start at
 * a backtick, a tilde or a newline.
 */
void
scan_links(const char *text, size_t len, link_callback cb, void *arg)
{
	const char *p = text;
	const char *end = text + len;
	MdScanState md;

	md_scan_init(&md, text, end);
	while (p < end)
	{
		ScannedLink link;
		const char *after = NULL;
		MdRegion r;

		if ((*p == '`' || *p == '~' || *p == '\n') &&
			md_region(&md, p, &r) && r.kind == MD_CODE)
		{
			p = r.end;
			continue;
		}
		if (*p == '[' && p + 1 < end && p[1] == '[')
			after = scan_wiki(p, end, &link);
		else if (*p == '<' && p + 1 < end && p[1] == 'G')
			after = scan_mdx(p, end, &link);
		if (after)
		{
			link.offset = p - text;
			link.length = after - p;
			cb(&link, arg);
			p = after;
			continue;
		}
		p++;
	}
}
