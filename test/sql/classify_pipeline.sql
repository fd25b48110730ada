-- The README pipeline on the shipped data/example-releases.jsonl: COPY a JSON Lines file
-- of model cards, keep the verdict in a generated column, group by verdict, and list
-- the reasons for the restricted ones.
\getenv abs_srcdir PG_ABS_SRCDIR
\set jsonl :abs_srcdir '/../data/example-releases.jsonl'
CREATE TABLE raw_cards (doc jsonb NOT NULL);
-- CSV with quote and delimiter bytes that never occur in JSON: one line = one value
COPY raw_cards (doc) FROM :'jsonl' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02');

CREATE TABLE releases (
	name	text PRIMARY KEY,
	producer text NOT NULL,
	released text NOT NULL,
	expected glossary.openness NOT NULL,
	card	jsonb NOT NULL,
	verdict glossary.openness GENERATED ALWAYS AS (glossary.classify_release(card)) STORED
);
INSERT INTO releases (name, producer, released, expected, card)
SELECT doc ->> 'name', doc ->> 'producer', doc ->> 'released', (doc ->> 'verdict')::glossary.openness, doc -> 'card'
FROM raw_cards;

SELECT verdict, count(*), count(*) FILTER (WHERE verdict = expected) AS as_recorded,
	   min(left(released, 4)) AS first, max(left(released, 4)) AS last
FROM releases GROUP BY verdict ORDER BY verdict;

SELECT name, e #>> '{license,id}' AS license, e -> 'missing' AS missing, e ->> 'reason' AS reason
FROM releases, glossary.classify_release_explain(card) AS e
WHERE verdict = 'restricted_weights'
ORDER BY name;

-- what keeps the open-weights releases from open source AI
SELECT name, e -> 'missing' AS missing
FROM releases, glossary.classify_release_explain(card) AS e
WHERE verdict = 'open_weights'
ORDER BY name;

DROP TABLE raw_cards, releases;
