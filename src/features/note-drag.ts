import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RefleksjonLapp } from '../refleksjon-lapp/refleksjon-lapp.component.js';
import type { GuideStore } from '../store/guide-store.js';
import type { Note } from '../store/types.js';

/**
 * What a drag needs of a card (`<innovasjon-kort>`, which loads this feature): named here, so the
 * feature does not import the element that fetches it.
 */
type InnovasjonKort = HTMLElement & {
  readonly card?: { readonly id: string };
  readonly notes: readonly Note[];
  dropIndex: number;
  focusNote(id: string | undefined, control?: 'text' | 'menu'): Promise<void>;
};

const THRESHOLD = 5;

interface Drag {
  pointerId: number;
  lapp: RefleksjonLapp;
  from: InnovasjonKort;
  noteId: string;
  startX: number;
  startY: number;
  started: boolean;
  target?: InnovasjonKort;
  index: number;
}

/**
 * Drags notes between the cards of one sheet with any pointer (mouse, touch,
 * pen). The keyboard and single-pointer way is each note's "Flytt" dialog.
 * Fetched on the first press on a grip (see `LazyNoteDrag`).
 */
export class NoteDragController implements ReactiveController {
  #drag?: Drag;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly store: () => GuideStore | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('pointerdown', this.start);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('pointerdown', this.start);
    this.#end(false);
  }

  /** Starts a drag from a pointerdown on a note's grip (the first one is handed over by the lazy loader). */
  start = (event: PointerEvent, path: EventTarget[] = event.composedPath()): void => {
    if (event.button !== 0 || this.#drag) return;
    const handle = path.find((node) => node instanceof HTMLElement && node.dataset.dragHandle !== undefined);
    const lapp = path.find((node): node is RefleksjonLapp => (node as Element).localName === 'refleksjon-lapp');
    const from = path.find((node): node is InnovasjonKort => (node as Element).localName === 'innovasjon-kort');
    if (!handle || !lapp || !from || !lapp.dataset.id || lapp.dataset.id === 'draft') return;
    event.preventDefault();
    try {
      (handle as HTMLElement).setPointerCapture(event.pointerId);
    } catch {
      // A press replayed after the pointer was already released: the window listeners below still see its events.
    }
    this.#drag = {
      pointerId: event.pointerId,
      lapp,
      from,
      noteId: lapp.dataset.id,
      startX: event.clientX,
      startY: event.clientY,
      started: false,
      index: -1,
    };
    window.addEventListener('pointermove', this.#onMove);
    window.addEventListener('pointerup', this.#onUp);
    window.addEventListener('pointercancel', this.#onCancel);
    window.addEventListener('keydown', this.#onKey, true);
  };

  #onMove = (event: PointerEvent): void => {
    const drag = this.#drag;
    if (!drag || event.pointerId !== drag.pointerId) return;
    const dx = event.clientX - drag.startX;
    const dy = event.clientY - drag.startY;
    if (!drag.started && Math.hypot(dx, dy) < THRESHOLD) return;
    drag.started = true;
    drag.lapp.toggleAttribute('dragging', true);
    // CSSOM, not a style attribute: allowed under a strict Content-Security-Policy.
    drag.lapp.style.transform = `translate(${dx}px, ${dy}px)`;
    drag.lapp.style.zIndex = '10';
    drag.lapp.style.position = 'relative';
    drag.lapp.style.pointerEvents = 'none';
    this.#aim(event.clientX, event.clientY);
  };

  #onUp = (event: PointerEvent): void => {
    if (event.pointerId === this.#drag?.pointerId) this.#end(true);
  };

  #onCancel = (): void => this.#end(false);

  #onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.#drag) {
      event.stopPropagation();
      this.#end(false);
    }
  };

  /** Finds the card under the pointer and where among its notes the note would land. */
  #aim(x: number, y: number): void {
    const drag = this.#drag!;
    const root = this.host.shadowRoot;
    const card = root
      ?.elementsFromPoint(x, y)
      .find((element): element is InnovasjonKort => element.localName === 'innovasjon-kort');
    let index = -1;
    if (card) {
      const lapps = [...card.shadowRoot!.querySelectorAll<RefleksjonLapp>('refleksjon-lapp[data-id]')].filter(
        (each) => each !== drag.lapp && each.dataset.id !== 'draft',
      );
      index = lapps.findIndex((each) => {
        const box = each.getBoundingClientRect();
        return y < box.top + box.height / 2 || (y < box.bottom && x < box.left + box.width / 2);
      });
      if (index === -1) index = lapps.length;
    }
    if (drag.target && drag.target !== card) {
      drag.target.removeAttribute('drop-target');
      drag.target.dropIndex = -1;
    }
    drag.target = card;
    drag.index = index;
    if (card) {
      card.setAttribute('drop-target', '');
      card.dropIndex = this.#displayIndex(card, drag, index);
    }
  }

  /** The drop marker sits before the note at `index` among the others; in the card's own list that is one later past the dragged note. */
  #displayIndex(card: InnovasjonKort, drag: Drag, index: number): number {
    if (card !== drag.from) return index;
    const own = card.notes.findIndex((note) => note.id === drag.noteId);
    return index >= own ? index + 1 : index;
  }

  #end(drop: boolean): void {
    const drag = this.#drag;
    if (!drag) return;
    this.#drag = undefined;
    window.removeEventListener('pointermove', this.#onMove);
    window.removeEventListener('pointerup', this.#onUp);
    window.removeEventListener('pointercancel', this.#onCancel);
    window.removeEventListener('keydown', this.#onKey, true);
    drag.lapp.removeAttribute('dragging');
    for (const property of ['transform', 'z-index', 'position', 'pointer-events']) drag.lapp.style.removeProperty(property);
    if (drag.target) {
      drag.target.removeAttribute('drop-target');
      drag.target.dropIndex = -1;
    }
    const store = this.store();
    if (!drop || !drag.started || !drag.target?.card || drag.index < 0 || !store) return;
    store.moveNote(drag.noteId, { cardId: drag.target.card.id, index: drag.index }, { source: drag.target });
    void drag.target.focusNote(drag.noteId, 'menu');
  }
}
