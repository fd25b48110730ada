/*
 * pg_stubs.h
 *	  A tiny stand-in for the parts of the PostgreSQL backend that the
 *	  extension's parsers call, so libFuzzer harnesses can run them alone.
 *
 * palloc gives every chunk its own malloc (so ASan sees overruns that a
 * real memory context would hide) and remembers it; pgstub_run() frees
 * what is left afterwards, as a memory context reset would.  ereport(ERROR)
 * longjmps back to pgstub_run().  Anything libyaml or the code mallocs
 * itself and does not free is reported by LeakSanitizer.
 *
 * Link with fuzz/pg_stubs.c and PostgreSQL's frontend libpgcommon.a and
 * libpgport.a (wchar, stringinfo, psprintf, snprintf, qsort).
 */
#ifndef GLOSSARY_PG_STUBS_H
#define GLOSSARY_PG_STUBS_H

#include <stdbool.h>
#include <stddef.h>

/* the last ERROR raised inside pgstub_run */
typedef struct PgStubError
{
	int			sqlerrcode;
	char		message[512];
	int			ncontext;		/* error context callbacks that ran */
} PgStubError;

extern PgStubError pgstub_error;

/* pallocs made since the last pgstub_run started */
extern long pgstub_alloc_count;

/* make the n-th palloc (1-based) of the next pgstub_run raise out of memory; 0: never */
extern long pgstub_fail_alloc_at;

/*
 * Run fn(arg) as if in a transaction: returns true when it finished, false
 * when it raised an ERROR (then pgstub_error says which).  Every palloc'd
 * chunk is freed before returning.  An ERROR with SQLSTATE XX000 (an elog()
 * that a user can reach), FATAL or PANIC aborts the process: that is a bug.
 */
extern bool pgstub_run(void (*fn) (void *arg), void *arg);

/* free every palloc'd chunk now (as MemoryContextReset would) */
extern void pgstub_reset(void);

/* true when s[0..len) is valid UTF-8 without a zero byte (what a text value holds) */
extern bool pgstub_valid_text(const char *s, size_t len);

#endif							/* GLOSSARY_PG_STUBS_H */
