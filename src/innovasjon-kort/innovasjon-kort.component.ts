import { numberFormat } from '../internal/intl.js';
import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { GuideContent, QuestionCard } from '../content/types.js';
import type { LappEventMap } from '../events.js';
import { announce } from '../internal/announcer.js';
import { ContextConsumer } from '@lit/context';
import { guideContext, isOwnNote, type GuideView } from '../internal/guide-context.js';
import type { HiddenNotes } from '../sources/hidden-notes.js';
import { offerUndo } from '../internal/undo-controller.js';
import { excerpt } from '../internal/excerpt.js';
import { heading } from '../internal/heading.js';
import { loadFeature, type FeatureModule } from '../internal/load-feature.js';
import { adoptPresentationLook } from '../internal/presentation-look.js';
import { notesOnCard, unplacedNotes } from '../internal/notes-by-card.js';
import { StoreSelection } from '../internal/store-selection.js';
import type { RefleksjonLapp } from '../refleksjon-lapp/refleksjon-lapp.component.js';
import '../refleksjon-lapp/refleksjon-lapp.js';
import type { GuideStore } from '../store/guide-store.js';
import { DocumentError } from '../store/errors.js';
import { LIMITS, type Note } from '../store/types.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { kortStyles } from './innovasjon-kort.styles.js';


/**
 * One question card of a worksheet: the question, its explanation and
 * sub-questions, the notes the team put on it, and a button to add one.
 * Used inside `<innovasjon-trinn>`, which hands it the store.
 *
 * @summary A question card with its sticky notes.
 *
 * @event innovasjon-note-add - A note was added on this card. Detail: `{note}`.
 * @event innovasjon-note-change - A note on this card was changed. Detail: `{note, previous}`.
 * @event innovasjon-note-remove - A note on this card was removed. Detail: `{note}`.
 * @event innovasjon-vote - A vote was given or taken back. Detail: `{noteId, participant, votes, voted}`.
 * @event innovasjon-change - The document changed in any way. Detail: `{data}`.
 *
 * @csspart card - The card's box.
 * @csspart question - The heading question.
 * @csspart notes - The list of notes.
 * @csspart add-button - The "Legg til lapp" button.
 * @csspart move-dialog - The dialog that moves a note to another card.
 *
 * @cssproperty --innovasjon-kort-background - The card's background.
 * @cssproperty --innovasjon-kort-border-color - The card's border colour.
 * @cssproperty --innovasjon-kort-padding - Space inside the card.
 * @cssproperty --innovasjon-kort-heading-size - Font size of the question.
 */
@localized()
export class InnovasjonKort extends LitElement {
  static override styles = [sharedStyles, kortStyles];

  /** The card's content. */
  @property({ attribute: false }) card?: QuestionCard;

  /** A store to show when used outside a guide or step; inside one, the enclosing store is used. */
  @property({ attribute: false }) store?: GuideStore;

  #content?: GuideContent;

  /** The whole guide's content: the cards a note can be moved to (inside a guide or step, the guide's). */
  @property({ attribute: false })
  get content(): GuideContent | undefined {
    return this.#content ?? this.#guideView.value?.content;
  }
  set content(value: GuideContent | undefined) {
    const previous = this.#content;
    this.#content = value;
    this.requestUpdate('content', previous);
  }

  /** Show notes without any control to change them. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** Shown in the guide's presentation view: read only, and no controls at all (not even sorting). */
  @property({ type: Boolean, reflect: true }) presentation = false;

  /** Show the notes that sit on no card of `content` (their card was removed), instead of one card's. */
  @property({ type: Boolean }) unplaced = false;

  /** The level of the card's question heading. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;

  /** Where a dragged note would land among this card's notes, or -1. */
  @property({ type: Number, attribute: false }) dropIndex = -1;

  /** A new note being written, not yet in the store. */
  @state() private drafting = false;

  /** Show the notes with the most votes first. */
  @state() private sortedByVotes = false;

  /** Why the last change could not be made, shown on the card. */
  @state() private problem = '';

  /** The move dialog, fetched the first time a note is moved. */
  #moveDialog?: InstanceType<FeatureModule<'moveDialog'>['MoveDialog']>;

  @query('.add') private addButton?: HTMLButtonElement;

  /** How the guide or step around the card shows it (who writes, the session's phase, hidden writing); re-renders when that changes. */
  readonly #guideView = new ContextConsumer(this, { context: guideContext, subscribe: true });

