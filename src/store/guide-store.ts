import * as ops from './document.js';
import type { DocumentDiff } from './document.js';
import type { Action, ActionChanges, GuideDocument, NewAction, NewNote, Note, NoteChanges, Participant } from './types.js';
import { validateDocument } from './validate.js';

/**
 * Where a change came from: `local` (this page: a person or the API),
 * `remote` (storage pushed another tab's or machine's version) or `load`
 * (the first read from storage, not a change anyone made).
 */
export type ChangeOrigin = 'local' | 'remote' | 'load';

export interface StoreChange extends DocumentDiff {
  readonly document: GuideDocument;
  readonly previous: GuideDocument;
  readonly origin: ChangeOrigin;
  /** The object that asked for the change (an element, for events), if any. */
  readonly source?: object;
}

/** The key of the store's commit for remote items: not part of the public API. */
export const commitRemote = Symbol('commitRemote');
export type CommitRemote = (document: GuideDocument, options: ChangeOptions, origin: 'remote' | 'load') => void;

export type StoreListener = (change: StoreChange) => void;

export interface StoreOptions {
  /** The cards notes may be put on; without it any card id is accepted. */
  cardIds?: ReadonlySet<string>;
  /** The document to start from, validated and frozen as `setDocument()` does (a {@link DocumentError} when it is not valid). */
  document?: GuideDocument;
}

export interface ChangeOptions {
  source?: object;
}

/**
 * Holds one guide's document and tells its listeners about every change,
 * note by note and action by action. Framework-free: elements, storage
 * adapters and tests all use it alike, and changes may arrive from outside
 * at any time through `setDocument`.
 */
export class GuideStore {
  #document: GuideDocument;
  readonly #listeners = new Set<StoreListener>();
  cardIds?: ReadonlySet<string>;

  /** Throws a {@link DocumentError} when `document` is not a valid document, as `setDocument()` does. */
  constructor({ cardIds, document }: StoreOptions = {}) {
    this.cardIds = cardIds;
    this.#document = document === undefined ? ops.createDocument() : validateDocument(document, { cardIds });
  }

  get document(): GuideDocument {
    return this.#document;
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  addNote(input: NewNote, options?: ChangeOptions): Note {
    const { document, note } = ops.addNote(this.#document, input, { cardIds: this.cardIds });
    this.#commit(document, options);
    return note;
  }

  updateNote(id: string, changes: NoteChanges, options?: ChangeOptions): Note {
    const { document, note } = ops.updateNote(this.#document, id, changes, { cardIds: this.cardIds });
    this.#commit(document, options);
    return note;
  }

  /** Moves a note to a position among the notes of a card (its own or another). */
  moveNote(id: string, to: { cardId: string; index: number }, options?: ChangeOptions): Note {
    const { document, note } = ops.moveNote(this.#document, id, to, { cardIds: this.cardIds });
    this.#commit(document, options);
    return note;
  }

  removeNote(id: string, options?: ChangeOptions): Note {
    const { document, note } = ops.removeNote(this.#document, id);
    this.#commit(document, options);
    return note;
  }

  /** Brings a removed note back (undo) at `index` among its card's notes. */
  restoreNote(note: Note, index: number, options?: ChangeOptions): Note {
    const { document, note: restored } = ops.restoreNote(this.#document, note, index, { cardIds: this.cardIds });
    this.#commit(document, options);
    return restored;
  }

  setVote(noteId: string, participantId: string, voted: boolean, options?: ChangeOptions): Note {
    const { document, note } = ops.setVote(this.#document, noteId, participantId, voted);
    this.#commit(document, options);
    return note;
  }

  upsertParticipant(participant: Participant, options?: ChangeOptions): void {
    this.#commit(ops.upsertParticipant(this.#document, participant), options);
  }

  addAction(input: NewAction, options?: ChangeOptions): Action {
    const { document, action } = ops.addAction(this.#document, input);
    this.#commit(document, options);
    return action;
  }

  updateAction(id: string, changes: ActionChanges, options?: ChangeOptions): Action {
    const { document, action } = ops.updateAction(this.#document, id, changes);
    this.#commit(document, options);
    return action;
  }

  removeAction(id: string, options?: ChangeOptions): Action {
    const { document, action } = ops.removeAction(this.#document, id);
    this.#commit(document, options);
    return action;
  }

  /**
   * Replaces the whole document after validating it (a {@link DocumentError}
   * leaves everything as it was). Listeners hear the item-by-item difference.
   * Card ids are checked only for local changes: a document from storage or
   * another tab keeps notes on cards this guide does not show.
   */
  setDocument(value: unknown, { origin = 'local', source }: ChangeOptions & { origin?: ChangeOrigin } = {}): void {
    const document = validateDocument(value, { cardIds: origin === 'local' ? this.cardIds : undefined });
    this.#commit(document, { source }, origin);
  }

  /** For `applyRemote` (store/apply-remote.ts) only: commits a document it has validated item by item. */
  [commitRemote](document: GuideDocument, options: ChangeOptions, origin: 'remote' | 'load'): void {
    this.#commit(document, options, origin);
  }

  #commit(document: GuideDocument, { source }: ChangeOptions = {}, origin: ChangeOrigin = 'local'): void {
    const previous = this.#document;
    if (document === previous) return;
    this.#document = document;
    const change: StoreChange = { ...ops.diffDocuments(previous, document), document, previous, origin, source };
    for (const listener of [...this.#listeners]) listener(change);
  }
}
