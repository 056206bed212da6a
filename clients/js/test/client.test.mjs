// LinkupClient against a fake socket on a manual clock: what it sends and emits when the server
// (played by the test) opens, answers, drops and warns. No real time passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinkupClient } from '../linkup-client.js';
import { ManualClock, fakeWebSocketClass, fakeJwt, flush } from './fakes.mjs';

function setup(options = {}) {
  const clock = new ManualClock();
  const WebSocket = fakeWebSocketClass();
  const client = new LinkupClient({
    url: 'ws://engine.test/',
    token: fakeJwt('user-1', clock.now() + 3_600_000),
    WebSocket,
    timers: clock,
    random: () => 1, // the top of each backoff window: delays are predictable
    reconnect: { minDelay: 100, baseDelay: 500, maxDelay: 4000, stableAfter: 10_000 },
    pingInterval: 0,
    ...options,
  });
  const events = [];
  for (const type of ['open', 'disconnected', 'reconnecting', 'recovered', 'resync', 'missed', 'duplicate',
    'queue-overflow', 'typing:change', 'presence:change', 'token-refreshed', 'client-error', 'tee-time:message',
    'feed:new-tee-time']) {
    client.on(type, (e) => events.push({ type, e }));
  }
  const sockets = WebSocket.sockets;
  const last = () => sockets[sockets.length - 1];
  return { clock, client, sockets, last, events, of: (type) => events.filter((x) => x.type === type).map((x) => x.e) };
}

/** The server's answer to a subscribe frame, with positions. */
function subscribed(frame, positions, recovered) {
  const rooms = Object.keys(positions);
  const data = { rooms, positions };
  if (recovered) data.recovered = recovered;
  return { type: 'subscribed', data, ref: frame.id };
}

function chat(room, offset, id, body = id) {
  return { id, room, offset, epoch: 'e1', type: 'tee-time:message',
    data: { teeTimeId: 'tt-1', message: { id: `msg-${id}`, body } } };
}

async function openAndSubscribe(s) {
  s.client.connect();
  await flush();
  s.last().open();
  s.last().receive({ type: 'connected', userId: 'user-1', connectionId: 'c-1' });
  const joined = s.client.subscribeTeeTime('tt-1');
  await flush();
  const frame = s.last().frames('subscribe:tee-time')[0];
  s.last().receive(subscribed(frame, { 'tee-time:tt-1': { offset: 4, epoch: 'e1' }, 'chat:tt-1': { offset: 7, epoch: 'e1' } }));
  await joined;
}

test('connects with the token in the URL and resolves subscribeTeeTime with the subscribed data', async () => {
  const s = setup();
  await openAndSubscribe(s);
  assert.match(s.sockets[0].url, /^ws:\/\/engine\.test\/\?token=/);
  assert.equal(s.client.state, 'open');
  assert.equal(s.client.userId, 'user-1');
  assert.deepEqual(s.client.positions, { 'tee-time:tt-1': { offset: 4, epoch: 'e1' }, 'chat:tt-1': { offset: 7, epoch: 'e1' } });
});

