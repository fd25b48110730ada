/*
 * export_tables.c
 *	  The queries and the shared YAML parts of export_yaml (one document)
 *	  and export_files (one file per entry), see export_tables.h.
 *
 * Every list has a fixed order (categories by position then slug, entries
 * and child rows by entry slug in "C" order, aliases alphabetically,
 * secondary categories in category order, sources by position), so
 * unchanged data gives unchanged text.
 */
#include "postgres.h"

#include "export_tables.h"

static ExportRows
query(const char *sql)
{
	ExportRows	r;
	int			rc = SPI_execute(sql, true, 0);

	if (rc != SPI_OK_SELECT)
		elog(ERROR, "export query failed (%s): %s", SPI_result_code_string(rc), sql);
	r.tab = SPI_tuptable;
	r.n = SPI_processed;
	r.next = 0;
	return r;
}

void
export_read_tables(ExportTables *t)
{
	t->categories = query("SELECT slug, title, tier, position, description FROM glossary.categories "
						  "ORDER BY position, slug COLLATE pg_catalog.\"C\"");
	t->entries = query("SELECT slug, term, category, summary, body, "
					   "pg_catalog.to_char(updated, 'YYYY-MM-DD') FROM glossary.entries "
					   "ORDER BY slug COLLATE pg_catalog.\"C\"");
	t->also = query("SELECT ec.entry, ec.category FROM glossary.entry_categories ec "
					"JOIN glossary.categories c ON c.slug OPERATOR(pg_catalog.=) ec.category "
					"ORDER BY ec.entry COLLATE pg_catalog.\"C\", c.position, c.slug COLLATE pg_catalog.\"C\"");
	t->aliases = query("SELECT entry, alias FROM glossary.aliases "
					   "ORDER BY entry COLLATE pg_catalog.\"C\", alias COLLATE pg_catalog.\"C\"");
	t->sources = query("SELECT entry, title, url, publisher, "
					   "pg_catalog.to_char(published, 'YYYY-MM-DD') FROM glossary.sources "
					   "ORDER BY entry COLLATE pg_catalog.\"C\", position");
}

char *
export_value(ExportRows *r, uint64 row, int col)
{
	return SPI_getvalue(r->tab->vals[row], r->tab->tupdesc, col);
}

/* the rows [*first, *last) of a child table that belong to slug; false if none */
static bool
export_child_rows(ExportRows *r, const char *slug, uint64 *first, uint64 *last)
{
	*first = r->next;
	while (r->next < r->n && strcmp(export_value(r, r->next, 1), slug) == 0)
		r->next++;
	*last = r->next;
	return *last > *first;
}

void
export_write_categories(YamlWriter *w, ExportRows *cats)
{
	yaml_write_key(w, "categories");
	yaml_write_collection_start(w, false, cats->n == 0);
	for (uint64 i = 0; i < cats->n; i++)
	{
		char	   *description = export_value(cats, i, 5);

		yaml_write_collection_start(w, true, false);
		yaml_write_pair(w, "slug", export_value(cats, i, 1));
		yaml_write_pair(w, "title", export_value(cats, i, 2));
		yaml_write_pair(w, "tier", export_value(cats, i, 3));
		yaml_write_plain_pair(w, "position", export_value(cats, i, 4));
		if (description[0] != '\0')
			yaml_write_pair(w, "description", description);
		yaml_write_collection_end(w, true);
	}
	yaml_write_collection_end(w, false);
}

void
export_write_child_list(YamlWriter *w, const char *key, ExportRows *r, const char *slug)
{
	uint64		first,
				last;

	if (!export_child_rows(r, slug, &first, &last))
		return;
	yaml_write_key(w, key);
	yaml_write_collection_start(w, false, true);
	for (uint64 j = first; j < last; j++)
		yaml_write_string(w, export_value(r, j, 2));
	yaml_write_collection_end(w, false);
}

void
export_write_sources(YamlWriter *w, ExportRows *sources, const char *slug)
{
	uint64		first,
				last;

	if (!export_child_rows(sources, slug, &first, &last))
		return;
	yaml_write_key(w, "sources");
	yaml_write_collection_start(w, false, false);
	for (uint64 j = first; j < last; j++)
	{
		char	   *publisher = export_value(sources, j, 4);
		char	   *date = export_value(sources, j, 5);

		yaml_write_collection_start(w, true, false);
		yaml_write_pair(w, "title", export_value(sources, j, 2));
		yaml_write_pair(w, "url", export_value(sources, j, 3));
		if (publisher)
			yaml_write_pair(w, "publisher", publisher);
		if (date)
			yaml_write_plain_pair(w, "date", date);
		yaml_write_collection_end(w, true);
	}
	yaml_write_collection_end(w, false);
}
