# The lifetime of the shared label index's slots and of the area itself
# (issue 19): a subtransaction that ends inside an update within the area,
# the area's reference count, the room an update in the area takes, which
# image is the newest when an older snapshot shares its version, the number
# of images the registry holds, parts that do not fit, and an image larger
# than the area.  Each numbered part failed on 1.2.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Cwd;
use GlossaryTest;

my $node = PostgreSQL::Test::Cluster->new('lifetime');
$node->init;
use_staged_extension($node);
use_shared_index($node, 16);
$node->start;

$node->safe_psql('postgres', 'CREATE DATABASE one');
$node->safe_psql('one', 'CREATE EXTENSION glossary');
load_small_glossary($node, 'one');

# 1. A row-level security policy whose function catches an error starts and
# aborts a subtransaction inside the update of a copy within the area (the
# update reads the changed entries under the reader's policies).  Only the
# subtransaction that started writing the copy may abandon it: the server
# crashed (signal 11) when an inner one did.
$node->safe_psql('one', q{
	CREATE ROLE reader;
	GRANT USAGE ON SCHEMA glossary TO reader;
	GRANT SELECT ON ALL TABLES IN SCHEMA glossary TO reader;
	CREATE FUNCTION public.policy_catches() RETURNS boolean LANGUAGE plpgsql AS $$
	BEGIN
		PERFORM 1 / 0;
		RETURN false;
	EXCEPTION WHEN division_by_zero THEN
		RETURN true;
	END $$;
	CREATE POLICY catches ON glossary.entries USING (public.policy_catches());
	ALTER TABLE glossary.entries ENABLE ROW LEVEL SECURITY;
});
is($node->safe_psql('one', q{SELECT glossary.resolve('ASL 2.0')}), 'apache-2-0', 'the superuser warms the shared index');
$node->safe_psql('one', q{UPDATE glossary.entries SET summary = 'A permissive licence, updated.' WHERE slug = 'apache-2-0'});
my ($rc, $out, $err) = $node->psql('one', q{SET ROLE reader; SELECT glossary.resolve('ASL 2.0')});
is("$rc $out", '0 apache-2-0', 'a role under the policy resolves after a one-row update: the subtransactions of its policy end inside the update');
is($node->safe_psql('one', q{SELECT count(*) || ' ' || count(*) FILTER (WHERE newest) || ' ' || sum(readers)
		FROM glossary.shared_index_stats() WHERE database = (SELECT oid FROM pg_database WHERE datname = 'one')}),
	'1 1 0', 'the updated image is shared, whole and unread');
is($node->safe_psql('one', q{SET ROLE reader; SELECT glossary.resolve('apache license')}), 'apache-2-0',
	'a new session of that role reads it');
# (an error that ends the writer's own subtransaction still abandons the
# copy: test/specs/shared_index_build.spec, with a lock timeout)
$node->safe_psql('one', q{
	ALTER TABLE glossary.entries DISABLE ROW LEVEL SECURITY;
	DROP POLICY catches ON glossary.entries;
	DROP FUNCTION public.policy_catches();
});

# 6. Every session that attaches to the area (dsa_attach_in_place) lets go
# of it when it exits (dsa_release_in_place): the area's reference count
# stays the number of sessions attached now.  It grew with every session
# for good, and failed every call after 2^32 of them.
my $kept = $node->background_psql('one');
$kept->query_safe(q{SELECT glossary.resolve('ASL 2.0')});
$node->safe_psql('one', q{SELECT glossary.resolve('ASL 2.0')}) for 1 .. 5;
ok($node->poll_query_until('one', q{SELECT sessions FROM glossary.shared_area_stats()}, '2'),
	'after five sessions have come and gone, the kept session and the asking one are attached');
$kept->quit;
ok($node->poll_query_until('one', q{SELECT sessions FROM glossary.shared_area_stats()}, '1'),
	'once the kept session has gone, only the asking one');

# 5. An update within the area takes the room its change needs: a one-row
# update of the shipped glossary (204 entries) gave an image of 5.97 MB
# for 325 kB (room for 4 MB of strings and 32,768 keys, whatever the
# change), and twelve such databases filled the default area.
my $datadir = Cwd::getcwd() . '/data';
$node->safe_psql('postgres', 'CREATE DATABASE shipped');
$node->safe_psql('shipped', 'CREATE EXTENSION glossary');
$node->safe_psql('shipped', qq{SET client_min_messages = error;
	SELECT count(*) FROM glossary.import_yaml(pg_read_file('$datadir/categories.yaml'), 'categories.yaml');
	SELECT count(*) FROM pg_ls_dir('$datadir/entries') AS f,
		LATERAL glossary.import_markdown(regexp_replace(f, '\.mdx?\$', ''), pg_read_file('$datadir/entries/' || f), f)
	WHERE f ~ '\.mdx?\$';});
