// Issue 24's guards on the server as shipped: sockets that never authenticate (H1), the open
// development mode only on purpose and only from this machine (H2), presence nobody else may
// remove or claim (L6).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect as tcpConnect } from 'node:net';
import { describe, it } from 'node:test';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { addNote, awarenessMessage, awarenessUpdates, connect, health, rawClient, run, startServer, tempDir, token, updateMessage, waitFor } from './helpers.mjs';

const rssOf = (pid) => Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * A hostile socket from `localAddress`: upgrades, then starts a 10 MB binary frame and sends
 * `bytes` of it, and idles. Resolves with the upgrade's status; `closed` resolves when the server ends it.
 */
function hostileSocket(port, localAddress, bytes) {
  const socket = tcpConnect({ port, host: '127.0.0.1', localAddress });
  const result = { status: 0, closedAt: 0 };
  result.closed = new Promise((resolve) => socket.once('close', () => resolve((result.closedAt = Date.now()))));
  socket.on('error', () => {});
  result.upgraded = new Promise((resolve) => {
    socket.once('connect', () =>
      socket.write(
        'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      ),
    );
    socket.once('data', (chunk) => {
      result.status = Number(/^HTTP\/1\.1 (\d+)/.exec(chunk.toString('latin1'))?.[1] ?? 0);
      if (result.status === 101) {
        const header = Buffer.alloc(14);
        header[0] = 0x82; // FIN, binary
        header[1] = 0x80 | 127; // masked, 64-bit length
        header.writeBigUInt64BE(10n * 1024n * 1024n, 2);
        socket.write(Buffer.concat([header, Buffer.alloc(bytes, 7)]));
      }
      resolve(result.status);
    });
    socket.once('close', () => resolve(result.status));
  });
  result.socket = socket;
  return result;
}

describe('H1: sockets that never authenticate', () => {
  it('1,000 idle hostile sockets from 200 addresses: capped, ended within seconds, memory bounded', async () => {
    const server = await startServer();
    const before = rssOf(server.child.pid);
    const started = Date.now();
    const sockets = [];
    for (let index = 0; index < 1000; index += 1) sockets.push(hostileSocket(server.port, `127.0.0.${2 + (index % 200)}`, 60 * 1024));
    const statuses = await Promise.all(sockets.map((socket) => socket.upgraded));
    const accepted = sockets.filter((socket) => socket.status === 101);
    const refused = statuses.filter((status) => status === 429).length;
    await new Promise((resolve) => setImmediate(resolve));
    const peak = rssOf(server.child.pid);
    await Promise.all(accepted.map((socket) => socket.closed));
    const longest = Math.max(...accepted.map((socket) => socket.closedAt - started));
    const after = rssOf(server.child.pid);
    process.stdout.write(
      `# 1,000 hostile idle sockets (60 KB of a 10 MB frame each, 200 addresses): ${accepted.length} admitted to wait, ${refused} refused (429); ` +
        `server memory ${mb(before)} before, ${mb(peak)} with them, ${mb(after)} after; the last was ended ${longest} ms after the first opened\n`,
    );
    assert.equal(accepted.length, 500, 'at most 500 unadmitted sockets at once');
    assert.equal(refused, 500);
    assert.ok(longest < 20_000, `every socket ended within the admission time (${longest} ms)`);
    assert.ok(peak - before < 150 * 1024 * 1024, `memory grew by ${mb(peak - before)}`);
    assert.ok(server.lines.some((line) => / refuse .*reason=not-admitted/.test(line)));
    // An honest client still gets in.
    const honest = connect(server, { room: 'etterpa', token: await token({ room: 'etterpa' }) });
    await honest.waitSynced();
    honest.destroy();
    assert.equal(await server.stop(), 0);
  });

  it('a socket that sends more than the pre-login budget in one unfinished frame is ended at once', async () => {
    const server = await startServer();
    const socket = hostileSocket(server.port, '127.0.0.9', 1024 * 1024);
    assert.equal(await socket.upgraded, 101);
    const closedAt = await socket.closed;
    assert.ok(closedAt - Date.now() < 5000);
    await server.waitForLine(/ refuse .*addr=127\.0\.0\.9 .*reason=message-too-large/);
    assert.equal(await server.stop(), 0);
  });

  it('more than MAX_UNADMITTED_PER_ADDRESS unadmitted sockets from one address are refused', async () => {
    const server = await startServer({ env: { MAX_UNADMITTED_PER_ADDRESS: '10' } });
    const sockets = Array.from({ length: 12 }, () => hostileSocket(server.port, '127.0.0.7', 10));
    const statuses = await Promise.all(sockets.map((socket) => socket.upgraded));
    assert.equal(statuses.filter((status) => status === 101).length, 10);
    assert.equal(statuses.filter((status) => status === 429).length, 2);
    for (const socket of sockets) socket.socket.destroy();
    assert.equal(await server.stop(), 0);
  });
});

describe('H1: pings', () => {
  it('a socket that stops answering pings is ended, admitted or not', async () => {
    const server = await startServer({ env: { PING_INTERVAL_SECONDS: '1' } });
    const raw = rawClient(server);
    assert.equal(await raw.authenticate('stille', await token({ room: 'stille' })), 'authenticated');
    // The ws client answers pings by itself: pausing the socket stops it reading, so no pong goes back.
    raw.ws._socket.pause();
    await server.waitForLine(/ refuse addr=127\.0\.0\.1 reason=missed-ping/);
    await waitFor(async () => (await health(server)).body.connections === 0, { timeout: 15_000, what: 'its connection to be gone' });
    const honest = connect(server, { room: 'stille', token: await token({ room: 'stille' }) });
    await honest.waitSynced();
    let pings = 0;
    honest.provider.configuration.websocketProvider.webSocket.on('ping', () => (pings += 1));
    await waitFor(() => pings >= 3, { timeout: 15_000, what: 'three ping rounds' });
    assert.deepEqual(honest.closeReasons, [], 'a socket that answers stays');
    honest.destroy();
    assert.equal(await server.stop(), 0);
  });
});

describe('H2: the open development mode', () => {
  it('starts only when asked for by name, and never with TRUST_PROXY', async () => {
    const quiet = await run([], { env: { DATA_DIR: tempDir(), PORT: '0' } });
    assert.equal(quiet.code, 1);
    assert.match(quiet.stderr, /COLLAB_SECRET is not set\. Set it .* or set COLLAB_OPEN_MODE=1/);
    const proxied = await run([], { env: { DATA_DIR: tempDir(), PORT: '0', COLLAB_OPEN_MODE: '1', TRUST_PROXY: '127.0.0.1' } });
    assert.equal(proxied.code, 1);
    assert.match(proxied.stderr, /open development mode takes no TRUST_PROXY/);
  });

  it('refuses requests through a proxy, naming another host, or from a page elsewhere; serves this machine', async () => {
    const server = await startServer({ secret: '', env: { COLLAB_OPEN_MODE: '1' } });
    const admin = (headers) => fetchRaw(server.port, 'GET', '/admin/rooms', headers);
    assert.equal((await admin({ Host: `127.0.0.1:${server.port}` })).status, 200);
    const rebinding = await admin({ Host: 'evil.example' });
    assert.equal(rebinding.status, 403);
    assert.match(rebinding.body, /open-mode-host/);
    assert.equal((await admin({ Host: `127.0.0.1:${server.port}`, 'X-Forwarded-For': '203.0.113.9' })).status, 403);
    assert.equal((await fetchRaw(server.port, 'DELETE', '/admin/rooms/alt', { Host: 'evil.example' })).status, 403);

    const elsewhere = rawClient(server, { Origin: 'https://evil.example' });
    await waitFor(() => elsewhere.rejected, { what: 'the upgrade to be refused' });
    assert.equal(elsewhere.rejected, 403);
    const local = rawClient(server, { Origin: 'http://localhost:8000' });
    assert.equal(await local.authenticate('lokal', ''), 'authenticated');
    assert.equal(await server.stop(), 0);
  });
});

describe('L6: presence', () => {
  it('a token with no name and no sub cannot claim to lead; nobody removes another person’s presence', async () => {
    const server = await startServer();
    const kari = connect(server, { room: 'liste', token: await token({ room: 'liste', name: 'Kari', sub: 'k-1' }) });
    await kari.waitSynced();
    kari.provider.awareness.setLocalStateField('user', { id: 'k-1', name: 'Kari' });
    const kariId = kari.provider.awareness.clientID;

    const blank = rawClient(server);
    assert.equal(await blank.authenticate('liste', await token({ room: 'liste', name: '' })), 'authenticated');
    blank.send(awarenessMessage('liste', awarenessUpdate(7001, 1, { user: { id: 'x', name: 'Ingen', lead: true } })));
    assert.equal(await blank.closeReason('liste'), 'presence-not-yours');

    const remover = rawClient(server);
    assert.equal(await remover.authenticate('liste', await token({ room: 'liste', name: 'Per', sub: 'p-1' })), 'authenticated');
    await waitFor(() => server.lines.some((line) => / connect .*room=liste .*sub=p-1/.test(line)), { what: 'Per to connect' });
    remover.send(awarenessMessage('liste', awarenessUpdate(kariId, 99, null)));
    assert.equal(await remover.closeReason('liste'), 'presence-not-yours');

    const watcher = connect(server, { room: 'liste', token: await token({ room: 'liste', name: 'Ola', sub: 'o-1' }) });
    await watcher.waitSynced();
    await waitFor(() => watcher.provider.awareness.getStates().get(kariId)?.user?.name === 'Kari', { what: 'Kari still present' });
    kari.destroy();
    watcher.destroy();
    assert.equal(await server.stop(), 0);
  });
});

describe('M7: side messages', () => {
  it('a burst of presence is refused past the budget; entries for others’ client ids never reach anyone', async () => {
    const server = await startServer();
    const room = 'prat';
    const kari = connect(server, { room, token: await token({ room, name: 'Kari', sub: 'k-1' }) });
    await kari.waitSynced();
    const seen = [];
    kari.provider.awareness.on('change', ({ added, updated }) => seen.push(...added, ...updated));
    const flood = rawClient(server);
    assert.equal(await flood.authenticate(room, await token({ room, name: 'Per', sub: 'p-1' })), 'authenticated');
    // Others' ids ride along with Per's own: they are dropped, and Per's own state arrives.
    flood.send(awarenessMessage(room, awarenessUpdates([[8001, 1, { user: { id: 'p-1', name: 'Per' } }], [8002, 1, { user: { id: 'p-1', name: 'Per' } }]])));
    await waitFor(() => kari.provider.awareness.getStates().get(8001)?.user?.name === 'Per', { what: 'Per’s own presence' });
    // 300 × 15 KB in one go, as the review's attacker did.
    const big = { user: { id: 'p-1', name: 'Per' }, pad: 'x'.repeat(15_000) };
    for (let index = 0; index < 300; index += 1) flood.send(awarenessMessage(room, awarenessUpdates([[8001, 2 + index, big]])));
    assert.equal(await flood.closeReason(room), 'side-messages-over-budget');
    assert.equal(kari.provider.awareness.getStates().has(8002), false, 'an id not the sender’s was never forwarded');
    assert.ok(seen.filter((id) => id === 8001).length < 40, `Kari received ${seen.filter((id) => id === 8001).length} of the 300`);
    kari.destroy();
    assert.equal(await server.stop(), 0);
  });

  it('message types the page never sends are refused', async () => {
    const server = await startServer();
    const raw = rawClient(server);
    assert.equal(await raw.authenticate('typer', await token({ room: 'typer' })), 'authenticated');
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, 'typer');
    encoding.writeVarUint(encoder, 6); // broadcast stateless
    encoding.writeVarString(encoder, 'til alle');
    raw.send(encoding.toUint8Array(encoder));
    assert.equal(await raw.closeReason('typer'), 'message-type-refused');
    assert.equal(await server.stop(), 0);
  });
});

