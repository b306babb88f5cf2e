import { decodeProtectedHeader, errors, jwtVerify, SignJWT } from 'jose';
import { Refusal } from './limits.js';
import { tenantOf, type TenantKeys } from './tenants.js';

/** What a valid token says about the person connecting. */
export interface Claims {
  room: string;
  /** When the token expires, in milliseconds since 1970. */
  expiresAt: number;
  name: string;
  sub?: string;
  role?: 'facilitator';
}

const ADMIN_AUDIENCE = 'innovasjonsguide-admin';

/** The longest a room token may still be valid (TOKEN_MAX_HOURS, 12 by default): set once at start. */
let maxTokenLifetimeMs = 12 * 3_600_000;
export function setMaxTokenLifetime(ms: number): void {
  maxTokenLifetimeMs = ms;
}

/**
 * Checks a room token: HS256, signed with the secret, not expired, with `exp`, `room`
 * (this room or `*`) and `name`. Refuses with a reason the client can act on.
 */
export async function verifyRoomToken(token: string, secret: Uint8Array, room: string): Promise<Claims> {
  if (!token) throw new Refusal('token-missing', 4401);
  const payload = await verified(token, secret);
  if (payload.aud !== undefined) throw new Refusal('token-invalid', 4401); // admin and tenant tokens do not open these rooms
  return roomClaims(payload, room, room);
}

/**
 * With tenants: the token's `aud` names the tenant, its header's `kid` one of that tenant's keys,
 * and `room` a room of that tenant (the part after `<tenant>.`) or `*` for all of them.
 */
export async function verifyTenantRoomToken(token: string, tenants: TenantKeys, room: string): Promise<Claims> {
  if (!token) throw new Refusal('token-missing', 4401);
  let kid: unknown;
  let aud: unknown;
  try {
    kid = decodeProtectedHeader(token).kid;
    aud = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).aud;
  } catch {
    throw new Refusal('token-invalid', 4401);
  }
  const key = typeof aud === 'string' && typeof kid === 'string' ? tenants.get(aud)?.get(kid) : undefined;
  if (!key) throw new Refusal('token-invalid', 4401);
  const payload = await verified(token, key, aud as string);
  if (tenantOf(room) !== aud) throw new Refusal('token-wrong-room', 4403);
  return roomClaims(payload, room, room.slice((aud as string).length + 1));
}

async function verified(token: string, key: Uint8Array, audience?: string): Promise<Record<string, unknown>> {
  try {
    return (await jwtVerify(token, key, { algorithms: ['HS256'], requiredClaims: ['exp'], ...(audience && { audience }) })).payload;
  } catch (error) {
    throw new Refusal(error instanceof errors.JWTExpired ? 'token-expired' : 'token-invalid', 4401);
  }
}

/** The claims of a verified token, for `room` (whose own name, without a tenant, is `local`). */
function roomClaims(payload: Record<string, unknown>, room: string, local: string): Claims {
  const { room: claimedRoom, name, sub, role, exp } = payload;
  if (typeof claimedRoom !== 'string' || typeof name !== 'string') throw new Refusal('token-invalid', 4401);
  if (sub !== undefined && typeof sub !== 'string') throw new Refusal('token-invalid', 4401);
  if (role !== undefined && role !== 'facilitator') throw new Refusal('token-invalid', 4401);
  if (claimedRoom !== '*' && claimedRoom !== local) throw new Refusal('token-wrong-room', 4403);
  const expiresAt = Number(exp) * 1000;
  // A token valid for longer than the server allows (`exp` in the year 2100) is refused, not trusted for ever.
  if (expiresAt - Date.now() > maxTokenLifetimeMs) throw new Refusal('token-too-long', 4401);
  return { room, expiresAt, name, ...(sub !== undefined && { sub }), ...(role !== undefined && { role }) };
}

/** A one-minute token for the operator's CLI to call the running server's admin routes. */
export const mintAdminToken = (secret: Uint8Array): Promise<string> =>
  new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setAudience(ADMIN_AUDIENCE).setIssuedAt().setExpirationTime('1m').sign(secret);

export async function verifyAdminToken(token: string, secret: Uint8Array): Promise<boolean> {
  try {
    await jwtVerify(token, secret, { algorithms: ['HS256'], audience: ADMIN_AUDIENCE, requiredClaims: ['exp'] });
    return true;
  } catch {
    return false;
  }
}
