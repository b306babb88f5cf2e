// The one room service as the operator meets it: the CLI never makes an empty database, an
// offline delete takes the session document with it, saves append instead of rewriting,
// snapshots restore a room to a chosen time, data written by 0.1.0 opens, and SQLite moves to
// PostgreSQL with every room and every remembered deletion.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { addNote, connect, noteText, run, SECRET, startServer, storedRoom, tempDir, token, waitFor } from './helpers.mjs';
import { startPostgres, stopServices } from './services.mjs';

const FIXTURE = fileURLToPath(new URL('./fixtures/server-0.1.0/rooms.sqlite', import.meta.url));
const cli = (dataDir, args, env = {}) => run(['rooms', ...args], { env: { DATA_DIR: dataDir, COLLAB_SECRET: SECRET, ...env } });
const notesOf = (doc) => Object.fromEntries([...doc.getMap('notes')].map(([id, note]) => [id, note.get('text')]));
const metric = async (server, name) => Number(new RegExp(`^innovasjonsguide_${name} (\\d+)$`, 'm').exec(await (await fetch(`${server.http}/metrics`)).text())[1]);

after(stopServices);

describe('the operator’s CLI', () => {
  it('read commands never create a database: a missing DATA_DIR or file is an error naming the path', async () => {
    const missing = join(tempDir(), 'finnes-ikke');
    const listed = await cli(missing, ['list']);
    assert.equal(listed.code, 1);
    assert.match(listed.stderr, new RegExp(`DATA_DIR ${missing} does not exist`));
    assert.equal(existsSync(missing), false, 'no folder was made');

    const empty = tempDir();
    for (const args of [['list'], ['export', 'rom'], ['snapshots', 'rom']]) {
      const answer = await cli(empty, args);
      assert.equal(answer.code, 1, args.join(' '));
      assert.match(answer.stderr, /There is no room database at .*rooms\.sqlite/);
    }
    assert.equal(existsSync(join(empty, 'rooms.sqlite')), false, 'no database was made');
  });

  it('rooms delete with the server stopped erases the session document too, and retention never finds it again', async () => {
    const server = await startServer();
    const room = connect(server, { room: 'okt', token: await token({ room: 'okt' }) });
    const session = connect(server, { room: 'okt/session', token: await token({ room: 'okt', role: 'facilitator', sub: 'leder' }), awareness: null });
    await Promise.all([room.waitSynced(), session.waitSynced()]);
    addNote(room.doc, 'n1', 'Lapp');
    session.doc.getMap('session').set('phase', 'write');
    await Promise.all([room.waitSynced(), session.waitSynced()]);
    room.destroy();
    session.destroy();
    assert.equal(await server.stop(), 0);
    assert.match((await cli(server.dataDir, ['list'])).stdout, /^okt\t\d+ bytes/m);

    const deleted = await cli(server.dataDir, ['delete', 'okt']);
    assert.equal(deleted.code, 0, deleted.stderr);
    const listed = await cli(server.dataDir, ['list']);
    assert.equal(listed.stdout, 'No rooms.\nDeleted (remembered so no copy can bring them back): okt\n');
    const db = new DatabaseSync(join(server.dataDir, 'rooms.sqlite'), { readOnly: true });
    for (const table of ['documents', 'updates', 'rooms', 'snapshots']) {
      assert.deepEqual(db.prepare(`SELECT name FROM ${table}`).all(), [], `${table} is empty`);
    }
    assert.deepEqual(db.prepare('SELECT name FROM deleted_rooms ORDER BY name').all().map((row) => row.name), ['okt', 'okt/session']);
    db.close();

    const restarted = await startServer({ dataDir: server.dataDir });
    const again = connect(restarted, { room: 'okt/session', token: await token({ room: 'okt', role: 'facilitator', sub: 'leder' }), awareness: null });
    assert.equal(await again.waitRefused(), 'room-deleted');
    again.destroy();
    assert.equal(await restarted.stop(), 0);
  });

  it('rooms reuse lets a deleted name be used again as a new generation; copies of the deleted room stay refused', async () => {
    const server = await startServer();
    const jwt = await token({ room: 'gjenbruk' });
    const old = connect(server, { room: 'gjenbruk', token: jwt });
    await old.waitSynced();
    addNote(old.doc, 'gammel', 'Fra før slettingen');
    await old.waitSynced();
    const oldCopy = Y.encodeStateAsUpdate(old.doc);
    old.destroy();
    assert.equal((await cli(server.dataDir, ['delete', 'gjenbruk'])).code, 0);
    const early = await cli(server.dataDir, ['reuse', 'ikke-slettet']);
    assert.equal(early.code, 1);
    assert.match(early.stderr, /only a deleted name can be used again/);

    const reused = await cli(server.dataDir, ['reuse', 'gjenbruk']);
    assert.equal(reused.code, 0, reused.stderr);
    assert.match(reused.stdout, /can be used again, as generation 2/);
    const fresh = connect(server, { room: 'gjenbruk', token: jwt });
    await fresh.waitSynced();
    assert.deepEqual(notesOf(fresh.doc), {}, 'the new generation starts empty');
    addNote(fresh.doc, 'ny', 'Ny generasjon');
    await fresh.waitSynced();

    // A device that kept the deleted room's copy comes back with it.
    const stale = new Y.Doc();
    Y.applyUpdate(stale, oldCopy);
    const returning = connect(server, { room: 'gjenbruk', token: jwt, doc: stale });
    await waitFor(() => returning.closeReasons.includes('room-deleted'), { what: 'the old copy to be refused' });
    returning.destroy();
    assert.deepEqual(notesOf(fresh.doc), { ny: 'Ny generasjon' }, 'nothing of the old copy reached the room');
    fresh.destroy();
    assert.equal(await server.stop(), 0);
  });

  it('rooms backup writes a file only the service user can read', async () => {
    const server = await startServer();
    const writer = connect(server, { room: 'sikker', token: await token({ room: 'sikker' }) });
    await writer.waitSynced();
    addNote(writer.doc, 'n1', 'Tekst');
    await writer.waitSynced();
    writer.destroy();
    const file = join(tempDir(), 'kopi.sqlite');
    const backup = await cli(server.dataDir, ['backup', file]);
    assert.equal(backup.code, 0, backup.stderr);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(server.dataDir).mode & 0o777, 0o700);
    assert.equal(await server.stop(), 0);
  });
});

