// What the server enforces on a room document: sizes and counts only, taken from the
// store (bundled from ../src/store at build time), so client and server share one limit.
import * as Y from 'yjs';
import { LIMITS } from '../../src/store/types.js';
import { MAX_IMPORT_BYTES } from '../../src/store/import.js';
import { mapItems, SESSION_SUFFIX, type CredentialRefusal } from '../../src/collab/schema.js';

/** A room: 1–64 of A–Z a–z 0–9 _ -, after an optional tenant prefix (`bergen.`, see tenants.ts); `/` is reserved. */
export const ROOM_NAME = /^(?:[a-z0-9][a-z0-9-]{0,31}\.)?[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** The room a document belongs to: itself, or the room of a session document (`<room>/session`, which only facilitators change). */
export const roomOf = (documentName: string): string =>
  documentName.endsWith(SESSION_SUFFIX) ? documentName.slice(0, -SESSION_SUFFIX.length) : documentName;

/** A room's stored state may be twice the largest importable file: Yjs keeps ids and history next to the text. */
export const MAX_DOCUMENT_BYTES = 2 * MAX_IMPORT_BYTES;
/** One WebSocket message: room for a whole document in one sync, plus framing. */
export const MAX_MESSAGE_BYTES = MAX_DOCUMENT_BYTES + 1024 * 1024;
/** Awareness and stateless messages are broadcast to everyone in the room: small ones only. */
export const MAX_SIDE_MESSAGE_BYTES = 16 * 1024;
/** The longest string any field of the store allows. */
export const MAX_STRING = Math.max(LIMITS.noteText, LIMITS.actionText, LIMITS.name, LIMITS.id);

/** The schema's root maps (docs/collab-schema.md) and how many keys each may hold. */
export const ROOT_LIMITS: Readonly<Record<string, number>> = {
  meta: 100,
  notes: LIMITS.notes,
  actions: LIMITS.actions,
  participants: LIMITS.participants,
  deleted: LIMITS.deleted,
};
export const ROOTS = Object.keys(ROOT_LIMITS);
/** A session document holds one map, `session`, with a few plain values (docs/collab-schema.md). */
export const SESSION_ROOT_LIMITS: Readonly<Record<string, number>> = { session: 16 };

export type RefusalReason =
  | 'room-name-invalid'
  | 'room-deleted'
  | 'token-missing'
  | 'token-invalid'
  | 'token-expired'
  | 'token-wrong-room'
  | 'token-too-long'
  | 'value-too-large'
  | 'too-many-items'
  | 'document-too-large'
  | 'message-too-large'
  | 'malformed-update'
  // Not a refusal: written under items the room does not have yet; the page connects again and syncs.
  | 'out-of-order'
  | 'unsupported-content'
  | 'unknown-root'
  | 'facilitator-only'
  | 'presence-not-yours'
  | 'schema-mismatch'
  | 'unknown-field'
  | 'vote-not-yours'
  | 'time-ahead'
  | 'message-type-refused'
  | 'side-messages-over-budget'
  | 'too-many-rooms'
  | 'origin-not-allowed'
  | 'server-error'
  | 'storage-unavailable'
  // A personal credential from a room made on request (workshop/): docs/workshop-api.md.
  | CredentialRefusal;

/**
 * Thrown from hooks to refuse a connection or a message. Deliberately not an Error and
 * without `message`: Hocuspocus sends `reason` to the client and does not log it again.
 */
export class Refusal {
  constructor(
    readonly reason: RefusalReason,
    readonly code = 4403,
    /** Where in the room, for the log (a field's place, never a value). */
    readonly where?: string,
    /** What failed underneath (a storage error), for the log. */
    readonly cause?: unknown,
  ) {}
}

/** Keeps track of a loaded room's size and item counts without re-encoding it on every message. */
export class RoomMeasure {
  /** Bytes of the state last stored or loaded, plus every update applied since. */
  estimatedBytes: number;
  /** Bytes of every update applied so far, to tell which ones a save did not include. */
  appliedBytes = 0;
  /** The most the room may hold: smaller for rooms anyone could create (ROOM_CREATION=open). */
  maxBytes = MAX_DOCUMENT_BYTES;
  readonly counts = new Map<string, number>();

  constructor(
    readonly doc: Y.Doc,
    readonly limits: Readonly<Record<string, number>> = ROOT_LIMITS,
    /** Clients of an earlier generation of this name (a deleted name used again): their updates are refused. */
    readonly retired: ReadonlyMap<number, number> = new Map(),
  ) {
    this.estimatedBytes = Y.encodeStateAsUpdate(doc).length;
    for (const root of Object.keys(limits)) {
      const map = doc.getMap(root);
      this.counts.set(root, map.size);
      map.observe((event) => {
        let delta = 0;
        event.changes.keys.forEach((change) => {
          if (change.action === 'add') delta += 1;
          else if (change.action === 'delete') delta -= 1;
        });
        this.counts.set(root, (this.counts.get(root) ?? 0) + delta);
      });
    }
  }

  /** The first root map that holds more keys than allowed, if any (checked after an update). */
  overfull(): string | undefined {
    return Object.keys(this.limits).find((root) => (this.counts.get(root) ?? 0) > this.limits[root]);
  }

  /**
   * Refuses an update before it is applied: one that does not decode, creates an unknown
   * root, holds an over-long string or a subdocument, adds keys past a root's limit, or
   * would make the document too large.
   */
  check(update: Uint8Array, decoded = decodeUpdate(update)): void {
    const newKeys = new Map<string, Set<string>>();
    for (const struct of decoded.structs) {
      const retired = this.retired.get(struct.id.client);
      if (retired !== undefined && struct.id.clock < retired) throw new Refusal('room-deleted', 4410);
      if (!(struct instanceof Y.Item)) continue;
      checkContent(struct.content);
      const parent = struct.parent;
      if (typeof parent !== 'string') continue; // a nested type's item, or its parent is implied by its neighbours
      if (!(parent in this.limits)) throw new Refusal('unknown-root');
      if (typeof struct.parentSub !== 'string') throw new Refusal('malformed-update'); // every root is a map
      if (!this.doc.getMap(parent).has(struct.parentSub)) {
        const keys = newKeys.get(parent) ?? new Set<string>();
        keys.add(struct.parentSub);
        newKeys.set(parent, keys);
      }
    }
    for (const [root, keys] of newKeys) {
      const current = this.counts.get(root) ?? 0;
      const limit = this.limits[root];
      if (current + keys.size > limit && current + keys.size - removedKeys(this.doc, root, decoded.ds) > limit) {
        throw new Refusal('too-many-items');
      }
    }
    if (this.estimatedBytes + update.length > this.maxBytes) {
      // Near the limit: measure exactly. Only growth is refused, so a reconnecting client's
      // sync that brings nothing new still passes in a room that is already full.
      const state = Y.encodeStateAsUpdate(this.doc);
      const merged = Y.mergeUpdates([state, update]).length;
      this.estimatedBytes = state.length;
      if (merged > this.maxBytes && merged > state.length) throw new Refusal('document-too-large');
    }
  }

  applied(update: Uint8Array): void {
    this.estimatedBytes += update.length;
    this.appliedBytes += update.length;
  }

  /**
   * A save wrote `bytes`, encoded when `appliedBytes` was `appliedAtEncode`; updates applied
   * while the write was running are not in it and stay counted.
   */
  stored(bytes: number, appliedAtEncode: number): void {
    this.estimatedBytes = bytes + (this.appliedBytes - appliedAtEncode);
  }
}

/** A Yjs update's structs and delete set; one that does not decode is refused. */
export function decodeUpdate(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> {
  try {
    return Y.decodeUpdate(update);
  } catch {
    throw new Refusal('malformed-update');
  }
}

/** How many of a root map's present keys the update's delete set removes (a writer pruning in the same transaction). */
function removedKeys(doc: Y.Doc, root: string, ds: ReturnType<typeof Y.decodeUpdate>["ds"]): number {
  let removed = 0;
  const entries = mapItems(doc.getMap(root));
  for (const item of entries.values()) if (!item.deleted && Y.isDeleted(ds, item.id)) removed += 1;
  return removed;
}

function checkContent(content: Y.Item['content']): void {
  if (content instanceof Y.ContentDoc) throw new Refusal('unsupported-content');
  if (content instanceof Y.ContentString) {
    if (content.str.length > MAX_STRING) throw new Refusal('value-too-large');
    return;
  }
  if (content instanceof Y.ContentAny) for (const value of content.arr) checkValue(value, 0);
}

function checkValue(value: unknown, depth: number): void {
  if (typeof value === 'string') {
    if (value.length > MAX_STRING) throw new Refusal('value-too-large');
  } else if (value !== null && typeof value === 'object') {
    if (depth > 20) throw new Refusal('unsupported-content');
    for (const inner of Object.values(value)) checkValue(inner, depth + 1);
  }
}
