#!/usr/bin/env bash
# Fan-out side by side: fresh server processes, alternated run by run, the same FanoutLoad.
#
#   benchmarks/fanout-side-by-side.sh [options] SERVER...
#
# SERVER is one of
#   engine                 this checkout's engine (routes/target), Java from PATH, bin/linkup's JVM options
#   engine-aot             the same with bin/linkup's JDK 25 AOT cache (LINKUP_AOT=1; see docs/benchmarks.md)
#   engine@DIR             an engine copied elsewhere (DIR holds linkup-routes.jar and lib/): a build to compare
#   node                   benchmarks/node-reference/server.mjs with a redis-server of its own (npm ci first)
# Options (defaults in brackets):
#   --rounds N [3]         rounds; each round runs every SERVER at every rate, in the order given
#   --rates "400 200" []   events/s (x 100 members = deliveries/s)
#   --cold                 instead: one run per SERVER per round, 40,000/s from the first second for 60 s,
#                          p99 per 5 s window
#   --clients N [1000]     WebSocket clients (in 10 rooms); fewer keep a loaded machine within the rate,
#                          so the intake's cost per event (the Camel threads) can still be compared
#   --jfr DIR              record a JFR file per engine run into DIR (profile settings)
#
# Prints every run's lines from FanoutLoad and, at the end, one row per run: CPU per delivery
# (user/system) and per event, p50, p99, and the server's per-thread breakdown (per delivery). Loopback only; each server is
# stopped by its PID after its run. Build first: mvn -B -ntp -o -q package -DskipTests
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ROUNDS=3
CLIENTS=1000
RATES="400 200"
COLD=""
JFR_DIR=""
SERVERS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --rates) RATES="$2"; shift 2 ;;
    --cold) COLD=yes; shift ;;
    --clients) CLIENTS="$2"; shift 2 ;;
    --jfr) JFR_DIR="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) SERVERS+=("$1"); shift ;;
  esac
