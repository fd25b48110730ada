/*
 * normalize_fuzz.c
 *	  libFuzzer harness for the label normaliser (src/normalize.c: ICU's
 *	  NFKC_Casefold, separators, quotes, trimming, word boundaries).
 *
 * sources: src/normalize.c fuzz/pg_stubs.c
 * libs: -licuuc -licudata -lpgcommon -lpgport
 *
 * The input is any bytes without a zero byte (a text value never holds
 * one; invalid UTF-8 is allowed: the normaliser reads it as U+FFFD).
 * Checked for every input:
 *	- the output is valid UTF-8 and holds no zero byte;
 *	- trim = true: idempotent (normalize(normalize(x)) == normalize(x)),
 *	  and the key neither starts nor ends with a space;
 *	- trim = false: the same text with or without a map; the map is
 *	  non-decreasing, within [0, inlen], each entry at a character start,
 *	  and map[outlen] == inlen;
 *	- word boundaries can be asked at every character start.
 */
#include "postgres.h"

#include <stdint.h>
#include <stdlib.h>

#include "mb/pg_wchar.h"

#include "normalize.h"
#include "pg_stubs.h"

typedef struct Input
{
	const char *data;
	int			len;
} Input;

static void
check_utf8(const char *s, int len)
{
	int			i = 0;

	if ((int) strlen(s) != len)
		abort();				/* a zero byte inside, or a wrong length */
	while (i < len)
	{
		int			l = pg_utf_mblen((const unsigned char *) s + i);

		if (i + l > len || !pg_utf8_islegal((const unsigned char *) s + i, l))
			abort();
		i += l;
	}
}

/* where characters start, reading an invalid sequence as one byte (as normalize.c does) */
static bool *
char_starts(const char *s, int len)
{
	bool	   *starts = palloc0(len + 1);
	int			i = 0;

	while (i < len)
	{
		const unsigned char *u = (const unsigned char *) s + i;
		int			n = *u < 0x80 ? 1 : pg_utf_mblen(u);

		if (n > 1 && (n > 4 || i + n > len || !pg_utf8_islegal(u, n)))
			n = 1;
		starts[i] = true;
		i += n;
	}
	starts[len] = true;
	return starts;
}

static void
run(void *arg)
{
	Input	   *in = arg;
	int			klen,
				k2len,
				tlen,
				t2len;
	int		   *map;
	char	   *key = glossary_normalize(in->data, in->len, true, &klen, NULL);
	char	   *key2;
	char	   *text;
	char	   *text2;
	bool	   *in_starts;
	bool	   *out_starts;

	/* labels */
	check_utf8(key, klen);
	if (klen > 0 && (key[0] == ' ' || key[klen - 1] == ' '))
		abort();
	key2 = glossary_normalize(key, klen, true, &k2len, NULL);
	if (k2len != klen || memcmp(key, key2, klen) != 0)
	{
		fprintf(stderr, "not idempotent: \"%s\" -> \"%s\"\n", key, key2);
		abort();
	}

	/* running text */
	text = glossary_normalize(in->data, in->len, false, &tlen, &map);
	check_utf8(text, tlen);
	text2 = glossary_normalize(in->data, in->len, false, &t2len, NULL);
	if (t2len != tlen || memcmp(text, text2, tlen) != 0)
		abort();
	if (map[tlen] != in->len)
		abort();
	in_starts = char_starts(in->data, in->len);
	out_starts = char_starts(text, tlen);
	for (int i = 0; i < tlen; i++)
	{
		if (map[i] < 0 || map[i] >= in->len)
			abort();
		if (i > 0 && map[i] < map[i - 1])
			abort();
		if (!in_starts[map[i]])
			abort();
	}
	for (int i = 0; i <= tlen; i++)
		if (out_starts[i])
		{
			(void) glossary_word_boundary(text, tlen, i);
			if (i < tlen)
				(void) glossary_is_word_char(text, tlen, i);
		}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *copy;
	Input		in;

	if (size > 65536 || memchr(data, 0, size) != NULL)
		return 0;
	/* a private copy, so reads past the end are caught by ASan */
	copy = malloc(size ? size : 1);
	memcpy(copy, data, size);
	in.data = copy;
	in.len = (int) size;
	if (!pgstub_run(run, &in))
	{
		fprintf(stderr, "normalize raised: %s\n", pgstub_error.message);
		abort();
	}
	free(copy);
	return 0;
}
