/*
 * loader_read.c
 *	  Validate a YAML tree into category and entry records.
 *
 * Every message names what is wrong in errmsg, how to fix it in errhint,
 * and points at the offending node through ctx->line/column, which the
 * error context callback of loader_sql.c turns into
 * 'while importing "NAME", line L, column C'.
 */
#include "postgres.h"

#include <limits.h>

#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/hsearch.h"
#include "utils/varlena.h"

#include "loader.h"

typedef enum ValueType
{
	VT_STRING,
	VT_STRINGS,					/* list of strings */
	VT_MAPPINGS,				/* list of mappings */
	VT_INTEGER,
	VT_DATE
} ValueType;

typedef struct KeySpec
{
	const char *name;
	ValueType	type;
	int			max_chars;		/* per string (per item for lists); 0: no limit */
} KeySpec;

static const KeySpec top_keys[] = {
	{"categories", VT_MAPPINGS, 0},
	{"entries", VT_MAPPINGS, 0},
};

enum
{
	C_SLUG, C_TITLE, C_TIER, C_POSITION, C_DESCRIPTION, C_NKEYS
};
static const KeySpec category_keys[] = {
	{"slug", VT_STRING, 0},
	{"title", VT_STRING, LOADER_MAX_LABEL_CHARS},
	{"tier", VT_STRING, 0},
	{"position", VT_INTEGER, 0},
	{"description", VT_STRING, LOADER_MAX_DESCRIPTION_CHARS},
};

enum
{
	E_SLUG, E_TERM, E_CATEGORY, E_ALSO, E_ALIASES, E_SUMMARY, E_BODY, E_SOURCES,
	E_UPDATED, E_NKEYS
};
static const KeySpec entry_keys[] = {
	{"slug", VT_STRING, 0},
	{"term", VT_STRING, LOADER_MAX_LABEL_CHARS},
	{"category", VT_STRING, 0},
	{"also", VT_STRINGS, 0},
	{"aliases", VT_STRINGS, LOADER_MAX_LABEL_CHARS},
	{"summary", VT_STRING, LOADER_MAX_SUMMARY_CHARS},
	{"body", VT_STRING, 0},		/* limited in bytes, see read_entry */
	{"sources", VT_MAPPINGS, 0},
	{"updated", VT_DATE, 0},
};

enum
{
	S_TITLE, S_URL, S_PUBLISHER, S_DATE, S_NKEYS
};
static const KeySpec source_keys[] = {
	{"title", VT_STRING, LOADER_MAX_LABEL_CHARS},
	{"url", VT_STRING, LOADER_MAX_URL_CHARS},
	{"publisher", VT_STRING, LOADER_MAX_LABEL_CHARS},
	{"date", VT_DATE, 0},
};

/* every key of every level, for key_map targets */
static const char *const all_keys[] = {
	"categories", "entries",
	"slug", "title", "tier", "position", "description",
	"term", "category", "also", "aliases", "summary", "body", "sources", "updated",
	"url", "publisher", "date",
};

#define SLUG_RULE "A slug is lower-case letters a-z and digits in words joined by single hyphens, at most 200 characters, for example \"open-weights\"."

bool
loader_is_known_key(const char *key)
{
	for (int i = 0; i < lengthof(all_keys); i++)
		if (strcmp(all_keys[i], key) == 0)
			return true;
	return false;
}

const char *
loader_known_keys(void)
{
	StringInfoData s;

	initStringInfo(&s);
	for (int i = 0; i < lengthof(all_keys); i++)
		appendStringInfo(&s, "%s%s", i ? ", " : "", all_keys[i]);
	return s.data;
}

/* point the messages that follow at node */
void
loader_at(ImportCtx *ctx, const YamlNode *node)
{
	if (node == NULL)
	{
		ctx->line = ctx->column = 0;
		return;
	}
	ctx->line = node->line + ctx->line_offset;
	ctx->column = node->column;
}

/* the candidate closest to word by edit distance, if it is close enough */
const char *
loader_closest(const char *word, const char *const *candidates, int n)
{
	const char *best = NULL;
	int			best_d = INT_MAX;
	int			wlen = strlen(word);

	if (wlen > 255)
		return NULL;
	for (int i = 0; i < n; i++)
	{
		int			clen = strlen(candidates[i]);
		int			d;

		if (clen > 255)
			continue;
		d = varstr_levenshtein(word, wlen, candidates[i], clen, 1, 1, 1, true);
		if (d < best_d)
		{
			best_d = d;
			best = candidates[i];
		}
	}
	/* a typo, not a different word */
	if (best != NULL && best_d > 0 && (best_d <= 2 || best_d * 3 <= wlen))
		return best;
	return NULL;
}

