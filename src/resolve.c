/*
 * resolve.c
 *	  SQL functions over the label index: normalize(), resolve(), lookup()
 *	  and suggest().
 */
#include "postgres.h"
#include "pg_compat.h"

#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "label_cache_int.h"
#include "normalize.h"

PG_FUNCTION_INFO_V1(glossary_normalize_sql);
PG_FUNCTION_INFO_V1(glossary_resolve);
PG_FUNCTION_INFO_V1(glossary_lookup);
PG_FUNCTION_INFO_V1(glossary_suggest);
PG_FUNCTION_INFO_V1(glossary_label_index_stats);

/* keys longer than this are not looked up: no label is that long */
#define MAX_KEY_BYTES	(64 * 1024)

/* score of a match by level; fuzzy scores are below all of them */
static const float4 level_score[LABEL_NKINDS] = {1.0f, 1.0f, 0.9f, 0.8f};

/* normalized key of a text datum, in UTF-8 */
static char *
key_of_text(text *t, int *keylen)
{
	const char *s = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);
	char	   *utf8 = pg_server_to_any(s, len, PG_UTF8);

	if (utf8 != s)
		len = strlen(utf8);
	return glossary_normalize(utf8, len, true, keylen, NULL);
}

static text *
text_from_utf8(const char *s, int len)
{
	char	   *server = pg_any_to_server(s, len, PG_UTF8);

	return server == s ? cstring_to_text_with_len(s, len) : cstring_to_text(server);
}

Datum
glossary_normalize_sql(PG_FUNCTION_ARGS)
{
	text	   *label = PG_GETARG_TEXT_PP(0);
	int			keylen;
	char	   *key;

	/* no label is longer than resolve() looks up */
	if (VARSIZE_ANY_EXHDR(label) > MAX_KEY_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("label is too long to normalize"),
				 errdetail("The label has %d bytes; glossary.normalize() takes at most %d, the longest label resolve() looks up.",
						   (int) VARSIZE_ANY_EXHDR(label), MAX_KEY_BYTES)));
	key = key_of_text(label, &keylen);

	PG_RETURN_TEXT_P(text_from_utf8(key, keylen));
}

Datum
glossary_resolve(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	const unsigned char *s = (const unsigned char *) VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);
	LabelIndex *idx = label_index_for_call(fcinfo, 0);
	char		buf[256];
	char	   *key = NULL;
	int			keylen = 0,
				entry;
	LabelKind	kind;

	/*
	 * Fast path, same result as glossary_normalize: short ASCII starting and
	 * ending with a letter or digit needs only folding and separator runs.
	 */
	if (len > 0 && len < (int) sizeof(buf) && isalnum(s[0]) && isalnum(s[len - 1]))
	{
		bool		sep = false;
		int			i;

		for (i = 0; i < len; i++)
		{
			unsigned char c = s[i];

			if (c >= 0x80)
				break;
			if (c == ' ' || c == '-' || c == '_' || (c >= '\t' && c <= '\r'))
				sep = true;
			else
			{
				if (sep)
					buf[keylen++] = ' ';
				sep = false;
				buf[keylen++] = pg_ascii_tolower(c);
			}
		}
		if (i == len)
		{
			buf[keylen] = '\0';
			key = buf;
		}
	}
	if (key == NULL)
	{
		if (len > MAX_KEY_BYTES)
			PG_RETURN_NULL();
		key = key_of_text(t, &keylen);
	}
	entry = label_index_resolve(idx, key, keylen, &kind);
	if (entry < 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(label_entry_slug(idx, entry)));
}

typedef struct LookupRow
{
	int			entry;
	int			label;
	LabelKind	kind;
	const char *note;
	float4		score;
	bool		ambiguous;
	bool		resolved;
} LookupRow;

/* add the hits of key (as found, or all as variants) to rows, one per entry */
static int
collect_hits(LabelIndex *idx, KeyEntry *ke, bool as_variant, const char *probe_note,
			 LookupRow *rows, int nrows, int maxrows)
{
	LabelIndexData *data = idx->hash;
	int			h;

	for (h = ke->first_hit; h >= 0; h = data->hits[h].next)
	{
		KeyHit	   *hit = &data->hits[h];
		int			entry = idx->labels[hit->label].entry;
		LabelKind	kind = as_variant ? LABEL_VARIANT : hit->kind;
		int			r;

		for (r = 0; r < nrows; r++)
			if (rows[r].entry == entry)
				break;
		if (r < nrows && rows[r].kind <= kind)
			continue;
		if (r == nrows)
		{
			if (nrows == maxrows)
				continue;
			nrows++;
		}
		rows[r].entry = entry;
		rows[r].label = hit->label;
		rows[r].kind = kind;
		rows[r].note = hit->kind == LABEL_VARIANT ? label_variant_name(hit->variant) : probe_note;
		rows[r].score = level_score[kind];
		rows[r].ambiguous = false;
		rows[r].resolved = false;
	}
	return nrows;
}

/* arg: the index; ties go by slug, so an updated index orders as a rebuilt one */
static int
row_cmp(const void *a, const void *b, void *arg)
{
	const LookupRow *x = a,
			   *y = b;
	LabelIndex *idx = arg;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(label_entry_slug(idx, x->entry), label_entry_slug(idx, y->entry));
}

