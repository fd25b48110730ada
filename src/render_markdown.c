/*
 * render_markdown.c
 *	  Markdown bodies to HTML with cmark (CommonMark), glossary links
 *	  included.
 *
 * The glossary links are found by the same scanner that fills
 * glossary.links (links_scan.c), so a page shows exactly the links the
 * database records.  Before cmark parses the body, each link is replaced by
 * a placeholder that CommonMark reads as plain text: U+E000, a per-call
 * random nonce, the link's number, U+E001 (private-use characters with no
 * Markdown meaning, so cmark never splits them).  After parsing, the text
 * nodes holding placeholders are split and each link becomes a custom
 * inline node (our own escaped <a> or <span>) around a text node with its
 * visible text, which cmark escapes.  Placeholders that land where links
 * cannot be (code, URLs: where cmark and the scanner read the text
 * differently) get their original text back.  Raw HTML nodes are removed,
 * and links and images with a URL other than http, https or relative keep
 * only their text.
 *
 * cmark allocates with its own (malloc-based) allocator; the tree is freed
 * on every path, errors included.
 */
#include "postgres.h"

#include <cmark.h>

/*
 * cmark 0.29 made safe output the default: raw HTML and dangerous URLs
 * (javascript:, vbscript:, file:, most data:) are dropped unless
 * CMARK_OPT_UNSAFE, which this file never passes.  Older versions would copy
 * an entry body's raw HTML into every page.
 */
#if !defined(CMARK_VERSION) || CMARK_VERSION < ((0 << 16) | (29 << 8) | 0)
#error "glossary needs cmark 0.29 or later, which drops raw HTML by default (Debian: libcmark-dev 0.29 or later)"
#endif

#include "common/pg_prng.h"

#include "links_scan.h"
#include "markdown.h"
#include "normalize.h"
#include "render.h"

#define MARK_OPEN	"\xEE\x80\x80"	/* U+E000 */
#define MARK_CLOSE	"\xEE\x80\x81"	/* U+E001 */
#define MARK_LEN	3
#define NONCE_LEN	8

/* keys longer than this name no entry (as in resolve()) */
#define MAX_KEY_BYTES	(64 * 1024)

typedef struct BodyLink
{
	size_t		offset;			/* in the body */
	size_t		length;
	char	   *label;			/* visible text, NUL-terminated */
	const char *open_tag;		/* <a ...> or <span ...>, escaped */
	const char *close_tag;
} BodyLink;

typedef struct RenderCtx
{
	const char *body;
	size_t		len;
	RenderLinks *anchors;		/* open tags of links to entries */
	char		nonce[NONCE_LEN + 1];
	BodyLink   *links;
	int			nlinks;
	int			maxlinks;
} RenderCtx;

/* a growing array of cmark nodes to change after the walk */
typedef struct NodeList
{
	cmark_node **nodes;
	int			n;
	int			max;
} NodeList;

static void
node_list_add(NodeList *l, cmark_node *node)
{
	if (l->n == l->max)
	{
		l->max = l->max ? l->max * 2 : 16;
		l->nodes = l->nodes ? repalloc(l->nodes, l->max * sizeof(cmark_node *))
			: palloc(l->max * sizeof(cmark_node *));
	}
	l->nodes[l->n++] = node;
}

/* the open tag of a link to target: an anchor to its entry, or a marked span */
static const char *
link_open_tag(RenderCtx *ctx, const char *target, size_t target_len)
{
	StringInfoData tag;
	char	   *key;
	int			keylen,
				entry = -1;
	LabelKind	kind;

	initStringInfo(&tag);
	if (target_len <= MAX_KEY_BYTES)
	{
		key = glossary_normalize(target, (int) target_len, true, &keylen, NULL);
		if (keylen > 0)
			entry = label_index_resolve(ctx->anchors->idx, key, keylen, &kind);
		pfree(key);
	}
	if (entry >= 0)
		return render_link_tag(ctx->anchors, entry);
	else
	{
		bool		ambiguous = entry == -2;

		appendStringInfo(&tag, "<span class=\"%s\" data-glossary-target=\"",
						 ambiguous ? "glossary-ambiguous" : "glossary-dangling");
		render_escape(&tag, target, target_len);
		appendStringInfoString(&tag, ambiguous ? "\" title=\"names more than one entry\">"
							   : "\" title=\"no entry yet\">");
	}
	return tag.data;
}

