/*
 * glossary_load.c
 *	  glossary-load: load YAML and Markdown/MDX glossary files into a database
 *	  through glossary.import_yaml and glossary.import_markdown.
 *
 * Files are read here, on the client, and sent as query parameters; the
 * server never touches the file system.  Every file goes into one
 * transaction, so a load is all or nothing.
 *
 * Exit status: 0 loaded, 1 the input was refused, 2 usage or connection error.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libpq-fe.h>
#include <yaml.h>

#define GLOSSARY_LOAD_VERSION "1.0"

#define EXIT_LOADED		0
#define EXIT_REFUSED	1
#define EXIT_USAGE		2

/* one file may hold at most this many bytes */
#define MAX_FILE_BYTES	(64 * 1024 * 1024)
/* directories nested deeper than this are refused rather than walked */
#define MAX_DEPTH		100
/* without a terminal, progress is reported every this many files */
#define PROGRESS_EVERY	100

typedef enum FileKind
{
	KIND_YAML,
	KIND_MARKDOWN
} FileKind;

typedef struct InputFile
{
	char	   *path;			/* as passed to open() */
	char	   *name;			/* printable UTF-8 form: shown and sent as source_name */
	FileKind	kind;
	dev_t		dev;
	ino_t		ino;
	size_t		order;			/* position in the load, for de-duplication */
} InputFile;

typedef struct FileList
{
	InputFile  *files;
	size_t		n;
	size_t		cap;
} FileList;

/* strings, each tagged with the index of the file it came from */
typedef struct StrList
{
	char	  **items;
	int		   *tags;
	size_t		n;
	size_t		cap;
} StrList;

/* a server warning about unresolved links, held back until every file is in */
typedef struct HeldWarning
{
	int			file;
	long		count;			/* link targets it names */
	char	   *text;			/* as it would have been printed */
} HeldWarning;

typedef struct KeyMap
{
	char	  **from;
	char	  **to;
	size_t		n;
} KeyMap;

/* column order of glossary.import_summary */
enum
{
	SUM_CATEGORIES,
	SUM_ENTRIES,
	SUM_ALIASES,
	SUM_SOURCES,
	SUM_LINKS,
	SUM_WARNINGS,
	SUM_NCOLS
};

static const char *progname = "glossary-load";

/* 0 quiet, 1 normal, 2 verbose */
static int	verbosity = 1;

/* the file being imported, named in the server's notices */
static const char *current_file = NULL;
static int	current_file_index = -1;

/* unresolved-link warnings of the imports, checked again at the end */
static HeldWarning *held = NULL;
static size_t nheld = 0;

/* a progress line is on the terminal and must be erased before other output */
static bool progress_on_tty = false;

/* ---------------------------------------------------------------------------
 * Small utilities
 * ---------------------------------------------------------------------------
 */

static void *
xmalloc(size_t size)
{
	void	   *p = malloc(size ? size : 1);

	if (p == NULL)
	{
		fprintf(stderr, "%s: out of memory\n", progname);
		exit(EXIT_REFUSED);
	}
	return p;
}

