/*
 * session.c
 *	  glossary-load: the libpq connection, the server's messages, and one
 *	  import call per file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossary_load.h"

static void
format_field(Buf *b, const PGresult *res, int field, const char *label)
{
	const char *v = PQresultErrorField(res, field);

	if (v && *v)
		buf_printf(b, "%s:  %s\n", label, v);
}

/* a server message, prefixed with the file it came from; malloc'd */
char *
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

void
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

/* run a statement without parameters; false after printing the error */
bool
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

/*
 * Server notices during an import.  Unresolved-link warnings are held back
 * (the file that holds the target may come later) and counted; the others
 * are shown at once, named by the file being imported.
 */
void
notice_receiver(void *arg, const PGresult *res)
{
	NoticeState *ns = (NoticeState *) arg;
	const char *sev = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
	long		links;

	if (sev == NULL)
		sev = "NOTICE";
	if (strcmp(sev, "WARNING") == 0)
	{
		links = ns->file_index >= 0 ? unresolved_link_count(res) : 0;
		if (links > 0)
		{
			ns->held = xrealloc(ns->held, (ns->nheld + 1) * sizeof(HeldWarning));
			ns->held[ns->nheld].file = ns->file_index;
			ns->held[ns->nheld].count = links;
			ns->nheld++;
		}
		else
			print_server_message(ns->file, res, verbosity >= 2);
	}
	else if (strcmp(sev, "NOTICE") == 0 || strcmp(sev, "INFO") == 0)
	{
		if (verbosity >= 1)
			print_server_message(ns->file, res, verbosity >= 2);
	}
	else if (verbosity >= 2)
		print_server_message(ns->file, res, true);
}

static PGconn *
try_connect(const char *conninfo, const char *password)
{
	const char *keywords[5];
	const char *values[5];
	int			n = 0;

	/* a conninfo given with -d may override application_name */
	keywords[n] = "application_name";
	values[n++] = "glossary-load";
	keywords[n] = "client_encoding";
	values[n++] = "UTF8";
	if (password)
	{
		keywords[n] = "password";
		values[n++] = password;
	}
	if (conninfo)
	{
		keywords[n] = "dbname";
		values[n++] = conninfo;
	}
	keywords[n] = NULL;
	values[n] = NULL;
	return PQconnectdbParams(keywords, values, 1);
}

/*
 * Connect as psql does: when the server asks for a password and none was
 * given (no password in the conninfo, PGPASSWORD or ~/.pgpass), ask for one
 * on the terminal and try again, unless mode is PASSWORD_NEVER.
 */
