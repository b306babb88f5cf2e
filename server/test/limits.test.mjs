import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as Y from 'yjs';
import {
  addNote,
  awarenessMessage,
  connect,
  health,
  noteText,
  rawClient,
  startServer,
  storeLimits,
  token,
  updateMessage,
  waitFor,
} from './helpers.mjs';

/** The bytes a client would send for whatever `change` does to a fresh document. */
function updateOf(change) {
  const doc = new Y.Doc();
  change(doc);
  return Y.encodeStateAsUpdate(doc);
}

describe('a hostile or broken client', () => {
  let server;
  let limits;
  before(async () => {
    [server, limits] = await Promise.all([startServer(), storeLimits()]);
  });

  /** A raw client admitted to `room`, and an honest provider in the same room watching. */
  async function hostileAndWitness(room) {
    const jwt = await token({ room });
    const witness = connect(server, { room, token: jwt });
    await witness.waitSynced();
    const hostile = rawClient(server);
    assert.equal(await hostile.authenticate(room, jwt), 'authenticated');
    return { hostile, witness, jwt };
  }

  /** After a refusal the server still serves the room: a fresh client syncs what was accepted. */
  async function freshCopy(room, jwt) {
    const fresh = connect(server, { room, token: jwt });
    await fresh.waitSynced(60_000); // up to 10 MB on a busy machine
    fresh.destroy();
    return fresh.doc;
  }

  it('cannot create a root type outside the schema', async () => {
    const { hostile, witness, jwt } = await hostileAndWitness('rot');
    hostile.send(updateMessage('rot', updateOf((doc) => doc.getMap('evil').set('x', 'y'))));
    assert.equal(await hostile.closeReason('rot'), 'unknown-root');
    await server.waitForLine(/ refuse room=rot addr=127\.0\.0\.1 reason=unknown-root$/);
    addNote(witness.doc, 'n1', 'still works');
    const copy = await freshCopy('rot', jwt);
    assert.equal(noteText(copy, 'n1'), 'still works');
    assert.equal(copy.getMap('evil').size, 0);
    witness.destroy();
  });

  it('cannot store a string longer than the store allows, but the longest allowed one passes', async () => {
    const { hostile, witness, jwt } = await hostileAndWitness('lang');
    addNote(witness.doc, 'ok', 'x'.repeat(limits.LIMITS.noteText));
    await witness.waitSynced();
    hostile.send(updateMessage('lang', updateOf((doc) => doc.getMap('notes').set('long', 'x'.repeat(limits.LIMITS.noteText + 1)))));
    assert.equal(await hostile.closeReason('lang'), 'value-too-large');
    const copy = await freshCopy('lang', jwt);
    assert.equal(noteText(copy, 'ok').length, limits.LIMITS.noteText);
    assert.equal(copy.getMap('notes').has('long'), false);
    witness.destroy();
  });

  it('cannot add more notes than LIMITS.notes, in one update or many', async () => {
    const { hostile, witness, jwt } = await hostileAndWitness('mange');
    const notes = (from, count) => updateOf((doc) => doc.transact(() => {
      for (let index = from; index < from + count; index += 1) doc.getMap('notes').set(`n${index}`, index);
    }));
    hostile.send(updateMessage('mange', notes(0, limits.LIMITS.notes + 1)));
    assert.equal(await hostile.closeReason('mange'), 'too-many-items');
    assert.equal((await freshCopy('mange', jwt)).getMap('notes').size, 0);

    // Up to the limit is fine; one more, from an honest provider, is refused.
    const second = rawClient(server);
    assert.equal(await second.authenticate('mange', jwt), 'authenticated');
    second.send(updateMessage('mange', notes(0, limits.LIMITS.notes)));
    await waitFor(async () => (await freshCopy('mange', jwt)).getMap('notes').size === limits.LIMITS.notes, { what: 'the notes to land' });
    await witness.waitSynced();
    witness.doc.getMap('notes').set('one-too-many', 1);
    await waitFor(() => witness.closeReasons.includes('too-many-items'), { what: 'the provider to be refused' });
    assert.equal((await freshCopy('mange', jwt)).getMap('notes').size, limits.LIMITS.notes);
    witness.destroy();
  });

  it('cannot grow the document past its byte limit', async () => {
    const { hostile, witness, jwt } = await hostileAndWitness('stor');
    // Each update ~2 MB: 1000 fields of the longest string allowed, in its own note.
    const chunk = (index) => updateOf((doc) => {
      const note = new Y.Map();
      doc.getMap('notes').set(`big-${index}`, note);
      for (let field = 0; field < 1000; field += 1) note.set(`f${field}`, String(index).padEnd(limits.LIMITS.noteText, 'x'));
    });
    let refusedAt = -1;
    for (let index = 0; index < 8 && refusedAt < 0; index += 1) {
      hostile.send(updateMessage('stor', chunk(index)));
      // Wait for the answer to this update before sending the next: a sync status (8), or the refusal (7).
      const answers = () => hostile.received.filter((message) => message.type === 8 || message.type === 7);
      const count = answers().length;
      await waitFor(() => answers().length > count, { what: 'the server to answer an update' });
      if (answers().at(-1).type === 7) refusedAt = index;
    }
    assert.equal(await hostile.closeReason('stor'), 'document-too-large');
    const copy = await freshCopy('stor', jwt);
    assert.equal(copy.getMap('notes').size, refusedAt);
    assert.ok(Y.encodeStateAsUpdate(copy).length <= limits.MAX_DOCUMENT_BYTES);
    assert.ok(refusedAt >= 4, `refused only after the ~${refusedAt * 2} MB before it`);
    witness.destroy();
  });

  it('cannot send a subdocument', async () => {
    const { hostile, witness } = await hostileAndWitness('subdoc');
    hostile.send(updateMessage('subdoc', updateOf((doc) => doc.getMap('notes').set('sub', new Y.Doc()))));
    assert.equal(await hostile.closeReason('subdoc'), 'unsupported-content');
    witness.destroy();
  });

  it('cannot send an update that does not decode, and the server keeps serving', async () => {
    const { hostile, witness, jwt } = await hostileAndWitness('rot2');
    hostile.send(updateMessage('rot2', new Uint8Array([255, 255, 255, 255, 1, 2, 3])));
    assert.equal(await hostile.closeReason('rot2'), 'malformed-update');
    // Bytes that are not even a message: the socket is closed.
    const garbage = rawClient(server);
    await waitFor(() => garbage.opened, { what: 'the socket to open' });
    garbage.send(new Uint8Array([200, 200, 200, 200, 200]));
    await waitFor(() => garbage.closed, { what: 'the garbage socket to close' });
    addNote(witness.doc, 'after', 'fine');
    assert.equal(noteText(await freshCopy('rot2', jwt), 'after'), 'fine');
    assert.equal((await health(server)).status, 200);
    witness.destroy();
  });

  it('cannot broadcast an oversized awareness message', async () => {
    const { hostile, witness } = await hostileAndWitness('presence');
    hostile.send(awarenessMessage('presence', new Uint8Array(20 * 1024)));
    assert.equal(await hostile.closeReason('presence'), 'message-too-large');
    witness.destroy();
  });

  it('cannot send a WebSocket message over the message limit (closed with 1009)', async () => {
    const { hostile, witness } = await hostileAndWitness('enorm');
    hostile.send(new Uint8Array(limits.MAX_MESSAGE_BYTES + 1));
    const closed = await waitFor(() => hostile.closed, { what: 'the socket to close' });
    assert.equal(closed.code, 1009);
    await server.waitForLine(/ refuse addr=127\.0\.0\.1 reason=message-too-large$/);
    witness.destroy();
  });

  it('cannot pile up messages for a room it was not admitted to', async () => {
    const hostile = rawClient(server);
    await waitFor(() => hostile.opened, { what: 'the socket to open' });
    for (let index = 0; index < 10; index += 1) hostile.send(awarenessMessage('venter', new Uint8Array(10 * 1024)));
    const closed = await waitFor(() => hostile.closed, { what: 'the socket to close' });
    assert.equal(closed.reason, 'message-too-large');
  });

  it('may write items of the wrong shape within the limits: stored and passed on, the reader validates them', async () => {
    const { hostile, witness } = await hostileAndWitness('form');
    hostile.send(updateMessage('form', updateOf((doc) => doc.getMap('notes').set('n1', { text: 42 }))));
    await waitFor(() => witness.doc.getMap('notes').get('n1')?.text === 42, { what: 'the odd item to arrive' });
    witness.destroy();
  });
});

