import { afterTimeUp, NO_SESSION, type SessionState } from '../store/session.js';

/** Thrown when someone who does not lead the session tries to change it; nothing changes. */
export class SessionRoleError extends Error {
  override name = 'SessionRoleError';
  constructor() {
    super('Only the facilitator (prosessleder) can change the session.');
  }
}

/** Where a guide's session lives (on this page, or in the live room's session document) and who may change it. */
export interface SessionKeeper {
  readonly state: SessionState;
  /** Whether this person leads the session. */
  readonly canLead: boolean;
  /** False until the session is known (a room's session document has synced once); hidden notes wait for it. */
  readonly ready?: boolean;
  /** Nobody's token says who leads (open development mode): this page may take the lead. */
  readonly mayTakeLead?: boolean;
  takeLead?(): void;
  /** Sets the session; throws a {@link SessionRoleError} when `canLead` is false. A timer asked for (`startedAt` 0) is stamped with the session's clock. */
  set(next: SessionState): void;
  /** The session's clock (the server's, in a live room), in milliseconds since 1970. */
  now(): number;
  subscribe(listener: () => void): () => void;
}

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
