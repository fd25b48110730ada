/*
 * licences.c
 *	  Licence lookup by normalised spelling, and the SQL functions license_info(),
 *	  licenses() and license_restrictions().
 *
 * A spelling is normalised on the stack (no palloc: this runs once per row in bulk
 * classification) and found by binary search, among the spellings with the same first
 * byte, in the sorted table generated from data/licenses.tsv and data/spdx/licenses.json.
 * The normalisation must stay identical to normalize() in tools/gen-license-table.pl.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "license.h"

typedef struct LicenseFlag
{
	const char *name;
	const char *description;
} LicenseFlag;

typedef struct LicenseSpelling
{
	const char *normalized;
	int			license;
} LicenseSpelling;

#include "license_table.h"

/* Inputs longer than this are never a licence name (the generator enforces it too). */
#define LICENSE_MAX_INPUT 1024
/* room for a stop word written before it is recognised and dropped */
#define LICENSE_BUF_SLACK 16

PG_FUNCTION_INFO_V1(glossary_license_info);
PG_FUNCTION_INFO_V1(glossary_licenses);
PG_FUNCTION_INFO_V1(glossary_license_restrictions);

static inline bool
is_separator(unsigned char c)
{
	switch (c)
	{
		case ' ':
		case '\t':
		case '\r':
		case '\n':
		case '_':
		case '-':
		case ',':
		case '/':
		case '(':
		case ')':
		case ':':
		case ';':
		case '"':
		case '\'':
			return true;
		default:
			return false;
	}
}

static inline bool
is_stop_word(const char *w, int len)
{
	switch (len)
	{
		case 3:
			return memcmp(w, "the", 3) == 0;
		case 7:
			return memcmp(w, "license", 7) == 0 || memcmp(w, "licence", 7) == 0 ||
				memcmp(w, "version", 7) == 0;
		case 8:
			return memcmp(w, "licensed", 8) == 0;
		case 9:
			return memcmp(w, "agreement", 9) == 0;
		default:
			return false;
	}
}

/*
 * Normalise text into out (LICENSE_MAX_NORMALIZED + LICENSE_BUF_SLACK bytes):
 * lower-case ASCII, words split at separators, a "v" before a digit dropped at the
 * start of a word, stop words dropped, words joined by '-'.  Returns the length, or
 * -1 when the result cannot be a known spelling (too long).
 */
