-- The shipped release catalogue, data/example-releases.jsonl: its shape, its spread, and
-- its recorded verdicts.  Every check below prints the offending lines, so an empty result
-- is a pass; the last queries print the counts for reading.
\getenv abs_srcdir PG_ABS_SRCDIR
\set jsonl :abs_srcdir '/../data/example-releases.jsonl'
CREATE TEMP TABLE raw_lines (line bigint GENERATED ALWAYS AS IDENTITY, doc jsonb NOT NULL);
-- CSV with quote and delimiter bytes that never occur in JSON: one line = one value
COPY raw_lines (doc) FROM :'jsonl' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02');

-- at least 100 releases
SELECT count(*) >= 100 AS at_least_100, count(*) AS releases FROM raw_lines;

-- every line is an object with exactly the documented keys, each of the right JSON type
SELECT line, doc ->> 'name' AS name, k AS problem
FROM raw_lines, LATERAL (
	SELECT 'missing key ' || want AS k
	FROM unnest(ARRAY['name', 'producer', 'released', 'source', 'checked_against', 'card', 'verdict', 'note']) AS want
	WHERE NOT doc ? want
	UNION ALL
	SELECT 'unexpected key ' || have FROM jsonb_object_keys(doc) AS have
	WHERE have NOT IN ('name', 'producer', 'released', 'source', 'checked_against', 'card', 'verdict', 'note')
	UNION ALL
	SELECT 'card is not an object' WHERE jsonb_typeof(doc -> 'card') IS DISTINCT FROM 'object'
	UNION ALL
	SELECT key || ' is not a non-empty string'
	FROM unnest(ARRAY['name', 'producer', 'released', 'source', 'checked_against', 'verdict', 'note']) AS key
	WHERE doc ? key AND (jsonb_typeof(doc -> key) <> 'string' OR doc ->> key = '')
) AS p
WHERE jsonb_typeof(doc) = 'object'
ORDER BY line, problem;

-- names are unique (compared case-insensitively)
SELECT lower(doc ->> 'name') AS name, count(*) FROM raw_lines
GROUP BY 1 HAVING count(*) > 1 ORDER BY 1;

-- released is a year and month from 2019-01 to 2026-12
SELECT line, doc ->> 'name' AS name, doc ->> 'released' AS released FROM raw_lines
WHERE doc ->> 'released' !~ '^20(19|2[0-6])-(0[1-9]|1[0-2])$'
ORDER BY line;

-- every year from 2019 to 2026 has at least one release
SELECT y AS year_without_release FROM generate_series(2019, 2026) AS y
WHERE NOT EXISTS (SELECT FROM raw_lines WHERE left(doc ->> 'released', 4) = y::text);

-- the page the facts were checked against, and the release's own page, are https URLs
SELECT line, doc ->> 'name' AS name, key, doc ->> key AS url
FROM raw_lines, unnest(ARRAY['checked_against', 'source']) AS key
WHERE doc ->> key IS NULL OR doc ->> key !~ '^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/[^[:space:]]*)?$'
ORDER BY line, key;

-- every recorded verdict is a label of glossary.openness ...
SELECT line, doc ->> 'name' AS name, doc ->> 'verdict' AS verdict FROM raw_lines
WHERE doc ->> 'verdict' NOT IN (SELECT unnest(enum_range(NULL::glossary.openness))::text)
ORDER BY line;

-- ... and every label is recorded for at least one release
SELECT v AS verdict_without_release FROM unnest(enum_range(NULL::glossary.openness)) AS v
WHERE NOT EXISTS (SELECT FROM raw_lines WHERE doc ->> 'verdict' = v::text);

-- The README rules, transcribed independently of src/classify.c: the verdict each card's
-- facts give.  A placeholder tag (other, unknown, empty) hands over to weights_license_name;
-- the code licence defaults to the weights licence.
CREATE TEMP VIEW rules AS
SELECT line, doc ->> 'name' AS name, doc ->> 'verdict' AS recorded,
	CASE
		WHEN (card -> 'weights_available') = 'false' THEN 'closed'
		WHEN (card -> 'weights_available') IS DISTINCT FROM 'true' THEN 'unknown'
		WHEN (card -> 'extra_use_policy') = 'true' THEN 'restricted_weights'
		WHEN lic.kind IS NULL THEN 'unknown'
		WHEN lic.kind = 'restricted' THEN 'restricted_weights'
		WHEN (card -> 'code_available') IS DISTINCT FROM 'true'
			OR card ->> 'data_information' IS DISTINCT FROM 'complete' THEN 'open_weights'
		WHEN code.kind IS NULL THEN 'unknown'
		WHEN code.kind = 'osi-approved' THEN 'open_source_ai'
		ELSE 'open_weights'
	END AS by_rules,
	glossary.classify_release(card)::text AS classified
FROM (SELECT line, doc, doc -> 'card' AS card FROM raw_lines) AS r,
	LATERAL (SELECT CASE WHEN lower(coalesce(card ->> 'weights_license', '')) IN ('', 'other', 'unknown')
						 THEN card ->> 'weights_license_name' ELSE card ->> 'weights_license' END AS given) AS g,
	LATERAL (SELECT (glossary.license_info(g.given)).kind) AS lic,
	LATERAL (SELECT (glossary.license_info(coalesce(nullif(card ->> 'code_license', ''), g.given))).kind) AS code;

-- the recorded verdict follows from the facts by the rules (no rows = all do)
SELECT line, name, recorded, by_rules FROM rules WHERE by_rules IS DISTINCT FROM recorded ORDER BY line;

-- classify_release agrees with the recorded verdict on every line (no rows = all agree)
SELECT line, name, recorded, classified FROM rules WHERE classified IS DISTINCT FROM recorded ORDER BY line;

-- explain gives the same verdict, and for every release that is not open source AI it
-- names at least one missing criterion
SELECT line, doc ->> 'name' AS name, e ->> 'verdict' AS explained, e -> 'missing' AS missing
FROM raw_lines, LATERAL glossary.classify_release_explain(doc -> 'card') AS e
WHERE e ->> 'verdict' IS DISTINCT FROM doc ->> 'verdict'
   OR (doc ->> 'verdict' <> 'open_source_ai' AND jsonb_array_length(e -> 'missing') = 0)
ORDER BY line;

-- for reading: releases per verdict and per year
SELECT doc ->> 'verdict' AS verdict, count(*) AS releases FROM raw_lines
GROUP BY 1 ORDER BY min((doc ->> 'verdict')::glossary.openness);
SELECT left(doc ->> 'released', 4) AS year, count(*) AS releases,
	   count(*) FILTER (WHERE doc ->> 'verdict' = 'closed') AS closed
FROM raw_lines GROUP BY 1 ORDER BY 1;

DROP VIEW rules;
DROP TABLE raw_lines;
