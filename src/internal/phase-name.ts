import { msg } from '@lit/localize';
import type { Phase } from '../store/session.js';

/** A phase's name as the guide shows it. */
export function phaseName(phase: Phase): string {
  switch (phase) {
    case 'write':
      return msg('Skriv', { id: 'phase.write' });
    case 'share':
      return msg('Del og sorter', { id: 'phase.share' });
    case 'vote':
      return msg('Stem', { id: 'phase.vote' });
    case 'agree':
      return msg('Bli enige', { id: 'phase.agree' });
  }
}
