// The collaboration server: Hocuspocus 4 with one extension per concern (authentication, the
// room's limits, side messages, the session clock, persistence, Redis between instances), an
// HTTP part (health, metrics, admin) and one room service, put together here.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Hocuspocus } from '@hocuspocus/server';
import { SESSION_SUFFIX } from '../../src/collab/schema.js';
import type { Config } from './config.js';
import type { ReportRefusal } from './context.js';
import { Authentication } from './extensions/authentication.js';
import { Persistence } from './extensions/persistence.js';
import { RoomGuard } from './extensions/room-guard.js';
import { SessionClockExtension } from './extensions/session-clock.js';
import { SideMessages } from './extensions/side-messages.js';
import { readOrCreateAdminKey } from './admin-key.js';
import { requestHandler, type Readiness } from './http.js';
import { Refusal } from './limits.js';
import { setMaxTokenLifetime } from './tokens.js';
import { log } from './log.js';
import { Metrics } from './metrics.js';
import { RoomRedis } from './redis.js';
import { RoomService, type LiveRooms } from './room-service.js';
import { Sockets } from './sockets.js';
import { DATABASE_FILE, openRoomStorage, SqliteRoomStore } from './storage.js';
import { readTenants, type TenantKeys } from './tenants.js';
import { MemoryCounters, RedisCounters } from './workshop/counters.js';
import { workshopHandler } from './workshop/http.js';
import { Workshop } from './workshop/service.js';
import { WorkshopStore } from './workshop/store.js';

/** Saves follow a change after this pause, and at the latest this long into a stream of changes. */
export const SAVE_DEBOUNCE_MS = 1000;
export const SAVE_MAX_DEBOUNCE_MS = 5000;
export const SERVER_FILE = 'server.json';
/** How often SQLite's write-ahead log is checkpointed and truncated. */
export const WAL_CHECKPOINT_MS = 60_000;
/** How long a start waits for a configured Redis to answer. */
export const REDIS_START_TIMEOUT_MS = 10_000;
/** /ready gives the storage this long to answer. */
const READY_CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))),
  ]);
}

/** REDIS_URL without a password, for messages. */
function redisAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'unparsable';
  }
}

export interface CollabServer {
  readonly port: number;
  readonly host: string;
  readonly rooms: RoomService;
  reloadTenants(): void;
  stop(): Promise<void>;
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
  const store = await openRoomStorage(config, { snapshots: config.snapshots });
  if (store.kind === 'postgres') await warnOfUnmigratedSqlite(config.dataDir);
  const metrics = new Metrics();
  let stopping = false;
  let tenants: TenantKeys | null = config.tenantsFile ? readTenants(config.tenantsFile) : null;
  const report: ReportRefusal = (fields) => {
    metrics.refused(fields.reason);
    log('refuse', fields);
  };

