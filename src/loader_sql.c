/*
 * loader_sql.c
 *	  glossary.import_yaml(doc, source_name, key_map) and
 *	  glossary.import_markdown(slug, doc, source_name, key_map), and their
 *	  *_slugs variants, which also return the slugs of the entries written
 *	  (glossary-load's --replace keeps exactly those).
 *
 * Every message raised while importing carries the context line
 *	  while importing "NAME", line L, column C
 * (or just 'while importing "NAME"' when no single place is meant).
 */
#include "postgres.h"
#include "pg_compat.h"

#include "executor/spi.h"
#include "access/htup_details.h"
#include "access/detoast.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "loader.h"

PG_FUNCTION_INFO_V1(glossary_import_yaml);
PG_FUNCTION_INFO_V1(glossary_import_markdown);

static void
import_error_context(void *arg)
{
	ImportCtx  *ctx = (ImportCtx *) arg;

	if (ctx->line > 0)
		errcontext("while importing \"%s\", line %d, column %d",
				   ctx->source, ctx->line, ctx->column);
	else
		errcontext("while importing \"%s\"", ctx->source);
}

void
loader_read_key_map(ImportCtx *ctx, Jsonb *map)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken r;
	char	   *from = NULL;
	int			cap;

	if (map == NULL)
		return;
	if (!JB_ROOT_IS_OBJECT(map))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("\"key_map\" must be a JSON object"),
				 errhint("Map each key of the input to a key of the glossary format, for example '{\"primary_layer\": \"category\"}'.")));
	cap = Max(JB_ROOT_COUNT(map), 1);
	ctx->map_from = palloc(cap * sizeof(char *));
	ctx->map_to = palloc(cap * sizeof(char *));
	it = JsonbIteratorInit(&map->root);
	while ((r = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (r == WJB_KEY)
			from = pnstrdup(v.val.string.val, v.val.string.len);
		else if (r == WJB_VALUE)
		{
			char	   *to;

			if (v.type != jbvString)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("\"key_map\" maps \"%s\" to %s, not to a key name", from, JsonbTypeName(&v)),
						 errhint("Write the new name as a string, for example '{\"%s\": \"category\"}'.", from)));
			to = pnstrdup(v.val.string.val, v.val.string.len);
			if (!loader_is_known_key(to))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("\"key_map\" maps \"%s\" to unknown key \"%s\"", from, to),
						 errhint("Known keys are %s.", loader_known_keys())));
			ctx->map_from[ctx->nmap] = from;
			ctx->map_to[ctx->nmap] = to;
			ctx->nmap++;
		}
	}
}

/* the document's text, checked for size and encoding, in UTF-8 for libyaml */
static const char *
document_text(ImportCtx *ctx, Datum d, size_t *len)
{
	Size		raw = toast_raw_datum_size(d) - VARHDRSZ;
	text	   *t;
	const char *s;
	int			valid;
	char	   *utf8;

	if (raw > LOADER_MAX_DOCUMENT_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the document is too large (%zu bytes)", raw),
				 errdetail("The limit is %d bytes.", LOADER_MAX_DOCUMENT_BYTES),
				 errhint("Split it into several documents and import them in one transaction.")));
	t = DatumGetTextPP(d);
	s = VARDATA_ANY(t);
	*len = VARSIZE_ANY_EXHDR(t);
	/* text is normally valid already; this catches what slipped past */
	valid = pg_encoding_verifymbstr(GetDatabaseEncoding(), s, (int) *len);
	if (valid < (int) *len)
	{
		yaml_offset_position(s, *len, valid, &ctx->line, &ctx->column);
		report_invalid_encoding(GetDatabaseEncoding(), s + valid, (int) *len - valid);
	}
	utf8 = pg_server_to_any(s, (int) *len, PG_UTF8);
	if (utf8 != s)
		*len = strlen(utf8);
	return utf8;
}

/* parse YAML text, raising its errors at their position */
static YamlNode *
parse_yaml(ImportCtx *ctx, const char *utf8, size_t len)
{
	YamlError	err;
	YamlNode   *root = yaml_tree_parse(utf8, len, &err);

	if (root == NULL && err.message != NULL)
	{
		ctx->line = err.line ? err.line + ctx->line_offset : 0;
		ctx->column = err.column;
		ereport(ERROR,
				(errcode(err.sqlerrcode),
				 errmsg_internal("%s", err.message),
				 err.detail ? errdetail_internal("%s", err.detail) : 0,
				 err.hint ? errhint("%s", err.hint) : 0));
	}
	return root;
}

static bool
is_empty(const YamlNode *root)
{
	return root == NULL || (root->kind == YAML_KIND_SCALAR && root->is_null);
}

