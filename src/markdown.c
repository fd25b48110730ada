/*
 * markdown.c
 *	  Recognise Markdown code so that link and mention scanners skip it.
 *
 * This file uses no PostgreSQL calls so that fuzz harnesses can compile it
 * on its own.
 */
#include <string.h>

#include "markdown.h"

/* length of a run of the byte c starting at p */
static size_t
run_length(const char *p, const char *end, char c)
{
	const char *q = p;

	while (q < end && *q == c)
		q++;
	return (size_t) (q - p);
}

/* end of the line containing p: the byte after its newline, or end */
static const char *
next_line(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', end - p);

	return nl ? nl + 1 : end;
}

static const char *
skip_fence(const char *p, const char *end)
{
	char		fence = *p;
	size_t		len = run_length(p, end, fence);
	const char *line = next_line(p, end);

	/* the block ends at a line holding a fence at least as long */
	while (line < end)
	{
		const char *q = line;
		int			indent = 0;

		while (q < end && *q == ' ' && indent < 3)
		{
			q++;
			indent++;
		}
		if (q < end && *q == fence && run_length(q, end, fence) >= len)
		{
			const char *after = q + run_length(q, end, fence);

			while (after < end && (*after == ' ' || *after == '\t'))
				after++;
			if (after == end || *after == '\n' || *after == '\r')
				return next_line(q, end);
		}
		line = next_line(line, end);
	}
	return end;
}

static const char *
skip_span(const char *p, const char *end)
{
	size_t		len = run_length(p, end, '`');
	const char *q = p + len;

	while (q < end)
	{
		const char *tick = memchr(q, '`', end - q);
		size_t		n;

		if (tick == NULL)
			break;
		n = run_length(tick, end, '`');
		if (n == len)
			return tick + n;
		q = tick + n;
	}
	/* unmatched: the backticks are literal text */
	return p + len;
}

const char *
md_skip_code(const char *p, const char *end, bool at_line_start)
{
	if (p >= end)
		return p;
	if (at_line_start && (*p == '`' || *p == '~') && run_length(p, end, *p) >= 3)
	{
		/* a backtick fence's info string may not contain backticks */
		size_t		len = run_length(p, end, *p);

		if (*p == '~' || memchr(p + len, '`', next_line(p, end) - (p + len)) == NULL)
			return skip_fence(p, end);
	}
	if (*p == '`')
	{
		const char *q = skip_span(p, end);

		/* an unmatched run is text, but the caller must still move past it */
		return q;
	}
	return p;
}

/*
 * Regions that mention scanning and auto-linking skip (see markdown.h).
 * Every search is either memoized (next ']', ')', '>') or followed by a jump
 * past what it found, so a scan of a whole text stays linear.
 */
const bool	md_trigger[256] = {
	['`'] = true,['~'] = true,['<'] = true,['['] = true,
	['!'] = true,[':'] = true,['\n'] = true,
};

void
md_scan_init(MdScanState *st, const char *text, const char *end)
{
	memset(st, 0, sizeof(*st));
	st->text = text;
	st->end = end;
}

/* next byte c at or after p; slot names the memo */
static const char *
next_byte(MdScanState *st, int slot, char c, const char *p)
{
	if (st->near[slot] != NULL && p >= st->near[slot] &&
		(st->next_close[slot] == NULL || p <= st->next_close[slot]))
		return st->next_close[slot];
	st->near[slot] = p;
	st->next_close[slot] = p < st->end ? memchr(p, c, st->end - p) : NULL;
	return st->next_close[slot];
}

static bool
ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char
ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

static bool
space_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* only up to three spaces between p and the start of its line */
static bool
line_start_at(const MdScanState *st, const char *p)
{
	const char *q = p;
	int			n = 0;

	while (q > st->text && q[-1] == ' ' && n < 3)
		q--, n++;
	return q == st->text || q[-1] == '\n';
}

/* four spaces or a tab open the line: indented code, after a blank line */
static bool
indented(const char *line, const char *end)
{
	return (end - line >= 4 && memcmp(line, "    ", 4) == 0) || (line < end && *line == '\t');
}

