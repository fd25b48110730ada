/*
 * password.c
 *	  glossary-load: ask for a password on the terminal, as psql does, with
 *	  PostgreSQL's own simple_prompt() (libpgcommon).
 *
 * The only file of glossary-load built against PostgreSQL's frontend
 * headers: postgres_fe.h redefines much of the C environment.
 */
#include "postgres_fe.h"

#include <fcntl.h>
#include <unistd.h>

#include "common/string.h"

#include "glossary_load.h"

/*
 * The password typed on the terminal, malloc'd, or NULL when there is no
 * terminal: a script without one gets an error, never a read from stdin.
 */
char *
read_password(const char *prompt)
{
	int			fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	close(fd);
	clear_progress();
	return simple_prompt(prompt, false);
}
