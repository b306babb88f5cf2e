// Many kommuner on one service (TENANTS_FILE): keys per tenant, rooms named <tenant>.<room>.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { addNote, connect, run, SECRET, startServer, tempDir, token, waitFor } from './helpers.mjs';

const KEYS = {
  bergen: { '2026-11': 'bergen-key-2026-11-long-enough-for-hs256-000' },
  oslo: { a: 'oslo-key-a-that-is-long-enough-for-hs256-000000' },
};

function writeTenants(file, tenants) {
  writeFileSync(file, JSON.stringify({ tenants: Object.fromEntries(Object.entries(tenants).map(([id, keys]) => [id, { keys }])) }), { mode: 0o600 });
}

/** A tenant token: `aud` the tenant, `kid` in the header, signed with `key`. */
function tenantToken({ tenant, kid, key, room, name = 'Kari', expiresIn = '1h', aud = tenant }) {
  const header = { alg: 'HS256', ...(kid != null && { kid }) };
  const jwt = new SignJWT({ room, name }).setProtectedHeader(header);
  if (aud != null) jwt.setAudience(aud);
  if (expiresIn != null) jwt.setExpirationTime(expiresIn);
  return jwt.sign(new TextEncoder().encode(key));
}

const bergen = (room, extra = {}) => tenantToken({ tenant: 'bergen', kid: '2026-11', key: KEYS.bergen['2026-11'], room, ...extra });
const oslo = (room, extra = {}) => tenantToken({ tenant: 'oslo', kid: 'a', key: KEYS.oslo.a, room, ...extra });

