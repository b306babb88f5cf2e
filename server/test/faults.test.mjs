// Bad days (issue 25): an outage is a wait, never a refusal; the room heals by itself and
// nothing is lost. Real processes on loopback: server instances, Debian's PostgreSQL and Redis
// (test/services.mjs), and pages running the page's own connection code (test/pages.mjs) that
// write throughout each fault. Each test ends with every page equal to the server's document and
// holding every change, without a reload.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import * as Y from 'yjs';
import { connect, run, SECRET, startServer, tempDir, token, waitFor } from './helpers.mjs';
import { closePages, converged, keepWriting, openPage, pageModule } from './pages.mjs';
import { roomOrder } from '../../bench/room-order.mjs';
import { ensureInstalled, freePort, startPostgres, startRedis, stopServices } from './services.mjs';

after(closePages);
after(stopServices);

const STORM_PAGES = join(dirname(fileURLToPath(import.meta.url)), 'storm-pages.mjs');

const notesOf = (doc) => Object.fromEntries([...doc.getMap('notes')].map(([id, note]) => [id, note.get('text')]));

/** The room as the server holds it now: a fresh client's copy. */
async function serverNotes(server, room) {
  const reader = connect(server, { room, token: await token({ room }) });
  await reader.waitSynced(60_000);
  const notes = notesOf(reader.doc);
  reader.destroy();
  return notes;
}

/** The room as stored in PostgreSQL (base and every update since). */
async function storedNotes(url, room) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const doc = new Y.Doc();
    for (const table of ['documents', 'updates']) {
      const { rows } = await client.query(`SELECT data FROM ${table} WHERE name = $1${table === 'updates' ? ' ORDER BY seq' : ''}`, [room]);
      for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
    }
    return notesOf(doc);
  } finally {
    await client.end();
  }
}

async function ready(server) {
  const response = await fetch(`${server.http}/ready`);
  return { status: response.status, body: await response.json() };
}

const seen = (page, predicate) => page.states.some(predicate);

