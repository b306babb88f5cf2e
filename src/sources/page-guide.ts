import type { LiveRoom } from '../collab/live-room.js';
import type { GuideStore } from '../store/guide-store.js';
import type { IdentityKeeper } from '../storage/participant.js';
import { HiddenNotes } from './hidden-notes.js';
import { OwnNotes } from './own-notes.js';
import { PageSession, type SessionKeeper } from './session-keeper.js';

export interface PageGuideOptions {
  store: GuideStore;
  identity: IdentityKeeper;
  kind: 'local' | 'adapter' | 'memory' | 'room';
  /** Where hidden notes and the record of one's own notes survive a reload; memory only without. */
  hiddenKey?: string;
  ownKey?: string;
  /** Who leads before the real session is known (a live room's, before its code has arrived). */
  session?: SessionKeeper;
}

/**
 * What a guide is on this page: its store, its led session, who is writing,
 * the notes written hidden and the record of one's own, the live room, and the
 * events it sends. One per document source (one storage key, adapter or room),
 * shared by every element that shows it; the element layer hands it on through
 * context (src/internal/guide-context.ts) instead of tables keyed by the store.
 */
export class PageGuide {
  readonly store: GuideStore;
  readonly identity: IdentityKeeper;
  readonly kind: PageGuideOptions['kind'];
  readonly hiddenNotes: HiddenNotes;
  readonly ownNotes: OwnNotes;
  /** The element layer's event bridge, kept here so a guide has one: made by the first element that shows it. */
  bridge?: object;
  #room?: LiveRoom;
  #stopRoom?: () => void;
  readonly #roomListeners = new Set<() => void>();
  #session: SessionKeeper;
  #stopSession: () => void;
  readonly #sessionListeners = new Set<() => void>();

  constructor({ store, identity, kind, hiddenKey, ownKey, session = new PageSession() }: PageGuideOptions) {
    this.store = store;
    this.identity = identity;
    this.kind = kind;
    this.hiddenNotes = new HiddenNotes(hiddenKey);
    this.ownNotes = new OwnNotes(ownKey);
    this.#session = session;
    this.#stopSession = session.subscribe(() => this.#notifySession());
    // Hidden notes go into the store whenever the session is known and no longer hides the writing,
    // after the session's other listeners: the page has heard the reveal before its notes arrive.
    const publish = () =>
      queueMicrotask(() => {
        if (this.#session.ready !== false && !this.#session.state.hidden) this.hiddenNotes.publish(store, this.ownNotes);
      });
    this.onSession(publish);
    this.hiddenNotes.subscribe(publish);
    publish();
  }

  /** The led session (phase per step): on this page, or the live room's. */
  get session(): SessionKeeper {
    return this.#session;
  }

  /** Whether the notes are shared live in a room. */
  get live(): boolean {
    return this.kind === 'room';
  }

  /** The live room once its code has arrived (kind `room`). */
  get room(): LiveRoom | undefined {
    return this.#room;
  }
  set room(room: LiveRoom | undefined) {
    this.#stopRoom?.();
    this.#room = room;
    this.#stopRoom = room?.subscribe(() => this.#notifyRoom());
    this.#notifyRoom();
  }

  /** Calls `listener` when the live room arrives, goes, or changes what it shows (connection, presence, offers). */
  onRoom(listener: () => void): () => void {
    this.#roomListeners.add(listener);
    return () => this.#roomListeners.delete(listener);
  }

  #notifyRoom(): void {
    for (const listener of [...this.#roomListeners]) listener();
  }

  /**
   * Puts `keeper` in charge of the session (a room's session document, or a page session); `undefined`:
   * a stand-in where nobody leads and the session is not known (a live room gone, its next not here yet).
   */
  useSession(keeper: SessionKeeper | undefined = new PageSession(false, false)): void {
    if (this.#session === keeper) return;
    this.#stopSession();
    this.#session = keeper;
    this.#stopSession = keeper.subscribe(() => this.#notifySession());
    this.#notifySession();
  }

  /** Calls `listener` when the session changes, or is replaced (a live room arriving). */
  onSession(listener: () => void): () => void {
    this.#sessionListeners.add(listener);
    return () => this.#sessionListeners.delete(listener);
  }

  #notifySession(): void {
    for (const listener of [...this.#sessionListeners]) listener();
  }
}
