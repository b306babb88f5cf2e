import { ContextConsumer, ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { GuideSession } from '../storage/guide-session.js';
import { acquireLocalSession } from '../storage/shared-sessions.js';
import type { StorageAdapter, StorageError } from '../storage/storage-adapter.js';
import { mergeDocuments } from '../store/document.js';
import { GuideStore } from '../store/guide-store.js';
import { EventBridge } from './event-bridge.js';
import { storeContext } from './store-context.js';

/** What a guide or a step tells its controller about where its notes live. */
export interface GuideHost extends ReactiveControllerHost, HTMLElement {
  storageKey: string;
  noStorage: boolean;
  storage?: StorageAdapter;
}

/**
 * Finds the store an element shows and hands it to everything inside through
 * context. Inside a guide that is the guide's store; on its own it is the
 * shared store of its storage key (or its own, with `no-storage` or an
 * adapter), and the element then speaks for it through the store's event bridge.
 */
export class GuideController implements ReactiveController {
  /** The element's own store: used with `no-storage`, a custom adapter, or before it connects. */
  readonly #ownStore: GuideStore;
  #store: GuideStore;
  #session?: GuideSession;
  #release?: () => void;
  #stops: (() => void)[] = [];
  #connected = false;
  #attachedTo: unknown[] = [];
  /** Changes made before connecting are carried into the stored document; `replace` if `data` was set. */
  #pendingBeforeConnect: 'none' | 'merge' | 'replace' = 'none';
  readonly #enclosing: ContextConsumer<typeof storeContext, GuideHost>;
  readonly #provider: ContextProvider<typeof storeContext, GuideHost>;
  /** The latest storage problem, shown to the person until dismissed. */
  error?: StorageError;

  constructor(
    readonly host: GuideHost,
    private readonly cardIds: () => ReadonlySet<string>,
  ) {
    this.#ownStore = new GuideStore({ cardIds: cardIds() });
    this.#store = this.#ownStore;
    // Added before this controller, so an enclosing guide has answered by the time this one attaches.
    this.#enclosing = new ContextConsumer(host, { context: storeContext, subscribe: true, callback: () => this.reconfigure() });
    this.#provider = new ContextProvider(host, { context: storeContext, initialValue: this.#store });
    host.addController(this);
  }

  get store(): GuideStore {
    return this.#store;
  }

  /** Whether this element is a sheet inside a guide (which then speaks for it). */
  get nested(): boolean {
    return Boolean(this.#enclosing.value);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#attach();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#detach();
  }

  /** Follows the host to another store when `storageKey`, `noStorage`, `storage` or the enclosing guide changed. */
  reconfigure(): void {
    const configuration = this.#configuration;
    if (!this.#connected || this.#attachedTo.every((value, index) => value === configuration[index])) return;
    this.#detach();
    this.#attach();
  }

  get #configuration(): unknown[] {
    const { noStorage, storage, storageKey } = this.host;
    return [this.#enclosing.value, noStorage, storage, storageKey];
  }

  /** Remember that the document was changed through the API before the element was connected. */
  notePendingChange(kind: 'merge' | 'replace'): void {
    if (!this.#connected && this.#pendingBeforeConnect !== 'replace') this.#pendingBeforeConnect = kind;
  }

  dismissError(): void {
    this.error = undefined;
    this.host.requestUpdate();
  }

  #attach(): void {
    const { host } = this;
    this.#attachedTo = this.#configuration;
    const pending = this.#pendingBeforeConnect;
    this.#pendingBeforeConnect = 'none';
    const enclosing = this.#enclosing.value;
    if (enclosing) {
      this.#store = enclosing;
    } else if (host.noStorage) {
      this.#store = this.#ownStore;
    } else if (host.storage) {
      this.#store = this.#ownStore;
      this.#session = new GuideSession(this.#store, host.storage);
      void this.#session.start();
    } else {
      const { session, release } = acquireLocalSession(host.storageKey, this.cardIds());
      this.#session = session;
      this.#release = release;
      this.#store = session.store;
      if (pending !== 'none') {
        const carried = this.#ownStore.document;
        this.#store.setDocument(pending === 'replace' ? carried : mergeDocuments(this.#store.document, carried), {
          source: host,
        });
      }
    }

    if (!enclosing) this.#store.cardIds = this.cardIds();
    this.#provider.setValue(this.#store);
    this.#stops.push(this.#store.subscribe(() => host.requestUpdate()));
    if (enclosing) return;

    const bridge = EventBridge.for(this.#store);
    this.#stops.push(bridge.join(host));
    const session = this.#session;
    if (session) {
      this.#stops.push(session.onError((error) => this.#onError(error, bridge)));
      const shown = session.errors.at(-1);
      if (shown) this.#onError(shown, bridge);
    }
  }

  #detach(): void {
    for (const stop of this.#stops.splice(0)) stop();
    if (this.#release) {
      this.#release();
    } else if (this.#session) {
      // The element's own store outlives its session: reconnecting loads and merges again.
      void this.#session.stop();
    }
    this.#release = undefined;
    this.#session = undefined;
  }

  #onError(error: StorageError, bridge: EventBridge): void {
    this.error = error;
    this.host.requestUpdate();
    bridge.reportError(error);
  }
}
