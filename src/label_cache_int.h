/*
 * label_cache_int.h
 *	  Internals of the label index shared by label_index.c, label_build.c,
 *	  label_cache.c, label_image.c, resolve.c and suggest.c.  Other modules
 *	  use label_cache.h only.
 */
#ifndef GLOSSARY_LABEL_CACHE_INT_H
#define GLOSSARY_LABEL_CACHE_INT_H

#include "label_cache.h"

/* one way a key names an entry: through written label `label` at `kind` */
typedef struct KeyHit
{
	int			label;			/* index into LabelIndex.labels */
	int			next;			/* next hit of the same key, -1 at the end */
	LabelKind	kind;			/* may be LABEL_VARIANT for a derived key */
	uint8		variant;		/* VARIANT_* when kind == LABEL_VARIANT */
	bool		unaccented;		/* derived from the label's unaccented key */
} KeyHit;

/* how a variant key was derived from its label */
#define VARIANT_NONE		0
#define VARIANT_JOINED		1	/* spaces removed: "fine tuning" -> "finetuning" */
#define VARIANT_INFLECTED	2	/* plural <-> singular of the last word */
#define VARIANT_UNACCENTED	3	/* combining marks removed */

typedef struct KeyEntry
{
	LabelStr	key;
	int			keylen;
	uint32		hash;
	LabelKind	best_kind;		/* the best level with a hit */
	int			best_entry;		/* entry at that level, -2 if several */
	int			first_hit;		/* index into hits */
} KeyEntry;

/* a slot of the open-addressing key table: -1 in key when empty */
typedef struct KeySlot
{
	uint32		hash;
	int32		key;			/* index into keys */
} KeySlot;

typedef struct LabelIndexData
{
	int			nkeys;
	int			keys_cap;
	KeyEntry   *keys;			/* in insertion order; updates never move one */
	uint32		slot_mask;		/* slots: slot_mask + 1, a power of two */
	KeySlot    *slots;
	int			nhits;
	int			hits_cap;
	KeyHit	   *hits;			/* hits taken out by updates stay, unlinked */
} LabelIndexData;

/* every key, for scans; n in *nkeys */
extern KeyEntry *label_index_keys(LabelIndex *idx, int *nkeys);

/* how many times this backend built the index */
extern int64 label_index_builds;

/* the key's hash-table entry, NULL if absent */
extern KeyEntry *label_index_probe(LabelIndex *idx, const char *key, int keylen);

/*
 * The keys mentions() looks for, sorted by bytes: every written label and
 * its plural/singular and joined-words forms (those derived from a label
 * with its accents removed are left out: the scanner folds case, not
 * accents).  Returns the count; *keys is palloc'd.
 */
extern int	label_index_mention_keys(LabelIndex *idx, KeyEntry ***keys);

/* derived keys: each returns a palloc'd key or NULL if it equals the input */
extern char *label_key_joined(const char *key, int keylen, int *outlen);
extern char *label_key_unaccented(const char *key, int keylen, int *outlen);

extern const char *label_variant_name(int variant);

/* a "did you mean" candidate (suggest.c) */
typedef struct Suggestion
{
	int			entry;
	int			label;			/* the written label that came closest */
	int			distance;		/* edits (Damerau, on characters of the keys) */
	float4		score;			/* 1 - distance / length of the longer key */
} Suggestion;

/*
 * Up to max candidates within 2 edits (1 for keys under 5 characters), best
 * first.  The counters live in *scratch (allocated in scratch_cxt and kept
 * there for the next call: label_index_call_scratch()).
 */
extern int	label_index_suggest(LabelIndex *idx, const char *key, int keylen, int max,
								Suggestion *out, void **scratch, MemoryContext scratch_cxt);

/* building and updating an index (label_index.c, label_build.c) */
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

/* a copy of s[0..len) and a zero byte at the end of the string pool */
extern LabelStr label_pool_add(LabelIndex *idx, const char *s, Size len);
/* an empty key table with room for about n keys */
extern void label_keys_create(LabelIndex *idx, int n);
/* label i's written text into labels[i]: its key computed, stored in the pool */
extern void label_index_set_label(LabelIndex *idx, int i, LabelStr text, int entry, LabelKind kind);
extern int	label_index_append_label(LabelIndex *idx, LabelStr text, int entry, LabelKind kind);
extern void label_index_grow_entries(LabelIndex *idx);
/* the label's keys (itself and its variants): hits added, or taken out when bs->removing */
extern void label_index_add_label(BuildState *bs, int label);
/* a key's best level and its entry there; every key's */
extern void label_index_summarize_key(LabelIndex *idx, KeyEntry *ke);
extern void label_index_summarize_keys(LabelIndex *idx);
/* where slug is, or would go, in by_slug */
extern int	label_index_slug_position(LabelIndex *idx, const char *slug, bool *found);

/* read the tables into a new index in cxt, with snap */
extern LabelIndex *label_index_build(MemoryContext cxt, Snapshot snap);
/* replace these entries by what snap sees; false (nothing changed) when a fixed index has no room */
extern bool label_index_apply_changes(LabelIndex *idx, char **slugs, int nslugs, Snapshot snap);

/* the rows label_index_apply_changes() reads before it changes anything */
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

typedef struct LabelChanges
{
	char	  **slugs;			/* the entries that changed */
	int			nslugs;
	ChangedEntry *ents;			/* those that exist now */
	int			nents;
	ChangedAlias *als;			/* and their aliases */
	int			nals;
} LabelChanges;

/* what an index grows by at most when changes are applied (and the rows of glossary.changes it keeps) */
typedef struct LabelRoom
{
	int			nentries;
	int64		nlabels;
	int64		nkeys;
	int64		nhits;
	Size		strings;
	int			nknown;			/* rows of glossary.changes, in all */
} LabelRoom;

/* the same in two steps: the rows read (palloc'd), then applied */
extern LabelChanges *label_index_read_changes(char **slugs, int nslugs, Snapshot snap);
extern void label_changes_room(const LabelChanges *c, LabelRoom *room);
extern bool label_index_apply_read_changes(LabelIndex *idx, const LabelChanges *c);

#endif							/* GLOSSARY_LABEL_CACHE_INT_H */
