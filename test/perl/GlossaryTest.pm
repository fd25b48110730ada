# Helpers shared by the TAP tests in test/t: the build that make test staged.
package GlossaryTest;

use strict;
use warnings;
use Exporter 'import';

our @EXPORT = qw(use_staged_extension use_shared_index load_small_glossary staged_glossary_load);

# Let $node load the extension from make test's staging directory (the
# settings tools/common.sh's stage_settings wrote for this major); an
# extension installed in the server needs nothing.
sub use_staged_extension
{
	my ($node) = @_;
	$node->append_conf('postgresql.conf', $ENV{GLOSSARY_STAGE_CONF} . "\n")
	  if $ENV{GLOSSARY_STAGE} && $ENV{GLOSSARY_STAGE_CONF};
	return;
}

# Preload the library (the staged one when make test staged it: a preloaded
# library is found by path, not through the staging settings) with a shared
# index area of $mb megabytes.
sub use_shared_index
{
	my ($node, $mb) = @_;
	my $lib = 'glossary';
	if ($ENV{GLOSSARY_STAGE})
	{
		my $pkglibdir = `pg_config --pkglibdir`;
		chomp $pkglibdir;
		$lib = "$ENV{GLOSSARY_STAGE}$pkglibdir/glossary";
	}
	$node->append_conf('postgresql.conf',
		"shared_preload_libraries = '$lib'\nglossary.shared_index_size = '${mb}MB'");
	return;
}

# Import the two-entry glossary the replication and shared-index tests
# share into database $db of $node: "open weights" (alias "open-weight
# models") and "Apache 2.0" (aliases "Apache License", "ASL 2.0"), each
# linking to the other, in the category "weights".
sub load_small_glossary
{
	my ($node, $db) = @_;
	$node->safe_psql($db, q{SET client_min_messages = warning; SELECT glossary.import_yaml($$
categories:
  - {slug: weights, title: Weights}
entries:
  - {slug: open-weights, term: open weights, category: weights, aliases: [open-weight models], summary: Parameters anyone can download., body: "Often under the [[Apache License]]."}
  - {slug: apache-2-0, term: Apache 2.0, category: weights, aliases: [Apache License, ASL 2.0], summary: A permissive licence., body: "Common for [[open weights]]."}
$$)});
	return;
}

# The glossary-load of this build: make test stages it under GLOSSARY_STAGE,
# and prove puts the system's bindir first on PATH, where an installed
# (older) glossary-load may sit.
sub staged_glossary_load
{
	return 'glossary-load' unless $ENV{GLOSSARY_STAGE};
	my $bindir = `pg_config --bindir`;
	chomp $bindir;
	my $staged = "$ENV{GLOSSARY_STAGE}$bindir/glossary-load";
	return -x $staged ? $staged : 'glossary-load';
}

1;
