/*
 * classify.c
 *	  Release classification after the OSI's Open Source AI Definition 1.0:
 *	  reading the facts of a release card (a jsonb object), the rules, and the SQL
 *	  function classify_release().
 *
 * The hot path reads the top-level object once with a non-recursive iterator,
 * normalises the licence on the stack and looks it up by binary search; the enum
 * label OIDs of glossary.openness are cached per backend.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "utils/varlena.h"

#include "classify.h"

PG_FUNCTION_INFO_V1(glossary_classify_release);

typedef enum KeyType
{
	KEY_BOOLEAN,
	KEY_STRING,
	KEY_DATA_INFORMATION
} KeyType;

typedef enum ReleaseKeyId
{
	KEY_WEIGHTS_AVAILABLE,
	KEY_WEIGHTS_LICENSE,
	KEY_WEIGHTS_LICENSE_NAME,
	KEY_CODE_AVAILABLE,
	KEY_CODE_LICENSE,
	KEY_DATA_INFORMATION_ID,
	KEY_EXTRA_USE_POLICY,
	KEY_UNKNOWN
} ReleaseKeyId;

typedef struct ReleaseKey
{
	const char *name;
	KeyType		type;
	const char *hint;
} ReleaseKey;

/* indexed by ReleaseKeyId */
static const ReleaseKey release_keys[] = {
	{"weights_available", KEY_BOOLEAN,
	"Write true when the parameters can be downloaded (a gated download counts), false when they cannot, or null when it is not stated."},
	{"weights_license", KEY_STRING,
	"Write an SPDX id, a Hugging Face licence tag or a licence name such as \"apache-2.0\" or \"llama3.1\", or null when it is not stated."},
	{"weights_license_name", KEY_STRING,
	"Write the free-text licence name a Hugging Face card gives with license: other, such as \"qwen\" or \"mrl\", or null."},
	{"code_available", KEY_BOOLEAN,
	"Write true when the complete training and data-processing code is public, false when it is not (inference code alone is false), or null."},
	{"code_license", KEY_STRING,
	"Write the licence of the training code as an SPDX id or a licence name, or null to use the weights licence."},
	{"data_information", KEY_DATA_INFORMATION,
	"Write \"complete\", \"partial\" or \"none\", or null when it is not stated."},
	{"extra_use_policy", KEY_BOOLEAN,
	"Write true when an acceptable-use policy is attached beyond the licence text, false when none is, or null when it is not stated."},
};

#define KNOWN_KEYS "weights_available, weights_license, weights_license_name, code_available, code_license, data_information and extra_use_policy"

/* longest key or value shown in an error message, in bytes */
#define DISPLAY_MAX 64

static const char *const openness_labels[OPENNESS_COUNT] = {
	"open_source_ai", "open_weights", "restricted_weights", "closed", "unknown"
};

/* per-backend cache of the enum's label OIDs; reset when pg_enum or pg_type changes */
static Oid	openness_type = InvalidOid;
static Oid	openness_oids[OPENNESS_COUNT];
static bool openness_callback_registered = false;

const char *
openness_label(Openness verdict)
{
	return openness_labels[verdict];
}

static void
openness_cache_reset(Datum arg, int cacheid, uint32 hashvalue)
{
	openness_type = InvalidOid;
}

Oid
openness_oid(Openness verdict)
{
	if (!OidIsValid(openness_type))
	{
		Oid			nsp;
		Oid			type;
		Oid			oids[OPENNESS_COUNT];

		if (!openness_callback_registered)
		{
			CacheRegisterSyscacheCallback(ENUMOID, openness_cache_reset, (Datum) 0);
			CacheRegisterSyscacheCallback(TYPEOID, openness_cache_reset, (Datum) 0);
			openness_callback_registered = true;
		}
		nsp = get_namespace_oid("glossary", false);
		type = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
							   CStringGetDatum("openness"), ObjectIdGetDatum(nsp));
		if (!OidIsValid(type))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("type glossary.openness does not exist")));
		for (int i = 0; i < OPENNESS_COUNT; i++)
		{
			oids[i] = GetSysCacheOid2(ENUMTYPOIDNAME, Anum_pg_enum_oid,
									  ObjectIdGetDatum(type),
									  CStringGetDatum(openness_labels[i]));
			if (!OidIsValid(oids[i]))
				ereport(ERROR,
						(errcode(ERRCODE_UNDEFINED_OBJECT),
						 errmsg("type glossary.openness has no label \"%s\"", openness_labels[i])));
		}
		memcpy(openness_oids, oids, sizeof(oids));
		openness_type = type;	/* last: a failed load leaves the cache empty */
	}
	return openness_oids[verdict];
}

