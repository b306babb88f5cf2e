// Keeps a GuideStore and a room's Y.Doc in step, item by item, following
// docs/collab-schema.md. No network here: whoever syncs the Y.Doc (a provider,
// y-indexeddb, a test relaying updates) is outside.
import * as Y from 'yjs';
import { applyRemote, type DocumentOrder, type InvalidItem, type RemoteItem, type RemoteParticipant } from '../store/apply-remote.js';
import type { GuideStore, StoreChange } from '../store/guide-store.js';
import { LIMITS, type Action, type GuideDocument, type Note, type Participant, type Tombstone } from '../store/types.js';
import {
  ACTION_FIELDS,
  NOTE_FIELDS,
  SCHEMA_VERSION,
  actionMap,
  compareActions,
  compareIds,
  compareTombstones,
  mapItems,
  noteMap,
  participantMap,
  readAction,
  readNote,
  readParticipant,
  type RootName,
} from './schema.js';
import { keyBetween, OrderKeys } from './order-keys.js';

/** An item in the room that was skipped: not shown, not written back. */
/**
 * The items a local store change touched: notes, actions and deletions by id, and participants whose
 * name changed. What the room writes, and what a page that cannot write keeps back.
 */
export function changedIds(change: StoreChange): { ids: Set<string>; participantIds: Set<string> } {
  const { document, previous } = change;
  const ids = new Set<string>();
  for (const diff of [change.notes, change.actions] as const) {
    for (const item of diff.added) ids.add(item.id);
    for (const { item } of diff.changed) ids.add(item.id);
    for (const item of diff.removed) ids.add(item.id);
  }
  if (document.deleted !== previous.deleted) {
    const before = new Map(previous.deleted.map((tombstone) => [tombstone.id, tombstone.deletedAt]));
    for (const tombstone of document.deleted) if (before.get(tombstone.id) !== tombstone.deletedAt) ids.add(tombstone.id);
  }
  const participantIds = new Set<string>();
  if (document.participants !== previous.participants) {
    const before = new Map(previous.participants.map((participant) => [participant.id, participant.name]));
    for (const { id, name } of document.participants) if (before.get(id) !== name) participantIds.add(id);
  }
  return { ids, participantIds };
}

export interface InvalidRoomItem {
  readonly code: 'collab-invalid';
  readonly root: RootName;
  readonly id: string;
  readonly reason: string;
}

/** The room cannot be written by this library: it is read, never written. */
export interface RoomRefusal {
  readonly code: 'collab-refused';
  readonly reason: 'schema-newer';
}

export interface RoomBindingOptions {
  /** Called once per item of the room that is skipped as invalid. */
  onInvalid?: (item: InvalidRoomItem) => void;
  /** Called when the room turns out to be one this library must not write. */
  onRefused?: (refusal: RoomRefusal) => void;
  /** Called when a room that could not be written can be again (its `meta.schema` is no longer newer). */
  onWritable?: () => void;
  /**
   * While true, what arrives is the room catching this page up (the device
   * copy, the first sync), not changes someone makes now: applied with origin
   * `load`, so no change events fire for notes that were already there.
   */
  catchingUp?: () => boolean;
}

export interface RoomBinding {
  /**
   * True while the room's schema is newer than this library's: the room is read, never written, and
   * local changes are not written (whoever binds keeps them; `bringIn` once it is false again).
   */
  readonly readOnly: boolean;
  /**
   * Writes a local document's notes, actions, deletions and participants into
   * the room by the store's merge rule (the later-updated version of an item
   * wins, a deletion wins over versions written before it), in one
   * transaction; what it brings arrives in the store as a remote change.
   */
  bringIn(document: GuideDocument): void;
  /** Stops following both sides; the store and the room keep what they hold. */
  stop(): void;
}

/**
 * Binds `store` to the room `doc`: reads the whole room into the store (origin
 * `load`, replacing what the store held), then writes every local store change
 * to the room as one transaction and applies every other transaction on the
 * room to the store as one change naming only the items that changed. Bind
 * after the room has synced (a provider's first sync, or y-indexeddb's load)
 * where possible: the first read is then the room, not an empty doc.
 */
