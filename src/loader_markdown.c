/*
 * loader_markdown.c
 *	  Split a Markdown/MDX entry into its YAML front matter and its body.
 *
 * The front matter sits between a first line "---" and the next line
 * "---".  In the body, MDX import/export statements (a block that starts
 * at the beginning of a line with "import" or "export" and runs to the
 * next blank line, outside fenced code) are not prose and are dropped;
 * blank lines at both ends are trimmed.
 */
#include "postgres.h"

#include "lib/stringinfo.h"

#include "loader.h"

static bool
is_blank_line(const char *s, const char *e)
{
	for (; s < e; s++)
		if (!(*s == ' ' || *s == '\t' || *s == '\r'))
			return false;
	return true;
}

/* a line that is "---", trailing white space allowed */
static bool
is_delimiter(const char *s, const char *e)
{
	while (e > s && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return e - s == 3 && memcmp(s, "---", 3) == 0;
}

static bool
starts_word(const char *s, const char *e, const char *word)
{
	size_t		n = strlen(word);

	return (size_t) (e - s) > n && memcmp(s, word, n) == 0 &&
		(s[n] == ' ' || s[n] == '\t' || s[n] == '{' || s[n] == '*');
}

/* ``` or ~~~ after at most three spaces; sets the fence character and length */
static bool
fence_line(const char *s, const char *e, char *ch, int *len)
{
	int			indent = 0;
	int			n = 0;

	while (s < e && *s == ' ' && indent < 4)
	{
		s++;
		indent++;
	}
	if (indent > 3 || s >= e || (*s != '`' && *s != '~'))
		return false;
	while (s + n < e && s[n] == *s)
		n++;
	if (n < 3)
		return false;
	*ch = *s;
	*len = n;
	return true;
}

static char *
clean_body(const char *p, const char *end)
{
	StringInfoData out;
	bool		block_start = true;
	bool		in_esm = false;
	bool		after_esm = false;
	bool		in_fence = false;
	char		fence_ch = 0;
	int			fence_len = 0;
	char	   *s;
	int			len;

	initStringInfo(&out);
	while (p < end)
	{
		const char *nl = memchr(p, '\n', end - p);
		const char *le = nl ? nl : end;
		bool		blank = is_blank_line(p, le);
		char		ch;
		int			flen;

		if (in_esm)
		{
			/* an ESM block runs to the next blank line */
			if (blank)
			{
				in_esm = false;
				after_esm = true;
			}
		}
		else if (after_esm && blank)
		{
			/* the blank lines that separated the dropped block */
		}
		else if (!in_fence && block_start &&
				 (starts_word(p, le, "import") || starts_word(p, le, "export")))
			in_esm = true;
		else
		{
			after_esm = false;
			if (fence_line(p, le, &ch, &flen))
			{
				if (!in_fence)
				{
					in_fence = true;
					fence_ch = ch;
					fence_len = flen;
				}
				else if (ch == fence_ch && flen >= fence_len)
					in_fence = false;
			}
			appendBinaryStringInfo(&out, p, le - p);
			appendStringInfoChar(&out, '\n');
			block_start = blank;
		}
		p = nl ? nl + 1 : end;
	}

	/* trim blank lines at the start (keeping the first line's indentation) and white space at the end */
	s = out.data;
	len = out.len;
	for (;;)
	{
		char	   *nl = memchr(s, '\n', len);

		if (nl == NULL || !is_blank_line(s, nl))
			break;
		len -= nl + 1 - s;
		s = nl + 1;
	}
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r' ||
					   s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return pnstrdup(s, len);
}

MarkdownStatus
markdown_split(const char *doc, size_t len, MarkdownParts *parts)
{
	const char *p = doc;
	const char *end = doc + len;
	const char *nl;

	memset(parts, 0, sizeof(MarkdownParts));
	/* a byte order mark is not content */
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	nl = memchr(p, '\n', end - p);
	if (!is_delimiter(p, nl ? nl : end))
		return MD_NO_FRONT_MATTER;
	if (nl == NULL)
		return MD_UNCLOSED_FRONT_MATTER;

	parts->front = nl + 1;
	parts->front_first_line = 2;
	for (p = nl + 1; p < end;)
	{
		const char *le;

		nl = memchr(p, '\n', end - p);
		le = nl ? nl : end;
		if (is_delimiter(p, le))
		{
			parts->front_len = p - parts->front;
			parts->body = clean_body(nl ? nl + 1 : end, end);
			return MD_OK;
		}
		p = nl ? nl + 1 : end;
	}
	return MD_UNCLOSED_FRONT_MATTER;
}
