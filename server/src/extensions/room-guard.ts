// The room's contents: an update is checked against the room's limits before Hocuspocus applies
// it (RoomMeasure: roots, string lengths, item counts, the document's size) and against the room's
// schema (schema-guard.ts), and a writer that slipped past the count is stopped once the update is in.
import type { afterLoadDocumentPayload, beforeHandleMessagePayload, Connection, Extension, onChangePayload } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { refuseMessage, type ReportRefusal, type RoomContext } from '../context.js';
import { decodeUpdate, Refusal, roomOf, RoomMeasure, SESSION_ROOT_LIMITS } from '../limits.js';
import { readMessage, SYNC_UPDATE_TYPES } from '../messages.js';
import { checkSchema } from '../schema-guard.js';

export class RoomGuard implements Extension {
  extensionName = 'innovasjonsguide-room-guard';
  readonly measures = new WeakMap<Y.Doc, RoomMeasure>();

  constructor(
    private readonly report: ReportRefusal,
    private readonly retiredClients: (documentName: string) => Promise<Map<number, number>>,
    /** A smaller limit for some rooms (openly created ones, workshop/service.ts); undefined keeps the default. */
    private readonly maxBytesOf: (documentName: string) => Promise<number | undefined> = async () => undefined,
  ) {}

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const session = roomOf(documentName) !== documentName;
    const measure = new RoomMeasure(document, session ? SESSION_ROOT_LIMITS : undefined, await this.retiredClients(documentName));
    measure.maxBytes = (await this.maxBytesOf(documentName).catch(() => undefined)) ?? measure.maxBytes;
    this.measures.set(document, measure);
  }

  async beforeHandleMessage({ document, update: message, context }: beforeHandleMessagePayload): Promise<void> {
    try {
      const { type, body } = readMessage(message);
      if (!SYNC_UPDATE_TYPES.has(type) || !body) return;
      const decoded = decodeUpdate(body);
      this.measures.get(document)?.check(body, decoded);
      const room = context as RoomContext;
      if (!room.session) checkSchema(document, decoded, { sub: room.sub });
    } catch (error) {
      if (error instanceof Refusal) refuseMessage(this.report, document.name, context as RoomContext, error);
      throw error;
    }
  }

  async onChange({ document, update, transactionOrigin, context }: onChangePayload): Promise<void> {
    const measure = this.measures.get(document);
    if (!measure) return;
    measure.applied(update);
    const connection = connectionOf(transactionOrigin);
    if (measure.overfull() && connection) {
      // Keys re-created through older items slip past the check before applying; stop that writer now.
      connection.close({ code: 4413, reason: 'too-many-items' });
      refuseMessage(this.report, document.name, context as RoomContext, new Refusal('too-many-items', 4413));
    }
  }
}

/** The connection a change came from, if a client's (Hocuspocus 4 wraps it in a transaction origin). */
function connectionOf(origin: unknown): Connection | undefined {
  if (!origin || typeof origin !== 'object') return undefined;
  const wrapped = origin as { source?: unknown; connection?: Connection };
  return wrapped.source === 'connection' ? wrapped.connection : undefined;
}
