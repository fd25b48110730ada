/*
 * classify_explain.c
 *	  classify_release_explain(): the verdict of classify_release() with one sentence
 *	  per criterion and the licences as recognised, as a jsonb object.
 *
 * Not a hot path: the object is written as JSON text and parsed by jsonb_in.
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"

#include "classify.h"

PG_FUNCTION_INFO_V1(glossary_classify_release_explain);

/* longest licence text quoted in a sentence, in bytes */
#define QUOTE_MAX 64

static const char *
status_name(CriterionStatus s)
{
	return s == CRITERION_PASS ? "pass" : s == CRITERION_FAIL ? "fail" : "unknown";
}

/* a licence text as given, clipped for display, NUL-terminated */
static char *
given_text(const FactText *t)
{
	if (t->len <= QUOTE_MAX)
		return pnstrdup(t->val, t->len);
	return psprintf("%s...", pnstrdup(t->val, pg_mbcliplen(t->val, t->len, QUOTE_MAX)));
}

/* "ID (Name)" */
static char *
license_label(const LicenseInfo *l)
{
	return psprintf("%s (%s)", l->id, l->name);
}

/* "; restriction; restriction" sentences of the flags set on l */
static void
append_restrictions(StringInfo s, const LicenseInfo *l)
{
	bool		first = true;

	for (int bit = 0; bit < license_flag_count(); bit++)
	{
		if (!(l->restrictions & ((uint32) 1 << bit)))
			continue;
		appendStringInfoString(s, first ? ": " : "; ");
		appendStringInfoString(s, license_flag_description(bit));
		first = false;
	}
	if (first)
		appendStringInfoString(s, " that is neither OSI-approved nor an open-data licence");
}

static char *
license_reason(const ResolvedLicense *r, bool open_data_counts, const ReleaseFacts *f)
{
	StringInfoData s;

	initStringInfo(&s);
	if (r->match == LICENSE_NOT_STATED)
	{
		if (r->given.val)
			appendStringInfo(&s, "The weights licence is given only as \"%s\" and weights_license_name is not stated.",
							 given_text(&r->given));
		else
			appendStringInfoString(&s, "No weights licence is stated.");
		return s.data;
	}
	if (r->match == LICENSE_UNRECOGNISED)
	{
		appendStringInfo(&s, "The licence \"%s\" (%s) is not one the extension recognises, so it is not guessed.",
						 given_text(&r->given), r->from);
		return s.data;
	}
	appendStringInfo(&s, "\"%s\" is %s, ", given_text(&r->given), license_label(r->info));
	switch (r->info->kind)
	{
		case LICENSE_KIND_OSI:
			appendStringInfoString(&s, "an OSI-approved licence.");
			break;
		case LICENSE_KIND_FSF_LIBRE:
			appendStringInfoString(&s, "a free software licence (FSF-libre in the SPDX list), counted as open like an OSI-approved one.");
			break;
		case LICENSE_KIND_OPEN_DATA:
			if (open_data_counts)
				appendStringInfoString(&s, "an open-data licence, counted as open for weights as the Model Openness Framework does (open_data_counts is true).");
			else
				appendStringInfoString(&s, "an open-data licence, not counted as open for weights because open_data_counts is false.");
			break;
		case LICENSE_KIND_RESTRICTED:
			appendStringInfoString(&s, "a restricted licence");
			append_restrictions(&s, r->info);
			appendStringInfoChar(&s, '.');
			break;
	}
	return s.data;
}

static char *
code_reason(const Classification *c, const ReleaseFacts *f)
{
	const ResolvedLicense *r = &c->code_license;
	const char *defaulted = c->code_license_defaulted ?
		" (the weights licence, as code_license is not stated)" : "";

	if (f->code_available == FACT_FALSE)
		return pstrdup("The complete training and data-processing code is not public.");
	if (f->code_available == FACT_NOT_STATED)
		return pstrdup("code_available is not stated, so the training code is not counted as public.");
	if (r->match == LICENSE_NOT_STATED)
	{
		if (r->given.val)
			return psprintf("The training code is public, but its licence is given only as \"%s\".",
							given_text(&r->given));
		return pstrdup("The training code is public, but neither a code licence nor a weights licence is stated.");
	}
	if (r->match == LICENSE_UNRECOGNISED)
		return psprintf("The training code is public, but its licence \"%s\"%s is not recognised.",
						given_text(&r->given), defaulted);
	switch (r->info->kind)
	{
		case LICENSE_KIND_OSI:
			return psprintf("The training code is public under %s%s, an OSI-approved licence.",
							r->info->id, defaulted);
		case LICENSE_KIND_FSF_LIBRE:
			return psprintf("The training code is public under %s%s, a free software licence (FSF-libre in the SPDX list).",
							r->info->id, defaulted);
		case LICENSE_KIND_OPEN_DATA:
			return psprintf("The training code is public under %s%s, an open-data licence, but OSAID 1.0 requires an OSI-approved licence for code.",
							r->info->id, defaulted);
		case LICENSE_KIND_RESTRICTED:
			break;
	}
	return psprintf("The training code is public under %s%s, which is not an OSI-approved licence.",
					r->info->id, defaulted);
}

