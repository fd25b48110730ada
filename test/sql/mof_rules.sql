-- mof_class and mof_explain, rule by rule, on records built from the 17
-- components; and the rules where the class could differ from the Model
-- Openness Tool's, each shown with the MOT's answer as its code gives it.

-- the components, in the order mof_explain lists them
SELECT * FROM glossary.mof_components();
SELECT p.proname, p.provolatile, p.proparallel, p.proisstrict
FROM pg_proc p WHERE p.pronamespace = 'glossary'::regnamespace
	AND p.proname IN ('yaml_to_jsonb', 'mof_class', 'mof_explain', 'mof_components') ORDER BY 1;

-- a record with every component but those in "without", under the global licences
-- "license", with the component licences in "own" (name -> licence, null allowed)
CREATE FUNCTION pg_temp.rec(without text[] DEFAULT '{}',
	license jsonb DEFAULT '{"distribution": {"name": "Apache-2.0", "path": ""}}',
	own jsonb DEFAULT '{}') RETURNS jsonb
LANGUAGE sql AS $$
	SELECT jsonb_build_object('release', jsonb_build_object('name', 'test', 'version', '1',
		'producer', 'glossary', 'license', license, 'components',
		coalesce((SELECT jsonb_agg(CASE WHEN own ? c.component
				THEN jsonb_build_object('name', c.component, 'license', own -> c.component)
				ELSE jsonb_build_object('name', c.component) END ORDER BY c.mot_id)
			FROM glossary.mof_components() c WHERE c.component <> ALL (without)), '[]')))
$$;

-- cumulative classes
SELECT t.case, glossary.mof_class(t.r) AS class FROM (VALUES
	('all 17 under Apache-2.0', pg_temp.rec()),
	('without the 3 optional ones', pg_temp.rec('{Sample model outputs,Supporting libraries and tools,Model metadata}')),
	('without Datasets (Class I)', pg_temp.rec('{Datasets}')),
	('without Model parameters (Intermediate)', pg_temp.rec('{Model parameters (Intermediate)}')),
	('without Training code (Class II)', pg_temp.rec('{Training code}')),
	('without Evaluation data (Class II)', pg_temp.rec('{Evaluation data}')),
	('without Model card (Class III)', pg_temp.rec('{Model card}')),
	('without Model parameters (Final)', pg_temp.rec('{Model parameters (Final)}')),
	('Class I items only, no Class III', pg_temp.rec('{Model architecture,Model parameters (Final),Evaluation results,Model card,Data card,Technical report}')),
	('no components', pg_temp.rec((SELECT array_agg(component) FROM glossary.mof_components()))),
	('no licence at all', pg_temp.rec(license => '{}')),
	('release.license null', pg_temp.rec(license => 'null'))) AS t("case", r);

-- the technical report may be replaced by the research paper, which must itself count
SELECT t.case, glossary.mof_class(t.r) AS class FROM (VALUES
	('no technical report, open research paper', pg_temp.rec('{Technical report}')),
	('no technical report, no research paper', pg_temp.rec('{Technical report,Research paper}')),
	('no technical report, research paper unlicensed', pg_temp.rec('{Technical report}', own => '{"Research paper": "unlicensed"}')),
	('no technical report, research paper under arXiv''s licence', pg_temp.rec('{Technical report}', own => '{"Research paper": "arXiv.org perpetual non-exclusive license 1.0"}')),
	('technical report not open, research paper open', pg_temp.rec(own => '{"Technical report": "CC-BY-NC-4.0"}')),
	('technical report open, no research paper', pg_temp.rec('{Research paper}'))) AS t("case", r);
SELECT component, present, acceptable, note FROM glossary.mof_explain(pg_temp.rec('{Technical report}'))
WHERE component IN ('Technical report', 'Research paper') OR component IS NULL;

-- where a component's licence comes from: its own, else the release's for its
-- content type, else the distribution licence; "unlicensed" and "" stop there
SELECT t.case, x.license, x.license_from, x.license_id, x.acceptable
FROM (VALUES
	('own licence first', pg_temp.rec(own => '{"Model card": "CC-BY-4.0"}')),
	('release licence for documents', pg_temp.rec(license => '{"distribution": {"name": "MIT"}, "document": {"name": "CC-BY-SA-4.0"}}')),
	('distribution licence', pg_temp.rec(license => '{"distribution": {"name": "MIT"}, "code": {"name": "BSD-3-Clause"}}')),
	('empty document name: distribution', pg_temp.rec(license => '{"distribution": {"name": "MIT"}, "document": {"name": ""}}')),
	('null document name: distribution', pg_temp.rec(license => '{"distribution": {"name": "MIT"}, "document": {"name": null}}')),
	('document without name: distribution', pg_temp.rec(license => '{"distribution": {"name": "MIT"}, "document": {"path": "x"}}')),
	('document "unlicensed": no fallback', pg_temp.rec(license => '{"distribution": {"name": "MIT"}, "document": {"name": "unlicensed"}}')),
	('own "unlicensed": no fallback', pg_temp.rec(own => '{"Model card": "unlicensed"}')),
	('own "Unlicensed": no fallback', pg_temp.rec(own => '{"Model card": "Unlicensed"}')),
	('own "": no fallback', pg_temp.rec(own => '{"Model card": ""}')),
	('own null: fallback', pg_temp.rec(own => '{"Model card": null}')),
	('own "other" (a placeholder): not stated', pg_temp.rec(own => '{"Model card": "other"}')),
	('own "Unlicense" is The Unlicense', pg_temp.rec(own => '{"Model card": "Unlicense"}')),
	('own "Component not included"', pg_temp.rec(own => '{"Model card": "Component not included"}')),
	('own "pending"', pg_temp.rec(own => '{"Model card": "pending"}')),
	('own restricted licence', pg_temp.rec(own => '{"Model card": "CC-BY-NC-4.0"}')),
	('spelling variant', pg_temp.rec(own => '{"Model card": "Creative Commons Attribution 4.0"}')),
	('unknown global keys are ignored', pg_temp.rec(license => '{"distribution": {"name": "MIT"}, "weights": {"name": "Llama 2"}}'))
	) AS t("case", r),
	LATERAL glossary.mof_explain(t.r) x
