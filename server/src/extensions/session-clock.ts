// The session documents' timebox on the server's clock (SessionClock): each page learns the
// server's time when it joins a session document.
import type { afterLoadDocumentPayload, afterUnloadDocumentPayload, connectedPayload, Extension } from '@hocuspocus/server';
import type { RoomContext } from '../context.js';
import { roomOf } from '../limits.js';
import { SessionClock } from '../session-clock.js';

export class SessionClockExtension implements Extension {
  extensionName = 'innovasjonsguide-session-clock';
  readonly clock = new SessionClock();

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    if (roomOf(documentName) !== documentName) this.clock.watch(documentName, document);
  }

  async connected({ context, connection }: connectedPayload): Promise<void> {
    if ((context as RoomContext).session) connection.sendStateless(JSON.stringify({ serverTime: Date.now() }));
  }

  async afterUnloadDocument({ documentName, instance }: afterUnloadDocumentPayload): Promise<void> {
    // A room opened again while it was being unloaded is a new document, watched already.
    if (!instance.documents.has(documentName)) this.clock.unwatch(documentName);
  }

  async onDestroy(): Promise<void> {
    this.clock.stop();
  }
}