static const char *
key_list(const KeySpec *spec, int nspec)
{
	StringInfoData s;

	initStringInfo(&s);
	for (int i = 0; i < nspec; i++)
		appendStringInfo(&s, "%s%s", i ? ", " : "", spec[i].name);
	return s.data;
}

/* the key as the loader knows it, after key_map */
static const char *
mapped_key(const ImportCtx *ctx, const char *key, const char **renamed_from)
{
	*renamed_from = NULL;
	for (int i = 0; i < ctx->nmap; i++)
		if (strcmp(ctx->map_from[i], key) == 0)
		{
			*renamed_from = ctx->map_from[i];
			return ctx->map_to[i];
		}
	return key;
}

static bool
valid_slug(const char *s)
{
	const char *p = s;
	int			n = 0;

	if (*p == '\0')
		return false;
	for (; *p; p++, n++)
	{
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			continue;
		/* a hyphen joins two words */
		if (*p == '-' && p > s && p[-1] != '-' && p[1] != '\0')
			continue;
		return false;
	}
	return n <= LOADER_MAX_SLUG_CHARS;
}

/* what a bad slug probably meant: lower case, other characters to hyphens */
static char *
slug_suggestion(const char *s)
{
	StringInfoData out;
	bool		pending_hyphen = false;

	initStringInfo(&out);
	for (const char *p = s; *p && out.len < LOADER_MAX_SLUG_CHARS; p++)
	{
		char		c = *p;

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
		{
			if (pending_hyphen && out.len > 0)
				appendStringInfoChar(&out, '-');
			pending_hyphen = false;
			appendStringInfoChar(&out, c);
		}
		else
			pending_hyphen = true;
	}
	return out.data;
}

static void
check_slug(ImportCtx *ctx, const YamlNode *node, const char *what)
{
	char	   *suggestion;

	if (valid_slug(node->value))
		return;
	loader_at(ctx, node);
	suggestion = slug_suggestion(node->value);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid %s slug \"%s\"", what, node->value),
			 errdetail(SLUG_RULE),
			 suggestion[0] ? errhint("Try \"%s\".", suggestion) : 0));
}

static bool
valid_date(const char *s)
{
	int			y, m, d;
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return false;
	return true;
}

static bool
parse_int32(const char *s, int32 *result)
{
	const char *p = s;
	int64		v = 0;
	bool		neg = false;

	if (*p == '+' || *p == '-')
		neg = (*p++ == '-');
	if (*p == '\0')
		return false;
	for (; *p; p++)
	{
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (*p - '0');
		if (v > (int64) PG_INT32_MAX + 1)
			return false;
	}
	if (neg)
		v = -v;
	if (v > PG_INT32_MAX || v < PG_INT32_MIN)
		return false;
	*result = (int32) v;
	return true;
}

static bool
is_blank(const char *s)
{
	for (; *s; s++)
		if (!(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
			return false;
	return true;
}

static void
check_length(ImportCtx *ctx, const YamlNode *v, const char *label, const char *what, int max_chars)
{
	int			chars;

	if (max_chars <= 0 || v->len <= max_chars)
		return;					/* a character takes at least one byte */
	chars = pg_mbstrlen_with_len(v->value, v->len);
	if (chars <= max_chars)
		return;
	loader_at(ctx, v);
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("%s in %s is too long (%d characters)", label, what, chars),
			 errdetail("The limit is %d characters.", max_chars)));
}

