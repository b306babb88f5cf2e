import { createId } from '../store/document.js';
import { LIMITS } from '../store/types.js';

/** Who is at this browser: remembered per storage key, never part of the shared document. */
export interface Identity {
  readonly id: string;
  readonly name: string;
  /** New notes are written without a name. */
  readonly anonymous: boolean;
}

type Listener = (identity: Identity) => void;

const identities = new Map<string, Identity>();
const listeners = new Map<string, Set<Listener>>();
/** Where the identity for a storage key is remembered in this browser. */
/** Who is at this browser, as the source that holds the document keeps it. */
export interface IdentityKeeper {
  /** Which identity this is (two keepers with one `key` keep the same person). */
  readonly key: string;
  get(): Identity;
  set(changes: Partial<Omit<Identity, 'id'>>): Identity;
  subscribe(listener: (identity: Identity) => void): () => void;
}

export const identityStorageKey = (key: string) => `${key}:participant`;

function read(key: string, persist: boolean): Identity {
  if (persist) {
    try {
      const raw = JSON.parse(localStorage.getItem(identityStorageKey(key)) ?? 'null') as Partial<Identity> | null;
      if (raw && typeof raw.id === 'string' && raw.id && typeof raw.name === 'string') {
        return { id: raw.id.slice(0, LIMITS.id), name: raw.name.slice(0, LIMITS.name), anonymous: raw.anonymous === true };
      }
    } catch {
      // Unreadable or unavailable storage: a fresh identity for this page.
    }
  }
  return { id: createId(), name: '', anonymous: false };
}

/** The identity for a storage key; `persist` false keeps it in memory (no-storage). */
export function getIdentity(key: string, persist = true): Identity {
  let identity = identities.get(key);
  if (!identity) {
    identity = read(key, persist);
    identities.set(key, identity);
  }
  return identity;
}

/** Changes the name or anonymity for a key and tells every element on the page that uses it. */
export function setIdentity(key: string, changes: Partial<Omit<Identity, 'id'>>, persist = true): Identity {
  const identity = { ...getIdentity(key, persist), ...changes };
  identities.set(key, identity);
  if (persist) {
    try {
      localStorage.setItem(identityStorageKey(key), JSON.stringify(identity));
    } catch {
      // Remembered for this page only.
    }
  }
  for (const listener of [...(listeners.get(key) ?? [])]) listener(identity);
  return identity;
}

export function onIdentityChange(key: string, listener: Listener): () => void {
  const set = listeners.get(key) ?? new Set<Listener>();
  set.add(listener);
  listeners.set(key, set);
  return () => set.delete(listener);
}
