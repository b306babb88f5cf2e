// The `innovasjonsguide-server` command: runs the server, or works on its rooms through the room service.
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, readConfig, type Config } from './config.js';
import { ROOM_NAME } from './limits.js';
import { log, logToStderr } from './log.js';
import { announceDeletion } from './redis.js';
import { migrateRooms, RoomService, type Listing } from './room-service.js';
import { SERVER_FILE, startCollabServer } from './server.js';
import { DATABASE_FILE, openRoomStorage, SqliteRoomStore, StorageError, type SnapshotInfo } from './storage.js';
import { mintAdminToken } from './tokens.js';
import { readAdminKey } from './admin-key.js';
import { WorkshopStore } from './workshop/store.js';

const USAGE = `Usage:
  innovasjonsguide-server                     run the collaboration server
  innovasjonsguide-server rooms list          list the rooms (name, size, last activity) and deleted rooms
  innovasjonsguide-server rooms created       list the rooms made on request (ROOM_CREATION): tenant, how, when,
                                              door, ended; delete one with rooms delete ROOM
  innovasjonsguide-server rooms export ROOM   print everything ROOM holds as JSON
  innovasjonsguide-server rooms delete ROOM   erase ROOM (its session document and snapshots too) for good;
                                              clients holding a copy are refused
  innovasjonsguide-server rooms reuse ROOM    let a deleted name be used again, as a new, empty room; copies of
                                              the deleted room stay refused
  innovasjonsguide-server rooms snapshots ROOM       list ROOM's snapshots
  innovasjonsguide-server rooms restore ROOM --at TIME   restore ROOM to its newest snapshot at or before
                                              TIME (ISO 8601, e.g. 2026-12-04T10:00:00Z); pages follow
  innovasjonsguide-server rooms backup FILE   copy every room to FILE (SQLite; also while the server runs)
  innovasjonsguide-server rooms migrate       copy every room and every remembered deletion from the SQLite
                                              file in DATA_DIR to PostgreSQL at DATABASE_URL (safe to repeat;
                                              run it with the server stopped)

Environment: HOST (127.0.0.1), PORT (1234), DATA_DIR (./collab-data), COLLAB_SECRET (or COLLAB_OPEN_MODE=1),
RETENTION_DAYS (180), SNAPSHOT_INTERVAL_MINUTES (60), SNAPSHOT_RETENTION_DAYS (30), TRUST_PROXY,
MAX_CONNECTIONS_PER_ADDRESS (100), DATABASE_URL and REDIS_URL (several instances), METRICS_TOKEN,
TENANTS_FILE (many kommuner; SIGHUP re-reads it). See the README.
The rooms commands work on DATA_DIR (or DATABASE_URL); while the server runs they go through it.
Run them with the server's environment (docs/drift.md).`;

class UsageError extends Error {}

async function serve(config: Config): Promise<void> {
  const server = await startCollabServer(config);
  if (config.openMode) {
    process.stderr.write(
      '\nWARNING: COLLAB_SECRET is not set. The server runs in the OPEN DEVELOPMENT MODE (COLLAB_OPEN_MODE=1): anyone on\n' +
        `this machine can open, read and change any room at ${config.host}:${server.port} without a token. It binds to loopback\n` +
        'and refuses requests through a proxy, naming another host, or from a page elsewhere.\n' +
        'Set COLLAB_SECRET (at least 32 characters) and remove COLLAB_OPEN_MODE before serving other machines.\n\n',
    );
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('signal', { signal });
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Stopping failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGHUP', () => server.reloadTenants());
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/** The running server's address, if one runs on this DATA_DIR. */
function runningServer(config: Config): { host: string; port: number } | undefined {
  const file = join(config.dataDir, SERVER_FILE);
  if (!existsSync(file)) return undefined;
  const { pid, host, port } = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; host: string; port: number };
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined; // left behind by a server that was killed
  }
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return { host: reachable, port };
}

async function adminCall(config: Config, server: { host: string; port: number }, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (!config.openMode) headers.authorization = `Bearer ${await mintAdminToken(readAdminKey(config.dataDir))}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const host = server.host.includes(':') ? `[${server.host}]` : server.host;
  let response: Response;
  try {
    response = await fetch(`http://${host}:${server.port}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new Error(
      `A server runs on ${config.dataDir} but did not answer at ${host}:${server.port} (${error instanceof Error ? error.message : error}). ` +
        'Nothing was changed; stop the server or try again.',
    );
  }
  const answer = await response.json();
  if (response.status === 403) {
    throw new Error(`The running server refused the admin call: run the command on the server's machine, as its user, with its DATA_DIR (${config.dataDir}).`);
  }
  return { status: response.status, body: answer };
}

