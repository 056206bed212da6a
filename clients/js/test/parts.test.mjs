// The client's pure parts: backoff, queue, duplicate ids, pacing, token expiry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff, BoundedQueue, RecentIds, SlidingWindow, TokenBucket, retryAfterMs, tokenExpiry } from '../linkup-client.js';
import { fakeJwt } from './fakes.mjs';

test('backoff: full jitter between the floor and a ceiling that doubles per attempt up to the cap', () => {
  const lows = new Backoff({ minDelay: 100, baseDelay: 500, maxDelay: 8000, random: () => 0 });
  const highs = new Backoff({ minDelay: 100, baseDelay: 500, maxDelay: 8000, random: () => 1 });
  const low = Array.from({ length: 7 }, () => lows.next());
  const high = Array.from({ length: 7 }, () => highs.next());
  assert.deepEqual(low, [100, 100, 100, 100, 100, 100, 100]);
  assert.deepEqual(high, [500, 1000, 2000, 4000, 8000, 8000, 8000]);
});

test('backoff: a draw of r lands at floor + r * (ceiling - floor)', () => {
  const b = new Backoff({ minDelay: 0, baseDelay: 1000, maxDelay: 30_000, random: () => 0.25 });
  assert.deepEqual([b.next(), b.next(), b.next()], [250, 500, 1000]);
});

test('backoff: reset starts again from the first ceiling', () => {
  const b = new Backoff({ minDelay: 0, baseDelay: 100, maxDelay: 10_000, random: () => 1 });
  b.next();
  b.next();
  b.next();
  assert.equal(b.attempt, 3);
  b.reset();
  assert.equal(b.next(), 100);
});

test('backoff: many attempts never overflow past the cap', () => {
  const b = new Backoff({ minDelay: 0, baseDelay: 500, maxDelay: 30_000, random: () => 1 });
  let last;
  for (let i = 0; i < 2000; i++) last = b.next();
  assert.equal(last, 30_000);
});

test('backoff: refuses nonsense settings with a message naming them', () => {
  assert.throws(() => new Backoff({ minDelay: -1 }), /minDelay/);
  assert.throws(() => new Backoff({ minDelay: 5000, maxDelay: 1000 }), /maxDelay/);
  assert.throws(() => new Backoff({ baseDelay: NaN }), /baseDelay/);
});

test('queue: keeps order and drops the oldest when full', () => {
  const q = new BoundedQueue(3);
  assert.equal(q.push('a'), undefined);
  q.push('b');
  q.push('c');
  assert.equal(q.push('d'), 'a');
  assert.equal(q.push('e'), 'b');
  assert.deepEqual(q.drain(), ['c', 'd', 'e']);
  assert.equal(q.size, 0);
  assert.throws(() => new BoundedQueue(0), /queue size/);
});

test('dedup: a seen id is refused, and the least recently seen id is forgotten first', () => {
  const ids = new RecentIds(3);
  assert.equal(ids.add('m1'), true);
  assert.equal(ids.add('m2'), true);
  assert.equal(ids.add('m3'), true);
  assert.equal(ids.add('m1'), false, 'm1 is a duplicate (and becomes the most recent)');
  assert.equal(ids.add('m4'), true, 'evicts m2, the least recently seen');
  assert.equal(ids.has('m2'), false);
  assert.equal(ids.has('m1'), true);
  assert.equal(ids.add('m2'), true, 'forgotten, so new again');
  assert.equal(ids.size, 3);
});

test('pacing: a burst, then one frame per 1/rate seconds', () => {
  let now = 0;
  const bucket = new TokenBucket({ burst: 3, perSecond: 10 }, () => now);
  assert.deepEqual([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()], [true, true, true, false]);
  assert.equal(bucket.msUntilNext(), 100);
  now += 100;
  assert.equal(bucket.tryTake(), true);
  assert.equal(bucket.tryTake(), false);
  now += 10_000;
  assert.equal(bucket.msUntilNext(), 0);
});

test('typing budget: at most N per sliding window', () => {
  let now = 0;
  const w = new SlidingWindow(2, 60_000, () => now);
  assert.equal(w.tryAcquire(), true);
  now = 30_000;
  assert.equal(w.tryAcquire(), true);
  assert.equal(w.tryAcquire(), false);
  now = 60_000;
  assert.equal(w.tryAcquire(), true, 'the first one left the window');
  assert.equal(w.tryAcquire(), false);
});

test('token expiry is read from the JWT payload; anything else is null', () => {
  assert.equal(tokenExpiry(fakeJwt('u1', 1_800_000_000_000)), 1_800_000_000_000);
  assert.equal(tokenExpiry('not-a-jwt'), null);
  assert.equal(tokenExpiry(undefined), null);
});

test('retryAfterMs: delay-seconds or an HTTP date, in ms; null when absent or unreadable', () => {
  const now = Date.parse('2026-12-07T18:00:00Z');
  assert.equal(retryAfterMs('3', now), 3000);
  assert.equal(retryAfterMs(' 0 ', now), 0);
  assert.equal(retryAfterMs(['5'], now), 5000);
  assert.equal(retryAfterMs('Mon, 07 Dec 2026 18:00:09 GMT', now), 9000);
  assert.equal(retryAfterMs('Mon, 07 Dec 2026 17:59:00 GMT', now), 0, 'a date in the past: no wait');
  assert.equal(retryAfterMs(undefined, now), null);
  assert.equal(retryAfterMs('-1', now), null);
  assert.equal(retryAfterMs('soon', now), null);
});
