// The facilitator's controls: the phase on the step shown. Fetched the first
// time the facilitator opens «Led økten».
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { leadTranslations } from '../generated/locales/lead/loaders.js';
import { addTranslations } from '../localization.js';
import { countdown } from '../internal/countdown.js';
import { phaseName } from '../internal/phase-name.js';
import { PHASE_SPECS, PHASES, type Phase, type SessionState } from '../store/session.js';

// Its own translations (src/generated/locales/lead/), added before the panel renders.
await addTranslations(leadTranslations);

/** What the panel needs from the guide. */
export interface PhasePanelHost {
  /** The sheet shown: 1–4 are steps. */
  readonly step: number;
  readonly session: SessionState;
  setPhase(phase: Phase | null, options?: { step?: number; notesWhileVoting?: boolean; hidden?: boolean }): void;
  reveal(): void;
  startTimer(seconds: number, options?: { endsPhase?: boolean }): void;
  stopTimer(): void;
  /** The session's clock (the server's in a live room). */
  sessionNow(): number;
  /** Puts focus on `selector` once the panel has rendered: a control that replaces the one pressed. */
  focusSoon(selector: string): void;
}

/** Native radio buttons (arrow keys move between them) for the phase on the step shown. */
export function renderPhasePanel(host: PhasePanelHost) {
  const { step, session } = host;
  if (step < 1 || step > 4) {
    return html`<p class="phase-panel">${msg('Gå til et trinn for å sette en fase på det.', { id: 'lead.no-step' })}</p>`;
  }
  const here = session.step === step ? session.phase : null;
  const set = (phase: Phase | null, notesWhileVoting = session.notesWhileVoting) => host.setPhase(phase, { step, notesWhileVoting });
  const option = (phase: Phase | null, label: string) =>
    html`<label
      ><input type="radio" name="phase" .checked=${here === phase} @change=${() => set(phase, phase !== null && PHASE_SPECS[phase].lateNotes && session.notesWhileVoting)} />
      ${label}</label
    >`;
  return html`<fieldset part="phase-panel" class="phase-panel">
    <legend>${msg(str`Fase på trinn ${step}`, { id: 'lead.legend' })}</legend>
    ${session.phase && session.step !== step
      ? html`<p class="elsewhere">${msg(str`Nå: ${phaseName(session.phase)} på trinn ${session.step}.`, { id: 'lead.elsewhere' })}</p>`
      : ''}
    ${option(null, msg('Ingen fase', { id: 'lead.none' }))} ${PHASES.map((phase) => option(phase, phaseName(phase)))}
    ${here && PHASE_SPECS[here].lateNotes
      ? html`<label class="allow"
          ><input type="checkbox" .checked=${session.notesWhileVoting} @change=${(event: Event) => set(here, (event.target as HTMLInputElement).checked)} />
          ${msg('Nye lapper er lov mens dere stemmer', { id: 'lead.notes-while-voting' })}</label
        >`
      : ''}
    ${here && PHASE_SPECS[here].hiddenWriting && !session.hidden
      ? html`<button
          type="button"
          class="hide-writing"
          @click=${() => {
            host.setPhase(here, { step, hidden: true });
            host.focusSoon('.reveal');
          }}
        >
          ${msg('Skjul det som skrives', { id: 'lead.hide' })}
        </button>`
      : nothing}
    ${here && PHASE_SPECS[here].hiddenWriting && session.hidden
      ? html`<p class="hidden-on">${msg('Skrivingen er skjult: hver lapp blir hos den som skrev den.', { id: 'lead.hidden-on' })}</p>
          <button
            type="button"
            class="reveal"
            @click=${() => {
              host.reveal();
              host.focusSoon('.hide-writing');
            }}
          >
            ${msg('Vis alle lappene', { id: 'lead.reveal' })}
          </button>`
      : nothing}
    ${here ? renderTimebox(host) : nothing}
  </fieldset>`;
}

/** The phase's timebox: its length and whether the phase ends with it, or the time left and Stop. */
function renderTimebox(host: PhasePanelHost) {
  const { timer } = host.session;
  if (timer) {
    return html`<div class="timebox">
      <span role="timer">${msg('Tid igjen:', { id: 'phase.time-left' })}
        ${timer.startedAt > 0 ? countdown(timer.startedAt + timer.duration, timer.duration, () => host.sessionNow()) : '…'}</span>
      <button
        type="button"
        class="stop-timer"
        @click=${() => {
          host.stopTimer();
          host.focusSoon('.start-timer');
        }}
      >
        ${msg('Stopp tidsboksen', { id: 'lead.timer-stop' })}
      </button>
    </div>`;
  }
  const start = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const minutes = Number((form.elements.namedItem('minutes') as HTMLInputElement).value);
    const endsPhase = (form.elements.namedItem('ends-phase') as HTMLInputElement).checked;
    host.startTimer(minutes * 60, { endsPhase });
    host.focusSoon('.stop-timer');
  };
  return html`<form class="timebox" @submit=${start}>
    <label>${msg('Minutter', { id: 'lead.timer-minutes' })}
      <input name="minutes" type="number" min="1" max="240" step="1" value="5" required /></label>
    <label><input name="ends-phase" type="checkbox" />
      ${msg('Gå videre til neste fase når tiden er ute', { id: 'lead.timer-ends-phase' })}</label>
    <button type="submit" class="start-timer">${msg('Start tidsboks', { id: 'lead.timer-start' })}</button>
  </form>`;
}
