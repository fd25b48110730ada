/*
 * label_cache.h
 *	  The per-backend label index: every label of every entry (slug, term,
 *	  aliases and their generated variants) under its normalized key.
 *
 * Built on first use from the glossary tables in its own memory context (a
 * child of CacheMemoryContext) and rebuilt when glossary_cache_generation
 * moved (see cache_inval.h).  Precedence of levels: slug > term > alias >
 * variant.  A key that several entries share at its best level is ambiguous.
 */
#ifndef GLOSSARY_LABEL_CACHE_H
#define GLOSSARY_LABEL_CACHE_H

#include "postgres.h"

/* how a label names its entry; the order is the precedence */
typedef enum LabelKind
{
	LABEL_SLUG,
	LABEL_TERM,
	LABEL_ALIAS,
	LABEL_VARIANT				/* plural/singular, joined words, no accents */
} LabelKind;

#define LABEL_NKINDS 4

typedef struct GlossaryEntry
{
	char	   *slug;
	char	   *term;
	char	   *summary;
	char	   *category;
} GlossaryEntry;

typedef struct GlossaryLabel
{
	char	   *key;			/* normalized (glossary_normalize, trim) */
	int			keylen;
	char	   *text;			/* as written */
	int			entry;			/* index into entries[] */
	LabelKind	kind;			/* LABEL_SLUG, LABEL_TERM or LABEL_ALIAS */
} GlossaryLabel;

typedef struct LabelIndex
{
	MemoryContext cxt;			/* everything below lives here */
	uint64		generation;		/* glossary_cache_generation it was built in */
	int			nentries;
	GlossaryEntry *entries;		/* sorted by slug */
	int			nlabels;
	GlossaryLabel *labels;		/* the written labels (no variants) */
	void	   *hash;			/* key -> per-level entry (label_cache.c) */
	void	   *fuzzy;			/* suggest()'s index, built lazily (suggest.c) */
	void	   *extra;			/* owned by the mentions module: built lazily
								 * in cxt, freed with it */
} LabelIndex;

/* The current index, rebuilt first if the glossary changed. Valid until the next call. */
extern LabelIndex *label_index_get(void);

/* The current index if it is still valid, else NULL (no catalog access): a per-row fast path */
extern LabelIndex *label_index_peek(void);

/* Exact lookup of a normalized key: entry index, -1 if none, -2 if ambiguous at the best level; *kind gets the level */
extern int	label_index_lookup(LabelIndex *idx, const char *key, int keylen, LabelKind *kind);

/*
 * Full resolution of a normalized key, as resolve() does it: the exact key
 * at every level, then (only if nothing matched) the variant probes of the
 * key (words joined, accents removed).  Same return convention.
 */
extern int	label_index_resolve(LabelIndex *idx, const char *key, int keylen, LabelKind *kind);

/* entry index of a slug (exact, not normalized), -1 if none */
extern int	label_index_find_slug(LabelIndex *idx, const char *slug);

extern const char *label_kind_name(LabelKind kind);

#endif							/* GLOSSARY_LABEL_CACHE_H */
