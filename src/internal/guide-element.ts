import { LitElement, type PropertyValues } from 'lit';
import type { CollabToken } from '../collab/room-connection.js';
import { property } from 'lit/decorators.js';
import { cardIdsOf, turguide } from '../content/turguide.js';
import type { GuideContent } from '../content/types.js';
import { acceptContent } from '../content/validate-content.js';
import { emit } from '../events.js';
import type { ExportFormat } from '../export/formats.js';
import { PageLocaleController } from '../localization.js';
import { DEFAULT_STORAGE_KEY } from '../storage/local-storage-adapter.js';
import type { StorageAdapter } from '../storage/storage-adapter.js';
import { SessionRoleError } from '../sources/session-keeper.js';
import { nextSession, requestedTimer, type Phase, type SessionState } from '../store/session.js';
import type { Action, ActionChanges, GuideDocument, NewAction, Note, NoteChanges, NoteColor } from '../store/types.js';
import { GuideController } from './guide-controller.js';
import type { GuideView } from './guide-context.js';
import { IdentityController } from './identity-controller.js';
import { loadFeature } from './load-feature.js';
import { UndoController } from './undo-controller.js';
import type { StartedRoom, WorkshopUi } from './workshop-hook.js';

/**
 * What `<innovasjon-guide>` and `<innovasjon-trinn>` share: where their notes
 * live (a controller), who is writing (a controller), the Undo offer (a
 * controller), and the JavaScript API that reads and changes the document.
 */
export class GuideElement extends LitElement {
  /** Keeps several guides on one site apart: the localStorage key their notes are saved under. */
  @property({ attribute: 'storage-key' }) storageKey = DEFAULT_STORAGE_KEY;

  /** Keep the notes in memory only; the host persists them through events and `data`. */
  @property({ type: Boolean, attribute: 'no-storage' }) noStorage = false;

  /** Show the notes, but let nothing be changed. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /**
   * Light or dark where the page does not say (on a Designsystemet page its
   * `data-color-scheme` decides): `auto` follows the device's setting
   * (prefers-color-scheme), `dark` and `light` fix one. Unset, the guide is
   * light, as it always was. With it the element paints its own background.
   */
  @property({ attribute: 'color-scheme', reflect: true }) colorScheme?: 'auto' | 'dark' | 'light';

  /** The level of the sheet's heading (cards get the next level), so the guide fits the host page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Dot votes each participant may give on one step; 0 is no limit. */
  @property({ type: Number, attribute: 'votes-per-person' }) votesPerPerson = 0;

  /**
   * The address of the kommune's collaboration server (`wss://…`): the notes
   * live in a shared room there, edited live from many machines, with a copy
   * on this device for offline work. The room's code is fetched only then.
   */
  @property({ attribute: 'collab-url' }) collabUrl?: string;

  /**
   * Several addresses of one collaboration service (instances sharing Redis
   * and PostgreSQL), used instead of `collab-url`: the guide tries them in the
   * room's order (the same on every page, so a room's people meet on one
   * instance) and moves to the next when its server goes away. A property only
   * (a comma is legal inside a URL). The device copy is kept under the first listed.
   */
  @property({ attribute: false }) collabUrls?: readonly string[];

  /** The room's name on the server; the `storage-key` by default. */
  @property({ attribute: 'collab-room' }) collabRoom?: string;

  /**
   * The token the server asks for: a string, or a function returning (a
   * promise of) one, so an intranet can fetch a fresh token from its own
   * sign-on backend; it is asked again on every reconnect.
   */
  @property({ attribute: 'collab-token' }) collabToken?: CollabToken;

  /**
   * With `collab-url` and no token: offers *Start en felles økt* (when the server allows creating
   * rooms) and *Bli med med kode*. The room, its link and its code are made by the server; this
   * page leads the room it started. Its code is fetched after the first render.
   */
  @property({ type: Boolean, attribute: 'collab-start' }) collabStart = false;

  /**
   * A public page to put in workshop links and QR codes instead of this page's own address (when
   * the facilitator's page is on the intranet). It must hold a guide with the same `collab-url` and
   * `collab-start`. Read when a link is made (the attribute `collab-join-url` works too).
   * @attr collab-join-url
   */
  collabJoinUrl?: string;

