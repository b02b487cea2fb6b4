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
# Also (d): the wall time from launching to the answer of the first guardrails check (logged in as the admin the
# script sets with ADMIN_EMAIL/ADMIN_PASSWORD, POST /api/v1/guardrails/check of a reply for the demo persona milo),
# and the server's CPU time by then (/proc/PID/stat): the first chat or check waits for the shipped lexicons, which
# /health does not.
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

# one start in folder $1, label $2; prints "label wall_ms log_ms first_check_ms server_cpu_ms"
start_once() {
  local dir="$1" label="$2" port t0 t1 log_ms
  port="$(free_port)"
  t0="$(now_ms)"
  (cd "$dir" && exec env HTTP_HOST=127.0.0.1 HTTP_PORT="$port" DJL_CACHE_DIR="$SCRATCH/djl" \
     ADMIN_EMAIL=startup@localhost ADMIN_PASSWORD=startup-check-pw-1 \
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
  local token check_ms cpu_ms
  token="$(curl -fsS --max-time 30 -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"startup@localhost","password":"startup-check-pw-1"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')"
  curl -fsS --max-time 120 -H "Authorization: Bearer $token" -H 'content-type: application/json' \
    -X POST "http://127.0.0.1:$port/api/v1/guardrails/check" \
    -d '{"persona":"milo","text":"Our house blend is $16.50 a bag.","direction":"output"}' | grep -q '"decision"' \
    || { echo "first check failed; log:" >&2; cat "$dir/$label.log" >&2; exit 1; }
  check_ms=$(( $(now_ms) - t0 ))
  # utime + stime of the server JVM (the java child of the subshell), in clock ticks
  local jpid; jpid="$(pgrep -P "$PID" java || echo "$PID")"
  cpu_ms="$(awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); split($0, f, " "); printf "%d", (f[12] + f[13]) * 1000 / hz }' "/proc/$jpid/stat")"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  echo "$label $(( t1 - t0 )) $log_ms $check_ms $cpu_ms"
}

echo "jar: $JAR"
echo "machine: nproc=$(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-7s %10s %10s %10s %14s %14s\n' run start wall_ms log_ms jvm_ms first_check_ms server_cpu_ms
results=()
for i in $(seq 1 "$RUNS"); do
  dir="$SCRATCH/run$i"; mkdir -p "$dir"
  j0="$(now_ms)"; java "${JAVA_OPTS[@]}" -jar "$JAR" --help >/dev/null; jvm=$(( $(now_ms) - j0 ))
  read -r _ w1 l1 c1 u1 < <(start_once "$dir" first)
  read -r _ w2 l2 c2 u2 < <(start_once "$dir" second)
  printf '%-6s %-7s %10s %10s %10s %14s %14s\n' "$i" first "$w1" "$l1" "$jvm" "$c1" "$u1"
  printf '%-6s %-7s %10s %10s %10s %14s %14s\n' "$i" second "$w2" "$l2" "$jvm" "$c2" "$u2"
  results+=("first $w1 $l1 $jvm $c1 $u1" "second $w2 $l2 $jvm $c2 $u2")
done
printf '%s\n' "${results[@]}" | awk '
  { n[$1]++; w[$1]+=$2; l[$1]+=$3; j[$1]+=$4; c[$1]+=$5; u[$1]+=$6; d=$2-$4; if (!($1 in mx) || $2>mx[$1]) mx[$1]=$2; if (!($1 in md) || d>md[$1]) md[$1]=d }
  END { for (k in n) printf "%-6s mean wall %5.0f ms (max %d), mean UP log %5.0f ms, mean wall minus JVM start %5.0f ms (max %d), mean first check %5.0f ms, server CPU by then %5.0f ms\n",
        k, w[k]/n[k], mx[k], l[k]/n[k], (w[k]-j[k])/n[k], md[k], c[k]/n[k], u[k]/n[k] }'
