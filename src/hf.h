/*
 * hf.h
 *	  Hugging Face records as release facts: what a Hub model-info document or a
 *	  model card says about a release, gathered field by field, and the rules that
 *	  turn it into the release card classify.c reads.
 *
 *	hf_files.c		which repository files are weights, adapters or neither
 *	hf_rules.c		the gathered facts, base models' terms, the mapping to ReleaseFacts
 *	hf_info.c		reading a Hub model-info document (jsonb)
 *	model_card.c	reading a model card's YAML front matter
 *	hf_release.c	the SQL functions and their jsonb output
 */
#ifndef GLOSSARY_HF_H
#define GLOSSARY_HF_H

#include "postgres.h"

#include "classify.h"
#include "license.h"

/* what one repository file is */
typedef enum HfFileKind
{
	HF_FILE_OTHER,				/* code, configuration, tokenizer, docs, training state */
	HF_FILE_WEIGHTS,			/* the model's parameters (or a shard of them) */
	HF_FILE_ADAPTER,			/* adapter weights (PEFT adapter_model.*) */
	HF_FILE_ADAPTER_CONFIG		/* adapter_config.json: an adapter without weights is not one */
} HfFileKind;

/* weight formats, as bits */
#define HF_FORMAT_SAFETENSORS	(1 << 0)
#define HF_FORMAT_PYTORCH		(1 << 1)	/* pytorch_model*.bin and other *model*.bin */
#define HF_FORMAT_PT			(1 << 2)	/* .pt, .pth */
#define HF_FORMAT_GGUF			(1 << 3)
#define HF_FORMAT_ONNX			(1 << 4)
#define HF_FORMAT_H5			(1 << 5)
#define HF_FORMAT_MSGPACK		(1 << 6)
#define HF_FORMAT_CKPT			(1 << 7)
#define HF_FORMAT_COUNT			8

extern HfFileKind hf_file_kind(const char *name, int len, uint32 *format);
extern const char *hf_format_name(int bit);

/* the Hub's gated field */
typedef enum HfGate
{
	HF_GATE_NOT_STATED,
	HF_GATE_NONE,				/* false */
	HF_GATE_AUTO,				/* "auto": access granted once the terms are accepted */
	HF_GATE_MANUAL,				/* "manual": the authors approve each request */
	HF_GATE_YES					/* true (older documents), or extra_gated_* keys in a card */
} HfGate;

/* where a fact was read: a field, and an index into a list or a line of the card */
typedef enum HfField
{
	HF_FIELD_NONE,
	HF_FIELD_CARD_LICENSE,		/* cardData.license / license: */
	HF_FIELD_CARD_LICENSE_NAME,
	HF_FIELD_TAG,				/* tags[i] */
	HF_FIELD_CARD_BASE_MODEL,	/* cardData.base_model / base_model: */
	HF_FIELD_CARD_DATASETS,
	HF_FIELD_SIBLING,			/* siblings[i].rfilename / files[i] */
	HF_FIELD_GATED,
	HF_FIELD_DISABLED
} HfField;

typedef struct HfWhere
{
	HfField		field;
	int			index;			/* list index (0-based), -1 when the field is not a list */
	int			line;			/* model card: line of the file, 0 otherwise */
} HfWhere;

/* a licence as a card gives it, with what the licence table makes of it */
typedef struct HfLicense
{
	FactText	text;
	HfWhere		where;
	LicenseMatch match;
	const LicenseInfo *info;
	int			count;			/* licences the field gave (a list may hold several) */
} HfLicense;

/* a base model whose terms the extension knows to bind its derivatives */
typedef struct HfBaseTerms
{
	const char *tag;			/* the Hugging Face licence tag of those terms */
	const LicenseInfo *info;
} HfBaseTerms;

typedef struct HfFacts
{
	bool		from_card;		/* read from a model card (not a Hub document) */
	FactText	id;

	HfLicense	card_license;	/* cardData.license (the least open of a list) */
	FactText	license_name;
	HfWhere		license_name_where;
	FactText	license_link;
	HfLicense	tag_license;	/* the license: tags (the least open) */

	bool		files_listed;
	int			nfiles;
	int			nweights;
	int			nadapters;		/* adapter weight files */
	int			nadapter_configs;
	uint32		formats;
	FactText	first_weight;
	HfWhere		first_weight_where;
	FactText	first_adapter;
	HfWhere		first_adapter_where;

	int			ndatasets;		/* named by the card (cardData / front matter) */
	int			ndatasets_tag;	/* named by dataset: tags */
	FactText	first_dataset;
	HfWhere		first_dataset_where;

	int			nbase;			/* named by the card */
	int			nbase_tag;		/* named by base_model: tags */
	FactText	first_base;
	HfWhere		first_base_where;
	FactText	binding_base;	/* the first base model under terms that bind derivatives */
	HfWhere		binding_base_where;
	HfBaseTerms binding_terms;
	FactText	base_relation;	/* finetune, adapter, quantized, merge (tag or card) */

	HfGate		gated;
	HfWhere		gated_where;
	Fact		disabled;
} HfFacts;

/* the card's own list when it has one, else the tags' (the Hub mirrors one in the other) */
#define HF_DATASET_COUNT(f) ((f)->ndatasets > 0 ? (f)->ndatasets : (f)->ndatasets_tag)
#define HF_BASE_COUNT(f) ((f)->nbase > 0 ? (f)->nbase : (f)->nbase_tag)

/* hf_rules.c */
extern void hf_facts_init(HfFacts *f, bool from_card);
extern void hf_add_card_license(HfFacts *f, const char *s, int len, HfWhere where);
extern void hf_add_tag(HfFacts *f, const char *s, int len, HfWhere where);
extern void hf_add_base_model(HfFacts *f, const char *s, int len, HfWhere where);
extern void hf_add_dataset(HfFacts *f, const char *s, int len, HfWhere where);
extern void hf_add_file(HfFacts *f, const char *s, int len, HfWhere where);
extern bool hf_base_terms(const char *id, int len, HfBaseTerms *terms);

/* which rule set the weights licence, for the explanation */
typedef enum HfLicenseRule
{
	HF_RULE_NONE,				/* no licence stated */
	HF_RULE_CARD,				/* the card's own licence */
	HF_RULE_TAG,				/* a license: tag (the card states none) */
	HF_RULE_BASE,				/* the base model's terms, which bind the derivative */
	HF_RULE_CARD_AND_BASE		/* the card's own restricted licence, base terms bind too */
} HfLicenseRule;

typedef struct HfMapping
{
	ReleaseFacts release;
	HfLicenseRule license_rule;
	const HfLicense *declared;	/* the licence the card declares (card or tag), or NULL */
} HfMapping;

extern void hf_map(const HfFacts *f, HfMapping *m);

/* hf_info.c */
extern void hf_read_info(Jsonb *info, HfFacts *f);

/* model_card.c */
extern void hf_read_model_card(text *readme, HfFacts *f);

#endif							/* GLOSSARY_HF_H */
