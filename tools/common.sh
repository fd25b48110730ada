# Shared shell functions for the make targets: dependencies and throwaway clusters.
# Sourced by tools/run-tests.sh, tools/demo.sh and tools/run-bench.sh.

# The PostgreSQL major to build and test against: PG_MAJOR when set, else
# the one this Debian release ships (12 bookworm: 15, 13 trixie: 17, sid: 18).
if [ -z "${PG_MAJOR:-}" ]; then
	PG_MAJOR=$(. /etc/os-release; case "${VERSION_ID:-}" in 12) echo 15 ;; 13) echo 17 ;; *) echo 18 ;; esac)
fi
# the clang that major's server headers bring (PGXS uses it for JIT bitcode);
# the fuzz harnesses use it with its libFuzzer runtime
case "$PG_MAJOR" in 15) CLANG_MAJOR=14 ;; 17) CLANG_MAJOR=19 ;; *) CLANG_MAJOR=21 ;; esac
export PG_MAJOR CLANG_MAJOR
PGBIN=/usr/lib/postgresql/$PG_MAJOR/bin
export PG_CONFIG=$PGBIN/pg_config

# The caller's libpq and locale settings must not reach our throwaway
# clusters: an exported PGPORT would move the server while the clients talk
# to the port we set, PGOPTIONS could change every session's search_path, and
# LANG=C would make psql talk SQL_ASCII.  cluster_start sets what we need.
# The TAP clusters take their encoding from LANG and LC_CTYPE alone
# (PostgreSQL::Test::Utils deletes LC_ALL), so those are set too: with the
# caller's LC_ALL=C and no LANG, or LANG=C, initdb chose SQL_ASCII.
for v in $(compgen -e | grep -E '^(PG|LC_)' || true); do
	case "$v" in PG_CONFIG|PG_MAJOR) ;; *) unset "$v" ;; esac
done
unset v
export LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE=
# the port of every throwaway cluster: no TCP listener, so it collides with nothing
GLOSSARY_PORT=5432

# Debian packages the build, the tests and the benchmarks need.
GLOSSARY_PACKAGES="postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR libyaml-dev libpq-dev libicu-dev gcc make libipc-run-perl clang-$CLANG_MAJOR libclang-rt-$CLANG_MAJOR-dev libcmark-dev libxml2-utils"

# missing_packages P...: those of the packages that are not installed
missing_packages()
{
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || printf ' %s' "$p"
	done
}

# ensure_packages [OPTIONAL...]: install what is missing of GLOSSARY_PACKAGES
# (as a non-root user, print the exact command and stop), then try the
# optional packages named (make test: chromium for the browser test, which
# is skipped with a message when it cannot be had).
ensure_packages()
{
	local missing optional
	missing=$(missing_packages $GLOSSARY_PACKAGES)
	optional=$(missing_packages "$@")
	if [ "$(id -u)" -ne 0 ]; then
		if [ -n "$missing" ]; then
			echo "glossary: missing Debian packages:$missing" >&2
			echo "run as root:  apt-get update && apt-get install -y$missing$optional" >&2
			exit 2
		fi
		[ -n "$optional" ] && echo "glossary: not installed (tests that need it are skipped):$optional" >&2
		return 0
	fi
	[ -z "$missing$optional" ] && return 0
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null
	if [ -n "$missing" ]; then
		echo "glossary: installing$missing" >&2
		apt-get install -y -q --no-install-recommends$missing >/dev/null
	fi
	if [ -n "$optional" ]; then
		echo "glossary: installing$optional" >&2
		apt-get install -y -q --no-install-recommends$optional >/dev/null ||
			echo "glossary: could not install$optional; the tests that need it are skipped" >&2
	fi
}

# work_copy TOP NAME: a fresh copy of the source tree under $TMPDIR (or /tmp),
# with empty stage/ and pg/ directories, readable and writable by the
# server's OS user (a checkout under /root is not); prints its path.
work_copy()
{
	local top=$1 name=$2 work
	work=$(mktemp -d "${TMPDIR:-/tmp}/glossary-$name.XXXXXX")
	chmod 755 "$work"
	# build products and the state of an earlier run (its cluster, staging, results) stay behind
	tar -C "$top" --exclude=.git --exclude='*.o' --exclude='*.so' --exclude='*.bc' \
		--exclude=./pg --exclude=./stage --exclude=./tmp_check --exclude=./results --exclude=./output_iso --exclude=./log \
		-cf - . | tar -C "$work" -xf -
	mkdir -p "$work/stage" "$work/pg"
	if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$work"; fi
	echo "$work"
}

# stage_settings STAGE: the server settings (one name='value' a line) that
# let a cluster load the extension from STAGE, where `make install
# DESTDIR=STAGE` put it.  Debian's PostgreSQL up to 17 has its own
# extension_destdir; 18 has upstream's search paths instead.
stage_settings()
{
	local stage=$1
	if [ "$PG_MAJOR" -ge 18 ]; then
		echo "extension_control_path='$stage$($PG_CONFIG --sharedir):\$system'"
		echo "dynamic_library_path='$stage$($PG_CONFIG --pkglibdir):\$libdir'"
	else
		echo "extension_destdir='$stage'"
	fi
}

# Run a command as the server's OS user (initdb refuses root).
as_server_user()
{
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# cluster_start DIR [extra postgres -c settings...]: a private cluster whose socket lives in DIR.
# Nothing listens on TCP, so clusters in different directories never collide.
cluster_start()
{
	local dir=$1; shift
	local opts="-k $dir -p $GLOSSARY_PORT -c listen_addresses='' -c fsync=off -c synchronous_commit=off"
	local o
	for o in "$@"; do opts="$opts -c $o"; done
	[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
	as_server_user $PGBIN/initdb -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
		|| { cat "$dir/initdb.log" >&2; return 1; }
	as_server_user $PGBIN/pg_ctl -D "$dir/data" -l "$dir/server.log" -w -o "$opts" start >/dev/null \
		|| { cat "$dir/server.log" >&2; return 1; }
	export PGHOST=$dir PGPORT=$GLOSSARY_PORT PGUSER=postgres PGDATABASE=postgres
}

cluster_stop()
{
	local dir=$1
	[ -f "$dir/data/postmaster.pid" ] || return 0
	as_server_user $PGBIN/pg_ctl -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}
