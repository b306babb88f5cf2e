import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as lib0encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { awarenessMessage, awarenessUpdates, connect, rawClient, startServer, token, updateMessage, waitFor } from './helpers.mjs';

const MESSAGE_SYNC_STATUS = 8;
const phaseOf = (client) => client.doc.getMap('session').get('phase');
/** A read-only page has synced once it holds the server's state (Hocuspocus 3.4.4 answers its own empty sync step 2 with "not applied"). */
const waitRead = (client) => waitFor(() => client.synced, { what: 'the reader to sync' });

/** The update that sets `key` in a fresh client's session map (a new key: no older value to lose against). */
function sessionUpdate(key, value) {
  const doc = new Y.Doc();
  doc.getMap('session').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

/** An awareness update with one client's state, as y-protocols encodes it. */
const awarenessUpdate = (clientId, clock, state) => awarenessUpdates([[clientId, clock, state]]);

/** A stateless message (Hocuspocus type 5). */
function statelessMessage(room, text) {
  const encoder = lib0encoding.createEncoder();
  lib0encoding.writeVarString(encoder, room);
  lib0encoding.writeVarUint(encoder, 5);
  lib0encoding.writeVarString(encoder, text);
  return lib0encoding.toUint8Array(encoder);
}

describe('the session document: only facilitators change it', () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it('a facilitator’s phase reaches everyone; a participant’s update is answered and not applied', async () => {
    const facilitator = connect(server, { room: 'ledet/session', token: await token({ room: 'ledet', role: 'facilitator', name: 'Leder' }) });
    const participant = connect(server, { room: 'ledet/session', token: await token({ room: 'ledet', name: 'Kari' }), awareness: null });
    await Promise.all([facilitator.waitSynced(), waitRead(participant)]);
    facilitator.doc.getMap('session').set('phase', 'write');
    await waitFor(() => phaseOf(participant) === 'write', { what: 'the phase to reach the participant' });

    const raw = rawClient(server);
    assert.equal(await raw.authenticate('ledet/session', await token({ room: 'ledet', name: 'Ola' })), 'authenticated');
    raw.send(updateMessage('ledet/session', sessionUpdate('step', 4)));
    await waitFor(() => raw.received.some((message) => message.type === MESSAGE_SYNC_STATUS), { what: 'the server to answer the update' });
    const reader = connect(server, { room: 'ledet/session', token: await token({ room: 'ledet', name: 'Per' }), awareness: null });
    await waitRead(reader);
    assert.equal(phaseOf(reader), 'write');
    assert.equal(reader.doc.getMap('session').get('step'), undefined, 'the participant’s update was not applied');
    assert.equal(raw.closed, null, 'a sync is not a refusal: honest participants sync the session document too');

    // The participant's own provider: its change stays unsynced on its page.
    participant.doc.getMap('session').set('notesWhileVoting', true);
    await waitFor(() => participant.provider.unsyncedChanges > 0 || participant.closeReasons.length > 0, { what: 'the change to be held' });
    facilitator.doc.getMap('session').set('phase', 'share');
    await waitFor(() => phaseOf(reader) === 'share', { what: 'the next phase' });
    assert.equal(reader.doc.getMap('session').get('notesWhileVoting'), undefined);
    for (const client of [facilitator, participant, reader]) client.destroy();
    raw.ws.close();
  });

  for (const [what, message, reason] of [
    ['awareness', (room) => awarenessMessage(room, awarenessUpdate(4242, 1, { user: { id: 'x', name: 'Ola' } })), 'facilitator-only'],
    // The page never sends stateless messages: refused from anyone (issue 24, M7).
    ['a stateless message', (room) => statelessMessage(room, 'phase:vote'), 'message-type-refused'],
  ]) {
    it(`refuses ${what} from a participant on the session document`, async () => {
      const raw = rawClient(server);
      assert.equal(await raw.authenticate('ledet/session', await token({ room: 'ledet', name: 'Ola' })), 'authenticated');
      raw.send(message('ledet/session'));
      assert.equal(await raw.closeReason('ledet/session'), reason);
      await server.waitForLine(new RegExp(` refuse room=ledet/session addr=127\\.0\\.0\\.1 reason=${reason}$`));
      await waitFor(() => raw.closed, { what: 'the socket to close' });
    });
  }

  it('a facilitator may send presence on it', async () => {
    const raw = rawClient(server);
    assert.equal(await raw.authenticate('ledet/session', await token({ room: 'ledet', role: 'facilitator', name: 'Leder' })), 'authenticated');
    raw.send(awarenessMessage('ledet/session', awarenessUpdate(4343, 1, {})));
    raw.send(updateMessage('ledet/session', sessionUpdate('timer', 300)));
    const reader = connect(server, { room: 'ledet/session', token: await token({ room: 'ledet', name: 'Per' }), awareness: null });
    await waitFor(() => reader.doc.getMap('session').get('timer') === 300, { what: 'the facilitator’s change' });
    assert.equal(raw.closed, null);
    reader.destroy();
    raw.ws.close();
  });

  it('refuses presence that claims another name or id than the token’s; echoes of others’ presence pass', async () => {
    const kari = connect(server, { room: 'tilstede', token: await token({ room: 'tilstede', name: 'Kari', sub: 'k-1' }) });
    const ola = connect(server, { room: 'tilstede', token: await token({ room: 'tilstede', name: 'Ola', sub: 'o-1' }) });
    await Promise.all([kari.waitSynced(), ola.waitSynced()]);
    kari.provider.awareness.setLocalStateField('user', { id: 'k-1', name: 'Kari' });
    ola.provider.awareness.setLocalStateField('user', { id: 'o-1', name: 'Ola', step: 2 });
    kari.provider.awareness.setLocalStateField('user', { id: 'k-1', name: 'Kari', step: 3 });
    const seen = (client, name) => [...client.provider.awareness.getStates().values()].some((state) => state.user?.name === name);
    await waitFor(() => seen(kari, 'Ola') && seen(ola, 'Kari'), { what: 'each to see the other' });
    assert.deepEqual([kari.closeReasons, ola.closeReasons], [[], []], 'honest pages (which pass on what they see) are not refused');

    const raw = rawClient(server);
    assert.equal(await raw.authenticate('tilstede', await token({ room: 'tilstede', name: 'Per', sub: 'p-1' })), 'authenticated');
    raw.send(awarenessMessage('tilstede', awarenessUpdate(5151, 1, { user: { id: 'p-1', name: 'Kari' } })));
    assert.equal(await raw.closeReason('tilstede'), 'presence-not-yours');
    const other = rawClient(server);
    assert.equal(await other.authenticate('tilstede', await token({ room: 'tilstede', name: 'Per', sub: 'p-1' })), 'authenticated');
    other.send(awarenessMessage('tilstede', awarenessUpdate(5252, 1, { user: { id: 'k-1', name: 'Per' } })));
    assert.equal(await other.closeReason('tilstede'), 'presence-not-yours');
    assert.equal(seen(ola, 'Kari') && [...ola.provider.awareness.getStates().keys()].includes(5151), false, 'the forged presence never arrived');
    const claimsLead = rawClient(server);
    assert.equal(await claimsLead.authenticate('tilstede', await token({ room: 'tilstede', name: 'Per', sub: 'p-1' })), 'authenticated');
    claimsLead.send(awarenessMessage('tilstede', awarenessUpdate(5353, 1, { user: { id: 'p-1', name: 'Per', lead: true } })));
    assert.equal(await claimsLead.closeReason('tilstede'), 'presence-not-yours', 'only a facilitator’s token may say it leads');
    const leader = connect(server, { room: 'tilstede', token: await token({ room: 'tilstede', name: 'Leder', sub: 'l-1', role: 'facilitator' }) });
    await leader.waitSynced();
    leader.provider.awareness.setLocalStateField('user', { id: 'l-1', name: 'Leder', lead: true });
    await waitFor(() => [...kari.provider.awareness.getStates().values()].some((state) => state.user?.lead === true), { what: 'the facilitator’s presence' });
    assert.deepEqual(leader.closeReasons, []);
    leader.destroy();
    kari.destroy();
    ola.destroy();
  });
});

