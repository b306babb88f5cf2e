// Join codes: short enough to type from a projector, long enough that guessing one is hopeless
// at the configured limits. The length is derived from those limits (README, "Join codes: the
// arithmetic"), and a start whose limits allow no length up to 8 is refused.
import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: what is read off a wall is typed right. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const MIN_CODE_LENGTH = 6;
export const MAX_CODE_LENGTH = 8;
/** The attackers the length is chosen against: this many addresses (IPv6: /64 prefixes). */
export const GUESSING_ADDRESSES = 1000;
/** The chance that they find any live code while it lives, at most. */
export const GUESSING_TARGET = 1e-4;

export interface CodeLimits {
  /** Failed code joins an address may make per hour (fixed hour windows). */
  failuresPerAddressPerHour: number;
  /** Live codes at most (the cap on live codes). */
  maxLiveCodes: number;
  /** A code lives at most this long. */
  codeHours: number;
}

/** Hour windows a code's life can touch: a window not aligned with it adds one. */
export const windowsTouched = (hours: number): number => Math.ceil(hours) + 1;

/** Guesses all addresses can make while one code lives. */
export const guessesPerCodeLife = (limits: CodeLimits): number => GUESSING_ADDRESSES * limits.failuresPerAddressPerHour * windowsTouched(limits.codeHours);

/** The chance that those guesses find any live code, for codes of `length` characters (union bound). */
export const guessProbability = (limits: CodeLimits, length: number): number =>
  (guessesPerCodeLife(limits) * limits.maxLiveCodes) / CODE_ALPHABET.length ** length;

/** The shortest length within 6–8 that keeps the chance at or under the target; undefined if none does. */
export function codeLength(limits: CodeLimits): number | undefined {
  for (let length = MIN_CODE_LENGTH; length <= MAX_CODE_LENGTH; length += 1) if (guessProbability(limits, length) <= GUESSING_TARGET) return length;
  return undefined;
}

export function makeCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What a person typed, as stored: upper case, without spaces and dashes; undefined if it cannot be a code. */
export function normalizeCode(typed: unknown, length: number): string | undefined {
  if (typeof typed !== 'string' || typed.length > 32) return undefined;
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== length) return undefined;
  for (const char of code) if (!CODE_ALPHABET.includes(char)) return undefined;
  return code;
}
