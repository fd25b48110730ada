/*
 * checks.c
 *	  glossary-load: after every file is in, the links that still resolve to
 *	  nothing, and --replace's deletion of the entries the load did not write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossary_load.h"

/* a text[] literal: {"a","b"} with quotes and backslashes escaped */
static char *
array_literal(const StrList *list)
{
	size_t		cap = 16,
				len = 0,
				i;
	char	   *buf;

	for (i = 0; i < list->n; i++)
		cap += 2 * strlen(list->items[i]) + 3;
	buf = xmalloc(cap);
	buf[len++] = '{';
	for (i = 0; i < list->n; i++)
	{
		const char *s;

		if (i > 0)
			buf[len++] = ',';
		buf[len++] = '"';
		for (s = list->items[i]; *s; s++)
		{
			if (*s == '"' || *s == '\\')
				buf[len++] = '\\';
			buf[len++] = *s;
		}
		buf[len++] = '"';
	}
	buf[len++] = '}';
	buf[len] = '\0';
	return buf;
}

/* an int[] literal of the tags of list */
static char *
tags_literal(const StrList *list)
{
	char	   *buf = xmalloc(list->n * 12 + 3);
	size_t		len = 0,
				i;

	buf[len++] = '{';
	for (i = 0; i < list->n; i++)
		len += sprintf(buf + len, "%s%d", i ? "," : "", list->tags[i]);
	buf[len++] = '}';
	buf[len] = '\0';
	return buf;
}

#define UNRESOLVED_LIST_MAX 10

/*
 * Report the links of the imported entries that resolve to nothing now that
 * every file is in, one WARNING per file in the form the import functions
 * use.  Returns the number of link targets reported, or -1 after an error.
 */
long
report_unresolved_links(PGconn *conn, const FileList *files, const StrList *slugs)
{
	char	   *slug_array = array_literal(slugs);
	char	   *file_array = tags_literal(slugs);
	const char *values[2] = {slug_array, file_array};
	PGresult   *res;
	long		total = 0;
	int			row,
				nrows;

	/* an entry imported twice belongs to the file that imported it last */
	res = PQexecParams(conn,
					   "WITH s AS (SELECT DISTINCT ON (u.slug) u.slug, u.f"
					   "   FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.text[]),"
					   "                   pg_catalog.unnest($2::pg_catalog.int4[])) AS u(slug, f)"
					   "   ORDER BY u.slug, u.f DESC),"
					   " l AS (SELECT s.f, k.target, k.entry FROM s JOIN glossary.links AS k"
					   "   ON k.entry OPERATOR(pg_catalog.=) s.slug"
					   "   WHERE NOT EXISTS (SELECT FROM glossary.entries AS e"
					   "     WHERE e.slug OPERATOR(pg_catalog.=) k.target)),"
					   " u AS (SELECT d.target FROM (SELECT DISTINCT l.target FROM l) AS d"
					   "   WHERE glossary.resolve(d.target) IS NULL)"
					   " SELECT DISTINCT l.f, l.target, l.entry FROM l"
					   "   JOIN u ON u.target OPERATOR(pg_catalog.=) l.target"
					   " ORDER BY 1, 2, 3",
					   2, NULL, values, NULL, NULL, 0);
	free(slug_array);
	free(file_array);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		print_server_message(NULL, res, true);
		PQclear(res);
		return -1;
	}

	nrows = PQntuples(res);
	row = 0;
	while (row < nrows)
	{
		int			file = atoi(PQgetvalue(res, row, 0));
		Buf			detail = {0};
		long		ntargets = 0;

		/* one file: its targets in order, each with the entries linking to it */
		while (row < nrows && atoi(PQgetvalue(res, row, 0)) == file)
		{
			const char *target = PQgetvalue(res, row, 1);

			if (ntargets < UNRESOLVED_LIST_MAX)
				buf_printf(&detail, "%s\"%s\" (in ", ntargets ? "; " : "", target);
			for (int first = 1; row < nrows && atoi(PQgetvalue(res, row, 0)) == file &&
				 strcmp(PQgetvalue(res, row, 1), target) == 0; row++, first = 0)
				if (ntargets < UNRESOLVED_LIST_MAX)
					buf_printf(&detail, "%s\"%s\"", first ? "" : ", ", PQgetvalue(res, row, 2));
			if (ntargets < UNRESOLVED_LIST_MAX)
				buf_printf(&detail, ")");
			ntargets++;
		}
		if (ntargets > UNRESOLVED_LIST_MAX)
			buf_printf(&detail, "; and %ld more", ntargets - UNRESOLVED_LIST_MAX);

		clear_progress();
		fprintf(stderr, "%s: %s: WARNING:  %ld link %s not resolve to an entry\n"
				"DETAIL:  Unresolved: %s.\n",
				progname, files->files[file].name, ntargets,
				ntargets == 1 ? "target does" : "targets do", detail.data);
		/* the hint is the same for every file: once, after the last one */
		if (row == nrows)
			fprintf(stderr, "HINT:  The links are kept and resolve once an entry with that slug, term or alias exists; "
					"SELECT * FROM glossary.links WHERE glossary.resolve(target) IS NULL lists them.\n");
		free(detail.data);
		total += ntargets;
	}
	PQclear(res);
	return total;
}

/*
 * --replace: delete the entries the load did not write.  slugs is what the
 * server said it wrote, so nothing here reads the files.  Returns the number
 * deleted, or -1 after reporting why nothing was.
 */
long
delete_missing_entries(PGconn *conn, const StrList *slugs)
{
	char	   *array = array_literal(slugs);
	const char *values[1] = {array};
	PGresult   *res;
	long		deleted;
	int			i;

	res = PQexecParams(conn,
					   "WITH d AS (DELETE FROM glossary.entries AS e WHERE NOT EXISTS"
					   " (SELECT FROM pg_catalog.unnest($1::pg_catalog.text[]) AS s(slug)"
					   " WHERE s.slug OPERATOR(pg_catalog.=) e.slug)"
					   " RETURNING e.slug::pg_catalog.text)"
					   " SELECT d.slug FROM d ORDER BY 1",
					   1, NULL, values, NULL, NULL, 0);
	free(array);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		print_server_message(NULL, res, true);
		PQclear(res);
		return -1;
	}
	deleted = PQntuples(res);
	for (i = 0; i < deleted && verbosity >= 2; i++)
		note("deleted entry \"%s\", which is not in the input", PQgetvalue(res, i, 0));
	PQclear(res);
	return deleted;
}

