#!/usr/bin/env bash
# A connection's cost side by side, alternating RUNS times: a fresh engine sandbox, then a fresh
# Node.js yardstick (with a Redis of its own), each measured by reconnect-storm.mjs session (round 1
# cold, with resident memory HOLD seconds after it; round 2 warm). One JSON line per round in OUT.
# Needs: the engine built (mvn -o -q -B -DskipTests -pl routes -am package), npm ci in
# benchmarks/node-reference, redis-server on the PATH. Bounded: every server it starts, it stops.
# Ends with a table of medians (side-by-side-summary.mjs). Takes about 6 minutes a run on a quiet
# 2-core machine with the defaults (18 minutes for RUNS=3): mostly the 120 s hold on each server.
#   RUNS=3 CLIENTS=5000 HOLD=5,30,120 benchmarks/node/connection-cost-side-by-side.sh
# The engine runs with bin/linkup's JVM options; LINKUP_JVM_OPTS / JAVA_OPTS change them as there.
set -u
started=$(date +%s)
LOGS=${LOGS:-$(mktemp -d)}
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
RUNS=${RUNS:-3}
OUT=${OUT:-${LOGS}/side-by-side.txt}
CLIENTS=${CLIENTS:-5000}
HOLD=${HOLD:-5,30,120}
for run in $(seq 1 $RUNS); do
  port=$((20000 + RANDOM % 20000))
  LINKUP_HTTP_PORT=$port LINKUP_GATEWAY_ADMISSION_CONNECTIONS_PER_SECOND=100000 LINKUP_GATEWAY_ADMISSION_BURST=100000 \
    setsid bin/linkup sandbox > ${LOGS}/engine-$run.log 2>&1 &
  epid=$!
  for i in $(seq 1 120); do grep -q "engine ready" ${LOGS}/engine-$run.log 2>/dev/null && break; sleep 1; done
  sleep 5
  echo "engine run $run $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)" >> $OUT
  node benchmarks/node/reconnect-storm.mjs session --state .linkup/sandbox-$port.properties --clients $CLIENTS --rounds 2 --hold "$HOLD" >> $OUT 2>&1
  redis=$(grep redis.url .linkup/sandbox-$port.properties | sed 's/.*:\([0-9]*\)$/\1/')
  kill $epid; wait $epid 2>/dev/null
  # the yardstick, with a Redis of its own
  rport=$((20000 + RANDOM % 20000)); nport=$((20000 + RANDOM % 20000))
  redis-server --port $rport --save '' --appendonly no --daemonize no > ${LOGS}/redis-$run.log 2>&1 &
  rpid=$!
  sleep 1
  (cd benchmarks/node-reference && PORT=$nport REDIS_URL=redis://127.0.0.1:$rport STATE=${LOGS}/node-$run.properties node server.mjs > ${LOGS}/node-$run.log 2>&1) &
  for i in $(seq 1 30); do [ -f ${LOGS}/node-$run.properties ] && break; sleep 1; done
  npid=$(grep pid= ${LOGS}/node-$run.properties | cut -d= -f2)
  sleep 2
  echo "node run $run $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)" >> $OUT
  node benchmarks/node/reconnect-storm.mjs session --state ${LOGS}/node-$run.properties --clients $CLIENTS --rounds 2 --hold "$HOLD" >> $OUT 2>&1
  kill $npid; kill $rpid; wait 2>/dev/null
done
echo "finished after $(( $(date +%s) - started )) s" >> $OUT
node benchmarks/node/side-by-side-summary.mjs $OUT | tee ${OUT%.txt}-summary.md
