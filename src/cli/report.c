/*
 * report.c
 *	  glossary-load: what the user sees besides server messages: a progress
 *	  line, remarks for --verbose, client-side errors.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "glossary_load.h"

const char *progname = "glossary-load";

int			verbosity = 1;

/* a progress line is on the terminal and must be erased before other output */
static bool progress_on_tty = false;

/* "1 entry", "2 entries": a few strings at a time, from a small ring of buffers */
const char *
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
void
clear_progress(void)
{
	if (progress_on_tty)
	{
		fputs("\r\033[K", stderr);
		progress_on_tty = false;
	}
}

/* a remark shown only with --verbose */
void
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

/* "glossary-load: FILE: ERROR:  message" and an optional HINT line */
void
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

void
show_progress(size_t done, size_t total, const char *name, const char *verb)
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
		fprintf(stderr, "%s: %zu of %zu files %s\n", progname, done, total, verb);
}
