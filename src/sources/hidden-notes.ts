import { readDeviceValue, writeDeviceValue } from '../storage/device-value.js';
import { addNote, createDocument, removeNote, updateNote } from '../store/document.js';
import type { GuideStore } from '../store/guide-store.js';
import type { NoteChanges, NewNote, Note } from '../store/types.js';
import { validateNote } from '../store/validate.js';
import type { OwnNotes } from './own-notes.js';

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

  /** Puts every hidden note into `store` (new notes there, recorded in `own`) and forgets them here; returns how many. */
  publish(store: GuideStore, own: OwnNotes): number {
    const notes = this.notes;
    if (notes.length === 0) return 0;
    // addNote copies what the person wrote (the note's written fields), nothing else.
    for (const note of notes) own.add(store.addNote(note).id);
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
