-- mentions() against a regular expression: on text where the two agree by
-- definition (single-word labels of letters and digits; words separated by
-- spaces, commas, full stops, hyphens, brackets and "'s"), mentions() finds
-- exactly the whole-word, case-insensitive matches of one alternation of all
-- labels, in the same order.  Labels of one to eight characters, so that the
-- scanner's word-start filter (one to four leading symbols) is exercised at
-- every length, and text words that share prefixes with labels.
SET client_min_messages = warning;
INSERT INTO glossary.categories (slug, title) VALUES ('crosscheck', 'Cross-check');
-- 400 labels from a letter set without "s" (no label is another's plural)
CREATE TEMP TABLE cc_labels AS
	SELECT DISTINCT ON (w) i, w FROM (
		SELECT i, left(translate(md5('cc' || i), '0123456789abcdef', 'aeioulmntrkdbcgp'), 1 + i % 8) AS w
		FROM generate_series(1, 700) AS i) AS x
	ORDER BY w, i;
DELETE FROM cc_labels WHERE i > (SELECT i FROM cc_labels ORDER BY i OFFSET 399 LIMIT 1);
INSERT INTO glossary.entries (slug, term, category, summary)
	SELECT 'cc-' || i, w, 'crosscheck', 'A label.' FROM cc_labels;
SELECT count(*) AS labels, min(length(w)) AS shortest, max(length(w)) AS longest FROM cc_labels;

-- 20 documents of 1,000 words: English words, labels (one in six, in three
-- spellings of case), and label prefixes and extensions that are not labels
CREATE TEMP TABLE cc_words AS
	SELECT row_number() OVER () AS n, w FROM unnest(string_to_array(
		'the of and to in is that for it as was with be by on not he this are or from at which but '
		'have an they you were her she there been one all we their has would when if so no what up '
		'model weights data open release license agent a i o x', ' ')) AS w;
CREATE TEMP TABLE cc_docs AS
	SELECT d, string_agg(
		CASE WHEN k % 6 = 0 THEN
			CASE k % 18 WHEN 0 THEN upper(l.w) WHEN 6 THEN initcap(l.w) ELSE l.w END
		WHEN k % 11 = 0 THEN l.w || 'q'
		WHEN k % 13 = 0 THEN left(l.w, length(l.w) - 1) || 'z'
		ELSE cw.w END
		|| (ARRAY[' ', ' ', ' ', ', ', '. ', '-', ' (', ') ', '''s '])[1 + (k * 7 + d) % 9],
		'' ORDER BY k) AS doc
	FROM generate_series(1, 20) AS d
	CROSS JOIN generate_series(1, 1000) AS k
	JOIN cc_labels l ON l.i = (SELECT i FROM cc_labels ORDER BY i OFFSET (k * 31 + d * 17) % 400 LIMIT 1)
	JOIN cc_words cw ON cw.n = 1 + (k * 13 + d) % (SELECT count(*) FROM cc_words)
	GROUP BY d;

SELECT '\m(' || string_agg(w, '|' ORDER BY length(w) DESC, w) || ')\M' AS re FROM cc_labels \gset
CREATE TEMP TABLE cc_found AS
	SELECT d,
		ARRAY(SELECT lower(m."text") FROM glossary.mentions(doc) AS m ORDER BY m."position") AS by_mentions,
		ARRAY(SELECT lower(r[1]) FROM regexp_matches(doc, :'re', 'gi') AS r) AS by_regex
	FROM cc_docs;
-- the check is not vacuous: thousands of matches of labels of every length
SELECT sum(cardinality(by_regex)) > 2000 AS many_matches,
	(SELECT count(DISTINCT length(x)) FROM cc_found, unnest(by_regex) AS x) AS label_lengths_matched
FROM cc_found;
-- documents where the two differ: none
SELECT d, cardinality(by_mentions) AS mentions, cardinality(by_regex) AS regex
FROM cc_found WHERE by_mentions IS DISTINCT FROM by_regex ORDER BY d;

DELETE FROM glossary.entries WHERE category = 'crosscheck';
DELETE FROM glossary.categories WHERE slug = 'crosscheck';
