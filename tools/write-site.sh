#!/bin/bash
# tools/write-site.sh DIR [SLUG ...]: write the glossary's pages as static
# files: index.html, one SLUG.html per entry (every entry when no slug is
# given), feed.xml, and the stylesheet and hover script they use.  Each page
# is the fragment of glossary.render_html() / render_index_html() in a
# minimal HTML page.  psql connects as the PG* environment says, or to
# GLOSSARY_SITE_DB (a conninfo).  GLOSSARY_SITE_URL is the address the pages
# are published at, for the feed (default https://example.org/glossary/).
# GLOSSARY_SITE_SCRIPT names one more script every page loads (the browser
# test's check).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:?usage: write-site.sh DIR [SLUG ...]}
shift
site_url=${GLOSSARY_SITE_URL:-https://example.org/glossary/}
extra=${GLOSSARY_SITE_SCRIPT:-}

psql_site() { psql -X -q -v ON_ERROR_STOP=1 ${GLOSSARY_SITE_DB:+-d "$GLOSSARY_SITE_DB"} "$@"; }

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
cp "$top/tools/site/site.css" "$top/tools/site/hover.js" "$dir/"
if [ $# -eq 0 ]; then
	set -- $(psql_site -At -c 'SELECT slug FROM glossary.entries ORDER BY slug')
fi

# the page around a fragment: :title is escaped by the query, the fragment by render_*()
page_sql()
{
	local title_expr=$1 fragment_expr=$2 from=${3:-}
	cat <<SQL
SELECT '<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>' || replace(replace(replace(replace($title_expr, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;') || '</title>
<link rel="stylesheet" href="site.css">
<link rel="alternate" type="application/atom+xml" href="feed.xml" title="Glossary feed">
</head>
<body>
<nav class="site-nav"><a href="index.html">Glossary index</a> · <a href="feed.xml">Atom feed</a></nav>
' || $fragment_expr || '<script src="hover.js"></script>
$( [ -n "$extra" ] && echo "<script src=\"$extra\"></script>" )
</body>
</html>' $from;
SQL
}

{
	echo '\pset format unaligned'
	echo '\pset tuples_only on'
	echo "\\o '$dir/index.html'"
	page_sql "'Glossary'" "glossary.render_index_html('{slug}.html')"
	for slug in "$@"; do
		case "$slug" in *[!a-z0-9-]*|'') echo "write-site.sh: not a slug: $slug" >&2; exit 2 ;; esac
		echo "\\o '$dir/$slug.html'"
		page_sql "e.term || ' · Glossary'" "glossary.render_html(e.slug, '{slug}.html')" \
			"FROM glossary.entries e WHERE e.slug = '$slug'"
	done
	echo "\\o '$dir/feed.xml'"
	echo "SELECT glossary.feed_atom(:'site_url', 50);"
	echo '\o'
} | psql_site -v site_url="$site_url" -f -
echo "$dir"
