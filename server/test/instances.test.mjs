// Several server instances: Redis carries each room's changes and presence between them,
// PostgreSQL holds the rooms for all of them (issue 14). Real redis-server and postgres
// processes on free loopback ports (test/services.mjs), started and stopped here.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import IORedis from 'ioredis';
import * as decoding from 'lib0/decoding';
import pg from 'pg';
import * as Y from 'yjs';
import { addNote, connect, health, run, SECRET, startServer, tempDir, token, waitFor } from './helpers.mjs';
import { freePort, postgresBin, startPostgres, startRedis, stopServices } from './services.mjs';

// Services stop before their folders go (helpers.mjs removes its own folders in its own hook).
after(stopServices);

/** The room as stored in PostgreSQL now (an empty document when there is no row). */
async function storedDoc(url, room) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The room's base and every update saved since (storage-postgres.ts).
    const base = await client.query('SELECT data FROM documents WHERE name = $1', [room]);
    const updates = await client.query('SELECT data FROM updates WHERE name = $1 ORDER BY seq', [room]);
    const doc = new Y.Doc();
    for (const row of [...base.rows, ...updates.rows]) Y.applyUpdate(doc, new Uint8Array(row.data));
    return doc;
  } finally {
    await client.end();
  }
}

/**
 * Everything published on a room's Redis channel from now on, as [sender, what, kind] (`what`: the
 * name the message is about, which is the room, or `~left:room` when an instance closed it; `kind`:
 * 'request' for a sync step 1, which an instance sends when it opens the room).
 */
async function listen(redis, room) {
  const client = new IORedis(redis.url, { lazyConnect: true });
  await client.connect();
  const heard = [];
  client.on('messageBuffer', (_channel, message) => {
    const end = 1 + message[0];
    const decoder = decoding.createDecoder(message.subarray(end));
    const what = decoding.readVarString(decoder);
    const request = decoder.pos < decoder.arr.length && decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 0;
    heard.push([message.toString('utf8', 1, end), what, request ? 'request' : 'other']);
  });
  await client.subscribe(`innovasjonsguide:${room}`);
  return { heard, stop: () => client.disconnect() };
}

const notesOf = (doc) => Object.fromEntries([...doc.getMap('notes')].map(([id, note]) => [id, note.get('text')]));

