import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import type { GuideStore } from '../store/guide-store.js';
import type { GuideDocument } from '../store/types.js';
import { guideContext } from './guide-context.js';

const sameItems = (a: unknown, b: unknown): boolean =>
  a === b ||
  (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => item === b[index]));

/**
 * A slice of the document an element shows, from the store of the guide or
 * step around it (through context) or one given to the element itself. It
 * re-renders its host only when the slice changed, so typing in one note does
 * not re-render every card.
 */
export class StoreSelection<T> implements ReactiveController {
  #store?: GuideStore;
  #unsubscribe?: () => void;
  #connected = false;
  readonly #fromContext: ContextConsumer<typeof guideContext, ReactiveElement>;
  value: T;

  constructor(
    private readonly host: ReactiveElement,
    private readonly select: (document: GuideDocument) => T,
    initial: T,
    /** A store given to the element itself, which wins over the context's. */
    private readonly given: () => GuideStore | undefined = () => undefined,
  ) {
    this.value = initial;
    this.#fromContext = new ContextConsumer(host, { context: guideContext, subscribe: true, callback: () => this.follow() });
    host.addController(this);
  }

  /** The store the slice is read from. */
  get store(): GuideStore | undefined {
    return this.#store;
  }

  /** Follows the given or the context's store (call when the given one changed). */
  follow(): void {
    const store = this.given() ?? this.#fromContext.value?.guide.store;
    if (store === this.#store) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#store = store;
    if (this.#connected) this.#subscribe();
    this.host.requestUpdate();
  }

  /** Re-reads the slice, for when what `select` depends on changed. */
  refresh(): void {
    if (this.#store) this.value = this.select(this.#store.document);
  }

  hostConnected(): void {
    this.#connected = true;
    this.follow();
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
