// Issue 26: the page names its room in the socket's address (`?room=`), so a load balancer can
// route by room; the server then opens no other room on that socket. Raw clients, so the test can
// send what an honest page never would.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connect, rawClient, startServer, token, waitFor } from './helpers.mjs';

describe('the room in the socket\'s address', () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.stop());

  const at = (query) => ({ ...server, url: `${server.url}/?${query}` });

  it('admits the named room and its session document on that socket', async () => {
    const raw = rawClient(at('room=forum'));
    assert.equal(await raw.authenticate('forum', await token({ room: 'forum' })), 'authenticated');
    assert.equal(await raw.authenticate('forum/session', await token({ room: 'forum' })), 'authenticated');
    assert.equal(raw.closed, null);
  });

  it('refuses another room on that socket with a clear reason, even with a valid token for it', async () => {
    const raw = rawClient(at('room=forum'));
    await waitFor(() => raw.opened, { what: 'the socket to open' });
    const answer = raw.authenticate('annet-rom', await token({ room: 'annet-rom' })).catch(() => undefined);
    const closed = await waitFor(() => raw.closed, { what: 'the socket to close' });
    assert.deepEqual(closed, { code: 4403, reason: 'room-not-in-address' });
    assert.equal(raw.received.find((m) => m.room === 'annet-rom' && m.type === 2 && m.auth === 2), undefined, 'never admitted');
    void answer;
    await server.waitForLine(/ refuse .*reason=room-not-in-address/);
  });

  it('refuses an address whose room is not a room name, or names two rooms', async () => {
    for (const query of ['room=..%2Fx', 'room=a&room=b', 'room=']) {
      const raw = rawClient(at(query));
      assert.equal(await waitFor(() => raw.rejected, { what: `the upgrade of ?${query} to be refused` }), 400);
    }
  });

  it('still serves pages that name no room (older pages)', async () => {
    const client = connect(server, { room: 'gammel', token: await token({ room: 'gammel' }) });
    await client.waitSynced();
    client.destroy();
  });

  it('a provider whose address names its room syncs', async () => {
    const client = connect(server, { room: 'med-rom', token: await token({ room: 'med-rom' }), url: `${server.url}/?room=med-rom` });
    await client.waitSynced();
    client.destroy();
  });
});
