/*
 * label_image.c
 *	  The label index as one pointer-free block (see label_image.h).
 *
 * An image is a header followed by the index's arrays, each at a MAXALIGNed
 * offset from the start of the image: entries, by_slug, labels, keys, key
 * slots, hits, the string pool, and the rows of glossary.changes the
 * version had (needed to update a copy later).  The arrays keep their
 * in-memory layout, so reading an image in place is setting pointers, and
 * copying it back is one memcpy per array.
 */
#include "postgres.h"

#include <limits.h>

#include "utils/memutils.h"

#include "label_cache_int.h"
#include "label_image.h"

#define IMAGE_MAGIC		0x474C4958	/* "GLIX" */
#define IMAGE_FORMAT	1

/* a row of glossary.changes in an image: its slugs are NUL-terminated strings at an offset */
typedef struct ImageChangeRow
{
	uint64		xact;
	bool		labels;
	int64		merged_n;
	uint64		merged_x;
	int			nslugs;
	int			nmerged;
	Size		slugs;
	Size		merged_slugs;
} ImageChangeRow;

typedef struct ImageHeader
{
	uint32		magic;
	uint32		format;
	Size		total;
	GlossaryVersion version;
	int64		committed;
	int64		updates;
	int			nentries;
	int			nlive;
	int			nlabels;
	int			dead_labels;
	int			nkeys;
	int			nhits;
	uint32		slot_mask;
	Size		strings_len;
	int			nknown;
	/* offsets from the start of the image */
	Size		entries;
	Size		by_slug;
	Size		labels;
	Size		keys;
	Size		slots;
	Size		hits;
	Size		strings;
	Size		known;
} ImageHeader;

/* the layout of an image: every offset, and the total */
typedef struct ImageLayout
{
	ImageHeader h;
	Size		known_strings;	/* where the rows' slugs start */
} ImageLayout;

static Size
slugs_bytes(char **slugs, int n)
{
	Size		b = 0;
	int			i;

	for (i = 0; i < n; i++)
		b += strlen(slugs[i]) + 1;
	return b;
}

static void
layout(const LabelIndex *idx, ImageLayout *lay)
{
	const LabelIndexData *data = idx->hash;
	ImageHeader *h = &lay->h;
	Size		off = MAXALIGN(sizeof(ImageHeader));
	Size		strbytes = 0;
	int			i;

#define PLACE(field, bytes) (h->field = off, off = MAXALIGN(off + (bytes)))
	memset(lay, 0, sizeof(ImageLayout));
	PLACE(entries, (Size) idx->nentries * sizeof(GlossaryEntry));
	PLACE(by_slug, (Size) idx->nlive * sizeof(int));
	PLACE(labels, (Size) idx->nlabels * sizeof(GlossaryLabel));
	PLACE(keys, (Size) data->nkeys * sizeof(KeyEntry));
	PLACE(slots, ((Size) data->slot_mask + 1) * sizeof(KeySlot));
	PLACE(hits, (Size) data->nhits * sizeof(KeyHit));
	PLACE(strings, idx->strings_len);
	PLACE(known, (Size) idx->known.n * sizeof(ImageChangeRow));
	for (i = 0; i < idx->known.n; i++)
	{
		const ChangeRow *r = &idx->known.rows[i];

		if (r->nslugs > 0)
			strbytes += slugs_bytes(r->slugs, r->nslugs);
		if (r->nmerged > 0)
			strbytes += slugs_bytes(r->merged_slugs, r->nmerged);
	}
	lay->known_strings = off;
	off = MAXALIGN(off + strbytes);
#undef PLACE
	h->total = off;
}

Size
label_image_size(const LabelIndex *idx)
{
	ImageLayout lay;

	layout(idx, &lay);
	return lay.h.total;
}

static Size
write_slugs(char *buf, Size off, char **slugs, int n)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		Size		len = strlen(slugs[i]) + 1;

		memcpy(buf + off, slugs[i], len);
		off += len;
	}
	return off;
}

