/*
 * links_scan.h
 *	  Find the links written in a Markdown/MDX body.
 */
#ifndef GLOSSARY_LINKS_SCAN_H
#define GLOSSARY_LINKS_SCAN_H

#include <stddef.h>

typedef enum LinkSyntax
{
	LINK_WIKI,					/* [[target]] or [[target|text]] */
	LINK_MDX					/* <G term="target">text</G> */
} LinkSyntax;

typedef struct ScannedLink
{
	size_t		offset;			/* byte offset of the link's first byte */
	size_t		length;			/* bytes from the first to after the last */
	const char *target;
	size_t		target_len;
	const char *label;
	size_t		label_len;
	LinkSyntax	syntax;
} ScannedLink;

typedef void (*link_callback) (const ScannedLink *link, void *arg);

/* Call cb for every link outside code, in text order. No allocation. */
extern void scan_links(const char *text, size_t len, link_callback cb, void *arg);

#endif							/* GLOSSARY_LINKS_SCAN_H */
