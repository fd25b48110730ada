# Mutation test through the real server: thousands of mutated YAML
# documents, Markdown/MDX entries, labels, texts and release cards go to
# the SQL API.  Every call must either succeed or fail with an ordinary
# ERROR (never XX000, never a crash), the server must stay up (same
# postmaster start time, same backend), and an import that failed (or was
# rolled back) must leave the tables and the label cache exactly as they
# were.  The mutations come from a seeded PRNG, so a run is reproducible:
# MUTATION_SEED=n picks another sequence, MUTATION_COUNT=n another size.
use strict;
use warnings;
use Cwd qw(abs_path);
use JSON::PP;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use GlossaryTest;

my $seed = $ENV{MUTATION_SEED} // 20261127;
my $total = $ENV{MUTATION_COUNT} // 3000;
my $top = abs_path('.');
-d "$top/data/entries" or BAIL_OUT("run from the source tree (data/entries not found)");

my $node = PostgreSQL::Test::Cluster->new('mutations');
$node->init;
use_staged_extension($node);
$node->append_conf('postgresql.conf', "log_min_messages = warning\nlog_min_error_statement = panic");
$node->start;

# ---- the glossary shipped in data/, as the seed state ----
$node->safe_psql('postgres', qq{
	CREATE EXTENSION glossary;
	SET client_min_messages = error;
	SELECT glossary.import_yaml(pg_read_file('$top/data/categories.yaml'), 'categories.yaml');
	SELECT count(*) FROM pg_ls_dir('$top/data/entries') AS f,
		LATERAL glossary.import_markdown(regexp_replace(f, '\\.mdx?\$', ''),
			pg_read_file('$top/data/entries/' || f), f)
	WHERE f ~ '\\.mdx?\$';
});

# ---- a deterministic PRNG (xorshift32) ----
my $state = ($seed & 0xFFFFFFFF) || 1;
sub rnd
{
	my ($n) = @_;
	$state ^= ($state << 13) & 0xFFFFFFFF;
	$state ^= $state >> 17;
	$state ^= ($state << 5) & 0xFFFFFFFF;
	return $n ? $state % $n : $state;
}
sub pick { return $_[ rnd(scalar @_) ]; }

sub slurp
{
	my ($f) = @_;
	open my $fh, '<:raw', $f or die "$f: $!";
	local $/;
	return scalar <$fh>;
}