describe('several instances', () => {
  let redis;
  let postgres;
  let database = 0;
  /** Each test gets its own database in the one PostgreSQL cluster. */
  async function freshDatabase() {
    const name = `rooms_${++database}`;
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    return postgres.url.replace(/\/postgres$/, `/${name}`);
  }

  before(async () => {
    [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  });

  it('a person on each of two instances sees the other\'s notes and presence; a third instance opens the room from PostgreSQL', async () => {
    const env = { REDIS_URL: redis.url, DATABASE_URL: await freshDatabase() };
    const [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
    assert.match(a.lines.find((line) => / listen /.test(line)), /storage=postgres/);
    const jwt = await token({ room: 'delt' });
    const kari = connect(a, { room: 'delt', token: jwt });
    const ola = connect(b, { room: 'delt', token: jwt });
    await Promise.all([kari.waitSynced(), ola.waitSynced()]);

    addNote(kari.doc, 'fra-a', 'Skrevet på instans A');
    await waitFor(() => notesOf(ola.doc)['fra-a'] === 'Skrevet på instans A', { what: 'A\'s note on B' });
    addNote(ola.doc, 'fra-b', 'Skrevet på instans B');
    await waitFor(() => notesOf(kari.doc)['fra-b'] === 'Skrevet på instans B', { what: 'B\'s note on A' });

    kari.provider.setAwarenessField('user', { name: 'Kari' });
    await waitFor(
      () => [...ola.provider.awareness.getStates().values()].some((state) => state.user?.name === 'Kari'),
      { what: 'Kari\'s presence on B' },
    );

    await Promise.all([kari.waitSynced(), ola.waitSynced()]);
    kari.destroy();
    ola.destroy();
    assert.deepEqual(await Promise.all([a.stop(), b.stop()]), [0, 0]);

    // Any instance opens any room: a new one, with its own (empty) DATA_DIR.
    const c = await startServer({ env: { DATABASE_URL: env.DATABASE_URL } });
    const later = connect(c, { room: 'delt', token: jwt });
    await later.waitSynced();
    assert.deepEqual(notesOf(later.doc), { 'fra-a': 'Skrevet på instans A', 'fra-b': 'Skrevet på instans B' });
    later.destroy();
    assert.equal(await c.stop(), 0);
  });

  it('a room at home on one instance publishes nothing per change; once another instance opens it, changes and presence flow both ways, until it closes the room', async () => {
    const env = { REDIS_URL: redis.url, DATABASE_URL: await freshDatabase() };
    const [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
    const jwt = await token({ room: 'hjemme' });
    const olaJwt = await token({ room: 'hjemme', name: 'Ola' });
    const kari = connect(a, { room: 'hjemme', token: jwt });
    await kari.waitSynced();
    const channel = await listen(redis, 'hjemme');
    try {
      kari.provider.setAwarenessField('user', { name: 'Kari' });
      for (let i = 1; i <= 20; i++) addNote(kari.doc, `n${i}`, `Lapp ${i}`);
      await kari.waitSynced();

      // B opens the room: its request (sync step 1) is the first thing on the channel since `since`
      // (A's changes were made before it, so anything A published for them came first), and B's
      // answer holds all 20 notes.
      const joinB = async (since) => {
        const ola = connect(b, { room: 'hjemme', token: olaJwt });
        await ola.waitSynced();
        const at = await waitFor(() => 1 + channel.heard.findIndex(([, , kind], i) => i >= since && kind === 'request'), { what: 'B\'s request on the channel' });
        return { ola, bId: channel.heard[at - 1][0], aBefore: channel.heard.slice(since, at - 1) };
      };
      let { ola, bId, aBefore } = await joinB(0);
      assert.deepEqual(aBefore, [], 'A published nothing for 20 notes and a presence change while no other instance had the room');
      assert.equal(Object.keys(notesOf(ola.doc)).length, 20);
      await waitFor(() => [...ola.provider.awareness.getStates().values()].some((state) => state.user?.name === 'Kari'), { what: 'Kari\'s presence on B' });

      // Shared: both ways, at once.
      addNote(kari.doc, 'fra-a', 'Skrevet på A');
      await waitFor(() => notesOf(ola.doc)['fra-a'], { what: 'A\'s note on B' });
      addNote(ola.doc, 'fra-b', 'Skrevet på B');
      await waitFor(() => notesOf(kari.doc)['fra-b'], { what: 'B\'s note on A' });
      ola.provider.setAwarenessField('user', { name: 'Ola' });
      await waitFor(() => [...kari.provider.awareness.getStates().values()].some((state) => state.user?.name === 'Ola'), { what: 'Ola\'s presence on A' });

      // B closes the room and says so; A's changes stay home again (checked as B opens it once more).
      await waitFor(async () => {
        const from = channel.heard.length;
        ola.destroy();
        await waitFor(async () => (await health(b)).body.rooms === 0, { what: 'B to close the room' });
        await waitFor(() => channel.heard.slice(from).some(([sender, name]) => sender === bId && name === '~left:hjemme'), { what: 'B\'s notice' });
        const since = channel.heard.length;
        addNote(kari.doc, `etter-${from}`, 'Etter at B lukket rommet');
        await kari.waitSynced();
        ({ ola, bId, aBefore } = await joinB(since));
        return aBefore.length === 0 || undefined;
      }, { what: 'A to stop publishing once B closed the room' });
      assert.equal(notesOf(ola.doc)['fra-b'], 'Skrevet på B');
      assert.ok(Object.keys(notesOf(ola.doc)).some((id) => id.startsWith('etter-')));
      ola.destroy();
    } finally {
      channel.stop();
    }
    kari.destroy();
    assert.deepEqual(await Promise.all([a.stop(), b.stop()]), [0, 0]);
  });

  it('Redis restarted while people on both instances keep writing: afterwards both hold every note', async () => {
    const env = { REDIS_URL: redis.url, DATABASE_URL: await freshDatabase() };
    const [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
    const jwt = await token({ room: 'avbrudd' });
    const kari = connect(a, { room: 'avbrudd', token: jwt });
    const ola = connect(b, { room: 'avbrudd', token: jwt });
    await Promise.all([kari.waitSynced(), ola.waitSynced()]);
    addNote(kari.doc, 'for', 'Før avbruddet');
    await waitFor(() => notesOf(ola.doc).for, { what: 'the first note on B' });

    await redis.stop();
    await Promise.all([a.waitForLine(/ redis .*state=away/), b.waitForLine(/ redis .*state=away/)]);
    addNote(kari.doc, 'under-a', 'Skrevet på A uten Redis');
    addNote(ola.doc, 'under-b', 'Skrevet på B uten Redis');
    await Promise.all([kari.waitSynced(), ola.waitSynced()]); // each instance has its own person's note
    assert.equal(notesOf(kari.doc)['under-b'], undefined, 'the instances are apart while Redis is away');

    await redis.start();
    // Nobody writes after Redis is back: the instances must sync by themselves.
    const all = { for: 'Før avbruddet', 'under-a': 'Skrevet på A uten Redis', 'under-b': 'Skrevet på B uten Redis' };
    await waitFor(() => JSON.stringify(notesOf(kari.doc)) === JSON.stringify(all) || undefined, { what: 'every note on A' }).catch(() => {
      throw new Error(`A holds ${JSON.stringify(notesOf(kari.doc))}`);
    });
    await waitFor(() => Object.keys(notesOf(ola.doc)).length === 3, { what: 'every note on B' });
    assert.deepEqual(notesOf(ola.doc), all);
    assert.ok(a.lines.some((line) => / redis .*state=back/.test(line)));
    kari.destroy();
    ola.destroy();
    assert.deepEqual(await Promise.all([a.stop(), b.stop()]), [0, 0]);
  });

  it('saves of one room from two instances merge in PostgreSQL: neither overwrites the other', async () => {
    // No Redis: the two instances do not hear each other, as while Redis is away.
    const env = { DATABASE_URL: await freshDatabase() };
    const [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
    const jwt = await token({ room: 'flett' });
    const kari = connect(a, { room: 'flett', token: jwt });
    const ola = connect(b, { room: 'flett', token: jwt });
    await Promise.all([kari.waitSynced(), ola.waitSynced()]); // both loaded the (empty) room
    addNote(kari.doc, 'n-a', 'Bare på A');
    addNote(ola.doc, 'n-b', 'Bare på B');
    await Promise.all([kari.waitSynced(), ola.waitSynced()]);
    assert.equal(notesOf(kari.doc)['n-b'], undefined, 'the instances are apart');
    kari.destroy();
    ola.destroy();
    // Each stores its own state on the way out: the second save must keep the first's note.
    assert.deepEqual(await Promise.all([a.stop(), b.stop()]), [0, 0]);

    assert.deepEqual(notesOf(await storedDoc(env.DATABASE_URL, 'flett')), { 'n-a': 'Bare på A', 'n-b': 'Bare på B' });
  });

  it('PostgreSQL away for a while: a room whose save failed stays open after everyone left, and is saved when it is back', async () => {
    const env = { DATABASE_URL: await freshDatabase() };
    const server = await startServer({ env });
    const jwt = await token({ room: 'nede' });
    const writer = connect(server, { room: 'nede', token: jwt });
    await writer.waitSynced();
    addNote(writer.doc, 'n1', 'Lagret før');
    await writer.waitSynced();
    await server.waitForLine(/ connect .*room=nede/);
    await waitFor(async () => notesOf(await storedDoc(env.DATABASE_URL, 'nede')).n1, { what: 'the first note in PostgreSQL' });

    await postgres.stop();
    try {
      addNote(writer.doc, 'n2', 'Skrevet mens databasen var borte');
      await writer.waitSynced(); // the server has it in memory and said so
      writer.destroy(); // the last person leaves: the save fails
      await server.waitForLine(/ error during=save room=nede/);
      await waitFor(() => server.lines.some((line) => / disconnect .*room=nede/.test(line)), { what: 'the disconnect' });
      assert.equal((await health(server)).body.rooms, 1, 'the unsaved room stays loaded');
      const metrics = await (await fetch(`${server.http}/metrics`)).text();
      assert.match(metrics, /^innovasjonsguide_rooms_unsaved 1$/m);
      assert.match(metrics, /^innovasjonsguide_save_errors_total [1-9]\d*$/m);
    } finally {
      await postgres.start();
    }
    await server.waitForLine(/ save room=nede retried=/);
    assert.deepEqual(notesOf(await storedDoc(env.DATABASE_URL, 'nede')), { n1: 'Lagret før', n2: 'Skrevet mens databasen var borte' });
    await waitFor(async () => (await health(server)).body.rooms === 0, { what: 'the room to unload once saved' });
    assert.equal(await server.stop(), 0);
  });

  it('a room deleted through one instance is closed at once on the other, refused there, and stays deleted', async () => {
    const env = { REDIS_URL: redis.url, DATABASE_URL: await freshDatabase() };
    const [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
    const jwt = await token({ room: 'slett' });
    const writer = connect(a, { room: 'slett', token: jwt });
    const onB = connect(b, { room: 'slett', token: jwt });
    await Promise.all([writer.waitSynced(), onB.waitSynced()]);
    addNote(writer.doc, 'n1', 'Skal bort');
    await waitFor(() => notesOf(onB.doc).n1, { what: 'the note on B' });
    writer.destroy();

    const deleted = await run(['rooms', 'delete', 'slett'], { env: { DATA_DIR: a.dataDir, COLLAB_SECRET: SECRET, ...env } });
    assert.equal(deleted.code, 0, deleted.stderr);
    // The person on B is sent away now, not at their next reconnect.
    await waitFor(() => onB.closeReasons.includes('room-deleted'), { what: 'B to close the deleted room' });
    await b.waitForLine(/ delete room=slett reason=elsewhere/);
    onB.destroy();
    const late = connect(b, { room: 'slett', token: jwt });
    assert.equal(await late.waitRefused(), 'room-deleted');
    late.destroy();
    const listed = await run(['rooms', 'list'], { env: { DATA_DIR: b.dataDir, COLLAB_SECRET: SECRET, ...env } });
    assert.match(listed.stdout, /Deleted \(remembered so no copy can bring them back\): slett/);

    // The CLI on a machine with no instance deletes in the database and tells the instances through Redis.
    const other = connect(b, { room: 'slett-2', token: await token({ room: 'slett-2' }) });
    await other.waitSynced();
    const direct = await run(['rooms', 'delete', 'slett-2'], { env: { DATA_DIR: tempDir(), COLLAB_SECRET: SECRET, ...env } });
    assert.equal(direct.code, 0, direct.stderr);
    await waitFor(() => other.closeReasons.includes('room-deleted'), { what: 'B to close the room the CLI deleted' });
    other.destroy();
    assert.deepEqual(await Promise.all([a.stop(), b.stop()]), [0, 0]);
  });

  it('PostgreSQL: pg_dump, delete the room, pg_restore, and the room is back', async () => {
    const env = { DATABASE_URL: await freshDatabase() };
    const server = await startServer({ env });
    const jwt = await token({ room: 'sikret' });
    const writer = connect(server, { room: 'sikret', token: jwt });
    await writer.waitSynced();
    addNote(writer.doc, 'n1', 'Tas vare på');
    await writer.waitSynced();
    writer.destroy();
    await waitFor(async () => notesOf(await storedDoc(env.DATABASE_URL, 'sikret')).n1, { what: 'the note in PostgreSQL' });

    const file = join(tempDir(), 'rooms.dump');
    execFileSync(join(postgresBin(), 'pg_dump'), ['--format=custom', `--file=${file}`, env.DATABASE_URL]);
    const deleted = await run(['rooms', 'delete', 'sikret'], { env: { DATA_DIR: server.dataDir, COLLAB_SECRET: SECRET, ...env } });
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(await connect(server, { room: 'sikret', token: jwt }).waitRefused(), 'room-deleted');
    assert.equal(await server.stop(), 0);

    execFileSync(join(postgresBin(), 'pg_restore'), ['--clean', '--if-exists', `--dbname=${env.DATABASE_URL}`, file]);
    const restored = await startServer({ env });
    const reader = connect(restored, { room: 'sikret', token: jwt });
    await reader.waitSynced();
    assert.deepEqual(notesOf(reader.doc), { n1: 'Tas vare på' });
    reader.destroy();
    assert.equal(await restored.stop(), 0);
  });

  it('refuses to start on a DATABASE_URL that does not answer or a URL of the wrong kind, and says which', async () => {
    const port = await freePort();
    const unreachable = await run([], { env: { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/none`, DATA_DIR: '/nonexistent', COLLAB_SECRET: SECRET } });
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stderr, /PostgreSQL at DATABASE_URL could not be opened/);
    const wrong = await run([], { env: { REDIS_URL: 'http://127.0.0.1:6379', COLLAB_SECRET: SECRET } });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /REDIS_URL must start with redis: or rediss:/);
  });
});
