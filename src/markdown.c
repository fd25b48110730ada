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
		if (*p == '~' || memchr(p + 3, '`', next_line(p, end) - (p + 3)) == NULL)
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
