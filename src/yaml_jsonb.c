/*
 * yaml_jsonb.c
 *	  glossary.yaml_to_jsonb(doc text): one YAML document as jsonb.
 *
 * The text is parsed by yaml_tree.c (the loader's reader: its anchor, alias,
 * tag and depth rules), then the tree is walked once into a jsonb.  Scalars
 * follow YAML 1.2's core schema where that is unambiguous:
 *	  plain ~, null, Null, NULL and an empty value	-> null
 *	  plain true/True/TRUE, false/False/FALSE		-> true, false
 *	  plain decimal, 0x hex and 0o octal integers	-> number
 *	  plain decimal floats (1.5, -2e3, .5)			-> number
 *	  anything else, and every quoted or block scalar -> string
 * Deliberate exceptions: YAML 1.1's yes/no/on/off stay strings, a number
 * written with a leading zero (007, 01.5) stays a string (1.1 read it as
 * octal, 1.2 as decimal), .inf and .nan stay strings (JSON has neither),
 * and dates stay strings.  A key is always its text.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "access/detoast.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

#include "yaml_jsonb.h"
#include "yaml_tree.h"

PG_FUNCTION_INFO_V1(glossary_yaml_to_jsonb);

/* where the walk is, for the error context */
typedef struct YamlPosition
{
	int			line;
	int			column;
} YamlPosition;

static void
yaml_position_context(void *arg)
{
	YamlPosition *pos = (YamlPosition *) arg;

	if (pos->line > 0)
		errcontext("while converting YAML to jsonb, line %d, column %d", pos->line, pos->column);
	else
		errcontext("while converting YAML to jsonb");
}

static void
at_node(YamlPosition *pos, const YamlNode *node)
{
	pos->line = node->line;
	pos->column = node->column;
}

static bool
is_digits(const char *s, int len, const char *alphabet)
{
	if (len == 0)
		return false;
	for (int i = 0; i < len; i++)
		if (strchr(alphabet, s[i]) == NULL || s[i] == '\0')
			return false;
	return true;
}

/* true/false in the three spellings of the 1.2 core schema; -1 when neither */
static int
core_bool(const char *s, int len)
{
	if ((len == 4 && (memcmp(s, "true", 4) == 0 || memcmp(s, "True", 4) == 0 ||
					  memcmp(s, "TRUE", 4) == 0)))
		return 1;
	if ((len == 5 && (memcmp(s, "false", 5) == 0 || memcmp(s, "False", 5) == 0 ||
					  memcmp(s, "FALSE", 5) == 0)))
		return 0;
	return -1;
}

/*
 * A decimal number of the core schema without a leading zero:
 * [-+]? ( 0 | [1-9][0-9]* ) ( . [0-9]* )? ( [eE] [-+]? [0-9]+ )?, or . [0-9]+ for
 * the integer part.
 */
static bool
core_decimal(const char *s, int len)
{
	int			i = 0;
	int			int_digits = 0;
	int			frac_digits = 0;

	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	while (i < len && s[i] >= '0' && s[i] <= '9')
	{
		i++;
		int_digits++;
	}
	if (int_digits > 1 && s[i - int_digits] == '0')
		return false;			/* leading zero: neither 1.1 nor 1.2 can be trusted */
	if (i < len && s[i] == '.')
	{
		i++;
		while (i < len && s[i] >= '0' && s[i] <= '9')
		{
			i++;
			frac_digits++;
		}
	}
	if (int_digits == 0 && frac_digits == 0)
		return false;
	if (i < len && (s[i] == 'e' || s[i] == 'E'))
	{
		int			exp_digits = 0;

		i++;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			i++;
		while (i < len && s[i] >= '0' && s[i] <= '9')
		{
			i++;
			exp_digits++;
		}
		if (exp_digits == 0)
			return false;
	}
	return i == len;
}

/* 0x.. or 0o.. as a numeric Datum; false when not one or too large for int64 */
static bool
core_radix(const char *s, int len, Datum *result)
{
	int			base;
	uint64		v = 0;

	if (len < 3 || s[0] != '0')
		return false;
	if (s[1] == 'x' && is_digits(s + 2, len - 2, "0123456789abcdefABCDEF"))
		base = 16;
	else if (s[1] == 'o' && is_digits(s + 2, len - 2, "01234567"))
		base = 8;
	else
		return false;
	for (int i = 2; i < len; i++)
	{
		int			d = s[i] <= '9' ? s[i] - '0' : (s[i] | 0x20) - 'a' + 10;

		if (v > (PG_INT64_MAX - d) / base)
			return false;
		v = v * base + d;
	}
	*result = DirectFunctionCall1(int8_numeric, Int64GetDatum((int64) v));
	return true;
}

