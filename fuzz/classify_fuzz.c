/*
 * classify_fuzz.c
 *	  libFuzzer harness for the release classifier's input reader and rules
 *	  (src/classify.c: release_read_facts, release_classify) and the licence
 *	  spelling normaliser and lookup (src/licences.c).
 *
 * sources: src/classify.c src/licences.c fuzz/pg_stubs.c fuzz/classify_unreachable.c
 * libs: -lpgcommon -lpgport
 *
 * The jsonb itself cannot be built without the server, so the harness
 * stands in for the jsonb iterator: the input describes a top-level value
 * and the key/value tokens JsonbIteratorNext() hands to the reader.
 *
 * Input: the first line is "o" (an object), "O" (an object, and open-data
 * licences count), "a" (an array) or "s" (a scalar).  Every further line is
 * KEY or KEY<TAB>VALUE, VALUE being n (null), t, f, # (a number), [ (an
 * array), { (an object) or "TEXT (a string; TEXT is the rest of the line).
 * Each key and string is its own exact-size malloc, not NUL-terminated, as
 * in a jsonb: reading past len is caught by ASan.
 *
 * Checked: errors are ordinary ERRORs (never XX000); the verdict is one of
 * the five; resolve_all changes no verdict; a recognised licence is found
 * again by its SPDX id, upper-cased, and with '-' written as ' '.
 */
#include "postgres.h"

#include <stdint.h>
#include <stdlib.h>

#include "utils/jsonb.h"

#include "classify.h"
#include "license.h"
#include "pg_stubs.h"

#define MAX_TOKENS 64

typedef struct FakeValue
{
	char	   *key;			/* malloc'd, exactly keylen bytes */
	int			keylen;
	JsonbValue	v;
} FakeValue;

static FakeValue values[MAX_TOKENS];
static int	nvalues;
static uint32 container_headers[2] = {JB_FARRAY, JB_FOBJECT};

/* the iterator stand-in: BEGIN_OBJECT, KEY/VALUE pairs, END_OBJECT, DONE */
static JsonbIterator the_iterator;

JsonbIterator *
JsonbIteratorInit(JsonbContainer *container)
{
	the_iterator.curIndex = -1;
	return &the_iterator;
}

JsonbIteratorToken
JsonbIteratorNext(JsonbIterator **it, JsonbValue *val, bool skipNested)
{
	int			pos = (*it)->curIndex++;

	if (pos < 0)
		return WJB_BEGIN_OBJECT;
	if (pos >= 2 * nvalues + 1)
		return WJB_DONE;
	if (pos == 2 * nvalues)
		return WJB_END_OBJECT;
	if (pos % 2 == 0)
	{
		val->type = jbvString;
		val->val.string.val = values[pos / 2].key;
		val->val.string.len = values[pos / 2].keylen;
		return WJB_KEY;
	}
	*val = values[pos / 2].v;
	return WJB_VALUE;
}

static char *
copy_exact(const char *s, int len)
{
	char	   *p = malloc(len ? len : 1);

	memcpy(p, s, len);
	return p;
}

