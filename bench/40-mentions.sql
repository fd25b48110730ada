-- mentions() over 100 MB of English-like text with 1,000 and 10,000 labels,
-- against one case-insensitive regular expression alternation with word
-- boundaries (the same search in plain PostgreSQL) and against strpos() (the
-- floor of one scan); backlinks() of the most-linked entry of a 10,000-entry
-- glossary.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE SCHEMA bench40;
INSERT INTO glossary.categories (slug, title) VALUES ('bench40', 'Benchmark 40');

-- 10,000 label words that look like words but are not English: "vorkel", ...
CREATE TABLE bench40.labels AS
	SELECT i, translate(substr(md5('label' || i), 1, 7), '0123456789', 'aeioulmnrs') AS term
	FROM generate_series(1, 10000) AS i;
DELETE FROM bench40.labels a USING bench40.labels b WHERE a.term = b.term AND a.i > b.i;

-- 100 documents of 1 MB: common English words, one label word in every 50
CREATE TABLE bench40.wordlist AS SELECT string_to_array(
	'the of and to in is that for it as was with be by on not he this are or his from at which but '
	'have an they you were her she there been one all we their has would when if so no what up out '
	'about into than them can only other new some could time these two may then do first any my now '
	'such like our over man me even most made after also did many before must through back years where '
	'much your way well down should because each just those people how too little state good very make '
	'world still own see men work long get here between both life being under never day same another know '
	'model weights training data system language inference open source release license evaluation agent',
	' ') AS w;
CREATE TABLE bench40.words AS
	SELECT u.n::integer AS n, u.word AS w FROM bench40.wordlist x, unnest(x.w) WITH ORDINALITY AS u(word, n);
-- 2,000 paragraphs of 925 words (about 5 kB), one label word in every 50
CREATE TABLE bench40.paras AS
	SELECT r, string_agg(coalesce(l.term, w.w), ' ' ORDER BY k) AS para
	FROM generate_series(1, 2000) AS r
	CROSS JOIN generate_series(1, 925) AS k
	LEFT JOIN bench40.words w ON k % 50 <> 0 AND w.n = 1 + (k * 31 + r * 7 + k / 7) % 136
	LEFT JOIN bench40.labels l ON k % 50 = 0 AND l.i = 1 + (k * 7919 + r * 31) % 1000
	GROUP BY r;
-- 100 documents of 216 paragraphs (about 1 MB each)
CREATE TABLE bench40.docs AS
	SELECT d, string_agg(p.para, E'\n\n' ORDER BY j) AS doc
	FROM generate_series(1, 100) AS d
	CROSS JOIN generate_series(1, 216) AS j
	JOIN bench40.paras p ON p.r = 1 + (d * 211 + j * 13) % 2000
	GROUP BY d;
ANALYZE bench40.docs;
SELECT count(*) AS docs, pg_size_pretty(sum(octet_length(doc))) AS text_size,
	pg_size_pretty(pg_total_relation_size('bench40.docs')) AS stored
FROM bench40.docs;

-- 1,000 labels
INSERT INTO glossary.entries (slug, term, category, summary)
	SELECT term, term, 'bench40', 'bench' FROM bench40.labels WHERE i <= 1000;
SELECT count(*) AS entries FROM glossary.entries;
SELECT count(*) AS mentions_found FROM bench40.docs, glossary.mentions(doc);

SELECT bench.measure($$SELECT count(*) FROM bench40.docs, glossary.mentions(doc)$$, 3) AS m1000 \gset
SELECT bench.measure($$SELECT count(*) FROM bench40.docs WHERE strpos(doc, 'zzzz') > 0$$, 3) AS floor_ms \gset

