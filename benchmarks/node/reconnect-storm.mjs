// Connection cost and reconnect storms against a running server, loopback only. Bounded: every
// phase has a deadline, and the tool closes its sockets and exits by itself.
//
// Uses the ws package installed for the Node.js yardstick: `cd benchmarks/node-reference && npm ci`.
//
//   node benchmarks/node/reconnect-storm.mjs session --state FILE [--clients 5000] [--concurrency 200]
//        [--rooms 100] [--rounds 2] [--hold 5,30,120]
//     The issue's connection cost, for the engine or the Node.js yardstick alike: CLIENTS clients,
//     CONCURRENCY at a time, each opens a WebSocket with its own JWT, waits for `connected`,
//     subscribes to a tee time (with `since` one message back when the server keeps positions, so
//     the engine recovers one message), waits for the answer, pings and waits for `pong`, and stays
//     connected. Per round: connections per second, handshake latency (TCP connect -> `connected`),
//     the server's CPU per connection (/proc/PID/stat), Redis commands per connection (INFO stats of
//     the server's Redis), and in the first round the server's resident memory HOLD seconds after
//     the last connection (no GC forced). Round 1 is cold when the server is fresh, later rounds warm.
//
//   node benchmarks/node/reconnect-storm.mjs storm --state FILE [--clients 19000] [--sample-data DIR]
//        [--grace 5] [--missed 2] [--history-ttl 120] [--monitor yes|no] [--setup-rate 400]
//     A reconnect storm on the engine: the hosts of the sample tee times stay connected (observers)
//     while CLIENTS others (their players, then synthetic users) connect and subscribe (SETUP_RATE a
//     second, under admission control's default rate), drop at once,
//     miss MISSED messages per tee time, and reconnect with `since`, paced as linkup-client.js paces
//     them: the first attempt 0.1-0.5 s after the drop (backoff with full jitter and a floor), a
//     refused handshake waits Retry-After plus up to a second, a failed one (closed, or no answer
//     within 60 s) the next backoff step (0.5 s doubling to 30 s, full jitter). Run it against the
//     engine's default admission control (it sheds the storm with Retry-After) or with it raised
//     (every handshake at once). Reports whether every client recovered (`recovered: true` and the
//     missed messages), the presence updates the observers saw for peers that were back within GRACE
//     seconds (flapping: must be none), Redis round trips per reconnect (MONITOR while they
//     reconnect, by command; --monitor no leaves it out) and commands (INFO, counting those inside
//     scripts), the time until everyone was back, and the recovery window: from the first missed
//     message's append to the last client's recovery, which must stay under the engine's room
//     history TTL (HISTORY_TTL seconds, linkup.gateway.history.ttl) or history no longer reaches back.
//
// FILE is what the server wrote about itself: pid, http.port, redis.url (the sandbox's
// .linkup/sandbox-PORT.properties; node-reference's STATE). Tokens are HS256 with the sandbox's
// documented secret. Start the engine with LINKUP_GATEWAY_ADMISSION_CONNECTIONS_PER_SECOND=100000
// (and LINKUP_GATEWAY_ADMISSION_BURST=100000) unless admission itself is measured.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { createRequire } from 'node:module';

const WebSocket = createRequire(new URL('../node-reference/package.json', import.meta.url))('ws');
const [mode, ...rest] = process.argv.slice(2);
const opt = {};
for (let i = 0; i < rest.length; i += 2) opt[rest[i].replace(/^--/, '')] = rest[i + 1];
if (!['session', 'storm'].includes(mode) || !opt.state) {
  console.error('usage: reconnect-storm.mjs session|storm --state FILE [options] (see the head of this file)');
  process.exit(64);
}
const state = Object.fromEntries(fs.readFileSync(opt.state, 'utf8').split('\n').filter((l) => l.includes('='))
  .filter((l) => !l.startsWith('#'))
  .map((l) => [l.slice(0, l.indexOf('=')).trim(), l.slice(l.indexOf('=') + 1).trim().replace(/\\(.)/g, '$1')]));
