-- glossary.yaml_to_jsonb: YAML scalars, lists and mappings as jsonb, on the
-- loader's reader (its limits and its refusals), errors at line and column.
\set VERBOSITY default

-- plain scalars take JSON types after YAML 1.2's core schema
SELECT s, glossary.yaml_to_jsonb(s) AS j, jsonb_typeof(glossary.yaml_to_jsonb(s)) AS type
FROM unnest(ARRAY['~', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'FALSE',
	'0', '-0', '42', '+42', '-17', '3.14', '1.50', '1.', '.5', '-.5', '1e3', '2.5E-3', '-2e+3',
	'0x1F', '0o17', '123456789012345678901234567890',
	-- these stay strings: 1.1's booleans, leading zeros, infinities, dates, versions
	'yes', 'no', 'on', 'off', 'y', '007', '01.5', '0x', '0o9', '0b101', '.inf', '-.inf', '.nan',
	'2024-12-15', '1.0.2', '7B', '1e', 'e3', '1_000', '0xFFFFFFFFFFFFFFFFFF', 'truely', 'nulls']) AS s;

-- quoted and block scalars are strings, whatever they look like
SELECT glossary.yaml_to_jsonb(E'a: "true"\nb: ''42''\nc: "null"\nd: ''''\ne: |\n  1.5\nf: >\n  false\n') AS quoted;
-- an empty value is null, an empty quoted value the empty string
SELECT glossary.yaml_to_jsonb(E'a:\nb: ""\nc: [a, ]\nd: {e: }\n') AS empty_values;
-- keys are always their text; the order of keys is jsonb's
SELECT glossary.yaml_to_jsonb(E'true: 1\n2: b\nnull: c\n~: d\n1.5: e\n') AS text_keys;
-- nesting, flow and block style alike
SELECT glossary.yaml_to_jsonb(E'release:\n  name: OLMo-7B\n  license:\n    distribution: {name: Apache-2.0, path: ''''}\n  components:\n    - name: Model architecture\n    - {name: Datasets, license: ODC-By-1.0}\n') AS nested;
SELECT glossary.yaml_to_jsonb(E'[1, [2, [3, {a: [4]}]], {}, []]') AS flow;
-- a scalar or empty document is a scalar jsonb; a document with only comments is null
SELECT glossary.yaml_to_jsonb('plain text') AS scalar_doc, glossary.yaml_to_jsonb('') AS empty_doc,
	glossary.yaml_to_jsonb(E'# nothing\n') AS comment_doc, glossary.yaml_to_jsonb(E'---\n') AS marker_only,
	glossary.yaml_to_jsonb(E'--- 5\n...\n') AS explicit_end;
-- the standard tags: !!str keeps text, !!int/!!float/!!bool/!!null must fit their value
SELECT glossary.yaml_to_jsonb(E'a: !!str true\nb: !!str 12\nc: !!int 12\nd: !!float 1\ne: !!bool False\nf: !!null x\ng: ! 5\nh: !!int 0x10\ni: !!timestamp 2024-12-15\n') AS tags;
SELECT glossary.yaml_to_jsonb(E'a: !!int 1.5\n');
SELECT glossary.yaml_to_jsonb(E'a: !!int seven\n');
SELECT glossary.yaml_to_jsonb(E'list:\n  - !!bool yes\n');
SELECT glossary.yaml_to_jsonb(E'a: !!float .inf\n');
-- UTF-8 and escapes
SELECT glossary.yaml_to_jsonb(E'name: "caf\\u00e9 \\t\\"q\\""\nplain: Zürich 東京\n') AS unicode;
SELECT glossary.yaml_to_jsonb(E'a: "x\\0y"\n');
-- NULL in, NULL out (the function is STRICT)
SELECT glossary.yaml_to_jsonb(NULL) IS NULL AS null_in_null_out;

-- refused: a key written twice (with both places), a key that is not text
SELECT glossary.yaml_to_jsonb(E'release:\n  name: a\n  version: 1\n  name: b\n');
SELECT glossary.yaml_to_jsonb(E'a: 1\nb:\n  - {x: 1, x: 2}\n');
SELECT glossary.yaml_to_jsonb(E'? [a, b]\n: 1\n');
SELECT glossary.yaml_to_jsonb(E'? {a: 1}\n: 1\n');
-- equal text after the reader: "a" and a are the same key
SELECT glossary.yaml_to_jsonb(E'a: 1\n"a": 2\n');
-- many keys, none twice, and then one twice among 5,000
SELECT count(*) AS keys FROM jsonb_object_keys(glossary.yaml_to_jsonb(
	(SELECT string_agg(format('k%s: %s', i, i), E'\n') FROM generate_series(1, 5000) i)));
SELECT glossary.yaml_to_jsonb((SELECT string_agg(format('k%s: %s', i % 4999, i), E'\n') FROM generate_series(1, 5000) i));

-- refused like the loader: anchors, aliases, other tags, several documents
SELECT glossary.yaml_to_jsonb(E'a: &x 1\nb: *x\n');
SELECT glossary.yaml_to_jsonb(E'a: !custom 1\n');
SELECT glossary.yaml_to_jsonb(E'a: !!set {x}\n');
SELECT glossary.yaml_to_jsonb(E'a: 1\n---\nb: 2\n');
-- broken YAML: the parser's message at its line and column
SELECT glossary.yaml_to_jsonb(E'release:\n  name: a\n   bad: indent\n');
SELECT glossary.yaml_to_jsonb(E'a: [1, 2\n');
SELECT glossary.yaml_to_jsonb(E'a: "unterminated\n');
SELECT glossary.yaml_to_jsonb(E'\t- tab\n');
-- broken UTF-8: PostgreSQL refuses it before the function sees it (yaml_to_jsonb
-- checks again, for text that slipped past); a control character: libyaml
SELECT glossary.yaml_to_jsonb(convert_from('\x613a20620a633a2061c3280a'::bytea, 'SQL_ASCII'));
SELECT glossary.yaml_to_jsonb(E'a: b\x01c\n');

-- limits: 32 levels of nesting, 1,000,000 values, 64 MiB
SELECT glossary.yaml_to_jsonb(repeat('[', 32) || repeat(']', 32)) = (repeat('[', 32) || repeat(']', 32))::jsonb AS depth_32;
SELECT glossary.yaml_to_jsonb(repeat('[', 33) || repeat(']', 33));
SELECT jsonb_array_length(glossary.yaml_to_jsonb('[' || repeat('1,', 999998) || '1]')) AS values_999999;
SELECT glossary.yaml_to_jsonb('[' || repeat('1,', 999999) || '1]');
SELECT glossary.yaml_to_jsonb('a: ' || repeat('x', 64 * 1024 * 1024));
-- a large value within the limits
SELECT length(glossary.yaml_to_jsonb('a: ' || repeat('x', 10 * 1024 * 1024)) ->> 'a') AS ten_mib_value;
-- long keys and values are quoted in messages up to 100 bytes
SELECT glossary.yaml_to_jsonb(repeat('k', 1000) || E': 1\n' || repeat('k', 1000) || E': 2\n');
SELECT glossary.yaml_to_jsonb('a: !!int ' || repeat('9', 5000) || 'x');
-- a plain number beyond what numeric holds: numeric's own error, at the value
SELECT glossary.yaml_to_jsonb(E'release:\n  size: 1e999999999\n');
SELECT glossary.yaml_to_jsonb(E'small: 1e-99999\n');