const formatTime = (time: number) => new Date(time).toISOString().replace(/\.\d+Z$/, 'Z');

/** The room service on the storage itself, for when no server runs: deletions still reach running instances through Redis. */
async function withService<T>(config: Config, work: (service: RoomService) => Promise<T>, { mustExist = true } = {}): Promise<T> {
  const store = await openRoomStorage(config, { mustExist, snapshots: config.snapshots });
  const service = new RoomService(store, {
    document: () => undefined,
    connections: () => 0,
    isOpen: () => false,
    close: () => false,
    announceDeleted: async (name) => {
      if (!config.redisUrl) return;
      // Other instances may hold the room open: tell them, so they close it now.
      await announceDeletion(config.redisUrl, name).catch((error: unknown) =>
        process.stderr.write(`The room is deleted, but Redis could not tell the running instances (${error instanceof Error ? error.message : error}); they refuse every new join, and close it when restarted.\n`),
      );
    },
  });
  try {
    return await work(service);
  } finally {
    await store.close();
  }
}

async function rooms(config: Config, [command, name, ...extra]: string[]): Promise<void> {
  if (command === 'backup') return backup(config, name, extra);
  if (command === 'migrate') return migrate(config, [name, ...extra].filter(Boolean));
  if (!command) throw new UsageError('');
  if (command === 'created') return createdRooms(config, name);
  const at = command === 'restore' ? restoreTime(extra) : undefined;
  if (command !== 'restore' && extra.length) throw new UsageError('');
  if (command !== 'list') {
    if (!name) throw new UsageError(`rooms ${command} needs a room name`);
    if (!ROOM_NAME.test(name)) throw new Error(`${JSON.stringify(name)} is not a room name`);
  }
  const server = runningServer(config);
  const path = `/admin/rooms${name ? `/${encodeURIComponent(name)}` : ''}`;
  if (command === 'list') {
    const listing: Listing = server ? (await adminCall(config, server, 'GET', path)).body : await withService(config, (service) => service.list());
    if (!listing.rooms.length) process.stdout.write('No rooms.\n');
    for (const room of listing.rooms) {
      const open = room.open ? `  open, ${room.connections} connected` : '';
      process.stdout.write(`${room.name}\t${room.bytes + room.sessionBytes} bytes\tlast activity ${formatTime(room.lastActivity)}${open}\n`);
    }
    if (listing.deleted.length) process.stdout.write(`Deleted (remembered so no copy can bring them back): ${listing.deleted.map((d) => d.name).join(', ')}\n`);
    return;
  }
  if (command === 'export') {
    let exported: unknown;
    if (server) {
      const { status, body } = await adminCall(config, server, 'GET', path);
      if (status !== 200) throw new Error(status === 410 ? `Room ${name} was deleted.` : `No room ${name}.`);
      exported = body;
    } else {
      exported = await withService(config, async (service) => {
        const result = await service.export(name);
        if (result === 'deleted') throw new Error(`Room ${name} was deleted.`);
        if (!result) throw new Error(`No room ${name}.`);
        return result;
      });
    }
    process.stdout.write(`${JSON.stringify(exported, null, 2)}\n`);
    return;
  }
  if (command === 'delete') {
    const existed = server
      ? Boolean((await adminCall(config, server, 'DELETE', path)).body.deleted)
      : await withService(config, (service) => service.delete(name, 'operator'), { mustExist: false });
    process.stdout.write(
      existed
        ? `Deleted room ${name}. Its name is remembered: clients holding a copy are told it is gone.\n`
        : `No room ${name} was stored; its name is now remembered as deleted all the same.\n`,
    );
    return;
  }
  if (command === 'reuse') {
    const generation = await withService(config, (service) => service.reuse(name));
    process.stdout.write(`Room ${name} can be used again, as generation ${generation}: it starts empty, and copies of the deleted room stay refused.\n`);
    return;
  }
  if (command === 'snapshots') {
    const snapshots: SnapshotInfo[] = server
      ? (await adminCall(config, server, 'GET', `${path}/snapshots`)).body.snapshots
      : await withService(config, (service) => service.snapshots(name));
    if (!snapshots.length) process.stdout.write(`Room ${name} has no snapshots.\n`);
    for (const snapshot of snapshots) process.stdout.write(`${formatTime(snapshot.takenAt)}\t${snapshot.bytes} bytes\n`);
    return;
  }
  if (command === 'restore') {
    let restored: SnapshotInfo;
    if (server) {
      const { status, body } = await adminCall(config, server, 'POST', `${path}/restore`, { at });
      if (status !== 200) throw new Error(body.error);
      restored = body.restored;
    } else {
      restored = await withService(config, (service) => service.restore(name, at as number));
    }
    process.stdout.write(`Restored room ${name} to its snapshot of ${formatTime(restored.takenAt)}; pages in the room follow.\n`);
    return;
  }
  throw new UsageError(`unknown command: rooms ${command}`);
}