/* check one value against the type its key wants */
static void
check_value(ImportCtx *ctx, const KeySpec *spec, const YamlNode *v, const char *what)
{
	const char *name = spec->name;

	switch (spec->type)
	{
		case VT_STRING:
			if (v->kind != YAML_KIND_SCALAR)
			{
				loader_at(ctx, v);
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("\"%s\" in %s must be a string, not %s", name, what, yaml_kind_name(v)),
						 errhint("Write a single value; quote it if it contains \": \" or starts with [ or {.")));
			}
			check_length(ctx, v, psprintf("\"%s\"", name), what, spec->max_chars);
			break;

		case VT_STRINGS:
			if (v->kind != YAML_KIND_SEQUENCE)
			{
				loader_at(ctx, v);
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("\"%s\" in %s must be a list, not %s", name, what, yaml_kind_name(v)),
						 errhint("Write a list: %s: [first, second], or one \"- item\" per line.", name)));
			}
			for (int i = 0; i < v->nitems; i++)
			{
				const YamlNode *item = v->items[i];

				if (item->kind != YAML_KIND_SCALAR || item->is_null)
				{
					loader_at(ctx, item);
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("item %d of \"%s\" in %s must be a string, not %s",
									i + 1, name, what, yaml_kind_name(item))));
				}
				check_length(ctx, item, psprintf("item %d of \"%s\"", i + 1, name), what, spec->max_chars);
			}
			break;

		case VT_MAPPINGS:
			if (v->kind != YAML_KIND_SEQUENCE)
			{
				loader_at(ctx, v);
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("\"%s\" in %s must be a list of mappings, not %s", name, what, yaml_kind_name(v)),
						 errhint("Start each item with \"- \", for example \"- %s\".",
								 strcmp(name, "sources") == 0 ? "title: ..." : "slug: ...")));
			}
			for (int i = 0; i < v->nitems; i++)
			{
				const YamlNode *item = v->items[i];

				if (item->kind != YAML_KIND_MAPPING)
				{
					loader_at(ctx, item);
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("item %d of \"%s\" in %s must be a mapping, not %s",
									i + 1, name, what, yaml_kind_name(item)),
							 errhint("Write the item's keys under it, for example \"- %s\".",
									 strcmp(name, "sources") == 0 ? "title: ..." : "slug: ...")));
				}
			}
			break;

		case VT_INTEGER:
			{
				int32		dummy;

				if (v->kind != YAML_KIND_SCALAR || !parse_int32(v->value, &dummy))
				{
					loader_at(ctx, v);
					if (v->kind != YAML_KIND_SCALAR)
						ereport(ERROR,
								(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
								 errmsg("\"%s\" in %s must be an integer, not %s", name, what, yaml_kind_name(v))));
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("\"%s\" in %s must be an integer, not \"%s\"", name, what, v->value),
							 errhint("Write a whole number between %d and %d.", PG_INT32_MIN, PG_INT32_MAX)));
				}
				break;
			}

		case VT_DATE:
			if (v->kind != YAML_KIND_SCALAR || !valid_date(v->value))
			{
				loader_at(ctx, v);
				if (v->kind != YAML_KIND_SCALAR)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("\"%s\" in %s must be a date, not %s", name, what, yaml_kind_name(v)),
							 errhint("Write the date as YYYY-MM-DD, for example 2024-10-28.")));
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("\"%s\" in %s must be a date, not \"%s\"", name, what, v->value),
						 errhint("Write a calendar date as YYYY-MM-DD, for example 2024-10-28.")));
			}
			break;
	}
}

/* the value of key (after key_map) in map, or NULL; no checks */
const YamlNode *
loader_peek(const ImportCtx *ctx, const YamlNode *map, const char *key)
{
	for (int i = 0; i < map->nitems; i++)
	{
		const YamlNode *k = map->items[2 * i];
		const char *from;

		if (k->kind == YAML_KIND_SCALAR && strcmp(mapped_key(ctx, k->value, &from), key) == 0)
			return map->items[2 * i + 1];
	}
	return NULL;
}

/*
 * Check the keys of map against spec and return its values by key position
 * (NULL when absent or null).  what names the mapping in messages.
 */
