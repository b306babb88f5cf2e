/**
 * A led session: which step the team works on and in which phase, set by the
 * facilitator (the *prosessleder*). Framework-free; what arrives from a room
 * is untrusted and read through `readSession`.
 */

export const PHASES = ['write', 'share', 'vote', 'agree'] as const;
export type Phase = (typeof PHASES)[number];

export interface SessionState {
  /** The step the phase belongs to (1–4); null with no phase. */
  readonly step: number | null;
  readonly phase: Phase | null;
  /** While voting, participants may still add notes. */
  readonly notesWhileVoting: boolean;
}

export const NO_SESSION: SessionState = Object.freeze({ step: null, phase: null, notesWhileVoting: false });

const isPhase = (value: unknown): value is Phase => typeof value === 'string' && (PHASES as readonly string[]).includes(value);
const isStep = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 4;

/** The session state in `raw` (from a room or a host), or no session where it is not one. */
export function readSession(raw: unknown): SessionState {
  if (!raw || typeof raw !== 'object') return NO_SESSION;
  const { step, phase, notesWhileVoting } = raw as Record<string, unknown>;
  if (!isPhase(phase) || !isStep(step)) return NO_SESSION;
  return { step, phase, notesWhileVoting: notesWhileVoting === true };
}

/** Checks what a facilitator asks for; throws a TypeError naming what is wrong. */
export function nextSession(phase: Phase | null, { step, notesWhileVoting = false }: { step: number; notesWhileVoting?: boolean }): SessionState {
  if (phase === null) return NO_SESSION;
  if (!isPhase(phase)) throw new TypeError(`phase must be one of ${PHASES.join(', ')} or null, got ${String(phase)}`);
  if (!isStep(step)) throw new TypeError(`step must be 1, 2, 3 or 4, got ${String(step)}`);
  return { step, phase, notesWhileVoting: notesWhileVoting === true };
}

/** What a person may do on one step; with no phase on it, everything (as without a session). */
export interface StepControls {
  /** Add new notes. */
  readonly addNotes: boolean;
  /** A visible one-click vote button on every note (votes are given only then while a phase is set). */
  readonly voteButtons: boolean;
  /** Vote from the note's menu. */
  readonly votes: boolean;
  /** Add and change follow-up actions. */
  readonly actions: boolean;
}

const EVERYTHING: StepControls = { addNotes: true, voteButtons: false, votes: true, actions: true };

/**
 * The phase table (README, «Faser»): what a participant and a facilitator get
 * on the step the phase is set on. Editing, moving and deleting one's own notes
 * stay open in every phase.
 */
export function controlsFor(session: SessionState, step: number, facilitator: boolean): StepControls {
  if (session.phase === null || session.step !== step) return EVERYTHING;
  switch (session.phase) {
    case 'write':
    case 'share':
      return { addNotes: true, voteButtons: false, votes: false, actions: facilitator };
    case 'vote':
      return { addNotes: facilitator || session.notesWhileVoting, voteButtons: true, votes: true, actions: facilitator };
    case 'agree':
      return { addNotes: facilitator, voteButtons: false, votes: false, actions: true };
  }
}
