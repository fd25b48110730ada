/*
 * pg_stubs.c
 *	  Just enough of the PostgreSQL backend for the fuzz harnesses: palloc
 *	  and friends, ereport as longjmp, List, a string-keyed hash table,
 *	  Levenshtein distance and the UTF-8-only encoding functions.
 *
 * Written for fuzzing, not speed: every chunk is its own malloc, hash
 * lookups are linear.  See pg_stubs.h.
 */
#include "postgres.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/pg_list.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/varlena.h"

#include "pg_stubs.h"

PgStubError pgstub_error;
long		pgstub_alloc_count;
long		pgstub_fail_alloc_at;

sigjmp_buf *PG_exception_stack = NULL;
ErrorContextCallback *error_context_stack = NULL;
MemoryContext CurrentMemoryContext = NULL;

/* CHECK_FOR_INTERRUPTS(): nothing ever interrupts a harness */
volatile sig_atomic_t InterruptPending = false;

void
ProcessInterrupts(void)
{
}

/* ---- memory ---- */

typedef struct Chunk
{
	struct Chunk *prev;
	struct Chunk *next;
	size_t		size;
	size_t		pad;			/* keeps the data 16-byte aligned */
} Chunk;

static Chunk chunks = {&chunks, &chunks, 0, 0};

static void raise_error(int elevel, int sqlerrcode, const char *fmt,...) pg_attribute_printf(3, 4);

static void
link_chunk(Chunk *c)
{
	c->next = chunks.next;
	c->prev = &chunks;
	chunks.next->prev = c;
	chunks.next = c;
}

static void
unlink_chunk(Chunk *c)
{
	c->prev->next = c->next;
	c->next->prev = c->prev;
}

static void *
alloc_chunk(Size size, bool huge, bool zero)
{
	Chunk	   *c;

	if (!(huge ? AllocHugeSizeIsValid(size) : AllocSizeIsValid(size)))
		raise_error(ERROR, ERRCODE_INTERNAL_ERROR, "invalid memory alloc request size %zu", size);
	if (++pgstub_alloc_count == pgstub_fail_alloc_at)
		raise_error(ERROR, ERRCODE_OUT_OF_MEMORY, "out of memory (injected)");
	c = malloc(sizeof(Chunk) + (size ? size : 1));
	if (c == NULL)
		raise_error(ERROR, ERRCODE_OUT_OF_MEMORY, "out of memory");
	c->size = size;
	link_chunk(c);
	if (zero)
		memset(c + 1, 0, size);
	return c + 1;
}

void
pgstub_reset(void)
{
	while (chunks.next != &chunks)
	{
		Chunk	   *c = chunks.next;

		unlink_chunk(c);
		free(c);
	}
}

void *
palloc(Size size)
{
	return alloc_chunk(size, false, false);
}

void *
palloc0(Size size)
{
	return alloc_chunk(size, false, true);
}

void *
palloc_extended(Size size, int flags)
{
	return alloc_chunk(size, (flags & MCXT_ALLOC_HUGE) != 0, (flags & MCXT_ALLOC_ZERO) != 0);
}

void *
MemoryContextAlloc(MemoryContext context, Size size)
{
	return alloc_chunk(size, false, false);
}

void *
MemoryContextAllocZero(MemoryContext context, Size size)
{
	return alloc_chunk(size, false, true);
}

void *
MemoryContextAllocExtended(MemoryContext context, Size size, int flags)
{
	return palloc_extended(size, flags);
}

void *
MemoryContextAllocHuge(MemoryContext context, Size size)
{
	return alloc_chunk(size, true, false);
}

static void *
realloc_chunk(void *pointer, Size size, bool huge)
{
	Chunk	   *old = (Chunk *) pointer - 1;
	void	   *p = alloc_chunk(size, huge, false);

	memcpy(p, pointer, Min(old->size, size));
	unlink_chunk(old);
	free(old);
	return p;
}

void *
repalloc(void *pointer, Size size)
{
	return realloc_chunk(pointer, size, false);
}

void *
repalloc_huge(void *pointer, Size size)
{
	return realloc_chunk(pointer, size, true);
}

void
pfree(void *pointer)
{
	Chunk	   *c = (Chunk *) pointer - 1;

	unlink_chunk(c);
	free(c);
}

char *
pstrdup(const char *in)
{
	return pnstrdup(in, strlen(in));
}

char *
MemoryContextStrdup(MemoryContext context, const char *string)
{
	return pstrdup(string);
}

char *
pnstrdup(const char *in, Size len)
{
	char	   *out;

	len = strnlen(in, len);
	out = palloc(len + 1);
	memcpy(out, in, len);
	out[len] = '\0';
	return out;
}

/* ---- errors ---- */

static int	cur_elevel;

static void
format_into(char *buf, size_t size, const char *fmt, va_list ap)
{
	vsnprintf(buf, size, fmt, ap);
}

