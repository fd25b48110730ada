#!/bin/bash
# make test-dist [SUITE=bookworm]: the PGXN release zip, used the way
# `pgxn install` and `pgxn check` use it.
#
#   1. make dist here (git archive of HEAD); META.json checked against the
#      PGXN Meta Spec 1.0.0 (required keys, SemVer, provides, prereqs that
#      name PostgreSQL only, no keys the spec refuses).  Debian has no
#      PGXN::Meta::Validator (apt-cache search pgxn: pgxnclient only), so the
#      check is a small python3 script.
#   2. In a clean root of SUITE (tools/debian-root.sh) with only the Debian
#      packages the README names: unzip into an empty directory, make as an
#      ordinary user, make install as root, make installcheck against a
#      cluster that preloads the library (as make test does).
#
# Run as root.  One line a check, then "N passed, M failed".  Logs in
# $DIST_LOGS (default /tmp/glossary-dist/SUITE).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tools/debian-root.sh"
[ "$(id -u)" -eq 0 ] || { echo "test-dist: run as root (it uses debootstrap and chroot)" >&2; exit 2; }

suite=${1:-bookworm}
major=$(suite_major "$suite") || exit 2
logs=${DIST_LOGS:-/tmp/glossary-dist/$suite}
rm -rf "$logs"; mkdir -p "$logs"
passed=0 failed=0 root=""
trap 'root_drop "$root"' EXIT
t0=$(date +%s)

check_label="dist $suite"
finish()
{
	echo "dist $suite: $(( $(date +%s) - t0 )) s in all"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]; exit $?
}

version=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$top/glossary.control").0
zip=glossary-$version.zip

make_dist() { make -C "$top" -s dist && cp "$top/$zip" "$logs/"; }
check make-dist make_dist || finish

meta_json()
{
	unzip -p "$logs/$zip" "glossary-$version/META.json" >"$logs/META.json" &&
	unzip -Z1 "$logs/$zip" >"$logs/zip-files.txt" &&
	python3 - "$logs/META.json" "$logs/zip-files.txt" "$version" <<'EOF'
import json, re, sys
meta = json.load(open(sys.argv[1]))
files = {l.strip().split('/', 1)[1] for l in open(sys.argv[2]) if '/' in l}
version = sys.argv[3]
errors = []
def err(m): errors.append(m)
semver = re.compile(r'^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+)?$')
allowed = {'name', 'version', 'abstract', 'maintainer', 'license', 'provides', 'meta-spec',
           'description', 'generated_by', 'tags', 'no_index', 'prereqs', 'release_status', 'resources'}
for k in meta:
    if k not in allowed and not k.lower().startswith('x_'):
        err('key %s is not in the spec (custom keys start with x_)' % k)
for k in ('name', 'version', 'abstract', 'maintainer', 'license', 'provides', 'meta-spec'):
    if k not in meta:
        err('required key %s is missing' % k)
name = meta.get('name', '')
if len(name) < 2 or re.search(r'[/\\\s\x00-\x1f]', name):
    err('name %r is not a term' % name)
if not semver.match(meta.get('version', '')):
    err('version %r is not SemVer' % meta.get('version'))
if meta.get('version') != version:
    err('version %s, control file says %s' % (meta.get('version'), version))
if meta.get('meta-spec', {}).get('version') != '1.0.0':
    err('meta-spec version is not 1.0.0')
m = meta.get('maintainer')
for x in (m if isinstance(m, list) else [m]):
    if not isinstance(x, str) or not x:
        err('maintainer %r' % x)
lic = meta.get('license')
keywords = {'agpl_3', 'apache_1_1', 'apache_2_0', 'artistic_1', 'artistic_2', 'bsd', 'freebsd', 'gfdl_1_2',
            'gfdl_1_3', 'gpl_1', 'gpl_2', 'gpl_3', 'lgpl_2_1', 'lgpl_3_0', 'mit', 'mozilla_1_0', 'mozilla_1_1',
            'openssl', 'perl_5', 'postgresql', 'qpl_1_0', 'ssleay', 'sun', 'zlib', 'open_source',
            'restricted', 'unrestricted', 'unknown'}
if isinstance(lic, str) and lic not in keywords:
    err('license %r is not a keyword' % lic)
for ext, p in meta.get('provides', {}).items():
    for k in ('file', 'version'):
        if k not in p:
            err('provides.%s.%s is missing' % (ext, k))
    if p.get('file') not in files:
        err('provides.%s.file %s is not in the zip' % (ext, p.get('file')))
    if 'docfile' in p and p['docfile'] not in files:
        err('provides.%s.docfile %s is not in the zip' % (ext, p['docfile']))
    if not semver.match(p.get('version', '')):
        err('provides.%s.version %r is not SemVer' % (ext, p.get('version')))
    elif p['version'] != version:
        err('provides.%s.version %s, control file says %s' % (ext, p['version'], version))
for phase, rels in meta.get('prereqs', {}).items():
    if phase not in ('configure', 'build', 'test', 'runtime', 'develop'):
        err('prereqs phase %s' % phase)
    for rel, reqs in rels.items():
        if rel not in ('requires', 'recommends', 'suggests', 'conflicts'):
            err('prereqs relation %s' % rel)
        for dep in reqs:
            # the spec: only PGXN distributions and PostgreSQL core/contrib; none of those here
            if dep != 'PostgreSQL':
                err('prereqs.%s.%s names %s, which is not on PGXN or in PostgreSQL' % (phase, rel, dep))
if meta.get('prereqs', {}).get('runtime', {}).get('requires', {}).get('PostgreSQL') != '15.0.0':
    err('prereqs.runtime.requires.PostgreSQL is not 15.0.0')
if 'tags' in meta and not all(isinstance(t, str) and t for t in meta['tags']):
    err('tags must be non-empty strings')
if meta.get('release_status', 'stable') not in ('stable', 'testing', 'unstable'):
    err('release_status')
for e in errors:
    print('META.json:', e)
print('META.json: %d keys, %d problems' % (len(meta), len(errors)))
sys.exit(1 if errors else 0)
EOF
}
check meta-json meta_json

