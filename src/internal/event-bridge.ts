import { announceChange, emit, type InnovasjonEventMap } from '../events.js';
import type { StorageError } from '../storage/storage-adapter.js';
import type { GuideStore, StoreChange } from '../store/guide-store.js';

const bridges = new WeakMap<GuideStore, EventBridge>();
const reported = new WeakSet<StorageError>();

/**
 * Turns one store's changes into DOM events, once on the page however many
 * elements show the store. An event comes from the element that made the
 * change; a change no element made (another tab, storage, a room) comes from
 * the first-connected element that shows the store.
 */
export class EventBridge {
  readonly #store: GuideStore;
  readonly #hosts: HTMLElement[] = [];
  #unsubscribe?: () => void;

  static for(store: GuideStore): EventBridge {
    let bridge = bridges.get(store);
    if (!bridge) bridges.set(store, (bridge = new EventBridge(store)));
    return bridge;
  }

  private constructor(store: GuideStore) {
    this.#store = store;
  }

  /** The element that speaks for the store, if any is connected. */
  get lead(): HTMLElement | undefined {
    return this.#hosts[0];
  }

  /** Adds a top-level element that shows the store; returns the function that removes it. */
  join(host: HTMLElement): () => void {
    this.#hosts.push(host);
    this.#unsubscribe ??= this.#store.subscribe((change) => this.#onChange(change));
    return () => {
      const index = this.#hosts.indexOf(host);
      if (index >= 0) this.#hosts.splice(index, 1);
      if (this.#hosts.length === 0) {
        this.#unsubscribe?.();
        this.#unsubscribe = undefined;
      }
    };
  }

  /** Sends `innovasjon-error` for a storage problem once, from the lead. */
  reportError(error: StorageError): void {
    // Deferred a microtask, so a host that appends the element and then listens still hears it.
    queueMicrotask(() => {
      const lead = this.lead;
      if (reported.has(error) || !lead) return;
      reported.add(error);
      emit(lead, 'innovasjon-error', { code: error.code, message: error.message });
    });
  }

  /**
   * Sends one of the library's page events from the lead, once (a room's
   * connection, presence or error); dropped when no element shows the store.
   */
  emitFromLead<K extends 'innovasjon-connection' | 'innovasjon-presence' | 'innovasjon-error'>(
    type: K,
    detail: InnovasjonEventMap[K]['detail'],
  ): void {
    const lead = this.lead;
    if (lead) emit(lead, type, detail as never);
  }

  #onChange(change: StoreChange): void {
    if (change.origin === 'load') return;
    const source = change.source;
    const target = source instanceof Element && source.isConnected ? source : this.lead;
    if (target) announceChange(change, target);
  }
}
