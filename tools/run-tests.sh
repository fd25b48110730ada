#!/bin/bash
# make test: install what is missing, build, install into a private staging
# directory, start a throwaway cluster that loads the extension from there,
# run every suite (pg_regress, isolation, TAP) and print "N passed, M failed".
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tools/common.sh"

ensure_packages chromium
echo "glossary: PostgreSQL $($PG_CONFIG --version | awk '{print $2}') ($PG_CONFIG), $(. /etc/os-release; echo "$PRETTY_NAME")"

# Work on a copy the server's OS user can read: a checkout under /root is not.
work=$(work_copy "$top" test)

keep=0
cleanup()
{
	cluster_stop "$work/pg"
	if [ "$keep" -eq 0 ]; then rm -rf "$work"; else echo "test files kept in $work" >&2; fi
}
trap cleanup EXIT

cd "$work"
as_server_user make -s PG_CONFIG=$PG_CONFIG with_llvm=no >build.log 2>&1 || { cat build.log; keep=1; exit 1; }
grep -E 'warning|error' build.log && { echo "glossary: the build must be free of warnings" >&2; keep=1; exit 1; }
as_server_user make -s PG_CONFIG=$PG_CONFIG with_llvm=no install DESTDIR="$work/stage" >/dev/null
# the normal build carries no fault injection (src/fault_inject.h): no symbol, no setting
if nm "$work/glossary.so" | grep -qE 'glossary_fault_|fault_(at|match|action)\b' || grep -q 'glossary\.fault_' "$work/glossary.so"; then
	echo "glossary: the normal build contains fault-injection code" >&2; keep=1; exit 1
fi

mapfile -t stage_conf < <(stage_settings "$work/stage")
cluster_start "$work/pg" "${stage_conf[@]}" "shared_preload_libraries='$work/stage$($PG_CONFIG --pkglibdir)/glossary'" "glossary.shared_index_size=256MB"
export GLOSSARY_STAGE="$work/stage" GLOSSARY_STAGE_CONF="$(stage_settings "$work/stage")"
export PATH="$work/stage$($PG_CONFIG --bindir):$PATH"

# The fault-injection build (make FAULTS=1), from a copy of its own, staged
# apart for test/t/085_fault_injection.pl, which starts a cluster preloading
# it; that test is skipped when GLOSSARY_FAULT_STAGE is unset.
GLOSSARY_FAULT_STAGE= GLOSSARY_FAULT_STAGE_CONF=
if [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" 085_fault_injection "* ]]; then
	mkdir "$work/faults"
	tar -C "$work" --exclude='*.o' --exclude='*.so' --exclude='*.bc' --exclude=./stage --exclude=./pg --exclude=./faults \
		--exclude=./build.log -cf - . | tar -C "$work/faults" -xf -
	[ "$(id -u)" -eq 0 ] && chown -R postgres: "$work/faults"
	(cd "$work/faults" && as_server_user make -s PG_CONFIG=$PG_CONFIG with_llvm=no FAULTS=1 >build.log 2>&1 \
		&& as_server_user make -s PG_CONFIG=$PG_CONFIG with_llvm=no FAULTS=1 install DESTDIR="$work/fault-stage" >/dev/null) \
		|| { cat "$work/faults/build.log"; keep=1; exit 1; }
	grep -E 'warning|error' "$work/faults/build.log" && { echo "glossary: the FAULTS=1 build must be free of warnings" >&2; keep=1; exit 1; }
	GLOSSARY_FAULT_STAGE="$work/fault-stage" GLOSSARY_FAULT_STAGE_CONF="$(stage_settings "$work/fault-stage")"
fi
export GLOSSARY_FAULT_STAGE GLOSSARY_FAULT_STAGE_CONF

passed=0 failed=0
# count_suite LOG: add the results of a pg_regress or isolation run: lines
# "test name ... ok" up to 15, TAP lines "ok 1 - name" and "not ok 2 - name"
# from 16 on
count_suite()
{
	local p f
	p=$(grep -cE '\.\.\. ok|^ok [0-9]+ ' "$1" || true)
	f=$(grep -cE '\.\.\. FAILED|\.\.\. failed|^not ok [0-9]+ ' "$1" || true)
	passed=$((passed + p)); failed=$((failed + f))
}

