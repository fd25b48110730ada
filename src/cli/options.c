/*
 * options.c
 *	  glossary-load: the command line, and --map as the key_map argument of
 *	  the server functions.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossary_load.h"

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
char *
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

static void
usage(void)
{
	printf("%s loads glossary files into a database with the glossary extension,\n"
		   "or writes a database's glossary out as files.\n\n", progname);
	printf("Usage:\n  %s [OPTION]... PATH...\n  %s [OPTION]... --export=DIR\n\n", progname, progname);
	printf("PATH is a .yaml/.yml file (categories and entries), a .md/.mdx file (one entry;\n"
		   "the slug is the file name unless the front matter names one), or a directory,\n"
		   "walked recursively: its YAML files first, then its Markdown files, each in\n"
		   "sorted order.  Hidden files and symbolic links to directories are skipped.\n\n");
	printf("Options:\n");
	printf("  -d, --dbname=CONNINFO  database to use (a name, conninfo string or URI);\n"
		   "                         default: the PG* environment variables\n");
	printf("      --map=FROM=TO      read the front-matter key FROM as TO, e.g.\n"
		   "                         --map primary_layer=category (repeatable); with\n"
		   "                         --export, write TO as FROM\n");
	printf("      --replace          also delete entries that are not in the input; with\n"
		   "                         --export, also delete entry files not exported\n");
	printf("      --dry-run          check and report, then roll back: nothing is kept;\n"
		   "                         with --export, report what would change\n");
	printf("      --export=DIR       write categories.yaml and entries/SLUG.mdx to DIR;\n"
		   "                         files whose content is unchanged are not touched\n");
	printf("  -w, --no-password      never ask for a password\n");
	printf("  -W, --password         ask for a password before connecting\n");
	printf("  -q, --quiet            print errors and warnings only\n");
	printf("  -v, --verbose          report every file, skipped file and deleted entry\n");
	printf("  -V, --version          print the version and exit\n");
	printf("  -?, --help             print this help and exit\n\n");
	printf("Everything is loaded in one transaction: all or nothing.\n");
	printf("Exit status: 0 loaded, 1 the input was refused, 2 usage or connection error.\n");
}

static int
usage_error(const char *fmt,...)
	__attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt,...)
{
	va_list		ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry \"%s --help\" for more information.\n", progname);
	return EXIT_USAGE;
}

/*
 * Fill opts from the command line.  Returns -1 to go on, or the exit status
 * when there is nothing more to do (--help, --version, a usage error).
 */
int
parse_options(int argc, char **argv, Options *opts)
{
	static const struct option long_options[] = {
		{"dbname", required_argument, NULL, 'd'},
		{"map", required_argument, NULL, 'm'},
		{"replace", no_argument, NULL, 'r'},
		{"dry-run", no_argument, NULL, 'n'},
		{"export", required_argument, NULL, 'e'},
		{"no-password", no_argument, NULL, 'w'},
		{"password", no_argument, NULL, 'W'},
		{"quiet", no_argument, NULL, 'q'},
		{"verbose", no_argument, NULL, 'v'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, 1},
		{NULL, 0, NULL, 0}
	};
	bool		quiet = false;
	bool		verbose = false;
	bool		never = false;
	bool		always = false;
	int			c;

	memset(opts, 0, sizeof(Options));

	/* "--help" and "-?" win wherever they are, as getopt reports "?" for errors too */
	for (c = 1; c < argc && strcmp(argv[c], "--") != 0; c++)
		if (strcmp(argv[c], "--help") == 0 || strcmp(argv[c], "-?") == 0)
		{
			usage();
			return EXIT_LOADED;
		}

	while ((c = getopt_long(argc, argv, "d:qvVwW?", long_options, NULL)) != -1)
	{
		switch (c)
		{
			case 'd':
				opts->conninfo = optarg;
				break;
			case 'm':
				if (!key_map_add(&opts->map, optarg))
				{
					fprintf(stderr, "Try \"%s --help\" for more information.\n", progname);
					return EXIT_USAGE;
				}
				break;
			case 'r':
				opts->replace = true;
				break;
			case 'n':
				opts->dry_run = true;
				break;
			case 'e':
				if (optarg[0] == '\0')
					return usage_error("--export needs a directory");
				opts->export_dir = optarg;
				break;
			case 'w':
				never = true;
				break;
			case 'W':
				always = true;
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
		return usage_error("--quiet and --verbose cannot be used together");
	if (never && always)
		return usage_error("--no-password and --password cannot be used together");
	verbosity = quiet ? 0 : verbose ? 2 : 1;
	opts->password = never ? PASSWORD_NEVER : always ? PASSWORD_ALWAYS : PASSWORD_IF_ASKED;
	opts->npaths = argc - optind;
	opts->paths = argv + optind;
	if (opts->export_dir && opts->npaths > 0)
		return usage_error("--export takes no PATH: it writes the database's glossary to \"%s\"",
						   opts->export_dir);
	if (!opts->export_dir && opts->npaths == 0)
		return usage_error("no PATH given: name the .yaml, .md or .mdx files or directories to load");
	return -1;
}
