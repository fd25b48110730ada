/*
 * hf_release.c
 *	  The SQL functions on Hugging Face records:
 *		release_from_hf(info jsonb) -> jsonb
 *		release_from_model_card(readme text, siblings text[]) -> jsonb
 *		classify_hf(info jsonb, open_data_counts boolean) -> glossary.openness
 *		classify_hf_explain(info jsonb, open_data_counts boolean) -> jsonb
 *
 * classify_hf is the hot path: it reads the document into HfFacts, maps them to
 * ReleaseFacts and runs classify.c's rules, building no jsonb.  The others write
 * their object as JSON text (not a hot path), like classify_explain.c.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"

#include "hf.h"

PG_FUNCTION_INFO_V1(glossary_release_from_hf);
PG_FUNCTION_INFO_V1(glossary_release_from_model_card);
PG_FUNCTION_INFO_V1(glossary_classify_hf);
PG_FUNCTION_INFO_V1(glossary_classify_hf_explain);

/* classify_explain.c */
extern Datum glossary_classify_release_explain(PG_FUNCTION_ARGS);

/* longest text quoted in a sentence, in bytes */
#define QUOTE_MAX 64

/* text clipped for a sentence, NUL-terminated */
static char *
quoted(FactText t)
{
	if (t.len <= QUOTE_MAX)
		return pnstrdup(t.val, t.len);
	return psprintf("%s...", pnstrdup(t.val, pg_mbcliplen(t.val, t.len, QUOTE_MAX)));
}

/* where a fact was read, as a field path of the record */
static char *
field_path(const HfFacts *f, HfWhere w)
{
	const char *name = NULL;

	switch (w.field)
	{
		case HF_FIELD_NONE:
			return pstrdup("(none)");
		case HF_FIELD_CARD_LICENSE:
			name = "license";
			break;
		case HF_FIELD_CARD_LICENSE_NAME:
			name = "license_name";
			break;
		case HF_FIELD_CARD_BASE_MODEL:
			name = "base_model";
			break;
		case HF_FIELD_CARD_DATASETS:
			name = "datasets";
			break;
		case HF_FIELD_TAG:
			return psprintf("tags[%d]", w.index);
		case HF_FIELD_SIBLING:
			return f->from_card ? psprintf("siblings[%d]", w.index + 1) :
				psprintf("siblings[%d].rfilename", w.index);
		case HF_FIELD_GATED:
			return f->from_card ? psprintf("extra_gated_* at line %d", w.line) : pstrdup("gated");
		case HF_FIELD_DISABLED:
			return pstrdup("disabled");
	}
	if (f->from_card)
		return w.index >= 0 ? psprintf("%s[%d] at line %d", name, w.index, w.line) :
			psprintf("%s at line %d", name, w.line);
	return w.index >= 0 ? psprintf("cardData.%s[%d]", name, w.index) : psprintf("cardData.%s", name);
}

static const char *
gate_name(HfGate g)
{
	switch (g)
	{
		case HF_GATE_NONE:
			return "false";
		case HF_GATE_AUTO:
			return "\"auto\"";
		case HF_GATE_MANUAL:
			return "\"manual\"";
		case HF_GATE_YES:
			return "true";
		case HF_GATE_NOT_STATED:
			break;
	}
	return "null";
}

static const char *
repository_kind(const HfFacts *f)
{
	if (f->disabled == FACT_TRUE)
		return "disabled";
	if (!f->files_listed)
		return "not_listed";
	if (f->nweights > 0)
		return "weights";
	if (f->nadapters > 0)
		return "adapter_only";
	return "no_weights";
}

static char *
formats_phrase(uint32 formats)
{
	StringInfoData s;

	initStringInfo(&s);
	for (int bit = 0; bit < HF_FORMAT_COUNT; bit++)
		if (formats & (1 << bit))
			appendStringInfo(&s, "%s%s", s.len ? ", " : "", hf_format_name(bit));
	return s.data;
}

