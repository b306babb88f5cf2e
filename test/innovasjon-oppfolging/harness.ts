import { sendKeys } from '@web/test-runner-commands';
import type { InnovasjonActionForm } from '../../src/features/action-forms.js';
import type { InnovasjonOppfolging } from '../../src/innovasjon-oppfolging/innovasjon-oppfolging.component.js';
import { ShadowHarness } from '../harness.js';
import { click, waitUntil } from '../helpers.js';

/** The follow-up form (adding or editing an action), as a person fills it in. */
export class ActionFormHarness extends ShadowHarness<InnovasjonActionForm> {
  get form(): InnovasjonActionForm {
    return this.host;
  }

  /** The field «Hva skal gjøres?», «Hvem?» or «Når?». */
  field(name: 'what' | 'who' | 'due'): HTMLInputElement {
    return this.one<HTMLInputElement>(`#${name}`, `field ${name}`);
  }

  /** The submit button («Legg til oppfølging» / «Lagre») or Avbryt. */
  button(name: 'submit' | 'cancel'): HTMLButtonElement {
    return this.one<HTMLButtonElement>(`button.${name}`, `${name} button`);
  }

  /** The fields' labels, as shown. */
  get labels(): string[] {
    return this.all('label').map((label) => label.textContent!.trim());
  }

  /** The error under a field, or null while it has none. */
  error(name: 'what' | 'due'): HTMLElement | null {
    return this.maybe(`#${name}-error`);
  }

  /** Whether the form has rendered its fields. */
  get ready(): boolean {
    return this.maybe('#what') !== null;
  }

  /** How many text fields the form shows (checkboxes left out). */
  get fieldCount(): number {
    return this.all('input:not([type="checkbox"])').length;
  }

  /** Types into the form as a person does: click a field, type. */
  async type(what: string, who = ''): Promise<void> {
    await click(this.field('what'));
    await sendKeys({ type: what });
    if (who) {
      await click(this.field('who'));
      await sendKeys({ type: who });
    }
  }
}

/** The parts of one row of the follow-up list (an `li` from `OppfolgingHarness.rows`). */
export const rowParts = (row: Element) => ({
  /** The action's text. */
  what: row.querySelector<HTMLElement>('.what'),
  /** «Ansvarlig: Kari», or null. */
  who: row.querySelector<HTMLElement>('.who'),
  /** The due date, or null. */
  time: row.querySelector<HTMLTimeElement>('time'),
  /** The line with who and when, or null when the action has neither. */
  meta: row.querySelector<HTMLElement>('.meta'),
  /** The word «Ferdig» on a done action, or null. */
  doneLabel: row.querySelector<HTMLElement>('.done-label'),
  /** The «done» checkbox. */
  checkbox: row.querySelector<HTMLInputElement>('input[type="checkbox"]')!,
  /** «Rediger», or null. */
  editButton: row.querySelector<HTMLButtonElement>('button.edit'),
  /** «Slett», or null. */
  deleteButton: row.querySelector<HTMLButtonElement>('button.delete'),
});

/** A row's «done» checkbox. */
export const checkboxOf = (row: Element): HTMLInputElement => rowParts(row).checkbox;

const ADD_FORM = '.add-form';
const EDIT_FORM = 'li.editing innovasjon-action-form';

/**
 * A step's follow-up list, as a person uses it: its heading, its rows (text,
 * checkbox, «Rediger», «Slett»), «Legg til oppfølging», and the forms that
 * take the button's or a row's place.
 */
export class OppfolgingHarness extends ShadowHarness<InnovasjonOppfolging> {
  /** The list's heading («Fortsett turen!»). */
  get heading(): HTMLElement {
    return this.one('h3', 'heading');
  }

  /** The list's rows, one per action. */
  get rows(): HTMLLIElement[] {
    return this.all<HTMLLIElement>('li.item');
  }

  /** Each row's «what», as shown. */
  get rowTexts(): string[] {
    return this.rows.map((row) => rowParts(row).what?.textContent ?? '');
  }

  /** How many of «Rediger» and «Slett» a row shows. */
  rowButtonCount(row: Element): number {
    return row.querySelectorAll('button.edit, button.delete').length;
  }

  /** The first row's «Rediger». */
  get firstEditButton(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('button.edit', '«Rediger»');
  }

  /** «Legg til oppfølging», or null while the add form shows (or read-only, or not this phase). */
  get addButton(): HTMLButtonElement | null {
    return this.maybe<HTMLButtonElement>('button.add-button');
  }

  /** Whether exactly one «Legg til oppfølging» shows. */
  get hasAddButton(): boolean {
    return this.all('button.add-button').length === 1;
  }

  /** The texts of every button the list shows (forms' own buttons left out). */
  get buttonTexts(): string[] {
    return this.all('button').map((button) => button.textContent!.trim());
  }

  /** How many buttons the list shows (forms' own buttons left out). */
  get buttonCount(): number {
    return this.all('button').length;
  }

  /** The follow-up forms shown (adding and editing). */
  get forms(): InnovasjonActionForm[] {
    return this.all<InnovasjonActionForm>('innovasjon-action-form');
  }

  /** Whether a `<form>` or a follow-up form shows. */
  get showsAForm(): boolean {
    return this.renders('form, innovasjon-action-form');
  }

  /** The text fields shown anywhere in the list, the forms included (checkboxes left out). */
  get fieldCount(): number {
    return this.all('input:not([type="checkbox"])').length + this.forms.reduce((sum, form) => sum + new ActionFormHarness(form).fieldCount, 0);
  }

  /** The add form, or null. */
  get addForm(): InnovasjonActionForm | null {
    return this.maybe<InnovasjonActionForm>(ADD_FORM);
  }

  /** The form in the row being edited, or null. */
  get editForm(): InnovasjonActionForm | null {
    return this.maybe<InnovasjonActionForm>(EDIT_FORM);
  }

  /** Waits until the form's code has arrived and it has rendered, and returns it. */
  async #formAppears(which: () => InnovasjonActionForm | null, what: string): Promise<ActionFormHarness> {
    await waitUntil(() => {
      const form = which();
      return form && new ActionFormHarness(form).ready;
    }, `the form (${what}) appears`);
    return new ActionFormHarness(which()!);
  }

  /** Presses «Legg til oppfølging» and waits for the form that takes its place. */
  async openAddForm(): Promise<ActionFormHarness> {
    await click(this.addButton!);
    return this.#formAppears(() => this.addForm, ADD_FORM);
  }

  /** Presses an action's «Rediger» and waits for the form in its row. */
  async openEditForm(row = 0): Promise<ActionFormHarness> {
    await click(rowParts(this.rows[row]).editButton!);
    return this.#formAppears(() => this.editForm, EDIT_FORM);
  }
}

export const oppfolgingHarness = (element: InnovasjonOppfolging) => new OppfolgingHarness(element);
