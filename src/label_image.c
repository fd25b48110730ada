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

#include "fault_inject.h"
#include "label_cache_int.h"
#include "label_image.h"

#define IMAGE_MAGIC		0x474C4958	/* "GLIX" */
#define IMAGE_FORMAT	1

/* a row of glossary.changes in an image (an index keeps no slugs of its known rows) */
typedef struct ImageChangeRow
{
	uint64		xact;
	bool		labels;
	int64		merged_n;
	uint64		merged_x;
} ImageChangeRow;

/* what an image holds: counts, and room for more (an image being updated) */
typedef struct ImageCounts
{
	int			nentries;
	int			nlive;
	int			nlabels;
	int			nkeys;
	int			nhits;
	int			nknown;
	uint32		slot_mask;
	Size		strings_len;
} ImageCounts;

typedef struct ImageHeader
{
	uint32		magic;
	uint32		format;
	Size		total;
	GlossaryVersion version;
	int64		committed;
	int64		updates;
	int			dead_labels;
	ImageCounts n;				/* in use */
	ImageCounts cap;			/* room (nlive: as entries; slot_mask: as n) */
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

static void
counts_of(const LabelIndex *idx, ImageCounts *c)
{
	const LabelIndexData *data = idx->hash;

	c->nentries = idx->nentries;
	c->nlive = idx->nlive;
	c->nlabels = idx->nlabels;
	c->nkeys = data->nkeys;
	c->nhits = data->nhits;
	c->nknown = idx->known.n;
	c->slot_mask = data->slot_mask;
	c->strings_len = idx->strings_len;
}

/* the offsets of arrays with room for cap, and the total */
static void
layout(ImageHeader *h)
{
	const ImageCounts *c = &h->cap;
	Size		off = MAXALIGN(sizeof(ImageHeader));

#define PLACE(field, bytes) (h->field = off, off = MAXALIGN(off + (bytes)))
	PLACE(entries, (Size) c->nentries * sizeof(GlossaryEntry));
	PLACE(by_slug, (Size) c->nentries * sizeof(int));
	PLACE(labels, (Size) c->nlabels * sizeof(GlossaryLabel));
	PLACE(keys, (Size) c->nkeys * sizeof(KeyEntry));
	PLACE(slots, ((Size) c->slot_mask + 1) * sizeof(KeySlot));
	PLACE(hits, (Size) c->nhits * sizeof(KeyHit));
	PLACE(strings, c->strings_len);
	PLACE(known, (Size) c->nknown * sizeof(ImageChangeRow));
#undef PLACE
	h->total = off;
}

Size
label_image_size(const LabelIndex *idx)
{
	ImageHeader h;

	counts_of(idx, &h.cap);
	layout(&h);
	return h.total;
}

static void
write_known(const LabelIndex *idx, char *buf, const ImageHeader *h)
{
	ImageChangeRow *rows = (ImageChangeRow *) (buf + h->known);
	int			i;

	for (i = 0; i < idx->known.n; i++)
	{
		rows[i].xact = idx->known.rows[i].xact;
		rows[i].labels = idx->known.rows[i].labels;
		rows[i].merged_n = idx->known.rows[i].merged_n;
		rows[i].merged_x = idx->known.rows[i].merged_x;
	}
}

static void
header_of(const LabelIndex *idx, ImageHeader *h)
{
	h->magic = IMAGE_MAGIC;
	h->format = IMAGE_FORMAT;
	h->version = idx->version;
	h->committed = idx->committed;
	h->updates = idx->updates;
	h->dead_labels = idx->dead_labels;
	counts_of(idx, &h->n);
}

void
label_image_write(const LabelIndex *idx, char *buf)
{
	const LabelIndexData *data = idx->hash;
	ImageHeader h;

	/* a transaction's own writes are never shared */
	Assert(!FullTransactionIdIsValid(idx->version.own_xid));
	header_of(idx, &h);
	h.cap = h.n;
	layout(&h);
	memcpy(buf, &h, sizeof(ImageHeader));
	memcpy(buf + h.entries, idx->entries, (Size) idx->nentries * sizeof(GlossaryEntry));
	memcpy(buf + h.by_slug, idx->by_slug, (Size) idx->nlive * sizeof(int));
	memcpy(buf + h.labels, idx->labels, (Size) idx->nlabels * sizeof(GlossaryLabel));
	memcpy(buf + h.keys, data->keys, (Size) data->nkeys * sizeof(KeyEntry));
	memcpy(buf + h.slots, data->slots, ((Size) data->slot_mask + 1) * sizeof(KeySlot));
	memcpy(buf + h.hits, data->hits, (Size) data->nhits * sizeof(KeyHit));
	memcpy(buf + h.strings, idx->strings, idx->strings_len);
	write_known(idx, buf, &h);
}

/* n and room for more, within an int */
static int
with_room(int n, int64 extra)
{
	return (int) Min((int64) n + extra, (int64) INT_MAX / 2);
}

/*
 * The header of a copy of src with room to update it in place: exactly the
 * room the change needs (what label_changes_room() says it adds at most),
 * so that the copy is no larger than the change makes it.  The room is
 * counted from what src holds, not from its own room: a copy of a copy
 * does not keep growing, and the next image written whole
 * (label_image_write) has no room at all.
 */
static void
room_header(const ImageHeader *src, const LabelRoom *room, ImageHeader *h)
{
	*h = *src;
	h->cap.nentries = with_room(src->n.nentries, room->nentries);
	h->cap.nlive = h->cap.nentries;
	h->cap.nlabels = with_room(src->n.nlabels, room->nlabels);
	h->cap.nkeys = with_room(src->n.nkeys, room->nkeys);
	h->cap.nhits = with_room(src->n.nhits, room->nhits);
	h->cap.nknown = Max(src->n.nknown, room->nknown);
	h->cap.slot_mask = src->n.slot_mask;
	h->cap.strings_len = Min(src->n.strings_len + room->strings, (Size) PG_UINT32_MAX);
	layout(h);
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
	LabelIndex *idx;
	LabelIndexData *data;

	GLOSSARY_FAULT_POINT("image.header_alloc");
	idx = MemoryContextAllocZero(cxt, sizeof(LabelIndex));
	data = MemoryContextAllocZero(cxt, sizeof(LabelIndexData));

	idx->cxt = cxt;
	idx->hash = data;
	idx->derived = AllocSetContextCreate(cxt, "glossary label index parts", ALLOCSET_SMALL_SIZES);
	idx->version = h->version;
	idx->committed = h->committed;
	idx->updates = h->updates;
	idx->nentries = h->n.nentries;
	idx->entries_cap = h->cap.nentries;
	idx->nlive = h->n.nlive;
	idx->nlabels = h->n.nlabels;
	idx->labels_cap = h->cap.nlabels;
	idx->dead_labels = h->dead_labels;
	idx->strings_len = h->n.strings_len;
	idx->strings_cap = h->cap.strings_len;
	idx->shared_slot = -1;
	data->nkeys = h->n.nkeys;
	data->keys_cap = h->cap.nkeys;
	data->nhits = h->n.nhits;
	data->hits_cap = h->cap.nhits;
	data->slot_mask = h->n.slot_mask;
	return idx;
}

/* the index's arrays where the image has them */
static void
point_into(LabelIndex *idx, char *image, const ImageHeader *h)
{
	LabelIndexData *data = idx->hash;

	idx->image = image;
	idx->entries = (GlossaryEntry *) (image + h->entries);
	idx->by_slug = (int *) (image + h->by_slug);
	idx->labels = (GlossaryLabel *) (image + h->labels);
	idx->strings = image + h->strings;
	data->keys = (KeyEntry *) (image + h->keys);
	data->slots = (KeySlot *) (image + h->slots);
	data->hits = (KeyHit *) (image + h->hits);
}

static void
read_known(LabelIndex *idx, const char *image, const ImageHeader *h, MemoryContext cxt)
{
	const ImageChangeRow *rows = (const ImageChangeRow *) (image + h->known);
	int			i;

	idx->known.n = h->n.nknown;
	idx->known.rows = MemoryContextAllocZero(cxt, sizeof(ChangeRow) * Max(h->n.nknown, 1));
	for (i = 0; i < h->n.nknown; i++)
	{
		idx->known.rows[i].xact = rows[i].xact;
		idx->known.rows[i].labels = rows[i].labels;
		idx->known.rows[i].merged_n = rows[i].merged_n;
		idx->known.rows[i].merged_x = rows[i].merged_x;
	}
}

LabelIndex *
label_image_attach(char *image, MemoryContext cxt)
{
	const ImageHeader *h = image_header(image);
	LabelIndex *idx = new_header(h, cxt);

	idx->frozen = true;
	point_into(idx, image, h);
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

LabelIndex *
label_image_thaw(const char *image, MemoryContext cxt)
{
	const ImageHeader *h = image_header(image);
	LabelIndex *idx = new_header(h, cxt);
	LabelIndexData *data = idx->hash;
	Size		cap;

	GLOSSARY_FAULT_POINT("image.thaw_alloc");
	idx->entries = copy_array(cxt, image + h->entries, h->n.nentries, sizeof(GlossaryEntry), INT_MAX, &cap);
	idx->entries_cap = (int) cap;
	/* by_slug grows with entries (grow_entries) */
	idx->by_slug = MemoryContextAllocHuge(cxt, (Size) idx->entries_cap * sizeof(int));
	memcpy(idx->by_slug, image + h->by_slug, (Size) h->n.nlive * sizeof(int));
	idx->labels = copy_array(cxt, image + h->labels, h->n.nlabels, sizeof(GlossaryLabel), INT_MAX, &cap);
	idx->labels_cap = (int) cap;
	data->keys = copy_array(cxt, image + h->keys, h->n.nkeys, sizeof(KeyEntry), INT_MAX, &cap);
	data->keys_cap = (int) cap;
	data->slots = MemoryContextAllocHuge(cxt, ((Size) h->n.slot_mask + 1) * sizeof(KeySlot));
	memcpy(data->slots, image + h->slots, ((Size) h->n.slot_mask + 1) * sizeof(KeySlot));
	data->hits = copy_array(cxt, image + h->hits, h->n.nhits, sizeof(KeyHit), INT_MAX, &cap);
	data->hits_cap = (int) cap;
	idx->strings = copy_array(cxt, image + h->strings, h->n.strings_len, 1, PG_UINT32_MAX, &idx->strings_cap);
	read_known(idx, image, h, cxt);
	return idx;
}

Size
label_image_room_size(const char *src, const LabelRoom *room)
{
	ImageHeader h;

	room_header(image_header(src), room, &h);
	return h.total;
}

LabelIndex *
label_image_copy(const char *src, char *dst, const LabelRoom *room, MemoryContext cxt)
{
	const ImageHeader *s = image_header(src);
	ImageHeader h;
	LabelIndex *idx;

	room_header(s, room, &h);
	memcpy(dst, &h, sizeof(ImageHeader));
	memcpy(dst + h.entries, src + s->entries, (Size) s->n.nentries * sizeof(GlossaryEntry));
	memcpy(dst + h.by_slug, src + s->by_slug, (Size) s->n.nlive * sizeof(int));
	memcpy(dst + h.labels, src + s->labels, (Size) s->n.nlabels * sizeof(GlossaryLabel));
	memcpy(dst + h.keys, src + s->keys, (Size) s->n.nkeys * sizeof(KeyEntry));
	memcpy(dst + h.slots, src + s->slots, ((Size) s->n.slot_mask + 1) * sizeof(KeySlot));
	memcpy(dst + h.hits, src + s->hits, (Size) s->n.nhits * sizeof(KeyHit));
	memcpy(dst + h.strings, src + s->strings, s->n.strings_len);
	memcpy(dst + h.known, src + s->known, (Size) s->n.nknown * sizeof(ImageChangeRow));

	idx = new_header(&h, cxt);
	idx->fixed = true;
	idx->known_cap = h.cap.nknown;
	point_into(idx, dst, &h);
	read_known(idx, dst, &h, cxt);
	return idx;
}

void
label_image_seal(LabelIndex *idx)
{
	ImageHeader *h = (ImageHeader *) idx->image;

	Assert(idx->fixed && idx->known.n <= h->cap.nknown);
	header_of(idx, h);
	write_known(idx, idx->image, h);
	idx->fixed = false;
	idx->frozen = true;
}