static char *
weights_source(const HfFacts *f)
{
	char	   *s;

	if (f->disabled == FACT_TRUE)
		return pstrdup("false: the Hub has disabled this repository (disabled: true), so none of its files can be downloaded.");
	if (!f->files_listed)
		return f->from_card ?
			pstrdup("not stated: a model card does not list the repository's files; pass their names as the siblings argument.") :
			pstrdup("not stated: the document has no siblings list, so it does not show whether weight files are there.");
	if (f->nweights > 0)
		s = psprintf("true: %s (%s) is a weight file; weight files: %d of %d (%s).",
					 quoted(f->first_weight), field_path(f, f->first_weight_where),
					 f->nweights, f->nfiles, formats_phrase(f->formats));
	else if (f->nadapters > 0)
		s = psprintf("true: the repository holds only an adapter, %s (%s), whose parameters can be downloaded; it is used with its base model's weights, which are not in this repository.",
					 quoted(f->first_adapter), field_path(f, f->first_adapter_where));
	else if (f->nfiles == 0)
		return pstrdup("false: the repository lists no files.");
	else
		return psprintf("false: none of the %d files is a weight file or an adapter; the repository holds only code, configuration or documentation.",
						f->nfiles);
	if (f->gated == HF_GATE_AUTO || f->gated == HF_GATE_YES)
		s = psprintf("%s The download is gated (%s = %s): the terms are accepted online before the files can be fetched, and a gated download counts as downloadable.",
					 s, field_path(f, f->gated_where), gate_name(f->gated));
	else if (f->gated == HF_GATE_MANUAL)
		s = psprintf("%s The download is gated (gated = \"manual\"): the authors approve each request; the files are still published, so they count as downloadable.", s);
	return s;
}

/* what the base model's terms ask of a derivative, by licence tag */
static const char *
base_terms_duty(const char *tag)
{
	if (strcmp(tag, "gemma") == 0)
		return "the Gemma Terms of Use cover models derived from Gemma: whoever distributes one must pass on the use restrictions of the Gemma Prohibited Use Policy as enforceable terms and provide the terms, and Google may restrict use if it believes they are broken";
	if (strcmp(tag, "llama2") == 0)
		return "the Llama 2 Community License covers derivative works of the Llama materials: a copy of the licence goes with every redistribution, and the acceptable use policy and the 700 million monthly-user clause still apply";
	if (strcmp(tag, "llama3") == 0)
		return "the Meta Llama 3 Community License covers derivative works of the Llama materials: a copy of the licence goes with every redistribution, \"Built with Meta Llama 3\" must be shown, a derived model's name must begin with \"Llama 3\", and the acceptable use policy and the 700 million monthly-user clause still apply";
	return "the Llama Community License covers derivative works of the Llama materials: a copy of the licence goes with every redistribution, \"Built with Llama\" must be shown, a derived model's name must begin with \"Llama\", and the acceptable use policy and the 700 million monthly-user clause still apply";
}

static char *
declared_phrase(const HfFacts *f, const HfLicense *d)
{
	char	   *s;

	if (d == NULL)
		return f->license_name.val ?
			psprintf("only the licence name \"%s\" (%s)", quoted(f->license_name),
					 field_path(f, f->license_name_where)) :
			pstrdup("no licence");
	s = psprintf("\"%s\" (%s)", quoted(d->text), field_path(f, d->where));
	if (d->match == LICENSE_NOT_STATED && f->license_name.val)
		s = psprintf("%s with license_name \"%s\" (%s)", s, quoted(f->license_name),
					 field_path(f, f->license_name_where));
	return s;
}

static char *
license_source(const HfFacts *f, const HfMapping *m)
{
	const HfLicense *d = m->declared;
	char	   *s = NULL;

	switch (m->license_rule)
	{
		case HF_RULE_NONE:
			return f->from_card ? pstrdup("not stated: the front matter has no license key.") :
				pstrdup("not stated: neither cardData.license nor a license: tag gives a licence.");
		case HF_RULE_CARD:
			if (d == NULL)
				return pstrdup("not stated: only license_name is given, without a license key.");
			s = psprintf("%s: \"%s\".", field_path(f, d->where), quoted(d->text));
			break;
		case HF_RULE_TAG:
			s = psprintf("%s: \"license:%s\" (cardData states no licence).",
						 field_path(f, d->where), quoted(d->text));
			break;
		case HF_RULE_BASE:
			return psprintf("\"%s\": the base model %s (%s) is under %s, whose terms bind this derivative; the record itself declares %s.",
							f->binding_terms.tag, quoted(f->binding_base),
							field_path(f, f->binding_base_where), f->binding_terms.info->id,
							declared_phrase(f, d));
		case HF_RULE_CARD_AND_BASE:
			s = psprintf("%s: \"%s\"; the base model %s (%s) is under %s, whose terms bind this derivative too.",
						 field_path(f, d->where), quoted(d->text), quoted(f->binding_base),
						 field_path(f, f->binding_base_where), f->binding_terms.info->id);
			break;
	}
	if (d && d->count > 1)
		s = psprintf("%s The field lists %d licences; the least open one is used.", s, d->count);
	return s;
}

