/*
 * cache_inval.h
 *	  Cross-backend invalidation of the per-backend caches built from the
 *	  glossary tables.
 *
 * Every glossary table has a statement-level trigger that sends a relcache
 * invalidation for glossary.entries.  Each backend counts the invalidations
 * it receives in glossary_cache_generation; a cache remembers the generation
 * it was built in and rebuilds when the counter has moved.
 */
#ifndef GLOSSARY_CACHE_INVAL_H
#define GLOSSARY_CACHE_INVAL_H

#include "postgres.h"

/* bumped on every invalidation that concerns the glossary tables */
extern PGDLLIMPORT uint64 glossary_cache_generation;

/*
 * Oid of glossary.entries in this database, looked up on first use.  Call it
 * before reading the tables: it takes the lock that lets pending
 * invalidations arrive.
 */
extern Oid	glossary_entries_relid(void);

#endif							/* GLOSSARY_CACHE_INVAL_H */
