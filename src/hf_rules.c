/*
 * hf_rules.c
 *	  Gathering what a Hugging Face record says, field by field, and the mapping
 *	  of those facts to the release card the classifier reads (ReleaseFacts).
 *
 * The readers (hf_info.c for Hub documents, model_card.c for model cards) call
 * the hf_add_* functions; nothing here allocates, so classify_hf stays a pass
 * over the document.  The rules are documented in docs/hugging-face-and-mof.md,
 * "From Hugging Face records".
 */
#include "postgres.h"

#include "hf.h"

/* longest base model id examined for known terms, in bytes */
#define BASE_ID_MAX 256

void
hf_facts_init(HfFacts *f, bool from_card)
{
	memset(f, 0, sizeof(HfFacts));
	f->from_card = from_card;
	f->disabled = FACT_NOT_STATED;
}

/* lower is less open: the licence a list is judged by is its least open one */
static int
openness_rank(LicenseMatch match, const LicenseInfo *info)
{
	if (match == LICENSE_NOT_STATED)
		return 4;
	if (match == LICENSE_UNRECOGNISED)
		return 1;
	switch (info->kind)
	{
		case LICENSE_KIND_RESTRICTED:
			return 0;
		case LICENSE_KIND_OPEN_DATA:
			return 2;
		case LICENSE_KIND_OSI:
		case LICENSE_KIND_FSF_LIBRE:
			return 3;
	}
	return 0;
}

static void
add_license(HfLicense *l, const char *s, int len, HfWhere where)
{
	const LicenseInfo *info;
	LicenseMatch match;

	if (len == 0)
		return;
	match = license_lookup(s, len, &info);
	if (l->count++ > 0 && openness_rank(match, info) >= openness_rank(l->match, l->info))
		return;
	l->text.val = s;
	l->text.len = len;
	l->where = where;
	l->match = match;
	l->info = info;
}

void
hf_add_card_license(HfFacts *f, const char *s, int len, HfWhere where)
{
	add_license(&f->card_license, s, len, where);
}

void
hf_add_dataset(HfFacts *f, const char *s, int len, HfWhere where)
{
	bool		from_tag = where.field == HF_FIELD_TAG;

	if (len == 0)
		return;
	/* the card's first dataset is shown rather than a tag's */
	if ((from_tag ? f->ndatasets_tag++ : f->ndatasets++) == 0 && (!from_tag || f->ndatasets == 0))
	{
		f->first_dataset.val = s;
		f->first_dataset.len = len;
		f->first_dataset_where = where;
	}
}

void
hf_add_base_model(HfFacts *f, const char *s, int len, HfWhere where)
{
	bool		from_tag = where.field == HF_FIELD_TAG;

	if (len == 0)
		return;
	if ((from_tag ? f->nbase_tag++ : f->nbase++) == 0 && (!from_tag || f->nbase == 0))
	{
		f->first_base.val = s;
		f->first_base.len = len;
		f->first_base_where = where;
	}
	/* the card's own base model is named rather than a tag's (tags are read first) */
	if ((f->binding_base.val == NULL ||
		 (!from_tag && f->binding_base_where.field == HF_FIELD_TAG)) &&
		hf_base_terms(s, len, &f->binding_terms))
	{
		f->binding_base.val = s;
		f->binding_base.len = len;
		f->binding_base_where = where;
	}
}

void
hf_add_file(HfFacts *f, const char *s, int len, HfWhere where)
{
	uint32		format;

	f->nfiles++;
	switch (hf_file_kind(s, len, &format))
	{
		case HF_FILE_WEIGHTS:
			if (f->nweights++ == 0)
			{
				f->first_weight.val = s;
				f->first_weight.len = len;
				f->first_weight_where = where;
			}
			f->formats |= format;
			break;
		case HF_FILE_ADAPTER:
			if (f->nadapters++ == 0)
			{
				f->first_adapter.val = s;
				f->first_adapter.len = len;
				f->first_adapter_where = where;
			}
			break;
		case HF_FILE_ADAPTER_CONFIG:
			f->nadapter_configs++;
			break;
		case HF_FILE_OTHER:
			break;
	}
}

static bool
has_prefix(const char *s, int len, const char *prefix, int n)
{
	return len >= n && memcmp(s, prefix, n) == 0;
}

/*
 * A tag of the Hub document: "license:X" (the card's licence as a tag),
 * "base_model:[finetune:|adapter:|quantized:|merge:]X" and "dataset:X".
 * Other tags say nothing the classifier uses.
 */