describe('storage', () => {
  it('a small change to a large room appends its own bytes, not the room', async () => {
    const server = await startServer();
    const writer = connect(server, { room: 'stor', token: await token({ room: 'stor' }) });
    await writer.waitSynced();
    // About 1 MB of notes, then a pause so its save is done.
    const text = 'x'.repeat(1900);
    writer.doc.transact(() => {
      for (let index = 0; index < 500; index += 1) addNote(writer.doc, `n${index}`, `${index} ${text}`);
    });
    await writer.waitSynced();
    await waitFor(async () => (await metric(server, 'storage_written_bytes_total')) > 900_000, { what: 'the large save' });
    const size = Y.encodeStateAsUpdate(writer.doc).length;
    const before = await metric(server, 'storage_written_bytes_total');
    for (let index = 0; index < 10; index += 1) {
      writer.doc.getMap('notes').get('n1').set('text', `Endret ${index}`);
      await writer.waitSynced();
      // One save per change: each is on disk before the next is made.
      await waitFor(async () => noteText(await storedRoom(server.dataDir, 'stor'), 'n1') === `Endret ${index}`, { what: `change ${index} on disk` });
    }
    const written = (await metric(server, 'storage_written_bytes_total')) - before;
    process.stdout.write(`# 10 changes of a few bytes in a ${size}-byte room wrote ${written} bytes (the room rewritten each time would be ${10 * size})\n`);
    assert.ok(written < size / 10, `wrote ${written} bytes for 10 small changes in a ${size}-byte room`);
    writer.destroy();
    assert.equal(await server.stop(), 0);
  });

  it('snapshots: a room restored to a chosen time, with its pages following, while the server runs and while it is stopped', async () => {
    const server = await startServer({ env: { SNAPSHOT_INTERVAL_MINUTES: '0.01' } }); // a snapshot every 600 ms of changes
    const writer = connect(server, { room: 'angre', token: await token({ room: 'angre' }) });
    await writer.waitSynced();
    addNote(writer.doc, 'a', 'Før uhellet');
    await writer.waitSynced();
    let listed;
    await waitFor(async () => {
      listed = await cli(server.dataDir, ['snapshots', 'angre']);
      return /^\d{4}-\d\d-\d\dT[\d:]+Z\t\d+ bytes$/m.test(listed.stdout);
    }, { what: 'a snapshot' });
    const goodTime = new Date().toISOString();
    writer.doc.transact(() => {
      writer.doc.getMap('notes').delete('a');
      addNote(writer.doc, 'b', 'Etter uhellet');
    });
    await writer.waitSynced();
    await waitFor(async () => notesOf(await storedRoom(server.dataDir, 'angre')).b, { what: 'the accident on disk' });

    const restored = await cli(server.dataDir, ['restore', 'angre', '--at', goodTime]);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /^Restored room angre to its snapshot of /);
    await waitFor(() => JSON.stringify(notesOf(writer.doc)) === JSON.stringify({ a: 'Før uhellet' }), { what: 'the page to follow the restore' });
    await writer.waitSynced();
    writer.destroy();
    assert.equal(await server.stop(), 0);
    assert.deepEqual(notesOf(await storedRoom(server.dataDir, 'angre')), { a: 'Før uhellet' });

    const tooEarly = await cli(server.dataDir, ['restore', 'angre', '--at', '2020-01-01T00:00:00Z']);
    assert.equal(tooEarly.code, 1);
    assert.match(tooEarly.stderr, /no snapshot taken at or before 2020-01-01/);
  });
});