# ---- seeds ----
my @entry_files = sort glob("$top/data/entries/*.mdx");
my @md_seeds = map { slurp($_) } (@entry_files[ grep { $_ % 9 == 0 } 0 .. $#entry_files ],
	"$top/test/data/loader_entry.mdx");
my $export = $node->safe_psql('postgres', 'SELECT glossary.export_yaml()');
my $cut = rindex($export, "\n  - slug:", 6000);
my @yaml_seeds = (
	slurp("$top/data/categories.yaml"),
	slurp("$top/test/data/loader_basic.yaml"),
	slurp("$top/test/data/loader_tricky.yaml"),
	($cut > 0 ? substr($export, 0, $cut + 1) : $export));
my @label_seeds = split /\n/, $node->safe_psql('postgres', q{
	SELECT l FROM (SELECT term AS l FROM glossary.entries UNION SELECT alias FROM glossary.aliases
		UNION SELECT slug FROM glossary.entries) s ORDER BY l});
push @label_seeds, 'C++', 'C#', '.NET', '(GPT-4)', "o\xe2\x80\x99reilly", "\xef\xbc\xac\xef\xbc\xac\xef\xbc\xad",
  'fine-tuning', 'Open  Weights!', '';
my @text_seeds = split /\x1e/, $node->safe_psql('postgres', q{
	SELECT string_agg(body, E'\x1e' ORDER BY slug) FROM glossary.entries WHERE body <> '' AND length(slug) % 3 = 0});
push @text_seeds, @md_seeds[ 0 .. 3 ];
my @release_seeds;
for my $line (split /\n/, slurp("$top/data/example-releases.jsonl"))
{
	push @release_seeds, decode_json($line)->{card};
}

# ---- mutations ----
my @specials = (
	"\x00", "\xff", "\xc3", "\xe2\x82", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf",
	"\xef\xbb\xbf", "\xe2\x80\x8b", "\xcc\x81", "\xf0\x9f\x98\x80", "\xc2\xa0", "\xe2\x80\x94",
	"\r", "\r\n", "\t", "\n", "\\", "'", '"', "\\0", "\\u0000", "\"\\x00\"", "\\ud800",
	"---\n", "- ", ": ", "? ", "&a ", "*a ", "!!binary ", "!x ", "%YAML 1.1\n", "...\n", "<<: ",
	"{", "}", "[", "]", "[[", "]]", "](", "<G term=\"", "</G>", "```\n", "`", "~~~", "<!--", "-->",
	"<a href=\"", "</a>", "<code>", "http://", "#", "|", ">", "*", "_", "import x from 'y'\n",
	"slug: ", "term: ", "aliases: [", "entries:\n", "categories:\n", "body: |\n", "null", "~",
	"true", "1e999", "-0", "0x1F", "2024-02-30", "9999999999999999999");

sub mutate_bytes
{
	my ($s, $max) = @_;
	my $len = length $s;
	my $op = rnd(10);
	my $at = $len ? rnd($len + 1) : 0;
	if ($op == 0 && $len)                                   # byte flip
	{
		substr($s, rnd($len), 1) = chr(rnd(256));
	}
	elsif ($op == 1) { $s = substr($s, 0, $at); }           # truncation
	elsif ($op == 2 && $len)                                # duplicate a chunk
	{
		my $from = rnd($len);
		my $chunk = substr($s, $from, 1 + rnd(200));
		substr($s, rnd($len + 1), 0) = $chunk;
	}
	elsif ($op == 3 && $len)                                # delete a chunk
	{
		substr($s, rnd($len), 1 + rnd(100)) = '';
	}
	elsif ($op == 4 || $op == 5)                            # special characters
	{
		substr($s, $at, 0) = pick(@specials);
	}
	elsif ($op == 6 && $len)                                # huge repeat
	{
		my $chunk = substr($s, rnd($len), 1 + rnd(40));
		my $n = 100 + rnd(1 + int($max / (length($chunk) || 1)));
		substr($s, $at, 0) = $chunk x $n;
	}
	elsif ($op == 7)                                        # deep nesting
	{
		my $n = 10 + rnd(3000);
		my ($open, $close) = @{ pick([ '[', ']' ], [ '{a: ', '}' ], [ '- ', '' ], [ '> ', '' ],
				[ '<div>', '</div>' ], [ '[[', ']]' ], [ '(', ')' ], [ '`', '`' ]) };
		substr($s, $at, 0) = ($open x $n) . ($close x rnd($n + 1));
	}
	elsif ($op == 8)                                        # a line of another seed
	{
		my @lines = split /\n/, $s;
		@lines[ rnd(@lines || 1), rnd(@lines || 1) ] = @lines[ rnd(@lines || 1), rnd(@lines || 1) ] if @lines;
		$s = join "\n", @lines;
	}
	else { substr($s, $at, 0) = chr(rnd(128)); }
	return length($s) > 2 * $max + 4096 ? substr($s, 0, 2 * $max) : $s;
}

sub mutate
{
	my ($s, $max) = @_;
	$s = mutate_bytes($s, $max) for 1 .. 1 + rnd(3);
	return $s;
}

# a release card mutated as JSON (types, keys, nesting) or as bytes
sub mutate_release
{
	my $card = { %{ pick(@release_seeds) } };
	my @keys = qw(weights_available weights_license weights_license_name code_available
	  code_license data_information extra_use_policy);
	for (1 .. 1 + rnd(3))
	{
		my $k = rnd(10) ? pick(@keys) : pick('weights_licence', 'Weights_Available', 'data_info', 'license', '',
			"k\xc3\xa9y", 'x' x (1 + rnd(300)));
		my $v;
		if ($k =~ /available|policy/ && rnd(4)) { $v = pick(JSON::PP::true, JSON::PP::false, undef); }
		elsif ($k eq 'data_information' && rnd(4)) { $v = pick('complete', 'partial', 'none', undef); }
		elsif ($k =~ /license/ && rnd(4))
		{
			$v = pick('apache-2.0', 'Apache 2.0', 'Llama 3.1 Community License Agreement', 'GPL v3',
				'CC-BY-NC-4.0', 'other', 'unknown', '', 'MIT License', 'llama3.1', 'bigscience-openrail-m', undef);
			$v = mutate($v, 200) if defined $v && rnd(3) == 0;
		}
		else
		{
			$v = pick(JSON::PP::true, 0, 1.5, '', 'complete', 'other', [ 1, 2 ], { a => 1 }, 'x' x rnd(5000),
				"\xe2\x80\x94");
		}
		if (rnd(4) == 0) { delete $card->{$k}; } else { $card->{$k} = $v; }
	}
	my $json = JSON::PP->new->utf8->canonical->encode($card);
	if (rnd(10) == 0)
	{
		my $n = 10 + rnd(5000);
		$json = '{"weights_available": ' . ('[' x $n) . 'true' . (']' x $n) . '}';
	}
	return rnd(5) == 0 ? mutate($json, 2000) : $json;
}

# ---- the documents ----
my %plan = (yaml => 0.24, markdown => 0.20, label => 0.22, text => 0.14, release => 0.20);
my @docs;
for my $kind (sort keys %plan)
{
	for (1 .. int($total * $plan{$kind} + 0.5))
	{
		my ($doc, $arg);
		if ($kind eq 'yaml') { $doc = mutate(pick(@yaml_seeds), 20000); }
		elsif ($kind eq 'markdown')
		{
			$doc = mutate(pick(@md_seeds), 20000);
			$arg = rnd(5) ? 'fuzz-entry' : undef;
		}
		elsif ($kind eq 'label') { $doc = mutate(pick(@label_seeds), 2000); }
		elsif ($kind eq 'text')
		{
			$doc = mutate(pick(@text_seeds), 50000);
			$arg = pick('markdown', 'mdx', 'html', 'wiki', 'bogus');
		}
		else { $doc = mutate_release(); }
		push @docs, [ $kind, $doc, $arg ];
	}
}
# reorder, so kinds interleave
for (my $i = $#docs; $i > 0; $i--)
{
	my $j = rnd($i + 1);
	@docs[ $i, $j ] = @docs[ $j, $i ];
}

$node->safe_psql('postgres', q{
	CREATE SCHEMA fz;
	CREATE TABLE fz.docs (id integer PRIMARY KEY, kind text NOT NULL, doc bytea NOT NULL, arg text);
	CREATE TABLE fz.results (id integer, kind text, stage text, sqlstate text, message text);
});
for (my $i = 0; $i < @docs; $i += 200)
{
	my @rows;
	for my $j ($i .. ($i + 199 < $#docs ? $i + 199 : $#docs))
	{
		my ($kind, $doc, $arg) = @{ $docs[$j] };
		push @rows, sprintf("(%d, '%s', '\\x%s', %s)", $j + 1, $kind, unpack('H*', $doc),
			defined $arg ? "'$arg'" : 'NULL');
	}
	$node->safe_psql('postgres', 'INSERT INTO fz.docs VALUES ' . join(",\n", @rows));
}

# ---- the run: one session, one subtransaction per call ----
my $fingerprints = q{
	CREATE FUNCTION fz.tables() RETURNS text LANGUAGE sql AS $$
		SELECT md5(concat_ws('|',
			(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM glossary.categories t),
			(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM glossary.entries t),
			(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM glossary.entry_categories t),
			(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM glossary.aliases t),
			(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM glossary.sources t),
			(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM glossary.links t)))
	$$;
	-- what the label cache answers, for every label the seed state knows
	CREATE FUNCTION fz.cache() RETURNS text LANGUAGE sql AS $$
		SELECT md5(string_agg(l || '=' || coalesce(glossary.resolve(l), '-'), ',' ORDER BY l))
			|| md5(coalesce((SELECT string_agg(m.slug || m.position, ',' ORDER BY m.position)
				FROM glossary.mentions('Open weights, fine-tuning, RLHF and the OSAID, with LoRA adapters.') m), ''))
		FROM (SELECT term AS l FROM glossary.entries UNION SELECT alias FROM glossary.aliases) s
	$$;
};
$node->safe_psql('postgres', $fingerprints);

my $start_time = $node->safe_psql('postgres', 'SELECT pg_postmaster_start_time()');
my $tables_before = $node->safe_psql('postgres', 'SELECT fz.tables()');
my $cache_before = $node->safe_psql('postgres', 'SELECT fz.cache()');

my $t0 = time;
my ($stdout, $stderr);
my $rc = $node->psql('postgres', q{
DO $run$
DECLARE
	r			record;
	d			text;
	j			jsonb;
	st			text;
	msg			text;
	tables0		text := fz.tables();
	cache0		text := fz.cache();
	pid0		integer := pg_backend_pid();
BEGIN
	FOR r IN SELECT * FROM fz.docs ORDER BY id LOOP
		BEGIN
			d := convert_from(r.doc, 'UTF8');
			IF r.kind = 'release' THEN
				j := d::jsonb;
			END IF;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
			INSERT INTO fz.results VALUES (r.id, r.kind, 'input', st, msg);
			CONTINUE;
		END;
		BEGIN
			CASE r.kind
			WHEN 'yaml' THEN
				PERFORM glossary.import_yaml(d, 'mutation-' || r.id);
			WHEN 'markdown' THEN
				PERFORM glossary.import_markdown(r.arg, d, 'mutation-' || r.id);
			WHEN 'label' THEN
				PERFORM glossary.normalize(d), glossary.resolve(d), glossary.link_status(d);
				PERFORM count(*) FROM glossary.lookup(d);
				PERFORM count(*) FROM glossary.suggest(d, 5);
				PERFORM count(*) FROM glossary.backlinks(d);
				PERFORM count(*) FROM glossary.mentions(d);
				PERFORM glossary.autolink(d);
			WHEN 'text' THEN
				PERFORM count(*) FROM glossary.mentions(d);
				PERFORM count(*) FROM glossary.extract_links(d);
				PERFORM glossary.autolink(d, r.arg, r.id % 2 = 0);
			WHEN 'release' THEN
				PERFORM glossary.classify_release(j, r.id % 2 = 0);
				PERFORM glossary.classify_release_explain(j, r.id % 3 = 0);
			END CASE;
			-- accepted: undo what it wrote, so every document meets the same state
			RAISE SQLSTATE 'FZ000';
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
			INSERT INTO fz.results VALUES (r.id, r.kind, 'call', st, msg);
		END;
		IF r.kind IN ('yaml', 'markdown') THEN
			IF fz.tables() <> tables0 THEN
				RAISE EXCEPTION 'the tables changed after document % (%)', r.id, st;
			END IF;
			IF fz.cache() <> cache0 THEN
				RAISE EXCEPTION 'the label cache changed after document % (%)', r.id, st;
			END IF;
		END IF;
	END LOOP;
	IF pg_backend_pid() <> pid0 THEN
		RAISE EXCEPTION 'the backend changed';
	END IF;
END
$run$;
}, stdout => \$stdout, stderr => \$stderr);
my $elapsed = time - $t0;
is($rc, 0, "all $total documents ran in one session ($elapsed s)") or diag($stderr);

# ---- the server is alive, never restarted, and unchanged ----
is($node->safe_psql('postgres', 'SELECT 1'), '1', 'the server answers');
is($node->safe_psql('postgres', 'SELECT pg_postmaster_start_time()'), $start_time, 'the postmaster never restarted');
is($node->safe_psql('postgres', 'SELECT fz.tables()'), $tables_before, 'the glossary tables hold exactly what they held before');
is($node->safe_psql('postgres', 'SELECT fz.cache()'), $cache_before, 'the label cache answers as before');
is($node->safe_psql('postgres', 'SELECT count(*) FROM fz.results'), scalar(@docs), 'every document has a result');

my $internal = $node->safe_psql('postgres', q{
	SELECT string_agg(id || ' ' || kind || ': ' || message, E'\n') FROM fz.results
	WHERE sqlstate LIKE 'XX%' OR sqlstate LIKE '58%' OR sqlstate = '57P01'});
is($internal, '', 'no internal error (XX000), system error or shutdown reached a user');

my $log = slurp($node->logfile);
my @bad = grep { /PANIC|TRAP:|terminated by signal|was terminated by|server process .* exited/ } split /\n/, $log;
is(join("\n", @bad), '', 'the server log holds no crash, PANIC or assertion failure');

# ---- counts, for the README ----
# refused: one count per SQLSTATE (input: = refused before the call, by convert_from or jsonb)
my $by_state = $node->safe_psql('postgres', q{
	SELECT kind || ' | ' || count(*) || ' | ' || count(*) FILTER (WHERE sqlstate = 'FZ000') || ' | ' ||
		coalesce((SELECT string_agg(s || ' ' || n, ', ' ORDER BY n DESC, s) FROM
			(SELECT CASE WHEN stage = 'input' THEN 'input:' ELSE '' END || sqlstate AS s, count(*) AS n
			 FROM fz.results x WHERE x.kind = r.kind AND x.sqlstate <> 'FZ000' GROUP BY 1) q), '')
	FROM fz.results r GROUP BY kind ORDER BY kind});
note("seed $seed, $total documents, $elapsed s");
note("kind | sent | accepted | refused by SQLSTATE");
note($_) for split /\n/, $by_state;
if ($ENV{MUTATION_REPORT})
{
	open my $fh, '>', $ENV{MUTATION_REPORT} or die "$ENV{MUTATION_REPORT}: $!";
	print $fh "seed $seed, $total documents, $elapsed s\nkind | sent | accepted | refused by SQLSTATE\n$by_state\n";
	print $fh "\nan example message per kind and SQLSTATE:\n", $node->safe_psql('postgres', q{
		SELECT DISTINCT ON (kind, stage, sqlstate) kind || ' ' || stage || ' ' || sqlstate || ': ' || left(message, 200)
		FROM fz.results WHERE sqlstate <> 'FZ000' ORDER BY kind, stage, sqlstate, id}), "\n";
	close $fh;
}

done_testing();
