/*
 * yaml_tree.c
 *	  One pass over libyaml's events builds a palloc'd tree; the parser is
 *	  freed before the caller looks at the result.
 *
 * Refused on purpose: anchors and aliases (no alias bombs, and a value is
 * written where it is used), tags other than the standard scalar ones, more
 * than one document, nesting deeper than YAML_TREE_MAX_DEPTH.
 */
#include "postgres.h"

#include <yaml.h>

#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/elog.h"

#include "yaml_tree.h"

#define CORE_TAG_PREFIX "tag:yaml.org,2002:"

typedef struct Frame
{
	YamlNode   *node;
	int			count;			/* items stored so far */
	int			capacity;
} Frame;

typedef struct Builder
{
	YamlNode   *root;
	Frame		stack[YAML_TREE_MAX_DEPTH];
	int			depth;
	int			documents;
	int			nodes;
	int			max_nodes;		/* 0: no limit */
	YamlError  *error;
} Builder;

const char *
yaml_kind_name(const YamlNode *node)
{
	if (node->kind == YAML_KIND_SEQUENCE)
		return "a list";
	if (node->kind == YAML_KIND_MAPPING)
		return "a mapping";
	return node->is_null ? "null" : "a string";
}

static void
set_error(YamlError *error, int sqlerrcode, const yaml_mark_t *mark, const char *fmt, const char *arg)
{
	error->sqlerrcode = sqlerrcode;
	error->message = psprintf(fmt, arg);
	error->detail = NULL;
	error->hint = NULL;
	error->line = mark ? (int) mark->line + 1 : 0;
	error->column = mark ? (int) mark->column + 1 : 0;
}

/* "!!binary" for the core schema's tags, the tag itself otherwise */
static const char *
short_tag(const char *tag)
{
	if (strncmp(tag, CORE_TAG_PREFIX, strlen(CORE_TAG_PREFIX)) == 0)
		return psprintf("!!%s", tag + strlen(CORE_TAG_PREFIX));
	return tag;
}

static bool
core_tag_is(const char *tag, const char *name)
{
	return strncmp(tag, CORE_TAG_PREFIX, strlen(CORE_TAG_PREFIX)) == 0 &&
		strcmp(tag + strlen(CORE_TAG_PREFIX), name) == 0;
}

static bool
scalar_tag_ok(const char *tag)
{
	return tag == NULL || strcmp(tag, "!") == 0 ||
		core_tag_is(tag, "str") || core_tag_is(tag, "int") ||
		core_tag_is(tag, "float") || core_tag_is(tag, "bool") ||
		core_tag_is(tag, "timestamp") || core_tag_is(tag, "null");
}

static bool
plain_null(const char *s, size_t len)
{
	return len == 0 ||
		(len == 1 && s[0] == '~') ||
		(len == 4 && (memcmp(s, "null", 4) == 0 || memcmp(s, "Null", 4) == 0 ||
					  memcmp(s, "NULL", 4) == 0));
}

/* attach a new node to the collection being built, or make it the root */
static YamlNode *
add_node(Builder *b, YamlKind kind, const yaml_mark_t *mark)
{
	YamlNode   *node = palloc0(sizeof(YamlNode));

	node->kind = kind;
	node->line = (int) mark->line + 1;
	node->column = (int) mark->column + 1;
	if (b->depth == 0)
		b->root = node;
	else
	{
		Frame	   *top = &b->stack[b->depth - 1];
		YamlNode   *parent = top->node;

		if (top->count >= top->capacity)
		{
			top->capacity = Max(8, 2 * top->capacity);
			parent->items = parent->items ?
				repalloc(parent->items, top->capacity * sizeof(YamlNode *)) :
				palloc(top->capacity * sizeof(YamlNode *));
		}
		parent->items[top->count++] = node;
		/* a mapping's items alternate key, value */
		parent->nitems = parent->kind == YAML_KIND_MAPPING ? top->count / 2 : top->count;
	}
	return node;
}

