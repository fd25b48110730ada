-- glossary.feed_atom: an Atom feed (RFC 4287) of the most recently updated
-- entries, parsed by the server's XML parser (libxml2) and checked.
SET client_min_messages = warning;
SELECT glossary.import_yaml($$
categories:
  - {slug: weights, title: "Weights & such", position: 6}
entries:
  - {slug: open-weights, term: open weights, category: weights, summary: "Parameters <anyone> can \"download\" & run.", updated: 2026-11-20}
  - {slug: llama, term: Llama, category: weights, summary: Meta's models., updated: 2026-05-18}
  - {slug: qwen, term: Qwen, category: weights, summary: Alibaba's models., updated: 2026-11-20}
  - {slug: undated, term: undated, category: weights, summary: "No date: never in the feed."}
$$, 'feed.yaml');
INSERT INTO glossary.entries (slug, term, category, summary, updated)
VALUES ('forever', 'forever', 'weights', 'Updated at infinity.', 'infinity'),
       ('far-future', 'far future', 'weights', 'Five-digit year.', '10000-01-01');

SELECT glossary.feed_atom('https://example.org/glossary/');

-- well-formed XML with the required elements (RFC 4287 4.1.1, 4.1.2)
CREATE TEMP TABLE feed AS SELECT glossary.feed_atom('https://example.org/glossary/', 2)::xml AS x;
SELECT x IS DOCUMENT AS document FROM feed;
SELECT (xpath('count(/a:feed/a:id)', x, ns))[1]::text AS feed_ids,
	(xpath('count(/a:feed/a:title)', x, ns))[1]::text AS feed_titles,
	(xpath('count(/a:feed/a:updated)', x, ns))[1]::text AS feed_updated,
	(xpath('count(/a:feed/a:author/a:name)', x, ns))[1]::text AS feed_author,
	(xpath('count(/a:feed/a:entry)', x, ns))[1]::text AS entries,
	(xpath('count(/a:feed/a:entry[a:id and a:title and a:updated and a:link[@rel="alternate"] and a:summary])', x, ns))[1]::text AS complete_entries,
	(xpath('/a:feed/a:entry[1]/a:summary/text()', x, ns))[1]::text AS first_summary_escaped
FROM feed, (SELECT ARRAY[ARRAY['a', 'http://www.w3.org/2005/Atom']] AS ns) n;
-- updated values are RFC 3339 date-times; the feed's is its newest entry's
SELECT u::text ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$' AS rfc3339, u::text
FROM feed, unnest(xpath('//a:updated/text()', x, ARRAY[ARRAY['a', 'http://www.w3.org/2005/Atom']])) AS u;

-- a pattern base_url: entry URLs by pattern, the feed's link up to {slug}
SELECT (xpath('/a:feed/a:id/text()', x, ns))[1]::text AS feed_id,
	(xpath('/a:feed/a:entry[1]/a:id/text()', x, ns))[1]::text AS entry_id
FROM (SELECT glossary.feed_atom('https://example.org/g/{slug}.html', 1, 'My <glossary>')::xml AS x) f,
	(SELECT ARRAY[ARRAY['a', 'http://www.w3.org/2005/Atom']] AS ns) n;
SELECT glossary.feed_atom('https://example.org/', 0, 'Empty & all');

-- bad input
SELECT glossary.feed_atom('/glossary/');
SELECT glossary.feed_atom('javascript:alert(1)');
SELECT glossary.feed_atom('https://example.org/', -1);
SELECT glossary.feed_atom('https://example.org/', 5, '  ');
-- control characters only: render_escape() drops them, so the title would be empty
SELECT glossary.feed_atom('https://example.org/', 5, E'\x01\t\x1f');
SELECT glossary.feed_atom(NULL) IS NULL AS null_base, glossary.feed_atom('https://example.org/', NULL) IS NULL AS null_lim;

DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
DROP TABLE feed;
