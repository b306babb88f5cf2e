// Shared by the server tests: a real server process on loopback, started and stopped by the
// tests themselves, Node clients (the real provider, and a raw protocol client for hostile input),
// and waits on conditions with timeouts.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { SignJWT } from 'jose';
import * as decoding from 'lib0/decoding';
import { waitFor } from './services.mjs';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

export const SERVER_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'innovasjonsguide-server.js');
export const SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

const processes = new Set();
const providers = new Set();
const sockets = new Set();
const dirs = new Set();

// Whatever a test leaves behind, also when it fails: providers, sockets, processes, temp dirs.
after(async () => {
  for (const provider of providers) provider.destroy();
  for (const ws of sockets) ws.terminate();
  for (const child of processes) child.kill('SIGKILL');
  await Promise.all([...processes].map((child) => exited(child)));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'innovasjonsguide-server-test-'));
  dirs.add(dir);
  return dir;
}

// waitFor lives in services.mjs (it has no node:test hooks, so the browser tests' runner uses it too).
export { waitFor };

function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', resolve));
}

/**
 * Starts the built server with a temp DATA_DIR (unless given) on a free loopback port
 * (unless given) and waits for its `listen` line.
 */
export async function startServer({ dataDir = tempDir(), port = 0, secret = SECRET, env = {} } = {}) {
  const child = spawn(process.execPath, [SERVER_BIN], {
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      ...(secret && { COLLAB_SECRET: secret }),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  processes.add(child);
  child.once('exit', () => processes.delete(child));
  const server = { child, dataDir, lines: [], stderr: '' };
  let partial = '';
  child.stdout.on('data', (chunk) => {
    const text = partial + chunk;
    const lines = text.split('\n');
    partial = lines.pop();
    server.lines.push(...lines);
  });
  child.stderr.on('data', (chunk) => (server.stderr += chunk));
  const listen = await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${server.stderr}`);
      return server.lines.find((line) => / listen /.test(line));
    },
    { what: 'the server to listen' },
  );
  server.port = Number(/url=http:\/\/127\.0\.0\.1:(\d+)/.exec(listen)[1]);
  server.url = `ws://127.0.0.1:${server.port}`;
  server.http = `http://127.0.0.1:${server.port}`;
  /** Waits for a log line matching `pattern`, returns it. */
  server.waitForLine = (pattern, what = String(pattern)) =>
    waitFor(() => server.lines.find((line) => pattern.test(line)), { what: `log line ${what}` });
  server.stop = async () => {
    child.kill('SIGTERM');
    await exited(child);
    return child.exitCode;
  };
  server.kill9 = async () => {
    child.kill('SIGKILL');
    await exited(child);
  };
  return server;
}

/** Runs the server binary to completion (the CLI, or a start that should fail). */
export function run(args, { env = {} } = {}) {
  const child = spawn(process.execPath, [SERVER_BIN, ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  processes.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      processes.delete(child);
      resolve({ code, stdout, stderr });
    }),
  );
}

export function token({ room, name = 'Kari', expiresIn = '1h', secret = SECRET, ...claims } = {}) {
  // null leaves a claim out
  const jwt = new SignJWT({ ...(room != null && { room }), ...(name != null && { name }), ...claims }).setProtectedHeader({ alg: 'HS256' });
  if (expiresIn != null) jwt.setExpirationTime(expiresIn);
  return jwt.sign(new TextEncoder().encode(secret));
}

/**
 * `ws` emits an 'error' when a socket still connecting is closed (a provider destroyed while it
 * reconnects); browsers do not, and the provider listens only through `onerror`. Keep it quiet.
 */
class NodeWebSocket extends WebSocket {
  constructor(...args) {
    super(...args);
    this.on('error', () => {});
  }
}

/**
 * A real HocuspocusProvider from Node. Records authentication failures and close reasons;
 * retries quickly so restarts in tests do not wait on the default backoff.
 */
export function connect(server, { room, token: jwt = '', doc = new Y.Doc(), url = server.url, awareness } = {}) {
  const client = { doc, failures: [], closeReasons: [], synced: false };
  client.provider = new HocuspocusProvider({
    url,
    name: room,
    token: jwt,
    document: doc,
    // `null`: no presence, as the guide joins a session document (the server refuses a participant's there).
    ...(awareness !== undefined && { awareness }),
    WebSocketPolyfill: NodeWebSocket,
    delay: 50,
    minDelay: 50,
    factor: 1.5,
    maxDelay: 500,
    onAuthenticationFailed: ({ reason }) => client.failures.push(reason),
    onClose: ({ event }) => client.closeReasons.push(event.reason),
    onSynced: () => (client.synced = true),
  });
  providers.add(client.provider);
  client.destroy = () => {
    client.provider.destroy();
    providers.delete(client.provider);
  };
  client.waitSynced = (timeout) => waitFor(() => client.synced && client.provider.unsyncedChanges === 0, { timeout, what: `${room} to sync` });
  client.waitRefused = () => waitFor(() => client.failures[0], { what: `${room} to be refused` });
  return client;
}

/** Reads the Hocuspocus protocol by hand, so a test can send what no honest provider would. */
export function rawClient(server, headers = {}) {
  const ws = new WebSocket(server.url, { headers });
  sockets.add(ws);
  const client = { ws, received: [], closed: null, opened: false, rejected: null };
  ws.on('open', () => (client.opened = true));
  ws.on('unexpected-response', (_request, response) => {
    client.rejected = response.statusCode;
    ws.terminate();
  });
  ws.on('error', () => {});
  ws.on('close', (code, reason) => (client.closed = { code, reason: String(reason) }));
  ws.on('message', (data) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const room = decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    const message = { room, type };
    if (type === 2) {
      message.auth = decoding.readVarUint(decoder);
      message.text = decoding.readVarString(decoder);
    } else if (type === 7) message.text = decoding.readVarString(decoder);
    client.received.push(message);
  });
  client.send = (bytes) => ws.send(bytes);
  client.authenticate = async (room, jwt) => {
    await waitFor(() => client.opened, { what: 'the raw socket to open' });
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, room);
    encoding.writeVarUint(encoder, 2); // Auth
    encoding.writeVarUint(encoder, 0); // Token
    encoding.writeVarString(encoder, jwt);
    ws.send(encoding.toUint8Array(encoder));
    const answer = await waitFor(() => client.received.find((m) => m.room === room && m.type === 2), { what: 'an auth answer' });
    return answer.auth === 2 ? 'authenticated' : answer.text;
  };
  client.closeReason = (room) => waitFor(() => client.received.find((m) => m.room === room && m.type === 7)?.text, { what: 'a close message' });
  return client;
}