/* the slugs of the entries of batch, in input order, as text[] */
static Datum
entry_slugs(ImportBatch *batch)
{
	int			n = list_length(batch->entries);
	Datum	   *d = palloc(Max(n, 1) * sizeof(Datum));
	int			i = 0;
	ListCell   *lc;

	foreach(lc, batch->entries)
		d[i++] = PointerGetDatum(cstring_to_text(((EntryRec *) lfirst(lc))->slug));
	return PointerGetDatum(construct_array(d, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/*
 * Write the batch and return the row: import_summary, or for the *_slugs
 * variants the same columns and then the slugs of the entries written.
 */
static Datum
finish(FunctionCallInfo fcinfo, ImportCtx *ctx, ImportBatch *batch)
{
	ImportCounts counts;
	TupleDesc	tupdesc;
	Datum		values[7];
	bool		nulls[7] = {false, false, false, false, false, false, false};
	int			rc;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	if (tupdesc->natts != 6 && tupdesc->natts != 7)
		elog(ERROR, "return type must have 6 or 7 columns, not %d", tupdesc->natts);
	loader_check_batch(ctx, batch);
	if (tupdesc->natts == 7)
		values[6] = entry_slugs(batch);
	if ((rc = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(rc));
	loader_write(ctx, batch, &counts);
	if ((rc = SPI_finish()) != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed: %s", SPI_result_code_string(rc));

	values[0] = Int32GetDatum(counts.categories);
	values[1] = Int32GetDatum(counts.entries);
	values[2] = Int32GetDatum(counts.aliases);
	values[3] = Int32GetDatum(counts.sources);
	values[4] = Int32GetDatum(counts.links);
	values[5] = Int32GetDatum(counts.warnings);
	return HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls));
}

static void
init_ctx(ImportCtx *ctx, const char *source)
{
	memset(ctx, 0, sizeof(ImportCtx));
	ctx->source = source;
}

Datum
glossary_import_yaml(PG_FUNCTION_ARGS)
{
	ImportCtx	ctx;
	ErrorContextCallback cb;
	ImportBatch batch = {NIL, NIL};
	const char *utf8;
	size_t		len;
	YamlNode   *root;
	Datum		result;

	init_ctx(&ctx, PG_ARGISNULL(1) ? "input" : text_to_cstring(PG_GETARG_TEXT_PP(1)));
	cb.callback = import_error_context;
	cb.arg = &ctx;
	cb.previous = error_context_stack;
	error_context_stack = &cb;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the document to import is NULL")));
	loader_read_key_map(&ctx, PG_ARGISNULL(2) ? NULL : PG_GETARG_JSONB_P(2));
	utf8 = document_text(&ctx, PG_GETARG_DATUM(0), &len);
	root = parse_yaml(&ctx, utf8, len);
	if (is_empty(root))
	{
		loader_at(&ctx, NULL);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("the document is empty"),
				 errhint("Write \"categories:\" and/or \"entries:\", each followed by a list.")));
	}
	loader_read_document(&ctx, root, &batch);
	result = finish(fcinfo, &ctx, &batch);

	error_context_stack = cb.previous;
	PG_RETURN_DATUM(result);
}

Datum
glossary_import_markdown(PG_FUNCTION_ARGS)
{
	ImportCtx	ctx;
	ErrorContextCallback cb;
	ImportBatch batch = {NIL, NIL};
	char	   *slug = PG_ARGISNULL(0) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(0));
	const char *source;
	const char *utf8;
	size_t		len;
	MarkdownParts parts;
	MarkdownStatus status;
	YamlNode   *root;
	EntryRec   *entry;
	const YamlNode *body_key;
	Datum		result;

	source = !PG_ARGISNULL(2) ? text_to_cstring(PG_GETARG_TEXT_PP(2)) : slug ? slug : "input";
	init_ctx(&ctx, source);
	cb.callback = import_error_context;
	cb.arg = &ctx;
	cb.previous = error_context_stack;
	error_context_stack = &cb;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the document to import is NULL")));
	loader_read_key_map(&ctx, PG_ARGISNULL(3) ? NULL : PG_GETARG_JSONB_P(3));
	utf8 = document_text(&ctx, PG_GETARG_DATUM(1), &len);

	status = markdown_split(utf8, len, &parts);
	if (status != MD_OK)
	{
		ctx.line = 1;
		ctx.column = 1;
		if (status == MD_NO_FRONT_MATTER)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("the document has no front matter"),
					 errhint("Start the document with a line \"---\", then the entry's keys in YAML, then another line \"---\".")));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("the front matter is not closed"),
				 errdetail("It opens at line 1, but no later line is \"---\"."),
				 errhint("Add a line \"---\" after the last key of the front matter.")));
	}
	/* the body leaves UTF-8 here; the front matter's scalars leave it in the parser */
	if (GetDatabaseEncoding() != PG_UTF8)
		parts.body = pg_any_to_server(parts.body, strlen(parts.body), PG_UTF8);

	ctx.line_offset = parts.front_first_line - 1;
	root = parse_yaml(&ctx, parts.front, parts.front_len);
	if (is_empty(root))
	{
		ctx.line = 1;
		ctx.column = 1;
		ereport(ERROR,
				(errcode(ERRCODE_NOT_NULL_VIOLATION),
				 errmsg("the front matter is empty"),
				 errhint("Every entry needs a term, a category and a summary.")));
	}
	if (root->kind != YAML_KIND_MAPPING)
	{
		loader_at(&ctx, root);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("the front matter is %s, not a mapping", yaml_kind_name(root)),
				 errhint("Write one \"key: value\" per line, for example \"term: open weights\".")));
	}
	if (slug == NULL && loader_peek(&ctx, root, "slug") == NULL)
	{
		loader_at(&ctx, root);
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the entry has no slug"),
				 errhint("Pass the slug as the first argument, or add a \"slug:\" key to the front matter.")));
	}

	entry = loader_read_entry(&ctx, root, slug, 1);
	body_key = loader_peek(&ctx, root, "body");
	if (parts.body[0] != '\0')
	{
		if (body_key != NULL)
		{
			loader_at(&ctx, body_key);
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("entry \"%s\" has a body both in the front matter and after it", entry->slug),
					 errhint("Remove \"body\" from the front matter.")));
		}
		if (strlen(parts.body) > LOADER_MAX_BODY_BYTES)
		{
			loader_at(&ctx, NULL);
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("the body of entry \"%s\" is too long (%zu bytes)", entry->slug, strlen(parts.body)),
					 errdetail("The limit is %d bytes.", LOADER_MAX_BODY_BYTES)));
		}
		entry->body = parts.body;
	}
	batch.entries = list_make1(entry);
	result = finish(fcinfo, &ctx, &batch);

	error_context_stack = cb.previous;
	PG_RETURN_DATUM(result);
}
