/*
 * label_cache.h
 *	  The per-backend label index: every label of every entry (slug, term,
 *	  aliases and their generated variants) under its normalized key.
 *
 * Every SQL function gets it through label_index_for_call(), once per
 * statement: the caller's SELECT privileges are checked, the glossary
 * version its snapshot sees is read (cache_inval.h), and the index of that
 * version is used, built with that snapshot if this backend has no index of
 * it (or, when only a few entries changed, the cached index updated in
 * place to that version).  So answers are MVCC: they reflect the statement's snapshot (the
 * transaction's under REPEATABLE READ), including the transaction's own
 * writes, and one statement uses one index however many rows it calls for.
 * The index lives in its own memory context (a child of
 * CacheMemoryContext) and is freed when neither the cache nor a running
 * statement pins it.  Precedence of levels: slug > term > alias > variant.
 * A key that several entries share at its best level is ambiguous.
 */
#ifndef GLOSSARY_LABEL_CACHE_H
#define GLOSSARY_LABEL_CACHE_H

#include "postgres.h"

#include "fmgr.h"
#include "utils/snapshot.h"

#include "cache_inval.h"

/* how a label names its entry; the order is the precedence */
typedef enum LabelKind
{
	LABEL_SLUG,
	LABEL_TERM,
	LABEL_ALIAS,
	LABEL_VARIANT				/* plural/singular, joined words, no accents */
} LabelKind;

#define LABEL_NKINDS 4

/* a body as autolink() recognises it: two 64-bit hashes and the length in bytes */
typedef struct BodyKey
{
	uint64		h0;
	uint64		h1;
	int32		len;
} BodyKey;

/*
 * A string of the index: an offset into LabelIndex.strings.  The index holds
 * no pointers in its arrays, so the same bytes serve every backend when it
 * lives in shared memory (label_shmem.h).
 */
typedef uint32 LabelStr;

typedef struct GlossaryEntry
{
	LabelStr	slug;
	LabelStr	term;
	LabelStr	summary;
	LabelStr	category;
	BodyKey		body;
	bool		dead;			/* deleted by an update: no labels, not found by slug */
} GlossaryEntry;

typedef struct GlossaryLabel
{
	LabelStr	key;			/* normalized (glossary_normalize, trim) */
	int			keylen;
	LabelStr	text;			/* as written */
	int			entry;			/* index into entries[] */
	LabelKind	kind;			/* LABEL_SLUG, LABEL_TERM or LABEL_ALIAS */
} GlossaryLabel;

typedef struct LabelIndex
{
	MemoryContext cxt;			/* everything below lives here */
	MemoryContext derived;		/* child of cxt: by_body, fuzzy and extra,
								 * reset when an update changes the entries */
	GlossaryVersion version;	/* the version it holds */
	ChangeRows	known;			/* the other transactions' rows of glossary.changes
								 * that version had */
	int64		committed;		/* committed transactions it counts */
	int			nown;			/* entries its transaction's own writes changed */
	char	  **own_slugs;
	bool		own_unknown;
	int			pins;			/* the cache and the statements using it */
	int			nentries;		/* entries[] in use, dead ones included */
	int			nlive;			/* live entries, the length of by_slug */
	int			entries_cap;
	GlossaryEntry *entries;		/* sorted by slug when built; updates append */
	int		   *by_slug;		/* live entry numbers sorted by slug */
	int		   *by_body;		/* live entry numbers sorted by body key (lazily) */
	int			nbodies;
	int			nlabels;
	int			labels_cap;
	int			dead_labels;
	GlossaryLabel *labels;		/* the written labels (no variants); dead ones have entry -1 */
	char	   *strings;		/* every LabelStr points in here */
	Size		strings_len;
	Size		strings_cap;
	void	   *hash;			/* key -> per-level entry (label_index.c) */
	void	   *fuzzy;			/* suggest()'s index, built lazily in derived (suggest.c) */
	void	   *extra;			/* owned by the mentions module: built lazily
								 * in derived */
	bool		frozen;			/* its arrays are an image (label_image.h): read only */
	char	   *image;			/* that image */
	bool		fixed;			/* its arrays are an image being updated: they
								 * cannot grow (label_image_copy) */
	int			known_cap;		/* and this many known rows fit */
	int			shared_slot;	/* the shared image it reads, or -1 (label_shmem.h) */
	uint64		shared_serial;
	int64		updates;		/* changes applied in place since the build */
	bool		updating;		/* set while an update runs: if it stays set,
								 * the update failed and the index is dropped */
} LabelIndex;

/* the call also reads glossary.links (SELECT on it is checked) */
#define LABEL_INDEX_LINKS	0x01

/*
 * The index for this call's statement (see above); valid until the call
 * site's memory (fn_mcxt) goes.  An ERROR if the user may not read the
 * tables it answers from.
 */
extern LabelIndex *label_index_for_call(FunctionCallInfo fcinfo, int flags);

/* the version this call's statement sees, after label_index_for_call() */
extern const GlossaryVersion *label_index_call_version(FunctionCallInfo fcinfo);

/* a pointer the caller may keep for the rest of the statement (NULL at first) */
extern void **label_index_call_extra(FunctionCallInfo fcinfo);

/* a second pointer the call site keeps across statements (NULL at first), in fn_mcxt */
extern void **label_index_call_scratch(FunctionCallInfo fcinfo);

/* the snapshot label_index_for_call() reads with */
extern Snapshot label_index_snapshot(void);

/* entries whose body has this key: how many, from by_body[*first] on */
extern BodyKey label_body_key(const char *body, int len);
extern int	label_index_body_entries(LabelIndex *idx, BodyKey key, int *first);

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

/* from _PG_init */
extern void label_cache_init(void);

static inline const char *
label_str(const LabelIndex *idx, LabelStr s)
{
	return idx->strings + s;
}

/* the strings of an entry */
typedef struct EntryText
{
	const char *slug;
	const char *term;
	const char *summary;
	const char *category;
} EntryText;

static inline EntryText
label_entry_text(const LabelIndex *idx, int e)
{
	const GlossaryEntry *ge = &idx->entries[e];
	EntryText	t;

	t.slug = idx->strings + ge->slug;
	t.term = idx->strings + ge->term;
	t.summary = idx->strings + ge->summary;
	t.category = idx->strings + ge->category;
	return t;
}

/* the slug of entry e */
static inline const char *
label_entry_slug(const LabelIndex *idx, int e)
{
	return idx->strings + idx->entries[e].slug;
}

#endif							/* GLOSSARY_LABEL_CACHE_H */
