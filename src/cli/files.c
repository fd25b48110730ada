/*
 * files.c
 *	  glossary-load: the PATH arguments become the ordered list of files to
 *	  load, and each file is read whole and checked to be UTF-8 text.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glossary_load.h"

/* classify a file by its extension; false if it is not one we load */
static bool
file_kind(const char *path, FileKind *kind)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		return false;
	if (strcasecmp(dot, ".yaml") == 0 || strcasecmp(dot, ".yml") == 0)
		*kind = KIND_YAML;
	else if (strcasecmp(dot, ".md") == 0 || strcasecmp(dot, ".mdx") == 0)
		*kind = KIND_MARKDOWN;
	else
		return false;
	return true;
}

static void
filelist_add(FileList *list, const char *path, FileKind kind, const struct stat *st)
{
	InputFile  *f;

	if (list->n == list->cap)
	{
		list->cap = list->cap ? list->cap * 2 : 64;
		list->files = xrealloc(list->files, list->cap * sizeof(InputFile));
	}
	f = &list->files[list->n++];
	f->path = xstrdup(path);
	f->name = printable_name(path);
	f->kind = kind;
	f->dev = st->st_dev;
	f->ino = st->st_ino;
	f->order = 0;
}

/*
 * Collect the loadable files under dir into yaml and markdown.  Hidden names
 * are skipped; symbolic links to files are followed, links to directories are
 * not, so a link loop cannot trap the walk.
 */
static bool
walk_directory(const char *dir, int depth, FileList *yaml, FileList *markdown)
{
	DIR		   *d;
	struct dirent *de;
	bool		ok = true;

	if (depth > MAX_DEPTH)
	{
		char	   *shown = printable_name(dir);

		report_error(shown, "Directories are walked at most 100 levels deep.",
					 "directory nesting is too deep");
		free(shown);
		return false;
	}
	d = opendir(dir);
	if (d == NULL)
	{
		char	   *shown = printable_name(dir);

		report_error(shown, NULL, "could not open directory: %s", strerror(errno));
		free(shown);
		return false;
	}
	for (;;)
	{
		struct stat st;
		char	   *child;
		char	   *shown;
		FileKind	kind;

		errno = 0;
		de = readdir(d);
		if (de == NULL)
		{
			if (errno != 0)
			{
				char	   *dshown = printable_name(dir);

				report_error(dshown, NULL, "could not read directory: %s", strerror(errno));
				free(dshown);
				ok = false;
			}
			break;
		}
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		child = join_path(dir, de->d_name);
		shown = printable_name(child);
		if (de->d_name[0] == '.')
			note("%s: hidden, skipped", shown);
		else if (lstat(child, &st) != 0)
		{
			report_error(shown, NULL, "could not stat: %s", strerror(errno));
			ok = false;
		}
		else
		{
			bool		is_link = S_ISLNK(st.st_mode);

			if (is_link && stat(child, &st) != 0)
				note("%s: broken symbolic link, skipped", shown);
			else if (S_ISDIR(st.st_mode) && is_link)
				note("%s: symbolic link to a directory, not followed", shown);
			else if (S_ISDIR(st.st_mode))
			{
				if (!walk_directory(child, depth + 1, yaml, markdown))
					ok = false;
			}
			else if (!S_ISREG(st.st_mode))
				note("%s: not a regular file, skipped", shown);
			else if (!file_kind(child, &kind))
				note("%s: not a .yaml, .yml, .md or .mdx file, skipped", shown);
			else
				filelist_add(kind == KIND_YAML ? yaml : markdown, child, kind, &st);
		}
		free(shown);
		free(child);
	}
	closedir(d);
	return ok;
}

static int
compare_paths(const void *a, const void *b)
{
	return strcmp(((const InputFile *) a)->path, ((const InputFile *) b)->path);
}

static int
compare_identity(const void *a, const void *b)
{
	const InputFile *x = *(const InputFile *const *) a;
	const InputFile *y = *(const InputFile *const *) b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return x->order < y->order ? -1 : (x->order > y->order);
}

static void
filelist_append(FileList *to, FileList *from)
{
	size_t		i;

	for (i = 0; i < from->n; i++)
	{
		if (to->n == to->cap)
		{
			to->cap = to->cap ? to->cap * 2 : 64;
			to->files = xrealloc(to->files, to->cap * sizeof(InputFile));
		}
		to->files[to->n++] = from->files[i];
	}
	free(from->files);
	from->files = NULL;
	from->n = from->cap = 0;
}

/*
 * A file reached twice (named twice, or through a link) is loaded once, at
 * its first position.
 */
static void
remove_duplicates(FileList *list)
{
	InputFile **byid;
	bool	   *drop;
	size_t		i,
				kept = 0;

	if (list->n < 2)
		return;
	byid = xmalloc(list->n * sizeof(InputFile *));
	drop = calloc(list->n, sizeof(bool));
	if (drop == NULL)
	{
		fprintf(stderr, "%s: out of memory\n", progname);
		exit(EXIT_REFUSED);
	}
	for (i = 0; i < list->n; i++)
	{
		list->files[i].order = i;
		byid[i] = &list->files[i];
	}
	qsort(byid, list->n, sizeof(InputFile *), compare_identity);
	for (i = 1; i < list->n; i++)
	{
		if (byid[i]->dev == byid[i - 1]->dev && byid[i]->ino == byid[i - 1]->ino)
		{
			note("%s: same file as %s, loaded once", byid[i]->name,
				 list->files[byid[i - 1]->order].name);
			drop[byid[i]->order] = true;
		}
	}
	for (i = 0; i < list->n; i++)
	{
		if (drop[i])
		{
			free(list->files[i].path);
			free(list->files[i].name);
		}
		else
			list->files[kept++] = list->files[i];
	}
	list->n = kept;
	free(byid);
	free(drop);
}