describe('connections per address', () => {
  it('refuses the connection over MAX_CONNECTIONS_PER_ADDRESS with 429, and ignores X-Forwarded-For from untrusted peers', async () => {
    const server = await startServer({ env: { MAX_CONNECTIONS_PER_ADDRESS: '2' } });
    const first = rawClient(server, { 'x-forwarded-for': '203.0.113.1' });
    const second = rawClient(server, { 'x-forwarded-for': '203.0.113.2' });
    await waitFor(() => first.opened && second.opened, { what: 'two sockets to open' });
    const third = rawClient(server, { 'x-forwarded-for': '203.0.113.3' });
    assert.equal(await waitFor(() => third.rejected, { what: 'the third to be refused' }), 429);
    await server.waitForLine(/ refuse addr=127\.0\.0\.1 reason=too-many-connections$/);
    first.ws.close();
    await waitFor(() => first.closed, { what: 'the first to close' });
    const again = rawClient(server);
    await waitFor(() => again.opened, { what: 'a new socket after one closed' });
    assert.equal(await server.stop(), 0);
  });

  it('counts by the forwarded address when the peer is listed in TRUST_PROXY', async () => {
    const server = await startServer({ env: { MAX_CONNECTIONS_PER_ADDRESS: '1', TRUST_PROXY: '127.0.0.1' } });
    const one = rawClient(server, { 'x-forwarded-for': '203.0.113.1' });
    const two = rawClient(server, { 'x-forwarded-for': '198.51.100.7, 203.0.113.2' });
    await waitFor(() => one.opened && two.opened, { what: 'one socket per address to open' });
    const spoofed = rawClient(server, { 'x-forwarded-for': '203.0.113.2, 203.0.113.1' });
    assert.equal(await waitFor(() => spoofed.rejected, { what: 'the second from 203.0.113.1 to be refused' }), 429);
    await server.waitForLine(/ refuse addr=203\.0\.113\.1 reason=too-many-connections$/);
    assert.equal(await server.stop(), 0);
  });
});