describe('bad days', () => {
  let postgres;
  let redis;
  let database = 0;
  async function freshDatabase() {
    const name = `faults_${++database}`;
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    return postgres.url.replace(/\/postgres$/, `/${name}`);
  }

  before(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    await pageModule();
  });

  it('PostgreSQL stopped while pages write: a page that opens the room waits (storage-unavailable), /ready says so, /health does not; all heal when it is back', async (t) => {
    const env = { DATABASE_URL: await freshDatabase() };
    const server = await startServer({ env });
    const room = 'pg-borte';
    const jwt = await token({ room });
    const writers = await Promise.all(['kari', 'ola'].map((name) => openPage({ urls: [server.url], room, token: jwt, name })));
    // Per votes: a token with a `sub`, so the server records whose Yjs client cast each vote.
    const voter = await openPage({ urls: [server.url], room, token: await token({ room, name: 'Per', sub: 'per' }), name: 'per' });
    await waitFor(() => [...writers, voter].every((page) => page.connected()), { what: 'the writers to connect' });
    const stop = keepWriting(writers);
    let late;
    try {
      await waitFor(() => writers.every((page) => page.written.length >= 3), { what: 'some notes before the outage' });
      await postgres.stop();
      const stoppedAt = Date.now();
      // A page that opens a room not loaded here now: told to wait, not refused; it writes on its own copy meanwhile.
      late = await openPage({ urls: [server.url], room: `${room}-2`, token: await token({ room: `${room}-2` }), name: 'sen' });
      await waitFor(() => seen(late, (state) => state.status === 'offline' && state.reason === 'storage-unavailable'), { what: 'the late page to wait' });
      late.write();
      const refusal = await server.waitForLine(/ refuse .*reason=storage-unavailable/);
      assert.match(refusal, /failed=postgres/, 'the log names what failed');
      assert.match(refusal, /error=/);
      assert.ok(!server.lines.some((line) => / refuse .*reason=(permission-denied|server-error)/.test(line)), 'no refusal names the wrong cause');
      const notReady = await waitFor(async () => {
        const answer = await ready(server);
        return answer.status === 503 && answer;
      }, { what: '/ready to say 503' });
      assert.deepEqual(notReady.body.failing, ['storage']);
      assert.equal(notReady.body.storage.kind, 'postgres');
      assert.equal((await fetch(`${server.http}/health`)).status, 200, '/health: the process lives');
      // The writers already in the room go on: the room is loaded here, so the failing deletion check does not hold them up.
      // A vote while the storage is away: applied all the same, its record stored once the storage is back.
      await waitFor(() => voter.doc.getMap('notes').has(writers[0].written[0]), { what: 'the voter to see a note' });
      voter.doc.getMap('notes').get(writers[0].written[0]).get('votes').set('per', true);
      await server.waitForLine(/ error during=vote-record /);
      await waitFor(() => Date.now() - stoppedAt > 3000, { what: 'some writing during the outage' });
      assert.ok([...writers, voter].every((page) => page.connected()), 'people already in the room keep working, voting too');
      await postgres.start();
      const back = Date.now();
      await waitFor(() => late.connected(), { timeout: 60_000, what: 'the late page to heal' });
      t.diagnostic(`the page that waited connected ${Date.now() - back} ms after PostgreSQL was back`);
      assert.ok(!seen(late, (state) => state.status === 'refused' || state.status === 'unauthorized'), 'never refused');
    } finally {
      stop();
    }
    const notes = await converged(writers);
    const lateNotes = await converged([late]);
    assert.equal(Object.keys(lateNotes).length, late.written.length);
    assert.deepEqual(await serverNotes(server, room), notes);
    assert.deepEqual(await serverNotes(server, `${room}-2`), lateNotes);
    assert.equal(await server.stop(), 0);
    assert.deepEqual(await storedNotes(env.DATABASE_URL, room), notes, 'everything is stored');
    assert.deepEqual(await storedNotes(env.DATABASE_URL, `${room}-2`), lateNotes);
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query('SELECT sub FROM vote_clients WHERE name = $1', [room]).finally(() => client.end());
    assert.deepEqual(rows.map((row) => row.sub), ['per'], 'the vote cast during the outage has its record');
    voter.close();
  });

  it('a start with an unreachable REDIS_URL stops with a message naming it', async () => {
    const port = await freePort();
    const started = Date.now();
    const result = await run([], { env: { REDIS_URL: `redis://127.0.0.1:${port}`, DATA_DIR: tempDir(), COLLAB_SECRET: SECRET, HOST: '127.0.0.1', PORT: '0' } });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Redis at REDIS_URL \(redis:\/\/127\.0\.0\.1:\d+\) could not be reached within 10 s .*ECONNREFUSED/);
    assert.ok(Date.now() - started < 30_000);
  });

  it('Redis stopped while pages on two instances write: /ready names Redis, /health does not; both sides hold every change after', async () => {
    const env = { REDIS_URL: redis.url, DATABASE_URL: await freshDatabase() };
    const [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
    const room = 'redis-borte';
    const jwt = await token({ room });
    const list = await Promise.all([
      openPage({ urls: [a.url], room, token: jwt, name: 'kari' }),
      openPage({ urls: [b.url], room, token: jwt, name: 'ola' }),
    ]);
    await waitFor(() => list.every((page) => page.connected()), { what: 'both pages to connect' });
    const stop = keepWriting(list);
    try {
      await waitFor(() => list.every((page) => page.written.length >= 3), { what: 'some notes before the outage' });
      await redis.stop();
      for (const server of [a, b]) {
        const answer = await waitFor(async () => {
          const now = await ready(server);
          return now.status === 503 && now;
        }, { what: '/ready to say 503' });
        assert.deepEqual(answer.body.failing, ['redis']);
        assert.equal((await fetch(`${server.http}/health`)).status, 200);
      }
      const during = list.map((page) => page.written.length);
      // A page that opens the room on B now is served at once (nobody waits on Redis) and writes too.
      const late = await openPage({ urls: [b.url], room, token: jwt, name: 'sen' });
      await waitFor(() => late.connected(), { what: 'a page opened during the outage to connect' });
      list.push(late);
      late.write();
      await waitFor(() => list.slice(0, 2).every((page, index) => page.written.length >= during[index] + 10), { what: 'writing during the outage' });
      assert.ok(list.every((page) => page.connected()), 'each page goes on with its own instance');
      await redis.start();
      await waitFor(async () => (await ready(a)).status === 200 && (await ready(b)).status === 200, { what: '/ready to say 200 again' });
    } finally {
      stop();
    }
    const notes = await converged(list);
    assert.deepEqual(await serverNotes(a, room), notes);
    assert.deepEqual(await serverNotes(b, room), notes);
    assert.deepEqual(await Promise.all([a.stop(), b.stop()]), [0, 0]);
    assert.deepEqual(await storedNotes(env.DATABASE_URL, room), notes);
  });

  it('kill -9 of an instance during saves: its pages move to the other, presence is complete again within seconds, nothing is lost', async (t) => {
    const env = { REDIS_URL: redis.url, DATABASE_URL: await freshDatabase() };
    const [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
    // Pages order the addresses by room (src/collab/room-order.ts): a room that meets on A, the instance killed.
    let room = 'krasj';
    for (let n = 1; roomOrder([a.url, b.url], room)[0] !== a.url; n++) room = `krasj-${n}`;
    const jwt = await token({ room });
    const names = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'];
    const list = await Promise.all(names.map((name) => openPage({ urls: name.startsWith('a') ? [a.url, b.url] : [b.url, a.url], room, token: jwt, name })));
    const complete = () => list.every((page) => page.connected() && names.every((name) => page.connection.presence.some((entry) => entry.id === name)));
    await waitFor(complete, { what: 'everyone to see everyone' });
    const stop = keepWriting(list, 100);
    let killedAt;
    try {
      // Saves are due every second: wait for one, then kill while the next ones are being written.
      await a.waitForLine(/ connect /);
      await waitFor(async () => Object.keys(await storedNotes(env.DATABASE_URL, room)).length > 5, { what: 'saves to PostgreSQL' });
      await a.kill9();
      killedAt = Date.now();
      await waitFor(() => list.some((page) => !page.connected()), { what: 'A\'s pages to notice' });
      await waitFor(() => list.every((page) => page.connected()), { timeout: 60_000, what: 'every page to be connected again' });
      const connectedAfter = Date.now() - killedAt;
      const debug = process.env.DEBUG_PRESENCE ? setInterval(() => {
        console.log(Date.now() - killedAt, list.map((page) => `${page.name}:${page.connected() ? 'c' : '-'}[${names.filter((name) => !page.connection.presence.some((entry) => entry.id === name)).join(',')}]`).join(' '));
      }, 500) : undefined;
      await waitFor(complete, { timeout: 60_000, what: 'presence to be complete again' });
      clearInterval(debug);
      const presenceAfter = Date.now() - killedAt;
      t.diagnostic(`after kill -9 of one instance, every page was connected again after ${connectedAfter} ms`);
      t.diagnostic(`after kill -9 of one instance, every page saw all ${names.length} people again after ${presenceAfter} ms`);
      assert.ok(presenceAfter - connectedAfter < 2000, `presence complete as soon as the pages are back (${presenceAfter - connectedAfter} ms later)`);
      assert.ok(presenceAfter < 10_000, `presence complete within 10 s (${presenceAfter} ms)`);
    } finally {
      stop();
    }
    const notes = await converged(list);
    assert.deepEqual(await serverNotes(b, room), notes);
    assert.equal(await b.stop(), 0);
    assert.deepEqual(await storedNotes(env.DATABASE_URL, room), notes, 'every change is stored, also those A had not saved');
  });

  it('the data folder\'s disk full while pages write: saves are retried, the room stays loaded, /ready says so; freed, everything is saved', async (t) => {
    const dataDir = tempDir();
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dataDir]);
    if (mounted.status !== 0) {
      t.skip(`mounting a small tmpfs is not permitted here (${String(mounted.stderr).trim() || `exit ${mounted.status}`}): run as root to test a full disk`);
      return;
    }
    try {
      const server = await startServer({ dataDir });
      const room = 'full-disk';
      const jwt = await token({ room });
      const list = await Promise.all(['kari', 'ola'].map((name) => openPage({ urls: [server.url], room, token: jwt, name })));
      await waitFor(() => list.every((page) => page.connected()), { what: 'the pages to connect' });
      const stop = keepWriting(list);
      try {
        await waitFor(() => list.every((page) => page.written.length >= 3), { what: 'some notes first' });
        // Fill the disk to the last byte.
        const filler = join(dataDir, 'filler');
        const chunk = Buffer.alloc(64 * 1024, 1);
        let size = 0;
        for (;;) {
          try {
            writeFileSync(filler, chunk, { flag: 'a' });
            size += chunk.length;
          } catch (error) {
            if (error.code !== 'ENOSPC') throw error;
            break;
          }
        }
        const tiny = Buffer.alloc(1024, 1);
        for (;;) {
          try {
            writeFileSync(filler, tiny, { flag: 'a' });
          } catch {
            break;
          }
        }
        await server.waitForLine(/ error during=save room=full-disk/);
        const answer = await waitFor(async () => {
          const now = await ready(server);
          return now.status === 503 && now;
        }, { what: '/ready to say 503' });
        assert.equal(answer.body.storage.state, 'saves-failing');
        const during = list.map((page) => page.written.length);
        await waitFor(() => list.every((page, index) => page.written.length >= during[index] + 10), { what: 'writing on a full disk' });
        assert.ok(list.every((page) => page.connected()), 'the pages stay connected');
        rmSync(filler);
        t.diagnostic(`filled ${size} bytes`);
      } finally {
        stop();
      }
      await server.waitForLine(/ save room=full-disk retried=/);
      const notes = await converged(list);
      assert.deepEqual(await serverNotes(server, room), notes);
      await waitFor(async () => (await ready(server)).status === 200, { what: '/ready to say 200 again' });
      for (const page of list) page.close();
      assert.equal(await server.stop(), 0);
      const stored = await run(['rooms', 'export', room], { env: { DATA_DIR: dataDir, COLLAB_SECRET: SECRET } });
      assert.equal(stored.code, 0, stored.stderr);
      assert.deepEqual(Object.fromEntries(Object.entries(JSON.parse(stored.stdout).content.notes).map(([id, note]) => [id, note.text])), notes);
    } finally {
      spawnSync('umount', ['-l', dataDir]);
    }
  });

  it('one instance\'s clock a minute ahead (libfaketime): pages on both instances write, and both hold every change', async (t) => {
    const libfaketime = () => ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1'].find((file) => existsSync(file));
    try {
      ensureInstalled('libfaketime', ['faketime'], () => Boolean(libfaketime()));
    } catch (error) {
      t.skip(error.message);
      return;
    }
    const lib = libfaketime();
    const env = { REDIS_URL: redis.url, DATABASE_URL: await freshDatabase() };
    const [a, b] = await Promise.all([startServer({ env: { ...env, LD_PRELOAD: lib, FAKETIME: '+60s', FAKETIME_DONT_FAKE_MONOTONIC: '1' } }), startServer({ env })]);
    const room = 'klokke';
    const jwt = await token({ room });
    const list = await Promise.all([
      openPage({ urls: [a.url], room, token: jwt, name: 'kari' }),
      openPage({ urls: [b.url], room, token: jwt, name: 'ola' }),
    ]);
    await waitFor(() => list.every((page) => page.connected() && page.connection.sessionSynced), { what: 'both pages to connect' });
    // The clock really is off: the session clock of the page on A (the server's time, sent on joining the
    // session document) is a minute ahead of the one on B.
    const skewOf = () => list[0].connection.clockOffset - list[1].connection.clockOffset;
    await waitFor(() => Math.abs(skewOf() - 60_000) < 5000, { what: `the pages to read the servers' clocks (skew now ${skewOf()} ms)` }).catch(() => {});
    const skew = skewOf();
    t.diagnostic(`the page on the fast instance reads its clock ${Math.round(skew / 1000)} s ahead`);
    assert.ok(Math.abs(skew - 60_000) < 5000, `clock skew ${skew} ms`);
    const stop = keepWriting(list);
    await waitFor(() => list.every((page) => page.written.length >= 20), { what: 'notes from both' });
    stop();
    const notes = await converged(list);
    assert.deepEqual(await serverNotes(a, room), notes);
    assert.deepEqual(await serverNotes(b, room), notes);
    assert.deepEqual(await Promise.all([a.stop(), b.stop()]), [0, 0]);
    assert.deepEqual(await storedNotes(env.DATABASE_URL, room), notes);
  });

  it('SIGTERM while PostgreSQL is slow (the room\'s lock held for 3 s): the stop waits and saves everything first', async () => {
    const env = { DATABASE_URL: await freshDatabase() };
    const server = await startServer({ env });
    const room = 'treg';
    const page = await openPage({ urls: [server.url], room, token: await token({ room }), name: 'kari' });
    await waitFor(() => page.connected(), { what: 'the page to connect' });
    for (let index = 0; index < 20; index += 1) page.write();
    await converged([page]);
    await waitFor(async () => Object.keys(await storedNotes(env.DATABASE_URL, room)).length === 20, { what: 'the first save' });
    // A save takes the room's advisory lock (storage-postgres.ts): hold it, so the next save waits.
    const blocker = new pg.Client({ connectionString: env.DATABASE_URL });
    await blocker.connect();
    await blocker.query('SELECT pg_advisory_lock($1, hashtext($2))', [0x6775, room]);
    for (let index = 0; index < 20; index += 1) page.write();
    await converged([page]);
    const stopping = server.stop();
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 3000)); // the slowness itself, not a wait for a condition
    await blocker.query('SELECT pg_advisory_unlock($1, hashtext($2))', [0x6775, room]);
    await blocker.end();
    assert.equal(await stopping, 0);
    assert.ok(Date.now() - started >= 2900);
    assert.ok(!server.lines.some((line) => /failedSaves=/.test(line)), server.lines.join('\n'));
    assert.deepEqual(await storedNotes(env.DATABASE_URL, room), page.notes());
    assert.equal(Object.keys(page.notes()).length, 40);
  });

  it('a restart of the server: 500 pages reconnect spread out, not in the same 100 ms', async (t) => {
    // All pages come from one address here, as a kommune's staff behind one egress address do.
    const env = { MAX_CONNECTIONS_PER_ADDRESS: '2000', MAX_UNADMITTED_PER_ADDRESS: '500' };
    const server = await startServer({ env });
    const count = Number(process.env.STORM_PAGES ?? 500);
    const processes = 5;
    const events = { attempt: [], close: [] };
    const connected = new Array(processes).fill(0);
    const children = [];
    for (let index = 0; index < processes; index += 1) {
      const child = spawn(process.execPath, [STORM_PAGES, server.url, String(count / processes), String((index * count) / processes), SECRET], { stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(child);
      let partial = '';
      child.stdout.on('data', (chunk) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop();
        for (const line of lines) {
          const [kind, value] = line.split(' ');
          if (kind === 'connected') connected[index] = Number(value);
          else if (events[kind]) events[kind].push(Number(value));
        }
      });
    }
    try {
      const total = () => connected.reduce((sum, each) => sum + each, 0);
      await waitFor(() => total() === count, { timeout: 150_000, what: `all ${count} pages to connect` });
      const { RECONNECT } = await pageModule();

      const stopAt = Date.now();
      events.attempt.length = 0;
      await server.stop();
      const restarted = await startServer({ dataDir: server.dataDir, port: server.port, env });
      await waitFor(() => total() === count, { timeout: 180_000, what: `every page to reconnect (${total()} of ${count} now)` });
      // From the moment the pages saw their sockets close (SIGTERM closes them before the saves and the exit).
      const closedAt = Math.min(...events.close.filter((at) => at >= stopAt));
      const healedAfter = Date.now() - closedAt;

      const times = events.attempt.map((at) => at - closedAt).sort((x, y) => x - y);
      let busiest = 0;
      for (let start = 0, end = 0; end < times.length; end += 1) {
        while (times[end] - times[start] >= 100) start += 1;
        busiest = Math.max(busiest, end - start + 1);
      }
      t.diagnostic(`${count} pages in ${processes} processes, ${times.length} connection attempts after the restart: first at ${times[0]} ms, median ${times[Math.floor(times.length / 2)]} ms, last at ${times.at(-1)} ms after the close`);
      t.diagnostic(`busiest 100 ms held ${busiest} attempts (${((100 * busiest) / count).toFixed(1)} % of the pages); every page synced again ${healedAfter} ms after the close`);
      assert.ok(busiest <= count * 0.1, `at most a tenth of the pages in any 100 ms (${busiest})`);
      assert.ok(times[0] >= RECONNECT.delay - 100, `nobody reconnects at once (first after ${times[0]} ms)`);
      assert.ok(times.at(-1) - times[0] >= RECONNECT.spreadMs * 0.8, 'the attempts spread over the spread');
      for (const child of children) child.kill('SIGTERM');
      assert.equal(await restarted.stop(), 0);
    } finally {
      for (const child of children) child.kill('SIGKILL');
    }
  });
});
