// Presence and stateless messages reach everyone in a room: small ones only; on a session
// document only from a facilitator; presence must carry the sender's own token name and `sub`.
import type { beforeHandleMessagePayload, Extension } from '@hocuspocus/server';
import { refuseMessage, type ReportRefusal, type RoomContext } from '../context.js';
import { MAX_SIDE_MESSAGE_BYTES, Refusal } from '../limits.js';
import { MESSAGE_AWARENESS, readMessage, SIDE_TYPES } from '../messages.js';
import { checkPresence } from '../presence.js';

export class SideMessages implements Extension {
  extensionName = 'innovasjonsguide-side-messages';

  constructor(private readonly report: ReportRefusal) {}

  async beforeHandleMessage({ document, update: message, context }: beforeHandleMessagePayload): Promise<void> {
    const room = context as RoomContext;
    try {
      const { type } = readMessage(message);
      if (!SIDE_TYPES.has(type)) return;
      if (message.length > MAX_SIDE_MESSAGE_BYTES) throw new Refusal('message-too-large', 4413);
      if (room.session && room.role !== 'facilitator') throw new Refusal('facilitator-only');
      if (type === MESSAGE_AWARENESS && !room.session) checkPresence(message, room, (id) => document.awareness.meta.get(id)?.clock, (id) => document.awareness.getStates().has(id));
    } catch (error) {
      if (error instanceof Refusal) refuseMessage(this.report, document.name, room, error);
      throw error;
    }
  }
}