/* only spaces, tabs and a carriage return before the line's newline */
static bool
blank_line(const char *line, const char *end)
{
	while (line < end && (*line == ' ' || *line == '\t' || *line == '\r'))
		line++;
	return line == end || *line == '\n';
}

/*
 * If the line at line (which follows a blank line) starts an indented code
 * block, return the newline that ends its last indented line (or end);
 * otherwise NULL.  Blank lines inside the block belong to it, trailing ones
 * do not.  A list item's indented paragraph reads as code too: skipping it is
 * the safe side, since nothing inside gets linked.
 */
static const char *
indented_code_end(const char *line, const char *end)
{
	const char *last = NULL;

	while (line < end)
	{
		const char *nl = memchr(line, '\n', end - line);
		const char *le = nl ? nl : end;

		if (indented(line, end) && !blank_line(line, end))
			last = le;
		else if (!blank_line(line, end))
			break;
		line = nl ? nl + 1 : end;
	}
	return last;
}

static bool
region(MdRegion *r, MdRegionKind kind, const char *end)
{
	r->kind = kind;
	r->end = end;
	return true;
}

/* a code span closed by a backtick run of the same length, memoized by length */
static const char *
span_end(MdScanState *st, const char *p, size_t len)
{
	const char *q = p + len;
	const char *const *memo = len < 17 ? &st->no_tick_run_after[len] : NULL;

	if (memo && *memo && p >= *memo)
		return NULL;
	while (q < st->end)
	{
		const char *tick = memchr(q, '`', st->end - q);
		size_t		n;

		if (tick == NULL)
			break;
		n = run_length(tick, st->end, '`');
		if (n == len)
			return tick + n;
		q = tick + n;
	}
	if (len < 17)
		st->no_tick_run_after[len] = p;
	return NULL;
}

/* case-insensitive "</name" followed by '>' or space at or after p: the byte after its '>' */
static const char *
closing_tag(MdScanState *st, const char *p, const char *name, size_t nlen, bool exact_case)
{
	const char *end = st->end;

	while (p < end)
	{
		const char *lt = memchr(p, '<', end - p);
		size_t		i;

		if (lt == NULL || (size_t) (end - lt) < nlen + 3)
			break;
		if (lt[1] == '/')
		{
			for (i = 0; i < nlen; i++)
				if (exact_case ? lt[2 + i] != name[i] : ascii_lower(lt[2 + i]) != ascii_lower(name[i]))
					break;
			if (i == nlen && (lt[2 + nlen] == '>' || space_byte(lt[2 + nlen])))
			{
				const char *gt = memchr(lt + 2 + nlen, '>', end - (lt + 2 + nlen));

				return gt ? gt + 1 : end;
			}
		}
		p = lt + 1;
	}
	return end;
}

/* value of attribute name="..." (or '...' or bare) inside [p, tag_end) */
static void
find_attr(const char *p, const char *tag_end, const char *name, MdRegion *r)
{
	size_t		n = strlen(name);
	const char *q;

	for (q = p; q + n < tag_end; q++)
	{
		const char *v;

		if (!space_byte(q[-1]) || q[n] != '=')
			continue;
		if (strncmp(q, name, n) != 0)
			continue;
		v = q + n + 1;
		if (v < tag_end && (*v == '"' || *v == '\''))
		{
			const char *ve = memchr(v + 1, *v, tag_end - (v + 1));

			if (ve == NULL)
				return;
			r->target = v + 1;
			r->target_len = ve - (v + 1);
		}
		else
		{
			const char *ve = v;

			while (ve < tag_end && !space_byte(*ve) && *ve != '/')
				ve++;
			r->target = v;
			r->target_len = ve - v;
		}
		return;
	}
}

static bool
name_is(const char *s, size_t len, const char *name)
{
	size_t		i;

	if (strlen(name) != len)
		return false;
	for (i = 0; i < len; i++)
		if (ascii_lower(s[i]) != name[i])
			return false;
	return true;
}

