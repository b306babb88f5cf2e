import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ActionFields } from '../features/action-forms.js';
import { announce } from '../internal/announcer.js';
import { excerpt as shorten } from '../internal/excerpt.js';
import { heading } from '../internal/heading.js';
import { loadFeature } from '../internal/load-feature.js';
import { StoreSelection } from '../internal/store-selection.js';
import { PageLocaleController } from '../localization.js';
import type { GuideStore } from '../store/guide-store.js';
import type { Action } from '../store/types.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { oppfolgingStyles } from './innovasjon-oppfolging.styles.js';
import { dateFormat } from '../internal/intl.js';

/** What the page's live region is asked to say. */
type Announcement = 'added' | 'saved' | 'removed' | 'failed';

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
 * The add and edit forms are fetched the first time a person presses «Legg
 * til oppfølging» or «Rediger» (src/features/action-forms.ts), so a page that
 * only shows the actions never loads them.
 *
 * @summary The follow-up actions of one step, with forms to add and edit them.
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
 * @csspart form - The form that adds an action, once it is open.
 * @csspart add-button - The "Legg til oppfølging" button that opens that form.
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

  /** The add form is open (in place of the add button). */
  @state() private adding = false;
  /** The action whose row shows the edit form. */
  @state() private editingId?: string;

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
      this.adding = false;
      this.editingId = undefined;
    }
    // An action deleted elsewhere while it was being edited leaves nothing to edit.
    if (this.editingId && !this.actions.some((action) => action.id === this.editingId)) this.editingId = undefined;
  }

  override render() {
    const editable = this.#editable;
    const dates = dateFormat();
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
        ${editable ? this.#renderAdd() : nothing}
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
              @click=${() => this.#openEdit(action.id)}
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
      <innovasjon-action-form
        kind="edit"
        .values=${action}
        @innovasjon-action-form-submit=${(event: CustomEvent<ActionFields>) => this.#onEditSubmit(event.detail)}
        @innovasjon-action-form-cancel=${() => this.#closeEdit()}
      ></innovasjon-action-form>
    </li>`;
  }

  /** The add button, or the add form in its place once a person opened it. */
  #renderAdd() {
    if (this.adding) {
      return html`<innovasjon-action-form
        part="form"
        class="form add-form"
        kind="add"
        @innovasjon-action-form-submit=${(event: CustomEvent<ActionFields>) => this.#onAddSubmit(event.detail)}
        @innovasjon-action-form-cancel=${() => this.#closeAdd()}
      ></innovasjon-action-form>`;
    }
    return html`<button type="button" part="add-button" class="primary add-button" @click=${this.#openAdd}>
      ${msg('Legg til oppfølging')}
    </button>`;
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
    }
  }

  /** Says it through the page's one live region. */
  #announce(announcement: Announcement): void {
    announce(this.#announcementText(announcement));
  }

  #row(id: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`);
  }

  /** The add form if it is open, else the add button: what follows the list. */
  #addControl(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.add-form, .add-button');
  }

  /**
   * Fetches the forms' code the first time they are needed. When the fetch
   * fails the loader has told the person and sent `innovasjon-error`; nothing
   * opens and the button can be pressed again.
   */
  async #formsLoaded(): Promise<boolean> {
    try {
      await loadFeature(this, 'actionForms');
      return true;
    } catch {
      return false;
    }
  }

  // The forms focus their first field when they first render.
  #openAdd = async (): Promise<void> => {
    if (await this.#formsLoaded()) this.adding = true;
  };

  async #openEdit(id: string): Promise<void> {
    if (await this.#formsLoaded()) this.editingId = id;
  }

  /** Closes the add form; focus goes back to the add button. */
  async #closeAdd(): Promise<void> {
    this.adding = false;
    await this.updateComplete;
    this.#addControl()?.focus();
  }

  /** Closes the edit form; focus goes back to the row's Edit button. */
  async #closeEdit(): Promise<void> {
    const id = this.editingId;
    this.editingId = undefined;
    await this.updateComplete;
    if (id) this.#row(id)?.querySelector<HTMLButtonElement>('button.edit')?.focus();
  }

  async #onAddSubmit(fields: ActionFields): Promise<void> {
    if (!this.#store) return;
    try {
      this.#store.addAction({ step: Number(this.step), ...fields }, { source: this });
    } catch {
      // The document is full or the step is not 1 to 4: nothing changed, the form stays, the person is told.
      this.#announce('failed');
      return;
    }
    await this.#closeAdd();
    this.#announce('added');
  }

  async #onEditSubmit(fields: ActionFields): Promise<void> {
    const id = this.editingId;
    if (!id || !this.#store) return;
    try {
      this.#store.updateAction(id, fields, { source: this });
    } catch {
      this.#announce('failed');
      return;
    }
    await this.#closeEdit();
    this.#announce('saved');
  }

  #onDoneChange(id: string, event: Event): void {
    const checkbox = event.target as HTMLInputElement;
    if (!this.#store) return;
    this.#store.updateAction(id, { done: checkbox.checked }, { source: this });
  }

  #remove(id: string): void {
    if (!this.#store) return;
    // Focus moves before the row goes, so it never falls to <body>: the next action, else the add button (or form).
    const index = this.actions.findIndex((action) => action.id === id);
    const next = this.actions[index + 1];
    // (A next row being edited has no checkbox; its form's first field takes focus instead.)
    const target = next ? this.#row(next.id)?.querySelector<HTMLElement>('input, innovasjon-action-form') : this.#addControl();
    target?.focus();
    try {
      this.#store.removeAction(id, { source: this });
    } catch {
      return; // Already deleted elsewhere: the row is gone with the next update.
    }
    this.#announce('removed');
  }
}