  const persistence = new Persistence(store);
  const sessionClock = new SessionClockExtension();
  // Several instances: each room's changes and presence travel through Redis to the others.
  const redis = config.redisUrl ? new RoomRedis(config.redisUrl, (room) => closeRoom(room, 'elsewhere')) : undefined;
  if (redis) {
    // A configured Redis that does not answer stops the start, as an unreachable DATABASE_URL does:
    // instances that cannot reach each other would each pass every check and serve only their own people.
    try {
      await redis.whenReachable(REDIS_START_TIMEOUT_MS);
    } catch (error) {
      redis.disconnect();
      await store.close();
      throw new Error(
        `Redis at REDIS_URL (${redisAddress(config.redisUrl!)}) could not be reached within ${REDIS_START_TIMEOUT_MS / 1000} s ` +
          `(${error instanceof Error ? error.message : String(error)}): start Redis or correct REDIS_URL. The server does not start without the Redis it is configured with.`,
      );
    }
  }
  setMaxTokenLifetime(config.tokenMaxMs);
  // Rooms made on request (issue #22): invitations, codes and revocations beside the rooms.
  let workshopStore: WorkshopStore;
  try {
    workshopStore = await WorkshopStore.open({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  } catch (error) {
    redis?.disconnect();
    await store.close();
    throw error;
  }
  const counters = config.redisUrl ? new RedisCounters(config.redisUrl) : new MemoryCounters();
  let workshop: Workshop | undefined;
  const authentication = new Authentication({
    secret: config.secret,
    tenants: () => tenants,
    store,
    socketOf: (request) => sockets.socketOf(request),
    report,
    touch: (name) => store.touch(name),
    connections: () => hocuspocus.getConnectionsCount(),
    maxRooms: config.maxRooms,
    credentials: (token, documentName) => workshop!.verifyConnection(token, documentName),
  });
  const sockets = new Sockets(config, () => hocuspocus, report, () => (metrics.messages += 1));
  const hocuspocus: Hocuspocus = new Hocuspocus({
    name: 'innovasjonsguide',
    quiet: true,
    debounce: SAVE_DEBOUNCE_MS,
    maxDebounce: SAVE_MAX_DEBOUNCE_MS,
    extensions: [
      ...(redis ? [redis] : []),
      authentication,
      new SideMessages(report),
      new RoomGuard(report, (name) => store.retiredClients(name)),
      sessionClock,
      persistence,
    ],
  });

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

  const live: LiveRooms = {
    document: (name) => hocuspocus.documents.get(name),
    connections: (name) => hocuspocus.documents.get(name)?.getConnectionsCount() ?? 0,
    isOpen: (name) => hocuspocus.documents.has(name) || hocuspocus.documents.has(`${name}${SESSION_SUFFIX}`),
    close: (name) => closeRoom(name, 'here'),
    announceDeleted: (name) => redis?.announceDeleted(name),
  };
  const service = new RoomService(store, live);
  workshop = new Workshop({
    config,
    store: workshopStore,
    counters,
    key: await workshopStore.signingKey(),
    tenants: () => tenants,
    rooms: service,
    roomStore: store,
    closeSub: (room, sub) => {
      let closed = 0;
      for (const name of [room, `${room}${SESSION_SUFFIX}`]) {
        for (const connection of hocuspocus.documents.get(name)?.getConnections() ?? []) {
          if ((connection.context as { sub?: string })?.sub !== sub) continue;
          connection.close({ code: 4403, reason: 'credential-revoked' });
          const ws = connection.webSocket;
          setImmediate(() => ws.close(4403, 'credential-revoked'));
          closed += 1;
        }
      }
      return closed;
    },
  });

  /** Whether this instance can serve: the storage answers (and its saves work), Redis answers when configured. */
  let lastReady = true;
  async function readiness(): Promise<Readiness> {
    if (stopping) return { ready: false, body: { status: 'stopping' } };
    let storage = 'ok';
    try {
      await withTimeout(store.ping(), READY_CHECK_TIMEOUT_MS);
      if (persistence.unsaved > 0) storage = 'saves-failing';
    } catch {
      storage = 'unreachable';
    }
    const redisState = redis ? (redis.reachable ? 'ok' : 'unreachable') : 'not-configured';
    const failing = [...(storage === 'ok' ? [] : ['storage']), ...(redisState === 'unreachable' ? ['redis'] : [])];
    const ready = failing.length === 0;
    if (ready !== lastReady) log('ready', { state: ready ? 'ready' : 'not-ready', failing: failing.join(',') || undefined, storage, redis: redisState });
    lastReady = ready;
    return {
      ready,
      body: { status: ready ? 'ready' : 'not-ready', ...(ready ? {} : { failing }), storage: { kind: store.kind, state: storage, unsavedRooms: persistence.unsaved }, redis: redisState },
    };
  }

  const adminKey = readOrCreateAdminKey(config.dataDir);
  const handle = requestHandler(config, service, {
    stopping: () => stopping,
    ready: readiness,
    rooms: () => hocuspocus.getDocumentsCount(),
    connections: () => hocuspocus.getConnectionsCount(),
    metrics: () =>
      metrics.render({
        connections: hocuspocus.getConnectionsCount(),
        rooms: hocuspocus.getDocumentsCount(),
        unsavedRooms: persistence.unsaved,
        saveErrors: persistence.saveErrors,
        writtenBytes: store.writtenBytes,
      }) + workshop.metrics(),
  }, adminKey);
  const handleWorkshop = workshopHandler(config, workshop, (request) => sockets.clientAddress(request));
  const httpServer = createServer((request, response) => {
    handleWorkshop(request, response)
      .then(async (handled) => {
        if (!handled) await handle(request, response);
      })
      .catch((error: unknown) => {
      log('error', { during: 'request', error: error instanceof Error ? error.message : String(error) });
      if (!response.headersSent) {
        response.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
        response.end('{"error":"internal"}\n');
      }
    });
  });
  sockets.attach(httpServer);

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

  const runSweep = () =>
    service
      .sweep(Date.now() - config.retentionDays * 86_400_000)
      .then(() => workshop!.sweep())
      .then(async () => {
        metrics.roomsStored = await store.countRooms();
      })
      .catch((error: unknown) => log('error', { during: 'retention', error: String(error) }));
  await runSweep();
  const sweepTimer = setInterval(runSweep, Math.max(250, Math.min(3_600_000, (config.retentionDays * 86_400_000) / 4)));
  sweepTimer.unref();
  // SQLite's WAL keeps old page images (an erased note's text among them) until a checkpoint moves them out.
  const checkpointTimer = setInterval(() => {
    try {
      if (store instanceof SqliteRoomStore) store.checkpoint();
    } catch (error) {
      log('error', { during: 'checkpoint', error: error instanceof Error ? error.message : String(error) });
    }
  }, WAL_CHECKPOINT_MS);
  checkpointTimer.unref();

  async function stop(): Promise<void> {
    if (stopping) return;
    stopping = true;
    sockets.stopping = true;
    clearInterval(sweepTimer);
    clearInterval(checkpointTimer);
    httpServer.close();
    // Closing every connection stores each room with unsaved changes, then unloads it.
    hocuspocus.closeConnections();
    hocuspocus.flushPendingStores();
    sockets.closeAll(1012, 'server-restarting');
    const deadline = Date.now() + 10_000;
    while (hocuspocus.documents.size > 0 && Date.now() < deadline) await persistence.unloaded(200);
    sockets.terminateAll();
    persistence.stop();
    workshop?.stop();
    counters.close();
    await workshopStore.close().catch(() => {});
    await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
    await store.close();
    rmSync(serverFile, { force: true });
    log('stop', { unsaved: hocuspocus.documents.size, failedSaves: persistence.unsaved || undefined });
  }

  log('listen', {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    mode: tenants ? 'tenants' : config.secret ? 'tokens' : 'open-development',
    tenants: tenants?.size,
    storage: store.kind,
    ...(store.kind === 'sqlite' && { data: config.dataDir }),
    redis: Boolean(config.redisUrl),
    retentionDays: config.retentionDays,
    node: process.version,
  });

  /** Reads TENANTS_FILE again (new keys, removed keys); a file that does not read keeps the old keys. */
  function reloadTenants(): void {
    if (!config.tenantsFile) return;
    try {
      tenants = readTenants(config.tenantsFile);
      log('tenants', { reloaded: tenants.size });
      // Removed keys end the rights of connections that hold tokens signed with them.
      void authentication.revalidate(hocuspocus).then((closed) => closed && log('tenants', { closed }));
    } catch (error) {
      log('error', { during: 'tenants-reload', error: error instanceof Error ? error.message : String(error) });
    }
  }

  return { port, host: config.host, rooms: service, reloadTenants, stop };
}

/** A server on PostgreSQL beside a SQLite file with rooms that `rooms migrate` never copied says so, loudly. */
async function warnOfUnmigratedSqlite(dataDir: string): Promise<void> {
  if (!existsSync(join(dataDir, DATABASE_FILE))) return;
  let sqlite: SqliteRoomStore | undefined;
  try {
    sqlite = await SqliteRoomStore.open(dataDir, { mustExist: true });
    const { rooms, deleted, migratedAt } = sqlite.migrationState();
    if ((rooms || deleted) && migratedAt === null) {
      log('warning', { unmigrated: join(dataDir, DATABASE_FILE), rooms, deleted });
      process.stderr.write(
        `\nWARNING: ${join(dataDir, DATABASE_FILE)} holds ${rooms} rooms and ${deleted} remembered deletions that were never copied to\n` +
          'PostgreSQL. Those rooms are not served, and deleted rooms could come back from device copies.\n' +
          'Stop the server and run `innovasjonsguide-server rooms migrate` with the same DATA_DIR and DATABASE_URL.\n\n',
      );
    }
  } catch (error) {
    log('warning', { during: 'sqlite-check', error: error instanceof Error ? error.message : String(error) });
  } finally {
    await sqlite?.close();
  }
}