/* handle one event; false when the builder has recorded an error */
static bool
take_event(Builder *b, yaml_event_t *ev)
{
	const char *anchor = NULL;
	const char *tag = NULL;

	switch (ev->type)
	{
		case YAML_DOCUMENT_START_EVENT:
			if (++b->documents > 1)
			{
				set_error(b->error, ERRCODE_INVALID_TEXT_REPRESENTATION, &ev->start_mark,
						  "the input holds more than one YAML document%s", "");
				b->error->hint = pstrdup("Put all categories and entries in one document, or import each document with its own call.");
				return false;
			}
			return true;

		case YAML_ALIAS_EVENT:
			set_error(b->error, ERRCODE_FEATURE_NOT_SUPPORTED, &ev->start_mark,
					  "YAML alias \"*%s\" is not supported", (const char *) ev->data.alias.anchor);
			b->error->hint = pstrdup("Write the value out in full where it is used.");
			return false;

		case YAML_SCALAR_EVENT:
			anchor = (const char *) ev->data.scalar.anchor;
			tag = (const char *) ev->data.scalar.tag;
			break;
		case YAML_SEQUENCE_START_EVENT:
			anchor = (const char *) ev->data.sequence_start.anchor;
			tag = (const char *) ev->data.sequence_start.tag;
			break;
		case YAML_MAPPING_START_EVENT:
			anchor = (const char *) ev->data.mapping_start.anchor;
			tag = (const char *) ev->data.mapping_start.tag;
			break;

		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			b->depth--;
			return true;

		default:
			return true;
	}

	if (anchor != NULL)
	{
		set_error(b->error, ERRCODE_FEATURE_NOT_SUPPORTED, &ev->start_mark,
				  "YAML anchor \"&%s\" is not supported", anchor);
		b->error->hint = pstrdup("Remove the anchor and write the value out in full where it is used.");
		return false;
	}

	if (b->max_nodes > 0 && ++b->nodes > b->max_nodes)
	{
		set_error(b->error, ERRCODE_PROGRAM_LIMIT_EXCEEDED, &ev->start_mark,
				  "the YAML document has too many values%s", "");
		b->error->detail = psprintf("At most %d scalars, lists and mappings are accepted.", b->max_nodes);
		b->error->hint = pstrdup("Split the document into smaller ones.");
		return false;
	}

	if (ev->type == YAML_SCALAR_EVENT)
	{
		const char *s = (const char *) ev->data.scalar.value;
		size_t		len = ev->data.scalar.length;
		YamlNode   *node;

		if (!scalar_tag_ok(tag))
		{
			set_error(b->error, ERRCODE_FEATURE_NOT_SUPPORTED, &ev->start_mark,
					  "YAML tag \"%s\" is not supported", short_tag(tag));
			b->error->detail = pstrdup("Only the standard tags !!str, !!int, !!float, !!bool, !!timestamp and !!null are accepted; every value is read as text.");
			b->error->hint = pstrdup("Remove the tag.");
			return false;
		}
		/* an escape such as "\0" can put a zero byte in a value, which text cannot hold */
		if (memchr(s, '\0', len) != NULL)
		{
			set_error(b->error, ERRCODE_UNTRANSLATABLE_CHARACTER, &ev->start_mark,
					  "a YAML value contains the character U+0000%s", "");
			b->error->detail = pstrdup("The escapes \\0, \\x00 and \\u0000 cannot be stored in text.");
			b->error->hint = pstrdup("Remove the escape.");
			return false;
		}
		node = add_node(b, YAML_KIND_SCALAR, &ev->start_mark);
		node->is_null = (tag != NULL && core_tag_is(tag, "null")) ||
			(tag == NULL && ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && plain_null(s, len));
		node->plain = tag == NULL && ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (tag != NULL)
			node->core_tag = strcmp(tag, "!") == 0 ? "str" : pstrdup(tag + strlen(CORE_TAG_PREFIX));
		/* values leave libyaml's malloc'd memory here, in the database encoding */
		if (GetDatabaseEncoding() == PG_UTF8)
		{
			node->value = pnstrdup(s, len);
			node->len = (int) len;
		}
		else
		{
			node->value = pg_any_to_server(s, (int) len, PG_UTF8);
			if (node->value == s)
				node->value = pnstrdup(s, len);
			node->len = strlen(node->value);
		}
		return true;
	}

	/* start of a sequence or mapping */
	if (tag != NULL && strcmp(tag, "!") != 0 &&
		!core_tag_is(tag, ev->type == YAML_SEQUENCE_START_EVENT ? "seq" : "map"))
	{
		set_error(b->error, ERRCODE_FEATURE_NOT_SUPPORTED, &ev->start_mark,
				  "YAML tag \"%s\" is not supported", short_tag(tag));
		b->error->hint = pstrdup("Remove the tag.");
		return false;
	}
	if (b->depth >= YAML_TREE_MAX_DEPTH)
	{
		set_error(b->error, ERRCODE_PROGRAM_LIMIT_EXCEEDED, &ev->start_mark,
				  "YAML nesting is too deep%s", "");
		b->error->detail = psprintf("At most %d levels of lists and mappings are accepted.", YAML_TREE_MAX_DEPTH);
		return false;
	}
	{
		YamlNode   *node = add_node(b, ev->type == YAML_SEQUENCE_START_EVENT ?
									YAML_KIND_SEQUENCE : YAML_KIND_MAPPING,
									&ev->start_mark);

		b->stack[b->depth].node = node;
		b->stack[b->depth].count = 0;
		b->stack[b->depth].capacity = 0;
		b->depth++;
	}
	return true;
}

