// Rooms made on request (issue #22, docs/workshop-api.md): creation, invitations exchanged for
// personal credentials, join codes and their failure limits, the facilitator's actions with proof
// of possession, removal on every instance, Redis away. Real servers on loopback.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { addNote, connect, noteText, SECRET, startServer, token, waitFor } from './helpers.mjs';
import { startPostgres, startRedis, stopServices } from './services.mjs';

after(stopServices);

const ORIGIN = 'https://www.kommune.no';
const README = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

/** A JSON request as a page makes it (Origin set, no cookies); returns {status, body, headers}. */
async function call(server, path, { method = 'POST', body, origin = ORIGIN, bearer, proof, forwardedFor } = {}) {
  const response = await fetch(`${server.http}${path}`, {
    method,
    headers: {
      ...(origin && { Origin: origin }),
      ...(method === 'POST' && { 'Content-Type': 'application/json' }),
      ...(bearer && { Authorization: `Bearer ${bearer}` }),
      ...(proof && { 'Innovasjon-Proof': proof }),
      ...(forwardedFor && { 'X-Forwarded-For': forwardedFor }),
    },
    ...(method === 'POST' && { body: JSON.stringify(body ?? {}) }),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/** A facilitator's device: a non-extractable P-256 key, as the page keeps it in IndexedDB. */
async function device() {
  const { privateKey, publicKey } = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', publicKey);
  const self = {
    publicKey: jwk,
    async proof(purpose, room, credentialId, t = Date.now()) {
      const n = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url');
      const message = `innovasjon-proof/1\n${purpose}\n${room}\n${credentialId}\n${t}\n${n}`;
      const s = Buffer.from(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, new TextEncoder().encode(message))).toString('base64url');
      return `${t}.${n}.${s}`;
    },
  };
  return self;
}

/** Creates a room and makes this device its facilitator. */
async function startRoom(server, { name = 'Fasilitator', bearer } = {}) {
  const created = await call(server, '/workshop/rooms', { bearer });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const me = await device();
  const exchanged = await call(server, '/workshop/exchange', { body: { invitation: created.body.facilitatorInvitation, name, publicKey: me.publicKey } });
  assert.equal(exchanged.status, 200, JSON.stringify(exchanged.body));
  const facilitator = { ...exchanged.body, device: me };
  /** A facilitator request with a fresh proof. */
  facilitator.act = async (action, body = {}) =>
    call(server, `/workshop/rooms/${created.body.room}${action === 'status' ? '' : `/${action}`}`, {
      method: action === 'status' ? 'GET' : 'POST',
      body,
      bearer: facilitator.credential,
      proof: await me.proof(action, created.body.room, facilitator.credentialId),
    });
  facilitator.wsToken = async () => `${facilitator.credential}~${await me.proof('connect', created.body.room, facilitator.credentialId)}`;
  return { created: created.body, facilitator };
}

const env = { ROOM_CREATION: 'open', ALLOWED_ORIGINS: ORIGIN, TRUST_PROXY: '127.0.0.1' };

/** Nothing secret in what the server wrote: invitations, credentials, proofs, codes. */
function assertNoSecrets(server, secrets) {
  const output = `${server.lines.join('\n')}\n${server.stderr}`;
  for (const secret of secrets.filter(Boolean)) {
    for (const piece of String(secret).split(/[.~]/).filter((part) => part.length >= 8)) assert.equal(output.includes(piece), false, 'a secret reached the log');
  }
}

describe('rooms made on request', () => {
  let server;
  const secrets = [];
  before(async () => {
    server = await startServer({ env });
  });

  it('tells a listed page it may create rooms and use codes, and a page elsewhere nothing', async () => {
    const mine = await call(server, '/workshop', { method: 'GET' });
    assert.deepEqual(mine.body, { create: true, createNeedsToken: false, codes: true });
    assert.equal(mine.headers.get('access-control-allow-origin'), ORIGIN);
    const preflight = await fetch(`${server.http}/workshop/rooms`, { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' } });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers'), /Innovasjon-Proof/);
    const elsewhere = await call(server, '/workshop/rooms', { origin: 'https://evil.example' });
    assert.equal(elsewhere.status, 403);
    assert.equal(elsewhere.body.error, 'origin-not-allowed');
    assert.equal(elsewhere.headers.get('access-control-allow-origin'), null);
  });

  it('creates a room with an unguessable name, two invitations and a code; notes flow between the facilitator and a participant', async () => {
    const { created, facilitator } = await startRoom(server);
    secrets.push(created.facilitatorInvitation, created.participantInvitation, facilitator.credential);
    assert.match(created.room, /^w[a-z2-7]{26}$/);
    assert.match(created.code, /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    assert.ok(created.linkExpiresAt > Date.now() && created.linkExpiresAt <= Date.now() + 12 * 3_600_000);
    assert.ok(created.codeExpiresAt > Date.now() && created.codeExpiresAt <= Date.now() + 12 * 3_600_000);
    assert.equal(facilitator.role, 'facilitator');
    assert.match(facilitator.sub, /^f-/);

    const kari = await call(server, '/workshop/exchange', { body: { invitation: created.participantInvitation, name: ' Kari\u0007 ' } });
    assert.equal(kari.status, 200);
    secrets.push(kari.body.credential);
    assert.deepEqual([kari.body.name, kari.body.role, kari.body.room], ['Kari', 'participant', created.room]);
    assert.ok(kari.body.expiresAt <= Date.now() + 12 * 3_600_000);

    const lead = connect(server, { room: created.room, token: await facilitator.wsToken() });
    const participant = connect(server, { room: created.room, token: kari.body.credential });
    await Promise.all([lead.waitSynced(), participant.waitSynced()]);
    addNote(participant.doc, 'n1', 'Fra Kari');
    await waitFor(() => noteText(lead.doc, 'n1') === 'Fra Kari', { what: 'the note to reach the facilitator' });
    await server.waitForLine(new RegExp(` connect room=${created.room} .*sub=${kari.body.sub}`));
    await server.waitForLine(new RegExp(` connect room=${created.room} .*sub=${facilitator.sub} role=facilitator`));
    // The session document: only the facilitator writes it.
    const session = connect(server, { room: `${created.room}/session`, token: kari.body.credential, awareness: null });
    await session.waitSynced();
    assert.equal(session.provider.authorizedScope, 'readonly');
    for (const each of [lead, participant, session]) each.destroy();
  });

  it('joins by code, case-insensitive with spaces and dashes; wrong, expired and replaced codes are refused with their reason', async () => {
    const { created, facilitator } = await startRoom(server);
    const typed = `${created.code.slice(0, 4).toLowerCase()}-${created.code.slice(4)} `;
    const ola = await call(server, '/workshop/join', { body: { code: typed, name: 'Ola' }, forwardedFor: '10.0.0.1' });
    assert.equal(ola.status, 200, JSON.stringify(ola.body));
    assert.equal(ola.body.role, 'participant');
    const client = connect(server, { room: created.room, token: ola.body.credential });
    await client.waitSynced();
    client.destroy();

    const wrong = await call(server, '/workshop/join', { body: { code: 'ZZZZZZZZ', name: 'Ola' }, forwardedFor: '10.0.0.2' });
    assert.deepEqual([wrong.status, wrong.body.error], [404, 'code-unknown']);
    const link = await facilitator.act('link');
    assert.equal(link.status, 200);
    assert.notEqual(link.body.code, created.code);
    const replaced = await call(server, '/workshop/join', { body: { code: created.code, name: 'Ola' }, forwardedFor: '10.0.0.2' });
    assert.deepEqual([replaced.status, replaced.body.error], [410, 'code-replaced']);
    const oldLink = await call(server, '/workshop/exchange', { body: { invitation: created.participantInvitation, name: 'Per' } });
    assert.deepEqual([oldLink.status, oldLink.body.error], [410, 'invitation-replaced']);
    const newLink = await call(server, '/workshop/exchange', { body: { invitation: link.body.participantInvitation, name: 'Per' } });
    assert.equal(newLink.status, 200);
    // Someone who held a credential before the new link stays.
    const stays = connect(server, { room: created.room, token: ola.body.credential });
    await stays.waitSynced();
    stays.destroy();
    secrets.push(ola.body.credential, link.body.participantInvitation, newLink.body.credential, link.body.code);
  });

  it('an expired code is refused as expired', async () => {
    const short = await startServer({ env: { ...env, JOIN_CODE_HOURS: '1', TOKEN_MAX_HOURS: '0.0003' } });
    try {
      const { created } = await (async () => {
        const response = await call(short, '/workshop/rooms');
        return { created: response.body };
      })();
      await waitFor(() => Date.now() > created.codeExpiresAt + 50, { what: 'the code to expire' });
      const late = await call(short, '/workshop/join', { body: { code: created.code, name: 'Sen' } });
      assert.deepEqual([late.status, late.body.error], [410, 'code-expired']);
      const lateLink = await call(short, '/workshop/exchange', { body: { invitation: created.participantInvitation, name: 'Sen' } });
      assert.deepEqual([lateLink.status, lateLink.body.error], [410, 'invitation-expired']);
    } finally {
      await short.stop();
    }
  });

  it('invitations are never room tokens, nor room tokens invitations', async () => {
    const { created } = await startRoom(server);
    const asToken = connect(server, { room: created.room, token: created.participantInvitation });
    assert.equal(await asToken.waitRefused(), 'credential-invalid');
    asToken.destroy();
    const roomToken = await token({ room: created.room, role: 'participant' });
    const asInvitation = await call(server, '/workshop/exchange', { body: { invitation: roomToken, name: 'Eve' } });
    assert.deepEqual([asInvitation.status, asInvitation.body.error], [400, 'invitation-invalid']);
    const kari = await call(server, '/workshop/exchange', { body: { invitation: created.participantInvitation, name: 'Kari' } });
    const credentialAsInvitation = await call(server, '/workshop/exchange', { body: { invitation: kari.body.credential, name: 'Eve' } });
    assert.equal(credentialAsInvitation.body.error, 'invitation-invalid');
    // A credential for one room does not open another.
    const other = connect(server, { room: 'annet-rom', token: kari.body.credential });
    assert.equal(await other.waitRefused(), 'credential-wrong-room');
    other.destroy();
  });

  it('a participant credential cannot act as facilitator, and a facilitator needs a fresh, unused proof', async () => {
    const { created, facilitator } = await startRoom(server);
    const kari = await call(server, '/workshop/exchange', { body: { invitation: created.participantInvitation, name: 'Kari' } });
    const asParticipant = await call(server, `/workshop/rooms/${created.room}/door`, { body: { open: false }, bearer: kari.body.credential, proof: await facilitator.device.proof('door', created.room, kari.body.credentialId) });
    assert.deepEqual([asParticipant.status, asParticipant.body.error], [403, 'facilitator-only']);
    const noProof = await call(server, `/workshop/rooms/${created.room}/door`, { body: { open: false }, bearer: facilitator.credential });
    assert.equal(noProof.body.error, 'proof-missing');
    const stale = await call(server, `/workshop/rooms/${created.room}/door`, { body: { open: false }, bearer: facilitator.credential, proof: await facilitator.device.proof('door', created.room, facilitator.credentialId, Date.now() - 120_000) });
    assert.equal(stale.body.error, 'proof-stale');
    const otherDevice = await device();
    const stolen = await call(server, `/workshop/rooms/${created.room}/door`, { body: { open: false }, bearer: facilitator.credential, proof: await otherDevice.proof('door', created.room, facilitator.credentialId) });
    assert.equal(stolen.body.error, 'proof-invalid');
    const wrongPurpose = await call(server, `/workshop/rooms/${created.room}/end`, { bearer: facilitator.credential, proof: await facilitator.device.proof('door', created.room, facilitator.credentialId) });
    assert.equal(wrongPurpose.body.error, 'proof-invalid');
    const proof = await facilitator.device.proof('door', created.room, facilitator.credentialId);
    const once = await call(server, `/workshop/rooms/${created.room}/door`, { body: { open: false }, bearer: facilitator.credential, proof });
    assert.equal(once.status, 200);
    const again = await call(server, `/workshop/rooms/${created.room}/door`, { body: { open: false }, bearer: facilitator.credential, proof });
    assert.equal(again.body.error, 'proof-replayed');
    // On the WebSocket: the credential without a proof, or with another device's, is refused.
    const bare = connect(server, { room: created.room, token: facilitator.credential });
    assert.equal(await bare.waitRefused(), 'proof-missing');
    bare.destroy();
    const copied = connect(server, { room: created.room, token: `${facilitator.credential}~${await otherDevice.proof('connect', created.room, facilitator.credentialId)}` });
    assert.equal(await copied.waitRefused(), 'proof-invalid');
    copied.destroy();
    // A connection's proof is for that connection: the same token again is a replay.
    const token = await facilitator.wsToken();
    const first = connect(server, { room: created.room, token });
    await first.waitSynced();
    first.destroy();
    const replayed = connect(server, { room: created.room, token });
    assert.equal(await replayed.waitRefused(), 'proof-replayed');
    replayed.destroy();
    // A facilitator invitation is one-time.
    const twice = await call(server, '/workshop/exchange', { body: { invitation: created.facilitatorInvitation, name: 'Eve', publicKey: otherDevice.publicKey } });
    assert.deepEqual([twice.status, twice.body.error], [410, 'invitation-used']);
  });

  it('the door: closed, no one joins by link or code; open again, they do', async () => {
    const { created, facilitator } = await startRoom(server);
    assert.deepEqual((await facilitator.act('door', { open: false })).body, { door: 'closed' });
    const byLink = await call(server, '/workshop/exchange', { body: { invitation: created.participantInvitation, name: 'Kari' } });
    assert.deepEqual([byLink.status, byLink.body.error], [403, 'door-closed']);
    const byCode = await call(server, '/workshop/join', { body: { code: created.code, name: 'Kari' }, forwardedFor: '10.0.1.1' });
    assert.deepEqual([byCode.status, byCode.body.error], [403, 'door-closed']);
    const status = await facilitator.act('status');
    assert.equal(status.body.door, 'closed');
    await facilitator.act('door', { open: true });
    assert.equal((await call(server, '/workshop/exchange', { body: { invitation: created.participantInvitation, name: 'Kari' } })).status, 200);
  });

  it('hands the lead to another device once; the old device loses it', async () => {
    const { created, facilitator } = await startRoom(server);
    const lead = connect(server, { room: created.room, token: await facilitator.wsToken() });
    await lead.waitSynced();
    const handOver = await facilitator.act('hand-over');
    assert.equal(handOver.status, 200);
    assert.ok(handOver.body.expiresAt <= Date.now() + 10 * 60_000);
    const projector = await device();
    const taken = await call(server, '/workshop/exchange', { body: { invitation: handOver.body.invitation, name: 'Projektor', publicKey: projector.publicKey } });
    assert.equal(taken.body.role, 'facilitator');
    await waitFor(() => lead.closeReasons.includes('credential-revoked'), { what: 'the old lead to be closed' });
    lead.destroy();
    const again = await call(server, '/workshop/exchange', { body: { invitation: handOver.body.invitation, name: 'Eve', publicKey: projector.publicKey } });
    assert.equal(again.body.error, 'invitation-used');
    const oldDevice = await facilitator.act('status');
    assert.equal(oldDevice.body.error, 'credential-revoked');
    const newLead = connect(server, { room: created.room, token: `${taken.body.credential}~${await projector.proof('connect', created.room, taken.body.credentialId)}` });
    await newLead.waitSynced();
    newLead.destroy();
  });

  it('ends the room: every connection closes, and nothing opens it again', async () => {
    const { created, facilitator } = await startRoom(server);
    const kari = await call(server, '/workshop/exchange', { body: { invitation: created.participantInvitation, name: 'Kari' } });
    const participant = connect(server, { room: created.room, token: kari.body.credential });
    await participant.waitSynced();
    addNote(participant.doc, 'n1', 'Snart borte');
    assert.deepEqual((await facilitator.act('end')).body, { ended: true });
    await waitFor(() => participant.closeReasons.includes('room-deleted'), { what: 'the participant to be closed' });
    participant.destroy();
    const back = connect(server, { room: created.room, token: kari.body.credential });
    assert.equal(await back.waitRefused(), 'room-deleted');
    back.destroy();
    const late = await call(server, '/workshop/join', { body: { code: created.code, name: 'Sen' }, forwardedFor: '10.0.2.1' });
    assert.equal(late.body.error, 'code-replaced');
  });

  it('the failure limits hold with the README\'s figures: per address (IPv6 per /64) and, past the total, slower but never locked', async () => {
    const figures = readmeFigures();
    const { created } = await startRoom(server);
    // One address: its limit of failures this hour, then refused; another address is not affected, nor link joins.
    const guess = (forwardedFor, code = 'ZZZZZZZ2') => call(server, '/workshop/join', { body: { code, name: 'Gjett' }, forwardedFor });
    const hour = Math.floor(Date.now() / 3_600_000);
    for (let i = 0; i < figures.failuresPerAddress; i += 1) assert.equal((await guess(`2001:db8:1:2::${i + 1}`)).body.error, 'code-unknown');
    // Another address in the same /64, and even the right code: refused until the hour ends.
    const blocked = await guess('2001:db8:1:2:ffff::9', created.code);
    if (Math.floor(Date.now() / 3_600_000) === hour) {
      assert.deepEqual([blocked.status, blocked.body.error], [429, 'code-attempts-exceeded']);
      assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    }
    assert.equal((await guess('2001:db8:1:3::1', created.code)).status, 200);
    assert.equal((await call(server, '/workshop/exchange', { body: { invitation: created.participantInvitation, name: 'Lenke' }, forwardedFor: '2001:db8:1:2::1' })).status, 200);
    const metrics = await (await fetch(`${server.http}/metrics`)).text();
    assert.match(metrics, /innovasjonsguide_workshop_refusals_total\{reason="code-attempts-exceeded"\} [1-9]/);
    assert.match(metrics, /innovasjonsguide_workshop_code_failures_total [1-9]/);
  });

  it('past the total of failures, code joins slow down (one at a time per address) and still succeed; link joins do not', async () => {
    const figures = readmeFigures();
    const total = await startServer({ env });
    try {
      const { created } = await startRoom(total);
      const guesses = [];
      for (let i = 0; i < figures.failuresTotal; i += 1) guesses.push(`10.9.${Math.floor(i / figures.failuresPerAddress)}.1`);
      // In parallel, a few at a time; each address within its own limit.
      for (let i = 0; i < guesses.length; i += 20) {
        await Promise.all(guesses.slice(i, i + 20).map((address) => call(total, '/workshop/join', { body: { code: 'ZZZZZZZ2', name: 'G' }, forwardedFor: address })));
      }
      const started = Date.now();
      const [first, second] = await Promise.all([
        call(total, '/workshop/join', { body: { code: created.code, name: 'Ekte' }, forwardedFor: '10.200.0.1' }),
        call(total, '/workshop/join', { body: { code: created.code, name: 'Ekte' }, forwardedFor: '10.200.0.1' }),
      ]);
      const statuses = [first.status, second.status].sort();
      assert.deepEqual(statuses, [200, 429]);
      assert.equal([first, second].find((each) => each.status === 429).body.error, 'slow-down');
      assert.ok(Date.now() - started >= 900, 'the answer is slowed down');
      const metrics = await (await fetch(`${total.http}/metrics`)).text();
      assert.match(metrics, /innovasjonsguide_workshop_code_slowdown 1/);
      const startedLink = Date.now();
      assert.equal((await call(total, '/workshop/exchange', { body: { invitation: created.participantInvitation, name: 'Lenke' } })).status, 200);
      assert.ok(Date.now() - startedLink < 900, 'link joins are not slowed');
    } finally {
      await total.stop();
    }
  });

  it('caps live created rooms per address', async () => {
    const capped = await startServer({ env: { ...env, MAX_CREATED_ROOMS_PER_ADDRESS: '2' } });
    try {
      assert.equal((await call(capped, '/workshop/rooms', { forwardedFor: '10.3.0.1' })).status, 201);
      assert.equal((await call(capped, '/workshop/rooms', { forwardedFor: '10.3.0.1' })).status, 201);
      const third = await call(capped, '/workshop/rooms', { forwardedFor: '10.3.0.1' });
      assert.deepEqual([third.status, third.body.error], [429, 'too-many-created-rooms']);
      assert.equal((await call(capped, '/workshop/rooms', { forwardedFor: '10.3.0.2' })).status, 201);
    } finally {
      await capped.stop();
    }
  });

  it('never writes an invitation, credential, proof or code to its log', () => {
    assertNoSecrets(server, secrets);
  });
});

describe('who may create', () => {
  it('off by default with COLLAB_SECRET; token mode wants a creation token', async () => {
    const off = await startServer({ env: { ALLOWED_ORIGINS: ORIGIN } });
    try {
      assert.deepEqual((await call(off, '/workshop', { method: 'GET' })).body, { create: false, createNeedsToken: false, codes: true });
      assert.equal((await call(off, '/workshop/rooms')).body.error, 'creation-off');
    } finally {
      await off.stop();
    }
    const byToken = await startServer({ env: { ROOM_CREATION: 'token', JOIN_CODES: 'off' } });
    try {
      assert.deepEqual((await call(byToken, '/workshop', { method: 'GET', origin: null })).body, { create: false, createNeedsToken: true, codes: false });
      assert.equal((await call(byToken, '/workshop/rooms', { origin: null })).body.error, 'creation-token-required');
      assert.equal((await call(byToken, '/workshop/rooms', { origin: null, bearer: await token({ room: '*' }) })).body.error, 'creation-token-invalid');
      const made = await call(byToken, '/workshop/rooms', { origin: null, bearer: await token({ room: null, name: null, create: true }) });
      assert.equal(made.status, 201);
      assert.equal(made.body.code, null);
      assert.equal((await call(byToken, '/workshop/join', { origin: null, body: { code: 'ABCDEFGH', name: 'x' } })).body.error, 'codes-off');
    } finally {
      await byToken.stop();
    }
  });

  it('with TENANTS_FILE, a tenant\'s creation token makes a room of that tenant, and the CLI states it', async () => {
    const { run, tempDir } = await import('./helpers.mjs');
    const { writeFileSync } = await import('node:fs');
    const { SignJWT } = await import('jose');
    const key = 'bergen-key-2026-11-long-enough-for-hs256-000';
    const file = join(tempDir(), 'tenants.json');
    writeFileSync(file, JSON.stringify({ tenants: { bergen: { keys: { '2026-11': key } }, oslo: { keys: { a: 'oslo-key-a-that-is-long-enough-for-hs256-000000' } } } }), { mode: 0o600 });
    const tenants = await startServer({ env: { ROOM_CREATION: 'token', TENANTS_FILE: file } });
    try {
      const sign = (claims, signingKey = key, kid = '2026-11') =>
        new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid }).setAudience('bergen').setExpirationTime('10m').sign(new TextEncoder().encode(signingKey));
      const made = await call(tenants, '/workshop/rooms', { origin: null, bearer: await sign({ create: true }) });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.match(made.body.room, /^bergen\.w[a-z2-7]{26}$/);
      // Oslo's key cannot make Bergen's rooms, nor a token without the claim.
      assert.equal((await call(tenants, '/workshop/rooms', { origin: null, bearer: await sign({ create: true }, 'oslo-key-a-that-is-long-enough-for-hs256-000000', 'a') })).body.error, 'creation-token-invalid');
      assert.equal((await call(tenants, '/workshop/rooms', { origin: null, bearer: await sign({ room: '*', name: 'x' }) })).body.error, 'creation-token-invalid');
      const me = await device();
      const lead = await call(tenants, '/workshop/exchange', { origin: null, body: { invitation: made.body.facilitatorInvitation, name: 'Leder', publicKey: me.publicKey } });
      const client = connect(tenants, { room: made.body.room, token: `${lead.body.credential}~${await me.proof('connect', made.body.room, lead.body.credentialId)}` });
      await client.waitSynced();
      client.destroy();
      const listed = await run(['rooms', 'created'], { env: { DATA_DIR: tenants.dataDir, COLLAB_SECRET: SECRET } });
      assert.match(listed.stdout, new RegExp(`^${made.body.room.replace('.', '\\.')}\ttenant bergen\ttoken\t`, 'm'));
    } finally {
      await tenants.stop();
    }
  });

  it('a start with ROOM_CREATION=open and no ALLOWED_ORIGINS, or limits that no code length can hold, stops with a clear message', async () => {
    const { run } = await import('./helpers.mjs');
    const noOrigins = await run([], { env: { COLLAB_SECRET: SECRET, ROOM_CREATION: 'open', DATA_DIR: '/tmp' } });
    assert.notEqual(noOrigins.code, 0);
    assert.match(noOrigins.stderr, /ROOM_CREATION=open needs ALLOWED_ORIGINS/);
    const loose = await run([], { env: { COLLAB_SECRET: SECRET, JOIN_CODE_FAILURES_PER_ADDRESS: '1000', DATA_DIR: '/tmp' } });
    assert.notEqual(loose.code, 0);
    assert.match(loose.stderr, /JOIN_CODE_FAILURES_PER_ADDRESS × MAX_LIVE_CODES is too large/);
  });
});

describe('the README\'s arithmetic', () => {
  it('its figures are the defaults, and its probability follows from them', async () => {
    const figures = readmeFigures();
    // The defaults as the server declares them (src/workshop/config.ts).
    const source = readFileSync(join(import.meta.dirname, '..', 'src', 'workshop', 'config.ts'), 'utf8');
    const WORKSHOP_DEFAULTS = Object.fromEntries([...source.split('WORKSHOP_DEFAULTS = {')[1].split('}')[0].matchAll(/(\w+): ([\d_]+)/g)].map(([, name, value]) => [name, Number(value.replace(/_/g, ''))]));
    assert.equal(figures.failuresPerAddress, WORKSHOP_DEFAULTS.JOIN_CODE_FAILURES_PER_ADDRESS);
    assert.equal(figures.failuresTotal, WORKSHOP_DEFAULTS.JOIN_CODE_FAILURES_TOTAL);
    assert.equal(figures.liveCodes, WORKSHOP_DEFAULTS.MAX_LIVE_CODES);
    assert.equal(figures.hours, WORKSHOP_DEFAULTS.JOIN_CODE_HOURS);
    const guesses = figures.addresses * figures.failuresPerAddress * (figures.hours + 1);
    assert.equal(figures.guesses, guesses);
    assert.equal(figures.space, 31 ** figures.length);
    const probability = (guesses * figures.liveCodes) / figures.space;
    assert.ok(probability <= 1e-4);
    assert.ok((guesses * figures.liveCodes) / 31 ** (figures.length - 1) > 1e-4, 'the shortest length that holds');
    assert.equal(figures.probability, Number(probability.toPrecision(2)));
  });
});

/** The figures of README's "Join codes: the arithmetic" (the lines that start with `- `name`: value`). */
function readmeFigures() {
  const section = README.split('### Join codes: the arithmetic')[1]?.split('\n### ')[0];
  assert.ok(section, 'README has the section "Join codes: the arithmetic"');
  const figure = (name) => {
    const match = new RegExp(`\\| ${name} \\| ([0-9.,e⁻ ×^-]+) \\|`).exec(section);
    assert.ok(match, `README names ${name}`);
    return Number(match[1].replace(/,/g, '').replace(/ /g, ''));
  };
  return {
    addresses: figure('addresses'),
    failuresPerAddress: figure('failures per address per hour'),
    failuresTotal: figure('failures in total per hour'),
    hours: figure('hours a code lives'),
    liveCodes: figure('live codes'),
    guesses: figure('guesses'),
    length: figure('code length'),
    space: figure('codes possible'),
    probability: figure('probability'),
  };
}

describe('several instances', () => {
  let redis;
  let postgres;
  let database = 0;
  async function freshDatabase() {
    const name = `workshop_${++database}`;
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    return postgres.url.replace(/\/postgres$/, `/${name}`);
  }
  before(async () => {
    [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  });

  it('a removed person is closed on two instances at once and refused on reconnect', async () => {
    const shared = { ...env, REDIS_URL: redis.url, DATABASE_URL: await freshDatabase() };
    const [a, b] = await Promise.all([startServer({ env: shared }), startServer({ env: shared })]);
    try {
      const { created, facilitator } = await startRoom(a);
      // The link made on A is exchanged on B: one database.
      const kari = await call(b, '/workshop/exchange', { body: { invitation: created.participantInvitation, name: 'Kari' } });
      assert.equal(kari.status, 200);
      const onA = connect(a, { room: created.room, token: kari.body.credential });
      const onB = connect(b, { room: created.room, token: kari.body.credential });
      await Promise.all([onA.waitSynced(), onB.waitSynced()]);
      const removed = await facilitator.act('remove', { sub: kari.body.sub });
      assert.deepEqual(removed.body, { removed: kari.body.sub });
      await Promise.all([
        waitFor(() => onA.closeReasons.includes('credential-revoked'), { what: 'A to close the removed person' }),
        waitFor(() => onB.closeReasons.includes('credential-revoked'), { what: 'B to close the removed person' }),
      ]);
      onA.destroy();
      onB.destroy();
      for (const server of [a, b]) {
        const back = connect(server, { room: created.room, token: kari.body.credential });
        assert.equal(await back.waitRefused(), 'credential-revoked');
        back.destroy();
      }
      assert.equal((await facilitator.act('remove', { sub: facilitator.sub })).body.error, 'remove-self');
      const status = await facilitator.act('status');
      assert.deepEqual(status.body.people.map((person) => [person.name, person.removed]), [['Fasilitator', false], ['Kari', true]]);
      assertNoSecrets(a, [kari.body.credential, created.participantInvitation, created.facilitatorInvitation, facilitator.credential]);
      assertNoSecrets(b, [kari.body.credential, created.participantInvitation]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('with Redis away, creation and code joins fail closed while link joins go on', async () => {
    const own = await startRedis();
    const shared = { ...env, REDIS_URL: own.url, DATABASE_URL: await freshDatabase() };
    const server = await startServer({ env: shared });
    try {
      const { created } = await startRoom(server);
      await own.stop();
      await waitFor(async () => (await call(server, '/workshop/rooms')).status === 503, { what: 'creation to be refused' });
      const created2 = await call(server, '/workshop/rooms');
      assert.deepEqual([created2.status, created2.body.error], [503, 'unavailable']);
      const byCode = await call(server, '/workshop/join', { body: { code: created.code, name: 'Kode' } });
      assert.deepEqual([byCode.status, byCode.body.error], [503, 'unavailable']);
      const byLink = await call(server, '/workshop/exchange', { body: { invitation: created.participantInvitation, name: 'Lenke' } });
      assert.equal(byLink.status, 200);
      const client = connect(server, { room: created.room, token: byLink.body.credential });
      await client.waitSynced();
      client.destroy();
    } finally {
      await server.stop();
    }
  });
});

describe('created rooms: their limits, their end, the CLI', () => {
  it('an openly created room holds less (CREATED_ROOM_MAX_BYTES); a room no one wrote in goes after CREATED_ROOM_UNUSED_HOURS; the CLI lists them', async () => {
    const { run } = await import('./helpers.mjs');
    const server = await startServer({ env: { ...env, CREATED_ROOM_MAX_BYTES: '40000', CREATED_ROOM_UNUSED_HOURS: '0.001', RETENTION_DAYS: '0.0001' } });
    try {
      const { created: used, facilitator } = await startRoom(server);
      const { created: unused } = await startRoom(server);
      const writer = connect(server, { room: used.room, token: await facilitator.wsToken() });
      await writer.waitSynced();
      let written = 0;
      while (!writer.closeReasons.includes('document-too-large') && written < 100) {
        addNote(writer.doc, `n${written}`, 'x'.repeat(2000));
        written += 1;
        await waitFor(() => writer.provider.unsyncedChanges === 0 || writer.closeReasons.length > 0, { what: 'the note to be answered' });
      }
      assert.ok(writer.closeReasons.includes('document-too-large'), 'refused past the smaller limit');
      assert.ok(written >= 15 && written <= 25, `refused near 40,000 bytes, after ${written} notes of 2,000 characters`);
      writer.destroy();
      // The unused room is deleted by the sweep (about every 2 s here); its link and code stop.
      await waitFor(async () => (await call(server, '/workshop/exchange', { body: { invitation: unused.participantInvitation, name: 'Sen' } })).body.error === 'room-ended', { what: 'the unused room to end' });
      const listed = await run(['rooms', 'created'], { env: { DATA_DIR: server.dataDir, COLLAB_SECRET: SECRET } });
      assert.equal(listed.code, 0, listed.stderr);
      assert.match(listed.stdout, new RegExp(`^${unused.room}\\ttenant -\\topen\\tcreated \\S+\\tended `, 'm'));
      assert.match(listed.stdout, new RegExp(`^${used.room}\\ttenant -\\topen\\tcreated \\S+\\t(door open|ended )`, 'm'));
    } finally {
      await server.stop();
    }
  });
});