bool
errstart(int elevel, const char *domain)
{
	if (elevel < ERROR)
		return false;			/* notices and warnings are dropped */
	cur_elevel = elevel;
	/* an ERROR without errcode() is an internal error, as in the server */
	pgstub_error.sqlerrcode = ERRCODE_INTERNAL_ERROR;
	pgstub_error.message[0] = '\0';
	pgstub_error.ncontext = 0;
	return true;
}

bool
errstart_cold(int elevel, const char *domain)
{
	return errstart(elevel, domain);
}

int
errcode(int sqlerrcode)
{
	pgstub_error.sqlerrcode = sqlerrcode;
	return 0;
}

int
errmsg(const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	format_into(pgstub_error.message, sizeof(pgstub_error.message), fmt, ap);
	va_end(ap);
	return 0;
}

int
errmsg_internal(const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	format_into(pgstub_error.message, sizeof(pgstub_error.message), fmt, ap);
	va_end(ap);
	return 0;
}

/* detail, hint and context are formatted (to catch bad arguments) and dropped */
#define FORMAT_AND_DROP(fmt) \
	do { \
		char		buf_[512]; \
		va_list		ap_; \
		va_start(ap_, fmt); \
		format_into(buf_, sizeof(buf_), fmt, ap_); \
		va_end(ap_); \
	} while (0)

int
errdetail(const char *fmt,...)
{
	FORMAT_AND_DROP(fmt);
	return 0;
}

int
errdetail_internal(const char *fmt,...)
{
	FORMAT_AND_DROP(fmt);
	return 0;
}

int
errhint(const char *fmt,...)
{
	FORMAT_AND_DROP(fmt);
	return 0;
}

int
errcontext_msg(const char *fmt,...)
{
	FORMAT_AND_DROP(fmt);
	return 0;
}

int
set_errcontext_domain(const char *domain)
{
	return 0;
}

int
errposition(int cursorpos)
{
	return 0;
}

void
errfinish(const char *filename, int lineno, const char *funcname)
{
	ErrorContextCallback *cb;

	/* the context callbacks run, as they would for the server's message */
	for (cb = error_context_stack; cb != NULL; cb = cb->previous)
	{
		cb->callback(cb->arg);
		pgstub_error.ncontext++;
	}
	if (cur_elevel >= FATAL)
	{
		fprintf(stderr, "pg_stubs: %s at %s:%d: %s\n",
				cur_elevel == FATAL ? "FATAL" : "PANIC", filename, lineno, pgstub_error.message);
		abort();
	}
	if (pgstub_error.sqlerrcode == ERRCODE_INTERNAL_ERROR)
	{
		fprintf(stderr, "pg_stubs: internal error (XX000) reachable from input at %s:%d (%s): %s\n",
				filename, lineno, funcname, pgstub_error.message);
		abort();
	}
	pg_re_throw();
}

void
pg_re_throw(void)
{
	if (PG_exception_stack == NULL)
	{
		fprintf(stderr, "pg_stubs: ERROR outside pgstub_run: %s\n", pgstub_error.message);
		abort();
	}
	siglongjmp(*PG_exception_stack, 1);
}

static void
raise_error(int elevel, int sqlerrcode, const char *fmt,...)
{
	va_list		ap;

	errstart(elevel, NULL);
	errcode(sqlerrcode);
	va_start(ap, fmt);
	format_into(pgstub_error.message, sizeof(pgstub_error.message), fmt, ap);
	va_end(ap);
	errfinish(__FILE__, __LINE__, __func__);
}

bool
pgstub_run(void (*fn) (void *arg), void *arg)
{
	sigjmp_buf	jb;
	sigjmp_buf *volatile save_stack = PG_exception_stack;
	ErrorContextCallback *volatile save_context = error_context_stack;
	volatile bool ok = true;

	pgstub_alloc_count = 0;
	PG_exception_stack = &jb;
	if (sigsetjmp(jb, 0) == 0)
		fn(arg);
	else
		ok = false;
	PG_exception_stack = save_stack;
	error_context_stack = save_context;
	pgstub_fail_alloc_at = 0;
	pgstub_reset();
	return ok;
}

/* ---- lists: PostgreSQL 15's array-based List ---- */

List *
lappend(List *list, void *datum)
{
	if (list == NIL)
	{
		list = palloc(offsetof(List, initial_elements));
		list->type = T_List;
		list->length = 0;
		list->max_length = 4;
		list->elements = palloc(sizeof(ListCell) * list->max_length);
	}
	else if (list->length >= list->max_length)
	{
		list->max_length *= 2;
		list->elements = repalloc(list->elements, sizeof(ListCell) * list->max_length);
	}
	list->elements[list->length++].ptr_value = datum;
	return list;
}

/* ---- hash tables: string or binary keys, linear search ---- */

struct HTAB
{
	Size		keysize;
	Size		entrysize;
	bool		strings;
	int			n;
	int			cap;
	char	  **entries;
};

