-- mof_class and mof_explain on records of the wrong shape: a clear error
-- naming the field, or a documented class; never a crash.
\set VERBOSITY default

-- not an object, no release, release not an object
SELECT glossary.mof_class('[]');
SELECT glossary.mof_class('"OLMo"');
SELECT glossary.mof_class('null');
SELECT glossary.mof_class('{}');
SELECT glossary.mof_class('{"name": "OLMo", "components": []}');
SELECT glossary.mof_class('{"release": null}');
SELECT glossary.mof_class('{"release": []}');
SELECT glossary.mof_class('{"release": "OLMo"}');
-- an empty release has no components: unclassified
SELECT glossary.mof_class('{"release": {}}') AS empty_release,
	glossary.mof_class('{"release": {"components": null, "license": null}}') AS nulls;
-- NULL in, NULL out (STRICT); a NULL type_strict too
SELECT glossary.mof_class(NULL) IS NULL AS null_record, glossary.mof_class('{"release": {}}', NULL) IS NULL AS null_flag;
SELECT count(*) AS explain_rows_for_null FROM glossary.mof_explain(NULL);

-- release.license and its parts
SELECT glossary.mof_class('{"release": {"license": "Apache-2.0"}}');
SELECT glossary.mof_class('{"release": {"license": ["Apache-2.0"]}}');
SELECT glossary.mof_class('{"release": {"license": {"distribution": "Apache-2.0"}}}');
SELECT glossary.mof_class('{"release": {"license": {"code": 5}}}');
SELECT glossary.mof_class('{"release": {"license": {"data": {"name": 2.0}}}}');
SELECT glossary.mof_class('{"release": {"license": {"document": {"name": ["CC-BY-4.0"]}}}}');
SELECT glossary.mof_class('{"release": {"license": {"distribution": {"name": true}}}}');

-- release.components and each component
SELECT glossary.mof_class('{"release": {"components": {"name": "Datasets"}}}');
SELECT glossary.mof_class('{"release": {"components": "Datasets"}}');
SELECT glossary.mof_class('{"release": {"components": ["Datasets"]}}');
SELECT glossary.mof_class('{"release": {"components": [null]}}');
SELECT glossary.mof_class('{"release": {"components": [{"name": "Datasets"}, [1]]}}');
SELECT glossary.mof_class('{"release": {"components": [{"description": "no name"}]}}');
SELECT glossary.mof_class('{"release": {"components": [{"name": null}]}}');
SELECT glossary.mof_class('{"release": {"components": [{"name": 9}]}}');
SELECT glossary.mof_class('{"release": {"components": [{"name": "Datasets", "license": 1}]}}');
SELECT glossary.mof_class('{"release": {"components": [{"name": "Datasets", "license": {"name": "MIT"}}]}}');
SELECT glossary.mof_class('{"release": {"components": [{"name": "Datasets", "license": ["MIT"]}]}}');
SELECT glossary.mof_class('{"release": {"components": [{"name": "Datasets", "license": false}]}}');
-- unknown names: a typo gets a suggestion, anything else the list's function
SELECT glossary.mof_class('{"release": {"components": [{"name": "Model archtecture"}]}}');
SELECT glossary.mof_class('{"release": {"components": [{"name": "Datasets"}, {"name": "Weights"}]}}');
SELECT glossary.mof_class('{"release": {"components": [{"name": "MOF configuration file"}]}}');
SELECT glossary.mof_class('{"release": {"components": [{"name": " Datasets"}]}}');
SELECT glossary.mof_class(jsonb_build_object('release', jsonb_build_object('components',
	jsonb_build_array(jsonb_build_object('name', repeat('x', 100000))))));
-- a component listed twice
SELECT glossary.mof_class('{"release": {"components": [{"name": "Datasets"}, {"name": "Model card"}, {"name": "datasets", "license": "MIT"}]}}');

-- 10,000 components: the 18th repeats one of the 17
SELECT glossary.mof_class(jsonb_build_object('release', jsonb_build_object('components',
	(SELECT jsonb_agg(jsonb_build_object('name', c.component, 'license', 'MIT'))
	 FROM generate_series(1, 10000) i, LATERAL (SELECT component FROM glossary.mof_components() OFFSET (i - 1) % 17 LIMIT 1) c))));
-- 10,000 unknown ones: the first is named
SELECT glossary.mof_class(jsonb_build_object('release', jsonb_build_object('components',
	(SELECT jsonb_agg(jsonb_build_object('name', 'component ' || i)) FROM generate_series(1, 10000) i))));
-- and the same as YAML, through yaml_to_jsonb
SELECT glossary.mof_class(glossary.yaml_to_jsonb(E'release:\n  components:\n' ||
	(SELECT string_agg(E'    - name: Datasets\n      license: MIT', E'\n') FROM generate_series(1, 10000))));
-- huge text in the fields that are read: a licence of 1 MB is not one the table knows
SELECT glossary.mof_class(jsonb_build_object('release', jsonb_build_object('license',
	jsonb_build_object('distribution', jsonb_build_object('name', repeat('MIT ', 250000))),
	'components', '[{"name": "Model architecture"}]'::jsonb))) AS huge_licence;
SELECT note FROM glossary.mof_explain(jsonb_build_object('release', jsonb_build_object('components',
	jsonb_build_array(jsonb_build_object('name', 'Model architecture', 'license', repeat('MIT ', 250000))))))
WHERE component = 'Model architecture';

-- YAML records: broken YAML and its position, a record of the wrong shape
SELECT glossary.mof_class(glossary.yaml_to_jsonb(E'release:\n  name: x\n  components:\n    - name: Datasets\n     license: MIT\n'));
SELECT glossary.mof_class(glossary.yaml_to_jsonb(E'release:\n  components:\n    - name: Datasets\n    - name: Datasets\n'));
SELECT glossary.mof_class(glossary.yaml_to_jsonb(E'release:\n  components:\n    name: Datasets\n'));
SELECT glossary.mof_class(glossary.yaml_to_jsonb(E'release:\n  license: 2.0\n'));
-- an unquoted number as a licence is a number, and refused as one
SELECT glossary.mof_class(glossary.yaml_to_jsonb(E'release:\n  components:\n    - name: Datasets\n      license: 2.0\n'));
-- the empty YAML document is null, not a record
SELECT glossary.mof_class(glossary.yaml_to_jsonb(''));
-- explain raises the same errors
SELECT * FROM glossary.mof_explain('{"release": {"components": [{"name": "Model card"}, {"name": "Model card"}]}}');
