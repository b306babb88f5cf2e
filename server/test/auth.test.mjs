import assert from 'node:assert/strict';
import { describe, it, before } from 'node:test';
import { connect, health, noteText, addNote, run, SECRET, startServer, tempDir, token, waitFor } from './helpers.mjs';

describe('tokens', () => {
  let server;
  before(async () => {
    server = await startServer();
  });

  it('a valid token opens the room, and two clients see each other\'s notes', async () => {
    const jwt = await token({ room: 'verksted-1', sub: 'p-1' });
    const kari = connect(server, { room: 'verksted-1', token: jwt });
    const ola = connect(server, { room: 'verksted-1', token: await token({ room: 'verksted-1', name: 'Ola' }) });
    await Promise.all([kari.waitSynced(), ola.waitSynced()]);
    addNote(kari.doc, 'n1', 'Hei fra Kari');
    await waitFor(() => noteText(ola.doc, 'n1') === 'Hei fra Kari', { what: 'the note to reach Ola' });
    await server.waitForLine(/ connect room=verksted-1 addr=127\.0\.0\.1 sub=p-1 /);
    assert.deepEqual(kari.failures, []);
    kari.destroy();
    ola.destroy();
    await server.waitForLine(/ disconnect room=verksted-1 addr=127\.0\.0\.1 sub=p-1/);
  });

  it('a token for every room (*) with the facilitator role opens any room', async () => {
    const client = connect(server, { room: 'annet-rom', token: await token({ room: '*', role: 'facilitator', sub: 'f-1' }) });
    await client.waitSynced();
    await server.waitForLine(/ connect room=annet-rom .*role=facilitator/);
    client.destroy();
  });

  const refusals = [
    ['no token at all', async () => '', 'token-missing'],
    ['a token signed with another secret', () => token({ room: 'rom-a', secret: 'another-secret-that-is-also-long-enough-000' }), 'token-invalid'],
    ['an expired token', () => token({ room: 'rom-a', expiresIn: Math.floor(Date.now() / 1000) - 10 }), 'token-expired'],
    ['a token for another room', () => token({ room: 'rom-b' }), 'token-wrong-room'],
    ['a token without exp', () => token({ room: 'rom-a', expiresIn: null }), 'token-invalid'],
    ['a token without name', () => token({ room: 'rom-a', name: null }), 'token-invalid'],
    ['a token with an unknown role', () => token({ room: 'rom-a', role: 'admin' }), 'token-invalid'],
    ['something that is not a JWT', async () => 'not-a-jwt', 'token-invalid'],
  ];
  for (const [what, makeToken, reason] of refusals) {
    it(`refuses ${what} (${reason}) and stores nothing`, async () => {
      const client = connect(server, { room: 'rom-a', token: await makeToken() });
      assert.equal(await client.waitRefused(), reason);
      client.destroy();
      await server.waitForLine(new RegExp(` refuse room=rom-a addr=127\\.0\\.0\\.1 reason=${reason}$`));
    });
  }

  it('refuses room names outside the pattern, and names with the reserved /', async () => {
    for (const room of ['a/b', 'x'.repeat(65), '-leading-dash', 'mellom rom']) {
      const client = connect(server, { room, token: await token({ room: '*' }) });
      assert.equal(await client.waitRefused(), 'room-name-invalid', room);
      client.destroy();
    }
    assert.equal((await exportRoomList(server)).includes('a/b'), false);
  });

  it('never writes note text or names to its log', async () => {
    const client = connect(server, { room: 'hemmelig', token: await token({ room: 'hemmelig', name: 'Navn Navnesen' }) });
    await client.waitSynced();
    addNote(client.doc, 'n-secret', 'Hemmelig lappetekst');
    await waitFor(async () => (await health(server)).body.connections >= 1, { what: 'the connection to count' });
    client.destroy();
    await server.waitForLine(/ disconnect room=hemmelig /);
    const log = server.lines.join('\n');
    assert.equal(log.includes('Hemmelig lappetekst'), false);
    assert.equal(log.includes('Navn Navnesen'), false);
  });
});

async function exportRoomList(server) {
  const { stdout } = await run(['rooms', 'list'], { env: { DATA_DIR: server.dataDir, COLLAB_SECRET: SECRET } });
  return stdout;
}

describe('configuration', () => {
  it('refuses a COLLAB_SECRET shorter than 32 characters', async () => {
    const { code, stderr } = await run([], { env: { DATA_DIR: tempDir(), PORT: '0', COLLAB_SECRET: 'short' } });
    assert.equal(code, 1);
    assert.match(stderr, /COLLAB_SECRET must be at least 32 characters/);
  });

  it('without COLLAB_SECRET refuses to bind anything but loopback', async () => {
    const { code, stderr } = await run([], { env: { DATA_DIR: tempDir(), PORT: '0', HOST: '0.0.0.0', COLLAB_OPEN_MODE: '1' } });
    assert.equal(code, 1);
    assert.match(stderr, /open development mode and binds only to loopback/);
  });

  it('without COLLAB_SECRET runs open on loopback, with a clear warning', async () => {
    const server = await startServer({ secret: '', env: { COLLAB_OPEN_MODE: '1' } });
    await waitFor(() => /WARNING: COLLAB_SECRET is not set\. The server runs in the OPEN DEVELOPMENT MODE/.test(server.stderr), {
      what: 'the warning',
    });
    const client = connect(server, { room: 'utvikling' });
    await client.waitSynced();
    client.destroy();
    assert.equal(await server.stop(), 0);
  });
});
