import { afterTimeUp, NO_SESSION, SessionRoleError, type SessionKeeper, type SessionState } from '../store/session.js';

// What a session is and who may change it are the store's (no DOM there); a page session, with its timers, is here.
export { SessionRoleError, type SessionKeeper } from '../store/session.js';

/**
 * A session on this page only: whoever uses the page leads it (alone, or on
 * one shared screen). Its clock is this device's; it ends a timed phase itself.
 */
export class PageSession implements SessionKeeper {
  #state: SessionState = NO_SESSION;
  #timeUp = 0;
  readonly #listeners = new Set<() => void>();

  /** `ready` false: a stand-in until the real session is known (a live room's, before its code has arrived). */
  constructor(
    readonly canLead = true,
    readonly ready = true,
  ) {}

  get state(): SessionState {
    return this.#state;
  }

  now(): number {
    return Date.now();
  }

  set(next: SessionState): void {
    if (!this.canLead) throw new SessionRoleError();
    const timer = next.timer && next.timer.startedAt === 0 ? { ...next.timer, startedAt: this.now() } : next.timer;
    this.#state = { ...next, timer };
    clearTimeout(this.#timeUp);
    if (timer) {
      const started = this.#state;
      this.#timeUp = window.setTimeout(() => this.#state === started && this.set(afterTimeUp(started)), timer.startedAt + timer.duration - this.now());
    }
    for (const listener of [...this.#listeners]) listener();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
