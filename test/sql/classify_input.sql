-- Bad input to classify_release and classify_release_explain: a clear error, never a crash.
-- not an object
SELECT glossary.classify_release('[]');
SELECT glossary.classify_release('[{"weights_available": true}]');
SELECT glossary.classify_release('"apache-2.0"');
SELECT glossary.classify_release('true');
SELECT glossary.classify_release('null');
SELECT glossary.classify_release_explain('42');
-- unknown keys, with the closest known key as a hint
SELECT glossary.classify_release('{"weights_licence": "mit"}');
SELECT glossary.classify_release('{"weights_available": true, "licence": "mit"}');
SELECT glossary.classify_release('{"Weights_Available": true}');
SELECT glossary.classify_release('{"data_info": "complete"}');
SELECT glossary.classify_release('{"": true}');
SELECT glossary.classify_release_explain('{"code": true}');
SELECT glossary.classify_release('{"license": "mit"}');
SELECT glossary.classify_release('{"weights": true}');
SELECT glossary.classify_release('{"x": true}');
-- a 1 MB key is clipped in the message
SELECT glossary.classify_release(jsonb_build_object(repeat('k', 1048576), true));
-- wrong types
SELECT glossary.classify_release('{"weights_available": "true"}');
SELECT glossary.classify_release('{"weights_available": 1}');
SELECT glossary.classify_release('{"weights_available": [true]}');
SELECT glossary.classify_release('{"weights_license": 2.0}');
SELECT glossary.classify_release('{"weights_license": ["apache-2.0", "mit"]}');
SELECT glossary.classify_release('{"weights_license_name": {"name": "qwen"}}');
SELECT glossary.classify_release('{"code_available": "no"}');
SELECT glossary.classify_release('{"code_license": false}');
SELECT glossary.classify_release('{"extra_use_policy": "yes"}');
SELECT glossary.classify_release('{"data_information": true}');
SELECT glossary.classify_release('{"data_information": "Complete"}');
SELECT glossary.classify_release('{"data_information": "full"}');
SELECT glossary.classify_release('{"data_information": ""}');
SELECT glossary.classify_release(jsonb_build_object('data_information', repeat('é', 500000)));
-- deeply nested values are a wrong type at the top level, however deep they go
SELECT glossary.classify_release(jsonb_build_object('weights_available', (repeat('[', 5000) || repeat(']', 5000))::jsonb));
SELECT glossary.classify_release(('{"weights_license": ' || repeat('[', 5000) || repeat(']', 5000) || '}')::jsonb);
SELECT glossary.classify_release(('{"weights_license": ' || repeat('{"a":', 5000) || '1' || repeat('}', 5000) || '}')::jsonb);
-- NULL json values mean "not stated"
SELECT glossary.classify_release('{"weights_available": null, "weights_license": null, "weights_license_name": null, "code_available": null, "code_license": null, "data_information": null, "extra_use_policy": null}');
SELECT glossary.classify_release('{"weights_available": true, "weights_license": "mit", "weights_license_name": null, "code_available": null, "code_license": null, "data_information": null, "extra_use_policy": null}');
-- 1 MB strings are defined: an unrecognised licence (unknown), clipped in explain
SELECT glossary.classify_release(jsonb_build_object('weights_available', true, 'weights_license', repeat('a', 1048576)));
SELECT glossary.classify_release(jsonb_build_object('weights_available', true, 'weights_license', 'apache' || repeat(' ', 1048576) || '2.0'));
SELECT glossary.classify_release(jsonb_build_object('weights_available', true, 'weights_license', repeat('license ', 131072) || 'mit'));
SELECT x ->> 'reason', length(x::text) < 3000 AS short
FROM glossary.classify_release_explain(jsonb_build_object('weights_available', true, 'weights_license', repeat('ü', 1048576))) AS x;
SELECT glossary.classify_release(jsonb_build_object('weights_available', true, 'weights_license', 'mit', 'code_available', true, 'code_license', repeat('x', 1048576), 'data_information', 'complete'));
-- spellings around the 256-byte normalised limit
SELECT glossary.classify_release(jsonb_build_object('weights_available', true, 'weights_license', repeat('a', 256)));
SELECT glossary.classify_release(jsonb_build_object('weights_available', true, 'weights_license', repeat('a', 257)));
-- odd but valid strings
SELECT glossary.classify_release('{"weights_available": true, "weights_license": "\u00e9\u4e2d\ud83d\ude00"}');
SELECT glossary.classify_release('{"weights_available": true, "weights_license": "  MIT  "}');
SELECT glossary.classify_release('{"weights_available": true, "weights_license": "\"MIT\""}');
SELECT glossary.classify_release('{"weights_available": true, "weights_license": "-_,/()"}');
SELECT glossary.classify_release('{"weights_available": true, "weights_license": "The License"}');
-- a big card with many unknown keys stops at the first one
SELECT glossary.classify_release((SELECT jsonb_object_agg('x' || i, i) FROM generate_series(1, 10000) AS i));
-- errors leave nothing behind: a failed statement inside a transaction
BEGIN;
CREATE TEMP TABLE t (card jsonb);
INSERT INTO t VALUES ('{"weights_available": true}'), ('{"weights_avail": true}');
SELECT glossary.classify_release(card) FROM t;
ROLLBACK;
