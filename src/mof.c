/*
 * mof.c
 *	  Read a Model Openness Tool record and compute its MOF class;
 *	  glossary.mof_class(record jsonb, type_strict boolean).
 *
 * The record is read in place, with the jsonb container lookups (no copy of
 * the document): release.license gives the global licences per content
 * type, release.components the components, each with an optional licence.
 * A component's licence is its own "license" if the key holds a string
 * ("unlicensed" and "" mean none, without falling back); else the global
 * licence of its content type; else the global "distribution" licence.
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "classify.h"
#include "mof.h"

PG_FUNCTION_INFO_V1(glossary_mof_class);

/* a global licence: NULL when none is given at that level */
typedef struct GlobalLicense
{
	const char *text;
	int			len;
	bool		looked_up;		/* match and info are set: one lookup per record */
	LicenseMatch match;
	const LicenseInfo *info;
} GlobalLicense;

static void
wrong_type(const char *field, JsonbValue *v, const char *expected, const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("\"%s\" in the MOF record is %s, not %s", field, json_type_phrase(v), expected),
			 hint ? errhint("%s", hint) : 0));
}

/* a value quoted in a message: at most 100 bytes of it */
char *
mof_quote(const char *s, int len)
{
	if (len <= 100)
		return pnstrdup(s, len);
	return psprintf("%s...", pnstrdup(s, pg_mbcliplen(s, len, 100)));
}

static bool
is_object(JsonbValue *v)
{
	return v->type == jbvBinary && JsonContainerIsObject(v->val.binary.data);
}

static bool
is_array(JsonbValue *v)
{
	return v->type == jbvBinary && JsonContainerIsArray(v->val.binary.data);
}

/* key of an object container into *v; false when absent */
static bool
get_key(JsonbContainer *obj, const char *key, JsonbValue *v)
{
	return getKeyJsonValueFromContainer(obj, key, strlen(key), v) != NULL;
}

static bool
is_unlicensed(const char *s, int len)
{
	return len == 10 && pg_strncasecmp(s, "unlicensed", 10) == 0;
}

/* release.license.<key>.name */
static void
read_global(JsonbContainer *licenses, const char *key, GlobalLicense *g)
{
	JsonbValue	v;
	JsonbValue	name;

	g->text = NULL;
	g->len = 0;
	if (!get_key(licenses, key, &v) || v.type == jbvNull)
		return;
	if (!is_object(&v))
		wrong_type(psprintf("release.license.%s", key), &v, "an object",
				   psprintf("Write it as {\"name\": \"Apache-2.0\", \"path\": \"...\"}, or leave \"%s\" out.", key));
	if (!get_key(v.val.binary.data, "name", &name) || name.type == jbvNull)
		return;
	if (name.type != jbvString)
		wrong_type(psprintf("release.license.%s.name", key), &name, "a string",
				   "Write the licence's SPDX id as a string (in YAML, quote one that looks like a number).");
	/* the MOT ignores an empty name and falls back to the next level */
	if (name.val.string.len == 0)
		return;
	g->text = name.val.string.val;
	g->len = name.val.string.len;
}

/* a licence text through the licence table; "unlicensed" and "" are not stated */
static LicenseMatch
lookup_license(const char *s, int len, const LicenseInfo **info)
{
	*info = NULL;
	if (s == NULL || len == 0 || is_unlicensed(s, len))
		return LICENSE_NOT_STATED;
	return license_lookup(s, len, info);
}

/* what the component's licence, looked up, makes of it */
static void
judge_license(MofComponentResult *c, LicenseMatch m, const LicenseInfo *info,
			  MofContentType type, bool type_strict)
{
	c->info = m == LICENSE_RECOGNISED ? info : NULL;
	if (m == LICENSE_NOT_STATED)
	{
		c->status = MOF_UNLICENSED;
		return;
	}
	if (m == LICENSE_UNRECOGNISED)
	{
		c->status = MOF_UNRECOGNISED;
		return;
	}
	c->status = info->kind == LICENSE_KIND_RESTRICTED ? MOF_NOT_OPEN : MOF_OPEN;
	c->type_appropriate = mof_license_type_appropriate(info, type);
	c->counts = c->status == MOF_OPEN && (c->type_appropriate || !type_strict);
}

static void
read_component(JsonbValue *item, int n, bool *seen_at, int *seen_item, MofResult *r)
{
	JsonbValue	v;
	JsonbContainer *obj;
	int			i;
	MofComponentResult *c;

	if (!is_object(item))
		wrong_type(psprintf("release.components[%d]", n), item, "an object",
				   "Each component is an object with a \"name\" and, optionally, a \"license\".");
	obj = item->val.binary.data;
	if (!get_key(obj, "name", &v))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("\"release.components[%d]\" in the MOF record has no \"name\"", n),
				 errhint("Name the component, for example \"name\": \"Model architecture\".")));
	if (v.type != jbvString)
		wrong_type(psprintf("release.components[%d].name", n), &v, "a string", NULL);
	i = mof_component_index(v.val.string.val, v.val.string.len);
	if (i < 0)
	{
		const char *suggestion = mof_component_suggestion(v.val.string.val, v.val.string.len);

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown MOF component \"%s\" in \"release.components[%d]\"",
						mof_quote(v.val.string.val, v.val.string.len), n),
				 suggestion ? errhint("Did you mean \"%s\"?", suggestion) :
				 errhint("The components are the 17 of the Model Openness Framework, listed by glossary.mof_components().")));
	}
	if (seen_at[i])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("MOF component \"%s\" is listed twice in \"release.components\"", mof_components[i].name),
				 errdetail("It is item %d and item %d (counting from 0).", seen_item[i], n),
				 errhint("Keep one of them.")));
	seen_at[i] = true;
	seen_item[i] = n;

	c = &r->c[i];
	c->status = MOF_UNLICENSED;
	c->from = MOF_FROM_NONE;
	if (get_key(obj, "license", &v) && v.type != jbvNull)
	{
		if (v.type != jbvString)
			wrong_type(psprintf("release.components[%d].license", n), &v, "a string",
					   "Write the licence's SPDX id as a string (in YAML, quote one that looks like a number), \"unlicensed\" for none, or leave the key out to use the release's licence.");
		c->from = MOF_FROM_COMPONENT;
		c->license = v.val.string.val;
		c->license_len = v.val.string.len;
	}
}

