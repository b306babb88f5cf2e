import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { PresenceEntry } from '../collab/room-connection.js';
import { setSound, soundOn } from '../internal/chime.js';
import { countdown } from '../internal/countdown.js';
import { noteCount } from '../internal/note-count.js';
import { phaseName } from '../internal/phase-name.js';
import type { Phase, SessionState } from '../store/session.js';

// What a led session shows on a step: the phase, its guidance and time left,
// and the hidden notes' counts. A chunk of its own,
// fetched when a session first sets a phase (src/internal/load-feature.ts), so
// the first use of a step without a session does not carry it.

export type SessionView = typeof import('./session-view.js');

/** What each phase asks of the team, one per phase of `PHASE_SPECS` (src/store/session.ts); its name is `phaseName`. */
const PHASE_GUIDANCE: { readonly [P in Phase]: (notesWhileVoting: boolean) => string } = {
  write: () => msg('Skriv lappene dine. Avstemming og oppfølging kommer senere.', { id: 'phase.write.guidance' }),
  share: () => msg('Del lappene med hverandre, og sorter dem sammen.', { id: 'phase.share.guidance' }),
  vote: (notesWhileVoting) =>
    notesWhileVoting
      ? msg('Stem på lappene som betyr mest.', { id: 'phase.vote.guidance-open' })
      : msg('Stem på lappene som betyr mest. Nye lapper venter til neste fase.', { id: 'phase.vote.guidance' }),
  agree: () => msg('Bli enige om hva som skal skje videre, og skriv det inn under Oppfølging.', { id: 'phase.agree.guidance' }),
};

/** The phase the facilitator set on this step, and what it asks of the team. */
export function renderPhase({ phase, notesWhileVoting, timer }: SessionState, now: () => number) {
  if (phase === null) return nothing;
  const guidance = () => PHASE_GUIDANCE[phase](notesWhileVoting);
  return html`<p part="phase" class="phase">
    <strong>${msg(str`Fase: ${phaseName(phase)}`, { id: 'phase.current' })}.</strong> ${guidance()}
    ${timer && timer.startedAt > 0
      ? html`<span class="time-left" role="timer">${msg('Tid igjen:', { id: 'phase.time-left' })}
            <span class="clock">${countdown(timer.startedAt + timer.duration, timer.duration, now)}</span></span
          ><label class="sound"
            ><input type="checkbox" .checked=${soundOn()} @change=${(event: Event) => setSound((event.target as HTMLInputElement).checked)} />
            ${msg('Lyd når tiden er ute', { id: 'phase.sound' })}</label
          >`
      : nothing}
  </p>`;
}

/** While writing is hidden: how many notes each person holds, never what they say. */
export function renderHiddenCounts(own: number, presence: readonly PresenceEntry[]) {
  const others = presence.filter((person) => !person.self && person.hidden);
  const names = others.map((person) => msg(str`${person.name || msg('uten navn')}: ${noteCount(person.hidden ?? 0)}`, { id: 'collab.hidden-count-of' }));
  return html`<p class="hidden-explain">
      ${msg('Skjult skriving: lappene dine blir på denne enheten til prosesslederen viser alle. De andre ser bare hvor mange du har skrevet.', { id: 'hidden.explain' })}
    </p>
    <p class="hidden-counts">
    ${msg(str`Skjulte lapper – du: ${noteCount(own)}`, { id: 'hidden.counts-own' })}${names.length ? html`; ${names.join('; ')}` : nothing}.
  </p>`;
}