-- the regular expression over 1 MB (one document), scaled to 100 documents
SELECT '\m(' || string_agg(term, '|') || ')\M' AS re1000
FROM (SELECT term FROM glossary.entries WHERE category = 'bench40') t \gset
SELECT count(*) AS regex_found_1mb FROM bench40.docs, regexp_matches(doc, :'re1000', 'gi') WHERE d = 1;
SELECT count(*) AS mentions_found_1mb FROM bench40.docs, glossary.mentions(doc) WHERE d = 1;
SELECT 100 * bench.measure(format($$SELECT count(*) FROM bench40.docs, regexp_matches(doc, %L, 'gi') WHERE d = 1$$, :'re1000'), 1) AS re1000_ms \gset

SELECT bench.report('mentions(), 100 MB, 1,000 labels', :m1000,
	'regexp_matches alternation, 1 MB measured x100', :re1000_ms, '>= 100x faster');
SELECT bench.report('mentions(), 100 MB, 1,000 labels', :m1000,
	'strpos(doc, ''zzzz''), 100 MB', :floor_ms, 'within 2.5x');

-- 10,000 labels
INSERT INTO glossary.entries (slug, term, category, summary)
	SELECT term, term, 'bench40', 'bench' FROM bench40.labels WHERE i > 1000;
SELECT count(*) AS entries FROM glossary.entries;
SELECT bench.measure($$SELECT count(*) FROM bench40.docs, glossary.mentions(doc)$$, 3) AS m10000 \gset
SELECT '\m(' || string_agg(term, '|') || ')\M' AS re10000
FROM (SELECT term FROM glossary.entries WHERE category = 'bench40') t \gset
-- a tenth of a document is enough for the 10,000-way alternation
SELECT 1000 * bench.measure(format($$SELECT count(*) FROM bench40.docs, regexp_matches(left(doc, 100000), %L, 'gi') WHERE d = 1$$, :'re10000'), 1) AS re10000_ms \gset
SELECT bench.report('mentions(), 100 MB, 10,000 labels', :m10000,
	'regexp_matches alternation, 100 kB measured x1000', :re10000_ms, '');
SELECT bench.report('mentions(), 100 MB, 10,000 labels', :m10000,
	'strpos(doc, ''zzzz''), 100 MB', :floor_ms, 'within 2.5x');

-- backlinks(): 10,000 entries, each body links three others; one in ten links bench40 entry 1
UPDATE glossary.entries e SET body = format('See [[%s]], [[%s]] and [[%s]].%s',
		(SELECT term FROM bench40.labels WHERE i = 1 + (l.i * 13) % 10000),
		(SELECT term FROM bench40.labels WHERE i = 1 + (l.i * 101) % 10000),
		(SELECT term FROM bench40.labels WHERE i = 1 + (l.i * 7) % 10000),
		CASE WHEN l.i % 10 = 0 THEN format(' Also [[%s]].', (SELECT term FROM bench40.labels WHERE i = 1)) ELSE '' END)
	FROM bench40.labels l WHERE e.slug = l.term;
SELECT term AS top FROM bench40.labels WHERE i = 1 \gset
SELECT count(*) AS links FROM glossary.links;
SELECT count(*) AS top_backlinks FROM glossary.backlinks(:'top');
SELECT bench.measure(format($$SELECT count(*) FROM glossary.backlinks(%L)$$, :'top'), 501) AS bl_ms \gset
SELECT bench.report('backlinks() of the most-linked entry (1,000 backlinks), 10,000 entries', :bl_ms,
	'1 ms', 1.0, 'median under 1 ms');
-- the same answer in SQL: resolve every link's target, keep the entries that link to top
SELECT bench.measure(format($$SELECT count(*) FROM (SELECT DISTINCT l.entry FROM glossary.links l
		WHERE glossary.resolve(l.target) = glossary.resolve(%L)) AS s$$, :'top'), 21) AS bl_sql_ms \gset
SELECT bench.report('backlinks() of the most-linked entry (1,000 backlinks), 10,000 entries', :bl_ms,
	'SQL: resolve() every link target, DISTINCT entries', :bl_sql_ms, '');

DELETE FROM glossary.entries WHERE category = 'bench40';
DELETE FROM glossary.categories WHERE slug = 'bench40';
DROP SCHEMA bench40 CASCADE;