static Datum
decimal_numeric(const char *s, int len)
{
	char	   *cstr = pnstrdup(s, len);

	return DirectFunctionCall3(numeric_in, CStringGetDatum(cstr),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/* a scalar quoted in a message: at most 100 bytes of it */
static char *
quoted(const YamlNode *node)
{
	if (node->len <= 100)
		return node->value;
	return psprintf("%s...", pnstrdup(node->value, pg_mbcliplen(node->value, node->len, 100)));
}

static void
tag_mismatch(const YamlNode *node, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("YAML value \"%s\" tagged !!%s is not %s", quoted(node), node->core_tag, what),
			 errhint("Remove the tag, or write the value so that it fits it.")));
}

/* the JSON value of a scalar node */
static void
scalar_value(const YamlNode *node, JsonbValue *v)
{
	const char *tag = node->core_tag;
	Datum		num;
	int			b;

	if (node->is_null)
	{
		v->type = jbvNull;
		return;
	}
	if (tag != NULL && strcmp(tag, "bool") == 0)
	{
		if ((b = core_bool(node->value, node->len)) < 0)
			tag_mismatch(node, "true or false");
		v->type = jbvBool;
		v->val.boolean = b == 1;
		return;
	}
	if (tag != NULL && (strcmp(tag, "int") == 0 || strcmp(tag, "float") == 0))
	{
		bool		is_int = strcmp(tag, "int") == 0;

		if (core_radix(node->value, node->len, &num))
			;
		else if (core_decimal(node->value, node->len) &&
				 (!is_int || strpbrk(node->value, ".eE") == NULL))
			num = decimal_numeric(node->value, node->len);
		else
			tag_mismatch(node, is_int ? "an integer JSON can hold" : "a number JSON can hold");
		v->type = jbvNumeric;
		v->val.numeric = DatumGetNumeric(num);
		return;
	}
	if (node->plain)
	{
		if ((b = core_bool(node->value, node->len)) >= 0)
		{
			v->type = jbvBool;
			v->val.boolean = b == 1;
			return;
		}
		if (core_radix(node->value, node->len, &num) ||
			(core_decimal(node->value, node->len) &&
			 (num = decimal_numeric(node->value, node->len), true)))
		{
			v->type = jbvNumeric;
			v->val.numeric = DatumGetNumeric(num);
			return;
		}
	}
	v->type = jbvString;
	v->val.string.val = node->value;
	v->val.string.len = node->len;
}

static int
compare_keys(const void *a, const void *b)
{
	const YamlNode *ka = *(YamlNode *const *) a;
	const YamlNode *kb = *(YamlNode *const *) b;
	int			c;

	if (ka->len != kb->len)
		return ka->len < kb->len ? -1 : 1;
	c = memcmp(ka->value, kb->value, ka->len);
	if (c != 0)
		return c;
	/* equal keys in document order, so the second is reported */
	if (ka->line != kb->line)
		return ka->line < kb->line ? -1 : 1;
	return ka->column < kb->column ? -1 : (ka->column > kb->column);
}

/* refuse a mapping that is not all text keys, or that has a key twice */
static void
check_keys(const YamlNode *map, YamlPosition *pos)
{
	YamlNode  **keys;

	if (map->nitems == 0)
		return;
	keys = palloc(map->nitems * sizeof(YamlNode *));
	for (int i = 0; i < map->nitems; i++)
	{
		YamlNode   *k = map->items[2 * i];

		if (k->kind != YAML_KIND_SCALAR)
		{
			at_node(pos, k);
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("a YAML mapping key is %s, not text", yaml_kind_name(k)),
					 errdetail("JSON object keys are strings."),
					 errhint("Write the key as text.")));
		}
		keys[i] = k;
	}
	qsort(keys, map->nitems, sizeof(YamlNode *), compare_keys);
	for (int i = 1; i < map->nitems; i++)
		if (keys[i]->len == keys[i - 1]->len &&
			memcmp(keys[i]->value, keys[i - 1]->value, keys[i]->len) == 0)
		{
			at_node(pos, keys[i]);
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("YAML mapping key \"%s\" is written twice", quoted(keys[i])),
					 errdetail("It is first given at line %d, column %d.",
							   keys[i - 1]->line, keys[i - 1]->column),
					 errhint("Keep one of the two.")));
		}
	pfree(keys);
}

