#!/usr/bin/env ruby
# Builds gem.tsv and gem-valid.tsv with RubyGems' Gem::Version as the oracle.
#
# usage: ruby generate.rb /work/shared/data/vulns     (writes the files next to this script)
# Real versions: introduced/fixed/last_affected/limit/versions values of RubyGems records in the OSV JSON
# files under the given directory, plus the versions of the gems installed on this machine (gem list).
# Random versions: seeded (SEED below).
require "json"
require "set"

SEED = 1_2_3
HERE = __dir__

def real_versions(root)
  out = Set.new
  Dir.glob(File.join(root, "**", "*.json")).sort.each do |path|
    data = JSON.parse(File.read(path)) rescue next
    (data.is_a?(Array) ? data : [data]).each do |rec|
      next unless rec.is_a?(Hash)
      (rec["affected"] || []).each do |aff|
        next unless (aff["package"] || {})["ecosystem"] == "RubyGems"
        (aff["versions"] || []).each { |v| out << v.to_s }
        (aff["ranges"] || []).each do |r|
          (r["events"] || []).each do |ev|
            %w[introduced fixed last_affected limit].each { |k| out << ev[k].to_s if ev.key?(k) }
          end
        end
      end
    end
  end
  Gem::Specification.each { |spec| out << spec.version.to_s }
  out.to_a.sort
end

def rand_version(rnd)
  parts = Array.new(rnd.rand(1..5)) { [0, 0, 1, 2, 3, 10, 11, 2023][rnd.rand(8)].to_s }
  parts[-1] = "0" + parts[-1] if rnd.rand < 0.05
  s = parts.join(".")
  if rnd.rand < 0.4
    label = %w[a b pre rc beta alpha RC Alpha z dev].sample(random: rnd)
    s += [".", "", "-", "."].sample(random: rnd) + label
    s += [".", ""].sample(random: rnd) + rnd.rand(0..3).to_s if rnd.rand < 0.6
  end
  s += ".0" * rnd.rand(0..2) if rnd.rand < 0.2
  s
end

def variant(rnd, v)
  case rnd.rand(6)
  when 0 then v + ".0"
  when 1 then v + [".a", ".pre", ".rc1", "-1", ".1", "a"].sample(random: rnd)
  when 2 then v.sub(/\.0+\z/, "")
  else
    idx = (0...v.size).select { |i| v[i] =~ /\d/ }
    return v if idx.empty?
    i = idx.sample(random: rnd)
    v[0...i] + ((v[i].to_i + [1, 9].sample(random: rnd)) % 10).to_s + v[(i + 1)..]
  end
end

rnd = Random.new(SEED)
real = real_versions(ARGV.fetch(0))
randoms = Array.new(700) { rand_version(rnd) }
pool = (real + randoms).select { |v| Gem::Version.correct?(v) }.uniq
pairs = Set.new
pool.each do |v|
  2.times do
    w = variant(rnd, v)
    pairs << (rnd.rand < 0.5 ? [v, w] : [w, v]) if Gem::Version.correct?(w)
  end
end
ordered = pool.sort_by { |v| Gem::Version.new(v) }
ordered.each_cons(2) { |a, b| pairs << (rnd.rand < 0.5 ? [a, b] : [b, a]) }
pairs << [pool.sample(random: rnd), pool.sample(random: rnd)] while pairs.size < 5000

File.open(File.join(HERE, "gem.tsv"), "w") do |out|
  out.puts "# a<TAB>op<TAB>b by RubyGems #{Gem::VERSION} (ruby #{RUBY_VERSION}): sign of Gem::Version.new(a) <=> " \
           "Gem::Version.new(b). Made by generate.rb (seed #{SEED}); see FIXTURES.md"
  pairs.to_a.sort.each do |a, b|
    c = Gem::Version.new(a) <=> Gem::Version.new(b)
    out.puts "#{a}\t#{%w[= > <][c]}\t#{b}"
  end
end

candidates = (real.first(40) + randoms.first(60) + [
  "", " ", "1", " 1.0 ", "1.0\n", "1.0-1", "1.0-beta-2", "1.0.a", "1.a", "a", "1..0", "1.0.", ".1", "-1", "1-",
  "1.0_1", "1.0+meta", "1 0", "v1.0", "1.0.0.rc.1", "1.0--x", "1.0-x.", "1.0-x..y", "01.002", "1.0.ñ", "1,0",
  "1.0 beta", "1.0-ÄÄ", "1.0.0.0.0.0.0.1"
]).uniq.sort
File.open(File.join(HERE, "gem-valid.tsv"), "w") do |out|
  out.puts "# version<TAB>valid|invalid by Gem::Version.correct? (RubyGems #{Gem::VERSION}); see FIXTURES.md"
  candidates.each do |c|
    next if c.include?("\t") || c.include?("\n")
    out.puts "#{c}\t#{Gem::Version.correct?(c) ? 'valid' : 'invalid'}"
  end
end
