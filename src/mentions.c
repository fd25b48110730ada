/*
 * mentions.c
 *	  glossary.mentions(doc) and glossary.autolink(doc, ...): the automaton
 *	  over every label key, kept with the label index, and the two scans.
 *
 * Keys: every written label (slug, term, alias) and those of its plural,
 * singular and joined-words forms that the label index itself knows, each
 * with the entry resolve() gives it (or "ambiguous").  The automaton lives
 * in the label index's memory context, so it is rebuilt exactly when the
 * index is (any change to a glossary table, in any session).
 */
#include "postgres.h"
#include "pg_compat.h"

#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "port/pg_bitutils.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "label_cache_int.h"
#include "label_shmem.h"
#include "mention_scan.h"
#include "mentions.h"
#include "normalize.h"
#include "render.h"

PG_FUNCTION_INFO_V1(glossary_mentions);
PG_FUNCTION_INFO_V1(glossary_autolink);

/* callbacks of the pure-C scanner */

static void *
cb_alloc(void *arg, size_t size)
{
	return MemoryContextAllocExtended(CurrentMemoryContext, Max(size, 1),
									  MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
}

static void
cb_release(void *arg, void *ptr)
{
	if (ptr != NULL)
		pfree(ptr);
}

static bool
cb_is_alnum(void *arg, const char *s, int len)
{
	return glossary_is_word_char(s, len, 0);
}

static char *
cb_normalize(void *arg, const char *in, int inlen, int *outlen, int **map)
{
	return glossary_normalize(in, inlen, false, outlen, map);
}

/* the backend's memory, character classes and folding for the scanner */
static void
backend_callbacks(MsCallbacks *cb, void *arg)
{
	memset(cb, 0, sizeof(MsCallbacks));
	cb->arg = arg;
	cb->alloc = cb_alloc;
	cb->release = cb_release;
	cb->is_alnum = cb_is_alnum;
	cb->normalize = cb_normalize;
}

LinksExtra *
links_extra(LabelIndex *idx)
{
	if (idx->extra == NULL)
		idx->extra = MemoryContextAllocZero(idx->derived, sizeof(LinksExtra));
	return (LinksExtra *) idx->extra;
}

int
mention_resolve_label(LabelIndex *idx, const char *label, int len)
{
	char	   *utf8 = pg_server_to_any(label, len, PG_UTF8);
	char	   *key;
	int			keylen;
	LabelKind	kind;

	if (utf8 != label)
		len = strlen(utf8);
	key = glossary_normalize(utf8, len, true, &keylen, NULL);
	if (keylen == 0)
		return -1;
	return label_index_resolve(idx, key, keylen, &kind);
}

/* the automaton and its key arrays, allocated in cxt */
static void *
build_mentions(LabelIndex *idx, MemoryContext cxt)
{
	MentionIndex *mi;
	KeyEntry  **keys;
	MsCallbacks cb;
	char	  **streams;
	int		   *slens;
	int			i,
				n;
	MemoryContext old;

	backend_callbacks(&cb, NULL);
	/* the label index decides the keys and their forms, and the entry of each */
	n = label_index_mention_keys(idx, &keys);

	old = MemoryContextSwitchTo(cxt);
	mi = palloc0(sizeof(MentionIndex));
	mi->key_entry = palloc(sizeof(int) * Max(n, 1));
	mi->lead_mark = palloc0(sizeof(bool) * Max(n, 1));
	MemoryContextSwitchTo(old);
	streams = palloc(sizeof(char *) * Max(n, 1));
	slens = palloc(sizeof(int) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		streams[i] = palloc(2 * keys[i]->keylen + 1);
		slens[i] = ms_key_stream(label_str(idx, keys[i]->key), keys[i]->keylen, streams[i], &mi->lead_mark[i], &cb);
		mi->key_entry[i] = keys[i]->best_entry;
	}
	mi->nkeys = n;

	old = MemoryContextSwitchTo(cxt);
	mi->ac = ac_build((const char *const *) streams, slens, n, cb_alloc, cb_release, NULL);
	MemoryContextSwitchTo(old);
	return mi;
}

/* the shared part: counts, then the key arrays and the automaton at 8-byte aligned offsets */
typedef struct MentionImage
{
	int			nkeys;
	Size		key_entry;
	Size		lead_mark;
	Size		ac;
} MentionImage;

static Size
mention_layout(const MentionIndex *mi, MentionImage *im)
{
	Size		off = MAXALIGN(sizeof(MentionImage));

	im->nkeys = mi->nkeys;
	im->key_entry = off;
	off = MAXALIGN(off + (Size) mi->nkeys * sizeof(int));
	im->lead_mark = off;
	off = MAXALIGN(off + (Size) mi->nkeys * sizeof(bool));
	im->ac = off;
	return MAXALIGN(off + ac_image_size(mi->ac));
}

static Size
mention_size(const void *part)
{
	MentionImage im;

	return mention_layout(part, &im);
}

static void
mention_write(const void *part, char *buf)
{
	const MentionIndex *mi = part;
	MentionImage im;

	mention_layout(mi, &im);
	memcpy(buf, &im, sizeof(MentionImage));
	memcpy(buf + im.key_entry, mi->key_entry, (Size) mi->nkeys * sizeof(int));
	memcpy(buf + im.lead_mark, mi->lead_mark, (Size) mi->nkeys * sizeof(bool));
	ac_image_write(mi->ac, buf + im.ac);
}

static void *
mention_attach(char *buf, MemoryContext cxt)
{
	const MentionImage *im = (const MentionImage *) buf;
	MentionIndex *mi = MemoryContextAllocZero(cxt, sizeof(MentionIndex));

	mi->nkeys = im->nkeys;
	mi->key_entry = (int *) (buf + im->key_entry);
	mi->lead_mark = (bool *) (buf + im->lead_mark);
	mi->ac = MemoryContextAlloc(cxt, sizeof(AcAutomaton));
	ac_image_attach(buf + im->ac, mi->ac);
	return mi;
}

static const LabelPartOps mention_ops = {build_mentions, mention_size, mention_write, mention_attach};

/* the automaton of idx: its shared part, or built here (and shared if idx is) */
MentionIndex *
mention_index_get(LabelIndex *idx)
{
	LinksExtra *extra = links_extra(idx);

	if (extra->mentions == NULL)
		extra->mentions = label_index_part(idx, LABEL_PART_MENTIONS, &mention_ops);
	return extra->mentions;
}

/* characters (not bytes) in UTF-8 s[0..len): bytes less continuation bytes, 8 at a time */
static int64
utf8_chars(const char *s, size_t len)
{
	int64		cont = 0;
	size_t		i = 0;

	for (; i + 8 <= len; i += 8)
	{
		uint64		w;

		memcpy(&w, s + i, 8);
		/* a continuation byte has its top bits 10 */
		cont += pg_popcount64(w & ~(w << 1) & UINT64CONST(0x8080808080808080));
	}
	for (; i < len; i++)
		cont += ((unsigned char) s[i] & 0xC0) == 0x80;
	return (int64) len - cont;
}

/* the text as UTF-8: itself in a UTF-8 database */
static const char *
doc_utf8(text *doc, size_t *len)
{
	const char *s = VARDATA_ANY(doc);
	size_t		n = VARSIZE_ANY_EXHDR(doc);
	char	   *u;

	if (GetDatabaseEncoding() == PG_UTF8)
	{
		*len = n;
		return s;
	}
	u = pg_server_to_any(s, n, PG_UTF8);
	*len = u == s ? n : strlen(u);
	return u;
}

static text *
utf8_to_text(const char *s, size_t len)
{
	char	   *server;

	if (GetDatabaseEncoding() == PG_UTF8)
		return cstring_to_text_with_len(s, len);
	server = pg_any_to_server(s, len, PG_UTF8);
	return server == s ? cstring_to_text_with_len(s, len) : cstring_to_text(server);
}

/* ---- mentions(doc) ---- */

typedef struct MentionRows
{
	ReturnSetInfo *rsinfo;
	LabelIndex *idx;
	MentionIndex *mi;
	const char *text;
	size_t		cur_byte;		/* characters are counted up to here */
	int64		cur_char;
} MentionRows;

static void
emit_mention(void *arg, int key, size_t start, size_t end)
{
	MentionRows *rows = arg;
	int			e = rows->mi->key_entry[key];
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};
	int64		len;

	/* the scanner reports in text order; should one ever come earlier, recount */
	if (start < rows->cur_byte)
	{
		rows->cur_byte = 0;
		rows->cur_char = 0;
	}
	if (end < start)
		end = start;
	rows->cur_char += utf8_chars(rows->text + rows->cur_byte, start - rows->cur_byte);
	len = utf8_chars(rows->text + start, end - start);
	if (e >= 0)
		values[0] = CStringGetTextDatum(label_entry_slug(rows->idx, e));
	else
		nulls[0] = true;
	values[1] = PointerGetDatum(utf8_to_text(rows->text + start, end - start));
	values[2] = Int32GetDatum((int32) (rows->cur_char + 1));
	values[3] = Int32GetDatum((int32) len);
	values[4] = BoolGetDatum(e < 0);
	tuplestore_putvalues(rows->rsinfo->setResult, rows->rsinfo->setDesc, values, nulls);
	rows->cur_char += len;
	rows->cur_byte = end;
}

