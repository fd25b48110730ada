/*
 * hf_fuzz.c
 *	  libFuzzer harness for the Hugging Face readers that need no jsonb: the
 *	  model card reader (src/model_card.c, on the loader's front-matter split
 *	  and YAML tree), the file-name rules (src/hf_files.c), the tag and base
 *	  model rules and the mapping to a release card (src/hf_rules.c), and the
 *	  classifier's rules on the result (src/classify.c).
 *
 * sources: src/model_card.c src/hf_rules.c src/hf_files.c src/classify.c src/licences.c src/yaml_tree.c src/loader_markdown.c fuzz/pg_stubs.c fuzz/classify_unreachable.c
 * libs: -lyaml -lpgcommon -lpgport
 *
 * Each input is read twice: as a model card (README.md), and line by line,
 * each line being a file name, a Hub tag and a base model id at once.  Each
 * line is its own exact-size malloc, so reading past its end is caught by
 * ASan.  Checked: errors are ordinary ERRORs (never XX000); the counts add
 * up; weights_available is true only with a weight or adapter file; a base
 * model's binding terms are a restricted licence, and when they decide, the
 * release card's licence is theirs; the fast and the full rules agree.
 */
#include "postgres.h"

#include <stdint.h>
#include <stdlib.h>

#include "utils/jsonb.h"

#include "hf.h"
#include "pg_stubs.h"

/* model_card.c names the encoding in one message; the stubbed database is UTF-8 */
const char *GetDatabaseEncodingName(void);
const char *
GetDatabaseEncodingName(void)
{
	return "UTF8";
}

/* classify.c's jsonb reader is not reached: the release card is built by hf_map */
JsonbIterator *
JsonbIteratorInit(JsonbContainer *container)
{
	abort();
}

JsonbIteratorToken
JsonbIteratorNext(JsonbIterator **it, JsonbValue *val, bool skipNested)
{
	abort();
}

typedef struct Input
{
	const char *data;
	size_t		len;
} Input;

#define MAX_LINES 256

static void
check_facts(const HfFacts *f)
{
	HfMapping	m;
	Classification fast,
				full;

	if (f->nweights + f->nadapters + f->nadapter_configs > f->nfiles ||
		f->nweights < 0 || f->nfiles < 0)
		abort();
	hf_map(f, &m);
	if (m.release.weights_available == FACT_TRUE && f->nweights == 0 && f->nadapters == 0)
		abort();
	if (f->disabled == FACT_TRUE && m.release.weights_available != FACT_FALSE)
		abort();
	if (f->binding_terms.info)
	{
		if (f->binding_terms.info->kind != LICENSE_KIND_RESTRICTED || f->binding_base.val == NULL)
			abort();
		if (m.license_rule == HF_RULE_BASE &&
			(m.release.weights_license.val != f->binding_terms.tag ||
			 m.release.weights_license_name.val != NULL))
			abort();
	}
	else if (m.license_rule == HF_RULE_BASE || m.license_rule == HF_RULE_CARD_AND_BASE)
		abort();
	release_classify(&m.release, true, false, &fast);
	release_classify(&m.release, true, true, &full);
	if ((int) fast.verdict < 0 || fast.verdict >= OPENNESS_COUNT || fast.verdict != full.verdict)
		abort();
	if (m.release.weights_available == FACT_FALSE && fast.verdict != OPENNESS_CLOSED)
		abort();
}

static void
read_card(void *arg)
{
	Input	   *in = arg;
	text	   *t = palloc(VARHDRSZ + in->len);
	HfFacts		f;

	SET_VARSIZE(t, VARHDRSZ + in->len);
	memcpy(VARDATA(t), in->data, in->len);
	hf_read_model_card(t, &f);
	check_facts(&f);
}

static char *lines[MAX_LINES];
static int	line_len[MAX_LINES];
static int	nlines;

static void
read_lines(void *arg)
{
	HfFacts		f;

	hf_facts_init(&f, false);
	f.files_listed = true;
	for (int i = 0; i < nlines; i++)
	{
		HfWhere		w = {HF_FIELD_TAG, i, 0};
		HfWhere		s = {HF_FIELD_SIBLING, i, 0};
		HfBaseTerms terms;
		uint32		format;
		HfFileKind	kind = hf_file_kind(lines[i], line_len[i], &format);

		if ((kind == HF_FILE_WEIGHTS) != (format != 0 && kind != HF_FILE_ADAPTER) ||
			(kind == HF_FILE_OTHER && format != 0) || format >= (1 << HF_FORMAT_COUNT))
			abort();
		if (hf_base_terms(lines[i], line_len[i], &terms) && terms.info == NULL)
			abort();
		hf_add_file(&f, lines[i], line_len[i], s);
		hf_add_tag(&f, lines[i], line_len[i], w);
		if (i % 2 == 0)
			hf_add_card_license(&f, lines[i], line_len[i], w);
	}
	check_facts(&f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Input		in = {(const char *) data, size};
	const char *p = (const char *) data;
	const char *end = p + size;

	if (pgstub_valid_text(in.data, in.len))
		pgstub_run(read_card, &in);

	nlines = 0;
	while (p < end && nlines < MAX_LINES)
	{
		const char *nl = memchr(p, '\n', end - p);
		int			len = (nl ? nl : end) - p;

		lines[nlines] = malloc(len ? len : 1);
		memcpy(lines[nlines], p, len);
		line_len[nlines++] = len;
		p = nl ? nl + 1 : end;
	}
	pgstub_run(read_lines, NULL);
	for (int i = 0; i < nlines; i++)
		free(lines[i]);
	return 0;
}
