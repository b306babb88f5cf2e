// Screen-reader announcements: any element asks, the top-level guide or step
// speaks it through the one polite live region it renders.

declare global {
  interface HTMLElementEventMap {
    'innovasjon-announce': CustomEvent<{ message: string }>;
  }
}

/** Asks the enclosing guide or step to announce `message` politely. */
export function announce(from: Element, message: string): void {
  from.dispatchEvent(new CustomEvent('innovasjon-announce', { bubbles: true, composed: true, detail: { message } }));
}

export interface UndoOffer {
  message: string;
  undo: () => void;
}

declare global {
  interface HTMLElementEventMap {
    'innovasjon-undoable': CustomEvent<UndoOffer>;
  }
}

/** Asks the enclosing guide or step to offer an Undo for what just happened. */
export function offerUndo(from: Element, offer: UndoOffer): void {
  from.dispatchEvent(new CustomEvent('innovasjon-undoable', { bubbles: true, composed: true, detail: offer }));
}
