import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { QuestionCard } from '../content/types.js';
import { notesOnCard } from '../internal/notes-by-card.js';
import { StoreSelection } from '../internal/store-selection.js';
import { RefleksjonLapp } from '../refleksjon-lapp/refleksjon-lapp.component.js';
import '../refleksjon-lapp/refleksjon-lapp.js';
import type { GuideStore } from '../store/guide-store.js';
import type { Note } from '../store/types.js';
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

  /** Show notes without any control to change them. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** A new note being written, not yet in the store. */
  @state() private drafting = false;

  @query('.add') private addButton?: HTMLButtonElement;

  readonly #notes = new StoreSelection<readonly Note[]>(
    this,
    (document) => (this.card ? notesOnCard(document, this.card.id) : []),
    [],
  );

  /** The notes on this card, in order. */
  get notes(): readonly Note[] {
    return this.#notes.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) this.#notes.setStore(this.store);
    if (changed.has('card')) this.#notes.refresh();
  }

  /** Opens a new note with the cursor in it. */
  async startNote(): Promise<void> {
    if (this.readonly) return;
    this.drafting = true;
    await this.updateComplete;
    await this.#lapp('draft')?.edit();
  }

  override render() {
    const card = this.card;
    if (!card) return nothing;
    const question = card.question();
    return html`
      <section part="card" class="card" aria-labelledby="question">
        <h3 id="question" part="question">${question}</h3>
        ${card.explanation ? html`<p class="explanation">${card.explanation()}</p>` : nothing}
        ${card.prompts.length
          ? html`<ul class="prompts">
              ${card.prompts.map((prompt) => html`<li>${prompt()}</li>`)}
            </ul>`
          : nothing}
        <ul part="notes" class="notes" aria-label=${msg(str`Lapper: ${question}`)}>${repeat(
            this.notes,
            (note) => note.id,
            (note) => html`<li>
              <refleksjon-lapp
                data-id=${note.id}
                .text=${note.text}
                .color=${note.color}
                .author=${note.author}
                .context=${question}
                ?readonly=${this.readonly}
                @change=${this.#onNoteChange}
                @refleksjon-lapp-delete=${this.#onNoteDelete}
              ></refleksjon-lapp>
            </li>`,
          )}${this.drafting && !this.readonly
            ? html`<li>
                <refleksjon-lapp
                  data-id="draft"
                  editing
                  .context=${question}
                  @change=${this.#onDraftCommit}
                  @cancel=${this.#onDraftCancel}
                ></refleksjon-lapp>
              </li>`
            : nothing}</ul>
        ${this.readonly
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
      </section>
    `;
  }

  #lapp(id: string): RefleksjonLapp | null {
    return this.renderRoot.querySelector<RefleksjonLapp>(`refleksjon-lapp[data-id="${CSS.escape(id)}"]`);
  }

  async #onDraftCommit(event: Event): Promise<void> {
    const draft = event.currentTarget as RefleksjonLapp;
    if (!this.card || !this.store) return;
    const note = this.store.addNote({ cardId: this.card.id, text: draft.text, color: draft.color }, { source: this });
    this.drafting = false;
    await this.updateComplete;
    this.#lapp(note.id)?.focus();
  }

  async #onDraftCancel(): Promise<void> {
    this.drafting = false;
    await this.updateComplete;
    this.addButton?.focus();
  }

  #onNoteChange(event: Event): void {
    const lapp = event.currentTarget as RefleksjonLapp;
    const id = lapp.dataset.id;
    if (id && this.store) this.store.updateNote(id, { text: lapp.text, color: lapp.color }, { source: this });
  }

  #onNoteDelete(event: Event): void {
    const lapp = event.currentTarget as RefleksjonLapp;
    const id = lapp.dataset.id;
    if (!id || !this.store || event.defaultPrevented) return;
    // Focus moves before the note goes: to the next note, else the previous, else the add button.
    const index = this.notes.findIndex((note) => note.id === id);
    const neighbour = this.notes[index + 1] ?? this.notes[index - 1];
    const target: HTMLElement | null | undefined = neighbour ? this.#lapp(neighbour.id) : this.addButton;
    target?.focus();
    this.store.removeNote(id, { source: this });
  }
}
