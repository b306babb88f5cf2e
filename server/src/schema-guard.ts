// The room's schema, enforced before an update is applied: every item an update writes is placed
// (root, item id, field, voter) and checked against the one declaration the page writes by
// (ROOM_FIELDS and META_FIELDS in src/collab/schema.ts, with the store's own field checks).
// Votes only under the connection's verified id; times no further ahead than the server's clock
// allows. Anything else is refused before Hocuspocus applies it.
import * as Y from 'yjs';
import { META_FIELDS, ROOM_FIELDS, type FieldCheck } from '../../src/collab/schema.js';
import { DocumentError } from '../../src/store/errors.js';
import { validateId, validateTimestamp } from '../../src/store/validate.js';
import { Refusal } from './limits.js';

/** A time written into a room may run this far ahead of the server's clock (the pages' clocks differ a little). */
export const MAX_CLOCK_LEAD_MS = 5 * 60_000;
/** The close code for 'out-of-order': not a refusal; the page connects again (src/collab/room-connection.ts). */
export const OUT_OF_ORDER_CODE = 4409;

type Decoded = ReturnType<typeof Y.decodeUpdate>;
type Struct = Decoded['structs'][number];
/** Where an item sits: its root, then keys down to it (['notes', 'n1', 'votes', 'p1']). */
type Path = string[];
/** Written into a map that has been deleted meanwhile (a note removed while another page edited it): Yjs keeps it deleted. */
const GONE = 'gone' as const;
/**
 * Written under an item the room does not have yet (a page passing on changes made on an instance
 * that died before saving them, ahead of the sync that brings them): not refused as malformed; the
 * page reconnects and its sync brings everything in order (docs/collab-schema.md).
 */
const MISSING = 'missing' as const;
type Place = Path | typeof GONE | typeof MISSING | null;

export interface Writer {
  /** The verified person id (a token's `sub`); votes go only under it. */
  sub?: string;
  /**
   * Votes a page passes on for someone else (after a crash lost them on the server): the person a Yjs
   * client has voted as, and up to which clock the server has seen its votes (VoteClients).
   */
  seenVotes?: (client: number) => { sub: string; end: number } | undefined;
  /** Filled with the end clock of each vote this writer casts itself, by client, to remember. */
  ownVotes?: Map<number, number>;
}

/** Refuses the update unless every item it writes, and every vote it removes, is the schema's. */
export function checkSchema(doc: Y.Doc, decoded: Decoded, writer: Writer, now = Date.now()): void {
  const places = new Places(doc, decoded.structs);
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item) || struct.content instanceof Y.ContentDeleted) continue;
    // What the room has already is a no-op for Yjs (a device copy replayed, an echo): it was checked when it came.
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    const path = places.of(struct);
    if (path === GONE) continue;
    if (path === MISSING) throw new Refusal('out-of-order', OUT_OF_ORDER_CODE);
    if (!path) throw new Refusal('malformed-update');
    checkItem(path, struct, writer, now);
  }
  if (writer.sub === undefined) return;
  // Taking back a vote is deleting its item: only one's own.
  decoded.ds.clients.forEach((ranges, client) => {
    for (const { clock, len } of ranges) {
      for (let at = clock; at < clock + len; ) {
        const item = findItem(doc, client, at);
        if (!item) break;
        const path = places.of(item);
        const vote = Array.isArray(path) && path.length === 4 && path[0] === 'notes' && path[2] === 'votes';
        // Deleting a note deletes the votes in it too: that is the note's deletion, not taking back a vote.
        if (vote && path[3] !== writer.sub && !containerGoes(item, decoded.ds)) throw new Refusal('vote-not-yours', 4403, 'notes.*.votes.*');
        at = item.id.clock + item.length;
      }
    }
  });
}

/** Whether the maps holding `item` (its votes map, its note) are deleted already or by the same update. */
function containerGoes(item: Y.Item, ds: Decoded['ds']): boolean {
  for (let type = item.parent as Y.AbstractType<unknown> | null; type && type._item; type = type._item.parent as Y.AbstractType<unknown> | null) {
    if (type._item.deleted || Y.isDeleted(ds, type._item.id)) return true;
  }
  return false;
}

/** A table's own entry only: `constructor` or `toString` must not find Object.prototype's functions. */
function own<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

