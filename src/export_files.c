/*
 * export_files.c
 *	  glossary.export_files(key_map): the glossary as the files a site keeps,
 *	  one row (name, content) per file, name relative to the export directory:
 *		categories.yaml			every category, as import_yaml reads it
 *		entries/<slug>.mdx		one entry: YAML front matter, then the body
 *
 * Key names go through key_map read backwards, so the files use the site's
 * own names ({"primary_layer": "category"} writes primary_layer:), and
 * loading them with the same key_map gives the same rows.  The slug is the
 * file name, as on the site.  The body follows the front matter byte for byte
 * when import_markdown would read it back unchanged; a body it would not
 * (leading blank lines, trailing white space, a first line that reads as an
 * MDX import) is written as "body:" in the front matter instead.  Rows come
 * in path order and every list in a fixed order, so unchanged data gives
 * unchanged files.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "export_tables.h"
#include "loader.h"
#include "yaml_emit.h"

PG_FUNCTION_INFO_V1(glossary_export_files);

/* glossary key -> the name the files use, from key_map read backwards */
typedef struct Renames
{
	int			n;
	const char **from;
	const char **to;
} Renames;

/* key_map {"site name": "glossary name"} turned around; refuses what cannot be */
static Renames
renames_from_key_map(Jsonb *map)
{
	ImportCtx	ctx;
	Renames		r;

	memset(&ctx, 0, sizeof(ctx));
	ctx.source = "export";
	loader_read_key_map(&ctx, map);
	r.n = ctx.nmap;
	r.from = (const char **) ctx.map_to;
	r.to = (const char **) ctx.map_from;
	for (int i = 0; i < r.n; i++)
	{
		for (int j = 0; j < i; j++)
			if (strcmp(r.from[i], r.from[j]) == 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("\"key_map\" maps both \"%s\" and \"%s\" to \"%s\"",
								r.to[j], r.to[i], r.from[i]),
						 errdetail("An export must write one name for each key."),
						 errhint("Keep one of the two in \"key_map\".")));
		/* a site name that is also a glossary key nobody renames would be written twice */
		if (loader_is_known_key(r.to[i]))
		{
			bool		renamed = false;

			for (int j = 0; j < r.n; j++)
				if (strcmp(r.from[j], r.to[i]) == 0)
					renamed = true;
			if (!renamed)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("\"key_map\" maps \"%s\" to \"%s\", but \"%s\" is a key of its own",
								r.to[i], r.from[i], r.to[i]),
						 errdetail("The exported files would hold the key \"%s\" twice.", r.to[i]),
						 errhint("Map \"%s\" to another name as well, or drop it from \"key_map\".", r.to[i])));
		}
	}
	return r;
}

static void
writer_begin(YamlWriter *w, const Renames *r)
{
	yaml_writer_begin(w);
	w->nrename = r->n;
	w->rename_from = r->from;
	w->rename_to = r->to;
	yaml_write_stream_start(w);
	yaml_write_document_start(w);
	yaml_write_collection_start(w, true, false);
}

static char *
writer_finish(YamlWriter *w)
{
	char	   *text;

	yaml_write_collection_end(w, true);
	yaml_write_document_end(w);
	yaml_write_stream_end(w);
	text = yaml_writer_take(w);
	yaml_writer_end(w);
	return text;
}

static char *
categories_file(YamlWriter *w, const Renames *r, ExportRows *cats)
{
	writer_begin(w, r);
	export_write_categories(w, cats);
	return writer_finish(w);
}

/* would import_markdown read body back unchanged from after the front matter? */
static bool
body_survives(const char *body)
{
	StringInfoData doc;
	MarkdownParts parts;
	bool		same;

	initStringInfo(&doc);
	appendStringInfo(&doc, "---\n---\n\n%s\n", body);
	same = markdown_split(doc.data, doc.len, &parts) == MD_OK && strcmp(parts.body, body) == 0;
	pfree(doc.data);
	return same;
}

static void
put_row(ReturnSetInfo *rsinfo, const char *path, const char *content)
{
	Datum		values[2];
	bool		nulls[2] = {false, false};

	values[0] = CStringGetTextDatum(path);
	values[1] = CStringGetTextDatum(content);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	pfree(DatumGetPointer(values[0]));
	pfree(DatumGetPointer(values[1]));
}

static void
entry_files(ReturnSetInfo *rsinfo, YamlWriter *w, const Renames *r, ExportTables *t)
{
	MemoryContext per_file = AllocSetContextCreate(CurrentMemoryContext, "glossary export file",
												   ALLOCSET_DEFAULT_SIZES);

	for (uint64 i = 0; i < t->entries.n; i++)
	{
		MemoryContext old = MemoryContextSwitchTo(per_file);
		char	   *slug = export_value(&t->entries, i, 1);
		char	   *body = export_value(&t->entries, i, 5);
		char	   *updated = export_value(&t->entries, i, 6);
		bool		body_after = body[0] == '\0' || body_survives(body);
		char	   *front;
		StringInfoData file;

		CHECK_FOR_INTERRUPTS();
		writer_begin(w, r);
		yaml_write_pair(w, "term", export_value(&t->entries, i, 2));
		export_write_child_list(w, "aliases", &t->aliases, slug);
		yaml_write_pair(w, "category", export_value(&t->entries, i, 3));
		export_write_child_list(w, "also", &t->also, slug);
		yaml_write_pair(w, "summary", export_value(&t->entries, i, 4));
		export_write_sources(w, &t->sources, slug);
		if (updated)
			yaml_write_plain_pair(w, "updated", updated);
		if (!body_after)
			yaml_write_pair(w, "body", body);
		front = writer_finish(w);

		initStringInfo(&file);
		appendStringInfo(&file, "---\n%s---\n", front);
		if (body_after && body[0] != '\0')
			appendStringInfo(&file, "\n%s\n", body);
		put_row(rsinfo, psprintf("entries/%s.mdx", slug), file.data);

		MemoryContextSwitchTo(old);
		MemoryContextReset(per_file);
	}
	MemoryContextDelete(per_file);
}

Datum
glossary_export_files(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Renames		renames;
	YamlWriter	w;
	int			rc;

	InitMaterializedSRF(fcinfo, 0);
	renames = renames_from_key_map(PG_ARGISNULL(0) ? NULL : PG_GETARG_JSONB_P(0));

	if ((rc = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(rc));
	memset(&w, 0, sizeof(w));
	PG_TRY();
	{
		ExportTables t;

		export_read_tables(&t);
		put_row(rsinfo, "categories.yaml", categories_file(&w, &renames, &t.categories));
		entry_files(rsinfo, &w, &renames, &t);
	}
	PG_FINALLY();
	{
		yaml_writer_end(&w);
	}
	PG_END_TRY();
	if ((rc = SPI_finish()) != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed: %s", SPI_result_code_string(rc));
	return (Datum) 0;
}
