// A lighter load-generator client for `npm run bench:collab -- --generator light` (bench/collab-worker.mjs).
// It speaks Hocuspocus's protocol over its own WebSocket as a HocuspocusProvider does (token, sync
// step 1, presence, the sync replies, acknowledgements, presence renewed every 15 s, the provider's
// reconnect timing), but keeps no document of its own: a change is made in the room's one document
// under the client's own Yjs client id, and what arrives is only read for which writer's clocks it
// carries, never applied. So the generator spends its CPU on sockets, not on 9 copies of every room.
// Others' presence is read and kept as a page keeps it (who is here).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const require = createRequire(process.env.BENCH_SERVER_PACKAGE);
const Y = require('yjs');
const encoding = require('lib0/encoding');
const decoding = require('lib0/decoding');
const PROVIDER_VERSION = JSON.parse(readFileSync(join(dirname(require.resolve('@hocuspocus/provider')), '..', 'package.json'), 'utf8')).version;

/** Hocuspocus's message types (@hocuspocus/provider src/types.ts) and y-protocols' sync steps. */
const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3, close: 7, syncStatus: 8 };
const SYNC = { step1: 0, step2: 1, update: 2 };
const AUTH = { token: 0, denied: 1, authenticated: 2 };
/** y-protocols' Awareness renews the local state when it is this old (outdatedTimeout / 2), checking every 3 s from its creation. */
const PRESENCE_RENEW_MS = 15_000;
const PRESENCE_CHECK_MS = 3_000;
/** A Yjs update with no changes (no structs, no deletions). */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

/**
 * The room's one document, in which every light client of the room makes its changes. A change is
 * sent by the client whose transaction made it; the room also remembers which writer created each
 * note and at which clock, so a client votes only on notes it has received, as a page can.
 */
export function lightRoom() {
  const doc = new Y.Doc();
  const noteOrigins = new Map();
  doc.on('update', (update, origin) => origin?.sent?.(update));
  return { doc, noteOrigins };
}

export class LightClient {
  /**
   * @param {object} options
   * @param {{ doc: Y.Doc, noteOrigins: Map<string, { writer: number, end: number }> }} options.shared the room's lightRoom()
   * @param {() => string} options.address where to connect now (the page's address order, with ?room=)
   * @param {object} options.reconnect the page's reconnect timing (bench/collab-worker.mjs RECONNECT)
   * @param {object} options.on callbacks: synced, disconnect(code, reason) (false: stay closed; else the ms to wait after `delay`), denied(reason), closed(reason), observe(writer, before, after)
   */
  constructor({ roomName, token, user, shared, address, reconnect, on }) {
    Object.assign(this, { roomName, token, user, shared, address, reconnect, on });
    this.writer = randomClientId();
    /** writer → the clock up to which everything of that writer has arrived; ranges past a gap wait in `pending`. */
    this.have = new Map();
    this.pending = new Map();
    /** Every change of this client, for the server that lacks some after a reconnect (as the provider's document holds them). */
    this.own = [];
    this.unsynced = 0;
    this.presenceClock = 0;
    /** Others' presence, as y-protocols' Awareness keeps it: client id → { clock, state }. */
    this.presence = new Map();
    this.presenceAt = 0;
    this.open = false;
    this.stopped = false;
    this.failures = 0;
    this.presenceTimer = setInterval(() => this.renewPresence(performance.timeOrigin + performance.now()), PRESENCE_CHECK_MS);
    this.connect();
  }

  get unsyncedChanges() {
    return this.unsynced;
  }

  /** The clock this client holds of `writer`'s changes (its own: all of them). */
  holds(writer) {
    return writer === this.writer ? Y.getState(this.shared.doc.store, writer) : (this.have.get(writer) ?? 0);
  }

  /** A change as this client: `change` runs in a transaction of the room's document under this client's id. */
  transact(change) {
    const { doc } = this.shared;
    doc.clientID = this.writer;
    doc.transact(change, this);
  }

  /** Notes this client has received (or made), which it may vote on. */
  votable() {
    const ids = [];
    for (const [id, { writer, end }] of this.shared.noteOrigins) if (this.holds(writer) >= end) ids.push(id);
    return ids;
  }

  /** Called by the room's document for this client's transaction: send it, or keep it for the reconnect. */
  sent(update) {
    this.own.push(update);
    if (!this.open) return;
    this.unsynced++;
    this.send(MESSAGE.sync, (e) => {
      encoding.writeVarUint(e, SYNC.update);
      encoding.writeVarUint8Array(e, update);
    });
  }

  /** As the provider's Awareness: every 3 s, the presence is sent again once it is 15 s old. */
  renewPresence(at) {
    if (this.open && at - this.presenceAt >= PRESENCE_RENEW_MS) this.sendPresence(at);
  }

