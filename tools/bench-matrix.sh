#!/bin/bash
# make bench-matrix: the headline benchmarks (resolve, mentions, classify,
# classify_hf) on every PostgreSQL major Debian ships, each in a clean root
# of its release (tools/debian-root.sh), one after the other on this machine,
# then one table with a ratio column per major.
#
#   tools/bench-matrix.sh [SUITE...]     default: bookworm trixie sid
#
# BENCH chooses the files as for make bench (default: the four above).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tools/debian-root.sh"
[ "$(id -u)" -eq 0 ] || { echo "bench-matrix: run as root (it uses debootstrap and chroot)" >&2; exit 2; }
suites=${*:-bookworm trixie sid}
bench=${BENCH:-30-resolve 40-mentions 50-classify 55-hf}
logs=${MATRIX_LOGS:-/tmp/glossary-bench-matrix}
mkdir -p "$logs"
root=""
trap 'root_drop "$root"' EXIT
majors=""
for suite in $suites; do
	root=$(root_new "$suite")
	git clone -q "$top" "$root/root/project"
	root_run "$root" "cd /root/project && BENCH='$bench' make bench" >"$logs/$suite.log" 2>&1 \
		|| { tail -30 "$logs/$suite.log"; exit 1; }
	major=$(sed -n 's/^Machine: .*PostgreSQL \([0-9]*\)\..*/\1/p' "$root/root/project/bench/results/latest.md")
	cp "$root/root/project/bench/results/latest.md" "$logs/$major.md"
	majors="$majors $major"
	echo "bench-matrix: $suite (PostgreSQL $major) done" >&2
	root_drop "$root"; root=""
done
# one row per benchmark and baseline, a ratio column per major
{
	printf '| benchmark | baseline |'; for m in $majors; do printf ' PostgreSQL %s |' "$m"; done; echo
	printf '|---|---|'; for m in $majors; do printf -- '---|'; done; echo
	for m in $majors; do
		awk -F' \\| ' -v m="$m" '/^\| / && $1 != "| benchmark" { print $1 " | " $3 "\t" m "\t" $5 }' "$logs/$m.md"
	done | awk -F'\t' -v majors="$majors" '
		{ if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } ratio[$1, $2] = $3 }
		END { k = split(majors, ms, " ");
			for (i = 1; i <= n; i++) { line = order[i] " |";
				for (j = 1; j <= k; j++) line = line " " ((order[i], ms[j]) in ratio ? ratio[order[i], ms[j]] : "-") " |";
				print line } }'
	echo
	for m in $majors; do sed -n "s/^Machine: /PostgreSQL $m: /p" "$logs/$m.md"; done
} | tee "$logs/matrix.md"
