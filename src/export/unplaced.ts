// What the content no longer has a place for: notes on removed cards, actions on
// removed steps. For the Markdown export; apart from summary.ts, which the
// summary sheet (in the page's core) needs, so the core does not carry them.
import type { GuideContent } from '../content/types.js';
import type { Action, GuideDocument, Note } from '../store/types.js';
import { cardPlaces } from './summary.js';

/** Notes whose card the content does not have, in document order. */
export function unplacedNotes(document: GuideDocument, content: GuideContent): Note[] {
  const places = cardPlaces(content);
  return document.notes.filter((note) => !places.has(note.cardId));
}

/** Actions for a step number the content does not have, in document order. */
export function unplacedActions(document: GuideDocument, content: GuideContent): Action[] {
  const numbers = new Set(content.steps.map((step) => step.number));
  return document.actions.filter((action) => !numbers.has(action.step));
}
