import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { SignJWT } from 'jose';
import * as Y from 'yjs';
import { addNote, connect, exportRoom, health, noteText, run, SECRET, startServer, token, waitFor } from './helpers.mjs';

const cli = (server, args, secret = SECRET) => run(['rooms', ...args], { env: { DATA_DIR: server.dataDir, COLLAB_SECRET: secret } });

/** Every byte the server keeps in DATA_DIR (database, WAL), to look for erased text. */
const dataBytes = (dataDir) => Buffer.concat(readdirSync(dataDir).map((file) => readFileSync(join(dataDir, file))));

it('rooms list, export and delete work on DATA_DIR while the server is stopped; a deleted room does not come back', async () => {
  const server = await startServer();
  const jwt = await token({ room: '*' });
  const doomed = connect(server, { room: 'slett-meg', token: jwt });
  const kept = connect(server, { room: 'behold', token: jwt });
  await Promise.all([doomed.waitSynced(), kept.waitSynced()]);
  addNote(doomed.doc, 'n1', 'Unik-tekst-som-skal-slettes');
  addNote(kept.doc, 'n1', 'Blir');
  await Promise.all([doomed.waitSynced(), kept.waitSynced()]);
  // The old tab keeps its copy of the room while the server is down.
  const oldCopy = Y.encodeStateAsUpdate(doomed.doc);
  doomed.destroy();
  kept.destroy();
  assert.equal(await server.stop(), 0);

  const listed = await cli(server, ['list']);
  assert.equal(listed.code, 0);
  assert.match(listed.stdout, /^behold\t\d+ bytes\tlast activity \d{4}-/m);
  assert.match(listed.stdout, /^slett-meg\t\d+ bytes/m);
  const exported = await cli(server, ['export', 'slett-meg']);
  assert.equal(exported.code, 0);
  const json = JSON.parse(exported.stdout);
  assert.equal(json.format, 'innovasjonsguide-room-export');
  assert.equal(json.content.notes.n1.text, 'Unik-tekst-som-skal-slettes');
  assert.ok(dataBytes(server.dataDir).includes('Unik-tekst-som-skal-slettes'));

  const deleted = await cli(server, ['delete', 'slett-meg']);
  assert.equal(deleted.code, 0);
  assert.match(deleted.stdout, /Deleted room slett-meg/);
  const after = await cli(server, ['list']);
  assert.doesNotMatch(after.stdout, /^slett-meg\t/m);
  assert.match(after.stdout, /Deleted \(remembered so no copy can bring them back\): slett-meg/);
  assert.equal((await cli(server, ['export', 'slett-meg'])).code, 1);
  assert.equal(dataBytes(server.dataDir).includes('Unik-tekst-som-skal-slettes'), false, 'the text is gone from the files too');

  const restarted = await startServer({ dataDir: server.dataDir });
  const oldTab = new Y.Doc();
  Y.applyUpdate(oldTab, oldCopy);
  const returning = connect(restarted, { room: 'slett-meg', token: jwt, doc: oldTab });
  assert.equal(await returning.waitRefused(), 'room-deleted');
  returning.destroy();
  assert.equal((await exportRoom(restarted, 'slett-meg')).error, 'Room slett-meg was deleted.');
  assert.equal((await exportRoom(restarted, 'behold')).notes.n1.text, 'Blir');
  assert.equal(await restarted.stop(), 0);
  assert.equal(dataBytes(server.dataDir).includes('Unik-tekst-som-skal-slettes'), false);
});

it('deleting a room while the server runs tells its clients, and their copies cannot bring it back', async () => {
  const server = await startServer();
  const jwt = await token({ room: 'levende' });
  const kari = connect(server, { room: 'levende', token: jwt });
  const ola = connect(server, { room: 'levende', token: jwt });
  await Promise.all([kari.waitSynced(), ola.waitSynced()]);
  addNote(kari.doc, 'n1', 'Skal bort');
  await waitFor(() => noteText(ola.doc, 'n1'), { what: 'the note to reach Ola' });

  // L10: an admin token signed with COLLAB_SECRET (which the intranet backend holds) is not the admin key.
  const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setAudience('innovasjonsguide-admin').setExpirationTime('1m').sign(new TextEncoder().encode(SECRET));
  const refused = await fetch(`${server.http}/admin/rooms/levende`, { method: 'DELETE', headers: { authorization: `Bearer ${forged}` } });
  assert.equal(refused.status, 403);

  const deleted = await cli(server, ['delete', 'levende']);
  assert.equal(deleted.code, 0, deleted.stderr);
  await waitFor(() => kari.closeReasons.includes('room-deleted') && ola.closeReasons.includes('room-deleted'), {
    what: 'both clients to hear that the room is gone',
  });
  // Neither provider was destroyed (like an old tab that ignores the news): on reconnect they are refused.
  await waitFor(() => kari.failures.includes('room-deleted') && ola.failures.includes('room-deleted'), { what: 'reconnects to be refused' });
  kari.destroy();
  ola.destroy();
  await server.waitForLine(/ delete room=levende reason=operator existed=true$/);
  await waitFor(async () => (await health(server)).body.rooms === 0, { what: 'the room to leave memory' });
  assert.equal((await exportRoom(server, 'levende')).error, 'Room levende was deleted.');
  assert.doesNotMatch((await cli(server, ['list'])).stdout, /^levende\t/m);
  assert.equal(await server.stop(), 0);
  assert.equal(dataBytes(server.dataDir).includes('Skal bort'), false);
});

it(`rooms idle for RETENTION_DAYS are deleted, and remembered as deleted`, async () => {
  // 0.00003 days is about 2.6 seconds.
  const server = await startServer({ env: { RETENTION_DAYS: '0.00003' } });
  const jwt = await token({ room: 'gammel' });
  const client = connect(server, { room: 'gammel', token: jwt });
  await client.waitSynced();
  addNote(client.doc, 'n1', 'Glemmes');
  await client.waitSynced();
  client.destroy();
  await server.waitForLine(/ delete room=gammel reason=retention existed=true$/);
  const again = connect(server, { room: 'gammel', token: jwt });
  assert.equal(await again.waitRefused(), 'room-deleted');
  again.destroy();
  assert.equal(await server.stop(), 0);
  assert.equal(dataBytes(server.dataDir).includes('Glemmes'), false);
});

it('a session document whose room was never written is swept by retention too (issue 24, L3), with its snapshots', async () => {
  const server = await startServer({ env: { RETENTION_DAYS: '0.00003' } });
  // A facilitator opens only the session document: the room itself is never stored.
  const lead = connect(server, { room: 'bare-okt/session', token: await token({ room: 'bare-okt', role: 'facilitator', sub: 'leder' }), awareness: null });
  await lead.waitSynced();
  lead.doc.getMap('session').set('phase', 'write');
  await lead.waitSynced();
  lead.destroy();
  await server.waitForLine(/ delete room=bare-okt reason=retention existed=true$/);
  assert.equal(await server.stop(), 0);
  const listed = await run(['rooms', 'list'], { env: { DATA_DIR: server.dataDir, COLLAB_SECRET: SECRET } });
  assert.equal(listed.stdout, 'No rooms.\nDeleted (remembered so no copy can bring them back): bare-okt\n');
});
