/*
 * label_cache.c
 *	  The per-backend label index (see label_cache.h), built by SPI from
 *	  glossary.entries and glossary.aliases with the caller's snapshot, and
 *	  the per-statement handle through which every SQL function reads it.
 *
 * Every written label (slug, term, alias) is stored under its normalized
 * key; derived keys (words joined, plural/singular of the last word, accents
 * removed) are stored at LABEL_VARIANT level.  A key keeps the list of all
 * its hits; its best level and the entry there (or "ambiguous") are
 * computed once after the build, so a lookup is one hash probe.
 *
 * When a statement sees a later version that lists the entries it changed
 * (glossary.changes), an index no statement uses is updated in place:
 * those entries' labels are taken out and read again (apply_changes).
 */
#include "postgres.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "storage/proc.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "cache_inval.h"
#include "label_cache_int.h"
#include "label_image.h"
#include "label_shmem.h"
#include "normalize.h"

/* the index of the version this backend saw last; holds one pin */
static LabelIndex *current = NULL;

int64		label_index_builds = 0;

/*
 * What a function call site (fn_extra) keeps for its statement: the index
 * it pinned, and for which snapshot and user it was checked, so later calls
 * of the same statement neither read glossary.changes nor check privileges.
 */
typedef struct CallIndex
{
	LocalTransactionId lxid;
	Snapshot	snap;
	TransactionId xmin;
	TransactionId xmax;
	uint32		xcnt;
	CommandId	curcid;
	uint64		completion;
	Oid			userid;
	int			flags;
	GlossaryVersion version;
	LabelIndex *idx;			/* pinned */
	void	   *extra;			/* the caller's, valid for this statement */
	void	   *scratch;		/* the caller's, kept across statements */
	MemoryContextCallback release;
} CallIndex;

typedef struct BuildState
{
	LabelIndex *idx;
	LabelIndexData *data;
	MemoryContext tmp;			/* derived keys, reset after each label */
	bool		removing;		/* take the label's hits out instead */
	int		   *touched;		/* keys whose hits changed (updates only) */
	int			ntouched;
	int			touched_cap;
} BuildState;

/*
 * An updated index is rebuilt once more than a quarter of its labels are
 * dead, and at least this many (a small glossary is cheap to carry).
 */
#define MAX_DEAD_SHARE	4
#define MIN_DEAD_REBUILD 256

const char *
label_kind_name(LabelKind kind)
{
	static const char *const names[] = {"slug", "term", "alias", "variant"};

	return names[kind];
}

const char *
label_variant_name(int variant)
{
	switch (variant)
	{
		case VARIANT_JOINED:
			return "joined words";
		case VARIANT_INFLECTED:
			return "plural/singular";
		case VARIANT_UNACCENTED:
			return "accents removed";
	}
	return "";
}

/* "fine tuning" -> "finetuning"; NULL when the key has no space */
char *
label_key_joined(const char *key, int keylen, int *outlen)
{
	char	   *out;
	int			i,
				n = 0;

	if (memchr(key, ' ', keylen) == NULL)
		return NULL;
	out = palloc(keylen + 1);
	for (i = 0; i < keylen; i++)
		if (key[i] != ' ')
			out[n++] = key[i];
	out[n] = '\0';
	*outlen = n;
	return out;
}

/* combining marks removed after canonical decomposition; NULL if unchanged */
char *
label_key_unaccented(const char *key, int keylen, int *outlen)
{
	const UNormalizer2 *nfd;
	UErrorCode	status = U_ZERO_ERROR;
	UChar	   *src,
			   *dec;
	int			i,
				nsrc = 0,
				ndec,
				cap,
				n = 0;
	bool		changed = false;
	char	   *out;

	for (i = 0; i < keylen; i++)
		if ((unsigned char) key[i] >= 0x80)
			break;
	if (i == keylen)
		return NULL;			/* ASCII has no accents */

	nfd = unorm2_getNFDInstance(&status);
	if (U_FAILURE(status))
		elog(ERROR, "ICU NFD normalizer unavailable: %s", u_errorName(status));
	src = palloc((keylen + 1) * sizeof(UChar) * 2);
	for (i = 0; i < keylen;)
	{
		int			clen = pg_utf_mblen((const unsigned char *) key + i);
		pg_wchar	c = utf8_to_unicode((const unsigned char *) key + i);

		if (c >= 0x10000)
		{
			src[nsrc++] = (UChar) (0xD800 + ((c - 0x10000) >> 10));
			src[nsrc++] = (UChar) (0xDC00 + ((c - 0x10000) & 0x3FF));
		}
		else
			src[nsrc++] = (UChar) c;
		i += clen;
	}
	cap = nsrc * 4 + 8;
	dec = palloc(cap * sizeof(UChar));
	ndec = unorm2_normalize(nfd, src, nsrc, dec, cap, &status);
	if (U_FAILURE(status))
		elog(ERROR, "ICU NFD normalization failed: %s", u_errorName(status));
	out = palloc(ndec * 4 + 1);
	for (i = 0; i < ndec; i++)
	{
		pg_wchar	c = dec[i];

		if (c >= 0xD800 && c <= 0xDBFF && i + 1 < ndec)
		{
			c = 0x10000 + ((c - 0xD800) << 10) + (dec[i + 1] - 0xDC00);
			i++;
		}
		if (u_charType((UChar32) c) == U_NON_SPACING_MARK)
		{
			changed = true;
			continue;
		}
		unicode_to_utf8(c, (unsigned char *) out + n);
		n += pg_utf_mblen((unsigned char *) out + n);
	}
	out[n] = '\0';
	if (!changed)
		return NULL;
	/* NFD left the other characters decomposed: compose them again */
	{
		char	   *again;
		int			againlen;

		again = glossary_normalize(out, n, true, &againlen, NULL);
		*outlen = againlen;
		return againlen > 0 ? again : NULL;
	}
}

/* an image being updated never grows: apply_changes() checked its room */
static void
check_growable(LabelIndex *idx)
{
	if (idx->fixed)
		elog(ERROR, "glossary label index image has no room for the update");
}

/* a copy of s[0..len) and a zero byte at the end of the string pool */
static LabelStr
pool_add(LabelIndex *idx, const char *s, Size len)
{
	LabelStr	off;

	if (idx->strings_len + len + 1 > idx->strings_cap)
	{
		Size		cap = Max(idx->strings_cap * 2, idx->strings_len + len + 1);

		check_growable(idx);
		if (cap > PG_UINT32_MAX)
			cap = Max((Size) PG_UINT32_MAX, idx->strings_len + len + 1);
		if (cap > PG_UINT32_MAX)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("the glossary's labels take more than 4 GB"),
					 errdetail("The label index addresses its strings with 32-bit offsets.")));
		idx->strings = idx->strings == NULL ? MemoryContextAllocHuge(idx->cxt, cap) :
			repalloc_huge(idx->strings, cap);
		idx->strings_cap = cap;
	}
	off = (LabelStr) idx->strings_len;
	memcpy(idx->strings + off, s, len);
	idx->strings[off + len] = '\0';
	idx->strings_len += len + 1;
	return off;
}

static inline uint32
key_hash(const char *key, int keylen)
{
	return hash_bytes((const unsigned char *) key, keylen);
}

