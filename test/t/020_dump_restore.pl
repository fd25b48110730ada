# pg_dump and pg_restore keep the glossary's user data, its derived links,
# working inserts and working caches.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use GlossaryTest;

my $node = PostgreSQL::Test::Cluster->new('dump');
$node->init;
use_staged_extension($node);
$node->start;

$node->safe_psql('postgres', 'CREATE DATABASE src');
$node->safe_psql('src', q{
	CREATE EXTENSION glossary;
	INSERT INTO glossary.categories (slug, title, tier, position, description)
	VALUES ('weights', 'Weights', 'core', 6, 'Parameters and their licences.'),
	       ('governance', 'Governance', 'meta', 12, 'Rules and definitions.');
	INSERT INTO glossary.entries (slug, term, category, summary, body, updated)
	VALUES ('open-weights', 'open weights', 'weights', 'Parameters anyone can download.',
	        'Compare [[osaid|the definition]] and <G term="AUP">use policies</G>.', '2026-11-01'),
	       ('osaid', 'OSAID', 'governance', 'The OSI definition of open source AI.',
	        'Written by the [[osi]].', '2026-11-02'),
	       ('acceptable-use', 'acceptable use policy', 'governance', 'Rules on how a model may be used.',
	        'Often attached to [[open-weights]].', NULL);
	INSERT INTO glossary.aliases VALUES ('acceptable-use', 'AUP'), ('open-weights', 'open-weight');
	INSERT INTO glossary.entry_categories VALUES ('open-weights', 'governance');
	INSERT INTO glossary.sources VALUES
	  ('osaid', 1, 'The Open Source AI Definition 1.0', 'https://opensource.org/ai/open-source-ai-definition',
	   'Open Source Initiative', '2024-10-28');
});

my $tables = join ' UNION ALL ', map {
	"SELECT '$_', count(*)::text || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM glossary.$_ t"
} qw(categories entries entry_categories aliases sources links);
my $before = $node->safe_psql('src', $tables);

my $tempdir = PostgreSQL::Test::Utils::tempdir;
my $dump = "$tempdir/src.dump";
$node->command_ok([ 'pg_dump', '-Fc', '-f', $dump, '-d', $node->connstr('src') ], 'pg_dump of a database with the extension');

$node->safe_psql('postgres', 'CREATE DATABASE dst');
$node->command_ok([ 'pg_restore', '--exit-on-error', '-d', $node->connstr('dst'), $dump ], 'pg_restore into a new database');

my $after = $node->safe_psql('dst', $tables);
is($after, $before, 'every glossary table holds the same rows after the restore');

is($node->safe_psql('dst', q{SELECT string_agg(entry || '@' || position || '>' || target, ', ' ORDER BY entry, position) FROM glossary.links}),
	'acceptable-use@19>open-weights, open-weights@9>osaid, open-weights@38>AUP, osaid@16>osi',
	'derived links survive the restore');

# the restored tables are not doubled by the extension's own script
is($node->safe_psql('dst', 'SELECT count(*) FROM glossary.categories'), '2', 'no duplicate rows after restore');

# inserts, updates and the link trigger keep working after the restore
$node->safe_psql('dst', q{
	INSERT INTO glossary.entries (slug, term, category, summary, body)
	VALUES ('osi', 'Open Source Initiative', 'governance', 'The steward of the Open Source Definition.', 'See [[osaid]].');
	UPDATE glossary.entries SET body = 'Now it links [[osi]].' WHERE slug = 'osaid';
});
is($node->safe_psql('dst', q{SELECT string_agg(entry || '>' || target, ',' ORDER BY entry) FROM glossary.links WHERE entry IN ('osi', 'osaid')}),
	'osaid>osi,osi>osaid', 'the link trigger works after the restore');

# the label cache is built from the restored rows and follows later changes
is($node->safe_psql('dst', q{SELECT glossary.resolve('AUP')}), 'acceptable-use', 'resolve() works on restored data');
$node->safe_psql('dst', q{INSERT INTO glossary.aliases VALUES ('osi', 'the OSI')});
is($node->safe_psql('dst', q{SELECT glossary.resolve('the OSI')}), 'osi', 'resolve() sees rows added after the restore');

# a plain-format dump restores the same way
my $plain = "$tempdir/src.sql";
$node->command_ok([ 'pg_dump', '-f', $plain, '-d', $node->connstr('src') ], 'plain pg_dump');
$node->safe_psql('postgres', 'CREATE DATABASE dst2');
$node->command_ok([ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', $plain, '-d', $node->connstr('dst2') ], 'plain dump replays');
is($node->safe_psql('dst2', $tables), $before, 'plain dump round trip keeps every row');

$node->stop;
done_testing();
