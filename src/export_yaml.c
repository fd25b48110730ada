/*
 * export_yaml.c
 *	  glossary.export_yaml(): every category and entry as one YAML document
 *	  in the format import_yaml reads, written by libyaml's emitter.
 *
 * Order is stable (categories by position then slug, entries by slug,
 * aliases alphabetically, secondary categories in category order, sources
 * by position), so export -> import into an empty database -> export gives
 * the same text.  Strings that other YAML readers would take for a null,
 * boolean or number are quoted; multi-line strings are literal blocks.
 */
#include "postgres.h"

#include <yaml.h>

#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(glossary_export_yaml);

typedef struct Rows
{
	SPITupleTable *tab;
	uint64		n;
	uint64		next;			/* for child tables: the first row not yet used */
} Rows;

static int
append_output(void *data, unsigned char *buffer, size_t size)
{
	appendBinaryStringInfo((StringInfo) data, (const char *) buffer, (int) size);
	return 1;
}

static void
emit(yaml_emitter_t *em, yaml_event_t *ev)
{
	/* the emitter owns and frees the event, also on failure */
	if (!yaml_emitter_emit(em, ev))
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not write YAML: %s", em->problem ? em->problem : "unknown error")));
}

static void
emit_scalar_styled(yaml_emitter_t *em, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;
	char	   *utf8 = pg_server_to_any(s, strlen(s), PG_UTF8);

	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *) utf8, (int) strlen(utf8),
									  1, 1, style))
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	emit(em, &ev);
}

/* would a YAML reader take this plain text for something other than a string? */
static bool
looks_typed(const char *s)
{
	static const char *const words[] = {
		"~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
		"true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
		".inf", ".Inf", ".INF", "-.inf", "+.inf", ".nan", ".NaN", ".NAN", "<<", "=",
	};
	const char *p;

	if (*s == '\0')
		return true;
	for (int i = 0; i < lengthof(words); i++)
		if (strcmp(s, words[i]) == 0)
			return true;
	/* numbers, dates and times: a digit, sign or dot, then only number characters */
	if (!strchr("0123456789+-.", *s))
		return false;
	for (p = s; *p; p++)
		if (!strchr("0123456789abcdefABCDEFxXoO._:+- T", *p))
			return false;
	return true;
}

/* a string value: literal block when it spans lines, quoted when it would read as another type */
static void
emit_string(yaml_emitter_t *em, const char *s)
{
	if (strchr(s, '\n'))
		emit_scalar_styled(em, s, YAML_LITERAL_SCALAR_STYLE);
	else if (looks_typed(s))
		emit_scalar_styled(em, s, YAML_SINGLE_QUOTED_SCALAR_STYLE);
	else
		emit_scalar_styled(em, s, YAML_ANY_SCALAR_STYLE);
}

static void
emit_key(yaml_emitter_t *em, const char *key)
{
	emit_scalar_styled(em, key, YAML_PLAIN_SCALAR_STYLE);
}

static void
emit_pair(yaml_emitter_t *em, const char *key, const char *value)
{
	emit_key(em, key);
	emit_string(em, value);
}

/* a date or integer, written plain */
static void
emit_plain_pair(yaml_emitter_t *em, const char *key, const char *value)
{
	emit_key(em, key);
	emit_scalar_styled(em, value, YAML_PLAIN_SCALAR_STYLE);
}

static void
start_collection(yaml_emitter_t *em, bool mapping, bool flow)
{
	yaml_event_t ev;

	if (mapping)
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
											flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
	else
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
											 flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
	emit(em, &ev);
}

static void
end_collection(yaml_emitter_t *em, bool mapping)
{
	yaml_event_t ev;

	if (mapping)
		yaml_mapping_end_event_initialize(&ev);
	else
		yaml_sequence_end_event_initialize(&ev);
	emit(em, &ev);
}

