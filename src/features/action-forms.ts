// The forms that add and edit a follow-up action: their fields, checks and
// error messages. Fetched the first time a person presses «Legg til
// oppfølging» or «Rediger»; importing it registers <innovasjon-action-form>,
// which <innovasjon-oppfolging> then renders in place of the button.
import { localized, msg } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { emit } from '../events.js';
import { announce } from '../internal/announcer.js';
import { define } from '../internal/define.js';
import { LIMITS } from '../store/types.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { actionFormStyles } from './action-forms.styles.js';

/** What a person wrote in the form, trimmed and checked. */
export interface ActionFields {
  what: string;
  who: string;
  /** `YYYY-MM-DD`, or empty. */
  due: string;
}

export type ActionFormKind = 'add' | 'edit';

declare module '../events.js' {
  interface InnovasjonElementEventMap {
    /** The form was sent with valid fields; the element around it saves them and closes the form. */
    'innovasjon-action-form-submit': CustomEvent<ActionFields>;
    /** The person cancelled (the Cancel button or Escape). */
    'innovasjon-action-form-cancel': CustomEvent<{ kind: ActionFormKind }>;
  }
}

/** Which fields failed their check. */
interface FieldErrors {
  what?: boolean;
  due?: boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMPTY: ActionFields = { what: '', who: '', due: '' };
/** Only to the element around the form, which listens on it. */
const TO_HOST = { bubbles: false, composed: false };

/**
 * The what, who and when of one follow-up action, to add a new one or edit
 * one. It takes focus when it first appears (a person just asked for it),
 * checks the fields on submit, and tells the element around it through
 * `innovasjon-action-form-submit` and `innovasjon-action-form-cancel`;
 * it changes no store itself.
 *
 * @summary The add or edit form of `<innovasjon-oppfolging>` (fetched on first use).
 *
 * @event innovasjon-action-form-submit - Sent with valid fields. Detail: `ActionFields`. Does not bubble.
 * @event innovasjon-action-form-cancel - The person cancelled. Does not bubble.
 */
@localized()
export class InnovasjonActionForm extends LitElement {
  static override styles = [sharedStyles, actionFormStyles];

  /** Adding a new action or editing one: decides the submit button's words. */
  @property() kind: ActionFormKind = 'add';

  /** The values the fields start with (an action being edited). */
  @property({ attribute: false }) values: ActionFields = EMPTY;

  @state() private errors: FieldErrors = {};

  /** Focuses the first field, with the caret after its text. */
  override focus(options?: FocusOptions): void {
    const field = this.#field('what');
    field?.focus(options);
    field?.setSelectionRange(field.value.length, field.value.length);
  }

  protected override firstUpdated(): void {
    this.focus();
  }

  override render() {
    const { values, errors } = this;
    return html`<form class="form" novalidate @submit=${this.#onSubmit} @keydown=${this.#onKeydown}>
      <div class="field what-field">
        <label for="what">${msg('Hva skal gjøres?')}</label>
        <input
          id="what"
          name="what"
          type="text"
          required
          autocomplete="off"
          maxlength=${LIMITS.actionText}
          value=${values.what}
          aria-invalid=${errors.what ? 'true' : nothing}
          aria-describedby=${errors.what ? 'what-error' : nothing}
          @input=${() => this.#clearError('what')}
        />
        ${errors.what ? html`<p id="what-error" class="error">${msg('Skriv hva som skal gjøres.')}</p>` : nothing}
      </div>
      <div class="field">
        <label for="who">${msg('Hvem?')}</label>
        <input id="who" name="who" type="text" autocomplete="off" maxlength=${LIMITS.name} value=${values.who} />
      </div>
      <div class="field">
        <label for="due">${msg('Når?')}</label>
        <input
          id="due"
          name="due"
          type="date"
          min="1000-01-01"
          max="9999-12-31"
          value=${values.due}
          aria-invalid=${errors.due ? 'true' : nothing}
          aria-describedby=${errors.due ? 'due-error' : nothing}
          @input=${() => this.#clearError('due')}
        />
        ${errors.due ? html`<p id="due-error" class="error">${msg('Skriv en gyldig dato, eller la feltet stå tomt.')}</p>` : nothing}
      </div>
      <div class="buttons">
        <button type="submit" class="primary submit">${this.kind === 'add' ? msg('Legg til oppfølging') : msg('Lagre')}</button>
        <button type="button" class="cancel" @click=${this.#cancel}>${msg('Avbryt')}</button>
      </div>
    </form>`;
  }

  #field(name: keyof ActionFields): HTMLInputElement | null {
    return this.renderRoot?.querySelector<HTMLInputElement>(`#${name}`) ?? null;
  }

  #clearError(field: keyof FieldErrors): void {
    if (this.errors[field]) this.errors = { ...this.errors, [field]: false };
  }

  /**
   * Reads and checks the fields. On a problem it shows the message by the
   * field, moves focus to the first field at fault and says the message too
   * (focus may already be in that field, where a new description is not read
   * out); otherwise it sends the fields.
   */
  #onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = (name: keyof ActionFields) => form.elements.namedItem(name) as HTMLInputElement;
    const what = input('what').value.trim();
    const who = input('who').value.trim();
    const dueField = input('due');
    const due = dueField.value;
    this.errors = {
      what: !what,
      due: dueField.validity.badInput || (due !== '' && (!ISO_DATE.test(due) || Number.isNaN(Date.parse(due)))),
    };
    if (!this.errors.what && !this.errors.due) {
      emit(this, 'innovasjon-action-form-submit', { what, who, due }, TO_HOST);
      return;
    }
    const first = this.errors.what ? 'what' : 'due';
    await this.updateComplete;
    this.#field(first)?.focus();
    announce(first === 'what' ? msg('Skriv hva som skal gjøres.') : msg('Skriv en gyldig dato, eller la feltet stå tomt.'));
  };

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.isComposing) return;
    // Escape belongs to this form: nothing around it (a dialog, the guide) should act on it too.
    event.preventDefault();
    event.stopPropagation();
    this.#cancel();
  };

  #cancel = (): void => {
    emit(this, 'innovasjon-action-form-cancel', { kind: this.kind }, TO_HOST);
  };
}

define('innovasjon-action-form', InnovasjonActionForm);

declare global {
  interface HTMLElementTagNameMap {
    'innovasjon-action-form': InnovasjonActionForm;
  }
}
