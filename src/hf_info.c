/*
 * hf_info.c
 *	  Read a Hugging Face Hub model-info document (the JSON of /api/models/ID)
 *	  into HfFacts.
 *
 * Only the fields the classifier uses are read: id, cardData (license,
 * license_name, license_link, datasets, base_model, base_model_relation), tags,
 * gated, disabled and siblings[].rfilename.  Every other field of the document
 * is skipped without being looked at.  A used field of the wrong type is an
 * error naming its path.  Strings stay in the jsonb: nothing is copied.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "mb/pg_wchar.h"
#include "utils/jsonb.h"

#include "hf.h"

pg_noreturn static void
wrong_type(const char *path, int index, const char *expected, const JsonbValue *v, const char *hint)
{
	char	   *where = index >= 0 ? psprintf("%s[%d]", path, index) : pstrdup(path);

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("model info field \"%s\" must be %s, not %s", where, expected, json_type_phrase(v)),
			 errhint("%s", hint)));
}

static bool
key_is(const JsonbValue *k, const char *name)
{
	int			n = strlen(name);

	return k->val.string.len == n && memcmp(k->val.string.val, name, n) == 0;
}

static HfWhere
where_at(HfField field, int index)
{
	HfWhere		w = {field, index, 0};

	return w;
}

typedef void (*AddFn) (HfFacts *f, const char *s, int len, HfWhere where);

/* a string, or an array of strings; null says nothing */
static void
read_strings(HfFacts *f, const JsonbValue *v, const char *path, HfField field, AddFn add,
			 const char *hint)
{
	JsonbIterator *it;
	JsonbValue	e;
	JsonbIteratorToken tok;
	int			i = 0;

	if (v->type == jbvNull)
		return;
	if (v->type == jbvString)
	{
		add(f, v->val.string.val, v->val.string.len, where_at(field, -1));
		return;
	}
	if (v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data))
		wrong_type(path, -1, "a string, an array of strings or null", v, hint);
	it = JsonbIteratorInit(v->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
	{
		if (tok != WJB_ELEM)
			continue;
		if (e.type != jbvString)
			wrong_type(path, i, "a string", &e, hint);
		add(f, e.val.string.val, e.val.string.len, where_at(field, i));
		i++;
	}
}

static FactText
read_text(const JsonbValue *v, const char *path, const char *hint)
{
	FactText	t = {NULL, 0};

	if (v->type == jbvNull)
		return t;
	if (v->type != jbvString)
		wrong_type(path, -1, "a string or null", v, hint);
	if (v->val.string.len > 0)
	{
		t.val = v->val.string.val;
		t.len = v->val.string.len;
	}
	return t;
}

static void
read_card_data(HfFacts *f, const JsonbValue *card)
{
	JsonbIterator *it;
	JsonbValue	k,
				v;
	JsonbIteratorToken tok;

	if (card->type == jbvNull)
		return;
	if (card->type != jbvBinary || !JsonContainerIsObject(card->val.binary.data))
		wrong_type("cardData", -1, "an object or null", card,
				   "Pass the model card's metadata as the Hub returns it, such as {\"license\": \"apache-2.0\"}.");
	it = JsonbIteratorInit(card->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		if (tok != WJB_KEY)
			continue;
		tok = JsonbIteratorNext(&it, &v, true);
		Assert(tok == WJB_VALUE);
		if (key_is(&k, "license"))
			read_strings(f, &v, "cardData.license", HF_FIELD_CARD_LICENSE, hf_add_card_license,
						 "Write the licence as a Hugging Face licence tag or SPDX id, such as \"apache-2.0\", or a list of them.");
		else if (key_is(&k, "license_name"))
		{
			f->license_name = read_text(&v, "cardData.license_name",
										"Write the licence name that goes with license: other, such as \"qwen\".");
			f->license_name_where = where_at(HF_FIELD_CARD_LICENSE_NAME, -1);
		}
		else if (key_is(&k, "license_link"))
			f->license_link = read_text(&v, "cardData.license_link",
										"Write the link to the licence text as a string.");
		else if (key_is(&k, "datasets"))
			read_strings(f, &v, "cardData.datasets", HF_FIELD_CARD_DATASETS, hf_add_dataset,
						 "Write the training datasets as Hub ids, such as [\"EleutherAI/pile\"].");
		else if (key_is(&k, "base_model"))
			read_strings(f, &v, "cardData.base_model", HF_FIELD_CARD_BASE_MODEL, hf_add_base_model,
						 "Write the base model as a Hub id, such as \"meta-llama/Llama-3.1-8B\", or a list of them.");
		else if (key_is(&k, "base_model_relation"))
		{
			FactText	rel = read_text(&v, "cardData.base_model_relation",
										"Write the relation as \"finetune\", \"adapter\", \"quantized\" or \"merge\".");

			if (rel.val)
				f->base_relation = rel;
		}
	}
}

