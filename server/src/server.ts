import { timingSafeEqual } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { Database } from '@hocuspocus/extension-database';
import { Hocuspocus, type Connection, type Document, type Extension } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { isLoopback, normalizeAddress, type Config } from './config.js';
import { exportRoom, type RoomExport } from './export.js';
import { MAX_MESSAGE_BYTES, MAX_SIDE_MESSAGE_BYTES, Refusal, ROOM_NAME, roomOf, RoomMeasure, SESSION_ROOT_LIMITS } from './limits.js';
import { OPEN_MODE_LEAD_TOKEN, SESSION_SUFFIX } from '../../src/collab/schema.js';
import { checkPresence } from './presence.js';
import { SessionClock } from './session-clock.js';
import { log } from './log.js';
import { Metrics } from './metrics.js';
import { RoomRedis } from './redis.js';
import { openRoomStorage, type RoomInfo, type RoomStorage } from './storage.js';
import { readTenants, type TenantKeys } from './tenants.js';
import { verifyAdminToken, verifyRoomToken, verifyTenantRoomToken, type Claims } from './tokens.js';

/** Saves follow a change after this pause, and at the latest this long into a stream of changes. */
export const SAVE_DEBOUNCE_MS = 1000;
export const SAVE_MAX_DEBOUNCE_MS = 5000;
/** What a socket may send for rooms it has not been admitted to yet (Hocuspocus queues it in memory). */
const MAX_UNAUTHENTICATED_BYTES = 64 * 1024;
export const SERVER_FILE = 'server.json';

// Hocuspocus's message types (y-protocols sync inside type 0 and 4).
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_SYNC_REPLY = 4;
const MESSAGE_STATELESS = 5;
const MESSAGE_BROADCAST_STATELESS = 6;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** What onAuthenticate hands the later hooks as `context`. */
interface RoomContext {
  address: string;
  sub?: string;
  /** The token's name, which the person's presence must carry. */
  name?: string;
  role?: 'facilitator';
  /** A room's session document (`<room>/session`). */
  session: boolean;
  socket?: SocketState;
}

interface SocketState {
  ws: WebSocket;
  address: string;
  admitted: Set<string>;
  unauthenticatedBytes: number;
}

export interface RoomListing extends RoomInfo {
  open: boolean;
  connections: number;
}

export interface CollabServer {
  readonly port: number;
  readonly host: string;
  listRooms(): Promise<{ rooms: RoomListing[]; deleted: Awaited<ReturnType<RoomStorage['listDeleted']>> }>;
  exportRoom(name: string): Promise<RoomExport | 'deleted' | undefined>;
  deleteRoom(name: string, reason: 'operator' | 'retention'): Promise<boolean>;
  reloadTenants(): void;
  stop(): Promise<void>;
}

/** The persistence: the room storage (SQLite or PostgreSQL), with awaited writes that refuse deleted rooms. */
class RoomPersistence extends Database {
  constructor(store: RoomStorage, measures: WeakMap<Y.Doc, RoomMeasure>, unsaved: UnsavedRooms) {
    super({
      fetch: ({ documentName }) => store.fetch(documentName),
      store: async ({ documentName, state, document }) => {
        const measure = measures.get(document);
        const appliedAtEncode = measure?.appliedBytes ?? 0; // `state` was encoded just before this call
        let saved: boolean;
        try {
          saved = await store.store(documentName, state);
        } catch (error) {
          unsaved.failed(documentName, document, error);
          return;
        }
        unsaved.saved(documentName);
        if (saved && measure) measure.stored(state.length, appliedAtEncode);
      },
    });
  }
}

/**
 * Rooms whose last save failed (the database is away). They stay loaded, even when everyone has
 * left, and are saved again with a growing pause until it works; then they may unload.
 */
class UnsavedRooms {
  readonly #retries = new Map<string, ReturnType<typeof setTimeout>>();
  #stopped = false;

  constructor(
    private readonly retry: (name: string, document: Document) => Promise<boolean>,
    private readonly unload: (document: Document) => void,
    private readonly counted: () => void,
  ) {}

  has(name: string): boolean {
    return this.#retries.has(name);
  }

  get size(): number {
    return this.#retries.size;
  }

