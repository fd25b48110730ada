/*
 * glossary_load.h
 *	  glossary-load: load glossary files into a database, or export a
 *	  database's glossary as files.  The server reads and writes every YAML
 *	  text (glossary.import_*_slugs, glossary.export_files); this client
 *	  walks directories, moves bytes and reports.
 *
 *	main.c		the load and the export, step by step
 *	options.c	command-line arguments and --map
 *	files.c		finding and reading the input files
 *	session.c	the libpq connection, server messages, one import call
 *	password.c	asking for a password on the terminal
 *	checks.c	after the imports: links left unresolved, --replace
 *	export.c	--export: the files the server returns, written to a directory
 *	report.c	progress, notes, errors and the summary line
 *	util.c		memory, strings and UTF-8
 */
#ifndef GLOSSARY_LOAD_H
#define GLOSSARY_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <libpq-fe.h>

#define GLOSSARY_LOAD_VERSION "1.3"

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

/* a growing string */
typedef struct Buf
{
	char	   *data;
	size_t		len;
	size_t		cap;
} Buf;

typedef struct KeyMap
{
	char	  **from;
	char	  **to;
	size_t		n;
} KeyMap;

typedef enum PasswordMode
{
	PASSWORD_IF_ASKED,			/* prompt when the server asks and none is given */
	PASSWORD_NEVER,				/* -w, --no-password */
	PASSWORD_ALWAYS				/* -W, --password */
} PasswordMode;

typedef struct Options
{
	const char *conninfo;
	KeyMap		map;
	bool		replace;
	bool		dry_run;
	const char *export_dir;		/* --export DIR, or NULL to load */
	PasswordMode password;
	int			npaths;
	char	  **paths;
} Options;

/* column order of the import functions' results */
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

/* a server warning about unresolved links, held back until every file is in */
typedef struct HeldWarning
{
	int			file;
	long		count;			/* link targets it names */
} HeldWarning;

/* what the notice receiver needs: the file being imported, the held warnings */
typedef struct NoticeState
{
	const char *file;
	int			file_index;
	HeldWarning *held;
	size_t		nheld;
} NoticeState;

extern const char *progname;
extern int	verbosity;			/* 0 quiet, 1 normal, 2 verbose */

/* util.c */
extern void *xmalloc(size_t size);
extern void *xrealloc(void *old, size_t size);
extern char *xstrdup(const char *s);
extern void strlist_add(StrList *list, const char *s, int tag);
extern void buf_printf(Buf *b, const char *fmt,...) __attribute__((format(printf, 2, 3)));
extern int	utf8_sequence(const unsigned char *p, size_t avail);
extern bool is_valid_utf8(const char *s);
extern char *printable_name(const char *s);
extern char *file_stem(const char *name);
extern char *join_path(const char *dir, const char *name);

/* report.c */
extern void clear_progress(void);
extern void note(const char *fmt,...) __attribute__((format(printf, 1, 2)));
extern void report_error(const char *file, const char *hint, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));
extern const char *count_noun(long n, const char *one, const char *many);
extern void show_progress(size_t done, size_t total, const char *name, const char *verb);

/* options.c */
extern int	parse_options(int argc, char **argv, Options *opts);
extern char *key_map_json(const KeyMap *map);

/* files.c */
extern int	collect_files(int npaths, char **paths, FileList *list);
extern char *read_file(const InputFile *f, size_t *lenp);

/* password.c */
extern char *read_password(const char *prompt);

/* session.c */
extern PGconn *connect_to_server(const char *conninfo, PasswordMode mode);
extern bool check_extension(PGconn *conn);
extern bool run_command(PGconn *conn, const char *sql);
extern char *format_server_message(const char *file, const PGresult *res, bool with_context);
extern void print_server_message(const char *file, const PGresult *res, bool with_context);
extern void notice_receiver(void *arg, const PGresult *res);
extern bool import_file(PGconn *conn, NoticeState *ns, const InputFile *f, int index,
						const char *text, const char *key_map, long totals[SUM_NCOLS],
						StrList *slugs);

/* checks.c */
extern long report_unresolved_links(PGconn *conn, const FileList *files, const StrList *slugs);
extern long delete_missing_entries(PGconn *conn, const StrList *slugs);

/* export.c */
extern int	export_glossary(PGconn *conn, const Options *opts, const char *key_map);

#endif							/* GLOSSARY_LOAD_H */