static KeyEntry *
key_find(LabelIndex *idx, const char *key, int keylen, uint32 h)
{
	LabelIndexData *data = idx->hash;
	uint32		i = h & data->slot_mask;

	for (;;)
	{
		const KeySlot *slot = &data->slots[i];

		if (slot->key < 0)
			return NULL;
		if (slot->hash == h)
		{
			KeyEntry   *ke = &data->keys[slot->key];

			if (ke->keylen == keylen && memcmp(idx->strings + ke->key, key, keylen) == 0)
				return ke;
		}
		i = (i + 1) & data->slot_mask;
	}
}

static void
slots_fill(LabelIndexData *data, uint32 nslots, MemoryContext cxt)
{
	int			k;

	data->slots = MemoryContextAllocHuge(cxt, (Size) nslots * sizeof(KeySlot));
	memset(data->slots, 0xFF, (Size) nslots * sizeof(KeySlot));
	data->slot_mask = nslots - 1;
	for (k = 0; k < data->nkeys; k++)
	{
		uint32		i = data->keys[k].hash & data->slot_mask;

		while (data->slots[i].key >= 0)
			i = (i + 1) & data->slot_mask;
		data->slots[i].hash = data->keys[k].hash;
		data->slots[i].key = k;
	}
}

/* a new key (not in the table) with no hits yet */
static KeyEntry *
key_insert(LabelIndex *idx, const char *key, int keylen, uint32 h)
{
	LabelIndexData *data = idx->hash;
	KeyEntry   *ke;

	if (data->nkeys >= data->keys_cap)
	{
		check_growable(idx);
		data->keys_cap *= 2;
		data->keys = repalloc_huge(data->keys, (Size) data->keys_cap * sizeof(KeyEntry));
	}
	/* at most half full, so probes stay short */
	if ((uint64) (data->nkeys + 1) * 2 > (uint64) data->slot_mask + 1)
	{
		check_growable(idx);
		pfree(data->slots);
		slots_fill(data, (data->slot_mask + 1) * 2, idx->cxt);
	}
	ke = &data->keys[data->nkeys];
	ke->key = pool_add(idx, key, keylen);
	ke->keylen = keylen;
	ke->hash = h;
	ke->first_hit = -1;
	ke->best_kind = LABEL_VARIANT + 1;
	ke->best_entry = -1;
	{
		uint32		i = h & data->slot_mask;

		while (data->slots[i].key >= 0)
			i = (i + 1) & data->slot_mask;
		data->slots[i].hash = h;
		data->slots[i].key = data->nkeys;
	}
	data->nkeys++;
	return ke;
}

/* an empty key table with room for about n keys */
static void
keys_create(LabelIndex *idx, int n)
{
	LabelIndexData *data = idx->hash;
	uint32		nslots = 16;

	while (nslots < (uint64) n * 2 && nslots < (PG_UINT32_MAX / 2 + 1))
		nslots *= 2;
	data->keys_cap = Max(n, 16);
	data->keys = MemoryContextAllocHuge(idx->cxt, (Size) data->keys_cap * sizeof(KeyEntry));
	data->nkeys = 0;
	slots_fill(data, nslots, idx->cxt);
}

static void
note_touched(BuildState *bs, KeyEntry *ke)
{
	if (bs->touched == NULL)
		return;
	if (bs->ntouched >= bs->touched_cap)
	{
		bs->touched_cap *= 2;
		bs->touched = repalloc_huge(bs->touched, (Size) bs->touched_cap * sizeof(int));
	}
	bs->touched[bs->ntouched++] = ke - bs->data->keys;
}

static void
add_hit(BuildState *bs, const char *key, int keylen, int label, LabelKind kind, uint8 variant,
		bool unaccented)
{
	LabelIndexData *data = bs->data;
	KeyEntry   *ke;
	KeyHit	   *hit;
	int			h;
	uint32		hash;

	if (keylen == 0)
		return;
	hash = key_hash(key, keylen);
	ke = key_find(bs->idx, key, keylen, hash);
	if (bs->removing)
	{
		int		   *link;

		if (ke == NULL)
			return;
		for (link = &ke->first_hit; *link >= 0;)
		{
			if (data->hits[*link].label == label)
				*link = data->hits[*link].next;
			else
				link = &data->hits[*link].next;
		}
		note_touched(bs, ke);
		return;
	}
	if (ke == NULL)
		ke = key_insert(bs->idx, key, keylen, hash);
	/* the same label reaching a key twice (e.g. plural of its join) counts once */
	for (h = ke->first_hit; h >= 0; h = data->hits[h].next)
		if (data->hits[h].label == label && data->hits[h].kind == kind)
			return;
	note_touched(bs, ke);
	if (data->nhits >= data->hits_cap)
	{
		check_growable(bs->idx);
		data->hits_cap *= 2;
		data->hits = repalloc_huge(data->hits, (Size) data->hits_cap * sizeof(KeyHit));
	}
	hit = &data->hits[data->nhits];
	hit->label = label;
	hit->kind = kind;
	hit->variant = variant;
	hit->unaccented = unaccented;
	hit->next = ke->first_hit;
	ke->first_hit = data->nhits++;
}

/* ASCII letters only: the English suffix rules make no sense elsewhere */
static bool
last_word_inflectable(const char *key, int keylen, int *wordstart)
{
	int			i = keylen;

	while (i > 0 && key[i - 1] != ' ')
	{
		if (!(key[i - 1] >= 'a' && key[i - 1] <= 'z'))
			return false;
		i--;
	}
	*wordstart = i;
	return keylen - i >= 3;
}

