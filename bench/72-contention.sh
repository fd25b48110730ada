#!/bin/bash
# The shared index's registry lock under load: 16 read-only clients spread
# over 4 databases (4 pgbench runs at once, 4 clients each), one resolve()
# per transaction, so every transaction takes the registry's LWLock to find
# its image.  The baseline is the same load with glossary.shared_index = off,
# where each session keeps an index of its own and takes no shared lock.
# Run by tools/run-bench.sh (PGHOST etc. exported, staged glossary-load on
# PATH); writes its figures into bench.results of the main database.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${PGBENCH_SECONDS:-15}
PGBENCH=$(pg_config --bindir)/pgbench
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
dbs="glossary_c1 glossary_c2 glossary_c3 glossary_c4"

for db in $dbs; do
	q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
	q -d $db -c 'CREATE EXTENSION glossary'
	glossary-load -q -d "dbname=$db" data/categories.yaml data/entries
	q -d $db -c "CREATE TABLE bench_labels (id serial PRIMARY KEY, label text NOT NULL)" \
		-c "INSERT INTO bench_labels (label) SELECT label FROM glossary.labels ORDER BY 1" -c ANALYZE
done
nlabels=$(q -d glossary_c1 -At -c 'SELECT count(*) FROM bench_labels')

# load OPTIONS: the four runs at once; sets tps (summed) and lat (mean of the averages)
load()
{
	local db pids=""
	for db in $dbs; do
		PGOPTIONS="-c client_min_messages=error $1" "$PGBENCH" -n -d $db -c 4 -j 1 -T "$secs" \
			-D nlabels="$nlabels" -f bench/pgbench/resolve.sql >"/tmp/contention-$db.log" 2>&1 &
		pids="$pids $!"
	done
	for p in $pids; do wait "$p" || { cat /tmp/contention-*.log >&2; exit 1; }; done
	if grep -q 'number of failed transactions: [1-9]' /tmp/contention-*.log; then cat /tmp/contention-*.log >&2; exit 1; fi
	tps=$(cat /tmp/contention-*.log | awk '/^tps = / { s += $3 } END { printf "%.0f", s }')
	lat=$(cat /tmp/contention-*.log | awk '/^latency average = / { s += $4; n++ } END { printf "%.4f", s / n }')
	rm -f /tmp/contention-*.log
}

load "" ; shared_tps=$tps shared_lat=$lat
load "-c glossary.shared_index=off"; own_tps=$tps own_lat=$lat
echo "contention: shared index $shared_tps tps, own indexes $own_tps tps (16 clients, 4 databases, ${secs} s)" >&2
q -d postgres -c "SELECT bench.report('pgbench read-only, one resolve() a transaction, 16 clients over 4 databases, shared index ($shared_tps tps; avg latency)', $shared_lat,
	'the same with glossary.shared_index = off ($own_tps tps)', $own_lat, 'no worse than own indexes')"
for db in $dbs; do q -d postgres -c "DROP DATABASE $db"; done
