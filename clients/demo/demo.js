// The demo page: the player's recommended tee times (live), a tee-time room (chat, presence, typing,
// joining through a 15-second hold, cancelling) and the in-app notification centre, on top of
// linkup-client.js and the engine's HTTP API (/api/v1). In the sandbox it gets tokens, tee-time
// details and chat through /demo/api (the sandbox's stand-in for the API server); anywhere else it
// takes a token from the URL (#token=JWT).
//
// One state per tee time (state.teeTimes) that every source updates: the recommendations, the
// details, each live event. The card, the room's header, its player chips and its actions are
// drawn from that state only, so they always agree.
import { LinkupClient } from './linkup-client.js';

const params = new URLSearchParams(location.search);
const fragment = new URLSearchParams(location.hash.slice(1));
const $ = (id) => document.getElementById(id);

const state = {
  sandbox: false,
  token: null,
  userId: null,
  me: null, // {user, teeTimes} (sandbox)
  teeTimes: new Map(), // teeTimeId -> the one state of that tee time (see teeTime())
  feed: [], // teeTimeIds shown as cards, in order
  room: null, // teeTimeId shown in the room
  plays: false, // the user is in the room's chat (host or player)
  hold: null, // {teeTimeId, holdId, slotNumber, expiresAt} while a slot is held for the user
  attempting: null, // teeTimeId while asking for a hold
  notifier: null,
  people: new Map(), // userId -> {name, company}
  chatIds: new Set(), // message ids shown in the room (history and live overlap)
  notifications: { items: [], unread: 0, ids: new Set() },
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
    error.status = res.status;
    throw error;
  }
  return json.data;
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'text') node.textContent = v;
    else if (k === 'on') Object.entries(v).forEach(([type, fn]) => node.addEventListener(type, fn));
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

const hidden = (text) => el('span', { class: 'visually-hidden', text });

function nameOf(userId) {
  if (userId === state.userId) return 'You';
  return state.people.get(userId)?.name ?? 'A player';
}

function firstName(userId) {
  return nameOf(userId).split(' ')[0];
}

function remember(person) {
  if (person?.id && person.name) state.people.set(person.id, { name: person.name, company: person.company });
}

function when(t) {
  if (!t?.startsAt) return '';
  try {
    return new Intl.DateTimeFormat('en', {
      weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: t.timeZone,
    }).format(new Date(t.startsAt));
  } catch {
    return new Date(t.startsAt).toLocaleString('en');
  }
}

