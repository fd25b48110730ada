-- MOF class: mof_class (C) on 1,000,000 Model Openness Tool records of 17
-- components each, against a query that only reads their component names
-- (jsonb_array_elements, -> 'name'), and, for context, against counting them
-- (jsonb_array_length: little more than detoasting each record).
\if :{?rows}
\else
\set rows 1000000
\endif
\timing off

-- 101 component lists: all 17 components with the MOT's descriptions and a
-- licence per component drawn from spellings seen in MOT records (none, unlicensed,
-- SPDX ids, names, restricted, unknown), so that every class occurs
CREATE UNLOGGED TABLE bench.mof_component_lists (variant integer, components jsonb);
INSERT INTO bench.mof_component_lists
SELECT v, jsonb_agg(CASE WHEN lic IS NULL THEN jsonb_build_object('name', c.component, 'description', 'The ' || lower(c.component) || ' of the model, as released by its producer')
	ELSE jsonb_build_object('name', c.component, 'description', 'The ' || lower(c.component) || ' of the model, as released by its producer',
		'license', lic, 'license_path', 'https://example.org/' || v || '/LICENSE') END ORDER BY c.mot_id)
FROM generate_series(0, 100) AS v, glossary.mof_components() AS c,
	LATERAL (SELECT CASE WHEN v < 30 THEN NULL
		WHEN v < 40 THEN CASE WHEN c.component IN ('Datasets', 'Model parameters (Intermediate)') THEN 'unlicensed' END
		ELSE (ARRAY[NULL, 'unlicensed', 'Apache-2.0', 'MIT', 'CC-BY-4.0', 'Apache 2.0', 'CDLA-Permissive-2.0',
			'Llama 2 Community License', 'CC-BY-NC-4.0', 'BSD-3', 'arXiv.org perpetual non-exclusive license 1.0'])[1 + (v * 7 + c.mot_id * (v % 5)) % 11] END AS lic) l
GROUP BY v;

CREATE UNLOGGED TABLE bench.mof_records (id integer, record jsonb);
INSERT INTO bench.mof_records
SELECT i, jsonb_build_object(
	'framework', jsonb_build_object('name', 'Model Openness Framework', 'version', '1.0', 'date', '2024-12-15'),
	'release', jsonb_build_object('name', 'model-' || i, 'version', (i % 70) || 'B', 'date', '2025-05-16',
		'type', 'language', 'architecture', 'transformer', 'producer', 'Producer ' || (i % 500), 'contact', '',
		'license', (ARRAY['{"distribution": {"name": "Apache-2.0", "path": ""}}',
			'{"code": {"name": "MIT", "path": ""}, "data": {"name": "CDLA-Permissive-2.0", "path": ""}, "document": {"name": "CC-BY-4.0", "path": ""}}',
			'{}', '{"distribution": {"name": "Llama 3.1 Community License", "path": ""}}'])[1 + i % 4]::jsonb,
		'components', l.components))
FROM generate_series(1, :rows) AS i JOIN bench.mof_component_lists l ON l.variant = i % 101;
VACUUM ANALYZE bench.mof_records;
SELECT pg_size_pretty(pg_table_size('bench.mof_records')) AS table_size, :rows AS rows,
	(SELECT avg(pg_column_size(record))::int FROM bench.mof_records WHERE id <= 10000) AS avg_stored_bytes,
	(SELECT avg(length(record::text))::int FROM bench.mof_records WHERE id <= 10000) AS avg_text_bytes;
SELECT glossary.mof_class(record) AS class, count(*) FROM bench.mof_records GROUP BY 1 ORDER BY 1;

SELECT bench.measure($q$SELECT sum(glossary.mof_class(record)) FROM bench.mof_records$q$) AS c_ms \gset
SELECT bench.measure($q$SELECT sum((SELECT count(c -> 'name') FROM jsonb_array_elements(record -> 'release' -> 'components') AS c))
	FROM bench.mof_records$q$) AS names_ms \gset
SELECT bench.measure($q$SELECT sum(jsonb_array_length(record -> 'release' -> 'components')) FROM bench.mof_records$q$) AS length_ms \gset

SELECT bench.report('mof_class (C), ' || :rows || ' records of 17 components', :c_ms,
					'read the component names (jsonb_array_elements, -> ''name'')', :names_ms, 'within 3x') \g /dev/null
SELECT bench.report('mof_class (C), ' || :rows || ' records of 17 components', :c_ms,
					'count the components (jsonb_array_length)', :length_ms, '(context: the cost of detoasting)') \g /dev/null
