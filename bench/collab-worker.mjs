// One load-generator process for `npm run bench:collab` (forked by bench/collab.mjs; never run alone).
// It holds whole rooms: every client of a room lives in this process, so the time a change was sent
// and the times the room's other clients observed it are joined here, without shipping every event
// to the parent. Each client is a real HocuspocusProvider with its own WebSocket, as a browser tab is,
// or (setup's generator 'light') a client that speaks the same protocol without a document of its
// own (bench/light-client.mjs).
import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LightClient, lightRoom } from './light-client.mjs';
import { roomAddress, roomOrder } from './room-order.mjs';

// The server package (server/) holds the provider, ws and yjs; one require tree, so one copy of Yjs.
const require = createRequire(process.env.BENCH_SERVER_PACKAGE);
const Y = require('yjs');
const { HocuspocusProvider } = require('@hocuspocus/provider');
const WebSocket = require('ws');

const now = () => performance.timeOrigin + performance.now();
const COLORS = ['yellow', 'pink', 'blue', 'green', 'orange']; // the store's NOTE_COLORS: the server refuses any other
const CARDS = ['1-1', '1-2', '1-3', '2-1', '2-2'];
/** Notes one client keeps adding until it has this many; afterwards it edits and votes. */
const OWN_NOTES = 12;

/** `ws` emits 'error' on a socket closed while still connecting; the provider listens only via onerror. */
class NodeWebSocket extends WebSocket {
  constructor(...args) {
    super(...args);
    this.on('error', () => {});
  }
}

/** The page's reconnect timing (src/collab/room-connection.ts RECONNECT), so failover takes as long as a page's. */
const RECONNECT = { delay: 1000, minDelay: 500, factor: 2, maxDelay: 10_000, jitter: true, spreadMs: 3000, maxSpreadMs: 10_000 };
/** Not a refusal: connect again to the same address (src/collab/room-connection.ts OUT_OF_ORDER). */
const OUT_OF_ORDER = 'out-of-order';
/** Close codes after which a page stops (src/collab/room-connection.ts isRefusal): no failover then. */
const isRefusal = (code, reason = '') => code >= 4400 && code < 4500 && code !== 4408 && !WAIT_REASONS.has(reason) && reason !== OUT_OF_ORDER;
/** Refusals after which a page waits and tries again (src/collab/room-connection.ts). */
const WAIT_REASONS = new Set(['storage-unavailable', 'server-error']);

/**
 * After a close of a client's socket, as the page: a refusal or out-of-order keeps the address
 * (undefined); any other close moves to the next address in the room's order, to be tried after a
 * random wait below RECONNECT.spreadMs, doubling with each close since the last sync (returned, ms).
 */
function moveOnClose(client, code, reason) {
  if (isRefusal(code, reason) || reason === OUT_OF_ORDER) return undefined;
  client.serverIndex = (client.serverIndex + 1) % client.servers.length;
  const ceiling = Math.min(RECONNECT.maxSpreadMs, RECONNECT.spreadMs * 2 ** client.closesSinceSync);
  client.closesSinceSync += 1;
  return Math.floor(Math.random() * ceiling);
}

/** The WebSocket a client's provider opens, as the page's: to the address in use now with `?room=`, moving on as moveOnClose says. */
function serviceSocket(client) {
  return class ServiceSocket extends NodeWebSocket {
    constructor(_url, protocols) {
      super(roomAddress(client.servers[client.serverIndex], client.room.name), protocols);
      this.on('close', (code, reason) => {
        const spread = moveOnClose(client, code, String(reason));
        const socket = client.provider?.configuration.websocketProvider;
        if (spread !== undefined && socket) socket.configuration.initialDelay = spread;
      });
    }
  };
}

/** @type {{ name: string, clients: any[], sends: Map<number, any[]> }[]} */
let rooms = [];
let clients = [];
let run = null; // the step being measured
let tolerant = false;
/** Close reasons seen in the failover phase, and how often. */
const refusals = {};
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

function send(message) {
  if (process.connected) process.send(message);
}

/** The client as the worker uses it, whichever kind: its place, its notes, votes and counters. */
function clientState(servers, room, { name, sub }, index) {
  return { room, name, sub, index, servers, serverIndex: 0, closesSinceSync: 0, synced: false, syncedAt: 0, connected: false, disconnects: 0, ownNotes: [], voted: new Set(), seq: 0, timer: null };
}

function createClient(servers, room, spec, index) {
  return generator === 'light' ? createLightClient(servers, room, spec, index) : createProviderClient(servers, room, spec, index);
}