  /** A storage adapter of the host's own, used instead of localStorage. */
  @property({ attribute: false }) storage?: StorageAdapter;

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
    const previous = this.#content;
    this.#content = acceptContent(value);
    this.requestUpdate('content', previous);
  }

  protected readonly guide = new GuideController(this, () => cardIdsOf(this.content));
  protected readonly identity = new IdentityController(this, () => this.guide.guide);
  protected readonly undoOffer = new UndoController(this, () => !this.guide.nested);
  protected readonly pageLocale = new PageLocaleController(this);
  /** @internal The workshop's part of the render (`collab-start`), once its chunk has arrived. */
  workshop?: WorkshopUi;

  override connectedCallback(): void {
    super.connectedCallback();
    // A failed fetch is told by loadFeature (chunk-load-failed); the API's next call tries again.
    if (this.collabStart) void this.#workshop();
  }

  /** The workshop's chunk (fetched after the first render): it joins a room by setting `collabRoom` and `collabToken`. */
  #workshop(): Promise<WorkshopUi> {
    return loadFeature(this, 'workshop').then((chunk) => chunk.workshopOf(this));
  }

  /**
   * Starts a workshop room on the `collab-url` server (as *Start en felles økt* does; the guide needs `collab-start`): this page
   * leads it. Resolves to the room, its link and code and when they expire; rejects with an Error
   * whose `code` names the reason (see the README), changing nothing.
   */
  startRoom(): Promise<StartedRoom> {
    return this.#workshop().then((ui) => ui.startRoom());
  }

  /**
   * Joins a workshop room by its link or its code (the guide needs `collab-start`), as the person `name` (the name given before, if
   * left out). A refused join rejects with an Error whose `code` names the reason, sends
   * `innovasjon-error` (`collab-join-refused`), and changes nothing.
   */
  joinRoom(linkOrCode: string, options?: { name?: string }): Promise<void> {
    return this.#workshop().then((ui) => ui.joinRoom(linkOrCode, options));
  }


  /** A copy of the saved document. Setting it validates first: a bad value throws a TypeError and changes nothing. */
  get data(): GuideDocument {
    return structuredClone(this.guide.store.document) as GuideDocument;
  }
  set data(value: GuideDocument) {
    if (this.othersNotesFixed) throw new SessionRoleError();
    this.guide.store.setDocument(value, { source: this });
    this.guide.notePendingChange('replace');
  }

  /** Adds a note to a card; returns it. */
  addNote(cardId: string, text: string, options: { color?: NoteColor; author?: string } = {}): Note {
    const note = this.#change(() => this.guide.store.addNote({ cardId, text, ...options }, { source: this }));
    this.guide.guide.ownNotes.add(note.id);
    return note;
  }

  /** Changes a note's text, colour, author or card; returns the note as it now is. */
  updateNote(id: string, changes: NoteChanges): Note {
    return this.#change(() => this.guide.store.updateNote(id, changes, { source: this }));
  }

  /** Moves a note to a card, at `index` among its notes (last by default); returns it. */
  moveNote(id: string, cardId: string, index = Number.MAX_SAFE_INTEGER): Note {
    return this.#change(() => this.guide.store.moveNote(id, { cardId, index }, { source: this }));
  }

  /** Removes a note; returns it. In a room someone leads, a participant's own only (else a SessionRoleError). */
  removeNote(id: string): Note {
    const note = this.guide.store.document.notes.find((each) => each.id === id);
    if (note && this.othersNotesFixed && !this.isOwnNote(note)) throw new SessionRoleError();
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

  /** The document as text: `json` (what `importData` takes back), `markdown` or `csv`. Its code is fetched on first use. */
  async exportAs(format: ExportFormat): Promise<string> {
    const { exportDocument } = await loadFeature(this, 'transfer');
    return exportDocument(format, this.guide.store.document, this.content);
  }

  /** Saves the document as a file named after the storage key and today's date; resolves to the file name. */
  async download(format: ExportFormat): Promise<string> {
    const { downloadExport } = await loadFeature(this, 'transfer');
    return downloadExport(format, this.guide.store.document, this.content, this.storageKey);
  }

  /**
   * Brings in an exported document (JSON text or the parsed value): `replace`
   * puts it in place of the current one, `merge` joins them note by note (the
   * later-updated wins). Never asks; rejects with an ImportError and changes
   * nothing when the input is bad, and sends `innovasjon-error` (`import-invalid`).
   */
  async importData(input: string | unknown, { mode = 'replace' }: { mode?: 'replace' | 'merge' } = {}): Promise<GuideDocument> {
    if (mode === 'replace' && this.othersNotesFixed) throw new SessionRoleError();
    const { ImportError, importedDocument } = await loadFeature(this, 'transfer');
    try {
      if (mode !== 'replace' && mode !== 'merge') throw new ImportError('invalid', `mode must be replace or merge, got ${String(mode)}`);
      const store = this.guide.store;
      const next = importedDocument(store.document, input, this.content, mode);
      this.#change(() => store.setDocument(next, { source: this }));
      return this.data;
    } catch (error) {
      emit(this, 'innovasjon-error', { code: 'import-invalid', message: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  /** The led session: the step and the phase the facilitator set; `{step: null, phase: null}` without one. */
  get session(): SessionState {
    return this.guide.session.state;
  }

  /** Whether this person leads the session: always on a guide of one's own; in a live room, by the token's role. */
  get canLead(): boolean {
    return this.guide.session.canLead && !this.readonly;
  }

  /**
   * Sets the phase on a step (`write`, `share`, `vote` or `agree`; the step
   * shown when `step` is left out), or ends the phases with `null`. `hidden`
   * (with `write` only) keeps each writer's new notes on their own device until
   * `reveal()`. Only the facilitator may: for anyone else it throws a
   * SessionRoleError, and a bad phase or step throws a TypeError; neither
   * changes anything.
   */
  setPhase(
    phase: Phase | null,
    { step = this.currentStep, notesWhileVoting = false, hidden = false }: { step?: number; notesWhileVoting?: boolean; hidden?: boolean } = {},
  ): void {
    if (!this.canLead) throw new SessionRoleError();
    this.guide.session.set(nextSession(phase, { step, notesWhileVoting, hidden }));
  }

  /** Ends hidden writing: every writer's page puts its hidden notes into the shared guide (a writer offline, once back). */
  reveal(): void {
    if (!this.canLead) throw new SessionRoleError();
    const session = this.guide.session.state;
    if (session.hidden) this.guide.session.set({ ...session, hidden: false });
  }

  /**
   * Starts the phase's timebox: every screen shows the same time left (the
   * server's clock in a live room). With `endsPhase` the phase moves on when
   * the time is up (*Skriv* to *Del og sorter*, …, *Bli enige* ends the phases),
   * done by the server even if the facilitator's laptop sleeps. Throws like
   * `setPhase`, and a TypeError with no phase set or a length out of 1 s–4 h.
   */
  startTimer(seconds: number, { endsPhase = false }: { endsPhase?: boolean } = {}): void {
    if (!this.canLead) throw new SessionRoleError();
    const session = this.guide.session.state;
    if (session.phase === null) throw new TypeError('A timebox belongs to a phase: set one first');
    this.guide.session.set({ ...session, timer: requestedTimer(seconds, endsPhase) });
  }

  /** Stops the timebox; the phase stays. */
  stopTimer(): void {
    if (!this.canLead) throw new SessionRoleError();
    const session = this.guide.session.state;
    if (session.timer) this.guide.session.set({ ...session, timer: null });
  }

  /**
   * In a live room with a facilitator present, only they replace the whole
   * document or delete other people's notes; everyone deletes their own.
   */
  get othersNotesFixed(): boolean {
    return !this.canLead && Boolean(this.guide.room?.presence.some((person) => person.lead));
  }

  /** Written by this person: on this device, or signed with their name. */
  protected isOwnNote(note: Note): boolean {
    return this.guide.guide.ownNotes.has(note.id) || (note.author !== '' && note.author === this.author);
  }

  /** The step this element shows (0 and 5 are the guide's introduction and summary). */
  protected get currentStep(): number {
    return 0;
  }

  /** Whether the team has written anything yet. */
  hasWork(): boolean {
    const { notes, actions } = this.guide.store.document;
    return notes.length > 0 || actions.length > 0;
  }

  /** Undoes the last delete while its offer shows, as the Undo button and Ctrl+Z (⌘Z) do. */
  undo(): boolean {
    return this.undoOffer.undo();
  }

  #change<T>(change: () => T): T {
    const result = change();
    this.guide.notePendingChange('merge');
    return result;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.guide.reconfigure();
    if (changed.has('content' as keyof GuideElement) && !this.guide.nested) this.guide.store.cardIds = cardIdsOf(this.content);
    this.identity.follow();
    this.guide.provide(this.sheetView());
  }

  /** How this element's sheets show the guide, handed to the cards and lists inside through context. */
  protected sheetView(): Partial<Omit<GuideView, 'guide'>> {
    return {
      content: this.content,
      author: this.author,
      participantId: this.identity.participantId,
      readonly: this.readonly,
      othersFixed: this.othersNotesFixed,
    };
  }

  /** The author new notes from this screen carry. */
  protected get author(): string {
    return this.identity.author;
  }
}
