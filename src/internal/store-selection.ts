import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { GuideStore } from '../store/guide-store.js';
import type { GuideDocument } from '../store/types.js';

const sameItems = (a: unknown, b: unknown): boolean =>
  a === b ||
  (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => item === b[index]));

/**
 * A slice of a store's document that re-renders its host only when the slice
 * changed, so typing in one note does not re-render every card.
 */
export class StoreSelection<T> implements ReactiveController {
  #store?: GuideStore;
  #unsubscribe?: () => void;
  #connected = false;
  value: T;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly select: (document: GuideDocument) => T,
    initial: T,
  ) {
    this.value = initial;
    host.addController(this);
  }

  /** Follows another store (or none). */
  setStore(store: GuideStore | undefined): void {
    if (store === this.#store) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#store = store;
    if (this.#connected) this.#subscribe();
  }

  /** Re-reads the slice, for when what `select` depends on changed. */
  refresh(): void {
    if (this.#store) this.value = this.select(this.#store.document);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#subscribe();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #subscribe(): void {
    const store = this.#store;
    if (!store || this.#unsubscribe) return;
    this.value = this.select(store.document);
    this.#unsubscribe = store.subscribe((change) => {
      const next = this.select(change.document);
      if (sameItems(next, this.value)) return;
      this.value = next;
      this.host.requestUpdate();
    });
  }
}
