#!/bin/bash
# make test-matrix: the whole make test on every PostgreSQL major Debian ships,
# each in a clean root of its Debian release (tools/debian-root.sh), on a
# clone of what is committed here.  Then a pg_dump made on the first major is
# restored on each later one and must give the same answers
# (tools/cross-major.sh).
#
#   tools/test-matrix.sh [SUITE...]     default: bookworm trixie sid (15, 17, 18)
#
# MATRIX_CARRY=DIR: restore the dump tools/cross-major.sh made there on
# every suite instead (CI makes it on the machine's own major).
# Logs go to $MATRIX_LOGS (default /tmp/glossary-matrix); prints one line a
# suite with its time, then "N passed, M failed" over all of them.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tools/debian-root.sh"
[ "$(id -u)" -eq 0 ] || { echo "test-matrix: run as root (it uses debootstrap and chroot)" >&2; exit 2; }

suites=${*:-bookworm trixie sid}
logs=${MATRIX_LOGS:-/tmp/glossary-matrix}
mkdir -p "$logs"
rev=$(git -C "$top" rev-parse --short HEAD)
git -C "$top" diff --quiet HEAD || echo "test-matrix: uncommitted changes are not tested (it clones $rev)" >&2

passed=0 failed=0 rc=0 dump=${MATRIX_CARRY:-}
[ -z "$dump" ] || [ -f "$dump/glossary.dump" ] || { echo "test-matrix: no glossary.dump in $dump" >&2; exit 2; }
root=""
trap 'root_drop "$root"' EXIT
for suite in $suites; do
	start=$(date +%s)
	root=$(root_new "$suite")
	git clone -q "$top" "$root/root/project"
	mkdir -p "$root/root/carry"
	[ -n "$dump" ] && cp "$dump"/* "$root/root/carry/"
	# the first suite makes the dump, every later one restores it
	if [ -z "$dump" ]; then step="tools/cross-major.sh dump /root/carry"; else step="tools/cross-major.sh restore /root/carry"; fi
	if root_run "$root" "cd /root/project && make test && $step" >"$logs/$suite.log" 2>&1; then
		status=ok
	else
		status=FAILED; rc=1
	fi
	if [ -z "$dump" ] && [ -f "$root/root/carry/glossary.dump" ]; then
		dump=$logs/carry; rm -rf "$dump"; mkdir -p "$dump"; cp "$root/root/carry"/* "$dump/"
	fi
	counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$logs/$suite.log" | tail -1 || true)
	cross=$(grep -E '^cross-major: ' "$logs/$suite.log" | tail -1 || true)
	p=${counts%% passed*}; f=${counts#*passed, }; f=${f%% failed*}
	passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
	case "$cross" in *" ok"*) passed=$((passed + 1)) ;; *) failed=$((failed + 1)) ;; esac
	major=$(sed -n 's/^glossary: PostgreSQL \([0-9]*\).*/\1/p' "$logs/$suite.log" | head -1)
	echo "matrix $suite (PostgreSQL ${major:-?}) ... $status in $(( $(date +%s) - start )) s: ${counts:-no count}; ${cross:-cross-major: not reached}"
	# what failed, and how the run ended (the whole log stays in $logs)
	[ "$status" = ok ] || { grep -E '^not ok|\.\.\. FAILED|Dubious|Failed: [1-9]|No plan|^cross-major:' "$logs/$suite.log" | head -20; tail -3 "$logs/$suite.log"; }
	root_drop "$root"; root=""
done
[ $rc -ne 0 ] && [ $failed -eq 0 ] && failed=1
echo "$passed passed, $failed failed"
exit $rc
