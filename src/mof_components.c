/*
 * mof_components.c
 *	  The MOF's 17 components and the licence types it recommends for each
 *	  content type.
 */
#include "postgres.h"

#include "loader.h"
#include "mof.h"

/*
 * In the order of the class that first requires them (III, II, I), required
 * before optional.  Facts from the MOT's mof.settings.yml.
 */
const MofComponent mof_components[MOF_COMPONENTS] = {
	{9, "Model architecture", MOF_CODE, 3, true},
	{10, "Model parameters (Final)", MOF_DATA, 3, true},
	{12, "Evaluation results", MOF_DOCUMENT, 3, true},
	{13, "Model card", MOF_DOCUMENT, 3, true},
	{14, "Data card", MOF_DOCUMENT, 3, true},
	{11, "Technical report", MOF_DOCUMENT, 3, true},
	{20, "Sample model outputs", MOF_DOCUMENT, 3, false},
	{7, "Training code", MOF_CODE, 2, true},
	{8, "Inference code", MOF_CODE, 2, true},
	{18, "Evaluation code", MOF_CODE, 2, true},
	{19, "Evaluation data", MOF_DATA, 2, true},
	{22, "Supporting libraries and tools", MOF_CODE, 2, false},
	{15, "Datasets", MOF_DATA, 1, true},
	{16, "Data preprocessing code", MOF_CODE, 1, true},
	{24, "Model parameters (Intermediate)", MOF_DATA, 1, true},
	{21, "Research paper", MOF_DOCUMENT, 1, true},
	{17, "Model metadata", MOF_DATA, 1, false},
};


const char *
mof_content_type_name(MofContentType type)
{
	switch (type)
	{
		case MOF_CODE:
			return "code";
		case MOF_DATA:
			return "data";
		case MOF_DOCUMENT:
			return "document";
	}
	return "unknown";
}

/* the component's index, matching its name without regard to ASCII case; -1 if unknown */
int
mof_component_index(const char *name, int len)
{
	for (int i = 0; i < MOF_COMPONENTS; i++)
	{
		const char *n = mof_components[i].name;

		if ((int) strlen(n) == len && pg_strncasecmp(n, name, len) == 0)
			return i;
	}
	return -1;
}

/* the component name closest to a misspelt one, or NULL */
const char *
mof_component_suggestion(const char *name, int len)
{
	const char *names[MOF_COMPONENTS];

	for (int i = 0; i < MOF_COMPONENTS; i++)
		names[i] = mof_components[i].name;
	return loader_closest(pnstrdup(name, len), names, MOF_COMPONENTS);
}

/*
 * The MOF's recommendation: an OSI-approved (or, as openness.md 2.2 reads the
 * MOT, FSF-libre) licence for code, an open-data
 * or open-content licence for data (weights included) and for documents.
 * OpenMDW is written for every kind of model material.
 */
bool
mof_license_type_appropriate(const LicenseInfo *info, MofContentType type)
{
	if (info == NULL || info->kind == LICENSE_KIND_RESTRICTED)
		return false;
	if (strncmp(info->id, "OpenMDW-", 8) == 0)
		return true;
	if (type == MOF_CODE)
		return info->kind == LICENSE_KIND_OSI || info->kind == LICENSE_KIND_FSF_LIBRE;
	return info->kind == LICENSE_KIND_OPEN_DATA;
}

/*
 * Whether component i satisfies what the class asks of it.  The technical
 * report may be replaced by the research paper (MOF; MOT's ModelEvaluator).
 */
bool
mof_component_satisfied(const MofResult *r, int i)
{
	if (r->c[i].counts)
		return true;
	return i == MOF_TECHNICAL_REPORT && r->c[MOF_RESEARCH_PAPER].counts;
}