static void
read_tags(HfFacts *f, const JsonbValue *v)
{
	JsonbIterator *it;
	JsonbValue	e;
	JsonbIteratorToken tok;
	int			i = 0;
	const char *hint = "Pass the tags as the Hub returns them, a list of strings such as [\"license:mit\", \"base_model:gpt2\"].";

	if (v->type == jbvNull)
		return;
	if (v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data))
		wrong_type("tags", -1, "an array of strings or null", v, hint);
	it = JsonbIteratorInit(v->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
	{
		if (tok != WJB_ELEM)
			continue;
		if (e.type != jbvString)
			wrong_type("tags", i, "a string", &e, hint);
		hf_add_tag(f, e.val.string.val, e.val.string.len, where_at(HF_FIELD_TAG, i));
		i++;
	}
}

static void
read_siblings(HfFacts *f, const JsonbValue *v)
{
	JsonbIterator *it;
	JsonbValue	e,
				name;
	JsonbIteratorToken tok;
	int			i = 0;
	const char *hint = "Pass the repository's files as the Hub returns them, a list such as [{\"rfilename\": \"model.safetensors\"}].";

	if (v->type == jbvNull)
		return;
	if (v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data))
		wrong_type("siblings", -1, "an array of objects or null", v, hint);
	f->files_listed = true;
	it = JsonbIteratorInit(v->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
	{
		if (tok != WJB_ELEM)
			continue;
		if (e.type != jbvBinary || !JsonContainerIsObject(e.val.binary.data))
			wrong_type("siblings", i, "an object", &e, hint);
		if (getKeyJsonValueFromContainer(e.val.binary.data, "rfilename", 9, &name) == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("model info field \"siblings[%d]\" has no \"rfilename\"", i),
					 errhint("%s", hint)));
		if (name.type != jbvString)
			wrong_type(psprintf("siblings[%d].rfilename", i), -1, "a string", &name, hint);
		hf_add_file(f, name.val.string.val, name.val.string.len, where_at(HF_FIELD_SIBLING, i));
		i++;
	}
}

static void
read_gated(HfFacts *f, const JsonbValue *v)
{
	f->gated_where = where_at(HF_FIELD_GATED, -1);
	if (v->type == jbvNull)
		f->gated = HF_GATE_NOT_STATED;
	else if (v->type == jbvBool)
		f->gated = v->val.boolean ? HF_GATE_YES : HF_GATE_NONE;
	else if (v->type == jbvString && v->val.string.len == 4 && memcmp(v->val.string.val, "auto", 4) == 0)
		f->gated = HF_GATE_AUTO;
	else if (v->type == jbvString && v->val.string.len == 6 && memcmp(v->val.string.val, "manual", 6) == 0)
		f->gated = HF_GATE_MANUAL;
	else if (v->type == jbvString)
	{
		int			len = v->val.string.len;

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("model info field \"gated\" must be false, \"auto\" or \"manual\", not \"%s\"",
						pnstrdup(v->val.string.val, pg_mbcliplen(v->val.string.val, len, Min(len, 64)))),
				 errhint("Pass the gated field as the Hub returns it.")));
	}
	else
		wrong_type("gated", -1, "false, \"auto\", \"manual\" or null", v,
				   "Pass the gated field as the Hub returns it.");
}

void
hf_read_info(Jsonb *info, HfFacts *f)
{
	JsonbIterator *it;
	JsonbValue	k,
				v;
	JsonbIteratorToken tok;

	hf_facts_init(f, false);
	if (!JB_ROOT_IS_OBJECT(info))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("model info must be a JSON object, not %s",
						JB_ROOT_IS_SCALAR(info) ? "a scalar" : "an array"),
				 errhint("Pass one document as the Hub API returns it for /api/models/ID, such as {\"id\": \"gpt2\", \"siblings\": [{\"rfilename\": \"model.safetensors\"}]}.")));

	it = JsonbIteratorInit(&info->root);
	while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		if (tok != WJB_KEY)
			continue;
		tok = JsonbIteratorNext(&it, &v, true);
		Assert(tok == WJB_VALUE);
		switch (k.val.string.len)
		{
			case 2:
				if (key_is(&k, "id"))
					f->id = read_text(&v, "id", "Write the model's Hub id, such as \"EleutherAI/pythia-12b\".");
				break;
			case 4:
				if (key_is(&k, "tags"))
					read_tags(f, &v);
				break;
			case 5:
				if (key_is(&k, "gated"))
					read_gated(f, &v);
				break;
			case 8:
				if (key_is(&k, "cardData"))
					read_card_data(f, &v);
				else if (key_is(&k, "siblings"))
					read_siblings(f, &v);
				else if (key_is(&k, "disabled"))
				{
					if (v.type == jbvBool)
						f->disabled = v.val.boolean ? FACT_TRUE : FACT_FALSE;
					else if (v.type != jbvNull)
						wrong_type("disabled", -1, "a boolean or null", &v,
								   "Pass the disabled field as the Hub returns it.");
				}
				break;
		}
	}
}