function createProviderClient(servers, room, spec, index) {
  const { token, name, sub } = spec;
  const doc = new Y.Doc();
  const client = clientState(servers, room, spec, index);
  // Descriptors, not Object.assign: the getters read the provider made below.
  Object.defineProperties(client, Object.getOwnPropertyDescriptors({
    notes: doc.getMap('notes'),
    get writer() {
      return doc.clientID;
    },
    holds: (writer) => Y.getState(doc.store, writer),
    transact: (fn) => doc.transact(fn),
    votable: () => [...client.notes.keys()],
    get unsyncedChanges() {
      return client.provider.unsyncedChanges;
    },
    destroy: () => client.provider.destroy(),
  }));
  const { delay, minDelay, factor, maxDelay, jitter } = RECONNECT;
  client.provider = new HocuspocusProvider({
    url: servers[0],
    name: room.name,
    token,
    document: doc,
    WebSocketPolyfill: serviceSocket(client),
    delay,
    minDelay,
    factor,
    maxDelay,
    jitter,
    onSynced: ({ state }) => {
      if (!state) return;
      client.synced = true;
      client.connected = true;
      client.syncedAt = now();
      client.closesSinceSync = 0;
    },
    onDisconnect: () => {
      client.disconnects++;
      client.connected = false;
    },
    onAuthenticationFailed: ({ reason }) => {
      // A page waits on these and tries again (src/collab/room-connection.ts WAIT_REASONS); the provider does too.
      if (tolerant || WAIT_REASONS.has(reason)) refusals[reason] = (refusals[reason] ?? 0) + 1;
      else send({ type: 'fatal', message: `client ${name} in ${room.name} was refused: ${reason}` });
    },
    onClose: ({ event }) => {
      if (!event?.reason) return;
      // In the failover phase a refusal is a finding to report (with the room's convergence), not the end of the bench.
      if (tolerant) refusals[event.reason] = (refusals[event.reason] ?? 0) + 1;
      else send({ type: 'fatal', message: `client ${name} in ${room.name} was closed: ${event.reason}` });
    },
  });
  client.provider.setAwarenessField('user', { id: sub, name });
  // Another client's change arrives as one remote transaction that adds items of that client's Yjs
  // client id; a change is observed when the range of clocks it used has arrived.
  doc.on('afterTransaction', (transaction) => {
    if (transaction.local || !run) return;
    const at = now();
    for (const [writer, after] of transaction.afterState) {
      const before = transaction.beforeState.get(writer) ?? 0;
      if (after > before) observe(room, writer, before, after, at);
    }
  });
  return client;
}

/** bench/light-client.mjs: the same protocol, the same reconnect timing and address order, no document of its own. */
function createLightClient(servers, room, spec, index) {
  const { token, name, sub } = spec;
  const client = clientState(servers, room, spec, index);
  room.shared ??= lightRoom();
  const light = new LightClient({
    roomName: room.name,
    token,
    user: { id: sub, name },
    shared: room.shared,
    address: () => roomAddress(client.servers[client.serverIndex], room.name),
    reconnect: { ...RECONNECT, WebSocket: NodeWebSocket },
    on: {
      synced: () => {
        client.synced = true;
        client.connected = true;
        client.syncedAt = now();
        client.closesSinceSync = 0;
      },
      disconnect: (code, reason) => {
        client.disconnects++;
        client.connected = false;
        if (isRefusal(code, reason)) return false;
        return moveOnClose(client, code, reason) ?? 0;
      },
      denied: (reason) => {
        if (tolerant || WAIT_REASONS.has(reason)) refusals[reason] = (refusals[reason] ?? 0) + 1;
        else send({ type: 'fatal', message: `client ${name} in ${room.name} was refused: ${reason}` });
      },
      closed: (reason) => {
        if (tolerant) refusals[reason] = (refusals[reason] ?? 0) + 1;
        else send({ type: 'fatal', message: `client ${name} in ${room.name} was closed: ${reason}` });
      },
      observe: (writer, before, after) => {
        if (run) observe(room, writer, before, after, now());
      },
    },
  });
  Object.defineProperties(client, Object.getOwnPropertyDescriptors({
    light,
    notes: room.shared.doc.getMap('notes'),
    writer: light.writer,
    holds: (writer) => light.holds(writer),
    transact: (fn) => light.transact(fn),
    votable: () => light.votable(),
    get unsyncedChanges() {
      return light.unsyncedChanges;
    },
    destroy: () => light.destroy(),
  }));
  return client;
}

function observe(room, writer, before, after, at) {
  const list = room.sends.get(writer);
  if (!list) return;
  // Sends are in clock order; find the first one starting at or after `before`.
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid].start < before) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < list.length && list[i].start < after; i++) {
    const sent = list[i];
    sent.seen++;
    if (sent.measured) {
      run.latencies.push(at - sent.at);
      run.received++;
    }
  }
}

