#!/usr/bin/env bash
# Benchmark: migrate-portkey against its floors, side by side on the same trees (issue 8), plus the
# no-crash run over the JDK's own sources (issue 9).
#   1. a large tree: the JDK's own sources (src.zip) with Portkey files planted in it;
#      `check` against `rg -l -i portkey`.
#   2. a dense tree: 2,000 Portkey-heavy Java files; `rewrite --dry-run` against parsing the same
#      files with JavaParser and doing nothing else.
#   3. `rewrite --dry-run` over the JDK sources alone (planted files excluded): must exit 0 with an
#      empty diff.
# Each pair is run RUNS times (default 5), tool and floor interleaved so that both see the same
# machine load; the medians of wall time and of CPU time (user+sys) are compared. CPU time is the
# steadier figure on a shared machine; wall time is what a user waits.
# Usage: src/bench/run.sh [WORKDIR]  (default /tmp/mp-bench); RUNS=N to change the repetitions.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${1:-/tmp/mp-bench}"
runs="${RUNS:-5}"
tool="$here/migrate-portkey"
jar="$here/target/migrate-portkey.jar"
"$tool" --version >/dev/null   # builds the jar (and its class-data archive) if needed

src_zip=""
for z in "${JAVA_HOME:-/nonexistent}/lib/src.zip" /usr/lib/jvm/*/lib/src.zip; do
  [ -f "$z" ] && { src_zip="$z"; break; }   # -f follows links: a dangling src.zip link is skipped
done
[ -n "$src_zip" ] || { echo "no src.zip found under \$JAVA_HOME or /usr/lib/jvm" >&2; exit 2; }

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
# The floor runs with the launcher's JVM flags, from a compiled class (not a source launch).
mkdir -p "$work/classes"
javac -cp "$jar" -d "$work/classes" "$here/src/bench/ParseOnly.java"
cds_opts=()
[ -f "$here/target/migrate-portkey.jsa" ] && cds_opts=(-XX:SharedArchiveFile="$here/target/migrate-portkey.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
[ "$(nproc 2>/dev/null || echo 4)" -le 2 ] && cds_opts+=(-XX:CICompilerCount=1)   # as the launcher does
parse_only=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "${cds_opts[@]}" -cp "$jar:$work/classes" ParseOnly "$dense")

stats="$(mktemp)"
trap 'rm -f "$stats"' EXIT
# once CMD...: "wall cpu rssKB" of one run (output discarded).
once() {
  /usr/bin/time -f '%e %U %S %M' -o "$stats" "$@" >/dev/null 2>&1 || true
  tail -1 "$stats" | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }'
}
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }'; }

# pair NAME_A NAME_B -- CMD_A... -- CMD_B... : RUNS interleaved runs of both after one warm-up each.
declare -A wall cpu rss
pair() {
  local a="$1" b="$2"; shift 2; shift
  local cmd_a=() cmd_b=()
  while [ "$1" != "--" ]; do cmd_a+=("$1"); shift; done; shift
  cmd_b=("$@")
  once "${cmd_a[@]}" >/dev/null; once "${cmd_b[@]}" >/dev/null
  local ra="" rb=""
  for _ in $(seq 1 "$runs"); do
    ra+="$(once "${cmd_a[@]}")"$'\n'
    rb+="$(once "${cmd_b[@]}")"$'\n'
  done
  wall[$a]=$(printf '%s' "$ra" | awk 'NF { print $1 }' | median); cpu[$a]=$(printf '%s' "$ra" | awk 'NF { print $2 }' | median)
  rss[$a]=$(printf '%s' "$ra" | awk 'NF { print int($3 / 1024) }' | sort -n | tail -1)
  wall[$b]=$(printf '%s' "$rb" | awk 'NF { print $1 }' | median); cpu[$b]=$(printf '%s' "$rb" | awk 'NF { print $2 }' | median)
  rss[$b]=$(printf '%s' "$rb" | awk 'NF { print int($3 / 1024) }' | sort -n | tail -1)
}

files_large=$(find "$large" -name '*.java' | wc -l)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(java -version 2>&1 | head -1); src.zip: $src_zip"
echo "large tree: $files_large files ($planted planted); dense tree: 2000 files; $runs runs each, medians"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

if command -v rg >/dev/null 2>&1; then
  pair check rg -- "$tool" check "$large" -- rg -l -i portkey "$large"
else
  echo "ripgrep not installed (apt-get install ripgrep): no floor for check" >&2
  pair check check2 -- "$tool" check "$large" -- true
  wall[rg]=""; cpu[rg]=""; rss[rg]=""
fi
named=$("$tool" check "$large" 2>/dev/null | cut -d: -f1 | sort -u | grep -c Planted || true)
pair rewrite parse -- "$tool" rewrite --dry-run "$dense" -- "${parse_only[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

printf '%-34s %9s %9s %9s %11s %11s\n' run "wall s" "cpu s" "peak MB" "wall ratio" "cpu ratio"
printf '%-34s %9s %9s %9s %11s %11s\n' "check (large tree)" "${wall[check]}" "${cpu[check]}" "${rss[check]}" \
  "$(ratio "${wall[check]}" "${wall[rg]:-0}")" "$(ratio "${cpu[check]}" "${cpu[rg]:-0}")"
printf '%-34s %9s %9s %9s\n' "rg -l -i portkey (large tree)" "${wall[rg]:-n/a}" "${cpu[rg]:-n/a}" "${rss[rg]:-}"
printf '%-34s %9s %9s %9s %11s %11s\n' "rewrite --dry-run (dense tree)" "${wall[rewrite]}" "${cpu[rewrite]}" "${rss[rewrite]}" \
  "$(ratio "${wall[rewrite]}" "${wall[parse]}")" "$(ratio "${cpu[rewrite]}" "${cpu[parse]}")"
printf '%-34s %9s %9s %9s\n' "JavaParser parse only (dense)" "${wall[parse]}" "${cpu[parse]}" "${rss[parse]}"
echo
echo "planted files named by check: $named of $planted"

# Issue 9: no crash on real code. The JDK's sources hold no Portkey use (the planted directory is
# excluded), so a dry run must end with exit 0 and print no diff.
set +e
diff_out="$work/jdk-dry-run.diff"
/usr/bin/time -f '%e %M' -o "$stats" "$tool" rewrite --dry-run --exclude planted "$large" >"$diff_out" 2>"$work/jdk-dry-run.err"
rc=$?
set -e
read -r t_jdk rss_jdk < <(tail -1 "$stats")
echo "JDK sources, rewrite --dry-run (planted excluded): exit $rc, diff $(wc -c <"$diff_out") bytes," \
  "$(grep -c . "$work/jdk-dry-run.err" || true) lines on stderr, ${t_jdk} s, $((rss_jdk / 1024)) MB"
[ "$rc" -eq 0 ] && [ ! -s "$diff_out" ] || { echo "FAILED: expected exit 0 and an empty diff; see $diff_out and $work/jdk-dry-run.err" >&2; exit 1; }
