import { NO_SESSION, SessionRoleError, type SessionKeeper, type SessionState } from '../store/session.js';
import type { RoomConnection } from './room-connection.js';
import { readRoomSession, writeRoomSession } from './schema.js';

const same = (a: SessionState, b: SessionState) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The led session of a live room: its session document, which the server
 * lets only facilitators change. What arrives is read through `readSession`.
 */
export class RoomSession implements SessionKeeper {
  #state: SessionState = NO_SESSION;
  #leads: boolean;
  readonly #listeners = new Set<() => void>();
  readonly #stops: (() => void)[] = [];

  constructor(private readonly connection: RoomConnection) {
    const map = connection.sessionDoc.getMap('session');
    const read = () => {
      const next = readRoomSession(connection.sessionDoc);
      if (same(next, this.#state)) return;
      this.#state = next;
      this.#notify();
    };
    map.observe(read);
    read();
    this.#leads = connection.leads;
    this.#stops.push(
      () => map.unobserve(read),
      connection.onSessionSynced(() => this.#notify()),
      // The role is known once the token has arrived, before the room says it is connected.
      connection.onState(() => {
        if (connection.leads === this.#leads) return;
        this.#leads = connection.leads;
        this.#notify();
      }),
    );
  }

  get state(): SessionState {
    return this.#state;
  }

  /** Known once the session document has synced: until then nobody can tell whether writing is hidden. */
  get ready(): boolean {
    return this.connection.sessionSynced;
  }

  get canLead(): boolean {
    return this.connection.leads;
  }

  /** The server runs in open development mode (the page names no token): «Jeg leder økten» is offered. */
  get mayTakeLead(): boolean {
    return this.connection.mayTakeLead;
  }

  takeLead(): void {
    this.connection.takeLead();
    this.#leads = this.connection.leads;
    this.#notify();
  }

  /** The server's clock, as this page estimates it from what the server told it. */
  now(): number {
    return Date.now() + this.connection.clockOffset;
  }

  /** Writes the session; a timer asked for (`startedAt` 0) is stamped by the server with its own clock. */
  set(next: SessionState): void {
    if (!this.canLead) throw new SessionRoleError();
    writeRoomSession(this.connection.sessionDoc, next);
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  destroy(): void {
    for (const stop of this.#stops.splice(0)) stop();
    this.#listeners.clear();
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