static const char *
data_reason(DataInformation d)
{
	switch (d)
	{
		case DATA_COMPLETE:
			return "The data information is complete, as OSAID 1.0 requires.";
		case DATA_PARTIAL:
			return "The data information is only partial; OSAID 1.0 requires enough detail about all training data for a skilled person to build a substantially equivalent system.";
		case DATA_NONE:
			return "No data information is published; OSAID 1.0 requires enough detail about all training data for a skilled person to build a substantially equivalent system.";
		case DATA_NOT_STATED:
			break;
	}
	return "data_information is not stated, so it is not counted as complete.";
}

static const char *
policy_reason(Fact f)
{
	if (f == FACT_TRUE)
		return "An acceptable-use policy is attached beyond the licence text, which restricts use.";
	if (f == FACT_FALSE)
		return "No use policy is attached beyond the licence text.";
	return "No extra use policy is stated, so none is assumed.";
}

static const char *
weights_reason(Fact f)
{
	if (f == FACT_TRUE)
		return "The weights can be downloaded (a gated download counts).";
	if (f == FACT_FALSE)
		return "The weights cannot be downloaded.";
	return "weights_available is not stated, so it is not known whether the weights can be downloaded.";
}

/* "ID (flag, flag)" for a licence that fails, naming why */
static char *
failing_license(const LicenseInfo *l)
{
	StringInfoData s;
	bool		first = true;

	initStringInfo(&s);
	appendStringInfo(&s, "%s (", l->id);
	if (l->kind == LICENSE_KIND_OPEN_DATA)
		appendStringInfoString(&s, "an open-data licence, not counted as open since open_data_counts is false");
	for (int bit = 0; l->kind == LICENSE_KIND_RESTRICTED && bit < license_flag_count(); bit++)
	{
		if (!(l->restrictions & ((uint32) 1 << bit)))
			continue;
		appendStringInfoString(&s, first ? "" : ", ");
		appendStringInfoString(&s, license_flag_name(bit));
		first = false;
	}
	if (l->kind == LICENSE_KIND_RESTRICTED && first)
		appendStringInfoString(&s, "neither OSI-approved nor open data");
	appendStringInfoChar(&s, ')');
	return s.data;
}

/* the one-sentence summary of the verdict */
static char *
verdict_reason(const Classification *c, const ReleaseFacts *f)
{
	const ResolvedLicense *w = &c->weights_license;
	const char *lic = w->match == LICENSE_RECOGNISED ? w->info->id : NULL;

	switch (c->verdict)
	{
		case OPENNESS_CLOSED:
			return pstrdup("The weights cannot be downloaded, so the release is closed.");
		case OPENNESS_RESTRICTED_WEIGHTS:
			if (c->license == CRITERION_FAIL && c->extra_use_policy == CRITERION_FAIL)
				return psprintf("The weights can be downloaded, but under %s, which is not an open licence, and with an extra use policy, so the weights are restricted.",
								failing_license(w->info));
			if (c->license == CRITERION_FAIL)
				return psprintf("The weights can be downloaded, but under %s, which is not an open licence, so the weights are restricted.",
								failing_license(w->info));
			return pstrdup("The weights can be downloaded, but an extra use policy restricts their use, so the weights are restricted.");
		case OPENNESS_OPEN_SOURCE_AI:
			return psprintf("The weights are under an open licence (%s), the complete training code is public under an OSI-approved licence and the data information is complete: open source AI under OSAID 1.0.", lic);
		case OPENNESS_OPEN_WEIGHTS:
			if (c->code == CRITERION_FAIL && c->data_information == CRITERION_FAIL)
				return psprintf("The weights are under an open licence (%s), but the complete training code is not public under an OSI-approved licence and the data information is not complete, so the release is open weights, not open source AI.", lic);
			if (c->code == CRITERION_FAIL)
				return psprintf("The weights are under an open licence (%s) and the data information is complete, but the complete training code is not public under an OSI-approved licence, so the release is open weights, not open source AI.", lic);
			return psprintf("The weights are under an open licence (%s), but the data information is not complete, so the release is open weights, not open source AI.", lic);
		case OPENNESS_UNKNOWN:
			break;
	}
	if (c->weights == CRITERION_UNKNOWN)
		return pstrdup("Whether the weights can be downloaded is not stated, so the verdict is unknown.");
	if (c->license == CRITERION_UNKNOWN)
	{
		if (w->match == LICENSE_UNRECOGNISED)
			return psprintf("The weights licence \"%s\" is not recognised, so the verdict is unknown rather than guessed.",
							given_text(&w->given));
		return pstrdup("The weights licence is not stated, so the verdict is unknown.");
	}
	return pstrdup("The weights are open and the data information is complete, but the code licence is not known, so it is not known whether the release is open source AI.");
}

