#!/usr/bin/env node
// The demo page and linkup-client.js in headless Chromium against a real engine. Run by
// DemoPageEndToEndTest (mvn verify), which starts the engine with fixtures and a small control
// server that publishes events on Redis (as the API server does) and drops connections:
//
//   node test/demo.e2e.mjs --base http://127.0.0.1:PORT --control http://127.0.0.1:CPORT \
//     --host USER --player USER --guest USER --room TEE_TIME --new-tee-time TEE_TIME \
//     --recommended TEE_TIME --industry FINANCE [--artifacts DIR]
//
// Three browser contexts (three people): the host and a player open the page in the same tee-time
// room, a guest who does not play in it opens it later. Checks, in order: the player's
// recommendations (with score and reasons) on load; presence both ways; a tee-time.created published
// on Redis shows in both feeds; typing reaches the other player and is not echoed; chat both ways;
// the server drops one player's socket, messages are published while it is away, and after its
// reconnect they show once, in order (recovered by offset; the update that reached two of its rooms
// is dropped once as a duplicate); the guest sees names and a read-only view, joins through a
// 15-second hold and a confirm, and the host's page shows the same player count and chips and counts
// the join in its notification centre; the short first token is refreshed over the socket; the host
// cancels and every composer is disabled; the page at phone width; an accessibility audit (axe-core)
// on a desktop and a phone page; closing a page turns that player away for the other.
// Prints `RESULT {json}` and exits 0 when all passed; otherwise prints what failed and exits 1.
// Screenshots (desktop and phone width) are saved in --artifacts either way.
import { chromium } from 'playwright-core';
import { parseArgs } from 'node:util';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string' }, control: { type: 'string' }, host: { type: 'string' }, player: { type: 'string' },
    guest: { type: 'string' }, room: { type: 'string' }, 'new-tee-time': { type: 'string' },
    recommended: { type: 'string' }, industry: { type: 'string' },
    artifacts: { type: 'string', default: 'target/demo-e2e' },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH || '/usr/bin/chromium' },
  },
});
for (const required of ['base', 'control', 'host', 'player', 'guest', 'room', 'new-tee-time', 'recommended', 'industry']) {
  if (!args[required]) {
    console.error(`missing --${required}`);
    process.exit(2);
  }
}
const { base, control, host, player, guest, room, recommended, industry } = args;
const newTeeTime = args['new-tee-time'];
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const WAIT = 10_000;
const t0 = Date.now();
const result = { checks: [], timings: {} };
const pageErrors = [];

const event = (type, data) => ({ id: `e2e-${type}-${crypto.randomUUID()}`, type, occurredAt: new Date().toISOString(), data });