static const YamlNode **
read_mapping(ImportCtx *ctx, const YamlNode *map, const KeySpec *spec, int nspec,
			 const char *what)
{
	const YamlNode **slots = palloc0(nspec * sizeof(YamlNode *));
	const YamlNode **keys = palloc0(nspec * sizeof(YamlNode *));

	for (int i = 0; i < map->nitems; i++)
	{
		const YamlNode *k = map->items[2 * i];
		const YamlNode *v = map->items[2 * i + 1];
		const char *from;
		const char *key;
		int			idx = -1;

		if (k->kind != YAML_KIND_SCALAR || k->is_null)
		{
			loader_at(ctx, k);
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("a key in %s is %s, not a name", what, yaml_kind_name(k)),
					 errhint("Valid keys are %s.", key_list(spec, nspec))));
		}
		key = mapped_key(ctx, k->value, &from);
		for (int j = 0; j < nspec; j++)
			if (strcmp(spec[j].name, key) == 0)
				idx = j;
		if (idx < 0)
		{
			const char *names[16];
			const char *best;

			for (int j = 0; j < nspec; j++)
				names[j] = spec[j].name;
			best = loader_closest(key, names, nspec);
			loader_at(ctx, k);
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown key \"%s\" in %s", key, what),
					 from ? errdetail("key_map renames \"%s\" to \"%s\".", from, key) : 0,
					 best ? errhint("Did you mean \"%s\"?", best) :
					 errhint("Valid keys are %s; key_map renames keys written for another format.",
							 key_list(spec, nspec))));
		}
		if (keys[idx] != NULL)
		{
			const char *first = keys[idx]->value;

			loader_at(ctx, k);
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("key \"%s\" appears twice in %s", key, what),
					 (from || strcmp(first, key) != 0) ?
					 errdetail("It is written \"%s\" at line %d and \"%s\" here; key_map renames both to \"%s\".",
							   first, keys[idx]->line + ctx->line_offset, k->value, key) :
					 errdetail("It is first given at line %d, column %d.",
							   keys[idx]->line + ctx->line_offset, keys[idx]->column),
					 errhint("Keep one of them.")));
		}
		keys[idx] = k;
		if (v->kind == YAML_KIND_SCALAR && v->is_null)
			continue;			/* null means absent */
		check_value(ctx, &spec[idx], v, what);
		slots[idx] = v;
	}
	return slots;
}

static void
require(ImportCtx *ctx, const YamlNode **slots, int idx, const KeySpec *spec,
		const YamlNode *map, const char *what, const char *needs)
{
	if (slots[idx] == NULL)
	{
		loader_at(ctx, map);
		ereport(ERROR,
				(errcode(ERRCODE_NOT_NULL_VIOLATION),
				 errmsg("%s has no \"%s\"", what, spec[idx].name),
				 errhint("%s", needs)));
	}
	if (spec[idx].type == VT_STRING && is_blank(slots[idx]->value))
	{
		loader_at(ctx, slots[idx]);
		ereport(ERROR,
				(errcode(ERRCODE_NOT_NULL_VIOLATION),
				 errmsg("\"%s\" in %s is empty", spec[idx].name, what),
				 errhint("%s", needs)));
	}
}

static char *
str_or(const YamlNode *v, const char *dflt)
{
	if (v == NULL)
		return dflt ? pstrdup(dflt) : NULL;
	return v->value;
}

static const char *
entity_name(const ImportCtx *ctx, const YamlNode *map, const char *kind,
			const char *fallback, int index)
{
	const YamlNode *slug = loader_peek(ctx, map, "slug");

	if (slug && slug->kind == YAML_KIND_SCALAR && !slug->is_null)
		return psprintf("%s \"%s\"", kind, slug->value);
	if (fallback)
		return psprintf("%s \"%s\"", kind, fallback);
	return psprintf("%s %d", kind, index);
}

static CategoryRec *
read_category(ImportCtx *ctx, const YamlNode *map, int index)
{
	const char *what = entity_name(ctx, map, "category", NULL, index);
	const YamlNode **v = read_mapping(ctx, map, category_keys, C_NKEYS, what);
	CategoryRec *c = palloc0(sizeof(CategoryRec));
	const char *needs = "Every category needs a slug and a title.";

	require(ctx, v, C_SLUG, category_keys, map, what, needs);
	require(ctx, v, C_TITLE, category_keys, map, what, needs);
	check_slug(ctx, v[C_SLUG], "category");
	if (v[C_TIER] && !valid_slug(v[C_TIER]->value))
	{
		loader_at(ctx, v[C_TIER]);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid tier \"%s\" in %s", v[C_TIER]->value, what),
				 errdetail("A tier is written like a slug, for example \"core\" or \"meta\".")));
	}
	c->slug = v[C_SLUG]->value;
	c->title = v[C_TITLE]->value;
	c->tier = str_or(v[C_TIER], "core");
	c->position = 0;
	if (v[C_POSITION])
		(void) parse_int32(v[C_POSITION]->value, &c->position);
	c->description = str_or(v[C_DESCRIPTION], "");
	c->node = map;
	return c;
}

