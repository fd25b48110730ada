-- Links, backlinks, mentions and auto-linking (C: src/mentions.c,
-- src/backlinks.c, src/mention_scan.c, src/ac_automaton.c, src/markdown.c).
-- The automaton and the backlink graph are kept per backend with the label
-- index: the automaton is rebuilt with it, the graph also when links changed.

-- what a link target resolves to: 'resolved', 'ambiguous' or 'dangling'
CREATE FUNCTION @extschema@.link_status(target text) RETURNS text
	AS 'MODULE_PATHNAME', 'glossary_link_status'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.link_status(text) IS 'whether a link target names one entry (resolved), several (ambiguous) or none (dangling)';

-- what an entry's body links to
CREATE FUNCTION @extschema@.links(label text)
	RETURNS TABLE ("position" integer, target text, slug text, "text" text, syntax text, status text)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT l.position, l.target, @extschema@.resolve(l.target), l.label, l.syntax,
		@extschema@.link_status(l.target)
	FROM @extschema@.links l
	WHERE l.entry OPERATOR(pg_catalog.=) @extschema@.resolve($1)	-- $1: links.label would shadow it
	ORDER BY l.position
$$;
COMMENT ON FUNCTION @extschema@.links(text) IS 'links in the body of the entry a label names: position, target as written, the entry it resolves to, visible text, syntax, status';

-- "Mentioned in"
CREATE FUNCTION @extschema@.backlinks(label text)
	RETURNS TABLE (slug text, term text, category text, links integer)
	AS 'MODULE_PATHNAME', 'glossary_backlinks'
	LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION @extschema@.backlinks(text) IS '"Mentioned in": entries whose bodies link to the entry a label names (through any alias), each once, sorted by term case-insensitively';

CREATE VIEW @extschema@.backlinks_all WITH (security_invoker = true) AS
	SELECT e.slug::pg_catalog.text AS slug, b.rank::integer AS rank,
		b.slug AS from_slug, b.term AS from_term, b.links
	FROM @extschema@.entries e
	CROSS JOIN LATERAL @extschema@.backlinks(e.slug::pg_catalog.text)
		WITH ORDINALITY AS b(slug, term, category, links, rank);
COMMENT ON VIEW @extschema@.backlinks_all IS 'the "Mentioned in" list of every entry: one row per linking entry, rank = place in the list';

-- wanted entries
CREATE VIEW @extschema@.dangling_links WITH (security_invoker = true) AS
	SELECT pg_catalog.min(l.target) AS target,
		@extschema@.normalize(l.target) AS key,
		pg_catalog.count(*)::integer AS wanted,
		pg_catalog.array_agg(DISTINCT l.entry::pg_catalog.text) AS wanted_by
	FROM @extschema@.links l
	WHERE @extschema@.link_status(l.target) OPERATOR(pg_catalog.=) 'dangling'
	GROUP BY 2
	ORDER BY 3 DESC, 2;
COMMENT ON VIEW @extschema@.dangling_links IS 'link targets that name no entry ("wanted entries"): how often each is wanted and by which entries';

CREATE FUNCTION @extschema@.mentions(doc text)
	RETURNS TABLE (slug text, "text" text, "position" integer, length integer, ambiguous boolean)
	AS 'MODULE_PATHNAME', 'glossary_mentions'
	LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION @extschema@.mentions(text) IS 'whole-word, leftmost-longest mentions of known labels in a text, outside links, code and markup; 1-based character positions';

CREATE FUNCTION @extschema@.unlinked_mentions(label text)
	RETURNS TABLE (slug text, term text, "text" text, "position" integer)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH t AS (SELECT @extschema@.resolve($1) AS slug)
	SELECT e.slug, e.term, m.text, m.position
	FROM t
	JOIN @extschema@.entries e ON e.slug OPERATOR(pg_catalog.<>) t.slug
	CROSS JOIN LATERAL @extschema@.mentions(e.body) m
	WHERE m.slug OPERATOR(pg_catalog.=) t.slug
		AND NOT EXISTS (SELECT FROM @extschema@.backlinks(t.slug) b
						WHERE b.slug OPERATOR(pg_catalog.=) e.slug)
	ORDER BY pg_catalog.lower(e.term), e.slug, m.position
$$;
COMMENT ON FUNCTION @extschema@.unlinked_mentions(text) IS 'entries whose bodies mention the entry a label names without linking to it, with each mention';

CREATE FUNCTION @extschema@.autolink(doc text, format text DEFAULT 'markdown',
	first_only boolean DEFAULT true, url_pattern text DEFAULT '/glossary/{slug}',
	self_slug text DEFAULT NULL) RETURNS text
	AS 'MODULE_PATHNAME', 'glossary_autolink'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.autolink(text, text, boolean, text, text) IS 'the text with mentions of entries turned into links (markdown, html, wiki or mdx); never inside links, code or tags, never to the entry whose body it is';
