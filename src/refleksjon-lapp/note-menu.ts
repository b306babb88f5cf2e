import { ContextProvider, createContext } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { query, state } from 'lit/decorators.js';
import { colorName } from '../internal/color-names.js';
import { excerpt } from '../internal/excerpt.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { NOTE_COLORS, type NoteColor } from '../store/types.js';
import { noteMenuStyles } from './note-menu.styles.js';

/** What a person picked in a note's menu. */
export type NoteMenuAction = { kind: 'edit' | 'move' | 'delete' | 'vote' } | { kind: 'color'; color: NoteColor };

/** What the menu reads from the note it acts on, and how it tells the note. */
export interface NoteMenuTarget extends HTMLElement {
  readonly text: string;
  readonly color: NoteColor;
  /** The note shows its own vote button, so the menu leaves voting out. */
  readonly voting: boolean;
  /** Voting is closed: the menu leaves it out too. */
  readonly noVotes: boolean;
  /** Written hidden: it stays on its card until the reveal (no Flytt, no Stem). */
  readonly hiddenNote: boolean;
  /** Someone else's, in a room the facilitator leads: no Slett. */
  readonly noDelete: boolean;
  readonly voted: boolean;
  readonly votesUsedUp: boolean;
  /** The menu opened or closed for this note (for the button's `aria-expanded`). */
  menuChanged(open: boolean): void;
  /** The person picked an item; focus is already where the action wants it. */
  menuAction(action: NoteMenuAction): void;
}

/** One actions menu, shared by every note on a board. */
export interface NoteMenu {
  /** The note whose menu is open, if any. */
  readonly target: NoteMenuTarget | undefined;
  /** Opens the menu for `target` beside `anchor`, its button, with focus on the first or last item. */
  open(target: NoteMenuTarget, anchor: HTMLElement, focus?: 'first' | 'last'): Promise<void>;
  /** Closes the menu; `returnFocus` puts focus back on the button that opened it. */
  close(returnFocus?: boolean): void;
  /** Renders the open menu again after its note changed. */
  refresh(): void;
}

/** A board (`<innovasjon-trinn>`, `<innovasjon-guide>`) provides one menu for all its notes. */
export const noteMenuContext = createContext<NoteMenu>(Symbol('refleksjon-lapp-menu'));

/**
 * Provides one shared note menu to every note inside `host`. The menu element
 * is created the first time a note asks for it, at the start of the host's
 * shadow root (before Lit's own content, which a re-render never clears).
 */
export class NoteMenuController implements NoteMenu, ReactiveController {
  #menu?: RefleksjonLappMenu;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
    new ContextProvider(host, { context: noteMenuContext, initialValue: this });
  }

  get target(): NoteMenuTarget | undefined {
    return this.#menu?.target;
  }

  open(target: NoteMenuTarget, anchor: HTMLElement, focus: 'first' | 'last' = 'first'): Promise<void> {
    const menu = (this.#menu ??= document.createElement('refleksjon-lapp-menu'));
    if (!menu.isConnected) (this.host.shadowRoot ?? this.host).prepend(menu);
    return menu.open(target, anchor, focus);
  }

  close(returnFocus = false): void {
    this.#menu?.close(returnFocus);
  }

  refresh(): void {
    this.#menu?.refresh();
  }

  hostDisconnected(): void {
    this.close();
  }
}

/**
 * The actions menu of a note (WAI-ARIA menu button pattern): Rediger, the five
 * colours, Flytt, Stem (when the note shows no vote button) and Slett. A board
 * renders one for all its notes; a note on its own renders its own.
 *
 * @summary The shared actions menu of the sticky notes.
 * @csspart menu - The popup.
 */
@localized()
export class RefleksjonLappMenu extends LitElement implements NoteMenu {
  static override styles = [sharedStyles, noteMenuStyles];

  /** The note whose menu is open. */
  @state() target: NoteMenuTarget | undefined = undefined;

  @query('[role=menu]') private popup?: HTMLElement;
  #anchor?: HTMLElement;