static SourceRec *
read_source(ImportCtx *ctx, const YamlNode *map, const char *entry_what, int index)
{
	const char *what = psprintf("source %d of %s", index, entry_what);
	const YamlNode **v = read_mapping(ctx, map, source_keys, S_NKEYS, what);
	SourceRec  *s = palloc0(sizeof(SourceRec));
	const char *needs = "Every source needs a title and a url.";
	const char *p;

	require(ctx, v, S_TITLE, source_keys, map, what, needs);
	require(ctx, v, S_URL, source_keys, map, what, needs);
	/* scheme ":" then no white space, as the table's check says */
	p = v[S_URL]->value;
	if (*p >= 'a' && *p <= 'z')
		while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
			   *p == '+' || *p == '.' || *p == '-')
			p++;
	if (p == v[S_URL]->value || *p != ':' || p[1] == '\0' ||
		strpbrk(p, " \t\n\r\f\v") != NULL)
	{
		loader_at(ctx, v[S_URL]);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid url \"%s\" in %s", v[S_URL]->value, what),
				 errdetail("A url starts with a lower-case scheme such as \"https:\" and contains no white space.")));
	}
	s->title = v[S_TITLE]->value;
	s->url = v[S_URL]->value;
	s->publisher = str_or(v[S_PUBLISHER], NULL);
	s->date = str_or(v[S_DATE], NULL);
	return s;
}

static int
cmp_cstring_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/*
 * Validate one entry mapping.  fallback_slug names the entry when the
 * mapping has no slug (import_markdown); index numbers it otherwise.
 */
EntryRec *
loader_read_entry(ImportCtx *ctx, const YamlNode *map, const char *fallback_slug, int index)
{
	const char *what = entity_name(ctx, map, "entry", fallback_slug, index);
	const YamlNode **v = read_mapping(ctx, map, entry_keys, E_NKEYS, what);
	EntryRec   *e = palloc0(sizeof(EntryRec));
	const char *needs = fallback_slug ?
		"Every entry needs a term, a category and a summary." :
		"Every entry needs a slug, a term, a category and a summary.";

	if (v[E_SLUG] == NULL && fallback_slug != NULL)
	{
		YamlNode   *slug = palloc0(sizeof(YamlNode));

		/* the slug argument of import_markdown: point messages at the front matter */
		slug->kind = YAML_KIND_SCALAR;
		slug->value = pstrdup(fallback_slug);
		slug->len = strlen(fallback_slug);
		slug->line = map->line;
		slug->column = map->column;
		v[E_SLUG] = slug;
	}
	require(ctx, v, E_SLUG, entry_keys, map, what, needs);
	check_slug(ctx, v[E_SLUG], "entry");
	require(ctx, v, E_TERM, entry_keys, map, what, needs);
	require(ctx, v, E_CATEGORY, entry_keys, map, what, needs);
	require(ctx, v, E_SUMMARY, entry_keys, map, what, needs);

	e->slug = v[E_SLUG]->value;
	e->term = v[E_TERM]->value;
	e->category = v[E_CATEGORY]->value;
	e->category_node = v[E_CATEGORY];
	e->summary = v[E_SUMMARY]->value;
	e->body = str_or(v[E_BODY], "");
	e->updated = str_or(v[E_UPDATED], NULL);
	e->node = map;

	if (v[E_BODY] && v[E_BODY]->len > LOADER_MAX_BODY_BYTES)
	{
		loader_at(ctx, v[E_BODY]);
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("\"body\" in %s is too long (%d bytes)", what, v[E_BODY]->len),
				 errdetail("The limit is %d bytes.", LOADER_MAX_BODY_BYTES)));
	}

	if (v[E_ALSO])
	{
		for (int i = 0; i < v[E_ALSO]->nitems; i++)
		{
			const YamlNode *item = v[E_ALSO]->items[i];

			if (strcmp(item->value, e->category) == 0)
			{
				loader_at(ctx, item);
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("category \"%s\" of %s is both primary and listed under \"also\"",
								item->value, what),
						 errhint("Remove it from \"also\".")));
			}
			for (int j = 0; j < i; j++)
				if (strcmp(v[E_ALSO]->items[j]->value, item->value) == 0)
				{
					loader_at(ctx, item);
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("category \"%s\" appears twice under \"also\" in %s", item->value, what),
							 errhint("Keep one of them.")));
				}
			e->also = lappend(e->also, item->value);
			e->also_nodes = lappend(e->also_nodes, (void *) item);
		}
	}

	if (v[E_ALIASES])
	{
		int			n = v[E_ALIASES]->nitems;
		char	  **sorted = palloc(Max(n, 1) * sizeof(char *));

		for (int i = 0; i < n; i++)
		{
			const YamlNode *item = v[E_ALIASES]->items[i];

			if (is_blank(item->value))
			{
				loader_at(ctx, item);
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("alias %d of %s is empty", i + 1, what),
						 errhint("Remove the empty item.")));
			}
			sorted[i] = item->value;
			e->aliases = lappend(e->aliases, item->value);
		}
		qsort(sorted, n, sizeof(char *), cmp_cstring_ptr);
		for (int i = 1; i < n; i++)
			if (strcmp(sorted[i - 1], sorted[i]) == 0)
			{
				/* point at the second occurrence */
				int			seen = 0;

				for (int j = 0; j < n; j++)
					if (strcmp(v[E_ALIASES]->items[j]->value, sorted[i]) == 0 && ++seen == 2)
						loader_at(ctx, v[E_ALIASES]->items[j]);
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("alias \"%s\" appears twice in %s", sorted[i], what),
						 errhint("Keep one of them.")));
			}
	}

	if (v[E_SOURCES])
		for (int i = 0; i < v[E_SOURCES]->nitems; i++)
			e->sources = lappend(e->sources,
								 read_source(ctx, v[E_SOURCES]->items[i], what, i + 1));
	return e;
}

