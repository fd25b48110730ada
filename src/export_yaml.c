/*
 * export_yaml.c
 *	  glossary.export_yaml(): every category and entry as one YAML document
 *	  in the format import_yaml reads, written by libyaml's emitter
 *	  (yaml_emit.c).
 *
 * Order is stable (categories by position then slug, entries by slug,
 * aliases alphabetically, secondary categories in category order, sources
 * by position), so export -> import into an empty database -> export gives
 * the same text.  Strings that other YAML readers would take for a null,
 * boolean or number are quoted; multi-line strings are literal blocks.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "utils/builtins.h"

#include "yaml_emit.h"

PG_FUNCTION_INFO_V1(glossary_export_yaml);

typedef struct Rows
{
	SPITupleTable *tab;
	uint64		n;
	uint64		next;			/* for child tables: the first row not yet used */
} Rows;

static Rows
query(const char *sql)
{
	Rows		r;

	if (SPI_execute(sql, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "export query failed: %s", sql);
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
emit_document(YamlWriter *w)
{
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

	yaml_write_stream_start(w);
	yaml_write_document_start(w);
	yaml_write_collection_start(w, true, false);

	yaml_write_key(w, "categories");
	yaml_write_collection_start(w, false, cats.n == 0);
	for (uint64 i = 0; i < cats.n; i++)
	{
		char	   *description = val(&cats, i, 5);

		yaml_write_collection_start(w, true, false);
		yaml_write_pair(w, "slug", val(&cats, i, 1));
		yaml_write_pair(w, "title", val(&cats, i, 2));
		yaml_write_pair(w, "tier", val(&cats, i, 3));
		yaml_write_plain_pair(w, "position", val(&cats, i, 4));
		if (description[0] != '\0')
			yaml_write_pair(w, "description", description);
		yaml_write_collection_end(w, true);
	}
	yaml_write_collection_end(w, false);

	yaml_write_key(w, "entries");
	yaml_write_collection_start(w, false, entries.n == 0);
	for (uint64 i = 0; i < entries.n; i++)
	{
		char	   *slug = val(&entries, i, 1);
		char	   *body = val(&entries, i, 5);
		char	   *updated = val(&entries, i, 6);
		uint64		first,
					last;

		yaml_write_collection_start(w, true, false);
		yaml_write_pair(w, "slug", slug);
		yaml_write_pair(w, "term", val(&entries, i, 2));
		yaml_write_pair(w, "category", val(&entries, i, 3));
		if (child_rows(&also, slug, &first, &last))
		{
			yaml_write_key(w, "also");
			yaml_write_collection_start(w, false, true);
			for (uint64 j = first; j < last; j++)
				yaml_write_string(w, val(&also, j, 2));
			yaml_write_collection_end(w, false);
		}
		if (child_rows(&aliases, slug, &first, &last))
		{
			yaml_write_key(w, "aliases");
			yaml_write_collection_start(w, false, true);
			for (uint64 j = first; j < last; j++)
				yaml_write_string(w, val(&aliases, j, 2));
			yaml_write_collection_end(w, false);
		}
		yaml_write_pair(w, "summary", val(&entries, i, 4));
		if (child_rows(&sources, slug, &first, &last))
		{
			yaml_write_key(w, "sources");
			yaml_write_collection_start(w, false, false);
			for (uint64 j = first; j < last; j++)
			{
				char	   *publisher = val(&sources, j, 4);
				char	   *date = val(&sources, j, 5);

				yaml_write_collection_start(w, true, false);
				yaml_write_pair(w, "title", val(&sources, j, 2));
				yaml_write_pair(w, "url", val(&sources, j, 3));
				if (publisher)
					yaml_write_pair(w, "publisher", publisher);
				if (date)
					yaml_write_plain_pair(w, "date", date);
				yaml_write_collection_end(w, true);
			}
			yaml_write_collection_end(w, false);
		}
		if (updated)
			yaml_write_plain_pair(w, "updated", updated);
		if (body[0] != '\0')
			yaml_write_pair(w, "body", body);
		yaml_write_collection_end(w, true);
	}
	yaml_write_collection_end(w, false);

	yaml_write_collection_end(w, true);
	yaml_write_document_end(w);
	yaml_write_stream_end(w);
}

Datum
glossary_export_yaml(PG_FUNCTION_ARGS)
{
	YamlWriter	w;
	MemoryContext caller = CurrentMemoryContext;
	text	   *result = NULL;
	int			rc;

	if ((rc = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(rc));
	PG_TRY();
	{
		char	   *yaml;
		MemoryContext old;

		yaml_writer_begin(&w);
		emit_document(&w);
		yaml = yaml_writer_take(&w);
		/* the result outlives SPI_finish, which frees the query results */
		old = MemoryContextSwitchTo(caller);
		result = cstring_to_text(yaml);
		MemoryContextSwitchTo(old);
	}
	PG_FINALLY();
	{
		yaml_writer_end(&w);
	}
	PG_END_TRY();
	if ((rc = SPI_finish()) != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed: %s", SPI_result_code_string(rc));
	PG_RETURN_TEXT_P(result);
}
