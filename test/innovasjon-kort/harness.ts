import { sendKeys } from '@web/test-runner-commands';
import type { InnovasjonKort } from '../../src/innovasjon-kort/innovasjon-kort.component.js';
import type { RefleksjonLapp } from '../../src/refleksjon-lapp/refleksjon-lapp.component.js';
import { ShadowHarness } from '../harness.js';
import { waitUntil } from '../helpers.js';

/**
 * One question card, as a person reaches it: its question, prompts and
 * explanation, its notes, «Legg til lapp», the note being written and the move
 * dialog. A note itself: `harness(lapp)` in test/refleksjon-lapp/harness.ts.
 */
export class KortHarness extends ShadowHarness<InnovasjonKort> {
  /** The card's question, its heading (h3 in a guide; the level follows `heading-level`). */
  get question(): HTMLElement {
    return this.one('.question', 'question heading');
  }

  /** The card's question heading, checked to be an `h<level>` (3 in a guide). */
  questionAt(level: number): HTMLElement {
    const question = this.question;
    if (question.localName !== `h${level}`) throw new Error(`The card's question is a <${question.localName}>, not an <h${level}>`);
    return question;
  }

  /** The card's sub-questions, as shown. */
  get prompts(): string[] {
    return this.all('.prompts li').map((item) => item.textContent!.trim());
  }

  /** The card's explanation, as shown, or undefined when it has none. */
  get explanation(): string | undefined {
    return this.maybe('.explanation')?.textContent?.trim();
  }

  /** The list of sub-questions. */
  get promptList(): HTMLElement {
    return this.one('.prompts', 'list of sub-questions');
  }

  /** «Sorter etter stemmer». */
  get sortButton(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('button.sort', 'sort button');
  }

  /** The card's box (the section with its border and background). */
  get box(): HTMLElement {
    return this.one('.card', 'card box');
  }

  /** «Legg til lapp», or null while the card takes no new notes (read-only, voting). */
  get addButton(): HTMLButtonElement | null {
    return this.maybe<HTMLButtonElement>('button.add');
  }

  /** The card's notes in the order shown, the one being written left out. */
  get lapps(): RefleksjonLapp[] {
    return this.all<RefleksjonLapp>('refleksjon-lapp:not([data-id="draft"])');
  }

  /** The note being written, or null. */
  get draft(): RefleksjonLapp | null {
    return this.maybe<RefleksjonLapp>('refleksjon-lapp[data-id="draft"]');
  }

  /** Every note (the one being written too) shown in the card, as elements. */
  get allLapps(): RefleksjonLapp[] {
    return this.all<RefleksjonLapp>('refleksjon-lapp');
  }

  /** The note with id `id`, or null. */
  lapp(id: string): RefleksjonLapp | null {
    return this.maybe<RefleksjonLapp>(`refleksjon-lapp[data-id="${id}"]`);
  }

  /** Notes written while writing is hidden: shown on this device only. */
  get hiddenLapps(): RefleksjonLapp[] {
    return this.all<RefleksjonLapp>('refleksjon-lapp[hidden-note]');
  }

  /** The words under the card that say hidden writing is on (`#hidden-writing`), or null. */
  get hiddenWritingNote(): HTMLElement | null {
    return this.maybe('#hidden-writing');
  }

  /** The words that say a note is written anonymously (`#anonymous-writing`), or null. */
  get anonymousWritingNote(): HTMLElement | null {
    return this.maybe('#anonymous-writing');
  }

  /** The card's dialog (moving a note), or null when none is rendered. */
  get dialog(): HTMLDialogElement | null {
    return this.maybe<HTMLDialogElement>('dialog');
  }

  /** The move dialog's choice of card. */
  get moveSelect(): HTMLSelectElement {
    return this.one<HTMLSelectElement>('dialog select', 'card choice in the move dialog');
  }

  /** The move dialog's choice of the card `cardId` (a radio). */
  moveTarget(cardId: string): HTMLInputElement {
    return this.one<HTMLInputElement>(`input[value="${cardId}"]`, `choice of the card ${cardId} in the move dialog`);
  }

  /** The move dialog's «Flytt» (its submit button). */
  get moveSubmitButton(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('dialog button[type=submit]', 'submit button in the move dialog');
  }

  /** The move dialog's Cancel (its button that does not submit). */
  get moveCancelButton(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('dialog form button[type=button]', 'Cancel in the move dialog');
  }

  /**
   * Writes a note as a keyboard user does: focus on «Legg til lapp», Enter, the
   * text, Enter; resolves once the note is saved. (A page in an iframe
   * focuses its frame first.)
   */
  async writeNote(text: string): Promise<void> {
    const add = this.addButton;
    if (!add) throw new Error(`The card ${this.host.card?.id} takes no new notes`);
    add.focus();
    await waitUntil(() => this.focused === add, 'the add button has focus');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => this.draft?.shadowRoot?.activeElement?.localName === 'textarea', 'the new note has focus');
    await sendKeys({ type: text });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !this.draft, 'the note is saved');
  }
}

export const kortHarness = (card: InnovasjonKort) => new KortHarness(card);
