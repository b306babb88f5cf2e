import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { systemClock, type Clock } from '../internal/clock.js';
import { formatTimeLeft } from '../internal/time-format.js';
import { PageLocaleController } from '../localization.js';
import { emit } from '../events.js';
import { announce } from '../internal/announcer.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { tidtakerStyles } from './innovasjon-tidtaker.styles.js';
import { plural } from '../internal/intl.js';

export { systemClock, type Clock } from '../internal/clock.js';

export interface TimerEndDetail {
  /** The length of the timebox that ran out, in minutes. */
  minutes: number;
}

declare module '../events.js' {
  interface InnovasjonEventMap {
    'innovasjon-timer-end': CustomEvent<TimerEndDetail>;
  }
}

/** The lengths a facilitator can pick, in minutes. */
export const TIMER_MINUTES = [1, 3, 5, 10, 15] as const;

const DEFAULT_MINUTES = 5;
/** The longest timebox accepted from the `minutes` attribute. */
const MAX_MINUTES = 180;
/**
 * How often the display is brought up to date. Time is always read from the
 * clock, never counted in ticks, so a throttled background tab stays right.
 */
const TICK_MS = 250;

type Announcement = 'start' | 'resume' | 'pause' | 'reset' | 'end';

/**
 * A timebox for silent writing, visible to everyone at the screen. It is local
 * to this page: nothing is saved or shared. It never takes focus, so people
 * can keep writing while it runs, and it tells screen readers politely when
 * it starts and when the time is up, without reading out every second.
 *
 * @summary A start/pause/reset timer of 1 to 15 minutes.
 *
 * @event innovasjon-timer-end - The time ran out. Detail: `{minutes}` (`TimerEndDetail`).
 *
 * @csspart base - The box around everything.
 * @csspart time - The remaining time, as mm:ss.
 * @csspart controls - The row with the length and the buttons.
 * @csspart start-button - The Start / Pause / Fortsett button.
 * @csspart reset-button - The Nullstill button.
 * @csspart message - The "Tiden er ute!" message shown at the end.
 *
 * @cssproperty --innovasjon-tidtaker-background - Background of the box.
 * @cssproperty --innovasjon-tidtaker-border-color - Border colour of the box.
 * @cssproperty --innovasjon-tidtaker-time-size - Font size of the remaining time.
 */
@localized()
export class InnovasjonTidtaker extends LitElement {
  static override styles = [sharedStyles, tidtakerStyles];

  /** Length of the timebox in minutes; the picker offers 1, 3, 5, 10 and 15. Setting it resets the timer. */
  @property({ type: Number }) minutes = DEFAULT_MINUTES;

  /**
   * Where the timer reads the time and gets its ticks: the browser's clock
   * (`systemClock`) by default. A host that keeps time by a server, so that
   * every screen shows the same time, sets its own `Clock`; tests set a clock
   * they move forward themselves. A new clock takes over the time left.
   */
  @property({ attribute: false })
  get clock(): Clock {
    return this.#clock;
  }
  set clock(clock: Clock) {
    const next = clock ?? systemClock;
    if (next === this.#clock) return;
    const left = this.#endsAt - this.#clock.now();
    this.#clock = next;
    if (!this.running) return;
    this.#endsAt = next.now() + left;
    if (this.isConnected) this.#startTicking();
  }

  /** Whole seconds left, as shown. */
  @state() private seconds = DEFAULT_MINUTES * 60;
  @state() private running = false;
  @state() private finished = false;

  protected readonly pageLocale = new PageLocaleController(this);

  /** Milliseconds left when not running (exact, so a pause loses nothing). */
  #remainingMs = DEFAULT_MINUTES * 60_000;
  #clock: Clock = systemClock;
  /** When the time runs out, by the clock, while running. */
  #endsAt = 0;
  #stopInterval?: () => void;

  /** The timebox length actually used: `minutes`, or the default when that is not a sensible number. */
  get #duration(): number {
    const minutes = Number(this.minutes);
    return Number.isFinite(minutes) && minutes > 0 ? Math.min(minutes, MAX_MINUTES) : DEFAULT_MINUTES;
  }

