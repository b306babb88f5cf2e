import type { Clock } from '../src/internal/clock.js';

interface Ticker {
  every: number;
  due: number;
  callback: () => void;
}

/**
 * A clock that stands still until a test moves it. `advance()` fires every
 * tick that falls due on the way, in order, as `setInterval` would on a quiet
 * machine; `jump()` moves time without any tick, as in a throttled background
 * tab. Nothing depends on the wall clock, so the tests are exact.
 */
export class ManualClock implements Clock {
  #now: number;
  readonly #tickers = new Set<Ticker>();

  constructor(start = Date.UTC(2025, 0, 6, 9, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  every(milliseconds: number, callback: () => void): () => void {
    const every = Math.max(1, milliseconds);
    const ticker: Ticker = { every, due: this.#now + every, callback };
    this.#tickers.add(ticker);
    return () => this.#tickers.delete(ticker);
  }

  /** How many `every()` subscriptions are still running. */
  get running(): number {
    return this.#tickers.size;
  }

  /** Moves time forward by `milliseconds`, firing the ticks that fall due on the way. */
  advance(milliseconds: number): void {
    const until = this.#now + milliseconds;
    for (;;) {
      let next: Ticker | undefined;
      for (const ticker of this.#tickers) if (ticker.due <= until && (!next || ticker.due < next.due)) next = ticker;
      if (!next) break;
      this.#now = next.due;
      next.due += next.every;
      next.callback();
    }
    this.#now = until;
  }

  /** Moves time forward by `milliseconds` without firing any tick. */
  jump(milliseconds: number): void {
    this.#now += milliseconds;
    for (const ticker of this.#tickers) ticker.due = Math.max(ticker.due, this.#now + ticker.every);
  }
}

interface Timeout {
  at: number;
  callback: () => void;
}

/**
 * Stands in for `window.setTimeout` and `clearTimeout` until `restore()`, for
 * code that takes its timers from the page instead of from a `Clock` (the
 * storage session's save delay): a callback runs only when `advance()` passes
 * its time. Timeouts still pending at `restore()` go on as real ones.
 */
export class ManualTimeouts {
  #now = 0;
  // Far above the browser's own ids, so clearing a real timeout is told apart.
  #nextId = 1_000_000_000;
  readonly #pending = new Map<number, Timeout>();
  readonly #realSet = window.setTimeout;
  readonly #realClear = window.clearTimeout;

  constructor() {
    window.setTimeout = ((handler: TimerHandler, delay = 0, ...args: unknown[]) => {
      if (typeof handler !== 'function') throw new TypeError('ManualTimeouts runs functions only');
      const id = this.#nextId++;
      this.#pending.set(id, { at: this.#now + Math.max(0, Number(delay) || 0), callback: () => handler(...args) });
      return id;
    }) as typeof window.setTimeout;
    window.clearTimeout = ((id?: number) => {
      if (id !== undefined && this.#pending.has(id)) this.#pending.delete(id);
      else this.#realClear.call(window, id);
    }) as typeof window.clearTimeout;
  }

  /** How many timeouts are waiting. */
  get pending(): number {
    return this.#pending.size;
  }

  /** Moves time forward by `milliseconds`, running each timeout that falls due, in order. */
  advance(milliseconds: number): void {
    const until = this.#now + milliseconds;
    for (;;) {
      let next: [number, Timeout] | undefined;
      for (const entry of this.#pending) if (entry[1].at <= until && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.#pending.delete(next[0]);
      this.#now = next[1].at;
      next[1].callback();
    }
    this.#now = until;
  }

  restore(): void {
    window.setTimeout = this.#realSet;
    window.clearTimeout = this.#realClear;
    for (const { at, callback } of this.#pending.values()) this.#realSet.call(window, callback, at - this.#now);
    this.#pending.clear();
  }
}
