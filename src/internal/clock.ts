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

const twoDigits = (value: number) => String(value).padStart(2, '0');

/**
 * Time left as the library's clocks show it, whole seconds rounded up, never below zero: m:ss, or
 * h:mm:ss from an hour (the session's countdowns); with `fixedMinutes`, always mm:ss, minutes past
 * 59 included (the timer's display, which keeps its width while it runs).
 */
export function formatTimeLeft(milliseconds: number, { fixedMinutes = false }: { fixedMinutes?: boolean } = {}): string {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  const seconds = twoDigits(total % 60);
  if (fixedMinutes) return `${twoDigits(Math.floor(total / 60))}:${seconds}`;
  const minutes = Math.floor(total / 60) % 60;
  const hours = Math.floor(total / 3600);
  return hours > 0 ? `${hours}:${twoDigits(minutes)}:${seconds}` : `${minutes}:${seconds}`;
}
