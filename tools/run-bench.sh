#!/bin/bash
# make bench: build, start a throwaway cluster, run bench/NN-*.sql in order and
# print every measurement as a ratio against its baseline (a Markdown table,
# also written to bench/results/latest.md).  BENCH="pattern ..." runs the
# files whose names contain one of the patterns.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tools/common.sh"

ensure_packages

work=$(work_copy "$top" bench)
trap 'cluster_stop "$work/pg"; rm -rf "$work"' EXIT

cd "$work"
as_server_user make -s PG_CONFIG=$PG_CONFIG with_llvm=no >build.log 2>&1 || { cat build.log; exit 1; }
as_server_user make -s PG_CONFIG=$PG_CONFIG with_llvm=no install DESTDIR="$work/stage" >/dev/null
mapfile -t stage_conf < <(stage_settings "$work/stage")
cluster_start "$work/pg" "${stage_conf[@]}" "shared_buffers=1GB" "work_mem=256MB" \
	"shared_preload_libraries='$work/stage$($PG_CONFIG --pkglibdir)/glossary'" "glossary.shared_index_size=2GB" \
	"max_parallel_workers_per_gather=2" "jit=off"
export PATH="$work/stage$($PG_CONFIG --bindir):$PATH" GLOSSARY_STAGE="$work/stage" GLOSSARY_STAGE_CONF="$(stage_settings "$work/stage")"

psql() { command psql -X -q -v ON_ERROR_STOP=1 "$@"; }
psql -c 'CREATE EXTENSION glossary' -c 'CREATE EXTENSION pg_trgm' -f bench/lib.sql

# bench/NN-*.sh (e.g. pgbench) run in the same order, with PGHOST etc. exported
for f in $(ls bench/[0-9][0-9]-*.sql bench/[0-9][0-9]-*.sh 2>/dev/null | sort); do
	picked=${BENCH:+no}
	for pat in ${BENCH:-}; do case "$f" in *"$pat"*) picked= ;; esac; done
	[ -z "$picked" ] || continue
	echo "== $f" >&2
	case "$f" in
	*.sh) PGDATABASE=postgres bash "$f" >&2 ;;
	*) psql -v benchdir="$work/bench" -f "$f" >&2 ;;
	esac
done

machine="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), PostgreSQL $($PG_CONFIG --version | awk '{print $2}')"
report=$(psql -A -t -F '|' -c "
	SELECT '| ' || benchmark || ' | ' || round(ms::numeric, 1) || ' ' || unit || ' | ' || baseline || ' | ' ||
	       round(baseline_ms::numeric, 1) || ' ' || unit || ' | ' ||
	       CASE WHEN unit <> 'ms' THEN round((ms / baseline_ms)::numeric, 2) || 'x'
	            WHEN ms >= baseline_ms THEN round((ms / baseline_ms)::numeric, 2) || 'x slower'
	            ELSE round((baseline_ms / ms)::numeric, 2) || 'x faster' END ||
	       ' | ' || target || ' |'
	FROM bench.results ORDER BY id")
{
	echo "Machine: $machine; $(date -u +%Y-%m-%d)"
	echo
	echo "| benchmark | time | baseline | baseline time | ratio | target |"
	echo "|---|---|---|---|---|---|"
	echo "$report"
} | tee "$work/latest.md"
mkdir -p "$top/bench/results" && cp "$work/latest.md" "$top/bench/results/latest.md"
