// Test-runner plugin for the live-room tests: real collaboration servers (server/dist) on loopback,
// started, stopped and killed by the tests themselves through executeServerCommand.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres, startRedis, stopServices, waitFor } from '../server/test/services.mjs';
import { serverNode } from './server-node.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BIN = join(ROOT, 'server', 'dist', 'innovasjonsguide-server.js');
export const TEST_SECRET = 'browser-test-secret-long-enough-for-hs256-0123456789';

const base64url = (value) => Buffer.from(value).toString('base64url');

/** An HS256 JWT, as an intranet backend would mint it (the server checks it with jose). */
export function mintToken(claims, secret = TEST_SECRET) {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = base64url(JSON.stringify(claims));
  const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${signature}`;
}

const exited = (child) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));

/**
 * Commands (payload fields in brackets):
 * - `collab-server` `{action: 'start', name?, port?, keepData?}` → `{url, port}`: starts (or restarts on the same
 *   port and data) the server called `name`; `{action: 'stop' | 'kill9', name?}` (SIGTERM / SIGKILL);
 *   `{action: 'rooms', name?, args}` runs the operator's CLI (`rooms delete ROOM`) on its data → `{code, stdout}`;
 *   `{action: 'store', name?, room, update}` writes a Yjs update (base64) into a stopped server's stored room;
 *   `{action: 'ready', name?}` → the HTTP status of its `/ready` (200, or 503 while its storage or Redis is away);
 *   `{action: 'log-has', name?, secrets}` → the indexes of the `secrets` that appear in anything it wrote, over all its starts
 *   (the log stays here: a test learns only whether a secret reached it, and never prints the log).
 * - `collab-token` `{room, name, sub?, role?, expiresIn?, secret?}` → a signed token (`expiresIn` seconds, may be negative).
 * - `collab-service` `{action: 'start' | 'stop', kind: 'redis' | 'postgres', name?}` → `{url}`: Debian's Redis or PostgreSQL
 *   on a free loopback port (installed when missing, as root), started once and then stopped and started again on the same
 *   port; pass its `url` to a server's `env` (`REDIS_URL`, `DATABASE_URL`). Each `name` has its own (one per browser).
 *
 * COLLAB_DEBUG_LOG=/tmp/x writes each server's log lines, timestamped, to /tmp/x-<name>.log (to see a failure's order of events).
 */
export function collabServerPlugin() {
  const servers = new Map();
  const dirs = new Set();
  const services = new Map();

  async function service({ action, kind, name = 'default' }) {
    const starters = { redis: startRedis, postgres: startPostgres };
    if (!starters[kind]) throw new Error(`unknown service ${kind}`);
    const key = `${kind}:${name}`;
    const running = services.get(key);
    if (action === 'start') {
      if (!running) services.set(key, { service: await starters[kind](), up: true });
      else if (!running.up) {
        await running.service.start();
        running.up = true;
      }
      return { url: services.get(key).service.url };
    }
    if (action === 'stop') {
      if (running?.up) {
        await running.service.stop();
        running.up = false;
      }
      return true;
    }
    throw new Error(`unknown collab-service action ${action}`);
  }

  async function start({ name = 'default', port, env = {} }) {
    let server = servers.get(name);
    if (server?.child && server.child.exitCode === null && server.child.signalCode === null) return { url: server.url, port: server.port };
    if (!existsSync(SERVER_BIN)) throw new Error('server/dist is missing: run `npm run test:collab`, which builds the server first');
    if (!server) {
      const dataDir = mkdtempSync(join(tmpdir(), 'innovasjonsguide-browser-collab-'));
      dirs.add(dataDir);
      server = { dataDir, port: port ?? 0, output: [] };
      servers.set(name, server);
    }
    const child = spawn(serverNode(), [SERVER_BIN], {
      env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(server.port), DATA_DIR: server.dataDir, COLLAB_SECRET: TEST_SECRET, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = [];
    let stderr = '';
    let partial = '';
    child.stdout.on('data', (chunk) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop();
      lines.push(...parts);
      server.output.push(...parts);
      if (process.env.COLLAB_DEBUG_LOG) appendFileSync(`${process.env.COLLAB_DEBUG_LOG}-${name}.log`, parts.map((l) => `${new Date().toISOString()} ${l}\n`).join(''));
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      server.output.push(String(chunk));
    });
    server.child = child;
    const listen = await waitFor(() => {
      if (child.exitCode !== null) throw new Error(`collaboration server exited with ${child.exitCode}: ${stderr}`);
      return lines.find((line) => / listen /.test(line));
    }, { what: 'the collaboration server to listen' });
    server.port = Number(/url=http:\/\/127\.0\.0\.1:(\d+)/.exec(listen)[1]);
    server.url = `ws://127.0.0.1:${server.port}`;
    return { url: server.url, port: server.port };
  }

  async function stop(name = 'default', signal = 'SIGTERM') {
    // A plugin's answer of null or undefined means "not mine" to the runner: answer true.
    const child = servers.get(name)?.child;
    if (!child) return true;
    child.kill(signal);
    await exited(child);
    return true;
  }

  function rooms(name = 'default', args = []) {
    const server = servers.get(name);
    if (!server) throw new Error(`no server called ${name}`);
    const child = spawn(serverNode(), [SERVER_BIN, 'rooms', ...args], {
      env: { PATH: process.env.PATH, DATA_DIR: server.dataDir, COLLAB_SECRET: TEST_SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stdout += chunk));
    return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout })));
  }

  /**
   * Writes a Yjs update (base64) into a stopped server's stored room, as a newer server would have
   * stored it: the way to put in what this server's guard would refuse from a client (a newer schema).
   */
  async function store(name = 'default', room, update) {
    const server = servers.get(name);
    if (!server) throw new Error(`no server called ${name}`);
    if (server.child && server.child.exitCode === null && server.child.signalCode === null) throw new Error('stop the server before writing into its storage');
    const script = `const { DatabaseSync } = require('node:sqlite');
      const db = new DatabaseSync(process.argv[1] + '/rooms.sqlite');
      db.prepare('INSERT INTO updates (name, data) VALUES (?, ?)').run(process.argv[2], Buffer.from(process.argv[3], 'base64'));
      db.close();`;
    const child = spawn(serverNode(), ['-e', script, server.dataDir, room, update], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`writing into the storage failed: ${stderr}`);
    return true;
  }

  async function ready(name = 'default') {
    const server = servers.get(name);
    if (!server?.port) throw new Error(`no server called ${name}`);
    try {
      return (await fetch(`http://127.0.0.1:${server.port}/ready`)).status;
    } catch {
      return 0; // not listening
    }
  }

  /** Which of `secrets` the server called `name` wrote to its output (stdout and stderr, every start). */
  function logHas(name = 'default', secrets = []) {
    const server = servers.get(name);
    if (!server) throw new Error(`no server called ${name}`);
    const output = server.output.join('\n');
    return secrets.flatMap((secret, index) => (secret && output.includes(secret) ? [index] : []));
  }

  return {
    name: 'collab-server',
    async executeCommand({ command, payload = {} }) {
      if (command === 'collab-token') {
        const { room, name = '', sub, role, expiresIn = 3600, secret } = payload;
        const claims = { room, name, exp: Math.floor(Date.now() / 1000) + expiresIn, ...(sub && { sub }), ...(role && { role }) };
        return mintToken(claims, secret);
      }
      if (command === 'collab-service') return service(payload);
      if (command !== 'collab-server') return undefined;
      const { action, name } = payload;
      if (action === 'start') return start(payload);
      if (action === 'stop') return stop(name, 'SIGTERM');
      if (action === 'kill9') return stop(name, 'SIGKILL');
      if (action === 'rooms') return rooms(name, payload.args);
      if (action === 'store') return store(name, payload.room, payload.update);
      if (action === 'ready') return ready(name);
      if (action === 'log-has') return logHas(name, payload.secrets);
      throw new Error(`unknown collab-server action ${action}`);
    },
    async serverStop() {
      await Promise.all([...servers.keys()].map((name) => stop(name, 'SIGKILL')));
      await stopServices();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}
