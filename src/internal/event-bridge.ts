import { msg, str } from '@lit/localize';
import { announceChange, emit, type InnovasjonEventMap } from '../events.js';
import type { LiveRoom, RoomNews } from '../collab/live-room.js';
import type { PageGuide } from '../sources/page-guide.js';
import type { StorageError } from '../storage/storage-adapter.js';
import type { StoreChange } from '../store/guide-store.js';
import { NO_SESSION, type SessionState, type SessionTimer } from '../store/session.js';
import { announce } from './announcer.js';
import { phaseName } from './phase-name.js';
import { plural } from './intl.js';

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
  #session: SessionState = NO_SESSION;
  #timerKey = 'null';
  /** Since the last reveal: the notes that were there before it, and the step it was on. */
  #reveal?: { step: number; before: ReadonlySet<string>; count: number };
  #timeUp = 0;
  /** The timebox running now, once stamped. */
  #timer?: SessionTimer;

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

  /** A new phase (set here or by the room's facilitator): one event and one announcement on the page. */
  #onSession(): void {
    const previous = this.#session;
    const next = this.#guide.session.state;
    this.#session = next;
    this.#watchTimer(next);
    if (previous.hidden && !next.hidden && previous.step !== null) this.#startReveal(previous.step);
    if (next.phase === previous.phase && next.step === previous.step && next.hidden === previous.hidden) return;
    const lead = this.lead;
    if (!lead) return;
    emit(lead, 'innovasjon-phase-change', { step: next.step, phase: next.phase, hidden: next.hidden });
    if (next.phase === previous.phase && next.step === previous.step) return; // hidden writing on or off: told by the reveal
    announce(
      next.phase === null
        ? msg('Fasen er avsluttet. Alt kan gjøres som vanlig.', { id: 'session.ended' })
        : msg(str`Ny fase på trinn ${next.step}: ${phaseName(next.phase)}.`, { id: 'session.phase' }),
    );
  }

  /** The facilitator revealed hidden writing: told once, then `innovasjon-reveal` as the notes arrive. */
  #startReveal(step: number): void {
    this.#reveal = { step, before: new Set(this.#store.document.notes.map((note) => note.id)), count: 0 };
    const lead = this.lead;
    if (!lead) return;
    announce(msg('Prosesslederen viser alle lappene.', { id: 'session.revealed' }));
    emit(lead, 'innovasjon-reveal', { step, count: 0 });
  }

  /** Notes arriving after a reveal: the count of those published so far. */
  #countRevealed(): void {
    const reveal = this.#reveal;
    const lead = this.lead;
    if (!reveal || !lead) return;
    const count = this.#store.document.notes.filter((note) => !reveal.before.has(note.id)).length;
    if (count === reveal.count) return;
    reveal.count = count;
    emit(lead, 'innovasjon-reveal', { step: reveal.step, count });
  }

  /** Says once on the page when a timebox starts and when its time is up. */
  #watchTimer({ timer }: SessionState): void {
    const key = JSON.stringify(timer);
    if (key === this.#timerKey) return;
    const ended = this.#timer;
    this.#timerKey = key;
    this.#timer = timer ?? undefined;
    clearTimeout(this.#timeUp);
    const now = this.#guide.session.now();
    // Ended with its time (the phase moved on at that moment, perhaps a hair before this page's own timeout).
    if (ended && ended.startedAt > 0 && !timer && now >= ended.startedAt + ended.duration - 1000) this.#timeIsUp();
    if (!timer || timer.startedAt === 0 || !this.lead) return;
    const left = timer.startedAt + timer.duration - now;
    if (left <= 0) return;
    if (left > timer.duration - 5000) announce(msg(str`Tidsboksen har startet: ${spokenLength(timer.duration)}.`, { id: 'session.timer-started' }));
    this.#timeUp = window.setTimeout(() => {
      this.#timer = undefined;
      this.#timeIsUp();
    }, left);
  }

  #timeIsUp(): void {
    if (!this.lead) return;
    announce(msg('Tiden er ute.', { id: 'session.time-up' }));
    // The tone's code is fetched only when a timebox ends (a person who turned sound on has the session view's copy already).
    void import('./chime.js').then(({ chime }) => chime(), () => {});
  }

  #onChange(change: StoreChange): void {
    if (change.notes.added.length) this.#countRevealed();
    if (change.origin === 'load') return;
    const source = change.source;
    const target = source instanceof Element && source.isConnected ? source : this.lead;
    if (target) announceChange(change, target);
  }
}

/** A timebox's length in words: «1 minutt», «5 minutter», «90 sekunder». */
function spokenLength(milliseconds: number): string {
  const seconds = Math.round(milliseconds / 1000);
  const minutes = seconds / 60;
  return seconds % 60
    ? plural(seconds, {
        one: () => msg(str`${seconds} sekund`, { id: 'session.seconds.one' }),
        two: () => msg(str`${seconds} sekunder`, { id: 'session.seconds.two' }),
        other: () => msg(str`${seconds} sekunder`, { id: 'session.seconds.other' }),
      })
    : plural(minutes, {
        one: () => msg(str`${minutes} minutt`, { id: 'session.minutes.one' }),
        two: () => msg(str`${minutes} minutter`, { id: 'session.minutes.two' }),
        other: () => msg(str`${minutes} minutter`, { id: 'session.minutes.other' }),
      });
}