Datum
glossary_lookup(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *t = PG_GETARG_TEXT_PP(0);
	LabelIndex *idx;
	char	   *key;
	int			keylen,
				nrows = 0,
				maxrows,
				r,
				resolved;
	LabelKind	kind;
	LookupRow  *rows;
	KeyEntry   *ke;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	idx = label_index_for_call(fcinfo, 0);
	if (VARSIZE_ANY_EXHDR(t) > MAX_KEY_BYTES)
		PG_RETURN_NULL();
	key = key_of_text(t, &keylen);
	if (keylen == 0)
		PG_RETURN_NULL();
	maxrows = idx->nentries + 8;
	rows = palloc(maxrows * sizeof(LookupRow));

	if ((ke = label_index_probe(idx, key, keylen)) != NULL)
		nrows = collect_hits(idx, ke, false, NULL, rows, nrows, maxrows);
	else
	{
		char	   *probe,
				   *plain;
		int			plen,
					jlen;

		if ((probe = label_key_joined(key, keylen, &jlen)) != NULL &&
			(ke = label_index_probe(idx, probe, jlen)) != NULL)
			nrows = collect_hits(idx, ke, true, "joined words", rows, nrows, maxrows);
		if ((plain = label_key_unaccented(key, keylen, &plen)) != NULL)
		{
			if ((ke = label_index_probe(idx, plain, plen)) != NULL)
				nrows = collect_hits(idx, ke, true, "accents removed", rows, nrows, maxrows);
			if ((probe = label_key_joined(plain, plen, &jlen)) != NULL &&
				(ke = label_index_probe(idx, probe, jlen)) != NULL)
				nrows = collect_hits(idx, ke, true, "accents removed, joined words", rows, nrows, maxrows);
		}
	}

	if (nrows == 0)
	{
		Suggestion	sugg[5];
		int			n = label_index_suggest(idx, key, keylen, 5, sugg,
										 label_index_call_scratch(fcinfo), fcinfo->flinfo->fn_mcxt),
					i;

		for (i = 0; i < n; i++)
		{
			rows[nrows].entry = sugg[i].entry;
			rows[nrows].label = sugg[i].label;
			rows[nrows].kind = LABEL_VARIANT + 1;	/* fuzzy */
			rows[nrows].note = sugg[i].distance == 1 ? "1 edit" : "2 edits";
			rows[nrows].score = sugg[i].score * 0.7f;
			rows[nrows].ambiguous = false;
			rows[nrows].resolved = false;
			nrows++;
		}
	}
	else
	{
		/* rows at the same level as another entry's row are ambiguous */
		for (r = 0; r < nrows; r++)
		{
			int			o;

			for (o = 0; o < nrows; o++)
				if (o != r && rows[o].kind == rows[r].kind)
					rows[r].ambiguous = true;
		}
		resolved = label_index_resolve(idx, key, keylen, &kind);
		for (r = 0; r < nrows; r++)
			rows[r].resolved = rows[r].entry == resolved;
	}
	qsort_arg(rows, nrows, sizeof(LookupRow), row_cmp, idx);

	for (r = 0; r < nrows; r++)
	{
		Datum		values[8];
		bool		nulls[8] = {false, false, false, false, false, false, false, false};
		EntryText	e = label_entry_text(idx, rows[r].entry);
		GlossaryLabel *l = &idx->labels[rows[r].label];

		values[0] = CStringGetTextDatum(e.slug);
		values[1] = CStringGetTextDatum(e.term);
		values[2] = CStringGetTextDatum(rows[r].kind > LABEL_VARIANT ? "fuzzy" : label_kind_name(rows[r].kind));
		values[3] = CStringGetTextDatum(label_str(idx, l->text));
		if (rows[r].note && rows[r].note[0])
			values[4] = CStringGetTextDatum(rows[r].note);
		else
			nulls[4] = true;
		values[5] = Float4GetDatum(rows[r].score);
		values[6] = BoolGetDatum(rows[r].ambiguous);
		values[7] = BoolGetDatum(rows[r].resolved);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_NULL();
}

Datum
glossary_suggest(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *t = PG_GETARG_TEXT_PP(0);
	int32		max = PG_GETARG_INT32(1);
	LabelIndex *idx;
	char	   *key;
	int			keylen,
				n,
				i;
	Suggestion *sugg;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	idx = label_index_for_call(fcinfo, 0);
	if (max < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max must not be negative")));
	if (max == 0 || VARSIZE_ANY_EXHDR(t) > MAX_KEY_BYTES)
		PG_RETURN_NULL();
	max = Min(max, 1000);
	key = key_of_text(t, &keylen);
	if (keylen == 0)
		PG_RETURN_NULL();
	sugg = palloc(max * sizeof(Suggestion));
	n = label_index_suggest(idx, key, keylen, max, sugg,
							label_index_call_scratch(fcinfo), fcinfo->flinfo->fn_mcxt);
	for (i = 0; i < n; i++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};
		EntryText	e = label_entry_text(idx, sugg[i].entry);

		values[0] = CStringGetTextDatum(e.slug);
		values[1] = CStringGetTextDatum(e.term);
		values[2] = CStringGetTextDatum(label_str(idx, idx->labels[sugg[i].label].text));
		values[3] = Int32GetDatum(sugg[i].distance);
		values[4] = Float4GetDatum(sugg[i].score);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_NULL();
}

/* what this backend's label index holds, and how often it was built */
Datum
glossary_label_index_stats(PG_FUNCTION_ARGS)
{
	LabelIndex *idx = label_index_for_call(fcinfo, 0);
	LabelIndexData *data = idx->hash;
	TupleDesc	desc;
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	values[0] = Int32GetDatum(idx->nlive);
	values[1] = Int32GetDatum(idx->nlabels);
	values[2] = Int32GetDatum(data->nkeys);
	values[3] = Int64GetDatum(label_index_builds);
	values[4] = BoolGetDatum(idx->fuzzy != NULL);
	values[5] = Int64GetDatum((int64) MemoryContextMemAllocated(idx->cxt, true));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}