/*
 * Turn the PATH arguments into the ordered list of files to load.  Arguments
 * keep their order; inside a directory, YAML files (which hold categories)
 * come before Markdown entries, each group sorted by path.  Returns an exit
 * status, EXIT_LOADED when every argument was usable.
 */
int
collect_files(int npaths, char **paths, FileList *list)
{
	int			i;
	int			status = EXIT_LOADED;

	for (i = 0; i < npaths; i++)
	{
		const char *path = paths[i];
		char	   *shown = printable_name(path);
		struct stat st;
		FileKind	kind;

		if (stat(path, &st) != 0)
		{
			int			err = errno;

			report_error(shown, NULL, "could not open: %s", strerror(err));
			if (err == ENOENT || err == ENOTDIR || err == ENAMETOOLONG)
				status = EXIT_USAGE;
			else if (status == EXIT_LOADED)
				status = EXIT_REFUSED;
		}
		else if (S_ISDIR(st.st_mode))
		{
			FileList	yaml = {0},
						markdown = {0};

			if (!walk_directory(path, 0, &yaml, &markdown) && status == EXIT_LOADED)
				status = EXIT_REFUSED;
			qsort(yaml.files, yaml.n, sizeof(InputFile), compare_paths);
			qsort(markdown.files, markdown.n, sizeof(InputFile), compare_paths);
			filelist_append(list, &yaml);
			filelist_append(list, &markdown);
		}
		else if (!S_ISREG(st.st_mode))
		{
			report_error(shown, "Name a .yaml, .yml, .md or .mdx file, or a directory.",
						 "not a regular file or directory");
			status = EXIT_USAGE;
		}
		else if (!file_kind(path, &kind))
		{
			report_error(shown, "Name a .yaml, .yml, .md or .mdx file, or a directory.",
						 "unsupported file type");
			status = EXIT_USAGE;
		}
		else
			filelist_add(list, path, kind, &st);
		free(shown);
	}
	remove_duplicates(list);
	return status;
}

/* line and 1-based character column of byte offset off in buf */
static void
locate(const char *buf, size_t off, long *line, long *column)
{
	size_t		i,
				start = 0;

	*line = 1;
	for (i = 0; i < off; i++)
		if (buf[i] == '\n')
		{
			(*line)++;
			start = i + 1;
		}
	*column = 1;
	for (i = start; i < off; i++)
		if (((unsigned char) buf[i] & 0xC0) != 0x80)
			(*column)++;
}

/*
 * The server would refuse these too, but here the message can name the byte
 * offset, and a binary file is recognised before it is sent.
 */
static bool
check_text(const InputFile *f, const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *) buf;
	size_t		i = 0;
	long		line,
				column;

	while (i < len)
	{
		int			n;

		if (p[i] == '\0')
		{
			locate(buf, i, &line, &column);
			report_error(f->name, "Only text files in UTF-8 can be loaded.",
						 "file contains a NUL byte at line %ld, column %ld (byte offset %zu); it is not a text file",
						 line, column, i);
			return false;
		}
		if (p[i] < 0x80)
		{
			i++;
			continue;
		}
		n = utf8_sequence(p + i, len - i);
		if (n == 0)
		{
			locate(buf, i, &line, &column);
			report_error(f->name, "Save the file in UTF-8 encoding.",
						 "invalid UTF-8 byte 0x%02X at line %ld, column %ld (byte offset %zu)",
						 p[i], line, column, i);
			return false;
		}
		i += n;
	}
	return true;
}

/* read a whole file; NULL after reporting the problem */
char *
read_file(const InputFile *f, size_t *lenp)
{
	int			fd;
	struct stat st;
	char	   *buf;
	size_t		cap,
				len = 0;

	/* O_NONBLOCK: a FIFO swapped in for a file must not hang the load */
	fd = open(f->path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
	{
		report_error(f->name, NULL, "could not open file: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
	{
		report_error(f->name, NULL, "not a regular file");
		close(fd);
		return NULL;
	}
	if (st.st_size > MAX_FILE_BYTES)
	{
		report_error(f->name, "Split the glossary into several files.",
					 "file is too large: %lld bytes, the limit is %d bytes (64 MB)",
					 (long long) st.st_size, MAX_FILE_BYTES);
		close(fd);
		return NULL;
	}
	cap = (size_t) st.st_size + 1;
	buf = xmalloc(cap + 1);
	for (;;)
	{
		ssize_t		r;

		if (len == cap)
		{
			if (cap > MAX_FILE_BYTES)
			{
				report_error(f->name, "Split the glossary into several files.",
							 "file is too large: more than %d bytes (64 MB)", MAX_FILE_BYTES);
				free(buf);
				close(fd);
				return NULL;
			}
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
		r = read(fd, buf + len, cap - len);
		if (r < 0)
		{
			if (errno == EINTR)
				continue;
			report_error(f->name, NULL, "could not read file: %s", strerror(errno));
			free(buf);
			close(fd);
			return NULL;
		}
		if (r == 0)
			break;
		len += r;
	}
	close(fd);
	if (len > MAX_FILE_BYTES)
	{
		report_error(f->name, "Split the glossary into several files.",
					 "file is too large: more than %d bytes (64 MB)", MAX_FILE_BYTES);
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	if (!check_text(f, buf, len))
	{
		free(buf);
		return NULL;
	}
	*lenp = len;
	return buf;
}

