// docs/drift.md's nginx server block, as written (only ports, the upstream's port and the
// certificate's paths changed), in Debian 12's nginx (1.22) with Debian's own nginx.conf: `nginx -t`
// passes, and two Node clients sync a room through it over wss:// to the server behind it, which
// runs on the server's Node (24) with TRUST_PROXY=127.0.0.1 and logs each client's own address.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect as tlsConnect } from 'node:tls';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { REPO, snippet, substitute } from './doc-snippets.mjs';
import { addNote, noteText, SECRET, SERVER_BIN, token, waitFor } from './helpers.mjs';
import { freePort, startPostgres, startRedis, stopServices } from './services.mjs';

const isRoot = process.getuid?.() === 0;
const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** Debian's nginx and openssl, installed with apt-get when missing (as root, as the other service tests do). */
function ensureNginx() {
  const missing = ['nginx', 'openssl'].filter((command) => !onPath(command));
  if (!missing.length) return;
  if (!isRoot) throw new Error(`This test needs Debian's ${missing.join(' ')}: sudo apt-get install -y ${missing.join(' ')}, or run as root to have it installed.`);
  process.stderr.write(`Installing Debian's ${missing.join(' ')} for the nginx test…\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
}

const children = new Set();
const providers = new Set();
let dir;

function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', resolve));
}

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

after(async () => {
  for (const provider of providers) provider.destroy();
  await stopServices();
  for (const child of children) child.kill('SIGTERM'); // nginx: fast shutdown of master and workers
  await Promise.all([...children].map(exited));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The server binary on the Node the operator runs (scripts/server-node.mjs: 24). */
async function startServer(env) {
  const node = execFileSync(process.execPath, [join(REPO, 'scripts', 'server-node.mjs'), '24'], { encoding: 'utf8' }).trim();
  const child = track(spawn(node, [SERVER_BIN], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
  const server = { child, out: '', version: execFileSync(node, ['--version'], { encoding: 'utf8' }).trim() };
  child.stdout.on('data', (chunk) => (server.out += chunk));
  child.stderr.on('data', (chunk) => (server.out += chunk));
  const listen = await waitFor(() => {
    if (child.exitCode !== null) throw new Error(`server exited: ${server.out}`);
    return / listen .*url=http:\/\/127\.0\.0\.1:(\d+)/.exec(server.out);
  }, { what: 'the server to listen' });
  server.port = Number(listen[1]);
  return server;
}

function get(url, { ca, localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const req = (url.startsWith('https:') ? request : httpRequest)(url, { ca, localAddress }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A HocuspocusProvider over wss through nginx, trusting the test's certificate, from `localAddress`. */
function client(url, room, jwt, ca, localAddress) {
  class TestWebSocket extends WebSocket {
    constructor(address, protocols) {
      super(address, protocols, { ca, localAddress });
      this.on('error', () => {});
    }
  }
  const doc = new Y.Doc();
  const result = { doc, synced: false, failures: [] };
  result.provider = new HocuspocusProvider({
    url,
    name: room,
    token: jwt,
    document: doc,
    WebSocketPolyfill: TestWebSocket,
    onSynced: () => (result.synced = true),
    onAuthenticationFailed: ({ reason }) => result.failures.push(reason),
  });
  providers.add(result.provider);
  return result;
}

describe('docs/drift.md: nginx with TLS and the WebSocket upgrade', { skip: !isRoot && !onPath('nginx') && 'needs nginx, or root to install it' }, () => {
  let server;
  let ports;
  let ca;

  before(async () => {
    ensureNginx();
    dir = mkdtempSync(join(tmpdir(), 'innovasjonsguide-nginx-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', join(dir, 'privkey.pem'), '-out', join(dir, 'fullchain.pem'),
    ], { stdio: 'ignore' });
    ca = readFileSync(join(dir, 'fullchain.pem'));
    server = await startServer({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: join(dir, 'data'), COLLAB_SECRET: SECRET, TRUST_PROXY: '127.0.0.1' });
    ports = { http: await freePort(), tls: await freePort() };
  });

  it('passes nginx -t in Debian\'s nginx.conf, and two clients sync through it over wss', async () => {
    const site = substitute(snippet('nginx-site'), [
      ['server 127.0.0.1:1234;', `server 127.0.0.1:${server.port};`],
      ['listen 80;', `listen 127.0.0.1:${ports.http};`],
      ['listen [::]:80;', `listen [::1]:${ports.http};`],
      ['listen 443 ssl http2;', `listen 127.0.0.1:${ports.tls} ssl http2;`],
      ['listen [::]:443 ssl http2;', `listen [::1]:${ports.tls} ssl http2;`],
      ['/etc/ssl/kommune/fullchain.pem', join(dir, 'fullchain.pem')],
      ['/etc/ssl/kommune/privkey.pem', join(dir, 'privkey.pem')],
    ]);
    writeFileSync(join(dir, 'innovasjonsguide'), site);
    // Debian's own nginx.conf, with the site where sites-enabled/ would have it, and its own pid and logs.
    const main = substitute(readFileSync('/etc/nginx/nginx.conf', 'utf8'), [
      ['include /etc/nginx/sites-enabled/*;', `include ${join(dir, 'innovasjonsguide')};`],
      ['pid /run/nginx.pid;', `pid ${join(dir, 'nginx.pid')};`],
      ['access_log /var/log/nginx/access.log;', `access_log ${join(dir, 'access.log')};`],
      ['error_log /var/log/nginx/error.log;', `error_log ${join(dir, 'error.log')};`],
    ]);
    writeFileSync(join(dir, 'nginx.conf'), main);
    const version = spawnSync('nginx', ['-v'], { encoding: 'utf8' }).stderr.trim();
    const check = spawnSync('nginx', ['-t', '-c', join(dir, 'nginx.conf'), '-g', `error_log ${join(dir, 'error.log')};`], { encoding: 'utf8' });
    assert.equal(check.status, 0, `nginx -t failed:\n${check.stderr}`);
    assert.match(check.stderr, /syntax is ok/);
    assert.match(check.stderr, /test is successful/);
    process.stderr.write(`nginx.test: ${version}; server on Node ${server.version}\n`);

    const nginx = track(spawn('nginx', ['-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] }));
    let nginxErr = '';
    nginx.stderr.on('data', (chunk) => (nginxErr += chunk));
    const base = `https://127.0.0.1:${ports.tls}`;
    const health = await waitFor(async () => {
      if (nginx.exitCode !== null) throw new Error(`nginx exited: ${nginxErr}`);
      return get(`${base}/health`, { ca }).catch(() => undefined);
    }, { what: 'nginx to answer over TLS' });
    assert.equal(health.status, 200);
    assert.equal(JSON.parse(health.body).status, 'ok');
    // HTTP/2 is offered (ALPN), and plain HTTP is sent to HTTPS.
    const alpn = await new Promise((resolve, reject) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: ports.tls, ca, ALPNProtocols: ['h2', 'http/1.1'] }, () => {
        resolve(socket.alpnProtocol);
        socket.end();
      });
      socket.on('error', reject);
    });
    assert.equal(alpn, 'h2');
    const plain = await get(`http://127.0.0.1:${ports.http}/`);
    assert.equal(plain.status, 301);
    assert.match(plain.headers.location, /^https:\/\//);
    assert.equal((await get(`${base}/admin/rooms`, { ca })).status, 404);
    // The server refuses its admin routes to proxied calls as well.
    assert.notEqual((await get(`${base}/metrics`, { ca })).status, 200);

    const url = `wss://127.0.0.1:${ports.tls}`;
    const room = 'verksted-nginx';
    const a = client(url, room, await token({ room }), ca, '127.0.0.5');
    const b = client(url, room, await token({ room, name: 'Ola' }), ca, '127.0.0.6');
    await waitFor(() => a.synced && b.synced, { what: 'both clients to sync through nginx' });
    addNote(a.doc, 'n1', 'Gjennom nginx');
    await waitFor(() => noteText(b.doc, 'n1') === 'Gjennom nginx', { what: 'the note to reach the other client' });
    addNote(b.doc, 'n2', 'Og tilbake');
    await waitFor(() => noteText(a.doc, 'n2') === 'Og tilbake', { what: 'the answer to come back' });
    // X-Forwarded-For with TRUST_PROXY=127.0.0.1: the server logs each client's own address, not nginx's.
    await waitFor(() => /connect room=verksted-nginx addr=127\.0\.0\.5 /.test(server.out) && /connect room=verksted-nginx addr=127\.0\.0\.6 /.test(server.out), {
      what: 'the clients\' own addresses in the log',
    });

    for (const provider of providers) provider.destroy();
    providers.clear();
    nginx.kill('SIGQUIT'); // graceful stop
    await exited(nginx);
    assert.equal(nginx.exitCode, 0, nginxErr);
  });

  it('with two instances, hash $arg_room puts each room\'s clients on one instance and spreads the rooms', async () => {
    const [redis, postgres] = [await startRedis(), await startPostgres()];
    for (const k of [1, 2]) mkdirSync(join(dir, `data-${k}`), { mode: 0o700 });
    const shared = { HOST: '127.0.0.1', PORT: '0', COLLAB_SECRET: SECRET, TRUST_PROXY: '127.0.0.1', REDIS_URL: redis.url, DATABASE_URL: postgres.url };
    const instances = [await startServer({ ...shared, DATA_DIR: join(dir, 'data-1') }), await startServer({ ...shared, DATA_DIR: join(dir, 'data-2') })];
    const own = { http: await freePort(), tls: await freePort() };
    const site = substitute(snippet('nginx-site'), [
      ['server 127.0.0.1:1234;', instances.map((instance) => `server 127.0.0.1:${instance.port};`).join('\n    ')],
      ['listen 80;', `listen 127.0.0.1:${own.http};`],
      ['listen [::]:80;', `listen [::1]:${own.http};`],
      ['listen 443 ssl http2;', `listen 127.0.0.1:${own.tls} ssl http2;`],
      ['listen [::]:443 ssl http2;', `listen [::1]:${own.tls} ssl http2;`],
      ['/etc/ssl/kommune/fullchain.pem', join(dir, 'fullchain.pem')],
      ['/etc/ssl/kommune/privkey.pem', join(dir, 'privkey.pem')],
    ]);
    assert.match(site, /hash \$arg_room consistent;/);
    writeFileSync(join(dir, 'innovasjonsguide-2'), site);
    const main = substitute(readFileSync('/etc/nginx/nginx.conf', 'utf8'), [
      ['include /etc/nginx/sites-enabled/*;', `include ${join(dir, 'innovasjonsguide-2')};`],
      ['pid /run/nginx.pid;', `pid ${join(dir, 'nginx-2.pid')};`],
      ['access_log /var/log/nginx/access.log;', `access_log ${join(dir, 'access-2.log')};`],
      ['error_log /var/log/nginx/error.log;', `error_log ${join(dir, 'error-2.log')};`],
    ]);
    writeFileSync(join(dir, 'nginx-2.conf'), main);
    const nginx = track(spawn('nginx', ['-c', join(dir, 'nginx-2.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] }));
    let nginxErr = '';
    nginx.stderr.on('data', (chunk) => (nginxErr += chunk));
    await waitFor(async () => {
      if (nginx.exitCode !== null) throw new Error(`nginx exited: ${nginxErr}`);
      return get(`https://127.0.0.1:${own.tls}/health`, { ca }).catch(() => undefined);
    }, { what: 'nginx to answer over TLS' });

    // Two people in each of 10 rooms, each from an address of their own (one egress address would not matter here).
    const rooms = Array.from({ length: 10 }, (_, i) => `fordelt-${i}`);
    const clients = [];
    for (const [i, room] of rooms.entries()) {
      for (const person of [0, 1]) {
        const url = `wss://127.0.0.1:${own.tls}/?room=${room}`;
        clients.push(client(url, room, await token({ room, name: `Person ${person}` }), ca, `127.0.1.${2 * i + person + 1}`));
      }
    }
    await waitFor(() => clients.every((c) => c.synced), { what: 'every client to sync through nginx' });
    // The server logs a connection once it is admitted, which may come just after the sync.
    const homesNow = () => rooms.map((room) => ({ room, on: instances.map((instance) => (instance.out.match(new RegExp(` connect room=${room} `, 'g')) ?? []).length) }));
    const homes = await waitFor(() => {
      const now = homesNow();
      return now.every(({ on }) => on[0] + on[1] === 2) && now;
    }, { what: 'both instances to log every connection' });
    for (const { room, on } of homes) assert.ok(on.includes(2) && on.includes(0), `both clients of ${room} on one instance: ${on}`);
    const perInstance = instances.map((_, k) => homes.filter(({ on }) => on[k] === 2).length);
    assert.ok(perInstance.every((n) => n > 0), `rooms on each instance: ${perInstance.join(' + ')}`);
    process.stderr.write(`nginx.test: 10 rooms through hash $arg_room: ${perInstance.join(' + ')} per instance\n`);
    for (const provider of providers) provider.destroy();
    providers.clear();
    nginx.kill('SIGQUIT');
    await exited(nginx);
    // nginx logs a WebSocket when it ends: the access log now holds room names (docs/behandlingsprotokoll.md says so).
    assert.match(readFileSync(join(dir, 'access-2.log'), 'utf8'), /GET \/\?room=fordelt-0 /);
  });
});
