import { announceChange, emit, type InnovasjonEventMap } from '../events.js';
import type { LiveRoom, RoomNews } from '../collab/live-room.js';
import type { PageGuide } from '../sources/page-guide.js';
import type { StorageError } from '../storage/storage-adapter.js';
import type { StoreChange } from '../store/guide-store.js';
import { NO_SESSION, type SessionState } from '../store/session.js';
import { loadFeature, type FeatureModule } from './load-feature.js';

const reported = new WeakSet<StorageError>();

/**
 * Turns one store's changes into DOM events, once on the page however many
 * elements show the store. An event comes from the element that made the
 * change; a change no element made (another tab, storage, a room) comes from
 * the first-connected element that shows the store.
 */
export class EventBridge {
  readonly #guide: PageGuide;
  readonly #hosts: HTMLElement[] = [];
  #unsubscribe?: () => void;
  /** The session's events (a chunk), once fetched, and what they are told from. */
  #sessionEvents?: InstanceType<FeatureModule<'sessionEvents'>['SessionEvents']>;
  #session: SessionState = NO_SESSION;
  /** Until they are here: the states they have yet to hear, in order, each with the notes there before a reveal. */
  readonly #sessionPending: { state: SessionState; before?: ReadonlySet<string> }[] = [];
  #sessionLoading = false;

  /** The guide's one bridge: made by the first element that shows it, and kept on the guide. */
  static of(guide: PageGuide): EventBridge {
    if (guide.bridge instanceof EventBridge) return guide.bridge;
    const bridge = new EventBridge(guide);
    guide.bridge = bridge;
    return bridge;
  }

  private constructor(guide: PageGuide) {
    this.#guide = guide;
  }

  get #store() {
    return this.#guide.store;
  }

  /** The element that speaks for the store, if any is connected. */
  get lead(): HTMLElement | undefined {
    return this.#hosts[0];
  }

  /** Adds a top-level element that shows the store; returns the function that removes it. */
  join(host: HTMLElement): () => void {
    this.#hosts.push(host);
    if (!this.#unsubscribe) {
      this.#session = this.#guide.session.state;
      this.#sessionPending.length = 0;
      this.#sessionEvents?.restart(this.#session);
      const stops = [
        this.#store.subscribe((change) => this.#onChange(change)),
        this.#guide.onSession(() => this.#onSession()),
        this.#guide.onRoom(() => this.#followRoom()),
        () => this.#stopRoom?.(),
      ];
      this.#followRoom();
      this.#unsubscribe = () => stops.forEach((stop) => stop());
    }
    return () => {
      const index = this.#hosts.indexOf(host);
      if (index >= 0) this.#hosts.splice(index, 1);
      if (this.#hosts.length === 0) {
        this.#unsubscribe?.();
        this.#unsubscribe = undefined;
      }
    };
  }

  /** Sends `innovasjon-error` for a storage problem once, from the lead. */
  reportError(error: StorageError): void {
    // Deferred a microtask, so a host that appends the element and then listens still hears it.
    queueMicrotask(() => {
      const lead = this.lead;
      if (reported.has(error) || !lead) return;
      reported.add(error);
      emit(lead, 'innovasjon-error', { code: error.code, message: error.message });
    });
  }

  /**
   * Sends one of the library's page events from the lead, once (a room's
   * connection, presence or error); dropped when no element shows the store.
   */
  emitFromLead<K extends 'innovasjon-connection' | 'innovasjon-presence' | 'innovasjon-error'>(
    type: K,
    detail: InnovasjonEventMap[K]['detail'],
  ): void {
    const lead = this.lead;
    if (lead) emit(lead, type, detail as never);
  }

  #room?: LiveRoom;
  #stopRoom?: () => void;

  /** Hears the guide's live room (once its code has arrived): what it tells becomes the page's events. */
  #followRoom(): void {
    const room = this.#guide.room;
    if (room === this.#room) return;
    this.#stopRoom?.();
    this.#room = room;
    this.#stopRoom = room?.onNews((news) => this.#onRoomNews(news));
  }

  #onRoomNews(news: RoomNews): void {
    if (news.kind === 'connection') {
      const { status, reason } = news.state;
      this.emitFromLead('innovasjon-connection', reason ? { status, reason } : { status });
    } else if (news.kind === 'problem') {
      this.emitFromLead('innovasjon-error', { code: news.code, message: news.message });
    } else if (news.kind === 'participants') {
      this.emitFromLead('innovasjon-presence', { participants: news.participants.map((each) => ({ ...each })) });
    }
  }

  /**
   * The session changed or its keeper was replaced. What the page is told of it (the phase's event and
   * announcement, a reveal, a timebox) is a chunk, fetched the first time the session moves: until it is
   * here, each state waits in order, with the notes there before a reveal as they were at that moment.
   */
  #onSession(): void {
    const next = this.#guide.session.state;
    if (this.#sessionEvents) return this.#sessionEvents.next(next);
    const last = this.#sessionPending.at(-1)?.state ?? this.#session;
    // Nothing moved (a keeper replaced by one in the same state, or only the late-notes choice): nothing to tell.
    if (next.phase === last.phase && next.step === last.step && next.hidden === last.hidden && JSON.stringify(next.timer) === JSON.stringify(last.timer)) return;
    const revealed = last.hidden && !next.hidden && last.step !== null;
    this.#sessionPending.push({ state: next, before: revealed ? new Set(this.#store.document.notes.map((note) => note.id)) : undefined });
    this.#loadSessionEvents();
  }

  #loadSessionEvents(): void {
    const lead = this.lead;
    if (this.#sessionLoading || !lead) return;
    this.#sessionLoading = true;
    loadFeature(lead, 'sessionEvents').then(
      ({ SessionEvents }) => {
        this.#sessionLoading = false;
        const events = (this.#sessionEvents ??= new SessionEvents(this, this.#session));
        for (const { state, before } of this.#sessionPending.splice(0)) events.next(state, before);
        events.notesAdded();
      },
      () => {
        // Told already (chunk-load-failed); the next change of the session tries again.
        this.#sessionLoading = false;
      },
    );
  }

  /** The guide whose events this bridge sends (for the session's events). */
  get guide(): PageGuide {
    return this.#guide;
  }

  #onChange(change: StoreChange): void {
    if (change.notes.added.length) this.#sessionEvents?.notesAdded();
    if (change.origin === 'load') return;
    const source = change.source;
    const target = source instanceof Element && source.isConnected ? source : this.lead;
    if (target) announceChange(change, target);
  }
}
