import { numberFormat } from '../internal/number-format.js';
import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { colorName } from '../internal/color-names.js';
import { excerpt as shorten } from '../internal/excerpt.js';
import { getLocale, PageLocaleController } from '../localization.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { LIMITS, type NoteColor } from '../store/types.js';
import { isNoteColor } from '../store/validate.js';
import { lappStyles } from './refleksjon-lapp.styles.js';

declare global {
  interface HTMLElementEventMap {
    'refleksjon-lapp-delete': Event;
    'refleksjon-lapp-vote': Event;
    'refleksjon-lapp-move': Event;
  }
}

/**
 * One sticky note. A person edits its text (Enter saves, Shift+Enter is a new
 * line, Escape cancels), changes its colour and asks to delete it. The note
 * only asks; the card around it changes the document.
 *
 * @summary A sticky note with text, colour and author.
 *
 * @event change - The person saved new text or picked a colour; read `text` and `color`.
 * @event cancel - The person left editing without saving.
 * @event refleksjon-lapp-delete - The person asked to delete the note. Cancelable.
 * @event refleksjon-lapp-vote - The person pressed the vote button (to vote, or take the vote back).
 * @event refleksjon-lapp-move - The person asked to move the note (the card opens its move dialog).
 *
 * @csspart note - The coloured paper.
 * @csspart text - The note's text.
 * @csspart actions - The row of buttons under the text.
 * @csspart vote - The vote button and count.
 * @csspart handle - The grip a pointer drags the note by.
 *
 * @cssproperty --innovasjon-note-yellow - Paper colour of yellow notes.
 * @cssproperty --innovasjon-note-pink - Paper colour of pink notes.
 * @cssproperty --innovasjon-note-blue - Paper colour of blue notes.
 * @cssproperty --innovasjon-note-green - Paper colour of green notes.
 * @cssproperty --innovasjon-note-orange - Paper colour of orange notes.
 * @cssproperty --innovasjon-note-text - Text colour on notes.
 * @cssproperty --innovasjon-note-shadow - Shadow under a note.
 */
@localized()
export class RefleksjonLapp extends LitElement {
  static override styles = [sharedStyles, lappStyles];
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The note's text, shown as plain text. */
  @property() text = '';

  /** Paper colour: `yellow`, `pink`, `blue`, `green` or `orange`. */
  @property({ reflect: true }) color: NoteColor = 'yellow';

  /** Who wrote the note; empty for an anonymous note. */
  @property() author = '';

  /** Show the note without edit, colour or delete controls. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** Whether the text field is open. */
  @property({ type: Boolean, reflect: true }) editing = false;

  /** What the note answers (the card's question), read out with the note. */
  @property() context = '';

  /** How many dot votes the note has. */
  @property({ type: Number }) votes = 0;

  /** Whether the person at this screen has voted for the note. */
  @property({ type: Boolean }) voted = false;

  /** The person has no votes left on this step: the vote button explains instead of voting. */
  @property({ type: Boolean, attribute: 'votes-used-up' }) votesUsedUp = false;

  /** Show the grip that lets a pointer drag the note to another place. */
  @property({ type: Boolean }) movable = false;

  @state() private draft = '';
  @query('textarea') private textField?: HTMLTextAreaElement;
  @query('.edit') private editButton?: HTMLButtonElement;
  #returnFocus = false;
  protected readonly pageLocale = new PageLocaleController(this);

  /** Opens the text field and puts the cursor at its end. */
  async edit(): Promise<void> {
    if (this.readonly) return;
    this.editing = true;
    await this.updateComplete;
    const field = this.textField;
    field?.focus();
    field?.setSelectionRange(field.value.length, field.value.length);
  }

