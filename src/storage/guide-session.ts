import { mergeDocuments } from '../store/document.js';
import { DocumentError } from '../store/errors.js';
import { validateDocument } from '../store/validate.js';
import type { GuideStore } from '../store/guide-store.js';
import type { GuideDocument } from '../store/types.js';
import { StorageError, type StorageAdapter } from './storage-adapter.js';

const sameContent = (a: GuideDocument, b: GuideDocument) => JSON.stringify(a) === JSON.stringify(b);

export interface SessionOptions {
  /** Milliseconds between the last change and the save. */
  saveDelay?: number;
}

export type SessionErrorListener = (error: StorageError) => void;

/**
 * Binds a store to a storage adapter: loads once, saves soon after each local
 * change (and at once when the page is hidden), and lets outside versions in.
 * Each error code is reported once per session: a full disk is news once.
 */
export class GuideSession {
  readonly #saveDelay: number;
  #timer?: ReturnType<typeof setTimeout>;
  #dirty = false;
  /** Joining with another copy would pass the limits: keep ours, save nothing over theirs. */
  #diverged = false;
  #stops: (() => void)[] = [];
  readonly #reported = new Set<string>();
  readonly #errorListeners = new Set<SessionErrorListener>();
  /** The errors reported so far, oldest first. */
  readonly errors: StorageError[] = [];
  #loaded: Promise<void> = Promise.resolve();

  constructor(
    readonly store: GuideStore,
    readonly adapter: StorageAdapter,
    { saveDelay = 300 }: SessionOptions = {},
  ) {
    this.#saveDelay = saveDelay;
  }

  /** Resolves when the stored document is in the store (or there was none, or it could not be read), once started. */
  get loaded(): Promise<void> {
    return this.#loaded;
  }

  /** Loads and starts listening; resolves when the stored document is in the store. */
  start(): Promise<void> | void {
    const started = this.#start();
    this.#loaded = Promise.resolve(started);
    return started;
  }

  #start(): Promise<void> | void {
    this.#stops.push(
      this.store.subscribe((change) => {
        if (change.origin === 'local') this.#scheduleSave();
      }),
    );
    if (this.adapter.subscribe) this.#stops.push(this.adapter.subscribe((document) => this.#receive(document)));
    const flushWhenHidden = () => {
      if (document.visibilityState === 'hidden') void this.flush();
    };
    const flushNow = () => void this.flush();
    document.addEventListener('visibilitychange', flushWhenHidden);
    window.addEventListener('pagehide', flushNow);
    this.#stops.push(() => {
      document.removeEventListener('visibilitychange', flushWhenHidden);
      window.removeEventListener('pagehide', flushNow);
    });

    let loaded;
    try {
      loaded = this.adapter.load();
    } catch (error) {
      return this.#report(error);
    }
    if (loaded instanceof Promise) {
      return loaded.then(
        (document) => this.#applyLoaded(document),
        (error: unknown) => this.#report(error),
      );
    }
    this.#applyLoaded(loaded);
  }

  /** Saves any unsaved change now, stops listening and cancels timers. */
  stop(): Promise<void> | void {
    for (const stop of this.#stops.splice(0)) stop();
    return this.flush();
  }

  /**
   * Saves now if anything changed since the last save. Where the adapter can
   * tell that storage changed behind our back (another tab saved in the same
   * moment), that version is merged in first, so neither overwrites the other.
   */
  flush(): Promise<void> | void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#dirty || this.#diverged) return;
    this.#dirty = false;
    try {
      const newer = this.adapter.readChanged?.();
      const merged = newer && this.#merge(newer);
      if (merged) this.store.setDocument(merged, { origin: 'remote' });
    } catch {
      // Unreadable storage was reported when it was loaded; saving goes on.
    }
    if (this.#diverged) return;
    const document = this.store.document;
    try {
      const saving = this.adapter.save(document);
      if (saving instanceof Promise) {
        return saving.catch((error: unknown) => this.#saveFailed(error));
      }
    } catch (error) {
      this.#saveFailed(error);
    }
  }

  onError(listener: SessionErrorListener): () => void {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  get hasUnsavedChanges(): boolean {
    return this.#dirty;
  }

  #applyLoaded(document: GuideDocument | null): void {
    if (!document) return;
    // Changes made before the load finished are kept on top of what was stored.
    const current = this.store.document;
    const hasWork = current.notes.length || current.actions.length || current.participants.length || current.deleted.length;
    if (!hasWork) return this.store.setDocument(document, { origin: 'load' });
    this.store.setDocument(mergeDocuments(document, current), { origin: 'load' });
    this.#scheduleSave();
  }

  #receive(incoming: GuideDocument): void {
    // Always a merge: remembered deletions carry removals over, and what this
    // page has that the other has not yet seen stays and is saved back.
    const merged = this.#merge(incoming);
    if (!merged) return;
    this.store.setDocument(merged, { origin: 'remote' });
    if (!sameContent(merged, incoming)) this.#scheduleSave();
  }

  /**
   * This page's document joined with one stored elsewhere, or undefined when
   * together they pass the limits (two copies each within them can): then
   * this page keeps its own copy in memory, stops saving over the other's,
   * and the person is told.
   */
  #merge(incoming: GuideDocument): GuideDocument | undefined {
    const merged = mergeDocuments(this.store.document, incoming, { order: 'incoming' });
    try {
      validateDocument(merged);
      return merged;
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      this.#diverged = true;
      this.#report(
        new StorageError('storage-quota', `This copy and the one stored elsewhere hold too much together to be joined (${error.message}); this page keeps its own copy and no longer saves.`),
      );
      return undefined;
    }
  }

  #scheduleSave(): void {
    this.#dirty = true;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), this.#saveDelay);
  }

  #saveFailed(error: unknown): void {
    // The work stays in memory and is tried again with the next change.
    this.#dirty = true;
    this.#report(error);
  }

  #report(error: unknown): void {
    const storageError =
      error instanceof StorageError ? error : new StorageError('storage-unavailable', String(error), { cause: error });
    if (this.#reported.has(storageError.code)) return;
    this.#reported.add(storageError.code);
    this.errors.push(storageError);
    for (const listener of [...this.#errorListeners]) listener(storageError);
  }
}
