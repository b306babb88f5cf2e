// The order of the notes in a room: each note's `order` key (fractional
// indexing, docs/collab-schema.md), and the algorithm that gives new keys to the
// fewest notes so the room sorts them where the store has them. No Yjs here:
// the binding reads the keys from the room and writes the ones this returns.
import { generateKeyBetween } from 'fractional-indexing';
import type { Note } from '../store/types.js';
import { compareNotes } from './schema.js';

/** A key between `lower` and `upper`; when they do not allow one (equal, reversed, malformed), the nearest that works. */
export function keyBetween(lower: string | null, upper: string | null): string {
  for (const [a, b] of [[lower, upper], [lower, null], [null, upper]] as const) {
    try {
      return generateKeyBetween(a, b);
    } catch {
      // A malformed key written by another client, or two equal keys: try a wider gap.
    }
  }
  return generateKeyBetween(null, null);
}

/**
 * The `order` key of every readable note in the room (`undefined` for one that
 * sorts after them), and the room's order of notes that follows from them.
 */
export class OrderKeys {
  readonly #keys = new Map<string, string | undefined>();
  /** The room's order of two notes: by key, then (keyless) by creation, then by id. */
  readonly compare = compareNotes((id) => this.#keys.get(id));

  get(id: string): string | undefined {
    return this.#keys.get(id);
  }

  set(id: string, key: string | undefined): void {
    this.#keys.set(id, key);
  }

  delete(id: string): void {
    this.#keys.delete(id);
  }

  /** The greatest key in the room, or null: new notes brought in go after it. */
  last(): string | null {
    let last: string | null = null;
    for (const key of this.#keys.values()) if (key !== undefined && (last === null || key > last)) last = key;
    return last;
  }

  /** Whether `notes` are already in the room's order. */
  sorted(notes: readonly Note[]): boolean {
    for (let i = 1; i < notes.length; i++) if (this.compare(notes[i - 1], notes[i]) > 0) return false;
    return true;
  }

  /** The ids outside a longest run of notes already in the room's order: the fewest that need new keys. */
  outOfOrder(notes: readonly Note[]): string[] {
    const tails: number[] = [];
    const previous = new Array<number>(notes.length).fill(-1);
    notes.forEach((note, i) => {
      let low = 0;
      let high = tails.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (this.compare(notes[tails[middle]], note) < 0) low = middle + 1;
        else high = middle;
      }
      if (low > 0) previous[i] = tails[low - 1];
      tails[low] = i;
    });
    const keep = new Set<number>();
    for (let i = tails.at(-1) ?? -1; i >= 0; i = previous[i]) keep.add(i);
    return notes.filter((_, i) => !keep.has(i)).map((note) => note.id);
  }

  /** Whether the note at `at` already sorts between its neighbours by the room's keys. */
  fits(notes: readonly Note[], at: number): boolean {
    return (at === 0 || this.compare(notes[at - 1], notes[at]) < 0) && (at === notes.length - 1 || this.compare(notes[at], notes[at + 1]) < 0);
  }

  /**
   * Gives each note in `ids` a key between its neighbours in the store's list
   * (all cards together), so the room sorts it where the store has it: within
   * its card and among all notes. `write` puts each new key in the room.
   */
  place(notes: readonly Note[], index: ReadonlyMap<string, number>, ids: readonly string[], write: (id: string, key: string) => void): void {
    const waiting = new Set(ids);
    const positions = ids.map((id) => index.get(id)).filter((at): at is number => at !== undefined).sort((a, b) => a - b);
    for (const at of positions) {
      const id = notes[at].id;
      let lower: string | null = null;
      for (let i = at - 1; i >= 0 && lower === null; i--) lower = this.#keys.get(notes[i].id) ?? null;
      let upper: string | null = null;
      for (let i = at + 1; i < notes.length && upper === null; i++) {
        const key = waiting.has(notes[i].id) ? undefined : this.#keys.get(notes[i].id);
        // The first key strictly greater: two equal keys (two moves into one gap) leave no room between them.
        if (key !== undefined && (lower === null || key > lower)) upper = key;
      }
      const key = keyBetween(lower, upper);
      write(id, key);
      this.#keys.set(id, key);
      waiting.delete(id);
    }
  }
}