Datum
glossary_mentions(PG_FUNCTION_ARGS)
{
	text	   *doc = PG_GETARG_TEXT_PP(0);
	LabelIndex *idx = label_index_for_call(fcinfo, 0);
	MentionIndex *mi = mention_index_get(idx);
	MentionRows rows;
	MsCallbacks cb;
	size_t		len;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	rows.rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	rows.idx = idx;
	rows.mi = mi;
	rows.text = doc_utf8(doc, &len);
	rows.cur_byte = 0;
	rows.cur_char = 0;

	backend_callbacks(&cb, &rows);
	cb.emit = emit_mention;
	if (mi->nkeys > 0)
		ms_scan(mi->ac, mi->lead_mark, rows.text, len, &cb);
	PG_RETURN_NULL();
}

/* ---- autolink(doc, format, first_only, url_pattern, self_slug) ---- */

typedef enum LinkFormat
{
	FMT_MARKDOWN,
	FMT_HTML,
	FMT_WIKI,
	FMT_MDX
} LinkFormat;

typedef struct Autolink
{
	LabelIndex *idx;
	MentionIndex *mi;
	const char *text;
	size_t		copied;			/* text before this is in out */
	StringInfoData out;
	LinkFormat	format;
	bool		first_only;
	bool	   *self;			/* per entry: the doc is its body, never linked */
	bool	   *linked;			/* per entry: linked already */
	const char *pattern;		/* URL pattern, UTF-8 */
	const char *url_prefix;		/* pattern around its first {slug} */
	size_t		url_prefix_len;
	const char *url_suffix;
} Autolink;

