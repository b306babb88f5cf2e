import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { cardIdsOf, turguide } from '../content/turguide.js';
import type { GuideContent } from '../content/types.js';
import { DEFAULT_STORAGE_KEY } from '../storage/local-storage-adapter.js';
import type { StorageAdapter } from '../storage/storage-adapter.js';
import type { GuideStore } from '../store/guide-store.js';
import type { GuideDocument, NewNote, Note, NoteChanges, NoteColor } from '../store/types.js';
import { PageLocaleController } from '../localization.js';
import { GuideController } from './guide-controller.js';

/**
 * What `<innovasjon-guide>` and `<innovasjon-trinn>` share: where their
 * notes live and the JavaScript API that reads and changes them.
 */
export class GuideElement extends LitElement {
  /** Keeps several guides on one site apart: the localStorage key their notes are saved under. */
  @property({ attribute: 'storage-key' }) storageKey = DEFAULT_STORAGE_KEY;

  /** Keep the notes in memory only; the host persists them through events and `data`. */
  @property({ type: Boolean, attribute: 'no-storage' }) noStorage = false;

  /** Show the notes, but let nothing be changed. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** A storage adapter of the host's own, used instead of localStorage. */
  @property({ attribute: false }) storage?: StorageAdapter;

  /** @internal A store handed down by an enclosing guide. */
  @property({ attribute: false }) store?: GuideStore;

  protected readonly content: GuideContent = turguide;
  protected readonly guide = new GuideController(this, cardIdsOf(this.content));

  /** A copy of the saved document. Setting it validates first: a bad value throws a TypeError and changes nothing. */
  get data(): GuideDocument {
    return structuredClone(this.guide.store.document) as GuideDocument;
  }
  set data(value: GuideDocument) {
    this.guide.store.setDocument(value, { source: this });
    this.guide.notePendingChange('replace');
  }

  /** Adds a note to a card; returns it. */
  addNote(cardId: string, text: string, options: { color?: NoteColor; author?: string } = {}): Note {
    const input: NewNote = { cardId, text, ...options };
    const note = this.guide.store.addNote(input, { source: this });
    this.guide.notePendingChange('merge');
    return note;
  }

  /** Changes a note's text, colour, author or card; returns the note as it now is. */
  updateNote(id: string, changes: NoteChanges): Note {
    const note = this.guide.store.updateNote(id, changes, { source: this });
    this.guide.notePendingChange('merge');
    return note;
  }

  /** Removes a note; returns it. */
  removeNote(id: string): Note {
    const note = this.guide.store.removeNote(id, { source: this });
    this.guide.notePendingChange('merge');
    return note;
  }

  protected readonly pageLocale = new PageLocaleController(this);

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.guide.reconfigure();
  }
}
