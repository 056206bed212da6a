// The demo page: a live feed of tee times and a tee-time room (chat, presence, typing) on top of
// linkup-client.js. In the sandbox it gets tokens and sends chat through /demo/api (the sandbox's
// stand-in for the API server); anywhere else it takes a token from the URL (#token=JWT).
import { LinkupClient } from './linkup-client.js';

const params = new URLSearchParams(location.search);
const fragment = new URLSearchParams(location.hash.slice(1));
const $ = (id) => document.getElementById(id);

const state = {
  sandbox: false,
  token: null,
  me: null, // {user, teeTimes}
  room: null, // the tee time shown in the room
  notifier: null,
  people: new Map(), // userId -> {name, company}
  chatIds: new Set(), // message ids shown in the room (history and live overlap)
  cards: new Map(), // teeTimeId -> card element
  ready: false,
};

// ------------------------------------------------------------------ helpers

async function api(path, { method = 'GET', body, auth = true } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth && state.token) headers.Authorization = `Bearer ${state.token}`;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let json = null;
  try {
    json = await res.json();
  } catch {
    // not JSON: handled below
  }
  if (!res.ok || !json?.success) {
    const error = new Error(json?.error?.message ?? `${method} ${path}: HTTP ${res.status}`);
    error.code = json?.error?.code ?? `HTTP_${res.status}`;
    throw error;
  }
  return json.data;
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function nameOf(userId) {
  if (userId === state.me?.user?.id) return 'You';
  return state.people.get(userId)?.name ?? userId;
}

function firstName(userId) {
  const name = nameOf(userId);
  return name === userId ? name : name.split(' ')[0];
}

function remember(person) {
  if (person?.id && person.name) state.people.set(person.id, { name: person.name, company: person.company });
}

function when(teeTime) {
  try {
    return new Intl.DateTimeFormat('en', {
      weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: teeTime.timeZone,
    }).format(new Date(teeTime.startsAt));
  } catch {
    return teeTime.localStartsAt ?? teeTime.startsAt;
  }
}