/* the URL of an entry: every {slug} in the pattern replaced */
static void
append_url(StringInfo out, const char *pattern, const char *slug, bool escape)
{
	StringInfoData url;
	const char *p = pattern;
	const char *hole;

	initStringInfo(&url);
	while ((hole = strstr(p, "{slug}")) != NULL)
	{
		appendBinaryStringInfo(&url, p, hole - p);
		appendStringInfoString(&url, slug);
		p = hole + 6;
	}
	appendStringInfoString(&url, p);
	if (escape)
		html_escape(out, url.data, url.len, false);
	else
		appendBinaryStringInfo(out, url.data, url.len);
	pfree(url.data);
}

static bool
has_any(const char *s, size_t len, const char *chars)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (strchr(chars, s[i]) != NULL && s[i] != '\0')
			return true;
	return false;
}

static void
emit_link(void *arg, int key, size_t start, size_t end)
{
	Autolink   *al = arg;
	int			e = al->mi->key_entry[key];
	const char *t = al->text + start;
	size_t		tlen = end - start;
	EntryText	entry;
	StringInfo	out = &al->out;

	if (e < 0 || al->self[e] || (al->first_only && al->linked[e]))
		return;
	/* text that would break the link's own syntax stays as it is */
	switch (al->format)
	{
		case FMT_MARKDOWN:
			if (has_any(t, tlen, "[]"))
				return;
			break;
		case FMT_WIKI:
			if (has_any(t, tlen, "[]|\n"))
				return;
			break;
		case FMT_MDX:
			if (has_any(t, tlen, "<>{}"))
				return;
			break;
		case FMT_HTML:
			break;
	}
	entry = label_entry_text(al->idx, e);
	appendBinaryStringInfo(out, al->text + al->copied, start - al->copied);
	switch (al->format)
	{
		case FMT_MARKDOWN:
			appendStringInfoChar(out, '[');
			appendBinaryStringInfo(out, t, tlen);
			appendStringInfoString(out, "](");
			append_url(out, al->pattern, entry.slug, false);
			appendStringInfoChar(out, ')');
			break;
		case FMT_HTML:
			appendStringInfoString(out, "<a href=\"");
			append_url(out, al->pattern, entry.slug, true);
			appendStringInfoString(out, "\" title=\"");
			{
				const char *summary = pg_server_to_any(entry.summary, strlen(entry.summary), PG_UTF8);

				html_escape(out, summary, strlen(summary), false);
			}
			appendStringInfoString(out, "\" data-category=\"");
			html_escape(out, entry.category, strlen(entry.category), false);
			appendStringInfoString(out, "\">");
			html_escape(out, t, tlen, false);
			appendStringInfoString(out, "</a>");
			break;
		case FMT_WIKI:
			appendStringInfo(out, "[[%s|", entry.slug);
			appendBinaryStringInfo(out, t, tlen);
			appendStringInfoString(out, "]]");
			break;
		case FMT_MDX:
			appendStringInfo(out, "<G term=\"%s\">", entry.slug);
			appendBinaryStringInfo(out, t, tlen);
			appendStringInfoString(out, "</G>");
			break;
	}
	al->copied = end;
	al->linked[e] = true;
}