void
label_image_write(const LabelIndex *idx, char *buf)
{
	const LabelIndexData *data = idx->hash;
	ImageLayout lay;
	ImageHeader *h = &lay.h;
	ImageChangeRow *rows;
	Size		soff;
	int			i;

	/* a transaction's own writes are never shared */
	Assert(!TransactionIdIsValid(idx->version.own_xid));
	layout(idx, &lay);
	h->magic = IMAGE_MAGIC;
	h->format = IMAGE_FORMAT;
	h->version = idx->version;
	h->committed = idx->committed;
	h->updates = idx->updates;
	h->nentries = idx->nentries;
	h->nlive = idx->nlive;
	h->nlabels = idx->nlabels;
	h->dead_labels = idx->dead_labels;
	h->nkeys = data->nkeys;
	h->nhits = data->nhits;
	h->slot_mask = data->slot_mask;
	h->strings_len = idx->strings_len;
	h->nknown = idx->known.n;
	memcpy(buf, h, sizeof(ImageHeader));
	memcpy(buf + h->entries, idx->entries, (Size) idx->nentries * sizeof(GlossaryEntry));
	memcpy(buf + h->by_slug, idx->by_slug, (Size) idx->nlive * sizeof(int));
	memcpy(buf + h->labels, idx->labels, (Size) idx->nlabels * sizeof(GlossaryLabel));
	memcpy(buf + h->keys, data->keys, (Size) data->nkeys * sizeof(KeyEntry));
	memcpy(buf + h->slots, data->slots, ((Size) data->slot_mask + 1) * sizeof(KeySlot));
	memcpy(buf + h->hits, data->hits, (Size) data->nhits * sizeof(KeyHit));
	memcpy(buf + h->strings, idx->strings, idx->strings_len);

	rows = (ImageChangeRow *) (buf + h->known);
	soff = lay.known_strings;
	for (i = 0; i < idx->known.n; i++)
	{
		const ChangeRow *r = &idx->known.rows[i];

		rows[i].xact = r->xact;
		rows[i].labels = r->labels;
		rows[i].merged_n = r->merged_n;
		rows[i].merged_x = r->merged_x;
		rows[i].nslugs = r->nslugs;
		rows[i].nmerged = r->nmerged;
		rows[i].slugs = soff;
		if (r->nslugs > 0)
			soff = write_slugs(buf, soff, r->slugs, r->nslugs);
		rows[i].merged_slugs = soff;
		if (r->nmerged > 0)
			soff = write_slugs(buf, soff, r->merged_slugs, r->nmerged);
	}
}

static const ImageHeader *
image_header(const char *image)
{
	const ImageHeader *h = (const ImageHeader *) image;

	if (h->magic != IMAGE_MAGIC || h->format != IMAGE_FORMAT)
		elog(ERROR, "glossary label index image is damaged");
	return h;
}

const GlossaryVersion *
label_image_version(const char *image, int64 *committed)
{
	const ImageHeader *h = image_header(image);

	*committed = h->committed;
	return &h->version;
}

/* the header fields every index needs, with its own contexts */
static LabelIndex *
new_header(const ImageHeader *h, MemoryContext cxt)
{
	LabelIndex *idx = MemoryContextAllocZero(cxt, sizeof(LabelIndex));
	LabelIndexData *data = MemoryContextAllocZero(cxt, sizeof(LabelIndexData));

	idx->cxt = cxt;
	idx->hash = data;
	idx->derived = AllocSetContextCreate(cxt, "glossary label index parts", ALLOCSET_SMALL_SIZES);
	idx->version = h->version;
	idx->committed = h->committed;
	idx->updates = h->updates;
	idx->nentries = idx->entries_cap = h->nentries;
	idx->nlive = h->nlive;
	idx->nlabels = idx->labels_cap = h->nlabels;
	idx->dead_labels = h->dead_labels;
	idx->strings_len = idx->strings_cap = h->strings_len;
	idx->shared_slot = -1;
	data->nkeys = data->keys_cap = h->nkeys;
	data->nhits = data->hits_cap = h->nhits;
	data->slot_mask = h->slot_mask;
	return idx;
}

