import * as ops from './document.js';
import type { DocumentDiff } from './document.js';
import type { GuideDocument, NewNote, Note, NoteChanges } from './types.js';
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

export type StoreListener = (change: StoreChange) => void;

export interface StoreOptions {
  /** The cards notes may sit on; without it any card id is accepted. */
  cardIds?: ReadonlySet<string>;
  document?: GuideDocument;
}

interface ChangeOptions {
  source?: object;
}

/**
 * Holds one guide's document and tells its listeners about every change.
 * Framework-free: elements, storage adapters and tests all use it alike.
 */
export class GuideStore {
  #document: GuideDocument;
  readonly #listeners = new Set<StoreListener>();
  readonly cardIds?: ReadonlySet<string>;

  constructor({ cardIds, document = ops.createDocument() }: StoreOptions = {}) {
    this.cardIds = cardIds;
    this.#document = document;
  }

  get document(): GuideDocument {
    return this.#document;
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  addNote(input: NewNote, { source }: ChangeOptions = {}): Note {
    const { document, note } = ops.addNote(this.#document, input, { cardIds: this.cardIds });
    this.#commit(document, { added: [note], changed: [], removed: [] }, 'local', source);
    return note;
  }

  updateNote(id: string, changes: NoteChanges, { source }: ChangeOptions = {}): Note {
    const { document, note, previous } = ops.updateNote(this.#document, id, changes, { cardIds: this.cardIds });
    if (note !== previous) this.#commit(document, { added: [], changed: [{ note, previous }], removed: [] }, 'local', source);
    return note;
  }

  removeNote(id: string, { source }: ChangeOptions = {}): Note {
    const { document, note } = ops.removeNote(this.#document, id);
    this.#commit(document, { added: [], changed: [], removed: [note] }, 'local', source);
    return note;
  }

  /**
   * Replaces the whole document after validating it (a {@link DocumentError}
   * leaves everything as it was). Listeners hear the note-by-note difference.
   */
  setDocument(value: unknown, { origin = 'local', source }: ChangeOptions & { origin?: ChangeOrigin } = {}): void {
    const document = validateDocument(value, { cardIds: origin === 'local' ? this.cardIds : undefined });
    this.#commit(document, ops.diffDocuments(this.#document, document), origin, source);
  }

  #commit(document: GuideDocument, diff: DocumentDiff, origin: ChangeOrigin, source?: object): void {
    const previous = this.#document;
    this.#document = document;
    const change: StoreChange = { ...diff, document, previous, origin, source };
    for (const listener of [...this.#listeners]) listener(change);
  }
}
