# The label index in shared memory (shared_preload_libraries = 'glossary'):
# one image per database and version, read by every session; a new session
# builds nothing; dropping the extension or the database frees its images;
# glossary.shared_index = off and a full area fall back to an index of the
# session's own, with the same answers; without preloading nothing is shared.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use GlossaryTest;

my $node = PostgreSQL::Test::Cluster->new('shared');
$node->init;
use_staged_extension($node);
use_shared_index($node, 16);
$node->start;

for my $db ('one', 'two')
{
	$node->safe_psql('postgres', "CREATE DATABASE $db");
	$node->safe_psql($db, 'CREATE EXTENSION glossary');
	load_small_glossary($node, $db);
}

my $images = q{SELECT count(*) FROM glossary.shared_index_stats() s JOIN pg_database d ON d.oid = s.database WHERE d.datname = '%s'};

is($node->safe_psql('one', q{SELECT glossary.resolve('ASL 2.0')}), 'apache-2-0', 'resolve in database one');
is($node->safe_psql('two', q{SELECT glossary.resolve('open-weight model')}), 'open-weights', 'resolve in database two');
is($node->safe_psql('one', sprintf($images, 'one')), '1', 'database one has one image');
is($node->safe_psql('one', sprintf($images, 'two')), '1', 'database two has its own image');
is($node->safe_psql('one', q{SELECT bool_and(bytes > 0 AND bytes < area_bytes AND readers = 0) FROM glossary.shared_index_stats()}),
	't', 'no session reads an image between transactions');

# a new session finds the image: it builds nothing, for resolve, mentions and suggest alike
is($node->safe_psql('one', q{SELECT glossary.resolve('apache license'),
		(SELECT string_agg(slug, ',') FROM glossary.mentions('open weights under ASL 2.0')),
		(SELECT slug FROM glossary.suggest('apache 2.1') LIMIT 1),
		(SELECT builds FROM glossary.label_index_stats())}),
	'apache-2-0|open-weights,apache-2-0|apache-2-0|0', 'a new session answers from the shared index without a build');

# a session that has committed a change sees it in its next statement; others too
my $writer = $node->background_psql('one');
my $reader = $node->background_psql('one');
is($reader->query_safe(q{SELECT coalesce(glossary.resolve('OSAID'), 'none')}), 'none', 'not yet known');
$writer->query_safe(q{SET client_min_messages = warning; SELECT glossary.import_markdown('osaid', $$---
term: Open Source AI Definition
category: weights
aliases: [OSAID]
summary: The OSI's definition.
---
Requires [[open weights]].
$$)});
is($writer->query_safe(q{SELECT glossary.resolve('OSAID')}), 'osaid', 'the writer sees its committed import in its next statement');
is($reader->query_safe(q{SELECT glossary.resolve('OSAID') || ' ' || (SELECT builds FROM glossary.label_index_stats())}),
	'osaid 0', 'another session sees it too, from the updated shared index');
is($node->safe_psql('one', sprintf($images, 'one')), '1', 'the old version was freed: one image left');

# inside a transaction that writes: the session's own copy, shared by nobody
$writer->query_safe('BEGIN');
$writer->query_safe(q{INSERT INTO glossary.aliases VALUES ('osaid', 'draft alias')});
is($writer->query_safe(q{SELECT glossary.resolve('draft alias')}), 'osaid', 'own uncommitted alias seen by its session');
is($reader->query_safe(q{SELECT coalesce(glossary.resolve('draft alias'), 'none')}), 'none', 'and by nobody else');
$writer->query_safe('ROLLBACK');
is($writer->query_safe(q{SELECT coalesce(glossary.resolve('draft alias'), 'none')}), 'none', 'gone after the rollback');

# a change too large for the room a copy in the area gets (400 entries with
# 9 aliases each: 4,400 labels) is applied to a copy in the session instead:
# still no build, and the answers of a new session that builds from scratch
my $builds = $writer->query_safe(q{SELECT builds FROM glossary.label_index_stats()});
$writer->query_safe(q{INSERT INTO glossary.entries (slug, term, category, summary)
	SELECT 'room-' || i, 'Room term ' || i, 'weights', 'Summary.' FROM generate_series(1, 400) i});
