-- Limits not covered elsewhere (loader limits: loader_errors; 1 MB labels:
-- resolve; classify input: classify_input; 6 MB mentions: mentions).
-- The loader's limits apply to imports only: the tables take what SQL
-- gives them (slugs excepted), and the read functions have defined results
-- for labels and documents of any size.
INSERT INTO glossary.categories (slug, title) VALUES ('lim', 'Limits');
INSERT INTO glossary.entries (slug, term, category, summary, body) VALUES
	('short', 'Short', 'lim', 'A short entry.', 'Plain.');

-- a term of 70,000 characters written directly (the loader refuses more than 500)
-- is refused too: its key is over resolve()'s 64 kB limit, so it could name
-- nothing (the label indexes on normalize() compute the key as the row is written)
INSERT INTO glossary.entries (slug, term, category, summary)
VALUES ('long-term', repeat('long ', 14000), 'lim', 'A term far too long to be a label.');
INSERT INTO glossary.entries (slug, term, category, summary)
VALUES ('long-term', 'Long term', 'lim', 'An entry with a long body, below.');
SELECT glossary.resolve(repeat('long ', 14000)) AS resolves_to, glossary.resolve('long-term') AS by_slug,
	glossary.resolve('short') AS others_unaffected;
SELECT count(*) AS lookup_rows FROM glossary.lookup(repeat('long ', 14000));
-- a 64 kB label just under the limit is stored and resolves, one just over is refused
INSERT INTO glossary.aliases VALUES ('short', repeat('x', 65535));
INSERT INTO glossary.aliases VALUES ('short', repeat('y', 65537));
SELECT glossary.resolve(repeat('x', 65535)) AS under_64k, glossary.resolve(repeat('y', 65537)) AS over_64k;
-- normalize() takes labels up to the same limit; a longer one is refused with SQLSTATE 54000
SELECT length(glossary.normalize(repeat('X', 65536))) AS normalized_64k;
SELECT glossary.normalize(repeat('y', 65537));
DO $$
BEGIN
	PERFORM glossary.normalize(repeat('y', 1000000));
EXCEPTION WHEN program_limit_exceeded THEN
	RAISE NOTICE 'program_limit_exceeded (%)', SQLSTATE;
END
$$;
-- mentions() and autolink() see labels up to that limit too; a text of 1 MB is scanned whole
SELECT count(*) AS mentions, min("position") AS first, max("position") AS last
FROM glossary.mentions(repeat('Short text. ', 87382));
SELECT length(glossary.autolink(repeat('Short text. ', 87382))) - length(repeat('Short text. ', 87382)) AS added_by_autolink;
SELECT length(glossary.autolink(repeat('Short text. ', 87382), 'markdown', false))
	- length(repeat('Short text. ', 87382)) AS added_linking_every_mention;

-- search(): a query of 1 MB is read up to its first 10,000 characters, no error
SELECT count(*) AS hits FROM glossary.search('short ' || repeat('x', 1000000));
SELECT count(*) AS hits FROM glossary.search(repeat('z', 10000) || ' short');
-- suggest(): keys over 100 characters get no suggestions, max is capped at 1000
SELECT count(*) FROM glossary.suggest(repeat('s', 101));
SELECT count(*) FROM glossary.suggest('shrt', 2147483647);

-- a body of 2.5 MB written directly (the loader refuses more than 1 MB): its 10,000 links are extracted
UPDATE glossary.entries SET body = repeat('plain words ', 200000) || repeat('see [[short]] and [[nowhere]]. ', 5000) WHERE slug = 'long-term';
SELECT count(*) AS links, count(DISTINCT target) AS targets FROM glossary.links WHERE entry = 'long-term';
SELECT count(*) AS backlinks FROM glossary.backlinks('short');
SELECT target, wanted FROM glossary.dangling_links WHERE target = 'nowhere';

-- a glossary of 10,000 entries and 30,000 aliases: every label resolves, stats count them
-- (README, Limits: 100,000 entries and 300,000 aliases measured outside the suite)
INSERT INTO glossary.entries (slug, term, category, summary)
SELECT 'gen-' || i, 'Generated term ' || i, 'lim', 'Generated.' FROM generate_series(1, 10000) i;
INSERT INTO glossary.aliases
SELECT 'gen-' || i, a || ' ' || i FROM generate_series(1, 10000) i, unnest(ARRAY['first alias', 'second alias', 'third alias']) a;
SELECT count(*) FILTER (WHERE glossary.resolve('Generated Term ' || i) = 'gen-' || i) AS terms,
	count(*) FILTER (WHERE glossary.resolve('third-alias ' || i) = 'gen-' || i) AS aliases
FROM generate_series(1, 10000) i;
SELECT entries, labels >= 40000 AS labels, keys > labels AS variants FROM glossary.label_index_stats();

-- limits of the loader leave the tables as they were (one case; loader_errors has all)
SELECT count(*) AS entries_before FROM glossary.entries;
SELECT glossary.import_yaml(format(E'entries:\n  - {slug: gen-1, term: %s, category: lim, summary: S}\n', repeat('x', 501)), 'limits.yaml');
SELECT count(*) AS entries_after, (SELECT term FROM glossary.entries WHERE slug = 'gen-1') AS gen_1 FROM glossary.entries;

DELETE FROM glossary.entries WHERE category = 'lim';
DELETE FROM glossary.categories WHERE slug = 'lim';
