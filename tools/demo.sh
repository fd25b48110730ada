#!/bin/bash
# make demo / make demo-stop: a throwaway cluster in /tmp/glossary-demo with the
# extension installed and the shipped glossary loaded, left running for psql.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tools/common.sh"

demo=${GLOSSARY_DEMO_DIR:-/tmp/glossary-demo}

stop_demo()
{
	if [ -f "$demo/pg/data/postmaster.pid" ]; then
		cluster_stop "$demo/pg"
		echo "glossary demo cluster stopped"
	fi
	rm -rf "$demo"
}

case "${1:-start}" in
	stop) stop_demo; exit 0 ;;
	start) ;;
	*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

ensure_packages
stop_demo >/dev/null

cd "$top"
make -s PG_CONFIG=$PG_CONFIG with_llvm=no >/dev/null
mkdir -p "$demo/pg"
chmod 755 "$demo"
if [ "$(id -u)" -eq 0 ]; then
	# root installs into the server's own directories, as `sudo make install` would
	make -s PG_CONFIG=$PG_CONFIG with_llvm=no install >/dev/null
	cluster_start "$demo/pg"
	bindir=$($PG_CONFIG --bindir)
else
	# anyone else: a private staging directory the demo server loads from
	make -s PG_CONFIG=$PG_CONFIG with_llvm=no install DESTDIR="$demo/stage" >/dev/null
	mapfile -t stage_conf < <(stage_settings "$demo/stage")
	cluster_start "$demo/pg" "${stage_conf[@]}"
	bindir=$demo/stage$($PG_CONFIG --bindir)
fi

psql() { command psql -X -q -v ON_ERROR_STOP=1 "$@"; }
psql -c 'CREATE EXTENSION glossary'

echo "== loading the shipped glossary with glossary-load"
"$bindir/glossary-load" "$top/data"
echo
psql -P pager=off -f "$top/tools/demo-tour.sql"

echo "== the site: index, one page per entry and the Atom feed, from glossary.render_html() and friends"
site=$("$top/tools/write-site.sh" "$demo/site")
echo "$(ls "$site"/*.html | wc -l) pages and feed.xml in $site; open file://$site/index.html"

cat <<EOT

The demo cluster is still running.  Connect with:

    psql -h $PGHOST -p $PGPORT -U postgres

Stop it with:

    make demo-stop
EOT
