// The client with the ws package against a real HTTP server in this process: a refused handshake's
// 503 and Retry-After are read from the wire (ws's `unexpected-response`), the refused request is
// dropped, and the next attempt waits at least Retry-After. Real sockets and real time (~1-2 s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createRequire } from 'node:module';
import { LinkupClient } from '../linkup-client.js';
import { fakeJwt } from './fakes.mjs';

let ws = null;
try {
  ws = createRequire(import.meta.url)('ws');
} catch {
  // the dev dependency is not installed (npm ci): the test says so below
}

test('with the ws package a 503 with Retry-After is honoured: the next handshake comes after it', { skip: ws ? false
  : 'the ws dev dependency is missing: run npm ci in clients/js' }, async () => {
  const arrivals = [];
  const wss = new ws.WebSocketServer({ noServer: true });
  const server = http.createServer((req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket, head) => {
    arrivals.push(Date.now());
    if (arrivals.length === 1) {
      const body = JSON.stringify({ success: false, error: { code: 'TOO_MANY_CONNECTIONS', message: 'later' } });
      socket.end(`HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: application/json\r\n`
        + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (conn) => conn.send(JSON.stringify({ type: 'connected', userId: 'user-1',
      connectionId: 'c-1' })));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new LinkupClient({
    url: `ws://127.0.0.1:${server.address().port}/`,
    token: fakeJwt('user-1', Date.now() + 3_600_000),
    WebSocket: ws,
    reconnect: { minDelay: 10, baseDelay: 50, maxDelay: 100 }, // the backoff alone would retry within 50 ms
    pingInterval: 0,
  });
  const disconnects = [];
  client.on('disconnected', (e) => disconnects.push(e));
  try {
    await client.connect();
    assert.equal(arrivals.length, 2);
    assert.equal(disconnects.length, 1);
    assert.equal(disconnects[0].status, 503);
    assert.equal(disconnects[0].retryAfter, 1000);
    assert.ok(arrivals[1] - arrivals[0] >= 1000, `the second handshake came ${arrivals[1] - arrivals[0]} ms after the first`);
    assert.equal(client.state, 'open');
  } finally {
    client.close();
    wss.close();
    server.close();
  }
});
