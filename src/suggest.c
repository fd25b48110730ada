/*
 * suggest.c
 *	  "Did you mean": labels within one or two edits of a key.
 *
 * An in-memory bigram index over the distinct keys of the written labels,
 * built lazily in the label index's context on the first suggest() call.
 * A candidate must share enough distinct bigrams (of code points, the key
 * padded at both ends) with the query: one edit destroys at most two bigram
 * occurrences, a transposition three, so a key within d edits shares at
 * least distinct(query) - 3d of them.  When that bound is below one (short
 * keys) every key of a close enough length is a candidate.  Candidates are
 * then verified with the restricted Damerau-Levenshtein distance (insert,
 * delete, substitute, swap of neighbours), cut off at the limit.
 */
#include "postgres.h"

#include <limits.h>

#include "mb/pg_wchar.h"
#include "utils/memutils.h"

#include "label_cache_int.h"
#include "label_shmem.h"

/* keys longer than this (characters) get no suggestions */
#define FUZZY_MAX_CHARS 100

typedef struct FuzzyKey
{
	int			key;			/* index into the label index's keys */
	int			nchars;
} FuzzyKey;

typedef struct GramPosting
{
	uint64		gram;
	int			key;
} GramPosting;

typedef struct FuzzyIndex
{
	int			nkeys;
	FuzzyKey   *keys;
	int			ngrams;
	uint64	   *grams;			/* distinct bigrams, sorted */
	int		   *start;			/* postings of grams[i]: post[start[i] .. start[i+1]) */
	int		   *post;
} FuzzyIndex;

/* what one call site counts with (the index itself is read only) */
typedef struct FuzzyScratch
{
	int			nkeys;
	int			nentries;
	uint16	   *count;			/* per fuzzy key, all zero between calls */
	int		   *touched;		/* keys with count > 0 */
	int		   *best;			/* per entry: index into results, -1 */
} FuzzyScratch;

#define GRAM_START	0x110000
#define GRAM_END	0x110001
#define MAKE_GRAM(a, b) (((uint64) (a) << 21) | (uint64) (b))

/* code points of a UTF-8 key, at most max; returns the count or -1 if longer */
static int
key_chars(const char *key, int keylen, pg_wchar *out, int max)
{
	int			n = 0,
				i = 0;

	while (i < keylen)
	{
		if (n == max)
			return -1;
		out[n++] = utf8_to_unicode((const unsigned char *) key + i);
		i += pg_utf_mblen((const unsigned char *) key + i);
	}
	return n;
}

static int
uint64_cmp(const void *a, const void *b)
{
	uint64		x = *(const uint64 *) a,
				y = *(const uint64 *) b;

	return x < y ? -1 : x > y ? 1 : 0;
}

static int
posting_cmp(const void *a, const void *b)
{
	const GramPosting *x = a,
			   *y = b;

	if (x->gram != y->gram)
		return x->gram < y->gram ? -1 : 1;
	return x->key - y->key;
}

/* the distinct bigrams of chars[0..n), sorted; returns their count */
static int
key_grams(const pg_wchar *chars, int n, uint64 *grams)
{
	int			i,
				ng = 0,
				d = 0;

	grams[ng++] = MAKE_GRAM(GRAM_START, n > 0 ? chars[0] : GRAM_END);
	for (i = 0; i + 1 < n; i++)
		grams[ng++] = MAKE_GRAM(chars[i], chars[i + 1]);
	if (n > 0)
		grams[ng++] = MAKE_GRAM(chars[n - 1], GRAM_END);
	qsort(grams, ng, sizeof(uint64), uint64_cmp);
	for (i = 0; i < ng; i++)
		if (d == 0 || grams[d - 1] != grams[i])
			grams[d++] = grams[i];
	return d;
}

static bool
key_has_written_label(LabelIndexData *data, KeyEntry *ke)
{
	int			h;

	for (h = ke->first_hit; h >= 0; h = data->hits[h].next)
		if (data->hits[h].kind != LABEL_VARIANT)
			return true;
	return false;
}

