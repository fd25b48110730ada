/*
 * model_card.c
 *	  Read a model card (the README.md of a Hugging Face model repository: YAML
 *	  front matter, then prose) into HfFacts.
 *
 * The front matter is split off and parsed by the loader's own readers
 * (markdown_split in loader_markdown.c, yaml_tree_parse in yaml_tree.c), so a
 * model card is read with the loader's limits and refusals, and its errors
 * point at the line and column of the file.  The prose is not read.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "hf.h"
#include "loader.h"

/* the front matter keys read; all others are skipped */
static const char *const card_keys_hint =
"Model card metadata is described at https://huggingface.co/docs/hub/model-cards.";

pg_noreturn static void
card_error(int sqlerrcode, int line, int column, const char *message, const char *hint)
{
	ereport(ERROR,
			(errcode(sqlerrcode),
			 errmsg_internal("%s", message),
			 hint ? errhint("%s", hint) : 0,
			 line > 0 ? errcontext("model card front matter, line %d, column %d", line, column) : 0));
}

pg_noreturn static void
wrong_node(const char *key, int index, const YamlNode *node, int line_offset, const char *expected)
{
	char	   *where = index >= 0 ? psprintf("%s[%d]", key, index) : pstrdup(key);

	card_error(ERRCODE_INVALID_PARAMETER_VALUE, node->line + line_offset, node->column,
			   psprintf("model card field \"%s\" must be %s, not %s", where, expected, yaml_kind_name(node)),
			   card_keys_hint);
}

typedef void (*AddFn) (HfFacts *f, const char *s, int len, HfWhere where);

static HfWhere
where_at(HfField field, int index, int line)
{
	HfWhere		w = {field, index, line};

	return w;
}

/* a string, or a list of strings; null says nothing */
static void
read_strings(HfFacts *f, const char *key, const YamlNode *v, int line_offset, HfField field, AddFn add)
{
	if (v->kind == YAML_KIND_SCALAR)
	{
		if (!v->is_null)
			add(f, v->value, v->len, where_at(field, -1, v->line + line_offset));
		return;
	}
	if (v->kind != YAML_KIND_SEQUENCE)
		wrong_node(key, -1, v, line_offset, "a string, a list of strings or null");
	for (int i = 0; i < v->nitems; i++)
	{
		const YamlNode *e = v->items[i];

		if (e->kind != YAML_KIND_SCALAR)
			wrong_node(key, i, e, line_offset, "a string");
		if (!e->is_null)
			add(f, e->value, e->len, where_at(field, i, e->line + line_offset));
	}
}

static FactText
read_text(const char *key, const YamlNode *v, int line_offset)
{
	FactText	t = {NULL, 0};

	if (v->kind != YAML_KIND_SCALAR)
		wrong_node(key, -1, v, line_offset, "a string or null");
	if (!v->is_null && v->len > 0)
	{
		t.val = v->value;
		t.len = v->len;
	}
	return t;
}

/* the readme's text, checked for size and encoding, in UTF-8 for libyaml */
static const char *
card_text(text *readme, size_t *len)
{
	const char *s = VARDATA_ANY(readme);
	int			valid;
	char	   *utf8;

	*len = VARSIZE_ANY_EXHDR(readme);
	if (*len > LOADER_MAX_DOCUMENT_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the model card is too large (%zu bytes)", *len),
				 errdetail("The limit is %d bytes.", LOADER_MAX_DOCUMENT_BYTES)));
	valid = pg_encoding_verifymbstr(GetDatabaseEncoding(), s, (int) *len);
	if (valid < (int) *len)
	{
		int			line,
					column;

		yaml_offset_position(s, *len, valid, &line, &column);
		card_error(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE, line, column,
				   psprintf("the model card is not valid %s", GetDatabaseEncodingName()),
				   "Convert the file to the database encoding before passing it.");
	}
	utf8 = pg_server_to_any(s, (int) *len, PG_UTF8);
	if (utf8 != s)
		*len = strlen(utf8);
	return utf8;
}

void
hf_read_model_card(text *readme, HfFacts *f)
{
	size_t		len;
	const char *utf8 = card_text(readme, &len);
	MarkdownParts parts;
	MarkdownStatus status;
	YamlError	err;
	YamlNode   *root;
	int			off;

	hf_facts_init(f, true);
	status = markdown_split(utf8, len, &parts);
	if (status == MD_NO_FRONT_MATTER)
		card_error(ERRCODE_INVALID_TEXT_REPRESENTATION, 1, 1,
				   "the model card has no front matter",
				   "A model card starts with a line \"---\", then its metadata in YAML (license:, base_model:, ...), then another line \"---\".");
	if (status == MD_UNCLOSED_FRONT_MATTER)
		card_error(ERRCODE_INVALID_TEXT_REPRESENTATION, 1, 1,
				   "the model card's front matter is not closed",
				   "Add a line \"---\" after the last key of the front matter.");
	off = parts.front_first_line - 1;
	root = yaml_tree_parse(parts.front, parts.front_len, &err);
	if (root == NULL && err.message != NULL)
		card_error(err.sqlerrcode, err.line ? err.line + off : 0, err.column,
				   err.message, err.hint ? err.hint :
				   "Correct the YAML at that line of the front matter; the metadata keys are described at https://huggingface.co/docs/hub/model-cards.");
	if (root == NULL || (root->kind == YAML_KIND_SCALAR && root->is_null))
		return;					/* an empty front matter says nothing */
	if (root->kind != YAML_KIND_MAPPING)
		card_error(ERRCODE_INVALID_TEXT_REPRESENTATION, root->line + off, root->column,
				   psprintf("the model card's front matter is %s, not a mapping", yaml_kind_name(root)),
				   "Write one \"key: value\" per line, such as \"license: apache-2.0\".");

	for (int i = 0; i < root->nitems; i++)
	{
		const YamlNode *k = root->items[2 * i];
		const YamlNode *v = root->items[2 * i + 1];
		const char *key;

		if (k->kind != YAML_KIND_SCALAR || k->is_null)
			continue;
		key = k->value;
		if (strcmp(key, "license") == 0)
			read_strings(f, key, v, off, HF_FIELD_CARD_LICENSE, hf_add_card_license);
		else if (strcmp(key, "license_name") == 0)
		{
			f->license_name = read_text(key, v, off);
			f->license_name_where = where_at(HF_FIELD_CARD_LICENSE_NAME, -1, v->line + off);
		}
		else if (strcmp(key, "license_link") == 0)
			f->license_link = read_text(key, v, off);
		else if (strcmp(key, "datasets") == 0)
			read_strings(f, key, v, off, HF_FIELD_CARD_DATASETS, hf_add_dataset);
		else if (strcmp(key, "base_model") == 0)
			read_strings(f, key, v, off, HF_FIELD_CARD_BASE_MODEL, hf_add_base_model);
		else if (strcmp(key, "base_model_relation") == 0)
		{
			FactText	rel = read_text(key, v, off);

			if (rel.val)
				f->base_relation = rel;
		}
		else if (strncmp(key, "extra_gated_", 12) == 0 && f->gated == HF_GATE_NOT_STATED)
		{
			/* the card asks for terms to be accepted before download */
			f->gated = HF_GATE_YES;
			f->gated_where = where_at(HF_FIELD_GATED, -1, k->line + off);
		}
	}
}
