-- The licence table generated from data/licenses.tsv and the SPDX list: every line of
-- the TSV and every spelling resolves through license_info, case and spacing variants
-- too.  Every SPDX identifier is walked by test/t/180_spdx_licences.pl.
\getenv abs_srcdir PG_ABS_SRCDIR
\set tsv :abs_srcdir '/../data/licenses.tsv'
CREATE TEMP TABLE tsv AS
SELECT f[1] AS id, f[2] AS name, f[3] AS kind, f[4] AS restrictions, f[5] AS spellings, f[6] AS source
FROM regexp_split_to_table(pg_read_file(:'tsv'), E'\n') AS line,
	 LATERAL regexp_split_to_array(line, E'\t') AS f
WHERE line !~ '^\s*(#|$)';

SELECT count(*) AS licences, count(*) FILTER (WHERE kind = 'osi-approved') AS osi_approved,
	   count(*) FILTER (WHERE kind = 'open-data') AS open_data,
	   count(*) FILTER (WHERE kind = 'restricted') AS restricted
FROM tsv;
-- licenses() lists every line of the file (and the SPDX licences the file lacks), with the same facts
SELECT (SELECT count(*) FROM glossary.licenses() JOIN tsv USING (id)) = (SELECT count(*) FROM tsv) AS every_line;
SELECT t.id FROM tsv t LEFT JOIN glossary.licenses() l USING (id)
WHERE l.id IS NULL OR l.name <> t.name OR l.kind <> t.kind OR l.source <> t.source
   OR (SELECT array_agg(r ORDER BY r) FROM unnest(l.restrictions) AS r)
	  IS DISTINCT FROM (SELECT array_agg(r ORDER BY r) FROM unnest(string_to_array(nullif(t.restrictions, '-'), ',')) AS r);

-- every spelling of every line (id, name, extra spellings) resolves to its line
CREATE TEMP TABLE spellings AS
SELECT id, s AS spelling FROM tsv, LATERAL unnest(ARRAY[id, name] || CASE WHEN spellings = '-' THEN '{}'::text[] ELSE string_to_array(spellings, '|') END) AS s;
SELECT count(*) AS spellings FROM spellings;
SELECT id, spelling, (glossary.license_info(spelling)).id AS got FROM spellings
WHERE (glossary.license_info(spelling)).id IS DISTINCT FROM id;
-- ... in upper case, lower case, with underscores, and padded with blanks
SELECT id, spelling FROM spellings
WHERE (glossary.license_info(upper(spelling))).id IS DISTINCT FROM id
   OR (glossary.license_info(lower(spelling))).id IS DISTINCT FROM id
   OR (glossary.license_info(replace(spelling, '-', '_'))).id IS DISTINCT FROM id
   OR (glossary.license_info('  ' || spelling || E'\t')).id IS DISTINCT FROM id;

-- restricted licences carry their flags; open ones carry none
SELECT kind, count(*) FILTER (WHERE cardinality(restrictions) > 0) AS with_flags, count(*) AS total
FROM glossary.licenses() GROUP BY kind ORDER BY kind;
SELECT flag, meaning FROM glossary.license_restrictions();
-- every flag in use is a known one
SELECT DISTINCT r FROM glossary.licenses(), unnest(restrictions) AS r
WHERE r NOT IN (SELECT flag FROM glossary.license_restrictions());

-- the spellings of the issue and of openness.md, one per line
SELECT s, (glossary.license_info(s)).id, (glossary.license_info(s)).kind
FROM unnest(ARRAY['Apache-2.0', 'apache-2.0', 'Apache 2.0', 'Apache License 2.0', 'Apache License, Version 2.0',
	'APACHE_2.0', 'Apache License v2.0', 'MIT License', 'The MIT License', 'BSD 3-Clause', 'GPL v3', 'GPLv3', 'gpl-3.0+',
	'Llama 3.1 Community License', 'llama3.1', 'Llama-3.1', 'Meta Llama 3 Community License Agreement', 'llama2',
	'Llama 4 Community License Agreement', 'Gemma Terms of Use', 'gemma', 'CC BY-NC 4.0', 'cc-by-nc-4.0',
	'Creative Commons Attribution 4.0', 'CC BY-SA 4.0', 'CC0', 'CDLA-Permissive-2.0', 'OpenMDW', 'openmdw-1.1',
	'ODC-By', 'odbl', 'pddl', 'bigscience-bloom-rail-1.0', 'BigCode OpenRAIL-M v1', 'creativeml-openrail-m',
	'openrail++', 'openrail', 'qwen', 'Qwen License Agreement', 'tongyi-qianwen', 'qwen-research',
	'tongyi-qianwen-research', 'qwen-community-1.0', 'deepseek', 'deepseek-license', 'DeepSeek License Agreement',
	'falcon-180b-license', 'tii-falcon-llm', 'mrl', 'MRL-0.1', 'mnpl', 'stabilityai-ai-community', 'yi-license',
	'modified-mit', 'Databricks Open Model License', 'nvidia-open-model-license', 'apple-ascl', 'apple-amlr',
	'fair-noncommercial-research-license', 'intel-research', 'h-research', 'grok2-community',
	'deepfloyd-if-license', 'lgpl-lr', 'c-uda', 'etalab-2.0']) AS s;

-- not licences: placeholders, families without a version, garbage
SELECT left(s, 20) AS s, length(s), glossary.license_info(s) IS NULL AS not_recognised
FROM unnest(ARRAY['other', 'unknown', 'OTHER', '', ' ', 'license', 'the licence', 'gpl', 'lgpl', 'bsd', 'cc',
	'apache', 'llama', 'creative commons', 'mit2', 'apache-2.0-or-later',
	repeat('a', 2000)]) AS s;
-- FSF-libre licences that are not OSI-approved are known since the SPDX list (kind fsf-libre)
SELECT s, (glossary.license_info(s)).id, (glossary.license_info(s)).kind
FROM unnest(ARRAY['wtfpl', 'bsd-3-clause-clear', 'Apache-1.0']) AS s;
SELECT glossary.license_info(NULL) IS NULL AS strict;

-- a row in full
SELECT * FROM glossary.license_info('Llama 3.2 Community License');
SELECT * FROM glossary.license_info('Apache 2.0');
