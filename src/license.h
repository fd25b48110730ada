/*
 * license.h
 *	  The licences the release classifier knows, looked up by any common spelling.
 *
 * The table itself is generated from data/licenses.tsv into license_table.h by
 * tools/gen-license-table.pl; only licences.c includes it.
 */
#ifndef GLOSSARY_LICENSE_H
#define GLOSSARY_LICENSE_H

#include "postgres.h"

typedef enum LicenseKind
{
	LICENSE_KIND_OSI,			/* OSI-approved software licence */
	LICENSE_KIND_FSF_LIBRE,		/* FSF-libre, not OSI-approved (SPDX flags); open like OSI */
	LICENSE_KIND_OPEN_DATA,		/* open-data / open-content licence (MOF counts it open) */
	LICENSE_KIND_RESTRICTED		/* anything that fails the Open Source Definition */
} LicenseKind;

/* What sort of licence it is (docs/classification.md, "Licences from the SPDX list"). */
typedef enum LicenseFamily
{
	LICENSE_FAMILY_PERMISSIVE,
	LICENSE_FAMILY_COPYLEFT,
	LICENSE_FAMILY_PUBLIC_DOMAIN,
	LICENSE_FAMILY_DATA,
	LICENSE_FAMILY_CONTENT,
	LICENSE_FAMILY_OTHER		/* not assessed: neither OSI-approved nor FSF-libre */
} LicenseFamily;

typedef struct LicenseInfo
{
	const char *id;				/* SPDX id, or LicenseRef-... */
	const char *name;
	LicenseKind kind;
	uint32		restrictions;	/* bit i = license_flag_name(i) */
	const char *spellings;		/* the TSV's extra spellings, joined by '|' */
	const char *source;			/* URL of the fact */
	const char *note;
	bool		osi_approved;	/* SPDX isOsiApproved (false for LicenseRef-...) */
	bool		fsf_libre;		/* SPDX isFsfLibre */
	LicenseFamily family;
} LicenseInfo;

/* What a licence string turned out to be. */
typedef enum LicenseMatch
{
	LICENSE_NOT_STATED,			/* empty, or a placeholder tag such as "other" */
	LICENSE_UNRECOGNISED,
	LICENSE_RECOGNISED
} LicenseMatch;

extern LicenseMatch license_lookup(const char *text, int len, const LicenseInfo **info);
extern int	license_count(void);
extern const LicenseInfo *license_at(int i);
extern int	license_flag_count(void);
extern const char *license_flag_name(int bit);
extern const char *license_flag_description(int bit);
extern const char *license_kind_name(LicenseKind kind);

#endif							/* GLOSSARY_LICENSE_H */
