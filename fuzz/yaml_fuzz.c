/*
 * yaml_fuzz.c
 *	  libFuzzer harness for the loader's reading half: YAML to tree
 *	  (src/yaml_tree.c), the tree to validated records (src/loader_read.c)
 *	  and the Markdown/MDX front-matter split (src/loader_markdown.c), with
 *	  the backend stubbed by fuzz/pg_stubs.c.
 *
 * sources: src/yaml_tree.c src/loader_read.c src/loader_markdown.c fuzz/pg_stubs.c
 * libs: -lyaml -lpgcommon -lpgport
 *
 * Each input is read as import_yaml() reads a document and as
 * import_markdown() reads an entry.  Checked: no crash, no out-of-bounds
 * access (ASan: every palloc is its own malloc), no leak of libyaml's
 * malloc'd parser state (LeakSanitizer), errors are ordinary ERRORs
 * (never XX000), and the tree is well formed: positions >= 1, depth within
 * YAML_TREE_MAX_DEPTH, mappings of key/value pairs, scalars that hold
 * exactly len bytes.  Each input then runs a second time with an ERROR
 * (out of memory) injected at one of its pallocs, chosen from the input's
 * hash, so every longjmp path through the parser gets exercised too.
 */
#include "postgres.h"

#include <stdint.h>
#include <stdlib.h>

#include "loader.h"
#include "pg_stubs.h"

typedef struct Input
{
	const char *data;
	size_t		len;
} Input;

static void
check_tree(const YamlNode *node, int depth)
{
	if (node == NULL)
		abort();
	if (node->line < 1 || node->column < 1)
		abort();
	if (depth > YAML_TREE_MAX_DEPTH + 1)
		abort();
	switch (node->kind)
	{
		case YAML_KIND_SCALAR:
			if (node->value == NULL || node->len < 0 || strlen(node->value) != (size_t) node->len)
				abort();
			break;
		case YAML_KIND_SEQUENCE:
		case YAML_KIND_MAPPING:
			if (node->nitems < 0 || (node->nitems > 0 && node->items == NULL))
				abort();
			for (int i = 0; i < (node->kind == YAML_KIND_MAPPING ? 2 : 1) * node->nitems; i++)
				check_tree(node->items[i], depth + 1);
			break;
		default:
			abort();
	}
}

static void
import_context(void *arg)
{
	ImportCtx  *ctx = arg;

	if (ctx->line > 0)
		errcontext_msg("while importing \"%s\", line %d, column %d", ctx->source, ctx->line, ctx->column);
	else
		errcontext_msg("while importing \"%s\"", ctx->source);
}

static YamlNode *
parse(ImportCtx *ctx, const char *s, size_t len)
{
	YamlError	err;
	YamlNode   *root = yaml_tree_parse(s, len, &err);

	if (root == NULL && err.message != NULL)
	{
		if (err.line < 0 || err.column < 0)
			abort();
		ctx->line = err.line ? err.line + ctx->line_offset : 0;
		ctx->column = err.column;
		ereport(ERROR, (errcode(err.sqlerrcode), errmsg_internal("%s", err.message)));
	}
	if (root != NULL)
		check_tree(root, 1);
	return root;
}

static void
check_batch(const ImportBatch *batch)
{
	ListCell   *lc;

	foreach(lc, batch->entries)
	{
		EntryRec   *e = lfirst(lc);

		if (e->slug == NULL || e->slug[0] == '\0' || strlen(e->slug) > LOADER_MAX_SLUG_CHARS)
			abort();
	}
	foreach(lc, batch->categories)
	{
		CategoryRec *c = lfirst(lc);

		if (c->slug == NULL || c->slug[0] == '\0' || strlen(c->slug) > LOADER_MAX_SLUG_CHARS)
			abort();
	}
}

/* import_yaml(doc) up to the writes */
static void
run_document(void *arg)
{
	Input	   *in = arg;
	ImportCtx	ctx;
	ErrorContextCallback cb;
	ImportBatch batch = {NIL, NIL};
	YamlNode   *root;

	memset(&ctx, 0, sizeof(ctx));
	ctx.source = "fuzz";
	cb.callback = import_context;
	cb.arg = &ctx;
	cb.previous = error_context_stack;
	error_context_stack = &cb;

	root = parse(&ctx, in->data, in->len);
	if (root == NULL || (root->kind == YAML_KIND_SCALAR && root->is_null))
		return;
	loader_read_document(&ctx, root, &batch);
	loader_check_batch(&ctx, &batch);
	check_batch(&batch);
}

/* import_markdown(NULL, doc) up to the writes */
static void
run_markdown(void *arg)
{
	Input	   *in = arg;
	ImportCtx	ctx;
	ErrorContextCallback cb;
	MarkdownParts parts;
	YamlNode   *root;
	EntryRec   *entry;

	memset(&ctx, 0, sizeof(ctx));
	ctx.source = "fuzz.md";
	cb.callback = import_context;
	cb.arg = &ctx;
	cb.previous = error_context_stack;
	error_context_stack = &cb;

	if (markdown_split(in->data, in->len, &parts) != MD_OK)
		return;
	if (parts.front < in->data || parts.front + parts.front_len > in->data + in->len ||
		parts.body == NULL || strlen(parts.body) > in->len)
		abort();
	ctx.line_offset = parts.front_first_line - 1;
	root = parse(&ctx, parts.front, parts.front_len);
	if (root == NULL || root->kind != YAML_KIND_MAPPING)
		return;
	entry = loader_read_entry(&ctx, root, loader_peek(&ctx, root, "slug") ? NULL : "fuzz-entry", 1);
	if (entry == NULL || entry->slug == NULL)
		abort();
}

static uint32_t
hash_bytes(const uint8_t *data, size_t size)
{
	uint32_t	h = 2166136261u;

	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return h;
}

/* run fn, then again with an ERROR injected at one of the pallocs it made */
static void
run_twice(void (*fn) (void *), Input *in, uint32_t h)
{
	long		n;

	pgstub_run(fn, in);
	n = pgstub_alloc_count;
	if (n > 0)
	{
		pgstub_fail_alloc_at = 1 + (long) (h % (uint32_t) n);
		pgstub_run(fn, in);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a private copy, so reads past the end are caught by ASan */
	char	   *text = malloc(size ? size : 1);
	Input		in;
	uint32_t	h = hash_bytes(data, size);

	memcpy(text, data, size);
	in.data = text;
	in.len = size;
	run_twice(run_document, &in, h);
	run_twice(run_markdown, &in, h);
	free(text);
	return 0;
}
