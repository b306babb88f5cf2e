// The operator's settings for rooms made on request (issue #22), read with the rest of the
// configuration (config.ts) so a wrong value stops the start with a clear message.
import { ConfigError } from '../config.js';
import { codeLength, guessProbability, MAX_CODE_LENGTH, type CodeLimits } from './codes.js';

export type RoomCreation = 'off' | 'open' | 'token';

export interface WorkshopConfig {
  /** Who may create rooms (ROOM_CREATION); the open development mode allows it. */
  creation: RoomCreation;
  /** Join codes on or off (JOIN_CODES). */
  codes: boolean;
  codeLimits: CodeLimits;
  /** Characters in a join code: derived from codeLimits (codes.ts). */
  codeLength: number;
  /** Past this many failed code joins in an hour, on all addresses together, code joins slow down. */
  failuresTotalPerHour: number;
  /** Created rooms alive at once, in total and per address (IPv6 per /64). */
  maxCreatedRooms: number;
  maxCreatedRoomsPerAddress: number;
  /** Created rooms are deleted this long after their last change (CREATED_ROOM_RETENTION_DAYS). */
  retentionMs: number;
  /** A created room no one wrote in is deleted after this long. */
  unusedMs: number;
}

/** A one-time facilitator invitation (creation, hand-over) lives this long. */
export const FACILITATOR_INVITATION_MS = 10 * 60_000;

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0 || value > max) throw new ConfigError(`${name} must be a whole number from 1 to ${max}, got ${JSON.stringify(raw)}`);
  return value;
}

export const WORKSHOP_DEFAULTS = {
  JOIN_CODE_FAILURES_PER_ADDRESS: 5,
  JOIN_CODE_FAILURES_TOTAL: 200,
  MAX_LIVE_CODES: 1000,
  JOIN_CODE_HOURS: 12,
  MAX_CREATED_ROOMS: 1000,
  MAX_CREATED_ROOMS_PER_ADDRESS: 20,
  CREATED_ROOM_RETENTION_DAYS: 30,
} as const;

export function readWorkshopConfig(
  env: NodeJS.ProcessEnv,
  base: { openMode: boolean; allowedOrigins: ReadonlySet<string>; tokenMaxMs: number },
): WorkshopConfig {
  const raw = (env.ROOM_CREATION ?? '').trim();
  if (raw && !['off', 'open', 'token'].includes(raw)) throw new ConfigError(`ROOM_CREATION must be off, open or token, got ${JSON.stringify(raw)}`);
  const creation = (raw || (base.openMode ? 'open' : 'off')) as RoomCreation;
  if (creation === 'open' && !base.openMode && base.allowedOrigins.size === 0) {
    throw new ConfigError('ROOM_CREATION=open needs ALLOWED_ORIGINS: the pages (https://www.kommune.no, …) that may create rooms');
  }
  if (creation === 'token' && base.openMode) throw new ConfigError('ROOM_CREATION=token needs COLLAB_SECRET (or TENANTS_FILE): it signs the creation tokens');
  const codesRaw = (env.JOIN_CODES ?? 'on').trim();
  if (!['on', 'off'].includes(codesRaw)) throw new ConfigError(`JOIN_CODES must be on or off, got ${JSON.stringify(codesRaw)}`);
  const d = WORKSHOP_DEFAULTS;
  const codeLimits: CodeLimits = {
    failuresPerAddressPerHour: whole(env, 'JOIN_CODE_FAILURES_PER_ADDRESS', d.JOIN_CODE_FAILURES_PER_ADDRESS),
    maxLiveCodes: whole(env, 'MAX_LIVE_CODES', d.MAX_LIVE_CODES),
    codeHours: Math.min(whole(env, 'JOIN_CODE_HOURS', d.JOIN_CODE_HOURS, 12), base.tokenMaxMs / 3_600_000),
  };
  const length = codeLength(codeLimits);
  if (length === undefined) {
    throw new ConfigError(
      `JOIN_CODE_FAILURES_PER_ADDRESS × MAX_LIVE_CODES is too large: even ${MAX_CODE_LENGTH}-character codes would be found with probability ` +
        `${guessProbability(codeLimits, MAX_CODE_LENGTH).toExponential(1)} (more than 1e-4) by 1,000 addresses; lower either (README, "Join codes: the arithmetic")`,
    );
  }
  const days = env.CREATED_ROOM_RETENTION_DAYS;
  const retentionDays = days === undefined || days === '' ? d.CREATED_ROOM_RETENTION_DAYS : Number(days);
  if (!Number.isFinite(retentionDays) || retentionDays <= 0) throw new ConfigError(`CREATED_ROOM_RETENTION_DAYS must be a positive number of days, got ${JSON.stringify(days)}`);
  return {
    creation,
    codes: codesRaw === 'on',
    codeLimits,
    codeLength: length,
    failuresTotalPerHour: whole(env, 'JOIN_CODE_FAILURES_TOTAL', d.JOIN_CODE_FAILURES_TOTAL),
    maxCreatedRooms: whole(env, 'MAX_CREATED_ROOMS', d.MAX_CREATED_ROOMS),
    maxCreatedRoomsPerAddress: whole(env, 'MAX_CREATED_ROOMS_PER_ADDRESS', d.MAX_CREATED_ROOMS_PER_ADDRESS),
    retentionMs: retentionDays * 86_400_000,
    unusedMs: whole(env, 'CREATED_ROOM_UNUSED_HOURS', 24, 24 * 365) * 3_600_000,
  };
}
