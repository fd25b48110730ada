# A streaming hot standby reads the glossary: resolve, suggest, mentions,
# backlinks and classify_release work there, and a session that keeps its
# label index sees an import on the primary as soon as it is replayed (the
# version it follows is a table, replayed like any other, not a message
# that only the primary's triggers send).  Both servers preload the library,
# so the standby's sessions read a label index in its shared memory.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use GlossaryTest;

my $primary = PostgreSQL::Test::Cluster->new('primary');
$primary->init(allows_streaming => 1);
use_staged_extension($primary);
use_shared_index($primary, 16);
$primary->start;
$primary->safe_psql('postgres', 'CREATE EXTENSION glossary');
load_small_glossary($primary, 'postgres');

$primary->backup('base');
my $standby = PostgreSQL::Test::Cluster->new('standby');
$standby->init_from_backup($primary, 'base', has_streaming => 1);
$standby->start;
$primary->wait_for_catchup($standby, 'replay');

is($standby->safe_psql('postgres', 'SELECT pg_is_in_recovery()'), 't', 'the standby is in recovery');
is($standby->safe_psql('postgres', q{SELECT glossary.resolve('ASL 2.0')}), 'apache-2-0', 'resolve on the standby');
is($standby->safe_psql('postgres', q{SELECT slug FROM glossary.suggest('apache 2.1') LIMIT 1}),
	'apache-2-0', 'suggest on the standby');
is($standby->safe_psql('postgres',
		q{SELECT string_agg(slug || '@' || position, ',') FROM glossary.mentions('open weights under the ASL 2.0')}),
	'open-weights@1,apache-2-0@24', 'mentions on the standby');
is($standby->safe_psql('postgres', q{SELECT string_agg(slug, ',') FROM glossary.backlinks('apache-2-0')}),
	'open-weights', 'backlinks on the standby');
is($standby->safe_psql('postgres',
		q{SELECT glossary.classify_release('{"weights_available": true, "weights_license": "Apache-2.0", "code_available": true, "data_information": "complete"}')}),
	$primary->safe_psql('postgres',
		q{SELECT glossary.classify_release('{"weights_available": true, "weights_license": "Apache-2.0", "code_available": true, "data_information": "complete"}')}),
	'classify_release on the standby gives the primary\'s verdict');

# a standby session with a warm index, kept open across the import
my $session = $standby->background_psql('postgres');
is($session->query_safe(q{SELECT coalesce(glossary.resolve('OSAID'), 'none')}), 'none', 'not yet known on the standby');
my $builds_before = $session->query_safe('SELECT builds FROM glossary.label_index_stats()');

$primary->safe_psql('postgres', q{SET client_min_messages = warning; SELECT glossary.import_markdown('osaid', $$---
term: Open Source AI Definition
category: weights
aliases: [OSAID]
summary: The OSI's definition.
---
Requires [[open weights]] under an [[ASL 2.0]]-like licence.
$$)});
$primary->wait_for_catchup($standby, 'replay');

is($session->query_safe(q{SELECT coalesce(glossary.resolve('OSAID'), 'none')}), 'osaid',
	'the same standby session sees the import once replayed');
is($session->query_safe(q{SELECT string_agg(slug, ',' ORDER BY slug) FROM glossary.backlinks('open weights')}),
	'apache-2-0,osaid', 'and its links in backlinks');
is($session->query_safe(q{SELECT string_agg(slug, ',') FROM glossary.mentions('the OSAID')}), 'osaid',
	'and its alias in mentions');
is($session->query_safe('SELECT builds FROM glossary.label_index_stats()'), $builds_before,
	'the standby session updated its index in place for the one-entry import (no rebuild)');
my $builds_after = $session->query_safe('SELECT builds FROM glossary.label_index_stats()');
$session->query_safe(q{SELECT glossary.resolve('osaid')});
is($session->query_safe('SELECT builds FROM glossary.label_index_stats()'), $builds_after,
	'and keeps it while nothing changes');

# a large write on the primary lists no entries: the standby rebuilds
$primary->safe_psql('postgres', q{UPDATE glossary.entries SET summary = summary || ' ' WHERE slug = 'osaid'; TRUNCATE glossary.links});
$primary->wait_for_catchup($standby, 'replay');
is($session->query_safe(q{SELECT coalesce(string_agg(slug, ','), 'none') FROM glossary.backlinks('open weights')}), 'none',
	'a TRUNCATE on the primary is seen');
$primary->safe_psql('postgres', q{TRUNCATE glossary.aliases});
$primary->wait_for_catchup($standby, 'replay');
is($session->query_safe(q{SELECT coalesce(glossary.resolve('ASL 2.0'), 'none')}), 'none', 'aliases truncated on the primary are gone');
cmp_ok($session->query_safe('SELECT builds FROM glossary.label_index_stats()'), '>', $builds_before,
	'which took a rebuild');
$builds_after = $session->query_safe('SELECT builds FROM glossary.label_index_stats()');

# a write on the primary to categories alone is replayed without a rebuild
$primary->safe_psql('postgres', q{UPDATE glossary.categories SET title = 'Model weights'});
$primary->wait_for_catchup($standby, 'replay');
$session->query_safe(q{SELECT glossary.resolve('osaid')});
is($session->query_safe('SELECT builds FROM glossary.label_index_stats()'), $builds_after,
	'a category change does not rebuild the index');

# the standby refuses writes, with the server's own message
my ($ret, $out, $err) = $standby->psql('postgres',
	q{SELECT glossary.import_markdown('x', E'---\nterm: X\ncategory: weights\nsummary: S.\n---\n')});
isnt($ret, 0, 'an import on the standby fails');
like($err, qr/read-only transaction/, 'because the standby is read-only');

$session->quit;
$standby->stop;
$primary->stop;
done_testing();
