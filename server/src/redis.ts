// Several instances: @hocuspocus/extension-redis 4, with its gaps closed.
//
// - It exchanges sync state when a room is loaded and after each change; what was changed while
//   Redis was away is reconciled only by the next change. Here every open room syncs again as
//   soon as Redis is back, and once more 2 s later (for instances that came back later).
// - After each change it publishes the room's state vector (sync step 1): the other instances
//   answer with what they have, each answer built from the whole document. Here the change itself
//   goes out, as the y-protocols sync step 2 the extension's handler applies. Redis pub/sub loses messages only with a dropped connection
//   (a restart, a network fault, a subscriber over its output-buffer limit), and every reconnect
//   already brings all open rooms together (above).
// - Its publishes wait in ioredis's offline queue while Redis is away (memory grows, hooks hang),
//   and a failed one is an unhandled rejection. Here they fail at once and are logged; the sync
//   on return brings the rooms together.
// - Its saves take a Redis lock, so no room is saved while Redis is away. Our saves merge in the
//   storage (PostgreSQL: under the room's advisory lock), so no lock is needed.
// - It publishes every change and presence update even when no other instance has the room, and
//   hears its own publishes back. Here a room at home on one instance (rooms spread by name) costs
//   Redis nothing per change: changes and presence go out once another instance has been heard on
//   the room's channel, until it says it closed the room. Nothing is missed meanwhile: an instance
//   that opens a room asks for what it lacks (sync step 1, and who is there), and the answer,
//   computed when the request arrives, holds every change made before.
import { Redis } from '@hocuspocus/extension-redis';
import type {
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  beforeBroadcastStatelessPayload,
  Document,
  onAwarenessUpdatePayload,
  onChangePayload,
} from '@hocuspocus/server';
import { isTransactionOrigin, OutgoingMessage } from '@hocuspocus/server';
import IORedis from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageYjsSyncStep2 } from 'y-protocols/sync';
import { log } from './log.js';

const PREFIX = 'innovasjonsguide';
/** Deletions go to every instance on this channel (no room is named so: `~` is not allowed in room names). */
const DELETIONS = `${PREFIX}:~deleted`;
const DELETION_MARK = '~deleted:';
/** After Redis is back, every open room asks the other instances for what it lacks again this much later. */
const RESYNC_AGAIN_MS = 2_000;
/** Sent on a room's channel when this instance closes the room, framed as a deletion is (noticeMessage). */
const LEFT_MARK = '~left:';

/**
 * A notice (a deletion, or a room closed here) framed as extension-redis frames its messages (sender id, then a var string where a room
 * name would be), so the extension's own handler, which sees every channel, finds no such room
 * and ignores it.
 */
function noticeMessage(sender: string, room: string, mark = DELETION_MARK): Buffer {
  const id = Buffer.from(sender, 'utf8');
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, `${mark}${room}`);
  return Buffer.concat([Buffer.from([id.length]), id, Buffer.from(encoding.toUint8Array(encoder))]);
}

/** The sender and the document name a message is about (every message on a room or reply channel starts so). */
function senderAndName(message: Buffer): { sender: string; name: string } | undefined {
  try {
    const end = 1 + message[0];
    return { sender: message.toString('utf8', 1, end), name: decoding.readVarString(decoding.createDecoder(message.subarray(end))) };
  } catch {
    return undefined;
  }
}

function deletedRoomOf(message: Buffer): string | undefined {
  const name = senderAndName(message)?.name;
  return name?.startsWith(DELETION_MARK) ? name.slice(DELETION_MARK.length) : undefined;
}

/** Tells every instance that `room` was deleted (the CLI, when it deleted straight in the database). */
export async function announceDeletion(url: string, room: string): Promise<void> {
  const client = new IORedis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true, lazyConnect: true });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.publish(DELETIONS, noticeMessage('cli', room));
  } finally {
    client.disconnect();
  }
}

export class RoomRedis extends Redis {
  #down = false;
  /** Per room open here: the other instances heard on it (their identifiers), to whom its changes go. */
  readonly #peers = new Map<string, Set<string>>();
  /** Why the last connection attempt failed, for /ready and the start-up message. */
  lastError = '';

