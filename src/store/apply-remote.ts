// Items from outside (a live room), applied one by one. Its own module, so
// only the room's chunk carries it: the core bundle never applies remote items.
import { createDocument, later, sameAction, sameNote } from './document.js';
import { DocumentError } from './errors.js';
import { type CommitRemote, commitRemote, type GuideStore } from './guide-store.js';
import { LIMITS, type Action, type GuideDocument, type Note, type Participant, type Tombstone } from './types.js';
import { validateAction, validateNote, validateParticipant, validateTombstone } from './validate.js';

/**
 * One id as the outside holds it now: its note, its action and when it was
 * deleted, each `undefined` where there is none. Values are untrusted and
 * validated here. The three travel together because they decide together
 * whether the item is live (a deletion wins over every version written before it).
 */
export interface RemoteItem {
  readonly id: string;
  readonly note?: unknown;
  readonly action?: unknown;
  readonly deletedAt?: unknown;
}

/** A participant as the outside holds it now, or `undefined` when it is gone. */
export interface RemoteParticipant {
  readonly id: string;
  readonly participant?: unknown;
}

/** Items that changed outside. Ids not named stay as they are. */
export interface RemotePatch {
  readonly items?: readonly RemoteItem[];
  readonly participants?: readonly RemoteParticipant[];
}

/** The order the outside keeps each list in; a list without one keeps its order and gets new items appended. */
export interface DocumentOrder {
  readonly notes?: (a: Note, b: Note) => number;
  readonly actions?: (a: Action, b: Action) => number;
  readonly participants?: (a: Participant, b: Participant) => number;
  readonly deleted?: (a: Tombstone, b: Tombstone) => number;
}

/** An item from outside that was skipped, and why. */
export interface InvalidItem {
  readonly kind: 'note' | 'action' | 'participant' | 'deleted';
  readonly id: string;
  readonly reason: string;
}

const reasonOf = (error: unknown) =>
  error instanceof DocumentError ? error.message : `could not be read (${error instanceof Error ? error.name : typeof error})`;

function sortedBy<T>(items: readonly T[], compare?: (a: T, b: T) => number): readonly T[] {
  if (!compare) return items;
  for (let i = 1; i < items.length; i++) {
    if (compare(items[i - 1], items[i]) > 0) return [...items].sort(compare);
  }
  return items;
}

const sameTombstone = (a: Tombstone | undefined, b: Tombstone | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.id === b.id && a.deletedAt === b.deletedAt);

/** Replaces the items named in `next` (undefined removes), keeps the rest in place and appends new ones. */
function replaceItems<T extends { id: string }>(items: readonly T[], next: ReadonlyMap<string, T | undefined>): T[] {
  const seen = new Set<string>();
  const result: T[] = [];
  for (const item of items) {
    if (!next.has(item.id)) result.push(item);
    else {
      seen.add(item.id);
      const replacement = next.get(item.id);
      if (replacement) result.push(replacement);
    }
  }
  for (const [id, item] of next) if (item && !seen.has(id)) result.push(item);
  return result;
}

/**
 * Applies items that changed outside, each validated on its own: an invalid
 * one is skipped (and returned), the rest applied; the document as a whole is
 * not validated again. For every id named, its note, action and deletion are
 * replaced by the ones given (or removed), so an item that turned invalid
 * disappears instead of staying in an old version. With `replace`, ids not
 * named are dropped (a first read). Card ids are not checked: a room may hold
 * notes on cards this guide does not show. Returns the same document when
 * nothing changed.
 */
