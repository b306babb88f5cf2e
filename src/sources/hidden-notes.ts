import { readDeviceValue, writeDeviceValue } from '../storage/device-value.js';
import { addNote, createDocument, removeNote, updateNote } from '../store/document.js';
import type { GuideStore } from '../store/guide-store.js';
import type { NoteChanges, NewNote, Note } from '../store/types.js';
import { validateNote } from '../store/validate.js';
import { ownNotesOf } from './own-notes.js';
import { onSession, sessionOf } from './session-keeper.js';

/**
 * The notes this person wrote while the facilitator hides the writing: kept on
 * this device only (localStorage, or memory), outside the shared document and
 * its offline copy, and put into the guide's store once the session no longer
 * hides them (the reveal, or the next phase).
 */
export class HiddenNotes {
  #document = createDocument();
  readonly #listeners = new Set<() => void>();

  /** `key`: where they survive a reload and a lost connection; none keeps them in memory. */
  constructor(private readonly key?: string) {
    if (!key) return;
    const raw = readDeviceValue(key);
    const notes: Note[] = [];
    for (const each of Array.isArray(raw) ? raw : []) {
      try {
        notes.push(validateNote(each));
      } catch {
        // A hidden note that does not read is left out, not shown as something else.
      }
    }
    this.#document = createDocument({ notes });
  }

  get notes(): readonly Note[] {
    return this.#document.notes;
  }

  add(input: NewNote, cardIds?: ReadonlySet<string>): Note {
    const { document, note } = addNote(this.#document, input, { cardIds });
    this.#set(document);
    return note;
  }

  update(id: string, changes: NoteChanges): void {
    this.#set(updateNote(this.#document, id, changes).document);
  }

  remove(id: string): void {
    this.#set(removeNote(this.#document, id).document);
  }

  /** Puts every hidden note into `store` (new notes there) and forgets them here; returns how many. */
  publish(store: GuideStore): number {
    const notes = this.notes;
    if (notes.length === 0) return 0;
    for (const { cardId, text, color, author } of notes) ownNotesOf(store).add(store.addNote({ cardId, text, color, author }).id);
    this.#set(createDocument());
    return notes.length;
  }

  /** Forgets every hidden note, here and on the device, without publishing any (the room is removed from the device). */
  forget(): void {
    this.#set(createDocument());
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(document: ReturnType<typeof createDocument>): void {
    this.#document = document;
    // Storage full or forbidden: the notes stay on this page until it closes.
    if (this.key) writeDeviceValue(this.key, document.notes.length ? document.notes : undefined);
    for (const listener of [...this.#listeners]) listener();
  }
}

const byStore = new WeakMap<GuideStore, HiddenNotes>();

/** This person's hidden notes for the guide that shows `store` (memory only until a source names where). */
export function hiddenNotesOf(store: GuideStore): HiddenNotes {
  let hidden = byStore.get(store);
  if (!hidden) byStore.set(store, (hidden = new HiddenNotes()));
  return hidden;
}

/**
 * Keeps `store`'s hidden notes under `key`, and publishes them into the store
 * whenever its session is known (`ready`) and no longer hides the writing.
 */
export function keepHiddenNotes(store: GuideStore, key: string | undefined): void {
  if (byStore.has(store)) return;
  const hidden = new HiddenNotes(key);
  byStore.set(store, hidden);
  // After the session's other listeners: the page has heard the reveal before its notes arrive.
  const publish = () =>
    queueMicrotask(() => {
      const session = sessionOf(store);
      if (session.ready !== false && !session.state.hidden) hidden.publish(store);
    });
  // For as long as the store lives: it is the page's one store for that source.
  onSession(store, publish);
  hidden.subscribe(publish);
  publish();
}
