/*
 * cache_inval.c
 *	  The invalidation trigger and the relcache callback behind every
 *	  per-backend glossary cache.
 *
 * Plain DML sends no relcache invalidation, so a statement trigger on each
 * glossary table sends one for glossary.entries.  PostgreSQL delivers it to
 * this backend at once (CommandCounterIncrement), to other backends when they
 * next accept invalidation messages, and replays it on abort, so a rolled
 * back change also moves the generation and the cache is rebuilt without it.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

#include "cache_inval.h"
#include "glossary.h"

uint64		glossary_cache_generation = 1;

static Oid	entries_relid = InvalidOid;

PG_FUNCTION_INFO_V1(glossary_invalidate_trigger);

static void
relcache_callback(Datum arg, Oid relid)
{
	/* InvalidOid means "all relations", as after a cache reset */
	if (relid == InvalidOid || relid == entries_relid)
		glossary_cache_generation++;
}

void
glossary_cache_init(void)
{
	CacheRegisterRelcacheCallback(relcache_callback, (Datum) 0);
}

Oid
glossary_entries_relid(void)
{
	Oid			nsp;
	Oid			relid;

	/* the schema is fixed by the control file; a dropped extension clears it */
	nsp = get_namespace_oid("glossary", false);
	relid = get_relname_relid("entries", nsp);
	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table glossary.entries does not exist"),
				 errhint("Run CREATE EXTENSION glossary.")));
	if (relid != entries_relid)
	{
		entries_relid = relid;
		glossary_cache_generation++;
	}
	return relid;
}

/* statement trigger: tell every backend that the glossary changed */
Datum
glossary_invalidate_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Oid			relid;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("glossary_invalidate_trigger() was not called by the trigger manager")));

	relid = get_relname_relid("entries", RelationGetNamespace(trigdata->tg_relation));
	if (OidIsValid(relid))
		CacheInvalidateRelcacheByRelid(relid);
	PG_RETURN_POINTER(NULL);
}