void
hf_add_tag(HfFacts *f, const char *s, int len, HfWhere where)
{
	if (has_prefix(s, len, "license:", 8))
		add_license(&f->tag_license, s + 8, len - 8, where);
	else if (has_prefix(s, len, "dataset:", 8))
		hf_add_dataset(f, s + 8, len - 8, where);
	else if (has_prefix(s, len, "base_model:", 11))
	{
		static const char *const relations[] = {"finetune:", "adapter:", "quantized:", "merge:"};

		s += 11;
		len -= 11;
		for (int i = 0; i < lengthof(relations); i++)
		{
			int			n = strlen(relations[i]);

			if (has_prefix(s, len, relations[i], n))
			{
				if (f->base_relation.val == NULL)
				{
					f->base_relation.val = s;
					f->base_relation.len = n - 1;
				}
				/* the same base is also tagged without its relation: not counted twice */
				if (f->binding_base.val == NULL &&
					hf_base_terms(s + n, len - n, &f->binding_terms))
				{
					f->binding_base.val = s + n;
					f->binding_base.len = len - n;
					f->binding_base_where = where;
				}
				return;
			}
		}
		hf_add_base_model(f, s, len, where);
	}
}

/* "2", "3", "3.1": digits and dots, starting with a digit */
static bool
is_version(const char *t, int len)
{
	if (len == 0 || t[0] < '0' || t[0] > '9')
		return false;
	for (int i = 0; i < len; i++)
		if (!((t[i] >= '0' && t[i] <= '9') || t[i] == '.'))
			return false;
	return true;
}

/* "7b", "2b", "1.1b": a model size */
static bool
is_size(const char *t, int len)
{
	return len >= 2 && t[len - 1] == 'b' && is_version(t, len - 1);
}

static bool
token_is(const char *t, int len, const char *word)
{
	return len == (int) strlen(word) && memcmp(t, word, len) == 0;
}

static const char *
llama_version_tag(const char *v, int len)
{
	if (token_is(v, len, "2"))
		return "llama2";
	if (token_is(v, len, "3"))
		return "llama3";
	if (token_is(v, len, "3.1"))
		return "llama3.1";
	if (token_is(v, len, "3.2"))
		return "llama3.2";
	if (token_is(v, len, "3.3"))
		return "llama3.3";
	if (token_is(v, len, "4"))
		return "llama4";
	return NULL;
}

/* Gemma 1, 2 and 3 are under the Gemma Terms of Use; later generations are not assumed */
static bool
gemma_version_ok(const char *v, int len)
{
	return token_is(v, len, "1") || token_is(v, len, "1.1") || token_is(v, len, "2") ||
		token_is(v, len, "3") || is_size(v, len);
}

/*
 * Is this base model (a Hub id such as "meta-llama/Llama-3.1-8B") under terms
 * that bind models derived from it?  The name after the last '/' is split into
 * words at '-', '_' and ' ': "llama" followed by a version the licence table
 * knows (2, 3, 3.1, 3.2, 3.3, 4; also written "llama3.1"), or "gemma" followed by
 * 1, 1.1, 2, 3 or a size ("gemma-7b"), or codegemma, recurrentgemma, shieldgemma.
 * A word must match whole: TinyLlama and open_llama_3b are other models.
 */
