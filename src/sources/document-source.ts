import type { LiveRoom } from '../collab/live-room.js';
import type { GuideSession } from '../storage/guide-session.js';
import { getIdentity, onIdentityChange, setIdentity, type IdentityKeeper } from '../storage/participant.js';

export type { IdentityKeeper };
import { roomDeviceKey } from '../storage/room-device.js';
import type { StorageAdapter, StorageError } from '../storage/storage-adapter.js';
import { mergeDocuments } from '../store/document.js';
import type { GuideStore } from '../store/guide-store.js';
import { acquireAdapterSession, acquireLocalSession } from './local-sessions.js';
import { PageGuide } from './page-guide.js';
import { PageSession } from './session-keeper.js';
import { acquireRoom, type CollabTokenSource, type RoomLoader } from './room-sessions.js';

/**
 * Where one guide's document lives: this browser's localStorage, the host's
 * adapter, memory only, or a live room. One source per key, adapter or room on
 * the page, shared by every element that names it; it holds the store, the
 * person's identity and the storage problems.
 */
export interface DocumentSource {
  readonly kind: 'local' | 'adapter' | 'memory' | 'room';
  /** What the guide is on this page (store, session, identity, hidden and own notes), shared by every element on the source. */
  readonly guide: PageGuide;
  readonly store: GuideStore;
  readonly identity: IdentityKeeper;
  /** Storage problems so far, oldest first. */
  readonly errors: readonly StorageError[];
  onError(listener: (error: StorageError) => void): () => void;
  /** The live room (kind `room`) once its code has arrived. */
  readonly room: LiveRoom | undefined;
  /** Calls `listener` when the live room is ready (at once if it is); never for other kinds. */
  onRoom(listener: (room: LiveRoom) => void): () => void;
  /** Resolves when the stored document is in the store (local storage, an adapter, memory), or when a live room has first synced with its server. */
  readonly loaded?: Promise<void>;
  release(): void;
}

/** What an element says about where its notes live. */
export interface SourceSettings {
  storageKey: string;
  noStorage: boolean;
  storage?: StorageAdapter;
  collabUrl?: string;
  /** Several addresses of one service, tried in turn; used instead of `collabUrl` when not empty. */
  collabUrls?: readonly string[];
  collabRoom?: string;
  collabToken?: CollabTokenSource;
  /** A workshop (`collab-start`): no room until the page has joined one (the workshop then sets `collabRoom`; a host with a token names it). */
  collabStart?: boolean;
}

export interface SourceOptions {
  cardIds: ReadonlySet<string>;
  /** The element's own guide (its store, memory-only notes): used in memory, with an adapter first named by it, and its store carried into the others. */
  ownGuide: PageGuide;
  /** Changes made to `ownStore` before connecting: merged into the source's document, or put in its place. */
  carry: 'none' | 'merge' | 'replace';
  /** Who asks (an element): changes carried in are its changes, for events. */
  requester?: object;
  /** The element's token, read when the room asks. */
  token: () => CollabTokenSource | undefined;
  loadRoom: RoomLoader;
}

/** For the kinds that have no live room, or no storage to fail. */
const noRoom = { room: undefined, onRoom: () => () => undefined };
const noErrors = { errors: [] as readonly StorageError[], onError: () => () => undefined };

export function identityKeeper(key: string, persist: boolean): IdentityKeeper {
  return {
    key: `${persist ? 'stored' : 'memory'}:${key}`,
    get: () => getIdentity(key, persist),
    set: (changes) => setIdentity(key, changes, persist),
    subscribe: (listener) => onIdentityChange(key, listener),
  };
}

/** The collaboration server's addresses an element names: `collabUrls` when it has any, else `collabUrl`. */
export function collabServers({ collabUrl, collabUrls, collabStart, collabRoom }: Partial<SourceSettings>): string[] {
  if (collabStart && !collabRoom) return [];
  const listed = Array.isArray(collabUrls) ? collabUrls.filter((url): url is string => typeof url === 'string' && url.trim() !== '') : [];
  if (listed.length) return listed.map((url) => url.trim());
  return collabUrl?.trim() ? [collabUrl.trim()] : [];
}

/** Resolves where an element's document lives and joins the page's one source for it. */
export function acquireSource(settings: SourceSettings, options: SourceOptions): DocumentSource {
  const { storageKey, noStorage, storage, collabRoom } = settings;
  const { cardIds, ownGuide, carry } = options;
  const ownStore = ownGuide.store;
  const servers = collabServers(settings);
  let source: DocumentSource;

  // Notes written hidden wait on this device, and the record of one's own notes is kept: beside the room's copy.
  const beside = (kind: DocumentSource['kind'], what: 'hidden' | 'own') =>
    kind === 'room' ? roomDeviceKey(storageKey, what, servers[0], collabRoom || storageKey) : kind === 'local' && what === 'hidden' ? `${storageKey}:${what}` : undefined;
  const guideOf = (kind: DocumentSource['kind'], identity: IdentityKeeper) => (store: GuideStore) =>
    new PageGuide({
      store,
      identity,
      kind,
      hiddenKey: beside(kind, 'hidden'),
      ownKey: beside(kind, 'own'),
      // The room's session document says who leads; until its code is here, nobody on this page does.
      session: kind === 'room' ? new PageSession(false, false) : undefined,
    });

  if (servers.length) {
    const identity = identityKeeper(storageKey, true);
    const handle = acquireRoom(
      servers,
      collabRoom || storageKey,
      cardIds,
      { storageKey, identity, token: options.token, load: options.loadRoom },
      guideOf('room', identity),
    );
    source = {
      kind: 'room',
      guide: handle.guide,
      store: handle.guide.store,
      identity: handle.guide.identity,
      ...noErrors,
      get room() {
        return handle.room();
      },
      onRoom: handle.onRoom,
      loaded: new Promise((resolve) => handle.onRoom((room) => void room.loaded.then(resolve))),
      release: handle.release,
    };
  } else if (noStorage) {
    source = { kind: 'memory', guide: ownGuide, store: ownStore, identity: ownGuide.identity, ...noErrors, ...noRoom, loaded: Promise.resolve(), release: () => undefined };
  } else if (storage) {
    const { session, guide, release } = acquireAdapterSession(storage, ownStore, () => ownGuide);
    source = sessionSource('adapter', session, guide, release);
  } else {
    const { session, guide, release } = acquireLocalSession(storageKey, cardIds, guideOf('local', identityKeeper(storageKey, true)));
    source = sessionSource('local', session, guide, release);
  }

  if (carry !== 'none' && source.store !== ownStore) {
    const carried = ownStore.document;
    source.store.setDocument(carry === 'replace' ? carried : mergeDocuments(source.store.document, carried), { source: options.requester });
  }
  return source;
}

function sessionSource(kind: 'local' | 'adapter', session: GuideSession, guide: PageGuide, release: () => void): DocumentSource {
  return {
    kind,
    guide,
    store: session.store,
    identity: guide.identity,
    get errors() {
      return session.errors;
    },
    onError: (listener) => session.onError(listener),
    ...noRoom,
    loaded: session.loaded,
    release,
  };
}
