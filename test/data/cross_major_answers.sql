-- The answers a glossary database gives, compared between the PostgreSQL
-- major that made a pg_dump and the one that restored it
-- (tools/cross-major.sh): every table's rows, the derived links and
-- backlinks, and what the label index, the scanner and the classifiers say.
\pset footer off
\pset format unaligned
SELECT 'rows ' || t, n, digest FROM (
	SELECT 'categories' AS t, count(*) AS n, md5(string_agg(c::text, '|' ORDER BY c::text)) AS digest FROM glossary.categories c
	-- every column but the stored search document, which a restore computes
	-- again with the server's own text search: PostgreSQL 18's English
	-- stemmer stems "added" as "add" where 15 and 17 give "ad"
	UNION ALL SELECT 'entries', count(*), md5(string_agg(e::text, '|' ORDER BY e::text))
		FROM (SELECT slug, term, category, summary, body, updated FROM glossary.entries) e
	UNION ALL SELECT 'entry_categories', count(*), md5(string_agg(x::text, '|' ORDER BY x::text)) FROM glossary.entry_categories x
	UNION ALL SELECT 'aliases', count(*), md5(string_agg(a::text, '|' ORDER BY a::text)) FROM glossary.aliases a
	UNION ALL SELECT 'sources', count(*), md5(string_agg(s::text, '|' ORDER BY s::text)) FROM glossary.sources s
	UNION ALL SELECT 'links', count(*), md5(string_agg(l::text, '|' ORDER BY l::text)) FROM glossary.links l
) AS t ORDER BY 1;
SELECT 'mentioned in', md5(string_agg(slug || ':' || array_to_string(mentioned_in, ','), '|' ORDER BY slug)) FROM glossary.entry_pages;
SELECT 'dangling', count(*) FROM glossary.dangling_links;
SELECT 'resolve', label, glossary.resolve(label)
FROM unnest(ARRAY['Open-Weight', 'AUP', 'open weights', 'Apache License 2.0', 'OSAID', 'gguf', 'no such thing']) AS label;
SELECT 'suggest', s.slug FROM glossary.suggest('opne weigths', 1) AS s;
SELECT 'mentions', m.slug, m."position", m.length FROM glossary.mentions('Open weights under the Apache 2.0 licence, quantized to GGUF.') AS m ORDER BY m."position";
SELECT 'classify', r.name, glossary.classify_release(r.card)
FROM (VALUES
	('olmo', '{"weights_available": true, "weights_license": "Apache-2.0", "code_available": true, "code_license": "Apache-2.0", "data_information": "complete"}'::jsonb),
	('llama', '{"weights_available": true, "weights_license": "Llama-3.1"}'),
	('closed', '{"weights_available": false}')) AS r(name, card);
SELECT 'search', s.slug FROM glossary.search('quantization', 3) AS s ORDER BY s.slug;
SELECT 'autolink', md5(glossary.autolink('Open weights and the AUP.', 'html'));
