/*
 * label_image.h
 *	  The label index as one block of bytes with no pointers in it (offsets
 *	  only), so that one copy in shared memory serves every backend: write
 *	  an index into an image, read an image in place, or copy it back into
 *	  an index that can be updated.
 */
#ifndef GLOSSARY_LABEL_IMAGE_H
#define GLOSSARY_LABEL_IMAGE_H

#include "label_cache.h"

/* bytes label_image_write() writes for idx */
extern Size label_image_size(const LabelIndex *idx);

/* the image of idx at buf (MAXALIGNed, label_image_size() bytes) */
extern void label_image_write(const LabelIndex *idx, char *buf);

/* an index that reads the image where it is: a small header in cxt */
extern LabelIndex *label_image_attach(char *image, MemoryContext cxt);

/* an index that owns a copy of the image and can be updated, in cxt */
extern LabelIndex *label_image_thaw(const char *image, MemoryContext cxt);

/*
 * Updating in place a copy made where it will be shared: the bytes a copy
 * of src with the given room takes (label_changes_room(): what the change
 * adds at most), the copy (an index writing into dst, fixed: it cannot
 * grow past that room, label_build.c checks it first), and sealing it
 * (header and rows written; read only from then on).
 */
struct LabelRoom;
extern Size label_image_room_size(const char *src, const struct LabelRoom *room);
extern LabelIndex *label_image_copy(const char *src, char *dst, const struct LabelRoom *room, MemoryContext cxt);
extern void label_image_seal(LabelIndex *idx);

/* the version and committed count an image holds */
extern const GlossaryVersion *label_image_version(const char *image, int64 *committed);

#endif							/* GLOSSARY_LABEL_IMAGE_H */