LabelIndex *
label_image_attach(char *image, MemoryContext cxt)
{
	const ImageHeader *h = image_header(image);
	LabelIndex *idx = new_header(h, cxt);
	LabelIndexData *data = idx->hash;

	idx->frozen = true;
	idx->image = image;
	idx->entries = (GlossaryEntry *) (image + h->entries);
	idx->by_slug = (int *) (image + h->by_slug);
	idx->labels = (GlossaryLabel *) (image + h->labels);
	idx->strings = image + h->strings;
	data->keys = (KeyEntry *) (image + h->keys);
	data->slots = (KeySlot *) (image + h->slots);
	data->hits = (KeyHit *) (image + h->hits);
	return idx;
}

/* a copy of an array of n elements with room for a quarter more */
static void *
copy_array(MemoryContext cxt, const char *src, Size n, Size elem, Size limit, Size *cap)
{
	Size		room = Min(Max(n + n / 4, 16), Max(limit, n));
	void	   *dst = MemoryContextAllocHuge(cxt, room * elem);

	memcpy(dst, src, n * elem);
	*cap = room;
	return dst;
}

static char **
read_slugs(const char *image, Size off, int n, MemoryContext cxt)
{
	char	  **out = MemoryContextAlloc(cxt, sizeof(char *) * Max(n, 1));
	int			i;

	for (i = 0; i < n; i++)
	{
		out[i] = MemoryContextStrdup(cxt, image + off);
		off += strlen(image + off) + 1;
	}
	return out;
}

LabelIndex *
label_image_thaw(const char *image, MemoryContext cxt)
{
	const ImageHeader *h = image_header(image);
	LabelIndex *idx = new_header(h, cxt);
	LabelIndexData *data = idx->hash;
	const ImageChangeRow *rows = (const ImageChangeRow *) (image + h->known);
	Size		cap;
	int			i;

	idx->entries = copy_array(cxt, image + h->entries, h->nentries, sizeof(GlossaryEntry), INT_MAX, &cap);
	idx->entries_cap = (int) cap;
	/* by_slug grows with entries (grow_entries) */
	idx->by_slug = MemoryContextAllocHuge(cxt, (Size) idx->entries_cap * sizeof(int));
	memcpy(idx->by_slug, image + h->by_slug, (Size) h->nlive * sizeof(int));
	idx->labels = copy_array(cxt, image + h->labels, h->nlabels, sizeof(GlossaryLabel), INT_MAX, &cap);
	idx->labels_cap = (int) cap;
	data->keys = copy_array(cxt, image + h->keys, h->nkeys, sizeof(KeyEntry), INT_MAX, &cap);
	data->keys_cap = (int) cap;
	data->slots = MemoryContextAllocHuge(cxt, ((Size) h->slot_mask + 1) * sizeof(KeySlot));
	memcpy(data->slots, image + h->slots, ((Size) h->slot_mask + 1) * sizeof(KeySlot));
	data->hits = copy_array(cxt, image + h->hits, h->nhits, sizeof(KeyHit), INT_MAX, &cap);
	data->hits_cap = (int) cap;
	idx->strings = copy_array(cxt, image + h->strings, h->strings_len, 1, PG_UINT32_MAX, &idx->strings_cap);

	idx->known.n = h->nknown;
	idx->known.rows = MemoryContextAllocZero(cxt, sizeof(ChangeRow) * Max(h->nknown, 1));
	for (i = 0; i < h->nknown; i++)
	{
		ChangeRow  *r = &idx->known.rows[i];

		r->xact = rows[i].xact;
		r->labels = rows[i].labels;
		r->merged_n = rows[i].merged_n;
		r->merged_x = rows[i].merged_x;
		r->nslugs = rows[i].nslugs;
		r->nmerged = rows[i].nmerged;
		r->slugs = r->nslugs > 0 ? read_slugs(image, rows[i].slugs, r->nslugs, cxt) : NULL;
		r->merged_slugs = r->nmerged > 0 ? read_slugs(image, rows[i].merged_slugs, r->nmerged, cxt) : NULL;
	}
	return idx;
}