  failed(name: string, document: Document, error: unknown, attempt = 1): void {
    if (this.#stopped) return;
    this.counted();
    clearTimeout(this.#retries.get(name));
    if (attempt === 1) log('error', { during: 'save', room: name, error: error instanceof Error ? error.message : String(error) });
    const pause = Math.min(250 * 2 ** (attempt - 1), 10_000);
    this.#retries.set(
      name,
      setTimeout(() => {
        this.retry(name, document).then(
          (done) => {
            if (!done) return;
            log('save', { room: name, retried: attempt });
            this.saved(name);
            this.unload(document);
          },
          (again: unknown) => this.failed(name, document, again, attempt + 1),
        );
      }, pause),
    );
  }

  saved(name: string): void {
    clearTimeout(this.#retries.get(name));
    this.#retries.delete(name);
  }

  stop(): void {
    this.#stopped = true;
    for (const timer of this.#retries.values()) clearTimeout(timer);
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Hocuspocus logs every refused message again; our own log line already says it. */
function silenceRefusalEchoes(): void {
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (args.some((arg) => arg instanceof Refusal)) return;
    original(...args);
  };
}

export async function startCollabServer(config: Config): Promise<CollabServer> {
  silenceRefusalEchoes();
  const store = await openRoomStorage(config);
  const measures = new WeakMap<Y.Doc, RoomMeasure>();
  const sockets = new WeakMap<IncomingMessage, SocketState>();
  const perAddress = new Map<string, number>();
  let stopping = false;
  const unloadWaiters = new Set<() => void>();
  const metrics = new Metrics();
  const sessionClock = new SessionClock();
  let tenants: TenantKeys | null = config.tenantsFile ? readTenants(config.tenantsFile) : null;
  const refusal = (fields: { reason: string; addr: string; room?: string; error?: string }) => {
    metrics.refused(fields.reason);
    log('refuse', fields);
  };
  const unsaved: UnsavedRooms = new UnsavedRooms(
    async (name: string, document: Document): Promise<boolean> => {
      if (!hocuspocus.documents.has(name)) return true; // unloaded meanwhile (deleted, or saved by a later change)
      await store.store(name, Y.encodeStateAsUpdate(document)); // false only for a room deleted meanwhile: done too
      return true;
    },
    (document) => void hocuspocus.unloadDocument(document),
    () => (metrics.saveErrors += 1),
  );

  function clientAddress(request: IncomingMessage): string {
    const remote = normalizeAddress(request.socket.remoteAddress ?? '');
    const forwarded = request.headers['x-forwarded-for'];
    if (!config.trustProxy.has(remote) || typeof forwarded !== 'string') return remote;
    // The nearest untrusted hop is the client; anything left of it could be made up.
    const hops = forwarded.split(',').map((hop) => normalizeAddress(hop.trim()));
    for (let index = hops.length - 1; index >= 0; index -= 1) {
      if (!isIP(hops[index])) break;
      if (!config.trustProxy.has(hops[index])) return hops[index];
    }
    return remote;
  }

  function refuseSocket(state: SocketState, reason: string): void {
    refusal({ addr: state.address, reason });
    state.ws.close(4403, reason);
  }

  /**
   * Logs a refused message and closes the socket right after Hocuspocus has sent the reason:
   * a client that sent it would only send it again.
   */
  function refuseMessage(room: string, context: RoomContext, reason: string): void {
    refusal({ room, addr: context.address, reason });
    const socket = context.socket;
    if (socket) setImmediate(() => socket.ws.close(4403, reason));
  }

  /**
   * Refuses a message before Hocuspocus applies it: see RoomMeasure.check for updates. On a session
   * document only facilitators send anything but sync (their connection is read-only for the rest);
   * in a room, presence must carry the token's name and `sub`.
   */
  function checkMessage(document: Document, message: Uint8Array, context: RoomContext): void {
    const measure = measures.get(document);
    let type: number;
    let body: Uint8Array | undefined;
    try {
      const decoder = decoding.createDecoder(message);
      decoding.readVarString(decoder);
      type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC || type === MESSAGE_SYNC_REPLY) {
        const step = decoding.readVarUint(decoder);
        if (step === SYNC_STEP_2 || step === SYNC_UPDATE) body = decoding.readVarUint8Array(decoder);
      }
    } catch {
      throw new Refusal('malformed-update', 4400);
    }
    const side = type === MESSAGE_AWARENESS || type === MESSAGE_STATELESS || type === MESSAGE_BROADCAST_STATELESS;
    if (side && message.length > MAX_SIDE_MESSAGE_BYTES) throw new Refusal('message-too-large', 4413);
    if (side && context.session && context.role !== 'facilitator') throw new Refusal('facilitator-only');
    if (type === MESSAGE_AWARENESS && !context.session) checkPresence(message, context, (id) => document.awareness.meta.get(id)?.clock);
    if (body && measure) measure.check(body);
  }

  const guard: Extension = {
    extensionName: 'innovasjonsguide-guard',

    async onAuthenticate({ token, documentName, request, connectionConfig }) {
      const state = sockets.get(request);
      const address = state?.address ?? clientAddress(request);
      const room = roomOf(documentName);
      try {
        if (!ROOM_NAME.test(room)) throw new Refusal('room-name-invalid', 4400);
        const claims: Claims | undefined = tenants
          ? await verifyTenantRoomToken(token, tenants, room)
          : config.secret
            ? await verifyRoomToken(token, config.secret, room)
            : undefined;
        if ((await store.deletedAt(room)) !== null) throw new Refusal('room-deleted', 4410);
        const facilitator = claims ? claims.role === 'facilitator' : token === OPEN_MODE_LEAD_TOKEN;
        const session = room !== documentName;
        // Hocuspocus applies no document update from a read-only connection; checkMessage refuses the rest.
        if (session && !facilitator) connectionConfig.readOnly = true;
        state?.admitted.add(documentName);
        const context: RoomContext = {
          address,
          sub: claims?.sub,
          name: claims?.name,
          ...(facilitator && { role: 'facilitator' as const }),
          session,
          socket: state,
        };
        return context;
      } catch (error) {
        const reason = error instanceof Refusal ? error.reason : 'permission-denied';
        refusal({ room: ROOM_NAME.test(room) ? documentName : undefined, addr: address, reason });
        // The refusal message goes out first (Hocuspocus sends it when this hook rejects), then the socket
        // closes: nothing a refused socket sends afterwards piles up in Hocuspocus's queue.
        if (state) setImmediate(() => state.ws.close(4403, reason));
        throw error instanceof Refusal ? error : new Refusal('server-error', 4500);
      }
    },

    async afterLoadDocument({ document, documentName }) {
      const session = roomOf(documentName) !== documentName;
      measures.set(document, new RoomMeasure(document, session ? SESSION_ROOT_LIMITS : undefined));
      if (session) sessionClock.watch(documentName, document);
    },

    async beforeHandleMessage({ document, update: message, context }) {
      metrics.messages += 1;
      try {
        checkMessage(document, message, context as RoomContext);
      } catch (error) {
        if (error instanceof Refusal) refuseMessage(document.name, context as RoomContext, error.reason);
        throw error;
      }
    },

    async onChange({ document, update, transactionOrigin, context }) {
      const measure = measures.get(document);
      if (!measure) return;
      measure.applied(update);
      if (measure.overfull() && transactionOrigin && typeof transactionOrigin === 'object' && 'close' in transactionOrigin) {
        // Keys re-created through older items slip past the check before applying; stop that writer now.
        (transactionOrigin as Connection).close({ code: 4413, reason: 'too-many-items' });
        refuseMessage(document.name, context as RoomContext, 'too-many-items');
      }
    },

    async connected({ documentName, context, connection }) {
      const { address, sub, role, session } = context as RoomContext;
      // Every screen shows a timebox on the server's clock: each page learns it here.
      if (session) connection.sendStateless(JSON.stringify({ serverTime: Date.now() }));
      await store.touch(documentName);
      log('connect', { room: documentName, addr: address, sub, role, connections: hocuspocus.getConnectionsCount() });
    },

    async onDisconnect({ documentName, context }) {
      const { address, sub, socket } = (context ?? {}) as RoomContext;
      // Messages for this room on the same socket are unadmitted again (and count against the budget).
      socket?.admitted.delete(documentName);
      log('disconnect', { room: documentName, addr: address, sub });
    },

    async beforeUnloadDocument({ documentName }) {
      // Hocuspocus has acknowledged every change it holds: a room that could not be saved stays.
      if (unsaved.has(documentName)) throw new Error(`${documentName} is not saved yet`);
    },

    async afterUnloadDocument({ documentName }) {
      // A room opened again while it was being unloaded is a new document, watched already.
      if (!hocuspocus.documents.has(documentName)) sessionClock.unwatch(documentName);
      for (const waiter of unloadWaiters) waiter();
    },
  };

  const redis = config.redisUrl ? new RoomRedis(config.redisUrl, (room) => closeRoom(room, 'elsewhere')) : undefined;
  const hocuspocus: Hocuspocus = new Hocuspocus({
    name: 'innovasjonsguide',
    quiet: true,
    debounce: SAVE_DEBOUNCE_MS,
    maxDebounce: SAVE_MAX_DEBOUNCE_MS,
    extensions: [
      // Several instances: each room's changes and presence travel through Redis to the others.
      ...(redis ? [redis] : []),
      new RoomPersistence(store, measures, unsaved),
      guard,
    ],
  });

  async function openOrStoredDoc(name: string): Promise<Y.Doc | undefined> {
    const open = hocuspocus.documents.get(name);
    if (open) return open;
    const state = await store.fetch(name);
    if (!state) return undefined;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    return doc;
  }

  /** Closes a deleted room's connections (and its session document's) on this instance; returns whether it was open here. */
  function closeRoom(name: string, deletedBy: 'here' | 'elsewhere'): boolean {
    const open = hocuspocus.documents.get(name);
    for (const document of [open, hocuspocus.documents.get(`${name}${SESSION_SUFFIX}`)]) {
      for (const connection of document?.getConnections() ?? []) {
        connection.close({ code: 4410, reason: 'room-deleted' });
        const ws = connection.webSocket;
        setImmediate(() => ws.close(4410, 'room-deleted'));
      }
    }
    if (open && deletedBy === 'elsewhere') log('delete', { room: name, reason: 'elsewhere' });
    return Boolean(open);
  }

  async function deleteRoom(name: string, reason: 'operator' | 'retention'): Promise<boolean> {
    const existed = await store.deleteRoom(name, reason);
    await store.deleteRoom(`${name}${SESSION_SUFFIX}`, reason);
    const open = closeRoom(name, 'here');
    redis?.announceDeleted(name);
    log('delete', { room: name, reason, existed: existed || open });
    return existed || open;
  }

  async function listRooms() {
    const rooms: RoomListing[] = (await store.list()).filter((room) => roomOf(room.name) === room.name).map((room) => {
      const open = hocuspocus.documents.get(room.name);
      return { ...room, open: Boolean(open), connections: open?.getConnectionsCount() ?? 0 };
    });
    return { rooms, deleted: await store.listDeleted() };
  }

  async function exportOne(name: string): Promise<RoomExport | 'deleted' | undefined> {
    if ((await store.deletedAt(name)) !== null) return 'deleted';
    const doc = await openOrStoredDoc(name);
    if (!doc) return undefined;
    return exportRoom(name, doc, await store.info(name));
  }

  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(`${JSON.stringify(body)}\n`);
  };

  /** From this machine, and not through a proxy (a proxy on this machine passes others' requests). */
  function fromThisMachine(request: IncomingMessage): boolean {
    const remote = normalizeAddress(request.socket.remoteAddress ?? '');
    const sameMachine = isLoopback(remote) || remote === normalizeAddress(request.socket.localAddress ?? '');
    return sameMachine && request.headers['x-forwarded-for'] === undefined && request.headers.forwarded === undefined;
  }

  /** Metrics: from this machine, or with METRICS_TOKEN as a bearer token (for a Prometheus elsewhere). */
  async function mayReadMetrics(request: IncomingMessage): Promise<boolean> {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (config.metricsToken && bearer !== undefined) return safeEqual(bearer, config.metricsToken);
    return fromThisMachine(request);
  }

  async function isAdmin(request: IncomingMessage): Promise<boolean> {
    // A proxied request is never the operator's CLI, even when the proxy runs on this machine.
    if (!fromThisMachine(request)) return false;
    if (!config.secret) return true;
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    return bearer !== undefined && (await verifyAdminToken(bearer, config.secret));
  }

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://server');
    if (url.pathname === '/health' && (request.method === 'GET' || request.method === 'HEAD')) {
      json(response, stopping ? 503 : 200, {
        status: stopping ? 'stopping' : 'ok',
        rooms: hocuspocus.getDocumentsCount(),
        connections: hocuspocus.getConnectionsCount(),
      });
      return;
    }
    if (url.pathname === '/metrics' && request.method === 'GET') {
      if (!(await mayReadMetrics(request))) return json(response, 403, { error: 'forbidden' });
      response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(
        metrics.render({ connections: hocuspocus.getConnectionsCount(), rooms: hocuspocus.getDocumentsCount(), unsavedRooms: unsaved.size }),
      );
      return;
    }
    const admin = /^\/admin\/rooms(?:\/([^/]+))?$/.exec(url.pathname);
    if (!admin) return json(response, 404, { error: 'not-found' });
    if (!(await isAdmin(request))) return json(response, 403, { error: 'forbidden' });
    const name = admin[1] === undefined ? undefined : decodeURIComponent(admin[1]);
    if (name === undefined && request.method === 'GET') return json(response, 200, await listRooms());
    if (name === undefined || !ROOM_NAME.test(name)) return json(response, 400, { error: 'room-name-invalid' });
    if (request.method === 'GET') {
      const exported = await exportOne(name);
      if (exported === 'deleted') return json(response, 410, { error: 'room-deleted' });
      return exported ? json(response, 200, exported) : json(response, 404, { error: 'no-such-room' });
    }
    if (request.method === 'DELETE') return json(response, 200, { deleted: await deleteRoom(name, 'operator') });
    json(response, 405, { error: 'method-not-allowed' });
  }

  const httpServer = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      log('error', { during: 'request', error: error instanceof Error ? error.message : String(error) });
      if (!response.headersSent) json(response, 500, { error: 'internal' });
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  httpServer.on('upgrade', (request: IncomingMessage, socket, head) => {
    const address = clientAddress(request);
    const refuse = (status: string, reason: string) => {
      refusal({ addr: address, reason });
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${reason}\n`);
    };
    if (stopping) return refuse('503 Service Unavailable', 'server-stopping');
    if ((perAddress.get(address) ?? 0) >= config.maxConnectionsPerAddress) return refuse('429 Too Many Requests', 'too-many-connections');
    wss.handleUpgrade(request, socket, head, (ws) => {
      perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
      const state: SocketState = { ws, address, admitted: new Set(), unauthenticatedBytes: 0 };
      sockets.set(request, state);
      ws.on('close', () => {
        const left = (perAddress.get(address) ?? 1) - 1;
        if (left > 0) perAddress.set(address, left);
        else perAddress.delete(address);
      });
      // ws closes the socket itself after these (1009 for a message over maxPayload); unhandled, they would end the process.
      ws.on('error', (error: Error & { code?: string }) => {
        const tooLarge = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
        refusal({ addr: address, reason: tooLarge ? 'message-too-large' : 'protocol-error', error: tooLarge ? undefined : error.code });
      });
      // Registered before Hocuspocus's own listener: it sees each message first.
      ws.on('message', (data: Buffer) => {
        let room: string;
        try {
          room = decoding.readVarString(decoding.createDecoder(data));
        } catch {
          return; // Hocuspocus closes the socket on an undecodable message
        }
        if (state.admitted.has(room)) return;
        state.unauthenticatedBytes += data.length;
        if (state.unauthenticatedBytes > MAX_UNAUTHENTICATED_BYTES) refuseSocket(state, 'message-too-large');
      });
      hocuspocus.handleConnection(ws, request);
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const serverFile = join(config.dataDir, SERVER_FILE);
  writeFileSync(serverFile, `${JSON.stringify({ pid: process.pid, host: config.host, port })}\n`, { mode: 0o600 });

  async function sweep(): Promise<void> {
    const cutoff = Date.now() - config.retentionDays * 86_400_000;
    for (const name of await store.idleSince(cutoff)) {
      if (roomOf(name) !== name) continue; // a session document goes with its room
      if (!hocuspocus.documents.has(name) && !stopping) await deleteRoom(name, 'retention');
    }
  }
  const runSweep = () => sweep().catch((error: unknown) => log('error', { during: 'retention', error: String(error) }));
  await runSweep();
  const sweepTimer = setInterval(runSweep, Math.max(250, Math.min(3_600_000, (config.retentionDays * 86_400_000) / 4)));
  sweepTimer.unref();

  async function stop(): Promise<void> {
    if (stopping) return;
    stopping = true;
    clearInterval(sweepTimer);
    httpServer.close();
    // Closing every connection stores each room with unsaved changes, then unloads it.
    hocuspocus.closeConnections();
    for (const ws of wss.clients) ws.close(1012, 'server-restarting');
    const deadline = Date.now() + 10_000;
    while (hocuspocus.documents.size > 0 && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 200);
        function done() {
          clearTimeout(timer);
          unloadWaiters.delete(done);
          resolve();
        }
        unloadWaiters.add(done);
      });
    }
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    unsaved.stop();
    sessionClock.stop();
    await store.close();
    rmSync(serverFile, { force: true });
    log('stop', { unsaved: hocuspocus.documents.size, failedSaves: unsaved.size || undefined });
  }

  log('listen', {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    mode: tenants ? 'tenants' : config.secret ? 'tokens' : 'open-development',
    tenants: tenants?.size,
    storage: store.kind,
    ...(store.kind === 'sqlite' && { data: config.dataDir }),
    redis: Boolean(config.redisUrl),
    retentionDays: config.retentionDays,
  });

  /** Reads TENANTS_FILE again (new keys, removed keys); a file that does not read keeps the old keys. */
  function reloadTenants(): void {
    if (!config.tenantsFile) return;
    try {
      tenants = readTenants(config.tenantsFile);
      log('tenants', { reloaded: tenants.size });
    } catch (error) {
      log('error', { during: 'tenants-reload', error: error instanceof Error ? error.message : String(error) });
    }
  }

  return { port, host: config.host, listRooms, exportRoom: exportOne, deleteRoom, reloadTenants, stop };
}
