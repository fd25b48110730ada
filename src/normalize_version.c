/*
 * normalize_version.c
 *	  The ICU version behind normalize() (see normalize.h): what this server
 *	  uses, and the check against the version recorded in
 *	  glossary.normalize_version when the indexes on normalize() were built
 *	  (sql/34-normalize-version.sql), the way PostgreSQL checks a collation's
 *	  version.
 */
#include "postgres.h"

#include <unicode/uversion.h>

#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/tableam.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "normalize.h"

PG_FUNCTION_INFO_V1(glossary_icu_version);

/* once per session: the first label lookup warns, the next ones do not */
static bool version_checked = false;

const char *
glossary_icu_version_string(void)
{
	static char buf[U_MAX_VERSION_STRING_LENGTH];

	if (buf[0] == '\0')
	{
		UVersionInfo v;

		u_getVersion(v);
		u_versionToString(v, buf);
	}
	return buf;
}

/* icu_version(): the ICU version normalize() uses in this server */
Datum
glossary_icu_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(glossary_icu_version_string()));
}

void
glossary_check_icu_version(Oid nsp, Snapshot snap)
{
	Oid			relid;
	Relation	rel;
	TableScanDesc scan;
	HeapTuple	tup;
	AttrNumber	att;
	char	   *recorded = NULL;

	if (version_checked)
		return;
	version_checked = true;
	relid = get_relname_relid("normalize_version", nsp);
	if (!OidIsValid(relid))
		return;					/* 1.2's schema: nothing recorded */

	/* read as the extension does, whoever asks: the row is no secret */
	rel = table_open(relid, AccessShareLock);
	att = get_attnum(relid, "icu");
	if (att != InvalidAttrNumber)
	{
		scan = table_beginscan(rel, snap, 0, NULL);
		if ((tup = heap_getnext(scan, ForwardScanDirection)) != NULL)
		{
			bool		isnull;
			Datum		d = heap_getattr(tup, att, RelationGetDescr(rel), &isnull);

			if (!isnull)
				recorded = TextDatumGetCString(d);
		}
		table_endscan(scan);
	}
	table_close(rel, AccessShareLock);

	if (recorded != NULL && strcmp(recorded, glossary_icu_version_string()) != 0)
		ereport(WARNING,
				(errmsg("glossary.normalize() has an ICU version mismatch"),
				 errdetail("The indexes on glossary.normalize() were built with ICU %s, but the server now uses ICU %s, whose case folding may differ.",
						   recorded, glossary_icu_version_string()),
				 errhint("Rebuild them with SELECT glossary.reindex_normalized(), which also records the new version.")));
}
