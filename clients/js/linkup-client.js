/**
 * LinkUp Golf real-time client: one ES module, no build step, no dependencies. Runs in browsers and
 * in Node 20+ (Node 22 has a global WebSocket; on Node 20 run with --experimental-websocket or pass
 * the `WebSocket` option, e.g. the `ws` package's constructor).
 *
 * It speaks the engine's protocol (docs/asyncapi.yaml): connects with a JWT, reconnects with
 * exponential backoff and full jitter, queues what the app sends while disconnected, re-subscribes
 * with the last offset/epoch of every room so the engine resends what was missed, drops duplicate
 * message ids, answers the engine's `missed` and `token-expiring` notices, keeps presence and
 * typing state, and paces its own frames under the engine's rate limit. API: README.md beside it.
 */

/** Errors of the client's promises: a server error code (INVALID_FIELD, ...) or one of the client's own. */
export class LinkupError extends Error {
  /**
   * @param {string} code server code, or TIMEOUT, DISCONNECTED, QUEUE_FULL, CLOSED, FRAME_TOO_LARGE, NOT_CONNECTED
   * @param {string} message for people
   * @param {string} [ref] the request id the server answered
   */
  constructor(code, message, ref) {
    super(message);
    this.name = 'LinkupError';
    this.code = code;
    this.ref = ref;
  }
}

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"),
 * with a floor: attempt n waits a uniformly random time in [minDelay, min(maxDelay, baseDelay * 2^n)].
 * The floor keeps a fleet of clients that lost the same server from all coming back at 0 ms.
 */
export class Backoff {
  constructor({ minDelay = 100, baseDelay = 500, maxDelay = 30_000, random = Math.random } = {}) {
    for (const [name, v] of Object.entries({ minDelay, baseDelay, maxDelay })) {
      if (!Number.isFinite(v) || v < 0) throw new RangeError(`backoff ${name} must be a number >= 0, got ${v}`);
    }
    if (maxDelay < minDelay) throw new RangeError(`backoff maxDelay (${maxDelay}) is below minDelay (${minDelay})`);
    this.minDelay = minDelay;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.random = random;
    this.attempt = 0;
  }

  /** The delay before the next attempt, in ms; each call counts one more attempt. */
  next() {
    const ceiling = Math.min(this.maxDelay, this.baseDelay * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    const top = Math.max(ceiling, this.minDelay);
    return Math.round(this.minDelay + this.random() * (top - this.minDelay));
  }

  /** After a stable connection: start again from the smallest delays. */
  reset() {
    this.attempt = 0;
  }
}

/** A FIFO of at most `max` items; pushing onto a full queue drops (and returns) the oldest. */
export class BoundedQueue {
  constructor(max) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`queue size must be a whole number >= 1, got ${max}`);
    this.max = max;
    this.items = [];
  }

  /** Adds `item` last; returns the item dropped to make room, or undefined. */
  push(item) {
    this.items.push(item);
    return this.items.length > this.max ? this.items.shift() : undefined;
  }

  shift() {
    return this.items.shift();
  }

  peek() {
    return this.items[0];
  }

  /** Removes and returns every item, oldest first. */
  drain() {
    const all = this.items;
    this.items = [];
    return all;
  }

  get size() {
    return this.items.length;
  }
}

/** The last `max` ids seen (least recently seen forgotten first): drops duplicate messages. */
export class RecentIds {
  constructor(max = 2000) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`dedup size must be a whole number >= 1, got ${max}`);
    this.max = max;
    this.ids = new Map();
  }

  /** True when `id` is new (now remembered); false when it was seen (and is now the most recent). */
  add(id) {
    if (this.ids.has(id)) {
      this.ids.delete(id);
      this.ids.set(id, true);
      return false;
    }
    this.ids.set(id, true);
    if (this.ids.size > this.max) this.ids.delete(this.ids.keys().next().value);
    return true;
  }

  has(id) {
    return this.ids.has(id);
  }

  get size() {
    return this.ids.size;
  }
}

/** A token bucket: `burst` frames at once, refilled at `perSecond`. Paces frames under the engine's limit. */
export class TokenBucket {
  constructor({ burst = 30, perSecond = 15 } = {}, now = Date.now) {
    if (!(burst >= 1) || !(perSecond > 0)) throw new RangeError('rate needs burst >= 1 and perSecond > 0');
    this.burst = burst;
    this.perSecond = perSecond;
    this.now = now;
    this.tokens = burst;
    this.at = now();
  }

  #refill() {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.at) * this.perSecond) / 1000);
    this.at = t;
  }

  /** Takes one token when there is one. */
  tryTake() {
    this.#refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  /** Milliseconds until a token is available (0 when one is). */
  msUntilNext() {
    this.#refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.perSecond);
  }
}

/** At most `limit` events per `windowMs` (sliding window): keeps typing under the engine's 10 per minute. */
export class SlidingWindow {
  constructor(limit, windowMs, now = Date.now) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.now = now;
    this.times = [];
  }

  tryAcquire() {
    const t = this.now();
    while (this.times.length && this.times[0] <= t - this.windowMs) this.times.shift();
    if (this.times.length >= this.limit) return false;
    this.times.push(t);
    return true;
  }
}

/** The `exp` of a JWT in ms since the epoch (read, not verified), or null. */
export function tokenExpiry(token) {
  try {
    const part = String(token).split('.')[1];
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const exp = JSON.parse(json).exp;
    return Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** Close codes the engine uses (docs/asyncapi.yaml, "Limits and close codes"). */
/**
 * A `Retry-After` header value (RFC 9110: delay-seconds or an HTTP date) in ms from `now`; null
 * when absent or unreadable. Never negative.
 */
export function retryAfterMs(value, now = Date.now()) {
  if (Array.isArray(value)) value = value[0];
  if (typeof value !== 'string' || !value.trim()) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = /^[a-z]{3}, /i.test(text) ? Date.parse(text) : NaN; // an HTTP date starts with the day's name
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export const CloseCodes = Object.freeze({
  NORMAL: 1000,
  GOING_AWAY: 1001,
  POLICY_VIOLATION: 1008,
  MESSAGE_TOO_BIG: 1009,
  INTERNAL_ERROR: 1011,
  TOKEN_EXPIRED: 4401,
  HEARTBEAT_TIMEOUT: 4408,
  /** Used by this client when it gives up on a silent connection. */
  CLIENT_HEARTBEAT: 4000,
});

const MAX_FRAME_BYTES = 65_536;
const PRESENCE_UPDATE_GAP_MS = 1100; // the engine takes one presence:update per second per user
const TYPING_BUDGET = 9; // per minute and tee time; the engine allows 10
const ACK_BATCH = 100; // notification ids per `ack` frame: the engine takes at most 100
const OPEN = 1;

/** A small event emitter: `on` returns a function that removes the listener. */
class Emitter {
  #listeners = new Map();

  on(type, fn) {
    if (typeof fn !== 'function') throw new TypeError('a listener must be a function');
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type).add(fn);
    return () => this.off(type, fn);
  }

  once(type, fn) {
    const off = this.on(type, (e) => {
      off();
      fn(e);
    });
    return off;
  }

  off(type, fn) {
    this.#listeners.get(type)?.delete(fn);
  }

  emit(type, event) {
    const set = this.#listeners.get(type);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        fn(event);
      } catch (e) {
        // one app listener's bug must not stop the client or the other listeners
        console.error(`linkup-client: a '${type}' listener threw`, e);
      }
    }
  }
}

