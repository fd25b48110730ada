/*
 * loader.h
 *	  The in-server loader: YAML documents and Markdown/MDX entries become
 *	  rows of the glossary tables.
 *
 * Three steps, each in its own file:
 *	loader_read.c	validate a YAML tree (after key_map renames) into records
 *	loader_write.c	write the records with SPI and report what needs a look
 *	loader_sql.c	the SQL functions, input checks and the error context
 * loader_markdown.c splits a Markdown/MDX file into front matter and body.
 */
#ifndef GLOSSARY_LOADER_H
#define GLOSSARY_LOADER_H

#include "postgres.h"

#include "nodes/pg_list.h"
#include "utils/jsonb.h"

#include "yaml_tree.h"

/* Limits, enforced with ERRCODE_PROGRAM_LIMIT_EXCEEDED (see docs/loading.md, "Limits"). */
#define LOADER_MAX_DOCUMENT_BYTES	(64 * 1024 * 1024)
#define LOADER_MAX_BODY_BYTES		(1024 * 1024)
#define LOADER_MAX_LABEL_CHARS		500		/* term, alias, titles, publisher */
#define LOADER_MAX_SUMMARY_CHARS	2000
#define LOADER_MAX_DESCRIPTION_CHARS 10000
#define LOADER_MAX_URL_CHARS		2000
#define LOADER_MAX_SLUG_CHARS		200

/* Where messages point: the import's name and the current line and column. */
typedef struct ImportCtx
{
	const char *source;
	int			line;			/* 0 when no single place is meant */
	int			column;
	int			line_offset;	/* lines of the file before the YAML text */
	int			nmap;			/* key_map: rename map_from[i] to map_to[i] */
	char	  **map_from;
	char	  **map_to;
} ImportCtx;

typedef struct CategoryRec
{
	char	   *slug;
	char	   *title;
	char	   *tier;
	int32		position;
	char	   *description;
	const YamlNode *node;
} CategoryRec;

typedef struct SourceRec
{
	char	   *title;
	char	   *url;
	char	   *publisher;		/* NULL when absent */
	char	   *date;			/* YYYY-MM-DD or NULL */
} SourceRec;

typedef struct EntryRec
{
	char	   *slug;
	char	   *term;
	char	   *category;
	const YamlNode *category_node;
	List	   *also;			/* char * category slugs */
	List	   *also_nodes;		/* their YamlNodes, for messages */
	List	   *aliases;		/* char * */
	char	   *summary;
	char	   *body;
	List	   *sources;		/* SourceRec * */
	char	   *updated;		/* YYYY-MM-DD or NULL */
	const YamlNode *node;
} EntryRec;

typedef struct ImportBatch
{
	List	   *categories;		/* CategoryRec * */
	List	   *entries;		/* EntryRec * */
} ImportBatch;

typedef struct ImportCounts
{
	int32		categories;
	int32		entries;
	int32		aliases;
	int32		sources;
	int32		links;
	int32		warnings;
} ImportCounts;

/* loader_read.c */
extern void loader_at(ImportCtx *ctx, const YamlNode *node);
extern void loader_read_document(ImportCtx *ctx, const YamlNode *root, ImportBatch *batch);
extern EntryRec *loader_read_entry(ImportCtx *ctx, const YamlNode *map,
								   const char *fallback_slug, int index);
extern void loader_check_batch(ImportCtx *ctx, ImportBatch *batch);
extern const YamlNode *loader_peek(const ImportCtx *ctx, const YamlNode *map, const char *key);
extern const char *loader_closest(const char *word, const char *const *candidates, int n);
extern bool loader_is_known_key(const char *key);
extern const char *loader_known_keys(void);

/* loader_sql.c */
extern void loader_read_key_map(ImportCtx *ctx, Jsonb *map);

/* loader_write.c */
extern void loader_write(ImportCtx *ctx, ImportBatch *batch, ImportCounts *counts);

/* loader_markdown.c */
typedef struct MarkdownParts
{
	const char *front;			/* YAML text between the --- lines */
	size_t		front_len;
	int			front_first_line;	/* file line of the first YAML line */
	char	   *body;			/* palloc'd, ESM lines dropped, trimmed */
} MarkdownParts;

typedef enum MarkdownStatus
{
	MD_OK,
	MD_NO_FRONT_MATTER,
	MD_UNCLOSED_FRONT_MATTER
} MarkdownStatus;

extern MarkdownStatus markdown_split(const char *doc, size_t len, MarkdownParts *parts);

#endif							/* GLOSSARY_LOADER_H */