static bool
ends_with(const char *s, int len, const char *suffix)
{
	int			n = strlen(suffix);

	return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

static void
add_inflected(BuildState *bs, const char *key, int keylen, int label, bool unaccented)
{
	char		buf[NAMEDATALEN * 4];
	int			ws;
	bool		is_vowel;

	if (keylen + 4 > (int) sizeof(buf) || !last_word_inflectable(key, keylen, &ws))
		return;
	memcpy(buf, key, keylen);

#define ADD_FORM(len) (buf[(len)] = '\0', add_hit(bs, buf, (len), label, LABEL_VARIANT, VARIANT_INFLECTED, unaccented))

	/* singular forms of a plural */
	if (ends_with(key, keylen, "ies") && keylen - ws > 4)
	{
		memcpy(buf + keylen - 3, "y", 1);
		ADD_FORM(keylen - 2);
		memcpy(buf, key, keylen);
	}
	else if (ends_with(key, keylen, "sses") || ends_with(key, keylen, "xes") ||
			 ends_with(key, keylen, "zes") || ends_with(key, keylen, "ches") ||
			 ends_with(key, keylen, "shes"))
	{
		ADD_FORM(keylen - 2);
		ADD_FORM(keylen - 1);
	}
	else if (key[keylen - 1] == 's' && !ends_with(key, keylen, "ss") &&
			 !ends_with(key, keylen, "us") && !ends_with(key, keylen, "is"))
		ADD_FORM(keylen - 1);
	if (key[keylen - 1] == 's' && !ends_with(key, keylen, "ss") &&
		!ends_with(key, keylen, "us") && !ends_with(key, keylen, "is"))
		return;					/* already a plural: no plural of it */

	/* the plural of a singular */
	memcpy(buf, key, keylen);
	is_vowel = strchr("aeiou", key[keylen - 2]) != NULL;
	if (key[keylen - 1] == 'y' && !is_vowel)
	{
		memcpy(buf + keylen - 1, "ies", 3);
		ADD_FORM(keylen + 2);
	}
	else if (key[keylen - 1] == 's' || key[keylen - 1] == 'x' || key[keylen - 1] == 'z' ||
			 ends_with(key, keylen, "ch") || ends_with(key, keylen, "sh"))
	{
		memcpy(buf + keylen, "es", 2);
		ADD_FORM(keylen + 2);
	}
	else
	{
		buf[keylen] = 's';
		ADD_FORM(keylen + 1);
	}
#undef ADD_FORM
}

/* the label itself and every key derived from it */
static void
add_label(BuildState *bs, int label)
{
	GlossaryLabel *l = &bs->idx->labels[label];
	char	   *key,
			   *joined,
			   *plain;
	int			keylen = l->keylen,
				jlen,
				plen;
	MemoryContext old;

	if (keylen == 0)
		return;
	old = MemoryContextSwitchTo(bs->tmp);
	/* a copy: new keys may move the string pool */
	key = pnstrdup(label_str(bs->idx, l->key), keylen);
	add_hit(bs, key, keylen, label, l->kind, VARIANT_NONE, false);
	add_inflected(bs, key, keylen, label, false);
	if ((joined = label_key_joined(key, keylen, &jlen)) != NULL)
	{
		add_hit(bs, joined, jlen, label, LABEL_VARIANT, VARIANT_JOINED, false);
		add_inflected(bs, joined, jlen, label, false);
	}
	if ((plain = label_key_unaccented(key, keylen, &plen)) != NULL)
	{
		add_hit(bs, plain, plen, label, LABEL_VARIANT, VARIANT_UNACCENTED, true);
		add_inflected(bs, plain, plen, label, true);
		if ((joined = label_key_joined(plain, plen, &jlen)) != NULL)
			add_hit(bs, joined, jlen, label, LABEL_VARIANT, VARIANT_JOINED, true);
	}
	MemoryContextSwitchTo(old);
	MemoryContextReset(bs->tmp);
}

/* a key's best level and its entry there (-1: no hit left, -2: ambiguous) */
static void
summarize_key(LabelIndex *idx, KeyEntry *ke)
{
	LabelIndexData *data = idx->hash;
	LabelKind	best = LABEL_VARIANT + 1;
	int			entry = -1,
				h;

	for (h = ke->first_hit; h >= 0; h = data->hits[h].next)
		if (data->hits[h].kind < best)
			best = data->hits[h].kind;
	for (h = ke->first_hit; h >= 0; h = data->hits[h].next)
	{
		int			e = idx->labels[data->hits[h].label].entry;

		if (data->hits[h].kind != best)
			continue;
		if (entry == -1)
			entry = e;
		else if (entry != e)
			entry = -2;
	}
	ke->best_kind = Min(best, LABEL_VARIANT);
	ke->best_entry = entry;
}

/* after the build: every key summarized */
static void
summarize_keys(LabelIndex *idx)
{
	LabelIndexData *data = idx->hash;
	int			k;

	for (k = 0; k < data->nkeys; k++)
		summarize_key(idx, &data->keys[k]);
}

KeyEntry *
label_index_keys(LabelIndex *idx, int *nkeys)
{
	LabelIndexData *data = idx->hash;

	*nkeys = data->nkeys;
	return data->keys;
}

static int
entry_cmp(const void *a, const void *b, void *arg)
{
	const char *strings = arg;

	return strcmp(strings + ((const GlossaryEntry *) a)->slug, strings + ((const GlossaryEntry *) b)->slug);
}

/* where slug is, or would go, in by_slug */
static int
slug_position(LabelIndex *idx, const char *slug, bool *found)
{
	int			lo = 0,
				hi = idx->nlive;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;
		int			c = strcmp(label_entry_slug(idx, idx->by_slug[mid]), slug);

		if (c == 0)
		{
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

int
label_index_find_slug(LabelIndex *idx, const char *slug)
{
	bool		found;
	int			pos = slug_position(idx, slug, &found);

	return found ? idx->by_slug[pos] : -1;
}

static int
body_cmp(const void *a, const void *b, void *arg)
{
	const GlossaryEntry *entries = arg;
	const BodyKey *x = &entries[*(const int *) a].body;
	const BodyKey *y = &entries[*(const int *) b].body;

	if (x->h0 != y->h0)
		return x->h0 < y->h0 ? -1 : 1;
	if (x->h1 != y->h1)
		return x->h1 < y->h1 ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return *(const int *) a - *(const int *) b;
}

/* the live entries ordered by the key of their body, for autolink's self test */
static void
index_bodies(LabelIndex *idx)
{
	int			i,
				n = 0;

	idx->by_body = MemoryContextAllocHuge(idx->derived, Max(idx->nentries, 1) * sizeof(int));
	for (i = 0; i < idx->nentries; i++)
		if (!idx->entries[i].dead)
			idx->by_body[n++] = i;
	idx->nbodies = n;
	qsort_arg(idx->by_body, n, sizeof(int), body_cmp, idx->entries);
}

BodyKey
label_body_key(const char *body, int len)
{
	BodyKey		k;

	/* as pg_catalog.hashtextextended() hashes a text of a deterministic collation */
	k.h0 = DatumGetUInt64(hash_any_extended((const unsigned char *) body, len, 0));
	k.h1 = DatumGetUInt64(hash_any_extended((const unsigned char *) body, len, 1));
	k.len = len;
	return k;
}

int
label_index_body_entries(LabelIndex *idx, BodyKey key, int *first)
{
	int			lo = 0,
				hi,
				n = 0;

	if (idx->by_body == NULL)
		index_bodies(idx);
	hi = idx->nbodies;
	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;
		const BodyKey *m = &idx->entries[idx->by_body[mid]].body;

		if (m->h0 < key.h0 || (m->h0 == key.h0 && (m->h1 < key.h1 || (m->h1 == key.h1 && m->len < key.len))))
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	while (lo + n < idx->nbodies)
	{
		const BodyKey *m = &idx->entries[idx->by_body[lo + n]].body;

		if (m->h0 != key.h0 || m->h1 != key.h1 || m->len != key.len)
			break;
		n++;
	}
	return n;
}

static char *
spi_string(HeapTuple tup, TupleDesc desc, int col, MemoryContext cxt)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	if (isnull)
		return MemoryContextStrdup(cxt, "");
	return MemoryContextStrdup(cxt, TextDatumGetCString(d));
}

/* a column of the row into the string pool ("" for NULL) */
static LabelStr
spi_pool_string(LabelIndex *idx, HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);
	text	   *t;
	LabelStr	s;

	if (isnull)
		return pool_add(idx, "", 0);
	t = DatumGetTextPP(d);
	s = pool_add(idx, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
	if ((Pointer) t != DatumGetPointer(d))
		pfree(t);
	return s;
}

static void
set_label(LabelIndex *idx, int i, LabelStr text, int entry, LabelKind kind)
{
	GlossaryLabel *l = &idx->labels[i];
	const char *written = label_str(idx, text);
	int			len = strlen(written);
	char	   *utf8 = pg_server_to_any(written, len, PG_UTF8);
	char	   *key;

	l->text = text;
	l->entry = entry;
	l->kind = kind;
	key = glossary_normalize(utf8, utf8 == written ? len : strlen(utf8), true, &l->keylen, NULL);
	l->key = pool_add(idx, key, l->keylen);
	pfree(key);
	if (utf8 != written)
		pfree(utf8);
}

/* read the tables into a new index, allocated in cxt */
static LabelIndex *
build_index(MemoryContext cxt, Snapshot snap)
{
	LabelIndex *idx = MemoryContextAllocZero(cxt, sizeof(LabelIndex));
	LabelIndexData *data = MemoryContextAllocZero(cxt, sizeof(LabelIndexData));
	MemoryContext old;
	BuildState	bs;
	SPIPlanPtr	plan;
	uint64		i,
				naliases;
	int			nl = 0;
	bool		isnull;

	idx->cxt = cxt;
	idx->hash = data;
	idx->shared_slot = -1;
	idx->derived = AllocSetContextCreate(cxt, "glossary label index parts", ALLOCSET_DEFAULT_SIZES);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	plan = SPI_prepare("SELECT slug::pg_catalog.text, term, summary, category,"
					   " pg_catalog.hashtextextended(body, 0), pg_catalog.hashtextextended(body, 1),"
					   " pg_catalog.octet_length(body) FROM glossary.entries", 0, NULL);
	if (plan == NULL || SPI_execute_snapshot(plan, NULL, NULL, snap, InvalidSnapshot, true, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read glossary.entries");
	idx->nentries = idx->nlive = SPI_processed;
	idx->entries_cap = Max(idx->nentries, 16);
	idx->entries = MemoryContextAllocHuge(cxt, idx->entries_cap * sizeof(GlossaryEntry));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;

		idx->entries[i].slug = spi_pool_string(idx, tup, desc, 1);
		idx->entries[i].term = spi_pool_string(idx, tup, desc, 2);
		idx->entries[i].summary = spi_pool_string(idx, tup, desc, 3);
		idx->entries[i].category = spi_pool_string(idx, tup, desc, 4);
		idx->entries[i].body.h0 = DatumGetUInt64(SPI_getbinval(tup, desc, 5, &isnull));
		idx->entries[i].body.h1 = DatumGetUInt64(SPI_getbinval(tup, desc, 6, &isnull));
		idx->entries[i].body.len = DatumGetInt32(SPI_getbinval(tup, desc, 7, &isnull));
		idx->entries[i].dead = false;
	}
	qsort_arg(idx->entries, idx->nentries, sizeof(GlossaryEntry), entry_cmp, idx->strings);
	idx->by_slug = MemoryContextAllocHuge(cxt, idx->entries_cap * sizeof(int));
	for (i = 0; i < (uint64) idx->nentries; i++)
		idx->by_slug[i] = i;

	plan = SPI_prepare("SELECT entry, alias FROM glossary.aliases", 0, NULL);
	if (plan == NULL || SPI_execute_snapshot(plan, NULL, NULL, snap, InvalidSnapshot, true, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read glossary.aliases");
	naliases = SPI_processed;

	old = MemoryContextSwitchTo(cxt);
	idx->labels_cap = Max(2 * idx->nentries + naliases, 16);
	idx->labels = palloc_extended(idx->labels_cap * sizeof(GlossaryLabel), MCXT_ALLOC_HUGE);
	for (i = 0; i < (uint64) idx->nentries; i++)
	{
		set_label(idx, nl++, idx->entries[i].slug, i, LABEL_SLUG);
		set_label(idx, nl++, idx->entries[i].term, i, LABEL_TERM);
	}
	for (i = 0; i < naliases; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *slug = spi_string(tup, desc, 1, CurrentMemoryContext);
		int			e = label_index_find_slug(idx, slug);

		pfree(slug);
		if (e >= 0)
			set_label(idx, nl++, spi_pool_string(idx, tup, desc, 2), e, LABEL_ALIAS);
	}
	idx->nlabels = nl;

	memset(&bs, 0, sizeof(bs));
	bs.idx = idx;
	bs.data = data;
	data->hits_cap = Max(nl * 3, 16);
	data->hits = palloc_extended((Size) data->hits_cap * sizeof(KeyHit), MCXT_ALLOC_HUGE);
	keys_create(idx, Max(nl * 3, 16));
	bs.tmp = AllocSetContextCreate(CurrentMemoryContext, "glossary label keys", ALLOCSET_SMALL_SIZES);
	for (i = 0; i < (uint64) nl; i++)
		add_label(&bs, i);
	MemoryContextDelete(bs.tmp);
	summarize_keys(idx);
	MemoryContextSwitchTo(old);

	SPI_finish();
	return idx;
}

static void
pin_index(LabelIndex *idx)
{
	idx->pins++;
}

static void
unpin_index(LabelIndex *idx)
{
	Assert(idx->pins > 0);
	if (--idx->pins == 0)
	{
		label_shmem_release(idx);
		MemoryContextDelete(idx->cxt);
	}
}

/* the call site's memory goes (end of query, error): its pin goes with it */
static void
call_index_release(void *arg)
{
	CallIndex  *ci = arg;

	if (ci->idx != NULL)
		unpin_index(ci->idx);
	ci->idx = NULL;
}

Snapshot
label_index_snapshot(void)
{
	return ActiveSnapshotSet() ? GetActiveSnapshot() : GetTransactionSnapshot();
}

/* the statement (snapshot, command, user) the call site last checked */
static bool
same_statement(const CallIndex *ci, Snapshot snap, int flags)
{
	return ci->idx != NULL &&
		ci->lxid == MyProc->lxid &&
		ci->xmin == snap->xmin && ci->xmax == snap->xmax && ci->xcnt == snap->xcnt &&
		ci->curcid == snap->curcid &&
		ci->completion == snap->snapXactCompletionCount &&
		/* a restored snapshot (parallel worker) has no completion count */
		(snap->snapXactCompletionCount != 0 || ci->snap == snap) &&
		ci->userid == GetUserId() &&
		(ci->flags & flags) == flags;
}

/* SELECT on the tables the answer comes from, as the SPI build would need */
static void
check_table(Oid nsp, const char *name)
{
	Oid			relid = get_relname_relid(name, nsp);
	AclResult	acl;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table glossary.%s does not exist", name),
				 errhint("Run ALTER EXTENSION glossary UPDATE.")));
	acl = pg_class_aclcheck(relid, GetUserId(), ACL_SELECT);
	if (acl != ACLCHECK_OK)
		aclcheck_error(acl, OBJECT_TABLE, name);
}

/* committed transactions a version counts: every row's folded ones, and
 * the own labels part of rows other than this transaction's */
static int64
committed_count(const ChangeRows *rows, TransactionId own)
{
	int64		n = 0;
	int			i;

	for (i = 0; i < rows->n; i++)
		n += rows->rows[i].merged_n +
			((rows->rows[i].labels && rows->rows[i].xact != (uint64) own) ? 1 : 0);
	return n;
}

/*
 * Keep the rows of glossary.changes an index's version had, in its context:
 * the other transactions' rows only, so that this transaction's row, once
 * committed, counts as new and its entries are read again.
 */
static void
remember_rows(LabelIndex *idx, const GlossaryVersion *v, const ChangeRows *rows)
{
	int			i;

	if (idx->known.rows != NULL)
		pfree(idx->known.rows);
	idx->known.n = 0;
	idx->known.rows = MemoryContextAlloc(idx->cxt, sizeof(ChangeRow) * Max(rows->n, 1));
	for (i = 0; i < rows->n; i++)
	{
		if (TransactionIdIsValid(v->own_xid) && rows->rows[i].xact == (uint64) v->own_xid)
		{
			/*
			 * The committed transactions our row folded are in the index:
			 * keep them as a row of their own (no transaction has id 0), so
			 * that once our row is committed they count as known.
			 */
			idx->known.rows[idx->known.n] = rows->rows[i];
			idx->known.rows[idx->known.n].xact = 0;
			idx->known.rows[idx->known.n].labels = false;
			idx->known.rows[idx->known.n].nslugs = 0;
			idx->known.rows[idx->known.n].slugs = NULL;
			idx->known.rows[idx->known.n].nmerged = 0;
			idx->known.rows[idx->known.n].merged_slugs = NULL;
			idx->known.n++;
			continue;
		}
		idx->known.rows[idx->known.n] = rows->rows[i];
		idx->known.rows[idx->known.n].nslugs = 0;
		idx->known.rows[idx->known.n].slugs = NULL;
		idx->known.rows[idx->known.n].nmerged = 0;
		idx->known.rows[idx->known.n].merged_slugs = NULL;
		idx->known.n++;
	}
	idx->committed = committed_count(rows, v->own_xid);

	/* this transaction's changes it holds: read again once the transaction ends */
	idx->nown = 0;
	idx->own_unknown = false;
	if (TransactionIdIsValid(v->own_xid))
	{
		char	  **own;
		int			k = glossary_own_changes(&own);

		if (k < 0)
			idx->own_unknown = true;
		else
		{
			idx->own_slugs = MemoryContextAlloc(idx->cxt, sizeof(char *) * Max(k, 1));
			for (i = 0; i < k; i++)
				idx->own_slugs[i] = MemoryContextStrdup(idx->cxt, own[i]);
			idx->nown = k;
		}
	}
}

static bool
row_known(const ChangeRows *rows, uint64 xact)
{
	int			i;

	for (i = 0; i < rows->n; i++)
		if (rows->rows[i].xact == xact)
			return true;
	return false;
}

static void
add_slugs(char ***out, int *n, int *cap, char **slugs, int nslugs)
{
	int			j;

	for (j = 0; j < nslugs; j++)
	{
		if (*n >= *cap)
		{
			*cap *= 2;
			*out = repalloc(*out, *cap * sizeof(char *));
		}
		(*out)[(*n)++] = slugs[j];
	}
}

/*
 * The entries changed between the index's version and v, or -1 when an
 * update cannot tell.  Snapshots see a chain of committed sets, so v is
 * later than the index when it counts at least as many committed
 * transactions (fewer: an older snapshot, rebuilt).  Every committed
 * transaction the index lacks is then in a row it has not seen, on its own
 * or folded; the known rows that are gone were folded into such rows.  When
 * the transactions folded into new rows are exactly the gone ones (counted,
 * ids XORed), only the new rows' own entries changed; otherwise their
 * merged lists are needed too.  This transaction's own changes come from
 * this backend's list, those of an earlier transaction of this backend
 * that the index held from the index.
 */
static int
changed_slugs(LabelIndex *idx, const GlossaryVersion *v, const ChangeRows *rows, char ***slugs)
{
	const ChangeRows *known = &idx->known;
	int64		gone_n = 0,
				folded_n = 0;
	uint64		gone_x = 0,
				folded_x = 0;
	bool		exact;
	int			i,
				n = 0,
				cap = 16;
	char	  **out;

	if (!v->valid || !idx->version.valid || v->relid != idx->version.relid)
		return -1;
	if (committed_count(rows, v->own_xid) < idx->committed)
		return -1;
	for (i = 0; i < known->n; i++)
	{
		const ChangeRow *r = &known->rows[i];

		if (row_known(rows, r->xact))
			continue;
		gone_n += (r->labels ? 1 : 0) + r->merged_n;
		gone_x ^= (r->labels ? r->xact : 0) ^ r->merged_x;
	}
	for (i = 0; i < rows->n; i++)
	{
		const ChangeRow *r = &rows->rows[i];

		if (row_known(known, r->xact))
			continue;
		folded_n += r->merged_n;
		folded_x ^= r->merged_x;
	}
	exact = gone_n == folded_n && gone_x == folded_x;

	out = palloc(cap * sizeof(char *));
	for (i = 0; i < rows->n; i++)
	{
		const ChangeRow *r = &rows->rows[i];
		bool		own = TransactionIdIsValid(v->own_xid) && r->xact == (uint64) v->own_xid;

		if (row_known(known, r->xact))
			continue;
		if (r->labels && !own)
		{
			if (r->nslugs < 0)
				return -1;
			add_slugs(&out, &n, &cap, r->slugs, r->nslugs);
		}
		if (!exact && r->merged_n > 0)
		{
			if (r->nmerged < 0)
				return -1;
			add_slugs(&out, &n, &cap, r->merged_slugs, r->nmerged);
		}
		if (n > CHANGE_MAX_SLUGS)
			return -1;
	}
	/* the changes of a transaction that has ended since, committed or not */
	if (TransactionIdIsValid(idx->version.own_xid) && idx->version.own_xid != v->own_xid)
	{
		if (idx->own_unknown)
			return -1;
		add_slugs(&out, &n, &cap, idx->own_slugs, idx->nown);
	}
	if (TransactionIdIsValid(v->own_xid))
	{
		char	  **own;
		int			k = glossary_own_changes(&own);

		if (k < 0)
			return -1;
		add_slugs(&out, &n, &cap, own, k);
	}
	if (n > CHANGE_MAX_SLUGS)
		return -1;
	*slugs = out;
	return n;
}

static void
grow_entries(LabelIndex *idx)
{
	if (idx->nentries < idx->entries_cap)
		return;
	check_growable(idx);
	idx->entries_cap *= 2;
	idx->entries = repalloc_huge(idx->entries, (Size) idx->entries_cap * sizeof(GlossaryEntry));
	idx->by_slug = repalloc_huge(idx->by_slug, (Size) idx->entries_cap * sizeof(int));
}

static int
append_label(LabelIndex *idx, LabelStr text, int entry, LabelKind kind)
{
	if (idx->nlabels >= idx->labels_cap)
	{
		check_growable(idx);
		idx->labels_cap *= 2;
		idx->labels = repalloc_huge(idx->labels, (Size) idx->labels_cap * sizeof(GlossaryLabel));
	}
	set_label(idx, idx->nlabels, text, entry, kind);
	return idx->nlabels++;
}

/* the rows apply_changes() reads before it changes anything */
typedef struct ChangedEntry
{
	char	   *slug;
	char	   *term;
	char	   *summary;
	char	   *category;
	BodyKey		body;
} ChangedEntry;

typedef struct ChangedAlias
{
	char	   *entry;
	char	   *alias;
} ChangedAlias;

/*
 * At most this many keys come from one written label: itself and two
 * inflected forms; its words joined and their two forms; its accents
 * removed, their two forms and those words joined (add_label).
 */
#define KEYS_PER_LABEL	10

/* bytes a written label adds to the string pool at most: its text, its key, and its variants */
static Size
label_bytes(const char *text)
{
	int			len = strlen(text);
	char	   *utf8 = pg_server_to_any(text, len, PG_UTF8);
	int			keylen;
	char	   *key = glossary_normalize(utf8, utf8 == text ? len : strlen(utf8), true, &keylen, NULL);

	pfree(key);
	if (utf8 != text)
		pfree(utf8);
	/* a variant drops characters or adds "es"; refolding what is left cannot double it */
	return len + 1 + (Size) KEYS_PER_LABEL * (2 * (Size) keylen + 8);
}

/*
 * Does an index that cannot grow (an image being updated in place) have
 * room for these rows?  A label brings at most KEYS_PER_LABEL keys and
 * hits.
 */
static bool
room_for(LabelIndex *idx, ChangedEntry *ents, int nents, ChangedAlias *als, int nals)
{
	LabelIndexData *data = idx->hash;
	int64		labels = 2 * (int64) nents + nals;
	Size		strings = 0;
	int			i;

	for (i = 0; i < nents; i++)
		strings += label_bytes(ents[i].slug) + label_bytes(ents[i].term) +
			strlen(ents[i].summary) + strlen(ents[i].category) + 2;
	for (i = 0; i < nals; i++)
		strings += label_bytes(als[i].alias);
	return idx->nentries + (int64) nents <= idx->entries_cap &&
		idx->nlabels + labels <= idx->labels_cap &&
		data->nkeys + labels * KEYS_PER_LABEL <= data->keys_cap &&
		(data->nkeys + labels * KEYS_PER_LABEL) * 2 <= (int64) data->slot_mask + 1 &&
		data->nhits + labels * KEYS_PER_LABEL <= data->hits_cap &&
		idx->strings_len + strings <= idx->strings_cap;
}

/*
 * Bring the index to the version its rows describe by replacing the given
 * entries: the entries and their aliases are read again with snap, then
 * their old labels' hits are taken out (gone entries marked dead), the new
 * ones go in, and the keys that were touched get their best level again.
 * The lazily built parts (fuzzy index, automaton, backlink graph, body
 * order) are dropped and rebuilt when next needed.  Only for an index no
 * statement uses.  False, with nothing changed, when an index that cannot
 * grow has no room for them.
 */
static bool
apply_changes(LabelIndex *idx, char **slugs, int nslugs, Snapshot snap)
{
	LabelIndexData *data = idx->hash;
	BuildState	bs;
	bool	   *changed;
	int			first_new_label = idx->nlabels;
	int			first_new_entry;
	Datum	   *elems = palloc(sizeof(Datum) * Max(nslugs, 1));
	Oid			argtypes[1] = {TEXTARRAYOID};
	Datum		args[1];
	SPIPlanPtr	plan;
	ChangedEntry *ents;
	ChangedAlias *als;
	MemoryContext caller = CurrentMemoryContext;
	int			nents,
				nals;
	uint64		r;
	int			i,
				l;
	MemoryContext old;

	/* the entries as the snapshot sees them now, and their aliases */
	for (i = 0; i < nslugs; i++)
		elems[i] = CStringGetTextDatum(slugs[i]);
	args[0] = PointerGetDatum(construct_array(elems, nslugs, TEXTOID, -1, false, TYPALIGN_INT));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	plan = SPI_prepare("SELECT slug::pg_catalog.text, term, summary, category,"
					   " pg_catalog.hashtextextended(body, 0), pg_catalog.hashtextextended(body, 1),"
					   " pg_catalog.octet_length(body) FROM glossary.entries"
					   " WHERE slug::pg_catalog.text OPERATOR(pg_catalog.=) ANY ($1)", 1, argtypes);
	if (plan == NULL || SPI_execute_snapshot(plan, args, NULL, snap, InvalidSnapshot, true, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read glossary.entries");
	/* in the caller's context: SPI_finish() frees SPI's */
	nents = (int) SPI_processed;
	ents = MemoryContextAlloc(caller, sizeof(ChangedEntry) * Max(nents, 1));
	for (r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;

		ents[r].slug = spi_string(tup, desc, 1, caller);
		ents[r].term = spi_string(tup, desc, 2, caller);
		ents[r].summary = spi_string(tup, desc, 3, caller);
		ents[r].category = spi_string(tup, desc, 4, caller);
		ents[r].body.h0 = DatumGetUInt64(SPI_getbinval(tup, desc, 5, &isnull));
		ents[r].body.h1 = DatumGetUInt64(SPI_getbinval(tup, desc, 6, &isnull));
		ents[r].body.len = DatumGetInt32(SPI_getbinval(tup, desc, 7, &isnull));
	}
	plan = SPI_prepare("SELECT entry, alias FROM glossary.aliases WHERE entry OPERATOR(pg_catalog.=) ANY ($1)",
					   1, argtypes);
	if (plan == NULL || SPI_execute_snapshot(plan, args, NULL, snap, InvalidSnapshot, true, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read glossary.aliases");
	nals = (int) SPI_processed;
	als = MemoryContextAlloc(caller, sizeof(ChangedAlias) * Max(nals, 1));
	for (r = 0; r < SPI_processed; r++)
	{
		als[r].entry = spi_string(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, caller);
		als[r].alias = spi_string(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 2, caller);
	}
	SPI_finish();

	if (idx->fixed && !room_for(idx, ents, nents, als, nals))
		return false;

	memset(&bs, 0, sizeof(bs));
	bs.idx = idx;
	bs.data = data;
	bs.touched_cap = 64;
	bs.touched = palloc(bs.touched_cap * sizeof(int));
	bs.tmp = AllocSetContextCreate(CurrentMemoryContext, "glossary label keys", ALLOCSET_SMALL_SIZES);

	/* out: the labels of the entries that changed, and the entries from by_slug */
	changed = palloc0(sizeof(bool) * Max(idx->nentries, 1));
	for (i = 0; i < nslugs; i++)
	{
		bool		found;
		int			pos = slug_position(idx, slugs[i], &found);

		if (!found)
			continue;
		changed[idx->by_slug[pos]] = true;
		idx->entries[idx->by_slug[pos]].dead = true;
		memmove(&idx->by_slug[pos], &idx->by_slug[pos + 1], (idx->nlive - pos - 1) * sizeof(int));
		idx->nlive--;
	}
	bs.removing = true;
	for (l = 0; l < idx->nlabels; l++)
	{
		GlossaryLabel *gl = &idx->labels[l];

		if (gl->entry < 0 || !changed[gl->entry])
			continue;
		add_label(&bs, l);
		gl->entry = -1;
		gl->keylen = 0;
		idx->dead_labels++;
	}
	bs.removing = false;

	/* in: the entries read above, and their aliases */
	old = MemoryContextSwitchTo(idx->cxt);
	first_new_entry = idx->nentries;
	for (i = 0; i < nents; i++)
	{
		bool		found;
		int			pos = slug_position(idx, ents[i].slug, &found),
					e;
		GlossaryEntry *ge;

		if (found)
			continue;			/* listed twice */
		grow_entries(idx);
		e = idx->nentries++;
		ge = &idx->entries[e];
		ge->slug = pool_add(idx, ents[i].slug, strlen(ents[i].slug));
		ge->term = pool_add(idx, ents[i].term, strlen(ents[i].term));
		ge->summary = pool_add(idx, ents[i].summary, strlen(ents[i].summary));
		ge->category = pool_add(idx, ents[i].category, strlen(ents[i].category));
		ge->body = ents[i].body;
		ge->dead = false;
		memmove(&idx->by_slug[pos + 1], &idx->by_slug[pos], (idx->nlive - pos) * sizeof(int));
		idx->by_slug[pos] = e;
		idx->nlive++;
		append_label(idx, ge->slug, e, LABEL_SLUG);
		append_label(idx, ge->term, e, LABEL_TERM);
	}
	for (i = 0; i < nals; i++)
	{
		int			e = label_index_find_slug(idx, als[i].entry);

		/* the changed entries were appended above; no other keeps an alias here */
		if (e >= first_new_entry)
			append_label(idx, pool_add(idx, als[i].alias, strlen(als[i].alias)), e, LABEL_ALIAS);
	}
	for (l = first_new_label; l < idx->nlabels; l++)
		add_label(&bs, l);
	MemoryContextSwitchTo(old);

	for (i = 0; i < bs.ntouched; i++)
		summarize_key(idx, &data->keys[bs.touched[i]]);
	MemoryContextDelete(bs.tmp);

	MemoryContextReset(idx->derived);
	idx->fuzzy = NULL;
	idx->extra = NULL;
	idx->by_body = NULL;
	idx->updates++;
	return true;
}

static bool
too_many_dead(const LabelIndex *idx)
{
	return idx->dead_labels >= MIN_DEAD_REBUILD &&
		(int64) idx->dead_labels * MAX_DEAD_SHARE > idx->nlabels;
}

/* bring an updatable index to version v if the changes allow it; false: rebuild */
static bool
update_to_version(LabelIndex *idx, const GlossaryVersion *v, const ChangeRows *rows, Snapshot snap)
{
	char	  **slugs;
	int			n;

	if (idx->frozen || !v->valid || too_many_dead(idx))
		return false;
	n = changed_slugs(idx, v, rows, &slugs);
	if (n < 0)
		return false;
	/* an image being updated keeps the rows it knows in room it has */
	if (idx->fixed && rows->n > idx->known_cap)
		return false;
	idx->updating = true;
	if (!apply_changes(idx, slugs, n, snap))
	{
		idx->updating = false;
		return false;
	}
	idx->updating = false;
	idx->version = *v;
	remember_rows(idx, v, rows);
	return true;
}

/* the new current index (or an index for this statement only, when v is not valid) */
static LabelIndex *
make_current(LabelIndex *idx, const GlossaryVersion *v)
{
	if (v->valid && idx != current)
	{
		if (current != NULL)
			unpin_index(current);
		current = idx;
		pin_index(idx);
	}
	return idx;
}

typedef struct UpdateArgs
{
	const GlossaryVersion *v;
	const ChangeRows *rows;
	Snapshot	snap;
} UpdateArgs;

/* label_shmem_update_newest()'s update: the copy in the area brought to the version */
static bool
update_shared_copy(LabelIndex *idx, void *arg)
{
	UpdateArgs *upd = arg;

	return update_to_version(idx, upd->v, upd->rows, upd->snap);
}

/*
 * The shared index of version v: found, or made by this session (the
 * newest shared image copied and updated, or a build) and shared.  NULL
 * when it does not fit the area: then idx_out gets the index made here.
 */
static LabelIndex *
shared_index_of_version(const GlossaryVersion *v, const ChangeRows *rows, Snapshot snap,
						LabelIndex **local_out)
{
	MemoryContext hdr = AllocSetContextCreate(CurrentMemoryContext, "glossary shared label index",
											  ALLOCSET_SMALL_SIZES);
	MemoryContext cxt;
	LabelIndex *idx,
			   *local;
	UpdateArgs	upd;

	upd.v = v;
	upd.rows = rows;
	upd.snap = snap;
	*local_out = NULL;
	if ((idx = label_shmem_find(v, hdr)) == NULL && label_shmem_may_share())
	{
		/* one builder at a time: the others then find its image */
		label_shmem_lock_build();
		if ((idx = label_shmem_find(v, hdr)) == NULL &&
			current != NULL && !current->frozen && current->pins == 1 &&
			update_to_version(current, v, rows, snap))
		{
			/*
			 * This session's own copy (its transaction's writes, now
			 * committed), brought to v: shared without another copy.  The
			 * caller's make_current() then lets it go.
			 */
			idx = label_shmem_publish(current, hdr);
			if (idx == NULL)
				*local_out = current;
		}
		else if (idx == NULL &&
				 (idx = label_shmem_update_newest(v, hdr, update_shared_copy, &upd)) == NULL)
		{
			/*
			 * No room in the area for the update: a copy in this session,
			 * which can grow; no image to start from, or changes it cannot
			 * tell: a build.
			 */
			cxt = AllocSetContextCreate(CurrentMemoryContext, "glossary label index",
										ALLOCSET_DEFAULT_SIZES);
			local = label_shmem_thaw_newest(cxt);
			if (local == NULL || !update_to_version(local, v, rows, snap))
			{
				elog(DEBUG1, "glossary: building the label index (%s)",
					 local == NULL ? "no shared image to start from" : "the changes since the newest image are not known");
				MemoryContextReset(cxt);
				local = build_index(cxt, snap);
				local->version = *v;
				remember_rows(local, v, rows);
				label_index_builds++;
			}
			idx = label_shmem_publish(local, hdr);
			if (idx != NULL)
				MemoryContextDelete(cxt);
			else
			{
				MemoryContextSetParent(cxt, CacheMemoryContext);
				*local_out = local;
			}
		}
		label_shmem_unlock_build();
	}
	if (idx == NULL)
	{
		MemoryContextDelete(hdr);
		return NULL;
	}
	MemoryContextSetParent(hdr, CacheMemoryContext);
	return idx;
}

/* the index of version v: the current one, updated, or a new one read with snap */
static LabelIndex *
index_of_version(const GlossaryVersion *v, const ChangeRows *rows, Snapshot snap)
{
	MemoryContext cxt;
	LabelIndex *idx;

	/* an update that failed half-way (an error, a cancel) left it unusable */
	if (current != NULL && current->updating)
	{
		unpin_index(current);
		current = NULL;
	}

	/* the links part may differ: the backlink graph follows it on its own */
	if (current != NULL && glossary_labels_equal(&current->version, v))
		return current;

	/* committed changes only: the shared index of that version */
	if (v->valid && !TransactionIdIsValid(v->own_xid) && label_shmem_enabled())
	{
		LabelIndex *local;

		idx = shared_index_of_version(v, rows, snap, &local);
		if (idx != NULL || local != NULL)
			return make_current(idx != NULL ? idx : local, v);
		/* a parallel worker that found no image: an index of its own */
	}

	/* this transaction's own writes: a copy of the shared index, updated */
	if (v->valid && (current != NULL ? current->frozen : label_shmem_enabled()))
	{
		cxt = AllocSetContextCreate(CurrentMemoryContext, "glossary label index",
									ALLOCSET_DEFAULT_SIZES);
		idx = current != NULL ? label_image_thaw(current->image, cxt) : label_shmem_thaw_newest(cxt);
		if (idx != NULL && update_to_version(idx, v, rows, snap))
		{
			MemoryContextSetParent(cxt, CacheMemoryContext);
			return make_current(idx, v);
		}
		MemoryContextDelete(cxt);
	}

	/* a few entries changed and no statement uses the index: update it */
	if (current != NULL && current->pins == 1 && update_to_version(current, v, rows, snap))
		return current;

	/* built under the caller's context, so an error frees it */
	cxt = AllocSetContextCreate(CurrentMemoryContext, "glossary label index",
								ALLOCSET_DEFAULT_SIZES);
	idx = build_index(cxt, snap);
	idx->version = *v;
	remember_rows(idx, v, rows);
	label_index_builds++;
	MemoryContextSetParent(cxt, CacheMemoryContext);

	/* without a version (1.1's schema) it serves this statement only */
	return make_current(idx, v);
}

/*
 * At the end of a transaction the session lets go of a shared index, so
 * that an idle session keeps no old version alive; the next transaction
 * finds the shared index again, which costs microseconds.
 */
static void
label_cache_xact_callback(XactEvent event, void *arg)
{
	if ((event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
		 event == XACT_EVENT_PREPARE || event == XACT_EVENT_PARALLEL_COMMIT ||
		 event == XACT_EVENT_PARALLEL_ABORT) &&
		current != NULL && current->frozen)
	{
		unpin_index(current);
		current = NULL;
	}
}

void
label_cache_init(void)
{
	RegisterXactCallback(label_cache_xact_callback, NULL);
}

LabelIndex *
label_index_for_call(FunctionCallInfo fcinfo, int flags)
{
	CallIndex  *ci = fcinfo->flinfo->fn_extra;
	Snapshot	snap = label_index_snapshot();
	Oid			nsp;
	GlossaryVersion v;
	ChangeRows	rows;
	LabelIndex *idx;

	if (ci == NULL)
	{
		ci = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(CallIndex));
		ci->release.func = call_index_release;
		ci->release.arg = ci;
		MemoryContextRegisterResetCallback(fcinfo->flinfo->fn_mcxt, &ci->release);
		fcinfo->flinfo->fn_extra = ci;
	}
	else if (same_statement(ci, snap, flags))
		return ci->idx;

	nsp = get_rel_namespace(glossary_entries_relid());
	check_table(nsp, "entries");
	check_table(nsp, "aliases");
	if (flags & LABEL_INDEX_LINKS)
		check_table(nsp, "links");

	glossary_read_version(snap, &v, &rows);
	/* this call site's old pin goes first, so the index may be updated in place */
	if (ci->idx != NULL)
		unpin_index(ci->idx);
	ci->idx = NULL;
	idx = index_of_version(&v, &rows, snap);
	pin_index(idx);
	ci->extra = NULL;
	ci->idx = idx;
	ci->version = v;
	ci->lxid = MyProc->lxid;
	ci->snap = snap;
	ci->xmin = snap->xmin;
	ci->xmax = snap->xmax;
	ci->xcnt = snap->xcnt;
	ci->curcid = snap->curcid;
	ci->completion = snap->snapXactCompletionCount;
	ci->userid = GetUserId();
	ci->flags = flags;
	return idx;
}

const GlossaryVersion *
label_index_call_version(FunctionCallInfo fcinfo)
{
	CallIndex  *ci = fcinfo->flinfo->fn_extra;

	Assert(ci != NULL && ci->idx != NULL);
	return &ci->version;
}

void	  **
label_index_call_extra(FunctionCallInfo fcinfo)
{
	CallIndex  *ci = fcinfo->flinfo->fn_extra;

	Assert(ci != NULL && ci->idx != NULL);
	return &ci->extra;
}

void	  **
label_index_call_scratch(FunctionCallInfo fcinfo)
{
	CallIndex  *ci = fcinfo->flinfo->fn_extra;

	Assert(ci != NULL);
	return &ci->scratch;
}

KeyEntry *
label_index_probe(LabelIndex *idx, const char *key, int keylen)
{
	if (keylen == 0)
		return NULL;
	return key_find(idx, key, keylen, key_hash(key, keylen));
}

static int
mention_key_cmp(const void *a, const void *b, void *arg)
{
	const char *strings = arg;
	const KeyEntry *x = *(KeyEntry *const *) a;
	const KeyEntry *y = *(KeyEntry *const *) b;
	int			c = memcmp(strings + x->key, strings + y->key, Min(x->keylen, y->keylen));

	return c != 0 ? c : x->keylen - y->keylen;
}

int
label_index_mention_keys(LabelIndex *idx, KeyEntry ***keys)
{
	LabelIndexData *data = idx->hash;
	int			nkeys;
	KeyEntry   *keylist = label_index_keys(idx, &nkeys);
	KeyEntry  **out = palloc_extended(Max(nkeys, 1) * sizeof(KeyEntry *), MCXT_ALLOC_HUGE);
	int			n = 0,
				k;

	for (k = 0; k < nkeys; k++)
	{
		KeyEntry   *ke = &keylist[k];
		int			h;

		for (h = ke->first_hit; h >= 0; h = data->hits[h].next)
		{
			KeyHit	   *hit = &data->hits[h];

			if (hit->kind != LABEL_VARIANT ||
				(!hit->unaccented && hit->variant != VARIANT_UNACCENTED))
				break;
		}
		if (h >= 0)
			out[n++] = ke;
	}
	qsort_arg(out, n, sizeof(KeyEntry *), mention_key_cmp, idx->strings);
	*keys = out;
	return n;
}

int
label_index_lookup(LabelIndex *idx, const char *key, int keylen, LabelKind *kind)
{
	KeyEntry   *ke = label_index_probe(idx, key, keylen);

	if (ke == NULL)
	{
		*kind = LABEL_VARIANT;
		return -1;
	}
	*kind = ke->best_kind;
	return ke->best_entry;
}

/*
 * The variant probes of a key that matched nothing: its words joined, its
 * accents removed, both.  A hit at any level of a probed key counts as a
 * variant; the entries found by all probes together must agree.
 */
int
label_index_resolve(LabelIndex *idx, const char *key, int keylen, LabelKind *kind)
{
	char	   *probes[3];
	int			lens[3],
				np = 0,
				i,
				entry = -1,
				plen;
	char	   *plain;
	int			e = label_index_lookup(idx, key, keylen, kind);

	if (e != -1 || keylen == 0)
		return e;
	if ((probes[np] = label_key_joined(key, keylen, &lens[np])) != NULL)
		np++;
	if ((plain = label_key_unaccented(key, keylen, &plen)) != NULL)
	{
		probes[np] = plain;
		lens[np++] = plen;
		if ((probes[np] = label_key_joined(plain, plen, &lens[np])) != NULL)
			np++;
	}
	for (i = 0; i < np; i++)
	{
		LabelKind	k;

		e = label_index_lookup(idx, probes[i], lens[i], &k);
		if (e == -1)
			continue;
		if (e == -2 || (entry >= 0 && entry != e))
			entry = -2;
		else
			entry = e;
	}
	*kind = LABEL_VARIANT;
	return entry;
}