  destroy() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.presenceTimer);
    this.socket?.close();
  }

  // -------------------------------------------------------------------------------------------

  connect() {
    if (this.stopped) return;
    const socket = new this.reconnect.WebSocket(this.address());
    socket.binaryType = 'nodebuffer';
    this.socket = socket;
    let opened = false;
    socket.on('error', () => {});
    socket.on('open', () => {
      opened = true;
      this.failures = 0;
      this.open = true;
      this.unsynced = 0;
      // As the provider's onOpen and startSync: the token, then sync step 1 and the presence, queued by the server until authenticated.
      this.send(MESSAGE.auth, (e) => {
        encoding.writeVarUint(e, AUTH.token);
        encoding.writeVarString(e, this.token);
        encoding.writeVarString(e, PROVIDER_VERSION);
      });
      this.send(MESSAGE.sync, (e) => {
        encoding.writeVarUint(e, SYNC.step1);
        encoding.writeVarUint8Array(e, Y.encodeStateVector(this.stateVector()));
      });
      this.sendPresence(performance.timeOrigin + performance.now());
    });
    socket.on('message', (data) => this.receive(data));
    socket.on('close', (code, reasonBuffer) => {
      const reason = String(reasonBuffer);
      this.open = false;
      if (this.socket === socket) this.socket = null;
      const spread = this.on.disconnect(code, reason);
      if (this.stopped || spread === false) return;
      // The provider: after a connection that was open, `delay` and then the page's spread
      // (initialDelay); after a failed attempt, the attempt library's jittered backoff.
      const { delay, minDelay, factor, maxDelay } = this.reconnect;
      let ms;
      if (opened) ms = delay + spread;
      else {
        this.failures++;
        const ceiling = Math.min(maxDelay, delay * factor ** (this.failures - 1));
        ms = Math.floor(Math.random() * (ceiling - minDelay + 1)) + minDelay;
      }
      this.retryTimer = setTimeout(() => this.connect(), ms);
    });
  }

  send(type, write) {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, this.roomName);
    encoding.writeVarUint(e, type);
    write(e);
    if (this.socket?.readyState === 1) this.socket.send(encoding.toUint8Array(e));
  }

  sendPresence(at) {
    this.presenceAt = at;
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, this.writer);
    encoding.writeVarUint(update, ++this.presenceClock);
    encoding.writeVarString(update, JSON.stringify({ user: this.user }));
    this.send(MESSAGE.awareness, (e) => encoding.writeVarUint8Array(e, encoding.toUint8Array(update)));
  }

  stateVector() {
    const vector = new Map(this.have);
    vector.set(this.writer, Y.getState(this.shared.doc.store, this.writer));
    return vector;
  }

  receive(data) {
    const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    decoding.readVarString(d); // the room
    const type = decoding.readVarUint(d);
    if (type === MESSAGE.sync) {
      const step = decoding.readVarUint(d);
      if (step === SYNC.step1) {
        // The server's state: answer with what it lacks of this client's changes.
        const serverVector = decoding.readVarUint8Array(d);
        if (this.own.length > 1) this.own = [Y.mergeUpdates(this.own)];
        const missing = this.own.length ? Y.diffUpdate(this.own[0], serverVector) : EMPTY_UPDATE;
        this.send(MESSAGE.sync, (e) => {
          encoding.writeVarUint(e, SYNC.step2);
          encoding.writeVarUint8Array(e, missing);
        });
      } else {
        const update = decoding.readVarUint8Array(d);
        const { from, to } = Y.parseUpdateMeta(update);
        for (const [writer, end] of to) this.arrived(writer, from.get(writer) ?? 0, end);
        if (step === SYNC.step2) {
          // What the room held before this client came: into the room's document, so notes can be voted on.
          Y.applyUpdate(this.shared.doc, update, 'server');
          this.on.synced();
        }
      }
    } else if (type === MESSAGE.awareness) {
      this.readPresence(decoding.readVarUint8Array(d));
    } else if (type === MESSAGE.syncStatus) {
      if (decoding.readVarInt(d) === 1 && this.unsynced > 0) this.unsynced--;
    } else if (type === MESSAGE.auth) {
      const kind = decoding.readVarUint(d);
      if (kind === AUTH.denied) this.on.denied(decoding.readVarString(d));
    } else if (type === MESSAGE.queryAwareness) {
      this.sendPresence(performance.timeOrigin + performance.now());
    } else if (type === MESSAGE.close) {
      this.on.closed(decoding.readVarString(d));
    }
  }

  /** y-protocols' awareness update: per client its clock and state (JSON, null when it left); newer clocks win. */
  readPresence(update) {
    const d = decoding.createDecoder(update);
    for (let count = decoding.readVarUint(d); count > 0; count--) {
      const id = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const state = JSON.parse(decoding.readVarString(d));
      if (id === this.writer) continue;
      const known = this.presence.get(id);
      if (known && known.clock >= clock && !(known.clock === clock && state === null)) continue;
      if (state === null) this.presence.delete(id);
      else this.presence.set(id, { clock, state });
    }
  }

  /** `writer`'s clocks `from`..`end` arrived: what joins what this client holds is observed, as Yjs integrates it. */
  arrived(writer, from, end) {
    if (writer === this.writer) return;
    const held = this.have.get(writer) ?? 0;
    if (end <= held) return;
    if (from > held) {
      const waiting = this.pending.get(writer) ?? [];
      waiting.push([from, end]);
      this.pending.set(writer, waiting);
      return;
    }
    let reached = end;
    const waiting = this.pending.get(writer);
    if (waiting) {
      waiting.sort((a, b) => a[0] - b[0]);
      while (waiting.length && waiting[0][0] <= reached) reached = Math.max(reached, waiting.shift()[1]);
      if (!waiting.length) this.pending.delete(writer);
    }
    this.have.set(writer, reached);
    this.on.observe(writer, held, reached);
  }
}

/** A Yjs client id as Y.Doc makes one (random uint32). */
function randomClientId() {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}