  /** Starts the timer, or continues it after a pause; after the end it starts over. */
  start(): void {
    if (this.running) return;
    const full = this.#duration * 60_000;
    if (this.finished || this.#remainingMs <= 0) this.#set(full);
    const fromStart = this.#remainingMs >= full;
    this.finished = false;
    this.#endsAt = this.#clock.now() + this.#remainingMs;
    this.running = true;
    if (this.isConnected) this.#startTicking(); // else connectedCallback starts it
    this.#announce(fromStart ? 'start' : 'resume');
  }

  /** Stops the timer where it is. */
  pause(): void {
    if (!this.running) return;
    this.#stopTicking();
    this.#set(Math.max(0, this.#endsAt - this.#clock.now()));
    this.running = false;
    this.#announce('pause');
  }

  /** Stops the timer and sets it back to the full length. */
  reset(): void {
    this.#stop();
    this.#announce('reset');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page while running: it keeps time from the clock, so it simply goes on.
    if (this.running) this.#startTicking();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTicking();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('minutes')) this.#stop();
  }

  override render() {
    const choices: number[] = [...TIMER_MINUTES];
    if (!choices.includes(this.#duration)) choices.push(this.#duration);
    choices.sort((a, b) => a - b);
    const paused = !this.running && !this.finished && this.#remainingMs < this.#duration * 60_000;
    return html`
      <div part="base" class="base" role="group" aria-label=${msg('Tidtaker')}>
        <div class="display">
          <span id="time-label" class="label">${msg('Gjenstående tid')}</span>
          <span
            part="time"
            class=${classMap({ time: true, finished: this.finished })}
            role="timer"
            aria-live="off"
            aria-labelledby="time-label"
            >${formatTimeLeft(this.seconds * 1000, { fixedMinutes: true })}</span
          >
        </div>
        <div part="controls" class="controls">
          <label for="minutes">${msg('Varighet')}</label>
          <select id="minutes" @change=${this.#onMinutesChange}>
            ${choices.map(
              (choice) =>
                html`<option value=${choice} ?selected=${choice === this.#duration}>
                  ${plural(choice, {
                    one: () => msg(str`${choice} minutt`, { id: 'timer.minutes.one' }),
                    two: () => msg(str`${choice} minutter`, { id: 'timer.minutes.two' }),
                    other: () => msg(str`${choice} minutter`, { id: 'timer.minutes.other' }),
                  })}
                </option>`,
            )}
          </select>
          <button type="button" part="start-button" class="primary toggle" @click=${this.#onToggle}>
            ${this.running ? msg('Pause') : paused ? msg('Fortsett') : msg('Start')}
          </button>
          <button type="button" part="reset-button" class="reset" @click=${() => this.reset()}>${msg('Nullstill')}</button>
        </div>
        ${this.finished ? html`<p part="message" class="message">${msg('Tiden er ute!')}</p>` : nothing}
      </div>
    `;
  }

  #announcementText(announcement: Announcement): string {
    const minutes = this.#duration;
    switch (announcement) {
      case 'start':
        return plural(minutes, {
          one: () => msg(str`Tidtakeren går: ${minutes} minutt`, { id: 'timer.running.one' }),
          two: () => msg(str`Tidtakeren går: ${minutes} minutter`, { id: 'timer.running.two' }),
          other: () => msg(str`Tidtakeren går: ${minutes} minutter`, { id: 'timer.running.other' }),
        });
      case 'resume':
        return msg('Tidtakeren går videre');
      case 'pause':
        return msg('Tidtakeren er satt på pause');
      case 'reset':
        return msg('Tidtakeren er nullstilt');
      case 'end':
        return msg('Tiden er ute');
    }
  }

  /** Says it through the page's one live region. */
  #announce(announcement: Announcement): void {
    announce(this.#announcementText(announcement));
  }

  #onToggle(): void {
    if (this.running) this.pause();
    else this.start();
  }

  #onMinutesChange(event: Event): void {
    this.minutes = Number((event.target as HTMLSelectElement).value);
  }

  #set(milliseconds: number): void {
    this.#remainingMs = milliseconds;
    this.seconds = Math.ceil(milliseconds / 1000);
  }

  /** Back to the full length, not running, nothing said. */
  #stop(): void {
    this.#stopTicking();
    this.running = false;
    this.finished = false;
    this.#set(this.#duration * 60_000);
  }

  #startTicking(): void {
    this.#stopTicking();
    this.#stopInterval = this.#clock.every(TICK_MS, this.#tick);
    // A tab coming back from the background shows the right time at once.
    document.addEventListener('visibilitychange', this.#tick);
  }

  #stopTicking(): void {
    this.#stopInterval?.();
    this.#stopInterval = undefined;
    document.removeEventListener('visibilitychange', this.#tick);
  }

  readonly #tick = (): void => {
    if (!this.running) return;
    const left = this.#endsAt - this.#clock.now();
    if (left > 0) {
      this.#set(left);
      return;
    }
    this.#stopTicking();
    this.#set(0);
    this.running = false;
    this.finished = true;
    this.#announce('end');
    emit(this, 'innovasjon-timer-end', { minutes: this.#duration });
  };
}