static void *
build_fuzzy(LabelIndex *idx, MemoryContext cxt)
{
	LabelIndexData *data = idx->hash;
	MemoryContext old = MemoryContextSwitchTo(cxt);
	FuzzyIndex *fz = palloc0(sizeof(FuzzyIndex));
	GramPosting *pairs;
	int			npairs = 0,
				cap = 1024,
				i;
	pg_wchar	chars[FUZZY_MAX_CHARS];
	uint64		grams[FUZZY_MAX_CHARS + 1];
	int			n,
				kno,
				nkeys;
	KeyEntry   *keylist = label_index_keys(idx, &nkeys);

	fz->keys = palloc_extended(Max(nkeys, 1) * sizeof(FuzzyKey), MCXT_ALLOC_HUGE);
	pairs = palloc_extended(cap * sizeof(GramPosting), MCXT_ALLOC_HUGE);
	for (kno = 0; kno < nkeys; kno++)
	{
		KeyEntry   *ke = &keylist[kno];
		int			ng;

		if (!key_has_written_label(data, ke))
			continue;
		n = key_chars(label_str(idx, ke->key), ke->keylen, chars, FUZZY_MAX_CHARS);
		if (n < 0)
			continue;
		fz->keys[fz->nkeys].key = kno;
		fz->keys[fz->nkeys].nchars = n;
		ng = key_grams(chars, n, grams);
		if (npairs + ng > cap)
		{
			cap = 2 * cap + ng;
			pairs = repalloc_huge(pairs, (Size) cap * sizeof(GramPosting));
		}
		for (i = 0; i < ng; i++)
		{
			pairs[npairs].gram = grams[i];
			pairs[npairs++].key = fz->nkeys;
		}
		fz->nkeys++;
	}
	qsort(pairs, npairs, sizeof(GramPosting), posting_cmp);

	fz->post = palloc_extended(Max(npairs, 1) * sizeof(int), MCXT_ALLOC_HUGE);
	fz->grams = palloc_extended(Max(npairs, 1) * sizeof(uint64), MCXT_ALLOC_HUGE);
	fz->start = palloc_extended((Max(npairs, 1) + 1) * sizeof(int), MCXT_ALLOC_HUGE);
	for (i = 0; i < npairs; i++)
	{
		if (i == 0 || pairs[i].gram != pairs[i - 1].gram)
		{
			fz->grams[fz->ngrams] = pairs[i].gram;
			fz->start[fz->ngrams++] = i;
		}
		fz->post[i] = pairs[i].key;
	}
	fz->start[fz->ngrams] = npairs;
	pfree(pairs);
	MemoryContextSwitchTo(old);
	return fz;
}