static int
license_normalize(const char *s, int len, char *out)
{
	int			i = 0;
	int			o = 0;

	if (len > LICENSE_MAX_INPUT)
		return -1;
	while (i < len)
	{
		int			word_out;
		int			word;

		while (i < len && is_separator((unsigned char) s[i]))
			i++;
		if (i >= len)
			break;
		word_out = o;
		if (o > 0)
			out[o++] = '-';
		word = o;
		if (s[i] == 'v' || s[i] == 'V')
		{
			if (i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9')
				i++;
		}
		while (i < len && !is_separator((unsigned char) s[i]))
		{
			char		c = s[i++];

			if (o >= LICENSE_MAX_NORMALIZED + LICENSE_BUF_SLACK - 1)
				return -1;
			out[o++] = (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
		}
		if (is_stop_word(out + word, o - word))
			o = word_out;
	}
	if (o > LICENSE_MAX_NORMALIZED)
		return -1;
	out[o] = '\0';
	return o;
}

/*
 * Look a licence up by any spelling.  Empty text and the Hugging Face placeholders
 * "other" and "unknown" mean the licence is not stated.
 */
LicenseMatch
license_lookup(const char *text, int len, const LicenseInfo **info)
{
	char		buf[LICENSE_MAX_NORMALIZED + LICENSE_BUF_SLACK];
	int			n = license_normalize(text, len, buf);
	int			lo,
				hi;

	*info = NULL;
	if (n == 0 || (n == 5 && memcmp(buf, "other", 5) == 0) ||
		(n == 7 && memcmp(buf, "unknown", 7) == 0))
		return LICENSE_NOT_STATED;
	if (n < 0)
		return LICENSE_UNRECOGNISED;

	/* only the spellings that start with the same byte (buf[0] is never '\0' here) */
	lo = license_first[(unsigned char) buf[0]];
	hi = license_first[(unsigned char) buf[0] + 1] - 1;
	while (lo <= hi)
	{
		int			mid = lo + (hi - lo) / 2;
		int			cmp = strcmp(buf, license_spellings[mid].normalized);

		if (cmp == 0)
		{
			*info = &license_table[license_spellings[mid].license];
			return LICENSE_RECOGNISED;
		}
		if (cmp < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return LICENSE_UNRECOGNISED;
}

int
license_count(void)
{
	return lengthof(license_table);
}

const LicenseInfo *
license_at(int i)
{
	Assert(i >= 0 && i < lengthof(license_table));
	return &license_table[i];
}

int
license_flag_count(void)
{
	return LICENSE_FLAG_COUNT;
}

const char *
license_flag_name(int bit)
{
	return license_flags[bit].name;
}

const char *
license_flag_description(int bit)
{
	return license_flags[bit].description;
}

const char *
license_kind_name(LicenseKind kind)
{
	switch (kind)
	{
		case LICENSE_KIND_OSI:
			return "osi-approved";
		case LICENSE_KIND_FSF_LIBRE:
			return "fsf-libre";
		case LICENSE_KIND_OPEN_DATA:
			return "open-data";
		case LICENSE_KIND_RESTRICTED:
			return "restricted";
	}
	return "restricted";		/* not reached */
}

/* text[] of the restriction flag names set in mask */
static Datum
restriction_array(uint32 mask)
{
	Datum		elems[LICENSE_FLAG_COUNT];
	int			n = 0;

	for (int bit = 0; bit < LICENSE_FLAG_COUNT; bit++)
		if (mask & ((uint32) 1 << bit))
			elems[n++] = CStringGetTextDatum(license_flags[bit].name);
	return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/* text[] of the extra spellings, split at '|' */
static Datum
spelling_array(const char *joined)
{
	ArrayBuildState *astate = NULL;
	const char *p = joined;

	astate = initArrayResult(TEXTOID, CurrentMemoryContext, false);
	while (*p)
	{
		const char *end = strchr(p, '|');
		int			len = end ? end - p : strlen(p);

		astate = accumArrayResult(astate, PointerGetDatum(cstring_to_text_with_len(p, len)),
								  false, TEXTOID, CurrentMemoryContext);
		p += len;
		if (*p == '|')
			p++;
	}
	return makeArrayResult(astate, CurrentMemoryContext);
}

/* the columns of license_info() and licenses(), in order */
#define LICENSE_COLUMNS 7

static void
license_values(const LicenseInfo *l, Datum *values, bool *nulls)
{
	values[0] = CStringGetTextDatum(l->id);
	values[1] = CStringGetTextDatum(l->name);
	values[2] = CStringGetTextDatum(license_kind_name(l->kind));
	values[3] = restriction_array(l->restrictions);
	values[4] = spelling_array(l->spellings);
	values[5] = CStringGetTextDatum(l->source);
	values[6] = CStringGetTextDatum(l->note);
	memset(nulls, 0, sizeof(bool) * LICENSE_COLUMNS);
}

/*
 * license_info(license text) -> (id, name, kind, restrictions, spellings, source, note),
 * or NULL when the spelling is not recognised.
 */
Datum
glossary_license_info(PG_FUNCTION_ARGS)
{
	text	   *arg = PG_GETARG_TEXT_PP(0);
	const LicenseInfo *l;
	TupleDesc	tupdesc;
	Datum		values[LICENSE_COLUMNS];
	bool		nulls[LICENSE_COLUMNS];

	if (license_lookup(VARDATA_ANY(arg), VARSIZE_ANY_EXHDR(arg), &l) != LICENSE_RECOGNISED)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	license_values(l, values, nulls);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* licenses() -> every licence of the table, in the order of data/licenses.tsv */
Datum
glossary_licenses(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Datum		values[LICENSE_COLUMNS];
	bool		nulls[LICENSE_COLUMNS];

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	for (int i = 0; i < lengthof(license_table); i++)
	{
		license_values(&license_table[i], values, nulls);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* license_restrictions() -> (flag, meaning) for every restriction flag */
Datum
glossary_license_restrictions(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	for (int bit = 0; bit < LICENSE_FLAG_COUNT; bit++)
	{
		values[0] = CStringGetTextDatum(license_flags[bit].name);
		values[1] = CStringGetTextDatum(license_flags[bit].description);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