void
loader_read_document(ImportCtx *ctx, const YamlNode *root, ImportBatch *batch)
{
	const YamlNode **v;

	if (root->kind != YAML_KIND_MAPPING)
	{
		loader_at(ctx, root);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("the document is %s, not a mapping", yaml_kind_name(root)),
				 errhint("Write the document as \"categories:\" and/or \"entries:\", each followed by a list.")));
	}
	v = read_mapping(ctx, root, top_keys, lengthof(top_keys), "the document");
	if (loader_peek(ctx, root, "categories") == NULL && loader_peek(ctx, root, "entries") == NULL)
	{
		loader_at(ctx, root);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("the document has neither \"categories\" nor \"entries\""),
				 errhint("Write the document as \"categories:\" and/or \"entries:\", each followed by a list.")));
	}
	if (v[0])
		for (int i = 0; i < v[0]->nitems; i++)
			batch->categories = lappend(batch->categories,
										read_category(ctx, v[0]->items[i], i + 1));
	if (v[1])
		for (int i = 0; i < v[1]->nitems; i++)
			batch->entries = lappend(batch->entries,
									 loader_read_entry(ctx, v[1]->items[i], NULL, i + 1));
}

typedef struct SlugSeen
{
	char		slug[LOADER_MAX_SLUG_CHARS + 1];
	const YamlNode *node;
} SlugSeen;

static void
check_unique(ImportCtx *ctx, List *recs, bool entries)
{
	HASHCTL		hctl;
	HTAB	   *seen;
	ListCell   *lc;

	hctl.keysize = LOADER_MAX_SLUG_CHARS + 1;
	hctl.entrysize = sizeof(SlugSeen);
	hctl.hcxt = CurrentMemoryContext;
	seen = hash_create("glossary import slugs", Max(list_length(recs), 16), &hctl,
					   HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	foreach(lc, recs)
	{
		const char *slug = entries ? ((EntryRec *) lfirst(lc))->slug : ((CategoryRec *) lfirst(lc))->slug;
		const YamlNode *node = entries ? ((EntryRec *) lfirst(lc))->node : ((CategoryRec *) lfirst(lc))->node;
		bool		found;
		SlugSeen   *s = hash_search(seen, slug, HASH_ENTER, &found);

		if (found)
		{
			loader_at(ctx, node);
			ereport(ERROR,
					(errcode(ERRCODE_UNIQUE_VIOLATION),
					 errmsg("duplicate %s slug \"%s\"", entries ? "entry" : "category", slug),
					 errdetail("It is first defined at line %d, column %d.",
							   s->node->line + ctx->line_offset, s->node->column),
					 errhint("A slug may appear only once per import; merge the two or rename one.")));
		}
		s->node = node;
	}
	hash_destroy(seen);
}

/* checks across records of one import: slugs are unique */
void
loader_check_batch(ImportCtx *ctx, ImportBatch *batch)
{
	check_unique(ctx, batch->categories, false);
	check_unique(ctx, batch->entries, true);
}
