import { msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { cardIdsOf, turguide } from '../content/turguide.js';
import type { GuideContent } from '../content/types.js';
import { validateContent } from '../content/validate-content.js';
import { PageLocaleController } from '../localization.js';
import { DEFAULT_STORAGE_KEY } from '../storage/local-storage-adapter.js';
import { getIdentity, onIdentityChange, setIdentity, type Identity } from '../storage/participant.js';
import type { StorageAdapter } from '../storage/storage-adapter.js';
import type { GuideStore } from '../store/guide-store.js';
import type {
  Action,
  ActionChanges,
  GuideDocument,
  NewAction,
  NewNote,
  Note,
  NoteChanges,
  NoteColor,
} from '../store/types.js';
import type { UndoOffer } from './announce.js';
import { emit } from '../events.js';
import { exportDocument } from '../export/export-document.js';
import { downloadExport } from '../export/download.js';
import type { ExportFormat } from '../export/formats.js';
import { mergeDocuments } from '../store/document.js';
import { ImportError, readImport } from '../store/import.js';
import { GuideController } from './guide-controller.js';

const validatedContent = new WeakSet<GuideContent>([turguide]);

/**
 * What `<innovasjon-guide>` and `<innovasjon-trinn>` share: where their
 * notes live, who is writing, and the JavaScript API that reads and changes
 * the document.
 */
export class GuideElement extends LitElement {
  /** Keeps several guides on one site apart: the localStorage key their notes are saved under. */
  @property({ attribute: 'storage-key' }) storageKey = DEFAULT_STORAGE_KEY;

  /** Keep the notes in memory only; the host persists them through events and `data`. */
  @property({ type: Boolean, attribute: 'no-storage' }) noStorage = false;

  /** Show the notes, but let nothing be changed. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** The level of the sheet's heading (cards get the next level), so the guide fits the host page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Dot votes each participant may give on one step; 0 is no limit. */
  @property({ type: Number, attribute: 'votes-per-person' }) votesPerPerson = 0;

  /** A storage adapter of the host's own, used instead of localStorage. */
  @property({ attribute: false }) storage?: StorageAdapter;

  /** @internal A store handed down by an enclosing guide. */
  @property({ attribute: false }) store?: GuideStore;

  #content: GuideContent = turguide;

  /**
   * The guide's text: KS's «Turguide for innovasjon» by default. A kommune may
   * give its own of the same shape (reworded questions, an added card, another
   * guide); it is validated, and a bad value throws a TypeError and changes
   * nothing. Notes on cards that disappear are kept and shown as unplaced.
   */
  @property({ attribute: false })
  get content(): GuideContent {
    return this.#content;
  }
  set content(value: GuideContent) {
    const next = validatedContent.has(value) ? value : validateContent(value);
    validatedContent.add(next);
    const previous = this.#content;
    this.#content = next;
    this.requestUpdate('content', previous);
  }

  protected readonly guide = new GuideController(this, () => cardIdsOf(this.content));
  protected readonly pageLocale = new PageLocaleController(this);

  /** Who is writing at this screen (name, anonymity, voting id). */
  @state() protected identity: Identity = { id: '', name: '', anonymous: false };
  @state() private announcement = '';
  @state() private undoOffer?: UndoOffer;
  #undoTimer?: ReturnType<typeof setTimeout>;
  #stopIdentity?: () => void;
  #identityKey?: string;

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
    return this.#change(() => this.guide.store.addNote(input, { source: this }));
  }

  /** Changes a note's text, colour, author or card; returns the note as it now is. */
  updateNote(id: string, changes: NoteChanges): Note {
    return this.#change(() => this.guide.store.updateNote(id, changes, { source: this }));
  }

  /** Moves a note to a card, at `index` among its notes (last by default); returns it. */
  moveNote(id: string, cardId: string, index = Number.MAX_SAFE_INTEGER): Note {
    return this.#change(() => this.guide.store.moveNote(id, { cardId, index }, { source: this }));
  }

  /** Removes a note; returns it. */
  removeNote(id: string): Note {
    return this.#change(() => this.guide.store.removeNote(id, { source: this }));
  }

  /** Adds a follow-up action to a step; returns it. */
  addAction(input: NewAction): Action {
    return this.#change(() => this.guide.store.addAction(input, { source: this }));
  }

  /** Changes a follow-up action; returns it as it now is. */
  updateAction(id: string, changes: ActionChanges): Action {
    return this.#change(() => this.guide.store.updateAction(id, changes, { source: this }));
  }

  /** Removes a follow-up action; returns it. */
  removeAction(id: string): Action {
    return this.#change(() => this.guide.store.removeAction(id, { source: this }));
  }

  /** The document as text: `json` (what `importData` takes back), `markdown` or `csv`. */
  exportAs(format: ExportFormat): string {
    return exportDocument(format, this.guide.store.document, this.content);
  }

  /** Saves the document as a file named after the storage key and today's date; returns the file name. */
  download(format: ExportFormat): string {
    return downloadExport(format, this.guide.store.document, this.content, this.storageKey);
  }

  /**
   * Brings in an exported document (JSON text or the parsed value): `replace`
   * puts it in place of the current one, `merge` joins them note by note (the
   * later-updated wins). Never asks; rejects with an ImportError and changes
   * nothing when the input is bad, and sends `innovasjon-error` (`import-invalid`).
   */
  async importData(input: string | unknown, { mode = 'replace' }: { mode?: 'replace' | 'merge' } = {}): Promise<GuideDocument> {
    try {
      if (mode !== 'replace' && mode !== 'merge') throw new ImportError('invalid', `mode must be replace or merge, got ${String(mode)}`);
      const incoming = readImport(input, cardIdsOf(this.content));
      const store = this.guide.store;
      const next = mode === 'merge' ? mergeDocuments(store.document, incoming) : incoming;
      this.#change(() => store.setDocument(next, { source: this }));
      return this.data;
    } catch (error) {
      emit(this, 'innovasjon-error', { code: 'import-invalid', message: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  /** Whether the team has written anything yet. */
  hasWork(): boolean {
    const { notes, actions } = this.guide.store.document;
    return notes.length > 0 || actions.length > 0;
  }

  #change<T>(change: () => T): T {
    const result = change();
    this.guide.notePendingChange('merge');
    return result;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('innovasjon-announce', this.#onAnnounce);
    this.addEventListener('innovasjon-undoable', this.#onUndoable);
    this.addEventListener('keydown', this.#onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('innovasjon-announce', this.#onAnnounce);
    this.removeEventListener('innovasjon-undoable', this.#onUndoable);
    this.removeEventListener('keydown', this.#onKeydown);
    clearTimeout(this.#undoTimer);
    this.undoOffer = undefined;
    this.#stopIdentity?.();
    this.#stopIdentity = undefined;
    this.#identityKey = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.guide.reconfigure();
    if (changed.has('content' as keyof GuideElement)) this.guide.store.cardIds = cardIdsOf(this.content);
    this.#followIdentity();
  }

  /** The identity is per storage key and shared by every element on the page that uses the key. */
  #followIdentity(): void {
    const key = this.storageKey;
    if (this.#identityKey === key) return;
    this.#stopIdentity?.();
    this.#identityKey = key;
    this.identity = getIdentity(key, this.#persistsIdentity);
    this.#stopIdentity = onIdentityChange(key, (identity) => (this.identity = identity));
  }

  get #persistsIdentity(): boolean {
    return !this.noStorage && !this.storage;
  }

  /** The author new notes from this screen carry. */
  protected get author(): string {
    return this.identity.anonymous ? '' : this.identity.name;
  }

  /** Whether this element speaks for itself (stands alone) or is a sheet in a guide. */
  protected get standalone(): boolean {
    return !this.store;
  }

  #onAnnounce = (event: CustomEvent<{ message: string }>): void => {
    if (!this.standalone) return;
    event.stopPropagation();
    this.#speak(event.detail.message);
  };

  #onUndoable = (event: CustomEvent<UndoOffer>): void => {
    if (!this.standalone) return;
    event.stopPropagation();
    this.undoOffer = event.detail;
    this.#speak(msg(str`${event.detail.message} – angre med Ctrl+Z (⌘Z på Mac) eller knappen «Angre».`));
    this.#keepUndo();
  };

  /** The offer stays while focus or the pointer is on it, and goes 15 seconds after. */
  #keepUndo(): void {
    clearTimeout(this.#undoTimer);
    this.#undoTimer = setTimeout(() => {
      const toast = this.renderRoot.querySelector('.toast');
      if (toast?.matches(':focus-within, :hover')) return this.#keepUndo();
      this.undoOffer = undefined;
    }, 15000);
  }

  /** Undoes what the offer is for, as the Undo button and Ctrl+Z (⌘Z) do. */
  undo(): boolean {
    const offer = this.undoOffer;
    if (!offer) return false;
    this.undoOffer = undefined;
    clearTimeout(this.#undoTimer);
    offer.undo();
    this.#speak(msg('Angret.'));
    return true;
  }

  #onKeydown = (event: KeyboardEvent): void => {
    if (!this.standalone || event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey) return;
    // Text fields keep their own undo.
    const target = event.composedPath()[0] as Element | undefined;
    if (target?.matches?.('input, textarea, select, [contenteditable]')) return;
    if (this.undo()) event.preventDefault();
  };

  /** Cleared first, so the same words twice are still spoken twice. */
  #speak(message: string): void {
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = message));
  }

  protected renderUndo() {
    const offer = this.undoOffer;
    if (!offer) return nothing;
    return html`<div part="toast" class="toast">
      <p>${offer.message}</p>
      <button type="button" class="undo" @click=${() => this.undo()}>${msg('Angre')}</button>
      <button type="button" class="dismiss" aria-label=${msg('Lukk')} @click=${() => (this.undoOffer = undefined)}>
        <span aria-hidden="true">×</span>
      </button>
    </div>`;
  }

  protected renderAnnouncer() {
    return html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>`;
  }

  protected renderParticipant() {
    if (this.readonly) return nothing;
    const { name, anonymous } = this.identity;
    const persist = this.#persistsIdentity;
    const update = (changes: Partial<Identity>) => {
      const identity = setIdentity(this.storageKey, changes, persist);
      if (identity.name) this.guide.store.upsertParticipant({ id: identity.id, name: identity.name }, { source: this });
    };
    return html`<div part="participant" class="participant">
      <label class="field">
        <span>${msg('Navnet ditt')}</span>
        <input
          type="text"
          autocomplete="name"
          maxlength="100"
          aria-describedby="participant-hint"
          .value=${name}
          @change=${(event: Event) => update({ name: (event.target as HTMLInputElement).value.trim() })}
        />
      </label>
      <label class="check">
        <input
          type="checkbox"
          .checked=${anonymous}
          @change=${(event: Event) => update({ anonymous: (event.target as HTMLInputElement).checked })}
        />
        ${msg('Skriv anonymt')}
      </label>
      <p id="participant-hint" class="hint">
        ${msg('Navnet vises på lappene du skriver, og huskes i denne nettleseren.')}
      </p>
    </div>`;
  }
}