describe('the operator’s other guards', () => {
  it('M8: Redis and PostgreSQL off this machine need a password and TLS', async () => {
    for (const [env, message] of [
      [{ REDIS_URL: 'redis://redis.kommune.no:6379' }, /REDIS_URL must carry a password/],
      [{ REDIS_URL: 'redis://:hemmelig@redis.kommune.no:6379' }, /REDIS_URL must use TLS \(rediss:/],
      [{ DATABASE_URL: 'postgres://rom@db.kommune.no/rom' }, /DATABASE_URL must carry a password/],
      [{ DATABASE_URL: 'postgres://rom:hemmelig@db.kommune.no/rom' }, /DATABASE_URL must use TLS \(\?sslmode=verify-full/],
    ]) {
      const answer = await run([], { env: { DATA_DIR: tempDir(), PORT: '0', COLLAB_SECRET: 'x'.repeat(40), ...env } });
      assert.equal(answer.code, 1, JSON.stringify(env));
      assert.match(answer.stderr, message);
    }
  });

  it('L8: with ALLOWED_ORIGINS, a page elsewhere cannot open a socket; a listed one can', async () => {
    const server = await startServer({ env: { ALLOWED_ORIGINS: 'https://www.kommune.no,https://intranett.kommune.no' } });
    const elsewhere = rawClient(server, { Origin: 'https://evil.example' });
    await waitFor(() => elsewhere.rejected, { what: 'the upgrade to be refused' });
    assert.equal(elsewhere.rejected, 403);
    const listed = rawClient(server, { Origin: 'https://intranett.kommune.no' });
    assert.equal(await listed.authenticate('opprinnelse', await token({ room: 'opprinnelse' })), 'authenticated');
    await server.waitForLine(/ refuse addr=127\.0\.0\.1 reason=origin-not-allowed/);
    assert.equal(await server.stop(), 0);
  });

  it('L4: a DATA_DIR made readable for everyone is closed to the service user at start', async () => {
    const dataDir = join(tempDir(), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    const server = await startServer({ dataDir });
    assert.equal(statSync(dataDir).mode & 0o777, 0o700);
    assert.equal(statSync(join(dataDir, 'rooms.sqlite')).mode & 0o777, 0o600);
    assert.equal(statSync(join(dataDir, 'admin.key')).mode & 0o777, 0o600);
    assert.equal(await server.stop(), 0);
  });

  it('L3: past MAX_ROOMS a new room is refused, existing rooms still open', async () => {
    const server = await startServer({ env: { MAX_ROOMS: '2' } });
    const star = await token({ room: '*' });
    for (const room of ['en', 'to']) {
      const client = connect(server, { room, token: star });
      await client.waitSynced();
      addNote(client.doc, 'n1', room);
      await client.waitSynced();
      client.destroy();
    }
    const third = connect(server, { room: 'tre', token: star });
    assert.equal(await third.waitRefused(), 'too-many-rooms');
    third.destroy();
    const again = connect(server, { room: 'en', token: star });
    await again.waitSynced();
    again.destroy();
    assert.equal(await server.stop(), 0);
  });

  it('L1: updates queued before authentication are checked one by one against the counts', async () => {
    const server = await startServer();
    const raw = rawClient(server);
    await waitFor(() => raw.opened, { what: 'the socket to open' });
    const participants = (from) => {
      const doc = new Y.Doc();
      doc.transact(() => {
        for (let index = from; index < from + 450; index += 1) doc.getMap('participants').set(`p${index}`, new Y.Map([['id', `p${index}`], ['name', 'P']]));
      });
      return Y.encodeStateAsUpdate(doc);
    };
    // Sent before the token, so they wait in the queue together.
    const jwt = await token({ room: 'ko' });
    raw.send(updateMessage('ko', participants(0)));
    raw.send(updateMessage('ko', participants(450)));
    assert.equal(await raw.authenticate('ko', jwt), 'authenticated');
    assert.equal(await raw.closeReason('ko'), 'too-many-items');
    const reader = connect(server, { room: 'ko', token: jwt });
    await reader.waitSynced();
    assert.ok(reader.doc.getMap('participants').size <= 500, `${reader.doc.getMap('participants').size} participants stored`);
    reader.destroy();
    assert.equal(await server.stop(), 0);
  });
});

const awarenessUpdate = (clientId, clock, state) => awarenessUpdates([[clientId, clock, state]]);

/** An HTTP request with exactly these headers (fetch would set Host itself). */
function fetchRaw(port, method, path, headers) {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ port, host: '127.0.0.1' });
    let text = '';
    socket.on('error', reject);
    socket.on('data', (chunk) => (text += chunk));
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0), body: text.split('\r\n\r\n')[1] ?? '' }));
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
    socket.write(`${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\nConnection: close\r\n\r\n`);
  });
}