static void *
xrealloc(void *old, size_t size)
{
	void	   *p = realloc(old, size ? size : 1);

	if (p == NULL)
	{
		fprintf(stderr, "%s: out of memory\n", progname);
		exit(EXIT_REFUSED);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t		len = strlen(s);
	char	   *p = xmalloc(len + 1);

	memcpy(p, s, len + 1);
	return p;
}

static void
strlist_add(StrList *list, const char *s, int tag)
{
	if (list->n == list->cap)
	{
		list->cap = list->cap ? list->cap * 2 : 64;
		list->items = xrealloc(list->items, list->cap * sizeof(char *));
		list->tags = xrealloc(list->tags, list->cap * sizeof(int));
	}
	list->tags[list->n] = tag;
	list->items[list->n++] = xstrdup(s);
}

/* "1 entry", "2 entries": a few strings at a time, from a small ring of buffers */
static const char *
count_noun(long n, const char *one, const char *many)
{
	static char ring[8][64];
	static int	next = 0;
	char	   *buf = ring[next];

	next = (next + 1) % 8;
	snprintf(buf, sizeof(ring[0]), "%ld %s", n, n == 1 ? one : many);
	return buf;
}

/* erase a progress line before anything else goes to stderr */
static void
clear_progress(void)
{
	if (progress_on_tty)
	{
		fputs("\r\033[K", stderr);
		progress_on_tty = false;
	}
}

static void
note(const char *fmt,...)
	__attribute__((format(printf, 1, 2)));

/* a remark shown only with --verbose */
static void
note(const char *fmt,...)
{
	va_list		ap;

	if (verbosity < 2)
		return;
	clear_progress();
	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void
report_error(const char *file, const char *hint, const char *fmt,...)
	__attribute__((format(printf, 3, 4)));

/* "glossary-load: FILE: ERROR:  message" and an optional HINT line */
static void
report_error(const char *file, const char *hint, const char *fmt,...)
{
	va_list		ap;

	clear_progress();
	fprintf(stderr, "%s: ", progname);
	if (file)
		fprintf(stderr, "%s: ", file);
	fputs("ERROR:  ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (hint)
		fprintf(stderr, "HINT:  %s\n", hint);
}

/*
 * Length of the valid UTF-8 sequence at p (1 to 4), or 0 if the bytes there
 * are not one: overlong forms, surrogates and code points above U+10FFFF are
 * refused, as PostgreSQL refuses them.
 */
static int
utf8_sequence(const unsigned char *p, size_t avail)
{
	unsigned char c = p[0];
	int			n,
				i;

	if (c < 0x80)
		return 1;
	else if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	else
		return 0;
	if (avail < (size_t) n)
		return 0;
	for (i = 1; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	if (c == 0xE0 && p[1] < 0xA0)
		return 0;
	if (c == 0xED && p[1] >= 0xA0)
		return 0;
	if (c == 0xF0 && p[1] < 0x90)
		return 0;
	if (c == 0xF4 && p[1] >= 0x90)
		return 0;
	return n;
}

static bool
is_valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		len = strlen(s);
	size_t		i = 0;

	while (i < len)
	{
		int			n = utf8_sequence(p + i, len - i);

		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

/*
 * A file name as shown to the user and sent to the server as source_name:
 * valid UTF-8 is kept, control characters and stray bytes become \xNN, so a
 * hostile name can neither break a message line nor the client encoding.
 */
static char *
printable_name(const char *s)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		len = strlen(s);
	char	   *out = xmalloc(len * 4 + 1);
	char	   *o = out;
	size_t		i = 0;

	while (i < len)
	{
		int			n = utf8_sequence(p + i, len - i);

		if (n > 1 || (n == 1 && p[i] >= 0x20 && p[i] != 0x7F))
		{
			memcpy(o, p + i, n);
			o += n;
			i += n;
		}
		else
		{
			o += sprintf(o, "\\x%02X", p[i]);
			i++;
		}
	}
	*o = '\0';
	return out;
}

/* the file name of a path without its directory and extension */
static char *
file_stem(const char *name)
{
	const char *base = strrchr(name, '/');
	const char *dot;
	char	   *stem;

	base = base ? base + 1 : name;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		dot = base + strlen(base);
	stem = xmalloc(dot - base + 1);
	memcpy(stem, base, dot - base);
	stem[dot - base] = '\0';
	return stem;
}

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

/* ---------------------------------------------------------------------------
 * Finding the input files
 * ---------------------------------------------------------------------------
 */

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

static char *
join_path(const char *dir, const char *name)
{
	size_t		dlen = strlen(dir);
	size_t		nlen = strlen(name);
	char	   *p = xmalloc(dlen + nlen + 2);

	memcpy(p, dir, dlen);
	if (dlen == 0 || dir[dlen - 1] != '/')
		p[dlen++] = '/';
	memcpy(p + dlen, name, nlen + 1);
	return p;
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
static int
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

/* ---------------------------------------------------------------------------
 * Reading a file
 * ---------------------------------------------------------------------------
 */

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
static char *
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

/* ---------------------------------------------------------------------------
 * --map: the key_map argument
 * ---------------------------------------------------------------------------
 */

/* append s to buf as the inside of a JSON string */
static void
json_string(char **buf, size_t *len, size_t *cap, const char *s)
{
	for (;;)
	{
		char		piece[8];
		const char *add;
		size_t		alen;
		unsigned char c = (unsigned char) *s;

		if (c == '\0')
			break;
		if (c == '"')
			add = "\\\"";
		else if (c == '\\')
			add = "\\\\";
		else if (c < 0x20)
		{
			snprintf(piece, sizeof(piece), "\\u%04x", c);
			add = piece;
		}
		else
		{
			piece[0] = (char) c;
			piece[1] = '\0';
			add = piece;
		}
		alen = strlen(add);
		while (*len + alen + 1 > *cap)
		{
			*cap *= 2;
			*buf = xrealloc(*buf, *cap);
		}
		memcpy(*buf + *len, add, alen + 1);
		*len += alen;
		s++;
	}
}

static void
json_append(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t		slen = strlen(s);

	while (*len + slen + 1 > *cap)
	{
		*cap *= 2;
		*buf = xrealloc(*buf, *cap);
	}
	memcpy(*buf + *len, s, slen + 1);
	*len += slen;
}

/* {"from": "to", ...} with JSON escaping */
static char *
key_map_json(const KeyMap *map)
{
	size_t		cap = 64,
				len = 0;
	char	   *buf = xmalloc(cap);
	size_t		i;

	buf[0] = '\0';
	json_append(&buf, &len, &cap, "{");
	for (i = 0; i < map->n; i++)
	{
		if (i > 0)
			json_append(&buf, &len, &cap, ", ");
		json_append(&buf, &len, &cap, "\"");
		json_string(&buf, &len, &cap, map->from[i]);
		json_append(&buf, &len, &cap, "\": \"");
		json_string(&buf, &len, &cap, map->to[i]);
		json_append(&buf, &len, &cap, "\"");
	}
	json_append(&buf, &len, &cap, "}");
	return buf;
}

/* parse one --map FROM=TO; false after a usage message */
static bool
key_map_add(KeyMap *map, const char *arg)
{
	const char *eq = strchr(arg, '=');
	size_t		i;
	char	   *from;

	if (!is_valid_utf8(arg))
	{
		fprintf(stderr, "%s: --map argument is not valid UTF-8\n", progname);
		return false;
	}
	if (eq == NULL || eq == arg || eq[1] == '\0')
	{
		fprintf(stderr, "%s: --map needs FROM=TO with two non-empty keys, got \"%s\"\n",
				progname, arg);
		return false;
	}
	from = xmalloc(eq - arg + 1);
	memcpy(from, arg, eq - arg);
	from[eq - arg] = '\0';
	for (i = 0; i < map->n; i++)
		if (strcmp(map->from[i], from) == 0)
		{
			fprintf(stderr, "%s: --map %s= is given twice\n", progname, from);
			free(from);
			return false;
		}
	map->from = xrealloc(map->from, (map->n + 1) * sizeof(char *));
	map->to = xrealloc(map->to, (map->n + 1) * sizeof(char *));
	map->from[map->n] = from;
	map->to[map->n] = xstrdup(eq + 1);
	map->n++;
	return true;
}

/* the key a document key stands for once --map is applied */
static const char *
mapped_key(const KeyMap *map, const char *key)
{
	size_t		i;

	for (i = 0; i < map->n; i++)
		if (strcmp(map->from[i], key) == 0)
			return map->to[i];
	return key;
}

/* ---------------------------------------------------------------------------
 * --replace: which entry slugs the input holds
 *
 * The import functions return counts, not slugs, so the slugs are read here
 * with libyaml: the "slug" of each item under "entries" in a YAML file, the
 * front matter's "slug" (or the file name) for Markdown.  After the imports
 * the server checks this list against what it imported (same count, every
 * slug present), so a disagreement refuses the load instead of deleting
 * entries that were in the input.
 * ---------------------------------------------------------------------------
 */

static yaml_node_t *
mapping_get(yaml_document_t *doc, yaml_node_t *mapping, const KeyMap *map, const char *key)
{
	yaml_node_pair_t *pair;

	if (mapping == NULL || mapping->type != YAML_MAPPING_NODE)
		return NULL;
	for (pair = mapping->data.mapping.pairs.start;
		 pair < mapping->data.mapping.pairs.top; pair++)
	{
		yaml_node_t *k = yaml_document_get_node(doc, pair->key);

		if (k && k->type == YAML_SCALAR_NODE &&
			strcmp(mapped_key(map, (const char *) k->data.scalar.value), key) == 0)
			return yaml_document_get_node(doc, pair->value);
	}
	return NULL;
}

/* load one YAML document; false if libyaml cannot */
static bool
yaml_load(const char *text, size_t len, yaml_document_t *doc)
{
	yaml_parser_t parser;
	bool		ok;

	if (!yaml_parser_initialize(&parser))
		return false;
	yaml_parser_set_input_string(&parser, (const unsigned char *) text, len);
	ok = yaml_parser_load(&parser, doc) != 0;
	yaml_parser_delete(&parser);
	return ok;
}

static bool
yaml_entry_slugs(const char *text, size_t len, const KeyMap *map, int file, StrList *slugs)
{
	yaml_document_t doc;
	yaml_node_t *root,
			   *entries;
	yaml_node_item_t *item;
	bool		ok = true;

	if (!yaml_load(text, len, &doc))
		return false;
	root = yaml_document_get_root_node(&doc);
	entries = mapping_get(&doc, root, map, "entries");
	if (entries != NULL && entries->type == YAML_SEQUENCE_NODE)
	{
		for (item = entries->data.sequence.items.start;
			 item < entries->data.sequence.items.top; item++)
		{
			yaml_node_t *slug = mapping_get(&doc, yaml_document_get_node(&doc, *item), map, "slug");

			if (slug == NULL || slug->type != YAML_SCALAR_NODE)
			{
				ok = false;
				break;
			}
			strlist_add(slugs, (const char *) slug->data.scalar.value, file);
		}
	}
	else if (entries != NULL && !(entries->type == YAML_SCALAR_NODE &&
								  entries->data.scalar.length == 0))
		ok = false;
	yaml_document_delete(&doc);
	return ok;
}

/* end of the line starting at p: the newline or the end of the text */
static const char *
line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', end - p);

	return nl ? nl : end;
}

/* is [p, e) a front-matter fence "---", ignoring trailing blanks and CR? */
static bool
is_fence(const char *p, const char *e)
{
	if (e - p < 3 || strncmp(p, "---", 3) != 0)
		return false;
	for (p += 3; p < e; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return false;
	return true;
}

static bool
markdown_slug(const InputFile *f, const char *text, size_t len, const KeyMap *map, int file,
			  StrList *slugs)
{
	const char *end = text + len;
	const char *p = text;
	const char *e = line_end(p, end);
	char	   *stem = file_stem(f->name);
	bool		ok = true;

	if (is_fence(p, e) && e < end)
	{
		const char *fm = e + 1;
		const char *q = fm;

		while (q < end && !is_fence(q, line_end(q, end)))
		{
			q = line_end(q, end);
			if (q < end)
				q++;
		}
		if (q < end)
		{
			yaml_document_t doc;

			if (!yaml_load(fm, q - fm, &doc))
				ok = false;
			else
			{
				yaml_node_t *slug = mapping_get(&doc, yaml_document_get_root_node(&doc), map, "slug");

				if (slug != NULL && slug->type == YAML_SCALAR_NODE)
				{
					strlist_add(slugs, (const char *) slug->data.scalar.value, file);
					yaml_document_delete(&doc);
					free(stem);
					return true;
				}
				yaml_document_delete(&doc);
			}
		}
	}
	if (ok)
		strlist_add(slugs, stem, file);
	free(stem);
	return ok;
}

/* ---------------------------------------------------------------------------
 * Talking to the server
 * ---------------------------------------------------------------------------
 */

/* a growing string */
typedef struct Buf
{
	char	   *data;
	size_t		len;
	size_t		cap;
} Buf;

static void
buf_printf(Buf *b, const char *fmt,...)
	__attribute__((format(printf, 2, 3)));

static void
buf_printf(Buf *b, const char *fmt,...)
{
	for (;;)
	{
		va_list		ap;
		int			n;

		if (b->cap - b->len < 64 || b->data == NULL)
		{
			b->cap = b->cap ? b->cap * 2 : 256;
			b->data = xrealloc(b->data, b->cap);
		}
		va_start(ap, fmt);
		n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if ((size_t) n < b->cap - b->len)
		{
			b->len += n;
			return;
		}
		b->cap = b->len + n + 256;
		b->data = xrealloc(b->data, b->cap);
	}
}

static void
format_field(Buf *b, const PGresult *res, int field, const char *label)
{
	const char *v = PQresultErrorField(res, field);

	if (v && *v)
		buf_printf(b, "%s:  %s\n", label, v);
}

/* a server message, prefixed with the file it came from; malloc'd */
static char *
format_server_message(const char *file, const PGresult *res, bool with_context)
{
	const char *sev = PQresultErrorField(res, PG_DIAG_SEVERITY);
	const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	Buf			b = {0};

	buf_printf(&b, "%s: ", progname);
	if (file)
		buf_printf(&b, "%s: ", file);
	if (msg == NULL)
	{
		/* not from the server: libpq's own text (lost connection and such) */
		buf_printf(&b, "%s", PQresultErrorMessage(res));
		return b.data;
	}
	buf_printf(&b, "%s:  %s\n", sev ? sev : "ERROR", msg);
	format_field(&b, res, PG_DIAG_MESSAGE_DETAIL, "DETAIL");
	format_field(&b, res, PG_DIAG_MESSAGE_HINT, "HINT");
	if (with_context)
		format_field(&b, res, PG_DIAG_CONTEXT, "CONTEXT");
	return b.data;
}

static void
print_server_message(const char *file, const PGresult *res, bool with_context)
{
	char	   *text = format_server_message(file, res, with_context);

	clear_progress();
	fputs(text, stderr);
	free(text);
}

/*
 * The number of link targets an unresolved-link warning of the import
 * functions names, or 0 if the warning is another one.  Such a warning says
 * what the database held when that one file was imported: a link to an entry
 * of a later file shows up too.  They are held back and checked again once
 * every file is in (report_unresolved_links).
 */
static long
unresolved_link_count(const PGresult *res)
{
	const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	char	   *rest;
	long		n;

	if (msg == NULL)
		return 0;
	n = strtol(msg, &rest, 10);
	if (rest == msg || n <= 0)
		return 0;
	if (strcmp(rest, " link target does not resolve to an entry") != 0 &&
		strcmp(rest, " link targets do not resolve to an entry") != 0)
		return 0;
	return n;
}

static void
notice_receiver(void *arg, const PGresult *res)
{
	const char *sev = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
	long		links;

	(void) arg;
	if (sev == NULL)
		sev = "NOTICE";
	if (strcmp(sev, "WARNING") == 0)
	{
		links = current_file_index >= 0 ? unresolved_link_count(res) : 0;
		if (links > 0)
		{
			held = xrealloc(held, (nheld + 1) * sizeof(HeldWarning));
			held[nheld].file = current_file_index;
			held[nheld].count = links;
			held[nheld].text = format_server_message(current_file, res, verbosity >= 2);
			nheld++;
		}
		else
			print_server_message(current_file, res, verbosity >= 2);
	}
	else if (strcmp(sev, "NOTICE") == 0 || strcmp(sev, "INFO") == 0)
	{
		if (verbosity >= 1)
			print_server_message(current_file, res, verbosity >= 2);
	}
	else if (verbosity >= 2)
		print_server_message(current_file, res, true);
}

/* run a statement without parameters; false after printing the error */
static bool
run_command(PGconn *conn, const char *sql)
{
	PGresult   *res = PQexec(conn, sql);
	bool		ok = PQresultStatus(res) == PGRES_COMMAND_OK ||
		PQresultStatus(res) == PGRES_TUPLES_OK;

	if (!ok)
		print_server_message(NULL, res, true);
	PQclear(res);
	return ok;
}

static PGconn *
connect_to_server(const char *conninfo)
{
	const char *keywords[4];
	const char *values[4];
	int			n = 0;
	PGconn	   *conn;
	PGresult   *res;

	/* a conninfo given with -d may override application_name */
	keywords[n] = "application_name";
	values[n++] = "glossary-load";
	keywords[n] = "client_encoding";
	values[n++] = "UTF8";
	if (conninfo)
	{
		keywords[n] = "dbname";
		values[n++] = conninfo;
	}
	keywords[n] = NULL;
	values[n] = NULL;

	conn = PQconnectdbParams(keywords, values, 1);
	if (conn == NULL || PQstatus(conn) != CONNECTION_OK)
	{
		clear_progress();
		fprintf(stderr, "%s: could not connect: %s", progname,
				conn ? PQerrorMessage(conn) : "out of memory\n");
		PQfinish(conn);
		return NULL;
	}
	/* the files are UTF-8 whatever the conninfo says */
	if (PQsetClientEncoding(conn, "UTF8") != 0)
	{
		fprintf(stderr, "%s: could not set the client encoding to UTF8: %s", progname,
				PQerrorMessage(conn));
		PQfinish(conn);
		return NULL;
	}
	/* every name below is schema-qualified; nothing resolves through the user's path */
	res = PQexec(conn, "SELECT pg_catalog.set_config('search_path', '', false)");
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		print_server_message(NULL, res, true);
		PQclear(res);
		PQfinish(conn);
		return NULL;
	}
	PQclear(res);
	return conn;
}

/* is the extension there, with the functions this client calls? */
static bool
check_extension(PGconn *conn)
{
	PGresult   *res = PQexec(conn,
							 "SELECT pg_catalog.to_regprocedure('glossary.import_yaml(text,text,jsonb)') IS NOT NULL"
							 " AND pg_catalog.to_regprocedure('glossary.import_markdown(text,text,text,jsonb)') IS NOT NULL,"
							 " pg_catalog.current_database()");
	bool		ok;

	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		print_server_message(NULL, res, true);
		PQclear(res);
		return false;
	}
	ok = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	if (!ok)
		report_error(NULL, "Run CREATE EXTENSION glossary in that database first.",
					 "the glossary extension is not installed in database \"%s\"",
					 PQgetvalue(res, 0, 1));
	PQclear(res);
	return ok;
}

/* import one file; adds its import_summary to totals */
static bool
import_file(PGconn *conn, const InputFile *f, int index, const char *text, const char *key_map,
			long totals[SUM_NCOLS])
{
	PGresult   *res;
	int			i;
	char	   *stem = NULL;

	current_file = f->name;
	current_file_index = index;
	if (f->kind == KIND_YAML)
	{
		const char *values[3] = {text, f->name, key_map};

		res = PQexecParams(conn,
						   "SELECT * FROM glossary.import_yaml($1, $2, $3::pg_catalog.jsonb)",
						   3, NULL, values, NULL, NULL, 0);
	}
	else
	{
		const char *values[4];

		stem = file_stem(f->name);
		values[0] = stem;
		values[1] = text;
		values[2] = f->name;
		values[3] = key_map;
		res = PQexecParams(conn,
						   "SELECT * FROM glossary.import_markdown($1, $2, $3, $4::pg_catalog.jsonb)",
						   4, NULL, values, NULL, NULL, 0);
	}
	free(stem);
	current_file = NULL;
	current_file_index = -1;

	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		print_server_message(f->name, res, true);
		PQclear(res);
		return false;
	}
	if (PQntuples(res) != 1 || PQnfields(res) < SUM_NCOLS)
	{
		report_error(f->name, NULL, "unexpected result from the import function: %d rows, %d columns",
					 PQntuples(res), PQnfields(res));
		PQclear(res);
		return false;
	}
	for (i = 0; i < SUM_NCOLS; i++)
		if (!PQgetisnull(res, 0, i))
			totals[i] += atol(PQgetvalue(res, 0, i));
	/* warnings are left out: unresolved links are counted once all files are in */
	if (verbosity >= 2)
		note("%s: %s, %s, %s, %s, %s", f->name,
			 count_noun(atol(PQgetvalue(res, 0, SUM_CATEGORIES)), "category", "categories"),
			 count_noun(atol(PQgetvalue(res, 0, SUM_ENTRIES)), "entry", "entries"),
			 count_noun(atol(PQgetvalue(res, 0, SUM_ALIASES)), "alias", "aliases"),
			 count_noun(atol(PQgetvalue(res, 0, SUM_SOURCES)), "source", "sources"),
			 count_noun(atol(PQgetvalue(res, 0, SUM_LINKS)), "link", "links"));
	PQclear(res);
	return true;
}

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
static long
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
 * --replace: delete the entries the input does not hold.  Returns the number
 * deleted, or -1 after reporting why nothing was.
 */
static long
delete_missing_entries(PGconn *conn, const StrList *slugs, long imported)
{
	char	   *array = array_literal(slugs);
	const char *values[1] = {array};
	PGresult   *res;
	long		deleted;
	int			i;

	res = PQexecParams(conn,
					   "SELECT pg_catalog.count(*) FROM pg_catalog.unnest($1::pg_catalog.text[]) AS s(slug)"
					   " WHERE NOT EXISTS (SELECT FROM glossary.entries AS e"
					   " WHERE e.slug OPERATOR(pg_catalog.=) s.slug)",
					   1, NULL, values, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		print_server_message(NULL, res, true);
		PQclear(res);
		free(array);
		return -1;
	}
	if ((long) slugs->n != imported || atol(PQgetvalue(res, 0, 0)) != 0)
	{
		report_error(NULL, "Load without --replace, or report this as a bug of glossary-load.",
					 "--replace could not tell which entries the input holds: "
					 "the files name %zu entries, the server imported %ld, %s of the names are not in the database",
					 slugs->n, imported, PQgetvalue(res, 0, 0));
		PQclear(res);
		free(array);
		return -1;
	}
	PQclear(res);

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

static void
show_progress(size_t done, size_t total, const char *name)
{
	if (verbosity < 1 || total < 2)
		return;
	if (isatty(STDERR_FILENO) && verbosity < 2)
	{
		size_t		len = strlen(name);

		/* a long name would wrap, and \r could not erase it: show its end */
		if (len > 50)
		{
			name += len - 47;
			while (((unsigned char) *name & 0xC0) == 0x80)
				name++;
			fprintf(stderr, "\r\033[K%s: %zu/%zu ...%s", progname, done, total, name);
		}
		else
			fprintf(stderr, "\r\033[K%s: %zu/%zu %s", progname, done, total, name);
		fflush(stderr);
		progress_on_tty = true;
	}
	else if (!isatty(STDERR_FILENO) && done % PROGRESS_EVERY == 0 && done < total)
		fprintf(stderr, "%s: %zu of %zu files imported\n", progname, done, total);
}

/* ---------------------------------------------------------------------------
 * Command line
 * ---------------------------------------------------------------------------
 */

static void
usage(void)
{
	printf("%s loads glossary files into a database with the glossary extension.\n\n", progname);
	printf("Usage:\n  %s [OPTION]... PATH...\n\n", progname);
	printf("PATH is a .yaml/.yml file (categories and entries), a .md/.mdx file (one entry;\n"
		   "the slug is the file name unless the front matter names one), or a directory,\n"
		   "walked recursively: its YAML files first, then its Markdown files, each in\n"
		   "sorted order.  Hidden files and symbolic links to directories are skipped.\n\n");
	printf("Options:\n");
	printf("  -d, --dbname=CONNINFO  database to load into (a name, conninfo string or URI);\n"
		   "                         default: the PG* environment variables\n");
	printf("      --map=FROM=TO      read the front-matter key FROM as TO, e.g.\n"
		   "                         --map primary_layer=category (repeatable)\n");
	printf("      --replace          also delete entries that are not in the input\n");
	printf("      --dry-run          check and report, then roll back: nothing is kept\n");
	printf("  -q, --quiet            print errors and warnings only\n");
	printf("  -v, --verbose          report every file, skipped file and deleted entry\n");
	printf("  -V, --version          print the version and exit\n");
	printf("  -?, --help             print this help and exit\n\n");
	printf("Everything is loaded in one transaction: all or nothing.\n");
	printf("Exit status: 0 loaded, 1 the input was refused, 2 usage or connection error.\n");
}

static void
usage_error(const char *fmt,...)
	__attribute__((format(printf, 1, 2)));

static void
usage_error(const char *fmt,...)
{
	va_list		ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry \"%s --help\" for more information.\n", progname);
	exit(EXIT_USAGE);
}

int
main(int argc, char **argv)
{
	static const struct option long_options[] = {
		{"dbname", required_argument, NULL, 'd'},
		{"map", required_argument, NULL, 'm'},
		{"replace", no_argument, NULL, 'r'},
		{"dry-run", no_argument, NULL, 'n'},
		{"quiet", no_argument, NULL, 'q'},
		{"verbose", no_argument, NULL, 'v'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, 1},
		{NULL, 0, NULL, 0}
	};
	const char *conninfo = NULL;
	KeyMap		map = {0};
	bool		replace = false;
	bool		dry_run = false;
	bool		quiet = false;
	bool		verbose = false;
	int			c;
	int			status;
	char	   *key_map;
	FileList	files = {0};
	StrList		slugs = {0};
	bool		slugs_ok = true;
	long		totals[SUM_NCOLS] = {0};
	long		deleted = 0;
	PGconn	   *conn;
	size_t		i;

	/* "--help" and "-?" win wherever they are, as getopt reports "?" for errors too */
	for (c = 1; c < argc && strcmp(argv[c], "--") != 0; c++)
		if (strcmp(argv[c], "--help") == 0 || strcmp(argv[c], "-?") == 0)
		{
			usage();
			return EXIT_LOADED;
		}

	while ((c = getopt_long(argc, argv, "d:qvV?", long_options, NULL)) != -1)
	{
		switch (c)
		{
			case 'd':
				conninfo = optarg;
				break;
			case 'm':
				if (!key_map_add(&map, optarg))
				{
					fprintf(stderr, "Try \"%s --help\" for more information.\n", progname);
					return EXIT_USAGE;
				}
				break;
			case 'r':
				replace = true;
				break;
			case 'n':
				dry_run = true;
				break;
			case 'q':
				quiet = true;
				break;
			case 'v':
				verbose = true;
				break;
			case 'V':
				printf("%s (glossary) %s\n", progname, GLOSSARY_LOAD_VERSION);
				return EXIT_LOADED;
			default:
				fprintf(stderr, "Try \"%s --help\" for more information.\n", progname);
				return EXIT_USAGE;
		}
	}
	if (quiet && verbose)
		usage_error("--quiet and --verbose cannot be used together");
	verbosity = quiet ? 0 : verbose ? 2 : 1;
	if (optind >= argc)
		usage_error("no PATH given: name the .yaml, .md or .mdx files or directories to load");

	status = collect_files(argc - optind, argv + optind, &files);
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
	key_map = key_map_json(&map);

	conn = connect_to_server(conninfo);
	if (conn == NULL)
		return EXIT_USAGE;
	PQsetNoticeReceiver(conn, notice_receiver, NULL);
	if (!check_extension(conn))
	{
		PQfinish(conn);
		return EXIT_USAGE;
	}
	if (!run_command(conn, "BEGIN"))
	{
		PQfinish(conn);
		return EXIT_USAGE;
	}

	status = EXIT_LOADED;
	for (i = 0; i < files.n; i++)
	{
		const InputFile *f = &files.files[i];
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
		{
			body += 3;
			len -= 3;
		}
		if (!import_file(conn, f, (int) i, body, key_map, totals))
			status = PQstatus(conn) == CONNECTION_OK ? EXIT_REFUSED : EXIT_USAGE;
		else if (slugs_ok)
		{
			slugs_ok = f->kind == KIND_YAML ?
				yaml_entry_slugs(body, len, &map, (int) i, &slugs) :
				markdown_slug(f, body, len, &map, (int) i, &slugs);
			if (!slugs_ok && replace)
			{
				report_error(f->name, "Load without --replace, or report this as a bug of glossary-load.",
							 "--replace could not read the entry slugs of this file");
				status = EXIT_REFUSED;
			}
		}
		free(text);
		if (status != EXIT_LOADED)
			break;
		show_progress(i + 1, files.n, f->name);
	}
	clear_progress();

	if (status == EXIT_LOADED && replace && totals[SUM_ENTRIES] == 0)
	{
		report_error(NULL, "Name the files that hold the entries to keep, or empty the glossary with DELETE FROM glossary.entries.",
					 "--replace with no entry in the input would delete every entry");
		status = EXIT_REFUSED;
	}
	else if (status == EXIT_LOADED && replace)
	{
		deleted = delete_missing_entries(conn, &slugs, totals[SUM_ENTRIES]);
		if (deleted < 0)
			status = PQstatus(conn) == CONNECTION_OK ? EXIT_REFUSED : EXIT_USAGE;
	}

	/*
	 * Links to entries of later files were reported as unresolved while the
	 * files went in one by one; ask again now.  Without a trustworthy list of
	 * the imported slugs, show the warnings as the server gave them.
	 */
	if (status == EXIT_LOADED)
	{
		long		held_count = 0;
		size_t		h;

		for (h = 0; h < nheld; h++)
			held_count += held[h].count;
		if (slugs_ok && (long) slugs.n == totals[SUM_ENTRIES])
		{
			long		now = report_unresolved_links(conn, &files, &slugs);

			if (now < 0)
				status = PQstatus(conn) == CONNECTION_OK ? EXIT_REFUSED : EXIT_USAGE;
			else
				totals[SUM_WARNINGS] += now - held_count;
		}
		else
		{
			for (h = 0; h < nheld; h++)
				fputs(held[h].text, stderr);
		}
	}

	if (status != EXIT_LOADED)
	{
		if (PQstatus(conn) == CONNECTION_OK)
			run_command(conn, "ROLLBACK");
		fprintf(stderr, "%s: nothing was loaded: ", progname);
		if (i < files.n)
			fprintf(stderr, "the load stopped at file %zu of %zu (%s) and was rolled back\n",
					i + 1, files.n, files.files[i].name);
		else
			fprintf(stderr, "the load was rolled back\n");
		PQfinish(conn);
		return status;
	}

	if (!run_command(conn, dry_run ? "ROLLBACK" : "COMMIT"))
	{
		fprintf(stderr, "%s: nothing was loaded: the commit failed\n", progname);
		status = PQstatus(conn) == CONNECTION_OK ? EXIT_REFUSED : EXIT_USAGE;
		PQfinish(conn);
		return status;
	}
	PQfinish(conn);

	if (verbosity >= 1)
	{
		printf("%s: %s %s: %s, %s, %s, %s, %s, %s",
			   progname, dry_run ? "dry run, nothing kept; checked" : "loaded",
			   count_noun((long) files.n, "file", "files"),
			   count_noun(totals[SUM_CATEGORIES], "category", "categories"),
			   count_noun(totals[SUM_ENTRIES], "entry", "entries"),
			   count_noun(totals[SUM_ALIASES], "alias", "aliases"),
			   count_noun(totals[SUM_SOURCES], "source", "sources"),
			   count_noun(totals[SUM_LINKS], "link", "links"),
			   count_noun(totals[SUM_WARNINGS], "warning", "warnings"));
		if (replace)
			printf(", %s deleted", count_noun(deleted, "entry", "entries"));
		printf("\n");
	}
	return EXIT_LOADED;
}
