// The yardstick for the gateway's fan-out figures (docs/benchmarks.md): what a team gets from a
// plain Node.js `ws` server with Redis pub/sub, measured by the same load tool on the same machine
// in the same session. It does the same job as the engine for the load's events and nothing more:
// verifies the JWT at the handshake, greets with `connected`, answers `ping` with `pong`, joins
// `subscribe:tee-time` rooms (ignoring `since`: it keeps no history), and turns each
// `tee-time.updated` published on `linkup:events` into one `feed:tee-time-updated` message sent to
// the room's sockets. No offsets, history, buffers, presence or limits.
//
//   cd benchmarks/node-reference && npm ci && node server.mjs   # then FanoutLoad --state node-reference.properties
//
// PORT (3700), REDIS_URL (redis://127.0.0.1:6379), JWT_SECRET (the sandbox's) and STATE (the file the
// load tool reads: pid, port, Redis) are read from the environment.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createClient } from 'redis';
import { WebSocketServer } from 'ws';

const port = Number(process.env.PORT ?? 3700);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const secret = process.env.JWT_SECRET ?? 'linkup-sandbox-secret-change-me-0123456789abcdef';
const statePath = process.env.STATE ?? 'node-reference.properties';

/** The user id of a valid HS256 token, or null. */
function verify(token) {
  const parts = (token ?? '').split('.');
  if (parts.length !== 3) return null;
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString());
  return claims.exp * 1000 > Date.now() ? claims.sub : null;
}

const rooms = new Map(); // room -> Set of sockets

const wss = new WebSocketServer({
  port,
  verifyClient: ({ req }) => {
    req.userId = verify(new URL(req.url, 'http://x').searchParams.get('token'));
    return req.userId !== null;
  },
});
wss.on('connection', (ws, req) => {
  const joined = new Set();
  // the engine greets every connection and answers pings: the connection-cost load tool waits for both
  ws.send(JSON.stringify({ type: 'connected', userId: req.userId, timestamp: new Date().toISOString() }));
  ws.on('message', (raw) => {
    let m;
    try {
      m = JSON.parse(raw);
    } catch {
      ws.send(JSON.stringify({ type: 'error', data: { code: 'INVALID_MESSAGE' } }));
      return;
    }
    if (m.type === 'subscribe:tee-time' && typeof m.data?.teeTimeId === 'string') {
      const room = `tee-time:${m.data.teeTimeId}`;
      if (!rooms.has(room)) rooms.set(room, new Set());
      rooms.get(room).add(ws);
      joined.add(room);
      ws.send(JSON.stringify({ ref: m.id, type: 'subscribed', data: { rooms: [room] } }));
    } else if (m.type === 'ping') {
      ws.send(JSON.stringify({ ref: m.id, type: 'pong' }));
    }
  });
  ws.on('close', () => {
    for (const room of joined) {
      const members = rooms.get(room);
      members?.delete(ws);
      if (members?.size === 0) rooms.delete(room);
    }
  });
});

const subscriber = createClient({ url: redisUrl });
await subscriber.connect();
await subscriber.subscribe('linkup:events', (raw) => {
  let event;
  try {
    event = JSON.parse(raw);
  } catch {
    return;
  }
  if (event.type !== 'tee-time.updated') return;
  const members = rooms.get(`tee-time:${event.data.teeTimeId}`);
  if (!members) return;
  const message = JSON.stringify({
    id: event.id, room: `tee-time:${event.data.teeTimeId}`, type: 'feed:tee-time-updated',
    data: { teeTimeId: event.data.teeTimeId, changes: event.data.changes },
  });
  for (const ws of members) ws.send(message);
});

writeFileSync(statePath, `pid=${process.pid}\nhttp.port=${port}\nredis.url=${redisUrl}\n`);
console.log(`node reference: ws://127.0.0.1:${port}, ${redisUrl}, pid ${process.pid}`);