/**
 * The client. Construct, add listeners, `connect()`, subscribe; `close()` when done.
 *
 * Events: every server message under its own type (`feed:new-tee-time`, `tee-time:message`,
 * `presence`, `notification`, `error`, ...) and `message` for all of them, duplicates dropped; and the
 * client's own: `state`, `open`, `disconnected`, `reconnecting`, `recovered`, `resync`, `missed`,
 * `duplicate`, `queue-overflow`, `presence:change`, `typing:change`, `token-refreshed`, `client-error`.
 */
export class LinkupClient extends Emitter {
  #o;
  #WebSocket;
  #timers;
  #token;
  #ws = null;
  #state = 'idle';
  #backoff;
  #timer = { reconnect: null, stable: null, heartbeat: null, pump: null, typingSweep: null, presence: null, ack: null };
  #failedHandshakes = 0;
  #refusal = null; // the current attempt's refused handshake, when the socket shows it: {status, retryAfter}
  #tokenExpired = false; // the server closed with 4401: the next token must be a new one
  #everOpened = false;
  #lastReceived = 0;
  #pingSentAt = 0;
  #nextId = 1;
  #pending = new Map(); // request id -> {resolve, reject, timer, kind, ...}
  #queue; // app frames waiting (bounded)
  #control = []; // this connection's control frames (re-subscribes, recover, refresh, ping): sent first
  #bucket;
  #recent;
  #feed = null; // {request: {industries, location}, rooms: [], waiters: []}
  #teeTimes = new Map(); // teeTimeId -> {rooms: [], waiters: []}
  #positions = new Map(); // room -> {offset, epoch}
  #recoverFrom = new Map(); // room -> {offset, epoch}: asked to recover from here (after missed), not yet answered
  #recoverBatch = null;
  #presence = new Map(); // userId -> {status, lastSeen}
  #rosters = new Map(); // teeTimeId -> Set of the other players' ids (from the snapshot)
  #typers = new Map(); // teeTimeId -> Map userId -> expiresAt
  #typingBudgets = new Map(); // teeTimeId -> SlidingWindow
  #acks = new Set(); // notification ids received, not yet sent in an `ack`
  #ackWaiters = []; // ack() calls whose ids are gathered: {ids, resolve, reject}
  #presenceWanted = null;
  #presenceSentAt = 0;
  #connectWaiters = [];
  #userId = null;
  #connectionId = null;
  #onOnline = null;
  #onVisibility = null;
  #stats = {
    connects: 0, reconnects: 0, messages: 0, duplicatesDropped: 0, queueDropped: 0,
    recoveredRooms: 0, recoveredMessages: 0, resyncs: 0, missedNotices: 0, tokenRefreshes: 0,
    notificationsAcked: 0,
  };

  /**
   * @param {object} options
   * @param {string} [options.url] the engine's WebSocket URL, e.g. ws://localhost:3001/ (browsers: the page's host)
   * @param {string} [options.token] a JWT
   * @param {(info: {reason: string}) => string | Promise<string>} [options.getToken] gives a (new) JWT:
   *   at start without `token`, before the token expires (`token-expiring`), after a 4401 close and
   *   after handshakes keep failing
   * @param {Function} [options.WebSocket] a WebSocket constructor (default: the global one)
   * @param {{minDelay?: number, baseDelay?: number, maxDelay?: number, stableAfter?: number,
   *   maxRetryAfter?: number}} [options.reconnect] (maxRetryAfter: the longest server-given Retry-After honoured, ms)
   * @param {number} [options.queueSize] frames kept while disconnected (default 100); the oldest is dropped
   * @param {number} [options.dedupSize] message ids remembered (default 2000)
   * @param {number} [options.requestTimeout] ms to wait for a reply (default 10000)
   * @param {number} [options.pingInterval] ms of silence before a protocol ping (default 25000; 0 = never)
   * @param {number} [options.pongTimeout] ms after that ping before the connection counts as dead (default 10000)
   * @param {{burst?: number, perSecond?: number}} [options.rate] own frame pacing (default 30 at once, 15/s)
   * @param {number} [options.typingTimeout] ms a typing indicator lasts without news (default 10000)
   * @param {boolean} [options.autoAway] browsers: declare away while the tab is hidden (default false)
   * @param {boolean} [options.autoAck] acknowledge every `notification` on arrival (default true): the
   *   engine then does not send it again by push; false: call `ack(ids)` yourself (e.g. once shown)
   * @param {number} [options.ackDelay] ms to gather arrivals into one `ack` frame (default 100)
   * @param {{setTimeout, clearTimeout, now}} [options.timers] for tests
   * @param {() => number} [options.random] for tests (backoff jitter)
   */
  constructor(options = {}) {
    super();
    const o = {
      url: undefined, token: undefined, getToken: undefined, WebSocket: globalThis.WebSocket,
      reconnect: {}, queueSize: 100, dedupSize: 2000, requestTimeout: 10_000, pingInterval: 25_000,
      pongTimeout: 10_000, rate: {}, typingTimeout: 10_000, autoAway: false, autoAck: true, ackDelay: 100,
      timers: undefined,
      random: Math.random, ...options,
    };
    if (!o.url) {
      if (!globalThis.location?.host) throw new TypeError('url is required outside a browser page');
      o.url = `${globalThis.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${globalThis.location.host}/`;
    }
    if (typeof o.WebSocket !== 'function') {
      throw new TypeError('no WebSocket constructor: pass options.WebSocket (Node 20: --experimental-websocket or the ws package)');
    }
    if (!o.token && typeof o.getToken !== 'function') throw new TypeError('pass a token or a getToken function');
    this.#o = o;
    this.#WebSocket = o.WebSocket;
    this.#timers = o.timers ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (t) => clearTimeout(t),
      now: () => Date.now(),
    };
    this.#token = o.token;
    const r = { minDelay: 100, baseDelay: 500, maxDelay: 30_000, stableAfter: 10_000, maxRetryAfter: 300_000,
      ...o.reconnect };
    this.#o.reconnect = r;
    this.#backoff = new Backoff({ ...r, random: o.random });
    this.#queue = new BoundedQueue(o.queueSize);
    this.#recent = new RecentIds(o.dedupSize);
    this.#bucket = new TokenBucket({ burst: 30, perSecond: 15, ...o.rate }, () => this.#timers.now());
  }

  // ------------------------------------------------------------------------------ public API

  /** idle | connecting | open | waiting (backoff) | stopped (server said not to reconnect) | closed */
  get state() {
    return this.#state;
  }

  /** The token's user, once connected. */
  get userId() {
    return this.#userId;
  }

  get connectionId() {
    return this.#connectionId;
  }

  /** Counters: connects, reconnects, messages, duplicatesDropped, queueDropped, recovered..., resyncs, ... */
  get stats() {
    return { ...this.#stats, queued: this.#queue.size };
  }

  /** Where this client is in each room it follows: {room: {offset, epoch}}. */
  get positions() {
    return Object.fromEntries([...this.#positions].map(([room, p]) => [room, { ...p }]));
  }

  /**
   * Connects (again, after `close()` or a stop). Resolves once the socket is open; rejects when the
   * client is closed or stopped first. Reconnects by itself after that.
   */
  connect() {
    const promise = new Promise((resolve, reject) => this.#connectWaiters.push({ resolve, reject }));
    if (this.#state === 'open') {
      this.#settleConnectWaiters(null);
    } else if (this.#state === 'idle' || this.#state === 'closed' || this.#state === 'stopped') {
      this.#listenToBrowser();
      this.#attempt();
    } else if (this.#state === 'waiting') {
      this.#clearTimer('reconnect');
      this.#attempt();
    }
    return promise;
  }

  /** A new JWT: used for the next connection, sent as refresh-token now when connected; resumes a stopped client. */
  setToken(token) {
    this.#token = token;
    this.#tokenExpired = false;
    if (this.#state === 'open') {
      this.refreshToken(token).catch(() => {});
    } else if (this.#state === 'stopped') {
      this.connect().catch(() => {});
    }
  }

  /**
   * Subscribes to the feed rooms of `industries` (default: the user's own), optionally within
   * `location` {lat, lng, radiusKm}; replaces the previous feed subscription. Remembered: re-sent
   * with the rooms' positions after every reconnect. Resolves with the `subscribed` data.
   */
  subscribeFeed({ industries, location } = {}) {
    const previous = this.#feed;
    this.#feed = { request: { industries, location }, rooms: [], waiters: [] };
    if (previous) {
      previous.rooms.forEach((room) => this.#forget(room));
      previous.waiters.forEach((w) => w.reject(new LinkupError('REPLACED', 'a newer subscribeFeed replaced this one')));
    }
    const done = this.#waiter(this.#feed);
    if (this.#isOpen()) this.#control.push(this.#feedFrame());
    this.#pump();
    return done;
  }

  /** Leaves every feed room and forgets the feed subscription. */
  unsubscribeFeed() {
    const previous = this.#feed;
    this.#feed = null;
    previous?.rooms.forEach((room) => this.#forget(room));
    previous?.waiters.forEach((w) => w.reject(new LinkupError('REPLACED', 'unsubscribed')));
    return this.#isOpen() ? this.#request('unsubscribe:feed', undefined, { control: true }) : Promise.resolve({ rooms: [] });
  }

  /**
   * Joins a tee time's room (and, for its players, its chat with presence and typing). Remembered
   * and recovered like the feed. Resolves with the `subscribed` data (rooms, positions).
   */
  subscribeTeeTime(teeTimeId) {
    if (typeof teeTimeId !== 'string' || !teeTimeId) throw new TypeError('teeTimeId must be a non-empty string');
    let sub = this.#teeTimes.get(teeTimeId);
    if (!sub) {
      sub = { rooms: [], waiters: [] };
      this.#teeTimes.set(teeTimeId, sub);
    }
    const done = this.#waiter(sub);
    if (this.#isOpen()) this.#control.push(this.#teeTimeFrame(teeTimeId));
    this.#pump();
    return done;
  }

  unsubscribeTeeTime(teeTimeId) {
    const sub = this.#teeTimes.get(teeTimeId);
    this.#teeTimes.delete(teeTimeId);
    sub?.waiters.forEach((w) => w.reject(new LinkupError('REPLACED', 'unsubscribed')));
    [`tee-time:${teeTimeId}`, `chat:${teeTimeId}`].forEach((room) => this.#forget(room));
    this.#rosters.delete(teeTimeId);
    this.#typers.delete(teeTimeId);
    return this.#isOpen()
      ? this.#request('unsubscribe:tee-time', { teeTimeId }, { control: true })
      : Promise.resolve({ rooms: [] });
  }

  /**
   * Sends any client message; resolves with the reply (`pong`, `ack`, ...) or rejects with a
   * LinkupError. While disconnected the frame waits in the bounded queue (unless `queue: false`,
   * which rejects with NOT_CONNECTED) and is sent in order after the re-subscriptions.
   */
  send(type, data, { queue = true, timeout } = {}) {
    return this.#request(type, data, { queue, timeout });
  }

  /**
   * Acknowledges notifications (their `notification.id`s): the engine records that this user got
   * them, and a high-priority one is then not sent again by push. Gathered for `ackDelay` ms into
   * one `ack` frame (at most 100 ids each); queued while disconnected. Resolves once sent and
   * answered (`acked`). With `autoAck` (the default) the client does this on arrival.
   */
  ack(notificationIds) {
    const ids = [].concat(notificationIds).filter((id) => Number.isSafeInteger(id) && id > 0);
    if (ids.length === 0) return Promise.resolve({ notificationIds: [] });
    ids.forEach((id) => this.#acks.add(id));
    return new Promise((resolve, reject) => {
      this.#ackWaiters.push({ ids, resolve, reject });
      if (!this.#timer.ack) {
        this.#timer.ack = this.#timers.setTimeout(() => {
          this.#timer.ack = null;
          this.#flushAcks();
        }, this.#o.ackDelay);
      }
    });
  }

  /** Sends the gathered ids, 100 per frame; each waiter settles with the frame(s) holding its ids. */
  #flushAcks() {
    const ids = [...this.#acks];
    const waiters = this.#ackWaiters;
    this.#acks.clear();
    this.#ackWaiters = [];
    const frames = new Map(); // id -> promise of its frame
    for (let i = 0; i < ids.length; i += ACK_BATCH) {
      const chunk = ids.slice(i, i + ACK_BATCH);
      const sent = this.#request('ack', { notificationIds: chunk }).then((data) => {
        this.#stats.notificationsAcked += chunk.length;
        return data;
      });
      sent.catch(() => {}); // settled through the waiters below
      chunk.forEach((id) => frames.set(id, sent));
    }
    for (const w of waiters) {
      const mine = [...new Set(w.ids.map((id) => frames.get(id)))];
      Promise.all(mine).then(() => w.resolve({ notificationIds: w.ids }), w.reject);
    }
  }

  /** Protocol-level ping; resolves with the round trip in ms. */
  async ping() {
    const t0 = this.#timers.now();
    await this.#request('ping', undefined, { queue: false });
    return this.#timers.now() - t0;
  }

  /** Sends refresh-token with `token` (also used for the next connection). */
  refreshToken(token) {
    this.#token = token;
    return this.#request('refresh-token', { token }, { queue: false, control: true }).then((data) => {
      this.#stats.tokenRefreshes++;
      return data;
    });
  }

  /**
   * Declares the user online or away (e.g. tab hidden). Coalesced to one per 1.1 s (the engine takes
   * one per second per user); the latest wins and is declared again after a reconnect.
   */
  setPresence(status) {
    if (status !== 'online' && status !== 'away') throw new TypeError("status must be 'online' or 'away'");
    this.#presenceWanted = status;
    this.#sendPresenceSoon();
  }

  /** Privacy: false makes the user appear offline to everyone (stored by the engine). */
  setPresenceVisible(visible) {
    return this.#request('presence:visibility', { visible: Boolean(visible) });
  }

  /** A player's last known presence: {status, lastSeen?}, or undefined. */
  presenceOf(userId) {
    const p = this.#presence.get(userId);
    return p && { ...p };
  }

  /** The other players of a tee time (from the snapshot) with their presence. */
  presence(teeTimeId) {
    return [...(this.#rosters.get(teeTimeId) ?? [])].map((userId) => ({
      userId, ...(this.#presence.get(userId) ?? { status: 'offline' }),
    }));
  }

  /** Ids of the other players typing in a tee time's chat now. */
  typingUsers(teeTimeId) {
    return [...(this.#typers.get(teeTimeId)?.keys() ?? [])];
  }

  /**
   * Sends `typing` for a tee time now (never queued: stale typing is noise). Returns false when the
   * client's budget (9 per minute per tee time, under the engine's 10) or the connection says no.
   */
  typing(teeTimeId, isTyping = true) {
    if (!this.#isOpen()) return false;
    let budget = this.#typingBudgets.get(teeTimeId);
    if (!budget) {
      budget = new SlidingWindow(TYPING_BUDGET, 60_000, () => this.#timers.now());
      this.#typingBudgets.set(teeTimeId, budget);
    }
    if (!budget.tryAcquire()) return false;
    this.#request('typing', { teeTimeId, typing: Boolean(isTyping) }, { queue: false }).catch(() => {});
    return true;
  }

  /**
   * A typing indicator for an input box: call `keystroke()` on input and `stop()` when the message
   * is sent. It sends typing:true once, again every `refreshEvery` ms while typing goes on, and
   * typing:false after `idleAfter` ms without keystrokes.
   */
  typingNotifier(teeTimeId, { idleAfter = 3000, refreshEvery = 8000 } = {}) {
    let active = false;
    let sentAt = 0;
    let idle = null;
    const stop = () => {
      if (idle) this.#timers.clearTimeout(idle);
      idle = null;
      if (active) {
        active = false;
        this.typing(teeTimeId, false);
      }
    };
    return {
      keystroke: () => {
        const now = this.#timers.now();
        if (!active || now - sentAt >= refreshEvery) {
          if (this.typing(teeTimeId, true)) sentAt = now;
          active = true;
        }
        if (idle) this.#timers.clearTimeout(idle);
        idle = this.#timers.setTimeout(stop, idleAfter);
      },
      stop,
      get active() {
        return active;
      },
    };
  }

  /**
   * Closes the connection (1000) and ends the client: timers stop, waiting and queued requests are
   * rejected with CLOSED, subscriptions and positions are forgotten. `connect()` starts afresh.
   */
  close() {
    const previous = this.#state;
    this.#setState('closed');
    Object.keys(this.#timer).forEach((t) => this.#clearTimer(t));
    const ws = this.#ws;
    this.#ws = null;
    if (ws) {
      this.#detach(ws);
      try {
        ws.close(CloseCodes.NORMAL, 'client closed');
      } catch {
        // already closing
      }
    }
    const closed = () => new LinkupError('CLOSED', 'the client was closed');
    this.#rejectPending(closed);
    this.#queue.drain().forEach((f) => f.reject?.(closed()));
    this.#control = [];
    this.#ackWaiters.forEach((w) => w.reject(closed()));
    this.#ackWaiters = [];
    this.#acks.clear();
    if (this.#feed) this.#feed.waiters.forEach((w) => w.reject(closed()));
    this.#teeTimes.forEach((s) => s.waiters.forEach((w) => w.reject(closed())));
    this.#feed = null;
    this.#teeTimes.clear();
    this.#positions.clear();
    this.#recoverFrom.clear();
    this.#typers.clear();
    this.#rosters.clear();
    this.#settleConnectWaiters(closed());
    this.#stopListeningToBrowser();
    if (previous !== 'closed') this.emit('closed', {});
  }

  // ------------------------------------------------------------------------------ connection

  async #attempt() {
    this.#clearTimer('reconnect');
    this.#setState('connecting');
    let token;
    try {
      token = await this.#tokenForConnect();
    } catch (e) {
      if (this.#state !== 'connecting') return;
      this.emit('client-error', { code: 'TOKEN_PROVIDER', message: `getToken failed: ${e?.message ?? e}`, error: e });
      this.#scheduleReconnect();
      return;
    }
    if (this.#state !== 'connecting') return; // closed while the token came
    if (!token) {
      this.#stop('no valid token: pass a new one with setToken()');
      return;
    }
    const url = new URL(this.#o.url);
    url.searchParams.set('token', token);
    let ws;
    try {
      ws = new this.#WebSocket(url.toString());
    } catch (e) {
      this.emit('client-error', { code: 'CONNECT', message: `cannot open ${this.#o.url}: ${e?.message ?? e}`, error: e });
      this.#scheduleReconnect();
      return;
    }
    this.#ws = ws;
    this.#refusal = null;
    if (typeof ws.on === 'function') {
      // the ws package (Node) shows a refused handshake's answer; browsers and undici show nothing
      ws.on('unexpected-response', (req, res) => this.#onRefused(ws, req, res));
    }
    let opened = false;
    ws.onopen = () => {
      opened = true;
      this.#onOpen(ws);
    };
    ws.onmessage = (ev) => this.#onMessage(ws, ev.data);
    ws.onclose = (ev) => this.#onClose(ws, ev.code, ev.reason, opened);
    ws.onerror = () => {}; // a close event follows with the code
  }

  /** The token to connect with: the current one unless it expired, else a new one from getToken. */
  async #tokenForConnect() {
    const exp = this.#token ? tokenExpiry(this.#token) : null;
    const usable = this.#token && (exp === null || exp - this.#timers.now() > 5_000);
    const getToken = this.#o.getToken;
    if (typeof getToken === 'function' && (!usable || this.#failedHandshakes >= 2)) {
      const reason = this.#tokenExpired || (this.#token && !usable) ? 'expired'
        : !this.#token ? 'initial' : 'handshake-failed';
      this.#token = await getToken({ reason });
      this.#failedHandshakes = 0;
      this.#tokenExpired = false;
    } else if (!usable) {
      return null;
    }
    return this.#token;
  }

  #onOpen(ws) {
    if (ws !== this.#ws) return;
    const reconnect = this.#everOpened;
    this.#everOpened = true;
    this.#failedHandshakes = 0;
    this.#stats.connects++;
    if (reconnect) this.#stats.reconnects++;
    this.#lastReceived = this.#timers.now();
    this.#pingSentAt = 0;
    this.#setState('open');
    // the backoff restarts only after the connection proved stable (no thrash on accept-then-close)
    this.#timer.stable = this.#timers.setTimeout(() => this.#backoff.reset(), this.#o.reconnect.stableAfter);
    this.#control = [];
    if (this.#feed) this.#control.push(this.#feedFrame());
    for (const teeTimeId of this.#teeTimes.keys()) this.#control.push(this.#teeTimeFrame(teeTimeId));
    if (this.#presenceWanted === 'away') this.#sendPresenceSoon();
    this.#scheduleHeartbeat();
    this.#pump();
    this.emit('open', { reconnect });
    this.#settleConnectWaiters(null);
  }

  /**
   * A handshake refused with an HTTP status (503 TOO_MANY_CONNECTIONS, SHUTTING_DOWN, SERVER_FULL;
   * 401 ...), seen only where the WebSocket implementation shows it (the ws package's
   * `unexpected-response`). Its `Retry-After` becomes the least wait before the next attempt. With
   * a listener on that event the ws package leaves the request to us: drop it, and the socket
   * closes with 1006 as any failed handshake does.
   */
  #onRefused(ws, req, res) {
    if (ws !== this.#ws) return;
    const retryAfter = retryAfterMs(res?.headers?.['retry-after'], this.#timers.now());
    this.#refusal = { status: res?.statusCode, retryAfter };
    res?.resume?.();
    if (typeof ws.terminate === 'function') ws.terminate();
    else req?.destroy?.();
  }

  #onClose(ws, code, reason, opened) {
    if (ws !== this.#ws) return;
    const refusal = this.#refusal;
    this.#refusal = null;
    this.#ws = null;
    this.#detach(ws);
    ['stable', 'heartbeat', 'pump'].forEach((t) => this.#clearTimer(t));
    this.#control = [];
    this.#rejectPending(() => new LinkupError('DISCONNECTED', `the connection closed (${code}) before the reply`),
      (p) => p.kind !== 'subscription');
    if (this.#typers.size) {
      const teeTimes = [...this.#typers.keys()];
      this.#typers.clear();
      teeTimes.forEach((teeTimeId) => this.emit('typing:change', { teeTimeId, userIds: [] }));
    }
    // a refusal for load (503) says nothing about the token: asking the token provider for a new one
    // during a reconnect storm would only add load to the API server
    if (!opened && refusal?.status !== 503) this.#failedHandshakes++;
    if (this.#state === 'closed') return;
    let willReconnect = true;
    if (code === CloseCodes.TOKEN_EXPIRED) {
      this.#token = undefined; // never reconnect with the expired token
      this.#tokenExpired = true;
      willReconnect = typeof this.#o.getToken === 'function';
    } else if (code === CloseCodes.POLICY_VIOLATION) {
      willReconnect = false; // abuse, or this was the user's oldest connection: reconnecting would thrash
    }
    const event = { code, reason, wasOpen: opened, willReconnect };
    if (refusal) {
      event.status = refusal.status;
      if (refusal.retryAfter !== null) event.retryAfter = refusal.retryAfter;
    }
    if (willReconnect) {
      event.delay = this.#scheduleReconnect(refusal?.retryAfter ?? 0);
    } else {
      this.#stop(code === CloseCodes.TOKEN_EXPIRED ? 'token expired: pass a new one with setToken()'
        : `closed by the server (${code} ${reason}): call connect() or setToken() to try again`);
    }
    this.emit('disconnected', event);
  }

  /**
   * Waits the backoff's delay, or the server's `Retry-After` when that is longer, plus up to a
   * second of jitter (Retry-After is in whole seconds: a storm told "2" must not come back at once).
   */
  #scheduleReconnect(retryAfter = 0) {
    let delay = this.#backoff.next();
    if (retryAfter > 0) {
      const honoured = Math.min(retryAfter, this.#o.reconnect.maxRetryAfter);
      delay = Math.max(delay, Math.round(honoured + this.#o.random() * 1000));
    }
    this.#setState('waiting');
    this.emit('reconnecting', { attempt: this.#backoff.attempt, delay });
    this.#timer.reconnect = this.#timers.setTimeout(() => {
      this.#timer.reconnect = null;
      this.#attempt();
    }, delay);
    return delay;
  }

  #stop(reason) {
    this.#setState('stopped');
    this.#settleConnectWaiters(new LinkupError('STOPPED', reason));
    this.emit('client-error', { code: 'STOPPED', message: reason });
  }

  #settleConnectWaiters(error) {
    const waiters = this.#connectWaiters;
    this.#connectWaiters = [];
    waiters.forEach((w) => (error ? w.reject(error) : w.resolve()));
  }

  #setState(state) {
    if (state === this.#state) return;
    const previous = this.#state;
    this.#state = state;
    this.emit('state', { state, previous });
  }

  #isOpen() {
    return this.#state === 'open' && this.#ws?.readyState === OPEN;
  }

  #detach(ws) {
    ws.onopen = ws.onmessage = ws.onclose = null;
    ws.onerror = () => {};
  }

  /** Browsers: reconnect at once when the network comes back; optionally declare away while hidden. */
  #listenToBrowser() {
    if (this.#onOnline || typeof globalThis.addEventListener !== 'function') return;
    this.#onOnline = () => {
      if (this.#state === 'waiting') this.#attempt();
    };
    globalThis.addEventListener('online', this.#onOnline);
    const doc = globalThis.document;
    if (this.#o.autoAway && doc?.addEventListener) {
      this.#onVisibility = () => this.setPresence(doc.visibilityState === 'hidden' ? 'away' : 'online');
      doc.addEventListener('visibilitychange', this.#onVisibility);
    }
  }

  #stopListeningToBrowser() {
    if (this.#onOnline) globalThis.removeEventListener?.('online', this.#onOnline);
    if (this.#onVisibility) globalThis.document?.removeEventListener('visibilitychange', this.#onVisibility);
    this.#onOnline = this.#onVisibility = null;
  }

  // ------------------------------------------------------------------------------ heartbeat

  /**
   * Browsers cannot see the engine's WebSocket pings, so a half-open connection is found here: after
   * `pingInterval` ms without any message a protocol ping goes out, and when nothing at all comes
   * back within `pongTimeout` the socket is given up (4000) and the client reconnects.
   */
  #scheduleHeartbeat() {
    const { pingInterval, pongTimeout } = this.#o;
    if (!(pingInterval > 0)) return;
    const check = () => {
      this.#timer.heartbeat = null;
      if (!this.#isOpen()) return;
      const now = this.#timers.now();
      if (this.#pingSentAt && this.#lastReceived < this.#pingSentAt && now - this.#pingSentAt >= pongTimeout) {
        this.#giveUp(this.#ws, CloseCodes.CLIENT_HEARTBEAT, 'no answer to ping');
        return;
      }
      if (now - this.#lastReceived >= pingInterval && !(this.#pingSentAt > this.#lastReceived)) {
        this.#pingSentAt = now;
        this.#request('ping', undefined, { queue: false, control: true }).catch(() => {});
      }
      this.#timer.heartbeat = this.#timers.setTimeout(check, Math.max(250, Math.min(pingInterval, pongTimeout) / 2));
    };
    this.#timer.heartbeat = this.#timers.setTimeout(check, Math.max(250, Math.min(pingInterval, pongTimeout) / 2));
  }

  /** Drops a socket that no longer answers without waiting for a close handshake that will not come. */
  #giveUp(ws, code, reason) {
    try {
      ws.close(code, reason);
    } catch {
      // closing anyway
    }
    this.#onClose(ws, code, reason, true);
  }

  // ------------------------------------------------------------------------------ sending

  /** Builds a request frame and its reply promise; queued, sent now, or refused. */
  #request(type, data, { queue = true, control = false, timeout, kind = 'request' } = {}) {
    return new Promise((resolve, reject) => {
      const frame = { type, id: `c${this.#nextId++}`, data, resolve, reject, timeout, kind };
      if (data === undefined) delete frame.data;
      if (control) {
        if (!this.#isOpen()) {
          reject(new LinkupError('NOT_CONNECTED', `${type}: not connected`));
          return;
        }
        this.#control.push(frame);
      } else if (this.#isOpen() || queue) {
        const dropped = this.#queue.push(frame);
        if (dropped) {
          this.#stats.queueDropped++;
          dropped.reject(new LinkupError('QUEUE_FULL', `dropped from the full send queue (${this.#o.queueSize})`));
          this.emit('queue-overflow', { dropped: { type: dropped.type, data: dropped.data } });
        }
      } else {
        reject(new LinkupError('NOT_CONNECTED', `${type}: not connected`));
        return;
      }
      this.#pump();
    });
  }

  /** Writes control frames, then queued app frames, as fast as the token bucket allows. */
  #pump() {
    if (this.#timer.pump || !this.#isOpen()) return;
    while (this.#control.length || this.#queue.size) {
      if (!this.#bucket.tryTake()) {
        this.#timer.pump = this.#timers.setTimeout(() => {
          this.#timer.pump = null;
          this.#pump();
        }, Math.max(1, this.#bucket.msUntilNext()));
        return;
      }
      const frame = this.#control.length ? this.#control.shift() : this.#queue.shift();
      this.#write(frame);
      if (!this.#isOpen()) return;
    }
  }

  #write(frame) {
    const wire = { type: frame.type, id: frame.id };
    if (frame.data !== undefined) wire.data = frame.data;
    let text;
    try {
      text = JSON.stringify(wire);
    } catch (e) {
      frame.reject(new LinkupError('INVALID_DATA', `${frame.type}: data is not JSON (${e.message})`));
      return;
    }
    if (new TextEncoder().encode(text).length > MAX_FRAME_BYTES) {
      frame.reject(new LinkupError('FRAME_TOO_LARGE', `${frame.type} is over ${MAX_FRAME_BYTES} bytes`));
      return;
    }
    const timeout = frame.timeout ?? this.#o.requestTimeout;
    const timer = this.#timers.setTimeout(() => {
      if (this.#pending.delete(frame.id)) {
        frame.reject(new LinkupError('TIMEOUT', `no reply to ${frame.type} within ${timeout} ms`, frame.id));
      }
    }, timeout);
    this.#pending.set(frame.id, { ...frame, timer });
    try {
      this.#ws.send(text);
    } catch (e) {
      // the socket is going away; its close event ends this connection and rejects the request
      this.emit('client-error', { code: 'SEND', message: `cannot send ${frame.type}: ${e?.message ?? e}`, error: e });
    }
  }

  #rejectPending(error, which = () => true) {
    for (const [id, p] of [...this.#pending]) {
      if (!which(p)) continue;
      this.#pending.delete(id);
      this.#timers.clearTimeout(p.timer);
      p.reject(error());
    }
  }

  #sendPresenceSoon() {
    if (this.#timer.presence) return;
    const wait = Math.max(0, this.#presenceSentAt + PRESENCE_UPDATE_GAP_MS - this.#timers.now());
    this.#timer.presence = this.#timers.setTimeout(() => {
      this.#timer.presence = null;
      if (!this.#isOpen() || !this.#presenceWanted) return;
      this.#presenceSentAt = this.#timers.now();
      this.#request('presence:update', { status: this.#presenceWanted }, { queue: false }).catch(() => {});
    }, wait);
  }

  // ------------------------------------------------------------------------------ subscriptions

  #waiter(sub) {
    return new Promise((resolve, reject) => sub.waiters.push({ resolve, reject }));
  }

  #feedFrame() {
    const { industries, location } = this.#feed.request;
    const data = {};
    if (industries?.length) data.industries = industries;
    if (location) data.location = location;
    const since = this.#since(this.#feed.rooms);
    if (since) data.since = since;
    return { type: 'subscribe:feed', id: `c${this.#nextId++}`, data, kind: 'subscription', feed: true,
      sent: since, resolve: () => {}, reject: () => {} };
  }

  #teeTimeFrame(teeTimeId) {
    const data = { teeTimeId };
    const since = this.#since([`tee-time:${teeTimeId}`, `chat:${teeTimeId}`]);
    if (since) data.since = since;
    return { type: 'subscribe:tee-time', id: `c${this.#nextId++}`, data, kind: 'subscription', teeTimeId,
      sent: since, resolve: () => {}, reject: () => {} };
  }

  /** {room: {offset, epoch}} for the rooms this client has a position in: the lower of where it is and where a recovery was asked from. */
  #since(rooms) {
    const since = {};
    for (const room of rooms) {
      let p = this.#positions.get(room);
      const asked = this.#recoverFrom.get(room);
      if (asked && (!p || (asked.epoch === p.epoch && asked.offset < p.offset))) p = asked;
      if (p) since[room] = { offset: p.offset, epoch: p.epoch };
    }
    return Object.keys(since).length ? since : undefined;
  }

  #forget(room) {
    this.#positions.delete(room);
    this.#recoverFrom.delete(room);
  }

  /** `subscribed` / `recovered`: positions, and per room whether the missed messages follow. */
  #onSubscription(msg, request) {
    const data = msg.data ?? {};
    const rooms = data.rooms ?? [];
    let sub = null;
    if (request?.feed) sub = this.#feed;
    else if (request?.teeTimeId) sub = this.#teeTimes.get(request.teeTimeId);
    if (msg.type === 'subscribed' && !sub) return; // unsubscribed (or replaced) while the reply was on its way
    if (sub && msg.type === 'subscribed') sub.rooms = rooms;
    const positions = data.positions ?? {};
    const recovered = data.recovered ?? {};
    const asked = request?.sent ?? request?.data?.since ?? {};
    for (const [room, pos] of Object.entries(positions)) {
      if (room in recovered) {
        this.#recoverFrom.delete(room);
        if (recovered[room]) {
          // the missed messages follow this reply, in order: they move the position as they arrive
          const from = asked[room]?.offset ?? pos.offset;
          const count = Math.max(0, pos.offset - from);
          this.#stats.recoveredRooms++;
          this.#stats.recoveredMessages += count;
          if (!this.#positions.has(room)) this.#positions.set(room, { offset: from, epoch: pos.epoch });
          this.emit('recovered', { room, recovered: true, from, to: pos.offset, count });
        } else {
          this.#positions.set(room, { offset: pos.offset, epoch: pos.epoch });
          this.#stats.resyncs++;
          this.emit('recovered', { room, recovered: false });
          this.emit('resync', { room, reason: 'history no longer reaches back: reload this room', ...roomKey(room) });
        }
      } else {
        const cur = this.#positions.get(room);
        if (!cur || cur.epoch !== pos.epoch || cur.offset < pos.offset) {
          this.#positions.set(room, { offset: pos.offset, epoch: pos.epoch });
        }
      }
    }
    if (sub && msg.type === 'subscribed') {
      const waiters = sub.waiters;
      sub.waiters = [];
      waiters.forEach((w) => w.resolve(data));
    }
  }

  /** `missed`: the engine dropped messages of a room for this slow client; recover them (batched). */
  #onMissed(msg) {
    this.#stats.missedNotices++;
    const d = msg.data ?? {};
    if (d.room && d.recoverSince && this.#positions.has(d.room)) {
      const asked = this.#recoverFrom.get(d.room);
      if (!asked || asked.epoch !== d.recoverSince.epoch || d.recoverSince.offset < asked.offset) {
        this.#recoverFrom.set(d.room, { offset: d.recoverSince.offset, epoch: d.recoverSince.epoch });
      }
      if (!this.#recoverBatch) {
        this.#recoverBatch = new Set();
        queueMicrotask(() => {
          const rooms = [...this.#recoverBatch];
          this.#recoverBatch = null;
          const since = {};
          rooms.forEach((room) => {
            const p = this.#recoverFrom.get(room);
            if (p) since[room] = p;
          });
          if (Object.keys(since).length && this.#isOpen()) {
            this.#request('recover', { since }, { control: true, kind: 'subscription' }).catch(() => {});
          }
        });
      }
      this.#recoverBatch.add(d.room);
    }
    this.emit('missed', d);
  }

  // ------------------------------------------------------------------------------ receiving

  #onMessage(ws, raw) {
    if (ws !== this.#ws) return;
    this.#lastReceived = this.#timers.now();
    let msg;
    try {
      msg = JSON.parse(typeof raw === 'string' ? raw : String(raw));
    } catch {
      this.emit('client-error', { code: 'BAD_MESSAGE', message: 'the server sent a frame that is not JSON' });
      return;
    }
    if (!msg || typeof msg.type !== 'string') return;
    if (typeof msg.room === 'string' && msg.id !== undefined) {
      this.#trackPosition(msg);
      if (!this.#recent.add(`m:${msg.id}`)) {
        this.#duplicate(msg);
        return;
      }
    } else if (msg.type === 'notification' && msg.data?.notification?.id !== undefined) {
      if (!this.#recent.add(`n:${msg.data.notification.id}`)) {
        this.#duplicate(msg);
        return;
      }
      if (this.#o.autoAck) {
        this.ack(msg.data.notification.id).catch((err) => this.emit('client-error', {
          code: 'ACK_FAILED', message: `notification ${msg.data.notification.id} not acknowledged: ${err.message}`,
        }));
      }
    }
    const request = msg.ref !== undefined ? this.#pending.get(msg.ref) : undefined;
    if (request) {
      this.#pending.delete(msg.ref);
      this.#timers.clearTimeout(request.timer);
    }
    switch (msg.type) {
      case 'connected':
        this.#userId = msg.userId;
        this.#connectionId = msg.connectionId;
        break;
      case 'subscribed':
      case 'recovered':
        this.#onSubscription(msg, request);
        break;
      case 'missed':
        this.#onMissed(msg);
        break;
      case 'token-expiring':
        this.#onTokenExpiring(msg);
        break;
      case 'presence':
        this.#onPresence(msg.data ?? {});
        break;
      case 'tee-time:typing':
        this.#onTyping(msg.data ?? {});
        break;
      case 'error':
        if (request?.kind === 'subscription') this.#onSubscriptionRefused(request, msg);
        break;
      default:
    }
    if (request) {
      if (msg.type === 'error') {
        request.reject(new LinkupError(msg.data?.code ?? 'ERROR', msg.data?.message ?? 'refused', msg.ref));
      } else {
        request.resolve(msg.data ?? {});
      }
    }
    this.#stats.messages++;
    this.emit(msg.type, msg);
    this.emit('message', msg);
  }

  #duplicate(msg) {
    this.#stats.duplicatesDropped++;
    this.emit('duplicate', { id: msg.id ?? msg.data?.notification?.id, type: msg.type, room: msg.room });
  }

  /** The furthest offset seen per followed room (same epoch); a new epoch means the stream restarted. */
  #trackPosition(msg) {
    if (!Number.isInteger(msg.offset) || typeof msg.epoch !== 'string') return;
    if (!this.#follows(msg.room)) return;
    const cur = this.#positions.get(msg.room);
    if (!cur || cur.epoch !== msg.epoch) {
      this.#positions.set(msg.room, { offset: msg.offset, epoch: msg.epoch });
      // an empty room's position (offset 0) names no lasting epoch: only a change after messages is a restart
      if (cur && cur.offset > 0) {
        this.#stats.resyncs++;
        this.emit('resync', { room: msg.room, reason: 'the room history restarted (new epoch)', ...roomKey(msg.room) });
      }
    } else if (msg.offset > cur.offset) {
      cur.offset = msg.offset;
    }
  }

  #follows(room) {
    if (this.#feed?.rooms.includes(room)) return true;
    const sep = room.indexOf(':');
    const kind = room.slice(0, sep);
    return (kind === 'tee-time' || kind === 'chat') && this.#teeTimes.has(room.slice(sep + 1));
  }

  /** A subscribe the engine refused (bad industry, too many...): forget it, so it is not re-sent. */
  #onSubscriptionRefused(request, msg) {
    const error = new LinkupError(msg.data?.code ?? 'ERROR', msg.data?.message ?? 'refused', msg.ref);
    let sub = null;
    if (request.feed && this.#feed) {
      sub = this.#feed;
      this.#feed = null;
    } else if (request.teeTimeId && this.#teeTimes.has(request.teeTimeId)) {
      sub = this.#teeTimes.get(request.teeTimeId);
      this.#teeTimes.delete(request.teeTimeId);
    }
    sub?.waiters.forEach((w) => w.reject(error));
  }

  async #onTokenExpiring(msg) {
    const getToken = this.#o.getToken;
    if (typeof getToken !== 'function') return; // the app listens to 'token-expiring' and calls setToken()
    try {
      const token = await getToken({ reason: 'expiring', expiresAt: msg.data?.expiresAt });
      if (this.#isOpen()) await this.refreshToken(token);
      else this.#token = token;
    } catch (e) {
      this.emit('client-error', { code: 'TOKEN_REFRESH', message: `token refresh failed: ${e?.message ?? e}`, error: e });
    }
  }

  #onPresence(data) {
    if (data.snapshot && data.teeTimeId) {
      this.#rosters.set(data.teeTimeId, new Set((data.users ?? []).map((u) => u.userId)));
    }
    for (const u of data.users ?? []) {
      const p = { status: u.status };
      if (u.lastSeen) p.lastSeen = u.lastSeen;
      this.#presence.set(u.userId, p);
      this.emit('presence:change', { userId: u.userId, ...p, snapshot: Boolean(data.snapshot), teeTimeId: data.teeTimeId });
    }
  }

  #onTyping(data) {
    const { teeTimeId, userId } = data;
    if (!teeTimeId || !userId) return;
    let typers = this.#typers.get(teeTimeId);
    if (!typers) {
      typers = new Map();
      this.#typers.set(teeTimeId, typers);
    }
    const before = typers.has(userId);
    if (data.typing) typers.set(userId, this.#timers.now() + this.#o.typingTimeout);
    else typers.delete(userId);
    if (before !== Boolean(data.typing)) this.emit('typing:change', { teeTimeId, userIds: [...typers.keys()] });
    this.#sweepTypersLater();
  }

  /** A typist whose typing:false was lost stops showing after `typingTimeout`. */
  #sweepTypersLater() {
    if (this.#timer.typingSweep) return;
    let next = Infinity;
    this.#typers.forEach((m) => m.forEach((until) => (next = Math.min(next, until))));
    if (next === Infinity) return;
    this.#timer.typingSweep = this.#timers.setTimeout(() => {
      this.#timer.typingSweep = null;
      const now = this.#timers.now();
      this.#typers.forEach((m, teeTimeId) => {
        let changed = false;
        m.forEach((until, userId) => {
          if (until <= now) {
            m.delete(userId);
            changed = true;
          }
        });
        if (changed) this.emit('typing:change', { teeTimeId, userIds: [...m.keys()] });
      });
      this.#sweepTypersLater();
    }, Math.max(10, next - this.#timers.now()));
  }

  #clearTimer(name) {
    if (this.#timer[name] !== null) this.#timers.clearTimeout(this.#timer[name]);
    this.#timer[name] = null;
  }
}

/** {teeTimeId} or {industry} named by a room, for apps that reload state after a `resync`. */
function roomKey(room) {
  const sep = room.indexOf(':');
  const kind = room.slice(0, sep);
  const rest = room.slice(sep + 1);
  return kind === 'feed' ? { industry: rest } : { teeTimeId: rest };
}