describe('tenants', () => {
  let server;
  let file;
  before(async () => {
    const dir = tempDir();
    file = join(dir, 'tenants.json');
    writeTenants(file, KEYS);
    server = await startServer({ env: { TENANTS_FILE: file } });
    assert.match(server.lines.find((line) => / listen /.test(line)), /mode=tenants tenants=2/);
  });

  const opens = async (room, jwt) => {
    const client = connect(server, { room, token: await jwt });
    await waitFor(() => (client.synced && 'opened') || client.failures[0], { what: `${room} to open or be refused` });
    client.destroy();
    return client.synced ? 'opened' : client.failures[0];
  };

  it('a tenant\'s token opens its own rooms, `*` all of them, and none of another tenant\'s', async () => {
    assert.equal(await opens('bergen.verksted', bergen('verksted')), 'opened');
    assert.equal(await opens('bergen.annet', bergen('*')), 'opened');
    assert.equal(await opens('oslo.verksted', bergen('verksted')), 'token-wrong-room');
    assert.equal(await opens('oslo.verksted', bergen('*')), 'token-wrong-room');
    assert.equal(await opens('verksted', bergen('verksted')), 'token-wrong-room'); // a room with no tenant
    assert.equal(await opens('oslo.verksted', oslo('verksted')), 'opened');
  });

  it('one kommune\'s key cannot mint a token for another\'s rooms, however the token is dressed', async () => {
    const osloKey = KEYS.oslo.a;
    // Bergen's backend signs with its own key but claims Oslo, with Bergen's or Oslo's kid.
    assert.equal(await opens('oslo.verksted', tenantToken({ tenant: 'oslo', kid: '2026-11', key: KEYS.bergen['2026-11'], room: 'verksted' })), 'token-invalid');
    assert.equal(await opens('oslo.verksted', tenantToken({ tenant: 'oslo', kid: 'a', key: KEYS.bergen['2026-11'], room: 'verksted' })), 'token-invalid');
    // Oslo's key with Bergen's audience: the kid must be one of Bergen's keys.
    assert.equal(await opens('bergen.verksted', tenantToken({ tenant: 'bergen', kid: 'a', key: osloKey, room: 'verksted' })), 'token-invalid');
    // No kid, no aud, no exp, an unknown tenant, the operator's COLLAB_SECRET token of single-tenant mode.
    assert.equal(await opens('oslo.verksted', oslo('verksted', { kid: null })), 'token-invalid');
    assert.equal(await opens('oslo.verksted', oslo('verksted', { aud: null })), 'token-invalid');
    assert.equal(await opens('oslo.verksted', oslo('verksted', { expiresIn: null })), 'token-invalid');
    assert.equal(await opens('trondheim.verksted', tenantToken({ tenant: 'trondheim', kid: 'a', key: osloKey, room: 'verksted' })), 'token-invalid');
    assert.equal(await opens('oslo.verksted', token({ room: '*' })), 'token-invalid');
    assert.equal(await opens('oslo.verksted', oslo('verksted', { expiresIn: Math.floor(Date.now() / 1000) - 10 })), 'token-expired');
  });

  it('two sites that both use the default storage key never meet', async () => {
    const inBergen = connect(server, { room: 'bergen.innovasjonsguide', token: await bergen('innovasjonsguide') });
    const inOslo = connect(server, { room: 'oslo.innovasjonsguide', token: await oslo('innovasjonsguide') });
    await Promise.all([inBergen.waitSynced(), inOslo.waitSynced()]);
    addNote(inBergen.doc, 'b1', 'Bare i Bergen');
    addNote(inOslo.doc, 'o1', 'Bare i Oslo');
    await Promise.all([inBergen.waitSynced(), inOslo.waitSynced()]);
    const later = connect(server, { room: 'oslo.innovasjonsguide', token: await oslo('innovasjonsguide') });
    await later.waitSynced();
    assert.deepEqual([...later.doc.getMap('notes').keys()], ['o1']);
    assert.deepEqual([...inBergen.doc.getMap('notes').keys()], ['b1']);
    for (const client of [inBergen, inOslo, later]) client.destroy();
  });

  it('keys rotate without a restart: add the new key, SIGHUP, move the backend over, remove the old key, SIGHUP', async () => {
    const next = 'bergen-key-2026-12-long-enough-for-hs256-000';
    const withNext = () => tenantToken({ tenant: 'bergen', kid: '2026-12', key: next, room: 'verksted' });
    assert.equal(await opens('bergen.verksted', withNext()), 'token-invalid');

    writeTenants(file, { ...KEYS, bergen: { ...KEYS.bergen, '2026-12': next } });
    const reloads = server.lines.filter((line) => / tenants reloaded=/.test(line)).length;
    server.child.kill('SIGHUP');
    await waitFor(() => server.lines.filter((line) => / tenants reloaded=/.test(line)).length > reloads, { what: 'the reload' });
    assert.equal(await opens('bergen.verksted', withNext()), 'opened');
    assert.equal(await opens('bergen.verksted', bergen('verksted')), 'opened', 'the old key still works meanwhile');

    // A page that opened the room with the old key keeps working until the key is removed.
    const held = connect(server, { room: 'bergen.verksted', token: await bergen('verksted') });
    await held.waitSynced();
    writeTenants(file, { ...KEYS, bergen: { '2026-12': next } });
    server.child.kill('SIGHUP');
    // M6: the removed key ends the rights of the connection that holds a token signed with it.
    await waitFor(() => held.closeReasons.includes('token-invalid'), { what: 'the old key’s connection to be closed' });
    held.destroy();
    await waitFor(() => server.lines.filter((line) => / tenants reloaded=/.test(line)).length > reloads + 1, { what: 'the second reload' });
    assert.equal(await opens('bergen.verksted', bergen('verksted')), 'token-invalid');
    assert.equal(await opens('bergen.verksted', withNext()), 'opened');

    // A broken file keeps the keys in use and says so.
    writeFileSync(file, '{ not json');
    server.child.kill('SIGHUP');
    await server.waitForLine(/ error during=tenants-reload /);
    assert.equal(await opens('bergen.verksted', withNext()), 'opened');
  });

  it('a bad TENANTS_FILE stops the start with the place named; TENANTS_FILE needs COLLAB_SECRET', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ tenants: { Bergen: { keys: { a: 'x'.repeat(40) } } } }));
    const badId = await run([], { env: { TENANTS_FILE: bad, COLLAB_SECRET: SECRET, DATA_DIR: dir } });
    assert.equal(badId.code, 1);
    assert.match(badId.stderr, /tenant id "Bergen" must be/);
    writeFileSync(bad, JSON.stringify({ tenants: { bergen: { keys: { a: 'short' } } } }));
    const shortKey = await run([], { env: { TENANTS_FILE: bad, COLLAB_SECRET: SECRET, DATA_DIR: dir } });
    assert.match(shortKey.stderr, /key a of bergen must be a string of at least 32 characters/);
    const noSecret = await run([], { env: { TENANTS_FILE: bad, DATA_DIR: dir } });
    assert.match(noSecret.stderr, /TENANTS_FILE needs COLLAB_SECRET/);
  });
});
