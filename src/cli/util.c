/*
 * util.c
 *	  glossary-load: memory, growing strings and lists, UTF-8 and file names.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossary_load.h"

void *
xmalloc(size_t size)
{
	void	   *p = malloc(size ? size : 1);

	if (p == NULL)
	{
		fprintf(stderr, "%s: out of memory\n", progname);
		exit(EXIT_REFUSED);
	}
	return p;
}

void *
xrealloc(void *old, size_t size)
{
	void	   *p = realloc(old, size ? size : 1);

	if (p == NULL)
	{
		fprintf(stderr, "%s: out of memory\n", progname);
		exit(EXIT_REFUSED);
	}
	return p;
}

char *
xstrdup(const char *s)
{
	size_t		len = strlen(s);
	char	   *p = xmalloc(len + 1);

	memcpy(p, s, len + 1);
	return p;
}

void
strlist_add(StrList *list, const char *s, int tag)
{
	if (list->n == list->cap)
	{
		list->cap = list->cap ? list->cap * 2 : 64;
		list->items = xrealloc(list->items, list->cap * sizeof(char *));
		list->tags = xrealloc(list->tags, list->cap * sizeof(int));
	}
	list->tags[list->n] = tag;
	list->items[list->n++] = xstrdup(s);
}

void
buf_printf(Buf *b, const char *fmt,...)
{
	for (;;)
	{
		va_list		ap;
		int			n;

		if (b->cap - b->len < 64 || b->data == NULL)
		{
			b->cap = b->cap ? b->cap * 2 : 256;
			b->data = xrealloc(b->data, b->cap);
		}
		va_start(ap, fmt);
		n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if ((size_t) n < b->cap - b->len)
		{
			b->len += n;
			return;
		}
		b->cap = b->len + n + 256;
		b->data = xrealloc(b->data, b->cap);
	}
}

/*
 * Length of the valid UTF-8 sequence at p (1 to 4), or 0 if the bytes there
 * are not one: overlong forms, surrogates and code points above U+10FFFF are
 * refused, as PostgreSQL refuses them.
 */
int
utf8_sequence(const unsigned char *p, size_t avail)
{
	unsigned char c = p[0];
	int			n,
				i;

	if (c < 0x80)
		return 1;
	else if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	else
		return 0;
	if (avail < (size_t) n)
		return 0;
	for (i = 1; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	if (c == 0xE0 && p[1] < 0xA0)
		return 0;
	if (c == 0xED && p[1] >= 0xA0)
		return 0;
	if (c == 0xF0 && p[1] < 0x90)
		return 0;
	if (c == 0xF4 && p[1] >= 0x90)
		return 0;
	return n;
}

bool
is_valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		len = strlen(s);
	size_t		i = 0;

	while (i < len)
	{
		int			n = utf8_sequence(p + i, len - i);

		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

/*
 * A file name as shown to the user and sent to the server as source_name:
 * valid UTF-8 is kept, control characters and stray bytes become \xNN, so a
 * hostile name can neither break a message line nor the client encoding.
 */
char *
printable_name(const char *s)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		len = strlen(s);
	char	   *out = xmalloc(len * 4 + 1);
	char	   *o = out;
	size_t		i = 0;

	while (i < len)
	{
		int			n = utf8_sequence(p + i, len - i);

		if (n > 1 || (n == 1 && p[i] >= 0x20 && p[i] != 0x7F))
		{
			memcpy(o, p + i, n);
			o += n;
			i += n;
		}
		else
		{
			o += sprintf(o, "\\x%02X", p[i]);
			i++;
		}
	}
	*o = '\0';
	return out;
}

/* the file name of a path without its directory and extension */
char *
file_stem(const char *name)
{
	const char *base = strrchr(name, '/');
	const char *dot;
	char	   *stem;

	base = base ? base + 1 : name;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		dot = base + strlen(base);
	stem = xmalloc(dot - base + 1);
	memcpy(stem, base, dot - base);
	stem[dot - base] = '\0';
	return stem;
}

char *
join_path(const char *dir, const char *name)
{
	size_t		dlen = strlen(dir);
	size_t		nlen = strlen(name);
	char	   *p = xmalloc(dlen + nlen + 2);

	memcpy(p, dir, dlen);
	if (dlen == 0 || dir[dlen - 1] != '/')
		p[dlen++] = '/';
	memcpy(p + dlen, name, nlen + 1);
	return p;
}
