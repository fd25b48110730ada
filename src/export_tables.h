/*
 * export_tables.h
 *	  The glossary's tables as export_yaml and export_files read them: one
 *	  query per table, in the order the files are written, and the YAML of
 *	  the parts both exports write alike.
 */
#ifndef GLOSSARY_EXPORT_TABLES_H
#define GLOSSARY_EXPORT_TABLES_H

#include "postgres.h"

#include "executor/spi.h"

#include "yaml_emit.h"

/* the rows of one query; child tables (first column: entry) are read in step */
typedef struct ExportRows
{
	SPITupleTable *tab;
	uint64		n;
	uint64		next;			/* for child tables: the first row not yet used */
} ExportRows;

typedef struct ExportTables
{
	ExportRows	categories;		/* slug, title, tier, position, description */
	ExportRows	entries;		/* slug, term, category, summary, body, updated */
	ExportRows	also;			/* entry, category */
	ExportRows	aliases;		/* entry, alias */
	ExportRows	sources;		/* entry, title, url, publisher, date */
} ExportTables;

/* run the five queries (SPI must be connected); the rows live until SPI_finish */
extern void export_read_tables(ExportTables *t);

/* column col (1-based) of row as text, NULL for NULL */
extern char *export_value(ExportRows *r, uint64 row, int col);

/* "categories:" and the list of every category */
extern void export_write_categories(YamlWriter *w, ExportRows *cats);

/* key: [...] with column 2 of slug's rows of a child table, if it has any */
extern void export_write_child_list(YamlWriter *w, const char *key, ExportRows *r, const char *slug);

/* "sources:" and slug's sources, if it has any */
extern void export_write_sources(YamlWriter *w, ExportRows *sources, const char *slug);

#endif							/* GLOSSARY_EXPORT_TABLES_H */