/** A realistic change by the schema (docs/collab-schema.md), carrying its send time in the text. */
function change(client) {
  const { room, notes } = client;
  const at = now();
  const start = client.holds(client.writer);
  const stamp = `${client.name}, endring ${++client.seq}, sendt ${at.toFixed(3)}`;
  const iso = new Date().toISOString();
  const roll = Math.random();
  let kind;
  if (client.ownNotes.length < OWN_NOTES && roll < 0.3) kind = 'add';
  else if (roll < 0.55) kind = 'vote';
  else if (roll < 0.75) kind = 'color';
  else kind = 'text';
  let target;
  // BENCH_NO_VOTES=1: no votes (to tell the failover's vote refusals from the rest; bench/README.md).
  if (kind === 'vote' && process.env.BENCH_NO_VOTES) kind = 'text';
  if (kind === 'vote') {
    target = client.votable().find((id) => !client.voted.has(id));
    if (!target) kind = 'text';
  }
  if ((kind === 'text' || kind === 'color') && client.ownNotes.length === 0) kind = 'add';
  client.transact(() => {
    if (kind === 'add') {
      const id = `n-${client.sub}-${client.seq}`;
      const note = new Y.Map();
      const order = `a${String(client.ownNotes.length).padStart(3, '0')}`;
      const fields = { id, cardId: CARDS[client.seq % CARDS.length], text: `Idé fra ${stamp}`, color: COLORS[client.seq % COLORS.length], author: client.name, order, createdAt: iso, updatedAt: iso };
      for (const [key, value] of Object.entries(fields)) note.set(key, value);
      note.set('votes', new Y.Map());
      notes.set(id, note);
      client.ownNotes.push(id);
    } else if (kind === 'vote') {
      notes.get(target).get('votes').set(client.sub, true);
      client.voted.add(target);
    } else {
      const note = notes.get(client.ownNotes[client.seq % client.ownNotes.length]);
      if (kind === 'text') note.set('text', `Endret av ${stamp}`);
      else note.set('color', COLORS[(COLORS.indexOf(note.get('color')) + 1) % COLORS.length]);
      note.set('updatedAt', iso);
    }
  });
  if (kind === 'add' && room.shared) room.shared.noteOrigins.set(client.ownNotes.at(-1), { writer: client.writer, end: client.holds(client.writer) });
  const measured = run && at >= run.measureFrom && at < run.measureTo;
  let list = room.sends.get(client.writer);
  if (!list) room.sends.set(client.writer, (list = []));
  list.push({ start, at, seen: 0, measured });
  if (measured) {
    run.sent++;
    run.kinds[kind]++;
  }
}

function schedule(client, interval, stopAt) {
  let due = now() + Math.random() * interval; // jittered start
  const tick = () => {
    if (!run || now() >= stopAt) return;
    change(client);
    due += interval;
    client.timer = setTimeout(tick, Math.max(0, due - now()));
  };
  client.timer = setTimeout(tick, due - now());
}