function checkItem(path: Path, struct: Y.Item, writer: Writer, now: number): void {
  const [root, key, field, voter] = path;
  const content = struct.content;
  const value = valueOf(content);
  const where = [root, root === 'meta' ? key : '*', field, field === 'votes' && voter !== undefined ? '*' : undefined].filter(Boolean).join('.');
  const refuse = (reason: ConstructorParameters<typeof Refusal>[0] = 'schema-mismatch'): never => {
    throw new Refusal(reason, 4403, where);
  };
  const check = (fieldCheck: FieldCheck | undefined, checked: unknown) => {
    if (!fieldCheck) refuse('unknown-field');
    try {
      fieldCheck!(checked);
    } catch (error) {
      if (error instanceof DocumentError) refuse();
      throw error;
    }
  };
  if (path.length === 2) {
    if (root === 'meta') return check(own(META_FIELDS, key), value);
    if (root === 'deleted') {
      check(validateId, key);
      check(validateTimestamp, value);
      return notAhead(value as string, now);
    }
    check(validateId, key);
    if (!isMap(value)) refuse();
    return;
  }
  const fields = own(ROOM_FIELDS as Record<string, Record<string, FieldCheck>>, root);
  if (!fields) return refuse('unknown-field');
  if (path.length === 3) {
    if (root === 'notes' && field === 'votes') return void (isMap(value) || refuse());
    check(own(fields, field), value);
    if (field === 'createdAt' || field === 'updatedAt') notAhead(value as string, now);
    return;
  }
  if (path.length === 4 && root === 'notes' && field === 'votes') {
    check(validateId, voter);
    if (value !== true) refuse();
    if (writer.sub === undefined) return;
    const { client, clock } = struct.id;
    const end = clock + struct.length;
    if (voter === writer.sub) {
      writer.ownVotes?.set(client, Math.max(end, writer.ownVotes.get(client) ?? 0));
      return;
    }
    // Someone else's vote passed on: only one the server saw that person's client cast (and lost).
    const seen = writer.seenVotes?.(client);
    if (!seen || seen.sub !== voter || end > seen.end) refuse('vote-not-yours');
    return;
  }
  refuse();
}

function notAhead(time: string, now: number): void {
  if (Date.parse(time) > now + MAX_CLOCK_LEAD_MS) throw new Refusal('time-ahead');
}

const isMap = (value: unknown): boolean => value === MAP;
const MAP = Symbol('Y.Map');

/** The one value a map entry's content holds (a Y.Map as MAP); anything a map entry cannot be is refused. */
function valueOf(content: Y.Item['content']): unknown {
  if (content instanceof Y.ContentAny) {
    if (content.arr.length !== 1) throw new Refusal('schema-mismatch');
    return content.arr[0];
  }
  if (content instanceof Y.ContentType && content.type instanceof Y.Map) return MAP;
  throw new Refusal('unsupported-content');
}

function findItem(doc: Y.Doc, client: number, clock: number): Y.Item | undefined {
  if (clock >= Y.getState(doc.store, client)) return undefined;
  const struct = Y.getItem(doc.store, Y.createID(client, clock));
  return struct instanceof Y.Item ? struct : undefined;
}

/** Places items, whether in the room already or arriving in the same update. */
class Places {
  readonly #incoming = new Map<number, Struct[]>();
  readonly #roots = new Map<unknown, string>();
  readonly #memo = new Map<Struct, Place>();

  constructor(
    private readonly doc: Y.Doc,
    structs: Struct[],
  ) {
    for (const struct of structs) {
      const list = this.#incoming.get(struct.id.client) ?? [];
      list.push(struct);
      this.#incoming.set(struct.id.client, list);
    }
    doc.share.forEach((type, name) => this.#roots.set(type, name));
  }

  /**
   * The item with this id: in the update, else in the room; GONE where the room has only its
   * garbage-collected trace; MISSING where neither has it yet.
   */
  #find(id: Y.ID): Y.Item | typeof GONE | typeof MISSING {
    const incoming = this.#incoming.get(id.client)?.find((struct) => struct.id.clock <= id.clock && id.clock < struct.id.clock + struct.length);
    if (incoming) return incoming instanceof Y.Item ? incoming : GONE;
    if (id.clock >= Y.getState(this.doc.store, id.client)) return MISSING;
    return findItem(this.doc, id.client, id.clock) ?? GONE;
  }

  of(item: Y.Item): Place {
    if (this.#memo.has(item)) return this.#memo.get(item)!;
    this.#memo.set(item, null); // a cycle of origins places nothing
    const path = this.#place(item);
    this.#memo.set(item, path);
    return path;
  }

  #place(item: Y.Item): Place {
    const parent = item.parent as unknown;
    const below = (above: Place, key: string | null): Place => (above === GONE || above === MISSING ? above : above && key !== null ? [...above, key] : null);
    if (parent instanceof Y.AbstractType) {
      // In the room already: its map, and that map's own place.
      const root = this.#roots.get(parent);
      if (root !== undefined) return item.parentSub === null ? null : [root, item.parentSub];
      const owner = parent._item;
      return below(owner ? this.of(owner) : null, item.parentSub);
    }
    if (typeof parent === 'string') return item.parentSub === null ? null : [parent, item.parentSub];
    if (parent && typeof parent === 'object' && 'client' in (parent as object)) {
      const owner = this.#find(parent as Y.ID);
      if (owner === GONE || owner === MISSING) return owner;
      if (owner.deleted && !(owner.content instanceof Y.ContentType)) return GONE;
      return below(owner.content instanceof Y.ContentType ? this.of(owner) : null, item.parentSub);
    }
    // No parent written: a map entry written over an earlier one takes its place from its neighbour.
    const left = item.origin ? this.#find(item.origin) : null;
    const neighbour = left && left !== MISSING ? left : item.rightOrigin ? this.#find(item.rightOrigin) : left;
    if (neighbour === GONE || neighbour === MISSING) return neighbour;
    return neighbour ? this.of(neighbour) : null;
  }
}