export function bindRoom(store: GuideStore, doc: Y.Doc, options: RoomBindingOptions = {}): RoomBinding {
  return new Binding(store, doc, options);
}

const KIND_ROOT: Record<InvalidItem['kind'], RootName> = {
  note: 'notes',
  action: 'actions',
  participant: 'participants',
  deleted: 'deleted',
};

const later = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && Date.parse(a) > Date.parse(b);

class Binding implements RoomBinding {
  readonly #store: GuideStore;
  readonly #doc: Y.Doc;
  readonly #options: RoomBindingOptions;
  readonly #meta: Y.Map<unknown>;
  readonly #notes: Y.Map<unknown>;
  readonly #actions: Y.Map<unknown>;
  readonly #participants: Y.Map<unknown>;
  readonly #deleted: Y.Map<unknown>;
  /** The valid `order` key of every readable note in the room, `undefined` for one that sorts after them. */
  readonly #orderKeys = new OrderKeys();
  readonly #order: DocumentOrder;
  /** Keys that changed in remote transactions, applied once the transaction is over. */
  readonly #pendingItems = new Set<string>();
  readonly #pendingParticipants = new Set<string>();
  /** Ids written from local changes, read back once the change is over so the store holds what the room holds. */
  readonly #recheckItems = new Set<string>();
  readonly #recheckParticipants = new Set<string>();
  #recheckScheduled = false;
  readonly #reported = new Set<string>();
  /** Items that looked invalid while updates were missing. */
  readonly #suspects = new Map<string, { root: RootName; id: string }>();
  /** The origin of `bringIn`'s transaction: not this binding's, so it is read back like any remote change. */
  readonly #bringInOrigin = { bringIn: true };
  readonly #stops: (() => void)[] = [];
  #readOnly = false;
  #stopped = false;

  constructor(store: GuideStore, doc: Y.Doc, options: RoomBindingOptions) {
    this.#store = store;
    this.#doc = doc;
    this.#options = options;
    this.#meta = doc.getMap('meta');
    this.#notes = doc.getMap('notes');
    this.#actions = doc.getMap('actions');
    this.#participants = doc.getMap('participants');
    this.#deleted = doc.getMap('deleted');
    this.#order = {
      notes: this.#orderKeys.compare,
      actions: compareActions,
      participants: (a, b) => compareIds(a.id, b.id),
      deleted: compareTombstones,
    };

    this.#guard(() => this.#checkSchema());
    this.#guard(() => this.#load());

    const roots: [RootName, Y.Map<unknown>][] = [
      ['notes', this.#notes],
      ['actions', this.#actions],
      ['participants', this.#participants],
      ['deleted', this.#deleted],
    ];
    for (const [name, root] of roots) {
      const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) =>
        this.#guard(() => this.#collect(name, root, events, transaction));
      root.observeDeep(observer);
      this.#stops.push(() => root.unobserveDeep(observer));
    }
    const onMeta = (_event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
      if (transaction.origin !== this) this.#guard(() => this.#checkSchema());
    };
    this.#meta.observe(onMeta);
    this.#stops.push(() => this.#meta.unobserve(onMeta));
    const afterTransaction = () => this.#guard(() => this.#applyPending());
    doc.on('afterTransaction', afterTransaction);
    this.#stops.push(() => doc.off('afterTransaction', afterTransaction));
    this.#stops.push(store.subscribe((change) => this.#guard(() => this.#onStoreChange(change))));
  }

  get readOnly(): boolean {
    return this.#readOnly;
  }

  stop(): void {
    this.#stopped = true;
    for (const stop of this.#stops.splice(0)) stop();
  }

  bringIn(document: GuideDocument): void {
    if (this.#readOnly || this.#stopped) return;
    this.#guard(() =>
      this.#doc.transact(() => {
        this.#markSchema();
        this.#bringIn(document);
      }, this.#bringInOrigin),
    );
  }

  // -------------------------------------------------------------------------
  // Reading the room

  /** Never throws into Yjs or the store: a failure here must not break the guide or the room. */
  #guard(run: () => void): void {
    try {
      run();
    } catch (error) {
      console.error('innovasjonsguide: the room binding failed', error);
    }
  }

  /**
   * Whether the doc holds updates it cannot integrate yet (some arrived before
   * the ones they build on). Meanwhile an item can look broken: Yjs applies a
   * later edit's deletion of a field before the field's new value can follow.
   */
  #waitingForUpdates(): boolean {
    return this.#doc.store.pendingStructs !== null || this.#doc.store.pendingDs !== null;
  }