/* the call site's counters, sized for this index (kept in cxt) */
static FuzzyScratch *
fuzzy_scratch(void **slot, const FuzzyIndex *fz, int nentries, MemoryContext cxt)
{
	FuzzyScratch *sc = *slot;

	if (sc != NULL && sc->nkeys == fz->nkeys && sc->nentries == nentries)
		return sc;
	if (sc != NULL)
	{
		pfree(sc->count);
		pfree(sc->touched);
		pfree(sc->best);
		pfree(sc);
	}
	sc = MemoryContextAlloc(cxt, sizeof(FuzzyScratch));
	sc->nkeys = fz->nkeys;
	sc->nentries = nentries;
	sc->count = MemoryContextAllocExtended(cxt, Max(fz->nkeys, 1) * sizeof(uint16), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	sc->touched = MemoryContextAllocExtended(cxt, Max(fz->nkeys, 1) * sizeof(int), MCXT_ALLOC_HUGE);
	sc->best = MemoryContextAllocExtended(cxt, Max(nentries, 1) * sizeof(int), MCXT_ALLOC_HUGE);
	memset(sc->best, -1, Max(nentries, 1) * sizeof(int));
	*slot = sc;
	return sc;
}

/* the fuzzy index as a shared part: counts, then the arrays at MAXALIGNed offsets */
typedef struct FuzzyImage
{
	int			nkeys;
	int			ngrams;
	int			npairs;
	Size		keys;
	Size		grams;
	Size		start;
	Size		post;
} FuzzyImage;

static Size
fuzzy_layout(const FuzzyIndex *fz, FuzzyImage *im)
{
	Size		off = MAXALIGN(sizeof(FuzzyImage));

	im->nkeys = fz->nkeys;
	im->ngrams = fz->ngrams;
	im->npairs = fz->start[fz->ngrams];
	im->keys = off;
	off = MAXALIGN(off + (Size) im->nkeys * sizeof(FuzzyKey));
	im->grams = off;
	off = MAXALIGN(off + (Size) im->ngrams * sizeof(uint64));
	im->start = off;
	off = MAXALIGN(off + ((Size) im->ngrams + 1) * sizeof(int));
	im->post = off;
	return MAXALIGN(off + (Size) im->npairs * sizeof(int));
}

static Size
fuzzy_size(const void *part)
{
	FuzzyImage	im;

	return fuzzy_layout(part, &im);
}

static void
fuzzy_write(const void *part, char *buf)
{
	const FuzzyIndex *fz = part;
	FuzzyImage	im;

	fuzzy_layout(fz, &im);
	memcpy(buf, &im, sizeof(FuzzyImage));
	memcpy(buf + im.keys, fz->keys, (Size) im.nkeys * sizeof(FuzzyKey));
	memcpy(buf + im.grams, fz->grams, (Size) im.ngrams * sizeof(uint64));
	memcpy(buf + im.start, fz->start, ((Size) im.ngrams + 1) * sizeof(int));
	memcpy(buf + im.post, fz->post, (Size) im.npairs * sizeof(int));
}

static void *
fuzzy_attach(char *buf, MemoryContext cxt)
{
	const FuzzyImage *im = (const FuzzyImage *) buf;
	FuzzyIndex *fz = MemoryContextAllocZero(cxt, sizeof(FuzzyIndex));

	fz->nkeys = im->nkeys;
	fz->ngrams = im->ngrams;
	fz->keys = (FuzzyKey *) (buf + im->keys);
	fz->grams = (uint64 *) (buf + im->grams);
	fz->start = (int *) (buf + im->start);
	fz->post = (int *) (buf + im->post);
	return fz;
}

static const LabelPartOps fuzzy_ops = {build_fuzzy, fuzzy_size, fuzzy_write, fuzzy_attach};

/* restricted Damerau-Levenshtein distance, or limit + 1 when above limit */
static int
edit_distance(const pg_wchar *a, int n, const pg_wchar *b, int m, int limit)
{
	int			rows[3][FUZZY_MAX_CHARS + 1];
	int		   *prev2 = rows[0],
			   *prev = rows[1],
			   *cur = rows[2];
	int			i,
				j;

	if (abs(n - m) > limit)
		return limit + 1;
	for (j = 0; j <= m; j++)
		prev[j] = j;
	for (i = 1; i <= n; i++)
	{
		int			rowmin;
		int		   *tmp;

		cur[0] = rowmin = i;
		for (j = 1; j <= m; j++)
		{
			int			cost = a[i - 1] == b[j - 1] ? 0 : 1;
			int			v = Min(prev[j] + 1, cur[j - 1] + 1);

			v = Min(v, prev[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
				v = Min(v, prev2[j - 2] + 1);
			cur[j] = v;
			rowmin = Min(rowmin, v);
		}
		if (rowmin > limit)
			return limit + 1;
		tmp = prev2;
		prev2 = prev;
		prev = cur;
		cur = tmp;
	}
	return Min(prev[m], limit + 1);
}

/* which label to show for an entry: its term reads better than its slug */
static inline int
display_rank(LabelKind kind)
{
	return kind == LABEL_TERM ? 0 : kind == LABEL_SLUG ? 1 : 2;
}

/* arg: the index; ties go by slug, so an updated index orders as a rebuilt one */
static int
suggestion_cmp(const void *a, const void *b, void *arg)
{
	const Suggestion *x = a,
			   *y = b;
	LabelIndex *idx = arg;

	if (x->distance != y->distance)
		return x->distance - y->distance;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(label_entry_slug(idx, x->entry), label_entry_slug(idx, y->entry));
}

int
label_index_suggest(LabelIndex *idx, const char *key, int keylen, int max, Suggestion *out,
					void **scratch, MemoryContext scratch_cxt)
{
	LabelIndexData *data = idx->hash;
	FuzzyIndex *fz;
	FuzzyScratch *sc;
	pg_wchar	q[FUZZY_MAX_CHARS],
				k[FUZZY_MAX_CHARS];
	uint64		grams[FUZZY_MAX_CHARS + 1];
	int			nq,
				ng,
				limit,
				need,
				ntouched = 0,
				nres = 0,
				rescap = 64,
				i,
				g;
	Suggestion *res;

	if (idx->fuzzy == NULL)
		idx->fuzzy = label_index_part(idx, LABEL_PART_FUZZY, &fuzzy_ops);
	fz = idx->fuzzy;
	nq = key_chars(key, keylen, q, FUZZY_MAX_CHARS);
	if (nq <= 0 || max <= 0)
		return 0;
	sc = fuzzy_scratch(scratch, fz, idx->nentries, scratch_cxt);
	limit = nq < 5 ? 1 : 2;
	ng = key_grams(q, nq, grams);
	need = ng - 3 * limit;

	/* candidates: keys sharing at least `need` bigrams, or all when need < 1 */
	if (need >= 1)
	{
		for (g = 0; g < ng; g++)
		{
			int			lo = 0,
						hi = fz->ngrams;

			while (lo < hi)
			{
				int			mid = (lo + hi) / 2;

				if (fz->grams[mid] < grams[g])
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo == fz->ngrams || fz->grams[lo] != grams[g])
				continue;
			for (i = fz->start[lo]; i < fz->start[lo + 1]; i++)
			{
				int			kid = fz->post[i];

				if (sc->count[kid]++ == 0)
					sc->touched[ntouched++] = kid;
			}
		}
	}
	else
	{
		for (i = 0; i < fz->nkeys; i++)
		{
			sc->count[i] = 1;
			sc->touched[ntouched++] = i;
		}
		need = 1;
	}

	res = palloc(rescap * sizeof(Suggestion));
	for (i = 0; i < ntouched; i++)
	{
		int			kid = sc->touched[i];
		FuzzyKey   *fk = &fz->keys[kid];
		KeyEntry   *ke = &data->keys[fk->key];
		int			nk,
					d,
					h;

		if (sc->count[kid] < need || abs(fk->nchars - nq) > limit)
		{
			sc->count[kid] = 0;
			continue;
		}
		sc->count[kid] = 0;
		nk = key_chars(label_str(idx, ke->key), ke->keylen, k, FUZZY_MAX_CHARS);
		d = edit_distance(q, nq, k, nk, limit);
		if (d > limit)
			continue;
		for (h = ke->first_hit; h >= 0; h = data->hits[h].next)
		{
			KeyHit	   *hit = &data->hits[h];
			int			entry = idx->labels[hit->label].entry;
			float4		score = 1.0f - (float4) d / Max(nq, nk);
			int			r = sc->best[entry];

			if (hit->kind == LABEL_VARIANT)
				continue;
			if (r < 0)
			{
				if (nres == rescap)
				{
					rescap *= 2;
					res = repalloc_huge(res, (Size) rescap * sizeof(Suggestion));
				}
				r = sc->best[entry] = nres++;
				res[r].entry = entry;
				res[r].distance = INT_MAX;
			}
			/*
			 * the closest label; at equal distance the term, then the slug,
			 * then the first in byte order (so the order keys are scanned in
			 * does not matter)
			 */
			if (d < res[r].distance ||
				(d == res[r].distance &&
				 (display_rank(hit->kind) < display_rank(idx->labels[res[r].label].kind) ||
				  (display_rank(hit->kind) == display_rank(idx->labels[res[r].label].kind) &&
				   strcmp(label_str(idx, idx->labels[hit->label].text),
						  label_str(idx, idx->labels[res[r].label].text)) < 0))))
			{
				res[r].label = hit->label;
				res[r].distance = d;
				res[r].score = score;
			}
		}
	}
	for (i = 0; i < nres; i++)
		sc->best[res[i].entry] = -1;
	qsort_arg(res, nres, sizeof(Suggestion), suggestion_cmp, idx);
	nres = Min(nres, max);
	memcpy(out, res, nres * sizeof(Suggestion));
	pfree(res);
	return nres;
}
