-- mof_class on real Model Openness Tool records (test/data/mof/, copied from
-- lfai/model_openness_tool; data/SOURCES.txt), read as YAML through
-- yaml_to_jsonb and as jsonb converted independently (records.jsonl, made
-- with PyYAML), against the class the MOT computes for each (expected.tsv).
\getenv abs_srcdir PG_ABS_SRCDIR
\set tsv :abs_srcdir '/data/mof/expected.tsv'
\set jsonl :abs_srcdir '/data/mof/records.jsonl'
\set dir :abs_srcdir '/data/mof/'

CREATE TEMP TABLE expected AS
SELECT f[1] AS file, f[2]::int AS mot_class, f[3] AS how, f[4] AS mot_path
FROM regexp_split_to_table(pg_read_file(:'tsv'), E'\n') AS line,
	 LATERAL regexp_split_to_array(line, E'\t') AS f
WHERE line !~ '^(#|$)';
CREATE TEMP TABLE records AS
SELECT e.*, glossary.yaml_to_jsonb(pg_read_file(:'dir' || e.file)) AS from_yaml, j.record AS from_json
FROM expected e
LEFT JOIN (SELECT l::jsonb ->> 'file' AS file, l::jsonb -> 'record' AS record
		   FROM regexp_split_to_table(pg_read_file(:'jsonl'), E'\n') AS l WHERE l <> '') j USING (file);

-- 29 model records and 7 of the MOT's own test files
SELECT how, count(*) AS records, count(from_json) AS with_json FROM records GROUP BY how ORDER BY how;
-- yaml_to_jsonb reads every record as PyYAML does (differences: none)
SELECT file FROM records WHERE from_yaml IS DISTINCT FROM from_json;

-- the class of every record, both ways, and the MOT's
SELECT file, mot_class, glossary.mof_class(from_yaml) AS from_yaml, glossary.mof_class(from_json) AS from_json,
	glossary.mof_class(from_yaml) = mot_class AND glossary.mof_class(from_json) = mot_class AS agrees
FROM records ORDER BY mot_class DESC, file;
-- disagreements with the MOT (none; README "Model Openness Framework class" lists
-- the rules where the two could differ, and test/sql/mof_rules.sql shows each)
SELECT file FROM records WHERE glossary.mof_class(from_yaml) <> mot_class;
SELECT mot_class, count(*) FROM records GROUP BY mot_class ORDER BY mot_class;

-- why: the last row of mof_explain for each record
SELECT r.file, x.class_reached, x.note
FROM records r, LATERAL glossary.mof_explain(r.from_yaml) x
WHERE x.component IS NULL ORDER BY x.class_reached DESC, r.file;

-- one record in full: OLMo-7B, Class I with the distribution licence for all
-- but the research paper
SELECT component, content_type, required_for, required, present, license, license_from, license_id,
	acceptable, type_appropriate, class_reached, note
FROM glossary.mof_explain((SELECT from_yaml FROM records WHERE file = 'OLMo-7B.yml'));
-- Polyglot-Ko: Class II; Class I wants its datasets and intermediate checkpoints
SELECT component, present, license, license_from, acceptable, note
FROM glossary.mof_explain((SELECT from_yaml FROM records WHERE file = 'Polyglot-Ko.yml'))
WHERE required_for = 1 OR component IS NULL;
-- Llama-2-7B: its weights are under the Llama 2 licence
SELECT component, present, license, license_id, acceptable, note
FROM glossary.mof_explain((SELECT from_yaml FROM records WHERE file = 'Llama-2-7B.yml'))
WHERE required_for = 3 OR component IS NULL;
-- type_strict: the classes when only the licence type the MOF recommends counts
SELECT file, mot_class, glossary.mof_class(from_yaml, true) AS type_strict
FROM records WHERE mot_class > 0 ORDER BY mot_class DESC, file;
