// The dialog that moves a note to any card and position: the keyboard and
// single-pointer way to move. Fetched the first time a person asks to move.
import { msg, str } from '@lit/localize';
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { GuideContent, QuestionCard } from '../content/types.js';
import { announce } from '../internal/announcer.js';
import { excerpt } from '../internal/excerpt.js';
import { heading } from '../internal/heading.js';
import { notesOnCard } from '../internal/notes-by-card.js';
import type { GuideStore } from '../store/guide-store.js';
import type { Note } from '../store/types.js';

/** What the dialog needs from the card it opens on. */
export interface MoveDialogHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly content?: GuideContent;
  readonly card?: QuestionCard;
  readonly headingLevel: number;
  readonly notes: readonly Note[];
  focusNote(id: string | undefined, control?: 'text' | 'menu'): Promise<void>;
}

export class MoveDialog {
  #note?: Note;
  #target = '';
  #after?: { id: string; stayed: boolean };

  constructor(
    private readonly host: MoveDialogHost,
    private readonly store: () => GuideStore | undefined,
  ) {}

  open(note: Note): void {
    this.#note = note;
    this.#target = note.cardId;
    this.host.requestUpdate();
  }

  /** Call from the host's `updated()`: opens the rendered dialog as a modal. */
  hostUpdated(): void {
    const dialog = this.#dialog();
    if (dialog?.isConnected && !dialog.open) dialog.showModal();
  }

  #dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector('dialog.move-dialog');
  }

  render() {
    const note = this.#note;
    if (!note) return nothing;
    const steps = this.host.content?.steps ?? [];
    const target = this.#target || note.cardId;
    const store = this.store();
    const others = (store ? notesOnCard(store.document, target) : []).filter((each) => each.id !== note.id);
    const current = target === note.cardId ? this.host.notes.findIndex((each) => each.id === note.id) : others.length;
    return html`<dialog
      part="move-dialog"
      class="move-dialog"
      aria-labelledby="move-title"
      @close=${this.#onClose}
      @keydown=${(event: KeyboardEvent) => event.stopPropagation()}
    >
      <form method="dialog" @submit=${this.#onSubmit}>
        ${heading(this.host.headingLevel + 1, 'dialog-title', msg(str`Flytt lappen «${excerpt(note.text)}»`), { id: 'move-title' })}
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
                  @change=${() => ((this.#target = card.id), this.host.requestUpdate())}
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
          <button type="button" @click=${() => this.#dialog()?.close()}>${msg('Avbryt')}</button>
        </div>
      </form>
    </dialog>`;
  }

  // Arrow functions: Lit calls listeners with the element as `this`.
  #onSubmit = (event: SubmitEvent): void => {
    const note = this.#note;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const cardId = String(data.get('card') ?? '');
    const index = Number(data.get('position') ?? 0);
    const store = this.store();
    if (!note || !store || !cardId) return;
    store.moveNote(note.id, { cardId, index }, { source: this.host });
    const card = this.host.content?.steps.flatMap((step) => step.cards).find((each) => each.id === cardId);
    announce(msg(str`Lappen er flyttet til «${card ? card.question() : cardId}»`));
    this.#after = { id: note.id, stayed: cardId === this.host.card?.id };
  };

  #onClose = async (): Promise<void> => {
    const note = this.#note;
    const after = this.#after;
    this.#note = undefined;
    this.#target = '';
    this.#after = undefined;
    this.host.requestUpdate();
    // Focus returns where it came from; a note that left this card hands it to the add button.
    if (after && !after.stayed) await this.host.focusNote(undefined);
    else await this.host.focusNote(note?.id, 'menu');
  };
}
