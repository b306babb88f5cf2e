// The device's store of workshop credentials (IndexedDB): one per server and guide (storage key).
// A facilitator's record holds its non-extractable private key, kept as a CryptoKey object (the
// browser stores it without ever giving its bytes to a script). Invitations are never stored.
import type { IssuedCredential } from '../collab/workshop-client.js';

export interface StoredCredential extends IssuedCredential {
  /** The facilitator's signing key; absent for a participant. */
  readonly privateKey?: CryptoKey;
}

const DATABASE = 'innovasjonsguide-workshop';
const STORE = 'credentials';

const recordKey = (server: string, storageKey: string) => `${server}\n${storageKey}`;

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
  });
}

async function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = act(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    });
  } finally {
    db.close();
  }
}

/** The credential this guide holds on this server, unless none or it has expired (an expired one is forgotten). */
export async function readCredential(server: string, storageKey: string, now = Date.now()): Promise<StoredCredential | undefined> {
  if (typeof indexedDB === 'undefined') return undefined;
  let value: unknown;
  try {
    value = await run('readonly', (store) => store.get(recordKey(server, storageKey)));
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const record = value as StoredCredential;
  if (typeof record.credential !== 'string' || typeof record.expiresAt !== 'number' || typeof record.room !== 'string') return undefined;
  if (record.expiresAt <= now) {
    await forgetCredential(server, storageKey);
    return undefined;
  }
  return record;
}

export async function keepCredential(server: string, storageKey: string, credential: StoredCredential): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  await run('readwrite', (store) => store.put(credential, recordKey(server, storageKey)));
}

/** *Fjern fra denne enheten*: the credential (and a facilitator's key) are gone from this device. */
export async function forgetCredential(server: string, storageKey: string): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  try {
    await run('readwrite', (store) => store.delete(recordKey(server, storageKey)));
  } catch {
    // nothing stored, nothing to remove
  }
}