function clock(iso) {
  const d = iso ? new Date(iso) : new Date();
  return d.toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

function log(kind, text) {
  const item = el('li', { dataset: { kind } }, el('time', { text: clock() }), text);
  $('log').append(item);
  while ($('log').children.length > 200) $('log').firstElementChild.remove();
}

function notice(text) {
  $('notice').textContent = text;
  $('notice').hidden = !text;
}

// ------------------------------------------------------------------ the feed

function renderCard(teeTime, { live = true } = {}) {
  remember(teeTime.host);
  const open = teeTime.openSlots ?? '?';
  const card = el('li', { class: 'card', dataset: { teeTimeId: teeTime.id } },
    el('div', { class: 'when', text: when(teeTime) }),
    el('div', { class: 'course', text: teeTime.course?.name ?? teeTime.id }),
    el('div', { class: 'meta', text: [teeTime.course?.city, teeTime.host?.name && `hosted by ${teeTime.host.name}`,
      teeTime.host?.company].filter(Boolean).join(' · ') }),
    el('div', { class: 'chips' },
      el('span', { class: 'chip slots', dataset: { role: 'slots' }, text: `${open} of ${teeTime.totalSlots ?? '?'} open` }),
      teeTime.industry ? el('span', { class: 'chip', text: teeTime.openToAll ? 'Open to all' : teeTime.industry.replaceAll('_', ' ') }) : null,
      teeTime.skillLevel ? el('span', { class: 'chip', text: teeTime.skillLevel.toLowerCase() }) : null));
  const previous = state.cards.get(teeTime.id);
  previous?.remove();
  state.cards.set(teeTime.id, card);
  $('feed-list').prepend(card);
  $('feed-empty').hidden = true;
  if (live) log('good', `New tee time ${teeTime.id} at ${teeTime.course?.name ?? '?'}`);
}

function updateCard(teeTimeId, changes) {
  const card = state.cards.get(teeTimeId);
  if (!card || !changes) return;
  if (changes.openSlots !== undefined) {
    const chip = card.querySelector('[data-role="slots"]');
    chip.textContent = chip.textContent.replace(/^\S+/, String(changes.openSlots));
  }
}

function cancelCard(teeTimeId, reason) {
  const card = state.cards.get(teeTimeId);
  if (!card) return;
  card.classList.add('cancelled');
  card.querySelector('.chips').append(el('span', { class: 'chip cancel', text: reason ? `Cancelled: ${reason}` : 'Cancelled' }));
}

// ------------------------------------------------------------------ the room

function renderPlayers() {
  const list = $('players');
  list.replaceChildren();
  if (!state.room) return;
  for (const p of state.room.players ?? []) {
    const self = p.id === state.me?.user?.id;
    const status = self ? 'online' : (state.client.presenceOf(p.id)?.status ?? 'offline');
    list.append(el('li', {
      class: `player${self ? ' self' : ''}`,
      dataset: { userId: p.id, status },
      title: [p.company, self ? 'you' : status].filter(Boolean).join(' · '),
    }, self ? `${p.name} (you)` : p.name));
  }
}

function setPresence(userId, status) {
  const item = $('players').querySelector(`[data-user-id="${CSS.escape(userId)}"]`);
  if (item && !item.classList.contains('self')) {
    item.dataset.status = status;
    item.title = status;
  }
}

function appendChat(message, { scroll = true } = {}) {
  if (!message?.id || state.chatIds.has(message.id)) return;
  state.chatIds.add(message.id);
  remember(message.sender);
  const mine = message.senderId === state.me?.user?.id || (!state.me && message.senderId === state.client.userId);
  const bubble = el('li', { class: `bubble${mine ? ' mine' : ''}`, dataset: { messageId: message.id, senderId: message.senderId } },
    el('div', { class: 'who' }, mine ? 'You' : (message.sender?.name ?? message.senderId),
      el('span', { class: 'time', text: clock(message.sentAt) })),
    el('div', { class: 'text', text: message.body }));
  $('chat').append(bubble);
  if (scroll) $('chat').scrollTop = $('chat').scrollHeight;
}

function systemLine(text, eventId) {
  $('chat').append(el('li', { class: 'system', dataset: eventId ? { eventId } : {} }, text));
  $('chat').scrollTop = $('chat').scrollHeight;
}

function renderTyping() {
  const ids = state.room ? state.client.typingUsers(state.room.id) : [];
  const names = ids.map(firstName);
  $('typing').textContent = names.length === 0 ? ''
    : names.length === 1 ? `${names[0]} is typing…` : `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are typing…`;
}

async function loadHistory(teeTimeId) {
  if (!state.sandbox) return;
  try {
    const { messages } = await api(`/demo/api/tee-times/${encodeURIComponent(teeTimeId)}/messages`);
    if (state.room?.id !== teeTimeId) return;
    messages.forEach((m) => appendChat(m, { scroll: false }));
    $('chat').scrollTop = $('chat').scrollHeight;
  } catch (e) {
    log('bad', `Could not load the chat history: ${e.message}`);
  }
}

async function enterRoom(teeTimeId) {
  const client = state.client;
  if (state.room && state.room.id !== teeTimeId) {
    state.notifier?.stop();
    client.unsubscribeTeeTime(state.room.id).catch(() => {});
  }
  const known = state.me?.teeTimes?.find((t) => t.id === teeTimeId);
  state.room = known ?? { id: teeTimeId, players: [] };
  state.chatIds.clear();
  $('chat').replaceChildren();
  $('typing').textContent = '';
  (state.room.players ?? []).forEach(remember);
  $('room-title').textContent = known ? known.course.name : `Tee time ${teeTimeId}`;
  $('room-sub').textContent = known ? `${when(known)} · ${known.course.city} · ${known.players.length} of ${known.totalSlots} players`
    : 'Chat with your group';
  renderPlayers();
  $('chat-input').disabled = $('chat-send').disabled = true;
  try {
    const joined = await client.subscribeTeeTime(teeTimeId);
    const plays = joined.rooms?.includes(`chat:${teeTimeId}`);
    state.notifier = plays ? client.typingNotifier(teeTimeId) : null;
    $('chat-input').disabled = $('chat-send').disabled = !(plays && state.sandbox);
    if (!plays) systemLine('You follow this tee time; only its players see the chat.');
    else if (!state.sandbox) systemLine('Chat messages are sent through the API server; this page shows them live.');
    renderPlayers();
    log('good', `Joined ${joined.rooms.join(' and ')}`);
    await loadHistory(teeTimeId);
  } catch (e) {
    log('bad', `Could not join tee time ${teeTimeId}: ${e.code ?? ''} ${e.message}`);
  }
}

// ------------------------------------------------------------------ client events

function wire(client) {
  client.on('state', ({ state: s }) => {
    const status = $('status');
    status.dataset.state = s;
    status.textContent = { idle: 'Starting…', connecting: 'Connecting…', open: 'Live', waiting: 'Reconnecting…',
      stopped: 'Disconnected', closed: 'Closed' }[s] ?? s;
    renderStats();
  });
  client.on('open', ({ reconnect }) => log('good', reconnect ? 'Reconnected: subscriptions restored' : 'Connected'));
  client.on('disconnected', ({ code, reason, willReconnect }) =>
    log(willReconnect ? 'warn' : 'bad', `Connection closed (${code}${reason ? ` ${reason}` : ''})${willReconnect ? '' : ': not reconnecting'}`));
  client.on('reconnecting', ({ attempt, delay }) => {
    $('status').textContent = `Reconnecting in ${(delay / 1000).toFixed(1)} s`;
    log('warn', `Reconnecting in ${(delay / 1000).toFixed(1)} s (attempt ${attempt})`);
  });
  client.on('recovered', ({ room, recovered, count }) => {
    if (!recovered) log('warn', `${room}: too long away to recover, reloading`);
    else log('good', count ? `Recovered ${count} missed message${count === 1 ? '' : 's'} in ${room}` : `Nothing missed in ${room}`);
    renderStats();
  });
  client.on('resync', ({ room, teeTimeId }) => {
    if (teeTimeId && state.room?.id === teeTimeId && room.startsWith('chat:')) loadHistory(teeTimeId);
  });
  client.on('duplicate', ({ id, room }) => {
    log('warn', `Dropped a duplicate of ${id} (${room})`);
    renderStats();
  });
  client.on('missed', ({ room, count }) => log('warn', `The server dropped ${count} message(s)${room ? ` of ${room}` : ''}: recovering`));
  client.on('queue-overflow', () => log('bad', 'Send queue full: dropped the oldest message'));
  client.on('token-refreshed', (m) => log('good', `Token refreshed: now valid until ${clock(m.data?.expiresAt)}`));
  client.on('error', (m) => log('bad', `Server refused a message: ${m.data?.code} ${m.data?.message ?? ''}`));
  client.on('client-error', ({ message }) => log('bad', message));

  client.on('feed:new-tee-time', (m) => renderCard(m.data.teeTime));
  client.on('feed:tee-time-updated', (m) => {
    const { teeTimeId, changes } = m.data;
    updateCard(teeTimeId, changes);
    // the same message may come stamped with the feed room or the tee-time room: the client shows it once
    if (state.room?.id === teeTimeId) {
      const what = Object.entries(changes ?? {}).map(([k, v]) => `${k} → ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ');
      systemLine(`Tee time updated: ${what}`, m.id);
    }
  });
  client.on('tee-time:cancelled', (m) => {
    cancelCard(m.data.teeTimeId, m.data.reason);
    if (state.room?.id === m.data.teeTimeId) systemLine(`Cancelled${m.data.reason ? `: ${m.data.reason}` : ''}`, m.id);
  });
  client.on('tee-time:slot-joined', (m) => {
    if (state.room?.id !== m.data.teeTimeId) return;
    const user = m.data.slot?.user ?? { id: m.data.slot?.userId };
    remember(user);
    if (!state.room.players.some((p) => p.id === user.id)) state.room.players.push({ ...user, name: user.name ?? user.id });
    renderPlayers();
    systemLine(`${nameOf(user.id)} joined slot ${m.data.slot?.slotNumber}`, m.id);
  });
  client.on('tee-time:slot-left', (m) => {
    if (state.room?.id !== m.data.teeTimeId) return;
    state.room.players = state.room.players.filter((p) => p.id !== m.data.userId);
    renderPlayers();
    systemLine(`${nameOf(m.data.userId)} left slot ${m.data.slotNumber}`, m.id);
  });
  client.on('tee-time:message', (m) => {
    if (state.room?.id === m.data.teeTimeId) appendChat(m.data.message);
  });
  client.on('presence:change', ({ userId, status }) => setPresence(userId, status));
  client.on('typing:change', ({ teeTimeId }) => {
    if (state.room?.id === teeTimeId) renderTyping();
  });
  client.on('message', renderStatsSoon);
}

let statsPending = false;
function renderStatsSoon() {
  if (statsPending) return;
  statsPending = true;
  requestAnimationFrame(() => {
    statsPending = false;
    renderStats();
  });
}

function renderStats() {
  const s = state.client?.stats;
  if (!s) return;
  const rows = [
    ['State', state.client.state], ['Messages', s.messages], ['Reconnects', s.reconnects],
    ['Recovered', s.recoveredMessages], ['Duplicates dropped', s.duplicatesDropped], ['Queued', s.queued],
  ];
  $('stats').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { dataset: { stat: k }, text: String(v) })]));
}

// ------------------------------------------------------------------ start

async function start() {
  const fixedToken = fragment.get('token') || params.get('token');
  let userId = params.get('user');
  if (!fixedToken) {
    let users;
    try {
      users = (await api('/demo/api/users', { auth: false })).users;
    } catch {
      notice('No token. Open this page with #token=JWT (the sandbox mints tokens for sample players at /demo/api/token).');
      $('status').textContent = 'No token';
      return;
    }
    state.sandbox = true;
    userId ||= users[0]?.id;
    const select = $('user-select');
    for (const u of users) select.append(el('option', { value: u.id, text: `${u.name} (${u.industry.replaceAll('_', ' ')})` }));
    if (userId && !users.some((u) => u.id === userId)) select.append(el('option', { value: userId, text: userId }));
    select.value = userId;
    select.addEventListener('change', () => {
      const next = new URLSearchParams(params);
      next.set('user', select.value);
      next.delete('room');
      location.search = next.toString();
    });
    $('user-picker').hidden = false;
    $('announce').hidden = false;
  }
  let firstTtl = Number(params.get('ttl')) || 3600; // a short first token shows the refresh over the socket
  const getToken = fixedToken ? undefined : async ({ reason }) => {
    const t = await api(`/demo/api/token?userId=${encodeURIComponent(userId)}&ttlSeconds=${firstTtl}`, { auth: false });
    firstTtl = 3600;
    state.token = t.token;
    if (reason !== 'initial') log('good', `New token (${reason})`);
    return t.token;
  };
  state.token = fixedToken ?? null;

  const client = new LinkupClient({
    token: fixedToken ?? undefined,
    getToken,
    autoAway: true,
    reconnect: { minDelay: Number(params.get('reconnectMin')) || 250, baseDelay: 1000, maxDelay: 15_000 },
  });
  state.client = client;
  window.linkupDemo = { client, state };
  wire(client);
  renderStats();
  setInterval(renderStats, 1000);

  try {
    await client.connect();
  } catch (e) {
    notice(`Could not connect: ${e.message}`);
    return;
  }
  $('me').textContent = '';
  if (state.sandbox) {
    try {
      state.me = await api('/demo/api/me');
      state.me.teeTimes.forEach((t) => t.players.forEach(remember));
      $('me').textContent = `${state.me.user.company ?? ''}`;
    } catch (e) {
      log('bad', `Could not load your tee times: ${e.message}`);
    }
  }
  try {
    const feed = await client.subscribeFeed();
    const industries = feed.rooms.map((r) => r.slice('feed:'.length).replaceAll('_', ' ')).join(', ');
    $('feed-title').textContent = `Your feed · ${industries}`;
    log('good', `Following ${feed.rooms.join(', ')}`);
  } catch (e) {
    log('bad', `Could not follow the feed: ${e.code} ${e.message}`);
  }

  const teeTimes = state.me?.teeTimes ?? [];
  const roomId = params.get('room') ?? teeTimes[0]?.id;
  const roomSelect = $('room-select');
  for (const t of teeTimes) roomSelect.append(el('option', { value: t.id, text: `${when(t)} · ${t.course.name}` }));
  if (roomId && !teeTimes.some((t) => t.id === roomId)) roomSelect.append(el('option', { value: roomId, text: roomId }));
  roomSelect.hidden = roomSelect.options.length < 2;
  roomSelect.addEventListener('change', () => enterRoom(roomSelect.value));
  if (roomId) {
    roomSelect.value = roomId;
    await enterRoom(roomId);
  } else {
    systemLine(state.sandbox ? 'You have no upcoming tee times.' : 'Add ?room=TEE_TIME_ID to open a tee-time room.');
  }
  state.ready = true;
  document.body.dataset.ready = 'true';
}

$('composer').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const input = $('chat-input');
  const body = input.value.trim();
  if (!body || !state.room) return;
  state.notifier?.stop();
  input.value = '';
  try {
    await api(`/demo/api/tee-times/${encodeURIComponent(state.room.id)}/messages`, { method: 'POST', body: { body } });
  } catch (e) {
    input.value = body;
    log('bad', `Not sent: ${e.message}`);
  }
});
$('chat-input').addEventListener('input', () => {
  if ($('chat-input').value) state.notifier?.keystroke();
  else state.notifier?.stop();
});
$('announce').addEventListener('click', async () => {
  try {
    const { teeTimeId } = await api('/demo/api/announce', { method: 'POST', body: {} });
    log('good', `Announced ${teeTimeId} on linkup:events`);
  } catch (e) {
    log('bad', `Could not announce: ${e.message}`);
  }
});
window.addEventListener('pagehide', () => state.client?.close());

start();
