import type { LiveRoom } from '../collab/live-room.js';
import type { GuideSession } from '../storage/guide-session.js';
import { getIdentity, onIdentityChange, setIdentity, type Identity } from '../storage/participant.js';
import { roomDeviceKey } from '../storage/room-device.js';
import type { StorageAdapter, StorageError } from '../storage/storage-adapter.js';
import { mergeDocuments } from '../store/document.js';
import type { GuideStore } from '../store/guide-store.js';
import { keepHiddenNotes } from './hidden-notes.js';
import { keepOwnNotes } from './own-notes.js';
import { acquireAdapterSession, acquireLocalSession } from './local-sessions.js';
import { acquireRoom, type CollabTokenSource, type RoomLoader } from './room-sessions.js';

/** Who is at this browser, as the source that holds the document keeps it. */
export interface IdentityKeeper {
  /** Which identity this is (two keepers with one `key` keep the same person). */
  readonly key: string;
  get(): Identity;
  set(changes: Partial<Omit<Identity, 'id'>>): Identity;
  subscribe(listener: (identity: Identity) => void): () => void;
}

/**
 * Where one guide's document lives: this browser's localStorage, the host's
 * adapter, memory only, or a live room. One source per key, adapter or room on
 * the page, shared by every element that names it; it holds the store, the
 * person's identity and the storage problems.
 */
export interface DocumentSource {
  readonly kind: 'local' | 'adapter' | 'memory' | 'room';
  readonly store: GuideStore;
  readonly identity: IdentityKeeper;
  /** Storage problems so far, oldest first. */
  readonly errors: readonly StorageError[];
  onError(listener: (error: StorageError) => void): () => void;
  /** The live room (kind `room`) once its code has arrived. */
  readonly room: LiveRoom | undefined;
  /** Calls `listener` when the live room is ready (at once if it is); never for other kinds. */
  onRoom(listener: (room: LiveRoom) => void): () => void;
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
  /** The element's own store: used in memory, with an adapter first named by it, and carried into the others. */
  ownStore: GuideStore;
  /** Changes made to `ownStore` before connecting: merged into the source's document, or put in its place. */
  carry: 'none' | 'merge' | 'replace';
  /** Who asks (an element): changes carried in are its changes, for events. */
  requester?: object;
  /** The element's token, read when the room asks. */
  token: () => CollabTokenSource | undefined;
  loadRoom: RoomLoader;
}

const byStore = new WeakMap<GuideStore, DocumentSource>();
/** For the kinds that have no live room, or no storage to fail. */
const noRoom = { room: undefined, onRoom: () => () => undefined };
const noErrors = { errors: [] as readonly StorageError[], onError: () => () => undefined };

/** The source a store belongs to (a guide's sheets find their guide's source through the store they are given). */
export const sourceOf = (store: GuideStore): DocumentSource | undefined => byStore.get(store);

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
  const { cardIds, ownStore, carry } = options;
  const servers = collabServers(settings);
  let source: DocumentSource;

  if (servers.length) {
    const identity = identityKeeper(storageKey, true);
    const handle = acquireRoom(servers, collabRoom || storageKey, cardIds, { storageKey, identity, token: options.token, load: options.loadRoom });
    source = {
      kind: 'room',
      store: handle.store,
      identity,
      ...noErrors,
      get room() {
        return handle.room();
      },
      onRoom: handle.onRoom,
      release: handle.release,
    };
  } else if (noStorage) {
    source = { kind: 'memory', store: ownStore, identity: identityKeeper(storageKey, false), ...noErrors, ...noRoom, release: () => undefined };
  } else if (storage) {
    const { session, release } = acquireAdapterSession(storage, ownStore);
    source = sessionSource('adapter', session, identityKeeper(storageKey, false), release);
  } else {
    const { session, release } = acquireLocalSession(storageKey, cardIds);
    source = sessionSource('local', session, identityKeeper(storageKey, true), release);
  }

  // Notes written hidden wait on this device, and the record of one's own notes is kept: beside the room's copy.
  const beside = (what: 'hidden' | 'own') =>
    source.kind === 'room' ? roomDeviceKey(storageKey, what, servers[0], collabRoom || storageKey) : source.kind === 'local' ? `${storageKey}:${what}` : undefined;
  keepHiddenNotes(source.store, beside('hidden'));
  if (source.kind === 'room') keepOwnNotes(source.store, beside('own'));
  if (carry !== 'none' && source.store !== ownStore) {
    const carried = ownStore.document;
    source.store.setDocument(carry === 'replace' ? carried : mergeDocuments(source.store.document, carried), { source: options.requester });
  }
  if (!byStore.has(source.store) || source.kind !== 'memory') byStore.set(source.store, source);
  return source;
}

function sessionSource(kind: 'local' | 'adapter', session: GuideSession, identity: IdentityKeeper, release: () => void): DocumentSource {
  return {
    kind,
    store: session.store,
    identity,
    get errors() {
      return session.errors;
    },
    onError: (listener) => session.onError(listener),
    ...noRoom,
    release,
  };
}