function restoreTime(extra: string[]): number {
  if (extra.length !== 2 || extra[0] !== '--at') throw new UsageError('rooms restore needs --at TIME');
  const at = Date.parse(extra[1]);
  if (!Number.isFinite(at)) throw new Error(`${JSON.stringify(extra[1])} is not a time (use ISO 8601, e.g. 2026-12-04T10:00:00Z)`);
  return at;
}

async function backup(config: Config, file: string | undefined, extra: string[]): Promise<void> {
  if (!file || extra.length) throw new UsageError('rooms backup needs one file name');
  if (config.databaseUrl) throw new Error('With DATABASE_URL the rooms are in PostgreSQL: back them up with pg_dump (see docs/drift.md).');
  const target = resolve(file);
  if (existsSync(target)) throw new Error(`${target} exists already; name a new file.`);
  const store = await SqliteRoomStore.open(config.dataDir, { mustExist: true });
  try {
    await store.backup(target);
  } finally {
    await store.close();
  }
  chmodSync(target, 0o600);
  process.stdout.write(`Backed up the rooms to ${target}. To restore: stop the server, copy it to ${join(config.dataDir, DATABASE_FILE)} (remove any -wal and -shm files beside it), start.\n`);
}

async function migrate(config: Config, extra: string[]): Promise<void> {
  if (extra.length) throw new UsageError('rooms migrate takes no arguments');
  if (!config.databaseUrl) throw new Error('rooms migrate copies the SQLite file in DATA_DIR to PostgreSQL: set DATABASE_URL too.');
  if (runningServer(config)) throw new Error(`A server runs on ${config.dataDir}: stop it first, so no room changes while it is copied.`);
  const sqlite = await SqliteRoomStore.open(config.dataDir, { mustExist: true, snapshots: config.snapshots });
  try {
    const postgres = await openRoomStorage(config, { snapshots: config.snapshots });
    try {
      const copied = await migrateRooms(sqlite, postgres);
      sqlite.markMigrated('postgres');
      process.stdout.write(
        `Copied ${copied.rooms} rooms and session documents, ${copied.snapshots} snapshots and ${copied.deleted} remembered deletions of rooms from ${sqlite.file} to PostgreSQL.\n` +
          'Start the server with DATABASE_URL; keep the SQLite file as a backup until you have checked the rooms (rooms list).\n',
      );
    } finally {
      await postgres.close();
    }
  } finally {
    await sqlite.close();
  }
}

async function main(args: string[]): Promise<void> {
  if (args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = readConfig();
  if (args.length === 0 || (args[0] === 'serve' && args.length === 1)) return serve(config);
  if (args[0] === 'rooms') {
    logToStderr();
    return rooms(config, args.slice(1));
  }
  throw new UsageError(`unknown command: ${args.join(' ')}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message ? `${error.message}\n\n` : ''}${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`${error instanceof ConfigError ? 'Configuration: ' : error instanceof StorageError ? 'Storage: ' : ''}${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

/** `rooms created`: the rooms made on request, read from the workshop tables (also while the server runs). */
async function createdRooms(config: Config, extra: string | undefined): Promise<void> {
  if (extra !== undefined) throw new UsageError('');
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'workshop.sqlite'))) {
    process.stdout.write('No rooms made on request.\n');
    return;
  }
  const store = await WorkshopStore.open({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const rooms = await store.rooms();
    if (!rooms.length) process.stdout.write('No rooms made on request.\n');
    for (const room of rooms) {
      const state = room.endedAt !== null ? `ended ${formatTime(room.endedAt)}` : `door ${room.doorOpen ? 'open' : 'closed'}`;
      process.stdout.write(`${room.room}\ttenant ${room.tenant ?? '-'}\t${room.creation}\tcreated ${formatTime(room.createdAt)}\t${state}\n`);
    }
  } finally {
    await store.close();
  }
}
