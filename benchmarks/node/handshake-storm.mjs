// Handshakes per second and a reconnect storm against a running sandbox (loopback only).
//
// Needs the ws package (Node's built-in WebSocket does not show a refused handshake's answer): run it
// from a scratch directory where `npm install ws@8` was done, e.g.
//   mkdir -p /tmp/storm && cd /tmp/storm && npm install ws@8 && node $REPO/benchmarks/node/handshake-storm.mjs ...
//   node handshake-storm.mjs throughput PORT TOTAL CONCURRENCY
//       TOTAL handshakes, CONCURRENCY in flight, each closed once `connected` arrives: handshakes/s
//       and the latency from opening the socket to `connected`
//   node handshake-storm.mjs storm PORT CLIENTS
//       CLIENTS connect at the same moment and stay connected; a refused one waits Retry-After plus
//       up to a second of jitter (as linkup-client.js does) and tries again: the time until all are
//       connected, the handshake latency, the Retry-After values given, connections admitted per second
//
// Tokens are signed with the sandbox's documented secret for 500 users (storm-0..499): start the
// sandbox with LINKUP_GATEWAY_MAX_CONNECTIONS_PER_USER raised (e.g. 10000) so no user's oldest
// connection is closed.
import crypto from 'node:crypto';
import { createRequire } from 'node:module';

const WebSocket = createRequire(`${process.cwd()}/`)('ws');
const [mode, port, a = 5000, b = 50] = process.argv.slice(2);
const secret = 'linkup-sandbox-secret-change-me-0123456789abcdef';
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
function sign(sub) {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, exp: Math.floor(Date.now() / 1000) + 3600 })}`;
  return `${head}.${crypto.createHmac('sha256', secret).update(head).digest('base64url')}`;
}
const tokens = Array.from({ length: 500 }, (_, i) => sign(`storm-${i}`));
const url = (i) => `ws://127.0.0.1:${port}/?token=${tokens[i % tokens.length]}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const latencies = [];
function percentiles() {
  latencies.sort((x, y) => x - y);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]?.toFixed(1);
  return { p50: p(0.5), p90: p(0.9), p99: p(0.99), max: latencies.at(-1)?.toFixed(1) };
}

/** One handshake: {ok, ws} once `connected` arrived, {retryAfter} when refused, {failed} otherwise. */
function handshake(i) {
  const t0 = process.hrtime.bigint();
  return new Promise((resolve) => {
    const ws = new WebSocket(url(i));
    ws.on('unexpected-response', (req, res) => {
      res.resume();
      ws.terminate();
      resolve({ status: res.statusCode, retryAfter: Number(res.headers['retry-after'] ?? 1) });
    });
    ws.once('message', () => {
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      resolve({ ok: true, ws });
    });
    ws.on('error', () => {});
    ws.on('close', () => resolve({ failed: true }));
  });
}

const start = Date.now();
if (mode === 'throughput') {
  const total = Number(a);
  let next = 0;
  let ok = 0;
  const refused = {};
  const worker = async () => {
    while (next < total) {
      const r = await handshake(next++);
      if (r.ok) {
        ok++;
        r.ws.terminate();
      } else if (r.status) refused[r.status] = (refused[r.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Number(b) }, worker));
  const seconds = (Date.now() - start) / 1000;
  console.log(JSON.stringify({ total, concurrency: Number(b), seconds, connectedPerSecond: Math.round(ok / seconds),
    refused, latencyMs: percentiles() }));
} else if (mode === 'storm') {
  const clients = Number(a);
  const retryAfter = {};
  const admittedPerSecond = {};
  const open = [];
  let refused = 0;
  let failed = 0;
  const client = async (i) => {
    for (;;) {
      const r = await handshake(i);
      if (r.ok) {
        open.push(r.ws);
        const second = Math.floor((Date.now() - start) / 1000);
        admittedPerSecond[second] = (admittedPerSecond[second] ?? 0) + 1;
        return;
      }
      if (r.failed) failed++;
      else {
        refused++;
        retryAfter[r.retryAfter] = (retryAfter[r.retryAfter] ?? 0) + 1;
      }
      await sleep((r.retryAfter ?? 1) * 1000 + Math.random() * 1000);
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  console.log(JSON.stringify({ clients, allConnectedAfterSeconds: (Date.now() - start) / 1000, refused, failed,
    latencyMs: percentiles(), retryAfter, admittedPerSecond }));
  open.forEach((ws) => ws.terminate());
} else {
  console.error('usage: node handshake-storm.mjs throughput PORT TOTAL CONCURRENCY | storm PORT CLIENTS');
  process.exit(64);
}
