/*
 * pg_compat.h
 *	  Everything that differs between the PostgreSQL majors glossary builds
 *	  against (15, 17, 18).  Each shim gives the newest spelling and defines
 *	  it for older majors, so the code is written against the newest API and
 *	  no other file tests PG_VERSION_NUM.
 *
 * Include it right after postgres.h.
 */
#ifndef GLOSSARY_PG_COMPAT_H
#define GLOSSARY_PG_COMPAT_H

#include "postgres.h"

#if PG_VERSION_NUM < 150000
#error "glossary requires PostgreSQL 15 or later"
#endif

/* 16 (d952373a987) moved the varlena macros out of postgres.h */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * 18 (3691edfab97) replaced the suffix pg_attribute_noreturn() with the
 * prefix pg_noreturn, which must open the declaration: pg_noreturn static
 * void f(...).
 */
#if PG_VERSION_NUM < 180000
#define pg_noreturn pg_attribute_noreturn()
#endif

/*
 * 17 (ab355e3a88d) moved the local transaction id into PGPROC.vxid; this is
 * the id of the backend's current (or last) top-level transaction.
 */
#if PG_VERSION_NUM >= 170000
#define MyLocalTransactionId_compat() (MyProc->vxid.lxid)
#else
#define MyLocalTransactionId_compat() (MyProc->lxid)
#endif

/* 18 (9324c8c58) lets a library name itself in pg_get_loaded_modules() */
#if PG_VERSION_NUM >= 180000
#define GLOSSARY_MODULE_MAGIC() PG_MODULE_MAGIC_EXT(.name = "glossary", .version = GLOSSARY_VERSION)
#else
#define GLOSSARY_MODULE_MAGIC() PG_MODULE_MAGIC
#endif

#endif							/* GLOSSARY_PG_COMPAT_H */
