import { GuideSession } from '../storage/guide-session.js';
import { LocalStorageAdapter } from '../storage/local-storage-adapter.js';
import type { StorageAdapter } from '../storage/storage-adapter.js';
import { GuideStore } from '../store/guide-store.js';
import type { PageGuide } from './page-guide.js';
import { acquireShared, type Shared, type SharedTable } from './shared.js';

interface Entry {
  session: GuideSession;
  guide: PageGuide;
}

/**
 * Joins the page's one session for `key`, starting it with `create` when there
 * is none. Call the returned `release` when done (more calls do nothing); the
 * last one saves and stops it. Its store outlives the session: joining again
 * loads and merges again.
 */
function acquire<K>(
  sessions: SharedTable<K, Entry>,
  key: K,
  create: () => GuideSession,
  makeGuide: (store: GuideStore) => PageGuide,
): { session: GuideSession; guide: PageGuide; release: () => void } {
  const { shared, release } = acquireShared(
    sessions,
    key,
    () => {
      const session = create();
      void session.start();
      return { session, guide: makeGuide(session.store) };
    },
    ({ session }) => void session.stop(),
  );
  return { ...shared.value, release };
}

const localSessions = new Map<string, Shared<Entry>>();
const adapterSessions = new WeakMap<StorageAdapter, Shared<Entry>>();

/**
 * Elements on one page that use the same storage key share one store and one
 * session, so a guide and a single step on the same key show the same notes at once.
 */
export const acquireLocalSession = (key: string, cardIds: ReadonlySet<string>, makeGuide: (store: GuideStore) => PageGuide) =>
  acquire(localSessions, key, () => new GuideSession(new GuideStore({ cardIds }), new LocalStorageAdapter(key)), makeGuide);

/** Elements given the same host adapter share one session; the first one's own store holds the document. */
export const acquireAdapterSession = (adapter: StorageAdapter, store: GuideStore, makeGuide: (store: GuideStore) => PageGuide) =>
  acquire(adapterSessions, adapter, () => new GuideSession(store, adapter), makeGuide);