async function waitFor(condition, deadline) {
  while (!condition()) {
    if (now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/**
 * Clients join at random moments over `joinMs`, as people open the page at different times. Each
 * provider renews its presence 15 s after its last one (y-protocols awareness, checked every 3 s from
 * its creation): 500 clients created in the same instant would all renew together, a burst of 5,000
 * presence messages every 15 s that real rooms never see.
 */
/** The addresses client `i` of `room` tries, in order: the room's order (as pages do), or (spread 'client') alternating per client. */
function serversFor(urls, spread, room, i) {
  if (spread === 'room') return roomOrder(urls, room);
  return urls.map((_, k) => urls[(i + k) % urls.length]);
}

let setupPlan = null;
/** 'provider' (a HocuspocusProvider and its document per client) or 'light' (bench/light-client.mjs). */
let generator = 'provider';

async function setup({ urls, rooms: plan, joinMs, spread = 'client', generator: kind = 'provider' }) {
  setupPlan = { urls, plan, spread };
  generator = kind;
  rooms = plan.map((room) => ({ name: room.name, sends: new Map(), clients: [] }));
  const expected = plan.reduce((sum, room) => sum + room.clients.length, 0);
  const joins = [];
  rooms.forEach((room, r) => {
    plan[r].clients.forEach((spec, i) => {
      joins.push(
        new Promise((resolve) =>
          setTimeout(() => {
            // spread 'room': a room's clients meet on one instance; 'client': they alternate, so most changes cross instances.
            const client = createClient(serversFor(urls, spread, room.name, i), room, spec, i);
            room.clients.push(client);
            clients.push(client);
            resolve();
          }, Math.random() * joinMs),
        ),
      );
    });
  });
  await Promise.all(joins);
  const lastJoin = now();
  const ok = await waitFor(() => clients.length === expected && clients.every((c) => c.synced && c.unsyncedChanges === 0), now() + 60_000);
  send({ type: 'ready', ok, synced: clients.filter((c) => c.synced).length, afterLastJoinMs: now() - lastJoin });
}

async function step({ interval, startAt, measureFrom, measureTo, drainMs }) {
  for (const room of rooms) room.sends.clear();
  run = { latencies: [], sent: 0, received: 0, kinds: { add: 0, vote: 0, color: 0, text: 0 }, measureFrom, measureTo };
  const disconnectsBefore = clients.reduce((sum, c) => sum + c.disconnects, 0);
  await waitFor(() => false, startAt);
  loopDelay.reset();
  loopDelay.enable();
  for (const client of clients) schedule(client, interval, measureTo);
  await waitFor(() => false, measureTo);
  for (const client of clients) clearTimeout(client.timer);
  const expected = rooms.reduce((sum, room) => sum + (room.clients.length - 1) * [...room.sends.values()].flat().filter((s) => s.measured).length, 0);
  await waitFor(() => run.received >= expected, now() + drainMs);
  loopDelay.disable();
  const result = {
    type: 'result',
    sent: run.sent,
    kinds: run.kinds,
    expected,
    received: run.received,
    latencies: Float64Array.from(run.latencies),
    loopDelayP99: loopDelay.percentile(99) / 1e6,
    loopDelayMax: loopDelay.max / 1e6,
    disconnects: clients.reduce((sum, c) => sum + c.disconnects, 0) - disconnectsBefore,
  };
  run = null;
  send(result);
}

// ---------------------------------------------------------------------------------------------
// The failover phase (bench/collab.mjs --failover): changes without measurement while instances
// and Redis are stopped, where each client is, and whether each room has converged.

function churnStart({ interval }) {
  tolerant = true;
  for (const room of rooms) room.sends.clear();
  run = { latencies: [], sent: 0, received: 0, kinds: { add: 0, vote: 0, color: 0, text: 0 }, measureFrom: Infinity, measureTo: Infinity };
  for (const client of clients) schedule(client, interval, Infinity);
  send({ type: 'churning' });
}

function churnStop() {
  for (const client of clients) clearTimeout(client.timer);
  run = null;
  send({ type: 'calm' });
}

/** Clients that were on `killed` at `since`: how many are synced again elsewhere; and rooms whose clients sit on more than one instance. */
function status({ killed, since, mark }) {
  // Marked just before the kill: the clients on that instance then.
  if (mark) for (const client of clients) client.wasOn = client.servers[client.serverIndex] === killed ? killed : undefined;
  const affected = clients.filter((c) => c.wasOn === killed);
  const back = affected.filter((c) => c.connected && c.syncedAt > since && c.servers[c.serverIndex] !== killed);
  const split = rooms.filter((room) => new Set(room.clients.map((c) => c.servers[c.serverIndex])).size > 1).length;
  const where = {};
  for (const c of clients) where[c.servers[c.serverIndex]] = (where[c.servers[c.serverIndex]] ?? 0) + 1;
  send({ type: 'status', affected: affected.length, back: back.length, lastBackAt: Math.max(0, ...back.map((c) => c.syncedAt)), split, where, connected: clients.filter((c) => c.connected).length, refusals });
}

/** One more client in each room, joining now (after an instance came back: it goes to the room's first address). */
function joinOne() {
  for (const [r, room] of rooms.entries()) {
    const spec = setupPlan.plan[r].clients[0];
    const i = room.clients.length;
    const client = createClient(serversFor(setupPlan.urls, setupPlan.spread, room.name, i), room, spec, i);
    room.clients.push(client);
    clients.push(client);
  }
  send({ type: 'joined' });
}

/** Every client of a room holds every change any of them made: each writer's own clock reached everywhere. */
function roomConverged(room) {
  const wanted = room.clients.map((c) => [c.writer, c.holds(c.writer)]);
  return room.clients.every((c) => c.synced && c.unsyncedChanges === 0 && wanted.every(([id, clock]) => c.holds(id) >= clock));
}

async function converge({ timeoutMs }) {
  const start = now();
  const ok = await waitFor(() => rooms.every(roomConverged), start + timeoutMs);
  send({ type: 'converged', ok, ms: now() - start, rooms: rooms.length, convergedRooms: rooms.filter(roomConverged).length, clients: clients.length, changes: clients.reduce((s, c) => s + c.seq, 0) });
}

function stop() {
  for (const client of clients) {
    clearTimeout(client.timer);
    client.destroy();
  }
  process.exit(0);
}

process.on('message', (message) => {
  const handle = { setup, step, stop, churnStart, churnStop, status, joinOne, converge }[message.type];
  Promise.resolve(handle(message)).catch((error) => send({ type: 'fatal', message: error.stack ?? String(error) }));
});
// The parent is gone (killed, Ctrl+C): never linger.
process.on('disconnect', () => process.exit(0));
