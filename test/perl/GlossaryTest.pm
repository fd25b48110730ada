# Helpers shared by the TAP tests in test/t: the build that make test staged.
package GlossaryTest;

use strict;
use warnings;
use Exporter 'import';

our @EXPORT = qw(use_staged_extension staged_glossary_load);

# Let $node load the extension from make test's staging directory (Debian's
# extension_destdir); an extension installed in the server needs nothing.
sub use_staged_extension
{
	my ($node) = @_;
	$node->append_conf('postgresql.conf', "extension_destdir = '$ENV{GLOSSARY_STAGE}'")
	  if $ENV{GLOSSARY_STAGE};
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
