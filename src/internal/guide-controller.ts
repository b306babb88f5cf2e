import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { announceChange, emit } from '../events.js';
import { GuideSession } from '../storage/guide-session.js';
import { acquireLocalSession } from '../storage/shared-sessions.js';
import { StorageError, type StorageAdapter } from '../storage/storage-adapter.js';
import { mergeDocuments } from '../store/document.js';
import { GuideStore, type StoreChange } from '../store/guide-store.js';

/** What a guide or a step tells its controller about where its notes live. */
export interface GuideHost extends ReactiveControllerHost, HTMLElement {
  storageKey: string;
  noStorage: boolean;
  storage?: StorageAdapter;
  /** A store handed down by an enclosing guide; wins over everything else. */
  store?: GuideStore;
}

// The controllers attached to each store, in the order they joined. The first
// one announces changes that no element made (another tab, storage), so each
// change is heard once on the page however many elements show it.
const controllersByStore = new WeakMap<GuideStore, GuideController[]>();
const announcedErrors = new WeakSet<StorageError>();

/**
 * Finds or makes the store an element shows, keeps it saved, re-renders the
 * element on every change and turns changes into DOM events.
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
  /** The latest storage problem, shown to the person until dismissed. */
  error?: StorageError;

  constructor(
    readonly host: GuideHost,
    private readonly cardIds: () => ReadonlySet<string>,
  ) {
    this.#ownStore = new GuideStore({ cardIds: cardIds() });
    this.#store = this.#ownStore;
    host.addController(this);
  }

  get store(): GuideStore {
    return this.#store;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#attach();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#detach();
  }

  /** Follows the host to another store when `storageKey`, `noStorage`, `storage` or `store` changed. */
  reconfigure(): void {
    const configuration = this.#configuration;
    if (!this.#connected || this.#attachedTo.every((value, index) => value === configuration[index])) return;
    this.#detach();
    this.#attach();
  }

  get #configuration(): unknown[] {
    const { store, noStorage, storage, storageKey } = this.host;
    return [store, noStorage, storage, storageKey];
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
    if (host.store) {
      this.#store = host.store;
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

    this.#store.cardIds = this.cardIds();
    const list = controllersByStore.get(this.#store) ?? [];
    list.push(this);
    controllersByStore.set(this.#store, list);
    this.#stops.push(this.#store.subscribe((change) => this.#onChange(change)));

    const session = this.#session;
    if (session) {
      this.#stops.push(session.onError((error) => this.#onError(error)));
      const shown = session.errors.at(-1);
      if (shown) this.#onError(shown);
    }
  }

  #detach(): void {
    for (const stop of this.#stops.splice(0)) stop();
    const list = controllersByStore.get(this.#store);
    list?.splice(list.indexOf(this), 1);
    if (this.#release) {
      this.#release();
    } else if (this.#session) {
      // The element's own store outlives its session: reconnecting loads and merges again.
      void this.#session.stop();
    }
    this.#release = undefined;
    this.#session = undefined;
  }

  get #isLead(): boolean {
    return controllersByStore.get(this.#store)?.[0] === this;
  }

  #onChange(change: StoreChange): void {
    this.host.requestUpdate();
    if (change.origin === 'load' || !this.#isLead) return;
    const source = change.source;
    const target = source instanceof Element && source.isConnected ? source : this.host;
    announceChange(change, target);
  }

  #onError(error: StorageError): void {
    this.error = error;
    this.host.requestUpdate();
    if (announcedErrors.has(error)) return;
    // Deferred a microtask, so a host that appends the element and then listens still hears it.
    queueMicrotask(() => {
      if (announcedErrors.has(error) || !this.#isLead) return;
      announcedErrors.add(error);
      emit(this.host, 'innovasjon-error', { code: error.code, message: error.message });
    });
  }
}
