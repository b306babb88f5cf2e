import { ContextConsumer, ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LiveRoom } from '../collab/live-room.js';
import { acquireSource, collabServers, identityKeeper, type DocumentSource, type IdentityKeeper, type SourceSettings } from '../sources/document-source.js';
import type { HiddenNotes } from '../sources/hidden-notes.js';
import { PageGuide } from '../sources/page-guide.js';
import type { SessionKeeper } from '../sources/session-keeper.js';
import type { StorageError } from '../storage/storage-adapter.js';
import { GuideStore } from '../store/guide-store.js';
import { emit } from '../events.js';
import { EventBridge } from './event-bridge.js';
import { guideContext, plainView, sameView, type GuideView } from './guide-context.js';
import { loadFeature } from './load-feature.js';

/** What a guide or a step tells its controller about where its notes live. */
export interface GuideHost extends ReactiveControllerHost, HTMLElement, SourceSettings {}

/**
 * Finds the guide an element shows and hands it to everything inside through
 * context. Inside a guide that is the enclosing guide's; on its own it is the
 * guide of its document source (localStorage, the host's adapter, memory or a
 * live room; see src/sources/), and the element then speaks for it through
 * the guide's event bridge. The host re-renders when the session, the hidden
 * notes or the room change, never for a change of the notes themselves: what
 * it shows of the document it reads through a StoreSelection.
 */
export class GuideController implements ReactiveController {
  /** The element's own guide: used with `no-storage`, a first-named adapter, or before it connects. */
  readonly #ownGuide: PageGuide;
  #guide: PageGuide;
  #source?: DocumentSource;
  #stops: (() => void)[] = [];
  #connected = false;
  #attachedTo: unknown[] = [];
  /** Changes made before connecting are carried into the source's document; `replace` if `data` was set. */
  #pendingBeforeConnect: 'none' | 'merge' | 'replace' = 'none';
  readonly #enclosing: ContextConsumer<typeof guideContext, GuideHost>;
  readonly #provider: ContextProvider<typeof guideContext, GuideHost>;
  /** The latest storage problem, shown to the person until dismissed. */
  error?: StorageError;

  constructor(
    readonly host: GuideHost,
    private readonly cardIds: () => ReadonlySet<string>,
  ) {
    // Kept in memory under whatever storage key the element has when it is asked.
    const identity: IdentityKeeper = {
      get key() {
        return `memory:${host.storageKey}`;
      },
      get: () => identityKeeper(host.storageKey, false).get(),
      set: (changes) => identityKeeper(host.storageKey, false).set(changes),
      subscribe: (listener) => identityKeeper(host.storageKey, false).subscribe(listener),
    };
    this.#ownGuide = new PageGuide({ store: new GuideStore({ cardIds: cardIds() }), identity, kind: 'memory' });
    this.#guide = this.#ownGuide;
    // Added before this controller, so an enclosing guide has answered by the time this one attaches.
    this.#enclosing = new ContextConsumer(host, {
      context: guideContext,
      subscribe: true,
      callback: () => {
        this.reconfigure();
        host.requestUpdate();
      },
    });
    this.#provider = new ContextProvider(host, { context: guideContext, initialValue: plainView(this.#guide) });
    host.addController(this);
  }

  /** What the guide is on the page: store, session, identity, hidden and own notes, room. */
  get guide(): PageGuide {
    return this.#guide;
  }

  get store(): GuideStore {
    return this.#guide.store;
  }

  /** The live room this element shows (`collab-url`, its own or its guide's), once its code has arrived. */
  get room(): LiveRoom | undefined {
    return this.#guide.room;
  }

  /** The led session (phase per step) of the guide this element shows: on this page, or the live room's. */
  get session(): SessionKeeper {
    return this.#guide.session;
  }

  /** The notes this person wrote hidden, waiting on this device for the reveal. */
  get hiddenNotes(): HiddenNotes {
    return this.#guide.hiddenNotes;
  }

  /** Whether the element names a collaboration server (`collab-url` or `collabUrls`). */
  get live(): boolean {
    return collabServers(this.host).length > 0;
  }

  /** Whether this element is a sheet inside a guide (which then speaks for it). */
  get nested(): boolean {
    return Boolean(this.#enclosing.value);
  }

  /** Tells the elements inside how this sheet shows the guide; they hear of it only when something changed. */
  provide(view: Partial<Omit<GuideView, 'guide'>>): void {
    const next = plainView(this.#guide, view);
    if (!sameView(this.#provider.value, next)) this.#provider.setValue(next);
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
    return [this.#enclosing.value?.guide, noStorage, storage, storageKey, collabServers(this.host).join('\n'), collabRoom];
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
    const enclosing = this.#enclosing.value?.guide;
    if (enclosing) {
      this.#guide = enclosing;
    } else {
      const source = acquireSource(host, {
        cardIds: this.cardIds(),
        ownGuide: this.#ownGuide,
        carry,
        requester: host,
        token: () => host.collabToken,
        loadRoom: () => loadFeature(host, 'collab'),
      });
      this.#source = source;
      this.#guide = source.guide;
      this.#guide.store.cardIds = this.cardIds();
    }

    const { guide: _, ...view } = this.#provider.value ?? plainView(this.#guide);
    this.provide(view);
    const guide = this.#guide;
    this.#stops.push(
      guide.onRoom(() => host.requestUpdate()),
      guide.onSession(() => host.requestUpdate()),
      guide.hiddenNotes.subscribe(() => host.requestUpdate()),
    );
    const source = this.#source;
    if (!source) return;

    const bridge = EventBridge.of(guide);
    this.#stops.push(bridge.join(host));
    this.#stops.push(source.onError((error) => this.#onError(error, bridge)));
    const shown = source.errors.at(-1);
    if (shown) this.#onError(shown, bridge);
    // Always after a microtask: a host (React among them) that appends the element and then listens still hears it.
    void source.loaded?.then(() => {
      if (this.#source === source) emit(host, 'innovasjon-load', { data: this.#guide.store.document });
    });
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
