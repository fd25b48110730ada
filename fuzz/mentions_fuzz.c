/*
 * mentions_fuzz.c
 *	  libFuzzer harness for the mentions scanner: the Aho-Corasick automaton
 *	  (src/ac_automaton.c), the markup-aware scanner (src/mention_scan.c,
 *	  src/markdown.c) and the normaliser it folds text with (src/normalize.c).
 *
 * sources: src/mention_scan.c src/ac_automaton.c src/markdown.c src/normalize.c fuzz/pg_stubs.c
 * libs: -licuuc -licudata -lpgcommon -lpgport
 *
 * Input: the first line holds labels separated by '|'; the rest is the
 * text to scan.  Both must be valid UTF-8 without a zero byte (what a text
 * value holds); other inputs are skipped.  Labels become keys as
 * mentions.c makes them: glossary_normalize(label, trim = true), then
 * ms_key_stream().
 *
 * Checked: every mention names a key, lies within the text, starts and
 * ends on character boundaries, and comes after the previous one without
 * overlapping it; no mention overlaps a skipped region (code, links,
 * markup); regions lie within the text; and the text of a mention folds
 * (glossary_normalize, trim = false) to a text that holds the key it names
 * (see folds_to_key); and the automaton's word-start filter changes
 * nothing (the same scan with every filter bit set finds the same).
 */
#include "postgres.h"

#include <stdint.h>
#include <stdlib.h>

#include "mb/pg_wchar.h"

#include "mention_scan.h"
#include "normalize.h"
#include "pg_stubs.h"

#define MAX_KEYS 64
#define MAX_SPANS 4096

typedef struct Span
{
	size_t		start;
	size_t		end;
	int			key;
} Span;

typedef struct Scan
{
	const char *labels;
	size_t		labels_len;
	const char *text;
	size_t		len;
	char	   *keys[MAX_KEYS];
	int			keylens[MAX_KEYS];
	int			nkeys;
	Span		mentions[MAX_SPANS];
	int			nmentions;
	Span		regions[MAX_SPANS];
	int			nregions;
	bool		overflow;
} Scan;