void
mof_evaluate(Jsonb *record, bool type_strict, MofResult *r)
{
	JsonbValue	release;
	JsonbValue	v;
	JsonbContainer *rel;
	GlobalLicense global[3];
	GlobalLicense distribution;
	bool		seen_at[MOF_COMPONENTS];
	int			seen_item[MOF_COMPONENTS];

	memset(r, 0, sizeof(MofResult));
	memset(seen_at, 0, sizeof(seen_at));
	memset(global, 0, sizeof(global));
	memset(&distribution, 0, sizeof(distribution));

	if (!JB_ROOT_IS_OBJECT(record) || JB_ROOT_IS_SCALAR(record))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a MOF record must be a JSON object, not %s",
						JB_ROOT_IS_SCALAR(record) ? "a scalar" : "an array"),
				 errhint("Give the whole Model Openness Tool record: {\"release\": {\"name\": ..., \"license\": {...}, \"components\": [...]}}.")));
	if (!get_key(&record->root, "release", &release))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the MOF record has no \"release\" key"),
				 errhint("Give the whole Model Openness Tool record: {\"release\": {\"name\": ..., \"license\": {...}, \"components\": [...]}}.")));
	if (!is_object(&release))
		wrong_type("release", &release, "an object", NULL);
	rel = release.val.binary.data;

	if (get_key(rel, "license", &v) && v.type != jbvNull)
	{
		if (!is_object(&v))
			wrong_type("release.license", &v, "an object",
					   "Give the release's licences per content type, for example {\"distribution\": {\"name\": \"Apache-2.0\"}}.");
		read_global(v.val.binary.data, "distribution", &distribution);
		read_global(v.val.binary.data, "code", &global[MOF_CODE]);
		read_global(v.val.binary.data, "data", &global[MOF_DATA]);
		read_global(v.val.binary.data, "document", &global[MOF_DOCUMENT]);
	}

	if (get_key(rel, "components", &v) && v.type != jbvNull)
	{
		JsonbIterator *it;
		JsonbValue	item;
		JsonbIteratorToken tok;
		int			n = 0;

		if (!is_array(&v))
			wrong_type("release.components", &v, "an array", NULL);
		it = JsonbIteratorInit(v.val.binary.data);
		while ((tok = JsonbIteratorNext(&it, &item, true)) != WJB_DONE)
			if (tok == WJB_ELEM)
				read_component(&item, n++, seen_at, seen_item, r);
	}

	for (int i = 0; i < MOF_COMPONENTS; i++)
	{
		MofComponentResult *c = &r->c[i];
		MofContentType type = mof_components[i].type;
		GlobalLicense *g;
		const LicenseInfo *info;

		if (!seen_at[i])
		{
			c->status = MOF_MISSING;
			continue;
		}
		if (c->from == MOF_FROM_COMPONENT)
		{
			LicenseMatch m = lookup_license(c->license, c->license_len, &info);

			judge_license(c, m, info, type, type_strict);
			continue;
		}
		g = global[type].text != NULL ? &global[type] :
			distribution.text != NULL ? &distribution : NULL;
		if (g == NULL)
		{
			c->status = MOF_UNLICENSED;
			continue;
		}
		c->from = g == &distribution ? MOF_FROM_GLOBAL_DISTRIBUTION : MOF_FROM_GLOBAL_TYPE;
		c->license = g->text;
		c->license_len = g->len;
		if (!g->looked_up)
		{
			g->match = lookup_license(g->text, g->len, &g->info);
			g->looked_up = true;
		}
		judge_license(c, g->match, g->info, type, type_strict);
	}

	/* cumulative: class III's requirements, then II's, then I's */
	r->mof_class = 0;
	for (int cls = 3; cls >= 1; cls--)
	{
		for (int i = 0; i < MOF_COMPONENTS; i++)
			if (mof_components[i].mof_class == cls && mof_components[i].required &&
				!mof_component_satisfied(r, i))
				return;
		r->mof_class = cls;
	}
}

Datum
glossary_mof_class(PG_FUNCTION_ARGS)
{
	Jsonb	   *record = PG_GETARG_JSONB_P(0);
	bool		type_strict = PG_GETARG_BOOL(1);
	MofResult	r;

	mof_evaluate(record, type_strict, &r);
	PG_RETURN_INT32(r.mof_class);
}
