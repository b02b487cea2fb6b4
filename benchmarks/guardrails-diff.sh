#!/usr/bin/env bash
# Differential check of the guardrails: builds BASE_COMMIT (in a temporary git worktree) and the
# current working tree, runs GuardrailsDigest (benchmarks module) of both over the same corpus (read
# from the current tree) and compares their outputs line by line. Exit code 0 when every line is the
# same, 1 when some differ, 2 on a usage or build error.
#
#   benchmarks/guardrails-diff.sh BASE_COMMIT            # e.g. main, HEAD~1, 0f62a1e
#
# The current GuardrailsDigest.java is copied into the base tree before it is built, so both sides
# run the same harness (it uses only the guardrails' and personas' public API). The base side's
# jar is cached per (base commit, harness source) and its output per (base commit, harness source,
# corpus files) in $GUARDRAILS_DIFF_DIR (default /tmp/guardrails-diff-$UID), so comparing several
# changes against one base builds it once, and runs it again only when the corpus changed.
# Every difference is written to $GUARDRAILS_DIFF_DIR/diff.txt; the first 20 are printed.
# Environment: MVN_FLAGS (default "-B -o -q"), NICE (default 10), JAVA (default java).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 BASE_COMMIT" >&2
  exit 2
fi
root=$(git rev-parse --show-toplevel)
cd "$root"
base=$(git rev-parse --verify "$1^{commit}") || { echo "not a commit: $1" >&2; exit 2; }
work=${GUARDRAILS_DIFF_DIR:-/tmp/guardrails-diff-$(id -u)}
mvn_flags=${MVN_FLAGS:--B -o -q}
nice_level=${NICE:-10}
java_bin=${JAVA:-java}
src=benchmarks/src/main/java/com/personaruntime/benchmarks/GuardrailsDigest.java
main_class=com.personaruntime.benchmarks.GuardrailsDigest
mkdir -p "$work"
key=$(sha256sum <"$src" | cut -c1-12)
# the corpus GuardrailsDigest reads (from the current tree): a base output is reused only for the same texts
corpus_key=$(find guardrails/training guardrails/src/test \
    guardrails/src/main/resources/com/personaruntime/guardrails/rails/lexicon \
    guardrails/src/main/resources/com/personaruntime/guardrails/text -type f 2>/dev/null | LC_ALL=C sort \
  | xargs cat | sha256sum | cut -c1-12)
base_jar="$work/base-${base:0:12}-$key.jar"
base_out="$work/base-${base:0:12}-$key-$corpus_key.txt"

build() { # build DIR: the benchmarks jar of the tree in DIR
  (cd "$1" && nice -n "$nice_level" mvn $mvn_flags -pl benchmarks -am package -DskipTests) >"$work/build.log" 2>&1 || {
    echo "build failed in $1 (see $work/build.log):" >&2
    tail -20 "$work/build.log" >&2
    exit 2
  }
}

if [ ! -s "$base_out" ] && [ -s "$base_jar" ]; then
  echo "base ${base:0:12}: cached jar $base_jar" >&2
  base_pending=1
elif [ ! -s "$base_out" ]; then
  tree="$work/tree-${base:0:12}"
  git worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"
  git worktree add --detach --quiet "$tree" "$base"
  trap 'git -C "$root" worktree remove --force "$tree" 2>/dev/null || true' EXIT
  mkdir -p "$tree/$(dirname "$src")"
  cp "$src" "$tree/$src"
  echo "building base ${base:0:12} ..." >&2
  build "$tree"
  cp "$tree/benchmarks/target/benchmarks.jar" "$base_jar"
  git worktree remove --force "$tree"
  trap - EXIT
  base_pending=1
else
  echo "base ${base:0:12}: cached output $base_out" >&2
  base_pending=0
fi

echo "building the current tree ..." >&2
build "$root"
cp "$root/benchmarks/target/benchmarks.jar" "$work/current.jar"

echo "running the digests ..." >&2
cur_out="$work/current.txt"
if [ "$base_pending" = 1 ]; then
  nice -n "$nice_level" "$java_bin" -cp "$base_jar" "$main_class" "$root" "$base_out.tmp" 2>"$work/base.log" &
  base_pid=$!
fi
nice -n "$nice_level" "$java_bin" -cp "$work/current.jar" "$main_class" "$root" "$cur_out" 2>"$work/current.log"
if [ "$base_pending" = 1 ]; then
  wait "$base_pid" || { echo "base digest failed (see $work/base.log)" >&2; exit 2; }
  mv "$base_out.tmp" "$base_out"
fi

: >"$work/diff.txt"
awk -F'\t' -v out="$work/diff.txt" -v base="${base:0:12}" '
  NR == FNR { a[FNR] = $0; na = FNR; next }
  {
    n++
    if (a[FNR] != $0) {
      d++
      print "- " a[FNR] > out
      print "+ " $0 > out
      if (d <= 20) { print "- " a[FNR]; print "+ " $0 }
    }
  }
  END {
    if (n != na) { print "line counts differ: base " na ", current " n; d++ }
    printf "guardrails-diff: %d lines compared (base %s vs current tree), %d differ\n", n, base, d + 0
    exit (d > 0)
  }' "$base_out" "$cur_out" </dev/null && rc=0 || rc=$?
exit $rc