WHERE x.component = 'Model card';

-- restricted licences block: weights under Llama 2, datasets non-commercial
SELECT glossary.mof_class(pg_temp.rec(own => '{"Model parameters (Final)": "Llama 2 Community License"}')) AS llama_weights,
	glossary.mof_class(pg_temp.rec(own => '{"Datasets": "CC-BY-NC-4.0"}')) AS nc_datasets,
	glossary.mof_class(pg_temp.rec(own => '{"Evaluation code": "Llama 3.1"}')) AS llama_eval_code,
	glossary.mof_class(pg_temp.rec(own => '{"Model metadata": "Llama 3.1"}')) AS restricted_optional;

-- type_strict: only the licence type the MOF recommends counts (OSI-approved for
-- code, open-data or open-content for data and documents, OpenMDW for all)
SELECT t.case, glossary.mof_class(t.r) AS class, glossary.mof_class(t.r, true) AS type_strict FROM (VALUES
	('Apache-2.0 for everything', pg_temp.rec()),
	('by type', pg_temp.rec(license => '{"code": {"name": "Apache-2.0"}, "data": {"name": "CDLA-Permissive-2.0"}, "document": {"name": "CC-BY-4.0"}}')),
	('by type, Apache-2.0 on the weights', pg_temp.rec(license => '{"code": {"name": "Apache-2.0"}, "data": {"name": "CDLA-Permissive-2.0"}, "document": {"name": "CC-BY-4.0"}}', own => '{"Model parameters (Final)": "Apache-2.0"}')),
	('by type, CC-BY-4.0 on the training code', pg_temp.rec(license => '{"code": {"name": "Apache-2.0"}, "data": {"name": "CDLA-Permissive-2.0"}, "document": {"name": "CC-BY-4.0"}}', own => '{"Training code": "CC-BY-4.0"}')),
	('OpenMDW-1.0 for everything', pg_temp.rec(license => '{"distribution": {"name": "OpenMDW-1.0"}}'))) AS t("case", r);
SELECT component, acceptable, type_appropriate, note
FROM glossary.mof_explain(pg_temp.rec(own => '{"Model parameters (Final)": "Apache-2.0"}'), true)
WHERE component = 'Model parameters (Final)' OR component IS NULL;

-- component names: the MOT's spelling, ASCII case ignored
SELECT glossary.mof_class('{"release": {"license": {"distribution": {"name": "MIT"}}, "components": [
	{"name": "model ARCHITECTURE"}, {"name": "Model Parameters (final)"}, {"name": "evaluation results"},
	{"name": "MODEL CARD"}, {"name": "Data Card"}, {"name": "technical report"}]}}') AS any_case;
-- fields the class does not use are not read: any type is accepted there
SELECT glossary.mof_class('{"framework": 5, "release": {"name": [1], "version": {}, "producer": true,
	"license": {"distribution": {"name": "MIT", "path": 7}}, "components": [{"name": "Model architecture", "description": 1, "license_path": []}]}}') AS other_fields_ignored;

-- Where the class could differ from the MOT's.  None of the 36 records in
-- mof_records does; these records are made to show each rule.  "mot" is the
-- class the MOT's code gives (ModelEvaluator.php, LicenseHandler.php).
SELECT t.case, glossary.mof_class(t.r) AS ours, t.mot, t.why FROM (VALUES
	('licence spelt "Apache 2.0"', pg_temp.rec(license => '{"distribution": {"name": "Apache 2.0"}}'), 0,
	 'the MOT compares SPDX ids exactly; the licence table knows common spellings'),
	('licence spelt "mit"', pg_temp.rec(license => '{"distribution": {"name": "mit"}}'), 0,
	 'the same, case'),
	('datasets under PDDL-1.0', pg_temp.rec(own => '{"Datasets": "PDDL-1.0"}'), 2,
	 'the MOT''s open-data list writes ODC-PDDL-1.0, SPDX PDDL-1.0, so the SPDX id is not open there'),
	('code under WTFPL (FSF-libre only)', pg_temp.rec(own => '{"Model architecture": "WTFPL"}'), 1,
	 'both count it: the MOT counts every FSF-libre licence, the table has the kind fsf-libre from the SPDX list'),
	('code under Apache-1.0 (FSF-libre only)', pg_temp.rec(own => '{"Model architecture": "Apache-1.0"}'), 1,
	 'the same'),
	('GPL-2.0 under its deprecated id', pg_temp.rec(own => '{"Model architecture": "GPL-2.0"}'), 1,
	 'both count it: SPDX still lists the deprecated id as OSI-approved, the table maps it to GPL-2.0-only')
	) AS t("case", r, mot, why);
-- per component, without changing a class: the MOT's test file RandomTestFile
-- gives its data card SMLNJ (FSF-libre: counted by the MOT and here, a conditional pass)
SELECT component, license, acceptable, note FROM glossary.mof_explain('{"release": {"components": [{"name": "Data card", "license": "SMLNJ"}]}}')
WHERE component = 'Data card';
