# Past the first xid epoch (pg_resetwal --epoch): glossary.changes.xact is an
# xid8 (epoch and xid), and a transaction must still recognise its own row
# there.  1.2 compared it with the 32-bit xid, which matches only in epoch 0:
# a transaction that wrote and read the glossary then took its own
# uncommitted row for a committed transaction, so after a ROLLBACK the
# session's index counted a transaction that never committed and was built
# again from scratch instead of updated.  Run once in epoch 0 and once in
# epoch 1, with each session's own index (no preloading) and with the
# shared one: the same answers and the same builds in both.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use GlossaryTest;

for my $shared (0, 1)
{
	my $mode = $shared ? 'shared index' : 'session index';
	my $node = PostgreSQL::Test::Cluster->new($shared ? 'epoch_shared' : 'epoch_local');
	$node->init;
	use_staged_extension($node);
	use_shared_index($node, 16) if $shared;
	$node->start;
	$node->safe_psql('postgres', 'CREATE EXTENSION glossary');
	load_small_glossary($node, 'postgres');

	for my $epoch (0, 1)
	{
		if ($epoch > 0)
		{
			$node->stop;
			command_ok([ 'pg_resetwal', '--epoch', $epoch, $node->data_dir ], "$mode: pg_resetwal --epoch $epoch");
			$node->start;
		}
		is($node->safe_psql('postgres', q{SELECT pg_current_xact_id()::text::bigint >> 32}), $epoch,
			"$mode: the cluster is in epoch $epoch");

		# one session: a warm index, a write read in its own transaction and
		# rolled back, a write read and committed
		my $out = $node->safe_psql('postgres', q{
SELECT glossary.resolve('ASL 2.0');
SELECT builds AS b0 FROM glossary.label_index_stats() \gset
BEGIN;
DELETE FROM glossary.aliases WHERE alias = 'ASL 2.0';
SELECT coalesce(glossary.resolve('ASL 2.0'), 'none') AS in_transaction;
ROLLBACK;
SELECT glossary.resolve('ASL 2.0') AS after_rollback;
SELECT builds - :b0 AS builds_after_rollback FROM glossary.label_index_stats();
BEGIN;
UPDATE glossary.aliases SET alias = 'ASL-2' WHERE alias = 'ASL 2.0';
SELECT glossary.resolve('ASL-2') AS in_transaction;
COMMIT;
SELECT coalesce(glossary.resolve('ASL 2.0'), 'none'), glossary.resolve('ASL-2');
SELECT builds - :b0 AS builds_after_commit FROM glossary.label_index_stats();
UPDATE glossary.aliases SET alias = 'ASL 2.0' WHERE alias = 'ASL-2';
});
		is($out, join("\n", 'apache-2-0', 'none', 'apache-2-0', '0', 'apache-2-0', 'none|apache-2-0', '0'),
			"$mode, epoch $epoch: the transaction reads its own writes, and after its ROLLBACK and its COMMIT the index is updated, not built again");
	}
	$node->stop;
}

done_testing();