test('after a drop it reconnects with backoff and re-subscribes with the last offsets, then flushes the queue in order', async () => {
  const s = setup();
  await openAndSubscribe(s);
  s.last().receive(chat('chat:tt-1', 8, 'ev-8'));
  s.last().receive(chat('chat:tt-1', 9, 'ev-9'));
  s.last().drop(1001, 'server shutting down');
  assert.equal(s.client.state, 'waiting');
  assert.deepEqual(s.of('disconnected')[0], { code: 1001, reason: 'server shutting down', wasOpen: true, willReconnect: true, delay: 500 });

  // sent while disconnected: queued, in order
  const p1 = s.client.send('presence:visibility', { visible: false });
  const p2 = s.client.send('ping');
  await s.clock.advance(499);
  assert.equal(s.sockets.length, 1, 'waits the backoff delay');
  await s.clock.advance(1);
  assert.equal(s.sockets.length, 2);
  s.last().open();
  const types = s.last().sent.map((f) => f.type);
  assert.deepEqual(types, ['subscribe:tee-time', 'presence:visibility', 'ping'], 'subscriptions first, then the queue');
  assert.deepEqual(s.last().sent[0].data, {
    teeTimeId: 'tt-1',
    since: { 'tee-time:tt-1': { offset: 4, epoch: 'e1' }, 'chat:tt-1': { offset: 9, epoch: 'e1' } },
  });
  s.last().receive({ type: 'ack', ref: s.last().sent[1].id });
  s.last().receive({ type: 'pong', ref: s.last().sent[2].id });
  await Promise.all([p1, p2]);
  assert.equal(s.of('open').at(-1).reconnect, true);
  assert.equal(s.client.stats.reconnects, 1);
});

test('recovered messages are emitted once; an id seen before is dropped but still moves the position', async () => {
  const s = setup();
  await openAndSubscribe(s);
  s.last().receive(chat('chat:tt-1', 8, 'ev-8'));
  s.last().drop(1006);
  await s.clock.advance(500);
  s.last().open();
  const frame = s.last().frames('subscribe:tee-time')[0];
  s.last().receive(subscribed(frame, { 'tee-time:tt-1': { offset: 4, epoch: 'e1' }, 'chat:tt-1': { offset: 10, epoch: 'e1' } },
    { 'tee-time:tt-1': true, 'chat:tt-1': true }));
  s.last().receive(chat('chat:tt-1', 9, 'ev-9'));
  s.last().receive(chat('chat:tt-1', 10, 'ev-10'));
  s.last().receive({ ...chat('chat:tt-1', 11, 'ev-8'), offset: 11 }); // the same message id again
  assert.deepEqual(s.of('tee-time:message').map((m) => m.id), ['ev-8', 'ev-9', 'ev-10']);
  assert.deepEqual(s.of('duplicate'), [{ id: 'ev-8', type: 'tee-time:message', room: 'chat:tt-1' }]);
  assert.deepEqual(s.client.positions['chat:tt-1'], { offset: 11, epoch: 'e1' });
  assert.deepEqual(s.of('recovered').find((r) => r.room === 'chat:tt-1'), { room: 'chat:tt-1', recovered: true, from: 8, to: 10, count: 2 });
});

test('recovered:false asks the app to reload the room and continues from the new position', async () => {
  const s = setup();
  await openAndSubscribe(s);
  s.last().drop(1006);
  await s.clock.advance(500);
  s.last().open();
  const frame = s.last().frames('subscribe:tee-time')[0];
  s.last().receive(subscribed(frame, { 'tee-time:tt-1': { offset: 1, epoch: 'e2' }, 'chat:tt-1': { offset: 3, epoch: 'e2' } },
    { 'tee-time:tt-1': false, 'chat:tt-1': false }));
  assert.deepEqual(s.of('resync').map((r) => [r.room, r.teeTimeId]), [['tee-time:tt-1', 'tt-1'], ['chat:tt-1', 'tt-1']]);
  assert.deepEqual(s.client.positions['chat:tt-1'], { offset: 3, epoch: 'e2' });
});

test('a missed notice is answered with one recover from recoverSince, and a reconnect before the answer recovers from there', async () => {
  const s = setup();
  await openAndSubscribe(s);
  s.last().receive(chat('chat:tt-1', 12, 'ev-12'));
  s.last().receive({ type: 'missed', data: { room: 'chat:tt-1', count: 3, fromOffset: 8, toOffset: 10, epoch: 'e1',
    recoverSince: { offset: 7, epoch: 'e1' } } });
  await flush();
  const recover = s.last().frames('recover');
  assert.equal(recover.length, 1);
  assert.deepEqual(recover[0].data, { since: { 'chat:tt-1': { offset: 7, epoch: 'e1' } } });
  s.last().drop(1006);
  await s.clock.advance(500);
  s.last().open();
  assert.deepEqual(s.last().frames('subscribe:tee-time')[0].data.since['chat:tt-1'], { offset: 7, epoch: 'e1' },
    'the lower of where it is (12) and where recovery was asked from (7)');
});

