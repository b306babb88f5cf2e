import { msg, str } from '@lit/localize';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { emit } from '../events.js';
import { announce } from './announcer.js';

export interface UndoOffer {
  message: string;
  undo: () => void;
}

declare module '../events.js' {
  interface InnovasjonElementEventMap {
    'innovasjon-undoable': CustomEvent<UndoOffer>;
  }
}
declare global {
  interface HTMLElementEventMap {
    'innovasjon-undoable': CustomEvent<UndoOffer>;
  }
}

/** Asks the enclosing guide or step to offer an Undo for what just happened. */
export function offerUndo(from: Element, offer: UndoOffer): void {
  emit(from, 'innovasjon-undoable', offer);
}

interface UndoHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * The Undo offer after a delete: a toast with «Angre», and Ctrl+Z (⌘Z) while
 * it shows. The top-level element (a guide, or a step on its own) holds it.
 */
export class UndoController implements ReactiveController {
  #offer?: UndoOffer;
  #timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: UndoHost,
    /** False for a step inside a guide: the guide offers the Undo. */
    private readonly active: () => boolean,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('innovasjon-undoable', this.#onUndoable);
    this.host.addEventListener('keydown', this.#onKeydown);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('innovasjon-undoable', this.#onUndoable);
    this.host.removeEventListener('keydown', this.#onKeydown);
    this.#dismiss();
  }

  /** Undoes what the offer is for, as the Undo button and Ctrl+Z (⌘Z) do. */
  undo(): boolean {
    const offer = this.#offer;
    if (!offer) return false;
    this.#dismiss();
    offer.undo();
    announce(msg('Angret.'));
    return true;
  }

  render() {
    const offer = this.#offer;
    if (!offer) return nothing;
    return html`<div part="toast" class="toast">
      <p>${offer.message}</p>
      <button type="button" class="undo" @click=${() => this.undo()}>${msg('Angre')}</button>
      <button type="button" class="dismiss" aria-label=${msg('Lukk')} @click=${() => this.#dismiss()}>
        <span aria-hidden="true">×</span>
      </button>
    </div>`;
  }

  #onUndoable = (event: CustomEvent<UndoOffer>): void => {
    if (!this.active()) return;
    event.stopPropagation();
    this.#offer = event.detail;
    announce(msg(str`${event.detail.message} – angre med Ctrl+Z (⌘Z på Mac) eller knappen «Angre».`));
    this.#keep();
    this.host.requestUpdate();
  };

  /** The offer stays while focus or the pointer is on it, and goes 15 seconds after. */
  #keep(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      const toast = this.host.renderRoot.querySelector('.toast');
      if (toast?.matches(':focus-within, :hover')) return this.#keep();
      this.#dismiss();
    }, 15000);
  }

  #dismiss(): void {
    clearTimeout(this.#timer);
    if (!this.#offer) return;
    this.#offer = undefined;
    this.host.requestUpdate();
  }

  #onKeydown = (event: KeyboardEvent): void => {
    if (!this.active() || event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey) return;
    // Text fields keep their own undo.
    const target = event.composedPath()[0] as Element | undefined;
    if (target?.matches?.('input, textarea, select, [contenteditable]')) return;
    if (this.undo()) event.preventDefault();
  };
}
