#!/usr/bin/env bash
# Rill against TensorFlow, PyTorch (and OpenBLAS for SGEMM) on the MNIST CNN steps.
#   bench/run-peers.sh            full run (5 to 10 minutes on 2 cores, more on a loaded machine)
#   bench/run-peers.sh --quick    short rounds, for a first look (about 3 minutes)
#   bench/run-peers.sh --threads 1,2,4 --steps 100
# Prints each run's table, then ONE JSON line with everything. Logs go to bench/peers/target/logs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

threads_list="1,2"
rounds=7
round_seconds=1.0
warmup_seconds=3
steps=200
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) rounds=3; round_seconds=0.5; warmup_seconds=1.5; steps=30 ;;
    --threads) threads_list="$2"; shift ;;
    --rounds) rounds="$2"; shift ;;
    --steps) steps="$2"; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "run-peers: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

# JAVA_HOME if it is 25 or newer, else the newest JDK 25+ in the usual folders (as ./rill does)
find_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" ]]; then
    local v; v=$(java_major "$JAVA_HOME")
    if [[ "${v:-0}" -ge 25 ]]; then echo "$JAVA_HOME"; return; fi
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/jdk* \
           /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [[ -x "$d/bin/javac" ]] || continue
    v=$(java_major "$d")
    if [[ "${v:-0}" -ge 25 && "$v" -gt "$best_v" ]]; then best="$d"; best_v="$v"; fi
  done
  if [[ -n "$best" ]]; then echo "$best"; return; fi
  echo "run-peers: no JDK 25 or newer found; set JAVA_HOME to one." >&2
  exit 1
}

export JAVA_HOME="$(find_jdk)"
export MAVEN_OPTS="${MAVEN_OPTS:-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
# TensorFlow's native logging: warnings and errors only
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
# libtorch's OpenMP threads spin while they wait; on a machine shared with other work that spinning
# made its 2-thread steps up to 40 times slower. Sleeping waits keep PyTorch at its best here.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

echo "run-peers: building (the first build downloads TensorFlow, PyTorch and OpenBLAS jars)..." >&2
mvn -q -B -ntp -Dstyle.color=never -Ppeers package -pl bench/peers -am -DskipTests >&2

target="bench/peers/target"
classpath="$target/classes:$(cat "$target/runtime.classpath")"
logs="$target/logs"
mkdir -p "$logs"

# peer_main LOG_NAME THREADS ARGS...: shows PeerMain's table on stderr, prints its JSON line
peer_main() {
  local log="$logs/$1"; local t="$2"; shift 2
  if ! "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
      --sun-misc-unsafe-memory-access=allow -XX:+UseG1GC -XX:GCTimeRatio=4 -Xms64m -Drill.threads="$t" \
      -cp "$classpath" dev.rill.bench.peers.PeerMain --threads "$t" "$@" \
      > "$log.out" 2> "$log.err"; then
    echo "run-peers: PeerMain --threads $t $* failed; its output:" >&2
    cat "$log.out" >&2
    tail -n 30 "$log.err" >&2
    exit 1
  fi
  grep -v '^{' "$log.out" >&2 || true
  grep '^{' "$log.out" | tail -n 1
}

parts=()
IFS=',' read -r -a threads <<< "$threads_list"
for t in "${threads[@]}"; do
  echo "run-peers: timing with $t thread(s)..." >&2
  json=$(peer_main "threads-$t" "$t" --rounds "$rounds" --round-seconds "$round_seconds" \
      --warmup-seconds "$warmup_seconds")
  echo "$json" >&2
  parts+=("\"threads_$t\": $json")
done

# start-up and memory: a fresh JVM per engine, with the largest thread count
t_last="${threads[${#threads[@]}-1]}"
startup=()
for engine in rill tensorflow pytorch; do
  echo "run-peers: start-up and memory of $engine ($steps steps, $t_last threads)..." >&2
  json=$(peer_main "startup-$engine" "$t_last" --startup "$engine" --steps "$steps")
  echo "$json" >&2
  startup+=("\"$engine\": $json")
done

# joins its arguments with ", "
join() {
  local out="$1"; shift
  local p
  for p in "$@"; do out="$out, $p"; done
  echo "$out"
}
echo "{$(join "${parts[@]}"), \"startup\": {$(join "${startup[@]}")}}"
