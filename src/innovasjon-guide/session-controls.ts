// The guide's part in a led session and in a live room: a chunk (src/internal/load-feature.ts), fetched
// when a session starts, a room opens, or the person first opens «Led økten», so a first use of a step
// without either does not carry it.
import { msg, str } from '@lit/localize';
import { css, html, nothing, type CSSResult, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { LiveRoom } from '../collab/live-room.js';
import { announce } from '../internal/announcer.js';
import { countdown } from '../internal/countdown.js';
import { loadFeature } from '../internal/load-feature.js';
import { phaseName } from '../internal/phase-name.js';
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

/** What the guide puts into the room's bar: its own parts, rendered by their owners. */
export interface BarParts {
  /** The live room (once its chunk has arrived). */
  readonly room?: LiveRoom;
  /** The connection and who is here (`<innovasjon-rom-status compact>`). */
  readonly status: unknown;
  /** The rare actions (print, presentation, downloads, import, the name, the timer), shown in the menu. */
  readonly menu: unknown;
  /** The workshop's parts for a room started with `collab-start`: bar buttons, their panels, menu items. */
  readonly workshop?: { controls: unknown; panels: unknown; menu: unknown };
}

const barStyles: CSSResult = css`
  .room-bar {
    display: grid;
    gap: 0.5rem;
    margin: 0 0 1rem;
  }
  .bar-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding: 0.35rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .bar-row innovasjon-rom-status {
    flex: 1 1 16rem;
  }
  .bar-phase {
    margin: 0;
  }
  .bar-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-inline-start: auto;
  }
  .bar-actions button[aria-expanded='true'] {
    background: var(--_surface-alt);
  }
  .room-menu,
  .room-bar .lead,
  .room-bar .take-lead {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 0.5rem 1rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .room-menu > * {
    margin: 0;
  }
  .room-menu .toolbar,
  .room-menu .participant {
    flex: 1 1 100%;
    margin: 0;
  }
  .room-menu .remove-question {
    flex: 1 1 100%;
    margin: 0;
  }
  /* A narrow guide's step list, below the sheet. */
  .pager + nav {
    margin-block-start: 1.5rem;
  }
  .room-menu .menu-follow,
  .menu-toggle .menu-icon {
    display: none;
  }
  /* A narrow guide (a phone, a CMS column; the guide is the container): one compact row (the connection in a
     word, who is here as a count, the phase and time left, «Flere valg»); following the facilitator moves into the menu. */
  @container (max-width: 30rem) {
    .room-bar {
      gap: 0.35rem;
      margin-block-end: 0.75rem;
    }
    .bar-row {
      gap: 0.25rem 0.5rem;
      padding: 0.25rem;
      font-size: 0.9rem;
    }
    .bar-row innovasjon-rom-status {
      flex: none;
    }
    .bar-row button {
      padding-inline: 0.5rem;
    }
    /* The phase and time left take the room left in the row, on two lines if need be, rather than a row of their own. */
    .bar-phase {
      flex: 1 1 4.5rem;
      min-inline-size: 0;
      line-height: 1.2;
      font-variant-numeric: tabular-nums;
    }
    .bar-actions {
      gap: 0.35rem;
    }
    .bar-actions .follow {
      display: none;
    }
    /* «Flere valg» as ⋯ (its name stays «Flere valg»). */
    .menu-toggle {
      min-inline-size: 2.75rem;
      min-block-size: 2.75rem;
    }
    .menu-toggle .menu-icon {
      display: inline;
      font-weight: 700;
    }
    .bar-phase .time-label,
    .menu-toggle .menu-label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .room-menu .menu-follow {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      flex: 1 1 100%;
    }
  }
  @media print {
    .room-bar {
      display: none;
    }
  }
`;

/**
 * The guide's part in a led session: «Led økten» and its phase panel (a chunk)
 * for the facilitator; for everyone else, following the facilitator's step
 * («Følg prosesslederen») or going alone («Gå på egen hånd»), and in open
 * development mode «Jeg leder økten».
 */
export class SessionControls implements ReactiveController {
  #panel?: typeof import('../features/phase-panel.js');
  #open = false;
  /** The room's menu of rare actions is open. */
  #menuOpen = false;
  /** *Fjern fra denne enheten* is asked once more before it is done. */
  #confirmingRemoval = false;
  #following = true;
  /** The facilitator's step last followed; a new one moves a follower there. */
  #seenStep: number | null = null;

  /** The guide is narrow (a phone, a CMS column: 30rem, as the bar's container query). */
  #narrow = false;
  readonly #width = new ResizeObserver(([entry]) => {
    const narrow = entry.contentRect.width <= 30 * (parseFloat(getComputedStyle(document.documentElement).fontSize) || 16);
    if (narrow === this.#narrow) return;
    this.#narrow = narrow;
    this.host.requestUpdate();
  });

  constructor(
    private readonly host: SessionHost,
    private readonly keeper: () => SessionKeeper,
  ) {
    host.addController(this);
    const root = host.shadowRoot;
    if (root && !root.adoptedStyleSheets.includes(barStyles.styleSheet!)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, barStyles.styleSheet!];
  }

  hostConnected(): void {
    this.#width.observe(this.host);
  }

  hostDisconnected(): void {
    this.#width.disconnect();
  }

  /** Whether the guide is narrow: in a room, its step list goes below the sheet. */
  get narrow(): boolean {
    return this.#narrow;
  }

  /** Whether «Led økten»'s phase panel is open. */
  get leadOpen(): boolean {
    return Boolean(this.#panel && this.#open);
  }

  /** Opens or closes «Led økten»'s phase panel (its own chunk, fetched the first time). */
  toggleLead(): Promise<void> {
    return this.#toggleLead();
  }

  /** The phase panel while «Led økten» is open; the guide renders the button (outside a room, before this chunk). */
  renderLeadPanel() {
    return this.leadOpen ? this.#panel!.renderPhasePanel(this.#panelHost) : nothing;
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

  /**
   * The room's one compact bar: the connection and who is here, the phase and time left, and the buttons
   * that open the facilitator's controls, the workshop's panels and the menu of rare actions.
   */
  renderBar(parts: BarParts) {
    const { phase, step, timer } = this.host.session;
    const lead = this.host.canLead && !this.host.readonly;
    const following = !lead && !this.host.readonly && phase !== null && step !== null;
    const menuLabel = msg('Flere valg', { id: 'collab.bar-menu' });
    return html`<section class="room-bar" part="room-bar" aria-label=${msg('Rommet', { id: 'collab.bar-label' })}>
      <div class="bar-row">
        ${parts.status}
        ${phase !== null && step !== null
          ? html`<p class="bar-phase">
              <strong>${msg(str`${phaseName(phase)} på trinn ${step}`, { id: 'collab.bar-phase' })}</strong>${timer && timer.startedAt > 0
                ? html`, <span role="timer"><span class="time-label">${msg('Tid igjen:', { id: 'phase.time-left' })}</span>
                      ${countdown(timer.startedAt + timer.duration, timer.duration, () => this.keeper().now())}</span
                    >`
                : nothing}
            </p>`
          : nothing}
        <div class="bar-actions">
          ${lead
            ? html`<button type="button" class="lead-toggle" aria-expanded=${this.leadOpen ? 'true' : 'false'} @click=${() => this.#toggleLead()}>
                ${msg('Led økten', { id: 'session.lead-toggle' })}
              </button>`
            : nothing}
          ${following ? html`<span class="follow">${this.#renderFollow(step!)}</span>` : nothing}
          ${parts.workshop?.controls ?? nothing}
          <button
            type="button"
            class="menu-toggle"
            aria-expanded=${this.#menuOpen ? 'true' : 'false'}
            aria-controls="room-menu"
            @click=${() => this.#toggleMenu()}
          >
            <span class="menu-icon" aria-hidden="true">⋯</span><span class="menu-label">${menuLabel}</span>
          </button>
        </div>
      </div>
      ${this.#menuOpen
        ? html`<div id="room-menu" class="room-menu" role="group" aria-label=${menuLabel} @keydown=${this.#onMenuKeydown}>
            ${following ? html`<p class="menu-follow">${this.#renderFollow(step!, 'menu-follow-toggle')}</p>` : nothing} ${parts.menu}
            ${parts.workshop?.menu ?? nothing} ${this.#renderRemove(parts.room)}
          </div>`
        : nothing}
      ${lead && this.leadOpen ? html`<div class="lead">${this.renderLeadPanel()}</div>` : nothing}
      ${parts.workshop?.panels ?? nothing} ${this.host.readonly ? nothing : this.#renderTakeLead()}
    </section>`;
  }

  /** Whether the menu of rare actions is open. */
  get menuOpen(): boolean {
    return this.#menuOpen;
  }

  #toggleMenu(open = !this.#menuOpen): void {
    this.#menuOpen = open;
    this.#confirmingRemoval = false;
    this.host.requestUpdate();
    if (open) this.#focusSoon('.room-menu button, .room-menu input');
  }

  #onMenuKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    // Escape closes the menu and gives focus back to the button that opened it (a dialog inside handles its own first).
    event.preventDefault();
    event.stopPropagation();
    this.#toggleMenu(false);
    this.#focusSoon('.menu-toggle');
  };

  /** Focuses the first element matching `selector` that is shown (a narrow guide's menu holds parts a wide one hides). */
  #focusSoon(selector: string): void {
    void this.host.updateComplete.then(() =>
      [...(this.host.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])].find((element) => element.getClientRects().length > 0)?.focus(),
    );
  }

  /** *Fjern fra denne enheten*: the room's copy (and a workshop's credential) leave this device, once confirmed. */
  #renderRemove(room: LiveRoom | undefined) {
    if (!room || room.removedFromDevice) return nothing;
    const label = msg('Fjern fra denne enheten', { id: 'collab.remove-device' });
    if (!this.#confirmingRemoval) {
      return html`<button
        type="button"
        class="remove-device"
        @click=${() => {
          this.#confirmingRemoval = true;
          this.host.requestUpdate();
          this.#focusSoon('.room-menu .cancel-remove');
        }}
      >
        ${label}
      </button>`;
    }
    return html`<div class="remove-question" role="group" aria-label=${label}>
      <p id="remove-question">
        ${msg('Kopien av rommet på denne enheten slettes, med skjulte lapper og navnet du har skrevet inn (bra på en delt PC). Det som er lagret på serveren, og de andres lapper, er ikke rørt.', { id: 'collab.remove-question' })}
      </p>
      <button
        type="button"
        class="confirm-remove"
        aria-describedby="remove-question"
        @click=${() => {
          this.#confirmingRemoval = false;
          this.#menuOpen = false;
          this.host.requestUpdate();
          this.#focusSoon('.menu-toggle');
          void room.removeFromDevice();
        }}
      >
        ${msg('Fjern', { id: 'collab.remove' })}
      </button>
      <button
        type="button"
        class="cancel-remove"
        @click=${() => {
          this.#confirmingRemoval = false;
          this.host.requestUpdate();
          this.#focusSoon('.room-menu .remove-device');
        }}
      >
        ${msg('Avbryt', { id: 'collab.cancel' })}
      </button>
    </div>`;
  }

  #renderTakeLead() {
    return this.keeper().mayTakeLead
      ? html`<div class="take-lead">
          <button type="button" @click=${() => this.keeper().takeLead?.()}>${msg('Jeg leder økten', { id: 'collab.take-lead' })}</button>
          <p class="hint">
            ${msg('Bare for å prøve ut: serveren kjører uten pålogging, så hvem som helst kan ta denne rollen.', { id: 'collab.take-lead-hint' })}
          </p>
        </div>`
      : nothing;
  }

  render() {
    if (this.host.readonly) return nothing;
    if (this.host.canLead) return nothing; // the guide renders «Led økten» and asks for renderLeadPanel()
    const { phase, step } = this.host.session;
    return html`${phase !== null && step !== null ? html`<div class="follow">${this.#renderFollow(step)}</div>` : nothing}
    ${this.#renderTakeLead()}`;
  }

  /** Whether this person follows the facilitator's step, and the button that changes it. */
  #renderFollow(step: number, toggle = 'follow-toggle') {
    return html`<span class="follow-state"
        >${this.#following
          ? msg(str`Du følger prosesslederen (trinn ${step}).`, { id: 'collab.follow-on' })
          : msg('Du går på egen hånd.', { id: 'collab.follow-off' })}</span
      >
      <button type="button" class=${toggle} @click=${() => this.#toggleFollowing()}>
        ${this.#following ? msg('Gå på egen hånd', { id: 'collab.follow-leave' }) : msg('Følg prosesslederen', { id: 'collab.follow-join' })}
      </button>`;
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

  async #toggleLead(open = !this.#open): Promise<void> {
    if (!open) {
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