zip_contents()
{
	local f bad=0
	for f in Makefile META.json glossary.control README.md src/licences.c src/cli/main.c sql/10-schema.sql \
		data/licenses.tsv test/sql/resolve.sql tools/gen-license-table.pl; do
		grep -qx "glossary-$version/$f" "$logs/zip-files.txt" || { echo "missing: $f"; bad=1; }
	done
	grep -E "^glossary-$version/(\.ci|\.git|bench|debian|fuzz|docs/screenshots)(/|$)" "$logs/zip-files.txt" && bad=1
	grep -E "^glossary-$version/tools/(test-|run-bench|run-fuzz|run-valgrind|debian-root|cross-major)" "$logs/zip-files.txt" && bad=1
	echo "$(wc -l <"$logs/zip-files.txt") entries"
	return $bad
}
check zip-contents zip_contents

root=$(root_new "$suite") || { failed=$((failed + 1)); finish; }
apt_quiet="export DEBIAN_FRONTEND=noninteractive; apt-get -q -o Dpkg::Use-Pty=0"
in_root() { root_run "$root" "$*"; }
as_pg() { root_run "$root" "cd /var/tmp/build/glossary-$version && runuser -u postgres -- env LC_ALL=C.UTF-8 $*"; }

deps()
{
	printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" && chmod 755 "$root/usr/sbin/policy-rc.d" &&
	in_root "$apt_quiet update && $apt_quiet install -y --no-install-recommends postgresql-$major postgresql-server-dev-$major libyaml-dev libicu-dev libcmark-dev libpq-dev gcc make unzip"
}
check build-deps deps || finish

unpack()
{
	# an empty directory the server's user owns; nothing else of ours in the root
	mkdir -p "$root/var/tmp/build" && cp "$logs/$zip" "$root/var/tmp/" &&
	in_root "chown postgres: /var/tmp/build && cd /var/tmp/build && [ -z \"\$(ls -A)\" ] && runuser -u postgres -- unzip -q /var/tmp/$zip && ls"
}
check unzip unpack || finish
check make as_pg make || finish
check make-install in_root "cd /var/tmp/build/glossary-$version && make install && ls -l /usr/lib/postgresql/$major/lib/glossary.so /usr/share/postgresql/$major/extension/glossary.control /usr/lib/postgresql/$major/bin/glossary-load" || finish

cluster()
{
	local conf=/etc/postgresql/$major/main
	in_root "[ -d $conf ] || pg_createcluster $major main" &&
	in_root "printf \"%s\n\" \"listen_addresses = ''\" \"shared_preload_libraries = 'glossary'\" \"glossary.shared_index_size = 256MB\" > $conf/conf.d/zz-test-dist.conf" &&
	in_root "pg_ctlcluster $major main start"
}
check cluster-start cluster || finish
installcheck()
{
	as_pg make installcheck
	local rc=$?
	in_root "cat /var/tmp/build/glossary-$version/regression.diffs /var/tmp/build/glossary-$version/output_iso/regression.diffs 2>/dev/null | head -200"
	return $rc
}
check installcheck installcheck
echo "dist $suite: installcheck: $(grep -cE '\.\.\. ok|^ok [0-9]+ ' "$logs/installcheck.log") ok, $(grep -cE '\.\.\. FAILED|\.\.\. failed|^not ok [0-9]+ ' "$logs/installcheck.log") failed"
in_root "pg_ctlcluster $major main stop" >/dev/null 2>&1
finish
