/*
 * yaml_tree.h
 *	  Parse one YAML document into a palloc'd tree of nodes that remember
 *	  their line and column.
 *
 * libyaml allocates with malloc; the parser lives only inside
 * yaml_tree_parse, which frees it on every path (also when an ERROR
 * longjmps through it), so callers validate a plain palloc'd tree.
 */
#ifndef GLOSSARY_YAML_TREE_H
#define GLOSSARY_YAML_TREE_H

#include "postgres.h"

typedef enum YamlKind
{
	YAML_KIND_SCALAR,
	YAML_KIND_SEQUENCE,
	YAML_KIND_MAPPING
} YamlKind;

typedef struct YamlNode
{
	YamlKind	kind;
	int			line;			/* 1-based */
	int			column;			/* 1-based, in characters */
	bool		is_null;		/* ~, null, an empty plain value or !!null */
	bool		plain;			/* scalar: written plain, without quotes or a tag */
	const char *core_tag;		/* scalar: "int", "str", ... for a !!tag, "str" for !, else NULL */
	char	   *value;			/* scalar: text in the database encoding */
	int			len;			/* scalar: length of value in bytes */
	int			nitems;			/* sequence: items; mapping: key/value pairs */
	struct YamlNode **items;	/* mapping: key i at 2i, its value at 2i + 1 */
} YamlNode;

/* What went wrong while parsing, with the position it applies to. */
typedef struct YamlError
{
	int			sqlerrcode;
	char	   *message;
	char	   *detail;			/* NULL or a full sentence */
	char	   *hint;			/* NULL or a full sentence */
	int			line;			/* 1-based; 0 when unknown */
	int			column;
} YamlError;

/* deepest nesting of sequences and mappings accepted */
#define YAML_TREE_MAX_DEPTH 32

/*
 * Parse the UTF-8 text [utf8, utf8 + len).  Returns the root node, or NULL
 * with *error filled in (no ereport: the caller adds its own context).  An
 * input without any content returns NULL with error->message NULL.
 */
extern YamlNode *yaml_tree_parse(const char *utf8, size_t len, YamlError *error);

/* The same, refusing more than max_nodes scalars, lists and mappings (0: no limit). */
extern YamlNode *yaml_tree_parse_limited(const char *utf8, size_t len, int max_nodes,
										 YamlError *error);

/* 1-based line and column (in characters) of a byte offset in s */
extern void yaml_offset_position(const char *s, size_t len, size_t offset,
								 int *line, int *column);

/* "a string", "a list", "a mapping" or "null", for error messages */
extern const char *yaml_kind_name(const YamlNode *node);

#endif							/* GLOSSARY_YAML_TREE_H */
