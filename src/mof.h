/*
 * mof.h
 *	  The Model Openness Framework's class of a Model Openness Tool record.
 *
 * The 17 components, their content types and the class that first requires
 * each are the MOT's (web/modules/mof/config/install/mof.settings.yml in
 * lfai/model_openness_tool); the class rule follows its ModelEvaluator.php.
 */
#ifndef GLOSSARY_MOF_H
#define GLOSSARY_MOF_H

#include "postgres.h"

#include "utils/jsonb.h"

#include "license.h"

#define MOF_COMPONENTS 17
/* indexes in mof_components[] */
#define MOF_TECHNICAL_REPORT 5
#define MOF_RESEARCH_PAPER 15

typedef enum MofContentType
{
	MOF_CODE,
	MOF_DATA,
	MOF_DOCUMENT
} MofContentType;

typedef struct MofComponent
{
	int			mot_id;			/* the MOT's component id */
	const char *name;			/* as the MOT spells it */
	MofContentType type;
	int			mof_class;		/* 3, 2 or 1: the class that first lists it */
	bool		required;
} MofComponent;

/* Where a component's licence came from. */
typedef enum MofLicenseFrom
{
	MOF_FROM_NONE,
	MOF_FROM_COMPONENT,
	MOF_FROM_GLOBAL_TYPE,		/* release.license.code / data / document */
	MOF_FROM_GLOBAL_DISTRIBUTION
} MofLicenseFrom;

/* What a component contributes. */
typedef enum MofStatus
{
	MOF_MISSING,				/* not listed in release.components */
	MOF_UNLICENSED,				/* listed, no licence at any level ("unlicensed", "") */
	MOF_UNRECOGNISED,			/* a licence the licence table does not know */
	MOF_NOT_OPEN,				/* a recognised licence that is not open */
	MOF_OPEN					/* an open licence: counts */
} MofStatus;

typedef struct MofComponentResult
{
	MofStatus	status;
	MofLicenseFrom from;
	const char *license;		/* the licence text as written (not terminated), or NULL */
	int			license_len;
	const LicenseInfo *info;	/* when recognised */
	bool		type_appropriate;	/* the licence type the MOF recommends for its content */
	bool		counts;			/* satisfies the component for the class */
} MofComponentResult;

typedef struct MofResult
{
	MofComponentResult c[MOF_COMPONENTS];
	int			mof_class;		/* 1, 2, 3, or 0 */
} MofResult;

extern const MofComponent mof_components[MOF_COMPONENTS];
extern const char *mof_content_type_name(MofContentType type);
extern int	mof_component_index(const char *name, int len);
extern const char *mof_component_suggestion(const char *name, int len);
extern bool mof_license_type_appropriate(const LicenseInfo *info, MofContentType type);
extern bool mof_component_satisfied(const MofResult *r, int i);

/*
 * Read a record ({"release": {...}}) and compute its class.  type_strict:
 * only a licence of the type the MOF recommends for the content counts
 * (the MOT also counts any other open licence, with a warning).  Raises
 * ERROR on a record of the wrong shape.
 */
extern char *mof_quote(const char *s, int len);
extern void mof_evaluate(Jsonb *record, bool type_strict, MofResult *result);

#endif							/* GLOSSARY_MOF_H */
