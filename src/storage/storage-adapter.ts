import type { GuideDocument } from '../store/types.js';

export type MaybePromise<T> = T | Promise<T>;

/**
 * Where a guide's document is kept. `load` and `save` may answer at once or
 * with a promise; `subscribe`, where the backend can tell, pushes a version
 * written elsewhere (another tab, another machine) into the guide.
 */
export interface StorageAdapter {
  /** The stored document, or null when nothing is stored yet. Throws a {@link StorageError}. */
  load(): MaybePromise<GuideDocument | null>;
  /** Stores the document. Throws a {@link StorageError}. */
  save(document: GuideDocument): MaybePromise<void>;
  /**
   * The stored document if it changed since this adapter last read or wrote
   * it, else null. Lets a save merge in what another tab wrote a moment ago.
   */
  readChanged?(): GuideDocument | null;
  /** Calls `listener` with each version stored elsewhere; returns the function that stops it. */
  subscribe?(listener: (document: GuideDocument) => void): () => void;
}

export type StorageErrorCode = 'storage-corrupt' | 'storage-quota' | 'storage-unavailable';

export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
