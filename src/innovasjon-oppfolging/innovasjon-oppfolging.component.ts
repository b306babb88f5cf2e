import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
import { excerpt as shorten } from '../internal/excerpt.js';
import { heading } from '../internal/heading.js';
import { StoreSelection } from '../internal/store-selection.js';
import { getLocale, PageLocaleController } from '../localization.js';
import type { GuideStore } from '../store/guide-store.js';
import { LIMITS, type Action } from '../store/types.js';
import { announce } from '../internal/announcer.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { oppfolgingStyles } from './innovasjon-oppfolging.styles.js';

/** Which fields of a form failed their check. */
interface FieldErrors {
  what?: boolean;
  due?: boolean;
}

interface ActionFields {
  what: string;
  who: string;
  due: string;
}

/** What the page's live region is asked to say. */
type Announcement = 'added' | 'saved' | 'removed' | 'failed' | 'missing-what' | 'bad-due';

type FormKind = 'add' | 'edit';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A `YYYY-MM-DD` due date as local midnight, so no time zone moves it a day. */
function localDate(due: string): Date {
  const [year, month, day] = due.split('-').map(Number);
  const date = new Date(0);
  date.setFullYear(year, month - 1, day);
  date.setHours(0, 0, 0, 0);
  return date;
}

/**
 * "Fortsett turen!": the follow-up actions a team agrees on at the end of one
 * step, each with what, who and when, ticked off when done. The element
 * changes the store it is given; the guide or step that owns the store sends
 * the events, from this element.
 *
 * @summary The follow-up actions of one step, with a form to add them.
 *
 * @event innovasjon-action-add - A person added an action. Detail: `{action}` (`ActionAddDetail`).
 * @event innovasjon-action-change - A person ticked an action off or edited it. Detail: `{action, previous}` (`ActionChangeDetail`).
 * @event innovasjon-action-remove - A person deleted an action. Detail: `{action}` (`ActionRemoveDetail`).
 *
 * @csspart section - The box around everything.
 * @csspart heading - The "Fortsett turen!" heading.
 * @csspart intro - The line under the heading.
 * @csspart list - The list of actions.
 * @csspart item - One action in the list.
 * @csspart form - The form that adds an action.
 * @csspart add-button - The "Legg til oppfølging" button.
 *
 * @cssproperty --innovasjon-oppfolging-background - Background of the box.
 * @cssproperty --innovasjon-oppfolging-border-color - Border colour of the box.
 * @cssproperty --innovasjon-oppfolging-padding - Space inside the box.
 * @cssproperty --innovasjon-oppfolging-heading-size - Font size of the heading.
 */
@localized()
export class InnovasjonOppfolging extends LitElement {
  static override styles = [sharedStyles, oppfolgingStyles];

  /** A store to show when used outside a guide or step; inside one, the enclosing store is used. */
  @property({ attribute: false }) store?: GuideStore;

  /** The step whose actions are shown and added, 1 to 4. */
  @property({ type: Number }) step = 1;