test('backoff grows while connections fail and starts over only after a stable connection', async () => {
  const s = setup();
  s.client.connect();
  await flush();
  const delays = [];
  for (let i = 0; i < 4; i++) {
    s.last().drop(1006); // refused before it opened
    delays.push(s.of('disconnected').at(-1).delay);
    await s.clock.advance(s.clock.nextDelay());
  }
  assert.deepEqual(delays, [500, 1000, 2000, 4000]);
  s.last().open();
  s.last().drop(1011); // opened and dropped at once: no reset
  assert.equal(s.of('disconnected').at(-1).delay, 4000);
  await s.clock.advance(4000);
  s.last().open();
  await s.clock.advance(10_000);
  s.last().drop(1001);
  assert.equal(s.of('disconnected').at(-1).delay, 500, 'stable for stableAfter: reset');
});

test('a handshake refused with 503 and Retry-After waits that long plus up to a second of jitter, and keeps its token', async () => {
  const tokens = [];
  const s = setup({
    token: undefined,
    getToken: ({ reason }) => {
      tokens.push(reason);
      return fakeJwt('user-1', Date.now() + 3_600_000);
    },
    random: () => 0.25,
  });
  s.client.connect();
  await flush();
  s.last().refuse(503, { 'retry-after': '7' });
  assert.ok(s.last().terminated, 'the refused request is dropped, not left hanging');
  assert.ok(s.last().refusedWith.resumed, 'the answer body is drained');
  const refused = s.of('disconnected').at(-1);
  assert.equal(refused.status, 503);
  assert.equal(refused.retryAfter, 7000);
  assert.equal(refused.wasOpen, false);
  assert.equal(refused.delay, 7250, 'Retry-After (7 s) + 0.25 of a second of jitter, over the backoff (<= 500 ms)');
  await s.clock.advance(7249);
  assert.equal(s.sockets.length, 1, 'not before Retry-After');
  await s.clock.advance(1);
  assert.equal(s.sockets.length, 2);

  for (let i = 0; i < 3; i++) { // a storm: refused again and again
    s.last().refuse(503, { 'retry-after': '1' });
    await s.clock.advance(s.clock.nextDelay());
  }
  assert.deepEqual(tokens, ['initial'], 'a refusal for load is no reason to ask the API server for a new token');
  s.last().open();
  assert.equal(s.client.state, 'open');
});

test('Retry-After is a least wait: a longer backoff wins, a huge or unreadable value does not stall the client', async () => {
  const s = setup({ reconnect: { minDelay: 100, baseDelay: 500, maxDelay: 4000, stableAfter: 10_000, maxRetryAfter: 20_000 } });
  s.client.connect();
  await flush();
  for (let i = 0; i < 3; i++) { // backoff 500, 1000, 2000 (random 1: the top of each window)
    s.last().drop(1006);
    await s.clock.advance(s.clock.nextDelay());
  }
  s.last().refuse(503, { 'retry-after': '1' });
  assert.equal(s.of('disconnected').at(-1).delay, 4000, 'the backoff (4 s) is longer than Retry-After + jitter (2 s)');
  await s.clock.advance(4000);
  s.last().refuse(503, { 'retry-after': '86400' });
  assert.equal(s.of('disconnected').at(-1).delay, 21_000, 'capped at reconnect.maxRetryAfter, plus jitter');
  await s.clock.advance(21_000);
  s.last().refuse(503, { 'retry-after': 'soon' });
  assert.equal(s.of('disconnected').at(-1).delay, 4000, 'unreadable: the backoff alone');
  assert.equal(s.of('disconnected').at(-1).retryAfter, undefined);
});

