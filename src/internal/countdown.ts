import { AsyncDirective, directive } from 'lit/async-directive.js';
import { formatTimeLeft } from './time-format.js';

/**
 * The time left until `end` on the clock `now` (never more than `duration`: a
 * clock learned over the network may lag a little), updating its own text every
 * quarter second (nothing around it renders again) and stopping at 0:00.
 */
class Countdown extends AsyncDirective {
  #end = 0;
  #duration = Infinity;
  #now: () => number = Date.now;
  #interval = 0;

  render(end: number, duration: number, now: () => number): string {
    this.#end = end;
    this.#duration = duration;
    this.#now = now;
    this.#start();
    return formatTimeLeft(this.#left());
  }

  #left(): number {
    return Math.min(this.#duration, this.#end - this.#now());
  }

  protected override disconnected(): void {
    clearInterval(this.#interval);
    this.#interval = 0;
  }

  protected override reconnected(): void {
    this.#start();
  }

  #start(): void {
    if (this.#interval || !this.isConnected) return;
    let shown = '';
    this.#interval = window.setInterval(() => {
      const left = this.#left();
      const text = formatTimeLeft(left);
      if (text !== shown) this.setValue((shown = text));
      if (left <= 0) this.disconnected();
    }, 250);
  }
}

export const countdown = directive(Countdown);