my $newest_bytes = q{SELECT bytes FROM glossary.shared_index_stats()
	WHERE database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND newest};
is($node->safe_psql('shipped', q{SELECT glossary.resolve('open weights')}), 'open-weights', 'the shipped glossary is shared');
my $full = $node->safe_psql('shipped', $newest_bytes);
my $slug = $node->safe_psql('shipped', q{SELECT min(slug) FROM glossary.entries});
for my $round (1, 2)
{
	$node->safe_psql('shipped', qq{UPDATE glossary.entries SET summary = summary || ' (edited)' WHERE slug = '$slug'});
	is($node->safe_psql('shipped', qq{SELECT glossary.resolve('$slug') || ' ' || (SELECT builds FROM glossary.label_index_stats())}),
		"$slug 0", "one-row update $round: a new session reads the updated image without a build");
	my $updated = $node->safe_psql('shipped', $newest_bytes);
	note("shipped glossary: image $full bytes, after one-row update $round $updated bytes");
	ok($updated <= $full * 1.05, "after one-row update $round the image is at most 5% larger ($updated bytes against $full)");
}

# Suspected: finish_slot() marks any image it publishes as the newest of
# its database, even one a session built for an older snapshot; the image
# of the later version then goes, and new sessions copy the older one back
# up to the version they see.
$node->safe_psql('postgres', 'CREATE DATABASE snap');
$node->safe_psql('snap', 'CREATE EXTENSION glossary');
load_small_glossary($node, 'snap');
$node->safe_psql('snap', q{SELECT glossary.resolve('ASL 2.0')});
my $old_snapshot = $node->background_psql('snap');
$old_snapshot->query_safe(q{BEGIN ISOLATION LEVEL REPEATABLE READ});
$old_snapshot->query_safe(q{SELECT count(*) FROM glossary.entries});
$node->safe_psql('snap', q{UPDATE glossary.entries SET summary = 'Permissive.' WHERE slug = 'apache-2-0'});
is($node->safe_psql('snap', q{SELECT glossary.resolve('ASL 2.0')}), 'apache-2-0', 'a new session shares the later version');
is($old_snapshot->query_safe(q{SELECT glossary.resolve('ASL 2.0')}), 'apache-2-0',
	'a repeatable-read transaction that started before shares the earlier version');
my $newest_is_latest = q{SELECT count(*) || ' ' || ((SELECT committed FROM s WHERE newest) = (SELECT max(committed) FROM s))
	FROM s};
$newest_is_latest = q{WITH s AS (SELECT * FROM glossary.shared_index_stats() WHERE database = (SELECT oid FROM pg_database WHERE datname = 'snap')) }
  . $newest_is_latest;
is($node->safe_psql('snap', $newest_is_latest), '2 true',
	'both images are there, and the newest is the one with the most committed transactions');
my $published = q{SELECT published FROM glossary.shared_area_stats()};
my $published_before = $node->safe_psql('snap', $published);
is($node->safe_psql('snap', q{SELECT glossary.resolve('ASL 2.0') || ' ' || (SELECT builds FROM glossary.label_index_stats())}),
	'apache-2-0 0', 'a new session answers');
is($node->safe_psql('snap', $published) - $published_before, 0, 'from the image of the later version: nothing was published again');
$old_snapshot->query_safe('COMMIT');
$old_snapshot->quit;

# 4. The registry is sized from glossary.shared_index_size (a slot per
# 64 kB, at least 64): 66 one-tenant databases all get an image in a 16 MB
# area (256 slots), where 1.2 had 64 slots whatever the size and blamed the
# area's size for the 65th.
$node->safe_psql('postgres', 'CREATE DATABASE tenant_template');
$node->safe_psql('tenant_template', 'CREATE EXTENSION glossary');
load_small_glossary($node, 'tenant_template');
my @tenants = map { "tenant_$_" } 1 .. 66;
$node->safe_psql('postgres', "CREATE DATABASE $_ TEMPLATE tenant_template") for @tenants;
# each database answers, and then has its image: the databases without one
my $own_image = q{SELECT glossary.resolve('ASL 2.0') = 'apache-2-0' AND
	(SELECT count(*) FROM glossary.shared_index_stats() WHERE database = (SELECT oid FROM pg_database WHERE datname = current_database())) = 1};
my $all_shared = sub {
	return join(' ', grep { $node->safe_psql($_, $own_image) ne 't' } @tenants) || 'none';
};
my $log_offset = -s $node->logfile;
is($all_shared->(), 'none', 'every one of 66 databases has an image in a 16 MB area');
is($node->safe_psql('tenant_template', q{SELECT slots || ' ' || (images >= 66) || ' ' || no_slot || ' ' || refused FROM glossary.shared_area_stats()}),
	'256 true 0 0', 'the registry has 256 slots, all images are kept, nothing was refused');
