// Keeping rooms: a loaded room is read from the storage; each save appends only what changed
// since the last save that worked (Yjs state vectors), never the whole room. A save that fails
// (the database is away) leaves the room marked unsaved: it stays loaded, even when everyone
// has left, and is saved again with a growing pause until it works.
import type { afterUnloadDocumentPayload, beforeUnloadDocumentPayload, Document, Extension, Hocuspocus, onConfigurePayload, onLoadDocumentPayload, onStoreDocumentPayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import { log } from '../log.js';
import type { RoomStorage } from '../storage.js';

export class Persistence implements Extension {
  extensionName = 'innovasjonsguide-persistence';
  /** What the storage holds of each loaded room: its state vector at the last save that worked. */
  readonly #saved = new WeakMap<Y.Doc, Uint8Array>();
  readonly #retries = new Map<string, { timer: ReturnType<typeof setTimeout>; attempt: number }>();
  readonly #unloadWaiters = new Set<() => void>();
  #instance?: Hocuspocus;
  #stopped = false;
  saveErrors = 0;

  constructor(private readonly store: RoomStorage) {}

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.#instance = instance;
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const state = await this.store.fetch(documentName);
    if (state) Y.applyUpdate(document, state);
    this.#saved.set(document, Y.encodeStateVector(document));
  }

  async onStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    try {
      await this.#save(documentName, document);
    } catch (error) {
      this.#failed(documentName, document, error);
    }
  }

  /** Appends what changed since the last save; false for a room deleted meanwhile (nothing to keep). */
  async #save(name: string, document: Document): Promise<boolean> {
    const since = this.#saved.get(document);
    const vector = Y.encodeStateVector(document);
    const update = Y.encodeStateAsUpdate(document, since);
    const saved = await this.store.append(name, update);
    this.#saved.set(document, vector);
    this.#succeeded(name);
    return saved;
  }

  #failed(name: string, document: Document, error: unknown): void {
    if (this.#stopped) return;
    this.saveErrors += 1;
    const attempt = (this.#retries.get(name)?.attempt ?? 0) + 1;
    clearTimeout(this.#retries.get(name)?.timer);
    if (attempt === 1) log('error', { during: 'save', room: name, error: error instanceof Error ? error.message : String(error) });
    const pause = Math.min(250 * 2 ** (attempt - 1), 10_000);
    const timer = setTimeout(() => {
      if (this.#instance?.documents.get(name) !== document) return this.#succeeded(name); // unloaded meanwhile
      this.#save(name, document).then(
        () => {
          log('save', { room: name, retried: attempt });
          if (document.getConnectionsCount() === 0) void this.#instance?.unloadDocument(document);
        },
        (again: unknown) => this.#failed(name, document, again),
      );
    }, pause);
    this.#retries.set(name, { timer, attempt });
  }

  #succeeded(name: string): void {
    clearTimeout(this.#retries.get(name)?.timer);
    this.#retries.delete(name);
  }

  /** Rooms whose last save failed. */
  get unsaved(): number {
    return this.#retries.size;
  }

  async beforeUnloadDocument({ documentName }: beforeUnloadDocumentPayload): Promise<void> {
    // Hocuspocus has acknowledged every change it holds: a room that could not be saved stays.
    if (this.#retries.has(documentName)) throw new Error(`${documentName} is not saved yet`);
  }

  async afterUnloadDocument(_payload: afterUnloadDocumentPayload): Promise<void> {
    for (const waiter of this.#unloadWaiters) waiter();
  }

  /** Resolves when a document unloads, or after `ms`. */
  unloaded(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#unloadWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#unloadWaiters.add(done);
    });
  }

  stop(): void {
    this.#stopped = true;
    for (const { timer } of this.#retries.values()) clearTimeout(timer);
  }
}