static void
collect_link(const ScannedLink *link, void *arg)
{
	RenderCtx  *ctx = (RenderCtx *) arg;
	BodyLink   *l;

	if (ctx->nlinks == ctx->maxlinks)
	{
		ctx->maxlinks = ctx->maxlinks ? ctx->maxlinks * 2 : 16;
		ctx->links = ctx->links ? repalloc_huge(ctx->links, ctx->maxlinks * sizeof(BodyLink))
			: palloc(ctx->maxlinks * sizeof(BodyLink));
	}
	l = &ctx->links[ctx->nlinks++];
	l->offset = link->offset;
	l->length = link->length;
	l->label = pnstrdup(link->label, link->label_len);
	l->open_tag = link_open_tag(ctx, link->target, link->target_len);
	l->close_tag = strncmp(l->open_tag, "<a", 2) == 0 ? "</a>" : "</span>";
}

/* an MDX import or export statement starts at p (at the start of a line) */
static bool
is_mdx_statement(const char *p, const char *end)
{
	if (end - p < 7 || (memcmp(p, "import", 6) != 0 && memcmp(p, "export", 6) != 0))
		return false;
	return p[6] == ' ' || p[6] == '{' || p[6] == '*';
}

/* the start of the next blank line after the line at p, or end */
static const char *
next_blank_line(const char *p, const char *end)
{
	for (;;)
	{
		const char *eol = memchr(p, '\n', end - p);
		const char *q;

		if (eol == NULL)
			return end;
		p = eol + 1;
		for (q = p; q < end && (*q == ' ' || *q == '\t' || *q == '\r'); q++)
			;
		if (q == end || *q == '\n')
			return p;
	}
}

/* some line of the body starts like an MDX import or export statement */
static bool
has_mdx_statement(const char *p, const char *end)
{
	while (p < end)
	{
		const char *eol;

		if (is_mdx_statement(p, end))
			return true;
		if ((eol = memchr(p, '\n', end - p)) == NULL)
			return false;
		p = eol + 1;
	}
	return false;
}

/*
 * The body with every link replaced by its placeholder and MDX statements
 * dropped.  Code is copied as it is, with md_skip_code() deciding what code
 * is, as scan_links() does.  A body without MDX statements (all that the
 * loader stores) needs no code tracking: the links are copied around.
 */
static void
preprocess(RenderCtx *ctx, StringInfo out)
{
	const char *text = ctx->body;
	const char *p = text;
	const char *end = text + ctx->len;
	bool		line_start = true;
	int			li = 0;

	if (!has_mdx_statement(text, end))
	{
		for (li = 0; li < ctx->nlinks; li++)
		{
			BodyLink   *l = &ctx->links[li];

			appendBinaryStringInfo(out, p, text + l->offset - p);
			appendStringInfo(out, MARK_OPEN "%s%d" MARK_CLOSE, ctx->nonce, li);
			p = text + l->offset + l->length;
		}
		appendBinaryStringInfo(out, p, end - p);
		return;
	}
	while (p < end)
	{
		const char *next;
		size_t		pos = p - text;

		/* links the copy went past (inside dropped or code text) stay text */
		while (li < ctx->nlinks && ctx->links[li].offset < pos)
			li++;
		if (li < ctx->nlinks && ctx->links[li].offset == pos)
		{
			appendStringInfo(out, MARK_OPEN "%s%d" MARK_CLOSE, ctx->nonce, li);
			p += ctx->links[li].length;
			li++;
			line_start = false;
			continue;
		}
		if ((p == text || p[-1] == '\n') && is_mdx_statement(p, end))
		{
			p = next_blank_line(p, end);
			line_start = true;
			continue;
		}
		next = md_skip_code(p, end, line_start);
		if (next != p)
		{
			appendBinaryStringInfo(out, p, next - p);
			line_start = next[-1] == '\n';
			p = next;
			continue;
		}
		if (*p == '\n')
			line_start = true;
		else if (*p != ' ')
			line_start = false;
		appendStringInfoChar(out, *p);
		p++;
	}
}

