/**
 * A led session: which step the team works on and in which phase, set by the
 * facilitator (the *prosessleder*). Framework-free; what arrives from a room
 * is untrusted and read through `readSession`.
 */

/** The phases in the order the facilitator moves through them; what each is: {@link PHASE_SPECS}. */
export const PHASES = ['write', 'share', 'vote', 'agree'] as const;
export type Phase = (typeof PHASES)[number];

/** The session's timebox: a start on the server's clock and a length, so every screen shows the same time left. */
export interface SessionTimer {
  /** When it started, in milliseconds on the server's clock; 0 while the server has yet to stamp it. */
  readonly startedAt: number;
  readonly duration: number;
  /** When the time is up, the phase ends (the server moves the session on, even with nobody leading it). */
  readonly endsPhase: boolean;
}

export interface SessionState {
  /** The step the phase belongs to (1–4); null with no phase. */
  readonly step: number | null;
  readonly phase: Phase | null;
  /** While voting, participants may still add notes. */
  readonly notesWhileVoting: boolean;
  /** Hidden writing (*Skriv* only): new notes stay on each writer's device until the facilitator reveals them. */
  readonly hidden: boolean;
  readonly timer: SessionTimer | null;
}

export const NO_SESSION: SessionState = Object.freeze({ step: null, phase: null, notesWhileVoting: false, hidden: false, timer: null });

/** A timebox lasts from one second to four hours. */
export const TIMER_LIMITS = Object.freeze({ min: 1000, max: 4 * 3600_000 });

/** The phase that follows `phase` when its time is up; the last one ends the phases. */
export const phaseAfter = (phase: Phase): Phase | null => PHASES[PHASES.indexOf(phase) + 1] ?? null;

export const isPhase = (value: unknown): value is Phase => typeof value === 'string' && (PHASES as readonly string[]).includes(value);
export const isStep = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 4;

/** Checks what a facilitator asks for (a new phase has no timer yet); throws a TypeError naming what is wrong. */
export function nextSession(
  phase: Phase | null,
  { step, notesWhileVoting = false, hidden = false }: { step: number; notesWhileVoting?: boolean; hidden?: boolean },
): SessionState {
  if (phase === null) return NO_SESSION;
  if (!isPhase(phase)) throw new TypeError(`phase must be one of ${PHASES.join(', ')} or null, got ${String(phase)}`);
  if (!isStep(step)) throw new TypeError(`step must be 1, 2, 3 or 4, got ${String(step)}`);
  // (Only the write phase has hidden writing today; the message names it rather than carrying the lookup into the bundle.)
  if (hidden === true && !PHASE_SPECS[phase].hiddenWriting) throw new TypeError(`hidden writing is for the write phase, not ${phase}`);
  return { step, phase, notesWhileVoting: notesWhileVoting === true, hidden: hidden === true, timer: null };
}

/** A timebox the facilitator asks for, to be stamped with the server's clock; throws a TypeError when it is out of range. */
export function requestedTimer(seconds: number, endsPhase = false): SessionTimer {
  const duration = Math.round(seconds * 1000);
  if (!(duration >= TIMER_LIMITS.min && duration <= TIMER_LIMITS.max)) {
    throw new TypeError(`seconds must be between ${TIMER_LIMITS.min / 1000} and ${TIMER_LIMITS.max / 1000}, got ${String(seconds)}`);
  }
  return { startedAt: 0, duration, endsPhase: endsPhase === true };
}

/** The session after its timebox ran out: the phase ends if the timer said so; the timer is gone either way. */
export function afterTimeUp(session: SessionState): SessionState {
  if (!session.timer?.endsPhase || session.phase === null) return { ...session, timer: null };
  const phase = phaseAfter(session.phase);
  return phase === null ? NO_SESSION : { ...session, phase, hidden: false, timer: null };
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

/** What a phase is and allows, beside its name and guidance (the element layer's `PHASE_WORDS`, keyed by the same {@link Phase}). */
export interface PhaseSpec {
  /** What a participant and a facilitator get on the step the phase is set on. */
  controls(facilitator: boolean, session: SessionState): StepControls;
  /** The facilitator may hide what is written: new notes stay on each writer's device until revealed. */
  readonly hiddenWriting?: boolean;
  /** The facilitator may let participants add notes during it (`notesWhileVoting`). */
  readonly lateNotes?: boolean;
}

const writing = (facilitator: boolean): StepControls => ({ addNotes: true, voteButtons: false, votes: false, actions: facilitator });

/**
 * Every phase, declared once (README, «Faser»; docs/architecture.md, «Add a phase»): the session's
 * rules, the facilitator's panel and the announcements read it. Editing, moving and deleting one's
 * own notes stay open in every phase. {@link PHASES} gives their order.
 */
export const PHASE_SPECS: { readonly [P in Phase]: PhaseSpec } = {
  write: { controls: writing, hiddenWriting: true },
  share: { controls: writing },
  vote: {
    controls: (facilitator, session) => ({ addNotes: facilitator || session.notesWhileVoting, voteButtons: true, votes: true, actions: facilitator }),
    lateNotes: true,
  },
  agree: { controls: (facilitator) => ({ addNotes: facilitator, voteButtons: false, votes: false, actions: true }) },
};

/** What a person may do on `step` in the session: its phase's controls there, everything elsewhere. */
export function controlsFor(session: SessionState, step: number, facilitator: boolean): StepControls {
  if (session.phase === null || session.step !== step) return EVERYTHING;
  return PHASE_SPECS[session.phase].controls(facilitator, session);
}

/** Thrown when someone who does not lead the session tries to change it; nothing changes. */
export class SessionRoleError extends Error {
  override name = 'SessionRoleError';
  constructor() {
    super('Only the facilitator (prosessleder) can change the session.');
  }
}

/** Where a guide's session lives (on this page, or in the live room's session document) and who may change it. */
export interface SessionKeeper {
  readonly state: SessionState;
  /** Whether this person leads the session. */
  readonly canLead: boolean;
  /** False until the session is known (a room's session document has synced once); hidden notes wait for it. */
  readonly ready?: boolean;
  /** Nobody's token says who leads (open development mode): this page may take the lead. */
  readonly mayTakeLead?: boolean;
  takeLead?(): void;
  /** Sets the session; throws a {@link SessionRoleError} when `canLead` is false. A timer asked for (`startedAt` 0) is stamped with the session's clock. */
  set(next: SessionState): void;
  /** The session's clock (the server's, in a live room), in milliseconds since 1970. */
  now(): number;
  subscribe(listener: () => void): () => void;
}
