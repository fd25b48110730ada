/*
 * yaml_jsonb.h
 *	  YAML text to jsonb, on the loader's libyaml reader (yaml_tree.c).
 *
 * Plain scalars take JSON types (null, true/false, numbers as in YAML 1.2's
 * core schema); quoted and block scalars stay strings; mappings become
 * objects (a key written twice is an error), sequences arrays.  Errors are
 * raised with the context "line L, column C" of the offending node.
 */
#ifndef GLOSSARY_YAML_JSONB_H
#define GLOSSARY_YAML_JSONB_H

#include "postgres.h"

#include "utils/jsonb.h"

/* the loader's limits (src/loader.h), and a cap on the number of nodes */
#define YAML_JSONB_MAX_BYTES	(64 * 1024 * 1024)
#define YAML_JSONB_MAX_NODES	1000000

/*
 * Convert one YAML document, given in the database encoding, to jsonb.
 * An empty document is JSON null.  Raises ERROR on invalid YAML, broken
 * encoding, a duplicate key, a tag that does not fit its value, or a limit.
 */
extern Jsonb *yaml_to_jsonb_text(const char *doc, size_t len);

#endif							/* GLOSSARY_YAML_JSONB_H */
