/*
 * yaml_emit.h
 *	  Writing YAML with libyaml's emitter into memory, for export_yaml and
 *	  export_files.
 *
 * libyaml calls the output handler from inside yaml_emitter_emit(), so the
 * handler must not raise an ERROR (that would longjmp through libyaml): it
 * writes into a malloc'd buffer, reports failure by return value, and the
 * ERROR is raised once libyaml has returned.
 */
#ifndef GLOSSARY_YAML_EMIT_H
#define GLOSSARY_YAML_EMIT_H

#include "postgres.h"

#include <yaml.h>

typedef struct YamlWriter
{
	yaml_emitter_t emitter;
	bool		started;		/* emitter initialized, to be deleted */
	char	   *data;			/* malloc'd output, UTF-8 */
	size_t		len;
	size_t		cap;
	bool		too_large;		/* the output handler refused: limit reached */
	bool		no_memory;		/* the output handler refused: malloc failed */
	/* keys written as rename_to[i] where the glossary's name is rename_from[i] */
	int			nrename;
	const char **rename_from;
	const char **rename_to;
} YamlWriter;

/* set up; call yaml_writer_end() in PG_FINALLY whatever happens */
extern void yaml_writer_begin(YamlWriter *w);
extern void yaml_writer_end(YamlWriter *w);
/* the output so far in the server encoding, palloc'd; resets the buffer */
extern char *yaml_writer_take(YamlWriter *w);

extern void yaml_write_stream_start(YamlWriter *w);
extern void yaml_write_stream_end(YamlWriter *w);
extern void yaml_write_document_start(YamlWriter *w);
extern void yaml_write_document_end(YamlWriter *w);
extern void yaml_write_collection_start(YamlWriter *w, bool mapping, bool flow);
extern void yaml_write_collection_end(YamlWriter *w, bool mapping);

extern void yaml_write_key(YamlWriter *w, const char *key);
extern void yaml_write_string(YamlWriter *w, const char *s);
extern void yaml_write_pair(YamlWriter *w, const char *key, const char *value);
extern void yaml_write_plain_pair(YamlWriter *w, const char *key, const char *value);

#endif							/* GLOSSARY_YAML_EMIT_H */
