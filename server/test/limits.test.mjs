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
      for (let index = from; index < from + count; index += 1) addNote(doc, `n${index}`, String(index));
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
    const chunk = (index) => updateOf((doc) => doc.transact(() => {
      for (let note = 0; note < 1000; note += 1) addNote(doc, `big-${index}-${note}`, String(index).padEnd(limits.LIMITS.noteText, 'x'));
    }));
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
    assert.equal(copy.getMap('notes').size, refusedAt * 1000, 'every update before the refused one, none of it');
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

  it('a change that comes before what it builds on is not refused: the page connects again and syncs', async () => {
    // After an instance dies, a page can send a change to a note the new instance has not seen yet.
    const { hostile: page, witness, jwt } = await hostileAndWitness('order');
    const local = new Y.Doc();
    addNote(local, 'n9', 'first');
    const before = Y.encodeStateVector(local);
    local.getMap('notes').get('n9').set('text', 'second');
    page.send(updateMessage('order', Y.encodeStateAsUpdate(local, before)));
    assert.equal(await page.closeReason('order'), 'out-of-order');
    const closed = await waitFor(() => page.closed, { what: 'the socket to close' });
    assert.deepEqual(closed, { code: 4409, reason: 'out-of-order' }, 'a code the page connects again after, not a refusal (4403)');
    assert.equal(witness.doc.getMap('notes').get('n9'), undefined, 'nothing of it applied');
    // Connected again, the sync brings the note and the change together.
    const again = rawClient(server);
    assert.equal(await again.authenticate('order', jwt), 'authenticated');
    again.send(updateMessage('order', Y.encodeStateAsUpdate(local)));
    await waitFor(() => noteText(witness.doc, 'n9') === 'second', { what: 'the witness to see the change' });
    assert.equal(again.closed, null);
    // A hostile change under a missing item is still never applied, whatever comes later.
    const evil = new Y.Doc();
    addNote(evil, 'n10', 'ok');
    const at = Y.encodeStateVector(evil);
    evil.getMap('notes').get('n10').set('color', 'purple');
    const tail = Y.encodeStateAsUpdate(evil, at);
    const hostile = rawClient(server);
    assert.equal(await hostile.authenticate('order', jwt), 'authenticated');
    hostile.send(updateMessage('order', tail));
    assert.equal(await hostile.closeReason('order'), 'out-of-order');
    const honest = rawClient(server);
    assert.equal(await honest.authenticate('order', jwt), 'authenticated');
    honest.send(updateMessage('order', Y.encodeStateAsUpdate(evil)));
    assert.equal(await honest.closeReason('order'), 'schema-mismatch', 'the whole copy, with the bad colour, is checked');
    assert.equal(witness.doc.getMap('notes').get('n10'), undefined);
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

  // M1: the server accepts only the room schema (docs/collab-schema.md), from the page's own declaration.
  for (const [what, change, reason] of [
    ['a note that is a plain object', (doc) => doc.getMap('notes').set('n1', { text: 42 }), 'schema-mismatch'],
    ['a map key of 1,000,000 characters', (doc) => doc.getMap('deleted').set('k'.repeat(1_000_000), new Date().toISOString()), 'schema-mismatch'],
    ['an id key longer than the store allows', (doc) => doc.getMap('deleted').set('k'.repeat(101), new Date().toISOString()), 'schema-mismatch'],
    ['a note text built as a Y.Text', (doc) => {
      addNote(doc, 'n1', '');
      const text = new Y.Text();
      doc.getMap('notes').get('n1').set('text', text);
      for (let piece = 0; piece < 500; piece += 1) text.insert(0, 'x'.repeat(2000));
    }, 'unsupported-content'],
    ['a binary value', (doc) => doc.getMap('meta').set('schema', new Uint8Array(1024 * 1024)), 'unsupported-content'],
    ['a colour that is a javascript: URL', (doc) => {
      addNote(doc, 'n1', 'tekst');
      doc.getMap('notes').get('n1').set('color', 'javascript:alert(1)');
    }, 'schema-mismatch'],
    ['a field the schema does not have', (doc) => {
      addNote(doc, 'n1', 'tekst');
      doc.getMap('notes').get('n1').set('onclick', 'x');
    }, 'unknown-field'],
    ['a field named after an Object.prototype member (constructor)', (doc) => {
      addNote(doc, 'n1', 'tekst');
      doc.getMap('notes').get('n1').set('constructor', 'x');
    }, 'unknown-field'],
    ['a meta key named toString', (doc) => doc.getMap('meta').set('toString', 'x'), 'unknown-field'],
    ['meta.schema set to 99 (every honest page would stop writing)', (doc) => doc.getMap('meta').set('schema', 99), 'schema-mismatch'],
    ['a deletion dated 9999-12-31', (doc) => doc.getMap('deleted').set('n1', '9999-12-31T00:00:00.000Z'), 'time-ahead'],
  ]) {
    it(`cannot write ${what} (${reason}); the honest page beside it sees nothing of it`, async () => {
      const room = `form-${reason}-${what.length}`;
      const { hostile, witness, jwt } = await hostileAndWitness(room);
      hostile.send(updateMessage(room, updateOf(change)));
      assert.equal(await hostile.closeReason(room), reason);
      addNote(witness.doc, 'ok', 'Ærlig');
      await witness.waitSynced();
      const copy = await freshCopy(room, jwt);
      assert.deepEqual([...copy.getMap('notes').keys()], ['ok']);
      assert.equal(copy.getMap('deleted').size, 0);
      assert.equal(copy.getMap('meta').get('schema'), undefined);
      witness.destroy();
    });
  }

  it('a device copy replayed whole (what the room has already) is not refused: the guard checks what is new', async () => {
    const { hostile: replayer, witness } = await hostileAndWitness('gjentatt');
    addNote(witness.doc, 'n1', 'Finnes');
    await witness.waitSynced();
    // What a newer server stored, which this guard would refuse if it came new: here it is in the room already.
    const answers = () => replayer.received.filter((message) => message.type === 8 || message.type === 7).length;
    const before = answers();
    replayer.send(updateMessage('gjentatt', Y.encodeStateAsUpdate(witness.doc)));
    await waitFor(() => answers() > before, { what: 'the server to answer the replay' });
    assert.equal(replayer.received.filter((message) => message.type === 7).length, 0, 'the replay was not refused');
    witness.destroy();
  });

  it('M3: votes only under the verified id; taking back another person’s vote is refused', async () => {
    const room = 'stemmer';
    const kari = connect(server, { room, token: await token({ room, name: 'Kari', sub: 'k-1' }) });
    await kari.waitSynced();
    addNote(kari.doc, 'n1', 'Lapp');
    kari.doc.getMap('notes').get('n1').get('votes').set('k-1', true);
    await kari.waitSynced();
    const per = rawClient(server);
    assert.equal(await per.authenticate(room, await token({ room, name: 'Per', sub: 'p-1' })), 'authenticated');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(kari.doc));
    const before = Y.encodeStateVector(copy);
    copy.getMap('notes').get('n1').get('votes').set('invented-1', true);
    per.send(updateMessage(room, Y.encodeStateAsUpdate(copy, before)));
    assert.equal(await per.closeReason(room), 'vote-not-yours');

    const ola = rawClient(server);
    assert.equal(await ola.authenticate(room, await token({ room, name: 'Ola', sub: 'o-1' })), 'authenticated');
    const second = new Y.Doc();
    Y.applyUpdate(second, Y.encodeStateAsUpdate(kari.doc));
    const vector = Y.encodeStateVector(second);
    second.getMap('notes').get('n1').get('votes').delete('k-1');
    ola.send(updateMessage(room, Y.encodeStateAsUpdate(second, vector)));
    assert.equal(await ola.closeReason(room), 'vote-not-yours');
    assert.deepEqual(kari.doc.getMap('notes').get('n1').get('votes').toJSON(), { 'k-1': true });
    kari.destroy();
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
