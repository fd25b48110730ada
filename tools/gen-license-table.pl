#!/usr/bin/perl
# gen-license-table.pl: turn data/licenses.tsv and the pinned SPDX License List
# (data/spdx/licenses.json) into src/license_table.h, the C tables that src/licences.c
# searches.  Usage:
#   gen-license-table.pl data/licenses.tsv data/spdx/licenses.json > src/license_table.h
#
# Merge: every non-deprecated SPDX identifier becomes a licence; a row of data/licenses.tsv
# with the same id gives it its kind, restrictions, spellings, source and note (our rows win,
# the SPDX flags are kept).  Rows of data/licenses.tsv that SPDX lacks (LicenseRef-...) are
# added as they are.  A deprecated SPDX identifier is a spelling of its current one (%successor
# below, or the rule X -> X-only, X+ -> X-or-later).  For an SPDX licence without our row:
#   kind osi-approved when SPDX marks it OSI-approved, else fsf-libre when FSF-libre, else
#   restricted (no restriction flag: "terms not reviewed").  The open-data and open-content
#   licences (the MOT's open-data list) are rows of data/licenses.tsv.
# The family (permissive, copyleft, public-domain, data, content, other) is derived by
# family() below: our tables first, then "permissive" for the remaining OSI/FSF licences,
# "other" for the rest.  See docs/classification.md, "Licences from the SPDX list".
#
# Every spelling is normalised exactly as license_normalize() in src/licences.c does:
# ASCII upper case to lower case; runs of space, tab, CR, LF, _ - , / ( ) : ; " ' split
# words; a leading "v" before a digit is dropped from a word ("v2.0" -> "2.0"); the words
# license, licence, licensed, agreement, version and the are dropped; the words are joined
# with "-".  The spelling table is sorted by byte order for a binary search.
#
# The build stops on any malformed line: wrong column count, unknown kind or flag, an
# open licence with restrictions, a source that is not a URL, a duplicate id, or a spelling
# that two licences share.
use strict;
use warnings;

# The restriction flags, in bit order, with the sentence explain() prints for each.
my @flags = (
	['acceptable-use-policy', 'a separate acceptable-use policy binds every user'],
	['user-cap', 'licensees above a number of monthly active users need a separate licence'],
	['revenue-cap', 'licensees above a revenue threshold need a separate or paid licence'],
	['non-commercial', 'commercial or production use is not granted'],
	['no-derivatives', 'modified versions may not be shared'],
	['field-of-use', 'listed uses or fields of endeavour are prohibited'],
	['flow-down', 'the use restrictions must be imposed on every downstream recipient'],
	['naming-duty', 'derived models or products must carry a prescribed name'],
	['attribution-duty', 'products must display a prescribed "built with" notice'],
	['output-use-restriction', 'outputs may not be used to train or improve other models'],
	['remote-revocation', 'the licensor may restrict use remotely or unilaterally'],
	['geographic-restriction', 'rights are withheld from some regions'],
	['hosting-restriction', 'offering the model as a hosted service needs a separate licence'],
	['prior-authorisation', 'commercial use needs the licensor\'s prior written permission'],
	['unilateral-changes', 'the licensor may change binding terms or policies at any time'],
);
my %flagbit;
$flagbit{$flags[$_][0]} = $_ for 0 .. $#flags;
my %kinds = ('osi-approved' => 'LICENSE_KIND_OSI', 'fsf-libre' => 'LICENSE_KIND_FSF_LIBRE',
			 'open-data' => 'LICENSE_KIND_OPEN_DATA', 'restricted' => 'LICENSE_KIND_RESTRICTED');
my %stop = map { $_ => 1 } qw(license licence licensed agreement version the);
# Hugging Face placeholders: they mean "see weights_license_name" and are never a licence.
my %placeholder = map { $_ => 1 } qw(other unknown);
use constant MAX_NORMALIZED => 256;
use constant MAX_INPUT => 1024;

