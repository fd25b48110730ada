/*
 * yaml_jsonb_fuzz.c
 *	  libFuzzer harness for glossary.yaml_to_jsonb's C half
 *	  (src/yaml_jsonb.c: yaml_to_jsonb_text) on the loader's YAML reader
 *	  (src/yaml_tree.c), with the backend stubbed by fuzz/pg_stubs.c.
 *
 * sources: src/yaml_tree.c src/yaml_jsonb.c fuzz/pg_stubs.c
 * libs: -lyaml -lpgcommon -lpgport
 *
 * The jsonb builder and numeric_in need the server, so this file stands in
 * for them: pushJsonbValue() records the token stream and checks it (begin
 * and end balanced, a key before each object value, strings that are valid
 * text of exactly their length, numbers that a decimal reader accepts
 * whole), and the number of values pushed must equal the number of nodes of
 * the same document parsed alone.  Checked besides: no crash, no
 * out-of-bounds access (ASan), no leak of libyaml's parser (LeakSanitizer),
 * errors are ordinary ERRORs (never XX000).  Each input runs a second time
 * with an out-of-memory ERROR injected at one of its pallocs.
 */
#include "postgres.h"

#include <stdint.h>
#include <stdlib.h>

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"

#include "pg_stubs.h"
#include "yaml_jsonb.h"
#include "yaml_tree.h"

typedef struct Input
{
	const char *data;
	size_t		len;
} Input;

/* ---- stand-ins for the jsonb builder and the numeric functions ---- */

#define MAX_NEST (YAML_TREE_MAX_DEPTH + 2)

static struct
{
	int			depth;
	char		kind[MAX_NEST];	/* 'a' array, 'o' object */
	bool		want_value[MAX_NEST];	/* object: a key was pushed */
	long		values;			/* scalars and containers pushed */
	bool		done;
} jb;

static JsonbValue result_value;

static void
check_scalar(const JsonbValue *v)
{
	switch (v->type)
	{
		case jbvNull:
		case jbvBool:
			break;
		case jbvString:
			if (v->val.string.len < 0 || (v->val.string.len > 0 && v->val.string.val == NULL) ||
				!pgstub_valid_text(v->val.string.val, v->val.string.len))
				abort();
			break;
		case jbvNumeric:
			if (v->val.numeric == NULL)
				abort();
			break;
		default:
			abort();
	}
}

JsonbValue *
pushJsonbValue(JsonbParseState **pstate, JsonbIteratorToken seq, JsonbValue *jbval)
{
	(void) pstate;
	if (jb.done)
		abort();
	switch (seq)
	{
		case WJB_BEGIN_ARRAY:
		case WJB_BEGIN_OBJECT:
			if (jb.depth > 0 && jb.kind[jb.depth - 1] == 'o' && !jb.want_value[jb.depth - 1])
				abort();		/* an object member without a key */
			if (jb.depth > 0 && jb.kind[jb.depth - 1] == 'o')
				jb.want_value[jb.depth - 1] = false;
			if (jb.depth >= MAX_NEST)
				abort();
			jb.kind[jb.depth] = seq == WJB_BEGIN_ARRAY ? 'a' : 'o';
			jb.want_value[jb.depth] = false;
			jb.depth++;
			jb.values++;
			return NULL;
		case WJB_END_ARRAY:
		case WJB_END_OBJECT:
			if (jb.depth == 0 || jb.kind[jb.depth - 1] != (seq == WJB_END_ARRAY ? 'a' : 'o') ||
				jb.want_value[jb.depth - 1])
				abort();
			if (--jb.depth == 0)
			{
				jb.done = true;
				return &result_value;
			}
			return NULL;
		case WJB_KEY:
			if (jb.depth == 0 || jb.kind[jb.depth - 1] != 'o' || jb.want_value[jb.depth - 1] ||
				jbval == NULL || jbval->type != jbvString)
				abort();
			check_scalar(jbval);
			jb.want_value[jb.depth - 1] = true;
			return NULL;
		case WJB_VALUE:
			if (jb.depth == 0 || jb.kind[jb.depth - 1] != 'o' || !jb.want_value[jb.depth - 1] || jbval == NULL)
				abort();
			check_scalar(jbval);
			jb.want_value[jb.depth - 1] = false;
			jb.values++;
			return NULL;
		case WJB_ELEM:
			if (jb.depth == 0 || jb.kind[jb.depth - 1] != 'a' || jbval == NULL)
				abort();
			check_scalar(jbval);
			jb.values++;
			return NULL;
		default:
			abort();
	}
}

