// Presence and stateless messages reach everyone in a room: small ones only, within a budget per
// connection, only the sender's own presence (entries for other client ids are dropped, never
// forwarded: honest providers echo others' states), on a session document only from a facilitator;
// presence must carry the sender's own token name and `sub`. Message types the page never sends
// are refused.
import type { beforeHandleAwarenessPayload, beforeHandleMessagePayload, Extension } from '@hocuspocus/server';
import { refuseMessage, type ReportRefusal, type RoomContext } from '../context.js';
import { MAX_SIDE_MESSAGE_BYTES, Refusal } from '../limits.js';
import { BUDGETED_TYPES, CLIENT_TYPES, MESSAGE_AWARENESS, readMessage, SIDE_TYPES } from '../messages.js';
import { checkPresence } from '../presence.js';

/** Side messages per connection: a burst, then this many a second (the page sends a few a minute). */
export const SIDE_BUDGET = { burst: 60, perSecond: 5, burstBytes: 256 * 1024, bytesPerSecond: 32 * 1024 };

interface Budget {
  messages: number;
  bytes: number;
  at: number;
}

export class SideMessages implements Extension {
  extensionName = 'innovasjonsguide-side-messages';
  readonly #budgets = new WeakMap<RoomContext, Budget>();

  constructor(private readonly report: ReportRefusal) {}

  async beforeHandleMessage({ document, update: message, context }: beforeHandleMessagePayload): Promise<void> {
    const room = context as RoomContext;
    try {
      const { type } = readMessage(message);
      if (!CLIENT_TYPES.has(type)) throw new Refusal('message-type-refused');
      if (BUDGETED_TYPES.has(type)) this.#spend(room, message.length);
      if (!SIDE_TYPES.has(type)) return;
      if (message.length > MAX_SIDE_MESSAGE_BYTES) throw new Refusal('message-too-large', 4413);
      if (room.session && room.role !== 'facilitator') throw new Refusal('facilitator-only');
      if (type === MESSAGE_AWARENESS && !room.session) {
        checkPresence(message, room, (id) => document.awareness.meta.get(id)?.clock, (id) => document.awareness.getStates().has(id));
      }
    } catch (error) {
      if (error instanceof Refusal) refuseMessage(this.report, document.name, room, error);
      throw error;
    }
  }

  /** Only the sender's own presence goes on to the room: echoes and others' entries are dropped. */
  async beforeHandleAwareness({ states, context }: beforeHandleAwarenessPayload): Promise<void> {
    const own = (context as RoomContext | undefined)?.presenceIds;
    if (!own) return;
    for (const clientId of [...states.keys()]) if (!own.has(clientId)) states.delete(clientId);
  }

  #spend(room: RoomContext, bytes: number): void {
    const now = Date.now();
    const budget = this.#budgets.get(room) ?? { messages: SIDE_BUDGET.burst, bytes: SIDE_BUDGET.burstBytes, at: now };
    const seconds = (now - budget.at) / 1000;
    budget.messages = Math.min(SIDE_BUDGET.burst, budget.messages + seconds * SIDE_BUDGET.perSecond) - 1;
    budget.bytes = Math.min(SIDE_BUDGET.burstBytes, budget.bytes + seconds * SIDE_BUDGET.bytesPerSecond) - bytes;
    budget.at = now;
    this.#budgets.set(room, budget);
    if (budget.messages < 0 || budget.bytes < 0) throw new Refusal('side-messages-over-budget', 4429);
  }
}