ok(!$node->log_contains(qr/does not fit in glossary.shared_index_size|no free slot/, $log_offset),
	'and the log reports no refusal');

# a 2 MB area has 64 slots: the 65th and 66th databases free the oldest
# images nobody reads, and each database still gets its image when it asks
$node->append_conf('postgresql.conf', "glossary.shared_index_size = '2MB'");
$node->restart;
$log_offset = -s $node->logfile;
is($all_shared->(), 'none', 'with 64 slots for 66 databases, each database still gets an image when it asks');
is($node->safe_psql('tenant_template', q{SELECT slots || ' ' || images || ' ' || published || ' ' || evicted || ' ' || no_slot || ' ' || refused
		FROM glossary.shared_area_stats()}),
	'64 64 66 2 0 0', 'the two oldest unread images were evicted for a slot, nothing was refused');
ok(!$node->log_contains(qr/does not fit in glossary.shared_index_size|no free slot/, $log_offset),
	'and the log reports no refusal');

# 7. An area with room for the index but not for the automaton of
# mentions(): the session keeps the automaton it built for that image
# across transactions, as a session with an index of its own does.  It was
# rebuilt in every transaction (1000x slower than without preloading).
$node->safe_psql('postgres', 'CREATE DATABASE parts');
$node->safe_psql('parts', 'CREATE EXTENSION glossary');
$node->safe_psql('parts', q{SET client_min_messages = warning;
	INSERT INTO glossary.categories VALUES ('p', 'Parts');
	INSERT INTO glossary.entries (slug, term, category, summary)
		SELECT 'part-' || i, 'Part term ' || i || ' ' || md5(i::text), 'p', 'Summary.' FROM generate_series(1, 1500) i;
	INSERT INTO glossary.aliases SELECT 'part-' || i, 'part alias ' || md5('a' || i) FROM generate_series(1, 1500) i;});
$log_offset = -s $node->logfile;
is($node->safe_psql('parts', q{SELECT glossary.resolve('part term 7 ' || md5('7'))}), 'part-7', 'the index of 1,500 entries is shared in a 2 MB area');
my $parts = $node->background_psql('parts');
my $before = $parts->query_safe(q{SELECT part_builds FROM glossary.shared_area_stats()});
my $mentions = q{SELECT string_agg(slug, ',') FROM glossary.mentions('see part term 3 ' || md5('3') || ' and part alias ' || md5('a9'))};
is($parts->query_safe($mentions), 'part-3,part-9', "mentions() in the session's transaction $_") for 1 .. 3;
is($node->safe_psql('parts', q{SELECT count(*) || ' ' || bool_and(bytes < 1600000) FROM glossary.shared_index_stats()
		WHERE database = (SELECT oid FROM pg_database WHERE datname = current_database())}),
	'1 true', 'the image is shared without the automaton (about 1.4 MB of the 2 MB area)');
is($parts->query_safe(q{SELECT part_builds FROM glossary.shared_area_stats()}) - $before, 1,
	'three transactions of mentions() built the automaton once');
$parts->quit;
ok($node->log_contains(qr/glossary label index part \(mentions\(\) automaton\) of \d+ kB does not fit in glossary.shared_index_size/, $log_offset),
	'the log says the automaton did not fit');

# an image larger than the whole area is refused without evicting anything:
# it freed every unread image of the other databases first, in vain
my @few = @tenants[0 .. 9];
$node->safe_psql($_, q{SELECT glossary.resolve('ASL 2.0')}) for @few;
$node->safe_psql('postgres', 'CREATE DATABASE huge');
$node->safe_psql('huge', 'CREATE EXTENSION glossary');
$node->safe_psql('huge', q{SET client_min_messages = warning;
	INSERT INTO glossary.categories VALUES ('h', 'Huge');
	INSERT INTO glossary.entries (slug, term, category, summary)
		SELECT 'huge-' || i, 'Huge term ' || i || ' ' || md5(i::text), 'h', 'Summary.' FROM generate_series(1, 4000) i;});
my $evicted = q{SELECT evicted FROM glossary.shared_area_stats()};
my $evicted_before = $node->safe_psql('huge', $evicted);
is($node->safe_psql('huge', q{SELECT glossary.resolve('huge term 9 ' || md5('9'))}), 'huge-9',
	'a glossary larger than the 2 MB area is answered from an index of the session');
is($node->safe_psql('huge', $evicted) - $evicted_before, 0, 'and no image of another database was evicted for it');
is(join(' ', grep { $node->safe_psql($_, q{SELECT count(*) FROM glossary.shared_index_stats()
		WHERE database = (SELECT oid FROM pg_database WHERE datname = current_database())}) ne '1' } @few) || 'none',
	'none', 'the ten databases that asked last keep their images');

$node->stop;
done_testing();
