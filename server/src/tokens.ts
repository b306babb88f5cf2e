import { errors, jwtVerify, SignJWT } from 'jose';
import { Refusal } from './limits.js';

/** What a valid token says about the person connecting. */
export interface Claims {
  room: string;
  name: string;
  sub?: string;
  role?: 'facilitator';
}

const ADMIN_AUDIENCE = 'innovasjonsguide-admin';

/**
 * Checks a room token: HS256, signed with the secret, not expired, with `exp`, `room`
 * (this room or `*`) and `name`. Refuses with a reason the client can act on.
 */
export async function verifyRoomToken(token: string, secret: Uint8Array, room: string): Promise<Claims> {
  if (!token) throw new Refusal('token-missing', 4401);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], requiredClaims: ['exp'] }));
  } catch (error) {
    throw new Refusal(error instanceof errors.JWTExpired ? 'token-expired' : 'token-invalid', 4401);
  }
  if (payload.aud !== undefined) throw new Refusal('token-invalid', 4401); // admin tokens do not open rooms
  const { room: claimedRoom, name, sub, role } = payload;
  if (typeof claimedRoom !== 'string' || typeof name !== 'string') throw new Refusal('token-invalid', 4401);
  if (sub !== undefined && typeof sub !== 'string') throw new Refusal('token-invalid', 4401);
  if (role !== undefined && role !== 'facilitator') throw new Refusal('token-invalid', 4401);
  if (claimedRoom !== '*' && claimedRoom !== room) throw new Refusal('token-wrong-room', 4403);
  return { room, name, ...(sub !== undefined && { sub }), ...(role !== undefined && { role }) };
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
