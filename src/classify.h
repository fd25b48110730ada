/*
 * classify.h
 *	  Release classification (OSAID 1.0): the facts read from a release card, the
 *	  verdict and the status of each criterion.  Shared by classify.c (parsing, rules,
 *	  classify_release) and classify_explain.c (classify_release_explain).
 */
#ifndef GLOSSARY_CLASSIFY_H
#define GLOSSARY_CLASSIFY_H

#include "postgres.h"

#include "utils/jsonb.h"

#include "license.h"

/* same order as the labels of the enum glossary.openness */
typedef enum Openness
{
	OPENNESS_OPEN_SOURCE_AI,
	OPENNESS_OPEN_WEIGHTS,
	OPENNESS_RESTRICTED_WEIGHTS,
	OPENNESS_CLOSED,
	OPENNESS_UNKNOWN
} Openness;

#define OPENNESS_COUNT 5

/* a boolean fact: absent and JSON null both mean "not stated" */
typedef enum Fact
{
	FACT_NOT_STATED,
	FACT_FALSE,
	FACT_TRUE
} Fact;

typedef enum DataInformation
{
	DATA_NOT_STATED,
	DATA_COMPLETE,
	DATA_PARTIAL,
	DATA_NONE
} DataInformation;

/* a string fact: points into the jsonb (not NUL-terminated); val == NULL when not stated */
typedef struct FactText
{
	const char *val;
	int			len;
} FactText;

typedef struct ReleaseFacts
{
	Fact		weights_available;
	FactText	weights_license;
	FactText	weights_license_name;
	Fact		code_available;
	FactText	code_license;
	DataInformation data_information;
	Fact		extra_use_policy;
} ReleaseFacts;

typedef enum CriterionStatus
{
	CRITERION_PASS,
	CRITERION_FAIL,
	CRITERION_UNKNOWN
} CriterionStatus;

/* a licence as resolved from the facts */
typedef struct ResolvedLicense
{
	LicenseMatch match;
	const LicenseInfo *info;	/* when match == LICENSE_RECOGNISED */
	FactText	given;			/* the text that was looked up (val NULL: none) */
	const char *from;			/* the key it came from */
} ResolvedLicense;

typedef struct Classification
{
	Openness	verdict;
	CriterionStatus weights;
	CriterionStatus license;
	CriterionStatus code;
	CriterionStatus data_information;
	CriterionStatus extra_use_policy;
	ResolvedLicense weights_license;
	ResolvedLicense code_license;	/* resolved only when code_available is true */
	bool		code_license_defaulted; /* code_license not stated: the weights licence */
} Classification;

extern void release_read_facts(Jsonb *release, ReleaseFacts *facts);
extern void release_classify(const ReleaseFacts *facts, bool open_data_counts,
							 bool resolve_all, Classification *result);
extern const char *openness_label(Openness verdict);
extern Oid	openness_oid(Openness verdict);

/* "a string", "an array", "null", ... for messages about a JSON value */
extern const char *json_type_phrase(const JsonbValue *v);

#endif							/* GLOSSARY_CLASSIFY_H */
