import { msg, str } from '@lit/localize';
import { css, html, nothing, type CSSResult, type LitElement } from 'lit';
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

/* Shown only in a narrow guide (the guide is the container); elsewhere the toggle is hidden and the text shows. */
const foldStyles: CSSResult = css`
  .about-toggle {
    display: none;
  }
  .about-toggle[aria-expanded='true'] {
    background: var(--_surface-alt);
  }
  @container (max-width: 30rem) {
    .about-toggle {
      display: inline-flex;
      align-items: center;
      margin: 0 0 0.75rem;
    }
    .about-toggle::before {
      content: '▸' / '';
      margin-inline-end: 0.4rem;
    }
    .about-toggle[aria-expanded='true']::before {
      content: '▾' / '';
    }
    .folds:not(.open) {
      display: none;
    }
  }
`;

/** Whether «Om trinnet» is open, per step element. */
const unfolded = new WeakSet<LitElement>();

/**
 * The step's intro, the phase and its guidance, and while writing is hidden the counts. In a guide's room while the team
 * writes, they fold under «Om trinnet», a disclosure only a narrow guide shows: the room's bar says the phase and time
 * left, so the first card follows the title.
 */
export function renderSession(
  step: LitElement & { presentation: boolean },
  intro: unknown,
  guide: { nested: boolean; room?: { presence: readonly PresenceEntry[] }; session: { state: SessionState; now(): number }; hiddenNotes: { notes: readonly unknown[] } },
) {
  const { state } = guide.session;
  const content = html`${intro} ${renderPhase(state, () => guide.session.now())}
  ${state.hidden ? renderHiddenCounts(guide.hiddenNotes.notes.length, guide.room?.presence ?? []) : nothing}`;
  if (!guide.nested || !guide.room || state.phase !== 'write' || step.presentation) return content;
  const root = step.shadowRoot;
  if (root && !root.adoptedStyleSheets.includes(foldStyles.styleSheet!)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, foldStyles.styleSheet!];
  const open = unfolded.has(step);
  const toggle = () => {
    if (open) unfolded.delete(step);
    else unfolded.add(step);
    step.requestUpdate();
  };
  return html`<button type="button" class="about-toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls="about" @click=${toggle}>
      ${msg('Om trinnet', { id: 'collab.step-about' })}
    </button>
    <div id="about" class=${open ? 'folds open' : 'folds'}>${content}</div>`;
}