const port = Number(state['http.port']);
const pid = Number(state.pid);
const redisUrl = new URL(state['redis.url'] ?? 'redis://127.0.0.1:6379');
const secret = process.env.JWT_SECRET ?? 'linkup-sandbox-secret-change-me-0123456789abcdef';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
function sign(sub) {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, exp: Math.floor(Date.now() / 1000) + 7200 })}`;
  return `${head}.${crypto.createHmac('sha256', secret).update(head).digest('base64url')}`;
}

// ------------------------------------------------------------------ server and Redis figures

/** The server's CPU time so far (user + system), in ms. */
function cpuMillis() {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime in 1/100 s
}
const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

/** One Redis command over a fresh connection (RESP); resolves with the raw reply text. */
function redis(...args) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(redisUrl.port || 6379), redisUrl.hostname);
    let reply = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('redis timeout')));
    socket.on('data', (d) => {
      reply += d;
      const bulk = /^\$(\d+)\r\n/.exec(reply);
      if (!bulk || reply.length >= bulk[0].length + Number(bulk[1]) + 2) socket.end();
    });
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
    socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join('')}`);
  });
}
/** Many commands over one connection, pipelined; resolves once every reply arrived. */
function redisPipeline(commands) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(redisUrl.port || 6379), redisUrl.hostname);
    let replies = 0;
    let tail = '';
    socket.setTimeout(30_000, () => socket.destroy(new Error('redis timeout')));
    socket.on('data', (d) => {
      const lines = (tail + d).split('\r\n');
      tail = lines.pop();
      replies += lines.filter((l) => /^(\$\d+|-.*|\+.*|:\d+)$/.test(l)).length;
      if (replies >= commands.length) socket.end();
    });
    socket.on('end', () => resolve(replies));
    socket.on('error', reject);
    socket.write(commands.map((args) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`)
      .join('')}`).join(''));
  });
}
/**
 * Counts the requests clients send Redis (MONITOR; commands run inside Lua scripts are not round
 * trips and are left out), by command, until stop() is called.
 */
async function roundTrips() {
  const socket = net.connect(Number(redisUrl.port || 6379), redisUrl.hostname);
  const counts = {};
  let tail = '';
  socket.on('data', (d) => {
    const lines = (tail + d).split('\r\n');
    tail = lines.pop();
    for (const line of lines) {
      const m = /^\+\d+\.\d+ \[\d+ ([^\]]+)\] "([^"]+)"/.exec(line);
      if (m && m[1] !== 'lua' && m[2].toUpperCase() !== 'INFO') counts[m[2].toUpperCase()] = (counts[m[2].toUpperCase()] ?? 0) + 1;
    }
  });
  socket.on('error', () => {});
  socket.write('*1\r\n$7\r\nMONITOR\r\n');
  await sleep(200);
  return {
    stop() {
      socket.destroy();
      return counts;
    },
  };
}
const redisCommands = async () => Number(/total_commands_processed:(\d+)/.exec(await redis('INFO', 'stats'))[1]);
const note = (teeTimeId, n) => JSON.stringify({ id: crypto.randomUUID(), type: 'tee-time.updated',
  occurredAt: new Date().toISOString(), data: { teeTimeId, changes: { note: `storm ${n}` } } });
const publish = (teeTimeId, n) => redis('XADD', 'linkup:events:stream', '*', 'event', note(teeTimeId, n));

function percentiles(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const p = (q) => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1));
  return { p50: p(0.5), p90: p(0.9), p99: p(0.99), max: p(1) };
}

// ------------------------------------------------------------------ one client

/**
 * A client: opens, waits for `connected`, subscribes (with since), waits for the answer, pings.
 * Resolves {ok, handshakeMs, sessionMs, recovered} or {refused, retryAfter} or {failed}.
 */