  async open(target: NoteMenuTarget, anchor: HTMLElement, focus: 'first' | 'last' = 'first'): Promise<void> {
    if (this.target && this.target !== target) this.close();
    this.target = target;
    this.#anchor = anchor;
    target.menuChanged(true);
    await this.updateComplete;
    const popup = this.popup;
    if (!popup || this.target !== target) return;
    if (!popup.matches(':popover-open')) popup.showPopover();
    this.#place();
    document.addEventListener('pointerdown', this.#onOutside, true);
    document.addEventListener('focusin', this.#onOutside, true);
    window.addEventListener('scroll', this.#place, true);
    window.addEventListener('resize', this.#place);
    const items = this.#items();
    (focus === 'last' ? items[items.length - 1] : items[0])?.focus();
  }

  close(returnFocus = false): void {
    const target = this.target;
    if (!target) return;
    const anchor = this.#anchor;
    this.target = undefined;
    this.#anchor = undefined;
    document.removeEventListener('pointerdown', this.#onOutside, true);
    document.removeEventListener('focusin', this.#onOutside, true);
    window.removeEventListener('scroll', this.#place, true);
    window.removeEventListener('resize', this.#place);
    if (this.popup?.matches(':popover-open')) this.popup.hidePopover();
    target.menuChanged(false);
    if (returnFocus) anchor?.focus();
  }

  refresh(): void {
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.close();
  }

  override render() {
    const target = this.target;
    return html`<div
      part="menu"
      class="menu"
      role="menu"
      popover="manual"
      aria-label=${target ? msg(str`Handlinger for lappen «${excerpt(target.text)}»`) : nothing}
      @keydown=${this.#onKeydown}
    >${target ? this.#renderItems(target) : nothing}</div>`;
  }

  #renderItems(target: NoteMenuTarget) {
    const voteBlocked = target.votesUsedUp && !target.voted;
    return html`<button type="button" role="menuitem" tabindex="-1" @click=${() => this.#pick({ kind: 'edit' })}>
        ${msg('Rediger')}
      </button>
      <div class="colors" role="group" aria-label=${msg('Farge')}>
        <div class="group-label" aria-hidden="true">${msg('Farge')}</div>
        ${NOTE_COLORS.map(
          (color) => html`<button
            type="button"
            role="menuitemradio"
            tabindex="-1"
            class="color"
            data-color=${color}
            aria-checked=${target.color === color ? 'true' : 'false'}
            @click=${() => this.#pick({ kind: 'color', color })}
          >
            <span class="swatch" aria-hidden="true"></span>${colorName(color)}<span class="check" aria-hidden="true">✓</span>
          </button>`,
        )}
      </div>
      ${target.hiddenNote
        ? nothing
        : html`<button
            type="button"
            role="menuitem"
            tabindex="-1"
            class="separated"
            aria-haspopup="dialog"
            @click=${() => this.#pick({ kind: 'move' })}
          >
            ${msg('Flytt')}
          </button>`}
      ${target.voting || target.noVotes || target.hiddenNote
        ? nothing
        : html`<button
            type="button"
            role="menuitemcheckbox"
            tabindex="-1"
            aria-checked=${target.voted ? 'true' : 'false'}
            aria-disabled=${voteBlocked ? 'true' : nothing}
            @click=${() => !voteBlocked && this.#pick({ kind: 'vote' })}
          >
            ${msg('Stem')}<span class="check" aria-hidden="true">✓</span>
          </button>`}
      ${target.noDelete
        ? nothing
        : html`<button type="button" role="menuitem" tabindex="-1" class="danger" @click=${() => this.#pick({ kind: 'delete' })}>
            ${msg('Slett')}
          </button>`}`;
  }

  #items(): HTMLElement[] {
    return [...(this.popup?.querySelectorAll<HTMLElement>('[role^=menuitem]') ?? [])];
  }

  #pick(action: NoteMenuAction): void {
    const target = this.target;
    if (!target) return;
    // Editing takes focus into the text field; every other action starts from the note's button.
    this.close(action.kind !== 'edit');
    if (target.isConnected) target.menuAction(action);
  }

  #onKeydown(event: KeyboardEvent): void {
    const items = this.#items();
    const current = items.indexOf(this.shadowRoot!.activeElement as HTMLElement);
    let next = -1;
    switch (event.key) {
      case 'ArrowDown':
        next = (current + 1) % items.length;
        break;
      case 'ArrowUp':
        next = (current - 1 + items.length) % items.length;
        break;
      case 'Home':
      case 'PageUp':
        next = 0;
        break;
      case 'End':
      case 'PageDown':
        next = items.length - 1;
        break;
      case 'Escape':
      case 'Tab':
        event.preventDefault();
        event.stopPropagation();
        this.close(true);
        return;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
    items[next]?.focus();
  }

  /** A press or focus anywhere but the menu and its button closes the menu, leaving focus where it went. */
  #onOutside = (event: Event): void => {
    const path = event.composedPath();
    if ((this.popup && path.includes(this.popup)) || (this.#anchor && path.includes(this.#anchor))) return;
    this.close();
  };

  /** Beside the button, its end edge on the button's end edge: below it, above when only that fits, else as low as fits. */
  #place = (): void => {
    const popup = this.popup;
    const anchor = this.#anchor;
    if (!popup || !anchor) return;
    const button = anchor.getBoundingClientRect();
    const { width, height } = popup.getBoundingClientRect();
    const viewportWidth = document.documentElement.clientWidth;
    const rtl = getComputedStyle(anchor).direction === 'rtl';
    const left = Math.max(8, Math.min(rtl ? button.left : button.right - width, viewportWidth - width - 8));
    const below = button.bottom + 4;
    const above = button.top - height - 4;
    const lowest = window.innerHeight - height - 8;
    const top = below <= lowest ? below : above >= 8 ? above : Math.max(8, lowest);
    // Through CSSOM, which a strict CSP allows (a style attribute it would refuse).
    popup.style.setProperty('left', `${Math.round(left)}px`);
    popup.style.setProperty('top', `${Math.round(top)}px`);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'refleksjon-lapp-menu': RefleksjonLappMenu;
  }
}
