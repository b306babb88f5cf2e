// The page's half of the workshop API (docs/workshop-api.md of the server): rooms made on request,
// invitations exchanged for personal credentials, join codes, and the facilitator's actions signed
// with a proof of possession. No Lit, no DOM: plain fetch and WebCrypto.

import type { CredentialRefusal } from './schema.js';

/** Why the server (or this page) said no: one of the contract's refusal reasons, or `network`. */
export type WorkshopRefusal =
  | 'origin-not-allowed'
  | 'creation-off'
  | 'creation-token-required'
  | 'creation-token-invalid'
  | 'too-many-created-rooms'
  | 'invitation-invalid'
  | 'invitation-expired'
  | 'invitation-replaced'
  | 'invitation-used'
  | 'door-closed'
  | 'room-ended'
  | 'name-invalid'
  | 'public-key-required'
  | 'public-key-invalid'
  | 'codes-off'
  | 'code-unknown'
  | 'code-expired'
  | 'code-replaced'
  | 'code-attempts-exceeded'
  | 'slow-down'
  | CredentialRefusal
  | 'facilitator-only'
  | 'remove-self'
  | 'not-found'
  | 'bad-request'
  | 'unavailable'
  /** The server could not be reached, or answered something that is not the contract. */
  | 'network';

const REASONS: ReadonlySet<string> = new Set<WorkshopRefusal>([
  'origin-not-allowed', 'creation-off', 'creation-token-required', 'creation-token-invalid', 'too-many-created-rooms',
  'invitation-invalid', 'invitation-expired', 'invitation-replaced', 'invitation-used', 'door-closed', 'room-ended',
  'name-invalid', 'public-key-required', 'public-key-invalid', 'codes-off', 'code-unknown', 'code-expired', 'code-replaced',
  'code-attempts-exceeded', 'slow-down', 'credential-invalid', 'credential-expired', 'credential-revoked',
  'credential-wrong-room', 'proof-missing', 'proof-invalid', 'proof-stale', 'proof-replayed', 'facilitator-only',
  'remove-self', 'not-found', 'bad-request', 'unavailable', 'network',
]);

/**
 * A refused workshop request. `code` names the reason; the message never carries an invitation,
 * a credential, a proof or a join code.
 */
export class WorkshopError extends Error {
  override name = 'WorkshopError';
  constructor(
    readonly code: WorkshopRefusal,
    /** Seconds the server asks to wait (429, 503), when it said. */
    readonly retryAfter?: number,
  ) {
    super(`The collaboration server refused: ${code}.`);
  }
}

/** What this page may do on the server (`GET /workshop`). */
export interface WorkshopCapabilities {
  readonly create: boolean;
  readonly createNeedsToken: boolean;
  readonly codes: boolean;
}

export interface CreatedRoom {
  readonly room: string;
  readonly facilitatorInvitation: string;
  readonly participantInvitation: string;
  readonly code: string | null;
  readonly linkExpiresAt: number;
  readonly codeExpiresAt: number | null;
}

/** A personal credential, as `/workshop/exchange` and `/workshop/join` give it. */
export interface IssuedCredential {
  readonly credential: string;
  readonly credentialId: string;
  readonly sub: string;
  readonly name: string;
  readonly role: 'participant' | 'facilitator';
  readonly room: string;
  readonly expiresAt: number;
}

export interface RoomStatus {
  readonly room: string;
  readonly door: 'open' | 'closed';
  readonly code: string | null;
  readonly linkExpiresAt: number | null;
  readonly codeExpiresAt: number | null;
  readonly people: readonly { sub: string; name: string; role: string; removed: boolean }[];
}

export interface NewLink {
  readonly participantInvitation: string;
  readonly code: string | null;
  readonly linkExpiresAt: number;
  readonly codeExpiresAt: number | null;
}

/** The purposes a facilitator's proof is made for: each request signs its own. */
export type ProofPurpose = 'connect' | 'status' | 'link' | 'door' | 'remove' | 'hand-over' | 'end';

