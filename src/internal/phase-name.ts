import { msg } from '@lit/localize';
import type { Phase } from '../store/session.js';

/**
 * A phase's name as the guide shows and announces it, one per phase of `PHASE_SPECS`
 * (src/store/session.ts); its guidance is in `src/features/session-view.ts`, the chunk a session loads.
 */
const PHASE_NAMES: { readonly [P in Phase]: () => string } = {
  write: () => msg('Skriv', { id: 'phase.write' }),
  share: () => msg('Del og sorter', { id: 'phase.share' }),
  vote: () => msg('Stem', { id: 'phase.vote' }),
  agree: () => msg('Bli enige', { id: 'phase.agree' }),
};

/** A phase's name as the guide shows it. */
export const phaseName = (phase: Phase): string => PHASE_NAMES[phase]();
