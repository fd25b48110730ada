/*
 * links_fuzz.c
 *	  libFuzzer harness for the link extractor (src/links_scan.c) and the
 *	  Markdown code skipper (src/markdown.c).
 *
 * sources: src/links_scan.c src/markdown.c
 *
 * Every reported link must lie inside the input, have a non-empty target
 * and label inside the link, and links must come in increasing order.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "links_scan.h"

typedef struct Check
{
	const char *text;
	size_t		len;
	size_t		last_end;
} Check;

static void
check_link(const ScannedLink *link, void *arg)
{
	Check	   *c = (Check *) arg;
	const char *start = c->text + link->offset;

	if (link->offset >= c->len || link->offset < c->last_end)
		abort();
	if (link->target_len == 0 || link->label_len == 0)
		abort();
	if (link->target < start || link->target + link->target_len > c->text + c->len)
		abort();
	if (link->label < start || link->label + link->label_len > c->text + c->len)
		abort();
	c->last_end = link->offset + 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a private copy, so reads past the end are caught by ASan */
	char	   *text = malloc(size ? size : 1);
	Check		c;

	memcpy(text, data, size);
	c.text = text;
	c.len = size;
	c.last_end = 0;
	scan_links(text, size, check_link, &c);
	free(text);
	return 0;
}
