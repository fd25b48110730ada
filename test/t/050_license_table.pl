# tools/gen-license-table.pl: the build stops, naming the line, on any malformed
# line of data/licenses.tsv; the shipped files (with data/spdx/licenses.json) generate
# cleanly.
use strict;
use warnings;
use File::Temp qw(tempdir);
use Test::More;

my $gen = 'tools/gen-license-table.pl';
my $dir = tempdir(CLEANUP => 1);

# run the generator on a TSV body; returns (exit status, stdout, stderr)
sub generate
{
	my ($body, $json) = @_;
	my $tsv = "$dir/licenses.tsv";
	open my $fh, '>', $tsv or die $!;
	print $fh $body;
	close $fh;
	open $fh, '>', "$dir/licenses.json" or die $!;
	print $fh $json // '{"licenseListVersion": "test", "licenses": []}';
	close $fh;
	my $out = `perl $gen $tsv $dir/licenses.json 2>$dir/err`;
	my $status = $? >> 8;
	open my $eh, '<', "$dir/err" or die $!;
	local $/;
	my $err = <$eh>;
	return ($status, $out, $err);
}

my $good = "MIT\tMIT License\tosi-approved\t-\tmit|Expat\thttps://spdx.org/licenses/MIT.html\t-\n";

my ($status, $out, $err) = generate($good);
is($status, 0, 'a valid line generates');
like($out, qr/\{"mit", 0\}/, 'the spelling table holds the normalised spelling');
like($out, qr/\{"expat", 0\}/, 'extra spellings are in the table');

my @bad = (
	["MIT\tMIT License\tosi-approved\t-\tmit\n", qr/:1: expected 7 tab-separated columns, found 5/, 'missing columns'],
	["MIT\tMIT License\tfree\t-\tmit\thttps://x.org/\t-\n", qr/:1: unknown kind "free"/, 'unknown kind'],
	["X\tX Licence\trestricted\tno-fun\tx-licence\thttps://x.org/\t-\n", qr/:1: unknown restriction flag "no-fun"/, 'unknown flag'],
	["X\tX Licence\trestricted\tuser-cap,user-cap\tx\thttps://x.org/\t-\n", qr/restriction "user-cap" listed twice/, 'flag listed twice'],
	["MIT\tMIT License\tosi-approved\tuser-cap\tmit\thttps://x.org/\t-\n", qr/restrictions are only for restricted licences, not osi-approved ones/, 'open licence with flags'],
	["MIT\tMIT License\tosi-approved\t-\tmit\tspdx.org/MIT\t-\n", qr/source must be an http\(s\) URL/, 'source not a URL'],
	[$good . $good, qr/:2: duplicate id "MIT"/, 'duplicate id'],
	[$good . "Expat\tExpat License\tosi-approved\t-\t-\thttps://x.org/\t-\n", qr/:2: spelling "Expat" \(normalised "expat"\) already belongs to MIT \(\S+:1\)/, 'spelling shared by two licences'],
	["MIT\tMIT License\tosi-approved\t-\tmit|mit\thttps://x.org/\t-\n", qr/spelling "mit" written twice/, 'spelling written twice'],
	["MIT\tMIT License\tosi-approved\t-\tThe License\thttps://x.org/\t-\n", qr/spelling "The License" is empty once normalised/, 'spelling of stop words only'],
	["MIT\tMIT License\tosi-approved\t-\tOther\thttps://x.org/\t-\n", qr/spelling "Other" is a placeholder tag/, 'placeholder as a spelling'],
	["MIT\tMIT License\tosi-approved\t-\t" . ('a' x 300) . "\thttps://x.org/\t-\n", qr/longer than 256 bytes once normalised/, 'spelling too long'],
	["MIT\tMIT License\tosi-approved\t-\tmit \thttps://x.org/\t-\n", qr/surrounding blanks/, 'trailing blank'],
	["M I T\tMIT License\tosi-approved\t-\tmit\thttps://x.org/\t-\n", qr/id "M I T" has characters outside/, 'bad id'],
	["# only a comment\n", qr/no licences/, 'empty file'],
);
for my $case (@bad)
{
	my ($body, $re, $name) = @$case;
	($status, $out, $err) = generate($body);
	isnt($status, 0, "$name: the build stops");
	like($err, $re, "$name: the message names the problem");
}

# merging with the SPDX list
my $spdx = '{"licenseListVersion": "t", "licenses": ['
	. '{"licenseId": "GPL-2.0-only", "name": "GNU General Public License v2.0 only", "isDeprecatedLicenseId": false, "isOsiApproved": true, "isFsfLibre": true},'
	. '{"licenseId": "GPL-2.0", "name": "GNU General Public License v2.0 only", "isDeprecatedLicenseId": true, "isOsiApproved": true, "isFsfLibre": true},'
	. '{"licenseId": "WTFPL", "name": "Do What The F*ck You Want To Public License", "isDeprecatedLicenseId": false, "isOsiApproved": false, "isFsfLibre": true},'
	. '{"licenseId": "JSON", "name": "JSON License", "isDeprecatedLicenseId": false, "isOsiApproved": false}]}';
($status, $out, $err) = generate($good, $spdx);
is($status, 0, 'a TSV row and an SPDX list merge');
like($out, qr/\{"GPL-2\.0-only", .*LICENSE_KIND_OSI, .*true, true, LICENSE_FAMILY_COPYLEFT\}/, 'an OSI-approved SPDX licence, copyleft by our table');
like($out, qr/\{"WTFPL", .*LICENSE_KIND_FSF_LIBRE, .*false, true, LICENSE_FAMILY_PERMISSIVE\}/, 'an FSF-libre one is fsf-libre, permissive');
like($out, qr/\{"JSON", .*LICENSE_KIND_RESTRICTED, .*false, false, LICENSE_FAMILY_OTHER\}/, 'neither: restricted, family other');
like($out, qr/\{"gpl-2\.0", 0\}/, 'the deprecated id is a spelling of its current one (index 0 in SPDX order)');
($status, $out, $err) = generate("GPL-2.0\tGPL\tosi-approved\t-\t-\thttps://x.org/\t-\n", $spdx);
like($err, qr/:1: id "GPL-2\.0" is a deprecated SPDX identifier/, 'a TSV row may not use a deprecated id');
($status, $out, $err) = generate($good, '{"licenseListVersion": "t", "licenses": [{"licenseId": "Foo-1.0", "name": "Foo", "isDeprecatedLicenseId": true}]}');
like($err, qr/deprecated Foo-1\.0 maps to Foo-1\.0-only, which is not a current SPDX licence/, 'a deprecated id without a successor stops the build');

# the shipped files
$out = `perl $gen data/licenses.tsv data/spdx/licenses.json 2>$dir/err`;
is($? >> 8, 0, 'data/licenses.tsv and data/spdx/licenses.json generate');
my $n = () = $out =~ /^\t\{".*, LICENSE_KIND_/mg;
cmp_ok($n, '>=', 500, "the table has at least 500 licences ($n)");

done_testing();