describe('the session’s timebox runs on the server’s clock', () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it('stamps a timer with the server’s time, tells each page that time, and ends the phase itself when the time is up', async () => {
    const stateless = [];
    const facilitator = connect(server, { room: 'tid/session', token: await token({ room: 'tid', role: 'facilitator', name: 'Leder' }) });
    facilitator.provider.on('stateless', ({ payload }) => stateless.push(JSON.parse(payload)));
    await facilitator.waitSynced();
    await waitFor(() => stateless.length > 0, { what: 'the server’s time' });
    assert.ok(Math.abs(stateless[0].serverTime - Date.now()) < 5000, 'the server sends its clock');
    const asked = Date.now();
    const map = facilitator.doc.getMap('session');
    facilitator.doc.transact(() => {
      map.set('step', 2);
      map.set('phase', 'write');
      map.set('notesWhileVoting', false);
      map.set('timer', { startedAt: 0, duration: 1500, endsPhase: true });
    });
    await waitFor(() => map.get('timer')?.startedAt > 0, { what: 'the server to stamp the timer' });
    const { startedAt } = map.get('timer');
    assert.ok(startedAt >= asked - 1000 && startedAt <= Date.now() + 1000, 'stamped with the server’s clock');
    facilitator.destroy(); // the facilitator's laptop goes to sleep

    const reader = connect(server, { room: 'tid/session', token: await token({ room: 'tid', name: 'Kari' }), awareness: null });
    await waitRead(reader);
    await waitFor(() => phaseOf(reader) === 'share', { what: 'the server to end the writing' });
    assert.ok(Date.now() >= startedAt + 1500 - 50, 'not before the time is up');
    assert.equal(reader.doc.getMap('session').get('timer'), null);
    assert.equal(reader.doc.getMap('session').get('step'), 2);
    reader.destroy();
  });

  it('a stopped timer ends nothing', async () => {
    const facilitator = connect(server, { room: 'stopp/session', token: await token({ room: 'stopp', role: 'facilitator', name: 'Leder' }) });
    await facilitator.waitSynced();
    const map = facilitator.doc.getMap('session');
    facilitator.doc.transact(() => {
      map.set('step', 1);
      map.set('phase', 'vote');
      map.set('timer', { startedAt: 0, duration: 1000, endsPhase: true });
    });
    await waitFor(() => map.get('timer')?.startedAt > 0, { what: 'the stamp' });
    const { startedAt } = map.get('timer');
    map.set('timer', null);
    map.set('marker', 'after');
    const reader = connect(server, { room: 'stopp/session', token: await token({ room: 'stopp', name: 'Kari' }), awareness: null });
    await waitFor(() => reader.doc.getMap('session').get('marker') === 'after' && Date.now() > startedAt + 1500, { what: 'past the time' });
    // The server's timeout (if any were left) would have fired by now; the session stays in its phase.
    facilitator.doc.getMap('session').set('marker', 'later');
    await waitFor(() => reader.doc.getMap('session').get('marker') === 'later', { what: 'a later change' });
    assert.equal(phaseOf(reader), 'vote');
    facilitator.destroy();
    reader.destroy();
  });
});

describe('the session document in open development mode', () => {
  let server;
  before(async () => {
    server = await startServer({ secret: '', env: { COLLAB_OPEN_MODE: '1' } });
  });
  after(() => server.stop());

  it('a page that takes the lead («Jeg leder økten») changes it; others do not', async () => {
    const lead = connect(server, { room: 'prove/session', token: 'lead' });
    const other = connect(server, { room: 'prove/session', awareness: null });
    await Promise.all([lead.waitSynced(), waitRead(other)]);
    lead.doc.getMap('session').set('phase', 'vote');
    await waitFor(() => phaseOf(other) === 'vote', { what: 'the phase to arrive' });
    other.doc.getMap('session').set('phase', 'write');
    await waitFor(() => other.provider.unsyncedChanges > 0, { what: 'the change to be held' });
    const reader = connect(server, { room: 'prove/session', awareness: null });
    await waitRead(reader);
    assert.equal(phaseOf(reader), 'vote');
    for (const client of [lead, other, reader]) client.destroy();
  });
});
