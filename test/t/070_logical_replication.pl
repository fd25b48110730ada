# Logical replication of the glossary to a subscriber.  The supported way:
# publish the schema's tables (FOR TABLES IN SCHEMA glossary, or the five
# source tables), with the extension installed on the subscriber.  The
# subscriber derives links itself (entries_sync_links fires ALWAYS), drops
# the replicated rows of the derived tables links and changes, and records
# its apply transactions in glossary.changes (row triggers enabled for
# replica mode, and statement triggers for a TRUNCATE, which fires no row
# trigger), so its label caches and its shared index follow every applied
# change.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use GlossaryTest;

my $publisher = PostgreSQL::Test::Cluster->new('publisher');
$publisher->init(allows_streaming => 'logical');
my $subscriber = PostgreSQL::Test::Cluster->new('subscriber');
$subscriber->init;
for my $node ($publisher, $subscriber)
{
	use_staged_extension($node);
	# the subscriber's sessions share an index too (a new session reads it)
	use_shared_index($node, 64) if $node == $subscriber;
	$node->start;
	$node->safe_psql('postgres', 'CREATE EXTENSION glossary');
}

load_small_glossary($publisher, 'postgres');

$publisher->safe_psql('postgres', 'CREATE PUBLICATION glossary_pub FOR TABLES IN SCHEMA glossary');
my $connstr = $publisher->connstr . ' dbname=postgres';
$subscriber->safe_psql('postgres',
	"CREATE SUBSCRIPTION glossary_sub CONNECTION '$connstr' PUBLICATION glossary_pub");
$subscriber->wait_for_subscription_sync($publisher, 'glossary_sub');

my $links = q{SELECT coalesce(string_agg(entry || ':' || position || ':' || target, ',' ORDER BY entry, position), '') FROM glossary.links};
is($subscriber->safe_psql('postgres', $links), $publisher->safe_psql('postgres', $links),
	'initial sync: the subscriber derived the same links, once each');
is($subscriber->safe_psql('postgres', q{SELECT glossary.resolve('ASL 2.0')}), 'apache-2-0', 'resolve on the subscriber');
is($subscriber->safe_psql('postgres', q{SELECT string_agg(slug, ',') FROM glossary.backlinks('apache-2-0')}),
	'open-weights', 'backlinks on the subscriber');

# a subscriber session with a warm index, kept open across the changes
my $session = $subscriber->background_psql('postgres');
is($session->query_safe(q{SELECT coalesce(glossary.resolve('OSAID'), 'none')}), 'none', 'not yet known on the subscriber');

$publisher->safe_psql('postgres', q{SET client_min_messages = warning; SELECT glossary.import_markdown('osaid', $$---
term: Open Source AI Definition
category: weights
aliases: [OSAID]
summary: The OSI's definition.
---
Requires [[open weights]] under an [[ASL 2.0]]-like licence.
$$)});
$publisher->wait_for_catchup('glossary_sub');

is($session->query_safe(q{SELECT coalesce(glossary.resolve('OSAID'), 'none')}), 'osaid',
	'the same subscriber session sees the applied import');
is($session->query_safe(q{SELECT string_agg(slug, ',' ORDER BY slug) FROM glossary.backlinks('open weights')}),
	'apache-2-0,osaid', 'backlinks follow the applied links');
is($subscriber->safe_psql('postgres', $links), $publisher->safe_psql('postgres', $links),
	'after the import: the same links on both');

# a changed body, an alias removed, an entry deleted
$publisher->safe_psql('postgres', q{UPDATE glossary.entries SET body = 'Now about [[OSAID]] only.' WHERE slug = 'open-weights'});
$publisher->safe_psql('postgres', q{DELETE FROM glossary.aliases WHERE alias = 'ASL 2.0'});
$publisher->safe_psql('postgres', q{DELETE FROM glossary.entries WHERE slug = 'apache-2-0'});
$publisher->wait_for_catchup('glossary_sub');
is($subscriber->safe_psql('postgres', $links), $publisher->safe_psql('postgres', $links),
	'after an edit and a delete: the same links on both (no orphans)');
