-- From the database back to the site: HTML pages, hover cards and an Atom
-- feed (C: src/render_*.c, src/card.c, src/feed.c; Markdown by cmark).
-- new in 1.2

-- CommonMark to HTML by cmark alone, in its safe mode (raw HTML omitted,
-- javascript:/vbscript:/file:/data: URLs dropped); no glossary links
CREATE FUNCTION @extschema@.markdown_html(doc text) RETURNS text
	AS 'MODULE_PATHNAME', 'glossary_markdown_html'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.markdown_html(text) IS 'CommonMark to HTML (cmark, safe mode), glossary links left as written';

-- an entry's page as an HTML fragment
CREATE FUNCTION @extschema@.render_html(slug text, base_url text DEFAULT '/glossary/') RETURNS text
	AS 'MODULE_PATHNAME', 'glossary_render_html'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.render_html(text, text) IS 'the page of the entry slug as an HTML fragment: term, categories, aka, summary, body (CommonMark, glossary links with hover text), sources, "Mentioned in"; NULL for an unknown slug';

-- every page in one call, from one query (a site generator's call)
CREATE FUNCTION @extschema@.render_site(base_url text DEFAULT '/glossary/')
	RETURNS TABLE (slug text, html text)
	AS 'MODULE_PATHNAME', 'glossary_render_site'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.render_site(text) IS 'every entry page as render_html() renders it, one row per entry in slug order, from one query';

-- the glossary's index page as an HTML fragment
CREATE FUNCTION @extschema@.render_index_html(base_url text DEFAULT '/glossary/') RETURNS text
	AS 'MODULE_PATHNAME', 'glossary_render_index_html'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.render_index_html(text) IS 'the glossary index as an HTML fragment: counts, entries by category (primary and secondary) with counts, A-Z';

-- what a hover card shows for any label
CREATE FUNCTION @extschema@.card(label text, base_url text DEFAULT '/glossary/') RETURNS jsonb
	AS 'MODULE_PATHNAME', 'glossary_card'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.card(text, text) IS 'hover card of the entry a label names: slug, term, category, category_title, summary, url; the candidates of an ambiguous label; NULL for an unknown one';

-- an Atom feed of the most recently updated entries
CREATE FUNCTION @extschema@.feed_atom(base_url text, lim integer DEFAULT 50, title text DEFAULT 'Glossary') RETURNS text
	AS 'MODULE_PATHNAME', 'glossary_feed_atom'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.feed_atom(text, integer, text) IS 'Atom feed (RFC 4287) of the lim most recently updated entries; base_url is the absolute address of the entry pages';
