/*
 * yaml_emit.c
 *	  libyaml's emitter writing into memory, with the string styles the
 *	  loader reads back exactly.
 *
 * Strings that other YAML readers would take for a null, boolean or number
 * are quoted; multi-line strings are literal blocks; lines are never folded.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "mb/pg_wchar.h"
#include "utils/memutils.h"

#include "yaml_emit.h"

/* the output must fit in one text value */
#define YAML_OUTPUT_MAX		(MaxAllocSize - VARHDRSZ - 1)

/*
 * libyaml's output handler: runs inside yaml_emitter_emit(), so it only
 * reports failure (return 0); emit() raises the ERROR afterwards.
 */
static int
write_output(void *data, unsigned char *buffer, size_t size)
{
	YamlWriter *w = (YamlWriter *) data;

	if (size > YAML_OUTPUT_MAX - w->len)
	{
		w->too_large = true;
		return 0;
	}
	if (w->len + size > w->cap)
	{
		size_t		cap = Max(w->cap * 2, w->len + size);
		char	   *grown;

		cap = Min(Max(cap, 8192), YAML_OUTPUT_MAX);
		grown = realloc(w->data, cap);
		if (grown == NULL)
		{
			w->no_memory = true;
			return 0;
		}
		w->data = grown;
		w->cap = cap;
	}
	memcpy(w->data + w->len, buffer, size);
	w->len += size;
	return 1;
}

/* raise the error of a failed emitter call, now that libyaml has returned */
static void
emitter_failed(YamlWriter *w)
{
	if (w->too_large)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the exported YAML is too large"),
				 errdetail("The limit is %zu bytes per document.", (size_t) YAML_OUTPUT_MAX)));
	if (w->no_memory)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory"),
				 errdetail("Failed while writing %zu bytes of YAML.", w->len)));
	ereport(ERROR,
			(errcode(ERRCODE_INTERNAL_ERROR),
			 errmsg("could not write YAML: %s",
					w->emitter.problem ? w->emitter.problem : "unknown error")));
}

static void
emit(YamlWriter *w, yaml_event_t *ev)
{
	/* the emitter owns and frees the event, also on failure */
	if (!yaml_emitter_emit(&w->emitter, ev))
		emitter_failed(w);
}

void
yaml_writer_begin(YamlWriter *w)
{
	memset(w, 0, sizeof(YamlWriter));
	if (!yaml_emitter_initialize(&w->emitter))
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	w->started = true;
	yaml_emitter_set_output(&w->emitter, write_output, w);
	yaml_emitter_set_unicode(&w->emitter, 1);
	yaml_emitter_set_width(&w->emitter, -1);
	yaml_emitter_set_indent(&w->emitter, 2);
}

void
yaml_writer_end(YamlWriter *w)
{
	if (w->started)
		yaml_emitter_delete(&w->emitter);
	w->started = false;
	free(w->data);
	w->data = NULL;
	w->len = w->cap = 0;
}

char *
yaml_writer_take(YamlWriter *w)
{
	char	   *copy;
	char	   *s;

	if (!yaml_emitter_flush(&w->emitter))
		emitter_failed(w);
	copy = palloc(w->len + 1);
	memcpy(copy, w->data, w->len);
	copy[w->len] = '\0';
	w->len = 0;
	s = pg_any_to_server(copy, (int) strlen(copy), PG_UTF8);
	if (s != copy)
		pfree(copy);
	return s;
}

void
yaml_write_stream_start(YamlWriter *w)
{
	yaml_event_t ev;

	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit(w, &ev);
}

void
yaml_write_stream_end(YamlWriter *w)
{
	yaml_event_t ev;

	yaml_stream_end_event_initialize(&ev);
	emit(w, &ev);
}

void
yaml_write_document_start(YamlWriter *w)
{
	yaml_event_t ev;

	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit(w, &ev);
}

void
yaml_write_document_end(YamlWriter *w)
{
	yaml_event_t ev;

	yaml_document_end_event_initialize(&ev, 1);
	emit(w, &ev);
}

void
yaml_write_collection_start(YamlWriter *w, bool mapping, bool flow)
{
	yaml_event_t ev;

	if (mapping)
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
											flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
	else
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
											 flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
	emit(w, &ev);
}

void
yaml_write_collection_end(YamlWriter *w, bool mapping)
{
	yaml_event_t ev;

	if (mapping)
		yaml_mapping_end_event_initialize(&ev);
	else
		yaml_sequence_end_event_initialize(&ev);
	emit(w, &ev);
}

static void
write_scalar(YamlWriter *w, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;
	char	   *utf8 = pg_server_to_any(s, strlen(s), PG_UTF8);

	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *) utf8, (int) strlen(utf8),
									  1, 1, style))
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	emit(w, &ev);
	if (utf8 != s)
		pfree(utf8);
}

/* would a YAML reader take this plain text for something other than a string? */
static bool
looks_typed(const char *s)
{
	static const char *const words[] = {
		"~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
		"true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
		".inf", ".Inf", ".INF", "-.inf", "+.inf", ".nan", ".NaN", ".NAN", "<<", "=",
	};
	const char *p;

	if (*s == '\0')
		return true;
	for (int i = 0; i < lengthof(words); i++)
		if (strcmp(s, words[i]) == 0)
			return true;
	/* numbers, dates and times: a digit, sign or dot, then only number characters */
	if (!strchr("0123456789+-.", *s))
		return false;
	for (p = s; *p; p++)
		if (!strchr("0123456789abcdefABCDEFxXoO._:+- T", *p))
			return false;
	return true;
}

/* a string value: literal block when it spans lines, quoted when it would read as another type */
void
yaml_write_string(YamlWriter *w, const char *s)
{
	if (strchr(s, '\n'))
		write_scalar(w, s, YAML_LITERAL_SCALAR_STYLE);
	else if (looks_typed(s))
		write_scalar(w, s, YAML_SINGLE_QUOTED_SCALAR_STYLE);
	else
		write_scalar(w, s, YAML_ANY_SCALAR_STYLE);
}

/* a key, under the name the output uses for it */
void
yaml_write_key(YamlWriter *w, const char *key)
{
	for (int i = 0; i < w->nrename; i++)
		if (strcmp(w->rename_from[i], key) == 0)
		{
			key = w->rename_to[i];
			break;
		}
	write_scalar(w, key, YAML_ANY_SCALAR_STYLE);
}

void
yaml_write_pair(YamlWriter *w, const char *key, const char *value)
{
	yaml_write_key(w, key);
	yaml_write_string(w, value);
}

/* a date or integer, written plain */
void
yaml_write_plain_pair(YamlWriter *w, const char *key, const char *value)
{
	yaml_write_key(w, key);
	write_scalar(w, value, YAML_PLAIN_SCALAR_STYLE);
}
