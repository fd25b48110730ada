#!/bin/bash
# make fuzz: build every libFuzzer harness fuzz/*_fuzz.c (clang, ASan + UBSan)
# with the sources named on its "sources:" line, and run each for
# FUZZ_SECONDS (default 60) on a copy of its seed corpus fuzz/corpus/NAME.
# Prints "fuzz: N passed, M failed"; a crash leaves its input in fuzz/.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
. "$top/tools/common.sh"
seconds=${FUZZ_SECONDS:-60}
CLANG=${CLANG:-clang-$CLANG_MAJOR}
# harnesses that compile backend code include the server headers and link
# the frontend libpgcommon/libpgport (see fuzz/pg_stubs.h)
pg_flags="-I$($PG_CONFIG --includedir-server) -L$($PG_CONFIG --pkglibdir) -Wno-ignored-attributes"
command -v "$CLANG" >/dev/null || { echo "fuzz: $CLANG not found (apt-get install $CLANG libclang-rt-${CLANG#clang-}-dev)" >&2; exit 2; }

out=$(mktemp -d /tmp/glossary-fuzz.XXXXXX)
trap 'rm -rf "$out"' EXIT
passed=0 failed=0
for harness in fuzz/*_fuzz.c; do
	name=$(basename "$harness" _fuzz.c)
	case " ${FUZZ_ONLY:-$name} " in *" $name "*) ;; *) continue ;; esac
	sources=$(sed -n 's/^ \* sources: //p' "$harness")
	flags=$(sed -n 's/^ \* flags: //p' "$harness")
	"$CLANG" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-Isrc -Ifuzz $pg_flags $flags -o "$out/$name" "$harness" $sources $(sed -n 's/^ \* libs: //p' "$harness")
	mkdir -p "$out/corpus-$name"
	cp fuzz/corpus/"$name"/* "$out/corpus-$name"/ 2>/dev/null || true
	if "$out/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$top/fuzz/$name-" "$out/corpus-$name" >"$out/$name.log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$name.log")
		echo "fuzz $name ... ok ($runs inputs in ${seconds}s)"
		passed=$((passed + 1))
	else
		echo "fuzz $name ... FAILED"
		grep -A30 -E '^==[0-9]+==ERROR|runtime error|deadly signal' "$out/$name.log" | head -40
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