  /** Focuses one of the note's buttons (the text field while editing). */
  async focusControl(control: 'edit' | 'move' | 'vote' | 'delete' = 'edit'): Promise<void> {
    await this.updateComplete;
    const target = this.editing ? this.textField : this.renderRoot.querySelector<HTMLElement>(`button.${control}`);
    (target ?? this).focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('editing') && this.editing) this.draft = this.text;
    if (changed.has('color') && !isNoteColor(this.color)) this.color = 'yellow';
  }

  protected override updated(): void {
    if (this.#returnFocus && !this.editing) {
      this.#returnFocus = false;
      this.editButton?.focus();
    }
  }

  override render() {
    const color = colorName(this.color);
    const label = this.author
      ? msg(str`Lapp, ${color}, skrevet av ${this.author}`)
      : msg(str`Lapp, ${color}`);
    // Written without whitespace between tags: a wall of notes clones this a thousand times,
    // and every indentation is a text node to create and lay out.
    const handle =
      this.movable && !this.readonly && !this.editing
        ? html`<span part="handle" class="handle" data-drag-handle aria-hidden="true" title=${msg('Dra for å flytte')}>⠿</span>`
        : nothing;
    return html`<div part="note" class="note" role="group" aria-label=${this.context ? `${label}: ${this.context}` : label}>${
      this.editing ? this.#renderEditor() : html`<p part="text" class="text">${this.text}</p>`
    }<p class=${this.author || this.readonly ? 'meta' : 'meta print-only'}>${
      this.author ? html`<span class="author">${this.author}</span>` : nothing
    }<span class="color-name">${color}</span></p>${this.editing ? nothing : this.#renderVotes()}${
      this.readonly || this.editing ? nothing : this.#renderActions()
    }${handle}</div>`;
  }

  #renderEditor() {
    const length = this.draft.length;
    const tooLong = length > LIMITS.noteText;
    const format = numberFormat(getLocale());
    const max = format.format(LIMITS.noteText);
    return html`
      <label class="visually-hidden" for="text">${msg('Tekst på lappen')}</label>
      <textarea
        id="text"
        aria-describedby=${tooLong ? 'too-long hint' : 'hint'}
        aria-invalid=${tooLong ? 'true' : 'false'}
        .value=${this.draft}
        @input=${(event: Event) => (this.draft = (event.target as HTMLTextAreaElement).value)}
        @keydown=${this.#onKeydown}
        @blur=${this.#onBlur}
      ></textarea>
      ${tooLong
        ? html`<p id="too-long" class="error">
            ${msg(str`Lappen kan ha høyst ${max} tegn, og har ${format.format(length)}. Gjør teksten kortere for å lagre den.`)}
          </p>`
        : length > LIMITS.noteText * 0.9
          ? html`<p class="hint counter">${msg(str`${format.format(length)} av ${max} tegn`)}</p>`
          : nothing}
      <p id="hint" class="hint">${msg('Enter lagrer, Shift+Enter gir ny linje, Escape avbryter.')}</p>
      <div class="actions">
        <button type="button" class="save" @click=${() => this.#commit(true)}>${msg('Lagre')}</button>
        <button type="button" class="cancel" @click=${() => this.#cancel(true)}>${msg('Avbryt')}</button>
      </div>
    `;
  }

  #renderVotes() {
    const count = numberFormat(getLocale()).format(this.votes);
    const label = this.votes === 1 ? msg(str`${count} stemme`) : msg(str`${count} stemmer`);
    if (this.readonly) {
      return this.votes ? html`<p part="vote" class="votes"><span class="dot" aria-hidden="true">●</span> ${label}</p>` : nothing;
    }
    const blocked = this.votesUsedUp && !this.voted;
    return html`<p part="vote" class="votes"><button
        type="button"
        class="vote"
        aria-pressed=${this.voted ? 'true' : 'false'}
        aria-disabled=${blocked ? 'true' : nothing}
        aria-describedby=${blocked ? 'votes-used-up' : nothing}
        @click=${this.#onVote}
      ><span class="dot" aria-hidden="true">●</span> ${msg('Stem')}<span class="visually-hidden">,</span> <span class="count">${label}</span></button>${
      this.votes ? html`<span class="print-count" aria-hidden="true">● ${label}</span>` : nothing
    }${blocked ? html`<span id="votes-used-up" class="hint">${msg('Du har brukt alle stemmene dine på dette trinnet.')}</span>` : nothing}</p>`;
  }

  #renderActions() {
    const excerpt = shorten(this.text);
    return html`<div part="actions" class="actions"><button
        type="button"
        class="edit"
        aria-label=${msg(str`Rediger lapp: ${excerpt}`)}
        @click=${() => this.edit()}
      >${msg('Rediger')}</button><label class="visually-hidden" for="color">${msg('Farge')}</label><select
        id="color"
        class="color"
        title=${msg('Farge')}
        @change=${this.#onColorChange}
      ><option value="yellow" ?selected=${this.color === 'yellow'}>${colorName('yellow')}</option><option
          value="pink"
          ?selected=${this.color === 'pink'}
        >${colorName('pink')}</option><option value="blue" ?selected=${this.color === 'blue'}>${colorName('blue')}</option><option
          value="green"
          ?selected=${this.color === 'green'}
        >${colorName('green')}</option><option value="orange" ?selected=${this.color === 'orange'}>${colorName('orange')}</option></select><button
        type="button"
        class="move"
        aria-label=${msg(str`Flytt lapp: ${excerpt}`)}
        aria-haspopup="dialog"
        @click=${() => this.dispatchEvent(new Event('refleksjon-lapp-move', { bubbles: true }))}
      >${msg('Flytt')}</button><button
        type="button"
        class="delete"
        aria-label=${msg(str`Slett lapp: ${excerpt}`)}
        @click=${this.#onDelete}
      >${msg('Slett')}</button></div>`;
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.isComposing) return;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      this.#commit(true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.#cancel(true);
    }
  }

  #onBlur(event: FocusEvent): void {
    // Leaving the note saves what was typed; moving to its own buttons does not.
    const next = event.relatedTarget as Node | null;
    if (next && this.renderRoot.contains(next)) return;
    if (this.editing) this.#commit(false);
  }

  #commit(keepFocus: boolean): void {
    const value = this.draft.replace(/\s+$/, '');
    // Too long to save: the text stays in the field with the message, nothing is lost.
    if (value.length > LIMITS.noteText) {
      if (keepFocus) this.textField?.focus();
      return;
    }
    if (!value.trim()) return this.#cancel(keepFocus);
    const changed = value !== this.text;
    this.text = value;
    this.#close(keepFocus);
    if (changed) this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  #cancel(keepFocus: boolean): void {
    this.#close(keepFocus);
    this.dispatchEvent(new Event('cancel'));
  }

  #close(keepFocus: boolean): void {
    this.#returnFocus = keepFocus;
    this.editing = false;
  }

  #onColorChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (!isNoteColor(value) || value === this.color) return;
    this.color = value;
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  #onVote(): void {
    if (this.votesUsedUp && !this.voted) return;
    this.dispatchEvent(new Event('refleksjon-lapp-vote', { bubbles: true }));
  }

  #onDelete(): void {
    this.dispatchEvent(new Event('refleksjon-lapp-delete', { bubbles: true, cancelable: true }));
  }
}
