import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import * as Y from 'yjs';
import { addNote, connect, exportRoom, noteText, rawClient, startServer, storedRoom, token, updateMessage, waitFor } from './helpers.mjs';

const storedDoc = storedRoom;

const content = (doc) => Object.fromEntries(['meta', 'notes', 'actions', 'participants', 'deleted'].map((root) => [root, doc.getMap(root).toJSON()]));

it('stop and restart on the same data keeps everything, also a change made just before the stop', async () => {
  const server = await startServer();
  const jwt = await token({ room: 'varig' });
  const writer = connect(server, { room: 'varig', token: jwt });
  await writer.waitSynced();
  writer.doc.transact(() => {
    writer.doc.getMap('meta').set('schema', 1);
    writer.doc.getMap('participants').set('p1', new Y.Map([['id', 'p1'], ['name', 'Kari']]));
    const action = new Y.Map([['id', 'a1'], ['step', 2], ['what', 'Ring rådmannen'], ['done', false]]);
    writer.doc.getMap('actions').set('a1', action);
    writer.doc.getMap('deleted').set('gammel', '2026-01-01T00:00:00.000Z');
  });
  addNote(writer.doc, 'n1', 'Første lapp');
  writer.doc.getMap('notes').get('n1').get('votes').set('p1', true);
  addNote(writer.doc, 'n2', 'Rett før stopp');
  await writer.waitSynced();
  const before = content(writer.doc);
  assert.equal(await server.stop(), 0); // SIGTERM while the last save is still debounced
  writer.destroy();

  const restarted = await startServer({ dataDir: server.dataDir });
  const reader = connect(restarted, { room: 'varig', token: jwt });
  await reader.waitSynced();
  assert.deepEqual(content(reader.doc), before);
  reader.destroy();
  assert.equal(await restarted.stop(), 0);
});

it('kill -9 right after a change loses it on the server until a client that holds it reconnects', async (t) => {
  const server = await startServer();
  const jwt = await token({ room: 'krasj' });
  const writer = connect(server, { room: 'krasj', token: jwt });
  await writer.waitSynced();

  // How long a change takes to reach the disk: one change, then a stream of changes.
  addNote(writer.doc, 'saved', 'Lagret');
  await writer.waitSynced();
  const acked = Date.now();
  await waitFor(async () => noteText(await storedDoc(server.dataDir, 'krasj'), 'saved'), { what: 'the first save' });
  const singleDelay = Date.now() - acked;
  const streamStart = Date.now();
  let typed = 0;
  const typing = setInterval(() => writer.doc.getMap('notes').get('saved').set('text', `Lagret ${++typed}`), 100);
  try {
    await waitFor(async () => noteText(await storedDoc(server.dataDir, 'krasj'), 'saved') !== 'Lagret', { what: 'a save during typing' });
  } finally {
    clearInterval(typing);
  }
  const streamDelay = Date.now() - streamStart;
  t.diagnostic(`a single change reached the disk ${singleDelay} ms after the server had it`);
  t.diagnostic(`during continuous typing (a change every 100 ms) the first save came after ${streamDelay} ms`);
  assert.ok(singleDelay >= 900, `saves are debounced (${singleDelay} ms)`);
  assert.ok(streamDelay < 9000, `a stream of changes is saved within the max debounce (${streamDelay} ms)`);
  await writer.waitSynced();
  await waitFor(async () => noteText(await storedDoc(server.dataDir, 'krasj'), 'saved') === noteText(writer.doc, 'saved'), { what: 'the typing to be saved' });

  addNote(writer.doc, 'lost', 'Rett før kill -9');
  await writer.waitSynced(); // the server has it in memory
  await server.kill9();
  const onDisk = await storedDoc(server.dataDir, 'krasj');
  assert.equal(noteText(onDisk, 'lost'), undefined, 'the change inside the debounce window is not on disk');
  assert.equal(noteText(onDisk, 'saved'), noteText(writer.doc, 'saved'), 'what was saved before survives');
  assert.equal((await exportRoom(server, 'krasj')).notes.lost, undefined, 'the CLI reads the disk of a killed server');

  // The same port, so the writer's provider finds the server again and sends back what it holds.
  const restarted = await startServer({ dataDir: server.dataDir, port: server.port });
  await waitFor(() => writer.synced && writer.provider.isAuthenticated, { what: 'the writer to reconnect' });
  const reader = connect(restarted, { room: 'krasj', token: jwt });
  await waitFor(() => noteText(reader.doc, 'lost') === 'Rett før kill -9', { what: 'the change to come back from the writer' });
  reader.destroy();
  writer.destroy();
  assert.equal(await restarted.stop(), 0);
  assert.equal(noteText(await storedDoc(server.dataDir, 'krasj'), 'lost'), 'Rett før kill -9');
});

it('kill -9 right after a vote: the vote comes back from another person’s page, and a vote never cast is still refused', async () => {
  const server = await startServer();
  const room = 'krasj-stemme';
  const kari = connect(server, { room, token: await token({ room, name: 'Kari', sub: 'k-1' }) });
  const ola = connect(server, { room, token: await token({ room, name: 'Ola', sub: 'o-1' }) });
  await Promise.all([kari.waitSynced(), ola.waitSynced()]);
  addNote(kari.doc, 'n1', 'Lapp');
  await waitFor(async () => noteText(await storedDoc(server.dataDir, room), 'n1'), { what: 'the note to be saved' });
  kari.doc.getMap('notes').get('n1').get('votes').set('k-1', true);
  const votesOf = (doc) => doc.getMap('notes').get('n1')?.get('votes')?.toJSON() ?? {};
  await waitFor(() => votesOf(ola.doc)['k-1'] === true, { what: 'Kari’s vote to reach Ola' });
  kari.destroy(); // Kari has gone home; only Ola's page holds her vote when the server falls
  await server.kill9();
  assert.deepEqual(votesOf(await storedDoc(server.dataDir, room)), {}, 'the vote inside the debounce window is not on disk');

  const restarted = await startServer({ dataDir: server.dataDir, port: server.port });
  await waitFor(() => ola.synced && ola.provider.isAuthenticated, { what: 'Ola’s page to reconnect' });
  const reader = connect(restarted, { room, token: await token({ room, name: 'Per', sub: 'p-1' }) });
  await waitFor(() => votesOf(reader.doc)['k-1'] === true, { what: 'Kari’s vote to come back from Ola’s page' });
  assert.deepEqual(ola.closeReasons.filter(Boolean), [], 'Ola’s page was not refused for passing on Kari’s vote');

  // A vote in Kari's name that her client never cast is refused as before, even written under her client's id.
  const forged = new Y.Doc();
  forged.clientID = kari.doc.clientID;
  Y.applyUpdate(forged, Y.encodeStateAsUpdate(reader.doc));
  const before = Y.encodeStateVector(forged);
  addNote(forged, 'n2', 'Ny');
  forged.getMap('notes').get('n2').get('votes').set('k-1', true);
  const per = rawClient(restarted);
  assert.equal(await per.authenticate(room, await token({ room, name: 'Per', sub: 'p-1' })), 'authenticated');
  per.send(updateMessage(room, Y.encodeStateAsUpdate(forged, before)));
  assert.equal(await per.closeReason(room), 'vote-not-yours');
  for (const client of [reader, ola]) client.destroy();
  assert.equal(await restarted.stop(), 0);
});
