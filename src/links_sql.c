/*
 * links_sql.c
 *	  glossary.extract_links(body): the links of one body as rows.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "links_scan.h"

PG_FUNCTION_INFO_V1(glossary_extract_links);

typedef struct LinkRows
{
	ReturnSetInfo *rsinfo;
	const char *text;
	size_t		counted_bytes;	/* prefix of text already counted in chars */
	int			chars;			/* characters in that prefix */
} LinkRows;

static void
emit_link(const ScannedLink *link, void *arg)
{
	LinkRows   *rows = (LinkRows *) arg;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	/* positions count characters, so walk only the bytes since the last link */
	rows->chars += pg_mbstrlen_with_len(rows->text + rows->counted_bytes,
										link->offset - rows->counted_bytes);
	rows->counted_bytes = link->offset;

	values[0] = Int32GetDatum(rows->chars + 1);
	values[1] = PointerGetDatum(cstring_to_text_with_len(link->target, link->target_len));
	values[2] = PointerGetDatum(cstring_to_text_with_len(link->label, link->label_len));
	values[3] = PointerGetDatum(cstring_to_text(link->syntax == LINK_WIKI ? "wiki" : "mdx"));
	tuplestore_putvalues(rows->rsinfo->setResult, rows->rsinfo->setDesc, values, nulls);
}

Datum
glossary_extract_links(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	LinkRows	rows;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	rows.rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	rows.text = VARDATA_ANY(body);
	rows.counted_bytes = 0;
	rows.chars = 0;
	scan_links(rows.text, VARSIZE_ANY_EXHDR(body), emit_link, &rows);
	PG_RETURN_NULL();
}
