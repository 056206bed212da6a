// Medians of connection-cost-side-by-side.sh's output: one table, engine beside the Node.js
// yardstick, cold (round 1) and warm (round 2), with every run's value in brackets.
//   node benchmarks/node/side-by-side-summary.mjs /tmp/side-by-side.txt
import fs from 'node:fs';

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n');
const runs = { engine: [], node: [] };
let server = null;
for (const line of lines) {
  const head = /^(engine|node) run/.exec(line);
  if (head) server = head[1];
  else if (server && line.startsWith('{')) runs[server].push(JSON.parse(line));
}
const median = (xs) => {
  const s = xs.filter((x) => x !== undefined && x !== null).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : undefined;
};
const fmt = (xs, scale = 1, digits = 0) => {
  const v = xs.map((x) => (x === undefined ? undefined : x / scale));
  const m = median(v);
  return m === undefined ? '-' : `${m.toFixed(digits)} [${v.map((x) => (x === undefined ? '-' : x.toFixed(digits))).join(' · ')}]`;
};
const rows = [
  ['connections per second, cold', (r) => r.round === 1 && r.connectionsPerSecond],
  ['connections per second, warm', (r) => r.round === 2 && r.connectionsPerSecond],
  ['handshake p50 ms, cold', (r) => r.round === 1 && r.handshakeMs.p50],
  ['handshake p99 ms, cold', (r) => r.round === 1 && r.handshakeMs.p99],
  ['handshake p50 ms, warm', (r) => r.round === 2 && r.handshakeMs.p50],
  ['handshake p99 ms, warm', (r) => r.round === 2 && r.handshakeMs.p99],
  ['server CPU ms per connection, cold', (r) => r.round === 1 && r.cpuMsPerConnection, 1, 2],
  ['server CPU ms per connection, warm', (r) => r.round === 2 && r.cpuMsPerConnection, 1, 2],
  ['recovered, cold', (r) => r.round === 1 && r.recovered],
  ['failed connections (both rounds)', (r) => r.failed],
  ['Redis commands per connection, warm (INFO, scripts included)', (r) => r.round === 2 && r.redisCommandsPerConnection, 1, 1],
  ['RSS MB before round 1', (r) => r.round === 1 && r.rssKb.before, 1024],
  ['RSS MB 5 s after round 1', (r) => r.round === 1 && r.rssKb['5s'], 1024],
  ['RSS MB 30 s after', (r) => r.round === 1 && r.rssKb['30s'], 1024],
  ['RSS MB 120 s after', (r) => r.round === 1 && r.rssKb['120s'], 1024],
];
console.log(`| | engine (${runs.engine.filter((r) => r.round === 1).length} runs) | Node.js yardstick (${runs.node.filter((r) => r.round === 1).length} runs) |`);
console.log('|---|---|---|');
for (const [name, pick, scale, digits] of rows) {
  const col = (server) => {
    const values = runs[server].map(pick).filter((v) => v !== false);
    return fmt(values, scale, digits);
  };
  console.log(`| ${name} | ${col('engine')} | ${col('node')} |`);
}