static Rows
query(const char *sql)
{
	Rows		r;

	if (SPI_execute(sql, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "glossary export: query failed: %s", sql);
	r.tab = SPI_tuptable;
	r.n = SPI_processed;
	r.next = 0;
	return r;
}

static char *
val(Rows *r, uint64 row, int col)
{
	return SPI_getvalue(r->tab->vals[row], r->tab->tupdesc, col);
}

/* the rows of a child table (first column: entry) that belong to slug */
static bool
child_rows(Rows *r, const char *slug, uint64 *first, uint64 *last)
{
	*first = r->next;
	while (r->next < r->n && strcmp(val(r, r->next, 1), slug) == 0)
		r->next++;
	*last = r->next;
	return *last > *first;
}

static void
emit_document(yaml_emitter_t *em)
{
	yaml_event_t ev;
	Rows		cats = query("SELECT slug, title, tier, position, description FROM glossary.categories "
							 "ORDER BY position, slug COLLATE pg_catalog.\"C\"");
	Rows		entries = query("SELECT slug, term, category, summary, body, "
								"pg_catalog.to_char(updated, 'YYYY-MM-DD') FROM glossary.entries "
								"ORDER BY slug COLLATE pg_catalog.\"C\"");
	Rows		also = query("SELECT ec.entry, ec.category FROM glossary.entry_categories ec "
							 "JOIN glossary.categories c ON c.slug OPERATOR(pg_catalog.=) ec.category "
							 "ORDER BY ec.entry COLLATE pg_catalog.\"C\", c.position, c.slug COLLATE pg_catalog.\"C\"");
	Rows		aliases = query("SELECT entry, alias FROM glossary.aliases "
								"ORDER BY entry COLLATE pg_catalog.\"C\", alias COLLATE pg_catalog.\"C\"");
	Rows		sources = query("SELECT entry, title, url, publisher, "
								"pg_catalog.to_char(published, 'YYYY-MM-DD') FROM glossary.sources "
								"ORDER BY entry COLLATE pg_catalog.\"C\", position");

	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit(em, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit(em, &ev);
	start_collection(em, true, false);

	emit_key(em, "categories");
	start_collection(em, false, cats.n == 0);
	for (uint64 i = 0; i < cats.n; i++)
	{
		char	   *description = val(&cats, i, 5);

		start_collection(em, true, false);
		emit_pair(em, "slug", val(&cats, i, 1));
		emit_pair(em, "title", val(&cats, i, 2));
		emit_pair(em, "tier", val(&cats, i, 3));
		emit_plain_pair(em, "position", val(&cats, i, 4));
		if (description[0] != '\0')
			emit_pair(em, "description", description);
		end_collection(em, true);
	}
	end_collection(em, false);

	emit_key(em, "entries");
	start_collection(em, false, entries.n == 0);
	for (uint64 i = 0; i < entries.n; i++)
	{
		char	   *slug = val(&entries, i, 1);
		char	   *body = val(&entries, i, 5);
		char	   *updated = val(&entries, i, 6);
		uint64		first,
					last;

		start_collection(em, true, false);
		emit_pair(em, "slug", slug);
		emit_pair(em, "term", val(&entries, i, 2));
		emit_pair(em, "category", val(&entries, i, 3));
		if (child_rows(&also, slug, &first, &last))
		{
			emit_key(em, "also");
			start_collection(em, false, true);
			for (uint64 j = first; j < last; j++)
				emit_string(em, val(&also, j, 2));
			end_collection(em, false);
		}
		if (child_rows(&aliases, slug, &first, &last))
		{
			emit_key(em, "aliases");
			start_collection(em, false, true);
			for (uint64 j = first; j < last; j++)
				emit_string(em, val(&aliases, j, 2));
			end_collection(em, false);
		}
		emit_pair(em, "summary", val(&entries, i, 4));
		if (child_rows(&sources, slug, &first, &last))
		{
			emit_key(em, "sources");
			start_collection(em, false, false);
			for (uint64 j = first; j < last; j++)
			{
				char	   *publisher = val(&sources, j, 4);
				char	   *date = val(&sources, j, 5);

				start_collection(em, true, false);
				emit_pair(em, "title", val(&sources, j, 2));
				emit_pair(em, "url", val(&sources, j, 3));
				if (publisher)
					emit_pair(em, "publisher", publisher);
				if (date)
					emit_plain_pair(em, "date", date);
				end_collection(em, true);
			}
			end_collection(em, false);
		}
		if (updated)
			emit_plain_pair(em, "updated", updated);
		if (body[0] != '\0')
			emit_pair(em, "body", body);
		end_collection(em, true);
	}
	end_collection(em, false);

	end_collection(em, true);
	yaml_document_end_event_initialize(&ev, 1);
	emit(em, &ev);
	yaml_stream_end_event_initialize(&ev);
	emit(em, &ev);
	if (!yaml_emitter_flush(em))
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not write YAML: %s", em->problem ? em->problem : "unknown error")));
}

Datum
glossary_export_yaml(PG_FUNCTION_ARGS)
{
	yaml_emitter_t em;
	StringInfoData out;
	MemoryContext caller = CurrentMemoryContext;
	text	   *result;

	initStringInfo(&out);
	SPI_connect();
	if (!yaml_emitter_initialize(&em))
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	PG_TRY();
	{
		yaml_emitter_set_output(&em, append_output, &out);
		yaml_emitter_set_unicode(&em, 1);
		yaml_emitter_set_width(&em, -1);
		yaml_emitter_set_indent(&em, 2);
		emit_document(&em);
	}
	PG_FINALLY();
	{
		yaml_emitter_delete(&em);
	}
	PG_END_TRY();

	/* out lives in the caller's context; SPI_finish frees the query results */
	{
		char	   *s = pg_any_to_server(out.data, out.len, PG_UTF8);
		MemoryContext old = MemoryContextSwitchTo(caller);

		result = cstring_to_text(s);
		MemoryContextSwitchTo(old);
	}
	SPI_finish();
	PG_RETURN_TEXT_P(result);
}