/** What signs a facilitator's requests: its credential and the non-extractable private key. */
export interface FacilitatorKey {
  readonly credential: string;
  readonly credentialId: string;
  readonly room: string;
  readonly privateKey: CryptoKey;
}

/** The collaboration server's HTTP origin for a `collab-url` (`wss:` → `https:`, path and query dropped). */
export function httpOrigin(collabUrl: string): string {
  const url = new URL(collabUrl);
  const protocol = url.protocol === 'wss:' ? 'https:' : url.protocol === 'ws:' ? 'http:' : url.protocol;
  return `${protocol}//${url.host}`;
}

const base64url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A fresh proof of possession: `<t>.<n>.<s>`, signed over the contract's text with the facilitator's key. */
export async function makeProof(key: FacilitatorKey, purpose: ProofPurpose, now = Date.now()): Promise<string> {
  const t = String(Math.round(now));
  const n = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const text = `innovasjon-proof/1\n${purpose}\n${key.room}\n${key.credentialId}\n${t}\n${n}`;
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key.privateKey, new TextEncoder().encode(text));
  return `${t}.${n}.${base64url(new Uint8Array(signature))}`;
}

/** A new ECDSA P-256 key pair whose private half can sign but never be read out (not even by this page). */
export async function newFacilitatorKeys(): Promise<{ privateKey: CryptoKey; publicJwk: JsonWebKey }> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { privateKey: pair.privateKey, publicJwk: { kty, crv, x, y } };
}

/** A join code as a person may type it: case, spaces and dashes do not matter. */
export const normalizeCode = (input: string): string => input.toUpperCase().replace(/[\s-]+/g, '');

/** A join code as shown: `XXXX-XXXX`. */
export const displayCode = (code: string): string => {
  const plain = normalizeCode(code);
  return plain.length > 4 ? `${plain.slice(0, plain.length / 2)}-${plain.slice(plain.length / 2)}` : plain;
};

/**
 * The workshop API of one collaboration service: one server, or several instances of it that share one
 * database (`collabUrls`). A request that reaches no instance is tried at the next.
 */
export class WorkshopClient {
  readonly origins: readonly string[];

  constructor(collabUrls: string | readonly string[]) {
    const urls = typeof collabUrls === 'string' ? [collabUrls] : collabUrls;
    if (urls.length === 0) throw new TypeError('A workshop needs a collaboration server');
    this.origins = [...new Set(urls.map(httpOrigin))];
  }

