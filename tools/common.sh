# Shared shell functions for the make targets: dependencies and throwaway clusters.
# Sourced by tools/run-tests.sh, tools/demo.sh and tools/run-bench.sh.

PGBIN=/usr/lib/postgresql/15/bin
export PG_CONFIG=$PGBIN/pg_config

# The caller's libpq and locale settings must not reach our throwaway
# clusters: an exported PGPORT would move the server while the clients talk
# to the port we set, PGOPTIONS could change every session's search_path, and
# LANG=C would make psql talk SQL_ASCII.  cluster_start sets what we need.
for v in $(compgen -e | grep -E '^PG' || true); do
	case "$v" in PG_CONFIG) ;; *) unset "$v" ;; esac
done
unset v
export LC_ALL=C.UTF-8 LANGUAGE=
# the port of every throwaway cluster: no TCP listener, so it collides with nothing
GLOSSARY_PORT=5432

# Debian packages the build, the tests and the benchmarks need.
GLOSSARY_PACKAGES="postgresql-15 postgresql-server-dev-15 libyaml-dev libpq-dev libicu-dev gcc make libipc-run-perl clang-14 libclang-rt-14-dev libcmark-dev libxml2-utils"

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