/* text clipped to DISPLAY_MAX bytes on a character boundary, for messages */
static char *
display_text(const char *s, int len)
{
	int			clip;

	if (len <= DISPLAY_MAX)
		return pnstrdup(s, len);
	clip = pg_mbcliplen(s, len, DISPLAY_MAX);
	return psprintf("%s...", pnstrdup(s, clip));
}

static ReleaseKeyId
release_key_id(const char *key, int len)
{
	switch (len)
	{
		case 12:
			if (memcmp(key, "code_license", 12) == 0)
				return KEY_CODE_LICENSE;
			break;
		case 14:
			if (memcmp(key, "code_available", 14) == 0)
				return KEY_CODE_AVAILABLE;
			break;
		case 15:
			if (memcmp(key, "weights_license", 15) == 0)
				return KEY_WEIGHTS_LICENSE;
			break;
		case 16:
			if (memcmp(key, "data_information", 16) == 0)
				return KEY_DATA_INFORMATION_ID;
			if (memcmp(key, "extra_use_policy", 16) == 0)
				return KEY_EXTRA_USE_POLICY;
			break;
		case 17:
			if (memcmp(key, "weights_available", 17) == 0)
				return KEY_WEIGHTS_AVAILABLE;
			break;
		case 20:
			if (memcmp(key, "weights_license_name", 20) == 0)
				return KEY_WEIGHTS_LICENSE_NAME;
			break;
	}
	return KEY_UNKNOWN;
}

/*
 * The known key a mistyped key most likely means: close to a whole key
 * ("weights_licence"), close to the part after a key's first underscore
 * ("licence" -> weights_license), or a prefix of a key ("data_info").
 */
static const char *
closest_key(const char *key, int len)
{
	const char *best = NULL;
	int			best_d = INT_MAX;

	if (len == 0 || len > DISPLAY_MAX)
		return NULL;
	for (int i = 0; i < lengthof(release_keys); i++)
	{
		const char *known = release_keys[i].name;
		const char *tail = strchr(known, '_') + 1;
		int			d = varstr_levenshtein(key, len, known, strlen(known), 1, 1, 1, true);
		int			dt = varstr_levenshtein(key, len, tail, strlen(tail), 1, 1, 1, true);

		if (d > 3)
			d = INT_MAX;
		if (dt <= 2 && dt + 1 < d)
			d = dt + 1;
		if (d == INT_MAX && len >= 4 && len < strlen(known) &&
			pg_strncasecmp(key, known, len) == 0)
			d = 4;
		if (d < best_d)
		{
			best_d = d;
			best = known;
		}
	}
	return best;
}

static void
unknown_key_error(const char *key, int len)
{
	const char *closest = closest_key(key, len);

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown release key \"%s\"", display_text(key, len)),
			 errdetail("The known keys are " KNOWN_KEYS "."),
			 closest ? errhint("Did you mean \"%s\"?", closest) : 0));
}

const char *
json_type_phrase(const JsonbValue *v)
{
	switch (v->type)
	{
		case jbvNull:
			return "null";
		case jbvString:
			return "a string";
		case jbvNumeric:
			return "a number";
		case jbvBool:
			return "a boolean";
		case jbvBinary:
			return JsonContainerIsArray(v->val.binary.data) ? "an array" : "an object";
		default:
			return "a composite value";
	}
}

