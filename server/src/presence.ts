import * as decoding from 'lib0/decoding';
import { Refusal } from './limits.js';

/** At most this long a presence name (as the client cuts it: room-connection.ts). */
const MAX_NAME = 80;
export const cleanName = (value: unknown): string =>
  typeof value === 'string' ? value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, MAX_NAME) : '';

/**
 * Refuses an awareness message whose presence (`user`) claims another name or id than the
 * sender's token gives (a token without a name or `sub` leaves that field to the person), or
 * says it leads (`lead`) without a facilitator's token.
 * Providers pass on the others' states they received (HocuspocusProvider sends every awareness
 * update it sees): an entry no newer than what the room already has (`knownClock`) is such an echo.
 */
export function checkPresence(
  message: Uint8Array,
  token: { name?: string; sub?: string; role?: string; presenceIds?: Set<number>; open?: boolean },
  knownClock: (clientId: number) => number | undefined,
  present: (clientId: number) => boolean = () => false,
): void {
  const name = cleanName(token.name);
  const sub = token.sub && token.sub.length <= 200 ? token.sub : undefined;
  let states: { clientId: number; clock: number; state: unknown }[];
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder); // the document's name
    decoding.readVarUint(decoder); // the message type
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    states = [];
    for (let count = decoding.readVarUint(update); count > 0; count -= 1) {
      const clientId = decoding.readVarUint(update);
      const clock = decoding.readVarUint(update);
      states.push({ clientId, clock, state: JSON.parse(decoding.readVarString(update)) });
    }
  } catch {
    throw new Refusal('malformed-update', 4400);
  }
  for (const { clientId, clock, state } of states) {
    if (clock <= (knownClock(clientId) ?? -1)) continue;
    const own = token.presenceIds ?? new Set<number>();
    // A removal (null) is the sender's own to make: nobody takes another person off the list.
    if (state === null) {
      if (present(clientId) && !own.has(clientId)) throw new Refusal('presence-not-yours');
      continue;
    }
    own.add(clientId);
    const user = state && typeof state === 'object' ? (state as { user?: unknown }).user : undefined;
    if (user === undefined) continue;
    const claimed = user && typeof user === 'object' ? (user as { name?: unknown; id?: unknown; lead?: unknown }) : {};
    if ((name && cleanName(claimed.name) !== name) || (sub && claimed.id !== sub)) throw new Refusal('presence-not-yours');
    // In the open development mode anyone may take the lead («Jeg leder økten»); with tokens only a facilitator's says so.
    if (claimed.lead !== undefined && token.role !== 'facilitator' && !token.open) throw new Refusal('presence-not-yours');
  }
}