/* line and column (1-based) of a byte offset, for reader errors */
void
yaml_offset_position(const char *s, size_t len, size_t offset, int *line, int *column)
{
	size_t		i;
	int			l = 1;
	size_t		start = 0;

	if (offset > len)
		offset = len;
	for (i = 0; i < offset; i++)
		if (s[i] == '\n')
		{
			l++;
			start = i + 1;
		}
	*line = l;
	*column = pg_mbstrlen_with_len(s + start, (int) (offset - start)) + 1;
}

static void
parser_error(yaml_parser_t *parser, const char *s, size_t len, YamlError *error)
{
	if (parser->error == YAML_MEMORY_ERROR)
	{
		set_error(error, ERRCODE_OUT_OF_MEMORY, NULL, "out of memory while parsing YAML%s", "");
		return;
	}
	set_error(error, ERRCODE_INVALID_TEXT_REPRESENTATION, &parser->problem_mark,
			  "invalid YAML: %s", parser->problem ? parser->problem : "unknown error");
	if (parser->error == YAML_READER_ERROR)
		yaml_offset_position(s, len, parser->problem_offset, &error->line, &error->column);
	else if (parser->context)
		error->detail = psprintf("The problem was found %s that starts at line %d, column %d.",
								 parser->context,
								 (int) parser->context_mark.line + 1,
								 (int) parser->context_mark.column + 1);
}

YamlNode *
yaml_tree_parse(const char *utf8, size_t len, YamlError *error)
{
	return yaml_tree_parse_limited(utf8, len, 0, error);
}

YamlNode *
yaml_tree_parse_limited(const char *utf8, size_t len, int max_nodes, YamlError *error)
{
	yaml_parser_t parser;
	yaml_event_t event;
	volatile bool have_event = false;	/* read in PG_FINALLY after a longjmp */
	volatile bool ok = true;	/* set in PG_TRY */
	Builder		b;

	memset(&b, 0, sizeof(b));
	memset(error, 0, sizeof(YamlError));
	b.error = error;
	b.max_nodes = max_nodes;

	if (!yaml_parser_initialize(&parser))
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory while starting the YAML parser")));

	PG_TRY();
	{
		yaml_parser_set_input_string(&parser, (const unsigned char *) utf8, len);
		yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
		for (;;)
		{
			/* between libyaml calls: PG_FINALLY frees the parser on cancel */
			CHECK_FOR_INTERRUPTS();
			if (!yaml_parser_parse(&parser, &event))
			{
				parser_error(&parser, utf8, len, error);
				ok = false;
				break;
			}
			have_event = true;
			if (event.type == YAML_STREAM_END_EVENT)
				break;
			if (!take_event(&b, &event))
			{
				ok = false;
				break;
			}
			yaml_event_delete(&event);
			have_event = false;
		}
	}
	PG_FINALLY();
	{
		if (have_event)
			yaml_event_delete(&event);
		yaml_parser_delete(&parser);
	}
	PG_END_TRY();

	if (!ok)
		return NULL;
	return b.root;
}