static char *
license_name_source(const HfFacts *f, const HfMapping *m)
{
	if (m->release.weights_license_name.val)
		return psprintf("%s: \"%s\"%s.", field_path(f, f->license_name_where),
						quoted(f->license_name),
						f->license_link.val ? psprintf(" (licence text: %s)", quoted(f->license_link)) : "");
	if (f->license_name.val && m->license_rule == HF_RULE_BASE)
		return pstrdup("not used: the base model's terms decide the licence.");
	if (f->license_name.val)
		return psprintf("not used: %s is given, but the licence key is not the placeholder \"other\".",
						field_path(f, f->license_name_where));
	return pstrdup("not stated.");
}

static char *
data_source(const HfFacts *f)
{
	int			n = HF_DATASET_COUNT(f);

	if (n == 0)
		return pstrdup("not stated: no training datasets are named.");
	return psprintf("partial: %d training dataset%s named, the first %s (%s); a list of datasets is not the complete description of all training data that OSAID 1.0 asks for.",
					n, n == 1 ? " is" : "s are", quoted(f->first_dataset),
					field_path(f, f->first_dataset_where));
}

static void
append_text_or_null(StringInfo s, FactText t)
{
	if (t.val == NULL)
		appendStringInfoString(s, "null");
	else
		escape_json(s, pnstrdup(t.val, t.len));
}

static void
append_fact(StringInfo s, Fact fact)
{
	appendStringInfoString(s, fact == FACT_TRUE ? "true" : fact == FACT_FALSE ? "false" : "null");
}

static void
append_warnings(StringInfo s, const HfFacts *f, const HfMapping *m)
{
	bool		first = true;

#define WARN(...) \
	do { \
		if (!first) appendStringInfoChar(s, ','); \
		escape_json(s, psprintf(__VA_ARGS__)); \
		first = false; \
	} while (0)

	appendStringInfoString(s, "\"warnings\":[");
	if (f->binding_terms.info)
		WARN("The base model %s is under %s, and %s.", quoted(f->binding_base),
			 f->binding_terms.info->id, base_terms_duty(f->binding_terms.tag));
	if (m->license_rule == HF_RULE_BASE && m->declared &&
		m->declared->match == LICENSE_RECOGNISED)
		WARN("The record declares \"%s\" (%s), but that licence cannot take the base model's terms away; the verdict uses %s.",
			 quoted(m->declared->text), m->declared->info->id, f->binding_terms.info->id);
	if (HF_BASE_COUNT(f) > 0 && f->binding_terms.info == NULL)
		WARN("The record names the base model %s (%s)%s; its licence is not part of this record, and its terms may bind this derivative: check them.",
			 quoted(f->first_base), field_path(f, f->first_base_where),
			 f->base_relation.val ? psprintf(", relation %s", quoted(f->base_relation)) : "");
	if (f->binding_terms.info && HF_BASE_COUNT(f) > 1)
		WARN("The record names %d base models; the terms of the first one whose terms are known (%s) are used.",
			 HF_BASE_COUNT(f), quoted(f->binding_base));
	if (f->files_listed && f->disabled != FACT_TRUE && f->nweights == 0 && f->nadapters > 0)
		WARN("The repository holds only an adapter (%s): the adapter is used with its base model's weights, which are not here.",
			 quoted(f->first_adapter));
	if (f->files_listed && f->disabled != FACT_TRUE && f->nweights == 0 && f->nadapters == 0)
		WARN("The repository holds no weight file: only code, configuration or documentation%s.",
			 f->nadapter_configs > 0 ? " (an adapter configuration without adapter weights)" : "");
	if (f->gated == HF_GATE_MANUAL && f->disabled != FACT_TRUE)
		WARN("Access is gated with manual approval: the authors decide who may download the files.");
	if (f->disabled == FACT_TRUE)
		WARN("The Hub has disabled this repository.");
	appendStringInfoChar(s, ']');
#undef WARN
}

/* the release card, with the keys of classify_release */
static void
append_release_card(StringInfo s, const ReleaseFacts *r)
{
	appendStringInfoString(s, "{\"weights_available\":");
	append_fact(s, r->weights_available);
	appendStringInfoString(s, ",\"weights_license\":");
	append_text_or_null(s, r->weights_license);
	appendStringInfoString(s, ",\"weights_license_name\":");
	append_text_or_null(s, r->weights_license_name);
	appendStringInfoString(s, ",\"code_available\":null,\"code_license\":null,\"data_information\":");
	if (r->data_information == DATA_PARTIAL)
		appendStringInfoString(s, "\"partial\"");
	else
		appendStringInfoString(s, "null");
	appendStringInfoString(s, ",\"extra_use_policy\":null}");
}

