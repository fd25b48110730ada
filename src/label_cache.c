/*
 * label_cache.c
 *	  STUB: an empty index; the SPI-built index follows.
 */
#include "postgres.h"

#include "utils/memutils.h"

#include "cache_inval.h"
#include "label_cache.h"

static LabelIndex *current = NULL;

LabelIndex *
label_index_get(void)
{
	(void) glossary_entries_relid();
	if (current == NULL)
	{
		MemoryContext cxt = AllocSetContextCreate(CacheMemoryContext, "glossary label index",
												  ALLOCSET_DEFAULT_SIZES);

		current = MemoryContextAllocZero(cxt, sizeof(LabelIndex));
		current->cxt = cxt;
	}
	current->generation = glossary_cache_generation;
	return current;
}

int
label_index_lookup(LabelIndex *idx, const char *key, int keylen, LabelKind *kind)
{
	*kind = LABEL_VARIANT;
	return -1;
}

int
label_index_resolve(LabelIndex *idx, const char *key, int keylen, LabelKind *kind)
{
	return label_index_lookup(idx, key, keylen, kind);
}

int
label_index_find_slug(LabelIndex *idx, const char *slug)
{
	return -1;
}

const char *
label_kind_name(LabelKind kind)
{
	static const char *const names[] = {"slug", "term", "alias", "variant"};

	return names[kind];
}
