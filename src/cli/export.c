/*
 * export.c
 *	  glossary-load --export DIR: the files glossary.export_files() returns
 *	  (categories.yaml, entries/SLUG.mdx), written under DIR.
 *
 * The server writes every byte of YAML; this file only checks the paths it
 * returns and puts the files in place.  A file whose content is already
 * what the export holds is left untouched (same bytes, same mtime), so an
 * export of unchanged data changes nothing a version-control tool sees.  A
 * file is replaced by writing a temporary file next to it and renaming it,
 * so a reader never sees half a file.  Entry files (.md, .mdx) under
 * DIR/entries that the export did not write are reported, and deleted with
 * --replace, so that loading DIR gives what the database holds.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glossary_load.h"

typedef enum WriteResult
{
	WRITE_FAILED,
	WRITE_UNCHANGED,
	WRITE_DONE
} WriteResult;

/* the only paths export_files returns: categories.yaml and entries/SLUG.mdx */
static bool
expected_path(const char *path)
{
	const char *p;

	if (strcmp(path, "categories.yaml") == 0)
		return true;
	if (strncmp(path, "entries/", 8) != 0)
		return false;
	for (p = path + 8; *p && *p != '.'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return p > path + 8 && strcmp(p, ".mdx") == 0;
}

static bool
make_dir(const char *path)
{
	struct stat st;

	if (mkdir(path, 0777) == 0)
		return true;
	if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return true;
	if (errno == EEXIST)
		errno = ENOTDIR;
	{
		char	   *shown = printable_name(path);

		report_error(shown, NULL, "could not create directory: %s", strerror(errno));
		free(shown);
	}
	return false;
}

/* does the file at path hold exactly content? */
static bool
same_content(const char *path, const char *content, size_t len)
{
	int			fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	char	   *buf;
	size_t		got = 0;
	bool		same = false;

	if (fd < 0)
		return false;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t) st.st_size == len)
	{
		buf = xmalloc(len + 1);
		while (got < len)
		{
			ssize_t		r = read(fd, buf + got, len - got);

			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			got += r;
		}
		same = got == len && memcmp(buf, content, len) == 0;
		free(buf);
	}
	close(fd);
	return same;
}

static WriteResult
write_file(const char *path, const char *content, bool dry_run)
{
	size_t		len = strlen(content);
	char	   *tmp;
	char	   *shown;
	int			fd;
	size_t		done = 0;
	WriteResult result = WRITE_DONE;

	if (same_content(path, content, len))
		return WRITE_UNCHANGED;
	if (dry_run)
		return WRITE_DONE;

	tmp = xmalloc(strlen(path) + 32);
	sprintf(tmp, "%s.tmp%ld", path, (long) getpid());
	shown = printable_name(path);
	/* O_EXCL: never write through a link someone left under the temporary name */
	(void) unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY | O_CLOEXEC, 0666);
	if (fd < 0)
	{
		report_error(shown, NULL, "could not create file: %s", strerror(errno));
		result = WRITE_FAILED;
	}
	while (result != WRITE_FAILED && done < len)
	{
		ssize_t		w = write(fd, content + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
		{
			report_error(shown, NULL, "could not write file: %s", w < 0 ? strerror(errno) : "no space written");
			result = WRITE_FAILED;
		}
		else
			done += w;
	}
	if (fd >= 0 && close(fd) != 0 && result != WRITE_FAILED)
	{
		report_error(shown, NULL, "could not write file: %s", strerror(errno));
		result = WRITE_FAILED;
	}
	if (result != WRITE_FAILED && rename(tmp, path) != 0)
	{
		report_error(shown, NULL, "could not replace file: %s", strerror(errno));
		result = WRITE_FAILED;
	}
	if (result == WRITE_FAILED && fd >= 0)
		unlink(tmp);
	free(tmp);
	free(shown);
	return result;
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* the entry files in DIR/entries that the export does not write, sorted */
static void
find_stale(const char *entries_dir, const StrList *names, StrList *stale)
{
	DIR		   *d = opendir(entries_dir);
	struct dirent *de;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL)
	{
		const char *dot = strrchr(de->d_name, '.');
		char		key[300];

		if (de->d_name[0] == '.' || dot == NULL ||
			(strcmp(dot, ".mdx") != 0 && strcmp(dot, ".md") != 0))
			continue;
		snprintf(key, sizeof(key), "entries/%s", de->d_name);
		if (bsearch(&(const char *) {key}, names->items, names->n, sizeof(char *), compare_strings) == NULL)
			strlist_add(stale, de->d_name, 0);
	}
	closedir(d);
	if (stale->n > 0)
		qsort(stale->items, stale->n, sizeof(char *), compare_strings);
}

/*
 * Report the stale files, and delete them with --replace.  Returns the
 * number deleted (or to delete, in a dry run), or -1 after an error.
 */
