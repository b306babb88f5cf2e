// The `innovasjonsguide-server` command: runs the server, or works on its rooms (list, export, delete).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as Y from 'yjs';
import { ConfigError, readConfig, type Config } from './config.js';
import { exportRoom } from './export.js';
import { ROOM_NAME } from './limits.js';
import { log } from './log.js';
import { SERVER_FILE, startCollabServer } from './server.js';
import { announceDeletion } from './redis.js';
import { DATABASE_FILE, openRoomStorage, RoomStore, type RoomStorage } from './storage.js';
import { mintAdminToken } from './tokens.js';

const USAGE = `Usage:
  innovasjonsguide-server                 run the collaboration server
  innovasjonsguide-server rooms list      list the rooms (name, size, last activity) and deleted rooms
  innovasjonsguide-server rooms export ROOM   print everything ROOM holds as JSON
  innovasjonsguide-server rooms delete ROOM   erase ROOM for good; clients holding a copy are refused
  innovasjonsguide-server rooms backup FILE   copy every room to FILE (SQLite; also while the server runs)

Environment: HOST (127.0.0.1), PORT (1234), DATA_DIR (./collab-data), COLLAB_SECRET,
RETENTION_DAYS (180), TRUST_PROXY, MAX_CONNECTIONS_PER_ADDRESS (100), DATABASE_URL and
REDIS_URL (several instances), METRICS_TOKEN, TENANTS_FILE (many kommuner; SIGHUP re-reads it).
See the README.
The rooms commands work on DATA_DIR; while the server runs they go through it.`;

class UsageError extends Error {}

async function serve(config: Config): Promise<void> {
  const server = await startCollabServer(config);
  if (!config.secret) {
    process.stderr.write(
      '\nWARNING: COLLAB_SECRET is not set. The server runs in the OPEN DEVELOPMENT MODE: anyone who can reach\n' +
        `${config.host}:${server.port} can open, read and change any room without a token. It binds to loopback only.\n` +
        'Set COLLAB_SECRET (at least 32 characters) before serving other machines.\n\n',
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
  } catch {
    return undefined; // left behind by a server that was killed
  }
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return { host: reachable, port };
}

async function adminCall(config: Config, server: { host: string; port: number }, method: string, path: string): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (config.secret) headers.authorization = `Bearer ${await mintAdminToken(config.secret)}`;
  const host = server.host.includes(':') ? `[${server.host}]` : server.host;
  let response: Response;
  try {
    response = await fetch(`http://${host}:${server.port}${path}`, { method, headers });
  } catch (error) {
    throw new Error(
      `A server runs on ${config.dataDir} but did not answer at ${host}:${server.port} (${error instanceof Error ? error.message : error}). ` +
        'Nothing was changed; stop the server or try again.',
    );
  }
  const body = await response.json();
  if (response.status === 403) {
    throw new Error('The running server refused the admin call: use the same COLLAB_SECRET as the server, on the same machine.');
  }
  return { status: response.status, body };
}

const formatTime = (time: number) => new Date(time).toISOString().replace(/\.\d+Z$/, 'Z');

async function rooms(config: Config, [command, name, ...extra]: string[]): Promise<void> {
  if (command === 'backup') return backup(config, name, extra);
  if (extra.length || !command) throw new UsageError('');
  if (command !== 'list') {
    if (!name) throw new UsageError(`rooms ${command} needs a room name`);
    if (!ROOM_NAME.test(name)) throw new Error(`${JSON.stringify(name)} is not a room name`);
  }
  const server = runningServer(config);
  const path = `/admin/rooms${name ? `/${encodeURIComponent(name)}` : ''}`;
  if (command === 'list') {
    const listing = server ? (await adminCall(config, server, 'GET', path)).body : await withStore(config, async (store) => ({ rooms: await store.list(), deleted: await store.listDeleted() }));
    if (!listing.rooms.length) process.stdout.write('No rooms.\n');
    for (const room of listing.rooms) {
      const open = room.open ? `  open, ${room.connections} connected` : '';
      process.stdout.write(`${room.name}\t${room.bytes} bytes\tlast activity ${formatTime(room.lastActivity)}${open}\n`);
    }
    if (listing.deleted.length) process.stdout.write(`Deleted (remembered so no copy can bring them back): ${listing.deleted.map((d: { name: string }) => d.name).join(', ')}\n`);
    return;
  }
  if (command === 'export') {
    let exported: unknown;
    if (server) {
      const { status, body } = await adminCall(config, server, 'GET', path);
      if (status !== 200) throw new Error(status === 410 ? `Room ${name} was deleted.` : `No room ${name}.`);
      exported = body;
    } else {
      exported = await withStore(config, async (store) => {
        if ((await store.deletedAt(name)) !== null) throw new Error(`Room ${name} was deleted.`);
        const state = await store.fetch(name);
        if (!state) throw new Error(`No room ${name}.`);
        const doc = new Y.Doc();
        Y.applyUpdate(doc, state);
        return exportRoom(name, doc, await store.info(name));
      });
    }
    process.stdout.write(`${JSON.stringify(exported, null, 2)}\n`);
    return;
  }
  if (command === 'delete') {
    const existed = server
      ? Boolean((await adminCall(config, server, 'DELETE', path)).body.deleted)
      : await withStore(config, (store) => store.deleteRoom(name, 'operator'));
    if (!server && config.redisUrl) {
      // Other instances may hold the room open: tell them, so they close it now.
      await announceDeletion(config.redisUrl, name).catch((error: unknown) =>
        process.stderr.write(`The room is deleted, but Redis could not tell the running instances (${error instanceof Error ? error.message : error}); they refuse every new join, and close it when restarted.\n`),
      );
    }
    process.stdout.write(
      existed
        ? `Deleted room ${name}. Its name is remembered: clients holding a copy are told it is gone.\n`
        : `No room ${name} was stored; its name is now remembered as deleted all the same.\n`,
    );
    return;
  }
  throw new UsageError(`unknown command: rooms ${command}`);
}

async function backup(config: Config, file: string | undefined, extra: string[]): Promise<void> {
  if (!file || extra.length) throw new UsageError('rooms backup needs one file name');
  if (config.databaseUrl) throw new Error('With DATABASE_URL the rooms are in PostgreSQL: back them up with pg_dump (see docs/drift.md).');
  const target = resolve(file);
  if (existsSync(target)) throw new Error(`${target} exists already; name a new file.`);
  await withStore(config, async (store) => {
    if (!(store instanceof RoomStore)) throw new Error('not a SQLite store');
    await store.backup(target);
  });
  process.stdout.write(`Backed up the rooms to ${target}. To restore: stop the server, copy it to ${join(config.dataDir, DATABASE_FILE)} (remove any -wal and -shm files beside it), start.\n`);
}

async function withStore<T>(config: Config, work: (store: RoomStorage) => Promise<T>): Promise<T> {
  const store = await openRoomStorage(config);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function main(args: string[]): Promise<void> {
  if (args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = readConfig();
  if (args.length === 0 || (args[0] === 'serve' && args.length === 1)) return serve(config);
  if (args[0] === 'rooms') return rooms(config, args.slice(1));
  throw new UsageError(`unknown command: ${args.join(' ')}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message ? `${error.message}\n\n` : ''}${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`${error instanceof ConfigError ? 'Configuration: ' : ''}${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