done
[ ${#SERVERS[@]} -gt 0 ] || SERVERS=(engine node)

BENCH_CP="benchmarks/target/linkup-benchmarks.jar:benchmarks/target/lib/*"
OUT="$(mktemp -d /tmp/fanout-side-by-side.XXXXXX)"
echo "logs in $OUT"
SUMMARY="$OUT/summary.txt"
: > "$SUMMARY"

free_port() {
  python3 -c '
import random, socket
# below the ephemeral range: a port the kernel picked could be handed to an outgoing connection before the server binds it
for port in random.sample(range(20000, 32000), 200):
    try:
        s = socket.socket(); s.bind(("0.0.0.0", port)); s.close(); print(port); break
    except OSError:
        pass'
}

await_file() { # file, seconds, pid that must stay alive meanwhile
  local i
  for i in $(seq 1 $(( $2 * 10 ))); do
    [ -s "$1" ] && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

SERVER_PIDS=()
LOAD_PID=""
cleanup() {
  local p
  for p in $LOAD_PID "${SERVER_PIDS[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# starts SERVER; sets STATE (FanoutLoad's --state file) and PIDS (what to stop after the run)
start_server() {
  local server="$1" tag="$2" port
  port="$(free_port)"
  PIDS=()
  case "$server" in
    engine|engine-aot|engine@*)
      local dir="routes/target" jar="routes/target/linkup-routes.jar" java_opts="${JAVA_OPTS:-}"
      if [[ "$server" == engine@* ]]; then
        dir="${server#engine@}"; jar="$dir/linkup-routes.jar"
      fi
      if [ -n "$JFR_DIR" ]; then
        java_opts="$java_opts -XX:StartFlightRecording=filename=$JFR_DIR/$tag.jfr,settings=profile"
      fi
      rm -f ".linkup/sandbox-$port.properties"
      if [ "$server" = engine-aot ]; then
        LINKUP_AOT=1 LINKUP_HTTP_PORT=$port LINKUP_GATEWAY_ADMISSION_CONNECTIONS_PER_SECOND=100000 \
          JAVA_OPTS="$java_opts" bin/linkup sandbox > "$OUT/$tag.server.log" 2>&1 &
      else
        # bin/linkup's JVM options, without its build check (a copied build is run as it is)
        LINKUP_PROFILE=sandbox LINKUP_HTTP_PORT=$port LINKUP_GATEWAY_ADMISSION_CONNECTIONS_PER_SECOND=100000 \
          java -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:G1PeriodicGCInterval=15000 $java_opts \
          -cp "$jar:$dir/lib/*" golf.linkup.app.LinkupApplication > "$OUT/$tag.server.log" 2>&1 &
      fi
      PIDS+=($!)
      STATE=".linkup/sandbox-$port.properties"
      ;;
    node)
      local redis_port state="$OUT/$tag.node.properties"
      redis_port="$(free_port)"
      redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no > "$OUT/$tag.redis.log" 2>&1 &
      PIDS+=($!)
      (cd benchmarks/node-reference && PORT=$port REDIS_URL=redis://127.0.0.1:$redis_port STATE="$state" \
        exec node server.mjs) > "$OUT/$tag.server.log" 2>&1 &
      PIDS+=($!)
      STATE="$state"
      ;;
    *) echo "unknown server $server" >&2; exit 2 ;;
  esac
  SERVER_PIDS=("${PIDS[@]}")
  local t0=$SECONDS
  if ! await_file "$STATE" 120 "${PIDS[-1]}"; then
    echo "$server did not become ready; see $OUT/$tag.server.log" >&2
    stop_server
    return 1
  fi
  echo "$tag: ready after $(( SECONDS - t0 )) s (load $(cut -d' ' -f1 /proc/loadavg))"
}

stop_server() {
  local p
  for p in "${PIDS[@]}"; do
    kill "$p" 2>/dev/null || true
  done
  for p in "${PIDS[@]}"; do
    while kill -0 "$p" 2>/dev/null; do sleep 0.2; done
  done
  SERVER_PIDS=()
}

run_one() { # server, rate
  local server="$1" rate="$2" tag log
  tag="$(date +%H%M%S)-${server//[@\/]/_}-$rate"
  log="$OUT/$tag.load.log"
  # a free port can be taken by another process before the server binds it: try again on another
  start_server "$server" "$tag" || start_server "$server" "$tag" || return 0
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  if [ -n "$COLD" ]; then
    java -cp "$BENCH_CP" golf.linkup.bench.load.FanoutLoad --state "$STATE" --clients "$CLIENTS" --rooms 10 \
      --events $(( rate * 60 )) --warmup 0 --rate "$rate" --windows 5 > "$log" 2>&1 &
  else
    java -cp "$BENCH_CP" golf.linkup.bench.load.FanoutLoad --state "$STATE" --clients "$CLIENTS" --rooms 10 \
      --events $(( rate * 10 )) --warmup $(( rate * 5 )) --rate "$rate" > "$log" 2>&1 &
  fi
  LOAD_PID=$! # waited for here, so that a signal to this script stops it too (trap above)
  wait "$LOAD_PID" || true
  LOAD_PID=""
  stop_server
  grep -E 'end to end|latency|engine CPU|window|missing' "$log" | sed "s/^/  /"
  local cpu p50 p99 thr win per_event
  per_event="$(sed -n 's/.*, \([0-9.]*\) us per event$/\1/p' "$log")"
  cpu="$(sed -n 's/.*, \([0-9.]*\) us per delivered message (user \([0-9.]*\), system \([0-9.]*\)).*/\1 (\2 \/ \3)/p' "$log")"
  p50="$(sed -n 's/.*p50 \([0-9.]*\) ms.*/\1/p' "$log")"
  p99="$(sed -n 's/.*p99 \([0-9.]*\) ms, max.*/\1/p' "$log")"
  thr="$(sed -n 's/^engine CPU by thread, us per delivered message://p' "$log")"
  win="$(sed -n 's/^p99 per 5 s window (by publish time)://p' "$log" | sed 's/ ([0-9]*);/;/g')"
  printf '%s | %s | %s/s | load %s | CPU/delivery %s us | CPU/event %s us | p50 %s ms | p99 %s ms |%s%s\n' \
    "$tag" "$server" "$(( rate * CLIENTS / 10 ))" "$load" "${cpu:-?}" "${per_event:-?}" "${p50:-?}" "${p99:-?}" \
    "${win:+ windows:$win}" \
    "${thr:+ threads:$thr}" | tee -a "$SUMMARY"
}

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round"
  if [ -n "$COLD" ]; then
    for s in "${SERVERS[@]}"; do run_one "$s" 400; done
  else
    for rate in $RATES; do
      for s in "${SERVERS[@]}"; do run_one "$s" "$rate"; done
    done
  fi
done
echo "== summary (also in $SUMMARY)"
cat "$SUMMARY"