static long
remove_stale(const char *entries_dir, const StrList *stale, const Options *opts)
{
	long		removed = 0;
	size_t		i;

	for (i = 0; i < stale->n; i++)
	{
		char	   *path = join_path(entries_dir, stale->items[i]);
		char	   *shown = printable_name(path);

		if (!opts->replace)
		{
			clear_progress();
			fprintf(stderr, "%s: %s: WARNING:  this file is not part of the export; it was left as it is\n",
					progname, shown);
		}
		else if (opts->dry_run)
		{
			note("%s: would be deleted: it is not part of the export", shown);
			removed++;
		}
		else if (unlink(path) != 0)
		{
			report_error(shown, NULL, "could not delete file: %s", strerror(errno));
			removed = -1;
		}
		else
		{
			note("%s: deleted: it is not part of the export", shown);
			removed++;
		}
		free(shown);
		free(path);
		if (removed < 0)
			break;
	}
	if (!opts->replace && stale->n > 0)
		fprintf(stderr, "HINT:  Loading the directory would load these files too; export with --replace to delete them.\n");
	return removed;
}

int
export_glossary(PGconn *conn, const Options *opts, const char *key_map)
{
	const char *values[1] = {key_map};
	PGresult   *res;
	char	   *entries_dir;
	char	   *shown_dir = printable_name(opts->export_dir);
	StrList		names = {0};
	StrList		stale = {0};
	long		nwritten = 0,
				unchanged = 0,
				removed = 0;
	int			i,
				n;
	int			status = EXIT_LOADED;

	res = PQexecParams(conn,
					   "SELECT f.name, f.content FROM glossary.export_files($1::pg_catalog.jsonb) AS f"
					   " ORDER BY f.name COLLATE pg_catalog.\"C\"",
					   1, NULL, values, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		print_server_message(NULL, res, true);
		PQclear(res);
		free(shown_dir);
		return EXIT_REFUSED;
	}
	n = PQntuples(res);
	for (i = 0; i < n; i++)
		if (!expected_path(PQgetvalue(res, i, 0)))
		{
			char	   *shown = printable_name(PQgetvalue(res, i, 0));

			report_error(NULL, "Report this as a bug of glossary-load or the glossary extension.",
						 "the server returned the unexpected path \"%s\"; nothing was written", shown);
			free(shown);
			PQclear(res);
			free(shown_dir);
			return EXIT_REFUSED;
		}

	/* the names, in the order the query gave (C order): sorted for bsearch */
	for (i = 0; i < n; i++)
		strlist_add(&names, PQgetvalue(res, i, 0), 0);
	entries_dir = join_path(opts->export_dir, "entries");
	find_stale(entries_dir, &names, &stale);
	if (opts->replace && n < 2 && stale.n > 0)
	{
		char	   *shown = printable_name(entries_dir);

		report_error(shown, "Export into an empty directory, or delete the files yourself.",
					 "--replace with no entry in the database would delete every entry file; nothing was written");
		free(shown);
		status = EXIT_REFUSED;
	}
	else if (!opts->dry_run && (!make_dir(opts->export_dir) || !make_dir(entries_dir)))
		status = EXIT_REFUSED;
	for (i = 0; i < n && status == EXIT_LOADED; i++)
	{
		char	   *full = join_path(opts->export_dir, PQgetvalue(res, i, 0));

		switch (write_file(full, PQgetvalue(res, i, 1), opts->dry_run))
		{
			case WRITE_FAILED:
				status = EXIT_REFUSED;
				break;
			case WRITE_UNCHANGED:
				unchanged++;
				break;
			case WRITE_DONE:
				{
					char	   *shown = printable_name(full);

					note("%s: %s", shown, opts->dry_run ? "would be written" : "written");
					free(shown);
					nwritten++;
				}
				break;
		}
		free(full);
		show_progress(i + 1, n, PQgetvalue(res, i, 0), "exported");
	}
	clear_progress();
	PQclear(res);
	if (status == EXIT_LOADED)
	{
		removed = remove_stale(entries_dir, &stale, opts);
		if (removed < 0)
			status = EXIT_REFUSED;
	}
	free(entries_dir);

	if (status != EXIT_LOADED)
		fprintf(stderr, "%s: the export to %s stopped; files written before the error were kept\n",
				progname, shown_dir);
	else if (verbosity >= 1)
	{
		printf("%s: %s %s to %s: %s, %s",
			   progname, opts->dry_run ? "dry run, nothing written; checked" : "exported",
			   count_noun(n, "file", "files"), shown_dir,
			   count_noun(nwritten, opts->dry_run ? "to write" : "written",
						  opts->dry_run ? "to write" : "written"),
			   count_noun(unchanged, "unchanged", "unchanged"));
		if (opts->replace)
			printf(", %s", count_noun(removed, opts->dry_run ? "to delete" : "deleted",
									  opts->dry_run ? "to delete" : "deleted"));
		printf("\n");
	}
	free(shown_dir);
	return status;
}
