// Throwaway Redis and PostgreSQL servers for the tests, on free loopback ports, from Debian's
// packages: installed with apt-get when missing and running as root (as `npm test` does with
// the browsers), otherwise a clear message naming what to install. `stopServices()` stops them
// and removes their folders (the server's tests and the browser tests' runner plugin call it).
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const stops = [];
const dirs = [];

/** Stops every service started here, then removes their folders. */
export async function stopServices() {
  for (const stop of stops.splice(0).reverse()) await stop().catch(() => {});
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Waits until `condition()` (sync or async) gives a truthy value, and returns it. */
export async function waitFor(condition, { timeout = 30_000, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'innovasjonsguide-service-'));
  dirs.push(dir);
  return dir;
}

const isRoot = () => process.getuid?.() === 0;

/** Installs Debian `packages` when `present()` is false: as root with apt-get, else an error naming them. */
export function ensureInstalled(what, packages, present) {
  if (present()) return;
  if (!isRoot()) {
    throw new Error(`${what} is needed for these tests: install Debian's ${packages.join(' ')} (sudo apt-get install -y ${packages.join(' ')}), or run as root to have it installed.`);
  }
  process.stderr.write(`Installing Debian's ${packages.join(' ')} for the ${what} tests…\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  if (!present()) throw new Error(`Installing ${packages.join(' ')} did not provide ${what}.`);
}

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on `port`. */
function listening(port) {
  return new Promise((resolve) => {
    const socket = createServer().listen(port, '127.0.0.1');
    socket.once('listening', () => socket.close(() => resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

/** A Redis server on a free loopback port, without persistence. `restart()` keeps its port. */
export async function startRedis() {
  ensureInstalled('Redis', ['redis-server'], () => onPath('redis-server') && onPath('redis-cli'));
  const port = await freePort();
  const dir = tempDir();
  const redis = { port, url: `redis://127.0.0.1:${port}` };
  redis.start = async () => {
    execFileSync('redis-server', [
      '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
      '--daemonize', 'yes', '--pidfile', join(dir, 'redis.pid'), '--logfile', join(dir, 'redis.log'), '--dir', dir,
    ]);
    await waitFor(() => spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().trim() === 'PONG', { what: 'Redis to answer' });
  };
  redis.stop = async () => {
    spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave']);
    await waitFor(async () => !(await listening(port)), { what: 'Redis to stop' });
  };
  await redis.start();
  stops.push(redis.stop);
  return redis;
}

export function postgresBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

/** A throwaway PostgreSQL cluster on a free loopback port (trust auth, user postgres, database postgres). */
export async function startPostgres() {
  ensureInstalled('PostgreSQL', ['postgresql'], () => Boolean(postgresBin()));
  const bin = postgresBin();
  const port = await freePort();
  const dir = tempDir();
  // initdb refuses to run as root: as root the cluster belongs to the postgres user.
  const asUser = (command) => {
    if (!isRoot()) return execFileSync('sh', ['-c', command], { stdio: 'pipe' });
    return execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', command], { stdio: 'pipe' });
  };
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  asUser(`${bin}/initdb -D ${data} -A trust -U postgres --no-sync >/dev/null`);
  const postgres = { port, url: `postgres://postgres@127.0.0.1:${port}/postgres` };
  postgres.start = async () => {
    asUser(`${bin}/pg_ctl -D ${data} -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off" -l ${join(dir, 'log')} -w start >/dev/null`);
  };
  postgres.stop = async () => {
    asUser(`${bin}/pg_ctl -D ${data} -m fast -w stop >/dev/null`);
  };
  await postgres.start();
  stops.push(async () => {
    if (await listening(port)) await postgres.stop();
  });
  return postgres;
}