Jsonb *
JsonbValueToJsonb(JsonbValue *val)
{
	if (val == &result_value)
	{
		if (!jb.done)
			abort();
	}
	else
	{
		/* a scalar document */
		if (jb.values != 0 || jb.depth != 0)
			abort();
		check_scalar(val);
		jb.values = 1;
		jb.done = true;
	}
	return palloc0(VARHDRSZ + 8);
}

/* only reached through DirectFunctionCall, which checks the argument */
Datum
numeric_in(PG_FUNCTION_ARGS)
{
	abort();
}

Datum
int8_numeric(PG_FUNCTION_ARGS)
{
	abort();
}

Datum
DirectFunctionCall1Coll(PGFunction func, Oid collation, Datum arg1)
{
	(void) collation;
	(void) arg1;
	if (func != int8_numeric)
		abort();
	return PointerGetDatum(palloc0(16));
}

Datum
DirectFunctionCall3Coll(PGFunction func, Oid collation, Datum arg1, Datum arg2, Datum arg3)
{
	const char *s = DatumGetCString(arg1);
	char	   *end;
	double		d;

	(void) collation;
	(void) arg2;
	(void) arg3;
	if (func != numeric_in)
		abort();
	/* what yaml_jsonb.c hands numeric_in is a plain decimal number, whole */
	d = strtod(s, &end);
	if (end == s || *end != '\0' || d != d || strpbrk(s, "xXnNiI_ ") != NULL)
		abort();
	return PointerGetDatum(palloc0(16));
}

void
report_invalid_encoding(int encoding, const char *mbstr, int len)
{
	(void) encoding;
	(void) mbstr;
	(void) len;
	ereport(ERROR, (errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE), errmsg("invalid byte sequence")));
	pg_unreachable();
}

/* DatumGetNumeric() detoasts: the stand-in numbers are plain pointers */
struct varlena *
pg_detoast_datum(struct varlena *datum)
{
	return datum;
}

/* the SQL entry point's server calls: never reached here */
Size
toast_raw_datum_size(Datum value)
{
	abort();
}

struct varlena *
pg_detoast_datum_packed(struct varlena *datum)
{
	abort();
}

/* ---- the harness ---- */

static long
count_nodes(const YamlNode *node)
{
	long		n = 1;

	if (node->kind != YAML_KIND_SCALAR)
		for (int i = 0; i < (node->kind == YAML_KIND_MAPPING ? 2 : 1) * node->nitems; i++)
			n += node->kind == YAML_KIND_MAPPING && i % 2 == 0 ? 0 : count_nodes(node->items[i]);
	return n;
}

static long expected_values;

static void
run_tree(void *arg)
{
	Input	   *in = arg;
	YamlError	err;
	YamlNode   *root = yaml_tree_parse_limited(in->data, in->len, YAML_JSONB_MAX_NODES, &err);

	expected_values = root == NULL ? (err.message == NULL ? 1 : -1) : count_nodes(root);
}

static void
run_convert(void *arg)
{
	Input	   *in = arg;

	memset(&jb, 0, sizeof(jb));
	(void) yaml_to_jsonb_text(in->data, in->len);
	if (!jb.done || jb.depth != 0)
		abort();
	/* keys are not values: one value per scalar, list and mapping that is not a key */
	if (expected_values >= 0 && jb.values != expected_values)
		abort();
}

static uint32_t
hash_bytes(const uint8_t *data, size_t size)
{
	uint32_t	h = 2166136261u;

	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return h;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a private copy, so reads past the end are caught by ASan */
	char	   *text = malloc(size ? size : 1);
	Input		in;
	long		n;

	memcpy(text, data, size);
	in.data = text;
	in.len = size;

	/* the tree alone: how many values the conversion must push */
	pgstub_fail_alloc_at = 0;
	if (!pgstub_run(run_tree, &in))
		expected_values = -1;
	pgstub_fail_alloc_at = 0;
	pgstub_run(run_convert, &in);
	n = pgstub_alloc_count;
	if (n > 0)
	{
		pgstub_fail_alloc_at = 1 + (long) (hash_bytes(data, size) % (uint32_t) n);
		expected_values = -1;
		pgstub_run(run_convert, &in);
		pgstub_fail_alloc_at = 0;
	}
	free(text);
	return 0;
}
