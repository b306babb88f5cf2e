// The room's contents: an update is checked against the room's limits before Hocuspocus applies
// it (RoomMeasure: roots, string lengths, item counts, the document's size) and against the room's
// schema (schema-guard.ts), and a writer that slipped past the count is stopped once the update is in.
import type { afterLoadDocumentPayload, beforeHandleMessagePayload, Connection, Extension, onChangePayload } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { refuseMessage, type ReportRefusal, type RoomContext } from '../context.js';
import { decodeUpdate, Refusal, roomOf, RoomMeasure, SESSION_ROOT_LIMITS } from '../limits.js';
import { readMessage, SYNC_UPDATE_TYPES } from '../messages.js';
import { log } from '../log.js';
import { checkSchema } from '../schema-guard.js';
import type { SeenVote } from '../storage.js';

/** Where the guard keeps which person each Yjs client voted as (RoomStorage's rememberVotes and seenVotes). */
export interface VoteRecord {
  remember(name: string, votes: SeenVote[]): Promise<void>;
  seen(name: string): Promise<Map<number, Omit<SeenVote, 'client'>>>;
}

export class RoomGuard implements Extension {
  extensionName = 'innovasjonsguide-room-guard';
  readonly measures = new WeakMap<Y.Doc, RoomMeasure>();
  /** Per room: the Yjs clients seen voting, as whom and up to which clock (kept in storage too). */
  readonly #votes = new WeakMap<Y.Doc, Map<number, Omit<SeenVote, 'client'>>>();
  /** Votes applied while the storage was away, whose records are not stored yet. */
  readonly #unrecorded = new WeakMap<Y.Doc, SeenVote[]>();
  readonly #flushing = new WeakSet<Y.Doc>();

  constructor(
    private readonly report: ReportRefusal,
    private readonly retiredClients: (documentName: string) => Promise<Map<number, number>>,
    /** A smaller limit for some rooms (openly created ones, workshop/service.ts); undefined keeps the default. */
    private readonly maxBytesOf: (documentName: string) => Promise<number | undefined> = async () => undefined,
    private readonly voteRecord?: VoteRecord,
  ) {}

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const session = roomOf(documentName) !== documentName;
    const measure = new RoomMeasure(document, session ? SESSION_ROOT_LIMITS : undefined, await this.retiredClients(documentName));
    measure.maxBytes = (await this.maxBytesOf(documentName).catch(() => undefined)) ?? measure.maxBytes;
    this.measures.set(document, measure);
    if (!session && this.voteRecord) this.#votes.set(document, await this.voteRecord.seen(documentName));
  }

  /**
   * The schema check, with the votes this room's clients were seen casting: a page that passes on votes
   * the server lost (kill -9 before a save) is not refused for them. A miss reads storage again once
   * (another instance may have seen them); a writer's own new votes are stored before they are applied.
   */
  async #checkSchema(document: Y.Doc, name: string, decoded: ReturnType<typeof decodeUpdate>, sub: string | undefined): Promise<void> {
    const record = this.voteRecord;
    let seen = this.#votes.get(document);
    const ownVotes = new Map<number, number>();
    const check = () => checkSchema(document, decoded, { sub, seenVotes: (client) => seen?.get(client), ownVotes });
    try {
      check();
    } catch (error) {
      if (!(error instanceof Refusal) || error.reason !== 'vote-not-yours' || !record || !seen) throw error;
      seen = await record.seen(name).catch((cause: unknown) => {
        throw new Refusal('storage-unavailable', 4503, undefined, cause);
      });
      this.#votes.set(document, seen);
      ownVotes.clear();
      check();
    }
    if (!record || !seen) return;
    const fresh: SeenVote[] = [];
    if (sub !== undefined) for (const [client, end] of ownVotes) {
      const known = seen.get(client);
      if (known && (known.sub !== sub || known.end >= end)) continue;
      fresh.push({ client, sub, end });
    }
    if (!fresh.length) {
      // Records left from the storage's absence go with the room's next change, without holding it up.
      if (this.#unrecorded.has(document) && !this.#flushing.has(document)) {
        this.#flushing.add(document);
        void this.#record(document, name, []).finally(() => this.#flushing.delete(document));
      }
      return;
    }
    for (const vote of fresh) seen.set(vote.client, { sub: vote.sub, end: vote.end });
    await this.#record(document, name, fresh);
  }

  /**
   * Stores the records of new votes (before they are applied) with any still waiting. With the storage
   * away the votes are applied all the same (people in the room keep working, issue 25) and their records
   * wait here; only a crash before the storage is back loses them.
   */
  async #record(document: Y.Doc, name: string, fresh: SeenVote[]): Promise<void> {
    const waiting = [...(this.#unrecorded.get(document) ?? []), ...fresh];
    try {
      await this.voteRecord!.remember(name, waiting);
      this.#unrecorded.delete(document);
    } catch (error) {
      if (!this.#unrecorded.has(document)) log('error', { during: 'vote-record', room: name, error: error instanceof Error ? error.message : String(error) });
      this.#unrecorded.set(document, [...new Map(waiting.map((vote) => [vote.client, vote])).values()]);
    }
  }

  async beforeHandleMessage({ document, update: message, context }: beforeHandleMessagePayload): Promise<void> {
    try {
      const { type, body } = readMessage(message);
      if (!SYNC_UPDATE_TYPES.has(type) || !body) return;
      const decoded = decodeUpdate(body);
      this.measures.get(document)?.check(body, decoded);
      const room = context as RoomContext;
      if (!room.session) await this.#checkSchema(document, document.name, decoded, room.sub);
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
