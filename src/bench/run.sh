#!/usr/bin/env bash
# Benchmark: migrate-portkey against its floors, side by side on the same trees.
#   1. a large tree: the JDK's own sources (src.zip) with Portkey files planted in it;
#      `check` against `rg -l -i portkey`.
#   2. a dense tree: 2,000 Portkey-heavy Java files; `rewrite --dry-run` against parsing the same
#      files with JavaParser and doing nothing else.
# Prints wall times, ratios and peak RSS. Usage: src/bench/run.sh [WORKDIR]  (default /tmp/mp-bench)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${1:-/tmp/mp-bench}"
tool="$here/migrate-portkey"
jar="$here/target/migrate-portkey.jar"
"$tool" --version >/dev/null   # builds the jar if needed

src_zip="${JAVA_HOME:-/nonexistent}/lib/src.zip"
if [ ! -f "$src_zip" ]; then
  for z in /usr/lib/jvm/*/lib/src.zip; do [ -f "$z" ] && { src_zip="$z"; break; }; done
fi
[ -f "$src_zip" ] || { echo "no src.zip found under \$JAVA_HOME or /usr/lib/jvm" >&2; exit 2; }

planted=40
large="$work/large"
dense="$work/dense"
if [ ! -d "$large" ]; then
  mkdir -p "$large"
  (cd "$large" && unzip -q "$src_zip" '*.java')
  for i in $(seq 1 $planted); do
    d="$large/planted/p$((i % 7))"
    mkdir -p "$d"
    sed "s/__N__/$i/g" "$here/src/bench/Planted.java.txt" > "$d/Planted$i.java"
  done
fi
if [ ! -d "$dense" ]; then
  mkdir -p "$dense"
  for i in $(seq 1 2000); do
    d="$dense/pkg$((i % 50))"
    mkdir -p "$d"
    sed "s/__N__/$i/g" "$here/src/bench/Planted.java.txt" > "$d/Planted$i.java"
  done
fi

# run LABEL CMD... : wall seconds and peak RSS (MB) of one run, after one warm-up run.
measure() {
  local label="$1"; shift
  "$@" >/dev/null 2>&1 || true
  local stats
  stats="$(mktemp)"
  /usr/bin/time -f '%e %M' -o "$stats" "$@" >/dev/null 2>&1 || true
  echo "$label $(tail -1 "$stats")"
  rm -f "$stats"
}

files_large=$(find "$large" -name '*.java' | wc -l)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; java: $(java -version 2>&1 | head -1)"
echo "large tree: $files_large files ($planted planted); dense tree: 2000 files"
echo

read -r _ t_check rss_check < <(measure check "$tool" check "$large")
named=$("$tool" check "$large" 2>/dev/null | cut -d: -f1 | sort -u | grep -c Planted || true)
if command -v rg >/dev/null 2>&1; then
  read -r _ t_rg _ < <(measure rg rg -l -i portkey "$large")
else
  t_rg=""
fi
read -r _ t_rw rss_rw < <(measure rewrite "$tool" rewrite --dry-run "$dense")
# The floor runs with the launcher's JVM flags, from a compiled class (not a source launch).
mkdir -p "$work/classes"
javac -cp "$jar" -d "$work/classes" "$here/src/bench/ParseOnly.java"
read -r _ t_parse _ < <(measure parse java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$jar:$work/classes" ParseOnly "$dense")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
printf '%-34s %8s %10s %8s\n' run seconds "peak MB" ratio
printf '%-34s %8s %10s %8s\n' "check (large tree)" "$t_check" "$((rss_check / 1024))" "$( [ -n "$t_rg" ] && ratio "$t_check" "$t_rg" || echo n/a)"
printf '%-34s %8s %10s %8s\n' "rg -l -i portkey (large tree)" "${t_rg:-n/a}" "" ""
printf '%-34s %8s %10s %8s\n' "rewrite --dry-run (dense tree)" "$t_rw" "$((rss_rw / 1024))" "$(ratio "$t_rw" "$t_parse")"
printf '%-34s %8s %10s %8s\n' "JavaParser parse only (dense)" "$t_parse" "" ""
echo
echo "planted files named by check: $named of $planted"
