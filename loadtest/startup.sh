#!/usr/bin/env bash
# Start-up to /health UP with embedded defaults (H2 file under a fresh temp folder, offline composer),
# from the fat jar. For each run: a first start on an empty folder (migrations, admin creation, persona
# import) and a second start on the same folder. Prints one line per start and a summary.
#
#   loadtest/startup.sh [JAR] [RUNS]      defaults: web/target/persona-runtime.jar, 5
#
# Measures (a) wall time from launching `java -jar` to the first /health answer with "UP" (curl polled
# every 20 ms on a free loopback port), (b) the server's own "UP ... in N ms" log line (time from
# PersonaServer.start, i.e. after the JVM started and Main parsed the config), and (c) once per run the
# wall time of `java -jar JAR --help` as the JVM's own start-up on this jar (JVM + opening the jar +
# loading Main). Target (issue 2): under 3 s not counting the JVM's own start, i.e. (a) - (c) < 3 s.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR="$(realpath "${1:-web/target/persona-runtime.jar}")"
RUNS="${2:-5}"
[ -f "$JAR" ] || { echo "no jar at $JAR (build it first)" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 2; }
export OPT_OUT_TRACKING=true
JAVA_OPTS=(-Dai.djl.offline=true)
SCRATCH="$(mktemp -d -t persona-startup-XXXXXX)"
PID=""
cleanup() { if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi; rm -rf "$SCRATCH"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { date +%s%3N; }

# one start in folder $1, label $2; prints "label wall_ms log_ms"
start_once() {
  local dir="$1" label="$2" port t0 t1 log_ms
  port="$(free_port)"
  t0="$(now_ms)"
  (cd "$dir" && exec env HTTP_HOST=127.0.0.1 HTTP_PORT="$port" DJL_CACHE_DIR="$SCRATCH/djl" \
     java "${JAVA_OPTS[@]}" -Djava.io.tmpdir="$SCRATCH" -jar "$JAR" >"$dir/$label.log" 2>&1) &
  PID=$!
  local deadline=$(( t0 + 60000 ))
  until curl -fsS --max-time 1 "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"UP"'; do
    if ! kill -0 "$PID" 2>/dev/null; then echo "server exited; log:" >&2; cat "$dir/$label.log" >&2; exit 1; fi
    if [ "$(now_ms)" -gt "$deadline" ]; then echo "no UP within 60 s" >&2; exit 1; fi
    sleep 0.02
  done
  t1="$(now_ms)"
  log_ms="$(grep -o 'UP on [^ ]* in [0-9]* ms' "$dir/$label.log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || echo '?')"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  echo "$label $(( t1 - t0 )) $log_ms"
}

echo "jar: $JAR"
echo "machine: nproc=$(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-7s %10s %10s %10s\n' run start wall_ms log_ms jvm_ms
results=()
for i in $(seq 1 "$RUNS"); do
  dir="$SCRATCH/run$i"; mkdir -p "$dir"
  j0="$(now_ms)"; java "${JAVA_OPTS[@]}" -jar "$JAR" --help >/dev/null; jvm=$(( $(now_ms) - j0 ))
  read -r _ w1 l1 < <(start_once "$dir" first)
  read -r _ w2 l2 < <(start_once "$dir" second)
  printf '%-6s %-7s %10s %10s %10s\n' "$i" first "$w1" "$l1" "$jvm"
  printf '%-6s %-7s %10s %10s %10s\n' "$i" second "$w2" "$l2" "$jvm"
  results+=("first $w1 $l1 $jvm" "second $w2 $l2 $jvm")
done
printf '%s\n' "${results[@]}" | awk '
  { n[$1]++; w[$1]+=$2; l[$1]+=$3; j[$1]+=$4; d=$2-$4; if (!($1 in mx) || $2>mx[$1]) mx[$1]=$2; if (!($1 in md) || d>md[$1]) md[$1]=d }
  END { for (k in n) printf "%-6s mean wall %5.0f ms (max %d), mean UP log %5.0f ms, mean wall minus JVM start %5.0f ms (max %d)\n",
        k, w[k]/n[k], mx[k], l[k]/n[k], (w[k]-j[k])/n[k], md[k] }'
