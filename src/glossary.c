/*
 * glossary.c
 *	  Module entry point of the glossary extension.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "fmgr.h"

#include "glossary.h"
#include "label_cache.h"
#include "fault_inject.h"
#include "label_shmem.h"

GLOSSARY_MODULE_MAGIC();

PGDLLEXPORT void _PG_init(void);

void
_PG_init(void)
{
#ifdef GLOSSARY_FAULT_INJECTION
	glossary_fault_init();
#endif
	glossary_cache_init();
	label_cache_init();
	label_shmem_init();
}