/* an HTML/JSX tag, comment or autolink at p ('<') */
static bool
tag_region(MdScanState *st, const char *p, MdRegion *r)
{
	const char *end = st->end;
	const char *q = p + 1;
	const char *name;
	const char *tag_end;
	size_t		nlen;
	bool		closing = false;
	static const char *const raw_elements[] = {
		"code", "pre", "script", "style", "kbd", "samp", "textarea", "svg", "math", NULL
	};
	int			i;

	if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
	{
		const char *c = p + 4;

		while (c + 2 < end)
		{
			const char *dash = memchr(c, '-', end - c);

			if (dash == NULL || dash + 2 >= end)
				break;
			if (dash[1] == '-' && dash[2] == '>')
				return region(r, MD_COMMENT, dash + 3);
			c = dash + 1;
		}
		return region(r, MD_COMMENT, end);
	}
	if (q < end && *q == '/')
	{
		closing = true;
		q++;
	}
	if (q >= end || !ascii_alpha(*q))
		return false;
	name = q;
	while (q < end && (ascii_alpha(*q) || (*q >= '0' && *q <= '9') || *q == '-' || *q == ':' ||
					   *q == '.' || *q == '+'))
		q++;
	nlen = q - name;

	/* the tag runs to its '>', over quoted attribute values */
	tag_end = NULL;
	while (q < end)
	{
		if (*q == '>')
		{
			tag_end = q;
			break;
		}
		if (*q == '"' || *q == '\'')
		{
			const char *qe = memchr(q + 1, *q, end - (q + 1));

			if (qe == NULL)
				break;
			q = qe;
		}
		q++;
	}
	if (tag_end == NULL)
		return region(r, MD_TAG, end);
	if (closing || tag_end[-1] == '/')
		return region(r, MD_TAG, tag_end + 1);

	if (nlen == 1 && (*name == 'a' || *name == 'A'))
	{
		find_attr(name + 1, tag_end, "href", r);
		return region(r, MD_HTML_LINK, closing_tag(st, tag_end + 1, "a", 1, false));
	}
	if (nlen == 1 && *name == 'G')
	{
		find_attr(name + 1, tag_end, "term", r);
		return region(r, MD_MDX_LINK, closing_tag(st, tag_end + 1, "G", 1, true));
	}
	for (i = 0; raw_elements[i]; i++)
		if (name_is(name, nlen, raw_elements[i]))
			return region(r, MD_ELEMENT, closing_tag(st, tag_end + 1, name, nlen, false));
	return region(r, MD_TAG, tag_end + 1);
}

/* [[target]] or [[target|text]] on one line, without brackets inside */
static bool
wiki_region(const MdScanState *st, const char *p, MdRegion *r)
{
	const char *q;
	const char *bar = NULL;

	for (q = p + 2; q + 1 < st->end; q++)
	{
		if (q[0] == ']' && q[1] == ']')
		{
			const char *t = p + 2;
			const char *te = bar ? bar : q;

			while (t < te && space_byte(*t))
				t++;
			while (te > t && space_byte(te[-1]))
				te--;
			if (te == t)
				return false;
			r->target = t;
			r->target_len = te - t;
			return region(r, MD_WIKI_LINK, q + 2);
		}
		if (*q == '\n' || *q == '[' || *q == ']')
			return false;
		if (*q == '|' && bar == NULL)
			bar = q;
	}
	return false;
}

#define MD_MAX_LINK_TEXT 1000
#define MD_MAX_LINK_DEST 2000

