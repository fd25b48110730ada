#!/bin/bash
# make test-package SUITE=bookworm|trixie|sid: the Debian packages, built and
# used the way Debian users get them, in clean roots (tools/debian-root.sh),
# on a clone of what is committed here.
#
#   1. In a clean root of SUITE: install the build dependencies
#      (mk-build-deps on debian/control), then build as an ordinary user with
#      dpkg-buildpackage -b (PG_UPDATECONTROL=yes: debian/control is made for
#      the suite's PostgreSQL major), which runs the regression and isolation
#      suites against the built files (dh_pgxs_test); then lintian.
#   2. In ANOTHER clean root of the same suite: apt-get install the .debs,
#      start a cluster, CREATE EXTENSION glossary, load data/ with
#      glossary-load, run glossary-load --help from a plain PATH, restart with
#      the library preloaded, run debian/tests with autopkgtest (the suites
#      against the installed package), then purge the packages and check that
#      no file they listed (dpkg -L before the purge) is left.
#
# Run as root.  Prints one line a check and ends with "N passed, M failed".
# Logs and the .debs go to $PACKAGE_LOGS (default /tmp/glossary-package/SUITE).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tools/debian-root.sh"
[ "$(id -u)" -eq 0 ] || { echo "test-package: run as root (it uses debootstrap and chroot)" >&2; exit 2; }

suite=${1:-bookworm}
case "$suite" in bookworm|trixie|sid) ;; *) echo "test-package: unknown suite $suite (bookworm, trixie or sid)" >&2; exit 2 ;; esac
logs=${PACKAGE_LOGS:-/tmp/glossary-package/$suite}
rm -rf "$logs"; mkdir -p "$logs"
rev=$(git -C "$top" rev-parse --short HEAD)
git -C "$top" diff --quiet HEAD || echo "test-package: uncommitted changes are not tested (it clones $rev)" >&2

passed=0 failed=0
build="" inst=""
trap 'root_drop "$build"; root_drop "$inst"' EXIT
t0=$(date +%s)

check_label="package $suite"

# the end: counts, and the exit status
finish()
{
	echo "package $suite: $(( $(date +%s) - t0 )) s in all (glossary $rev)"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}

# in the root: as root, and as the ordinary user that builds
in_build() { root_run "$build" "$*"; }
as_builder() { root_run "$build" "cd /build/glossary && runuser -u builder -- env DEBEMAIL=builder@localhost $*"; }
in_inst() { root_run "$inst" "$*"; }

apt_quiet="export DEBIAN_FRONTEND=noninteractive; apt-get -q -o Dpkg::Use-Pty=0"

# ---- 1. build ---------------------------------------------------------------
build=$(root_new "$suite") || { echo "test-package: no $suite root" >&2; failed=1; finish; }
mkdir -p "$build/build"
git clone -q "$top" "$build/build/glossary"

prepare_build()
{
	in_build "$apt_quiet update && $apt_quiet install -y --no-install-recommends devscripts equivs lintian build-essential fakeroot" &&
	in_build "useradd --create-home --shell /bin/bash builder && chown -R builder: /build && chmod 755 /build" &&
	# DEBEMAIL: mk-build-deps refuses the maintainer address "root@" of a bare root
	in_build "export DEBIAN_FRONTEND=noninteractive; cd /build && DEBEMAIL=root@localhost mk-build-deps -i -r -t 'apt-get -q -o Dpkg::Use-Pty=0 -y --no-install-recommends' glossary/debian/control" &&
	in_build "dpkg-query -W postgresql-all postgresql-server-dev-all libyaml-dev libicu-dev libcmark-dev libpq-dev"
}
check build-deps prepare_build || finish
major=$(in_build "cd /build/glossary && pg_buildext supported-versions" | tail -1)
echo "package $suite: PostgreSQL $major ($(in_build ". /etc/os-release; echo \$PRETTY_NAME"))"

check dpkg-buildpackage as_builder PG_UPDATECONTROL=yes dpkg-buildpackage -us -uc -b || finish
grep -E '^(test |     *)?[a-z_0-9]+ +\.\.\. |^ok [0-9]+ |^not ok |^# (All|[0-9]+ of)|tests (passed|failed)' "$logs/dpkg-buildpackage.log" \
	>"$logs/build-test-summary.txt" || true
echo "package $suite: build test (dh_pgxs_test): $(grep -cE '\.\.\. ok|^ok [0-9]+ ' "$logs/dpkg-buildpackage.log") ok, $(grep -cE '\.\.\. FAILED|^not ok ' "$logs/dpkg-buildpackage.log") failed"