static void
wrong_type_error(ReleaseKeyId id, const JsonbValue *v)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("release key \"%s\" must be %s or null, not %s",
					release_keys[id].name,
					release_keys[id].type == KEY_BOOLEAN ? "a boolean" : "a string",
					json_type_phrase(v)),
			 errhint("%s", release_keys[id].hint)));
}

static Fact
read_boolean(ReleaseKeyId id, const JsonbValue *v)
{
	if (v->type == jbvNull)
		return FACT_NOT_STATED;
	if (v->type != jbvBool)
		wrong_type_error(id, v);
	return v->val.boolean ? FACT_TRUE : FACT_FALSE;
}

static FactText
read_string(ReleaseKeyId id, const JsonbValue *v)
{
	FactText	t = {NULL, 0};

	if (v->type == jbvNull)
		return t;
	if (v->type != jbvString)
		wrong_type_error(id, v);
	if (v->val.string.len > 0)	/* "" is not stated */
	{
		t.val = v->val.string.val;
		t.len = v->val.string.len;
	}
	return t;
}

static DataInformation
read_data_information(const JsonbValue *v)
{
	const char *s;
	int			len;

	if (v->type == jbvNull)
		return DATA_NOT_STATED;
	if (v->type != jbvString)
		wrong_type_error(KEY_DATA_INFORMATION_ID, v);
	s = v->val.string.val;
	len = v->val.string.len;
	if (len == 8 && memcmp(s, "complete", 8) == 0)
		return DATA_COMPLETE;
	if (len == 7 && memcmp(s, "partial", 7) == 0)
		return DATA_PARTIAL;
	if (len == 4 && memcmp(s, "none", 4) == 0)
		return DATA_NONE;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("release key \"data_information\" must be \"complete\", \"partial\" or \"none\", not \"%s\"",
					display_text(s, len)),
			 errhint("%s", release_keys[KEY_DATA_INFORMATION_ID].hint)));
	return DATA_NOT_STATED;		/* keep the compiler quiet */
}

/*
 * Read the facts of one release card.  Only the top level is visited: a nested
 * array or object is a wrong-type value, whatever its depth.
 */
void
release_read_facts(Jsonb *release, ReleaseFacts *facts)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;

	memset(facts, 0, sizeof(ReleaseFacts));
	if (!JB_ROOT_IS_OBJECT(release))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("release must be a JSON object, not %s",
						JB_ROOT_IS_SCALAR(release) ? "a scalar" : "an array"),
				 errhint("Pass one release card as an object, such as {\"weights_available\": true, \"weights_license\": \"apache-2.0\"}.")));

	it = JsonbIteratorInit(&release->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		ReleaseKeyId id;

		if (tok != WJB_KEY)
			continue;
		id = release_key_id(v.val.string.val, v.val.string.len);
		if (id == KEY_UNKNOWN)
			unknown_key_error(v.val.string.val, v.val.string.len);
		tok = JsonbIteratorNext(&it, &v, true);
		Assert(tok == WJB_VALUE);
		switch (id)
		{
			case KEY_WEIGHTS_AVAILABLE:
				facts->weights_available = read_boolean(id, &v);
				break;
			case KEY_WEIGHTS_LICENSE:
				facts->weights_license = read_string(id, &v);
				break;
			case KEY_WEIGHTS_LICENSE_NAME:
				facts->weights_license_name = read_string(id, &v);
				break;
			case KEY_CODE_AVAILABLE:
				facts->code_available = read_boolean(id, &v);
				break;
			case KEY_CODE_LICENSE:
				facts->code_license = read_string(id, &v);
				break;
			case KEY_DATA_INFORMATION_ID:
				facts->data_information = read_data_information(&v);
				break;
			case KEY_EXTRA_USE_POLICY:
				facts->extra_use_policy = read_boolean(id, &v);
				break;
			case KEY_UNKNOWN:
				break;
		}
	}
}

static void
resolve_license(FactText text, const char *from, ResolvedLicense *r)
{
	r->given = text;
	r->from = from;
	r->info = NULL;
	r->match = text.val ? license_lookup(text.val, text.len, &r->info) : LICENSE_NOT_STATED;
}