/*
 * If s starts a placeholder of this call, return the link number and set
 * *after to the byte after it; otherwise -1.
 */
static int
parse_marker(RenderCtx *ctx, const char *s, const char **after)
{
	const char *p = s + MARK_LEN;
	long		n = 0;
	int			digits = 0;

	/* strncmp: the text may end anywhere after s */
	if (strncmp(p, ctx->nonce, NONCE_LEN) != 0)
		return -1;
	p += NONCE_LEN;
	while (*p >= '0' && *p <= '9' && digits < 10)
	{
		n = n * 10 + (*p++ - '0');
		digits++;
	}
	if (digits == 0 || n >= ctx->nlinks || strncmp(p, MARK_CLOSE, MARK_LEN) != 0)
		return -1;
	*after = p + MARK_LEN;
	return (int) n;
}

/* s with every placeholder replaced by the link's original text (palloc'd) */
static char *
restore_markers(RenderCtx *ctx, const char *s)
{
	StringInfoData out;
	const char *p = s;
	const char *m;

	initStringInfo(&out);
	while ((m = strstr(p, MARK_OPEN)) != NULL)
	{
		const char *after;
		int			i = parse_marker(ctx, m, &after);

		if (i < 0)
		{
			appendBinaryStringInfo(&out, p, m + MARK_LEN - p);
			p = m + MARK_LEN;
			continue;
		}
		appendBinaryStringInfo(&out, p, m - p);
		appendBinaryStringInfo(&out, ctx->body + ctx->links[i].offset, ctx->links[i].length);
		p = after;
	}
	appendStringInfoString(&out, p);
	return out.data;
}

/* inside a link or an image, where another anchor cannot go */
static bool
inside_link(cmark_node *node)
{
	for (node = cmark_node_parent(node); node; node = cmark_node_parent(node))
	{
		cmark_node_type t = cmark_node_get_type(node);

		if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE)
			return true;
	}
	return false;
}

/* put a text node holding s after prev (or make node hold it); returns the new prev */
static cmark_node *
put_text(cmark_node *node, cmark_node *prev, const char *s)
{
	cmark_node *t;

	if (prev == node)
	{
		cmark_node_set_literal(node, s);
		return node;
	}
	if (s[0] == '\0')
		return prev;
	t = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(t, s);
	cmark_node_insert_after(prev, t);
	return t;
}

/* split a text node at its placeholders: text, link, text, ... */
static void
expand_text(RenderCtx *ctx, cmark_node *node)
{
	char	   *lit = pstrdup(cmark_node_get_literal(node));
	bool		plain = inside_link(node);
	StringInfoData run;
	cmark_node *prev = node;
	const char *p = lit;
	const char *m;

	initStringInfo(&run);
	while ((m = strstr(p, MARK_OPEN)) != NULL)
	{
		const char *after;
		int			i = parse_marker(ctx, m, &after);
		BodyLink   *l;
		cmark_node *a,
				   *t;

		if (i < 0)
		{
			appendBinaryStringInfo(&run, p, m + MARK_LEN - p);
			p = m + MARK_LEN;
			continue;
		}
		l = &ctx->links[i];
		appendBinaryStringInfo(&run, p, m - p);
		p = after;
		if (plain)
		{
			appendStringInfoString(&run, l->label);
			continue;
		}
		prev = put_text(node, prev, run.data);
		resetStringInfo(&run);
		a = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
		cmark_node_set_on_enter(a, l->open_tag);
		cmark_node_set_on_exit(a, l->close_tag);
		t = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(t, l->label);
		cmark_node_append_child(a, t);
		cmark_node_insert_after(prev, a);
		prev = a;
	}
	appendStringInfoString(&run, p);
	put_text(node, prev, run.data);
	pfree(run.data);
	pfree(lit);
}

/* a link or image with a URL that is not allowed keeps only its text */
static void
check_link(RenderCtx *ctx, cmark_node *node)
{
	const char *url = cmark_node_get_url(node);
	const char *title = cmark_node_get_title(node);
	cmark_node *child;

	if (url && strstr(url, MARK_OPEN))
		cmark_node_set_url(node, restore_markers(ctx, url));
	if (title && strstr(title, MARK_OPEN))
		cmark_node_set_title(node, restore_markers(ctx, title));
	url = cmark_node_get_url(node);
	if (url == NULL || render_url_allowed(url, strlen(url)))
		return;
	while ((child = cmark_node_first_child(node)) != NULL)
		cmark_node_insert_before(node, child);
	cmark_node_free(node);
}

