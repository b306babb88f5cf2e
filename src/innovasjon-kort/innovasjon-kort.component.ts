import { numberFormat } from '../internal/number-format.js';
import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { GuideContent, QuestionCard } from '../content/types.js';
import type { LappEventMap } from '../events.js';
import { announce, offerUndo } from '../internal/announce.js';
import { excerpt } from '../internal/excerpt.js';
import { heading } from '../internal/heading.js';
import { getLocale } from '../localization.js';
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

  /** The store the card shows notes from and changes them in. */
  @property({ attribute: false }) store?: GuideStore;

  /** The whole guide's content: the cards a note can be moved to. */
  @property({ attribute: false }) content?: GuideContent;

  /** Show notes without any control to change them. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** The name new notes are signed with; empty for anonymous notes. */
  @property() author = '';

  /** Who votes from this screen. */
  @property({ attribute: 'participant-id' }) participantId = '';

  /** The participant has no votes left on this step. */
  @property({ type: Boolean, attribute: 'votes-used-up' }) votesUsedUp = false;

  /** The team is voting: every note shows a one-click vote button. */
  @property({ type: Boolean }) voting = false;

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

  /** The note whose move dialog is open. */
  @state() private moving?: Note;
  @state() private moveTarget = '';

  @query('.add') private addButton?: HTMLButtonElement;
  @query('dialog') private dialog?: HTMLDialogElement;

  readonly #notes = new StoreSelection<readonly Note[]>(
    this,
    (document) => {
      if (this.unplaced) return this.content ? unplacedNotes(document, this.content) : [];
      return this.card ? notesOnCard(document, this.card.id) : [];
    },
    [],
  );

  /** The notes on this card, in their saved order. */
  get notes(): readonly Note[] {
    return this.#notes.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) this.#notes.setStore(this.store);
    if (changed.has('card') || changed.has('unplaced') || changed.has('content')) this.#notes.refresh();
  }

  /** Opens a new note with the cursor in it. */
  async startNote(): Promise<void> {
    if (this.readonly) return;
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
        ${this.notes.length > 1
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
                .voted=${note.votes.includes(this.participantId)}
                .votesUsedUp=${this.votesUsedUp}
                .voting=${this.voting}
                .movable=${!this.sortedByVotes}
                ?readonly=${this.readonly}
                @change=${this.#onNoteChange}
                @refleksjon-lapp-delete=${this.#onNoteDelete}
                @refleksjon-lapp-vote=${this.#onVote}
                @refleksjon-lapp-move=${this.#onMoveRequest}
              ></refleksjon-lapp></li>`,
          )}${this.dropIndex >= shown.length ? html`<li class="drop-end" aria-hidden="true"></li>` : nothing}${this
            .drafting && !this.readonly
            ? html`<li>
                <refleksjon-lapp
                  data-id="draft"
                  editing
                  .author=${this.author}
                  .context=${question}
                  @change=${this.#onDraftCommit}
                  @cancel=${this.#onDraftCancel}
                ></refleksjon-lapp>
              </li>`
            : nothing}</ul>
        ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
        ${this.readonly || this.unplaced
          ? nothing
          : html`<button
              type="button"
              part="add-button"
              class="add"
              aria-describedby="question"
              ?hidden=${this.drafting}
              @click=${() => this.startNote()}
            >
              <span aria-hidden="true">+</span> ${msg('Legg til lapp')}
            </button>`}
        ${this.moving ? this.#renderMoveDialog(this.moving) : nothing}
      </section>
    `;
  }

  #renderMoveDialog(note: Note) {
    const steps = this.content?.steps ?? [];
    const target = this.moveTarget || note.cardId;
    const others = (this.store ? notesOnCard(this.store.document, target) : []).filter((each) => each.id !== note.id);
    const current = target === note.cardId ? this.notes.findIndex((each) => each.id === note.id) : others.length;
    return html`<dialog
      part="move-dialog"
      aria-labelledby="move-title"
      @close=${this.#onMoveClose}
      @keydown=${(event: KeyboardEvent) => event.stopPropagation()}
    >
      <form method="dialog" @submit=${this.#onMoveSubmit}>
        ${heading(this.headingLevel + 1, 'dialog-title', msg(str`Flytt lappen «${excerpt(note.text)}»`), { id: 'move-title' })}
        ${steps.map(
          (step) => html`<fieldset>
            <legend>${msg(str`Trinn ${step.number}: ${step.title()}`)}</legend>
            ${step.cards.map(
              (card) => html`<label class="choice">
                <input
                  type="radio"
                  name="card"
                  value=${card.id}
                  .checked=${card.id === target}
                  @change=${() => (this.moveTarget = card.id)}
                />
                ${card.question()}
              </label>`,
            )}
          </fieldset>`,
        )}
        <label class="position">
          ${msg('Plassering på kortet')}
          <select name="position">
            ${[...others, null].map(
              (_, index) => html`<option value=${index} ?selected=${index === current}>
                ${index === 0 ? msg('Først') : msg(str`Etter «${excerpt(others[index - 1].text)}»`)}
              </option>`,
            )}
          </select>
        </label>
        <div class="dialog-buttons">
          <button type="submit" class="primary" value="move">${msg('Flytt')}</button>
          <button type="button" @click=${() => this.dialog?.close()}>${msg('Avbryt')}</button>
        </div>
      </form>
    </dialog>`;
  }

  protected override updated(): void {
    const dialog = this.dialog;
    if (dialog && !dialog.open) dialog.showModal();
  }

  #lapp(id: string): RefleksjonLapp | null {
    return this.renderRoot.querySelector<RefleksjonLapp>(`refleksjon-lapp[data-id="${CSS.escape(id)}"]`);
  }

  #noteOf(event: Event): Note | undefined {
    const id = (event.currentTarget as RefleksjonLapp).dataset.id;
    return this.notes.find((note) => note.id === id);
  }

  async #onDraftCommit(event: LappEventMap['change']): Promise<void> {
    const draft = event.currentTarget as RefleksjonLapp;
    const { text, color } = event.detail;
    if (!this.card || !this.store) return;
    let note: Note;
    try {
      note = this.store.addNote(
        { cardId: this.card.id, text, color, author: this.author },
        { source: this },
      );
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      // A full card or guide: the text stays in the open note, and the person is told why.
      const format = numberFormat(getLocale());
      this.problem =
        error.path === 'notes'
          ? msg(str`Lappen ble ikke lagret: guiden er full (høyst ${format.format(LIMITS.notes)} lapper).`)
          : msg(str`Lappen ble ikke lagret: kortet er fullt (høyst ${format.format(LIMITS.notesPerCard)} lapper per kort).`);
      announce(this, this.problem);
      await draft.edit();
      return;
    }
    this.problem = '';
    this.drafting = false;
    announce(this, msg(str`Lapp lagt til: ${excerpt(note.text)}`));
    await this.focusNote(note.id);
  }

  async #onDraftCancel(): Promise<void> {
    this.drafting = false;
    await this.focusNote(undefined);
  }

  #onNoteChange(event: LappEventMap['change']): void {
    const note = this.#noteOf(event);
    const { text, color } = event.detail;
    if (note && this.store) this.store.updateNote(note.id, { text, color }, { source: this });
  }

  #onVote(event: Event): void {
    const note = this.#noteOf(event);
    if (!note || !this.store || !this.participantId) return;
    this.store.setVote(note.id, this.participantId, !note.votes.includes(this.participantId), { source: this });
  }

  #onNoteDelete(event: Event): void {
    const note = this.#noteOf(event);
    if (!note || !this.store || event.defaultPrevented) return;
    // Focus moves before the note goes: to the next note, else the previous, else the add button.
    const index = this.notes.indexOf(note);
    const neighbour = this.notes[index + 1] ?? this.notes[index - 1];
    void this.focusNote(neighbour?.id);
    const store = this.store;
    store.removeNote(note.id, { source: this });
    offerUndo(this, {
      message: msg(str`Lapp slettet: ${excerpt(note.text)}`),
      undo: () => {
        store.restoreNote(note, index, { source: this });
        void this.focusNote(note.id);
      },
    });
  }

  #onMoveRequest(event: Event): void {
    const note = this.#noteOf(event);
    if (!note) return;
    this.moveTarget = note.cardId;
    this.moving = note;
  }

  #onMoveSubmit(event: SubmitEvent): void {
    const note = this.moving;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const cardId = String(data.get('card') ?? '');
    const index = Number(data.get('position') ?? 0);
    if (!note || !this.store || !cardId) return;
    this.store.moveNote(note.id, { cardId, index }, { source: this });
    const card = this.content?.steps.flatMap((step) => step.cards).find((each) => each.id === cardId);
    announce(this, msg(str`Lappen er flyttet til «${card ? card.question() : cardId}»`));
    this.#afterMove = { id: note.id, stayed: cardId === this.card?.id };
  }

  #afterMove?: { id: string; stayed: boolean };

  async #onMoveClose(): Promise<void> {
    const note = this.moving;
    const after = this.#afterMove;
    this.moving = undefined;
    this.moveTarget = '';
    this.#afterMove = undefined;
    // Focus returns where it came from; a note that left this card hands it to the add button.
    if (after && !after.stayed) await this.focusNote(undefined);
    else await this.focusNote(note?.id, 'menu');
  }
}