is($session->query_safe(q{SELECT coalesce(glossary.resolve('ASL 2.0'), 'none') || ' ' || coalesce(glossary.resolve('Apache 2.0'), 'none')}),
	'none none', 'the removed alias and the deleted entry are gone from the index');
is($session->query_safe(q{SELECT string_agg(slug, ',') FROM glossary.backlinks('OSAID')}), 'open-weights',
	'and the backlinks follow the edited body');

# the subscriber's version table holds its own apply transactions only
is($subscriber->safe_psql('postgres',
		q{SELECT count(*) > 0 FROM glossary.changes}), 't', 'the subscriber records its apply transactions');
my $pub_xacts = $publisher->safe_psql('postgres', q{SELECT coalesce(string_agg(xact::text, ','), '') FROM glossary.changes});
my $sub_xacts = $subscriber->safe_psql('postgres', q{SELECT coalesce(string_agg(xact::text, ','), '') FROM glossary.changes});
isnt($sub_xacts, $pub_xacts, 'and not the publisher\'s rows');

# an applied change names its entries (the replica-mode row triggers note
# them), so a new subscriber session gets the shared index updated with
# that entry, without a build
is($subscriber->safe_psql('postgres', q{SELECT glossary.resolve('OSAID')}), 'osaid', 'an image of the current version');
$publisher->safe_psql('postgres', q{UPDATE glossary.entries SET summary = 'The definition of the OSI.' WHERE slug = 'osaid'});
$publisher->safe_psql('postgres', q{INSERT INTO glossary.aliases VALUES ('osaid', 'OSI definition')});
$publisher->wait_for_catchup('glossary_sub');
is($subscriber->safe_psql('postgres', q{SELECT array_to_string(slugs, ',') || ' + ' || coalesce(array_to_string(merged_slugs, ','), 'not known') FROM glossary.changes ORDER BY xact DESC LIMIT 1}),
	'osaid + apache-2-0,open-weights,osaid',
	'the subscriber\'s row of the last applied transaction lists its entry, and those of the earlier ones it folded: none is "not known"');
is($subscriber->safe_psql('postgres', q{SELECT glossary.resolve('OSI definition'), (SELECT builds FROM glossary.label_index_stats())}),
	'osaid|0', 'a new session reads the shared index updated with the applied entry: no build');

# a replicated TRUNCATE: the subscriber's indexes, the warm session's and
# the shared one that new sessions read, no longer answer the entries
my $osaid = q{SELECT coalesce(glossary.resolve('OSAID'), 'none') || ' ' || glossary.link_status('OSAID')};
is($session->query_safe($osaid), 'osaid resolved', 'before the TRUNCATE: resolved in the warm session');
is($subscriber->safe_psql('postgres', $osaid), 'osaid resolved', 'and in a new session (the shared index)');
$publisher->safe_psql('postgres', q{TRUNCATE glossary.entries CASCADE});
$publisher->wait_for_catchup('glossary_sub');
is($subscriber->safe_psql('postgres', q{SELECT count(*) FROM glossary.entries}), '0',
	'the TRUNCATE was applied on the subscriber');
is($session->query_safe($osaid), 'none dangling', 'after a replicated TRUNCATE: not resolved in the warm session');
is($subscriber->safe_psql('postgres', $osaid), 'none dangling', 'nor in a new session');
is($subscriber->safe_psql('postgres', q{SELECT count(*) FROM glossary.lookup('open weights')}), '0',
	'lookup finds nothing either');
is($subscriber->safe_psql('postgres', q{SELECT labels AND slugs IS NULL FROM glossary.changes ORDER BY xact DESC LIMIT 1}), 't',
	'the subscriber recorded the TRUNCATE as a change whose entries are not known');

$session->quit;
$subscriber->stop;
$publisher->stop;
done_testing();