/* an existing link counts as the first link to its entry */
static void
note_region(void *arg, const MdRegion *r, size_t start)
{
	Autolink   *al = arg;
	int			e = -1;

	if (!al->first_only || r->target == NULL || r->target_len == 0)
		return;
	switch (r->kind)
	{
		case MD_WIKI_LINK:
		case MD_MDX_LINK:
			{
				char	   *key;
				int			keylen;
				LabelKind	kind;

				key = glossary_normalize(r->target, (int) r->target_len, true, &keylen, NULL);
				if (keylen > 0)
					e = label_index_resolve(al->idx, key, keylen, &kind);
				pfree(key);
				break;
			}
		case MD_MD_LINK:
		case MD_HTML_LINK:
			{
				size_t		slen = strlen(al->url_suffix);

				/* a URL the pattern makes: prefix, a slug, suffix */
				if (al->url_prefix != NULL &&
					r->target_len > al->url_prefix_len + slen &&
					memcmp(r->target, al->url_prefix, al->url_prefix_len) == 0 &&
					memcmp(r->target + r->target_len - slen, al->url_suffix, slen) == 0)
				{
					char	   *slug = pnstrdup(r->target + al->url_prefix_len,
												r->target_len - al->url_prefix_len - slen);

					e = label_index_find_slug(al->idx, slug);
					pfree(slug);
				}
				break;
			}
		default:
			break;
	}
	if (e >= 0)
		al->linked[e] = true;
}

static LinkFormat
parse_format(const char *f)
{
	if (strcmp(f, "markdown") == 0 || strcmp(f, "md") == 0)
		return FMT_MARKDOWN;
	if (strcmp(f, "html") == 0)
		return FMT_HTML;
	if (strcmp(f, "wiki") == 0)
		return FMT_WIKI;
	if (strcmp(f, "mdx") == 0)
		return FMT_MDX;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown link format \"%s\"", f),
			 errhint("Use one of markdown, html, wiki or mdx.")));
	return FMT_MARKDOWN;		/* keep the compiler quiet */
}

Datum
glossary_autolink(PG_FUNCTION_ARGS)
{
	text	   *doc;
	char	   *format;
	char	   *pattern;
	char	   *self_slug = NULL;
	LabelIndex *idx;
	Autolink	al;
	MsCallbacks cb;
	size_t		len;
	const char *hole;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("format, first_only and url_pattern must not be null")));
	doc = PG_GETARG_TEXT_PP(0);
	format = text_to_cstring(PG_GETARG_TEXT_PP(1));
	pattern = text_to_cstring(PG_GETARG_TEXT_PP(3));
	memset(&al, 0, sizeof(al));
	al.format = parse_format(format);
	al.first_only = PG_GETARG_BOOL(2);
	if (strstr(pattern, "{slug}") == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("url_pattern must contain {slug}"),
				 errdetail("The pattern was \"%s\".", pattern)));

	idx = label_index_for_call(fcinfo, 0);
	al.idx = idx;
	al.mi = mention_index_get(idx);
	al.linked = palloc0(sizeof(bool) * Max(idx->nentries, 1));
	al.self = palloc0(sizeof(bool) * Max(idx->nentries, 1));

	/*
	 * Never link an entry to itself: the entry self_slug names, or else every
	 * entry whose stored body is exactly doc (by the body key the index
	 * keeps: no query per call, and no choice among entries sharing a body).
	 */
	if (!PG_ARGISNULL(4))
	{
		int			e;

		self_slug = text_to_cstring(PG_GETARG_TEXT_PP(4));
		if ((e = label_index_find_slug(idx, self_slug)) >= 0)
			al.self[e] = true;
	}
	else
	{
		int			first,
					n,
					i;

		n = label_index_body_entries(idx, label_body_key(VARDATA_ANY(doc), VARSIZE_ANY_EXHDR(doc)), &first);
		for (i = 0; i < n; i++)
			al.self[idx->by_body[first + i]] = true;
	}
	al.pattern = pg_server_to_any(pattern, strlen(pattern), PG_UTF8);
	hole = strstr(al.pattern, "{slug}");
	al.url_prefix = al.pattern;
	al.url_prefix_len = hole - al.pattern;
	al.url_suffix = strstr(hole + 6, "{slug}") == NULL ? hole + 6 : "";
	if (strstr(hole + 6, "{slug}") != NULL)
		al.url_prefix = NULL;	/* two holes: existing links are not recognised */
	al.text = doc_utf8(doc, &len);
	initStringInfo(&al.out);

	backend_callbacks(&cb, &al);
	cb.emit = emit_link;
	cb.region = note_region;
	if (al.mi->nkeys > 0)
		ms_scan(al.mi->ac, al.mi->lead_mark, al.text, len, &cb);
	appendBinaryStringInfo(&al.out, al.text + al.copied, len - al.copied);
	PG_RETURN_TEXT_P(utf8_to_text(al.out.data, al.out.len));
}