static JsonbValue *
push_node(JsonbParseState **state, const YamlNode *node, JsonbIteratorToken as,
		  YamlPosition *pos)
{
	JsonbValue	v;
	JsonbValue *result = NULL;

	CHECK_FOR_INTERRUPTS();
	at_node(pos, node);
	switch (node->kind)
	{
		case YAML_KIND_SCALAR:
			scalar_value(node, &v);
			return pushJsonbValue(state, as, &v);

		case YAML_KIND_SEQUENCE:
			pushJsonbValue(state, WJB_BEGIN_ARRAY, NULL);
			for (int i = 0; i < node->nitems; i++)
				push_node(state, node->items[i], WJB_ELEM, pos);
			result = pushJsonbValue(state, WJB_END_ARRAY, NULL);
			break;

		case YAML_KIND_MAPPING:
			check_keys(node, pos);
			pushJsonbValue(state, WJB_BEGIN_OBJECT, NULL);
			for (int i = 0; i < node->nitems; i++)
			{
				const YamlNode *k = node->items[2 * i];

				v.type = jbvString;
				v.val.string.val = k->value;
				v.val.string.len = k->len;
				pushJsonbValue(state, WJB_KEY, &v);
				push_node(state, node->items[2 * i + 1], WJB_VALUE, pos);
			}
			result = pushJsonbValue(state, WJB_END_OBJECT, NULL);
			break;
	}
	return result;
}

Jsonb *
yaml_to_jsonb_text(const char *doc, size_t len)
{
	YamlPosition pos = {0, 0};
	ErrorContextCallback cb;
	YamlError	err;
	YamlNode   *root;
	const char *utf8;
	int			valid;
	JsonbParseState *state = NULL;
	JsonbValue *result;
	JsonbValue	null_value;
	Jsonb	   *out;

	cb.callback = yaml_position_context;
	cb.arg = &pos;
	cb.previous = error_context_stack;
	error_context_stack = &cb;

	if (len > YAML_JSONB_MAX_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the YAML document is too large (%zu bytes)", len),
				 errdetail("The limit is %d bytes.", YAML_JSONB_MAX_BYTES)));
	/* text is normally valid already; this catches what slipped past */
	valid = pg_encoding_verifymbstr(GetDatabaseEncoding(), doc, (int) len);
	if (valid < (int) len)
	{
		yaml_offset_position(doc, len, valid, &pos.line, &pos.column);
		report_invalid_encoding(GetDatabaseEncoding(), doc + valid, (int) len - valid);
	}
	utf8 = pg_server_to_any(doc, (int) len, PG_UTF8);
	if (utf8 != doc)
		len = strlen(utf8);

	root = yaml_tree_parse_limited(utf8, len, YAML_JSONB_MAX_NODES, &err);
	if (root == NULL && err.message != NULL)
	{
		pos.line = err.line;
		pos.column = err.column;
		/* two of the reader's texts speak of the loader */
		if (strncmp(err.message, "the input holds more than one YAML document", 43) == 0)
			err.hint = "Give each document to its own call.";
		if (err.detail != NULL && strncmp(err.detail, "Only the standard tags", 22) == 0)
			err.detail = "Only the standard tags !!str, !!int, !!float, !!bool, !!timestamp and !!null are accepted.";
		ereport(ERROR,
				(errcode(err.sqlerrcode),
				 errmsg_internal("%s", err.message),
				 err.detail ? errdetail_internal("%s", err.detail) : 0,
				 err.hint ? errhint("%s", err.hint) : 0));
	}

	if (root == NULL)
	{
		/* no content at all: the YAML null document */
		null_value.type = jbvNull;
		out = JsonbValueToJsonb(&null_value);
	}
	else if (root->kind == YAML_KIND_SCALAR)
	{
		scalar_value(root, &null_value);
		out = JsonbValueToJsonb(&null_value);
	}
	else
	{
		result = push_node(&state, root, WJB_ELEM, &pos);
		pos.line = 0;
		out = JsonbValueToJsonb(result);
	}
	error_context_stack = cb.previous;
	return out;
}

Datum
glossary_yaml_to_jsonb(PG_FUNCTION_ARGS)
{
	Datum		d = PG_GETARG_DATUM(0);
	Size		raw = toast_raw_datum_size(d) - VARHDRSZ;
	text	   *t;

	/* refuse a huge document before detoasting it */
	if (raw > YAML_JSONB_MAX_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the YAML document is too large (%zu bytes)", raw),
				 errdetail("The limit is %d bytes.", YAML_JSONB_MAX_BYTES)));
	t = DatumGetTextPP(d);
	PG_RETURN_JSONB_P(yaml_to_jsonb_text(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)));
}
