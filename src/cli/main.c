/*
 * main.c
 *	  glossary-load: load YAML and Markdown/MDX glossary files into a
 *	  database through glossary.import_yaml_slugs and
 *	  glossary.import_markdown_slugs, or with --export write the database's
 *	  glossary out as files through glossary.export_files.
 *
 * Files are read here, on the client, and sent as query parameters; the
 * server never touches the file system and is the only reader of their
 * YAML.  Every file goes into one transaction, so a load is all or nothing.
 *
 * Exit status: 0 loaded, 1 the input was refused, 2 usage or connection error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossary_load.h"

/* the status after a failed statement: was it the input or the connection? */
static int
failure_status(PGconn *conn)
{
	return PQstatus(conn) == CONNECTION_OK ? EXIT_REFUSED : EXIT_USAGE;
}

static void
print_summary(const Options *opts, size_t nfiles, const long totals[SUM_NCOLS], long deleted)
{
	if (verbosity < 1)
		return;
	printf("%s: %s %s: %s, %s, %s, %s, %s, %s",
		   progname, opts->dry_run ? "dry run, nothing kept; checked" : "loaded",
		   count_noun((long) nfiles, "file", "files"),
		   count_noun(totals[SUM_CATEGORIES], "category", "categories"),
		   count_noun(totals[SUM_ENTRIES], "entry", "entries"),
		   count_noun(totals[SUM_ALIASES], "alias", "aliases"),
		   count_noun(totals[SUM_SOURCES], "source", "sources"),
		   count_noun(totals[SUM_LINKS], "link", "links"),
		   count_noun(totals[SUM_WARNINGS], "warning", "warnings"));
	if (opts->replace)
		printf(", %s deleted", count_noun(deleted, "entry", "entries"));
	printf("\n");
}

/* import every file in one transaction; returns the exit status */
static int
load(PGconn *conn, const Options *opts, const FileList *files, const char *key_map)
{
	NoticeState ns = {NULL, -1, NULL, 0};
	StrList		slugs = {0};
	long		totals[SUM_NCOLS] = {0};
	long		deleted = 0;
	int			status = EXIT_LOADED;
	size_t		i;

	PQsetNoticeReceiver(conn, notice_receiver, &ns);
	if (!run_command(conn, "BEGIN"))
		return EXIT_USAGE;

	for (i = 0; i < files->n; i++)
	{
		const InputFile *f = &files->files[i];
		size_t		len;
		char	   *text = read_file(f, &len);
		char	   *body = text;

		if (text == NULL)
		{
			status = EXIT_REFUSED;
			break;
		}
		/* a byte-order mark is not part of the text */
		if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
			body += 3;
		if (!import_file(conn, &ns, f, (int) i, body, key_map, totals, &slugs))
			status = failure_status(conn);
		free(text);
		if (status != EXIT_LOADED)
			break;
		show_progress(i + 1, files->n, f->name, "imported");
	}
	clear_progress();

	if (status == EXIT_LOADED && opts->replace && slugs.n == 0)
	{
		report_error(NULL, "Name the files that hold the entries to keep, or empty the glossary with DELETE FROM glossary.entries.",
					 "--replace with no entry in the input would delete every entry");
		status = EXIT_REFUSED;
	}
	else if (status == EXIT_LOADED && opts->replace)
	{
		deleted = delete_missing_entries(conn, &slugs);
		if (deleted < 0)
			status = failure_status(conn);
	}

	/*
	 * Links to entries of later files were reported as unresolved while the
	 * files went in one by one; ask again now that every file is in.
	 */
	if (status == EXIT_LOADED)
	{
		long		held_count = 0;
		long		now;
		size_t		h;

		for (h = 0; h < ns.nheld; h++)
			held_count += ns.held[h].count;
		now = report_unresolved_links(conn, files, &slugs);
		if (now < 0)
			status = failure_status(conn);
		else
			totals[SUM_WARNINGS] += now - held_count;
	}

	if (status != EXIT_LOADED)
	{
		if (PQstatus(conn) == CONNECTION_OK)
			run_command(conn, "ROLLBACK");
		fprintf(stderr, "%s: nothing was loaded: ", progname);
		if (i < files->n)
			fprintf(stderr, "the load stopped at file %zu of %zu (%s) and was rolled back\n",
					i + 1, files->n, files->files[i].name);
		else
			fprintf(stderr, "the load was rolled back\n");
		return status;
	}
	if (!run_command(conn, opts->dry_run ? "ROLLBACK" : "COMMIT"))
	{
		fprintf(stderr, "%s: nothing was loaded: the commit failed\n", progname);
		return failure_status(conn);
	}
	print_summary(opts, files->n, totals, deleted);
	return EXIT_LOADED;
}

int
main(int argc, char **argv)
{
	Options		opts;
	FileList	files = {0};
	char	   *key_map;
	PGconn	   *conn;
	int			status;

	status = parse_options(argc, argv, &opts);
	if (status >= 0)
		return status;

	if (!opts.export_dir)
	{
		status = collect_files(opts.npaths, opts.paths, &files);
		if (status != EXIT_LOADED)
		{
			fprintf(stderr, "%s: nothing was loaded\n", progname);
			return status;
		}
		if (files.n == 0)
		{
			report_error(NULL, "Name .yaml, .yml, .md or .mdx files, or directories that contain some.",
						 "no .yaml, .yml, .md or .mdx files found");
			fprintf(stderr, "%s: nothing was loaded\n", progname);
			return EXIT_REFUSED;
		}
	}
	key_map = key_map_json(&opts.map);

	conn = connect_to_server(opts.conninfo, opts.password);
	if (conn == NULL)
		return EXIT_USAGE;
	if (!check_extension(conn))
	{
		PQfinish(conn);
		return EXIT_USAGE;
	}
	if (opts.export_dir)
		status = export_glossary(conn, &opts, key_map);
	else
		status = load(conn, &opts, &files, key_map);
	PQfinish(conn);
	free(key_map);
	return status;
}
