// A stand-in for a live room with what <innovasjon-rom-status> reads, so its states can be
// shown and tested without a server (the live tests in test/collab-live/ use the real one).
import type { LiveRoom, LocalOffer } from '../../src/collab/live-room.js';
import type { ConnectionState, PresenceEntry } from '../../src/collab/room-connection.js';

export class FakeRoom {
  state: ConnectionState = { status: 'connected' };
  presence: PresenceEntry[] = [];
  localOffer?: LocalOffer;
  removedFromDevice = false;
  readOnly = false;
  readonly calls: string[] = [];
  readonly #listeners = new Set<() => void>();

  constructor(init: Partial<Pick<FakeRoom, 'state' | 'presence' | 'localOffer'>> = {}) {
    Object.assign(this, init);
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  set(changes: Partial<Pick<FakeRoom, 'state' | 'presence' | 'localOffer' | 'removedFromDevice' | 'readOnly'>>): void {
    Object.assign(this, changes);
    for (const listener of this.#listeners) listener();
  }

  bringInLocal(): void {
    this.calls.push('bringInLocal');
    this.set({ localOffer: undefined });
  }

  keepLocalApart(): void {
    this.calls.push('keepLocalApart');
    this.set({ localOffer: undefined });
  }

  async removeFromDevice(): Promise<void> {
    this.calls.push('removeFromDevice');
    this.set({ removedFromDevice: true });
  }

  get asRoom(): LiveRoom {
    return this as unknown as LiveRoom;
  }
}