  /** The view given by the guide or step around, or one where everything is open (a card on its own). */
  get #view(): GuideView | undefined {
    return this.#guideView.value;
  }

  get #readonly(): boolean {
    return this.readonly || this.presentation || Boolean(this.#view?.readonly);
  }

  get #author(): string {
    return this.#view?.author ?? '';
  }

  get #participantId(): string {
    return this.#view?.participantId ?? '';
  }

  get #hiddenWriting(): boolean {
    return Boolean(this.#view?.hiddenWriting);
  }

  #isOwn(note: Note): boolean {
    const view = this.#view;
    return !view || isOwnNote(view, note);
  }

  /** This person's notes on this card written hidden, still on this device only. */
  #hidden: readonly Note[] = NO_NOTES;
  #hiddenFrom?: HiddenNotes;
  #stopHidden?: () => void;

  /** Follows the hidden notes of the guide shown, re-rendering only when this card's change. */
  #followHidden(): void {
    const source = this.isConnected ? this.#view?.guide.hiddenNotes : undefined;
    if (source !== this.#hiddenFrom) {
      this.#stopHidden?.();
      this.#stopHidden = undefined;
      this.#hiddenFrom = source;
      if (source) {
        this.#stopHidden = source.subscribe(() => {
          if (this.#readHidden()) this.requestUpdate();
        });
      }
    }
    this.#readHidden();
  }

  #readHidden(): boolean {
    const all = this.#hiddenFrom?.notes ?? NO_NOTES;
    const cardId = this.card?.id;
    const next = this.unplaced || !cardId || all.length === 0 ? NO_NOTES : all.filter((note) => note.cardId === cardId);
    if (next === this.#hidden || (next.length === this.#hidden.length && next.every((note, index) => note === this.#hidden[index]))) return false;
    this.#hidden = next;
    return true;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#followHidden();
  }

  readonly #notes = new StoreSelection<readonly Note[]>(
    this,
    (document) => {
      if (this.unplaced) return this.content ? unplacedNotes(document, this.content) : [];
      return this.card ? notesOnCard(document, this.card.id) : [];
    },
    [],
    () => this.store,
  );

  /** The store shown: the enclosing guide's (through context), or the one given to `store`. */
  get #store(): GuideStore | undefined {
    return this.#notes.store;
  }

  /** The notes on this card, in their saved order. */
  get notes(): readonly Note[] {
    return this.#notes.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#followHidden();
    if (changed.has('store')) this.#notes.follow();
    // The unplaced notes depend on the guide's content, which may come through context.
    if (changed.has('card') || changed.has('unplaced') || changed.has('content') || this.unplaced) this.#notes.refresh();
  }

  /** Opens a new note with the cursor in it. */
  async startNote(): Promise<void> {
    if (this.#readonly || this.#view?.noNewNotes) return;
    this.drafting = true;
    await this.updateComplete;
    await this.#lapp('draft')?.edit();
  }

  /** Puts keyboard focus on a note's text or menu button, or on the add button. */
  async focusNote(id: string | undefined, control: 'text' | 'menu' = 'text'): Promise<void> {
    await this.updateComplete;
    const lapp = id ? this.#lapp(id) : null;
    if (lapp) await lapp.focusControl(control);
    else this.addButton?.focus();
  }

  override render() {
    const card: QuestionCard | undefined = this.unplaced
      ? {
          id: '',
          question: () => msg('Lapper uten plass'),
          explanation: () =>
            msg('Disse lappene hører til kort som ikke lenger finnes i guiden. Flytt dem til et kort, eller slett dem.'),
          prompts: [],
        }
      : this.card;
    if (!card) return nothing;
    const view = this.#view;
    const readonly = this.#readonly;
    const author = this.#author;
    const participantId = this.#participantId;
    const hiddenWriting = this.#hiddenWriting;
    const live = Boolean(view?.guide.live);
    const noVotes = Boolean(view?.noVotes);
    const question = card.question();
    const shown = this.sortedByVotes
      ? [...this.notes].sort((a, b) => b.votes.length - a.votes.length)
      : this.notes;
    return html`
      <section part="card" class="card" aria-labelledby="question">
        ${heading(this.headingLevel, 'question', question, { id: 'question', part: 'question' })}
        ${card.explanation ? html`<p class="explanation">${card.explanation()}</p>` : nothing}
        ${card.prompts.length
          ? html`<ul class="prompts">
              ${card.prompts.map((prompt) => html`<li>${prompt()}</li>`)}
            </ul>`
          : nothing}
        ${this.notes.length > 1 && !this.presentation
          ? html`<button
              type="button"
              class="sort"
              aria-pressed=${this.sortedByVotes ? 'true' : 'false'}
              @click=${() => (this.sortedByVotes = !this.sortedByVotes)}
            >
              ${msg('Sorter etter stemmer')}
            </button>`
          : nothing}
        <ul part="notes" class="notes" aria-label=${msg(str`Lapper: ${question}`)}>${repeat(
            shown,
            (note) => note.id,
            (note, index) => html`<li class=${index === this.dropIndex ? 'drop-before' : ''}><refleksjon-lapp
                data-id=${note.id}
                .text=${note.text}
                .color=${note.color}
                .author=${note.author}
                .context=${question}
                .votes=${note.votes.length}
                .voted=${note.votes.includes(participantId)}
                .votesUsedUp=${Boolean(view?.votesUsedUp)}
                .voting=${Boolean(view?.voting)}
                ?no-votes=${noVotes}
                ?no-delete=${Boolean(view?.othersFixed) && !this.#isOwn(note)}
                .movable=${!this.sortedByVotes}
                ?readonly=${readonly}
                @refleksjon-lapp-change=${this.#onNoteChange}
                @refleksjon-lapp-delete=${this.#onNoteDelete}
                @refleksjon-lapp-vote=${this.#onVote}
                @refleksjon-lapp-move=${this.#onMoveRequest}
              ></refleksjon-lapp></li>`,
          )}${this.dropIndex >= shown.length ? html`<li class="drop-end" aria-hidden="true"></li>` : nothing}${repeat(
            readonly ? [] : this.#hidden,
            (note) => note.id,
            (note) => html`<li><refleksjon-lapp
                data-hidden-id=${note.id}
                hidden-note
                no-votes
                .text=${note.text}
                .color=${note.color}
                .author=${note.author}
                .context=${question}
                @refleksjon-lapp-change=${this.#onHiddenChange}
                @refleksjon-lapp-delete=${this.#onHiddenDelete}
              ></refleksjon-lapp></li>`,
          )}${this.drafting && !readonly
            ? html`<li>
                <refleksjon-lapp
                  data-id="draft"
                  editing
                  .author=${author}
                  .context=${question}
                  @refleksjon-lapp-change=${this.#onDraftCommit}
                  @refleksjon-lapp-cancel=${this.#onDraftCancel}
                ></refleksjon-lapp>
              </li>`
            : nothing}</ul>
        ${hiddenWriting && !readonly && !this.unplaced
          ? // Said once on the step (its session view); here only for the add button's description.
            html`<p class=${view?.sessionUnknown ? 'hidden-writing' : 'visually-hidden'} id="hidden-writing">
              ${view?.sessionUnknown
                ? msg('Siden vet ennå ikke om skrivingen er skjult: nye lapper blir på denne enheten til den vet det.', { id: 'collab.session-unknown-explain' })
                : msg('Skjult skriving: lappene dine blir på denne enheten til prosesslederen viser alle. De andre ser bare hvor mange du har skrevet.', { id: 'hidden.explain' })}
            </p>`
          : nothing}
        ${live && !author && !readonly && !this.unplaced
          ? html`<p class=${this.drafting ? 'hidden-writing' : 'visually-hidden'} id="anonymous-writing">
              ${msg('Du skriver uten navn: navnet ditt følger ikke med lappen, og de andre i rommet kan ikke se at den er din. Den som drifter serveren, kan i prinsippet se hvilken tilkobling lappen kom fra, og endrer du den senere, kan endringen knyttes til deg.', { id: 'collab.anonymous-explain' })}
            </p>`
          : nothing}
        ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
        ${readonly || this.unplaced || view?.noNewNotes
          ? nothing
          : html`<button
              type="button"
              part="add-button"
              class="add"
              aria-describedby=${['question', hiddenWriting ? 'hidden-writing' : '', live && !author ? 'anonymous-writing' : ''].filter(Boolean).join(' ')}
              ?hidden=${this.drafting}
              @click=${() => this.startNote()}
            >
              <span aria-hidden="true">+</span> ${msg('Legg til lapp')}
            </button>`}
        ${this.#moveDialog?.render() ?? nothing}
      </section>
    `;
  }

  protected override updated(): void {
    this.#moveDialog?.hostUpdated();
    if (this.presentation) void adoptPresentationLook(this, 'kort');
  }

  #lapp(id: string): RefleksjonLapp | null {
    const key = CSS.escape(id);
    return this.renderRoot.querySelector<RefleksjonLapp>(`refleksjon-lapp[data-id="${key}"], refleksjon-lapp[data-hidden-id="${key}"]`);
  }

  #noteOf(event: Event): Note | undefined {
    const id = (event.currentTarget as RefleksjonLapp).dataset.id;
    return this.notes.find((note) => note.id === id);
  }

  async #onDraftCommit(event: LappEventMap['refleksjon-lapp-change']): Promise<void> {
    const draft = event.currentTarget as RefleksjonLapp;
    const { text, color } = event.detail;
    const guide = this.#view?.guide;
    if (!this.card || !this.#store) return;
    const hiddenWriting = this.#hiddenWriting && guide;
    let note: Note;
    try {
      const input = { cardId: this.card.id, text, color, author: this.#author };
      note = hiddenWriting ? guide.hiddenNotes.add(input, this.#store.cardIds) : this.#store.addNote(input, { source: this });
      if (!hiddenWriting) guide?.ownNotes.add(note.id);
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      // A full card or guide: the text stays in the open note, and the person is told why.
      const format = numberFormat();
      this.problem =
        error.path === 'notes'
          ? msg(str`Lappen ble ikke lagret: guiden er full (høyst ${format.format(LIMITS.notes)} lapper).`)
          : msg(str`Lappen ble ikke lagret: kortet er fullt (høyst ${format.format(LIMITS.notesPerCard)} lapper per kort).`);
      announce(this.problem);
      await draft.edit();
      return;
    }
    this.problem = '';
    this.drafting = false;
    announce(
      hiddenWriting
        ? msg(str`Skjult lapp lagt til, bare på denne enheten: ${excerpt(note.text)}`, { id: 'hidden.added' })
        : msg(str`Lapp lagt til: ${excerpt(note.text)}`),
    );
    await this.focusNote(note.id);
  }

  async #onDraftCancel(): Promise<void> {
    this.drafting = false;
    await this.focusNote(undefined);
  }

  #onNoteChange(event: LappEventMap['refleksjon-lapp-change']): void {
    const note = this.#noteOf(event);
    const { text, color } = event.detail;
    if (note && this.#store) this.#store.updateNote(note.id, { text, color }, { source: this });
  }

  #onHiddenChange(event: LappEventMap['refleksjon-lapp-change']): void {
    const id = (event.currentTarget as RefleksjonLapp).dataset.hiddenId;
    if (id) this.#view?.guide.hiddenNotes.update(id, event.detail);
  }

  #onHiddenDelete(event: Event): void {
    const lapp = event.currentTarget as RefleksjonLapp;
    const id = lapp.dataset.hiddenId;
    const hidden = this.#view?.guide.hiddenNotes;
    if (!id || !hidden || event.defaultPrevented) return;
    hidden.remove(id);
    announce(msg(str`Skjult lapp slettet: ${excerpt(lapp.text)}`, { id: 'hidden.deleted' }));
    void this.focusNote(undefined);
  }

  #onVote(event: Event): void {
    const note = this.#noteOf(event);
    const participantId = this.#participantId;
    if (!note || !this.#store || !participantId || this.#view?.noVotes) return;
    this.#store.setVote(note.id, participantId, !note.votes.includes(participantId), { source: this });
  }

  #onNoteDelete(event: Event): void {
    const note = this.#noteOf(event);
    if (!note || !this.#store || event.defaultPrevented || (this.#view?.othersFixed && !this.#isOwn(note))) return;
    // Focus moves before the note goes: to the next note, else the previous, else the add button.
    const index = this.notes.indexOf(note);
    const neighbour = this.notes[index + 1] ?? this.notes[index - 1];
    void this.focusNote(neighbour?.id);
    const store = this.#store;
    store.removeNote(note.id, { source: this });
    offerUndo(this, {
      message: msg(str`Lapp slettet: ${excerpt(note.text)}`),
      undo: () => {
        store.restoreNote(note, index, { source: this });
        void this.focusNote(note.id);
      },
    });
  }

  async #onMoveRequest(event: Event): Promise<void> {
    const note = this.#noteOf(event);
    if (!note) return;
    const { MoveDialog } = await loadFeature(this, 'moveDialog');
    this.#moveDialog ??= new MoveDialog(this, () => this.#store);
    this.#moveDialog.open(note);
  }
}

const NO_NOTES: readonly Note[] = Object.freeze([]);
