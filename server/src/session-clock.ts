import type * as Y from 'yjs';
import { readRoomSession, writeRoomSession } from '../../src/collab/schema.js';
import { afterTimeUp } from '../../src/store/session.js';

/** The transaction origin of the server's own changes to a session document. */
export const SESSION_CLOCK = 'session-clock';

interface Watched {
  readonly doc: Y.Doc;
  readonly stop: () => void;
  timeout?: ReturnType<typeof setTimeout>;
}

/**
 * The server's part in each loaded session document's timebox: it stamps a
 * timer the facilitator asked for with the server's clock (one clock for every
 * screen), and when the time is up it ends the phase if the timer says so,
 * whether or not the facilitator is still there.
 */
export class SessionClock {
  readonly #watched = new Map<string, Watched>();

  watch(name: string, doc: Y.Doc): void {
    this.unwatch(name); // the same room loaded again: its earlier document is gone
    const map = doc.getMap('session');
    // Not inside the observer: the server's own change is a transaction of its own.
    const check = () => setImmediate(() => this.#check(name, doc));
    map.observe(check);
    this.#watched.set(name, { doc, stop: () => map.unobserve(check) });
    this.#check(name, doc);
  }

  unwatch(name: string): void {
    const watched = this.#watched.get(name);
    if (!watched) return;
    clearTimeout(watched.timeout);
    watched.stop();
    this.#watched.delete(name);
  }

  stop(): void {
    for (const name of [...this.#watched.keys()]) this.unwatch(name);
  }

  #check(name: string, doc: Y.Doc): void {
    const watched = this.#watched.get(name);
    // A check queued by a document since unloaded (the room may be loaded again as a new one).
    if (watched?.doc !== doc) return;
    clearTimeout(watched.timeout);
    watched.timeout = undefined;
    const { timer } = readRoomSession(doc);
    if (!timer) return;
    if (timer.startedAt === 0) {
      // Only the timer: a phase the facilitator changes in the same moment is not written over.
      doc.transact(() => doc.getMap('session').set('timer', { ...timer, startedAt: Date.now() }), SESSION_CLOCK);
      return; // observed: checked again with the stamp
    }
    const left = timer.startedAt + timer.duration - Date.now();
    watched.timeout = setTimeout(() => {
      const session = readRoomSession(doc);
      if (JSON.stringify(session.timer) !== JSON.stringify(timer)) return; // stopped or started again meanwhile
      writeRoomSession(doc, afterTimeUp(session), SESSION_CLOCK);
    }, Math.max(0, left));
  }
}
