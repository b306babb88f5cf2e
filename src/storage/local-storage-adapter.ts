import { DocumentError } from '../store/errors.js';
import type { GuideDocument } from '../store/types.js';
import { validateDocument } from '../store/validate.js';
import { StorageError, type StorageAdapter } from './storage-adapter.js';

export const DEFAULT_STORAGE_KEY = 'innovasjon-guide';

const isQuotaError = (error: unknown) =>
  error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22);

/**
 * Keeps the document in `localStorage` under `key`, and hears other tabs'
 * saves through the `storage` event. Stored text it cannot read is never
 * overwritten: it is copied to a backup key first, or, if even that fails,
 * left alone and saving is refused.
 */
export class LocalStorageAdapter implements StorageAdapter {
  /** Raw text found under the key that could not be read and not be backed up. */
  #protectedRaw: string | null = null;
  /** Where the unreadable text was copied, once it was. */
  backupKey?: string;
  /** The text this adapter last read or wrote under the key. */
  #known: string | null = null;
  #backedUp?: string;

  constructor(
    readonly key: string = DEFAULT_STORAGE_KEY,
    readonly storage: () => Storage = () => window.localStorage,
  ) {}

  load(): GuideDocument | null {
    const raw = this.#access(() => this.storage().getItem(this.key));
    this.#known = raw;
    if (raw === null) return null;
    let problem: string;
    try {
      return validateDocument(JSON.parse(raw));
    } catch (error) {
      if (!(error instanceof SyntaxError || error instanceof DocumentError)) throw error;
      problem = error instanceof DocumentError ? error.message : 'it is not valid JSON';
    }
    this.#backUp(raw);
    throw new StorageError(
      'storage-corrupt',
      this.backupKey
        ? `The notes stored under "${this.key}" could not be read (${problem}); they were copied to "${this.backupKey}".`
        : `The notes stored under "${this.key}" could not be read (${problem}) nor copied aside; they are left untouched and nothing will be saved over them.`,
    );
  }

  save(document: GuideDocument): void {
    const storage = this.#access(() => this.storage());
    if (this.#protectedRaw !== null) {
      const current = this.#access(() => storage.getItem(this.key));
      if (current === this.#protectedRaw) this.#backUp(current);
      else this.#protectedRaw = null; // someone else has replaced it meanwhile
      if (this.#protectedRaw !== null) {
        throw new StorageError('storage-corrupt', `Not saving over the unreadable notes under "${this.key}".`);
      }
    }
    const raw = JSON.stringify(document);
    this.#access(() => storage.setItem(this.key, raw));
    this.#known = raw;
  }

  readChanged(): GuideDocument | null {
    const raw = this.#access(() => this.storage().getItem(this.key));
    return raw === this.#known || raw === null ? null : this.load();
  }

  subscribe(listener: (document: GuideDocument) => void): () => void {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== this.key || event.newValue === null) return;
      try {
        const document = validateDocument(JSON.parse(event.newValue));
        this.#known = event.newValue;
        listener(document);
      } catch {
        // Another tab wrote something unreadable; the next load reports it.
      }
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }

  #backUp(raw: string): void {
    if (this.#backedUp === raw) return;
    const stamp = `${this.key}:backup:${new Date().toISOString()}`;
    try {
      // Two backups in one millisecond get different keys: no backup ever overwrites another.
      let backupKey = stamp;
      for (let n = 2; this.storage().getItem(backupKey) !== null; n++) backupKey = `${stamp}-${n}`;
      this.storage().setItem(backupKey, raw);
      this.backupKey = backupKey;
      this.#backedUp = raw;
      this.#protectedRaw = null;
    } catch {
      this.#protectedRaw = raw;
    }
  }

  #access<T>(operation: () => T): T {
    try {
      return operation();
    } catch (error) {
      if (isQuotaError(error)) {
        throw new StorageError('storage-quota', `The browser's storage is full; "${this.key}" was not saved.`, { cause: error });
      }
      throw new StorageError('storage-unavailable', `The browser's storage cannot be used here (${String(error)}).`, {
        cause: error,
      });
    }
  }
}