/* [text](dest), [text][ref] or, at a line start, [ref]: url */
static bool
md_link_region(MdScanState *st, const char *p, const char *from, MdRegion *r)
{
	const char *end = st->end;
	const char *close = next_byte(st, 0, ']', p + 1);
	const char *after;

	if (close == NULL || close - p > MD_MAX_LINK_TEXT || close + 1 >= end)
		return false;
	after = close + 1;
	if (*after == '(')
	{
		const char *rp = next_byte(st, 1, ')', after + 1);
		const char *d;

		if (rp == NULL || rp - after > MD_MAX_LINK_DEST)
			return false;
		/* one level of parentheses inside the destination */
		if (memchr(after + 1, '(', rp - (after + 1)) != NULL)
		{
			const char *rp2 = next_byte(st, 1, ')', rp + 1);

			if (rp2 != NULL && rp2 - after <= MD_MAX_LINK_DEST)
				rp = rp2;
		}
		d = after + 1;
		while (d < rp && space_byte(*d))
			d++;
		if (d < rp && *d == '<')
			d++;
		r->target = d;
		while (d < rp && !space_byte(*d) && *d != '>')
			d++;
		r->target_len = d - r->target;
		return region(r, MD_MD_LINK, rp + 1);
	}
	if (*after == '[')
	{
		const char *rb = next_byte(st, 0, ']', after + 1);

		if (rb == NULL || rb - after > MD_MAX_LINK_TEXT)
			return false;
		return region(r, MD_MD_LINK, rb + 1);
	}
	if (*after == ':' && from == p && line_start_at(st, p))
	{
		const char *nl = memchr(after, '\n', end - after);

		return region(r, MD_META, nl ? nl : end);
	}
	return false;
}

bool
md_region(MdScanState *st, const char *p, MdRegion *r)
{
	const char *end = st->end;

	r->kind = MD_NONE;
	r->end = p;
	r->target = NULL;
	r->target_len = 0;
	if (p >= end)
		return false;

	/* YAML front matter opens the text */
	if (p == st->text && end - p >= 4 && memcmp(p, "---", 3) == 0 &&
		(p[3] == '\n' || (p[3] == '\r' && end - p >= 5 && p[4] == '\n')))
	{
		const char *q = p + 3;

		while ((q = memchr(q, '\n', end - q)) != NULL)
		{
			q++;
			if (end - q >= 3 && memcmp(q, "---", 3) == 0 &&
				(q + 3 == end || q[3] == '\n' || q[3] == '\r'))
			{
				const char *nl = memchr(q, '\n', end - q);

				return region(r, MD_META, nl ? nl : end);
			}
		}
		return false;
	}
	/* an MDX import line */
	if ((p == st->text || *p == '\n') && end - p > 8)
	{
		const char *line = *p == '\n' ? p + 1 : p;

		if (end - line > 7 && memcmp(line, "import ", 7) == 0)
		{
			const char *nl = memchr(line, '\n', end - line);
			const char *le = nl ? nl : end;
			const char *f;

			for (f = line + 7; f + 6 <= le; f++)
				if (memcmp(f, " from ", 6) == 0)
					return region(r, MD_META, le);
		}
	}

	switch (*p)
	{
		case '\n':
			{
				const char *q = p + 1;

				while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
					q++;
				if (q < end && *q == '\n')
				{
					const char *code_end = indented_code_end(q + 1, end);

					return region(r, code_end ? MD_CODE : MD_BREAK, code_end ? code_end : q);
				}
				return false;
			}
		case '`':
		case '~':
			{
				size_t		len = run_length(p, end, *p);
				const char *q;

				if (len >= 3 && line_start_at(st, p) &&
					(*p == '~' || memchr(p + len, '`', next_line(p, end) - (p + len)) == NULL))
					return region(r, MD_CODE, md_skip_code(p, end, true));
				if (*p == '~')
					return false;
				q = span_end(st, p, len);
				/* an unmatched run is text; it separates words all the same */
				return region(r, q ? MD_CODE : MD_BREAK, q ? q : p + len);
			}
		case '<':
			return tag_region(st, p, r);
		case '[':
			if (p + 1 < end && p[1] == '[' && wiki_region(st, p, r))
				return true;
			return md_link_region(st, p, p, r);
		case '!':
			if (p + 1 < end && p[1] == '[' && md_link_region(st, p + 1, p, r))
				return true;
			return false;
		case ':':
			if (end - p > 3 && p[1] == '/' && p[2] == '/' && p > st->text && ascii_alpha(p[-1]))
			{
				const char *s = p;
				const char *q = p + 3;

				while (s > st->text && (ascii_alpha(s[-1]) || s[-1] == '+' || s[-1] == '-' || s[-1] == '.'))
					s--;
				while (q < end && !space_byte(*q) && !strchr("<>\"'`)]", *q))
					q++;
				r->target = s;
				r->target_len = q - s;
				return region(r, MD_URL, q);
			}
			return false;
	}
	return false;
}
