import { readDeviceValue, writeDeviceValue } from '../storage/device-value.js';
import { LIMITS } from '../store/types.js';

/**
 * Which notes this person wrote on this device (the ids, kept beside the
 * room's copy): in a room someone leads, a participant deletes only their own.
 */
export class OwnNotes {
  readonly #ids: Set<string>;

  constructor(private readonly key?: string) {
    // Unreadable: nothing is known as this person's but what they sign with their name.
    const ids = key ? readDeviceValue(key) : undefined;
    this.#ids = new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []);
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  add(id: string): void {
    if (this.#ids.has(id)) return;
    this.#ids.add(id);
    if (this.#ids.size > LIMITS.notes) this.#ids.delete(this.#ids.values().next().value!);
    // Storage full or forbidden: known on this page until it closes.
    if (this.key) writeDeviceValue(this.key, [...this.#ids]);
  }

  /** Forgets which notes were this person's, here and on the device (the room is removed from the device). */
  forget(): void {
    this.#ids.clear();
    if (this.key) writeDeviceValue(this.key, undefined);
  }
}
