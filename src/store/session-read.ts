// The session as a room holds it: its session map's entries, and the reader of
// what arrives from a room (untrusted). Apart from session.ts so the page's core,
// which reads no room, does not carry it: the live room's chunk imports it.
import { isPhase, isStep, NO_SESSION, PHASE_SPECS, TIMER_LIMITS, type SessionState, type SessionTimer } from './session.js';

/** The session as a room's session map holds it: one plain value per key (docs/collab-schema.md). */
export const sessionEntries = (session: SessionState): [keyof SessionState, unknown][] => [
  ['step', session.step],
  ['phase', session.phase],
  ['notesWhileVoting', session.notesWhileVoting],
  ['hidden', session.hidden],
  ['timer', session.timer ? { ...session.timer } : null],
];

/** A timer from a room, or null where it is not one. */
export function readTimer(raw: unknown): SessionTimer | null {
  if (!raw || typeof raw !== 'object') return null;
  const { startedAt, duration, endsPhase } = raw as Record<string, unknown>;
  if (typeof startedAt !== 'number' || !Number.isFinite(startedAt) || startedAt < 0) return null;
  if (typeof duration !== 'number' || !(duration >= TIMER_LIMITS.min && duration <= TIMER_LIMITS.max)) return null;
  return { startedAt, duration, endsPhase: endsPhase === true };
}

/** The session state in `raw` (from a room or a host), or no session where it is not one. */
export function readSession(raw: unknown): SessionState {
  if (!raw || typeof raw !== 'object') return NO_SESSION;
  const { step, phase, notesWhileVoting, hidden, timer } = raw as Record<string, unknown>;
  if (!isPhase(phase) || !isStep(step)) return NO_SESSION;
  return { step, phase, notesWhileVoting: notesWhileVoting === true, hidden: PHASE_SPECS[phase].hiddenWriting === true && hidden === true, timer: readTimer(timer) };
}
