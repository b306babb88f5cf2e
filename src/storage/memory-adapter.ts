import type { GuideDocument } from '../store/types.js';
import type { StorageAdapter } from './storage-adapter.js';

/** Keeps the document in memory only; a host that persists through events uses this. */
export class MemoryAdapter implements StorageAdapter {
  constructor(public document: GuideDocument | null = null) {}
  load(): GuideDocument | null {
    return this.document;
  }
  save(document: GuideDocument): void {
    this.document = document;
  }
}