debs()
{
	ls "$build"/build/postgresql-"$major"-glossary_1.3-1_*.deb "$build"/build/glossary-load_1.3-1_*.deb &&
	cp "$build"/build/postgresql-"$major"-glossary_1.3-1_*.deb "$build"/build/glossary-load_1.3-1_*.deb \
		"$build"/build/glossary_1.3-1_*.changes "$build"/build/glossary_1.3-1_*.buildinfo "$logs/"
}
check debs debs || finish
# debian/control as made for this suite's major, for the autopkgtest below
cp "$build/build/glossary/debian/control" "$logs/control"

# what each package holds
contents()
{
	local d
	for d in "$logs"/*.deb; do echo "== $(basename "$d")"; dpkg-deb -c "$d" | awk '{print $6, $7, $8}'; done
}
contents >"$logs/contents.txt"
versioned_no_cli()
{
	! dpkg-deb -c "$logs"/postgresql-"$major"-glossary_*.deb | awk '{print $6}' | grep -E '/bin/|glossary-load'
}
check versioned-package-no-cli versioned_no_cli
cli_package()
{
	local list
	list=$(dpkg-deb -c "$logs"/glossary-load_*.deb)
	echo "$list"
	echo "$list" | grep -E '^-rwxr-xr-x .* \./usr/bin/glossary-load$' &&
	echo "$list" | grep -E '\./usr/share/man/man1/glossary-load\.1\.gz$' &&
	[ "$(echo "$list" | grep -c -E 'bin/')" -eq 2 ]	# usr/bin/ and usr/bin/glossary-load
}
check cli-package-one-binary-and-man-page cli_package

lintian_run()
{
	local out
	# the tags in lintian.txt; with each explanation (--info) in lintian-info.txt
	root_run "$build" "cd /build && runuser -u builder -- lintian --info --display-info --pedantic glossary_1.3-1_*.changes" >"$logs/lintian-info.txt" 2>&1
	out=$(root_run "$build" "cd /build && runuser -u builder -- lintian --display-info --pedantic glossary_1.3-1_*.changes" 2>&1)
	echo "$out" >"$logs/lintian.txt"
	echo "$out"
	! echo "$out" | grep -E '^E: '
}
check lintian-no-errors lintian_run
sed 's/^/    lintian: /' "$logs/lintian.txt"
root_drop "$build"; build=""

# ---- 2. install, use, purge -------------------------------------------------
inst=$(root_new "$suite") || { echo "test-package: no $suite root" >&2; failed=$((failed + 1)); finish; }
mkdir -p "$inst/tmp/debs" "$inst/tmp/glossary-data"
cp "$logs"/*.deb "$inst/tmp/debs/"
cp -a "$top/data/." "$inst/tmp/glossary-data/"
chmod -R a+rX "$inst/tmp/debs" "$inst/tmp/glossary-data"
cluster=/etc/postgresql/$major/main

install_debs()
{
	# no services started by maintainer scripts: the test starts its cluster itself
	printf '#!/bin/sh\nexit 101\n' >"$inst/usr/sbin/policy-rc.d" && chmod 755 "$inst/usr/sbin/policy-rc.d" &&
	in_inst "$apt_quiet update && $apt_quiet install -y --no-install-recommends /tmp/debs/*.deb" &&
	in_inst "dpkg-query -W postgresql-$major-glossary glossary-load"
}
check install install_debs || finish
in_inst "dpkg -L postgresql-$major-glossary glossary-load" >"$logs/dpkg-L.txt"

psql_() { in_inst "runuser -u postgres -- psql -X -v ON_ERROR_STOP=1 -qAt -d ${2:-postgres} -c \"$1\""; }
start_cluster()
{
	# no TCP listener: the root shares this machine's network
	in_inst "[ -d $cluster ] || pg_createcluster $major main" &&
	in_inst "echo \"listen_addresses = ''\" > $cluster/conf.d/zz-test-package.conf" &&
	in_inst "pg_ctlcluster $major main start" &&
	psql_ "SELECT version()"
}
check cluster-start start_cluster || finish

create_extension()
{
	psql_ "CREATE DATABASE glossary_test" &&
	psql_ "CREATE EXTENSION glossary" glossary_test &&
	[ "$(psql_ "SELECT extversion FROM pg_extension WHERE extname = 'glossary'" glossary_test)" = 1.3 ]
}
check create-extension create_extension

load_data()
{
	local want got port
	want=$(ls "$top"/data/entries | wc -l)
	# the cluster's port: pg_createcluster takes the next free one when this
	# machine already listens on 5432, and glossary-load, a plain libpq
	# client, does not ask pg_wrapper for it as psql does
	port=$(in_inst "pg_lsclusters -h $major main" | awk '{print $3}') &&
	echo "cluster $major/main on port $port" &&
	in_inst "cd /tmp && runuser -u postgres -- env -i PATH=/usr/bin:/bin glossary-load -d 'dbname=glossary_test port=$port' /tmp/glossary-data" &&
	got=$(psql_ "SELECT count(*) FROM glossary.entries" glossary_test) &&
	echo "entries: $got of $want files in data/entries" &&
	[ "$got" -eq "$want" ] &&
	# the loaded glossary answers: a label resolves, a page renders
	[ "$(psql_ "SELECT glossary.resolve('AUP')" glossary_test)" = acceptable-use ]
}
check load-data load_data

cli_help()
{
	local path out version
	# the login shell's PATH of a plain user, no PostgreSQL bin directory in it
	path=$(in_inst "env -i PATH=/usr/bin:/bin sh -c 'command -v glossary-load'") &&
	echo "found: $path" && [ "$path" = /usr/bin/glossary-load ] &&
	[ ! -L "$inst/usr/bin/glossary-load" ] &&
	out=$(in_inst "cd / && env -i PATH=/usr/bin:/bin glossary-load --help") &&
	echo "$out" && echo "$out" | grep -- '--export=DIR' >/dev/null &&
	version=$(in_inst "env -i PATH=/usr/bin:/bin glossary-load --version") &&
	echo "$version" && [ "$version" = 'glossary-load (glossary) 1.3' ]
}
check cli-help-plain-path cli_help

preload()
{
	in_inst "echo \"shared_preload_libraries = 'glossary'\" >> $cluster/conf.d/zz-test-package.conf" &&
	in_inst "pg_ctlcluster $major main restart" &&
	[ "$(psql_ "SHOW shared_preload_libraries")" = glossary ] &&
	psql_ "SELECT count(*) FROM glossary.entries" glossary_test
}
check server-starts-with-preload preload

# debian/tests (autopkgtest): the regression and isolation suites against
# the installed package, run by autopkgtest itself on this root (null
# testbed), as an ordinary user.  PACKAGE_AUTOPKGTEST=0 skips it.
autopkgtest_run()
{
	rm -rf "$inst/tmp/src" && git clone -q "$top" "$inst/tmp/src" &&
	cp "$logs/control" "$inst/tmp/src/debian/control" && chmod -R a+rX "$inst/tmp/src" &&
	in_inst "$apt_quiet install -y --no-install-recommends autopkgtest" &&
	in_inst "useradd --create-home --shell /bin/bash tester" &&
	in_inst "cd /tmp && autopkgtest --user=tester /tmp/debs/*.deb /tmp/src -- null"
}
if [ "${PACKAGE_AUTOPKGTEST:-1}" != 0 ]; then
	check autopkgtest autopkgtest_run
	echo "package $suite: autopkgtest: $(grep -cE '\.\.\. ok|^ok [0-9]+ ' "$logs/autopkgtest.log") ok, $(grep -cE '\.\.\. FAILED|^not ok ' "$logs/autopkgtest.log") failed; $(grep -E '^installcheck +(PASS|FAIL)' "$logs/autopkgtest.log" | tail -1)"
fi

purge()
{
	local left
	in_inst "pg_ctlcluster $major main stop" &&
	in_inst "$apt_quiet purge -y postgresql-$major-glossary glossary-load" || return 1
	! in_inst "dpkg-query -W -f='\${Status}\n' postgresql-$major-glossary glossary-load 2>/dev/null" | grep -q installed || return 1
	# every file of the lists must be gone; a directory may stay only when
	# another package still owns it (/usr/bin, /usr/share/doc, ...)
	left=$(while read -r path; do
		case "$path" in ""|/.) continue ;; esac
		if [ -L "$inst$path" ] || [ -f "$inst$path" ]; then
			echo "left: $path"
		elif [ -d "$inst$path" ] && ! in_inst "dpkg -S '$path'" >/dev/null 2>&1; then
			echo "left (directory of no package): $path"
		fi
	done <"$logs/dpkg-L.txt")
	echo "$(wc -l <"$logs/dpkg-L.txt") paths listed before the purge"
	[ -z "$left" ] || { echo "$left"; return 1; }
}
check purge-leaves-nothing purge

finish
