// Issue 24, M6: a token's expiry and a key's removal end a connection's rights, with a fresh token
// asked for first (Hocuspocus's token sync), so a working person is not interrupted; a token valid
// for longer than TOKEN_MAX_HOURS is refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addNote, connect, noteText, startServer, token, waitFor } from './helpers.mjs';

describe('token lifetime', () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it('refuses a token that would stay valid longer than TOKEN_MAX_HOURS (exp in 2100)', async () => {
    const client = connect(server, { room: 'evig', token: await token({ room: 'evig', expiresIn: '74y' }) });
    assert.equal(await client.waitRefused(), 'token-too-long');
    client.destroy();
  });

  it('a page whose tokens last 6 s keeps writing for 15 s: the server asks for a fresh one before each expires', async () => {
    let issued = 0;
    const doc = new Y.Doc();
    const closes = [];
    const provider = new HocuspocusProvider({
      url: server.url,
      name: 'fornyes',
      document: doc,
      WebSocketPolyfill: class extends WebSocket {
        constructor(...args) {
          super(...args);
          this.on('error', () => {});
        }
      },
      token: async () => {
        issued += 1;
        return token({ room: 'fornyes', expiresIn: '6s' });
      },
      onClose: ({ event }) => closes.push(event.reason),
    });
    const reader = connect(server, { room: 'fornyes', token: await token({ room: 'fornyes' }) });
    await waitFor(() => provider.isSynced, { what: 'the page to sync' });
    const started = Date.now();
    for (let index = 0; Date.now() - started < 15_000; index += 1) {
      addNote(doc, `n${index}`, `Lapp ${index}`);
      await waitFor(() => noteText(reader.doc, `n${index}`) === `Lapp ${index}`, { what: `note ${index} to arrive` });
      await waitFor(() => Date.now() - started > (index + 1) * 1000, { what: 'the next second' });
    }
    assert.ok(issued >= 3, `the page was asked for ${issued} tokens`);
    assert.deepEqual(closes.filter((reason) => reason === 'token-expired'), [], 'never closed for an expired token');
    provider.destroy();
    reader.destroy();
  });

  it('a connection whose token expires without a fresh one loses its rights at expiry', async () => {
    const page = connect(server, { room: 'utlop', token: await token({ room: 'utlop', expiresIn: '3s' }) });
    await page.waitSynced();
    await waitFor(() => page.closeReasons.includes('token-expired'), { timeout: 20_000, what: 'the expiry to close the connection' });
    await server.waitForLine(/ refuse room=utlop .*reason=token-expired/);
    page.destroy();
  });
});