$writer->query_safe(q{INSERT INTO glossary.aliases SELECT 'room-' || i, 'room alias ' || i || ' ' || j
	FROM generate_series(1, 400) i, generate_series(1, 9) j});
is($writer->query_safe(q{SELECT glossary.resolve('room alias 399 9') || ' ' || glossary.resolve('OSAID') || ' '
		|| ((SELECT builds FROM glossary.label_index_stats()) - } . $builds . q{)}),
	'room-399 osaid 0', 'a large change is applied to a copy in the session, without a build');
my $answers = q{SELECT count(*) || ' ' || md5(string_agg(l.label || '=' || coalesce(glossary.resolve(l.label), '-')
		|| '=' || coalesce(glossary.resolve(l.label || 's'), '-'), ',' ORDER BY l.label, l.entry)) FROM glossary.labels l};
is($writer->query_safe($answers), $node->safe_psql('one', "SET glossary.shared_index = off; $answers"),
	'and it answers as a session index built from scratch');
$writer->query_safe(q{DELETE FROM glossary.entries WHERE slug LIKE 'room-%'});

# glossary.shared_index = off: an index of the session's own, same answers
is($node->safe_psql('one', q{SET glossary.shared_index = off; SELECT glossary.resolve('OSAID') || ' ' || (SELECT builds FROM glossary.label_index_stats())}),
	'osaid 1', 'with glossary.shared_index off the session builds its own index');

# dropping the extension frees the database's images (a session that read
# one holds no lock on them: DROP waits only for the table locks of open
# transactions, as for any table)
$reader->quit;
$writer->quit;
$node->safe_psql('two', 'SELECT glossary.resolve(\'ASL 2.0\')');
is($node->safe_psql('two', sprintf($images, 'one')), '1', 'database one still has its image');
$node->safe_psql('one', 'DROP EXTENSION glossary');
$node->safe_psql('two', 'SELECT 1');
is($node->safe_psql('two', sprintf($images, 'one')), '0', 'DROP EXTENSION freed the images of its database');
is($node->safe_psql('two', sprintf($images, 'two')), '1', 'the other database keeps its image');
$node->safe_psql('postgres', 'DROP DATABASE two');
$node->safe_psql('one', 'CREATE EXTENSION glossary');
is($node->safe_psql('one', q{SELECT count(*) FROM glossary.shared_index_stats()}), '0',
	'DROP DATABASE freed the images of that database');

# a glossary too large for the area: the session keeps its own index, the answers are the same
$node->safe_psql('one', q{SET client_min_messages = warning;
	INSERT INTO glossary.categories VALUES ('big', 'Big');
	INSERT INTO glossary.entries (slug, term, category, summary)
		SELECT 'big-' || i, 'Big term ' || i || ' ' || md5(i::text), 'big', 'Summary.' FROM generate_series(1, 40000) i;
	INSERT INTO glossary.aliases SELECT 'big-' || i, 'big alias ' || md5('a' || i) FROM generate_series(1, 40000) i;});
my $log_offset = -s $node->logfile;
is($node->safe_psql('one', q{SELECT glossary.resolve('big term 77 ' || md5('77')) || ' ' || (SELECT builds FROM glossary.label_index_stats())}),
	'big-77 1', 'a glossary larger than the area is still answered, from an index of the session');
ok($node->log_contains(qr/glossary label index of \d+ kB does not fit in glossary.shared_index_size/, $log_offset),
	'the server log says the index did not fit, and which setting to raise');
is($node->safe_psql('one', q{SELECT count(*) FROM glossary.shared_index_stats()}), '0', 'nothing half-written is left in the area');

# without preloading: no area, no rows, the per-session index as before
$node->append_conf('postgresql.conf', "shared_preload_libraries = ''");
$node->restart;
is($node->safe_psql('one', q{SELECT glossary.resolve('big alias ' || md5('a5')) || ' ' || (SELECT count(*) FROM glossary.shared_index_stats())}),
	'big-5 0', 'without preloading the session index answers and nothing is shared');

$node->stop;
done_testing();