async function controlCall(path, body) {
  const res = await fetch(control + path, body === undefined ? { method: 'GET' } : { method: 'POST', body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`control ${path}: HTTP ${res.status} ${text}`);
  return JSON.parse(text);
}

/** Publishes an event on linkup:events and waits until the engine appended it to each room's history. */
function publish(e, ...awaitRooms) {
  return controlCall(`/publish?${awaitRooms.map((r) => `awaitRoom=${encodeURIComponent(r)}`).join('&')}`, e);
}

async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
  } catch (e) {
    e.message = `check '${name}' failed: ${e.message}`;
    throw e;
  }
  result.checks.push(name);
  console.log(`ok - ${name} (${Date.now() - started} ms)`);
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const browser = await chromium.launch({
  executablePath: args.chromium,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const pages = {};
try {
  const open = async (who, query, viewport = DESKTOP) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${who}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`${who} console: ${m.text()}`);
    });
    await page.goto(`${base}/demo/?${new URLSearchParams(query)}`);
    pages[who] = page;
    return page;
  };
  // the host's first token lives 63 s: the engine warns 60 s before expiry, the page refreshes it
  const a = await open('host', { user: host, room, ttl: '63' });
  // the player reconnects no sooner than 3 s after a drop: time to publish what it will miss
  const b = await open('player', { user: player, room, reconnectMin: '3000' });
  const name = async (page, userId) => (await page.locator(`.player[data-user-id="${userId}"]`).textContent()).split(' ')[0];
  const unread = async (page) => Number(await page.locator('#bell-count').textContent());
  const shot = async (page, file) => {
    mkdirSync(args.artifacts, { recursive: true });
    await page.screenshot({ path: join(args.artifacts, file) });
    result.screenshots = [...(result.screenshots ?? []), join(args.artifacts, file)];
  };
  /** axe-core's violations on the page as it is now, by impact. */
  const audit = async (page) => {
    await page.evaluate(axeSource); // evaluated by the test driver, so the page's CSP does not apply
    const found = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
      .violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })));
    const count = (impact) => found.filter((v) => v.impact === impact).length;
    return { critical: count('critical'), serious: count('serious'), moderate: count('moderate'), minor: count('minor'), violations: found };
  };

  await check('both pages load and join the room', async () => {
    await a.waitForSelector('body[data-ready="true"]', { timeout: WAIT });
    await b.waitForSelector('body[data-ready="true"]', { timeout: WAIT });
    for (const page of [a, b]) {
      assert(await page.locator('#status').getAttribute('data-state') === 'open', 'status is not open');
      assert((await page.locator('#feed-title').textContent()).toLowerCase().includes(industry.toLowerCase().replaceAll('_', ' ')),
        'feed title lacks the industry');
    }
  });

  await check("the player's recommendations show on load, each score with its reasons on hover", async () => {
    const card = b.locator(`.card[data-tee-time-id="${recommended}"]`);
    await card.waitFor({ timeout: WAIT });
    assert((await card.locator('.course').textContent()) === 'Demo Links', 'the card does not name the course');
    assert((await card.textContent()).includes('hosted by'), 'the card does not name the host');
    const score = card.locator('[data-role="score"]');
    await score.waitFor({ timeout: WAIT });
    assert(/^Match score \d+ of 100$/.test(await score.textContent()), `score reads '${await score.textContent()}'`);
    assert(!(await card.locator('.reasons').isVisible()), 'the reasons show before hovering');
    await score.hover();
    await card.locator('.reasons').waitFor({ state: 'visible', timeout: WAIT });
    const reasons = await card.locator('.reasons li').allTextContents();
    assert(reasons.length === 6 && reasons.some((r) => r.includes('industry')), `reasons: ${JSON.stringify(reasons)}`);
    await b.mouse.move(0, 0);
    assert(await b.locator(`.card[data-tee-time-id="${newTeeTime}"]`).count() === 0, 'the not yet announced tee time is shown');
  });

  await check('each player sees the other online', async () => {
    await a.waitForSelector(`.player[data-user-id="${player}"][data-status="online"]`, { timeout: WAIT });
    await b.waitForSelector(`.player[data-user-id="${host}"][data-status="online"]`, { timeout: WAIT });
  });

  await check('a tee time published on Redis appears in both feeds', async () => {
    const sent = Date.now();
    await publish(event('tee-time.created', { teeTimeId: newTeeTime }), `feed:${industry}`);
    const card = `.card[data-tee-time-id="${newTeeTime}"]`;
    await a.waitForSelector(card, { timeout: WAIT });
    await b.waitForSelector(card, { timeout: WAIT });
    result.timings.feedPublishToVisibleMs = Date.now() - sent;
    assert((await b.locator(card).textContent()).includes('Demo Links'), 'the card does not name the course');
    assert(await b.locator(`${card} .chip.new`).count() === 1, 'the card is not marked new');
  });

  await check('typing reaches the other player and is not echoed to the typist', async () => {
    await a.locator('#chat-input').pressSequentially('Tee off at 7:45?', { delay: 20 });
    const hostName = await name(b, host);
    await b.waitForFunction((n) => document.querySelector('#typing').textContent.includes(`${n} is typing`), hostName, { timeout: WAIT });
    assert((await a.locator('#typing').textContent()) === '', `the typist sees '${await a.locator('#typing').textContent()}'`);
  });

  await check('chat goes both ways and the typing indicator clears on send', async () => {
    const sent = Date.now();
    await a.locator('#chat-input').press('Enter');
    await b.waitForSelector('.bubble:not(.mine) >> text=Tee off at 7:45?', { timeout: WAIT });
    await a.waitForSelector('.bubble.mine >> text=Tee off at 7:45?', { timeout: WAIT });
    result.timings.chatSendToVisibleMs = Date.now() - sent;
    await b.waitForFunction(() => document.querySelector('#typing').textContent === '', null, { timeout: WAIT });
    await b.locator('#chat-input').fill('Works for me');
    await b.locator('#chat-send').click();
    await a.waitForSelector('.bubble:not(.mine) >> text=Works for me', { timeout: WAIT });
  });

  let update;
  const missed = [1, 2, 3].map((n) => `While you were away ${n}`);
  await check('the server drops the player; what is published meanwhile is recovered once, in order', async () => {
    await b.evaluate(() => {
      window.__recovered = [];
      window.linkupDemo.client.on('recovered', (e) => window.__recovered.push(e));
    });
    const dropped = await controlCall(`/drop?user=${encodeURIComponent(player)}`, {});
    assert(dropped.closed >= 1, `no connection of ${player} to drop`);
    for (const body of missed) {
      await publish(event('message.sent', { teeTimeId: room, message: { id: `m-${crypto.randomUUID()}`, senderId: host, body,
        sentAt: new Date().toISOString() } }), `chat:${room}`);
    }
    // reaches the tee-time room and the feed room: the player recovers it twice and must show it once
    update = event('tee-time.updated', { teeTimeId: room, industry, changes: { skillLevel: 'ANY' } });
    await publish(update, `tee-time:${room}`, `feed:${industry}`);
    const { count } = await controlCall(`/connections?user=${encodeURIComponent(player)}`);
    assert(count === 0, `${player} reconnected before the messages were published (raise reconnectMin)`);

    await b.waitForSelector(`.bubble >> text=${missed[2]}`, { timeout: WAIT });
    await b.waitForSelector(`[data-event-id="${update.id}"]`, { timeout: WAIT });
    const texts = await b.locator('.bubble .text').allTextContents();
    for (const body of missed) assert(texts.filter((t) => t === body).length === 1, `'${body}' shows ${texts.filter((t) => t === body).length} times`);
    const at = missed.map((body) => texts.indexOf(body));
    assert(at[0] > texts.indexOf('Works for me') && at[0] < at[1] && at[1] < at[2], `out of order: ${JSON.stringify(texts)}`);
    assert(await b.locator(`[data-event-id="${update.id}"]`).count() === 1, 'the update shows more than once');
    const stats = await b.evaluate(() => window.linkupDemo.client.stats);
    const recovered = await b.evaluate(() => window.__recovered);
    const chat = recovered.find((r) => r.room === `chat:${room}`);
    assert(chat?.recovered === true && chat.count === 3, `chat recovery: ${JSON.stringify(recovered)}`);
    assert(recovered.every((r) => r.recovered), `a room was not recovered: ${JSON.stringify(recovered)}`);
    assert(stats.reconnects === 1, `reconnects: ${stats.reconnects}`);
    assert(stats.duplicatesDropped === 1, `duplicates dropped: ${stats.duplicatesDropped} (expected the update's second copy)`);
    result.recovery = { rooms: recovered, reconnects: stats.reconnects, duplicatesDropped: stats.duplicatesDropped };
    const seenByHost = await a.locator('.bubble .text').allTextContents();
    for (const body of missed) {
      assert(seenByHost.filter((t) => t === body).length === 1, `the host shows '${body}' ${seenByHost.filter((t) => t === body).length} times`);
    }
  });

  await check('the player sends again after the reconnect', async () => {
    await b.locator('#chat-input').fill('Back online');
    await b.locator('#chat-input').press('Enter');
    await a.waitForSelector('.bubble >> text=Back online', { timeout: WAIT });
  });

  let c;
  await check('a non-player sees names and a read-only view of the tee time', async () => {
    c = await open('guest', { user: guest, room });
    await c.waitForSelector('body[data-ready="true"]', { timeout: WAIT });
    await c.waitForSelector('#join', { timeout: WAIT });
    const picked = await c.locator('#user-select').evaluate((s) => s.selectedOptions[0]?.textContent);
    assert(picked?.startsWith('Casey Morgan'), `the user picker shows '${picked}'`);
    assert((await c.locator('#room-title').textContent()) === 'Demo Links', 'the room title is not the course');
    const chips = await c.locator('.player:not(.free)').allTextContents();
    assert(chips.length === 2 && chips[0].startsWith('Avery Stone') && chips[1].startsWith('Blake Rivers'), `chips: ${chips}`);
    const shown = await c.evaluate(() => ['header.top', '#room'].map((sel) => document.querySelector(sel).innerText).join('\n'));
    for (const id of [guest, host, player, room]) assert(!shown.includes(id), `the page shows the raw id ${id}`);
    assert(await c.locator('#chat-input').isDisabled(), 'a non-player can type in the chat');
    assert((await c.locator('#room-sub').textContent()).includes('2 of 4 players'), await c.locator('#room-sub').textContent());
  });

  let unreadBefore;
  await check('a join through hold and confirm shows on the other page with count and chips in agreement', async () => {
    unreadBefore = await unread(a);
    await c.locator('#join').click();
    await c.waitForSelector('.banner.hold >> text=held for you', { timeout: WAIT });
    await a.waitForSelector('#chat .system >> text=holding slot 3', { timeout: WAIT });
    await c.locator('#confirm-join').click();
    await a.waitForSelector(`.player[data-user-id="${guest}"]`, { timeout: WAIT });
    for (const page of [a, b, c]) {
      await page.waitForFunction(() => document.querySelector('#room-sub').textContent.includes('3 of 4 players'), null, { timeout: WAIT });
      const chips = await page.locator('.player:not(.free)').count();
      assert(chips === 3, `3 of 4 players but ${chips} chips`);
      assert(await page.locator('.player.free').count() === 1, 'not one open slot');
    }
    await a.waitForSelector(`#chat .system >> text=Casey Morgan joined slot 3`, { timeout: WAIT });
    await c.waitForFunction(() => !document.querySelector('#chat-input').disabled, null, { timeout: WAIT });
    assert(await c.locator('#join').count() === 0, 'the join button stays after joining');
  });

  await check("the host's notification centre counts the join", async () => {
    await a.waitForFunction((n) => Number(document.querySelector('#bell-count').textContent) === n + 1, unreadBefore, { timeout: WAIT });
    // the page acknowledged the live notification (delivery receipt: no push fallback for it)
    await a.waitForFunction(() => Number(document.querySelector('[data-stat="Notifications acked"]')?.textContent) >= 1,
      null, { timeout: WAIT });
    await a.locator('#bell').click();
    const item = a.locator('.notification.unread', { hasText: 'Casey' }).first();
    await item.waitFor({ timeout: WAIT });
    assert((await a.locator('#bell').getAttribute('aria-expanded')) === 'true', 'the bell does not say it is open');
    await item.getByRole('button', { name: /Mark .* read/ }).click();
    await a.waitForFunction((n) => Number(document.querySelector('#bell-count').textContent) === n, unreadBefore, { timeout: WAIT });
    await a.keyboard.press('Escape');
    assert(await a.locator('#notification-panel').isHidden(), 'Escape does not close the notifications');
  });

  await check('the host token was refreshed over the socket before it expired', async () => {
    await a.waitForSelector('#log li >> text=Token refreshed', { timeout: 15_000 });
    const s = await a.evaluate(() => ({ state: window.linkupDemo.client.state, stats: window.linkupDemo.client.stats }));
    assert(s.state === 'open' && s.stats.tokenRefreshes >= 1 && s.stats.reconnects === 0, JSON.stringify(s));
  });

  await check('a cancellation by the host disables the composer on every page', async () => {
    await a.locator('.cancel-box summary').click();
    await a.locator('#cancel-reason').fill('Course closed for frost');
    await a.locator('#cancel-confirm').click();
    for (const page of [a, b, c]) {
      await page.waitForSelector('.banner.cancel >> text=Course closed for frost', { timeout: WAIT });
      assert(await page.locator('#chat-input').isDisabled() && await page.locator('#chat-send').isDisabled(),
        'the composer stays enabled after the cancellation');
      assert((await page.locator('#room-sub').textContent()).includes('cancelled'), 'the header does not say cancelled');
    }
  });

  await check('the page works at phone width', async () => {
    await shot(a, 'desktop.png');
    await c.setViewportSize(PHONE);
    await c.evaluate(() => window.scrollTo(0, 0));
    await shot(c, 'phone.png');
    const layout = await c.evaluate(() => {
      const box = (sel) => document.querySelector(sel).getBoundingClientRect();
      return { scrollWidth: document.documentElement.scrollWidth, chat: box('#chat').height, room: box('#room').top,
        composer: box('#composer').bottom, feed: box('.feed').top };
    });
    assert(layout.scrollWidth <= PHONE.width, `the page scrolls sideways (${layout.scrollWidth} px wide)`);
    assert(layout.chat < PHONE.height * 0.6, `the chat takes ${layout.chat} px of ${PHONE.height}`);
    assert(layout.room < layout.feed, 'the room is not first at phone width');
    assert(layout.composer <= PHONE.height, `the composer is below the first screen (${layout.composer} px)`);
    result.phone = layout;
  });

  await check('the accessibility audit finds no serious or critical violations', async () => {
    await a.locator('#bell').click(); // the notification centre open, with its list, is audited too
    await a.locator('#notification-panel').waitFor({ state: 'visible', timeout: WAIT });
    result.audit = { desktopHost: await audit(a), phoneGuest: await audit(c) };
    await a.keyboard.press('Escape');
    for (const [where, r] of Object.entries(result.audit)) {
      const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert(bad.length === 0, `${where}: ${JSON.stringify(bad)}`);
    }
  });

  await check('closing the player page turns the player away for the host', async () => {
    await b.context().close();
    delete pages.player;
    await a.waitForSelector(`.player[data-user-id="${player}"][data-status="away"]`, { timeout: WAIT });
  });

  await check('no script errors on any page', async () => {
    assert(pageErrors.length === 0, pageErrors.join('\n'));
  });
  result.durationMs = Date.now() - t0;
  console.log(`RESULT ${JSON.stringify(result)}`);
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(e.stack ?? String(e));
  if (pageErrors.length) console.error(`page errors:\n${pageErrors.join('\n')}`);
  try {
    mkdirSync(args.artifacts, { recursive: true });
    for (const [who, page] of Object.entries(pages)) {
      const file = join(args.artifacts, `${who}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.error(`screenshot: ${file}`);
    }
  } catch (shot) {
    console.error(`no screenshot: ${shot.message}`);
  }
  await browser.close().catch(() => {});
  process.exit(1);
}
