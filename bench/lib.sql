-- Helpers for the benchmark scripts in bench/NN-*.sql (loaded by tools/run-bench.sh).
-- Every figure is a median of several runs, taken in this one session, and
-- every result is reported as a ratio against a baseline run on the same data.
CREATE SCHEMA bench;

-- median wall time in milliseconds of running query (its rows are discarded);
-- setup, when given, runs before each run and is not timed
CREATE FUNCTION bench.measure(query text, runs integer DEFAULT 3, setup text DEFAULT NULL)
RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	times double precision[] := '{}';
BEGIN
	FOR i IN 1 .. runs LOOP
		IF setup IS NOT NULL THEN
			EXECUTE setup;
		END IF;
		t0 := clock_timestamp();
		EXECUTE query;
		times := times || (extract(epoch FROM clock_timestamp() - t0) * 1000)::double precision;
	END LOOP;
	RETURN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM unnest(times) AS t);
END
$$;

-- median wall time in milliseconds of one call of query ($1 bound to each
-- of args in turn), over rounds passes through args
CREATE FUNCTION bench.median_per_call(query text, args text[], rounds integer DEFAULT 1)
RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	times double precision[] := '{}';
	a text;
BEGIN
	FOR i IN 1 .. rounds LOOP
		FOREACH a IN ARRAY args LOOP
			t0 := clock_timestamp();
			EXECUTE query USING a;
			times := times || (extract(epoch FROM clock_timestamp() - t0) * 1000)::double precision;
		END LOOP;
	END LOOP;
	RETURN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM unnest(times) AS t);
END
$$;

CREATE TABLE bench.results (
	id serial PRIMARY KEY,
	benchmark text NOT NULL,
	ms double precision NOT NULL,
	baseline text NOT NULL,
	baseline_ms double precision NOT NULL,
	target text NOT NULL DEFAULT '',
	unit text NOT NULL DEFAULT 'ms'
);

-- record one comparison; the report prints ratio = ms / baseline_ms
-- (unit: what the two figures measure, milliseconds unless said otherwise)
CREATE FUNCTION bench.report(benchmark text, ms double precision, baseline text,
							 baseline_ms double precision, target text DEFAULT '',
							 unit text DEFAULT 'ms')
RETURNS void LANGUAGE sql AS $$
	INSERT INTO bench.results (benchmark, ms, baseline, baseline_ms, target, unit)
	VALUES (benchmark, ms, baseline, baseline_ms, target, unit);
$$;