  /** Show the actions without any control to change them. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** The level of the "Fortsett turen!" heading. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;

  @state() private editingId?: string;
  @state() private addErrors: FieldErrors = {};
  @state() private editErrors: FieldErrors = {};

  protected readonly pageLocale = new PageLocaleController(this);

  readonly #actions = new StoreSelection<readonly Action[]>(
    this,
    (document) => document.actions.filter((action) => action.step === Number(this.step)),
    [],
    () => this.store,
  );

  /** The store shown: the enclosing guide's (through context), or the one given to `store`. */
  get #store(): GuideStore | undefined {
    return this.#actions.store;
  }

  /** The step's actions, in the order they were added. */
  get actions(): readonly Action[] {
    return this.#actions.value;
  }

  get #editable(): boolean {
    return !this.readonly && Boolean(this.#store);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) this.#actions.follow();
    if (changed.has('step')) {
      this.#actions.refresh();
      this.editingId = undefined;
    }
    // An action deleted elsewhere while it was being edited leaves nothing to edit.
    if (this.editingId && !this.actions.some((action) => action.id === this.editingId)) this.editingId = undefined;
  }

  override render() {
    const editable = this.#editable;
    const dates = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium' });
    return html`
      <section part="section" class="section" aria-labelledby="heading">
        ${heading(this.headingLevel, 'heading', msg('Fortsett turen!'), { id: 'heading', part: 'heading' })}
        <p part="intro" class="intro">${msg('Hva gjør vi videre? Skriv ned hvem som gjør hva, og når.')}</p>
        ${this.actions.length
          ? html`<ul part="list" class="list">
              ${repeat(
                this.actions,
                (action) => action.id,
                (action) =>
                  editable && action.id === this.editingId
                    ? this.#renderEditor(action)
                    : this.#renderAction(action, dates, editable),
              )}
            </ul>`
          : html`<p class="empty">${msg('Ingen oppfølging er skrevet ned ennå.')}</p>`}
        ${editable ? this.#renderAddForm() : nothing}
      </section>
    `;
  }

  #renderAction(action: Action, dates: Intl.DateTimeFormat, editable: boolean) {
    const excerpt = shorten(action.what, 60);
    return html`<li part="item" class=${classMap({ item: true, done: action.done })} data-id=${action.id}>
      <div class="main">
        <label class="check">
          <input
            type="checkbox"
            .checked=${action.done}
            ?disabled=${!editable}
            @change=${(event: Event) => this.#onDoneChange(action.id, event)}
          />
          <span class="what">${action.what}</span>
        </label>
        ${action.done ? html`<span class="done-label">${msg('Ferdig')}</span>` : nothing}
      </div>
      ${action.who || action.due
        ? html`<p class="meta">
            ${action.who ? html`<span class="who">${msg(str`Ansvarlig: ${action.who}`)}</span>` : nothing}
            ${action.due
              ? html`<span class="due"
                  >${msg('Frist:')} <time datetime=${action.due}>${dates.format(localDate(action.due))}</time></span
                >`
              : nothing}
          </p>`
        : nothing}
      ${editable
        ? html`<div class="buttons row-buttons">
            <button
              type="button"
              class="edit"
              aria-label=${msg(str`Rediger oppfølging: ${excerpt}`)}
              @click=${() => this.#startEdit(action.id)}
            >
              ${msg('Rediger')}
            </button>
            <button
              type="button"
              class="delete"
              aria-label=${msg(str`Slett oppfølging: ${excerpt}`)}
              @click=${() => this.#remove(action.id)}
            >
              ${msg('Slett')}
            </button>
          </div>`
        : nothing}
    </li>`;
  }

  #renderEditor(action: Action) {
    return html`<li part="item" class="item editing" data-id=${action.id}>
      <form class="form" novalidate @submit=${this.#onEditSubmit} @keydown=${this.#onEditKeydown}>
        ${this.#renderFields('edit', action, this.editErrors)}
        <div class="buttons">
          <button type="submit" class="primary save">${msg('Lagre')}</button>
          <button type="button" class="cancel" @click=${() => this.#endEdit()}>${msg('Avbryt')}</button>
        </div>
      </form>
    </li>`;
  }

  #renderAddForm() {
    return html`<form part="form" class="form add" novalidate @submit=${this.#onAddSubmit}>
      ${this.#renderFields('add', { what: '', who: '', due: '' }, this.addErrors)}
      <div class="buttons">
        <button type="submit" part="add-button" class="primary add-button">${msg('Legg til oppfølging')}</button>
      </div>
    </form>`;
  }

  /** The what, who and when fields, the same in the add form and in a row being edited. */
  #renderFields(kind: FormKind, values: ActionFields, errors: FieldErrors) {
    const whatError = `${kind}-what-error`;
    const dueError = `${kind}-due-error`;
    return html`
      <div class="field what-field">
        <label for="${kind}-what">${msg('Hva skal gjøres?')}</label>
        <input
          id="${kind}-what"
          name="what"
          type="text"
          required
          autocomplete="off"
          maxlength=${LIMITS.actionText}
          value=${values.what}
          aria-invalid=${errors.what ? 'true' : nothing}
          aria-describedby=${errors.what ? whatError : nothing}
          @input=${() => this.#clearError(kind, 'what')}
        />
        ${errors.what ? html`<p id=${whatError} class="error">${msg('Skriv hva som skal gjøres.')}</p>` : nothing}
      </div>
      <div class="field">
        <label for="${kind}-who">${msg('Hvem?')}</label>
        <input id="${kind}-who" name="who" type="text" autocomplete="off" maxlength=${LIMITS.name} value=${values.who} />
      </div>
      <div class="field">
        <label for="${kind}-due">${msg('Når?')}</label>
        <input
          id="${kind}-due"
          name="due"
          type="date"
          min="1000-01-01"
          max="9999-12-31"
          value=${values.due}
          aria-invalid=${errors.due ? 'true' : nothing}
          aria-describedby=${errors.due ? dueError : nothing}
          @input=${() => this.#clearError(kind, 'due')}
        />
        ${errors.due ? html`<p id=${dueError} class="error">${msg('Skriv en gyldig dato, eller la feltet stå tomt.')}</p>` : nothing}
      </div>
    `;
  }

  #announcementText(announcement: Announcement): string {
    switch (announcement) {
      case 'added':
        return msg('Oppfølging lagt til');
      case 'saved':
        return msg('Oppfølging lagret');
      case 'removed':
        return msg('Oppfølging slettet');
      case 'failed':
        return msg('Oppfølgingen kunne ikke lagres.');
      case 'missing-what':
        return msg('Skriv hva som skal gjøres.');
      case 'bad-due':
        return msg('Skriv en gyldig dato, eller la feltet stå tomt.');
    }
  }

  /** Says it through the page's one live region. */
  #announce(announcement: Announcement): void {
    announce(this.#announcementText(announcement));
  }

  #field(id: string): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`);
  }

  #row(id: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`);
  }

  #clearError(kind: FormKind, field: keyof FieldErrors): void {
    const errors = kind === 'add' ? this.addErrors : this.editErrors;
    if (!errors[field]) return;
    const next = { ...errors, [field]: false };
    if (kind === 'add') this.addErrors = next;
    else this.editErrors = next;
  }

  /**
   * Reads and checks a form. On a problem it shows the message by the field,
   * moves focus to the first field at fault, says the message too (focus may
   * already be in that field, where a new description is not read out) and
   * returns nothing.
   */
  async #read(form: HTMLFormElement, kind: FormKind): Promise<ActionFields | undefined> {
    const input = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
    const what = input('what').value.trim();
    const who = input('who').value.trim();
    const dueField = input('due');
    const due = dueField.value;
    const errors: FieldErrors = {
      what: !what,
      due: dueField.validity.badInput || (due !== '' && (!ISO_DATE.test(due) || Number.isNaN(Date.parse(due)))),
    };
    if (kind === 'add') this.addErrors = errors;
    else this.editErrors = errors;
    if (!errors.what && !errors.due) return { what, who, due };
    await this.updateComplete;
    this.#field(`${kind}-${errors.what ? 'what' : 'due'}`)?.focus();
    this.#announce(errors.what ? 'missing-what' : 'bad-due');
    return undefined;
  }

  async #onAddSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const fields = await this.#read(form, 'add');
    if (!fields || !this.#store) return;
    try {
      this.#store.addAction({ step: Number(this.step), ...fields }, { source: this });
    } catch {
      // The document is full or the step is not 1 to 4: nothing changed, the person is told.
      this.#announce('failed');
      return;
    }
    form.reset();
    this.#field('add-what')?.focus();
    this.#announce('added');
  }

  async #startEdit(id: string): Promise<void> {
    this.editErrors = {};
    this.editingId = id;
    await this.updateComplete;
    const field = this.#field('edit-what');
    field?.focus();
    field?.setSelectionRange(field.value.length, field.value.length);
  }

  /** Leaves editing and puts focus back on the row's Edit button. */
  async #endEdit(): Promise<void> {
    const id = this.editingId;
    this.editingId = undefined;
    this.editErrors = {};
    await this.updateComplete;
    if (id) this.#row(id)?.querySelector<HTMLButtonElement>('button.edit')?.focus();
  }

  async #onEditSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const id = this.editingId;
    const fields = await this.#read(event.currentTarget as HTMLFormElement, 'edit');
    if (!fields || !id || !this.#store) return;
    try {
      this.#store.updateAction(id, fields, { source: this });
    } catch {
      this.#announce('failed');
      return;
    }
    await this.#endEdit();
    this.#announce('saved');
  }

  #onEditKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.isComposing) return;
    event.preventDefault();
    event.stopPropagation();
    void this.#endEdit();
  }

  #onDoneChange(id: string, event: Event): void {
    const checkbox = event.target as HTMLInputElement;
    if (!this.#store) return;
    this.#store.updateAction(id, { done: checkbox.checked }, { source: this });
  }

  #remove(id: string): void {
    if (!this.#store) return;
    // Focus moves before the row goes, so it never falls to <body>: the next action, else the form.
    const index = this.actions.findIndex((action) => action.id === id);
    const next = this.actions[index + 1];
    // (A next row being edited has no checkbox; its first field takes focus instead.)
    const target = next ? this.#row(next.id)?.querySelector<HTMLInputElement>('input') : this.#field('add-what');
    target?.focus();
    try {
      this.#store.removeAction(id, { source: this });
    } catch {
      return; // Already deleted elsewhere: the row is gone with the next update.
    }
    this.#announce('removed');
  }
}
