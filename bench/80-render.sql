-- render_html() of every entry of a 10,000-entry glossary (pages per
-- second), one call per page, and render_site() (every page from one
-- query), against rendering the same bodies with cmark alone
-- (markdown_html(), the floor: parsing and HTML output, no page data, no
-- links resolved).  Target: within 3x of the floor.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE SCHEMA bench80;
INSERT INTO glossary.categories (slug, title, position) VALUES ('bench80', 'Benchmark 80', 1), ('bench80-also', 'Benchmark 80, also', 2);

-- bodies shaped like the shipped ones: three short paragraphs or a list,
-- six glossary links (wiki and MDX, by slug, term and alias, one dangling),
-- emphasis, code and a Markdown link; about 700 bytes each
INSERT INTO glossary.entries (slug, term, category, summary, body, updated)
SELECT 'b80-' || i, 'Term ' || i, 'bench80',
	'A one-sentence summary of term ' || i || ', shown as the lede and as hover text wherever it is linked.',
	format(E'**Term %s** describes a part of the stack that works with [[b80-%s]] and feeds <G term="Term %s">its neighbour</G>; '
		'most readers meet it next to [[alias %s|the third one]], which it is often confused with.\n\n'
		'A second paragraph explains the idea with `inline code`, *emphasis* and a [Markdown link](https://example.org/docs/%s) '
		'to the outside world, then returns to [[b80-%s]] once more.\n\n'
		'- a list item naming <G term="b80-%s">a fifth entry</G>\n'
		'- another item with a link to [[an entry never written %s]]\n',
		i, 1 + (i * 7) % 10000, 1 + (i * 13) % 10000, 1 + (i * 31) % 10000, i,
		1 + (i * 17) % 10000, 1 + (i * 19) % 10000, i),
	date '2026-01-01' + i % 300
FROM generate_series(1, 10000) AS i;
INSERT INTO glossary.aliases SELECT 'b80-' || i, 'alias ' || i FROM generate_series(1, 10000) AS i;
INSERT INTO glossary.entry_categories SELECT 'b80-' || i, 'bench80-also' FROM generate_series(1, 10000, 3) AS i;
INSERT INTO glossary.sources (entry, position, title, url)
	SELECT 'b80-' || i, 1, 'Source ' || i, 'https://example.org/source/' || i FROM generate_series(1, 10000) AS i;
ANALYZE glossary.entries, glossary.aliases, glossary.links, glossary.sources, glossary.entry_categories;
SELECT count(*) AS entries, round(avg(octet_length(body))) AS body_bytes,
	(SELECT count(*) FROM glossary.links) AS links
FROM glossary.entries;

-- warm up: the label index and the backlink graph are built once per session
SELECT count(*) AS pages, round(avg(length(h))) AS page_chars
FROM glossary.entries e, LATERAL glossary.render_html(e.slug) AS h;

SELECT bench.measure($$SELECT count(*) FROM glossary.entries e WHERE glossary.render_html(e.slug) IS NOT NULL$$, 3) AS render_ms \gset
SELECT bench.measure($$SELECT count(*) FROM glossary.render_site()$$, 3) AS site_ms \gset
SELECT bench.measure($$SELECT count(*) FROM glossary.entries e WHERE glossary.markdown_html(e.body) IS NOT NULL$$, 3) AS cmark_ms \gset
SELECT round(10000 / (:render_ms / 1000.0)) AS render_html_pages_per_second,
	round(10000 / (:site_ms / 1000.0)) AS render_site_pages_per_second,
	round(10000 / (:cmark_ms / 1000.0)) AS cmark_bodies_per_second;

SELECT bench.report('render_html(), every page of 10,000 entries', :render_ms,
	'markdown_html(body) (cmark alone), same bodies', :cmark_ms, 'within 3x');
SELECT bench.report('render_site(), every page of 10,000 entries in one call', :site_ms,
	'markdown_html(body) (cmark alone), same bodies', :cmark_ms, 'within 3x');

DELETE FROM glossary.entries WHERE category = 'bench80';
DELETE FROM glossary.categories WHERE slug LIKE 'bench80%';
DROP SCHEMA bench80;
