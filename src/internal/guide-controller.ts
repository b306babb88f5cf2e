import { ContextConsumer, ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LiveRoom } from '../collab/live-room.js';
import { acquireSource, collabServers, sourceOf, type DocumentSource, type SourceSettings } from '../sources/document-source.js';
import { hiddenNotesOf, type HiddenNotes } from '../sources/hidden-notes.js';
import { onSession, sessionOf, type SessionKeeper } from '../sources/session-keeper.js';
import type { StorageError } from '../storage/storage-adapter.js';
import { GuideStore } from '../store/guide-store.js';
import { EventBridge } from './event-bridge.js';
import { loadFeature } from './load-feature.js';
import { storeContext } from './store-context.js';

/** What a guide or a step tells its controller about where its notes live. */
export interface GuideHost extends ReactiveControllerHost, HTMLElement, SourceSettings {}

/**
 * Finds the store an element shows and hands it to everything inside through
 * context. Inside a guide that is the guide's store; on its own it is the store
 * of its document source (localStorage, the host's adapter, memory or a live
 * room; see src/sources/), and the element then speaks for it through the
 * store's event bridge.
 */
export class GuideController implements ReactiveController {
  /** The element's own store: used with `no-storage`, a first-named adapter, or before it connects. */
  readonly #ownStore: GuideStore;
  #store: GuideStore;
  #source?: DocumentSource;
  #stops: (() => void)[] = [];
  #connected = false;
  #attachedTo: unknown[] = [];
  /** Changes made before connecting are carried into the source's document; `replace` if `data` was set. */
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

  /** Where the document lives: this element's source, or its guide's. */
  get source(): DocumentSource | undefined {
    return this.#source ?? sourceOf(this.#store);
  }

  /** The live room this element shows (`collab-url`, its own or its guide's), once its code has arrived. */
  get room(): LiveRoom | undefined {
    return this.source?.room;
  }

  /** The led session (phase per step) of the guide this element shows: on this page, or the live room's. */
  get session(): SessionKeeper {
    return sessionOf(this.#store);
  }

  /** The notes this person wrote hidden, waiting on this device for the reveal. */
  get hiddenNotes(): HiddenNotes {
    return hiddenNotesOf(this.#store);
  }

  /** Whether the element names a collaboration server (`collab-url` or `collabUrls`). */
  get live(): boolean {
    return collabServers(this.host).length > 0;
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

  /** Follows the host to another source when where its notes live, or the enclosing guide, changed. */
  reconfigure(): void {
    const configuration = this.#configuration;
    if (!this.#connected || this.#attachedTo.every((value, index) => value === configuration[index])) return;
    this.#detach();
    this.#attach();
  }

  get #configuration(): unknown[] {
    const { noStorage, storage, storageKey, collabRoom } = this.host;
    return [this.#enclosing.value, noStorage, storage, storageKey, collabServers(this.host).join('\n'), collabRoom];
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
    const carry = this.#pendingBeforeConnect;
    this.#pendingBeforeConnect = 'none';
    const enclosing = this.#enclosing.value;
    if (enclosing) {
      this.#store = enclosing;
    } else {
      const source = acquireSource(host, {
        cardIds: this.cardIds(),
        ownStore: this.#ownStore,
        carry,
        requester: host,
        token: () => host.collabToken,
        loadRoom: () => loadFeature(host, 'collab'),
      });
      this.#source = source;
      this.#store = source.store;
      this.#store.cardIds = this.cardIds();
      this.#stops.push(
        source.onRoom((room) => {
          host.requestUpdate();
          this.#stops.push(room.subscribe(() => host.requestUpdate()));
        }),
      );
    }

    this.#provider.setValue(this.#store);
    this.#stops.push(
      this.#store.subscribe(() => host.requestUpdate()),
      onSession(this.#store, () => host.requestUpdate()),
      hiddenNotesOf(this.#store).subscribe(() => host.requestUpdate()),
    );
    const source = this.#source;
    if (!source) return;

    const bridge = EventBridge.for(this.#store);
    this.#stops.push(bridge.join(host));
    this.#stops.push(source.onError((error) => this.#onError(error, bridge)));
    const shown = source.errors.at(-1);
    if (shown) this.#onError(shown, bridge);
  }

  #detach(): void {
    for (const stop of this.#stops.splice(0)) stop();
    this.#source?.release();
    this.#source = undefined;
  }

  #onError(error: StorageError, bridge: EventBridge): void {
    this.error = error;
    this.host.requestUpdate();
    bridge.reportError(error);
  }
}
