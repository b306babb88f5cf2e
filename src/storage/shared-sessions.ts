import { GuideStore } from '../store/guide-store.js';
import { GuideSession } from './guide-session.js';
import { LocalStorageAdapter } from './local-storage-adapter.js';

interface Entry {
  session: GuideSession;
  users: number;
}

const sessions = new Map<string, Entry>();

/**
 * Elements on one page that use the same storage key share one store and one
 * session, so a guide and a single step on the same key show the same notes
 * at once. Call the returned `release` when done; the last one saves and stops.
 */
export function acquireLocalSession(
  key: string,
  cardIds: ReadonlySet<string>,
): { session: GuideSession; release: () => void } {
  let entry = sessions.get(key);
  if (!entry) {
    const session = new GuideSession(new GuideStore({ cardIds }), new LocalStorageAdapter(key));
    entry = { session, users: 0 };
    sessions.set(key, entry);
    void session.start();
  }
  entry.users += 1;
  const current = entry;
  let released = false;
  return {
    session: current.session,
    release: () => {
      if (released) return;
      released = true;
      current.users -= 1;
      if (current.users === 0) {
        sessions.delete(key);
        void current.session.stop();
      }
    },
  };
}