export function applyRemoteItems(
  document: GuideDocument,
  patch: RemotePatch,
  { order = {}, replace = false }: { order?: DocumentOrder; replace?: boolean } = {},
): { document: GuideDocument; invalid: InvalidItem[] } {
  const base = replace ? createDocument() : document;
  const invalid: InvalidItem[] = [];
  const notes = new Map<string, Note | undefined>();
  const actions = new Map<string, Action | undefined>();
  const deleted = new Map<string, Tombstone | undefined>();
  const participants = new Map<string, Participant | undefined>();

  const read = <T extends { id: string }>(kind: InvalidItem['kind'], id: string, value: unknown, validate: (value: unknown) => T) => {
    if (value === undefined) return undefined;
    try {
      const item = validate(value);
      if (item.id !== id) throw new DocumentError(`differs from its key ${JSON.stringify(id)}`, `${kind}.id`);
      return item;
    } catch (error) {
      invalid.push({ kind, id, reason: reasonOf(error) });
      return undefined;
    }
  };

  for (const { id, note: rawNote, action: rawAction, deletedAt } of patch.items ?? []) {
    const note = read('note', id, rawNote, (value) => validateNote(value));
    let action = read('action', id, rawAction, (value) => validateAction(value));
    let tombstone = read('deleted', id, deletedAt === undefined ? undefined : { id, deletedAt }, (value) => validateTombstone(value));
    if (note && action) {
      invalid.push({ kind: 'action', id, reason: `repeats the id of a note ${JSON.stringify(id)}` });
      action = undefined;
    }
    let live: Note | Action | undefined = note ?? action;
    if (live && tombstone) {
      // The store's merge rule: live only when updated after the deletion.
      if (later(live.updatedAt, tombstone.deletedAt)) tombstone = undefined;
      else live = undefined;
    }
    notes.set(id, live === note ? note : undefined);
    actions.set(id, live === action ? action : undefined);
    deleted.set(id, tombstone);
  }
  for (const { id, participant } of patch.participants ?? []) {
    participants.set(id, read('participant', id, participant, (value) => validateParticipant(value)));
  }

  // Limits the server cannot see (notes per card) or that a copy without a server must keep too.
  const current = new Map(base.notes.map((note) => [note.id, note]));
  const perCard = new Map<string, number>();
  for (const note of base.notes) if (!notes.has(note.id)) perCard.set(note.cardId, (perCard.get(note.cardId) ?? 0) + 1);
  let noteCount = base.notes.length - [...notes.keys()].filter((id) => current.has(id)).length;
  for (const [id, note] of notes) {
    if (!note) continue;
    const onCard = perCard.get(note.cardId) ?? 0;
    if (noteCount >= LIMITS.notes || onCard >= LIMITS.notesPerCard) {
      invalid.push({ kind: 'note', id, reason: `would put more notes in the guide or on its card than the limit` });
      notes.set(id, undefined);
      continue;
    }
    perCard.set(note.cardId, onCard + 1);
    noteCount++;
  }
  const capAdded = <T extends { id: string }>(kind: InvalidItem['kind'], items: readonly T[], next: Map<string, T | undefined>, limit: number) => {
    const known = new Set(items.map((item) => item.id));
    let count = items.length - [...next.keys()].filter((id) => known.has(id)).length;
    for (const [id, item] of next) {
      if (!item) continue;
      if (count >= limit) {
        invalid.push({ kind, id, reason: `would hold more than the limit of ${limit}` });
        next.set(id, undefined);
      } else count++;
    }
  };
  capAdded('action', base.actions, actions, LIMITS.actions);
  capAdded('participant', base.participants, participants, LIMITS.participants);

  const unchanged = <T extends { id: string }>(items: readonly T[], next: ReadonlyMap<string, T | undefined>, same: (a: T, b: T) => boolean) => {
    if (next.size === 0) return true;
    const byId = new Map(items.filter((item) => next.has(item.id)).map((item) => [item.id, item]));
    for (const [id, item] of next) {
      const old = byId.get(id);
      if (old === item) continue;
      if (!old || !item || !same(old, item)) return false;
    }
    return true;
  };
  const nextNotes = unchanged(base.notes, notes, sameNote) ? base.notes : replaceItems(base.notes, notes);
  const nextActions = unchanged(base.actions, actions, sameAction) ? base.actions : replaceItems(base.actions, actions);
  const nextDeleted = unchanged(base.deleted, deleted, (a, b) => sameTombstone(a, b)) ? base.deleted : replaceItems(base.deleted, deleted);
  const nextParticipants = unchanged(base.participants, participants, (a, b) => a.name === b.name)
    ? base.participants
    : replaceItems(base.participants, participants);
  const parts = {
    notes: sortedBy(nextNotes, order.notes),
    actions: sortedBy(nextActions, order.actions),
    participants: sortedBy(nextParticipants, order.participants),
    deleted: sortedBy(nextDeleted, order.deleted),
  };
  const same = (Object.keys(parts) as (keyof typeof parts)[]).every((key) => parts[key] === document[key]);
  return { document: same ? document : createDocument(parts), invalid };
}

/**
 * Applies items that changed outside to `store`, each validated on its own:
 * invalid ones are skipped and returned, the rest applied in one change that
 * names only the items that changed. `order` keeps each list in the outside's
 * order; `replace` drops everything not named (a first read).
 */
export function applyRemote(
  store: GuideStore,
  patch: RemotePatch,
  { origin = 'remote', source, order, replace }: { origin?: 'remote' | 'load'; source?: object; order?: DocumentOrder; replace?: boolean } = {},
): { invalid: readonly InvalidItem[] } {
  const { document, invalid } = applyRemoteItems(store.document, patch, { order, replace });
  (store[commitRemote] as CommitRemote)(document, { source }, origin);
  return { invalid };
}
