// Reading the head of a Hocuspocus message (y-protocols sync inside types 0 and 4).
import * as decoding from 'lib0/decoding';
import { Refusal } from './limits.js';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export const MESSAGE_SYNC_REPLY = 4;
export const MESSAGE_STATELESS = 5;
export const MESSAGE_BROADCAST_STATELESS = 6;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export const SYNC_UPDATE_TYPES: ReadonlySet<number> = new Set([MESSAGE_SYNC, MESSAGE_SYNC_REPLY]);
/** Messages that reach everyone in a room. */
export const SIDE_TYPES: ReadonlySet<number> = new Set([MESSAGE_AWARENESS, MESSAGE_STATELESS, MESSAGE_BROADCAST_STATELESS]);
/** Messages that count against a connection's side-message budget (a query for presence makes the room answer). */
export const BUDGETED_TYPES: ReadonlySet<number> = new Set([...SIDE_TYPES, MESSAGE_QUERY_AWARENESS]);
const MESSAGE_CLOSE = 7;
/** What the page's provider sends: sync, presence, authentication, a query for presence, and closing. */
export const CLIENT_TYPES: ReadonlySet<number> = new Set([MESSAGE_SYNC, MESSAGE_AWARENESS, MESSAGE_AUTH, MESSAGE_QUERY_AWARENESS, MESSAGE_CLOSE]);

/** The message's type and, for a sync step 2 or update, the Yjs update it carries. */
export function readMessage(message: Uint8Array): { type: number; body?: Uint8Array } {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (SYNC_UPDATE_TYPES.has(type)) {
      const step = decoding.readVarUint(decoder);
      if (step === SYNC_STEP_2 || step === SYNC_UPDATE) return { type, body: decoding.readVarUint8Array(decoder) };
    }
    return { type };
  } catch {
    throw new Refusal('malformed-update', 4400);
  }
}
