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

#include "export_tables.h"
#include "yaml_emit.h"

PG_FUNCTION_INFO_V1(glossary_export_yaml);

static void
emit_document(YamlWriter *w)
{
	ExportTables t;

	export_read_tables(&t);
	yaml_write_stream_start(w);
	yaml_write_document_start(w);
	yaml_write_collection_start(w, true, false);

	export_write_categories(w, &t.categories);

	yaml_write_key(w, "entries");
	yaml_write_collection_start(w, false, t.entries.n == 0);
	for (uint64 i = 0; i < t.entries.n; i++)
	{
		char	   *slug = export_value(&t.entries, i, 1);
		char	   *body = export_value(&t.entries, i, 5);
		char	   *updated = export_value(&t.entries, i, 6);

		yaml_write_collection_start(w, true, false);
		yaml_write_pair(w, "slug", slug);
		yaml_write_pair(w, "term", export_value(&t.entries, i, 2));
		yaml_write_pair(w, "category", export_value(&t.entries, i, 3));
		export_write_child_list(w, "also", &t.also, slug);
		export_write_child_list(w, "aliases", &t.aliases, slug);
		yaml_write_pair(w, "summary", export_value(&t.entries, i, 4));
		export_write_sources(w, &t.sources, slug);
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
	text	   *volatile result = NULL;	/* set in PG_TRY */
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