static CriterionStatus
code_status(const ResolvedLicense *code_license)
{
	if (code_license->match != LICENSE_RECOGNISED)
		return CRITERION_UNKNOWN;
	return code_license->info->kind == LICENSE_KIND_OSI ||
		code_license->info->kind == LICENSE_KIND_FSF_LIBRE ? CRITERION_PASS : CRITERION_FAIL;
}

/*
 * The rules.  resolve_all asks for every criterion even when the verdict does not
 * depend on it (explain); classify_release() skips the code licence lookup then.
 */
void
release_classify(const ReleaseFacts *facts, bool open_data_counts, bool resolve_all,
				 Classification *c)
{
	memset(c, 0, sizeof(Classification));

	c->weights = facts->weights_available == FACT_TRUE ? CRITERION_PASS :
		facts->weights_available == FACT_FALSE ? CRITERION_FAIL : CRITERION_UNKNOWN;

	/* the weights licence: weights_license, or the name when the tag is a placeholder */
	resolve_license(facts->weights_license, "weights_license", &c->weights_license);
	if (c->weights_license.match == LICENSE_NOT_STATED && facts->weights_license_name.val)
		resolve_license(facts->weights_license_name, "weights_license_name", &c->weights_license);
	if (c->weights_license.match != LICENSE_RECOGNISED)
		c->license = CRITERION_UNKNOWN;
	else if (c->weights_license.info->kind == LICENSE_KIND_OSI ||
			 c->weights_license.info->kind == LICENSE_KIND_FSF_LIBRE ||
			 (c->weights_license.info->kind == LICENSE_KIND_OPEN_DATA && open_data_counts))
		c->license = CRITERION_PASS;
	else
		c->license = CRITERION_FAIL;

	c->extra_use_policy = facts->extra_use_policy == FACT_TRUE ? CRITERION_FAIL : CRITERION_PASS;
	c->data_information = facts->data_information == DATA_COMPLETE ? CRITERION_PASS : CRITERION_FAIL;

	/* code: public training code under an OSI-approved licence (default: the weights') */
	if (facts->code_available != FACT_TRUE)
		c->code = CRITERION_FAIL;
	else if (resolve_all ||
			 (c->weights == CRITERION_PASS && c->license == CRITERION_PASS &&
			  c->extra_use_policy == CRITERION_PASS && c->data_information == CRITERION_PASS))
	{
		if (facts->code_license.val)
			resolve_license(facts->code_license, "code_license", &c->code_license);
		else
		{
			c->code_license = c->weights_license;
			c->code_license_defaulted = true;
		}
		c->code = code_status(&c->code_license);
	}
	else
		c->code = CRITERION_UNKNOWN;	/* not needed for the verdict */

	if (c->weights == CRITERION_FAIL)
		c->verdict = OPENNESS_CLOSED;
	else if (c->weights == CRITERION_UNKNOWN)
		c->verdict = OPENNESS_UNKNOWN;
	else if (c->extra_use_policy == CRITERION_FAIL || c->license == CRITERION_FAIL)
		c->verdict = OPENNESS_RESTRICTED_WEIGHTS;
	else if (c->license == CRITERION_UNKNOWN)
		c->verdict = OPENNESS_UNKNOWN;
	else if (c->code == CRITERION_FAIL || c->data_information == CRITERION_FAIL)
		c->verdict = OPENNESS_OPEN_WEIGHTS;
	else if (c->code == CRITERION_PASS)
		c->verdict = OPENNESS_OPEN_SOURCE_AI;
	else
		c->verdict = OPENNESS_UNKNOWN;
}

/* classify_release(release jsonb, open_data_counts boolean) -> glossary.openness */
Datum
glossary_classify_release(PG_FUNCTION_ARGS)
{
	Jsonb	   *release = PG_GETARG_JSONB_P(0);
	bool		open_data_counts = PG_GETARG_BOOL(1);
	ReleaseFacts facts;
	Classification c;

	release_read_facts(release, &facts);
	release_classify(&facts, open_data_counts, false, &c);
	PG_FREE_IF_COPY(release, 0);
	PG_RETURN_OID(openness_oid(c.verdict));
}
