/*
 * glossary.h
 *	  Declarations shared by the glossary extension's source files.
 */
#ifndef GLOSSARY_H
#define GLOSSARY_H

#include "postgres.h"

/* Module initialisation hooks, called once from _PG_init. */
extern void glossary_cache_init(void);

#endif							/* GLOSSARY_H */