/** A Hocuspocus sync message carrying a Yjs update (or any bytes in its place). */
export function updateMessage(room, update) {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, room);
  encoding.writeVarUint(encoder, 0); // Sync
  encoding.writeVarUint(encoder, 2); // Update
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function awarenessMessage(room, bytes) {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, room);
  encoding.writeVarUint(encoder, 1); // Awareness
  encoding.writeVarUint8Array(encoder, bytes);
  return encoding.toUint8Array(encoder);
}

/** A room's content as the operator's export sees it. */
export async function exportRoom(server, room) {
  const { code, stdout, stderr } = await run(['rooms', 'export', room], {
    env: { DATA_DIR: server.dataDir, COLLAB_SECRET: SECRET },
  });
  return code === 0 ? JSON.parse(stdout).content : { error: stderr.trim() };
}

export async function health(server) {
  const response = await fetch(`${server.http}/health`);
  return { status: response.status, body: await response.json() };
}

/** Adds a note the way the schema describes (docs/collab-schema.md). */
export function addNote(doc, id, text, cardId = 'kort-1') {
  doc.transact(() => {
    const note = new Y.Map();
    const now = new Date().toISOString();
    for (const [key, value] of Object.entries({ id, cardId, text, color: 'yellow', author: '', order: 'a0', createdAt: now, updatedAt: now })) {
      note.set(key, value);
    }
    note.set('votes', new Y.Map());
    doc.getMap('notes').set(id, note);
  });
}

export const noteText = (doc, id) => doc.getMap('notes').get(id)?.get('text');

/** The store's own LIMITS and MAX_IMPORT_BYTES (src/store), bundled on the fly: the tests copy no numbers. */
export async function storeLimits() {
  const { build } = await import('esbuild');
  const entry = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'store', 'index.ts');
  const result = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'neutral', logLevel: 'silent' });
  const { LIMITS, MAX_IMPORT_BYTES } = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
  return { LIMITS, MAX_DOCUMENT_BYTES: 2 * MAX_IMPORT_BYTES, MAX_MESSAGE_BYTES: 2 * MAX_IMPORT_BYTES + 1024 * 1024 };
}

/** A room as DATA_DIR's SQLite file holds it now (its base and the updates saved since), read straight from the file. */
export function storedRoom(dataDir, room) {
  const db = new DatabaseSync(join(dataDir, 'rooms.sqlite'), { readOnly: true });
  try {
    const doc = new Y.Doc();
    const base = db.prepare('SELECT data FROM documents WHERE name = ?').get(room);
    if (base) Y.applyUpdate(doc, base.data);
    for (const row of db.prepare('SELECT data FROM updates WHERE name = ? ORDER BY seq').all(room)) Y.applyUpdate(doc, row.data);
    return doc;
  } finally {
    db.close();
  }
}

/** One awareness entry list as y-protocols encodes it: [clientId, clock, state] each. */
export function awarenessUpdates(entries) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}