/*
 * Append HTML that cmark allocated, and free it even if appending fails
 * (PG_CATCH rather than PG_FINALLY, whose flag gcc's -Wclobbered flags here).
 */
static void
append_cmark_html(StringInfo out, char *html)
{
	PG_TRY();
	{
		appendStringInfoString(out, html);
	}
	PG_CATCH();
	{
		cmark_get_default_mem_allocator()->free(html);
		PG_RE_THROW();
	}
	PG_END_TRY();
	cmark_get_default_mem_allocator()->free(html);
}

static void
render_tree(RenderCtx *ctx, cmark_node *doc, StringInfo out)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	NodeList	texts = {0},
				codes = {0},
				links = {0},
				html = {0};
	int			i;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
	{
		cmark_node *node = cmark_iter_get_node(it);
		const char *lit;

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(node))
		{
			case CMARK_NODE_TEXT:
				lit = cmark_node_get_literal(node);
				if (lit && strstr(lit, MARK_OPEN))
					node_list_add(&texts, node);
				break;
			case CMARK_NODE_CODE:
			case CMARK_NODE_CODE_BLOCK:
				lit = cmark_node_get_literal(node);
				if ((lit && strstr(lit, MARK_OPEN)) ||
					(cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK &&
					 (lit = cmark_node_get_fence_info(node)) != NULL && strstr(lit, MARK_OPEN)))
					node_list_add(&codes, node);
				break;
			case CMARK_NODE_HTML_INLINE:
			case CMARK_NODE_HTML_BLOCK:
				node_list_add(&html, node);
				break;
			case CMARK_NODE_LINK:
			case CMARK_NODE_IMAGE:
				node_list_add(&links, node);
				break;
			default:
				break;
		}
	}
	cmark_iter_free(it);

	/* the tree changes only now, after the walk */
	for (i = 0; i < codes.n; i++)
	{
		cmark_node *code = codes.nodes[i];
		const char *info;

		cmark_node_set_literal(code, restore_markers(ctx, cmark_node_get_literal(code)));
		/* the info string of a fence ("```js") can hold what the scanner took for a link */
		if (cmark_node_get_type(code) == CMARK_NODE_CODE_BLOCK &&
			(info = cmark_node_get_fence_info(code)) != NULL)
			cmark_node_set_fence_info(code, restore_markers(ctx, info));
	}
	for (i = 0; i < texts.n; i++)
		expand_text(ctx, texts.nodes[i]);
	for (i = 0; i < links.n; i++)
		check_link(ctx, links.nodes[i]);
	for (i = 0; i < html.n; i++)
		cmark_node_free(html.nodes[i]);

	append_cmark_html(out, cmark_render_html(doc, CMARK_OPT_DEFAULT));
}

void
render_markdown(StringInfo out, const char *body, size_t len, RenderLinks *links)
{
	RenderCtx	ctx = {0};
	StringInfoData pre;
	cmark_parser *parser;
	cmark_node *doc;

	if (links == NULL)
	{
		/* the library alone: markdown_html() */
		append_cmark_html(out, cmark_markdown_to_html(body, len, CMARK_OPT_VALIDATE_UTF8));
		return;
	}

	ctx.body = body;
	ctx.len = len;
	ctx.anchors = links;
	snprintf(ctx.nonce, sizeof(ctx.nonce), "%08x", pg_prng_uint32(&pg_global_prng_state));
	scan_links(body, len, collect_link, &ctx);
	initStringInfo(&pre);
	preprocess(&ctx, &pre);

	parser = cmark_parser_new(CMARK_OPT_VALIDATE_UTF8);
	cmark_parser_feed(parser, pre.data, pre.len);
	doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	PG_TRY();
	{
		render_tree(&ctx, doc, out);
	}
	PG_FINALLY();
	{
		cmark_node_free(doc);
	}
	PG_END_TRY();
	pfree(pre.data);
}
