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
