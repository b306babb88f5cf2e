// Rooms made on request (issue #22): creating a room, turning invitations and codes into personal
// credentials, the facilitator's actions, and checking a credential when a WebSocket connects.
// The HTTP side is workshop/http.ts; what is stored, workshop/store.ts.
import { isIP } from 'node:net';
import { randomBytes } from 'node:crypto';
import { decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { LIMITS } from '../../../src/store/types.js';
import type { Config } from '../config.js';
import { Refusal, roomOf, type RefusalReason } from '../limits.js';
import { log } from '../log.js';
import { cleanName } from '../presence.js';
import type { RoomService } from '../room-service.js';
import type { RoomStorage } from '../storage.js';
import type { TenantKeys } from '../tenants.js';
import type { Claims } from '../tokens.js';
import { makeCode, normalizeCode } from './codes.js';
import { FACILITATOR_INVITATION_MS } from './config.js';
import { CountersUnavailable, type Counters } from './counters.js';
import {
  publicKeyOf,
  randomId,
  signCredential,
  signInvitation,
  verifyCredential,
  verifyInvitation,
  verifyProof,
  WorkshopRefusal,
  type CredentialClaims,
  type Role,
} from './credentials.js';
import type { Invitation, WorkshopStore } from './store.js';

const HOUR_MS = 3_600_000;
/** Past the total of failures, each code attempt is answered after this pause, one at a time per address. */
export const SLOW_ANSWER_MS = 1000;
/** How often each instance looks for revocations made elsewhere (in case a Redis message was lost). */
const REVOCATION_POLL_MS = 5000;

/** The counting key of an address: IPv4 as it is, IPv6 by its /64. */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const full = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${full.slice(0, 4).map((part) => part.replace(/^0+(?=.)/, '').toLowerCase()).join(':')}::/64`;
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
/** `w` and 26 characters of a–z 2–7: 130 random bits. */
function roomName(): string {
  const bytes = randomBytes(17);
  let bits = 0;
  let value = 0;
  let name = 'w';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && name.length < 27) {
      name += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return name;
}

export interface CreatedResult {
  room: string;
  facilitatorInvitation: string;
  participantInvitation: string;
  code: string | null;
  linkExpiresAt: number;
  codeExpiresAt: number | null;
}

export interface CredentialResult {
  credential: string;
  credentialId: string;
  sub: string;
  name: string;
  role: Role;
  room: string;
  expiresAt: number;
}

export interface WorkshopOptions {
  config: Config;
  store: WorkshopStore;
  counters: Counters;
  key: Uint8Array;
  tenants: () => TenantKeys | null;
  rooms: RoomService;
  roomStore: RoomStorage;
  /** Closes a person's connections on this instance; returns how many. */
  closeSub: (room: string, sub: string) => number;
}

export class Workshop {
  readonly refusals = new Map<string, number>();
  codeFailures = 0;
  roomsCreated = 0;
  /** Whether the last code attempt found the total of failures past its limit. */
  slowedDown = false;
  #revocationTimer: ReturnType<typeof setInterval> | undefined;
  #lastPoll = Date.now();

  constructor(private readonly options: WorkshopOptions) {
    options.counters.onRevoked((room, sub) => {
      const closed = options.closeSub(room, sub);
      if (closed) log('workshop', { event: 'closed-removed', room, closed });
    });
    this.#revocationTimer = setInterval(() => void this.#pollRevocations(), REVOCATION_POLL_MS);
    this.#revocationTimer.unref();
  }

  get config() {
    return this.options.config.workshop;
  }

  refused(reason: string): void {
    this.refusals.set(reason, (this.refusals.get(reason) ?? 0) + 1);
  }

  async #pollRevocations(): Promise<void> {
    const since = this.#lastPoll - REVOCATION_POLL_MS;
    this.#lastPoll = Date.now();
    try {
      for (const { room, sub } of await this.options.store.revokedSince(since)) this.options.closeSub(room, sub);
    } catch (error) {
      log('warning', { during: 'revocation-poll', error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** What a page from `origin` may do. */
  capabilities(mayCreateFromOrigin: boolean): { create: boolean; createNeedsToken: boolean; codes: boolean } {
    const { creation, codes } = this.config;
    return { create: creation === 'open' && mayCreateFromOrigin, createNeedsToken: creation === 'token', codes };
  }

  /** A creation token (ROOM_CREATION=token): signed like a room token, with `"create": true`; returns its tenant. */
  async #creationTenant(bearer: string | undefined): Promise<string | null> {
    if (!bearer) throw new WorkshopRefusal('creation-token-required', 401);
    const tenants = this.options.tenants();
    let key: Uint8Array | undefined = this.options.config.secret ?? undefined;
    let audience: string | undefined;
    try {
      if (tenants) {
        const kid = decodeProtectedHeader(bearer).kid;
        audience = JSON.parse(Buffer.from(bearer.split('.')[1] ?? '', 'base64url').toString('utf8')).aud;
        key = typeof audience === 'string' && typeof kid === 'string' ? tenants.get(audience)?.get(kid) : undefined;
      }
      if (!key) throw new WorkshopRefusal('creation-token-invalid', 401);
      const { payload } = await jwtVerify(bearer, key, { algorithms: ['HS256'], requiredClaims: ['exp'], ...(audience && { audience }) });
      if (!tenants && payload.aud !== undefined) throw new WorkshopRefusal('creation-token-invalid', 401);
      if (payload.create !== true) throw new WorkshopRefusal('creation-token-invalid', 401);
      if (Number(payload.exp) * 1000 - Date.now() > this.options.config.tokenMaxMs) throw new WorkshopRefusal('creation-token-invalid', 401);
      return audience ?? null;
    } catch (error) {
      if (error instanceof WorkshopRefusal) throw error;
      throw new WorkshopRefusal(error instanceof errors.JWTExpired ? 'creation-token-invalid' : 'creation-token-invalid', 401);
    }
  }

  async #newCode(room: string, now: number): Promise<{ code: string | null; codeExpiresAt: number | null }> {
    const { codes, codeLength, codeLimits } = this.config;
    if (!codes) return { code: null, codeExpiresAt: null };
    if ((await this.options.store.countLiveCodes(now)) >= codeLimits.maxLiveCodes) return { code: null, codeExpiresAt: null };
    const codeExpiresAt = now + codeLimits.codeHours * HOUR_MS;
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const code = makeCode(codeLength);
      if (await this.options.store.claimCode(code, room, codeExpiresAt, now)) return { code, codeExpiresAt };
    }
    return { code: null, codeExpiresAt: null };
  }

  #linkExpiry(now: number): number {
    return now + Math.min(12 * HOUR_MS, this.options.config.tokenMaxMs);
  }

  async create(request: { address: string; bearer?: string }): Promise<CreatedResult> {
    const { creation, maxCreatedRooms, maxCreatedRoomsPerAddress } = this.config;
    if (creation === 'off') throw new WorkshopRefusal('creation-off', 403);
    const tenant = creation === 'token' ? await this.#creationTenant(request.bearer) : null;
    // With Redis configured, creation counts on it: Redis away, no rooms are made (fail closed).
    await this.#counted(() => this.options.counters.get('created', 0));
    const now = Date.now();
    const address = addressKey(request.address);
    const live = await this.options.store.countLive(address);
    if (live.total >= maxCreatedRooms || live.fromAddress >= maxCreatedRoomsPerAddress) throw new WorkshopRefusal('too-many-created-rooms', 429);
    const room = tenant ? `${tenant}.${roomName()}` : roomName();
    const linkExpiresAt = this.#linkExpiry(now);
    const participant: Invitation = { id: randomId(), room, role: 'participant', expiresAt: linkExpiresAt, state: 'active', replaces: null };
    const facilitator: Invitation = { id: randomId(), room, role: 'facilitator', expiresAt: now + FACILITATOR_INVITATION_MS, state: 'active', replaces: null };
    const { code, codeExpiresAt } = await this.#newCode(room, now);
    await this.options.store.createRoom(
      { room, tenant, creation, createdAt: now, address, doorOpen: true, linkId: participant.id, linkExpiresAt, code, codeExpiresAt, endedAt: null },
      [participant, facilitator],
    );
    this.roomsCreated += 1;
    log('workshop', { event: 'create', room, tenant: tenant ?? undefined, creation, addr: request.address });
    return {
      room,
      facilitatorInvitation: await signInvitation(this.options.key, { jti: facilitator.id, room, role: 'facilitator' }, facilitator.expiresAt),
      participantInvitation: await signInvitation(this.options.key, { jti: participant.id, room, role: 'participant' }, participant.expiresAt),
      code,
      linkExpiresAt,
      codeExpiresAt,
    };
  }

  /** The room must be live: created here, not ended, not deleted. */
  async #liveRoom(room: string) {
    const created = await this.options.store.room(room);
    if (!created) throw new WorkshopRefusal('not-found', 404);
    if (created.endedAt !== null || (await this.options.roomStore.deletedAt(room)) !== null) throw new WorkshopRefusal('room-ended', 410);
    return created;
  }

  #name(raw: unknown): string {
    const name = cleanName(raw);
    if (!name) throw new WorkshopRefusal('name-invalid', 400);
    return name;
  }

  async #issue(room: string, role: Role, name: string, jwk?: CredentialClaims['jwk']): Promise<CredentialResult> {
    const people = await this.options.store.people(room);
    if (people.length >= LIMITS.participants) throw new WorkshopRefusal('room-full', 429);
    const sub = `${role === 'facilitator' ? 'f' : 'p'}-${randomId(12)}`;
    const jti = randomId();
    const expiresAt = Date.now() + this.options.config.tokenMaxMs;
    await this.options.store.addPerson({ room, sub, name, role, joinedAt: Date.now(), revokedAt: null });
    const credential = await signCredential(this.options.key, { room, sub, name, role, jti, expiresAt, ...(jwk && { jwk }) });
    log('workshop', { event: 'credential', room, sub, role });
    return { credential, credentialId: jti, sub, name, role, room, expiresAt };
  }

  async exchange(body: { invitation?: unknown; name?: unknown; publicKey?: unknown }): Promise<CredentialResult> {
    const claims = await verifyInvitation(this.options.key, body.invitation);
    const name = this.#name(body.name);
    const invitation = await this.options.store.invitation(claims.jti);
    if (!invitation || invitation.room !== claims.room || invitation.role !== claims.role) throw new WorkshopRefusal('invitation-invalid', 400);
    const room = await this.#liveRoom(invitation.room);
    if (invitation.state === 'replaced') throw new WorkshopRefusal('invitation-replaced', 410);
    if (invitation.state === 'used') throw new WorkshopRefusal('invitation-used', 410);
    if (invitation.expiresAt <= Date.now()) throw new WorkshopRefusal('invitation-expired', 410);
    if (invitation.role === 'participant') {
      if (!room.doorOpen) throw new WorkshopRefusal('door-closed', 403);
      return this.#issue(room.room, 'participant', name);
    }
    const jwk = await publicKeyOf(body.publicKey);
    if (!(await this.options.store.useInvitation(invitation.id))) throw new WorkshopRefusal('invitation-used', 410);
    const result = await this.#issue(room.room, 'facilitator', name, jwk);
    // A hand-over: the lead moves, the old device's credential ends.
    if (invitation.replaces) await this.#revoke(room.room, invitation.replaces);
    return result;
  }

  async #counted<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      if (error instanceof CountersUnavailable) throw new WorkshopRefusal('unavailable', 503);
      throw error;
    }
  }

  /** A code join: counted per address and in total (docs/workshop-api.md); Redis away, refused. */
  async join(body: { code?: unknown; name?: unknown }, address: string): Promise<CredentialResult> {
    const { codes, codeLength, codeLimits, failuresTotalPerHour } = this.config;
    if (!codes) throw new WorkshopRefusal('codes-off', 403);
    const name = this.#name(body.name);
    const counters = this.options.counters;
    const hour = Math.floor(Date.now() / HOUR_MS);
    const key = `fail:${addressKey(address)}`;
    this.slowedDown = (await this.#counted(() => counters.get('fail-total', hour))) >= failuresTotalPerHour;
    let locked = false;
    if (this.slowedDown) {
      // Many failures everywhere: one attempt at a time per address, each answered after a pause.
      if (!(await this.#counted(() => counters.lock(`slow:${addressKey(address)}`, 10_000)))) throw new WorkshopRefusal('slow-down', 429);
      locked = true;
    }
    try {
      if (locked) await new Promise((resolve) => setTimeout(resolve, SLOW_ANSWER_MS));
      // Counted before it is checked, so attempts at once cannot all slip under the limit; a success is taken back.
      const failures = await this.#counted(() => counters.increment(key, hour));
      if (failures > codeLimits.failuresPerAddressPerHour) throw new WorkshopRefusal('code-attempts-exceeded', 429);
      const code = normalizeCode(body.code, codeLength);
      const found = code === undefined ? undefined : await this.options.store.code(code);
      const now = Date.now();
      let reason: string | undefined;
      if (!found) reason = 'code-unknown';
      else if (found.state === 'replaced') reason = 'code-replaced';
      else if (found.expiresAt <= now) reason = 'code-expired';
      if (reason || !found) {
        this.codeFailures += 1;
        await this.#counted(() => counters.increment('fail-total', hour));
        throw new WorkshopRefusal(reason ?? 'code-unknown', reason === 'code-unknown' ? 404 : 410);
      }
      await counters.decrement(key, hour).catch(() => {});
      const room = await this.#liveRoom(found.room);
      if (!room.doorOpen) throw new WorkshopRefusal('door-closed', 403);
      return this.#issue(room.room, 'participant', name);
    } finally {
      if (locked) await counters.unlock(`slow:${addressKey(address)}`);
    }
  }

  /** A facilitator's request: the credential, for this room, not revoked, with a fresh proof for `purpose`. */
  async facilitator(room: string, bearer: string | undefined, proof: string | undefined, purpose: string): Promise<CredentialClaims> {
    const claims = await verifyCredential(this.options.key, bearer);
    if (claims.room !== room) throw new WorkshopRefusal('credential-wrong-room', 403);
    await this.#liveRoom(room);
    const person = await this.options.store.person(room, claims.sub);
    if (!person || person.revokedAt !== null) throw new WorkshopRefusal('credential-revoked', 403);
    if (claims.role !== 'facilitator') throw new WorkshopRefusal('facilitator-only', 403);
    await verifyProof(proof, purpose, claims, (key, ms) => this.#remember(key, ms));
    return claims;
  }

  /** Used proofs: in Redis when configured; while it is away, in this instance's memory (a connection must not fail with it). */
  readonly #localProofs = new Map<string, number>();
  async #remember(key: string, ms: number): Promise<boolean> {
    try {
      return await this.options.counters.remember(key, ms);
    } catch {
      const now = Date.now();
      for (const [each, until] of this.#localProofs) if (until <= now) this.#localProofs.delete(each);
      if ((this.#localProofs.get(key) ?? 0) > now) return false;
      this.#localProofs.set(key, now + ms);
      return true;
    }
  }

  async status(room: string) {
    const created = await this.#liveRoom(room);
    const people = await this.options.store.people(room);
    return {
      room,
      door: created.doorOpen ? 'open' : 'closed',
      code: created.code,
      linkExpiresAt: created.linkExpiresAt,
      codeExpiresAt: created.codeExpiresAt,
      people: people.map(({ sub, name, role, revokedAt }) => ({ sub, name, role, removed: revokedAt !== null })),
    };
  }

  async newLink(room: string) {
    await this.#liveRoom(room);
    const now = Date.now();
    const invitation: Invitation = { id: randomId(), room, role: 'participant', expiresAt: this.#linkExpiry(now), state: 'active', replaces: null };
    const { code, codeExpiresAt } = await this.#newCode(room, now);
    await this.options.store.replaceLink(room, invitation, code, codeExpiresAt);
    log('workshop', { event: 'new-link', room });
    return {
      participantInvitation: await signInvitation(this.options.key, { jti: invitation.id, room, role: 'participant' }, invitation.expiresAt),
      code,
      linkExpiresAt: invitation.expiresAt,
      codeExpiresAt,
    };
  }

  async door(room: string, open: unknown) {
    if (typeof open !== 'boolean') throw new WorkshopRefusal('bad-request', 400);
    await this.options.store.setDoor(room, open);
    log('workshop', { event: open ? 'door-open' : 'door-closed', room });
    return { door: open ? 'open' : 'closed' };
  }

  async #revoke(room: string, sub: string): Promise<void> {
    await this.options.store.revoke(room, sub, Date.now());
    await this.options.counters.announceRevoked(room, sub);
    log('workshop', { event: 'remove', room, sub });
  }

  async remove(claims: CredentialClaims, sub: unknown) {
    if (typeof sub !== 'string' || sub.length > 64) throw new WorkshopRefusal('bad-request', 400);
    if (sub === claims.sub) throw new WorkshopRefusal('remove-self', 400);
    if (!(await this.options.store.person(claims.room, sub))) throw new WorkshopRefusal('not-found', 404);
    await this.#revoke(claims.room, sub);
    return { removed: sub };
  }

  async handOver(claims: CredentialClaims) {
    const expiresAt = Date.now() + FACILITATOR_INVITATION_MS;
    const invitation: Invitation = { id: randomId(), room: claims.room, role: 'facilitator', expiresAt, state: 'active', replaces: claims.sub };
    await this.options.store.addInvitation(invitation);
    log('workshop', { event: 'hand-over', room: claims.room });
    return { invitation: await signInvitation(this.options.key, { jti: invitation.id, room: claims.room, role: 'facilitator' }, expiresAt), expiresAt };
  }

  async end(room: string) {
    await this.options.store.end(room, Date.now());
    await this.options.rooms.delete(room, 'operator');
    log('workshop', { event: 'end', room });
    return { ended: true };
  }

  /**
   * A credential on the WebSocket (`<credential>` or, for a facilitator, `<credential>~<proof>`):
   * the room's claims, or a Refusal with the reason.
   */
  async verifyConnection(token: string, documentName: string): Promise<Claims> {
    const tilde = token.indexOf('~');
    const credential = tilde < 0 ? token : token.slice(0, tilde);
    const proof = tilde < 0 ? undefined : token.slice(tilde + 1);
    try {
      const claims = await verifyCredential(this.options.key, credential);
      if (claims.room !== roomOf(documentName)) throw new WorkshopRefusal('credential-wrong-room', 403);
      const person = await this.options.store.person(claims.room, claims.sub);
      if (!person || person.revokedAt !== null) throw new WorkshopRefusal('credential-revoked', 403);
      if (claims.role === 'facilitator') await verifyProof(proof, 'connect', claims, (key, ms) => this.#remember(key, ms));
      return { room: documentName, expiresAt: claims.expiresAt, name: claims.name, sub: claims.sub, ...(claims.role === 'facilitator' && { role: 'facilitator' as const }) };
    } catch (error) {
      if (error instanceof WorkshopRefusal) throw new Refusal(error.reason as RefusalReason, error.status === 403 ? 4403 : 4401);
      throw error;
    }
  }

  /**
   * Created rooms: deleted when no one wrote in them for `unusedMs` after creation, or idle past
   * CREATED_ROOM_RETENTION_DAYS; rooms deleted otherwise (the CLI, retention) are ended here too.
   */
  async sweep(now = Date.now()): Promise<number> {
    let deleted = 0;
    for (const created of await this.options.store.rooms()) {
      if (created.endedAt !== null) continue;
      const info = await this.options.roomStore.info(created.room);
      const gone = (await this.options.roomStore.deletedAt(created.room)) !== null;
      const unused = (!info || info.bytes === 0) && now - created.createdAt > this.config.unusedMs;
      const idle = now - Math.max(created.createdAt, info?.lastActivity ?? 0) > this.config.retentionMs;
      if (gone || unused || idle) {
        await this.options.store.end(created.room, now);
        if (!gone) await this.options.rooms.delete(created.room, 'retention');
        log('workshop', { event: 'expire', room: created.room, why: gone ? 'deleted' : unused ? 'unused' : 'retention' });
        deleted += 1;
      }
    }
    await this.options.store.purge(now, this.options.config.tokenMaxMs);
    return deleted;
  }

  metrics(): string {
    const lines = [
      '# HELP innovasjonsguide_workshop_rooms_created_total Rooms created on request by this instance.',
      '# TYPE innovasjonsguide_workshop_rooms_created_total counter',
      `innovasjonsguide_workshop_rooms_created_total ${this.roomsCreated}`,
      '# HELP innovasjonsguide_workshop_code_failures_total Failed code joins on this instance (wrong, expired or replaced codes).',
      '# TYPE innovasjonsguide_workshop_code_failures_total counter',
      `innovasjonsguide_workshop_code_failures_total ${this.codeFailures}`,
      '# HELP innovasjonsguide_workshop_code_slowdown 1 while code joins are slowed down (failures in total past JOIN_CODE_FAILURES_TOTAL this hour).',
      '# TYPE innovasjonsguide_workshop_code_slowdown gauge',
      `innovasjonsguide_workshop_code_slowdown ${this.slowedDown ? 1 : 0}`,
      '# HELP innovasjonsguide_workshop_refusals_total Workshop requests refused, by reason.',
      '# TYPE innovasjonsguide_workshop_refusals_total counter',
      ...[...this.refusals].sort(([a], [b]) => a.localeCompare(b)).map(([reason, count]) => `innovasjonsguide_workshop_refusals_total{reason="${reason}"} ${count}`),
    ];
    return `${lines.join('\n')}\n`;
  }

  stop(): void {
    clearInterval(this.#revocationTimer);
  }
}