function session(user, teeTimeId, since, onMessage = () => {}) {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/?token=${user.token}`);
    const result = { ws };
    const deadline = setTimeout(() => {
      ws.terminate();
      resolve({ failed: 'timeout' });
    }, 60_000);
    const done = (r) => {
      clearTimeout(deadline);
      resolve(r);
    };
    ws.on('unexpected-response', (req, res) => {
      res.resume();
      ws.terminate();
      done({ refused: res.statusCode, retryAfter: Number(res.headers['retry-after'] ?? 1) });
    });
    ws.on('error', () => {});
    ws.on('close', () => done({ failed: 'closed' }));
    ws.on('message', (raw) => {
      const m = JSON.parse(raw);
      onMessage(m);
      if (m.type === 'connected') {
        result.handshakeMs = performance.now() - t0;
        const data = { teeTimeId };
        if (since) data.since = { [`tee-time:${teeTimeId}`]: since };
        ws.send(JSON.stringify({ id: 's', type: 'subscribe:tee-time', data }));
      } else if (m.type === 'subscribed' && (m.ref ?? m.id) === 's') {
        result.recovered = m.data?.recovered?.[`tee-time:${teeTimeId}`];
        result.position = m.data?.positions?.[`tee-time:${teeTimeId}`];
        ws.send(JSON.stringify({ id: 'p', type: 'ping' }));
      } else if (m.type === 'pong') {
        result.sessionMs = performance.now() - t0;
        result.ok = true;
        done(result);
      } else if (m.type === 'error') {
        result.error = m.data?.code;
      }
    });
  });
}

async function inParallel(items, concurrency, work) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/**
 * Until connected, paced as linkup-client.js: with `firstDelay`, the first attempt waits a random
 * 0.1-0.5 s (its backoff's first step); a refused handshake waits Retry-After plus up to a second; a
 * failed one (closed, timed out) the next backoff step, uniformly random in [0.1 s, min(30 s, 0.5 s * 2^n)].
 */
async function persistent(user, teeTimeId, since, onMessage, tally, firstDelay = false) {
  const backoff = (n) => 100 + Math.random() * Math.max(0, Math.min(30_000, 500 * 2 ** n) - 100);
  if (firstDelay) await sleep(backoff(0));
  let failures = 0;
  for (let attempt = 0; attempt < 40; attempt++) {
    const r = await session(user, teeTimeId, since, onMessage);
    if (r.ok) return r;
    if (r.refused) {
      tally.refused++;
      tally.retryAfter[r.retryAfter] = (tally.retryAfter[r.retryAfter] ?? 0) + 1;
      await sleep(r.retryAfter * 1000 + Math.random() * 1000);
    } else {
      tally.failed++;
      await sleep(backoff(++failures));
    }
  }
  return { failed: 'gave up' };
}

const closeAll = async (sockets) => {
  sockets.forEach((ws) => ws.terminate());
  await sleep(0);
};

// ------------------------------------------------------------------ session: the side-by-side figures

async function sessionMode() {
  const clients = Number(opt.clients ?? 5000);
  const concurrency = Number(opt.concurrency ?? 200);
  const roomCount = Number(opt.rooms ?? 100);
  const rounds = Number(opt.rounds ?? 2);
  const holds = (opt.hold ?? '5,30,120').split(',').filter(Boolean).map(Number);
  const runId = crypto.randomBytes(3).toString('hex');
  const users = Array.from({ length: clients }, (_, i) => ({ token: sign(`storm-${runId}-${i}`) }));
  const rooms = Array.from({ length: roomCount }, (_, i) => `storm-${runId}-${i}`);

  // where each room stands, before every round (history keeps messages for minutes): a server
  // that keeps positions gets two fresh messages per room, and every client then asks for what
  // followed the first (it recovers one)
  const probe = await session({ token: sign('storm-probe') }, rooms[0], null);
  const keepsPositions = probe.ok && probe.position !== undefined;
  probe.ws?.terminate();
  async function positions(round) {
    const since = {};
    if (!keepsPositions) return since;
    const seen = {};
    const watchers = [];
    await inParallel(rooms, 50, async (room) => {
      const w = await session({ token: sign(`storm-probe-${room}`) }, room, null, (m) => {
        if (m.type === 'feed:tee-time-updated') seen[room] = m;
      });
      watchers.push(w.ws);
    });
    const appends = [];
    for (const room of rooms) for (const n of ['a', 'b']) appends.push(['XADD', 'linkup:events:stream', '*', 'event', note(room, `${round}${n}`)]);
    await redisPipeline(appends);
    const until = Date.now() + 60_000;
    while (Date.now() < until && rooms.some((r) => seen[r]?.data?.changes?.note !== `storm ${round}b`)) await sleep(50);
    for (const room of rooms) {
      if (seen[room]) since[room] = { offset: seen[room].offset - 1, epoch: seen[room].epoch };
    }
    await closeAll(watchers);
    await sleep(1000);
    return since;
  }

  for (let round = 1; round <= rounds; round++) {
    const since = await positions(round);
    const open = [];
    const handshakes = [];
    const sessions = [];
    let recovered = 0;
    let failed = 0;
    const rssBefore = rssKb();
    const cpu0 = cpuMillis();
    const commands0 = await redisCommands();
    const t0 = performance.now();
    await inParallel(users, concurrency, async (user, i) => {
      const room = rooms[i % rooms.length];
      const r = await session(user, room, since[room]);
      if (!r.ok) {
        failed++;
        return;
      }
      open.push(r.ws);
      handshakes.push(r.handshakeMs);
      sessions.push(r.sessionMs);
      if (r.recovered === true) recovered++;
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuMillis() - cpu0;
    const commands = (await redisCommands()) - commands0;
    const out = {
      round, clients, concurrency, failed, recovered, seconds: Number(seconds.toFixed(2)),
      connectionsPerSecond: Math.round(open.length / seconds),
      handshakeMs: percentiles(handshakes), sessionMs: percentiles(sessions),
      cpuMsPerConnection: Number((cpu / open.length).toFixed(3)),
      redisCommandsPerConnection: Number((commands / open.length).toFixed(2)),
      rssKb: { before: rssBefore, afterStorm: rssKb() },
    };
    if (round === 1) {
      const start = performance.now();
      for (const s of holds) {
        await sleep(Math.max(0, s * 1000 - (performance.now() - start)));
        out.rssKb[`${s}s`] = rssKb();
      }
    }
    console.log(JSON.stringify(out));
    await closeAll(open);
    await sleep(3000); // the server forgets the closed connections before the next round
  }
}

// ------------------------------------------------------------------ storm: recovery and presence

async function stormMode() {
  const clients = Number(opt.clients ?? 19000);
  const graceMs = Number(opt.grace ?? 5) * 1000;
  const missed = Number(opt.missed ?? 2);
  const historyTtlMs = Number(opt['history-ttl'] ?? 120) * 1000;
  const dir = opt['sample-data'] ?? new URL('../../sample-data/', import.meta.url).pathname;
  const teeTimes = JSON.parse(fs.readFileSync(`${dir}/tee-times.json`, 'utf8'));

  // observers: hosts who stay connected; peers: their other players (watched), who reconnect
  const observers = new Map(); // userId -> tee time
  const peers = new Map(); // userId -> tee time
  for (const t of teeTimes) {
    if (!peers.has(t.hostId) && !observers.has(t.hostId)) observers.set(t.hostId, t.id);
  }
  for (const t of teeTimes) {
    if (observers.get(t.hostId) !== t.id) continue;
    for (const p of t.players) if (!observers.has(p) && !peers.has(p)) peers.set(p, t.id);
  }
  const reconnecting = [...peers].map(([id, tt]) => ({ id, tt, token: sign(id), watched: true }));
  for (let i = 0; reconnecting.length < clients; i++) {
    reconnecting.push({ id: `storm-${i}`, tt: teeTimes[i % teeTimes.length].id, token: sign(`storm-${i}`) });
  }
  const rooms = [...new Set(teeTimes.map((t) => t.id))];

  // every client's last position in its room, as a client library keeps it
  const track = (c) => (m) => {
    if (m.offset !== undefined && m.room === `tee-time:${c.tt}`) c.last = { offset: m.offset, epoch: m.epoch };
    if (m.offset !== undefined && c.counting) c.after = (c.after ?? 0) + 1;
  };
  const presence = [];
  const tally = { refused: 0, failed: 0, retryAfter: {} };
  const obs = [...observers].map(([id, tt]) => ({ id, tt, token: sign(id) }));
  const observerSockets = [];
  await inParallel(obs, 50, async (o) => {
    const r = await persistent(o, o.tt, null, (m) => {
      if (m.type === 'presence' && !m.data?.snapshot) presence.push({ at: Date.now(), users: m.data.users });
      track(o)(m);
    }, tally);
    if (r.ok) observerSockets.push(r.ws);
  });
  // connecting them in the first place is not the storm: paced under admission control's default
  // rate (500/s), so few are refused and none waits out a long Retry-After
  let sockets = [];
  const setupRate = Number(opt['setup-rate'] ?? 400);
  await Promise.all(reconnecting.map(async (c, i) => {
    await sleep((i / setupRate) * 1000);
    const r = await persistent(c, c.tt, null, track(c), tally);
    if (r.ok) {
      c.ws = r.ws;
      if (r.position?.epoch) c.last = r.position;
      sockets.push(r.ws);
    }
  }));
  const connectedBefore = sockets.length;
  const setupTally = { ...tally, retryAfter: undefined };
  Object.assign(tally, { refused: 0, failed: 0, retryAfter: {} });
  // one message per tee time while everyone is connected, so every client holds a position
  await redisPipeline(rooms.map((room) => ['XADD', 'linkup:events:stream', '*', 'event', note(room, 0)]));
  const until = Date.now() + 60_000;
  while (Date.now() < until && obs.some((o) => (o.last?.offset ?? 0) < 1)) await sleep(100);
  await sleep(2000); // the clients' copies of the same message (delivered in the same pass)
  const withPosition = reconnecting.filter((c) => c.last?.epoch).length;

  // the storm: everyone drops at once, misses messages, and comes back at once
  const presenceFrom = presence.length;
  const droppedAt = Date.now();
  await closeAll(sockets);
  sockets = [];
  const target = Object.fromEntries(obs.map((o) => [o.tt, (o.last?.offset ?? 0) + missed]));
  const appends = [];
  for (let n = 1; n <= missed; n++) for (const room of rooms) appends.push(['XADD', 'linkup:events:stream', '*', 'event', note(room, n)]);
  const appendedAt = Date.now();
  await redisPipeline(appends);
  while (Date.now() < until + 60_000 && obs.some((o) => (o.last?.offset ?? 0) < target[o.tt])) await sleep(20);
  const missedPublishedAfterMs = Date.now() - droppedAt;
  const missedDeliveredAfterAppendMs = Date.now() - appendedAt;
  const commands0 = await redisCommands();
  const monitor = opt.monitor === 'no' ? null : await roundTrips();
  const cpu0 = cpuMillis();
  const t0 = Date.now();
  const handshakes = [];
  const backAt = new Map();
  let lastBackAt = t0;
  let recovered = 0;
  let notRecovered = 0;
  await Promise.all(reconnecting.map(async (c) => {
    c.counting = true;
    c.after = 0;
    const r = await persistent(c, c.tt, c.last, track(c), tally, true);
    if (!r.ok) return;
    sockets.push(r.ws);
    backAt.set(c.id, Date.now());
    lastBackAt = Date.now();
    handshakes.push(r.handshakeMs);
    if (r.recovered === true) recovered++;
    else notRecovered++;
  }));
  const allBackSeconds = (Date.now() - t0) / 1000;
  const trips = monitor?.stop() ?? {};
  const commands = (await redisCommands()) - commands0;
  const cpu = cpuMillis() - cpu0;
  // every recovered client got exactly the missed messages (the recovery is queued before the reply)
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && reconnecting.some((c) => c.ws && c.after < missed)) await sleep(100);
  const incomplete = reconnecting.filter((c) => (c.after ?? 0) !== missed).length;

  // presence: wait out the grace period and the batch window, then look at what observers saw
  await sleep(graceMs + 3000);
  const flapped = new Set();
  const lateAnnounced = new Set();
  for (const p of presence.slice(presenceFrom)) {
    for (const u of p.users) {
      if (!peers.has(u.userId)) continue;
      const within = (backAt.get(u.userId) ?? Infinity) - droppedAt <= graceMs;
      if (u.status !== 'online' || u.lastSeen) (within ? flapped : lateAnnounced).add(u.userId);
    }
  }
  console.log(JSON.stringify({
    clients: reconnecting.length, observers: obs.length, watchedPeers: peers.size, connectedBefore, withPosition,
    setup: { refused: setupTally.refused, failed: setupTally.failed },
    missedPublishedAfterMs, missedDeliveredAfterAppendMs, allBackSeconds,
    backWithinSeconds: percentiles([...backAt.values()].map((at) => (at - t0) / 1000)),
    recoveryWindowSeconds: Number(((lastBackAt - appendedAt) / 1000).toFixed(1)),
    historyTtlSeconds: historyTtlMs / 1000, withinHistoryTtl: lastBackAt - appendedAt < historyTtlMs,
    handshakeMs: percentiles(handshakes), refused: tally.refused, failed: tally.failed,
    retryAfter: tally.retryAfter, recovered, notRecovered, missedPerClient: missed, incompleteRecoveries: incomplete,
    peersBackWithinGrace: [...peers.keys()].filter((u) => (backAt.get(u) ?? Infinity) - droppedAt <= graceMs).length,
    presenceUpdatesSeen: presence.length - presenceFrom,
    flappingPeers: [...flapped], peersAnnouncedAfterLongerThanGrace: lateAnnounced.size,
    redisCommandsPerReconnect: Number((commands / Math.max(1, handshakes.length)).toFixed(2)),
    redisRoundTripsPerReconnect: Number((Object.values(trips).reduce((a, b) => a + b, 0)
      / Math.max(1, handshakes.length)).toFixed(2)),
    redisRoundTrips: trips,
    cpuMsPerReconnect: Number((cpu / Math.max(1, handshakes.length)).toFixed(3)),
  }));
  await closeAll([...sockets, ...observerSockets]);
}

await (mode === 'session' ? sessionMode() : stormMode());
process.exit(0);