  #report(root: RootName, id: string, reason: string): void {
    const key = `${root}\u0000${id}`;
    if (this.#reported.has(key)) return;
    if (this.#waitingForUpdates()) {
      // Read again once the missing updates are in: reported then if it is still invalid.
      this.#suspects.set(key, { root, id });
      return;
    }
    this.#reported.add(key);
    const onInvalid = this.#options.onInvalid;
    if (onInvalid) this.#guard(() => onInvalid({ code: 'collab-invalid', root, id, reason }));
  }

  #checkSchema(): void {
    const schema = this.#meta.get('schema');
    if (typeof schema === 'number' && schema > SCHEMA_VERSION) {
      if (this.#readOnly) return;
      this.#readOnly = true;
      const onRefused = this.#options.onRefused;
      if (onRefused) this.#guard(() => onRefused({ code: 'collab-refused', reason: 'schema-newer' }));
      return;
    }
    if (schema !== undefined && schema !== SCHEMA_VERSION) this.#report('meta', 'schema', `must be a schema version, got ${typeof schema}`);
    // Anyone in the room can write `meta.schema`: a newer one set by mistake or on purpose and then put back
    // makes the room writable again, as a room that never named a newer one is.
    if (!this.#readOnly) return;
    this.#readOnly = false;
    const onWritable = this.#options.onWritable;
    if (onWritable) this.#guard(() => onWritable());
  }

  /**
   * Writes a missing `meta.schema` with the binding's first write, not when it
   * starts: a binding started before the room has synced would otherwise write
   * it before the room's own arrives, and a copy that only reads writes nothing.
   */
  #markSchema(): void {
    if (this.#meta.get('schema') === undefined) this.#meta.set('schema', SCHEMA_VERSION);
  }

  #load(): void {
    const ids = new Set([...this.#notes.keys(), ...this.#actions.keys(), ...this.#deleted.keys()]);
    this.#apply(ids, new Set(this.#participants.keys()), 'load', true);
  }

  #collect(root: RootName, map: Y.Map<unknown>, events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void {
    if (transaction.origin === this || this.#stopped) return;
    const pending = root === 'participants' ? this.#pendingParticipants : this.#pendingItems;
    for (const event of events) {
      if (event.target === map) {
        for (const key of (event as Y.YMapEvent<unknown>).keysChanged) pending.add(key);
      } else {
        // A change inside a note (a field, or its votes map): the path starts at the note's key.
        const key = event.path[0];
        if (typeof key === 'string') pending.add(key);
      }
    }
  }

  #applyPending(): void {
    if (this.#stopped) return;
    if (this.#suspects.size && !this.#waitingForUpdates()) {
      for (const { root, id } of this.#suspects.values()) (root === 'participants' ? this.#pendingParticipants : this.#pendingItems).add(id);
      this.#suspects.clear();
    }
    if (this.#pendingItems.size === 0 && this.#pendingParticipants.size === 0) return;
    const items = new Set(this.#pendingItems);
    const participants = new Set(this.#pendingParticipants);
    this.#pendingItems.clear();
    this.#pendingParticipants.clear();
    this.#apply(items, participants, this.#options.catchingUp?.() ? 'load' : 'remote', false);
  }

  /** Reads the named items from the room and hands them to the store, validated one by one. */
  #apply(ids: ReadonlySet<string>, participantIds: ReadonlySet<string>, origin: 'remote' | 'load', replace: boolean): void {
    const items = [...ids].map((id) => this.#readItem(id));
    const participants = [...participantIds].map((id) => this.#readParticipant(id));
    const { invalid } = applyRemote(this.#store, { items, participants }, { origin, order: this.#order, replace });
    for (const { kind, id, reason } of invalid) this.#report(KIND_ROOT[kind], id, reason);
  }

  #readItem(id: string): RemoteItem {
    let note: unknown;
    const rawNote = this.#notes.get(id);
    this.#orderKeys.delete(id);
    if (rawNote !== undefined) {
      const read = readNote(rawNote);
      if (read.problem !== undefined) this.#report('notes', id, read.problem);
      else {
        note = read.value.fields;
        this.#orderKeys.set(id, read.value.order);
      }
    }
    let action: unknown;
    const rawAction = this.#actions.get(id);
    if (rawAction !== undefined) {
      const read = readAction(rawAction);
      if (read.problem !== undefined) this.#report('actions', id, read.problem);
      else action = read.value;
    }
    return { id, note, action, deletedAt: this.#deleted.get(id) };
  }

  #readParticipant(id: string): RemoteParticipant {
    const raw = this.#participants.get(id);
    if (raw === undefined) return { id };
    const read = readParticipant(raw);
    if (read.problem !== undefined) this.#report('participants', id, read.problem);
    return { id, participant: read.value };
  }

  // -------------------------------------------------------------------------
  // Writing local changes

  #onStoreChange(change: StoreChange): void {
    if (change.origin !== 'local' || this.#readOnly || this.#stopped) return;
    const { document, previous } = change;
    const { ids, participantIds } = changedIds(change);
    if (ids.size === 0 && participantIds.size === 0 && document.notes === previous.notes) return;
    this.#doc.transact(() => {
      this.#markSchema();
      this.#write(ids, participantIds);
    }, this);
    // What was written reads back as the store has it (votes sorted, fields validated), so only where the room
    // may order a list otherwise is it read back: two equal keys, a new participant (the room sorts by id), an
    // action or deletion stamped before another's (a clock behind), a note after keys the room cannot use.
    if (this.#inRoomOrder(this.#store.document)) return;
    for (const id of ids) this.#recheckItems.add(id);
    for (const id of participantIds) this.#recheckParticipants.add(id);
    this.#scheduleRecheck();
  }

  /** Whether every list of `document` is in the order the room reads it in. */
  #inRoomOrder(document: GuideDocument): boolean {
    const sorted = <T>(items: readonly T[], compare?: (a: T, b: T) => number) =>
      !compare || items.every((item, i) => i === 0 || compare(items[i - 1], item) < 0);
    const order = this.#order;
    return (
      sorted(document.notes, order.notes) &&
      sorted(document.actions, order.actions) &&
      sorted(document.participants, order.participants) &&
      sorted(document.deleted, order.deleted)
    );
  }

  /**
   * After the store's listeners have heard the local change, reads the written
   * items back where the room orders them differently (`#inRoomOrder`): the
   * store follows the room, so every copy holds the same document.
   */
  #scheduleRecheck(): void {
    if (this.#recheckScheduled) return;
    this.#recheckScheduled = true;
    queueMicrotask(() =>
      this.#guard(() => {
        this.#recheckScheduled = false;
        if (this.#stopped) return;
        const items = new Set(this.#recheckItems);
        const participants = new Set(this.#recheckParticipants);
        this.#recheckItems.clear();
        this.#recheckParticipants.clear();
        this.#apply(items, participants, 'remote', false);
      }),
    );
  }

  /** Writes the store's current version of the named items, field by field where the room differs. */
  #write(ids: ReadonlySet<string>, participantIds: ReadonlySet<string>): void {
    const document = this.#store.document;
    const index = new Map(document.notes.map((note, i) => [note.id, i]));
    const actions = new Map(document.actions.map((action) => [action.id, action]));
    const tombstones = new Map(document.deleted.map((tombstone) => [tombstone.id, tombstone]));
    const needsPlace: string[] = [];
    // A new note without an author goes in from a client id of its own (below), not this person's.
    const anonymous = new Map<string, Note>();
    for (const id of ids) {
      const at = index.get(id);
      const note = at === undefined ? undefined : document.notes[at];
      if (note && note.author === '' && !this.#everInRoom(id)) {
        anonymous.set(id, note);
        needsPlace.push(id);
      } else if (this.#writeNote(id, note)) needsPlace.push(id);
      this.#writeAction(id, actions.get(id));
      const tombstone = tombstones.get(id);
      if (note || actions.has(id)) {
        // Live again (an undo): the deletion goes with the same transaction.
        if (this.#deleted.has(id)) this.#deleted.delete(id);
      } else if (tombstone && this.#deleted.get(id) !== tombstone.deletedAt) {
        this.#deleted.set(id, tombstone.deletedAt);
      }
    }
    this.#place(document.notes, index, needsPlace);
    for (const [id, note] of anonymous) this.#writeAnonymously(note, this.#orderKeys.get(id) ?? '');
    // A note moved within its card keeps its card: it needs a new key only where its old one no longer fits.
    const misplaced = [...ids].filter((id) => {
      const at = index.get(id);
      return at !== undefined && !needsPlace.includes(id) && !this.#orderKeys.fits(document.notes, at);
    });
    this.#place(document.notes, index, misplaced);
    // A reorder the change does not name (a move within the same millisecond leaves the note equal): fewest new keys.
    // Notes whose key the room cannot use (written so by another client) are left alone: they sort last anyway.
    if (!this.#orderKeys.sorted(document.notes)) {
      this.#place(document.notes, index, this.#orderKeys.outOfOrder(document.notes).filter((id) => this.#orderKeys.get(id) !== undefined));
    }
    const participants = new Map(document.participants.map((participant) => [participant.id, participant]));
    for (const id of participantIds) {
      const participant = participants.get(id);
      if (participant) this.#writeParticipant(participant);
    }
    this.#trimDeleted();
  }

  /** Writes a note; true when it needs a new `order` key (new, or on another card). */
  #writeNote(id: string, note: Note | undefined): boolean {
    const existing = this.#notes.get(id);
    if (!note) {
      if (existing !== undefined) this.#notes.delete(id);
      this.#orderKeys.delete(id);
      return false;
    }
    const votes = existing instanceof Y.Map ? existing.get('votes') : undefined;
    if (!(existing instanceof Y.Map) || !(votes instanceof Y.Map)) {
      this.#notes.set(id, noteMap(note, ''));
      this.#orderKeys.set(id, undefined);
      return true;
    }
    const moved = existing.get('cardId') !== note.cardId;
    for (const name of NOTE_FIELDS) if (existing.get(name) !== note[name]) existing.set(name, note[name]);
    this.#writeVotes(votes, note.votes, true);
    return moved;
  }

  /**
   * Whether the room's notes map has ever held `id`: a deleted key keeps its place there, and only a
   * write from this document (after it) brings it back, so an undo is written the ordinary way.
   */
  #everInRoom(id: string): boolean {
    return mapItems(this.#notes).has(id);
  }

  /**
   * Writes a new note without an author from a throwaway Yjs client: its items carry that client's id,
   * not the one this person's presence is published under, so the others cannot tie it to them.
   * (The server still sees which connection sent it; later edits are this person's own.)
   */
  #writeAnonymously(note: Note, order: string): void {
    const scratch = new Y.Doc();
    scratch.getMap('notes').set(note.id, noteMap(note, order));
    Y.applyUpdate(this.#doc, Y.encodeStateAsUpdate(scratch), this);
    scratch.destroy();
  }

  /** Sets the votes `wanted`; with `exact`, also takes back those not in it. */
  #writeVotes(votes: Y.Map<unknown>, wanted: readonly string[], exact: boolean): void {
    for (const id of wanted) if (votes.get(id) !== true) votes.set(id, true);
    if (!exact) return;
    const keep = new Set(wanted);
    for (const id of [...votes.keys()]) if (!keep.has(id)) votes.delete(id);
  }

  /** Gives the notes in `ids` keys where the store has them (src/collab/order-keys.ts), written into the room. */
  #place(notes: readonly Note[], index: ReadonlyMap<string, number>, ids: readonly string[]): void {
    this.#orderKeys.place(notes, index, ids, (id, key) => {
      const map = this.#notes.get(id);
      if (map instanceof Y.Map) map.set('order', key); // else an anonymous note, written with its key afterwards
    });
  }

  #writeAction(id: string, action: Action | undefined): void {
    const existing = this.#actions.get(id);
    if (!action) {
      if (existing !== undefined) this.#actions.delete(id);
    } else if (!(existing instanceof Y.Map)) {
      this.#actions.set(id, actionMap(action));
    } else {
      for (const name of ACTION_FIELDS) if (existing.get(name) !== action[name]) existing.set(name, action[name]);
    }
  }

  #writeParticipant(participant: Participant): void {
    const existing = this.#participants.get(participant.id);
    if (!(existing instanceof Y.Map)) this.#participants.set(participant.id, participantMap(participant));
    else {
      if (existing.get('id') !== participant.id) existing.set('id', participant.id);
      if (existing.get('name') !== participant.name) existing.set('name', participant.name);
    }
  }

