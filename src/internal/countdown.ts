import { AsyncDirective, directive } from 'lit/async-directive.js';

/** Time left as m:ss (h:mm:ss from an hour), whole seconds rounded up, never below zero. */
export function formatTimeLeft(milliseconds: number): string {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  const seconds = String(total % 60).padStart(2, '0');
  const minutes = Math.floor(total / 60) % 60;
  const hours = Math.floor(total / 3600);
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

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
