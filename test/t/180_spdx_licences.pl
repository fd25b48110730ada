# Every identifier of the pinned SPDX License List (data/spdx/licenses.json) is
# recognised by license_info, and its verdict in classify_release and mof_class
# follows from its SPDX flags by the rule of docs/classification.md ("Licences from
# the SPDX list"), computed here from the JSON and data/licenses.tsv alone:
# - a row of data/licenses.tsv with the id decides the kind (our rows win);
# - else OSI-approved -> osi-approved, else FSF-libre -> fsf-libre, else restricted;
# - a deprecated id resolves to its current one (X -> X-only, X+ -> X-or-later, or a
#   current SPDX id named in tools/gen-license-table.pl) and takes that one's verdict.
# Verdicts: a complete release card (weights, code, data) under the licence is
# open_source_ai for osi-approved and fsf-libre, open_weights for open-data (the code
# licence is not OSI-approved), restricted_weights for restricted; a complete Class III
# MOF record under it is class 3 when the licence is open (any but restricted), else 0.
use strict;
use warnings;
use JSON::PP ();
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use GlossaryTest;

$ENV{GLOSSARY_STAGE} or plan skip_all => 'GLOSSARY_STAGE is not set (run through make test)';

my $spdx = do
{
	open my $j, '<', 'data/spdx/licenses.json' or die "data/spdx/licenses.json: $!";
	local $/;
	JSON::PP::decode_json(<$j>);
};
my %e = map { $_->{licenseId} => $_ } @{$spdx->{licenses}};
my %tsv_kind;
{
	open my $t, '<', 'data/licenses.tsv' or die "data/licenses.tsv: $!";
	while (<$t>)
	{
		next if /^\s*(#|$)/;
		my @c = split /\t/;
		$tsv_kind{$c[0]} = $c[2];
	}
}

sub expected_kind
{
	my ($id) = @_;
	return $tsv_kind{$id} if $tsv_kind{$id};
	return 'osi-approved' if $e{$id}{isOsiApproved};
	return 'fsf-libre' if $e{$id}{isFsfLibre};
	return 'restricted';
}
my %verdict = ('osi-approved' => 'open_source_ai', 'fsf-libre' => 'open_source_ai',
			   'open-data' => 'open_weights', 'restricted' => 'restricted_weights');

my $node = PostgreSQL::Test::Cluster->new('spdx');
$node->init;
use_staged_extension($node);
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION glossary');

sub sqlq { my ($s) = @_; $s =~ s/'/''/g; return "'$s'"; }

# one query for all identifiers: id | resolved id | kind | classify_release | mof_class
my @ids = sort keys %e;
my $values = join(",\n", map { '(' . sqlq($_) . ')' } @ids);
my $out = $node->safe_psql('postgres', qq{
SELECT s, coalesce((glossary.license_info(s)).id, '-'), coalesce((glossary.license_info(s)).kind, '-'),
	coalesce((glossary.license_info(s)).note, '-'),
	glossary.classify_release(jsonb_build_object('weights_available', true, 'weights_license', s,
		'code_available', true, 'code_license', s, 'data_information', 'complete')),
	glossary.mof_class(jsonb_build_object('release', jsonb_build_object('name', 'test', 'version', '1',
		'producer', 'glossary', 'license', jsonb_build_object('distribution', jsonb_build_object('name', s, 'path', '')),
		'components', (SELECT jsonb_agg(jsonb_build_object('name', c)) FROM unnest(ARRAY['Model architecture',
			'Model parameters (Final)', 'Evaluation results', 'Model card', 'Data card', 'Technical report']) AS c))))
FROM (VALUES $values) AS v(s)});
my %got = map { my @f = split /\|/; ($f[0] => [@f[1 .. 5]]) } split /\n/, $out;
is(scalar(keys %got), scalar(@ids), scalar(@ids) . ' SPDX identifiers asked');

my %current = (
	'BSD-2-Clause-FreeBSD' => 'BSD-2-Clause', 'BSD-2-Clause-NetBSD' => 'BSD-2-Clause',
	'bzip2-1.0.5' => 'bzip2-1.0.6', 'StandardML-NJ' => 'SMLNJ', 'Nunit' => 'zlib-acknowledgement',
	'eCos-2.0' => 'GPL-2.0-or-later', 'wxWindows' => 'GPL-2.0-or-later');
my (%count, @diff);
for my $id (@ids)
{
	my $g = $got{$id} or next;
	my $target = $id;
	if ($e{$id}{isDeprecatedLicenseId})
	{
		$target = $current{$id} // ($id =~ /^(.*)-with-.*exception$/ ? "$1-only"
									: $id =~ /^(.*)\+$/ ? "$1-or-later" : "$id-only");
		$count{deprecated}++;
		# the SPDX flags of the deprecated id and of its current one may differ
		my $own = $e{$id}{isOsiApproved} || $e{$id}{isFsfLibre} ? 1 : 0;
		my $cur = $e{$target}{isOsiApproved} || $e{$target}{isFsfLibre} || ($tsv_kind{$target} // '') eq 'open-data' ? 1 : 0;
		push @diff, $id if $own != $cur;
	}
	my $kind = expected_kind($target);
	$count{$kind}++ unless $e{$id}{isDeprecatedLicenseId};
	# the note states the SPDX flags of the licence
	my $flags = join(', ', ($e{$target}{isOsiApproved} ? 'OSI-approved' : ()), ($e{$target}{isFsfLibre} ? 'FSF-libre' : ()))
		|| 'neither OSI-approved nor FSF-libre';
	my $note = splice(@$g, 2, 1);
	is_deeply($g, [$target, $kind, $verdict{$kind}, $kind eq 'restricted' ? 0 : 3],
			  "$id: $target, $kind") or diag(explain($e{$id}));
	like($note, qr/\QSPDX $spdx->{licenseListVersion}: $flags;\E/, "$id: the note gives the SPDX flags");
	like($note, qr/deprecated SPDX ids: .*\Q$id\E/, "$id: the note names it deprecated") if $id ne $target;
}
note("non-deprecated by kind: " . join(', ', map { "$_ $count{$_}" } sort keys %count));
note("deprecated ids whose own flags differ from their current one's: @diff");

# the issue's examples
is($node->safe_psql('postgres', q{SELECT glossary.classify_release('{"weights_available":true,"weights_license":"MPL-1.1"}')}),
   'open_weights', 'MPL-1.1 weights are not unknown');
my $class3 = join('', <DATA>);
is($node->safe_psql('postgres', qq{SELECT glossary.mof_class(glossary.yaml_to_jsonb(\$y\$$class3\$y\$))}),
   '3', 'a complete Class III MOF record under Python-2.0 is class 3, as in the MOT');
for my $s ('BSD-2-Clause-Patent', 'ZPL-2.1', 'W3C', 'LGPL-2.0-only', 'lgpl-2.0-only', 'GPL-2.0', 'LGPL-2.1+', 'GPL-2.0+')
{
	isnt($node->safe_psql('postgres', 'SELECT (glossary.license_info(' . sqlq($s) . ')).id'), '', "$s is recognised");
}
is($node->safe_psql('postgres', q{SELECT (glossary.license_info('LGPL-2.1+')).id}), 'LGPL-2.1-or-later', 'LGPL-2.1+ maps to LGPL-2.1-or-later');
is($node->safe_psql('postgres', q{SELECT (glossary.license_info('gpl-2.0')).id}), 'GPL-2.0-only', 'GPL-2.0 maps to GPL-2.0-only');

$node->stop;
done_testing();

__DATA__
framework:
  name: Model Openness Framework
  version: '1.0'
release:
  name: python-licensed
  version: '1'
  producer: test
  license:
    distribution:
      name: Python-2.0
      path: https://example.com/LICENSE
  components:
  - name: Model architecture
    description: code
  - name: Model parameters (Final)
    description: weights
  - name: Evaluation results
    description: results
  - name: Model card
    description: card
  - name: Data card
    description: card
  - name: Technical report
    description: report
