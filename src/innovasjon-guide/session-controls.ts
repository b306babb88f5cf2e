import { msg, str } from '@lit/localize';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { announce } from '../internal/announcer.js';
import { loadFeature } from '../internal/load-feature.js';
import type { SessionKeeper } from '../sources/session-keeper.js';
import type { Phase } from '../store/session.js';

/** What the session controls need from the guide. */
export interface SessionHost extends ReactiveControllerHost, HTMLElement {
  readonly readonly: boolean;
  readonly canLead: boolean;
  /** The sheet shown. */
  readonly step: number;
  readonly session: SessionKeeper['state'];
  setPhase(phase: Phase | null, options?: { step?: number; notesWhileVoting?: boolean; hidden?: boolean }): void;
  reveal(): void;
  startTimer(seconds: number, options?: { endsPhase?: boolean }): void;
  stopTimer(): void;
  /** Shows another sheet as a person's own navigation does (event, focus). */
  goTo(step: number, options: { focus: boolean }): Promise<void>;
}

/**
 * The guide's part in a led session: «Led økten» and its phase panel (a chunk)
 * for the facilitator; for everyone else, following the facilitator's step
 * («Følg prosesslederen») or going alone («Gå på egen hånd»), and in open
 * development mode «Jeg leder økten».
 */
export class SessionControls implements ReactiveController {
  #panel?: typeof import('../features/phase-panel.js');
  #open = false;
  #following = true;
  /** The facilitator's step last followed; a new one moves a follower there. */
  #seenStep: number | null = null;

  constructor(
    private readonly host: SessionHost,
    private readonly keeper: () => SessionKeeper,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const { step } = this.host.session;
    if (step === this.#seenStep) return;
    this.#seenStep = step;
    if (step === null || this.host.canLead || !this.#following || this.host.step === step) return;
    // Focus follows only if it was on the sheet that goes away; otherwise the person's place is kept.
    const focusOnSheet = Boolean(this.host.shadowRoot?.activeElement?.closest('.sheet'));
    void this.host.goTo(step, { focus: focusOnSheet });
    announce(msg(str`Prosesslederen er på trinn ${step}. Du følger med.`, { id: 'collab.follow-moved' }));
  }

  /** The person went to another sheet themselves: they go alone until they follow again. */
  wentElsewhere(step: number): void {
    if (this.host.session.step !== null && step !== this.host.session.step && this.#following && !this.host.canLead) {
      this.#following = false;
      this.host.requestUpdate();
    }
  }

  render() {
    if (this.host.readonly) return nothing;
    if (this.host.canLead) return this.#renderLead();
    const session = this.keeper();
    const { phase, step } = this.host.session;
    return html`${phase !== null && step !== null
      ? html`<div class="follow">
          <p>
            ${this.#following
              ? msg(str`Du følger prosesslederen (trinn ${step}).`, { id: 'collab.follow-on' })
              : msg('Du går på egen hånd.', { id: 'collab.follow-off' })}
          </p>
          <button type="button" class="follow-toggle" @click=${() => this.#toggleFollowing()}>
            ${this.#following ? msg('Gå på egen hånd', { id: 'collab.follow-leave' }) : msg('Følg prosesslederen', { id: 'collab.follow-join' })}
          </button>
        </div>`
      : nothing}
    ${session.mayTakeLead
      ? html`<div class="take-lead">
          <button type="button" @click=${() => session.takeLead?.()}>${msg('Jeg leder økten', { id: 'collab.take-lead' })}</button>
          <p class="hint">
            ${msg('Bare for å prøve ut: serveren kjører uten pålogging, så hvem som helst kan ta denne rollen.', { id: 'collab.take-lead-hint' })}
          </p>
        </div>`
      : nothing}`;
  }

  #toggleFollowing(): void {
    this.#following = !this.#following;
    this.host.requestUpdate();
    const { step } = this.host.session;
    if (this.#following && step !== null && step !== this.host.step) void this.host.goTo(step, { focus: false });
    announce(
      this.#following
        ? msg(str`Du følger prosesslederen (trinn ${step}).`, { id: 'collab.follow-on' })
        : msg('Du går på egen hånd.', { id: 'collab.follow-off' }),
    );
  }

  #renderLead() {
    const open = Boolean(this.#panel && this.#open);
    return html`<div class="lead">
      <button type="button" class="lead-toggle" aria-expanded=${open ? 'true' : 'false'} @click=${() => this.#toggleLead()}>
        ${msg('Led økten', { id: 'session.lead-toggle' })}
      </button>
      ${open ? this.#panel!.renderPhasePanel(this.#panelHost) : nothing}
    </div>`;
  }

  /** What the panel works on: the guide, with the session's clock. */
  get #panelHost() {
    const { host, keeper } = this;
    return {
      get step() {
        return host.step;
      },
      get session() {
        return host.session;
      },
      setPhase: host.setPhase.bind(host),
      reveal: host.reveal.bind(host),
      startTimer: host.startTimer.bind(host),
      stopTimer: host.stopTimer.bind(host),
      sessionNow: () => keeper().now(),
      focusSoon: (selector: string) =>
        void host.updateComplete.then(() => host.shadowRoot?.querySelector<HTMLElement>(`.phase-panel ${selector}`)?.focus()),
    };
  }

  async #toggleLead(): Promise<void> {
    if (this.#open) {
      this.#open = false;
      this.host.requestUpdate();
      return;
    }
    try {
      this.#panel ??= await loadFeature(this.host, 'phasePanel');
    } catch {
      return; // told already; the button stays for another try
    }
    this.#open = true;
    this.host.requestUpdate();
  }
}