/*
 * The keys release_from_hf and release_from_model_card return, without the
 * braces around them (classify_hf_explain adds its own keys).
 */
static void
append_release_keys(StringInfo s, const HfFacts *f, const HfMapping *m)
{
	appendStringInfoString(s, "\"id\":");
	append_text_or_null(s, f->id);
	appendStringInfoString(s, ",\"release\":");
	append_release_card(s, &m->release);

	appendStringInfoString(s, ",\"sources\":{\"weights_available\":");
	escape_json(s, weights_source(f));
	appendStringInfoString(s, ",\"weights_license\":");
	escape_json(s, license_source(f, m));
	appendStringInfoString(s, ",\"weights_license_name\":");
	escape_json(s, license_name_source(f, m));
	appendStringInfoString(s, ",\"code_available\":");
	escape_json(s, f->from_card ?
				"not stated: model card metadata does not say whether the complete training code is public." :
				"not stated: a Hub record does not say whether the complete training code is public.");
	appendStringInfoString(s, ",\"code_license\":");
	escape_json(s, "not stated.");
	appendStringInfoString(s, ",\"data_information\":");
	escape_json(s, data_source(f));
	appendStringInfoString(s, ",\"extra_use_policy\":");
	escape_json(s, "not stated: the record does not say whether a use policy is attached beyond the licence; a licence's own policy is judged with the licence.");
	appendStringInfoChar(s, '}');

	appendStringInfo(s, ",\"repository\":\"%s\",\"files\":", repository_kind(f));
	if (f->files_listed)
	{
		appendStringInfo(s, "{\"count\":%d,\"weights\":%d,\"adapters\":%d,\"adapter_configs\":%d,\"formats\":[",
						 f->nfiles, f->nweights, f->nadapters, f->nadapter_configs);
		for (int bit = 0, n = 0; bit < HF_FORMAT_COUNT; bit++)
			if (f->formats & (1 << bit))
				appendStringInfo(s, "%s\"%s\"", n++ ? "," : "", hf_format_name(bit));
		appendStringInfoString(s, "]}");
	}
	else
		appendStringInfoString(s, "null");
	appendStringInfo(s, ",\"gated\":%s", gate_name(f->gated));
	appendStringInfoString(s, ",\"base_model\":");
	if (HF_BASE_COUNT(f) > 0 || f->binding_terms.info)
	{
		appendStringInfoString(s, "{\"first\":");
		append_text_or_null(s, f->first_base.val ? f->first_base : f->binding_base);
		appendStringInfo(s, ",\"count\":%d,\"relation\":", Max(HF_BASE_COUNT(f), 1));
		append_text_or_null(s, f->base_relation);
		appendStringInfoString(s, ",\"binding_terms\":");
		if (f->binding_terms.info)
			escape_json(s, f->binding_terms.info->id);
		else
			appendStringInfoString(s, "null");
		appendStringInfoChar(s, '}');
	}
	else
		appendStringInfoString(s, "null");
	appendStringInfoChar(s, ',');
	append_warnings(s, f, m);
}

static Datum
release_object(const HfFacts *f)
{
	HfMapping	m;
	StringInfoData s;

	hf_map(f, &m);
	initStringInfo(&s);
	appendStringInfoChar(&s, '{');
	append_release_keys(&s, f, &m);
	appendStringInfoChar(&s, '}');
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(s.data));
}

/* release_from_hf(info jsonb) -> jsonb */
Datum
glossary_release_from_hf(PG_FUNCTION_ARGS)
{
	Jsonb	   *info = PG_GETARG_JSONB_P(0);
	HfFacts		f;

	hf_read_info(info, &f);
	PG_RETURN_DATUM(release_object(&f));
}

