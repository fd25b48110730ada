/*
 * normalize.c
 *	  STUB: ASCII-only folding; the full rules follow.
 */
#include "postgres.h"

#include "normalize.h"

char *
glossary_normalize(const char *in, int inlen, bool trim, int *outlen, int **map)
{
	char	   *out = palloc(inlen + 1);
	int		   *m = map ? palloc((inlen + 1) * sizeof(int)) : NULL;
	int			i;

	for (i = 0; i < inlen; i++)
	{
		out[i] = pg_ascii_tolower((unsigned char) in[i]);
		if (m)
			m[i] = i;
	}
	out[inlen] = '\0';
	if (m)
	{
		m[inlen] = inlen;
		*map = m;
	}
	*outlen = inlen;
	return out;
}

bool
glossary_is_word_char(const char *s, int len, int pos)
{
	return pos < len && (isalnum((unsigned char) s[pos]) || (unsigned char) s[pos] >= 0x80);
}

bool
glossary_word_boundary(const char *s, int len, int pos)
{
	bool		before = pos > 0 && glossary_is_word_char(s, len, pos - 1);
	bool		after = glossary_is_word_char(s, len, pos);

	return before != after;
}