  /** `onDeleted` closes a room's connections here when another instance (or the CLI) deleted it. */
  constructor(url: string, onDeleted: (room: string) => void) {
    let clients = 0;
    super({
      prefix: PREFIX,
      // The first client publishes (no offline queue: a publish while Redis is away fails at once);
      // the second subscribes (its subscriptions wait for Redis and are renewed when it is back).
      createClient: () => redisClient(url, { publisher: clients++ === 0 }),
    });
    for (const client of [this.pub, this.sub]) {
      client.on('error', (error: Error & { code?: string }) => {
        this.lastError = error.message || error.code || error.name;
      });
      client.on('close', () => {
        if (!this.#down) log('redis', { state: 'away' });
        this.#down = true;
      });
      client.on('ready', () => {
        if (!this.#down || this.pub.status !== 'ready' || this.sub.status !== 'ready') return;
        this.#down = false;
        log('redis', { state: 'back', rooms: this.instance?.documents.size ?? 0 });
        void this.#syncAll();
        // Once more when the other instances have had time to come back too: pub/sub keeps nothing, so a
        // request or answer sent while one of them was still reconnecting is lost (seen twice in CI, as
        // two pages that never agreed after a Redis restart).
        setTimeout(() => {
          if (this.reachable) void this.#syncAll();
        }, RESYNC_AGAIN_MS).unref();
      });
    }
    void this.sub.subscribe(DELETIONS).catch(() => {});
    // Before the extension's own handler answers, so a change made from here on goes to the new peer.
    this.sub.prependListener('messageBuffer', (channel: Buffer, message: Buffer) => this.#heard(channel, message));
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      if (channel.toString() !== DELETIONS || message.subarray(1, 1 + message[0]).toString() === this.configuration.identifier) return;
      const room = deletedRoomOf(message);
      if (room) onDeleted(room);
    });
  }

  /** Whether both connections (publishing, subscribed) are up now. */
  get reachable(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  /** Resolves once both connections are up; rejects after `ms` with why not. */
  async whenReachable(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.reachable) {
      if (Date.now() > deadline) throw new Error(this.lastError || `no answer within ${ms / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Ends both connections (a start that does not go on). */
  disconnect(): void {
    this.pub.disconnect();
    this.sub.disconnect();
  }

  /** Tells the other instances that this one deleted `room`. */
  announceDeleted(room: string): void {
    this.pub.publish(DELETIONS, noticeMessage(this.configuration.identifier, room)).catch(() => {
      log('error', { during: 'redis-announce-deletion', room });
    });
  }

  /** Whether another instance has been heard on `documentName` and has not closed it since. */
  shared(documentName: string): boolean {
    return (this.#peers.get(documentName)?.size ?? 0) > 0;
  }

  #heard(channel: Buffer, message: Buffer): void {
    if (channel.toString() === DELETIONS) return;
    const heard = senderAndName(message);
    if (!heard || heard.sender === this.configuration.identifier) return;
    if (heard.name.startsWith(LEFT_MARK)) {
      this.#peers.get(heard.name.slice(LEFT_MARK.length))?.delete(heard.sender);
      return;
    }
    if (!this.#opened.has(heard.name) && !this.instance?.documents.has(heard.name)) return;
    let peers = this.#peers.get(heard.name);
    if (!peers) this.#peers.set(heard.name, (peers = new Set()));
    peers.add(heard.sender);
  }

  /** The extension's own list of rooms open here, filled before Hocuspocus lists a room that is still loading. */
  get #opened(): Map<string, Document> {
    return (this as unknown as { documents: Map<string, Document> }).documents;
  }

  #key(documentName: string): string {
    return `${this.configuration.prefix}:${documentName}`;
  }

  #publish(documentName: string, message: Uint8Array): void {
    this.pub.publish(this.#key(documentName), Buffer.concat([this.messagePrefix, Buffer.from(message)])).catch(() => {
      // Redis is away: the rooms sync again when it is back.
    });
  }

  /** Asks the other instances for what this one lacks (they answer on this instance's reply channel) and who is there. */
  #requestSync(documentName: string, document: Document): void {
    this.#publish(documentName, new OutgoingMessage(documentName).createSyncMessage().writeFirstSyncStepFor(document).toUint8Array());
    this.#publish(documentName, new OutgoingMessage(documentName).writeQueryAwareness().toUint8Array());
  }

  async #syncAll(): Promise<void> {
    for (const [name, document] of this.instance.documents) {
      try {
        await this.sub.subscribe(this.#key(name)); // confirmed, so the answers are heard
        this.#requestSync(name, document);
      } catch (error) {
        log('error', { during: 'redis-resync', room: name, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  override async afterLoadDocument(payload: afterLoadDocumentPayload): Promise<void> {
    // While Redis is away the room opens all the same; the sync on its return includes it.
    if (this.sub.status !== 'ready' || this.pub.status !== 'ready') {
      this.#opened.set(payload.documentName, payload.document);
      this.sub.subscribe(this.#key(payload.documentName)).catch(() => {});
      return;
    }
    await super.afterLoadDocument(payload);
  }

  override async afterUnloadDocument(payload: afterUnloadDocumentPayload): Promise<void> {
    await super.afterUnloadDocument(payload);
    if (this.instance?.documents.has(payload.documentName)) return;
    this.#peers.delete(payload.documentName);
    this.pub.publish(this.#key(payload.documentName), noticeMessage(this.configuration.identifier, payload.documentName, LEFT_MARK)).catch(() => {
      // Redis is away: the others keep sending to this room's channel, which nobody here hears.
    });
  }

  override async onChange({ documentName, update, transactionOrigin }: onChangePayload): Promise<void> {
    if (transactionOrigin === this.redisTransactionOrigin || (isTransactionOrigin(transactionOrigin) && transactionOrigin.source === 'redis')) return;
    if (!this.shared(documentName)) return;
    // Sync step 2 with the update: applied with the extension's own origin, so not sent back.
    const message = new OutgoingMessage(documentName).createSyncMessage();
    encoding.writeVarUint(message.encoder, messageYjsSyncStep2);
    encoding.writeVarUint8Array(message.encoder, update);
    this.#publish(documentName, message.toUint8Array());
  }

  override async onAwarenessUpdate(payload: onAwarenessUpdatePayload): Promise<void> {
    if (!this.shared(payload.documentName)) return;
    return super.onAwarenessUpdate(payload).catch(() => undefined);
  }

  override async beforeBroadcastStateless(payload: beforeBroadcastStatelessPayload): Promise<number> {
    return super.beforeBroadcastStateless(payload).catch(() => 0);
  }

  // Saves take no Redis lock: ours append to the storage, so no instance's save replaces another's.
  override async onStoreDocument(): Promise<void> {}

  override async afterStoreDocument(): Promise<void> {}
}

/** A Redis connection that retries for ever (a restarted Redis is found again) and never ends the process. */
function redisClient(url: string, { publisher }: { publisher: boolean }): IORedis {
  const client = new IORedis(url, {
    maxRetriesPerRequest: null,
    enableOfflineQueue: !publisher,
    // The publishes of one event-loop turn (a change's update, presence) go out in one write.
    enableAutoPipelining: publisher,
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });
  client.on('error', () => {}); // 'close' and 'ready' above say what matters, once
  return client;
}
