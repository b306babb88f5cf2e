// The workshop's Lit-free parts without a server: the join fragment, the code's form, the proof of
// possession (checked as the server checks it), and the credential store.
import { expect } from '@open-wc/testing';
import { takeJoinFragment } from '../../src/collab/join-fragment.js';
import { invitationInLink, joinLink } from '../../src/collab/join-link.js';
import { WorkshopClient, WorkshopError, displayCode, httpOrigin, makeProof, newFacilitatorKeys, normalizeCode } from '../../src/collab/workshop-client.js';
import { forgetCredential, keepCredential, readCredential } from '../../src/sources/workshop-credentials.js';

const fromBase64url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));

describe('workshop client (no server)', () => {
  const original = location.href;
  afterEach(() => {
    history.replaceState(null, '', original);
  });

  it('takes the invitation out of the address and leaves other anchors', () => {
    history.replaceState(null, '', `${location.pathname}${location.search}#trinn-2&innovasjon-join=abc.def.ghi`);
    expect(takeJoinFragment()).to.equal('abc.def.ghi');
    expect(location.hash).to.equal('#trinn-2');
    expect(takeJoinFragment(), 'handed over once').to.be.undefined;

    history.replaceState(null, '', `${location.pathname}${location.search}#innovasjon-join=x.y.z`);
    takeJoinFragment();
    expect(location.href.includes('#')).to.be.false;
    expect(location.href.includes('x.y.z')).to.be.false;
  });

  it('makes links on the page or a public page, and reads the invitation back from a pasted link', () => {
    const link = joinLink('https://www.kommune.no/verksted?a=1#trinn-3', 'inv.ita.tion');
    expect(link).to.equal('https://www.kommune.no/verksted?a=1#trinn-3&innovasjon-join=inv.ita.tion');
    expect(invitationInLink(link)).to.equal('inv.ita.tion');
    expect(invitationInLink('K7MQ-4XPD')).to.be.undefined;
    expect(new URL(link).search, 'never in the query').to.equal('?a=1');
  });

  it('normalises and shows codes; finds the HTTP origin of a collab-url', () => {
    expect(normalizeCode(' k7mq 4xpd ')).to.equal('K7MQ4XPD');
    expect(normalizeCode('k7mq-4xpd')).to.equal('K7MQ4XPD');
    expect(displayCode('k7mq4xpd')).to.equal('K7MQ-4XPD');
    expect(httpOrigin('wss://samarbeid.kommune.no/rom?x=1')).to.equal('https://samarbeid.kommune.no');
    expect(httpOrigin('ws://127.0.0.1:1234')).to.equal('http://127.0.0.1:1234');
  });

  it('signs a proof the server can verify with the public key, and cannot read the private key out', async () => {
    const { privateKey, publicJwk } = await newFacilitatorKeys();
    expect(privateKey.extractable).to.be.false;
    expect(publicJwk).to.have.keys(['kty', 'crv', 'x', 'y']);
    let exported: unknown;
    try {
      exported = await crypto.subtle.exportKey('jwk', privateKey);
    } catch {
      exported = undefined;
    }
    expect(exported).to.be.undefined;

    const key = { credential: 'c', credentialId: 'cid', room: 'wroom', privateKey };
    const proof = await makeProof(key, 'door', 1_700_000_000_000);
    const [t, n, s] = proof.split('.');
    expect(t).to.equal('1700000000000');
    expect(fromBase64url(n)).to.have.length(16);
    const publicKey = await crypto.subtle.importKey('jwk', publicJwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    const text = new TextEncoder().encode(`innovasjon-proof/1\ndoor\nwroom\ncid\n${t}\n${n}`);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, fromBase64url(s), text)).to.be.true;
    const other = new TextEncoder().encode(`innovasjon-proof/1\nend\nwroom\ncid\n${t}\n${n}`);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, fromBase64url(s), other), 'a proof is for its purpose only').to.be.false;
  });

  it('keeps a credential with its non-extractable key across reads, forgets it, and drops an expired one', async () => {
    const { privateKey } = await newFacilitatorKeys();
    const credential = { credential: 'jwt', credentialId: 'cid', sub: 'p-1', name: 'Kari', role: 'facilitator' as const, room: 'wroom', expiresAt: Date.now() + 60_000, privateKey };
    await keepCredential('ws://test', 'key-a', credential);
    const read = await readCredential('ws://test', 'key-a');
    expect(read?.sub).to.equal('p-1');
    expect(read?.privateKey).to.be.instanceOf(CryptoKey);
    expect(await readCredential('ws://test', 'key-b'), 'per guide').to.be.undefined;
    await forgetCredential('ws://test', 'key-a');
    expect(await readCredential('ws://test', 'key-a')).to.be.undefined;
    await keepCredential('ws://test', 'key-c', { ...credential, expiresAt: Date.now() - 1 });
    expect(await readCredential('ws://test', 'key-c')).to.be.undefined;
  });

  it('a server that cannot be reached is a refusal with the code network, and says nothing secret', async () => {
    const client = new WorkshopClient('ws://127.0.0.1:9');
    let error: unknown;
    try {
      await client.joinByCode('SECRETCODE', 'Kari');
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(WorkshopError);
    expect((error as WorkshopError).code).to.equal('network');
    expect((error as Error).message).not.to.contain('SECRET');
  });

  it('with several instances (collabUrls), tries the next when one cannot be reached, and keeps to the one that answered', async () => {
    const asked: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (async (input: RequestInfo | URL) => {
      const url = String(input);
      asked.push(url);
      if (url.startsWith('http://127.0.0.1:9')) throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify({ create: true, createNeedsToken: false, codes: true }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;
    try {
      const client = new WorkshopClient(['ws://127.0.0.1:9/a', 'ws://127.0.0.1:10']);
      expect(await client.capabilities()).to.deep.equal({ create: true, createNeedsToken: false, codes: true });
      expect(await client.capabilities()).to.deep.equal({ create: true, createNeedsToken: false, codes: true });
      expect(asked).to.deep.equal(['http://127.0.0.1:9/workshop', 'http://127.0.0.1:10/workshop', 'http://127.0.0.1:10/workshop']);
      window.fetch = (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch;
      let refused: unknown;
      await client.capabilities().catch((error: unknown) => (refused = error));
      expect((refused as WorkshopError).code, 'no instance answers').to.equal('network');
    } finally {
      window.fetch = realFetch;
    }
  });
});
