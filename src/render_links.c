/*
 * render_links.c
 *	  The open tags of links to entries, built once per call: a page links
 *	  to the same entries from its body and its "Mentioned in", and a whole
 *	  site links to each entry from many pages.
 */
#include "postgres.h"

#include "render.h"

RenderLinks *
render_links_new(LabelIndex *idx, const char *base_url)
{
	RenderLinks *links = palloc(sizeof(RenderLinks));

	links->idx = idx;
	links->base_url = base_url;
	links->cxt = CurrentMemoryContext;
	links->tags = palloc0(Max(idx->nentries, 1) * sizeof(char *));
	links->lens = palloc0(Max(idx->nentries, 1) * sizeof(int));
	return links;
}

const char *
render_link_tag(RenderLinks *links, int entry)
{
	if (links->tags[entry] == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(links->cxt);
		StringInfoData tag;

		initStringInfo(&tag);
		{
			EntryText	e = label_entry_text(links->idx, entry);

			render_entry_open_tag(&tag, &e, links->base_url);
		}
		links->tags[entry] = tag.data;
		links->lens[entry] = tag.len;
		MemoryContextSwitchTo(old);
	}
	return links->tags[entry];
}

void
render_append_link_tag(StringInfo out, RenderLinks *links, int entry)
{
	render_link_tag(links, entry);
	appendBinaryStringInfo(out, links->tags[entry], links->lens[entry]);
}
