/*
 * mentions.h
 *	  The mentions module's part of the label index (LabelIndex.extra): the
 *	  automaton over every label key and the backlink graph, both built
 *	  lazily in the index's memory context: the automaton is rebuilt exactly
 *	  when the index is, the graph also when glossary.links changed.
 */
#ifndef GLOSSARY_MENTIONS_H
#define GLOSSARY_MENTIONS_H

#include "postgres.h"

#include "ac_automaton.h"
#include "label_cache.h"

typedef struct MentionIndex
{
	AcAutomaton *ac;
	int			nkeys;
	int		   *key_entry;		/* entry index, or -2 when the key is ambiguous */
	bool	   *lead_mark;
} MentionIndex;

typedef struct BacklinkIndex
{
	GlossaryVersion version;	/* the links part it was read for */
	int		   *start;			/* nentries + 1 offsets into from/count */
	int		   *from;			/* linking entries, sorted by term */
	int		   *count;			/* links from that entry */
} BacklinkIndex;

typedef struct LinksExtra
{
	MentionIndex *mentions;
	BacklinkIndex *backlinks;
} LinksExtra;

extern LinksExtra *links_extra(LabelIndex *idx);
extern MentionIndex *mention_index_get(LabelIndex *idx);
extern BacklinkIndex *backlink_index_get(LabelIndex *idx, const GlossaryVersion *version,
										 Snapshot snap);

/* normalized key of a label in the server encoding, then the entry it names (or -1/-2) */
extern int	mention_resolve_label(LabelIndex *idx, const char *label, int len);

#endif							/* GLOSSARY_MENTIONS_H */