/* release_from_model_card(readme text, siblings text[] DEFAULT NULL) -> jsonb; not STRICT */
Datum
glossary_release_from_model_card(PG_FUNCTION_ARGS)
{
	HfFacts		f;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	hf_read_model_card(PG_GETARG_TEXT_PP(0), &f);
	if (!PG_ARGISNULL(1))
	{
		ArrayType  *files = PG_GETARG_ARRAYTYPE_P(1);
		Datum	   *elems;
		bool	   *nulls;
		int			n;

		if (ARR_NDIM(files) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("\"siblings\" must be a one-dimensional array of file names")));
		deconstruct_array(files, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
		f.files_listed = true;
		for (int i = 0; i < n; i++)
		{
			text	   *t;
			HfWhere		w = {HF_FIELD_SIBLING, i, 0};

			if (nulls[i])
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("\"siblings[%d]\" is NULL", i + 1),
						 errhint("Pass the repository's file names, such as ARRAY['config.json', 'model.safetensors'].")));
			t = DatumGetTextPP(elems[i]);
			hf_add_file(&f, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), w);
		}
	}
	PG_RETURN_DATUM(release_object(&f));
}

/* classify_hf(info jsonb, open_data_counts boolean) -> glossary.openness */
Datum
glossary_classify_hf(PG_FUNCTION_ARGS)
{
	Jsonb	   *info = PG_GETARG_JSONB_P(0);
	bool		open_data_counts = PG_GETARG_BOOL(1);
	HfFacts		f;
	HfMapping	m;
	Classification c;

	hf_read_info(info, &f);
	hf_map(&f, &m);
	release_classify(&m.release, open_data_counts, false, &c);
	PG_FREE_IF_COPY(info, 0);
	PG_RETURN_OID(openness_oid(c.verdict));
}

/* the names of the fields the verdict was read from */
static void
append_fields_used(StringInfo s, const HfFacts *f, const HfMapping *m)
{
	bool		first = true;

#define USED(path) \
	do { \
		if (!first) appendStringInfoChar(s, ','); \
		escape_json(s, (path)); \
		first = false; \
	} while (0)

	appendStringInfoString(s, "\"fields_used\":[");
	if (f->disabled == FACT_TRUE)
		USED("disabled");
	else if (f->files_listed)
		USED("siblings");
	if (m->declared)
		USED(field_path(f, m->declared->where));
	if (m->release.weights_license_name.val)
		USED(field_path(f, f->license_name_where));
	if (f->binding_terms.info)
		USED(field_path(f, f->binding_base_where));
	if (HF_DATASET_COUNT(f) > 0)
		USED(field_path(f, f->first_dataset_where));
	if (f->gated != HF_GATE_NOT_STATED)
		USED(field_path(f, f->gated_where));
	appendStringInfoChar(s, ']');
#undef USED
}

/* append the value of key in the jsonb object, as JSON text */
static void
append_member(StringInfo s, Jsonb *obj, const char *key, bool first)
{
	JsonbValue	v;

	if (getKeyJsonValueFromContainer(&obj->root, key, strlen(key), &v) == NULL)
		elog(ERROR, "classify_release_explain gave no \"%s\"", key);
	appendStringInfo(s, "%s\"%s\":", first ? "" : ",", key);
	if (v.type == jbvBinary)
		(void) JsonbToCString(s, v.val.binary.data, v.val.binary.len);
	else if (v.type == jbvString)
		escape_json(s, pnstrdup(v.val.string.val, v.val.string.len));
	else
		appendStringInfoString(s, "null");
}

/* classify_hf_explain(info jsonb, open_data_counts boolean) -> jsonb */
Datum
glossary_classify_hf_explain(PG_FUNCTION_ARGS)
{
	Jsonb	   *info = PG_GETARG_JSONB_P(0);
	bool		open_data_counts = PG_GETARG_BOOL(1);
	HfFacts		f;
	HfMapping	m;
	StringInfoData s;
	Jsonb	   *explain;

	hf_read_info(info, &f);
	hf_map(&f, &m);

	/* the release card, explained by classify_release_explain: one set of rules */
	initStringInfo(&s);
	append_release_card(&s, &m.release);
	explain = DatumGetJsonbP(DirectFunctionCall2(glossary_classify_release_explain,
												 DirectFunctionCall1(jsonb_in, CStringGetDatum(s.data)),
												 BoolGetDatum(open_data_counts)));

	resetStringInfo(&s);
	appendStringInfoChar(&s, '{');
	append_member(&s, explain, "verdict", true);
	append_member(&s, explain, "reason", false);
	appendStringInfoChar(&s, ',');
	append_fields_used(&s, &f, &m);
	appendStringInfoChar(&s, ',');
	append_release_keys(&s, &f, &m);
	append_member(&s, explain, "criteria", false);
	append_member(&s, explain, "missing", false);
	append_member(&s, explain, "license", false);
	appendStringInfoChar(&s, '}');
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(s.data)));
}
