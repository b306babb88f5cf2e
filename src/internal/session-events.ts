import { msg, str } from '@lit/localize';
import { emit } from '../events.js';
import type { PageGuide } from '../sources/page-guide.js';
import type { SessionState, SessionTimer } from '../store/session.js';
import { announce } from './announcer.js';
import { phaseName } from './phase-name.js';
import { plural } from './intl.js';

/** What the session's events need from the guide's event bridge. */
export interface SessionEventsHost {
  readonly guide: PageGuide;
  /** The element that speaks for the guide, if any is connected. */
  readonly lead: HTMLElement | undefined;
}

/**
 * The led session's part of the event bridge: a new phase, hidden writing
 * revealed, a timebox started and run out, each told once on the page (an
 * event and an announcement). A chunk, fetched when the session first
 * changes: a page where nobody leads a session never needs it.
 */
export class SessionEvents {
  #session: SessionState;
  #timerKey = 'null';
  /** Since the last reveal: the notes that were there before it, and the step it was on. */
  #reveal?: { step: number; before: ReadonlySet<string>; count: number };
  #timeUp = 0;
  /** The timebox running now, once stamped. */
  #timer?: SessionTimer;

  /** `session`: the state the bridge started from; {@link next} is told each one after it, in order. */
  constructor(
    private readonly host: SessionEventsHost,
    session: SessionState,
  ) {
    this.#session = session;
  }

  /** The bridge starts over from `session` (its elements were all gone, and one is back). */
  restart(session: SessionState): void {
    this.#session = session;
  }

  /**
   * A new phase (set here or by the room's facilitator): one event and one announcement on the page.
   * `before`: the notes there when it came, if that was a while ago (the chunk was on its way).
   */
  next(next: SessionState, before?: ReadonlySet<string>): void {
    const previous = this.#session;
    this.#session = next;
    this.#watchTimer(next);
    if (previous.hidden && !next.hidden && previous.step !== null) this.#startReveal(previous.step, before);
    if (next.phase === previous.phase && next.step === previous.step && next.hidden === previous.hidden) return;
    const lead = this.host.lead;
    if (!lead) return;
    emit(lead, 'innovasjon-phase-change', { step: next.step, phase: next.phase, hidden: next.hidden });
    if (next.phase === previous.phase && next.step === previous.step) return; // hidden writing on or off: told by the reveal
    announce(
      next.phase === null
        ? msg('Fasen er avsluttet. Alt kan gjøres som vanlig.', { id: 'session.ended' })
        : msg(str`Ny fase på trinn ${next.step}: ${phaseName(next.phase)}.`, { id: 'session.phase' }),
    );
  }

  /** Notes arriving after a reveal: the count of those published so far. */
  notesAdded(): void {
    const reveal = this.#reveal;
    const lead = this.host.lead;
    if (!reveal || !lead) return;
    const count = this.host.guide.store.document.notes.filter((note) => !reveal.before.has(note.id)).length;
    if (count === reveal.count) return;
    reveal.count = count;
    emit(lead, 'innovasjon-reveal', { step: reveal.step, count });
  }

  /** The facilitator revealed hidden writing: told once, then `innovasjon-reveal` as the notes arrive. */
  #startReveal(step: number, before: ReadonlySet<string> = new Set(this.host.guide.store.document.notes.map((note) => note.id))): void {
    this.#reveal = { step, before, count: 0 };
    const lead = this.host.lead;
    if (!lead) return;
    announce(msg('Prosesslederen viser alle lappene.', { id: 'session.revealed' }));
    emit(lead, 'innovasjon-reveal', { step, count: 0 });
  }

  /** Says once on the page when a timebox starts and when its time is up. */
  #watchTimer({ timer }: SessionState): void {
    const key = JSON.stringify(timer);
    if (key === this.#timerKey) return;
    const ended = this.#timer;
    this.#timerKey = key;
    this.#timer = timer ?? undefined;
    clearTimeout(this.#timeUp);
    const now = this.host.guide.session.now();
    // Ended with its time (the phase moved on at that moment, perhaps a hair before this page's own timeout).
    if (ended && ended.startedAt > 0 && !timer && now >= ended.startedAt + ended.duration - 1000) this.#timeIsUp();
    if (!timer || timer.startedAt === 0 || !this.host.lead) return;
    const left = timer.startedAt + timer.duration - now;
    if (left <= 0) return;
    if (left > timer.duration - 5000) announce(msg(str`Tidsboksen har startet: ${spokenLength(timer.duration)}.`, { id: 'session.timer-started' }));
    this.#timeUp = window.setTimeout(() => {
      this.#timer = undefined;
      this.#timeIsUp();
    }, left);
  }

  #timeIsUp(): void {
    if (!this.host.lead) return;
    announce(msg('Tiden er ute.', { id: 'session.time-up' }));
    // The tone's code is fetched only when a timebox ends (a person who turned sound on has the session view's copy already).
    void import('./chime.js').then(({ chime }) => chime(), () => {});
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
