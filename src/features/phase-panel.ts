// The facilitator's controls: the phase on the step shown. Fetched the first
// time the facilitator opens «Led økten».
import { msg, str } from '@lit/localize';
import { html } from 'lit';
import { phaseName } from '../internal/phase-name.js';
import { PHASES, type Phase, type SessionState } from '../store/session.js';

/** What the panel needs from the guide. */
export interface PhasePanelHost {
  /** The sheet shown: 1–4 are steps. */
  readonly step: number;
  readonly session: SessionState;
  setPhase(phase: Phase | null, options?: { step?: number; notesWhileVoting?: boolean }): void;
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
      ><input type="radio" name="phase" .checked=${here === phase} @change=${() => set(phase, phase === 'vote' && session.notesWhileVoting)} />
      ${label}</label
    >`;
  return html`<fieldset part="phase-panel" class="phase-panel">
    <legend>${msg(str`Fase på trinn ${step}`, { id: 'lead.legend' })}</legend>
    ${session.phase && session.step !== step
      ? html`<p class="elsewhere">${msg(str`Nå: ${phaseName(session.phase)} på trinn ${session.step}.`, { id: 'lead.elsewhere' })}</p>`
      : ''}
    ${option(null, msg('Ingen fase', { id: 'lead.none' }))} ${PHASES.map((phase) => option(phase, phaseName(phase)))}
    ${here === 'vote'
      ? html`<label class="allow"
          ><input type="checkbox" .checked=${session.notesWhileVoting} @change=${(event: Event) => set('vote', (event.target as HTMLInputElement).checked)} />
          ${msg('Nye lapper er lov mens dere stemmer', { id: 'lead.notes-while-voting' })}</label
        >`
      : ''}
  </fieldset>`;
}
