#!/bin/bash
# A glossary database moved between PostgreSQL majors with pg_dump keeps its
# data and its answers (make test-matrix runs it after each major's make test).
#
#   tools/cross-major.sh dump DIR      load data/ into a new database, write
#                                      DIR/glossary.dump and DIR/answers.out
#   tools/cross-major.sh restore DIR   restore DIR/glossary.dump into a new
#                                      database and compare its answers
#
# Both build the checkout, stage it and start a throwaway cluster as make
# test does; the answers are test/data/cross_major_answers.sql.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tools/common.sh"
mode=${1:-}; carry=${2:-}
case "$mode" in dump|restore) ;; *) echo "usage: $0 dump|restore DIR" >&2; exit 2 ;; esac
[ -n "$carry" ] && mkdir -p "$carry" && carry=$(cd "$carry" && pwd)

ensure_packages
work=$(work_copy "$top" cross)
trap 'cluster_stop "$work/pg"; rm -rf "$work"' EXIT
cd "$work"
as_server_user make -s PG_CONFIG=$PG_CONFIG with_llvm=no >/dev/null
as_server_user make -s PG_CONFIG=$PG_CONFIG with_llvm=no install DESTDIR="$work/stage" >/dev/null
mapfile -t stage_conf < <(stage_settings "$work/stage")
cluster_start "$work/pg" "${stage_conf[@]}"
major=$($PG_CONFIG --version | awk '{print $2}')
psql() { as_server_user env PGHOST="$PGHOST" PGPORT="$PGPORT" PGUSER="$PGUSER" psql -X -q -v ON_ERROR_STOP=1 "$@"; }
answers() { psql -d glossary -f "$work/test/data/cross_major_answers.sql"; }

if [ "$mode" = dump ]; then
	psql -c 'CREATE DATABASE glossary'
	psql -d glossary -c 'CREATE EXTENSION glossary'
	as_server_user env PGHOST="$PGHOST" PGPORT="$PGPORT" PGUSER="$PGUSER" \
		"$work/stage$($PG_CONFIG --bindir)/glossary-load" -q -d dbname=glossary "$work/data" >/dev/null
	# an edit in SQL after the load, so derived rows are not only the loader's
	psql -d glossary -c "UPDATE glossary.entries SET body = body || E'\n\nSee also [[AUP]].' WHERE slug = 'open-weights'"
	answers >"$work/answers.out"
	as_server_user pg_dump -Fc -d glossary -f "$work/glossary.dump"
	cp "$work/glossary.dump" "$work/answers.out" "$carry/"
	echo "$major" >"$carry/made-on"
	echo "cross-major: dump made on PostgreSQL $major ($(grep -c . "$carry/answers.out") answer lines) ... ok"
else
	from=$(cat "$carry/made-on")
	psql -c 'CREATE DATABASE glossary'
	cp "$carry/glossary.dump" "$work/glossary.dump"
	as_server_user pg_restore --exit-on-error -d glossary "$work/glossary.dump"
	answers >"$work/answers.out"
	if diff -u "$carry/answers.out" "$work/answers.out"; then
		echo "cross-major: dump of PostgreSQL $from restored on $major, $(grep -c . "$work/answers.out") answer lines equal ... ok"
	else
		echo "cross-major: dump of PostgreSQL $from restored on $major gives other answers ... FAILED"
		exit 1
	fi
fi