  /** The instance tried first (the one that answered last). */
  get origin(): string {
    return this.origins[this.#current];
  }

  #current = 0;

  async capabilities(): Promise<WorkshopCapabilities> {
    const body = await this.#request('GET', '/workshop');
    return { create: body.create === true, createNeedsToken: body.createNeedsToken === true, codes: body.codes === true };
  }

  async createRoom(creationToken?: string): Promise<CreatedRoom> {
    const headers: Record<string, string> = creationToken ? { Authorization: `Bearer ${creationToken}` } : {};
    const body = await this.#request('POST', '/workshop/rooms', {}, headers);
    return {
      room: text(body.room),
      facilitatorInvitation: text(body.facilitatorInvitation),
      participantInvitation: text(body.participantInvitation),
      code: typeof body.code === 'string' ? body.code : null,
      linkExpiresAt: time(body.linkExpiresAt),
      codeExpiresAt: typeof body.codeExpiresAt === 'number' ? body.codeExpiresAt : null,
    };
  }

  /** Exchanges an invitation for a credential; a facilitator's (or a hand-over) needs the public key. */
  async exchange(invitation: string, name: string, publicKey?: JsonWebKey): Promise<IssuedCredential> {
    return issued(await this.#request('POST', '/workshop/exchange', { invitation, name, ...(publicKey ? { publicKey } : {}) }));
  }

  async joinByCode(code: string, name: string): Promise<IssuedCredential> {
    return issued(await this.#request('POST', '/workshop/join', { code: normalizeCode(code), name }));
  }

  async status(key: FacilitatorKey): Promise<RoomStatus> {
    const body = await this.#facilitator(key, 'GET', 'status', '');
    return {
      room: text(body.room),
      door: body.door === 'closed' ? 'closed' : 'open',
      code: typeof body.code === 'string' ? body.code : null,
      linkExpiresAt: typeof body.linkExpiresAt === 'number' ? body.linkExpiresAt : null,
      codeExpiresAt: typeof body.codeExpiresAt === 'number' ? body.codeExpiresAt : null,
      people: Array.isArray(body.people)
        ? body.people.filter(isRecord).map((person) => ({
            sub: text(person.sub),
            name: typeof person.name === 'string' ? person.name : '',
            role: typeof person.role === 'string' ? person.role : 'participant',
            removed: person.removed === true,
          }))
        : [],
    };
  }

  /** *Lag ny lenke*: the old link and code stop working; people already in stay. */
  async newLink(key: FacilitatorKey): Promise<NewLink> {
    const body = await this.#facilitator(key, 'POST', 'link', '/link', {});
    return {
      participantInvitation: text(body.participantInvitation),
      code: typeof body.code === 'string' ? body.code : null,
      linkExpiresAt: time(body.linkExpiresAt),
      codeExpiresAt: typeof body.codeExpiresAt === 'number' ? body.codeExpiresAt : null,
    };
  }

  async setDoor(key: FacilitatorKey, open: boolean): Promise<'open' | 'closed'> {
    const body = await this.#facilitator(key, 'POST', 'door', '/door', { open });
    return body.door === 'closed' ? 'closed' : 'open';
  }

  async remove(key: FacilitatorKey, sub: string): Promise<void> {
    await this.#facilitator(key, 'POST', 'remove', '/remove', { sub });
  }

  async handOver(key: FacilitatorKey): Promise<{ invitation: string; expiresAt: number }> {
    const body = await this.#facilitator(key, 'POST', 'hand-over', '/hand-over', {});
    return { invitation: text(body.invitation), expiresAt: time(body.expiresAt) };
  }

  async end(key: FacilitatorKey): Promise<void> {
    await this.#facilitator(key, 'POST', 'end', '/end', {});
  }

  async #facilitator(key: FacilitatorKey, method: 'GET' | 'POST', purpose: ProofPurpose, path: string, body?: unknown) {
    // A fresh proof for each instance tried: one that reached an instance before it failed is never sent again.
    return this.#request(method, `/workshop/rooms/${encodeURIComponent(key.room)}${path}`, body, async () => ({
      Authorization: `Bearer ${key.credential}`,
      'Innovasjon-Proof': await makeProof(key, purpose),
    }));
  }

  async #request(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> | (() => Promise<Record<string, string>>) = {},
  ): Promise<Record<string, unknown>> {
    let response: Response | undefined;
    for (let tried = 0; tried < this.origins.length && !response; tried++) {
      const origin = this.origins[(this.#current + tried) % this.origins.length];
      const sent = typeof headers === 'function' ? await headers() : headers;
      try {
        response = await fetch(`${origin}${path}`, {
          method,
          mode: 'cors',
          credentials: 'omit',
          cache: 'no-store',
          headers: body === undefined ? sent : { ...sent, 'Content-Type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        this.#current = this.origins.indexOf(origin);
      } catch {
        // This instance cannot be reached: the next one is tried.
      }
    }
    if (!response) throw new WorkshopError('network');
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const reason = isRecord(json) && typeof json.error === 'string' && REASONS.has(json.error) ? (json.error as WorkshopRefusal) : 'network';
      const retry = Number(response.headers.get('Retry-After'));
      throw new WorkshopError(reason, Number.isFinite(retry) && retry > 0 ? retry : undefined);
    }
    if (!isRecord(json)) throw new WorkshopError('network');
    return json;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new WorkshopError('network');
  return value;
}

function time(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new WorkshopError('network');
  return value;
}

function issued(body: Record<string, unknown>): IssuedCredential {
  return {
    credential: text(body.credential),
    credentialId: text(body.credentialId),
    sub: text(body.sub),
    name: typeof body.name === 'string' ? body.name : '',
    role: body.role === 'facilitator' ? 'facilitator' : 'participant',
    room: text(body.room),
    expiresAt: time(body.expiresAt),
  };
}