bool
hf_base_terms(const char *id, int len, HfBaseTerms *terms)
{
	char		buf[BASE_ID_MAX];
	const char *tok[BASE_ID_MAX / 2];
	int			toklen[BASE_ID_MAX / 2];
	int			ntok = 0;
	const char *name = id;
	int			n;
	const char *tag = NULL;

	for (int i = len - 1; i >= 0; i--)
		if (id[i] == '/')
		{
			name = id + i + 1;
			break;
		}
	n = id + len - name;
	if (n <= 0 || n > BASE_ID_MAX)
		return false;
	for (int i = 0; i < n; i++)
		buf[i] = (name[i] >= 'A' && name[i] <= 'Z') ? name[i] + ('a' - 'A') : name[i];
	for (int i = 0; i < n;)
	{
		int			start;

		while (i < n && (buf[i] == '-' || buf[i] == '_' || buf[i] == ' '))
			i++;
		if (i >= n)
			break;
		start = i;
		while (i < n && !(buf[i] == '-' || buf[i] == '_' || buf[i] == ' '))
			i++;
		tok[ntok] = buf + start;
		toklen[ntok] = i - start;
		ntok++;
	}

	for (int i = 0; i < ntok && tag == NULL; i++)
	{
		const char *t = tok[i];
		int			tl = toklen[i];
		bool		has_next = i + 1 < ntok;

		if (token_is(t, tl, "llama") && has_next)
			tag = llama_version_tag(tok[i + 1], toklen[i + 1]);
		else if (tl > 5 && memcmp(t, "llama", 5) == 0)
			tag = llama_version_tag(t + 5, tl - 5);
		else if (token_is(t, tl, "gemma") && has_next)
			tag = gemma_version_ok(tok[i + 1], toklen[i + 1]) ? "gemma" : NULL;
		else if (tl > 5 && memcmp(t, "gemma", 5) == 0)
			tag = gemma_version_ok(t + 5, tl - 5) && !is_size(t + 5, tl - 5) ? "gemma" : NULL;
		else if (token_is(t, tl, "codegemma") || token_is(t, tl, "recurrentgemma") ||
				 token_is(t, tl, "shieldgemma"))
			tag = "gemma";
	}
	if (tag == NULL)
		return false;
	terms->tag = tag;
	if (license_lookup(tag, strlen(tag), &terms->info) != LICENSE_RECOGNISED)
		return false;			/* the table lost a licence: say nothing rather than guess */
	return true;
}

/* the licence the record declares resolves to a restricted licence */
static bool
declared_restricted(const HfFacts *f, const HfLicense *declared)
{
	const LicenseInfo *info;

	if (declared == NULL)
		return false;
	if (declared->match == LICENSE_RECOGNISED)
		return declared->info->kind == LICENSE_KIND_RESTRICTED;
	if (declared->match == LICENSE_NOT_STATED && f->license_name.val &&
		license_lookup(f->license_name.val, f->license_name.len, &info) == LICENSE_RECOGNISED)
		return info->kind == LICENSE_KIND_RESTRICTED;
	return false;
}

/*
 * The release card of a Hugging Face record:
 *	weights_available	disabled: false; files listed: true when a weight or adapter
 *						file is among them, else false; not listed: not stated
 *	weights_license		the card's licence, else the license: tag; "other" with
 *						license_name as weights_license_name; a base model under
 *						Llama or Gemma terms puts those terms here unless the declared
 *						licence is restricted already
 *	data_information	"partial" when training datasets are named, else not stated
 *	code_available, code_license, extra_use_policy: not stated (a Hub record does
 *						not say whether the training code is public)
 */
void
hf_map(const HfFacts *f, HfMapping *m)
{
	ReleaseFacts *r = &m->release;
	const HfLicense *declared = f->card_license.count > 0 ? &f->card_license :
		f->tag_license.count > 0 ? &f->tag_license : NULL;

	memset(m, 0, sizeof(HfMapping));
	if (f->disabled == FACT_TRUE)
		r->weights_available = FACT_FALSE;
	else if (f->files_listed)
		r->weights_available = (f->nweights > 0 || f->nadapters > 0) ? FACT_TRUE : FACT_FALSE;
	else
		r->weights_available = FACT_NOT_STATED;

	m->declared = declared;
	m->license_rule = HF_RULE_NONE;
	if (declared)
	{
		r->weights_license = declared->text;
		if (declared->match == LICENSE_NOT_STATED)
			r->weights_license_name = f->license_name;
		m->license_rule = declared == &f->card_license ? HF_RULE_CARD : HF_RULE_TAG;
	}
	else if (f->license_name.val)
	{
		/* a name without a license: key is what license: other would have said */
		r->weights_license_name = f->license_name;
		m->license_rule = HF_RULE_CARD;
	}

	if (f->binding_terms.info)
	{
		if (declared_restricted(f, declared))
			m->license_rule = HF_RULE_CARD_AND_BASE;
		else
		{
			r->weights_license.val = f->binding_terms.tag;
			r->weights_license.len = strlen(f->binding_terms.tag);
			r->weights_license_name.val = NULL;
			r->weights_license_name.len = 0;
			m->license_rule = HF_RULE_BASE;
		}
	}

	r->data_information = HF_DATASET_COUNT(f) > 0 ? DATA_PARTIAL : DATA_NOT_STATED;
	r->code_available = FACT_NOT_STATED;
	r->extra_use_policy = FACT_NOT_STATED;
}