PGconn *
connect_to_server(const char *conninfo, PasswordMode mode)
{
	PGconn	   *conn;
	PGresult   *res;
	char	   *password = NULL;

	if (mode == PASSWORD_ALWAYS)
	{
		password = read_password("Password: ");
		if (password == NULL)
		{
			report_error(NULL, "Run glossary-load from a terminal, or set PGPASSWORD or a password file (~/.pgpass) instead of --password.",
						 "--password: there is no terminal to ask for the password on");
			return NULL;
		}
	}
	for (;;)
	{
		conn = try_connect(conninfo, password);
		if (conn == NULL || PQstatus(conn) == CONNECTION_OK ||
			!PQconnectionNeedsPassword(conn) || password != NULL)
			break;
		/* the server wants a password and none was given */
		if (mode == PASSWORD_NEVER)
		{
			clear_progress();
			fprintf(stderr, "%s: could not connect: the server asks for a password, and --no-password forbids asking for one\n"
					"HINT:  Set PGPASSWORD, add the password to a password file (~/.pgpass), or leave out --no-password to be asked.\n",
					progname);
			PQfinish(conn);
			return NULL;
		}
		password = read_password("Password: ");
		if (password == NULL)
		{
			clear_progress();
			fprintf(stderr, "%s: could not connect: the server asks for a password, and there is no terminal to ask on\n"
					"HINT:  Set PGPASSWORD or add the password to a password file (~/.pgpass).\n",
					progname);
			PQfinish(conn);
			return NULL;
		}
		PQfinish(conn);
	}
	if (password)
	{
		memset(password, 0, strlen(password));
		free(password);
	}
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

/* is the extension there, in a version with the functions this client calls? */
bool
check_extension(PGconn *conn)
{
	PGresult   *res = PQexec(conn,
							 "SELECT pg_catalog.to_regprocedure('glossary.import_yaml_slugs(text,text,jsonb)') IS NOT NULL"
							 " AND pg_catalog.to_regprocedure('glossary.import_markdown_slugs(text,text,text,jsonb)') IS NOT NULL"
							 " AND pg_catalog.to_regprocedure('glossary.export_files(jsonb)') IS NOT NULL,"
							 " pg_catalog.current_database(),"
							 " (SELECT x.extversion FROM pg_catalog.pg_extension x WHERE x.extname OPERATOR(pg_catalog.=) 'glossary')");
	bool		ok;

	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		print_server_message(NULL, res, true);
		PQclear(res);
		return false;
	}
	ok = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	if (!ok && PQgetisnull(res, 0, 2))
		report_error(NULL, "Run CREATE EXTENSION glossary in that database first.",
					 "the glossary extension is not installed in database \"%s\"",
					 PQgetvalue(res, 0, 1));
	else if (!ok)
		report_error(NULL, "Run ALTER EXTENSION glossary UPDATE in that database first.",
					 "the glossary extension in database \"%s\" is version %s; %s %s needs 1.2 or later",
					 PQgetvalue(res, 0, 1), PQgetvalue(res, 0, 2), progname, GLOSSARY_LOAD_VERSION);
	PQclear(res);
	return ok;
}

/*
 * Import one file; adds its counts to totals and the slugs of the entries
 * the server wrote to slugs, tagged with index.
 */
bool
import_file(PGconn *conn, NoticeState *ns, const InputFile *f, int index, const char *text,
			const char *key_map, long totals[SUM_NCOLS], StrList *slugs)
{
	PGresult   *res;
	int			i;
	char	   *stem = NULL;
	char	   *list;
	char	   *slug;

	ns->file = f->name;
	ns->file_index = index;
	if (f->kind == KIND_YAML)
	{
		const char *values[3] = {text, f->name, key_map};

		res = PQexecParams(conn,
						   "SELECT s.categories, s.entries, s.aliases, s.sources, s.links, s.warnings,"
						   " pg_catalog.array_to_string(s.slugs, ' ')"
						   " FROM glossary.import_yaml_slugs($1, $2, $3::pg_catalog.jsonb) AS s",
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
						   "SELECT s.categories, s.entries, s.aliases, s.sources, s.links, s.warnings,"
						   " pg_catalog.array_to_string(s.slugs, ' ')"
						   " FROM glossary.import_markdown_slugs($1, $2, $3, $4::pg_catalog.jsonb) AS s",
						   4, NULL, values, NULL, NULL, 0);
	}
	free(stem);
	ns->file = NULL;
	ns->file_index = -1;

	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		print_server_message(f->name, res, true);
		PQclear(res);
		return false;
	}
	if (PQntuples(res) != 1 || PQnfields(res) != SUM_NCOLS + 1)
	{
		report_error(f->name, NULL, "unexpected result from the import function: %d rows, %d columns",
					 PQntuples(res), PQnfields(res));
		PQclear(res);
		return false;
	}
	for (i = 0; i < SUM_NCOLS; i++)
		if (!PQgetisnull(res, 0, i))
			totals[i] += atol(PQgetvalue(res, 0, i));
	/* slugs are lower-case letters, digits and hyphens: a space separates them */
	list = xstrdup(PQgetvalue(res, 0, SUM_NCOLS));
	for (slug = strtok(list, " "); slug != NULL; slug = strtok(NULL, " "))
		strlist_add(slugs, slug, index);
	free(list);
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
