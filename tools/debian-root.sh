# Clean Debian roots for the tests that need another PostgreSQL major or a
# machine with nothing of ours installed: make test-matrix, the package test
# and the dump carried between majors.  Sourced; run as root.
#
#   root_new SUITE      a fresh copy of a clean SUITE root, ready for root_run; prints its path
#   root_run DIR CMD    run CMD (bash -lc) inside the root as root
#   root_drop DIR       unmount and remove a copy made by root_new
#
# SUITE is a Debian suite: bookworm (PostgreSQL 15), trixie (17) or sid (18).
# The clean root (debootstrap minbase with git, make and ca-certificates) is
# made once from the machine's own Debian mirror and kept in
# $GLOSSARY_ROOTS (default /var/tmp/glossary-roots); every root_new copies it,
# so runs never see each other's packages or files.

GLOSSARY_ROOTS=${GLOSSARY_ROOTS:-/var/tmp/glossary-roots}

# the mirror this machine's apt uses (deb822 sources first, then sources.list)
debian_mirror()
{
	local m
	m=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
	[ -n "$m" ] || m=$(awk '/^deb / && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
	echo "${m:-http://deb.debian.org/debian}"
}

# suite_major SUITE: the PostgreSQL major that Debian suite ships
suite_major()
{
	case "$1" in
	bookworm) echo 15 ;;
	trixie) echo 17 ;;
	sid) echo 18 ;;
	*) echo "debian-root: unknown suite $1 (bookworm, trixie or sid)" >&2; return 2 ;;
	esac
}

# root_clean SUITE: the path of the kept clean root, made first if missing
root_clean()
{
	local suite=$1 clean mirror
	suite_major "$suite" >/dev/null || return 2
	clean=$GLOSSARY_ROOTS/$suite
	if [ ! -x "$clean/usr/bin/git" ]; then
		command -v debootstrap >/dev/null || apt-get install -y -q debootstrap >/dev/null
		mirror=$(debian_mirror)
		rm -rf "$clean.tmp"
		mkdir -p "$GLOSSARY_ROOTS"
		echo "debian-root: making a clean $suite root in $clean" >&2
		debootstrap --variant=minbase --include=git,make,ca-certificates "$suite" "$clean.tmp" "$mirror" \
			>"$GLOSSARY_ROOTS/$suite.log" 2>&1 \
			|| { echo "debian-root: debootstrap $suite failed, see $GLOSSARY_ROOTS/$suite.log" >&2; return 1; }
		rm -f "$clean.tmp"/etc/apt/sources.list "$clean.tmp"/etc/apt/sources.list.d/*
		if [ "$suite" = bookworm ] && grep -qs "Suites: bookworm" /etc/apt/sources.list.d/*.sources; then
			# this machine's own sources, security updates included
			cp /etc/apt/sources.list.d/*.sources "$clean.tmp/etc/apt/sources.list.d/"
		else
			echo "deb $mirror $suite main" >"$clean.tmp/etc/apt/sources.list"
		fi
		if [ "$suite" != bookworm ]; then
			# an unstable mirror's Release file may be past its Valid-Until date
			echo 'Acquire::Check-Valid-Until "false";' >"$clean.tmp/etc/apt/apt.conf.d/99no-valid-until"
		fi
		mv "$clean.tmp" "$clean"
	fi
	echo "$clean"
}

root_new()
{
	local suite=$1 clean dir
	clean=$(root_clean "$suite") || return 1
	dir=$(mktemp -d "${TMPDIR:-/tmp}/glossary-root-$suite.XXXXXX")
	cp -a "$clean/." "$dir/"
	mount --bind /dev "$dir/dev"
	mount -t proc proc "$dir/proc"
	mount -t tmpfs tmpfs "$dir/dev/shm"		# PostgreSQL's dynamic shared memory
	mount -t devpts devpts "$dir/dev/pts" 2>/dev/null || true
	cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
	echo "$dir"
}

root_run()
{
	local dir=$1; shift
	chroot "$dir" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin TERM=dumb CI="${CI:-}" \
		/bin/bash -lc "$*"
}

# check NAME CMD...: for the scripts that report one line a check (the
# package and dist tests): run CMD with its output in $logs/NAME.log, print
# "$check_label: NAME ... ok (N s)" or FAILED with the log's end, and count
# it in passed or failed
check()
{
	local name=$1 start=$(date +%s) status; shift
	if "$@" >"$logs/$name.log" 2>&1; then
		status=ok; passed=$((passed + 1))
	else
		status=FAILED; failed=$((failed + 1))
	fi
	echo "$check_label: $name ... $status ($(( $(date +%s) - start )) s)"
	[ "$status" = ok ] || sed 's/^/    /' "$logs/$name.log" | tail -30
	[ "$status" = ok ]
}

root_drop()
{
	local dir=$1 m
	[ -n "$dir" ] && [ -d "$dir" ] || return 0
	for m in dev/pts dev/shm proc dev; do umount -l "$dir/$m" 2>/dev/null || true; done
	# never remove through a mount that is still there
	if ! grep -q " $dir/" /proc/mounts; then rm -rf "$dir"; fi
}
