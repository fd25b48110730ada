/*
 * label_index.c
 *	  The label index as a structure: its string pool, the table from a
 *	  normalized key to its hits, the keys derived from a label (words
 *	  joined, plural/singular of the last word, accents removed), each key's
 *	  best level and entry, and the lookups every SQL function makes.
 *
 * Every written label (slug, term, alias) is stored under its normalized
 * key; derived keys are stored at LABEL_VARIANT level.  A key keeps the
 * list of all its hits; its best level and the entry there (or
 * "ambiguous") are computed once after a build or an update, so a lookup is
 * one probe.  Reading the tables into it is label_build.c's job.
 */
#include "postgres.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "common/hashfn.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "fault_inject.h"
#include "label_cache_int.h"
#include "normalize.h"

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

/* an image being updated never grows: label_index_apply_changes() checked its room */
static void
check_growable(LabelIndex *idx)
{
	if (idx->fixed)
		elog(ERROR, "glossary label index image has no room for the update");
	/* every growth of an index reallocates: one fault point for them all */
	GLOSSARY_FAULT_POINT("index.grow");
}

/* a copy of s[0..len) and a zero byte at the end of the string pool */
LabelStr
label_pool_add(LabelIndex *idx, const char *s, Size len)
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
	ke->key = label_pool_add(idx, key, keylen);
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
void
label_keys_create(LabelIndex *idx, int n)
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
void
label_index_add_label(BuildState *bs, int label)
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
void
label_index_summarize_key(LabelIndex *idx, KeyEntry *ke)
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
void
label_index_summarize_keys(LabelIndex *idx)
{
	LabelIndexData *data = idx->hash;
	int			k;

	for (k = 0; k < data->nkeys; k++)
		label_index_summarize_key(idx, &data->keys[k]);
}

KeyEntry *
label_index_keys(LabelIndex *idx, int *nkeys)
{
	LabelIndexData *data = idx->hash;

	*nkeys = data->nkeys;
	return data->keys;
}

/* where slug is, or would go, in by_slug */
int
label_index_slug_position(LabelIndex *idx, const char *slug, bool *found)
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
	int			pos = label_index_slug_position(idx, slug, &found);

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

void
label_index_set_label(LabelIndex *idx, int i, LabelStr text, int entry, LabelKind kind)
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
	l->key = label_pool_add(idx, key, l->keylen);
	pfree(key);
	if (utf8 != written)
		pfree(utf8);
}

void
label_index_grow_entries(LabelIndex *idx)
{
	if (idx->nentries < idx->entries_cap)
		return;
	check_growable(idx);
	idx->entries_cap *= 2;
	idx->entries = repalloc_huge(idx->entries, (Size) idx->entries_cap * sizeof(GlossaryEntry));
	idx->by_slug = repalloc_huge(idx->by_slug, (Size) idx->entries_cap * sizeof(int));
}

int
label_index_append_label(LabelIndex *idx, LabelStr text, int entry, LabelKind kind)
{
	if (idx->nlabels >= idx->labels_cap)
	{
		check_growable(idx);
		idx->labels_cap *= 2;
		idx->labels = repalloc_huge(idx->labels, (Size) idx->labels_cap * sizeof(GlossaryLabel));
	}
	label_index_set_label(idx, idx->nlabels, text, entry, kind);
	return idx->nlabels++;
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