static void *
cb_alloc(void *arg, size_t size)
{
	return palloc_extended(Max(size, 1), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
}

static void
cb_release(void *arg, void *ptr)
{
	if (ptr != NULL)
		pfree(ptr);
}

static bool
cb_is_alnum(void *arg, const char *s, int len)
{
	return glossary_is_word_char(s, len, 0);
}

static char *
cb_normalize(void *arg, const char *in, int inlen, int *outlen, int **map)
{
	return glossary_normalize(in, inlen, false, outlen, map);
}

static bool
char_boundary(const Scan *sc, size_t pos)
{
	return pos == 0 || pos >= sc->len || (((unsigned char) sc->text[pos]) & 0xC0) != 0x80;
}

static void
cb_emit(void *arg, int key, size_t start, size_t end)
{
	Scan	   *sc = arg;

	if (key < 0 || key >= sc->nkeys)
		abort();
	if (start >= end || end > sc->len)
		abort();
	if (!char_boundary(sc, start) || !char_boundary(sc, end))
		abort();
	if (sc->nmentions > 0 && start < sc->mentions[sc->nmentions - 1].end)
		abort();				/* overlapping or out of order */
	if (sc->nmentions >= MAX_SPANS)
	{
		sc->overflow = true;
		return;
	}
	sc->mentions[sc->nmentions].start = start;
	sc->mentions[sc->nmentions].end = end;
	sc->mentions[sc->nmentions].key = key;
	sc->nmentions++;
}

static void
cb_region(void *arg, const MdRegion *r, size_t start)
{
	Scan	   *sc = arg;
	size_t		end;

	if (r->end <= sc->text + start || r->end > sc->text + sc->len)
		abort();
	end = r->end - sc->text;
	if (r->target != NULL &&
		(r->target < sc->text || r->target + r->target_len > sc->text + sc->len))
		abort();
	if (sc->nregions > 0 && start < sc->regions[sc->nregions - 1].end)
		abort();
	if (sc->nregions >= MAX_SPANS)
	{
		sc->overflow = true;
		return;
	}
	sc->regions[sc->nregions].start = start;
	sc->regions[sc->nregions].end = end;
	sc->regions[sc->nregions].key = r->kind;
	sc->nregions++;
}

/*
 * The folded text of a mention holds its key, and is usually exactly the
 * key.  A mention spans whole composition segments of the text, so it may
 * hold more: a combining mark that composes with the key's first or last
 * character, or the rest of one character that folds to several ("½" folds
 * to "1⁄2", a mention of "1" spans the whole "½").
 */
static bool
folds_to_key(const char *folded, int flen, const char *key, int klen)
{
	for (int i = 0; i + klen <= flen; i++)
		if (memcmp(folded + i, key, klen) == 0)
			return true;
	return false;
}

static void
run(void *arg)
{
	Scan	   *sc = arg;
	MsCallbacks cb = {0};
	char	   *streams[MAX_KEYS];
	int			slens[MAX_KEYS];
	bool		lead_mark[MAX_KEYS];
	AcAutomaton *ac;
	const char *p = sc->labels;
	const char *end = sc->labels + sc->labels_len;
	int			r;

	cb.arg = sc;
	cb.alloc = cb_alloc;
	cb.release = cb_release;
	cb.is_alnum = cb_is_alnum;
	cb.normalize = cb_normalize;
	cb.emit = cb_emit;
	cb.region = cb_region;

	while (p < end && sc->nkeys < MAX_KEYS)
	{
		const char *bar = memchr(p, '|', end - p);
		const char *le = bar ? bar : end;
		int			klen;
		char	   *key = glossary_normalize(p, le - p, true, &klen, NULL);

		if (klen > 0)
		{
			int			k = sc->nkeys++;

			sc->keys[k] = key;
			sc->keylens[k] = klen;
			streams[k] = palloc(2 * klen + 1);
			slens[k] = ms_key_stream(key, klen, streams[k], &lead_mark[k], &cb);
			if (slens[k] <= 0 || slens[k] > 2 * klen)
				abort();
		}
		p = bar ? bar + 1 : end;
	}
	ac = ac_build((const char *const *) streams, slens, sc->nkeys, cb_alloc, cb_release, NULL);
	ms_scan(ac, lead_mark, sc->text, sc->len, &cb);

	/*
	 * The word-start filter only skips words that cannot start a key: with
	 * every bit set (nothing skipped) the scan finds exactly the same.
	 */
	if (!sc->overflow)
	{
		AcAutomaton unfiltered = *ac;
		Span	   *found = palloc(sizeof(Span) * (sc->nmentions + 1));
		int			nfound = sc->nmentions;

		memcpy(found, sc->mentions, sizeof(Span) * nfound);
		memset(unfiltered.lead_grams, 0xff, sizeof(unfiltered.lead_grams));
		sc->nmentions = 0;
		sc->nregions = 0;
		ms_scan(&unfiltered, lead_mark, sc->text, sc->len, &cb);
		bool		same = sc->nmentions == nfound;

		for (int m = 0; same && m < nfound; m++)
			same = found[m].start == sc->mentions[m].start && found[m].end == sc->mentions[m].end &&
				found[m].key == sc->mentions[m].key;
		if (!same)
		{
			fprintf(stderr, "the word-start filter changed the result: %d mentions with it, %d without\n",
					nfound, sc->nmentions);
			abort();
		}
		pfree(found);
	}

	/* no mention inside a skipped region (both lists are in text order) */
	r = 0;
	for (int m = 0; m < sc->nmentions; m++)
	{
		Span	   *ms = &sc->mentions[m];

		while (r < sc->nregions && sc->regions[r].end <= ms->start)
			r++;
		if (r < sc->nregions && sc->regions[r].start < ms->end)
			abort();
	}

	/* a mention's text folds to its key (the first of equal keys is reported) */
	for (int m = 0; m < sc->nmentions; m++)
	{
		Span	   *ms = &sc->mentions[m];
		int			flen;
		char	   *folded = glossary_normalize(sc->text + ms->start, (int) (ms->end - ms->start),
												false, &flen, NULL);

		if (!folds_to_key(folded, flen, sc->keys[ms->key], sc->keylens[ms->key]))
		{
			fprintf(stderr, "mention [%zu, %zu) folds to \"%s\", key %d is \"%s\"\n",
					ms->start, ms->end, folded, ms->key, sc->keys[ms->key]);
			abort();
		}
		pfree(folded);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	size_t		llen = nl ? (size_t) ((const uint8_t *) nl - data) : size;
	Scan	   *sc;
	char	   *copy;

	if (size > 65536 || !pgstub_valid_text((const char *) data, size))
		return 0;
	sc = calloc(1, sizeof(Scan));
	/* a private copy of the text, so reads past its end are caught by ASan */
	copy = malloc(size ? size : 1);
	memcpy(copy, data, size);
	sc->labels = copy;
	sc->labels_len = llen;
	sc->text = nl ? copy + llen + 1 : copy + size;
	sc->len = nl ? size - llen - 1 : 0;
	if (!pgstub_run(run, sc))
	{
		fprintf(stderr, "mentions raised: %s\n", pgstub_error.message);
		abort();
	}
	if (getenv("FUZZ_VERBOSE"))
		fprintf(stderr, "%d keys, %d mentions, %d regions\n", sc->nkeys, sc->nmentions, sc->nregions);
	free(copy);
	free(sc);
	return 0;
}
