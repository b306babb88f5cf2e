// Invitations and personal credentials: JWTs signed with the server-only key (store.ts), each
// kind with its own audience, so neither is ever taken for the other nor for a room token (room
// tokens are signed with COLLAB_SECRET and carry no audience). A facilitator's credential is bound
// to the public half of a key the page cannot export (`cnf.jwk`); each use carries a fresh proof.
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { decodeJwt, errors, jwtVerify, SignJWT } from 'jose';

export const INVITATION_AUDIENCE = 'innovasjonsguide-invitation';
export const CREDENTIAL_AUDIENCE = 'innovasjonsguide-credential';
/** A proof is fresh this long either side of the server's clock; used ones are remembered twice as long. */
export const PROOF_WINDOW_MS = 60_000;

export type Role = 'participant' | 'facilitator';

export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

export interface CredentialClaims {
  room: string;
  sub: string;
  name: string;
  role: Role;
  /** The credential's id, which proofs name. */
  jti: string;
  expiresAt: number;
  jwk?: PublicJwk;
}

/** A reason the page can act on (docs/workshop-api.md). */
export class WorkshopRefusal {
  constructor(
    readonly reason: string,
    readonly status: number,
  ) {}
}

export const randomId = (bytes = 16): string => randomBytes(bytes).toString('base64url');

export async function signInvitation(key: Uint8Array, claims: { jti: string; room: string; role: Role }, expiresAt: number): Promise<string> {
  return new SignJWT({ room: claims.room, role: claims.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(INVITATION_AUDIENCE)
    .setJti(claims.jti)
    .setExpirationTime(Math.floor(expiresAt / 1000))
    .sign(key);
}

export async function verifyInvitation(key: Uint8Array, token: unknown): Promise<{ jti: string; room: string; role: Role }> {
  if (typeof token !== 'string' || token.length > 2048) throw new WorkshopRefusal('invitation-invalid', 400);
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], audience: INVITATION_AUDIENCE, requiredClaims: ['exp', 'jti'] });
    const { room, role, jti } = payload;
    if (typeof room !== 'string' || (role !== 'participant' && role !== 'facilitator') || typeof jti !== 'string') throw new WorkshopRefusal('invitation-invalid', 400);
    return { jti, room, role };
  } catch (error) {
    if (error instanceof WorkshopRefusal) throw error;
    throw new WorkshopRefusal(error instanceof errors.JWTExpired ? 'invitation-expired' : 'invitation-invalid', error instanceof errors.JWTExpired ? 410 : 400);
  }
}

export async function signCredential(key: Uint8Array, claims: CredentialClaims): Promise<string> {
  return new SignJWT({ room: claims.room, name: claims.name, role: claims.role, ...(claims.jwk && { cnf: { jwk: claims.jwk } }) })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(CREDENTIAL_AUDIENCE)
    .setSubject(claims.sub)
    .setJti(claims.jti)
    .setIssuedAt()
    .setExpirationTime(Math.floor(claims.expiresAt / 1000))
    .sign(key);
}

/** Whether a WebSocket token is a credential (rather than a kommune's room token): its audience says so. */
export function looksLikeCredential(token: string): boolean {
  try {
    const aud = decodeJwt(token.split('~')[0] ?? '').aud;
    return aud === CREDENTIAL_AUDIENCE || aud === INVITATION_AUDIENCE;
  } catch {
    return false;
  }
}

export async function verifyCredential(key: Uint8Array, token: unknown): Promise<CredentialClaims> {
  if (typeof token !== 'string' || token.length > 4096) throw new WorkshopRefusal('credential-invalid', 401);
  let payload: Record<string, unknown>;
  try {
    payload = (await jwtVerify(token, key, { algorithms: ['HS256'], audience: CREDENTIAL_AUDIENCE, requiredClaims: ['exp', 'jti', 'sub'] })).payload;
  } catch (error) {
    throw new WorkshopRefusal(error instanceof errors.JWTExpired ? 'credential-expired' : 'credential-invalid', 401);
  }
  const { room, name, role, sub, jti, exp, cnf } = payload;
  if (typeof room !== 'string' || typeof name !== 'string' || typeof sub !== 'string' || typeof jti !== 'string') throw new WorkshopRefusal('credential-invalid', 401);
  if (role !== 'participant' && role !== 'facilitator') throw new WorkshopRefusal('credential-invalid', 401);
  const jwk = (cnf as { jwk?: unknown } | undefined)?.jwk;
  if (role === 'facilitator' && !isPublicJwk(jwk)) throw new WorkshopRefusal('credential-invalid', 401);
  return { room, name, role, sub, jti, expiresAt: Number(exp) * 1000, ...(role === 'facilitator' && { jwk: jwk as PublicJwk }) };
}

export function isPublicJwk(value: unknown): value is PublicJwk {
  if (!value || typeof value !== 'object') return false;
  const jwk = value as Record<string, unknown>;
  const coordinate = (each: unknown) => typeof each === 'string' && /^[A-Za-z0-9_-]{43}$/.test(each);
  return jwk.kty === 'EC' && jwk.crv === 'P-256' && coordinate(jwk.x) && coordinate(jwk.y) && jwk.d === undefined;
}

/** Only the public members, whatever else the page sent. */
export async function publicKeyOf(value: unknown): Promise<PublicJwk> {
  if (value === undefined || value === null) throw new WorkshopRefusal('public-key-required', 400);
  if (!isPublicJwk(value)) throw new WorkshopRefusal('public-key-invalid', 400);
  const jwk: PublicJwk = { kty: 'EC', crv: 'P-256', x: value.x, y: value.y };
  try {
    await webcrypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  } catch {
    throw new WorkshopRefusal('public-key-invalid', 400);
  }
  return jwk;
}

export const proofMessage = (purpose: string, room: string, credentialId: string, t: string, n: string): string =>
  `innovasjon-proof/1\n${purpose}\n${room}\n${credentialId}\n${t}\n${n}`;

/**
 * Checks a proof `<t>.<n>.<s>` for `purpose` against the credential's key: fresh, signed, and not
 * seen before (`remember` answers false for a proof already used).
 */
export async function verifyProof(
  proof: unknown,
  purpose: string,
  claims: CredentialClaims,
  remember: (key: string, ms: number) => Promise<boolean>,
  now = Date.now(),
): Promise<void> {
  if (typeof proof !== 'string' || proof === '') throw new WorkshopRefusal('proof-missing', 401);
  const match = /^(\d{1,16})\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{80,100})$/.exec(proof);
  if (!match || !claims.jwk) throw new WorkshopRefusal('proof-invalid', 401);
  const [, t, n, s] = match as unknown as [string, string, string, string];
  if (Math.abs(now - Number(t)) > PROOF_WINDOW_MS) throw new WorkshopRefusal('proof-stale', 401);
  let valid = false;
  try {
    const key = await webcrypto.subtle.importKey('jwk', claims.jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    valid = await webcrypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      Buffer.from(s, 'base64url'),
      new TextEncoder().encode(proofMessage(purpose, claims.room, claims.jti, t, n)),
    );
  } catch {
    valid = false;
  }
  if (!valid) throw new WorkshopRefusal('proof-invalid', 401);
  // Keyed by a hash: the proof itself is never stored.
  const seen = createHash('sha256').update(`${claims.jti}\n${n}`).digest('base64url');
  if (!(await remember(`proof:${seen}`, 2 * PROOF_WINDOW_MS))) throw new WorkshopRefusal('proof-replayed', 401);
}