run_suite()
{
	local name=$1; shift
	echo "== $name"
	if as_server_user env PATH="$PATH" GLOSSARY_STAGE="$GLOSSARY_STAGE" GLOSSARY_STAGE_CONF="$GLOSSARY_STAGE_CONF" GLOSSARY_FAULT_STAGE="$GLOSSARY_FAULT_STAGE" GLOSSARY_FAULT_STAGE_CONF="$GLOSSARY_FAULT_STAGE_CONF" PGHOST="$PGHOST" PGPORT="$PGPORT" PGUSER="$PGUSER" \
		make -s PG_CONFIG=$PG_CONFIG with_llvm=no "$@" >"$name.log" 2>&1; then
		status=0
	else
		status=1
	fi
	grep -E '\.\.\. |^(not )?ok [0-9]+ |^(test/)?t/|Result:|Files=' "$name.log" || true
	# a run that stopped before its tests (install error, missing file) says why at the end
	[ $status -ne 0 ] && tail -5 "$name.log"
	return $status
}

# ONLY="name ..." narrows the run to those regress tests, isolation specs and TAP files.
regress_tests=$( (ls test/sql/*.sql 2>/dev/null || true) | sed 's|test/sql/||; s|\.sql$||' | tr '\n' ' ')
iso_tests=$( (ls test/specs/*.spec 2>/dev/null || true) | sed 's|test/specs/||; s|\.spec$||' | tr '\n' ' ')
tap_tests=$( (ls test/t/*.pl 2>/dev/null || true) | tr '\n' ' ')
if [ -n "${ONLY:-}" ]; then
	pick() { local w out=""; for w in $1; do case " $ONLY " in *" $(basename "$w" .pl) "*) out="$out $w" ;; esac; done; echo $out; }
	regress_tests=$(pick "$regress_tests"); iso_tests=$(pick "$iso_tests"); tap_tests=$(pick "$tap_tests")
fi

rc=0
if [ -n "$regress_tests" ]; then
	run_suite regress installcheck REGRESS="$regress_tests" ISOLATION= TAP_TESTS= || { rc=1; head -300 regression.diffs 2>/dev/null || true; }
	count_suite regress.log
fi
if [ -n "$iso_tests" ]; then
	run_suite isolation installcheck REGRESS= ISOLATION="$iso_tests" TAP_TESTS= || { rc=1; head -300 output_iso/regression.diffs 2>/dev/null || true; }
	count_suite isolation.log
fi
if [ -n "$tap_tests" ]; then
	run_suite tap installcheck REGRESS= ISOLATION= TAP_TESTS=1 PROVE_TESTS="$tap_tests" || { rc=1; tail -q -n 100 tmp_check/log/regress_log_* 2>/dev/null || true; }
	p=$(grep -cE '^(test/)?t/.* ok$' tap.log || true)
	f=$(grep -cE '^(test/)?t/.* (Dubious|Failed|not ok)' tap.log || true)
	passed=$((passed + p)); failed=$((failed + f))
fi
# a short pass of every fuzz harness (make fuzz runs them longer)
# (the release zip has no fuzz/: make dist leaves it out)
if [ ! -d fuzz ]; then
	echo "== fuzz: skipped, no fuzz/ in this tree"
elif [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" fuzz "* ]]; then
	echo "== fuzz"
	if FUZZ_SECONDS=${FUZZ_SECONDS:-20} tools/run-fuzz.sh >fuzz.log 2>&1; then :; else rc=1; fi
	grep -vE '^fuzz: [0-9]+ passed' fuzz.log || true
	p=$(grep -c '^fuzz .* ok' fuzz.log || true)
	f=$(grep -c '^fuzz .* FAILED' fuzz.log || true)
	passed=$((passed + p)); failed=$((failed + f))
fi
if [ $rc -ne 0 ] && [ $failed -eq 0 ]; then failed=1; fi
[ $rc -ne 0 ] && keep=1
echo "$passed passed, $failed failed"
exit $rc
