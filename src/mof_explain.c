/*
 * mof_explain.c
 *	  glossary.mof_explain(record jsonb, type_strict boolean): a row per MOF
 *	  component and a last row with the class reached and what blocks the
 *	  next one; glossary.mof_components(): the 17 components.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "mof.h"

PG_FUNCTION_INFO_V1(glossary_mof_explain);
PG_FUNCTION_INFO_V1(glossary_mof_components);

#define EXPLAIN_COLUMNS 12

static const char *const class_labels[4] = {
	"Unclassified",
	"Class I (Open Science Model)",
	"Class II (Open Tooling Model)",
	"Class III (Open Model)",
};

static const char *
from_name(MofLicenseFrom from)
{
	switch (from)
	{
		case MOF_FROM_COMPONENT:
			return "component";
		case MOF_FROM_GLOBAL_TYPE:
			return "release";
		case MOF_FROM_GLOBAL_DISTRIBUTION:
			return "distribution";
		case MOF_FROM_NONE:
			break;
	}
	return NULL;
}

static const char *
recommended_type(MofContentType type)
{
	return type == MOF_CODE ? "an OSI-approved licence for code" :
		type == MOF_DATA ? "an open-data licence for data" :
		"an open-content licence for documents";
}

/* one short phrase: why the component counts or not */
static char *
component_note(const MofResult *r, int i, bool type_strict)
{
	const MofComponent *mc = &mof_components[i];
	const MofComponentResult *c = &r->c[i];
	StringInfoData s;

	initStringInfo(&s);
	switch (c->status)
	{
		case MOF_MISSING:
			appendStringInfoString(&s, "not in the record");
			break;
		case MOF_UNLICENSED:
			appendStringInfoString(&s, "listed without a licence");
			break;
		case MOF_UNRECOGNISED:
			appendStringInfo(&s, "licence \"%s\" is not one the licence table knows",
							 mof_quote(c->license, c->license_len));
			break;
		case MOF_NOT_OPEN:
			appendStringInfo(&s, "%s is not an open licence", c->info->id);
			for (int b = 0, n = 0; b < license_flag_count(); b++)
				if (c->info->restrictions & (1u << b))
					appendStringInfo(&s, "%s%s", n++ ? ", " : " (", license_flag_name(b));
			if (c->info->restrictions != 0)
				appendStringInfoChar(&s, ')');
			break;
		case MOF_OPEN:
			if (c->type_appropriate)
				appendStringInfoString(&s, "open licence of the type the MOF recommends");
			else if (type_strict)
				appendStringInfo(&s, "open, but not %s: does not count with type_strict",
								 recommended_type(mc->type));
			else
				appendStringInfo(&s, "open, but the MOF recommends %s: counts, as in the MOT's conditional pass",
								 recommended_type(mc->type));
			break;
	}
	if (!mc->required)
		appendStringInfoString(&s, "; optional");
	else if (i == MOF_TECHNICAL_REPORT && !c->counts && mof_component_satisfied(r, i))
		appendStringInfoString(&s, "; the research paper stands in for it");
	return s.data;
}

/* the last row's sentence: the class and what keeps the record from the next */
static char *
summary_note(const MofResult *r)
{
	StringInfoData s;
	int			next = r->mof_class == 0 ? 3 : r->mof_class - 1;
	int			n = 0;

	initStringInfo(&s);
	appendStringInfo(&s, "%s", class_labels[r->mof_class]);
	if (next == 0)
	{
		appendStringInfoString(&s, ": the highest class, every required component is present with an open licence");
		return s.data;
	}
	appendStringInfo(&s, "; %s is blocked by ", class_labels[next]);
	for (int i = 0; i < MOF_COMPONENTS; i++)
	{
		const MofComponentResult *c = &r->c[i];
		const char *why;

		if (mof_components[i].mof_class != next || !mof_components[i].required ||
			mof_component_satisfied(r, i))
			continue;
		why = c->status == MOF_MISSING ? "missing" :
			c->status == MOF_UNLICENSED ? "unlicensed" :
			c->status == MOF_UNRECOGNISED ? "licence not recognised" :
			c->status == MOF_NOT_OPEN ? "licence not open" : "licence not of the recommended type";
		appendStringInfo(&s, "%s%s (%s)", n++ ? ", " : "", mof_components[i].name, why);
	}
	return s.data;
}

Datum
glossary_mof_explain(PG_FUNCTION_ARGS)
{
	Jsonb	   *record = PG_GETARG_JSONB_P(0);
	bool		type_strict = PG_GETARG_BOOL(1);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MofResult	r;
	Datum		values[EXPLAIN_COLUMNS];
	bool		nulls[EXPLAIN_COLUMNS];

	mof_evaluate(record, type_strict, &r);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);

	for (int i = 0; i < MOF_COMPONENTS; i++)
	{
		const MofComponent *mc = &mof_components[i];
		const MofComponentResult *c = &r.c[i];
		const char *from = from_name(c->from);

		memset(nulls, 0, sizeof(nulls));
		values[0] = CStringGetTextDatum(mc->name);
		values[1] = CStringGetTextDatum(mof_content_type_name(mc->type));
		values[2] = Int32GetDatum(mc->mof_class);
		values[3] = BoolGetDatum(mc->required);
		values[4] = BoolGetDatum(c->status != MOF_MISSING);
		if (c->license != NULL)
			values[5] = PointerGetDatum(cstring_to_text_with_len(c->license, c->license_len));
		else
			nulls[5] = true;
		if (from != NULL)
			values[6] = CStringGetTextDatum(from);
		else
			nulls[6] = true;
		if (c->info != NULL)
			values[7] = CStringGetTextDatum(c->info->id);
		else
			nulls[7] = true;
		values[8] = BoolGetDatum(c->counts);
		values[9] = BoolGetDatum(c->type_appropriate);
		values[10] = Int32GetDatum(r.mof_class);
		values[11] = CStringGetTextDatum(component_note(&r, i, type_strict));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}

	/* the last row: the class reached */
	memset(nulls, true, sizeof(nulls));
	if (r.mof_class != 1)
	{
		values[2] = Int32GetDatum(r.mof_class == 0 ? 3 : r.mof_class - 1);
		nulls[2] = false;
	}
	values[10] = Int32GetDatum(r.mof_class);
	nulls[10] = false;
	values[11] = CStringGetTextDatum(summary_note(&r));
	nulls[11] = false;
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	return (Datum) 0;
}

Datum
glossary_mof_components(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	for (int i = 0; i < MOF_COMPONENTS; i++)
	{
		values[0] = CStringGetTextDatum(mof_components[i].name);
		values[1] = CStringGetTextDatum(mof_content_type_name(mof_components[i].type));
		values[2] = Int32GetDatum(mof_components[i].mof_class);
		values[3] = BoolGetDatum(mof_components[i].required);
		values[4] = Int32GetDatum(mof_components[i].mot_id);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