describe('upgrading', () => {
  it('opens data written by the 0.1.0 server: rooms, session documents and remembered deletions', async () => {
    const dataDir = tempDir();
    copyFileSync(FIXTURE, join(dataDir, 'rooms.sqlite'));
    const server = await startServer({ dataDir });
    const reader = connect(server, { room: 'fra-0-1-0', token: await token({ room: 'fra-0-1-0' }) });
    await reader.waitSynced();
    assert.deepEqual(notesOf(reader.doc), { n1: 'Skrevet med 0.1.0', n2: 'Æ, ø og å' });
    assert.equal(reader.doc.getMap('actions').get('a1').get('what'), 'Ring rådmannen');
    const session = connect(server, { room: 'fra-0-1-0/session', token: await token({ room: 'fra-0-1-0' }), awareness: null });
    await session.waitSynced();
    assert.equal(session.doc.getMap('session').get('phase'), 'vote');
    const deleted = connect(server, { room: 'slettet-i-0-1-0', token: await token({ room: 'slettet-i-0-1-0' }) });
    assert.equal(await deleted.waitRefused(), 'room-deleted');
    for (const client of [reader, session, deleted]) client.destroy();
    assert.equal(await server.stop(), 0);
    const db = new DatabaseSync(join(dataDir, 'rooms.sqlite'), { readOnly: true });
    assert.equal(db.prepare('SELECT version FROM schema_version').get().version, 3);
    db.close();
  });
});

describe('from SQLite to PostgreSQL', () => {
  it('rooms migrate copies every room and every deletion, can run twice, and a server on PostgreSQL beside an unmigrated file says so', async () => {
    const postgres = await startPostgres();
    const databaseUrl = postgres.url;
    const dataDir = tempDir();
    copyFileSync(FIXTURE, join(dataDir, 'rooms.sqlite'));
    // A room written by this version too, with its snapshot.
    const sqliteServer = await startServer({ dataDir });
    const writer = connect(sqliteServer, { room: 'ny', token: await token({ room: 'ny' }) });
    await writer.waitSynced();
    addNote(writer.doc, 'x', 'Skrevet i SQLite');
    await writer.waitSynced();
    writer.destroy();
    assert.equal(await sqliteServer.stop(), 0);

    // Started on PostgreSQL before migrating: it warns, loudly.
    const early = await startServer({ dataDir, env: { DATABASE_URL: databaseUrl } });
    await early.waitForLine(/ warning unmigrated=/);
    assert.match(early.stderr, /holds 2 rooms and 1 remembered deletions that were never copied/);
    assert.equal(await early.stop(), 0);

    for (const attempt of [1, 2]) {
      const migrated = await cli(dataDir, ['migrate'], { DATABASE_URL: databaseUrl });
      assert.equal(migrated.code, 0, `run ${attempt}: ${migrated.stderr}`);
      assert.match(migrated.stdout, /^Copied 3 rooms and session documents, \d+ snapshots and 1 remembered deletions of rooms/);
    }

    const server = await startServer({ dataDir, env: { DATABASE_URL: databaseUrl } });
    assert.ok(!server.lines.some((line) => / warning unmigrated=/.test(line)), 'no warning once migrated');
    const old = connect(server, { room: 'fra-0-1-0', token: await token({ room: 'fra-0-1-0' }) });
    const fresh = connect(server, { room: 'ny', token: await token({ room: 'ny' }) });
    await Promise.all([old.waitSynced(), fresh.waitSynced()]);
    assert.deepEqual(notesOf(old.doc), { n1: 'Skrevet med 0.1.0', n2: 'Æ, ø og å' });
    assert.deepEqual(notesOf(fresh.doc), { x: 'Skrevet i SQLite' }, 'merged once, although migrated twice');
    const gone = connect(server, { room: 'slettet-i-0-1-0', token: await token({ room: 'slettet-i-0-1-0' }) });
    assert.equal(await gone.waitRefused(), 'room-deleted', 'a room deleted in the SQLite era stays deleted');
    for (const client of [old, fresh, gone]) client.destroy();
    const listed = await cli(dataDir, ['list'], { DATABASE_URL: databaseUrl });
    assert.match(listed.stdout, /^fra-0-1-0\t/m);
    assert.match(listed.stdout, /^ny\t/m);
    assert.match(listed.stdout, /^Deleted .*: slettet-i-0-1-0$/m);
    assert.equal(await server.stop(), 0);
  });

  it('rooms migrate without DATABASE_URL refuses and names it', async () => {
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    copyFileSync(FIXTURE, join(dataDir, 'rooms.sqlite'));
    const answer = await cli(dataDir, ['migrate']);
    assert.equal(answer.code, 1);
    assert.match(answer.stderr, /set DATABASE_URL too/);
  });
});