  /** Forgets the oldest deletions beyond `LIMITS.deleted` (by time, then id; unreadable times first). */
  #trimDeleted(): void {
    const excess = this.#deleted.size - LIMITS.deleted;
    if (excess <= 0) return;
    const time = (value: unknown) => (typeof value === 'string' && Date.parse(value)) || -Infinity;
    const entries = [...this.#deleted.entries()].map(([id, value]) => ({ id, at: time(value) }));
    entries.sort((a, b) => (a.at === b.at ? compareIds(a.id, b.id) : a.at < b.at ? -1 : 1));
    for (const { id } of entries.slice(0, excess)) this.#deleted.delete(id);
  }

  // -------------------------------------------------------------------------
  // Bringing a local document into the room

  #bringIn(document: GuideDocument): void {
    let last = this.#orderKeys.last();
    const roomUpdatedAt = (value: unknown) => (value instanceof Y.Map ? value.get('updatedAt') : undefined);

    for (const note of document.notes) {
      if (!this.#mayBringIn(note)) continue;
      const existing = this.#notes.get(note.id);
      if (existing === undefined) {
        if (this.#notes.size >= LIMITS.notes) continue;
        last = keyBetween(last, null);
        this.#notes.set(note.id, noteMap(note, last));
        this.#orderKeys.set(note.id, last);
        if (this.#deleted.has(note.id)) this.#deleted.delete(note.id);
        continue;
      }
      const votes = existing instanceof Y.Map ? existing.get('votes') : undefined;
      // An entry the room cannot read is left alone: clients never repair each other's items.
      if (!(existing instanceof Y.Map) || !(votes instanceof Y.Map) || !later(note.updatedAt, roomUpdatedAt(existing))) continue;
      if (existing.get('cardId') !== note.cardId) {
        last = keyBetween(last, null);
        existing.set('order', last);
      }
      for (const name of NOTE_FIELDS) if (existing.get(name) !== note[name]) existing.set(name, note[name]);
      // Votes are a set of people: bringing a copy in adds its votes and takes none away.
      this.#writeVotes(votes, note.votes, false);
    }

    for (const action of document.actions) {
      if (!this.#mayBringIn(action)) continue;
      const existing = this.#actions.get(action.id);
      if (existing === undefined) {
        if (this.#actions.size >= LIMITS.actions) continue;
        this.#actions.set(action.id, actionMap(action));
        if (this.#deleted.has(action.id)) this.#deleted.delete(action.id);
      } else if (existing instanceof Y.Map && later(action.updatedAt, roomUpdatedAt(existing))) {
        for (const name of ACTION_FIELDS) if (existing.get(name) !== action[name]) existing.set(name, action[name]);
      }
    }

    for (const tombstone of document.deleted) this.#bringInDeletion(tombstone, roomUpdatedAt);

    for (const participant of document.participants) {
      if (!this.#participants.has(participant.id) && this.#participants.size < LIMITS.participants) {
        this.#participants.set(participant.id, participantMap(participant));
      }
    }
    this.#trimDeleted();
  }

  /** An item may come in unless the room deleted it after its last update. */
  #mayBringIn(item: Note | Action): boolean {
    const deletedAt = this.#deleted.get(item.id);
    return deletedAt === undefined || later(item.updatedAt, deletedAt);
  }

  #bringInDeletion(tombstone: Tombstone, roomUpdatedAt: (value: unknown) => unknown): void {
    const { id, deletedAt } = tombstone;
    for (const map of [this.#notes, this.#actions]) {
      const existing = map.get(id);
      if (existing === undefined) continue;
      // A version written after the deletion outlives it.
      if (later(roomUpdatedAt(existing), deletedAt)) return;
      if (existing instanceof Y.Map) map.delete(id);
      else return;
    }
    const known = this.#deleted.get(id);
    if (known === undefined || later(deletedAt, known)) this.#deleted.set(id, deletedAt);
  }
}