function clock(iso) {
  const d = iso ? new Date(iso) : new Date();
  return d.toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/** The user id (`sub`) of a JWT; the client learns it only from the first server message. */
function subjectOf(token) {
  try {
    return JSON.parse(atob(token.split('.')[1].replaceAll('-', '+').replaceAll('_', '/'))).sub ?? null;
  } catch {
    return null;
  }
}

const words = (s) => (s ?? '').toLowerCase().replaceAll('_', ' ');
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function log(kind, text) {
  const item = el('li', { dataset: { kind } }, el('time', { text: clock() }), text);
  $('log').append(item);
  while ($('log').children.length > 200) $('log').firstElementChild.remove();
}

function notice(text) {
  $('notice').textContent = text;
  $('notice').hidden = !text;
}

// ------------------------------------------------------------------ the one state per tee time

/**
 * Merges what a source knows about a tee time into its state and redraws everything that shows it.
 * Fields: id, course {name, city}, courseCity, startsAt, timeZone, host {id, name, company},
 * industry, openToAll, skillLevel, totalSlots, openSlots, players [{id, name, company, slotNumber}]
 * (null until known), status (OPEN, FULL, CANCELLED), score, factors [{factor, points, reason}].
 */
function teeTime(id, changes = {}) {
  let t = state.teeTimes.get(id);
  if (!t) {
    t = { id, players: null, status: 'OPEN' };
    state.teeTimes.set(id, t);
  }
  Object.assign(t, changes);
  if (changes.host) remember(changes.host);
  (changes.players ?? []).forEach(remember);
  if (Array.isArray(t.players) && t.totalSlots !== undefined && changes.openSlots === undefined) {
    t.openSlots = Math.max(0, t.totalSlots - t.players.length);
  }
  if (t.status !== 'CANCELLED' && t.openSlots !== undefined) t.status = t.openSlots === 0 ? 'FULL' : 'OPEN';
  redraw(id);
  return t;
}

function addPlayer(id, player) {
  const t = state.teeTimes.get(id);
  if (!t) return;
  remember(player);
  if (Array.isArray(t.players) && !t.players.some((p) => p.id === player.id)) {
    teeTime(id, { players: [...t.players, player].sort((a, b) => (a.slotNumber ?? 99) - (b.slotNumber ?? 99)) });
  } else if (!Array.isArray(t.players) && t.openSlots > 0) {
    teeTime(id, { openSlots: t.openSlots - 1 });
  }
}

function removePlayer(id, userId) {
  const t = state.teeTimes.get(id);
  if (!t) return;
  if (Array.isArray(t.players)) teeTime(id, { players: t.players.filter((p) => p.id !== userId) });
  else if (t.totalSlots !== undefined) teeTime(id, { openSlots: Math.min(t.totalSlots, (t.openSlots ?? 0) + 1) });
}

function redraw(id) {
  if (state.feed.includes(id)) renderCard(id);
  if (state.room === id) renderRoom();
}

/** Loads the details (course, host, players, status) of tee times from the sandbox's API. */
async function loadDetails(ids) {
  if (!state.sandbox || ids.length === 0) return;
  const { teeTimes } = await api(`/demo/api/tee-times?ids=${ids.map(encodeURIComponent).join(',')}`);
  for (const t of teeTimes) teeTime(t.id, t);
}

/** The score and each factor's reason (the matching engine's explanation), for the user. */
async function loadScore(id) {
  try {
    const e = await api(`/api/v1/match/explain?userId=${encodeURIComponent(state.userId)}&teeTimeId=${encodeURIComponent(id)}`);
    teeTime(id, { score: e.score, factors: e.factors, eligible: e.eligible });
  } catch (e) {
    log('warn', `No score for ${id}: ${e.message}`);
  }
}

// ------------------------------------------------------------------ the feed (recommendations, live)

async function loadRecommendations() {
  try {
    const { recommendations } = await api(`/api/v1/users/${encodeURIComponent(state.userId)}/recommendations?limit=10`);
    for (const r of recommendations) {
      teeTime(r.teeTimeId, {
        score: r.score, startsAt: r.startsAt, courseCity: r.courseCity, industry: r.industry,
        openToAll: r.openToAll, skillLevel: r.skillLevel, openSlots: r.openSlots,
      });
      if (!state.feed.includes(r.teeTimeId)) state.feed.push(r.teeTimeId);
    }
    await loadDetails(recommendations.map((r) => r.teeTimeId)).catch((e) => log('warn', `No tee-time details: ${e.message}`));
    state.feed.forEach(renderCard);
    await Promise.all(recommendations.map((r) => loadScore(r.teeTimeId)));
    $('feed-empty').hidden = state.feed.length > 0;
    $('feed-empty').textContent = 'No open tee times match you right now: new ones appear here the moment they are posted.';
    log('good', `${plural(recommendations.length, 'recommendation')} loaded`);
  } catch (e) {
    $('feed-empty').textContent = 'Could not load your recommendations; new tee times still appear here live.';
    log('bad', `Could not load recommendations: ${e.message}`);
  }
}

function renderCard(id) {
  const t = state.teeTimes.get(id);
  if (!t) return;
  const cancelled = t.status === 'CANCELLED';
  const headingId = `card-${id}`;
  const reasonsId = `why-${id}`;
  const factors = (t.factors ?? []).map((f) => el('li', {},
    el('span', { class: 'points', text: `${f.points}` }), ` ${words(f.factor)}: ${f.reason}`));
  const card = el('li', {
    class: `card${cancelled ? ' cancelled' : ''}${t.fresh ? ' fresh' : ''}${state.room === id ? ' current' : ''}`,
    dataset: { teeTimeId: id, status: t.status }, 'aria-labelledby': headingId,
  },
  el('div', { class: 'card-top' },
    el('div', { class: 'when', text: when(t) }),
    t.score !== undefined ? el('span', {
      class: 'score', tabindex: '0', dataset: { role: 'score' }, 'aria-describedby': factors.length ? reasonsId : undefined,
      title: factors.length ? undefined : 'Match score (0–100)',
    }, hidden('Match score '), `${t.score}`, hidden(' of 100')) : null,
    factors.length ? el('div', { class: 'reasons', id: reasonsId, role: 'tooltip' },
      el('p', { text: `Why ${t.score} of 100` }), el('ul', {}, ...factors)) : null),
  el('h3', { class: 'course', id: headingId, text: t.course?.name ?? (t.courseCity ? `A round in ${t.courseCity}` : 'Tee time') }),
  el('div', { class: 'meta', text: [t.course?.city ?? t.courseCity, t.host?.name && `hosted by ${t.host.name}`, t.host?.company]
    .filter(Boolean).join(' · ') }),
  el('div', { class: 'card-foot' }, el('div', { class: 'chips' },
    el('span', { class: 'chip slots', dataset: { role: 'slots' },
      text: t.openSlots === undefined ? 'open' : `${t.openSlots} of ${t.totalSlots ?? '?'} open` }),
    t.industry ? el('span', { class: 'chip', text: t.openToAll ? 'Open to all' : words(t.industry) }) : null,
    t.skillLevel ? el('span', { class: 'chip', text: words(t.skillLevel) }) : null,
    t.fresh ? el('span', { class: 'chip new', text: 'New' }) : null,
    cancelled ? el('span', { class: 'chip cancel', text: t.reason ? `Cancelled: ${t.reason}` : 'Cancelled' }) : null),
  el('button', { type: 'button', class: 'ghost', disabled: state.room === id, on: { click: () => enterRoom(id) } },
    state.room === id ? 'Shown' : 'Open', hidden(` ${t.course?.name ?? 'this tee time'} in the room`))));
  const previous = $('feed-list').querySelector(`.card[data-tee-time-id="${CSS.escape(id)}"]`);
  if (previous) {
    // keep keyboard focus where it was when a card is redrawn
    const focused = previous.contains(document.activeElement) ? document.activeElement.dataset.role : null;
    previous.replaceWith(card);
    if (focused) card.querySelector(`[data-role="${focused}"]`)?.focus();
  } else {
    const at = state.feed.indexOf(id);
    const next = state.feed.slice(at + 1).map((n) => $('feed-list').querySelector(`.card[data-tee-time-id="${CSS.escape(n)}"]`)).find(Boolean);
    $('feed-list').insertBefore(card, next ?? null);
  }
  $('feed-empty').hidden = true;
}

function showNewTeeTime(snapshot) {
  const id = snapshot.id;
  state.feed = [id, ...state.feed.filter((n) => n !== id)];
  $('feed-list').querySelector(`.card[data-tee-time-id="${CSS.escape(id)}"]`)?.remove();
  const { course, host } = snapshot;
  teeTime(id, { ...snapshot, course, host, fresh: true, players: state.teeTimes.get(id)?.players ?? null });
  loadDetails([id]).catch(() => {});
  if (state.userId) loadScore(id);
  log('good', `New tee time at ${course?.name ?? '?'} (${id})`);
}

// ------------------------------------------------------------------ the room

function renderRoom() {
  const t = state.room ? state.teeTimes.get(state.room) : null;
  if (!t) return;
  const cancelled = t.status === 'CANCELLED';
  $('room-title').textContent = t.course?.name ?? 'Tee time';
  const count = Array.isArray(t.players) ? `${t.players.length} of ${t.totalSlots} players` : null;
  const open = cancelled ? 'cancelled' : t.openSlots === undefined ? null : t.openSlots === 0 ? 'full' : `${t.openSlots} open`;
  $('room-sub').textContent = [when(t), t.course?.city ?? t.courseCity, count, open].filter(Boolean).join(' · ');
  $('room-sub').dataset.players = Array.isArray(t.players) ? String(t.players.length) : '';
  $('room').dataset.status = t.status;
  renderPlayers(t);
  renderActions(t);
  const canChat = state.plays && state.sandbox && !cancelled;
  $('chat-input').disabled = $('chat-send').disabled = !canChat;
  $('chat-input').placeholder = cancelled ? 'This tee time was cancelled'
    : !state.plays ? 'Only its players chat here'
      : state.sandbox ? 'Write to your group…' : 'Chat is sent through the API server';
  $('chat').dataset.empty = cancelled ? 'This tee time was cancelled.'
    : state.plays ? 'No messages yet: say hello to your group.'
      : 'Only the players see this chat. What happens to the tee time shows here.';
  if (cancelled) state.notifier?.stop();
}

function renderPlayers(t) {
  const list = $('players');
  list.replaceChildren();
  for (const p of t.players ?? []) {
    const self = p.id === state.userId;
    const status = self ? 'online' : (state.plays ? (state.client.presenceOf(p.id)?.status ?? 'offline') : 'unknown');
    list.append(el('li', {
      class: `player${self ? ' self' : ''}`,
      dataset: { userId: p.id, status },
      title: [p.company, self ? 'you' : status !== 'unknown' && status].filter(Boolean).join(' · '),
    }, self ? `${p.name} (you)` : p.name,
    p.id === t.host?.id ? el('span', { class: 'tag', text: 'host' }) : null,
    status !== 'unknown' && !self ? hidden(`, ${status}`) : null));
  }
  for (let i = t.players?.length ?? t.totalSlots; i < (t.totalSlots ?? 0); i++) {
    list.append(el('li', { class: 'player free', dataset: { status: 'free' } }, 'Open slot'));
  }
  $('legend').hidden = !state.plays || !(t.players?.length > 0);
}

function setPresence(userId, status) {
  const item = $('players').querySelector(`[data-user-id="${CSS.escape(userId)}"]`);
  if (item && !item.classList.contains('self') && state.plays) {
    item.dataset.status = status;
    item.title = [state.people.get(userId)?.company, status].filter(Boolean).join(' · ');
    const text = item.querySelector('.visually-hidden');
    if (text) text.textContent = `, ${status}`;
  }
}

/** What the user can do here: join (hold, then confirm) when not playing, cancel when hosting. */
function renderActions(t) {
  const box = $('room-actions');
  const cancelled = t.status === 'CANCELLED';
  const hosting = t.host?.id === state.userId;
  const hold = state.hold?.teeTimeId === t.id ? state.hold : null;
  const parts = [];
  if (cancelled) {
    parts.push(el('p', { class: 'banner cancel', text: `This tee time was cancelled${t.reason ? `: ${t.reason}` : ''}.` }));
  } else if (hold) {
    const left = Math.max(0, Math.ceil((Date.parse(hold.expiresAt) - Date.now()) / 1000));
    parts.push(el('p', { class: 'banner hold', dataset: { holdId: hold.holdId } },
      `Slot ${hold.slotNumber} is held for you for `, el('strong', { id: 'hold-left', text: `${left} s` }), '. Confirm to join.'),
    el('div', { class: 'buttons' },
      el('button', { type: 'button', id: 'confirm-join', text: 'Confirm', on: { click: confirmJoin } }),
      el('button', { type: 'button', class: 'ghost', id: 'release-hold', text: 'Release', on: { click: releaseHold } })));
  } else if (!state.plays) {
    const full = t.openSlots === 0;
    parts.push(el('p', { class: 'banner view', text: full
      ? 'You are viewing this tee time. It is full; only its players see the chat.'
      : 'You are viewing this tee time. Only its players see the chat; join to play and chat with them.' }));
    if (!full) {
      parts.push(el('div', { class: 'buttons' },
        el('button', { type: 'button', id: 'join', text: 'Join this tee time', on: { click: attemptJoin } })));
    }
  } else if (hosting && state.sandbox) {
    parts.push(el('details', { class: 'cancel-box' },
      el('summary', { text: 'Cancel this tee time…' }),
      el('form', { id: 'cancel-form', on: { submit: cancelTeeTime } },
        el('label', { for: 'cancel-reason', text: 'Reason (the players see it)' }),
        el('input', { id: 'cancel-reason', name: 'reason', maxlength: '200', value: 'Course closed' }),
        el('button', { type: 'submit', class: 'danger', id: 'cancel-confirm', text: 'Cancel for everyone' }))));
  }
  // keep an open cancel form (and its focus) as it is when the rest of the room changes
  if (box.querySelector('details[open]') && hosting && !cancelled) return;
  box.replaceChildren(...parts);
  box.hidden = parts.length === 0;
}

let holdTimer = null;
async function attemptJoin() {
  const id = state.room;
  $('join').disabled = true;
  state.attempting = id; // the room hears of the hold before the answer: not "someone" then
  try {
    const hold = await api(`/api/v1/tee-times/${encodeURIComponent(id)}/slots/attempt`, { method: 'POST', body: {} });
    state.hold = { teeTimeId: id, ...hold };
    log('good', `Slot ${hold.slotNumber} held until ${clock(hold.expiresAt)}`);
    clearInterval(holdTimer);
    holdTimer = setInterval(() => {
      if (!state.hold) return clearInterval(holdTimer);
      const left = Math.ceil((Date.parse(state.hold.expiresAt) - Date.now()) / 1000);
      if (left <= 0) {
        systemLine(`Your hold on slot ${state.hold.slotNumber} ran out; the slot was released.`);
        state.hold = null;
        clearInterval(holdTimer);
        renderRoom();
      } else if ($('hold-left')) {
        $('hold-left').textContent = `${left} s`;
      }
    }, 250);
    renderRoom();
    $('confirm-join')?.focus();
  } catch (e) {
    systemLine(`Could not hold a slot: ${e.message}`);
    log('bad', `Hold refused: ${e.code}`);
    renderRoom();
  } finally {
    state.attempting = null;
  }
}

async function confirmJoin() {
  const hold = state.hold;
  if (!hold) return;
  $('confirm-join').disabled = true;
  try {
    const joined = await api(`/api/v1/tee-times/${encodeURIComponent(hold.teeTimeId)}/slots/confirm`,
      { method: 'POST', body: { holdId: hold.holdId } });
    state.hold = null;
    clearInterval(holdTimer);
    log('good', `Joined slot ${joined.slotNumber} of ${hold.teeTimeId}`);
    const me = state.me?.user ?? { id: state.userId, name: nameOf(state.userId) };
    addPlayer(hold.teeTimeId, { id: state.userId, name: me.name, company: me.company, slotNumber: joined.slotNumber });
    if (state.me && !state.me.teeTimes.some((t) => t.id === hold.teeTimeId)) {
      state.me.teeTimes.push(state.teeTimes.get(hold.teeTimeId));
    }
    if (state.room === hold.teeTimeId) await subscribeRoom(hold.teeTimeId); // now a player: its chat too
  } catch (e) {
    state.hold = e.code === 'HOLD_EXPIRED' || e.code === 'HOLD_NOT_FOUND' ? null : state.hold;
    systemLine(`Could not join: ${e.message}`);
    log('bad', `Confirm refused: ${e.code}`);
    renderRoom();
  }
}

async function releaseHold() {
  const hold = state.hold;
  if (!hold) return;
  state.hold = null;
  clearInterval(holdTimer);
  try {
    await api(`/api/v1/tee-times/${encodeURIComponent(hold.teeTimeId)}/slots/release`, { method: 'POST', body: { holdId: hold.holdId } });
    log('good', `Released slot ${hold.slotNumber}`);
  } catch (e) {
    log('warn', `Release: ${e.message}`);
  }
  renderRoom();
  $('join')?.focus();
}

async function cancelTeeTime(ev) {
  ev.preventDefault();
  const id = state.room;
  const reason = $('cancel-reason').value.trim();
  $('cancel-confirm').disabled = true;
  try {
    await api(`/demo/api/tee-times/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: reason ? { reason } : {} });
    log('good', `Cancelled ${id}: published tee-time.cancelled`);
    $('room-actions').querySelector('details')?.removeAttribute('open');
  } catch (e) {
    $('cancel-confirm').disabled = false;
    log('bad', `Could not cancel: ${e.message}`);
  }
}

/** Shows a chat message once: a live one at the end, one from the history where its time puts it. */
function appendChat(message, { scroll = true, history = false } = {}) {
  if (!message?.id || state.chatIds.has(message.id)) return;
  state.chatIds.add(message.id);
  remember(message.sender && { id: message.senderId, ...message.sender });
  const mine = message.senderId === state.userId;
  const bubble = el('li', { class: `bubble${mine ? ' mine' : ''}`, dataset: { messageId: message.id, senderId: message.senderId } },
    el('div', { class: 'who' }, mine ? 'You' : (message.sender?.name ?? nameOf(message.senderId)),
      el('time', { class: 'time', datetime: message.sentAt, text: clock(message.sentAt) })),
    el('div', { class: 'text', text: message.body }));
  const sentAt = Date.parse(message.sentAt);
  const later = history ? [...$('chat').children].find((line) =>
    Date.parse(line.querySelector('time')?.getAttribute('datetime')) > sentAt) : null;
  $('chat').insertBefore(bubble, later ?? null);
  if (scroll) $('chat').scrollTop = $('chat').scrollHeight;
}

/** A line about what happened in the room, with the time it happened (now when not given). */
function systemLine(text, eventId, at) {
  $('chat').append(el('li', { class: 'system', dataset: eventId ? { eventId } : {} },
    el('time', { datetime: at ?? new Date().toISOString(), text: clock(at) }), text));
  $('chat').scrollTop = $('chat').scrollHeight;
}

function renderTyping() {
  const ids = state.room ? state.client.typingUsers(state.room) : [];
  const names = ids.map(firstName);
  $('typing').textContent = names.length === 0 ? ''
    : names.length === 1 ? `${names[0]} is typing…` : `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are typing…`;
}

async function loadHistory(teeTimeId) {
  if (!state.sandbox || !state.plays) return;
  try {
    const { messages } = await api(`/demo/api/tee-times/${encodeURIComponent(teeTimeId)}/messages`);
    if (state.room !== teeTimeId) return;
    messages.forEach((m) => appendChat(m, { scroll: false, history: true }));
    $('chat').scrollTop = $('chat').scrollHeight;
  } catch (e) {
    log('bad', `Could not load the chat history: ${e.message}`);
  }
}

/** (Re)subscribes the shown tee time: its room for everyone, its chat, presence and typing for players. */
async function subscribeRoom(teeTimeId) {
  const joined = await state.client.subscribeTeeTime(teeTimeId);
  if (state.room !== teeTimeId) return;
  const plays = joined.rooms?.includes(`chat:${teeTimeId}`);
  if (plays && !state.plays) state.notifier = state.client.typingNotifier(teeTimeId);
  state.plays = plays;
  renderRoom();
  log('good', `Joined ${joined.rooms.join(' and ')}`);
  await loadHistory(teeTimeId);
}

async function enterRoom(teeTimeId) {
  const client = state.client;
  const previous = state.room;
  if (previous && previous !== teeTimeId) {
    state.notifier?.stop();
    state.notifier = null;
    client.unsubscribeTeeTime(previous).catch(() => {});
  }
  state.room = teeTimeId;
  state.plays = false;
  state.chatIds.clear();
  $('chat').replaceChildren();
  $('typing').textContent = '';
  if (previous && state.feed.includes(previous)) renderCard(previous);
  if (state.feed.includes(teeTimeId)) renderCard(teeTimeId);
  syncRoomSelect();
  const known = state.teeTimes.get(teeTimeId);
  if (!known?.course || !Array.isArray(known.players)) {
    teeTime(teeTimeId);
    $('room-title').textContent = 'Loading the tee time…';
    await loadDetails([teeTimeId]).catch((e) => log('bad', `Could not load the tee time: ${e.message}`));
  }
  syncRoomSelect();
  if (!state.teeTimes.get(teeTimeId)?.course && state.sandbox) {
    $('room-title').textContent = 'Tee time not found';
    $('room-sub').textContent = 'It may have been removed; pick another one.';
    return;
  }
  renderRoom();
  try {
    await subscribeRoom(teeTimeId);
  } catch (e) {
    log('bad', `Could not follow the tee time: ${e.code ?? ''} ${e.message}`);
  }
}

function syncRoomSelect() {
  const select = $('room-select');
  const ids = [...new Set([...(state.me?.teeTimes ?? []).map((t) => t.id), ...(state.room ? [state.room] : [])])];
  select.replaceChildren(...ids.map((id) => {
    const t = state.teeTimes.get(id);
    return el('option', { value: id, text: t?.course ? `${when(t)} · ${t.course.name}` : 'Tee time' });
  }));
  if (state.room) select.value = state.room;
  $('room-picker').hidden = ids.length < 2;
}

// ------------------------------------------------------------------ notifications (in-app centre)

async function loadNotifications() {
  try {
    const page = await api('/api/v1/notifications?page=0&size=20');
    for (const n of page.notifications.reverse()) {
      addNotification({ id: n.id, type: n.notification_type, title: n.title, body: n.body, createdAt: n.created_at, read: n.read },
        { count: false });
    }
    state.notifications.unread = page.unread_count;
    renderNotifications();
  } catch (e) {
    log('warn', `Could not load notifications: ${e.message}`);
  }
}

function addNotification(n, { count = true } = {}) {
  const box = state.notifications;
  if (box.ids.has(n.id)) return false;
  box.ids.add(n.id);
  box.items.unshift(n);
  if (count && !n.read) box.unread++;
  return true;
}

function renderNotifications() {
  const box = state.notifications;
  const badge = $('bell-count');
  badge.textContent = String(box.unread);
  badge.hidden = box.unread === 0;
  $('bell').setAttribute('aria-label', `Notifications, ${box.unread} unread`);
  $('mark-all').disabled = box.unread === 0;
  $('notification-list').replaceChildren(...box.items.slice(0, 30).map((n) => el('li', {
    class: `notification${n.read ? '' : ' unread'}`, dataset: { notificationId: String(n.id), type: n.type },
  },
  el('div', { class: 'n-head' }, el('strong', { text: n.title }), el('time', { datetime: n.createdAt, text: clock(n.createdAt) })),
  el('p', { text: n.body }),
  n.read ? null : el('button', { type: 'button', class: 'link', text: 'Mark read', 'aria-label': `Mark “${n.title}” read`,
    on: { click: () => markRead([n]) } }))));
  $('notifications-empty').hidden = box.items.length > 0;
}

async function markRead(items) {
  for (const n of items) {
    try {
      await api(`/api/v1/notifications/${encodeURIComponent(n.id)}/read`, { method: 'POST', body: {} });
    } catch (e) {
      if (e.status !== 404) {
        log('bad', `Could not mark notification ${n.id} read: ${e.message}`);
        continue;
      }
    }
    if (!n.read) state.notifications.unread = Math.max(0, state.notifications.unread - 1);
    n.read = true;
  }
  renderNotifications();
  if (!$('notification-panel').hidden) $('notification-panel').focus(); // the marked button is gone
}

function toggleNotifications(open = $('notification-panel').hidden) {
  $('notification-panel').hidden = !open;
  $('bell').setAttribute('aria-expanded', String(open));
  if (open) $('notification-panel').querySelector('button:not(:disabled)')?.focus();
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
    if (teeTimeId && state.room === teeTimeId && room.startsWith('chat:')) loadHistory(teeTimeId);
    if (teeTimeId) loadDetails([teeTimeId]).catch(() => {});
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

  client.on('feed:new-tee-time', (m) => showNewTeeTime(m.data.teeTime));
  client.on('feed:tee-time-updated', (m) => {
    const { teeTimeId, changes } = m.data;
    if (changes) teeTime(teeTimeId, changes);
    // the same message may come stamped with the feed room or the tee-time room: the client shows it once
    if (state.room === teeTimeId && changes && Object.keys(changes).some((k) => k !== 'openSlots')) {
      const what = Object.entries(changes).map(([k, v]) => `${k} → ${typeof v === 'object' ? JSON.stringify(v) : words(String(v))}`).join(', ');
      systemLine(`Tee time updated: ${what}`, m.id, m.timestamp);
    }
  });
  client.on('tee-time:cancelled', (m) => {
    const { teeTimeId, reason } = m.data;
    if (state.hold?.teeTimeId === teeTimeId) state.hold = null;
    teeTime(teeTimeId, { status: 'CANCELLED', reason });
    if (state.room === teeTimeId) systemLine(`The host cancelled this tee time${reason ? `: ${reason}` : ''}`, m.id, m.timestamp);
  });
  client.on('tee-time:slot-held', (m) => {
    const { teeTimeId, slotNumber, reason } = m.data;
    if (state.room === teeTimeId && state.hold?.teeTimeId !== teeTimeId && state.attempting !== teeTimeId) {
      systemLine(reason === 'waitlist_offer' ? `Slot ${slotNumber} is offered to the waitlist`
        : `Someone is holding slot ${slotNumber} (15 s to confirm)`, m.id, m.timestamp);
    }
  });
  client.on('tee-time:slot-released', (m) => {
    if (state.room === m.data.teeTimeId) systemLine(`Slot ${m.data.slotNumber} is free again`, m.id, m.timestamp);
  });
  client.on('tee-time:slot-joined', (m) => {
    const { teeTimeId, slot } = m.data;
    const user = { ...(slot?.user ?? {}), id: slot?.userId ?? slot?.user?.id, slotNumber: slot?.slotNumber };
    if (!user.name) user.name = state.people.get(user.id)?.name ?? 'A player';
    addPlayer(teeTimeId, user);
    if (state.room !== teeTimeId) return;
    systemLine(`${nameOf(user.id)} joined slot ${slot?.slotNumber}`, m.id, m.timestamp);
    // a new player: subscribing again refreshes the presence roster (their dot) and, for the joiner, the chat
    if (state.plays && user.id !== state.userId) state.client.subscribeTeeTime(teeTimeId).catch(() => {});
  });
  client.on('tee-time:slot-left', (m) => {
    const { teeTimeId, userId, slotNumber } = m.data;
    removePlayer(teeTimeId, userId);
    if (state.room === teeTimeId) systemLine(`${nameOf(userId)} left slot ${slotNumber}`, m.id, m.timestamp);
  });
  client.on('tee-time:message', (m) => {
    if (state.room === m.data.teeTimeId) appendChat(m.data.message);
  });
  client.on('notification', (m) => {
    const n = m.data.notification;
    if (addNotification(n)) {
      renderNotifications();
      $('announcer').textContent = `New notification: ${n.title}`;
      log('good', `Notification: ${n.title}`);
    }
  });
  client.on('presence:change', ({ userId, status }) => setPresence(userId, status));
  client.on('typing:change', ({ teeTimeId }) => {
    if (state.room === teeTimeId) renderTyping();
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
    ['Notifications acked', s.notificationsAcked],
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
      $('feed-empty').textContent = 'Open the page with a token to see your tee times.';
      return;
    }
    state.sandbox = true;
    userId ||= users[0]?.id;
    const select = $('user-select');
    for (const u of users) select.append(el('option', { value: u.id, text: `${u.name} (${words(u.industry)})` }));
    if (userId && !users.some((u) => u.id === userId)) select.append(el('option', { value: userId, text: 'Loading…' }));
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
    // every `notification` that reaches the page is acknowledged (`ack`): the engine then does not push it again
    autoAck: true,
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
  state.userId = userId ?? subjectOf(fixedToken);
  if (state.sandbox) {
    try {
      state.me = await api('/demo/api/me');
      for (const t of state.me.teeTimes) teeTime(t.id, t);
      const { user } = state.me;
      remember(user);
      $('me').textContent = user.company ?? '';
      const option = $('user-select').querySelector(`option[value="${CSS.escape(user.id)}"]`);
      if (option) option.textContent = `${user.name} (${words(user.industry)})`;
    } catch (e) {
      log('bad', `Could not load your tee times: ${e.message}`);
    }
  } else {
    $('me').textContent = state.userId ? `Signed in as ${state.userId}` : '';
  }
  try {
    const feed = await client.subscribeFeed();
    const industries = feed.rooms.map((r) => words(r.slice('feed:'.length))).join(', ');
    $('feed-title').textContent = `Your feed · ${industries}`;
    log('good', `Following ${feed.rooms.join(', ')}`);
  } catch (e) {
    log('bad', `Could not follow the feed: ${e.code} ${e.message}`);
  }
  await Promise.all([loadRecommendations(), loadNotifications()]);

  const roomId = params.get('room') ?? state.me?.teeTimes?.[0]?.id;
  $('room-select').addEventListener('change', () => enterRoom($('room-select').value));
  if (roomId) {
    await enterRoom(roomId);
  } else {
    $('room-sub').textContent = state.sandbox ? 'You have no upcoming tee times: open one from your feed.'
      : 'Add ?room=TEE_TIME_ID to open a tee-time room.';
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
    await api(`/demo/api/tee-times/${encodeURIComponent(state.room)}/messages`, { method: 'POST', body: { body } });
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
$('bell').addEventListener('click', () => toggleNotifications());
$('mark-all').addEventListener('click', () => markRead(state.notifications.items.filter((n) => !n.read)));
document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && !$('notification-panel').hidden) {
    toggleNotifications(false);
    $('bell').focus();
  }
});
document.addEventListener('click', (ev) => {
  if (!$('notification-panel').hidden && !ev.target.closest('#notifications')) toggleNotifications(false);
});
window.addEventListener('pagehide', () => state.client?.close());

start();
