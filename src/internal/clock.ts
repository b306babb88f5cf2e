/**
 * Where an element that keeps time reads the time and gets its ticks. The
 * system clock by default; a host can hand in a clock that follows a server,
 * and tests a manual clock they move forward themselves.
 */
export interface Clock {
  /** The time now, in milliseconds since 1970 (as `Date.now()`). */
  now(): number;
  /**
   * Calls `callback` about every `milliseconds` until the returned function is
   * called. Ticks may come late or not at all (a background tab), so read the
   * time with `now()` instead of counting them.
   */
  every(milliseconds: number, callback: () => void): () => void;
}

/** The browser's own clock: `Date.now()` and `setInterval`. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  every(milliseconds: number, callback: () => void): () => void {
    const interval = setInterval(callback, milliseconds);
    return () => clearInterval(interval);
  },
});
