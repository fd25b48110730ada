#!/bin/bash
# pgbench: readers (resolve, lookup, suggest, search, backlinks, mentions on
# random labels) and writers (import_markdown of five hot slugs, so writers
# collide) at once, for a fixed time, on the shipped glossary in a database
# of its own.  Any failed or aborted transaction fails the benchmark.  Run by
# tools/run-bench.sh with PGHOST/PGPORT/PGUSER exported and the staged
# glossary-load on PATH; writes its figures into bench.results of the main
# database.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${PGBENCH_SECONDS:-20}
clients=${PGBENCH_CLIENTS:-4}
threads=${PGBENCH_THREADS:-2}
db=glossary_pgbench
PGBENCH=${PGBENCH:-$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)/pgbench}
[ -x "$PGBENCH" ] || PGBENCH=/usr/lib/postgresql/15/bin/pgbench
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
q -d $db -c 'CREATE EXTENSION glossary'
glossary-load -q -d "dbname=$db" data/categories.yaml data/entries
q -d $db <<'SQL'
-- labels to read: every slug, term and alias, and a typo of each term
CREATE TABLE bench_labels (id serial PRIMARY KEY, label text NOT NULL, sentence text NOT NULL);
INSERT INTO bench_labels (label, sentence)
SELECT l, 'A sentence about ' || l || ' and open weights, with [[' || l || ']] linked.'
FROM (SELECT label FROM glossary.labels
	  UNION ALL
	  SELECT overlay(term placing '' from 2 for 1) FROM glossary.entries) AS x(l)
ORDER BY 1;
ANALYZE;
SQL
nlabels=$(q -d $db -At -c 'SELECT count(*) FROM bench_labels')
echo "pgbench: $nlabels labels" >&2

run()
{
	local name=$1; shift
	local log
	log=$(mktemp)
	if ! PGOPTIONS='-c client_min_messages=error' "$PGBENCH" -n -d $db -c "$clients" -j "$threads" -T "$secs" \
		-D nlabels="$nlabels" "$@" >"$log" 2>&1; then
		cat "$log" >&2; rm -f "$log"; echo "pgbench ($name) failed" >&2; exit 1
	fi
	local tps lat failed
	tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$log" | xargs printf '%.1f')
	lat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$log")
	failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$log")
	grep -E '^(number of transactions actually processed|number of failed|latency average|tps)|^ +[0-9.]+ +[0-9]+ +SELECT' "$log" | sed "s/^/pgbench $name: /" >&2
	if grep -q 'aborted' "$log" || [ "${failed:-0}" != 0 ]; then
		cat "$log" >&2; rm -f "$log"; echo "pgbench ($name): errors" >&2; exit 1
	fi
	rm -f "$log"
	eval "${name}_tps=$tps ${name}_lat=$lat"
}

run readonly -f bench/pgbench/read.sql -r
run mixed -f bench/pgbench/read.sql@9 -f bench/pgbench/write.sql@1 -r

# the hot entries exist once each, with their latest aliases and links
q -d $db -At -c "SELECT 'hot entries: ' || count(*) || ', aliases: ' || (SELECT count(*) FROM glossary.aliases WHERE entry LIKE 'bench-hot-%')
	|| ', orphan links: ' || (SELECT count(*) FROM glossary.links l WHERE NOT EXISTS (SELECT FROM glossary.entries e WHERE e.slug = l.entry))
	FROM glossary.entries WHERE slug LIKE 'bench-hot-%'" >&2

echo "pgbench: read-only $readonly_tps tps, mixed (10% imports) $mixed_tps tps; $clients clients, $threads threads, ${secs} s each, 0 errors" >&2
q -d postgres -c "SELECT bench.report('pgbench mixed: 90% reads (6 API calls each), 10% import_markdown of 5 hot slugs; $clients clients, ${secs} s, $mixed_tps tps, 0 errors (avg latency per transaction)', $mixed_lat,
	'pgbench read-only, same reads ($readonly_tps tps)', $readonly_lat, 'zero errors')"
q -d postgres -c "DROP DATABASE $db"