HTAB *
hash_create(const char *tabname, long nelem, const HASHCTL *info, int flags)
{
	HTAB	   *h = palloc0(sizeof(HTAB));

	if (!(flags & HASH_ELEM) || !(flags & (HASH_STRINGS | HASH_BLOBS)))
		raise_error(ERROR, ERRCODE_INTERNAL_ERROR, "pg_stubs: hash_create flags %d not supported", flags);
	h->keysize = info->keysize;
	h->entrysize = info->entrysize;
	h->strings = (flags & HASH_STRINGS) != 0;
	return h;
}

static bool
key_equal(HTAB *h, const char *a, const char *b)
{
	if (h->strings)
		return strncmp(a, b, h->keysize - 1) == 0;
	return memcmp(a, b, h->keysize) == 0;
}

void *
hash_search(HTAB *h, const void *keyPtr, HASHACTION action, bool *foundPtr)
{
	char	   *e;

	for (int i = 0; i < h->n; i++)
		if (key_equal(h, h->entries[i], keyPtr))
		{
			if (foundPtr)
				*foundPtr = true;
			if (action == HASH_REMOVE)
			{
				e = h->entries[i];
				h->entries[i] = h->entries[--h->n];
				return e;
			}
			return h->entries[i];
		}
	if (foundPtr)
		*foundPtr = false;
	if (action == HASH_FIND || action == HASH_REMOVE)
		return NULL;
	if (h->n >= h->cap)
	{
		h->cap = Max(16, 2 * h->cap);
		h->entries = h->entries ? repalloc(h->entries, h->cap * sizeof(char *)) :
			palloc(h->cap * sizeof(char *));
	}
	e = palloc0(h->entrysize);
	if (h->strings)
		strlcpy(e, keyPtr, h->keysize);
	else
		memcpy(e, keyPtr, h->keysize);
	h->entries[h->n++] = e;
	return e;
}

void
hash_destroy(HTAB *h)
{
	for (int i = 0; i < h->n; i++)
		pfree(h->entries[i]);
	if (h->entries)
		pfree(h->entries);
	pfree(h);
}

/* ---- text ---- */

/* byte-wise edit distance (the server's counts characters; close enough for hints) */
int
varstr_levenshtein(const char *source, int slen, const char *target, int tlen,
				   int ins_c, int del_c, int sub_c, bool trusted)
{
	int		   *prev = palloc((tlen + 1) * sizeof(int));
	int		   *cur = palloc((tlen + 1) * sizeof(int));
	int			d;

	for (int j = 0; j <= tlen; j++)
		prev[j] = j * ins_c;
	for (int i = 1; i <= slen; i++)
	{
		int		   *t;

		cur[0] = i * del_c;
		for (int j = 1; j <= tlen; j++)
		{
			int			best = prev[j] + del_c;

			best = Min(best, cur[j - 1] + ins_c);
			best = Min(best, prev[j - 1] + (source[i - 1] == target[j - 1] ? 0 : sub_c));
			cur[j] = best;
		}
		t = prev;
		prev = cur;
		cur = t;
	}
	d = prev[tlen];
	pfree(prev);
	pfree(cur);
	return d;
}

int
GetDatabaseEncoding(void)
{
	return PG_UTF8;
}

/* the database is UTF-8: nothing to convert */
char *
pg_any_to_server(const char *s, int len, int encoding)
{
	return (char *) s;
}

char *
pg_server_to_any(const char *s, int len, int encoding)
{
	return (char *) s;
}

int
pg_mblen(const char *mbstr)
{
	return pg_utf_mblen((const unsigned char *) mbstr);
}

/* characters in mbstr[0..len); the server's input is valid UTF-8, but stop at the end anyway */
int
pg_mbstrlen_with_len(const char *mbstr, int len)
{
	int			n = 0;

	while (len > 0 && *mbstr)
	{
		int			l = pg_mblen(mbstr);

		if (l > len)
			l = len;
		mbstr += l;
		len -= l;
		n++;
	}
	return n;
}

int
pg_mbstrlen(const char *mbstr)
{
	return pg_mbstrlen_with_len(mbstr, strlen(mbstr));
}

/* bytes of the first limit bytes of mbstr[0..len) that end at a character boundary */
int
pg_mbcliplen(const char *mbstr, int len, int limit)
{
	int			clen = 0;

	while (len > 0 && *mbstr)
	{
		int			l = pg_mblen(mbstr);

		if (clen + l > limit)
			break;
		clen += l;
		if (clen == limit)
			break;
		len -= l;
		mbstr += l;
	}
	return clen;
}

bool
pgstub_valid_text(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		int			l;

		if (s[i] == '\0')
			return false;
		l = pg_utf_mblen((const unsigned char *) s + i);
		if (i + l > len || !pg_utf8_islegal((const unsigned char *) s + i, l))
			return false;
		i += l;
	}
	return true;
}