static void
append_key(StringInfo s, const char *key)
{
	escape_json(s, key);
	appendStringInfoChar(s, ':');
}

static void
append_criterion(StringInfo s, const char *name, CriterionStatus st, const char *reason, bool last)
{
	append_key(s, name);
	appendStringInfoString(s, "{\"status\":");
	escape_json(s, status_name(st));
	appendStringInfoString(s, ",\"reason\":");
	escape_json(s, reason);
	appendStringInfoString(s, last ? "}" : "},");
}

/* the licence as given and as recognised, or null when none is stated */
static void
append_license(StringInfo s, const ResolvedLicense *r, bool defaulted)
{
	const LicenseInfo *l = r->info;

	if (!r->given.val)
	{
		appendStringInfoString(s, "null");
		return;
	}
	appendStringInfoString(s, "{\"given\":");
	escape_json(s, given_text(&r->given));
	appendStringInfoString(s, ",\"from\":");
	escape_json(s, defaulted ? "weights licence (code_license not stated)" : r->from);
	appendStringInfoString(s, ",\"recognised\":");
	appendStringInfoString(s, r->match == LICENSE_RECOGNISED ? "true" : "false");
	if (l)
	{
		appendStringInfoString(s, ",\"id\":");
		escape_json(s, l->id);
		appendStringInfoString(s, ",\"name\":");
		escape_json(s, l->name);
		appendStringInfoString(s, ",\"kind\":");
		escape_json(s, license_kind_name(l->kind));
		appendStringInfoString(s, ",\"restrictions\":[");
		for (int bit = 0, n = 0; bit < license_flag_count(); bit++)
		{
			if (!(l->restrictions & ((uint32) 1 << bit)))
				continue;
			if (n++ > 0)
				appendStringInfoChar(s, ',');
			escape_json(s, license_flag_name(bit));
		}
		appendStringInfoString(s, "],\"source\":");
		escape_json(s, l->source);
	}
	appendStringInfoChar(s, '}');
}

/* classify_release_explain(release jsonb, open_data_counts boolean) -> jsonb */
Datum
glossary_classify_release_explain(PG_FUNCTION_ARGS)
{
	Jsonb	   *release = PG_GETARG_JSONB_P(0);
	bool		open_data_counts = PG_GETARG_BOOL(1);
	ReleaseFacts f;
	Classification c;
	StringInfoData s;
	bool		first = true;

	release_read_facts(release, &f);
	release_classify(&f, open_data_counts, true, &c);

	initStringInfo(&s);
	appendStringInfoString(&s, "{\"verdict\":");
	escape_json(&s, openness_label(c.verdict));
	appendStringInfoString(&s, ",\"reason\":");
	escape_json(&s, verdict_reason(&c, &f));
	appendStringInfo(&s, ",\"open_data_counts\":%s,\"criteria\":{", open_data_counts ? "true" : "false");
	append_criterion(&s, "weights", c.weights, weights_reason(f.weights_available), false);
	append_criterion(&s, "license", c.license, license_reason(&c.weights_license, open_data_counts, &f), false);
	append_criterion(&s, "code", c.code, code_reason(&c, &f), false);
	append_criterion(&s, "data_information", c.data_information, data_reason(f.data_information), false);
	append_criterion(&s, "extra_use_policy", c.extra_use_policy, policy_reason(f.extra_use_policy), true);

	/* the criteria that keep the release from being open source AI */
	appendStringInfoString(&s, "},\"missing\":[");
	{
		const char *names[] = {"weights", "license", "code", "data_information", "extra_use_policy"};
		CriterionStatus st[] = {c.weights, c.license, c.code, c.data_information, c.extra_use_policy};

		for (int i = 0; i < lengthof(names); i++)
		{
			if (st[i] == CRITERION_PASS)
				continue;
			if (!first)
				appendStringInfoChar(&s, ',');
			escape_json(&s, names[i]);
			first = false;
		}
	}
	appendStringInfoString(&s, "],\"license\":");
	append_license(&s, &c.weights_license, false);
	appendStringInfoString(&s, ",\"code_license\":");
	if (f.code_available == FACT_TRUE)
		append_license(&s, &c.code_license, c.code_license_defaulted);
	else
		appendStringInfoString(&s, "null");
	appendStringInfoChar(&s, '}');

	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(s.data)));
}
