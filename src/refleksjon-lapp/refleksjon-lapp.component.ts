import { ContextEvent } from '@lit/context';
import { msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { emit } from '../events.js';
import { colorName } from '../internal/color-names.js';
import { excerpt as shorten } from '../internal/excerpt.js';
import { numberFormat } from '../internal/intl.js';
import { voteCount } from '../internal/note-count.js';
import { PageLocaleController } from '../localization.js';
import { LocaleUpdates } from '../internal/locale-updates.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { LIMITS, type NoteColor } from '../store/types.js';
import { isNoteColor } from '../store/validate.js';
import { noteMenuContext, type NoteMenu, type NoteMenuAction, type NoteMenuTarget } from './note-menu.js';
import { lappStyles } from './refleksjon-lapp.styles.js';

/**
 * One sticky note: its text, author, colour and votes, and one button that
 * opens its actions (Rediger, Farge, Flytt, Stem, Slett). A click on the text,
 * or Enter on it, opens editing (Enter saves, Shift+Enter is a new line, Escape
 * cancels). The note only asks; the card around it changes the document.
 *
 * The actions menu is one shared popup per board: a note inside
 * `<innovasjon-trinn>` or `<innovasjon-guide>` borrows theirs through context;
 * a note on its own renders the same menu itself when first opened.
 *
 * @summary A sticky note with text, colour and author.
 *
 * @event refleksjon-lapp-change - The person saved new text or picked a colour. Detail: `{text, color}`.
 * @event refleksjon-lapp-cancel - The person left editing without saving. Detail: `{text, color}`.
 * @event {CustomEvent<NoteEditDetail>} change - Deprecated since 0.2.0, goes in 0.3.0: the old name of `refleksjon-lapp-change`, sent right after it.
 * @event {CustomEvent<NoteEditDetail>} cancel - Deprecated since 0.2.0, goes in 0.3.0: the old name of `refleksjon-lapp-cancel`, sent right after it (it does not bubble).
 * @event refleksjon-lapp-delete - The person asked to delete the note. Cancelable.
 * @event refleksjon-lapp-vote - The person asked to vote for the note, or take the vote back.
 * @event refleksjon-lapp-move - The person asked to move the note (the card opens its move dialog).
 *
 * @csspart note - The coloured paper.
 * @csspart text - The note's text.
 * @csspart meta - The line with the author, the votes and the buttons.
 * @csspart menu-button - The button that opens the note's actions.
 * @csspart vote - The vote button, shown while the team votes.
 * @csspart votes - The vote count, shown when the note has votes.
 * @csspart actions - Lagre and Avbryt while editing.
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
export class RefleksjonLapp extends LitElement implements NoteMenuTarget {
  static override styles = [sharedStyles, lappStyles];
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The note's text, shown as plain text. */
  @property() text = '';

  /** Paper colour: `yellow`, `pink`, `blue`, `green` or `orange`. */
  @property({ reflect: true }) color: NoteColor = 'yellow';

  /** Who wrote the note; empty for an anonymous note. */
  @property() author = '';

  /** Show the note without any control to change it. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** Whether the text field is open. */
  @property({ type: Boolean, reflect: true }) editing = false;

  /** What the note answers (the card's question), read out with the note. */
  @property() context = '';

  /** How many dot votes the note has. */
  @property({ type: Number }) votes = 0;

  /** Whether the person at this screen has voted for the note. */
  @property({ type: Boolean }) voted = false;

  /** The team is voting: the note shows a one-click vote button instead of voting in its menu. */
  @property({ type: Boolean }) voting = false;

  /** Written hidden, still on this device only: marked so, and it cannot be moved or voted on yet. */
  @property({ type: Boolean, reflect: true, attribute: 'hidden-note' }) hiddenNote = false;

  /** Someone else's note in a room the facilitator leads: no Slett here. */
  @property({ type: Boolean, attribute: 'no-delete' }) noDelete = false;

  /** Voting is closed (a phase other than *Stem*): no vote button, and no Stem in the menu. */
  @property({ type: Boolean, attribute: 'no-votes' }) noVotes = false;

  /** The person has no votes left on this step: the vote button explains instead of voting. */
  @property({ type: Boolean, attribute: 'votes-used-up' }) votesUsedUp = false;

  /** Show the grip that lets a pointer drag the note to another place. */
  @property({ type: Boolean }) movable = false;

  @state() private draft = '';
  @state() private menuOpen = false;
  /** Alone, without a board's menu: this note renders its own, once it is first opened. */
  @state() private ownMenu = false;
  @query('textarea') private textField?: HTMLTextAreaElement;
  /** Where focus goes when editing ends: the text, or the menu button when editing began in the menu. */
  #returnFocus?: 'text' | 'menu';
  #editFrom: 'text' | 'menu' = 'text';
  #menu?: NoteMenu;
  protected readonly pageLocale = new PageLocaleController(this);
  protected readonly localeUpdates = new LocaleUpdates(this);

  /** Opens the text field and puts the cursor at its end. */
  async edit(): Promise<void> {
    if (this.readonly) return;
    this.editing = true;
    await this.updateComplete;
    const field = this.textField;
    field?.focus();
    field?.setSelectionRange(field.value.length, field.value.length);
  }

  /** Focuses the note's text, its menu button or its vote button (the text field while editing). */
  async focusControl(control: 'text' | 'menu' | 'vote' = 'text'): Promise<void> {
    await this.updateComplete;
    const target = this.editing ? this.textField : this.renderRoot.querySelector<HTMLElement>(`.${control === 'text' ? 'edit-text' : `${control}-button`}`);
    (target ?? this).focus();
  }

  /** @internal The shared menu opened or closed for this note. */
  menuChanged(open: boolean): void {
    this.menuOpen = open;
  }

  /** @internal The person picked an item in the note's menu. */
  menuAction(action: NoteMenuAction): void {
    switch (action.kind) {
      case 'edit':
        this.#editFrom = 'menu';
        void this.edit();
        break;
      case 'color':
        if (action.color === this.color) return;
        this.color = action.color;
        this.#emitChange();
        break;
      case 'move':
        emit(this, 'refleksjon-lapp-move', null, { composed: false });
        break;
      case 'delete':
        emit(this, 'refleksjon-lapp-delete', null, { composed: false, cancelable: true });
        break;
      case 'vote':
        this.#onVote();
        break;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#menu?.target === this) this.#menu.close();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('editing') && this.editing) this.draft = this.text;
    if (changed.has('color') && !isNoteColor(this.color)) this.color = 'yellow';
    if ((changed.has('readonly') || changed.has('editing')) && (this.readonly || this.editing) && this.#menu?.target === this) {
      this.#menu.close();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.#returnFocus && !this.editing) {
      void this.focusControl(this.#returnFocus);
      this.#returnFocus = undefined;
    }
    if (this.#menu?.target === this && (changed.has('text') || changed.has('color') || changed.has('voted'))) this.#menu.refresh();
  }

  override render() {
    const color = colorName(this.color);
    const label = this.author
      ? msg(str`Lapp, ${color}, skrevet av ${this.author}`)
      : msg(str`Lapp, ${color}`);
    const controls = !this.readonly && !this.editing;
    // A wall of notes clones this a thousand times: the closed note is its text, one meta line and one or two buttons.
    return html`<div part="note" class="note" role="group" aria-label=${this.context ? `${label}: ${this.context}` : label}>
        ${this.editing ? this.#renderEditor() : this.#renderText()}
        <div part="meta" class="meta">
          ${this.hiddenNote ? html`<span class="hidden-mark">${msg('Bare du ser denne ennå', { id: 'hidden.mark' })}</span>` : nothing}
          ${this.author ? html`<span class="author">${this.author}</span>` : nothing}
          <span class="color-name">${color}</span>
          ${this.#renderVotes()}
          ${controls ? this.#renderMenuButton() : nothing}
        </div>
        ${this.movable && !this.hiddenNote && controls
          ? html`<span part="handle" class="handle" data-drag-handle aria-hidden="true" title=${msg('Dra for å flytte')}>⠿</span>`
          : nothing}
      </div>
      ${this.ownMenu ? html`<refleksjon-lapp-menu></refleksjon-lapp-menu>` : nothing}`;
  }

  #renderMenuButton() {
    return html`<button
      type="button"
      part="menu-button"
      class="menu-button"
      aria-haspopup="menu"
      aria-expanded=${this.menuOpen ? 'true' : 'false'}
      aria-label=${msg(str`Handlinger for lappen «${shorten(this.text)}»`)}
      @click=${this.#onMenuClick}
      @keydown=${this.#onMenuKeydown}
    >•••</button>`;
  }

  #renderText() {
    if (this.readonly) return html`<p part="text" class="text">${this.text}</p>`;
    // The text is the way in to editing, as on any board: a click, or Enter while it has focus.
    // It stays text (the note's one button is its menu); the hint tells a screen reader how.
    return html`<p
        part="text"
        class="text edit-text"
        tabindex="0"
        aria-describedby="edit-hint"
        @click=${this.#onTextClick}
        @keydown=${this.#onTextKeydown}
      >${this.text}</p
      ><span id="edit-hint" hidden>${msg('Trykk Enter for å redigere.')}</span>`;
  }

  #renderEditor() {
    const length = this.draft.length;
    const tooLong = length > LIMITS.noteText;
    const format = numberFormat();
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
      <div part="actions" class="actions">
        <button type="button" class="save primary" @click=${() => this.#commit(true)}>${msg('Lagre')}</button>
        <button type="button" class="cancel" @click=${() => this.#cancel(true)}>${msg('Avbryt')}</button>
      </div>
    `;
  }

  #renderVotes() {
    const label = voteCount(this.votes);
    const button = this.voting && !this.noVotes && !this.readonly && !this.editing;
    // With a vote button, the button's name carries the count: the visible count is not read twice.
    const counted = this.votes
      ? html`<span part="votes" class="votes" aria-hidden=${button ? 'true' : nothing}><span class="dot" aria-hidden="true">●</span> ${label}</span>`
      : nothing;
    if (!button) return counted;
    const blocked = this.votesUsedUp && !this.voted;
    return html`${counted}<button
        type="button"
        part="vote"
        class="vote-button"
        aria-label=${msg(str`Stem på «${shorten(this.text)}», ${label}`)}
        aria-pressed=${this.voted ? 'true' : 'false'}
        aria-disabled=${blocked ? 'true' : nothing}
        aria-describedby=${blocked ? 'votes-used-up' : nothing}
        @click=${this.#onVote}
      ><span class="dot" aria-hidden="true">●</span> ${msg('Stem')}</button>${
        blocked ? html`<span id="votes-used-up" class="visually-hidden">${msg('Du har brukt alle stemmene dine på dette trinnet.')}</span>` : nothing
      }`;
  }

  #onTextClick(): void {
    this.#editFrom = 'text';
    void this.edit();
  }

  #onTextKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    this.#onTextClick();
  }

  #onMenuClick(event: MouseEvent): void {
    const button = event.currentTarget as HTMLButtonElement;
    if (this.#menu?.target === this) {
      this.#menu.close(true);
      return;
    }
    void this.#openMenu(button, 'first');
  }

  #onMenuKeydown(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    void this.#openMenu(event.currentTarget as HTMLButtonElement, event.key === 'ArrowUp' ? 'last' : 'first');
  }

  async #openMenu(button: HTMLButtonElement, focus: 'first' | 'last'): Promise<void> {
    let menu: NoteMenu | undefined;
    // Asked at the moment it is needed: a thousand closed notes hold no subscription.
    this.dispatchEvent(new ContextEvent(noteMenuContext, this, (value) => (menu = value)));
    if (!menu) {
      this.ownMenu = true;
      await this.updateComplete;
      menu = this.renderRoot.querySelector('refleksjon-lapp-menu') ?? undefined;
    }
    this.#menu = menu;
    await menu?.open(this, button, focus);
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
    if (changed) this.#emitChange();
  }

  #cancel(keepFocus: boolean): void {
    this.#close(keepFocus);
    this.#send('cancel');
  }

  #close(keepFocus: boolean): void {
    this.#returnFocus = keepFocus ? this.#editFrom : undefined;
    this.#editFrom = 'text';
    this.editing = false;
  }

  #emitChange(): void {
    this.#send('change');
  }

  /** `refleksjon-lapp-change` or `-cancel`, then the old name for one more release (0.2.x); the old `cancel` did not bubble. */
  #send(type: 'change' | 'cancel'): void {
    const detail = { text: this.text, color: this.color };
    emit(this, `refleksjon-lapp-${type}`, detail, { composed: false });
    emit(this, type, detail, { bubbles: type === 'change', composed: false });
  }

  #onVote(): void {
    if (this.votesUsedUp && !this.voted) return;
    emit(this, 'refleksjon-lapp-vote', null, { composed: false });
  }
}
