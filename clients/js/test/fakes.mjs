// Test doubles for the client's unit tests: a clock whose time moves only when told, and a
// WebSocket whose "server" side the test plays.

/** setTimeout/clearTimeout/now on a manual clock: `advance(ms)` runs what falls due, in order. */
export class ManualClock {
  constructor(start = 1_700_000_000_000) {
    this.t = start;
    this.seq = 0;
    this.tasks = new Map();
  }

  now = () => this.t;

  setTimeout = (fn, ms) => {
    const id = ++this.seq;
    this.tasks.set(id, { at: this.t + Math.max(0, ms), fn, id });
    return id;
  };

  clearTimeout = (id) => {
    this.tasks.delete(id);
  };

  /** Moves time forward by `ms`, running each task when its time comes (tasks may add tasks). */
  async advance(ms) {
    const end = this.t + ms;
    for (;;) {
      await flush();
      const due = [...this.tasks.values()].filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.tasks.delete(due.id);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = end;
    await flush();
  }

  /** The delay of the earliest pending task, or undefined. */
  nextDelay() {
    const at = Math.min(...[...this.tasks.values()].map((t) => t.at));
    return Number.isFinite(at) ? at - this.t : undefined;
  }
}

/** Lets promise callbacks and microtasks run. */
export async function flush() {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

/**
 * A WebSocket the test drives: `sockets` lists every one the client opened. Like the ws package
 * (Node), it has `on()` and shows a refused handshake's HTTP answer through `unexpected-response`
 * (`refuse()`); browsers' sockets show nothing of it (`drop(1006)`).
 */
export function fakeWebSocketClass() {
  const sockets = [];
  class FakeSocket {
    static sockets = sockets;
    constructor(url) {
      this.url = url;
      this.readyState = 0;
      this.sent = [];
      this.closedWith = null;
      this.listeners = new Map();
      this.terminated = false;
      sockets.push(this);
    }

    on(event, fn) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
      return this;
    }

    /** Aborts the handshake or the connection: the close event follows with 1006 (as with ws). */
    terminate() {
      this.terminated = true;
      this.drop(1006);
    }

    send(text) {
      if (this.readyState !== 1) throw new Error('not open');
      this.sent.push(JSON.parse(text));
    }

    close(code, reason) {
      this.closedWith = { code, reason };
      this.readyState = 3;
    }

    // ---- the server's side
    open() {
      this.readyState = 1;
      this.onopen?.({});
    }

    receive(message) {
      this.onmessage?.({ data: JSON.stringify(message) });
    }

    /**
     * The server refuses the handshake with an HTTP answer. As the ws package does: with an
     * `unexpected-response` listener the request is left to it (the client must terminate), without
     * one the socket fails with 1006.
     */
    refuse(statusCode, headers = {}) {
      const listeners = this.listeners.get('unexpected-response') ?? [];
      const res = { statusCode, headers, resumed: false, resume() { this.resumed = true; } };
      this.refusedWith = res;
      if (!listeners.length) {
        this.drop(1006);
        return;
      }
      listeners.forEach((fn) => fn({ destroy() {} }, res));
    }

    drop(code = 1006, reason = '') {
      this.readyState = 3;
      this.onclose?.({ code, reason });
    }

    /** Frames of one type the client sent. */
    frames(type) {
      return this.sent.filter((f) => f.type === type);
    }

    get token() {
      return new URL(this.url).searchParams.get('token');
    }
  }
  return FakeSocket;
}

/** An unsigned JWT-shaped token with `exp` (the client reads exp, never verifies). */
export function fakeJwt(sub, expMs) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256' })}.${b64({ sub, exp: Math.floor(expMs / 1000) })}.sig`;
}
