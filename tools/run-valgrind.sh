#!/bin/bash
# Run the regression suite (and the isolation specs) against a server started
# under valgrind memcheck, and report every error whose stack touches the
# extension: glossary.so (built with -O0 -g, so its frames name our source
# files) or libyaml.  tools/valgrind.supp holds the server's known false
# positives.  Slow (tens of times slower than make test); not part of make test.
# usage: tools/run-valgrind.sh [regress test or isolation spec names...]
# Prints "valgrind: N errors in all backends, M in glossary or libyaml code";
# exits non-zero when M > 0.  The logs stay in the printed directory.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tools/common.sh"
ensure_packages
command -v valgrind >/dev/null || { apt-get install -y -q valgrind >/dev/null; }

work=$(work_copy "$top" vg)
as_server_user mkdir -p "$work/vg"
trap 'as_server_user $PGBIN/pg_ctl -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true' EXIT

cd "$work"
as_server_user make -s PG_CONFIG=$PG_CONFIG with_llvm=no COPT='-O0 -g' >/dev/null
as_server_user make -s PG_CONFIG=$PG_CONFIG with_llvm=no install DESTDIR="$work/stage" >/dev/null
as_server_user $PGBIN/initdb -D "$work/pg/data" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
as_server_user bash -c "valgrind --quiet --trace-children=yes --track-origins=yes --leak-check=no --num-callers=40 \
	--suppressions=$work/tools/valgrind.supp --error-markers=VALGRINDERROR-BEGIN,VALGRINDERROR-END \
	--log-file=$work/vg/vg.%p.log \
	$PGBIN/postgres -D $work/pg/data -k $work/pg -p $GLOSSARY_PORT -c listen_addresses='' -c fsync=off \
	$(stage_settings "$work/stage" | sed 's/^/-c /' | tr '\n' ' ') -c max_parallel_workers_per_gather=0 \
	-c shared_preload_libraries='$work/stage$($PG_CONFIG --pkglibdir)/glossary' -c glossary.shared_index_size=128MB \
	>$work/pg/server.log 2>&1 &"
for i in $(seq 1 120); do $PGBIN/pg_isready -q -h "$work/pg" -p $GLOSSARY_PORT && break; sleep 1; done
export PGHOST=$work/pg PGPORT=$GLOSSARY_PORT PGUSER=postgres GLOSSARY_STAGE="$work/stage"

all_regress=$(ls test/sql/*.sql | sed 's|test/sql/||; s|\.sql$||' | tr '\n' ' ')
all_specs=$( (ls test/specs/*.spec 2>/dev/null || true) | sed 's|test/specs/||; s|\.spec$||' | tr '\n' ' ')
if [ $# -gt 0 ]; then
	regress="" specs=""
	for t in "$@"; do
		case " $all_specs " in *" $t "*) specs="$specs $t" ;; *) regress="$regress $t" ;; esac
	done
else
	regress=$all_regress specs=$all_specs
fi
start=$(date +%s)
as_server_user env PGHOST=$PGHOST PGPORT=$PGPORT PGUSER=$PGUSER \
	make -s PG_CONFIG=$PG_CONFIG installcheck REGRESS="$regress" ISOLATION="$specs" TAP_TESTS= || true
echo "valgrind: suites took $(( $(date +%s) - start )) s"

# an error is ours when a frame of its stack is in glossary.so (our source
# files, or a glossary_ symbol) or in libyaml
export OURS_RE="glossary|libyaml|[(]($(ls src/*.c | xargs -n1 basename | sed 's/[.]c$//' | paste -sd'|'))[.]c:[0-9]+[)]"
ours=0 all=0
for f in vg/vg.*.log; do
	n=$(grep -c VALGRINDERROR-BEGIN "$f" || true)
	all=$((all + n))
	[ "$n" -eq 0 ] && continue
	m=$(awk 'BEGIN{re=ENVIRON["OURS_RE"]} /VALGRINDERROR-BEGIN/{e=""} {e=e"\n"$0} /VALGRINDERROR-END/{ if (e ~ re) c++ } END {print c+0}' "$f")
	if [ "$m" -gt 0 ]; then
		ours=$((ours + m))
		echo "== $f"
		awk 'BEGIN{re=ENVIRON["OURS_RE"]} /VALGRINDERROR-BEGIN/{e=""} {e=e"\n"$0} /VALGRINDERROR-END/{ if (e ~ re) print e }' "$f" >vg/ours.txt
		head -80 vg/ours.txt
	fi
done
echo "valgrind: logs in $work/vg"
echo "valgrind: $all errors in all backends, $ours in glossary or libyaml code"
[ "$ours" -eq 0 ]