sub normalize
{
	my ($s) = @_;
	$s =~ tr/A-Z/a-z/;
	my @words = grep { length } split /[ \t\r\n_\-,\/():;"']+/, $s;
	s/^v(?=[0-9])// for @words;
	return join '-', grep { !$stop{$_} } @words;
}

sub c_string
{
	my ($s) = @_;
	$s =~ s/(["\\])/\\$1/g;
	die "control character in string\n" if $s =~ /[\x00-\x1f]/;
	return "\"$s\"";
}

# Deprecated SPDX identifiers that the rule X -> X-only, X+ -> X-or-later does not map.
# A "GPL-2.0-with-...-exception" id is the licence plus an exception (SPDX now writes
# "GPL-2.0-only WITH ..."); the exception only adds permissions, so the licence is what
# decides openness.
my %successor = (
	'BSD-2-Clause-FreeBSD' => 'BSD-2-Clause',
	'BSD-2-Clause-NetBSD' => 'BSD-2-Clause',
	'bzip2-1.0.5' => 'bzip2-1.0.6',
	'StandardML-NJ' => 'SMLNJ',
	'Nunit' => 'zlib-acknowledgement',
	'eCos-2.0' => 'GPL-2.0-or-later',
	'wxWindows' => 'GPL-2.0-or-later',
	'GPL-2.0-with-GCC-exception' => 'GPL-2.0-only',
	'GPL-2.0-with-bison-exception' => 'GPL-2.0-only',
	'GPL-2.0-with-autoconf-exception' => 'GPL-2.0-only',
	'GPL-2.0-with-classpath-exception' => 'GPL-2.0-only',
	'GPL-2.0-with-font-exception' => 'GPL-2.0-only',
	'GPL-3.0-with-GCC-exception' => 'GPL-3.0-only',
	'GPL-3.0-with-autoconf-exception' => 'GPL-3.0-only',
);

# The family of an SPDX licence (the licence list has no such field).  Our tables, in order:
# public domain dedications; data licences; content (documentation, media) licences; the
# copyleft software families.  What is left is permissive when SPDX marks it OSI-approved or
# FSF-libre (the non-copyleft free licences are the permissive ones), else "other": a
# licence neither list approves is not assumed to be anything.
sub family
{
	my ($id, $name, $open) = @_;
	return 'public-domain'
		if $id =~ /^(CC0-1\.0|CC-PDDC|PDDL-1\.0|Unlicense|SAX-PD|ANTLR-PD|ANTLR-PD-fallback|blessing|libselinux-1\.0|NIST-PD|NIST-PD-fallback)$/;
	return 'data'
		if $id =~ /^(CDLA-|ODbL-|ODC-|C-UDA-|O-UDA-|OGL-|OGDL-|etalab-|DL-DE-|NLOD-|OpenMDW-)/;
	return 'content'
		if $id =~ /^(CC-|GFDL-|FreeBSD-DOC$|LAL-|OFL-|OPUBL-|CDL-|Community-Spec-|Linux-man-pages-|AdaCore-doc$|IPA$|mplus$|Bitstream-)/;
	return 'copyleft'
		if $id =~ /^(A?GPL-|LGPL-|LGPLLR$|MPL-|EPL-|EUPL-|CDDL-|OSL-|CECILL-(1|2|C)|CPL-|CPAL-|IPL-|RPL-|RPSL-|SISSL|Sleepycat$|QPL-|NPL-|NPOSL-|ErlPL-|MS-RL$|APSL-|Motosoto$|SPL-|Watcom-|SSPL-|OCLC-|Nokia$|NGPL$|RHeCos-|SimPL-|copyleft-next-|CAL-|OSET-PL-|Parity-|TAPR-OHL-|CERN-OHL-(S-|W-|1\.)|Arphic-|LiLiQ-R|gSOAP-|Interbase-|YPL-|Vim$|NOSL$|RSCPL$|CUA-OPL-|NASA-|BitTorrent-|CATOSL-|Frameworx-)/;
	return $open ? 'permissive' : 'other';
}

my $file = shift @ARGV or die "usage: $0 data/licenses.tsv data/spdx/licenses.json\n";
my $spdx_file = shift @ARGV or die "usage: $0 data/licenses.tsv data/spdx/licenses.json\n";
open my $in, '<', $file or die "$file: $!\n";
my (@rows, %by_id);
my $errors = 0;
sub bad { my ($line, $msg) = @_; print STDERR "$file:$line: $msg\n"; $errors++; }

while (my $row = <$in>)
{
	my $ln = $.;
	chomp $row;
	$row =~ s/\r$//;
	next if $row =~ /^\s*(#|$)/;
	my @c = split /\t/, $row, -1;
	if (@c != 7) { bad($ln, "expected 7 tab-separated columns, found " . scalar(@c)); next; }
	my ($id, $name, $kind, $restr, $spell, $source, $note) = @c;
	my $ok = 1;
	for ([id => $id], [name => $name], [source => $source], [note => $note], [spellings => $spell], [restrictions => $restr])
	{
		if ($_->[1] eq '' || $_->[1] =~ /^\s|\s$/) { bad($ln, "column $_->[0] is empty or has surrounding blanks"); $ok = 0; }
	}
	next unless $ok;
	bad($ln, "id \"$id\" has characters outside A-Z a-z 0-9 . + -"), next unless $id =~ /^[A-Za-z0-9.+-]+$/;
	bad($ln, "duplicate id \"$id\" (first on line $by_id{$id}{line})"), next if exists $by_id{$id};
	bad($ln, "unknown kind \"$kind\" (expected osi-approved, fsf-libre, open-data or restricted)"), next unless $kinds{$kind};
	bad($ln, "source must be an http(s) URL"), next unless $source =~ m{^https?://\S+$};
	my $mask = 0;
	my @rs = $restr eq '-' ? () : split /,/, $restr;
	for my $r (@rs)
	{
		if (!exists $flagbit{$r}) { bad($ln, "unknown restriction flag \"$r\""); $ok = 0; next; }
		if ($mask & (1 << $flagbit{$r})) { bad($ln, "restriction \"$r\" listed twice"); $ok = 0; }
		$mask |= 1 << $flagbit{$r};
	}
	bad($ln, "restrictions are only for restricted licences, not $kind ones"), next if $kind ne 'restricted' && @rs;
	next unless $ok;
	my $r = { id => $id, name => $name, kind => $kind, mask => $mask,
			  written => [$spell eq '-' ? () : split /\|/, $spell, -1], source => $source, note => $note,
			  line => $ln, where => "$file:$ln" };
	push @rows, $r;
	$by_id{$id} = $r;
}
close $in;

# The SPDX License List, as published (JSON::PP is in core Perl).
use JSON::PP ();
my $spdx;
{
	open my $j, '<', $spdx_file or die "$spdx_file: $!\n";
	local $/;
	$spdx = JSON::PP::decode_json(<$j>);
}
my $spdx_version = $spdx->{licenseListVersion} or die "$spdx_file: no licenseListVersion\n";
my (%spdx_by_id, %spdx_lc);
for my $e (@{$spdx->{licenses}})
{
	my $id = $e->{licenseId};
	die "$spdx_file: licence without licenseId\n" unless defined $id && $id =~ /^[A-Za-z0-9.+-]+$/;
	die "$spdx_file: duplicate licenseId $id\n" if $spdx_by_id{$id};
	$spdx_by_id{$id} = $e;
	$spdx_lc{lc $id} = $id;
}

# The merged table: SPDX order (by identifier) first, then our own rows that SPDX lacks.
my @licenses;
my %deprecated_of;    # current id -> [deprecated ids]
for my $id (sort { lc($a) cmp lc($b) } keys %spdx_by_id)
{
	my $e = $spdx_by_id{$id};
	my $osi = $e->{isOsiApproved} ? 1 : 0;
	my $fsf = $e->{isFsfLibre} ? 1 : 0;
	if ($e->{isDeprecatedLicenseId})
	{
		my $to = $successor{$id};
		if (!defined $to)
		{
			($to = $id) =~ s/\+$/-or-later/ or $to .= '-only';
		}
		die "$spdx_file: deprecated $id maps to $to, which is not a current SPDX licence\n"
			unless $spdx_by_id{$to} && !$spdx_by_id{$to}{isDeprecatedLicenseId};
		push @{$deprecated_of{$to}}, $id;
		next;
	}
	my $name = $e->{name};
	$name =~ s/[^\x20-\x7e]/?/g;
	my $fam = family($id, $name, $osi || $fsf);
	my $ours = $by_id{$id};
	my $kind = $osi ? 'osi-approved' : $fsf ? 'fsf-libre' : 'restricted';
	# the SPDX facts, in the note (license_info has no column for them)
	my $facts = sprintf('SPDX %s: %s; %s', $spdx_version,
						join(', ', ($osi ? 'OSI-approved' : ()), ($fsf ? 'FSF-libre' : ())) || 'neither OSI-approved nor FSF-libre',
						$fam);
	my $l = { id => $id, name => $name, kind => $kind, mask => 0, written => [], osi => $osi, fsf => $fsf,
			  family => $fam, source => "https://spdx.org/licenses/$id.html", where => "$spdx_file:$id",
			  note => $facts . ($kind eq 'restricted' ? '; terms not reviewed' : '') };
	if ($ours)
	{
		$ours->{spdx} = 1;
		$l->{$_} = $ours->{$_} for qw(name kind mask written source where);
		$l->{note} = ($ours->{note} eq '-' ? '' : "$ours->{note}; ") . $facts;
	}
	push @licenses, $l;
}
for my $r (@rows)
{
	next if $r->{spdx};
	if ($spdx_lc{lc $r->{id}})
	{
		my $sid = $spdx_lc{lc $r->{id}};
		bad($r->{line}, $spdx_by_id{$sid}{isDeprecatedLicenseId}
			? "id \"$r->{id}\" is a deprecated SPDX identifier: use its current one"
			: "id \"$r->{id}\" is the SPDX identifier \"$sid\" written differently");
		next;
	}
	# an id that is neither LicenseRef-... nor in the pinned list: a later SPDX release has it
	push @licenses, { %$r, osi => 0, fsf => 0,
					  family => family($r->{id}, $r->{name}, $r->{kind} eq 'osi-approved' || $r->{kind} eq 'fsf-libre') };
}
die "$file: $errors error(s); src/license_table.h not written\n" if $errors;
die "$file: no licences\n" unless @licenses;

# The spellings: for each licence its id, its name, its deprecated SPDX ids and the
# spellings of data/licenses.tsv.  A spelling two licences share is an error, except an
# SPDX name, which is then left out (it is only a convenience).
my %spelling;    # normalized -> [licence index, where]
for my $idx (0 .. $#licenses)
{
	my $l = $licenses[$idx];
	my %seen_text;
	my @spell = (map({ [$_, 1] } $l->{id}, @{$deprecated_of{$l->{id}} || []}), [$l->{name}, 0],
				 map { [$_, 1] } @{$l->{written}});
	for (@spell)
	{
		my ($s, $strict) = @$_;
		my $where = $l->{where};
		my $fail = sub { print STDERR "$where: $_[0]\n"; $errors++; };
		if ($s eq '' || $s =~ /^\s|\s$/) { $fail->("empty spelling or spelling with surrounding blanks"); next; }
		if (length($s) > MAX_INPUT) { $fail->("spelling \"$s\" is longer than " . MAX_INPUT . " bytes"); next; }
		if ($s =~ /[^\x20-\x7e]/) { $fail->("spelling \"$s\" has characters outside printable ASCII"); next; }
		if ($seen_text{$s}++) { $fail->("spelling \"$s\" written twice") if $strict; next; }
		my $n = normalize($s);
		if ($n eq '') { $fail->("spelling \"$s\" is empty once normalised"); next; }
		if (length($n) > MAX_NORMALIZED) { $fail->("spelling \"$s\" is longer than " . MAX_NORMALIZED . " bytes once normalised"); next; }
		if ($placeholder{$n}) { $fail->("spelling \"$s\" is a placeholder tag, not a licence"); next; }
		if (exists $spelling{$n})
		{
			my ($other, $owhere, $ostrict) = @{$spelling{$n}};
			next if $other == $idx;    # two spellings of this licence that normalise alike
			if (!$strict) { next; }    # an SPDX name that another licence already has
			if (!$ostrict) { $spelling{$n} = [$idx, $where, $strict]; next; }
			$fail->("spelling \"$s\" (normalised \"$n\") already belongs to $licenses[$other]{id} ($owhere)");
			next;
		}
		$spelling{$n} = [$idx, $where, $strict];
	}
	$l->{spellings} = join('|', @{$deprecated_of{$l->{id}} || []}, @{$l->{written}});
	$l->{note} .= '; deprecated SPDX ids: ' . join(', ', @{$deprecated_of{$l->{id}}}) if $deprecated_of{$l->{id}};
}
die "$file: $errors error(s); src/license_table.h not written\n" if $errors;

my %family_c = ('permissive' => 'LICENSE_FAMILY_PERMISSIVE', 'copyleft' => 'LICENSE_FAMILY_COPYLEFT',
				'public-domain' => 'LICENSE_FAMILY_PUBLIC_DOMAIN', 'data' => 'LICENSE_FAMILY_DATA',
				'content' => 'LICENSE_FAMILY_CONTENT', 'other' => 'LICENSE_FAMILY_OTHER');
print "/* Generated by tools/gen-license-table.pl from $file and $spdx_file (SPDX License List $spdx_version): do not edit. */\n\n";
printf "#define LICENSE_FLAG_COUNT %d\n", scalar @flags;
printf "#define LICENSE_MAX_NORMALIZED %d\n", MAX_NORMALIZED;
printf "#define LICENSE_SPDX_VERSION %s\n\n", c_string($spdx_version);
print "static const LicenseFlag license_flags[LICENSE_FLAG_COUNT] = {\n";
printf "\t{%s, %s},\n", c_string($_->[0]), c_string($_->[1]) for @flags;
print "};\n\n";
print "/* id, name, kind, restrictions, spellings, source, note, SPDX OSI-approved, SPDX FSF-libre, family */\n";
print "static const LicenseInfo license_table[] = {\n";
for my $l (@licenses)
{
	printf "\t{%s, %s, %s, 0x%04x, %s, %s, %s, %s, %s, %s},\n", c_string($l->{id}), c_string($l->{name}),
		$kinds{$l->{kind}}, $l->{mask}, c_string($l->{spellings}), c_string($l->{source}), c_string($l->{note}),
		$l->{osi} ? 'true' : 'false', $l->{fsf} ? 'true' : 'false', $family_c{$l->{family}};
}
print "};\n\n";
print "/* normalised spelling -> index into license_table, sorted by byte order */\n";
print "static const LicenseSpelling license_spellings[] = {\n";
my @sorted;
{
	use bytes;
	@sorted = sort keys %spelling;
}
printf "\t{%s, %d},\n", c_string($_), $spelling{$_}[0] for @sorted;
print "};\n\n";
# where the spellings of each first byte start: those of byte b are
# license_spellings[license_first[b] .. license_first[b + 1] - 1]
my @first = (0) x 257;
$first[ord(substr($_, 0, 1)) + 1]++ for @sorted;
$first[$_] += $first[$_ - 1] for 1 .. 256;
print "/* first byte -> first index in license_spellings (a bucket per byte for the binary search) */\n";
print "static const int license_first[257] = {\n";
print "\t", join(', ', @first[$_ * 16 .. ($_ == 16 ? 256 : $_ * 16 + 15)]), ",\n" for 0 .. 16;
print "};\n";