test('1008 stops reconnecting until a new token is given', async () => {
  const s = setup();
  await openAndSubscribe(s);
  s.last().drop(1008, 'too many connections: closed the oldest');
  await s.clock.advance(60_000);
  assert.equal(s.sockets.length, 1);
  assert.equal(s.client.state, 'stopped');
  assert.equal(s.of('disconnected')[0].willReconnect, false);
  const fresh = fakeJwt('user-1', s.clock.now() + 3_600_000);
  s.client.setToken(fresh);
  await flush();
  assert.equal(s.sockets.length, 2);
  assert.equal(s.last().token, fresh);
});

test('4401 without a token provider stops; with one, reconnects with a new token', async () => {
  const a = setup();
  await openAndSubscribe(a);
  a.last().drop(4401, 'token expired');
  await a.clock.advance(60_000);
  assert.equal(a.sockets.length, 1);
  assert.equal(a.client.state, 'stopped');

  let n = 0;
  const b = setup({ token: undefined, getToken: async ({ reason }) => fakeJwt(`user-1-${n++}`, Date.now() + 3_600_000) + `#${reason}` });
  b.client.connect();
  await flush();
  b.last().open();
  const first = b.last().token;
  b.last().drop(4401, 'token expired');
  await b.clock.advance(b.clock.nextDelay());
  await flush();
  assert.equal(b.sockets.length, 2);
  assert.notEqual(b.last().token, first);
  assert.match(first, /#initial$/);
  assert.match(b.last().token, /#expired$/);
});

test('token-expiring: the provider is asked and refresh-token is sent over the socket', async () => {
  const s = setup({ getToken: async () => 'new-token' });
  await openAndSubscribe(s);
  s.last().receive({ type: 'token-expiring', data: { expiresAt: '2030-01-01T00:00:00Z' } });
  await flush();
  const refresh = s.last().frames('refresh-token');
  assert.deepEqual(refresh.map((f) => f.data), [{ token: 'new-token' }]);
  s.last().receive({ type: 'token-refreshed', data: { expiresAt: '2030-01-01T01:00:00Z' }, ref: refresh[0].id });
  await flush();
  assert.deepEqual(s.of('token-refreshed').map((m) => m.data), [{ expiresAt: '2030-01-01T01:00:00Z' }]);
  assert.equal(s.client.stats.tokenRefreshes, 1);
});

test('a silent connection gets a ping, and is given up when nothing answers', async () => {
  const s = setup({ pingInterval: 20_000, pongTimeout: 5_000 });
  await openAndSubscribe(s);
  await s.clock.advance(19_000);
  assert.equal(s.last().frames('ping').length, 0);
  await s.clock.advance(3_000);
  assert.equal(s.last().frames('ping').length, 1);
  const ping = s.last().frames('ping')[0];
  s.last().receive({ type: 'pong', ref: ping.id });
  await s.clock.advance(10_000);
  assert.equal(s.sockets.length, 1, 'answered: still the same socket');
  await s.clock.advance(30_000);
  assert.equal(s.sockets[0].closedWith?.code, 4000);
  assert.equal(s.of('disconnected')[0].code, 4000);
  assert.equal(s.sockets.length, 2, 'and connected again');
});

test('the queue keeps the newest frames: the oldest is rejected with QUEUE_FULL', async () => {
  const s = setup({ queueSize: 2 });
  const first = s.client.send('presence:visibility', { visible: true });
  s.client.send('ping').catch(() => {});
  s.client.send('ping').catch(() => {});
  await assert.rejects(first, { code: 'QUEUE_FULL' });
  assert.equal(s.client.stats.queueDropped, 1);
  assert.equal(s.of('queue-overflow').length, 1);
  const refused = s.client.send('ping', undefined, { queue: false });
  await assert.rejects(refused, { code: 'NOT_CONNECTED' });
});

test('frames are paced under the engine rate limit: a burst, then the rest as tokens refill', async () => {
  const s = setup({ queueSize: 100, rate: { burst: 5, perSecond: 10 } });
  for (let i = 0; i < 12; i++) s.client.send('ping').catch(() => {});
  s.client.connect();
  await flush();
  s.last().open();
  assert.equal(s.last().sent.length, 5);
  await s.clock.advance(300);
  assert.equal(s.last().sent.length, 8);
  await s.clock.advance(1000);
  assert.equal(s.last().sent.length, 12);
});

test('typing: others typing show until false or until they time out; own typing respects the budget', async () => {
  const s = setup({ typingTimeout: 8000 });
  await openAndSubscribe(s);
  s.last().receive({ type: 'tee-time:typing', data: { teeTimeId: 'tt-1', userId: 'user-2', typing: true, at: 'x' } });
  s.last().receive({ type: 'tee-time:typing', data: { teeTimeId: 'tt-1', userId: 'user-3', typing: true, at: 'x' } });
  assert.deepEqual(s.client.typingUsers('tt-1'), ['user-2', 'user-3']);
  s.last().receive({ type: 'tee-time:typing', data: { teeTimeId: 'tt-1', userId: 'user-2', typing: false, at: 'x' } });
  assert.deepEqual(s.client.typingUsers('tt-1'), ['user-3']);
  await s.clock.advance(8000);
  assert.deepEqual(s.client.typingUsers('tt-1'), [], 'a lost typing:false does not leave user-3 typing forever');
  assert.deepEqual(s.of('typing:change').map((c) => c.userIds), [['user-2'], ['user-2', 'user-3'], ['user-3'], []]);

  const sent = [];
  for (let i = 0; i < 12; i++) sent.push(s.client.typing('tt-1', i % 2 === 0));
  assert.equal(sent.filter(Boolean).length, 9);
  assert.equal(s.last().frames('typing').length, 9);
});

test('typingNotifier: one typing:true per burst of keystrokes, typing:false after idling', async () => {
  const s = setup();
  await openAndSubscribe(s);
  const notifier = s.client.typingNotifier('tt-1', { idleAfter: 3000, refreshEvery: 8000 });
  for (let i = 0; i < 10; i++) {
    notifier.keystroke();
    await s.clock.advance(200);
  }
  assert.deepEqual(s.last().frames('typing').map((f) => f.data.typing), [true]);
  await s.clock.advance(3000);
  assert.deepEqual(s.last().frames('typing').map((f) => f.data.typing), [true, false]);
  assert.equal(notifier.active, false);
});

test('presence: the snapshot names the players and updates change them', async () => {
  const s = setup();
  await openAndSubscribe(s);
  s.last().receive({ type: 'presence', data: { snapshot: true, teeTimeId: 'tt-1', users: [
    { userId: 'user-2', status: 'online' }, { userId: 'user-3', status: 'offline', lastSeen: '2030-01-01T00:00:00Z' }] } });
  s.last().receive({ type: 'presence', data: { users: [{ userId: 'user-3', status: 'online' }] } });
  assert.deepEqual(s.client.presence('tt-1'), [{ userId: 'user-2', status: 'online' }, { userId: 'user-3', status: 'online' }]);
  assert.equal(s.of('presence:change').length, 3);
});

test('setPresence is coalesced to one update per 1.1 s, the latest winning', async () => {
  const s = setup();
  await openAndSubscribe(s);
  s.client.setPresence('away');
  await s.clock.advance(0);
  s.client.setPresence('online');
  s.client.setPresence('away');
  await s.clock.advance(1000);
  assert.deepEqual(s.last().frames('presence:update').map((f) => f.data.status), ['away']);
  await s.clock.advance(200);
  assert.deepEqual(s.last().frames('presence:update').map((f) => f.data.status), ['away', 'away']);
});

test('a refused subscription is rejected and not re-sent after a reconnect', async () => {
  const s = setup();
  s.client.connect();
  await flush();
  s.last().open();
  const refused = s.client.subscribeFeed({ industries: ['GOLF'] });
  await flush();
  const frame = s.last().frames('subscribe:feed')[0];
  s.last().receive({ type: 'error', data: { code: 'INVALID_FIELD', message: "'GOLF' is not an industry" }, ref: frame.id });
  await assert.rejects(refused, { code: 'INVALID_FIELD' });
  s.last().drop(1006);
  await s.clock.advance(500);
  s.last().open();
  assert.equal(s.last().frames('subscribe:feed').length, 0);
});

test('close() ends everything: no reconnect, pending requests rejected, socket closed with 1000', async () => {
  const s = setup();
  await openAndSubscribe(s);
  const pending = s.client.send('ping');
  s.client.close();
  await assert.rejects(pending, { code: 'CLOSED' });
  assert.equal(s.sockets[0].closedWith.code, 1000);
  await s.clock.advance(120_000);
  assert.equal(s.sockets.length, 1);
  assert.equal(s.client.state, 'closed');
  assert.deepEqual(s.client.positions, {});
});

test('a listener that throws does not stop the others', async () => {
  const s = setup();
  const seen = [];
  const originalError = console.error;
  console.error = () => {};
  try {
    s.client.on('feed:new-tee-time', () => {
      throw new Error('app bug');
    });
    s.client.on('feed:new-tee-time', (m) => seen.push(m.id));
    s.client.connect();
    await flush();
    s.last().open();
    s.last().receive({ id: 'ev-1', room: 'feed:FINANCE', type: 'feed:new-tee-time', data: {} });
  } finally {
    console.error = originalError;
  }
  assert.deepEqual(seen, ['ev-1']);
});

test('an empty room adopts the epoch of its first message without asking the app to reload', async () => {
  const s = setup();
  s.client.connect();
  await flush();
  s.last().open();
  const joined = s.client.subscribeTeeTime('tt-1');
  await flush();
  const frame = s.last().frames('subscribe:tee-time')[0];
  s.last().receive(subscribed(frame, { 'tee-time:tt-1': { offset: 0, epoch: 'fresh' } }));
  await joined;
  s.last().receive({ ...chat('tee-time:tt-1', 1, 'ev-1'), type: 'feed:tee-time-updated' });
  assert.deepEqual(s.of('resync'), []);
  assert.deepEqual(s.client.positions['tee-time:tt-1'], { offset: 1, epoch: 'e1' });
  s.last().receive({ ...chat('tee-time:tt-1', 1, 'ev-2'), epoch: 'e2', type: 'feed:tee-time-updated' });
  assert.deepEqual(s.of('resync').map((r) => r.room), ['tee-time:tt-1'], 'after messages, a new epoch is a restart');
});

test('a subscription left before its reply keeps no position', async () => {
  const s = setup();
  s.client.connect();
  await flush();
  s.last().open();
  s.client.subscribeTeeTime('tt-1').catch(() => {});
  await flush();
  const frame = s.last().frames('subscribe:tee-time')[0];
  s.client.unsubscribeTeeTime('tt-1').catch(() => {});
  s.last().receive(subscribed(frame, { 'tee-time:tt-1': { offset: 4, epoch: 'e1' } }));
  assert.deepEqual(s.client.positions, {});
});

test('data that is not JSON is refused without breaking the connection', async () => {
  const s = setup();
  await openAndSubscribe(s);
  const circular = {};
  circular.self = circular;
  await assert.rejects(s.client.send('typing', circular), { code: 'INVALID_DATA' });
  const pong = s.client.send('ping');
  await flush();
  s.last().receive({ type: 'pong', ref: s.last().frames('ping')[0].id });
  await pong;
});

function notification(id, title = `n-${id}`) {
  return { type: 'notification', data: { notification: { id, type: 'system_announcement', title, body: 'b', data: {},
    createdAt: '2026-12-07T10:00:00Z', read: false } } };
}

test('acknowledges each notification on arrival: a burst goes out as one ack, a repeat is not acked twice', async () => {
  const s = setup();
  const seen = [];
  s.client.on('notification', (m) => seen.push(m.data.notification.id));
  await openAndSubscribe(s);

  for (const id of [41, 42, 43]) s.last().receive(notification(id));
  s.last().receive(notification(42)); // delivered twice: shown once, acked once
  assert.deepEqual(s.last().frames('ack'), [], 'gathered for ackDelay first');
  await s.clock.advance(100);

  const acks = s.last().frames('ack');
  assert.equal(acks.length, 1);
  assert.deepEqual(acks[0].data, { notificationIds: [41, 42, 43] });
  assert.deepEqual(seen, [41, 42, 43]);
  s.last().receive({ type: 'acked', data: { notificationIds: [41, 42, 43] }, ref: acks[0].id });
  await flush();
  assert.equal(s.client.stats.notificationsAcked, 3);
  assert.deepEqual(s.of('client-error'), []);
});

test('more than 100 notifications at once are acked 100 per frame', async () => {
  const s = setup({ rate: { burst: 100, perSecond: 100 } });
  await openAndSubscribe(s);
  for (let id = 1; id <= 150; id++) s.last().receive(notification(id));
  await s.clock.advance(100);

  const acks = s.last().frames('ack');
  assert.deepEqual(acks.map((f) => f.data.notificationIds.length), [100, 50]);
  assert.equal(acks[1].data.notificationIds[49], 150);
});

test('an ack gathered while disconnected is sent after the reconnect', async () => {
  const s = setup();
  await openAndSubscribe(s);
  s.last().receive(notification(7));
  s.last().drop(1006);
  await s.clock.advance(100); // the ack waits in the send queue
  await s.clock.advance(1_000); // backoff: reconnect
  s.last().open();
  s.last().receive({ type: 'connected', userId: 'user-1', connectionId: 'c-2' });
  const frame = s.last().frames('subscribe:tee-time')[0];
  s.last().receive(subscribed(frame, { 'tee-time:tt-1': { offset: 4, epoch: 'e1' }, 'chat:tt-1': { offset: 7, epoch: 'e1' } }));
  await s.clock.advance(10);

  assert.deepEqual(s.last().frames('ack').map((f) => f.data.notificationIds), [[7]]);
});

test('with autoAck off nothing is acked until the app calls ack(), which resolves on acked', async () => {
  const s = setup({ autoAck: false });
  await openAndSubscribe(s);
  s.last().receive(notification(9));
  await s.clock.advance(1_000);
  assert.deepEqual(s.last().frames('ack'), []);

  const done = s.client.ack([9]);
  await s.clock.advance(100);
  const [frame] = s.last().frames('ack');
  assert.deepEqual(frame.data, { notificationIds: [9] });
  s.last().receive({ type: 'acked', data: { notificationIds: [9] }, ref: frame.id });
  assert.deepEqual(await done, { notificationIds: [9] });
});

test('a refused ack rejects ack() with the engine\'s code and is reported once as client-error on auto-ack', async () => {
  const s = setup();
  await openAndSubscribe(s);
  s.last().receive(notification(5));
  await s.clock.advance(100);
  const [frame] = s.last().frames('ack');
  s.last().receive({ type: 'error', data: { code: 'INTERNAL_ERROR', message: 'not recorded' }, ref: frame.id });
  await flush();

  const errors = s.of('client-error');
  assert.equal(errors.length, 1);
  assert.equal(errors[0].code, 'ACK_FAILED');
  assert.match(errors[0].message, /notification 5 .*not recorded/);
});