static void
parse_input(const char *data, size_t size, uint32 *root_header, bool *open_data)
{
	const char *p = data;
	const char *end = data + size;

	nvalues = 0;
	*open_data = size > 0 && data[0] == 'O';
	*root_header = size == 0 ? JB_FOBJECT :
		data[0] == 'a' ? JB_FARRAY :
		data[0] == 's' ? (JB_FARRAY | JB_FSCALAR) : JB_FOBJECT;
	p = memchr(p, '\n', end - p);
	p = p ? p + 1 : end;
	while (p < end && nvalues < MAX_TOKENS)
	{
		const char *nl = memchr(p, '\n', end - p);
		const char *le = nl ? nl : end;
		const char *tab = memchr(p, '\t', le - p);
		FakeValue  *f = &values[nvalues++];
		const char *kend = tab ? tab : le;

		f->keylen = kend - p;
		f->key = copy_exact(p, f->keylen);
		memset(&f->v, 0, sizeof(JsonbValue));
		f->v.type = jbvNull;
		if (tab && tab + 1 < le)
		{
			const char *v = tab + 1;

			switch (*v)
			{
				case 't':
				case 'f':
					f->v.type = jbvBool;
					f->v.val.boolean = (*v == 't');
					break;
				case '#':
					f->v.type = jbvNumeric;
					break;
				case '[':
				case '{':
					f->v.type = jbvBinary;
					f->v.val.binary.data = (JsonbContainer *) &container_headers[*v == '{'];
					f->v.val.binary.len = 4;
					break;
				case '"':
					f->v.type = jbvString;
					f->v.val.string.len = le - v - 1;
					f->v.val.string.val = copy_exact(v + 1, f->v.val.string.len);
					break;
				default:
					break;
			}
		}
		p = nl ? nl + 1 : end;
	}
}

static void
free_input(void)
{
	for (int i = 0; i < nvalues; i++)
	{
		free(values[i].key);
		if (values[i].v.type == jbvString)
			free(values[i].v.val.string.val);
	}
	nvalues = 0;
}

/* a recognised spelling is found again in other writings */
static void
check_license(const char *s, int len)
{
	const LicenseInfo *info,
			   *again;
	LicenseMatch m = license_lookup(s, len, &info);
	char	   *buf;

	if (m != LICENSE_RECOGNISED)
	{
		if (info != NULL)
			abort();
		return;
	}
	if (info == NULL || info->id == NULL || info->kind > LICENSE_KIND_RESTRICTED)
		abort();
	if (license_lookup(info->id, strlen(info->id), &again) != LICENSE_RECOGNISED || again != info)
		abort();
	buf = malloc(len ? len : 1);
	for (int i = 0; i < len; i++)
		buf[i] = (s[i] >= 'a' && s[i] <= 'z') ? s[i] - 32 : s[i];
	if (license_lookup(buf, len, &again) != LICENSE_RECOGNISED || again != info)
		abort();
	for (int i = 0; i < len; i++)
		buf[i] = s[i] == '-' ? ' ' : s[i];
	if (license_lookup(buf, len, &again) != LICENSE_RECOGNISED || again != info)
		abort();
	free(buf);
}

typedef struct Run
{
	Jsonb	   *jsonb;
	bool		open_data;
} Run;

static void
run(void *arg)
{
	Run		   *r = arg;
	ReleaseFacts facts;
	Classification fast,
				full;

	release_read_facts(r->jsonb, &facts);
	release_classify(&facts, r->open_data, false, &fast);
	release_classify(&facts, r->open_data, true, &full);
	if ((int) fast.verdict < 0 || fast.verdict >= OPENNESS_COUNT || openness_label(fast.verdict) == NULL)
		abort();
	if (fast.verdict != full.verdict)
		abort();
	if (fast.weights_license.match == LICENSE_RECOGNISED && fast.weights_license.info == NULL)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Jsonb	   *jsonb = malloc(VARHDRSZ + sizeof(uint32));
	uint32		root_header;
	Run			r;

	parse_input((const char *) data, size, &root_header, &r.open_data);
	SET_VARSIZE(jsonb, VARHDRSZ + sizeof(uint32));
	memcpy(VARDATA(jsonb), &root_header, sizeof(uint32));
	r.jsonb = jsonb;
	pgstub_run(run, &r);

	for (int i = 0; i < nvalues; i++)
		if (values[i].v.type == jbvString)
			check_license(values[i].v.val.string.val, values[i].v.val.string.len);
	{
		/* the whole input as one licence string */
		char	   *copy = copy_exact((const char *) data, (int) size);

		check_license(copy, (int) size);
		free(copy);
	}
	free_input();
	free(jsonb);
	return 0;
}
